import { randomBytes } from 'node:crypto';

/** An opaque, URL-safe, unguessable ID: 18 random bytes (144 bits) as 24 base64url characters. */
export function newId(): string {
  return randomBytes(18).toString('base64url');
}

/** An API token: 32 random bytes (256 bits) as 43 base64url characters (DECISIONS 14). */
export function newToken(): string {
  return randomBytes(32).toString('base64url');
}

export type IdSource = () => string;
