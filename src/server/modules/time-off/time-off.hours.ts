/**
 * Hours of time off, holidays and balances on the wire ⇄ integers × 10^4 (lib/decimal.ts HOURS_SCALE).
 *
 * Time-off and holiday hours follow the company's hours grid, as time entries do (docs/adr/0006-hours.md):
 * a multiple of 10^-PrecisionForHoursValues that is also a multiple of MinTimeIncrement, refused (400),
 * never rounded. Balances, rates and maximums are exact to 10^-4 h and not bound to the grid.
 */
import { fromScaled, HOURS_SCALE, toScaled } from '../../lib/decimal.js';

export const HOUR = 10 ** HOURS_SCALE;
export const MAX_DAY = 24 * HOUR;

const gcd = (a: number, b: number): number => (b === 0 ? a : gcd(b, a % b));

/** The grid step × 10^4: lcm(10^-PrecisionForHoursValues, MinTimeIncrement), as in ADR 0006. */
export function gridStep(settings: { PrecisionForHoursValues: number; MinTimeIncrement: number }): number {
  const raw = Math.trunc(Number(settings.PrecisionForHoursValues));
  const precision = Number.isFinite(raw) ? Math.min(HOURS_SCALE, Math.max(0, raw)) : 2;
  const precisionStep = 10 ** (HOURS_SCALE - precision);
  const scaled = toScaled(settings.MinTimeIncrement, HOURS_SCALE);
  const increment = scaled && scaled.value > 0 ? scaled.value : 1;
  return Math.min((precisionStep / gcd(precisionStep, increment)) * increment, MAX_DAY);
}

export type Parsed = { ok: true; value: number } | { ok: false; message: string };

/** Hours of one day: more than 0, at most 24, on the grid. */
export function parseDayHours(value: number, step: number, field = 'Hours'): Parsed {
  const s = toScaled(value, HOURS_SCALE);
  if (!s || s.value <= 0 || s.value > MAX_DAY) {
    return { ok: false, message: `${field} must be more than 0 and at most 24 hours.` };
  }
  if (!s.exact || s.value % step !== 0) {
    return {
      ok: false,
      message: `${field} must be a multiple of ${fromScaled(step, HOURS_SCALE)} hours (Company.PrecisionForHoursValues, Company.MinTimeIncrement).`,
    };
  }
  return { ok: true, value: s.value };
}

/** A balance, rate or maximum: any decimal exact to 10^-4 h (the contract bounds the range). */
export function parseBalanceHours(value: number, field: string): Parsed {
  const s = toScaled(value, HOURS_SCALE);
  if (!s) return { ok: false, message: `${field} must be a number of hours.` };
  if (!s.exact) return { ok: false, message: `${field} may have at most ${HOURS_SCALE} decimal places.` };
  return { ok: true, value: s.value };
}

export const hoursToWire = (value: number): number => fromScaled(value, HOURS_SCALE);
