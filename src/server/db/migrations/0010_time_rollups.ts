import type { Kysely } from 'kysely';
import type { DialectHelpers } from '../dialect.js';
import { createTimeRollupTables, createTimeRollupTriggers, rebuildTimeRollups } from '../rollups.js';

/**
 * Time rollups (issue 6; docs/adr/0009-time-rollups.md; src/server/db/rollups.ts): per-day, per-job and
 * per-person running sums of time_entries kept by triggers, so reports over millions of entries read
 * thousands of rollup rows. Filled here from the entries already stored.
 */
export function timeRollups(d: DialectHelpers) {
  return {
    async up(db: Kysely<unknown>): Promise<void> {
      await createTimeRollupTables(db, d);
      await rebuildTimeRollups(db);
      await createTimeRollupTriggers(db, d);
    },
  };
}
