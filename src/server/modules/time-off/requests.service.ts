/**
 * Time-off requests (API.md §4.11, §6.3; Time Off Management module).
 *
 *   Submitted ──Approve──▶ Approved   (creates the TimeOff entries, each with TimeOffRequestID)
 *       │──────Reject───▶ Rejected   (a Comment is required)
 *       └──────Cancel───▶ Cancelled  (the requester, through /Me)
 *
 * A request names a leave type and 1…n days of at most a 90-day span (first to last day), each with hours;
 * a day given as a plain date, or without Hours, takes Company.DefaultTimeOffRequestHoursPerDay for its
 * weekday, and days with 0 hours (non-working days) are left out. The designated approver
 * (ApprovalByUserID while Submitted) is the person's TimeOffApproverID, else the type's DefaultApproverID;
 * once decided, ApprovalByUserID is whoever approved or rejected it.
 *
 * Every action runs in one transaction that locks the request row (FOR UPDATE on PostgreSQL; SQLite write
 * transactions are BEGIN IMMEDIATE), re-checks its status and moves it with a conditional UPDATE. Approval
 * first takes the person's timesheet lock for the request's days (lockSheetsForEdit), so entries appear
 * atomically with the status change, and two approvers at once get one 200 and one 409.
 */
import type {
  TimeOffRequestAction,
  TimeOffRequestActionMe,
  TimeOffRequestCreate,
} from '../../../contract/time-off.js';
import type { TimeOffRequestStatus } from '../../db/schema.js';
import type { Deps } from '../../deps.js';
import { AppError, FieldErrors, notFound } from '../../errors.js';
import type { Paging } from '../../http/paging.js';
import { isDate, weekdayOf, daysBetween, WEEK_DAYS } from '../../lib/periods.js';
import { isAdmin, type Actor, type PermissionName } from '../../lib/permissions.js';
import type { EffectiveSettings } from '../company/index.js';
import { lockSheetsForEdit, mayOverrideEntriesOf } from '../timesheets/index.js';
import { findUser, findUsers, type UserRecord } from '../users/index.js';
import { checkDayTotals, dayTotalError } from './entries.service.js';
import { insertEntry } from './entries.store.js';
import {
  findRequest,
  insertHistory,
  insertRequest,
  listRequests,
  lockRequest,
  transitionRequest,
  type RequestDay,
  type RequestFilter,
  type RequestRecord,
} from './requests.store.js';
import {
  allowedTypeIds,
  assertTimeOffManagement,
  at,
  checkPersonDate,
  checkUsableType,
  nameOf,
  settingsOf,
} from './time-off.common.js';
import { gridStep, parseDayHours } from './time-off.hours.js';
import {
  reaches,
  requestReadReach,
  requireRootRequestWrite,
  selfOnly,
  type Reach,
  type RequestScope,
} from './time-off.policy.js';
import { findType, findTypes } from './types.store.js';

/** The longest span of one request, first to last day inclusive (API.md §6.3). */
export const MAX_REQUEST_DAYS = 90;

export type RequestAction = 'Approve' | 'Reject' | 'Cancel';

async function gate(deps: Deps, actor: Actor, scope: RequestScope, withPermission?: PermissionName) {
  const settings = await settingsOf(deps, actor.companyId);
  assertTimeOffManagement(settings);
  return { settings, reach: requestReadReach(actor, scope, withPermission) };
}

export async function listRequestsFor(
  deps: Deps,
  actor: Actor,
  scope: RequestScope,
  filter: RequestFilter,
  paging: Paging,
  withPermission?: PermissionName,
) {
  const { reach } = await gate(deps, actor, scope, withPermission);
  return listRequests(deps.db, actor.companyId, { ...filter, reach }, paging);
}

async function reachable(deps: Deps, actor: Actor, reach: Reach, id: string) {
  const request = await findRequest(deps.db, actor.companyId, id);
  if (!request) throw notFound('time-off request');
  const [owner, type] = await Promise.all([
    findUser(deps.db, actor.companyId, request.userId),
    findType(deps.db, actor.companyId, request.typeId),
  ]);
  if (!owner || !reaches(reach, owner, type?.defaultApproverId ?? null)) throw notFound('time-off request');
  return { request, owner };
}

export async function getRequestFor(
  deps: Deps,
  actor: Actor,
  scope: RequestScope,
  id: string,
  withPermission?: PermissionName,
) {
  const { reach } = await gate(deps, actor, scope, withPermission);
  return (await reachable(deps, actor, reach, id)).request;
}

