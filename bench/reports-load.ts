/**
 * The bulk loader of bench/reports.ts: ENTRIES time entries for one company, generated inside the database.
 *
 * Shape: DAYS (1,000) days from 2023-01-02 with ENTRIES / DAYS entries each. Entry i (0 ≤ i < ENTRIES) is
 * on day floor(i / (ENTRIES / DAYS)), by person u = i mod PEOPLE, as that person's entry n = floor(i /
 * PEOPLE); so at 1M every person has one entry a day, at 10M ten, and at 100k one every tenth day (every
 * date is covered at every size). Job (7u + n) mod 200 (client = job mod 20; every tenth job non-billable,
 * billing rate 100…190 by job), task (3n + u) mod 20, cost rate 40…59 by person, hours 0.25, 0.5, 1, 1.5 or
 * 2 by (u + n) mod 5 (at most 12 entries a person a day, so a day never exceeds 24 h).
 *
 * How (SQLite and PostgreSQL alike):
 *   1. suspendTimeRollups (drops the rollup triggers);
 *   2. drop time_entries' indexes (on PostgreSQL its primary key too, with the foreign key from timers that
 *      needs it; SQLite cannot drop a primary key): inserting into seven wide indexes and a random-ID key
 *      costs far more than building them by sorting afterwards (1M entries on this 2-vCPU host: SQLite 55 s
 *      with the indexes in place against ~20 s inserting then re-creating; PostgreSQL 42–46 s against
 *      ~14 s, of which the random-ID key in place alone costs ~4 s, growing once it outgrows shared_buffers);
 *   3. each day is one INSERT … SELECT over a row-number source (SQLite: a recursive CTE; PostgreSQL:
 *      generate_series) joined by ordinal to temp tables of the person, job and task IDs, ordered by ID, so
 *      the rows go in in (date, id) order (the table is in date order, as a real one roughly is); days are
 *      committed in batches of ~200,000 entries;
 *   4. re-create the indexes and keys from their stored definitions (sqlite_master.sql; pg_get_indexdef,
 *      pg_get_constraintdef), so the schema ends exactly as the migrations made it;
 *   5. resumeTimeRollups (rebuilds every rollup in one grouped pass, re-creates the triggers);
 *   6. ANALYZE (SQLite) / VACUUM ANALYZE (PostgreSQL);
 *   7. up to 1M entries only, checkTimeRollups (a full recount); a difference fails the run.
 *
 * IDs have newId()'s shape, 24 base64url characters of 18 random bytes, so the primary key's order is
 * unrelated to the dates: on SQLite from a JS function registered on the loading connection
 * (crypto.randomBytes), on PostgreSQL from random() (three times 48 bits; not cryptographic, a quarter the
 * cost of gen_random_uuid()).
 *
 * Bulk-load settings, on the loading connection only (the server opens its own, with its usual settings):
 * SQLite synchronous = OFF, cache_size 2 GiB, temp_store = MEMORY, foreign_keys = OFF; PostgreSQL
 * synchronous_commit = off, work_mem 256 MB, maintenance_work_mem 1 GB (index builds) and
 * session_replication_role = replica, which skips the per-row foreign-key checks (superuser only). Every
 * reference is to a row the seeding has just made.
 */
import { randomBytes } from 'node:crypto';
import SQLite from 'better-sqlite3';
import pg from 'pg';
import { Kysely, PostgresDialect, SqliteDialect } from 'kysely';
import type { Database } from '../src/server/db/schema.js';
import { dialectHelpers } from '../src/server/db/dialect.js';
import {
  checkTimeRollups,
  resumeTimeRollups,
  ROLLUP_TABLES,
  suspendTimeRollups,
} from '../src/server/db/rollups.js';
import { TIME_ENTRY_COLUMNS } from './lib.js';

export const PEOPLE = 1000;
export const CLIENTS = 20;
export const JOBS = 200;
export const TASKS = 20;
export const DAYS = 1000;
const FIRST_DAY = Date.parse('2023-01-02T00:00:00Z');
const HOURS = [2_500, 5_000, 10_000, 15_000, 20_000];
/** Entries per transaction (whole days). */
const BATCH = 200_000;
/** checkTimeRollups recounts everything: only up to this many entries. */
const CHECK_MAX = 1_000_000;

