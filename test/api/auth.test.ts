import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../support/app.js';
import { testDialects } from '../support/db.js';

const dialects = await testDialects();

describe.each(dialects)('ClickTime authentication on %s', (dialect) => {
  let t: TestApp;
  let acme: Awaited<ReturnType<TestApp['company']>>;
  beforeAll(async () => {
    t = await createTestApp(dialect);
    acme = await t.company('Acme');
  });
  afterAll(() => t.close());

  it('GET /Me with Basic returns the user and the token in AuthToken', async () => {
    const res = await t.call('GET', '/v2/Me', { basic: { email: acme.Email, password: acme.password } });
    expect(res.status).toBe(200);
    expect(res.body.errors).toEqual([]);
    expect(res.body.page).toBeNull();
    expect(res.body.jsonapi).toEqual({ version: '1.0' });
    expect(res.body.data.ID).toBe(acme.UserID);
    expect(res.body.data.AuthToken.Token).toBe(acme.Token);
    expect(res.body.data.AuthToken.TokenCreationTime).toMatch(/^\d{4}-\d\d-\d\dT.*Z$/);
  });

  it('accepts the token scheme word in any case and the path in any case', async () => {
    for (const scheme of ['Token', 'TOKEN', 'token']) {
      const res = await t.call('GET', '/v2/me', { authorization: `${scheme} ${acme.Token}` });
      expect(res.status).toBe(200);
      expect(res.body.data.Email).toBe(acme.Email);
    }
    expect((await t.call('GET', '/V2/ME', { token: acme.Token })).status).toBe(200);
  });

  it('returns 401 in the envelope for a missing, wrong or malformed credential', async () => {
    for (const options of [
      {},
      { token: 'x'.repeat(43) },
      { authorization: 'Token' },
      { authorization: 'Bearer abc' },
    ]) {
      const res = await t.call('GET', '/v2/Users', options);
      expect(res.status).toBe(401);
      expect(res.body.data).toBeNull();
      expect(res.body.errors[0].Message).toBe('Invalid Credentials');
      expect(res.body.meta.RequestID).toBeTruthy();
    }
  });

  it('refuses Basic everywhere but GET /Me and POST /Me/ResetAuthToken with 401', async () => {
    const basic = { email: acme.Email, password: acme.password };
    expect((await t.call('GET', '/v2/Users', { basic })).status).toBe(401);
    expect((await t.call('PATCH', '/v2/Me', { basic, body: { NumEntries: 3 } })).status).toBe(401);
    expect((await t.call('GET', '/v2/Company', { basic })).status).toBe(401);
  });

  it('refuses a wrong password with 401 and a token on ResetAuthToken with 401', async () => {
    expect(
      (await t.call('GET', '/v2/Me', { basic: { email: acme.Email, password: 'wrong password' } })).status,
    ).toBe(401);
    expect((await t.call('POST', '/v2/Me/ResetAuthToken', { token: acme.Token })).status).toBe(401);
  });

  it('resets the token: the new one works and the old one is refused at once', async () => {
    const company = await t.company('Reset Co');
    const old = company.Token;
    expect((await t.call('GET', '/v2/Users', { token: old })).status).toBe(200); // now cached
    const reset = await t.call('POST', '/v2/Me/ResetAuthToken', {
      basic: { email: company.Email, password: company.password },
    });
    expect(reset.status).toBe(200);
    const fresh = reset.body.data.Token as string;
    expect(fresh).not.toBe(old);
    expect(fresh).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect((await t.call('GET', '/v2/Users', { token: old })).status).toBe(401);
    expect((await t.call('GET', '/v2/Users', { token: fresh })).status).toBe(200);
    const me = await t.call('GET', '/v2/Me', { token: fresh });
    expect(me.body.data.AuthToken.Token).toBe(fresh);
  });

  it('stores the token encrypted and finds it by a keyed hash, never in plain text', async () => {
    const rows = await t.deps.db.selectFrom('accounts').selectAll().execute();
    for (const row of rows) {
      expect(JSON.stringify(row)).not.toContain(acme.Token);
    }
  });

  it('throttles repeated Basic failures per account with 429 and Retry-After, whether or not the email exists', async () => {
    const company = await t.company('Throttle Co');
    for (const email of [company.Email, 'nobody@nowhere.test']) {
      for (let i = 0; i < 10; i++) {
        expect((await t.call('GET', '/v2/Me', { basic: { email, password: 'wrong password' } })).status).toBe(
          401,
        );
      }
      const blocked = await t.call('GET', '/v2/Me', { basic: { email, password: 'wrong password' } });
      expect(blocked.status).toBe(429);
      expect(Number(blocked.headers['retry-after'])).toBeGreaterThan(0);
    }
    // Even the right password waits out the window.
    expect(
      (await t.call('GET', '/v2/Me', { basic: { email: company.Email, password: company.password } })).status,
    ).toBe(429);
    // Token auth is unaffected.
    expect((await t.call('GET', '/v2/Me', { token: company.Token })).status).toBe(200);
  });

  it('refuses the token of a deactivated person at once', async () => {
    const created = await t.call('POST', '/v2/Users', {
      token: acme.Token,
      body: { Name: 'Doe, Jane', Email: `jane-${dialect}@acme.test`, Password: 'password one' },
    });
    expect(created.status).toBe(201);
    const me = await t.call('GET', '/v2/Me', {
      basic: { email: `jane-${dialect}@acme.test`, password: 'password one' },
    });
    const token = me.body.data.AuthToken.Token as string;
    expect((await t.call('GET', '/v2/Me', { token })).status).toBe(200);
    const off = await t.call('PATCH', `/v2/Users/${created.body.data.ID}`, {
      token: acme.Token,
      body: { IsActive: false },
    });
    expect(off.status).toBe(200);
    expect((await t.call('GET', '/v2/Me', { token })).status).toBe(401);
  });
});
