/**
 * Time entries (API.md §4.9): what other modules may use.
 *
 * For the timesheets module (/Timesheets/{id}/TimeEntries, DayTotals) — keep these signatures stable:
 *   hoursByDay(db, companyId, userId, fromDate, toDate)  every date of the inclusive range with the
 *       person's hours on it, × 10^4 (lib/decimal.ts HOURS_SCALE), 0 for days without entries, ascending
 *   listEntries(db, companyId, filter, paging)  a page of entries in the default order (Date desc, ID
 *       desc) and the total count; filter by userIds, fromDate/toDate, dates, jobIds, taskIds, ids…
 *   toTimeEntryWire(record, entryVisibility(actor), embeds?) and loadEntryEmbeds(db, companyId, records)
 *       to answer with the caller's TimeEntry model (rates hidden per permission; Verbose embeds)
 * For modules with other kinds of time (time off): addSummaryHoursSource(source), counted by the daily
 *   and weekly time summaries.
 */
export { hoursByDay, listEntries, type EntryFilter, type TimeEntryRecord } from './time-entries.store.js';
export { addSummaryHoursSource, type SummaryHoursSource } from './time-summaries.service.js';
export { loadEntryEmbeds, toTimeEntryWire, type EntryEmbeds } from './time-entries.mapper.js';
export { entryVisibility, type EntryVisibility } from './time-entries.policy.js';
