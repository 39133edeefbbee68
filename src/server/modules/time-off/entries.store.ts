/**
 * Time-off entries (API.md §4.11): hours × 10^4 of leave of one type on one day.
 */
import type { Selectable } from 'kysely';
import type { Db } from '../../db/connect.js';
import type { TimeOffTable } from '../../db/schema.js';
import type { Paging } from '../../http/paging.js';
import type { Reach } from './time-off.policy.js';
import { reachSql } from './reach.store.js';

export interface TimeOffRecord {
  companyId: string;
  id: string;
  userId: string;
  date: string;
  typeId: string;
  /** × 10^4 */
  hours: number;
  notes: string;
  requestId: string | null;
  createdByUserId: string | null;
  createdAt: string;
  updatedAt: string;
}

export interface EntryFilter {
  ids?: string[];
  userIds?: string[];
  typeIds?: string[];
  fromDate?: string;
  toDate?: string;
  dates?: string[];
  reach?: Reach;
}

function toRecord(r: Selectable<TimeOffTable>): TimeOffRecord {
  return {
    companyId: r.company_id,
    id: r.id,
    userId: r.user_id,
    date: r.date,
    typeId: r.time_off_type_id,
    hours: Number(r.hours),
    notes: r.notes,
    requestId: r.time_off_request_id,
    createdByUserId: r.created_by_user_id,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  };
}

function toRow(e: TimeOffRecord): Selectable<TimeOffTable> {
  return {
    company_id: e.companyId,
    id: e.id,
    user_id: e.userId,
    date: e.date,
    time_off_type_id: e.typeId,
    hours: e.hours,
    notes: e.notes,
    time_off_request_id: e.requestId,
    created_by_user_id: e.createdByUserId,
    created_at: e.createdAt,
    updated_at: e.updatedAt,
  };
}

const some = (v: readonly string[]) => (v.length ? [...v] : ['']);

function filtered(db: Db, companyId: string, f: EntryFilter) {
  let q = db.selectFrom('time_off as t').where('t.company_id', '=', companyId);
  if (f.ids) q = q.where('t.id', 'in', some(f.ids));
  if (f.userIds) q = q.where('t.user_id', 'in', some(f.userIds));
  if (f.typeIds) q = q.where('t.time_off_type_id', 'in', some(f.typeIds));
  if (f.fromDate) q = q.where('t.date', '>=', f.fromDate);
  if (f.toDate) q = q.where('t.date', '<=', f.toDate);
  if (f.dates) q = q.where('t.date', 'in', some(f.dates));
  if (f.reach) {
    const reach = f.reach;
    q = q.where(() => reachSql('t', reach));
  }
  return q;
}

/** A page in the default order (Date desc, ID desc) and the total count. */
export async function listEntries(db: Db, companyId: string, f: EntryFilter, paging: Paging) {
  const [rows, count] = await Promise.all([
    filtered(db, companyId, f)
      .selectAll('t')
      .orderBy('t.date', 'desc')
      .orderBy('t.id', 'desc')
      .limit(paging.limit)
      .offset(paging.offset)
      .execute(),
    filtered(db, companyId, f)
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow(),
  ]);
  return { rows: rows.map(toRecord), count: Number(count.n) };
}

export async function findEntry(db: Db, companyId: string, id: string): Promise<TimeOffRecord | undefined> {
  const row = await db
    .selectFrom('time_off')
    .selectAll()
    .where('company_id', '=', companyId)
    .where('id', '=', id)
    .executeTakeFirst();
  return row && toRecord(row);
}

export async function insertEntry(db: Db, e: TimeOffRecord): Promise<void> {
  await db.insertInto('time_off').values(toRow(e)).execute();
}

/** Saves the fields a PATCH may change; false when the entry is gone. */
export async function saveEntry(db: Db, e: TimeOffRecord): Promise<boolean> {
  const result = await db
    .updateTable('time_off')
    .set({ hours: e.hours, notes: e.notes, time_off_type_id: e.typeId, updated_at: e.updatedAt })
    .where('company_id', '=', e.companyId)
    .where('id', '=', e.id)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}

