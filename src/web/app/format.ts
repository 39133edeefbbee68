/** Display helpers. Calendar dates stay YYYY-MM-DD strings; only instants become local times. */
import type { PreferredTimeFormat } from '../../sdk/index.js';

export function formatInstant(
  iso: string | null | undefined,
  timeFormat: PreferredTimeFormat = 'AMPM',
): string {
  if (!iso) return '—';
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return new Intl.DateTimeFormat(undefined, {
    dateStyle: 'medium',
    timeStyle: 'short',
    hour12: timeFormat === 'AMPM',
  }).format(date);
}

/** Money in the company currency, exact to the cent as the server sends it. */
export function formatMoney(amount: number | null | undefined, currencyISO = 'USD'): string {
  if (amount === null || amount === undefined) return '—';
  try {
    return new Intl.NumberFormat(undefined, { style: 'currency', currency: currencyISO }).format(amount);
  } catch {
    return `${amount.toFixed(2)} ${currencyISO}`;
  }
}

/** A per-unit rate, which keeps up to 4 decimals (DECISIONS 9): $0.655. */
export function formatRate(rate: number, currencyISO = 'USD'): string {
  try {
    return new Intl.NumberFormat(undefined, {
      style: 'currency',
      currency: currencyISO,
      minimumFractionDigits: 2,
      maximumFractionDigits: 4,
    }).format(rate);
  } catch {
    return `${rate} ${currencyISO}`;
  }
}

/**
 * A mileage item's amount as the server computes it (DECISIONS 18): rate × distance, rounded to the cent,
 * half away from zero. Works on scaled integers so 0.655 × 12.5 does not drift.
 */
export function mileageAmount(
  rate: number | null | undefined,
  quantity: number | null | undefined,
): number | null {
  if (rate === null || rate === undefined || quantity === null || quantity === undefined) return null;
  if (!Number.isFinite(rate) || !Number.isFinite(quantity)) return null;
  const r = BigInt(Math.round(rate * 1e6));
  const q = BigInt(Math.round(quantity * 1e4));
  const scaled = r * q; // units of 1e-10
  const sign = scaled < 0n ? -1n : 1n;
  const abs = scaled * sign;
  const cents = (abs + 50_000_000n) / 100_000_000n; // round half up at 1e-2
  return Number(sign * cents) / 100;
}

export function todayIso(): string {
  const d = new Date();
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
}

export const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

/** A calendar date moved by whole days (UTC arithmetic on a YYYY-MM-DD string, never local time). */
export function addDays(iso: string, days: number): string {
  const d = new Date(`${iso}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

/** Every date from start to end, inclusive. */
export function datesBetween(start: string, end: string): string[] {
  const out: string[] = [];
  for (let d = start; d <= end && out.length < 400; d = addDays(d, 1)) out.push(d);
  return out;
}

/** "Mon 23 Nov" for a calendar date. */
export function formatDay(iso: string, style: 'short' | 'long' = 'short'): string {
  const d = new Date(`${iso}T00:00:00Z`);
  return new Intl.DateTimeFormat(undefined, {
    timeZone: 'UTC',
    weekday: style,
    day: 'numeric',
    month: style === 'short' ? 'short' : 'long',
    ...(style === 'long' ? { year: 'numeric' } : {}),
  }).format(d);
}

/** Decimal hours with the company's precision (PrecisionForHoursValues). */
export function formatHours(hours: number, precision = 2): string {
  return hours.toFixed(Math.max(0, Math.min(4, precision)));
}
