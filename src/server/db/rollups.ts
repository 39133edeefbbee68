/**
 * Time rollups (docs/adr/0009-time-rollups.md): running sums of time_entries that the reports read instead
 * of adding up millions of entries. Four tables, each keyed by company and by one grain:
 *
 *   time_rollup_days         (company, date)            whole-company totals for any date range; deep pages
 *   time_rollup_job_days     (company, job, date)       a job's days: edge days of a range, GroupBy Date
 *                                                       (and indexed by company, date for every job's edges)
 *   time_rollup_job_months   (company, job, month)      whole months per job: /Reports/TimeSummary/Jobs
 *   time_rollup_user_months  (company, user, month)     whole months per person: Payroll, UserID filters
 *
 * Each row holds, for the entries it covers: n (count), n_billable, hours, billable_hours, billings, cost
 * and billable_cost, all integers (hours × 10^4, money in cents). An entry's billings and cost are computed
 * exactly as the reports compute them from the entry (round(hours × rate) to the cent, half away from
 * zero; billings 0 when not billable), so a sum read from a rollup equals the sum over the entries.
 *
 * Database triggers keep them: every INSERT, DELETE and UPDATE of time_entries, whatever code path makes
 * it, adjusts the rollups in the same transaction. SQLite gets row triggers; PostgreSQL gets statement
 * triggers over transition tables, which apply one grouped upsert per table in key order (two writers
 * lock the shared rows in the same order, so they cannot deadlock on them). An UPDATE that changes none
 * of the columns a rollup depends on (a comment, a start time) touches no rollup row.
 *
 * Rows whose count falls back to 0 stay (with zero sums); readers ignore groups whose count is 0.
 *
 * The migration (0010) creates all this and fills the tables from the entries already there. For a bulk
 * load into a database no server is writing to, `suspendTimeRollups` drops the triggers and
 * `resumeTimeRollups` rebuilds every rollup in one grouped pass and puts the triggers back.
 */
import { sql, type Kysely } from 'kysely';
import type { DialectHelpers } from './dialect.js';

type AnyDb = Kysely<any>; // eslint-disable-line @typescript-eslint/no-explicit-any

interface RollupTable {
  name: string;
  /** Key columns after company_id, with the expression over an entry row `x` that gives each. */
  keys: { column: string; expr: (x: string) => string }[];
}

export const ROLLUP_TABLES: readonly RollupTable[] = [
  { name: 'time_rollup_days', keys: [{ column: 'date', expr: (x) => `${x}.date` }] },
  {
    name: 'time_rollup_job_days',
    keys: [
      { column: 'job_id', expr: (x) => `${x}.job_id` },
      { column: 'date', expr: (x) => `${x}.date` },
    ],
  },
  {
    name: 'time_rollup_job_months',
    keys: [
      { column: 'job_id', expr: (x) => `${x}.job_id` },
      { column: 'month', expr: (x) => `substr(${x}.date, 1, 7)` },
    ],
  },
  {
    name: 'time_rollup_user_months',
    keys: [
      { column: 'user_id', expr: (x) => `${x}.user_id` },
      { column: 'month', expr: (x) => `substr(${x}.date, 1, 7)` },
    ],
  },
];

export const MEASURES = [
  'n',
  'n_billable',
  'hours',
  'billable_hours',
  'billings',
  'cost',
  'billable_cost',
] as const;

/** The columns of time_entries the rollups depend on: an UPDATE of anything else is ignored. */
const SOURCE_COLUMNS = [
  'company_id',
  'date',
  'user_id',
  'job_id',
  'hours',
  'is_billable',
  'billing_rate',
  'cost_rate',
];

/** round(product / 10^6) half away from zero: hours × 10^4 times a rate × 10^4 gives cents. */
const cents = (p: string) =>
  `(case when ${p} >= 0 then (${p} + 500000) / 1000000 else -((500000 - ${p}) / 1000000) end)`;

