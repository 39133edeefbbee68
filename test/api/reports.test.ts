/**
 * Reports over the wire on both databases: /Reports/Time, /Reports/TimeSummary (every GroupBy),
 * /Reports/TimeSummary/Jobs…, /Payroll, rounding, exports. Every figure is compared with one computed here,
 * independently, from the entries as they were posted (decimal strings → BigInt).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../support/app.js';
import { testDialects } from '../support/db.js';
import { manager, person, type Person } from '../support/people.js';
import { makeClient, makeJob, makeTask, TestClock } from './time-entries-fixtures.js';
import { csvObjects, xlsxObjects } from './reports.fixtures.js';
import { timeChunk } from '../../src/server/modules/reports/time-report.store.js';

const dialects = await testDialects();

// ——— independent arithmetic ———

/** A non-negative decimal (number or text) × 10^scale, exactly. */
function scaled(v: number | string, scale: number): bigint {
  const [w = '0', f = ''] = String(v).split('.');
  return BigInt(w) * 10n ** BigInt(scale) + BigInt((f + '0'.repeat(scale)).slice(0, scale) || '0');
}
const cents = (hours: number, rate: number) => (scaled(hours, 4) * scaled(rate, 4) + 500_000n) / 1_000_000n;
const h4 = (v: bigint) => Number(v) / 1e4;
const c2 = (v: bigint) => Number(v) / 100;

interface Posted {
  ID: string;
  Date: string;
  UserID: string;
  JobID: string;
  TaskID: string;
  Hours: number;
  BillingRate: number;
  CostRate: number;
  Comment: string;
  billable: boolean;
}

function sums(entries: readonly Posted[], hoursOf: (e: Posted) => bigint = (e) => scaled(e.Hours, 4)) {
  let hours = 0n;
  let billable = 0n;
  let billings = 0n;
  let cost = 0n;
  for (const e of entries) {
    const h = hoursOf(e);
    hours += h;
    if (e.billable) {
      billable += h;
      billings += (h * scaled(e.BillingRate, 4) + 500_000n) / 1_000_000n;
    }
    cost += (h * scaled(e.CostRate, 4) + 500_000n) / 1_000_000n;
  }
  return { Hours: h4(hours), BillableHours: h4(billable), Billings: c2(billings), Cost: c2(cost) };
}

const up = (h: number, inc: bigint) => {
  const v = scaled(h, 4);
  return ((v + inc - 1n) / inc) * inc;
};

const byDateId = (a: Posted, b: Posted) =>
  a.Date < b.Date ? -1 : a.Date > b.Date ? 1 : a.ID < b.ID ? -1 : a.ID > b.ID ? 1 : 0;

