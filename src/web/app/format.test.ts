import { describe, expect, it } from 'vitest';
import { addDays, datesBetween, formatHours, mileageAmount } from './format.js';

describe('mileageAmount', () => {
  it('is rate × distance rounded half up to the cent, without float drift', () => {
    expect(mileageAmount(0.7, 12.5)).toBe(8.75);
    expect(mileageAmount(0.655, 12.5)).toBe(8.19); // 8.1875
    expect(mileageAmount(0.655, 100)).toBe(65.5);
    expect(mileageAmount(0.58, 0.1)).toBe(0.06); // 0.058
    expect(mileageAmount(0.1, 3)).toBe(0.3); // 0.30000000000000004 in floats
    expect(mileageAmount(0.655, 0)).toBe(0);
  });
  it('is unknown without a rate or a distance', () => {
    expect(mileageAmount(null, 10)).toBeNull();
    expect(mileageAmount(0.7, null)).toBeNull();
    expect(mileageAmount(0.7, Number.NaN)).toBeNull();
  });
});

describe('calendar dates', () => {
  it('moves by days across months, years and leap days, in any time zone', () => {
    expect(addDays('2026-01-31', 1)).toBe('2026-02-01');
    expect(addDays('2026-03-01', -1)).toBe('2026-02-28');
    expect(addDays('2028-02-28', 1)).toBe('2028-02-29');
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
    expect(addDays('2026-03-29', 1)).toBe('2026-03-30'); // a DST change in Europe
    expect(datesBetween('2026-11-23', '2026-11-29')).toHaveLength(7);
  });
  it('formats hours with the company precision', () => {
    expect(formatHours(3.5, 2)).toBe('3.50');
    expect(formatHours(3.5, 0)).toBe('4');
    expect(formatHours(1.25, 1)).toBe('1.3');
  });
});
