import { Migrator, sql, type Migration, type MigrationProvider } from 'kysely';
import type { Store } from './connect.js';
import type { DialectHelpers } from './dialect.js';
import { foundation } from './migrations/0001_foundation.js';
import { masterData } from './migrations/0002_master_data.js';
import { timeEntries } from './migrations/0003_time_entries.js';
import { expenses } from './migrations/0004_expenses.js';
import { webSessions } from './migrations/0005_web_sessions.js';
import { timesheets } from './migrations/0006_timesheets.js';
import { timeOff } from './migrations/0007_time_off.js';
import { reports } from './migrations/0008_reports.js';
import { jobApprovals } from './migrations/0009_job_approvals.js';
import { timeRollups } from './migrations/0010_time_rollups.js';
import { billingRates } from './migrations/0011_billing_rates.js';
import { labels } from './migrations/0012_labels.js';

/** One migration set for both dialects, in order. Names sort lexically. */
function migrations(d: DialectHelpers): Record<string, Migration> {
  return {
    '0001_foundation': foundation(d),
    '0002_master_data': masterData(d),
    '0003_time_entries': timeEntries(d),
    '0004_expenses': expenses(d),
    '0005_web_sessions': webSessions(d),
    '0006_timesheets': timesheets(d),
    '0007_time_off': timeOff(d),
    '0008_reports': reports(d),
    '0009_job_approvals': jobApprovals(d),
    '0010_time_rollups': timeRollups(d),
    '0011_billing_rates': billingRates(d),
    '0012_labels': labels(d),
  };
}

export async function migrateToLatest(store: Store): Promise<string[]> {
  const provider: MigrationProvider = { getMigrations: async () => migrations(store.dialect) };
  // Modules are built in parallel, so a database may have met 0004 before 0003 existed.
  // Kysely looks for its kysely_migration tables in every schema it can see; pin them to the schema in
  // use, or another schema's tables (another app, a parallel test run) would be taken for ours.
  const schema =
    store.dialect.name === 'postgres'
      ? (await sql<{ s: string }>`select current_schema() as s`.execute(store.db)).rows[0]?.s
      : undefined;
  const migrator = new Migrator({
    db: store.db,
    provider,
    allowUnorderedMigrations: true,
    ...(schema ? { migrationTableSchema: schema } : {}),
  });
  const { error, results } = await migrator.migrateToLatest();
  if (error) throw error instanceof Error ? error : new Error(`migration failed: ${JSON.stringify(error)}`);
  return (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
}
