/**
 * One error handler for the whole API: domain errors, body-parser failures, database constraint errors
 * and anything unexpected all leave in the ClickTime envelope (DECISIONS 2–4). A 500 says nothing of
 * its cause beyond the RequestID; the log has the rest.
 */
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import FindMyWay from 'find-my-way';
import type { DialectHelpers } from '../db/dialect.js';
import { AppError, fieldError, type FieldError } from '../errors.js';
import { errorEnvelope } from './envelope.js';

function send(reply: FastifyReply, request: FastifyRequest, status: number, errors: FieldError[]) {
  return reply.code(status).send(errorEnvelope(errors, { RequestID: request.id }));
}

const FASTIFY_CODES: Record<string, { status: number; message: string; code: string }> = {
  FST_ERR_CTP_BODY_TOO_LARGE: {
    status: 413,
    message: 'The request body is too large.',
    code: 'payload_too_large',
  },
  FST_ERR_CTP_INVALID_MEDIA_TYPE: {
    status: 415,
    message: 'Only application/json request bodies are supported.',
    code: 'unsupported_media_type',
  },
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: {
    status: 400,
    message: 'The Content-Length header does not match the body.',
    code: 'invalid_request',
  },
  FST_ERR_CTP_EMPTY_JSON_BODY: { status: 400, message: 'The JSON body is empty.', code: 'invalid_json' },
  FST_ERR_CTP_INVALID_JSON_BODY: {
    status: 400,
    message: 'The request body is not valid JSON.',
    code: 'invalid_json',
  },
};

export function installErrorHandling(app: FastifyInstance, dialect: DialectHelpers): void {
  app.setErrorHandler((error: FastifyError | AppError | Error, request, reply) => {
    if (error instanceof AppError) {
      for (const [k, v] of Object.entries(error.headers)) void reply.header(k, v);
      if (error.status >= 500) request.log.error({ err: error }, 'internal error');
      return send(reply, request, error.status, error.errors);
    }
    const code = (error as FastifyError).code;
    const known = code ? FASTIFY_CODES[code] : undefined;
    if (known) return send(reply, request, known.status, [fieldError(null, known.message, [known.code])]);
    if (error instanceof SyntaxError || code === 'FST_ERR_CTP_INVALID_JSON') {
      return send(reply, request, 400, [
        fieldError(null, 'The request body is not valid JSON.', ['invalid_json']),
      ]);
    }
    if (dialect.isUniqueViolation(error)) {
      return send(reply, request, 409, [
        fieldError(null, 'A record with these values already exists.', ['conflict']),
      ]);
    }
    if (dialect.isBadValue(error)) {
      request.log.warn({ err: error }, 'the database refused a value');
      return send(reply, request, 400, [
        fieldError(null, 'A value in the request is out of range or not valid.', ['invalid_field']),
      ]);
    }
    if (dialect.isForeignKeyViolation(error)) {
      return send(reply, request, 409, [
        fieldError(null, 'The change conflicts with records that refer to this one.', ['conflict']),
      ]);
    }
    const status = (error as FastifyError).statusCode;
    if (status && status >= 400 && status < 500) {
      return send(reply, request, status, [fieldError(null, error.message, ['invalid_request'])]);
    }
    request.log.error({ err: error }, 'unexpected error');
    return send(reply, request, 500, [
      fieldError(null, `An unexpected error occurred. Quote RequestID ${request.id} when reporting it.`, [
        'internal',
      ]),
    ]);
  });

  // A second router that knows every path and method, to tell 405 from 404 (DECISIONS 3).
  const paths = FindMyWay({ caseSensitive: false, ignoreTrailingSlash: true });
  app.addHook('onRoute', (route) => {
    const methods = Array.isArray(route.method) ? route.method : [route.method];
    for (const method of methods) {
      if (method === 'HEAD' || method === 'OPTIONS') continue;
      try {
        paths.on(method as 'GET', route.url, () => undefined);
      } catch {
        // the same path and method registered twice (HEAD shadows): nothing to add
      }
    }
  });

  app.setNotFoundHandler((request, reply) => {
    const path = request.url.split('?', 1)[0] ?? '/';
    const allowed = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'].filter(
      (m) => paths.find(m as 'GET', path) !== null,
    );
    if (allowed.length > 0) {
      void reply.header('Allow', allowed.join(', '));
      return send(reply, request, 405, [
        fieldError(null, `${request.method} is not allowed here; use ${allowed.join(', ')}.`, [
          'method_not_allowed',
        ]),
      ]);
    }
    return send(reply, request, 404, [
      fieldError(null, 'The requested resource was not found.', ['not_found']),
    ]);
  });
}
