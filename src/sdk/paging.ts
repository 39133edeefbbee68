/**
 * Offset paging (DECISIONS 5) as async iteration. A list call asks for `limit`/`offset`; the server
 * answers with `page.count` (all matches), the `limit` it actually used (it clamps large ones) and
 * `page.links.next` (null on the last page). The iterator steps by the server's `page.limit`, as
 * ClickTime's own clients do, and stops when `next` is null or the count is reached.
 */
import type { Page } from '../contract/common.js';

/** One page of a list. */
export interface PageOf<T> {
  items: T[];
  /** Total number of matches across all pages. */
  count: number;
  offset: number;
  /** The page size the server used. */
  limit: number;
  /** Absolute URL of the next page, or null on the last one. */
  next: string | null;
  previous: string | null;
}

export interface PagingOptions {
  /** Page size to ask for (the server clamps it; 100 by default on the server). */
  pageSize?: number;
  /** Where to start (0 by default). */
  offset?: number;
  /** Stop after this many items. */
  max?: number;
  signal?: AbortSignal;
}

export type FetchPage<T> = (
  offset: number,
  limit: number | undefined,
  signal?: AbortSignal,
) => Promise<PageOf<T>>;

export function toPageOf<T>(items: T[], page: Page | null, offset: number): PageOf<T> {
  return {
    items,
    count: page?.count ?? items.length,
    offset: page?.offset ?? offset,
    limit: page?.limit ?? items.length,
    next: page?.links.next ?? null,
    previous: page?.links.previous ?? null,
  };
}

/**
 * Every item of a list, fetched a page at a time as you iterate:
 *
 *   for await (const user of client.users.iterate({ IsActive: true })) …
 *   const everyone = await client.users.iterate().toArray();
 */
export class Paginated<T> implements AsyncIterable<T> {
  constructor(
    private readonly fetchPage: FetchPage<T>,
    private readonly options: PagingOptions = {},
  ) {}

  /** The pages themselves, for callers that want `count` or to show progress. */
  async *pages(): AsyncGenerator<PageOf<T>, void, undefined> {
    let offset = this.options.offset ?? 0;
    let seen = 0;
    const max = this.options.max ?? Infinity;
    for (;;) {
      const page = await this.fetchPage(offset, this.options.pageSize, this.options.signal);
      const room = max - seen;
      const items = page.items.length > room ? page.items.slice(0, room) : page.items;
      seen += items.length;
      yield items === page.items ? page : { ...page, items };
      const step = page.limit > 0 ? page.limit : page.items.length;
      offset = page.offset + step;
      if (page.next === null || page.items.length === 0 || step === 0 || offset >= page.count) return;
      if (seen >= max) return;
    }
  }

  async *[Symbol.asyncIterator](): AsyncGenerator<T, void, undefined> {
    for await (const page of this.pages()) yield* page.items;
  }

  /** Collects every item (mind the size of the list). */
  async toArray(): Promise<T[]> {
    const out: T[] = [];
    for await (const item of this) out.push(item);
    return out;
  }
}
