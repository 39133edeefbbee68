/**
 * Expense sheets and their history: SQL only. Sheet totals are recomputed from the items by
 * `refreshSheetTotals`, which callers run in the item's transaction after `lockSheets`.
 */
import { sql, type Selectable } from 'kysely';
import type { Db } from '../../db/connect.js';
import type { DialectName } from '../../db/dialect.js';
import type { ExpenseSheetsTable } from '../../db/schema.js';
import type { Paging } from '../../http/paging.js';
import type { ExpenseSheetStatus } from '../../../contract/expenses.js';
import type { Reach } from './expenses.policy.js';

export interface SheetRecord {
  companyId: string;
  id: string;
  userId: string;
  title: string;
  expenseSheetDate: string;
  description: string;
  trackingId: string;
  enableForeignCurrency: boolean;
  status: ExpenseSheetStatus;
  check: string | null;
  comment: string | null;
  /** Minor units. */
  totalAmount: number;
  reimbursableAmount: number;
  itemCount: number;
  submittedByUserId: string | null;
  submittedAt: string | null;
  approvedByUserId: string | null;
  approvedAt: string | null;
  rejectedByUserId: string | null;
  rejectedAt: string | null;
  paidByUserId: string | null;
  paidAt: string | null;
  createdAt: string;
  updatedAt: string;
}

export const SHEET_SORT_KEYS = [
  'Date',
  'ExpenseItemCount',
  'ReimbursableAmount',
  'Status',
  'Title',
  'TotalAmount',
  'User',
] as const;
export type SheetSortKey = (typeof SHEET_SORT_KEYS)[number];
export type DefaultSheetOrder = 'me' | 'root' | 'manage';

export interface SheetFilter {
  ids?: string[];
  userIds?: string[];
  statuses?: ExpenseSheetStatus[];
  paid?: boolean[];
  fromDate?: string;
  toDate?: string;
  sheetDates?: string[];
  expenseApproverIds?: string[];
  userIsActive?: boolean[];
  divisionIds?: string[];
  employmentTypeIds?: string[];
  reach: Reach;
}

export interface SheetSort {
  key: SheetSortKey;
  descending: boolean;
}

const b = (v: boolean): 0 | 1 => (v ? 1 : 0);

function toRecord(r: Selectable<ExpenseSheetsTable>): SheetRecord {
  return {
    companyId: r.company_id,
    id: r.id,
    userId: r.user_id,
    title: r.title,
    expenseSheetDate: r.expense_sheet_date,
    description: r.description,
    trackingId: r.tracking_id,
    enableForeignCurrency: r.enable_foreign_currency === 1,
    status: r.status,
    check: r.check_number,
    comment: r.comment,
    totalAmount: Number(r.total_amount),
    reimbursableAmount: Number(r.reimbursable_amount),
    itemCount: Number(r.item_count),
    submittedByUserId: r.submitted_by_user_id,
    submittedAt: r.submitted_at,
    approvedByUserId: r.approved_by_user_id,
    approvedAt: r.approved_at,
    rejectedByUserId: r.rejected_by_user_id,
    rejectedAt: r.rejected_at,
    paidByUserId: r.paid_by_user_id,
    paidAt: r.paid_at,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  };
}

function toRow(s: SheetRecord): Selectable<ExpenseSheetsTable> {
  return {
    company_id: s.companyId,
    id: s.id,
    user_id: s.userId,
    title: s.title,
    expense_sheet_date: s.expenseSheetDate,
    description: s.description,
    tracking_id: s.trackingId,
    enable_foreign_currency: b(s.enableForeignCurrency),
    status: s.status,
    check_number: s.check,
    comment: s.comment,
    total_amount: s.totalAmount,
    reimbursable_amount: s.reimbursableAmount,
    item_count: s.itemCount,
    submitted_by_user_id: s.submittedByUserId,
    submitted_at: s.submittedAt,
    approved_by_user_id: s.approvedByUserId,
    approved_at: s.approvedAt,
    rejected_by_user_id: s.rejectedByUserId,
    rejected_at: s.rejectedAt,
    paid_by_user_id: s.paidByUserId,
    paid_at: s.paidAt,
    created_at: s.createdAt,
    updated_at: s.updatedAt,
  };
}

