/**
 * The only reader of process.env. Produces a typed, frozen configuration; secrets are kept out of
 * anything that is logged (see `redactedConfig`).
 */
import path from 'node:path';

export interface BasicThrottleConfig {
  /** Failed password checks allowed per account within the window before 429. */
  readonly perAccount: number;
  /** Failed password checks allowed per client address within the window before 429. */
  readonly perAddress: number;
  readonly windowMs: number;
}

export interface BootstrapConfig {
  readonly companyName: string;
  readonly adminEmail: string;
  readonly adminPassword: string;
}

export interface Config {
  readonly host: string;
  readonly port: number;
  /** postgres://… selects PostgreSQL; undefined means the embedded SQLite file in dataDir. */
  readonly databaseUrl: string | undefined;
  readonly dataDir: string;
  /** Base64 or hex key material for token encryption; when absent the key file in dataDir is used. */
  readonly secretKey: string | undefined;
  readonly logLevel: string;
  /** Requests per token per minute; 0 turns rate limiting off (DECISIONS 16). */
  readonly rateLimitPerMinute: number;
  readonly bodyLimitBytes: number;
  readonly basicThrottle: BasicThrottleConfig;
  readonly bootstrap: BootstrapConfig | undefined;
  readonly trustProxy: boolean;
  /** Public base URL used for links (invitations); defaults to the request's own host. */
  readonly publicUrl: string | undefined;
}

export class ConfigError extends Error {}

type Env = Record<string, string | undefined>;

function intFrom(env: Env, name: string, fallback: number, min = 0): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  if (!/^\d+$/.test(raw.trim())) throw new ConfigError(`${name} must be a whole number, got "${raw}"`);
  const value = Number(raw.trim());
  if (value < min) throw new ConfigError(`${name} must be at least ${min}`);
  return value;
}

export function loadConfig(env: Env = process.env): Config {
  const databaseUrl = env.DATABASE_URL?.trim() || undefined;
  if (databaseUrl && !/^postgres(ql)?:\/\//i.test(databaseUrl)) {
    throw new ConfigError(
      'DATABASE_URL must be a postgres:// URL (leave it unset for the embedded SQLite file)',
    );
  }
  const name = env.PUNCHCLOCK_COMPANY_NAME?.trim();
  const email = env.PUNCHCLOCK_ADMIN_EMAIL?.trim();
  const password = env.PUNCHCLOCK_ADMIN_PASSWORD;
  const bootstrap =
    name && email && password ? { companyName: name, adminEmail: email, adminPassword: password } : undefined;
  const config: Config = {
    host: env.HOST?.trim() || '127.0.0.1',
    port: intFrom(env, 'PORT', 8080),
    databaseUrl,
    dataDir: path.resolve(env.PUNCHCLOCK_DATA_DIR?.trim() || './data'),
    secretKey: env.PUNCHCLOCK_SECRET_KEY?.trim() || undefined,
    logLevel: env.LOG_LEVEL?.trim() || 'info',
    rateLimitPerMinute: intFrom(env, 'PUNCHCLOCK_RATE_LIMIT', 1200),
    bodyLimitBytes: intFrom(env, 'PUNCHCLOCK_BODY_LIMIT', 10 * 1024 * 1024, 1024),
    basicThrottle: {
      perAccount: intFrom(env, 'PUNCHCLOCK_BASIC_FAILURES_PER_ACCOUNT', 10, 1),
      perAddress: intFrom(env, 'PUNCHCLOCK_BASIC_FAILURES_PER_ADDRESS', 100, 1),
      windowMs: intFrom(env, 'PUNCHCLOCK_BASIC_FAILURE_WINDOW_SECONDS', 900, 1) * 1000,
    },
    bootstrap,
    trustProxy: env.PUNCHCLOCK_TRUST_PROXY === 'true' || env.PUNCHCLOCK_TRUST_PROXY === '1',
    publicUrl: env.PUNCHCLOCK_PUBLIC_URL?.trim().replace(/\/+$/, '') || undefined,
  };
  return Object.freeze(config);
}

/** What may be logged: no passwords, keys or credentials inside URLs. */
export function redactedConfig(config: Config): Record<string, unknown> {
  return {
    ...config,
    databaseUrl: config.databaseUrl?.replace(/\/\/([^:@/]+):([^@/]*)@/, '//$1:***@'),
    secretKey: config.secretKey ? '***' : undefined,
    bootstrap: config.bootstrap ? { ...config.bootstrap, adminPassword: '***' } : undefined,
  };
}
