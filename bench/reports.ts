/**
 * Issue 6: report benchmark. A store of 1,000,000 time entries (BENCH_ENTRIES=10000000 or --10m for ten
 * million) over 1,000 people, 200 jobs of 20 clients and 20 tasks, bulk-loaded with direct batched inserts
 * (the migration's report indexes in place). Then, against the real server on loopback, each report is
 * requested one at a time (latency, not throughput) and the same SQL the endpoint runs is timed directly
 * on the database from this process (the floor): the ratio is what HTTP, auth, JSON and the rest add.
 * Finally the whole time report is exported as CSV and as XLSX, with the server's peak RSS.
 *
 *   node --import tsx bench/reports.ts                       # SQLite (a fresh file)
 *   BENCH_DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres node --import tsx bench/reports.ts
 *   … --10m                                                  # ten million entries
 *
 * BENCH_RUNS (default 15) timed requests per endpoint, after 2 warm-up requests; BENCH_SKIP_EXPORT=1 skips
 * the exports.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import SQLite from 'better-sqlite3';
import pg from 'pg';
import { loadConfig } from '../src/server/config.js';
import { openPostgres, openSqlite, type Store } from '../src/server/db/connect.js';
import { newId } from '../src/server/lib/ids.js';
import { createRuntime } from '../src/server/runtime.js';
import {
  groupSums,
  jobsWithClients,
  timePage,
  timeTotals,
  type TimeFilter,
} from '../src/server/modules/reports/time-report.store.js';
import { seedBenchCompany, startServer, stop } from './lib.js';

const TEN_MILLION = process.argv.includes('--10m');
const ENTRIES = Number(process.env.BENCH_ENTRIES ?? (TEN_MILLION ? 10_000_000 : 1_000_000));
const PEOPLE = 1000;
const CLIENTS = 20;
const JOBS = 200;
const TASKS = 20;
const DAYS = 1000;
const PER_PERSON = Math.ceil(ENTRIES / PEOPLE);
const PER_DAY = Math.ceil(PER_PERSON / DAYS);
const RUNS = Number(process.env.BENCH_RUNS ?? 15);
const FIRST_DAY = Date.parse('2023-01-02T00:00:00Z');
const pgUrl = process.env.BENCH_DATABASE_URL;
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'pc-bench-rep-'));
const secret = randomBytes(32).toString('hex');
const schema = `bench_${randomBytes(4).toString('hex')}`;
const sqliteFile = path.join(dataDir, 'punchclock.sqlite');
const databaseUrl = pgUrl
  ? `${pgUrl}${pgUrl.includes('?') ? '&' : '?'}options=-c%20search_path%3D${schema}`
  : undefined;
const storeName = pgUrl ? 'PostgreSQL' : 'SQLite';

const COLUMNS = [
  'company_id',
  'id',
  'user_id',
  'date',
  'job_id',
  'task_id',
  'hours',
  'break_time',
  'comment',
  'billing_rate',
  'cost_rate',
  'is_billable',
  'custom_fields',
  'created_at',
  'updated_at',
] as const;
const HOURS = [2_500, 5_000, 10_000, 15_000, 20_000];

interface Seeded {
  companyId: string;
  token: string;
  userIds: string[];
  jobIds: string[];
  taskIds: string[];
}

const dateOf = (day: number) => new Date(FIRST_DAY + day * 86_400_000).toISOString().slice(0, 10);

/** Entry n of person u: PER_DAY entries a day from 2023-01-02, job/task/hours cycling. */
function rowOf(s: Seeded, u: number, n: number, now: string): (string | number)[] {
  const job = (u * 7 + n) % JOBS;
  const task = (n * 3 + u) % TASKS;
  return [
    s.companyId,
    newId(),
    s.userIds[u]!,
    dateOf(Math.floor(n / PER_DAY)),
    s.jobIds[job]!,
    s.taskIds[task]!,
    HOURS[(u + n) % HOURS.length]!,
    0,
    '',
    (100 + (job % 10) * 10) * 10_000 + 1234,
    (40 + (u % 20)) * 10_000,
    job % 10 === 0 ? 0 : 1,
    '{}',
    now,
    now,
  ];
}

