/**
 * The pure parts of expenses: exact money and mileage arithmetic (with property tests), the workflow
 * table, and receipt decoding.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  convertForeign,
  itemMoney,
  mileageAmount,
  mileageForeignAmount,
  moneyOut,
  parseForeignAmount,
  parseMoney,
  parseScaled,
  sheetTotals,
} from '../../src/server/modules/expenses/expenses.money.js';
import {
  availableActions,
  callerMay,
  editableBy,
  nextStatus,
  stateActions,
  type CallerRole,
} from '../../src/server/modules/expenses/expenses.workflow.js';
import { decodeReceipt } from '../../src/server/modules/expenses/expenses.receipts.js';
import { currencyOf } from '../../src/server/modules/expenses/currencies.js';
import { JPEG_HEAD, PDF_MINI, PNG_1PX } from './expenses.fixtures.js';

/** Half-away-from-zero rounding of a / 10^shift, independently of decimal.ts. */
function roundDiv(a: bigint, shift: number): bigint {
  const d = 10n ** BigInt(shift);
  const neg = a < 0n;
  const abs = neg ? -a : a;
  let q = abs / d;
  if ((abs % d) * 2n >= d) q += 1n;
  return neg ? -q : q;
}

/** A decimal string → integer at a scale (exact input). */
function scaled(text: string, scale: number): bigint {
  const neg = text.startsWith('-');
  const [w = '0', f = ''] = text.replace('-', '').split('.');
  const v = BigInt(w) * 10n ** BigInt(scale) + BigInt((f + '0'.repeat(scale)).slice(0, scale) || '0');
  return neg ? -v : v;
}

const centsText = (c: number) =>
  `${c < 0 ? '-' : ''}${Math.floor(Math.abs(c) / 100)}.${String(Math.abs(c) % 100).padStart(2, '0')}`;

