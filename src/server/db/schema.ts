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

export interface WebSessionsTable {
  /** HMAC of the session cookie value: the cookie itself is never stored. */
  lookup: string;
  company_id: string;
  user_id: string;
  csrf_token: string;
  created_at: string;
  expires_at: string;
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
}
