/**
 * People: the rules for creating, changing, listing and deleting users, their permissions and their
 * API tokens. The /Me, root and /Manage route sets all call these; the scope only decides whom the
 * actor may act for (DESIGN: one resource module).
 */
import type { MeUpdate, UserCreate, UserUpdate } from '../../../contract/users.js';
import type { Deps } from '../../deps.js';
import { AppError, FieldErrors, forbidden, notFound } from '../../errors.js';
import type { Paging } from '../../http/paging.js';
import { MONEY_SCALE, RATE_SCALE, toScaled } from '../../lib/decimal.js';
import {
  ACCESS_LEVELS,
  canonicalPermission,
  scopeOf,
  type AccessLevel,
  type Actor,
  type PermissionName,
  type Scope,
} from '../../lib/permissions.js';
import {
  emailInUse,
  insertAccount,
  updateAccountEmail,
  updateAccountPassword,
  updateAccountToken,
} from '../../auth/accounts.store.js';
import { hashPassword, passwordProblem } from '../../auth/passwords.js';
import { findDivisions } from '../divisions/index.js';
import { findEmploymentTypes } from '../employment-types/index.js';
import { checkCustomFields } from '../custom-fields/index.js';
import { findExpenseTypes, findPaymentTypes } from '../expenses/index.js';
import {
  findTasks,
  registerReferenceCheck,
  usersWhoMayUseJobs,
  type PeopleOfJobs,
} from '../master-data/index.js';
import { basicUser, type UserEmbeds } from './users.mapper.js';
import {
  canAddEditPeopleEverywhere,
  canDeletePeople,
  canListPeople,
  canManagePermissions,
  canSetBillingRates,
  canSetCosts,
  canSetSecurityLevel,
  inScope,
  manageEditScope,
  manageViewScope,
} from './users.policy.js';
import { PROFILE_KEYS, type Profile } from './users.profile.js';
import { newUserRecordFor } from './users.onboarding.js';
import { isDefaultLeaveTypeApprover } from '../time-off/index.js';
import {
  countActiveAdmins,
  countApproverReferences,
  countDefaultTaskReferences,
  deleteUser,
  findMe,
  findUser,
  findUsers,
  insertInvitation,
  insertUser,
  listPermissionDivisions,
  listPermissions,
  listUsers,
  replacePermissionDivisions,
  replacePermissions,
  saveUser,
  type UserFilter,
  type UserRecord,
} from './users.store.js';

export type PeopleScope = 'root' | 'manage';

// A task that is somebody's DefaultTaskID cannot be deleted (DECISIONS 19).
registerReferenceCheck('Task', 'users.default-task', async (db, companyId, taskId) =>
  (await countDefaultTaskReferences(db, companyId, taskId)) > 0
    ? 'people who have it as their default task'
    : null,
);

const INVITATION_DAYS = 14;

// ——— reading ———

export interface ListPeopleQuery {
  filter: UserFilter;
  withPermission?: PermissionName;
  paging: Paging;
}

function divisionRestriction(scope: Scope): Partial<UserFilter> {
  switch (scope.kind) {
    case 'all':
      return {};
    case 'divisions':
      return { scopeDivisionIds: scope.divisionIds };
    case 'projects':
    case 'none':
      // A Projects scope covers people through the jobs a manager runs; with no such link yet, nobody.
      return { none: true };
  }
}

function viewScopeFor(actor: Actor, scope: PeopleScope): Scope {
  if (scope === 'root') {
    if (!canListPeople(actor)) throw forbidden('Only Admins and Managers can see people.');
    return { kind: 'all' };
  }
  const s = manageViewScope(actor);
  if (s.kind === 'none') throw forbidden('You need the View People permission.');
  return s;
}

/** JobID: the people the company's job restriction lets use any of these jobs. */
function jobRestriction(people: PeopleOfJobs): Partial<UserFilter> {
  switch (people.kind) {
    case 'everyone':
      return {};
    case 'nobody':
      return { none: true };
    case 'divisions':
      return { jobDivisionIds: people.divisionIds };
    case 'people':
      return { jobUserIds: people.userIds };
  }
}

