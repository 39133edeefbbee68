/**
 * Issue: foundation benchmark. Token-authenticated GET /v2/Me and GET /v2/Users?limit=100 on a company of
 * 1,000 people, each beside a bare node:http server returning the same bytes from memory (the ceiling).
 *
 *   node --import tsx bench/foundation.ts            # SQLite (a fresh file)
 *   BENCH_DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres node --import tsx bench/foundation.ts
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { loadConfig } from '../src/server/config.js';
import { openPostgres, openSqlite } from '../src/server/db/connect.js';
import { createRuntime } from '../src/server/runtime.js';
import { load, seedBenchCompany, startCeiling, startServer, stop, table, type Figures } from './lib.js';

const PEOPLE = 1000;
const pgUrl = process.env.BENCH_DATABASE_URL;
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'pc-bench-'));
const secret = randomBytes(32).toString('hex');
const schema = `bench_${randomBytes(4).toString('hex')}`;

async function seed(): Promise<string> {
  let databaseUrl: string | undefined;
  if (pgUrl) {
    const c = new pg.Client({ connectionString: pgUrl });
    await c.connect();
    await c.query(`create schema ${schema}`);
    await c.end();
    databaseUrl = `${pgUrl}${pgUrl.includes('?') ? '&' : '?'}options=-c%20search_path%3D${schema}`;
  }
  const config = loadConfig({
    PUNCHCLOCK_DATA_DIR: dataDir,
    PUNCHCLOCK_SECRET_KEY: secret,
    ...(databaseUrl ? { DATABASE_URL: databaseUrl } : {}),
  });
  const store = pgUrl
    ? openPostgres({ connectionString: pgUrl, schema })
    : openSqlite({ filename: path.join(dataDir, 'punchclock.sqlite') });
  const runtime = await createRuntime(config, { store });
  const { company } = await seedBenchCompany(runtime.deps, PEOPLE);
  await runtime.close();
  await store.close();
  return company.Token;
}

async function main() {
  const token = await seed();
  const env: Record<string, string> = { PUNCHCLOCK_DATA_DIR: dataDir, PUNCHCLOCK_SECRET_KEY: secret };
  if (pgUrl)
    env.DATABASE_URL = `${pgUrl}${pgUrl.includes('?') ? '&' : '?'}options=-c%20search_path%3D${schema}`;
  const port = 18080;
  const server = await startServer(env, port);
  const headers = { authorization: `Token ${token}` };
  const rows: Figures[] = [];
  try {
    for (const [name, urlPath] of [
      ['GET /v2/Me', '/v2/Me'],
      ['GET /v2/Users?limit=100', '/v2/Users?limit=100'],
    ] as const) {
      const url = `http://127.0.0.1:${port}${urlPath}`;
      const bytes = Buffer.from(await (await fetch(url, { headers })).arrayBuffer());
      const app = await load(`${name} (${pgUrl ? 'PostgreSQL' : 'SQLite'})`, url, headers);
      const ceiling = await startCeiling(bytes, 18081);
      const bare = await load(
        `${name} ceiling (node:http, same ${bytes.length} bytes)`,
        'http://127.0.0.1:18081/',
        headers,
      );
      await stop(ceiling);
      rows.push(app, bare);
      console.log(
        `${name}: ${app.requestsPerSecond} req/s vs ceiling ${bare.requestsPerSecond} req/s = ${((100 * app.requestsPerSecond) / bare.requestsPerSecond).toFixed(1)}%`,
      );
    }
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