/** One entry's measures, each multiplied by `sign` (1 to add the entry, -1 to take it away). */
function entryMeasures(x: string, sign: 1 | -1): Record<(typeof MEASURES)[number], string> {
  const s = sign === 1 ? '' : '-';
  const billable = (v: string) => `(case when ${x}.is_billable = 1 then ${v} else 0 end)`;
  return {
    n: `${s}1`,
    n_billable: `${s}${x}.is_billable`,
    hours: `${s}${x}.hours`,
    billable_hours: `${s}${billable(`${x}.hours`)}`,
    billings: `${s}${billable(cents(`${x}.hours * ${x}.billing_rate`))}`,
    cost: `${s}${cents(`${x}.hours * ${x}.cost_rate`)}`,
    billable_cost: `${s}${billable(cents(`${x}.hours * ${x}.cost_rate`))}`,
  };
}

const keyColumns = (t: RollupTable) => ['company_id', ...t.keys.map((k) => k.column)];
const onConflict = (t: RollupTable) =>
  `on conflict (${keyColumns(t).join(', ')}) do update set ${MEASURES.map(
    (m) => `${m} = ${t.name}.${m} + excluded.${m}`,
  ).join(', ')}`;

/** SQLite: add (sign 1) or take away (sign -1) the row `x` (new or old) in every rollup. */
function sqliteUpserts(x: 'new' | 'old', sign: 1 | -1): string {
  const m = entryMeasures(x, sign);
  return ROLLUP_TABLES.map(
    (t) =>
      `insert into ${t.name} (${keyColumns(t).join(', ')}, ${MEASURES.join(', ')}) values (${x}.company_id, ${t.keys
        .map((k) => k.expr(x))
        .join(', ')}, ${MEASURES.map((k) => m[k]).join(', ')}) ${onConflict(t)};`,
  ).join('\n  ');
}

/**
 * PostgreSQL: one grouped upsert per table from `source`, a query giving company_id, date, user_id,
 * job_id and the signed measures of each changed entry. Groups are applied in key order.
 */
function postgresUpserts(source: string): string {
  return ROLLUP_TABLES.map((t) => {
    const keys = [`d.company_id`, ...t.keys.map((k) => k.expr('d'))];
    return `insert into ${t.name} (${keyColumns(t).join(', ')}, ${MEASURES.join(', ')})
      select ${keys.join(', ')}, ${MEASURES.map((m) => `sum(d.${m})`).join(', ')}
      from (${source}) d group by ${keys.join(', ')} order by ${keys.join(', ')}
      ${onConflict(t)};`;
  }).join('\n    ');
}

function postgresSource(x: string, sign: 1 | -1, from: string): string {
  const m = entryMeasures(x, sign);
  return `select ${x}.company_id, ${x}.date, ${x}.user_id, ${x}.job_id, ${MEASURES.map((k) => `${m[k]} as ${k}`).join(', ')} ${from}`;
}

const TRIGGERS = ['time_rollups_insert', 'time_rollups_update', 'time_rollups_delete'];

async function exec(db: AnyDb, text: string): Promise<void> {
  await sql.raw(text).execute(db);
}

export async function createTimeRollupTables(db: AnyDb, d: DialectHelpers): Promise<void> {
  for (const t of ROLLUP_TABLES) {
    let create = db.schema.createTable(t.name).addColumn('company_id', 'text', (c) => c.notNull());
    for (const k of t.keys) create = create.addColumn(k.column, 'text', (c) => c.notNull());
    for (const m of MEASURES) create = create.addColumn(m, d.bigintType, (c) => c.notNull().defaultTo(0));
    await create.addPrimaryKeyConstraint(`${t.name}_pk`, keyColumns(t) as never).execute();
  }
  // The days at the ends of a range for every job at once (TimeSummary/Jobs between two dates): by date.
  await db.schema
    .createIndex('time_rollup_job_days_by_date')
    .on('time_rollup_job_days')
    .columns(['company_id', 'date', 'job_id'])
    .execute();
}

