/**
 * Expense items (API.md §4.12, §6.4): amounts exact to the cent, foreign amounts converted at the
 * item's exchange rate, mileage at the expense type's rate (DECISIONS 18), receipts, and the sheet's
 * totals kept equal to the sums of its items in the same transaction as every change.
 *
 * Rate rule: an item of a mileage type takes its Rate from the type when it is created or moved to
 * another type; it keeps that rate when the type's rate changes later, until an Admin re-applies the
 * type's rate (`reapplyTypeRate`). Only an Admin, on the root and /Manage scopes, may set an item's
 * Rate; anyone else who sends one has it ignored, with a warning in `meta.Warnings` (so that a client
 * may send back an object it has read, DECISIONS 7).
 */
import type { ExpenseItemUpdate } from '../../../contract/expenses.js';
import type { Deps } from '../../deps.js';
import type { Db } from '../../db/connect.js';
import { AppError, FieldErrors, forbidden, notFound } from '../../errors.js';
import type { Paging } from '../../http/paging.js';
import { todayOf } from '../../lib/dates.js';
import { isAdmin, type Actor } from '../../lib/permissions.js';
import type { UserRecord } from '../users/index.js';
import { currencyOf } from './currencies.js';
import { loadPeople, openExpenses, ownerOf } from './expenses.access.js';
import { checkJobReferences, jobEmbeds } from './expenses.jobs.js';
import type { ItemEmbeds } from './expenses.mapper.js';
import {
  EXCHANGE_RATE_SCALE,
  FOREIGN_SCALE,
  itemMoney,
  MAX_AMOUNT_MINOR,
  parseForeignAmount,
  parseMoney,
  parseScaled,
  QUANTITY_SCALE,
  RATE_SCALE,
} from './expenses.money.js';
import {
  maySetItemRate,
  readReach,
  reaches,
  seesExpensesOf,
  writeReach,
  type ExpenseScope,
  type Reach,
} from './expenses.policy.js';
import { decodeReceipt, MAX_RECEIPT_BYTES, type StoredReceiptType } from './expenses.receipts.js';
import { editableBy, REAPPLY_STATUSES } from './expenses.workflow.js';
import {
  deleteItem,
  findItem,
  findReceipt,
  insertItem,
  itemsFollowingTypeRate,
  listItems,
  putReceipt,
  removeReceipt,
  saveItem,
  type ItemFilter,
  type ItemRecord,
  type ItemSort,
} from './items.store.js';
import { basicUserOf } from './sheets.service.js';
import { findSheet, findSheets, lockSheets, refreshSheetTotals, type SheetRecord } from './sheets.store.js';
import {
  findExpenseType,
  findExpenseTypes,
  findPaymentTypes,
  type ExpenseTypeRecord,
  type PaymentTypeRecord,
} from './types.store.js';

const at = (prefix: string, field: string) => (prefix ? `${prefix}.${field}` : field);
const editorOf = (scope: ExpenseScope): 'owner' | 'override' => (scope === 'me' ? 'owner' : 'override');

/** What a write body may carry; on /Me, `Rate` arrives unvalidated and is ignored. */
export type ItemInput = ExpenseItemUpdate & { ExpenseSheetID?: string };

type ReceiptChange =
  { kind: 'keep' } | { kind: 'clear' } | { kind: 'set'; type: StoredReceiptType; data: Buffer };

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

function notEditable(sheet: SheetRecord, scope: ExpenseScope, field: string | null = null): AppError {
  return new AppError(
    'invalid_state',
    scope === 'me'
      ? `The expense sheet is ${sheet.status}; its items can change only while it is open or rejected.`
      : 'The expense sheet is paid; revert it to unpaid before changing its items.',
    { field },
  );
}

// ——— reading ———

export interface ItemListQuery {
  filter: Omit<ItemFilter, 'reach'>;
  sort: ItemSort | undefined;
  paging: Paging;
}

export async function listItemsFor(deps: Deps, actor: Actor, scope: ExpenseScope, q: ItemListQuery) {
  const settings = await openExpenses(deps, actor);
  const reach = readGate(actor, scope);
  const result = await listItems(
    deps.db,
    actor.companyId,
    { ...q.filter, reach },
    scope === 'root' ? 'root' : 'other',
    q.sort,
    q.paging,
  );
  return { ...result, currency: settings.CurrencyISO };
}

