/**
 * Holiday types, holidays and the holiday entries derived from them (API.md §4.11).
 *
 * A holiday entry is one holiday for one person: every person whose StartDate…EndDate contains the
 * holiday's date gets it — under Company.TimeOffTypeRestrictionMethod "employment type" only when the
 * holiday's type is associated with the person's employment type. Its ID is `{holidayID}.{userID}`. A row
 * of holiday_entry_overrides changes its hours or notes, or removes it.
 */
import { sql, type Selectable } from 'kysely';
import type { Db } from '../../db/connect.js';
import type { HolidaysTable, HolidayTypesTable } from '../../db/schema.js';
import type { Paging } from '../../http/paging.js';

export interface HolidayTypeRecord {
  companyId: string;
  id: string;
  name: string;
  isActive: boolean;
  notes: string;
  accountingPackageId: string;
  customFields: Record<string, unknown>;
  createdAt: string;
  updatedAt: string;
}

export interface HolidayRecord {
  companyId: string;
  id: string;
  typeId: string;
  date: string;
  /** × 10^4 */
  hours: number;
  notes: string;
  createdAt: string;
  updatedAt: string;
}

const b = (v: boolean): 0 | 1 => (v ? 1 : 0);
const some = (v: readonly string[]) => (v.length ? [...v] : ['']);

function typeRecord(r: Selectable<HolidayTypesTable>): HolidayTypeRecord {
  return {
    companyId: r.company_id,
    id: r.id,
    name: r.name,
    isActive: r.is_active === 1,
    notes: r.notes,
    accountingPackageId: r.accounting_package_id,
    customFields: JSON.parse(r.custom_fields) as Record<string, unknown>,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  };
}

function holidayRecord(r: Selectable<HolidaysTable>): HolidayRecord {
  return {
    companyId: r.company_id,
    id: r.id,
    typeId: r.holiday_type_id,
    date: r.date,
    hours: Number(r.hours),
    notes: r.notes,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  };
}

// ——— holiday types ———

export interface HolidayTypeFilter {
  ids?: string[];
  names?: string[];
  isActive?: boolean[];
}

function typesFiltered(db: Db, companyId: string, f: HolidayTypeFilter) {
  let q = db.selectFrom('holiday_types').where('company_id', '=', companyId);
  if (f.ids) q = q.where('id', 'in', some(f.ids));
  if (f.names) {
    const names = f.names.map((n) => n.toLowerCase());
    q = q.where((eb) => eb(eb.fn('lower', ['name']), 'in', names));
  }
  if (f.isActive) q = q.where('is_active', 'in', f.isActive.map(b));
  return q;
}

export async function listHolidayTypes(db: Db, companyId: string, f: HolidayTypeFilter, paging: Paging) {
  const [rows, count] = await Promise.all([
    typesFiltered(db, companyId, f)
      .selectAll()
      .orderBy('name')
      .orderBy('id')
      .limit(paging.limit)
      .offset(paging.offset)
      .execute(),
    typesFiltered(db, companyId, f)
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow(),
  ]);
  return { rows: rows.map(typeRecord), count: Number(count.n) };
}

export async function findHolidayType(db: Db, companyId: string, id: string) {
  const row = await db
    .selectFrom('holiday_types')
    .selectAll()
    .where('company_id', '=', companyId)
    .where('id', '=', id)
    .executeTakeFirst();
  return row && typeRecord(row);
}

export async function findHolidayTypes(db: Db, companyId: string, ids: readonly string[]) {
  if (ids.length === 0) return [];
  const rows = await db
    .selectFrom('holiday_types')
    .selectAll()
    .where('company_id', '=', companyId)
    .where('id', 'in', [...new Set(ids)])
    .execute();
  return rows.map(typeRecord);
}

export async function insertHolidayType(db: Db, t: HolidayTypeRecord): Promise<void> {
  await db
    .insertInto('holiday_types')
    .values({
      company_id: t.companyId,
      id: t.id,
      name: t.name,
      is_active: b(t.isActive),
      notes: t.notes,
      accounting_package_id: t.accountingPackageId,
      custom_fields: JSON.stringify(t.customFields),
      created_at: t.createdAt,
      updated_at: t.updatedAt,
    })
    .execute();
}

export async function saveHolidayType(db: Db, t: HolidayTypeRecord): Promise<void> {
  await db
    .updateTable('holiday_types')
    .set({
      name: t.name,
      is_active: b(t.isActive),
      notes: t.notes,
      accounting_package_id: t.accountingPackageId,
      custom_fields: JSON.stringify(t.customFields),
      updated_at: t.updatedAt,
    })
    .where('company_id', '=', t.companyId)
    .where('id', '=', t.id)
    .execute();
}

// ——— holidays ———

