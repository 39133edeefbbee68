/**
 * Who may see and change clients, jobs and tasks (API.md §4.6–4.8, §5; CATALOGUE `auth:` and `who:`).
 * Pure functions of the actor. A permission to add/edit implies seeing what one edits.
 */
import { hasPermission, isAdmin, isAdminOrManager, type Actor } from '../../lib/permissions.js';

/** Lists and items of the root scope: "Admin or any Manager". */
export const canList = isAdminOrManager;
/** DELETE of master data: Admin only (DECISIONS 19; managers inactivate instead). */
export const canDelete = isAdmin;

const seesRates = (a: Actor) =>
  hasPermission(a, 'View Billingrates') || hasPermission(a, 'Add/Edit Billingrates');
/** BillingRate, UseCompanyBillingRate and SecondaryBillingRateMode in a body need Add/Edit Billingrates. */
export const canSetRates = (a: Actor) => hasPermission(a, 'Add/Edit Billingrates');

/** Which groups of fields a caller sees on the root models. */
export interface Visibility {
  /** Notes, AccountingPackageID, CustomFields, CreatedDate, ProjectManager… */
  details: boolean;
  /** Money: BillingRate, UseCompanyBillingRate, SecondaryBillingRateMode. */
  rates: boolean;
  /** IsBillable (jobs and tasks). */
  billable: boolean;
}

export const clients = {
  edit: (a: Actor) => hasPermission(a, 'Add/Edit Clients'),
  details: (a: Actor) => hasPermission(a, 'View Clients') || hasPermission(a, 'Add/Edit Clients'),
  visibility(a: Actor): Visibility {
    const details = clients.details(a);
    return { details, rates: details && seesRates(a), billable: details };
  },
};

export const jobs = {
  /** "Add/Edit Jobs (all Jobs)". */
  edit: (a: Actor) => hasPermission(a, 'Add/Edit Jobs', { all: true }),
  /** "View Jobs (all Jobs)": details, and the job/person and job/division lists. */
  details: (a: Actor) => hasPermission(a, 'View Jobs', { all: true }) || jobs.edit(a),
  /** GET /Jobs/{id}/Tasks: also the managers who override timesheets or expenses. */
  readTasks: (a: Actor) =>
    jobs.details(a) || hasPermission(a, 'Override timesheets') || hasPermission(a, 'Override Expenses'),
  visibility(a: Actor): Visibility {
    const details = jobs.details(a);
    return { details, rates: details && seesRates(a), billable: details || hasPermission(a, 'View Jobs') };
  },
};

export const tasks = {
  edit: (a: Actor) => hasPermission(a, 'Add/Edit Tasks'),
  details: (a: Actor) => hasPermission(a, 'View Tasks') || hasPermission(a, 'Add/Edit Tasks'),
  visibility(a: Actor): Visibility {
    const details = tasks.details(a);
    return { details, rates: details && seesRates(a), billable: details };
  },
};