export async function getItemFor(deps: Deps, actor: Actor, scope: ExpenseScope, id: string) {
  const settings = await openExpenses(deps, actor);
  const reach = readGate(actor, scope);
  const item = await findItem(deps.db, actor.companyId, id);
  const owner = item && (await loadPeople(deps.db, actor.companyId, [item.userId])).get(item.userId);
  if (!item || !owner || !reaches(reach, ownerOf(owner))) throw notFound('expense item');
  return { item, currency: settings.CurrencyISO };
}

/** Related objects for Verbose=true, fetched in bulk for a page of items. */
export async function itemEmbeds(deps: Deps, actor: Actor, items: ItemRecord[]): Promise<ItemEmbeds> {
  const [sheets, types, paymentTypes, people, jobs] = await Promise.all([
    findSheets(
      deps.db,
      actor.companyId,
      items.map((i) => i.expenseSheetId),
    ),
    findExpenseTypes(
      deps.db,
      actor.companyId,
      items.map((i) => i.expenseTypeId),
    ),
    findPaymentTypes(
      deps.db,
      actor.companyId,
      items.map((i) => i.paymentTypeId),
    ),
    loadPeople(
      deps.db,
      actor.companyId,
      items.map((i) => i.userId),
    ),
    jobEmbeds(deps.db, actor.companyId, items),
  ]);
  const basic = (t: { id: string; name: string; isActive: boolean }) => ({
    ID: t.id,
    Name: t.name,
    IsActive: t.isActive,
  });
  return {
    sheets: new Map(sheets.map((s) => [s.id, s])),
    expenseTypes: new Map(types.map((t) => [t.id, basic(t)])),
    paymentTypes: new Map(paymentTypes.map((t) => [t.id, basic(t)])),
    users: new Map([...people.values()].map((u) => [u.id, basicUserOf(u)])),
    ...jobs,
  };
}

/** GET /ExpenseItems/new: a new item with the caller's default types, nothing stored. */
export async function itemTemplate(deps: Deps, actor: Actor) {
  const settings = await openExpenses(deps, actor);
  const me = (await loadPeople(deps.db, actor.companyId, [actor.userId])).get(actor.userId);
  const [type] = me?.defaultExpenseTypeId
    ? await findExpenseTypes(deps.db, actor.companyId, [me.defaultExpenseTypeId])
    : [];
  const [payment] = me?.defaultPaymentTypeId
    ? await findPaymentTypes(deps.db, actor.companyId, [me.defaultPaymentTypeId])
    : [];
  const now = deps.clock().toISOString();
  const item = newItem(actor.companyId, '', '', actor.userId, now);
  item.expenseDate = todayOf(deps.clock());
  item.expenseTypeId = type?.id ?? '';
  item.paymentTypeId = payment?.id ?? '';
  item.reimbursable = payment?.reimbursable ?? true;
  if (type?.type === 'Mileage') item.rate = type.rate;
  return { item, currency: settings.CurrencyISO };
}

/** A receipt for download: to the owner and anyone who may see the item in some scope. */
export async function getReceipt(
  deps: Deps,
  actor: Actor,
  id: string,
): Promise<{ type: string; data: Buffer }> {
  await openExpenses(deps, actor);
  const item = await findItem(deps.db, actor.companyId, id);
  const owner = item && (await loadPeople(deps.db, actor.companyId, [item.userId])).get(item.userId);
  if (!item || !owner || !seesExpensesOf(actor, ownerOf(owner))) throw notFound('expense item');
  const receipt = item.hasReceipt ? await findReceipt(deps.db, actor.companyId, id) : undefined;
  if (!receipt) throw new AppError('not_found', 'This expense item has no receipt.');
  return receipt;
}

// ——— applying input ———

