import { sql, type Selectable, type SqlBool } from 'kysely';
import type { Db } from '../../db/connect.js';
import type { ClientsTable } from '../../db/schema.js';
import type { Paging } from '../../http/paging.js';
import { jobAllowed, type JobAccess } from './access.store.js';

export type RateMode = ClientsTable['secondary_billing_rate_mode'];

export interface ClientRecord {
  companyId: string;
  id: string;
  name: string;
  shortName: string;
  clientNumber: string;
  isActive: boolean;
  listDisplayText: string;
  notes: string;
  accountingPackageId: string;
  /** × 10^4; null: none set. */
  billingRate: number | null;
  secondaryBillingRateMode: RateMode;
  isEligibleTimeOffAllocation: boolean;
  customFields: Record<string, unknown>;
  createdAt: string;
  updatedAt: string;
}

export interface ClientFilter {
  ids?: string[];
  names?: string[];
  shortNames?: string[];
  clientNumbers?: string[];
  isActive?: boolean[];
  /** Only clients with at least one job this access lets use (/Me/Clients). */
  withJobsFor?: JobAccess;
}

const b = (v: boolean): 0 | 1 => (v ? 1 : 0);

const toRecord = (r: Selectable<ClientsTable>): ClientRecord => ({
  companyId: r.company_id,
  id: r.id,
  name: r.name,
  shortName: r.short_name,
  clientNumber: r.client_number,
  isActive: r.is_active === 1,
  listDisplayText: r.list_display_text,
  notes: r.notes,
  accountingPackageId: r.accounting_package_id,
  billingRate: r.billing_rate === null ? null : Number(r.billing_rate),
  secondaryBillingRateMode: r.secondary_billing_rate_mode,
  isEligibleTimeOffAllocation: r.is_eligible_time_off_allocation === 1,
  customFields: JSON.parse(r.custom_fields) as Record<string, unknown>,
  createdAt: r.created_at,
  updatedAt: r.updated_at,
});

const toRow = (c: ClientRecord): Selectable<ClientsTable> => ({
  company_id: c.companyId,
  id: c.id,
  name: c.name,
  short_name: c.shortName,
  client_number: c.clientNumber,
  is_active: b(c.isActive),
  list_display_text: c.listDisplayText,
  notes: c.notes,
  accounting_package_id: c.accountingPackageId,
  billing_rate: c.billingRate,
  secondary_billing_rate_mode: c.secondaryBillingRateMode,
  is_eligible_time_off_allocation: b(c.isEligibleTimeOffAllocation),
  custom_fields: JSON.stringify(c.customFields),
  created_at: c.createdAt,
  updated_at: c.updatedAt,
});

function filtered(db: Db, companyId: string, f: ClientFilter) {
  let q = db.selectFrom('clients').where('company_id', '=', companyId);
  if (f.ids) q = q.where('id', 'in', f.ids);
  if (f.names)
    q = q.where((eb) =>
      eb(
        eb.fn('lower', ['name']),
        'in',
        f.names!.map((n) => n.toLowerCase()),
      ),
    );
  if (f.shortNames) q = q.where('short_name', 'in', f.shortNames);
  if (f.clientNumbers) q = q.where('client_number', 'in', f.clientNumbers);
  if (f.isActive) q = q.where('is_active', 'in', f.isActive.map(b));
  if (f.withJobsFor) {
    q = q.where(sql<SqlBool>`exists (select 1 from jobs cj where cj.company_id = clients.company_id
      and cj.client_id = clients.id and ${jobAllowed('cj', f.withJobsFor)})`);
  }
  return q;
}

/** Default order: ListDisplayText, ID. */
export async function listClients(db: Db, companyId: string, f: ClientFilter, paging: Paging) {
  const [rows, count] = await Promise.all([
    filtered(db, companyId, f)
      .selectAll()
      .orderBy('list_display_text')
      .orderBy('id')
      .limit(paging.limit)
      .offset(paging.offset)
      .execute(),
    filtered(db, companyId, f)
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow(),
  ]);
  return { rows: rows.map(toRecord), count: Number(count.n) };
}

export async function findClient(db: Db, companyId: string, id: string): Promise<ClientRecord | undefined> {
  const row = await db
    .selectFrom('clients')
    .selectAll()
    .where('company_id', '=', companyId)
    .where('id', '=', id)
    .executeTakeFirst();
  return row && toRecord(row);
}

export async function findClients(
  db: Db,
  companyId: string,
  ids: readonly string[],
): Promise<ClientRecord[]> {
  if (ids.length === 0) return [];
  const rows = await db
    .selectFrom('clients')
    .selectAll()
    .where('company_id', '=', companyId)
    .where('id', 'in', [...new Set(ids)])
    .execute();
  return rows.map(toRecord);
}

export async function insertClient(db: Db, c: ClientRecord): Promise<void> {
  await db.insertInto('clients').values(toRow(c)).execute();
}

export async function saveClient(db: Db, c: ClientRecord): Promise<void> {
  const { company_id, id, created_at: _created, ...rest } = toRow(c);
  await db
    .updateTable('clients')
    .set(rest)
    .where('company_id', '=', company_id)
    .where('id', '=', id)
    .execute();
}

export async function deleteClient(db: Db, companyId: string, id: string): Promise<void> {
  await db.deleteFrom('clients').where('company_id', '=', companyId).where('id', '=', id).execute();
}
