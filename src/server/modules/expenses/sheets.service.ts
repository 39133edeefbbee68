/**
 * Expense sheets (API.md §4.12, §6.4): listing, creating, changing and deleting them in the /Me, root
 * and /Manage scopes, and their workflow. State changes run in a transaction that locks the sheet and
 * updates it only if its status is still the one the rules were checked against, so two approvers at
 * once get one success and one 409.
 */
import type {
  ExpenseSheetActionBody,
  ExpenseSheetCreate,
  ExpenseSheetUpdate,
} from '../../../contract/expenses.js';
import type { Deps } from '../../deps.js';
import type { Db } from '../../db/connect.js';
import { AppError, FieldErrors, forbidden, notFound } from '../../errors.js';
import type { Paging } from '../../http/paging.js';
import { todayOf } from '../../lib/dates.js';
import type { Actor } from '../../lib/permissions.js';
import type { EffectiveSettings } from '../company/index.js';
import { findUser, type UserRecord } from '../users/index.js';
import { loadPeople, openExpenses, ownerOf } from './expenses.access.js';
import type { BasicUserWire, SheetEmbeds } from './expenses.mapper.js';
import {
  APPROVE,
  actionReach,
  callerRole,
  reachOf,
  reaches,
  readReach,
  writeReach,
  type ExpenseScope,
  type Reach,
} from './expenses.policy.js';
import {
  availableActions,
  callerMay,
  editableBy,
  nextStatus,
  stateActions,
  type SheetState,
  type WorkflowAction,
} from './expenses.workflow.js';
import {
  deleteSheet,
  findSheet,
  hasForeignItems,
  insertHistory,
  insertSheet,
  listHistory,
  listSheets,
  lockSheets,
  saveSheetFields,
  transitionSheet,
  type DefaultSheetOrder,
  type SheetFilter,
  type SheetRecord,
  type SheetSort,
} from './sheets.store.js';

const at = (prefix: string, field: string) => (prefix ? `${prefix}.${field}` : field);

export const basicUserOf = (u: UserRecord): BasicUserWire => ({
  ID: u.id,
  Name: u.name,
  Email: u.email,
  IsActive: u.isActive,
});

function readGate(actor: Actor, scope: ExpenseScope): Reach {
  const reach = readReach(actor, scope);
  if (reach.kind === 'none') {
    throw forbidden(
      scope === 'root'
        ? 'You need the Review Expenses permission.'
        : 'You need the Review Expenses or Approve Expenses permission.',
    );
  }
  return reach;
}

function writeGate(actor: Actor, scope: ExpenseScope): Reach {
  const reach = writeReach(actor, scope);
  if (reach.kind === 'none') throw forbidden('You need the Override Expenses permission.');
  return reach;
}

/** Who edits: the owner through /Me (before submission), or an Admin/Override manager (until paid). */
const editorOf = (scope: ExpenseScope): 'owner' | 'override' => (scope === 'me' ? 'owner' : 'override');

async function findReachable(
  deps: Deps,
  actor: Actor,
  reach: Reach,
  id: string,
): Promise<{ sheet: SheetRecord; owner: UserRecord }> {
  const sheet = await findSheet(deps.db, actor.companyId, id);
  const owner = sheet && (await findUser(deps.db, actor.companyId, sheet.userId));
  if (!sheet || !owner || !reaches(reach, ownerOf(owner))) throw notFound('expense sheet');
  return { sheet, owner };
}

// ——— reading ———

export interface SheetListQuery {
  filter: Omit<SheetFilter, 'reach'>;
  sort: SheetSort | undefined;
  paging: Paging;
}

const ORDER: Record<ExpenseScope, DefaultSheetOrder> = { me: 'me', root: 'root', manage: 'manage' };

export async function listSheetsFor(deps: Deps, actor: Actor, scope: ExpenseScope, q: SheetListQuery) {
  await openExpenses(deps, actor);
  const reach = readGate(actor, scope);
  return listSheets(deps.db, actor.companyId, { ...q.filter, reach }, ORDER[scope], q.sort, q.paging);
}

export async function getSheetFor(
  deps: Deps,
  actor: Actor,
  scope: ExpenseScope,
  id: string,
): Promise<SheetRecord> {
  await openExpenses(deps, actor);
  return (await findReachable(deps, actor, readGate(actor, scope), id)).sheet;
}