function newItem(companyId: string, id: string, sheetId: string, userId: string, now: string): ItemRecord {
  return {
    companyId,
    id,
    expenseSheetId: sheetId,
    userId,
    expenseDate: '',
    expenseTypeId: '',
    paymentTypeId: '',
    description: '',
    comment: '',
    amount: 0,
    quantity: null,
    rate: null,
    rateOverridden: false,
    amountForeign: null,
    amountForeignCurrency: null,
    amountForeignExchangeRate: null,
    billable: false,
    reimbursable: true,
    jobId: null,
    taskId: null,
    hasReceipt: false,
    createdAt: now,
    updatedAt: now,
  };
}

interface ApplyContext {
  actor: Actor;
  scope: ExpenseScope;
  prefix: string;
  errors: FieldErrors;
  warnings: string[];
  expenseTypes: Map<string, ExpenseTypeRecord>;
  paymentTypes: Map<string, PaymentTypeRecord>;
  /** The sheet the item will be on. */
  sheet: SheetRecord;
  owner: UserRecord;
  /** The stored item on PATCH; undefined on create. */
  before: ItemRecord | undefined;
}

function fail(ctx: ApplyContext, field: string, message: string): void {
  ctx.errors.add(at(ctx.prefix, field), message, ['invalid_field']);
}

/** Decodes the receipt fields; a receipt over the size limit is a 413 at once. */
export function readReceipt(input: ItemInput, prefix: string, errors: FieldErrors): ReceiptChange {
  if (input.Receipt === undefined) return { kind: 'keep' };
  if (input.Receipt === null || input.Receipt.trim() === '') return { kind: 'clear' };
  if (!input.ReceiptFileType) {
    errors.add(at(prefix, 'ReceiptFileType'), 'ReceiptFileType is required with Receipt.', ['invalid_field']);
    return { kind: 'keep' };
  }
  const decoded = decodeReceipt(input.Receipt, input.ReceiptFileType);
  if (decoded.ok) return { kind: 'set', type: decoded.type, data: decoded.data };
  switch (decoded.problem) {
    case 'too_large':
      throw new AppError(
        'payload_too_large',
        `Receipt is larger than ${MAX_RECEIPT_BYTES / (1024 * 1024)} MiB once decoded.`,
        {
          field: at(prefix, 'Receipt'),
        },
      );
    case 'invalid_base64':
      errors.add(at(prefix, 'Receipt'), 'Receipt must be base64-encoded data.', ['invalid_field']);
      break;
    case 'empty':
      errors.add(at(prefix, 'Receipt'), 'Receipt is empty.', ['invalid_field']);
      break;
    case 'type_mismatch':
      errors.add(at(prefix, 'Receipt'), `Receipt is not a ${input.ReceiptFileType} file.`, ['invalid_field']);
      break;
    case 'unknown_type':
      errors.add(at(prefix, 'ReceiptFileType'), 'ReceiptFileType is not a supported image or PDF type.', [
        'invalid_field',
      ]);
      break;
  }
  return { kind: 'keep' };
}

