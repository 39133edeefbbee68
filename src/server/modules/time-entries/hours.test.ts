import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  deriveHours,
  hoursForReport,
  hoursGrid,
  hoursToSeconds,
  hoursToWire,
  parseDuration,
  parseHours,
  secondsToHours,
  stepText,
} from './hours.js';

const defaults = hoursGrid({ PrecisionForHoursValues: 2, MinTimeIncrement: 0.01 });
const quarter = hoursGrid({ PrecisionForHoursValues: 2, MinTimeIncrement: 0.25 });

describe('the hours grid', () => {
  it('is 0.01 h for a new company and the lcm of precision and increment otherwise', () => {
    expect(defaults.step).toBe(100);
    expect(stepText(defaults)).toBe('0.01');
    expect(quarter.step).toBe(2500);
    // An increment of 0.25 with precision 1: 0.25 has two decimals, so the grid is 0.5.
    expect(hoursGrid({ PrecisionForHoursValues: 1, MinTimeIncrement: 0.25 }).step).toBe(5000);
    expect(hoursGrid({ PrecisionForHoursValues: 4, MinTimeIncrement: 0.0001 }).step).toBe(1);
    expect(hoursGrid({ PrecisionForHoursValues: 0, MinTimeIncrement: 0.01 }).step).toBe(10000);
  });
});

describe('parseHours', () => {
  it('keeps values on the grid exactly and refuses the rest (never rounds)', () => {
    expect(parseHours(7.5, defaults)).toEqual({ ok: true, value: 75000 });
    expect(parseHours(0.1, defaults)).toEqual({ ok: true, value: 1000 });
    expect(parseHours(0.01, defaults)).toEqual({ ok: true, value: 100 });
    const refused = parseHours(0.005, defaults);
    expect(refused.ok).toBe(false);
    if (!refused.ok) expect(refused.message).toContain('multiple of 0.01');
    expect(parseHours(7.25, quarter).ok).toBe(true);
    expect(parseHours(7.3, quarter).ok).toBe(false);
    expect(parseHours(1.00001, defaults).ok).toBe(false);
  });
});

describe('parseDuration', () => {
  it('accepts four decimals and refuses more', () => {
    expect(parseDuration(0.25, 'BreakTime')).toEqual({ ok: true, value: 2500 });
    expect(parseDuration(0.33333, 'BreakTime').ok).toBe(false);
  });
});

describe('deriveHours', () => {
  it('is End − Start − Break: 09:00–17:00 with a 1 h break is 7', () => {
    expect(deriveHours('09:00', '17:00', 10000, defaults)).toEqual({ ok: true, value: 70000, exact: true });
  });
  it('rounds half up to the grid', () => {
    expect(deriveHours('09:00', '09:20', 0, defaults)).toEqual({ ok: true, value: 3300, exact: false });
    expect(deriveHours('09:00', '09:40', 0, defaults)).toEqual({ ok: true, value: 6700, exact: false });
    // 20 minutes at a quarter-hour grid: 0.333 → 0.25; 10 minutes: 0.1667 → 0.25; 7 minutes → 0.
    expect(deriveHours('09:00', '09:20', 0, quarter)).toMatchObject({ value: 2500 });
    expect(deriveHours('09:00', '09:10', 0, quarter)).toMatchObject({ value: 2500 });
    expect(deriveHours('09:00', '09:07', 0, quarter)).toMatchObject({ value: 0 });
    // 7.5 minutes is impossible; 09:00–09:45 = 0.75 exactly.
    expect(deriveHours('09:00', '09:45', 0, quarter)).toEqual({ ok: true, value: 7500, exact: true });
  });
  it('refuses an end not after the start and a break longer than the span', () => {
    expect(deriveHours('17:00', '09:00', 0, defaults)).toMatchObject({ ok: false, field: 'EndTime' });
    expect(deriveHours('09:00', '09:00', 0, defaults)).toMatchObject({ ok: false, field: 'EndTime' });
    expect(deriveHours('09:00', '10:00', 15000, defaults)).toMatchObject({ ok: false, field: 'BreakTime' });
  });
});

describe('seconds and hours', () => {
  it('converts timer seconds to the grid, half up', () => {
    expect(secondsToHours(1800, defaults)).toBe(5000);
    expect(secondsToHours(18, defaults)).toBe(100); // 0.005 h rounds up to 0.01
    expect(secondsToHours(17, defaults)).toBe(0);
    expect(secondsToHours(3600 * 7 + 900, quarter)).toBe(72500);
    expect(hoursToSeconds(1000)).toBe(360);
    expect(hoursToSeconds(1)).toBe(0); // 0.36 s
  });
  it('round-trips every grid value through seconds', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 2400 }), (k) => {
        const hours = k * defaults.step;
        expect(secondsToHours(hoursToSeconds(hours), defaults)).toBe(hours);
      }),
    );
  });
});

describe('exact sums', () => {
  it('ten entries of 0.1 make exactly 1', () => {
    const one = parseHours(0.1, defaults);
    if (!one.ok) throw new Error('0.1 refused');
    const sum = Array.from({ length: 10 }, () => one.value).reduce((a, b) => a + b, 0);
    expect(hoursToWire(sum)).toBe(1);
    expect(hoursForReport(sum, 2)).toBe(1);
  });
  it('reports round half up to the precision', () => {
    expect(hoursForReport(12345, 2)).toBe(1.23);
    expect(hoursForReport(12350, 2)).toBe(1.24);
    expect(hoursForReport(12350, 0)).toBe(1);
    expect(hoursForReport(12350, 4)).toBe(1.235);
  });
});