/** The actions valid now for this caller; in /Me, none for a person not subject to expense approval. */
function actionsFor(
  actor: Actor,
  scope: ExpenseScope,
  sheet: SheetRecord,
  owner: UserRecord,
  settings: EffectiveSettings,
): WorkflowAction[] {
  if (scope === 'me' && !owner.subjectToExpenseApproval) return [];
  return availableActions(
    stateOf(sheet, owner),
    callerRole(actor, ownerOf(owner), settings.AllowManagerUnapproval),
  );
}

const stateOf = (sheet: SheetRecord, owner: UserRecord): SheetState => ({
  status: sheet.status,
  wasApproved: sheet.approvedByUserId !== null,
  ownerSubjectToApproval: owner.subjectToExpenseApproval,
});

/** Related people and the caller's actions for Verbose=true, fetched in bulk for a page of sheets. */
export async function sheetEmbeds(
  deps: Deps,
  actor: Actor,
  scope: ExpenseScope,
  sheets: SheetRecord[],
): Promise<SheetEmbeds> {
  const settings = await openExpenses(deps, actor);
  const ids = sheets.flatMap((s) => [s.userId, s.submittedByUserId, s.approvedByUserId, s.rejectedByUserId]);
  const people = await loadPeople(
    deps.db,
    actor.companyId,
    ids.filter((v): v is string => v !== null),
  );
  const actions = new Map<string, WorkflowAction[]>();
  for (const s of sheets) {
    const owner = people.get(s.userId);
    if (owner) actions.set(s.id, actionsFor(actor, scope, s, owner, settings));
  }
  return { users: new Map([...people.values()].map((u) => [u.id, basicUserOf(u)])), actions };
}

// ——— writing ———

/** GET /ExpenseSheets/new: a new sheet for the caller, nothing stored. */
export async function sheetTemplate(deps: Deps, actor: Actor): Promise<SheetRecord> {
  await openExpenses(deps, actor);
  const now = deps.clock().toISOString();
  return newSheet(actor.companyId, '', actor.userId, todayOf(deps.clock()), now);
}

function newSheet(companyId: string, id: string, userId: string, date: string, now: string): SheetRecord {
  return {
    companyId,
    id,
    userId,
    title: '',
    expenseSheetDate: date,
    description: '',
    trackingId: '',
    enableForeignCurrency: false,
    status: 'open',
    check: null,
    comment: null,
    totalAmount: 0,
    reimbursableAmount: 0,
    itemCount: 0,
    submittedByUserId: null,
    submittedAt: null,
    approvedByUserId: null,
    approvedAt: null,
    rejectedByUserId: null,
    rejectedAt: null,
    paidByUserId: null,
    paidAt: null,
    createdAt: now,
    updatedAt: now,
  };
}

/** Creates one or many sheets atomically (DECISIONS 8). Root and /Manage may name the owner (UserID). */
export async function createSheets(
  deps: Deps,
  actor: Actor,
  scope: ExpenseScope,
  inputs: ExpenseSheetCreate[],
  batch: boolean,
): Promise<SheetRecord[]> {
  await openExpenses(deps, actor);
  const reach = writeGate(actor, scope);
  if (scope === 'manage' && reachOf(actor, [APPROVE]).kind === 'none') {
    throw forbidden(
      'Creating sheets through /Manage needs the Approve Expenses and Override Expenses permissions.',
    );
  }
  const ownerIds = inputs.map((i) => (scope === 'me' ? actor.userId : (i.UserID ?? actor.userId)));
  const people = await loadPeople(deps.db, actor.companyId, ownerIds);
  const now = deps.clock().toISOString();
  const errors = new FieldErrors();
  const records: SheetRecord[] = [];
  for (const [i, input] of inputs.entries()) {
    const prefix = batch ? `[${i}]` : '';
    const owner = people.get(ownerIds[i]!);
    if (!owner) {
      errors.add(at(prefix, 'UserID'), 'UserID does not name a person of this company.', ['invalid_field']);
      continue;
    }
    if (!reaches(reach, ownerOf(owner)))
      throw forbidden('You can create expense sheets only for people whose expenses you manage.');
    const sheet = newSheet(actor.companyId, deps.newId(), owner.id, input.ExpenseSheetDate, now);
    sheet.title = input.Title.trim();
    if (sheet.title === '') errors.add(at(prefix, 'Title'), 'Title must not be empty.', ['invalid_field']);
    sheet.description = input.Description ?? '';
    sheet.trackingId = input.TrackingID ?? '';
    sheet.enableForeignCurrency = input.EnableForeignCurrency ?? false;
    records.push(sheet);
  }
  errors.throwIfAny();
  await deps.db.transaction().execute(async (tx) => {
    for (const r of records) await insertSheet(tx, r);
  });
  return records;
}

