/**
 * /Me (API.md §4.1, §3): the caller's own record and API token. GET /Me is the one endpoint that takes
 * Token or Basic; POST /Me/ResetAuthToken takes only Basic (DECISIONS 15).
 */
import type { FastifyInstance } from 'fastify';
import { StringList } from '../../../contract/common.js';
import { AuthToken, MeUpdate, User } from '../../../contract/users.js';
import type { Deps } from '../../deps.js';
import { actorOf } from '../../http/auth.js';
import { ok } from '../../http/envelope.js';
import { queryOf } from '../../http/request.js';
import { oneSchema, verbose } from '../../http/schemas.js';
import { parseBody } from '../../http/validate.js';
import { loadCompany, moduleOn } from '../company/index.js';
import { toMeWire } from '../users/users.mapper.js';
import { loadEmbeds, loadMe, resetToken, updateMe } from '../users/users.service.js';

const tags = ['Me'];

export async function meRoutes(app: FastifyInstance, { deps }: { deps: Deps }) {
  app.get(
    '/Me',
    {
      config: { auth: 'token-or-basic' },
      schema: oneSchema(
        { tags, summary: 'The current user, with the API token', query: verbose, security: 'token-or-basic' },
        User,
      ),
    },
    async (request, reply) => {
      const actor = actorOf(request);
      const q = queryOf(request);
      const isVerbose = q.verbose;
      q.done();
      const { user, extras } = await loadMe(deps, actor);
      const embeds = isVerbose ? await loadEmbeds(deps, actor.companyId, [user]) : undefined;
      return ok(reply, toMeWire(user, extras, embeds));
    },
  );

  app.patch(
    '/Me',
    { schema: oneSchema({ tags, summary: 'Change own preferences', body: MeUpdate }, User) },
    async (request, reply) => {
      const actor = actorOf(request);
      const input = parseBody(MeUpdate, request.body);
      const warnings = await updateMe(deps, actor, input);
      const { user, extras } = await loadMe(deps, actor);
      return ok(reply, toMeWire(user, extras), warnings.length ? { Warnings: warnings } : undefined);
    },
  );

  app.post(
    '/Me/ResetAuthToken',
    {
      config: { auth: 'basic' },
      schema: oneSchema(
        { tags, summary: 'Issue a new API token; the old one stops working at once', security: 'basic' },
        AuthToken,
      ),
    },
    async (request, reply) => {
      const actor = actorOf(request);
      return ok(reply, await resetToken(deps, actor.companyId, actor.userId));
    },
  );

  app.get(
    '/Me/Services',
    { schema: oneSchema({ tags, summary: 'Optional modules that are on' }, StringList) },
    async (request, reply) => {
      const { settings } = await loadCompany(deps, actorOf(request).companyId);
      const services = (['Expenses', 'TimeOffManagement', 'TimesheetApprovals'] as const).filter((m) =>
        moduleOn(settings, m),
      );
      return ok(reply, services);
    },
  );
}