describe('expense money', () => {
  it('parses amounts exactly and refuses half cents', () => {
    expect(parseMoney(12.34, 'Amount')).toEqual({ ok: true, value: 1234 });
    expect(parseMoney(0.1 + 0.2, 'Amount').ok).toBe(false); // 0.30000000000000004 is not a cent amount
    expect(parseMoney(12.345, 'Amount')).toEqual({
      ok: false,
      message: 'Amount may have at most 2 decimal places.',
    });
    expect(parseMoney(-5, 'Amount')).toEqual({ ok: true, value: -500 });
    expect(parseMoney(2e9, 'Amount').ok).toBe(false);
  });

  it('keeps mileage rates to 4 decimals: 0.655 stays 0.655', () => {
    expect(parseScaled(0.655, 4, 'Rate')).toEqual({ ok: true, value: 6550 });
    expect(parseScaled(0.65555, 4, 'Rate').ok).toBe(false);
  });

  it('computes Rate × Quantity rounded half away from zero to the cent', () => {
    expect(mileageAmount(6550, 1_0000)).toBe(66); // 0.655 × 1 = 0.655 → 0.66
    expect(mileageAmount(6550, 3_0000)).toBe(197); // 1.965 → 1.97
    expect(mileageAmount(6550, 100_0000)).toBe(6550); // 65.50
    expect(mileageAmount(7000, 12_5000)).toBe(875); // 0.70 × 12.5 = 8.75
    expect(mileageAmount(7000, 1234)).toBe(9); // 0.70 × 0.1234 = 0.08638 → 0.09
  });

  it('converts foreign amounts at the exchange rate, rounded to the cent', () => {
    expect(convertForeign(100_0000, 1_085_000)).toBe(10850); // 100 EUR × 1.085 = 108.50
    expect(convertForeign(1234_0000, 6_612)).toBe(816); // 1234 JPY × 0.006612 = 8.159208 → 8.16
    expect(parseForeignAmount(1234, 0, 'AmountForeign')).toEqual({ ok: true, value: 1234_0000 });
    expect(parseForeignAmount(12.5, 0, 'AmountForeign').ok).toBe(false); // JPY has no minor unit
    expect(parseForeignAmount(1.234, 3, 'AmountForeign')).toEqual({ ok: true, value: 1_2340 }); // BHD has 3
    expect(mileageForeignAmount(7000, 10_0000, 0)).toBe(7_0000); // 0.70 × 10 = 7 JPY
  });

  it('derives an item amount from mileage, a foreign amount, or the amount given', () => {
    expect(itemMoney({ mileage: true, rate: 7000, quantity: 10_0000, amount: 99, foreign: null })).toEqual({
      amount: 700,
      amountForeign: null,
    });
    expect(
      itemMoney({ mileage: true, rate: null, quantity: 10_0000, amount: null, foreign: null }),
    ).toBeUndefined();
    expect(
      itemMoney({
        mileage: false,
        rate: null,
        quantity: null,
        amount: 1,
        foreign: { currencyDigits: 2, exchangeRate: 2_000_000, amountForeign: 10_0000 },
      }),
    ).toEqual({ amount: 2000, amountForeign: 10_0000 });
    expect(itemMoney({ mileage: false, rate: null, quantity: null, amount: 1234, foreign: null })).toEqual({
      amount: 1234,
      amountForeign: null,
    });
  });

  it('property: a sheet total equals the exact decimal sum of its items, to the cent', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.record({ cents: fc.integer({ min: -10_000_000, max: 10_000_000 }), reimbursable: fc.boolean() }),
          { maxLength: 200 },
        ),
        (rows) => {
          // Items arrive as wire decimals, are parsed, and summed; compare with BigInt sums of the text.
          const items = rows.map((r) => {
            const parsed = parseMoney(Number(centsText(r.cents)), 'Amount');
            if (!parsed.ok) throw new Error(parsed.message);
            return { amount: parsed.value, reimbursable: r.reimbursable };
          });
          const totals = sheetTotals(items);
          const exact = rows.reduce((s, r) => s + scaled(centsText(r.cents), 2), 0n);
          const exactReimbursable = rows
            .filter((r) => r.reimbursable)
            .reduce((s, r) => s + scaled(centsText(r.cents), 2), 0n);
          expect(BigInt(totals.total)).toBe(exact);
          expect(BigInt(totals.reimbursable)).toBe(exactReimbursable);
          expect(totals.count).toBe(rows.length);
          // And the wire decimal of the total reads back to the same cents.
          expect(parseMoney(moneyOut(totals.total), 'TotalAmount')).toEqual({
            ok: true,
            value: totals.total,
          });
        },
      ),
      { numRuns: 300 },
    );
  });

  it('property: mileage amounts are Rate × Quantity rounded once, within half a cent', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 50_000 }),
        fc.integer({ min: 1, max: 100_000_000 }),
        (rate, quantity) => {
          const amount = mileageAmount(rate, quantity);
          expect(BigInt(amount)).toBe(roundDiv(BigInt(rate) * BigInt(quantity), 6));
          // |amount − rate × quantity| ≤ half a cent, in units of 10^-8.
          const diff = BigInt(amount) * 1_000_000n - BigInt(rate) * BigInt(quantity);
          expect(diff < 0n ? -diff : diff).toBeLessThanOrEqual(500_000n);
        },
      ),
      { numRuns: 500 },
    );
  });

  it('property: foreign conversions agree with an independent computation', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: -1_000_000_000, max: 1_000_000_000 }),
        fc.integer({ min: 1, max: 1_000_000_000 }),
        (foreign, rate) => {
          expect(BigInt(convertForeign(foreign, rate))).toBe(roundDiv(BigInt(foreign) * BigInt(rate), 8));
        },
      ),
      { numRuns: 500 },
    );
  });
});

