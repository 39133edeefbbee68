/**
 * Expense sheets and items over the wire on SQLite and PostgreSQL: CRUD in every scope, batch, totals
 * to the cent, foreign amounts, mileage at the type's rate, types and currencies, filters and SortBy,
 * forbidden paths and other companies' IDs.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../support/app.js';
import { testDialects } from '../support/db.js';
import {
  getSheet,
  item,
  person,
  seededTypes,
  sheet,
  sumCents,
  type Person,
  type SeededTypes,
} from './expenses.fixtures.js';

const dialects = await testDialects();

describe.each(dialects)('Expense sheets and items on %s', (dialect) => {
  let t: TestApp;
  let acme: Awaited<ReturnType<TestApp['company']>>;
  let other: Awaited<ReturnType<TestApp['company']>>;
  let types: SeededTypes;
  let alice: Person; // standard
  let bob: Person; // standard
  let reviewer: Person; // manager with Review Expenses (All)
  let overrider: Person; // manager with Override Expenses (All)

  beforeAll(async () => {
    t = await createTestApp(dialect);
    acme = await t.company('Acme');
    other = await t.company('Other');
    types = await seededTypes(t, acme.Token);
    alice = await person(t, acme.Token, { Name: 'Alice Able' });
    bob = await person(t, acme.Token, { Name: 'Bob Baker' });
    reviewer = await person(t, acme.Token, {
      Name: 'Rita Reviewer',
      SecurityLevel: 'MANAGER',
      permissions: [{ Name: 'Review Expenses', AccessLevel: 'All' }],
    });
    overrider = await person(t, acme.Token, {
      Name: 'Olga Override',
      SecurityLevel: 'MANAGER',
      permissions: [
        { Name: 'Override Expenses', AccessLevel: 'All' },
        { Name: 'Review Expenses', AccessLevel: 'All' },
      ],
    });
  });
  afterAll(() => t.close());

  /** Every item of a sheet, as the owner sees them. */
  async function itemsOf(token: string, sheetId: string) {
    const res = await t.call('GET', `/v2/Me/ExpenseItems?ExpenseSheetID=${sheetId}&limit=1000`, { token });
    expect(res.status).toBe(200);
    return res.body.data as Record<string, any>[];
  }

  async function expectTotalsMatch(token: string, sheetId: string) {
    const items = await itemsOf(token, sheetId);
    const s = await getSheet(t, token, sheetId);
    expect(s.TotalAmount).toBe(sumCents(items.map((i) => i.Amount)));
    expect(s.ReimbursableAmount).toBe(sumCents(items.filter((i) => i.Reimbursable).map((i) => i.Amount)));
    expect(s.ExpenseItemCount).toBe(items.length);
    return s;
  }

  describe('types and currencies', () => {
    it('seeds a new company with expense types, one of them mileage at the default rate, and payment types', async () => {
      const res = await t.call('GET', '/v2/ExpenseTypes', { token: alice.token });
      expect(res.status).toBe(200);
      const names = res.body.data.map((x: any) => x.Name);
      expect(names).toEqual([...names].sort());
      const mileage = res.body.data.filter((x: any) => x.Type === 'Mileage');
      expect(mileage).toHaveLength(1);
      expect(mileage[0]).toMatchObject({ Name: 'Mileage', Rate: 0.7, IsActive: true });
      expect(res.body.data.find((x: any) => x.Name === 'Meals')).toMatchObject({
        Type: 'Amount',
        Rate: null,
      });
      // A standard user does not see Description/AccountingPackageID (CATALOGUE who: tags).
      expect(res.body.data[0].Description).toBeUndefined();
      const admin = await t.call('GET', `/v2/ExpenseTypes/${types.mileage}`, { token: acme.Token });
      expect(admin.body.data).toMatchObject({ ID: types.mileage, Description: '', AccountingPackageID: '' });

      const pay = await t.call('GET', '/v2/PaymentTypes?Reimbursable=false', { token: alice.token });
      expect(pay.body.data.map((x: any) => x.Name)).toEqual(['Company Card']);
      const all = await t.call('GET', '/v2/PaymentTypes', { token: alice.token });
      expect(all.body.data.map((x: any) => [x.Name, x.Reimbursable])).toEqual([
        ['Cash', true],
        ['Company Card', false],
        ['Personal Card', true],
      ]);
      const tpl = await t.call('GET', '/v2/PaymentTypes/new', { token: alice.token });
      expect(tpl.body.data).toMatchObject({ ID: '', Name: '', IsActive: true, Reimbursable: true });
      expect((await t.call('GET', '/v2/ExpenseTypes?IsActive=maybe', { token: alice.token })).status).toBe(
        400,
      );
      expect((await t.call('GET', `/v2/ExpenseTypes/${types.mileage}`, { token: other.Token })).status).toBe(
        404,
      );
    });

    it('lets Admins create and change types (an extension) and nobody else', async () => {
      const denied = await t.call('POST', '/v2/ExpenseTypes', { token: alice.token, body: { Name: 'Tips' } });
      expect(denied.status).toBe(403);
      const bad = await t.call('POST', '/v2/ExpenseTypes', {
        token: acme.Token,
        body: [{ Name: 'Bike', Type: 'Mileage' }, { Name: 'Per diem', Rate: 3 }, { Name: ' ' }],
      });
      expect(bad.status).toBe(400);
      expect(bad.body.errors.map((e: any) => e.Field).sort()).toEqual(['[0].Rate', '[1].Rate', '[2].Name']);
      const ok = await t.call('POST', '/v2/ExpenseTypes', {
        token: acme.Token,
        body: { Name: 'Bicycle', Type: 'mileage', Rate: '0.655', Description: 'Pedal power' },
      });
      expect(ok.status).toBe(201);
      expect(ok.body.data).toMatchObject({
        Name: 'Bicycle',
        Type: 'Mileage',
        Rate: 0.655,
        Description: 'Pedal power',
      });
      const patched = await t.call('PATCH', `/v2/ExpenseTypes/${ok.body.data.ID}`, {
        token: acme.Token,
        body: { Rate: 0.5, IsActive: false },
      });
      expect(patched.body.data).toMatchObject({ Rate: 0.5, IsActive: false });
      expect(
        (
          await t.call('PATCH', `/v2/ExpenseTypes/${ok.body.data.ID}`, {
            token: acme.Token,
            body: { Rate: 0 },
          })
        ).status,
      ).toBe(400);
      const pt = await t.call('POST', '/v2/PaymentTypes', {
        token: acme.Token,
        body: { Name: 'Voucher', Reimbursable: false },
      });
      expect(pt.status).toBe(201);
      expect(
        (
          await t.call('PATCH', `/v2/PaymentTypes/${pt.body.data.ID}`, {
            token: bob.token,
            body: { Name: 'x' },
          })
        ).status,
      ).toBe(403);
      expect(
        (
          await t.call('PATCH', `/v2/PaymentTypes/${pt.body.data.ID}`, {
            token: other.Token,
            body: { Name: 'x' },
          })
        ).status,
      ).toBe(404);

      const doc = await t.call('GET', '/v2/openapi.json');
      const paths = doc.body.paths as Record<string, Record<string, any>>;
      const find = (p: string) =>
        Object.entries(paths).find(([k]) => k.toLowerCase() === p.toLowerCase())?.[1];
      expect(find('/v2/ExpenseTypes')?.post['x-extension']).toBe(true);
      expect(find('/v2/ExpenseTypes')?.get['x-extension']).toBeUndefined();
      expect(find('/v2/ExpenseTypes/{expenseTypeID}/ReapplyRate')?.post['x-extension']).toBe(true);
      expect(find('/v2/PaymentTypes/{paymentTypeID}')?.patch['x-extension']).toBe(true);
      expect(find('/v2/ExpenseItems/{expenseItemID}/Receipt')?.get['x-extension']).toBe(true);
    });

    it('lists ISO-4217 currencies with symbols, by name, in /Currencies and /Me/Currencies', async () => {
      const res = await t.call('GET', '/v2/Me/Currencies?CurrencyISO=usd,JPY&CurrencyISO=eur', {
        token: alice.token,
      });
      expect(res.status).toBe(200);
      expect(res.body.data).toEqual([
        { Currency: 'Euro', CurrencyISO: 'EUR', CurrencySymbol: '€', Rate: null },
        { Currency: 'US Dollar', CurrencyISO: 'USD', CurrencySymbol: '$', Rate: 1 },
        { Currency: 'Yen', CurrencyISO: 'JPY', CurrencySymbol: '¥', Rate: null },
      ]);
      expect(res.body.page.count).toBe(3);
      const one = await t.call('GET', '/v2/Currencies/gbp', { token: alice.token });
      expect(one.body.data).toMatchObject({ CurrencyISO: 'GBP', CurrencySymbol: '£' });
      expect((await t.call('GET', '/v2/Currencies/XYZ', { token: alice.token })).status).toBe(404);
      const page = await t.call('GET', '/v2/Currencies?limit=5&offset=5', { token: alice.token });
      expect(page.body.data).toHaveLength(5);
      expect(page.body.page.count).toBeGreaterThan(100);
    });
  });

  describe('sheets', () => {
    it('creates, reads, changes and deletes own sheets through /Me', async () => {
      const missing = await t.call('POST', '/v2/Me/ExpenseSheets', {
        token: alice.token,
        body: { Description: 'x' },
      });
      expect(missing.status).toBe(400);
      expect(missing.body.errors.map((e: any) => e.Field).sort()).toEqual(['ExpenseSheetDate', 'Title']);
      const badDate = await t.call('POST', '/v2/Me/ExpenseSheets', {
        token: alice.token,
        body: { Title: 'x', ExpenseSheetDate: '2026-02-30' },
      });
      expect(badDate.status).toBe(400);

      const created = await t.call('POST', '/v2/Me/ExpenseSheets', {
        token: alice.token,
        body: { Title: 'Berlin', ExpenseSheetDate: '2026-04-01', TrackingID: 'T-1', UserID: bob.id },
      });
      expect(created.status).toBe(201);
      const s = created.body.data;
      expect(s).toMatchObject({
        Title: 'Berlin',
        ExpenseSheetDate: '2026-04-01',
        TrackingID: 'T-1',
        Status: 'open',
        Paid: false,
        TotalAmount: 0,
        ReimbursableAmount: 0,
        EnableForeignCurrency: false,
      });
      expect(s.UserID).toBeUndefined(); // the /Me model has no UserID, and UserID in the body is ignored
      const asRoot = await t.call('GET', `/v2/ExpenseSheets/${s.ID}`, { token: acme.Token });
      expect(asRoot.body.data.UserID).toBe(alice.id);

      const patched = await t.call('PATCH', `/v2/Me/ExpenseSheets/${s.ID}`, {
        token: alice.token,
        body: { Title: 'Berlin trip', Description: null },
      });
      expect(patched.status).toBe(200);
      expect(patched.body.data).toMatchObject({ Title: 'Berlin trip', Description: '' });
      expect(
        (await t.call('PATCH', `/v2/Me/ExpenseSheets/${s.ID}`, { token: alice.token, body: { Title: '' } }))
          .status,
      ).toBe(400);
      expect((await t.call('GET', `/v2/Me/ExpenseSheets/${s.ID}`, { token: bob.token })).status).toBe(404);
      expect(
        (await t.call('PATCH', `/v2/Me/ExpenseSheets/${s.ID}`, { token: bob.token, body: { Title: 'mine' } }))
          .status,
      ).toBe(404);
      expect((await t.call('DELETE', `/v2/Me/ExpenseSheets/${s.ID}`, { token: bob.token })).status).toBe(404);
      const del = await t.call('DELETE', `/v2/Me/ExpenseSheets/${s.ID}`, { token: alice.token });
      expect(del.status).toBe(200);
      expect(del.body.data).toBeNull();
      expect((await t.call('GET', `/v2/Me/ExpenseSheets/${s.ID}`, { token: alice.token })).status).toBe(404);
    });

    it('creates a batch atomically: all or none', async () => {
      const before = await t.call('GET', '/v2/Me/ExpenseSheets', { token: bob.token });
      const bad = await t.call('POST', '/v2/Me/ExpenseSheets', {
        token: bob.token,
        body: [
          { Title: 'One', ExpenseSheetDate: '2026-01-05' },
          { Title: '   ', ExpenseSheetDate: '2026-01-06' },
          { ExpenseSheetDate: 'soon' },
        ],
      });
      expect(bad.status).toBe(400);
      expect(bad.body.errors.map((e: any) => e.Field).sort()).toEqual(['[2].ExpenseSheetDate', '[2].Title']);
      const bad2 = await t.call('POST', '/v2/Me/ExpenseSheets', {
        token: bob.token,
        body: [
          { Title: 'One', ExpenseSheetDate: '2026-01-05' },
          { Title: '   ', ExpenseSheetDate: '2026-01-06' },
        ],
      });
      expect(bad2.body.errors.map((e: any) => e.Field)).toEqual(['[1].Title']);
      const after = await t.call('GET', '/v2/Me/ExpenseSheets', { token: bob.token });
      expect(after.body.page.count).toBe(before.body.page.count);
      const good = await t.call('POST', '/v2/Me/ExpenseSheets', {
        token: bob.token,
        body: [
          { Title: 'One', ExpenseSheetDate: '2026-01-05' },
          { Title: 'Two', ExpenseSheetDate: '2026-01-06' },
        ],
      });
      expect(good.status).toBe(201);
      expect(good.body.data.map((x: any) => x.Title)).toEqual(['One', 'Two']);
    });

    it('serves the /ExpenseSheets/new template without storing anything', async () => {
      const res = await t.call('GET', '/v2/ExpenseSheets/new', { token: alice.token });
      expect(res.status).toBe(200);
      expect(res.body.data).toMatchObject({
        ID: '',
        UserID: alice.id,
        Status: 'open',
        TotalAmount: 0,
        Title: '',
      });
      expect(res.body.data.ExpenseSheetDate).toMatch(/^\d{4}-\d\d-\d\d$/);
    });

    it('keeps root and /Manage to those with the permissions, and other companies out', async () => {
      const s = await sheet(t, alice.token, { Title: 'Scoped' });
      expect((await t.call('GET', '/v2/ExpenseSheets', { token: alice.token })).status).toBe(403);
      expect((await t.call('GET', `/v2/ExpenseSheets/${s}`, { token: alice.token })).status).toBe(403);
      expect((await t.call('GET', '/v2/Manage/ExpenseSheets', { token: alice.token })).status).toBe(403);
      expect(
        (
          await t.call('POST', '/v2/ExpenseSheets', {
            token: reviewer.token,
            body: { Title: 'x', ExpenseSheetDate: '2026-01-01' },
          })
        ).status,
      ).toBe(403);
      expect(
        (await t.call('PATCH', `/v2/ExpenseSheets/${s}`, { token: reviewer.token, body: { Title: 'x' } }))
          .status,
      ).toBe(403);
      expect((await t.call('DELETE', `/v2/ExpenseSheets/${s}`, { token: reviewer.token })).status).toBe(403);
      const seen = await t.call('GET', `/v2/ExpenseSheets/${s}?Verbose=true`, { token: reviewer.token });
      expect(seen.status).toBe(200);
      expect(seen.body.data.User).toMatchObject({ ID: alice.id, Name: 'Alice Able' });
      expect((await t.call('GET', `/v2/ExpenseSheets/${s}`, { token: other.Token })).status).toBe(404);
      expect((await t.call('GET', `/v2/Me/ExpenseSheets/${s}`, { token: other.Token })).status).toBe(404);
      expect(
        (await t.call('PATCH', `/v2/ExpenseSheets/${s}`, { token: other.Token, body: { Title: 'x' } }))
          .status,
      ).toBe(404);
      expect((await t.call('DELETE', `/v2/ExpenseSheets/${s}`, { token: other.Token })).status).toBe(404);

      // An overrider creates a sheet for Alice; an unknown or foreign owner is a 400 naming UserID.
      const forAlice = await t.call('POST', '/v2/ExpenseSheets', {
        token: overrider.token,
        body: { Title: 'On behalf', ExpenseSheetDate: '2026-02-01', UserID: alice.id },
      });
      expect(forAlice.status).toBe(201);
      expect(forAlice.body.data.UserID).toBe(alice.id);
      const foreign = await t.call('POST', '/v2/ExpenseSheets', {
        token: acme.Token,
        body: { Title: 'x', ExpenseSheetDate: '2026-02-01', UserID: other.UserID },
      });
      expect(foreign.status).toBe(400);
      expect(foreign.body.errors[0].Field).toBe('UserID');
      // /Manage create needs Approve and Override.
      expect(
        (
          await t.call('POST', '/v2/Manage/ExpenseSheets', {
            token: overrider.token,
            body: { Title: 'x', ExpenseSheetDate: '2026-02-01', UserID: alice.id },
          })
        ).status,
      ).toBe(403);
    });

    it('limits a Divisions-scoped reviewer to the people of those divisions (and approvees)', async () => {
      const div = await t.call('POST', '/v2/Divisions', {
        token: acme.Token,
        body: { Name: `East ${dialect}` },
      });
      expect(div.status).toBe(201);
      const east = await person(t, acme.Token, { Name: 'Eve East', DivisionID: div.body.data.ID });
      const scoped = await person(t, acme.Token, {
        Name: 'Sam Scoped',
        SecurityLevel: 'MANAGER',
        permissions: [{ Name: 'Review Expenses', AccessLevel: 'Divisions' }],
      });
      expect(
        (
          await t.call('PUT', `/v2/Users/${scoped.id}/Permissions/Divisions`, {
            token: acme.Token,
            body: [div.body.data.ID],
          })
        ).status,
      ).toBe(200);
      const inEast = await sheet(t, east.token, { Title: 'East sheet' });
      const outside = await sheet(t, alice.token, { Title: 'West sheet' });
      const list = await t.call('GET', '/v2/ExpenseSheets?limit=1000', { token: scoped.token });
      expect(list.status).toBe(200);
      expect(list.body.data.map((x: any) => x.ID)).toEqual([inEast]);
      expect((await t.call('GET', `/v2/ExpenseSheets/${outside}`, { token: scoped.token })).status).toBe(404);
      const byDivision = await t.call('GET', `/v2/ExpenseSheets?DivisionID=${div.body.data.ID}`, {
        token: acme.Token,
      });
      expect(byDivision.body.data.map((x: any) => x.ID)).toEqual([inEast]);
    });

    it('keeps people with expense sheets from being deleted (409), like any referenced master data', async () => {
      const gone = await person(t, acme.Token, { Name: 'Gus Gone' });
      await sheet(t, gone.token);
      const res = await t.call('DELETE', `/v2/Users/${gone.id}`, { token: acme.Token });
      expect(res.status).toBe(409);
    });

    it('refuses everything with 403 while the Expenses module is off', async () => {
      const c = await t.company('No expenses');
      const off = await t.call('PATCH', '/v2/Company', {
        token: c.Token,
        body: { OptionalModules: { Expenses: false } },
      });
      expect(off.status).toBe(200);
      for (const path of [
        '/v2/Me/ExpenseSheets',
        '/v2/ExpenseItems',
        '/v2/ExpenseTypes',
        '/v2/PaymentTypes',
        '/v2/Currencies',
        '/v2/ExpenseSheets/new',
      ]) {
        const res = await t.call('GET', path, { token: c.Token });
        expect(res.status, path).toBe(403);
        expect(res.body.errors[0].MessageDetail).toEqual(['module_disabled']);
      }
    });
  });

  describe('items and totals', () => {
    it('stores ordinary items exactly and keeps the sheet totals equal to their sums', async () => {
      const s = await sheet(t, alice.token, { Title: 'Totals' });
      await item(t, alice.token, {
        ExpenseSheetID: s,
        ExpenseTypeID: types.meals,
        PaymentTypeID: types.cash,
        Amount: 0.1,
      });
      await item(t, alice.token, {
        ExpenseSheetID: s,
        ExpenseTypeID: types.meals,
        PaymentTypeID: types.cash,
        Amount: '0.2',
      });
      const card = await item(t, alice.token, {
        ExpenseSheetID: s,
        ExpenseTypeID: types.lodging,
        PaymentTypeID: types.companyCard,
        Amount: 199.99,
      });
      expect(card).toMatchObject({
        Amount: 199.99,
        Reimbursable: false,
        Currency: 'USD',
        HasForeignCurrency: false,
        Quantity: null,
        Rate: null,
      });
      expect(card.UserID).toBeUndefined(); // /Me POST answers the /Me model
      let s1 = await expectTotalsMatch(alice.token, s);
      expect(s1).toMatchObject({ TotalAmount: 200.29, ReimbursableAmount: 0.3, ExpenseItemCount: 3 });

      const changed = await t.call('PATCH', `/v2/Me/ExpenseItems/${card.ID}`, {
        token: alice.token,
        body: { PaymentTypeID: types.personalCard, Amount: 150 },
      });
      expect(changed.status).toBe(200);
      expect(changed.body.data).toMatchObject({ Amount: 150, Reimbursable: true });
      s1 = await expectTotalsMatch(alice.token, s);
      expect(s1).toMatchObject({ TotalAmount: 150.3, ReimbursableAmount: 150.3 });

      // Moving an item to another of her sheets moves its amount between totals.
      const s2 = await sheet(t, alice.token, { Title: 'Second' });
      const moved = await t.call('PATCH', `/v2/Me/ExpenseItems/${card.ID}`, {
        token: alice.token,
        body: { ExpenseSheetID: s2 },
      });
      expect(moved.status).toBe(200);
      expect((await expectTotalsMatch(alice.token, s)).TotalAmount).toBe(0.3);
      expect((await expectTotalsMatch(alice.token, s2)).TotalAmount).toBe(150);
      const bobs = await sheet(t, bob.token);
      const stolen = await t.call('PATCH', `/v2/Me/ExpenseItems/${card.ID}`, {
        token: alice.token,
        body: { ExpenseSheetID: bobs },
      });
      expect(stolen.status).toBe(400);
      expect(stolen.body.errors[0].Field).toBe('ExpenseSheetID');

      expect((await t.call('DELETE', `/v2/Me/ExpenseItems/${card.ID}`, { token: bob.token })).status).toBe(
        404,
      );
      expect((await t.call('DELETE', `/v2/Me/ExpenseItems/${card.ID}`, { token: alice.token })).status).toBe(
        200,
      );
      expect(await expectTotalsMatch(alice.token, s2)).toMatchObject({ TotalAmount: 0, ExpenseItemCount: 0 });
      expect((await t.call('GET', `/v2/Me/ExpenseItems/${card.ID}`, { token: alice.token })).status).toBe(
        404,
      );
    });

    it('validates items: every bad field in one 400, batch prefixes, references and rules', async () => {
      const s = await sheet(t, alice.token);
      const res = await t.call('POST', '/v2/Me/ExpenseItems', {
        token: alice.token,
        body: { ExpenseSheetID: s, ExpenseDate: '2026-13-01', ExpenseTypeID: types.meals, Amount: 'lots' },
      });
      expect(res.status).toBe(400);
      expect(res.body.errors.map((e: any) => e.Field).sort()).toEqual(['Amount', 'ExpenseDate']);
      const rules = await t.call('POST', '/v2/Me/ExpenseItems', {
        token: alice.token,
        body: {
          ExpenseSheetID: s,
          ExpenseDate: '2026-03-01',
          ExpenseTypeID: types.meals,
          Amount: 1.005,
          Billable: true,
          TaskID: 'task',
        },
      });
      expect(rules.status).toBe(400);
      expect(rules.body.errors.map((e: any) => e.Field).sort()).toEqual(['Amount', 'JobID', 'PaymentTypeID']);
      const jobs = await t.call('POST', '/v2/Me/ExpenseItems', {
        token: alice.token,
        body: {
          ExpenseSheetID: s,
          ExpenseDate: '2026-03-01',
          ExpenseTypeID: types.meals,
          PaymentTypeID: types.cash,
          Amount: 1,
          TaskID: 'task',
        },
      });
      expect(jobs.status).toBe(400);
      expect(jobs.body.errors[0].Field).toBe('JobID');
      const billable = await t.call('POST', '/v2/Me/ExpenseItems', {
        token: alice.token,
        body: {
          ExpenseSheetID: s,
          ExpenseDate: '2026-03-01',
          ExpenseTypeID: types.meals,
          PaymentTypeID: types.cash,
          Amount: 1,
          Billable: true,
        },
      });
      expect(billable.body.errors[0]).toMatchObject({
        Field: 'JobID',
        Message: 'JobID is required when Billable is true.',
      });

      const otherTypes = await seededTypes(t, other.Token);
      const batch = await t.call('POST', '/v2/Me/ExpenseItems', {
        token: alice.token,
        body: [
          {
            ExpenseSheetID: s,
            ExpenseDate: '2026-03-01',
            ExpenseTypeID: types.meals,
            PaymentTypeID: types.cash,
            Amount: 5,
          },
          {
            ExpenseSheetID: s,
            ExpenseDate: '2026-03-01',
            ExpenseTypeID: otherTypes.meals,
            PaymentTypeID: types.cash,
            Amount: 5,
          },
          {
            ExpenseSheetID: 'nope',
            ExpenseDate: '2026-03-01',
            ExpenseTypeID: types.meals,
            PaymentTypeID: types.cash,
            Amount: 5,
          },
        ],
      });
      expect(batch.status).toBe(400);
      expect(batch.body.errors.map((e: any) => e.Field).sort()).toEqual([
        '[1].ExpenseTypeID',
        '[2].ExpenseSheetID',
      ]);
      expect((await itemsOf(alice.token, s)).length).toBe(0); // atomic

      // Another person's sheet, or another company's, is named as a bad ExpenseSheetID.
      const bobs = await sheet(t, bob.token);
      const otherSheet = await sheet(t, other.Token);
      for (const id of [bobs, otherSheet]) {
        const r = await t.call('POST', '/v2/Me/ExpenseItems', {
          token: alice.token,
          body: {
            ExpenseSheetID: id,
            ExpenseDate: '2026-03-01',
            ExpenseTypeID: types.meals,
            PaymentTypeID: types.cash,
            Amount: 5,
          },
        });
        expect(r.status).toBe(400);
        expect(r.body.errors[0].Field).toBe('ExpenseSheetID');
      }

      // An inactive type cannot be chosen for a new item.
      const inactive = await t.call('POST', '/v2/ExpenseTypes', {
        token: acme.Token,
        body: { Name: 'Retired', IsActive: false },
      });
      const r = await t.call('POST', '/v2/Me/ExpenseItems', {
        token: alice.token,
        body: {
          ExpenseSheetID: s,
          ExpenseDate: '2026-03-01',
          ExpenseTypeID: inactive.body.data.ID,
          PaymentTypeID: types.cash,
          Amount: 5,
        },
      });
      expect(r.status).toBe(400);
      expect(r.body.errors[0].Field).toBe('ExpenseTypeID');
    });

    it('checks JobID and TaskID against the company’s jobs and tasks, embeds them, sorts by them, and keeps them from deletion', async () => {
      const client = await t.call('POST', '/v2/Clients', { token: acme.Token, body: { Name: 'Globex' } });
      expect(client.status, JSON.stringify(client.body)).toBe(201);
      const mkJob = async (Name: string, JobNumber: string) => {
        const res = await t.call('POST', '/v2/Jobs', {
          token: acme.Token,
          body: { Name, JobNumber, ClientID: client.body.data.ID },
        });
        expect(res.status, JSON.stringify(res.body)).toBe(201);
        return res.body.data.ID as string;
      };
      const zeta = await mkJob('Zeta', 'J-2');
      const alpha = await mkJob('Alpha', 'J-1');
      const task = await t.call('POST', '/v2/Tasks', { token: acme.Token, body: { Name: 'Travel' } });
      expect(task.status).toBe(201);
      const s = await sheet(t, alice.token);
      const base = { ExpenseSheetID: s, ExpenseTypeID: types.meals, PaymentTypeID: types.cash, Amount: 5 };
      const onZeta = await item(t, alice.token, {
        ...base,
        JobID: zeta,
        TaskID: task.body.data.ID,
        Billable: true,
      });
      expect(onZeta).toMatchObject({ JobID: zeta, TaskID: task.body.data.ID, Billable: true });
      await item(t, alice.token, { ...base, JobID: alpha });
      await item(t, alice.token, { ...base, Amount: 6 });

      const verbose = await t.call('GET', `/v2/Me/ExpenseItems/${onZeta.ID}?Verbose=true`, {
        token: alice.token,
      });
      expect(verbose.body.data.Job).toMatchObject({
        ID: zeta,
        Name: 'Zeta',
        ListDisplayText: 'J-2 - Zeta',
        IsActive: true,
      });
      expect(verbose.body.data.Task).toMatchObject({ ID: task.body.data.ID, Name: 'Travel' });
      const sorted = await t.call('GET', `/v2/Me/ExpenseItems?ExpenseSheetID=${s}&SortBy=Job`, {
        token: alice.token,
      });
      expect(sorted.body.data.map((x: any) => x.JobID)).toEqual([null, alpha, zeta]);
      const desc = await t.call('GET', `/v2/Me/ExpenseItems?ExpenseSheetID=${s}&SortBy=-Job`, {
        token: alice.token,
      });
      expect(desc.body.data.map((x: any) => x.JobID)).toEqual([zeta, alpha, null]);
      const byJob = await t.call('GET', `/v2/Me/ExpenseItems?JobID=${alpha}`, { token: alice.token });
      expect(byJob.body.data.map((x: any) => x.JobID)).toEqual([alpha]);

      const otherClient = await t.call('POST', '/v2/Clients', {
        token: other.Token,
        body: { Name: 'Initech' },
      });
      const otherJob = await t.call('POST', '/v2/Jobs', {
        token: other.Token,
        body: { Name: 'Theirs', ClientID: otherClient.body.data.ID },
      });
      for (const JobID of ['no-such-job', otherJob.body.data.ID]) {
        const res = await t.call('POST', '/v2/Me/ExpenseItems', {
          token: alice.token,
          body: { ...base, ExpenseDate: '2026-03-01', JobID },
        });
        expect(res.status).toBe(400);
        expect(res.body.errors[0].Field).toBe('JobID');
      }
      const badTask = await t.call('PATCH', `/v2/Me/ExpenseItems/${onZeta.ID}`, {
        token: alice.token,
        body: { TaskID: 'no-such-task' },
      });
      expect(badTask.status).toBe(400);
      expect(badTask.body.errors[0].Field).toBe('TaskID');
      const inBatch = await t.call('POST', '/v2/Me/ExpenseItems', {
        token: alice.token,
        body: [
          { ...base, ExpenseDate: '2026-03-01' },
          { ...base, ExpenseDate: '2026-03-01', JobID: 'nope' },
        ],
      });
      expect(inBatch.body.errors[0].Field).toBe('[1].JobID');

      // An inactive job cannot be chosen anew, but an item that has it keeps it through other changes.
      expect(
        (await t.call('PATCH', `/v2/Jobs/${zeta}`, { token: acme.Token, body: { IsActive: false } })).status,
      ).toBe(200);
      expect(
        (
          await t.call('PATCH', `/v2/Me/ExpenseItems/${onZeta.ID}`, {
            token: alice.token,
            body: { ...onZeta, Amount: 7 },
          })
        ).status,
      ).toBe(200);
      const inactive = await t.call('POST', '/v2/Me/ExpenseItems', {
        token: alice.token,
        body: { ...base, ExpenseDate: '2026-03-01', JobID: zeta },
      });
      expect(inactive.status).toBe(400);

      const del = await t.call('DELETE', `/v2/Jobs/${alpha}`, { token: acme.Token });
      expect(del.status).toBe(409);
      expect(del.body.errors[0].Message).toMatch(/expense items/);
      expect((await t.call('DELETE', `/v2/Tasks/${task.body.data.ID}`, { token: acme.Token })).status).toBe(
        409,
      );
    });

    it('uses the person’s default types when an item names none', async () => {
      const carol = await person(t, acme.Token, {
        Name: 'Carol Default',
        DefaultExpenseTypeID: types.meals,
        DefaultPaymentTypeID: types.companyCard,
      });
      const s = await sheet(t, carol.token);
      const i = await item(t, carol.token, { ExpenseSheetID: s, Amount: 9.99 });
      expect(i).toMatchObject({
        ExpenseTypeID: types.meals,
        PaymentTypeID: types.companyCard,
        Reimbursable: false,
      });
      const tpl = await t.call('GET', '/v2/ExpenseItems/new', { token: carol.token });
      expect(tpl.body.data).toMatchObject({
        ID: '',
        ExpenseTypeID: types.meals,
        PaymentTypeID: types.companyCard,
        Currency: 'USD',
      });
    });

    it('converts foreign amounts exactly at the item’s exchange rate, only on sheets that allow it', async () => {
      const plain = await sheet(t, alice.token);
      const refused = await t.call('POST', '/v2/Me/ExpenseItems', {
        token: alice.token,
        body: {
          ExpenseSheetID: plain,
          ExpenseDate: '2026-03-01',
          ExpenseTypeID: types.lodging,
          PaymentTypeID: types.cash,
          AmountForeign: 100,
          AmountForeignCurrency: 'EUR',
          AmountForeignExchangeRate: 1.085,
        },
      });
      expect(refused.status).toBe(400);
      expect(refused.body.errors[0].Field).toBe('AmountForeignCurrency');

      const s = await sheet(t, alice.token, { EnableForeignCurrency: true });
      const eur = await t.call('POST', '/v2/Me/ExpenseItems', {
        token: alice.token,
        body: {
          ExpenseSheetID: s,
          ExpenseDate: '2026-03-01',
          ExpenseTypeID: types.lodging,
          PaymentTypeID: types.cash,
          Amount: 1,
          AmountForeign: 100.01,
          AmountForeignCurrency: 'eur',
          AmountForeignExchangeRate: 1.0851,
        },
      });
      expect(eur.status).toBe(201);
      // 100.01 × 1.0851 = 108.520851 → 108.52
      expect(eur.body.data).toMatchObject({
        Amount: 108.52,
        AmountForeign: 100.01,
        AmountForeignCurrency: 'EUR',
        AmountForeignExchangeRate: 1.0851,
        HasForeignCurrency: true,
        Currency: 'USD',
      });
      expect(eur.body.meta.Warnings[0]).toMatch(/Amount was ignored/);
      const jpy = await item(t, alice.token, {
        ExpenseSheetID: s,
        ExpenseTypeID: types.meals,
        PaymentTypeID: types.cash,
        AmountForeign: '1234',
        AmountForeignCurrency: 'JPY',
        AmountForeignExchangeRate: 0.006612,
      });
      expect(jpy.Amount).toBe(8.16);
      const halfYen = await t.call('PATCH', `/v2/Me/ExpenseItems/${jpy.ID}`, {
        token: alice.token,
        body: { AmountForeign: 12.5 },
      });
      expect(halfYen.status).toBe(400);
      expect(halfYen.body.errors[0].Field).toBe('AmountForeign');
      const missing = await t.call('POST', '/v2/Me/ExpenseItems', {
        token: alice.token,
        body: {
          ExpenseSheetID: s,
          ExpenseDate: '2026-03-01',
          ExpenseTypeID: types.meals,
          PaymentTypeID: types.cash,
          AmountForeignCurrency: 'GBP',
        },
      });
      expect(missing.status).toBe(400);
      expect(missing.body.errors.map((e: any) => e.Field).sort()).toEqual(['AmountForeignExchangeRate']);
      const unknown = await t.call('POST', '/v2/Me/ExpenseItems', {
        token: alice.token,
        body: {
          ExpenseSheetID: s,
          ExpenseDate: '2026-03-01',
          ExpenseTypeID: types.meals,
          PaymentTypeID: types.cash,
          AmountForeign: 1,
          AmountForeignCurrency: 'QQQ',
          AmountForeignExchangeRate: 1,
        },
      });
      expect(unknown.body.errors.map((e: any) => e.Field)).toEqual(['AmountForeignCurrency']);

      // Clearing the currency keeps the derived amount as a plain amount.
      const cleared = await t.call('PATCH', `/v2/Me/ExpenseItems/${jpy.ID}`, {
        token: alice.token,
        body: { AmountForeignCurrency: null },
      });
      expect(cleared.body.data).toMatchObject({
        Amount: 8.16,
        AmountForeign: null,
        AmountForeignExchangeRate: null,
        HasForeignCurrency: false,
      });
      await expectTotalsMatch(alice.token, s);
      // EnableForeignCurrency cannot be turned off while foreign items remain.
      const off = await t.call('PATCH', `/v2/Me/ExpenseSheets/${s}`, {
        token: alice.token,
        body: { EnableForeignCurrency: false },
      });
      expect(off.status).toBe(409);
    });

    it('filters, sorts with SortBy (and -), pages, and refuses bad filter values', async () => {
      const dave = await person(t, acme.Token, { Name: 'Dave Filter' });
      const a = await sheet(t, dave.token, { Title: 'Bravo', ExpenseSheetDate: '2026-05-02' });
      const b = await sheet(t, dave.token, { Title: 'Alpha', ExpenseSheetDate: '2026-05-01' });
      const c = await sheet(t, dave.token, { Title: 'Charlie', ExpenseSheetDate: '2026-05-03' });
      await item(t, dave.token, {
        ExpenseSheetID: a,
        ExpenseTypeID: types.meals,
        PaymentTypeID: types.cash,
        Amount: 30,
        ExpenseDate: '2026-05-02',
      });
      await item(t, dave.token, {
        ExpenseSheetID: b,
        ExpenseTypeID: types.airfare,
        PaymentTypeID: types.companyCard,
        Amount: 300,
        ExpenseDate: '2026-05-01',
      });
      await item(t, dave.token, {
        ExpenseSheetID: b,
        ExpenseTypeID: types.meals,
        PaymentTypeID: types.cash,
        Amount: 12.5,
        ExpenseDate: '2026-05-04',
      });

      const ids = (res: any) => res.body.data.map((x: any) => x.ID);
      const def = await t.call('GET', '/v2/Me/ExpenseSheets', { token: dave.token });
      expect(ids(def)).toEqual([b, a, c]); // /Me default: ExpenseSheetDate, ID
      const byTotal = await t.call('GET', '/v2/Me/ExpenseSheets?sortby=-TotalAmount', { token: dave.token });
      expect(ids(byTotal)).toEqual([b, a, c]);
      const byTitle = await t.call('GET', '/v2/Me/ExpenseSheets?SortBy=Title', { token: dave.token });
      expect(byTitle.body.data.map((x: any) => x.Title)).toEqual(['Alpha', 'Bravo', 'Charlie']);
      const byCount = await t.call('GET', '/v2/Me/ExpenseSheets?SortBy=ExpenseItemCount', {
        token: dave.token,
      });
      expect(ids(byCount)).toEqual([c, a, b]);
      const range = await t.call(
        'GET',
        '/v2/Me/ExpenseSheets?FromExpenseSheetDate=2026-05-02&ToExpenseSheetDate=2026-05-03&Status=OPEN&Paid=false&Bogus=1',
        { token: dave.token },
      );
      expect(ids(range)).toEqual([a, c]);
      const paged = await t.call('GET', '/v2/Me/ExpenseSheets?limit=2&offset=2', { token: dave.token });
      expect(paged.body.page).toMatchObject({ count: 3, limit: 2, offset: 2 });
      expect(paged.body.page.links.next).toBeNull();
      for (const q of [
        'SortBy=Bogus',
        'Status=done',
        'Paid=maybe',
        'FromExpenseSheetDate=2026-5-1',
        'limit=-1',
      ]) {
        const res = await t.call('GET', `/v2/Me/ExpenseSheets?${q}`, { token: dave.token });
        expect(res.status, q).toBe(400);
      }

      const rootList = await t.call('GET', `/v2/ExpenseSheets?UserID=${dave.id}&SortBy=-Date`, {
        token: reviewer.token,
      });
      expect(ids(rootList)).toEqual([c, a, b]);
      const rootDefault = await t.call('GET', `/v2/ExpenseSheets?UserID=${dave.id}`, {
        token: reviewer.token,
      });
      expect(ids(rootDefault)).toEqual([c, a, b]); // root default: ExpenseSheetDate desc
      const byDate = await t.call(
        'GET',
        `/v2/ExpenseSheets?UserID=${dave.id}&ExpenseDate=2026-05-01,2026-05-03`,
        { token: reviewer.token },
      );
      expect(ids(byDate).sort()).toEqual([b, c].sort());

      const items = await t.call('GET', '/v2/Me/ExpenseItems', { token: dave.token });
      expect(items.body.data.map((x: any) => x.ExpenseDate)).toEqual([
        '2026-05-04',
        '2026-05-02',
        '2026-05-01',
      ]);
      const byAmount = await t.call('GET', '/v2/Me/ExpenseItems?SortBy=-Amount', { token: dave.token });
      expect(byAmount.body.data.map((x: any) => x.Amount)).toEqual([300, 30, 12.5]);
      const byType = await t.call('GET', '/v2/Me/ExpenseItems?SortBy=Type', { token: dave.token });
      expect(byType.body.data.map((x: any) => x.Amount)).toEqual([300, 12.5, 30]); // Airfare, then Meals by date desc
      const exact = await t.call('GET', '/v2/Me/ExpenseItems?Amount=12.50,30', { token: dave.token });
      expect(exact.body.data.map((x: any) => x.Amount).sort()).toEqual([12.5, 30]);
      const filtered = await t.call(
        'GET',
        `/v2/Me/ExpenseItems?ExpenseTypeID=${types.meals}&FromExpenseDate=2026-05-03&ExpenseSheetStatus=open`,
        { token: dave.token },
      );
      expect(filtered.body.data.map((x: any) => x.Amount)).toEqual([12.5]);
      for (const q of [
        'Amount=1.234',
        'Amount=abc',
        'SortBy=Size',
        'ExpenseSheetStatus=closed',
        'ToExpenseDate=yesterday',
      ]) {
        expect((await t.call('GET', `/v2/Me/ExpenseItems?${q}`, { token: dave.token })).status, q).toBe(400);
      }
      const root = await t.call('GET', `/v2/ExpenseItems?UserID=${dave.id}&Verbose=true`, {
        token: reviewer.token,
      });
      expect(root.body.data).toHaveLength(3);
      expect(root.body.data[0]).toMatchObject({
        UserID: dave.id,
        ExpenseType: { Name: 'Meals' },
        ExpenseSheet: { ID: b, Title: 'Alpha' },
      });
      const meItem = await t.call('GET', `/v2/Me/ExpenseItems/${root.body.data[0].ID}`, {
        token: dave.token,
      });
      expect(meItem.body.data.UserID).toBe(dave.id); // /Me GET answers the root model (CATALOGUE)
      expect(
        (await t.call('GET', `/v2/ExpenseItems/${root.body.data[0].ID}`, { token: other.Token })).status,
      ).toBe(404);
      expect((await t.call('GET', '/v2/ExpenseItems', { token: dave.token })).status).toBe(403);
    });

    it('keeps totals exact under concurrent item writes to one sheet', async () => {
      const s = await sheet(t, bob.token, { Title: 'Busy' });
      const amounts = Array.from({ length: 24 }, (_, i) => (i * 37 + 1) / 100);
      const results = await Promise.all(
        amounts.map((Amount, i) =>
          t.call('POST', '/v2/Me/ExpenseItems', {
            token: bob.token,
            body: {
              ExpenseSheetID: s,
              ExpenseDate: '2026-03-01',
              ExpenseTypeID: types.meals,
              PaymentTypeID: i % 2 ? types.cash : types.companyCard,
              Amount,
            },
          }),
        ),
      );
      expect(results.map((r) => r.status)).toEqual(amounts.map(() => 201));
      const sheetNow = await expectTotalsMatch(bob.token, s);
      expect(sheetNow.TotalAmount).toBe(sumCents(amounts));
      expect(sheetNow.ExpenseItemCount).toBe(24);
      // And concurrent deletes of half of them.
      const items = await itemsOf(bob.token, s);
      await Promise.all(
        items.slice(0, 12).map((i) => t.call('DELETE', `/v2/Me/ExpenseItems/${i.ID}`, { token: bob.token })),
      );
      expect((await expectTotalsMatch(bob.token, s)).ExpenseItemCount).toBe(12);
    });

    it('lets an overrider edit and delete items of others on root and /Manage, within reach', async () => {
      const s = await sheet(t, alice.token);
      const i = await item(t, alice.token, {
        ExpenseSheetID: s,
        ExpenseTypeID: types.meals,
        PaymentTypeID: types.cash,
        Amount: 10,
      });
      expect(
        (await t.call('PATCH', `/v2/ExpenseItems/${i.ID}`, { token: reviewer.token, body: { Amount: 11 } }))
          .status,
      ).toBe(403);
      const r = await t.call('PATCH', `/v2/ExpenseItems/${i.ID}`, {
        token: overrider.token,
        body: { Amount: 11, Description: 'fixed' },
      });
      expect(r.status).toBe(200);
      expect(r.body.data).toMatchObject({ Amount: 11, Description: 'fixed', UserID: alice.id });
      const add = await item(
        t,
        overrider.token,
        { ExpenseSheetID: s, ExpenseTypeID: types.meals, PaymentTypeID: types.cash, Amount: 1 },
        '/v2/ExpenseItems',
      );
      expect(add.UserID).toBe(alice.id);
      expect((await expectTotalsMatch(alice.token, s)).TotalAmount).toBe(12);
      expect(
        (await t.call('DELETE', `/v2/Manage/ExpenseItems/${add.ID}`, { token: overrider.token })).status,
      ).toBe(200);
      expect(
        (await t.call('PATCH', `/v2/ExpenseItems/${i.ID}`, { token: other.Token, body: { Amount: 1 } }))
          .status,
      ).toBe(404);
      expect((await t.call('GET', `/v2/Manage/ExpenseItems/${i.ID}`, { token: bob.token })).status).toBe(403);
    });
  });

  describe('robustness', () => {
    it('answers malformed input in the envelope, never with a 500', async () => {
      const s = await sheet(t, bob.token, { EnableForeignCurrency: true });
      const i = await item(t, bob.token, {
        ExpenseSheetID: s,
        ExpenseTypeID: types.mileage,
        PaymentTypeID: types.cash,
        Quantity: 5,
      });
      const bodies: unknown[] = [
        null,
        [],
        [null],
        1,
        'x',
        {},
        { Amount: 1e308 },
        { Quantity: -1 },
        { Quantity: 1e7, Rate: 1e6 },
        {
          AmountForeign: 1e9,
          AmountForeignCurrency: 'BHD',
          AmountForeignExchangeRate: 1e6,
          ExpenseTypeID: types.meals,
        },
        { AmountForeignExchangeRate: 0.0000001, AmountForeignCurrency: 'EUR', AmountForeign: 1 },
        { ExpenseSheetID: null },
        { Receipt: '====', ReceiptFileType: 'image/png' },
        { Action: null },
        { Action: 'Submit', Comment: 5 },
        { Title: 'x'.repeat(300) },
        { ExpenseDate: '0000-00-00' },
        { JobID: '' },
        { Title: 'nul\u0000byte', Description: 'a\u0000' },
        { Rate: '0.5' },
      ];
      const targets: [string, string][] = [
        ['POST', '/v2/Me/ExpenseItems'],
        ['PATCH', `/v2/Me/ExpenseItems/${i.ID}`],
        ['PATCH', `/v2/ExpenseItems/${i.ID}`],
        ['POST', `/v2/Me/ExpenseSheets/${s}/Actions`],
        ['PATCH', `/v2/Me/ExpenseSheets/${s}`],
        ['POST', '/v2/ExpenseSheets'],
        ['POST', '/v2/ExpenseTypes'],
        ['PATCH', `/v2/PaymentTypes/${types.cash}`],
      ];
      for (const [method, path] of targets) {
        for (const b of bodies) {
          const res = await t.call(method, path, { token: acme.Token, rawBody: JSON.stringify(b) });
          const what = `${method} ${path} ${JSON.stringify(b).slice(0, 60)}`;
          expect(res.status, what).toBeLessThan(500);
          expect(res.body.jsonapi, what).toEqual({ version: '1.0' });
          if (res.status >= 400) expect(res.body.errors.length, what).toBeGreaterThan(0);
        }
      }
      for (const q of [
        'limit=99999',
        'offset=999999',
        'Amount=',
        'SortBy=-',
        'Status=,',
        'ExpenseDate=2026-01-01,bad',
        'ID=%00',
        `UserID=${'x'.repeat(300)}`,
      ]) {
        for (const p of [
          '/v2/ExpenseItems',
          '/v2/ExpenseSheets',
          '/v2/Me/ExpenseItems',
          '/v2/Currencies',
          '/v2/ExpenseTypes',
        ]) {
          const res = await t.call('GET', `${p}?${q}`, { token: acme.Token });
          expect(res.status, `${p}?${q}`).toBeLessThan(500);
        }
      }
      for (const p of ['/v2/ExpenseSheets/%00', '/v2/Me/ExpenseItems/a%00b']) {
        // NUL in a URL is refused for every route before routing (app.ts).
        expect((await t.call('GET', p, { token: acme.Token })).status, p).toBe(400);
      }
      for (const p of ['/v2/Currencies/%E2%82%AC', `/v2/ExpenseItems/${'z'.repeat(150)}/Receipt`]) {
        expect((await t.call('GET', p, { token: acme.Token })).status, p).toBe(404);
      }
      const text = await t.call('POST', '/v2/Me/ExpenseSheets', {
        token: bob.token,
        rawBody: 'Title=x',
        contentType: 'text/plain',
      });
      expect(text.status).toBe(415);
    });
  });

  describe('mileage', () => {
    it('takes the rate from the mileage type when the client sends none, and computes the amount', async () => {
      const s = await sheet(t, alice.token, { Title: 'Driving' });
      const m = await item(t, alice.token, {
        ExpenseSheetID: s,
        ExpenseTypeID: types.mileage,
        PaymentTypeID: types.cash,
        Quantity: 123.4,
      });
      expect(m).toMatchObject({ Rate: 0.7, Quantity: 123.4, Amount: 86.38 });
      const noQty = await t.call('POST', '/v2/Me/ExpenseItems', {
        token: alice.token,
        body: {
          ExpenseSheetID: s,
          ExpenseDate: '2026-03-01',
          ExpenseTypeID: types.mileage,
          PaymentTypeID: types.cash,
          Amount: 10,
        },
      });
      expect(noQty.status).toBe(400);
      expect(noQty.body.errors[0].Field).toBe('Quantity');
      const zero = await t.call('PATCH', `/v2/Me/ExpenseItems/${m.ID}`, {
        token: alice.token,
        body: { Quantity: 0 },
      });
      expect(zero.status).toBe(400);

      // A non-admin's Rate is ignored, with a warning; the amount stays Rate × Quantity.
      const sneaky = await t.call('POST', '/v2/Me/ExpenseItems', {
        token: alice.token,
        body: {
          ExpenseSheetID: s,
          ExpenseDate: '2026-03-01',
          ExpenseTypeID: types.mileage,
          PaymentTypeID: types.cash,
          Quantity: 10,
          Rate: 5,
          Amount: 50,
        },
      });
      expect(sneaky.status).toBe(201);
      expect(sneaky.body.data).toMatchObject({ Rate: 0.7, Amount: 7 });
      expect(sneaky.body.meta.Warnings.join(' ')).toMatch(/Rate was ignored/);
      expect(sneaky.body.meta.Warnings.join(' ')).toMatch(/Amount was ignored/);
      const overriderRate = await t.call('PATCH', `/v2/ExpenseItems/${m.ID}`, {
        token: overrider.token,
        body: { Rate: 2 },
      });
      expect(overriderRate.body.data.Rate).toBe(0.7);
      expect(overriderRate.body.meta.Warnings.join(' ')).toMatch(/only an Admin/);
      // Sending back what was read gives no warning.
      const echo = await t.call('PATCH', `/v2/Me/ExpenseItems/${m.ID}`, {
        token: alice.token,
        body: { ...m, Quantity: 200 },
      });
      expect(echo.status).toBe(200);
      expect(echo.body.data).toMatchObject({ Rate: 0.7, Quantity: 200, Amount: 140 });
      expect(echo.body.meta).toEqual({});

      // An Admin sets another rate on an item (root or /Manage), keeping 4 decimals.
      const admin = await t.call('PATCH', `/v2/ExpenseItems/${m.ID}`, {
        token: acme.Token,
        body: { Rate: 0.655 },
      });
      expect(admin.body.data).toMatchObject({ Rate: 0.655, Quantity: 200, Amount: 131 });
      const q3 = await t.call('PATCH', `/v2/Me/ExpenseItems/${m.ID}`, {
        token: alice.token,
        body: { Quantity: 3 },
      });
      expect(q3.body.data).toMatchObject({ Rate: 0.655, Amount: 1.97 }); // 1.965 rounds half away from zero
      const tooFine = await t.call('PATCH', `/v2/ExpenseItems/${m.ID}`, {
        token: acme.Token,
        body: { Rate: 0.65555 },
      });
      expect(tooFine.status).toBe(400);
      const created = await item(
        t,
        acme.Token,
        {
          ExpenseSheetID: s,
          ExpenseTypeID: types.mileage,
          PaymentTypeID: types.cash,
          Quantity: 100,
          Rate: 0.58,
        },
        '/v2/ExpenseItems',
      );
      expect(created).toMatchObject({ Rate: 0.58, Amount: 58 });
      const viaMe = await t.call('POST', '/v2/Me/ExpenseItems', {
        token: acme.Token,
        body: {
          ExpenseSheetID: await sheet(t, acme.Token),
          ExpenseDate: '2026-03-01',
          ExpenseTypeID: types.mileage,
          PaymentTypeID: types.cash,
          Quantity: 1,
          Rate: 9,
        },
      });
      expect(viaMe.body.data.Rate).toBe(0.7); // /Me has no Rate, even for an Admin
      await expectTotalsMatch(alice.token, s);

      // A mileage item in a foreign currency: AmountForeign = Rate × Quantity, then converted.
      const fx = await sheet(t, alice.token, { EnableForeignCurrency: true });
      const f = await item(t, alice.token, {
        ExpenseSheetID: fx,
        ExpenseTypeID: types.mileage,
        PaymentTypeID: types.cash,
        Quantity: 10,
        AmountForeignCurrency: 'EUR',
        AmountForeignExchangeRate: 1.1,
      });
      expect(f).toMatchObject({ Rate: 0.7, AmountForeign: 7, Amount: 7.7 });
    });

    it('applies a changed type rate to new items; an Admin re-applies it to items of sheets not yet approved', async () => {
      const type = await t.call('POST', '/v2/ExpenseTypes', {
        token: acme.Token,
        body: { Name: 'Van', Type: 'Mileage', Rate: 0.5 },
      });
      const van = type.body.data.ID as string;
      const erin = await person(t, acme.Token, {
        Name: 'Erin Driver',
        SubjectToExpenseApproval: true,
        ExpenseApproverID: acme.UserID,
      });
      const open = await sheet(t, erin.token, { Title: 'Open' });
      const approved = await sheet(t, erin.token, { Title: 'Approved' });
      const oldOpen = await item(t, erin.token, {
        ExpenseSheetID: open,
        ExpenseTypeID: van,
        PaymentTypeID: types.cash,
        Quantity: 100,
      });
      const overridden = await item(
        t,
        acme.Token,
        { ExpenseSheetID: open, ExpenseTypeID: van, PaymentTypeID: types.cash, Quantity: 10, Rate: 1 },
        '/v2/ExpenseItems',
      );
      const oldApproved = await item(t, erin.token, {
        ExpenseSheetID: approved,
        ExpenseTypeID: van,
        PaymentTypeID: types.cash,
        Quantity: 100,
      });
      expect(oldOpen.Amount).toBe(50);
      expect(
        (
          await t.call('POST', `/v2/Me/ExpenseSheets/${approved}/Actions`, {
            token: erin.token,
            body: { Action: 'Submit' },
          })
        ).status,
      ).toBe(200);
      expect(
        (
          await t.call('POST', `/v2/ExpenseSheets/${approved}/Actions`, {
            token: acme.Token,
            body: { Action: 'Approve' },
          })
        ).status,
      ).toBe(200);

      expect(
        (await t.call('PATCH', `/v2/ExpenseTypes/${van}`, { token: acme.Token, body: { Rate: 0.6555 } }))
          .status,
      ).toBe(200);
      const fresh = await item(t, erin.token, {
        ExpenseSheetID: open,
        ExpenseTypeID: van,
        PaymentTypeID: types.cash,
        Quantity: 100,
      });
      expect(fresh).toMatchObject({ Rate: 0.6555, Amount: 65.55 });
      const unchanged = await t.call('GET', `/v2/Me/ExpenseItems/${oldOpen.ID}`, { token: erin.token });
      expect(unchanged.body.data).toMatchObject({ Rate: 0.5, Amount: 50 });

      expect(
        (await t.call('POST', `/v2/ExpenseTypes/${van}/ReapplyRate`, { token: overrider.token })).status,
      ).toBe(403);
      expect(
        (await t.call('POST', `/v2/ExpenseTypes/${types.meals}/ReapplyRate`, { token: acme.Token })).status,
      ).toBe(409);
      expect(
        (await t.call('POST', `/v2/ExpenseTypes/${van}/ReapplyRate`, { token: other.Token })).status,
      ).toBe(404);
      const re = await t.call('POST', `/v2/ExpenseTypes/${van}/ReapplyRate`, { token: acme.Token });
      expect(re.status).toBe(200);
      expect(re.body.data).toEqual({
        ExpenseTypeID: van,
        Rate: 0.6555,
        UpdatedItemCount: 1,
        UpdatedExpenseSheetIDs: [open],
      });
      const after = await t.call('GET', `/v2/Me/ExpenseItems/${oldOpen.ID}`, { token: erin.token });
      expect(after.body.data).toMatchObject({ Rate: 0.6555, Amount: 65.55 });
      expect(
        (await t.call('GET', `/v2/Me/ExpenseItems/${overridden.ID}`, { token: erin.token })).body.data,
      ).toMatchObject({ Rate: 1, Amount: 10 });
      expect(
        (await t.call('GET', `/v2/Me/ExpenseItems/${oldApproved.ID}`, { token: erin.token })).body.data,
      ).toMatchObject({ Rate: 0.5, Amount: 50 });
      const openNow = await expectTotalsMatch(erin.token, open);
      expect(openNow.TotalAmount).toBe(141.1);
      expect((await getSheet(t, erin.token, approved)).TotalAmount).toBe(50);
      // The stored rate is never 0 for a mileage item.
      const zeroRates = await t.deps.db
        .selectFrom('expense_items')
        .select('id')
        .where('rate', '=', 0)
        .execute();
      expect(zeroRates).toEqual([]);
    });

    it('refuses to change the Type of a type in use', async () => {
      const res = await t.call('PATCH', `/v2/ExpenseTypes/${types.mileage}`, {
        token: acme.Token,
        body: { Type: 'Amount', Rate: null },
      });
      expect(res.status).toBe(409);
    });
  });
});
