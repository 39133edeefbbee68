/**
 * Timesheets (API.md §4.10, §6.2): reading them in the /Me, root and /Manage scopes, their workflow,
 * and the lock that entry edits take. Who may use what is timesheets.policy.ts; which action leads
 * where is timesheets.workflow.ts.
 *
 * Every write to a sheet runs in a transaction that takes the owner's lock and then the sheet row
 * (FOR UPDATE on PostgreSQL; SQLite write transactions are BEGIN IMMEDIATE), re-reads the sheet, checks
 * the rules against what it read, and updates only if the status is still the one it checked. Two
 * approvers at once get one success and one 409; a workflow change and an entry edit of the same sheet
 * serialise on the sheet row, so the later one sees the earlier one's result.
 */
import type { TimesheetAction, TimesheetActionBody } from '../../../contract/timesheets.js';
import type { Db } from '../../db/connect.js';
import type { TimesheetStatus } from '../../db/schema.js';
import type { Deps } from '../../deps.js';
import { AppError, forbidden, notFound } from '../../errors.js';
import type { Paging } from '../../http/paging.js';
import { fromScaled, HOURS_SCALE, toScaled } from '../../lib/decimal.js';
import { datesBetween, isDate, weekdayOf } from '../../lib/periods.js';
import { isAdmin, type Actor } from '../../lib/permissions.js';
import { loadCompany, type EffectiveSettings } from '../company/index.js';
import { findUser, findUsers, type UserRecord } from '../users/index.js';
import {
  deniedMessage,
  endpointReach,
  needsApprovalsModule,
  reachOf,
  reaches,
  LOCK,
  type Endpoint,
  type Reach,
  type TimesheetScope,
} from './timesheets.policy.js';
import { ensureSheet, ensureSheetsIn, ruleOf, settingsIn } from './timesheets.sheets.js';
import {
  findSheet,
  insertHistory,
  listHistory,
  listSheets,
  lockOwner,
  lockSheetRows,
  transitionSheet,
  type SheetFilter,
  type SheetRecord,
} from './timesheets.store.js';
import { listEntries, type EntryFilter } from '../time-entries/index.js';
import {
  dropJobApprovals,
  jobApprovalActions,
  jobApprovalsOn,
  jobsNeedingApproval,
  managesPendingJobOf,
  openJobApprovals,
  performJobApproval,
} from './timesheets.job-approvals.js';
import { workedHoursByDay } from './timesheets.time.js';
import {
  availableActions,
  callerMay,
  EDITABLE_STATUSES,
  isWorkflowAction,
  nextStatus,
  stateActions,
  type CallerRole,
  type SheetState,
  type WorkflowAction,
} from './timesheets.workflow.js';

// ——— gates ———

export interface Gate {
  settings: EffectiveSettings;
  reach: Reach;
}

/** The company settings and the endpoint's reach; 403 when the caller may not use the endpoint at all. */
export async function gate(
  deps: Deps,
  actor: Actor,
  scope: TimesheetScope,
  endpoint: Endpoint,
): Promise<Gate> {
  const { settings } = await loadCompany(deps, actor.companyId);
  if (needsApprovalsModule(scope) && settings.OptionalModules.TimesheetApprovals === false) {
    throw new AppError('module_disabled', 'The Timesheet Approvals module is turned off for this company.');
  }
  const reach = endpointReach(actor, scope, endpoint);
  if (reach.kind === 'none') throw forbidden(deniedMessage(scope, endpoint));
  return { settings, reach };
}

// ——— addressing ———

/** A `{timesheetID}` path segment: a date means "the period containing it" (API.md §4.10). */
export type SheetRef = { kind: 'date'; date: string } | { kind: 'id'; id: string };

export function parseSheetRef(raw: string): SheetRef {
  if (/^\d{4}-\d{2}-\d{2}$/.test(raw)) {
    if (!isDate(raw)) {
      throw new AppError(
        'invalid_request',
        `"${raw}" is not a calendar date; address a timesheet by a date YYYY-MM-DD or by its ID.`,
        {
          field: 'TimesheetID',
        },
      );
    }
    return { kind: 'date', date: raw };
  }
  return { kind: 'id', id: raw };
}

