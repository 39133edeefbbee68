/**
 * Where timesheets read the time on a sheet: the time-entries module's hours, plus any other kind of
 * time that registers itself here (time off does, in time-off/index.ts), so that DayTotals and the
 * completion rules count it without timesheets depending on those modules.
 */
import type { Db } from '../../db/connect.js';
import { hoursByDay } from '../time-entries/index.js';

export interface DayHours {
  date: string;
  /** Hours × 10^4. */
  hours: number;
}

export type HoursSource = (
  db: Db,
  companyId: string,
  userId: string,
  fromDate: string,
  toDate: string,
) => Promise<DayHours[]>;

const otherSources: HoursSource[] = [];

/** Adds a kind of time (beside time entries) that counts on a timesheet. */
export function addTimesheetHoursSource(source: HoursSource): void {
  otherSources.push(source);
}

/**
 * Hours on the sheet per day of one person in [fromDate, toDate], every day present; read through `db`
 * (a transaction, if any). Sources run one after another: a PostgreSQL transaction is one connection.
 */
export async function workedHoursByDay(
  db: Db,
  companyId: string,
  userId: string,
  fromDate: string,
  toDate: string,
): Promise<DayHours[]> {
  const days = await hoursByDay(db, companyId, userId, fromDate, toDate);
  if (otherSources.length === 0) return days;
  const byDate = new Map(days.map((d) => [d.date, { ...d }]));
  for (const source of otherSources) {
    for (const extra of await source(db, companyId, userId, fromDate, toDate)) {
      const day = byDate.get(extra.date);
      if (day) day.hours += extra.hours;
    }
  }
  return [...byDate.values()];
}
