/**
 * The timesheets module's public surface for other modules.
 *
 * `lockSheetsForEdit` is the agreed interface with the time-entries module (and later time off): call it
 * inside your own write transaction, BEFORE touching any row of that person, for every date whose time
 * you are about to insert, change or delete:
 *
 *   await deps.db.transaction().execute(async (tx) => {
 *     await lockSheetsForEdit(deps, tx, { companyId, userId, dates: [entry.date], override });
 *     … insert / update / delete the entries through `tx` …
 *   });
 *
 * `override` is true for Admins and managers whose Override timesheets permission reaches the person
 * (`mayOverrideEntriesOf`) on /TimeEntries and /Manage/Timesheets/TimeEntries; /Me/TimeEntries passes
 * false. When one transaction changes several people's time, call it once per person in ascending
 * user-ID order (the per-person locks are then always taken in the same order).
 *
 * Inside `tx` it reads only through `tx` (never deps.db: SQLite has one connection, which `tx` holds).
 */
import type { Deps } from '../../deps.js';
import type { Db } from '../../db/connect.js';
import { lockSheetsForEdit as lockSheets, type LockSheetsArgs } from './timesheets.service.js';

export type { LockSheetsArgs } from './timesheets.service.js';

/**
 * Inside the CALLER's write transaction `tx`: makes sure the person's timesheet rows covering `dates`
 * exist (DECISIONS 28), locks them (the person's lock, then FOR UPDATE on PostgreSQL; SQLite write
 * transactions are BEGIN IMMEDIATE), and throws AppError('invalid_state') (409) when a date is on or
 * before Company.LockDate or its sheet is Waiting, JobHold, TORAHold, Approved or Locked — unless
 * `override`. Throws AppError('invalid_field') (400, Field "Date") for a string that is not a date.
 */
export async function lockSheetsForEdit(
  deps: Deps,
  tx: Db,
  args: { companyId: string; userId: string; dates: string[]; override: boolean },
): Promise<void> {
  const a: LockSheetsArgs = args;
  await lockSheets(deps, tx, a);
}

/** Whether the caller may change a person's entries past the timesheet rules (Override timesheets). */
export { mayOverrideEntriesOf, type Owner as TimesheetOwner } from './timesheets.policy.js';

/**
 * For modules serving `/Timesheets/{timesheetID}/…` and `/Manage/Timesheets/{timesheetID}/…`
 * sub-resources (time off, holiday entries): parse the path segment, check the scope's read permission
 * (`gate(deps, actor, scope, 'read')`, 403) and resolve the sheet within its reach (404).
 */
export { gate, parseSheetRef, resolveSheet, type SheetRef, type Resolved } from './timesheets.service.js';
export type { TimesheetScope } from './timesheets.policy.js';
export type { SheetRecord as TimesheetRecord } from './timesheets.store.js';

/** Other kinds of time (time off) register here to count in DayTotals and the completion rules. */
export { addTimesheetHoursSource, type HoursSource } from './timesheets.time.js';
