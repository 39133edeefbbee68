/**
 * The ClickTime envelope on every response (DECISIONS 2, 3).
 */
import type { FastifyReply } from 'fastify';
import type { ErrorItem, Page } from '../../contract/common.js';

export const JSONAPI = Object.freeze({ version: '1.0' });

export interface EnvelopeBody {
  data: unknown;
  errors: ErrorItem[];
  page: Page | null;
  meta: Record<string, unknown>;
  jsonapi: { version: string };
}

export function envelope(
  data: unknown,
  extra: { page?: Page | null; meta?: Record<string, unknown> } = {},
): EnvelopeBody {
  return { data, errors: [], page: extra.page ?? null, meta: extra.meta ?? {}, jsonapi: JSONAPI };
}

export function errorEnvelope(errors: ErrorItem[], meta: Record<string, unknown>): EnvelopeBody {
  return { data: null, errors, page: null, meta, jsonapi: JSONAPI };
}

export const ok = (reply: FastifyReply, data: unknown, meta?: Record<string, unknown>) =>
  reply.code(200).send(envelope(data, { meta }));

export const created = (reply: FastifyReply, data: unknown, meta?: Record<string, unknown>) =>
  reply.code(201).send(envelope(data, { meta }));

export const list = (reply: FastifyReply, data: unknown[], page: Page, meta?: Record<string, unknown>) =>
  reply.code(200).send(envelope(data, { page, meta }));

export const deleted = (reply: FastifyReply) => reply.code(200).send(envelope(null));