/** Applies wire input to a draft item in place, collecting every problem and warning. */
function applyInput(item: ItemRecord, input: ItemInput, ctx: ApplyContext): void {
  const { before } = ctx;
  if (input.ExpenseDate !== undefined) item.expenseDate = input.ExpenseDate;
  if (input.Description !== undefined) item.description = input.Description ?? '';
  if (input.Comment !== undefined) item.comment = input.Comment ?? '';
  if (input.Billable !== undefined) item.billable = input.Billable;
  if (input.JobID !== undefined) item.jobId = input.JobID;
  if (input.TaskID !== undefined) item.taskId = input.TaskID;

  // Types: the owner's defaults when a new item names none; a changed type must be active.
  const typeId = input.ExpenseTypeID ?? (before ? undefined : (ctx.owner.defaultExpenseTypeId ?? undefined));
  if (typeId !== undefined) {
    const t = ctx.expenseTypes.get(typeId);
    if (!t) fail(ctx, 'ExpenseTypeID', 'ExpenseTypeID does not name an expense type of this company.');
    else if (!t.isActive && t.id !== before?.expenseTypeId)
      fail(ctx, 'ExpenseTypeID', 'ExpenseTypeID names an inactive expense type.');
    else item.expenseTypeId = t.id;
  } else if (!before) fail(ctx, 'ExpenseTypeID', 'ExpenseTypeID is required.');
  const paymentId =
    input.PaymentTypeID ?? (before ? undefined : (ctx.owner.defaultPaymentTypeId ?? undefined));
  if (paymentId !== undefined) {
    const p = ctx.paymentTypes.get(paymentId);
    if (!p) fail(ctx, 'PaymentTypeID', 'PaymentTypeID does not name a payment type of this company.');
    else if (!p.isActive && p.id !== before?.paymentTypeId)
      fail(ctx, 'PaymentTypeID', 'PaymentTypeID names an inactive payment type.');
    else {
      item.paymentTypeId = p.id;
      // Reimbursable comes from the payment type (API.md §6.4) when the item is saved with it.
      item.reimbursable = p.reimbursable;
    }
  } else if (!before) fail(ctx, 'PaymentTypeID', 'PaymentTypeID is required.');

  if (input.Quantity !== undefined) {
    if (input.Quantity === null) item.quantity = null;
    else {
      const q = parseScaled(input.Quantity, QUANTITY_SCALE, 'Quantity');
      if (q.ok) item.quantity = q.value;
      else fail(ctx, 'Quantity', q.message);
    }
  }

  // Rate: an Admin's explicit rate sticks; null hands the item back to the type's rate.
  const rateAllowed = maySetItemRate(ctx.actor, ctx.scope);
  if (input.Rate !== undefined && rateAllowed) {
    if (input.Rate === null) {
      item.rateOverridden = false;
      item.rate = null;
    } else {
      const r = parseScaled(input.Rate, RATE_SCALE, 'Rate');
      if (r.ok) {
        item.rate = r.value;
        item.rateOverridden = true;
      } else fail(ctx, 'Rate', r.message);
    }
  }

  // Foreign currency: a code, the amount in it, and the rate to the company currency.
  let currencyInvalid = false;
  if (input.AmountForeignCurrency !== undefined) {
    if (input.AmountForeignCurrency === null || input.AmountForeignCurrency.trim() === '') {
      item.amountForeignCurrency = null;
    } else {
      const c = currencyOf(input.AmountForeignCurrency);
      if (c) item.amountForeignCurrency = c.iso;
      else {
        currencyInvalid = true;
        fail(
          ctx,
          'AmountForeignCurrency',
          `${input.AmountForeignCurrency} is not an ISO-4217 currency code.`,
        );
      }
    }
  }
  const currency = item.amountForeignCurrency === null ? undefined : currencyOf(item.amountForeignCurrency);
  if (input.AmountForeign !== undefined) {
    if (input.AmountForeign === null) item.amountForeign = null;
    else if (currency) {
      const f = parseForeignAmount(input.AmountForeign, currency.digits, 'AmountForeign');
      if (f.ok) item.amountForeign = f.value;
      else fail(ctx, 'AmountForeign', f.message);
    } else if (!currencyInvalid)
      fail(ctx, 'AmountForeignCurrency', 'AmountForeignCurrency is required with AmountForeign.');
  }
  if (input.AmountForeignExchangeRate !== undefined) {
    if (input.AmountForeignExchangeRate === null) item.amountForeignExchangeRate = null;
    else if (currency) {
      // Exchange rates keep 6 decimals; more are rounded (a client often divides to get one).
      const r = parseScaled(
        input.AmountForeignExchangeRate,
        EXCHANGE_RATE_SCALE,
        'AmountForeignExchangeRate',
        { round: true },
      );
      if (!r.ok) fail(ctx, 'AmountForeignExchangeRate', r.message);
      else if (r.value <= 0)
        fail(
          ctx,
          'AmountForeignExchangeRate',
          'AmountForeignExchangeRate is too small (it keeps 6 decimals).',
        );
      else item.amountForeignExchangeRate = r.value;
    } else if (!currencyInvalid) {
      fail(ctx, 'AmountForeignCurrency', 'AmountForeignCurrency is required with AmountForeignExchangeRate.');
    }
  }
  if (!currency) {
    item.amountForeign = null;
    item.amountForeignExchangeRate = null;
  } else {
    if (!ctx.sheet.enableForeignCurrency) {
      fail(
        ctx,
        'AmountForeignCurrency',
        'The expense sheet does not allow foreign currencies (EnableForeignCurrency is false).',
      );
    }
    if (item.amountForeignExchangeRate === null) {
      fail(
        ctx,
        'AmountForeignExchangeRate',
        'AmountForeignExchangeRate is required with AmountForeignCurrency.',
      );
    }
    const step = 10 ** (FOREIGN_SCALE - currency.digits);
    if (item.amountForeign !== null && item.amountForeign % step !== 0) {
      fail(
        ctx,
        'AmountForeign',
        `AmountForeign may have at most ${currency.digits} decimal places in ${currency.iso}.`,
      );
    }
  }

  let clientAmount: number | undefined;
  if (input.Amount !== undefined) {
    const a = parseMoney(input.Amount, 'Amount');
    if (a.ok) clientAmount = a.value;
    else fail(ctx, 'Amount', a.message);
  }

  if (item.billable && item.jobId === null) fail(ctx, 'JobID', 'JobID is required when Billable is true.');
  else if (item.taskId !== null && item.jobId === null) {
    fail(ctx, 'JobID', 'JobID is required when TaskID is given.');
  }

  if (!ctx.errors.empty) return;
  const type = ctx.expenseTypes.get(item.expenseTypeId);
  if (!type) return;
  const foreign =
    currency && item.amountForeignExchangeRate !== null
      ? {
          currencyDigits: currency.digits,
          exchangeRate: item.amountForeignExchangeRate,
          amountForeign: item.amountForeign,
        }
      : null;

  if (type.type === 'Mileage') {
    if (item.quantity === null || item.quantity <= 0) {
      fail(
        ctx,
        'Quantity',
        `Quantity (the distance) is required for the mileage expense type ${type.name} and must be more than 0.`,
      );
      return;
    }
    // The type's rate, never 0 because the client left it out (DECISIONS 18): on create, on a change of
    // type, or when an Admin hands the item back to the type; otherwise the item keeps its rate.
    const typeChanged = before !== undefined && before.expenseTypeId !== item.expenseTypeId;
    if (!item.rateOverridden && (!before || typeChanged || item.rate === null)) item.rate = type.rate;
    const money = itemMoney({
      mileage: true,
      rate: item.rate,
      quantity: item.quantity,
      amount: null,
      foreign,
    });
    if (!money) return;
    if (ignoredAmount(clientAmount, money.amount, before)) {
      ctx.warnings.push(
        `${at(ctx.prefix, 'Amount')} was ignored: a mileage item's Amount is Rate × Quantity.`,
      );
    }
    item.amount = money.amount;
    item.amountForeign = money.amountForeign;
  } else {
    if (rateAllowed && input.Rate !== undefined && input.Rate !== null) {
      ctx.warnings.push(`${at(ctx.prefix, 'Rate')} was ignored: only mileage items have a rate.`);
    }
    item.rate = null;
    item.rateOverridden = false;
    if (foreign) {
      if (item.amountForeign === null) {
        fail(ctx, 'AmountForeign', 'AmountForeign is required with AmountForeignCurrency.');
        return;
      }
      const money = itemMoney({ mileage: false, rate: null, quantity: item.quantity, amount: null, foreign });
      if (!money) return;
      if (ignoredAmount(clientAmount, money.amount, before)) {
        ctx.warnings.push(
          `${at(ctx.prefix, 'Amount')} was ignored: it is AmountForeign × AmountForeignExchangeRate.`,
        );
      }
      item.amount = money.amount;
    } else if (clientAmount !== undefined) {
      item.amount = clientAmount;
    } else if (!before) {
      fail(ctx, 'Amount', 'Amount is required (or a foreign amount with its currency and exchange rate).');
      return;
    }
  }
  if (Math.abs(item.amount) > MAX_AMOUNT_MINOR) fail(ctx, 'Amount', 'Amount is too large.');

  if (input.Rate !== undefined && !rateAllowed) {
    const sent = input.Rate === null ? null : toRateOrUndefined(input.Rate);
    if (sent !== item.rate) {
      ctx.warnings.push(
        `${at(ctx.prefix, 'Rate')} was ignored: only an Admin may set an item's rate, on /ExpenseItems or /Manage/ExpenseItems.`,
      );
    }
  }
}

