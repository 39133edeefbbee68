/**
 * Issue 6: report benchmark. A store of 1,000,000 time entries (BENCH_ENTRIES=10000000 or --10m for ten
 * million; any multiple of 1,000) over 1,000 people, 200 jobs of 20 clients and 20 tasks, generated inside
 * the database by bench/reports-load.ts (rollup triggers suspended and time_entries' indexes dropped during
 * the inserts, then the indexes re-created, the rollups rebuilt, ANALYZE: each step timed apart; up to 1M
 * entries the rollups are then checked against the entries). Loading 1M takes ~20–30 s, 10M a few minutes.
 * Then, against the real server on loopback, each report is requested one at a time (latency, not
 * throughput), and from this process, straight on the database:
 *
 *   floor  the store functions the endpoint calls (time-rollups.store.ts: timeTotals + timePage, or
 *          groupSums; Payroll also timeOffPeople and timeOffSums, /Jobs jobsWithClients): endpoint ÷ floor
 *          is what HTTP, auth, names and JSON add;
 *   scan   the same through the entry-scanning versions (timeTotalsFromEntries, timePageFromEntries,
 *          groupSumsFromEntries): what the endpoint would cost without the rollups. Floor and scan must
 *          return the same figures: a difference is printed as MISMATCH and the run exits 1.
 *
 * Finally the time report is exported as CSV and as XLSX, with the server's peak RSS: all of it up to
 * BENCH_EXPORT_ROWS (default 1,000,000) entries; above that (10M) only the first days that hold that many.
 *
 *   node --import tsx bench/reports.ts                       # SQLite (a fresh file in a temp directory)
 *   BENCH_DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres node --import tsx bench/reports.ts
 *   … --10m                                                  # ten million entries
 *
 * BENCH_RUNS (default 15) timed requests per endpoint after 2 warm-ups (floor likewise; scan after 1, and
 * each stops after 20 s once it has 3); BENCH_SKIP_EXPORT=1 skips the exports. The PostgreSQL schema and the
 * temp directory are dropped at the end, also on failure or Ctrl-C.
 */
import type { ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { loadConfig } from '../src/server/config.js';
import { openPostgres, openSqlite, type Db, type Store } from '../src/server/db/connect.js';
import { newId } from '../src/server/lib/ids.js';
import type { Rounding } from '../src/server/lib/rounding.js';
import { createRuntime } from '../src/server/runtime.js';
import { groupSums, timePage, timeTotals } from '../src/server/modules/reports/time-rollups.store.js';
import {
  groupSumsFromEntries,
  jobsWithClients,
  timeOffPeople,
  timeOffSums,
  timePageFromEntries,
  timeTotalsFromEntries,
  type GroupKey,
  type GroupSums,
  type TimeFilter,
} from '../src/server/modules/reports/time-report.store.js';
import { seedBenchCompany, startServer, stop, taskRow } from './lib.js';
import {
  bulkLoad,
  CLIENTS,
  dateOf,
  entriesPerDay,
  JOBS,
  PEOPLE,
  TASKS,
  type LoadTimes,
} from './reports-load.js';

const TEN_MILLION = process.argv.includes('--10m');
const ENTRIES = Number(process.env.BENCH_ENTRIES ?? (TEN_MILLION ? 10_000_000 : 1_000_000));
const PER_DAY = entriesPerDay(ENTRIES);
const RUNS = Number(process.env.BENCH_RUNS ?? 15);
const EXPORT_ROWS = Number(process.env.BENCH_EXPORT_ROWS ?? 1_000_000);
const LIMIT = 500;
const pgUrl = process.env.BENCH_DATABASE_URL;
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'pc-bench-rep-'));
const secret = randomBytes(32).toString('hex');
const schema = `bench_${randomBytes(4).toString('hex')}`;
const sqliteFile = path.join(dataDir, 'punchclock.sqlite');
const withParam = (url: string, param: string) => `${url}${url.includes('?') ? '&' : '?'}${param}`;
// Every connection of this run is named after its schema, so a Ctrl-C can end them before the drop.
const pgBenchUrl = pgUrl ? withParam(pgUrl, `application_name=${schema}`) : undefined;
const databaseUrl = pgBenchUrl ? withParam(pgBenchUrl, `options=-c%20search_path%3D${schema}`) : undefined;
const storeName = pgUrl ? 'PostgreSQL' : 'SQLite';
const fmt = (n: number) => n.toLocaleString('en');

