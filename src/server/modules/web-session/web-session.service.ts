/**
 * Web-app sign-in (DECISIONS 17): email and password give an HttpOnly, SameSite session cookie and a CSRF
 * token that every state-changing request must echo in `X-CSRF-Token`. Failures share the Basic throttle.
 */
import { timingSafeEqual } from 'node:crypto';
import type { Deps } from '../../deps.js';
import { AppError } from '../../errors.js';
import type { Actor } from '../../lib/permissions.js';
import { authenticateBasic, reloadActor } from '../../auth/authenticate.js';
import { deleteExpiredSessions, deleteSession, findSession, insertSession } from './web-session.store.js';

export const SESSION_COOKIE = 'pc_session';
const SESSION_DAYS = 7;

export interface SignedIn {
  cookieValue: string;
  csrfToken: string;
  expiresAt: string;
  actor: Actor;
}

export async function signIn(deps: Deps, email: string, password: string, ip: string): Promise<SignedIn> {
  const actor = await authenticateBasic(deps, email, password, ip);
  const now = deps.clock();
  const cookieValue = deps.newToken();
  const csrfToken = deps.newToken();
  const expiresAt = new Date(now.getTime() + SESSION_DAYS * 86_400_000).toISOString();
  await deleteExpiredSessions(deps.db, now.toISOString());
  await insertSession(deps.db, {
    lookup: deps.keys.lookup(cookieValue),
    companyId: actor.companyId,
    userId: actor.userId,
    csrfToken,
    createdAt: now.toISOString(),
    expiresAt,
  });
  return { cookieValue, csrfToken, expiresAt, actor };
}

export async function signOut(deps: Deps, cookieValue: string): Promise<void> {
  await deleteSession(deps.db, deps.keys.lookup(cookieValue));
}

const sameSecret = (a: string, b: string) =>
  a.length === b.length && timingSafeEqual(Buffer.from(a), Buffer.from(b));

/**
 * The caller behind a session cookie, or a 401. A method that changes state must carry the session's
 * CSRF token, or it is a 403.
 */
export async function authenticateSession(
  deps: Deps,
  cookieValue: string,
  method: string,
  csrfHeader: string | undefined,
): Promise<{ actor: Actor; csrfToken: string }> {
  const session = await findSession(deps.db, deps.keys.lookup(cookieValue));
  if (!session || session.expiresAt < deps.clock().toISOString()) {
    throw new AppError('unauthenticated', 'Your session has ended. Sign in again.');
  }
  const actor = await reloadActor(deps, session.companyId, session.userId);
  if (!actor) throw new AppError('unauthenticated', 'Your session has ended. Sign in again.');
  const safe = method === 'GET' || method === 'HEAD' || method === 'OPTIONS';
  if (!safe && !(csrfHeader && sameSecret(csrfHeader, session.csrfToken))) {
    throw new AppError('forbidden', 'The request lacks a valid X-CSRF-Token header.');
  }
  return { actor, csrfToken: session.csrfToken };
}

export function readCookie(header: string | undefined, name: string): string | undefined {
  if (!header) return undefined;
  for (const part of header.split(';')) {
    const eq = part.indexOf('=');
    if (eq > 0 && part.slice(0, eq).trim() === name) return decodeURIComponent(part.slice(eq + 1).trim());
  }
  return undefined;
}
