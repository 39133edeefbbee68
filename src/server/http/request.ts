import type { FastifyRequest } from 'fastify';
import type { Deps } from '../deps.js';
import { QueryReader, type RawQuery } from './query.js';

export function queryOf(request: FastifyRequest): QueryReader {
  return new QueryReader((request.query ?? {}) as RawQuery);
}

/** Where links to this deployment point: PUNCHCLOCK_PUBLIC_URL, else the request's own origin. */
export function publicBaseUrl(deps: Deps, request: FastifyRequest): string {
  return deps.config.publicUrl ?? `${request.protocol}://${request.host}`;
}

export function paramOf(request: FastifyRequest, name: string): string {
  return (request.params as Record<string, string>)[name] ?? '';
}