async function bulkLoad(s: Seeded): Promise<void> {
  const now = new Date().toISOString();
  const started = Date.now();
  let done = 0;
  const progress = () => {
    if (done % 1_000_000 === 0)
      console.log(`  ${done} entries, ${((Date.now() - started) / 1000).toFixed(0)} s`);
  };
  if (!pgUrl) {
    const db = new SQLite(sqliteFile);
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = NORMAL');
    db.pragma('cache_size = -262144');
    const insert = db.prepare(
      `insert into time_entries (${COLUMNS.join(', ')}) values (${COLUMNS.map(() => '?').join(', ')})`,
    );
    const batch = db.transaction((u: number) => {
      for (let n = 0; n < PER_PERSON && u * PER_PERSON + n < ENTRIES; n++) {
        insert.run(...rowOf(s, u, n, now));
        done++;
        progress();
      }
    });
    for (let u = 0; u < PEOPLE; u++) batch(u);
    db.exec('analyze');
    db.close();
  } else {
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
    const text = `insert into time_entries (${COLUMNS.join(', ')}) select * from unnest(${types.map((ty, i) => `$${i + 1}::${ty}[]`).join(', ')})`;
    for (let u0 = 0; u0 < PEOPLE; u0 += 10) {
      const columns: (string | number)[][] = COLUMNS.map(() => []);
      for (let u = u0; u < u0 + 10; u++) {
        for (let n = 0; n < PER_PERSON && u * PER_PERSON + n < ENTRIES; n++) {
          rowOf(s, u, n, now).forEach((v, c) => columns[c]!.push(v));
          done++;
          progress();
        }
      }
      await client.query(text, columns);
    }
    await client.query('vacuum analyze time_entries');
    await client.end();
  }
  console.log(
    `bulk-loaded ${ENTRIES} entries into ${storeName} in ${((Date.now() - started) / 1000).toFixed(1)} s`,
  );
}

function openStore(): Store {
  return pgUrl ? openPostgres({ connectionString: pgUrl, schema }) : openSqlite({ filename: sqliteFile });
}

async function seed(): Promise<Seeded> {
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
  const store = openStore();
  const runtime = await createRuntime(config, { store });
  const deps = runtime.deps;
  const { company, users } = await seedBenchCompany(deps, PEOPLE);
  // Master data straight into the store (the bench measures reports, not master data).
  const now = new Date().toISOString();
  const clientIds = Array.from({ length: CLIENTS }, () => newId());
  await deps.db
    .insertInto('clients')
    .values(
      clientIds.map((id, i) => ({
        company_id: company.CompanyID,
        id,
        name: `Client ${String(i).padStart(2, '0')}`,
        short_name: '',
        client_number: '',
        is_active: 1,
        list_display_text: `Client ${i}`,
        notes: '',
        accounting_package_id: '',
        billing_rate: null,
        secondary_billing_rate_mode: 'INHERIT' as const,
        is_eligible_time_off_allocation: 0,
        custom_fields: '{}',
        created_at: now,
        updated_at: now,
      })),
    )
    .execute();
  const jobIds = Array.from({ length: JOBS }, () => newId());
  await deps.db
    .insertInto('jobs')
    .values(
      jobIds.map((id, i) => ({
        company_id: company.CompanyID,
        id,
        name: `Job ${String(i).padStart(3, '0')}`,
        job_number: `J-${i}`,
        client_id: clientIds[i % CLIENTS]!,
        is_active: 1,
        start_date: null,
        end_date: null,
        list_display_text: `Job ${i}`,
        notes: '',
        accounting_package_id: '',
        is_billable: i % 10 === 0 ? 0 : 1,
        billing_rate: null,
        use_company_billing_rate: 1,
        secondary_billing_rate_mode: 'INHERIT' as const,
        project_manager_id: null,
        time_requires_approval: 0,
        include_in_rm: 1,
        is_eligible_time_off_allocation: 0,
        custom_fields: '{}',
        created_at: now,
        updated_at: now,
      })),
    )
    .execute();
  const taskIds = Array.from({ length: TASKS }, () => newId());
  await deps.db
    .insertInto('tasks')
    .values(
      taskIds.map((id, i) => ({
        company_id: company.CompanyID,
        id,
        name: `Task ${String(i).padStart(2, '0')}`,
        task_code: '',
        is_active: 1,
        list_display_text: `Task ${i}`,
        notes: '',
        accounting_package_id: '',
        is_billable: 1,
        billing_rate: null,
        use_company_billing_rate: 1,
        custom_fields: '{}',
        created_at: now,
        updated_at: now,
      })),
    )
    .execute();
  await runtime.close();
  await store.close();
  const seeded: Seeded = {
    companyId: company.CompanyID,
    token: company.Token,
    userIds: [company.UserID, ...users.map((u) => u.id)],
    jobIds,
    taskIds,
  };
  await bulkLoad(seeded);
  return seeded;
}

