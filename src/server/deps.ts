/**
 * What services need from the outside world, passed explicitly so tests can control the clock and IDs.
 */
import type { Config } from './config.js';
import type { Store, Db } from './db/connect.js';
import type { DialectHelpers } from './db/dialect.js';
import type { Keys } from './auth/keys.js';
import type { InvalidationBus } from './auth/invalidation.js';
import type { TokenCache } from './auth/token-cache.js';
import type { CompanyCache } from './modules/company/company.cache.js';

export interface Deps {
  readonly config: Config;
  readonly store: Store;
  readonly db: Db;
  readonly dialect: DialectHelpers;
  readonly keys: Keys;
  readonly bus: InvalidationBus;
  readonly tokens: TokenCache;
  readonly companies: CompanyCache;
  readonly clock: () => Date;
  readonly newId: () => string;
  readonly newToken: () => string;
}
