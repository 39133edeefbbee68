import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { parseIncrement, roundAt, roundHours, roundToPrecision, type RoundingDirection } from './rounding.js';

/** Reference: rounding by exact decimal reasoning on BigInt, independent of the implementation. */
function reference(hours: number, direction: RoundingDirection, increment: number): number {
  const h = BigInt(hours);
  const i = BigInt(increment);
  const q = h / i;
  const r = h % i;
  if (direction === 'Down' || r === 0n) return Number(q * i);
  if (direction === 'Up') return Number((q + 1n) * i);
  return Number((2n * r >= i ? q + 1n : q) * i);
}

const directions = fc.constantFrom<RoundingDirection>('Up', 'Down', 'Nearest');

describe('roundHours', () => {
  it('rounds to quarter hours', () => {
    expect(roundHours(70_000, 'Up', 2500)).toBe(70_000);
    expect(roundHours(70_001, 'Up', 2500)).toBe(72_500);
    expect(roundHours(72_499, 'Down', 2500)).toBe(70_000);
    expect(roundHours(71_249, 'Nearest', 2500)).toBe(70_000);
    expect(roundHours(71_250, 'Nearest', 2500)).toBe(72_500); // a tie rounds up
    expect(roundHours(0, 'Up', 2500)).toBe(0);
    expect(roundHours(1, 'Up', 2500)).toBe(2500);
    expect(roundHours(3300, 'Nearest', 1000)).toBe(3000); // 0.33 h to tenths
    expect(roundHours(3300, 'Nearest', 5000)).toBe(5000); // 0.33 h to half hours
  });

  it('agrees with an exact reference for any hours and increment', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 24_000_000 }),
        fc.integer({ min: 1, max: 240_000 }),
        directions,
        (h, i, d) => {
          const r = roundHours(h, d, i);
          expect(r).toBe(reference(h, d, i));
          expect(r % i).toBe(0);
          expect(Math.abs(r - h)).toBeLessThan(i);
          if (d === 'Up') expect(r).toBeGreaterThanOrEqual(h);
          if (d === 'Down') expect(r).toBeLessThanOrEqual(h);
          if (d === 'Nearest') expect(2 * Math.abs(r - h)).toBeLessThanOrEqual(i);
        },
      ),
    );
  });

  it('is idempotent and monotonic', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 2_400_000 }),
        fc.integer({ min: 0, max: 2_400_000 }),
        fc.integer({ min: 1, max: 240_000 }),
        directions,
        (a, b, i, d) => {
          expect(roundHours(roundHours(a, d, i), d, i)).toBe(roundHours(a, d, i));
          if (a <= b) expect(roundHours(a, d, i)).toBeLessThanOrEqual(roundHours(b, d, i));
        },
      ),
    );
  });

  it('refuses what is not hours or not an increment', () => {
    expect(() => roundHours(-1, 'Up', 2500)).toThrow(RangeError);
    expect(() => roundHours(1.5, 'Up', 2500)).toThrow(RangeError);
    expect(() => roundHours(1, 'Up', 0)).toThrow(RangeError);
  });
});

describe('roundAt and roundToPrecision', () => {
  it('rounds only at the chosen scope', () => {
    const r = { direction: 'Up' as const, increment: 2500, scope: 'Entry' as const };
    expect(roundAt(100, r, 'Entry')).toBe(2500);
    expect(roundAt(100, r, 'Group')).toBe(100);
    expect(roundAt(100, undefined, 'Entry')).toBe(100);
  });

  it('rounds half up to the display precision', () => {
    expect(roundToPrecision(12_345, 2)).toBe(12_300);
    expect(roundToPrecision(12_350, 2)).toBe(12_400);
    expect(roundToPrecision(12_345, 4)).toBe(12_345);
    expect(roundToPrecision(12_345, 0)).toBe(10_000);
  });
});

describe('parseIncrement', () => {
  it('reads decimal hours exactly', () => {
    expect(parseIncrement('0.25')).toEqual({ ok: true, value: 2500 });
    expect(parseIncrement('1')).toEqual({ ok: true, value: 10_000 });
    expect(parseIncrement('.1')).toEqual({ ok: true, value: 1000 });
    expect(parseIncrement('0.0001')).toEqual({ ok: true, value: 1 });
    expect(parseIncrement('24')).toEqual({ ok: true, value: 240_000 });
  });

  it('refuses zero, negatives, too many decimals, more than a day and text', () => {
    for (const bad of ['0', '-0.25', '0.00001', '24.01', 'abc', '', '1e-2', '0x10', 'Infinity', 'NaN']) {
      expect(parseIncrement(bad).ok, bad).toBe(false);
    }
  });
});
