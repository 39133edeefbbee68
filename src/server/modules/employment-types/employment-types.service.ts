/**
 * Employment types (API.md §4.5) and which people have each.
 */
import type { EmploymentTypeCreate, EmploymentTypeUpdate } from '../../../contract/organisation.js';
import type { Deps } from '../../deps.js';
import { FieldErrors, forbidden, invalidField, notFound } from '../../errors.js';
import type { Paging } from '../../http/paging.js';
import { hasPermission, isAdminOrManager, type Actor } from '../../lib/permissions.js';
import { findUsers } from '../users/index.js';
import {
  assignEmploymentType,
  findEmploymentType,
  insertEmploymentType,
  listEmploymentTypes,
  saveEmploymentType,
  userIdsOfEmploymentType,
  type EmploymentTypeFilter,
  type EmploymentTypeRecord,
} from './employment-types.store.js';

const canList = isAdminOrManager;
const canEdit = (a: Actor) => hasPermission(a, 'Add/Edit Employment Types');
export const canViewDetails = (a: Actor) => hasPermission(a, 'View Employment Types') || canEdit(a);

export async function listTypes(deps: Deps, actor: Actor, filter: EmploymentTypeFilter, paging: Paging) {
  if (!canList(actor)) throw forbidden('Only Admins and Managers can see employment types.');
  return listEmploymentTypes(deps.db, actor.companyId, filter, paging);
}

export async function getType(deps: Deps, actor: Actor, id: string): Promise<EmploymentTypeRecord> {
  if (!canList(actor)) throw forbidden('Only Admins and Managers can see employment types.');
  const type = await findEmploymentType(deps.db, actor.companyId, id);
  if (!type) throw notFound('employment type');
  return type;
}

export async function createTypes(deps: Deps, actor: Actor, inputs: EmploymentTypeCreate[], batch: boolean) {
  if (!canEdit(actor)) throw forbidden('You need the Add/Edit Employment Types permission.');
  const now = deps.clock().toISOString();
  const errors = new FieldErrors();
  const records = inputs.map((input, i): EmploymentTypeRecord => {
    const name = input.Name.trim();
    if (name === '') errors.add(batch ? `[${i}].Name` : 'Name', 'Name must not be empty.', ['invalid_field']);
    return {
      companyId: actor.companyId,
      id: deps.newId(),
      name,
      isActive: input.IsActive ?? true,
      notes: input.Notes ?? '',
      accountingPackageId: input.AccountingPackageID ?? '',
      createdAt: now,
    };
  });
  errors.throwIfAny();
  await deps.db.transaction().execute(async (tx) => {
    for (const r of records) await insertEmploymentType(tx, r);
  });
  return records;
}

export async function updateType(deps: Deps, actor: Actor, id: string, input: EmploymentTypeUpdate) {
  if (!canEdit(actor)) throw forbidden('You need the Add/Edit Employment Types permission.');
  const type = await getType(deps, actor, id);
  if (input.Name !== undefined) {
    type.name = input.Name.trim();
    if (type.name === '') throw invalidField('Name', 'Name must not be empty.');
  }
  if (input.IsActive !== undefined) type.isActive = input.IsActive;
  if (input.Notes !== undefined) type.notes = input.Notes;
  if (input.AccountingPackageID !== undefined) type.accountingPackageId = input.AccountingPackageID;
  await saveEmploymentType(deps.db, type);
  return type;
}

export async function typeUserIds(deps: Deps, actor: Actor, id: string): Promise<string[]> {
  if (!hasPermission(actor, 'View Employment Types'))
    throw forbidden('You need the View Employment Types permission.');
  await getType(deps, actor, id);
  return userIdsOfEmploymentType(deps.db, actor.companyId, id);
}

/** POST /EmploymentTypes/{id}/Users: gives these people this employment type. */
export async function assignTypeToUsers(
  deps: Deps,
  actor: Actor,
  id: string,
  userIds: string[],
): Promise<string[]> {
  if (!hasPermission(actor, 'Add/Edit People') || !hasPermission(actor, 'View Employment Types')) {
    throw forbidden('You need the Add/Edit People and View Employment Types permissions.');
  }
  await getType(deps, actor, id);
  const found = new Set((await findUsers(deps.db, actor.companyId, userIds)).map((u) => u.id));
  const errors = new FieldErrors();
  userIds.forEach((u, i) => {
    if (!found.has(u))
      errors.add(`[${i}]`, `"${u}" does not name a person of this company.`, ['invalid_field']);
  });
  errors.throwIfAny();
  await assignEmploymentType(deps.db, actor.companyId, id, [...found], deps.clock().toISOString());
  return userIdsOfEmploymentType(deps.db, actor.companyId, id);
}
