/**
 * Timesheet periods (API.md §6.2, DECISIONS 27–28; docs/adr/0007-timesheet-periods.md), pure.
 *
 * A company's `TimesheetModel` and `WeekStartsOn` cut the calendar into periods; every calendar date
 * falls in exactly one period and periods tile the calendar without gaps:
 *
 *   weekly       7 days starting on WeekStartsOn
 *   biweekly     14 days starting on WeekStartsOn, counted from the epoch below
 *   semimonthly  the 1st–15th and the 16th–last day of each month
 *   monthly      the 1st–last day of each month
 *   custom       N days (TimesheetModelCustomNumberOfDays, 1–366; 14 when unset), counted from the epoch
 *
 * The epoch that anchors biweekly and custom periods is fixed, so that a period never moves: it is the
 * first day on or after 2000-01-01 that falls on WeekStartsOn (2000-01-03 for Monday, 2000-01-02 for
 * Sunday, 2000-01-01 for Saturday). Dates before the epoch are counted backwards from it.
 *
 * Arithmetic is done on day numbers (days since 1970-01-01 in the proleptic Gregorian calendar) with
 * integer formulas only, never JS Dates, so no time zone and no two-digit-year quirk can move a day.
 * Supported dates are 0000-01-01 … 9999-12-31; a period that would cross either end is cut there.
 */

export const TIMESHEET_MODELS = ['weekly', 'biweekly', 'semimonthly', 'monthly', 'custom'] as const;
export type TimesheetModelName = (typeof TIMESHEET_MODELS)[number];

export const WEEK_DAYS = [
  'Sunday',
  'Monday',
  'Tuesday',
  'Wednesday',
  'Thursday',
  'Friday',
  'Saturday',
] as const;
export type WeekDayName = (typeof WEEK_DAYS)[number];

export const MIN_DATE = '0000-01-01';
export const MAX_DATE = '9999-12-31';
/** The day from which biweekly and custom periods are counted, before aligning it to WeekStartsOn. */
export const EPOCH_BASE = '2000-01-01';
export const DEFAULT_CUSTOM_DAYS = 14;
export const MAX_CUSTOM_DAYS = 366;

export interface PeriodRule {
  model: TimesheetModelName;
  weekStartsOn: WeekDayName;
  /** Only for `custom`; null/undefined means DEFAULT_CUSTOM_DAYS. */
  customDays?: number | null;
}

export interface Period {
  startDate: string;
  endDate: string;
}

// ——— day numbers ———

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

