/**
 * Timesheets (API.md §4.10, §6.2; DECISIONS 28): addressing, periods, lists and the workflow, played
 * through whole periods by a person, their approver and an admin, on both databases.
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

describe.each(dialects)('timesheets on %s', (dialect) => {
  let t: TestApp;
  let admin: string;
  let adminId: string;
  let otherAdmin: string;
  beforeAll(async () => {
    t = await createTestApp(dialect);
    const c = await t.company('Sheets Co');
    admin = c.Token;
    adminId = c.UserID;
    otherAdmin = (await t.company('Elsewhere Co')).Token;
  });
  afterAll(() => t.close());

  const call = (method: string, url: string, token: string, body?: unknown) =>
    t.call<Body>(method, url, { token, ...(body !== undefined ? { body } : {}) });
  /** scope '' is the root scope. */
  const base = (scope: string) => (scope ? `/v2/${scope}/Timesheets` : '/v2/Timesheets');
  const act = (scope: string, sheet: string, token: string, body: Record<string, unknown>) =>
    call('POST', `${base(scope)}/${sheet}/Actions`, token, body);
  const actions = async (scope: string, sheet: string, token: string) => {
    const r = await call('GET', `${base(scope)}/${sheet}/Actions`, token);
    expect(r.status).toBe(200);
    return (r.body.data as { Action: string }[]).map((a) => a.Action);
  };
  const company = (token: string, body: Record<string, unknown>) => call('PATCH', '/v2/Company', token, body);

  /** A person subject to approval by a manager holding Lock timesheets (scope All). */
  async function approvedPair(
    fields: Record<string, unknown> = {},
  ): Promise<{ boss: Person; worker: Person }> {
    const boss = await manager(t, admin, { 'Lock timesheets': 'All', 'Review timesheets': 'All' });
    const worker = await person(t, admin, {
      SubjectToTimesheetApproval: true,
      TimesheetApproverID: boss.id,
      ...fields,
    });
    return { boss, worker };
  }

  describe('addressing (DECISIONS 28)', () => {
    it('creates the sheet of the period containing a date, and keeps its ID', async () => {
      const p = await person(t, admin);
      const a = await call('GET', '/v2/Me/Timesheets/2026-07-29', p.token);
      expect(a.status).toBe(200);
      expect(a.body.data).toEqual({
        ID: expect.any(String),
        UserID: p.id,
        StartDate: '2026-07-27',
        EndDate: '2026-08-02',
        Status: 'Open',
        HasBeenSubmitted: false,
        SubmittedByUserID: null,
        ApprovedByUserID: null,
        RejectedByUserID: null,
      });
      expect(a.body.page).toBeNull();
      const b = await call('GET', '/v2/me/timesheets/2026-08-02', p.token);
      expect(b.body.data.ID).toBe(a.body.data.ID);
      const byId = await call('GET', `/v2/Me/Timesheets/${a.body.data.ID}`, p.token);
      expect(byId.body.data.StartDate).toBe('2026-07-27');
      // The same ID in every scope.
      expect((await call('GET', `/v2/Timesheets/${a.body.data.ID}`, admin)).body.data.UserID).toBe(p.id);
      expect((await call('GET', `/v2/Manage/Timesheets/${a.body.data.ID}`, admin)).body.data.UserID).toBe(
        p.id,
      );
      const viaUser = await call('GET', `/v2/Timesheets/2026-07-28/Users/${p.id}`, admin);
      expect(viaUser.body.data.ID).toBe(a.body.data.ID);
      const viaOtherSheet = await call(
        'GET',
        `/v2/Manage/Timesheets/${a.body.data.ID}/Users/${adminId}`,
        admin,
      );
      expect(viaOtherSheet.body.data).toMatchObject({ UserID: adminId, StartDate: '2026-07-27' });
    });

    it('answers a bad date with 400, an unknown or foreign ID with 404', async () => {
      const p = await person(t, admin);
      const bad = await call('GET', '/v2/Me/Timesheets/2026-02-30', p.token);
      expect(bad.status).toBe(400);
      expect(bad.body.errors[0]!.Field).toBe('TimesheetID');
      expect(bad.body.data).toBeNull();
      expect((await call('GET', '/v2/Me/Timesheets/not-a-sheet', p.token)).status).toBe(404);
      expect(
        (await call('POST', '/v2/Me/Timesheets/not-a-sheet/Actions', p.token, { Action: 'Submit' })).status,
      ).toBe(404);
      const mine = (await call('GET', '/v2/Me/Timesheets/2026-07-29', p.token)).body.data.ID as string;
      // Another company's admin: unknown, never forbidden.
      for (const path of [
        `/v2/Timesheets/${mine}`,
        `/v2/Manage/Timesheets/${mine}`,
        `/v2/Timesheets/${mine}/History`,
        `/v2/Timesheets/${mine}/Actions`,
      ]) {
        expect((await call('GET', path, otherAdmin)).status).toBe(404);
      }
      expect(await act('', mine, otherAdmin, { Action: 'Lock' }).then((r) => r.status)).toBe(404);
      expect((await call('GET', `/v2/Timesheets/2026-07-29/Users/${p.id}`, otherAdmin)).status).toBe(404);
      // Someone else's sheet through /Me is not found either.
      const q = await person(t, admin);
      expect((await call('GET', `/v2/Me/Timesheets/${mine}`, q.token)).status).toBe(404);
      expect((await call('GET', `/v2/Me/Timesheets/${mine}/History`, q.token)).status).toBe(404);
      expect((await act('Me', mine, q.token, { Action: 'Submit' })).status).toBe(404);
    });

    it('follows the company TimesheetModel and WeekStartsOn; existing sheets keep their periods', async () => {
      const c = await t.company('Models Co');
      const p = await person(t, c.Token);
      const get = async (date: string) => (await call('GET', `/v2/Me/Timesheets/${date}`, p.token)).body.data;
      expect(await get('2026-03-04')).toMatchObject({ StartDate: '2026-03-02', EndDate: '2026-03-08' });
      expect((await company(c.Token, { WeekStartsOn: 'Sunday' })).status).toBe(200);
      expect(await get('2026-03-18')).toMatchObject({ StartDate: '2026-03-15', EndDate: '2026-03-21' });
      expect((await company(c.Token, { TimesheetModel: 'semimonthly' })).status).toBe(200);
      expect(await get('2026-04-20')).toMatchObject({ StartDate: '2026-04-16', EndDate: '2026-04-30' });
      expect(await get('2024-02-20')).toMatchObject({ StartDate: '2024-02-16', EndDate: '2024-02-29' });
      // The weekly sheets made earlier stay as they were.
      expect(await get('2026-03-04')).toMatchObject({ StartDate: '2026-03-02', EndDate: '2026-03-08' });
      expect(await get('2026-03-20')).toMatchObject({ StartDate: '2026-03-15', EndDate: '2026-03-21' });
      // A new period that would overlap them is cut short on both sides: 1–15 March around the 2–8.
      expect(await get('2026-03-01')).toMatchObject({ StartDate: '2026-03-01', EndDate: '2026-03-01' });
      expect(await get('2026-03-10')).toMatchObject({ StartDate: '2026-03-09', EndDate: '2026-03-14' });
      expect(await get('2026-03-22')).toMatchObject({ StartDate: '2026-03-22', EndDate: '2026-03-31' });
      expect((await company(c.Token, { TimesheetModel: 'monthly' })).status).toBe(200);
      expect(await get('2026-06-10')).toMatchObject({ StartDate: '2026-06-01', EndDate: '2026-06-30' });
      expect(
        (await company(c.Token, { TimesheetModel: 'custom', TimesheetModelCustomNumberOfDays: 10 })).status,
      ).toBe(200);
      // Custom periods count from the epoch on WeekStartsOn (Sunday): 2000-01-02.
      expect(await get('2000-01-11')).toMatchObject({ StartDate: '2000-01-02', EndDate: '2000-01-11' });
      expect((await company(c.Token, { TimesheetModel: 'biweekly' })).status).toBe(200);
      expect(await get('2000-01-20')).toMatchObject({ StartDate: '2000-01-16', EndDate: '2000-01-29' });
      // Every sheet is listed once and none overlap.
      const all = (await call('GET', '/v2/Me/Timesheets?limit=1000', p.token)).body.data as {
        StartDate: string;
        EndDate: string;
      }[];
      const sorted = [...all].sort((a, b) => a.StartDate.localeCompare(b.StartDate));
      for (let i = 1; i < sorted.length; i++)
        expect(sorted[i]!.StartDate > sorted[i - 1]!.EndDate).toBe(true);
    });
  });

  describe('lists', () => {
    it('lists by StartDate desc with filters, paging and Verbose', async () => {
      const division = (await call('POST', '/v2/Divisions', admin, { Name: 'Lists Div' })).body.data
        .ID as string;
      const p = await person(t, admin, { DivisionID: division });
      for (const d of ['2026-01-07', '2026-01-14', '2026-01-21', '2026-01-28'])
        await call('GET', `/v2/Me/Timesheets/${d}`, p.token);
      await act('Me', '2026-01-14', p.token, { Action: 'Submit' });
      const mine = await call('GET', '/v2/Me/Timesheets', p.token);
      expect(mine.status).toBe(200);
      expect(mine.body.data.map((s: { StartDate: string }) => s.StartDate)).toEqual([
        '2026-01-26',
        '2026-01-19',
        '2026-01-12',
        '2026-01-05',
      ]);
      expect(mine.body.page).toMatchObject({ count: 4, offset: 0, limit: 100 });
      const page = await call('GET', '/v2/Me/Timesheets?limit=2&offset=1', p.token);
      expect(page.body.data.map((s: { StartDate: string }) => s.StartDate)).toEqual([
        '2026-01-19',
        '2026-01-12',
      ]);
      expect(page.body.page.count).toBe(4);
      const approved = await call('GET', '/v2/Me/Timesheets?status=approved', p.token);
      expect(approved.body.data.map((s: { StartDate: string }) => s.StartDate)).toEqual(['2026-01-12']);
      const range = await call('GET', '/v2/Me/Timesheets?FromDate=2026-01-11&ToDate=2026-01-19', p.token);
      expect(range.body.data.map((s: { StartDate: string }) => s.StartDate)).toEqual([
        '2026-01-19',
        '2026-01-12',
        '2026-01-05',
      ]);
      const byDivision = await call(
        'GET',
        `/v2/Timesheets?DivisionID=${division}&Status=Open,Approved`,
        admin,
      );
      expect(byDivision.body.page.count).toBe(4);
      const byUser = await call('GET', `/v2/Manage/Timesheets?UserID=${p.id}&Verbose=true`, admin);
      expect(byUser.body.data).toHaveLength(4);
      expect(byUser.body.data[0]).toMatchObject({
        User: { ID: p.id },
        Comment: null,
        DayTotals: expect.any(Array),
        Actions: expect.any(Array),
      });
      expect(byUser.body.data[0].DayTotals).toHaveLength(7);
      expect(byUser.body.data[0].DayTotals[0]).toEqual({ Date: '2026-01-26', Hours: 0 });
      // Another company's IDs simply match nothing.
      expect((await call('GET', `/v2/Timesheets?UserID=${p.id}`, otherAdmin)).body.page.count).toBe(0);
    });

    it('refuses bad filter values with 400 listing each', async () => {
      const r = await call('GET', '/v2/Me/Timesheets?Status=Pending&FromDate=2026-13-01&limit=-1', admin);
      expect(r.status).toBe(400);
      expect(r.body.errors.map((e) => e.Field).sort()).toEqual(['FromDate', 'Status', 'limit']);
      const backwards = await call('GET', '/v2/Timesheets?FromDate=2026-02-01&ToDate=2026-01-01', admin);
      expect(backwards.status).toBe(400);
      expect(backwards.body.errors[0]!.Field).toBe('ToDate');
    });
  });

  describe('the workflow', () => {
    it('plays a person, an approver and an admin through whole periods', async () => {
      const { boss, worker } = await approvedPair();
      const week = '2026-02-04';
      expect(await actions('Me', week, worker.token)).toEqual(['Submit']);
      const sheetId = (await call('GET', `/v2/Me/Timesheets/${week}`, worker.token)).body.data.ID as string;
      expect(await actions('Manage', sheetId, boss.token)).toEqual(
        ['Lock', 'Submit'].filter((a) => a === 'Lock'),
      );

      const submitted = await act('Me', week, worker.token, { Action: 'Submit', Comment: 'all done' });
      expect(submitted.status).toBe(200);
      expect(submitted.body.data).toMatchObject({
        Status: 'Waiting',
        HasBeenSubmitted: true,
        SubmittedByUserID: worker.id,
      });
      expect(await actions('Me', week, worker.token)).toEqual(['UndoSubmit']);
      expect(await actions('Manage', sheetId, boss.token)).toEqual([
        'Approve',
        'Lock',
        'Reject',
        'RemoveApprovals',
        'UndoSubmit',
      ]);
      // The owner cannot approve, even their own sheet (403); submitting twice is a state error (409).
      expect((await act('Me', week, worker.token, { Action: 'Approve' })).status).toBe(403);
      expect((await act('Me', week, worker.token, { Action: 'Submit' })).status).toBe(409);

      const noComment = await act('Manage', sheetId, boss.token, { Action: 'Reject' });
      expect(noComment.status).toBe(400);
      expect(noComment.body.errors[0]!.Field).toBe('Comment');
      const blank = await act('Manage', sheetId, boss.token, { Action: 'reject', Comment: '   ' });
      expect(blank.status).toBe(400);
      const rejected = await act('Manage', sheetId, boss.token, {
        Action: 'Reject',
        Comment: 'Tuesday is missing',
      });
      expect(rejected.status).toBe(200);
      expect(rejected.body.data).toMatchObject({
        Status: 'Rejected',
        RejectedByUserID: boss.id,
        HasBeenSubmitted: true,
      });
      const verbose = await call('GET', `/v2/Me/Timesheets/${sheetId}?Verbose=true`, worker.token);
      expect(verbose.body.data).toMatchObject({
        Comment: 'Tuesday is missing',
        RejectedDate: expect.any(String),
        Actions: [{ Action: 'Submit' }],
      });

      expect((await act('Me', week, worker.token, { Action: 'Submit' })).body.data.Status).toBe('Waiting');
      const approved = await act('Manage', sheetId, boss.token, { Action: 'Approve' });
      expect(approved.body.data).toMatchObject({
        Status: 'Approved',
        ApprovedByUserID: boss.id,
        RejectedByUserID: null,
      });
      expect(await actions('Me', week, worker.token)).toEqual([]);
      expect((await act('Me', week, worker.token, { Action: 'UndoSubmit' })).status).toBe(409);

      // UndoApproval goes back to Waiting; approve again; the admin locks and unlocks.
      expect((await act('Manage', sheetId, boss.token, { Action: 'UndoApproval' })).body.data.Status).toBe(
        'Waiting',
      );
      expect((await act('Manage', sheetId, boss.token, { Action: 'Approve' })).body.data.Status).toBe(
        'Approved',
      );
      const locked = await act('', sheetId, admin, { Action: 'Lock' });
      expect(locked.body.data.Status).toBe('Locked');
      expect(await actions('', sheetId, admin)).toEqual(['Unlock']);
      expect((await act('', sheetId, admin, { Action: 'UndoApproval' })).status).toBe(409);
      expect((await act('', sheetId, admin, { Action: 'Unlock' })).body.data.Status).toBe('Approved');

      const history = await call('GET', `/v2/Me/Timesheets/${sheetId}/History?Verbose=true`, worker.token);
      expect(history.body.data.map((h: { Action: string }) => h.Action)).toEqual([
        'Unlock',
        'Lock',
        'Approve',
        'UndoApproval',
        'Approve',
        'Submit',
        'Reject',
        'Submit',
      ]);
      expect(history.body.data[6]).toMatchObject({
        Action: 'Reject',
        ActionByUserID: boss.id,
        ActionByUserName: expect.any(String),
        Comment: 'Tuesday is missing',
        HasAttestation: false,
        JobID: null,
        JobStatus: null,
        ActionByUser: { ID: boss.id },
      });
      expect(history.body.data[7]).toMatchObject({
        Action: 'Submit',
        ActionByUserID: worker.id,
        Comment: 'all done',
      });
      expect(new Date(history.body.data[0].Date).toISOString()).toBe(history.body.data[0].Date);
      // The same history in the other scopes.
      expect((await call('GET', `/v2/Timesheets/${sheetId}/History`, admin)).body.page.count).toBe(8);
      expect(
        (await call('GET', `/v2/Manage/Timesheets/${sheetId}/History?limit=3`, boss.token)).body.data,
      ).toHaveLength(3);
    });

    it('lets the person take a waiting sheet back; RemoveApprovals reopens an approved one', async () => {
      const { boss, worker } = await approvedPair();
      expect((await act('Me', '2026-02-11', worker.token, { Action: 'Submit' })).body.data.Status).toBe(
        'Waiting',
      );
      const back = await act('Me', '2026-02-11', worker.token, { Action: 'UndoSubmit' });
      expect(back.body.data).toMatchObject({
        Status: 'Open',
        HasBeenSubmitted: true,
        SubmittedByUserID: null,
      });
      await act('Me', '2026-02-11', worker.token, { Action: 'Submit' });
      const id = (await call('GET', '/v2/Me/Timesheets/2026-02-11', worker.token)).body.data.ID as string;
      await act('Manage', id, boss.token, { Action: 'Approve' });
      const removed = await act('Manage', id, boss.token, {
        Action: 'RemoveApprovals',
        Comment: 'payroll correction',
      });
      expect(removed.body.data).toMatchObject({
        Status: 'Open',
        ApprovedByUserID: null,
        SubmittedByUserID: null,
        HasBeenSubmitted: true,
      });
    });

    it('approves at once for a person not subject to approval, and when the module is off', async () => {
      const p = await person(t, admin);
      const r = await act('Me', '2026-03-04', p.token, { Action: 'Submit' });
      expect(r.body.data).toMatchObject({
        Status: 'Approved',
        ApprovedByUserID: null,
        SubmittedByUserID: p.id,
      });
      expect(await actions('Me', '2026-03-04', p.token)).toEqual(['UndoSubmit']);
      expect((await act('Me', '2026-03-04', p.token, { Action: 'UndoSubmit' })).body.data.Status).toBe(
        'Open',
      );

      const c = await t.company('No Approvals Co');
      const boss = await manager(t, c.Token, { 'Lock timesheets': 'All' });
      const w = await person(t, c.Token, { SubjectToTimesheetApproval: true, TimesheetApproverID: boss.id });
      expect((await company(c.Token, { OptionalModules: { TimesheetApprovals: false } })).status).toBe(200);
      expect((await act('Me', '2026-03-04', w.token, { Action: 'Submit' })).body.data.Status).toBe(
        'Approved',
      );
      // /Manage/Timesheets needs the module; the root scope does not (companies without approvals lock there).
      const manage = await call('GET', '/v2/Manage/Timesheets', boss.token);
      expect(manage.status).toBe(403);
      const id = (await call('GET', '/v2/Me/Timesheets/2026-03-04', w.token)).body.data.ID as string;
      expect((await act('', id, boss.token, { Action: 'Lock' })).body.data.Status).toBe('Locked');
    });

    it('honours AllowManagerUnapproval for managers but not for admins', async () => {
      const c = await t.company('Unapproval Co');
      const boss = await manager(t, c.Token, { 'Lock timesheets': 'All' });
      const w = await person(t, c.Token, { SubjectToTimesheetApproval: true, TimesheetApproverID: boss.id });
      await act('Me', '2026-04-01', w.token, { Action: 'Submit' });
      const id = (await call('GET', '/v2/Me/Timesheets/2026-04-01', w.token)).body.data.ID as string;
      await act('Manage', id, boss.token, { Action: 'Approve' });
      expect((await company(c.Token, { AllowManagerUnapproval: false })).status).toBe(200);
      expect(await actions('Manage', id, boss.token)).toEqual(['Lock']);
      expect((await act('Manage', id, boss.token, { Action: 'UndoApproval' })).status).toBe(403);
      expect((await act('Manage', id, boss.token, { Action: 'RemoveApprovals' })).status).toBe(403);
      expect((await act('', id, c.Token, { Action: 'UndoApproval' })).body.data.Status).toBe('Waiting');
    });

    it('validates the action body: unknown name 400, None and unsupported actions 409, CC warnings', async () => {
      const p = await person(t, admin);
      const unknown = await act('Me', '2026-05-06', p.token, { Action: 'Explode' });
      expect(unknown.status).toBe(400);
      expect(unknown.body.errors[0]!.Field).toBe('Action');
      const missing = await act('Me', '2026-05-06', p.token, {});
      expect(missing.status).toBe(400);
      const wrongTypes = await act('Me', '2026-05-06', p.token, {
        Action: 'Submit',
        HasAttestation: 'yes',
        Comment: 5,
      });
      expect(wrongTypes.status).toBe(400);
      expect(wrongTypes.body.errors.map((e) => e.Field).sort()).toEqual(['Comment', 'HasAttestation']);
      expect(
        (
          await t.call('POST', '/v2/Me/Timesheets/2026-05-06/Actions', {
            token: p.token,
            rawBody: '{"Action":',
            contentType: 'application/json',
          })
        ).status,
      ).toBe(400);
      expect((await t.call('POST', '/v2/Me/Timesheets/2026-05-06/Actions', { token: p.token })).status).toBe(
        400,
      );
      expect(
        (
          await t.call('POST', '/v2/Me/Timesheets/2026-05-06/Actions', {
            token: p.token,
            rawBody: 'Action=Submit',
            contentType: 'text/plain',
          })
        ).status,
      ).toBe(415);
      expect((await act('Me', '2026-05-06', p.token, { Action: 'None' })).status).toBe(409);
      expect((await act('Me', '2026-05-06', p.token, { Action: 'JobApproval' })).status).toBe(409);
      expect((await act('', '2026-05-06', admin, { Action: 'TimeOffRequestApproval' })).status).toBe(409);
      const cc = await act('Me', '2026-05-06', p.token, {
        Action: 'Submit',
        CCNotifications: ['boss@example.test'],
      });
      expect(cc.status).toBe(200);
      expect(cc.body.meta.Warnings[0]).toMatch(/CCNotifications/);
      expect(cc.body.errors).toEqual([]);
    });

    it('needs HasAttestation when the company has an attestation statement', async () => {
      const c = await t.company('Attest Co');
      expect((await company(c.Token, { AttestationStatement: 'I attest that this is true.' })).status).toBe(
        200,
      );
      const p = await person(t, c.Token);
      const without = await act('Me', '2026-06-03', p.token, { Action: 'Submit' });
      expect(without.status).toBe(400);
      expect(without.body.errors[0]!.Field).toBe('HasAttestation');
      expect(
        (await act('Me', '2026-06-03', p.token, { Action: 'Submit', HasAttestation: false })).status,
      ).toBe(400);
      expect(
        (await act('Me', '2026-06-03', p.token, { Action: 'Submit', HasAttestation: true })).status,
      ).toBe(200);
      const h = await call('GET', '/v2/Me/Timesheets/2026-06-03/History', p.token);
      expect(h.body.data[0]).toMatchObject({ Action: 'Submit', HasAttestation: true });
    });

    it('applies the completion rules on Submit', async () => {
      const c = await t.company('Complete Co');
      const daily = await person(t, c.Token, {
        SubjectToTimesheetCompletion: true,
        MinimumTimeHours: 8,
        MinimumTimePeriod: 'Day',
      });
      const r = await act('Me', '2026-06-10', daily.token, { Action: 'Submit' });
      expect(r.status).toBe(409);
      expect(r.body.errors[0]!.MessageDetail).toHaveLength(5);
      expect(r.body.errors[0]!.MessageDetail[0]).toMatch(/^2026-06-08: 0 of at least 8 hours/);
      const weekly = await person(t, c.Token, {
        SubjectToTimesheetCompletion: true,
        MinimumTimeHours: 40,
        MinimumTimePeriod: 'Week',
      });
      expect((await act('Me', '2026-06-10', weekly.token, { Action: 'Submit' })).status).toBe(409);
      // A weekend-only span of employment has no weekday to fill.
      const leaver = await person(t, c.Token, {
        SubjectToTimesheetCompletion: true,
        MinimumTimeHours: 8,
        MinimumTimePeriod: 'Day',
        StartDate: '2026-06-13',
      });
      expect((await act('Me', '2026-06-10', leaver.token, { Action: 'Submit' })).status).toBe(200);
      const allowed = await person(t, c.Token, {
        SubjectToTimesheetCompletion: true,
        MinimumTimeHours: 8,
        MinimumTimePeriod: 'Day',
        AllowIncompleteTimesheetSubmission: true,
      });
      expect((await act('Me', '2026-06-10', allowed.token, { Action: 'Submit' })).status).toBe(200);
      const notSubject = await person(t, c.Token, { MinimumTimeHours: 8, MinimumTimePeriod: 'Day' });
      expect((await act('Me', '2026-06-10', notSubject.token, { Action: 'Submit' })).status).toBe(200);
    });
  });

  describe('job approvals (not supported yet)', () => {
    it('is closed while project approvals are off and finds nothing when on', async () => {
      const c = await t.company('Jobs Co');
      expect((await call('GET', '/v2/Manage/JobApprovals/x/TimeEntries', c.Token)).status).toBe(403);
      expect((await company(c.Token, { EnableProjectApprovals: true })).status).toBe(200);
      expect((await call('GET', '/v2/Manage/JobApprovals/x/TimeEntries', c.Token)).status).toBe(404);
      const p = await person(t, c.Token);
      expect((await call('GET', '/v2/Manage/JobApprovals/x/TimeEntries', p.token)).status).toBe(403);
    });
  });
});
