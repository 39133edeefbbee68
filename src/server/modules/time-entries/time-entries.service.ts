/**
 * Time entries (API.md §4.9, §6.1; DECISIONS 4, 8, 9, 19–21, 27; docs/adr/0006-hours.md). The /Me, root
 * and /Manage route sets all call these; the scope only decides whose time the caller may act on
 * (time-entries.policy.ts) and whether the timesheet state checks are overridden.
 *
 * The rules of an entry, all checked for every item before anything is stored (a 400 lists them all):
 *   - Date, JobID, TaskID required; Hours required unless StartTime and EndTime give it
 *   - StartTime/EndTime both or neither, EndTime after StartTime; Hours = End − Start − BreakTime, and a
 *     given Hours must agree; BreakTime only when the person has EnableBreakTime
 *   - Hours on the company's grid (PrecisionForHoursValues, MinTimeIncrement): refused, never rounded
 *   - 0 hours only with AllowZeroHourTimeEntries (or a RequireStopwatch person's new stopwatch entry)
 *   - a date after today only with AllowWorkedTimeEntryInFuture; within the person's StartDate/EndDate
 *   - Comment with RequireComments, StartTime/EndTime with RequireStartEndTime (the person's profile)
 *   - the job active and usable by the person, the task active and allowed on the job (master-data)
 *   - the day's total at most 24 h (checked under the person's lock, in the writing transaction)
 *   - Company.LockDate and the timesheet state (lockSheetsForEdit), unless overridden
 *   - DCAA logging or job phases on: every write is a 403
 */
import type { TimeEntryCreate, TimeEntryUpdate } from '../../../contract/time-entries.js';
import type { Deps } from '../../deps.js';
import { AppError, FieldErrors, forbidden, notFound, type FieldError } from '../../errors.js';
import type { Paging } from '../../http/paging.js';
import { RATE_SCALE, toScaled } from '../../lib/decimal.js';
import { addDays, isCalendarDate, todayOf } from '../../lib/dates.js';
import type { Actor } from '../../lib/permissions.js';
import { effectiveRate, isPairKind, pairRateOf } from '../billing-rates/index.js';
import { loadCompany, moduleOn, type EffectiveSettings } from '../company/index.js';
import { customFieldRules, type CustomFieldRules } from '../custom-fields/index.js';
import {
  checkJobAndTask,
  findClient,
  findClients,
  findJobs,
  findTasks,
  isJobUsableBy,
  isTaskAllowedOnJob,
  registerReferenceCheck,
  type JobRecord,
  type TaskRecord,
} from '../master-data/index.js';
import { lockSheetsForEdit } from '../timesheets/index.js';
import { findUser, findUsers, type UserRecord } from '../users/index.js';
import {
  deriveHours,
  hoursGrid,
  hoursToWire,
  MAX_DAY,
  parseDuration,
  parseHours,
  type HoursGrid,
} from './hours.js';
import {
  canSetRates,
  covers,
  overrides,
  readPeople,
  writePeople,
  type EntryScope,
  type People,
} from './time-entries.policy.js';
import {
  anyEntryWith,
  dayTotals,
  deleteEntry,
  findEntry,
  insertEntries,
  listEntries,
  recentPairs,
  saveEntry,
  type EntryFilter,
  type TimeEntryRecord,
} from './time-entries.store.js';
import { findTimerOfEntry } from './timers.store.js';

// A job or task with time cannot be deleted (DECISIONS 19). People: the foreign key from time_entries
// to users (no cascade) makes DELETE /Users/{id} answer 409 in_use.
registerReferenceCheck('Job', 'time-entries', async (db, companyId, id) =>
  (await anyEntryWith(db, companyId, 'job_id', id)) ? 'time entries' : null,
);
registerReferenceCheck('Task', 'time-entries', async (db, companyId, id) =>
  (await anyEntryWith(db, companyId, 'task_id', id)) ? 'time entries' : null,
);

const at = (prefix: string, field: string) => (prefix ? `${prefix}.${field}` : field);

export interface EntryContext {
  deps: Deps;
  actor: Actor;
  scope: EntryScope;
  settings: EffectiveSettings;
  grid: HoursGrid;
  people: People;
}

