/**
 * Stopwatch timers and their intervals. Interval bounds are instants (ISO-8601 UTC); an interval without
 * an end is the running one. A partial unique index keeps one running timer per person.
 */
import type { Selectable } from 'kysely';
import type { Db } from '../../db/connect.js';
import type { TimersTable } from '../../db/schema.js';
import type { Paging } from '../../http/paging.js';

export interface IntervalRecord {
  id: string;
  startAt: string;
  endAt: string | null;
  /** ±hh:mm */
  offset: string;
}

export interface TimerRecord {
  companyId: string;
  id: string;
  userId: string;
  timeEntryId: string;
  timeEntryDate: string;
  initialSeconds: number;
  isRunning: boolean;
  createdAt: string;
  updatedAt: string;
  intervals: IntervalRecord[];
}

export interface TimerFilter {
  ids?: readonly string[];
  userIds?: readonly string[];
  timeEntryIds?: readonly string[];
  isRunning?: readonly boolean[];
  fromDate?: string;
  toDate?: string;
}

const b = (v: boolean): 0 | 1 => (v ? 1 : 0);

const toRecord = (r: Selectable<TimersTable>, intervals: IntervalRecord[]): TimerRecord => ({
  companyId: r.company_id,
  id: r.id,
  userId: r.user_id,
  timeEntryId: r.time_entry_id,
  timeEntryDate: r.time_entry_date,
  initialSeconds: Number(r.initial_seconds),
  isRunning: r.is_running === 1,
  createdAt: r.created_at,
  updatedAt: r.updated_at,
  intervals,
});

async function withIntervals(
  db: Db,
  companyId: string,
  rows: Selectable<TimersTable>[],
): Promise<TimerRecord[]> {
  if (rows.length === 0) return [];
  const found = await db
    .selectFrom('timer_intervals')
    .select(['id', 'timer_id', 'start_at', 'end_at', 'time_zone_offset'])
    .where('company_id', '=', companyId)
    .where(
      'timer_id',
      'in',
      rows.map((r) => r.id),
    )
    .orderBy('timer_id')
    .orderBy('seq')
    .execute();
  const byTimer = new Map<string, IntervalRecord[]>();
  for (const i of found) {
    const list = byTimer.get(i.timer_id) ?? [];
    list.push({ id: i.id, startAt: i.start_at, endAt: i.end_at, offset: i.time_zone_offset });
    byTimer.set(i.timer_id, list);
  }
  return rows.map((r) => toRecord(r, byTimer.get(r.id) ?? []));
}

function filtered(db: Db, companyId: string, f: TimerFilter) {
  let q = db.selectFrom('timers').where('company_id', '=', companyId);
  if (f.ids) q = q.where('id', 'in', f.ids.length ? [...f.ids] : ['']);
  if (f.userIds) q = q.where('user_id', 'in', f.userIds.length ? [...f.userIds] : ['']);
  if (f.timeEntryIds) q = q.where('time_entry_id', 'in', f.timeEntryIds.length ? [...f.timeEntryIds] : ['']);
  if (f.isRunning) q = q.where('is_running', 'in', f.isRunning.map(b));
  if (f.fromDate) q = q.where('time_entry_date', '>=', f.fromDate);
  if (f.toDate) q = q.where('time_entry_date', '<=', f.toDate);
  return q;
}

/** Default order: TimeEntryDate, ID. */
export async function listTimers(db: Db, companyId: string, f: TimerFilter, paging: Paging) {
  const [rows, count] = await Promise.all([
    filtered(db, companyId, f)
      .selectAll()
      .orderBy('time_entry_date')
      .orderBy('id')
      .limit(paging.limit)
      .offset(paging.offset)
      .execute(),
    filtered(db, companyId, f)
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow(),
  ]);
  return { rows: await withIntervals(db, companyId, rows), count: Number(count.n) };
}

export async function findTimer(db: Db, companyId: string, id: string): Promise<TimerRecord | undefined> {
  const row = await db
    .selectFrom('timers')
    .selectAll()
    .where('company_id', '=', companyId)
    .where('id', '=', id)
    .executeTakeFirst();
  return row ? (await withIntervals(db, companyId, [row]))[0] : undefined;
}

export async function findTimerOfEntry(
  db: Db,
  companyId: string,
  timeEntryId: string,
): Promise<TimerRecord | undefined> {
  const row = await db
    .selectFrom('timers')
    .selectAll()
    .where('company_id', '=', companyId)
    .where('time_entry_id', '=', timeEntryId)
    .executeTakeFirst();
  return row ? (await withIntervals(db, companyId, [row]))[0] : undefined;
}

export async function findRunningTimer(
  db: Db,
  companyId: string,
  userId: string,
): Promise<TimerRecord | undefined> {
  const row = await db
    .selectFrom('timers')
    .selectAll()
    .where('company_id', '=', companyId)
    .where('user_id', '=', userId)
    .where('is_running', '=', 1)
    .executeTakeFirst();
  return row ? (await withIntervals(db, companyId, [row]))[0] : undefined;
}

/** Inserts or replaces the timer and all of its intervals. */
export async function saveTimer(db: Db, t: TimerRecord, isNew: boolean, newId: () => string): Promise<void> {
  const row = {
    company_id: t.companyId,
    id: t.id,
    user_id: t.userId,
    time_entry_id: t.timeEntryId,
    time_entry_date: t.timeEntryDate,
    initial_seconds: t.initialSeconds,
    is_running: b(t.isRunning),
    created_at: t.createdAt,
    updated_at: t.updatedAt,
  };
  if (isNew) await db.insertInto('timers').values(row).execute();
  else {
    await db
      .updateTable('timers')
      .set({ initial_seconds: row.initial_seconds, is_running: row.is_running, updated_at: row.updated_at })
      .where('company_id', '=', t.companyId)
      .where('id', '=', t.id)
      .execute();
    await db
      .deleteFrom('timer_intervals')
      .where('company_id', '=', t.companyId)
      .where('timer_id', '=', t.id)
      .execute();
  }
  for (const i of t.intervals) if (!i.id) i.id = newId();
  if (t.intervals.length === 0) return;
  await db
    .insertInto('timer_intervals')
    .values(
      t.intervals.map((i, seq) => ({
        company_id: t.companyId,
        id: i.id,
        timer_id: t.id,
        seq,
        start_at: i.startAt,
        end_at: i.endAt,
        time_zone_offset: i.offset,
      })),
    )
    .execute();
}

export async function deleteTimer(db: Db, companyId: string, id: string): Promise<void> {
  await db.deleteFrom('timers').where('company_id', '=', companyId).where('id', '=', id).execute();
}
