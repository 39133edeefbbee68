/**
 * Expense types and payment types: SQL only.
 */
import type { Selectable } from 'kysely';
import type { Db } from '../../db/connect.js';
import type { ExpenseTypesTable, PaymentTypesTable } from '../../db/schema.js';
import type { Paging } from '../../http/paging.js';
import type { ExpenseTypeKind } from '../../../contract/expenses.js';

export interface ExpenseTypeRecord {
  companyId: string;
  id: string;
  name: string;
  type: ExpenseTypeKind;
  /** Mileage rate × 10^4; null for amount types. */
  rate: number | null;
  isActive: boolean;
  description: string;
  accountingPackageId: string;
  createdAt: string;
}

export interface PaymentTypeRecord {
  companyId: string;
  id: string;
  name: string;
  reimbursable: boolean;
  isActive: boolean;
  description: string;
  accountingPackageId: string;
  createdAt: string;
}

export interface TypeFilter {
  ids?: string[];
  names?: string[];
  isActive?: boolean[];
  reimbursable?: boolean[];
}

const b = (v: boolean): 0 | 1 => (v ? 1 : 0);

const expenseTypeOf = (r: Selectable<ExpenseTypesTable>): ExpenseTypeRecord => ({
  companyId: r.company_id,
  id: r.id,
  name: r.name,
  type: r.type,
  rate: r.rate === null ? null : Number(r.rate),
  isActive: r.is_active === 1,
  description: r.description,
  accountingPackageId: r.accounting_package_id,
  createdAt: r.created_at,
});

const paymentTypeOf = (r: Selectable<PaymentTypesTable>): PaymentTypeRecord => ({
  companyId: r.company_id,
  id: r.id,
  name: r.name,
  reimbursable: r.reimbursable === 1,
  isActive: r.is_active === 1,
  description: r.description,
  accountingPackageId: r.accounting_package_id,
  createdAt: r.created_at,
});

// ——— expense types ———

function expenseTypes(db: Db, companyId: string, f: TypeFilter) {
  let q = db.selectFrom('expense_types').where('company_id', '=', companyId);
  if (f.ids) q = q.where('id', 'in', f.ids);
  if (f.names)
    q = q.where((eb) =>
      eb(
        eb.fn('lower', ['name']),
        'in',
        f.names!.map((n) => n.toLowerCase()),
      ),
    );
  if (f.isActive) q = q.where('is_active', 'in', f.isActive.map(b));
  return q;
}

export async function listExpenseTypes(db: Db, companyId: string, f: TypeFilter, paging: Paging) {
  const [rows, count] = await Promise.all([
    expenseTypes(db, companyId, f)
      .selectAll()
      .orderBy('name')
      .orderBy('id')
      .limit(paging.limit)
      .offset(paging.offset)
      .execute(),
    expenseTypes(db, companyId, f)
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow(),
  ]);
  return { rows: rows.map(expenseTypeOf), count: Number(count.n) };
}

export async function findExpenseType(
  db: Db,
  companyId: string,
  id: string,
): Promise<ExpenseTypeRecord | undefined> {
  const row = await db
    .selectFrom('expense_types')
    .selectAll()
    .where('company_id', '=', companyId)
    .where('id', '=', id)
    .executeTakeFirst();
  return row && expenseTypeOf(row);
}

export async function findExpenseTypes(
  db: Db,
  companyId: string,
  ids: readonly string[],
): Promise<ExpenseTypeRecord[]> {
  if (ids.length === 0) return [];
  const rows = await db
    .selectFrom('expense_types')
    .selectAll()
    .where('company_id', '=', companyId)
    .where('id', 'in', [...new Set(ids)])
    .execute();
  return rows.map(expenseTypeOf);
}

export async function insertExpenseType(db: Db, t: ExpenseTypeRecord): Promise<void> {
  await db
    .insertInto('expense_types')
    .values({
      company_id: t.companyId,
      id: t.id,
      name: t.name,
      type: t.type,
      rate: t.rate,
      is_active: b(t.isActive),
      description: t.description,
      accounting_package_id: t.accountingPackageId,
      created_at: t.createdAt,
    })
    .execute();
}

export async function saveExpenseType(db: Db, t: ExpenseTypeRecord): Promise<void> {
  await db
    .updateTable('expense_types')
    .set({
      name: t.name,
      type: t.type,
      rate: t.rate,
      is_active: b(t.isActive),
      description: t.description,
      accounting_package_id: t.accountingPackageId,
    })
    .where('company_id', '=', t.companyId)
    .where('id', '=', t.id)
    .execute();
}

export async function countItemsOfExpenseType(db: Db, companyId: string, id: string): Promise<number> {
  const row = await db
    .selectFrom('expense_items')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('company_id', '=', companyId)
    .where('expense_type_id', '=', id)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

// ——— payment types ———

function paymentTypes(db: Db, companyId: string, f: TypeFilter) {
  let q = db.selectFrom('payment_types').where('company_id', '=', companyId);
  if (f.ids) q = q.where('id', 'in', f.ids);
  if (f.names)
    q = q.where((eb) =>
      eb(
        eb.fn('lower', ['name']),
        'in',
        f.names!.map((n) => n.toLowerCase()),
      ),
    );
  if (f.isActive) q = q.where('is_active', 'in', f.isActive.map(b));
  if (f.reimbursable) q = q.where('reimbursable', 'in', f.reimbursable.map(b));
  return q;
}

export async function listPaymentTypes(db: Db, companyId: string, f: TypeFilter, paging: Paging) {
  const [rows, count] = await Promise.all([
    paymentTypes(db, companyId, f)
      .selectAll()
      .orderBy('name')
      .orderBy('id')
      .limit(paging.limit)
      .offset(paging.offset)
      .execute(),
    paymentTypes(db, companyId, f)
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow(),
  ]);
  return { rows: rows.map(paymentTypeOf), count: Number(count.n) };
}

export async function findPaymentType(
  db: Db,
  companyId: string,
  id: string,
): Promise<PaymentTypeRecord | undefined> {
  const row = await db
    .selectFrom('payment_types')
    .selectAll()
    .where('company_id', '=', companyId)
    .where('id', '=', id)
    .executeTakeFirst();
  return row && paymentTypeOf(row);
}

export async function findPaymentTypes(
  db: Db,
  companyId: string,
  ids: readonly string[],
): Promise<PaymentTypeRecord[]> {
  if (ids.length === 0) return [];
  const rows = await db
    .selectFrom('payment_types')
    .selectAll()
    .where('company_id', '=', companyId)
    .where('id', 'in', [...new Set(ids)])
    .execute();
  return rows.map(paymentTypeOf);
}

export async function insertPaymentType(db: Db, t: PaymentTypeRecord): Promise<void> {
  await db
    .insertInto('payment_types')
    .values({
      company_id: t.companyId,
      id: t.id,
      name: t.name,
      reimbursable: b(t.reimbursable),
      is_active: b(t.isActive),
      description: t.description,
      accounting_package_id: t.accountingPackageId,
      created_at: t.createdAt,
    })
    .execute();
}

export async function savePaymentType(db: Db, t: PaymentTypeRecord): Promise<void> {
  await db
    .updateTable('payment_types')
    .set({
      name: t.name,
      reimbursable: b(t.reimbursable),
      is_active: b(t.isActive),
      description: t.description,
      accounting_package_id: t.accountingPackageId,
    })
    .where('company_id', '=', t.companyId)
    .where('id', '=', t.id)
    .execute();
}
