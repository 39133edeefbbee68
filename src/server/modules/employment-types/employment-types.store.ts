import type { Db } from '../../db/connect.js';
import type { Paging } from '../../http/paging.js';

export interface EmploymentTypeRecord {
  companyId: string;
  id: string;
  name: string;
  isActive: boolean;
  notes: string;
  accountingPackageId: string;
  createdAt: string;
}

export interface EmploymentTypeFilter {
  ids?: string[];
  names?: string[];
  isActive?: boolean[];
}

type Row = {
  company_id: string;
  id: string;
  name: string;
  is_active: number;
  notes: string;
  accounting_package_id: string;
  created_at: string;
};

const toRecord = (r: Row): EmploymentTypeRecord => ({
  companyId: r.company_id,
  id: r.id,
  name: r.name,
  isActive: r.is_active === 1,
  notes: r.notes,
  accountingPackageId: r.accounting_package_id,
  createdAt: r.created_at,
});

function filtered(db: Db, companyId: string, f: EmploymentTypeFilter) {
  let q = db.selectFrom('employment_types').where('company_id', '=', companyId);
  if (f.ids) q = q.where('id', 'in', f.ids);
  if (f.names)
    q = q.where((eb) =>
      eb(
        eb.fn('lower', ['name']),
        'in',
        f.names!.map((n) => n.toLowerCase()),
      ),
    );
  if (f.isActive)
    q = q.where(
      'is_active',
      'in',
      f.isActive.map((v) => (v ? 1 : 0)),
    );
  return q;
}

export async function listEmploymentTypes(
  db: Db,
  companyId: string,
  f: EmploymentTypeFilter,
  paging: Paging,
) {
  const [rows, count] = await Promise.all([
    filtered(db, companyId, f)
      .selectAll()
      .orderBy('name')
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

export async function findEmploymentType(
  db: Db,
  companyId: string,
  id: string,
): Promise<EmploymentTypeRecord | undefined> {
  const row = await db
    .selectFrom('employment_types')
    .selectAll()
    .where('company_id', '=', companyId)
    .where('id', '=', id)
    .executeTakeFirst();
  return row && toRecord(row);
}

export async function findEmploymentTypes(
  db: Db,
  companyId: string,
  ids: readonly string[],
): Promise<EmploymentTypeRecord[]> {
  if (ids.length === 0) return [];
  const rows = await db
    .selectFrom('employment_types')
    .selectAll()
    .where('company_id', '=', companyId)
    .where('id', 'in', [...new Set(ids)])
    .execute();
  return rows.map(toRecord);
}

export async function insertEmploymentType(db: Db, e: EmploymentTypeRecord): Promise<void> {
  await db
    .insertInto('employment_types')
    .values({
      company_id: e.companyId,
      id: e.id,
      name: e.name,
      is_active: e.isActive ? 1 : 0,
      notes: e.notes,
      accounting_package_id: e.accountingPackageId,
      created_at: e.createdAt,
    })
    .execute();
}

export async function saveEmploymentType(db: Db, e: EmploymentTypeRecord): Promise<void> {
  await db
    .updateTable('employment_types')
    .set({
      name: e.name,
      is_active: e.isActive ? 1 : 0,
      notes: e.notes,
      accounting_package_id: e.accountingPackageId,
    })
    .where('company_id', '=', e.companyId)
    .where('id', '=', e.id)
    .execute();
}

export async function userIdsOfEmploymentType(db: Db, companyId: string, id: string): Promise<string[]> {
  const rows = await db
    .selectFrom('users')
    .select('id')
    .where('company_id', '=', companyId)
    .where('employment_type_id', '=', id)
    .orderBy('name')
    .orderBy('id')
    .execute();
  return rows.map((r) => r.id);
}

export async function assignEmploymentType(
  db: Db,
  companyId: string,
  id: string,
  userIds: string[],
  now: string,
): Promise<void> {
  if (userIds.length === 0) return;
  await db
    .updateTable('users')
    .set({ employment_type_id: id, updated_at: now })
    .where('company_id', '=', companyId)
    .where('id', 'in', userIds)
    .execute();
}
