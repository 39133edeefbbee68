/**
 * The SDK's wire types, all derived from the TypeBox schemas in src/contract (the server validates and
 * serialises with the same schemas). Type-only imports: the SDK ships no schema code to a browser.
 */
import type { Static } from '@sinclair/typebox';
import type * as company from '../contract/company.js';
import type * as customFields from '../contract/custom-fields.js';
import type * as expenses from '../contract/expenses.js';
import type * as md from '../contract/master-data.js';
import type * as org from '../contract/organisation.js';
import type * as te from '../contract/time-entries.js';
import type * as ts from '../contract/timesheets.js';
import type * as to from '../contract/time-off.js';
import type * as rep from '../contract/reports.js';
import type * as users from '../contract/users.js';
import type { Many } from './collection.js';

export type { ErrorItem, Page } from '../contract/common.js';

// ——— people ———
export type User = users.User;
export type UserCreate = users.UserCreate;
/** PATCH /Users/{id}; `SecurityLevel` is an Admin-only extension on the root scope. */
export type UserUpdate = users.UserUpdate & { SecurityLevel?: SecurityLevel };
export type MeUpdate = users.MeUpdate;
export type AuthToken = users.AuthToken;
export type Permission = users.Permission;
export type SecurityLevel = Static<typeof users.SecurityLevel>;
export type AccessLevel = Static<typeof users.AccessLevel>;
export type PreferredTimeFormat = Static<typeof users.PreferredTimeFormat>;
export type PreferredTimeEntryView = Static<typeof users.PreferredTimeEntryView>;
export type JobSelectionMethod = Static<typeof users.JobSelectionMethod>;
export type BasicNamed = Static<typeof users.BasicNamed>;

/** `meta.Invitations[]` of POST /Users for people created without a password (DECISIONS 24). */
export interface Invitation {
  UserID: string;
  Email: string;
  URL: string;
  ExpiresAt: string;
}

export interface UserFilter {
  ID?: Many<string>;
  Name?: Many<string>;
  Email?: Many<string>;
  DivisionID?: Many<string>;
  TimesheetApproverID?: Many<string>;
  ExpenseApproverID?: Many<string>;
  EmploymentTypeID?: Many<string>;
  SecurityLevel?: Many<SecurityLevel>;
  ManagerPermission?: Many<string>;
  IsActive?: boolean;
  SubjectToTimesheetCompletion?: boolean;
  WithPermission?: string;
}

// ——— company and organisation ———
export type Company = company.Company;
export type CompanyUpdate = company.CompanyUpdate;
export type TimesheetModel = Static<typeof company.TimesheetModel>;
export type WeekDay = Static<typeof company.WeekDay>;
export type MileageUnit = Static<typeof company.MileageUnit>;
export type Division = org.Division;
export type DivisionCreate = org.DivisionCreate;
export type DivisionUpdate = org.DivisionUpdate;
export type EmploymentType = org.EmploymentType;
export type EmploymentTypeCreate = org.EmploymentTypeCreate;
export type EmploymentTypeUpdate = org.EmploymentTypeUpdate;

export interface NamedFilter {
  ID?: Many<string>;
  Name?: Many<string>;
  IsActive?: boolean;
}

// ——— clients, jobs, tasks ———
export type Client = md.Client;
export type ClientMe = md.ClientMe;
export type ClientCreate = md.ClientCreate;
export type ClientUpdate = md.ClientUpdate;
export type Job = md.Job;
export type JobMe = md.JobMe;
export type JobCreate = md.JobCreate;
export type JobUpdate = md.JobUpdate;
export type Task = md.Task;
export type TaskMe = md.TaskMe;
export type TaskCreate = md.TaskCreate;
export type TaskUpdate = md.TaskUpdate;
export type JobTaskControl = Static<typeof md.JobTaskControl>;

export interface ClientFilter extends NamedFilter {
  ShortName?: Many<string>;
  ClientNumber?: Many<string>;
}
export interface JobFilter extends NamedFilter {
  ClientID?: Many<string>;
  JobNumber?: Many<string>;
  ProjectManagerID?: Many<string>;
  UserID?: Many<string>;
  WithPermission?: string;
}
export interface MeJobFilter extends NamedFilter {
  ClientID?: Many<string>;
  JobNumber?: Many<string>;
  MyJobs?: boolean;
}
export interface TaskFilter extends NamedFilter {
  TaskCode?: Many<string>;
}
export interface MeTaskFilter extends TaskFilter {
  MyTasks?: boolean;
}

