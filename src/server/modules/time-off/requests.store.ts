/**
 * Time-off requests, their requested days and their history (API.md §4.11). A status change is a
 * conditional UPDATE (`where status = expected`) on a row the caller has locked, so two approvers at once
 * give one change and one "changed meanwhile".
 */
import { sql, type Selectable } from 'kysely';
import type { Db } from '../../db/connect.js';
import type { DialectName } from '../../db/dialect.js';
import type { TimeOffRequestsTable, TimeOffRequestStatus } from '../../db/schema.js';
import type { Paging } from '../../http/paging.js';
import type { Reach } from './time-off.policy.js';
import { reachSql } from './reach.store.js';

export interface RequestDay {
  date: string;
  /** × 10^4 */
  hours: number;
}

export interface RequestRecord {
  companyId: string;
  id: string;
  userId: string;
  typeId: string;
  notes: string;
  status: TimeOffRequestStatus;
  approvalByUserId: string | null;
  createdByUserId: string | null;
  firstDate: string;
  lastDate: string;
  createdAt: string;
  updatedAt: string;
  days: RequestDay[];
}

export interface RequestFilter {
  ids?: string[];
  typeIds?: string[];
  statuses?: TimeOffRequestStatus[];
  userIds?: string[];
  approvalByUserIds?: string[];
  /** Requests that created one of these time-off entries. */
  timeOffIds?: string[];
  /** Requests with at least one day in [fromDate, toDate]. */
  fromDate?: string;
  toDate?: string;
  reach?: Reach;
}

type Row = Selectable<TimeOffRequestsTable>;

function toRecord(r: Row, days: RequestDay[]): RequestRecord {
  return {
    companyId: r.company_id,
    id: r.id,
    userId: r.user_id,
    typeId: r.time_off_type_id,
    notes: r.notes,
    status: r.status,
    approvalByUserId: r.approval_by_user_id,
    createdByUserId: r.created_by_user_id,
    firstDate: r.first_date,
    lastDate: r.last_date,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
    days,
  };
}

const some = (v: readonly string[]) => (v.length ? [...v] : ['']);

function filtered(db: Db, companyId: string, f: RequestFilter) {
  let q = db.selectFrom('time_off_requests as r').where('r.company_id', '=', companyId);
  if (f.ids) q = q.where('r.id', 'in', some(f.ids));
  if (f.typeIds) q = q.where('r.time_off_type_id', 'in', some(f.typeIds));
  if (f.statuses) q = q.where('r.status', 'in', f.statuses.length ? f.statuses : ['Submitted']);
  if (f.userIds) q = q.where('r.user_id', 'in', some(f.userIds));
  if (f.approvalByUserIds) q = q.where('r.approval_by_user_id', 'in', some(f.approvalByUserIds));
  if (f.timeOffIds) {
    const ids = some(f.timeOffIds);
    q = q.where((eb) =>
      eb.exists(
        eb
          .selectFrom('time_off as e')
          .select('e.id')
          .whereRef('e.company_id', '=', 'r.company_id')
          .whereRef('e.time_off_request_id', '=', 'r.id')
          .where('e.id', 'in', ids),
      ),
    );
  }
  if (f.fromDate || f.toDate) {
    const from = f.fromDate;
    const to = f.toDate;
    q = q.where((eb) => {
      let d = eb
        .selectFrom('time_off_request_dates as d')
        .select('d.date')
        .whereRef('d.company_id', '=', 'r.company_id')
        .whereRef('d.time_off_request_id', '=', 'r.id');
      if (from) d = d.where('d.date', '>=', from);
      if (to) d = d.where('d.date', '<=', to);
      return eb.exists(d);
    });
  }
  if (f.reach) {
    const reach = f.reach;
    q = q.where(() => reachSql('r', reach));
  }
  return q;
}

async function daysOf(db: Db, companyId: string, ids: readonly string[]): Promise<Map<string, RequestDay[]>> {
  const out = new Map<string, RequestDay[]>();
  if (ids.length === 0) return out;
  const rows = await db
    .selectFrom('time_off_request_dates')
    .selectAll()
    .where('company_id', '=', companyId)
    .where('time_off_request_id', 'in', [...new Set(ids)])
    .orderBy('date')
    .execute();
  for (const r of rows) {
    out.set(r.time_off_request_id, [
      ...(out.get(r.time_off_request_id) ?? []),
      { date: r.date, hours: Number(r.hours) },
    ]);
  }
  return out;
}

async function withDays(db: Db, companyId: string, rows: Row[]): Promise<RequestRecord[]> {
  const days = await daysOf(
    db,
    companyId,
    rows.map((r) => r.id),
  );
  return rows.map((r) => toRecord(r, days.get(r.id) ?? []));
}

