/**
 * Jobs (API.md §4.7): Admins and managers with Add/Edit Jobs (all Jobs) create and change them; only
 * Admins delete them, and only while nothing refers to them (DECISIONS 19). Every job belongs to a client.
 */
import type { JobCreate, JobUpdate } from '../../../contract/master-data.js';
import type { Deps } from '../../deps.js';
import { FieldErrors, forbidden, notFound } from '../../errors.js';
import type { Paging } from '../../http/paging.js';
import { isAdmin, scopeOf, type Actor, type PermissionName } from '../../lib/permissions.js';
import { customFieldRules } from '../custom-fields/index.js';
import { findUsers } from '../users/index.js';
import { jobAccessFor, jobAccessForPeople } from './access.service.js';
import { linkedAmong, MY_JOBS } from './access.store.js';
import { findClients, type ClientRecord } from './clients.store.js';
import { at, checkDateRange, deleteIfUnreferenced, RATE_FIELDS_IGNORED, scaledRate } from './common.js';
import { jobDisplayText } from './display.js';
import {
  deleteJob,
  findJob,
  insertJob,
  listJobs,
  saveJob,
  type JobFilter,
  type JobRecord,
} from './jobs.store.js';
import type { JobEmbeds } from './mapper.js';
import * as policy from './policy.js';

function requireList(actor: Actor): void {
  if (!policy.canList(actor)) throw forbidden('Only Admins and Managers can see jobs.');
}

export interface RootJobQuery {
  filter: JobFilter;
  /** UserID: jobs these people may use under the job restriction. */
  userIds?: string[];
  /** WithPermission: limit to what the caller covers with this manager permission. */
  withPermission?: PermissionName;
  paging: Paging;
}

/** GET /Jobs. With WithPermission, a Projects-scoped manager sees the jobs they manage; no such permission, none. */
export async function listJobsFor(deps: Deps, actor: Actor, q: RootJobQuery) {
  requireList(actor);
  const filter: JobFilter = { ...q.filter };
  if (q.userIds) filter.access = await jobAccessForPeople(deps, actor.companyId, q.userIds);
  if (q.withPermission && !isAdmin(actor)) {
    const scope = scopeOf(actor, q.withPermission);
    if (scope.kind === 'none') filter.access = { kind: 'nobody' };
    else if (scope.kind === 'projects') {
      const managed = filter.projectManagerIds
        ? filter.projectManagerIds.filter((id) => id === actor.userId)
        : [actor.userId];
      filter.projectManagerIds = managed.length ? managed : [''];
    }
  }
  return listJobs(deps.db, actor.companyId, filter, q.paging);
}

export async function getJobFor(deps: Deps, actor: Actor, id: string): Promise<JobRecord> {
  requireList(actor);
  const job = await findJob(deps.db, actor.companyId, id);
  if (!job) throw notFound('job');
  return job;
}

/** /Me/Jobs: the jobs the caller may use (active or not); `myJobs` is the MyJobs filter. */
export async function listMyJobs(
  deps: Deps,
  actor: Actor,
  filter: JobFilter,
  myJobs: boolean[] | undefined,
  paging: Paging,
) {
  const f: JobFilter = { ...filter, access: await jobAccessFor(deps, actor.companyId, actor.userId) };
  if (myJobs && myJobs.length === 1) f.myJobs = { userId: actor.userId, linked: myJobs[0]! };
  return listJobs(deps.db, actor.companyId, f, paging);
}

export async function getMyJob(deps: Deps, actor: Actor, id: string): Promise<JobRecord> {
  const { rows } = await listMyJobs(deps, actor, { ids: [id] }, undefined, { limit: 1, offset: 0 });
  if (!rows[0]) throw notFound('job');
  return rows[0];
}

