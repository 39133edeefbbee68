/**
 * Leave types (API.md §4.11, §6.3): Admins create and change them; RequiresApproval needs a
 * DefaultApproverID and, once on, cannot be switched off again (409). Balance defaults (DefaultAccrualRate,
 * DefaultMaximumBalance, DefaultStartingBalance) apply to every person without settings of their own
 * (docs/adr/0008-time-off-balances.md).
 */
import type { TimeOffTypeCreate, TimeOffTypeUpdate } from '../../../contract/time-off.js';
import type { Deps } from '../../deps.js';
import { AppError, FieldErrors, forbidden, notFound } from '../../errors.js';
import type { Paging } from '../../http/paging.js';
import type { Actor } from '../../lib/permissions.js';
import type { EffectiveSettings } from '../company/index.js';
import { findUsers } from '../users/index.js';
import { at, checkNoCustomFields, settingsOf, timeOffManagementOn } from './time-off.common.js';
import { parseBalanceHours } from './time-off.hours.js';
import { canEditTypes, canTemplateTypes, requireReadTypes } from './time-off.policy.js';
import {
  findType,
  insertType,
  listTypes,
  lockType,
  saveType,
  type TimeOffTypeRecord,
  type TypeFilter,
} from './types.store.js';

export async function listTimeOffTypes(deps: Deps, actor: Actor, filter: TypeFilter, paging: Paging) {
  requireReadTypes(actor);
  return listTypes(deps.db, actor.companyId, filter, paging);
}

export async function getTimeOffType(deps: Deps, actor: Actor, id: string): Promise<TimeOffTypeRecord> {
  requireReadTypes(actor);
  const type = await findType(deps.db, actor.companyId, id);
  if (!type) throw notFound('time-off type');
  return type;
}

export function timeOffTypeTemplate(deps: Deps, actor: Actor): TimeOffTypeRecord {
  if (!canTemplateTypes(actor)) {
    throw forbidden('You need to be an Admin or hold View People or Add/Edit People.');
  }
  const now = deps.clock().toISOString();
  return {
    companyId: actor.companyId,
    id: '',
    name: '',
    isActive: true,
    notes: '',
    requiresApproval: false,
    defaultApproverId: null,
    defaultAccrualRate: 0,
    defaultMaximumBalance: null,
    defaultStartingBalance: 0,
    displayOnTimeEntryPages: true,
    accountingPackageId: '',
    customFields: {},
    createdAt: now,
    updatedAt: now,
  };
}

/** Fields that exist only with the Time Off Management module (CATALOGUE "co: module"). */
const MODULE_FIELDS = [
  'RequiresApproval',
  'DefaultApproverID',
  'DefaultAccrualRate',
  'DefaultMaximumBalance',
  'DisplayOnTimeEntryPages',
] as const;

type Input = TimeOffTypeCreate | TimeOffTypeUpdate;

/** Applies a body to a record, adding field errors; module-only fields are ignored with a warning. */
function apply(
  t: TimeOffTypeRecord,
  input: Input,
  settings: EffectiveSettings,
  prefix: string,
  errors: FieldErrors,
  warnings: Set<string>,
): void {
  const moduleOn = timeOffManagementOn(settings);
  if (!moduleOn) {
    const ignored = MODULE_FIELDS.filter((f) => input[f] !== undefined);
    if (ignored.length) {
      warnings.add(`${ignored.join(', ')} ignored: the Time Off Management module is turned off.`);
    }
  }
  if (input.Name !== undefined) {
    t.name = input.Name.trim();
    if (t.name === '') errors.add(at(prefix, 'Name'), 'Name must not be empty.', ['invalid_field']);
  }
  if (input.IsActive !== undefined) t.isActive = input.IsActive;
  if (input.Notes !== undefined) t.notes = input.Notes ?? '';
  if (input.AccountingPackageID !== undefined) t.accountingPackageId = input.AccountingPackageID ?? '';
  const hours = (value: number, field: string, set: (v: number) => void) => {
    const p = parseBalanceHours(value, field);
    if (p.ok) set(p.value);
    else errors.add(at(prefix, field), p.message, ['invalid_field']);
  };
  if (input.DefaultStartingBalance !== undefined) {
    hours(input.DefaultStartingBalance, 'DefaultStartingBalance', (v) => (t.defaultStartingBalance = v));
  }
  checkNoCustomFields(input.CustomFields, at(prefix, 'CustomFields'), errors);
  if (!moduleOn) return;
  if (input.RequiresApproval !== undefined) {
    if (t.requiresApproval && !input.RequiresApproval) {
      throw new AppError(
        'invalid_state',
        'A time-off type that requires approval cannot be switched back to not requiring it.',
        { field: at(prefix, 'RequiresApproval') },
      );
    }
    t.requiresApproval = input.RequiresApproval;
  }
  if (input.DefaultApproverID !== undefined) t.defaultApproverId = input.DefaultApproverID;
  if (input.DefaultAccrualRate !== undefined) {
    hours(input.DefaultAccrualRate, 'DefaultAccrualRate', (v) => (t.defaultAccrualRate = v));
  }
  if (input.DefaultMaximumBalance !== undefined) {
    if (input.DefaultMaximumBalance === null) t.defaultMaximumBalance = null;
    else hours(input.DefaultMaximumBalance, 'DefaultMaximumBalance', (v) => (t.defaultMaximumBalance = v));
  }
  if (input.DisplayOnTimeEntryPages !== undefined) t.displayOnTimeEntryPages = input.DisplayOnTimeEntryPages;
  if (t.requiresApproval && t.defaultApproverId === null) {
    errors.add(
      at(prefix, 'DefaultApproverID'),
      'DefaultApproverID is required when RequiresApproval is true.',
      ['invalid_field'],
    );
  }
}

