/**
 * limit/offset paging (DECISIONS 5): default 100, clamped to the list's maximum, page.count is the
 * total, and links are absolute URLs that keep every filter.
 */
import type { FastifyRequest } from 'fastify';
import type { Page } from '../../contract/common.js';
import type { QueryReader } from './query.js';

export const DEFAULT_LIMIT = 100;
export const MAX_LIMIT = 1000;
/** Time-entry lists and reports. */
export const MAX_LIMIT_ENTRIES = 500;

export interface Paging {
  limit: number;
  offset: number;
}

export function readPaging(q: QueryReader, max = MAX_LIMIT): Paging {
  const limit = q.int('limit', { min: 1 }) ?? DEFAULT_LIMIT;
  const offset = q.int('offset') ?? 0;
  return { limit: Math.min(limit, max), offset };
}

function baseUrl(request: FastifyRequest): string {
  return `${request.protocol}://${request.host}`;
}

function linkFor(request: FastifyRequest, limit: number, offset: number): string {
  const [path = '', search = ''] = request.url.split('?', 2);
  const params = new URLSearchParams(search);
  for (const key of [...params.keys()]) {
    const l = key.toLowerCase();
    if (l === 'limit' || l === 'offset') params.delete(key);
  }
  params.set('limit', String(limit));
  params.set('offset', String(offset));
  return `${baseUrl(request)}${path}?${params.toString()}`;
}

export function pageOf(request: FastifyRequest, count: number, { limit, offset }: Paging): Page {
  const lastOffset = count === 0 ? 0 : Math.floor((count - 1) / limit) * limit;
  return {
    count,
    offset,
    limit,
    links: {
      self: linkFor(request, limit, offset),
      first: linkFor(request, limit, 0),
      previous: offset > 0 ? linkFor(request, limit, Math.max(0, offset - limit)) : null,
      next: offset + limit < count ? linkFor(request, limit, offset + limit) : null,
      last: linkFor(request, limit, lastOffset),
    },
  };
}
