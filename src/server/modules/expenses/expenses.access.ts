/**
 * What every expense operation starts with: the Expenses module must be on (API.md §4.12), and the
 * people whose expenses are touched are loaded as workflow owners.
 */
import type { Deps } from '../../deps.js';
import type { Db } from '../../db/connect.js';
import { AppError } from '../../errors.js';
import type { Actor } from '../../lib/permissions.js';
import { loadCompany, moduleOn, type EffectiveSettings } from '../company/index.js';
import { findUsers, type UserRecord } from '../users/index.js';
import type { Owner } from './expenses.policy.js';

export async function openExpenses(deps: Deps, actor: Actor): Promise<EffectiveSettings> {
  const { settings } = await loadCompany(deps, actor.companyId);
  if (!moduleOn(settings, 'Expenses')) {
    throw new AppError('module_disabled', 'The Expenses module is turned off for this company.');
  }
  return settings;
}

export async function loadPeople(
  db: Db,
  companyId: string,
  ids: readonly string[],
): Promise<Map<string, UserRecord>> {
  const users = await findUsers(db, companyId, ids);
  return new Map(users.map((u) => [u.id, u]));
}

export const ownerOf = (u: UserRecord): Owner => ({
  id: u.id,
  divisionId: u.divisionId,
  expenseApproverId: u.expenseApproverId,
  subjectToExpenseApproval: u.subjectToExpenseApproval,
});