/** Clients (always: ListDisplayName), project managers and the caller's My Jobs (verbose) of a page of jobs. */
export async function loadJobEmbeds(
  deps: Deps,
  actor: Actor,
  jobs: JobRecord[],
  options: { verbose: boolean; me?: boolean },
): Promise<JobEmbeds> {
  const managerIds = options.verbose
    ? jobs.map((j) => j.projectManagerId).filter((v): v is string => v !== null)
    : [];
  const [clients, managers, myJobs] = await Promise.all([
    findClients(
      deps.db,
      actor.companyId,
      jobs.map((j) => j.clientId).filter((id) => id !== ''),
    ),
    findUsers(deps.db, actor.companyId, managerIds),
    options.verbose && options.me
      ? linkedAmong(
          deps.db,
          MY_JOBS,
          actor.companyId,
          actor.userId,
          jobs.map((j) => j.id),
        )
      : Promise.resolve(undefined),
  ]);
  return {
    clients: new Map(clients.map((c) => [c.id, c])),
    managers: new Map(managers.map((u) => [u.id, { ID: u.id, Name: u.name, IsActive: u.isActive }])),
    ...(myJobs ? { myJobs } : {}),
  };
}

/** GET /Jobs/new: a new job with the defaults, nothing stored. */
export function jobTemplate(companyId: string): JobRecord {
  return {
    companyId,
    id: '',
    name: '',
    jobNumber: '',
    clientId: '',
    isActive: true,
    startDate: null,
    endDate: null,
    listDisplayText: '',
    notes: '',
    accountingPackageId: '',
    isBillable: true,
    billingRate: null,
    useCompanyBillingRate: true,
    secondaryBillingRateMode: 'INHERIT',
    projectManagerId: null,
    timeRequiresApproval: false,
    includeInRM: true,
    isEligibleTimeOffAllocation: false,
    customFields: {},
    createdAt: '',
    updatedAt: '',
  };
}

interface Applied {
  errors: FieldErrors;
  warnings: Set<string>;
}

function apply(actor: Actor, j: JobRecord, input: JobUpdate, prefix: string, ctx: Applied): void {
  if (input.Name !== undefined) {
    j.name = input.Name.trim();
    if (j.name === '') ctx.errors.add(at(prefix, 'Name'), 'Name must not be empty.', ['invalid_field']);
  }
  if (input.JobNumber !== undefined) j.jobNumber = input.JobNumber.trim();
  if (input.ClientID !== undefined) j.clientId = input.ClientID;
  if (input.IsActive !== undefined) j.isActive = input.IsActive;
  if (input.StartDate !== undefined) j.startDate = input.StartDate;
  if (input.EndDate !== undefined) j.endDate = input.EndDate;
  if (input.Notes !== undefined) j.notes = input.Notes;
  if (input.AccountingPackageID !== undefined) j.accountingPackageId = input.AccountingPackageID;
  if (input.IsBillable !== undefined) j.isBillable = input.IsBillable;
  if (input.IncludeInRM !== undefined) j.includeInRM = input.IncludeInRM;
  if (input.IsEligibleTimeOffAllocation !== undefined)
    j.isEligibleTimeOffAllocation = input.IsEligibleTimeOffAllocation;
  if (input.ProjectManagerID !== undefined) j.projectManagerId = input.ProjectManagerID;
  if (input.TimeRequiresApproval !== undefined) j.timeRequiresApproval = input.TimeRequiresApproval;
  const rateFields = [input.BillingRate, input.UseCompanyBillingRate, input.SecondaryBillingRateMode];
  if (rateFields.some((v) => v !== undefined)) {
    if (policy.canSetRates(actor)) {
      const r = scaledRate(input.BillingRate, 'BillingRate', prefix, ctx.errors);
      if (r !== undefined) j.billingRate = r;
      if (input.UseCompanyBillingRate !== undefined) j.useCompanyBillingRate = input.UseCompanyBillingRate;
      if (input.SecondaryBillingRateMode !== undefined)
        j.secondaryBillingRateMode = input.SecondaryBillingRateMode;
    } else ctx.warnings.add(RATE_FIELDS_IGNORED);
  }
  checkDateRange(j.startDate, j.endDate, prefix, ctx.errors);
  // Job approvals go to the project manager (CATALOGUE Post.JobModel_Root).
  if (j.timeRequiresApproval && j.projectManagerId === null) {
    ctx.errors.add(
      at(prefix, 'ProjectManagerID'),
      'ProjectManagerID is required when TimeRequiresApproval is true.',
      ['invalid_field'],
    );
  }
  j.listDisplayText = jobDisplayText(j);
}

