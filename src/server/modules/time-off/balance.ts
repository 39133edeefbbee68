/**
 * Time-off balances (API.md §6.3; docs/adr/0008-time-off-balances.md), pure. Every quantity is an
 * integer number of hours × 10^4 (lib/decimal.ts HOURS_SCALE); nothing here ever holds a binary float.
 *
 * A balance is never stored. For one person and one leave type it is the result of a ledger:
 *
 *   opening    the starting balance S, before anything else
 *   accrual    on AccrualStartDate + 30·k (k = 1, 2, …) the balance grows by AccrualRate R, but never
 *              above MaximumBalance M: below M it becomes min(balance + R, M); at or above M (a starting
 *              balance or a Set may put it there) it stays as it is. No M: no cap.
 *   deduct     each time-off entry subtracts its hours on its date (the balance may go negative)
 *   set        a "Set" adjustment makes the balance at the END of its date exactly its hours
 *
 * Within one date the order is: deductions, then that day's accrual, then Set adjustments (in the order
 * they were made; the last one wins). The balance "on" a date is the balance at the end of that date.
 * Between two dated events the accruals have a closed form — from b < M, n accruals give min(b + n·R, M)
 * — so a balance costs O(events), however long ago accrual started.
 */
import { addDays, toDayNumber } from '../../lib/periods.js';

/** Days per accrual period: AccrualRate hours are earned per completed 30 days since AccrualStartDate. */
export const ACCRUAL_PERIOD_DAYS = 30;

export interface BalanceSettings {
  /** Hours × 10^4 at the start (may be negative). */
  startingBalance: number;
  /** Hours × 10^4 per 30-day period, ≥ 0. */
  accrualRate: number;
  /** YYYY-MM-DD; the first accrual is 30 days later. */
  accrualStartDate: string;
  /** Hours × 10^4; null: no maximum. */
  maximumBalance: number | null;
}

export interface Usage {
  date: string;
  /** Hours × 10^4 taken (positive). */
  hours: number;
  /** Identifies the entry in a ledger row (history). */
  ref?: string;
}

export interface SetAdjustment {
  date: string;
  /** The balance, hours × 10^4, at the end of `date`. */
  hours: number;
  /** Order among the adjustments of one date (creation order). */
  seq: number;
  ref?: string;
}

/** How many accruals happen on or before day number `day`, accrual having started on day `startDay`. */
function accrualsThroughDay(startDay: number, day: number): number {
  const days = day - startDay;
  return days < ACCRUAL_PERIOD_DAYS ? 0 : Math.floor(days / ACCRUAL_PERIOD_DAYS);
}

/** How many accruals happen on or before `date`. */
export function accrualsThrough(accrualStartDate: string, date: string): number {
  return accrualsThroughDay(toDayNumber(accrualStartDate), toDayNumber(date));
}

/** The date of the k-th accrual (k ≥ 1). */
export const accrualDate = (accrualStartDate: string, k: number): string =>
  addDays(accrualStartDate, k * ACCRUAL_PERIOD_DAYS);

/** The balance after n accruals of `rate` from `balance`, capped at `max` (see the header). */
export function accrue(balance: number, n: number, rate: number, max: number | null): number {
  if (n <= 0 || rate <= 0) return balance;
  if (max === null) return balance + n * rate;
  if (balance >= max) return balance;
  return Math.min(balance + n * rate, max);
}

interface DayEvents {
  date: string;
  usages: Usage[];
  sets: SetAdjustment[];
}

function byDate(usages: readonly Usage[], sets: readonly SetAdjustment[], through: string): DayEvents[] {
  const days = new Map<string, DayEvents>();
  const day = (date: string) => {
    let d = days.get(date);
    if (!d) days.set(date, (d = { date, usages: [], sets: [] }));
    return d;
  };
  for (const u of usages) if (u.date <= through) day(u.date).usages.push(u);
  for (const s of sets) if (s.date <= through) day(s.date).sets.push(s);
  const out = [...days.values()].sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
  for (const d of out) {
    d.usages.sort((a, b) => ((a.ref ?? '') < (b.ref ?? '') ? -1 : (a.ref ?? '') > (b.ref ?? '') ? 1 : 0));
    d.sets.sort((a, b) => a.seq - b.seq);
  }
  return out;
}