// ——— custom fields ———
export type CustomFieldDefinition = customFields.CustomFieldDefinition;
export type CustomFieldDefinitionCreate = customFields.CustomFieldDefinitionCreate;
export type CustomFieldDefinitionUpdate = customFields.CustomFieldDefinitionUpdate;
export interface CustomFieldDefinitionFilter {
  ID?: Many<string>;
  DataType?: Many<string>;
  EntityType?: Many<string>;
  IsRequired?: boolean;
}

// ——— expenses ———
export type ExpenseSheet = expenses.ExpenseSheet;
export type ExpenseSheetStatus = expenses.ExpenseSheetStatus;
export type ExpenseSheetAction = expenses.ExpenseSheetAction;
export type ExpenseSheetCreateMe = expenses.ExpenseSheetCreateMe;
export type ExpenseSheetCreate = expenses.ExpenseSheetCreate;
export type ExpenseSheetUpdate = expenses.ExpenseSheetUpdate;
export type ExpenseSheetActionBody = expenses.ExpenseSheetActionBody;
export type ExpenseSheetHistory = expenses.ExpenseSheetHistory;
export type ExpenseItem = expenses.ExpenseItem;
export type ExpenseItemCreate = expenses.ExpenseItemCreate;
export type ExpenseItemCreateMe = Static<typeof expenses.ExpenseItemCreateMe>;
export type ExpenseItemUpdate = expenses.ExpenseItemUpdate;
export type ExpenseItemUpdateMe = Static<typeof expenses.ExpenseItemUpdateMe>;
export type ExpenseType = expenses.ExpenseType;
export type ExpenseTypeCreate = expenses.ExpenseTypeCreate;
export type ExpenseTypeUpdate = expenses.ExpenseTypeUpdate;
export type PaymentType = expenses.PaymentType;
export type PaymentTypeCreate = expenses.PaymentTypeCreate;
export type PaymentTypeUpdate = expenses.PaymentTypeUpdate;
export type Currency = expenses.Currency;
export type ReceiptFileType = expenses.ReceiptFileType;
export type ReapplyRateResult = Static<typeof expenses.ReapplyRateResult>;

/** `SortBy` on sheet lists; a leading `-` is descending. */
export type ExpenseSheetSort =
  'Date' | 'ExpenseItemCount' | 'ReimbursableAmount' | 'Status' | 'Title' | 'TotalAmount' | 'User';
export type ExpenseItemSort =
  'Date' | 'Type' | 'Description' | 'Job' | 'Billable' | 'PaymentType' | 'Amount' | 'ReceiptURL';

export interface ExpenseSheetFilter {
  ID?: Many<string>;
  FromExpenseSheetDate?: string;
  ToExpenseSheetDate?: string;
  Status?: Many<ExpenseSheetStatus>;
  Paid?: boolean;
  SortBy?: ExpenseSheetSort | `-${ExpenseSheetSort}`;
  // root and Manage scopes
  UserID?: Many<string>;
  ExpenseApproverID?: Many<string>;
  UserIsActive?: boolean;
  DivisionID?: Many<string>;
  EmploymentTypeID?: Many<string>;
  ExpenseDate?: Many<string>;
}
export interface ExpenseItemFilter {
  ID?: Many<string>;
  Amount?: Many<number>;
  ExpenseDate?: Many<string>;
  ExpenseSheetID?: Many<string>;
  ExpenseTypeID?: Many<string>;
  JobID?: Many<string>;
  ExpenseSheetStatus?: Many<ExpenseSheetStatus>;
  FromExpenseDate?: string;
  ToExpenseDate?: string;
  SortBy?: ExpenseItemSort | `-${ExpenseItemSort}`;
  UserID?: Many<string>;
}

