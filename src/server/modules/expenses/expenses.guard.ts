/**
 * PostgreSQL cannot store or compare text with a NUL character, and answers such a query with an error
 * (a 500). Until the HTTP layer refuses NUL project-wide, the expense routes do: an ID with one is
 * unknown (404), a query or body text with one is a 400.
 */
import type { FastifyRequest } from 'fastify';
import { AppError, notFound } from '../../errors.js';

function hasNul(value: unknown, depth = 0): boolean {
  if (typeof value === 'string') return value.includes('\u0000');
  if (depth > 32 || value === null || typeof value !== 'object') return false;
  if (Array.isArray(value)) return value.some((v) => hasNul(v, depth + 1));
  return Object.entries(value).some(([k, v]) => k.includes('\u0000') || hasNul(v, depth + 1));
}

/** A preHandler hook for the expense route plugins. */
export async function refuseNul(request: FastifyRequest): Promise<void> {
  if (hasNul(request.params)) throw notFound();
  if (hasNul(request.query) || hasNul(request.body)) {
    throw new AppError('invalid_request', 'Text in the request must not contain NUL characters.', {
      field: null,
    });
  }
}
