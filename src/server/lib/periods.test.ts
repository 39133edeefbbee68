import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  addDays,
  datesBetween,
  epochOf,
  fromDayNumber,
  isDate,
  MAX_DATE,
  MIN_DATE,
  monthLength,
  periodLength,
  periodOf,
  periodsOverlapping,
  toDayNumber,
  WEEK_DAYS,
  weekdayOf,
  type PeriodRule,
  type TimesheetModelName,
} from './periods.js';

const MIN_DAY = toDayNumber(MIN_DATE);
const MAX_DAY = toDayNumber(MAX_DATE);

/** Any supported date, biased towards the years people actually use. */
const anyDate = fc.oneof(
  fc.integer({ min: toDayNumber('1990-01-01'), max: toDayNumber('2100-12-31') }).map(fromDayNumber),
  fc.integer({ min: MIN_DAY, max: MAX_DAY }).map(fromDayNumber),
);
const weekDay = fc.constantFrom(...WEEK_DAYS);
const anyRule: fc.Arbitrary<PeriodRule> = fc.oneof(
  fc.record({
    model: fc.constantFrom<TimesheetModelName>('weekly', 'biweekly', 'semimonthly', 'monthly'),
    weekStartsOn: weekDay,
  }),
  fc.record({
    model: fc.constant<TimesheetModelName>('custom'),
    weekStartsOn: weekDay,
    customDays: fc.integer({ min: 1, max: 366 }),
  }),
);

const monday: PeriodRule = { model: 'weekly', weekStartsOn: 'Monday' };

describe('day numbers', () => {
  it('round-trips every supported day', () => {
    fc.assert(
      fc.property(fc.integer({ min: MIN_DAY, max: MAX_DAY }), (n) => {
        const d = fromDayNumber(n);
        expect(isDate(d)).toBe(true);
        expect(toDayNumber(d)).toBe(n);
      }),
      { numRuns: 2000 },
    );
  });

  it('agrees with the JS calendar in the years JS handles', () => {
    fc.assert(
      fc.property(fc.integer({ min: toDayNumber('1000-01-01'), max: MAX_DAY }), (n) => {
        expect(fromDayNumber(n)).toBe(new Date(n * 86_400_000).toISOString().slice(0, 10));
        expect(weekdayOf(fromDayNumber(n))).toBe(new Date(n * 86_400_000).getUTCDay());
      }),
      { numRuns: 2000 },
    );
  });

  it('knows leap years and month lengths', () => {
    expect(toDayNumber('1970-01-01')).toBe(0);
    expect(monthLength(2024, 2)).toBe(29);
    expect(monthLength(2100, 2)).toBe(28);
    expect(monthLength(2000, 2)).toBe(29);
    expect(monthLength(1900, 2)).toBe(28);
    expect(monthLength(0, 2)).toBe(29);
    expect(isDate('2023-02-29')).toBe(false);
    expect(isDate('2024-02-29')).toBe(true);
    expect(isDate('2024-04-31')).toBe(false);
    expect(isDate('2024-13-01')).toBe(false);
    expect(isDate('24-01-01')).toBe(false);
    expect(addDays('2024-02-28', 1)).toBe('2024-02-29');
    expect(addDays('2023-02-28', 1)).toBe('2023-03-01');
    expect(addDays('2024-12-31', 1)).toBe('2025-01-01');
    expect(datesBetween('2024-02-27', '2024-03-01')).toEqual([
      '2024-02-27',
      '2024-02-28',
      '2024-02-29',
      '2024-03-01',
    ]);
    expect(datesBetween('2024-03-01', '2024-02-27')).toEqual([]);
  });
});

describe('the epoch', () => {
  it('is the first WeekStartsOn on or after 2000-01-01', () => {
    expect(epochOf('Saturday')).toBe('2000-01-01');
    expect(epochOf('Sunday')).toBe('2000-01-02');
    expect(epochOf('Monday')).toBe('2000-01-03');
    expect(epochOf('Friday')).toBe('2000-01-07');
    for (const day of WEEK_DAYS) expect(weekdayOf(epochOf(day))).toBe(WEEK_DAYS.indexOf(day));
  });
});

