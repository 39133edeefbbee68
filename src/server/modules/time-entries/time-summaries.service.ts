/**
 * Daily and weekly time summaries (API.md §4.16; CATALOGUE Me/Reports, Reports/TimeSummary Daily|Weekly).
 *
 *   Daily   one row per person and date of [StartDate, EndDate], order Name, Date (Me: Date)
 *   Weekly  one row per person and week (Company.WeekStartsOn) that meets [StartDate, EndDate], each
 *           with its seven days, order Name, StartDate (Me: StartDate)
 * Hours are integer sums of the stored hours (exact: ten entries of 0.1 make 1), shown rounded to
 * Company.PrecisionForHoursValues (a report-time view, DECISIONS 21). Days a person has no entries show 0.
 *
 * IsComplete, for people with SubjectToTimesheetCompletion (always true otherwise), from their
 * MinimumTimeHours per MinimumTimePeriod:
 *   Day   a day is complete with at least MinimumTimeHours (weekends too, unless SkipWeekend); a week is
 *         complete when each of its days is
 *   Week  a week is complete with at least MinimumTimeHours in it; a day is complete when its week is
 * Days outside the person's StartDate/EndDate are complete.
 *
 * Time off counts as time here as it does on a timesheet (its DayTotals and completion rules): the
 * time-off module registers its hours with addSummaryHoursSource (wired in modules/index.ts), so Hours and
 * IsComplete include them without this module depending on time off.
 */
import type { Deps } from '../../deps.js';
import { AppError, forbidden } from '../../errors.js';
import type { Paging } from '../../http/paging.js';
import { HOURS_SCALE, toScaled } from '../../lib/decimal.js';
import { addDays, dayOfWeek } from '../../lib/dates.js';
import { hasPermission, type Actor } from '../../lib/permissions.js';
import { loadCompany } from '../company/index.js';
import { findUser, findUsers, type UserRecord } from '../users/index.js';
import { hoursForReport } from './hours.js';
import { reachOf, type People } from './time-entries.policy.js';
import { hoursByUserAndDay } from './time-entries.store.js';
import { summaryPeopleIds, type SummaryPeopleFilter } from './time-summaries.store.js';

export const MAX_RANGE_DAYS = 366;

/** Hours (× 10^4) per person and date in [fromDate, toDate], for some kind of time other than entries. */
export type SummaryHoursSource = (
  db: Deps['db'],
  companyId: string,
  userIds: readonly string[],
  fromDate: string,
  toDate: string,
) => Promise<Map<string, Map<string, number>>>;

const otherSources: SummaryHoursSource[] = [];

/** Adds a kind of time (beside time entries) that the daily and weekly summaries count. */
export function addSummaryHoursSource(source: SummaryHoursSource): void {
  otherSources.push(source);
}

/** Entries' hours plus every registered source's, per person and date. */
async function hoursOf(
  deps: Deps,
  companyId: string,
  userIds: readonly string[],
  fromDate: string,
  toDate: string,
): Promise<Map<string, Map<string, number>>> {
  const total = await hoursByUserAndDay(deps.db, companyId, userIds, fromDate, toDate);
  for (const source of otherSources) {
    for (const [userId, days] of await source(deps.db, companyId, userIds, fromDate, toDate)) {
      let mine = total.get(userId);
      if (!mine) total.set(userId, (mine = new Map<string, number>()));
      for (const [date, hours] of days) mine.set(date, (mine.get(date) ?? 0) + hours);
    }
  }
  return total;
}
const WEEK_DAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'] as const;

export type SummaryScope = 'me' | 'root';
export type Period = 'Daily' | 'Weekly';

export interface SummaryQuery {
  startDate: string;
  endDate: string;
  people: SummaryPeopleFilter;
  /** SubjectToTimesheetCompletionDaily / …Weekly: people whose completion is (not) checked per this period. */
  subjectToCompletion?: boolean;
}

