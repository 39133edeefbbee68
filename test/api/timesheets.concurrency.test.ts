/**
 * No races (timesheets.service.ts): concurrent approvals leave one approval and 409s; a workflow change
 * and an entry edit of one sheet serialise on the sheet; implicit creation under concurrency yields one
 * sheet. Also lockSheetsForEdit, the interface the time-entries module calls, tested directly.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AppError } from '../../src/server/errors.js';
import { lockSheetsForEdit } from '../../src/server/modules/timesheets/index.js';
import {
  lockOwner,
  lockSheetRows,
  transitionSheet,
} from '../../src/server/modules/timesheets/timesheets.store.js';
import { createTestApp, type TestApp } from '../support/app.js';
import { testDialects } from '../support/db.js';
import { manager, person } from '../support/people.js';

const dialects = await testDialects();
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** A promise and a way to see whether it has settled yet. */
function watched<T>(p: Promise<T>) {
  const state = { settled: false };
  const promise = p.finally(() => {
    state.settled = true;
  });
  return { promise, state };
}

async function rejection(p: Promise<unknown>): Promise<AppError> {
  try {
    await p;
  } catch (e) {
    expect(e).toBeInstanceOf(AppError);
    return e as AppError;
  }
  throw new Error('expected a rejection');
}

describe.each(dialects)('timesheet concurrency on %s', (dialect) => {
  let t: TestApp;
  let admin: string;
  let companyId: string;
  let job: string;
  let task: string;
  beforeAll(async () => {
    t = await createTestApp(dialect);
    const c = await t.company('Race Co');
    admin = c.Token;
    companyId = c.CompanyID;
    const client = (await t.call('POST', '/v2/Clients', { token: admin, body: { Name: 'Client' } })).body.data
      .ID as string;
    job = (await t.call('POST', '/v2/Jobs', { token: admin, body: { Name: 'Job', ClientID: client } })).body
      .data.ID as string;
    task = (await t.call('POST', '/v2/Tasks', { token: admin, body: { Name: 'Task' } })).body.data
      .ID as string;
  });
  afterAll(() => t.close());

  const sheetOf = async (token: string, date: string) =>
    (await t.call('GET', `/v2/Me/Timesheets/${date}`, { token })).body.data;
  const lockFor = (userId: string, dates: string[], override = false) =>
    t.deps.db
      .transaction()
      .execute((tx) => lockSheetsForEdit(t.deps, tx, { companyId, userId, dates, override }));

  describe('lockSheetsForEdit', () => {
    it('creates the sheets of the dates it is given, once', async () => {
      const p = await person(t, admin);
      await lockFor(p.id, ['2025-06-04', '2025-06-12', '2025-06-04', '2025-06-10']);
      const list = await t.call('GET', '/v2/Me/Timesheets', { token: p.token });
      expect(list.body.data.map((s: { StartDate: string }) => s.StartDate)).toEqual([
        '2025-06-09',
        '2025-06-02',
      ]);
      await lockFor(p.id, ['2025-06-05']);
      expect((await t.call('GET', '/v2/Me/Timesheets', { token: p.token })).body.page.count).toBe(2);
      await lockFor(p.id, []);
    });

    it('refuses dates on or before the LockDate and sheets that are not Open or Rejected, unless override', async () => {
      const c = await t.company('Lock Fn Co');
      const p = await person(t, c.Token);
      const lock = (dates: string[], override = false) =>
        t.deps.db
          .transaction()
          .execute((tx) =>
            lockSheetsForEdit(t.deps, tx, { companyId: c.CompanyID, userId: p.id, dates, override }),
          );
      await t.call('PATCH', '/v2/Company', { token: c.Token, body: { LockDate: '2025-01-31' } });
      const frozen = await rejection(lock(['2025-02-03', '2025-01-31']));
      expect(frozen.status).toBe(409);
      expect(frozen.errors[0]!.MessageDetail).toEqual(['2025-01-31']);
      await lock(['2025-01-31'], true);
      await lock(['2025-02-01']);

      await t.call('POST', '/v2/Me/Timesheets/2025-02-05/Actions', {
        token: p.token,
        body: { Action: 'Submit' },
      });
      const approved = await rejection(lock(['2025-02-06']));
      expect(approved.status).toBe(409);
      expect(approved.message).toMatch(/Approved/);
      await lock(['2025-02-06'], true);
      const id = (await sheetOf(p.token, '2025-02-05')).ID as string;
      await t.call('POST', `/v2/Timesheets/${id}/Actions`, { token: c.Token, body: { Action: 'Lock' } });
      expect((await rejection(lock(['2025-02-07']))).message).toMatch(/Locked/);
      expect((await rejection(lock(['not-a-date']))).status).toBe(400);
    });
  });

  it('creates one sheet when many requests address a new period at once', async () => {
    const p = await person(t, admin);
    const replies = await Promise.all(
      [
        '2025-07-07',
        '2025-07-08',
        '2025-07-09',
        '2025-07-10',
        '2025-07-11',
        '2025-07-12',
        '2025-07-13',
        '2025-07-09',
      ].map((d) => t.call('GET', `/v2/Me/Timesheets/${d}`, { token: p.token })),
    );
    expect(replies.every((r) => r.status === 200)).toBe(true);
    expect(new Set(replies.map((r) => r.body.data.ID)).size).toBe(1);
    await Promise.all([
      lockFor(p.id, ['2025-07-14']),
      lockFor(p.id, ['2025-07-20']),
      lockFor(p.id, ['2025-07-16', '2025-07-21']),
    ]);
    expect((await t.call('GET', '/v2/Me/Timesheets', { token: p.token })).body.page.count).toBe(3);
  });

  it('leaves one approval and 409s when approvers act at once', async () => {
    const boss = await manager(t, admin, { 'Lock timesheets': 'All' });
    const admin2 = await person(t, admin, { SecurityLevel: 'ADMIN' });
    const p = await person(t, admin, { SubjectToTimesheetApproval: true, TimesheetApproverID: boss.id });
    const id = (await sheetOf(p.token, '2025-08-06')).ID as string;
    for (let round = 0; round < 4; round++) {
      expect(
        (
          await t.call('POST', `/v2/Me/Timesheets/${id}/Actions`, {
            token: p.token,
            body: { Action: 'Submit' },
          })
        ).status,
      ).toBe(200);
      const replies = await Promise.all([
        t.call('POST', `/v2/Manage/Timesheets/${id}/Actions`, {
          token: boss.token,
          body: { Action: 'Approve' },
        }),
        t.call('POST', `/v2/Timesheets/${id}/Actions`, { token: admin, body: { Action: 'Approve' } }),
        t.call('POST', `/v2/Timesheets/${id}/Actions`, { token: admin2.token, body: { Action: 'Approve' } }),
        t.call('POST', `/v2/Timesheets/${id}/Actions`, {
          token: admin,
          body: { Action: 'Reject', Comment: 'race' },
        }),
      ]);
      const statuses = replies.map((r) => r.status).sort();
      expect(statuses).toEqual([200, 409, 409, 409]);
      const winner = replies.find((r) => r.status === 200)!;
      const history = (await t.call('GET', `/v2/Timesheets/${id}/History`, { token: admin })).body.data as {
        Action: string;
      }[];
      // Exactly one decision after the latest Submit.
      expect(history.findIndex((h) => h.Action === 'Submit')).toBe(1);
      const sheet = (await t.call('GET', `/v2/Timesheets/${id}`, { token: admin })).body.data;
      expect(sheet.Status).toBe(winner.body.data.Status);
      if (sheet.Status === 'Approved') {
        await t.call('POST', `/v2/Timesheets/${id}/Actions`, {
          token: admin,
          body: { Action: 'RemoveApprovals' },
        });
      }
    }
  });

  it('makes Submit wait for an entry edit that holds the sheet, then see its result', async () => {
    const p = await person(t, admin, {
      SubjectToTimesheetCompletion: true,
      MinimumTimeHours: 1,
      MinimumTimePeriod: 'Week',
    });
    const date = '2025-09-03';
    let release!: () => void;
    const held = new Promise<void>((r) => (release = r));
    let locked!: () => void;
    const isLocked = new Promise<void>((r) => (locked = r));
    const edit = t.deps.db.transaction().execute(async (tx) => {
      await lockSheetsForEdit(t.deps, tx, { companyId, userId: p.id, dates: [date], override: false });
      locked();
      await held;
      const now = new Date().toISOString();
      await tx
        .insertInto('time_entries')
        .values({
          company_id: companyId,
          id: `race-${dialect}`,
          user_id: p.id,
          date,
          job_id: job,
          task_id: task,
          hours: 10_000,
          break_time: 0,
          start_time: null,
          end_time: null,
          comment: '',
          billing_rate: 0,
          cost_rate: 0,
          is_billable: 1,
          custom_fields: '{}',
          created_at: now,
          updated_at: now,
        })
        .execute();
    });
    await isLocked;
    const submit = watched(
      t.call('POST', `/v2/Me/Timesheets/${date}/Actions`, { token: p.token, body: { Action: 'Submit' } }),
    );
    await sleep(250);
    expect(submit.state.settled).toBe(false);
    release();
    await edit;
    const r = await submit.promise;
    // It waited, and then saw the hour the edit added: the completion rule is met.
    expect(r.status).toBe(200);
    expect(r.body.data.Status).toBe('Approved');
  });

  it('makes an entry edit wait for a workflow change that holds the sheet, then refuses it', async () => {
    const p = await person(t, admin, {
      SubjectToTimesheetApproval: true,
      TimesheetApproverID: (await manager(t, admin)).id,
    });
    const date = '2025-10-08';
    const sheet = await sheetOf(p.token, date);
    let release!: () => void;
    const held = new Promise<void>((r) => (release = r));
    let locked!: () => void;
    const isLocked = new Promise<void>((r) => (locked = r));
    // What performSheetAction does: the person's lock, the sheet row, a conditional transition.
    const workflow = t.deps.db.transaction().execute(async (tx) => {
      await lockOwner(tx, t.deps.dialect.name, companyId, p.id);
      const row = (await lockSheetRows(tx, t.deps.dialect.name, companyId, [sheet.ID])).get(sheet.ID)!;
      locked();
      await held;
      expect(await transitionSheet(tx, { ...row, status: 'Waiting', hasBeenSubmitted: true }, 'Open')).toBe(
        true,
      );
    });
    await isLocked;
    const entry = watched(
      t.call('POST', '/v2/Me/TimeEntries', {
        token: p.token,
        body: { Date: date, Hours: 2, JobID: job, TaskID: task },
      }),
    );
    await sleep(250);
    expect(entry.state.settled).toBe(false);
    release();
    await workflow;
    const r = await entry.promise;
    expect(r.status).toBe(409);
    const list = await t.call('GET', `/v2/Me/TimeEntries?EntryDate=${date}`, { token: p.token });
    expect(list.body.data).toHaveLength(0);
  });

  it('answers an entry racing Submit with 201 (it came first) or 409 (it came second), never a 500', async () => {
    // Which one wins is up to the scheduler; the two tests above show that they serialise.
    const p = await person(t, admin);
    for (let round = 0; round < 6; round++) {
      const date = `2025-11-${String(3 + round).padStart(2, '0')}`;
      const [entry, submit] = await Promise.all([
        t.call('POST', '/v2/Me/TimeEntries', {
          token: p.token,
          body: { Date: date, Hours: 1, JobID: job, TaskID: task },
        }),
        t.call('POST', `/v2/Me/Timesheets/${date}/Actions`, { token: p.token, body: { Action: 'Submit' } }),
      ]);
      expect(submit.status).toBe(200);
      expect([201, 409]).toContain(entry.status);
      if (entry.status === 409) expect(entry.body.errors[0].Message).toMatch(/Approved/);
      const hours = (await t.call('GET', `/v2/Me/Timesheets/${date}?Verbose=true`, { token: p.token })).body
        .data.DayTotals as { Date: string; Hours: number }[];
      expect(hours.find((d) => d.Date === date)!.Hours).toBe(entry.status === 201 ? 1 : 0);
      await t.call('POST', `/v2/Me/Timesheets/${date}/Actions`, {
        token: p.token,
        body: { Action: 'UndoSubmit' },
      });
    }
  });
});
