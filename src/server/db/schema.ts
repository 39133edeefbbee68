/**
 * Kysely table types. Conventions (docs/adr/0003-storage.md): every tenant table carries company_id and
 * its keys start with it; booleans are 0/1 integers; calendar dates are YYYY-MM-DD text; instants are
 * ISO-8601 UTC strings once read (timestamptz in PostgreSQL); rates are integers scaled by 10^4 and money
 * is integer minor units. JSON columns hold text in both dialects.
 */
import type { Generated } from 'kysely';

export type Bool = 0 | 1;

export interface CompaniesTable {
  id: string;
  name: string;
  is_active: Bool;
  start_date: string;
  account_number: string;
  /** JSON object of the company settings that carry no relational meaning (wire names). */
  settings: string;
  created_at: string;
}

/**
 * The deployment-wide login directory: the one table that is not partitioned by company, because a
 * login email is unique across the deployment (DECISIONS 12) and a token must find its company.
 */
export interface AccountsTable {
  email_key: string;
  company_id: string;
  user_id: string;
  password_hash: string | null;
  /** HMAC-SHA256 of the token under the server key: the lookup key, never the token itself. */
  token_lookup: string;
  /** The token encrypted with AES-256-GCM under the server key, so GET /Me can return it. */
  token_enc: string;
  token_created_at: string;
}

export interface UsersTable {
  company_id: string;
  id: string;
  name: string;
  email: string;
  security_level: 'STANDARD' | 'MANAGER' | 'ADMIN';
  is_active: Bool;
  start_date: string | null;
  end_date: string | null;
  division_id: string | null;
  employment_type_id: string | null;
  timesheet_approver_id: string | null;
  expense_approver_id: string | null;
  time_off_approver_id: string | null;
  subject_to_timesheet_approval: Bool;
  subject_to_expense_approval: Bool;
  subject_to_timesheet_completion: Bool;
  /** Hourly billing rate × 10^4. */
  billing_rate: number | null;
  use_company_billing_rate: Bool;
  /** Hourly cost rate × 10^4. */
  cost_rate: number | null;
  cost_model: 'Hourly' | 'Salary';
  /** Salary cost per timesheet in minor units. */
  cost_per_timesheet: number | null;
  default_task_id: string | null;
  default_expense_type_id: string | null;
  default_payment_type_id: string | null;
  /** JSON object of preference and profile fields (wire names) that no query filters on. */
  attrs: string;
  custom_fields: string;
  created_at: string;
  updated_at: string;
}

export interface DivisionsTable {
  company_id: string;
  id: string;
  name: string;
  is_active: Bool;
  notes: string;
  accounting_package_id: string;
  custom_fields: string;
  created_at: string;
}

export interface EmploymentTypesTable {
  company_id: string;
  id: string;
  name: string;
  is_active: Bool;
  notes: string;
  accounting_package_id: string;
  created_at: string;
}

export interface UserPermissionsTable {
  company_id: string;
  user_id: string;
  name: string;
  access_level: 'All' | 'Divisions' | 'Projects';
}

export interface UserPermissionDivisionsTable {
  company_id: string;
  user_id: string;
  division_id: string;
}

export interface InvitationsTable {
  company_id: string;
  user_id: string;
  token_lookup: string;
  expires_at: string;
  created_at: string;
}

export interface LoginFailuresTable {
  id: Generated<number>;
  key: string;
  at_ms: number;
}

/** Custom-field definitions (DECISIONS 11); values live in each entity's custom_fields JSON column. */
export interface CustomFieldDefinitionsTable {
  company_id: string;
  id: string;
  entity_type: 'Client' | 'Job' | 'Task' | 'User' | 'Division' | 'TimeEntry';
  name: string;
  display_name: string;
  data_type: 'Text' | 'Number' | 'Date' | 'Checkbox' | 'Pulldown';
  is_required: Bool;
  /** JSON array of strings. */
  pulldown_values: string;
  created_at: string;
  deleted_at: string | null;
}

export interface ClientsTable {
  company_id: string;
  id: string;
  name: string;
  short_name: string;
  client_number: string;
  is_active: Bool;
  list_display_text: string;
  notes: string;
  accounting_package_id: string;
  /** × 10^4 */
  billing_rate: number | null;
  secondary_billing_rate_mode: 'INHERIT' | 'CUSTOM' | 'FLAT';
  is_eligible_time_off_allocation: Bool;
  custom_fields: string;
  created_at: string;
  updated_at: string;
}

