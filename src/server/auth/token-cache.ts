/**
 * Token → actor cache, so that the hot path neither hashes nor queries. Keyed by the token itself (held
 * in memory only), bounded, and emptied per user or company on invalidation. A generation counter
 * stops a lookup that raced an invalidation from caching what it read before the change.
 */
import type { Actor } from '../lib/permissions.js';
import type { Invalidation } from './invalidation.js';

export interface CachedIdentity {
  actor: Actor;
}

const userKey = (companyId: string, userId: string) => `${companyId}\u0000${userId}`;

export class TokenCache {
  private readonly byToken = new Map<string, CachedIdentity>();
  private generation = 0;

  constructor(private readonly maxEntries = 100_000) {}

  get(token: string): CachedIdentity | undefined {
    return this.byToken.get(token);
  }

  /** The generation to pass back to `set` after a lookup. */
  begin(): number {
    return this.generation;
  }

  set(token: string, identity: CachedIdentity, startedAt: number): void {
    if (startedAt !== this.generation) return;
    if (this.byToken.size >= this.maxEntries) {
      const oldest = this.byToken.keys().next().value;
      if (oldest !== undefined) this.byToken.delete(oldest);
    }
    this.byToken.set(token, identity);
  }

  apply(event: Invalidation): void {
    this.generation++;
    if (event.kind === 'all') {
      this.byToken.clear();
      return;
    }
    const wanted = event.kind === 'user' ? userKey(event.companyId, event.userId) : undefined;
    for (const [token, { actor }] of this.byToken) {
      const hit =
        event.kind === 'company'
          ? actor.companyId === event.companyId
          : userKey(actor.companyId, actor.userId) === wanted;
      if (hit) this.byToken.delete(token);
    }
  }

  get size(): number {
    return this.byToken.size;
  }
}
