/**
 * A real app over a real test database, driven through inject(), with helpers that speak the wire.
 */
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../../src/server/app.js';
import { loadConfig, type Config } from '../../src/server/config.js';
import type { Deps } from '../../src/server/deps.js';
import { createRuntime } from '../../src/server/runtime.js';
import {
  createCompanyWithAdmin,
  type NewCompanyResult,
} from '../../src/server/modules/onboarding/onboarding.service.js';
import { openTestStore, type DialectName } from './db.js';

export const TEST_KEY = 'a'.repeat(64);

export function testConfig(overrides: Partial<Config> = {}): Config {
  return {
    ...loadConfig({
      PUNCHCLOCK_SECRET_KEY: TEST_KEY,
      PUNCHCLOCK_RATE_LIMIT: '0',
      PUNCHCLOCK_DATA_DIR: '/tmp/punchclock-test',
    }),
    ...overrides,
  };
}

export interface Reply<T = any> {
  status: number;
  body: T;
  headers: Record<string, string | string[] | number | undefined>;
}

export interface CallOptions {
  token?: string;
  basic?: { email: string; password: string };
  authorization?: string;
  body?: unknown;
  rawBody?: string;
  contentType?: string;
  headers?: Record<string, string>;
}

export interface TestApp {
  app: FastifyInstance;
  deps: Deps;
  dialect: DialectName;
  call<T = any>(method: string, url: string, options?: CallOptions): Promise<Reply<T>>;
  /** A company with its Admin; returns the admin's token. */
  company(name?: string): Promise<NewCompanyResult & { password: string }>;
  close(): Promise<void>;
}

let counter = 0;

export async function createTestApp(
  dialect: DialectName,
  overrides: Partial<Config> = {},
  options: { clock?: () => Date } = {},
): Promise<TestApp> {
  const { store, drop } = await openTestStore(dialect);
  const runtime = await createRuntime(testConfig(overrides), {
    store,
    ...(options.clock ? { clock: options.clock } : {}),
  });
  const app = await buildApp(runtime.deps, { logger: false });
  await app.ready();
  return {
    app,
    deps: runtime.deps,
    dialect,
    async call(method, url, options = {}) {
      const headers: Record<string, string> = { ...options.headers };
      if (options.token) headers.authorization = `Token ${options.token}`;
      if (options.basic) {
        headers.authorization = `Basic ${Buffer.from(`${options.basic.email}:${options.basic.password}`).toString('base64')}`;
      }
      if (options.authorization) headers.authorization = options.authorization;
      let payload: string | undefined;
      if (options.rawBody !== undefined) payload = options.rawBody;
      else if (options.body !== undefined) payload = JSON.stringify(options.body);
      if (payload !== undefined) headers['content-type'] = options.contentType ?? 'application/json';
      const res = await app.inject({
        method: method as 'GET',
        url,
        headers,
        ...(payload !== undefined ? { payload } : {}),
      });
      let body: unknown = res.body;
      try {
        body = JSON.parse(res.body);
      } catch {
        // not JSON (HTML pages)
      }
      return { status: res.statusCode, body: body as never, headers: res.headers };
    },
    async company(name) {
      counter++;
      const password = 'correct horse battery';
      const result = await createCompanyWithAdmin(runtime.deps, {
        companyName: name ?? `Company ${counter}`,
        adminEmail: `admin${counter}-${Math.random().toString(36).slice(2, 8)}@example.test`,
        adminPassword: password,
        adminName: 'Ada Admin',
      });
      return { ...result, password };
    },
    async close() {
      await app.close();
      await runtime.close();
      await drop();
    },
  };
}
