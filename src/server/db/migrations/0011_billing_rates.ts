import { sql, type Kysely } from 'kysely';
import type { DialectHelpers } from '../dialect.js';

/**
 * Per-pair billing rates (API.md §4.14; docs/adr/0010-billing-rate-matrices.md): one row per pair of a
 * matrix — person × job, person × client, task × job, task × person — holding the rate × 10^4 that the
 * secondary's SecondaryBillingRateMode CUSTOM applies. No foreign keys: the two IDs name different
 * tables by kind; a row whose entity is gone is never read (lists are a join over existing entities).
 */
export function billingRates(d: DialectHelpers) {
  return {
    async up(db: Kysely<unknown>): Promise<void> {
      await db.schema
        .createTable('billing_rates')
        .addColumn('company_id', 'text', (c) => c.notNull().references('companies.id'))
        .addColumn('kind', 'text', (c) =>
          c.notNull().check(sql`kind in ('TASK_JOB', 'TASK_USER', 'USER_CLIENT', 'USER_JOB')`),
        )
        .addColumn('first_id', 'text', (c) => c.notNull())
        .addColumn('second_id', 'text', (c) => c.notNull())
        .addColumn('billing_rate', d.bigintType, (c) => c.notNull().check(sql`billing_rate >= 0`))
        .addColumn('updated_at', d.instantType, (c) => c.notNull())
        .addPrimaryKeyConstraint('billing_rates_pk', ['company_id', 'kind', 'first_id', 'second_id'])
        .execute();
      // Per-entity lists look pairs up by their second ID too.
      await db.schema
        .createIndex('billing_rates_by_second')
        .on('billing_rates')
        .columns(['company_id', 'kind', 'second_id'])
        .execute();
    },
  };
}
