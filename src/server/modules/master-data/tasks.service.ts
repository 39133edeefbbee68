/**
 * Tasks (API.md §4.8): Admins and managers with Add/Edit Tasks create and change them; only Admins
 * delete them, and only while nothing refers to them (DECISIONS 19).
 */
import type { TaskCreate, TaskUpdate } from '../../../contract/master-data.js';
import type { Deps } from '../../deps.js';
import { FieldErrors, forbidden, notFound } from '../../errors.js';
import type { Paging } from '../../http/paging.js';
import type { Actor } from '../../lib/permissions.js';
import { customFieldRules } from '../custom-fields/index.js';
import { jobAccessFor, restrictionsOf } from './access.service.js';
import { linkedAmong, MY_TASKS } from './access.store.js';
import { at, deleteIfUnreferenced, RATE_FIELDS_IGNORED, scaledRate } from './common.js';
import { taskDisplayText } from './display.js';
import * as policy from './policy.js';
import {
  deleteTask,
  findTask,
  insertTask,
  listTasks,
  saveTask,
  type TaskFilter,
  type TaskRecord,
} from './tasks.store.js';

function requireList(actor: Actor): void {
  if (!policy.canList(actor)) throw forbidden('Only Admins and Managers can see tasks.');
}

export async function listTasksFor(deps: Deps, actor: Actor, filter: TaskFilter, paging: Paging) {
  requireList(actor);
  return listTasks(deps.db, actor.companyId, filter, paging);
}

export async function getTaskFor(deps: Deps, actor: Actor, id: string): Promise<TaskRecord> {
  requireList(actor);
  const task = await findTask(deps.db, actor.companyId, id);
  if (!task) throw notFound('task');
  return task;
}

/**
 * /Me/Tasks: the tasks the caller may use — under byjob those allowed on at least one job the caller may
 * use, under mytasks every task. `myTasks` is the MyTasks filter.
 */
export async function listMyTasks(
  deps: Deps,
  actor: Actor,
  filter: TaskFilter,
  myTasks: boolean[] | undefined,
  paging: Paging,
) {
  const r = await restrictionsOf(deps, actor.companyId);
  const f: TaskFilter = { ...filter };
  if (r.task === 'byjob') f.usableVia = await jobAccessFor(deps, actor.companyId, actor.userId, r);
  if (myTasks && myTasks.length === 1) f.myTasks = { userId: actor.userId, linked: myTasks[0]! };
  return listTasks(deps.db, actor.companyId, f, paging);
}

export async function getMyTask(deps: Deps, actor: Actor, id: string): Promise<TaskRecord> {
  const { rows } = await listMyTasks(deps, actor, { ids: [id] }, undefined, { limit: 1, offset: 0 });
  if (!rows[0]) throw notFound('task');
  return rows[0];
}

/** Which of these tasks are on the caller's My Tasks list (TaskModel_Me.MyTasks). */
export const myTaskIdsAmong = (deps: Deps, actor: Actor, ids: string[]) =>
  linkedAmong(deps.db, MY_TASKS, actor.companyId, actor.userId, ids);

/** GET /Tasks/new: a new task with the defaults, nothing stored. */
export function taskTemplate(companyId: string): TaskRecord {
  return {
    companyId,
    id: '',
    name: '',
    taskCode: '',
    isActive: true,
    listDisplayText: '',
    notes: '',
    accountingPackageId: '',
    isBillable: true,
    billingRate: null,
    useCompanyBillingRate: true,
    customFields: {},
    createdAt: '',
    updatedAt: '',
  };
}

interface Applied {
  errors: FieldErrors;
  warnings: Set<string>;
}

function apply(actor: Actor, t: TaskRecord, input: TaskUpdate, prefix: string, ctx: Applied): void {
  if (input.Name !== undefined) {
    t.name = input.Name.trim();
    if (t.name === '') ctx.errors.add(at(prefix, 'Name'), 'Name must not be empty.', ['invalid_field']);
  }
  if (input.TaskCode !== undefined) t.taskCode = input.TaskCode.trim();
  if (input.IsActive !== undefined) t.isActive = input.IsActive;
  if (input.Notes !== undefined) t.notes = input.Notes;
  if (input.AccountingPackageID !== undefined) t.accountingPackageId = input.AccountingPackageID;
  if (input.IsBillable !== undefined) t.isBillable = input.IsBillable;
  if (input.BillingRate !== undefined || input.UseCompanyBillingRate !== undefined) {
    if (policy.canSetRates(actor)) {
      const r = scaledRate(input.BillingRate, 'BillingRate', prefix, ctx.errors);
      if (r !== undefined) t.billingRate = r;
      if (input.UseCompanyBillingRate !== undefined) t.useCompanyBillingRate = input.UseCompanyBillingRate;
    } else ctx.warnings.add(RATE_FIELDS_IGNORED);
  }
  t.listDisplayText = taskDisplayText(t);
}

function requireEdit(actor: Actor): void {
  if (!policy.tasks.edit(actor)) throw forbidden('You need the Add/Edit Tasks permission.');
}

export async function createTasks(deps: Deps, actor: Actor, inputs: TaskCreate[], batch: boolean) {
  requireEdit(actor);
  const now = deps.clock().toISOString();
  const ctx: Applied = { errors: new FieldErrors(), warnings: new Set() };
  const rules = await customFieldRules(deps.db, actor.companyId, 'Task');
  const records = inputs.map((input, i) => {
    const prefix = batch ? `[${i}]` : '';
    const t: TaskRecord = {
      ...taskTemplate(actor.companyId),
      id: deps.newId(),
      createdAt: now,
      updatedAt: now,
    };
    apply(actor, t, input, prefix, ctx);
    t.customFields =
      rules.check(input.CustomFields, at(prefix, 'CustomFields'), ctx.errors, { creating: true }) ?? {};
    return t;
  });
  ctx.errors.throwIfAny();
  await deps.db.transaction().execute(async (tx) => {
    for (const t of records) await insertTask(tx, t);
  });
  return { records, warnings: [...ctx.warnings] };
}

export async function updateTask(deps: Deps, actor: Actor, id: string, input: TaskUpdate) {
  requireEdit(actor);
  const before = await getTaskFor(deps, actor, id);
  const t: TaskRecord = { ...before };
  const ctx: Applied = { errors: new FieldErrors(), warnings: new Set() };
  apply(actor, t, input, '', ctx);
  const rules = await customFieldRules(deps.db, actor.companyId, 'Task');
  const custom = rules.check(input.CustomFields, 'CustomFields', ctx.errors);
  if (custom) t.customFields = custom;
  ctx.errors.throwIfAny();
  t.updatedAt = deps.clock().toISOString();
  await saveTask(deps.db, t);
  return { record: t, warnings: [...ctx.warnings] };
}

export async function removeTask(deps: Deps, actor: Actor, id: string): Promise<void> {
  if (!policy.canDelete(actor)) throw forbidden('Only an Admin can delete tasks.');
  const task = await findTask(deps.db, actor.companyId, id);
  if (!task) throw notFound('task');
  await deleteIfUnreferenced(deps, actor.companyId, 'Task', task.id, 'task', (tx) =>
    deleteTask(tx, actor.companyId, task.id),
  );
}
