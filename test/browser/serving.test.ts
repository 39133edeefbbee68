/**
 * How the server serves the built web app at / (src/server/app.ts): its files, index.html for client-side
 * routes, and the JSON 404/405 of DECISIONS 3 everywhere else. No browser needed.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../src/server/app.js';
import { createTestApp, type TestApp } from '../support/app.js';

describe('serving the web app', () => {
  let t: TestApp;
  let app: Awaited<ReturnType<typeof buildApp>>;
  let bare: Awaited<ReturnType<typeof buildApp>>;
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'punchclock-webroot-'));
  beforeAll(async () => {
    fs.mkdirSync(path.join(root, 'assets'));
    fs.writeFileSync(path.join(root, 'index.html'), '<!doctype html><title>app</title><div id="root"></div>');
    fs.writeFileSync(path.join(root, 'assets', 'index-abc123.js'), 'console.log(1)');
    fs.writeFileSync(path.join(root, '.build-hash'), 'secret-ish');
    t = await createTestApp('sqlite');
    app = await buildApp(t.deps, { logger: false, webRoot: root });
    bare = await buildApp(t.deps, { logger: false, webRoot: null });
  });
  afterAll(async () => {
    await app.close();
    await bare.close();
    await t.close();
    fs.rmSync(root, { recursive: true, force: true });
  });

  it('answers / and client-side routes with index.html, uncached and with a strict CSP', async () => {
    for (const url of ['/', '/admin/people', '/preferences/token?x=1', '/expenses/abc']) {
      const res = await app.inject({ url });
      expect(res.statusCode, url).toBe(200);
      expect(res.headers['content-type']).toMatch(/text\/html/);
      expect(res.body).toContain('<div id="root">');
      expect(res.headers['cache-control']).toBe('no-cache');
      expect(res.headers['content-security-policy']).toMatch(/script-src 'self'/);
      expect(res.headers['x-frame-options']).toBe('DENY');
    }
    expect((await app.inject({ method: 'HEAD', url: '/time' })).statusCode).toBe(200);
  });

  it('serves hashed assets for a year and refuses missing files, dotfiles and traversal with JSON', async () => {
    const js = await app.inject({ url: '/assets/index-abc123.js' });
    expect(js.statusCode).toBe(200);
    expect(js.headers['content-type']).toMatch(/javascript/);
    expect(js.headers['cache-control']).toMatch(/max-age=31536000/);
    expect(js.headers['cache-control']).toMatch(/immutable/);
    for (const url of ['/assets/missing.js', '/favicon.ico', '/..%2f..%2fetc%2fpasswd.txt']) {
      const res = await app.inject({ url });
      expect(res.statusCode, url).toBe(404);
      expect(res.json().errors[0].MessageDetail).toEqual(['not_found']);
    }
    expect((await app.inject({ url: '/.build-hash' })).body).not.toContain('secret-ish');
  });

  it('leaves the API, web endpoints, setup, invitations and health to their routes', async () => {
    const api = await app.inject({ url: '/v2/Nothing' });
    expect(api.statusCode).toBe(404);
    expect(api.json().data).toBeNull();
    expect((await app.inject({ url: '/v2/Me' })).statusCode).toBe(401);
    expect((await app.inject({ url: '/web/session' })).statusCode).toBe(401);
    expect((await app.inject({ url: '/web/nothing' })).statusCode).toBe(404);
    expect((await app.inject({ url: '/healthz' })).json()).toEqual({ status: 'ok' });
    const setup = await app.inject({ url: '/setup' });
    expect(setup.body).toContain('Set up Punchclock');
    expect((await app.inject({ url: '/invite/not-a-token' })).statusCode).toBe(404);
    // Other methods on app paths are not pages.
    expect((await app.inject({ method: 'POST', url: '/admin/people' })).statusCode).toBe(404);
    expect((await app.inject({ method: 'DELETE', url: '/v2/Company' })).statusCode).toBe(405);
  });

  it('falls back to the plain home page when the web app is not built', async () => {
    const home = await bare.inject({ url: '/' });
    expect(home.statusCode).toBe(200);
    expect(home.body).toContain('/v2/docs');
    expect((await bare.inject({ url: '/admin/people' })).statusCode).toBe(404);
  });
});