export interface Resolved {
  sheet: SheetRecord;
  owner: UserRecord;
}

async function reachableUser(
  deps: Deps,
  actor: Actor,
  reach: Reach,
  userId: string,
  what: 'user' | 'timesheet' = 'user',
): Promise<UserRecord> {
  const user = await findUser(deps.db, actor.companyId, userId);
  if (!user || !reaches(reach, user)) throw notFound(what);
  return user;
}

/**
 * The sheet a path names, within the reach: by ID, or by date for `userId` (the caller when absent).
 * With `userId` and an ID, the ID names a period: the answer is that person's sheet for its start date.
 * Anything beyond the reach is not found (404).
 */
export async function resolveSheet(
  deps: Deps,
  actor: Actor,
  reach: Reach,
  ref: SheetRef,
  userId?: string,
): Promise<Resolved> {
  if (ref.kind === 'date') {
    const owner = await reachableUser(
      deps,
      actor,
      reach,
      userId ?? actor.userId,
      userId ? 'user' : 'timesheet',
    );
    return { sheet: await ensureSheet(deps, actor.companyId, owner.id, ref.date), owner };
  }
  const sheet = await findSheet(deps.db, actor.companyId, ref.id);
  const owner = sheet && (await findUser(deps.db, actor.companyId, sheet.userId));
  if (!sheet || !owner) throw notFound('timesheet');
  if (userId === undefined || userId === owner.id) {
    if (!reaches(reach, owner)) throw notFound('timesheet');
    return { sheet, owner };
  }
  // Users/{userID}: the ID only names a period, taken from a sheet the caller can see or their own.
  if (!reaches(reach, owner) && owner.id !== actor.userId) throw notFound('timesheet');
  const other = await reachableUser(deps, actor, reach, userId);
  return { sheet: await ensureSheet(deps, actor.companyId, other.id, sheet.startDate), owner: other };
}

// ——— reading ———

export interface SheetListQuery {
  filter: Omit<SheetFilter, 'reach'>;
  paging: Paging;
}

/** Lists sheets that exist (lists never create any; see docs/adr/0007-timesheet-periods.md). */
export async function listSheetsFor(deps: Deps, actor: Actor, scope: TimesheetScope, q: SheetListQuery) {
  const { reach } = await gate(deps, actor, scope, 'read');
  return listSheets(deps.db, actor.companyId, { ...q.filter, reach }, q.paging);
}

export async function getSheetFor(
  deps: Deps,
  actor: Actor,
  scope: TimesheetScope,
  ref: SheetRef,
  userId?: string,
) {
  const { reach } = await gate(deps, actor, scope, 'read');
  return resolveSheet(deps, actor, reach, ref, userId);
}

export async function sheetHistory(
  deps: Deps,
  actor: Actor,
  scope: TimesheetScope,
  ref: SheetRef,
  paging: Paging,
) {
  const { reach } = await gate(deps, actor, scope, 'read');
  const { sheet } = await resolveSheet(deps, actor, reach, ref);
  return listHistory(deps.db, actor.companyId, sheet.id, paging);
}

/**
 * GET /Timesheets/{id}/TimeEntries: the sheet owner's entries within the sheet's period, from the
 * time-entries module, in its default order (Date desc, ID desc).
 */
export async function sheetEntries(
  deps: Deps,
  actor: Actor,
  scope: TimesheetScope,
  ref: SheetRef,
  jobIds: string[] | undefined,
  paging: Paging,
) {
  const { reach } = await gate(deps, actor, scope, 'read');
  const { sheet } = await resolveSheet(deps, actor, reach, ref);
  const filter: EntryFilter = { userIds: [sheet.userId], fromDate: sheet.startDate, toDate: sheet.endDate };
  if (jobIds) filter.jobIds = jobIds;
  return listEntries(deps.db, actor.companyId, filter, paging);
}

// ——— workflow ———

export const approvalRequired = (settings: EffectiveSettings, owner: UserRecord) =>
  settings.OptionalModules.TimesheetApprovals !== false && owner.subjectToTimesheetApproval;

