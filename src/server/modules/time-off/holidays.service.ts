/**
 * Holiday types, holidays and holiday entries (API.md §4.11; CATALOGUE Holidays, HolidayTypes,
 * HolidayEntries, Me/HolidayEntries).
 *
 *   holiday types   GET anyone · POST Admin (DCAA off, Time Off Management) · PATCH Admin (DCAA off)
 *   holidays        GET anyone · POST, PATCH Admin (DCAA off, Time Off Management) · DELETE Admin (DCAA off)
 *                   one holiday per type and date (409 for a second); Date and HolidayTypeID never change
 *   holiday entries derived — a holiday for each person whose StartDate…EndDate holds its date (and, under
 *                   the employment-type restriction, whose employment type has the holiday's type); an
 *                   Admin may change one entry's Hours/Notes or remove it. /HolidayEntries: Admin;
 *                   /Me/HolidayEntries: the caller's own. All of them need DCAA off, reads included.
 * Holiday hours do not touch leave balances.
 */
import type {
  HolidayCreate,
  HolidayEntryUpdate,
  HolidayTypeCreate,
  HolidayTypeUpdate,
  HolidayUpdate,
} from '../../../contract/time-off.js';
import type { Deps } from '../../deps.js';
import { AppError, FieldErrors, forbidden, notFound } from '../../errors.js';
import type { Paging } from '../../http/paging.js';
import type { Actor } from '../../lib/permissions.js';
import { findUser } from '../users/index.js';
import {
  deleteHoliday,
  existingHolidayDays,
  findHoliday,
  findHolidayType,
  findHolidayTypes,
  insertHoliday,
  insertHolidayType,
  listHolidayEntries,
  listHolidays,
  listHolidayTypes,
  parseHolidayEntryId,
  saveHoliday,
  saveHolidayEntryOverride,
  saveHolidayType,
  type HolidayEntryFilter,
  type HolidayFilter,
  type HolidayRecord,
  type HolidayTypeFilter,
  type HolidayTypeRecord,
} from './holidays.store.js';
import {
  assertNotDcaa,
  assertTimeOffManagement,
  at,
  checkNoCustomFields,
  restrictedByEmploymentType,
  settingsOf,
} from './time-off.common.js';
import { gridStep, parseDayHours } from './time-off.hours.js';
import { canEditHolidays, canReadHolidayEntries } from './time-off.policy.js';

async function writeGate(deps: Deps, actor: Actor, needsModule: boolean) {
  if (!canEditHolidays(actor)) throw forbidden('Only an Admin can change holidays and holiday types.');
  const settings = await settingsOf(deps, actor.companyId);
  assertNotDcaa(settings);
  if (needsModule) assertTimeOffManagement(settings);
  return settings;
}

// ——— holiday types ———

export const listHolidayTypesFor = (deps: Deps, actor: Actor, f: HolidayTypeFilter, paging: Paging) =>
  listHolidayTypes(deps.db, actor.companyId, f, paging);

export async function getHolidayType(deps: Deps, actor: Actor, id: string) {
  const t = await findHolidayType(deps.db, actor.companyId, id);
  if (!t) throw notFound('holiday type');
  return t;
}

export function holidayTypeTemplate(deps: Deps, actor: Actor): HolidayTypeRecord {
  const now = deps.clock().toISOString();
  return {
    companyId: actor.companyId,
    id: '',
    name: '',
    isActive: true,
    notes: '',
    accountingPackageId: '',
    customFields: {},
    createdAt: now,
    updatedAt: now,
  };
}

function applyType(t: HolidayTypeRecord, input: HolidayTypeUpdate, prefix: string, errors: FieldErrors) {
  if (input.Name !== undefined) {
    t.name = input.Name.trim();
    if (t.name === '') errors.add(at(prefix, 'Name'), 'Name must not be empty.', ['invalid_field']);
  }
  if (input.IsActive !== undefined) t.isActive = input.IsActive;
  if (input.Notes !== undefined) t.notes = input.Notes ?? '';
  if (input.AccountingPackageID !== undefined) t.accountingPackageId = input.AccountingPackageID ?? '';
  checkNoCustomFields(input.CustomFields, at(prefix, 'CustomFields'), errors);
}

