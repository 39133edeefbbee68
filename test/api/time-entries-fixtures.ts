/**
 * Shared set-up for the time-entry, timer and summary suites: a controllable clock, a company with a
 * client, job and task, and helpers that change company settings.
 */
import { expect } from 'vitest';
import type { TestApp } from '../support/app.js';

/** 2026-03-10 (a Tuesday) at noon UTC, unless a test moves it. */
export const NOON = '2026-03-10T12:00:00.000Z';

export class TestClock {
  private now: Date;
  constructor(iso = NOON) {
    this.now = new Date(iso);
  }
  readonly read = (): Date => new Date(this.now);
  set(iso: string): void {
    this.now = new Date(iso);
  }
  advance(seconds: number): void {
    this.now = new Date(this.now.getTime() + seconds * 1000);
  }
  reset(): void {
    this.set(NOON);
  }
}

export interface World {
  token: string;
  companyId: string;
  userId: string;
  clientId: string;
  jobId: string;
  taskId: string;
}

export async function makeClient(
  t: TestApp,
  token: string,
  fields: Record<string, unknown> = {},
): Promise<string> {
  const res = await t.call('POST', '/v2/Clients', {
    token,
    body: { Name: `Client ${Math.random()}`, ...fields },
  });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body.data.ID as string;
}

export async function makeJob(
  t: TestApp,
  token: string,
  clientId: string,
  fields: Record<string, unknown> = {},
): Promise<string> {
  const res = await t.call('POST', '/v2/Jobs', {
    token,
    body: { Name: `Job ${Math.random()}`, ClientID: clientId, ...fields },
  });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body.data.ID as string;
}

export async function makeTask(
  t: TestApp,
  token: string,
  fields: Record<string, unknown> = {},
): Promise<string> {
  const res = await t.call('POST', '/v2/Tasks', {
    token,
    body: { Name: `Task ${Math.random()}`, ...fields },
  });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body.data.ID as string;
}

/** A company with its Admin, one client, one job and one task. */
export async function world(t: TestApp, name?: string): Promise<World> {
  const c = await t.company(name);
  const clientId = await makeClient(t, c.Token, { Name: 'Acme' });
  const jobId = await makeJob(t, c.Token, clientId, { Name: 'Build' });
  const taskId = await makeTask(t, c.Token, { Name: 'Code' });
  return { token: c.Token, companyId: c.CompanyID, userId: c.UserID, clientId, jobId, taskId };
}

/** PATCH /Company as the Admin (settings Punchclock takes over the API). */
export async function patchCompany(t: TestApp, w: World, body: Record<string, unknown>): Promise<void> {
  const res = await t.call('PATCH', '/v2/Company', { token: w.token, body });
  expect(res.status, JSON.stringify(res.body)).toBe(200);
}

/** Settings no API changes (DCAALogEnabled, PhasesEnabled): written to the store, caches told. */
export async function storeSettings(
  t: TestApp,
  companyId: string,
  patch: Record<string, unknown>,
): Promise<void> {
  const row = await t.deps.db
    .selectFrom('companies')
    .select('settings')
    .where('id', '=', companyId)
    .executeTakeFirstOrThrow();
  const settings = { ...(JSON.parse(row.settings) as Record<string, unknown>), ...patch };
  await t.deps.db
    .updateTable('companies')
    .set({ settings: JSON.stringify(settings) })
    .where('id', '=', companyId)
    .execute();
  await t.deps.bus.publish({ kind: 'company', companyId });
}

export const entry = (w: World, extra: Record<string, unknown> = {}) => ({
  Date: '2026-03-09',
  JobID: w.jobId,
  TaskID: w.taskId,
  Hours: 1,
  ...extra,
});

/** The sorted Field names of an error response. */
export const fieldsOf = (res: { body: { errors: { Field: string | null }[] } }) =>
  res.body.errors.map((e) => e.Field).sort();

export async function create(t: TestApp, token: string, body: unknown, path = '/v2/Me/TimeEntries') {
  const res = await t.call('POST', path, { token, body });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body.data;
}
