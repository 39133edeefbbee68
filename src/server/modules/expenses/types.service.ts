/**
 * Expense types, payment types and currencies (API.md §4.12). ClickTime's v2 API only reads types;
 * Punchclock also lets Admins (and managers with Add/Edit Expense/Payment Types) create and change them
 * as extensions (DECISIONS 25, 26). There is no DELETE: inactivate a type instead (DECISIONS 19).
 */
import type {
  ExpenseTypeCreate,
  ExpenseTypeKind,
  ExpenseTypeUpdate,
  PaymentTypeCreate,
  PaymentTypeUpdate,
} from '../../../contract/expenses.js';
import type { Deps } from '../../deps.js';
import { AppError, FieldErrors, forbidden, notFound } from '../../errors.js';
import type { Paging } from '../../http/paging.js';
import type { Actor } from '../../lib/permissions.js';
import { CURRENCIES, currencyOf, type CurrencyInfo } from './currencies.js';
import { openExpenses } from './expenses.access.js';
import { parseScaled, RATE_SCALE } from './expenses.money.js';
import { mayEditTypes } from './expenses.policy.js';
import {
  countItemsOfExpenseType,
  findExpenseType,
  findPaymentType,
  insertExpenseType,
  insertPaymentType,
  listExpenseTypes,
  listPaymentTypes,
  saveExpenseType,
  savePaymentType,
  type ExpenseTypeRecord,
  type PaymentTypeRecord,
  type TypeFilter,
} from './types.store.js';

const at = (prefix: string, field: string) => (prefix ? `${prefix}.${field}` : field);

// ——— expense types ———

export async function listExpenseTypesFor(deps: Deps, actor: Actor, filter: TypeFilter, paging: Paging) {
  await openExpenses(deps, actor);
  return listExpenseTypes(deps.db, actor.companyId, filter, paging);
}

export async function getExpenseType(deps: Deps, actor: Actor, id: string): Promise<ExpenseTypeRecord> {
  await openExpenses(deps, actor);
  const type = await findExpenseType(deps.db, actor.companyId, id);
  if (!type) throw notFound('expense type');
  return type;
}

/** Applies the rate rules of a type: a mileage type has a positive rate, an amount type none. */
function applyRate(
  t: ExpenseTypeRecord,
  rate: number | null | undefined,
  prefix: string,
  errors: FieldErrors,
): void {
  if (t.type === 'Amount') {
    if (rate !== undefined && rate !== null) {
      errors.add(at(prefix, 'Rate'), 'Rate applies only to mileage expense types (Type "Mileage").', [
        'invalid_field',
      ]);
    }
    t.rate = null;
    return;
  }
  if (rate !== undefined && rate !== null) {
    const parsed = parseScaled(rate, RATE_SCALE, 'Rate');
    if (!parsed.ok) errors.add(at(prefix, 'Rate'), parsed.message, ['invalid_field']);
    else t.rate = parsed.value;
  } else if (rate === null) t.rate = null;
  if (t.rate === null || t.rate <= 0) {
    errors.add(at(prefix, 'Rate'), 'A mileage expense type needs a Rate greater than 0.', ['invalid_field']);
  }
}

export async function createExpenseTypes(
  deps: Deps,
  actor: Actor,
  inputs: ExpenseTypeCreate[],
  batch: boolean,
) {
  await openExpenses(deps, actor);
  if (!mayEditTypes(actor, 'expense')) throw forbidden('You need the Add/Edit Expense Types permission.');
  const now = deps.clock().toISOString();
  const errors = new FieldErrors();
  const records = inputs.map((input, i): ExpenseTypeRecord => {
    const prefix = batch ? `[${i}]` : '';
    const t: ExpenseTypeRecord = {
      companyId: actor.companyId,
      id: deps.newId(),
      name: input.Name.trim(),
      type: input.Type ?? 'Amount',
      rate: null,
      isActive: input.IsActive ?? true,
      description: input.Description ?? '',
      accountingPackageId: input.AccountingPackageID ?? '',
      createdAt: now,
    };
    if (t.name === '') errors.add(at(prefix, 'Name'), 'Name must not be empty.', ['invalid_field']);
    applyRate(t, input.Rate, prefix, errors);
    return t;
  });
  errors.throwIfAny();
  await deps.db.transaction().execute(async (tx) => {
    for (const r of records) await insertExpenseType(tx, r);
  });
  return records;
}

/**
 * Changes a type. A new mileage Rate applies to items created from now on; existing items keep theirs
 * until an Admin re-applies it (DECISIONS 18). The Type of a type that items use cannot change.
 */
