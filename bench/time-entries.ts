/**
 * Issue 3 (part 2): time-entry benchmark. A store of 1,000,000 entries over 1,000 people (1,000 each, one
 * a day), bulk-loaded with direct batched inserts; then, against the real server on loopback:
 *   - POST /v2/Me/TimeEntries (one entry per request, every rule and the timesheet lock included)
 *   - GET  /v2/Me/TimeEntries?limit=500 (a person with 1,000 entries), beside the node:http ceiling
 *
 *   node --import tsx bench/time-entries.ts            # SQLite (a fresh file)
 *   BENCH_DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres node --import tsx bench/time-entries.ts
 *
 * BENCH_SECONDS (default 10) per run; BENCH_ENTRIES_PER_PERSON (default 1000) scales the store;
 * BENCH_SEED_ONLY=1 loads the store, prints where it is and keeps it (for EXPLAIN and the like).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import autocannon from 'autocannon';
import SQLite from 'better-sqlite3';
import pg from 'pg';
import { loadConfig } from '../src/server/config.js';
import { openPostgres, openSqlite } from '../src/server/db/connect.js';
import { newId } from '../src/server/lib/ids.js';
import { createRuntime } from '../src/server/runtime.js';
import { resetToken } from '../src/server/modules/users/index.js';
import {
  load,
  seedBenchCompany,
  startCeiling,
  startServer,
  stop,
  table,
  taskRow,
  TIME_ENTRY_COLUMNS,
  type Figures,
} from './lib.js';

const PEOPLE = 1000;
const POST_PEOPLE = 50;
const PER_PERSON = Number(process.env.BENCH_ENTRIES_PER_PERSON ?? 1000);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const FIRST_DAY = Date.parse('2023-01-02T00:00:00Z');
const pgUrl = process.env.BENCH_DATABASE_URL;
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'pc-bench-te-'));
const secret = randomBytes(32).toString('hex');
const schema = `bench_${randomBytes(4).toString('hex')}`;
const sqliteFile = path.join(dataDir, 'punchclock.sqlite');
const databaseUrl = pgUrl
  ? `${pgUrl}${pgUrl.includes('?') ? '&' : '?'}options=-c%20search_path%3D${schema}`
  : undefined;

interface Seeded {
  companyId: string;
  userIds: string[];
  jobId: string;
  taskId: string;
}

/** Row `i` of person `u`: one entry a day from 2023-01-02, hours cycling over 7.5, 8, 0.25 … */
function rowOf(s: Seeded, u: number, i: number, now: string): (string | number)[] {
  const date = new Date(FIRST_DAY + i * 86_400_000).toISOString().slice(0, 10);
  const hours = [75_000, 80_000, 2_500, 40_000, 1_000][(u + i) % 5]!;
  return [
    s.companyId,
    newId(),
    s.userIds[u]!,
    date,
    s.jobId,
    s.taskId,
    hours,
    0,
    '',
    1_000_000,
    500_000,
    1,
    '{}',
    now,
    now,
  ];
}

async function bulkLoadSqlite(s: Seeded): Promise<void> {
  const db = new SQLite(sqliteFile);
  db.pragma('journal_mode = WAL');
  // A throwaway store: no fsync while loading (the server reopens it with its own settings).
  db.pragma('synchronous = OFF');
  db.pragma('cache_size = -262144');
  const insert = db.prepare(
    `insert into time_entries (${TIME_ENTRY_COLUMNS.join(', ')}) values (${TIME_ENTRY_COLUMNS.map(() => '?').join(', ')})`,
  );
  const now = new Date().toISOString();
  const PEOPLE_PER_BATCH = 50;
  const batch = db.transaction((u0: number) => {
    for (let u = u0; u < Math.min(PEOPLE, u0 + PEOPLE_PER_BATCH); u++) {
      for (let i = 0; i < PER_PERSON; i++) insert.run(...rowOf(s, u, i, now));
    }
  });
  for (let u = 0; u < PEOPLE; u += PEOPLE_PER_BATCH) batch(u);
  db.pragma('analysis_limit = 1000');
  db.exec('analyze');
  db.close();
}

