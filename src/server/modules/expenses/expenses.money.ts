/**
 * Expense arithmetic, pure and exact (DECISIONS 9, 18). Every value is an integer at a fixed scale:
 *   amounts in the company currency   minor units (× 10^2)
 *   mileage rates and quantities        × 10^4
 *   foreign amounts                     × 10^4 (never more decimals than the currency has)
 *   exchange rates                      × 10^6
 * Products round half away from zero, once, to the scale of the result.
 */
import { fromScaled, MONEY_SCALE, multiplyScaled, RATE_SCALE, toScaled } from '../../lib/decimal.js';

export { MONEY_SCALE, RATE_SCALE };
export const QUANTITY_SCALE = 4;
export const FOREIGN_SCALE = 4;
export const EXCHANGE_RATE_SCALE = 6;

/** The largest amount of one item, in minor units (one billion currency units). */
export const MAX_AMOUNT_MINOR = 100_000_000_000;

export type Parsed = { ok: true; value: number } | { ok: false; message: string };

/**
 * A decimal at a scale. With `round`, extra digits are rounded away; without it, they are an error
 * (a client that sends 12.345 dollars should hear about it rather than lose half a cent).
 */
export function parseScaled(
  value: number,
  scale: number,
  field: string,
  options: { round?: boolean } = {},
): Parsed {
  const s = toScaled(value, scale);
  if (!s) return { ok: false, message: `${field} is not a valid number.` };
  if (!s.exact && !options.round) {
    return {
      ok: false,
      message: `${field} may have at most ${scale} decimal place${scale === 1 ? '' : 's'}.`,
    };
  }
  return { ok: true, value: s.value };
}

/** A company-currency amount in minor units. */
export const parseMoney = (value: number, field: string): Parsed => {
  const p = parseScaled(value, MONEY_SCALE, field);
  if (p.ok && Math.abs(p.value) > MAX_AMOUNT_MINOR) return { ok: false, message: `${field} is too large.` };
  return p;
};

/** A foreign amount, exact to the currency's own minor unit, stored × 10^4. */
export function parseForeignAmount(value: number, currencyDigits: number, field: string): Parsed {
  const p = parseScaled(value, currencyDigits, field);
  if (!p.ok) return p;
  return { ok: true, value: p.value * 10 ** (FOREIGN_SCALE - currencyDigits) };
}

/** Rate × Quantity in minor units: a mileage item's Amount (DECISIONS 18). */
export function mileageAmount(rate: number, quantity: number): number {
  return multiplyScaled(rate, RATE_SCALE, quantity, QUANTITY_SCALE, MONEY_SCALE);
}

/** Rate × Quantity as a foreign amount (× 10^4), rounded to the foreign currency's minor unit. */
export function mileageForeignAmount(rate: number, quantity: number, currencyDigits: number): number {
  const rounded = multiplyScaled(rate, RATE_SCALE, quantity, QUANTITY_SCALE, currencyDigits);
  return rounded * 10 ** (FOREIGN_SCALE - currencyDigits);
}

/** AmountForeign × AmountForeignExchangeRate, rounded to the cent: the derived Amount. */
export function convertForeign(amountForeign: number, exchangeRate: number): number {
  return multiplyScaled(amountForeign, FOREIGN_SCALE, exchangeRate, EXCHANGE_RATE_SCALE, MONEY_SCALE);
}

export interface ItemMoneyInput {
  mileage: boolean;
  /** × 10^4; required for mileage. */
  rate: number | null;
  /** × 10^4; required for mileage. */
  quantity: number | null;
  /** Minor units; used for non-mileage items without a foreign amount. */
  amount: number | null;
  foreign: { currencyDigits: number; exchangeRate: number; amountForeign: number | null } | null;
}

export interface ItemMoney {
  amount: number;
  amountForeign: number | null;
}

/**
 * The stored money of an item from its inputs. A mileage item's amount is Rate × Quantity (in the
 * foreign currency when one is given, then converted); a foreign amount determines Amount; otherwise
 * Amount is what the client sent. Returns undefined when a required input is missing.
 */
export function itemMoney(input: ItemMoneyInput): ItemMoney | undefined {
  if (input.mileage) {
    if (input.rate === null || input.quantity === null) return undefined;
    if (input.foreign) {
      const amountForeign = mileageForeignAmount(input.rate, input.quantity, input.foreign.currencyDigits);
      return { amount: convertForeign(amountForeign, input.foreign.exchangeRate), amountForeign };
    }
    return { amount: mileageAmount(input.rate, input.quantity), amountForeign: null };
  }
  if (input.foreign) {
    if (input.foreign.amountForeign === null) return undefined;
    return {
      amount: convertForeign(input.foreign.amountForeign, input.foreign.exchangeRate),
      amountForeign: input.foreign.amountForeign,
    };
  }
  if (input.amount === null) return undefined;
  return { amount: input.amount, amountForeign: null };
}

export interface SheetTotals {
  total: number;
  reimbursable: number;
  count: number;
}

/** The sheet's totals from its items; the store computes the same sums in SQL inside the item transaction. */
export function sheetTotals(items: readonly { amount: number; reimbursable: boolean }[]): SheetTotals {
  let total = 0;
  let reimbursable = 0;
  for (const item of items) {
    total += item.amount;
    if (item.reimbursable) reimbursable += item.amount;
  }
  return { total, reimbursable, count: items.length };
}

/** Wire decimals. */
export const moneyOut = (minor: number): number => fromScaled(minor, MONEY_SCALE);
export const rateOut = (v: number | null): number | null => (v === null ? null : fromScaled(v, RATE_SCALE));
export const quantityOut = (v: number | null): number | null =>
  v === null ? null : fromScaled(v, QUANTITY_SCALE);
export const foreignOut = (v: number | null): number | null =>
  v === null ? null : fromScaled(v, FOREIGN_SCALE);
export const exchangeRateOut = (v: number | null): number | null =>
  v === null ? null : fromScaled(v, EXCHANGE_RATE_SCALE);