export interface HolidayFilter {
  ids?: string[];
  typeIds?: string[];
  dates?: string[];
  fromDate?: string;
  toDate?: string;
  /** The holiday type's IsActive. */
  isActive?: boolean[];
}

function holidaysFiltered(db: Db, companyId: string, f: HolidayFilter) {
  let q = db
    .selectFrom('holidays as h')
    .innerJoin('holiday_types as ht', (j) =>
      j.onRef('ht.company_id', '=', 'h.company_id').onRef('ht.id', '=', 'h.holiday_type_id'),
    )
    .where('h.company_id', '=', companyId);
  if (f.ids) q = q.where('h.id', 'in', some(f.ids));
  if (f.typeIds) q = q.where('h.holiday_type_id', 'in', some(f.typeIds));
  if (f.dates) q = q.where('h.date', 'in', some(f.dates));
  if (f.fromDate) q = q.where('h.date', '>=', f.fromDate);
  if (f.toDate) q = q.where('h.date', '<=', f.toDate);
  if (f.isActive) q = q.where('ht.is_active', 'in', f.isActive.map(b));
  return q;
}

/** A page in the default order (Date desc, then ID). */
export async function listHolidays(db: Db, companyId: string, f: HolidayFilter, paging: Paging) {
  const [rows, count] = await Promise.all([
    holidaysFiltered(db, companyId, f)
      .selectAll('h')
      .orderBy('h.date', 'desc')
      .orderBy('h.id')
      .limit(paging.limit)
      .offset(paging.offset)
      .execute(),
    holidaysFiltered(db, companyId, f)
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow(),
  ]);
  return { rows: rows.map(holidayRecord), count: Number(count.n) };
}

/** The holidays of several types, by date (HolidayType.Dates). */
export async function holidaysOfTypes(db: Db, companyId: string, typeIds: readonly string[]) {
  const out = new Map<string, HolidayRecord[]>();
  if (typeIds.length === 0) return out;
  const rows = await db
    .selectFrom('holidays')
    .selectAll()
    .where('company_id', '=', companyId)
    .where('holiday_type_id', 'in', [...new Set(typeIds)])
    .orderBy('date')
    .orderBy('id')
    .execute();
  for (const r of rows) out.set(r.holiday_type_id, [...(out.get(r.holiday_type_id) ?? []), holidayRecord(r)]);
  return out;
}

export async function findHoliday(db: Db, companyId: string, id: string) {
  const row = await db
    .selectFrom('holidays')
    .selectAll()
    .where('company_id', '=', companyId)
    .where('id', '=', id)
    .executeTakeFirst();
  return row && holidayRecord(row);
}

/** The holidays that already exist for these (type, date) pairs. */
export async function existingHolidayDays(
  db: Db,
  companyId: string,
  pairs: readonly { typeId: string; date: string }[],
): Promise<Set<string>> {
  if (pairs.length === 0) return new Set();
  const rows = await db
    .selectFrom('holidays')
    .select(['holiday_type_id', 'date'])
    .where('company_id', '=', companyId)
    .where('holiday_type_id', 'in', [...new Set(pairs.map((p) => p.typeId))])
    .where('date', 'in', [...new Set(pairs.map((p) => p.date))])
    .execute();
  return new Set(rows.map((r) => `${r.holiday_type_id}/${r.date}`));
}

export async function insertHoliday(db: Db, h: HolidayRecord): Promise<void> {
  await db
    .insertInto('holidays')
    .values({
      company_id: h.companyId,
      id: h.id,
      holiday_type_id: h.typeId,
      date: h.date,
      hours: h.hours,
      notes: h.notes,
      created_at: h.createdAt,
      updated_at: h.updatedAt,
    })
    .execute();
}

export async function saveHoliday(db: Db, h: HolidayRecord): Promise<void> {
  await db
    .updateTable('holidays')
    .set({ hours: h.hours, notes: h.notes, updated_at: h.updatedAt })
    .where('company_id', '=', h.companyId)
    .where('id', '=', h.id)
    .execute();
}

export async function deleteHoliday(db: Db, companyId: string, id: string): Promise<boolean> {
  const result = await db
    .deleteFrom('holidays')
    .where('company_id', '=', companyId)
    .where('id', '=', id)
    .executeTakeFirst();
  return Number(result.numDeletedRows) > 0;
}

// ——— holiday entries ———

export interface HolidayEntryRecord {
  holidayId: string;
  userId: string;
  date: string;
  typeId: string;
  /** × 10^4 */
  hours: number;
  notes: string;
}

export const holidayEntryId = (holidayId: string, userId: string) => `${holidayId}.${userId}`;

