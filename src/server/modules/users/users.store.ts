import { sql, type ExpressionBuilder, type Selectable } from 'kysely';
import type { Db } from '../../db/connect.js';
import type { Database, UsersTable } from '../../db/schema.js';
import type { AccessLevel, PermissionName, SecurityLevel } from '../../lib/permissions.js';
import type { Paging } from '../../http/paging.js';
import { withProfileDefaults, type Profile } from './users.profile.js';

export interface UserRecord {
  companyId: string;
  id: string;
  name: string;
  email: string;
  securityLevel: SecurityLevel;
  isActive: boolean;
  startDate: string | null;
  endDate: string | null;
  divisionId: string | null;
  employmentTypeId: string | null;
  timesheetApproverId: string | null;
  expenseApproverId: string | null;
  timeOffApproverId: string | null;
  subjectToTimesheetApproval: boolean;
  subjectToExpenseApproval: boolean;
  subjectToTimesheetCompletion: boolean;
  /** × 10^4 */
  billingRate: number | null;
  useCompanyBillingRate: boolean;
  /** × 10^4 */
  costRate: number | null;
  costModel: 'Hourly' | 'Salary';
  /** minor units */
  costPerTimesheet: number | null;
  defaultTaskId: string | null;
  defaultExpenseTypeId: string | null;
  defaultPaymentTypeId: string | null;
  profile: Profile;
  customFields: Record<string, unknown>;
  createdAt: string;
  updatedAt: string;
}

const b = (v: boolean): 0 | 1 => (v ? 1 : 0);