describe('periods: examples', () => {
  it('weekly starts on WeekStartsOn (the default Monday)', () => {
    expect(periodOf(monday, '2026-07-29')).toEqual({ startDate: '2026-07-27', endDate: '2026-08-02' });
    expect(periodOf(monday, '2026-07-27')).toEqual({ startDate: '2026-07-27', endDate: '2026-08-02' });
    expect(periodOf(monday, '2026-08-02')).toEqual({ startDate: '2026-07-27', endDate: '2026-08-02' });
    expect(periodOf({ model: 'weekly', weekStartsOn: 'Sunday' }, '2026-07-29')).toEqual({
      startDate: '2026-07-26',
      endDate: '2026-08-01',
    });
    // Across a year end.
    expect(periodOf(monday, '2026-01-01')).toEqual({ startDate: '2025-12-29', endDate: '2026-01-04' });
  });

  it('biweekly counts from the epoch, also backwards', () => {
    const rule: PeriodRule = { model: 'biweekly', weekStartsOn: 'Monday' };
    expect(periodOf(rule, '2000-01-03')).toEqual({ startDate: '2000-01-03', endDate: '2000-01-16' });
    expect(periodOf(rule, '2000-01-02')).toEqual({ startDate: '1999-12-20', endDate: '2000-01-02' });
    const p = periodOf(rule, '2026-07-29');
    expect(periodLength(p)).toBe(14);
    expect((toDayNumber(p.startDate) - toDayNumber('2000-01-03')) % 14).toBe(0);
  });

  it('semimonthly is 1–15 and 16–end, in leap and common Februaries', () => {
    const rule: PeriodRule = { model: 'semimonthly', weekStartsOn: 'Monday' };
    expect(periodOf(rule, '2024-02-15')).toEqual({ startDate: '2024-02-01', endDate: '2024-02-15' });
    expect(periodOf(rule, '2024-02-16')).toEqual({ startDate: '2024-02-16', endDate: '2024-02-29' });
    expect(periodOf(rule, '2023-02-20')).toEqual({ startDate: '2023-02-16', endDate: '2023-02-28' });
    expect(periodOf(rule, '2100-02-28')).toEqual({ startDate: '2100-02-16', endDate: '2100-02-28' });
    expect(periodOf(rule, '2026-12-31')).toEqual({ startDate: '2026-12-16', endDate: '2026-12-31' });
  });

  it('monthly is the calendar month', () => {
    const rule: PeriodRule = { model: 'monthly', weekStartsOn: 'Sunday' };
    expect(periodOf(rule, '2024-02-29')).toEqual({ startDate: '2024-02-01', endDate: '2024-02-29' });
    expect(periodOf(rule, '2000-02-10')).toEqual({ startDate: '2000-02-01', endDate: '2000-02-29' });
    expect(periodOf(rule, '1900-02-10')).toEqual({ startDate: '1900-02-01', endDate: '1900-02-28' });
    expect(periodOf(rule, '2026-04-30')).toEqual({ startDate: '2026-04-01', endDate: '2026-04-30' });
  });

  it('custom N days counts from the epoch; unset means 14', () => {
    expect(periodOf({ model: 'custom', weekStartsOn: 'Monday', customDays: 10 }, '2000-01-12')).toEqual({
      startDate: '2000-01-03',
      endDate: '2000-01-12',
    });
    expect(periodOf({ model: 'custom', weekStartsOn: 'Monday', customDays: 10 }, '2000-01-13')).toEqual({
      startDate: '2000-01-13',
      endDate: '2000-01-22',
    });
    expect(periodOf({ model: 'custom', weekStartsOn: 'Monday', customDays: 1 }, '2026-03-04')).toEqual({
      startDate: '2026-03-04',
      endDate: '2026-03-04',
    });
    expect(periodOf({ model: 'custom', weekStartsOn: 'Monday', customDays: null }, '2026-07-29')).toEqual(
      periodOf({ model: 'biweekly', weekStartsOn: 'Monday' }, '2026-07-29'),
    );
    expect(() => periodOf({ model: 'custom', weekStartsOn: 'Monday', customDays: 0 }, '2026-07-29')).toThrow(
      RangeError,
    );
  });

  it('cuts periods at the ends of the supported calendar', () => {
    expect(periodOf(monday, MAX_DATE).endDate).toBe(MAX_DATE);
    expect(periodOf(monday, MIN_DATE).startDate).toBe(MIN_DATE);
    expect(periodsOverlapping(monday, '9999-12-20', MAX_DATE).at(-1)!.endDate).toBe(MAX_DATE);
  });

  it('refuses a non-date', () => {
    expect(() => periodOf(monday, '2026-02-30')).toThrow(RangeError);
    expect(() => periodOf(monday, 'yesterday')).toThrow(RangeError);
  });

  it('lists the periods overlapping a range', () => {
    const rule: PeriodRule = { model: 'semimonthly', weekStartsOn: 'Monday' };
    expect(periodsOverlapping(rule, '2024-02-10', '2024-03-02')).toEqual([
      { startDate: '2024-02-01', endDate: '2024-02-15' },
      { startDate: '2024-02-16', endDate: '2024-02-29' },
      { startDate: '2024-03-01', endDate: '2024-03-15' },
    ]);
    expect(periodsOverlapping(rule, '2024-03-02', '2024-02-10')).toEqual([]);
  });
});

