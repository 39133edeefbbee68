/**
 * Timesheet rows and their history. Writes that change a sheet run inside a transaction that first
 * takes the owner's lock (`lockOwner`) and then the sheet rows (`lockSheetRows`), always in that order,
 * so workflow actions and entry edits of one person serialise without deadlocks.
 */
import { sql, type Selectable } from 'kysely';
import type { Db } from '../../db/connect.js';
import type { DialectName } from '../../db/dialect.js';
import type { TimesheetHistoryTable, TimesheetsTable, TimesheetStatus } from '../../db/schema.js';
import type { Paging } from '../../http/paging.js';
import type { Reach } from './timesheets.policy.js';

export interface SheetRecord {
  companyId: string;
  id: string;
  userId: string;
  startDate: string;
  endDate: string;
  status: TimesheetStatus;
  statusBeforeLock: TimesheetStatus | null;
  hasBeenSubmitted: boolean;
  submittedByUserId: string | null;
  submittedAt: string | null;
  approvedByUserId: string | null;
  approvedAt: string | null;
  rejectedByUserId: string | null;
  rejectedAt: string | null;
  comment: string | null;
  createdAt: string;
  updatedAt: string;
}

const toRecord = (r: Selectable<TimesheetsTable>): SheetRecord => ({
  companyId: r.company_id,
  id: r.id,
  userId: r.user_id,
  startDate: r.start_date,
  endDate: r.end_date,
  status: r.status,
  statusBeforeLock: r.status_before_lock,
  hasBeenSubmitted: r.has_been_submitted === 1,
  submittedByUserId: r.submitted_by_user_id,
  submittedAt: r.submitted_at,
  approvedByUserId: r.approved_by_user_id,
  approvedAt: r.approved_at,
  rejectedByUserId: r.rejected_by_user_id,
  rejectedAt: r.rejected_at,
  comment: r.comment,
  createdAt: r.created_at,
  updatedAt: r.updated_at,
});

function toRow(s: SheetRecord): Selectable<TimesheetsTable> {
  return {
    company_id: s.companyId,
    id: s.id,
    user_id: s.userId,
    start_date: s.startDate,
    end_date: s.endDate,
    status: s.status,
    status_before_lock: s.statusBeforeLock,
    has_been_submitted: s.hasBeenSubmitted ? 1 : 0,
    submitted_by_user_id: s.submittedByUserId,
    submitted_at: s.submittedAt,
    approved_by_user_id: s.approvedByUserId,
    approved_at: s.approvedAt,
    rejected_by_user_id: s.rejectedByUserId,
    rejected_at: s.rejectedAt,
    comment: s.comment,
    created_at: s.createdAt,
    updated_at: s.updatedAt,
  };
}

export async function findSheet(db: Db, companyId: string, id: string): Promise<SheetRecord | undefined> {
  const row = await db
    .selectFrom('timesheets')
    .selectAll()
    .where('company_id', '=', companyId)
    .where('id', '=', id)
    .executeTakeFirst();
  return row && toRecord(row);
}

/** The person's sheets that overlap [from, to], by start date. */
export async function sheetsOverlapping(
  db: Db,
  companyId: string,
  userId: string,
  from: string,
  to: string,
): Promise<SheetRecord[]> {
  const rows = await db
    .selectFrom('timesheets')
    .selectAll()
    .where('company_id', '=', companyId)
    .where('user_id', '=', userId)
    .where('start_date', '<=', to)
    .where('end_date', '>=', from)
    .orderBy('start_date')
    .execute();
  return rows.map(toRecord);
}

/** The person's last sheet ending before `date` and first sheet starting after it. */
export async function neighbours(
  db: Db,
  companyId: string,
  userId: string,
  date: string,
): Promise<{ before: SheetRecord | undefined; after: SheetRecord | undefined }> {
  const base = db
    .selectFrom('timesheets')
    .selectAll()
    .where('company_id', '=', companyId)
    .where('user_id', '=', userId);
  const [before, after] = await Promise.all([
    base.where('end_date', '<', date).orderBy('end_date', 'desc').limit(1).executeTakeFirst(),
    base.where('start_date', '>', date).orderBy('start_date').limit(1).executeTakeFirst(),
  ]);
  return { before: before && toRecord(before), after: after && toRecord(after) };
}

/** Inserts a sheet unless the person already has one starting that day; true when inserted. */
export async function insertSheetIfAbsent(db: Db, s: SheetRecord): Promise<boolean> {
  const result = await db
    .insertInto('timesheets')
    .values(toRow(s))
    .onConflict((oc) => oc.columns(['company_id', 'user_id', 'start_date']).doNothing())
    .executeTakeFirst();
  return Number(result.numInsertedOrUpdatedRows ?? 0) > 0;
}

/**
 * Serialises every timesheet write of one person for the rest of the transaction. PostgreSQL: a
 * transaction-scoped advisory lock keyed by the person; SQLite: nothing to do, since a write
 * transaction already holds the database's write lock from BEGIN IMMEDIATE (db/connect.ts).
 */
export async function lockOwner(
  tx: Db,
  dialect: DialectName,
  companyId: string,
  userId: string,
): Promise<void> {
  if (dialect !== 'postgres') return;
  await sql`select pg_advisory_xact_lock(hashtext(${'timesheets:' + companyId}), hashtext(${userId}))`.execute(
    tx,
  );
}

