/**
 * Who may use which time-off endpoint and whose records it reaches (API.md §4.11, §5; CATALOGUE TimeOff,
 * Me/TimeOff, Manage/Timesheets, TimeOffTypes, Me/TimeOffTypes, Users, Manage/Users, TimeOffRequests,
 * Me/TimeOffRequests, Manage/TimeOffRequests, Holidays, HolidayTypes, HolidayEntries), pure.
 *
 *   time-off entries   /Me: own · /TimeOff: Admin · /Manage/Timesheets/TimeOff: read Lock timesheets,
 *                      write Override timesheets — each for the people the permission reaches
 *   types              list/get: Admin, Add/Edit Employment Types or View People · new: Admin, View People
 *                      or Add/Edit People · POST/PATCH, associations from the type's side: Admin
 *   a person's types   /Users/{id}/TimeOffTypes: Admin or Add/Edit People (its reach) · BalanceAdjustments,
 *                      BalanceHistory, the balance-settings PATCH (extension): Admin ·
 *                      /Manage/Users/{id}/TimeOffTypes: Admin, Review timesheets, Approve Time Off or
 *                      Add/Edit People (the union of their reach) · …/FutureBalance: Admin or View People
 *   requests           /Me: own · /TimeOffRequests GET: Admin, Lock timesheets or Approve Time Off;
 *                      POST and Actions: Admin · /Manage/TimeOffRequests: Admin, or Approve Time Off for
 *                      the requests the manager is the approver of
 *
 * A permission reaches everyone with the All scope; with Divisions the people of the manager's permission
 * divisions; and, at any scope, the people the manager is the approver of: their timesheet approver for
 * the timesheet permissions, their time-off approver (or the request type's default approver) for Approve
 * Time Off (API.md §5: "a manager approves only people he is approver for"). Records beyond the reach are
 * not found (404); a caller without any of the permissions gets 403.
 */
import { forbidden } from '../../errors.js';
import { hasPermission, isAdmin, scopeOf, type Actor, type PermissionName } from '../../lib/permissions.js';

export type EntryScope = 'me' | 'root' | 'manage';
export type RequestScope = 'me' | 'root' | 'manage';

/** Whom a caller reaches; every condition that is set widens it (a union). */
export interface Reach {
  all: boolean;
  /** The caller alone (the /Me scope). */
  self?: string;
  /** People in these divisions. */
  divisionIds: readonly string[];
  /** People whose TimesheetApproverID is this person. */
  timesheetApproverOf?: string;
  /** People whose TimeOffApproverID is this person. */
  timeOffApproverOf?: string;
  /** Requests of a type whose DefaultApproverID is this person (requests only). */
  typeApproverOf?: string;
}

export const EVERYONE: Reach = { all: true, divisionIds: [] };
export const NOBODY: Reach = { all: false, divisionIds: [] };
export const selfOnly = (userId: string): Reach => ({ all: false, self: userId, divisionIds: [] });

export function isNobody(r: Reach): boolean {
  return (
    !r.all &&
    r.self === undefined &&
    r.divisionIds.length === 0 &&
    r.timesheetApproverOf === undefined &&
    r.timeOffApproverOf === undefined &&
    r.typeApproverOf === undefined
  );
}

export function union(...reaches: Reach[]): Reach {
  const out: Reach = { all: reaches.some((r) => r.all), divisionIds: [] };
  const divisions = new Set<string>();
  for (const r of reaches) {
    for (const d of r.divisionIds) divisions.add(d);
    out.self ??= r.self;
    out.timesheetApproverOf ??= r.timesheetApproverOf;
    out.timeOffApproverOf ??= r.timeOffApproverOf;
    out.typeApproverOf ??= r.typeApproverOf;
  }
  out.divisionIds = [...divisions];
  return out;
}

export type Relation = 'timesheet' | 'timeOff' | 'none';

/** The reach of one manager permission; null when the caller does not hold it. */
export function permissionReach(actor: Actor, permission: PermissionName, relation: Relation): Reach | null {
  if (isAdmin(actor)) return EVERYONE;
  const s = scopeOf(actor, permission);
  if (s.kind === 'none') return null;
  if (s.kind === 'all') return EVERYONE;
  const r: Reach = { all: false, divisionIds: s.kind === 'divisions' ? s.divisionIds : [] };
  if (relation === 'timesheet') r.timesheetApproverOf = actor.userId;
  if (relation === 'timeOff') {
    r.timeOffApproverOf = actor.userId;
    r.typeApproverOf = actor.userId;
  }
  return r;
}

export interface PersonRef {
  id: string;
  divisionId: string | null;
  timesheetApproverId: string | null;
  timeOffApproverId: string | null;
}

/** Whether the reach covers the person (and, for a request, its type's default approver). */
export function reaches(reach: Reach, person: PersonRef, typeApproverId: string | null = null): boolean {
  if (reach.all) return true;
  if (reach.self !== undefined && person.id === reach.self) return true;
  if (person.divisionId !== null && reach.divisionIds.includes(person.divisionId)) return true;
  if (reach.timesheetApproverOf !== undefined && person.timesheetApproverId === reach.timesheetApproverOf)
    return true;
  if (reach.timeOffApproverOf !== undefined && person.timeOffApproverId === reach.timeOffApproverOf)
    return true;
  return reach.typeApproverOf !== undefined && typeApproverId === reach.typeApproverOf;
}

function need(reach: Reach | null, message: string): Reach {
  if (!reach) throw forbidden(message);
  return reach;
}

