import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fromScaled, multiplyScaled, numberToDecimalString, roundScaled, toScaled } from './decimal.js';

describe('decimal', () => {
  it('parses numbers and numeric strings exactly', () => {
    expect(toScaled(0.655, 4)).toEqual({ value: 6550, exact: true });
    expect(toScaled('7.5', 4)).toEqual({ value: 75000, exact: true });
    expect(toScaled(0.1, 4)).toEqual({ value: 1000, exact: true });
    expect(toScaled('-1.25', 2)).toEqual({ value: -125, exact: true });
    expect(toScaled(1e-7, 4)).toEqual({ value: 0, exact: false });
    expect(toScaled('12.34567', 4)).toEqual({ value: 123457, exact: false });
    expect(toScaled('abc', 4)).toBeUndefined();
    expect(toScaled('1e5', 4)).toBeUndefined();
  });

  it('writes exponent-form numbers as plain decimals', () => {
    expect(numberToDecimalString(1.5e-7)).toBe('0.00000015');
    expect(numberToDecimalString(2e21)).toBe('2000000000000000000000');
  });

  it('sums ten entries of 0.1 to exactly 1', () => {
    const sum = Array.from({ length: 10 }, () => toScaled(0.1, 4)!.value).reduce((a, b) => a + b, 0);
    expect(fromScaled(sum, 4)).toBe(1);
  });

  it('round-trips any value with at most 4 decimals', () => {
    fc.assert(
      fc.property(fc.integer({ min: -1e12, max: 1e12 }), (n) => {
        const wire = fromScaled(n, 4);
        expect(toScaled(wire, 4)).toEqual({ value: n, exact: true });
      }),
    );
  });

  it('multiplies rate × quantity to the cent, half away from zero', () => {
    // 0.655 per mile × 12.5 miles = 8.1875 → 8.19
    expect(multiplyScaled(6550, 4, 1250, 2, 2)).toBe(819);
    expect(multiplyScaled(-6550, 4, 1250, 2, 2)).toBe(-819);
    expect(multiplyScaled(5, 1, 5, 1, 2)).toBe(25);
    expect(multiplyScaled(5, 1, 5, 1, 1)).toBe(3);
  });

  it('rounds scaled values to fewer places', () => {
    expect(roundScaled(12345, 4, 2)).toBe(12300);
    expect(roundScaled(12350, 4, 2)).toBe(12400);
    expect(roundScaled(-12350, 4, 2)).toBe(-12400);
  });
});