/** DCAA logging and job phases (SubJobs) switch time writes off (API.md §6.1). */
export function assertTimeWritable(settings: EffectiveSettings): void {
  if (settings.DCAALogEnabled) {
    throw forbidden(
      'Time cannot be changed through the API while the company keeps a DCAA log (DCAALogEnabled).',
    );
  }
  if (settings.PhasesEnabled) {
    throw forbidden(
      'Time cannot be changed through the API while the company uses job phases (PhasesEnabled).',
    );
  }
}

export async function entryContext(
  deps: Deps,
  actor: Actor,
  scope: EntryScope,
  write: boolean,
): Promise<EntryContext> {
  const people = write ? writePeople(actor, scope) : readPeople(actor, scope);
  const { settings } = await loadCompany(deps, actor.companyId);
  if (scope === 'manage' && !moduleOn(settings, 'TimesheetApprovals')) {
    throw new AppError('module_disabled', 'Managing timesheets needs the Timesheet Approvals module.');
  }
  if (write) assertTimeWritable(settings);
  return { deps, actor, scope, settings, grid: hoursGrid(settings), people };
}

/** The latest calendar date anywhere (UTC+14): a date after it is in the future for everyone (ADR 0006). */
export function latestToday(now: Date): string {
  return todayOf(new Date(now.getTime() + 14 * 3_600_000));
}

function peopleFilter(people: People): Partial<EntryFilter> {
  switch (people.kind) {
    case 'self':
      return { userIds: [people.userId] };
    case 'all':
      return {};
    case 'some':
      return { reach: { divisionIds: people.divisionIds, approverId: people.approverId } };
    case 'none':
      return { none: true };
  }
}

// ——— reading ———

export async function listTimeEntries(
  deps: Deps,
  actor: Actor,
  scope: EntryScope,
  filter: EntryFilter,
  paging: Paging,
) {
  const ctx = await entryContext(deps, actor, scope, false);
  return listEntries(deps.db, actor.companyId, { ...filter, ...peopleFilter(ctx.people) }, paging);
}

/** The entry when it exists in the caller's company and its owner is one the caller may act on; else 404. */
async function entryFor(
  ctx: EntryContext,
  id: string,
): Promise<{ entry: TimeEntryRecord; owner: UserRecord }> {
  const { deps, actor, people } = ctx;
  const entry = await findEntry(deps.db, actor.companyId, id);
  if (!entry || (people.kind === 'self' && entry.userId !== people.userId)) throw notFound('time entry');
  const owner = await findUser(deps.db, actor.companyId, entry.userId);
  if (!owner || !covers(people, owner)) throw notFound('time entry');
  return { entry, owner };
}

export async function getTimeEntry(
  deps: Deps,
  actor: Actor,
  scope: EntryScope,
  id: string,
): Promise<TimeEntryRecord> {
  const ctx = await entryContext(deps, actor, scope, false);
  return (await entryFor(ctx, id)).entry;
}

// ——— the rules ———

interface HoursState {
  hours: number;
  breakTime: number;
  startTime: string | null;
  endTime: string | null;
}

interface HoursInput {
  Hours?: number;
  BreakTime?: number | null;
  StartTime?: string | null;
  EndTime?: string | null;
}

/**
 * Hours, BreakTime, StartTime and EndTime of an entry after this request: `current` is the stored entry
 * (undefined when creating). Adds every problem to `errors`; undefined when there was one.
 */
