import { sql, type Kysely } from 'kysely';
import type { DialectHelpers } from '../dialect.js';

/**
 * Job (project) approvals (API.md §4.10, §5, §6.2; docs/adr/0007-timesheet-periods.md "Job approvals"):
 * one row per job with TimeRequiresApproval that a submitted sheet has time on, decided by the job's
 * project manager. Submit replaces a sheet's rows; taking the sheet back to Open deletes them.
 */
export function jobApprovals(d: DialectHelpers) {
  return {
    async up(db: Kysely<unknown>): Promise<void> {
      await db.schema
        .createTable('timesheet_job_approvals')
        .addColumn('company_id', 'text', (c) => c.notNull())
        .addColumn('id', 'text', (c) => c.notNull())
        .addColumn('timesheet_id', 'text', (c) => c.notNull())
        .addColumn('job_id', 'text', (c) => c.notNull())
        .addColumn('status', 'text', (c) =>
          c.notNull().check(sql`status in ('pending', 'approved', 'rejected')`),
        )
        .addColumn('decided_by', 'text')
        .addColumn('decided_at', d.instantType)
        .addColumn('comment', 'text')
        .addColumn('created_at', d.instantType, (c) => c.notNull())
        .addPrimaryKeyConstraint('timesheet_job_approvals_pk', ['company_id', 'id'])
        .addUniqueConstraint('timesheet_job_approvals_uq', ['company_id', 'timesheet_id', 'job_id'])
        .addForeignKeyConstraint(
          'timesheet_job_approvals_sheet_fk',
          ['company_id', 'timesheet_id'],
          'timesheets',
          ['company_id', 'id'],
          (fk) => fk.onDelete('cascade'),
        )
        .execute();
      await db.schema
        .createIndex('timesheet_job_approvals_by_job')
        .on('timesheet_job_approvals')
        .columns(['company_id', 'job_id', 'status'])
        .execute();
    },
  };
}
