import { sql, type Kysely, type SqlBool } from 'kysely';
import type { DialectHelpers } from '../dialect.js';

/**
 * Time entries, stopwatch timers and their intervals (API.md §4.9, §6.1; docs/adr/0006-hours.md).
 *
 * Conventions as in 0001: company_id leads every key; references are composite (company_id, x_id) and
 * have no ON DELETE CASCADE towards master data, so a person, job or task with time cannot be deleted
 * (DECISIONS 19); hours are integers × 10^4 (lib/decimal.ts HOURS_SCALE), rates integers × 10^4; booleans
 * 0/1 with a CHECK; dates YYYY-MM-DD text; times of day HH:MM text; instants via d.instantType.
 */
export function timeEntries(d: DialectHelpers) {
  const bool = (name: string) => sql`${sql.ref(name)} in (0, 1)`;

  return {
    async up(db: Kysely<unknown>): Promise<void> {
      await db.schema
        .createTable('time_entries')
        .addColumn('company_id', 'text', (c) => c.notNull().references('companies.id'))
        .addColumn('id', 'text', (c) => c.notNull())
        .addColumn('user_id', 'text', (c) => c.notNull())
        .addColumn('date', 'text', (c) => c.notNull())
        .addColumn('job_id', 'text', (c) => c.notNull())
        .addColumn('task_id', 'text', (c) => c.notNull())
        // Worked hours × 10^4: 0 … 24 h.
        .addColumn('hours', 'integer', (c) => c.notNull().check(sql`hours >= 0 and hours <= 240000`))
        .addColumn('break_time', 'integer', (c) =>
          c
            .notNull()
            .defaultTo(0)
            .check(sql`break_time >= 0 and break_time <= 240000`),
        )
        .addColumn('start_time', 'text')
        .addColumn('end_time', 'text')
        .addColumn('comment', 'text', (c) => c.notNull().defaultTo(''))
        // Resolved when the entry is made (Company.BillingRateModel) and kept: rates × 10^4.
        .addColumn('billing_rate', d.bigintType, (c) => c.notNull().defaultTo(0))
        .addColumn('cost_rate', d.bigintType, (c) => c.notNull().defaultTo(0))
        // From the job or the task (Company.BillableSetting), for reports.
        .addColumn('is_billable', 'integer', (c) => c.notNull().defaultTo(1).check(bool('is_billable')))
        .addColumn('custom_fields', 'text', (c) => c.notNull().defaultTo('{}'))
        .addColumn('created_at', d.instantType, (c) => c.notNull())
        .addColumn('updated_at', d.instantType, (c) => c.notNull())
        .addPrimaryKeyConstraint('time_entries_pk', ['company_id', 'id'])
        .addForeignKeyConstraint('time_entries_user_fk', ['company_id', 'user_id'], 'users', [
          'company_id',
          'id',
        ])
        .addForeignKeyConstraint('time_entries_job_fk', ['company_id', 'job_id'], 'jobs', [
          'company_id',
          'id',
        ])
        .addForeignKeyConstraint('time_entries_task_fk', ['company_id', 'task_id'], 'tasks', [
          'company_id',
          'id',
        ])
        .addCheckConstraint(
          'time_entries_times_ck',
          sql`(start_time is null and end_time is null) or (start_time is not null and end_time is not null and end_time > start_time)`,
        )
        .execute();
      // A person's entries in the default order (Date desc, ID desc), day totals and summaries.
      await db.schema
        .createIndex('time_entries_by_user_date')
        .on('time_entries')
        .columns(['company_id', 'user_id', 'date', 'id'])
        .execute();
      // Company-wide lists in the default order.
      await db.schema
        .createIndex('time_entries_by_date')
        .on('time_entries')
        .columns(['company_id', 'date', 'id'])
        .execute();
      // JobID/TaskID filters and the "is this job/task still referenced?" checks.
      await db.schema
        .createIndex('time_entries_by_job')
        .on('time_entries')
        .columns(['company_id', 'job_id', 'date'])
        .execute();
      await db.schema
        .createIndex('time_entries_by_task')
        .on('time_entries')
        .columns(['company_id', 'task_id'])
        .execute();

      await db.schema
        .createTable('timers')
        .addColumn('company_id', 'text', (c) => c.notNull().references('companies.id'))
        .addColumn('id', 'text', (c) => c.notNull())
        .addColumn('user_id', 'text', (c) => c.notNull())
        .addColumn('time_entry_id', 'text', (c) => c.notNull())
        // The entry's Date (never changes: PATCH cannot change it), kept for the date filters and order.
        .addColumn('time_entry_date', 'text', (c) => c.notNull())
        // The entry's hours in seconds when the timer was made; stopped, hours = initial + elapsed.
        .addColumn('initial_seconds', 'integer', (c) =>
          c
            .notNull()
            .defaultTo(0)
            .check(sql`initial_seconds >= 0`),
        )
        .addColumn('is_running', 'integer', (c) => c.notNull().check(bool('is_running')))
        .addColumn('created_at', d.instantType, (c) => c.notNull())
        .addColumn('updated_at', d.instantType, (c) => c.notNull())
        .addPrimaryKeyConstraint('timers_pk', ['company_id', 'id'])
        // Discarding the entry discards its timer.
        .addForeignKeyConstraint(
          'timers_entry_fk',
          ['company_id', 'time_entry_id'],
          'time_entries',
          ['company_id', 'id'],
          (fk) => fk.onDelete('cascade'),
        )
        .addForeignKeyConstraint('timers_user_fk', ['company_id', 'user_id'], 'users', ['company_id', 'id'])
        .execute();
      // One timer per entry.
      await db.schema
        .createIndex('timers_entry_uq')
        .on('timers')
        .columns(['company_id', 'time_entry_id'])
        .unique()
        .execute();
      // At most one running timer per person.
      await db.schema
        .createIndex('timers_running_uq')
        .on('timers')
        .columns(['company_id', 'user_id'])
        .unique()
        .where(sql<SqlBool>`is_running = 1`)
        .execute();
      await db.schema
        .createIndex('timers_by_user_date')
        .on('timers')
        .columns(['company_id', 'user_id', 'time_entry_date', 'id'])
        .execute();

      await db.schema
        .createTable('timer_intervals')
        .addColumn('company_id', 'text', (c) => c.notNull())
        .addColumn('id', 'text', (c) => c.notNull())
        .addColumn('timer_id', 'text', (c) => c.notNull())
        .addColumn('seq', 'integer', (c) => c.notNull())
        .addColumn('start_at', d.instantType, (c) => c.notNull())
        // Null while the interval runs.
        .addColumn('end_at', d.instantType)
        // The UTC offset the client gave (±hh:mm); Start and End are shown in it.
        .addColumn('time_zone_offset', 'text', (c) => c.notNull().defaultTo('+00:00'))
        .addPrimaryKeyConstraint('timer_intervals_pk', ['company_id', 'id'])
        .addForeignKeyConstraint(
          'timer_intervals_timer_fk',
          ['company_id', 'timer_id'],
          'timers',
          ['company_id', 'id'],
          (fk) => fk.onDelete('cascade'),
        )
        .execute();
      await db.schema
        .createIndex('timer_intervals_by_timer')
        .on('timer_intervals')
        .columns(['company_id', 'timer_id', 'seq'])
        .unique()
        .execute();
    },
  };
}
