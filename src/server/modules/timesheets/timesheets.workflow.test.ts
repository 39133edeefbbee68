import { describe, expect, it } from 'vitest';
import type { Actor, PermissionName } from '../../lib/permissions.js';
import { endpointReach, mayOverrideEntriesOf, reaches, reachOf } from './timesheets.policy.js';
import {
  availableActions,
  callerMay,
  nextStatus,
  stateActions,
  type CallerRole,
  type SheetState,
  type WorkflowAction,
} from './timesheets.workflow.js';

const state = (s: Partial<SheetState> & Pick<SheetState, 'status'>): SheetState => ({
  statusBeforeLock: null,
  autoApproved: false,
  approvalRequired: true,
  ...s,
});
const role = (r: Partial<CallerRole>): CallerRole => ({
  scope: 'root',
  isOwner: false,
  isAdmin: false,
  isApprover: false,
  lock: false,
  allowManagerUnapproval: true,
  ...r,
});

const owner = role({ scope: 'me', isOwner: true });
const approver = role({ scope: 'manage', isApprover: true, lock: true });
const locker = role({ scope: 'manage', lock: true });
const admin = role({ isAdmin: true, lock: true });

describe('the state machine', () => {
  // state × action → next state (the table in docs/adr/0007-timesheet-periods.md).
  const table: [SheetState, WorkflowAction, string][] = [
    [state({ status: 'Open' }), 'Submit', 'Waiting'],
    [state({ status: 'Open', approvalRequired: false }), 'Submit', 'Approved'],
    [state({ status: 'Rejected' }), 'Submit', 'Waiting'],
    [state({ status: 'Open' }), 'Lock', 'Locked'],
    [state({ status: 'Waiting' }), 'Approve', 'Approved'],
    [state({ status: 'Waiting' }), 'Reject', 'Rejected'],
    [state({ status: 'Waiting' }), 'UndoSubmit', 'Open'],
    [state({ status: 'Waiting' }), 'RemoveApprovals', 'Open'],
    [state({ status: 'Approved' }), 'UndoApproval', 'Waiting'],
    [state({ status: 'Approved', autoApproved: true }), 'UndoApproval', 'Open'],
    [state({ status: 'Approved', autoApproved: true }), 'UndoSubmit', 'Open'],
    [state({ status: 'Approved' }), 'RemoveApprovals', 'Open'],
    [state({ status: 'Approved' }), 'Lock', 'Locked'],
    [state({ status: 'Locked', statusBeforeLock: 'Approved' }), 'Unlock', 'Approved'],
    [state({ status: 'Locked', statusBeforeLock: 'Rejected' }), 'Unlock', 'Rejected'],
  ];
  it.each(table)('%j --%s--> %s', (s, action, next) => {
    expect(stateActions(s)).toContain(action);
    expect(nextStatus(s, action)).toBe(next);
  });

  it('allows exactly these actions per state', () => {
    expect(stateActions(state({ status: 'Open' }))).toEqual(['Submit', 'Lock']);
    expect(stateActions(state({ status: 'Rejected' }))).toEqual(['Submit', 'Lock']);
    expect(stateActions(state({ status: 'Waiting' })).sort()).toEqual([
      'Approve',
      'Lock',
      'Reject',
      'RemoveApprovals',
      'UndoSubmit',
    ]);
    expect(stateActions(state({ status: 'Approved' })).sort()).toEqual([
      'Lock',
      'RemoveApprovals',
      'UndoApproval',
    ]);
    expect(stateActions(state({ status: 'Locked', statusBeforeLock: 'Open' }))).toEqual(['Unlock']);
    expect(stateActions(state({ status: 'JobHold' })).sort()).toEqual([
      'Lock',
      'RemoveApprovals',
      'UndoSubmit',
    ]);
  });
});

