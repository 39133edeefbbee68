/**
 * Opens the store: the embedded SQLite file by default, PostgreSQL when a postgres:// URL is given.
 */
import fs from 'node:fs';
import path from 'node:path';
import SQLite from 'better-sqlite3';
import pg from 'pg';
import { CompiledQuery, Kysely, PostgresDialect, SqliteDialect, type DatabaseConnection } from 'kysely';
import type { Database } from './schema.js';
import { dialectHelpers, type DialectHelpers } from './dialect.js';

export type Db = Kysely<Database>;

export interface Store {
  readonly db: Db;
  readonly dialect: DialectHelpers;
  /** PostgreSQL only: the connection settings, for LISTEN/NOTIFY clients. */
  readonly pgConfig?: pg.ClientConfig;
  /** SQLite only: PRAGMA data_version, which moves when another process commits to the file. */
  readonly dataVersion?: () => number;
  close(): Promise<void>;
}

// int8 (COUNT, SUM, bigint columns) as JS numbers: every value we store stays far below 2^53.
pg.types.setTypeParser(20, (v) => Number(v));
// numeric (SUM of bigint) as numbers for the same reason.
pg.types.setTypeParser(1700, (v) => Number(v));
// timestamptz as ISO-8601 UTC strings, the same shape SQLite gives back.
pg.types.setTypeParser(1184, (v) => new Date(v).toISOString());

/**
 * Kysely prepares every query afresh; better-sqlite3 statements are reusable, and preparing was the
 * largest single cost of a cached-token request. Keep the most recent statements by their SQL text.
 */
function withStatementCache(database: SQLite.Database, size = 500) {
  const statements = new Map<string, SQLite.Statement>();
  return {
    close: () => database.close(),
    prepare(sqlText: string) {
      let statement = statements.get(sqlText);
      if (statement) {
        // Refresh its place so the cache evicts the least recently used.
        statements.delete(sqlText);
      } else {
        statement = database.prepare(sqlText);
        if (statements.size >= size) statements.delete(statements.keys().next().value!);
      }
      statements.set(sqlText, statement);
      return statement;
    },
  };
}

export interface SqliteOptions {
  /** A file path, or ':memory:' for tests. */
  filename: string;
}

export function openSqlite({ filename }: SqliteOptions): Store {
  if (filename !== ':memory:') fs.mkdirSync(path.dirname(filename), { recursive: true });
  const database = new SQLite(filename);
  database.pragma('journal_mode = WAL');
  database.pragma('foreign_keys = ON');
  database.pragma('busy_timeout = 5000');
  database.pragma('synchronous = NORMAL');
  const dataVersion = database.prepare('pragma data_version').pluck();
  const dialect = new SqliteDialect({ database: withStatementCache(database) });
  // Writes take the lock when the transaction begins (BEGIN IMMEDIATE), so two processes sharing the
  // file never deadlock upgrading a read lock, and a workflow change reads what it then writes.
  const createDriver = dialect.createDriver.bind(dialect);
  dialect.createDriver = () => {
    const driver = createDriver();
    driver.beginTransaction = async (connection: DatabaseConnection) => {
      await connection.executeQuery(CompiledQuery.raw('begin immediate'));
    };
    return driver;
  };
  const db = new Kysely<Database>({ dialect });
  return {
    db,
    dialect: dialectHelpers('sqlite'),
    dataVersion: () => dataVersion.get() as number,
    close: () => db.destroy(),
  };
}

export interface PostgresOptions {
  connectionString: string;
  /** Tests use a schema per file; production uses the default search path. */
  schema?: string;
  max?: number;
}

export function openPostgres({ connectionString, schema, max = 10 }: PostgresOptions): Store {
  const pgConfig: pg.ClientConfig = {
    connectionString,
    ...(schema ? { options: `-c search_path=${schema}` } : {}),
  };
  const pool = new pg.Pool({ ...pgConfig, max });
  // An idle client that loses its server must not crash the process; the pool replaces it.
  pool.on('error', () => undefined);
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
  return {
    db,
    dialect: dialectHelpers('postgres'),
    pgConfig,
    close: () => db.destroy(),
  };
}

export function openStore(databaseUrl: string | undefined, dataDir: string): Store {
  return databaseUrl
    ? openPostgres({ connectionString: databaseUrl })
    : openSqlite({ filename: path.join(dataDir, 'punchclock.sqlite') });
}