/** A page in the default order (CreatedDate desc, then ID desc) and the total count. */
export async function listRequests(db: Db, companyId: string, f: RequestFilter, paging: Paging) {
  const [rows, count] = await Promise.all([
    filtered(db, companyId, f)
      .selectAll('r')
      .orderBy('r.created_at', 'desc')
      .orderBy('r.id', 'desc')
      .limit(paging.limit)
      .offset(paging.offset)
      .execute(),
    filtered(db, companyId, f)
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow(),
  ]);
  return { rows: await withDays(db, companyId, rows), count: Number(count.n) };
}

export async function findRequest(db: Db, companyId: string, id: string): Promise<RequestRecord | undefined> {
  const row = await db
    .selectFrom('time_off_requests')
    .selectAll()
    .where('company_id', '=', companyId)
    .where('id', '=', id)
    .executeTakeFirst();
  return row && (await withDays(db, companyId, [row]))[0];
}

/** The request locked for the rest of the transaction (FOR UPDATE on PostgreSQL), as it is now. */
export async function lockRequest(
  tx: Db,
  dialect: DialectName,
  companyId: string,
  id: string,
): Promise<RequestRecord | undefined> {
  const q = tx
    .selectFrom('time_off_requests')
    .selectAll()
    .where('company_id', '=', companyId)
    .where('id', '=', id);
  const row = await (dialect === 'postgres' ? q.forUpdate() : q).executeTakeFirst();
  return row && (await withDays(tx, companyId, [row]))[0];
}

export async function insertRequest(db: Db, r: RequestRecord): Promise<void> {
  await db
    .insertInto('time_off_requests')
    .values({
      company_id: r.companyId,
      id: r.id,
      user_id: r.userId,
      time_off_type_id: r.typeId,
      notes: r.notes,
      status: r.status,
      approval_by_user_id: r.approvalByUserId,
      created_by_user_id: r.createdByUserId,
      first_date: r.firstDate,
      last_date: r.lastDate,
      created_at: r.createdAt,
      updated_at: r.updatedAt,
    })
    .execute();
  await db
    .insertInto('time_off_request_dates')
    .values(
      r.days.map((d) => ({
        company_id: r.companyId,
        time_off_request_id: r.id,
        date: d.date,
        hours: d.hours,
      })),
    )
    .execute();
}

/** Moves the request to `next.status` only if it is still `expected`; returns whether it did. */
export async function transitionRequest(
  db: Db,
  next: RequestRecord,
  expected: TimeOffRequestStatus,
): Promise<boolean> {
  const result = await db
    .updateTable('time_off_requests')
    .set({ status: next.status, approval_by_user_id: next.approvalByUserId, updated_at: next.updatedAt })
    .where('company_id', '=', next.companyId)
    .where('id', '=', next.id)
    .where('status', '=', expected)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

// ——— history ———

export interface RequestHistoryRecord {
  seq: number;
  status: TimeOffRequestStatus;
  actionByUserId: string | null;
  actionByUserName: string;
  comment: string | null;
  createdAt: string;
}

export async function insertHistory(
  db: Db,
  companyId: string,
  requestId: string,
  h: Omit<RequestHistoryRecord, 'seq'>,
): Promise<void> {
  const { rows } = await sql<{ n: number | string | null }>`select max(seq) as n from time_off_request_history
    where company_id = ${companyId} and time_off_request_id = ${requestId}`.execute(db);
  await db
    .insertInto('time_off_request_history')
    .values({
      company_id: companyId,
      time_off_request_id: requestId,
      seq: Number(rows[0]?.n ?? 0) + 1,
      status: h.status,
      action_by_user_id: h.actionByUserId,
      action_by_user_name: h.actionByUserName,
      comment: h.comment,
      created_at: h.createdAt,
    })
    .execute();
}

/** The history of several requests, oldest first. */
export async function historyOf(
  db: Db,
  companyId: string,
  requestIds: readonly string[],
): Promise<Map<string, RequestHistoryRecord[]>> {
  const out = new Map<string, RequestHistoryRecord[]>();
  if (requestIds.length === 0) return out;
  const rows = await db
    .selectFrom('time_off_request_history')
    .selectAll()
    .where('company_id', '=', companyId)
    .where('time_off_request_id', 'in', [...new Set(requestIds)])
    .orderBy('seq')
    .execute();
  for (const r of rows) {
    out.set(r.time_off_request_id, [
      ...(out.get(r.time_off_request_id) ?? []),
      {
        seq: Number(r.seq),
        status: r.status,
        actionByUserId: r.action_by_user_id,
        actionByUserName: r.action_by_user_name,
        comment: r.comment,
        createdAt: r.created_at,
      },
    ]);
  }
  return out;
}
