/**
 * Leave balances on both databases (docs/adr/0008-time-off-balances.md): accrual per 30 days, the
 * maximum, time off, Set adjustments, FutureBalance, BalanceHistory, the balance-settings extension, who
 * may see which person's balances, and leave types per employment type.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../support/app.js';
import { testDialects } from '../support/db.js';
import { manager, person, type Person } from '../support/people.js';
import { fieldsOf, TestClock } from './time-entries-fixtures.js';

const dialects = await testDialects();

describe.each(dialects)('time-off balances on %s', (dialect) => {
  const clock = new TestClock('2026-01-01T09:00:00.000Z');
  let t: TestApp;
  let admin: string;
  let adminId: string;
  let vacation: string;
  let sick: string;

  beforeAll(async () => {
    t = await createTestApp(dialect, {}, { clock: clock.read });
    const c = await t.company('Balance Co');
    admin = c.Token;
    adminId = c.UserID;
    const res = await t.call('GET', '/v2/TimeOffTypes', { token: admin });
    const byName = Object.fromEntries(res.body.data.map((x: any) => [x.Name, x.ID]));
    vacation = byName.Vacation;
    sick = byName['Sick Leave'];
    // Vacation: 6.6667 h per 30 days, at most 16 h, starting with 2.5 h.
    const patch = await t.call('PATCH', `/v2/TimeOffTypes/${vacation}`, {
      token: admin,
      body: { DefaultAccrualRate: 6.6667, DefaultMaximumBalance: 16, DefaultStartingBalance: 2.5 },
    });
    expect(patch.status).toBe(200);
  });
  afterAll(() => t.close());
  beforeEach(() => clock.set('2026-01-01T09:00:00.000Z'));

  const balance = async (p: Person, typeId = vacation) => {
    const res = await t.call('GET', `/v2/Me/TimeOffTypes/${typeId}`, { token: p.token });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    return res.body.data.CurrentBalance as number;
  };
  const future = async (p: Person, date: string, typeId = vacation) => {
    const res = await t.call('GET', `/v2/Me/TimeOffTypes/${typeId}/FutureBalance/${date}`, {
      token: p.token,
    });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    return res.body.data;
  };

  it('accrues per completed 30 days from the start date, capped at the maximum, exactly', async () => {
    const p = await person(t, admin, { StartDate: '2026-01-01' });
    const me = await t.call('GET', `/v2/Me/TimeOffTypes/${vacation}`, { token: p.token });
    expect(me.body.data).toMatchObject({
      CurrentBalance: 2.5,
      AccrualRate: 6.6667,
      AccrualStartDate: '2026-01-01',
      MaximumBalance: 16,
    });
    clock.set('2026-01-30T23:00:00.000Z');
    expect(await balance(p)).toBe(2.5);
    clock.set('2026-01-31T00:00:00.000Z');
    expect(await balance(p)).toBe(9.1667);
    clock.set('2026-03-02T00:00:00.000Z');
    expect(await balance(p)).toBe(15.8334);
    clock.set('2026-04-01T00:00:00.000Z');
    expect(await balance(p)).toBe(16);
    clock.set('2027-01-01T00:00:00.000Z');
    expect(await balance(p)).toBe(16);
  });

  it('time off reduces it (and may take it below zero); accrual resumes below the cap', async () => {
    const p = await person(t, admin, { StartDate: '2026-01-01' });
    clock.set('2026-04-05T10:00:00.000Z'); // 16 (capped) by now
    const a = await t.call('POST', '/v2/Me/TimeOff', {
      token: p.token,
      body: [
        { Date: '2026-04-06', Hours: 7.75, TimeOffTypeID: vacation },
        { Date: '2026-04-07', Hours: 8, TimeOffTypeID: vacation },
        { Date: '2026-04-08', Hours: 8.01, TimeOffTypeID: vacation },
      ],
    });
    expect(a.status).toBe(201);
    // Future-dated time off does not count yet…
    expect(await balance(p)).toBe(16);
    // …FutureBalance counts it: 16 − 23.76 = −7.76; then 2026-05-01 accrues 6.6667.
    expect(await future(p, '2026-04-08')).toEqual({
      TimeOffTypeID: vacation,
      Date: '2026-04-08',
      FutureBalance: -7.76,
    });
    expect((await future(p, '2026-05-01')).FutureBalance).toBe(-1.0933);
    expect((await future(p, '2026-05-31')).FutureBalance).toBe(5.5734);
    clock.set('2026-04-08T10:00:00.000Z');
    expect(await balance(p)).toBe(-7.76);
    // Other types are untouched.
    expect(await balance(p, sick)).toBe(0);
  });

  it('a Set adjustment fixes the balance at the end of its date; history shows every change', async () => {
    const p = await person(t, admin, { StartDate: '2026-01-01' });
    await t.call('POST', '/v2/Me/TimeOff', {
      token: p.token,
      body: { Date: '2026-01-10', Hours: 1.5, TimeOffTypeID: vacation },
    });
    clock.set('2026-02-15T08:00:00.000Z');
    const set = await t.call('POST', `/v2/Users/${p.id}/TimeOffTypes/${vacation}/BalanceAdjustments`, {
      token: admin,
      body: { Action: 'set', Date: '2026-02-01', Hours: '40.25', Notes: 'carried over' },
    });
    expect(set.status).toBe(201);
    expect(set.body.data).toMatchObject({
      Date: '2026-02-01',
      Action: 'Set',
      Balance: 40.25,
      HoursDifference: 32.5833, // 40.25 − (2.5 − 1.5 + 6.6667)
      Notes: 'carried over',
      ActionByUserID: adminId,
      ActionByUserName: 'Ada Admin',
    });
    expect(await balance(p)).toBe(40.25); // above the maximum: accrual adds nothing, nothing is taken away
    clock.set('2026-03-03T08:00:00.000Z');
    expect(await balance(p)).toBe(40.25);

    const history = await t.call('GET', `/v2/Users/${p.id}/TimeOffTypes/${vacation}/BalanceHistory`, {
      token: admin,
    });
    expect(history.status).toBe(200);
    expect(history.body.data.map((h: any) => [h.Date, h.Action, h.HoursDifference, h.Balance])).toEqual([
      ['2026-02-01', 'Set', 32.5833, 40.25],
      ['2026-01-31', 'Accrual', 6.6667, 7.6667],
      ['2026-01-10', 'Deduct', -1.5, 1],
      ['2026-01-01', 'Add', 2.5, 2.5],
    ]);
    expect(history.body.page.count).toBe(4);
    const paged = await t.call(
      'GET',
      `/v2/Users/${p.id}/TimeOffTypes/${vacation}/BalanceHistory?limit=1&offset=1`,
      { token: admin },
    );
    expect(paged.body.data.map((h: any) => h.Action)).toEqual(['Accrual']);

    const bad = await t.call('POST', `/v2/Users/${p.id}/TimeOffTypes/${vacation}/BalanceAdjustments`, {
      token: admin,
      body: { Action: 'Add', Date: '2026-13-01', Hours: 'x' },
    });
    expect(bad.status).toBe(400);
    expect(fieldsOf(bad)).toEqual(['Action', 'Date', 'Hours']);
    expect(
      (
        await t.call('POST', `/v2/Users/${p.id}/TimeOffTypes/${vacation}/BalanceAdjustments`, {
          token: p.token,
          body: { Action: 'Set', Date: '2026-02-01', Hours: 99 },
        })
      ).status,
    ).toBe(403);
    expect(
      (await t.call('GET', `/v2/Users/${p.id}/TimeOffTypes/${vacation}/BalanceHistory`, { token: p.token }))
        .status,
    ).toBe(403);
  });

  it('a person’s own balance settings replace the type’s defaults (extension)', async () => {
    const p = await person(t, admin, { StartDate: '2025-12-01' });
    clock.set('2026-01-20T08:00:00.000Z');
    const res = await t.call('PATCH', `/v2/Users/${p.id}/TimeOffTypes/${sick}`, {
      token: admin,
      body: { StartingBalance: 4, AccrualRate: 0.33, AccrualStartDate: '2025-12-15', MaximumBalance: null },
    });
    expect(res.status).toBe(200);
    expect(res.body.data).toMatchObject({
      ID: sick,
      CurrentBalance: 4.33, // one accrual on 2026-01-14
      AccrualRate: 0.33,
      AccrualStartDate: '2025-12-15',
      MaximumBalance: null,
    });
    const reset = await t.call('PATCH', `/v2/Users/${p.id}/TimeOffTypes/${sick}`, {
      token: admin,
      body: { ResetToDefaults: true },
    });
    expect(reset.body.data).toMatchObject({
      CurrentBalance: 0,
      AccrualRate: 0,
      AccrualStartDate: '2025-12-01',
    });
    expect(
      (
        await t.call('PATCH', `/v2/Users/${p.id}/TimeOffTypes/${sick}`, {
          token: p.token,
          body: { AccrualRate: 1 },
        })
      ).status,
    ).toBe(403);
    expect(
      (
        await t.call('PATCH', `/v2/Users/${p.id}/TimeOffTypes/${sick}`, {
          token: admin,
          body: { AccrualRate: 0.00001 },
        })
      ).status,
    ).toBe(400);
  });

  it('a person with time off is not deleted (409); one with only balance settings is', async () => {
    const kept = await person(t, admin);
    await t.call('POST', '/v2/Me/TimeOff', {
      token: kept.token,
      body: { Date: '2026-01-02', Hours: 1, TimeOffTypeID: sick },
    });
    const refused = await t.call('DELETE', `/v2/Users/${kept.id}`, { token: admin });
    expect(refused.status).toBe(409);
    const gone = await person(t, admin);
    await t.call('PATCH', `/v2/Users/${gone.id}/TimeOffTypes/${sick}`, {
      token: admin,
      body: { AccrualRate: 1 },
    });
    expect((await t.call('DELETE', `/v2/Users/${gone.id}`, { token: admin })).status).toBe(200);
  });

  it('FutureBalance refuses inactive types (409) and dates that are not dates (400)', async () => {
    const p = await person(t, admin);
    const types = await t.call('GET', '/v2/TimeOffTypes?Name=Comp Time', { token: admin });
    const comp = types.body.data[0].ID;
    expect(
      (await t.call('GET', `/v2/Me/TimeOffTypes/${comp}/FutureBalance/2026-05-01`, { token: p.token }))
        .status,
    ).toBe(409);
    expect(
      (await t.call('GET', `/v2/Me/TimeOffTypes/${vacation}/FutureBalance/2026-02-30`, { token: p.token }))
        .status,
    ).toBe(400);
    expect(
      (await t.call('GET', `/v2/Me/TimeOffTypes/nope/FutureBalance/2026-02-01`, { token: p.token })).status,
    ).toBe(404);
  });

  it('who may see whose balances: /Users needs Add/Edit People, /Manage/Users an approver or reach', async () => {
    const p = await person(t, admin, { Name: 'Pat' });
    const editor = await manager(t, admin, { 'Add/Edit People': 'All' });
    const timeOff = await manager(t, admin, { 'Approve Time Off': 'Divisions' });
    const q = await person(t, admin, { Name: 'Quinn', TimeOffApproverID: timeOff.id });
    const viewer = await manager(t, admin, { 'View People': 'All' });

    expect((await t.call('GET', `/v2/Users/${p.id}/TimeOffTypes`, { token: editor.token })).status).toBe(200);
    expect((await t.call('GET', `/v2/Users/${p.id}/TimeOffTypes`, { token: timeOff.token })).status).toBe(
      403,
    );
    expect((await t.call('GET', `/v2/Users/${p.id}/TimeOffTypes`, { token: p.token })).status).toBe(403);

    expect(
      (await t.call('GET', `/v2/Manage/Users/${q.id}/TimeOffTypes`, { token: timeOff.token })).status,
    ).toBe(200);
    expect(
      (await t.call('GET', `/v2/Manage/Users/${p.id}/TimeOffTypes`, { token: timeOff.token })).status,
    ).toBe(404);
    expect(
      (await t.call('GET', `/v2/Manage/Users/${p.id}/TimeOffTypes/${vacation}`, { token: editor.token }))
        .status,
    ).toBe(200);
    expect(
      (await t.call('GET', `/v2/Manage/Users/${p.id}/TimeOffTypes`, { token: viewer.token })).status,
    ).toBe(403);
    const fb = await t.call(
      'GET',
      `/v2/Manage/Users/${p.id}/TimeOffTypes/${vacation}/FutureBalance/2026-06-01`,
      { token: viewer.token },
    );
    expect(fb.status).toBe(200);
    expect(fb.body.data.TimeOffTypeID).toBe(vacation);
    expect(
      (
        await t.call('GET', `/v2/Manage/Users/${p.id}/TimeOffTypes/${vacation}/FutureBalance/2026-06-01`, {
          token: timeOff.token,
        })
      ).status,
    ).toBe(403);
    const verbose = await t.call('GET', `/v2/Users/${q.id}/TimeOffTypes/${vacation}?Verbose=true`, {
      token: admin,
    });
    expect(verbose.body.data).toMatchObject({ ApproverID: timeOff.id, Approver: { ID: timeOff.id } });
  });

  describe('leave types per employment type', () => {
    it('the association endpoints answer 403 while the restriction is off', async () => {
      const et = await t.call('POST', '/v2/EmploymentTypes', { token: admin, body: { Name: 'Contractor' } });
      const id = et.body.data.ID;
      expect((await t.call('GET', `/v2/EmploymentTypes/${id}/TimeOffTypes`, { token: admin })).status).toBe(
        403,
      );
      expect(
        (await t.call('GET', `/v2/TimeOffTypes/${vacation}/EmploymentTypes`, { token: admin })).status,
      ).toBe(403);
      expect(
        (await t.call('PUT', `/v2/TimeOffTypes/${vacation}/EmploymentTypes`, { token: admin, body: [id] }))
          .status,
      ).toBe(403);
    });

    it('under "employment type" a person uses only their employment type’s leave types', async () => {
      const full = (
        await t.call('POST', '/v2/EmploymentTypes', { token: admin, body: { Name: 'Full time' } })
      ).body.data.ID;
      const part = (
        await t.call('POST', '/v2/EmploymentTypes', { token: admin, body: { Name: 'Part time' } })
      ).body.data.ID;
      const ft = await person(t, admin, { EmploymentTypeID: full });
      const pt = await person(t, admin, { EmploymentTypeID: part });
      await t.call('PATCH', '/v2/Company', {
        token: admin,
        body: { TimeOffTypeRestrictionMethod: 'employment type' },
      });
      try {
        const added = await t.call('POST', `/v2/EmploymentTypes/${full}/TimeOffTypes`, {
          token: admin,
          body: { TimeOffTypeID: vacation },
        });
        expect(added.status).toBe(200);
        expect(added.body.data).toEqual([vacation]);
        const both = await t.call('PUT', `/v2/EmploymentTypes/${full}/TimeOffTypes`, {
          token: admin,
          body: [sick, vacation],
        });
        expect(both.body.data).toEqual([sick, vacation]); // by Name
        expect(
          (await t.call('GET', `/v2/TimeOffTypes/${vacation}/EmploymentTypes`, { token: admin })).body.data,
        ).toEqual([full]);
        const viaType = await t.call('POST', `/v2/TimeOffTypes/${sick}/EmploymentTypes`, {
          token: admin,
          body: { EmploymentTypeID: part },
        });
        expect(viaType.body.data).toContain(part);

        const mine = await t.call('GET', '/v2/Me/TimeOffTypes', { token: pt.token });
        expect(mine.body.data.map((x: any) => x.ID)).toEqual([sick]);
        const refused = await t.call('POST', '/v2/Me/TimeOff', {
          token: pt.token,
          body: { Date: '2026-01-05', Hours: 1, TimeOffTypeID: vacation },
        });
        expect(refused.status).toBe(400);
        expect(fieldsOf(refused)).toEqual(['TimeOffTypeID']);
        expect(
          (
            await t.call('POST', '/v2/Me/TimeOff', {
              token: ft.token,
              body: { Date: '2026-01-05', Hours: 1, TimeOffTypeID: vacation },
            })
          ).status,
        ).toBe(201);

        const verbose = await t.call('GET', `/v2/TimeOffTypes/${sick}?Verbose=true`, { token: admin });
        expect(verbose.body.data.EmploymentTypeIDs.sort()).toEqual([full, part].sort());

        expect(
          (await t.call('DELETE', `/v2/EmploymentTypes/${full}/TimeOffTypes/${sick}`, { token: admin })).body
            .data,
        ).toEqual([vacation]);
        expect(
          (await t.call('DELETE', `/v2/EmploymentTypes/${full}/TimeOffTypes/${sick}`, { token: admin }))
            .status,
        ).toBe(404);
        const unknown = await t.call('PUT', `/v2/EmploymentTypes/${full}/TimeOffTypes`, {
          token: admin,
          body: [vacation, 'nope'],
        });
        expect(unknown.status).toBe(400);
        expect(fieldsOf(unknown)).toEqual(['[1]']);
        expect(
          (
            await t.call('POST', `/v2/EmploymentTypes/nope/TimeOffTypes`, {
              token: admin,
              body: { TimeOffTypeID: vacation },
            })
          ).status,
        ).toBe(404);
        const etViewer = await manager(t, admin, { 'View Employment Types': 'All' });
        expect(
          (await t.call('GET', `/v2/EmploymentTypes/${full}/TimeOffTypes`, { token: etViewer.token })).status,
        ).toBe(200);
        expect(
          (
            await t.call('POST', `/v2/EmploymentTypes/${full}/TimeOffTypes`, {
              token: etViewer.token,
              body: { TimeOffTypeID: sick },
            })
          ).status,
        ).toBe(403);
        expect(
          (await t.call('GET', `/v2/TimeOffTypes/${sick}/EmploymentTypes`, { token: etViewer.token })).status,
        ).toBe(403);
      } finally {
        await t.call('PATCH', '/v2/Company', {
          token: admin,
          body: { TimeOffTypeRestrictionMethod: 'none' },
        });
      }
    });
  });
});