function toRecord(row: Selectable<UsersTable>): UserRecord {
  return {
    companyId: row.company_id,
    id: row.id,
    name: row.name,
    email: row.email,
    securityLevel: row.security_level,
    isActive: row.is_active === 1,
    startDate: row.start_date,
    endDate: row.end_date,
    divisionId: row.division_id,
    employmentTypeId: row.employment_type_id,
    timesheetApproverId: row.timesheet_approver_id,
    expenseApproverId: row.expense_approver_id,
    timeOffApproverId: row.time_off_approver_id,
    subjectToTimesheetApproval: row.subject_to_timesheet_approval === 1,
    subjectToExpenseApproval: row.subject_to_expense_approval === 1,
    subjectToTimesheetCompletion: row.subject_to_timesheet_completion === 1,
    billingRate: row.billing_rate === null ? null : Number(row.billing_rate),
    useCompanyBillingRate: row.use_company_billing_rate === 1,
    costRate: row.cost_rate === null ? null : Number(row.cost_rate),
    costModel: row.cost_model,
    costPerTimesheet: row.cost_per_timesheet === null ? null : Number(row.cost_per_timesheet),
    defaultTaskId: row.default_task_id,
    defaultExpenseTypeId: row.default_expense_type_id,
    defaultPaymentTypeId: row.default_payment_type_id,
    profile: withProfileDefaults(JSON.parse(row.attrs) as Partial<Profile>),
    customFields: JSON.parse(row.custom_fields) as Record<string, unknown>,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

function toRow(u: UserRecord): Selectable<UsersTable> {
  return {
    company_id: u.companyId,
    id: u.id,
    name: u.name,
    email: u.email,
    security_level: u.securityLevel,
    is_active: b(u.isActive),
    start_date: u.startDate,
    end_date: u.endDate,
    division_id: u.divisionId,
    employment_type_id: u.employmentTypeId,
    timesheet_approver_id: u.timesheetApproverId,
    expense_approver_id: u.expenseApproverId,
    time_off_approver_id: u.timeOffApproverId,
    subject_to_timesheet_approval: b(u.subjectToTimesheetApproval),
    subject_to_expense_approval: b(u.subjectToExpenseApproval),
    subject_to_timesheet_completion: b(u.subjectToTimesheetCompletion),
    billing_rate: u.billingRate,
    use_company_billing_rate: b(u.useCompanyBillingRate),
    cost_rate: u.costRate,
    cost_model: u.costModel,
    cost_per_timesheet: u.costPerTimesheet,
    default_task_id: u.defaultTaskId,
    default_expense_type_id: u.defaultExpenseTypeId,
    default_payment_type_id: u.defaultPaymentTypeId,
    attrs: JSON.stringify(u.profile),
    custom_fields: JSON.stringify(u.customFields),
    created_at: u.createdAt,
    updated_at: u.updatedAt,
  };
}

export async function insertUser(db: Db, user: UserRecord): Promise<void> {
  await db.insertInto('users').values(toRow(user)).execute();
}

/** Replaces every column of an existing user (the service merges the patch first). */
export async function saveUser(db: Db, user: UserRecord): Promise<void> {
  const { company_id, id, created_at, ...rest } = toRow(user);
  void created_at;
  await db.updateTable('users').set(rest).where('company_id', '=', company_id).where('id', '=', id).execute();
}

export async function findUser(db: Db, companyId: string, id: string): Promise<UserRecord | undefined> {
  const row = await db
    .selectFrom('users')
    .selectAll()
    .where('company_id', '=', companyId)
    .where('id', '=', id)
    .executeTakeFirst();
  return row && toRecord(row);
}

export async function findUsers(db: Db, companyId: string, ids: readonly string[]): Promise<UserRecord[]> {
  if (ids.length === 0) return [];
  const rows = await db
    .selectFrom('users')
    .selectAll()
    .where('company_id', '=', companyId)
    .where('id', 'in', [...new Set(ids)])
    .execute();
  return rows.map(toRecord);
}

export interface UserFilter {
  ids?: string[];
  names?: string[];
  emails?: string[];
  divisionIds?: string[];
  timesheetApproverIds?: string[];
  expenseApproverIds?: string[];
  employmentTypeIds?: string[];
  securityLevels?: SecurityLevel[];
  managerPermissions?: PermissionName[];
  isActive?: boolean[];
  subjectToTimesheetCompletion?: boolean[];
  /** Restrict to these divisions (a manager's Divisions scope). */
  scopeDivisionIds?: readonly string[];
  /** Restrict to nobody (a scope that covers no one). */
  none?: boolean;
  /** JobID (API.md §2.6): the service resolves it into jobUserIds / jobDivisionIds / none. */
  jobIds?: string[];
  /** People the job restriction lets use the JobID jobs: these people… */
  jobUserIds?: readonly string[];
  /** …or the people of these divisions. */
  jobDivisionIds?: readonly string[];
}

type UsersEb = ExpressionBuilder<Database, 'users'>;

function whereFilter(companyId: string, f: UserFilter) {
  return (eb: UsersEb) => {
    const lower = (col: 'users.name' | 'users.email') => sql<string>`lower(${sql.ref(col)})`;
    const conds = [eb('users.company_id', '=', companyId)];
    if (f.none) conds.push(eb('users.id', '=', ''));
    if (f.ids) conds.push(eb('users.id', 'in', f.ids));
    if (f.names)
      conds.push(
        eb(
          lower('users.name'),
          'in',
          f.names.map((n) => n.toLowerCase()),
        ),
      );
    if (f.emails)
      conds.push(
        eb(
          lower('users.email'),
          'in',
          f.emails.map((n) => n.toLowerCase()),
        ),
      );
    if (f.divisionIds) conds.push(eb('users.division_id', 'in', f.divisionIds));
    if (f.timesheetApproverIds) conds.push(eb('users.timesheet_approver_id', 'in', f.timesheetApproverIds));
    if (f.expenseApproverIds) conds.push(eb('users.expense_approver_id', 'in', f.expenseApproverIds));
    if (f.employmentTypeIds) conds.push(eb('users.employment_type_id', 'in', f.employmentTypeIds));
    if (f.securityLevels) conds.push(eb('users.security_level', 'in', f.securityLevels));
    if (f.isActive) conds.push(eb('users.is_active', 'in', f.isActive.map(b)));
    if (f.subjectToTimesheetCompletion) {
      conds.push(eb('users.subject_to_timesheet_completion', 'in', f.subjectToTimesheetCompletion.map(b)));
    }
    if (f.scopeDivisionIds) {
      conds.push(eb('users.division_id', 'in', f.scopeDivisionIds.length ? [...f.scopeDivisionIds] : ['']));
    }
    if (f.jobUserIds) conds.push(eb('users.id', 'in', f.jobUserIds.length ? [...f.jobUserIds] : ['']));
    if (f.jobDivisionIds) {
      conds.push(eb('users.division_id', 'in', f.jobDivisionIds.length ? [...f.jobDivisionIds] : ['']));
    }
    if (f.managerPermissions) {
      conds.push(
        eb.exists(
          eb
            .selectFrom('user_permissions as p')
            .select('p.user_id')
            .whereRef('p.company_id', '=', 'users.company_id')
            .whereRef('p.user_id', '=', 'users.id')
            .where('p.name', 'in', f.managerPermissions),
        ),
      );
    }
    return eb.and(conds);
  };
}

export async function listUsers(
  db: Db,
  companyId: string,
  filter: UserFilter,
  paging: Paging,
): Promise<{ rows: UserRecord[]; count: number }> {
  const where = whereFilter(companyId, filter);
  const [rows, count] = await Promise.all([
    db
      .selectFrom('users')
      .selectAll()
      .where(where)
      .orderBy('name')
      .orderBy('id')
      .limit(paging.limit)
      .offset(paging.offset)
      .execute(),
    db
      .selectFrom('users')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where(where)
      .executeTakeFirstOrThrow(),
  ]);
  return { rows: rows.map(toRecord), count: Number(count.n) };
}

export async function deleteUser(db: Db, companyId: string, id: string): Promise<void> {
  await db.deleteFrom('users').where('company_id', '=', companyId).where('id', '=', id).execute();
}

export async function countActiveAdmins(db: Db, companyId: string): Promise<number> {
  const row = await db
    .selectFrom('users')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('company_id', '=', companyId)
    .where('security_level', '=', 'ADMIN')
    .where('is_active', '=', 1)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/**
 * GET /Me in one query: the person, their sealed token, and whether they approve anybody's timesheets,
 * expenses or time off (indexed EXISTS probes).
 */
export async function findMe(db: Db, companyId: string, userId: string) {
  const approves = (column: 'timesheet_approver_id' | 'expense_approver_id' | 'time_off_approver_id') =>
    sql<number>`exists (select 1 from users a where a.company_id = u.company_id and a.${sql.ref(column)} = u.id)`;
  const row = await db
    .selectFrom('users as u')
    .innerJoin('accounts as acc', (j) =>
      j.onRef('acc.company_id', '=', 'u.company_id').onRef('acc.user_id', '=', 'u.id'),
    )
    .selectAll('u')
    .select(['acc.token_enc', 'acc.token_created_at'])
    .select([
      approves('timesheet_approver_id').as('approves_time'),
      approves('expense_approver_id').as('approves_expense'),
      approves('time_off_approver_id').as('approves_time_off'),
    ])
    .where('u.company_id', '=', companyId)
    .where('u.id', '=', userId)
    .executeTakeFirst();
  if (!row) return undefined;
  const { token_enc, token_created_at, approves_time, approves_expense, approves_time_off, ...user } = row;
  return {
    user: toRecord(user),
    tokenEnc: token_enc,
    tokenCreatedAt: token_created_at,
    // SQLite answers 0/1, PostgreSQL true/false.
    approver: {
      time: Boolean(approves_time),
      expense: Boolean(approves_expense),
      timeOff: Boolean(approves_time_off),
    },
  };
}

/** Users whose approver fields point at this user (blocks deleting the approver). */
export async function countApproverReferences(db: Db, companyId: string, userId: string): Promise<number> {
  const row = await db
    .selectFrom('users')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('company_id', '=', companyId)
    .where('id', '!=', userId)
    .where((eb) =>
      eb.or([
        eb('timesheet_approver_id', '=', userId),
        eb('expense_approver_id', '=', userId),
        eb('time_off_approver_id', '=', userId),
      ]),
    )
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** Users whose DefaultTaskID is this task (blocks deleting the task, DECISIONS 19). */
export async function countDefaultTaskReferences(db: Db, companyId: string, taskId: string): Promise<number> {
  const row = await db
    .selectFrom('users')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('company_id', '=', companyId)
    .where('default_task_id', '=', taskId)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

export async function listPermissions(
  db: Db,
  companyId: string,
  userId: string,
): Promise<{ name: string; accessLevel: AccessLevel }[]> {
  const rows = await db
    .selectFrom('user_permissions')
    .select(['name', 'access_level'])
    .where('company_id', '=', companyId)
    .where('user_id', '=', userId)
    .orderBy('name')
    .execute();
  return rows.map((r) => ({ name: r.name, accessLevel: r.access_level }));
}

export async function replacePermissions(
  db: Db,
  companyId: string,
  userId: string,
  permissions: { name: string; accessLevel: AccessLevel }[],
): Promise<void> {
  await db
    .deleteFrom('user_permissions')
    .where('company_id', '=', companyId)
    .where('user_id', '=', userId)
    .execute();
  if (permissions.length === 0) return;
  await db
    .insertInto('user_permissions')
    .values(
      permissions.map((p) => ({
        company_id: companyId,
        user_id: userId,
        name: p.name,
        access_level: p.accessLevel,
      })),
    )
    .execute();
}

export async function listPermissionDivisions(
  db: Db,
  companyId: string,
  userId: string,
  isActive?: boolean[],
): Promise<{ id: string; name: string; isActive: boolean }[]> {
  let q = db
    .selectFrom('user_permission_divisions as p')
    .innerJoin('divisions as d', (j) =>
      j.onRef('d.company_id', '=', 'p.company_id').onRef('d.id', '=', 'p.division_id'),
    )
    .select(['d.id', 'd.name', 'd.is_active'])
    .where('p.company_id', '=', companyId)
    .where('p.user_id', '=', userId);
  if (isActive) q = q.where('d.is_active', 'in', isActive.map(b));
  const rows = await q.orderBy('d.name').orderBy('d.id').execute();
  return rows.map((r) => ({ id: r.id, name: r.name, isActive: r.is_active === 1 }));
}

export async function replacePermissionDivisions(
  db: Db,
  companyId: string,
  userId: string,
  divisionIds: string[],
): Promise<void> {
  await db
    .deleteFrom('user_permission_divisions')
    .where('company_id', '=', companyId)
    .where('user_id', '=', userId)
    .execute();
  if (divisionIds.length === 0) return;
  await db
    .insertInto('user_permission_divisions')
    .values(
      [...new Set(divisionIds)].map((division_id) => ({
        company_id: companyId,
        user_id: userId,
        division_id,
      })),
    )
    .execute();
}

export async function insertInvitation(
  db: Db,
  inv: { companyId: string; userId: string; tokenLookup: string; expiresAt: string; createdAt: string },
): Promise<void> {
  await db
    .deleteFrom('invitations')
    .where('company_id', '=', inv.companyId)
    .where('user_id', '=', inv.userId)
    .execute();
  await db
    .insertInto('invitations')
    .values({
      company_id: inv.companyId,
      user_id: inv.userId,
      token_lookup: inv.tokenLookup,
      expires_at: inv.expiresAt,
      created_at: inv.createdAt,
    })
    .execute();
}

export async function findInvitation(
  db: Db,
  tokenLookup: string,
): Promise<{ companyId: string; userId: string; expiresAt: string } | undefined> {
  const row = await db
    .selectFrom('invitations')
    .select(['company_id', 'user_id', 'expires_at'])
    .where('token_lookup', '=', tokenLookup)
    .executeTakeFirst();
  return row && { companyId: row.company_id, userId: row.user_id, expiresAt: row.expires_at };
}

export async function deleteInvitation(db: Db, companyId: string, userId: string): Promise<void> {
  await db
    .deleteFrom('invitations')
    .where('company_id', '=', companyId)
    .where('user_id', '=', userId)
    .execute();
}