/** Checks that each job's client and project manager exist in the company. */
async function checkReferences(
  deps: Deps,
  companyId: string,
  items: { job: JobRecord; prefix: string }[],
  errors: FieldErrors,
): Promise<Map<string, ClientRecord>> {
  const [clients, managers] = await Promise.all([
    findClients(
      deps.db,
      companyId,
      items.map((i) => i.job.clientId),
    ),
    findUsers(
      deps.db,
      companyId,
      items.map((i) => i.job.projectManagerId).filter((v): v is string => v !== null),
    ),
  ]);
  const clientById = new Map(clients.map((c) => [c.id, c]));
  const managerIds = new Set(managers.map((u) => u.id));
  for (const { job, prefix } of items) {
    if (!clientById.has(job.clientId)) {
      errors.add(at(prefix, 'ClientID'), 'ClientID does not name a client of this company.', [
        'invalid_field',
      ]);
    }
    if (job.projectManagerId !== null && !managerIds.has(job.projectManagerId)) {
      errors.add(at(prefix, 'ProjectManagerID'), 'ProjectManagerID does not name a person of this company.', [
        'invalid_field',
      ]);
    }
  }
  return clientById;
}

function requireEdit(actor: Actor): void {
  if (!policy.jobs.edit(actor)) throw forbidden('You need the Add/Edit Jobs permission for all jobs.');
}

export async function createJobs(deps: Deps, actor: Actor, inputs: JobCreate[], batch: boolean) {
  requireEdit(actor);
  const now = deps.clock().toISOString();
  const ctx: Applied = { errors: new FieldErrors(), warnings: new Set() };
  const rules = await customFieldRules(deps.db, actor.companyId, 'Job');
  const items = inputs.map((input, i) => {
    const prefix = batch ? `[${i}]` : '';
    const job: JobRecord = {
      ...jobTemplate(actor.companyId),
      id: deps.newId(),
      createdAt: now,
      updatedAt: now,
    };
    apply(actor, job, input, prefix, ctx);
    job.customFields =
      rules.check(input.CustomFields, at(prefix, 'CustomFields'), ctx.errors, { creating: true }) ?? {};
    return { job, prefix, input };
  });
  const clients = await checkReferences(deps, actor.companyId, items, ctx.errors);
  ctx.errors.throwIfAny();
  for (const { job, input } of items) {
    // IsEligibleTimeOffAllocation defaults to the client's value (CATALOGUE Post.JobModel_Root).
    if (input.IsEligibleTimeOffAllocation === undefined) {
      job.isEligibleTimeOffAllocation = clients.get(job.clientId)?.isEligibleTimeOffAllocation ?? false;
    }
  }
  await deps.db.transaction().execute(async (tx) => {
    for (const { job } of items) await insertJob(tx, job);
  });
  return { records: items.map((i) => i.job), warnings: [...ctx.warnings] };
}

export async function updateJob(deps: Deps, actor: Actor, id: string, input: JobUpdate) {
  requireEdit(actor);
  const before = await getJobFor(deps, actor, id);
  const job: JobRecord = { ...before };
  const ctx: Applied = { errors: new FieldErrors(), warnings: new Set() };
  apply(actor, job, input, '', ctx);
  const rules = await customFieldRules(deps.db, actor.companyId, 'Job');
  const custom = rules.check(input.CustomFields, 'CustomFields', ctx.errors);
  if (custom) job.customFields = custom;
  await checkReferences(deps, actor.companyId, [{ job, prefix: '' }], ctx.errors);
  ctx.errors.throwIfAny();
  job.updatedAt = deps.clock().toISOString();
  await saveJob(deps.db, job);
  return { record: job, warnings: [...ctx.warnings] };
}

export async function removeJob(deps: Deps, actor: Actor, id: string): Promise<void> {
  if (!policy.canDelete(actor)) throw forbidden('Only an Admin can delete jobs.');
  const job = await findJob(deps.db, actor.companyId, id);
  if (!job) throw notFound('job');
  await deleteIfUnreferenced(deps, actor.companyId, 'Job', job.id, 'job', (tx) =>
    deleteJob(tx, actor.companyId, job.id),
  );
}
