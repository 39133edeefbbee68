/**
 * People: domain ⇄ wire. Which fields a caller sees is decided here from a UserVisibility, so a
 * manager without a permission never receives the field at all.
 */
import type { AuthToken, User } from '../../../contract/users.js';
import { fromScaled, MONEY_SCALE, RATE_SCALE } from '../../lib/decimal.js';
import type { UserVisibility } from './users.policy.js';
import type { UserRecord } from './users.store.js';

export interface Basic {
  ID: string;
  Name: string;
  IsActive: boolean;
}
export interface BasicUserWire extends Basic {
  Email: string;
}

/** Related objects for Verbose=true, looked up in bulk by the service. */
export interface UserEmbeds {
  divisions: Map<string, Basic>;
  employmentTypes: Map<string, Basic>;
  users: Map<string, BasicUserWire>;
}

export const basicUser = (u: UserRecord): BasicUserWire => ({
  ID: u.id,
  Name: u.name,
  Email: u.email,
  IsActive: u.isActive,
});

const rate = (v: number | null) => (v === null ? null : fromScaled(v, RATE_SCALE));
const money = (v: number | null) => (v === null ? null : fromScaled(v, MONEY_SCALE));

function embed<T>(map: Map<string, T> | undefined, id: string | null): T | null {
  return id === null || !map ? null : (map.get(id) ?? null);
}

type Wire = Partial<User> & Pick<User, 'ID' | 'Name' | 'Email' | 'IsActive'>;

/** The fields every caller who may list people sees. */
function basicFields(u: UserRecord): Wire {
  return {
    ID: u.id,
    Name: u.name,
    Email: u.email,
    IsActive: u.isActive,
    GDPRConsentStatus: u.profile.GDPRConsentStatus,
    SubjectToTimesheetCompletion: u.subjectToTimesheetCompletion,
    IncludeInRM: u.profile.IncludeInRM,
  };
}

/** The root (/Users) and manage (/Manage/Users) models. */
export function toUserWire(u: UserRecord, vis: UserVisibility, verbose?: UserEmbeds): Wire {
  const out = basicFields(u);
  const p = u.profile;
  const division = () => {
    out.DivisionID = u.divisionId;
    if (verbose) out.Division = embed(verbose.divisions, u.divisionId);
  };
  const employmentType = () => {
    out.EmploymentTypeID = u.employmentTypeId;
    if (verbose) out.EmploymentType = embed(verbose.employmentTypes, u.employmentTypeId);
  };
  if (vis.full) {
    Object.assign(out, {
      AccountingPackageID: p.AccountingPackageID,
      EmployeeNumber: p.EmployeeNumber,
      Notes: p.Notes,
      PayrollType: p.PayrollType,
      Role: p.Role,
      SecurityLevel: u.securityLevel,
      StartDate: u.startDate,
      EndDate: u.endDate,
      EnableBreakTime: p.EnableBreakTime,
      RequireComments: p.RequireComments,
      RequireStartEndTime: p.RequireStartEndTime,
      RequireStopwatch: p.RequireStopwatch,
      SkipWeekend: p.SkipWeekend,
      PreferredTimeEntryView: p.PreferredTimeEntryView,
      PreferredTimeFormat: p.PreferredTimeFormat,
      SubjectToExpenseApproval: u.subjectToExpenseApproval,
      DefaultTaskID: u.defaultTaskId,
      TimeOffApproverID: u.timeOffApproverId,
      CustomFields: u.customFields,
    } satisfies Partial<User>);
    if (verbose) out.TimeOffApprover = embed(verbose.users, u.timeOffApproverId);
  }
  if (vis.full || vis.timesheets) {
    division();
    employmentType();
    Object.assign(out, {
      AllowIncompleteTimesheetSubmission: p.AllowIncompleteTimesheetSubmission,
      MinimumTimeHours: p.MinimumTimeHours,
      MinimumTimePeriod: p.MinimumTimePeriod,
      SubjectToTimesheetApproval: u.subjectToTimesheetApproval,
      TimesheetApproverID: u.timesheetApproverId,
    } satisfies Partial<User>);
    if (verbose) out.TimesheetApprover = embed(verbose.users, u.timesheetApproverId);
  }
  if (vis.full || vis.expenses) {
    division();
    employmentType();
    Object.assign(out, {
      DefaultExpenseTypeID: u.defaultExpenseTypeId,
      DefaultPaymentTypeID: u.defaultPaymentTypeId,
      ExpenseApproverID: u.expenseApproverId,
    } satisfies Partial<User>);
    if (verbose) out.ExpenseApprover = embed(verbose.users, u.expenseApproverId);
  }
  if (vis.full || vis.resourcePlanning) {
    division();
    employmentType();
    out.Role = p.Role;
  }
  if (vis.billingRates) {
    out.BillingRate = rate(u.billingRate);
    out.UseCompanyBillingRate = u.useCompanyBillingRate;
  }
  if (vis.costs) {
    out.CostRate = rate(u.costRate);
    out.CostModel = u.costModel;
    out.CostPerTimesheet = money(u.costPerTimesheet);
  }
  return out;
}

