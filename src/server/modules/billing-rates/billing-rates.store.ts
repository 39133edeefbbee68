import { sql, type RawBuilder } from 'kysely';
import type { Db } from '../../db/connect.js';
import type { Paging } from '../../http/paging.js';

/** The four matrices (docs/adr/0010-billing-rate-matrices.md): the first entity is the primary. */
export type PairKind = 'USER_JOB' | 'USER_CLIENT' | 'TASK_JOB' | 'TASK_USER';
export type EntityTable = 'users' | 'jobs' | 'clients' | 'tasks';
export type RateMode = 'INHERIT' | 'CUSTOM' | 'FLAT';

export const PAIR_TABLES: Record<PairKind, readonly [EntityTable, EntityTable]> = {
  USER_JOB: ['users', 'jobs'],
  USER_CLIENT: ['users', 'clients'],
  TASK_JOB: ['tasks', 'jobs'],
  TASK_USER: ['tasks', 'users'],
};

/** One side of a pair, as every entity table can give it. */
export interface Side {
  id: string;
  name: string;
  displayText: string;
  isActive: boolean;
  /** The entity's own rate × 10^4: null when unset or when it uses the company rate. */
  ownRate: number | null;
  /** SecondaryBillingRateMode of jobs and clients; null for people and tasks. */
  mode: RateMode | null;
  /** IsBillable of jobs and tasks; null for people and clients. */
  isBillable: boolean | null;
  email: string | null;
  clientId: string | null;
}

export interface PairRow {
  first: Side;
  second: Side;
  /** The pair's own rate × 10^4, or null. */
  pairRate: number | null;
}

export interface PairFilter {
  firstIds?: readonly string[];
  secondIds?: readonly string[];
  /** Only active entities on that side (the matrices list active ones; a single pair any). */
  activeFirst: boolean;
  activeSecond: boolean;
  /** Which side's name orders the rows first. */
  orderBy: 'first' | 'second';
}

/** Column expressions of each table, for alias `a`. Constant SQL only: no value is ever spliced in. */
function columns(table: EntityTable, a: 'p' | 's') {
  const useCompany = table === 'clients' ? '0' : `${a}.use_company_billing_rate`;
  const display = table === 'users' ? `${a}.name` : `${a}.list_display_text`;
  const mode = table === 'jobs' || table === 'clients' ? `${a}.secondary_billing_rate_mode` : 'null';
  const billable = table === 'jobs' || table === 'tasks' ? `${a}.is_billable` : 'null';
  const email = table === 'users' ? `${a}.email` : 'null';
  const clientId = table === 'jobs' ? `${a}.client_id` : 'null';
  return sql.raw(
    [
      `${a}.id as ${a}_id`,
      `${a}.name as ${a}_name`,
      `${display} as ${a}_display`,
      `${a}.is_active as ${a}_active`,
      `case when ${useCompany} = 1 then null else ${a}.billing_rate end as ${a}_rate`,
      `${mode} as ${a}_mode`,
      `${billable} as ${a}_billable`,
      `${email} as ${a}_email`,
      `${clientId} as ${a}_client`,
    ].join(', '),
  );
}

type Raw = Record<string, unknown>;

function side(r: Raw, a: 'p' | 's'): Side {
  const rate = r[`${a}_rate`];
  const billable = r[`${a}_billable`];
  return {
    id: String(r[`${a}_id`]),
    name: String(r[`${a}_name`]),
    displayText: String(r[`${a}_display`]),
    isActive: Number(r[`${a}_active`]) === 1,
    ownRate: rate === null || rate === undefined ? null : Number(rate),
    mode: (r[`${a}_mode`] as RateMode | null) ?? null,
    isBillable: billable === null || billable === undefined ? null : Number(billable) === 1,
    email: (r[`${a}_email`] as string | null) ?? null,
    clientId: (r[`${a}_client`] as string | null) ?? null,
  };
}

const inList = (ids: readonly string[]) =>
  sql.join((ids.length ? [...new Set(ids)] : ['']).map((id) => sql`${id}`));

