import { sql, type Kysely } from 'kysely';
import type { DialectHelpers } from '../dialect.js';

/**
 * Report labels (CATALOGUE Labels, LabelEvents; docs/adr/0011-labels.md): a label, its labeling events
 * (the label applied to entities of one type over an optional date window) and each event's entity IDs.
 * The entity IDs carry no foreign key: they name different tables by the event's EntityType.
 */
export function labels(d: DialectHelpers) {
  return {
    async up(db: Kysely<unknown>): Promise<void> {
      await db.schema
        .createTable('labels')
        .addColumn('company_id', 'text', (c) => c.notNull().references('companies.id'))
        .addColumn('id', 'text', (c) => c.notNull())
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('is_active', 'integer', (c) => c.notNull().check(sql`is_active in (0, 1)`))
        .addColumn('notes', 'text', (c) => c.notNull().defaultTo(''))
        .addColumn('created_at', d.instantType, (c) => c.notNull())
        .addPrimaryKeyConstraint('labels_pk', ['company_id', 'id'])
        .execute();
      // Names are unique per company whatever their case. The service checks first (to name the field);
      // this index is what keeps two requests at the same moment from both succeeding (a 409 then).
      await sql`create unique index labels_name_uq on labels (company_id, lower(name))`.execute(db);

      await db.schema
        .createTable('label_events')
        .addColumn('company_id', 'text', (c) => c.notNull().references('companies.id'))
        .addColumn('id', 'text', (c) => c.notNull())
        .addColumn('label_id', 'text', (c) => c.notNull())
        .addColumn('entity_type', 'text', (c) =>
          c.notNull().check(sql`entity_type in ('TimeEntry', 'Job', 'User', 'Task', 'Client')`),
        )
        .addColumn('start_date', 'text')
        .addColumn('end_date', 'text')
        .addColumn('created_at', d.instantType, (c) => c.notNull())
        .addPrimaryKeyConstraint('label_events_pk', ['company_id', 'id'])
        .addForeignKeyConstraint('label_events_label_fk', ['company_id', 'label_id'], 'labels', [
          'company_id',
          'id',
        ])
        .execute();
      await db.schema
        .createIndex('label_events_by_label')
        .on('label_events')
        .columns(['company_id', 'label_id'])
        .execute();

      await db.schema
        .createTable('label_event_entities')
        .addColumn('company_id', 'text', (c) => c.notNull())
        .addColumn('event_id', 'text', (c) => c.notNull())
        .addColumn('entity_id', 'text', (c) => c.notNull())
        .addPrimaryKeyConstraint('label_event_entities_pk', ['company_id', 'event_id', 'entity_id'])
        .addForeignKeyConstraint(
          'label_event_entities_event_fk',
          ['company_id', 'event_id'],
          'label_events',
          ['company_id', 'id'],
        )
        .execute();
    },
  };
}
