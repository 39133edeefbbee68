/**
 * First-run setup page and invitation links (DECISIONS 23, 24). Outside /v2; JSON posts only.
 */
import type { FastifyInstance } from 'fastify';
import { Type } from '@sinclair/typebox';
import type { Deps } from '../../deps.js';
import { AppError } from '../../errors.js';
import { created, ok } from '../../http/envelope.js';
import { paramOf } from '../../http/request.js';
import { parseBody } from '../../http/validate.js';
import { deleteInvitation, findInvitation } from '../users/users.store.js';
import { findUser, setPassword } from '../users/index.js';
import { createCompanyWithAdmin, needsSetup } from '../onboarding/onboarding.service.js';
import { homePage, invalidInvitePage, invitePage, setupDonePage, setupPage } from './pages.js';

const SetupBody = Type.Object({
  CompanyName: Type.String({ minLength: 1, maxLength: 255 }),
  AdminName: Type.Optional(Type.String({ maxLength: 255 })),
  AdminEmail: Type.String({ minLength: 3, maxLength: 254 }),
  AdminPassword: Type.String(),
});
const PasswordBody = Type.Object({ Password: Type.String() });

const html = { 'content-type': 'text/html; charset=utf-8' };
const hidden = { hide: true };

/** `home`: serve the plain home page at / (when the web app is not built; app.ts serves it otherwise). */
export async function setupRoutes(
  app: FastifyInstance,
  { deps, home = true }: { deps: Deps; home?: boolean },
) {
  let settingUp = false;

  if (home) {
    app.get('/', { config: { auth: 'none' }, schema: hidden }, async (_req, reply) =>
      reply.headers(html).send(homePage(await needsSetup(deps))),
    );
  }

  app.get('/setup', { config: { auth: 'none' }, schema: hidden }, async (_req, reply) =>
    reply.headers(html).send((await needsSetup(deps)) ? setupPage() : setupDonePage()),
  );

  app.post('/setup', { config: { auth: 'none' }, schema: hidden }, async (request, reply) => {
    const body = parseBody(SetupBody, request.body);
    // One setup at a time in this process; the page closes once any company exists.
    if (settingUp || !(await needsSetup(deps))) {
      throw new AppError('invalid_state', 'This deployment is already set up.');
    }
    settingUp = true;
    try {
      const result = await createCompanyWithAdmin(deps, {
        companyName: body.CompanyName,
        adminEmail: body.AdminEmail,
        adminPassword: body.AdminPassword,
        ...(body.AdminName ? { adminName: body.AdminName } : {}),
      });
      return created(reply, result);
    } finally {
      settingUp = false;
    }
  });

  const liveInvitation = async (token: string) => {
    const invitation = await findInvitation(deps.db, deps.keys.lookup(token));
    if (!invitation || invitation.expiresAt < deps.clock().toISOString()) return undefined;
    const user = await findUser(deps.db, invitation.companyId, invitation.userId);
    return user?.isActive ? { invitation, user } : undefined;
  };

  app.get('/invite/:token', { config: { auth: 'none' }, schema: hidden }, async (request, reply) => {
    const token = paramOf(request, 'token');
    const live = await liveInvitation(token);
    return reply
      .headers(html)
      .code(live ? 200 : 404)
      .send(live ? invitePage(live.user.email, token) : invalidInvitePage());
  });

  app.post('/invite/:token', { config: { auth: 'none' }, schema: hidden }, async (request, reply) => {
    const body = parseBody(PasswordBody, request.body);
    const live = await liveInvitation(paramOf(request, 'token'));
    if (!live) throw new AppError('not_found', 'This invitation link has expired or was already used.');
    await setPassword(deps, live.user.companyId, live.user.id, body.Password);
    await deleteInvitation(deps.db, live.user.companyId, live.user.id);
    return ok(reply, { Email: live.user.email });
  });
}
