/**
 * Stopwatch timers (API.md §4.9; docs/adr/0006-hours.md) with a controlled clock, on both databases.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../support/app.js';
import { testDialects } from '../support/db.js';
import { manager, person, type Person } from '../support/people.js';
import {
  create,
  entry,
  fieldsOf,
  patchCompany,
  TestClock,
  world,
  type World,
} from './time-entries-fixtures.js';

const dialects = await testDialects();

describe.each(dialects)('timers on %s', (dialect) => {
  let t: TestApp;
  const clock = new TestClock();
  let w: World;

  beforeAll(async () => {
    t = await createTestApp(dialect, {}, { clock: clock.read });
    w = await world(t, 'Timers Co');
  });
  afterAll(() => t.close());
  beforeEach(() => clock.reset());

  const timerPath = (id: string) => `/v2/Me/TimeEntries/${id}/Timer`;
  const hoursOf = async (token: string, id: string) =>
    (await t.call('GET', `/v2/Me/TimeEntries/${id}`, { token })).body.data.Hours as number;

  describe('a stopwatch', () => {
    let p: Person;
    beforeEach(async () => {
      p = await person(t, w.token);
    });

    it('starts now, runs with the clock, and adds the elapsed time to the entry when stopped', async () => {
      const e = await create(t, p.token, entry(w, { Hours: 1 }));
      const started = await t.call('POST', timerPath(e.ID), { token: p.token });
      expect(started.status).toBe(201);
      expect(started.body.data).toMatchObject({
        TimeEntryID: e.ID,
        TimeEntryDate: '2026-03-09',
        UserID: p.id,
        ElapsedSeconds: 0,
        InitialTimeInSeconds: 3600,
        Intervals: [{ Start: '12:00:00', End: null, TimeZoneOffset: '+00:00' }],
      });
      clock.advance(1800);
      const running = await t.call('GET', timerPath(e.ID), { token: p.token });
      expect(running.body.data.ElapsedSeconds).toBe(1800);
      // While it runs the entry keeps its hours.
      expect(await hoursOf(p.token, e.ID)).toBe(1);

      const stopped = await t.call('PUT', timerPath(e.ID), {
        token: p.token,
        body: { Intervals: [{ Start: '12:00:00', End: '12:30:00' }] },
      });
      expect(stopped.status).toBe(200);
      expect(stopped.body.data).toMatchObject({
        ElapsedSeconds: 1800,
        Intervals: [{ Start: '12:00:00', End: '12:30:00' }],
      });
      expect(await hoursOf(p.token, e.ID)).toBe(1.5);

      // Resuming appends an interval from now; stopping again adds the new time.
      clock.set('2026-03-10T14:00:00Z');
      const resumed = await t.call('POST', timerPath(e.ID), { token: p.token });
      expect(resumed.status).toBe(200);
      expect(resumed.body.data.Intervals).toHaveLength(2);
      expect((await t.call('POST', timerPath(e.ID), { token: p.token })).status).toBe(409);
      clock.advance(15 * 60);
      const intervals = resumed.body.data.Intervals.map((i: { Start: string; End: string | null }) => ({
        Start: i.Start,
        End: i.End ?? '14:15:00',
      }));
      expect(
        (await t.call('PUT', timerPath(e.ID), { token: p.token, body: { Intervals: intervals } })).body.data
          .ElapsedSeconds,
      ).toBe(2700);
      expect(await hoursOf(p.token, e.ID)).toBe(1.75);
    });

    it('rounds the elapsed time half up to the company grid, exactly', async () => {
      const e = await create(t, p.token, entry(w, { Hours: 0.1, Date: '2026-03-02' }));
      await t.call('POST', timerPath(e.ID), { token: p.token });
      clock.advance(18); // 0.005 h rounds up to 0.01
      await t.call('PUT', timerPath(e.ID), {
        token: p.token,
        body: { Intervals: [{ Start: '12:00:00', End: '12:00:18' }] },
      });
      expect(await hoursOf(p.token, e.ID)).toBe(0.11);
      await t.call('PUT', timerPath(e.ID), {
        token: p.token,
        body: { Intervals: [{ Start: '12:00:00', End: '12:00:17' }] },
      });
      expect(await hoursOf(p.token, e.ID)).toBe(0.1);
      // A quarter-hour grid.
      await patchCompany(t, w, { MinTimeIncrement: 0.25 });
      try {
        const q = await create(t, p.token, entry(w, { Hours: 0.25, Date: '2026-03-03' }));
        await t.call('POST', timerPath(q.ID), {
          token: p.token,
          body: { Intervals: [{ Start: '09:00:00', End: '09:08:00' }] },
        });
        expect(await hoursOf(p.token, q.ID)).toBe(0.25 + 0.25);
      } finally {
        await patchCompany(t, w, { MinTimeIncrement: 0.01 });
      }
    });

    it('keeps one running timer per person: starting another stops the first at that instant', async () => {
      const first = await create(t, p.token, entry(w, { Hours: 1, Date: '2026-03-04' }));
      const second = await create(t, p.token, entry(w, { Hours: 2, Date: '2026-03-05' }));
      await t.call('POST', timerPath(first.ID), { token: p.token });
      clock.advance(3600);
      expect((await t.call('POST', timerPath(second.ID), { token: p.token })).status).toBe(201);
      const stopped = await t.call('GET', timerPath(first.ID), { token: p.token });
      expect(stopped.body.data.Intervals).toEqual([
        expect.objectContaining({ Start: '12:00:00', End: '13:00:00' }),
      ]);
      expect(await hoursOf(p.token, first.ID)).toBe(2);
      const running = await t.call('GET', '/v2/Me/Timers?IsRunning=true', { token: p.token });
      expect(running.body.data.map((x: { TimeEntryID: string }) => x.TimeEntryID)).toEqual([second.ID]);
      // Another person's timer is not touched.
      const other = await person(t, w.token);
      const theirs = await create(t, other.token, entry(w, { Date: '2026-03-05' }));
      expect((await t.call('POST', timerPath(theirs.ID), { token: other.token })).status).toBe(201);
      expect(
        (await t.call('GET', timerPath(second.ID), { token: p.token })).body.data.Intervals[0].End,
      ).toBeNull();
    });

    it('takes explicit intervals with a UTC offset, across midnight', async () => {
      const e = await create(t, p.token, entry(w, { Hours: 0.5, Date: '2026-03-06' }));
      const res = await t.call('POST', timerPath(e.ID), {
        token: p.token,
        body: {
          Intervals: [
            { Start: '22:00:00', End: '23:30:00', TimeZoneOffset: '+02:00' },
            { Start: '23:45', End: '00:15:00', TimeZoneOffset: '+02:00' },
          ],
        },
      });
      expect(res.status).toBe(201);
      expect(res.body.data).toMatchObject({
        ElapsedSeconds: 7200,
        Intervals: [
          { Start: '22:00:00', End: '23:30:00', TimeZoneOffset: '+02:00' },
          { Start: '23:45:00', End: '00:15:00', TimeZoneOffset: '+02:00' },
        ],
      });
      // Not running: the hours settle at once.
      expect(await hoursOf(p.token, e.ID)).toBe(2.5);
    });

    it('reads a running interval that starts later than the wall clock now as yesterday’s', async () => {
      const e = await create(t, p.token, entry(w, { Hours: 1, Date: '2026-03-09' }));
      const res = await t.call('POST', timerPath(e.ID), {
        token: p.token,
        body: { Intervals: [{ Start: '13:00:00' }] },
      });
      expect(res.status).toBe(201);
      expect(res.body.data.ElapsedSeconds).toBe(23 * 3600);
      const today = await create(t, p.token, entry(w, { Hours: 1, Date: '2026-03-08' }));
      const now = await t.call('POST', timerPath(today.ID), {
        token: p.token,
        body: { Intervals: [{ Start: '11:00:00' }] },
      });
      expect(now.body.data.ElapsedSeconds).toBe(3600);
    });

    it('refuses bad intervals with 400 naming each', async () => {
      const e = await create(t, p.token, entry(w, { Date: '2026-03-07' }));
      const shape = await t.call('POST', timerPath(e.ID), {
        token: p.token,
        body: {
          Intervals: [
            { Start: '25:00:00' },
            { End: '10:00:00' },
            { Start: '09:00:00', TimeZoneOffset: '+2' },
          ],
        },
      });
      expect(shape.status).toBe(400);
      expect(fieldsOf(shape)).toEqual([
        'Intervals[0].Start',
        'Intervals[1].Start',
        'Intervals[2].TimeZoneOffset',
      ]);
      const open = await t.call('POST', timerPath(e.ID), {
        token: p.token,
        body: { Intervals: [{ Start: '09:00:00' }, { Start: '10:00:00', End: '11:00:00' }] },
      });
      expect(fieldsOf(open)).toEqual(['Intervals[0].End']);
      const overlap = await t.call('POST', timerPath(e.ID), {
        token: p.token,
        body: {
          Intervals: [
            { Start: '09:00:00', End: '11:00:00' },
            { Start: '10:00:00', End: '12:00:00' },
          ],
        },
      });
      expect(fieldsOf(overlap)).toEqual(['Intervals[1].Start']);
      expect((await t.call('PUT', timerPath(e.ID), { token: p.token, body: { Intervals: [] } })).status).toBe(
        404,
      ); // no timer yet
      await t.call('POST', timerPath(e.ID), { token: p.token });
      expect(fieldsOf(await t.call('PUT', timerPath(e.ID), { token: p.token, body: {} }))).toEqual([
        'Intervals',
      ]);
      expect((await t.call('PUT', timerPath(e.ID), { token: p.token, rawBody: '{' })).status).toBe(400);
    });

    it("owns the entry's hours: a PATCH changing them is 409, other fields change freely", async () => {
      const e = await create(t, p.token, entry(w, { Date: '2026-03-01' }));
      await t.call('POST', timerPath(e.ID), { token: p.token });
      const res = await t.call('PATCH', `/v2/Me/TimeEntries/${e.ID}`, { token: p.token, body: { Hours: 3 } });
      expect(res.status).toBe(409);
      expect(
        (
          await t.call('PATCH', `/v2/Me/TimeEntries/${e.ID}`, {
            token: p.token,
            body: { Hours: 1, Comment: 'timed' },
          })
        ).status,
      ).toBe(200);
      expect(
        (
          await t.call('PATCH', `/v2/Me/TimeEntries/${e.ID}`, {
            token: p.token,
            body: { Hours: undefined, StartTime: '09:00', EndTime: '10:00' },
          })
        ).status,
      ).toBe(409);
    });

    it('does not run on an entry with StartTime and EndTime (409)', async () => {
      const e = await create(
        t,
        p.token,
        entry(w, { Hours: undefined, StartTime: '09:00', EndTime: '10:00', Date: '2026-02-28' }),
      );
      expect((await t.call('POST', timerPath(e.ID), { token: p.token })).status).toBe(409);
    });

    it('is discarded by DELETE (the entry keeps its hours) and with its entry', async () => {
      const e = await create(t, p.token, entry(w, { Hours: 2, Date: '2026-02-27' }));
      const timer = (await t.call('POST', timerPath(e.ID), { token: p.token })).body.data;
      clock.advance(600);
      expect((await t.call('DELETE', timerPath(e.ID), { token: p.token })).status).toBe(200);
      expect((await t.call('GET', timerPath(e.ID), { token: p.token })).status).toBe(404);
      expect((await t.call('DELETE', timerPath(e.ID), { token: p.token })).status).toBe(404);
      expect(await hoursOf(p.token, e.ID)).toBe(2);
      const again = (await t.call('POST', timerPath(e.ID), { token: p.token })).body.data;
      expect(again.ID).not.toBe(timer.ID);
      expect((await t.call('DELETE', `/v2/Me/TimeEntries/${e.ID}`, { token: p.token })).status).toBe(200);
      expect((await t.call('GET', `/v2/Me/Timers/${again.ID}`, { token: p.token })).status).toBe(404);
    });

    it("keeps the day within 24 hours and the entry's sheet rules", async () => {
      const e = await create(t, p.token, entry(w, { Hours: 23.5, Date: '2026-02-26' }));
      await t.call('POST', timerPath(e.ID), { token: p.token });
      clock.advance(3600);
      const res = await t.call('PUT', timerPath(e.ID), {
        token: p.token,
        body: { Intervals: [{ Start: '12:00:00', End: '13:00:00' }] },
      });
      expect(res.status).toBe(400);
      expect(fieldsOf(res)).toEqual(['Intervals']);
      expect(
        (await t.call('GET', timerPath(e.ID), { token: p.token })).body.data.Intervals[0].End,
      ).toBeNull();

      const locked = await create(t, p.token, entry(w, { Date: '2026-02-20' }));
      await patchCompany(t, w, { LockDate: '2026-02-21' });
      try {
        expect((await t.call('POST', timerPath(locked.ID), { token: p.token })).status).toBe(409);
      } finally {
        await patchCompany(t, w, { LockDate: null });
      }
    });

    it("never touches another person's entry (404)", async () => {
      const other = await person(t, w.token);
      const e = await create(t, other.token, entry(w));
      for (const method of ['GET', 'POST', 'PUT', 'DELETE']) {
        const res = await t.call(method, timerPath(e.ID), {
          token: p.token,
          ...(method === 'PUT' ? { body: { Intervals: [] } } : {}),
        });
        expect(res.status, method).toBe(404);
      }
    });
  });

  describe('lists', () => {
    let p: Person;
    const timers: Record<string, string> = {};
    const entries: Record<string, string> = {};
    beforeAll(async () => {
      p = await person(t, w.token, { Name: 'Lister' });
      for (const [key, date] of [
        ['a', '2026-03-02'],
        ['b', '2026-03-04'],
        ['c', '2026-03-06'],
      ] as const) {
        entries[key] = (await create(t, p.token, entry(w, { Date: date }))).ID;
        timers[key] = (await t.call('POST', timerPath(entries[key]!), { token: p.token })).body.data.ID;
      }
    });

    it('lists my timers in TimeEntryDate order with IsRunning, FromDate, ToDate and TimeEntryID filters', async () => {
      const get = async (q = '') =>
        (await t.call('GET', `/v2/Me/Timers${q}`, { token: p.token })).body.data.map(
          (x: { ID: string }) => x.ID,
        );
      expect(await get()).toEqual([timers.a, timers.b, timers.c]);
      expect(await get('?IsRunning=true')).toEqual([timers.c]);
      expect(await get('?IsRunning=false')).toEqual([timers.a, timers.b]);
      expect(await get('?FromDate=2026-03-03&ToDate=2026-03-05')).toEqual([timers.b]);
      expect(await get(`?TimeEntryID=${entries.a},${entries.c}`)).toEqual([timers.a, timers.c]);
      expect((await t.call('GET', '/v2/Me/Timers?IsRunning=perhaps', { token: p.token })).status).toBe(400);
      const one = await t.call('GET', `/v2/Me/Timers/${timers.b}?Verbose=true`, { token: p.token });
      expect(one.body.data).toMatchObject({
        ID: timers.b,
        TimeEntry: {
          ID: entries.b,
          Date: '2026-03-04',
          Hours: 1,
          JobID: w.jobId,
          TaskID: w.taskId,
          ClientID: w.clientId,
          UserID: p.id,
        },
        User: { ID: p.id, Name: 'Lister' },
      });
      expect((await t.call('GET', `/v2/Me/Timers/${timers.b}`, { token: w.token })).status).toBe(404);
    });

    it('gives Admins every timer through /Timers, and nobody else', async () => {
      const res = await t.call('GET', `/v2/Timers?UserID=${p.id}`, { token: w.token });
      expect(res.status).toBe(200);
      expect(res.body.data.map((x: { ID: string }) => x.ID)).toEqual([timers.a, timers.b, timers.c]);
      expect(
        (await t.call('GET', `/v2/Timers?UserID=${p.id}&IsRunningOrAbandoned=true`, { token: w.token })).body
          .data,
      ).toHaveLength(1);
      const mgr = await manager(t, w.token, { 'Override timesheets': 'All' });
      expect((await t.call('GET', '/v2/Timers', { token: mgr.token })).status).toBe(403);
      expect((await t.call('GET', '/v2/Timers', { token: p.token })).status).toBe(403);
      expect(
        (await t.call('PUT', '/v2/Timers', { token: p.token, body: { ID: timers.a, Intervals: [] } })).status,
      ).toBe(403);
      expect((await t.call('DELETE', `/v2/Timers/${timers.a}`, { token: p.token })).status).toBe(403);
    });

    it("lets an Admin replace anyone's intervals (stopping a timer settles the hours) and delete a timer", async () => {
      clock.advance(900);
      const res = await t.call('PUT', '/v2/Timers', {
        token: w.token,
        body: { ID: timers.c, UserID: p.id, Intervals: [{ Start: '12:00:00', End: '12:15:00' }] },
      });
      expect(res.status).toBe(200);
      expect(res.body.data.ElapsedSeconds).toBe(900);
      expect(await hoursOf(p.token, entries.c!)).toBe(1.25);
      expect((await t.call('PUT', '/v2/Timers', { token: w.token, body: { Intervals: [] } })).status).toBe(
        400,
      );
      expect(
        fieldsOf(
          await t.call('PUT', '/v2/Timers', {
            token: w.token,
            body: { ID: timers.c, UserID: w.userId, Intervals: [] },
          }),
        ),
      ).toEqual(['UserID']);
      expect(
        (await t.call('PUT', '/v2/Timers', { token: w.token, body: { ID: 'missing', Intervals: [] } }))
          .status,
      ).toBe(404);
      // Named by its entry when it has none: made.
      const fresh = await create(t, p.token, entry(w, { Date: '2026-03-07', Hours: 1 }));
      const made = await t.call('PUT', '/v2/Timers', {
        token: w.token,
        body: { TimeEntryID: fresh.ID, Intervals: [{ Start: '08:00:00', End: '09:00:00' }] },
      });
      expect(made.status).toBe(200);
      expect(await hoursOf(p.token, fresh.ID)).toBe(2);
      expect((await t.call('DELETE', `/v2/Timers/${timers.a}`, { token: w.token })).status).toBe(200);
      expect((await t.call('DELETE', `/v2/Timers/${timers.a}`, { token: w.token })).status).toBe(404);
    });
  });
});
