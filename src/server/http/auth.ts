/**
 * The authentication hook. Each route declares `config.auth`:
 *   'token' (default)   Token only; Basic is a 401 (DECISIONS 15)
 *   'token-or-basic'    GET /Me
 *   'basic'             POST /Me/ResetAuthToken
 *   'session'           the web app's own endpoints: the session cookie only
 *   'none'              health, docs, setup
 * Where a token is accepted, a web-app session cookie is too (with CSRF on state changes, DECISIONS 17).
 * Authenticated responses carry RateLimit-* headers while the per-token limit is on (DECISIONS 16).
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import type { Deps } from '../deps.js';
import { AppError } from '../errors.js';
import type { Actor } from '../lib/permissions.js';
import {
  authenticateBasic,
  authenticateToken,
  invalidCredentials,
  parseAuthorization,
} from '../auth/authenticate.js';
import { RateLimiter } from './rate-limit.js';
import {
  authenticateSession,
  readCookie,
  SESSION_COOKIE,
} from '../modules/web-session/web-session.service.js';

export type AuthMode = 'token' | 'token-or-basic' | 'basic' | 'session' | 'none';

declare module 'fastify' {
  interface FastifyContextConfig {
    auth?: AuthMode;
  }
  interface FastifyRequest {
    actorOrNull: Actor | null;
    authScheme: 'token' | 'basic' | 'session' | null;
    /** The session's CSRF token, for the web app's session endpoint. */
    sessionCsrf: string | null;
  }
}

/** The authenticated caller; routes with auth 'none' must not call this. */
export function actorOf(request: FastifyRequest): Actor {
  if (!request.actorOrNull) throw invalidCredentials();
  return request.actorOrNull;
}

export const authPlugin = fp(
  async (app: FastifyInstance, { deps }: { deps: Deps }) => {
    const limiter = new RateLimiter(deps.config.rateLimitPerMinute, () => deps.clock().getTime());
    app.decorateRequest('actorOrNull', null);
    app.decorateRequest('authScheme', null);
    app.decorateRequest('sessionCsrf', null);

    app.addHook('onRequest', async (request, reply) => {
      // Unmatched routes (404/405) answer without asking who is calling.
      const url = request.routeOptions.url;
      if (!url) return;
      // The docs UI's own routes (registered by @fastify/swagger-ui) are public like the document.
      const mode: AuthMode = url.startsWith('/v2/docs')
        ? 'none'
        : (request.routeOptions.config.auth ?? 'token');
      if (mode === 'none') return;
      const sessionCookie = readCookie(request.headers.cookie, SESSION_COOKIE);
      if (mode === 'session' || (sessionCookie && !request.headers.authorization && mode !== 'basic')) {
        if (!sessionCookie) throw new AppError('unauthenticated', 'Sign in first.');
        const csrf = request.headers['x-csrf-token'];
        const session = await authenticateSession(
          deps,
          sessionCookie,
          request.method,
          typeof csrf === 'string' ? csrf : undefined,
        );
        request.actorOrNull = session.actor;
        request.authScheme = 'session';
        request.sessionCsrf = session.csrfToken;
        return;
      }
      const credentials = parseAuthorization(request.headers.authorization);
      if (!credentials || credentials.scheme === 'malformed') throw invalidCredentials();
      if (credentials.scheme === 'basic') {
        if (mode === 'token') {
          throw new AppError(
            'basic_not_allowed',
            'Basic authentication is accepted only by GET /Me and POST /Me/ResetAuthToken; send Authorization: Token {token}.',
            {
              headers: { 'WWW-Authenticate': 'Token realm="punchclock"' },
            },
          );
        }
        request.actorOrNull = await authenticateBasic(
          deps,
          credentials.email,
          credentials.password,
          request.ip,
        );
        request.authScheme = 'basic';
      } else {
        if (mode === 'basic') {
          throw new AppError(
            'unauthenticated',
            'This endpoint accepts only Basic authentication (email and password).',
            {
              headers: { 'WWW-Authenticate': 'Basic realm="punchclock"' },
            },
          );
        }
        request.actorOrNull = await authenticateToken(deps, credentials.token);
        request.authScheme = 'token';
      }
      const verdict = limiter.take(`${request.actorOrNull.companyId}:${request.actorOrNull.userId}`);
      if (verdict) {
        void reply.header('RateLimit-Limit', String(verdict.limit));
        void reply.header('RateLimit-Remaining', String(verdict.remaining));
        void reply.header('RateLimit-Reset', String(verdict.resetSeconds));
        if (verdict.exceeded) {
          throw new AppError('rate_limited', 'Rate limit exceeded. Try again later.', {
            headers: { 'Retry-After': String(verdict.resetSeconds) },
          });
        }
      }
    });
  },
  { name: 'punchclock-auth' },
);
