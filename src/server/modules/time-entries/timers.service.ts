/**
 * Stopwatch timers on time entries (API.md §4.9; CATALOGUE Me/TimeEntries …/Timer, Me/Timers, Timers;
 * docs/adr/0006-hours.md).
 *
 * A timer belongs to one entry and holds intervals; the last one may be open (no End): then the timer
 * runs. Its entry's hours, once the timer is not running, are InitialTimeInSeconds (the entry's hours when
 * the timer was made) plus the intervals' ElapsedSeconds, rounded half up to the company's hours grid —
 * so stopping adds the elapsed time, and editing a stopped timer's intervals moves the hours with them.
 *
 *   POST /Me/TimeEntries/{id}/Timer   no timer: make one, running from now (or with the given intervals);
 *                                     a stopped timer: resume it (a new open interval from now)
 *   PUT  …/Timer, PUT /Timers          replace the intervals; closing the open one stops the timer
 *   DELETE …/Timer, DELETE /Timers/{id} discard the timer; the entry keeps the hours it has
 *
 * One running timer per person: starting one stops the person's other running timer at the same instant
 * (as a stopwatch does), adding its time to its own entry. Interval times are wall-clock hh:mm:ss in the
 * interval's TimeZoneOffset; they are read on the entry's date, and a running timer's intervals are moved
 * by whole days so that its open interval started at the latest such time not after now.
 */
import type { Timer, TimerIntervalInput, TimerReplaceRoot } from '../../../contract/time-entries.js';
import type { Db } from '../../db/connect.js';
import type { Deps } from '../../deps.js';
import { AppError, FieldErrors, forbidden, invalidField, notFound } from '../../errors.js';
import type { Paging } from '../../http/paging.js';
import type { Actor } from '../../lib/permissions.js';
import { loadCompany } from '../company/index.js';
import { findJobs } from '../master-data/index.js';
import { lockSheetsForEdit } from '../timesheets/index.js';
import { findUsers } from '../users/index.js';
import { hoursGrid, hoursToSeconds, hoursToWire, MAX_DAY, secondsToHours, type HoursGrid } from './hours.js';
import { canManageTimers } from './time-entries.policy.js';
import { assertTimeWritable } from './time-entries.service.js';
import {
  dayTotals,
  findEntries,
  findEntry,
  saveEntryHours,
  type TimeEntryRecord,
} from './time-entries.store.js';
import {
  deleteTimer,
  findRunningTimer,
  findTimer,
  findTimerOfEntry,
  listTimers,
  saveTimer,
  type IntervalRecord,
  type TimerFilter,
  type TimerRecord,
} from './timers.store.js';

const DAY_MS = 86_400_000;
const UTC = '+00:00';

// ——— clock arithmetic ———

function clockSeconds(time: string): number {
  const [h = '0', m = '0', s = '0'] = time.split(':');
  return Number(h) * 3600 + Number(m) * 60 + Number(s);
}

function offsetMinutes(offset: string): number {
  if (offset === 'Z') return 0;
  const sign = offset.startsWith('-') ? -1 : 1;
  const [h = '0', m = '0'] = offset.slice(1).split(':');
  return sign * (Number(h) * 60 + Number(m));
}

const normalOffset = (offset: string | undefined) => (!offset || offset === 'Z' ? UTC : offset);
const iso = (ms: number) => new Date(ms).toISOString();

/** The wall-clock time (hh:mm:ss) of an instant at a UTC offset. */
export function wallClock(instant: string, offset: string): string {
  return iso(Date.parse(instant) + offsetMinutes(offset) * 60_000).slice(11, 19);
}

/** Whole seconds the intervals cover, the open one up to `nowMs`. */
export function elapsedSeconds(intervals: readonly IntervalRecord[], nowMs: number): number {
  let ms = 0;
  for (const i of intervals)
    ms += Math.max(0, (i.endAt === null ? nowMs : Date.parse(i.endAt)) - Date.parse(i.startAt));
  return Math.floor(ms / 1000);
}

