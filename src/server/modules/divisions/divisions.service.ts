/**
 * Divisions (API.md §4.4): Admins and managers with Add/Edit Divisions create and change them; there is
 * no DELETE in v2 (inactivate instead).
 */
import type { DivisionCreate, DivisionUpdate } from '../../../contract/organisation.js';
import type { Deps } from '../../deps.js';
import { FieldErrors, forbidden, notFound } from '../../errors.js';
import type { Paging } from '../../http/paging.js';
import { hasPermission, isAdminOrManager, scopeOf, type Actor, type Scope } from '../../lib/permissions.js';
import { checkCustomFields } from '../custom-fields/index.js';
import {
  findDivision,
  insertDivision,
  listDivisions,
  saveDivision,
  type DivisionFilter,
  type DivisionRecord,
} from './divisions.store.js';

export type DivisionScope = 'root' | 'manage';

function viewScope(actor: Actor, scope: DivisionScope): Scope {
  if (scope === 'root') {
    if (!isAdminOrManager(actor)) throw forbidden('Only Admins and Managers can see divisions.');
    return { kind: 'all' };
  }
  const s = scopeOf(actor, 'View Divisions');
  const edit = scopeOf(actor, 'Add/Edit Divisions');
  const best = s.kind !== 'none' ? s : edit;
  if (best.kind === 'none') throw forbidden('You need the View Divisions permission.');
  return best;
}

const covers = (scope: Scope, id: string) =>
  scope.kind === 'all' || (scope.kind === 'divisions' && scope.divisionIds.includes(id));

function scopeFilter(scope: Scope): Partial<DivisionFilter> {
  if (scope.kind === 'all') return {};
  return { scopeIds: scope.kind === 'divisions' ? scope.divisionIds : [] };
}

/** Notes, AccountingPackageID and CustomFields: Admin, View Divisions for all divisions, or /Manage. */
export const seesDivisionDetails = (actor: Actor, scope: DivisionScope) =>
  scope === 'manage' || hasPermission(actor, 'View Divisions', { all: true });

export async function listDivisionsFor(
  deps: Deps,
  actor: Actor,
  scope: DivisionScope,
  filter: DivisionFilter,
  paging: Paging,
) {
  const s = viewScope(actor, scope);
  return listDivisions(deps.db, actor.companyId, { ...filter, ...scopeFilter(s) }, paging);
}

export async function getDivision(
  deps: Deps,
  actor: Actor,
  scope: DivisionScope,
  id: string,
): Promise<DivisionRecord> {
  const s = viewScope(actor, scope);
  const division = await findDivision(deps.db, actor.companyId, id);
  if (!division || !covers(s, division.id)) throw notFound('division');
  return division;
}

function requireEdit(actor: Actor, scope: DivisionScope): Scope {
  const s = scopeOf(actor, 'Add/Edit Divisions');
  if (scope === 'root' ? s.kind !== 'all' : s.kind === 'none') {
    throw forbidden(
      scope === 'root'
        ? 'You need the Add/Edit Divisions permission for all divisions.'
        : 'You need the Add/Edit Divisions permission.',
    );
  }
  return s;
}

export async function createDivisions(
  deps: Deps,
  actor: Actor,
  scope: DivisionScope,
  inputs: DivisionCreate[],
  batch: boolean,
): Promise<DivisionRecord[]> {
  requireEdit(actor, scope);
  const now = deps.clock().toISOString();
  const errors = new FieldErrors();
  const records: DivisionRecord[] = [];
  for (const [i, input] of inputs.entries()) {
    const prefix = batch ? `[${i}].` : '';
    const name = input.Name.trim();
    if (name === '') errors.add(`${prefix}Name`, 'Name must not be empty.', ['invalid_field']);
    const custom = await checkCustomFields(
      deps.db,
      actor.companyId,
      'Division',
      input.CustomFields,
      `${prefix}CustomFields`,
      errors,
      { creating: true },
    );
    records.push({
      companyId: actor.companyId,
      id: deps.newId(),
      name,
      isActive: input.IsActive ?? true,
      notes: input.Notes ?? '',
      accountingPackageId: input.AccountingPackageID ?? '',
      customFields: custom ?? {},
      createdAt: now,
    });
  }
  errors.throwIfAny();
  await deps.db.transaction().execute(async (tx) => {
    for (const r of records) await insertDivision(tx, r);
  });
  return records;
}

export async function updateDivision(
  deps: Deps,
  actor: Actor,
  scope: DivisionScope,
  id: string,
  input: DivisionUpdate,
) {
  const editScope = requireEdit(actor, scope);
  const division = await getDivision(deps, actor, scope, id);
  if (!covers(editScope, division.id))
    throw forbidden('You need the Add/Edit Divisions permission for this division.');
  const errors = new FieldErrors();
  if (input.Name !== undefined) {
    division.name = input.Name.trim();
    if (division.name === '') errors.add('Name', 'Name must not be empty.', ['invalid_field']);
  }
  if (input.IsActive !== undefined) division.isActive = input.IsActive;
  if (input.Notes !== undefined) division.notes = input.Notes;
  if (input.AccountingPackageID !== undefined) division.accountingPackageId = input.AccountingPackageID;
  const custom = await checkCustomFields(
    deps.db,
    actor.companyId,
    'Division',
    input.CustomFields,
    'CustomFields',
    errors,
  );
  if (custom) division.customFields = custom;
  errors.throwIfAny();
  await saveDivision(deps.db, division);
  return division;
}