/** A derived Amount the client sent differently; sending back the stored one (read, change, send) is no news. */
const ignoredAmount = (sent: number | undefined, derived: number, before: ItemRecord | undefined) =>
  sent !== undefined && sent !== derived && sent !== before?.amount;

function toRateOrUndefined(value: unknown): number | undefined {
  if (typeof value !== 'number' && typeof value !== 'string') return undefined;
  const n = typeof value === 'number' ? value : Number(value);
  if (!Number.isFinite(n)) return undefined;
  const r = parseScaled(n, RATE_SCALE, 'Rate', { round: true });
  return r.ok ? r.value : undefined;
}

async function typeMaps(
  deps: Deps,
  companyId: string,
  inputs: ItemInput[],
  owners: UserRecord[],
  items: ItemRecord[] = [],
) {
  const ids = (
    pick: (i: ItemInput) => string | undefined,
    ownerPick: (u: UserRecord) => string | null,
    itemPick: (i: ItemRecord) => string,
  ) => [
    ...inputs.map(pick).filter((v): v is string => v !== undefined),
    ...owners.map(ownerPick).filter((v): v is string => v !== null),
    ...items.map(itemPick),
  ];
  const [types, payments] = await Promise.all([
    findExpenseTypes(
      deps.db,
      companyId,
      ids(
        (i) => i.ExpenseTypeID,
        (u) => u.defaultExpenseTypeId,
        (i) => i.expenseTypeId,
      ),
    ),
    findPaymentTypes(
      deps.db,
      companyId,
      ids(
        (i) => i.PaymentTypeID,
        (u) => u.defaultPaymentTypeId,
        (i) => i.paymentTypeId,
      ),
    ),
  ]);
  return {
    expenseTypes: new Map(types.map((t) => [t.id, t])),
    paymentTypes: new Map(payments.map((p) => [p.id, p])),
  };
}