export async function listPeople(deps: Deps, actor: Actor, scope: PeopleScope, q: ListPeopleQuery) {
  const viewScope = viewScopeFor(actor, scope);
  const filter: UserFilter = { ...q.filter, ...divisionRestriction(viewScope) };
  if (q.withPermission) Object.assign(filter, divisionRestriction(scopeOf(actor, q.withPermission)));
  if (filter.jobIds)
    Object.assign(filter, jobRestriction(await usersWhoMayUseJobs(deps, actor.companyId, filter.jobIds)));
  return listUsers(deps.db, actor.companyId, filter, q.paging);
}

export async function getPerson(
  deps: Deps,
  actor: Actor,
  scope: PeopleScope,
  id: string,
): Promise<UserRecord> {
  const viewScope = viewScopeFor(actor, scope);
  const user = await findUser(deps.db, actor.companyId, id);
  if (!user || !inScope(viewScope, user)) throw notFound('user');
  return user;
}

/** Related objects for Verbose=true, fetched in bulk for a page of people. */
export async function loadEmbeds(deps: Deps, companyId: string, users: UserRecord[]): Promise<UserEmbeds> {
  const ids = (pick: (u: UserRecord) => string | null) =>
    users.map(pick).filter((v): v is string => v !== null);
  const [divisions, types, approvers] = await Promise.all([
    findDivisions(
      deps.db,
      companyId,
      ids((u) => u.divisionId),
    ),
    findEmploymentTypes(
      deps.db,
      companyId,
      ids((u) => u.employmentTypeId),
    ),
    findUsers(deps.db, companyId, [
      ...ids((u) => u.timesheetApproverId),
      ...ids((u) => u.expenseApproverId),
      ...ids((u) => u.timeOffApproverId),
    ]),
  ]);
  return {
    divisions: new Map(divisions.map((d) => [d.id, { ID: d.id, Name: d.name, IsActive: d.isActive }])),
    employmentTypes: new Map(types.map((t) => [t.id, { ID: t.id, Name: t.name, IsActive: t.isActive }])),
    users: new Map(approvers.map((u) => [u.id, basicUser(u)])),
  };
}

// ——— writing ———

type Writable = UserUpdate & { SecurityLevel?: UserRecord['securityLevel'] };

interface ApplyContext {
  actor: Actor;
  prefix: string;
  errors: FieldErrors;
  warnings: string[];
}

const at = (prefix: string, field: string) => (prefix ? `${prefix}.${field}` : field);

function scaled(
  value: number | null | undefined,
  scale: number,
  field: string,
  ctx: ApplyContext,
): number | null | undefined {
  if (value === undefined || value === null) return value;
  const s = toScaled(value, scale);
  if (!s || !s.exact) {
    ctx.errors.add(at(ctx.prefix, field), `${field} may have at most ${scale} decimal places.`, [
      'invalid_field',
    ]);
    return undefined;
  }
  return s.value;
}