const isLeap = (y: number) => (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;

export function monthLength(year: number, month: number): number {
  return month === 2 ? (isLeap(year) ? 29 : 28) : [31, 0, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1]!;
}

/** Whether `value` is a real YYYY-MM-DD date of the proleptic Gregorian calendar. */
export function isDate(value: string): boolean {
  const m = DATE.exec(value);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  return mo >= 1 && mo <= 12 && d >= 1 && d <= monthLength(y, mo);
}

function parts(date: string): [number, number, number] {
  const m = DATE.exec(date);
  if (!m || !isDate(date)) throw new RangeError(`not a calendar date: ${date}`);
  return [Number(m[1]), Number(m[2]), Number(m[3])];
}

/** Days since 1970-01-01 (H. Hinnant's days_from_civil). */
export function toDayNumber(date: string): number {
  const [y0, m, d] = parts(date);
  const y = m <= 2 ? y0 - 1 : y0;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const doy = Math.floor((153 * (m > 2 ? m - 3 : m + 9) + 2) / 5) + d - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

const pad = (n: number, width: number) => String(n).padStart(width, '0');

/** The date of a day number (civil_from_days). */
export function fromDayNumber(day: number): string {
  const z = day + 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor(
    (doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365,
  );
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const d = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const m = mp < 10 ? mp + 3 : mp - 9;
  const y = yoe + era * 400 + (m <= 2 ? 1 : 0);
  return `${pad(y, 4)}-${pad(m, 2)}-${pad(d, 2)}`;
}

const MIN_DAY = toDayNumber(MIN_DATE);
const MAX_DAY = toDayNumber(MAX_DATE);

export function addDays(date: string, days: number): string {
  return fromDayNumber(toDayNumber(date) + days);
}

/** Whole days from `a` to `b` (negative when b is earlier). */
export function daysBetween(a: string, b: string): number {
  return toDayNumber(b) - toDayNumber(a);
}

/** 0 = Sunday … 6 = Saturday. */
export function weekdayOf(date: string): number {
  return (((toDayNumber(date) + 4) % 7) + 7) % 7;
}

/** Every date from `from` to `to`, both included (empty when to < from). */
export function datesBetween(from: string, to: string): string[] {
  const out: string[] = [];
  for (let d = toDayNumber(from), end = toDayNumber(to); d <= end; d++) out.push(fromDayNumber(d));
  return out;
}

// ——— periods ———

/** The anchor of biweekly and custom periods for a week start (see the header). */
export function epochOf(weekStartsOn: WeekDayName): string {
  const base = toDayNumber(EPOCH_BASE);
  const wanted = WEEK_DAYS.indexOf(weekStartsOn);
  const have = weekdayOf(EPOCH_BASE);
  return fromDayNumber(base + ((wanted - have + 7) % 7));
}

function customLength(rule: PeriodRule): number {
  const n = rule.customDays ?? DEFAULT_CUSTOM_DAYS;
  if (!Number.isInteger(n) || n < 1 || n > MAX_CUSTOM_DAYS) {
    throw new RangeError(`custom timesheet length must be 1–${MAX_CUSTOM_DAYS} days, not ${n}`);
  }
  return n;
}

/** The length in days of the model's fixed-length periods, or null for month-based models. */
export function fixedLength(rule: PeriodRule): number | null {
  switch (rule.model) {
    case 'weekly':
      return 7;
    case 'biweekly':
      return 14;
    case 'custom':
      return customLength(rule);
    case 'semimonthly':
    case 'monthly':
      return null;
  }
}

function clampPeriod(start: number, end: number): Period {
  return {
    startDate: fromDayNumber(Math.max(start, MIN_DAY)),
    endDate: fromDayNumber(Math.min(end, MAX_DAY)),
  };
}

/** The period of `rule` that contains `date`. */
export function periodOf(rule: PeriodRule, date: string): Period {
  const day = toDayNumber(date);
  const length = fixedLength(rule);
  if (length !== null) {
    // Weekly periods are the biweekly construction with a 7-day step: the epoch is on WeekStartsOn.
    const epoch = toDayNumber(epochOf(rule.weekStartsOn));
    const start = epoch + Math.floor((day - epoch) / length) * length;
    return clampPeriod(start, start + length - 1);
  }
  const [y, m, d] = parts(date);
  const first = `${pad(y, 4)}-${pad(m, 2)}`;
  const last = monthLength(y, m);
  if (rule.model === 'monthly') return { startDate: `${first}-01`, endDate: `${first}-${pad(last, 2)}` };
  return d <= 15
    ? { startDate: `${first}-01`, endDate: `${first}-15` }
    : { startDate: `${first}-16`, endDate: `${first}-${pad(last, 2)}` };
}

/** Every period of `rule` that overlaps [from, to], in date order (empty when to < from). */
export function periodsOverlapping(rule: PeriodRule, from: string, to: string): Period[] {
  const out: Period[] = [];
  if (to < from) return out;
  let p = periodOf(rule, from);
  for (;;) {
    out.push(p);
    if (p.endDate >= to || p.endDate === MAX_DATE) return out;
    p = periodOf(rule, addDays(p.endDate, 1));
  }
}

/** How many days a period holds. */
export function periodLength(p: Period): number {
  return daysBetween(p.startDate, p.endDate) + 1;
}
