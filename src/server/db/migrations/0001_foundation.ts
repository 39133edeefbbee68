import { sql, type Kysely } from 'kysely';
import type { DialectHelpers } from '../dialect.js';

/** Companies, the login directory, people, divisions, employment types, permissions, invitations. */
export function foundation(d: DialectHelpers) {
  return {
    async up(db: Kysely<unknown>): Promise<void> {
      await db.schema
        .createTable('companies')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('is_active', 'integer', (c) =>
          c
            .notNull()
            .defaultTo(1)
            .check(sql`is_active in (0, 1)`),
        )
        .addColumn('start_date', 'text', (c) => c.notNull())
        .addColumn('account_number', 'text', (c) => c.notNull())
        .addColumn('settings', 'text', (c) => c.notNull())
        .addColumn('created_at', d.instantType, (c) => c.notNull())
        .execute();

      await db.schema
        .createTable('divisions')
        .addColumn('company_id', 'text', (c) => c.notNull().references('companies.id'))
        .addColumn('id', 'text', (c) => c.notNull())
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('is_active', 'integer', (c) => c.notNull().check(sql`is_active in (0, 1)`))
        .addColumn('notes', 'text', (c) => c.notNull().defaultTo(''))
        .addColumn('accounting_package_id', 'text', (c) => c.notNull().defaultTo(''))
        .addColumn('custom_fields', 'text', (c) => c.notNull().defaultTo('{}'))
        .addColumn('created_at', d.instantType, (c) => c.notNull())
        .addPrimaryKeyConstraint('divisions_pk', ['company_id', 'id'])
        .execute();
      await db.schema
        .createIndex('divisions_by_name')
        .on('divisions')
        .columns(['company_id', 'name'])
        .execute();

      await db.schema
        .createTable('employment_types')
        .addColumn('company_id', 'text', (c) => c.notNull().references('companies.id'))
        .addColumn('id', 'text', (c) => c.notNull())
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('is_active', 'integer', (c) => c.notNull().check(sql`is_active in (0, 1)`))
        .addColumn('notes', 'text', (c) => c.notNull().defaultTo(''))
        .addColumn('accounting_package_id', 'text', (c) => c.notNull().defaultTo(''))
        .addColumn('created_at', d.instantType, (c) => c.notNull())
        .addPrimaryKeyConstraint('employment_types_pk', ['company_id', 'id'])
        .execute();

      await db.schema
        .createTable('users')
        .addColumn('company_id', 'text', (c) => c.notNull().references('companies.id'))
        .addColumn('id', 'text', (c) => c.notNull())
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('email', 'text', (c) => c.notNull())
        .addColumn('security_level', 'text', (c) =>
          c.notNull().check(sql`security_level in ('STANDARD', 'MANAGER', 'ADMIN')`),
        )
        .addColumn('is_active', 'integer', (c) => c.notNull().check(sql`is_active in (0, 1)`))
        .addColumn('start_date', 'text')
        .addColumn('end_date', 'text')
        .addColumn('division_id', 'text')
        .addColumn('employment_type_id', 'text')
        .addColumn('timesheet_approver_id', 'text')
        .addColumn('expense_approver_id', 'text')
        .addColumn('time_off_approver_id', 'text')
        .addColumn('subject_to_timesheet_approval', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('subject_to_expense_approval', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('subject_to_timesheet_completion', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('billing_rate', d.bigintType)
        .addColumn('use_company_billing_rate', 'integer', (c) => c.notNull().defaultTo(1))
        .addColumn('cost_rate', d.bigintType)
        .addColumn('cost_model', 'text', (c) =>
          c
            .notNull()
            .defaultTo('Hourly')
            .check(sql`cost_model in ('Hourly', 'Salary')`),
        )
        .addColumn('cost_per_timesheet', d.bigintType)
        .addColumn('default_task_id', 'text')
        .addColumn('default_expense_type_id', 'text')
        .addColumn('default_payment_type_id', 'text')
        .addColumn('attrs', 'text', (c) => c.notNull().defaultTo('{}'))
        .addColumn('custom_fields', 'text', (c) => c.notNull().defaultTo('{}'))
        .addColumn('created_at', d.instantType, (c) => c.notNull())
        .addColumn('updated_at', d.instantType, (c) => c.notNull())
        .addPrimaryKeyConstraint('users_pk', ['company_id', 'id'])
        .addForeignKeyConstraint('users_division_fk', ['company_id', 'division_id'], 'divisions', [
          'company_id',
          'id',
        ])
        .addForeignKeyConstraint(
          'users_employment_type_fk',
          ['company_id', 'employment_type_id'],
          'employment_types',
          ['company_id', 'id'],
        )
        .addForeignKeyConstraint(
          'users_timesheet_approver_fk',
          ['company_id', 'timesheet_approver_id'],
          'users',
          ['company_id', 'id'],
        )
        .addForeignKeyConstraint(
          'users_expense_approver_fk',
          ['company_id', 'expense_approver_id'],
          'users',
          ['company_id', 'id'],
        )
        .addForeignKeyConstraint(
          'users_time_off_approver_fk',
          ['company_id', 'time_off_approver_id'],
          'users',
          ['company_id', 'id'],
        )
        .execute();
      await db.schema
        .createIndex('users_by_name')
        .on('users')
        .columns(['company_id', 'name', 'id'])
        .execute();
      await db.schema
        .createIndex('users_by_division')
        .on('users')
        .columns(['company_id', 'division_id'])
        .execute();
      for (const column of ['timesheet_approver_id', 'expense_approver_id', 'time_off_approver_id']) {
        await db.schema
          .createIndex(`users_by_${column}`)
          .on('users')
          .columns(['company_id', column])
          .execute();
      }

      await db.schema
        .createTable('accounts')
        .addColumn('email_key', 'text', (c) => c.primaryKey())
        .addColumn('company_id', 'text', (c) => c.notNull())
        .addColumn('user_id', 'text', (c) => c.notNull())
        .addColumn('password_hash', 'text')
        .addColumn('token_lookup', 'text', (c) => c.notNull().unique())
        .addColumn('token_enc', 'text', (c) => c.notNull())
        .addColumn('token_created_at', d.instantType, (c) => c.notNull())
        .addForeignKeyConstraint(
          'accounts_user_fk',
          ['company_id', 'user_id'],
          'users',
          ['company_id', 'id'],
          (fk) => fk.onDelete('cascade'),
        )
        .execute();
      await db.schema
        .createIndex('accounts_by_user')
        .on('accounts')
        .columns(['company_id', 'user_id'])
        .unique()
        .execute();

      await db.schema
        .createTable('user_permissions')
        .addColumn('company_id', 'text', (c) => c.notNull())
        .addColumn('user_id', 'text', (c) => c.notNull())
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('access_level', 'text', (c) =>
          c.notNull().check(sql`access_level in ('All', 'Divisions', 'Projects')`),
        )
        .addPrimaryKeyConstraint('user_permissions_pk', ['company_id', 'user_id', 'name'])
        .addForeignKeyConstraint(
          'user_permissions_user_fk',
          ['company_id', 'user_id'],
          'users',
          ['company_id', 'id'],
          (fk) => fk.onDelete('cascade'),
        )
        .execute();

      await db.schema
        .createTable('user_permission_divisions')
        .addColumn('company_id', 'text', (c) => c.notNull())
        .addColumn('user_id', 'text', (c) => c.notNull())
        .addColumn('division_id', 'text', (c) => c.notNull())
        .addPrimaryKeyConstraint('user_permission_divisions_pk', ['company_id', 'user_id', 'division_id'])
        .addForeignKeyConstraint(
          'upd_user_fk',
          ['company_id', 'user_id'],
          'users',
          ['company_id', 'id'],
          (fk) => fk.onDelete('cascade'),
        )
        .addForeignKeyConstraint('upd_division_fk', ['company_id', 'division_id'], 'divisions', [
          'company_id',
          'id',
        ])
        .execute();

      await db.schema
        .createTable('invitations')
        .addColumn('company_id', 'text', (c) => c.notNull())
        .addColumn('user_id', 'text', (c) => c.notNull())
        .addColumn('token_lookup', 'text', (c) => c.notNull().unique())
        .addColumn('expires_at', d.instantType, (c) => c.notNull())
        .addColumn('created_at', d.instantType, (c) => c.notNull())
        .addPrimaryKeyConstraint('invitations_pk', ['company_id', 'user_id'])
        .addForeignKeyConstraint(
          'invitations_user_fk',
          ['company_id', 'user_id'],
          'users',
          ['company_id', 'id'],
          (fk) => fk.onDelete('cascade'),
        )
        .execute();

      await db.schema
        .createTable('login_failures')
        .addColumn('id', d.serialType, (c) => c.primaryKey())
        .addColumn('key', 'text', (c) => c.notNull())
        .addColumn('at_ms', d.bigintType, (c) => c.notNull())
        .execute();
      await db.schema
        .createIndex('login_failures_by_key')
        .on('login_failures')
        .columns(['key', 'at_ms'])
        .execute();
    },
  };
}
