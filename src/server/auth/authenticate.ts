/**
 * ClickTime authentication (API.md §3, DECISIONS 14–15): `Authorization: Token {token}` everywhere;
 * `Basic base64(email:password)` only where a route allows it, with throttled failures.
 */
import type { Deps } from '../deps.js';
import { AppError } from '../errors.js';
import type { Actor } from '../lib/permissions.js';
import {
  clearFailures,
  countRecentFailures,
  emailKey,
  findAccountByEmail,
  findIdentityByTokenLookup,
  findIdentityByUser,
  loadPermissions,
  recordFailures,
  type IdentityRow,
} from './accounts.store.js';
import { verifyPassword } from './passwords.js';

export type Credentials =
  | { scheme: 'token'; token: string }
  | { scheme: 'basic'; email: string; password: string }
  | { scheme: 'malformed' };

/** Parses an Authorization header. The scheme word is case-insensitive (DECISIONS 1). */
export function parseAuthorization(header: string | undefined): Credentials | undefined {
  if (header === undefined || header.trim() === '') return undefined;
  const match = /^\s*(\S+)\s+(.+?)\s*$/.exec(header);
  if (!match) return { scheme: 'malformed' };
  const scheme = match[1]!.toLowerCase();
  const value = match[2]!;
  if (scheme === 'token') return { scheme: 'token', token: value };
  if (scheme === 'basic') {
    const decoded = Buffer.from(value, 'base64').toString('utf8');
    const colon = decoded.indexOf(':');
    if (colon <= 0) return { scheme: 'malformed' };
    return { scheme: 'basic', email: decoded.slice(0, colon), password: decoded.slice(colon + 1) };
  }
  return { scheme: 'malformed' };
}

export const invalidCredentials = () =>
  new AppError('unauthenticated', 'Invalid Credentials', {
    headers: { 'WWW-Authenticate': 'Token realm="punchclock"' },
  });

async function toActor(deps: Deps, identity: IdentityRow | undefined): Promise<Actor | undefined> {
  if (!identity || !identity.userActive || !identity.companyActive) return undefined;
  const { permissions, divisionIds } =
    identity.securityLevel === 'MANAGER'
      ? await loadPermissions(deps.db, identity.companyId, identity.userId)
      : { permissions: new Map(), divisionIds: [] };
  return {
    companyId: identity.companyId,
    userId: identity.userId,
    securityLevel: identity.securityLevel,
    permissions,
    permissionDivisionIds: divisionIds,
  };
}

// A token is 43 base64url characters; anything far from that shape is refused without a lookup.
const TOKEN_SHAPE = /^[A-Za-z0-9_-]{20,128}$/;

export async function authenticateToken(deps: Deps, token: string): Promise<Actor> {
  deps.bus.poll();
  const cached = deps.tokens.get(token);
  if (cached) return cached.actor;
  if (!TOKEN_SHAPE.test(token)) throw invalidCredentials();
  const generation = deps.tokens.begin();
  const actor = await toActor(deps, await findIdentityByTokenLookup(deps.db, deps.keys.lookup(token)));
  if (!actor) throw invalidCredentials();
  if (deps.bus.healthy) deps.tokens.set(token, { actor }, generation);
  return actor;
}

/** Re-reads an actor (after a change to the user in this request). */
export async function reloadActor(deps: Deps, companyId: string, userId: string): Promise<Actor | undefined> {
  return toActor(deps, await findIdentityByUser(deps.db, companyId, userId));
}

const accountKey = (email: string) => `acct:${emailKey(email)}`;
const addressKey = (ip: string) => `ip:${ip}`;

/** Checks email and password, throttling repeated failures per account and per client address. */
export async function authenticateBasic(
  deps: Deps,
  email: string,
  password: string,
  ip: string,
): Promise<Actor> {
  const { perAccount, perAddress, windowMs } = deps.config.basicThrottle;
  const now = deps.clock().getTime();
  const since = now - windowMs;
  const [byAccount, byAddress] = await Promise.all([
    countRecentFailures(deps.db, accountKey(email), since),
    countRecentFailures(deps.db, addressKey(ip), since),
  ]);
  const blocked = [
    byAccount.count >= perAccount ? byAccount.oldest : null,
    byAddress.count >= perAddress ? byAddress.oldest : null,
  ].filter((v): v is number => v !== null);
  if (blocked.length > 0) {
    const retryAfter = Math.max(1, Math.ceil((Math.max(...blocked) + windowMs - now) / 1000));
    // The same answer whether or not the email exists.
    throw new AppError('throttled', 'Too many failed sign-in attempts. Try again later.', {
      headers: { 'Retry-After': String(retryAfter) },
    });
  }
  const account = await findAccountByEmail(deps.db, email);
  const valid = await verifyPassword(account?.passwordHash ?? null, password);
  const actor =
    valid && account
      ? await toActor(deps, await findIdentityByUser(deps.db, account.companyId, account.userId))
      : undefined;
  if (!actor) {
    await recordFailures(deps.db, [accountKey(email), addressKey(ip)], now, now - windowMs);
    throw invalidCredentials();
  }
  await clearFailures(deps.db, accountKey(email));
  return actor;
}