export const dateOf = (day: number) => new Date(FIRST_DAY + day * 86_400_000).toISOString().slice(0, 10);

export type Target = { kind: 'sqlite'; file: string } | { kind: 'postgres'; url: string; schema: string };

export interface LoadIds {
  companyId: string;
  userIds: string[];
  jobIds: string[];
  taskIds: string[];
}

export interface LoadTimes {
  /** Seconds: the inserts; re-creating the deferred indexes; the rollup rebuild (with the triggers'
   * re-creation); ANALYZE / VACUUM ANALYZE; checkTimeRollups, when it ran. */
  insert: number;
  indexes: number;
  rebuild: number;
  analyze: number;
  check?: number;
  /** The indexes and keys dropped before the inserts and re-created after. */
  deferred: string[];
}

/** Entries a day; throws unless the shape above holds. */
export function entriesPerDay(entries: number): number {
  const perDay = entries / DAYS;
  if (!Number.isInteger(perDay) || perDay < 1)
    throw new Error(`BENCH_ENTRIES must be a positive multiple of ${DAYS} (got ${entries})`);
  if (Math.ceil(perDay / PEOPLE) * Math.max(...HOURS) > 240_000)
    throw new Error(`${entries} entries would put more than 24 h on a person's day`);
  return perDay;
}

const secondsSince = (t0: number) => (Date.now() - t0) / 1000;
const quote = (s: string) => `'${s.replace(/'/g, "''")}'`;

/**
 * The INSERT … SELECT of one day's entries, ordered by ID: `numbers` is a relation of one column i (the
 * entries' numbers), `id` the expression of a new ID, `date` the day's placeholder, `now` the timestamp.
 */
function insertSql(o: { companyId: string; numbers: string; id: string; date: string; now: string }): string {
  const hours = `case (x.u + x.n) % ${HOURS.length} ${HOURS.map((h, k) => `when ${k} then ${h}`).join(' ')} end`;
  const values = [
    quote(o.companyId),
    o.id,
    'bu.id',
    o.date,
    'bj.id',
    'bt.id',
    hours,
    '0',
    "''",
    '(100 + (x.j % 10) * 10) * 10000 + 1234',
    `(40 + x.u % 20) * 10000`,
    'case when x.j % 10 = 0 then 0 else 1 end',
    "'{}'",
    o.now,
    o.now,
  ];
  return `insert into time_entries (${TIME_ENTRY_COLUMNS.join(', ')})
    select ${values.join(', ')}
    from (select y.u, y.n, (y.u * 7 + y.n) % ${JOBS} as j, (y.n * 3 + y.u) % ${TASKS} as t
          from (select i % ${PEOPLE} as u, i / ${PEOPLE} as n from ${o.numbers}) y) x
    join bench_users bu on bu.ord = x.u
    join bench_jobs bj on bj.ord = x.j
    join bench_tasks bt on bt.ord = x.t
    order by 2`;
}

/** Days [0, DAYS) in batches of whole days of about BATCH entries. */
function* batches(perDay: number): Generator<number[]> {
  const days = Math.max(1, Math.floor(BATCH / perDay));
  for (let d0 = 0; d0 < DAYS; d0 += days)
    yield Array.from({ length: Math.min(days, DAYS - d0) }, (_, k) => d0 + k);
}

function progress(entries: number) {
  const t0 = Date.now();
  let next = Math.min(1_000_000, entries);
  return (done: number) => {
    if (done < next) return;
    console.log(`  ${done.toLocaleString('en')} entries, ${secondsSince(t0).toFixed(0)} s`);
    next += 1_000_000;
  };
}

/** What differs between the databases; the steps are the same (load()). */
interface Loader {
  dialect: 'sqlite' | 'postgres';
  db: Kysely<Database>;
  exec(text: string): Promise<void>;
  /**
   * Drops what makes the inserts slow: time_entries' indexes (SQLite: but its primary key's, which cannot
   * be dropped; PostgreSQL: its primary key too, with the foreign keys that need it). Returns the names and
   * the statements that put them back exactly (their stored definitions), in order.
   */
  defer(): Promise<{ names: string[]; restore: string[] }>;
  /** Temp table `name` (ord, id) of `ids` by ordinal from 0. */
  ordinals(name: string, ids: readonly string[]): Promise<void>;
  /** The entries of these days, in one transaction. */
  insertDays(days: number[]): Promise<void>;
  analyze(): Promise<void>;
}

