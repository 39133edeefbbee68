import type { Kysely } from 'kysely';
import type { DialectHelpers } from '../dialect.js';

/**
 * Reports (issue 6; API.md §4.16): indexes only, no tables. Reports read time_entries, timesheets and the
 * expense tables directly and never write.
 *
 * Each time-entry index starts with the key a report narrows by and then carries every column a report
 * filters, groups or adds up (user, job, task, billable, hours, rates), so that counting, totalling and
 * grouping are index-only scans of the matching range, and a page is found in the index before the few
 * rows it shows are read (docs in src/server/modules/reports/time-report.store.ts):
 *
 *   by date   /Reports/Time in its default order (Date, ID), its page.count and meta.Totals, exports
 *   by job    /Reports/TimeSummary?JobID=…, /Reports/TimeSummary/Jobs…, /Reports/Time?JobID=…
 *   by user   /Reports/TimeSummary?UserID=…, /Reports/TimeSummary/Payroll, /Reports/Time?UserID=…
 *
 * The timesheet index answers "the sheet of this person that starts on or before this date" with its
 * end and status without reading the table (the TimesheetStatus filter).
 */
export function reports(_d: DialectHelpers) {
  const measures = ['is_billable', 'hours', 'billing_rate', 'cost_rate'];
  return {
    async up(db: Kysely<unknown>): Promise<void> {
      await db.schema
        .createIndex('time_entries_report_by_date')
        .on('time_entries')
        .columns(['company_id', 'date', 'id', 'user_id', 'job_id', 'task_id', ...measures])
        .execute();
      await db.schema
        .createIndex('time_entries_report_by_job')
        .on('time_entries')
        .columns(['company_id', 'job_id', 'date', 'id', 'user_id', 'task_id', ...measures])
        .execute();
      await db.schema
        .createIndex('time_entries_report_by_user')
        .on('time_entries')
        .columns(['company_id', 'user_id', 'date', 'id', 'job_id', 'task_id', ...measures])
        .execute();
      await db.schema
        .createIndex('timesheets_report_by_user_start')
        .on('timesheets')
        .columns(['company_id', 'user_id', 'start_date', 'end_date', 'status'])
        .execute();
      // /Reports/Expense by expense date (its filters) and in its default order (ID desc) the primary key.
      await db.schema
        .createIndex('expense_items_report_by_date')
        .on('expense_items')
        .columns([
          'company_id',
          'expense_date',
          'id',
          'user_id',
          'job_id',
          'amount',
          'billable',
          'reimbursable',
        ])
        .execute();
    },
  };
}
