import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addDays, datesBetween, daysBetween } from '../../lib/periods.js';
import {
  accrualsThrough,
  accrue,
  balanceOn,
  ledger,
  type BalanceSettings,
  type SetAdjustment,
  type Usage,
} from './balance.js';

const H = 10_000; // 1 hour × 10^4
const settings = (over: Partial<BalanceSettings> = {}): BalanceSettings => ({
  startingBalance: 0,
  accrualRate: 0,
  accrualStartDate: '2026-01-01',
  maximumBalance: null,
  ...over,
});

describe('accrual periods', () => {
  it('accrues once per completed 30 days since the start date', () => {
    expect(accrualsThrough('2026-01-01', '2025-12-31')).toBe(0);
    expect(accrualsThrough('2026-01-01', '2026-01-01')).toBe(0);
    expect(accrualsThrough('2026-01-01', '2026-01-30')).toBe(0);
    expect(accrualsThrough('2026-01-01', '2026-01-31')).toBe(1);
    expect(accrualsThrough('2026-01-01', '2026-03-01')).toBe(1);
    expect(accrualsThrough('2026-01-01', '2026-03-02')).toBe(2);
    expect(accrualsThrough('2026-01-01', '2027-01-01')).toBe(12);
  });

  it('caps accrual at the maximum and never lowers a balance above it', () => {
    expect(accrue(0, 3, 8 * H, null)).toBe(24 * H);
    expect(accrue(0, 3, 8 * H, 20 * H)).toBe(20 * H);
    expect(accrue(25 * H, 3, 8 * H, 20 * H)).toBe(25 * H);
    expect(accrue(-5 * H, 1, 8 * H, 20 * H)).toBe(3 * H);
    expect(accrue(5 * H, 0, 8 * H, 20 * H)).toBe(5 * H);
  });
});

describe('balanceOn', () => {
  it('adds the starting balance and accruals and subtracts time off, exactly', () => {
    const s = settings({ startingBalance: 40 * H, accrualRate: 6_6667, accrualStartDate: '2026-01-01' });
    const used: Usage[] = [
      { date: '2026-02-02', hours: 7_5000 },
      { date: '2026-02-03', hours: 2500 },
    ];
    // Two accruals by 2026-03-02 (Jan 31, Mar 2): 40 + 2 × 6.6667 − 7.75 = 45.5834
    expect(balanceOn(s, used, [], '2026-03-02')).toBe(45_5834);
    expect(balanceOn(s, used, [], '2026-03-01')).toBe(38_9167);
    // Time off after the date does not count yet.
    expect(balanceOn(s, used, [], '2026-02-02')).toBe(40 * H + 6_6667 - 7_5000);
  });

  it('may go negative', () => {
    expect(balanceOn(settings(), [{ date: '2026-01-05', hours: 8 * H }], [], '2026-01-05')).toBe(-8 * H);
  });

  it('a Set makes the balance at the end of its date, after that day’s time off and accrual', () => {
    const s = settings({ accrualRate: 8 * H });
    const sets: SetAdjustment[] = [{ date: '2026-01-31', hours: 10 * H, seq: 1 }];
    const used: Usage[] = [{ date: '2026-01-31', hours: 4 * H }];
    expect(balanceOn(s, used, sets, '2026-01-31')).toBe(10 * H);
    expect(balanceOn(s, used, sets, '2026-01-30')).toBe(0);
    // The next accrual (2026-03-02) adds to the set value.
    expect(balanceOn(s, used, sets, '2026-03-02')).toBe(18 * H);
    // The later of two Sets on one day wins.
    expect(balanceOn(s, [], [...sets, { date: '2026-01-31', hours: 3 * H, seq: 2 }], '2026-02-01')).toBe(
      3 * H,
    );
  });

  it('accrues only up to the maximum, and again after time off brings it below', () => {
    const s = settings({ accrualRate: 8 * H, maximumBalance: 20 * H });
    expect(balanceOn(s, [], [], '2026-05-01')).toBe(20 * H); // 4 accruals, capped
    const used: Usage[] = [{ date: '2026-05-02', hours: 5 * H }];
    expect(balanceOn(s, used, [], '2026-05-30')).toBe(15 * H);
    expect(balanceOn(s, used, [], '2026-05-31')).toBe(20 * H); // the next accrual, capped again
  });

  it('handles accrual that began long ago in closed form', () => {
    const s = settings({ accrualRate: 1, accrualStartDate: '1900-01-01' });
    const n = Math.floor(daysBetween('1900-01-01', '9999-12-31') / 30);
    expect(balanceOn(s, [], [], '9999-12-31')).toBe(n);
  });
});

