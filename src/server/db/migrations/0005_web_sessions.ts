import type { Kysely } from 'kysely';
import type { DialectHelpers } from '../dialect.js';

/**
 * Web-app sessions (DECISIONS 17). Like `accounts`, deployment-wide: a cookie must find its company.
 */
export function webSessions(d: DialectHelpers) {
  return {
    async up(db: Kysely<unknown>): Promise<void> {
      await db.schema
        .createTable('web_sessions')
        .addColumn('lookup', 'text', (c) => c.primaryKey())
        .addColumn('company_id', 'text', (c) => c.notNull())
        .addColumn('user_id', 'text', (c) => c.notNull())
        .addColumn('csrf_token', 'text', (c) => c.notNull())
        .addColumn('created_at', d.instantType, (c) => c.notNull())
        .addColumn('expires_at', d.instantType, (c) => c.notNull())
        .addForeignKeyConstraint(
          'web_sessions_user_fk',
          ['company_id', 'user_id'],
          'users',
          ['company_id', 'id'],
          (fk) => fk.onDelete('cascade'),
        )
        .execute();
      await db.schema
        .createIndex('web_sessions_by_user')
        .on('web_sessions')
        .columns(['company_id', 'user_id'])
        .execute();
    },
  };
}
