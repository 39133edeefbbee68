/**
 * Every timesheet endpoint × every kind of caller (timesheets.policy.ts): STANDARD, MANAGER without
 * and with the permission (All and Divisions scopes, in and out of reach), the person's approver, and
 * ADMIN — on both databases.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../support/app.js';
import { testDialects } from '../support/db.js';
import { manager, person, type Person } from '../support/people.js';

const dialects = await testDialects();

const ROLES = [
  'standard',
  'mgrNone',
  'reviewAll',
  'reviewDiv',
  'lockAll',
  'lockDiv',
  'lockOtherDiv',
  'approver',
  'admin',
] as const;
type Role = (typeof ROLES)[number];

/** Expected status per role; `ok` is 200 for reads and actions. */
const row = (codes: Record<Role, number>) => codes;
const ROOT_READ = row({
  standard: 403,
  mgrNone: 403,
  reviewAll: 200,
  reviewDiv: 403,
  lockAll: 403,
  lockDiv: 403,
  lockOtherDiv: 403,
  approver: 403,
  admin: 200,
});
const ROOT_ACT = row({
  standard: 403,
  mgrNone: 403,
  reviewAll: 403,
  reviewDiv: 403,
  lockAll: 200,
  lockDiv: 200,
  lockOtherDiv: 404,
  approver: 200,
  admin: 200,
});
const MANAGE = row({
  standard: 403,
  mgrNone: 403,
  reviewAll: 403,
  reviewDiv: 403,
  lockAll: 200,
  lockDiv: 200,
  lockOtherDiv: 404,
  approver: 200,
  admin: 200,
});
const MANAGE_LIST = row({ ...MANAGE, lockOtherDiv: 200 });

