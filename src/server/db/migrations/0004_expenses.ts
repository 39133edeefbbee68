import { sql, type Kysely } from 'kysely';
import type { DialectHelpers } from '../dialect.js';

/**
 * Expenses (API.md §4.12, §6.4): expense and payment types, expense sheets with their items, receipts
 * and workflow history. Money is integer minor units (cents), mileage rates and quantities × 10^4,
 * foreign amounts × 10^4 and exchange rates × 10^6. Sheet totals are kept by the service in the same
 * transaction as every item change, under a lock on the sheet row, so they never drift.
 */
export function expenses(d: DialectHelpers) {
  return {
    async up(db: Kysely<unknown>): Promise<void> {
      await db.schema
        .createTable('expense_types')
        .addColumn('company_id', 'text', (c) => c.notNull().references('companies.id'))
        .addColumn('id', 'text', (c) => c.notNull())
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('type', 'text', (c) => c.notNull().check(sql`type in ('Amount', 'Mileage')`))
        // The per-unit mileage rate × 10^4 (DECISIONS 18, 25); null for amount types.
        .addColumn('rate', d.bigintType)
        .addColumn('is_active', 'integer', (c) => c.notNull().check(sql`is_active in (0, 1)`))
        .addColumn('description', 'text', (c) => c.notNull().defaultTo(''))
        .addColumn('accounting_package_id', 'text', (c) => c.notNull().defaultTo(''))
        .addColumn('created_at', d.instantType, (c) => c.notNull())
        .addPrimaryKeyConstraint('expense_types_pk', ['company_id', 'id'])
        .addCheckConstraint(
          'expense_types_rate_ck',
          sql`(type = 'Mileage' and rate is not null and rate > 0) or (type = 'Amount' and rate is null)`,
        )
        .execute();
      await db.schema
        .createIndex('expense_types_by_name')
        .on('expense_types')
        .columns(['company_id', 'name', 'id'])
        .execute();

      await db.schema
        .createTable('payment_types')
        .addColumn('company_id', 'text', (c) => c.notNull().references('companies.id'))
        .addColumn('id', 'text', (c) => c.notNull())
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('reimbursable', 'integer', (c) => c.notNull().check(sql`reimbursable in (0, 1)`))
        .addColumn('is_active', 'integer', (c) => c.notNull().check(sql`is_active in (0, 1)`))
        .addColumn('description', 'text', (c) => c.notNull().defaultTo(''))
        .addColumn('accounting_package_id', 'text', (c) => c.notNull().defaultTo(''))
        .addColumn('created_at', d.instantType, (c) => c.notNull())
        .addPrimaryKeyConstraint('payment_types_pk', ['company_id', 'id'])
        .execute();
      await db.schema
        .createIndex('payment_types_by_name')
        .on('payment_types')
        .columns(['company_id', 'name', 'id'])
        .execute();

      await db.schema
        .createTable('expense_sheets')
        .addColumn('company_id', 'text', (c) => c.notNull().references('companies.id'))
        .addColumn('id', 'text', (c) => c.notNull())
        .addColumn('user_id', 'text', (c) => c.notNull())
        .addColumn('title', 'text', (c) => c.notNull())
        .addColumn('expense_sheet_date', 'text', (c) => c.notNull())
        .addColumn('description', 'text', (c) => c.notNull().defaultTo(''))
        .addColumn('tracking_id', 'text', (c) => c.notNull().defaultTo(''))
        .addColumn('enable_foreign_currency', 'integer', (c) =>
          c
            .notNull()
            .defaultTo(0)
            .check(sql`enable_foreign_currency in (0, 1)`),
        )
        .addColumn('status', 'text', (c) =>
          c.notNull().check(sql`status in ('open', 'waiting', 'approved', 'rejected', 'paid')`),
        )
        .addColumn('check_number', 'text')
        .addColumn('comment', 'text')
        // Kept equal to the sums over the sheet's items (minor units) in every item transaction.
        .addColumn('total_amount', d.bigintType, (c) => c.notNull().defaultTo(0))
        .addColumn('reimbursable_amount', d.bigintType, (c) => c.notNull().defaultTo(0))
        .addColumn('item_count', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('submitted_by_user_id', 'text')
        .addColumn('submitted_at', d.instantType)
        .addColumn('approved_by_user_id', 'text')
        .addColumn('approved_at', d.instantType)
        .addColumn('rejected_by_user_id', 'text')
        .addColumn('rejected_at', d.instantType)
        .addColumn('paid_by_user_id', 'text')
        .addColumn('paid_at', d.instantType)
        .addColumn('created_at', d.instantType, (c) => c.notNull())
        .addColumn('updated_at', d.instantType, (c) => c.notNull())
        .addPrimaryKeyConstraint('expense_sheets_pk', ['company_id', 'id'])
        // Lets items reference (sheet, owner) so an item's owner always equals its sheet's owner.
        .addUniqueConstraint('expense_sheets_owner_uq', ['company_id', 'id', 'user_id'])
        .addForeignKeyConstraint('expense_sheets_user_fk', ['company_id', 'user_id'], 'users', [
          'company_id',
          'id',
        ])
        .addForeignKeyConstraint(
          'expense_sheets_submitted_by_fk',
          ['company_id', 'submitted_by_user_id'],
          'users',
          ['company_id', 'id'],
        )
        .addForeignKeyConstraint(
          'expense_sheets_approved_by_fk',
          ['company_id', 'approved_by_user_id'],
          'users',
          ['company_id', 'id'],
        )
        .addForeignKeyConstraint(
          'expense_sheets_rejected_by_fk',
          ['company_id', 'rejected_by_user_id'],
          'users',
          ['company_id', 'id'],
        )
        .addForeignKeyConstraint('expense_sheets_paid_by_fk', ['company_id', 'paid_by_user_id'], 'users', [
          'company_id',
          'id',
        ])
        .execute();
      const sheetIndex = (name: string, columns: string[]) =>
        db.schema
          .createIndex(name)
          .on('expense_sheets')
          .columns(['company_id', ...columns])
          .execute();
      // Default orders: /Me by owner then date; root by date, user name, creation; /Manage by date, ID.
      await sheetIndex('expense_sheets_by_user', ['user_id', 'expense_sheet_date', 'id']);
      await sheetIndex('expense_sheets_by_date', ['expense_sheet_date', 'created_at', 'id']);
      await sheetIndex('expense_sheets_by_status', ['status', 'expense_sheet_date']);
      // SortBy keys.
      await sheetIndex('expense_sheets_by_title', ['title', 'id']);
      await sheetIndex('expense_sheets_by_total', ['total_amount', 'id']);
      await sheetIndex('expense_sheets_by_reimbursable', ['reimbursable_amount', 'id']);
      await sheetIndex('expense_sheets_by_item_count', ['item_count', 'id']);

      await db.schema
        .createTable('expense_items')
        .addColumn('company_id', 'text', (c) => c.notNull().references('companies.id'))
        .addColumn('id', 'text', (c) => c.notNull())
        .addColumn('expense_sheet_id', 'text', (c) => c.notNull())
        .addColumn('user_id', 'text', (c) => c.notNull())
        .addColumn('expense_date', 'text', (c) => c.notNull())
        .addColumn('expense_type_id', 'text', (c) => c.notNull())
        .addColumn('payment_type_id', 'text', (c) => c.notNull())
        .addColumn('description', 'text', (c) => c.notNull().defaultTo(''))
        .addColumn('comment', 'text', (c) => c.notNull().defaultTo(''))
        .addColumn('amount', d.bigintType, (c) => c.notNull())
        .addColumn('quantity', d.bigintType)
        .addColumn('rate', d.bigintType)
        .addColumn('rate_overridden', 'integer', (c) =>
          c
            .notNull()
            .defaultTo(0)
            .check(sql`rate_overridden in (0, 1)`),
        )
        .addColumn('amount_foreign', d.bigintType)
        .addColumn('amount_foreign_currency', 'text')
        .addColumn('amount_foreign_exchange_rate', d.bigintType)
        .addColumn('billable', 'integer', (c) => c.notNull().check(sql`billable in (0, 1)`))
        .addColumn('reimbursable', 'integer', (c) => c.notNull().check(sql`reimbursable in (0, 1)`))
        .addColumn('job_id', 'text')
        .addColumn('task_id', 'text')
        .addColumn('has_receipt', 'integer', (c) =>
          c
            .notNull()
            .defaultTo(0)
            .check(sql`has_receipt in (0, 1)`),
        )
        .addColumn('created_at', d.instantType, (c) => c.notNull())
        .addColumn('updated_at', d.instantType, (c) => c.notNull())
        .addPrimaryKeyConstraint('expense_items_pk', ['company_id', 'id'])
        .addForeignKeyConstraint(
          'expense_items_sheet_fk',
          ['company_id', 'expense_sheet_id', 'user_id'],
          'expense_sheets',
          ['company_id', 'id', 'user_id'],
          (fk) => fk.onDelete('cascade'),
        )
        .addForeignKeyConstraint('expense_items_user_fk', ['company_id', 'user_id'], 'users', [
          'company_id',
          'id',
        ])
        .addForeignKeyConstraint(
          'expense_items_type_fk',
          ['company_id', 'expense_type_id'],
          'expense_types',
          ['company_id', 'id'],
        )
        .addForeignKeyConstraint(
          'expense_items_payment_type_fk',
          ['company_id', 'payment_type_id'],
          'payment_types',
          ['company_id', 'id'],
        )
        .addCheckConstraint(
          'expense_items_foreign_ck',
          sql`(amount_foreign_currency is null and amount_foreign is null and amount_foreign_exchange_rate is null)
            or (amount_foreign_currency is not null and amount_foreign is not null and amount_foreign_exchange_rate > 0)`,
        )
        // Jobs and tasks come from 0002_master_data; no cascade: a referenced one is not deleted (DECISIONS 19).
        .addForeignKeyConstraint('expense_items_job_fk', ['company_id', 'job_id'], 'jobs', [
          'company_id',
          'id',
        ])
        .addForeignKeyConstraint('expense_items_task_fk', ['company_id', 'task_id'], 'tasks', [
          'company_id',
          'id',
        ])
        .addCheckConstraint('expense_items_task_ck', sql`task_id is null or job_id is not null`)
        .execute();
      const itemIndex = (name: string, columns: string[]) =>
        db.schema
          .createIndex(name)
          .on('expense_items')
          .columns(['company_id', ...columns])
          .execute();
      await itemIndex('expense_items_by_sheet', ['expense_sheet_id', 'expense_date']);
      await itemIndex('expense_items_by_user', ['user_id', 'expense_date', 'id']);
      await itemIndex('expense_items_by_date', ['expense_date', 'created_at', 'id']);
      await itemIndex('expense_items_by_type', ['expense_type_id', 'rate_overridden']);
      await itemIndex('expense_items_by_payment_type', ['payment_type_id']);
      await itemIndex('expense_items_by_job', ['job_id', 'task_id']);
      await itemIndex('expense_items_by_amount', ['amount', 'id']);
      await itemIndex('expense_items_by_description', ['description', 'id']);

      // Receipts live apart from items so that lists stay light; any server process can serve them.
      await db.schema
        .createTable('expense_receipts')
        .addColumn('company_id', 'text', (c) => c.notNull())
        .addColumn('expense_item_id', 'text', (c) => c.notNull())
        .addColumn('file_type', 'text', (c) =>
          c
            .notNull()
            .check(
              sql`file_type in ('image/jpeg', 'image/png', 'image/gif', 'image/tiff', 'image/bmp', 'application/pdf')`,
            ),
        )
        .addColumn('size_bytes', 'integer', (c) => c.notNull())
        // bytea in PostgreSQL; in SQLite the declared type has no affinity that touches a BLOB.
        .addColumn('data', 'bytea', (c) => c.notNull())
        .addColumn('created_at', d.instantType, (c) => c.notNull())
        .addPrimaryKeyConstraint('expense_receipts_pk', ['company_id', 'expense_item_id'])
        .addForeignKeyConstraint(
          'expense_receipts_item_fk',
          ['company_id', 'expense_item_id'],
          'expense_items',
          ['company_id', 'id'],
          (fk) => fk.onDelete('cascade'),
        )
        .execute();

      await db.schema
        .createTable('expense_sheet_history')
        .addColumn('company_id', 'text', (c) => c.notNull())
        .addColumn('expense_sheet_id', 'text', (c) => c.notNull())
        .addColumn('seq', 'integer', (c) => c.notNull())
        .addColumn('action', 'text', (c) =>
          c
            .notNull()
            .check(
              sql`action in ('Submit', 'Approve', 'Reject', 'UndoSubmit', 'UndoApproval', 'MarkPaid', 'RevertToUnpaid')`,
            ),
        )
        .addColumn('action_by_user_id', 'text')
        .addColumn('action_by_user_name', 'text', (c) => c.notNull())
        .addColumn('comment', 'text')
        .addColumn('created_at', d.instantType, (c) => c.notNull())
        .addPrimaryKeyConstraint('expense_sheet_history_pk', ['company_id', 'expense_sheet_id', 'seq'])
        .addForeignKeyConstraint(
          'expense_sheet_history_sheet_fk',
          ['company_id', 'expense_sheet_id'],
          'expense_sheets',
          ['company_id', 'id'],
          (fk) => fk.onDelete('cascade'),
        )
        .addForeignKeyConstraint(
          'expense_sheet_history_user_fk',
          ['company_id', 'action_by_user_id'],
          'users',
          ['company_id', 'id'],
        )
        .execute();
    },
  };
}
