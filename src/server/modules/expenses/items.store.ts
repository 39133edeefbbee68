/**
 * Expense items and their receipts: SQL only.
 */
import { sql, type Selectable } from 'kysely';
import type { Db } from '../../db/connect.js';
import type { ExpenseItemsTable } from '../../db/schema.js';
import type { Paging } from '../../http/paging.js';
import type { ExpenseSheetStatus } from '../../../contract/expenses.js';
import type { Reach } from './expenses.policy.js';
import type { StoredReceiptType } from './expenses.receipts.js';

export interface ItemRecord {
  companyId: string;
  id: string;
  expenseSheetId: string;
  userId: string;
  expenseDate: string;
  expenseTypeId: string;
  paymentTypeId: string;
  description: string;
  comment: string;
  /** Minor units. */
  amount: number;
  /** × 10^4 */
  quantity: number | null;
  /** × 10^4 */
  rate: number | null;
  /** An Admin set this item's rate; re-applying the type's rate leaves it alone. */
  rateOverridden: boolean;
  /** × 10^4 */
  amountForeign: number | null;
  amountForeignCurrency: string | null;
  /** × 10^6 */
  amountForeignExchangeRate: number | null;
  billable: boolean;
  reimbursable: boolean;
  jobId: string | null;
  taskId: string | null;
  hasReceipt: boolean;
  createdAt: string;
  updatedAt: string;
}

export const ITEM_SORT_KEYS = [
  'Date',
  'Type',
  'Description',
  'Job',
  'Billable',
  'PaymentType',
  'Amount',
  'ReceiptURL',
] as const;
export type ItemSortKey = (typeof ITEM_SORT_KEYS)[number];
export type DefaultItemOrder = 'root' | 'other';

export interface ItemFilter {
  ids?: string[];
  amounts?: number[];
  expenseDates?: string[];
  sheetIds?: string[];
  sheetStatuses?: ExpenseSheetStatus[];
  typeIds?: string[];
  jobIds?: string[];
  fromDate?: string;
  toDate?: string;
  userIds?: string[];
  reach: Reach;
}

export interface ItemSort {
  key: ItemSortKey;
  descending: boolean;
}

const b = (v: boolean): 0 | 1 => (v ? 1 : 0);
const num = (v: number | null) => (v === null ? null : Number(v));

function toRecord(r: Selectable<ExpenseItemsTable>): ItemRecord {
  return {
    companyId: r.company_id,
    id: r.id,
    expenseSheetId: r.expense_sheet_id,
    userId: r.user_id,
    expenseDate: r.expense_date,
    expenseTypeId: r.expense_type_id,
    paymentTypeId: r.payment_type_id,
    description: r.description,
    comment: r.comment,
    amount: Number(r.amount),
    quantity: num(r.quantity),
    rate: num(r.rate),
    rateOverridden: r.rate_overridden === 1,
    amountForeign: num(r.amount_foreign),
    amountForeignCurrency: r.amount_foreign_currency,
    amountForeignExchangeRate: num(r.amount_foreign_exchange_rate),
    billable: r.billable === 1,
    reimbursable: r.reimbursable === 1,
    jobId: r.job_id,
    taskId: r.task_id,
    hasReceipt: r.has_receipt === 1,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  };
}

function toRow(i: ItemRecord): Selectable<ExpenseItemsTable> {
  return {
    company_id: i.companyId,
    id: i.id,
    expense_sheet_id: i.expenseSheetId,
    user_id: i.userId,
    expense_date: i.expenseDate,
    expense_type_id: i.expenseTypeId,
    payment_type_id: i.paymentTypeId,
    description: i.description,
    comment: i.comment,
    amount: i.amount,
    quantity: i.quantity,
    rate: i.rate,
    rate_overridden: b(i.rateOverridden),
    amount_foreign: i.amountForeign,
    amount_foreign_currency: i.amountForeignCurrency,
    amount_foreign_exchange_rate: i.amountForeignExchangeRate,
    billable: b(i.billable),
    reimbursable: b(i.reimbursable),
    job_id: i.jobId,
    task_id: i.taskId,
    has_receipt: b(i.hasReceipt),
    created_at: i.createdAt,
    updated_at: i.updatedAt,
  };
}

