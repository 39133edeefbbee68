/**
 * Receipts over the wire on SQLite and PostgreSQL: base64 upload, storage in the database, download at
 * ReceiptURL with the right Content-Type to those who may see the item, and the 400/413 paths.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../support/app.js';
import { testDialects } from '../support/db.js';
import {
  JPEG_HEAD,
  PDF_MINI,
  PNG_1PX,
  person,
  seededTypes,
  sheet,
  type Person,
  type SeededTypes,
} from './expenses.fixtures.js';

const dialects = await testDialects();
const MiB = 1024 * 1024;

describe.each(dialects)('Expense receipts on %s', (dialect) => {
  let t: TestApp;
  let acme: Awaited<ReturnType<TestApp['company']>>;
  let other: Awaited<ReturnType<TestApp['company']>>;
  let types: SeededTypes;
  let owner: Person;
  let colleague: Person;
  let reviewer: Person;

  beforeAll(async () => {
    // A larger JSON limit so that the receipt's own 8 MiB cap can be reached.
    t = await createTestApp(dialect, { bodyLimitBytes: 16 * MiB });
    acme = await t.company('Acme');
    other = await t.company('Other');
    types = await seededTypes(t, acme.Token);
    owner = await person(t, acme.Token, { Name: 'Olive Owner' });
    colleague = await person(t, acme.Token, { Name: 'Cole Colleague' });
    reviewer = await person(t, acme.Token, {
      Name: 'Rex Reviewer',
      SecurityLevel: 'MANAGER',
      permissions: [{ Name: 'Review Expenses', AccessLevel: 'All' }],
    });
  });
  afterAll(() => t.close());

  const body = (sheetId: string, extra: Record<string, unknown>) => ({
    ExpenseSheetID: sheetId,
    ExpenseDate: '2026-03-01',
    ExpenseTypeID: types.meals,
    PaymentTypeID: types.cash,
    Amount: 12,
    ...extra,
  });

  async function download(url: string, token?: string) {
    const path = new URL(url).pathname;
    return t.app.inject({
      method: 'GET',
      url: path,
      headers: token ? { authorization: `Token ${token}` } : {},
    });
  }

  it('stores a receipt and serves it at ReceiptURL with its Content-Type, only to those who may see the item', async () => {
    const s = await sheet(t, owner.token);
    const res = await t.call('POST', '/v2/Me/ExpenseItems', {
      token: owner.token,
      body: body(s, { Receipt: PNG_1PX.toString('base64'), ReceiptFileType: 'image/x-png' }),
    });
    expect(res.status).toBe(201);
    const itemId = res.body.data.ID as string;
    const url = res.body.data.ReceiptURL as string;
    expect(url).toMatch(new RegExp(`/v2/ExpenseItems/${itemId}/Receipt$`));
    expect(res.body.data.Receipt).toBeUndefined();

    const got = await download(url, owner.token);
    expect(got.statusCode).toBe(200);
    expect(got.headers['content-type']).toBe('image/png');
    expect(got.headers['x-content-type-options']).toBe('nosniff');
    expect(got.rawPayload.equals(PNG_1PX)).toBe(true);
    expect((await download(url, reviewer.token)).statusCode).toBe(200);
    expect((await download(url, acme.Token)).statusCode).toBe(200);
    expect((await download(url)).statusCode).toBe(401);
    expect((await download(url, colleague.token)).statusCode).toBe(404);
    expect((await download(url, other.Token)).statusCode).toBe(404);

    // Stored in the database, apart from the item row.
    const row = await t.deps.db
      .selectFrom('expense_receipts')
      .select(['file_type', 'size_bytes'])
      .where('expense_item_id', '=', itemId)
      .executeTakeFirst();
    expect(row).toEqual({ file_type: 'image/png', size_bytes: PNG_1PX.length });

    // Lists carry only the URL; SortBy=ReceiptURL puts items with receipts last (ascending).
    const plainItem = await t.call('POST', '/v2/Me/ExpenseItems', { token: owner.token, body: body(s, {}) });
    const list = await t.call('GET', `/v2/Me/ExpenseItems?ExpenseSheetID=${s}&SortBy=ReceiptURL`, {
      token: owner.token,
    });
    expect(list.body.data.map((x: any) => x.ID)).toEqual([plainItem.body.data.ID, itemId]);
    expect(JSON.stringify(list.body)).not.toContain(PNG_1PX.toString('base64'));
    const noReceipt = await download(
      `http://x/v2/ExpenseItems/${plainItem.body.data.ID}/Receipt`,
      owner.token,
    );
    expect(noReceipt.statusCode).toBe(404);
    expect(JSON.parse(noReceipt.body).errors[0].MessageDetail).toEqual(['not_found']);

    // Replace with a PDF (declared with ClickTime's image/pdf alias), then remove it.
    const pdf = await t.call('PATCH', `/v2/Me/ExpenseItems/${itemId}`, {
      token: owner.token,
      body: {
        Receipt: `data:application/pdf;base64,${PDF_MINI.toString('base64')}`,
        ReceiptFileType: 'image/pdf',
      },
    });
    expect(pdf.status).toBe(200);
    const gotPdf = await download(url, owner.token);
    expect(gotPdf.headers['content-type']).toBe('application/pdf');
    expect(gotPdf.rawPayload.equals(PDF_MINI)).toBe(true);
    const removed = await t.call('PATCH', `/v2/Me/ExpenseItems/${itemId}`, {
      token: owner.token,
      body: { Receipt: null },
    });
    expect(removed.body.data.ReceiptURL).toBeNull();
    expect((await download(url, owner.token)).statusCode).toBe(404);

    // Deleting the item deletes its receipt.
    await t.call('PATCH', `/v2/Me/ExpenseItems/${itemId}`, {
      token: owner.token,
      body: { Receipt: JPEG_HEAD.toString('base64'), ReceiptFileType: 'image/jpeg' },
    });
    expect((await download(url, owner.token)).headers['content-type']).toBe('image/jpeg');
    expect((await t.call('DELETE', `/v2/Me/ExpenseItems/${itemId}`, { token: owner.token })).status).toBe(
      200,
    );
    const gone = await t.deps.db
      .selectFrom('expense_receipts')
      .select('expense_item_id')
      .where('expense_item_id', '=', itemId)
      .execute();
    expect(gone).toEqual([]);
  });

  it('refuses bad receipts with a 400 naming the field', async () => {
    const s = await sheet(t, owner.token);
    const cases: [Record<string, unknown>, string][] = [
      [{ Receipt: 'this is not base64!', ReceiptFileType: 'image/png' }, 'Receipt'],
      [{ Receipt: PNG_1PX.toString('base64') }, 'ReceiptFileType'],
      [{ Receipt: PNG_1PX.toString('base64'), ReceiptFileType: 'text/html' }, 'ReceiptFileType'],
      [
        {
          Receipt: Buffer.from('<script>alert(1)</script>').toString('base64'),
          ReceiptFileType: 'image/gif',
        },
        'Receipt',
      ],
      [{ Receipt: PDF_MINI.toString('base64'), ReceiptFileType: 'image/jpeg' }, 'Receipt'],
    ];
    for (const [extra, field] of cases) {
      const res = await t.call('POST', '/v2/Me/ExpenseItems', { token: owner.token, body: body(s, extra) });
      expect(res.status, JSON.stringify(extra).slice(0, 80)).toBe(400);
      expect(res.body.errors.map((e: any) => e.Field)).toContain(field);
    }
    const batch = await t.call('POST', '/v2/Me/ExpenseItems', {
      token: owner.token,
      body: [body(s, {}), body(s, { Receipt: '@@@', ReceiptFileType: 'image/png' })],
    });
    expect(batch.status).toBe(400);
    expect(batch.body.errors[0].Field).toBe('[1].Receipt');
  });

  it('answers 413 for a receipt over 8 MiB once decoded, and for a body over the JSON limit', async () => {
    const s = await sheet(t, owner.token);
    const big = Buffer.alloc(8 * MiB + 1, 0);
    PNG_1PX.copy(big);
    const res = await t.call('POST', '/v2/Me/ExpenseItems', {
      token: owner.token,
      body: body(s, { Receipt: big.toString('base64'), ReceiptFileType: 'image/png' }),
    });
    expect(res.status).toBe(413);
    expect(res.body.errors[0]).toMatchObject({ Field: 'Receipt', MessageDetail: ['payload_too_large'] });
    const justUnder = Buffer.alloc(8 * MiB, 0);
    PNG_1PX.copy(justUnder);
    const ok = await t.call('POST', '/v2/Me/ExpenseItems', {
      token: owner.token,
      body: body(s, { Receipt: justUnder.toString('base64'), ReceiptFileType: 'image/png' }),
    });
    expect(ok.status).toBe(201);
    const got = await download(ok.body.data.ReceiptURL, owner.token);
    expect(got.rawPayload.length).toBe(8 * MiB);

    const tooBig = await t.call('POST', '/v2/Me/ExpenseItems', {
      token: owner.token,
      body: body(s, { Receipt: 'A'.repeat(17 * MiB), ReceiptFileType: 'image/png' }),
    });
    expect(tooBig.status).toBe(413);
  });
});

describe.each(dialects)('Expense receipts under the default JSON limit on %s', (dialect) => {
  it('answers 413 for a body over 10 MiB', async () => {
    const t = await createTestApp(dialect);
    try {
      const c = await t.company();
      const res = await t.call('POST', '/v2/Me/ExpenseItems', {
        token: c.Token,
        body: {
          ExpenseSheetID: 'x',
          ExpenseDate: '2026-03-01',
          Amount: 1,
          Receipt: 'A'.repeat(10 * MiB + 10),
          ReceiptFileType: 'image/png',
        },
      });
      expect(res.status).toBe(413);
      expect(res.body.errors[0].MessageDetail).toEqual(['payload_too_large']);
    } finally {
      await t.close();
    }
  });
});
