import { describe, expect, it } from 'vitest';
import { addDays, dayOfWeek, todayOf } from './dates.js';

// The suites run twice: under UTC, and the date-sensitive ones under UTC+14 (vitest.farzone.config.ts).
describe('the process time zone', () => {
  it('is the zone the suite asked for', () => {
    const expected: Record<string, number> = { UTC: 0, 'Pacific/Kiritimati': -840 };
    const zone = process.env.TZ ?? 'UTC';
    expect(zone in expected).toBe(true);
    expect(new Date(2026, 0, 1).getTimezoneOffset()).toBe(expected[zone]);
  });

  it('never moves a calendar day, whatever the zone', () => {
    expect(addDays('2026-03-28', 1)).toBe('2026-03-29');
    expect(dayOfWeek('2026-11-23')).toBe(1);
    expect(todayOf(new Date('2026-11-28T23:30:00Z'))).toBe('2026-11-28');
  });
});