export interface JobsTable {
  company_id: string;
  id: string;
  name: string;
  job_number: string;
  client_id: string;
  is_active: Bool;
  start_date: string | null;
  end_date: string | null;
  list_display_text: string;
  notes: string;
  accounting_package_id: string;
  is_billable: Bool;
  /** × 10^4 */
  billing_rate: number | null;
  use_company_billing_rate: Bool;
  secondary_billing_rate_mode: 'INHERIT' | 'CUSTOM' | 'FLAT';
  project_manager_id: string | null;
  time_requires_approval: Bool;
  include_in_rm: Bool;
  is_eligible_time_off_allocation: Bool;
  custom_fields: string;
  created_at: string;
  updated_at: string;
}

export interface TasksTable {
  company_id: string;
  id: string;
  name: string;
  task_code: string;
  is_active: Bool;
  list_display_text: string;
  notes: string;
  accounting_package_id: string;
  is_billable: Bool;
  /** × 10^4 */
  billing_rate: number | null;
  use_company_billing_rate: Bool;
  custom_fields: string;
  created_at: string;
  updated_at: string;
}

/** Association rows (API.md §4.17); `seq` orders them newest first. */
interface AssociationColumns {
  company_id: string;
  seq: number;
  created_at: string;
}
export interface JobTasksTable extends AssociationColumns {
  job_id: string;
  task_id: string;
}
export interface JobUsersTable extends AssociationColumns {
  job_id: string;
  user_id: string;
}
export interface JobDivisionsTable extends AssociationColumns {
  job_id: string;
  division_id: string;
}
export interface MyJobsTable extends AssociationColumns {
  user_id: string;
  job_id: string;
}
export interface MyTasksTable extends AssociationColumns {
  user_id: string;
  task_id: string;
}

/** Expense types (DECISIONS 25). `rate` is the mileage rate × 10^4 for Mileage types, else null. */
export interface ExpenseTypesTable {
  company_id: string;
  id: string;
  name: string;
  type: 'Amount' | 'Mileage';
  rate: number | null;
  is_active: Bool;
  description: string;
  accounting_package_id: string;
  created_at: string;
}

export interface PaymentTypesTable {
  company_id: string;
  id: string;
  name: string;
  reimbursable: Bool;
  is_active: Bool;
  description: string;
  accounting_package_id: string;
  created_at: string;
}

/** Expense sheets; the three totals always equal the sums over the sheet's items (minor units). */
export interface ExpenseSheetsTable {
  company_id: string;
  id: string;
  user_id: string;
  title: string;
  expense_sheet_date: string;
  description: string;
  tracking_id: string;
  enable_foreign_currency: Bool;
  status: 'open' | 'waiting' | 'approved' | 'rejected' | 'paid';
  check_number: string | null;
  comment: string | null;
  total_amount: number;
  reimbursable_amount: number;
  item_count: number;
  submitted_by_user_id: string | null;
  submitted_at: string | null;
  approved_by_user_id: string | null;
  approved_at: string | null;
  rejected_by_user_id: string | null;
  rejected_at: string | null;
  paid_by_user_id: string | null;
  paid_at: string | null;
  created_at: string;
  updated_at: string;
}

/**
 * Expense items. `amount` in minor units; `quantity` and `rate` × 10^4; `amount_foreign` × 10^4 and
 * `amount_foreign_exchange_rate` × 10^6. `user_id` repeats the sheet's owner (enforced by a foreign key).
 */
export interface ExpenseItemsTable {
  company_id: string;
  id: string;
  expense_sheet_id: string;
  user_id: string;
  expense_date: string;
  expense_type_id: string;
  payment_type_id: string;
  description: string;
  comment: string;
  amount: number;
  quantity: number | null;
  rate: number | null;
  rate_overridden: Bool;
  amount_foreign: number | null;
  amount_foreign_currency: string | null;
  amount_foreign_exchange_rate: number | null;
  billable: Bool;
  reimbursable: Bool;
  job_id: string | null;
  task_id: string | null;
  has_receipt: Bool;
  created_at: string;
  updated_at: string;
}

export interface ExpenseReceiptsTable {
  company_id: string;
  expense_item_id: string;
  file_type: string;
  size_bytes: number;
  data: Buffer;
  created_at: string;
}

export interface ExpenseSheetHistoryTable {
  company_id: string;
  expense_sheet_id: string;
  seq: number;
  action: string;
  action_by_user_id: string | null;
  action_by_user_name: string;
  comment: string | null;
  created_at: string;
}

export interface WebSessionsTable {
  /** HMAC of the session cookie value: the cookie itself is never stored. */
  lookup: string;
  company_id: string;
  user_id: string;
  csrf_token: string;
  created_at: string;
  expires_at: string;
}

