/**
 * The expense report in SQL: expense items with their sheet, person, division, employment type, types,
 * job and client, read-only. Money is integer minor units (cents), rates and quantities × 10^4, foreign
 * amounts × 10^4 and exchange rates × 10^6, as the expenses module stores them.
 *
 * Default order ID desc (CATALOGUE): pages are chosen in the primary key and only their rows joined
 * ("deferred join"); exports walk the same order in keyset chunks (ID < last).
 */
import { sql, type RawBuilder } from 'kysely';
import type { Db } from '../../db/connect.js';

type Sql = RawBuilder<unknown>;

export interface ExpenseFilter {
  fromDate?: string;
  toDate?: string;
  ids?: string[];
  userIds?: string[];
  jobIds?: string[];
  sheetStatuses?: string[];
  none?: boolean;
}

const list = (values: readonly (string | number)[]) => sql.join(values.map((v) => sql`${v}`));

function conditions(companyId: string, f: ExpenseFilter): Sql {
  const c: Sql[] = [sql`i.company_id = ${companyId}`];
  if (f.none) c.push(sql`1 = 0`);
  if (f.fromDate) c.push(sql`i.expense_date >= ${f.fromDate}`);
  if (f.toDate) c.push(sql`i.expense_date <= ${f.toDate}`);
  if (f.ids) c.push(sql`i.id in (${list(f.ids)})`);
  if (f.userIds) c.push(sql`i.user_id in (${list(f.userIds)})`);
  if (f.jobIds) c.push(sql`i.job_id in (${list(f.jobIds)})`);
  if (f.sheetStatuses) {
    c.push(sql`i.expense_sheet_id in (select s.id from expense_sheets s where s.company_id = ${companyId}
      and s.status in (${list(f.sheetStatuses)}))`);
  }
  return sql.join(c, sql` and `);
}

function int(n: number): Sql {
  if (!Number.isSafeInteger(n)) throw new RangeError('not an integer');
  return sql.raw(String(n));
}

export interface ExpenseSums {
  count: number;
  /** cents */
  amount: number;
  billable: number;
  mileage: number;
  reimbursable: number;
}

export async function expenseTotals(db: Db, companyId: string, f: ExpenseFilter): Promise<ExpenseSums> {
  const { rows } = await sql<{
    n: unknown;
    amount: unknown;
    billable: unknown;
    mileage: unknown;
    reimbursable: unknown;
  }>`
    select count(*) as n, sum(i.amount) as amount,
      sum(case when i.billable = 1 then i.amount else 0 end) as billable,
      sum(case when et.type = 'Mileage' then i.amount else 0 end) as mileage,
      sum(case when i.reimbursable = 1 then i.amount else 0 end) as reimbursable
    from expense_items i
    join expense_types et on et.company_id = i.company_id and et.id = i.expense_type_id
    where ${conditions(companyId, f)}`.execute(db);
  const r = rows[0];
  return {
    count: Number(r?.n ?? 0),
    amount: Number(r?.amount ?? 0),
    billable: Number(r?.billable ?? 0),
    mileage: Number(r?.mileage ?? 0),
    reimbursable: Number(r?.reimbursable ?? 0),
  };
}

export interface ExpenseRow {
  id: string;
  expenseDate: string;
  expenseSheetId: string;
  userId: string;
  expenseTypeId: string;
  paymentTypeId: string;
  description: string;
  comment: string;
  amount: number;
  quantity: number | null;
  rate: number | null;
  amountForeign: number | null;
  amountForeignCurrency: string | null;
  exchangeRate: number | null;
  billable: boolean;
  reimbursable: boolean;
  jobId: string | null;
  hasReceipt: boolean;
  createdAt: string;
  sheet: {
    status: string;
    checkNumber: string | null;
    title: string;
    date: string;
    description: string;
    trackingId: string;
    foreignCurrency: boolean;
    createdAt: string;
  };
  expenseType: { name: string; type: string; isActive: boolean; description: string; accountingId: string };
  paymentType: {
    name: string;
    isActive: boolean;
    description: string;
    accountingId: string;
    reimbursable: boolean;
  };
  user: {
    name: string;
    email: string;
    isActive: boolean;
    attrs: string;
    divisionId: string | null;
    employmentTypeName: string | null;
  };
  division: { name: string; isActive: boolean; notes: string; accountingId: string } | null;
  job: {
    name: string;
    number: string;
    notes: string;
    accountingId: string;
    isActive: boolean;
    clientId: string;
  } | null;
  client: {
    name: string;
    shortName: string;
    number: string;
    notes: string;
    accountingId: string;
    isActive: boolean;
  } | null;
  lastChange: { byUserId: string | null; byName: string; at: string } | null;
}