function resolveHours(
  ctx: EntryContext,
  owner: UserRecord,
  current: HoursState | undefined,
  input: HoursInput,
  prefix: string,
  errors: FieldErrors,
): HoursState | undefined {
  const creating = current === undefined;
  const profile = owner.profile;
  const f = (name: string) => at(prefix, name);
  let ok = true;
  const fail = (field: string, message: string, detail = 'invalid_field') => {
    errors.add(f(field), message, [detail]);
    ok = false;
  };

  const startTime = input.StartTime !== undefined ? input.StartTime : (current?.startTime ?? null);
  const endTime = input.EndTime !== undefined ? input.EndTime : (current?.endTime ?? null);
  let breakTime = current?.breakTime ?? 0;
  if (input.BreakTime !== undefined) {
    const parsed = parseDuration(input.BreakTime ?? 0, 'BreakTime');
    if (!parsed.ok) fail('BreakTime', parsed.message);
    else if (parsed.value > 0 && !profile.EnableBreakTime) {
      fail('BreakTime', 'BreakTime is not enabled for this person (EnableBreakTime).');
    } else breakTime = parsed.value;
  }
  if ((startTime === null) !== (endTime === null)) {
    const [missing, given] = startTime === null ? ['StartTime', 'EndTime'] : ['EndTime', 'StartTime'];
    fail(missing, `${missing} is required when ${given} is given.`, 'required');
  } else if (startTime === null && profile.RequireStartEndTime) {
    fail('StartTime', 'StartTime is required for this person (RequireStartEndTime).', 'required');
    fail('EndTime', 'EndTime is required for this person (RequireStartEndTime).', 'required');
  }

  let given: number | undefined;
  if (input.Hours !== undefined) {
    const parsed = parseHours(input.Hours, ctx.grid);
    if (parsed.ok) given = parsed.value;
    else fail('Hours', parsed.message);
  }
  // A RequireStopwatch person's new entry starts empty: its timer fills it.
  const stopwatch =
    creating && profile.RequireStopwatch && startTime === null && (input.Hours === undefined || given === 0);

  let hours: number | undefined;
  if (startTime !== null && endTime !== null) {
    const derived = deriveHours(startTime, endTime, breakTime, ctx.grid);
    if (!derived.ok) fail(derived.field, derived.message);
    else {
      if (given !== undefined && given !== derived.value) {
        fail(
          'Hours',
          `Hours (${hoursToWire(given)}) does not match StartTime, EndTime and BreakTime, which make ${hoursToWire(derived.value)} hours.`,
        );
      }
      hours = derived.value;
    }
  } else if (given !== undefined) hours = given;
  else if (current) hours = current.hours;
  else if (stopwatch) hours = 0;
  else if (input.Hours === undefined)
    fail('Hours', 'Hours is required (or StartTime and EndTime).', 'required');

  if (!ok || hours === undefined) return undefined;
  if (hours === 0 && !stopwatch && !ctx.settings.AllowZeroHourTimeEntries) {
    fail(
      'Hours',
      'Hours must be more than 0: the company does not allow zero-hour entries (AllowZeroHourTimeEntries).',
    );
    return undefined;
  }
  return { hours, breakTime, startTime, endTime };
}

function checkDate(
  ctx: EntryContext,
  owner: UserRecord,
  date: string,
  latest: string,
  prefix: string,
  errors: FieldErrors,
) {
  const f = at(prefix, 'Date');
  if (owner.startDate && date < owner.startDate) {
    errors.add(f, `Date is before this person's StartDate (${owner.startDate}).`, ['invalid_field']);
  }
  if (owner.endDate && date > owner.endDate) {
    errors.add(f, `Date is after this person's EndDate (${owner.endDate}).`, ['invalid_field']);
  }
  if (date > latest && !ctx.settings.AllowWorkedTimeEntryInFuture) {
    errors.add(
      f,
      'Date is in the future: the company does not allow worked time in the future (AllowWorkedTimeEntryInFuture).',
      ['invalid_field'],
    );
  }
}

function checkComment(owner: UserRecord, comment: string, prefix: string, errors: FieldErrors) {
  if (owner.profile.RequireComments && comment.trim() === '') {
    errors.add(at(prefix, 'Comment'), 'Comment is required for this person (RequireComments).', ['required']);
  }
}

/** Job and task checks, memoised per person, job and task (a batch repeats them). */
class JobTaskChecker {
  private readonly cache = new Map<
    string,
    Promise<{ job?: JobRecord; task?: TaskRecord; errors: FieldError[] }>
  >();

  constructor(
    private readonly deps: Deps,
    private readonly companyId: string,
  ) {}