/** Locks sheet rows (FOR UPDATE on PostgreSQL) in ID order and returns them as they are now. */
export async function lockSheetRows(
  tx: Db,
  dialect: DialectName,
  companyId: string,
  ids: readonly string[],
): Promise<Map<string, SheetRecord>> {
  const sorted = [...new Set(ids)].sort();
  const out = new Map<string, SheetRecord>();
  if (sorted.length === 0) return out;
  const q = tx
    .selectFrom('timesheets')
    .selectAll()
    .where('company_id', '=', companyId)
    .where('id', 'in', sorted)
    .orderBy('id');
  const rows = await (dialect === 'postgres' ? q.forUpdate() : q).execute();
  for (const r of rows) out.set(r.id, toRecord(r));
  return out;
}

/** Saves a workflow change only if the status is still `expected`; false when someone got there first. */
export async function transitionSheet(db: Db, s: SheetRecord, expected: TimesheetStatus): Promise<boolean> {
  const { company_id, id, user_id, start_date, end_date, created_at, ...changes } = toRow(s);
  void user_id;
  void start_date;
  void end_date;
  void created_at;
  const result = await db
    .updateTable('timesheets')
    .set(changes)
    .where('company_id', '=', company_id)
    .where('id', '=', id)
    .where('status', '=', expected)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

// ——— lists ———

export interface SheetFilter {
  reach: Reach;
  statuses?: TimesheetStatus[];
  userIds?: string[];
  divisionIds?: string[];
  employmentTypeIds?: string[];
  fromDate?: string;
  toDate?: string;
}

function filtered(db: Db, companyId: string, f: SheetFilter) {
  let q = db
    .selectFrom('timesheets as t')
    .innerJoin('users as u', (j) =>
      j.onRef('u.company_id', '=', 't.company_id').onRef('u.id', '=', 't.user_id'),
    )
    .where('t.company_id', '=', companyId);
  const r = f.reach;
  if (r.kind === 'none') q = q.where('t.id', '=', '');
  if (r.kind === 'self') q = q.where('t.user_id', '=', r.userId);
  if (r.kind === 'some') {
    q = q.where((eb) =>
      eb.or([
        eb('u.timesheet_approver_id', '=', r.approverId),
        eb('u.division_id', 'in', r.divisionIds.length ? [...r.divisionIds] : ['']),
      ]),
    );
  }
  if (f.statuses) q = q.where('t.status', 'in', f.statuses);
  if (f.userIds) q = q.where('t.user_id', 'in', f.userIds);
  if (f.divisionIds) q = q.where('u.division_id', 'in', f.divisionIds);
  if (f.employmentTypeIds) q = q.where('u.employment_type_id', 'in', f.employmentTypeIds);
  // A sheet matches a date range when it overlaps it.
  if (f.fromDate) q = q.where('t.end_date', '>=', f.fromDate);
  if (f.toDate) q = q.where('t.start_date', '<=', f.toDate);
  return q;
}

/** Default order: StartDate desc, then the person's name (CATALOGUE), then ID. */
export async function listSheets(db: Db, companyId: string, f: SheetFilter, paging: Paging) {
  const [rows, count] = await Promise.all([
    filtered(db, companyId, f)
      .selectAll('t')
      .orderBy('t.start_date', 'desc')
      .orderBy('u.name')
      .orderBy('t.id')
      .limit(paging.limit)
      .offset(paging.offset)
      .execute(),
    filtered(db, companyId, f)
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow(),
  ]);
  return { rows: rows.map(toRecord), count: Number(count.n) };
}

// ——— history ———

export interface HistoryRecord {
  seq: number;
  action: string;
  actionByUserId: string | null;
  actionByUserName: string;
  comment: string | null;
  hasAttestation: boolean;
  jobId: string | null;
  jobStatus: 'Approved' | 'Rejected' | null;
  createdAt: string;
}

const toHistory = (r: Selectable<TimesheetHistoryTable>): HistoryRecord => ({
  seq: r.seq,
  action: r.action,
  actionByUserId: r.action_by_user_id,
  actionByUserName: r.action_by_user_name,
  comment: r.comment,
  hasAttestation: r.has_attestation === 1,
  jobId: r.job_id,
  jobStatus: r.job_status,
  createdAt: r.created_at,
});

/** Appends a history row; call with the sheet row locked, which makes `seq` safe. */
export async function insertHistory(
  tx: Db,
  companyId: string,
  timesheetId: string,
  h: Omit<HistoryRecord, 'seq'>,
): Promise<void> {
  const last = await tx
    .selectFrom('timesheet_history')
    .select((eb) => eb.fn.max('seq').as('m'))
    .where('company_id', '=', companyId)
    .where('timesheet_id', '=', timesheetId)
    .executeTakeFirst();
  await tx
    .insertInto('timesheet_history')
    .values({
      company_id: companyId,
      timesheet_id: timesheetId,
      seq: Number(last?.m ?? 0) + 1,
      action: h.action,
      action_by_user_id: h.actionByUserId,
      action_by_user_name: h.actionByUserName,
      comment: h.comment,
      has_attestation: h.hasAttestation ? 1 : 0,
      job_id: h.jobId,
      job_status: h.jobStatus,
      created_at: h.createdAt,
    })
    .execute();
}

/** Default order: ChangeDate desc (newest first). */
export async function listHistory(db: Db, companyId: string, timesheetId: string, paging: Paging) {
  const base = db
    .selectFrom('timesheet_history')
    .where('company_id', '=', companyId)
    .where('timesheet_id', '=', timesheetId);
  const [rows, count] = await Promise.all([
    base.selectAll().orderBy('seq', 'desc').limit(paging.limit).offset(paging.offset).execute(),
    base.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { rows: rows.map(toHistory), count: Number(count.n) };
}
