/**
 * Every API module, registered under /v2 by app.ts. A new resource adds its plugin here.
 */
import type { FastifyPluginAsync } from 'fastify';
import type { Deps } from '../deps.js';
import { billingRatesRoutes } from './billing-rates/billing-rates.routes.js';
import { companyRoutes } from './company/company.routes.js';
import { customFieldsRoutes } from './custom-fields/custom-fields.routes.js';
import { divisionsRoutes } from './divisions/divisions.routes.js';
import { employmentTypesRoutes } from './employment-types/employment-types.routes.js';
import { expenseItemsRoutes, expenseSheetsRoutes, expenseTypesRoutes } from './expenses/index.js';
import { labelsRoutes } from './labels/index.js';
import { masterDataRoutes } from './master-data/master-data.routes.js';
import { meRoutes } from './me/me.routes.js';
import { reportsRoutes } from './reports/index.js';
import { timeEntriesRoutes } from './time-entries/time-entries.routes.js';
import { addSummaryHoursSource } from './time-entries/index.js';
import { timesheetsRoutes } from './timesheets/timesheets.routes.js';
import { addTimesheetHoursSource } from './timesheets/index.js';
import {
  holidaysRoutes,
  timeOffEntriesRoutes,
  timeOffRequestsRoutes,
  timeOffTypesRoutes,
  timeOffHoursByDay,
  timeOffHoursByUserAndDay,
} from './time-off/index.js';
import { usersRoutes } from './users/users.routes.js';

export const apiModules: FastifyPluginAsync<{ deps: Deps }>[] = [
  meRoutes,
  companyRoutes,
  usersRoutes,
  divisionsRoutes,
  employmentTypesRoutes,
  masterDataRoutes,
  customFieldsRoutes,
  expenseTypesRoutes,
  expenseSheetsRoutes,
  expenseItemsRoutes,
  timesheetsRoutes,
  timeEntriesRoutes,
  timeOffTypesRoutes,
  timeOffEntriesRoutes,
  timeOffRequestsRoutes,
  holidaysRoutes,
  reportsRoutes,
  billingRatesRoutes,
  labelsRoutes,
];

// Wiring between modules that must not import each other (time-off already depends on timesheets):
// time off is time on the timesheet, so DayTotals and the completion rules count it, and so do the
// daily and weekly time summaries.
addTimesheetHoursSource(timeOffHoursByDay);
addSummaryHoursSource(timeOffHoursByUserAndDay);
