/**
 * Browser tests: a real server process on a free port with a fresh data folder, driven by Debian's
 * Chromium through playwright-core (which never downloads a browser). Outside CI a missing
 * /usr/bin/chromium skips these suites with a loud warning; with CI=true it fails them.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { expect, inject } from 'vitest';

export const CHROMIUM = '/usr/bin/chromium';
const ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];
export const SCREENSHOTS = path.resolve('test-artifacts/screenshots');
export const DESKTOP = { width: 1280, height: 800 };
export const PHONE = { width: 375, height: 740 };

/** Whether the suites can run; throws in CI when they cannot. */
export function browserTestsEnabled(): boolean {
  const buildError = inject('webBuildError');
  if (buildError) throw new Error(`The web app could not be built for the browser tests: ${buildError}`);
  if (fs.existsSync(CHROMIUM)) return true;
  if (process.env.CI) throw new Error(`CI needs Chromium at ${CHROMIUM} (apt-get install -y chromium).`);
  console.warn(
    `\n${'*'.repeat(78)}\n*** ${CHROMIUM} is missing: the BROWSER TESTS ARE SKIPPED.\n` +
      `*** Install it with: apt-get update && apt-get install -y chromium\n${'*'.repeat(78)}\n`,
  );
  return false;
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

export interface Server {
  baseUrl: string;
  admin: { email: string; password: string; name: string };
  /** The admin's API token, via Basic on GET /v2/Me as a script would get it. */
  token(email?: string, password?: string): Promise<string>;
  api<T = any>(
    method: string,
    path: string,
    token: string,
    body?: unknown,
  ): Promise<{ status: number; body: T }>;
  stop(): Promise<void>;
  logs(): string;
}

/** Starts `punchclock serve` with a first company from the environment (DECISIONS 23). */
export async function startServer(company = 'Acme Browser'): Promise<Server> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'punchclock-browser-'));
  const port = await freePort();
  const admin = { email: 'ada@acme.test', password: 'correct horse battery', name: 'Lovelace, Ada' };
  const child: ChildProcess = spawn(process.execPath, [path.resolve('bin/punchclock.mjs'), 'serve'], {
    env: {
      ...process.env,
      DATABASE_URL: '',
      PUNCHCLOCK_DATA_DIR: dataDir,
      HOST: '127.0.0.1',
      PORT: String(port),
      LOG_LEVEL: 'warn',
      PUNCHCLOCK_COMPANY_NAME: company,
      PUNCHCLOCK_ADMIN_EMAIL: admin.email,
      PUNCHCLOCK_ADMIN_PASSWORD: admin.password,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout?.on('data', (d: Buffer) => (output += d.toString()));
  child.stderr?.on('data', (d: Buffer) => (output += d.toString()));
  const baseUrl = `http://127.0.0.1:${port}`;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  for (let i = 0; ; i++) {
    const up = await fetch(`${baseUrl}/healthz`).then(
      (r) => r.ok,
      () => false,
    );
    if (up) break;
    if (i > 300 || child.exitCode !== null) throw new Error(`The server did not start:\n${output}`);
    await new Promise((r) => setTimeout(r, 100));
  }

  const api: Server['api'] = async (method, p, token, body) => {
    const res = await fetch(`${baseUrl}${p}`, {
      method,
      headers: {
        authorization: `Token ${token}`,
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    return { status: res.status, body: await res.json() };
  };

  const server: Server = {
    baseUrl,
    admin,
    async token(email = admin.email, password = admin.password) {
      const basic = `Basic ${Buffer.from(`${email}:${password}`).toString('base64')}`;
      const res = await fetch(`${baseUrl}/v2/Me`, { headers: { authorization: basic } });
      if (!res.ok) throw new Error(`GET /v2/Me with Basic answered ${res.status}`);
      return ((await res.json()) as { data: { AuthToken: { Token: string } } }).data.AuthToken.Token;
    },
    api,
    async stop() {
      if (child.exitCode === null) {
        child.kill('SIGTERM');
        await exited;
      }
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
    logs: () => output,
  };
  // The admin's name, as it would be typed in the app.
  const token = await server.token();
  await api('PATCH', '/v2/Me', token, { Name: admin.name });
  return server;
}

export async function launch(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM, args: ARGS, headless: true });
}

export async function newPage(
  browser: Browser,
  viewport: { width: number; height: number } = DESKTOP,
): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({ viewport, locale: 'en-US', timezoneId: 'UTC' });
  const page = await context.newPage();
  page.setDefaultTimeout(10_000);
  return { context, page };
}

/** Signs in through the form and waits for the signed-in layout. */
export async function signIn(page: Page, baseUrl: string, email: string, password: string): Promise<void> {
  await page.goto(`${baseUrl}/`);
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('banner').waitFor();
}

export async function screenshot(page: Page, name: string): Promise<string> {
  fs.mkdirSync(SCREENSHOTS, { recursive: true });
  const file = path.join(SCREENSHOTS, `${name}.png`);
  await page.screenshot({ path: file, fullPage: true });
  return file;
}

/** The text of the page's h1 (for expect.poll). */
export const h1 = (page: Page) => page.locator('h1').first().textContent();

/** Follows a link of the main navigation (opening the phone menu first when it is closed). */
export async function nav(page: Page, name: string): Promise<void> {
  const toggle = page.getByRole('button', { name: 'Menu' });
  if ((await toggle.isVisible()) && (await toggle.getAttribute('aria-expanded')) === 'false')
    await toggle.click();
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name, exact: true }).click();
  await expect.poll(() => h1(page)).not.toBe('');
}