/** Applies wire input to a record in place, collecting every problem. */
function applyInput(user: UserRecord, input: Writable, ctx: ApplyContext): void {
  const { actor } = ctx;
  if (input.Name !== undefined) user.name = input.Name.trim();
  if (input.Email !== undefined) user.email = input.Email.trim();
  if (input.IsActive !== undefined) user.isActive = input.IsActive;
  if (input.StartDate !== undefined) user.startDate = input.StartDate;
  if (input.EndDate !== undefined) user.endDate = input.EndDate;
  if (input.DivisionID !== undefined) user.divisionId = input.DivisionID;
  if (input.EmploymentTypeID !== undefined) user.employmentTypeId = input.EmploymentTypeID;
  if (input.SubjectToTimesheetApproval !== undefined)
    user.subjectToTimesheetApproval = input.SubjectToTimesheetApproval;
  if (input.SubjectToExpenseApproval !== undefined)
    user.subjectToExpenseApproval = input.SubjectToExpenseApproval;
  if (input.SubjectToTimesheetCompletion !== undefined) {
    user.subjectToTimesheetCompletion = input.SubjectToTimesheetCompletion;
  }
  if (input.TimesheetApproverID !== undefined) user.timesheetApproverId = input.TimesheetApproverID;
  if (input.ExpenseApproverID !== undefined) user.expenseApproverId = input.ExpenseApproverID;
  if (input.TimeOffApproverID !== undefined) user.timeOffApproverId = input.TimeOffApproverID;
  if (input.DefaultTaskID !== undefined) user.defaultTaskId = input.DefaultTaskID;
  if (input.DefaultExpenseTypeID !== undefined) user.defaultExpenseTypeId = input.DefaultExpenseTypeID;
  if (input.DefaultPaymentTypeID !== undefined) user.defaultPaymentTypeId = input.DefaultPaymentTypeID;
  if (input.SecurityLevel !== undefined) user.securityLevel = input.SecurityLevel;

  const profile: Record<string, unknown> = { ...user.profile };
  for (const key of PROFILE_KEYS) {
    const value = (input as Record<string, unknown>)[key];
    if (value !== undefined) profile[key] = typeof value === 'string' ? value.trim() : value;
  }
  user.profile = profile as Profile;

  const money = ['BillingRate', 'UseCompanyBillingRate'] as const;
  if (money.some((f) => input[f] !== undefined)) {
    if (canSetBillingRates(actor)) {
      const rate = scaled(input.BillingRate, RATE_SCALE, 'BillingRate', ctx);
      if (rate !== undefined) user.billingRate = rate;
      if (input.UseCompanyBillingRate !== undefined) user.useCompanyBillingRate = input.UseCompanyBillingRate;
    } else
      ctx.warnings.push(
        'BillingRate and UseCompanyBillingRate were ignored: they need Add/Edit Billingrates.',
      );
  }
  const costs = ['CostRate', 'CostModel', 'CostPerTimesheet'] as const;
  if (costs.some((f) => input[f] !== undefined)) {
    if (canSetCosts(actor)) {
      const costRate = scaled(input.CostRate, RATE_SCALE, 'CostRate', ctx);
      if (costRate !== undefined) user.costRate = costRate;
      if (input.CostModel !== undefined) user.costModel = input.CostModel;
      const perSheet = scaled(input.CostPerTimesheet, MONEY_SCALE, 'CostPerTimesheet', ctx);
      if (perSheet !== undefined) user.costPerTimesheet = perSheet;
    } else
      ctx.warnings.push('CostRate, CostModel and CostPerTimesheet were ignored: they need Add/Edit Costs.');
  }

  // Rules between fields (API.md §4.3).
  if (!user.subjectToTimesheetApproval) {
    if (input.TimesheetApproverID) {
      ctx.errors.add(
        at(ctx.prefix, 'TimesheetApproverID'),
        'TimesheetApproverID can be set only when SubjectToTimesheetApproval is true.',
        ['invalid_field'],
      );
    }
    user.timesheetApproverId = null;
  }
  if (!user.subjectToExpenseApproval) {
    if (input.ExpenseApproverID) {
      ctx.errors.add(
        at(ctx.prefix, 'ExpenseApproverID'),
        'ExpenseApproverID can be set only when SubjectToExpenseApproval is true.',
        ['invalid_field'],
      );
    }
    user.expenseApproverId = null;
  }
  if (user.costModel !== 'Salary') {
    if (input.CostPerTimesheet !== undefined && input.CostPerTimesheet !== null && canSetCosts(actor)) {
      ctx.errors.add(
        at(ctx.prefix, 'CostPerTimesheet'),
        'CostPerTimesheet can be set only when CostModel is Salary.',
        ['invalid_field'],
      );
    }
    user.costPerTimesheet = null;
  }
  if (user.startDate && user.endDate && user.endDate < user.startDate) {
    ctx.errors.add(at(ctx.prefix, 'EndDate'), 'EndDate must not be before StartDate.', ['invalid_field']);
  }
  if (user.name === '') ctx.errors.add(at(ctx.prefix, 'Name'), 'Name must not be empty.', ['invalid_field']);
}