function sqliteLoader(file: string, companyId: string, perDay: number): Loader & { close(): Promise<void> } {
  const raw = new SQLite(file);
  const db = new Kysely<Database>({ dialect: new SqliteDialect({ database: raw }) });
  raw.pragma('journal_mode = WAL');
  raw.pragma('synchronous = OFF');
  raw.pragma('cache_size = -2097152');
  raw.pragma('temp_store = MEMORY');
  raw.pragma('foreign_keys = OFF');
  let pool = Buffer.alloc(0);
  let at = 0;
  raw.function('bench_id', { deterministic: false }, () => {
    if (at + 18 > pool.length) {
      pool = randomBytes(18 * 65_536);
      at = 0;
    }
    at += 18;
    return pool.toString('base64url', at - 18, at);
  });
  let insert: SQLite.Statement | undefined;
  const day = (d: number) => {
    insert ??= raw.prepare(
      `with recursive s(i) as (select ? union all select i + 1 from s where i < ?) ${insertSql({
        companyId,
        numbers: 's',
        id: 'bench_id()',
        date: '?',
        now: quote(new Date().toISOString()),
      })}`,
    );
    insert.run(d * perDay, (d + 1) * perDay - 1, dateOf(d));
  };
  const insertDays = raw.transaction((days: number[]) => days.forEach(day));
  return {
    dialect: 'sqlite',
    db,
    exec: async (text) => void raw.exec(text),
    defer: async () => {
      const indexes = raw
        .prepare<[], { name: string; sql: string }>(
          "select name, sql from sqlite_master where type = 'index' and tbl_name = 'time_entries' and sql is not null",
        )
        .all();
      for (const i of indexes) raw.exec(`drop index ${i.name}`);
      return { names: indexes.map((i) => i.name), restore: indexes.map((i) => i.sql) };
    },
    ordinals: async (name, ids) => {
      raw.exec(`create temp table ${name} (ord integer primary key, id text not null)`);
      const put = raw.prepare(`insert into ${name} (ord, id) values (?, ?)`);
      ids.forEach((id, k) => put.run(k, id));
    },
    insertDays: async (days) => insertDays(days),
    analyze: async () => {
      raw.exec('analyze');
      raw.pragma('wal_checkpoint(TRUNCATE)');
    },
    close: () => db.destroy(), // closes `raw`
  };
}

