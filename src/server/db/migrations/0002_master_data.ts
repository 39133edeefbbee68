import { sql, type Kysely, type SqlBool } from 'kysely';
import type { DialectHelpers } from '../dialect.js';

/**
 * Master data (issue 3): clients, jobs, tasks, who may use which job and task (docs/adr/0005), each
 * person's "my jobs" / "my tasks" lists, and custom-field definitions (DECISIONS 11).
 *
 * Conventions as in 0001: company_id leads every key, booleans are 0/1 with a CHECK, enums are text with
 * a CHECK, rates are integers × 10^4 (lib/decimal.ts), references are composite (company_id, x_id).
 */
export function masterData(d: DialectHelpers) {
  const bool = (name: string) => sql`${sql.ref(name)} in (0, 1)`;
  const rateMode = sql`secondary_billing_rate_mode in ('INHERIT', 'CUSTOM', 'FLAT')`;

  return {
    async up(db: Kysely<unknown>): Promise<void> {
      await db.schema
        .createTable('custom_field_definitions')
        .addColumn('company_id', 'text', (c) => c.notNull().references('companies.id'))
        .addColumn('id', 'text', (c) => c.notNull())
        .addColumn('entity_type', 'text', (c) =>
          c.notNull().check(sql`entity_type in ('Client', 'Job', 'Task', 'User', 'Division', 'TimeEntry')`),
        )
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('display_name', 'text', (c) => c.notNull())
        .addColumn('data_type', 'text', (c) =>
          c.notNull().check(sql`data_type in ('Text', 'Number', 'Date', 'Checkbox', 'Pulldown')`),
        )
        .addColumn('is_required', 'integer', (c) => c.notNull().defaultTo(0).check(bool('is_required')))
        /** JSON array of strings (Pulldown only). */
        .addColumn('pulldown_values', 'text', (c) => c.notNull().defaultTo('[]'))
        .addColumn('created_at', d.instantType, (c) => c.notNull())
        /** Soft delete: values naming a deleted definition are dropped when their record is next saved. */
        .addColumn('deleted_at', d.instantType)
        .addPrimaryKeyConstraint('custom_field_definitions_pk', ['company_id', 'id'])
        .execute();
      await db.schema
        .createIndex('custom_field_definitions_by_entity')
        .on('custom_field_definitions')
        .columns(['company_id', 'entity_type', 'display_name', 'id'])
        .execute();
      await db.schema
        .createIndex('custom_field_definitions_name_uq')
        .on('custom_field_definitions')
        .columns(['company_id', 'entity_type', 'name'])
        .unique()
        .where(sql<SqlBool>`deleted_at is null`)
        .execute();

      await db.schema
        .createTable('clients')
        .addColumn('company_id', 'text', (c) => c.notNull().references('companies.id'))
        .addColumn('id', 'text', (c) => c.notNull())
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('short_name', 'text', (c) => c.notNull().defaultTo(''))
        .addColumn('client_number', 'text', (c) => c.notNull().defaultTo(''))
        .addColumn('is_active', 'integer', (c) => c.notNull().check(bool('is_active')))
        /** Server-computed label (master-data/display.ts), stored because it is the default order. */
        .addColumn('list_display_text', 'text', (c) => c.notNull())
        .addColumn('notes', 'text', (c) => c.notNull().defaultTo(''))
        .addColumn('accounting_package_id', 'text', (c) => c.notNull().defaultTo(''))
        .addColumn('billing_rate', d.bigintType)
        .addColumn('secondary_billing_rate_mode', 'text', (c) =>
          c.notNull().defaultTo('INHERIT').check(rateMode),
        )
        .addColumn('is_eligible_time_off_allocation', 'integer', (c) =>
          c.notNull().defaultTo(0).check(bool('is_eligible_time_off_allocation')),
        )
        .addColumn('custom_fields', 'text', (c) => c.notNull().defaultTo('{}'))
        .addColumn('created_at', d.instantType, (c) => c.notNull())
        .addColumn('updated_at', d.instantType, (c) => c.notNull())
        .addPrimaryKeyConstraint('clients_pk', ['company_id', 'id'])
        .execute();
      await db.schema
        .createIndex('clients_by_display')
        .on('clients')
        .columns(['company_id', 'list_display_text', 'id'])
        .execute();
      await db.schema
        .createIndex('clients_by_number')
        .on('clients')
        .columns(['company_id', 'client_number'])
        .execute();
      await db.schema
        .createIndex('clients_by_name')
        .on('clients')
        .expression(sql`company_id, lower(name)`)
        .execute();

      await db.schema
        .createTable('tasks')
        .addColumn('company_id', 'text', (c) => c.notNull().references('companies.id'))
        .addColumn('id', 'text', (c) => c.notNull())
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('task_code', 'text', (c) => c.notNull().defaultTo(''))
        .addColumn('is_active', 'integer', (c) => c.notNull().check(bool('is_active')))
        .addColumn('list_display_text', 'text', (c) => c.notNull())
        .addColumn('notes', 'text', (c) => c.notNull().defaultTo(''))
        .addColumn('accounting_package_id', 'text', (c) => c.notNull().defaultTo(''))
        .addColumn('is_billable', 'integer', (c) => c.notNull().defaultTo(1).check(bool('is_billable')))
        .addColumn('billing_rate', d.bigintType)
        .addColumn('use_company_billing_rate', 'integer', (c) =>
          c.notNull().defaultTo(1).check(bool('use_company_billing_rate')),
        )
        .addColumn('custom_fields', 'text', (c) => c.notNull().defaultTo('{}'))
        .addColumn('created_at', d.instantType, (c) => c.notNull())
        .addColumn('updated_at', d.instantType, (c) => c.notNull())
        .addPrimaryKeyConstraint('tasks_pk', ['company_id', 'id'])
        .execute();
      await db.schema
        .createIndex('tasks_by_name_id')
        .on('tasks')
        .columns(['company_id', 'name', 'id'])
        .execute();
      await db.schema.createIndex('tasks_by_code').on('tasks').columns(['company_id', 'task_code']).execute();
      await db.schema
        .createIndex('tasks_by_lower_name')
        .on('tasks')
        .expression(sql`company_id, lower(name)`)
        .execute();

      await db.schema
        .createTable('jobs')
        .addColumn('company_id', 'text', (c) => c.notNull().references('companies.id'))
        .addColumn('id', 'text', (c) => c.notNull())
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('job_number', 'text', (c) => c.notNull().defaultTo(''))
        .addColumn('client_id', 'text', (c) => c.notNull())
        .addColumn('is_active', 'integer', (c) => c.notNull().check(bool('is_active')))
        .addColumn('start_date', 'text')
        .addColumn('end_date', 'text')
        .addColumn('list_display_text', 'text', (c) => c.notNull())
        .addColumn('notes', 'text', (c) => c.notNull().defaultTo(''))
        .addColumn('accounting_package_id', 'text', (c) => c.notNull().defaultTo(''))
        .addColumn('is_billable', 'integer', (c) => c.notNull().defaultTo(1).check(bool('is_billable')))
        .addColumn('billing_rate', d.bigintType)
        .addColumn('use_company_billing_rate', 'integer', (c) =>
          c.notNull().defaultTo(1).check(bool('use_company_billing_rate')),
        )
        .addColumn('secondary_billing_rate_mode', 'text', (c) =>
          c.notNull().defaultTo('INHERIT').check(rateMode),
        )
        .addColumn('project_manager_id', 'text')
        .addColumn('time_requires_approval', 'integer', (c) =>
          c.notNull().defaultTo(0).check(bool('time_requires_approval')),
        )
        .addColumn('include_in_rm', 'integer', (c) => c.notNull().defaultTo(1).check(bool('include_in_rm')))
        .addColumn('is_eligible_time_off_allocation', 'integer', (c) =>
          c.notNull().defaultTo(0).check(bool('is_eligible_time_off_allocation')),
        )
        .addColumn('custom_fields', 'text', (c) => c.notNull().defaultTo('{}'))
        .addColumn('created_at', d.instantType, (c) => c.notNull())
        .addColumn('updated_at', d.instantType, (c) => c.notNull())
        .addPrimaryKeyConstraint('jobs_pk', ['company_id', 'id'])
        // No cascade: a client with jobs is in use (DECISIONS 19).
        .addForeignKeyConstraint('jobs_client_fk', ['company_id', 'client_id'], 'clients', [
          'company_id',
          'id',
        ])
        // A project manager with jobs cannot be deleted (users' DELETE turns this into 409 in_use).
        .addForeignKeyConstraint('jobs_project_manager_fk', ['company_id', 'project_manager_id'], 'users', [
          'company_id',
          'id',
        ])
        .addCheckConstraint(
          'jobs_dates_ck',
          sql`end_date is null or start_date is null or end_date >= start_date`,
        )
        .execute();
      await db.schema
        .createIndex('jobs_by_display')
        .on('jobs')
        .columns(['company_id', 'list_display_text', 'id'])
        .execute();
      await db.schema.createIndex('jobs_by_client').on('jobs').columns(['company_id', 'client_id']).execute();
      await db.schema
        .createIndex('jobs_by_number')
        .on('jobs')
        .columns(['company_id', 'job_number'])
        .execute();
      await db.schema
        .createIndex('jobs_by_project_manager')
        .on('jobs')
        .columns(['company_id', 'project_manager_id'])
        .execute();
      await db.schema
        .createIndex('jobs_by_lower_name')
        .on('jobs')
        .expression(sql`company_id, lower(name)`)
        .execute();

      // Associations (API.md §4.17). `seq` orders "newest first": it grows per company and table.
      const association = async (
        table: string,
        parent: { column: string; table: string },
        child: { column: string; table: string; cascade: boolean },
      ) => {
        await db.schema
          .createTable(table)
          .addColumn('company_id', 'text', (c) => c.notNull())
          .addColumn(parent.column, 'text', (c) => c.notNull())
          .addColumn(child.column, 'text', (c) => c.notNull())
          .addColumn('seq', d.bigintType, (c) => c.notNull())
          .addColumn('created_at', d.instantType, (c) => c.notNull())
          .addPrimaryKeyConstraint(`${table}_pk`, ['company_id', parent.column, child.column])
          .addForeignKeyConstraint(
            `${table}_parent_fk`,
            ['company_id', parent.column],
            parent.table,
            ['company_id', 'id'],
            (fk) => fk.onDelete('cascade'),
          )
          .addForeignKeyConstraint(
            `${table}_child_fk`,
            ['company_id', child.column],
            child.table,
            ['company_id', 'id'],
            (fk) => (child.cascade ? fk.onDelete('cascade') : fk),
          )
          .execute();
        await db.schema
          .createIndex(`${table}_by_child`)
          .on(table)
          .columns(['company_id', child.column])
          .execute();
        await db.schema.createIndex(`${table}_by_seq`).on(table).columns(['company_id', 'seq']).execute();
      };
      // Tasks allowed on a job (TaskRestrictionMethod byjob).
      await association(
        'job_tasks',
        { column: 'job_id', table: 'jobs' },
        { column: 'task_id', table: 'tasks', cascade: true },
      );
      // People who may use a job (JobRestrictionMethod byperson).
      await association(
        'job_users',
        { column: 'job_id', table: 'jobs' },
        { column: 'user_id', table: 'users', cascade: true },
      );
      // Divisions whose people may use a job (JobRestrictionMethod bydivision). Divisions are never deleted.
      await association(
        'job_divisions',
        { column: 'job_id', table: 'jobs' },
        { column: 'division_id', table: 'divisions', cascade: false },
      );
      // Each person's own lists (JobRestrictionMethod myjobs, TaskRestrictionMethod mytasks).
      await association(
        'my_jobs',
        { column: 'user_id', table: 'users' },
        { column: 'job_id', table: 'jobs', cascade: true },
      );
      await association(
        'my_tasks',
        { column: 'user_id', table: 'users' },
        { column: 'task_id', table: 'tasks', cascade: true },
      );
    },
  };
}
