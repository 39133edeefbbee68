import { describe, expect, it } from 'vitest';
import { randomBytes } from 'node:crypto';
import { makeKeys } from './keys.js';
import { parseAuthorization } from './authenticate.js';
import { TokenCache } from './token-cache.js';
import type { Actor } from '../lib/permissions.js';

const actor = (companyId: string, userId: string): Actor => ({
  companyId,
  userId,
  securityLevel: 'STANDARD',
  permissions: new Map(),
  permissionDivisionIds: [],
});

describe('keys', () => {
  it('encrypts tokens so that only the same key opens them, and hashes lookups deterministically', () => {
    const keys = makeKeys(randomBytes(32));
    const sealed = keys.encrypt('token-value');
    expect(sealed).not.toContain('token-value');
    expect(keys.decrypt(sealed)).toBe('token-value');
    expect(keys.encrypt('token-value')).not.toBe(sealed);
    expect(keys.lookup('a')).toBe(keys.lookup('a'));
    expect(() => makeKeys(randomBytes(32)).decrypt(sealed)).toThrow();
  });
});

describe('Authorization header', () => {
  it('reads Token and Basic in any case', () => {
    expect(parseAuthorization('TOKEN abc')).toEqual({ scheme: 'token', token: 'abc' });
    const basic = 'basic ' + Buffer.from('a@b.c:p:w').toString('base64');
    expect(parseAuthorization(basic)).toEqual({ scheme: 'basic', email: 'a@b.c', password: 'p:w' });
    expect(parseAuthorization('Bearer x')).toEqual({ scheme: 'malformed' });
    expect(parseAuthorization(undefined)).toBeUndefined();
  });
});

describe('token cache', () => {
  it('forgets a user’s tokens on invalidation and refuses stale writes', () => {
    const cache = new TokenCache(10);
    cache.set('t1', { actor: actor('c', 'u1') }, cache.begin());
    cache.set('t2', { actor: actor('c', 'u2') }, cache.begin());
    const started = cache.begin();
    cache.apply({ kind: 'user', companyId: 'c', userId: 'u1' });
    expect(cache.get('t1')).toBeUndefined();
    expect(cache.get('t2')).toBeDefined();
    cache.set('t1', { actor: actor('c', 'u1') }, started);
    expect(cache.get('t1')).toBeUndefined();
    cache.apply({ kind: 'company', companyId: 'c' });
    expect(cache.size).toBe(0);
  });

  it('stays bounded', () => {
    const cache = new TokenCache(2);
    for (const t of ['a', 'b', 'c']) cache.set(t, { actor: actor('c', t) }, cache.begin());
    expect(cache.size).toBe(2);
    expect(cache.get('a')).toBeUndefined();
  });
});