/** Checks that every referenced division, employment type and approver exists in this company. */
async function checkReferences(
  deps: Deps,
  companyId: string,
  items: { user: UserRecord; prefix: string }[],
  errors: FieldErrors,
) {
  await checkDefaults(deps, companyId, items, errors);
  const collect = (pick: (u: UserRecord) => string | null) =>
    items.map((i) => pick(i.user)).filter((v): v is string => v !== null);
  const [divisions, types, approvers] = await Promise.all([
    findDivisions(
      deps.db,
      companyId,
      collect((u) => u.divisionId),
    ),
    findEmploymentTypes(
      deps.db,
      companyId,
      collect((u) => u.employmentTypeId),
    ),
    findUsers(deps.db, companyId, [
      ...collect((u) => u.timesheetApproverId),
      ...collect((u) => u.expenseApproverId),
      ...collect((u) => u.timeOffApproverId),
    ]),
  ]);
  const divisionIds = new Set(divisions.map((d) => d.id));
  const typeIds = new Set(types.map((t) => t.id));
  const approverById = new Map(approvers.map((a) => [a.id, a]));
  for (const { user, prefix } of items) {
    if (user.divisionId !== null && !divisionIds.has(user.divisionId)) {
      errors.add(at(prefix, 'DivisionID'), 'DivisionID does not name a division of this company.', [
        'invalid_field',
      ]);
    }
    if (user.employmentTypeId !== null && !typeIds.has(user.employmentTypeId)) {
      errors.add(
        at(prefix, 'EmploymentTypeID'),
        'EmploymentTypeID does not name an employment type of this company.',
        ['invalid_field'],
      );
    }
    for (const [field, id] of [
      ['TimesheetApproverID', user.timesheetApproverId],
      ['ExpenseApproverID', user.expenseApproverId],
      ['TimeOffApproverID', user.timeOffApproverId],
    ] as const) {
      if (id === null) continue;
      const approver = approverById.get(id);
      if (!approver) {
        errors.add(at(prefix, field), `${field} does not name a person of this company.`, ['invalid_field']);
      } else if (approver.securityLevel === 'STANDARD') {
        errors.add(at(prefix, field), `${field} must name a Manager or an Admin.`, ['invalid_field']);
      }
    }
  }
}

/** DefaultTaskID, DefaultExpenseTypeID and DefaultPaymentTypeID must name records of this company. */
async function checkDefaults(
  deps: Deps,
  companyId: string,
  items: { user: UserRecord; prefix: string }[],
  errors: FieldErrors,
) {
  const ids = (pick: (u: UserRecord) => string | null) =>
    items.map((i) => pick(i.user)).filter((v): v is string => v !== null);
  const [tasks, expenseTypes, paymentTypes] = await Promise.all([
    findTasks(
      deps.db,
      companyId,
      ids((u) => u.defaultTaskId),
    ),
    findExpenseTypes(
      deps.db,
      companyId,
      ids((u) => u.defaultExpenseTypeId),
    ),
    findPaymentTypes(
      deps.db,
      companyId,
      ids((u) => u.defaultPaymentTypeId),
    ),
  ]);
  const checks = [
    ['DefaultTaskID', 'a task', new Set(tasks.map((t) => t.id)), (u: UserRecord) => u.defaultTaskId],
    [
      'DefaultExpenseTypeID',
      'an expense type',
      new Set(expenseTypes.map((t) => t.id)),
      (u: UserRecord) => u.defaultExpenseTypeId,
    ],
    [
      'DefaultPaymentTypeID',
      'a payment type',
      new Set(paymentTypes.map((t) => t.id)),
      (u: UserRecord) => u.defaultPaymentTypeId,
    ],
  ] as const;
  for (const { user, prefix } of items) {
    for (const [field, what, found, pick] of checks) {
      const id = pick(user);
      if (id !== null && !found.has(id)) {
        errors.add(at(prefix, field), `${field} does not name ${what} of this company.`, ['invalid_field']);
      }
    }
  }
}

const newUserRecord = newUserRecordFor;

/** The /Users/new template: a new person with the company's defaults, nothing stored. */
export function newPersonTemplate(deps: Deps, actor: Actor): UserRecord {
  const template = newUserRecord(deps, actor.companyId, deps.clock().toISOString());
  template.id = '';
  return template;
}

export interface Invitation {
  UserID: string;
  Email: string;
  URL: string;
  ExpiresAt: string;
}

export interface CreatePeopleResult {
  users: UserRecord[];
  invitations: Invitation[];
  warnings: string[];
}

function issueToken(deps: Deps, now: string) {
  const token = deps.newToken();
  return { token, lookup: deps.keys.lookup(token), enc: deps.keys.encrypt(token), createdAt: now };
}

/**
 * Creates one or many people atomically (DECISIONS 8). Without a Password, each gets an invitation
 * link to set one (DECISIONS 24). Every person gets an API token at once.
 */
