import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../support/app.js';
import { testDialects } from '../support/db.js';
import { manager, person, type Person } from '../support/people.js';

const dialects = await testDialects();

describe.each(dialects)('clients, jobs and tasks on %s', (dialect) => {
  let t: TestApp;
  let admin: string;
  let adminId: string;
  let otherAdmin: string;
  let standard: Person;
  let bareManager: Person;
  let editor: Person;

  const post = (path: string, body: unknown, token = admin) => t.call('POST', `/v2${path}`, { token, body });
  const get = (path: string, token = admin) => t.call('GET', `/v2${path}`, { token });
  const patch = (path: string, body: unknown, token = admin) =>
    t.call('PATCH', `/v2${path}`, { token, body });
  const del = (path: string, token = admin) => t.call('DELETE', `/v2${path}`, { token });

  async function client(fields: Record<string, unknown> = {}) {
    const res = await post('/Clients', {
      Name: `Client ${Math.random().toString(36).slice(2, 8)}`,
      ...fields,
    });
    expect(res.status).toBe(201);
    return res.body.data as { ID: string; Name: string };
  }
  async function job(clientId: string, fields: Record<string, unknown> = {}) {
    const res = await post('/Jobs', {
      Name: `Job ${Math.random().toString(36).slice(2, 8)}`,
      ClientID: clientId,
      ...fields,
    });
    expect(res.status).toBe(201);
    return res.body.data as { ID: string; Name: string };
  }
  async function task(fields: Record<string, unknown> = {}) {
    const res = await post('/Tasks', { Name: `Task ${Math.random().toString(36).slice(2, 8)}`, ...fields });
    expect(res.status).toBe(201);
    return res.body.data as { ID: string; Name: string };
  }

  beforeAll(async () => {
    t = await createTestApp(dialect);
    const a = await t.company('Master Co');
    admin = a.Token;
    adminId = a.UserID;
    otherAdmin = (await t.company('Other Co')).Token;
    standard = await person(t, admin);
    bareManager = await manager(t, admin, {});
    editor = await manager(t, admin, {
      'Add/Edit Clients': 'All',
      'Add/Edit Jobs': 'All',
      'Add/Edit Tasks': 'All',
    });
  });
  afterAll(() => t.close());

  describe('clients', () => {
    it('creates a client (201) with defaults and a ListDisplayText of "ClientNumber - Name"', async () => {
      const res = await post('/Clients', {
        Name: 'Acme Corp',
        ClientNumber: 'C-100',
        ShortName: 'ACME',
        Notes: 'n',
      });
      expect(res.status).toBe(201);
      expect(res.body.data).toMatchObject({
        Name: 'Acme Corp',
        ClientNumber: 'C-100',
        ShortName: 'ACME',
        IsActive: true,
        ListDisplayText: 'C-100 - Acme Corp',
        Notes: 'n',
        SecondaryBillingRateMode: 'INHERIT',
        BillingRate: null,
        CustomFields: {},
      });
      expect(res.body.data.ID).toMatch(/^[A-Za-z0-9_-]{24}$/);
      expect(res.body.data.CreatedDate).toMatch(/^\d{4}-\d\d-\d\dT.*Z$/);
      const plain = await post('/Clients', { Name: 'No Number' });
      expect(plain.body.data.ListDisplayText).toBe('No Number');
    });

    it('reads, changes (recomputing ListDisplayText) and refuses an unknown ID with 404', async () => {
      const c = await client({ Name: 'Beta' });
      expect((await get(`/Clients/${c.ID}`)).body.data.Name).toBe('Beta');
      const changed = await patch(`/Clients/${c.ID}`, {
        ClientNumber: '7',
        IsActive: false,
        BillingRate: '95.1234',
      });
      expect(changed.status).toBe(200);
      expect(changed.body.data).toMatchObject({
        ListDisplayText: '7 - Beta',
        IsActive: false,
        BillingRate: 95.1234,
      });
      expect((await get('/Clients/nope-nope-nope')).status).toBe(404);
      expect((await patch('/Clients/nope-nope-nope', { Name: 'x' })).status).toBe(404);
    });

    it('refuses bad bodies with 400 naming every bad field', async () => {
      const res = await post('/Clients', { Name: '', IsActive: 'yes', BillingRate: -1 });
      expect(res.status).toBe(400);
      const fields = res.body.errors.map((e: { Field: string }) => e.Field).sort();
      expect(fields).toEqual(['BillingRate', 'IsActive', 'Name']);
      expect((await post('/Clients', { ShortName: 'x' })).body.errors[0].Field).toBe('Name');
      expect((await post('/Clients', { Name: 'x', BillingRate: 1.123456 })).body.errors[0].Field).toBe(
        'BillingRate',
      );
      expect((await patch(`/Clients/${(await client()).ID}`, { Name: '   ' })).status).toBe(400);
    });

    it('creates a batch atomically: one bad item is a 400 with [i].Field and nothing is stored', async () => {
      const tag = `batch-${dialect}`;
      const bad = await post('/Clients', [
        { Name: `${tag} one` },
        { Name: `${tag} two`, IsActive: 3 },
        { Name: '' },
      ]);
      expect(bad.status).toBe(400);
      expect(bad.body.errors.map((e: { Field: string }) => e.Field).sort()).toEqual([
        '[1].IsActive',
        '[2].Name',
      ]);
      expect((await get(`/Clients?Name=${encodeURIComponent(`${tag} one`)}`)).body.page.count).toBe(0);
      const good = await post('/Clients', [{ Name: `${tag} one` }, { Name: `${tag} two` }]);
      expect(good.status).toBe(201);
      expect(good.body.data.map((c: { Name: string }) => c.Name)).toEqual([`${tag} one`, `${tag} two`]);
    });

    it('filters by ID, Name (case-insensitive), ShortName, ClientNumber and IsActive; 400 on a bad IsActive', async () => {
      const a = await client({ Name: 'Filter Alpha', ShortName: 'FA', ClientNumber: 'F1' });
      const b = await client({ Name: 'Filter Beta', ShortName: 'FB', ClientNumber: 'F2', IsActive: false });
      const ids = (res: { body: { data: { ID: string }[] } }) => res.body.data.map((c) => c.ID).sort();
      expect(ids(await get(`/Clients?ID=${a.ID},${b.ID}`))).toEqual([a.ID, b.ID].sort());
      expect(ids(await get('/Clients?name=filter%20alpha'))).toEqual([a.ID]);
      expect(ids(await get('/Clients?ShortName=FB'))).toEqual([b.ID]);
      expect(ids(await get('/Clients?ClientNumber=F1&ClientNumber=F2'))).toEqual([a.ID, b.ID].sort());
      expect(ids(await get(`/Clients?ID=${a.ID},${b.ID}&IsActive=false`))).toEqual([b.ID]);
      expect((await get('/Clients?IsActive=maybe')).status).toBe(400);
      expect((await get('/Clients?Unknown=1')).status).toBe(200);
    });

    it('lists in ListDisplayText, ID order with paging and links', async () => {
      const company = await t.company('Paging Co');
      for (const name of ['Delta', 'Alpha', 'Charlie', 'Bravo', 'Echo']) {
        expect((await post('/Clients', { Name: name }, company.Token)).status).toBe(201);
      }
      const first = await get('/Clients?limit=2', company.Token);
      expect(first.body.data.map((c: { Name: string }) => c.Name)).toEqual(['Alpha', 'Bravo']);
      expect(first.body.page).toMatchObject({ count: 5, offset: 0, limit: 2 });
      expect(first.body.page.links.next).toContain('offset=2');
      const last = await get('/Clients?limit=2&offset=4', company.Token);
      expect(last.body.data.map((c: { Name: string }) => c.Name)).toEqual(['Echo']);
      expect(last.body.page.links.next).toBeNull();
      expect((await get('/Clients?limit=-1', company.Token)).status).toBe(400);
    });

    it('returns the /Clients/new template without storing anything', async () => {
      const res = await get('/Clients/new');
      expect(res.status).toBe(200);
      expect(res.body.data).toMatchObject({
        ID: '',
        Name: '',
        IsActive: true,
        SecondaryBillingRateMode: 'INHERIT',
      });
    });
  });

  describe('jobs', () => {
    it('creates a job under a client with ListDisplayText "JobNumber - Name" and ListDisplayName with the client', async () => {
      const c = await client({ Name: 'Job Client' });
      const res = await post('/Jobs', {
        Name: 'Website',
        JobNumber: 'J-1',
        ClientID: c.ID,
        StartDate: '2026-01-01',
        EndDate: '2026-12-31',
        ProjectManagerID: adminId,
      });
      expect(res.status).toBe(201);
      expect(res.body.data).toMatchObject({
        Name: 'Website',
        JobNumber: 'J-1',
        ClientID: c.ID,
        IsActive: true,
        IsBillable: true,
        StartDate: '2026-01-01',
        EndDate: '2026-12-31',
        ListDisplayText: 'J-1 - Website',
        ListDisplayName: 'Job Client - J-1 - Website',
        ProjectManagerID: adminId,
        UseCompanyBillingRate: true,
        TimeRequiresApproval: false,
      });
      expect(res.body.data.Client).toBeUndefined();
      const verbose = await get(`/Jobs/${res.body.data.ID}?Verbose=true`);
      expect(verbose.body.data.Client).toEqual({
        ID: c.ID,
        Name: 'Job Client',
        IsActive: true,
        ListDisplayText: 'Job Client',
      });
      expect(verbose.body.data.ProjectManager).toMatchObject({ ID: adminId, IsActive: true });
    });

    it('requires a ClientID of this company, valid dates and a project manager for approvals (400)', async () => {
      const c = await client();
      const missing = await post('/Jobs', { Name: 'No client' });
      expect(missing.status).toBe(400);
      expect(missing.body.errors[0].Field).toBe('ClientID');
      const foreign = (await post('/Clients', { Name: 'Foreign' }, otherAdmin)).body.data.ID as string;
      const res = await post('/Jobs', { Name: 'Foreign client', ClientID: foreign });
      expect(res.status).toBe(400);
      expect(res.body.errors[0]).toMatchObject({ Field: 'ClientID' });
      const dates = await post('/Jobs', {
        Name: 'x',
        ClientID: c.ID,
        StartDate: '2026-05-01',
        EndDate: '2026-04-01',
      });
      expect(dates.body.errors.map((e: { Field: string }) => e.Field)).toEqual(['EndDate']);
      expect((await post('/Jobs', { Name: 'x', ClientID: c.ID, StartDate: '2026-02-30' })).status).toBe(400);
      const approvals = await post('/Jobs', { Name: 'x', ClientID: c.ID, TimeRequiresApproval: true });
      expect(approvals.body.errors[0].Field).toBe('ProjectManagerID');
      const pm = await post('/Jobs', { Name: 'x', ClientID: c.ID, ProjectManagerID: 'unknown-person-id' });
      expect(pm.body.errors[0].Field).toBe('ProjectManagerID');
    });

    it('creates jobs in a batch atomically, naming the failing item', async () => {
      const c = await client();
      const res = await post('/Jobs', [
        { Name: 'Batch ok', ClientID: c.ID },
        { Name: 'Batch bad client', ClientID: 'missing-client-id' },
      ]);
      expect(res.status).toBe(400);
      expect(res.body.errors).toHaveLength(1);
      expect(res.body.errors[0].Field).toBe('[1].ClientID');
      expect((await get(`/Jobs?ClientID=${c.ID}`)).body.page.count).toBe(0);
    });

    it('filters by ClientID, Name, JobNumber, IsActive and ProjectManagerID', async () => {
      const c = await client();
      const a = await job(c.ID, { Name: 'Filter job A', JobNumber: 'FJ-A', ProjectManagerID: adminId });
      const b = await job(c.ID, { Name: 'Filter job B', JobNumber: 'FJ-B', IsActive: false });
      const ids = (res: { body: { data: { ID: string }[] } }) => res.body.data.map((j) => j.ID).sort();
      expect(ids(await get(`/Jobs?ClientID=${c.ID}`))).toEqual([a.ID, b.ID].sort());
      expect(ids(await get(`/Jobs?ClientID=${c.ID}&IsActive=true`))).toEqual([a.ID]);
      expect(ids(await get('/Jobs?JobNumber=FJ-B'))).toEqual([b.ID]);
      expect(ids(await get('/Jobs?Name=FILTER%20JOB%20A'))).toEqual([a.ID]);
      expect(ids(await get(`/Jobs?ClientID=${c.ID}&ProjectManagerID=${adminId}`))).toEqual([a.ID]);
      expect((await get('/Jobs?WithPermission=Nonsense')).status).toBe(400);
    });

    it('moves a job to another client and refuses a client of another company', async () => {
      const c1 = await client({ Name: 'First client' });
      const c2 = await client({ Name: 'Second client' });
      const j = await job(c1.ID, { Name: 'Mover' });
      const moved = await patch(`/Jobs/${j.ID}`, { ClientID: c2.ID });
      expect(moved.status).toBe(200);
      expect(moved.body.data).toMatchObject({ ClientID: c2.ID, ListDisplayName: 'Second client - Mover' });
      const foreign = (await post('/Clients', { Name: 'Theirs' }, otherAdmin)).body.data.ID as string;
      const refused = await patch(`/Jobs/${j.ID}`, { ClientID: foreign });
      expect(refused.status).toBe(400);
      expect(refused.body.errors[0].Field).toBe('ClientID');
    });
  });

  describe('tasks', () => {
    it('creates, lists in Name order and changes tasks; ListDisplayText is "TaskCode - Name"', async () => {
      const company = await t.company('Task Co');
      const res = await post(
        '/Tasks',
        [{ Name: 'Meetings', TaskCode: 'MTG' }, { Name: 'Design' }],
        company.Token,
      );
      expect(res.status).toBe(201);
      expect(res.body.data[0]).toMatchObject({
        Name: 'Meetings',
        TaskCode: 'MTG',
        ListDisplayText: 'MTG - Meetings',
        IsBillable: true,
      });
      const listed = await get('/Tasks', company.Token);
      expect(listed.body.data.map((x: { Name: string }) => x.Name)).toEqual(['Design', 'Meetings']);
      const byCode = await get('/Tasks?TaskCode=MTG', company.Token);
      expect(byCode.body.data).toHaveLength(1);
      expect((await get('/Tasks?TaskName=design', company.Token)).body.data[0].Name).toBe('Design');
      const changed = await patch(
        `/Tasks/${res.body.data[1].ID}`,
        { TaskCode: 'DES', IsBillable: false },
        company.Token,
      );
      expect(changed.body.data).toMatchObject({ ListDisplayText: 'DES - Design', IsBillable: false });
    });
  });

  describe('permissions', () => {
    it('lets Admins and every Manager read, and refuses STANDARD people with 403', async () => {
      const c = await client();
      const j = await job(c.ID);
      const tk = await task();
      for (const path of [
        '/Clients',
        `/Clients/${c.ID}`,
        '/Jobs',
        `/Jobs/${j.ID}`,
        '/Tasks',
        `/Tasks/${tk.ID}`,
      ]) {
        expect((await get(path, bareManager.token)).status, path).toBe(200);
        expect((await get(path, standard.token)).status, path).toBe(403);
      }
    });

    it('hides details and money from a manager without View permissions', async () => {
      const c = await client({ Notes: 'secret', BillingRate: 150 });
      const seen = (await get(`/Clients/${c.ID}`, bareManager.token)).body.data;
      expect(seen.Name).toBe(c.Name);
      expect(seen).not.toHaveProperty('Notes');
      expect(seen).not.toHaveProperty('BillingRate');
      expect(seen).not.toHaveProperty('CustomFields');
      const viewer = await manager(t, admin, { 'View Clients': 'All' });
      const details = (await get(`/Clients/${c.ID}`, viewer.token)).body.data;
      expect(details.Notes).toBe('secret');
      expect(details).not.toHaveProperty('BillingRate');
      const rates = await manager(t, admin, { 'View Clients': 'All', 'View Billingrates': 'All' });
      expect((await get(`/Clients/${c.ID}`, rates.token)).body.data.BillingRate).toBe(150);
      const j = await job(c.ID, { BillingRate: 80, Notes: 'job notes' });
      const jobSeen = (await get(`/Jobs/${j.ID}`, bareManager.token)).body.data;
      expect(jobSeen).not.toHaveProperty('BillingRate');
      expect(jobSeen).not.toHaveProperty('Notes');
      expect(jobSeen).not.toHaveProperty('IsBillable');
    });

    it('needs Add/Edit Clients, Jobs (all) or Tasks to write: 403 without, 201/200 with', async () => {
      const c = await client();
      expect((await post('/Clients', { Name: 'x' }, bareManager.token)).status).toBe(403);
      expect((await post('/Clients', { Name: 'x' }, standard.token)).status).toBe(403);
      expect((await post('/Jobs', { Name: 'x', ClientID: c.ID }, bareManager.token)).status).toBe(403);
      expect((await post('/Tasks', { Name: 'x' }, bareManager.token)).status).toBe(403);
      expect((await patch(`/Clients/${c.ID}`, { Name: 'y' }, bareManager.token)).status).toBe(403);
      const divisionJobs = await manager(t, admin, { 'Add/Edit Jobs': 'Divisions' });
      expect((await post('/Jobs', { Name: 'x', ClientID: c.ID }, divisionJobs.token)).status).toBe(403);

      const created = await post('/Clients', { Name: 'By editor' }, editor.token);
      expect(created.status).toBe(201);
      expect(
        (await post('/Jobs', { Name: 'By editor', ClientID: created.body.data.ID }, editor.token)).status,
      ).toBe(201);
      const tk = await post('/Tasks', { Name: 'By editor' }, editor.token);
      expect(tk.status).toBe(201);
      expect((await patch(`/Tasks/${tk.body.data.ID}`, { IsActive: false }, editor.token)).status).toBe(200);
    });

    it('limits /Jobs?WithPermission= to the jobs a project-scoped manager runs, and adds IsBillable', async () => {
      const pm = await manager(t, admin, { 'View Resource Management': 'Projects' });
      const c = await client();
      const mine = await job(c.ID, { ProjectManagerID: pm.id });
      await job(c.ID);
      const res = await get('/Jobs?WithPermission=View%20Resource%20Management&limit=1000', pm.token);
      expect(res.status).toBe(200);
      expect(res.body.data.map((j: { ID: string }) => j.ID)).toEqual([mine.ID]);
      expect(res.body.data[0].IsBillable).toBe(true);
      const without = await get('/Jobs?WithPermission=View%20Resource%20Management', bareManager.token);
      expect(without.body.data).toEqual([]);
      expect(
        (await get('/Jobs?WithPermission=View%20Resource%20Management')).body.page.count,
      ).toBeGreaterThan(1);
    });

    it('ignores rates from a manager without Add/Edit Billingrates, with a warning in meta', async () => {
      const res = await post('/Tasks', { Name: 'Cheap', BillingRate: 10 }, editor.token);
      expect(res.status).toBe(201);
      expect(res.body.meta.Warnings[0]).toContain('Add/Edit Billingrates');
      const stored = await get(`/Tasks/${res.body.data.ID}`);
      expect(stored.body.data.BillingRate).toBeNull();
    });

    it('lets only an Admin delete (403 for managers, even with Add/Edit)', async () => {
      const tk = await task();
      expect((await del(`/Tasks/${tk.ID}`, editor.token)).status).toBe(403);
      expect((await del(`/Tasks/${tk.ID}`, standard.token)).status).toBe(403);
      const res = await del(`/Tasks/${tk.ID}`);
      expect(res.status).toBe(200);
      expect(res.body.data).toBeNull();
      expect((await get(`/Tasks/${tk.ID}`)).status).toBe(404);
      expect((await del(`/Tasks/${tk.ID}`)).status).toBe(404);
    });
  });

  describe('deleting master data in use', () => {
    it('refuses to delete a client that has jobs (409 in_use, suggesting IsActive=false), then deletes it', async () => {
      const c = await client();
      const j = await job(c.ID);
      const res = await del(`/Clients/${c.ID}`);
      expect(res.status).toBe(409);
      expect(res.body.errors[0].MessageDetail).toEqual(['in_use']);
      expect(res.body.errors[0].Message).toContain('IsActive');
      expect((await del(`/Jobs/${j.ID}`)).status).toBe(200);
      expect((await del(`/Clients/${c.ID}`)).status).toBe(200);
    });

    it("refuses to delete a task that is somebody's DefaultTaskID (409), and validates DefaultTaskID (400)", async () => {
      const tk = await task();
      const p = await person(t, admin, { DefaultTaskID: tk.ID });
      expect((await get(`/Users/${p.id}`)).body.data.DefaultTaskID).toBe(tk.ID);
      const res = await del(`/Tasks/${tk.ID}`);
      expect(res.status).toBe(409);
      expect(res.body.errors[0].MessageDetail).toEqual(['in_use']);

      const bad = await patch(`/Users/${p.id}`, { DefaultTaskID: 'no-such-task' });
      expect(bad.status).toBe(400);
      expect(bad.body.errors[0].Field).toBe('DefaultTaskID');
      const foreignTask = (await post('/Tasks', { Name: 'Theirs' }, otherAdmin)).body.data.ID as string;
      const me = await t.call('PATCH', '/v2/Me', { token: p.token, body: { DefaultTaskID: foreignTask } });
      expect(me.status).toBe(400);
      expect(me.body.errors[0].Field).toBe('DefaultTaskID');
      const created = await post('/Users', {
        Name: 'X',
        Email: `x-${dialect}-dt@example.test`,
        DefaultTaskID: 'nope',
      });
      expect(created.status).toBe(400);
      expect(created.body.errors[0].Field).toBe('DefaultTaskID');

      expect((await patch(`/Users/${p.id}`, { DefaultTaskID: null })).status).toBe(200);
      expect((await del(`/Tasks/${tk.ID}`)).status).toBe(200);
    });

    it("refuses to delete a person who is a job's project manager (409 in_use)", async () => {
      const pm = await person(t, admin, { SecurityLevel: 'MANAGER' });
      const c = await client();
      const j = await job(c.ID, { ProjectManagerID: pm.id });
      const res = await del(`/Users/${pm.id}`);
      expect(res.status).toBe(409);
      expect(res.body.errors[0].MessageDetail).toEqual(['in_use']);
      expect((await patch(`/Jobs/${j.ID}`, { ProjectManagerID: null })).status).toBe(200);
      expect((await del(`/Users/${pm.id}`)).status).toBe(200);
    });

    it('deletes a job together with its associations', async () => {
      await patch('/Company', { JobRestrictionMethod: 'byperson' });
      try {
        const c = await client();
        const j = await job(c.ID);
        const tk = await task();
        expect((await post(`/Jobs/${j.ID}/Tasks`, { TaskID: tk.ID })).status).toBe(200);
        expect((await post(`/Jobs/${j.ID}/Users`, { UserID: standard.id })).status).toBe(200);
        expect((await del(`/Jobs/${j.ID}`)).status).toBe(200);
        expect((await get(`/Tasks/${tk.ID}/Jobs`)).body.data).toEqual([]);
      } finally {
        await patch('/Company', { JobRestrictionMethod: 'none' });
      }
    });
  });

  describe('company isolation', () => {
    it("gives another company's admin 404 on every ID and none of the data in lists", async () => {
      const c = await client({ Name: 'Isolated client' });
      const j = await job(c.ID, { Name: 'Isolated job' });
      const tk = await task({ Name: 'Isolated task' });
      for (const path of [
        `/Clients/${c.ID}`,
        `/Jobs/${j.ID}`,
        `/Tasks/${tk.ID}`,
        `/Me/Jobs/${j.ID}`,
        `/Me/Clients/${c.ID}`,
        `/Me/Tasks/${tk.ID}`,
      ]) {
        expect((await get(path, otherAdmin)).status, path).toBe(404);
      }
      expect((await patch(`/Jobs/${j.ID}`, { Name: 'hijack' }, otherAdmin)).status).toBe(404);
      expect((await del(`/Clients/${c.ID}`, otherAdmin)).status).toBe(404);
      expect((await del(`/Tasks/${tk.ID}`, otherAdmin)).status).toBe(404);
      expect((await get(`/Jobs/${j.ID}/Tasks`, otherAdmin)).status).toBe(404);
      for (const path of ['/Clients', '/Jobs', '/Tasks', '/Me/Jobs', '/Me/Clients', '/Me/Tasks']) {
        const ids = (await get(`${path}?limit=1000`, otherAdmin)).body.data.map((x: { ID: string }) => x.ID);
        expect(ids, path).not.toContain(c.ID);
        expect(ids, path).not.toContain(j.ID);
        expect(ids, path).not.toContain(tk.ID);
      }
      const foreignTask = await post(`/Jobs/${j.ID}/Tasks`, { TaskID: tk.ID }, otherAdmin);
      expect(foreignTask.status).toBe(404);
      const mine = (await post('/Clients', { Name: 'Mine' }, otherAdmin)).body.data.ID as string;
      const theirJob = (await post('/Jobs', { Name: 'Mine', ClientID: mine }, otherAdmin)).body.data
        .ID as string;
      const linked = await post(`/Jobs/${theirJob}/Tasks`, { TaskID: tk.ID }, otherAdmin);
      expect(linked.status).toBe(400);
      expect(linked.body.errors[0].Field).toBe('TaskID');
    });
  });
});
