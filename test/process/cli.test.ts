/**
 * The `punchclock` command and a real listening server, as a new user runs them.
 */
import { execFile, spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import SQLite from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';

const run = promisify(execFile);
const bin = path.resolve('bin/punchclock.mjs');
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'punchclock-cli-'));
const env = { ...process.env, PUNCHCLOCK_DATA_DIR: dataDir, DATABASE_URL: '' };

const cli = async (...args: string[]) => run('node', [bin, ...args], { env });

afterAll(() => fs.rmSync(dataDir, { recursive: true, force: true }));

describe('punchclock CLI', () => {
  it('creates companies and prints exactly the fields of DECISIONS 23 with --json', async () => {
    const { stdout } = await cli(
      'company',
      'create',
      '--name',
      'Acme',
      '--admin-email',
      'boss@acme.test',
      '--admin-password',
      'a strong one',
      '--json',
    );
    const result = JSON.parse(stdout) as Record<string, string>;
    expect(Object.keys(result).sort()).toEqual(['CompanyID', 'Email', 'Token', 'UserID']);
    expect(result.Email).toBe('boss@acme.test');
    expect(result.Token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    const second = JSON.parse(
      (
        await cli(
          'company',
          'create',
          '--name',
          'Globex',
          '--admin-email',
          'hank@globex.test',
          '--admin-password',
          'another strong',
          '--json',
        )
      ).stdout,
    );
    expect(second.CompanyID).not.toBe(result.CompanyID);
  });

  it('refuses a duplicate email and missing options with a non-zero exit and a message', async () => {
    await expect(
      cli(
        'company',
        'create',
        '--name',
        'Again',
        '--admin-email',
        'BOSS@acme.test',
        '--admin-password',
        'a strong one',
      ),
    ).rejects.toMatchObject({
      code: 1,
      stderr: expect.stringContaining('already used'),
    });
    await expect(cli('company', 'create', '--name', 'Nope')).rejects.toMatchObject({
      code: 2,
      stderr: expect.stringContaining('--admin-email'),
    });
    await expect(cli('frobnicate')).rejects.toMatchObject({ code: 2 });
  });

  it('creates a user, sets a password and resets a token', async () => {
    const company = JSON.parse(
      (
        await cli(
          'company',
          'create',
          '--name',
          'Initech',
          '--admin-email',
          'bill@initech.test',
          '--admin-password',
          'tps reports',
          '--json',
        )
      ).stdout,
    );
    const user = JSON.parse(
      (
        await cli(
          'user',
          'create',
          '--company-id',
          company.CompanyID,
          '--name',
          'Gibbons, Peter',
          '--email',
          'peter@initech.test',
          '--json',
        )
      ).stdout,
    );
    expect(user.Invitation).toMatch(/\/invite\//);
    await cli('user', 'set-password', '--email', 'peter@initech.test', '--password', 'no more tps');
    const reset = JSON.parse((await cli('token', 'reset', '--email', 'bill@initech.test', '--json')).stdout);
    expect(reset.Token).not.toBe(company.Token);
  });

  it('checks the report rollups against the entries and rebuilds them', async () => {
    const ok = JSON.parse((await cli('rollups', 'check', '--json')).stdout);
    expect(ok).toEqual({ ok: true, mismatches: [] });
    // A rollup row with no entries behind it: what a hand edit of the database could leave.
    const db = new SQLite(path.join(dataDir, 'punchclock.sqlite'));
    db.prepare(
      `insert into time_rollup_days (company_id, date, n, n_billable, hours, billable_hours, billings, cost, billable_cost)
       values ('nobody', '2026-01-05', 1, 0, 10000, 0, 0, 0, 0)`,
    ).run();
    db.close();
    await expect(cli('rollups', 'check')).rejects.toMatchObject({
      code: 1,
      stdout: expect.stringContaining('time_rollup_days nobody|2026-01-05'),
    });
    expect((await cli('rollups', 'rebuild')).stdout).toContain('rebuilt');
    expect((await cli('rollups', 'check')).stdout).toContain('agree');
  });

  it('applies migrations on demand', async () => {
    const { stdout } = await cli('migrate');
    expect(stdout).toMatch(/up to date|applied/);
  });
});

describe('punchclock serve', () => {
  it('serves the ClickTime flow on a real port and shuts down cleanly on SIGTERM', async () => {
    const port = 20000 + Math.floor(Math.random() * 20000);
    const child = spawn('node', [bin, 'serve'], {
      env: { ...env, PORT: String(port), LOG_LEVEL: 'warn' },
      stdio: 'pipe',
    });
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    const base = `http://127.0.0.1:${port}`;
    try {
      for (let i = 0; i < 100; i++) {
        const ok = await fetch(`${base}/healthz`).then(
          (r) => r.ok,
          () => false,
        );
        if (ok) break;
        await new Promise((r) => setTimeout(r, 100));
      }
      const basic = 'Basic ' + Buffer.from('boss@acme.test:a strong one').toString('base64');
      const me = await fetch(`${base}/v2/me`, { headers: { authorization: basic } }).then((r) => r.json());
      const token = me.data.AuthToken.Token as string;
      const users = await fetch(`${base}/v2/Users?limit=10`, {
        headers: { authorization: `Token ${token}` },
      });
      expect(users.status).toBe(200);
      const body = await users.json();
      expect(body.page.links.self).toBe(`${base}/v2/Users?limit=10&offset=0`);
      const reset = await fetch(`${base}/v2/Me/ResetAuthToken`, {
        method: 'POST',
        headers: { authorization: basic },
      });
      expect(reset.status).toBe(200);
      expect((await fetch(`${base}/v2/Users`, { headers: { authorization: `Token ${token}` } })).status).toBe(
        401,
      );
    } finally {
      const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
      child.kill('SIGTERM');
      expect(await exited).toBe(0);
    }
    expect(stderr).not.toMatch(/Error/);
  });
});

describe('bootstrap from the environment', () => {
  it('creates the first company on first start from PUNCHCLOCK_COMPANY_NAME and friends', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'punchclock-boot-'));
    const port = 20000 + Math.floor(Math.random() * 20000);
    const child = spawn('node', [bin, 'serve'], {
      env: {
        ...process.env,
        DATABASE_URL: '',
        PUNCHCLOCK_DATA_DIR: dir,
        PORT: String(port),
        LOG_LEVEL: 'warn',
        PUNCHCLOCK_COMPANY_NAME: 'Booted',
        PUNCHCLOCK_ADMIN_EMAIL: 'root@booted.test',
        PUNCHCLOCK_ADMIN_PASSWORD: 'booted password',
      },
      stdio: 'pipe',
    });
    try {
      for (let i = 0; i < 100; i++) {
        if (
          await fetch(`http://127.0.0.1:${port}/healthz`).then(
            (r) => r.ok,
            () => false,
          )
        )
          break;
        await new Promise((r) => setTimeout(r, 100));
      }
      const basic = 'Basic ' + Buffer.from('root@booted.test:booted password').toString('base64');
      const company = await fetch(`http://127.0.0.1:${port}/v2/Me`, { headers: { authorization: basic } });
      expect(company.status).toBe(200);
      expect(fs.existsSync(path.join(dir, 'secret.key'))).toBe(true);
      expect(fs.existsSync(path.join(dir, 'punchclock.sqlite'))).toBe(true);
    } finally {
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      await exited;
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
