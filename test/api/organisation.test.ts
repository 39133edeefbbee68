import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../support/app.js';
import { testDialects } from '../support/db.js';
import { manager, person } from '../support/people.js';

const dialects = await testDialects();

describe.each(dialects)('company, divisions and employment types on %s', (dialect) => {
  let t: TestApp;
  let admin: string;
  let other: string;
  beforeAll(async () => {
    t = await createTestApp(dialect);
    admin = (await t.company('Org Co')).Token;
    other = (await t.company('Elsewhere')).Token;
  });
  afterAll(() => t.close());

  describe('/Company', () => {
    it('shows a new company with the defaults of DECISIONS 27', async () => {
      const res = await t.call('GET', '/v2/Company', { token: admin });
      expect(res.status).toBe(200);
      expect(res.body.data).toMatchObject({
        Name: 'Org Co',
        IsActive: true,
        TimesheetModel: 'weekly',
        WeekStartsOn: 'Monday',
        JobRestrictionMethod: 'none',
        PrecisionForHoursValues: 2,
        MinTimeIncrement: 0.01,
        LockDate: null,
        AllowZeroHourTimeEntries: false,
        AllowWorkedTimeEntryInFuture: false,
        MileageUnit: 'mi',
        CurrencyISO: 'USD',
        OptionalModules: { TimesheetApprovals: true, TimeOffManagement: true, Expenses: true },
      });
    });

    it('lets an Admin change settings, and refuses others with 403', async () => {
      const s = await person(t, admin);
      expect((await t.call('GET', '/v2/Company', { token: s.token })).status).toBe(200);
      expect(
        (await t.call('PATCH', '/v2/Company', { token: s.token, body: { JobTermSingular: 'Project' } }))
          .status,
      ).toBe(403);
      const m = await manager(t, admin, { 'View People': 'All' });
      expect(
        (await t.call('PATCH', '/v2/Company', { token: m.token, body: { JobTermSingular: 'Project' } }))
          .status,
      ).toBe(403);
      const res = await t.call('PATCH', '/v2/Company', {
        token: admin,
        body: {
          JobTermSingular: 'Project',
          LockDate: '2026-01-31',
          TimesheetModel: 'Biweekly',
          OptionalModules: { Expenses: false },
        },
      });
      expect(res.status).toBe(200);
      expect(res.body.data).toMatchObject({
        JobTermSingular: 'Project',
        LockDate: '2026-01-31',
        TimesheetModel: 'biweekly',
        OptionalModules: { Expenses: false, TimesheetApprovals: true },
      });
      // Others see the change at once (the cache is invalidated).
      expect((await t.call('GET', '/v2/Company', { token: s.token })).body.data.JobTermSingular).toBe(
        'Project',
      );
      const cleared = await t.call('PATCH', '/v2/Company', { token: admin, body: { LockDate: null } });
      expect(cleared.body.data.LockDate).toBeNull();
    });

    it('refuses bad settings with 400 naming each field', async () => {
      const res = await t.call('PATCH', '/v2/Company', {
        token: admin,
        body: { LockDate: '31/01/2026', WeekStartsOn: 'Caturday', PrecisionForHoursValues: 9 },
      });
      expect(res.status).toBe(400);
      expect(res.body.errors.map((e: { Field: string }) => e.Field).sort()).toEqual([
        'LockDate',
        'PrecisionForHoursValues',
        'WeekStartsOn',
      ]);
    });

    it('keeps each company’s settings to itself', async () => {
      await t.call('PATCH', '/v2/Company', { token: admin, body: { ClientTermSingular: 'Customer' } });
      expect((await t.call('GET', '/v2/Company', { token: other })).body.data.ClientTermSingular).toBe(
        'Client',
      );
    });
  });

  describe('/Divisions', () => {
    it('creates (single and batch), lists by Name, gets and changes divisions', async () => {
      const one = await t.call('POST', '/v2/Divisions', {
        token: admin,
        body: { Name: 'East', Notes: 'coast' },
      });
      expect(one.status).toBe(201);
      const batch = await t.call('POST', '/v2/Divisions', {
        token: admin,
        body: [{ Name: 'West' }, { Name: 'Central', IsActive: false }],
      });
      expect(batch.status).toBe(201);
      expect(batch.body.data).toHaveLength(2);
      const list = await t.call('GET', '/v2/Divisions?IsActive=true', { token: admin });
      expect(list.body.data.map((d: { Name: string }) => d.Name)).toEqual(['East', 'West']);
      const id = one.body.data.ID as string;
      const patched = await t.call('PATCH', `/v2/Divisions/${id}`, {
        token: admin,
        body: { IsActive: false },
      });
      expect(patched.body.data).toMatchObject({ ID: id, Name: 'East', IsActive: false, Notes: 'coast' });
      expect((await t.call('DELETE', `/v2/Divisions/${id}`, { token: admin })).status).toBe(405);
      expect((await t.call('GET', `/v2/Divisions/${id}`, { token: other })).status).toBe(404);
      expect(
        (await t.call('PATCH', `/v2/Divisions/${id}`, { token: other, body: { Name: 'Mine' } })).status,
      ).toBe(404);
    });

    it('enforces permissions and hides details from managers without View Divisions for all', async () => {
      const d = await t.call('POST', '/v2/Divisions', {
        token: admin,
        body: { Name: 'Secretive', Notes: 'hush' },
      });
      const id = d.body.data.ID as string;
      const s = await person(t, admin);
      expect((await t.call('GET', '/v2/Divisions', { token: s.token })).status).toBe(403);
      const plain = await manager(t, admin);
      const seen = await t.call('GET', `/v2/Divisions/${id}`, { token: plain.token });
      expect(seen.body.data).toEqual({ ID: id, Name: 'Secretive', IsActive: true });
      expect(
        (await t.call('POST', '/v2/Divisions', { token: plain.token, body: { Name: 'No' } })).status,
      ).toBe(403);
      const scoped = await manager(
        t,
        admin,
        { 'View Divisions': 'Divisions', 'Add/Edit Divisions': 'Divisions' },
        [id],
      );
      expect(
        (await t.call('POST', '/v2/Divisions', { token: scoped.token, body: { Name: 'No' } })).status,
      ).toBe(403);
      const manageList = await t.call('GET', '/v2/Manage/Divisions', { token: scoped.token });
      expect(manageList.body.data.map((x: { ID: string }) => x.ID)).toEqual([id]);
      expect(
        (
          await t.call('PATCH', `/v2/Manage/Divisions/${id}`, {
            token: scoped.token,
            body: { Notes: 'open' },
          })
        ).status,
      ).toBe(200);
    });

    it('returns the /Divisions/new template', async () => {
      const res = await t.call('GET', '/v2/Divisions/new', { token: admin });
      expect(res.body.data).toMatchObject({ ID: '', IsActive: true });
    });
  });

  describe('/EmploymentTypes', () => {
    it('creates, lists, changes, and assigns people to an employment type', async () => {
      const res = await t.call('POST', '/v2/EmploymentTypes', { token: admin, body: { Name: 'Full time' } });
      expect(res.status).toBe(201);
      const id = res.body.data.ID as string;
      const p = await person(t, admin);
      const assign = await t.call('POST', `/v2/EmploymentTypes/${id}/Users`, { token: admin, body: [p.id] });
      expect(assign.status).toBe(200);
      expect(assign.body.data).toEqual([p.id]);
      const user = await t.call('GET', `/v2/Users/${p.id}`, { token: admin });
      expect(user.body.data.EmploymentTypeID).toBe(id);
      const verbose = await t.call('GET', `/v2/EmploymentTypes/${id}?Verbose=true`, { token: admin });
      expect(verbose.body.data.Users.map((u: { ID: string }) => u.ID)).toEqual([p.id]);
      const bad = await t.call('POST', `/v2/EmploymentTypes/${id}/Users`, { token: admin, body: ['nope'] });
      expect(bad.status).toBe(400);
      expect((await t.call('GET', `/v2/EmploymentTypes/${id}/Users`, { token: other })).status).toBe(404);
      const renamed = await t.call('PATCH', `/v2/EmploymentTypes/${id}`, {
        token: admin,
        body: { Name: '  ' },
      });
      expect(renamed.status).toBe(400);
    });

    it('needs Add/Edit Employment Types to create', async () => {
      const m = await manager(t, admin, { 'View Employment Types': 'All' });
      expect(
        (await t.call('POST', '/v2/EmploymentTypes', { token: m.token, body: { Name: 'Part time' } })).status,
      ).toBe(403);
      expect((await t.call('GET', '/v2/EmploymentTypes', { token: m.token })).status).toBe(200);
    });
  });
});