/** Locks one sheet and checks that the scope may still change it. */
async function lockEditable(
  deps: Deps,
  tx: Db,
  actor: Actor,
  scope: ExpenseScope,
  id: string,
): Promise<SheetRecord> {
  const sheet = (await lockSheets(tx, deps.dialect.name, actor.companyId, [id])).get(id);
  if (!sheet) throw notFound('expense sheet');
  if (!editableBy(sheet.status, editorOf(scope))) {
    throw new AppError(
      'invalid_state',
      scope === 'me'
        ? `This expense sheet is ${sheet.status}; it can change only while open or rejected.`
        : 'This expense sheet is paid; revert it to unpaid before changing it.',
    );
  }
  return sheet;
}

export async function updateSheet(
  deps: Deps,
  actor: Actor,
  scope: ExpenseScope,
  id: string,
  input: ExpenseSheetUpdate,
): Promise<SheetRecord> {
  await openExpenses(deps, actor);
  await findReachable(deps, actor, writeGate(actor, scope), id);
  const errors = new FieldErrors();
  if (input.Title !== undefined && input.Title.trim() === '')
    errors.add('Title', 'Title must not be empty.', ['invalid_field']);
  errors.throwIfAny();
  return deps.db.transaction().execute(async (tx) => {
    const sheet = await lockEditable(deps, tx, actor, scope, id);
    if (input.Title !== undefined) sheet.title = input.Title.trim();
    if (input.ExpenseSheetDate !== undefined) sheet.expenseSheetDate = input.ExpenseSheetDate;
    if (input.Description !== undefined) sheet.description = input.Description ?? '';
    if (input.TrackingID !== undefined) sheet.trackingId = input.TrackingID ?? '';
    if (input.EnableForeignCurrency !== undefined) {
      if (
        !input.EnableForeignCurrency &&
        sheet.enableForeignCurrency &&
        (await hasForeignItems(tx, actor.companyId, id))
      ) {
        throw new AppError(
          'invalid_state',
          'Items of this sheet have foreign amounts; change them before turning EnableForeignCurrency off.',
          {
            field: 'EnableForeignCurrency',
          },
        );
      }
      sheet.enableForeignCurrency = input.EnableForeignCurrency;
    }
    sheet.updatedAt = deps.clock().toISOString();
    await saveSheetFields(tx, sheet);
    return sheet;
  });
}

/** Deletes a sheet with its items, receipts and history. */
export async function removeSheet(deps: Deps, actor: Actor, scope: ExpenseScope, id: string): Promise<void> {
  await openExpenses(deps, actor);
  await findReachable(deps, actor, writeGate(actor, scope), id);
  await deps.db.transaction().execute(async (tx) => {
    await lockEditable(deps, tx, actor, scope, id);
    await deleteSheet(tx, actor.companyId, id);
  });
}

// ——— workflow ———

function actionGate(actor: Actor, scope: ExpenseScope): Reach {
  const reach = actionReach(actor, scope);
  if (reach.kind === 'none') {
    throw forbidden(
      scope === 'root'
        ? 'You need the Approve Expenses, Override Expenses or Mark Expenses as Paid permission.'
        : 'You need the Approve Expenses permission.',
    );
  }
  return reach;
}

/** GET …/Actions: what this caller may do to the sheet now. */
export async function listSheetActions(
  deps: Deps,
  actor: Actor,
  scope: ExpenseScope,
  id: string,
): Promise<WorkflowAction[]> {
  const settings = await openExpenses(deps, actor);
  const { sheet, owner } = await findReachable(deps, actor, readGate(actor, scope), id);
  return actionsFor(actor, scope, sheet, owner, settings);
}

export interface ActionResult {
  sheet: SheetRecord;
  warnings: string[];
}