export async function createPeople(
  deps: Deps,
  actor: Actor,
  scope: PeopleScope,
  inputs: (UserCreate & { SecurityLevel?: UserRecord['securityLevel'] })[],
  options: { batch: boolean; baseUrl: string },
): Promise<CreatePeopleResult> {
  const editScope: Scope = scope === 'root' ? { kind: 'all' } : manageEditScope(actor);
  if (scope === 'root' ? !canAddEditPeopleEverywhere(actor) : editScope.kind === 'none') {
    throw forbidden('You need the Add/Edit People permission.');
  }
  const now = deps.clock().toISOString();
  const errors = new FieldErrors();
  const warnings: string[] = [];
  const items: { user: UserRecord; prefix: string; password?: string }[] = [];
  const seenEmails = new Map<string, string>();

  for (const [i, raw] of inputs.entries()) {
    const prefix = options.batch ? `[${i}]` : '';
    const input = { ...raw };
    if (input.SecurityLevel !== undefined && scope === 'manage') delete input.SecurityLevel;
    if (
      input.SecurityLevel !== undefined &&
      input.SecurityLevel !== 'STANDARD' &&
      !canSetSecurityLevel(actor)
    ) {
      throw forbidden('Only an Admin can set SecurityLevel.');
    }
    const user = newUserRecord(deps, actor.companyId, now);
    applyInput(user, input, { actor, prefix, errors, warnings });
    const custom = await checkCustomFields(
      deps.db,
      actor.companyId,
      'User',
      input.CustomFields,
      at(prefix, 'CustomFields'),
      errors,
      { creating: true },
    );
    if (custom) user.customFields = custom;
    if (!inScope(editScope, user)) {
      throw forbidden('You can add people only to the divisions you manage.');
    }
    const key = user.email.toLowerCase();
    const first = seenEmails.get(key);
    if (first !== undefined) {
      errors.add(at(prefix, 'Email'), `Email repeats the email of ${first}.`, ['invalid_field']);
    } else seenEmails.set(key, prefix || 'another item');
    if (input.Password !== undefined) {
      const problem = passwordProblem(input.Password);
      if (problem) errors.add(at(prefix, 'Password'), problem, ['invalid_field']);
    }
    items.push({ user, prefix, ...(input.Password !== undefined ? { password: input.Password } : {}) });
  }
  await checkReferences(deps, actor.companyId, items, errors);
  errors.throwIfAny();

  const taken = new FieldErrors();
  for (const item of items) {
    if (await emailInUse(deps.db, item.user.email)) {
      taken.add(at(item.prefix, 'Email'), 'This email address is already used by another account.', [
        'email_taken',
      ]);
    }
  }
  taken.throwIfAny('email_taken');

  const hashes = await Promise.all(
    items.map((i) => (i.password === undefined ? Promise.resolve(null) : hashPassword(i.password))),
  );
  const invitations: Invitation[] = [];
  const expiresAt = new Date(deps.clock().getTime() + INVITATION_DAYS * 86_400_000).toISOString();
  await deps.db.transaction().execute(async (tx) => {
    for (const [i, item] of items.entries()) {
      await insertUser(tx, item.user);
      const token = issueToken(deps, now);
      await insertAccount(tx, {
        email: item.user.email,
        companyId: item.user.companyId,
        userId: item.user.id,
        passwordHash: hashes[i] ?? null,
        tokenLookup: token.lookup,
        tokenEnc: token.enc,
        tokenCreatedAt: token.createdAt,
      });
      if (hashes[i] === null) {
        const secret = deps.newToken();
        await insertInvitation(tx, {
          companyId: item.user.companyId,
          userId: item.user.id,
          tokenLookup: deps.keys.lookup(secret),
          expiresAt,
          createdAt: now,
        });
        invitations.push({
          UserID: item.user.id,
          Email: item.user.email,
          URL: `${options.baseUrl}/invite/${secret}`,
          ExpiresAt: expiresAt,
        });
      }
    }
  });
  return { users: items.map((i) => i.user), invitations, warnings };
}

