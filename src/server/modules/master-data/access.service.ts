/**
 * Job and task restrictions (API.md §4.7, §4.8, §4.17, §6.1; docs/adr/0005-task-restrictions.md).
 *
 * Company.JobRestrictionMethod decides which jobs a person may use:
 *   none        every job (DECISIONS 27)
 *   myjobs      every job as well: "My Jobs" is a list each person keeps of the jobs they want to see
 *               (the MyJobs field and filter of /Me/Jobs); it narrows the person's view, not the rules
 *   bydivision  the jobs associated with the person's division (/Jobs/{id}/Divisions); none without one
 *   byperson    the jobs associated with the person (/Jobs/{id}/Users)
 * The method applies to everyone's own time, Admins included; root lists (/Jobs) are not narrowed by it.
 *
 * Company.TaskRestrictionMethod decides which tasks are allowed on a job:
 *   byjob       a job WITHOUT a task list (/Jobs/{id}/Tasks empty) allows every task; a job with one
 *               allows only the tasks on it. So a new company, whose jobs have no lists, allows every task
 *               on every job "until restrictions are turned on" (DECISIONS 27), and an Admin restricts a
 *               job simply by giving it a list. Removing a job's last task opens it to every task again;
 *               to stop all time on a job, make the job inactive.
 *   mytasks     every task on every job; "My Tasks" is each person's own list (MyTasks field and filter)
 * Using a job or task also needs it to be active. Stored associations survive a change of method and apply
 * again when it is changed back.
 */
import type { Deps } from '../../deps.js';
import { FieldErrors, forbidden, invalidField, notFound } from '../../errors.js';
import type { Paging } from '../../http/paging.js';
import type { Actor } from '../../lib/permissions.js';
import { loadCompany } from '../company/index.js';
import { findDivisions } from '../divisions/index.js';
import { findUser, findUsers } from '../users/index.js';
import {
  addAssociation,
  associatedIds,
  isLinked,
  JOB_DIVISIONS,
  JOB_TASKS,
  JOB_USERS,
  jobHasTaskList,
  linkedToJobs,
  listTaskControls,
  MY_JOBS,
  MY_TASKS,
  removeAssociation,
  replaceAssociations,
  TASK_JOBS,
  type AssociationSpec,
  type JobAccess,
  type TaskControlFilter,
} from './access.store.js';
import { at } from './common.js';
import { findJob, findJobs, listAllJobs, type JobRecord } from './jobs.store.js';
import * as policy from './policy.js';
import { findTask, findTasks, listTaskIds, type TaskRecord } from './tasks.store.js';

export type JobRestrictionMethod = 'none' | 'myjobs' | 'bydivision' | 'byperson';
export type TaskRestrictionMethod = 'byjob' | 'mytasks';

export interface Restrictions {
  job: JobRestrictionMethod;
  task: TaskRestrictionMethod;
}

export async function restrictionsOf(deps: Deps, companyId: string): Promise<Restrictions> {
  const { settings } = await loadCompany(deps, companyId);
  return { job: settings.JobRestrictionMethod, task: settings.TaskRestrictionMethod };
}

/** The jobs a person may use under the company's JobRestrictionMethod (whether active or not). */
export async function jobAccessFor(
  deps: Deps,
  companyId: string,
  userId: string,
  r?: Restrictions,
): Promise<JobAccess> {
  const { job } = r ?? (await restrictionsOf(deps, companyId));
  switch (job) {
    case 'none':
    case 'myjobs':
      return { kind: 'all' };
    case 'bydivision': {
      const user = await findUser(deps.db, companyId, userId);
      return user?.divisionId ? { kind: 'divisions', divisionIds: [user.divisionId] } : { kind: 'nobody' };
    }
    case 'byperson':
      return { kind: 'people', userIds: [userId] };
  }
}

/** The jobs any of these people may use (GET /Jobs?UserID=); unknown IDs count for nobody. */
export async function jobAccessForPeople(
  deps: Deps,
  companyId: string,
  userIds: string[],
): Promise<JobAccess> {
  const users = await findUsers(deps.db, companyId, userIds);
  if (users.length === 0) return { kind: 'nobody' };
  const { job } = await restrictionsOf(deps, companyId);
  switch (job) {
    case 'none':
    case 'myjobs':
      return { kind: 'all' };
    case 'bydivision':
      return {
        kind: 'divisions',
        divisionIds: users.map((u) => u.divisionId).filter((d): d is string => d !== null),
      };
    case 'byperson':
      return { kind: 'people', userIds: users.map((u) => u.id) };
  }
}

