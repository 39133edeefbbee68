/**
 * Time-off entries (API.md §4.11, §6.3) in the /Me, root (/TimeOff) and /Manage/Timesheets/TimeOff scopes.
 *
 * The rules of an entry, checked for every item before anything is stored (a 400 lists them all):
 *   - Date, Hours, TimeOffTypeID required; Hours more than 0, at most 24, on the company's hours grid
 *   - the type active, available to the person (employment-type restriction), and not one that requires
 *     approval (those go through TimeOffRequests): 400 naming TimeOffTypeID
 *   - the date within the person's StartDate…EndDate
 *   - the person's time off on one day at most 24 h (checked under the person's lock)
 *   - Company.LockDate and the timesheet state (lockSheetsForEdit), unless overridden (root, /Manage)
 *   - DCAA logging on: every write is a 403
 * Date never changes (a PATCH ignores it with a warning). Through /Me, an entry of a type that requires
 * approval cannot be changed (409): its hours were approved; it can still be deleted.
 */
import type { TimeOffCreate, TimeOffUpdate } from '../../../contract/time-off.js';
import type { Db } from '../../db/connect.js';
import type { Deps } from '../../deps.js';
import { AppError, FieldErrors, notFound } from '../../errors.js';
import type { Paging } from '../../http/paging.js';
import type { Actor } from '../../lib/permissions.js';
import type { EffectiveSettings } from '../company/index.js';
import { lockSheetsForEdit } from '../timesheets/index.js';
import { findUser, findUsers, type UserRecord } from '../users/index.js';
import {
  deleteEntry,
  findEntry,
  hoursOnDates,
  insertEntry,
  listEntries,
  saveEntry,
  type EntryFilter,
  type TimeOffRecord,
} from './entries.store.js';
import {
  allowedTypeIds,
  assertNotDcaa,
  assertTimesheetApprovals,
  at,
  checkPersonDate,
  checkUsableType,
  needsApproval,
  settingsOf,
} from './time-off.common.js';
import { gridStep, hoursToWire, MAX_DAY, parseDayHours } from './time-off.hours.js';
import {
  entryOverrides,
  entryReadReach,
  entryWriteReach,
  reaches,
  type EntryScope,
  type Reach,
} from './time-off.policy.js';
import { findTypes, type TimeOffTypeRecord } from './types.store.js';

async function gate(deps: Deps, actor: Actor, scope: EntryScope, write: boolean) {
  const reach = write ? entryWriteReach(actor, scope) : entryReadReach(actor, scope);
  const settings = await settingsOf(deps, actor.companyId);
  if (scope === 'manage') assertTimesheetApprovals(settings);
  if (write) assertNotDcaa(settings);
  return { reach, settings };
}

export async function listTimeOff(
  deps: Deps,
  actor: Actor,
  scope: EntryScope,
  filter: EntryFilter,
  paging: Paging,
) {
  const { reach } = await gate(deps, actor, scope, false);
  return listEntries(deps.db, actor.companyId, { ...filter, reach }, paging);
}

async function entryFor(deps: Deps, actor: Actor, reach: Reach, id: string, db: Db = deps.db) {
  const entry = await findEntry(db, actor.companyId, id);
  const owner = entry && (await findUser(db, actor.companyId, entry.userId));
  if (!entry || !owner || !reaches(reach, owner)) throw notFound('time-off entry');
  return { entry, owner };
}

export async function getTimeOff(deps: Deps, actor: Actor, scope: EntryScope, id: string) {
  const { reach } = await gate(deps, actor, scope, false);
  return (await entryFor(deps, actor, reach, id)).entry;
}

/** The template of GET /TimeOff/new (nothing stored). */
export function timeOffTemplate(deps: Deps, actor: Actor): TimeOffRecord {
  const now = deps.clock().toISOString();
  return {
    companyId: actor.companyId,
    id: '',
    userId: actor.userId,
    date: now.slice(0, 10),
    typeId: '',
    hours: 0,
    notes: '',
    requestId: null,
    createdByUserId: actor.userId,
    createdAt: now,
    updatedAt: now,
  };
}