/**
 * Request intervals as instants (see the module comment); errors name `Intervals[i].Start|End`. Each
 * time is the first instant with its wall clock at or after the one before it (so an interval may cross
 * midnight), and the whole timer spans at most 24 hours from its first Start — which is what makes
 * intervals out of order, or overlapping, detectable.
 */
function buildIntervals(
  entryDate: string,
  inputs: readonly TimerIntervalInput[],
  nowMs: number,
  errors: FieldErrors,
): IntervalRecord[] {
  const out: { start: number; end: number | null; offset: string }[] = [];
  let prev = -Infinity;
  let first: number | undefined;
  const after = (wall: number, floor: number) =>
    wall >= floor ? wall : wall + Math.ceil((floor - wall) / DAY_MS) * DAY_MS;
  inputs.forEach((input, i) => {
    const field = `Intervals[${i}]`;
    const offset = normalOffset(input.TimeZoneOffset);
    const day = Date.parse(`${entryDate}T00:00:00Z`) - offsetMinutes(offset) * 60_000;
    const start =
      first === undefined
        ? day + clockSeconds(input.Start) * 1000
        : after(day + clockSeconds(input.Start) * 1000, prev);
    first ??= start;
    if (start - first >= DAY_MS) {
      errors.add(
        `${field}.Start`,
        'Intervals must be in order, must not overlap, and must fit in 24 hours.',
        ['invalid_field'],
      );
      return;
    }
    let end: number | null = null;
    if (input.End !== undefined && input.End !== null) {
      end = after(day + clockSeconds(input.End) * 1000, start);
      if (end - first > DAY_MS) {
        errors.add(
          `${field}.End`,
          'Intervals must be in order, must not overlap, and must fit in 24 hours.',
          ['invalid_field'],
        );
        return;
      }
    } else if (i !== inputs.length - 1) {
      errors.add(`${field}.End`, 'Only the last interval may be open (without End).', ['required']);
      return;
    }
    prev = end ?? start;
    out.push({ start, end, offset });
  });
  const open = out.at(-1);
  if (open && open.end === null) {
    // A running timer: its open interval started at the latest such wall-clock time not after now.
    const shift = Math.floor((nowMs - open.start) / DAY_MS) * DAY_MS;
    for (const i of out) {
      i.start += shift;
      if (i.end !== null) i.end += shift;
    }
  }
  return out.map((i) => ({
    id: '',
    startAt: iso(i.start),
    endAt: i.end === null ? null : iso(i.end),
    offset: i.offset,
  }));
}

// ——— wire ———

export interface TimerEmbeds {
  entries: Map<string, TimeEntryRecord>;
  clientOfJob: Map<string, string>;
  users: Map<string, { ID: string; Name: string; Email: string; IsActive: boolean }>;
}

export async function loadTimerEmbeds(
  db: Db,
  companyId: string,
  timers: readonly TimerRecord[],
): Promise<TimerEmbeds> {
  const [entries, users] = await Promise.all([
    findEntries(
      db,
      companyId,
      timers.map((t) => t.timeEntryId),
    ),
    findUsers(
      db,
      companyId,
      timers.map((t) => t.userId),
    ),
  ]);
  const jobs = await findJobs(
    db,
    companyId,
    entries.map((e) => e.jobId),
  );
  return {
    entries: new Map(entries.map((e) => [e.id, e])),
    clientOfJob: new Map(jobs.map((j) => [j.id, j.clientId])),
    users: new Map(
      users.map((u) => [u.id, { ID: u.id, Name: u.name, Email: u.email, IsActive: u.isActive }]),
    ),
  };
}