/** Sheets joined with their owners (filters and orders use the owner's name, division, approver). */
function filtered(db: Db, companyId: string, f: SheetFilter) {
  let q = db
    .selectFrom('expense_sheets as s')
    .innerJoin('users as u', (j) =>
      j.onRef('u.company_id', '=', 's.company_id').onRef('u.id', '=', 's.user_id'),
    )
    .where('s.company_id', '=', companyId);
  const reach = f.reach;
  switch (reach.kind) {
    case 'all':
      break;
    case 'none':
      q = q.where(sql<boolean>`1 = 0`);
      break;
    case 'self':
      q = q.where('s.user_id', '=', reach.userId);
      break;
    case 'some':
      q = q.where((eb) =>
        eb.or([
          eb('s.user_id', '=', reach.userId),
          eb('u.expense_approver_id', '=', reach.userId),
          ...(reach.divisionIds.length ? [eb('u.division_id', 'in', [...reach.divisionIds])] : []),
        ]),
      );
      break;
  }
  if (f.ids) q = q.where('s.id', 'in', f.ids);
  if (f.userIds) q = q.where('s.user_id', 'in', f.userIds);
  if (f.statuses) q = q.where('s.status', 'in', f.statuses);
  if (f.paid) {
    const paid = f.paid;
    if (!(paid.includes(true) && paid.includes(false))) {
      q = paid.includes(true) ? q.where('s.status', '=', 'paid') : q.where('s.status', '<>', 'paid');
    }
  }
  if (f.fromDate) q = q.where('s.expense_sheet_date', '>=', f.fromDate);
  if (f.toDate) q = q.where('s.expense_sheet_date', '<=', f.toDate);
  if (f.sheetDates) q = q.where('s.expense_sheet_date', 'in', f.sheetDates);
  if (f.expenseApproverIds) q = q.where('u.expense_approver_id', 'in', f.expenseApproverIds);
  if (f.userIsActive) q = q.where('u.is_active', 'in', f.userIsActive.map(b));
  if (f.divisionIds) q = q.where('u.division_id', 'in', f.divisionIds);
  if (f.employmentTypeIds) q = q.where('u.employment_type_id', 'in', f.employmentTypeIds);
  return q;
}

const SORT_COLUMN = {
  Date: 's.expense_sheet_date',
  ExpenseItemCount: 's.item_count',
  ReimbursableAmount: 's.reimbursable_amount',
  Status: 's.status',
  Title: 's.title',
  TotalAmount: 's.total_amount',
  User: 'u.name',
} as const satisfies Record<SheetSortKey, string>;

type OrderColumn = (typeof SORT_COLUMN)[SheetSortKey] | 's.created_at' | 's.id';

/**
 * Default orders (CATALOGUE): /Me and /Manage "ExpenseSheetDate, ID"; root "ExpenseSheetDate desc,
 * User Name, Expense Sheet Creation Date desc". A SortBy key comes first; ID is always the last tie-break.
 */
function orderOf(order: DefaultSheetOrder, sort: SheetSort | undefined): [OrderColumn, 'asc' | 'desc'][] {
  const base: [OrderColumn, 'asc' | 'desc'][] =
    order === 'root'
      ? [
          ['s.expense_sheet_date', 'desc'],
          ['u.name', 'asc'],
          ['s.created_at', 'desc'],
        ]
      : [['s.expense_sheet_date', 'asc']];
  const first: [OrderColumn, 'asc' | 'desc'][] = sort
    ? [[SORT_COLUMN[sort.key], sort.descending ? 'desc' : 'asc']]
    : [];
  return [...first, ...base, ['s.id', 'asc']];
}

