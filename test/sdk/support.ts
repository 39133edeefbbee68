/**
 * A real server on a real port, in this process: the SDK talks to it over HTTP with the global fetch.
 */
import type { AddressInfo } from 'node:net';
import { PunchclockApiError } from '../../src/sdk/index.js';
import { createTestApp, type TestApp } from '../support/app.js';
import type { DialectName } from '../support/db.js';
import type { Config } from '../../src/server/config.js';

export interface LiveServer {
  t: TestApp;
  baseUrl: string;
  admin: Awaited<ReturnType<TestApp['company']>>;
  close(): Promise<void>;
}

export async function liveServer(dialect: DialectName, overrides: Partial<Config> = {}): Promise<LiveServer> {
  const t = await createTestApp(dialect, overrides);
  await t.app.listen({ host: '127.0.0.1', port: 0 });
  const { port } = t.app.server.address() as AddressInfo;
  const admin = await t.company('SDK Co');
  return { t, baseUrl: `http://127.0.0.1:${port}`, admin, close: () => t.close() };
}

/** Whether the server under test already has an endpoint (for resources still landing). */
export async function hasPath(baseUrl: string, path: string): Promise<boolean> {
  const doc = (await (await fetch(`${baseUrl}/v2/openapi.json`)).json()) as {
    paths: Record<string, unknown>;
  };
  return Object.keys(doc.paths).some((p) => p.toLowerCase() === `/v2${path}`.toLowerCase());
}

/** The PunchclockApiError a call fails with (and a test failure if it succeeds). */
export async function failure(call: Promise<unknown>): Promise<PunchclockApiError> {
  try {
    await call;
  } catch (error) {
    if (error instanceof PunchclockApiError) return error;
    throw error;
  }
  throw new Error('expected the call to fail');
}
