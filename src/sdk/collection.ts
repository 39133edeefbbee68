/**
 * The generic shape of a v2 collection (`/Divisions`, `/Jobs`, `/Me/ExpenseSheets`, …): list a page,
 * iterate every page, get, the `/new` template, create one or many (DECISIONS 8), update, delete.
 * A resource is one call: `collection<Division, DivisionCreate, DivisionUpdate, DivisionFilter>(t, '/Divisions')`.
 */
import { Paginated, toPageOf, type PageOf, type PagingOptions } from './paging.js';
import type { Query, Result, Transport } from './transport.js';

/** Filters common to every list; each resource adds its own. */
export interface ListParams {
  limit?: number;
  offset?: number;
  /** Embed related objects (DECISIONS 10). */
  Verbose?: boolean;
}

/** A filter value: one value or several (sent repeated: `?ID=a&ID=b`). */
export type Many<T> = T | readonly T[];

export interface ReadCollection<T, F extends object = ListParams> {
  readonly path: string;
  /** One page. */
  list(params?: F & ListParams, signal?: AbortSignal): Promise<PageOf<T>>;
  /** Every match, a page at a time, as an async iterable. */
  iterate(params?: F & { Verbose?: boolean }, paging?: PagingOptions): Paginated<T>;
  /** Every match as an array. */
  all(params?: F & { Verbose?: boolean }): Promise<T[]>;
  get(id: string, params?: { Verbose?: boolean }): Promise<T>;
}

export interface Collection<T, C, U, F extends object = ListParams> extends ReadCollection<T, F> {
  /** `GET /{Collection}/new`: a template with the company's defaults; nothing is stored. */
  template(): Promise<T>;
  create(body: C): Promise<T>;
  /** Several at once, atomically (all or none, DECISIONS 8). */
  createMany(bodies: readonly C[]): Promise<T[]>;
  /** Like create, with the response's `meta` (invitations, warnings). */
  createResult(body: C): Promise<Result<T>>;
  update(id: string, body: U): Promise<T>;
  updateResult(id: string, body: U): Promise<Result<T>>;
  delete(id: string): Promise<void>;
}

const seg = (id: string) => encodeURIComponent(id);

export function readCollection<T, F extends object = ListParams>(
  t: Transport,
  path: string,
): ReadCollection<T, F> {
  const list = async (params: (F & ListParams) | undefined, signal?: AbortSignal): Promise<PageOf<T>> => {
    const r = await t.request<T[]>('GET', path, { query: params as Query, ...(signal ? { signal } : {}) });
    return toPageOf(r.data ?? [], r.page, params?.offset ?? 0);
  };
  const iterate = (params?: F & { Verbose?: boolean }, paging: PagingOptions = {}) =>
    new Paginated<T>(
      (offset, limit, signal) =>
        list({ ...(params as F), offset, ...(limit !== undefined ? { limit } : {}) }, signal),
      paging,
    );
  return {
    path,
    list: (params, signal) => list(params, signal),
    iterate,
    all: (params) => iterate(params, { pageSize: 1000 }).toArray(),
    get: (id, params) => t.data<T>('GET', `${path}/${seg(id)}`, { query: params as Query }),
  };
}

export function collection<T, C, U, F extends object = ListParams>(
  t: Transport,
  path: string,
): Collection<T, C, U, F> {
  return {
    ...readCollection<T, F>(t, path),
    template: () => t.data<T>('GET', `${path}/new`),
    create: (body) => t.data<T>('POST', path, { body }),
    createMany: (bodies) => t.data<T[]>('POST', path, { body: bodies }),
    createResult: (body) => t.request<T>('POST', path, { body }),
    update: (id, body) => t.data<T>('PATCH', `${path}/${seg(id)}`, { body }),
    updateResult: (id, body) => t.request<T>('PATCH', `${path}/${seg(id)}`, { body }),
    delete: async (id) => {
      await t.request<null>('DELETE', `${path}/${seg(id)}`);
    },
  };
}

/** An ID-list association (API.md §4.17): GET the IDs, POST one, PUT the whole set, DELETE one. */
export interface Association {
  list(params?: { IsActive?: boolean }): Promise<string[]>;
  /** Adds one; `body` is e.g. `{ TaskID }`. */
  add(body: Record<string, string>): Promise<string[]>;
  replace(ids: readonly string[]): Promise<string[]>;
  remove(id: string): Promise<string[]>;
}

export function association(t: Transport, path: string): Association {
  return {
    list: (params) => t.data<string[]>('GET', path, { query: params as Query }),
    add: (body) => t.data<string[]>('POST', path, { body }),
    replace: (ids) => t.data<string[]>('PUT', path, { body: ids }),
    remove: (id) => t.data<string[]>('DELETE', `${path}/${seg(id)}`),
  };
}