describe.each(dialects)('reports on %s', (dialect) => {
  let t: TestApp;
  const clock = new TestClock();
  let admin: string;
  let companyId: string;
  let adminId: string;
  const names = {
    jobs: new Map<string, string>(),
    tasks: new Map<string, string>(),
    users: new Map<string, string>(),
  };
  let jobs: { build: string; audit: string; internal: string };
  let clients: { acme: string; beta: string };
  let tasks: { code: string; design: string };
  let division: string;
  let p1: Person;
  let p2: Person;
  let entries: Posted[] = [];
  let other: { token: string; jobId: string; entryId: string };

  const get = async (url: string, token = admin) => t.call('GET', url, { token });

  beforeAll(async () => {
    t = await createTestApp(dialect, {}, { clock: clock.read });
    const c = await t.company('Reports Co');
    admin = c.Token;
    companyId = c.CompanyID;
    adminId = c.UserID;
    clients = {
      acme: await makeClient(t, admin, { Name: 'Acme' }),
      beta: await makeClient(t, admin, { Name: 'Beta' }),
    };
    jobs = {
      build: await makeJob(t, admin, clients.acme, { Name: 'Build', JobNumber: 'B-1' }),
      audit: await makeJob(t, admin, clients.beta, { Name: 'Audit' }),
      internal: await makeJob(t, admin, clients.acme, { Name: 'Internal', IsBillable: false }),
    };
    tasks = {
      code: await makeTask(t, admin, { Name: 'Code' }),
      design: await makeTask(t, admin, { Name: 'Design' }),
    };
    names.jobs.set(jobs.build, 'Build').set(jobs.audit, 'Audit').set(jobs.internal, 'Internal');
    names.tasks.set(tasks.code, 'Code').set(tasks.design, 'Design');
    division = (await t.call('POST', '/v2/Divisions', { token: admin, body: { Name: 'North' } })).body.data
      .ID;
    p1 = await person(t, admin, { Name: 'Zed, Anna', DivisionID: division });
    p2 = await person(t, admin, { Name: 'Berg, Bo' });
    names.users.set(adminId, 'Ada Admin').set(p1.id, 'Zed, Anna').set(p2.id, 'Berg, Bo');

    const spec: [string, string, string, string, number, number, number, string][] = [
      // user, date, job, task, hours, billing rate, cost rate, comment
      [p1.id, '2026-01-05', jobs.build, tasks.code, 7.5, 100.5, 40.25, 'kick-off'],
      [p1.id, '2026-01-31', jobs.build, tasks.design, 0.33, 99.99, 33.333, 'a "quoted", comma\nnew line'],
      [p2.id, '2026-02-01', jobs.audit, tasks.code, 8, 150, 60, '=HYPERLINK("http://evil")'],
      [p2.id, '2026-02-28', jobs.internal, tasks.design, 2.25, 120, 50, '-minus'],
      [adminId, '2026-03-02', jobs.build, tasks.code, 1.01, 0.0001, 0, ''],
      [p1.id, '2026-03-03', jobs.audit, tasks.design, 0.05, 0.1, 0.1, '@at'],
      [p1.id, '2026-03-03', jobs.audit, tasks.code, 0.05, 0.1, 0.3, '+plus'],
      [p2.id, '2026-01-05', jobs.build, tasks.code, 3.99, 87.6543, 12.3456, 'same day as another'],
      [p2.id, '2025-12-31', jobs.audit, tasks.design, 4.01, 200, 100, 'last year'],
      [p1.id, '2026-02-16', jobs.internal, tasks.code, 0.17, 75, 25, ''],
    ];
    const body = spec.map(([UserID, Date, JobID, TaskID, Hours, BillingRate, CostRate, Comment]) => ({
      UserID,
      Date,
      JobID,
      TaskID,
      Hours,
      BillingRate,
      CostRate,
      Comment,
    }));
    const res = await t.call('POST', '/v2/TimeEntries', { token: admin, body });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    entries = (res.body.data as Posted[]).map((e) => ({ ...e, billable: e.JobID !== jobs.internal }));

    // Another company, whose data must never appear.
    const o = await t.company('Other Co');
    const oc = await makeClient(t, o.Token, { Name: 'Acme' });
    const oj = await makeJob(t, o.Token, oc, { Name: 'Build' });
    const ot = await makeTask(t, o.Token, { Name: 'Code' });
    const oe = await t.call('POST', '/v2/Me/TimeEntries', {
      token: o.Token,
      body: { Date: '2026-01-05', JobID: oj, TaskID: ot, Hours: 5 },
    });
    expect(oe.status).toBe(201);
    other = { token: o.Token, jobId: oj, entryId: oe.body.data.ID };
  });

  afterAll(async () => {
    await t.close();
  });

  describe('/Reports/Time', () => {
    it('lists every entry in Date, ID order with exact totals', async () => {
      const res = await get('/v2/Reports/Time?limit=500');
      expect(res.status, JSON.stringify(res.body)).toBe(200);
      const expected = [...entries].sort(byDateId);
      expect(res.body.data.map((r: Posted) => r.ID)).toEqual(expected.map((e) => e.ID));
      expect(res.body.page.count).toBe(entries.length);
      const row = res.body.data.find((r: Posted) => r.ID === entries[1]!.ID);
      expect(row).toEqual({
        ID: entries[1]!.ID,
        Date: '2026-01-31',
        Hours: 0.33,
        BreakTime: 0,
        StartTime: null,
        EndTime: null,
        JobID: jobs.build,
        TaskID: tasks.design,
        UserID: p1.id,
        IsBillable: true,
        BillingRate: 99.99,
        CostRate: 33.333,
      });
      expect(res.body.meta.Totals).toEqual({ Count: entries.length, ...sums(entries) });
      // Totals equal the sum of the rows: hours to the 10^-4, money to the cent.
      const rowsHours = res.body.data.reduce((s: bigint, r: Posted) => s + scaled(r.Hours, 4), 0n);
      expect(h4(rowsHours)).toBe(res.body.meta.Totals.Hours);
      const rowsBillings = res.body.data.reduce(
        (s: bigint, r: Posted & { IsBillable: boolean }) =>
          s + (r.IsBillable ? cents(r.Hours, r.BillingRate) : 0n),
        0n,
      );
      expect(c2(rowsBillings)).toBe(res.body.meta.Totals.Billings);
      expect(res.body.data.some((r: Posted) => r.ID === other.entryId)).toBe(false);
    });

    it('keeps dates as given (no time zone moves a day)', async () => {
      const res = await get('/v2/Reports/Time?StartDate=2025-12-31&EndDate=2025-12-31');
      expect(res.body.data.map((r: Posted) => r.Date)).toEqual(['2025-12-31']);
      const jan = await get('/v2/Reports/Time?StartDate=2026-01-01&EndDate=2026-01-31');
      expect(jan.body.data.map((r: Posted) => r.Date)).toEqual(['2026-01-05', '2026-01-05', '2026-01-31']);
    });

    it('applies every filter', async () => {
      const ids = async (qs: string) => {
        const res = await get(`/v2/Reports/Time?limit=500&${qs}`);
        expect(res.status, JSON.stringify(res.body)).toBe(200);
        return (res.body.data as Posted[]).map((r) => r.ID).sort();
      };
      const want = (f: (e: Posted) => boolean) =>
        entries
          .filter(f)
          .map((e) => e.ID)
          .sort();
      expect(await ids(`UserID=${p1.id}`)).toEqual(want((e) => e.UserID === p1.id));
      expect(await ids(`UserID=${p1.id},${p2.id}`)).toEqual(want((e) => e.UserID !== adminId));
      expect(await ids(`userid=${p1.id}&UserID=${adminId}`)).toEqual(want((e) => e.UserID !== p2.id));
      expect(await ids(`JobID=${jobs.audit}`)).toEqual(want((e) => e.JobID === jobs.audit));
      expect(await ids(`TaskID=${tasks.design}`)).toEqual(want((e) => e.TaskID === tasks.design));
      expect(await ids(`ClientID=${clients.acme}`)).toEqual(want((e) => e.JobID !== jobs.audit));
      expect(await ids(`DivisionID=${division}`)).toEqual(want((e) => e.UserID === p1.id));
      expect(await ids('IsBillable=false')).toEqual(want((e) => !e.billable));
      expect(await ids('IsBillable=true')).toEqual(want((e) => e.billable));
      expect(await ids('StartDate=2026-02-01&EndDate=2026-02-28')).toEqual(
        want((e) => e.Date >= '2026-02-01' && e.Date <= '2026-02-28'),
      );
      expect(await ids('LabelID=anything')).toEqual([]);
      expect(await ids(`JobID=${other.jobId}`)).toEqual([]);
      expect(await ids('UserID=nobody')).toEqual([]);
    });

    it('filters by timesheet and timesheet status (a date without a sheet row is Open)', async () => {
      // p2 submits the week of 2026-02-01 (Mon 2026-01-26 … Sun 2026-02-01); not subject to approval → Approved.
      const act = await t.call('POST', '/v2/Me/Timesheets/2026-02-01/Actions', {
        token: p2.token,
        body: { Action: 'Submit' },
      });
      expect(act.status, JSON.stringify(act.body)).toBe(200);
      const sheet = act.body.data as { ID: string; Status: string; StartDate: string; EndDate: string };
      expect(sheet.Status).toBe('Approved');
      const inSheet = entries.filter(
        (e) => e.UserID === p2.id && e.Date >= sheet.StartDate && e.Date <= sheet.EndDate,
      );
      expect(inSheet.length).toBe(1);
      const bySheet = await get(`/v2/Reports/Time?TimesheetID=${sheet.ID}`);
      expect(bySheet.body.data.map((r: Posted) => r.ID)).toEqual(inSheet.map((e) => e.ID));
      const approved = await get('/v2/Reports/Time?TimesheetStatus=Approved');
      expect(approved.body.data.map((r: Posted) => r.ID)).toEqual(inSheet.map((e) => e.ID));
      const open = await get('/v2/Reports/Time?TimesheetStatus=open&limit=500');
      expect(open.body.page.count).toBe(entries.length - 1);
      expect((await get('/v2/Reports/Time?TimesheetID=unknown')).body.data).toEqual([]);
      const undo = await t.call('POST', `/v2/Timesheets/${sheet.ID}/Actions`, {
        token: admin,
        body: { Action: 'UndoApproval' },
      });
      expect(undo.status, JSON.stringify(undo.body)).toBe(200);
    });

    it('pages up to 500 with links that keep the filters', async () => {
      const all: string[] = [];
      for (let offset = 0; ; offset += 3) {
        const res = await get(
          `/v2/Reports/Time?limit=3&offset=${offset}&JobID=${jobs.build},${jobs.audit},${jobs.internal}`,
        );
        expect(res.body.page).toMatchObject({ count: entries.length, limit: 3, offset });
        all.push(...res.body.data.map((r: Posted) => r.ID));
        // Totals are of the whole report on every page.
        expect(res.body.meta.Totals.Hours).toBe(sums(entries).Hours);
        if (!res.body.page.links.next) break;
        expect(res.body.page.links.next).toContain(`JobID=`);
      }
      expect(all).toEqual([...entries].sort(byDateId).map((e) => e.ID));
      const big = await get('/v2/Reports/Time?limit=100000');
      expect(big.body.page.limit).toBe(500);
      const past = await get('/v2/Reports/Time?offset=1000');
      expect(past.body.data).toEqual([]);
      expect(past.body.page.count).toBe(entries.length);
    });

    it('adds Comment and CustomFields with Verbose=true', async () => {
      const res = await get(
        `/v2/Reports/Time?Verbose=true&UserID=${p2.id}&StartDate=2026-02-01&EndDate=2026-02-01`,
      );
      expect(res.body.data[0]).toMatchObject({ Comment: '=HYPERLINK("http://evil")', CustomFields: {} });
      const plain = await get(`/v2/Reports/Time?UserID=${p2.id}`);
      expect(plain.body.data[0]).not.toHaveProperty('Comment');
    });

    it('answers bad filters with a 400 that names each', async () => {
      const res = await get(
        '/v2/Reports/Time?StartDate=2026-13-01&IsBillable=maybe&TimesheetStatus=Nope&limit=-1',
      );
      expect(res.status).toBe(400);
      expect(res.body.errors.map((e: { Field: string }) => e.Field).sort()).toEqual([
        'IsBillable',
        'StartDate',
        'TimesheetStatus',
        'limit',
      ]);
      expect(res.body.data).toBeNull();
      expect((await get('/v2/Reports/Time?StartDate=2026-02-01&EndDate=2026-01-01')).status).toBe(400);
      expect((await get('/v2/Reports/Time?offset=1.5')).status).toBe(400);
    });

    it('is for Admins and Run Company Reports (all jobs); money per permission', async () => {
      expect((await get('/v2/Reports/Time', p1.token)).status).toBe(403);
      const plainManager = await manager(t, admin, {});
      expect((await get('/v2/Reports/Time', plainManager.token)).status).toBe(403);
      const divisionsManager = await manager(t, admin, { 'Run Company Reports': 'Divisions' }, [division]);
      expect((await get('/v2/Reports/Time', divisionsManager.token)).status).toBe(403);
      const reporter = await manager(t, admin, { 'Run Company Reports': 'All' });
      const res = await get('/v2/Reports/Time?limit=500', reporter.token);
      expect(res.status).toBe(200);
      expect(res.body.page.count).toBe(entries.length);
      expect(res.body.data[0]).not.toHaveProperty('BillingRate');
      expect(res.body.data[0]).not.toHaveProperty('CostRate');
      expect(res.body.meta.Totals).not.toHaveProperty('Billings');
      const billing = await manager(t, admin, { 'Run Company Reports': 'All', 'View Billingrates': 'All' });
      const b = await get('/v2/Reports/Time', billing.token);
      expect(b.body.data[0]).toHaveProperty('BillingRate');
      expect(b.body.data[0]).not.toHaveProperty('CostRate');
      expect(b.body.meta.Totals.Billings).toBe(sums(entries).Billings);
      expect(b.body.meta.Totals).not.toHaveProperty('Cost');
      // Another company's admin sees none of this company's entries.
      const theirs = await get('/v2/Reports/Time', other.token);
      expect(theirs.body.data.map((r: Posted) => r.ID)).toEqual([other.entryId]);
    });
  });

  describe('/Reports/TimeSummary', () => {
    type Key = {
      JobID?: string;
      JobName?: string;
      TaskID?: string;
      TaskName?: string;
      UserID?: string;
      UserName?: string;
      Month?: string;
      Date?: string;
    };
    const keyOf: Record<string, (e: Posted) => Key> = {
      Job: (e) => ({ JobID: e.JobID, JobName: names.jobs.get(e.JobID)! }),
      Task: (e) => ({ TaskID: e.TaskID, TaskName: names.tasks.get(e.TaskID)! }),
      User: (e) => ({ UserID: e.UserID, UserName: names.users.get(e.UserID)! }),
      Month: (e) => ({ Month: e.Date.slice(0, 7) }),
      Date: (e) => ({ Date: e.Date }),
      'Task and User': (e) => ({ ...keyOf.Task!(e), ...keyOf.User!(e) }),
      'Job and Task': (e) => ({ ...keyOf.Job!(e), ...keyOf.Task!(e) }),
      'Job and Month': (e) => ({ ...keyOf.Job!(e), ...keyOf.Month!(e) }),
    };
    const order = (k: Key) =>
      [k.JobName, k.TaskName, k.UserName, k.Month, k.Date, k.JobID, k.TaskID, k.UserID].map((v) => v ?? '');
    function expectedSummary(groupBy: string, subset: Posted[]) {
      const groups = new Map<string, { key: Key; entries: Posted[] }>();
      for (const e of subset) {
        const key = keyOf[groupBy]!(e);
        const id = JSON.stringify(key);
        if (!groups.has(id)) groups.set(id, { key, entries: [] });
        groups.get(id)!.entries.push(e);
      }
      return [...groups.values()]
        .sort((a, b) => {
          const x = order(a.key);
          const y = order(b.key);
          for (let i = 0; i < x.length; i++) if (x[i] !== y[i]) return x[i]! < y[i]! ? -1 : 1;
          return 0;
        })
        .map((g) => ({ Key: g.key, ...sums(g.entries) }));
    }

    for (const groupBy of [
      'Job',
      'Task',
      'User',
      'Month',
      'Date',
      'Task and User',
      'Job and Task',
      'Job and Month',
    ]) {
      it(`groups by ${groupBy}, rows and totals as computed by hand`, async () => {
        const allJobs = `JobID=${jobs.build}&JobID=${jobs.audit}&JobID=${jobs.internal}`;
        const res = await get(
          `/v2/Reports/TimeSummary?GroupBy=${encodeURIComponent(groupBy)}&${allJobs}&limit=500`,
        );
        expect(res.status, JSON.stringify(res.body)).toBe(200);
        const expected = expectedSummary(groupBy, entries);
        expect(res.body.data).toEqual(expected);
        expect(res.body.page.count).toBe(expected.length);
        expect(res.body.meta.Totals).toEqual(sums(entries));
        const byUser = await get(
          `/v2/Reports/TimeSummary?GroupBy=${encodeURIComponent(groupBy.toLowerCase())}&UserID=${p1.id}&StartDate=2026-01-01&EndDate=2026-02-28`,
        );
        expect(byUser.status).toBe(200);
        const subset = entries.filter(
          (e) => e.UserID === p1.id && e.Date >= '2026-01-01' && e.Date <= '2026-02-28',
        );
        expect(byUser.body.data).toEqual(expectedSummary(groupBy, subset));
      });
    }

    it('filters by TaskID, JobIsActive and TimesheetStatus', async () => {
      const res = await get(
        `/v2/Reports/TimeSummary?GroupBy=User&JobID=${jobs.build},${jobs.audit}&TaskID=${tasks.code}`,
      );
      expect(res.body.data).toEqual(
        expectedSummary(
          'User',
          entries.filter((e) => e.JobID !== jobs.internal && e.TaskID === tasks.code),
        ),
      );
      const inactive = await get(`/v2/Reports/TimeSummary?GroupBy=Job&UserID=${p2.id}&JobIsActive=false`);
      expect(inactive.body.data).toEqual([]);
      const open = await get(`/v2/Reports/TimeSummary?GroupBy=Job&UserID=${p2.id}&TimesheetStatus=Open`);
      expect(open.body.meta.Totals).toEqual(sums(entries.filter((e) => e.UserID === p2.id)));
    });

    it('needs GroupBy and JobID or UserID', async () => {
      const none = await get('/v2/Reports/TimeSummary');
      expect(none.status).toBe(400);
      expect(none.body.errors.map((e: { Field: string }) => e.Field).sort()).toEqual([
        'GroupBy',
        'JobID',
        'UserID',
      ]);
      const bad = await get(`/v2/Reports/TimeSummary?GroupBy=Client&JobID=${jobs.build}`);
      expect(bad.status).toBe(400);
      expect(bad.body.errors[0].Field).toBe('GroupBy');
      const two = await get(`/v2/Reports/TimeSummary?GroupBy=Job&GroupBy=Task&JobID=${jobs.build}`);
      expect(two.status).toBe(400);
      const noScope = await get('/v2/Reports/TimeSummary?GroupBy=Job');
      expect(noScope.status).toBe(400);
      expect(noScope.body.errors.map((e: { Field: string }) => e.Field).sort()).toEqual(['JobID', 'UserID']);
    });

    it('is for Admins and any Manager; billings and cost per permission', async () => {
      expect((await get(`/v2/Reports/TimeSummary?GroupBy=Job&UserID=${p1.id}`, p1.token)).status).toBe(403);
      const m = await manager(t, admin, {});
      const res = await get(`/v2/Reports/TimeSummary?GroupBy=Job&UserID=${p1.id}`, m.token);
      expect(res.status).toBe(200);
      expect(res.body.data[0]).not.toHaveProperty('Billings');
      expect(res.body.data[0]).not.toHaveProperty('Cost');
      expect(res.body.meta.Totals).toEqual({
        Hours: sums(entries.filter((e) => e.UserID === p1.id)).Hours,
        BillableHours: sums(entries.filter((e) => e.UserID === p1.id)).BillableHours,
      });
      const theirs = await get(`/v2/Reports/TimeSummary?GroupBy=Job&JobID=${jobs.build}`, other.token);
      expect(theirs.body.data).toEqual([]);
    });

    it('does not clash with Daily and Weekly', async () => {
      const daily = await get(
        `/v2/Reports/TimeSummary/Daily?StartDate=2026-01-05&EndDate=2026-01-05&UserID=${p1.id}`,
      );
      expect(daily.status).toBe(200);
      expect(daily.body.data[0]).toMatchObject({ UserID: p1.id, Date: '2026-01-05', Hours: 7.5 });
    });
  });

  describe('/Reports/TimeSummary/Jobs', () => {
    const jobRow = (jobId: string, jobName: string, client: string, number: string, billable: boolean) => {
      const s = sums(entries.filter((e) => e.JobID === jobId));
      const profit = Math.round((s.Billings - s.Cost) * 100);
      const billings = Math.round(s.Billings * 100);
      return {
        JobID: jobId,
        JobName: jobName,
        JobNumber: number,
        ClientID: client,
        ClientName: client === clients.acme ? 'Acme' : 'Beta',
        Hours: s.Hours,
        BillableHours: s.BillableHours,
        Billings: s.Billings,
        Cost: s.Cost,
        Profit: profit / 100,
        ProfitMargin: billings === 0 ? null : Math.round((profit * 10000) / billings) / 100,
        IsBillable: billable,
        JobIsActive: true,
      };
    };

    it('lists every job by ClientName, JobName with profit and margin', async () => {
      const res = await get('/v2/Reports/TimeSummary/Jobs');
      expect(res.status, JSON.stringify(res.body)).toBe(200);
      expect(res.body.data).toEqual([
        jobRow(jobs.build, 'Build', clients.acme, 'B-1', true),
        jobRow(jobs.internal, 'Internal', clients.acme, '', false),
        jobRow(jobs.audit, 'Audit', clients.beta, '', true),
      ]);
      expect(res.body.meta.Totals).toMatchObject({
        Hours: sums(entries).Hours,
        Billings: sums(entries).Billings,
        Cost: sums(entries).Cost,
      });
      const one = await get(`/v2/Reports/TimeSummary/Jobs/${jobs.audit}`);
      expect(one.body.data).toEqual(jobRow(jobs.audit, 'Audit', clients.beta, '', true));
      expect((await get('/v2/Reports/TimeSummary/Jobs?JobIsActive=false')).body.data).toEqual([]);
    });

    it('splits a job by task and by person', async () => {
      const tasksRes = await get(`/v2/Reports/TimeSummary/Jobs/${jobs.build}/Tasks`);
      expect(tasksRes.body.data).toEqual(
        [tasks.code, tasks.design].map((id) => {
          const s = sums(entries.filter((e) => e.JobID === jobs.build && e.TaskID === id));
          return {
            TaskID: id,
            TaskName: names.tasks.get(id),
            Hours: s.Hours,
            Billings: s.Billings,
            IsActive: true,
            IsBillable: true,
          };
        }),
      );
      const usersRes = await get(`/v2/Reports/TimeSummary/Jobs/${jobs.build}/Users`);
      const ids = [adminId, p2.id, p1.id]; // Ada Admin, Berg Bo, Zed Anna
      expect(usersRes.body.data).toEqual(
        ids.map((id) => {
          const s = sums(entries.filter((e) => e.JobID === jobs.build && e.UserID === id));
          return {
            UserID: id,
            FullName: names.users.get(id),
            Hours: s.Hours,
            Billings: s.Billings,
            IsActive: true,
          };
        }),
      );
    });

    it('answers 404 for an unknown job or another company’s; 403 for a standard user', async () => {
      expect((await get('/v2/Reports/TimeSummary/Jobs/nope')).status).toBe(404);
      expect((await get(`/v2/Reports/TimeSummary/Jobs/${other.jobId}`)).status).toBe(404);
      expect((await get(`/v2/Reports/TimeSummary/Jobs/${other.jobId}/Tasks`)).status).toBe(404);
      expect((await get('/v2/Reports/TimeSummary/Jobs', p1.token)).status).toBe(403);
      const m = await manager(t, admin, {});
      const res = await get('/v2/Reports/TimeSummary/Jobs', m.token);
      expect(res.status).toBe(200);
      expect(res.body.data[0]).toHaveProperty('Billings');
      expect(res.body.data[0]).not.toHaveProperty('Cost');
      expect(res.body.data[0]).not.toHaveProperty('ProfitMargin');
    });
  });

  describe('/Reports/TimeSummary/Payroll', () => {
    it('sums regular time per person between the dates, with their timesheet bounds', async () => {
      const res = await get('/v2/Reports/TimeSummary/Payroll?StartDate=2026-01-01&EndDate=2026-01-31');
      expect(res.status, JSON.stringify(res.body)).toBe(200);
      const jan = entries.filter((e) => e.Date >= '2026-01-01' && e.Date <= '2026-01-31');
      expect(res.body.data).toEqual(
        [p2.id, p1.id].map((id) => {
          const s = sums(jan.filter((e) => e.UserID === id));
          return {
            UserID: id,
            Name: names.users.get(id),
            EmploymentTypeID: null,
            StartDate: '2025-12-29',
            EndDate: '2026-02-01',
            RegularTime: s.Hours,
            TotalHours: s.Hours,
            Overtime: [],
            TimeOff: [],
          };
        }),
      );
      expect(res.body.meta.Totals).toEqual({ RegularTime: sums(jan).Hours, TotalHours: sums(jan).Hours });
      const one = await get(
        `/v2/Reports/TimeSummary/Payroll?StartDate=2026-01-01&EndDate=2026-01-31&UserID=${p1.id}`,
      );
      expect(one.body.data.map((r: { UserID: string }) => r.UserID)).toEqual([p1.id]);
    });

    it('adds time off per leave type to TotalHours', async () => {
      const types = (await get('/v2/TimeOffTypes')).body.data as {
        ID: string;
        Name: string;
        IsActive: boolean;
      }[];
      const vacation = types.find((x) => x.Name === 'Vacation')!.ID;
      const off = await t.call('POST', '/v2/TimeOff', {
        token: admin,
        body: { UserID: p1.id, Date: '2026-01-20', TimeOffTypeID: vacation, Hours: 4 },
      });
      expect(off.status, JSON.stringify(off.body)).toBe(201);
      try {
        const res = await get(`/v2/Reports/TimeSummary/Payroll?StartDate=2026-01-01&EndDate=2026-01-31`);
        const row = res.body.data.find((r: { UserID: string }) => r.UserID === p1.id);
        const worked = sums(
          entries.filter((e) => e.UserID === p1.id && e.Date >= '2026-01-01' && e.Date <= '2026-01-31'),
        ).Hours;
        expect(row).toMatchObject({ RegularTime: worked, TimeOff: [{ LeaveTypeID: vacation, Hours: 4 }] });
        expect(row.TotalHours).toBe(h4(scaled(worked, 4) + 40_000n));
        // Someone with time off only is listed too.
        const onlyOff = await get(`/v2/Reports/TimeSummary/Payroll?StartDate=2026-01-20&EndDate=2026-01-20`);
        expect(onlyOff.body.data.map((r: { UserID: string }) => r.UserID)).toEqual([p1.id]);
        expect(onlyOff.body.data[0]).toMatchObject({ RegularTime: 0, TotalHours: 4 });
      } finally {
        expect((await t.call('DELETE', `/v2/TimeOff/${off.body.data.ID}`, { token: admin })).status).toBe(
          200,
        );
      }
    });

    it('is for Admins only and needs both dates', async () => {
      const m = await manager(t, admin, { 'Run Company Reports': 'All' });
      expect(
        (await get('/v2/Reports/TimeSummary/Payroll?StartDate=2026-01-01&EndDate=2026-01-31', m.token))
          .status,
      ).toBe(403);
      const missing = await get('/v2/Reports/TimeSummary/Payroll?StartDate=2026-01-01');
      expect(missing.status).toBe(400);
      expect(missing.body.errors.map((e: { Field: string }) => e.Field)).toEqual(['EndDate']);
    });
  });

  describe('rounding (report-time only)', () => {
    it('rounds each entry up to a quarter hour, money following the rounded hours', async () => {
      const res = await get('/v2/Reports/Time?Rounding=Up&RoundingIncrement=0.25&limit=500');
      expect(res.status, JSON.stringify(res.body)).toBe(200);
      const byId = new Map(entries.map((e) => [e.ID, e]));
      for (const r of res.body.data as Posted[]) expect(r.Hours).toBe(h4(up(byId.get(r.ID)!.Hours, 2500n)));
      expect(res.body.meta.Totals).toEqual({
        Count: entries.length,
        ...sums(entries, (e) => up(e.Hours, 2500n)),
      });
      expect(res.body.meta.Rounding).toEqual({
        Rounding: 'Up',
        RoundingIncrement: 0.25,
        RoundingScope: 'Entry',
      });
      // Stored data never changes.
      const stored = await get(`/v2/TimeEntries/${entries[1]!.ID}`);
      expect(stored.body.data.Hours).toBe(0.33);
      const plain = await get('/v2/Reports/Time?limit=500');
      expect(plain.body.meta.Totals.Hours).toBe(sums(entries).Hours);
    });

    it('rounds each row of a summary with RoundingScope=Group', async () => {
      const res = await get(
        `/v2/Reports/TimeSummary?GroupBy=Job&UserID=${p1.id}&Rounding=Nearest&RoundingIncrement=0.5&RoundingScope=Group`,
      );
      expect(res.status, JSON.stringify(res.body)).toBe(200);
      const mine = entries.filter((e) => e.UserID === p1.id);
      const nearest = (v: bigint, inc: bigint) => ((2n * v + inc) / (2n * inc)) * inc;
      let total = 0n;
      for (const row of res.body.data as { Key: { JobID: string }; Hours: number; Billings: number }[]) {
        const raw = mine
          .filter((e) => e.JobID === row.Key.JobID)
          .reduce((s, e) => s + scaled(e.Hours, 4), 0n);
        expect(row.Hours).toBe(h4(nearest(raw, 5000n)));
        expect(row.Billings).toBe(sums(mine.filter((e) => e.JobID === row.Key.JobID)).Billings);
        total += nearest(raw, 5000n);
      }
      expect(res.body.meta.Totals.Hours).toBe(h4(total));
    });

    it('refuses bad rounding parameters', async () => {
      for (const qs of [
        'Rounding=Sideways',
        'Rounding=Up&RoundingIncrement=0',
        'Rounding=Up&RoundingIncrement=abc',
        'Rounding=Up&RoundingIncrement=0.00001',
        'RoundingIncrement=0.25',
        'Rounding=Up&RoundingScope=Week',
      ]) {
        const res = await get(`/v2/Reports/Time?${qs}`);
        expect(res.status, qs).toBe(400);
        expect(res.body.errors[0].Field).toMatch(/^Rounding/);
      }
    });
  });

  describe('exports', () => {
    const rowsOf = async (url: string, token = admin) => {
      const res = await t.app.inject({ method: 'GET', url, headers: { authorization: `Token ${token}` } });
      return res;
    };

    it('streams the time report as CSV, row by row equal to the JSON report', async () => {
      const res = await rowsOf('/v2/Reports/Time.csv?StartDate=2025-01-01');
      expect(res.statusCode).toBe(200);
      expect(res.headers['content-type']).toBe('text/csv; charset=utf-8');
      expect(res.headers['content-disposition']).toBe(
        'attachment; filename="time-report_2025-01-01_end.csv"',
      );
      const rows = csvObjects(res.body);
      const expected = [...entries].sort(byDateId);
      expect(rows.map((r) => r.ID)).toEqual(expected.map((e) => e.ID));
      for (const [i, r] of rows.entries()) {
        const e = expected[i]!;
        expect(r.Date).toBe(e.Date);
        expect(r.UserID).toBe(e.UserID);
        expect(r.UserName).toBe(names.users.get(e.UserID));
        expect(r.JobName).toBe(names.jobs.get(e.JobID));
        expect(r.TaskName).toBe(names.tasks.get(e.TaskID));
        expect(r.ClientName).toBe(e.JobID === jobs.audit ? 'Beta' : 'Acme');
        expect(Number(r.Hours)).toBe(e.Hours);
        expect(r.IsBillable).toBe(String(e.billable));
        expect(r.Billings).toBe(
          e.billable ? (Number(cents(e.Hours, e.BillingRate)) / 100).toFixed(2) : '0.00',
        );
        expect(r.Cost).toBe((Number(cents(e.Hours, e.CostRate)) / 100).toFixed(2));
        // Text cells that start with = + - @ are guarded; the rest is verbatim (quotes, commas, newlines).
        expect(r.Comment).toBe(/^[=+\-@]/.test(e.Comment) ? `'${e.Comment}` : e.Comment);
      }
      const billings = rows.reduce((s, r) => s + scaled(r.Billings!, 2), 0n);
      expect(c2(billings)).toBe(sums(entries).Billings);
    });

    it('streams the time report as XLSX with the same rows', async () => {
      const res = await rowsOf(`/v2/Reports/Time.xlsx?UserID=${p1.id},${p2.id}&Rounding=Up`);
      expect(res.statusCode).toBe(200);
      expect(res.headers['content-type']).toBe(
        'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      );
      expect(res.headers['content-disposition']).toBe('attachment; filename="time-report.xlsx"');
      const rows = xlsxObjects(res.rawPayload);
      const expected = entries.filter((e) => e.UserID !== adminId).sort(byDateId);
      expect(rows.map((r) => r.ID)).toEqual(expected.map((e) => e.ID));
      for (const [i, r] of rows.entries()) {
        const e = expected[i]!;
        expect(r.StoredHours).toBe(e.Hours);
        expect(r.Hours).toBe(h4(up(e.Hours, 2500n)));
        expect(r.Comment).toBe(e.Comment);
        expect(r.IsBillable).toBe(e.billable);
      }
    });

    it('answers errors in the JSON envelope before streaming, and hides money per permission', async () => {
      const forbidden = await rowsOf('/v2/Reports/Time.csv', p1.token);
      expect(forbidden.statusCode).toBe(403);
      expect(JSON.parse(forbidden.body).errors[0].Message).toBeTruthy();
      const bad = await rowsOf('/v2/Reports/Time.xlsx?StartDate=yesterday');
      expect(bad.statusCode).toBe(400);
      expect(JSON.parse(bad.body).errors[0].Field).toBe('StartDate');
      const reporter = await manager(t, admin, { 'Run Company Reports': 'All' });
      const res = await rowsOf('/v2/Reports/Time.csv', reporter.token);
      const [header] = res.body.split('\r\n');
      expect(header).not.toContain('BillingRate');
      expect(header).not.toContain('Cost');
      expect(csvObjects(res.body)).toHaveLength(entries.length);
      const path = await rowsOf('/v2/reports/time.CSV');
      expect(path.statusCode).toBe(200);
    });

    it('walks the report in keyset chunks without losing or repeating a row (ties on Date included)', async () => {
      for (const size of [1, 2, 3, 7]) {
        const seen: string[] = [];
        let after: { date: string; id: string } | null = null;
        for (;;) {
          const chunk = await timeChunk(t.deps.db, companyId, {}, undefined, after, size);
          seen.push(...chunk.map((r) => r.id));
          if (chunk.length < size) break;
          after = { date: chunk[chunk.length - 1]!.date, id: chunk[chunk.length - 1]!.id };
        }
        expect(seen).toEqual([...entries].sort(byDateId).map((e) => e.ID));
      }
    });

    it('answers HEAD, and refuses an over-long filter list with a 400', async () => {
      const head = await t.app.inject({
        method: 'HEAD',
        url: '/v2/Reports/Time.csv',
        headers: { authorization: `Token ${admin}` },
      });
      expect(head.statusCode).toBe(200);
      expect(head.headers['content-type']).toBe('text/csv; charset=utf-8');
      const many = Array.from({ length: 1001 }, (_, i) => `u${i}`).join(',');
      const res = await get(`/v2/Reports/Time?UserID=${many}`);
      expect(res.status).toBe(400);
      expect(res.body.errors[0].Field).toBe('UserID');
      expect((await get('/v2/Reports/Time?UserID=%00')).status).toBe(400);
    });

    it('marks the exports as extensions in the OpenAPI document', async () => {
      const doc = (await t.call('GET', '/v2/openapi.json')).body;
      const op = doc.paths['/v2/Reports/Time.csv'].get;
      expect(op['x-extension']).toBe(true);
      expect(Object.keys(op.responses['200'].content)).toEqual(['text/csv']);
      expect(doc.paths['/v2/Reports/Expense.xlsx'].get['x-extension']).toBe(true);
      expect(doc.paths['/v2/Reports/Time'].get['x-extension']).toBeUndefined();
    });
  });
});
