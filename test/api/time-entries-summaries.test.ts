/**
 * Daily and weekly time summaries (API.md §4.16), on both databases: exact sums, Company.WeekStartsOn,
 * IsComplete, and who may see whose.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
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

interface Daily {
  UserID: string;
  Date: string;
  Hours: number;
  IsComplete: boolean;
}
interface Weekly {
  UserID: string;
  StartDate: string;
  EndDate: string;
  Hours: { Date: string; Hours: number }[];
  IsComplete: boolean;
}

describe.each(dialects)('time summaries on %s', (dialect) => {
  let t: TestApp;
  const clock = new TestClock('2026-03-31T12:00:00Z');
  let w: World;
  let north: string;
  let daily: Person; // subject to completion: 8 h a day, weekends skipped
  let weekly: Person; // subject to completion: 20 h a week
  let free: Person; // not subject

  beforeAll(async () => {
    t = await createTestApp(dialect, {}, { clock: clock.read });
    w = await world(t, 'Summary Co');
    north = (await t.call('POST', '/v2/Divisions', { token: w.token, body: { Name: 'North' } })).body.data.ID;
    daily = await person(t, w.token, {
      Name: 'A Daily',
      DivisionID: north,
      SubjectToTimesheetCompletion: true,
      MinimumTimeHours: 8,
      MinimumTimePeriod: 'Day',
      SkipWeekend: true,
    });
    weekly = await person(t, w.token, {
      Name: 'B Weekly',
      SubjectToTimesheetCompletion: true,
      MinimumTimeHours: 20,
      MinimumTimePeriod: 'Week',
    });
    free = await person(t, w.token, { Name: 'C Free' });
    // Week of Monday 2026-03-02: Daily works 8 h Mon–Thu and 7.99 h Fri (ten 0.1 h plus 6.99 h).
    for (const date of ['2026-03-02', '2026-03-03', '2026-03-04', '2026-03-05'])
      await create(t, daily.token, entry(w, { Date: date, Hours: 8 }));
    await create(t, daily.token, [
      ...Array.from({ length: 10 }, () => entry(w, { Date: '2026-03-06', Hours: 0.1 })),
      entry(w, { Date: '2026-03-06', Hours: 6.99 }),
    ]);
    // Weekly: 3 × 0.33 h on Monday, 19 h on Tuesday → 19.99 h that week (incomplete); 20 h the next.
    await create(
      t,
      weekly.token,
      [0, 1, 2].map(() => entry(w, { Date: '2026-03-02', Hours: 0.33 })),
    );
    await create(t, weekly.token, entry(w, { Date: '2026-03-03', Hours: 19 }));
    await create(t, weekly.token, entry(w, { Date: '2026-03-10', Hours: 20 }));
    await create(t, free.token, entry(w, { Date: '2026-03-04', Hours: 1.5 }));
  });
  afterAll(() => t.close());

  const me = async (person: Person, period: 'Daily' | 'Weekly', q: string) => {
    const res = await t.call('GET', `/v2/Me/Reports/TimeSummary/${period}?${q}`, { token: person.token });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    return res.body;
  };

  describe('/Me/Reports/TimeSummary/Daily', () => {
    it('has one row per date, 0 without entries, exact to the hundredth', async () => {
      const body = await me(daily, 'Daily', 'StartDate=2026-03-05&EndDate=2026-03-09');
      expect(body.data as Daily[]).toEqual([
        { UserID: daily.id, Date: '2026-03-05', Hours: 8, IsComplete: true },
        { UserID: daily.id, Date: '2026-03-06', Hours: 7.99, IsComplete: false },
        { UserID: daily.id, Date: '2026-03-07', Hours: 0, IsComplete: true }, // Saturday, skipped
        { UserID: daily.id, Date: '2026-03-08', Hours: 0, IsComplete: true },
        { UserID: daily.id, Date: '2026-03-09', Hours: 0, IsComplete: false },
      ]);
      expect(body.page).toMatchObject({ count: 5, offset: 0 });
      const three = await me(weekly, 'Daily', 'StartDate=2026-03-02&EndDate=2026-03-02');
      expect(three.data[0].Hours).toBe(0.99);
    });

    it('needs StartDate and EndDate, in order, at most 366 days apart', async () => {
      const none = await t.call('GET', '/v2/Me/Reports/TimeSummary/Daily', { token: daily.token });
      expect(none.status).toBe(400);
      expect(fieldsOf(none)).toEqual(['EndDate', 'StartDate']);
      expect(
        (
          await t.call('GET', '/v2/Me/Reports/TimeSummary/Daily?StartDate=2026-03-01&EndDate=soon', {
            token: daily.token,
          })
        ).status,
      ).toBe(400);
      expect(
        (
          await t.call('GET', '/v2/Me/Reports/TimeSummary/Daily?StartDate=2026-03-02&EndDate=2026-03-01', {
            token: daily.token,
          })
        ).status,
      ).toBe(400);
      expect(
        (
          await t.call('GET', '/v2/Me/Reports/TimeSummary/Weekly?StartDate=2025-01-01&EndDate=2026-03-01', {
            token: daily.token,
          })
        ).status,
      ).toBe(400);
      expect(
        (
          await t.call('GET', '/v2/Me/Reports/TimeSummary/Daily?StartDate=2025-03-02&EndDate=2026-03-02', {
            token: daily.token,
          })
        ).status,
      ).toBe(200);
    });

    it('judges a day by its week for a weekly minimum, and is always complete for people not subject', async () => {
      const body = await me(weekly, 'Daily', 'StartDate=2026-03-08&EndDate=2026-03-09');
      expect((body.data as Daily[]).map((r) => r.IsComplete)).toEqual([false, true]);
      const freeRows = (await me(free, 'Daily', 'StartDate=2026-03-01&EndDate=2026-03-03')).data as Daily[];
      expect(freeRows.every((r) => r.IsComplete)).toBe(true);
    });
  });

  describe('/Me/Reports/TimeSummary/Weekly', () => {
    it('has one row per week of Company.WeekStartsOn that meets the range, with its seven days', async () => {
      const body = await me(weekly, 'Weekly', 'StartDate=2026-03-04&EndDate=2026-03-10');
      const rows = body.data as Weekly[];
      expect(rows.map((r) => [r.StartDate, r.EndDate, r.IsComplete])).toEqual([
        ['2026-03-02', '2026-03-08', false],
        ['2026-03-09', '2026-03-15', true],
      ]);
      expect(rows[0]!.Hours).toEqual([
        { Date: '2026-03-02', Hours: 0.99 },
        { Date: '2026-03-03', Hours: 19 },
        { Date: '2026-03-04', Hours: 0 },
        { Date: '2026-03-05', Hours: 0 },
        { Date: '2026-03-06', Hours: 0 },
        { Date: '2026-03-07', Hours: 0 },
        { Date: '2026-03-08', Hours: 0 },
      ]);
      const daysOf = (await me(daily, 'Weekly', 'StartDate=2026-03-02&EndDate=2026-03-02')).data as Weekly[];
      expect(daysOf[0]!.Hours.reduce((s, d) => s + d.Hours * 100, 0) / 100).toBe(39.99);
      expect(daysOf[0]!.IsComplete).toBe(false); // Friday is short
    });

    it('follows WeekStartsOn', async () => {
      const c = await world(t, 'Sunday Co');
      await patchCompany(t, c, { WeekStartsOn: 'Sunday' });
      const p = await person(t, c.token);
      await create(t, p.token, entry(c, { Date: '2026-03-08', Hours: 2 }));
      const rows = (await me(p, 'Weekly', 'StartDate=2026-03-04&EndDate=2026-03-10')).data as Weekly[];
      expect(rows.map((r) => r.StartDate)).toEqual(['2026-03-01', '2026-03-08']);
      expect(rows[1]!.Hours[0]).toEqual({ Date: '2026-03-08', Hours: 2 });
    });

    it('rounds sums to PrecisionForHoursValues at report time; stored hours do not change', async () => {
      const c = await world(t, 'Precision Co');
      const p = await person(t, c.token);
      await create(t, p.token, [entry(c, { Hours: 0.25 }), entry(c, { Hours: 0.1 })]);
      await patchCompany(t, c, { PrecisionForHoursValues: 1, MinTimeIncrement: 0.1 });
      const rows = (await me(p, 'Daily', 'StartDate=2026-03-09&EndDate=2026-03-09')).data as Daily[];
      expect(rows[0]!.Hours).toBe(0.4); // 0.35 rounds half up
      const list = await t.call('GET', '/v2/Me/TimeEntries', { token: p.token });
      expect(list.body.data.map((e: { Hours: number }) => e.Hours).sort()).toEqual([0.1, 0.25]);
    });
  });

  describe('/Reports/TimeSummary', () => {
    const root = (token: string, period: 'Daily' | 'Weekly', q: string) =>
      t.call('GET', `/v2/Reports/TimeSummary/${period}?${q}`, { token });

    it('covers everyone for an Admin, ordered by Name then Date, paged', async () => {
      const res = await root(w.token, 'Daily', 'StartDate=2026-03-04&EndDate=2026-03-05&limit=3');
      expect(res.status).toBe(200);
      // Ada Admin, A Daily, B Weekly, C Free: four people × two days.
      expect(res.body.page).toMatchObject({ count: 8, limit: 3 });
      const all = await root(w.token, 'Daily', 'StartDate=2026-03-04&EndDate=2026-03-05');
      const rows = all.body.data as Daily[];
      expect(rows.map((r) => r.UserID)).toEqual([
        daily.id,
        daily.id,
        w.userId,
        w.userId,
        weekly.id,
        weekly.id,
        free.id,
        free.id,
      ]);
      expect(rows.filter((r) => r.UserID === free.id).map((r) => r.Hours)).toEqual([1.5, 0]);
      const second = await root(w.token, 'Daily', 'StartDate=2026-03-04&EndDate=2026-03-05&limit=3&offset=3');
      expect((second.body.data as Daily[]).map((r) => [r.UserID, r.Date])).toEqual([
        [w.userId, '2026-03-05'],
        [weekly.id, '2026-03-04'],
        [weekly.id, '2026-03-05'],
      ]);
    });

    it('filters by UserID, DivisionID, UserIsActive and SubjectToTimesheetCompletion', async () => {
      const users = async (q: string, period: 'Daily' | 'Weekly' = 'Daily') => [
        ...new Set(
          (
            (await root(w.token, period, `StartDate=2026-03-02&EndDate=2026-03-02&${q}`)).body.data as Daily[]
          ).map((r) => r.UserID),
        ),
      ];
      expect(await users(`UserID=${free.id}`)).toEqual([free.id]);
      expect(await users(`DivisionID=${north}`)).toEqual([daily.id]);
      expect(await users('SubjectToTimesheetCompletionDaily=true')).toEqual([daily.id]);
      expect(await users('SubjectToTimesheetCompletionWeekly=true', 'Weekly')).toEqual([weekly.id]);
      expect(await users('SubjectToTimesheetCompletionDaily=false')).toEqual([w.userId, weekly.id, free.id]);
      expect(await users('UserIsActive=false')).toEqual([]);
      expect(
        (await root(w.token, 'Daily', 'StartDate=2026-03-02&EndDate=2026-03-02&UserIsActive=sometimes'))
          .status,
      ).toBe(400);
    });

    it('needs Admin, Review timesheets (its reach) or Run Company Reports for all', async () => {
      expect((await root(daily.token, 'Daily', 'StartDate=2026-03-02&EndDate=2026-03-02')).status).toBe(403);
      expect((await root(daily.token, 'Weekly', 'StartDate=2026-03-02&EndDate=2026-03-02')).status).toBe(403);
      const reviewer = await manager(t, w.token, { 'Review timesheets': 'Divisions' }, [north]);
      const seen = (await root(reviewer.token, 'Daily', 'StartDate=2026-03-02&EndDate=2026-03-02')).body
        .data as Daily[];
      expect(seen.map((r) => r.UserID)).toEqual([daily.id]);
      const reporter = await manager(t, w.token, { 'Run Company Reports': 'All' });
      expect(
        (await root(reporter.token, 'Weekly', 'StartDate=2026-03-02&EndDate=2026-03-02')).body.page.count,
      ).toBeGreaterThanOrEqual(4);
      const partial = await manager(t, w.token, { 'Run Company Reports': 'Divisions' }, [north]);
      expect((await root(partial.token, 'Daily', 'StartDate=2026-03-02&EndDate=2026-03-02')).status).toBe(
        403,
      );
    });
  });
});