interface Seeded {
  companyId: string;
  token: string;
  userIds: string[];
  clientIds: string[];
  jobIds: string[];
  taskIds: string[];
}

function openStore(): Store {
  return pgBenchUrl
    ? openPostgres({ connectionString: pgBenchUrl, schema })
    : openSqlite({ filename: sqliteFile });
}

async function adminQuery(text: string, values: unknown[] = []): Promise<void> {
  const c = new pg.Client({ connectionString: pgUrl });
  await c.connect();
  try {
    await c.query(text, values);
  } finally {
    await c.end();
  }
}

/** The company, its 1,000 people (through the service) and its clients, jobs and tasks (straight in). */
async function seed(): Promise<Seeded> {
  if (pgUrl) await adminQuery(`create schema ${schema}`);
  const config = loadConfig({
    PUNCHCLOCK_DATA_DIR: dataDir,
    PUNCHCLOCK_SECRET_KEY: secret,
    ...(databaseUrl ? { DATABASE_URL: databaseUrl } : {}),
  });
  const store = openStore();
  try {
    const runtime = await createRuntime(config, { store });
    const deps = runtime.deps;
    const { company, users } = await seedBenchCompany(deps, PEOPLE);
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
        taskIds.map((id, i) => taskRow(company.CompanyID, id, `Task ${String(i).padStart(2, '0')}`, now)),
      )
      .execute();
    await runtime.close();
    return {
      companyId: company.CompanyID,
      token: company.Token,
      userIds: [company.UserID, ...users.map((u) => u.id)],
      clientIds,
      jobIds,
      taskIds,
    };
  } finally {
    await store.close();
  }
}

// ——— timing ———

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const p90 = (xs: number[]) =>
  [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(xs.length * 0.9))]!;

/** `warmups` untimed calls, then up to RUNS timed ones (at least 3; no new one after 20 s). */
async function timeIt(fn: () => Promise<unknown>, warmups = 2): Promise<number[]> {
  for (let i = 0; i < warmups; i++) await fn();
  const out: number[] = [];
  const deadline = Date.now() + 20_000;
  for (let i = 0; i < RUNS && (i < 3 || Date.now() < deadline); i++) {
    const t0 = process.hrtime.bigint();
    await fn();
    out.push(Number(process.hrtime.bigint() - t0) / 1e6);
  }
  return out;
}

/** The report store functions: rollup-aware (what the endpoints call) or entry-scanning. */
interface Fns {
  totals: typeof timeTotals;
  page: typeof timePage;
  groups: typeof groupSums;
}
const FLOOR: Fns = { totals: timeTotals, page: timePage, groups: groupSums };
const SCAN: Fns = { totals: timeTotalsFromEntries, page: timePageFromEntries, groups: groupSumsFromEntries };

interface Case {
  name: string;
  url: string;
  /** The endpoint's queries through `fns`; returns the figures, which must not depend on `fns`. */
  run: (fns: Fns, db: Db) => Promise<unknown>;
}

const byKeys = (gs: GroupSums[]) =>
  gs
    .filter((g) => g.count !== 0)
    .map((g) => JSON.stringify(g))
    .sort();

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
  try {
    const t0 = Date.now();
    const res = await fetch(url, { headers: { authorization: `Token ${token}` } });
    let bytes = 0;
    let lines = 0;
    for await (const chunk of res.body as unknown as AsyncIterable<Uint8Array>) {
      bytes += chunk.length;
      if (url.includes('.csv')) for (const b of chunk) if (b === 10) lines++;
    }
    return {
      status: res.status,
      seconds: (Date.now() - t0) / 1000,
      bytes,
      lines,
      peakRss: Math.max(peak, status(pid, 'VmRSS')),
    };
  } finally {
    clearInterval(sampler);
  }
}