  async check(userId: string, jobId: string, taskId: string, prefix: string, errors: FieldErrors) {
    const key = `${userId}\u0000${jobId}\u0000${taskId}`;
    let pending = this.cache.get(key);
    if (!pending) {
      pending = (async () => {
        const found = new FieldErrors();
        const { job, task } = await checkJobAndTask(
          this.deps,
          this.companyId,
          userId,
          { jobId, taskId },
          found,
        );
        return { ...(job ? { job } : {}), ...(task ? { task } : {}), errors: found.list };
      })();
      this.cache.set(key, pending);
    }
    const result = await pending;
    for (const e of result.errors) errors.add(at(prefix, e.Field ?? ''), e.Message, e.MessageDetail);
    return result;
  }
}

interface Rates {
  billingRate?: number;
  costRate?: number;
}

/** BillingRate / CostRate from the body: an Admin's are kept; anyone else's are ignored with a warning. */
function explicitRates(
  ctx: EntryContext,
  input: { BillingRate?: number | null; CostRate?: number | null },
  prefix: string,
  errors: FieldErrors,
  warnings: Set<string>,
): Rates {
  const out: Rates = {};
  const fields = (['BillingRate', 'CostRate'] as const).filter(
    (k) => input[k] !== undefined && input[k] !== null,
  );
  if (fields.length === 0) return out;
  if (!canSetRates(ctx.actor)) {
    warnings.add('BillingRate and CostRate were ignored: only an Admin can set them.');
    return out;
  }
  for (const field of fields) {
    const s = toScaled(input[field]!, RATE_SCALE);
    if (!s || !s.exact)
      errors.add(at(prefix, field), `${field} may have at most ${RATE_SCALE} decimal places.`, [
        'invalid_field',
      ]);
    else out[field === 'BillingRate' ? 'billingRate' : 'costRate'] = s.value;
  }
  return out;
}

type RateSource = { billingRate: number | null; useCompanyBillingRate: boolean };
const ownRate = (r: RateSource) =>
  r.useCompanyBillingRate || r.billingRate === null ? undefined : r.billingRate;

/**
 * The rates an entry keeps (ADR 0006, ADR 0010): BillingRate by Company.BillingRateModel. JOB, USER and
 * TASK: that source's own rate, else Company.DefaultBillingRate. A pair model (USER_JOB, USER_CLIENT,
 * TASK_JOB, TASK_USER): the pair's effective rate, decided by the secondary's SecondaryBillingRateMode.
 * CostRate from the person.
 */
export async function resolveRates(
  deps: Deps,
  settings: EffectiveSettings,
  owner: UserRecord,
  job: JobRecord,
  task: TaskRecord,
): Promise<{ billingRate: number; costRate: number }> {
  const companyRate = toScaled(settings.DefaultBillingRate, RATE_SCALE)?.value ?? 0;
  const costRate = owner.costRate ?? 0;
  const model = settings.BillingRateModel;
  if (!isPairKind(model)) {
    const source = model === 'JOB' ? job : model === 'USER' ? owner : task;
    return { billingRate: ownRate(source) ?? companyRate, costRate };
  }
  const pair = async (
    primary: { id: string; own: number | undefined },
    secondary: { id: string; own: number | undefined; mode: 'INHERIT' | 'CUSTOM' | 'FLAT' | null },
  ) =>
    effectiveRate(model, {
      primaryOwn: primary.own ?? null,
      secondaryMode: secondary.mode,
      secondaryOwn: secondary.own ?? null,
      pairRate: (await pairRateOf(deps, owner.companyId, model, primary.id, secondary.id)) ?? null,
      companyRate,
    });
  const person = { id: owner.id, own: ownRate(owner) };
  const theTask = { id: task.id, own: ownRate(task) };
  const theJob = { id: job.id, own: ownRate(job), mode: job.secondaryBillingRateMode };
  let billingRate: number;
  switch (model) {
    case 'USER_JOB':
      billingRate = await pair(person, theJob);
      break;
    case 'TASK_JOB':
      billingRate = await pair(theTask, theJob);
      break;
    case 'TASK_USER':
      billingRate = await pair(theTask, { ...person, mode: null });
      break;
    case 'USER_CLIENT': {
      const client = await findClient(deps.db, owner.companyId, job.clientId);
      billingRate = await pair(person, {
        id: job.clientId,
        own: client?.billingRate ?? undefined,
        mode: client?.secondaryBillingRateMode ?? 'INHERIT',
      });
      break;
    }
  }
  return { billingRate, costRate };
}

