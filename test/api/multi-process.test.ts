/**
 * Token resets and deactivations reach every server process at once (DECISIONS 14): PostgreSQL
 * LISTEN/NOTIFY between processes sharing a database, and SQLite's data_version between processes
 * sharing a file (the CLI beside a running server).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../src/server/app.js';
import { openPostgres, openSqlite, type Store } from '../../src/server/db/connect.js';
import { createRuntime } from '../../src/server/runtime.js';
import { createCompanyWithAdmin } from '../../src/server/modules/onboarding/onboarding.service.js';
import { testConfig } from '../support/app.js';
import { PG_URL, postgresAvailable } from '../support/db.js';

async function twoProcesses(open: () => Store) {
  const stores = [open(), open()];
  const runtimes: Awaited<ReturnType<typeof createRuntime>>[] = [];
  for (const store of stores) runtimes.push(await createRuntime(testConfig(), { store }));
  const apps = await Promise.all(runtimes.map((r) => buildApp(r.deps, { logger: false })));
  const get = (i: number, token: string) =>
    apps[i]!.inject({ method: 'GET', url: '/v2/Me', headers: { authorization: `Token ${token}` } }).then(
      (r) => r.statusCode,
    );
  return {
    runtimes,
    get,
    async close() {
      for (const app of apps) await app.close();
      for (const r of runtimes) await r.close();
      for (const s of stores) await s.close();
    },
  };
}

/** Polls until the status is reached: NOTIFY is delivered asynchronously, within milliseconds. */
async function eventually(fn: () => Promise<number>, status: number, ms = 2000): Promise<number> {
  const start = Date.now();
  let last = await fn();
  while (last !== status && Date.now() - start < ms) {
    await new Promise((r) => setTimeout(r, 5));
    last = await fn();
  }
  return last;
}

describe.runIf(await postgresAvailable())('two processes on one PostgreSQL database', () => {
  const schema = `t_${randomBytes(6).toString('hex')}`;
  let env: Awaited<ReturnType<typeof twoProcesses>>;

  afterAll(async () => {
    await env?.close();
    const c = new pg.Client({ connectionString: PG_URL });
    await c.connect();
    await c.query(`drop schema if exists ${schema} cascade`);
    await c.end();
  });

  it('refuses a reset token in the other process too', async () => {
    const c = new pg.Client({ connectionString: PG_URL });
    await c.connect();
    await c.query(`create schema ${schema}`);
    await c.end();
    env = await twoProcesses(() => openPostgres({ connectionString: PG_URL, schema, max: 2 }));
    const [a, b] = env.runtimes;
    const company = await createCompanyWithAdmin(a!.deps, {
      companyName: 'Shared',
      adminEmail: `shared-${schema}@example.test`,
      adminPassword: 'a fine password',
    });
    expect(await env.get(0, company.Token)).toBe(200);
    expect(await env.get(1, company.Token)).toBe(200); // both processes have it cached now
    const { resetToken } = await import('../../src/server/modules/users/index.js');
    const fresh = await resetToken(b!.deps, company.CompanyID, company.UserID);
    expect(await env.get(1, company.Token)).toBe(401);
    expect(await eventually(() => env.get(0, company.Token), 401)).toBe(401);
    expect(await env.get(0, fresh.Token)).toBe(200);
  });
});

describe('two processes on one SQLite file', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'punchclock-mp-'));
  let env: Awaited<ReturnType<typeof twoProcesses>>;
  afterAll(async () => {
    await env?.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('refuses a token reset by another process (the CLI) on the very next request', async () => {
    const file = path.join(dir, 'shared.sqlite');
    env = await twoProcesses(() => openSqlite({ filename: file }));
    const [a, b] = env.runtimes;
    const company = await createCompanyWithAdmin(a!.deps, {
      companyName: 'Shared file',
      adminEmail: 'shared-file@example.test',
      adminPassword: 'a fine password',
    });
    expect(await env.get(0, company.Token)).toBe(200);
    const { resetToken } = await import('../../src/server/modules/users/index.js');
    await resetToken(b!.deps, company.CompanyID, company.UserID);
    expect(await env.get(0, company.Token)).toBe(401);
  });
});
