/**
 * Test databases: SQLite in memory, and PostgreSQL with a fresh schema per store (DESIGN: Tests).
 * PostgreSQL is required in CI; elsewhere its suites are skipped, loudly, when no server answers.
 */
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { openPostgres, openSqlite, type Store } from '../../src/server/db/connect.js';

export type DialectName = 'sqlite' | 'postgres';

export const PG_URL = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

let pgAvailable: boolean | undefined;

export async function postgresAvailable(): Promise<boolean> {
  if (pgAvailable !== undefined) return pgAvailable;
  const client = new pg.Client({ connectionString: PG_URL, connectionTimeoutMillis: 2000 });
  try {
    await client.connect();
    await client.query('select 1');
    pgAvailable = true;
  } catch (error) {
    if (process.env.CI)
      throw new Error(`PostgreSQL is required in CI but ${PG_URL} did not answer: ${String(error)}`);
    console.warn(`\n*** PostgreSQL at ${PG_URL} is not reachable: its test suites are SKIPPED ***\n`);
    pgAvailable = false;
  } finally {
    await client.end().catch(() => undefined);
  }
  return pgAvailable;
}

/** The dialects to run a suite against: both, or SQLite alone when PostgreSQL is down outside CI. */
export async function testDialects(): Promise<DialectName[]> {
  return (await postgresAvailable()) ? ['sqlite', 'postgres'] : ['sqlite'];
}

export interface TestStore {
  store: Store;
  drop: () => Promise<void>;
}

export async function openTestStore(dialect: DialectName): Promise<TestStore> {
  if (dialect === 'sqlite') {
    const store = openSqlite({ filename: ':memory:' });
    return { store, drop: () => store.close() };
  }
  const schema = `t_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: PG_URL });
  await admin.connect();
  await admin.query(`create schema ${schema}`);
  await admin.end();
  const store = openPostgres({ connectionString: PG_URL, schema, max: 4 });
  return {
    store,
    drop: async () => {
      await store.close();
      const c = new pg.Client({ connectionString: PG_URL });
      await c.connect();
      await c.query(`drop schema if exists ${schema} cascade`);
      await c.end();
    },
  };
}