// ——— time-off entries ———

export function entryReadReach(actor: Actor, scope: EntryScope): Reach {
  switch (scope) {
    case 'me':
      return selfOnly(actor.userId);
    case 'root':
      if (!isAdmin(actor)) throw forbidden('Only an Admin can use /TimeOff; use /Me/TimeOff for your own.');
      return EVERYONE;
    case 'manage':
      return need(
        permissionReach(actor, 'Lock timesheets', 'timesheet'),
        'You need the Lock timesheets permission.',
      );
  }
}

export function entryWriteReach(actor: Actor, scope: EntryScope): Reach {
  switch (scope) {
    case 'me':
      return selfOnly(actor.userId);
    case 'root':
      return entryReadReach(actor, 'root');
    case 'manage':
      return need(
        permissionReach(actor, 'Override timesheets', 'timesheet'),
        'You need the Override timesheets permission.',
      );
  }
}

/** Root and /Manage writes pass the timesheet state checks (lockSheetsForEdit's `override`); /Me never. */
export const entryOverrides = (scope: EntryScope): boolean => scope !== 'me';

// ——— types ———

export const canReadTypes = (a: Actor): boolean =>
  hasPermission(a, 'Add/Edit Employment Types') || hasPermission(a, 'View People');
export const canTemplateTypes = (a: Actor): boolean =>
  hasPermission(a, 'View People') || hasPermission(a, 'Add/Edit People');
export const canEditTypes = isAdmin;
/** DefaultApproverID, Default* balances, AccountingPackageID, CustomFields: Admin (CATALOGUE "who"). */
export const seesTypeAdminFields = isAdmin;
/** Notes of the root model: Admin or Add/Edit People. */
export const seesTypeNotes = (a: Actor): boolean => hasPermission(a, 'Add/Edit People');

export function requireReadTypes(a: Actor): void {
  if (!canReadTypes(a)) {
    throw forbidden('You need to be an Admin or hold Add/Edit Employment Types or View People.');
  }
}

// ——— a person's types and balances ———

export type PersonTypesScope = 'users' | 'manage' | 'manageFuture';

export function personTypesReach(actor: Actor, scope: PersonTypesScope): Reach {
  switch (scope) {
    case 'users':
      return need(
        permissionReach(actor, 'Add/Edit People', 'none'),
        'You need to be an Admin or hold Add/Edit People.',
      );
    case 'manage': {
      const held = [
        permissionReach(actor, 'Review timesheets', 'timesheet'),
        permissionReach(actor, 'Approve Time Off', 'timeOff'),
        permissionReach(actor, 'Add/Edit People', 'none'),
      ].filter((r): r is Reach => r !== null);
      if (held.length === 0) {
        throw forbidden('You need Review timesheets, Approve Time Off or Add/Edit People.');
      }
      const r = union(...held);
      // typeApproverOf only applies to requests.
      delete r.typeApproverOf;
      return r;
    }
    case 'manageFuture':
      return need(permissionReach(actor, 'View People', 'none'), 'You need the View People permission.');
  }
}

export const canAdjustBalances = isAdmin;

// ——— requests ———

export function requestReadReach(actor: Actor, scope: RequestScope, withPermission?: PermissionName): Reach {
  switch (scope) {
    case 'me':
      return selfOnly(actor.userId);
    case 'root': {
      if (isAdmin(actor)) return EVERYONE;
      const lock = permissionReach(actor, 'Lock timesheets', 'timesheet');
      const approve = permissionReach(actor, 'Approve Time Off', 'timeOff');
      if (!lock && !approve) {
        throw forbidden('You need to be an Admin or hold Lock timesheets or Approve Time Off.');
      }
      if (withPermission === 'Lock timesheets') return lock ?? NOBODY;
      if (withPermission === 'Approve Time Off') return approve ?? NOBODY;
      // Another permission does not open time-off requests: nothing is within its reach here.
      if (withPermission !== undefined) return NOBODY;
      return union(...[lock, approve].filter((r): r is Reach => r !== null));
    }
    case 'manage':
      if (isAdmin(actor)) return EVERYONE;
      if (!hasPermission(actor, 'Approve Time Off'))
        throw forbidden('You need the Approve Time Off permission.');
      return {
        all: false,
        divisionIds: [],
        timeOffApproverOf: actor.userId,
        typeApproverOf: actor.userId,
      };
  }
}

/** Notes and History of the root model: Admin, or Approve Time Off asked for with WithPermission. */
export function seesRequestDetails(
  actor: Actor,
  scope: RequestScope,
  withPermission?: PermissionName,
): boolean {
  if (scope !== 'root' || isAdmin(actor)) return true;
  return withPermission === 'Approve Time Off' && hasPermission(actor, 'Approve Time Off');
}

/** Root POST (on behalf) and root Actions: Admin. */
export function requireRootRequestWrite(actor: Actor): void {
  if (!isAdmin(actor)) throw forbidden('Only an Admin can do this through /TimeOffRequests.');
}

// ——— holidays, associations ———

export const canEditHolidays = isAdmin;
export const canReadHolidayEntries = isAdmin;

export const canReadEmploymentTypeLinks = (a: Actor): boolean =>
  hasPermission(a, 'View Employment Types') || hasPermission(a, 'Add/Edit Employment Types');
export const canEditEmploymentTypeLinks = (a: Actor): boolean =>
  hasPermission(a, 'Add/Edit Employment Types');
