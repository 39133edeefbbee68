import { randomBytes } from 'node:crypto';
import { sql, type Kysely } from 'kysely';
import type { DialectHelpers } from '../dialect.js';

/**
 * Time off (API.md §4.11, §6.3; docs/adr/0008-time-off-balances.md): leave types with their balance
 * defaults, each person's own balance settings, balance adjustments, time-off entries, time-off requests
 * with their dates and history, holiday types and holidays, the employment-type associations of both
 * kinds of type, and per-person changes to derived holiday entries.
 *
 * Hours and balances are integers × 10^4. Balances are never stored: they are computed from the
 * settings, the entries and the adjustments (ADR 0008), so they cannot drift.
 */
export const TIME_OFF_REQUEST_STATUSES = ['Submitted', 'Approved', 'Rejected', 'Cancelled'] as const;

const requestStatuses = sql.raw(TIME_OFF_REQUEST_STATUSES.map((s) => `'${s}'`).join(', '));

/** ClickTime's default leave types (API.md §6.3, DECISIONS 25), as of this migration. */
const DEFAULT_TIME_OFF_TYPES: readonly { name: string; isActive: boolean }[] = [
  { name: 'Comp Time', isActive: false },
  { name: 'Company Holiday', isActive: true },
  { name: 'Personal Time', isActive: false },
  { name: 'Sick Leave', isActive: true },
  { name: 'Vacation', isActive: true },
];

const bool = (column: string) => sql`${sql.ref(column)} in (0, 1)`;

