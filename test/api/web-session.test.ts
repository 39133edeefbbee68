import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../support/app.js';
import { testDialects } from '../support/db.js';
import { person } from '../support/people.js';

const dialects = await testDialects();

function sessionCookie(setCookie: unknown): string {
  const header = Array.isArray(setCookie) ? String(setCookie[0]) : String(setCookie);
  return header.split(';')[0]!;
}

describe.each(dialects)('web-app sessions on %s', (dialect) => {
  let t: TestApp;
  let company: Awaited<ReturnType<TestApp['company']>>;
  beforeAll(async () => {
    t = await createTestApp(dialect);
    company = await t.company();
  });
  afterAll(() => t.close());

  const signIn = async (email = company.Email, password = company.password) => {
    const res = await t.call('POST', '/web/session', { body: { Email: email, Password: password } });
    expect(res.status).toBe(201);
    return { cookie: sessionCookie(res.headers['set-cookie']), csrf: res.body.data.CsrfToken as string, res };
  };

  it('signs in with an HttpOnly SameSite cookie and refuses a wrong password with 401', async () => {
    const { res } = await signIn();
    const header = String(res.headers['set-cookie']);
    expect(header).toMatch(/HttpOnly/);
    expect(header).toMatch(/SameSite=Lax/);
    expect(res.body.data.UserID).toBe(company.UserID);
    const bad = await t.call('POST', '/web/session', {
      body: { Email: company.Email, Password: 'nope nope' },
    });
    expect(bad.status).toBe(401);
  });

  it('lets the session call the v2 API, and requires the CSRF token to change anything', async () => {
    const { cookie, csrf } = await signIn();
    const me = await t.call('GET', '/v2/Me', { headers: { cookie } });
    expect(me.status).toBe(200);
    const noCsrf = await t.call('PATCH', '/v2/Me', { headers: { cookie }, body: { NumEntries: 4 } });
    expect(noCsrf.status).toBe(403);
    const wrong = await t.call('PATCH', '/v2/Me', {
      headers: { cookie, 'x-csrf-token': 'x'.repeat(43) },
      body: { NumEntries: 4 },
    });
    expect(wrong.status).toBe(403);
    const okRes = await t.call('PATCH', '/v2/Me', {
      headers: { cookie, 'x-csrf-token': csrf },
      body: { NumEntries: 4 },
    });
    expect(okRes.status).toBe(200);
    const session = await t.call('GET', '/web/session', { headers: { cookie } });
    expect(session.body.data.CsrfToken).toBe(csrf);
  });

  it('resets the API token from the Authentication Token tab only with the password, and the old token dies', async () => {
    const p = await person(t, company.Token);
    const { cookie, csrf } = await signIn(p.email, p.password);
    const headers = { cookie, 'x-csrf-token': csrf };
    const wrong = await t.call('POST', '/web/token/reset', { headers, body: { Password: 'not it at all' } });
    expect(wrong.status).toBe(400);
    expect(wrong.body.errors[0].Field).toBe('Password');
    expect((await t.call('GET', '/v2/Me', { token: p.token })).status).toBe(200);
    const reset = await t.call('POST', '/web/token/reset', { headers, body: { Password: p.password } });
    expect(reset.status).toBe(200);
    expect(reset.body.data.Token).not.toBe(p.token);
    expect((await t.call('GET', '/v2/Me', { token: p.token })).status).toBe(401);
    expect((await t.call('GET', '/v2/Me', { token: reset.body.data.Token })).status).toBe(200);
  });

  it('signs out, after which the cookie is refused', async () => {
    const { cookie, csrf } = await signIn();
    expect((await t.call('DELETE', '/web/session', { headers: { cookie } })).status).toBe(403);
    const out = await t.call('DELETE', '/web/session', { headers: { cookie, 'x-csrf-token': csrf } });
    expect(out.status).toBe(200);
    expect(String(out.headers['set-cookie'])).toMatch(/Max-Age=0/);
    expect((await t.call('GET', '/web/session', { headers: { cookie } })).status).toBe(401);
    expect((await t.call('GET', '/v2/Me', { headers: { cookie } })).status).toBe(401);
  });

  it('ends the sessions of a deactivated person', async () => {
    const p = await person(t, company.Token);
    const { cookie } = await signIn(p.email, p.password);
    await t.call('PATCH', `/v2/Users/${p.id}`, { token: company.Token, body: { IsActive: false } });
    expect((await t.call('GET', '/web/session', { headers: { cookie } })).status).toBe(401);
  });
});
