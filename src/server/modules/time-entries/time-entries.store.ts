/**
 * Time entries in the store. Hours, break and rates are integers × 10^4 (docs/adr/0006-hours.md); sums are
 * integer sums, so reports add up exactly (DECISIONS 9).
 */
import { sql, type Selectable } from 'kysely';
import type { Db } from '../../db/connect.js';
import { entriesPerDay, seekInDays } from '../../db/rollups.js';
import type { TimeEntriesTable } from '../../db/schema.js';
import type { Paging } from '../../http/paging.js';
import { addDays } from '../../lib/dates.js';

export interface TimeEntryRecord {
  companyId: string;
  id: string;
  userId: string;
  date: string;
  jobId: string;
  taskId: string;
  /** × 10^4 */
  hours: number;
  /** × 10^4 */
  breakTime: number;
  startTime: string | null;
  endTime: string | null;
  comment: string;
  /** × 10^4 */
  billingRate: number;
  /** × 10^4 */
  costRate: number;
  isBillable: boolean;
  customFields: Record<string, unknown>;
}

/** What a list may be narrowed to. Absent members do not narrow. */
export interface EntryFilter {
  ids?: readonly string[];
  userIds?: readonly string[];
  jobIds?: readonly string[];
  taskIds?: readonly string[];
  /** Inclusive range on Date. */
  fromDate?: string;
  toDate?: string;
  /** Any of these dates (EntryDate). */
  dates?: readonly string[];
  /** Only the people a manager reaches: of these divisions, or whose timesheet approver is approverId. */
  reach?: { divisionIds: readonly string[]; approverId: string };
  /** Nobody (a scope that covers no one). */
  none?: boolean;
}

const b = (v: boolean): 0 | 1 => (v ? 1 : 0);

/**
 * The columns an entry is read with: not company_id (the caller knows it) nor the created/updated instants
 * (never on the wire; parsing two timestamps per row was the largest cost of a 500-entry page).
 */
const READ = [
  'id',
  'user_id',
  'date',
  'job_id',
  'task_id',
  'hours',
  'break_time',
  'start_time',
  'end_time',
  'comment',
  'billing_rate',
  'cost_rate',
  'is_billable',
  'custom_fields',
] as const;
type ReadRow = Pick<Selectable<TimeEntriesTable>, (typeof READ)[number]>;

const toEntryRecord = (companyId: string, r: ReadRow): TimeEntryRecord => ({
  companyId,
  id: r.id,
  userId: r.user_id,
  date: r.date,
  jobId: r.job_id,
  taskId: r.task_id,
  hours: Number(r.hours),
  breakTime: Number(r.break_time),
  startTime: r.start_time,
  endTime: r.end_time,
  comment: r.comment,
  billingRate: Number(r.billing_rate),
  costRate: Number(r.cost_rate),
  isBillable: r.is_billable === 1,
  customFields: r.custom_fields === '{}' ? {} : (JSON.parse(r.custom_fields) as Record<string, unknown>),
});

const toRow = (e: TimeEntryRecord, now: string): Selectable<TimeEntriesTable> => ({
  company_id: e.companyId,
  id: e.id,
  user_id: e.userId,
  date: e.date,
  job_id: e.jobId,
  task_id: e.taskId,
  hours: e.hours,
  break_time: e.breakTime,
  start_time: e.startTime,
  end_time: e.endTime,
  comment: e.comment,
  billing_rate: e.billingRate,
  cost_rate: e.costRate,
  is_billable: b(e.isBillable),
  custom_fields: JSON.stringify(e.customFields),
  created_at: now,
  updated_at: now,
});

function filtered(db: Db, companyId: string, f: EntryFilter) {
  let q = db.selectFrom('time_entries as e').where('e.company_id', '=', companyId);
  if (f.none) q = q.where(sql<boolean>`1 = 0`);
  if (f.ids) q = q.where('e.id', 'in', f.ids.length ? [...f.ids] : ['']);
  if (f.userIds) q = q.where('e.user_id', 'in', f.userIds.length ? [...f.userIds] : ['']);
  if (f.jobIds) q = q.where('e.job_id', 'in', f.jobIds.length ? [...f.jobIds] : ['']);
  if (f.taskIds) q = q.where('e.task_id', 'in', f.taskIds.length ? [...f.taskIds] : ['']);
  if (f.fromDate) q = q.where('e.date', '>=', f.fromDate);
  if (f.toDate) q = q.where('e.date', '<=', f.toDate);
  if (f.dates) q = q.where('e.date', 'in', f.dates.length ? [...f.dates] : ['']);
  if (f.reach) {
    const { divisionIds, approverId } = f.reach;
    q = q.where((eb) =>
      eb.exists(
        eb
          .selectFrom('users as u')
          .select('u.id')
          .whereRef('u.company_id', '=', 'e.company_id')
          .whereRef('u.id', '=', 'e.user_id')
          .where((w) =>
            w.or([
              w('u.timesheet_approver_id', '=', approverId),
              w('u.division_id', 'in', divisionIds.length ? [...divisionIds] : ['']),
            ]),
          ),
      ),
    );
  }
  return q;
}

