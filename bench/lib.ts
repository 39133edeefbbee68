/**
 * Shared benchmark plumbing: start the real server as a child process, start the ceiling, run autocannon.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import autocannon from 'autocannon';
import type { Deps } from '../src/server/deps.js';
import type { Actor } from '../src/server/lib/permissions.js';
import { createCompanyWithAdmin } from '../src/server/modules/onboarding/onboarding.service.js';
import { createPeople } from '../src/server/modules/users/index.js';

export interface Figures {
  name: string;
  requestsPerSecond: number;
  latencyP50: number;
  latencyP99: number;
  errors: number;
  non2xx: number;
}

export async function waitFor(url: string, ms = 20_000): Promise<void> {
  const start = Date.now();
  while (Date.now() - start < ms) {
    if (
      await fetch(url).then(
        (r) => r.ok,
        () => false,
      )
    )
      return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`${url} did not come up`);
}

export async function startServer(env: Record<string, string>, port: number): Promise<ChildProcess> {
  const child = spawn('node', [path.resolve('bin/punchclock.mjs'), 'serve'], {
    env: { ...process.env, ...env, PORT: String(port), LOG_LEVEL: 'warn', PUNCHCLOCK_RATE_LIMIT: '0' },
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  await waitFor(`http://127.0.0.1:${port}/healthz`);
  return child;
}

export async function startCeiling(body: Buffer, port: number): Promise<ChildProcess> {
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'pc-ceiling-')), 'body.json');
  fs.writeFileSync(file, body);
  const child = spawn('node', [path.resolve('bench/ceiling.mjs'), String(port), file], { stdio: 'inherit' });
  await waitFor(`http://127.0.0.1:${port}/`);
  return child;
}

export async function stop(child: ChildProcess): Promise<void> {
  const exited = new Promise((r) => child.once('exit', r));
  child.kill('SIGTERM');
  await exited;
}

export async function load(
  name: string,
  url: string,
  headers: Record<string, string>,
  options: { duration?: number; connections?: number; method?: string; body?: string } = {},
): Promise<Figures> {
  const result = await autocannon({
    url,
    headers,
    method: (options.method ?? 'GET') as 'GET',
    ...(options.body ? { body: options.body } : {}),
    connections: options.connections ?? 10,
    duration: options.duration ?? Number(process.env.BENCH_SECONDS ?? 10),
  });
  return {
    name,
    requestsPerSecond: Math.round(result.requests.average),
    latencyP50: result.latency.p50,
    latencyP99: result.latency.p99,
    errors: result.errors,
    non2xx: result.non2xx,
  };
}

export function table(rows: Figures[]): string {
  const lines = [
    '| run | req/s | p50 ms | p99 ms | errors | non-2xx |',
    '| --- | ---: | ---: | ---: | ---: | ---: |',
  ];
  for (const r of rows) {
    lines.push(
      `| ${r.name} | ${r.requestsPerSecond} | ${r.latencyP50} | ${r.latencyP99} | ${r.errors} | ${r.non2xx} |`,
    );
  }
  return lines.join('\n');
}

/** The company every benchmark measures: an Admin plus `people - 1` more people ("Person 0000" …). */
export async function seedBenchCompany(deps: Deps, people: number) {
  const company = await createCompanyWithAdmin(deps, {
    companyName: 'Bench',
    adminEmail: 'bench@bench.test',
    adminPassword: 'bench password',
  });
  const actor: Actor = {
    companyId: company.CompanyID,
    userId: company.UserID,
    securityLevel: 'ADMIN',
    permissions: new Map(),
    permissionDivisionIds: [],
  };
  const { users } = await createPeople(
    deps,
    actor,
    'root',
    Array.from({ length: people - 1 }, (_, i) => ({
      Name: `Person ${String(i).padStart(4, '0')}`,
      Email: `p${i}@bench.test`,
    })),
    { batch: true, baseUrl: 'http://bench' },
  );
  return { company, actor, users };
}

/** The columns a benchmark fills when it bulk-loads time_entries, in one order for every loader. */
export const TIME_ENTRY_COLUMNS = [
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

/** A plain active, billable task row for direct inserts (benchmarks measure reports, not master data). */
export function taskRow(companyId: string, id: string, name: string, now: string) {
  return {
    company_id: companyId,
    id,
    name,
    task_code: '',
    is_active: 1 as const,
    list_display_text: name,
    notes: '',
    accounting_package_id: '',
    is_billable: 1 as const,
    billing_rate: null,
    use_company_billing_rate: 1 as const,
    custom_fields: '{}',
    created_at: now,
    updated_at: now,
  };
}