/** The actions the caller may perform now in this scope (the request is within the scope's reach). */
export function actionsOf(actor: Actor, scope: RequestScope, request: RequestRecord): RequestAction[] {
  if (request.status !== 'Submitted') return [];
  switch (scope) {
    case 'me':
      return request.userId === actor.userId ? ['Cancel'] : [];
    case 'root':
      return isAdmin(actor) ? ['Approve', 'Reject'] : [];
    case 'manage':
      return ['Approve', 'Reject'];
  }
}

export async function requestActions(deps: Deps, actor: Actor, scope: RequestScope, id: string) {
  if (scope === 'root') requireRootRequestWrite(actor);
  const { reach } = await gate(deps, actor, scope);
  return actionsOf(actor, scope, (await reachable(deps, actor, reach, id)).request);
}

// ——— creating ———

function defaultHours(settings: EffectiveSettings, date: string): number {
  const day = WEEK_DAYS[weekdayOf(date)]!;
  return settings.DefaultTimeOffRequestHoursPerDay[day] ?? 0;
}

type RequestInput = Omit<TimeOffRequestCreate, 'RequestedByUserID'> & { RequestedByUserID?: string };

/** POST /Me/TimeOffRequests (own) and POST /TimeOffRequests (Admin, on behalf of RequestedByUserID). */
export async function createRequests(
  deps: Deps,
  actor: Actor,
  scope: 'me' | 'root',
  inputs: RequestInput[],
  batch: boolean,
): Promise<RequestRecord[]> {
  if (scope === 'root') requireRootRequestWrite(actor);
  const { settings } = await gate(deps, actor, scope === 'me' ? 'me' : 'root');
  const step = gridStep(settings);
  const errors = new FieldErrors();
  const ownerIds = inputs.map((i) => (scope === 'me' ? actor.userId : (i.RequestedByUserID ?? '')));
  const [owners, types] = await Promise.all([
    findUsers(deps.db, actor.companyId, ownerIds),
    findTypes(
      deps.db,
      actor.companyId,
      inputs.map((i) => i.TimeOffTypeID),
    ),
  ]);
  const ownerById = new Map(owners.map((u) => [u.id, u]));
  const typeById = new Map(types.map((t) => [t.id, t]));
  const now = deps.clock().toISOString();
  const records: RequestRecord[] = [];
  for (const [index, input] of inputs.entries()) {
    const prefix = batch ? `[${index}]` : '';
    const owner = ownerById.get(ownerIds[index]!);
    if (!owner) {
      errors.add(
        at(prefix, 'RequestedByUserID'),
        'RequestedByUserID does not name a person of this company.',
        ['invalid_field'],
      );
      continue;
    }
    const type = typeById.get(input.TimeOffTypeID);
    const typeOk = checkUsableType(
      type,
      await allowedTypeIds(deps.db, settings, owner),
      at(prefix, 'TimeOffTypeID'),
      errors,
    );
    const days = requestedDays(input.Dates, owner, settings, step, at(prefix, 'Dates'), errors);
    if (!typeOk || !days) continue;
    records.push({
      companyId: actor.companyId,
      id: deps.newId(),
      userId: owner.id,
      typeId: type.id,
      notes: input.Notes ?? '',
      status: 'Submitted',
      approvalByUserId: owner.timeOffApproverId ?? type.defaultApproverId,
      createdByUserId: actor.userId,
      firstDate: days[0]!.date,
      lastDate: days.at(-1)!.date,
      createdAt: now,
      updatedAt: now,
      days,
    });
  }
  errors.throwIfAny();
  const actorName = await nameOf(deps, actor);
  await deps.db.transaction().execute(async (tx) => {
    for (const r of records) {
      await insertRequest(tx, r);
      await insertHistory(tx, actor.companyId, r.id, {
        status: 'Submitted',
        actionByUserId: actor.userId,
        actionByUserName: actorName,
        comment: null,
        createdAt: now,
      });
    }
  });
  return records;
}