export function stateOf(sheet: SheetRecord, owner: UserRecord, settings: EffectiveSettings): SheetState {
  return {
    status: sheet.status,
    statusBeforeLock: sheet.statusBeforeLock,
    autoApproved: sheet.status === 'Approved' && sheet.approvedByUserId === null,
    approvalRequired: approvalRequired(settings, owner),
  };
}

export function roleOf(
  actor: Actor,
  scope: TimesheetScope,
  owner: UserRecord,
  settings: EffectiveSettings,
): CallerRole {
  return {
    scope,
    isOwner: owner.id === actor.userId,
    isAdmin: isAdmin(actor),
    isApprover: owner.timesheetApproverId !== null && owner.timesheetApproverId === actor.userId,
    lock: reaches(reachOf(actor, LOCK), owner),
    allowManagerUnapproval: settings.AllowManagerUnapproval,
  };
}

/** The actions valid now for this caller and scope. */
export function actionsFor(
  actor: Actor,
  scope: TimesheetScope,
  sheet: SheetRecord,
  owner: UserRecord,
  settings: EffectiveSettings,
): WorkflowAction[] {
  return availableActions(stateOf(sheet, owner, settings), roleOf(actor, scope, owner, settings));
}

/**
 * GET …/Actions. Reading them needs the scope's read permission; the list is what the caller may POST.
 * A project manager with a pending job approval on the sheet (root and /Manage scopes, sheet by ID)
 * sees JobApproval even without the read permission (timesheets.job-approvals.ts).
 */
export async function listSheetActions(
  deps: Deps,
  actor: Actor,
  scope: TimesheetScope,
  ref: SheetRef,
): Promise<TimesheetAction[]> {
  let resolved: { settings: EffectiveSettings; sheet: SheetRecord; owner: UserRecord };
  try {
    const { settings, reach } = await gate(deps, actor, scope, 'read');
    resolved = { settings, ...(await resolveSheet(deps, actor, reach, ref)) };
  } catch (e) {
    if (scope !== 'me' && ref.kind === 'id' && e instanceof AppError && e.code !== 'module_disabled') {
      const sheet = await findSheet(deps.db, actor.companyId, ref.id);
      if (sheet && (await managesPendingJobOf(deps, actor, sheet))) return ['JobApproval'];
    }
    throw e;
  }
  const { settings, sheet, owner } = resolved;
  const jobActions = scope === 'me' ? [] : await jobApprovalActions(deps, actor, sheet, settings);
  return [...actionsFor(actor, scope, sheet, owner, settings), ...jobActions].sort();
}

export interface ActionResult extends Resolved {
  warnings: string[];
}

function invalidNow(action: TimesheetAction, status: TimesheetStatus): AppError {
  return new AppError('invalid_state', `${action} is not possible now: the timesheet is ${status}.`, {
    field: 'Action',
  });
}

const HOUR = 10 ** HOURS_SCALE;
const hoursText = (v: number) => String(fromScaled(v, HOURS_SCALE));

/**
 * The completion rule (API.md §6.2): a person subject to timesheet completion, without
 * AllowIncompleteTimesheetSubmission, submits only with at least MinimumTimeHours on every weekday
 * (MinimumTimePeriod Day) or, per week, MinimumTimeHours pro rata over the period's weekdays (Week).
 * Days outside the person's StartDate…EndDate do not count. Returns what is missing, or null.
 */
