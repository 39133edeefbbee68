/**
 * Who may read and write whose time (API.md §4.9, §5; CATALOGUE TimeEntries, Me/TimeEntries,
 * Manage/Timesheets). Pure functions of the actor.
 *
 *   /Me/TimeEntries                 the caller's own entries, any security level
 *   /TimeEntries                    read: Admin, or Review timesheets with the All scope
 *                                   write: Admin, or Override timesheets — for the people it reaches
 *   /Manage/Timesheets/TimeEntries  read: Lock timesheets; write: Override timesheets — each for the people
 *                                   it reaches
 * A permission reaches everyone with the All scope; with Divisions the people of the manager's permission
 * divisions; and at any scope the people whose timesheet approver the manager is — the same reach as the
 * timesheets module's (timesheets.policy.ts), so a manager's entries and sheets always agree. Entries of
 * people beyond the reach are not found (404); a caller without the permission gets 403.
 *
 * Writes through /TimeEntries and /Manage pass the timesheet state checks (`override`); /Me writes never
 * do, an Admin's included (the lockSheetsForEdit contract of src/server/modules/timesheets/index.ts).
 */
import { forbidden } from '../../errors.js';
import { hasPermission, isAdmin, scopeOf, type Actor, type PermissionName } from '../../lib/permissions.js';

export type EntryScope = 'me' | 'root' | 'manage';

/** Whose entries a caller may act on. */
export type People =
  | { kind: 'self'; userId: string }
  | { kind: 'all' }
  /** The people of these divisions, and the people whose timesheet approver is `approverId`. */
  | { kind: 'some'; divisionIds: readonly string[]; approverId: string }
  | { kind: 'none' };

export function reachOf(actor: Actor, permission: PermissionName): People {
  if (isAdmin(actor)) return { kind: 'all' };
  const s = scopeOf(actor, permission);
  switch (s.kind) {
    case 'all':
      return { kind: 'all' };
    case 'divisions':
      return { kind: 'some', divisionIds: s.divisionIds, approverId: actor.userId };
    case 'projects':
      return { kind: 'some', divisionIds: [], approverId: actor.userId };
    case 'none':
      return { kind: 'none' };
  }
}

export function readPeople(actor: Actor, scope: EntryScope): People {
  switch (scope) {
    case 'me':
      return { kind: 'self', userId: actor.userId };
    case 'root':
      if (!hasPermission(actor, 'Review timesheets', { all: true })) {
        throw forbidden('You need to be an Admin or hold Review timesheets for all people.');
      }
      return { kind: 'all' };
    case 'manage': {
      const reach = reachOf(actor, 'Lock timesheets');
      if (reach.kind === 'none') throw forbidden('You need the Lock timesheets permission.');
      return reach;
    }
  }
}

export function writePeople(actor: Actor, scope: EntryScope): People {
  if (scope === 'me') return { kind: 'self', userId: actor.userId };
  const reach = reachOf(actor, 'Override timesheets');
  if (reach.kind === 'none')
    throw forbidden('You need to be an Admin or hold the Override timesheets permission.');
  return reach;
}

export interface Owner {
  id: string;
  divisionId: string | null;
  timesheetApproverId: string | null;
}

export function covers(people: People, owner: Owner): boolean {
  switch (people.kind) {
    case 'self':
      return owner.id === people.userId;
    case 'all':
      return true;
    case 'some':
      return (
        owner.timesheetApproverId === people.approverId ||
        (owner.divisionId !== null && people.divisionIds.includes(owner.divisionId))
      );
    case 'none':
      return false;
  }
}

/** Whether the timesheet state checks and Company.LockDate are skipped: root and /Manage writes only. */
export const overrides = (scope: EntryScope): boolean => scope !== 'me';

export interface EntryVisibility {
  billingRate: boolean;
  costRate: boolean;
}

/** BillingRate: Admin, View (or Add/Edit) Billingrates; CostRate: Admin, View (or Add/Edit) Costs. */
export function entryVisibility(actor: Actor): EntryVisibility {
  return {
    billingRate: hasPermission(actor, 'View Billingrates') || hasPermission(actor, 'Add/Edit Billingrates'),
    costRate: hasPermission(actor, 'View Costs') || hasPermission(actor, 'Add/Edit Costs'),
  };
}

/** BillingRate and CostRate in a body: Admin only (CATALOGUE Post/Patch.TimeEntryModel_*). */
export const canSetRates = isAdmin;

/** Admin timers (/Timers): Admin only. */
export const canManageTimers = isAdmin;