export interface DailyRow {
  userId: string;
  date: string;
  hours: number;
  isComplete: boolean;
}

export interface WeeklyRow {
  userId: string;
  startDate: string;
  endDate: string;
  days: { date: string; hours: number }[];
  isComplete: boolean;
}

function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}

export function checkRange(startDate: string, endDate: string): void {
  if (endDate < startDate)
    throw new AppError('invalid_query', 'EndDate must not be before StartDate.', { field: 'EndDate' });
  if (daysBetween(startDate, endDate) >= MAX_RANGE_DAYS) {
    throw new AppError('invalid_query', `A summary covers at most ${MAX_RANGE_DAYS} days.`, {
      field: 'EndDate',
    });
  }
}

/**
 * Whom the root report covers: everyone for an Admin or Run Company Reports (all jobs); else the people
 * Review timesheets reaches (as for timesheets: All, the permission's divisions, the people one approves).
 */
function rootReach(actor: Actor): People {
  if (hasPermission(actor, 'Run Company Reports', { all: true })) return { kind: 'all' };
  const reach = reachOf(actor, 'Review timesheets');
  if (reach.kind === 'none') {
    throw forbidden('You need to be an Admin, or hold Review timesheets or Run Company Reports (all jobs).');
  }
  return reach;
}

class Calendar {
  readonly weekStartIndex: number;
  constructor(weekStartsOn: string) {
    const i = WEEK_DAYS.indexOf(weekStartsOn as (typeof WEEK_DAYS)[number]);
    this.weekStartIndex = i < 0 ? 1 : i;
  }
  weekStart(date: string): string {
    return addDays(date, -((dayOfWeek(date) - this.weekStartIndex + 7) % 7));
  }
}

const isWeekend = (date: string) => {
  const d = dayOfWeek(date);
  return d === 0 || d === 6;
};

/** The completion rule of one person (see the module comment). */
class Completion {
  private readonly minimum: number;
  constructor(
    private readonly user: UserRecord,
    private readonly hours: Map<string, number> | undefined,
    private readonly calendar: Calendar,
  ) {
    this.minimum = toScaled(user.profile.MinimumTimeHours ?? 0, HOURS_SCALE)?.value ?? 0;
  }
  private employed(date: string): boolean {
    return (
      !(this.user.startDate && date < this.user.startDate) && !(this.user.endDate && date > this.user.endDate)
    );
  }
  private on(date: string): number {
    return this.hours?.get(date) ?? 0;
  }
  private dayMeets(date: string): boolean {
    if (!this.employed(date)) return true;
    if (this.user.profile.SkipWeekend && isWeekend(date)) return true;
    return this.on(date) >= this.minimum;
  }
  week(weekStart: string): boolean {
    if (!this.user.subjectToTimesheetCompletion) return true;
    const days = Array.from({ length: 7 }, (_, i) => addDays(weekStart, i));
    if (this.user.profile.MinimumTimePeriod === 'Day') return days.every((d) => this.dayMeets(d));
    if (days.every((d) => !this.employed(d))) return true;
    return days.reduce((sum, d) => sum + this.on(d), 0) >= this.minimum;
  }
  day(date: string): boolean {
    if (!this.user.subjectToTimesheetCompletion) return true;
    if (this.user.profile.MinimumTimePeriod === 'Day') return this.dayMeets(date);
    if (!this.employed(date)) return true;
    return this.week(this.calendar.weekStart(date));
  }
}