export function timeOff(d: DialectHelpers) {
  return {
    async up(db: Kysely<unknown>): Promise<void> {
      await db.schema
        .createTable('time_off_types')
        .addColumn('company_id', 'text', (c) => c.notNull().references('companies.id'))
        .addColumn('id', 'text', (c) => c.notNull())
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('is_active', 'integer', (c) => c.notNull().check(bool('is_active')))
        .addColumn('notes', 'text', (c) => c.notNull().defaultTo(''))
        .addColumn('requires_approval', 'integer', (c) =>
          c.notNull().defaultTo(0).check(bool('requires_approval')),
        )
        .addColumn('default_approver_id', 'text')
        // Hours × 10^4 accrued per 30-day period (ADR 0008).
        .addColumn('default_accrual_rate', d.bigintType, (c) => c.notNull().defaultTo(0))
        // Hours × 10^4; null: no maximum.
        .addColumn('default_maximum_balance', d.bigintType)
        .addColumn('default_starting_balance', d.bigintType, (c) => c.notNull().defaultTo(0))
        .addColumn('display_on_time_entry_pages', 'integer', (c) =>
          c.notNull().defaultTo(1).check(bool('display_on_time_entry_pages')),
        )
        .addColumn('accounting_package_id', 'text', (c) => c.notNull().defaultTo(''))
        .addColumn('custom_fields', 'text', (c) => c.notNull().defaultTo('{}'))
        .addColumn('created_at', d.instantType, (c) => c.notNull())
        .addColumn('updated_at', d.instantType, (c) => c.notNull())
        .addPrimaryKeyConstraint('time_off_types_pk', ['company_id', 'id'])
        .addForeignKeyConstraint(
          'time_off_types_approver_fk',
          ['company_id', 'default_approver_id'],
          'users',
          ['company_id', 'id'],
        )
        .addCheckConstraint(
          'time_off_types_approval_ck',
          sql`requires_approval = 0 or default_approver_id is not null`,
        )
        .addCheckConstraint('time_off_types_rate_ck', sql`default_accrual_rate >= 0`)
        .execute();
      await db.schema
        .createIndex('time_off_types_by_name')
        .on('time_off_types')
        .columns(['company_id', 'name', 'id'])
        .execute();

      // A person's own balance settings for one type; without a row the type's defaults apply.
      await db.schema
        .createTable('user_time_off_types')
        .addColumn('company_id', 'text', (c) => c.notNull())
        .addColumn('user_id', 'text', (c) => c.notNull())
        .addColumn('time_off_type_id', 'text', (c) => c.notNull())
        .addColumn('starting_balance', d.bigintType, (c) => c.notNull())
        .addColumn('accrual_rate', d.bigintType, (c) => c.notNull().check(sql`accrual_rate >= 0`))
        .addColumn('accrual_start_date', 'text', (c) => c.notNull())
        .addColumn('maximum_balance', d.bigintType)
        .addColumn('updated_at', d.instantType, (c) => c.notNull())
        .addPrimaryKeyConstraint('user_time_off_types_pk', ['company_id', 'user_id', 'time_off_type_id'])
        .addForeignKeyConstraint(
          'user_time_off_types_user_fk',
          ['company_id', 'user_id'],
          'users',
          ['company_id', 'id'],
          (fk) => fk.onDelete('cascade'),
        )
        .addForeignKeyConstraint(
          'user_time_off_types_type_fk',
          ['company_id', 'time_off_type_id'],
          'time_off_types',
          ['company_id', 'id'],
          (fk) => fk.onDelete('cascade'),
        )
        .execute();

      // "Set" adjustments: the balance at the end of `date` is `hours` (ADR 0008).
      await db.schema
        .createTable('time_off_balance_adjustments')
        .addColumn('company_id', 'text', (c) => c.notNull())
        .addColumn('user_id', 'text', (c) => c.notNull())
        .addColumn('time_off_type_id', 'text', (c) => c.notNull())
        .addColumn('seq', 'integer', (c) => c.notNull())
        .addColumn('action', 'text', (c) => c.notNull().check(sql`action in ('Set')`))
        .addColumn('date', 'text', (c) => c.notNull())
        .addColumn('hours', d.bigintType, (c) => c.notNull())
        .addColumn('notes', 'text', (c) => c.notNull().defaultTo(''))
        .addColumn('action_by_user_id', 'text')
        .addColumn('action_by_user_name', 'text', (c) => c.notNull())
        .addColumn('created_at', d.instantType, (c) => c.notNull())
        .addPrimaryKeyConstraint('time_off_balance_adjustments_pk', [
          'company_id',
          'user_id',
          'time_off_type_id',
          'seq',
        ])
        // History of a person's balance: deleting the person is refused (DECISIONS 19).
        .addForeignKeyConstraint('time_off_adjustments_user_fk', ['company_id', 'user_id'], 'users', [
          'company_id',
          'id',
        ])
        .addForeignKeyConstraint(
          'time_off_adjustments_type_fk',
          ['company_id', 'time_off_type_id'],
          'time_off_types',
          ['company_id', 'id'],
        )
        .execute();

      await db.schema
        .createTable('time_off_requests')
        .addColumn('company_id', 'text', (c) => c.notNull().references('companies.id'))
        .addColumn('id', 'text', (c) => c.notNull())
        .addColumn('user_id', 'text', (c) => c.notNull())
        .addColumn('time_off_type_id', 'text', (c) => c.notNull())
        .addColumn('notes', 'text', (c) => c.notNull().defaultTo(''))
        .addColumn('status', 'text', (c) => c.notNull().check(sql`status in (${requestStatuses})`))
        .addColumn('approval_by_user_id', 'text')
        .addColumn('created_by_user_id', 'text')
        .addColumn('first_date', 'text', (c) => c.notNull())
        .addColumn('last_date', 'text', (c) => c.notNull())
        .addColumn('created_at', d.instantType, (c) => c.notNull())
        .addColumn('updated_at', d.instantType, (c) => c.notNull())
        .addPrimaryKeyConstraint('time_off_requests_pk', ['company_id', 'id'])
        .addForeignKeyConstraint('time_off_requests_user_fk', ['company_id', 'user_id'], 'users', [
          'company_id',
          'id',
        ])
        .addForeignKeyConstraint(
          'time_off_requests_type_fk',
          ['company_id', 'time_off_type_id'],
          'time_off_types',
          ['company_id', 'id'],
        )
        .addForeignKeyConstraint(
          'time_off_requests_approver_fk',
          ['company_id', 'approval_by_user_id'],
          'users',
          ['company_id', 'id'],
        )
        .addForeignKeyConstraint(
          'time_off_requests_creator_fk',
          ['company_id', 'created_by_user_id'],
          'users',
          ['company_id', 'id'],
        )
        .addCheckConstraint('time_off_requests_dates_ck', sql`last_date >= first_date`)
        .execute();
      const requestIndex = (name: string, columns: string[]) =>
        db.schema
          .createIndex(name)
          .on('time_off_requests')
          .columns(['company_id', ...columns])
          .execute();
      await requestIndex('time_off_requests_by_created', ['created_at', 'id']);
      await requestIndex('time_off_requests_by_user', ['user_id', 'created_at']);
      await requestIndex('time_off_requests_by_approver', ['approval_by_user_id', 'status']);

      await db.schema
        .createTable('time_off_request_dates')
        .addColumn('company_id', 'text', (c) => c.notNull())
        .addColumn('time_off_request_id', 'text', (c) => c.notNull())
        .addColumn('date', 'text', (c) => c.notNull())
        .addColumn('hours', d.bigintType, (c) => c.notNull().check(sql`hours > 0 and hours <= 240000`))
        .addPrimaryKeyConstraint('time_off_request_dates_pk', ['company_id', 'time_off_request_id', 'date'])
        .addForeignKeyConstraint(
          'time_off_request_dates_request_fk',
          ['company_id', 'time_off_request_id'],
          'time_off_requests',
          ['company_id', 'id'],
          (fk) => fk.onDelete('cascade'),
        )
        .execute();

      await db.schema
        .createTable('time_off_request_history')
        .addColumn('company_id', 'text', (c) => c.notNull())
        .addColumn('time_off_request_id', 'text', (c) => c.notNull())
        .addColumn('seq', 'integer', (c) => c.notNull())
        .addColumn('status', 'text', (c) => c.notNull().check(sql`status in (${requestStatuses})`))
        .addColumn('action_by_user_id', 'text')
        .addColumn('action_by_user_name', 'text', (c) => c.notNull())
        .addColumn('comment', 'text')
        .addColumn('created_at', d.instantType, (c) => c.notNull())
        .addPrimaryKeyConstraint('time_off_request_history_pk', ['company_id', 'time_off_request_id', 'seq'])
        .addForeignKeyConstraint(
          'time_off_request_history_request_fk',
          ['company_id', 'time_off_request_id'],
          'time_off_requests',
          ['company_id', 'id'],
          (fk) => fk.onDelete('cascade'),
        )
        .addForeignKeyConstraint(
          'time_off_request_history_user_fk',
          ['company_id', 'action_by_user_id'],
          'users',
          ['company_id', 'id'],
        )
        .execute();

      await db.schema
        .createTable('time_off')
        .addColumn('company_id', 'text', (c) => c.notNull().references('companies.id'))
        .addColumn('id', 'text', (c) => c.notNull())
        .addColumn('user_id', 'text', (c) => c.notNull())
        .addColumn('date', 'text', (c) => c.notNull())
        .addColumn('time_off_type_id', 'text', (c) => c.notNull())
        .addColumn('hours', d.bigintType, (c) => c.notNull().check(sql`hours > 0 and hours <= 240000`))
        .addColumn('notes', 'text', (c) => c.notNull().defaultTo(''))
        .addColumn('time_off_request_id', 'text')
        .addColumn('created_by_user_id', 'text')
        .addColumn('created_at', d.instantType, (c) => c.notNull())
        .addColumn('updated_at', d.instantType, (c) => c.notNull())
        .addPrimaryKeyConstraint('time_off_pk', ['company_id', 'id'])
        // Time off keeps its person and type (DECISIONS 19): no cascades.
        .addForeignKeyConstraint('time_off_user_fk', ['company_id', 'user_id'], 'users', ['company_id', 'id'])
        .addForeignKeyConstraint('time_off_type_fk', ['company_id', 'time_off_type_id'], 'time_off_types', [
          'company_id',
          'id',
        ])
        .addForeignKeyConstraint(
          'time_off_request_fk',
          ['company_id', 'time_off_request_id'],
          'time_off_requests',
          ['company_id', 'id'],
        )
        .addForeignKeyConstraint('time_off_creator_fk', ['company_id', 'created_by_user_id'], 'users', [
          'company_id',
          'id',
        ])
        .execute();
      const entryIndex = (name: string, columns: string[]) =>
        db.schema
          .createIndex(name)
          .on('time_off')
          .columns(['company_id', ...columns])
          .execute();
      await entryIndex('time_off_by_user', ['user_id', 'time_off_type_id', 'date']);
      await entryIndex('time_off_by_date', ['date', 'id']);
      await entryIndex('time_off_by_type', ['time_off_type_id']);
      await entryIndex('time_off_by_request', ['time_off_request_id']);

      await db.schema
        .createTable('employment_type_time_off_types')
        .addColumn('company_id', 'text', (c) => c.notNull())
        .addColumn('employment_type_id', 'text', (c) => c.notNull())
        .addColumn('time_off_type_id', 'text', (c) => c.notNull())
        .addColumn('seq', 'integer', (c) => c.notNull())
        .addColumn('created_at', d.instantType, (c) => c.notNull())
        .addPrimaryKeyConstraint('employment_type_time_off_types_pk', [
          'company_id',
          'employment_type_id',
          'time_off_type_id',
        ])
        .addForeignKeyConstraint(
          'ettot_employment_type_fk',
          ['company_id', 'employment_type_id'],
          'employment_types',
          ['company_id', 'id'],
          (fk) => fk.onDelete('cascade'),
        )
        .addForeignKeyConstraint(
          'ettot_type_fk',
          ['company_id', 'time_off_type_id'],
          'time_off_types',
          ['company_id', 'id'],
          (fk) => fk.onDelete('cascade'),
        )
        .execute();
      await db.schema
        .createIndex('ettot_by_type')
        .on('employment_type_time_off_types')
        .columns(['company_id', 'time_off_type_id'])
        .execute();

      await db.schema
        .createTable('holiday_types')
        .addColumn('company_id', 'text', (c) => c.notNull().references('companies.id'))
        .addColumn('id', 'text', (c) => c.notNull())
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('is_active', 'integer', (c) => c.notNull().check(bool('is_active')))
        .addColumn('notes', 'text', (c) => c.notNull().defaultTo(''))
        .addColumn('accounting_package_id', 'text', (c) => c.notNull().defaultTo(''))
        .addColumn('custom_fields', 'text', (c) => c.notNull().defaultTo('{}'))
        .addColumn('created_at', d.instantType, (c) => c.notNull())
        .addColumn('updated_at', d.instantType, (c) => c.notNull())
        .addPrimaryKeyConstraint('holiday_types_pk', ['company_id', 'id'])
        .execute();
      await db.schema
        .createIndex('holiday_types_by_name')
        .on('holiday_types')
        .columns(['company_id', 'name', 'id'])
        .execute();

      await db.schema
        .createTable('holidays')
        .addColumn('company_id', 'text', (c) => c.notNull().references('companies.id'))
        .addColumn('id', 'text', (c) => c.notNull())
        .addColumn('holiday_type_id', 'text', (c) => c.notNull())
        .addColumn('date', 'text', (c) => c.notNull())
        .addColumn('hours', d.bigintType, (c) => c.notNull().check(sql`hours > 0 and hours <= 240000`))
        .addColumn('notes', 'text', (c) => c.notNull().defaultTo(''))
        .addColumn('created_at', d.instantType, (c) => c.notNull())
        .addColumn('updated_at', d.instantType, (c) => c.notNull())
        .addPrimaryKeyConstraint('holidays_pk', ['company_id', 'id'])
        .addUniqueConstraint('holidays_type_date_uq', ['company_id', 'holiday_type_id', 'date'])
        .addForeignKeyConstraint('holidays_type_fk', ['company_id', 'holiday_type_id'], 'holiday_types', [
          'company_id',
          'id',
        ])
        .execute();
      await db.schema
        .createIndex('holidays_by_date')
        .on('holidays')
        .columns(['company_id', 'date', 'id'])
        .execute();

      await db.schema
        .createTable('employment_type_holiday_types')
        .addColumn('company_id', 'text', (c) => c.notNull())
        .addColumn('employment_type_id', 'text', (c) => c.notNull())
        .addColumn('holiday_type_id', 'text', (c) => c.notNull())
        .addColumn('seq', 'integer', (c) => c.notNull())
        .addColumn('created_at', d.instantType, (c) => c.notNull())
        .addPrimaryKeyConstraint('employment_type_holiday_types_pk', [
          'company_id',
          'employment_type_id',
          'holiday_type_id',
        ])
        .addForeignKeyConstraint(
          'ethht_employment_type_fk',
          ['company_id', 'employment_type_id'],
          'employment_types',
          ['company_id', 'id'],
          (fk) => fk.onDelete('cascade'),
        )
        .addForeignKeyConstraint(
          'ethht_type_fk',
          ['company_id', 'holiday_type_id'],
          'holiday_types',
          ['company_id', 'id'],
          (fk) => fk.onDelete('cascade'),
        )
        .execute();
      await db.schema
        .createIndex('ethht_by_type')
        .on('employment_type_holiday_types')
        .columns(['company_id', 'holiday_type_id'])
        .execute();

      // Holiday entries are derived (holiday × person); a row here changes or removes one.
      await db.schema
        .createTable('holiday_entry_overrides')
        .addColumn('company_id', 'text', (c) => c.notNull())
        .addColumn('holiday_id', 'text', (c) => c.notNull())
        .addColumn('user_id', 'text', (c) => c.notNull())
        .addColumn('hours', d.bigintType, (c) => c.check(sql`hours > 0 and hours <= 240000`))
        .addColumn('notes', 'text')
        .addColumn('is_deleted', 'integer', (c) => c.notNull().defaultTo(0).check(bool('is_deleted')))
        .addColumn('updated_at', d.instantType, (c) => c.notNull())
        .addPrimaryKeyConstraint('holiday_entry_overrides_pk', ['company_id', 'holiday_id', 'user_id'])
        .addForeignKeyConstraint(
          'holiday_entry_overrides_holiday_fk',
          ['company_id', 'holiday_id'],
          'holidays',
          ['company_id', 'id'],
          (fk) => fk.onDelete('cascade'),
        )
        .addForeignKeyConstraint(
          'holiday_entry_overrides_user_fk',
          ['company_id', 'user_id'],
          'users',
          ['company_id', 'id'],
          (fk) => fk.onDelete('cascade'),
        )
        .execute();

      // Companies created before this migration get the default leave types too (DECISIONS 25).
      const companies = await sql<{ id: string }>`select id from companies`.execute(db);
      const now = new Date().toISOString();
      for (const { id: companyId } of companies.rows) {
        for (const t of DEFAULT_TIME_OFF_TYPES) {
          await sql`insert into time_off_types (company_id, id, name, is_active, created_at, updated_at)
            values (${companyId}, ${randomBytes(18).toString('base64url')}, ${t.name}, ${t.isActive ? 1 : 0}, ${now}, ${now})`.execute(
            db,
          );
        }
      }
    },
  };
}
