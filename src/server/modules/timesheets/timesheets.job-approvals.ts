/**
 * Job (project) approvals (API.md §4.10, §5, §6.2; CATALOGUE Manage/JobApprovals;
 * docs/adr/0007-timesheet-periods.md "Job approvals").
 *
 * With Company.EnableProjectApprovals on (and the TimesheetApprovals module not off), Submit of a sheet
 * with time on jobs that have TimeRequiresApproval and a ProjectManagerID takes it to JobHold and records
 * one pending approval per such job. Each job's project manager (or an Admin) then posts
 * `{Action: "JobApproval", JobID, JobStatus?, Comment?}`: Rejected (Comment required) sends the sheet to
 * Rejected; the last Approved moves it on to Waiting, or Approved when its owner is not subject to
 * approval. Taking the sheet back to Open (UndoSubmit, RemoveApprovals) drops its approvals.
 *
 * Every write runs under the same locks as the rest of the workflow (owner lock, then the sheet row),
 * so concurrent decisions on one sheet serialise and the sheet leaves JobHold exactly once.
 */
import type { TimesheetAction, TimesheetActionBody } from '../../../contract/timesheets.js';
import type { Db } from '../../db/connect.js';
import type { Deps } from '../../deps.js';
import { AppError, forbidden, notFound } from '../../errors.js';
import type { Paging } from '../../http/paging.js';
import { isAdmin, isAdminOrManager, type Actor } from '../../lib/permissions.js';
import { loadCompany, type EffectiveSettings } from '../company/index.js';
import { findUser, type UserRecord } from '../users/index.js';
import { listEntries } from '../time-entries/index.js';
import type { SheetRef } from './timesheets.service.js';
import { settingsIn } from './timesheets.sheets.js';
import {
  findSheet,
  insertHistory,
  lockOwner,
  lockSheetRows,
  transitionSheet,
  type SheetRecord,
} from './timesheets.store.js';

export type JobApprovalStatus = 'pending' | 'approved' | 'rejected';

export interface JobApprovalRecord {
  companyId: string;
  id: string;
  timesheetId: string;
  jobId: string;
  status: JobApprovalStatus;
  decidedBy: string | null;
  decidedAt: string | null;
  comment: string | null;
  createdAt: string;
}

/** Whether job approvals apply to the company: the module on and EnableProjectApprovals. */
export const jobApprovalsOn = (s: EffectiveSettings): boolean =>
  s.OptionalModules.TimesheetApprovals !== false && s.EnableProjectApprovals === true;

function off(): AppError {
  return new AppError('module_disabled', 'Project (job) approvals are turned off for this company.');
}

// ——— store ———

const approvalColumns = [
  'company_id',
  'id',
  'timesheet_id',
  'job_id',
  'status',
  'decided_by',
  'decided_at',
  'comment',
  'created_at',
] as const;

type Row = {
  company_id: string;
  id: string;
  timesheet_id: string;
  job_id: string;
  status: JobApprovalStatus;
  decided_by: string | null;
  decided_at: string | null;
  comment: string | null;
  created_at: string;
};

const toRecord = (r: Row): JobApprovalRecord => ({
  companyId: r.company_id,
  id: r.id,
  timesheetId: r.timesheet_id,
  jobId: r.job_id,
  status: r.status,
  decidedBy: r.decided_by,
  decidedAt: r.decided_at,
  comment: r.comment,
  createdAt: r.created_at,
});

/** The jobs with time on the sheet that need a project manager's approval, by ID. */
export async function jobsNeedingApproval(tx: Db, sheet: SheetRecord): Promise<string[]> {
  const rows = await tx
    .selectFrom('time_entries as e')
    .innerJoin('jobs as j', (j) =>
      j.onRef('j.company_id', '=', 'e.company_id').onRef('j.id', '=', 'e.job_id'),
    )
    .select('j.id')
    .distinct()
    .where('e.company_id', '=', sheet.companyId)
    .where('e.user_id', '=', sheet.userId)
    .where('e.date', '>=', sheet.startDate)
    .where('e.date', '<=', sheet.endDate)
    .where('j.time_requires_approval', '=', 1)
    .where('j.project_manager_id', 'is not', null)
    .orderBy('j.id')
    .execute();
  return rows.map((r) => r.id);
}

