/**
 * The timesheet workflow (API.md §4.10, §6.2), pure: which actions a sheet's state allows, which of
 * those a caller may perform, and where each leads. docs/adr/0007-timesheet-periods.md has the table.
 *
 *            ┌──────────── UndoSubmit / RemoveApprovals ───────────┐
 *            ▼                                                      │
 *   Open ──Submit──▶ Waiting ──Approve──▶ Approved ──UndoApproval──▶ Waiting
 *    ▲  (subject to     │  └──Reject──▶ Rejected ──Submit──▶ Waiting
 *    │   approval)      └──UndoSubmit──▶ Open
 *    └──Submit (not subject to approval, or the module is off) ──▶ Approved ("auto-approved":
 *       ApprovedByUserID null; UndoSubmit or UndoApproval take it back to Open)
 *
 *   Lock: Open | Rejected | Waiting | Approved ──▶ Locked;  Unlock: Locked ──▶ the status before Lock.
 *
 * JobHold (project approvals): Submit leads there instead when the sheet has time on jobs needing a
 * project manager's approval; JobApproval is decided outside this table, in timesheets.job-approvals.ts.
 * TORAHold and TimeOffRequestApproval are not produced yet (409). From JobHold or TORAHold a sheet can
 * still be taken back with UndoSubmit, RemoveApprovals or Lock.
 */
import type { TimesheetAction, TimesheetStatus } from '../../../contract/timesheets.js';

export type WorkflowAction = Exclude<TimesheetAction, 'None' | 'JobApproval' | 'TimeOffRequestApproval'>;

/** Actions outside this state machine (JobApproval: timesheets.job-approvals.ts; the others: 409). */
export const UNSUPPORTED_ACTIONS: readonly TimesheetAction[] = [
  'None',
  'JobApproval',
  'TimeOffRequestApproval',
];

export const isWorkflowAction = (a: TimesheetAction): a is WorkflowAction => !UNSUPPORTED_ACTIONS.includes(a);

export interface SheetState {
  status: TimesheetStatus;
  /** The status a Lock replaced (only while Locked). */
  statusBeforeLock: TimesheetStatus | null;
  /** Approved without an approver (Submit by a person not subject to approval). */
  autoApproved: boolean;
  /** The owner is subject to timesheet approval now, and the TimesheetApprovals module is on. */
  approvalRequired: boolean;
}

export type ActionScope = 'me' | 'root' | 'manage';

/** What the caller is to this sheet. `lock` is true only when the Lock timesheets permission reaches the owner. */
export interface CallerRole {
  scope: ActionScope;
  isOwner: boolean;
  isAdmin: boolean;
  /** The owner's TimesheetApproverID names the caller. */
  isApprover: boolean;
  lock: boolean;
  /** Company.AllowManagerUnapproval. */
  allowManagerUnapproval: boolean;
}

/** Actions the state allows for someone. */
export function stateActions(s: SheetState): WorkflowAction[] {
  switch (s.status) {
    case 'Open':
    case 'Rejected':
      return ['Submit', 'Lock'];
    case 'Waiting':
      return ['Approve', 'Reject', 'UndoSubmit', 'RemoveApprovals', 'Lock'];
    case 'Approved':
      return s.autoApproved
        ? ['UndoSubmit', 'UndoApproval', 'RemoveApprovals', 'Lock']
        : ['UndoApproval', 'RemoveApprovals', 'Lock'];
    case 'Locked':
      return ['Unlock'];
    case 'JobHold':
    case 'TORAHold':
      return ['UndoSubmit', 'RemoveApprovals', 'Lock'];
  }
}

/**
 * Whether this caller may perform the action at all (state aside). /Me acts only as the owner; on the
 * root and /Manage scopes approvers act only for the people they approve, unless Admin.
 */
export function callerMay(action: WorkflowAction, r: CallerRole): boolean {
  if (r.scope === 'me') return r.isOwner && (action === 'Submit' || action === 'UndoSubmit');
  const approver = r.isApprover && r.lock;
  switch (action) {
    case 'Submit':
      return r.isOwner || r.isAdmin;
    case 'UndoSubmit':
      return r.isOwner || r.isAdmin || approver;
    case 'Approve':
    case 'Reject':
      return r.isAdmin || approver;
    case 'UndoApproval':
    case 'RemoveApprovals':
      return r.isAdmin || (approver && r.allowManagerUnapproval);
    case 'Lock':
    case 'Unlock':
      return r.isAdmin || r.lock;
  }
}

/** The actions valid now for this caller, in the catalogue's order (by Action name). */
export function availableActions(s: SheetState, r: CallerRole): WorkflowAction[] {
  return stateActions(s)
    .filter((a) => callerMay(a, r))
    .sort();
}

/** Where an action leads; only called for an action that stateActions allows. */
export function nextStatus(s: SheetState, action: WorkflowAction): TimesheetStatus {
  switch (action) {
    case 'Submit':
      return s.approvalRequired ? 'Waiting' : 'Approved';
    case 'UndoSubmit':
    case 'RemoveApprovals':
      return 'Open';
    case 'Approve':
      return 'Approved';
    case 'Reject':
      return 'Rejected';
    case 'UndoApproval':
      return s.autoApproved ? 'Open' : 'Waiting';
    case 'Lock':
      return 'Locked';
    case 'Unlock':
      return s.statusBeforeLock ?? 'Open';
  }
}

/** Statuses whose entries their owner may change (API.md §6.1): Open and Rejected. */
export const EDITABLE_STATUSES: readonly TimesheetStatus[] = ['Open', 'Rejected'];