export const billableOf = (settings: EffectiveSettings, job: JobRecord, task: TaskRecord): boolean =>
  settings.BillableSetting === 'Task' ? task.isBillable : job.isBillable;

// ——— writing ———

export interface WriteResult<T> {
  value: T;
  warnings: string[];
}

/** Orders batch errors by item index (`[2].Hours` before `[10].Date`), keeping each item's own order. */
function sortByItem(errors: FieldErrors): void {
  const index = (field: string | null) => Number(/^\[(\d+)\]/.exec(field ?? '')?.[1] ?? -1);
  const sorted = errors.list
    .map((e, i) => ({ e, i }))
    .sort((a, b) => index(a.e.Field) - index(b.e.Field) || a.i - b.i);
  errors.list.splice(0, errors.list.length, ...sorted.map((x) => x.e));
}

const DAY_FULL = (total: number, date: string) =>
  `This makes ${hoursToWire(total)} hours on ${date} for this person; a day holds at most 24.`;

/** Creates one entry or a batch atomically (DECISIONS 8): every item valid and stored, or none. */
export async function createTimeEntries(
  deps: Deps,
  actor: Actor,
  scope: EntryScope,
  items: { index: number; input: TimeEntryCreate & { UserID?: string } }[],
  batch: boolean,
  /** Errors of batch items already refused for their shape (`[i].Field`); reported with the rest. */
  errors = new FieldErrors(),
): Promise<WriteResult<TimeEntryRecord[]>> {
  const ctx = await entryContext(deps, actor, scope, true);
  const companyId = actor.companyId;
  const inputs = items.map((i) => i.input);
  const warnings = new Set<string>();
  const ownerOf = (input: { UserID?: string }) =>
    scope === 'me' ? actor.userId : (input.UserID ?? actor.userId);
  const [people, rules]: [UserRecord[], CustomFieldRules] = await Promise.all([
    findUsers(deps.db, companyId, inputs.map(ownerOf)),
    customFieldRules(deps.db, companyId, 'TimeEntry'),
  ]);
  const owners = new Map(people.map((u) => [u.id, u]));
  const checker = new JobTaskChecker(deps, companyId);
  const now = deps.clock();
  const nowIso = now.toISOString();
  const latest = latestToday(now);
  const drafts: { entry: TimeEntryRecord; prefix: string }[] = [];

  for (const { index, input } of items) {
    const prefix = batch ? `[${index}]` : '';
    if (scope === 'me' && input.UserID !== undefined && input.UserID !== actor.userId) {
      warnings.add('UserID was ignored: /Me/TimeEntries logs time for the caller.');
    }
    const owner = owners.get(ownerOf(input));
    if (!owner) {
      errors.add(at(prefix, 'UserID'), 'UserID does not name a person of this company.', ['invalid_field']);
      continue;
    }
    if (!covers(ctx.people, owner)) {
      throw forbidden('You may log time only for the people your Override timesheets permission covers.');
    }
    const before = errors.list.length;
    checkDate(ctx, owner, input.Date, latest, prefix, errors);
    const hours = resolveHours(ctx, owner, undefined, input, prefix, errors);
    const comment = input.Comment ?? '';
    checkComment(owner, comment, prefix, errors);
    const { job, task } = await checker.check(owner.id, input.JobID, input.TaskID, prefix, errors);
    const custom = rules.check(input.CustomFields, at(prefix, 'CustomFields'), errors, { creating: true });
    const rates = explicitRates(ctx, input, prefix, errors, warnings);
    if (errors.list.length > before || !hours || !job || !task) continue;
    const resolved = await resolveRates(deps, ctx.settings, owner, job, task);
    drafts.push({
      prefix,
      entry: {
        companyId,
        id: deps.newId(),
        userId: owner.id,
        date: input.Date,
        jobId: job.id,
        taskId: task.id,
        ...hours,
        comment,
        billingRate: rates.billingRate ?? resolved.billingRate,
        costRate: rates.costRate ?? resolved.costRate,
        isBillable: billableOf(ctx.settings, job, task),
        customFields: custom ?? {},
      },
    });
  }
  sortByItem(errors);
  errors.throwIfAny();

  const byOwner = new Map<string, { entry: TimeEntryRecord; prefix: string }[]>();
  for (const d of drafts) byOwner.set(d.entry.userId, [...(byOwner.get(d.entry.userId) ?? []), d]);
  await deps.db.transaction().execute(async (tx) => {
    // lockSheetsForEdit takes the person's lock (PostgreSQL; SQLite writes are serial), so the day
    // totals read after it stay current until this transaction ends. People in ascending ID order.
    for (const userId of [...byOwner.keys()].sort()) {
      const items = byOwner.get(userId)!;
      const dates = items.map((d) => d.entry.date);
      await lockSheetsForEdit(deps, tx, { companyId, userId, dates, override: overrides(scope) });
      const totals = await dayTotals(tx, companyId, userId, dates);
      for (const { entry, prefix } of items) {
        const total = (totals.get(entry.date) ?? 0) + entry.hours;
        totals.set(entry.date, total);
        if (total > MAX_DAY) errors.add(at(prefix, 'Hours'), DAY_FULL(total, entry.date), ['invalid_field']);
      }
    }
    errors.throwIfAny();
    await insertEntries(
      tx,
      drafts.map((d) => d.entry),
      nowIso,
    );
  });
  return { value: drafts.map((d) => d.entry), warnings: [...warnings] };
}