describe('periods: properties', () => {
  it('every date falls in exactly one period, which contains it', () => {
    fc.assert(
      fc.property(anyRule, anyDate, (rule, date) => {
        const p = periodOf(rule, date);
        expect(p.startDate <= date && date <= p.endDate).toBe(true);
        // Every date of the period names the same period: no date belongs to two.
        expect(periodOf(rule, p.startDate)).toEqual(p);
        expect(periodOf(rule, p.endDate)).toEqual(p);
      }),
      { numRuns: 3000 },
    );
  });

  it('periods tile the calendar without gaps or overlaps', () => {
    fc.assert(
      fc.property(anyRule, anyDate, (rule, date) => {
        const p = periodOf(rule, date);
        if (p.endDate !== MAX_DATE)
          expect(periodOf(rule, addDays(p.endDate, 1)).startDate).toBe(addDays(p.endDate, 1));
        if (p.startDate !== MIN_DATE)
          expect(periodOf(rule, addDays(p.startDate, -1)).endDate).toBe(addDays(p.startDate, -1));
      }),
      { numRuns: 3000 },
    );
  });

  it('a range is covered exactly by the periods overlapping it', () => {
    fc.assert(
      fc.property(anyRule, anyDate, fc.integer({ min: 0, max: 120 }), (rule, from, span) => {
        const to = toDayNumber(from) + span > MAX_DAY ? MAX_DATE : addDays(from, span);
        const ps = periodsOverlapping(rule, from, to);
        expect(ps[0]!.startDate <= from).toBe(true);
        expect(ps.at(-1)!.endDate >= to).toBe(true);
        for (let i = 1; i < ps.length; i++) expect(ps[i]!.startDate).toBe(addDays(ps[i - 1]!.endDate, 1));
      }),
      { numRuns: 1000 },
    );
  });

  it('weekly, biweekly and custom periods have their length and start on the anchor grid', () => {
    fc.assert(
      fc.property(
        weekDay,
        fc.constantFrom<TimesheetModelName>('weekly', 'biweekly', 'custom'),
        fc.integer({ min: 1, max: 366 }),
        fc.integer({ min: toDayNumber('1900-01-01'), max: toDayNumber('2200-12-31') }).map(fromDayNumber),
        (weekStartsOn, model, customDays, date) => {
          const rule: PeriodRule = { model, weekStartsOn, customDays };
          const length = model === 'weekly' ? 7 : model === 'biweekly' ? 14 : customDays;
          const p = periodOf(rule, date);
          expect(periodLength(p)).toBe(length);
          const offset = toDayNumber(p.startDate) - toDayNumber(epochOf(weekStartsOn));
          expect(((offset % length) + length) % length).toBe(0);
          if (model !== 'custom') expect(weekdayOf(p.startDate)).toBe(WEEK_DAYS.indexOf(weekStartsOn));
        },
      ),
      { numRuns: 2000 },
    );
  });

  it('semimonthly and monthly periods follow the month, whatever WeekStartsOn says', () => {
    fc.assert(
      fc.property(weekDay, anyDate, (weekStartsOn, date) => {
        const [y, m, d] = date.split('-').map(Number) as [number, number, number];
        const last = String(monthLength(y, m)).padStart(2, '0');
        const month = date.slice(0, 7);
        expect(periodOf({ model: 'monthly', weekStartsOn }, date)).toEqual({
          startDate: `${month}-01`,
          endDate: `${month}-${last}`,
        });
        expect(periodOf({ model: 'semimonthly', weekStartsOn }, date)).toEqual(
          d <= 15
            ? { startDate: `${month}-01`, endDate: `${month}-15` }
            : { startDate: `${month}-16`, endDate: `${month}-${last}` },
        );
      }),
      { numRuns: 2000 },
    );
  });
});