async function bulkLoadPostgres(s: Seeded): Promise<void> {
  const client = new pg.Client({ connectionString: pgUrl, options: `-c search_path=${schema}` });
  await client.connect();
  const types = [
    'text',
    'text',
    'text',
    'text',
    'text',
    'text',
    'int',
    'int',
    'text',
    'bigint',
    'bigint',
    'int',
    'text',
    'timestamptz',
    'timestamptz',
  ];
  const sqlText = `insert into time_entries (${TIME_ENTRY_COLUMNS.join(', ')}) select * from unnest(${types.map((ty, i) => `$${i + 1}::${ty}[]`).join(', ')})`;
  const now = new Date().toISOString();
  const PEOPLE_PER_BATCH = 10;
  for (let u0 = 0; u0 < PEOPLE; u0 += PEOPLE_PER_BATCH) {
    const columns: (string | number)[][] = TIME_ENTRY_COLUMNS.map(() => []);
    for (let u = u0; u < Math.min(PEOPLE, u0 + PEOPLE_PER_BATCH); u++) {
      for (let i = 0; i < PER_PERSON; i++) rowOf(s, u, i, now).forEach((v, c) => columns[c]!.push(v));
    }
    await client.query(sqlText, columns);
  }
  await client.query('analyze time_entries');
  await client.end();
}

async function seed(): Promise<{ listToken: string; postTokens: string[]; jobId: string; taskId: string }> {
  if (pgUrl) {
    const c = new pg.Client({ connectionString: pgUrl });
    await c.connect();
    await c.query(`create schema ${schema}`);
    await c.end();
  }
  const config = loadConfig({
    PUNCHCLOCK_DATA_DIR: dataDir,
    PUNCHCLOCK_SECRET_KEY: secret,
    ...(databaseUrl ? { DATABASE_URL: databaseUrl } : {}),
  });
  const store = pgUrl
    ? openPostgres({ connectionString: pgUrl, schema })
    : openSqlite({ filename: sqliteFile });
  const runtime = await createRuntime(config, { store });
  const deps = runtime.deps;
  const { company, users } = await seedBenchCompany(deps, PEOPLE);
  // Master data straight into the store (the bench measures time entries, not jobs).
  const now = new Date().toISOString();
  const ids = { client: newId(), job: newId(), task: newId() };
  await deps.db
    .insertInto('clients')
    .values({
      company_id: company.CompanyID,
      id: ids.client,
      name: 'Acme',
      short_name: '',
      client_number: '',
      is_active: 1,
      list_display_text: 'Acme',
      notes: '',
      accounting_package_id: '',
      billing_rate: null,
      secondary_billing_rate_mode: 'INHERIT',
      is_eligible_time_off_allocation: 0,
      custom_fields: '{}',
      created_at: now,
      updated_at: now,
    })
    .execute();
  await deps.db
    .insertInto('jobs')
    .values({
      company_id: company.CompanyID,
      id: ids.job,
      name: 'Build',
      job_number: '',
      client_id: ids.client,
      is_active: 1,
      start_date: null,
      end_date: null,
      list_display_text: 'Build',
      notes: '',
      accounting_package_id: '',
      is_billable: 1,
      billing_rate: 1_000_000,
      use_company_billing_rate: 0,
      secondary_billing_rate_mode: 'INHERIT',
      project_manager_id: null,
      time_requires_approval: 0,
      include_in_rm: 1,
      is_eligible_time_off_allocation: 0,
      custom_fields: '{}',
      created_at: now,
      updated_at: now,
    })
    .execute();
  await deps.db
    .insertInto('tasks')
    .values(taskRow(company.CompanyID, ids.task, 'Code', now))
    .execute();
  const people = [company.UserID, ...users.map((u) => u.id)];
  const listToken = (await resetToken(deps, company.CompanyID, people[1]!)).Token;
  // POSTs go to people who are not the list's person: one of them alone, then fifty in turn.
  const postTokens: string[] = [];
  for (const id of people.slice(2, 3 + POST_PEOPLE))
    postTokens.push((await resetToken(deps, company.CompanyID, id)).Token);
  await runtime.close();
  await store.close();

  const seeded: Seeded = { companyId: company.CompanyID, userIds: people, jobId: ids.job, taskId: ids.task };
  const started = Date.now();
  await (pgUrl ? bulkLoadPostgres(seeded) : bulkLoadSqlite(seeded));
  console.log(
    `bulk-loaded ${PEOPLE * PER_PERSON} entries in ${((Date.now() - started) / 1000).toFixed(1)} s`,
  );
  return { listToken, postTokens, jobId: ids.job, taskId: ids.task };
}

