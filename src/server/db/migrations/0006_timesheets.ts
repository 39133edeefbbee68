import { sql, type Kysely } from 'kysely';
import type { DialectHelpers } from '../dialect.js';

/**
 * Timesheets (API.md §4.10, §6.2; DECISIONS 28; docs/adr/0007-timesheet-periods.md): one row per person
 * per period, created the first time the period is addressed and never moved afterwards, and the
 * history of every workflow action on it. A person's sheets never overlap (the service keeps that
 * under a per-person lock); UNIQUE (company_id, user_id, start_date) makes two concurrent creations of
 * the same period meet in one row.
 */
export const TIMESHEET_STATUSES = [
  'Open',
  'JobHold',
  'TORAHold',
  'Waiting',
  'Locked',
  'Approved',
  'Rejected',
] as const;

const statusList = sql.raw(TIMESHEET_STATUSES.map((s) => `'${s}'`).join(', '));

export function timesheets(d: DialectHelpers) {
  return {
    async up(db: Kysely<unknown>): Promise<void> {
      await db.schema
        .createTable('timesheets')
        .addColumn('company_id', 'text', (c) => c.notNull().references('companies.id'))
        .addColumn('id', 'text', (c) => c.notNull())
        .addColumn('user_id', 'text', (c) => c.notNull())
        .addColumn('start_date', 'text', (c) => c.notNull())
        .addColumn('end_date', 'text', (c) => c.notNull())
        .addColumn('status', 'text', (c) => c.notNull().check(sql`status in (${statusList})`))
        // The status a Lock replaced, restored by Unlock; set exactly while Locked.
        .addColumn('status_before_lock', 'text', (c) => c.check(sql`status_before_lock in (${statusList})`))
        .addColumn('has_been_submitted', 'integer', (c) =>
          c
            .notNull()
            .defaultTo(0)
            .check(sql`has_been_submitted in (0, 1)`),
        )
        .addColumn('submitted_by_user_id', 'text')
        .addColumn('submitted_at', d.instantType)
        .addColumn('approved_by_user_id', 'text')
        .addColumn('approved_at', d.instantType)
        .addColumn('rejected_by_user_id', 'text')
        .addColumn('rejected_at', d.instantType)
        .addColumn('comment', 'text')
        .addColumn('created_at', d.instantType, (c) => c.notNull())
        .addColumn('updated_at', d.instantType, (c) => c.notNull())
        .addPrimaryKeyConstraint('timesheets_pk', ['company_id', 'id'])
        .addUniqueConstraint('timesheets_user_period_uq', ['company_id', 'user_id', 'start_date'])
        .addCheckConstraint('timesheets_dates_ck', sql`end_date >= start_date`)
        .addCheckConstraint(
          'timesheets_lock_ck',
          sql`(status = 'Locked') = (status_before_lock is not null) and status_before_lock <> 'Locked'`,
        )
        // Sheets are implicit (DECISIONS 28): deleting a person (allowed only while nothing else refers
        // to them) takes their empty sheets and workflow history along.
        .addForeignKeyConstraint(
          'timesheets_user_fk',
          ['company_id', 'user_id'],
          'users',
          ['company_id', 'id'],
          (fk) => fk.onDelete('cascade'),
        )
        .execute();
      await db.schema
        .createIndex('timesheets_by_start')
        .on('timesheets')
        .columns(['company_id', 'start_date', 'id'])
        .execute();
      await db.schema
        .createIndex('timesheets_by_status')
        .on('timesheets')
        .columns(['company_id', 'status', 'start_date'])
        .execute();

      await db.schema
        .createTable('timesheet_history')
        .addColumn('company_id', 'text', (c) => c.notNull())
        .addColumn('timesheet_id', 'text', (c) => c.notNull())
        .addColumn('seq', 'integer', (c) => c.notNull())
        .addColumn('action', 'text', (c) => c.notNull())
        // No foreign key: the row keeps the actor's name should the actor be deleted later.
        .addColumn('action_by_user_id', 'text')
        .addColumn('action_by_user_name', 'text', (c) => c.notNull())
        .addColumn('comment', 'text')
        .addColumn('has_attestation', 'integer', (c) =>
          c
            .notNull()
            .defaultTo(0)
            .check(sql`has_attestation in (0, 1)`),
        )
        .addColumn('job_id', 'text')
        .addColumn('job_status', 'text', (c) => c.check(sql`job_status in ('Approved', 'Rejected')`))
        .addColumn('created_at', d.instantType, (c) => c.notNull())
        .addPrimaryKeyConstraint('timesheet_history_pk', ['company_id', 'timesheet_id', 'seq'])
        .addForeignKeyConstraint(
          'timesheet_history_sheet_fk',
          ['company_id', 'timesheet_id'],
          'timesheets',
          ['company_id', 'id'],
          (fk) => fk.onDelete('cascade'),
        )
        .execute();
    },
  };
}