function postgresLoader(
  url: string,
  schema: string,
  companyId: string,
  perDay: number,
): Loader & { close(): Promise<void> } {
  const pool = new pg.Pool({
    connectionString: url,
    application_name: schema,
    options: [
      `search_path=${schema}`,
      'synchronous_commit=off',
      'work_mem=256MB',
      'maintenance_work_mem=1GB',
      'session_replication_role=replica',
    ]
      .map((o) => `-c ${o}`)
      .join(' '),
    // One session, kept while idle: the temp tables live in it.
    max: 1,
    idleTimeoutMillis: 0,
  });
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
  // 18 bytes of random(): three times 48 bits (random() has 52).
  const r6 = `substr(int8send((random() * 281474976710656)::int8), 3)`;
  const text = insertSql({
    companyId,
    numbers: 'generate_series($1::bigint, $2::bigint) as s(i)',
    id: `translate(encode(${r6} || ${r6} || ${r6}, 'base64'), '+/', '-_')`,
    date: '$3::text',
    now: `${quote(new Date().toISOString())}::timestamptz`,
  });
  return {
    dialect: 'postgres',
    db,
    exec: async (t) => void (await pool.query(t)),
    defer: async () => {
      type Row = { tbl: string; name: string; def: string };
      const keys = await pool.query<Row>(
        `select conrelid::regclass::text as tbl, conname as name, pg_get_constraintdef(oid) as def
         from pg_constraint where conrelid = 'time_entries'::regclass and contype in ('p', 'u')`,
      );
      const refs = await pool.query<Row>(
        `select conrelid::regclass::text as tbl, conname as name, pg_get_constraintdef(oid) as def
         from pg_constraint where confrelid = 'time_entries'::regclass and contype = 'f'`,
      );
      const indexes = await pool.query<Row>(
        `select c.relname as name, pg_get_indexdef(c.oid) as def from pg_index x
         join pg_class c on c.oid = x.indexrelid
         where x.indrelid = 'time_entries'::regclass
           and not exists (select 1 from pg_constraint k where k.conindid = x.indexrelid)`,
      );
      for (const k of keys.rows)
        await pool.query(`alter table time_entries drop constraint ${k.name} cascade`);
      for (const i of indexes.rows) await pool.query(`drop index ${i.name}`);
      const add = (r: Row) => `alter table ${r.tbl} add constraint ${r.name} ${r.def}`;
      return {
        names: [...keys.rows, ...refs.rows, ...indexes.rows].map((r) => r.name),
        restore: [...keys.rows.map(add), ...refs.rows.map(add), ...indexes.rows.map((i) => i.def)],
      };
    },
    ordinals: async (name, ids) => {
      await pool.query(`create temp table ${name} (ord int primary key, id text not null)`);
      await pool.query(
        `insert into ${name} (ord, id) select k - 1, id from unnest($1::text[]) with ordinality as t(id, k)`,
        [ids],
      );
      await pool.query(`analyze ${name}`);
    },
    insertDays: async (days) => {
      const client = await pool.connect();
      try {
        await client.query('begin');
        for (const d of days)
          await client.query({
            name: 'bench_day',
            text,
            values: [d * perDay, (d + 1) * perDay - 1, dateOf(d)],
          });
        await client.query('commit');
      } catch (e) {
        await client.query('rollback').catch(() => undefined);
        throw e;
      } finally {
        client.release();
      }
    },
    analyze: async () => {
      const tables = ['time_entries', ...ROLLUP_TABLES.map((t) => t.name)];
      await pool.query(`vacuum analyze ${tables.join(', ')}`);
      await pool.query('analyze users, jobs, tasks, clients');
    },
    close: () => db.destroy(), // ends `pool`
  };
}

async function load(l: Loader, ids: LoadIds, entries: number, perDay: number): Promise<LoadTimes> {
  const d = dialectHelpers(l.dialect);
  await suspendTimeRollups(l.db, d);
  let t0 = Date.now();
  const later = await l.defer();
  await l.ordinals('bench_users', ids.userIds);
  await l.ordinals('bench_jobs', ids.jobIds);
  await l.ordinals('bench_tasks', ids.taskIds);
  const tick = progress(entries);
  for (const days of batches(perDay)) {
    await l.insertDays(days);
    tick((days.at(-1)! + 1) * perDay);
  }
  const insert = secondsSince(t0);
  t0 = Date.now();
  for (const text of later.restore) await l.exec(text);
  const indexes = secondsSince(t0);
  t0 = Date.now();
  await resumeTimeRollups(l.db, d);
  const rebuild = secondsSince(t0);
  t0 = Date.now();
  await l.analyze();
  const out: LoadTimes = {
    insert,
    indexes,
    deferred: later.names,
    rebuild,
    analyze: secondsSince(t0),
  };
  if (entries <= CHECK_MAX) {
    t0 = Date.now();
    const bad = await checkTimeRollups(l.db);
    out.check = secondsSince(t0);
    if (bad.length) {
      console.error(bad.slice(0, 20));
      throw new Error(`checkTimeRollups: ${bad.length} rollup rows differ from the entries after the load`);
    }
  }
  return out;
}

/** Loads `entries` entries of `ids.companyId`'s people, jobs and tasks; no server may be writing. */
export async function bulkLoad(target: Target, ids: LoadIds, entries: number): Promise<LoadTimes> {
  if (ids.userIds.length !== PEOPLE || ids.jobIds.length !== JOBS || ids.taskIds.length !== TASKS)
    throw new Error('bulkLoad: expected PEOPLE people, JOBS jobs and TASKS tasks');
  const perDay = entriesPerDay(entries);
  const loader =
    target.kind === 'sqlite'
      ? sqliteLoader(target.file, ids.companyId, perDay)
      : postgresLoader(target.url, target.schema, ids.companyId, perDay);
  try {
    return await load(loader, ids, entries, perDay);
  } finally {
    await loader.close();
  }
}