async function peopleFor(
  deps: Deps,
  actor: Actor,
  scope: SummaryScope,
  q: SummaryQuery,
  period: Period,
): Promise<UserRecord[]> {
  let people: UserRecord[];
  if (scope === 'me') {
    const me = await findUser(deps.db, actor.companyId, actor.userId);
    people = me ? [me] : [];
  } else {
    const reach = rootReach(actor);
    const ids = await summaryPeopleIds(deps.db, actor.companyId, {
      ...q.people,
      ...(reach.kind === 'some'
        ? { reach: { divisionIds: reach.divisionIds, approverId: reach.approverId } }
        : {}),
    });
    people = await findUsers(deps.db, actor.companyId, ids);
    if (q.subjectToCompletion !== undefined) {
      const wanted = period === 'Daily' ? 'Day' : 'Week';
      people = people.filter(
        (u) =>
          (u.subjectToTimesheetCompletion && u.profile.MinimumTimePeriod === wanted) ===
          q.subjectToCompletion,
      );
    }
  }
  return people.sort((a, b) =>
    a.name < b.name ? -1 : a.name > b.name ? 1 : a.id < b.id ? -1 : a.id > b.id ? 1 : 0,
  );
}

export async function dailySummary(
  deps: Deps,
  actor: Actor,
  scope: SummaryScope,
  q: SummaryQuery,
  paging: Paging,
) {
  checkRange(q.startDate, q.endDate);
  const { settings } = await loadCompany(deps, actor.companyId);
  const calendar = new Calendar(settings.WeekStartsOn);
  const people = await peopleFor(deps, actor, scope, q, 'Daily');
  const days = daysBetween(q.startDate, q.endDate) + 1;
  const count = people.length * days;
  const end = Math.min(count, paging.offset + paging.limit);
  const slice: { user: UserRecord; date: string }[] = [];
  for (let i = paging.offset; i < end; i++) {
    slice.push({ user: people[Math.floor(i / days)]!, date: addDays(q.startDate, i % days) });
  }
  const ids = [...new Set(slice.map((s) => s.user.id))];
  // The whole weeks around the range: a weekly minimum decides a day's IsComplete.
  const hours = await hoursOf(
    deps,
    actor.companyId,
    ids,
    calendar.weekStart(q.startDate),
    addDays(calendar.weekStart(q.endDate), 6),
  );
  const rules = new Map(
    ids.map((id) => [id, new Completion(slice.find((s) => s.user.id === id)!.user, hours.get(id), calendar)]),
  );
  const rows: DailyRow[] = slice.map(({ user, date }) => ({
    userId: user.id,
    date,
    hours: hoursForReport(hours.get(user.id)?.get(date) ?? 0, settings.PrecisionForHoursValues),
    isComplete: rules.get(user.id)!.day(date),
  }));
  return { rows, count };
}

export async function weeklySummary(
  deps: Deps,
  actor: Actor,
  scope: SummaryScope,
  q: SummaryQuery,
  paging: Paging,
) {
  checkRange(q.startDate, q.endDate);
  const { settings } = await loadCompany(deps, actor.companyId);
  const calendar = new Calendar(settings.WeekStartsOn);
  const people = await peopleFor(deps, actor, scope, q, 'Weekly');
  const first = calendar.weekStart(q.startDate);
  const weeks = Math.floor(daysBetween(first, calendar.weekStart(q.endDate)) / 7) + 1;
  const count = people.length * weeks;
  const end = Math.min(count, paging.offset + paging.limit);
  const slice: { user: UserRecord; weekStart: string }[] = [];
  for (let i = paging.offset; i < end; i++) {
    slice.push({ user: people[Math.floor(i / weeks)]!, weekStart: addDays(first, 7 * (i % weeks)) });
  }
  const ids = [...new Set(slice.map((s) => s.user.id))];
  const hours = await hoursOf(deps, actor.companyId, ids, first, addDays(first, 7 * weeks - 1));
  const rows: WeeklyRow[] = slice.map(({ user, weekStart }) => {
    const mine = hours.get(user.id);
    const days = Array.from({ length: 7 }, (_, i) => {
      const date = addDays(weekStart, i);
      return { date, hours: hoursForReport(mine?.get(date) ?? 0, settings.PrecisionForHoursValues) };
    });
    return {
      userId: user.id,
      startDate: weekStart,
      endDate: addDays(weekStart, 6),
      days,
      isComplete: new Completion(user, mine, calendar).week(weekStart),
    };
  });
  return { rows, count };
}