/**
 * A page of entries in the default order (Date desc, ID desc) and the number of all matches. The
 * timesheets module uses this for /Timesheets/{id}/TimeEntries (keep the signature stable).
 */
export async function listEntries(
  db: Db,
  companyId: string,
  filter: EntryFilter,
  paging: Paging,
): Promise<{ rows: TimeEntryRecord[]; count: number }> {
  if (onlyDates(filter)) return listByDayRollup(db, companyId, filter, paging);
  const [rows, count] = await Promise.all([
    filtered(db, companyId, filter)
      .select(READ.map((c) => `e.${c}` as const))
      .orderBy('e.date', 'desc')
      .orderBy('e.id', 'desc')
      .limit(paging.limit)
      .offset(paging.offset)
      .execute(),
    filtered(db, companyId, filter)
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow(),
  ]);
  return { rows: rows.map((r) => toEntryRecord(companyId, r)), count: Number(count.n) };
}

const onlyDates = (f: EntryFilter) =>
  !f.ids && !f.userIds && !f.jobIds && !f.taskIds && !f.dates && !f.reach && !f.none;

/** Offsets below this are skipped in the index; past it the day counts find the page's first date. */
const SEEK_FROM = 2000;

/**
 * The whole company's entries (an Admin's /TimeEntries, optionally between two dates): the count comes
 * from the day rollup (docs/adr/0009-time-rollups.md) instead of counting every entry, and a deep offset
 * starts at the date where the page begins, so paging through ten million entries stays linear.
 */
async function listByDayRollup(
  db: Db,
  companyId: string,
  filter: EntryFilter,
  paging: Paging,
): Promise<{ rows: TimeEntryRecord[]; count: number }> {
  const days = await entriesPerDay(db, companyId, {
    ...(filter.fromDate ? { from: filter.fromDate } : {}),
    ...(filter.toDate ? { to: filter.toDate } : {}),
    order: 'desc',
  });
  const count = days.reduce((sum, d) => sum + d.n, 0);
  if (paging.offset >= count) return { rows: [], count };
  const seek = paging.offset >= SEEK_FROM ? seekInDays(days, paging.offset) : undefined;
  const rows = await filtered(db, companyId, seek ? { ...filter, toDate: seek.date } : filter)
    .select(READ.map((c) => `e.${c}` as const))
    .orderBy('e.date', 'desc')
    .orderBy('e.id', 'desc')
    .limit(paging.limit)
    .offset(seek ? paging.offset - seek.before : paging.offset)
    .execute();
  return { rows: rows.map((r) => toEntryRecord(companyId, r)), count };
}

export async function findEntry(db: Db, companyId: string, id: string): Promise<TimeEntryRecord | undefined> {
  const row = await db
    .selectFrom('time_entries')
    .select(READ)
    .where('company_id', '=', companyId)
    .where('id', '=', id)
    .executeTakeFirst();
  return row && toEntryRecord(companyId, row);
}

export async function findEntries(
  db: Db,
  companyId: string,
  ids: readonly string[],
): Promise<TimeEntryRecord[]> {
  if (ids.length === 0) return [];
  const rows = await db
    .selectFrom('time_entries')
    .select(READ)
    .where('company_id', '=', companyId)
    .where('id', 'in', [...new Set(ids)])
    .execute();
  return rows.map((r) => toEntryRecord(companyId, r));
}

const INSERT_CHUNK = 500;

export async function insertEntries(db: Db, entries: readonly TimeEntryRecord[], now: string): Promise<void> {
  for (let i = 0; i < entries.length; i += INSERT_CHUNK) {
    await db
      .insertInto('time_entries')
      .values(entries.slice(i, i + INSERT_CHUNK).map((e) => toRow(e, now)))
      .execute();
  }
}

/** Saves what a PATCH may change (not the person or the date). */
export async function saveEntry(db: Db, e: TimeEntryRecord, now: string): Promise<void> {
  const { company_id, id, created_at: _created, user_id: _user, date: _date, ...rest } = toRow(e, now);
  await db
    .updateTable('time_entries')
    .set(rest)
    .where('company_id', '=', company_id)
    .where('id', '=', id)
    .execute();
}