export async function createHolidayTypes(
  deps: Deps,
  actor: Actor,
  inputs: HolidayTypeCreate[],
  batch: boolean,
) {
  await writeGate(deps, actor, true);
  const errors = new FieldErrors();
  const records = inputs.map((input, i) => {
    const t = { ...holidayTypeTemplate(deps, actor), id: deps.newId() };
    applyType(t, input, batch ? `[${i}]` : '', errors);
    return t;
  });
  errors.throwIfAny();
  await deps.db.transaction().execute(async (tx) => {
    for (const t of records) await insertHolidayType(tx, t);
  });
  return records;
}

export async function updateHolidayType(deps: Deps, actor: Actor, id: string, input: HolidayTypeUpdate) {
  await writeGate(deps, actor, false);
  const t = await getHolidayType(deps, actor, id);
  const errors = new FieldErrors();
  applyType(t, input, '', errors);
  errors.throwIfAny();
  t.updatedAt = deps.clock().toISOString();
  await saveHolidayType(deps.db, t);
  return t;
}

// ——— holidays ———

export const listHolidaysFor = (deps: Deps, actor: Actor, f: HolidayFilter, paging: Paging) =>
  listHolidays(deps.db, actor.companyId, f, paging);

export async function getHoliday(deps: Deps, actor: Actor, id: string) {
  const h = await findHoliday(deps.db, actor.companyId, id);
  if (!h) throw notFound('holiday');
  return h;
}

export async function createHolidays(deps: Deps, actor: Actor, inputs: HolidayCreate[], batch: boolean) {
  const settings = await writeGate(deps, actor, true);
  const step = gridStep(settings);
  const errors = new FieldErrors();
  const types = new Set(
    (
      await findHolidayTypes(
        deps.db,
        actor.companyId,
        inputs.map((i) => i.HolidayTypeID),
      )
    ).map((t) => t.id),
  );
  const now = deps.clock().toISOString();
  const records: HolidayRecord[] = [];
  const seen = new Set<string>();
  inputs.forEach((input, i) => {
    const prefix = batch ? `[${i}]` : '';
    if (!types.has(input.HolidayTypeID)) {
      errors.add(at(prefix, 'HolidayTypeID'), 'HolidayTypeID does not name a holiday type of this company.', [
        'invalid_field',
      ]);
    }
    const hours = parseDayHours(input.Hours, step);
    if (!hours.ok) errors.add(at(prefix, 'Hours'), hours.message, ['invalid_field']);
    const key = `${input.HolidayTypeID}/${input.Date}`;
    if (seen.has(key)) {
      errors.add(at(prefix, 'Date'), `This batch has two holidays of one type on ${input.Date}.`, [
        'invalid_field',
      ]);
    }
    seen.add(key);
    records.push({
      companyId: actor.companyId,
      id: deps.newId(),
      typeId: input.HolidayTypeID,
      date: input.Date,
      hours: hours.ok ? hours.value : 0,
      notes: input.Notes ?? '',
      createdAt: now,
      updatedAt: now,
    });
  });
  errors.throwIfAny();
  await deps.db.transaction().execute(async (tx) => {
    const taken = await existingHolidayDays(
      tx,
      actor.companyId,
      records.map((r) => ({ typeId: r.typeId, date: r.date })),
    );
    const clash = records.find((r) => taken.has(`${r.typeId}/${r.date}`));
    if (clash) {
      throw new AppError('conflict', `There is already a holiday of this type on ${clash.date}.`, {
        field: 'Date',
      });
    }
    for (const r of records) await insertHoliday(tx, r);
  });
  return records;
}

