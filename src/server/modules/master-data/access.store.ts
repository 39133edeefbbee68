/**
 * Who may use which job and which task goes with which job (docs/adr/0005-task-restrictions.md): the SQL
 * for the restriction conditions, the association tables (API.md §4.17) and the job/task pairs.
 */
import { sql, type RawBuilder, type SqlBool } from 'kysely';
import type { Db } from '../../db/connect.js';
import type { Paging } from '../../http/paging.js';

/** Which jobs a restriction lets someone use, as data the stores turn into SQL. */
export type JobAccess =
  | { kind: 'all' }
  | { kind: 'nobody' }
  /** JobRestrictionMethod bydivision: jobs associated with one of these divisions. */
  | { kind: 'divisions'; divisionIds: readonly string[] }
  /** JobRestrictionMethod byperson: jobs associated with one of these people. */
  | { kind: 'people'; userIds: readonly string[] };

const TRUE = sql<SqlBool>`1 = 1`;
const FALSE = sql<SqlBool>`1 = 0`;

/** A condition on the jobs row called `alias`: the access lets use that job. */
export function jobAllowed(alias: string, access: JobAccess): RawBuilder<SqlBool> {
  const company = sql.ref(`${alias}.company_id`);
  const id = sql.ref(`${alias}.id`);
  switch (access.kind) {
    case 'all':
      return TRUE;
    case 'nobody':
      return FALSE;
    case 'divisions':
      if (access.divisionIds.length === 0) return FALSE;
      return sql<SqlBool>`exists (select 1 from job_divisions acc_jd where acc_jd.company_id = ${company}
        and acc_jd.job_id = ${id} and acc_jd.division_id in (${sql.join([...access.divisionIds])}))`;
    case 'people':
      if (access.userIds.length === 0) return FALSE;
      return sql<SqlBool>`exists (select 1 from job_users acc_ju where acc_ju.company_id = ${company}
        and acc_ju.job_id = ${id} and acc_ju.user_id in (${sql.join([...access.userIds])}))`;
  }
}

/**
 * TaskRestrictionMethod byjob: the task row `taskAlias` is allowed on the job row `jobAlias` — the job
 * has no task list (every task is allowed) or the task is on its list.
 */
export function taskAllowedOnJob(jobAlias: string, taskAlias: string): RawBuilder<SqlBool> {
  const company = sql.ref(`${jobAlias}.company_id`);
  const job = sql.ref(`${jobAlias}.id`);
  const task = sql.ref(`${taskAlias}.id`);
  return sql<SqlBool>`(not exists (select 1 from job_tasks acc_any where acc_any.company_id = ${company}
      and acc_any.job_id = ${job})
    or exists (select 1 from job_tasks acc_one where acc_one.company_id = ${company}
      and acc_one.job_id = ${job} and acc_one.task_id = ${task}))`;
}

/** The task row `taskAlias` is allowed on at least one job the access lets use. */
export function taskUsableVia(taskAlias: string, access: JobAccess): RawBuilder<SqlBool> {
  return sql<SqlBool>`exists (select 1 from jobs acc_j where acc_j.company_id = ${sql.ref(`${taskAlias}.company_id`)}
    and ${jobAllowed('acc_j', access)} and ${taskAllowedOnJob('acc_j', taskAlias)})`;
}

// ——— association tables ———

export interface AssociationSpec {
  table: 'job_tasks' | 'job_users' | 'job_divisions' | 'my_jobs' | 'my_tasks';
  /** The column holding the ID in the path (/Jobs/{id}/Tasks: job_id). */
  owner: string;
  /** The column holding the listed IDs. */
  other: string;
  /** The table of the listed records (for their IsActive and name). */
  otherTable: 'tasks' | 'users' | 'divisions' | 'jobs';
  /** Newest first (§4.17), or by name (/Jobs/{id}/Divisions: CATALOGUE default order Name). */
  order: 'newest' | 'name';
}

export const JOB_TASKS: AssociationSpec = {
  table: 'job_tasks',
  owner: 'job_id',
  other: 'task_id',
  otherTable: 'tasks',
  order: 'newest',
};
export const TASK_JOBS: AssociationSpec = {
  table: 'job_tasks',
  owner: 'task_id',
  other: 'job_id',
  otherTable: 'jobs',
  order: 'newest',
};
export const JOB_USERS: AssociationSpec = {
  table: 'job_users',
  owner: 'job_id',
  other: 'user_id',
  otherTable: 'users',
  order: 'newest',
};
export const JOB_DIVISIONS: AssociationSpec = {
  table: 'job_divisions',
  owner: 'job_id',
  other: 'division_id',
  otherTable: 'divisions',
  order: 'name',
};
export const MY_JOBS: AssociationSpec = {
  table: 'my_jobs',
  owner: 'user_id',
  other: 'job_id',
  otherTable: 'jobs',
  order: 'newest',
};
export const MY_TASKS: AssociationSpec = {
  table: 'my_tasks',
  owner: 'user_id',
  other: 'task_id',
  otherTable: 'tasks',
  order: 'newest',
};