type UpdateInput = TimeEntryUpdate & { Date?: unknown; UserID?: unknown };

export async function updateTimeEntry(
  deps: Deps,
  actor: Actor,
  scope: EntryScope,
  id: string,
  input: UpdateInput,
): Promise<WriteResult<TimeEntryRecord>> {
  const ctx = await entryContext(deps, actor, scope, true);
  const { entry, owner } = await entryFor(ctx, id);
  const companyId = actor.companyId;
  const errors = new FieldErrors();
  const warnings = new Set<string>();
  if (input.Date !== undefined && input.Date !== entry.date)
    warnings.add('Date was ignored: the date of a time entry cannot be changed.');
  if (input.UserID !== undefined && input.UserID !== entry.userId)
    warnings.add('UserID was ignored: a time entry cannot move to another person.');

  const next: TimeEntryRecord = { ...entry };
  const touchesHours = (['Hours', 'BreakTime', 'StartTime', 'EndTime'] as const).some(
    (k) => input[k] !== undefined,
  );
  if (touchesHours) {
    const hours = resolveHours(ctx, owner, entry, input, '', errors);
    if (hours) Object.assign(next, hours);
  }
  if (input.Comment !== undefined) {
    next.comment = input.Comment ?? '';
    checkComment(owner, next.comment, '', errors);
  }
  const jobId = input.JobID ?? entry.jobId;
  const taskId = input.TaskID ?? entry.taskId;
  let reference: { job: JobRecord; task: TaskRecord } | undefined;
  if (jobId !== entry.jobId || taskId !== entry.taskId) {
    const { job, task } = await new JobTaskChecker(deps, companyId).check(
      owner.id,
      jobId,
      taskId,
      '',
      errors,
    );
    if (job && task) reference = { job, task };
  }
  const custom = (await customFieldRules(deps.db, companyId, 'TimeEntry')).check(
    input.CustomFields,
    'CustomFields',
    errors,
  );
  if (custom) next.customFields = custom;
  const rates = explicitRates(ctx, input, '', errors, warnings);
  errors.throwIfAny();

  if (reference) {
    next.jobId = reference.job.id;
    next.taskId = reference.task.id;
    next.isBillable = billableOf(ctx.settings, reference.job, reference.task);
    Object.assign(next, await resolveRates(deps, ctx.settings, owner, reference.job, reference.task));
  }
  if (rates.billingRate !== undefined) next.billingRate = rates.billingRate;
  if (rates.costRate !== undefined) next.costRate = rates.costRate;

  const hoursMoved =
    next.hours !== entry.hours || next.startTime !== entry.startTime || next.endTime !== entry.endTime;
  if (hoursMoved && (await findTimerOfEntry(deps.db, companyId, entry.id))) {
    throw new AppError(
      'invalid_state',
      "This entry's hours come from its stopwatch timer: change the timer's intervals, or delete the timer first.",
      { field: 'Hours' },
    );
  }
  const now = deps.clock().toISOString();
  await deps.db.transaction().execute(async (tx) => {
    await lockSheetsForEdit(deps, tx, {
      companyId,
      userId: entry.userId,
      dates: [entry.date],
      override: overrides(scope),
    });
    if (next.hours > entry.hours) {
      const total =
        ((await dayTotals(tx, companyId, entry.userId, [entry.date], [entry.id])).get(entry.date) ?? 0) +
        next.hours;
      if (total > MAX_DAY)
        throw new AppError('invalid_field', DAY_FULL(total, entry.date), { field: 'Hours' });
    }
    await saveEntry(tx, next, now);
  });
  return { value: next, warnings: [...warnings] };
}