// ——— properties against a day-by-day simulation ———

const day0 = '2026-01-01';
const dateArb = fc.integer({ min: -40, max: 400 }).map((n) => addDays(day0, n));
const hoursArb = fc.integer({ min: 1, max: 24 * H });
const usageArb = fc
  .array(fc.record({ date: dateArb, hours: hoursArb }), { maxLength: 25 })
  .map((list): Usage[] => list.map((u, i) => ({ ...u, ref: String(i).padStart(3, '0') })));
const setArb = fc.array(
  fc.record({ date: dateArb, hours: fc.integer({ min: -100 * H, max: 300 * H }), seq: fc.nat() }),
  { maxLength: 5 },
);
const settingsArb = fc.record({
  startingBalance: fc.integer({ min: -50 * H, max: 200 * H }),
  accrualRate: fc.integer({ min: 0, max: 40 * H }),
  accrualStartDate: dateArb,
  maximumBalance: fc.option(fc.integer({ min: 0, max: 250 * H }), { nil: null }),
});

/** The model of the header, one day at a time. */
function simulate(s: BalanceSettings, usages: Usage[], sets: SetAdjustment[], asOf: string): number {
  const firstEvent = [...usages, ...sets].map((e) => e.date).sort()[0];
  const from = firstEvent && firstEvent < s.accrualStartDate ? firstEvent : s.accrualStartDate;
  let balance = s.startingBalance;
  for (const d of datesBetween(from, asOf)) {
    for (const u of usages) if (u.date === d) balance -= u.hours;
    const since = daysBetween(s.accrualStartDate, d);
    if (since > 0 && since % 30 === 0) balance = accrue(balance, 1, s.accrualRate, s.maximumBalance);
    const todays = sets.filter((x) => x.date === d).sort((a, b) => a.seq - b.seq);
    if (todays.length) balance = todays.at(-1)!.hours;
  }
  return balance;
}

describe('balance properties', () => {
  it('equals the day-by-day simulation of the model', () => {
    fc.assert(
      fc.property(settingsArb, usageArb, setArb, dateArb, (s, usages, rawSets, asOf) => {
        const sets = rawSets.map((x, i) => ({ ...x, seq: i }));
        expect(balanceOn(s, usages, sets, asOf)).toBe(simulate(s, usages, sets, asOf));
      }),
      { numRuns: 300 },
    );
  });

  it('without a maximum or adjustments it is starting + periods × rate − used', () => {
    fc.assert(
      fc.property(settingsArb, usageArb, dateArb, (s0, usages, asOf) => {
        const s = { ...s0, maximumBalance: null };
        const used = usages.filter((u) => u.date <= asOf).reduce((sum, u) => sum + u.hours, 0);
        expect(balanceOn(s, usages, [], asOf)).toBe(
          s.startingBalance + accrualsThrough(s.accrualStartDate, asOf) * s.accrualRate - used,
        );
      }),
    );
  });

  it('more time off never leaves a higher balance', () => {
    fc.assert(
      fc.property(
        settingsArb,
        usageArb,
        setArb,
        dateArb,
        dateArb,
        hoursArb,
        (s, usages, sets, asOf, d, h) => {
          const more = [...usages, { date: d, hours: h, ref: 'extra' }];
          expect(balanceOn(s, more, sets, asOf)).toBeLessThanOrEqual(balanceOn(s, usages, sets, asOf));
        },
      ),
    );
  });

  it('the ledger ends at the balance, and its rows add up', () => {
    fc.assert(
      fc.property(settingsArb, usageArb, setArb, dateArb, (s, usages, rawSets, asOf) => {
        const sets = rawSets.map((x, i) => ({ ...x, seq: i }));
        const rows = ledger(s, usages, sets, asOf);
        const final = rows.at(-1)?.balance ?? s.startingBalance;
        expect(final).toBe(balanceOn(s, usages, sets, asOf));
        let running = 0;
        for (const r of rows) {
          running += r.difference;
          expect(r.balance).toBe(running);
          expect(r.date <= asOf || r.action === 'Add').toBe(true);
        }
        const dates = rows.map((r) => r.date);
        expect(dates).toEqual([...dates].sort());
      }),
      { numRuns: 300 },
    );
  });
});