/** Who may use any of these jobs (GET /Users?JobID=), for the users module to turn into a filter. */
export type PeopleOfJobs =
  | { kind: 'everyone' }
  | { kind: 'nobody' }
  | { kind: 'divisions'; divisionIds: string[] }
  | { kind: 'people'; userIds: string[] };

export async function usersWhoMayUseJobs(
  deps: Deps,
  companyId: string,
  jobIds: string[],
): Promise<PeopleOfJobs> {
  const jobs = await findJobs(deps.db, companyId, jobIds);
  if (jobs.length === 0) return { kind: 'nobody' };
  const ids = jobs.map((j) => j.id);
  const { job } = await restrictionsOf(deps, companyId);
  switch (job) {
    case 'none':
    case 'myjobs':
      return { kind: 'everyone' };
    case 'bydivision': {
      const divisionIds = await linkedToJobs(deps.db, JOB_DIVISIONS, companyId, ids);
      return divisionIds.length ? { kind: 'divisions', divisionIds } : { kind: 'nobody' };
    }
    case 'byperson': {
      const userIds = await linkedToJobs(deps.db, JOB_USERS, companyId, ids);
      return userIds.length ? { kind: 'people', userIds } : { kind: 'nobody' };
    }
  }
}

async function allowedBy(deps: Deps, companyId: string, jobId: string, access: JobAccess): Promise<boolean> {
  if (access.kind === 'all') return true;
  if (access.kind === 'nobody') return false;
  return (await listAllJobs(deps.db, companyId, { ids: [jobId], access })).length > 0;
}

/** Whether the person may log to the job: it exists in the company, is active and the restriction allows it. */
export async function isJobUsableBy(
  deps: Deps,
  companyId: string,
  userId: string,
  jobId: string,
): Promise<boolean> {
  const job = await findJob(deps.db, companyId, jobId);
  if (!job || !job.isActive) return false;
  return allowedBy(deps, companyId, job.id, await jobAccessFor(deps, companyId, userId));
}

async function taskAllowed(deps: Deps, companyId: string, jobId: string, taskId: string, r: Restrictions) {
  if (r.task === 'mytasks') return true;
  if (!(await jobHasTaskList(deps.db, companyId, jobId))) return true;
  return isLinked(deps.db, JOB_TASKS, companyId, jobId, taskId);
}

/** Whether the task is active and allowed on the job under TaskRestrictionMethod. */
export async function isTaskAllowedOnJob(
  deps: Deps,
  companyId: string,
  jobId: string,
  taskId: string,
): Promise<boolean> {
  const [job, task] = await Promise.all([
    findJob(deps.db, companyId, jobId),
    findTask(deps.db, companyId, taskId),
  ]);
  if (!job || !task || !task.isActive) return false;
  return taskAllowed(deps, companyId, job.id, task.id, await restrictionsOf(deps, companyId));
}

/** The active jobs the person may use, in the default order (ListDisplayText, ID). */
export async function jobsUsableBy(deps: Deps, companyId: string, userId: string): Promise<JobRecord[]> {
  const access = await jobAccessFor(deps, companyId, userId);
  return listAllJobs(deps.db, companyId, { access, isActive: [true] });
}

/**
 * For the time-entry and expense modules: checks that `jobId` and `taskId` name an active job the person
 * may use and an active task allowed on it, adding field errors (`JobID`, `TaskID`, prefixed in a batch)
 * for what is wrong. An ID of another company reads as unknown (DECISIONS 4).
 */
export async function checkJobAndTask(
  deps: Deps,
  companyId: string,
  userId: string,
  ids: { jobId: string; taskId?: string | null },
  errors: FieldErrors,
  prefix = '',
): Promise<{ job?: JobRecord; task?: TaskRecord }> {
  const r = await restrictionsOf(deps, companyId);
  const [job, task] = await Promise.all([
    findJob(deps.db, companyId, ids.jobId),
    ids.taskId ? findTask(deps.db, companyId, ids.taskId) : Promise.resolve(undefined),
  ]);
  const out: { job?: JobRecord; task?: TaskRecord } = {};
  if (!job) errors.add(at(prefix, 'JobID'), 'JobID does not name a job of this company.', ['invalid_field']);
  else if (!job.isActive) errors.add(at(prefix, 'JobID'), 'JobID names an inactive job.', ['invalid_field']);
  else if (!(await allowedBy(deps, companyId, job.id, await jobAccessFor(deps, companyId, userId, r)))) {
    errors.add(at(prefix, 'JobID'), 'This person may not use this job (Company.JobRestrictionMethod).', [
      'invalid_field',
    ]);
  } else out.job = job;
  if (ids.taskId) {
    if (!task)
      errors.add(at(prefix, 'TaskID'), 'TaskID does not name a task of this company.', ['invalid_field']);
    else if (!task.isActive)
      errors.add(at(prefix, 'TaskID'), 'TaskID names an inactive task.', ['invalid_field']);
    else if (job && !(await taskAllowed(deps, companyId, job.id, task.id, r))) {
      errors.add(
        at(prefix, 'TaskID'),
        'This task is not allowed on this job (Company.TaskRestrictionMethod).',
        ['invalid_field'],
      );
    } else out.task = task;
  }
  return out;
}