describe('who may act', () => {
  const all: WorkflowAction[] = [
    'Approve',
    'Lock',
    'Reject',
    'RemoveApprovals',
    'Submit',
    'UndoApproval',
    'UndoSubmit',
    'Unlock',
  ];
  const may = (r: CallerRole) => all.filter((a) => callerMay(a, r));

  it('gives each role its actions', () => {
    expect(may(owner)).toEqual(['Submit', 'UndoSubmit']);
    // Even an Admin acts only as the owner through /Me.
    expect(may(role({ scope: 'me', isOwner: true, isAdmin: true, lock: true }))).toEqual([
      'Submit',
      'UndoSubmit',
    ]);
    expect(may(approver)).toEqual([
      'Approve',
      'Lock',
      'Reject',
      'RemoveApprovals',
      'UndoApproval',
      'UndoSubmit',
      'Unlock',
    ]);
    expect(may({ ...approver, allowManagerUnapproval: false })).toEqual([
      'Approve',
      'Lock',
      'Reject',
      'UndoSubmit',
      'Unlock',
    ]);
    // The approver without Lock timesheets reaching the person may do nothing.
    expect(may(role({ scope: 'manage', isApprover: true }))).toEqual([]);
    expect(may(locker)).toEqual(['Lock', 'Unlock']);
    expect(may(admin)).toEqual(all);
    expect(may({ ...admin, allowManagerUnapproval: false })).toEqual(all);
    expect(may(role({}))).toEqual([]);
  });

  it('lists only what is valid now for the caller, by name', () => {
    expect(availableActions(state({ status: 'Waiting' }), approver)).toEqual([
      'Approve',
      'Lock',
      'Reject',
      'RemoveApprovals',
      'UndoSubmit',
    ]);
    expect(availableActions(state({ status: 'Waiting' }), owner)).toEqual(['UndoSubmit']);
    expect(availableActions(state({ status: 'Approved' }), owner)).toEqual([]);
    expect(availableActions(state({ status: 'Approved', autoApproved: true }), owner)).toEqual([
      'UndoSubmit',
    ]);
    expect(availableActions(state({ status: 'Open' }), locker)).toEqual(['Lock']);
    expect(availableActions(state({ status: 'Locked', statusBeforeLock: 'Open' }), owner)).toEqual([]);
  });
});

describe('the policy table', () => {
  const actor = (
    securityLevel: Actor['securityLevel'],
    perms: [PermissionName, 'All' | 'Divisions' | 'Projects'][] = [],
    divisions: string[] = [],
  ): Actor => ({
    companyId: 'c',
    userId: 'me',
    securityLevel,
    permissions: new Map(perms),
    permissionDivisionIds: divisions,
  });
  const inD1 = { id: 'u', divisionId: 'd1', timesheetApproverId: null };
  const mine = { id: 'u', divisionId: 'd9', timesheetApproverId: 'me' };
  const elsewhere = { id: 'u', divisionId: 'd9', timesheetApproverId: null };

  it('root reads need Review timesheets with the All scope', () => {
    expect(endpointReach(actor('STANDARD'), 'root', 'read').kind).toBe('none');
    expect(
      endpointReach(actor('MANAGER', [['Review timesheets', 'Divisions']], ['d1']), 'root', 'read').kind,
    ).toBe('none');
    expect(endpointReach(actor('MANAGER', [['Review timesheets', 'All']]), 'root', 'read').kind).toBe('all');
    expect(endpointReach(actor('ADMIN'), 'root', 'read').kind).toBe('all');
  });

  it('Lock timesheets reaches its divisions and the approver’s people', () => {
    const divisions = actor('MANAGER', [['Lock timesheets', 'Divisions']], ['d1']);
    for (const scope of ['root', 'manage'] as const) {
      const r = endpointReach(divisions, scope, 'act');
      expect([reaches(r, inD1), reaches(r, mine), reaches(r, elsewhere)]).toEqual([true, true, false]);
    }
    const projects = reachOf(actor('MANAGER', [['Lock timesheets', 'Projects']]), 'Lock timesheets');
    expect([reaches(projects, inD1), reaches(projects, mine)]).toEqual([false, true]);
    expect(endpointReach(actor('MANAGER', [['Review timesheets', 'All']]), 'manage', 'read').kind).toBe(
      'none',
    );
  });

  it('/Me reaches only the caller', () => {
    const r = endpointReach(actor('ADMIN'), 'me', 'read');
    expect(reaches(r, { id: 'me', divisionId: null, timesheetApproverId: null })).toBe(true);
    expect(reaches(r, inD1)).toBe(false);
  });

  it('Override timesheets decides entry edits past the rules', () => {
    expect(mayOverrideEntriesOf(actor('ADMIN'), elsewhere)).toBe(true);
    expect(mayOverrideEntriesOf(actor('MANAGER', [['Override timesheets', 'Divisions']], ['d1']), inD1)).toBe(
      true,
    );
    expect(
      mayOverrideEntriesOf(actor('MANAGER', [['Override timesheets', 'Divisions']], ['d1']), elsewhere),
    ).toBe(false);
    expect(mayOverrideEntriesOf(actor('MANAGER', [['Lock timesheets', 'All']]), inD1)).toBe(false);
    expect(mayOverrideEntriesOf(actor('STANDARD'), inD1)).toBe(false);
  });
});
