import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../support/app.js';
import { testDialects } from '../support/db.js';
import { manager, person } from '../support/people.js';

const dialects = await testDialects();

describe.each(dialects)('people on %s', (dialect) => {
  let t: TestApp;
  let admin: string;
  let other: string;
  beforeAll(async () => {
    t = await createTestApp(dialect);
    admin = (await t.company('People Co')).Token;
    other = (await t.company('Other Co')).Token;
  });
  afterAll(() => t.close());

  const division = async (name: string, token = admin) => {
    const res = await t.call('POST', '/v2/Divisions', { token, body: { Name: name } });
    expect(res.status).toBe(201);
    return res.body.data.ID as string;
  };

  describe('creating', () => {
    it('creates one person with 201 and never returns the password', async () => {
      const res = await t.call('POST', '/v2/Users', {
        token: admin,
        body: {
          Name: 'Smith, Anna',
          Email: 'Anna.Smith@people.test',
          Password: 'a good password',
          EmployeeNumber: 'E-1',
        },
      });
      expect(res.status).toBe(201);
      expect(res.body.data).toMatchObject({
        Name: 'Smith, Anna',
        Email: 'Anna.Smith@people.test',
        SecurityLevel: 'STANDARD',
        IsActive: true,
      });
      expect(JSON.stringify(res.body)).not.toContain('a good password');
      expect(res.body.data.Password).toBeUndefined();
      // The login email is compared case-insensitively.
      const me = await t.call('GET', '/v2/Me', {
        basic: { email: 'anna.smith@PEOPLE.test', password: 'a good password' },
      });
      expect(me.status).toBe(200);
    });

    it('creates a batch atomically and in request order', async () => {
      const res = await t.call('POST', '/v2/Users', {
        token: admin,
        body: [
          { Name: 'Batch One', Email: 'b1@people.test' },
          { Name: 'Batch Two', Email: 'b2@people.test' },
        ],
      });
      expect(res.status).toBe(201);
      expect(res.body.data.map((u: { Name: string }) => u.Name)).toEqual(['Batch One', 'Batch Two']);
      expect(res.body.meta.Invitations).toHaveLength(2);
    });

    it('refuses a batch with one bad item with 400 naming every bad item, and stores none', async () => {
      const res = await t.call('POST', '/v2/Users', {
        token: admin,
        body: [
          { Name: 'Good', Email: 'good-batch@people.test' },
          { Name: '', Email: 'not-an-email' },
          { Name: 'Dup', Email: 'GOOD-batch@people.test', StartDate: '2026-02-30' },
        ],
      });
      expect(res.status).toBe(400);
      const fields = res.body.errors.map((e: { Field: string }) => e.Field).sort();
      expect(fields).toEqual(['[1].Email', '[1].Name', '[2].StartDate']);
      const list = await t.call('GET', '/v2/Users?Email=good-batch@people.test', { token: admin });
      expect(list.body.data).toHaveLength(0);
      const dup = await t.call('POST', '/v2/Users', {
        token: admin,
        body: [
          { Name: 'A', Email: 'same@people.test' },
          { Name: 'B', Email: 'SAME@people.test' },
        ],
      });
      expect(dup.status).toBe(400);
      expect(dup.body.errors[0].Field).toBe('[1].Email');
    });

    it('returns 409 for an email another account already uses, in any company', async () => {
      const res = await t.call('POST', '/v2/Users', {
        token: other,
        body: { Name: 'Copy', Email: 'anna.smith@people.test' },
      });
      expect(res.status).toBe(409);
      expect(res.body.errors[0].Field).toBe('Email');
    });

    it('requires Name and Email', async () => {
      const res = await t.call('POST', '/v2/Users', { token: admin, body: {} });
      expect(res.status).toBe(400);
      expect(res.body.errors.map((e: { Field: string }) => e.Field).sort()).toEqual(['Email', 'Name']);
    });

    it('gives a person without a password an invitation link that sets one', async () => {
      const res = await t.call('POST', '/v2/Users', {
        token: admin,
        body: { Name: 'Invitee', Email: 'invitee@people.test' },
      });
      expect(res.status).toBe(201);
      const url = new URL(res.body.meta.Invitations[0].URL as string);
      const page = await t.call('GET', url.pathname);
      expect(page.status).toBe(200);
      expect(String(page.body)).toContain('invitee@people.test');
      expect((await t.call('POST', url.pathname, { body: { Password: 'short' } })).status).toBe(400);
      expect((await t.call('POST', url.pathname, { body: { Password: 'long enough now' } })).status).toBe(
        200,
      );
      expect(
        (
          await t.call('GET', '/v2/Me', {
            basic: { email: 'invitee@people.test', password: 'long enough now' },
          })
        ).status,
      ).toBe(200);
      // The link works once.
      expect((await t.call('POST', url.pathname, { body: { Password: 'another one here' } })).status).toBe(
        404,
      );
    });

    it('lets only an Admin set SecurityLevel', async () => {
      const m = await manager(t, admin, { 'Add/Edit People': 'All' });
      const res = await t.call('POST', '/v2/Users', {
        token: m.token,
        body: { Name: 'Boss', Email: 'boss@people.test', SecurityLevel: 'ADMIN' },
      });
      expect(res.status).toBe(403);
      const ok = await t.call('POST', '/v2/Users', {
        token: m.token,
        body: { Name: 'Worker', Email: 'worker@people.test' },
      });
      expect(ok.status).toBe(201);
    });
  });

  describe('listing', () => {
    it('pages with count, links that keep filters, and a stable Name, ID order', async () => {
      const company = await t.company('Paging Co');
      for (let i = 0; i < 5; i++) await person(t, company.Token, { Name: `Zed ${i}` });
      const page1 = await t.call('GET', '/v2/Users?limit=2&IsActive=true&Verbose=false', {
        token: company.Token,
      });
      expect(page1.status).toBe(200);
      expect(page1.body.page).toMatchObject({ count: 6, offset: 0, limit: 2 });
      expect(page1.body.page.links.previous).toBeNull();
      const next = new URL(page1.body.page.links.next as string);
      expect(next.searchParams.get('IsActive')).toBe('true');
      expect(next.searchParams.get('offset')).toBe('2');
      const names: string[] = [];
      let url: string | null = page1.body.page.links.self;
      while (url) {
        const u = new URL(url);
        const res = await t.call('GET', u.pathname + u.search, { token: company.Token });
        names.push(...res.body.data.map((x: { Name: string }) => x.Name));
        url = res.body.page.links.next;
      }
      expect(names).toEqual(['Ada Admin', 'Zed 0', 'Zed 1', 'Zed 2', 'Zed 3', 'Zed 4']);
      const past = await t.call('GET', '/v2/Users?offset=50', { token: company.Token });
      expect(past.body.data).toEqual([]);
      expect(past.body.page.count).toBe(6);
      const clamped = await t.call('GET', '/v2/Users?limit=5000', { token: company.Token });
      expect(clamped.body.page.limit).toBe(1000);
    });

    it('filters by ID (repeated or comma-separated), Name, Email, SecurityLevel, IsActive and DivisionID', async () => {
      const company = await t.company('Filter Co');
      const d = await division('North', company.Token);
      const a = await person(t, company.Token, { Name: 'Doe, Jane', DivisionID: d });
      const b = await person(t, company.Token, { Name: 'Roe, Rick' });
      await t.call('PATCH', `/v2/Users/${b.id}`, { token: company.Token, body: { IsActive: false } });
      const ids = (res: { body: { data: { ID: string }[] } }) => res.body.data.map((u) => u.ID).sort();
      const q = (s: string) => t.call('GET', `/v2/Users?${s}`, { token: company.Token });
      expect(ids(await q(`ID=${a.id}&ID=${b.id}`))).toEqual([a.id, b.id].sort());
      expect(ids(await q(`id=${a.id},${b.id}`))).toEqual([a.id, b.id].sort());
      expect(ids(await q(`Name=${encodeURIComponent('doe, jane')}`))).toEqual([a.id]);
      expect(ids(await q(`email=${a.email.toUpperCase()}`))).toEqual([a.id]);
      expect(ids(await q('IsActive=false'))).toEqual([b.id]);
      expect(ids(await q(`DivisionID=${d}`))).toEqual([a.id]);
      expect((await q('SecurityLevel=ADMIN')).body.data).toHaveLength(1);
      expect((await q('SecurityLevel=OWNER')).status).toBe(400);
    });

    it('filters by ManagerPermission', async () => {
      const company = await t.company('Perm Filter Co');
      const m = await manager(t, company.Token, { 'Approve Time Off': 'All' });
      await manager(t, company.Token, { 'View People': 'All' });
      const res = await t.call(
        'GET',
        `/v2/Users?ManagerPermission=${encodeURIComponent('Approve Time Off')}`,
        { token: company.Token },
      );
      expect(res.body.data.map((u: { ID: string }) => u.ID)).toEqual([m.id]);
      expect(
        (await t.call('GET', '/v2/Users?ManagerPermission=Juggling', { token: company.Token })).status,
      ).toBe(400);
    });

    it('refuses STANDARD people with 403 and shows managers only the fields their permissions allow', async () => {
      const s = await person(t, admin);
      expect((await t.call('GET', '/v2/Users', { token: s.token })).status).toBe(403);
      expect((await t.call('GET', `/v2/Users/${s.id}`, { token: s.token })).status).toBe(403);
      const plain = await manager(t, admin);
      const seen = await t.call('GET', `/v2/Users/${s.id}`, { token: plain.token });
      expect(seen.status).toBe(200);
      expect(Object.keys(seen.body.data).sort()).toEqual(
        [
          'Email',
          'GDPRConsentStatus',
          'ID',
          'IncludeInRM',
          'IsActive',
          'Name',
          'SubjectToTimesheetCompletion',
        ].sort(),
      );
      const viewer = await manager(t, admin, { 'View People': 'All' });
      const full = await t.call('GET', `/v2/Users/${s.id}`, { token: viewer.token });
      expect(full.body.data.SecurityLevel).toBe('STANDARD');
      expect(full.body.data.BillingRate).toBeUndefined();
      const rates = await manager(t, admin, { 'View People': 'All', 'View Billingrates': 'All' });
      expect(
        (await t.call('GET', `/v2/Users/${s.id}`, { token: rates.token })).body.data.BillingRate,
      ).toBeNull();
    });

    it('embeds related objects only with Verbose=true', async () => {
      const d = await division('Verbose Division');
      const p = await person(t, admin, { DivisionID: d });
      const plain = await t.call('GET', `/v2/Users/${p.id}`, { token: admin });
      expect(plain.body.data.Division).toBeUndefined();
      const verbose = await t.call('GET', `/v2/Users/${p.id}?verbose=TRUE`, { token: admin });
      expect(verbose.body.data.Division).toEqual({ ID: d, Name: 'Verbose Division', IsActive: true });
    });
  });

  describe('changing and deleting', () => {
    it('enforces approver rules and refuses approvers who are not managers or admins', async () => {
      const approver = await manager(t, admin);
      const standard = await person(t, admin);
      const p = await person(t, admin);
      const noSubject = await t.call('PATCH', `/v2/Users/${p.id}`, {
        token: admin,
        body: { TimesheetApproverID: approver.id },
      });
      expect(noSubject.status).toBe(400);
      expect(noSubject.body.errors[0].Field).toBe('TimesheetApproverID');
      const bad = await t.call('PATCH', `/v2/Users/${p.id}`, {
        token: admin,
        body: { SubjectToTimesheetApproval: true, TimesheetApproverID: standard.id },
      });
      expect(bad.status).toBe(400);
      const good = await t.call('PATCH', `/v2/Users/${p.id}`, {
        token: admin,
        body: {
          SubjectToTimesheetApproval: true,
          TimesheetApproverID: approver.id,
          StartDate: '2026-01-01',
          EndDate: '2025-01-01',
        },
      });
      expect(good.status).toBe(400);
      expect(good.body.errors[0].Field).toBe('EndDate');
      const ok = await t.call('PATCH', `/v2/Users/${p.id}`, {
        token: admin,
        body: { SubjectToTimesheetApproval: true, TimesheetApproverID: approver.id },
      });
      expect(ok.status).toBe(200);
      expect(ok.body.data.TimesheetApproverID).toBe(approver.id);
      const me = await t.call('GET', '/v2/Me', { token: approver.token });
      expect(me.body.data.IsTimeApprover).toBe(true);
      // The approver is now referenced and cannot be deleted.
      const del = await t.call('DELETE', `/v2/Users/${approver.id}`, { token: admin });
      expect(del.status).toBe(409);
      expect(del.body.errors[0].Message).toMatch(/IsActive/);
    });

    it('keeps at least one active Admin and refuses changing one’s own level', async () => {
      const company = await t.company('Admins Co');
      const me = await t.call('GET', '/v2/Me', { token: company.Token });
      const self = await t.call('PATCH', `/v2/Users/${me.body.data.ID}`, {
        token: company.Token,
        body: { IsActive: false },
      });
      expect(self.status).toBe(409);
      const second = await person(t, company.Token, { SecurityLevel: 'ADMIN' });
      const demote = await t.call('PATCH', `/v2/Users/${second.id}`, {
        token: company.Token,
        body: { SecurityLevel: 'STANDARD' },
      });
      expect(demote.status).toBe(200);
      expect(demote.body.data.SecurityLevel).toBe('STANDARD');
      // The demoted person's cached token now carries the new level at once.
      expect((await t.call('GET', '/v2/Users', { token: second.token })).status).toBe(403);
    });

    it('lets only an Admin delete, and deletes an unreferenced person', async () => {
      const p = await person(t, admin);
      const m = await manager(t, admin, { 'Add/Edit People': 'All' });
      expect((await t.call('DELETE', `/v2/Users/${p.id}`, { token: m.token })).status).toBe(403);
      const res = await t.call('DELETE', `/v2/Users/${p.id}`, { token: admin });
      expect(res.status).toBe(200);
      expect(res.body.data).toBeNull();
      expect((await t.call('GET', `/v2/Users/${p.id}`, { token: admin })).status).toBe(404);
      expect((await t.call('GET', '/v2/Me', { token: p.token })).status).toBe(401);
    });

    it('ignores money fields from a manager without the permission, with a warning', async () => {
      const p = await person(t, admin);
      const m = await manager(t, admin, { 'Add/Edit People': 'All', 'View People': 'All' });
      const res = await t.call('PATCH', `/v2/Users/${p.id}`, {
        token: m.token,
        body: { CostRate: 55.5, Notes: 'note' },
      });
      expect(res.status).toBe(200);
      expect(res.body.meta.Warnings[0]).toMatch(/Add\/Edit Costs/);
      const check = await t.call('GET', `/v2/Users/${p.id}`, { token: admin });
      expect(check.body.data.CostRate).toBeNull();
      expect(check.body.data.Notes).toBe('note');
      const rate = await t.call('PATCH', `/v2/Users/${p.id}`, {
        token: admin,
        body: { CostRate: '0.655', BillingRate: 120.1234 },
      });
      expect(rate.body.data).toMatchObject({ CostRate: 0.655, BillingRate: 120.1234 });
      const tooFine = await t.call('PATCH', `/v2/Users/${p.id}`, {
        token: admin,
        body: { BillingRate: 1.23456 },
      });
      expect(tooFine.status).toBe(400);
    });
  });

  describe('/Manage/Users', () => {
    it('shows and edits only the people in the manager’s divisions', async () => {
      const north = await division('Manage North');
      const south = await division('Manage South');
      const inside = await person(t, admin, { DivisionID: north });
      const outside = await person(t, admin, { DivisionID: south });
      const m = await manager(t, admin, { 'View People': 'Divisions', 'Add/Edit People': 'Divisions' }, [
        north,
      ]);
      const list = await t.call('GET', '/v2/Manage/Users?limit=1000', { token: m.token });
      expect(list.status).toBe(200);
      const ids = list.body.data.map((u: { ID: string }) => u.ID);
      expect(ids).toContain(inside.id);
      expect(ids).not.toContain(outside.id);
      expect((await t.call('GET', `/v2/Manage/Users/${outside.id}`, { token: m.token })).status).toBe(404);
      expect(
        (await t.call('PATCH', `/v2/Manage/Users/${inside.id}`, { token: m.token, body: { Notes: 'ok' } }))
          .status,
      ).toBe(200);
      const move = await t.call('PATCH', `/v2/Manage/Users/${inside.id}`, {
        token: m.token,
        body: { DivisionID: south },
      });
      expect(move.status).toBe(400);
      const add = await t.call('POST', '/v2/Manage/Users', {
        token: m.token,
        body: { Name: 'New North', Email: 'nn@people.test', DivisionID: north },
      });
      expect(add.status).toBe(201);
      const addOut = await t.call('POST', '/v2/Manage/Users', {
        token: m.token,
        body: { Name: 'New South', Email: 'ns@people.test', DivisionID: south },
      });
      expect(addOut.status).toBe(403);
      // Root scope needs the permission for all divisions.
      expect(
        (await t.call('POST', '/v2/Users', { token: m.token, body: { Name: 'X', Email: 'x@people.test' } }))
          .status,
      ).toBe(403);
      const none = await manager(t, admin);
      expect((await t.call('GET', '/v2/Manage/Users', { token: none.token })).status).toBe(403);
    });
  });

  describe('permissions', () => {
    it('replaces a manager’s permissions, validates names, and applies them at once', async () => {
      const m = await manager(t, admin);
      expect((await t.call('GET', '/v2/Manage/Users', { token: m.token })).status).toBe(403);
      const bad = await t.call('PUT', `/v2/Users/${m.id}/Permissions`, {
        token: admin,
        body: [{ Name: 'View People' }, { Name: 'Fly', AccessLevel: 'All' }],
      });
      expect(bad.status).toBe(400);
      expect(bad.body.errors[0].Field).toBe('[1].Name');
      const ok = await t.call('PUT', `/v2/Users/${m.id}/Permissions`, {
        token: admin,
        body: [{ Name: 'view people', AccessLevel: 'all' }],
      });
      expect(ok.status).toBe(200);
      expect(ok.body.data).toEqual([{ Name: 'View People', AccessLevel: 'All' }]);
      expect((await t.call('GET', '/v2/Manage/Users', { token: m.token })).status).toBe(200);
      expect((await t.call('GET', `/v2/Users/${m.id}/Permissions`, { token: m.token })).status).toBe(403);
      const mine = await t.call('GET', '/v2/Manage/Permissions', { token: m.token });
      expect(mine.body.data).toEqual([{ Name: 'View People', AccessLevel: 'All' }]);
    });

    it('validates permission divisions against the company', async () => {
      const m = await manager(t, admin);
      const foreign = await division('Foreign', other);
      const bad = await t.call('PUT', `/v2/Users/${m.id}/Permissions/Divisions`, {
        token: admin,
        body: [foreign],
      });
      expect(bad.status).toBe(400);
      expect(bad.body.errors[0].Field).toBe('[0]');
      const mine = await division('Mine');
      const ok = await t.call('PUT', `/v2/Users/${m.id}/Permissions/Divisions`, {
        token: admin,
        body: [mine],
      });
      expect(ok.body.data).toEqual([mine]);
      expect(
        (await t.call('GET', `/v2/Users/${m.id}/Permissions/Divisions?IsActive=false`, { token: admin })).body
          .data,
      ).toEqual([]);
    });

    it('lists permission names', async () => {
      const names = await t.call('GET', '/v2/Company/Permissions?limit=5', { token: admin });
      expect(names.body.data).toHaveLength(5);
      expect(names.body.page.count).toBe(33);
      const all = await t.call('GET', '/v2/Permissions', { token: admin });
      expect(all.body.data).toContainEqual({ Name: 'Lock timesheets' });
    });
  });

  describe('isolation between companies', () => {
    it('hides every person of another company: 404 by ID, absent from lists, 400 inside a body', async () => {
      const p = await person(t, admin);
      expect((await t.call('GET', `/v2/Users/${p.id}`, { token: other })).status).toBe(404);
      expect(
        (await t.call('PATCH', `/v2/Users/${p.id}`, { token: other, body: { Name: 'Hacked' } })).status,
      ).toBe(404);
      expect((await t.call('DELETE', `/v2/Users/${p.id}`, { token: other })).status).toBe(404);
      expect((await t.call('GET', `/v2/Users/${p.id}/Permissions`, { token: other })).status).toBe(404);
      const list = await t.call('GET', `/v2/Users?ID=${p.id}`, { token: other });
      expect(list.body.data).toEqual([]);
      const d = await division('Theirs');
      const body = await t.call('POST', '/v2/Users', {
        token: other,
        body: { Name: 'X', Email: 'x-iso@people.test', DivisionID: d },
      });
      expect(body.status).toBe(400);
      expect(body.body.errors[0].Field).toBe('DivisionID');
      expect((await t.call('GET', `/v2/Divisions/${d}`, { token: other })).status).toBe(404);
    });
  });

  it('accepts only default expense and payment types of the company', async () => {
    const p = await person(t, admin);
    const bad = await t.call('PATCH', `/v2/Users/${p.id}`, {
      token: admin,
      body: { DefaultExpenseTypeID: 'nope', DefaultPaymentTypeID: 'nope' },
    });
    expect(bad.status).toBe(400);
    expect(bad.body.errors.map((e: { Field: string }) => e.Field).sort()).toEqual([
      'DefaultExpenseTypeID',
      'DefaultPaymentTypeID',
    ]);
    const types = await t.call('GET', '/v2/ExpenseTypes', { token: admin });
    const good = await t.call('PATCH', '/v2/Me', {
      token: p.token,
      body: { DefaultExpenseTypeID: types.body.data[0].ID },
    });
    expect(good.status).toBe(200);
    expect(good.body.data.DefaultExpenseTypeID).toBe(types.body.data[0].ID);
    const theirs = await t.call('GET', '/v2/PaymentTypes', { token: other });
    const foreign = await t.call('PATCH', '/v2/Me', {
      token: p.token,
      body: { DefaultPaymentTypeID: theirs.body.data[0].ID },
    });
    expect(foreign.status).toBe(400);
  });

  it('returns the /Users/new template with defaults and stores nothing', async () => {
    const before = await t.call('GET', '/v2/Users', { token: admin });
    const res = await t.call('GET', '/v2/Users/new', { token: admin });
    expect(res.status).toBe(200);
    expect(res.body.data).toMatchObject({
      ID: '',
      SecurityLevel: 'STANDARD',
      IsActive: true,
      CostModel: 'Hourly',
    });
    expect((await t.call('GET', '/v2/Users', { token: admin })).body.page.count).toBe(before.body.page.count);
  });
});
