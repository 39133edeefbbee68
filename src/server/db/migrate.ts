import { Migrator, type Migration, type MigrationProvider } from 'kysely';
import type { Store } from './connect.js';
import type { DialectHelpers } from './dialect.js';
import { foundation } from './migrations/0001_foundation.js';
import { webSessions } from './migrations/0005_web_sessions.js';

/** One migration set for both dialects, in order. Names sort lexically. */
function migrations(d: DialectHelpers): Record<string, Migration> {
  return {
    '0001_foundation': foundation(d),
    '0005_web_sessions': webSessions(d),
  };
}

export async function migrateToLatest(store: Store): Promise<string[]> {
  const provider: MigrationProvider = { getMigrations: async () => migrations(store.dialect) };
  // Modules are built in parallel, so a database may have met 0004 before 0003 existed.
  const migrator = new Migrator({ db: store.db, provider, allowUnorderedMigrations: true });
  const { error, results } = await migrator.migrateToLatest();
  if (error) throw error instanceof Error ? error : new Error(`migration failed: ${JSON.stringify(error)}`);
  return (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
}