export function toTimerWire(t: TimerRecord, nowMs: number, embeds?: TimerEmbeds): Timer {
  const out: Timer = {
    ID: t.id,
    TimeEntryID: t.timeEntryId,
    TimeEntryDate: t.timeEntryDate,
    UserID: t.userId,
    ElapsedSeconds: elapsedSeconds(t.intervals, nowMs),
    InitialTimeInSeconds: t.initialSeconds,
    Intervals: t.intervals.map((i) => ({
      ID: i.id,
      Start: wallClock(i.startAt, i.offset),
      End: i.endAt === null ? null : wallClock(i.endAt, i.offset),
      TimeZoneOffset: i.offset,
    })),
  };
  if (embeds) {
    const e = embeds.entries.get(t.timeEntryId);
    out.TimeEntry = e
      ? {
          ID: e.id,
          Date: e.date,
          Hours: hoursToWire(e.hours),
          JobID: e.jobId,
          TaskID: e.taskId,
          ClientID: embeds.clientOfJob.get(e.jobId) ?? '',
          UserID: e.userId,
        }
      : null;
    out.User = embeds.users.get(t.userId) ?? null;
  }
  return out;
}

// ——— applying a timer's state ———

interface TimerWrite {
  deps: Deps;
  companyId: string;
  grid: HoursGrid;
  override: boolean;
  nowMs: number;
}

/** Sets the entry's hours to initial + elapsed of a stopped timer, within the day's 24 hours. */
async function settle(w: TimerWrite, tx: Db, timer: TimerRecord, entry: TimeEntryRecord): Promise<void> {
  const hours = secondsToHours(timer.initialSeconds + elapsedSeconds(timer.intervals, w.nowMs), w.grid);
  if (hours > MAX_DAY)
    throw invalidField('Intervals', 'The timer would make its time entry longer than 24 hours.');
  if (hours === entry.hours) return;
  const others =
    (await dayTotals(tx, w.companyId, entry.userId, [entry.date], [entry.id])).get(entry.date) ?? 0;
  if (others + hours > MAX_DAY) {
    throw invalidField(
      'Intervals',
      `The timer would make ${hoursToWire(others + hours)} hours on ${entry.date} for this person; a day holds at most 24.`,
    );
  }
  await saveEntryHours(tx, w.companyId, entry.id, hours, iso(w.nowMs));
}

/**
 * Stores the timer's new state in one transaction: the person locked (by lockSheetsForEdit), the entry's sheet editable, the
 * person's other running timer stopped when this one runs, and the entry's hours settled when it does not.
 */
async function applyTimer(
  w: TimerWrite,
  timer: TimerRecord,
  entry: TimeEntryRecord,
  isNew: boolean,
): Promise<void> {
  const { deps, companyId } = w;
  try {
    await deps.db.transaction().execute(async (tx) => {
      await lockSheetsForEdit(deps, tx, {
        companyId,
        userId: entry.userId,
        dates: [entry.date],
        override: w.override,
      });
      if (timer.isRunning) {
        const running = await findRunningTimer(tx, companyId, entry.userId);
        if (running && running.id !== timer.id) {
          const last = running.intervals.at(-1);
          if (last && last.endAt === null) last.endAt = iso(Math.max(w.nowMs, Date.parse(last.startAt)));
          running.isRunning = false;
          running.updatedAt = iso(w.nowMs);
          const other = await findEntry(tx, companyId, running.timeEntryId);
          if (other) {
            await lockSheetsForEdit(deps, tx, {
              companyId,
              userId: other.userId,
              dates: [other.date],
              override: w.override,
            });
          }
          await saveTimer(tx, running, false, deps.newId);
          if (other) await settle(w, tx, running, other);
        }
      }
      await saveTimer(tx, timer, isNew, deps.newId);
      if (!timer.isRunning) await settle(w, tx, timer, entry);
    });
  } catch (error) {
    // Two starts at once for one person: the partial unique index lets only one timer run.
    if (deps.dialect.isUniqueViolation(error)) {
      throw new AppError(
        'invalid_state',
        'Another timer of this person started at the same time; try again.',
      );
    }
    throw error;
  }
}

// ——— /Me/TimeEntries/{id}/Timer ———

