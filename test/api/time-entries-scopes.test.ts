/**
 * Whose time each scope reaches (/Me, /TimeEntries, /Manage/Timesheets/TimeEntries), the 403s, and that
 * no company ever sees another's entries or timers (DECISIONS 3, 4, 12).
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

describe.each(dialects)('time-entry scopes on %s', (dialect) => {
  let t: TestApp;
  const clock = new TestClock();
  let a: World;
  let north: string;
  let south: string;
  let nora: Person; // STANDARD, division North
  let sam: Person; // STANDARD, division South
  let approvee: Person; // STANDARD, no division, approved by `lead`
  let lead: Person; // MANAGER: Lock + Override timesheets for North; approver of `approvee`
  const entries: Record<string, string> = {};

  const division = async (name: string) => {
    const res = await t.call('POST', '/v2/Divisions', { token: a.token, body: { Name: name } });
    expect(res.status).toBe(201);
    return res.body.data.ID as string;
  };

  beforeAll(async () => {
    t = await createTestApp(dialect, {}, { clock: clock.read });
    a = await world(t, 'Scopes A');
    north = await division('North');
    south = await division('South');
    nora = await person(t, a.token, { Name: 'Nora North', DivisionID: north });
    sam = await person(t, a.token, { Name: 'Sam South', DivisionID: south });
    lead = await manager(t, a.token, { 'Lock timesheets': 'Divisions', 'Override timesheets': 'Divisions' }, [
      north,
    ]);
    approvee = await person(t, a.token, {
      Name: 'Abe Approvee',
      SubjectToTimesheetApproval: true,
      TimesheetApproverID: lead.id,
    });
    entries.nora = (await create(t, nora.token, entry(a, { Date: '2026-03-02' }))).ID;
    entries.sam = (await create(t, sam.token, entry(a, { Date: '2026-03-03' }))).ID;
    entries.abe = (await create(t, approvee.token, entry(a, { Date: '2026-03-04' }))).ID;
    entries.admin = (await create(t, a.token, entry(a, { Date: '2026-03-05' }))).ID;
  });
  afterAll(() => t.close());

  const ids = (res: { body: { data: { ID: string }[] } }) => res.body.data.map((e) => e.ID).sort();

  describe('/TimeEntries (root)', () => {
    it('is closed to STANDARD people (403) for every method', async () => {
      for (const [method, path, body] of [
        ['GET', '/v2/TimeEntries', undefined],
        ['GET', `/v2/TimeEntries/${entries.nora}`, undefined],
        ['POST', '/v2/TimeEntries', entry(a)],
        ['PATCH', `/v2/TimeEntries/${entries.nora}`, { Hours: 2 }],
        ['DELETE', `/v2/TimeEntries/${entries.nora}`, undefined],
      ] as const) {
        const res = await t.call(method, path, { token: nora.token, ...(body ? { body } : {}) });
        expect(res.status, `${method} ${path}`).toBe(403);
        expect(res.body.errors[0].MessageDetail).toEqual(['forbidden']);
      }
    });

    it('reads with Admin or Review timesheets for all people; a Divisions scope is not enough', async () => {
      const all = await manager(t, a.token, { 'Review timesheets': 'All' });
      const some = await manager(t, a.token, { 'Review timesheets': 'Divisions' }, [north]);
      const list = await t.call('GET', '/v2/TimeEntries', { token: all.token });
      expect(list.status).toBe(200);
      expect(ids(list)).toEqual(Object.values(entries).sort());
      expect(
        ids(await t.call('GET', `/v2/TimeEntries?UserID=${sam.id},${nora.id}`, { token: a.token })),
      ).toEqual([entries.sam, entries.nora].sort());
      expect((await t.call('GET', `/v2/TimeEntries/${entries.sam}`, { token: all.token })).status).toBe(200);
      expect((await t.call('GET', '/v2/TimeEntries', { token: some.token })).status).toBe(403);
      // Reading is not writing.
      expect(
        (await t.call('POST', '/v2/TimeEntries', { token: all.token, body: entry(a, { UserID: nora.id }) }))
          .status,
      ).toBe(403);
    });

    it('writes with Override timesheets for the people it reaches, overriding nothing else', async () => {
      const over = await manager(t, a.token, { 'Override timesheets': 'All' });
      const made = await t.call('POST', '/v2/TimeEntries', {
        token: over.token,
        body: entry(a, { UserID: sam.id, Date: '2026-03-06' }),
      });
      expect(made.status).toBe(201);
      expect(made.body.data.UserID).toBe(sam.id);
      expect(
        (
          await t.call('PATCH', `/v2/TimeEntries/${made.body.data.ID}`, {
            token: over.token,
            body: { Hours: 3 },
          })
        ).body.data.Hours,
      ).toBe(3);
      expect(
        (await t.call('DELETE', `/v2/TimeEntries/${made.body.data.ID}`, { token: over.token })).status,
      ).toBe(200);
      // Without Review timesheets it cannot read the list.
      expect((await t.call('GET', '/v2/TimeEntries', { token: over.token })).status).toBe(403);
      // Still every rule of an entry applies.
      expect(
        (
          await t.call('POST', '/v2/TimeEntries', {
            token: over.token,
            body: entry(a, { UserID: sam.id, Hours: 0 }),
          })
        ).status,
      ).toBe(400);
    });

    it('a Divisions-scoped Override reaches only its divisions and approvees', async () => {
      const res = await t.call('POST', '/v2/TimeEntries', {
        token: lead.token,
        body: entry(a, { UserID: sam.id }),
      });
      expect(res.status).toBe(403);
      expect(
        (await t.call('PATCH', `/v2/TimeEntries/${entries.sam}`, { token: lead.token, body: { Hours: 2 } }))
          .status,
      ).toBe(404);
      expect(
        (
          await t.call('POST', '/v2/TimeEntries', {
            token: lead.token,
            body: entry(a, { UserID: nora.id, Date: '2026-03-07' }),
          })
        ).status,
      ).toBe(201);
      expect(
        (
          await t.call('POST', '/v2/TimeEntries', {
            token: lead.token,
            body: entry(a, { UserID: approvee.id, Date: '2026-03-07' }),
          })
        ).status,
      ).toBe(201);
    });

    it("logs the caller's own time without UserID, and refuses an unknown person naming UserID", async () => {
      const mine = await create(t, a.token, entry(a, { Date: '2026-03-08', Hours: 0.5 }), '/v2/TimeEntries');
      expect(mine.UserID).toBe(a.userId);
      const res = await t.call('POST', '/v2/TimeEntries', {
        token: a.token,
        body: [entry(a, { UserID: 'nobody' }), entry(a)],
      });
      expect(res.status).toBe(400);
      expect(fieldsOf(res)).toEqual(['[0].UserID']);
    });
  });

  describe('/Manage/Timesheets/TimeEntries', () => {
    it('reads with Lock timesheets: the divisions it covers and the people one approves', async () => {
      const list = await t.call('GET', '/v2/Manage/Timesheets/TimeEntries?EndDate=2026-03-05', {
        token: lead.token,
      });
      expect(list.status).toBe(200);
      expect(ids(list)).toEqual([entries.nora, entries.abe].sort());
      expect(
        (await t.call('GET', `/v2/Manage/Timesheets/TimeEntries/${entries.nora}`, { token: lead.token }))
          .status,
      ).toBe(200);
      expect(
        (await t.call('GET', `/v2/Manage/Timesheets/TimeEntries/${entries.sam}`, { token: lead.token }))
          .status,
      ).toBe(404);
      // An Admin reaches everyone.
      expect(
        ids(await t.call('GET', '/v2/Manage/Timesheets/TimeEntries?EndDate=2026-03-05', { token: a.token })),
      ).toEqual(Object.values(entries).sort());
    });

    it('writes with Override timesheets within the reach; beyond it the entry is not found', async () => {
      const made = await t.call('POST', '/v2/Manage/Timesheets/TimeEntries', {
        token: lead.token,
        body: entry(a, { UserID: nora.id, Date: '2026-03-01' }),
      });
      expect(made.status).toBe(201);
      expect(
        (
          await t.call('PATCH', `/v2/Manage/Timesheets/TimeEntries/${made.body.data.ID}`, {
            token: lead.token,
            body: { Comment: 'ok' },
          })
        ).status,
      ).toBe(200);
      expect(
        (
          await t.call('DELETE', `/v2/Manage/Timesheets/TimeEntries/${made.body.data.ID}`, {
            token: lead.token,
          })
        ).status,
      ).toBe(200);
      expect(
        (
          await t.call('POST', '/v2/Manage/Timesheets/TimeEntries', {
            token: lead.token,
            body: entry(a, { UserID: sam.id }),
          })
        ).status,
      ).toBe(403);
      expect(
        (await t.call('DELETE', `/v2/Manage/Timesheets/TimeEntries/${entries.sam}`, { token: lead.token }))
          .status,
      ).toBe(404);
    });

    it('needs the permissions (403) and the Timesheet Approvals module (403)', async () => {
      const locker = await manager(t, a.token, { 'Lock timesheets': 'All' });
      expect((await t.call('GET', '/v2/Manage/Timesheets/TimeEntries', { token: locker.token })).status).toBe(
        200,
      );
      expect(
        (
          await t.call('POST', '/v2/Manage/Timesheets/TimeEntries', {
            token: locker.token,
            body: entry(a, { UserID: sam.id }),
          })
        ).status,
      ).toBe(403);
      expect((await t.call('GET', '/v2/Manage/Timesheets/TimeEntries', { token: nora.token })).status).toBe(
        403,
      );
      const plain = await manager(t, a.token, {});
      expect((await t.call('GET', '/v2/Manage/Timesheets/TimeEntries', { token: plain.token })).status).toBe(
        403,
      );
      await patchCompany(t, a, { OptionalModules: { TimesheetApprovals: false } });
      try {
        const res = await t.call('GET', '/v2/Manage/Timesheets/TimeEntries', { token: a.token });
        expect(res.status).toBe(403);
        expect(res.body.errors[0].MessageDetail).toEqual(['module_disabled']);
        // The other scopes do not need the module.
        expect((await t.call('GET', '/v2/TimeEntries', { token: a.token })).status).toBe(200);
      } finally {
        await patchCompany(t, a, { OptionalModules: { TimesheetApprovals: true } });
      }
    });
  });

  describe('companies are isolated', () => {
    let b: World;
    let bob: Person;
    let timerId: string;
    beforeAll(async () => {
      b = await world(t, 'Scopes B');
      bob = await person(t, b.token);
      await create(t, bob.token, entry(b, { Date: '2026-03-02' }));
      const timer = await t.call('POST', `/v2/Me/TimeEntries/${entries.nora}/Timer`, { token: nora.token });
      expect(timer.status).toBe(201);
      timerId = timer.body.data.ID;
    });

    it("B's Admin lists none of A's entries or timers", async () => {
      const list = await t.call('GET', '/v2/TimeEntries?limit=500', { token: b.token });
      expect(list.body.page.count).toBe(1);
      expect(list.body.data[0].UserID).toBe(bob.id);
      expect(
        (await t.call('GET', `/v2/TimeEntries?UserID=${nora.id}`, { token: b.token })).body.data,
      ).toEqual([]);
      expect(
        (await t.call('GET', `/v2/TimeEntries?ID=${entries.nora}`, { token: b.token })).body.data,
      ).toEqual([]);
      expect(
        (await t.call('GET', '/v2/Manage/Timesheets/TimeEntries', { token: b.token })).body.page.count,
      ).toBe(1);
      expect((await t.call('GET', '/v2/Timers', { token: b.token })).body.data).toEqual([]);
      const summary = await t.call(
        'GET',
        `/v2/Reports/TimeSummary/Daily?StartDate=2026-03-02&EndDate=2026-03-02&UserID=${nora.id}`,
        {
          token: b.token,
        },
      );
      expect(summary.body.data).toEqual([]);
    });

    it("B's Admin gets 404 on every path naming A's IDs", async () => {
      for (const base of ['/v2/TimeEntries', '/v2/Manage/Timesheets/TimeEntries', '/v2/Me/TimeEntries']) {
        expect((await t.call('GET', `${base}/${entries.nora}`, { token: b.token })).status, base).toBe(404);
        expect(
          (await t.call('PATCH', `${base}/${entries.nora}`, { token: b.token, body: { Hours: 1 } })).status,
          base,
        ).toBe(404);
        expect((await t.call('DELETE', `${base}/${entries.nora}`, { token: b.token })).status, base).toBe(
          404,
        );
      }
      expect(
        (await t.call('GET', `/v2/Me/TimeEntries/${entries.nora}/Timer`, { token: b.token })).status,
      ).toBe(404);
      expect((await t.call('GET', `/v2/Me/Timers/${timerId}`, { token: b.token })).status).toBe(404);
      expect((await t.call('DELETE', `/v2/Timers/${timerId}`, { token: b.token })).status).toBe(404);
      expect(
        (await t.call('PUT', '/v2/Timers', { token: b.token, body: { ID: timerId, Intervals: [] } })).status,
      ).toBe(404);
      // A's entry is untouched.
      expect(
        (await t.call('GET', `/v2/TimeEntries/${entries.nora}`, { token: a.token })).body.data.Hours,
      ).toBe(1);
    });

    it("names A's IDs inside a body as unknown fields (400)", async () => {
      const res = await t.call('POST', '/v2/TimeEntries', {
        token: b.token,
        body: entry(b, { UserID: nora.id }),
      });
      expect(res.status).toBe(400);
      expect(fieldsOf(res)).toEqual(['UserID']);
      const job = await t.call('POST', '/v2/Me/TimeEntries', {
        token: bob.token,
        body: entry(b, { JobID: a.jobId, TaskID: a.taskId }),
      });
      expect(fieldsOf(job)).toEqual(['JobID', 'TaskID']);
      const timer = await t.call('PUT', '/v2/Timers', {
        token: b.token,
        body: { TimeEntryID: entries.nora, Intervals: [] },
      });
      expect(timer.status).toBe(400);
      expect(fieldsOf(timer)).toEqual(['TimeEntryID']);
    });
  });
});