function casesOf(s: Seeded, count: (f: TimeFilter) => Promise<number>) {
  const c = s.companyId;
  const month = { fromDate: dateOf(300), toDate: dateOf(330) };
  const quarter = { fromDate: dateOf(400), toDate: dateOf(490) };
  const user = s.userIds[17]!;
  const job = s.jobIds[42]!;
  const client = s.clientIds[3]!;
  const timeReport =
    (f: TimeFilter, offset = 0, r?: Rounding) =>
    async (fns: Fns, db: Db) => {
      const totals = await fns.totals(db, c, f, r);
      const rows = offset < totals.count ? await fns.page(db, c, f, r, { limit: LIMIT, offset }) : [];
      return { totals, rows };
    };
  const summary = (f: TimeFilter, keys: GroupKey[]) => async (fns: Fns, db: Db) =>
    byKeys(await fns.groups(db, c, f, keys, undefined));
  const jobs = (f: TimeFilter) => async (fns: Fns, db: Db) => {
    await jobsWithClients(db, c, {});
    return byKeys(await fns.groups(db, c, f, ['job'], undefined));
  };
  // As the service does: the people with time are the groups, plus those with time off only.
  const payroll = (fromDate: string, toDate: string) => async (fns: Fns, db: Db) => {
    const groups = await fns.groups(db, c, { fromDate, toDate }, ['user'], undefined);
    const people = [
      ...new Set([
        ...groups.map((g) => g.keys.user!),
        ...(await timeOffPeople(db, c, fromDate, toDate, undefined)),
      ]),
    ];
    await timeOffSums(db, c, fromDate, toDate, people);
    return { people: people.length, worked: byKeys(groups) };
  };
  const lastPage = (n: number) => Math.max(0, Math.floor((n - 1) / LIMIT) * LIMIT);
  return async (): Promise<Case[]> => {
    const monthLast = lastPage(await count(month));
    const allLast = lastPage(ENTRIES);
    const up: Rounding = { direction: 'Up', increment: 2500, scope: 'Entry' };
    return [
      {
        name: `/Reports/Time?limit=500 (all ${fmt(ENTRIES)} entries counted and totalled)`,
        url: '/Reports/Time?limit=500',
        run: timeReport({}),
      },
      {
        name: `/Reports/Time, last page (offset ${fmt(allLast)})`,
        url: `/Reports/Time?limit=500&offset=${allLast}`,
        run: timeReport({}, allLast),
      },
      {
        name: '/Reports/Time?IsBillable=true',
        url: '/Reports/Time?IsBillable=true&limit=500',
        run: timeReport({ isBillable: [true] }),
      },
      {
        name: '/Reports/Time?ClientID=… (one client of 20)',
        url: `/Reports/Time?ClientID=${client}&limit=500`,
        run: timeReport({ clientIds: [client] }),
      },
      {
        name: '/Reports/Time one month, first page',
        url: `/Reports/Time?StartDate=${month.fromDate}&EndDate=${month.toDate}&limit=500`,
        run: timeReport(month),
      },
      {
        name: `/Reports/Time one month, last page (offset ${fmt(monthLast)})`,
        url: `/Reports/Time?StartDate=${month.fromDate}&EndDate=${month.toDate}&limit=500&offset=${monthLast}`,
        run: timeReport(month, monthLast),
      },
      {
        name: '/Reports/Time?UserID=… (one person, every date)',
        url: `/Reports/Time?UserID=${user}&limit=500`,
        run: timeReport({ userIds: [user] }),
      },
      {
        name: '/Reports/Time?JobID=…&Rounding=Up (one job)',
        url: `/Reports/Time?JobID=${job}&limit=500&Rounding=Up`,
        run: timeReport({ jobIds: [job] }, 0, up),
      },
      {
        name: '/Reports/TimeSummary?GroupBy=Month&JobID=… (one job)',
        url: `/Reports/TimeSummary?GroupBy=Month&JobID=${job}`,
        run: summary({ jobIds: [job] }, ['month']),
      },
      {
        name: '/Reports/TimeSummary?GroupBy=Date&JobID=… (one job, Q1 2024)',
        url: `/Reports/TimeSummary?GroupBy=Date&JobID=${job}&StartDate=2024-01-01&EndDate=2024-03-31`,
        run: summary({ jobIds: [job], fromDate: '2024-01-01', toDate: '2024-03-31' }, ['date']),
      },
      {
        name: '/Reports/TimeSummary?GroupBy=Job&UserID=… (one person)',
        url: `/Reports/TimeSummary?GroupBy=Job&UserID=${user}`,
        run: summary({ userIds: [user] }, ['job']),
      },
      {
        name: '/Reports/TimeSummary?GroupBy=Task and User&JobID=… (one job, a quarter)',
        url: `/Reports/TimeSummary?GroupBy=Task%20and%20User&JobID=${job}&StartDate=${quarter.fromDate}&EndDate=${quarter.toDate}`,
        run: summary({ jobIds: [job], ...quarter }, ['task', 'user']),
      },
      {
        name: '/Reports/TimeSummary?GroupBy=User&JobID=(10 jobs)&a month',
        url: `/Reports/TimeSummary?GroupBy=User&JobID=${s.jobIds.slice(0, 10).join(',')}&StartDate=${month.fromDate}&EndDate=${month.toDate}`,
        run: summary({ jobIds: s.jobIds.slice(0, 10), ...month }, ['user']),
      },
      {
        name: '/Reports/TimeSummary/Jobs (every job, every entry)',
        url: '/Reports/TimeSummary/Jobs',
        run: jobs({}),
      },
      {
        name: '/Reports/TimeSummary/Jobs 2024-01-15…2024-04-14 (not month-aligned)',
        url: '/Reports/TimeSummary/Jobs?StartDate=2024-01-15&EndDate=2024-04-14',
        run: jobs({ fromDate: '2024-01-15', toDate: '2024-04-14' }),
      },
      {
        name: '/Reports/TimeSummary/Payroll March 2024',
        url: '/Reports/TimeSummary/Payroll?StartDate=2024-03-01&EndDate=2024-03-31',
        run: payroll('2024-03-01', '2024-03-31'),
      },
      {
        name: '/Reports/TimeSummary/Payroll 2024-03-01…15 (half a month)',
        url: '/Reports/TimeSummary/Payroll?StartDate=2024-03-01&EndDate=2024-03-15',
        run: payroll('2024-03-01', '2024-03-15'),
      },
    ];
  };
}