/** POST …/Actions: performs one workflow action. */
export async function performSheetAction(
  deps: Deps,
  actor: Actor,
  scope: ExpenseScope,
  id: string,
  body: ExpenseSheetActionBody,
): Promise<ActionResult> {
  const settings = await openExpenses(deps, actor);
  const reach = actionGate(actor, scope);
  const { owner: ownerAtStart } = await findReachable(deps, actor, reach, id);
  if (scope === 'me' && !ownerAtStart.subjectToExpenseApproval) {
    throw forbidden(
      'You are not subject to expense approval, so your sheets have no approval step; an Admin or a manager with Mark Expenses as Paid settles them.',
    );
  }
  const me = await findUser(deps.db, actor.companyId, actor.userId);
  const warnings: string[] = [];
  if (body.CCNotifications?.length)
    warnings.push('CCNotifications were ignored: Punchclock sends no e-mail for expense actions.');
  const comment = body.Comment?.trim() || null;
  const now = deps.clock().toISOString();

  const sheet = await deps.db.transaction().execute(async (tx) => {
    const locked = (await lockSheets(tx, deps.dialect.name, actor.companyId, [id])).get(id);
    const owner = locked && (await findUser(tx, actor.companyId, locked.userId));
    if (!locked || !owner) throw notFound('expense sheet');
    const state = stateOf(locked, owner);
    const action = body.Action;
    if (action === 'None' || !stateActions(state).includes(action)) {
      throw new AppError(
        'invalid_state',
        `${action} is not possible now: the expense sheet is ${locked.status}.`,
        { field: 'Action' },
      );
    }
    const role = callerRole(actor, ownerOf(owner), settings.AllowManagerUnapproval);
    if (!callerMay(action, role)) throw forbidden(`You may not ${action} this expense sheet.`);
    if (action === 'Reject' && !comment) {
      throw new AppError('invalid_field', 'A Comment is required to reject an expense sheet.', {
        field: 'Comment',
      });
    }
    if (action === 'UndoApproval' && role.isOwner && !comment) {
      throw new AppError(
        'invalid_field',
        'A Comment is required to undo the approval of your own expense sheet.',
        { field: 'Comment' },
      );
    }
    const next: SheetRecord = { ...locked, status: nextStatus(state, action), comment, updatedAt: now };
    switch (action) {
      case 'Submit':
        Object.assign(next, {
          submittedByUserId: actor.userId,
          submittedAt: now,
          approvedByUserId: null,
          approvedAt: null,
        });
        Object.assign(next, { rejectedByUserId: null, rejectedAt: null });
        break;
      case 'UndoSubmit':
        Object.assign(next, { submittedByUserId: null, submittedAt: null });
        break;
      case 'Approve':
        Object.assign(next, {
          approvedByUserId: actor.userId,
          approvedAt: now,
          rejectedByUserId: null,
          rejectedAt: null,
        });
        break;
      case 'Reject':
        Object.assign(next, {
          rejectedByUserId: actor.userId,
          rejectedAt: now,
          approvedByUserId: null,
          approvedAt: null,
        });
        break;
      case 'UndoApproval':
        Object.assign(next, { approvedByUserId: null, approvedAt: null });
        break;
      case 'MarkPaid':
        Object.assign(next, { paidByUserId: actor.userId, paidAt: now, check: body.Check?.trim() || null });
        break;
      case 'RevertToUnpaid':
        Object.assign(next, { paidByUserId: null, paidAt: null, check: null });
        break;
    }
    if (!(await transitionSheet(tx, next, locked.status))) {
      throw new AppError('invalid_state', 'The expense sheet changed meanwhile; read it again.', {
        field: 'Action',
      });
    }
    await insertHistory(tx, actor.companyId, id, {
      action,
      actionByUserId: actor.userId,
      actionByUserName: me?.name ?? '',
      comment,
      createdAt: now,
    });
    return next;
  });
  return { sheet, warnings };
}

export async function sheetHistory(
  deps: Deps,
  actor: Actor,
  scope: ExpenseScope,
  id: string,
  paging: Paging,
) {
  await openExpenses(deps, actor);
  await findReachable(deps, actor, readGate(actor, scope), id);
  return listHistory(deps.db, actor.companyId, id, paging);
}

export async function historyUsers(
  deps: Deps,
  actor: Actor,
  ids: (string | null)[],
): Promise<Map<string, BasicUserWire>> {
  const people = await loadPeople(
    deps.db,
    actor.companyId,
    ids.filter((v): v is string => v !== null),
  );
  return new Map([...people.values()].map((u) => [u.id, basicUserOf(u)]));
}
