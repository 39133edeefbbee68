import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../support/app.js';
import { testDialects } from '../support/db.js';
import { person } from '../support/people.js';
import { makeClient, makeJob, makeTask } from './time-entries-fixtures.js';

const dialects = await testDialects();

describe.each(dialects)('time off on the timesheet on %s', (dialect) => {
  let t: TestApp;
  let admin: string;
  beforeAll(async () => {
    t = await createTestApp(dialect);
    admin = (await t.company()).Token;
  });
  afterAll(() => t.close());

  it('counts time off in the timesheet’s DayTotals', async () => {
    const p = await person(t, admin);
    const types = await t.call('GET', '/v2/Me/TimeOffTypes?Name=Vacation', { token: p.token });
    const vacation = types.body.data[0].ID as string;
    const off = await t.call('POST', '/v2/Me/TimeOff', {
      token: p.token,
      body: { Date: '2026-11-24', Hours: 7.5, TimeOffTypeID: vacation },
    });
    expect(off.status).toBe(201);
    const sheet = await t.call('GET', '/v2/Me/Timesheets/2026-11-24?Verbose=true', { token: p.token });
    expect(sheet.status).toBe(200);
    const day = sheet.body.data.DayTotals.find((d: { Date: string }) => d.Date === '2026-11-24');
    expect(day.Hours).toBe(7.5);
    const other = sheet.body.data.DayTotals.find((d: { Date: string }) => d.Date === '2026-11-25');
    expect(other.Hours).toBe(0);
  });

  it('counts time off in the daily and weekly time summaries, as on the timesheet', async () => {
    const p = await person(t, admin, {
      SubjectToTimesheetCompletion: true,
      MinimumTimeHours: 8,
      MinimumTimePeriod: 'Day',
    });
    const types = await t.call('GET', '/v2/Me/TimeOffTypes?Name=Vacation', { token: p.token });
    const vacation = types.body.data[0].ID as string;
    const off = await t.call('POST', '/v2/Me/TimeOff', {
      token: p.token,
      body: { Date: '2026-11-17', Hours: 6, TimeOffTypeID: vacation },
    });
    expect(off.status).toBe(201);
    const client = await makeClient(t, admin, { Name: 'Summary client' });
    const job = await makeJob(t, admin, client, { Name: 'Summary job' });
    const task = await makeTask(t, admin, { Name: 'Summary task' });
    const entry = await t.call('POST', '/v2/Me/TimeEntries', {
      token: p.token,
      body: { JobID: job, TaskID: task, Date: '2026-11-17', Hours: 2 },
    });
    expect(entry.status).toBe(201);
    const daily = await t.call(
      'GET',
      '/v2/Me/Reports/TimeSummary/Daily?StartDate=2026-11-16&EndDate=2026-11-18',
      {
        token: p.token,
      },
    );
    expect(daily.status).toBe(200);
    const day = daily.body.data.find((d: { Date: string }) => d.Date === '2026-11-17');
    expect(day.Hours).toBe(8);
    expect(day.IsComplete).toBe(true);
    const root = await t.call(
      'GET',
      `/v2/Reports/TimeSummary/Daily?StartDate=2026-11-17&EndDate=2026-11-17&UserID=${p.id}`,
      { token: admin },
    );
    expect(root.body.data[0]).toMatchObject({ UserID: p.id, Date: '2026-11-17', Hours: 8 });
    const weekly = await t.call(
      'GET',
      `/v2/Reports/TimeSummary/Weekly?StartDate=2026-11-17&EndDate=2026-11-17&UserID=${p.id}`,
      { token: admin },
    );
    const week = weekly.body.data[0] as { Hours: { Date: string; Hours: number }[]; IsComplete: boolean };
    expect(week.Hours.find((d) => d.Date === '2026-11-17')?.Hours).toBe(8);
  });
});

describe.each(dialects)('leave-type links on people and employment types on %s', (dialect) => {
  it('reports IsDefaultLeaveTypeApprover and an employment type’s TimeOffTypeIDs', async () => {
    const t = await createTestApp(dialect);
    try {
      const admin = await t.company();
      const approver = await person(t, admin.Token, { SecurityLevel: 'MANAGER' });
      expect(
        (await t.call('GET', '/v2/Me', { token: approver.token })).body.data.IsDefaultLeaveTypeApprover,
      ).toBe(false);
      const types = await t.call('GET', '/v2/TimeOffTypes?Name=Vacation', { token: admin.Token });
      const vacation = types.body.data[0].ID as string;
      const set = await t.call('PATCH', `/v2/TimeOffTypes/${vacation}`, {
        token: admin.Token,
        body: { RequiresApproval: true, DefaultApproverID: approver.id },
      });
      expect(set.status).toBe(200);
      expect(
        (await t.call('GET', '/v2/Me', { token: approver.token })).body.data.IsDefaultLeaveTypeApprover,
      ).toBe(true);

      await t.call('PATCH', '/v2/Company', {
        token: admin.Token,
        body: { TimeOffTypeRestrictionMethod: 'employment type' },
      });
      const et = await t.call('POST', '/v2/EmploymentTypes', {
        token: admin.Token,
        body: { Name: 'Full time' },
      });
      const link = await t.call('POST', `/v2/EmploymentTypes/${et.body.data.ID}/TimeOffTypes`, {
        token: admin.Token,
        body: { TimeOffTypeID: vacation },
      });
      expect(link.status).toBe(200);
      const verbose = await t.call('GET', `/v2/EmploymentTypes/${et.body.data.ID}?Verbose=true`, {
        token: admin.Token,
      });
      expect(verbose.body.data.TimeOffTypeIDs).toEqual([vacation]);
    } finally {
      await t.close();
    }
  });
});
