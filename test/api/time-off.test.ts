/**
 * Time-off entries and leave types on both databases: default types, /Me/TimeOff, /TimeOff,
 * /Manage/Timesheets/TimeOff and the timesheet sub-resources, the rules of an entry, DCAA, LockDate,
 * permissions and cross-company isolation.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../support/app.js';
import { testDialects } from '../support/db.js';
import { manager, person, type Person } from '../support/people.js';
import { fieldsOf, storeSettings, TestClock } from './time-entries-fixtures.js';

const dialects = await testDialects();

describe.each(dialects)('time off on %s', (dialect) => {
  const clock = new TestClock('2026-03-10T12:00:00.000Z');
  let t: TestApp;
  let admin: string;
  let companyId: string;
  let adminId: string;
  let types: Record<string, string>;
  let alice: Person;

  beforeAll(async () => {
    t = await createTestApp(dialect, {}, { clock: clock.read });
    const c = await t.company('Leave Co');
    admin = c.Token;
    companyId = c.CompanyID;
    adminId = c.UserID;
    const res = await t.call('GET', '/v2/TimeOffTypes?limit=50', { token: admin });
    types = Object.fromEntries(res.body.data.map((x: { Name: string; ID: string }) => [x.Name, x.ID]));
    alice = await person(t, admin, { Name: 'Alice' });
  });
  afterAll(() => t.close());

  const post = (token: string, body: unknown, path = '/v2/Me/TimeOff') =>
    t.call('POST', path, { token, body });

  describe('leave types', () => {
    it('a new company starts with ClickTime’s default leave types', async () => {
      const res = await t.call('GET', '/v2/TimeOffTypes', { token: admin });
      expect(res.status).toBe(200);
      expect(res.body.data.map((x: any) => [x.Name, x.IsActive, x.RequiresApproval])).toEqual([
        ['Comp Time', false, false],
        ['Company Holiday', true, false],
        ['Personal Time', false, false],
        ['Sick Leave', true, false],
        ['Vacation', true, false],
      ]);
      expect(res.body.data[4]).toMatchObject({
        DefaultAccrualRate: 0,
        DefaultMaximumBalance: null,
        DefaultStartingBalance: 0,
        DefaultApproverID: null,
      });
      const active = await t.call('GET', '/v2/Me/TimeOffTypes?IsActive=true', { token: alice.token });
      expect(active.body.data.map((x: any) => x.Name)).toEqual(['Company Holiday', 'Sick Leave', 'Vacation']);
      expect(active.body.data[2]).toMatchObject({
        CurrentBalance: 0,
        RequiresApproval: false,
        ApproverID: null,
      });
    });

    it('RequiresApproval needs a DefaultApproverID and cannot be switched back off', async () => {
      const bad = await t.call('POST', '/v2/TimeOffTypes', {
        token: admin,
        body: { Name: 'Sabbatical', RequiresApproval: true },
      });
      expect(bad.status).toBe(400);
      expect(fieldsOf(bad)).toEqual(['DefaultApproverID']);
      const standard = await t.call('POST', '/v2/TimeOffTypes', {
        token: admin,
        body: { Name: 'Sabbatical', RequiresApproval: true, DefaultApproverID: alice.id },
      });
      expect(standard.status).toBe(400);
      expect(standard.body.errors[0].Message).toMatch(/Manager or an Admin/);
      const ok = await t.call('POST', '/v2/TimeOffTypes', {
        token: admin,
        body: {
          Name: 'Sabbatical',
          RequiresApproval: true,
          DefaultApproverID: adminId,
          DefaultAccrualRate: '1.5',
        },
      });
      expect(ok.status).toBe(201);
      expect(ok.body.data).toMatchObject({
        RequiresApproval: true,
        DefaultApproverID: adminId,
        DefaultAccrualRate: 1.5,
      });
      const back = await t.call('PATCH', `/v2/TimeOffTypes/${ok.body.data.ID}`, {
        token: admin,
        body: { RequiresApproval: false },
      });
      expect(back.status).toBe(409);
      expect(back.body.errors[0].Field).toBe('RequiresApproval');
      const noApprover = await t.call('PATCH', `/v2/TimeOffTypes/${ok.body.data.ID}`, {
        token: admin,
        body: { DefaultApproverID: null },
      });
      expect(noApprover.status).toBe(400);
      types.Sabbatical = ok.body.data.ID;
    });

    it('only Admins create or change types; managers with View People read them', async () => {
      const viewer = await manager(t, admin, { 'View People': 'All' });
      expect(
        (await t.call('POST', '/v2/TimeOffTypes', { token: viewer.token, body: { Name: 'X' } })).status,
      ).toBe(403);
      expect((await t.call('GET', '/v2/TimeOffTypes', { token: alice.token })).status).toBe(403);
      const seen = await t.call('GET', `/v2/TimeOffTypes/${types.Vacation}`, { token: viewer.token });
      expect(seen.status).toBe(200);
      expect(seen.body.data.DefaultAccrualRate).toBeUndefined();
      const bare = await manager(t, admin);
      expect((await t.call('GET', '/v2/TimeOffTypes', { token: bare.token })).status).toBe(403);
      const tpl = await t.call('GET', '/v2/TimeOffTypes/new', { token: admin });
      expect(tpl.body.data).toMatchObject({ ID: '', Name: '', IsActive: true, RequiresApproval: false });
    });

    it('rejects bad bodies with every field named', async () => {
      const res = await t.call('POST', '/v2/TimeOffTypes', {
        token: admin,
        body: [{ Name: '' }, { Name: 'Ok', DefaultAccrualRate: -1, DefaultStartingBalance: 1.23456 }],
      });
      expect(res.status).toBe(400);
      expect(fieldsOf(res)).toEqual(['[0].Name', '[1].DefaultAccrualRate']);
      const precise = await t.call('POST', '/v2/TimeOffTypes', {
        token: admin,
        body: { Name: 'Ok', DefaultStartingBalance: 1.23456 },
      });
      expect(precise.status).toBe(400);
      expect(fieldsOf(precise)).toEqual(['DefaultStartingBalance']);
      const custom = await t.call('POST', '/v2/TimeOffTypes', {
        token: admin,
        body: { Name: 'Ok', CustomFields: { nope: 1 } },
      });
      expect(custom.status).toBe(400);
      expect((await t.call('GET', '/v2/TimeOffTypes/nope', { token: admin })).status).toBe(404);
      expect(
        (await t.call('GET', '/v2/TimeOffTypes/CustomFieldDefinitions', { token: admin })).body.data,
      ).toEqual([]);
    });
  });

  describe('entries', () => {
    it('a person logs, reads, changes and deletes their own time off', async () => {
      const created = await post(alice.token, {
        Date: '2026-03-12',
        Hours: '7.5',
        TimeOffTypeID: types.Vacation,
      });
      expect(created.status).toBe(201);
      expect(created.body.data).toMatchObject({
        Date: '2026-03-12',
        Hours: 7.5,
        Notes: '',
        TimeOffTypeID: types.Vacation,
        UserID: alice.id,
        TimeOffRequestID: null,
      });
      const id = created.body.data.ID;
      const one = await t.call('GET', `/v2/Me/TimeOff/${id}?Verbose=true`, { token: alice.token });
      expect(one.body.data.TimeOffType).toEqual({ ID: types.Vacation, Name: 'Vacation', IsActive: true });
      expect(one.body.data.User).toMatchObject({ ID: alice.id, Name: 'Alice' });

      const patched = await t.call('PATCH', `/v2/Me/TimeOff/${id}`, {
        token: alice.token,
        body: { Hours: 4, Notes: 'dentist', Date: '2026-03-13', TimeOffTypeID: types['Sick Leave'] },
      });
      expect(patched.status).toBe(200);
      expect(patched.body.data).toMatchObject({
        Date: '2026-03-12',
        Hours: 4,
        Notes: 'dentist',
        TimeOffTypeID: types['Sick Leave'],
      });
      expect(patched.body.meta.Warnings[0]).toMatch(/Date was ignored/);

      const listed = await t.call('GET', '/v2/Me/TimeOff?FromDate=2026-03-01&ToDate=2026-03-31', {
        token: alice.token,
      });
      expect(listed.body.data.map((e: any) => e.ID)).toEqual([id]);
      expect(
        (await t.call('GET', '/v2/Me/TimeOff?Date=2026-03-13', { token: alice.token })).body.page.count,
      ).toBe(0);
      expect(
        (await t.call('GET', `/v2/Me/TimeOff?TimeOffTypeID=${types.Vacation}`, { token: alice.token })).body
          .page.count,
      ).toBe(0);

      expect((await t.call('DELETE', `/v2/Me/TimeOff/${id}`, { token: alice.token })).body).toMatchObject({
        data: null,
      });
      expect((await t.call('GET', `/v2/Me/TimeOff/${id}`, { token: alice.token })).status).toBe(404);
    });

    it('refuses bad entries with a 400 naming every field, never a 500', async () => {
      const res = await post(alice.token, [
        { Date: '2026-02-30', Hours: 1, TimeOffTypeID: types.Vacation },
        { Date: '2026-03-02', Hours: 0.005, TimeOffTypeID: types.Vacation },
        { Date: '2026-03-02', Hours: 0, TimeOffTypeID: 'nope' },
        { Date: '2026-03-02', Hours: 2, TimeOffTypeID: types['Comp Time'] },
        { Date: '2026-03-02', Hours: 25, TimeOffTypeID: types.Vacation },
      ]);
      expect(res.status).toBe(400);
      expect(fieldsOf(res)).toEqual(['[0].Date', '[4].Hours']);
      const rules = await post(alice.token, [
        { Date: '2026-03-02', Hours: 0.005, TimeOffTypeID: types.Vacation },
        { Date: '2026-03-02', Hours: 0, TimeOffTypeID: 'nope' },
        { Date: '2026-03-02', Hours: 2, TimeOffTypeID: types['Comp Time'] },
      ]);
      expect(rules.status).toBe(400);
      expect(fieldsOf(rules)).toEqual(['[0].Hours', '[1].Hours', '[1].TimeOffTypeID', '[2].TimeOffTypeID']);
      for (const body of ['[]', '{', '"x"', '{"Date":1}']) {
        const r = await t.call('POST', '/v2/Me/TimeOff', { token: alice.token, rawBody: body });
        expect(r.status).toBe(400);
      }
      expect((await t.call('GET', '/v2/Me/TimeOff?FromDate=yesterday', { token: alice.token })).status).toBe(
        400,
      );
      expect((await t.call('GET', '/v2/Me/TimeOff?limit=-1', { token: alice.token })).status).toBe(400);
      expect((await t.call('PATCH', '/v2/Me/TimeOff/nope', { token: alice.token, body: {} })).status).toBe(
        404,
      );
    });

    it('a type that requires approval cannot be used directly (400 naming TimeOffTypeID)', async () => {
      const res = await post(alice.token, { Date: '2026-03-16', Hours: 8, TimeOffTypeID: types.Sabbatical });
      expect(res.status).toBe(400);
      expect(res.body.errors[0]).toMatchObject({ Field: 'TimeOffTypeID' });
      expect(res.body.errors[0].Message).toMatch(/TimeOffRequests/);
      const admins = await post(
        admin,
        { Date: '2026-03-16', Hours: 8, TimeOffTypeID: types.Sabbatical, UserID: alice.id },
        '/v2/TimeOff',
      );
      expect(admins.status).toBe(400);
    });

    it('at most 24 hours of time off a day', async () => {
      const first = await post(alice.token, { Date: '2026-03-17', Hours: 20, TimeOffTypeID: types.Vacation });
      expect(first.status).toBe(201);
      const second = await post(alice.token, {
        Date: '2026-03-17',
        Hours: 5,
        TimeOffTypeID: types['Sick Leave'],
      });
      expect(second.status).toBe(400);
      expect(second.body.errors[0].MessageDetail[0]).toMatch(/2026-03-17/);
      const grow = await t.call('PATCH', `/v2/Me/TimeOff/${first.body.data.ID}`, {
        token: alice.token,
        body: { Hours: 24 },
      });
      expect(grow.status).toBe(200);
      await t.call('DELETE', `/v2/Me/TimeOff/${first.body.data.ID}`, { token: alice.token });
    });

    it('respects the person’s StartDate and EndDate', async () => {
      const late = await person(t, admin, { StartDate: '2026-04-01' });
      const res = await post(late.token, { Date: '2026-03-30', Hours: 1, TimeOffTypeID: types.Vacation });
      expect(res.status).toBe(400);
      expect(fieldsOf(res)).toEqual(['Date']);
    });

    it('Company.LockDate closes /Me writes (409); an Admin through /TimeOff overrides it', async () => {
      const e = await post(alice.token, { Date: '2026-02-10', Hours: 1, TimeOffTypeID: types.Vacation });
      expect(e.status).toBe(201);
      await t.call('PATCH', '/v2/Company', { token: admin, body: { LockDate: '2026-02-28' } });
      const blocked = await post(alice.token, {
        Date: '2026-02-11',
        Hours: 1,
        TimeOffTypeID: types.Vacation,
      });
      expect(blocked.status).toBe(409);
      expect(
        (await t.call('DELETE', `/v2/Me/TimeOff/${e.body.data.ID}`, { token: alice.token })).status,
      ).toBe(409);
      const byAdmin = await post(
        admin,
        { Date: '2026-02-11', Hours: 1, TimeOffTypeID: types.Vacation, UserID: alice.id },
        '/v2/TimeOff',
      );
      expect(byAdmin.status).toBe(201);
      expect(byAdmin.body.data.UserID).toBe(alice.id);
      expect((await t.call('DELETE', `/v2/TimeOff/${e.body.data.ID}`, { token: admin })).status).toBe(200);
      expect((await t.call('DELETE', `/v2/TimeOff/${byAdmin.body.data.ID}`, { token: admin })).status).toBe(
        200,
      );
      await t.call('PATCH', '/v2/Company', { token: admin, body: { LockDate: null } });
    });

    it('a submitted timesheet closes its time off for the person', async () => {
      const bob = await person(t, admin, { Name: 'Bob' });
      const e = await post(bob.token, { Date: '2026-03-03', Hours: 2, TimeOffTypeID: types.Vacation });
      const submit = await t.call('POST', '/v2/Me/Timesheets/2026-03-03/Actions', {
        token: bob.token,
        body: { Action: 'Submit' },
      });
      expect(submit.status).toBe(200);
      const patch = await t.call('PATCH', `/v2/Me/TimeOff/${e.body.data.ID}`, {
        token: bob.token,
        body: { Hours: 3 },
      });
      expect(patch.status).toBe(409);
      const admins = await t.call('PATCH', `/v2/TimeOff/${e.body.data.ID}`, {
        token: admin,
        body: { Hours: 3 },
      });
      expect(admins.status).toBe(200);
    });

    it('DCAA logging switches writes off (403) and leaves reading on', async () => {
      const e = await post(alice.token, { Date: '2026-03-18', Hours: 1, TimeOffTypeID: types.Vacation });
      await storeSettings(t, companyId, { DCAALogEnabled: true });
      try {
        expect(
          (await post(alice.token, { Date: '2026-03-19', Hours: 1, TimeOffTypeID: types.Vacation })).status,
        ).toBe(403);
        expect(
          (
            await t.call('PATCH', `/v2/Me/TimeOff/${e.body.data.ID}`, {
              token: alice.token,
              body: { Hours: 2 },
            })
          ).status,
        ).toBe(403);
        expect((await t.call('DELETE', `/v2/TimeOff/${e.body.data.ID}`, { token: admin })).status).toBe(403);
        expect((await t.call('GET', `/v2/Me/TimeOff/${e.body.data.ID}`, { token: alice.token })).status).toBe(
          200,
        );
      } finally {
        await storeSettings(t, companyId, { DCAALogEnabled: false });
      }
    });

    it('/TimeOff is for Admins only', async () => {
      const m = await manager(t, admin, { 'Override timesheets': 'All', 'Lock timesheets': 'All' });
      expect((await t.call('GET', '/v2/TimeOff', { token: m.token })).status).toBe(403);
      expect((await t.call('GET', '/v2/TimeOff', { token: alice.token })).status).toBe(403);
      const all = await t.call('GET', `/v2/TimeOff?UserID=${alice.id}`, { token: admin });
      expect(all.status).toBe(200);
      expect(all.body.data.every((e: any) => e.UserID === alice.id)).toBe(true);
      expect((await t.call('GET', '/v2/TimeOff/new', { token: alice.token })).body.data).toMatchObject({
        ID: '',
        UserID: alice.id,
        TimeOffTypeID: null,
      });
    });

    it('/Manage/Timesheets/TimeOff: read with Lock timesheets, write with Override timesheets, for people reached', async () => {
      const approver = await manager(t, admin, { 'Lock timesheets': 'Divisions' });
      const overrider = await manager(t, admin, {
        'Lock timesheets': 'Divisions',
        'Override timesheets': 'Divisions',
      });
      const carol = await person(t, admin, {
        Name: 'Carol',
        SubjectToTimesheetApproval: true,
        TimesheetApproverID: approver.id,
      });
      const dave = await person(t, admin, {
        Name: 'Dave',
        SubjectToTimesheetApproval: true,
        TimesheetApproverID: overrider.id,
      });
      const c = await post(carol.token, { Date: '2026-03-05', Hours: 3, TimeOffTypeID: types.Vacation });
      await post(dave.token, { Date: '2026-03-05', Hours: 2, TimeOffTypeID: types.Vacation });

      const seen = await t.call('GET', '/v2/Manage/Timesheets/TimeOff', { token: approver.token });
      expect(seen.status).toBe(200);
      expect(seen.body.data.map((e: any) => e.UserID)).toEqual([carol.id]);
      expect(
        (await t.call('GET', `/v2/Manage/Timesheets/TimeOff/${c.body.data.ID}`, { token: overrider.token }))
          .status,
      ).toBe(404);
      expect(
        (
          await post(
            approver.token,
            { Date: '2026-03-06', Hours: 1, TimeOffTypeID: types.Vacation, UserID: carol.id },
            '/v2/Manage/Timesheets/TimeOff',
          )
        ).status,
      ).toBe(403);
      const forDave = await post(
        overrider.token,
        { Date: '2026-03-06', Hours: 1, TimeOffTypeID: types.Vacation, UserID: dave.id },
        '/v2/Manage/Timesheets/TimeOff',
      );
      expect(forDave.status).toBe(201);
      const forCarol = await post(
        overrider.token,
        { Date: '2026-03-06', Hours: 1, TimeOffTypeID: types.Vacation, UserID: carol.id },
        '/v2/Manage/Timesheets/TimeOff',
      );
      expect(forCarol.status).toBe(400);
      expect(fieldsOf(forCarol)).toEqual(['UserID']);
      expect((await t.call('GET', '/v2/Manage/Timesheets/TimeOff', { token: alice.token })).status).toBe(403);

      // The timesheet sub-resources.
      const sheet = await t.call('GET', `/v2/Manage/Timesheets/TimeOff?UserID=${carol.id}`, {
        token: approver.token,
      });
      expect(sheet.body.page.count).toBe(1);
      const carolSheet = (await t.call('GET', '/v2/Me/Timesheets/2026-03-05', { token: carol.token })).body
        .data.ID;
      const sub = await t.call('GET', `/v2/Manage/Timesheets/${carolSheet}/TimeOff`, {
        token: approver.token,
      });
      expect(sub.status).toBe(200);
      expect(sub.body.data.map((e: any) => e.ID)).toEqual([c.body.data.ID]);
      const one = await t.call('GET', `/v2/Manage/Timesheets/${carolSheet}/TimeOff/${c.body.data.ID}`, {
        token: approver.token,
      });
      expect(one.status).toBe(200);
      expect(
        (await t.call('GET', `/v2/Manage/Timesheets/${carolSheet}/TimeOff`, { token: overrider.token }))
          .status,
      ).toBe(404);
      const root = await t.call('GET', `/v2/Timesheets/${carolSheet}/TimeOff`, { token: admin });
      expect(root.body.data.map((e: any) => e.ID)).toEqual([c.body.data.ID]);
      expect(
        (await t.call('GET', `/v2/Timesheets/${carolSheet}/TimeOff`, { token: approver.token })).status,
      ).toBe(403);

      await t.call('PATCH', '/v2/Company', {
        token: admin,
        body: { OptionalModules: { TimesheetApprovals: false } },
      });
      expect((await t.call('GET', '/v2/Manage/Timesheets/TimeOff', { token: approver.token })).status).toBe(
        403,
      );
      await t.call('PATCH', '/v2/Company', {
        token: admin,
        body: { OptionalModules: { TimesheetApprovals: true } },
      });
    });
  });

  describe('robustness', () => {
    it('answers malformed input on every time-off write in the envelope, never with a 500', async () => {
      const e = await post(alice.token, { Date: '2026-03-20', Hours: 1, TimeOffTypeID: types.Vacation });
      const req = await t.call('POST', '/v2/Me/TimeOffRequests', {
        token: alice.token,
        body: { TimeOffTypeID: types.Vacation, Dates: ['2026-03-23'] },
      });
      expect(req.status).toBe(201);
      const holidayType = await t.call('POST', '/v2/HolidayTypes', {
        token: admin,
        body: { Name: 'Robust' },
      });
      const bodies: unknown[] = [
        null,
        [],
        [null],
        1,
        'x',
        {},
        { Hours: 1e308 },
        { Hours: -1 },
        { Hours: '7.5.1' },
        { Date: '0000-00-00', Hours: 1, TimeOffTypeID: types.Vacation },
        { Date: '9999-12-31', Hours: 1, TimeOffTypeID: types.Vacation },
        { Date: '2026-03-20', Hours: 1, TimeOffTypeID: '' },
        { TimeOffTypeID: null, Dates: null },
        { TimeOffTypeID: types.Vacation, Dates: [{}] },
        { TimeOffTypeID: types.Vacation, Dates: ['9999-12-31'] },
        { Action: null },
        { Action: 'Set', Date: '2026-01-01', Hours: 1e12 },
        { Action: 'Approve', Comment: 5 },
        { Name: 'x'.repeat(300) },
        { Name: 'ok', DefaultMaximumBalance: -5, DefaultAccrualRate: 'lots' },
        { Notes: 'x'.repeat(5000) },
        { StartingBalance: 1e300, AccrualStartDate: '2026-02-31' },
        { HolidayTypeID: holidayType.body.data.ID, Date: '2026-01-01', Hours: 99 },
        { EmploymentTypeID: 5 },
      ];
      const targets: [string, string][] = [
        ['POST', '/v2/Me/TimeOff'],
        ['POST', '/v2/TimeOff'],
        ['PATCH', `/v2/Me/TimeOff/${e.body.data.ID}`],
        ['PATCH', `/v2/TimeOff/${e.body.data.ID}`],
        ['POST', '/v2/Manage/Timesheets/TimeOff'],
        ['POST', '/v2/TimeOffTypes'],
        ['PATCH', `/v2/TimeOffTypes/${types.Vacation}`],
        ['PATCH', `/v2/Users/${alice.id}/TimeOffTypes/${types.Vacation}`],
        ['POST', `/v2/Users/${alice.id}/TimeOffTypes/${types.Vacation}/BalanceAdjustments`],
        ['POST', '/v2/Me/TimeOffRequests'],
        ['POST', '/v2/TimeOffRequests'],
        ['POST', `/v2/Me/TimeOffRequests/${req.body.data.ID}/Actions`],
        ['POST', `/v2/TimeOffRequests/${req.body.data.ID}/Actions`],
        ['POST', '/v2/Holidays'],
        ['POST', '/v2/HolidayTypes'],
        ['PUT', `/v2/TimeOffTypes/${types.Vacation}/EmploymentTypes`],
      ];
      for (const [method, url] of targets) {
        for (const body of bodies) {
          const res = await t.call(method, url, { token: admin, rawBody: JSON.stringify(body) });
          expect(
            res.status,
            `${method} ${url} ${JSON.stringify(body)} → ${JSON.stringify(res.body)}`,
          ).toBeLessThan(500);
          expect(res.body).toHaveProperty('errors');
          if (res.status >= 400) expect(res.body.data).toBeNull();
        }
      }
      for (const path of [
        '/v2/Me/TimeOffTypes/x/FutureBalance/2026-13-01',
        '/v2/Me/TimeOffTypes/x/FutureBalance/0000-00-00',
        `/v2/Me/TimeOffTypes/${types.Vacation}/FutureBalance/9999-12-31`,
        `/v2/Me/TimeOffTypes/${types.Vacation}/FutureBalance/0001-01-01`,
        '/v2/Me/TimeOffRequests?Status=Maybe',
        '/v2/TimeOffRequests?FromDate=2026-03-01&ToDate=2026-02-01',
        '/v2/HolidayEntries?ID=..',
        '/v2/HolidayEntries/a.b.c',
        '/v2/Timesheets/2026-02-30/TimeOff',
      ]) {
        const res = await t.call('GET', path, { token: admin });
        expect(res.status, `${path} → ${JSON.stringify(res.body)}`).toBeLessThan(500);
      }
    });
  });

  describe('isolation', () => {
    it('another company’s records are unknown: 404 in paths, 400 naming the field in bodies', async () => {
      const other = await t.company('Other Co');
      const theirs = await t.call('GET', '/v2/TimeOffTypes', { token: other.Token });
      const theirType = theirs.body.data.find((x: any) => x.Name === 'Vacation').ID;
      const theirEntry = await post(other.Token, { Date: '2026-03-04', Hours: 1, TimeOffTypeID: theirType });
      expect(theirEntry.status).toBe(201);
      expect((await t.call('GET', `/v2/TimeOff/${theirEntry.body.data.ID}`, { token: admin })).status).toBe(
        404,
      );
      expect(
        (await t.call('DELETE', `/v2/TimeOff/${theirEntry.body.data.ID}`, { token: admin })).status,
      ).toBe(404);
      expect((await t.call('GET', `/v2/TimeOffTypes/${theirType}`, { token: admin })).status).toBe(404);
      expect((await t.call('GET', `/v2/Me/TimeOffTypes/${theirType}`, { token: alice.token })).status).toBe(
        404,
      );
      const cross = await post(alice.token, { Date: '2026-03-04', Hours: 1, TimeOffTypeID: theirType });
      expect(cross.status).toBe(400);
      expect(fieldsOf(cross)).toEqual(['TimeOffTypeID']);
      const crossUser = await post(
        admin,
        { Date: '2026-03-04', Hours: 1, TimeOffTypeID: types.Vacation, UserID: other.UserID },
        '/v2/TimeOff',
      );
      expect(crossUser.status).toBe(400);
      expect(fieldsOf(crossUser)).toEqual(['UserID']);
      expect((await t.call('GET', `/v2/Users/${other.UserID}/TimeOffTypes`, { token: admin })).status).toBe(
        404,
      );
      const list = await t.call('GET', '/v2/TimeOff', { token: admin });
      expect(list.body.data.some((e: any) => e.ID === theirEntry.body.data.ID)).toBe(false);
    });
  });
});