/** DefaultApproverID must name a Manager or an Admin of this company. */
async function checkApprovers(
  deps: Deps,
  companyId: string,
  items: { type: TimeOffTypeRecord; prefix: string; given: boolean }[],
  errors: FieldErrors,
) {
  const ids = items.filter((i) => i.given && i.type.defaultApproverId).map((i) => i.type.defaultApproverId!);
  const people = new Map((await findUsers(deps.db, companyId, ids)).map((u) => [u.id, u]));
  for (const { type, prefix, given } of items) {
    if (!given || type.defaultApproverId === null) continue;
    const approver = people.get(type.defaultApproverId);
    const field = at(prefix, 'DefaultApproverID');
    if (!approver)
      errors.add(field, 'DefaultApproverID does not name a person of this company.', ['invalid_field']);
    else if (approver.securityLevel === 'STANDARD') {
      errors.add(field, 'DefaultApproverID must name a Manager or an Admin.', ['invalid_field']);
    }
  }
}

export async function createTimeOffTypes(
  deps: Deps,
  actor: Actor,
  inputs: TimeOffTypeCreate[],
  batch: boolean,
): Promise<{ records: TimeOffTypeRecord[]; warnings: string[] }> {
  if (!canEditTypes(actor)) throw forbidden('Only an Admin can create time-off types.');
  const settings = await settingsOf(deps, actor.companyId);
  const errors = new FieldErrors();
  const warnings = new Set<string>();
  const items = inputs.map((input, i) => {
    const prefix = batch ? `[${i}]` : '';
    const type = { ...timeOffTypeTemplate(deps, actor), id: deps.newId() };
    apply(type, input, settings, prefix, errors, warnings);
    return { type, prefix, given: true };
  });
  await checkApprovers(deps, actor.companyId, items, errors);
  errors.throwIfAny();
  await deps.db.transaction().execute(async (tx) => {
    for (const { type } of items) await insertType(tx, type);
  });
  return { records: items.map((i) => i.type), warnings: [...warnings] };
}

export async function updateTimeOffType(
  deps: Deps,
  actor: Actor,
  id: string,
  input: TimeOffTypeUpdate,
): Promise<{ record: TimeOffTypeRecord; warnings: string[] }> {
  if (!canEditTypes(actor)) throw forbidden('Only an Admin can change time-off types.');
  if (!(await findType(deps.db, actor.companyId, id))) throw notFound('time-off type');
  const settings = await settingsOf(deps, actor.companyId);
  const warnings = new Set<string>();
  const record = await deps.db.transaction().execute(async (tx) => {
    // Locked: two PATCHes of RequiresApproval / DefaultApproverID cannot interleave.
    const type = await lockType(tx, deps.dialect.name, actor.companyId, id);
    if (!type) throw notFound('time-off type');
    const errors = new FieldErrors();
    apply(type, input, settings, '', errors, warnings);
    await checkApprovers(
      { ...deps, db: tx },
      actor.companyId,
      [{ type, prefix: '', given: input.DefaultApproverID !== undefined }],
      errors,
    );
    errors.throwIfAny();
    type.updatedAt = deps.clock().toISOString();
    await saveType(tx, type);
    return type;
  });
  return { record, warnings: [...warnings] };
}