// ——— time ———
export type TimeEntry = te.TimeEntry;
export type TimeEntryTemplate = Static<typeof te.TimeEntryNew>;
export type TimeEntryCreateMe = te.TimeEntryCreateMe;
export type TimeEntryCreate = te.TimeEntryCreate;
export type TimeEntryUpdate = te.TimeEntryUpdate;
export type Timer = te.Timer;
export type TimerStart = te.TimerStart;
export type TimerReplace = te.TimerReplace;
export type TimerReplaceRoot = te.TimerReplaceRoot;
export type TimeSummaryDaily = te.TimeSummaryDaily;
export type TimeSummaryWeekly = te.TimeSummaryWeekly;
export type Timesheet = ts.Timesheet;
export type TimesheetStatus = ts.TimesheetStatus;
export type TimesheetAction = ts.TimesheetAction;
export type TimesheetActionBody = ts.TimesheetActionBody;
export type TimesheetHistory = ts.TimesheetHistory;
/** `GET /Manage/JobApprovals` item (extension): a sheet in JobHold waiting for its job's project manager. */
export interface JobApproval {
  ID: string;
  TimesheetID: string;
  JobID: string;
  UserID: string;
  StartDate: string;
  EndDate: string;
  Status: 'Pending';
}

export interface TimeEntryFilter {
  ID?: Many<string>;
  StartDate?: string;
  EndDate?: string;
  EntryDate?: Many<string>;
  JobID?: Many<string>;
  TaskID?: Many<string>;
  UserID?: Many<string>;
}
export interface TimesheetFilter {
  ID?: Many<string>;
  FromDate?: string;
  ToDate?: string;
  Status?: Many<TimesheetStatus>;
  UserID?: Many<string>;
  DivisionID?: Many<string>;
  EmploymentTypeID?: Many<string>;
}
export interface TimeSummaryParams {
  StartDate: string;
  EndDate: string;
  UserID?: Many<string>;
}

// ——— time off (API.md §4.11) ———
export type PersonTimeOffType = to.PersonTimeOffType;
export type TimeOffRequest = to.TimeOffRequest;
export type TimeOffRequestStatus = to.TimeOffRequestStatus;
export type TimeOffRequestCreateMe = to.TimeOffRequestCreateMe;
export type TimeOffRequestActionMe = to.TimeOffRequestActionMe;
/** Approve or Reject (`/TimeOffRequests`, `/Manage/TimeOffRequests`); Reject needs a Comment. */
export type TimeOffRequestAction = to.TimeOffRequestAction;
export interface TimeOffTypeFilter {
  ID?: Many<string>;
  Name?: string;
  IsActive?: boolean;
  RequiresApproval?: boolean;
}
export interface TimeOffRequestFilter {
  ID?: Many<string>;
  TimeOffTypeID?: Many<string>;
  Status?: Many<TimeOffRequestStatus>;
  FromDate?: string;
  ToDate?: string;
}
/** Filters of `/TimeOffRequests` and `/Manage/TimeOffRequests` (ApprovalByUserID: root only). */
export interface TimeOffRequestManageFilter extends TimeOffRequestFilter {
  RequestedByUserID?: Many<string>;
  ApprovalByUserID?: Many<string>;
  TimeOffID?: Many<string>;
}

// ——— reports (API.md §4.16) ———
export type ReportSummary = Static<typeof rep.Summary>;
export type ReportGroupBy =
  | 'Job'
  | 'Task'
  | 'User'
  | 'Month'
  | 'Date'
  | 'Task and User'
  | 'Job and Task'
  | 'Job and Month'
  | (string & {});
export interface ReportSummaryParams {
  GroupBy: ReportGroupBy;
  /** One of JobID or UserID is required. */
  JobID?: Many<string>;
  UserID?: Many<string>;
  TaskID?: Many<string>;
  JobIsActive?: boolean;
  TimesheetStatus?: Many<TimesheetStatus>;
  StartDate?: string;
  EndDate?: string;
}
export interface ReportExportParams {
  StartDate?: string;
  EndDate?: string;
  UserID?: Many<string>;
  JobID?: Many<string>;
  [name: string]: string | boolean | number | readonly string[] | undefined;
}

// ——— the web app's own endpoints (outside /v2) ———
export interface WebSession {
  UserID: string;
  CompanyID: string;
  Name: string;
  Email: string;
  SecurityLevel: SecurityLevel;
  CsrfToken: string;
  ExpiresAt?: string;
}

export interface SetupBody {
  CompanyName: string;
  AdminName?: string;
  AdminEmail: string;
  AdminPassword: string;
}
export interface SetupResult {
  CompanyID: string;
  UserID: string;
  Email: string;
  Token: string;
}