export async function completionProblem(
  tx: Db,
  sheet: SheetRecord,
  owner: UserRecord,
): Promise<string[] | null> {
  if (!owner.subjectToTimesheetCompletion || owner.profile.AllowIncompleteTimesheetSubmission) return null;
  const minimum = toScaled(owner.profile.MinimumTimeHours, HOURS_SCALE)?.value ?? 0;
  if (minimum <= 0) return null;
  const from = owner.startDate && owner.startDate > sheet.startDate ? owner.startDate : sheet.startDate;
  const to = owner.endDate && owner.endDate < sheet.endDate ? owner.endDate : sheet.endDate;
  const weekdays = datesBetween(from, to).filter((d) => weekdayOf(d) >= 1 && weekdayOf(d) <= 5);
  if (weekdays.length === 0) return null;
  const byDay = new Map<string, number>();
  for (const { date, hours } of await workedHoursByDay(tx, sheet.companyId, owner.id, from, to)) {
    byDay.set(date, (byDay.get(date) ?? 0) + hours);
  }
  if (owner.profile.MinimumTimePeriod === 'Day') {
    const short = weekdays.filter((d) => (byDay.get(d) ?? 0) < minimum);
    return short.length === 0
      ? null
      : short.map((d) => `${d}: ${hoursText(byDay.get(d) ?? 0)} of at least ${hoursText(minimum)} hours.`);
  }
  const total = weekdays.reduce((sum, d) => sum + (byDay.get(d) ?? 0), 0);
  // total ≥ minimum × weekdays / 5, compared exactly in integers.
  if (total * 5 >= minimum * weekdays.length) return null;
  const needed = Math.ceil((minimum * weekdays.length) / 5);
  return [
    `${hoursText(total)} hours logged on weekdays; at least ${hoursText(needed)} needed (${hoursText(minimum)} a week).`,
  ];
}

function applyAction(
  before: SheetRecord,
  state: SheetState,
  action: WorkflowAction,
  actor: Actor,
  comment: string | null,
  now: string,
): SheetRecord {
  const next: SheetRecord = { ...before, status: nextStatus(state, action), comment, updatedAt: now };
  const clearSubmitted = () => Object.assign(next, { submittedByUserId: null, submittedAt: null });
  const clearApproved = () => Object.assign(next, { approvedByUserId: null, approvedAt: null });
  const clearRejected = () => Object.assign(next, { rejectedByUserId: null, rejectedAt: null });
  switch (action) {
    case 'Submit':
      Object.assign(next, { hasBeenSubmitted: true, submittedByUserId: actor.userId, submittedAt: now });
      clearRejected();
      // Not subject to approval: approved at once, without an approver.
      if (next.status === 'Approved') Object.assign(next, { approvedByUserId: null, approvedAt: now });
      else clearApproved();
      break;
    case 'UndoSubmit':
    case 'RemoveApprovals':
      clearSubmitted();
      clearApproved();
      clearRejected();
      break;
    case 'Approve':
      Object.assign(next, { approvedByUserId: actor.userId, approvedAt: now });
      clearRejected();
      break;
    case 'Reject':
      Object.assign(next, { rejectedByUserId: actor.userId, rejectedAt: now });
      clearApproved();
      break;
    case 'UndoApproval':
      clearApproved();
      if (next.status === 'Open') clearSubmitted();
      break;
    case 'Lock':
      next.statusBeforeLock = before.status;
      break;
    case 'Unlock':
      next.statusBeforeLock = null;
      break;
  }
  return next;
}