type Raw = Record<string, unknown>;
const n = (v: unknown) => (v === null || v === undefined ? null : Number(v));
const yes = (v: unknown) => Number(v) === 1;
const s = (v: unknown) => v as string;
const sn = (v: unknown) => (v === null || v === undefined ? null : (v as string));

function toRow(r: Raw): ExpenseRow {
  return {
    id: s(r.id),
    expenseDate: s(r.expense_date),
    expenseSheetId: s(r.expense_sheet_id),
    userId: s(r.user_id),
    expenseTypeId: s(r.expense_type_id),
    paymentTypeId: s(r.payment_type_id),
    description: s(r.description),
    comment: s(r.comment),
    amount: Number(r.amount),
    quantity: n(r.quantity),
    rate: n(r.rate),
    amountForeign: n(r.amount_foreign),
    amountForeignCurrency: sn(r.amount_foreign_currency),
    exchangeRate: n(r.amount_foreign_exchange_rate),
    billable: yes(r.billable),
    reimbursable: yes(r.reimbursable),
    jobId: sn(r.job_id),
    hasReceipt: yes(r.has_receipt),
    createdAt: s(r.created_at),
    sheet: {
      status: s(r.s_status),
      checkNumber: sn(r.s_check_number),
      title: s(r.s_title),
      date: s(r.s_date),
      description: s(r.s_description),
      trackingId: s(r.s_tracking_id),
      foreignCurrency: yes(r.s_foreign),
      createdAt: s(r.s_created_at),
    },
    expenseType: {
      name: s(r.et_name),
      type: s(r.et_type),
      isActive: yes(r.et_active),
      description: s(r.et_description),
      accountingId: s(r.et_accounting),
    },
    paymentType: {
      name: s(r.pt_name),
      isActive: yes(r.pt_active),
      description: s(r.pt_description),
      accountingId: s(r.pt_accounting),
      reimbursable: yes(r.pt_reimbursable),
    },
    user: {
      name: s(r.u_name),
      email: s(r.u_email),
      isActive: yes(r.u_active),
      attrs: s(r.u_attrs),
      divisionId: sn(r.u_division_id),
      employmentTypeName: sn(r.emt_name),
    },
    division:
      r.d_name === null || r.d_name === undefined
        ? null
        : {
            name: s(r.d_name),
            isActive: yes(r.d_active),
            notes: s(r.d_notes),
            accountingId: s(r.d_accounting),
          },
    job:
      r.j_name === null || r.j_name === undefined
        ? null
        : {
            name: s(r.j_name),
            number: s(r.j_number),
            notes: s(r.j_notes),
            accountingId: s(r.j_accounting),
            isActive: yes(r.j_active),
            clientId: s(r.j_client_id),
          },
    client:
      r.c_name === null || r.c_name === undefined
        ? null
        : {
            name: s(r.c_name),
            shortName: s(r.c_short_name),
            number: s(r.c_number),
            notes: s(r.c_notes),
            accountingId: s(r.c_accounting),
            isActive: yes(r.c_active),
          },
    lastChange:
      r.h_at === null || r.h_at === undefined
        ? null
        : { byUserId: sn(r.h_by), byName: s(r.h_by_name), at: s(r.h_at) },
  };
}