export interface MeExtras {
  authToken: AuthToken;
  approver: { time: boolean; expense: boolean; timeOff: boolean };
  isDefaultLeaveTypeApprover: boolean;
}

/** The /Me model: one's own settings and preferences, with the API token. */
export function toMeWire(u: UserRecord, extras: MeExtras, verbose?: UserEmbeds): Wire {
  const p = u.profile;
  const out: Wire = {
    ...basicFields(u),
    EmployeeNumber: p.EmployeeNumber,
    StartDate: u.startDate,
    EndDate: u.endDate,
    SecurityLevel: u.securityLevel,
    DivisionID: u.divisionId,
    EmploymentTypeID: u.employmentTypeId,
    DefaultTaskID: u.defaultTaskId,
    DefaultExpenseTypeID: u.defaultExpenseTypeId,
    DefaultPaymentTypeID: u.defaultPaymentTypeId,
    TimesheetApproverID: u.timesheetApproverId,
    ExpenseApproverID: u.expenseApproverId,
    TimeOffApproverID: u.timeOffApproverId,
    SubjectToTimesheetApproval: u.subjectToTimesheetApproval,
    SubjectToExpenseApproval: u.subjectToExpenseApproval,
    AllowIncompleteTimesheetSubmission: p.AllowIncompleteTimesheetSubmission,
    IsTimeApprover: extras.approver.time,
    IsExpenseApprover: extras.approver.expense,
    IsTimeOffApprover: extras.approver.timeOff,
    IsDefaultLeaveTypeApprover: extras.isDefaultLeaveTypeApprover,
    RequireComments: p.RequireComments,
    RequireStartEndTime: p.RequireStartEndTime,
    RequireStopwatch: p.RequireStopwatch,
    EnableBreakTime: p.EnableBreakTime,
    MinimumTimeHours: p.MinimumTimeHours,
    MinimumTimePeriod: p.MinimumTimePeriod,
    SkipWeekend: p.SkipWeekend,
    NumEntries: p.NumEntries,
    JobSelectionMethod: p.JobSelectionMethod,
    PreferredTimeEntryView: p.PreferredTimeEntryView,
    PreferredTimeFormat: p.PreferredTimeFormat,
    TimesheetApprovedAlert: p.TimesheetApprovedAlert,
    ExpenseSheetApprovedAlert: p.ExpenseSheetApprovedAlert,
    ExpenseSheetPaidAlert: p.ExpenseSheetPaidAlert,
    HomePage: { Name: 'Time', Url: '/time' },
    AuthToken: extras.authToken,
  };
  if (verbose) {
    out.Division = embed(verbose.divisions, u.divisionId);
    out.EmploymentType = embed(verbose.employmentTypes, u.employmentTypeId);
    out.TimesheetApprover = embed(verbose.users, u.timesheetApproverId);
    out.ExpenseApprover = embed(verbose.users, u.expenseApproverId);
    out.TimeOffApprover = embed(verbose.users, u.timeOffApproverId);
  }
  return out;
}