describe('expense workflow', () => {
  const nobody: CallerRole = {
    isOwner: false,
    isAdmin: false,
    isDesignatedApprover: false,
    approve: false,
    override: false,
    markPaid: false,
    allowManagerUnapproval: true,
  };
  const subject = { wasApproved: false, ownerSubjectToApproval: true };

  it('allows by state exactly the documented transitions', () => {
    expect(stateActions({ ...subject, status: 'open' })).toEqual(['Submit']);
    expect(stateActions({ ...subject, status: 'rejected' })).toEqual(['Submit']);
    expect(stateActions({ ...subject, status: 'waiting' }).sort()).toEqual([
      'Approve',
      'Reject',
      'UndoSubmit',
    ]);
    expect(stateActions({ ...subject, status: 'approved' }).sort()).toEqual(['MarkPaid', 'UndoApproval']);
    expect(stateActions({ ...subject, status: 'paid' })).toEqual(['RevertToUnpaid']);
    // Not subject to approval: no approval step.
    expect(stateActions({ status: 'open', wasApproved: false, ownerSubjectToApproval: false })).toEqual([
      'MarkPaid',
    ]);
  });

  it('leads each action to its status', () => {
    expect(nextStatus({ ...subject, status: 'open' }, 'Submit')).toBe('waiting');
    expect(nextStatus({ ...subject, status: 'waiting' }, 'Reject')).toBe('rejected');
    expect(nextStatus({ ...subject, status: 'approved' }, 'UndoApproval')).toBe('waiting');
    expect(
      nextStatus({ status: 'paid', wasApproved: true, ownerSubjectToApproval: true }, 'RevertToUnpaid'),
    ).toBe('approved');
    expect(
      nextStatus({ status: 'paid', wasApproved: false, ownerSubjectToApproval: false }, 'RevertToUnpaid'),
    ).toBe('open');
  });

  it('gives each role only its actions', () => {
    const waiting = { ...subject, status: 'waiting' as const };
    expect(availableActions(waiting, { ...nobody, isOwner: true })).toEqual(['UndoSubmit']);
    expect(availableActions(waiting, { ...nobody, approve: true })).toEqual([]); // not the designated approver
    expect(availableActions(waiting, { ...nobody, approve: true, isDesignatedApprover: true })).toEqual([
      'Approve',
      'Reject',
      'UndoSubmit',
    ]);
    expect(availableActions(waiting, { ...nobody, isAdmin: true })).toEqual([
      'Approve',
      'Reject',
      'UndoSubmit',
    ]);
    expect(
      callerMay('UndoApproval', {
        ...nobody,
        approve: true,
        isDesignatedApprover: true,
        allowManagerUnapproval: false,
      }),
    ).toBe(false);
    expect(callerMay('MarkPaid', { ...nobody, markPaid: true })).toBe(true);
    expect(callerMay('MarkPaid', { ...nobody, isOwner: true })).toBe(false);
  });

  it('lets owners edit only before submission and nobody after payment', () => {
    expect(editableBy('open', 'owner')).toBe(true);
    expect(editableBy('rejected', 'owner')).toBe(true);
    expect(editableBy('waiting', 'owner')).toBe(false);
    expect(editableBy('approved', 'owner')).toBe(false);
    expect(editableBy('approved', 'override')).toBe(true);
    expect(editableBy('paid', 'override')).toBe(false);
  });
});

describe('receipts and currencies', () => {
  it('decodes base64 of each kind, with or without a data: prefix and line breaks', () => {
    const png = decodeReceipt(PNG_1PX.toString('base64'), 'image/x-png');
    expect(png).toMatchObject({ ok: true, type: 'image/png' });
    const b64 = PDF_MINI.toString('base64');
    expect(
      decodeReceipt(`data:application/pdf;base64,${b64.slice(0, 10)}\n${b64.slice(10)}`, 'image/pdf'),
    ).toMatchObject({
      ok: true,
      type: 'application/pdf',
    });
    expect(decodeReceipt(JPEG_HEAD.toString('base64url'), 'image/pjpeg')).toMatchObject({
      ok: true,
      type: 'image/jpeg',
    });
  });

  it('refuses bad base64, a type that does not match, and oversized data before decoding it', () => {
    expect(decodeReceipt('not base64!!', 'image/png')).toEqual({ ok: false, problem: 'invalid_base64' });
    expect(decodeReceipt('abcde', 'image/png')).toEqual({ ok: false, problem: 'invalid_base64' });
    expect(decodeReceipt(PDF_MINI.toString('base64'), 'image/png')).toEqual({
      ok: false,
      problem: 'type_mismatch',
    });
    expect(decodeReceipt(Buffer.from('<html>').toString('base64'), 'image/gif')).toEqual({
      ok: false,
      problem: 'type_mismatch',
    });
    expect(decodeReceipt('A'.repeat(4000), 'image/png', 1000)).toEqual({ ok: false, problem: 'too_large' });
    expect(decodeReceipt(PNG_1PX.toString('base64'), 'text/html')).toEqual({
      ok: false,
      problem: 'unknown_type',
    });
  });

  it('knows minor units of currencies', () => {
    expect(currencyOf('jpy')).toMatchObject({ iso: 'JPY', digits: 0 });
    expect(currencyOf('BHD')?.digits).toBe(3);
    expect(currencyOf('EUR')).toMatchObject({ symbol: '€', digits: 2 });
    expect(currencyOf('XXX')).toBeUndefined();
  });
});