/**
 * POSTs with a different date each time (2020–2022, before the loaded years), 0.01 h each, by the given
 * people in turn. One person's writes serialise (the 24-hour day rule holds the person's lock).
 */
async function loadPosts(
  name: string,
  url: string,
  tokens: string[],
  jobId: string,
  taskId: string,
): Promise<Figures> {
  const base = Date.parse('2020-01-01T00:00:00Z');
  let n = 0;
  const options = {
    url,
    connections: 10,
    duration: SECONDS,
    requests: [
      {
        method: 'POST',
        setupRequest: (req: Record<string, unknown>) => {
          const i = n++;
          const date = new Date(base + (i % 1096) * 86_400_000).toISOString().slice(0, 10);
          return {
            ...req,
            headers: {
              authorization: `Token ${tokens[i % tokens.length]!}`,
              'content-type': 'application/json',
            },
            body: JSON.stringify({ Date: date, JobID: jobId, TaskID: taskId, Hours: 0.01, Comment: 'bench' }),
          };
        },
      },
    ],
  };
  // bench/autocannon.d.ts does not declare setupRequest; autocannon 8 supports it.
  const result = await autocannon(options);
  return {
    name,
    requestsPerSecond: Math.round(result.requests.average),
    latencyP50: result.latency.p50,
    latencyP99: result.latency.p99,
    errors: result.errors,
    non2xx: result.non2xx,
  };
}

async function main() {
  const { listToken, postTokens, jobId, taskId } = await seed();
  if (process.env.BENCH_SEED_ONLY) {
    console.log(pgUrl ? `kept schema ${schema}` : `kept ${sqliteFile}`);
    return;
  }
  const env: Record<string, string> = { PUNCHCLOCK_DATA_DIR: dataDir, PUNCHCLOCK_SECRET_KEY: secret };
  if (databaseUrl) env.DATABASE_URL = databaseUrl;
  const port = 18090;
  const server = await startServer(env, port);
  const store = pgUrl ? 'PostgreSQL' : 'SQLite';
  const rows: Figures[] = [];
  try {
    const listUrl = `http://127.0.0.1:${port}/v2/Me/TimeEntries?limit=500`;
    const headers = { authorization: `Token ${listToken}` };
    const first = await fetch(listUrl, { headers });
    const bytes = Buffer.from(await first.arrayBuffer());
    const page = (JSON.parse(bytes.toString('utf8')) as { page: { count: number; limit: number } }).page;
    console.log(
      `GET list: ${first.status}, ${bytes.length} bytes, page.count ${page.count}, limit ${page.limit}`,
    );
    const list = await load(`GET /v2/Me/TimeEntries?limit=500 (${store}, 1M entries)`, listUrl, headers, {
      duration: SECONDS,
    });
    const ceiling = await startCeiling(bytes, 18091);
    const bare = await load(
      `  ceiling (node:http, same ${bytes.length} bytes)`,
      'http://127.0.0.1:18091/',
      headers,
      { duration: SECONDS },
    );
    await stop(ceiling);
    rows.push(list, bare);
    console.log(
      `list: ${list.requestsPerSecond} req/s vs ceiling ${bare.requestsPerSecond} req/s = ${((100 * list.requestsPerSecond) / bare.requestsPerSecond).toFixed(1)}%`,
    );

    const postUrl = `http://127.0.0.1:${port}/v2/Me/TimeEntries`;
    rows.push(
      await loadPosts(
        `POST /v2/Me/TimeEntries, one person (${store}, 1M entries)`,
        postUrl,
        postTokens.slice(0, 1),
        jobId,
        taskId,
      ),
    );
    rows.push(
      await loadPosts(
        `POST /v2/Me/TimeEntries, ${POST_PEOPLE} people (${store}, 1M entries)`,
        postUrl,
        postTokens.slice(1),
        jobId,
        taskId,
      ),
    );
  } finally {
    await stop(server);
    if (pgUrl) {
      const c = new pg.Client({ connectionString: pgUrl });
      await c.connect();
      await c.query(`drop schema if exists ${schema} cascade`);
      await c.end();
    }
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
  console.log(table(rows));
}

await main();