const bit = (v: boolean) => (v ? 1 : 0);

/** The listed IDs of one owner, optionally only active or inactive ones. */
export async function associatedIds(
  db: Db,
  spec: AssociationSpec,
  companyId: string,
  ownerId: string,
  isActive?: boolean[],
): Promise<string[]> {
  const active = isActive ? sql`and o.is_active in (${sql.join(isActive.map(bit))})` : sql.raw('');
  const order = spec.order === 'name' ? sql`o.name, o.id` : sql`a.seq desc, o.id`;
  const { rows } = await sql<{ id: string }>`select o.id as id
    from ${sql.table(spec.table)} a
    join ${sql.table(spec.otherTable)} o on o.company_id = a.company_id and o.id = ${sql.ref(`a.${spec.other}`)}
    where a.company_id = ${companyId} and ${sql.ref(`a.${spec.owner}`)} = ${ownerId} ${active}
    order by ${order}`.execute(db);
  return rows.map((r) => r.id);
}

async function nextSeq(db: Db, table: AssociationSpec['table'], companyId: string): Promise<number> {
  const { rows } = await sql<{
    n: number | string;
  }>`select coalesce(max(seq), 0) as n from ${sql.table(table)}
    where company_id = ${companyId}`.execute(db);
  return Number(rows[0]?.n ?? 0) + 1;
}

async function insertLink(
  db: Db,
  spec: AssociationSpec,
  companyId: string,
  ownerId: string,
  otherId: string,
  seq: number,
  now: string,
) {
  await sql`insert into ${sql.table(spec.table)} (company_id, ${sql.ref(spec.owner)}, ${sql.ref(spec.other)}, seq, created_at)
    values (${companyId}, ${ownerId}, ${otherId}, ${seq}, ${now}) on conflict do nothing`.execute(db);
}

/** Adds one link (nothing happens when it exists). */
export async function addAssociation(
  db: Db,
  spec: AssociationSpec,
  companyId: string,
  ownerId: string,
  otherId: string,
  now: string,
) {
  await insertLink(db, spec, companyId, ownerId, otherId, await nextSeq(db, spec.table, companyId), now);
}

/**
 * Replaces the owner's links with `otherIds`. Links that stay keep their age; new ones are added so
 * that the list reads in the order given.
 */
export async function replaceAssociations(
  db: Db,
  spec: AssociationSpec,
  companyId: string,
  ownerId: string,
  otherIds: readonly string[],
  now: string,
) {
  const wanted = [...new Set(otherIds)];
  const keep = wanted.length ? sql`and ${sql.ref(spec.other)} not in (${sql.join(wanted)})` : sql.raw('');
  await sql`delete from ${sql.table(spec.table)} where company_id = ${companyId} and ${sql.ref(spec.owner)} = ${ownerId} ${keep}`.execute(
    db,
  );
  const { rows } = await sql<{ id: string }>`select ${sql.ref(spec.other)} as id from ${sql.table(spec.table)}
    where company_id = ${companyId} and ${sql.ref(spec.owner)} = ${ownerId}`.execute(db);
  const existing = new Set(rows.map((r) => r.id));
  const added = wanted.filter((id) => !existing.has(id));
  let seq = await nextSeq(db, spec.table, companyId);
  for (const id of added.reverse()) await insertLink(db, spec, companyId, ownerId, id, seq++, now);
}

/** Removes one link; false when there was none. */
export async function removeAssociation(
  db: Db,
  spec: AssociationSpec,
  companyId: string,
  ownerId: string,
  otherId: string,
) {
  const { rows } = await sql<{ n: number | string }>`select count(*) as n from ${sql.table(spec.table)}
    where company_id = ${companyId} and ${sql.ref(spec.owner)} = ${ownerId} and ${sql.ref(spec.other)} = ${otherId}`.execute(
    db,
  );
  if (Number(rows[0]?.n ?? 0) === 0) return false;
  await sql`delete from ${sql.table(spec.table)}
    where company_id = ${companyId} and ${sql.ref(spec.owner)} = ${ownerId} and ${sql.ref(spec.other)} = ${otherId}`.execute(
    db,
  );
  return true;
}

