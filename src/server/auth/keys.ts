/**
 * The server's secret key. Tokens are kept encrypted at rest under it and found through a keyed hash
 * (DECISIONS 14). With no PUNCHCLOCK_SECRET_KEY the key is generated once and kept in the data folder
 * (DECISIONS 22); every process sharing a PostgreSQL database must be given the same key.
 */
import fs from 'node:fs';
import path from 'node:path';
import { createCipheriv, createDecipheriv, createHmac, hkdfSync, randomBytes } from 'node:crypto';

export interface Keys {
  /** HMAC-SHA256 under the lookup key, hex: the stored lookup value for a token or invitation. */
  lookup(secret: string): string;
  encrypt(plain: string): string;
  decrypt(sealed: string): string;
}

function decodeKey(material: string): Buffer {
  const trimmed = material.trim();
  const buf = /^[0-9a-f]{64,}$/i.test(trimmed) ? Buffer.from(trimmed, 'hex') : Buffer.from(trimmed, 'base64');
  if (buf.length < 32) throw new Error('PUNCHCLOCK_SECRET_KEY must hold at least 32 bytes (hex or base64)');
  return buf;
}

/** Reads the key from the environment value, else from dataDir/secret.key, creating it on first run. */
export function loadKeyMaterial(secretKey: string | undefined, dataDir: string): Buffer {
  if (secretKey) return decodeKey(secretKey);
  const file = path.join(dataDir, 'secret.key');
  fs.mkdirSync(dataDir, { recursive: true });
  try {
    return decodeKey(fs.readFileSync(file, 'utf8'));
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
  const fresh = randomBytes(32).toString('base64');
  try {
    // 'wx' fails if another process created it first; then we read theirs.
    fs.writeFileSync(file, fresh + '\n', { mode: 0o600, flag: 'wx' });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
  }
  return decodeKey(fs.readFileSync(file, 'utf8'));
}

export function makeKeys(material: Buffer): Keys {
  const derive = (info: string) => Buffer.from(hkdfSync('sha256', material, Buffer.alloc(0), info, 32));
  const lookupKey = derive('punchclock token lookup v1');
  const encKey = derive('punchclock token encryption v1');
  return {
    lookup: (secret) => createHmac('sha256', lookupKey).update(secret).digest('hex'),
    encrypt(plain) {
      const iv = randomBytes(12);
      const cipher = createCipheriv('aes-256-gcm', encKey, iv);
      const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
      return `v1.${iv.toString('base64url')}.${body.toString('base64url')}.${cipher.getAuthTag().toString('base64url')}`;
    },
    decrypt(sealed) {
      const [version, iv, body, tag] = sealed.split('.');
      if (version !== 'v1' || !iv || !body || !tag) throw new Error('unreadable sealed value');
      const decipher = createDecipheriv('aes-256-gcm', encKey, Buffer.from(iv, 'base64url'));
      decipher.setAuthTag(Buffer.from(tag, 'base64url'));
      return Buffer.concat([decipher.update(Buffer.from(body, 'base64url')), decipher.final()]).toString(
        'utf8',
      );
    },
  };
}
