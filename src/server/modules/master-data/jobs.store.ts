import type { Selectable } from 'kysely';
import type { Db } from '../../db/connect.js';
import type { JobsTable } from '../../db/schema.js';
import type { Paging } from '../../http/paging.js';
import { jobAllowed, MY_JOBS, onList, type JobAccess } from './access.store.js';
import type { RateMode } from './clients.store.js';

export interface JobRecord {
  companyId: string;
  id: string;
  name: string;
  jobNumber: string;
  clientId: string;
  isActive: boolean;
  startDate: string | null;
  endDate: string | null;
  listDisplayText: string;
  notes: string;
  accountingPackageId: string;
  isBillable: boolean;
  /** × 10^4; null: none set. */
  billingRate: number | null;
  useCompanyBillingRate: boolean;
  secondaryBillingRateMode: RateMode;
  projectManagerId: string | null;
  timeRequiresApproval: boolean;
  includeInRM: boolean;
  isEligibleTimeOffAllocation: boolean;
  customFields: Record<string, unknown>;
  createdAt: string;
  updatedAt: string;
}

export interface JobFilter {
  ids?: string[];
  clientIds?: string[];
  names?: string[];
  jobNumbers?: string[];
  isActive?: boolean[];
  projectManagerIds?: string[];
  /** Only jobs this access lets use (/Me/Jobs, /Jobs?UserID=). */
  access?: JobAccess;
  /** MyJobs=true|false: on (or not on) this person's My Jobs list. */
  myJobs?: { userId: string; linked: boolean };
}

const b = (v: boolean): 0 | 1 => (v ? 1 : 0);

const toRecord = (r: Selectable<JobsTable>): JobRecord => ({
  companyId: r.company_id,
  id: r.id,
  name: r.name,
  jobNumber: r.job_number,
  clientId: r.client_id,
  isActive: r.is_active === 1,
  startDate: r.start_date,
  endDate: r.end_date,
  listDisplayText: r.list_display_text,
  notes: r.notes,
  accountingPackageId: r.accounting_package_id,
  isBillable: r.is_billable === 1,
  billingRate: r.billing_rate === null ? null : Number(r.billing_rate),
  useCompanyBillingRate: r.use_company_billing_rate === 1,
  secondaryBillingRateMode: r.secondary_billing_rate_mode,
  projectManagerId: r.project_manager_id,
  timeRequiresApproval: r.time_requires_approval === 1,
  includeInRM: r.include_in_rm === 1,
  isEligibleTimeOffAllocation: r.is_eligible_time_off_allocation === 1,
  customFields: JSON.parse(r.custom_fields) as Record<string, unknown>,
  createdAt: r.created_at,
  updatedAt: r.updated_at,
});

const toRow = (j: JobRecord): Selectable<JobsTable> => ({
  company_id: j.companyId,
  id: j.id,
  name: j.name,
  job_number: j.jobNumber,
  client_id: j.clientId,
  is_active: b(j.isActive),
  start_date: j.startDate,
  end_date: j.endDate,
  list_display_text: j.listDisplayText,
  notes: j.notes,
  accounting_package_id: j.accountingPackageId,
  is_billable: b(j.isBillable),
  billing_rate: j.billingRate,
  use_company_billing_rate: b(j.useCompanyBillingRate),
  secondary_billing_rate_mode: j.secondaryBillingRateMode,
  project_manager_id: j.projectManagerId,
  time_requires_approval: b(j.timeRequiresApproval),
  include_in_rm: b(j.includeInRM),
  is_eligible_time_off_allocation: b(j.isEligibleTimeOffAllocation),
  custom_fields: JSON.stringify(j.customFields),
  created_at: j.createdAt,
  updated_at: j.updatedAt,
});

function filtered(db: Db, companyId: string, f: JobFilter) {
  let q = db.selectFrom('jobs').where('company_id', '=', companyId);
  if (f.ids) q = q.where('id', 'in', f.ids);
  if (f.clientIds) q = q.where('client_id', 'in', f.clientIds);
  if (f.names)
    q = q.where((eb) =>
      eb(
        eb.fn('lower', ['name']),
        'in',
        f.names!.map((n) => n.toLowerCase()),
      ),
    );
  if (f.jobNumbers) q = q.where('job_number', 'in', f.jobNumbers);
  if (f.isActive) q = q.where('is_active', 'in', f.isActive.map(b));
  if (f.projectManagerIds) q = q.where('project_manager_id', 'in', f.projectManagerIds);
  if (f.access) q = q.where(jobAllowed('jobs', f.access));
  if (f.myJobs) q = q.where(onList('jobs', MY_JOBS, f.myJobs.userId, f.myJobs.linked));
  return q;
}

/** Default order: ListDisplayText, ID. */
export async function listJobs(db: Db, companyId: string, f: JobFilter, paging: Paging) {
  const [rows, count] = await Promise.all([
    filtered(db, companyId, f)
      .selectAll()
      .orderBy('list_display_text')
      .orderBy('id')
      .limit(paging.limit)
      .offset(paging.offset)
      .execute(),
    filtered(db, companyId, f)
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow(),
  ]);
  return { rows: rows.map(toRecord), count: Number(count.n) };
}

/** Every matching job in the default order (no paging). */
export async function listAllJobs(db: Db, companyId: string, f: JobFilter): Promise<JobRecord[]> {
  const rows = await filtered(db, companyId, f)
    .selectAll()
    .orderBy('list_display_text')
    .orderBy('id')
    .execute();
  return rows.map(toRecord);
}

export async function findJob(db: Db, companyId: string, id: string): Promise<JobRecord | undefined> {
  const row = await db
    .selectFrom('jobs')
    .selectAll()
    .where('company_id', '=', companyId)
    .where('id', '=', id)
    .executeTakeFirst();
  return row && toRecord(row);
}

export async function findJobs(db: Db, companyId: string, ids: readonly string[]): Promise<JobRecord[]> {
  if (ids.length === 0) return [];
  const rows = await db
    .selectFrom('jobs')
    .selectAll()
    .where('company_id', '=', companyId)
    .where('id', 'in', [...new Set(ids)])
    .execute();
  return rows.map(toRecord);
}

export async function insertJob(db: Db, j: JobRecord): Promise<void> {
  await db.insertInto('jobs').values(toRow(j)).execute();
}

export async function saveJob(db: Db, j: JobRecord): Promise<void> {
  const { company_id, id, created_at: _created, ...rest } = toRow(j);
  await db.updateTable('jobs').set(rest).where('company_id', '=', company_id).where('id', '=', id).execute();
}

export async function deleteJob(db: Db, companyId: string, id: string): Promise<void> {
  await db.deleteFrom('jobs').where('company_id', '=', companyId).where('id', '=', id).execute();
}

export async function countJobsOfClient(db: Db, companyId: string, clientId: string): Promise<number> {
  const row = await db
    .selectFrom('jobs')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('company_id', '=', companyId)
    .where('client_id', '=', clientId)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}
