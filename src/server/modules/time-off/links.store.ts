/**
 * Employment-type associations of leave types and holiday types (API.md §4.17): one row per pair, seen
 * from either side. `seq` (per company and table) orders lists newest first.
 */
import { sql } from 'kysely';
import type { Db } from '../../db/connect.js';

export interface LinkSpec {
  table: 'employment_type_time_off_types' | 'employment_type_holiday_types';
  /** The column of the ID in the path. */
  owner: 'employment_type_id' | 'time_off_type_id' | 'holiday_type_id';
  /** The column of the listed IDs. */
  other: 'employment_type_id' | 'time_off_type_id' | 'holiday_type_id';
  otherTable: 'employment_types' | 'time_off_types' | 'holiday_types';
  /** CATALOGUE default orders: by Name, by ID desc, or newest first (§4.17). */
  order: 'name' | 'id desc' | 'newest';
}

export const EMPLOYMENT_TYPE_TIME_OFF_TYPES: LinkSpec = {
  table: 'employment_type_time_off_types',
  owner: 'employment_type_id',
  other: 'time_off_type_id',
  otherTable: 'time_off_types',
  order: 'name',
};
export const TIME_OFF_TYPE_EMPLOYMENT_TYPES: LinkSpec = {
  table: 'employment_type_time_off_types',
  owner: 'time_off_type_id',
  other: 'employment_type_id',
  otherTable: 'employment_types',
  order: 'id desc',
};
export const EMPLOYMENT_TYPE_HOLIDAY_TYPES: LinkSpec = {
  table: 'employment_type_holiday_types',
  owner: 'employment_type_id',
  other: 'holiday_type_id',
  otherTable: 'holiday_types',
  order: 'name',
};
export const HOLIDAY_TYPE_EMPLOYMENT_TYPES: LinkSpec = {
  table: 'employment_type_holiday_types',
  owner: 'holiday_type_id',
  other: 'employment_type_id',
  otherTable: 'employment_types',
  order: 'newest',
};

const bit = (v: boolean) => (v ? 1 : 0);

export async function linkedIds(
  db: Db,
  spec: LinkSpec,
  companyId: string,
  ownerId: string,
  isActive?: boolean[],
): Promise<string[]> {
  const active = isActive ? sql`and o.is_active in (${sql.join(isActive.map(bit))})` : sql.raw('');
  const order =
    spec.order === 'name'
      ? sql`o.name, o.id`
      : spec.order === 'id desc'
        ? sql`o.id desc`
        : sql`a.seq desc, o.id`;
  const { rows } = await sql<{ id: string }>`select o.id as id
    from ${sql.table(spec.table)} a
    join ${sql.table(spec.otherTable)} o on o.company_id = a.company_id and o.id = ${sql.ref(`a.${spec.other}`)}
    where a.company_id = ${companyId} and ${sql.ref(`a.${spec.owner}`)} = ${ownerId} ${active}
    order by ${order}`.execute(db);
  return rows.map((r) => r.id);
}

/** For a page of owners: owner ID → its linked IDs (in no particular order). */
export async function linkedIdsOfMany(
  db: Db,
  spec: LinkSpec,
  companyId: string,
  ownerIds: readonly string[],
): Promise<Map<string, string[]>> {
  const out = new Map<string, string[]>();
  if (ownerIds.length === 0) return out;
  const { rows } = await sql<{ owner: string; other: string }>`select ${sql.ref(spec.owner)} as owner,
    ${sql.ref(spec.other)} as other from ${sql.table(spec.table)}
    where company_id = ${companyId} and ${sql.ref(spec.owner)} in (${sql.join([...new Set(ownerIds)])})
    order by seq desc`.execute(db);
  for (const r of rows) out.set(r.owner, [...(out.get(r.owner) ?? []), r.other]);
  return out;
}

async function nextSeq(db: Db, spec: LinkSpec, companyId: string): Promise<number> {
  const { rows } = await sql<{ n: number | string | null }>`select max(seq) as n from ${sql.table(spec.table)}
    where company_id = ${companyId}`.execute(db);
  return Number(rows[0]?.n ?? 0) + 1;
}

async function insertLink(
  db: Db,
  spec: LinkSpec,
  companyId: string,
  ownerId: string,
  otherId: string,
  seq: number,
  now: string,
) {
  await sql`insert into ${sql.table(spec.table)} (company_id, ${sql.ref(spec.owner)}, ${sql.ref(spec.other)}, seq, created_at)
    values (${companyId}, ${ownerId}, ${otherId}, ${seq}, ${now}) on conflict do nothing`.execute(db);
}

/** Adds one link; nothing happens when it exists. */
export async function addLink(
  db: Db,
  spec: LinkSpec,
  companyId: string,
  ownerId: string,
  otherId: string,
  now: string,
) {
  await insertLink(db, spec, companyId, ownerId, otherId, await nextSeq(db, spec, companyId), now);
}

/** Replaces the owner's links; links that stay keep their age, new ones read in the order given. */
export async function replaceLinks(
  db: Db,
  spec: LinkSpec,
  companyId: string,
  ownerId: string,
  otherIds: readonly string[],
  now: string,
) {
  const wanted = [...new Set(otherIds)];
  const keep = wanted.length ? sql`and ${sql.ref(spec.other)} not in (${sql.join(wanted)})` : sql.raw('');
  await sql`delete from ${sql.table(spec.table)} where company_id = ${companyId}
    and ${sql.ref(spec.owner)} = ${ownerId} ${keep}`.execute(db);
  const { rows } = await sql<{ id: string }>`select ${sql.ref(spec.other)} as id from ${sql.table(spec.table)}
    where company_id = ${companyId} and ${sql.ref(spec.owner)} = ${ownerId}`.execute(db);
  const existing = new Set(rows.map((r) => r.id));
  let seq = await nextSeq(db, spec, companyId);
  for (const id of wanted.filter((x) => !existing.has(x)).reverse()) {
    await insertLink(db, spec, companyId, ownerId, id, seq++, now);
  }
}

/** Removes one link; false when there was none. */
export async function removeLink(
  db: Db,
  spec: LinkSpec,
  companyId: string,
  ownerId: string,
  otherId: string,
) {
  const where = sql`company_id = ${companyId} and ${sql.ref(spec.owner)} = ${ownerId} and ${sql.ref(spec.other)} = ${otherId}`;
  const { rows } = await sql<{
    n: number | string;
  }>`select count(*) as n from ${sql.table(spec.table)} where ${where}`.execute(db);
  if (Number(rows[0]?.n ?? 0) === 0) return false;
  await sql`delete from ${sql.table(spec.table)} where ${where}`.execute(db);
  return true;
}
