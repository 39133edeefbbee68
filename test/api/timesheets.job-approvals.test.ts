/**
 * Job (project) approvals (API.md §4.10, §5, §6.2; docs/adr/0007-timesheet-periods.md "Job approvals"):
 * Submit holds a sheet with time on jobs needing approval in JobHold; each job's project manager
 * decides; the sheet then moves on to Waiting (or Rejected), exactly once even when decided at once.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../support/app.js';
import { testDialects } from '../support/db.js';
import { manager, person, type Person } from '../support/people.js';

const dialects = await testDialects();

type Body = {
  data: any;
  errors: { Field: string | null; Message: string; MessageDetail: string[] }[];
  meta: any;
  page: any;
};

describe.each(dialects)('job approvals on %s', (dialect) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp(dialect);
  });
  afterAll(() => t.close());

  const call = (method: string, url: string, token: string, body?: unknown) =>
    t.call<Body>(method, url, { token, ...(body !== undefined ? { body } : {}) });
  const act = (sheet: string, token: string, body: Record<string, unknown>, scope = 'Manage/') =>
    call('POST', `/v2/${scope}Timesheets/${sheet}/Actions`, token, body);
  const actions = async (sheet: string, token: string) => {
    const r = await call('GET', `/v2/Manage/Timesheets/${sheet}/Actions`, token);
    expect(r.status).toBe(200);
    return (r.body.data as { Action: string }[]).map((a) => a.Action);
  };

  interface World {
    admin: string;
    pmA: Person;
    pmB: Person;
    boss: Person;
    worker: Person;
    jobA: string;
    jobB: string;
    jobPlain: string;
    task: string;
  }

  async function world(enable = true, workerFields: Record<string, unknown> = {}): Promise<World> {
    const c = await t.company(`Projects Co ${Math.random().toString(36).slice(2, 7)}`);
    const admin = c.Token;
    if (enable)
      expect((await call('PATCH', '/v2/Company', admin, { EnableProjectApprovals: true })).status).toBe(200);
    const client = (await call('POST', '/v2/Clients', admin, { Name: 'Globex' })).body.data.ID as string;
    const task = (await call('POST', '/v2/Tasks', admin, { Name: 'Build' })).body.data.ID as string;
    const pmA = await manager(t, admin);
    const pmB = await manager(t, admin);
    const boss = await manager(t, admin, { 'Lock timesheets': 'All' });
    const worker = await person(t, admin, {
      SubjectToTimesheetApproval: true,
      TimesheetApproverID: boss.id,
      ...workerFields,
    });
    const job = async (Name: string, extra: Record<string, unknown>) => {
      const r = await call('POST', '/v2/Jobs', admin, { Name, ClientID: client, ...extra });
      expect(r.status).toBe(201);
      return r.body.data.ID as string;
    };
    const jobA = await job('Alpha', { TimeRequiresApproval: true, ProjectManagerID: pmA.id });
    const jobB = await job('Beta', { TimeRequiresApproval: true, ProjectManagerID: pmB.id });
    const jobPlain = await job('Plain', {});
    return { admin, pmA, pmB, boss, worker, jobA, jobB, jobPlain, task };
  }

  const log = async (w: World, Date: string, Hours: number, JobID: string) => {
    const r = await call('POST', '/v2/Me/TimeEntries', w.worker.token, {
      Date,
      Hours,
      JobID,
      TaskID: w.task,
      Comment: 'work',
    });
    expect(r.status).toBe(201);
    return r.body.data.ID as string;
  };

  /** Logs time on jobs A and the plain job, submits, and returns the sheet ID. */
  async function submitted(w: World, date: string, jobs: string[] = [w.jobA, w.jobPlain]): Promise<string> {
    for (const j of jobs) await log(w, date, 4, j);
    const r = await act(date, w.worker.token, { Action: 'Submit' }, 'Me/');
    expect(r.status).toBe(200);
    return r.body.data.ID as string;
  }

  const pending = async (token: string) => {
    const r = await call('GET', '/v2/Manage/JobApprovals', token);
    expect(r.status).toBe(200);
    return r.body.data as { ID: string; TimesheetID: string; JobID: string; UserID: string }[];
  };

  it('holds the sheet for the project manager, then the approver approves', async () => {
    const w = await world();
    const id = await submitted(w, '2026-03-04');
    const sheet = await call('GET', `/v2/Me/Timesheets/${id}`, w.worker.token);
    expect(sheet.body.data.Status).toBe('JobHold');
    expect(sheet.body.data.HasBeenSubmitted).toBe(true);

    // Entries are read-only in JobHold.
    const edit = await call('POST', '/v2/Me/TimeEntries', w.worker.token, {
      Date: '2026-03-05',
      Hours: 1,
      JobID: w.jobPlain,
      TaskID: w.task,
    });
    expect(edit.status).toBe(409);

    // The PM sees one pending approval and the entries on their job only.
    const mine = await pending(w.pmA.token);
    expect(mine).toEqual([
      expect.objectContaining({ TimesheetID: id, JobID: w.jobA, UserID: w.worker.id, Status: 'Pending' }),
    ]);
    expect(await pending(w.pmB.token)).toEqual([]);
    expect((await pending(w.admin)).map((a) => a.ID)).toEqual([mine[0]!.ID]);
    const entries = await call('GET', `/v2/Manage/JobApprovals/${mine[0]!.ID}/TimeEntries`, w.pmA.token);
    expect(entries.status).toBe(200);
    expect(entries.body.data.map((e: { JobID: string }) => e.JobID)).toEqual([w.jobA]);
    expect((await call('GET', `/v2/Manage/JobApprovals/${mine[0]!.ID}/TimeEntries`, w.admin)).status).toBe(
      200,
    );

    // Actions: the PM may decide; the approver may not approve yet.
    expect(await actions(id, w.pmA.token)).toEqual(['JobApproval']);
    expect(await actions(id, w.boss.token)).not.toContain('Approve');
    expect((await act(id, w.boss.token, { Action: 'Approve' })).status).toBe(409);

    // JobID is required.
    const noJob = await act(id, w.pmA.token, { Action: 'JobApproval' });
    expect(noJob.status).toBe(400);
    expect(noJob.body.errors[0]!.Field).toBe('JobID');

    const ok = await act(id, w.pmA.token, { Action: 'JobApproval', JobID: w.jobA, Comment: 'fine' });
    expect(ok.status).toBe(200);
    expect(ok.body.data.Status).toBe('Waiting');
    expect(await pending(w.pmA.token)).toEqual([]);
    expect((await act(id, w.pmA.token, { Action: 'JobApproval', JobID: w.jobA })).status).toBe(409);

    const approve = await act(id, w.boss.token, { Action: 'Approve' });
    expect(approve.status).toBe(200);
    expect(approve.body.data.Status).toBe('Approved');
    expect(approve.body.data.ApprovedByUserID).toBe(w.boss.id);

    const history = await call('GET', `/v2/Manage/Timesheets/${id}/History`, w.admin);
    expect(
      history.body.data.map((h: any) => [h.Action, h.JobID, h.JobStatus, h.Comment, h.ActionByUserID]),
    ).toEqual([
      ['Approve', null, null, null, w.boss.id],
      ['JobApproval', w.jobA, 'Approved', 'fine', w.pmA.id],
      ['Submit', null, null, null, w.worker.id],
    ]);
  });

  it('goes straight to Approved after the job approvals when the person is not subject to approval', async () => {
    const w = await world(true, { SubjectToTimesheetApproval: false, TimesheetApproverID: null });
    const id = await submitted(w, '2026-03-11');
    const done = await act(id, w.pmA.token, { Action: 'JobApproval', JobID: w.jobA, JobStatus: 'Approved' });
    expect(done.status).toBe(200);
    expect(done.body.data.Status).toBe('Approved');
    expect(done.body.data.ApprovedByUserID).toBeNull();
  });

  it('a rejection needs a comment and sends the sheet back to Rejected; resubmitting holds it again', async () => {
    const w = await world();
    const id = await submitted(w, '2026-03-18', [w.jobA, w.jobB]);
    expect(
      (await act(id, w.pmA.token, { Action: 'JobApproval', JobID: w.jobA, JobStatus: 'Rejected' })).status,
    ).toBe(400);
    expect((await act(id, w.pmB.token, { Action: 'JobApproval', JobID: w.jobB })).body.data.Status).toBe(
      'JobHold',
    );
    const rejected = await act(id, w.pmA.token, {
      Action: 'JobApproval',
      JobID: w.jobA,
      JobStatus: 'Rejected',
      Comment: 'wrong task',
    });
    expect(rejected.status).toBe(200);
    expect(rejected.body.data).toMatchObject({ Status: 'Rejected', RejectedByUserID: w.pmA.id });
    expect(await pending(w.pmB.token)).toEqual([]);
    const history = await call('GET', `/v2/Me/Timesheets/${id}/History`, w.worker.token);
    expect(history.body.data[0]).toMatchObject({
      Action: 'JobApproval',
      JobID: w.jobA,
      JobStatus: 'Rejected',
      Comment: 'wrong task',
    });
    // Editable again; a new Submit asks both project managers afresh.
    await log(w, '2026-03-19', 1, w.jobA);
    const again = await act(id, w.worker.token, { Action: 'Submit' }, 'Me/');
    expect(again.body.data.Status).toBe('JobHold');
    expect((await pending(w.pmA.token)).length).toBe(1);
    expect((await pending(w.pmB.token)).length).toBe(1);
  });

  it('keeps other managers out, and UndoSubmit drops the pending approvals', async () => {
    const w = await world();
    const id = await submitted(w, '2026-03-25');
    const [approval] = await pending(w.pmA.token);
    // pmB manages no job on this sheet: not found.
    expect((await act(id, w.pmB.token, { Action: 'JobApproval', JobID: w.jobA })).status).toBe(404);
    expect(
      (await call('GET', `/v2/Manage/JobApprovals/${approval!.ID}/TimeEntries`, w.pmB.token)).status,
    ).toBe(404);
    expect((await call('GET', `/v2/Manage/Timesheets/${id}/Actions`, w.pmB.token)).status).toBe(403);
    // The worker cannot decide their own job approvals.
    expect((await act(id, w.worker.token, { Action: 'JobApproval', JobID: w.jobA }, '')).status).toBe(403);
    expect((await act(id, w.worker.token, { Action: 'JobApproval', JobID: w.jobA }, 'Me/')).status).toBe(409);

    const undo = await act(id, w.worker.token, { Action: 'UndoSubmit' }, 'Me/');
    expect(undo.status).toBe(200);
    expect(undo.body.data.Status).toBe('Open');
    expect(await pending(w.pmA.token)).toEqual([]);
    expect(
      (await call('GET', `/v2/Manage/JobApprovals/${approval!.ID}/TimeEntries`, w.pmA.token)).status,
    ).toBe(404);
    // Still this job's manager, but the sheet is no longer held.
    expect((await act(id, w.pmA.token, { Action: 'JobApproval', JobID: w.jobA })).status).toBe(409);
  });

  it('with EnableProjectApprovals off, Submit goes to Waiting as before', async () => {
    const w = await world(false);
    const id = await submitted(w, '2026-04-01');
    expect((await call('GET', `/v2/Me/Timesheets/${id}`, w.worker.token)).body.data.Status).toBe('Waiting');
    expect((await call('GET', '/v2/Manage/JobApprovals', w.admin)).status).toBe(403);
    expect((await act(id, w.admin, { Action: 'JobApproval', JobID: w.jobA })).status).toBe(403);
  });

  it('without time on jobs needing approval, Submit goes to Waiting', async () => {
    const w = await world();
    const id = await submitted(w, '2026-04-08', [w.jobPlain]);
    expect((await call('GET', `/v2/Me/Timesheets/${id}`, w.worker.token)).body.data.Status).toBe('Waiting');
  });

  it('two project managers approving at once both succeed, and the sheet reaches Waiting once', async () => {
    const w = await world();
    const id = await submitted(w, '2026-04-15', [w.jobA, w.jobB]);
    const [a, b] = await Promise.all([
      act(id, w.pmA.token, { Action: 'JobApproval', JobID: w.jobA }),
      act(id, w.pmB.token, { Action: 'JobApproval', JobID: w.jobB }),
    ]);
    expect([a.status, b.status]).toEqual([200, 200]);
    expect([a.body.data.Status, b.body.data.Status].sort()).toEqual(['JobHold', 'Waiting']);
    const sheet = await call('GET', `/v2/Me/Timesheets/${id}`, w.worker.token);
    expect(sheet.body.data.Status).toBe('Waiting');
    const history = await call('GET', `/v2/Manage/Timesheets/${id}/History`, w.admin);
    expect(history.body.data.map((h: any) => h.Action)).toEqual(['JobApproval', 'JobApproval', 'Submit']);
  });
});