/**
 * Inside the write transaction, after lockSheetsForEdit: the person's time off per day, with `added`
 * (date → hours) on top and `removed` (an entry being replaced) taken out, must stay ≤ 24 h.
 */
export async function checkDayTotals(
  tx: Db,
  companyId: string,
  userId: string,
  added: Map<string, number>,
  removed?: TimeOffRecord,
): Promise<string[]> {
  const existing = await hoursOnDates(tx, companyId, userId, [...added.keys()]);
  const over: string[] = [];
  for (const [date, hours] of added) {
    let total = (existing.get(date) ?? 0) + hours;
    if (removed && removed.date === date) total -= removed.hours;
    if (total > MAX_DAY) over.push(`${date}: ${hoursToWire(total)} hours of time off`);
  }
  return over;
}

interface Planned {
  index: number;
  prefix: string;
  record: TimeOffRecord;
}

export async function createTimeOff(
  deps: Deps,
  actor: Actor,
  scope: EntryScope,
  inputs: TimeOffCreate[],
  batch: boolean,
): Promise<TimeOffRecord[]> {
  const { reach, settings } = await gate(deps, actor, scope, true);
  const errors = new FieldErrors();
  const step = gridStep(settings);
  const ownerIds = inputs.map((i) => (scope === 'me' ? actor.userId : (i.UserID ?? actor.userId)));
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
  const allowedCache = new Map<string, string[] | undefined>();
  const allowedFor = async (person: UserRecord) => {
    if (!allowedCache.has(person.id))
      allowedCache.set(person.id, await allowedTypeIds(deps.db, settings, person));
    return allowedCache.get(person.id);
  };
  const now = deps.clock().toISOString();
  const planned: Planned[] = [];
  for (const [index, input] of inputs.entries()) {
    const prefix = batch ? `[${index}]` : '';
    const owner = ownerById.get(ownerIds[index]!);
    if (!owner || !reaches(reach, owner)) {
      errors.add(at(prefix, 'UserID'), 'UserID does not name a person whose time off you may change.', [
        'invalid_field',
      ]);
      continue;
    }
    const hours = parseDayHours(input.Hours, step);
    if (!hours.ok) errors.add(at(prefix, 'Hours'), hours.message, ['invalid_field']);
    checkPersonDate(owner, input.Date, at(prefix, 'Date'), errors);
    const type = typeById.get(input.TimeOffTypeID);
    if (checkUsableType(type, await allowedFor(owner), at(prefix, 'TimeOffTypeID'), errors)) {
      refuseApprovalType(type, settings, at(prefix, 'TimeOffTypeID'), errors);
    }
    if (!hours.ok || !type) continue;
    planned.push({
      index,
      prefix,
      record: {
        companyId: actor.companyId,
        id: deps.newId(),
        userId: owner.id,
        date: input.Date,
        typeId: type.id,
        hours: hours.value,
        notes: input.Notes ?? '',
        requestId: null,
        createdByUserId: actor.userId,
        createdAt: now,
        updatedAt: now,
      },
    });
  }
  errors.throwIfAny();
  await deps.db.transaction().execute(async (tx) => {
    const byOwner = new Map<string, Planned[]>();
    for (const p of planned) byOwner.set(p.record.userId, [...(byOwner.get(p.record.userId) ?? []), p]);
    // One person at a time, in ascending ID order (the lockSheetsForEdit contract).
    for (const userId of [...byOwner.keys()].sort()) {
      const items = byOwner.get(userId)!;
      await lockSheetsForEdit(deps, tx, {
        companyId: actor.companyId,
        userId,
        dates: items.map((p) => p.record.date),
        override: entryOverrides(scope),
      });
      const added = new Map<string, number>();
      for (const p of items) added.set(p.record.date, (added.get(p.record.date) ?? 0) + p.record.hours);
      const over = await checkDayTotals(tx, actor.companyId, userId, added);
      if (over.length) throw dayTotalError(over);
      for (const p of items) await insertEntry(tx, p.record);
    }
  });
  return planned.map((p) => p.record);
}