export async function createTimeRollupTriggers(db: AnyDb, d: DialectHelpers): Promise<void> {
  // Null-safe "differs": SQLite's IS NOT, PostgreSQL's IS DISTINCT FROM (the columns are NOT NULL anyway).
  const differs = d.name === 'sqlite' ? 'is not' : 'is distinct from';
  const changed = (o: string, n: string) =>
    `(${SOURCE_COLUMNS.map((c) => `${o}.${c} ${differs} ${n}.${c}`).join(' or ')})`;
  if (d.name === 'sqlite') {
    await exec(
      db,
      `create trigger time_rollups_insert after insert on time_entries begin
  ${sqliteUpserts('new', 1)}
end`,
    );
    await exec(
      db,
      `create trigger time_rollups_delete after delete on time_entries begin
  ${sqliteUpserts('old', -1)}
end`,
    );
    await exec(
      db,
      `create trigger time_rollups_update after update of ${SOURCE_COLUMNS.join(', ')} on time_entries
  when ${changed('old', 'new')} begin
  ${sqliteUpserts('old', -1)}
  ${sqliteUpserts('new', 1)}
end`,
    );
    return;
  }
  const join = `join old_rows o on o.company_id = w.company_id and o.id = w.id where ${changed('o', 'w')}`;
  const updateSource = `${postgresSource('o', -1, `from new_rows w ${join}`)}
      union all ${postgresSource('w', 1, `from new_rows w ${join}`)}`;
  await exec(
    db,
    // The tables are named without a schema: pin the function to the schema it was made in, so a
    // connection with another search_path still maintains these rollups and no others.
    `create or replace function time_rollups_apply() returns trigger language plpgsql
  set search_path from current as $fn$
begin
  if tg_op = 'INSERT' then
    ${postgresUpserts(postgresSource('w', 1, 'from new_rows w'))}
  elsif tg_op = 'DELETE' then
    ${postgresUpserts(postgresSource('o', -1, 'from old_rows o'))}
  else
    ${postgresUpserts(updateSource)}
  end if;
  return null;
end
$fn$`,
  );
  await exec(
    db,
    `create trigger time_rollups_insert after insert on time_entries
  referencing new table as new_rows for each statement execute function time_rollups_apply()`,
  );
  await exec(
    db,
    `create trigger time_rollups_delete after delete on time_entries
  referencing old table as old_rows for each statement execute function time_rollups_apply()`,
  );
  await exec(
    db,
    `create trigger time_rollups_update after update on time_entries
  referencing old table as old_rows new table as new_rows for each statement execute function time_rollups_apply()`,
  );
}

export async function dropTimeRollupTriggers(db: AnyDb, d: DialectHelpers): Promise<void> {
  for (const name of TRIGGERS) {
    await exec(
      db,
      d.name === 'sqlite'
        ? `drop trigger if exists ${name}`
        : `drop trigger if exists ${name} on time_entries`,
    );
  }
}

/**
 * Recomputes every rollup from time_entries (of one company, or of all): one grouped pass per table.
 * Run it inside a transaction, or on a database nobody else writes to.
 */
export async function rebuildTimeRollups(db: AnyDb, companyId?: string): Promise<void> {
  const m = entryMeasures('e', 1);
  for (const t of ROLLUP_TABLES) {
    const where = companyId === undefined ? '' : ` where e.company_id = ${quote(companyId)}`;
    await exec(
      db,
      `delete from ${t.name}${companyId === undefined ? '' : ` where company_id = ${quote(companyId)}`}`,
    );
    const keys = ['e.company_id', ...t.keys.map((k) => k.expr('e'))];
    await exec(
      db,
      `insert into ${t.name} (${keyColumns(t).join(', ')}, ${MEASURES.join(', ')})
       select ${keys.join(', ')}, ${MEASURES.map((k) => `sum(${m[k]})`).join(', ')}
       from time_entries e${where} group by ${keys.join(', ')}`,
    );
  }
}

const quote = (s: string) => `'${s.replace(/'/g, "''")}'`;

/**
 * Rows where a rollup differs from a recomputation from the entries (none when all is well), for the
 * `punchclock rollups check` command and the tests.
 */
