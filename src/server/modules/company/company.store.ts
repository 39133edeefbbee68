import type { Db } from '../../db/connect.js';
import type { CompanySettings } from '../../../contract/company.js';

export interface CompanyRecord {
  id: string;
  name: string;
  isActive: boolean;
  startDate: string;
  accountNumber: string;
  /** Only the settings that differ from or were set over the defaults. */
  settings: Partial<CompanySettings>;
  createdAt: string;
}

export async function findCompany(db: Db, companyId: string): Promise<CompanyRecord | undefined> {
  const row = await db.selectFrom('companies').selectAll().where('id', '=', companyId).executeTakeFirst();
  if (!row) return undefined;
  return {
    id: row.id,
    name: row.name,
    isActive: row.is_active === 1,
    startDate: row.start_date,
    accountNumber: row.account_number,
    settings: JSON.parse(row.settings) as Partial<CompanySettings>,
    createdAt: row.created_at,
  };
}

export async function insertCompany(db: Db, c: CompanyRecord): Promise<void> {
  await db
    .insertInto('companies')
    .values({
      id: c.id,
      name: c.name,
      is_active: c.isActive ? 1 : 0,
      start_date: c.startDate,
      account_number: c.accountNumber,
      settings: JSON.stringify(c.settings),
      created_at: c.createdAt,
    })
    .execute();
}

export async function updateCompany(
  db: Db,
  companyId: string,
  patch: { name?: string; settings?: Partial<CompanySettings> },
): Promise<void> {
  await db
    .updateTable('companies')
    .set({
      ...(patch.name !== undefined ? { name: patch.name } : {}),
      ...(patch.settings !== undefined ? { settings: JSON.stringify(patch.settings) } : {}),
    })
    .where('id', '=', companyId)
    .execute();
}

export async function countCompanies(db: Db): Promise<number> {
  const row = await db
    .selectFrom('companies')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** Row-locks the company (PostgreSQL) inside a transaction, so settings changes serialise. */
export async function lockCompany(db: Db, companyId: string, dialect: 'sqlite' | 'postgres'): Promise<void> {
  const q = db.selectFrom('companies').select('id').where('id', '=', companyId);
  await (dialect === 'postgres' ? q.forUpdate() : q).execute();
}
