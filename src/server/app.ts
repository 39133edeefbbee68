/**
 * buildApp(deps): the Fastify application. It never listens, so tests drive it with inject().
 */
import { randomUUID } from 'node:crypto';
import Fastify, { type FastifyInstance } from 'fastify';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import sjson from 'secure-json-parse';
import type { Deps } from './deps.js';
import { AppError } from './errors.js';
import { authPlugin } from './http/auth.js';
import { installErrorHandling } from './http/errors.js';
import { parseQueryString } from './http/query.js';
import { apiModules } from './modules/index.js';
import { setupRoutes } from './modules/setup/setup.routes.js';
import { webSessionRoutes } from './modules/web-session/web-session.routes.js';

export interface BuildOptions {
  /** Pino options, or false for silence (tests). */
  logger?: boolean | Record<string, unknown>;
}

export async function buildApp(deps: Deps, options: BuildOptions = {}): Promise<FastifyInstance> {
  const app = Fastify({
    logger:
      options.logger === false
        ? false
        : {
            level: deps.config.logLevel,
            redact: {
              paths: ['req.headers.authorization', 'req.headers.cookie', 'res.headers["set-cookie"]'],
              censor: '***',
            },
            ...(typeof options.logger === 'object' ? options.logger : {}),
          },
    routerOptions: {
      caseSensitive: false,
      ignoreTrailingSlash: true,
      maxParamLength: 200,
      querystringParser: parseQueryString,
    },
    bodyLimit: deps.config.bodyLimitBytes,
    trustProxy: deps.config.trustProxy,
    requestTimeout: 120_000,
    genReqId: (req) => {
      const given = req.headers['x-request-id'];
      return typeof given === 'string' && /^[\w.-]{1,64}$/.test(given) ? given : randomUUID();
    },
    // Validation happens in the handlers (http/validate.ts, http/query.ts) so that every 400 has the
    // ClickTime shape; route schemas serve the OpenAPI document and response serialisation.
    schemaErrorFormatter: (errors) =>
      new AppError('invalid_request', errors[0]?.message ?? 'Invalid request'),
  });
  app.setValidatorCompiler(() => () => true);

  // JSON only (DECISIONS 3): every other body type is a 415. An empty body counts as no body, so an
  // action POST may send a Content-Type without content.
  app.removeAllContentTypeParsers();
  app.addContentTypeParser('application/json', { parseAs: 'string' }, (_req, body, done) => {
    const text = typeof body === 'string' ? body : body.toString('utf8');
    if (text.trim() === '') return done(null, undefined);
    let parsed: unknown;
    try {
      parsed = sjson.parse(text, undefined, { protoAction: 'remove', constructorAction: 'remove' });
    } catch {
      return done(
        new AppError('invalid_json', 'The request body is not valid JSON.', { field: null }),
        undefined,
      );
    }
    // PostgreSQL text cannot hold NUL; refuse it here, once, for every route.
    if (containsNul(parsed)) {
      return done(
        new AppError('invalid_field', 'Text must not contain NUL (\\u0000) characters.', { field: null }),
      );
    }
    done(null, parsed);
  });

  app.addHook('onRequest', async (request) => {
    if (/%00|\u0000/i.test(request.url)) {
      throw new AppError('invalid_request', 'The URL must not contain NUL (%00) characters.', {
        field: null,
      });
    }
  });

  app.addHook('onSend', async (request, reply) => {
    void reply.header('X-Request-ID', request.id);
  });

  installErrorHandling(app, deps.dialect);

  await app.register(swagger, {
    openapi: {
      openapi: '3.0.3',
      info: {
        title: 'Punchclock API (ClickTime REST API v2 compatible)',
        version: '2.0.0',
        description:
          'Operations marked `x-extension: true` are Punchclock extensions that ClickTime does not have (DECISIONS 26).',
      },
      servers: [{ url: '/' }],
      components: {
        securitySchemes: {
          Token: { type: 'apiKey', in: 'header', name: 'Authorization', description: 'Token {token}' },
          Basic: { type: 'http', scheme: 'basic', description: 'Only GET /Me and POST /Me/ResetAuthToken' },
        },
      },
      security: [{ Token: [] }],
    },
  });
  await app.register(swaggerUi, { routePrefix: '/v2/docs', uiConfig: { url: '/v2/openapi.json' } });

  await app.register(authPlugin, { deps });

  app.get('/healthz', { config: { auth: 'none' }, schema: { hide: true } }, async (_req, reply) => {
    await deps.db.selectFrom('companies').select('id').limit(1).execute();
    return reply.send({ status: 'ok' });
  });
  app.get('/v2/openapi.json', { config: { auth: 'none' }, schema: { hide: true } }, async () =>
    app.swagger(),
  );

  await app.register(
    async (v2) => {
      for (const module of apiModules) await v2.register(module, { deps });
    },
    { prefix: '/v2' },
  );
  await app.register(setupRoutes, { deps });
  await app.register(webSessionRoutes, { deps });

  return app;
}

function containsNul(value: unknown, depth = 0): boolean {
  if (typeof value === 'string') return value.includes('\u0000');
  if (depth > 64 || value === null || typeof value !== 'object') return false;
  for (const v of Array.isArray(value) ? value : Object.values(value)) {
    if (containsNul(v, depth + 1)) return true;
  }
  return false;
}