// ——— timing ———

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const p90 = (xs: number[]) =>
  [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(xs.length * 0.9))]!;

async function timeIt(fn: () => Promise<unknown>): Promise<number[]> {
  for (let i = 0; i < 2; i++) await fn();
  const out: number[] = [];
  const deadline = Date.now() + 20_000;
  for (let i = 0; i < RUNS && (i < 3 || Date.now() < deadline); i++) {
    const t0 = process.hrtime.bigint();
    await fn();
    out.push(Number(process.hrtime.bigint() - t0) / 1e6);
  }
  return out;
}

interface Case {
  name: string;
  url: string;
  floor: (store: Store) => Promise<unknown>;
}

function status(pid: number, field: 'VmHWM' | 'VmRSS'): number {
  const text = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
  const m = new RegExp(`${field}:\\s+(\\d+) kB`).exec(text);
  return m ? Number(m[1]) / 1024 : NaN;
}

async function exportRun(url: string, token: string, pid: number) {
  let peak = status(pid, 'VmRSS');
  const sampler = setInterval(() => {
    peak = Math.max(peak, status(pid, 'VmRSS'));
  }, 25);
  const t0 = Date.now();
  const res = await fetch(url, { headers: { authorization: `Token ${token}` } });
  let bytes = 0;
  let lines = 0;
  for await (const chunk of res.body as unknown as AsyncIterable<Uint8Array>) {
    bytes += chunk.length;
    if (url.includes('.csv')) for (const b of chunk) if (b === 10) lines++;
  }
  clearInterval(sampler);
  return {
    status: res.status,
    seconds: (Date.now() - t0) / 1000,
    bytes,
    lines,
    peakRss: Math.max(peak, status(pid, 'VmRSS')),
  };
}

