/**
 * Time-off requests on both databases: a person requests time off and has it approved (entries with
 * TimeOffRequestID, balance reduced), rejected or cancelled; two approvers at once get one 200 and one
 * 409; who may see and decide what; the rules of a request; module off; cross-company isolation.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../support/app.js';
import { testDialects } from '../support/db.js';
import { manager, person, type Person } from '../support/people.js';
import { fieldsOf, TestClock } from './time-entries-fixtures.js';

const dialects = await testDialects();

describe.each(dialects)('time-off requests on %s', (dialect) => {
  const clock = new TestClock('2026-03-10T12:00:00.000Z');
  let t: TestApp;
  let admin: string;
  let vacation: string;
  let sick: string;
  let approver: Person; // Rita's TimeOffApproverID
  let typeApprover: Person; // Vacation's DefaultApproverID
  let rita: Person;

  beforeAll(async () => {
    t = await createTestApp(dialect, {}, { clock: clock.read });
    const c = await t.company('Request Co');
    admin = c.Token;
    const types = await t.call('GET', '/v2/TimeOffTypes', { token: admin });
    const byName = Object.fromEntries(types.body.data.map((x: any) => [x.Name, x.ID]));
    vacation = byName.Vacation;
    sick = byName['Sick Leave'];
    approver = await manager(t, admin, { 'Approve Time Off': 'Divisions' });
    typeApprover = await manager(t, admin, { 'Approve Time Off': 'Divisions' });
    const patched = await t.call('PATCH', `/v2/TimeOffTypes/${vacation}`, {
      token: admin,
      body: { RequiresApproval: true, DefaultApproverID: typeApprover.id, DefaultStartingBalance: 80 },
    });
    expect(patched.status).toBe(200);
    rita = await person(t, admin, { Name: 'Rita', TimeOffApproverID: approver.id, StartDate: '2026-01-01' });
  });
  afterAll(() => t.close());
  beforeEach(() => clock.set('2026-03-10T12:00:00.000Z'));

  const request = (p: Person, body: unknown) =>
    t.call('POST', '/v2/Me/TimeOffRequests', { token: p.token, body });
  const act = (token: string, scope: string, id: string, body: unknown) =>
    t.call('POST', `/v2${scope}/TimeOffRequests/${id}/Actions`, { token, body });
  const balanceOn = async (p: Person, date: string) =>
    (await t.call('GET', `/v2/Me/TimeOffTypes/${vacation}/FutureBalance/${date}`, { token: p.token })).body
      .data.FutureBalance as number;

  it('a person requests time off and their approver approves it: entries appear, the balance drops', async () => {
    const res = await request(rita, {
      TimeOffTypeID: vacation,
      Notes: 'Spring break',
      // Friday as a plain date (8 h by default), Saturday given as a plain date (0 h: left out), Monday 6.5 h.
      Dates: ['2026-04-03', '2026-04-04', { Date: '2026-04-06', Hours: '6.5' }, { Date: '2026-04-07' }],
    });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    const r = res.body.data;
    expect(r).toMatchObject({
      TimeOffTypeID: vacation,
      Notes: 'Spring break',
      Status: 'Submitted',
      RequestedByUserID: rita.id,
      ApprovalByUserID: approver.id,
      CreatedDate: '2026-03-10T12:00:00.000Z',
      Actions: [{ Action: 'Cancel' }],
      Dates: [
        { Date: '2026-04-03', Hours: 8 },
        { Date: '2026-04-06', Hours: 6.5 },
        { Date: '2026-04-07', Hours: 8 },
      ],
    });
    // Not on the timesheet and not off the balance until approved.
    expect((await t.call('GET', '/v2/Me/TimeOff', { token: rita.token })).body.page.count).toBe(0);
    expect(await balanceOn(rita, '2026-04-30')).toBe(80);

    const seen = await t.call('GET', '/v2/Manage/TimeOffRequests?Status=Submitted', {
      token: approver.token,
    });
    expect(seen.body.data.map((x: any) => x.ID)).toEqual([r.ID]);
    expect(seen.body.data[0].Actions).toEqual([{ Action: 'Approve' }, { Action: 'Reject' }]);
    const actions = await t.call('GET', `/v2/Manage/TimeOffRequests/${r.ID}/Actions`, {
      token: approver.token,
    });
    expect(actions.body.data).toEqual([{ Action: 'Approve' }, { Action: 'Reject' }]);

    const approved = await act(approver.token, '/Manage', r.ID, { Action: 'approve', Comment: 'Enjoy' });
    expect(approved.status, JSON.stringify(approved.body)).toBe(200);
    expect(approved.body.data).toMatchObject({
      Status: 'Approved',
      ApprovalByUserID: approver.id,
      Actions: [],
    });

    const entries = await t.call('GET', '/v2/Me/TimeOff?FromDate=2026-04-01&ToDate=2026-04-30', {
      token: rita.token,
    });
    expect(
      entries.body.data.map((e: any) => [e.Date, e.Hours, e.TimeOffTypeID, e.TimeOffRequestID, e.Notes]),
    ).toEqual([
      ['2026-04-07', 8, vacation, r.ID, 'Spring break'],
      ['2026-04-06', 6.5, vacation, r.ID, 'Spring break'],
      ['2026-04-03', 8, vacation, r.ID, 'Spring break'],
    ]);
    expect(await balanceOn(rita, '2026-04-30')).toBe(57.5);
    expect(await balanceOn(rita, '2026-04-05')).toBe(72);

    const byEntry = await t.call('GET', `/v2/Me/TimeOffRequests?TimeOffID=${entries.body.data[0].ID}`, {
      token: rita.token,
    });
    expect(byEntry.body.data.map((x: any) => x.ID)).toEqual([r.ID]);
    const verbose = await t.call('GET', `/v2/Me/TimeOffRequests/${r.ID}?Verbose=true`, { token: rita.token });
    expect(verbose.body.data.History.map((h: any) => [h.Status, h.ActionByUserID, h.Comment])).toEqual([
      ['Submitted', rita.id, null],
      ['Approved', approver.id, 'Enjoy'],
    ]);
    expect(verbose.body.data.TimeOffType).toEqual({ ID: vacation, Name: 'Vacation', IsActive: true });
    expect(verbose.body.data.ApprovalByUser).toMatchObject({ ID: approver.id });

    expect((await act(approver.token, '/Manage', r.ID, { Action: 'Approve' })).status).toBe(409);
    expect((await act(rita.token, '/Me', r.ID, { Action: 'Cancel' })).status).toBe(409);
    // Approved time off of a type that requires approval cannot be changed through /Me.
    const patch = await t.call('PATCH', `/v2/Me/TimeOff/${entries.body.data[0].ID}`, {
      token: rita.token,
      body: { Hours: 8.5 },
    });
    expect(patch.status).toBe(409);
  });

  it('a rejection needs a Comment and creates nothing', async () => {
    const r = (await request(rita, { TimeOffTypeID: vacation, Dates: [{ Date: '2026-05-04', Hours: 8 }] }))
      .body.data;
    const noComment = await act(approver.token, '/Manage', r.ID, { Action: 'Reject' });
    expect(noComment.status).toBe(400);
    expect(fieldsOf(noComment)).toEqual(['Comment']);
    const rejected = await act(approver.token, '/Manage', r.ID, {
      Action: 'Reject',
      Comment: 'Release week',
    });
    expect(rejected.status).toBe(200);
    expect(rejected.body.data.Status).toBe('Rejected');
    expect(
      (await t.call('GET', '/v2/Me/TimeOff?Date=2026-05-04', { token: rita.token })).body.page.count,
    ).toBe(0);
    const hist = await t.call('GET', `/v2/Me/TimeOffRequests/${r.ID}?Verbose=true`, { token: rita.token });
    expect(hist.body.data.History.at(-1)).toMatchObject({ Status: 'Rejected', Comment: 'Release week' });
    expect((await act(approver.token, '/Manage', r.ID, { Action: 'Approve' })).status).toBe(409);
  });

  it('the requester cancels a submitted request; nobody else can', async () => {
    const r = (await request(rita, { TimeOffTypeID: vacation, Dates: ['2026-05-11'] })).body.data;
    const other = await person(t, admin);
    expect((await t.call('GET', `/v2/Me/TimeOffRequests/${r.ID}`, { token: other.token })).status).toBe(404);
    expect((await act(other.token, '/Me', r.ID, { Action: 'Cancel' })).status).toBe(404);
    expect((await act(approver.token, '/Manage', r.ID, { Action: 'Cancel' })).status).toBe(400);
    expect((await act(rita.token, '/Me', r.ID, { Action: 'Approve' })).status).toBe(400);
    const cancelled = await act(rita.token, '/Me', r.ID, { Action: 'Cancel', Comment: 'Plans changed' });
    expect(cancelled.status).toBe(200);
    expect(cancelled.body.data).toMatchObject({ Status: 'Cancelled', Actions: [] });
    expect((await act(approver.token, '/Manage', r.ID, { Action: 'Approve' })).status).toBe(409);
    expect(
      (await t.call('GET', `/v2/Me/TimeOffRequests/${r.ID}/Actions`, { token: rita.token })).body.data,
    ).toEqual([]);
    const list = await t.call('GET', '/v2/Me/TimeOffRequests?Status=Cancelled', { token: rita.token });
    expect(list.body.data.map((x: any) => x.ID)).toEqual([r.ID]);
  });

  it('checks every request: days, hours, span, type (400 naming the field)', async () => {
    const far = await request(rita, { TimeOffTypeID: vacation, Dates: ['2026-04-01', '2026-06-30'] });
    expect(far.status).toBe(400);
    expect(fieldsOf(far)).toEqual(['Dates']);
    expect(
      (await request(rita, { TimeOffTypeID: vacation, Dates: ['2026-04-01', '2026-06-29'] })).status,
    ).toBe(201);
    const dup = await request(rita, {
      TimeOffTypeID: vacation,
      Dates: ['2026-04-01', { Date: '2026-04-01', Hours: 2 }],
    });
    expect(fieldsOf(dup)).toEqual(['Dates[1].Date']);
    const weekend = await request(rita, { TimeOffTypeID: vacation, Dates: ['2026-04-04', '2026-04-05'] });
    expect(fieldsOf(weekend)).toEqual(['Dates']);
    const hours = await request(rita, {
      TimeOffTypeID: vacation,
      Dates: [{ Date: '2026-04-01', Hours: 8.005 }],
    });
    expect(fieldsOf(hours)).toEqual(['Dates[0].Hours']);
    const before = await request(rita, { TimeOffTypeID: vacation, Dates: ['2025-12-31'] });
    expect(fieldsOf(before)).toEqual(['Dates[0].Date']);
    const type = await request(rita, { TimeOffTypeID: 'nope', Dates: ['2026-04-01'] });
    expect(fieldsOf(type)).toEqual(['TimeOffTypeID']);
    const shape = await request(rita, { TimeOffTypeID: vacation, Dates: [] });
    expect(shape.status).toBe(400);
    const garbage = await request(rita, { TimeOffTypeID: vacation, Dates: ['soon', 3] });
    expect(garbage.status).toBe(400);
    const batch = await request(rita, [
      { TimeOffTypeID: sick, Dates: ['2026-04-02'] },
      { TimeOffTypeID: vacation, Dates: ['2026-04-04'] },
    ]);
    expect(batch.status).toBe(400);
    expect(fieldsOf(batch)).toEqual(['[1].Dates']);
  });

  it('the type’s default approver decides for people without a time-off approver', async () => {
    const sam = await person(t, admin, { Name: 'Sam' });
    const r = (await request(sam, { TimeOffTypeID: vacation, Dates: ['2026-04-01'] })).body.data;
    expect(r.ApprovalByUserID).toBe(typeApprover.id);
    expect(
      (await t.call('GET', `/v2/Manage/TimeOffRequests/${r.ID}`, { token: approver.token })).status,
    ).toBe(404);
    expect((await act(approver.token, '/Manage', r.ID, { Action: 'Approve' })).status).toBe(404);
    expect((await act(typeApprover.token, '/Manage', r.ID, { Action: 'Approve' })).status).toBe(200);
  });

  it('who may see and decide: /Manage needs Approve Time Off; /TimeOffRequests Lock timesheets or Approve Time Off; writes there are Admin’s', async () => {
    const r = (await request(rita, { TimeOffTypeID: vacation, Notes: 'private', Dates: ['2026-06-01'] })).body
      .data;
    const locker = await manager(t, admin, { 'Lock timesheets': 'All' });
    const bare = await manager(t, admin, {});
    expect((await t.call('GET', '/v2/Manage/TimeOffRequests', { token: bare.token })).status).toBe(403);
    expect((await t.call('GET', '/v2/Manage/TimeOffRequests', { token: rita.token })).status).toBe(403);
    expect((await t.call('GET', '/v2/TimeOffRequests', { token: rita.token })).status).toBe(403);
    expect((await t.call('GET', '/v2/TimeOffRequests', { token: bare.token })).status).toBe(403);

    const root = await t.call('GET', `/v2/TimeOffRequests?RequestedByUserID=${rita.id}`, {
      token: locker.token,
    });
    expect(root.status).toBe(200);
    expect(root.body.data.some((x: any) => x.ID === r.ID)).toBe(true);
    expect(root.body.data[0].Notes).toBeUndefined();
    expect(root.body.data[0].Actions).toEqual([]);
    const withPermission = await t.call(
      'GET',
      `/v2/TimeOffRequests/${r.ID}?WithPermission=Approve%20Time%20Off&Verbose=true`,
      { token: approver.token },
    );
    expect(withPermission.body.data).toMatchObject({ Notes: 'private' });
    expect(withPermission.body.data.History).toHaveLength(1);
    expect(
      (await t.call('GET', '/v2/TimeOffRequests?WithPermission=Nonsense', { token: approver.token })).status,
    ).toBe(400);
    expect(
      (
        await t.call('GET', `/v2/TimeOffRequests?ApprovalByUserID=${approver.id}`, { token: admin })
      ).body.data.every((x: any) => x.ApprovalByUserID === approver.id),
    ).toBe(true);

    expect((await act(locker.token, '', r.ID, { Action: 'Approve' })).status).toBe(403);
    expect((await t.call('GET', `/v2/TimeOffRequests/${r.ID}/Actions`, { token: locker.token })).status).toBe(
      403,
    );
    expect((await t.call('GET', `/v2/TimeOffRequests/${r.ID}/Actions`, { token: admin })).body.data).toEqual([
      { Action: 'Approve' },
      { Action: 'Reject' },
    ]);
    const onBehalf = { TimeOffTypeID: sick, RequestedByUserID: rita.id, Dates: ['2026-06-02'] };
    expect(
      (await t.call('POST', '/v2/TimeOffRequests', { token: approver.token, body: onBehalf })).status,
    ).toBe(403);
    const byAdmin = await t.call('POST', '/v2/TimeOffRequests', { token: admin, body: onBehalf });
    expect(byAdmin.status).toBe(201);
    expect(byAdmin.body.data).toMatchObject({ RequestedByUserID: rita.id, ApprovalByUserID: approver.id });
    const missing = await t.call('POST', '/v2/TimeOffRequests', {
      token: admin,
      body: { TimeOffTypeID: sick, Dates: ['2026-06-02'] },
    });
    expect(fieldsOf(missing)).toEqual(['RequestedByUserID']);
    expect((await act(admin, '', byAdmin.body.data.ID, { Action: 'Approve' })).status).toBe(200);
    expect((await t.call('GET', '/v2/TimeOffRequests/new', { token: rita.token })).body.data).toMatchObject({
      RequestedByUserID: rita.id,
      Dates: [],
    });
  });

  it('approving time off into a closed period needs the power to override it', async () => {
    const r = (await request(rita, { TimeOffTypeID: vacation, Dates: ['2026-03-02'] })).body.data;
    const r2 = (await request(rita, { TimeOffTypeID: vacation, Dates: ['2026-03-03'] })).body.data;
    await t.call('PATCH', '/v2/Company', { token: admin, body: { LockDate: '2026-03-05' } });
    try {
      const refused = await act(approver.token, '/Manage', r.ID, { Action: 'Approve' });
      expect(refused.status).toBe(409);
      expect(
        (await t.call('GET', `/v2/Me/TimeOffRequests/${r.ID}`, { token: rita.token })).body.data.Status,
      ).toBe('Submitted');
      expect((await act(admin, '', r2.ID, { Action: 'Approve' })).status).toBe(200);
    } finally {
      await t.call('PATCH', '/v2/Company', { token: admin, body: { LockDate: null } });
    }
  });

  it('two approvers at once: one 200, one 409, and the entries exist once', async () => {
    for (let round = 0; round < 4; round++) {
      const day = `2026-07-${String(6 + round).padStart(2, '0')}`;
      const r = (await request(rita, { TimeOffTypeID: vacation, Dates: [{ Date: day, Hours: 3 }] })).body
        .data;
      const results = await Promise.all([
        act(approver.token, '/Manage', r.ID, { Action: 'Approve' }),
        act(admin, '', r.ID, round % 2 ? { Action: 'Approve' } : { Action: 'Reject', Comment: 'No' }),
      ]);
      expect(results.map((x) => x.status).sort()).toEqual([200, 409]);
      const winner = results.find((x) => x.status === 200)!.body.data.Status;
      const entries = await t.call('GET', `/v2/Me/TimeOff?Date=${day}`, { token: rita.token });
      expect(entries.body.page.count).toBe(winner === 'Approved' ? 1 : 0);
      const history = await t.call('GET', `/v2/Me/TimeOffRequests/${r.ID}?Verbose=true`, {
        token: rita.token,
      });
      expect(history.body.data.History).toHaveLength(2);
    }
  });

  it('needs the Time Off Management module (403 in every scope)', async () => {
    await t.call('PATCH', '/v2/Company', {
      token: admin,
      body: { OptionalModules: { TimeOffManagement: false } },
    });
    try {
      expect((await t.call('GET', '/v2/Me/TimeOffRequests', { token: rita.token })).status).toBe(403);
      expect((await request(rita, { TimeOffTypeID: sick, Dates: ['2026-04-01'] })).status).toBe(403);
      expect((await t.call('GET', '/v2/TimeOffRequests', { token: admin })).status).toBe(403);
      expect((await t.call('GET', '/v2/Manage/TimeOffRequests', { token: approver.token })).status).toBe(403);
      // Without the module a type's RequiresApproval has no effect: its time off is logged directly.
      const direct = await t.call('POST', '/v2/Me/TimeOff', {
        token: rita.token,
        body: { Date: '2026-04-20', Hours: 1, TimeOffTypeID: vacation },
      });
      expect(direct.status).toBe(201);
      const me = await t.call('GET', `/v2/Me/TimeOffTypes/${vacation}`, { token: rita.token });
      expect(me.body.data.AccrualRate).toBeUndefined();
    } finally {
      await t.call('PATCH', '/v2/Company', {
        token: admin,
        body: { OptionalModules: { TimeOffManagement: true } },
      });
    }
  });

  it('another company’s requests and people are unknown', async () => {
    const other = await t.company('Elsewhere');
    const theirTypes = await t.call('GET', '/v2/TimeOffTypes', { token: other.Token });
    const theirSick = theirTypes.body.data.find((x: any) => x.Name === 'Sick Leave').ID;
    const theirs = await t.call('POST', '/v2/Me/TimeOffRequests', {
      token: other.Token,
      body: { TimeOffTypeID: theirSick, Dates: ['2026-04-01'] },
    });
    expect(theirs.status).toBe(201);
    expect((await t.call('GET', `/v2/TimeOffRequests/${theirs.body.data.ID}`, { token: admin })).status).toBe(
      404,
    );
    expect((await act(admin, '', theirs.body.data.ID, { Action: 'Approve' })).status).toBe(404);
    const crossType = await request(rita, { TimeOffTypeID: theirSick, Dates: ['2026-04-01'] });
    expect(fieldsOf(crossType)).toEqual(['TimeOffTypeID']);
    const crossUser = await t.call('POST', '/v2/TimeOffRequests', {
      token: admin,
      body: { TimeOffTypeID: sick, RequestedByUserID: other.UserID, Dates: ['2026-04-01'] },
    });
    expect(fieldsOf(crossUser)).toEqual(['RequestedByUserID']);
    const all = await t.call('GET', '/v2/TimeOffRequests?limit=1000', { token: admin });
    expect(all.body.data.some((x: any) => x.ID === theirs.body.data.ID)).toBe(false);
  });
});