export function parseHolidayEntryId(id: string): { holidayId: string; userId: string } | undefined {
  const parts = id.split('.');
  if (parts.length !== 2 || !parts[0] || !parts[1]) return undefined;
  return { holidayId: parts[0], userId: parts[1] };
}

export interface HolidayEntryFilter {
  /** Entry IDs, already parsed. */
  pairs?: { holidayId: string; userId: string }[];
  holidayIds?: string[];
  typeIds?: string[];
  userIds?: string[];
  fromDate?: string;
  toDate?: string;
  /** The holiday type's IsActive. */
  isActive?: boolean[];
  /** Company.TimeOffTypeRestrictionMethod is "employment type". */
  restricted: boolean;
}

function entriesFiltered(db: Db, companyId: string, f: HolidayEntryFilter) {
  let q = db
    .selectFrom('holidays as h')
    .innerJoin('holiday_types as ht', (j) =>
      j.onRef('ht.company_id', '=', 'h.company_id').onRef('ht.id', '=', 'h.holiday_type_id'),
    )
    .innerJoin('users as u', 'u.company_id', 'h.company_id')
    .leftJoin('holiday_entry_overrides as o', (j) =>
      j
        .onRef('o.company_id', '=', 'h.company_id')
        .onRef('o.holiday_id', '=', 'h.id')
        .onRef('o.user_id', '=', 'u.id'),
    )
    .where('h.company_id', '=', companyId)
    .where((eb) => eb.or([eb('o.is_deleted', 'is', null), eb('o.is_deleted', '=', 0)]))
    .where((eb) => eb.or([eb('u.start_date', 'is', null), eb('u.start_date', '<=', eb.ref('h.date'))]))
    .where((eb) => eb.or([eb('u.end_date', 'is', null), eb('u.end_date', '>=', eb.ref('h.date'))]));
  if (f.restricted) {
    q = q.where(
      () => sql<boolean>`exists (select 1 from employment_type_holiday_types l where l.company_id = h.company_id
        and l.holiday_type_id = h.holiday_type_id and l.employment_type_id = u.employment_type_id)`,
    );
  }
  if (f.pairs) {
    const pairs = f.pairs;
    q =
      pairs.length === 0
        ? q.where('h.id', '=', '')
        : q.where((eb) =>
            eb.or(pairs.map((p) => eb.and([eb('h.id', '=', p.holidayId), eb('u.id', '=', p.userId)]))),
          );
  }
  if (f.holidayIds) q = q.where('h.id', 'in', some(f.holidayIds));
  if (f.typeIds) q = q.where('h.holiday_type_id', 'in', some(f.typeIds));
  if (f.userIds) q = q.where('u.id', 'in', some(f.userIds));
  if (f.fromDate) q = q.where('h.date', '>=', f.fromDate);
  if (f.toDate) q = q.where('h.date', '<=', f.toDate);
  if (f.isActive) q = q.where('ht.is_active', 'in', f.isActive.map(b));
  return q;
}

/** A page in the default order (Date desc, then ID). */
export async function listHolidayEntries(db: Db, companyId: string, f: HolidayEntryFilter, paging: Paging) {
  const [rows, count] = await Promise.all([
    entriesFiltered(db, companyId, f)
      .select([
        'h.id as holiday_id',
        'u.id as user_id',
        'h.date as date',
        'h.holiday_type_id as type_id',
        'h.hours as hours',
        'h.notes as notes',
        'o.hours as o_hours',
        'o.notes as o_notes',
      ])
      .orderBy('h.date', 'desc')
      .orderBy('h.id')
      .orderBy('u.id')
      .limit(paging.limit)
      .offset(paging.offset)
      .execute(),
    entriesFiltered(db, companyId, f)
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow(),
  ]);
  return {
    rows: rows.map((r): HolidayEntryRecord => ({
      holidayId: r.holiday_id,
      userId: r.user_id,
      date: r.date,
      typeId: r.type_id,
      hours: Number(r.o_hours ?? r.hours),
      notes: r.o_notes ?? r.notes,
    })),
    count: Number(count.n),
  };
}

export async function saveHolidayEntryOverride(
  db: Db,
  companyId: string,
  o: { holidayId: string; userId: string; hours: number | null; notes: string | null; deleted: boolean },
  now: string,
): Promise<void> {
  await db
    .deleteFrom('holiday_entry_overrides')
    .where('company_id', '=', companyId)
    .where('holiday_id', '=', o.holidayId)
    .where('user_id', '=', o.userId)
    .execute();
  await db
    .insertInto('holiday_entry_overrides')
    .values({
      company_id: companyId,
      holiday_id: o.holidayId,
      user_id: o.userId,
      hours: o.hours,
      notes: o.notes,
      is_deleted: b(o.deleted),
      updated_at: now,
    })
    .execute();
}