/** POST …/Actions: performs one workflow action and records it in the sheet's history. */
export async function performSheetAction(
  deps: Deps,
  actor: Actor,
  scope: TimesheetScope,
  ref: SheetRef,
  body: TimesheetActionBody,
): Promise<ActionResult> {
  if (body.Action === 'JobApproval' && scope !== 'me') {
    // Decided by the job's project manager, who need not hold Lock timesheets.
    const done = await performJobApproval(
      deps,
      actor,
      ref,
      body,
      async (r) => (await resolveSheet(deps, actor, { kind: 'self', userId: actor.userId }, r)).sheet,
      approvalRequired,
    );
    return { ...done, warnings: [] };
  }
  const { settings, reach } = await gate(deps, actor, scope, 'act');
  const { sheet: target, owner: ownerAtStart } = await resolveSheet(deps, actor, reach, ref);
  const action = body.Action;
  if (!isWorkflowAction(action)) {
    throw new AppError(
      'invalid_state',
      action === 'None'
        ? 'None is not an action that can be performed.'
        : action === 'JobApproval'
          ? "JobApproval is decided on the /Timesheets or /Manage/Timesheets scope by the job's project manager."
          : `${action} is not possible: Punchclock does not support time-off request holds yet.`,
      { field: 'Action' },
    );
  }
  // Whether this caller could ever do this (403), before whether the sheet allows it now (409).
  if (!callerMay(action, roleOf(actor, scope, ownerAtStart, settings))) {
    throw forbidden(`You may not ${action} this timesheet.`);
  }
  const comment = body.Comment?.trim() || null;
  if (action === 'Reject' && !comment) {
    throw new AppError('invalid_field', 'A Comment is required to reject a timesheet.', { field: 'Comment' });
  }
  const attests = body.HasAttestation === true;
  if (
    action === 'Submit' &&
    ownerAtStart.id === actor.userId &&
    settings.AttestationStatement.trim() !== '' &&
    !attests
  ) {
    throw new AppError(
      'invalid_field',
      'Submitting needs HasAttestation: true, agreeing to the company attestation statement.',
      {
        field: 'HasAttestation',
      },
    );
  }
  const warnings: string[] = [];
  if (body.CCNotifications?.length)
    warnings.push('CCNotifications were ignored: Punchclock sends no e-mail for timesheet actions.');
  const me = await findUser(deps.db, actor.companyId, actor.userId);
  const now = deps.clock().toISOString();

  const result = await deps.db.transaction().execute(async (tx) => {
    await lockOwner(tx, deps.dialect.name, actor.companyId, target.userId);
    const locked = (await lockSheetRows(tx, deps.dialect.name, actor.companyId, [target.id])).get(target.id);
    const owner = locked && (await findUser(tx, actor.companyId, locked.userId));
    if (!locked || !owner) throw notFound('timesheet');
    const fresh = await settingsIn(tx, actor.companyId);
    if (!callerMay(action, roleOf(actor, scope, owner, fresh)))
      throw forbidden(`You may not ${action} this timesheet.`);
    const state = stateOf(locked, owner, fresh);
    if (!stateActions(state).includes(action)) throw invalidNow(action, locked.status);
    if (action === 'Submit') {
      const missing = await completionProblem(tx, locked, owner);
      if (missing) {
        throw new AppError(
          'invalid_state',
          'This timesheet is incomplete: it has less than the minimum time, and incomplete timesheets cannot be submitted.',
          {
            errors: [
              {
                Field: null,
                Message: 'This timesheet is incomplete and cannot be submitted.',
                MessageDetail: missing,
              },
            ],
          },
        );
      }
    }
    const next = applyAction(locked, state, action, actor, comment, now);
    // Project approvals first (timesheets.job-approvals.ts): time on jobs needing approval holds the sheet.
    const heldJobs =
      action === 'Submit' && jobApprovalsOn(fresh) ? await jobsNeedingApproval(tx, locked) : [];
    if (heldJobs.length > 0)
      Object.assign(next, { status: 'JobHold', approvedByUserId: null, approvedAt: null });
    if (!(await transitionSheet(tx, next, locked.status))) {
      throw new AppError('invalid_state', 'The timesheet changed meanwhile; read it again.', {
        field: 'Action',
      });
    }
    if (action === 'Submit') await openJobApprovals(deps, tx, next, heldJobs, now);
    else if (next.status === 'Open') await dropJobApprovals(tx, actor.companyId, locked.id);
    await insertHistory(tx, actor.companyId, locked.id, {
      action,
      actionByUserId: actor.userId,
      actionByUserName: me?.name ?? '',
      comment,
      hasAttestation: action === 'Submit' && attests,
      jobId: null,
      jobStatus: null,
      createdAt: now,
    });
    return { sheet: next, owner };
  });
  return { ...result, warnings };
}

// ——— the lock for entry edits ———

export interface LockSheetsArgs {
  companyId: string;
  userId: string;
  dates: string[];
  override: boolean;
}

