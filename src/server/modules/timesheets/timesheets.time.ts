/**
 * Where timesheets read worked time: the time-entries module's helpers, behind one seam.
 *
 * Only time entries count so far. TODO(time-off): when the time-off module lands, add its hours per
 * day here, so that DayTotals and the completion rules include time off.
 */
import type { Db } from '../../db/connect.js';
import { hoursByDay } from '../time-entries/index.js';

export interface DayHours {
  date: string;
  /** Hours × 10^4. */
  hours: number;
}

/** Worked hours per day of one person in [fromDate, toDate]; read through `db` (a transaction, if any). */
export async function workedHoursByDay(
  db: Db,
  companyId: string,
  userId: string,
  fromDate: string,
  toDate: string,
): Promise<DayHours[]> {
  return hoursByDay(db, companyId, userId, fromDate, toDate);
}
