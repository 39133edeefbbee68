/**
 * Labels, label events and the LabelID filter of /Reports/Time on both databases. Report figures are
 * compared with sums computed here from the entries as posted.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../support/app.js';
import { testDialects } from '../support/db.js';
import { manager, person, type Person } from '../support/people.js';
import { makeClient, makeJob, makeTask, TestClock } from './time-entries-fixtures.js';
import { csvObjects } from './reports.fixtures.js';

const dialects = await testDialects();

interface Posted {
  ID: string;
  Date: string;
  UserID: string;
  JobID: string;
  TaskID: string;
  Hours: number;
}

const fieldsOf = (res: { body: { errors: { Field: string | null }[] } }) =>
  res.body.errors.map((e) => e.Field).sort();

/** Every entry bills 100 and costs 40 an hour, on billable jobs. */
function totals(entries: readonly Posted[]) {
  let h = 0;
  for (const e of entries) h += Math.round(e.Hours * 100);
  return {
    Count: entries.length,
    Hours: h / 100,
    BillableHours: h / 100,
    Billings: h,
    Cost: (h * 40) / 100,
  };
}

describe.each(dialects)('labels on %s', (dialect) => {
  let t: TestApp;
  const clock = new TestClock();
  let admin: string;
  let adminId: string;
  let p1: Person;
  let p2: Person;
  let clients: { a: string; b: string };
  let jobs: { j1: string; j2: string };
  let tasks: { t1: string; t2: string };
  let e: Posted[] = [];
  let other: string;

  const call = (method: string, url: string, body?: unknown, token = admin) =>
    t.call(method, url, { token, ...(body === undefined ? {} : { body }) });

  beforeAll(async () => {
    t = await createTestApp(dialect, {}, { clock: clock.read });
    const c = await t.company('Labels Co');
    admin = c.Token;
    adminId = c.UserID;
    other = (await t.company('Other Labels Co')).Token;
    clients = { a: await makeClient(t, admin, { Name: 'A' }), b: await makeClient(t, admin, { Name: 'B' }) };
    jobs = { j1: await makeJob(t, admin, clients.a), j2: await makeJob(t, admin, clients.b) };
    tasks = { t1: await makeTask(t, admin), t2: await makeTask(t, admin) };
    p1 = await person(t, admin);
    p2 = await person(t, admin);
    const spec: [string, string, string, string, number][] = [
      [p1.id, '2026-01-05', jobs.j1, tasks.t1, 2],
      [p1.id, '2026-01-10', jobs.j2, tasks.t2, 3],
      [p2.id, '2026-01-15', jobs.j1, tasks.t2, 1.5],
      [p2.id, '2026-02-01', jobs.j2, tasks.t1, 4.25],
      [adminId, '2026-02-10', jobs.j2, tasks.t2, 0.75],
    ];
    const res = await call(
      'POST',
      '/v2/TimeEntries',
      spec.map(([UserID, Date, JobID, TaskID, Hours]) => ({
        UserID,
        Date,
        JobID,
        TaskID,
        Hours,
        BillingRate: 100,
        CostRate: 40,
      })),
    );
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    e = res.body.data as Posted[];
  });
  afterAll(() => t.close());

  describe('/Labels', () => {
    it('creates, lists in Name order with filters and paging, gets and changes labels', async () => {
      const tpl = await call('GET', '/v2/Labels/new');
      expect(tpl.body.data).toEqual({ ID: '', Name: '', IsActive: true, Notes: '' });
      const zeta = await call('POST', '/v2/Labels', { Name: 'Zeta', Notes: 'last' });
      expect(zeta.status, JSON.stringify(zeta.body)).toBe(201);
      expect(zeta.body.data).toMatchObject({ Name: 'Zeta', IsActive: true, Notes: 'last' });
      const batch = await call('POST', '/v2/Labels', [{ Name: 'Alpha' }, { Name: 'Mid', IsActive: false }]);
      expect(batch.status).toBe(201);
      const [alpha, mid] = batch.body.data as { ID: string }[];

      const names = async (query = '') =>
        (await call('GET', `/v2/Labels${query}`)).body.data.map((l: { Name: string }) => l.Name);
      expect(await names()).toEqual(['Alpha', 'Mid', 'Zeta']);
      expect(await names('?IsActive=false')).toEqual(['Mid']);
      expect(await names('?Name=zeta')).toEqual(['Zeta']);
      expect(await names(`?ID=${alpha!.ID},${mid!.ID}`)).toEqual(['Alpha', 'Mid']);
      const page = await call('GET', '/v2/Labels?limit=1&offset=1');
      expect(page.body.data.map((l: { Name: string }) => l.Name)).toEqual(['Mid']);
      expect(page.body.page.count).toBe(3);

      const got = await call('GET', `/v2/Labels/${zeta.body.data.ID}`);
      expect(got.body.data).toEqual(zeta.body.data);
      const patched = await call('PATCH', `/v2/Labels/${zeta.body.data.ID}`, {
        IsActive: false,
        Name: 'Omega',
      });
      expect(patched.status).toBe(200);
      expect(patched.body.data).toMatchObject({ Name: 'Omega', IsActive: false, Notes: 'last' });
    });

    it('refuses bad input with 4xx in the envelope', async () => {
      const dup = await call('POST', '/v2/Labels', { Name: 'unique one' });
      expect(dup.status).toBe(201);
      const again = await call('POST', '/v2/Labels', { Name: 'UNIQUE ONE' });
      expect(again.status).toBe(409);
      expect(fieldsOf(again)).toEqual(['Name']);
      const inBatch = await call('POST', '/v2/Labels', [{ Name: 'twin' }, { Name: 'Twin' }]);
      expect(inBatch.status).toBe(409);
      const second = await call('POST', '/v2/Labels', { Name: 'other name' });
      const rename = await call('PATCH', `/v2/Labels/${second.body.data.ID}`, { Name: 'Unique One' });
      expect(rename.status).toBe(409);
      const bad = await call('POST', '/v2/Labels', { Name: '', IsActive: 'maybe' });
      expect(bad.status).toBe(400);
      expect(fieldsOf(bad)).toEqual(['IsActive', 'Name']);
      expect((await call('POST', '/v2/Labels', { Name: '   ' })).status).toBe(400);
      expect((await call('POST', '/v2/Labels', [])).status).toBe(400);
      expect((await call('GET', '/v2/Labels/nope')).status).toBe(404);
      expect((await call('PATCH', '/v2/Labels/nope', { Name: 'x' })).status).toBe(404);
      expect((await call('GET', '/v2/Labels?IsActive=maybe')).status).toBe(400);
      expect((await call('GET', '/v2/Labels?limit=-1')).status).toBe(400);
      // Another company's label is unknown here.
      expect((await call('GET', `/v2/Labels/${dup.body.data.ID}`, undefined, other)).status).toBe(404);
    });

    it('lets only one of several simultaneous creates with the same name through', async () => {
      const replies = await Promise.all(
        Array.from({ length: 6 }, (_, i) => call('POST', '/v2/Labels', { Name: i % 2 ? 'Race' : 'race' })),
      );
      expect(replies.map((r) => r.status).sort()).toEqual([201, 409, 409, 409, 409, 409]);
      for (const r of replies.filter((x) => x.status === 409))
        expect(r.body.errors.length).toBeGreaterThan(0);
    });

    it('lets an Admin delete a label no event uses (409 otherwise)', async () => {
      const l = (await call('POST', '/v2/Labels', { Name: 'doomed' })).body.data;
      const used = (await call('POST', '/v2/Labels', { Name: 'kept' })).body.data;
      const ev = await call('POST', '/v2/LabelEvents', {
        LabelID: used.ID,
        EntityType: 'Job',
        EntityIDs: jobs.j1,
      });
      expect(ev.status).toBe(201);
      expect((await call('DELETE', `/v2/Labels/${used.ID}`)).status).toBe(409);
      const del = await call('DELETE', `/v2/Labels/${l.ID}`);
      expect(del.status).toBe(200);
      expect(del.body.data).toBeNull();
      expect((await call('GET', `/v2/Labels/${l.ID}`)).status).toBe(404);
      expect((await call('DELETE', `/v2/Labels/${l.ID}`)).status).toBe(404);
      // Once its events are gone, it may go.
      expect((await call('DELETE', `/v2/LabelEvents/${ev.body.data.ID}`)).status).toBe(200);
      expect((await call('GET', `/v2/LabelEvents/${ev.body.data.ID}`)).status).toBe(404);
      expect((await call('DELETE', `/v2/Labels/${used.ID}`)).status).toBe(200);
    });

    it('allows Admins and managers with Run Company Reports for all jobs only', async () => {
      const l = (await call('POST', '/v2/Labels', { Name: 'perm' })).body.data;
      const standard = await person(t, admin);
      const plain = await manager(t, admin, { 'View People': 'All' });
      const partial = await manager(t, admin, { 'Run Company Reports': 'Projects' });
      const reporter = await manager(t, admin, { 'Run Company Reports': 'All' });
      for (const who of [standard, plain, partial]) {
        expect((await call('GET', '/v2/Labels', undefined, who.token)).status).toBe(403);
        expect((await call('GET', `/v2/Labels/${l.ID}`, undefined, who.token)).status).toBe(403);
        expect((await call('GET', '/v2/Labels/new', undefined, who.token)).status).toBe(403);
        expect((await call('POST', '/v2/Labels', { Name: 'no' }, who.token)).status).toBe(403);
        expect((await call('PATCH', `/v2/Labels/${l.ID}`, { Name: 'no' }, who.token)).status).toBe(403);
        expect((await call('GET', '/v2/LabelEvents', undefined, who.token)).status).toBe(403);
        expect(
          (await call('POST', '/v2/LabelEvents', { LabelID: l.ID, EntityType: 'Job' }, who.token)).status,
        ).toBe(403);
      }
      expect((await call('GET', '/v2/Labels', undefined, reporter.token)).status).toBe(200);
      const made = await call('POST', '/v2/Labels', { Name: 'by manager' }, reporter.token);
      expect(made.status).toBe(201);
      expect((await call('PATCH', `/v2/Labels/${l.ID}`, { Notes: 'n' }, reporter.token)).status).toBe(200);
      const ev = await call('POST', '/v2/LabelEvents', { LabelID: l.ID, EntityType: 'Task' }, reporter.token);
      expect(ev.status).toBe(201);
      expect(
        (await call('DELETE', `/v2/LabelEvents/${ev.body.data.ID}`, undefined, reporter.token)).status,
      ).toBe(200);
      // Deleting a label is for Admins only.
      expect(
        (await call('DELETE', `/v2/Labels/${made.body.data.ID}`, undefined, reporter.token)).status,
      ).toBe(403);
      expect((await call('DELETE', `/v2/Labels/${made.body.data.ID}`)).status).toBe(200);
      expect((await call('GET', `/v2/Reports/Time?LabelID=${l.ID}`, undefined, standard.token)).status).toBe(
        403,
      );
    });
  });

  describe('/LabelEvents', () => {
    it('creates, lists by label in ID order, adds entity IDs and validates', async () => {
      const tpl = await call('GET', '/v2/LabelEvents/new');
      expect(tpl.body.data).toEqual({
        ID: '',
        LabelID: '',
        EntityType: 'TimeEntry',
        EntityIDs: '',
        StartDate: null,
        EndDate: null,
      });
      const l = (await call('POST', '/v2/Labels', { Name: 'events' })).body.data;
      const l2 = (await call('POST', '/v2/Labels', { Name: 'events 2' })).body.data;
      const a = await call('POST', '/v2/LabelEvents', {
        LabelID: l.ID,
        EntityType: 'user',
        EntityIDs: ` ${p2.id}, ${p1.id},,${p1.id}`,
        StartDate: '2026-01-01',
      });
      expect(a.status, JSON.stringify(a.body)).toBe(201);
      expect(a.body.data).toMatchObject({
        LabelID: l.ID,
        EntityType: 'User',
        EntityIDs: [p1.id, p2.id].sort().join(','),
        StartDate: '2026-01-01',
        EndDate: null,
      });
      const b = await call('POST', '/v2/LabelEvents', {
        LabelID: l.ID,
        EntityType: 'TimeEntry',
        EntityIDs: '',
      });
      expect(b.status).toBe(201);
      const c = await call('POST', '/v2/LabelEvents', {
        LabelID: l2.ID,
        EntityType: 'Client',
        EntityIDs: clients.a,
      });
      expect(c.status).toBe(201);

      const listed = await call('GET', `/v2/LabelEvents?LabelID=${l.ID}`);
      expect(listed.body.page.count).toBe(2);
      expect(listed.body.data.map((x: { ID: string }) => x.ID)).toEqual(
        [a.body.data.ID, b.body.data.ID].sort(),
      );
      const both = await call('GET', `/v2/LabelEvents?LabelID=${l.ID},${l2.ID}&limit=1`);
      expect(both.body.page.count).toBe(3);
      expect(both.body.data).toHaveLength(1);
      expect((await call('GET', `/v2/LabelEvents/${a.body.data.ID}`)).body.data).toEqual(a.body.data);

      const added = await call('POST', `/v2/LabelEvents/${b.body.data.ID}`, [e[0]!.ID, e[1]!.ID, e[0]!.ID]);
      expect(added.status, JSON.stringify(added.body)).toBe(200);
      expect(added.body.data).toEqual([e[0]!.ID, e[1]!.ID].sort());
      const more = await call('POST', `/v2/LabelEvents/${b.body.data.ID}`, [e[2]!.ID]);
      expect(more.body.data).toEqual([e[0]!.ID, e[1]!.ID, e[2]!.ID].sort());
      expect((await call('GET', `/v2/LabelEvents/${b.body.data.ID}`)).body.data.EntityIDs).toBe(
        more.body.data.join(','),
      );

      // Bad input.
      const bad = await call('POST', '/v2/LabelEvents', {
        LabelID: 'nope',
        EntityType: 'Expense',
        StartDate: '2026-13-01',
      });
      expect(bad.status).toBe(400);
      expect(fieldsOf(bad)).toEqual(['StartDate']);
      const bad2 = await call('POST', '/v2/LabelEvents', { LabelID: 'nope', EntityType: 'Expense' });
      expect(bad2.status).toBe(400);
      expect(fieldsOf(bad2)).toEqual(['EntityType', 'LabelID']);
      const window = await call('POST', '/v2/LabelEvents', {
        LabelID: l.ID,
        EntityType: 'Job',
        StartDate: '2026-02-01',
        EndDate: '2026-01-01',
      });
      expect(window.status).toBe(400);
      expect(fieldsOf(window)).toEqual(['EndDate']);
      const unknown = await call('POST', '/v2/LabelEvents', {
        LabelID: l.ID,
        EntityType: 'Job',
        EntityIDs: p1.id,
      });
      expect(unknown.status).toBe(400);
      expect(fieldsOf(unknown)).toEqual(['EntityIDs']);
      expect((await call('POST', '/v2/LabelEvents', { EntityType: 'Job' })).status).toBe(400);
      expect((await call('POST', '/v2/LabelEvents', { LabelID: 5, EntityType: 'Job' })).status).toBe(400);
      const inBatch = await call('POST', '/v2/LabelEvents', [
        { LabelID: l.ID, EntityType: 'Job' },
        { LabelID: 'nope', EntityType: 'Job' },
      ]);
      expect(inBatch.status).toBe(400);
      expect(fieldsOf(inBatch)).toEqual(['[1].LabelID']);
      expect((await call('POST', `/v2/LabelEvents/${b.body.data.ID}`, ['nope'])).status).toBe(400);
      expect((await call('POST', `/v2/LabelEvents/${b.body.data.ID}`, [''])).status).toBe(400);
      expect((await call('POST', `/v2/LabelEvents/${b.body.data.ID}`, { ID: 'x' })).status).toBe(400);
      expect((await call('POST', `/v2/LabelEvents/${b.body.data.ID}`, [3])).status).toBe(400);
      expect((await call('POST', '/v2/LabelEvents/nope', [e[0]!.ID])).status).toBe(404);
      expect((await call('GET', '/v2/LabelEvents/nope')).status).toBe(404);
      expect((await call('DELETE', '/v2/LabelEvents/nope')).status).toBe(404);
      // Another company's label and entities are unknown.
      expect(
        (await call('POST', '/v2/LabelEvents', { LabelID: l.ID, EntityType: 'Job' }, other)).status,
      ).toBe(400);
      const theirs = (await call('POST', '/v2/Labels', { Name: 'theirs' }, other)).body.data;
      const cross = await call(
        'POST',
        '/v2/LabelEvents',
        { LabelID: theirs.ID, EntityType: 'Job', EntityIDs: jobs.j1 },
        other,
      );
      expect(cross.status).toBe(400);
      expect(fieldsOf(cross)).toEqual(['EntityIDs']);
      expect((await call('GET', `/v2/LabelEvents/${a.body.data.ID}`, undefined, other)).status).toBe(404);
    });
  });

  describe('/Reports/Time?LabelID', () => {
    const label = async (name: string, events: Record<string, unknown>[]) => {
      const l = await call('POST', '/v2/Labels', { Name: name });
      expect(l.status).toBe(201);
      for (const ev of events) {
        const r = await call('POST', '/v2/LabelEvents', { LabelID: l.body.data.ID, ...ev });
        expect(r.status, JSON.stringify(r.body)).toBe(201);
      }
      return l.body.data.ID as string;
    };
    const report = async (query: string) => {
      const res = await call('GET', `/v2/Reports/Time?limit=500&${query}`);
      expect(res.status, JSON.stringify(res.body)).toBe(200);
      return res;
    };
    const expectReport = async (query: string, want: Posted[]) => {
      const res = await report(query);
      const sorted = [...want].sort((x, y) => (x.Date < y.Date ? -1 : x.Date > y.Date ? 1 : 0));
      expect(res.body.data.map((r: Posted) => r.ID)).toEqual(sorted.map((x) => x.ID));
      expect(res.body.page.count).toBe(want.length);
      expect(res.body.meta.Totals).toEqual(totals(want));
    };

    it('returns exactly the entries labelled through each EntityType and date window', async () => {
      const [e1, e2, e3, e4, e5] = e as [Posted, Posted, Posted, Posted, Posted];
      const byEntry = await label('r-entry', [{ EntityType: 'TimeEntry', EntityIDs: e1.ID }]);
      const byJob = await label('r-job', [
        { EntityType: 'Job', EntityIDs: jobs.j1, StartDate: '2026-01-06' },
      ]);
      const byUser = await label('r-user', [{ EntityType: 'User', EntityIDs: p1.id }]);
      const byTask = await label('r-task', [
        { EntityType: 'Task', EntityIDs: tasks.t1, StartDate: '2026-01-01', EndDate: '2026-01-31' },
      ]);
      const byClient = await label('r-client', [
        { EntityType: 'Client', EntityIDs: clients.b, StartDate: '2026-01-10', EndDate: '2026-02-01' },
      ]);
      const closed = await label('r-closed', [
        { EntityType: 'User', EntityIDs: `${p1.id},${p2.id}`, EndDate: '2026-01-09' },
        { EntityType: 'Job', EntityIDs: jobs.j2, StartDate: '2026-02-02' },
      ]);
      const empty = await label('r-empty', []);

      await expectReport(`LabelID=${byEntry}`, [e1]);
      await expectReport(`LabelID=${byJob}`, [e3]);
      await expectReport(`LabelID=${byUser}`, [e1, e2]);
      await expectReport(`LabelID=${byTask}`, [e1]);
      await expectReport(`LabelID=${byClient}`, [e2, e4]);
      await expectReport(`LabelID=${closed}`, [e1, e5]);
      await expectReport(`LabelID=${empty}`, []);
      await expectReport('LabelID=unknown', []);
      // Several labels: entries with any of them, each once.
      await expectReport(`LabelID=${byEntry},${byTask},${byUser}`, [e1, e2]);
      await expectReport(`LabelID=${byEntry}&LabelID=${byClient}`, [e1, e2, e4]);
      // Combined with the other filters.
      await expectReport(`LabelID=${byClient}&UserID=${p2.id}`, [e4]);
      await expectReport(`LabelID=${byUser}&StartDate=2026-01-06`, [e2]);
      // The unlabelled entry only shows without a label filter, and the totals there are unchanged.
      await expectReport(`LabelID=${byEntry},${byJob},${byUser},${byTask},${byClient}`, [e1, e2, e3, e4]);
      await expectReport('', e);
      // Paging keeps the totals of the whole report.
      const page = await call('GET', `/v2/Reports/Time?LabelID=${byClient}&limit=1&offset=1`);
      expect(page.body.data.map((r: Posted) => r.ID)).toEqual([e4.ID]);
      expect(page.body.page.count).toBe(2);
      expect(page.body.meta.Totals).toEqual(totals([e2, e4]));

      // Adding the entry to an event labels it at once.
      const ev = (await call('GET', `/v2/LabelEvents?LabelID=${byEntry}`)).body.data[0];
      expect((await call('POST', `/v2/LabelEvents/${ev.ID}`, [e5.ID])).status).toBe(200);
      await expectReport(`LabelID=${byEntry}`, [e1, e5]);

      // The CSV export filters the same way.
      const csv = await t.app.inject({
        method: 'GET',
        url: `/v2/Reports/Time.csv?LabelID=${byClient}`,
        headers: { authorization: `Token ${admin}` },
      });
      expect(csv.statusCode).toBe(200);
      expect(csvObjects(csv.body).map((r) => r.ID)).toEqual([e2.ID, e4.ID]);
    });
  });
});