export async function listSheets(
  db: Db,
  companyId: string,
  f: SheetFilter,
  order: DefaultSheetOrder,
  sort: SheetSort | undefined,
  paging: Paging,
) {
  let rows = filtered(db, companyId, f).selectAll('s');
  for (const [column, direction] of orderOf(order, sort)) rows = rows.orderBy(column, direction);
  const [found, count] = await Promise.all([
    rows.limit(paging.limit).offset(paging.offset).execute(),
    filtered(db, companyId, f)
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow(),
  ]);
  return { rows: found.map(toRecord), count: Number(count.n) };
}

export async function findSheet(db: Db, companyId: string, id: string): Promise<SheetRecord | undefined> {
  const row = await db
    .selectFrom('expense_sheets')
    .selectAll()
    .where('company_id', '=', companyId)
    .where('id', '=', id)
    .executeTakeFirst();
  return row && toRecord(row);
}

export async function findSheets(db: Db, companyId: string, ids: readonly string[]): Promise<SheetRecord[]> {
  if (ids.length === 0) return [];
  const rows = await db
    .selectFrom('expense_sheets')
    .selectAll()
    .where('company_id', '=', companyId)
    .where('id', 'in', [...new Set(ids)])
    .execute();
  return rows.map(toRecord);
}

/**
 * Locks sheets for the rest of the transaction and returns their current rows. PostgreSQL takes row
 * locks in ID order (no deadlocks between two writers); SQLite's write transactions already hold the
 * database lock from BEGIN IMMEDIATE (db/connect.ts), so a plain read is current.
 */
export async function lockSheets(
  tx: Db,
  dialect: DialectName,
  companyId: string,
  ids: readonly string[],
): Promise<Map<string, SheetRecord>> {
  const sorted = [...new Set(ids)].sort();
  const out = new Map<string, SheetRecord>();
  if (sorted.length === 0) return out;
  const q = tx
    .selectFrom('expense_sheets')
    .selectAll()
    .where('company_id', '=', companyId)
    .where('id', 'in', sorted)
    .orderBy('id');
  const rows = await (dialect === 'postgres' ? q.forUpdate() : q).execute();
  for (const r of rows) out.set(r.id, toRecord(r));
  return out;
}

export async function insertSheet(db: Db, s: SheetRecord): Promise<void> {
  await db.insertInto('expense_sheets').values(toRow(s)).execute();
}

/** Saves the fields a PATCH may change. */
export async function saveSheetFields(db: Db, s: SheetRecord): Promise<void> {
  await db
    .updateTable('expense_sheets')
    .set({
      title: s.title,
      expense_sheet_date: s.expenseSheetDate,
      description: s.description,
      tracking_id: s.trackingId,
      enable_foreign_currency: b(s.enableForeignCurrency),
      updated_at: s.updatedAt,
    })
    .where('company_id', '=', s.companyId)
    .where('id', '=', s.id)
    .execute();
}

/**
 * Moves a sheet to its next status only if it still has the status it was read with; returns whether
 * it did. Two approvers at once: one update matches, the other finds the sheet already moved.
 */
