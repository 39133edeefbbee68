import type { Db } from '../db/connect.js';
import type { AccessLevel, PermissionName, SecurityLevel } from '../lib/permissions.js';

export interface AccountRow {
  companyId: string;
  userId: string;
  passwordHash: string | null;
  tokenEnc: string;
  tokenCreatedAt: string;
}

export interface IdentityRow {
  companyId: string;
  userId: string;
  securityLevel: SecurityLevel;
  userActive: boolean;
  companyActive: boolean;
}

export function emailKey(email: string): string {
  return email.trim().toLowerCase();
}

export async function findAccountByEmail(db: Db, email: string): Promise<AccountRow | undefined> {
  const row = await db
    .selectFrom('accounts')
    .select(['company_id', 'user_id', 'password_hash', 'token_enc', 'token_created_at'])
    .where('email_key', '=', emailKey(email))
    .executeTakeFirst();
  return row && toAccount(row);
}

export async function findAccountByUser(
  db: Db,
  companyId: string,
  userId: string,
): Promise<AccountRow | undefined> {
  const row = await db
    .selectFrom('accounts')
    .select(['company_id', 'user_id', 'password_hash', 'token_enc', 'token_created_at'])
    .where('company_id', '=', companyId)
    .where('user_id', '=', userId)
    .executeTakeFirst();
  return row && toAccount(row);
}

function toAccount(row: {
  company_id: string;
  user_id: string;
  password_hash: string | null;
  token_enc: string;
  token_created_at: string;
}): AccountRow {
  return {
    companyId: row.company_id,
    userId: row.user_id,
    passwordHash: row.password_hash,
    tokenEnc: row.token_enc,
    tokenCreatedAt: row.token_created_at,
  };
}

export async function findIdentityByTokenLookup(db: Db, lookup: string): Promise<IdentityRow | undefined> {
  const row = await db
    .selectFrom('accounts as a')
    .innerJoin('users as u', (j) =>
      j.onRef('u.company_id', '=', 'a.company_id').onRef('u.id', '=', 'a.user_id'),
    )
    .innerJoin('companies as c', 'c.id', 'u.company_id')
    .select([
      'u.company_id',
      'u.id',
      'u.security_level',
      'u.is_active as user_active',
      'c.is_active as company_active',
    ])
    .where('a.token_lookup', '=', lookup)
    .executeTakeFirst();
  return row && toIdentity(row);
}

export async function findIdentityByUser(
  db: Db,
  companyId: string,
  userId: string,
): Promise<IdentityRow | undefined> {
  const row = await db
    .selectFrom('users as u')
    .innerJoin('companies as c', 'c.id', 'u.company_id')
    .select([
      'u.company_id',
      'u.id',
      'u.security_level',
      'u.is_active as user_active',
      'c.is_active as company_active',
    ])
    .where('u.company_id', '=', companyId)
    .where('u.id', '=', userId)
    .executeTakeFirst();
  return row && toIdentity(row);
}

function toIdentity(row: {
  company_id: string;
  id: string;
  security_level: SecurityLevel;
  user_active: number;
  company_active: number;
}): IdentityRow {
  return {
    companyId: row.company_id,
    userId: row.id,
    securityLevel: row.security_level,
    userActive: row.user_active === 1,
    companyActive: row.company_active === 1,
  };
}

export async function loadPermissions(
  db: Db,
  companyId: string,
  userId: string,
): Promise<{ permissions: Map<PermissionName, AccessLevel>; divisionIds: string[] }> {
  const [perms, divisions] = await Promise.all([
    db
      .selectFrom('user_permissions')
      .select(['name', 'access_level'])
      .where('company_id', '=', companyId)
      .where('user_id', '=', userId)
      .execute(),
    db
      .selectFrom('user_permission_divisions')
      .select('division_id')
      .where('company_id', '=', companyId)
      .where('user_id', '=', userId)
      .execute(),
  ]);
  return {
    permissions: new Map(perms.map((p) => [p.name as PermissionName, p.access_level])),
    divisionIds: divisions.map((d) => d.division_id),
  };
}

export async function insertAccount(
  db: Db,
  row: {
    email: string;
    companyId: string;
    userId: string;
    passwordHash: string | null;
    tokenLookup: string;
    tokenEnc: string;
    tokenCreatedAt: string;
  },
): Promise<void> {
  await db
    .insertInto('accounts')
    .values({
      email_key: emailKey(row.email),
      company_id: row.companyId,
      user_id: row.userId,
      password_hash: row.passwordHash,
      token_lookup: row.tokenLookup,
      token_enc: row.tokenEnc,
      token_created_at: row.tokenCreatedAt,
    })
    .execute();
}

export async function updateAccountToken(
  db: Db,
  companyId: string,
  userId: string,
  token: { lookup: string; enc: string; createdAt: string },
): Promise<boolean> {
  const result = await db
    .updateTable('accounts')
    .set({ token_lookup: token.lookup, token_enc: token.enc, token_created_at: token.createdAt })
    .where('company_id', '=', companyId)
    .where('user_id', '=', userId)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

export async function updateAccountPassword(
  db: Db,
  companyId: string,
  userId: string,
  passwordHash: string,
): Promise<void> {
  await db
    .updateTable('accounts')
    .set({ password_hash: passwordHash })
    .where('company_id', '=', companyId)
    .where('user_id', '=', userId)
    .execute();
}

export async function updateAccountEmail(
  db: Db,
  companyId: string,
  userId: string,
  email: string,
): Promise<void> {
  await db
    .updateTable('accounts')
    .set({ email_key: emailKey(email) })
    .where('company_id', '=', companyId)
    .where('user_id', '=', userId)
    .execute();
}

export async function emailInUse(
  db: Db,
  email: string,
  except?: { companyId: string; userId: string },
): Promise<boolean> {
  const row = await db
    .selectFrom('accounts')
    .select(['company_id', 'user_id'])
    .where('email_key', '=', emailKey(email))
    .executeTakeFirst();
  if (!row) return false;
  return !(except && row.company_id === except.companyId && row.user_id === except.userId);
}

export async function countRecentFailures(
  db: Db,
  key: string,
  sinceMs: number,
): Promise<{ count: number; oldest: number | null }> {
  const row = await db
    .selectFrom('login_failures')
    .select((eb) => [eb.fn.countAll<number>().as('count'), eb.fn.min('at_ms').as('oldest')])
    .where('key', '=', key)
    .where('at_ms', '>', sinceMs)
    .executeTakeFirstOrThrow();
  return { count: Number(row.count), oldest: row.oldest === null ? null : Number(row.oldest) };
}

export async function recordFailures(
  db: Db,
  keys: string[],
  atMs: number,
  pruneBeforeMs: number,
): Promise<void> {
  await db
    .insertInto('login_failures')
    .values(keys.map((key) => ({ key, at_ms: atMs })))
    .execute();
  await db.deleteFrom('login_failures').where('at_ms', '<=', pruneBeforeMs).execute();
}

export async function clearFailures(db: Db, key: string): Promise<void> {
  await db.deleteFrom('login_failures').where('key', '=', key).execute();
}