// ——— association endpoints (§4.17) ———

export type LinkKind = 'JobTasks' | 'JobUsers' | 'JobDivisions' | 'TaskJobs' | 'MyJobs' | 'MyTasks';

interface LinkRules {
  spec: AssociationSpec;
  /** The company setting under which the endpoint exists (otherwise 403). */
  active: (r: Restrictions) => boolean;
  inactiveMessage: string;
  canRead: (a: Actor) => boolean;
  canWrite: (a: Actor) => boolean;
  /** The record in the path, in the caller's company, or undefined. */
  owner: (deps: Deps, a: Actor, id: string) => Promise<{ id: string } | undefined>;
  ownerLabel: string;
  /** Which of these IDs name records of the caller's company. */
  known: (deps: Deps, a: Actor, ids: string[]) => Promise<Set<string>>;
  /** The body field of POST. */
  field: 'TaskID' | 'UserID' | 'DivisionID' | 'JobID';
  otherLabel: string;
}

const ids = <T extends { id: string }>(rows: T[]) => new Set(rows.map((r) => r.id));
const byTask = { message: 'Task lists per job are used only when Company.TaskRestrictionMethod is byjob.' };
const self = async (_deps: Deps, a: Actor, id: string) => (id === a.userId ? { id } : undefined);

const LINKS: Record<LinkKind, LinkRules> = {
  JobTasks: {
    spec: JOB_TASKS,
    active: (r) => r.task === 'byjob',
    inactiveMessage: byTask.message,
    canRead: policy.jobs.readTasks,
    canWrite: policy.jobs.edit,
    owner: (deps, a, id) => findJob(deps.db, a.companyId, id),
    ownerLabel: 'job',
    known: async (deps, a, list) => ids(await findTasks(deps.db, a.companyId, list)),
    field: 'TaskID',
    otherLabel: 'task',
  },
  TaskJobs: {
    spec: TASK_JOBS,
    active: (r) => r.task === 'byjob',
    inactiveMessage: byTask.message,
    canRead: policy.tasks.details,
    canWrite: policy.tasks.edit,
    owner: (deps, a, id) => findTask(deps.db, a.companyId, id),
    ownerLabel: 'task',
    known: async (deps, a, list) => ids(await findJobs(deps.db, a.companyId, list)),
    field: 'JobID',
    otherLabel: 'job',
  },
  JobUsers: {
    spec: JOB_USERS,
    active: (r) => r.job === 'byperson',
    inactiveMessage: 'People per job are used only when Company.JobRestrictionMethod is byperson.',
    canRead: policy.jobs.details,
    canWrite: policy.jobs.edit,
    owner: (deps, a, id) => findJob(deps.db, a.companyId, id),
    ownerLabel: 'job',
    known: async (deps, a, list) => ids(await findUsers(deps.db, a.companyId, list)),
    field: 'UserID',
    otherLabel: 'person',
  },
  JobDivisions: {
    spec: JOB_DIVISIONS,
    active: (r) => r.job === 'bydivision',
    inactiveMessage: 'Divisions per job are used only when Company.JobRestrictionMethod is bydivision.',
    canRead: policy.jobs.details,
    canWrite: policy.jobs.edit,
    owner: (deps, a, id) => findJob(deps.db, a.companyId, id),
    ownerLabel: 'job',
    known: async (deps, a, list) => ids(await findDivisions(deps.db, a.companyId, list)),
    field: 'DivisionID',
    otherLabel: 'division',
  },
  MyJobs: {
    spec: MY_JOBS,
    active: (r) => r.job === 'myjobs',
    inactiveMessage: 'My Jobs lists are used only when Company.JobRestrictionMethod is myjobs.',
    canRead: () => true,
    canWrite: () => true,
    owner: self,
    ownerLabel: 'person',
    known: async (deps, a, list) => ids(await findJobs(deps.db, a.companyId, list)),
    field: 'JobID',
    otherLabel: 'job',
  },
  MyTasks: {
    spec: MY_TASKS,
    active: (r) => r.task === 'mytasks',
    inactiveMessage: 'My Tasks lists are used only when Company.TaskRestrictionMethod is mytasks.',
    canRead: () => true,
    canWrite: () => true,
    owner: self,
    ownerLabel: 'person',
    known: async (deps, a, list) => ids(await findTasks(deps.db, a.companyId, list)),
    field: 'TaskID',
    otherLabel: 'task',
  },
};

