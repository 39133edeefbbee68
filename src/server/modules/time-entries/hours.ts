/**
 * Hours arithmetic for time entries and timers (docs/adr/0006-hours.md). Pure: integers × 10^4
 * (HOURS_SCALE) in, integers × 10^4 out, never a binary float in between.
 *
 * The "grid" is the set of hour values a company accepts: multiples of 10^-PrecisionForHoursValues that
 * are also multiples of MinTimeIncrement. Its step is the least common multiple of the two (both
 * expressed × 10^4): 0.01 by default (DECISIONS 27).
 */
import { fromScaled, HOURS_SCALE, toScaled } from '../../lib/decimal.js';

export const HOUR = 10 ** HOURS_SCALE;
/** 24 h × 10^4: the most one entry, and one person's day, may hold. */
export const MAX_DAY = 24 * HOUR;
export const SECONDS_PER_HOUR = 3600;

export interface HoursGrid {
  /** The step × 10^4 every hour value must be a multiple of. */
  step: number;
  /** Company.PrecisionForHoursValues (0 … 4). */
  precision: number;
  /** Company.MinTimeIncrement × 10^4. */
  increment: number;
}

const gcd = (a: number, b: number): number => (b === 0 ? a : gcd(b, a % b));

export function hoursGrid(settings: {
  PrecisionForHoursValues: number;
  MinTimeIncrement: number;
}): HoursGrid {
  const raw = Math.trunc(Number(settings.PrecisionForHoursValues));
  const precision = Number.isFinite(raw) ? Math.min(HOURS_SCALE, Math.max(0, raw)) : 2;
  const precisionStep = 10 ** (HOURS_SCALE - precision);
  const scaled = toScaled(settings.MinTimeIncrement, HOURS_SCALE);
  // An increment finer than 0.0001 h cannot be stored: it is the storage step itself.
  const increment = scaled && scaled.value > 0 ? scaled.value : 1;
  const step = (precisionStep / gcd(precisionStep, increment)) * increment;
  return { step: Math.min(step, MAX_DAY), precision, increment };
}

/** The step as the decimal a message shows ("0.01", "0.25"). */
export function stepText(grid: HoursGrid): string {
  return String(fromScaled(grid.step, HOURS_SCALE));
}

/** Integer a / b rounded half up (a ≥ 0, b > 0). */
function divRound(a: number, b: number): number {
  return Math.floor((2 * a + b) / (2 * b));
}

export type HoursParse = { ok: true; value: number } | { ok: false; message: string };

/**
 * A decimal number of hours from the wire as an integer × 10^4, refused (never rounded) when it is not
 * on the company's grid. The range (0 … 24) is checked by the contract.
 */
export function parseHours(value: number, grid: HoursGrid, field = 'Hours'): HoursParse {
  const s = toScaled(value, HOURS_SCALE);
  if (!s || s.value < 0) return { ok: false, message: `${field} must be a number of hours from 0 to 24.` };
  if (!s.exact || s.value % grid.step !== 0) {
    return {
      ok: false,
      message:
        `${field} must be a multiple of ${stepText(grid)} hours ` +
        `(Company.PrecisionForHoursValues ${grid.precision}, Company.MinTimeIncrement ${fromScaled(grid.increment, HOURS_SCALE)}).`,
    };
  }
  return { ok: true, value: s.value };
}

/** A break or other duration in hours, exact to 10^-4 h (not bound to the grid). */
export function parseDuration(value: number, field: string): HoursParse {
  const s = toScaled(value, HOURS_SCALE);
  if (!s || s.value < 0) return { ok: false, message: `${field} must be a number of hours from 0 to 24.` };
  if (!s.exact) return { ok: false, message: `${field} may have at most ${HOURS_SCALE} decimal places.` };
  return { ok: true, value: s.value };
}

/** Minutes since midnight of an HH:MM time of day. */
export function minutesOf(time: string): number {
  const [h = '0', m = '0'] = time.split(':');
  return Number(h) * 60 + Number(m);
}

export type Derived =
  | { ok: true; value: number; exact: boolean }
  | { ok: false; field: 'EndTime' | 'BreakTime'; message: string };

/**
 * Hours = EndTime − StartTime − BreakTime (API.md §6.1), both times wall-clock on the entry's date
 * (DECISIONS 20), rounded half up to the grid. 09:00–17:00 with a 1 h break is exactly 7.
 */
export function deriveHours(startTime: string, endTime: string, breakTime: number, grid: HoursGrid): Derived {
  const span = minutesOf(endTime) - minutesOf(startTime);
  if (span <= 0)
    return { ok: false, field: 'EndTime', message: 'EndTime must be later than StartTime on the same day.' };
  // Work in (hours × 10^4) × 60, where minutes are whole numbers.
  const net = span * HOUR - 60 * breakTime;
  if (net < 0) {
    return {
      ok: false,
      field: 'BreakTime',
      message: 'BreakTime must not be longer than the time from StartTime to EndTime.',
    };
  }
  const unit = 60 * grid.step;
  return { ok: true, value: divRound(net, unit) * grid.step, exact: net % unit === 0 };
}

/** Whole seconds as hours × 10^4, rounded half up to the grid (timers). */
export function secondsToHours(seconds: number, grid: HoursGrid): number {
  const unit = SECONDS_PER_HOUR * grid.step;
  return divRound(Math.max(0, Math.floor(seconds)) * HOUR, unit) * grid.step;
}

/** Hours × 10^4 as whole seconds (exact: 1 h × 10^4 = 3600 s, so 0.0001 h = 0.36 s rounds half up). */
export function hoursToSeconds(hours: number): number {
  return divRound(hours * SECONDS_PER_HOUR, HOUR);
}

/** Hours × 10^4 for the wire, rounded half up to `precision` decimals (reports, DECISIONS 21). */
export function hoursForReport(hours: number, precision: number): number {
  const step = 10 ** (HOURS_SCALE - Math.min(HOURS_SCALE, Math.max(0, precision)));
  const rounded = hours >= 0 ? divRound(hours, step) * step : -divRound(-hours, step) * step;
  return fromScaled(rounded, HOURS_SCALE);
}

export const hoursToWire = (hours: number): number => fromScaled(hours, HOURS_SCALE);
