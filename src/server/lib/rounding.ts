/**
 * Report-time rounding of hours (DECISIONS 21): a view, never a change to stored data. Pure.
 *
 * Hours are integers × 10^4 (lib/decimal.ts HOURS_SCALE) and never negative (the time_entries CHECK).
 * An increment is a positive whole number of 10^-4 h (0.25 h = 2500). Directions:
 *   Up       the least multiple of the increment ≥ hours      (ceiling)
 *   Down     the greatest multiple of the increment ≤ hours   (floor)
 *   Nearest  the nearest multiple, a tie rounds up            (half up)
 * Scope says where rounding applies:
 *   Entry    each entry's hours, before anything is added up (money then follows the rounded hours)
 *   Group    each report row's sums (money stays that of the stored hours)
 *
 * The SQL in modules/reports uses the same integer formulas; `roundHours` is the reference they are
 * tested against.
 */
import { HOURS_SCALE, toScaled } from './decimal.js';

export const ROUNDING_DIRECTIONS = ['Up', 'Down', 'Nearest'] as const;
export type RoundingDirection = (typeof ROUNDING_DIRECTIONS)[number];
export const ROUNDING_SCOPES = ['Entry', 'Group'] as const;
export type RoundingScope = (typeof ROUNDING_SCOPES)[number];

export interface Rounding {
  direction: RoundingDirection;
  /** × 10^4, a positive whole number. */
  increment: number;
  scope: RoundingScope;
}

/** 0.25 h, the increment when a request names a direction but no increment. */
export const DEFAULT_INCREMENT = 2500;
/** One day: the largest increment that makes sense. */
export const MAX_INCREMENT = 24 * 10 ** HOURS_SCALE;

function check(hours: number, increment: number): void {
  if (!Number.isSafeInteger(hours) || hours < 0)
    throw new RangeError('hours must be a non-negative integer (× 10^4)');
  if (!Number.isSafeInteger(increment) || increment <= 0)
    throw new RangeError('increment must be a positive integer (× 10^4)');
}

/** Rounds hours (× 10^4, ≥ 0) to a multiple of `increment` (× 10^4, > 0). */
export function roundHours(hours: number, direction: RoundingDirection, increment: number): number {
  check(hours, increment);
  switch (direction) {
    case 'Down':
      return Math.floor(hours / increment) * increment;
    case 'Up':
      return Math.ceil(hours / increment) * increment;
    case 'Nearest':
      return Math.floor((2 * hours + increment) / (2 * increment)) * increment;
  }
}

/** Applies an optional rounding at the given scope; other scopes and no rounding leave hours as they are. */
export function roundAt(hours: number, rounding: Rounding | undefined, scope: RoundingScope): number {
  return rounding && rounding.scope === scope
    ? roundHours(hours, rounding.direction, rounding.increment)
    : hours;
}

/** Rounds half up to `precision` decimals (0 … 4), staying × 10^4: the company's display precision. */
export function roundToPrecision(hours: number, precision: number): number {
  const p = Math.min(HOURS_SCALE, Math.max(0, Math.trunc(precision)));
  if (p >= HOURS_SCALE) return hours;
  return roundHours(hours, 'Nearest', 10 ** (HOURS_SCALE - p));
}

export type IncrementParse = { ok: true; value: number } | { ok: false; message: string };

/** A decimal increment in hours ("0.25") as × 10^4: positive, at most 24 h, at most 4 decimals. */
export function parseIncrement(text: string): IncrementParse {
  const message = `must be a number of hours greater than 0 and at most 24, with at most ${HOURS_SCALE} decimals`;
  if (!/^\s*\d*\.?\d+\s*$/.test(text)) return { ok: false, message };
  const trimmed = text.trim();
  const s = toScaled(trimmed.startsWith('.') ? `0${trimmed}` : trimmed, HOURS_SCALE);
  if (!s || !s.exact || s.value <= 0 || s.value > MAX_INCREMENT) return { ok: false, message };
  return { ok: true, value: s.value };
}