describe.each(dialects)('timesheet permissions on %s', (dialect) => {
  let t: TestApp;
  let admin: string;
  const tokens = {} as Record<Role, string>;
  let worker: Person;
  let sheetId: string;
  const week = '2026-09-09';

  beforeAll(async () => {
    t = await createTestApp(dialect);
    const c = await t.company('Matrix Co');
    admin = c.Token;
    const division = async (Name: string) =>
      (await t.call('POST', '/v2/Divisions', { token: admin, body: { Name } })).body.data.ID as string;
    const d1 = await division('North');
    const d2 = await division('South');
    const approver = await manager(t, admin, { 'Lock timesheets': 'Divisions' }, [d2]);
    worker = await person(t, admin, {
      DivisionID: d1,
      SubjectToTimesheetApproval: true,
      TimesheetApproverID: approver.id,
    });
    tokens.standard = (await person(t, admin, { DivisionID: d1 })).token;
    tokens.mgrNone = (await manager(t, admin, {}, [], { DivisionID: d1 })).token;
    tokens.reviewAll = (await manager(t, admin, { 'Review timesheets': 'All' })).token;
    tokens.reviewDiv = (await manager(t, admin, { 'Review timesheets': 'Divisions' }, [d1])).token;
    tokens.lockAll = (await manager(t, admin, { 'Lock timesheets': 'All' })).token;
    tokens.lockDiv = (await manager(t, admin, { 'Lock timesheets': 'Divisions' }, [d1])).token;
    tokens.lockOtherDiv = (
      await manager(t, admin, { 'Lock timesheets': 'Divisions', 'Review timesheets': 'Divisions' }, [d2])
    ).token;
    tokens.approver = approver.token;
    tokens.admin = admin;
    sheetId = (await t.call('GET', `/v2/Me/Timesheets/${week}`, { token: worker.token })).body.data
      .ID as string;
  });
  afterAll(() => t.close());

  const readEndpoints = (base: string) => [
    `${base}/${sheetId}`,
    `${base}/${week}/Users/${worker.id}`,
    `${base}/${sheetId}/Users/${worker.id}`,
    `${base}/${sheetId}/History`,
    `${base}/${sheetId}/Actions`,
  ];

  it.each(ROLES)('root reads need Review timesheets for all people (%s)', async (role) => {
    const list = await t.call('GET', '/v2/Timesheets', { token: tokens[role] });
    expect(list.status).toBe(ROOT_READ[role]);
    for (const path of [...readEndpoints('/v2/Timesheets'), `/v2/Timesheets/${sheetId}/TimeEntries`]) {
      const r = await t.call('GET', path, { token: tokens[role] });
      expect([path, r.status]).toEqual([path, ROOT_READ[role]]);
      if (r.status !== 200) expect(r.body.data).toBeNull();
    }
  });

  it.each(ROLES)('root actions need Lock timesheets reaching the person (%s)', async (role) => {
    const r = await t.call('POST', `/v2/Timesheets/${sheetId}/Actions`, {
      token: tokens[role],
      body: { Action: 'Lock' },
    });
    expect(r.status).toBe(ROOT_ACT[role]);
    if (r.status === 200) {
      expect(r.body.data.Status).toBe('Locked');
      const back = await t.call('POST', `/v2/Timesheets/${sheetId}/Actions`, {
        token: tokens[role],
        body: { Action: 'Unlock' },
      });
      expect(back.body.data.Status).toBe('Open');
    }
  });

  it.each(ROLES)('/Manage needs Lock timesheets; out of reach is not found (%s)', async (role) => {
    const list = await t.call('GET', '/v2/Manage/Timesheets', { token: tokens[role] });
    expect(list.status).toBe(MANAGE_LIST[role]);
    if (list.status === 200) {
      const ids = (list.body.data as { UserID: string }[]).map((s) => s.UserID);
      expect(ids.includes(worker.id)).toBe(MANAGE[role] === 200);
    }
    for (const path of readEndpoints('/v2/Manage/Timesheets')) {
      const r = await t.call('GET', path, { token: tokens[role] });
      expect([path, r.status]).toEqual([path, MANAGE[role]]);
    }
    const act = await t.call('POST', `/v2/Manage/Timesheets/${sheetId}/Actions`, {
      token: tokens[role],
      body: { Action: 'Lock' },
    });
    expect(act.status).toBe(MANAGE[role]);
    if (act.status === 200) {
      await t.call('POST', `/v2/Manage/Timesheets/${sheetId}/Actions`, {
        token: tokens[role],
        body: { Action: 'Unlock' },
      });
    }
  });

  it.each(ROLES)('everyone reads and acts on their own sheet through /Me (%s)', async (role) => {
    const date = '2026-09-16';
    expect((await t.call('GET', '/v2/Me/Timesheets', { token: tokens[role] })).status).toBe(200);
    expect((await t.call('GET', `/v2/Me/Timesheets/${date}`, { token: tokens[role] })).status).toBe(200);
    expect((await t.call('GET', `/v2/Me/Timesheets/${date}/History`, { token: tokens[role] })).status).toBe(
      200,
    );
    const actions = await t.call('GET', `/v2/Me/Timesheets/${date}/Actions`, { token: tokens[role] });
    expect(actions.body.data).toEqual([{ Action: 'Submit' }]);
    // /Me only ever acts as the owner: Lock is for the manager scopes, even for an Admin.
    expect(
      (
        await t.call('POST', `/v2/Me/Timesheets/${date}/Actions`, {
          token: tokens[role],
          body: { Action: 'Lock' },
        })
      ).status,
    ).toBe(403);
    // Another person's sheet ID is simply not there in /Me.
    expect((await t.call('GET', `/v2/Me/Timesheets/${sheetId}`, { token: tokens[role] })).status).toBe(404);
  });

  describe('approving', () => {
    const approve = (
      role: Role,
      scope: 'Manage/Timesheets' | 'Timesheets',
      Action = 'Approve',
      Comment?: string,
    ) =>
      t.call('POST', `/v2/${scope}/${sheetId}/Actions`, {
        token: tokens[role],
        body: { Action, ...(Comment ? { Comment } : {}) },
      });

    it('only the person’s approver (holding Lock timesheets) or an Admin approves', async () => {
      expect(
        (
          await t.call('POST', `/v2/Me/Timesheets/${week}/Actions`, {
            token: worker.token,
            body: { Action: 'Submit' },
          })
        ).body.data.Status,
      ).toBe('Waiting');
      const seen = async (role: Role, scope = 'Manage/Timesheets') =>
        (
          (await t.call('GET', `/v2/${scope}/${sheetId}/Actions`, { token: tokens[role] })).body.data as {
            Action: string;
          }[]
        ).map((a) => a.Action);
      expect(await seen('lockAll')).toEqual(['Lock']);
      expect(await seen('lockDiv')).toEqual(['Lock']);
      expect(await seen('approver')).toEqual(['Approve', 'Lock', 'Reject', 'RemoveApprovals', 'UndoSubmit']);
      expect(await seen('admin')).toEqual(['Approve', 'Lock', 'Reject', 'RemoveApprovals', 'UndoSubmit']);
      // Review timesheets reads the actions through the root scope but may perform none of them.
      expect(await seen('reviewAll', 'Timesheets')).toEqual([]);

      for (const role of ['lockAll', 'lockDiv'] as const) {
        expect((await approve(role, 'Manage/Timesheets')).status).toBe(403);
        expect((await approve(role, 'Timesheets', 'Reject', 'no')).status).toBe(403);
        expect((await approve(role, 'Timesheets', 'UndoSubmit')).status).toBe(403);
      }
      expect((await approve('reviewAll', 'Timesheets')).status).toBe(403);
      expect((await approve('lockOtherDiv', 'Manage/Timesheets')).status).toBe(404);
      const ok = await approve('approver', 'Manage/Timesheets');
      expect(ok.status).toBe(200);
      expect(ok.body.data.Status).toBe('Approved');
      // Already approved: a state error for anyone who could approve.
      expect((await approve('admin', 'Timesheets')).status).toBe(409);
      expect((await approve('approver', 'Manage/Timesheets')).status).toBe(409);
      expect((await approve('admin', 'Timesheets', 'UndoApproval')).body.data.Status).toBe('Waiting');
      expect((await approve('admin', 'Timesheets')).body.data).toMatchObject({ Status: 'Approved' });
      // Locked: even the Admin must Unlock first.
      expect((await approve('lockDiv', 'Manage/Timesheets', 'Lock')).body.data.Status).toBe('Locked');
      expect((await approve('admin', 'Timesheets', 'UndoApproval')).status).toBe(409);
      expect((await approve('lockDiv', 'Manage/Timesheets', 'Unlock')).body.data.Status).toBe('Approved');
    });
  });
});
