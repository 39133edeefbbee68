import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../support/app.js';
import { testDialects } from '../support/db.js';
import { manager, person, type Person } from '../support/people.js';
import { makeClient, makeJob, makeTask, patchCompany, world, type World } from './time-entries-fixtures.js';

const dialects = await testDialects();

describe.each(dialects)('billing-rate matrices on %s', (dialect) => {
  let t: TestApp;
  let c: World;
  let p: Person; // own rate 80
  let q: Person; // no own rate
  let standard: Person;
  let jobInherit: string;
  let jobFlat: string;
  let jobCustom: string;
  let clientInherit: string;
  let clientFlat: string;
  let clientCustom: string;
  let jobOfClientInherit: string;
  let jobOfClientFlat: string;
  let jobOfClientCustom: string;
  let taskOwn: string; // own rate 99
  let taskNone: string;

  const get = (path: string, token = c.token) => t.call('GET', `/v2${path}`, { token });
  const patch = (path: string, body: unknown, token = c.token) =>
    t.call('PATCH', `/v2${path}`, { token, body });
  const model = (BillingRateModel: string) => patchCompany(t, c, { BillingRateModel });

  let day = 0;
  /** A new entry as the Admin; returns the BillingRate GET /TimeEntries/{id} shows. */
  async function entryRate(userId: string, jobId: string, taskId = c.taskId): Promise<number> {
    day++;
    const date = `2026-02-${String(day).padStart(2, '0')}`;
    const res = await t.call('POST', '/v2/TimeEntries', {
      token: c.token,
      body: { UserID: userId, JobID: jobId, TaskID: taskId, Date: date, Hours: 0.5 },
    });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    const got = await get(`/TimeEntries/${res.body.data.ID}`);
    expect(got.status).toBe(200);
    return got.body.data.BillingRate as number;
  }

  beforeAll(async () => {
    t = await createTestApp(dialect);
    c = await world(t, 'Rates Co');
    await patchCompany(t, c, { DefaultBillingRate: 50 });
    p = await person(t, c.token, { Name: 'Aaron Rate', BillingRate: 80, UseCompanyBillingRate: false });
    q = await person(t, c.token, { Name: 'Beth Norate' });
    standard = await person(t, c.token, { Name: 'Zed Standard' });
    const own = { BillingRate: 150.25, UseCompanyBillingRate: false };
    jobInherit = await makeJob(t, c.token, c.clientId, { Name: 'J1 inherit', ...own });
    jobFlat = await makeJob(t, c.token, c.clientId, {
      Name: 'J2 flat',
      ...own,
      SecondaryBillingRateMode: 'FLAT',
    });
    jobCustom = await makeJob(t, c.token, c.clientId, {
      Name: 'J3 custom',
      ...own,
      SecondaryBillingRateMode: 'CUSTOM',
    });
    clientInherit = await makeClient(t, c.token, { Name: 'C1', BillingRate: 120 });
    clientFlat = await makeClient(t, c.token, {
      Name: 'C2',
      BillingRate: 120,
      SecondaryBillingRateMode: 'FLAT',
    });
    clientCustom = await makeClient(t, c.token, {
      Name: 'C3',
      BillingRate: 120,
      SecondaryBillingRateMode: 'CUSTOM',
    });
    jobOfClientInherit = await makeJob(t, c.token, clientInherit);
    jobOfClientFlat = await makeJob(t, c.token, clientFlat);
    jobOfClientCustom = await makeJob(t, c.token, clientCustom);
    taskOwn = await makeTask(t, c.token, { Name: 'T own', BillingRate: 99, UseCompanyBillingRate: false });
    taskNone = await makeTask(t, c.token, { Name: 'T none' });
  });
  afterAll(() => t.close());

  describe('lists', () => {
    it('lists active people × active jobs, filtered and ordered by the person’s name', async () => {
      const res = await get(
        `/BillingRates/Users/Jobs?UserID=${q.id},${p.id}&JobID=${jobInherit}&JobID=${jobFlat}`,
      );
      expect(res.status, JSON.stringify(res.body)).toBe(200);
      expect(res.body.page.count).toBe(4);
      expect(res.body.data.map((r: { UserID: string; JobID: string }) => [r.UserID, r.JobID])).toEqual([
        [p.id, jobInherit],
        [p.id, jobFlat],
        [q.id, jobInherit],
        [q.id, jobFlat],
      ]);
      expect(res.body.data[0]).toEqual({
        UserID: p.id,
        JobID: jobInherit,
        BillingRate: 80,
        UserDefaultBillingRate: 80,
        SecondaryBillingRateMode: 'INHERIT',
      });
      expect(res.body.data[1]).toMatchObject({ BillingRate: 150.25, SecondaryBillingRateMode: 'FLAT' });
      expect(res.body.data[2]).toMatchObject({ BillingRate: 50, UserDefaultBillingRate: 50 });
    });

    it('pages, embeds with Verbose and leaves out inactive entities', async () => {
      const paged = await get(`/BillingRates/Users/Jobs?UserID=${p.id}&limit=2&offset=1`);
      expect(paged.status).toBe(200);
      expect(paged.body.data).toHaveLength(2);
      const all = await get(`/BillingRates/Users/Jobs?UserID=${p.id}`);
      expect(paged.body.page.count).toBe(all.body.page.count);
      expect(all.body.page.count).toBe(7); // the world's job and six more

      const v = await get(`/BillingRates/Users/Jobs?UserID=${p.id}&JobID=${jobFlat}&Verbose=true`);
      expect(v.body.data[0].User).toMatchObject({ ID: p.id, Name: 'Aaron Rate', IsActive: true });
      expect(v.body.data[0].Job).toMatchObject({ ID: jobFlat, Name: 'J2 flat', ClientID: c.clientId });

      const gone = await makeJob(t, c.token, c.clientId, { IsActive: false });
      const none = await get(`/BillingRates/Users/Jobs?JobID=${gone}`);
      expect(none.body.data).toEqual([]);
      expect((await get('/BillingRates/Users/Jobs?limit=-1')).status).toBe(400);
    });

    it('lists the other three matrices with their own fields', async () => {
      const uc = await get(`/BillingRates/Users/Clients?UserID=${p.id}&ClientID=${clientFlat}&Verbose=true`);
      expect(uc.status).toBe(200);
      expect(uc.body.data).toEqual([
        expect.objectContaining({
          UserID: p.id,
          ClientID: clientFlat,
          BillingRate: 120,
          UserDefaultBillingRate: 80,
          SecondaryBillingRateMode: 'FLAT',
          Client: expect.objectContaining({ ID: clientFlat, Name: 'C2' }),
        }),
      ]);
      const tj = await get(`/BillingRates/Tasks/Jobs?TaskID=${taskOwn}&JobID=${jobInherit}`);
      expect(tj.body.data).toEqual([
        {
          TaskID: taskOwn,
          JobID: jobInherit,
          BillingRate: 99,
          TaskDefaultBillingRate: 99,
          SecondaryBillingRateMode: 'INHERIT',
        },
      ]);
      const tu = await get(`/BillingRates/Tasks/Users?TaskID=${taskNone},${taskOwn}&UserID=${q.id}`);
      expect(tu.body.data.map((r: { TaskID: string }) => r.TaskID)).toEqual([taskNone, taskOwn]);
      expect(tu.body.data[0]).toMatchObject({ BillingRate: 50, SecondaryBillingRateMode: 'CUSTOM' });
    });
  });

  describe('PATCH', () => {
    it('stores a pair’s rate and returns the row', async () => {
      const res = await patch(`/BillingRates/Users/Jobs/${q.id}/${jobCustom}`, { BillingRate: '12.3456' });
      expect(res.status, JSON.stringify(res.body)).toBe(200);
      expect(res.body.data).toEqual({
        UserID: q.id,
        JobID: jobCustom,
        BillingRate: 12.3456,
        UserDefaultBillingRate: 50,
        SecondaryBillingRateMode: 'CUSTOM',
      });
      const again = await get(`/BillingRates/Users/Jobs?UserID=${q.id}&JobID=${jobCustom}`);
      expect(again.body.data[0].BillingRate).toBe(12.3456);
      // INHERIT ignores a stored pair rate.
      const inh = await patch(`/BillingRates/Users/Jobs/${q.id}/${jobInherit}`, { BillingRate: 1 });
      expect(inh.body.data.BillingRate).toBe(50);
      // null removes the pair's own rate.
      const cleared = await patch(`/BillingRates/Users/Jobs/${q.id}/${jobCustom}`, { BillingRate: null });
      expect(cleared.body.data.BillingRate).toBe(50);
    });

    it('refuses bad bodies (400) and unknown IDs (404)', async () => {
      const path = `/BillingRates/Users/Jobs/${q.id}/${jobCustom}`;
      for (const body of [{ BillingRate: -1 }, { BillingRate: 1.23456 }, { BillingRate: 'x' }, {}, []]) {
        const res = await patch(path, body);
        expect(res.status, JSON.stringify(body)).toBe(400);
        expect(res.body.errors.length).toBeGreaterThan(0);
      }
      expect((await t.call('PATCH', `/v2${path}`, { token: c.token })).status).toBe(400);
      expect((await patch(`/BillingRates/Users/Jobs/nope/${jobCustom}`, { BillingRate: 1 })).status).toBe(
        404,
      );
      expect((await patch(`/BillingRates/Users/Jobs/${q.id}/nope`, { BillingRate: 1 })).status).toBe(404);
      // IDs of the wrong kind are unknown, too.
      expect((await patch(`/BillingRates/Tasks/Jobs/${q.id}/${jobCustom}`, { BillingRate: 1 })).status).toBe(
        404,
      );
      const other = await t.company('Other Co');
      expect(
        (await patch(`/BillingRates/Users/Jobs/${q.id}/${jobCustom}`, { BillingRate: 1 }, other.Token))
          .status,
      ).toBe(404);
    });
  });

  describe('permissions', () => {
    it('STANDARD 403; managers need View to read and Add/Edit Billingrates to write', async () => {
      const path = `/BillingRates/Tasks/Users`;
      const pair = `${path}/${taskNone}/${q.id}`;
      expect((await get(path, standard.token)).status).toBe(403);
      expect((await patch(pair, { BillingRate: 3 }, standard.token)).status).toBe(403);
      const bare = await manager(t, c.token, {});
      expect((await get(path, bare.token)).status).toBe(403);
      expect((await patch(pair, { BillingRate: 3 }, bare.token)).status).toBe(403);
      const viewer = await manager(t, c.token, { 'View Billingrates': 'All' });
      expect((await get(path, viewer.token)).status).toBe(200);
      expect((await patch(pair, { BillingRate: 3 }, viewer.token)).status).toBe(403);
      const editor = await manager(t, c.token, { 'Add/Edit Billingrates': 'All' });
      expect((await get(path, editor.token)).status).toBe(200);
      expect((await patch(pair, { BillingRate: 3 }, editor.token)).status).toBe(200);
      expect((await patch(pair, { BillingRate: null })).status).toBe(200);
      // per entity: reading as the matrices; writing also needs the right to edit the entity
      await model('USER_JOB');
      try {
        const rates = `/Jobs/${jobCustom}/BillingRates`;
        expect((await get(rates, standard.token)).status).toBe(403);
        expect((await get(rates, viewer.token)).status).toBe(200);
        expect((await patch(`${rates}/${q.id}`, { BillingRate: 3 }, editor.token)).status).toBe(403);
        const jobEditor = await manager(t, c.token, {
          'Add/Edit Billingrates': 'All',
          'Add/Edit Jobs': 'All',
        });
        expect((await patch(`${rates}/${q.id}`, { BillingRate: 3 }, jobEditor.token)).status).toBe(200);
        expect((await patch(`${rates}/${q.id}`, { BillingRate: null })).status).toBe(200);
      } finally {
        await model('JOB');
      }
    });
  });

  describe('per entity', () => {
    it('shows the other side of the pairs under the company’s model', async () => {
      await model('USER_JOB');
      try {
        const res = await get(`/Jobs/${jobCustom}/BillingRates?ID=${p.id},${q.id}`);
        expect(res.status, JSON.stringify(res.body)).toBe(200);
        expect(res.body.data).toEqual([
          { ID: p.id, Name: 'Aaron Rate', Type: 'User', BillingRate: 80, IsBillable: true },
          { ID: q.id, Name: 'Beth Norate', Type: 'User', BillingRate: 50, IsBillable: true },
        ]);
        const set = await patch(`/Jobs/${jobCustom}/BillingRates/${q.id}`, { BillingRate: 61 });
        expect(set.status).toBe(200);
        expect(set.body.data).toMatchObject({ ID: q.id, BillingRate: 61 });
        expect((await get(`/Jobs/${jobCustom}/BillingRates/${q.id}`)).body.data.BillingRate).toBe(61);
        const mine = await get(`/Users/${q.id}/BillingRates?ID=${jobCustom}`);
        expect(mine.body.data).toEqual([
          expect.objectContaining({ ID: jobCustom, Type: 'Job', BillingRate: 61 }),
        ]);
        expect((await patch(`/Jobs/${jobCustom}/BillingRates/${q.id}`, { BillingRate: null })).status).toBe(
          200,
        );
        expect((await get(`/Jobs/nope/BillingRates`)).status).toBe(404);
        expect((await get(`/Jobs/${jobCustom}/BillingRates/nope`)).status).toBe(404);
        expect((await patch(`/Jobs/${jobCustom}/BillingRates/${q.id}`, { BillingRate: -2 })).status).toBe(
          400,
        );
        // Under USER_JOB a client pairs with nothing.
        expect((await get(`/Clients/${clientCustom}/BillingRates`)).body.data).toEqual([]);

        await model('USER_CLIENT');
        const cl = await get(`/Clients/${clientFlat}/BillingRates?ID=${q.id}`);
        expect(cl.body.data).toEqual([
          { ID: q.id, Name: 'Beth Norate', Type: 'User', BillingRate: 120, IsBillable: true },
        ]);
        await model('TASK_JOB');
        const tasks = await get(`/Jobs/${jobFlat}/BillingRates?ID=${taskOwn}`);
        expect(tasks.body.data).toEqual([
          { ID: taskOwn, Name: 'T own', Type: 'Task', BillingRate: 150.25, IsBillable: true },
        ]);
        await model('JOB');
        expect((await get(`/Jobs/${jobFlat}/BillingRates`)).body.data).toEqual([]);
        expect((await get(`/Jobs/${jobFlat}/BillingRates/${taskOwn}`)).status).toBe(404);
      } finally {
        await model('JOB');
      }
    });
  });

  describe('the rate a new time entry gets', () => {
    it('USER_JOB: INHERIT the person’s, FLAT the job’s, CUSTOM the pair’s', async () => {
      await model('USER_JOB');
      try {
        expect(await entryRate(p.id, jobInherit)).toBe(80);
        expect(await entryRate(q.id, jobInherit)).toBe(50); // no own rate: the company's
        expect(await entryRate(p.id, jobFlat)).toBe(150.25);
        expect(await entryRate(p.id, jobCustom)).toBe(80); // no pair rate: as INHERIT
        await patch(`/BillingRates/Users/Jobs/${p.id}/${jobCustom}`, { BillingRate: 111.1111 });
        const before = await t.call('POST', '/v2/TimeEntries', {
          token: c.token,
          body: { UserID: p.id, JobID: jobCustom, TaskID: c.taskId, Date: '2026-01-05', Hours: 1 },
        });
        expect(before.body.data.BillingRate).toBe(111.1111);
        // A later change applies to new entries only.
        await patch(`/BillingRates/Users/Jobs/${p.id}/${jobCustom}`, { BillingRate: 200 });
        expect(await entryRate(p.id, jobCustom)).toBe(200);
        expect((await get(`/TimeEntries/${before.body.data.ID}`)).body.data.BillingRate).toBe(111.1111);
        await patch(`/Jobs/${jobCustom}`, { SecondaryBillingRateMode: 'FLAT' });
        expect(await entryRate(p.id, jobCustom)).toBe(150.25);
        expect((await get(`/TimeEntries/${before.body.data.ID}`)).body.data.BillingRate).toBe(111.1111);
        await patch(`/Jobs/${jobCustom}`, { SecondaryBillingRateMode: 'CUSTOM' });
      } finally {
        await model('JOB');
      }
    });

    it('USER_CLIENT: the client’s mode decides', async () => {
      await model('USER_CLIENT');
      try {
        expect(await entryRate(p.id, jobOfClientInherit)).toBe(80);
        expect(await entryRate(p.id, jobOfClientFlat)).toBe(120);
        expect(await entryRate(q.id, jobOfClientCustom)).toBe(50);
        await patch(`/BillingRates/Users/Clients/${q.id}/${clientCustom}`, { BillingRate: 77 });
        expect(await entryRate(q.id, jobOfClientCustom)).toBe(77);
        await patch(`/BillingRates/Users/Clients/${q.id}/${clientInherit}`, { BillingRate: 78 });
        expect(await entryRate(q.id, jobOfClientInherit)).toBe(50);
      } finally {
        await model('JOB');
      }
    });

    it('TASK_JOB: the job’s mode decides over the task’s default', async () => {
      await model('TASK_JOB');
      try {
        expect(await entryRate(q.id, jobInherit, taskOwn)).toBe(99);
        expect(await entryRate(q.id, jobInherit, taskNone)).toBe(50);
        expect(await entryRate(q.id, jobFlat, taskOwn)).toBe(150.25);
        expect(await entryRate(q.id, jobCustom, taskOwn)).toBe(99);
        await patch(`/BillingRates/Tasks/Jobs/${taskOwn}/${jobCustom}`, { BillingRate: 66 });
        expect(await entryRate(q.id, jobCustom, taskOwn)).toBe(66);
        expect(await entryRate(p.id, jobCustom, taskNone)).toBe(50);
      } finally {
        await model('JOB');
      }
    });

    it('TASK_USER: a person counts as CUSTOM', async () => {
      await model('TASK_USER');
      try {
        expect(await entryRate(p.id, jobFlat, taskOwn)).toBe(99); // the task's, not the person's
        expect(await entryRate(p.id, jobFlat, taskNone)).toBe(50);
        await patch(`/BillingRates/Tasks/Users/${taskOwn}/${p.id}`, { BillingRate: 44 });
        expect(await entryRate(p.id, jobFlat, taskOwn)).toBe(44);
        expect(await entryRate(q.id, jobFlat, taskOwn)).toBe(99);
      } finally {
        await model('JOB');
      }
    });

    it('keeps the single models as they were', async () => {
      await model('USER');
      try {
        expect(await entryRate(p.id, jobFlat)).toBe(80);
        expect(await entryRate(q.id, jobFlat)).toBe(50);
        await model('JOB');
        expect(await entryRate(q.id, jobCustom)).toBe(150.25);
        await model('TASK');
        expect(await entryRate(q.id, jobCustom, taskOwn)).toBe(99);
      } finally {
        await model('JOB');
      }
    });
  });
});