/** The request's days, sorted, without 0-hour days; undefined (with errors added) when invalid. */
function requestedDays(
  raw: RequestInput['Dates'],
  owner: UserRecord,
  settings: EffectiveSettings,
  step: number,
  field: string,
  errors: FieldErrors,
): RequestDay[] | undefined {
  const before = errors.list.length;
  const seen = new Set<string>();
  const days: RequestDay[] = [];
  raw.forEach((item, i) => {
    const date = typeof item === 'string' ? item : item.Date;
    const given = typeof item === 'string' ? undefined : (item.Hours ?? undefined);
    const f = `${field}[${i}]`;
    if (!isDate(date)) {
      errors.add(`${f}.Date`, `${f}.Date must be a date in the form YYYY-MM-DD.`, ['invalid_field']);
      return;
    }
    if (seen.has(date)) {
      errors.add(`${f}.Date`, `${date} is requested more than once.`, ['invalid_field']);
      return;
    }
    seen.add(date);
    checkPersonDate(owner, date, `${f}.Date`, errors);
    const hours = given ?? defaultHours(settings, date);
    if (hours === 0) return; // a non-working day: nothing to take
    const parsed = parseDayHours(hours, step, `${f}.Hours`);
    if (!parsed.ok) errors.add(`${f}.Hours`, parsed.message, ['invalid_field']);
    else days.push({ date, hours: parsed.value });
  });
  if (errors.list.length > before) return undefined;
  days.sort((a, b) => (a.date < b.date ? -1 : 1));
  if (days.length === 0) {
    errors.add(
      field,
      'A request needs at least one day with hours (the days given are all non-working days).',
      ['invalid_field'],
    );
    return undefined;
  }
  const span = daysBetween(days[0]!.date, days.at(-1)!.date) + 1;
  if (span > MAX_REQUEST_DAYS) {
    errors.add(field, `A request may span at most ${MAX_REQUEST_DAYS} days; this one spans ${span}.`, [
      'invalid_field',
    ]);
    return undefined;
  }
  return days;
}

// ——— actions ———

const NEXT: Record<RequestAction, TimeOffRequestStatus> = {
  Approve: 'Approved',
  Reject: 'Rejected',
  Cancel: 'Cancelled',
};

function notNow(action: RequestAction, status: TimeOffRequestStatus): AppError {
  return new AppError('invalid_state', `${action} is not possible now: the request is ${status}.`, {
    field: 'Action',
  });
}

/** POST …/Actions: Cancel (/Me), Approve or Reject (root: Admin; /Manage: the request's approver). */
export async function performRequestAction(
  deps: Deps,
  actor: Actor,
  scope: RequestScope,
  id: string,
  body: TimeOffRequestAction | TimeOffRequestActionMe,
): Promise<RequestRecord> {
  if (scope === 'root') requireRootRequestWrite(actor);
  const { reach } = await gate(deps, actor, scope);
  const action: RequestAction = body.Action;
  const { request: atStart, owner } = await reachable(
    deps,
    actor,
    scope === 'me' ? selfOnly(actor.userId) : reach,
    id,
  );
  const comment = body.Comment?.trim() || null;
  if (action === 'Reject' && !comment) {
    throw new AppError('invalid_field', 'A Comment is required to reject a time-off request.', {
      field: 'Comment',
    });
  }
  if (!actionsOf(actor, scope, atStart).includes(action) && atStart.status === 'Submitted') {
    throw new AppError('forbidden', `You may not ${action} this request.`);
  }
  const actorName = await nameOf(deps, actor);
  const now = deps.clock().toISOString();
  return deps.db.transaction().execute(async (tx) => {
    if (action === 'Approve') {
      // The person's timesheet lock first (as every time-off write takes it), then the request row.
      await lockSheetsForEdit(deps, tx, {
        companyId: actor.companyId,
        userId: atStart.userId,
        dates: atStart.days.map((d) => d.date),
        override: mayOverrideEntriesOf(actor, owner),
      });
    }
    const locked = await lockRequest(tx, deps.dialect.name, actor.companyId, id);
    if (!locked) throw notFound('time-off request');
    if (locked.status !== 'Submitted') throw notNow(action, locked.status);
    const next: RequestRecord = {
      ...locked,
      status: NEXT[action],
      approvalByUserId: action === 'Cancel' ? locked.approvalByUserId : actor.userId,
      updatedAt: now,
    };
    if (!(await transitionRequest(tx, next, 'Submitted'))) {
      throw new AppError('invalid_state', 'The request changed meanwhile; read it again.', {
        field: 'Action',
      });
    }
    if (action === 'Approve') {
      const added = new Map(locked.days.map((d) => [d.date, d.hours]));
      const over = await checkDayTotals(tx, actor.companyId, locked.userId, added);
      if (over.length) throw dayTotalError(over, 'invalid_state');
      for (const day of locked.days) {
        await insertEntry(tx, {
          companyId: actor.companyId,
          id: deps.newId(),
          userId: locked.userId,
          date: day.date,
          typeId: locked.typeId,
          hours: day.hours,
          notes: locked.notes,
          requestId: locked.id,
          createdByUserId: actor.userId,
          createdAt: now,
          updatedAt: now,
        });
      }
    }
    await insertHistory(tx, actor.companyId, locked.id, {
      status: next.status,
      actionByUserId: actor.userId,
      actionByUserName: actorName,
      comment,
      createdAt: now,
    });
    return next;
  });
}

/** For GET /TimeOffRequests/new. */
export function requestTemplate(actor: Actor) {
  return { TimeOffTypeID: null, Notes: '', Dates: [], RequestedByUserID: actor.userId };
}