function fromWhere(companyId: string, kind: PairKind, f: PairFilter): RawBuilder<unknown> {
  const [first, second] = PAIR_TABLES[kind];
  const conditions = [sql`p.company_id = ${companyId}`, sql`s.company_id = ${companyId}`];
  if (f.activeFirst) conditions.push(sql`p.is_active = 1`);
  if (f.activeSecond) conditions.push(sql`s.is_active = 1`);
  if (f.firstIds) conditions.push(sql`p.id in (${inList(f.firstIds)})`);
  if (f.secondIds) conditions.push(sql`s.id in (${inList(f.secondIds)})`);
  return sql`from ${sql.table(first)} p cross join ${sql.table(second)} s
    left join billing_rates r on r.company_id = p.company_id and r.kind = ${kind}
      and r.first_id = p.id and r.second_id = s.id
    where ${sql.join(conditions, sql` and `)}`;
}

/** The pairs of one matrix, a page at a time, with the total count. */
export async function listPairs(
  db: Db,
  companyId: string,
  kind: PairKind,
  f: PairFilter,
  paging: Paging,
): Promise<{ rows: PairRow[]; count: number }> {
  const [first, second] = PAIR_TABLES[kind];
  const from = fromWhere(companyId, kind, f);
  const order =
    f.orderBy === 'first'
      ? sql.raw('p.name, p.id, s_display, s.id')
      : sql.raw('s.name, s.id, p_display, p.id');
  const [rows, count] = await Promise.all([
    sql<Raw>`select ${columns(first, 'p')}, ${columns(second, 's')}, r.billing_rate as pair_rate
      ${from} order by ${order} limit ${paging.limit} offset ${paging.offset}`.execute(db),
    sql<{ n: number | string }>`select count(*) as n ${from}`.execute(db),
  ]);
  return {
    rows: rows.rows.map((r) => ({
      first: side(r, 'p'),
      second: side(r, 's'),
      pairRate: r.pair_rate === null || r.pair_rate === undefined ? null : Number(r.pair_rate),
    })),
    count: Number(count.rows[0]?.n ?? 0),
  };
}

/** One pair whatever the entities' status, or undefined when either ID is unknown. */
export async function findPair(
  db: Db,
  companyId: string,
  kind: PairKind,
  firstId: string,
  secondId: string,
): Promise<PairRow | undefined> {
  const { rows } = await listPairs(
    db,
    companyId,
    kind,
    { firstIds: [firstId], secondIds: [secondId], activeFirst: false, activeSecond: false, orderBy: 'first' },
    { limit: 1, offset: 0 },
  );
  return rows[0];
}

/** The pair's own rate × 10^4, or undefined. */
export async function findPairRate(
  db: Db,
  companyId: string,
  kind: PairKind,
  firstId: string,
  secondId: string,
): Promise<number | undefined> {
  const row = await db
    .selectFrom('billing_rates')
    .select('billing_rate')
    .where('company_id', '=', companyId)
    .where('kind', '=', kind)
    .where('first_id', '=', firstId)
    .where('second_id', '=', secondId)
    .executeTakeFirst();
  return row ? Number(row.billing_rate) : undefined;
}

/** Sets (or, with null, removes) a pair's own rate. */
export async function savePairRate(
  db: Db,
  companyId: string,
  kind: PairKind,
  firstId: string,
  secondId: string,
  rate: number | null,
  now: string,
): Promise<void> {
  if (rate === null) {
    await db
      .deleteFrom('billing_rates')
      .where('company_id', '=', companyId)
      .where('kind', '=', kind)
      .where('first_id', '=', firstId)
      .where('second_id', '=', secondId)
      .execute();
    return;
  }
  await db
    .insertInto('billing_rates')
    .values({
      company_id: companyId,
      kind,
      first_id: firstId,
      second_id: secondId,
      billing_rate: rate,
      updated_at: now,
    })
    .onConflict((oc) =>
      oc
        .columns(['company_id', 'kind', 'first_id', 'second_id'])
        .doUpdateSet({ billing_rate: rate, updated_at: now }),
    )
    .execute();
}
