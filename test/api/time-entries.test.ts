/**
 * /Me/TimeEntries and the rules of a time entry (API.md §4.9, §6.1; docs/adr/0006-hours.md), on both
 * databases. Scopes, permissions and isolation are in time-entries-scopes.test.ts.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../support/app.js';
import { testDialects } from '../support/db.js';
import { manager, person, type Person } from '../support/people.js';
import {
  create,
  entry,
  fieldsOf,
  makeClient,
  makeJob,
  makeTask,
  patchCompany,
  storeSettings,
  TestClock,
  world,
  type World,
} from './time-entries-fixtures.js';

const dialects = await testDialects();

describe.each(dialects)('time entries on %s', (dialect) => {
  let t: TestApp;
  const clock = new TestClock();
  let w: World;
  let ann: Person;

  beforeAll(async () => {
    t = await createTestApp(dialect, {}, { clock: clock.read });
    w = await world(t, 'Entries Co');
    ann = await person(t, w.token, { Name: 'Ann Standard' });
  });
  afterAll(() => t.close());
  beforeEach(() => clock.reset());

  describe("a STANDARD person's /Me flow", () => {
    it('creates, reads, lists, changes and deletes their own entry', async () => {
      const res = await t.call('POST', '/v2/Me/TimeEntries', {
        token: ann.token,
        body: {
          Date: '2026-03-09',
          Hours: '7.5',
          JobID: w.jobId,
          TaskID: w.taskId,
          Comment: 'Work',
          CustomFields: {},
        },
      });
      expect(res.status).toBe(201);
      const created = res.body.data;
      expect(created).toMatchObject({
        Date: '2026-03-09',
        Hours: 7.5,
        BreakTime: 0,
        StartTime: null,
        EndTime: null,
        Comment: 'Work',
        JobID: w.jobId,
        TaskID: w.taskId,
        UserID: ann.id,
        CustomFields: {},
      });
      expect(created.ID).toMatch(/^[\w-]{16,}$/);
      // A STANDARD person sees no rates.
      expect(created.BillingRate).toBeUndefined();
      expect(created.CostRate).toBeUndefined();

      const got = await t.call('GET', `/v2/Me/TimeEntries/${created.ID}`, { token: ann.token });
      expect(got.status).toBe(200);
      expect(got.body.data).toEqual(created);

      const list = await t.call('GET', '/v2/Me/TimeEntries', { token: ann.token });
      expect(list.status).toBe(200);
      expect(list.body.data.map((e: { ID: string }) => e.ID)).toContain(created.ID);
      expect(list.body.page).toMatchObject({ offset: 0, limit: 100 });

      const patched = await t.call('PATCH', `/v2/Me/TimeEntries/${created.ID}`, {
        token: ann.token,
        body: { Hours: 6, Comment: 'Less' },
      });
      expect(patched.status).toBe(200);
      expect(patched.body.data).toMatchObject({ Hours: 6, Comment: 'Less', Date: '2026-03-09' });

      expect(
        (await t.call('DELETE', `/v2/Me/TimeEntries/${created.ID}`, { token: ann.token })).body,
      ).toMatchObject({
        data: null,
        errors: [],
      });
      expect((await t.call('GET', `/v2/Me/TimeEntries/${created.ID}`, { token: ann.token })).status).toBe(
        404,
      );
      expect((await t.call('DELETE', `/v2/Me/TimeEntries/${created.ID}`, { token: ann.token })).status).toBe(
        404,
      );
    });

    it("never shows or changes another person's entry through /Me", async () => {
      const mine = await create(t, w.token, entry(w, { Date: '2026-03-02' }));
      expect((await t.call('GET', `/v2/Me/TimeEntries/${mine.ID}`, { token: ann.token })).status).toBe(404);
      expect(
        (await t.call('PATCH', `/v2/Me/TimeEntries/${mine.ID}`, { token: ann.token, body: { Hours: 2 } }))
          .status,
      ).toBe(404);
      expect((await t.call('DELETE', `/v2/Me/TimeEntries/${mine.ID}`, { token: ann.token })).status).toBe(
        404,
      );
      const list = await t.call('GET', `/v2/Me/TimeEntries?ID=${mine.ID}`, { token: ann.token });
      expect(list.body.data).toEqual([]);
    });

    it('ignores UserID on /Me with a warning and logs the time for the caller', async () => {
      const res = await t.call('POST', '/v2/Me/TimeEntries', {
        token: ann.token,
        body: entry(w, { UserID: w.userId }),
      });
      expect(res.status).toBe(201);
      expect(res.body.data.UserID).toBe(ann.id);
      expect(res.body.meta.Warnings).toEqual([expect.stringContaining('UserID was ignored')]);
    });

    it('answers /TimeEntries/new with a template and stores nothing', async () => {
      const res = await t.call('GET', '/v2/TimeEntries/new', { token: ann.token });
      expect(res.status).toBe(200);
      expect(res.body.data).toMatchObject({
        ID: '',
        Date: '2026-03-10',
        Hours: 0,
        UserID: ann.id,
        JobID: null,
        CustomFields: {},
      });
      expect(res.body.data.BillingRate).toBeUndefined();
      const admin = await t.call('GET', '/v2/TimeEntries/new', { token: w.token });
      expect(admin.body.data).toMatchObject({ BillingRate: 0, CostRate: 0, UserID: w.userId });
    });
  });

  describe('required fields and bad input', () => {
    it('lists every missing field', async () => {
      const res = await t.call('POST', '/v2/Me/TimeEntries', { token: ann.token, body: {} });
      expect(res.status).toBe(400);
      expect(fieldsOf(res)).toEqual(['Date', 'JobID', 'TaskID']);
      const noHours = await t.call('POST', '/v2/Me/TimeEntries', {
        token: ann.token,
        body: entry(w, { Hours: undefined }),
      });
      expect(noHours.status).toBe(400);
      expect(fieldsOf(noHours)).toEqual(['Hours']);
    });

    it('refuses wrong types, bad dates and times, and out-of-range hours with 400 naming each field', async () => {
      const res = await t.call('POST', '/v2/Me/TimeEntries', {
        token: ann.token,
        body: {
          Date: '2026-02-30',
          JobID: 5,
          TaskID: w.taskId,
          Hours: 25,
          StartTime: '9:00',
          EndTime: '24:00',
          Comment: 7,
        },
      });
      expect(res.status).toBe(400);
      expect(fieldsOf(res)).toEqual(['Comment', 'Date', 'EndTime', 'Hours', 'JobID', 'StartTime']);
      expect(
        (await t.call('POST', '/v2/Me/TimeEntries', { token: ann.token, body: entry(w, { Hours: -1 }) }))
          .status,
      ).toBe(400);
      expect(
        (await t.call('POST', '/v2/Me/TimeEntries', { token: ann.token, body: entry(w, { Hours: 'seven' }) }))
          .status,
      ).toBe(400);
    });

    it('answers malformed JSON, a non-JSON body and a missing body in the envelope', async () => {
      const bad = await t.call('POST', '/v2/Me/TimeEntries', { token: ann.token, rawBody: '{"Date":' });
      expect(bad.status).toBe(400);
      expect(bad.body).toMatchObject({ data: null, errors: [{ MessageDetail: ['invalid_json'] }] });
      const text = await t.call('POST', '/v2/Me/TimeEntries', {
        token: ann.token,
        rawBody: 'x',
        contentType: 'text/plain',
      });
      expect(text.status).toBe(415);
      expect((await t.call('POST', '/v2/Me/TimeEntries', { token: ann.token })).status).toBe(400);
      expect((await t.call('PATCH', '/v2/Me/TimeEntries/nope', { token: ann.token, body: [] })).status).toBe(
        400,
      );
    });

    it('refuses unknown jobs and tasks, and IDs of another company, naming the field', async () => {
      const other = await world(t, 'Elsewhere');
      const res = await t.call('POST', '/v2/Me/TimeEntries', {
        token: ann.token,
        body: entry(w, { JobID: other.jobId, TaskID: 'no-such-task' }),
      });
      expect(res.status).toBe(400);
      expect(fieldsOf(res)).toEqual(['JobID', 'TaskID']);
    });

    it('reads filters strictly: a bad date or limit is a 400, an unknown parameter is ignored', async () => {
      for (const q of [
        'StartDate=yesterday',
        'EntryDate=2026-13-01',
        'limit=-1',
        'offset=x',
        'Verbose=maybe',
      ]) {
        const res = await t.call('GET', `/v2/Me/TimeEntries?${q}`, { token: ann.token });
        expect(res.status, q).toBe(400);
      }
      expect((await t.call('GET', '/v2/Me/TimeEntries?Colour=blue', { token: ann.token })).status).toBe(200);
    });

    it('needs a token: Basic and nothing are 401', async () => {
      expect((await t.call('GET', '/v2/Me/TimeEntries')).status).toBe(401);
      expect(
        (await t.call('GET', '/v2/Me/TimeEntries', { basic: { email: ann.email, password: ann.password } }))
          .status,
      ).toBe(401);
    });

    it('routes paths case-insensitively and answers 405 for a wrong method', async () => {
      expect((await t.call('GET', '/v2/me/timeentries', { token: ann.token })).status).toBe(200);
      const wrong = await t.call('PUT', '/v2/Me/TimeEntries', { token: ann.token, body: {} });
      expect(wrong.status).toBe(405);
    });
  });

  describe('start, end and break times', () => {
    let breaker: Person;
    beforeAll(async () => {
      breaker = await person(t, w.token, { EnableBreakTime: true });
    });

    it('computes Hours = End − Start − Break: 09:00–17:00 with a 1 h break is 7', async () => {
      const e = await create(
        t,
        breaker.token,
        entry(w, { Hours: undefined, StartTime: '09:00', EndTime: '17:00', BreakTime: 1 }),
      );
      expect(e).toMatchObject({ Hours: 7, BreakTime: 1, StartTime: '09:00', EndTime: '17:00' });
    });

    it('accepts a given Hours that agrees and refuses one that does not', async () => {
      const ok = await create(
        t,
        breaker.token,
        entry(w, { Date: '2026-03-03', StartTime: '09:00', EndTime: '12:30', BreakTime: 0.5, Hours: 3 }),
      );
      expect(ok.Hours).toBe(3);
      const res = await t.call('POST', '/v2/Me/TimeEntries', {
        token: breaker.token,
        body: entry(w, { Date: '2026-03-03', StartTime: '09:00', EndTime: '17:00', BreakTime: 1, Hours: 8 }),
      });
      expect(res.status).toBe(400);
      expect(res.body.errors[0]).toMatchObject({
        Field: 'Hours',
        Message: expect.stringContaining('make 7 hours'),
      });
    });

    it('rounds derived hours half up to the grid (20 minutes is 0.33)', async () => {
      const e = await create(
        t,
        breaker.token,
        entry(w, { Date: '2026-03-04', Hours: undefined, StartTime: '09:00', EndTime: '09:20' }),
      );
      expect(e.Hours).toBe(0.33);
    });

    it('needs both times, the end after the start, and a break shorter than the span', async () => {
      const one = await t.call('POST', '/v2/Me/TimeEntries', {
        token: breaker.token,
        body: entry(w, { StartTime: '09:00' }),
      });
      expect(one.status).toBe(400);
      expect(fieldsOf(one)).toEqual(['EndTime']);
      const backwards = await t.call('POST', '/v2/Me/TimeEntries', {
        token: breaker.token,
        body: entry(w, { Hours: undefined, StartTime: '17:00', EndTime: '09:00' }),
      });
      expect(fieldsOf(backwards)).toEqual(['EndTime']);
      const long = await t.call('POST', '/v2/Me/TimeEntries', {
        token: breaker.token,
        body: entry(w, { Hours: undefined, StartTime: '09:00', EndTime: '10:00', BreakTime: 2 }),
      });
      expect(fieldsOf(long)).toEqual(['BreakTime']);
    });

    it('refuses a break for a person without EnableBreakTime', async () => {
      const res = await t.call('POST', '/v2/Me/TimeEntries', {
        token: ann.token,
        body: entry(w, { Hours: undefined, StartTime: '09:00', EndTime: '17:00', BreakTime: 1 }),
      });
      expect(res.status).toBe(400);
      expect(res.body.errors[0]).toMatchObject({
        Field: 'BreakTime',
        Message: expect.stringContaining('EnableBreakTime'),
      });
      expect(
        (await t.call('POST', '/v2/Me/TimeEntries', { token: ann.token, body: entry(w, { BreakTime: 0 }) }))
          .status,
      ).toBe(201);
    });

    it('recomputes Hours when a PATCH moves the times and refuses a lone Hours that disagrees', async () => {
      const e = await create(
        t,
        breaker.token,
        entry(w, { Date: '2026-03-05', Hours: undefined, StartTime: '09:00', EndTime: '17:00' }),
      );
      const moved = await t.call('PATCH', `/v2/Me/TimeEntries/${e.ID}`, {
        token: breaker.token,
        body: { EndTime: '13:00' },
      });
      expect(moved.body.data).toMatchObject({ Hours: 4, EndTime: '13:00' });
      const lone = await t.call('PATCH', `/v2/Me/TimeEntries/${e.ID}`, {
        token: breaker.token,
        body: { Hours: 5 },
      });
      expect(lone.status).toBe(400);
      const cleared = await t.call('PATCH', `/v2/Me/TimeEntries/${e.ID}`, {
        token: breaker.token,
        body: { Hours: 5, StartTime: null, EndTime: null },
      });
      expect(cleared.body.data).toMatchObject({ Hours: 5, StartTime: null, EndTime: null });
    });
  });

  describe("the person's profile rules", () => {
    it('RequireComments: an empty or blank comment is refused, on create and on change', async () => {
      const p = await person(t, w.token, { RequireComments: true });
      for (const Comment of [undefined, '', '   ', null]) {
        const res = await t.call('POST', '/v2/Me/TimeEntries', {
          token: p.token,
          body: entry(w, { Comment }),
        });
        expect(res.status).toBe(400);
        expect(res.body.errors[0]).toMatchObject({ Field: 'Comment', MessageDetail: ['required'] });
      }
      const e = await create(t, p.token, entry(w, { Comment: 'Did things' }));
      expect(
        (await t.call('PATCH', `/v2/Me/TimeEntries/${e.ID}`, { token: p.token, body: { Comment: '' } }))
          .status,
      ).toBe(400);
      expect(
        (await t.call('PATCH', `/v2/Me/TimeEntries/${e.ID}`, { token: p.token, body: { Hours: 2 } })).status,
      ).toBe(200);
    });

    it("RequireStartEndTime: Hours alone is refused; the rule follows the entry's person, not the caller", async () => {
      const p = await person(t, w.token, { RequireStartEndTime: true });
      const res = await t.call('POST', '/v2/Me/TimeEntries', { token: p.token, body: entry(w) });
      expect(res.status).toBe(400);
      expect(fieldsOf(res)).toEqual(['EndTime', 'StartTime']);
      expect(
        (
          await t.call('POST', '/v2/Me/TimeEntries', {
            token: p.token,
            body: entry(w, { Hours: undefined, StartTime: '08:00', EndTime: '09:15' }),
          })
        ).body.data.Hours,
      ).toBe(1.25);
      const forThem = await t.call('POST', '/v2/TimeEntries', {
        token: w.token,
        body: entry(w, { UserID: p.id }),
      });
      expect(forThem.status).toBe(400);
    });

    it("the person's StartDate and EndDate bound the dates", async () => {
      const p = await person(t, w.token, { StartDate: '2026-03-02', EndDate: '2026-03-06' });
      const before = await t.call('POST', '/v2/Me/TimeEntries', {
        token: p.token,
        body: entry(w, { Date: '2026-03-01' }),
      });
      expect(before.status).toBe(400);
      expect(before.body.errors[0]).toMatchObject({
        Field: 'Date',
        Message: expect.stringContaining('StartDate'),
      });
      const after = await t.call('POST', '/v2/Me/TimeEntries', {
        token: p.token,
        body: entry(w, { Date: '2026-03-07' }),
      });
      expect(after.body.errors[0].Message).toContain('EndDate');
      expect(
        (
          await t.call('POST', '/v2/Me/TimeEntries', {
            token: p.token,
            body: entry(w, { Date: '2026-03-06' }),
          })
        ).status,
      ).toBe(201);
    });
  });

  describe('company settings', () => {
    let c: World;
    let p: Person;
    beforeAll(async () => {
      c = await world(t, 'Settings Co');
      p = await person(t, c.token);
    });

    it('keeps hours exact to the grid and refuses 0.005 (never rounds)', async () => {
      const res = await t.call('POST', '/v2/Me/TimeEntries', {
        token: p.token,
        body: entry(c, { Hours: 0.005 }),
      });
      expect(res.status).toBe(400);
      expect(res.body.errors[0]).toMatchObject({
        Field: 'Hours',
        Message: expect.stringContaining('multiple of 0.01'),
      });
      expect((await create(t, p.token, entry(c, { Hours: 0.01 }))).Hours).toBe(0.01);
    });

    it('follows MinTimeIncrement and PrecisionForHoursValues', async () => {
      await patchCompany(t, c, { MinTimeIncrement: 0.25 });
      try {
        const res = await t.call('POST', '/v2/Me/TimeEntries', {
          token: p.token,
          body: entry(c, { Date: '2026-03-02', Hours: 7.3 }),
        });
        expect(res.status).toBe(400);
        expect(res.body.errors[0].Message).toContain('multiple of 0.25');
        expect((await create(t, p.token, entry(c, { Date: '2026-03-02', Hours: 7.25 }))).Hours).toBe(7.25);
        // Derived hours round to the quarter hour: 10 minutes → 0.25.
        expect(
          (
            await create(
              t,
              p.token,
              entry(c, { Date: '2026-03-02', Hours: undefined, StartTime: '09:00', EndTime: '09:10' }),
            )
          ).Hours,
        ).toBe(0.25);
      } finally {
        await patchCompany(t, c, { MinTimeIncrement: 0.01 });
      }
      await patchCompany(t, c, { PrecisionForHoursValues: 1, MinTimeIncrement: 0.1 });
      try {
        expect(
          (await t.call('POST', '/v2/Me/TimeEntries', { token: p.token, body: entry(c, { Hours: 1.25 }) }))
            .status,
        ).toBe(400);
        expect(
          (await t.call('POST', '/v2/Me/TimeEntries', { token: p.token, body: entry(c, { Hours: 1.2 }) }))
            .status,
        ).toBe(201);
      } finally {
        await patchCompany(t, c, { PrecisionForHoursValues: 2, MinTimeIncrement: 0.01 });
      }
    });

    it('refuses zero-hour entries by default and takes them when the company allows them', async () => {
      const res = await t.call('POST', '/v2/Me/TimeEntries', {
        token: p.token,
        body: entry(c, { Hours: 0 }),
      });
      expect(res.status).toBe(400);
      expect(res.body.errors[0].Message).toContain('AllowZeroHourTimeEntries');
      await patchCompany(t, c, { AllowZeroHourTimeEntries: true });
      try {
        expect((await create(t, p.token, entry(c, { Hours: 0 }))).Hours).toBe(0);
      } finally {
        await patchCompany(t, c, { AllowZeroHourTimeEntries: false });
      }
    });

    it('refuses worked time in the future unless allowed; today anywhere on Earth is not the future', async () => {
      // Now is 2026-03-10 12:00 UTC: in UTC+14 it is already 2026-03-11.
      expect(
        (
          await t.call('POST', '/v2/Me/TimeEntries', {
            token: p.token,
            body: entry(c, { Date: '2026-03-11' }),
          })
        ).status,
      ).toBe(201);
      const res = await t.call('POST', '/v2/Me/TimeEntries', {
        token: p.token,
        body: entry(c, { Date: '2026-03-12' }),
      });
      expect(res.status).toBe(400);
      expect(res.body.errors[0]).toMatchObject({ Field: 'Date', Message: expect.stringContaining('future') });
      clock.set('2026-03-11T10:00:00Z');
      expect(
        (
          await t.call('POST', '/v2/Me/TimeEntries', {
            token: p.token,
            body: entry(c, { Date: '2026-03-12' }),
          })
        ).status,
      ).toBe(201);
      await patchCompany(t, c, { AllowWorkedTimeEntryInFuture: true });
      try {
        expect(
          (
            await t.call('POST', '/v2/Me/TimeEntries', {
              token: p.token,
              body: entry(c, { Date: '2027-01-04' }),
            })
          ).status,
        ).toBe(201);
      } finally {
        await patchCompany(t, c, { AllowWorkedTimeEntryInFuture: false });
      }
    });

    it('Company.LockDate: no change on or before it through /Me (409), while /TimeEntries overrides', async () => {
      const e = await create(t, p.token, entry(c, { Date: '2026-02-27' }));
      await patchCompany(t, c, { LockDate: '2026-02-28' });
      try {
        const add = await t.call('POST', '/v2/Me/TimeEntries', {
          token: p.token,
          body: entry(c, { Date: '2026-02-28' }),
        });
        expect(add.status).toBe(409);
        expect(add.body.errors[0].Field).toBe('Date');
        expect(
          (await t.call('PATCH', `/v2/Me/TimeEntries/${e.ID}`, { token: p.token, body: { Comment: 'x' } }))
            .status,
        ).toBe(409);
        expect((await t.call('DELETE', `/v2/Me/TimeEntries/${e.ID}`, { token: p.token })).status).toBe(409);
        // The Admin using /Me is held by the same rule (only /TimeEntries and /Manage override).
        expect(
          (
            await t.call('POST', '/v2/Me/TimeEntries', {
              token: c.token,
              body: entry(c, { Date: '2026-02-20' }),
            })
          ).status,
        ).toBe(409);
        expect(
          (await t.call('PATCH', `/v2/TimeEntries/${e.ID}`, { token: c.token, body: { Comment: 'fixed' } }))
            .status,
        ).toBe(200);
        expect(
          (
            await t.call('POST', '/v2/TimeEntries', {
              token: c.token,
              body: entry(c, { Date: '2026-02-20', UserID: p.id }),
            })
          ).status,
        ).toBe(201);
        expect(
          (
            await t.call('POST', '/v2/Me/TimeEntries', {
              token: p.token,
              body: entry(c, { Date: '2026-03-01' }),
            })
          ).status,
        ).toBe(201);
      } finally {
        await patchCompany(t, c, { LockDate: null });
      }
    });

    it('a Locked timesheet refuses /Me changes (409), /TimeEntries overrides it, and Unlock reopens it', async () => {
      const e = await create(t, p.token, entry(c, { Date: '2026-02-17' }));
      // Making the entry made the sheet (DECISIONS 28): the week of Monday 2026-02-16.
      const sheets = await t.call(
        'GET',
        `/v2/Timesheets?UserID=${p.id}&FromDate=2026-02-16&ToDate=2026-02-22`,
        { token: c.token },
      );
      expect(sheets.status, JSON.stringify(sheets.body)).toBe(200);
      const sheet = (sheets.body.data as { ID: string; StartDate: string }[]).find(
        (s) => s.StartDate === '2026-02-16',
      )!;
      const act = (Action: string) =>
        t.call('POST', `/v2/Timesheets/${sheet.ID}/Actions`, { token: c.token, body: { Action } });
      expect((await act('Lock')).status).toBe(200);
      try {
        const refused = await t.call('PATCH', `/v2/Me/TimeEntries/${e.ID}`, {
          token: p.token,
          body: { Hours: 2 },
        });
        expect(refused.status).toBe(409);
        expect(refused.body.errors[0].Field).toBe('Date');
        expect(
          (
            await t.call('POST', '/v2/Me/TimeEntries', {
              token: p.token,
              body: entry(c, { Date: '2026-02-18' }),
            })
          ).status,
        ).toBe(409);
        expect((await t.call('DELETE', `/v2/Me/TimeEntries/${e.ID}`, { token: p.token })).status).toBe(409);
        expect(
          (await t.call('PATCH', `/v2/TimeEntries/${e.ID}`, { token: c.token, body: { Hours: 2 } })).status,
        ).toBe(200);
        // Another week is open.
        expect(
          (
            await t.call('POST', '/v2/Me/TimeEntries', {
              token: p.token,
              body: entry(c, { Date: '2026-02-23' }),
            })
          ).status,
        ).toBe(201);
      } finally {
        expect((await act('Unlock')).status).toBe(200);
      }
      expect(
        (await t.call('PATCH', `/v2/Me/TimeEntries/${e.ID}`, { token: p.token, body: { Hours: 3 } })).status,
      ).toBe(200);
    });

    it('DCAA logging and job phases switch every write off (403) but leave reading on', async () => {
      const e = await create(t, p.token, entry(c, { Date: '2026-03-03' }));
      for (const setting of ['DCAALogEnabled', 'PhasesEnabled']) {
        await storeSettings(t, c.companyId, { [setting]: true });
        try {
          expect(
            (await t.call('POST', '/v2/Me/TimeEntries', { token: p.token, body: entry(c) })).status,
          ).toBe(403);
          expect(
            (await t.call('PATCH', `/v2/Me/TimeEntries/${e.ID}`, { token: p.token, body: { Hours: 2 } }))
              .status,
          ).toBe(403);
          expect((await t.call('DELETE', `/v2/Me/TimeEntries/${e.ID}`, { token: p.token })).status).toBe(403);
          expect((await t.call('POST', '/v2/TimeEntries', { token: c.token, body: entry(c) })).status).toBe(
            403,
          );
          expect((await t.call('POST', `/v2/Me/TimeEntries/${e.ID}/Timer`, { token: p.token })).status).toBe(
            403,
          );
          expect((await t.call('GET', `/v2/Me/TimeEntries/${e.ID}`, { token: p.token })).status).toBe(200);
        } finally {
          await storeSettings(t, c.companyId, { [setting]: false });
        }
      }
    });
  });

  describe('hours of a day', () => {
    it('refuses an entry over 24 h and a day over 24 h', async () => {
      const p = await person(t, w.token);
      expect(
        (await t.call('POST', '/v2/Me/TimeEntries', { token: p.token, body: entry(w, { Hours: 24.01 }) }))
          .status,
      ).toBe(400);
      await create(t, p.token, entry(w, { Hours: 20 }));
      const over = await t.call('POST', '/v2/Me/TimeEntries', {
        token: p.token,
        body: entry(w, { Hours: 4.01 }),
      });
      expect(over.status).toBe(400);
      expect(over.body.errors[0]).toMatchObject({
        Field: 'Hours',
        Message: expect.stringContaining('24.01 hours on 2026-03-09'),
      });
      const fits = await create(t, p.token, entry(w, { Hours: 4 }));
      const grow = await t.call('PATCH', `/v2/Me/TimeEntries/${fits.ID}`, {
        token: p.token,
        body: { Hours: 4.5 },
      });
      expect(grow.status).toBe(400);
      // Another day is unaffected, and so is another person.
      expect(
        (
          await t.call('POST', '/v2/Me/TimeEntries', {
            token: p.token,
            body: entry(w, { Date: '2026-03-08', Hours: 24 }),
          })
        ).status,
      ).toBe(201);
    });

    it('stores hours exactly: ten entries of 0.1 are exactly 1', async () => {
      const p = await person(t, w.token);
      await create(
        t,
        p.token,
        Array.from({ length: 10 }, () => entry(w, { Date: '2026-03-06', Hours: 0.1 })),
      );
      const summary = await t.call(
        'GET',
        '/v2/Me/Reports/TimeSummary/Daily?StartDate=2026-03-06&EndDate=2026-03-06',
        { token: p.token },
      );
      expect(summary.body.data[0].Hours).toBe(1);
      const row = await t.deps.db
        .selectFrom('time_entries')
        .select((eb) => eb.fn.sum<number>('hours').as('total'))
        .where('user_id', '=', p.id)
        .executeTakeFirstOrThrow();
      expect(Number(row.total)).toBe(10_000);
    });
  });

  describe('batch', () => {
    it('creates a batch atomically, in request order', async () => {
      const p = await person(t, w.token);
      const res = await t.call('POST', '/v2/Me/TimeEntries', {
        token: p.token,
        body: [
          entry(w, { Hours: 1, Comment: 'a' }),
          entry(w, { Hours: 2, Comment: 'b' }),
          entry(w, { Hours: 3, Comment: 'c' }),
        ],
      });
      expect(res.status).toBe(201);
      expect(res.body.data.map((e: { Comment: string }) => e.Comment)).toEqual(['a', 'b', 'c']);
    });

    it('refuses the whole batch when one item is bad, naming every bad item as [i].Field', async () => {
      const p = await person(t, w.token);
      const res = await t.call('POST', '/v2/Me/TimeEntries', {
        token: p.token,
        body: [entry(w), entry(w, { Hours: 0.005, JobID: 'nope' }), entry(w), { Date: 'x' }],
      });
      expect(res.status).toBe(400);
      expect(fieldsOf(res)).toEqual(['[1].Hours', '[1].JobID', '[3].Date', '[3].JobID', '[3].TaskID']);
      expect((await t.call('GET', '/v2/Me/TimeEntries', { token: p.token })).body.page.count).toBe(0);
    });

    it("checks the day's 24 hours across the batch's own items", async () => {
      const p = await person(t, w.token);
      const res = await t.call('POST', '/v2/Me/TimeEntries', {
        token: p.token,
        body: [entry(w, { Hours: 12 }), entry(w, { Hours: 12 }), entry(w, { Hours: 0.5 })],
      });
      expect(res.status).toBe(400);
      expect(fieldsOf(res)).toEqual(['[2].Hours']);
      expect((await t.call('GET', '/v2/Me/TimeEntries', { token: p.token })).body.page.count).toBe(0);
    });

    it('refuses an empty batch and one over 1000 items', async () => {
      expect((await t.call('POST', '/v2/Me/TimeEntries', { token: ann.token, body: [] })).status).toBe(400);
      const many = Array.from({ length: 1001 }, () => entry(w, { Hours: 0.01 }));
      expect((await t.call('POST', '/v2/Me/TimeEntries', { token: ann.token, body: many })).status).toBe(400);
    });
  });

  describe('jobs and tasks', () => {
    it('needs an active job the person may use and an active task allowed on it', async () => {
      const c = await world(t, 'Restricted Co');
      const p = await person(t, c.token);
      const inactiveJob = await makeJob(t, c.token, c.clientId, { IsActive: false });
      const inactiveTask = await makeTask(t, c.token, { IsActive: false });
      const res = await t.call('POST', '/v2/Me/TimeEntries', {
        token: p.token,
        body: entry(c, { JobID: inactiveJob, TaskID: inactiveTask }),
      });
      expect(res.status).toBe(400);
      expect(res.body.errors.map((e: { Message: string }) => e.Message).join(' ')).toMatch(
        /inactive job.*inactive task/,
      );

      // A job with a task list allows only those tasks (TaskRestrictionMethod byjob).
      const listed = await makeTask(t, c.token);
      expect(
        (await t.call('POST', `/v2/Jobs/${c.jobId}/Tasks`, { token: c.token, body: { TaskID: listed } }))
          .status,
      ).toBe(200);
      const notListed = await t.call('POST', '/v2/Me/TimeEntries', { token: p.token, body: entry(c) });
      expect(fieldsOf(notListed)).toEqual(['TaskID']);
      expect(
        (await t.call('POST', '/v2/Me/TimeEntries', { token: p.token, body: entry(c, { TaskID: listed }) }))
          .status,
      ).toBe(201);

      // JobRestrictionMethod byperson: only the job's people.
      await patchCompany(t, c, { JobRestrictionMethod: 'byperson' });
      const refused = await t.call('POST', '/v2/Me/TimeEntries', {
        token: p.token,
        body: entry(c, { TaskID: listed }),
      });
      expect(fieldsOf(refused)).toEqual(['JobID']);
      expect(
        (await t.call('POST', `/v2/Jobs/${c.jobId}/Users`, { token: c.token, body: { UserID: p.id } }))
          .status,
      ).toBe(200);
      expect(
        (await t.call('POST', '/v2/Me/TimeEntries', { token: p.token, body: entry(c, { TaskID: listed }) }))
          .status,
      ).toBe(201);
    });

    it('checks a new job or task on PATCH, and keeps an entry editable after its job turns inactive', async () => {
      const c = await world(t, 'Patch Co');
      const p = await person(t, c.token);
      const e = await create(t, p.token, entry(c));
      const other = await makeJob(t, c.token, c.clientId);
      const moved = await t.call('PATCH', `/v2/Me/TimeEntries/${e.ID}`, {
        token: p.token,
        body: { JobID: other },
      });
      expect(moved.body.data.JobID).toBe(other);
      const gone = await t.call('PATCH', `/v2/Me/TimeEntries/${e.ID}`, {
        token: p.token,
        body: { TaskID: 'missing' },
      });
      expect(gone.status).toBe(400);
      expect(fieldsOf(gone)).toEqual(['TaskID']);
      expect(
        (await t.call('PATCH', `/v2/Jobs/${other}`, { token: c.token, body: { IsActive: false } })).status,
      ).toBe(200);
      expect(
        (
          await t.call('PATCH', `/v2/Me/TimeEntries/${e.ID}`, {
            token: p.token,
            body: { Comment: 'still fine' },
          })
        ).status,
      ).toBe(200);
      expect(
        (
          await t.call('PATCH', `/v2/Me/TimeEntries/${e.ID}`, {
            token: p.token,
            body: { JobID: other, TaskID: c.taskId, Hours: 2 },
          })
        ).status,
      ).toBe(200);
    });

    it('DELETE of a job, task or person with time is a 409; without time it succeeds', async () => {
      const c = await world(t, 'Refs Co');
      const p = await person(t, c.token);
      const job = await makeJob(t, c.token, c.clientId);
      const task = await makeTask(t, c.token);
      const e = await create(t, p.token, entry(c, { JobID: job, TaskID: task }));
      for (const path of [`/v2/Jobs/${job}`, `/v2/Tasks/${task}`, `/v2/Users/${p.id}`]) {
        const res = await t.call('DELETE', path, { token: c.token });
        expect(res.status, path).toBe(409);
        expect(res.body.errors[0].MessageDetail).toEqual(['in_use']);
      }
      expect((await t.call('DELETE', `/v2/Me/TimeEntries/${e.ID}`, { token: p.token })).status).toBe(200);
      expect((await t.call('DELETE', `/v2/Jobs/${job}`, { token: c.token })).status).toBe(200);
      expect((await t.call('DELETE', `/v2/Tasks/${task}`, { token: c.token })).status).toBe(200);
      expect((await t.call('DELETE', `/v2/Users/${p.id}`, { token: c.token })).status).toBe(200);
    });
  });

  describe('rates and billable', () => {
    let c: World;
    beforeAll(async () => {
      c = await world(t, 'Rates Co');
    });

    it('resolves BillingRate by Company.BillingRateModel and CostRate from the person, and keeps them', async () => {
      const p = await person(t, c.token, { BillingRate: 80, UseCompanyBillingRate: false, CostRate: 30.5 });
      const job = await makeJob(t, c.token, c.clientId, {
        BillingRate: 150.25,
        UseCompanyBillingRate: false,
      });
      const task = await makeTask(t, c.token, { BillingRate: 99, UseCompanyBillingRate: false });
      await patchCompany(t, c, { DefaultBillingRate: 50 });
      const rateOf = async (model: string, body: Record<string, unknown>) => {
        await patchCompany(t, c, { BillingRateModel: model });
        const res = await t.call('POST', '/v2/TimeEntries', {
          token: c.token,
          body: entry(c, { UserID: p.id, Date: '2026-03-02', Hours: 0.5, ...body }),
        });
        expect(res.status, JSON.stringify(res.body)).toBe(201);
        return [res.body.data.BillingRate as number, res.body.data.CostRate as number];
      };
      try {
        expect(await rateOf('JOB', { JobID: job })).toEqual([150.25, 30.5]);
        expect(await rateOf('JOB', {})).toEqual([50, 30.5]); // the job uses the company rate
        expect(await rateOf('USER', {})).toEqual([80, 30.5]);
        expect(await rateOf('TASK', { TaskID: task })).toEqual([99, 30.5]);
        // Pair models (ADR 0010): the job's SecondaryBillingRateMode (INHERIT) gives the task's default,
        // and this task has none: the company's.
        expect(await rateOf('TASK_JOB', { JobID: job })).toEqual([50, 30.5]);
        expect(await rateOf('TASK_USER', { TaskID: task })).toEqual([99, 30.5]);
        expect(await rateOf('USER_JOB', { JobID: job })).toEqual([80, 30.5]);
        // A rate resolved once stays when the job's rate changes later.
        await patchCompany(t, c, { BillingRateModel: 'JOB' });
        const kept = await create(
          t,
          c.token,
          entry(c, { UserID: p.id, JobID: job, Date: '2026-03-03' }),
          '/v2/TimeEntries',
        );
        expect(
          (await t.call('PATCH', `/v2/Jobs/${job}`, { token: c.token, body: { BillingRate: 1 } })).status,
        ).toBe(200);
        expect(
          (await t.call('GET', `/v2/TimeEntries/${kept.ID}`, { token: c.token })).body.data.BillingRate,
        ).toBe(150.25);
      } finally {
        await patchCompany(t, c, { BillingRateModel: 'JOB', DefaultBillingRate: 0 });
      }
    });

    it('lets an Admin set rates and ignores anyone else’s with a warning', async () => {
      const e = await create(t, c.token, entry(c, { BillingRate: 123.4567, CostRate: 12 }));
      expect(e).toMatchObject({ BillingRate: 123.4567, CostRate: 12 });
      expect(
        (
          await t.call('POST', '/v2/Me/TimeEntries', {
            token: c.token,
            body: entry(c, { BillingRate: 1.23456 }),
          })
        ).status,
      ).toBe(400);
      const p = await person(t, c.token);
      const res = await t.call('POST', '/v2/Me/TimeEntries', {
        token: p.token,
        body: entry(c, { BillingRate: 999, CostRate: 999 }),
      });
      expect(res.status).toBe(201);
      expect(res.body.meta.Warnings).toEqual([expect.stringContaining('only an Admin')]);
      const stored = await t.call('GET', `/v2/TimeEntries/${res.body.data.ID}`, { token: c.token });
      expect(stored.body.data).toMatchObject({ BillingRate: 0, CostRate: 0 });
    });

    it('shows BillingRate only with View Billingrates and CostRate only with View Costs', async () => {
      const e = await create(t, c.token, entry(c, { BillingRate: 10, CostRate: 5, Date: '2026-03-04' }));
      const billing = await manager(t, c.token, { 'Review timesheets': 'All', 'View Billingrates': 'All' });
      const costs = await manager(t, c.token, { 'Review timesheets': 'All', 'View Costs': 'All' });
      const b = (await t.call('GET', `/v2/TimeEntries/${e.ID}`, { token: billing.token })).body.data;
      expect(b.BillingRate).toBe(10);
      expect(b.CostRate).toBeUndefined();
      const k = (await t.call('GET', `/v2/TimeEntries/${e.ID}`, { token: costs.token })).body.data;
      expect(k.BillingRate).toBeUndefined();
      expect(k.CostRate).toBe(5);
    });

    it('takes billable from the job or the task per Company.BillableSetting', async () => {
      const job = await makeJob(t, c.token, c.clientId, { IsBillable: false });
      const task = await makeTask(t, c.token, { IsBillable: true });
      const billable = async () => {
        const e = await create(
          t,
          c.token,
          entry(c, { JobID: job, TaskID: task, Hours: 0.25, Date: '2026-03-05' }),
        );
        const row = await t.deps.db
          .selectFrom('time_entries')
          .select('is_billable')
          .where('id', '=', e.ID)
          .executeTakeFirstOrThrow();
        return row.is_billable;
      };
      expect(await billable()).toBe(0);
      await patchCompany(t, c, { BillableSetting: 'Task' });
      try {
        expect(await billable()).toBe(1);
      } finally {
        await patchCompany(t, c, { BillableSetting: 'Job' });
      }
    });
  });

  describe('changing entries', () => {
    it('never changes Date or UserID: both are ignored with a warning', async () => {
      const p = await person(t, w.token);
      const e = await create(t, p.token, entry(w, { Date: '2026-03-02' }));
      const res = await t.call('PATCH', `/v2/Me/TimeEntries/${e.ID}`, {
        token: p.token,
        body: { ...e, Date: '2026-03-03', UserID: w.userId, Hours: 2 },
      });
      expect(res.status).toBe(200);
      expect(res.body.data).toMatchObject({ Date: '2026-03-02', UserID: p.id, Hours: 2 });
      expect(res.body.meta.Warnings).toHaveLength(2);
      // Sending back what was read changes nothing and warns of nothing.
      const same = await t.call('PATCH', `/v2/Me/TimeEntries/${e.ID}`, {
        token: p.token,
        body: res.body.data,
      });
      expect(same.status).toBe(200);
      expect(same.body.meta).toEqual({});
    });

    it('validates custom fields of time entries', async () => {
      const c = await world(t, 'Custom Co');
      const def = await t.call('POST', '/v2/CustomFieldDefinitions', {
        token: c.token,
        body: { Name: 'Ticket', EntityType: 'TimeEntry', DataType: 'Number', IsRequired: true },
      });
      expect(def.status, JSON.stringify(def.body)).toBe(201);
      const id = def.body.data.ID as string;
      const missing = await t.call('POST', '/v2/Me/TimeEntries', { token: c.token, body: entry(c) });
      expect(fieldsOf(missing)).toEqual([`CustomFields.${id}`]);
      const bad = await t.call('POST', '/v2/Me/TimeEntries', {
        token: c.token,
        body: [entry(c, { CustomFields: { [id]: 'abc' } })],
      });
      expect(fieldsOf(bad)).toEqual([`[0].CustomFields.${id}`]);
      const e = await create(t, c.token, entry(c, { CustomFields: { [id]: '42' } }));
      expect(e.CustomFields).toEqual({ [id]: 42 });
      const unknown = await t.call('PATCH', `/v2/Me/TimeEntries/${e.ID}`, {
        token: c.token,
        body: { CustomFields: { nope: 1, [id]: 1 } },
      });
      expect(fieldsOf(unknown)).toEqual(['CustomFields.nope']);
    });
  });

  describe('lists', () => {
    let p: Person;
    const ids: Record<string, string> = {};
    let otherJob: string;
    beforeAll(async () => {
      p = await person(t, w.token);
      otherJob = await makeJob(t, w.token, await makeClient(t, w.token), { Name: 'Other' });
      for (const [key, date, job] of [
        ['a', '2026-03-02', w.jobId],
        ['b', '2026-03-04', otherJob],
        ['c', '2026-03-04', w.jobId],
        ['d', '2026-03-06', w.jobId],
      ] as const) {
        ids[key] = (await create(t, p.token, entry(w, { Date: date, JobID: job }))).ID;
      }
    });

    it('orders by Date desc, then ID desc', async () => {
      const res = await t.call('GET', '/v2/Me/TimeEntries', { token: p.token });
      const data = res.body.data as { ID: string; Date: string }[];
      expect(data.map((e) => e.Date)).toEqual(['2026-03-06', '2026-03-04', '2026-03-04', '2026-03-02']);
      const middle = [ids.b!, ids.c!].sort().reverse();
      expect(data.slice(1, 3).map((e) => e.ID)).toEqual(middle);
    });

    it('filters by ID, JobID, TaskID, StartDate/EndDate and EntryDate (repeated or comma-separated)', async () => {
      const get = async (q: string) =>
        ((await t.call('GET', `/v2/Me/TimeEntries?${q}`, { token: p.token })).body.data as { ID: string }[])
          .map((e) => e.ID)
          .sort();
      expect(await get(`jobid=${otherJob}`)).toEqual([ids.b]);
      expect(await get(`StartDate=2026-03-03&EndDate=2026-03-05`)).toEqual([ids.b, ids.c].sort());
      expect(await get(`EntryDate=2026-03-02,2026-03-06`)).toEqual([ids.a, ids.d].sort());
      expect(await get(`EntryDate=2026-03-02&EntryDate=2026-03-06`)).toEqual([ids.a, ids.d].sort());
      expect(await get(`ID=${ids.a},${ids.c}`)).toEqual([ids.a, ids.c].sort());
      expect(await get(`TaskID=${w.taskId}&StartDate=2026-03-05`)).toEqual([ids.d]);
      expect(await get(`TaskID=nothing`)).toEqual([]);
    });

    it('pages with limit and offset, clamps limit to 500 and keeps filters in the links', async () => {
      const first = await t.call('GET', '/v2/Me/TimeEntries?limit=2&JobID=' + w.jobId, { token: p.token });
      expect(first.body.page).toMatchObject({ count: 3, offset: 0, limit: 2 });
      expect(first.body.page.links.next).toContain(`JobID=${w.jobId}`);
      const next = await t.call(
        'GET',
        new URL(first.body.page.links.next as string).pathname +
          new URL(first.body.page.links.next as string).search,
        {
          token: p.token,
        },
      );
      expect(next.body.data).toHaveLength(1);
      expect(next.body.page.links.next).toBeNull();
      const clamped = await t.call('GET', '/v2/Me/TimeEntries?limit=5000', { token: p.token });
      expect(clamped.body.page.limit).toBe(500);
      const past = await t.call('GET', '/v2/Me/TimeEntries?offset=50', { token: p.token });
      expect(past.body.data).toEqual([]);
    });

    it('embeds Job, Task, Client and User with Verbose=true only', async () => {
      const plain = await t.call('GET', `/v2/Me/TimeEntries/${ids.b}`, { token: p.token });
      expect(plain.body.data.Job).toBeUndefined();
      const verbose = await t.call('GET', `/v2/Me/TimeEntries/${ids.b}?verbose=true`, { token: p.token });
      expect(verbose.body.data).toMatchObject({
        Job: {
          ID: otherJob,
          Name: 'Other',
          IsActive: true,
          ListDisplayText: 'Other',
          ClientID: expect.any(String),
        },
        Task: { ID: w.taskId, Name: 'Code', IsActive: true, ListDisplayText: 'Code' },
        Client: { IsActive: true, ListDisplayText: expect.any(String) },
        User: { ID: p.id, Email: p.email, IsActive: true },
      });
      const list = await t.call('GET', '/v2/Me/TimeEntries?Verbose=true', { token: p.token });
      expect(list.body.data.every((e: { Job: unknown }) => e.Job)).toBe(true);
    });
  });

  describe('autofill', () => {
    it("suggests the job/task pairs of the caller's last seven days", async () => {
      const p = await person(t, w.token);
      await create(t, p.token, entry(w, { Date: '2026-03-03' }));
      await create(t, p.token, entry(w, { Date: '2026-03-04', Hours: 2 }));
      const res = await t.call('GET', '/v2/Internal/TimeEntry/AutoFill/2026-03-10', { token: p.token });
      expect(res.status).toBe(200);
      expect(res.body.data).toEqual([
        {
          ClientID: w.clientId,
          ClientListDisplayText: 'Acme',
          JobID: w.jobId,
          JobListDisplayText: 'Build',
          TaskID: w.taskId,
          TaskListDisplayText: 'Code',
          CustomFields: {},
        },
      ]);
      expect(
        (await t.call('GET', '/v2/Internal/TimeEntry/AutoFill/2026-03-20', { token: p.token })).body.data,
      ).toEqual([]);
      expect(
        (await t.call('GET', '/v2/Internal/TimeEntry/AutoFill/yesterday', { token: p.token })).status,
      ).toBe(400);
    });
  });
});