/** Items joined with their sheet (status), owner (division, approver, creation), types and job (names). */
function filtered(db: Db, companyId: string, f: ItemFilter) {
  let q = db
    .selectFrom('expense_items as i')
    .innerJoin('expense_sheets as s', (j) =>
      j.onRef('s.company_id', '=', 'i.company_id').onRef('s.id', '=', 'i.expense_sheet_id'),
    )
    .innerJoin('users as u', (j) =>
      j.onRef('u.company_id', '=', 'i.company_id').onRef('u.id', '=', 'i.user_id'),
    )
    .innerJoin('expense_types as t', (j) =>
      j.onRef('t.company_id', '=', 'i.company_id').onRef('t.id', '=', 'i.expense_type_id'),
    )
    .innerJoin('payment_types as p', (j) =>
      j.onRef('p.company_id', '=', 'i.company_id').onRef('p.id', '=', 'i.payment_type_id'),
    )
    .leftJoin('jobs as j', (j) => j.onRef('j.company_id', '=', 'i.company_id').onRef('j.id', '=', 'i.job_id'))
    .where('i.company_id', '=', companyId);
  const reach = f.reach;
  switch (reach.kind) {
    case 'all':
      break;
    case 'none':
      q = q.where(sql<boolean>`1 = 0`);
      break;
    case 'self':
      q = q.where('i.user_id', '=', reach.userId);
      break;
    case 'some':
      q = q.where((eb) =>
        eb.or([
          eb('i.user_id', '=', reach.userId),
          eb('u.expense_approver_id', '=', reach.userId),
          ...(reach.divisionIds.length ? [eb('u.division_id', 'in', [...reach.divisionIds])] : []),
        ]),
      );
      break;
  }
  if (f.ids) q = q.where('i.id', 'in', f.ids);
  if (f.amounts) q = q.where('i.amount', 'in', f.amounts);
  if (f.expenseDates) q = q.where('i.expense_date', 'in', f.expenseDates);
  if (f.sheetIds) q = q.where('i.expense_sheet_id', 'in', f.sheetIds);
  if (f.sheetStatuses) q = q.where('s.status', 'in', f.sheetStatuses);
  if (f.typeIds) q = q.where('i.expense_type_id', 'in', f.typeIds);
  if (f.jobIds) q = q.where('i.job_id', 'in', f.jobIds);
  if (f.fromDate) q = q.where('i.expense_date', '>=', f.fromDate);
  if (f.toDate) q = q.where('i.expense_date', '<=', f.toDate);
  if (f.userIds) q = q.where('i.user_id', 'in', f.userIds);
  return q;
}

/** `job`: the job's ListDisplayText, with items without a job as '' (NULLs sort differently per dialect). */
const SORT_COLUMN = {
  Date: 'i.expense_date',
  Type: 't.name',
  Description: 'i.description',
  Job: 'job',
  Billable: 'i.billable',
  PaymentType: 'p.name',
  Amount: 'i.amount',
  ReceiptURL: 'i.has_receipt',
} as const satisfies Record<ItemSortKey, string>;

type OrderColumn = (typeof SORT_COLUMN)[ItemSortKey] | 'u.created_at' | 'i.created_at' | 'i.id';

/**
 * Default orders (CATALOGUE): root "ExpenseDate desc, User Creation Date desc, Expense Type Name,
 * Expense Item Creation Date desc"; /Me and /Manage "ExpenseDate desc, ExpenseType.Name, ID".
 */
function orderOf(order: DefaultItemOrder, sort: ItemSort | undefined): [OrderColumn, 'asc' | 'desc'][] {
  const base: [OrderColumn, 'asc' | 'desc'][] =
    order === 'root'
      ? [
          ['i.expense_date', 'desc'],
          ['u.created_at', 'desc'],
          ['t.name', 'asc'],
          ['i.created_at', 'desc'],
        ]
      : [
          ['i.expense_date', 'desc'],
          ['t.name', 'asc'],
        ];
  const first: [OrderColumn, 'asc' | 'desc'][] = sort
    ? [[SORT_COLUMN[sort.key], sort.descending ? 'desc' : 'asc']]
    : [];
  return [...first, ...base, ['i.id', 'asc']];
}

