/**
 * Cache invalidation across server processes (DECISIONS 14: a reset or deactivated token stops working
 * at once, on every instance). In one process the bus is local; with PostgreSQL it also rides on
 * LISTEN/NOTIFY. While the listener is down, caches are bypassed rather than trusted.
 */
import pg from 'pg';

export type Invalidation =
  | { kind: 'user'; companyId: string; userId: string }
  | { kind: 'company'; companyId: string }
  | { kind: 'all' };

export interface InvalidationBus {
  /** Applies the invalidation here at once and tells every other process. */
  publish(event: Invalidation): Promise<void>;
  subscribe(listener: (event: Invalidation) => void): void;
  /** False while cross-process delivery cannot be trusted: callers must not cache. */
  readonly healthy: boolean;
  /** Called before trusting a cache: notices changes made by other processes where no NOTIFY exists. */
  poll(): void;
  close(): Promise<void>;
}

const CHANNEL = 'punchclock_invalidate';

/**
 * One process, optionally sharing an SQLite file with others (the CLI): `probe` returns SQLite's
 * data_version, which changes whenever another connection commits, and then every cache is dropped.
 */
export function localBus(probe?: () => number): InvalidationBus {
  const listeners: ((e: Invalidation) => void)[] = [];
  let seen = probe?.();
  return {
    healthy: true,
    poll() {
      if (!probe) return;
      const now = probe();
      if (now !== seen) {
        seen = now;
        listeners.forEach((l) => l({ kind: 'all' }));
      }
    },
    publish: async (event) => listeners.forEach((l) => l(event)),
    subscribe: (l) => void listeners.push(l),
    close: async () => undefined,
  };
}

export interface PgBusOptions {
  config: pg.ClientConfig;
  onError?: (error: unknown) => void;
}

export async function postgresBus({ config, onError }: PgBusOptions): Promise<InvalidationBus> {
  const listeners: ((e: Invalidation) => void)[] = [];
  const deliver = (event: Invalidation) => listeners.forEach((l) => l(event));
  let client: pg.Client | undefined;
  let healthy = false;
  let closed = false;
  let retry: NodeJS.Timeout | undefined;
  // Publishing uses its own small pool so that a broken listener never blocks a write path.
  const publisher = new pg.Pool({ ...config, max: 2 });
  publisher.on('error', () => undefined);

  const connect = async (): Promise<void> => {
    const c = new pg.Client(config);
    c.on('notification', (msg) => {
      if (msg.channel !== CHANNEL || !msg.payload) return;
      try {
        deliver(JSON.parse(msg.payload) as Invalidation);
      } catch (error) {
        onError?.(error);
      }
    });
    const lost = (error?: unknown) => {
      if (client !== c) return;
      client = undefined;
      healthy = false;
      // Anything cached may have missed an invalidation while we were deaf.
      deliver({ kind: 'all' });
      if (error) onError?.(error);
      void c.end().catch(() => undefined);
      if (!closed) retry = setTimeout(() => void connect().catch(lost), 1000);
    };
    c.on('error', lost);
    c.on('end', () => lost());
    client = c;
    await c.connect();
    await c.query(`LISTEN ${CHANNEL}`);
    if (client === c) {
      healthy = true;
      deliver({ kind: 'all' });
    }
  };
  await connect();

  return {
    get healthy() {
      return healthy;
    },
    poll: () => undefined,
    async publish(event) {
      deliver(event);
      await publisher.query('select pg_notify($1, $2)', [CHANNEL, JSON.stringify(event)]);
    },
    subscribe: (l) => void listeners.push(l),
    async close() {
      closed = true;
      if (retry) clearTimeout(retry);
      const c = client;
      client = undefined;
      healthy = false;
      await c?.end().catch(() => undefined);
      await publisher.end();
    },
  };
}