export async function checkTimeRollups(
  db: AnyDb,
  companyId?: string,
): Promise<{ table: string; key: string; stored: string; expected: string }[]> {
  const m = entryMeasures('e', 1);
  const out: { table: string; key: string; stored: string; expected: string }[] = [];
  for (const t of ROLLUP_TABLES) {
    const keys = ['e.company_id', ...t.keys.map((k) => k.expr('e'))];
    const where = companyId === undefined ? '' : ` where e.company_id = ${quote(companyId)}`;
    const expected = await sql
      .raw<Record<string, unknown>>(
        `select ${keys.map((k, i) => `${k} as k${i}`).join(', ')}, ${MEASURES.map((k) => `sum(${m[k]}) as ${k}`).join(', ')}
         from time_entries e${where} group by ${keys.join(', ')}`,
      )
      .execute(db);
    const stored = await sql
      .raw<Record<string, unknown>>(
        `select ${keyColumns(t)
          .map((k, i) => `${k} as k${i}`)
          .join(', ')}, ${MEASURES.join(', ')} from ${t.name}
         where (${MEASURES.map((k) => `${k} <> 0`).join(' or ')})${companyId === undefined ? '' : ` and company_id = ${quote(companyId)}`}`,
      )
      .execute(db);
    const keyOf = (r: Record<string, unknown>) =>
      keyColumns(t)
        .map((_, i) => String(r[`k${i}`]))
        .join('|');
    const valuesOf = (r: Record<string, unknown> | undefined) =>
      r ? MEASURES.map((k) => String(Number(r[k]))).join(',') : 'absent';
    const want = new Map(expected.rows.map((r) => [keyOf(r), r]));
    const have = new Map(stored.rows.map((r) => [keyOf(r), r]));
    for (const key of new Set([...want.keys(), ...have.keys()])) {
      const a = valuesOf(have.get(key));
      const b = valuesOf(want.get(key));
      if (a !== b) out.push({ table: t.name, key, stored: a, expected: b });
    }
  }
  return out;
}

/** For a bulk load into a database no server is writing to: stop maintaining rollups row by row. */
export async function suspendTimeRollups(db: AnyDb, d: DialectHelpers): Promise<void> {
  await dropTimeRollupTriggers(db, d);
}

/** After `suspendTimeRollups` and the load: rebuild every rollup in one pass and maintain them again. */
export async function resumeTimeRollups(db: AnyDb, d: DialectHelpers): Promise<void> {
  await rebuildTimeRollups(db);
  await createTimeRollupTriggers(db, d);
}

/**
 * Rebuilds every rollup while the server may be running: in one transaction that first stops entry
 * writes (PostgreSQL: a SHARE lock on time_entries; SQLite: the write transaction itself), so no write
 * can slip between the recount and the triggers.
 */
export async function rebuildTimeRollupsSafely(
  db: AnyDb,
  d: DialectHelpers,
  companyId?: string,
): Promise<void> {
  await db.transaction().execute(async (trx) => {
    if (d.name === 'postgres') await exec(trx, 'lock table time_entries in share mode');
    await rebuildTimeRollups(trx, companyId);
  });
}

/**
 * Entries per date of a company in [from, to] (either end optional), in date order (ascending or
 * descending), from time_rollup_days; dates whose count is 0 are left out. `where` narrows the rows further
 * (the caller's own conditions over alias `r`, e.g. a job list on time_rollup_job_days).
 */
export async function entriesPerDay(
  db: AnyDb,
  companyId: string,
  o: { from?: string; to?: string; order: 'asc' | 'desc' },
): Promise<{ date: string; n: number }[]> {
  const { rows } = await sql<{ date: string; n: unknown }>`select r.date, r.n from time_rollup_days r
    where r.company_id = ${companyId}${o.from ? sql` and r.date >= ${o.from}` : sql``}${o.to ? sql` and r.date <= ${o.to}` : sql``}
    and r.n <> 0 order by r.date ${sql.raw(o.order)}`.execute(db);
  return rows.map((r) => ({ date: r.date, n: Number(r.n) }));
}

/**
 * Where a page at `offset` of a company's entries in date order begins: its first date and how many
 * entries come before that date (in that order). Undefined when the offset is past the end.
 */
export function seekInDays(
  days: readonly { date: string; n: number }[],
  offset: number,
): { date: string; before: number } | undefined {
  let before = 0;
  for (const d of days) {
    if (before + d.n > offset) return { date: d.date, before };
    before += d.n;
  }
  return undefined;
}
