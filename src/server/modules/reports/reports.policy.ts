/**
 * Who may run which report, and which money fields they see (CATALOGUE Reports/*, API.md §5). Pure.
 *
 *   /Reports/Time, /Reports/Expense (+ exports)   Admin, or Run Company Reports with the All scope
 *   /Reports/TimeSummary, …/Jobs…                  Admin or any Manager
 *   /Reports/TimeSummary/Payroll                   Admin only
 * Every report covers the caller's company only. Rates, billings and costs follow the time-entry rule
 * (entryVisibility): BillingRate and Billings need View (or Add/Edit) Billingrates, CostRate, Cost,
 * Profit and ProfitMargin need View (or Add/Edit) Costs; Admins see all. The job summaries show Billings to
 * every caller, as ClickTime's JobTimeSummaryModel does.
 */
import { forbidden } from '../../errors.js';
import { hasPermission, isAdmin, isAdminOrManager, type Actor } from '../../lib/permissions.js';
import { entryVisibility } from '../time-entries/index.js';

export function requireCompanyReports(actor: Actor): void {
  if (!hasPermission(actor, 'Run Company Reports', { all: true })) {
    throw forbidden('You need to be an Admin or hold Run Company Reports for all jobs.');
  }
}

export function requireAdminOrManager(actor: Actor): void {
  if (!isAdminOrManager(actor)) throw forbidden('You need to be an Admin or a Manager.');
}

export function requireAdmin(actor: Actor): void {
  if (!isAdmin(actor)) throw forbidden('Only an Admin may run the payroll summary.');
}

export interface MoneyVisibility {
  /** BillingRate, Billings */
  billings: boolean;
  /** CostRate, Cost, Profit, ProfitMargin */
  costs: boolean;
}

export function moneyVisibility(actor: Actor): MoneyVisibility {
  const v = entryVisibility(actor);
  return { billings: v.billingRate, costs: v.costRate };
}