/** Drops every job approval of the sheet (call with the sheet locked). */
export async function dropJobApprovals(tx: Db, companyId: string, timesheetId: string): Promise<void> {
  await tx
    .deleteFrom('timesheet_job_approvals')
    .where('company_id', '=', companyId)
    .where('timesheet_id', '=', timesheetId)
    .execute();
}

/** Replaces the sheet's job approvals by pending ones for `jobIds` (call with the sheet locked). */
export async function openJobApprovals(
  deps: Deps,
  tx: Db,
  sheet: SheetRecord,
  jobIds: string[],
  now: string,
): Promise<void> {
  await dropJobApprovals(tx, sheet.companyId, sheet.id);
  for (const jobId of jobIds) {
    await tx
      .insertInto('timesheet_job_approvals')
      .values({
        company_id: sheet.companyId,
        id: deps.newId(),
        timesheet_id: sheet.id,
        job_id: jobId,
        status: 'pending',
        decided_by: null,
        decided_at: null,
        comment: null,
        created_at: now,
      })
      .execute();
  }
}

async function approvalsOfSheet(
  db: Db,
  companyId: string,
  timesheetId: string,
): Promise<JobApprovalRecord[]> {
  const rows = await db
    .selectFrom('timesheet_job_approvals')
    .select(approvalColumns)
    .where('company_id', '=', companyId)
    .where('timesheet_id', '=', timesheetId)
    .orderBy('job_id')
    .execute();
  return rows.map(toRecord);
}

async function findApproval(db: Db, companyId: string, id: string): Promise<JobApprovalRecord | undefined> {
  const row = await db
    .selectFrom('timesheet_job_approvals')
    .select(approvalColumns)
    .where('company_id', '=', companyId)
    .where('id', '=', id)
    .executeTakeFirst();
  return row && toRecord(row);
}

async function projectManagerOf(db: Db, companyId: string, jobId: string): Promise<string | null> {
  const row = await db
    .selectFrom('jobs')
    .select('project_manager_id')
    .where('company_id', '=', companyId)
    .where('id', '=', jobId)
    .executeTakeFirst();
  return row?.project_manager_id ?? null;
}

// ——— reading ———

export interface JobApprovalListItem extends JobApprovalRecord {
  userId: string;
  startDate: string;
  endDate: string;
  sheetStatus: SheetRecord['status'];
}

/**
 * GET /Manage/JobApprovals (extension): the pending approvals of sheets in JobHold on jobs the caller
 * manages (Admins: all), oldest period first.
 */
export async function listJobApprovals(deps: Deps, actor: Actor, paging: Paging) {
  if (!isAdminOrManager(actor)) throw forbidden('Only Admins and project managers can see job approvals.');
  const { settings } = await loadCompany(deps, actor.companyId);
  if (!jobApprovalsOn(settings)) throw off();
  const base = () => {
    let q = deps.db
      .selectFrom('timesheet_job_approvals as a')
      .innerJoin('timesheets as t', (j) =>
        j.onRef('t.company_id', '=', 'a.company_id').onRef('t.id', '=', 'a.timesheet_id'),
      )
      .innerJoin('jobs as j', (j) =>
        j.onRef('j.company_id', '=', 'a.company_id').onRef('j.id', '=', 'a.job_id'),
      )
      .where('a.company_id', '=', actor.companyId)
      .where('a.status', '=', 'pending')
      .where('t.status', '=', 'JobHold');
    if (!isAdmin(actor)) q = q.where('j.project_manager_id', '=', actor.userId);
    return q;
  };
  const [rows, count] = await Promise.all([
    base()
      .select(approvalColumns.map((c) => `a.${c}` as const))
      .select(['t.user_id', 't.start_date', 't.end_date', 't.status as sheet_status'])
      .orderBy('t.start_date')
      .orderBy('a.id')
      .limit(paging.limit)
      .offset(paging.offset)
      .execute(),
    base()
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow(),
  ]);
  return {
    rows: rows.map((r): JobApprovalListItem => ({
      ...toRecord(r),
      userId: r.user_id,
      startDate: r.start_date,
      endDate: r.end_date,
      sheetStatus: r.sheet_status,
    })),
    count: Number(count.n),
  };
}

