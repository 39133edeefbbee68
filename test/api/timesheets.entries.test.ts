/**
 * Timesheets with real time: entries logged through /v2/Me/TimeEntries lock with their sheet
 * (API.md §6.1), fill DayTotals and the completion rules, and list under /Timesheets/{id}/TimeEntries.
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

describe.each(dialects)('timesheets with time entries on %s', (dialect) => {
  let t: TestApp;
  let admin: string;
  let jobA: string;
  let jobB: string;
  let task: string;
  beforeAll(async () => {
    t = await createTestApp(dialect);
    admin = (await t.company('Entries Co')).Token;
    const client = (await t.call('POST', '/v2/Clients', { token: admin, body: { Name: 'Globex' } })).body.data
      .ID as string;
    jobA = (await t.call('POST', '/v2/Jobs', { token: admin, body: { Name: 'Alpha', ClientID: client } }))
      .body.data.ID as string;
    jobB = (await t.call('POST', '/v2/Jobs', { token: admin, body: { Name: 'Beta', ClientID: client } })).body
      .data.ID as string;
    task = (await t.call('POST', '/v2/Tasks', { token: admin, body: { Name: 'Build' } })).body.data
      .ID as string;
  });
  afterAll(() => t.close());

  const call = (method: string, url: string, token: string, body?: unknown) =>
    t.call<Body>(method, url, { token, ...(body !== undefined ? { body } : {}) });
  const log = (p: Person, Date: string, Hours: number, JobID = jobA) =>
    call('POST', '/v2/Me/TimeEntries', p.token, { Date, Hours, JobID, TaskID: task, Comment: 'work' });
  const act = (url: string, token: string, Action: string, Comment?: string) =>
    call('POST', `${url}/Actions`, token, { Action, ...(Comment ? { Comment } : {}) });

  it('locks entries while the sheet waits or is approved, and opens them again when rejected', async () => {
    const boss = await manager(t, admin, { 'Lock timesheets': 'All' });
    const p = await person(t, admin, { SubjectToTimesheetApproval: true, TimesheetApproverID: boss.id });
    const first = await log(p, '2025-03-03', 8);
    expect(first.status).toBe(201);
    expect((await log(p, '2025-03-04', 7.5, jobB)).status).toBe(201);
    const sheet = await call('GET', '/v2/Me/Timesheets/2025-03-05?Verbose=true', p.token);
    expect(sheet.body.data.DayTotals.slice(0, 3)).toEqual([
      { Date: '2025-03-03', Hours: 8 },
      { Date: '2025-03-04', Hours: 7.5 },
      { Date: '2025-03-05', Hours: 0 },
    ]);
    const id = sheet.body.data.ID as string;
    const entries = await call('GET', `/v2/Timesheets/${id}/TimeEntries`, admin);
    expect(entries.status).toBe(200);
    expect(entries.body.data.map((e: { Date: string }) => e.Date)).toEqual(['2025-03-04', '2025-03-03']);
    expect(
      (await call('GET', `/v2/Timesheets/${id}/TimeEntries?JobID=${jobB}&Verbose=true`, admin)).body.data,
    ).toMatchObject([{ Date: '2025-03-04', Hours: 7.5, Job: { ID: jobB } }]);
    expect((await call('GET', `/v2/Timesheets/2025-03-05/TimeEntries`, p.token)).status).toBe(403);

    const url = `/v2/Me/Timesheets/${id}`;
    expect((await act(url, p.token, 'Submit')).body.data.Status).toBe('Waiting');
    const blocked = await log(p, '2025-03-05', 2);
    expect(blocked.status).toBe(409);
    expect(blocked.body.errors[0]!.Field).toBe('Date');
    const entryId = first.body.data.ID as string;
    expect((await call('PATCH', `/v2/Me/TimeEntries/${entryId}`, p.token, { Hours: 6 })).status).toBe(409);
    expect((await call('DELETE', `/v2/Me/TimeEntries/${entryId}`, p.token)).status).toBe(409);
    // Another week is not affected.
    expect((await log(p, '2025-03-10', 1)).status).toBe(201);

    expect(
      (await act(`/v2/Manage/Timesheets/${id}`, boss.token, 'Reject', 'Wednesday is empty')).body.data.Status,
    ).toBe('Rejected');
    expect((await log(p, '2025-03-05', 8)).status).toBe(201);
    expect((await call('PATCH', `/v2/Me/TimeEntries/${entryId}`, p.token, { Hours: 7 })).status).toBe(200);
    expect((await act(url, p.token, 'Submit')).body.data.Status).toBe('Waiting');
    expect((await act(`/v2/Manage/Timesheets/${id}`, boss.token, 'Approve')).body.data.Status).toBe(
      'Approved',
    );
    expect((await log(p, '2025-03-06', 1)).status).toBe(409);
    // An Admin overrides through /TimeEntries.
    const override = await call('POST', '/v2/TimeEntries', admin, {
      UserID: p.id,
      Date: '2025-03-06',
      Hours: 1,
      JobID: jobA,
      TaskID: task,
    });
    expect(override.status).toBe(201);
    const totals = (await call('GET', `/v2/Timesheets/${id}?Verbose=true`, admin)).body.data.DayTotals as {
      Date: string;
      Hours: number;
    }[];
    expect(totals.slice(0, 4).map((d) => d.Hours)).toEqual([7, 7.5, 8, 1]);
    // Locked: frozen until Unlock, which restores Approved.
    expect((await act(`/v2/Timesheets/${id}`, admin, 'Lock')).body.data.Status).toBe('Locked');
    expect((await log(p, '2025-03-07', 1)).status).toBe(409);
    expect((await act(`/v2/Timesheets/${id}`, admin, 'Unlock')).body.data.Status).toBe('Approved');
  });

  it('freezes time on or before Company.LockDate', async () => {
    const c = await t.company('LockDate Co');
    const client = (await t.call('POST', '/v2/Clients', { token: c.Token, body: { Name: 'C' } })).body.data
      .ID as string;
    const job = (await t.call('POST', '/v2/Jobs', { token: c.Token, body: { Name: 'J', ClientID: client } }))
      .body.data.ID as string;
    const tsk = (await t.call('POST', '/v2/Tasks', { token: c.Token, body: { Name: 'T' } })).body.data
      .ID as string;
    const p = await person(t, c.Token);
    const entry = (Date: string) =>
      call('POST', '/v2/Me/TimeEntries', p.token, { Date, Hours: 1, JobID: job, TaskID: tsk });
    expect((await entry('2025-04-01')).status).toBe(201);
    expect((await call('PATCH', '/v2/Company', c.Token, { LockDate: '2025-04-02' })).status).toBe(200);
    const r = await entry('2025-04-02');
    expect(r.status).toBe(409);
    expect(r.body.errors[0]!.MessageDetail).toEqual(['2025-04-02']);
    expect((await entry('2025-04-03')).status).toBe(201);
  });

  it('counts logged time in the completion rules', async () => {
    const p = await person(t, admin, {
      SubjectToTimesheetCompletion: true,
      MinimumTimeHours: 8,
      MinimumTimePeriod: 'Day',
    });
    for (const d of ['2025-05-05', '2025-05-06', '2025-05-07', '2025-05-08'])
      expect((await log(p, d, 8)).status).toBe(201);
    expect((await log(p, '2025-05-09', 4)).status).toBe(201);
    const short = await act('/v2/Me/Timesheets/2025-05-05', p.token, 'Submit');
    expect(short.status).toBe(409);
    expect(short.body.errors[0]!.MessageDetail).toEqual(['2025-05-09: 4 of at least 8 hours.']);
    expect((await log(p, '2025-05-09', 4, jobB)).status).toBe(201);
    expect((await act('/v2/Me/Timesheets/2025-05-05', p.token, 'Submit')).body.data.Status).toBe('Approved');

    const weekly = await person(t, admin, {
      SubjectToTimesheetCompletion: true,
      MinimumTimeHours: 20,
      MinimumTimePeriod: 'Week',
    });
    expect((await log(weekly, '2025-05-06', 12)).status).toBe(201);
    expect((await act('/v2/Me/Timesheets/2025-05-06', weekly.token, 'Submit')).status).toBe(409);
    expect((await log(weekly, '2025-05-07', 8)).status).toBe(201);
    expect((await act('/v2/Me/Timesheets/2025-05-06', weekly.token, 'Submit')).status).toBe(200);
  });
});
