/**
 * buildApp(deps): the Fastify application. It never listens, so tests drive it with inject().
 */
import { randomUUID } from 'node:crypto';
import { existsSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import Fastify, { type FastifyInstance } from 'fastify';
import fastifyStatic from '@fastify/static';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import sjson from 'secure-json-parse';
import fastJsonStringify from 'fast-json-stringify';
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
  /** The built web app (`dist/web`, see src/web); null serves none. Defaults to dist/web when built. */
  webRoot?: string | null;
}

const DEFAULT_WEB_ROOT = fileURLToPath(new URL('../../dist/web', import.meta.url));

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
  // Compiling ~300 response serialisers is most of the cost of building the app; the schemas are the
  // same for every app this process builds (tests build many), so compile each distinct one once.
  app.setSerializerCompiler(({ schema }) => serializerFor(schema));

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
  // The web app at / (DECISIONS 22) when it is built; otherwise the setup module's plain home page.
  const webRoot =
    options.webRoot === undefined
      ? existsSync(`${DEFAULT_WEB_ROOT}/index.html`)
        ? DEFAULT_WEB_ROOT
        : null
      : options.webRoot;
  await app.register(setupRoutes, { deps, home: webRoot === null });
  await app.register(webSessionRoutes, { deps });
  if (webRoot) await webAppRoutes(app, webRoot);

  return app;
}

/** Paths the web app never answers: the API, the web endpoints, setup, invitations, health. */
const NOT_WEB_APP = /^\/(?:v2|web|setup|invite|healthz)(?:\/|$)/i;
const WEB_APP_HEADERS = {
  'cache-control': 'no-cache',
  'content-security-policy':
    "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; " +
    "object-src 'self' blob:; frame-src 'self' blob:; connect-src 'self'; base-uri 'self'; form-action 'self'; " +
    "frame-ancestors 'none'",
  'referrer-policy': 'same-origin',
  'x-content-type-options': 'nosniff',
  'x-frame-options': 'DENY',
};

/**
 * Serves the built web app (src/web → dist/web) at /: its files, and index.html for any other GET that no
 * route answers (client-side routes such as /admin/people). It adds no route, so unknown API paths and
 * wrong methods still get the JSON 404/405 of DECISIONS 3.
 */
async function webAppRoutes(app: FastifyInstance, root: string): Promise<void> {
  await app.register(fastifyStatic, { root, serve: false });
  const isFile = (relative: string) => {
    if (relative.split('/').some((part) => part.startsWith('.') || part === '')) return false;
    const full = path.resolve(root, relative);
    if (!full.startsWith(root + path.sep)) return false;
    try {
      return statSync(full).isFile();
    } catch {
      return false;
    }
  };
  app.addHook('onRequest', async (request, reply) => {
    if (request.routeOptions.url !== undefined) return;
    if (request.method !== 'GET' && request.method !== 'HEAD') return;
    const urlPath = request.url.split('?', 1)[0] ?? '/';
    if (NOT_WEB_APP.test(urlPath)) return;
    let relative: string;
    try {
      relative = decodeURIComponent(urlPath).replace(/^\/+/, '');
    } catch {
      return;
    }
    if (relative !== '' && isFile(relative)) {
      // Vite names built assets by content hash, so they never change.
      const hashed = relative.startsWith('assets/');
      void reply.header('x-content-type-options', 'nosniff');
      return reply.sendFile(relative, { maxAge: hashed ? '365d' : 0, immutable: hashed });
    }
    // A missing file stays a 404; anything else is a page of the app.
    if (/\.[a-z0-9]+$/i.test(relative)) return;
    void reply.headers(WEB_APP_HEADERS);
    return reply.sendFile('index.html', { cacheControl: false });
  });
}

function containsNul(value: unknown, depth = 0): boolean {
  if (typeof value === 'string') return value.includes('\u0000');
  if (depth > 64 || value === null || typeof value !== 'object') return false;
  for (const v of Array.isArray(value) ? value : Object.values(value)) {
    if (containsNul(v, depth + 1)) return true;
  }
  return false;
}

const serializers = new Map<string, (data: unknown) => string>();

function serializerFor(schema: unknown): (data: unknown) => string {
  const key = JSON.stringify(schema);
  let serialize = serializers.get(key);
  if (!serialize) {
    serialize = fastJsonStringify(schema as Parameters<typeof fastJsonStringify>[0]);
    serializers.set(key, serialize);
  }
  return serialize;
}