/**
 * GET /Manage/JobApprovals/{id}/TimeEntries: the sheet's entries on the approval's job, for the job's
 * project manager and Admins; anyone else (a manager of another job) gets 404.
 */
export async function jobApprovalEntries(deps: Deps, actor: Actor, id: string, paging: Paging) {
  if (!isAdminOrManager(actor)) throw forbidden('Only Admins and project managers can see job approvals.');
  const { settings } = await loadCompany(deps, actor.companyId);
  if (!jobApprovalsOn(settings)) throw off();
  const approval = await findApproval(deps.db, actor.companyId, id);
  if (!approval) throw notFound('job approval');
  if (
    !isAdmin(actor) &&
    (await projectManagerOf(deps.db, actor.companyId, approval.jobId)) !== actor.userId
  ) {
    throw notFound('job approval');
  }
  const sheet = await findSheet(deps.db, actor.companyId, approval.timesheetId);
  if (!sheet) throw notFound('job approval');
  return listEntries(
    deps.db,
    actor.companyId,
    { userIds: [sheet.userId], fromDate: sheet.startDate, toDate: sheet.endDate, jobIds: [approval.jobId] },
    paging,
  );
}

/** For GET …/Actions: ['JobApproval'] when the caller may decide a pending approval of the sheet now. */
export async function jobApprovalActions(
  deps: Deps,
  actor: Actor,
  sheet: SheetRecord,
  settings: EffectiveSettings,
): Promise<TimesheetAction[]> {
  if (sheet.status !== 'JobHold' || !jobApprovalsOn(settings) || !isAdminOrManager(actor)) return [];
  const pending = (await approvalsOfSheet(deps.db, actor.companyId, sheet.id)).filter(
    (a) => a.status === 'pending',
  );
  if (pending.length === 0) return [];
  if (isAdmin(actor)) return ['JobApproval'];
  for (const a of pending) {
    if ((await projectManagerOf(deps.db, actor.companyId, a.jobId)) === actor.userId) return ['JobApproval'];
  }
  return [];
}

/** Whether the caller manages a job with a pending approval on the sheet (lets a PM address it). */
export async function managesPendingJobOf(deps: Deps, actor: Actor, sheet: SheetRecord): Promise<boolean> {
  const { settings } = await loadCompany(deps, actor.companyId);
  return (await jobApprovalActions(deps, actor, sheet, settings)).length > 0;
}

// ——— deciding ———

/**
 * POST …/Actions {Action: "JobApproval"} on the root or /Manage scope. The sheet is addressed by ID
 * (a date names the caller's own period, which has no approvals of theirs to decide).
 */