export type TimesheetStatus =
  'Open' | 'JobHold' | 'TORAHold' | 'Waiting' | 'Locked' | 'Approved' | 'Rejected';

/** One person's timesheet for one period (DECISIONS 28; docs/adr/0007-timesheet-periods.md). */
export interface TimesheetsTable {
  company_id: string;
  id: string;
  user_id: string;
  start_date: string;
  end_date: string;
  status: TimesheetStatus;
  /** The status Lock replaced (restored by Unlock); non-null exactly while Locked. */
  status_before_lock: TimesheetStatus | null;
  has_been_submitted: Bool;
  submitted_by_user_id: string | null;
  submitted_at: string | null;
  approved_by_user_id: string | null;
  approved_at: string | null;
  rejected_by_user_id: string | null;
  rejected_at: string | null;
  comment: string | null;
  created_at: string;
  updated_at: string;
}

export interface TimesheetHistoryTable {
  company_id: string;
  timesheet_id: string;
  seq: number;
  action: string;
  action_by_user_id: string | null;
  action_by_user_name: string;
  comment: string | null;
  has_attestation: Bool;
  job_id: string | null;
  job_status: 'Approved' | 'Rejected' | null;
  created_at: string;
}

/** A job (project) approval of one sheet's time on one job (docs/adr/0007-timesheet-periods.md). */
export interface TimesheetJobApprovalsTable {
  company_id: string;
  id: string;
  timesheet_id: string;
  job_id: string;
  status: 'pending' | 'approved' | 'rejected';
  decided_by: string | null;
  decided_at: string | null;
  comment: string | null;
  created_at: string;
}

/** Time entries (API.md §4.9, §6.1): hours and break × 10^4, rates × 10^4, times of day HH:MM. */
export interface TimeEntriesTable {
  company_id: string;
  id: string;
  user_id: string;
  date: string;
  job_id: string;
  task_id: string;
  hours: number;
  break_time: number;
  start_time: string | null;
  end_time: string | null;
  comment: string;
  billing_rate: number;
  cost_rate: number;
  is_billable: Bool;
  custom_fields: string;
  created_at: string;
  updated_at: string;
}

/** Stopwatch timers on time entries; at most one running per person. */
export interface TimersTable {
  company_id: string;
  id: string;
  user_id: string;
  time_entry_id: string;
  time_entry_date: string;
  initial_seconds: number;
  is_running: Bool;
  created_at: string;
  updated_at: string;
}

export interface TimerIntervalsTable {
  company_id: string;
  id: string;
  timer_id: string;
  seq: number;
  start_at: string;
  end_at: string | null;
  time_zone_offset: string;
}

/** Leave types (API.md §4.11; docs/adr/0008-time-off-balances.md). Hours and balances × 10^4. */
export interface TimeOffTypesTable {
  company_id: string;
  id: string;
  name: string;
  is_active: Bool;
  notes: string;
  requires_approval: Bool;
  default_approver_id: string | null;
  default_accrual_rate: number;
  default_maximum_balance: number | null;
  default_starting_balance: number;
  display_on_time_entry_pages: Bool;
  accounting_package_id: string;
  custom_fields: string;
  created_at: string;
  updated_at: string;
}

/** A person's own balance settings for one leave type (without a row, the type's defaults apply). */
export interface UserTimeOffTypesTable {
  company_id: string;
  user_id: string;
  time_off_type_id: string;
  starting_balance: number;
  accrual_rate: number;
  accrual_start_date: string;
  maximum_balance: number | null;
  updated_at: string;
}

export interface TimeOffBalanceAdjustmentsTable {
  company_id: string;
  user_id: string;
  time_off_type_id: string;
  seq: number;
  action: 'Set';
  date: string;
  hours: number;
  notes: string;
  action_by_user_id: string | null;
  action_by_user_name: string;
  created_at: string;
}

export type TimeOffRequestStatus = 'Submitted' | 'Approved' | 'Rejected' | 'Cancelled';

export interface TimeOffRequestsTable {
  company_id: string;
  id: string;
  user_id: string;
  time_off_type_id: string;
  notes: string;
  status: TimeOffRequestStatus;
  approval_by_user_id: string | null;
  created_by_user_id: string | null;
  first_date: string;
  last_date: string;
  created_at: string;
  updated_at: string;
}

export interface TimeOffRequestDatesTable {
  company_id: string;
  time_off_request_id: string;
  date: string;
  hours: number;
}

export interface TimeOffRequestHistoryTable {
  company_id: string;
  time_off_request_id: string;
  seq: number;
  status: TimeOffRequestStatus;
  action_by_user_id: string | null;
  action_by_user_name: string;
  comment: string | null;
  created_at: string;
}

