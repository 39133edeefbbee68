/**
 * Wires the real parts together: store, keys, caches and the invalidation bus.
 */
import type { Config } from './config.js';
import { openStore, type Store } from './db/connect.js';
import { migrateToLatest } from './db/migrate.js';
import type { Deps } from './deps.js';
import { loadKeyMaterial, makeKeys } from './auth/keys.js';
import { localBus, postgresBus, type InvalidationBus } from './auth/invalidation.js';
import { TokenCache } from './auth/token-cache.js';
import { newId, newToken } from './lib/ids.js';
import { CompanyCache } from './modules/company/index.js';

export interface Runtime {
  deps: Deps;
  close(): Promise<void>;
}

export interface RuntimeOptions {
  /** An already-open store (tests); otherwise one is opened from the config. */
  store?: Store;
  migrate?: boolean;
  onBusError?: (error: unknown) => void;
  clock?: () => Date;
}

export async function createRuntime(config: Config, options: RuntimeOptions = {}): Promise<Runtime> {
  const store = options.store ?? openStore(config.databaseUrl, config.dataDir);
  try {
    if (options.migrate !== false) await migrateToLatest(store);
    const keys = makeKeys(loadKeyMaterial(config.secretKey, config.dataDir));
    const bus: InvalidationBus = store.pgConfig
      ? await postgresBus({
          config: store.pgConfig,
          ...(options.onBusError ? { onError: options.onBusError } : {}),
        })
      : localBus(store.dataVersion);
    const tokens = new TokenCache();
    const companies = new CompanyCache();
    bus.subscribe((event) => {
      tokens.apply(event);
      companies.apply(event);
    });
    const deps: Deps = {
      config,
      store,
      db: store.db,
      dialect: store.dialect,
      keys,
      bus,
      tokens,
      companies,
      clock: options.clock ?? (() => new Date()),
      newId,
      newToken,
    };
    return {
      deps,
      async close() {
        await bus.close();
        if (!options.store) await store.close();
      },
    };
  } catch (error) {
    if (!options.store) await store.close();
    throw error;
  }
}