/** See index.ts. */
export async function lockSheetsForEdit(deps: Deps, tx: Db, args: LockSheetsArgs): Promise<void> {
  const dates = [...new Set(args.dates)].sort();
  if (dates.length === 0) return;
  const settings = await settingsIn(tx, args.companyId);
  await lockOwner(tx, deps.dialect.name, args.companyId, args.userId);
  const byDate = await ensureSheetsIn(deps, tx, args.companyId, args.userId, dates, ruleOf(settings));
  const locked = await lockSheetRows(
    tx,
    deps.dialect.name,
    args.companyId,
    [...byDate.values()].map((s) => s.id),
  );
  if (args.override) return;
  const lockDate = settings.LockDate;
  const frozen = lockDate ? dates.filter((d) => d <= lockDate) : [];
  if (frozen.length > 0) {
    throw new AppError(
      'invalid_state',
      `Time on or before the company lock date ${lockDate} cannot change.`,
      {
        errors: [
          {
            Field: 'Date',
            Message: `Time on or before the company lock date ${lockDate} cannot change.`,
            MessageDetail: frozen,
          },
        ],
      },
    );
  }
  for (const date of dates) {
    const sheet = locked.get(byDate.get(date)!.id)!;
    if (!EDITABLE_STATUSES.includes(sheet.status)) {
      throw new AppError(
        'invalid_state',
        `The timesheet ${sheet.startDate} – ${sheet.endDate} is ${sheet.status}; its time cannot change${sheet.status === 'Locked' ? ' until it is unlocked' : ' unless it is taken back to Open or Rejected'}.`,
        {
          errors: [
            {
              Field: 'Date',
              Message: `The timesheet for ${date} is ${sheet.status}.`,
              MessageDetail: [date],
            },
          ],
        },
      );
    }
  }
}

// ——— verbose embeds ———

export interface SheetEmbeds {
  users: Map<string, UserRecord>;
  dayTotals: Map<string, { Date: string; Hours: number }[]>;
  actions: Map<string, WorkflowAction[]>;
}

/** Related people, day totals and the caller's actions for Verbose=true, for a page of sheets. */
export async function sheetEmbeds(
  deps: Deps,
  actor: Actor,
  scope: TimesheetScope,
  sheets: SheetRecord[],
  settings?: EffectiveSettings,
): Promise<SheetEmbeds> {
  const s = settings ?? (await loadCompany(deps, actor.companyId)).settings;
  const ids = sheets.flatMap((x) => [x.userId, x.submittedByUserId, x.approvedByUserId, x.rejectedByUserId]);
  const people = await findUsers(
    deps.db,
    actor.companyId,
    ids.filter((v): v is string => v !== null),
  );
  const users = new Map(people.map((u) => [u.id, u]));
  const dayTotals = new Map<string, { Date: string; Hours: number }[]>();
  const actions = new Map<string, WorkflowAction[]>();
  // One read per person over the span of their sheets on this page.
  const hours = new Map<string, number>();
  const spans = new Map<string, { from: string; to: string }>();
  for (const sheet of sheets) {
    const span = spans.get(sheet.userId);
    if (!span) spans.set(sheet.userId, { from: sheet.startDate, to: sheet.endDate });
    else {
      if (sheet.startDate < span.from) span.from = sheet.startDate;
      if (sheet.endDate > span.to) span.to = sheet.endDate;
    }
  }
  for (const [userId, { from, to }] of spans) {
    for (const { date, hours: h } of await workedHoursByDay(deps.db, actor.companyId, userId, from, to)) {
      hours.set(`${userId}/${date}`, (hours.get(`${userId}/${date}`) ?? 0) + h);
    }
  }
  for (const sheet of sheets) {
    dayTotals.set(
      sheet.id,
      datesBetween(sheet.startDate, sheet.endDate).map((d) => ({
        Date: d,
        Hours: (hours.get(`${sheet.userId}/${d}`) ?? 0) / HOUR,
      })),
    );
    const owner = users.get(sheet.userId);
    if (owner) actions.set(sheet.id, actionsFor(actor, scope, sheet, owner, s));
  }
  return { users, dayTotals, actions };
}

/** Actors of a page of history rows, for Verbose=true. */
export async function historyUsers(
  deps: Deps,
  actor: Actor,
  ids: (string | null)[],
): Promise<Map<string, UserRecord>> {
  const people = await findUsers(
    deps.db,
    actor.companyId,
    ids.filter((v): v is string => v !== null),
  );
  return new Map(people.map((u) => [u.id, u]));
}
