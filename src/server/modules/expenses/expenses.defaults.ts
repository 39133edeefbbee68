/**
 * A new company's expense and payment types (DECISIONS 25, 27). The mileage type's Rate is the
 * company's default mileage rate, per Company.MileageUnit (mi for a new company): 0.70 per mile, the
 * US federal business rate of 2025. Admins change it on the type (PATCH /ExpenseTypes/{id}).
 */
import type { Db } from '../../db/connect.js';
import type { ExpenseTypeKind } from '../../../contract/expenses.js';
import { insertExpenseType, insertPaymentType } from './types.store.js';

/** 0.70 × 10^4. */
export const DEFAULT_MILEAGE_RATE = 7000;

const EXPENSE_TYPES: { name: string; type: ExpenseTypeKind }[] = [
  { name: 'Airfare', type: 'Amount' },
  { name: 'Car Rental', type: 'Amount' },
  { name: 'Entertainment', type: 'Amount' },
  { name: 'Lodging', type: 'Amount' },
  { name: 'Meals', type: 'Amount' },
  { name: 'Mileage', type: 'Mileage' },
  { name: 'Office Supplies', type: 'Amount' },
  { name: 'Other', type: 'Amount' },
  { name: 'Parking and Tolls', type: 'Amount' },
  { name: 'Phone and Internet', type: 'Amount' },
  { name: 'Taxi and Rideshare', type: 'Amount' },
];

const PAYMENT_TYPES: { name: string; reimbursable: boolean }[] = [
  { name: 'Cash', reimbursable: true },
  { name: 'Personal Card', reimbursable: true },
  { name: 'Company Card', reimbursable: false },
];

/** Inserts the default types; called inside the transaction that creates the company. */
export async function seedExpenseDefaults(
  db: Db,
  companyId: string,
  newId: () => string,
  now: string,
): Promise<void> {
  for (const t of EXPENSE_TYPES) {
    await insertExpenseType(db, {
      companyId,
      id: newId(),
      name: t.name,
      type: t.type,
      rate: t.type === 'Mileage' ? DEFAULT_MILEAGE_RATE : null,
      isActive: true,
      description: '',
      accountingPackageId: '',
      createdAt: now,
    });
  }
  for (const p of PAYMENT_TYPES) {
    await insertPaymentType(db, {
      companyId,
      id: newId(),
      name: p.name,
      reimbursable: p.reimbursable,
      isActive: true,
      description: '',
      accountingPackageId: '',
      createdAt: now,
    });
  }
}
