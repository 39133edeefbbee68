/**
 * Signing in and out, and the Authentication Token tab of My Preferences (DECISIONS 14, 17).
 */
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  browserTestsEnabled,
  h1,
  nav,
  launch,
  newPage,
  signIn,
  startServer,
  type Server,
} from './support.js';

describe.runIf(browserTestsEnabled())('web app: session and API token', () => {
  let server: Server;
  let browser: Browser;
  beforeAll(async () => {
    [server, browser] = await Promise.all([startServer(), launch()]);
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('refuses a wrong password in words, signs in, survives a reload and signs out', async () => {
    const { context, page } = await newPage(browser);
    try {
      await page.goto(`${server.baseUrl}/preferences`);
      await expect.poll(() => h1(page)).toBe('Sign in');
      await page.getByLabel('Email').fill(server.admin.email);
      await page.getByLabel('Password').fill('not my password');
      await page.getByRole('button', { name: 'Sign in' }).click();
      await page.getByRole('alert').filter({ hasText: 'The email or password is not correct.' }).waitFor();

      await page.getByLabel('Password').fill(server.admin.password);
      await page.getByRole('button', { name: 'Sign in' }).click();
      // Back on the page that was asked for.
      await expect.poll(() => h1(page)).toBe('My Preferences');
      expect(await page.getByLabel('Name').inputValue()).toBe(server.admin.name);

      await page.reload();
      await expect.poll(() => h1(page)).toBe('My Preferences');

      await page.getByRole('button', { name: 'Sign out' }).click();
      await expect.poll(() => h1(page)).toBe('Sign in');
      await page.getByRole('status').filter({ hasText: 'You have signed out.' }).waitFor();
      await page.reload();
      await expect.poll(() => h1(page)).toBe('Sign in');
    } finally {
      await context.close();
    }
  });

  it('signs in with the keyboard alone, and says politely when sign-in is paused after failures', async () => {
    const token = await server.token();
    await server.api('POST', '/v2/Users', token, {
      Name: 'Keys, Kim',
      Email: 'kim@acme.test',
      Password: 'keyboard only please',
    });
    const { context, page } = await newPage(browser);
    try {
      await page.goto(`${server.baseUrl}/`);
      await expect.poll(() => h1(page)).toBe('Sign in');
      // Tab order: Email, Password, Sign in.
      await page.keyboard.press('Tab');
      await page.keyboard.type('kim@acme.test');
      await page.keyboard.press('Tab');
      await page.keyboard.type('keyboard only please');
      await page.keyboard.press('Enter');
      await expect.poll(() => h1(page)).toBe('Hello, Kim');
      // Focus moves to the page's heading, so a screen reader announces where you are.
      await expect.poll(() => page.evaluate('document.activeElement.textContent')).toBe('Hello, Kim');
      // On a fresh load the skip link is the first stop and leads to the page's content.
      await page.reload();
      await expect.poll(() => h1(page)).toBe('Hello, Kim');
      await page.keyboard.press('Tab');
      expect(await page.evaluate('document.activeElement.textContent')).toBe('Skip to main content');
      await page.keyboard.press('Enter');
      expect(await page.evaluate('document.activeElement.id')).toBe('main');
      await page.getByRole('button', { name: 'Sign out' }).click();
      await expect.poll(() => h1(page)).toBe('Sign in');

      // Ten failed checks for one account pause it (DECISIONS 15); the form says so in words.
      for (let i = 0; i < 10; i++) {
        await fetch(`${server.baseUrl}/web/session`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ Email: 'kim@acme.test', Password: `wrong ${i}` }),
        });
      }
      await page.getByLabel('Email').fill('kim@acme.test');
      await page.getByLabel('Password').fill('keyboard only please');
      await page.getByRole('button', { name: 'Sign in' }).click();
      const alert = page.getByRole('alert');
      await alert
        .filter({ hasText: /Too many attempts\. Please wait \d+ (minutes|seconds) and try again\./ })
        .waitFor();
    } finally {
      await context.close();
    }
  });

  it('shows the API token, resets it after the password, and the API refuses the old one at once', async () => {
    const oldToken = await server.token();
    expect((await server.api('GET', '/v2/Me', oldToken)).status).toBe(200);

    const { context, page } = await newPage(browser);
    try {
      await signIn(page, server.baseUrl, server.admin.email, server.admin.password);
      await nav(page, 'My Preferences');
      await page.getByRole('link', { name: 'Authentication Token' }).click();
      const field = page.getByLabel('Token', { exact: true });
      await expect.poll(() => field.inputValue()).toBe(oldToken);
      await page.getByRole('button', { name: 'Show' }).click();
      expect(await field.getAttribute('type')).toBe('text');

      // A wrong password is refused next to the field, and nothing changes.
      await page.getByLabel('Your password').fill('wrong password');
      await page.getByRole('button', { name: 'Reset token' }).click();
      await page.getByText('The password is not correct.').waitFor();
      expect((await server.api('GET', '/v2/Me', oldToken)).status).toBe(200);

      await page.getByLabel('Your password').fill(server.admin.password);
      await page.getByRole('button', { name: 'Reset token' }).click();
      await page.getByRole('status').filter({ hasText: 'Your new token is ready' }).waitFor();
      const newToken = await field.inputValue();
      expect(newToken).not.toBe(oldToken);
      expect(newToken).toMatch(/^[\w-]{43}$/);

      const refused = await server.api('GET', '/v2/Me', oldToken);
      expect(refused.status).toBe(401);
      const accepted = await server.api('GET', '/v2/Me', newToken);
      expect(accepted.status).toBe(200);
      expect(accepted.body.data.Email).toBe(server.admin.email);
    } finally {
      await context.close();
    }
  });
  it('moves focus to the new page’s title, but not away from a field the person has already chosen', async () => {
    const { context, page } = await newPage(browser);
    try {
      await signIn(page, server.baseUrl, server.admin.email, server.admin.password);
      // Fake timers from here on: the page's delayed "focus the title" runs exactly when told.
      await page.clock.install();
      await nav(page, 'My Preferences');
      await expect.poll(() => h1(page)).toBe('My Preferences');
      const name = page.getByLabel('Name');
      await name.waitFor();
      await name.click();
      await page.clock.runFor(1000);
      expect(await name.evaluate((el) => el === document.activeElement)).toBe(true);
      // Without a field chosen, the title takes focus (for screen readers) once the page is there.
      await nav(page, 'Time');
      await page.clock.runFor(1000);
      expect(await page.evaluate(() => document.activeElement?.id)).toBe('page-title');
    } finally {
      await context.close();
    }
  });
});
