import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../support/app.js';
import { testDialects } from '../support/db.js';

const dialects = await testDialects();

describe.each(dialects)('wire rules on %s', (dialect) => {
  let t: TestApp;
  let token: string;
  beforeAll(async () => {
    t = await createTestApp(dialect, { bodyLimitBytes: 64 * 1024 });
    token = (await t.company()).Token;
  });
  afterAll(() => t.close());

  it('returns 404 in the envelope for an unknown path', async () => {
    const res = await t.call('GET', '/v2/Nothing', { token });
    expect(res.status).toBe(404);
    expect(res.body).toMatchObject({ data: null, page: null, jsonapi: { version: '1.0' } });
    expect(res.body.errors[0].MessageDetail).toEqual(['not_found']);
  });

  it('returns 405 with Allow for a known path and a wrong method', async () => {
    const res = await t.call('DELETE', '/v2/Company', { token });
    expect(res.status).toBe(405);
    expect(res.headers.allow).toBe('GET, PATCH');
    expect(res.body.errors).toHaveLength(1);
  });

  it('returns 415 for a body that is not JSON', async () => {
    const res = await t.call('PATCH', '/v2/Me', {
      token,
      rawBody: 'NumEntries=3',
      contentType: 'application/x-www-form-urlencoded',
    });
    expect(res.status).toBe(415);
  });

  it('returns 400 for malformed JSON', async () => {
    const res = await t.call('PATCH', '/v2/Me', { token, rawBody: '{"NumEntries": ' });
    expect(res.status).toBe(400);
    expect(res.body.errors[0].MessageDetail).toEqual(['invalid_json']);
  });

  it('returns 413 for a body over the limit', async () => {
    const res = await t.call('PATCH', '/v2/Me', {
      token,
      rawBody: JSON.stringify({ Name: 'x'.repeat(70 * 1024) }),
    });
    expect(res.status).toBe(413);
    expect(res.body.data).toBeNull();
  });

  it('accepts charset on the JSON content type, numeric strings for numbers and enum values in any case', async () => {
    const res = await t.call('PATCH', '/v2/Me', {
      token,
      body: { NumEntries: '7', PreferredTimeFormat: '24hour' },
      contentType: 'application/json; charset=utf-8',
    });
    expect(res.status).toBe(200);
    expect(res.body.data.NumEntries).toBe(7);
    expect(res.body.data.PreferredTimeFormat).toBe('24Hour');
  });

  it('lists every invalid field in one 400, and ignores unknown and read-only fields', async () => {
    const res = await t.call('PATCH', '/v2/Me', {
      token,
      body: { NumEntries: 'many', PreferredTimeFormat: 'sundial', ID: 'ignored', Whatever: 1 },
    });
    expect(res.status).toBe(400);
    const fields = res.body.errors.map((e: { Field: string }) => e.Field).sort();
    expect(fields).toEqual(['NumEntries', 'PreferredTimeFormat']);
    const ok = await t.call('PATCH', '/v2/Me', {
      token,
      body: { ID: 'ignored', Whatever: 1, NumEntries: 3 },
    });
    expect(ok.status).toBe(200);
  });

  it('refuses a body that is not an object with 400', async () => {
    for (const body of [[1, 2], 'text', 42, null]) {
      const res = await t.call('PATCH', '/v2/Me', { token, body });
      expect(res.status).toBe(400);
    }
  });

  it('reports a GET with an unknown query parameter normally, and a bad known one as 400', async () => {
    expect((await t.call('GET', '/v2/Users?Colour=blue', { token })).status).toBe(200);
    const bad = await t.call('GET', '/v2/Users?IsActive=maybe&limit=-1&offset=x', { token });
    expect(bad.status).toBe(400);
    expect(bad.body.errors.map((e: { Field: string }) => e.Field).sort()).toEqual([
      'IsActive',
      'limit',
      'offset',
    ]);
  });

  it('serves the OpenAPI document and the docs page', async () => {
    const doc = await t.call('GET', '/v2/openapi.json');
    expect(doc.status).toBe(200);
    expect(doc.body.openapi).toBe('3.0.3');
    expect(Object.keys(doc.body.paths)).toContain('/v2/Users');
    const page = await t.call('GET', '/v2/docs/');
    expect(page.status).toBe(200);
  });

  it('answers /healthz without credentials', async () => {
    const res = await t.call('GET', '/healthz');
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ status: 'ok' });
  });

  it('echoes a request ID header and puts RequestID in error meta', async () => {
    const res = await t.call('GET', '/v2/Nope', { token, headers: { 'x-request-id': 'abc-123' } });
    expect(res.headers['x-request-id']).toBe('abc-123');
    expect(res.body.meta.RequestID).toBe('abc-123');
  });
});

describe.each(dialects)('rate limits on %s', (dialect) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp(dialect, { rateLimitPerMinute: 3 });
  });
  afterAll(() => t.close());

  it('sends RateLimit headers and a 429 with Retry-After past the limit', async () => {
    const { Token: token } = await t.company();
    const first = await t.call('GET', '/v2/Me', { token });
    expect(first.headers['ratelimit-limit']).toBe('3');
    expect(first.headers['ratelimit-remaining']).toBe('2');
    await t.call('GET', '/v2/Me', { token });
    await t.call('GET', '/v2/Me', { token });
    const over = await t.call('GET', '/v2/Me', { token });
    expect(over.status).toBe(429);
    expect(Number(over.headers['retry-after'])).toBeGreaterThan(0);
    expect(over.body.errors[0].MessageDetail).toEqual(['rate_limited']);
  });
});

describe.each(dialects)('NUL characters on %s', (dialect) => {
  it('refuses NUL in a URL or a body with 400, never a 500', async () => {
    const t = await createTestApp(dialect);
    try {
      const { Token: token } = await t.company();
      expect((await t.call('GET', '/v2/Users/%00', { token })).status).toBe(400);
      expect((await t.call('GET', '/v2/Users?Name=a%00b', { token })).status).toBe(400);
      const body = await t.call('POST', '/v2/Divisions', { token, body: { Name: 'bad\u0000name' } });
      expect(body.status).toBe(400);
      expect(body.body.errors[0].Message).toMatch(/NUL/);
    } finally {
      await t.close();
    }
  });
});
