/**
 * Reports (API.md §4.16; issue 6): /Reports/Time, /Reports/Expense, /Reports/TimeSummary (GroupBy),
 * /Reports/TimeSummary/Jobs…, /Reports/TimeSummary/Payroll, and their CSV/XLSX exports. Read-only over
 * the time-entry, timesheet, time-off, expense and master-data tables.
 */
export { reportsRoutes } from './reports.routes.js';
export { profitMargin } from './reports.service.js';