async function writeReceipt(tx: Db, item: ItemRecord, change: ReceiptChange, now: string): Promise<void> {
  if (change.kind === 'set') await putReceipt(tx, item.companyId, item.id, change.type, change.data, now);
  else if (change.kind === 'clear') await removeReceipt(tx, item.companyId, item.id);
}

const receiptFlag = (hadReceipt: boolean, change: ReceiptChange) =>
  change.kind === 'set' ? true : change.kind === 'clear' ? false : hadReceipt;

// ——— writing ———

export interface ItemsResult {
  items: ItemRecord[];
  warnings: string[];
  currency: string;
}

/** Creates one or many items atomically (DECISIONS 8), on sheets the scope may change. */
export async function createItems(
  deps: Deps,
  actor: Actor,
  scope: ExpenseScope,
  inputs: ItemInput[],
  batch: boolean,
): Promise<ItemsResult> {
  const settings = await openExpenses(deps, actor);
  const reach = writeGate(actor, scope);
  const sheetIds = inputs.map((i) => i.ExpenseSheetID ?? '');
  const sheets = new Map((await findSheets(deps.db, actor.companyId, sheetIds)).map((s) => [s.id, s]));
  const people = await loadPeople(
    deps.db,
    actor.companyId,
    [...sheets.values()].map((s) => s.userId),
  );
  const maps = await typeMaps(deps, actor.companyId, inputs, [...people.values()]);
  const now = deps.clock().toISOString();
  const errors = new FieldErrors();
  const warnings: string[] = [];
  const drafts: { item: ItemRecord; receipt: ReceiptChange; prefix: string }[] = [];
  for (const [i, input] of inputs.entries()) {
    const prefix = batch ? `[${i}]` : '';
    const sheet = sheets.get(sheetIds[i]!);
    const owner = sheet && people.get(sheet.userId);
    if (!sheet || !owner || !reaches(reach, ownerOf(owner))) {
      errors.add(
        at(prefix, 'ExpenseSheetID'),
        'ExpenseSheetID does not name an expense sheet you can add items to.',
        ['invalid_field'],
      );
      continue;
    }
    const item = newItem(actor.companyId, deps.newId(), sheet.id, sheet.userId, now);
    const receipt = readReceipt(input, prefix, errors);
    applyInput(item, input, {
      actor,
      scope,
      prefix,
      errors,
      warnings,
      ...maps,
      sheet,
      owner,
      before: undefined,
    });
    item.hasReceipt = receiptFlag(false, receipt);
    drafts.push({ item, receipt, prefix });
  }
  errors.throwIfAny();
  await checkJobReferences(deps, actor.companyId, drafts, errors);
  errors.throwIfAny();

  await deps.db.transaction().execute(async (tx) => {
    const locked = await lockSheets(
      tx,
      deps.dialect.name,
      actor.companyId,
      drafts.map((d) => d.item.expenseSheetId),
    );
    const conflicts = new FieldErrors();
    for (const d of drafts) {
      const sheet = locked.get(d.item.expenseSheetId);
      if (!sheet) throw notFound('expense sheet');
      if (!editableBy(sheet.status, editorOf(scope))) {
        conflicts.add(at(d.prefix, 'ExpenseSheetID'), notEditable(sheet, scope).message, ['invalid_state']);
      }
    }
    conflicts.throwIfAny('invalid_state');
    for (const d of drafts) {
      await insertItem(tx, d.item);
      await writeReceipt(tx, d.item, d.receipt, now);
    }
    for (const sheetId of locked.keys()) await refreshSheetTotals(tx, actor.companyId, sheetId, now);
  });
  return { items: drafts.map((d) => d.item), warnings, currency: settings.CurrencyISO };
}