async function main() {
  const s = await seed();
  const env: Record<string, string> = { PUNCHCLOCK_DATA_DIR: dataDir, PUNCHCLOCK_SECRET_KEY: secret };
  if (databaseUrl) env.DATABASE_URL = databaseUrl;
  const port = 18095;
  const server = await startServer(env, port);
  const store = openStore();
  const base = `http://127.0.0.1:${port}/v2`;
  const c = s.companyId;
  const month = { fromDate: dateOf(300), toDate: dateOf(330) };
  const quarter = { fromDate: dateOf(400), toDate: dateOf(490) };
  const user = s.userIds[17]!;
  const job = s.jobIds[42]!;
  const page = (limit: number, offset: number) => ({ limit, offset });
  const filterMonth: TimeFilter = { ...month };
  const monthCount = (await timeTotals(store.db, c, filterMonth, undefined)).count;
  const deep = Math.max(0, Math.floor((monthCount - 1) / 500) * 500);
  const reportTime = (f: TimeFilter, limit: number, offset: number) => async (st: Store) => {
    await timeTotals(st.db, c, f, undefined);
    await timePage(st.db, c, f, undefined, page(limit, offset));
  };
  const cases: Case[] = [
    {
      name: `/Reports/Time?limit=500 (all ${ENTRIES} entries counted and totalled)`,
      url: '/Reports/Time?limit=500',
      floor: reportTime({}, 500, 0),
    },
    {
      name: `/Reports/Time one month, first page (${monthCount} entries)`,
      url: `/Reports/Time?StartDate=${month.fromDate}&EndDate=${month.toDate}&limit=500`,
      floor: reportTime(filterMonth, 500, 0),
    },
    {
      name: `/Reports/Time one month, last page (offset ${deep})`,
      url: `/Reports/Time?StartDate=${month.fromDate}&EndDate=${month.toDate}&limit=500&offset=${deep}`,
      floor: reportTime(filterMonth, 500, deep),
    },
    {
      name: '/Reports/Time?UserID=… (one person, every date)',
      url: `/Reports/Time?UserID=${user}&limit=500`,
      floor: reportTime({ userIds: [user] }, 500, 0),
    },
    {
      name: '/Reports/Time?JobID=…&Rounding=Up (one job)',
      url: `/Reports/Time?JobID=${job}&limit=500&Rounding=Up`,
      floor: async (st) => {
        const r = { direction: 'Up' as const, increment: 2500, scope: 'Entry' as const };
        await timeTotals(st.db, c, { jobIds: [job] }, r);
        await timePage(st.db, c, { jobIds: [job] }, r, page(500, 0));
      },
    },
    {
      name: '/Reports/TimeSummary?GroupBy=Month&JobID=… (one job)',
      url: `/Reports/TimeSummary?GroupBy=Month&JobID=${job}`,
      floor: (st) => groupSums(st.db, c, { jobIds: [job] }, ['month'], undefined),
    },
    {
      name: '/Reports/TimeSummary?GroupBy=Job&UserID=… (one person)',
      url: `/Reports/TimeSummary?GroupBy=Job&UserID=${user}`,
      floor: (st) => groupSums(st.db, c, { userIds: [user] }, ['job'], undefined),
    },
    {
      name: '/Reports/TimeSummary?GroupBy=Task and User&JobID=… (one job, a quarter)',
      url: `/Reports/TimeSummary?GroupBy=Task%20and%20User&JobID=${job}&StartDate=${quarter.fromDate}&EndDate=${quarter.toDate}`,
      floor: (st) => groupSums(st.db, c, { jobIds: [job], ...quarter }, ['task', 'user'], undefined),
    },
    {
      name: '/Reports/TimeSummary?GroupBy=User&JobID=(10 jobs)&a month',
      url: `/Reports/TimeSummary?GroupBy=User&JobID=${s.jobIds.slice(0, 10).join(',')}&StartDate=${month.fromDate}&EndDate=${month.toDate}`,
      floor: (st) => groupSums(st.db, c, { jobIds: s.jobIds.slice(0, 10), ...month }, ['user'], undefined),
    },
    {
      name: `/Reports/TimeSummary/Jobs (every job, all ${ENTRIES} entries)`,
      url: '/Reports/TimeSummary/Jobs',
      floor: async (st) => {
        await jobsWithClients(st.db, c, {});
        await groupSums(st.db, c, {}, ['job'], undefined);
      },
    },
  ];
  const lines: string[] = [
    `| ${storeName}, ${ENTRIES.toLocaleString('en')} entries | endpoint p50 ms | p90 ms | same SQL direct p50 ms | ratio |`,
    '| --- | ---: | ---: | ---: | ---: |',
  ];
  try {
    const headers = { authorization: `Token ${s.token}` };
    for (const k of cases) {
      const probe = await fetch(`${base}${k.url}`, { headers });
      const body = (await probe.json()) as { page?: { count: number } };
      if (probe.status !== 200) throw new Error(`${k.url}: ${probe.status} ${JSON.stringify(body)}`);
      const http = await timeIt(async () => {
        const r = await fetch(`${base}${k.url}`, { headers });
        await r.arrayBuffer();
      });
      const direct = await timeIt(() => k.floor(store));
      const line = `| ${k.name} | ${median(http).toFixed(1)} | ${p90(http).toFixed(1)} | ${median(direct).toFixed(1)} | ${(median(http) / median(direct)).toFixed(2)} |`;
      console.log(line, `(page.count ${body.page?.count ?? '-'})`);
      lines.push(line);
    }
    if (!process.env.BENCH_SKIP_EXPORT) {
      const pid = server.pid!;
      const before = status(pid, 'VmRSS');
      for (const format of ['csv', 'xlsx']) {
        const r = await exportRun(`${base}/Reports/Time.${format}`, s.token, pid);
        const line =
          `| export /Reports/Time.${format}, ${ENTRIES.toLocaleString('en')} rows | ${r.seconds.toFixed(1)} s, ${(r.bytes / 1e6).toFixed(0)} MB` +
          `${format === 'csv' ? `, ${r.lines - 1} rows` : ''} | status ${r.status} | server RSS ${before.toFixed(0)} MB before, peak ${r.peakRss.toFixed(0)} MB | |`;
        console.log(line);
        lines.push(line);
      }
    }
  } finally {
    await store.close();
    await stop(server);
    if (pgUrl) {
      const c2 = new pg.Client({ connectionString: pgUrl });
      await c2.connect();
      await c2.query(`drop schema if exists ${schema} cascade`);
      await c2.end();
    }
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
  console.log(`\n${lines.join('\n')}`);
}

await main();