/** Whether the job has a task list (TaskRestrictionMethod byjob: without one, every task is allowed). */
export async function jobHasTaskList(db: Db, companyId: string, jobId: string): Promise<boolean> {
  const row = await db
    .selectFrom('job_tasks')
    .select('task_id')
    .where('company_id', '=', companyId)
    .where('job_id', '=', jobId)
    .limit(1)
    .executeTakeFirst();
  return row !== undefined;
}

export async function isLinked(
  db: Db,
  spec: AssociationSpec,
  companyId: string,
  ownerId: string,
  otherId: string,
) {
  const { rows } = await sql<{ n: number | string }>`select count(*) as n from ${sql.table(spec.table)}
    where company_id = ${companyId} and ${sql.ref(spec.owner)} = ${ownerId} and ${sql.ref(spec.other)} = ${otherId}`.execute(
    db,
  );
  return Number(rows[0]?.n ?? 0) > 0;
}

/** Of `otherIds`, those linked to the owner (e.g. which of a page of jobs are on a person's My Jobs). */
export async function linkedAmong(
  db: Db,
  spec: AssociationSpec,
  companyId: string,
  ownerId: string,
  otherIds: readonly string[],
) {
  if (otherIds.length === 0) return new Set<string>();
  const { rows } = await sql<{ id: string }>`select ${sql.ref(spec.other)} as id from ${sql.table(spec.table)}
    where company_id = ${companyId} and ${sql.ref(spec.owner)} = ${ownerId}
    and ${sql.ref(spec.other)} in (${sql.join([...new Set(otherIds)])})`.execute(db);
  return new Set(rows.map((r) => r.id));
}

/** A condition on the row `alias`: it is (or, with `linked` false, is not) on the owner's list. */
export function onList(
  alias: string,
  spec: AssociationSpec,
  ownerId: string,
  linked: boolean,
): RawBuilder<SqlBool> {
  const test = sql<SqlBool>`exists (select 1 from ${sql.table(spec.table)} acc_l
    where acc_l.company_id = ${sql.ref(`${alias}.company_id`)} and ${sql.ref(`acc_l.${spec.other}`)} = ${sql.ref(`${alias}.id`)}
    and ${sql.ref(`acc_l.${spec.owner}`)} = ${ownerId})`;
  return linked ? test : sql<SqlBool>`not ${test}`;
}

/** The divisions or people linked to any of these jobs (for GET /Users?JobID=). */
export async function linkedToJobs(
  db: Db,
  spec: AssociationSpec,
  companyId: string,
  jobIds: readonly string[],
): Promise<string[]> {
  if (jobIds.length === 0) return [];
  const { rows } = await sql<{
    id: string;
  }>`select distinct ${sql.ref(spec.other)} as id from ${sql.table(spec.table)}
    where company_id = ${companyId} and ${sql.ref(spec.owner)} in (${sql.join([...new Set(jobIds)])})`.execute(
    db,
  );
  return rows.map((r) => r.id);
}

// ——— job/task control pairs ———

export interface TaskControlFilter {
  jobIds?: string[];
  taskIds?: string[];
  jobIsActive?: boolean[];
  taskIsActive?: boolean[];
}

/** Every allowed (job, task) pair among the jobs the access lets use, ordered JobID, TaskID. */
export async function listTaskControls(
  db: Db,
  companyId: string,
  access: JobAccess,
  f: TaskControlFilter,
  paging: Paging,
) {
  let q = db
    .selectFrom('jobs as j')
    .innerJoin('tasks as t', 't.company_id', 'j.company_id')
    .where('j.company_id', '=', companyId)
    .where(jobAllowed('j', access))
    .where(taskAllowedOnJob('j', 't'));
  if (f.jobIds) q = q.where('j.id', 'in', f.jobIds);
  if (f.taskIds) q = q.where('t.id', 'in', f.taskIds);
  if (f.jobIsActive) q = q.where('j.is_active', 'in', f.jobIsActive.map(bit));
  if (f.taskIsActive) q = q.where('t.is_active', 'in', f.taskIsActive.map(bit));
  const [rows, count] = await Promise.all([
    q
      .select(['j.id as jobId', 't.id as taskId'])
      .orderBy('j.id')
      .orderBy('t.id')
      .limit(paging.limit)
      .offset(paging.offset)
      .execute(),
    q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { rows, count: Number(count.n) };
}