/** The balance at the end of `asOf`, counting every event dated on or before it. */
export function balanceOn(
  settings: BalanceSettings,
  usages: readonly Usage[],
  sets: readonly SetAdjustment[],
  asOf: string,
): number {
  const { accrualRate: rate, maximumBalance: max, accrualStartDate: start } = settings;
  const startDay = toDayNumber(start);
  let balance = settings.startingBalance;
  let accrued = 0;
  const accrueThrough = (day: number) => {
    const k = accrualsThroughDay(startDay, day);
    balance = accrue(balance, k - accrued, rate, max);
    accrued = Math.max(accrued, k);
  };
  for (const day of byDate(usages, sets, asOf)) {
    const n = toDayNumber(day.date);
    accrueThrough(n - 1);
    for (const u of day.usages) balance -= u.hours;
    accrueThrough(n);
    const last = day.sets.at(-1);
    if (last) balance = last.hours;
  }
  accrueThrough(toDayNumber(asOf));
  return balance;
}

export type LedgerAction = 'Add' | 'Accrual' | 'Deduct' | 'Set';

export interface LedgerRow {
  date: string;
  action: LedgerAction;
  /** Hours × 10^4 the row changed the balance by. */
  difference: number;
  /** The balance after the row. */
  balance: number;
  /** The usage's or adjustment's ref; null for the opening and accruals. */
  ref: string | null;
}

/**
 * Every change up to the end of `asOf`, oldest first: the opening balance (an "Add" row, when not 0,
 * dated the earlier of AccrualStartDate and the first event), each accrual that changed the balance (one
 * row per period; accruals while at the cap are left out), each usage and each Set. The last row's
 * balance equals balanceOn(…, asOf).
 */
export function ledger(
  settings: BalanceSettings,
  usages: readonly Usage[],
  sets: readonly SetAdjustment[],
  asOf: string,
): LedgerRow[] {
  const { accrualRate: rate, maximumBalance: max, accrualStartDate: start } = settings;
  const days = byDate(usages, sets, asOf);
  const rows: LedgerRow[] = [];
  let balance = settings.startingBalance;
  if (balance !== 0) {
    const first = days[0]?.date;
    rows.push({
      date: first !== undefined && first < start ? first : start,
      action: 'Add',
      difference: balance,
      balance,
      ref: null,
    });
  }
  const startDay = toDayNumber(start);
  let accrued = 0;
  const accrueThrough = (day: number) => {
    const k = accrualsThroughDay(startDay, day);
    // Without a rate nothing accrues; at the cap nothing changes either (and no row is written).
    if (rate <= 0 || (max !== null && balance >= max)) {
      accrued = Math.max(accrued, k);
      return;
    }
    for (let i = accrued + 1; i <= k; i++) {
      const next = accrue(balance, 1, rate, max);
      if (next === balance) break; // reached the cap: no later accrual of this stretch changes anything
      rows.push({
        date: accrualDate(start, i),
        action: 'Accrual',
        difference: next - balance,
        balance: next,
        ref: null,
      });
      balance = next;
    }
    accrued = Math.max(accrued, k);
  };
  for (const day of days) {
    const n = toDayNumber(day.date);
    accrueThrough(n - 1);
    for (const u of day.usages) {
      balance -= u.hours;
      rows.push({ date: day.date, action: 'Deduct', difference: -u.hours, balance, ref: u.ref ?? null });
    }
    accrueThrough(n);
    for (const s of day.sets) {
      rows.push({
        date: day.date,
        action: 'Set',
        difference: s.hours - balance,
        balance: s.hours,
        ref: s.ref ?? null,
      });
      balance = s.hours;
    }
  }
  accrueThrough(toDayNumber(asOf));
  return rows;
}