async function linkOwner(deps: Deps, actor: Actor, kind: LinkKind, ownerId: string, write: boolean) {
  const rules = LINKS[kind];
  if (!(write ? rules.canWrite(actor) : rules.canRead(actor))) {
    throw forbidden('You do not have the permission to see or change this list.');
  }
  if (!rules.active(await restrictionsOf(deps, actor.companyId))) throw forbidden(rules.inactiveMessage);
  const owner = await rules.owner(deps, actor, ownerId);
  if (!owner) throw notFound(rules.ownerLabel);
  return { rules, owner };
}

export async function listLinks(
  deps: Deps,
  actor: Actor,
  kind: LinkKind,
  ownerId: string,
  isActive?: boolean[],
) {
  const { rules, owner } = await linkOwner(deps, actor, kind, ownerId, false);
  return associatedIds(deps.db, rules.spec, actor.companyId, owner.id, isActive);
}

export async function addLink(deps: Deps, actor: Actor, kind: LinkKind, ownerId: string, otherId: string) {
  const { rules, owner } = await linkOwner(deps, actor, kind, ownerId, true);
  if (!(await rules.known(deps, actor, [otherId])).has(otherId)) {
    throw invalidField(rules.field, `${rules.field} does not name a ${rules.otherLabel} of this company.`);
  }
  await addAssociation(deps.db, rules.spec, actor.companyId, owner.id, otherId, deps.clock().toISOString());
  return associatedIds(deps.db, rules.spec, actor.companyId, owner.id);
}

export async function replaceLinks(
  deps: Deps,
  actor: Actor,
  kind: LinkKind,
  ownerId: string,
  otherIds: string[],
) {
  const { rules, owner } = await linkOwner(deps, actor, kind, ownerId, true);
  const known = await rules.known(deps, actor, otherIds);
  const errors = new FieldErrors();
  otherIds.forEach((id, i) => {
    if (!known.has(id))
      errors.add(`[${i}]`, `"${id}" does not name a ${rules.otherLabel} of this company.`, ['invalid_field']);
  });
  errors.throwIfAny();
  const now = deps.clock().toISOString();
  await deps.db
    .transaction()
    .execute((tx) => replaceAssociations(tx, rules.spec, actor.companyId, owner.id, otherIds, now));
  return associatedIds(deps.db, rules.spec, actor.companyId, owner.id);
}

export async function removeLink(deps: Deps, actor: Actor, kind: LinkKind, ownerId: string, otherId: string) {
  const { rules, owner } = await linkOwner(deps, actor, kind, ownerId, true);
  if (!(await removeAssociation(deps.db, rules.spec, actor.companyId, owner.id, otherId))) {
    throw notFound(`${rules.otherLabel} on this list`);
  }
  return associatedIds(deps.db, rules.spec, actor.companyId, owner.id);
}

// ——— /Me/Jobs/{id}/Tasks and /Me/Jobs/TaskControls ———

function requireByJob(r: Restrictions): void {
  if (r.task !== 'byjob') throw forbidden(byTask.message);
}

/** The tasks the caller may use on one of their jobs, as IDs (GET /Me/Jobs/{id}/Tasks). */
export async function myJobTaskIds(
  deps: Deps,
  actor: Actor,
  jobId: string,
  isActive?: boolean[],
): Promise<string[]> {
  const r = await restrictionsOf(deps, actor.companyId);
  requireByJob(r);
  const job = await findJob(deps.db, actor.companyId, jobId);
  if (
    !job ||
    !(await allowedBy(
      deps,
      actor.companyId,
      job.id,
      await jobAccessFor(deps, actor.companyId, actor.userId, r),
    ))
  ) {
    throw notFound('job');
  }
  if (await jobHasTaskList(deps.db, actor.companyId, job.id)) {
    return associatedIds(deps.db, JOB_TASKS, actor.companyId, job.id, isActive);
  }
  return listTaskIds(deps.db, actor.companyId, isActive ? { isActive } : {});
}

export async function myTaskControls(deps: Deps, actor: Actor, filter: TaskControlFilter, paging: Paging) {
  const r = await restrictionsOf(deps, actor.companyId);
  requireByJob(r);
  const access = await jobAccessFor(deps, actor.companyId, actor.userId, r);
  return listTaskControls(deps.db, actor.companyId, access, filter, paging);
}