async function guardAdminChange(
  deps: Deps,
  actor: Actor,
  before: UserRecord,
  after: UserRecord,
): Promise<void> {
  const wasActiveAdmin = before.securityLevel === 'ADMIN' && before.isActive;
  const isActiveAdmin = after.securityLevel === 'ADMIN' && after.isActive;
  if (before.id === actor.userId && (after.securityLevel !== before.securityLevel || !after.isActive)) {
    throw new AppError('invalid_state', 'You cannot change your own security level or deactivate yourself.');
  }
  if (wasActiveAdmin && !isActiveAdmin && (await countActiveAdmins(deps.db, actor.companyId)) <= 1) {
    throw new AppError('invalid_state', 'A company must keep at least one active Admin.');
  }
}

export async function updatePerson(
  deps: Deps,
  actor: Actor,
  scope: PeopleScope,
  id: string,
  input: Writable,
): Promise<{ user: UserRecord; warnings: string[] }> {
  if (scope === 'root' && !canAddEditPeopleEverywhere(actor))
    throw forbidden('You need the Add/Edit People permission for all divisions.');
  const before = await getPerson(deps, actor, scope, id);
  const editScope: Scope = scope === 'root' ? { kind: 'all' } : manageEditScope(actor);
  if (!inScope(editScope, before))
    throw forbidden('You need the Add/Edit People permission for this person.');
  const patch = { ...input };
  if (patch.SecurityLevel !== undefined) {
    // An extension (DECISIONS 26): ClickTime sets a level only at creation; our Admins may change it.
    if (scope !== 'root' || !canSetSecurityLevel(actor))
      throw forbidden('Only an Admin can change SecurityLevel.');
  }
  const user: UserRecord = { ...before, profile: { ...before.profile } };
  const errors = new FieldErrors();
  const warnings: string[] = [];
  applyInput(user, patch, { actor, prefix: '', errors, warnings });
  const custom = await checkCustomFields(
    deps.db,
    actor.companyId,
    'User',
    patch.CustomFields,
    'CustomFields',
    errors,
  );
  if (custom) user.customFields = custom;
  if (!inScope(editScope, user))
    errors.add('DivisionID', 'You can move people only into divisions you manage.', ['forbidden']);
  await checkReferences(deps, actor.companyId, [{ user, prefix: '' }], errors);
  errors.throwIfAny();
  await guardAdminChange(deps, actor, before, user);
  const emailChanged = user.email.toLowerCase() !== before.email.toLowerCase();
  if (
    emailChanged &&
    (await emailInUse(deps.db, user.email, { companyId: user.companyId, userId: user.id }))
  ) {
    throw new AppError('email_taken', 'This email address is already used by another account.', {
      field: 'Email',
    });
  }
  user.updatedAt = deps.clock().toISOString();
  await deps.db.transaction().execute(async (tx) => {
    await saveUser(tx, user);
    if (emailChanged) await updateAccountEmail(tx, user.companyId, user.id, user.email);
  });
  await deps.bus.publish({ kind: 'user', companyId: user.companyId, userId: user.id });
  return { user, warnings };
}

export async function removePerson(deps: Deps, actor: Actor, id: string): Promise<void> {
  if (!canDeletePeople(actor)) throw forbidden('Only an Admin can delete people.');
  const user = await findUser(deps.db, actor.companyId, id);
  if (!user) throw notFound('user');
  if (user.id === actor.userId) throw new AppError('invalid_state', 'You cannot delete yourself.');
  const inUse = () =>
    new AppError(
      'in_use',
      'This person is referenced by other records and cannot be deleted; set IsActive to false instead.',
    );
  if ((await countApproverReferences(deps.db, actor.companyId, id)) > 0) throw inUse();
  try {
    await deleteUser(deps.db, actor.companyId, id);
  } catch (error) {
    if (deps.dialect.isForeignKeyViolation(error)) throw inUse();
    throw error;
  }
  await deps.bus.publish({ kind: 'user', companyId: actor.companyId, userId: id });
}

// ——— /Me ———

export async function loadMe(deps: Deps, actor: Actor) {
  const [me, leaveApprover] = await Promise.all([
    findMe(deps.db, actor.companyId, actor.userId),
    isDefaultLeaveTypeApprover(deps.db, actor.companyId, actor.userId),
  ]);
  if (!me) throw notFound('user');
  return {
    user: me.user,
    extras: {
      authToken: { Token: deps.keys.decrypt(me.tokenEnc), TokenCreationTime: me.tokenCreatedAt },
      approver: me.approver,
      isDefaultLeaveTypeApprover: leaveApprover,
    },
  };
}