const alive = (p: ChildProcess) => p.exitCode === null && p.signalCode === null;

let server: ChildProcess | undefined;
let store: Store | undefined;
let cleaning: Promise<void> | undefined;

/** Closes what is open, drops the PostgreSQL schema and removes the temp directory. Idempotent. */
function cleanup(): Promise<void> {
  cleaning ??= (async () => {
    await store?.close().catch(() => undefined);
    if (server && alive(server)) await stop(server);
    if (pgUrl) {
      await adminQuery(
        'select pg_terminate_backend(pid) from pg_stat_activity where application_name = $1 and pid <> pg_backend_pid()',
        [schema],
      );
      await adminQuery(`drop schema if exists ${schema} cascade`);
    }
    fs.rmSync(dataDir, { recursive: true, force: true });
  })();
  return cleaning;
}

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    console.error(`\n${signal}: cleaning up`);
    void cleanup().finally(() => process.exit(130));
  });
}

async function main() {
  const lines: string[] = [];
  let mismatches = 0;
  try {
    let t0 = Date.now();
    const s = await seed();
    console.log(`seeded ${PEOPLE} people, ${JOBS} jobs in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
    t0 = Date.now();
    const times: LoadTimes = await bulkLoad(
      pgUrl ? { kind: 'postgres', url: pgUrl, schema } : { kind: 'sqlite', file: sqliteFile },
      s,
      ENTRIES,
    );
    const loaded =
      `${storeName}: ${fmt(ENTRIES)} entries (${fmt(PER_DAY)} a day) inserted in ${times.insert.toFixed(1)} s, ` +
      `${times.deferred.length} indexes and keys re-created in ${times.indexes.toFixed(1)} s, ` +
      `rollups rebuilt in ${times.rebuild.toFixed(1)} s, ${pgUrl ? 'VACUUM ANALYZE' : 'ANALYZE'} ${times.analyze.toFixed(1)} s` +
      (times.check === undefined ? '' : `, rollups checked in ${times.check.toFixed(1)} s`) +
      ` (${((Date.now() - t0) / 1000).toFixed(1)} s in all)`;
    console.log(loaded);
    lines.push(loaded, '');

    const env: Record<string, string> = { PUNCHCLOCK_DATA_DIR: dataDir, PUNCHCLOCK_SECRET_KEY: secret };
    if (databaseUrl) env.DATABASE_URL = databaseUrl;
    const port = 18095;
    server = await startServer(env, port);
    const st = openStore();
    store = st;
    const base = `http://127.0.0.1:${port}/v2`;
    const headers = { authorization: `Token ${s.token}` };
    const cases = await casesOf(s, async (f) => (await timeTotals(st.db, s.companyId, f, undefined)).count)();

    lines.push(
      `| ${storeName}, ${fmt(ENTRIES)} entries | endpoint p50 ms | p90 ms | floor p50 ms | ratio | scan p50 ms |`,
      '| --- | ---: | ---: | ---: | ---: | ---: |',
    );
    for (const k of cases) {
      const probe = await fetch(`${base}${k.url}`, { headers });
      const body = (await probe.json()) as { page?: { count: number } };
      if (probe.status !== 200) throw new Error(`${k.url}: ${probe.status} ${JSON.stringify(body)}`);
      const same = JSON.stringify(await k.run(FLOOR, st.db)) === JSON.stringify(await k.run(SCAN, st.db));
      if (!same) mismatches++;
      const http = await timeIt(async () => {
        const r = await fetch(`${base}${k.url}`, { headers });
        await r.arrayBuffer();
      });
      const floor = await timeIt(() => k.run(FLOOR, st.db));
      const scan = await timeIt(() => k.run(SCAN, st.db), 1);
      const line =
        `| ${k.name}${same ? '' : ' **MISMATCH: floor ≠ scan**'} | ${median(http).toFixed(1)} | ${p90(http).toFixed(1)} ` +
        `| ${median(floor).toFixed(1)} | ${(median(http) / median(floor)).toFixed(2)} | ${median(scan).toFixed(1)} |`;
      console.log(line, `(page.count ${body.page?.count ?? '-'})`);
      lines.push(line);
    }

    if (!process.env.BENCH_SKIP_EXPORT) {
      const pid = server.pid!;
      const before = status(pid, 'VmRSS');
      // Above EXPORT_ROWS, the first whole days holding EXPORT_ROWS entries.
      const days = ENTRIES > EXPORT_ROWS ? Math.ceil(EXPORT_ROWS / PER_DAY) : 0;
      const range = days ? `?StartDate=${dateOf(0)}&EndDate=${dateOf(days - 1)}` : '';
      const rows = days ? days * PER_DAY : ENTRIES;
      const what = days ? `${fmt(rows)} rows (${days} days of ${fmt(ENTRIES)})` : `${fmt(rows)} rows (all)`;
      lines.push('');
      for (const format of ['csv', 'xlsx']) {
        const r = await exportRun(`${base}/Reports/Time.${format}${range}`, s.token, pid);
        const line =
          `export /Reports/Time.${format}, ${what}: ${r.seconds.toFixed(1)} s, ${(r.bytes / 1e6).toFixed(0)} MB` +
          `${format === 'csv' ? `, ${fmt(r.lines - 1)} rows` : ''}, status ${r.status}, ` +
          `server RSS ${before.toFixed(0)} MB before, peak ${r.peakRss.toFixed(0)} MB`;
        console.log(line);
        lines.push(line);
      }
    }
  } finally {
    await cleanup();
  }
  console.log(`\n${lines.join('\n')}`);
  if (mismatches) {
    console.error(`\n${mismatches} case(s) where the rollup-aware store functions disagree with the entries`);
    process.exitCode = 1;
  }
}

await main();