/** Items chosen by `picked` (a subquery of `pid`s), joined with everything the report shows. */
function joined(companyId: string, picked: Sql): Sql {
  return sql`select i.id, i.expense_date, i.expense_sheet_id, i.user_id, i.expense_type_id, i.payment_type_id,
      i.description, i.comment, i.amount, i.quantity, i.rate, i.amount_foreign, i.amount_foreign_currency,
      i.amount_foreign_exchange_rate, i.billable, i.reimbursable, i.job_id, i.has_receipt, i.created_at,
      s.status as s_status, s.check_number as s_check_number, s.title as s_title, s.expense_sheet_date as s_date,
      s.description as s_description, s.tracking_id as s_tracking_id, s.enable_foreign_currency as s_foreign,
      s.created_at as s_created_at,
      et.name as et_name, et.type as et_type, et.is_active as et_active, et.description as et_description,
      et.accounting_package_id as et_accounting,
      pt.name as pt_name, pt.is_active as pt_active, pt.description as pt_description,
      pt.accounting_package_id as pt_accounting, pt.reimbursable as pt_reimbursable,
      u.name as u_name, u.email as u_email, u.is_active as u_active, u.attrs as u_attrs, u.division_id as u_division_id,
      emt.name as emt_name,
      d.name as d_name, d.is_active as d_active, d.notes as d_notes, d.accounting_package_id as d_accounting,
      j.name as j_name, j.job_number as j_number, j.notes as j_notes, j.accounting_package_id as j_accounting,
      j.is_active as j_active, j.client_id as j_client_id,
      c.name as c_name, c.short_name as c_short_name, c.client_number as c_number, c.notes as c_notes,
      c.accounting_package_id as c_accounting, c.is_active as c_active,
      h.action_by_user_id as h_by, h.action_by_user_name as h_by_name, h.created_at as h_at
    from (${picked}) p
    join expense_items i on i.company_id = ${companyId} and i.id = p.pid
    join expense_sheets s on s.company_id = i.company_id and s.id = i.expense_sheet_id
    join expense_types et on et.company_id = i.company_id and et.id = i.expense_type_id
    join payment_types pt on pt.company_id = i.company_id and pt.id = i.payment_type_id
    join users u on u.company_id = i.company_id and u.id = i.user_id
    left join employment_types emt on emt.company_id = u.company_id and emt.id = u.employment_type_id
    left join divisions d on d.company_id = u.company_id and d.id = u.division_id
    left join jobs j on j.company_id = i.company_id and j.id = i.job_id
    left join clients c on c.company_id = j.company_id and c.id = j.client_id
    left join expense_sheet_history h on h.company_id = s.company_id and h.expense_sheet_id = s.id
      and h.seq = (select max(h2.seq) from expense_sheet_history h2
                   where h2.company_id = s.company_id and h2.expense_sheet_id = s.id)
    order by p.pid desc`;
}

export async function expensePage(
  db: Db,
  companyId: string,
  f: ExpenseFilter,
  paging: { limit: number; offset: number },
): Promise<ExpenseRow[]> {
  const picked = sql`select i.id as pid from expense_items i where ${conditions(companyId, f)}
    order by i.id desc limit ${int(paging.limit)} offset ${int(paging.offset)}`;
  const { rows } = await sql<Raw>`${joined(companyId, picked)}`.execute(db);
  return rows.map(toRow);
}

/** The next chunk after `afterId` in ID-descending order, for the exports. */
export async function expenseChunk(
  db: Db,
  companyId: string,
  f: ExpenseFilter,
  afterId: string | null,
  size: number,
): Promise<ExpenseRow[]> {
  const keyset = afterId === null ? sql`` : sql` and i.id < ${afterId}`;
  const picked = sql`select i.id as pid from expense_items i where ${conditions(companyId, f)}${keyset}
    order by i.id desc limit ${int(size)}`;
  const { rows } = await sql<Raw>`${joined(companyId, picked)}`.execute(db);
  return rows.map(toRow);
}
