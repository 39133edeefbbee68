import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../src/server/app.js';
import { createTestApp, type TestApp } from '../support/app.js';
import { testDialects } from '../support/db.js';

const dialects = await testDialects();

describe.each(dialects)('first-run setup page on %s', (dialect) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp(dialect);
  });
  afterAll(() => t.close());

  it('offers the setup form only until the first company exists', async () => {
    const page = await t.call('GET', '/setup');
    expect(page.status).toBe(200);
    expect(page.headers['content-type']).toMatch(/text\/html/);
    expect(String(page.body)).toContain('Create your company');
    const bad = await t.call('POST', '/setup', {
      body: { CompanyName: 'Acme', AdminEmail: 'x@acme.test', AdminPassword: 'short' },
    });
    expect(bad.status).toBe(400);
    const res = await t.call('POST', '/setup', {
      body: {
        CompanyName: 'Acme',
        AdminName: 'Ada',
        AdminEmail: 'ada@acme.test',
        AdminPassword: 'long enough',
      },
    });
    expect(res.status).toBe(201);
    expect(res.body.data.Token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    const me = await t.call('GET', '/v2/Me', { token: res.body.data.Token });
    expect(me.body.data).toMatchObject({ Name: 'Ada', SecurityLevel: 'ADMIN' });
    const again = await t.call('POST', '/setup', {
      body: { CompanyName: 'Evil', AdminEmail: 'evil@acme.test', AdminPassword: 'long enough' },
    });
    expect(again.status).toBe(409);
    expect(String((await t.call('GET', '/setup')).body)).toContain('already has a company');
  });
});

describe('logs', () => {
  it('carry request IDs and never a token or a password', async () => {
    const lines: string[] = [];
    const stream = new Writable({
      write(chunk: Buffer, _enc, done) {
        lines.push(chunk.toString());
        done();
      },
    });
    const t = await createTestApp('sqlite');
    const app = await buildApp(t.deps, { logger: { level: 'debug', stream } });
    try {
      const company = await t.company();
      await app.inject({
        url: '/v2/Me',
        headers: {
          authorization: 'Basic ' + Buffer.from(`${company.Email}:${company.password}`).toString('base64'),
        },
      });
      await app.inject({ url: '/v2/Users', headers: { authorization: `Token ${company.Token}` } });
      const text = lines.join('');
      expect(text).toContain('reqId');
      expect(text).not.toContain(company.Token);
      expect(text).not.toContain(company.password);
    } finally {
      await app.close();
      await t.close();
    }
  });
});