export async function listItems(
  db: Db,
  companyId: string,
  f: ItemFilter,
  order: DefaultItemOrder,
  sort: ItemSort | undefined,
  paging: Paging,
) {
  let rows = filtered(db, companyId, f).selectAll('i');
  for (const [column, direction] of orderOf(order, sort)) {
    rows =
      column === 'job'
        ? rows.orderBy(sql`coalesce(j.list_display_text, '')`, direction)
        : rows.orderBy(column, direction);
  }
  const [found, count] = await Promise.all([
    rows.limit(paging.limit).offset(paging.offset).execute(),
    filtered(db, companyId, f)
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow(),
  ]);
  return { rows: found.map(toRecord), count: Number(count.n) };
}

export async function findItem(db: Db, companyId: string, id: string): Promise<ItemRecord | undefined> {
  const row = await db
    .selectFrom('expense_items')
    .selectAll()
    .where('company_id', '=', companyId)
    .where('id', '=', id)
    .executeTakeFirst();
  return row && toRecord(row);
}

export async function insertItem(db: Db, item: ItemRecord): Promise<void> {
  await db.insertInto('expense_items').values(toRow(item)).execute();
}

export async function saveItem(db: Db, item: ItemRecord): Promise<void> {
  const { company_id, id, created_at, ...rest } = toRow(item);
  void created_at;
  await db
    .updateTable('expense_items')
    .set(rest)
    .where('company_id', '=', company_id)
    .where('id', '=', id)
    .execute();
}

export async function deleteItem(db: Db, companyId: string, id: string): Promise<void> {
  await db
    .deleteFrom('expense_receipts')
    .where('company_id', '=', companyId)
    .where('expense_item_id', '=', id)
    .execute();
  await db.deleteFrom('expense_items').where('company_id', '=', companyId).where('id', '=', id).execute();
}

/**
 * Mileage items of a type whose rate came from the type, on sheets in the given statuses — the items an
 * Admin's "re-apply rate" changes.
 */
export async function itemsFollowingTypeRate(
  db: Db,
  companyId: string,
  typeId: string,
  statuses: readonly ExpenseSheetStatus[],
) {
  const rows = await db
    .selectFrom('expense_items as i')
    .innerJoin('expense_sheets as s', (j) =>
      j.onRef('s.company_id', '=', 'i.company_id').onRef('s.id', '=', 'i.expense_sheet_id'),
    )
    .selectAll('i')
    .where('i.company_id', '=', companyId)
    .where('i.expense_type_id', '=', typeId)
    .where('i.rate_overridden', '=', 0)
    .where('s.status', 'in', [...statuses])
    .orderBy('i.id')
    .execute();
  return rows.map(toRecord);
}

/** Whether any expense item refers to a job or task (DELETE of that master data is then a 409). */
export async function anyItemWith(
  db: Db,
  companyId: string,
  column: 'job_id' | 'task_id',
  id: string,
): Promise<boolean> {
  const row = await db
    .selectFrom('expense_items')
    .select('id')
    .where('company_id', '=', companyId)
    .where(column, '=', id)
    .limit(1)
    .executeTakeFirst();
  return row !== undefined;
}

// ——— receipts ———

export async function putReceipt(
  db: Db,
  companyId: string,
  itemId: string,
  type: StoredReceiptType,
  data: Buffer,
  now: string,
) {
  await db
    .deleteFrom('expense_receipts')
    .where('company_id', '=', companyId)
    .where('expense_item_id', '=', itemId)
    .execute();
  await db
    .insertInto('expense_receipts')
    .values({
      company_id: companyId,
      expense_item_id: itemId,
      file_type: type,
      size_bytes: data.length,
      data,
      created_at: now,
    })
    .execute();
}

export async function removeReceipt(db: Db, companyId: string, itemId: string): Promise<void> {
  await db
    .deleteFrom('expense_receipts')
    .where('company_id', '=', companyId)
    .where('expense_item_id', '=', itemId)
    .execute();
}

export async function findReceipt(
  db: Db,
  companyId: string,
  itemId: string,
): Promise<{ type: string; data: Buffer } | undefined> {
  const row = await db
    .selectFrom('expense_receipts')
    .select(['file_type', 'data'])
    .where('company_id', '=', companyId)
    .where('expense_item_id', '=', itemId)
    .executeTakeFirst();
  return row && { type: row.file_type, data: Buffer.from(row.data) };
}