/** Changes an item; moving it to another sheet of the same person moves its amount between totals. */
export async function updateItem(
  deps: Deps,
  actor: Actor,
  scope: ExpenseScope,
  id: string,
  input: ItemInput,
) {
  const settings = await openExpenses(deps, actor);
  const reach = writeGate(actor, scope);
  const found = await findItem(deps.db, actor.companyId, id);
  const owner = found && (await loadPeople(deps.db, actor.companyId, [found.userId])).get(found.userId);
  if (!found || !owner || !reaches(reach, ownerOf(owner))) throw notFound('expense item');
  const targetId = input.ExpenseSheetID ?? found.expenseSheetId;
  const target = await findSheet(deps.db, actor.companyId, targetId);
  if (!target || target.userId !== found.userId) {
    throw new AppError('invalid_field', 'ExpenseSheetID must name an expense sheet of the same person.', {
      field: 'ExpenseSheetID',
    });
  }
  const errors = new FieldErrors();
  const receipt = readReceipt(input, '', errors);
  // A job or task the item already had stays acceptable (it may have been inactivated since); a new one
  // is checked here, outside the transaction, with the master-data lookups.
  const jobId = input.JobID !== undefined ? input.JobID : found.jobId;
  const taskId = input.TaskID !== undefined ? input.TaskID : found.taskId;
  if (jobId !== null && (jobId !== found.jobId || taskId !== found.taskId)) {
    await checkJobReferences(
      deps,
      actor.companyId,
      [{ item: { ...found, jobId, taskId }, prefix: '' }],
      errors,
    );
  }
  errors.throwIfAny();
  const maps = await typeMaps(deps, actor.companyId, [input], [owner], [found]);
  const warnings: string[] = [];
  const now = deps.clock().toISOString();

  const item = await deps.db.transaction().execute(async (tx) => {
    const locked = await lockSheets(tx, deps.dialect.name, actor.companyId, [found.expenseSheetId, targetId]);
    const before = await findItem(tx, actor.companyId, id);
    if (!before) throw notFound('expense item');
    const from = locked.get(before.expenseSheetId);
    const to = locked.get(targetId);
    if (!from || !to) throw new AppError('conflict', 'The expense item moved meanwhile; read it again.');
    if (!editableBy(from.status, editorOf(scope))) throw notEditable(from, scope);
    if (!editableBy(to.status, editorOf(scope))) throw notEditable(to, scope, 'ExpenseSheetID');
    const draft: ItemRecord = { ...before, expenseSheetId: to.id, updatedAt: now };
    const errs = new FieldErrors();
    applyInput(draft, input, {
      actor,
      scope,
      prefix: '',
      errors: errs,
      warnings,
      ...maps,
      sheet: to,
      owner,
      before,
    });
    draft.hasReceipt = receiptFlag(before.hasReceipt, receipt);
    errs.throwIfAny();
    await saveItem(tx, draft);
    await writeReceipt(tx, draft, receipt, now);
    for (const sheetId of locked.keys()) await refreshSheetTotals(tx, actor.companyId, sheetId, now);
    return draft;
  });
  return { item, warnings, currency: settings.CurrencyISO };
}