/** Time-off entries: hours of leave on a day (× 10^4). */
export interface TimeOffTable {
  company_id: string;
  id: string;
  user_id: string;
  date: string;
  time_off_type_id: string;
  hours: number;
  notes: string;
  time_off_request_id: string | null;
  created_by_user_id: string | null;
  created_at: string;
  updated_at: string;
}

export interface EmploymentTypeTimeOffTypesTable extends AssociationColumns {
  employment_type_id: string;
  time_off_type_id: string;
}

export interface HolidayTypesTable {
  company_id: string;
  id: string;
  name: string;
  is_active: Bool;
  notes: string;
  accounting_package_id: string;
  custom_fields: string;
  created_at: string;
  updated_at: string;
}

export interface HolidaysTable {
  company_id: string;
  id: string;
  holiday_type_id: string;
  date: string;
  hours: number;
  notes: string;
  created_at: string;
  updated_at: string;
}

export interface EmploymentTypeHolidayTypesTable extends AssociationColumns {
  employment_type_id: string;
  holiday_type_id: string;
}

/** A change to one derived holiday entry (holiday × person): other hours or notes, or removed. */
export interface HolidayEntryOverridesTable {
  company_id: string;
  holiday_id: string;
  user_id: string;
  hours: number | null;
  notes: string | null;
  is_deleted: Bool;
  updated_at: string;
}

export interface BillingRatesTable {
  company_id: string;
  kind: 'TASK_JOB' | 'TASK_USER' | 'USER_CLIENT' | 'USER_JOB';
  first_id: string;
  second_id: string;
  /** × 10^4 */
  billing_rate: number;
  updated_at: string;
}

export interface LabelsTable {
  company_id: string;
  id: string;
  name: string;
  is_active: Bool;
  notes: string;
  created_at: string;
}

export interface LabelEventsTable {
  company_id: string;
  id: string;
  label_id: string;
  entity_type: 'TimeEntry' | 'Job' | 'User' | 'Task' | 'Client';
  /** YYYY-MM-DD; null is an open end. */
  start_date: string | null;
  end_date: string | null;
  created_at: string;
}

export interface LabelEventEntitiesTable {
  company_id: string;
  event_id: string;
  entity_id: string;
}

export interface Database {
  web_sessions: WebSessionsTable;
  companies: CompaniesTable;
  accounts: AccountsTable;
  users: UsersTable;
  divisions: DivisionsTable;
  employment_types: EmploymentTypesTable;
  user_permissions: UserPermissionsTable;
  user_permission_divisions: UserPermissionDivisionsTable;
  invitations: InvitationsTable;
  login_failures: LoginFailuresTable;
  custom_field_definitions: CustomFieldDefinitionsTable;
  clients: ClientsTable;
  jobs: JobsTable;
  tasks: TasksTable;
  job_tasks: JobTasksTable;
  job_users: JobUsersTable;
  job_divisions: JobDivisionsTable;
  my_jobs: MyJobsTable;
  my_tasks: MyTasksTable;
  expense_types: ExpenseTypesTable;
  payment_types: PaymentTypesTable;
  expense_sheets: ExpenseSheetsTable;
  expense_items: ExpenseItemsTable;
  expense_receipts: ExpenseReceiptsTable;
  expense_sheet_history: ExpenseSheetHistoryTable;
  timesheets: TimesheetsTable;
  timesheet_history: TimesheetHistoryTable;
  timesheet_job_approvals: TimesheetJobApprovalsTable;
  time_entries: TimeEntriesTable;
  timers: TimersTable;
  timer_intervals: TimerIntervalsTable;
  time_off_types: TimeOffTypesTable;
  user_time_off_types: UserTimeOffTypesTable;
  time_off_balance_adjustments: TimeOffBalanceAdjustmentsTable;
  time_off_requests: TimeOffRequestsTable;
  time_off_request_dates: TimeOffRequestDatesTable;
  time_off_request_history: TimeOffRequestHistoryTable;
  time_off: TimeOffTable;
  employment_type_time_off_types: EmploymentTypeTimeOffTypesTable;
  holiday_types: HolidayTypesTable;
  holidays: HolidaysTable;
  employment_type_holiday_types: EmploymentTypeHolidayTypesTable;
  holiday_entry_overrides: HolidayEntryOverridesTable;
  billing_rates: BillingRatesTable;
  labels: LabelsTable;
  label_events: LabelEventsTable;
  label_event_entities: LabelEventEntitiesTable;
}