export async function saveEntryHours(
  db: Db,
  companyId: string,
  id: string,
  hours: number,
  now: string,
): Promise<void> {
  await db
    .updateTable('time_entries')
    .set({ hours, updated_at: now })
    .where('company_id', '=', companyId)
    .where('id', '=', id)
    .execute();
}

export async function deleteEntry(db: Db, companyId: string, id: string): Promise<void> {
  await db.deleteFrom('time_entries').where('company_id', '=', companyId).where('id', '=', id).execute();
}

/**
 * The person's hours on each of `dates` (× 10^4), leaving out the entries in `excludeIds` (the entry
 * being changed). Dates without entries are absent.
 */
export async function dayTotals(
  db: Db,
  companyId: string,
  userId: string,
  dates: readonly string[],
  excludeIds: readonly string[] = [],
): Promise<Map<string, number>> {
  if (dates.length === 0) return new Map();
  let q = db
    .selectFrom('time_entries')
    .select(['date', (eb) => eb.fn.sum<number>('hours').as('total')])
    .where('company_id', '=', companyId)
    .where('user_id', '=', userId)
    .where('date', 'in', [...new Set(dates)]);
  if (excludeIds.length) q = q.where('id', 'not in', [...excludeIds]);
  const rows = await q.groupBy('date').execute();
  return new Map(rows.map((r) => [r.date, Number(r.total)]));
}

/** Hours (× 10^4) per person and date over an inclusive range, for the given people. */
export async function hoursByUserAndDay(
  db: Db,
  companyId: string,
  userIds: readonly string[],
  fromDate: string,
  toDate: string,
): Promise<Map<string, Map<string, number>>> {
  const out = new Map<string, Map<string, number>>();
  if (userIds.length === 0) return out;
  const rows = await db
    .selectFrom('time_entries')
    .select(['user_id', 'date', (eb) => eb.fn.sum<number>('hours').as('total')])
    .where('company_id', '=', companyId)
    .where('user_id', 'in', [...new Set(userIds)])
    .where('date', '>=', fromDate)
    .where('date', '<=', toDate)
    .groupBy(['user_id', 'date'])
    .execute();
  for (const r of rows) {
    let days = out.get(r.user_id);
    if (!days) out.set(r.user_id, (days = new Map<string, number>()));
    days.set(r.date, Number(r.total));
  }
  return out;
}

/**
 * Every date of the inclusive range with the person's hours on it (× 10^4; 0 for a day without
 * entries), ascending. The timesheets module uses this for DayTotals (keep the signature stable).
 */
export async function hoursByDay(
  db: Db,
  companyId: string,
  userId: string,
  fromDate: string,
  toDate: string,
): Promise<{ date: string; hours: number }[]> {
  const days = (await hoursByUserAndDay(db, companyId, [userId], fromDate, toDate)).get(userId);
  const out: { date: string; hours: number }[] = [];
  for (let d = fromDate; d <= toDate; d = addDays(d, 1)) out.push({ date: d, hours: days?.get(d) ?? 0 });
  return out;
}

/** Whether any entry refers to the job / task / person (DECISIONS 19). */
export async function anyEntryWith(
  db: Db,
  companyId: string,
  column: 'job_id' | 'task_id' | 'user_id',
  id: string,
): Promise<boolean> {
  const row = await db
    .selectFrom('time_entries')
    .select('id')
    .where('company_id', '=', companyId)
    .where(column, '=', id)
    .limit(1)
    .executeTakeFirst();
  return row !== undefined;
}

/** The distinct job/task pairs of a person's entries in an inclusive range, with the latest entry's custom fields. */
export async function recentPairs(
  db: Db,
  companyId: string,
  userId: string,
  fromDate: string,
  toDate: string,
): Promise<{ jobId: string; taskId: string; customFields: Record<string, unknown> }[]> {
  const rows = await db
    .selectFrom('time_entries')
    .select(['job_id', 'task_id', 'custom_fields', 'date', 'id'])
    .where('company_id', '=', companyId)
    .where('user_id', '=', userId)
    .where('date', '>=', fromDate)
    .where('date', '<=', toDate)
    .orderBy('date', 'desc')
    .orderBy('id', 'desc')
    .limit(5000)
    .execute();
  const seen = new Map<string, { jobId: string; taskId: string; customFields: Record<string, unknown> }>();
  for (const r of rows) {
    const key = `${r.job_id}\u0000${r.task_id}`;
    if (!seen.has(key)) {
      seen.set(key, {
        jobId: r.job_id,
        taskId: r.task_id,
        customFields: JSON.parse(r.custom_fields) as Record<string, unknown>,
      });
    }
  }
  return [...seen.values()];
}