export async function transitionSheet(
  db: Db,
  s: SheetRecord,
  expected: ExpenseSheetStatus,
): Promise<boolean> {
  const row = toRow(s);
  const result = await db
    .updateTable('expense_sheets')
    .set({
      status: row.status,
      check_number: row.check_number,
      comment: row.comment,
      submitted_by_user_id: row.submitted_by_user_id,
      submitted_at: row.submitted_at,
      approved_by_user_id: row.approved_by_user_id,
      approved_at: row.approved_at,
      rejected_by_user_id: row.rejected_by_user_id,
      rejected_at: row.rejected_at,
      paid_by_user_id: row.paid_by_user_id,
      paid_at: row.paid_at,
      updated_at: row.updated_at,
    })
    .where('company_id', '=', s.companyId)
    .where('id', '=', s.id)
    .where('status', '=', expected)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

export async function deleteSheet(db: Db, companyId: string, id: string): Promise<void> {
  await db
    .deleteFrom('expense_receipts')
    .where('company_id', '=', companyId)
    .where('expense_item_id', 'in', (eb) =>
      eb
        .selectFrom('expense_items')
        .select('id')
        .where('company_id', '=', companyId)
        .where('expense_sheet_id', '=', id),
    )
    .execute();
  await db
    .deleteFrom('expense_items')
    .where('company_id', '=', companyId)
    .where('expense_sheet_id', '=', id)
    .execute();
  await db
    .deleteFrom('expense_sheet_history')
    .where('company_id', '=', companyId)
    .where('expense_sheet_id', '=', id)
    .execute();
  await db.deleteFrom('expense_sheets').where('company_id', '=', companyId).where('id', '=', id).execute();
}

/** Sets a sheet's totals to the sums over its items; run under the sheet's lock, in the item transaction. */
export async function refreshSheetTotals(
  db: Db,
  companyId: string,
  sheetId: string,
  now: string,
): Promise<void> {
  const items = (alias: string) =>
    sql`from expense_items ${sql.raw(alias)} where ${sql.raw(alias)}.company_id = ${companyId} and ${sql.raw(alias)}.expense_sheet_id = ${sheetId}`;
  await db
    .updateTable('expense_sheets')
    .set({
      total_amount: sql<number>`(select coalesce(sum(i1.amount), 0) ${items('i1')})`,
      reimbursable_amount: sql<number>`(select coalesce(sum(i2.amount), 0) ${items('i2')} and i2.reimbursable = 1)`,
      item_count: sql<number>`(select count(*) ${items('i3')})`,
      updated_at: now,
    })
    .where('company_id', '=', companyId)
    .where('id', '=', sheetId)
    .execute();
}

/** Whether a sheet has items in a foreign currency (EnableForeignCurrency cannot be turned off then). */
export async function hasForeignItems(db: Db, companyId: string, sheetId: string): Promise<boolean> {
  const row = await db
    .selectFrom('expense_items')
    .select('id')
    .where('company_id', '=', companyId)
    .where('expense_sheet_id', '=', sheetId)
    .where('amount_foreign_currency', 'is not', null)
    .limit(1)
    .executeTakeFirst();
  return row !== undefined;
}

// ——— history ———

export interface HistoryRecord {
  action: string;
  actionByUserId: string | null;
  actionByUserName: string;
  comment: string | null;
  createdAt: string;
}

/** Appends a history row; the sheet is locked, so the next sequence number is safe to compute. */
export async function insertHistory(
  db: Db,
  companyId: string,
  sheetId: string,
  h: HistoryRecord,
): Promise<void> {
  const row = await db
    .selectFrom('expense_sheet_history')
    .select((eb) => eb.fn.max<number | null>('seq').as('seq'))
    .where('company_id', '=', companyId)
    .where('expense_sheet_id', '=', sheetId)
    .executeTakeFirst();
  await db
    .insertInto('expense_sheet_history')
    .values({
      company_id: companyId,
      expense_sheet_id: sheetId,
      seq: Number(row?.seq ?? 0) + 1,
      action: h.action,
      action_by_user_id: h.actionByUserId,
      action_by_user_name: h.actionByUserName,
      comment: h.comment,
      created_at: h.createdAt,
    })
    .execute();
}

/** History, newest first (CATALOGUE: ChangeDate desc). */
export async function listHistory(db: Db, companyId: string, sheetId: string, paging: Paging) {
  const base = () =>
    db
      .selectFrom('expense_sheet_history')
      .where('company_id', '=', companyId)
      .where('expense_sheet_id', '=', sheetId);
  const [rows, count] = await Promise.all([
    base()
      .selectAll()
      .orderBy('created_at', 'desc')
      .orderBy('seq', 'desc')
      .limit(paging.limit)
      .offset(paging.offset)
      .execute(),
    base()
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow(),
  ]);
  return {
    rows: rows.map((r): HistoryRecord => ({
      action: r.action,
      actionByUserId: r.action_by_user_id,
      actionByUserName: r.action_by_user_name,
      comment: r.comment,
      createdAt: r.created_at,
    })),
    count: Number(count.n),
  };
}
