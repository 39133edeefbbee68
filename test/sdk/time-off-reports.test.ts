/** The SDK's time-off, timer and report resources against a live server (skipped while they are missing). */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PunchclockApiError, PunchclockClient } from '../../src/sdk/index.js';
import { liveServer, type LiveServer } from './support.js';

describe('SDK: time off, timers, reports', () => {
  let s: LiveServer;
  let pc: PunchclockClient;
  let ops = new Set<string>();
  beforeAll(async () => {
    s = await liveServer('sqlite');
    pc = new PunchclockClient({ baseUrl: s.baseUrl, token: s.admin.Token });
    ops = await pc.operations();
  });
  afterAll(() => s?.close());

  it('reads balances, asks for time off and cancels the request', async (ctx) => {
    if (!ops.has('POST /v2/Me/TimeOffRequests') || !ops.has('GET /v2/Me/TimeOffTypes')) ctx.skip();
    const types = await pc.me.timeOffTypes.all({ IsActive: true });
    expect(types.length).toBeGreaterThan(0);
    expect(typeof types[0]!.CurrentBalance).toBe('number');
    const request = await pc.me.timeOffRequests.create({
      TimeOffTypeID: types[0]!.ID,
      Notes: 'Dentist',
      Dates: [{ Date: '2026-12-02', Hours: 3 }],
    });
    expect(request.Dates).toEqual([{ Date: '2026-12-02', Hours: 3 }]);
    expect(request.Actions.map((a) => a.Action)).toContain('Cancel');
    await pc.me.timeOffRequests.act(request.ID, { Action: 'Cancel' });
    expect((await pc.me.timeOffRequests.get(request.ID)).Status).toBe('Cancelled');
  });

  it('lists submitted requests company-wide and approves or rejects them (with a comment)', async (ctx) => {
    if (
      !ops.has('GET /v2/TimeOffRequests') ||
      !ops.has('POST /v2/TimeOffRequests/{timeOffRequestID}/Actions')
    )
      ctx.skip();
    const [type] = await pc.me.timeOffTypes.all({ IsActive: true });
    const ask = (Date: string) =>
      pc.me.timeOffRequests.create({ TimeOffTypeID: type!.ID, Dates: [{ Date, Hours: 2 }] });
    const [a, b] = [await ask('2026-12-09'), await ask('2026-12-10')];
    const waiting = await pc.timeOffRequests.all({ Status: 'Submitted', Verbose: true });
    expect(waiting.map((r) => r.ID)).toEqual(expect.arrayContaining([a.ID, b.ID]));
    expect(waiting.find((r) => r.ID === a.ID)?.TimeOffType?.ID).toBe(type!.ID);
    expect(await pc.timeOffRequests.actions(a.ID)).toEqual(['Approve', 'Reject']);

    expect((await pc.timeOffRequests.act(a.ID, { Action: 'Approve' })).Status).toBe('Approved');
    const refused = await pc.timeOffRequests.act(b.ID, { Action: 'Reject' }).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(PunchclockApiError);
    expect((refused as PunchclockApiError).errors[0]?.Message).toMatch(/Comment is required/);
    const rejected = await pc.timeOffRequests.act(b.ID, { Action: 'Reject', Comment: 'Busy week' });
    expect(rejected.Status).toBe('Rejected');
    expect(await pc.timeOffRequests.actions(b.ID)).toEqual([]);
  });

  it('creates a week in one batch, times an entry and summarises hours by job', async (ctx) => {
    if (!ops.has('GET /v2/Reports/TimeSummary') || !ops.has('PUT /v2/Me/TimeEntries/{timeEntryID}/Timer'))
      ctx.skip();
    const client = await pc.clients.create({ Name: 'Initech' });
    const job = await pc.jobs.create({ Name: 'Billing', ClientID: client.ID, JobNumber: 'B-2' });
    const task = await pc.tasks.create({ Name: 'Build' });
    const made = await pc.me.timeEntries.createMany(
      ['2026-11-23', '2026-11-24', '2026-11-25'].map((Date) => ({
        Date,
        JobID: job.ID,
        TaskID: task.ID,
        Hours: 2,
      })),
    );
    expect(made).toHaveLength(3);

    const timer = await pc.me.timers.start(made[0]!.ID);
    expect(timer.Intervals.at(-1)?.End).toBeNull();
    const open = timer.Intervals.at(-1)!;
    const stopped = await pc.me.timers.replace(made[0]!.ID, {
      Intervals: [{ Start: open.Start, End: open.Start, TimeZoneOffset: open.TimeZoneOffset }],
    });
    expect(stopped.Intervals.every((i) => i.End !== null)).toBe(true);
    expect(await pc.me.timers.all({ IsRunning: true })).toHaveLength(0);

    const rows = await pc.reports.timeSummary({
      GroupBy: 'Job',
      JobID: [job.ID],
      StartDate: '2026-11-23',
      EndDate: '2026-11-29',
    });
    expect(rows.map((r) => [r.Key.JobID, r.Hours])).toEqual([[job.ID, 6]]);
    const url = pc.reports.exportUrl('Time', 'csv', { StartDate: '2026-11-23', EndDate: '2026-11-29' });
    expect(url).toBe(`${s.baseUrl}/v2/Reports/Time.csv?StartDate=2026-11-23&EndDate=2026-11-29`);
    const csv = await fetch(url, { headers: { authorization: `Token ${s.admin.Token}` } });
    expect(csv.status).toBe(200);
    expect(await csv.text()).toContain('Billing');
  });
});