export async function performJobApproval(
  deps: Deps,
  actor: Actor,
  ref: SheetRef,
  body: TimesheetActionBody,
  resolveOwn: (ref: SheetRef) => Promise<SheetRecord>,
  approvalRequired: (settings: EffectiveSettings, owner: UserRecord) => boolean,
): Promise<{ sheet: SheetRecord; owner: UserRecord }> {
  if (!isAdminOrManager(actor)) throw forbidden('Only Admins and project managers can approve jobs.');
  const { settings } = await loadCompany(deps, actor.companyId);
  if (!jobApprovalsOn(settings)) throw off();
  const jobId = body.JobID?.trim();
  if (!jobId) {
    throw new AppError('invalid_field', 'JobApproval needs the JobID of the job being decided.', {
      field: 'JobID',
    });
  }
  const decision = body.JobStatus ?? 'Approved';
  const comment = body.Comment?.trim() || null;
  if (decision === 'Rejected' && !comment) {
    throw new AppError('invalid_field', 'A Comment is required to reject a job approval.', {
      field: 'Comment',
    });
  }
  const target =
    ref.kind === 'id' ? await findSheet(deps.db, actor.companyId, ref.id) : await resolveOwn(ref);
  if (!target) throw notFound('timesheet');
  const approvals = await approvalsOfSheet(deps.db, actor.companyId, target.id);
  const pm = await projectManagerOf(deps.db, actor.companyId, jobId);
  const mine = isAdmin(actor) || pm === actor.userId;
  if (!mine) {
    // A project manager of another job on this sheet knows the sheet: 403; anyone else: 404.
    for (const a of approvals) {
      if ((await projectManagerOf(deps.db, actor.companyId, a.jobId)) === actor.userId) {
        throw forbidden('You are not the project manager of this job.');
      }
    }
    throw notFound('timesheet');
  }
  const me = await findUser(deps.db, actor.companyId, actor.userId);
  const now = deps.clock().toISOString();

  return deps.db.transaction().execute(async (tx) => {
    await lockOwner(tx, deps.dialect.name, actor.companyId, target.userId);
    const locked = (await lockSheetRows(tx, deps.dialect.name, actor.companyId, [target.id])).get(target.id);
    const owner = locked && (await findUser(tx, actor.companyId, locked.userId));
    if (!locked || !owner) throw notFound('timesheet');
    const fresh = await settingsIn(tx, actor.companyId);
    if (!jobApprovalsOn(fresh)) throw off();
    if (locked.status !== 'JobHold') {
      throw new AppError(
        'invalid_state',
        `JobApproval is not possible now: the timesheet is ${locked.status}.`,
        {
          field: 'Action',
        },
      );
    }
    const current = await approvalsOfSheet(tx, actor.companyId, locked.id);
    const mineNow = current.find((a) => a.jobId === jobId);
    if (!mineNow) {
      throw new AppError('invalid_field', 'This timesheet has no job approval for that JobID.', {
        field: 'JobID',
      });
    }
    if (mineNow.status !== 'pending') {
      throw new AppError('invalid_state', `This job was already ${mineNow.status} on this timesheet.`, {
        field: 'Action',
      });
    }
    await tx
      .updateTable('timesheet_job_approvals')
      .set({
        status: decision === 'Approved' ? 'approved' : 'rejected',
        decided_by: actor.userId,
        decided_at: now,
        comment,
      })
      .where('company_id', '=', actor.companyId)
      .where('id', '=', mineNow.id)
      .where('status', '=', 'pending')
      .execute();
    await insertHistory(tx, actor.companyId, locked.id, {
      action: 'JobApproval',
      actionByUserId: actor.userId,
      actionByUserName: me?.name ?? '',
      comment,
      hasAttestation: false,
      jobId,
      jobStatus: decision,
      createdAt: now,
    });
    let next: SheetRecord = locked;
    if (decision === 'Rejected') {
      next = {
        ...locked,
        status: 'Rejected',
        rejectedByUserId: actor.userId,
        rejectedAt: now,
        approvedByUserId: null,
        approvedAt: null,
        comment,
        updatedAt: now,
      };
    } else if (current.every((a) => a.id === mineNow.id || a.status === 'approved')) {
      const waiting = approvalRequired(fresh, owner);
      next = {
        ...locked,
        status: waiting ? 'Waiting' : 'Approved',
        approvedByUserId: null,
        approvedAt: waiting ? null : now,
        comment,
        updatedAt: now,
      };
    }
    if (next !== locked && !(await transitionSheet(tx, next, 'JobHold'))) {
      throw new AppError('invalid_state', 'The timesheet changed meanwhile; read it again.', {
        field: 'Action',
      });
    }
    return { sheet: next, owner };
  });
}