export async function updateMe(deps: Deps, actor: Actor, input: MeUpdate): Promise<string[]> {
  const user = await findUser(deps.db, actor.companyId, actor.userId);
  if (!user) throw notFound('user');
  const errors = new FieldErrors();
  const warnings: string[] = [];
  applyInput(user, input, { actor, prefix: '', errors, warnings });
  await checkDefaults(deps, actor.companyId, [{ user, prefix: '' }], errors);
  errors.throwIfAny();
  user.updatedAt = deps.clock().toISOString();
  await saveUser(deps.db, user);
  return warnings;
}

/** Issues a new token; the old one stops working at once in every process (DECISIONS 14). */
export async function resetToken(
  deps: Deps,
  companyId: string,
  userId: string,
): Promise<{ Token: string; TokenCreationTime: string }> {
  const now = deps.clock().toISOString();
  const token = issueToken(deps, now);
  const updated = await updateAccountToken(deps.db, companyId, userId, token);
  if (!updated) throw notFound('user');
  await deps.bus.publish({ kind: 'user', companyId, userId });
  return { Token: token.token, TokenCreationTime: token.createdAt };
}

export async function setPassword(
  deps: Deps,
  companyId: string,
  userId: string,
  password: string,
): Promise<void> {
  const problem = passwordProblem(password);
  if (problem) throw new AppError('invalid_field', problem, { field: 'Password' });
  await updateAccountPassword(deps.db, companyId, userId, await hashPassword(password));
}

// ——— permissions ———

async function adminTarget(deps: Deps, actor: Actor, userId: string): Promise<UserRecord> {
  if (!canManagePermissions(actor)) throw forbidden('Only an Admin can see or change permissions.');
  const user = await findUser(deps.db, actor.companyId, userId);
  if (!user) throw notFound('user');
  return user;
}

export async function getPermissions(deps: Deps, actor: Actor, userId: string) {
  await adminTarget(deps, actor, userId);
  return listPermissions(deps.db, actor.companyId, userId);
}

export async function setPermissions(
  deps: Deps,
  actor: Actor,
  userId: string,
  input: { Name: string; AccessLevel?: AccessLevel }[],
) {
  await adminTarget(deps, actor, userId);
  const errors = new FieldErrors();
  const byName = new Map<PermissionName, AccessLevel>();
  for (const [i, p] of input.entries()) {
    const name = canonicalPermission(p.Name);
    if (!name) {
      errors.add(`[${i}].Name`, `"${p.Name}" is not a manager permission.`, ['invalid_field']);
      continue;
    }
    const level = p.AccessLevel ?? 'All';
    if (!ACCESS_LEVELS.includes(level))
      errors.add(`[${i}].AccessLevel`, 'AccessLevel must be All, Divisions or Projects.');
    byName.set(name, level);
  }
  errors.throwIfAny();
  const permissions = [...byName].map(([name, accessLevel]) => ({ name, accessLevel }));
  await deps.db.transaction().execute((tx) => replacePermissions(tx, actor.companyId, userId, permissions));
  await deps.bus.publish({ kind: 'user', companyId: actor.companyId, userId });
  return listPermissions(deps.db, actor.companyId, userId);
}

export async function getPermissionDivisions(deps: Deps, actor: Actor, userId: string, isActive?: boolean[]) {
  await adminTarget(deps, actor, userId);
  return listPermissionDivisions(deps.db, actor.companyId, userId, isActive);
}

export async function setPermissionDivisions(
  deps: Deps,
  actor: Actor,
  userId: string,
  divisionIds: string[],
) {
  await adminTarget(deps, actor, userId);
  const found = new Set((await findDivisions(deps.db, actor.companyId, divisionIds)).map((d) => d.id));
  const errors = new FieldErrors();
  divisionIds.forEach((id, i) => {
    if (!found.has(id))
      errors.add(`[${i}]`, `"${id}" does not name a division of this company.`, ['invalid_field']);
  });
  errors.throwIfAny();
  await deps.db
    .transaction()
    .execute((tx) => replacePermissionDivisions(tx, actor.companyId, userId, divisionIds));
  await deps.bus.publish({ kind: 'user', companyId: actor.companyId, userId });
  return listPermissionDivisions(deps.db, actor.companyId, userId);
}