export async function deleteEntry(db: Db, companyId: string, id: string): Promise<boolean> {
  const result = await db
    .deleteFrom('time_off')
    .where('company_id', '=', companyId)
    .where('id', '=', id)
    .executeTakeFirst();
  return Number(result.numDeletedRows) > 0;
}

/** A person's time off per date (× 10^4) on the given dates, every type together. */
export async function hoursOnDates(
  db: Db,
  companyId: string,
  userId: string,
  dates: readonly string[],
): Promise<Map<string, number>> {
  const out = new Map<string, number>();
  if (dates.length === 0) return out;
  const rows = await db
    .selectFrom('time_off')
    .select(['date', (eb) => eb.fn.sum<number>('hours').as('h')])
    .where('company_id', '=', companyId)
    .where('user_id', '=', userId)
    .where('date', 'in', [...new Set(dates)])
    .groupBy('date')
    .execute();
  for (const r of rows) out.set(r.date, Number(r.h));
  return out;
}

/** Every date of [from, to] with the person's time off on it (× 10^4), 0 for days without, ascending. */
export async function hoursByDay(
  db: Db,
  companyId: string,
  userId: string,
  from: string,
  to: string,
): Promise<{ date: string; hours: number }[]> {
  const rows = await db
    .selectFrom('time_off')
    .select(['date', (eb) => eb.fn.sum<number>('hours').as('h')])
    .where('company_id', '=', companyId)
    .where('user_id', '=', userId)
    .where('date', '>=', from)
    .where('date', '<=', to)
    .groupBy('date')
    .execute();
  return rows.map((r) => ({ date: r.date, hours: Number(r.h) })).sort((a, b) => (a.date < b.date ? -1 : 1));
}

/** Time off hours (× 10^4) per person and date in [from, to], for many people at once. */
export async function hoursByUserAndDay(
  db: Db,
  companyId: string,
  userIds: readonly string[],
  from: string,
  to: string,
): Promise<Map<string, Map<string, number>>> {
  const out = new Map<string, Map<string, number>>();
  if (userIds.length === 0) return out;
  const rows = await db
    .selectFrom('time_off')
    .select(['user_id', 'date', (eb) => eb.fn.sum<number>('hours').as('h')])
    .where('company_id', '=', companyId)
    .where('user_id', 'in', [...new Set(userIds)])
    .where('date', '>=', from)
    .where('date', '<=', to)
    .groupBy(['user_id', 'date'])
    .execute();
  for (const r of rows) {
    let days = out.get(r.user_id);
    if (!days) out.set(r.user_id, (days = new Map<string, number>()));
    days.set(r.date, Number(r.h));
  }
  return out;
}

export interface UsageRow {
  id: string;
  typeId: string;
  date: string;
  hours: number;
  notes: string;
  createdByUserId: string | null;
}

/** Every time-off entry of a person for these types (the balance ledger's deductions). */
export async function usageOf(
  db: Db,
  companyId: string,
  userId: string,
  typeIds: readonly string[],
): Promise<UsageRow[]> {
  if (typeIds.length === 0) return [];
  const rows = await db
    .selectFrom('time_off')
    .select(['id', 'time_off_type_id', 'date', 'hours', 'notes', 'created_by_user_id'])
    .where('company_id', '=', companyId)
    .where('user_id', '=', userId)
    .where('time_off_type_id', 'in', [...new Set(typeIds)])
    .execute();
  return rows.map((r) => ({
    id: r.id,
    typeId: r.time_off_type_id,
    date: r.date,
    hours: Number(r.hours),
    notes: r.notes,
    createdByUserId: r.created_by_user_id,
  }));
}

/** The IDs of the entries an approved request created. */
export async function entryIdsOfRequests(
  db: Db,
  companyId: string,
  requestIds: readonly string[],
): Promise<Map<string, string[]>> {
  const out = new Map<string, string[]>();
  if (requestIds.length === 0) return out;
  const rows = await db
    .selectFrom('time_off')
    .select(['id', 'time_off_request_id'])
    .where('company_id', '=', companyId)
    .where('time_off_request_id', 'in', [...new Set(requestIds)])
    .execute();
  for (const r of rows) {
    if (r.time_off_request_id)
      out.set(r.time_off_request_id, [...(out.get(r.time_off_request_id) ?? []), r.id]);
  }
  return out;
}
