import type { Db } from '../../db/connect.js';
import type { Paging } from '../../http/paging.js';

export interface DivisionRecord {
  companyId: string;
  id: string;
  name: string;
  isActive: boolean;
  notes: string;
  accountingPackageId: string;
  customFields: Record<string, unknown>;
  createdAt: string;
}

export interface DivisionFilter {
  ids?: string[];
  names?: string[];
  isActive?: boolean[];
  /** A manager's Divisions scope; undefined means every division. */
  scopeIds?: readonly string[];
}

type Row = {
  company_id: string;
  id: string;
  name: string;
  is_active: number;
  notes: string;
  accounting_package_id: string;
  custom_fields: string;
  created_at: string;
};

const toRecord = (r: Row): DivisionRecord => ({
  companyId: r.company_id,
  id: r.id,
  name: r.name,
  isActive: r.is_active === 1,
  notes: r.notes,
  accountingPackageId: r.accounting_package_id,
  customFields: JSON.parse(r.custom_fields) as Record<string, unknown>,
  createdAt: r.created_at,
});

function filtered(db: Db, companyId: string, f: DivisionFilter) {
  let q = db.selectFrom('divisions').where('company_id', '=', companyId);
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
  // An empty scope matches nothing: `id in ()` is not valid SQL, so compare with an impossible ID.
  if (f.scopeIds) q = q.where('id', 'in', f.scopeIds.length ? [...f.scopeIds] : ['']);
  return q;
}

export async function listDivisions(db: Db, companyId: string, f: DivisionFilter, paging: Paging) {
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

export async function findDivision(
  db: Db,
  companyId: string,
  id: string,
): Promise<DivisionRecord | undefined> {
  const row = await db
    .selectFrom('divisions')
    .selectAll()
    .where('company_id', '=', companyId)
    .where('id', '=', id)
    .executeTakeFirst();
  return row && toRecord(row);
}

export async function findDivisions(
  db: Db,
  companyId: string,
  ids: readonly string[],
): Promise<DivisionRecord[]> {
  if (ids.length === 0) return [];
  const rows = await db
    .selectFrom('divisions')
    .selectAll()
    .where('company_id', '=', companyId)
    .where('id', 'in', [...new Set(ids)])
    .execute();
  return rows.map(toRecord);
}

export async function insertDivision(db: Db, d: DivisionRecord): Promise<void> {
  await db
    .insertInto('divisions')
    .values({
      company_id: d.companyId,
      id: d.id,
      name: d.name,
      is_active: d.isActive ? 1 : 0,
      notes: d.notes,
      accounting_package_id: d.accountingPackageId,
      custom_fields: JSON.stringify(d.customFields),
      created_at: d.createdAt,
    })
    .execute();
}

export async function saveDivision(db: Db, d: DivisionRecord): Promise<void> {
  await db
    .updateTable('divisions')
    .set({
      name: d.name,
      is_active: d.isActive ? 1 : 0,
      notes: d.notes,
      accounting_package_id: d.accountingPackageId,
      custom_fields: JSON.stringify(d.customFields),
    })
    .where('company_id', '=', d.companyId)
    .where('id', '=', d.id)
    .execute();
}

export async function listAllDivisions(db: Db, companyId: string): Promise<DivisionRecord[]> {
  const rows = await db
    .selectFrom('divisions')
    .selectAll()
    .where('company_id', '=', companyId)
    .orderBy('name')
    .orderBy('id')
    .execute();
  return rows.map(toRecord);
}