export async function removeItem(deps: Deps, actor: Actor, scope: ExpenseScope, id: string): Promise<void> {
  await openExpenses(deps, actor);
  const reach = writeGate(actor, scope);
  const found = await findItem(deps.db, actor.companyId, id);
  const owner = found && (await loadPeople(deps.db, actor.companyId, [found.userId])).get(found.userId);
  if (!found || !owner || !reaches(reach, ownerOf(owner))) throw notFound('expense item');
  const now = deps.clock().toISOString();
  await deps.db.transaction().execute(async (tx) => {
    const sheet = (await lockSheets(tx, deps.dialect.name, actor.companyId, [found.expenseSheetId])).get(
      found.expenseSheetId,
    );
    const current = await findItem(tx, actor.companyId, id);
    if (!sheet || !current || current.expenseSheetId !== sheet.id)
      throw new AppError('conflict', 'The expense item changed meanwhile; read it again.');
    if (!editableBy(sheet.status, editorOf(scope))) throw notEditable(sheet, scope);
    await deleteItem(tx, actor.companyId, id);
    await refreshSheetTotals(tx, actor.companyId, sheet.id, now);
  });
}

// ——— re-applying a mileage rate (extension) ———

export interface ReapplyResult {
  type: ExpenseTypeRecord;
  updatedItemCount: number;
  sheetIds: string[];
}

/**
 * POST /ExpenseTypes/{id}/ReapplyRate (extension, DECISIONS 18): an Admin sets the type's current rate
 * on its mileage items whose sheets are not yet approved (open, rejected, waiting), except items whose
 * rate an Admin set explicitly. Amounts and sheet totals follow in the same transaction.
 */
export async function reapplyTypeRate(deps: Deps, actor: Actor, typeId: string): Promise<ReapplyResult> {
  await openExpenses(deps, actor);
  if (!isAdmin(actor)) throw forbidden('Only an Admin can re-apply a mileage rate.');
  const type = await findExpenseType(deps.db, actor.companyId, typeId);
  if (!type) throw notFound('expense type');
  if (type.type !== 'Mileage' || type.rate === null) {
    throw new AppError('invalid_state', 'Only a mileage expense type has a rate to re-apply.');
  }
  const rate = type.rate;
  const now = deps.clock().toISOString();
  return deps.db.transaction().execute(async (tx) => {
    const candidates = await itemsFollowingTypeRate(tx, actor.companyId, typeId, REAPPLY_STATUSES);
    const locked = await lockSheets(
      tx,
      deps.dialect.name,
      actor.companyId,
      candidates.map((i) => i.expenseSheetId),
    );
    // Read again under the locks: a sheet approved meanwhile is left alone.
    const items = (await itemsFollowingTypeRate(tx, actor.companyId, typeId, REAPPLY_STATUSES)).filter((i) =>
      locked.has(i.expenseSheetId),
    );
    const touched = new Set<string>();
    let updated = 0;
    for (const item of items) {
      if (item.rate === rate || item.quantity === null) continue;
      const currency =
        item.amountForeignCurrency === null ? undefined : currencyOf(item.amountForeignCurrency);
      const foreign =
        currency && item.amountForeignExchangeRate !== null
          ? {
              currencyDigits: currency.digits,
              exchangeRate: item.amountForeignExchangeRate,
              amountForeign: item.amountForeign,
            }
          : null;
      const money = itemMoney({ mileage: true, rate, quantity: item.quantity, amount: null, foreign });
      if (!money) continue;
      await saveItem(tx, {
        ...item,
        rate,
        amount: money.amount,
        amountForeign: money.amountForeign,
        updatedAt: now,
      });
      touched.add(item.expenseSheetId);
      updated++;
    }
    const sheetIds = [...touched].sort();
    for (const sheetId of sheetIds) await refreshSheetTotals(tx, actor.companyId, sheetId, now);
    return { type, updatedItemCount: updated, sheetIds };
  });
}