export async function updateExpenseType(deps: Deps, actor: Actor, id: string, input: ExpenseTypeUpdate) {
  await openExpenses(deps, actor);
  if (!mayEditTypes(actor, 'expense')) throw forbidden('You need the Add/Edit Expense Types permission.');
  const t = await getExpenseType(deps, actor, id);
  const errors = new FieldErrors();
  if (input.Name !== undefined) {
    t.name = input.Name.trim();
    if (t.name === '') errors.add('Name', 'Name must not be empty.', ['invalid_field']);
  }
  if (input.IsActive !== undefined) t.isActive = input.IsActive;
  if (input.Description !== undefined) t.description = input.Description ?? '';
  if (input.AccountingPackageID !== undefined) t.accountingPackageId = input.AccountingPackageID ?? '';
  const kind: ExpenseTypeKind = input.Type ?? t.type;
  const kindChanged = kind !== t.type;
  t.type = kind;
  applyRate(t, input.Rate, '', errors);
  errors.throwIfAny();
  if (kindChanged && (await countItemsOfExpenseType(deps.db, actor.companyId, id)) > 0) {
    throw new AppError(
      'in_use',
      'Expense items use this type, so its Type cannot change; create a new type instead.',
      {
        field: 'Type',
      },
    );
  }
  await saveExpenseType(deps.db, t);
  return t;
}

// ——— payment types ———

export async function listPaymentTypesFor(deps: Deps, actor: Actor, filter: TypeFilter, paging: Paging) {
  await openExpenses(deps, actor);
  return listPaymentTypes(deps.db, actor.companyId, filter, paging);
}

export async function getPaymentType(deps: Deps, actor: Actor, id: string): Promise<PaymentTypeRecord> {
  await openExpenses(deps, actor);
  const type = await findPaymentType(deps.db, actor.companyId, id);
  if (!type) throw notFound('payment type');
  return type;
}

/** GET /PaymentTypes/new: a new payment type with the defaults, nothing stored. */
export async function paymentTypeTemplate(deps: Deps, actor: Actor): Promise<PaymentTypeRecord> {
  await openExpenses(deps, actor);
  return {
    companyId: actor.companyId,
    id: '',
    name: '',
    reimbursable: true,
    isActive: true,
    description: '',
    accountingPackageId: '',
    createdAt: deps.clock().toISOString(),
  };
}

export async function createPaymentTypes(
  deps: Deps,
  actor: Actor,
  inputs: PaymentTypeCreate[],
  batch: boolean,
) {
  await openExpenses(deps, actor);
  if (!mayEditTypes(actor, 'payment')) throw forbidden('You need the Add/Edit Payment Types permission.');
  const now = deps.clock().toISOString();
  const errors = new FieldErrors();
  const records = inputs.map((input, i): PaymentTypeRecord => {
    const name = input.Name.trim();
    if (name === '')
      errors.add(at(batch ? `[${i}]` : '', 'Name'), 'Name must not be empty.', ['invalid_field']);
    return {
      companyId: actor.companyId,
      id: deps.newId(),
      name,
      reimbursable: input.Reimbursable ?? true,
      isActive: input.IsActive ?? true,
      description: input.Description ?? '',
      accountingPackageId: input.AccountingPackageID ?? '',
      createdAt: now,
    };
  });
  errors.throwIfAny();
  await deps.db.transaction().execute(async (tx) => {
    for (const r of records) await insertPaymentType(tx, r);
  });
  return records;
}

/** Changes a payment type. A new Reimbursable applies to items saved from now on (items keep theirs). */
export async function updatePaymentType(deps: Deps, actor: Actor, id: string, input: PaymentTypeUpdate) {
  await openExpenses(deps, actor);
  if (!mayEditTypes(actor, 'payment')) throw forbidden('You need the Add/Edit Payment Types permission.');
  const t = await getPaymentType(deps, actor, id);
  if (input.Name !== undefined) {
    t.name = input.Name.trim();
    if (t.name === '') throw new AppError('invalid_field', 'Name must not be empty.', { field: 'Name' });
  }
  if (input.IsActive !== undefined) t.isActive = input.IsActive;
  if (input.Reimbursable !== undefined) t.reimbursable = input.Reimbursable;
  if (input.Description !== undefined) t.description = input.Description ?? '';
  if (input.AccountingPackageID !== undefined) t.accountingPackageId = input.AccountingPackageID ?? '';
  await savePaymentType(deps.db, t);
  return t;
}

// ——— currencies ———

/** The ISO-4217 list in the catalogue's order (Currency, then code), optionally filtered by code. */
export async function listCurrencies(deps: Deps, actor: Actor, isos: string[] | undefined, paging: Paging) {
  const settings = await openExpenses(deps, actor);
  const wanted = isos && new Set(isos.map((c) => c.toUpperCase()));
  const all = CURRENCIES.filter((c) => !wanted || wanted.has(c.iso)).sort(
    (a, b) => a.name.localeCompare(b.name, 'en') || a.iso.localeCompare(b.iso),
  );
  return {
    rows: all.slice(paging.offset, paging.offset + paging.limit),
    count: all.length,
    companyCurrency: settings.CurrencyISO,
  };
}

export async function getCurrency(
  deps: Deps,
  actor: Actor,
  iso: string,
): Promise<{ currency: CurrencyInfo; companyCurrency: string }> {
  const settings = await openExpenses(deps, actor);
  const currency = currencyOf(iso);
  if (!currency) throw notFound('currency');
  return { currency, companyCurrency: settings.CurrencyISO };
}
