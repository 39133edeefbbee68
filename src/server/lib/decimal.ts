/**
 * Exact decimal ⇄ scaled-integer conversion. Hours, rates and money are stored as integers (hours and
 * rates × 10^4, money in minor units) so that sums never drift (DECISIONS 9). The wire carries decimals.
 */

export const HOURS_SCALE = 4;
export const RATE_SCALE = 4;
export const MONEY_SCALE = 2;

const DECIMAL = /^([+-])?(\d+)(?:\.(\d+))?$/;

/** Writes a finite JS number as a plain decimal string (no exponent), its shortest round-trip form. */
export function numberToDecimalString(value: number): string {
  if (!Number.isFinite(value)) throw new RangeError('not a finite number');
  const text = String(value);
  if (!/e/i.test(text)) return text;
  // Exponent form (1e-7, 1.5e+21): expand it digit by digit so no precision is invented or lost.
  const [mantissa = '', exponentText = '0'] = text.toLowerCase().split('e');
  const exponent = Number(exponentText);
  const negative = mantissa.startsWith('-');
  const [intPart = '', fracPart = ''] = mantissa.replace('-', '').split('.');
  const digits = intPart + fracPart;
  const point = intPart.length + exponent;
  let out: string;
  if (point <= 0) out = '0.' + '0'.repeat(-point) + digits;
  else if (point >= digits.length) out = digits + '0'.repeat(point - digits.length);
  else out = digits.slice(0, point) + '.' + digits.slice(point);
  return (negative ? '-' : '') + out;
}

export interface Scaled {
  /** The value × 10^scale, rounded half away from zero. */
  value: number;
  /** False when digits beyond the scale were dropped by rounding. */
  exact: boolean;
}

/** Parses a decimal (number or numeric string) into an integer scaled by 10^scale. */
export function toScaled(input: number | string, scale: number): Scaled | undefined {
  const text = typeof input === 'number' ? numberToDecimalString(input) : input.trim();
  const match = DECIMAL.exec(text);
  if (!match) return undefined;
  const [, sign, whole = '0', frac = ''] = match;
  const kept = (frac + '0'.repeat(scale)).slice(0, scale);
  const dropped = frac.slice(scale);
  let magnitude = BigInt(whole + kept);
  if (dropped.length > 0 && dropped.charCodeAt(0) >= 53 /* '5' */) magnitude += 1n;
  if (magnitude > BigInt(Number.MAX_SAFE_INTEGER)) return undefined;
  const value = Number(magnitude) * (sign === '-' && magnitude !== 0n ? -1 : 1);
  return { value, exact: !/[1-9]/.test(dropped) };
}

/** The wire decimal for a scaled integer. */
export function fromScaled(value: number, scale: number): number {
  return value / 10 ** scale;
}

/** Rounds a scaled value (at `fromScale`) to `toScale` decimals, half away from zero, staying at fromScale. */
export function roundScaled(value: number, fromScale: number, toScale: number): number {
  if (toScale >= fromScale) return value;
  const step = 10 ** (fromScale - toScale);
  const rounded = Math.round(Math.abs(value) / step) * step;
  return value < 0 ? -rounded : rounded;
}

/** a × b where a is at scale sa and b at scale sb, rounded half away from zero to scale `to`. */
export function multiplyScaled(a: number, sa: number, b: number, sb: number, to: number): number {
  const product = BigInt(a) * BigInt(b);
  const shift = sa + sb - to;
  if (shift <= 0) return Number(product * 10n ** BigInt(-shift));
  const divisor = 10n ** BigInt(shift);
  const negative = product < 0n;
  const abs = negative ? -product : product;
  let q = abs / divisor;
  if ((abs % divisor) * 2n >= divisor) q += 1n;
  return Number(negative ? -q : q);
}
