/**
 * A new company's leave types (API.md §6.3, DECISIONS 25): Comp Time, Company Holiday, Personal Time,
 * Sick Leave and Vacation; Company Holiday, Sick Leave and Vacation active. None requires approval (an
 * Admin names an approver when turning approval on), none accrues, no maximum, starting balance 0.
 */
import type { Db } from '../../db/connect.js';
import { insertType } from './types.store.js';

/** The migration 0007_time_off gave companies that existed before it the same list. */
export const DEFAULT_TIME_OFF_TYPES: readonly { name: string; isActive: boolean }[] = [
  { name: 'Comp Time', isActive: false },
  { name: 'Company Holiday', isActive: true },
  { name: 'Personal Time', isActive: false },
  { name: 'Sick Leave', isActive: true },
  { name: 'Vacation', isActive: true },
];

/** Inserts the default leave types; called inside the transaction that creates the company. */
export async function seedTimeOffDefaults(
  db: Db,
  companyId: string,
  newId: () => string,
  now: string,
): Promise<void> {
  for (const t of DEFAULT_TIME_OFF_TYPES) {
    await insertType(db, {
      companyId,
      id: newId(),
      name: t.name,
      isActive: t.isActive,
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
    });
  }
}
