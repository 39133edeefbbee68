/**
 * Time off (API.md §4.11, §6.3; docs/adr/0008-time-off-balances.md): what other modules may use.
 *
 *   seedTimeOffDefaults(db, companyId, newId, now)  a new company's leave types (onboarding, in its
 *       transaction)
 *   timeOffHoursByDay(db, companyId, userId, fromDate, toDate)  the person's time off per day, × 10^4,
 *       ascending, only days with time off — modules/index.ts adds it to the timesheets' hours
 *   timeOffHoursByUserAndDay(db, companyId, userIds, fromDate, toDate)  the same for many people, as
 *       Map<userId, Map<date, hours>> — modules/index.ts adds it to the daily and weekly time summaries
 *   timeOffTypeIdsOfEmploymentType / holidayTypeIdsOfEmploymentType(db, companyId, employmentTypeId)
 *       the association lists, for EmploymentType.TimeOffTypeIDs / HolidayTypeIDs (Verbose)
 *   the route plugins, registered in modules/index.ts
 */
import type { Db } from '../../db/connect.js';
import { hoursByDay, hoursByUserAndDay } from './entries.store.js';
import { listTypes } from './types.store.js';
import { EMPLOYMENT_TYPE_HOLIDAY_TYPES, EMPLOYMENT_TYPE_TIME_OFF_TYPES, linkedIds } from './links.store.js';

export { seedTimeOffDefaults } from './time-off.defaults.js';
export { timeOffEntriesRoutes } from './entries.routes.js';
export { timeOffTypesRoutes } from './types.routes.js';
export { timeOffRequestsRoutes } from './requests.routes.js';
export { holidaysRoutes } from './holidays.routes.js';

export const timeOffHoursByDay = (
  db: Db,
  companyId: string,
  userId: string,
  fromDate: string,
  toDate: string,
) => hoursByDay(db, companyId, userId, fromDate, toDate);

export const timeOffHoursByUserAndDay = (
  db: Db,
  companyId: string,
  userIds: readonly string[],
  fromDate: string,
  toDate: string,
) => hoursByUserAndDay(db, companyId, userIds, fromDate, toDate);

export const timeOffTypeIdsOfEmploymentType = (db: Db, companyId: string, employmentTypeId: string) =>
  linkedIds(db, EMPLOYMENT_TYPE_TIME_OFF_TYPES, companyId, employmentTypeId);

export const holidayTypeIdsOfEmploymentType = (db: Db, companyId: string, employmentTypeId: string) =>
  linkedIds(db, EMPLOYMENT_TYPE_HOLIDAY_TYPES, companyId, employmentTypeId);

/** Whether the person is the default approver of any leave type (UserModel_Me.IsDefaultLeaveTypeApprover). */
export async function isDefaultLeaveTypeApprover(
  db: Db,
  companyId: string,
  userId: string,
): Promise<boolean> {
  const { count } = await listTypes(db, companyId, { defaultApproverIds: [userId] }, { limit: 1, offset: 0 });
  return count > 0;
}
