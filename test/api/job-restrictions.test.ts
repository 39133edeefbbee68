import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FieldErrors } from '../../src/server/errors.js';
import {
  checkJobAndTask,
  isJobUsableBy,
  isTaskAllowedOnJob,
  jobsUsableBy,
} from '../../src/server/modules/master-data/index.js';
import { createTestApp, type TestApp } from '../support/app.js';
import { testDialects } from '../support/db.js';
import { manager, person, type Person } from '../support/people.js';

const dialects = await testDialects();

interface World {
  companyId: string;
  admin: string;
  client: string;
  client2: string;
  jobA: string;
  jobB: string;
  jobInactive: string;
  task1: string;
  task2: string;
  taskInactive: string;
}

describe.each(dialects)('job and task restrictions on %s', (dialect) => {
  let t: TestApp;

  const call = (method: string, path: string, token: string, body?: unknown) =>
    t.call(method, `/v2${path}`, body === undefined ? { token } : { token, body });
  const ids = (res: { body: { data: { ID: string }[] } }) => res.body.data.map((x) => x.ID).sort();
  const sorted = (list: string[]) => [...list].sort();

  /** A company with two clients, three jobs and three tasks, and the given restriction methods. */
  async function world(settings: Record<string, string> = {}): Promise<World> {
    const c = await t.company();
    const admin = c.Token;
    const post = async (path: string, body: unknown) => {
      const res = await call('POST', path, admin, body);
      expect(res.status, JSON.stringify(res.body)).toBe(201);
      return res.body.data.ID as string;
    };
    const client = await post('/Clients', { Name: 'Client One' });
    const client2 = await post('/Clients', { Name: 'Client Two' });
    const w: World = {
      companyId: c.CompanyID,
      admin,
      client,
      client2,
      jobA: await post('/Jobs', { Name: 'Job A', JobNumber: 'A', ClientID: client }),
      jobB: await post('/Jobs', { Name: 'Job B', JobNumber: 'B', ClientID: client2 }),
      jobInactive: await post('/Jobs', { Name: 'Job Z', JobNumber: 'Z', ClientID: client, IsActive: false }),
      task1: await post('/Tasks', { Name: 'Task 1' }),
      task2: await post('/Tasks', { Name: 'Task 2' }),
      taskInactive: await post('/Tasks', { Name: 'Task 9', IsActive: false }),
    };
    if (Object.keys(settings).length) {
      expect((await call('PATCH', '/Company', admin, settings)).status).toBe(200);
    }
    return w;
  }

  beforeAll(async () => {
    t = await createTestApp(dialect);
  });
  afterAll(() => t.close());

  describe('a new company (JobRestrictionMethod none, TaskRestrictionMethod byjob)', () => {
    let w: World;
    let s: Person;
    beforeAll(async () => {
      w = await world();
      s = await person(t, w.admin);
    });

    it('shows every job on /Me/Jobs, every client on /Me/Clients and every task on /Me/Tasks', async () => {
      expect(ids(await call('GET', '/Me/Jobs', s.token))).toEqual(sorted([w.jobA, w.jobB, w.jobInactive]));
      expect(ids(await call('GET', '/Me/Jobs?IsActive=true', s.token))).toEqual(sorted([w.jobA, w.jobB]));
      expect(ids(await call('GET', '/Me/Clients', s.token))).toEqual(sorted([w.client, w.client2]));
      expect(ids(await call('GET', '/Me/Tasks', s.token))).toEqual(
        sorted([w.task1, w.task2, w.taskInactive]),
      );
      const one = await call('GET', `/Me/Jobs/${w.jobA}?Verbose=true`, s.token);
      expect(one.body.data).toMatchObject({
        ID: w.jobA,
        ListDisplayText: 'A - Job A',
        Client: { ID: w.client },
        MyJobs: false,
      });
      expect(one.body.data).not.toHaveProperty('Notes');
    });

    it('allows every task on a job without a task list, and only the listed ones once it has one', async () => {
      expect(sorted((await call('GET', `/Me/Jobs/${w.jobA}/Tasks`, s.token)).body.data)).toEqual(
        sorted([w.task1, w.task2, w.taskInactive]),
      );
      expect(
        sorted((await call('GET', `/Me/Jobs/${w.jobA}/Tasks?IsActive=true`, s.token)).body.data),
      ).toEqual(sorted([w.task1, w.task2]));
      expect(await isTaskAllowedOnJob(t.deps, w.companyId, w.jobA, w.task2)).toBe(true);

      const added = await call('POST', `/Jobs/${w.jobA}/Tasks`, w.admin, { TaskID: w.task1 });
      expect(added.status).toBe(200);
      expect(added.body.data).toEqual([w.task1]);
      expect((await call('GET', `/Me/Jobs/${w.jobA}/Tasks`, s.token)).body.data).toEqual([w.task1]);
      expect(await isTaskAllowedOnJob(t.deps, w.companyId, w.jobA, w.task2)).toBe(false);
      expect(await isTaskAllowedOnJob(t.deps, w.companyId, w.jobB, w.task2)).toBe(true);
      expect(await isTaskAllowedOnJob(t.deps, w.companyId, w.jobB, w.taskInactive)).toBe(false);

      // Removing the last task opens the job to every task again (docs/adr/0005).
      const removed = await call('DELETE', `/Jobs/${w.jobA}/Tasks/${w.task1}`, w.admin);
      expect(removed.status).toBe(200);
      expect(removed.body.data).toEqual([]);
      expect(await isTaskAllowedOnJob(t.deps, w.companyId, w.jobA, w.task2)).toBe(true);
    });

    it('lists the allowed job/task pairs on /Me/Jobs/TaskControls, with filters and paging', async () => {
      await call('PUT', `/Jobs/${w.jobB}/Tasks`, w.admin, [w.task2]);
      try {
        const all = await call(
          'GET',
          '/Me/Jobs/TaskControls?JobIsActive=true&TaskIsActive=true&limit=1000',
          s.token,
        );
        expect(all.status).toBe(200);
        const pairs = all.body.data as { JobID: string; TaskID: string }[];
        const expected = [
          { JobID: w.jobA, TaskID: w.task1 },
          { JobID: w.jobA, TaskID: w.task2 },
          { JobID: w.jobB, TaskID: w.task2 },
        ].sort((a, b) => (a.JobID + a.TaskID < b.JobID + b.TaskID ? -1 : 1));
        expect(pairs).toEqual(expected);
        expect(all.body.page.count).toBe(3);
        const page = await call(
          'GET',
          '/Me/Jobs/TaskControls?JobIsActive=true&TaskIsActive=true&limit=1&offset=1',
          s.token,
        );
        expect(page.body.data).toEqual([expected[1]]);
        expect(page.body.page).toMatchObject({ count: 3, limit: 1, offset: 1 });
        const onlyB = await call('GET', `/Me/Jobs/TaskControls?JobID=${w.jobB}`, s.token);
        expect(onlyB.body.data).toEqual([{ JobID: w.jobB, TaskID: w.task2 }]);
        const inactiveTasks = await call(
          'GET',
          `/Me/Jobs/TaskControls?JobID=${w.jobA}&TaskIsActive=false`,
          s.token,
        );
        expect(inactiveTasks.body.data).toEqual([{ JobID: w.jobA, TaskID: w.taskInactive }]);
        expect((await call('GET', '/Me/Jobs/TaskControls?JobIsActive=perhaps', s.token)).status).toBe(400);
      } finally {
        await call('PUT', `/Jobs/${w.jobB}/Tasks`, w.admin, []);
      }
    });

    it('keeps /Jobs/{id}/Tasks and /Tasks/{id}/Jobs in step: POST adds, PUT replaces, DELETE removes', async () => {
      const put = await call('PUT', `/Jobs/${w.jobA}/Tasks`, w.admin, [w.task1, w.task2, w.task1]);
      expect(put.status).toBe(200);
      expect(put.body.data).toEqual([w.task1, w.task2]);
      expect((await call('GET', `/Tasks/${w.task2}/Jobs`, w.admin)).body.data).toEqual([w.jobA]);
      const viaTask = await call('POST', `/Tasks/${w.task2}/Jobs`, w.admin, { JobID: w.jobB });
      expect(viaTask.status).toBe(200);
      expect(sorted(viaTask.body.data)).toEqual(sorted([w.jobA, w.jobB]));
      expect((await call('GET', `/Jobs/${w.jobB}/Tasks`, w.admin)).body.data).toEqual([w.task2]);
      // Newest first.
      expect((await call('GET', `/Tasks/${w.task2}/Jobs`, w.admin)).body.data).toEqual([w.jobB, w.jobA]);
      const again = await call('POST', `/Jobs/${w.jobB}/Tasks`, w.admin, { TaskID: w.task2 });
      expect(again.body.data).toEqual([w.task2]);
      expect((await call('GET', `/Jobs/${w.jobA}/Tasks?IsActive=false`, w.admin)).body.data).toEqual([]);
      expect((await call('DELETE', `/Tasks/${w.task2}/Jobs/${w.jobB}`, w.admin)).body.data).toEqual([w.jobA]);
      expect((await call('DELETE', `/Tasks/${w.task2}/Jobs/${w.jobB}`, w.admin)).status).toBe(404);
      expect((await call('PUT', `/Jobs/${w.jobA}/Tasks`, w.admin, [])).body.data).toEqual([]);
    });

    it('refuses bad association bodies with 400 and unknown owners with 404', async () => {
      const unknown = await call('POST', `/Jobs/${w.jobA}/Tasks`, w.admin, { TaskID: 'no-such-task' });
      expect(unknown.status).toBe(400);
      expect(unknown.body.errors[0].Field).toBe('TaskID');
      const missing = await call('POST', `/Jobs/${w.jobA}/Tasks`, w.admin, { JobID: w.jobB });
      expect(missing.status).toBe(400);
      expect(missing.body.errors[0].Field).toBe('TaskID');
      const put = await call('PUT', `/Jobs/${w.jobA}/Tasks`, w.admin, [w.task1, 'nope']);
      expect(put.status).toBe(400);
      expect(put.body.errors[0].Field).toBe('[1]');
      expect((await call('GET', `/Jobs/${w.jobA}/Tasks`, w.admin)).body.data).toEqual([]);
      expect((await call('PUT', `/Jobs/${w.jobA}/Tasks`, w.admin, { TaskID: w.task1 })).status).toBe(400);
      expect((await call('GET', '/Jobs/no-such-job/Tasks', w.admin)).status).toBe(404);
      expect((await call('GET', `/Me/Jobs/no-such-job/Tasks`, s.token)).status).toBe(404);
    });

    it('answers 403 on association endpoints whose restriction is not active', async () => {
      expect((await call('GET', `/Jobs/${w.jobA}/Users`, w.admin)).status).toBe(403);
      expect((await call('POST', `/Jobs/${w.jobA}/Users`, w.admin, { UserID: s.id })).status).toBe(403);
      expect((await call('GET', `/Jobs/${w.jobA}/Divisions`, w.admin)).status).toBe(403);
      expect((await call('PUT', `/Jobs/${w.jobA}/Divisions`, w.admin, [])).status).toBe(403);
      expect((await call('GET', '/Me/MyJobs', s.token)).status).toBe(403);
      expect((await call('GET', '/Me/MyTasks', s.token)).status).toBe(403);
    });

    it('needs the matching manager permission for association endpoints', async () => {
      const bare = await manager(t, w.admin, {});
      expect((await call('GET', `/Jobs/${w.jobA}/Tasks`, bare.token)).status).toBe(403);
      expect((await call('GET', `/Jobs/${w.jobA}/Tasks`, s.token)).status).toBe(403);
      const overrider = await manager(t, w.admin, { 'Override timesheets': 'All' });
      expect((await call('GET', `/Jobs/${w.jobA}/Tasks`, overrider.token)).status).toBe(200);
      expect((await call('PUT', `/Jobs/${w.jobA}/Tasks`, overrider.token, [])).status).toBe(403);
      const jobEditor = await manager(t, w.admin, { 'Add/Edit Jobs': 'All' });
      expect((await call('PUT', `/Jobs/${w.jobA}/Tasks`, jobEditor.token, [])).status).toBe(200);
      expect((await call('GET', `/Tasks/${w.task1}/Jobs`, jobEditor.token)).status).toBe(403);
      const taskViewer = await manager(t, w.admin, { 'View Tasks': 'All' });
      expect((await call('GET', `/Tasks/${w.task1}/Jobs`, taskViewer.token)).status).toBe(200);
      expect((await call('POST', `/Tasks/${w.task1}/Jobs`, taskViewer.token, { JobID: w.jobA })).status).toBe(
        403,
      );
    });

    it('lets everyone use every active job: Users?JobID= lists everybody, Jobs?UserID= every job', async () => {
      expect(await isJobUsableBy(t.deps, w.companyId, s.id, w.jobA)).toBe(true);
      expect(await isJobUsableBy(t.deps, w.companyId, s.id, w.jobInactive)).toBe(false);
      const users = await call('GET', `/Users?JobID=${w.jobA}`, w.admin);
      expect(users.status).toBe(200);
      expect(users.body.data.map((u: { ID: string }) => u.ID)).toContain(s.id);
      expect((await call('GET', '/Users?JobID=no-such-job', w.admin)).body.data).toEqual([]);
      expect(ids(await call('GET', `/Jobs?UserID=${s.id}`, w.admin))).toEqual(
        sorted([w.jobA, w.jobB, w.jobInactive]),
      );
      expect((await call('GET', '/Jobs?UserID=nobody-at-all', w.admin)).body.data).toEqual([]);
    });
  });

  describe('JobRestrictionMethod byperson', () => {
    let w: World;
    let alice: Person;
    let bob: Person;
    beforeAll(async () => {
      w = await world({ JobRestrictionMethod: 'byperson' });
      alice = await person(t, w.admin);
      bob = await person(t, w.admin);
      expect((await call('PUT', `/Jobs/${w.jobA}/Users`, w.admin, [alice.id, bob.id])).status).toBe(200);
      expect((await call('POST', `/Jobs/${w.jobB}/Users`, w.admin, { UserID: bob.id })).status).toBe(200);
    });

    it('shows each person only the jobs associated with them, and their clients and tasks', async () => {
      expect(ids(await call('GET', '/Me/Jobs', alice.token))).toEqual([w.jobA]);
      expect(ids(await call('GET', '/Me/Jobs', bob.token))).toEqual(sorted([w.jobA, w.jobB]));
      expect((await call('GET', `/Me/Jobs/${w.jobB}`, alice.token)).status).toBe(404);
      expect((await call('GET', `/Me/Jobs/${w.jobB}/Tasks`, alice.token)).status).toBe(404);
      expect(ids(await call('GET', '/Me/Clients', alice.token))).toEqual([w.client]);
      expect((await call('GET', `/Me/Clients/${w.client2}`, alice.token)).status).toBe(404);
      const admin = await call('GET', '/Me/Jobs', w.admin);
      expect(admin.body.data).toEqual([]);
      expect((await call('GET', '/Jobs', w.admin)).body.page.count).toBe(3);
    });

    it('limits /Me/Tasks to tasks allowed on the person’s jobs', async () => {
      await call('PUT', `/Jobs/${w.jobA}/Tasks`, w.admin, [w.task1]);
      try {
        expect(ids(await call('GET', '/Me/Tasks', alice.token))).toEqual([w.task1]);
        expect(ids(await call('GET', '/Me/Tasks', bob.token))).toEqual(
          sorted([w.task1, w.task2, w.taskInactive]),
        );
        expect((await call('GET', `/Me/Tasks/${w.task2}`, alice.token)).status).toBe(404);
      } finally {
        await call('PUT', `/Jobs/${w.jobA}/Tasks`, w.admin, []);
      }
    });

    it('answers Users?JobID= and Jobs?UserID= from the associations', async () => {
      expect(ids(await call('GET', `/Users?JobID=${w.jobA}`, w.admin))).toEqual(sorted([alice.id, bob.id]));
      expect(ids(await call('GET', `/Users?JobID=${w.jobB}`, w.admin))).toEqual([bob.id]);
      expect((await call('GET', `/Users?JobID=${w.jobInactive}`, w.admin)).body.data).toEqual([]);
      expect(ids(await call('GET', `/Jobs?UserID=${alice.id}`, w.admin))).toEqual([w.jobA]);
      expect(ids(await call('GET', `/Jobs?UserID=${alice.id},${bob.id}`, w.admin))).toEqual(
        sorted([w.jobA, w.jobB]),
      );
    });

    it('gives the time-entry module the same answers', async () => {
      expect(await isJobUsableBy(t.deps, w.companyId, alice.id, w.jobA)).toBe(true);
      expect(await isJobUsableBy(t.deps, w.companyId, alice.id, w.jobB)).toBe(false);
      expect((await jobsUsableBy(t.deps, w.companyId, bob.id)).map((j) => j.id).sort()).toEqual(
        sorted([w.jobA, w.jobB]),
      );
      const errors = new FieldErrors();
      const ok = await checkJobAndTask(
        t.deps,
        w.companyId,
        alice.id,
        { jobId: w.jobA, taskId: w.task1 },
        errors,
      );
      expect(errors.list).toEqual([]);
      expect(ok.job?.id).toBe(w.jobA);
      expect(ok.task?.id).toBe(w.task1);
      await checkJobAndTask(
        t.deps,
        w.companyId,
        alice.id,
        { jobId: w.jobB, taskId: w.taskInactive },
        errors,
        '[2]',
      );
      expect(errors.list.map((e) => e.Field)).toEqual(['[2].JobID', '[2].TaskID']);
    });

    it('changes the associations: DELETE one, PUT all; a person of another company is a 400', async () => {
      expect((await call('DELETE', `/Jobs/${w.jobA}/Users/${alice.id}`, w.admin)).body.data).toEqual([
        bob.id,
      ]);
      expect((await call('GET', '/Me/Jobs', alice.token)).body.data).toEqual([]);
      const foreign = await t.company();
      const res = await call('POST', `/Jobs/${w.jobA}/Users`, w.admin, { UserID: foreign.UserID });
      expect(res.status).toBe(400);
      expect(res.body.errors[0].Field).toBe('UserID');
      expect((await call('POST', `/Jobs/${w.jobA}/Users`, w.admin, { UserID: alice.id })).body.data).toEqual([
        alice.id,
        bob.id,
      ]);
    });

    it('lets managers with View Jobs (all) read and Add/Edit Jobs (all) change job people', async () => {
      const bare = await manager(t, w.admin, {});
      expect((await call('GET', `/Jobs/${w.jobA}/Users`, bare.token)).status).toBe(403);
      const viewer = await manager(t, w.admin, { 'View Jobs': 'All' });
      expect((await call('GET', `/Jobs/${w.jobA}/Users`, viewer.token)).status).toBe(200);
      expect((await call('DELETE', `/Jobs/${w.jobA}/Users/${bob.id}`, viewer.token)).status).toBe(403);
    });
  });

  describe('JobRestrictionMethod bydivision', () => {
    it("lets people use the jobs of their division; nobody's jobs without a division", async () => {
      const w = await world({ JobRestrictionMethod: 'bydivision' });
      const d1 = (await call('POST', '/Divisions', w.admin, { Name: 'North' })).body.data.ID as string;
      const d2 = (await call('POST', '/Divisions', w.admin, { Name: 'South' })).body.data.ID as string;
      const north = await person(t, w.admin, { DivisionID: d1 });
      const south = await person(t, w.admin, { DivisionID: d2 });
      const nowhere = await person(t, w.admin);
      const put = await call('PUT', `/Jobs/${w.jobA}/Divisions`, w.admin, [d2, d1]);
      expect(put.status).toBe(200);
      expect(put.body.data).toEqual([d1, d2]); // by Name
      expect(
        (await call('POST', `/Jobs/${w.jobB}/Divisions`, w.admin, { DivisionID: d2 })).body.data,
      ).toEqual([d2]);
      expect(ids(await call('GET', '/Me/Jobs', north.token))).toEqual([w.jobA]);
      expect(ids(await call('GET', '/Me/Jobs', south.token))).toEqual(sorted([w.jobA, w.jobB]));
      expect((await call('GET', '/Me/Jobs', nowhere.token)).body.data).toEqual([]);
      expect(ids(await call('GET', `/Users?JobID=${w.jobB}`, w.admin))).toEqual([south.id]);
      expect(ids(await call('GET', `/Jobs?UserID=${north.id}`, w.admin))).toEqual([w.jobA]);
      expect(await isJobUsableBy(t.deps, w.companyId, north.id, w.jobB)).toBe(false);
      const bad = await call('POST', `/Jobs/${w.jobB}/Divisions`, w.admin, { DivisionID: 'nope' });
      expect(bad.status).toBe(400);
      expect(bad.body.errors[0].Field).toBe('DivisionID');
      expect((await call('GET', `/Jobs/${w.jobA}/Users`, w.admin)).status).toBe(403);
    });
  });

  describe('My Jobs and My Tasks', () => {
    it('keeps a personal My Jobs list under myjobs without narrowing what may be used', async () => {
      const w = await world({ JobRestrictionMethod: 'myjobs' });
      const s = await person(t, w.admin);
      const added = await call('POST', '/Me/MyJobs', s.token, { JobID: w.jobB });
      expect(added.status).toBe(200);
      expect(added.body.data).toEqual([w.jobB]);
      expect(ids(await call('GET', '/Me/Jobs?MyJobs=true', s.token))).toEqual([w.jobB]);
      expect(ids(await call('GET', '/Me/Jobs?MyJobs=false', s.token))).toEqual(
        sorted([w.jobA, w.jobInactive]),
      );
      expect(ids(await call('GET', '/Me/Jobs', s.token))).toHaveLength(3);
      const verbose = await call('GET', '/Me/Jobs?Verbose=true&IsActive=true', s.token);
      const flags = Object.fromEntries(
        verbose.body.data.map((j: { ID: string; MyJobs: boolean }) => [j.ID, j.MyJobs]),
      );
      expect(flags).toEqual({ [w.jobA]: false, [w.jobB]: true });
      expect(await isJobUsableBy(t.deps, w.companyId, s.id, w.jobA)).toBe(true);
      expect((await call('POST', '/Me/MyJobs', s.token, { JobID: 'nope' })).status).toBe(400);
      expect((await call('DELETE', `/Me/MyJobs/${w.jobB}`, s.token)).body.data).toEqual([]);
      // Another person's list is their own.
      const other = await person(t, w.admin);
      expect((await call('GET', '/Me/MyJobs', other.token)).body.data).toEqual([]);
    });

    it('makes every task usable on every job under mytasks, and turns off the byjob endpoints (403)', async () => {
      const w = await world({ TaskRestrictionMethod: 'mytasks' });
      const s = await person(t, w.admin);
      expect((await call('GET', `/Me/Jobs/${w.jobA}/Tasks`, s.token)).status).toBe(403);
      expect((await call('GET', '/Me/Jobs/TaskControls', s.token)).status).toBe(403);
      expect((await call('GET', `/Jobs/${w.jobA}/Tasks`, w.admin)).status).toBe(403);
      expect((await call('PUT', `/Tasks/${w.task1}/Jobs`, w.admin, [w.jobA])).status).toBe(403);
      expect((await call('PUT', '/Me/MyTasks', s.token, [w.task2, w.task1])).body.data).toEqual([
        w.task2,
        w.task1,
      ]);
      expect(ids(await call('GET', '/Me/Tasks?MyTasks=true', s.token))).toEqual(sorted([w.task1, w.task2]));
      const verbose = await call('GET', `/Me/Tasks/${w.task1}?Verbose=true`, s.token);
      expect(verbose.body.data.MyTasks).toBe(true);
      expect(ids(await call('GET', '/Me/Tasks', s.token))).toHaveLength(3);
      expect(await isTaskAllowedOnJob(t.deps, w.companyId, w.jobA, w.task2)).toBe(true);
    });

    it('keeps task lists made under byjob, and applies them again when byjob is turned back on', async () => {
      const w = await world();
      await call('PUT', `/Jobs/${w.jobA}/Tasks`, w.admin, [w.task1]);
      await call('PATCH', '/Company', w.admin, { TaskRestrictionMethod: 'mytasks' });
      expect(await isTaskAllowedOnJob(t.deps, w.companyId, w.jobA, w.task2)).toBe(true);
      await call('PATCH', '/Company', w.admin, { TaskRestrictionMethod: 'byjob' });
      expect(await isTaskAllowedOnJob(t.deps, w.companyId, w.jobA, w.task2)).toBe(false);
    });
  });
});