async function writeContext(deps: Deps, actor: Actor, override: boolean): Promise<TimerWrite> {
  const { settings } = await loadCompany(deps, actor.companyId);
  assertTimeWritable(settings);
  return {
    deps,
    companyId: actor.companyId,
    grid: hoursGrid(settings),
    override,
    nowMs: Math.floor(deps.clock().getTime() / 1000) * 1000,
  };
}

async function ownEntry(deps: Deps, actor: Actor, entryId: string): Promise<TimeEntryRecord> {
  const entry = await findEntry(deps.db, actor.companyId, entryId);
  if (!entry || entry.userId !== actor.userId) throw notFound('time entry');
  return entry;
}

async function timerOf(deps: Deps, entry: TimeEntryRecord): Promise<TimerRecord> {
  const timer = await findTimerOfEntry(deps.db, entry.companyId, entry.id);
  if (!timer) throw notFound('timer');
  return timer;
}

const isOpen = (intervals: readonly IntervalRecord[]) => intervals.at(-1)?.endAt === null;

export async function getEntryTimer(deps: Deps, actor: Actor, entryId: string): Promise<TimerRecord> {
  return timerOf(deps, await ownEntry(deps, actor, entryId));
}

/** POST: make a timer on the entry, or resume its stopped one. */
export async function startEntryTimer(
  deps: Deps,
  actor: Actor,
  entryId: string,
  intervals: TimerIntervalInput[] | undefined,
): Promise<{ timer: TimerRecord; created: boolean }> {
  const w = await writeContext(deps, actor, false);
  const entry = await ownEntry(deps, actor, entryId);
  if (entry.startTime !== null) {
    throw new AppError(
      'invalid_state',
      'This entry has StartTime and EndTime, which give its hours; a timer cannot run on it.',
    );
  }
  const existing = await findTimerOfEntry(deps.db, actor.companyId, entry.id);
  if (existing?.isRunning) throw new AppError('invalid_state', "This entry's timer is already running.");
  if (existing && intervals) {
    throw new AppError(
      'invalid_state',
      'This entry already has a timer: PUT /Me/TimeEntries/{id}/Timer replaces its intervals.',
    );
  }
  let list: IntervalRecord[];
  if (intervals) {
    const errors = new FieldErrors();
    list = buildIntervals(entry.date, intervals, w.nowMs, errors);
    errors.throwIfAny();
  } else {
    const previous = existing?.intervals ?? [];
    list = [
      ...previous,
      { id: '', startAt: iso(w.nowMs), endAt: null, offset: previous.at(-1)?.offset ?? UTC },
    ];
  }
  const now = iso(w.nowMs);
  const timer: TimerRecord = existing
    ? { ...existing, intervals: list, isRunning: isOpen(list), updatedAt: now }
    : {
        companyId: actor.companyId,
        id: deps.newId(),
        userId: entry.userId,
        timeEntryId: entry.id,
        timeEntryDate: entry.date,
        initialSeconds: hoursToSeconds(entry.hours),
        isRunning: isOpen(list),
        createdAt: now,
        updatedAt: now,
        intervals: list,
      };
  await applyTimer(w, timer, entry, !existing);
  return { timer: (await findTimer(deps.db, actor.companyId, timer.id))!, created: !existing };
}

async function replace(
  w: TimerWrite,
  timer: TimerRecord,
  entry: TimeEntryRecord,
  inputs: TimerIntervalInput[],
) {
  const errors = new FieldErrors();
  const list = buildIntervals(entry.date, inputs, w.nowMs, errors);
  errors.throwIfAny();
  const next: TimerRecord = { ...timer, intervals: list, isRunning: isOpen(list), updatedAt: iso(w.nowMs) };
  await applyTimer(w, next, entry, false);
  return (await findTimer(w.deps.db, w.companyId, timer.id))!;
}

/** PUT: the given intervals replace the timer's. */
export async function replaceEntryTimer(
  deps: Deps,
  actor: Actor,
  entryId: string,
  inputs: TimerIntervalInput[],
) {
  const w = await writeContext(deps, actor, false);
  const entry = await ownEntry(deps, actor, entryId);
  return replace(w, await timerOf(deps, entry), entry, inputs);
}