export async function deleteTimeEntry(
  deps: Deps,
  actor: Actor,
  scope: EntryScope,
  id: string,
): Promise<void> {
  const ctx = await entryContext(deps, actor, scope, true);
  const { entry } = await entryFor(ctx, id);
  await deps.db.transaction().execute(async (tx) => {
    await lockSheetsForEdit(deps, tx, {
      companyId: actor.companyId,
      userId: entry.userId,
      dates: [entry.date],
      override: overrides(scope),
    });
    await deleteEntry(tx, actor.companyId, entry.id);
  });
}

// ——— /TimeEntries/new and autofill ———

/** The /TimeEntries/new template: today, the caller, their default task and the company's rate. */
export async function newEntryTemplate(deps: Deps, actor: Actor) {
  const [{ settings }, user] = await Promise.all([
    loadCompany(deps, actor.companyId),
    findUser(deps.db, actor.companyId, actor.userId),
  ]);
  return {
    date: todayOf(deps.clock()),
    userId: actor.userId,
    taskId: user?.defaultTaskId ?? null,
    billingRate: toScaled(settings.DefaultBillingRate, RATE_SCALE)?.value ?? 0,
    costRate: user?.costRate ?? 0,
  };
}

export interface AutoFillRow {
  job: JobRecord;
  task: TaskRecord;
  clientId: string;
  clientText: string;
  customFields: Record<string, unknown>;
}

/**
 * Suggested entries for a date (GET /Internal/TimeEntry/AutoFill/{date}): the job/task pairs of the
 * caller's entries in the seven days before it that the caller may still use, ordered by job and task.
 */
export async function autoFill(deps: Deps, actor: Actor, date: string): Promise<AutoFillRow[]> {
  if (!isCalendarDate(date))
    throw new AppError('invalid_request', 'The date must be in the form YYYY-MM-DD.', { field: 'date' });
  const pairs = await recentPairs(
    deps.db,
    actor.companyId,
    actor.userId,
    addDays(date, -7),
    addDays(date, -1),
  );
  const [jobs, tasks] = await Promise.all([
    findJobs(
      deps.db,
      actor.companyId,
      pairs.map((p) => p.jobId),
    ),
    findTasks(
      deps.db,
      actor.companyId,
      pairs.map((p) => p.taskId),
    ),
  ]);
  const clients = await findClients(
    deps.db,
    actor.companyId,
    jobs.map((j) => j.clientId),
  );
  const clientText = new Map(clients.map((c) => [c.id, c.listDisplayText]));
  const jobById = new Map(jobs.map((j) => [j.id, j]));
  const taskById = new Map(tasks.map((t) => [t.id, t]));
  const rows: AutoFillRow[] = [];
  for (const p of pairs) {
    const job = jobById.get(p.jobId);
    const task = taskById.get(p.taskId);
    if (!job || !task) continue;
    if (!(await isJobUsableBy(deps, actor.companyId, actor.userId, job.id))) continue;
    if (!(await isTaskAllowedOnJob(deps, actor.companyId, job.id, task.id))) continue;
    rows.push({
      job,
      task,
      clientId: job.clientId,
      clientText: clientText.get(job.clientId) ?? '',
      customFields: p.customFields,
    });
  }
  return rows.sort(
    (a, b) =>
      a.job.listDisplayText.localeCompare(b.job.listDisplayText) ||
      a.task.listDisplayText.localeCompare(b.task.listDisplayText) ||
      a.job.id.localeCompare(b.job.id) ||
      a.task.id.localeCompare(b.task.id),
  );
}
