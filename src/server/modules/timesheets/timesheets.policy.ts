/**
 * Who may use which timesheet endpoint, and whose sheets it reaches (API.md §4.10, §5; CATALOGUE
 * Timesheets, Me/Timesheets, Manage/Timesheets), pure. ONE table decides every endpoint:
 *
 *   endpoint                              /Me    root                                /Manage (module on)
 *   list, get, Users/{id}, History,       own    Review timesheets, All scope        Lock timesheets
 *   Actions GET, DayTotals, TimeEntries
 *   Actions POST                          own    Lock timesheets                     Lock timesheets
 *   editing others' entries (exported)     —     Override timesheets                 Override timesheets
 *
 * A permission reaches a person when its AccessLevel is All; for Divisions when the person is in one of
 * the manager's permission divisions; and, at any level, when the manager is the person's timesheet
 * approver. Admins reach everyone. Beyond its reach a sheet is not found (404); a caller without the
 * permission at all gets 403. Which actions a reached caller may perform is timesheets.workflow.ts.
 */
import { isAdmin, scopeOf, type Actor, type PermissionName } from '../../lib/permissions.js';

export type TimesheetScope = 'me' | 'root' | 'manage';

export type Endpoint = 'read' | 'act' | 'editEntries';

export const REVIEW: PermissionName = 'Review timesheets';
export const LOCK: PermissionName = 'Lock timesheets';
export const OVERRIDE: PermissionName = 'Override timesheets';

interface Rule {
  permission: PermissionName;
  /** The permission must have the All scope (the catalogue's "(all Jobs)"). */
  all: boolean;
}

export const POLICY: Record<Exclude<TimesheetScope, 'me'>, Record<Endpoint, Rule>> = {
  root: {
    read: { permission: REVIEW, all: true },
    act: { permission: LOCK, all: false },
    editEntries: { permission: OVERRIDE, all: false },
  },
  manage: {
    read: { permission: LOCK, all: false },
    act: { permission: LOCK, all: false },
    editEntries: { permission: OVERRIDE, all: false },
  },
};

/** /Manage/Timesheets needs the TimesheetApprovals module; the root and /Me scopes do not. */
export const needsApprovalsModule = (scope: TimesheetScope): boolean => scope === 'manage';

export interface Owner {
  id: string;
  divisionId: string | null;
  timesheetApproverId: string | null;
}

export type Reach =
  | { kind: 'all' }
  /** People in these divisions, and the people whose approver is `approverId`. */
  | { kind: 'some'; divisionIds: readonly string[]; approverId: string }
  | { kind: 'self'; userId: string }
  | { kind: 'none' };

/** Whom a manager permission reaches (`all`: only an All-scoped permission counts). */
export function reachOf(actor: Actor, permission: PermissionName, all = false): Reach {
  if (isAdmin(actor)) return { kind: 'all' };
  const s = scopeOf(actor, permission);
  switch (s.kind) {
    case 'all':
      return { kind: 'all' };
    case 'divisions':
      return all ? { kind: 'none' } : { kind: 'some', divisionIds: s.divisionIds, approverId: actor.userId };
    case 'projects':
      // Projects scope reaches people through the jobs a manager runs, which needs time entries to
      // link them; until then it reaches the people the manager approves.
      return all ? { kind: 'none' } : { kind: 'some', divisionIds: [], approverId: actor.userId };
    case 'none':
      return { kind: 'none' };
  }
}

/** The reach of an endpoint in a scope; { kind: 'none' } means 403. */
export function endpointReach(actor: Actor, scope: TimesheetScope, endpoint: Endpoint): Reach {
  if (scope === 'me')
    return endpoint === 'editEntries' ? { kind: 'none' } : { kind: 'self', userId: actor.userId };
  const rule = POLICY[scope][endpoint];
  return reachOf(actor, rule.permission, rule.all);
}

export function reaches(reach: Reach, owner: Owner): boolean {
  switch (reach.kind) {
    case 'all':
      return true;
    case 'none':
      return false;
    case 'self':
      return owner.id === reach.userId;
    case 'some':
      return (
        owner.timesheetApproverId === reach.approverId ||
        (owner.divisionId !== null && reach.divisionIds.includes(owner.divisionId))
      );
  }
}

/** The message of the 403 for an endpoint a caller may not use at all. */
export function deniedMessage(scope: TimesheetScope, endpoint: Endpoint): string {
  if (scope === 'me') return 'You may not do this.';
  const rule = POLICY[scope][endpoint];
  return `You need the ${rule.permission} permission${rule.all ? ' for all people' : ''}.`;
}

/**
 * For the time-entries module: whether the caller may change `owner`'s entries past the timesheet rules
 * (Admin, or Override timesheets reaching the owner) — pass the result as `override` to lockSheetsForEdit.
 */
export function mayOverrideEntriesOf(actor: Actor, owner: Owner): boolean {
  return reaches(reachOf(actor, OVERRIDE), owner);
}