export async function updateHoliday(
  deps: Deps,
  actor: Actor,
  id: string,
  input: HolidayUpdate & { Date?: unknown },
) {
  const settings = await writeGate(deps, actor, true);
  const h = await getHoliday(deps, actor, id);
  const warnings: string[] = [];
  if (input.Date !== undefined && input.Date !== h.date)
    warnings.push('Date was ignored: a holiday keeps its date.');
  if (input.Hours !== undefined) {
    const hours = parseDayHours(input.Hours, gridStep(settings));
    if (!hours.ok) throw new AppError('invalid_field', hours.message, { field: 'Hours' });
    h.hours = hours.value;
  }
  if (input.Notes !== undefined) h.notes = input.Notes ?? '';
  h.updatedAt = deps.clock().toISOString();
  await saveHoliday(deps.db, h);
  return { record: h, warnings };
}

export async function removeHoliday(deps: Deps, actor: Actor, id: string) {
  await writeGate(deps, actor, false);
  if (!(await deleteHoliday(deps.db, actor.companyId, id))) throw notFound('holiday');
}

// ——— holiday entries ———

export type HolidayEntryScope = 'me' | 'root';

async function entryGate(deps: Deps, actor: Actor, scope: HolidayEntryScope) {
  if (scope === 'root' && !canReadHolidayEntries(actor))
    throw forbidden('Only an Admin can use /HolidayEntries.');
  const settings = await settingsOf(deps, actor.companyId);
  assertNotDcaa(settings);
  return settings;
}

export async function listHolidayEntriesFor(
  deps: Deps,
  actor: Actor,
  scope: HolidayEntryScope,
  filter: Omit<HolidayEntryFilter, 'restricted'> & { ids?: string[] },
  paging: Paging,
) {
  const settings = await entryGate(deps, actor, scope);
  const { ids, ...rest } = filter;
  const f: HolidayEntryFilter = { ...rest, restricted: restrictedByEmploymentType(settings) };
  if (ids) f.pairs = ids.map(parseHolidayEntryId).filter((p) => p !== undefined);
  if (scope === 'me') f.userIds = [actor.userId];
  return listHolidayEntries(deps.db, actor.companyId, f, paging);
}

export async function getHolidayEntry(deps: Deps, actor: Actor, scope: HolidayEntryScope, id: string) {
  const { rows } = await listHolidayEntriesFor(deps, actor, scope, { ids: [id] }, { limit: 1, offset: 0 });
  const entry = rows[0];
  if (!entry) throw notFound('holiday entry');
  return entry;
}

export async function updateHolidayEntry(deps: Deps, actor: Actor, id: string, input: HolidayEntryUpdate) {
  const entry = await getHolidayEntry(deps, actor, 'root', id);
  const settings = await settingsOf(deps, actor.companyId);
  let hours: number | null = null;
  if (input.Hours !== undefined) {
    const parsed = parseDayHours(input.Hours, gridStep(settings));
    if (!parsed.ok) throw new AppError('invalid_field', parsed.message, { field: 'Hours' });
    hours = parsed.value;
  }
  const holiday = await findHoliday(deps.db, actor.companyId, entry.holidayId);
  const changedHours = hours ?? (holiday && entry.hours !== holiday.hours ? entry.hours : null);
  const notes =
    input.Notes !== undefined
      ? (input.Notes ?? '')
      : holiday && entry.notes !== holiday.notes
        ? entry.notes
        : null;
  await saveHolidayEntryOverride(
    deps.db,
    actor.companyId,
    { holidayId: entry.holidayId, userId: entry.userId, hours: changedHours, notes, deleted: false },
    deps.clock().toISOString(),
  );
  return getHolidayEntry(deps, actor, 'root', id);
}

export async function removeHolidayEntry(deps: Deps, actor: Actor, id: string) {
  const entry = await getHolidayEntry(deps, actor, 'root', id);
  if (!(await findUser(deps.db, actor.companyId, entry.userId))) throw notFound('holiday entry');
  await saveHolidayEntryOverride(
    deps.db,
    actor.companyId,
    { holidayId: entry.holidayId, userId: entry.userId, hours: null, notes: null, deleted: true },
    deps.clock().toISOString(),
  );
}
