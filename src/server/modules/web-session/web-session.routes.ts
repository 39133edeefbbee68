/**
 * /web/session and /web/token: the web app's sign-in and its Authentication Token tab. Not ClickTime
 * endpoints; the v2 API itself also accepts the session cookie (with CSRF) so the web app can use it.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { Type } from '@sinclair/typebox';
import type { Deps } from '../../deps.js';
import { AppError } from '../../errors.js';
import { actorOf } from '../../http/auth.js';
import { created, ok } from '../../http/envelope.js';
import { parseBody } from '../../http/validate.js';
import { authenticateBasic } from '../../auth/authenticate.js';
import { findUser, resetToken } from '../users/index.js';
import { readCookie, SESSION_COOKIE, signIn, signOut } from './web-session.service.js';

const SignInBody = Type.Object({
  Email: Type.String({ minLength: 1, maxLength: 254 }),
  Password: Type.String({ minLength: 1 }),
});
const PasswordBody = Type.Object({ Password: Type.String({ minLength: 1 }) });
const hidden = { hide: true };

function cookie(request: FastifyRequest, value: string, expires: string | null): string {
  const secure = request.protocol === 'https' ? '; Secure' : '';
  const lifetime = expires === null ? '; Max-Age=0' : `; Expires=${new Date(expires).toUTCString()}`;
  return `${SESSION_COOKIE}=${encodeURIComponent(value)}; Path=/; HttpOnly; SameSite=Lax${secure}${lifetime}`;
}

async function sessionInfo(deps: Deps, request: FastifyRequest) {
  const actor = actorOf(request);
  const user = await findUser(deps.db, actor.companyId, actor.userId);
  if (!user) throw new AppError('unauthenticated', 'Your session has ended. Sign in again.');
  return {
    UserID: user.id,
    CompanyID: actor.companyId,
    Name: user.name,
    Email: user.email,
    SecurityLevel: actor.securityLevel,
    CsrfToken: request.sessionCsrf,
  };
}

export async function webSessionRoutes(app: FastifyInstance, { deps }: { deps: Deps }) {
  app.post(
    '/web/session',
    { config: { auth: 'none' }, schema: hidden },
    async (request, reply: FastifyReply) => {
      const body = parseBody(SignInBody, request.body);
      const session = await signIn(deps, body.Email, body.Password, request.ip);
      void reply.header('set-cookie', cookie(request, session.cookieValue, session.expiresAt));
      request.actorOrNull = session.actor;
      request.sessionCsrf = session.csrfToken;
      return created(reply, { ...(await sessionInfo(deps, request)), ExpiresAt: session.expiresAt });
    },
  );

  app.get('/web/session', { config: { auth: 'session' }, schema: hidden }, async (request, reply) =>
    ok(reply, await sessionInfo(deps, request)),
  );

  app.delete('/web/session', { config: { auth: 'session' }, schema: hidden }, async (request, reply) => {
    const value = readCookie(request.headers.cookie, SESSION_COOKIE);
    if (value) await signOut(deps, value);
    void reply.header('set-cookie', cookie(request, '', null));
    return ok(reply, null);
  });

  /** My Preferences → Authentication Token: a new token after re-entering the password (DECISIONS 17). */
  app.post('/web/token/reset', { config: { auth: 'session' }, schema: hidden }, async (request, reply) => {
    const actor = actorOf(request);
    const body = parseBody(PasswordBody, request.body);
    const user = await findUser(deps.db, actor.companyId, actor.userId);
    if (!user) throw new AppError('unauthenticated', 'Your session has ended. Sign in again.');
    try {
      await authenticateBasic(deps, user.email, body.Password, request.ip);
    } catch (error) {
      if (error instanceof AppError && error.status === 401) {
        throw new AppError('invalid_field', 'The password is not correct.', { field: 'Password' });
      }
      throw error;
    }
    return ok(reply, await resetToken(deps, actor.companyId, actor.userId));
  });
}
