/**
 * The expense-sheet workflow over the wire on SQLite and PostgreSQL: owner, designated approver,
 * payer and Admin; the actions each may see and perform; read-only items after submission; history;
 * and race-free approvals (two approvers at once: one 200, one 409).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../support/app.js';
import { testDialects } from '../support/db.js';
import {
  getSheet,
  item,
  person,
  seededTypes,
  sheet,
  type Person,
  type SeededTypes,
} from './expenses.fixtures.js';

const dialects = await testDialects();

describe.each(dialects)('Expense workflow on %s', (dialect) => {
  let t: TestApp;
  let acme: Awaited<ReturnType<TestApp['company']>>;
  let other: Awaited<ReturnType<TestApp['company']>>;
  let types: SeededTypes;
  let approver: Person; // manager, designated approver of `owner`; permissions limited to his approvees
  let owner: Person; // standard, subject to approval
  let payer: Person; // manager with Mark Expenses as Paid
  let bystander: Person; // manager with Approve Expenses (All) but nobody's approver
  let plain: Person; // manager without expense permissions
  let loner: Person; // standard, not subject to approval

  beforeAll(async () => {
    t = await createTestApp(dialect);
    acme = await t.company('Acme');
    other = await t.company('Other');
    types = await seededTypes(t, acme.Token);
    approver = await person(t, acme.Token, {
      Name: 'Anna Approver',
      SecurityLevel: 'MANAGER',
      permissions: [
        { Name: 'Approve Expenses', AccessLevel: 'Divisions' },
        { Name: 'Review Expenses', AccessLevel: 'Divisions' },
      ],
    });
    owner = await person(t, acme.Token, {
      Name: 'Oscar Owner',
      SubjectToExpenseApproval: true,
      ExpenseApproverID: approver.id,
    });
    payer = await person(t, acme.Token, {
      Name: 'Paula Payer',
      SecurityLevel: 'MANAGER',
      permissions: [
        { Name: 'Mark Expenses as Paid', AccessLevel: 'All' },
        { Name: 'Review Expenses', AccessLevel: 'All' },
      ],
    });
    bystander = await person(t, acme.Token, {
      Name: 'Bert Bystander',
      SecurityLevel: 'MANAGER',
      permissions: [
        { Name: 'Approve Expenses', AccessLevel: 'All' },
        { Name: 'Review Expenses', AccessLevel: 'All' },
      ],
    });
    plain = await person(t, acme.Token, {
      Name: 'Pete Plain',
      SecurityLevel: 'MANAGER',
      permissions: [{ Name: 'View People', AccessLevel: 'All' }],
    });
    loner = await person(t, acme.Token, { Name: 'Lena Loner' });
  });
  afterAll(() => t.close());

  const act = (token: string, id: string, body: Record<string, unknown>, base = '/v2/ExpenseSheets') =>
    t.call('POST', `${base}/${id}/Actions`, { token, body });
  const actionsOf = async (token: string, id: string, base = '/v2/ExpenseSheets') => {
    const res = await t.call('GET', `${base}/${id}/Actions`, { token });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    return res.body.data;
  };

  async function sheetWithItem(p: Person, amount = 42.5) {
    const s = await sheet(t, p.token);
    const i = await item(t, p.token, {
      ExpenseSheetID: s,
      ExpenseTypeID: types.meals,
      PaymentTypeID: types.cash,
      Amount: amount,
    });
    return { s, i };
  }

  it('goes open → waiting → rejected → waiting → approved → paid → approved → waiting → approved, by the right people', async () => {
    const { s, i } = await sheetWithItem(owner);
    expect(await actionsOf(owner.token, s, '/v2/Me/ExpenseSheets')).toEqual([{ Action: 'Submit' }]);
    expect(await actionsOf(approver.token, s)).toEqual([]);

    const submitted = await act(owner.token, s, { Action: 'submit' }, '/v2/Me/ExpenseSheets');
    expect(submitted.status).toBe(200);
    expect(submitted.body.data).toMatchObject({
      Status: 'waiting',
      SubmittedByUserID: owner.id,
      Paid: false,
    });
    expect(submitted.body.data.UserID).toBeUndefined();

    // Items and the sheet are read-only to their owner now.
    const newItem = {
      ExpenseSheetID: s,
      ExpenseDate: '2026-03-01',
      ExpenseTypeID: types.meals,
      PaymentTypeID: types.cash,
      Amount: 1,
    };
    expect((await t.call('POST', '/v2/Me/ExpenseItems', { token: owner.token, body: newItem })).status).toBe(
      409,
    );
    expect(
      (await t.call('PATCH', `/v2/Me/ExpenseItems/${i.ID}`, { token: owner.token, body: { Amount: 1 } }))
        .status,
    ).toBe(409);
    expect((await t.call('DELETE', `/v2/Me/ExpenseItems/${i.ID}`, { token: owner.token })).status).toBe(409);
    expect(
      (await t.call('PATCH', `/v2/Me/ExpenseSheets/${s}`, { token: owner.token, body: { Title: 'x' } }))
        .status,
    ).toBe(409);
    expect((await t.call('DELETE', `/v2/Me/ExpenseSheets/${s}`, { token: owner.token })).status).toBe(409);

    expect(await actionsOf(owner.token, s, '/v2/Me/ExpenseSheets')).toEqual([{ Action: 'UndoSubmit' }]);
    expect(await actionsOf(approver.token, s)).toEqual(['Approve', 'Reject', 'UndoSubmit']);
    expect(await actionsOf(approver.token, s, '/v2/Manage/ExpenseSheets')).toEqual([
      'Approve',
      'Reject',
      'UndoSubmit',
    ]);
    expect(await actionsOf(bystander.token, s)).toEqual([]);
    expect(await actionsOf(acme.Token, s)).toEqual(['Approve', 'Reject', 'UndoSubmit']);

    expect((await act(owner.token, s, { Action: 'Approve' }, '/v2/Me/ExpenseSheets')).status).toBe(403);
    expect((await act(bystander.token, s, { Action: 'Approve' })).status).toBe(403);
    const noComment = await act(approver.token, s, { Action: 'Reject' });
    expect(noComment.status).toBe(400);
    expect(noComment.body.errors[0].Field).toBe('Comment');
    const rejected = await act(
      approver.token,
      s,
      { Action: 'Reject', Comment: 'Receipt missing' },
      '/v2/Manage/ExpenseSheets',
    );
    expect(rejected.status).toBe(200);
    expect(rejected.body.data).toMatchObject({
      Status: 'rejected',
      RejectedByUserID: approver.id,
      UserID: owner.id,
    });

    // Rejected sheets are editable again, and go back for approval.
    expect(
      (await t.call('PATCH', `/v2/Me/ExpenseItems/${i.ID}`, { token: owner.token, body: { Amount: 40 } }))
        .status,
    ).toBe(200);
    expect(
      (
        await act(
          owner.token,
          s,
          { Action: 'Submit', CCNotifications: ['boss@example.test'] },
          '/v2/Me/ExpenseSheets',
        )
      ).body.meta.Warnings,
    ).toHaveLength(1);
    const approved = await act(
      approver.token,
      s,
      { Action: 'Approve', Comment: 'Fine' },
      '/v2/Manage/ExpenseSheets',
    );
    expect(approved.status).toBe(200);
    expect(approved.body.data).toMatchObject({
      Status: 'approved',
      ApprovedByUserID: approver.id,
      RejectedByUserID: null,
    });
    expect((await act(owner.token, s, { Action: 'UndoSubmit' }, '/v2/Me/ExpenseSheets')).status).toBe(409);
    expect((await act(approver.token, s, { Action: 'MarkPaid' })).status).toBe(403);
    expect((await act(approver.token, s, { Action: 'MarkPaid' }, '/v2/Manage/ExpenseSheets')).status).toBe(
      403,
    );
    expect((await act(plain.token, s, { Action: 'MarkPaid' })).status).toBe(403);

    expect(await actionsOf(payer.token, s)).toEqual(['MarkPaid']);
    const paid = await act(payer.token, s, { Action: 'MarkPaid', Check: '1001' });
    expect(paid.status).toBe(200);
    expect(paid.body.data).toMatchObject({ Status: 'paid', Paid: true, Check: '1001', TotalAmount: 40 });
    const paidList = await t.call('GET', `/v2/ExpenseSheets?Paid=true&UserID=${owner.id}`, {
      token: payer.token,
    });
    expect(paidList.body.data.map((x: any) => x.ID)).toEqual([s]);
    // A paid sheet is locked for everyone, the Admin included.
    expect(
      (await t.call('PATCH', `/v2/ExpenseItems/${i.ID}`, { token: acme.Token, body: { Amount: 1 } })).status,
    ).toBe(409);
    expect((await t.call('DELETE', `/v2/ExpenseSheets/${s}`, { token: acme.Token })).status).toBe(409);

    const reverted = await act(payer.token, s, { Action: 'RevertToUnpaid' });
    expect(reverted.body.data).toMatchObject({ Status: 'approved', Paid: false, Check: null });
    const undone = await act(approver.token, s, { Action: 'UndoApproval', Comment: 'Wrong amount?' });
    expect(undone.status).toBe(200);
    expect(undone.body.data).toMatchObject({ Status: 'waiting', ApprovedByUserID: null });
    // Admins approve any sheet, without being its approver.
    expect((await act(acme.Token, s, { Action: 'Approve' })).body.data.Status).toBe('approved');

    const history = await t.call('GET', `/v2/Me/ExpenseSheets/${s}/History`, { token: owner.token });
    expect(history.status).toBe(200);
    expect(history.body.data.map((h: any) => h.Action)).toEqual([
      'Approve',
      'UndoApproval',
      'RevertToUnpaid',
      'MarkPaid',
      'Approve',
      'Submit',
      'Reject',
      'Submit',
    ]);
    expect(history.body.data[6]).toMatchObject({
      ActionByUserID: approver.id,
      ActionByUserName: 'Anna Approver',
      Comment: 'Receipt missing',
    });
    expect(history.body.page.count).toBe(8);
    const rootHistory = await t.call('GET', `/v2/ExpenseSheets/${s}/History?Verbose=true&limit=2`, {
      token: payer.token,
    });
    expect(rootHistory.body.data).toHaveLength(2);
    expect(rootHistory.body.data[0].ActionByUser).toMatchObject({ ID: acme.UserID, Name: 'Ada Admin' });
    expect((await t.call('GET', `/v2/Me/ExpenseSheets/${s}/History`, { token: payer.token })).status).toBe(
      404,
    );
    expect((await t.call('GET', `/v2/ExpenseSheets/${s}/History`, { token: other.Token })).status).toBe(404);

    const verbose = await getSheet(t, approver.token, s, '/v2/ExpenseSheets');
    expect(verbose).toMatchObject({
      SubmittedBy: 'Oscar Owner',
      ApprovedBy: 'Ada Admin',
      Comment: null,
      Actions: [{ Action: 'UndoApproval' }],
      User: { ID: owner.id, Name: 'Oscar Owner' },
    });
    expect(verbose.ApprovedDate).toMatch(/Z$/);
  });

  it('answers 400 for an unknown action, 409 for one not valid now, 403 without the permission', async () => {
    const { s } = await sheetWithItem(owner);
    const unknown = await act(owner.token, s, { Action: 'Fly' }, '/v2/Me/ExpenseSheets');
    expect(unknown.status).toBe(400);
    expect(unknown.body.errors[0].Field).toBe('Action');
    expect((await act(owner.token, s, {}, '/v2/Me/ExpenseSheets')).status).toBe(400);
    expect((await act(owner.token, s, { Action: 'None' }, '/v2/Me/ExpenseSheets')).status).toBe(409);
    const early = await act(acme.Token, s, { Action: 'Approve' });
    expect(early.status).toBe(409);
    expect(early.body.errors[0].MessageDetail).toEqual(['invalid_state']);
    expect((await act(acme.Token, s, { Action: 'RevertToUnpaid' })).status).toBe(409);
    expect((await act(plain.token, s, { Action: 'Submit' })).status).toBe(403);
    expect((await act(owner.token, s, { Action: 'Submit' })).status).toBe(403); // root needs a permission
    expect((await t.call('GET', `/v2/ExpenseSheets/${s}/Actions`, { token: plain.token })).status).toBe(403);
    expect((await act(other.Token, s, { Action: 'Submit' })).status).toBe(404);
    expect((await act(loner.token, s, { Action: 'Submit' }, '/v2/Me/ExpenseSheets')).status).toBe(404);
    expect(
      (await act(owner.token, 'no-such-sheet', { Action: 'Submit' }, '/v2/Me/ExpenseSheets')).status,
    ).toBe(404);
  });

  it('shows /Manage the approver’s approvees only', async () => {
    const mine = await sheet(t, owner.token, { Title: 'Approvee sheet' });
    const notMine = await sheet(t, loner.token, { Title: 'Someone else' });
    const list = await t.call('GET', '/v2/Manage/ExpenseSheets?limit=1000', { token: approver.token });
    expect(list.status).toBe(200);
    const ids = list.body.data.map((x: any) => x.ID);
    expect(ids).toContain(mine);
    expect(ids).not.toContain(notMine);
    expect(list.body.data.every((x: any) => x.UserID === owner.id)).toBe(true);
    expect(
      (await t.call('GET', `/v2/Manage/ExpenseSheets/${notMine}`, { token: approver.token })).status,
    ).toBe(404);
    const items = await t.call('GET', '/v2/Manage/ExpenseItems?limit=1000', { token: approver.token });
    expect(items.status).toBe(200);
    expect(items.body.data.every((x: any) => x.UserID === owner.id)).toBe(true);
    expect((await t.call('GET', '/v2/Manage/ExpenseSheets', { token: plain.token })).status).toBe(403);
    expect((await t.call('GET', '/v2/Manage/ExpenseSheets', { token: owner.token })).status).toBe(403);
  });

  it('gives a person who is not subject to approval no approval step: /Me actions are refused, payers settle the open sheet', async () => {
    const { s, i } = await sheetWithItem(loner, 10);
    expect(await actionsOf(loner.token, s, '/v2/Me/ExpenseSheets')).toEqual([]);
    const refused = await act(loner.token, s, { Action: 'Submit' }, '/v2/Me/ExpenseSheets');
    expect(refused.status).toBe(403);
    expect(await actionsOf(acme.Token, s)).toEqual(['MarkPaid']);
    expect((await act(acme.Token, s, { Action: 'Submit' })).status).toBe(409);
    const paid = await act(payer.token, s, { Action: 'MarkPaid' });
    expect(paid.body.data).toMatchObject({ Status: 'paid', Paid: true, Check: null });
    expect(
      (await t.call('PATCH', `/v2/Me/ExpenseItems/${i.ID}`, { token: loner.token, body: { Amount: 11 } }))
        .status,
    ).toBe(409);
    const back = await act(payer.token, s, { Action: 'RevertToUnpaid' });
    expect(back.body.data.Status).toBe('open');
    expect(
      (await t.call('PATCH', `/v2/Me/ExpenseItems/${i.ID}`, { token: loner.token, body: { Amount: 11 } }))
        .status,
    ).toBe(200);
  });

  it('follows Company.AllowManagerUnapproval for managers and asks an owner for a comment to undo own approval', async () => {
    const boss = await person(t, acme.Token, {
      Name: 'Bea Boss',
      SecurityLevel: 'ADMIN',
      SubjectToExpenseApproval: true,
      ExpenseApproverID: approver.id,
    });
    const { s } = await sheetWithItem(owner);
    expect((await act(owner.token, s, { Action: 'Submit' }, '/v2/Me/ExpenseSheets')).status).toBe(200);
    expect((await act(approver.token, s, { Action: 'Approve' })).status).toBe(200);
    const off = await t.call('PATCH', '/v2/Company', {
      token: acme.Token,
      body: { AllowManagerUnapproval: false },
    });
    expect(off.status).toBe(200);
    try {
      expect(await actionsOf(approver.token, s)).toEqual([]);
      expect((await act(approver.token, s, { Action: 'UndoApproval', Comment: 'x' })).status).toBe(403);
      expect((await act(acme.Token, s, { Action: 'UndoApproval' })).status).toBe(200);
    } finally {
      await t.call('PATCH', '/v2/Company', { token: acme.Token, body: { AllowManagerUnapproval: true } });
    }

    // An Admin approving and un-approving her own sheet must say why when undoing.
    const own = await sheetWithItem(boss);
    expect((await act(boss.token, own.s, { Action: 'Submit' }, '/v2/Me/ExpenseSheets')).status).toBe(200);
    expect(await actionsOf(boss.token, own.s, '/v2/Me/ExpenseSheets')).toEqual([
      { Action: 'Approve' },
      { Action: 'Reject' },
      { Action: 'UndoSubmit' },
    ]);
    expect((await act(boss.token, own.s, { Action: 'Approve' }, '/v2/Me/ExpenseSheets')).status).toBe(200);
    const bare = await act(boss.token, own.s, { Action: 'UndoApproval' });
    expect(bare.status).toBe(400);
    expect(bare.body.errors[0].Field).toBe('Comment');
    expect((await act(boss.token, own.s, { Action: 'UndoApproval', Comment: 'Too early' })).status).toBe(200);
  });

  it('lets an overrider change items of a submitted sheet, keeping its totals', async () => {
    const overrider = await person(t, acme.Token, {
      Name: 'Otto Override',
      SecurityLevel: 'MANAGER',
      permissions: [{ Name: 'Override Expenses', AccessLevel: 'All' }],
    });
    const { s, i } = await sheetWithItem(owner, 20);
    expect((await act(owner.token, s, { Action: 'Submit' }, '/v2/Me/ExpenseSheets')).status).toBe(200);
    const fixed = await t.call('PATCH', `/v2/ExpenseItems/${i.ID}`, {
      token: overrider.token,
      body: { Amount: 19.99 },
    });
    expect(fixed.status).toBe(200);
    expect((await getSheet(t, owner.token, s)).TotalAmount).toBe(19.99);
    // An overrider may submit for the owner (root), but not approve.
    expect(await actionsOf(overrider.token, s).catch(() => 'forbidden')).toBe('forbidden');
    expect((await act(overrider.token, s, { Action: 'Approve' })).status).toBe(403);
    expect((await act(overrider.token, s, { Action: 'UndoSubmit' })).status).toBe(200);
    expect((await act(overrider.token, s, { Action: 'Submit' })).body.data).toMatchObject({
      Status: 'waiting',
      SubmittedByUserID: overrider.id,
    });
  });

  it('makes approvals race-free: two approvers at once give one 200 and one 409', async () => {
    for (let round = 0; round < 6; round++) {
      const { s } = await sheetWithItem(owner, round + 1);
      expect((await act(owner.token, s, { Action: 'Submit' }, '/v2/Me/ExpenseSheets')).status).toBe(200);
      const decisions =
        round % 2 === 0
          ? [
              act(acme.Token, s, { Action: 'Approve' }),
              act(approver.token, s, { Action: 'Approve' }, '/v2/Manage/ExpenseSheets'),
            ]
          : [
              act(approver.token, s, { Action: 'Reject', Comment: 'No' }),
              act(acme.Token, s, { Action: 'Approve' }),
            ];
      const results = await Promise.all(decisions);
      expect(results.map((r) => r.status).sort()).toEqual([200, 409]);
      const winner = results.find((r) => r.status === 200)!;
      const final = await getSheet(t, owner.token, s);
      expect(final.Status).toBe(winner.body.data.Status);
      const history = await t.call('GET', `/v2/Me/ExpenseSheets/${s}/History`, { token: owner.token });
      expect(history.body.data.map((h: any) => h.Action)).toEqual([
        round % 2 === 0 ? 'Approve' : winner.body.data.Status === 'rejected' ? 'Reject' : 'Approve',
        'Submit',
      ]);
    }
    // The same for a double submit, and for paying twice.
    const { s } = await sheetWithItem(owner);
    const submits = await Promise.all(
      [1, 2, 3].map(() => act(owner.token, s, { Action: 'Submit' }, '/v2/Me/ExpenseSheets')),
    );
    expect(submits.map((r) => r.status).sort()).toEqual([200, 409, 409]);
    expect((await act(acme.Token, s, { Action: 'Approve' })).status).toBe(200);
    const pays = await Promise.all([
      act(acme.Token, s, { Action: 'MarkPaid', Check: 'A' }),
      act(payer.token, s, { Action: 'MarkPaid', Check: 'B' }),
    ]);
    expect(pays.map((r) => r.status).sort()).toEqual([200, 409]);
  });

  it('never lets an item slip onto a sheet that is being submitted', async () => {
    for (let round = 0; round < 4; round++) {
      const { s } = await sheetWithItem(owner, 5);
      const body = {
        ExpenseSheetID: s,
        ExpenseDate: '2026-03-01',
        ExpenseTypeID: types.meals,
        PaymentTypeID: types.cash,
        Amount: 1,
      };
      const [submit, add] = await Promise.all([
        act(owner.token, s, { Action: 'Submit' }, '/v2/Me/ExpenseSheets'),
        t.call('POST', '/v2/Me/ExpenseItems', { token: owner.token, body }),
      ]);
      expect(submit.status).toBe(200);
      expect([201, 409]).toContain(add.status);
      const final = await getSheet(t, owner.token, s);
      expect(final.TotalAmount).toBe(add.status === 201 ? 6 : 5);
      expect(final.ExpenseItemCount).toBe(add.status === 201 ? 2 : 1);
    }
  });
});
