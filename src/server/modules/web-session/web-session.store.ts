import type { Db } from '../../db/connect.js';

export interface SessionRow {
  companyId: string;
  userId: string;
  csrfToken: string;
  expiresAt: string;
}

export async function insertSession(
  db: Db,
  s: SessionRow & { lookup: string; createdAt: string },
): Promise<void> {
  await db
    .insertInto('web_sessions')
    .values({
      lookup: s.lookup,
      company_id: s.companyId,
      user_id: s.userId,
      csrf_token: s.csrfToken,
      created_at: s.createdAt,
      expires_at: s.expiresAt,
    })
    .execute();
}

export async function findSession(db: Db, lookup: string): Promise<SessionRow | undefined> {
  const row = await db
    .selectFrom('web_sessions')
    .select(['company_id', 'user_id', 'csrf_token', 'expires_at'])
    .where('lookup', '=', lookup)
    .executeTakeFirst();
  return (
    row && {
      companyId: row.company_id,
      userId: row.user_id,
      csrfToken: row.csrf_token,
      expiresAt: row.expires_at,
    }
  );
}

export async function deleteSession(db: Db, lookup: string): Promise<void> {
  await db.deleteFrom('web_sessions').where('lookup', '=', lookup).execute();
}

export async function deleteExpiredSessions(db: Db, nowIso: string): Promise<void> {
  await db.deleteFrom('web_sessions').where('expires_at', '<', nowIso).execute();
}
