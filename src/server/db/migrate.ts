import { Migrator, type Migration, type MigrationProvider } from 'kysely';
import type { Store } from './connect.js';
import type { DialectHelpers } from './dialect.js';
import { foundation } from './migrations/0001_foundation.js';

/** One migration set for both dialects, in order. Names sort lexically. */
function migrations(d: DialectHelpers): Record<string, Migration> {
  return {
    '0001_foundation': foundation(d),
  };
}

export async function migrateToLatest(store: Store): Promise<string[]> {
  const provider: MigrationProvider = { getMigrations: async () => migrations(store.dialect) };
  const migrator = new Migrator({ db: store.db, provider });
  const { error, results } = await migrator.migrateToLatest();
  if (error) throw error instanceof Error ? error : new Error(`migration failed: ${JSON.stringify(error)}`);
  return (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
}
