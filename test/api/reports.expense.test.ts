/**
 * /Reports/Expense and its exports on both databases, compared with the items as the expenses API
 * returned them (amounts summed as exact cents here).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../support/app.js';
import { testDialects } from '../support/db.js';
import { manager } from '../support/people.js';
import { item, person, seededTypes, sheet, type Person, type SeededTypes } from './expenses.fixtures.js';
import { csvObjects, xlsxObjects } from './reports.fixtures.js';
import { makeClient, makeJob } from './time-entries-fixtures.js';
import { expenseChunk } from '../../src/server/modules/reports/expense-report.store.js';

const dialects = await testDialects();

const cents = (v: number) => {
  const negative = v < 0;
  const [w = '0', f = ''] = String(Math.abs(v)).split('.');
  const c = BigInt(w) * 100n + BigInt((f + '00').slice(0, 2));
  return negative ? -c : c;
};
const money = (c: bigint) => Number(c) / 100;

interface Item {
  ID: string;
  ExpenseSheetID: string;
  ExpenseDate: string;
  ExpenseTypeID: string;
  PaymentTypeID: string;
  Amount: number;
  Rate: number | null;
  Quantity: number | null;
  Billable: boolean;
  Reimbursable: boolean;
  JobID: string | null;
  Description: string;
  Comment: string;
  AmountForeign: number | null;
  AmountForeignCurrency: string | null;
  AmountForeignExchangeRate: number | null;
  user: string;
  status?: string;
}

describe.each(dialects)('expense report on %s', (dialect) => {
  let t: TestApp;
  let admin: string;
  let types: SeededTypes;
  let alice: Person;
  let bob: Person;
  let jobId: string;
  let clientId: string;
  let items: Item[] = [];
  const sheets = new Map<string, { status: string; title: string; user: string }>();
  let otherToken: string;
  let otherItem: string;

  const get = (url: string, token = admin) => t.call('GET', url, { token });

  beforeAll(async () => {
    t = await createTestApp(dialect);
    const c = await t.company('Expense Reports');
    admin = c.Token;
    types = await seededTypes(t, admin);
    clientId = await makeClient(t, admin, { Name: 'Globex' });
    jobId = await makeJob(t, admin, clientId, { Name: 'Trip' });
    alice = await person(t, admin, { Name: 'Alice Archer' });
    bob = await person(t, admin, { Name: 'Bob Baker' });

    const add = async (p: Person, s: string, body: Record<string, unknown>) => {
      const data = await item(t, p.token, { ExpenseSheetID: s, ...body });
      items.push({ ...(data as unknown as Item), user: p.id });
    };
    const s1 = await sheet(t, alice.token, { Title: 'Conference, "Berlin"', EnableForeignCurrency: true });
    await add(alice, s1, {
      ExpenseTypeID: types.meals,
      PaymentTypeID: types.cash,
      Amount: 0.1,
      Description: '=cmd|calc',
      JobID: jobId,
      Billable: true,
    });
    await add(alice, s1, {
      ExpenseTypeID: types.mileage,
      PaymentTypeID: types.personalCard,
      Quantity: 12.345,
      ExpenseDate: '2026-03-05',
    });
    await add(alice, s1, {
      ExpenseTypeID: types.lodging,
      PaymentTypeID: types.companyCard,
      Amount: 1,
      AmountForeign: 100.01,
      AmountForeignCurrency: 'EUR',
      AmountForeignExchangeRate: 1.0851,
      ExpenseDate: '2026-03-06',
      Comment: 'line one\nline two',
    });
    const s2 = await sheet(t, bob.token, { Title: 'Client visit' });
    await add(bob, s2, {
      ExpenseTypeID: types.airfare,
      PaymentTypeID: types.cash,
      Amount: 199.99,
      JobID: jobId,
      Billable: true,
      ExpenseDate: '2026-02-27',
    });
    await add(bob, s2, {
      ExpenseTypeID: types.meals,
      PaymentTypeID: types.cash,
      Amount: -5.25,
      ExpenseDate: '2026-02-28',
    });
    // Bob is not subject to approval: the Admin settles his sheet.
    const paid = await t.call('POST', `/v2/ExpenseSheets/${s2}/Actions`, {
      token: admin,
      body: { Action: 'MarkPaid', Check: '1001' },
    });
    expect(paid.status, JSON.stringify(paid.body)).toBe(200);
    for (const [id, user] of [
      [s1, alice.id],
      [s2, bob.id],
    ] as const) {
      const s = (await get(`/v2/ExpenseSheets/${id}`)).body.data;
      sheets.set(id, { status: s.Status, title: s.Title, user });
    }
    items = items.map((i) => ({ ...i, status: sheets.get(i.ExpenseSheetID)!.status }));

    const o = await t.company('Other');
    const otherTypes = await seededTypes(t, o.Token);
    const os = await sheet(t, o.Token, { Title: 'Theirs' });
    otherItem = (
      await item(t, o.Token, {
        ExpenseSheetID: os,
        ExpenseTypeID: otherTypes.meals,
        PaymentTypeID: otherTypes.cash,
        Amount: 7,
      })
    ).ID;
    otherToken = o.Token;
  });

  afterAll(async () => {
    await t.close();
  });

  const byIdDesc = (a: Item, b: Item) => (a.ID < b.ID ? 1 : a.ID > b.ID ? -1 : 0);
  const totalsOf = (subset: Item[]) => {
    let amount = 0n;
    let billable = 0n;
    let mileage = 0n;
    let reimbursable = 0n;
    for (const i of subset) {
      amount += cents(i.Amount);
      if (i.Billable) billable += cents(i.Amount);
      if (i.ExpenseTypeID === types.mileage) mileage += cents(i.Amount);
      if (i.Reimbursable) reimbursable += cents(i.Amount);
    }
    return {
      Count: subset.length,
      ItemAmount: money(amount),
      BillableAmount: money(billable),
      MileageAmount: money(mileage),
      ReimbursableAmount: money(reimbursable),
    };
  };

  it('lists every item by ID desc with exact totals', async () => {
    const res = await get('/v2/Reports/Expense');
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    const expected = [...items].sort(byIdDesc);
    expect(res.body.data.map((r: { ID: string }) => r.ID)).toEqual(expected.map((i) => i.ID));
    expect(res.body.meta.Totals).toEqual(totalsOf(items));
    for (const [n, r] of (res.body.data as Record<string, unknown>[]).entries()) {
      const i = expected[n]!;
      const mileage = i.ExpenseTypeID === types.mileage;
      expect(r).toMatchObject({
        ExpenseDate: i.ExpenseDate,
        ExpenseSheetID: i.ExpenseSheetID,
        ExpenseSheetStatus: i.status,
        ExpenseTypeID: i.ExpenseTypeID,
        PaymentTypeID: i.PaymentTypeID,
        UserID: i.user,
        JobID: i.JobID,
        ClientID: i.JobID ? clientId : null,
        ItemAmount: i.Amount,
        BillableAmount: i.Billable ? i.Amount : 0,
        MileageAmount: mileage ? i.Amount : 0,
        MileageRate: mileage ? i.Rate : null,
        ItemBillable: i.Billable ? 'Yes' : 'No',
        Reimbursable: i.Reimbursable,
        Paid: i.status === 'paid' ? 'Yes' : 'No',
        CheckNumber: i.status === 'paid' ? '1001' : null,
        HasReceipt: false,
        ReceiptImageURL: null,
        ExpenseItemAmountCurrency: 'USD',
        ExpenseItemDescription: i.Description,
        ExpenseItemNotes: i.Comment,
        ExpenseItemHasForeignCurrency: i.AmountForeignCurrency !== null,
        ItemForeignAmount: i.AmountForeign,
        ItemForeignCurrency: i.AmountForeignCurrency,
        ForeignCurrencyExchangeRate: i.AmountForeignExchangeRate,
      });
      expect(r).not.toHaveProperty('FullName');
    }
    const mileage = items.find((i) => i.ExpenseTypeID === types.mileage)!;
    // Rate × Quantity, rounded once to the cent, as the report shows it.
    const product = BigInt(Math.round(mileage.Rate! * 1e4)) * BigInt(Math.round(mileage.Quantity! * 1e4));
    expect(mileage.Amount).toBe(Number((product + 500_000n) / 1_000_000n) / 100);
    expect(res.body.data.some((r: { ID: string }) => r.ID === otherItem)).toBe(false);
  });

  it('applies every filter', async () => {
    const ids = async (qs: string) => {
      const res = await get(`/v2/Reports/Expense?${qs}`);
      expect(res.status, JSON.stringify(res.body)).toBe(200);
      return (res.body.data as { ID: string }[]).map((r) => r.ID).sort();
    };
    const want = (f: (i: Item) => boolean) =>
      items
        .filter(f)
        .map((i) => i.ID)
        .sort();
    expect(await ids(`UserID=${bob.id}`)).toEqual(want((i) => i.user === bob.id));
    expect(await ids(`JobID=${jobId}`)).toEqual(want((i) => i.JobID === jobId));
    expect(await ids(`ID=${items[0]!.ID},${items[3]!.ID}`)).toEqual(
      want((i) => i === items[0] || i === items[3]),
    );
    expect(await ids('StartDate=2026-03-01&EndDate=2026-03-05')).toEqual(
      want((i) => i.ExpenseDate >= '2026-03-01' && i.ExpenseDate <= '2026-03-05'),
    );
    expect(await ids('ExpenseSheetStatus=paid')).toEqual(want((i) => i.status === 'paid'));
    expect(await ids('ExpenseSheetStatus=open,paid')).toEqual(want(() => true));
    expect(await ids('LabelID=x')).toEqual([]);
    expect(await ids(`ID=${otherItem}`)).toEqual([]);
    const bad = await get('/v2/Reports/Expense?ExpenseSheetStatus=lost&EndDate=soon');
    expect(bad.status).toBe(400);
    expect(bad.body.errors.map((e: { Field: string }) => e.Field).sort()).toEqual([
      'EndDate',
      'ExpenseSheetStatus',
    ]);
  });

  it('pages by ID desc', async () => {
    const seen: string[] = [];
    for (let offset = 0; offset < items.length; offset += 2) {
      const res = await get(`/v2/Reports/Expense?limit=2&offset=${offset}`);
      expect(res.body.page.count).toBe(items.length);
      seen.push(...res.body.data.map((r: { ID: string }) => r.ID));
    }
    expect(seen).toEqual([...items].sort(byIdDesc).map((i) => i.ID));
  });

  it('adds the related names with Verbose=true', async () => {
    const res = await get(`/v2/Reports/Expense?Verbose=true&JobID=${jobId}&UserID=${alice.id}`);
    expect(res.body.data).toHaveLength(1);
    expect(res.body.data[0]).toMatchObject({
      FullName: 'Alice Archer',
      Email: alice.email,
      UserActive: 'Yes',
      ExpenseType: 'Meals',
      ExpenseTypeType: 'Amount',
      PaymentType: 'Cash',
      JobName: 'Trip',
      JobActive: 1,
      ClientName: 'Globex',
      ClientActive: 1,
      ExpenseSheetName: 'Conference, "Berlin"',
      ExpenseSheetForeignCurrencyEnabled: true,
      CurrentExpenseSheetApprovalStatus: 'open',
      DivisionID: null,
      DivisionName: null,
    });
  });

  it('is for Admins and Run Company Reports (all jobs), with the Expenses module on', async () => {
    expect((await get('/v2/Reports/Expense', alice.token)).status).toBe(403);
    const m = await manager(t, admin, { 'Run Company Reports': 'All' });
    expect((await get('/v2/Reports/Expense', m.token)).body.page.count).toBe(items.length);
    const d = await manager(t, admin, { 'Run Company Reports': 'Divisions' });
    expect((await get('/v2/Reports/Expense.csv', d.token)).status).toBe(403);
    const theirs = await get('/v2/Reports/Expense', otherToken);
    expect(theirs.body.data.map((r: { ID: string }) => r.ID)).toEqual([otherItem]);
    const off = await t.call('PATCH', '/v2/Company', {
      token: otherToken,
      body: { OptionalModules: { Expenses: false } },
    });
    expect(off.status).toBe(200);
    const refused = await get('/v2/Reports/Expense', otherToken);
    expect(refused.status).toBe(403);
    expect(refused.body.errors[0].MessageDetail).toEqual(['module_disabled']);
    expect((await get('/v2/Reports/Expense.xlsx', otherToken)).status).toBe(403);
  });

  it('walks the items in keyset chunks (ID desc) without losing or repeating one', async () => {
    const companyId = (await get('/v2/Company')).body.data.ID as string;
    for (const size of [1, 2, 4]) {
      const seen: string[] = [];
      let after: string | null = null;
      for (;;) {
        const chunk = await expenseChunk(t.deps.db, companyId, {}, after, size);
        seen.push(...chunk.map((r) => r.id));
        if (chunk.length < size) break;
        after = chunk[chunk.length - 1]!.id;
      }
      expect(seen).toEqual([...items].sort(byIdDesc).map((i) => i.ID));
    }
  });

  it('exports CSV and XLSX with the same rows and amounts', async () => {
    const csv = await t.app.inject({
      method: 'GET',
      url: '/v2/Reports/Expense.csv',
      headers: { authorization: `Token ${admin}` },
    });
    expect(csv.statusCode).toBe(200);
    expect(csv.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(csv.headers['content-disposition']).toBe('attachment; filename="expense-report.csv"');
    const rows = csvObjects(csv.body);
    const expected = [...items].sort(byIdDesc);
    expect(rows.map((r) => r.ID)).toEqual(expected.map((i) => i.ID));
    for (const [n, r] of rows.entries()) {
      const i = expected[n]!;
      expect(r.ItemAmount).toBe(i.Amount.toFixed(2));
      expect(r.FullName).toBe(i.user === alice.id ? 'Alice Archer' : 'Bob Baker');
      expect(r.ExpenseItemDescription).toBe(
        i.Description.startsWith('=') ? `'${i.Description}` : i.Description,
      );
      expect(r.ExpenseItemNotes).toBe(i.Comment);
      expect(r.ExpenseSheetName).toBe(sheets.get(i.ExpenseSheetID)!.title);
    }
    expect(money(rows.reduce((s, r) => s + cents(Number(r.ItemAmount)), 0n))).toBe(
      totalsOf(items).ItemAmount,
    );

    const xlsx = await t.app.inject({
      method: 'GET',
      url: `/v2/Reports/Expense.xlsx?UserID=${alice.id}`,
      headers: { authorization: `Token ${admin}` },
    });
    expect(xlsx.statusCode).toBe(200);
    const book = xlsxObjects(xlsx.rawPayload);
    const mine = expected.filter((i) => i.user === alice.id);
    expect(book.map((r) => r.ID)).toEqual(mine.map((i) => i.ID));
    expect(book.map((r) => r.ItemAmount)).toEqual(mine.map((i) => i.Amount));
    expect(book.map((r) => r.ExpenseItemDescription)).toEqual(mine.map((i) => i.Description));
  });
});