function refuseApprovalType(
  type: TimeOffTypeRecord,
  settings: EffectiveSettings,
  field: string,
  errors: FieldErrors,
): void {
  if (needsApproval(type, settings)) {
    errors.add(
      field,
      `The time-off type "${type.name}" requires approval: request it through TimeOffRequests instead.`,
      ['invalid_field'],
    );
  }
}

export function dayTotalError(
  over: string[],
  code: 'invalid_field' | 'invalid_state' = 'invalid_field',
): AppError {
  return new AppError(code, 'A person can have at most 24 hours of time off on one day.', {
    errors: [
      {
        Field: 'Hours',
        Message: 'A person can have at most 24 hours of time off on one day.',
        MessageDetail: over,
      },
    ],
  });
}

type UpdateInput = TimeOffUpdate & { Date?: unknown };

export async function updateTimeOff(
  deps: Deps,
  actor: Actor,
  scope: EntryScope,
  id: string,
  input: UpdateInput,
): Promise<{ record: TimeOffRecord; warnings: string[] }> {
  const { reach, settings } = await gate(deps, actor, scope, true);
  const { entry, owner } = await entryFor(deps, actor, reach, id);
  const warnings: string[] = [];
  if (input.Date !== undefined && input.Date !== entry.date) {
    warnings.push('Date was ignored: the date of a time-off entry cannot be changed.');
  }
  const [current] = await findTypes(deps.db, actor.companyId, [entry.typeId]);
  if (scope === 'me' && current && needsApproval(current, settings)) {
    throw new AppError(
      'invalid_state',
      `This time off is of the type "${current.name}", which requires approval; it cannot be changed through /Me/TimeOff (request the change, or delete it).`,
    );
  }
  const errors = new FieldErrors();
  const next: TimeOffRecord = { ...entry, updatedAt: deps.clock().toISOString() };
  if (input.Hours !== undefined) {
    const hours = parseDayHours(input.Hours, gridStep(settings));
    if (hours.ok) next.hours = hours.value;
    else errors.add('Hours', hours.message, ['invalid_field']);
  }
  if (input.Notes !== undefined) next.notes = input.Notes ?? '';
  if (input.TimeOffTypeID !== undefined && input.TimeOffTypeID !== entry.typeId) {
    const [type] = await findTypes(deps.db, actor.companyId, [input.TimeOffTypeID]);
    if (checkUsableType(type, await allowedTypeIds(deps.db, settings, owner), 'TimeOffTypeID', errors)) {
      refuseApprovalType(type, settings, 'TimeOffTypeID', errors);
      next.typeId = type.id;
    }
  }
  errors.throwIfAny();
  await deps.db.transaction().execute(async (tx) => {
    await lockSheetsForEdit(deps, tx, {
      companyId: actor.companyId,
      userId: entry.userId,
      dates: [entry.date],
      override: entryOverrides(scope),
    });
    const fresh = await findEntry(tx, actor.companyId, entry.id);
    if (!fresh) throw notFound('time-off entry');
    if (next.hours !== fresh.hours) {
      const over = await checkDayTotals(
        tx,
        actor.companyId,
        entry.userId,
        new Map([[entry.date, next.hours]]),
        fresh,
      );
      if (over.length) throw dayTotalError(over);
    }
    if (!(await saveEntry(tx, next))) throw notFound('time-off entry');
  });
  return { record: next, warnings };
}

export async function deleteTimeOff(deps: Deps, actor: Actor, scope: EntryScope, id: string): Promise<void> {
  const { reach } = await gate(deps, actor, scope, true);
  const { entry } = await entryFor(deps, actor, reach, id);
  await deps.db.transaction().execute(async (tx) => {
    await lockSheetsForEdit(deps, tx, {
      companyId: actor.companyId,
      userId: entry.userId,
      dates: [entry.date],
      override: entryOverrides(scope),
    });
    if (!(await deleteEntry(tx, actor.companyId, entry.id))) throw notFound('time-off entry');
  });
}