/** DELETE: discard the timer; the entry keeps its hours. */
export async function discardEntryTimer(deps: Deps, actor: Actor, entryId: string): Promise<void> {
  await writeContext(deps, actor, false);
  const timer = await timerOf(deps, await ownEntry(deps, actor, entryId));
  await deleteTimer(deps.db, actor.companyId, timer.id);
}

// ——— /Me/Timers and /Timers ———

export async function listMyTimers(deps: Deps, actor: Actor, filter: TimerFilter, paging: Paging) {
  return listTimers(deps.db, actor.companyId, { ...filter, userIds: [actor.userId] }, paging);
}

export async function getMyTimer(deps: Deps, actor: Actor, id: string): Promise<TimerRecord> {
  const timer = await findTimer(deps.db, actor.companyId, id);
  if (!timer || timer.userId !== actor.userId) throw notFound('timer');
  return timer;
}

function requireTimerAdmin(actor: Actor): void {
  if (!canManageTimers(actor)) throw forbidden('Only an Admin can see or change everyone’s timers.');
}

export async function listAllTimers(deps: Deps, actor: Actor, filter: TimerFilter, paging: Paging) {
  requireTimerAdmin(actor);
  return listTimers(deps.db, actor.companyId, filter, paging);
}

/** PUT /Timers: an Admin replaces a timer's intervals (named by ID or TimeEntryID; made when missing). */
export async function replaceTimerAsAdmin(
  deps: Deps,
  actor: Actor,
  body: TimerReplaceRoot,
): Promise<TimerRecord> {
  requireTimerAdmin(actor);
  const w = await writeContext(deps, actor, true);
  if (!body.ID && !body.TimeEntryID) throw invalidField('ID', 'ID (or TimeEntryID) is required.');
  let timer = body.ID ? await findTimer(deps.db, actor.companyId, body.ID) : undefined;
  if (body.ID && !timer) throw notFound('timer');
  if (timer && body.TimeEntryID && body.TimeEntryID !== timer.timeEntryId) {
    throw invalidField('TimeEntryID', 'TimeEntryID does not match the timer named by ID.');
  }
  const entry = await findEntry(deps.db, actor.companyId, timer?.timeEntryId ?? body.TimeEntryID!);
  if (!entry)
    throw body.ID
      ? notFound('timer')
      : invalidField('TimeEntryID', 'TimeEntryID does not name a time entry of this company.');
  if (body.UserID !== undefined && body.UserID !== entry.userId) {
    throw invalidField('UserID', "UserID does not match the time entry's person.");
  }
  timer ??= await findTimerOfEntry(deps.db, actor.companyId, entry.id);
  if (timer) return replace(w, timer, entry, body.Intervals);
  if (entry.startTime !== null) {
    throw new AppError(
      'invalid_state',
      'This entry has StartTime and EndTime, which give its hours; a timer cannot run on it.',
    );
  }
  const errors = new FieldErrors();
  const list = buildIntervals(entry.date, body.Intervals, w.nowMs, errors);
  errors.throwIfAny();
  const now = iso(w.nowMs);
  const created: TimerRecord = {
    companyId: actor.companyId,
    id: deps.newId(),
    userId: entry.userId,
    timeEntryId: entry.id,
    timeEntryDate: entry.date,
    initialSeconds: hoursToSeconds(entry.hours),
    isRunning: isOpen(list),
    createdAt: now,
    updatedAt: now,
    intervals: list,
  };
  await applyTimer(w, created, entry, true);
  return (await findTimer(deps.db, actor.companyId, created.id))!;
}

export async function deleteTimerAsAdmin(deps: Deps, actor: Actor, id: string): Promise<void> {
  requireTimerAdmin(actor);
  await writeContext(deps, actor, true);
  const timer = await findTimer(deps.db, actor.companyId, id);
  if (!timer) throw notFound('timer');
  await deleteTimer(deps.db, actor.companyId, timer.id);
}
