/**
 * Time-off approvals in the browser: a person asks for time off, the manager who approves their time off
 * (TimeOffApproverID, Approve Time Off) approves it on the Approvals page and the person's balance drops;
 * a second request is rejected with a comment (required) that the person then reads.
 */
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  browserTestsEnabled,
  DESKTOP,
  h1,
  launch,
  nav,
  newPage,
  PHONE,
  screenshot,
  signIn,
  startServer,
  type Server,
} from './support.js';

/** The Monday two weeks before today (UTC) and the day after: past days, so they count in CurrentBalance. */
function pastWeekdays(): [string, string] {
  const d = new Date();
  d.setUTCDate(d.getUTCDate() - 14);
  d.setUTCDate(d.getUTCDate() - ((d.getUTCDay() + 6) % 7));
  const monday = d.toISOString().slice(0, 10);
  d.setUTCDate(d.getUTCDate() + 1);
  return [monday, d.toISOString().slice(0, 10)];
}

describe.runIf(browserTestsEnabled())('web app: time-off approvals', () => {
  let server: Server;
  let browser: Browser;
  let admin: string;
  let vacation: string;
  let paths: Record<string, unknown> = {};
  const manager = { email: 'mona@acme.test', password: 'manager pass word', name: 'Manager, Mona' };
  const pat = { email: 'pat@acme.test', password: 'person pass word', name: 'Person, Pat' };
  let patToken: string;

  beforeAll(async () => {
    [server, browser] = await Promise.all([startServer('Acme Approvals'), launch()]);
    admin = await server.token();
    paths = (
      await fetch(`${server.baseUrl}/v2/openapi.json`).then((r) => r.json() as Promise<{ paths: object }>)
    ).paths as Record<string, unknown>;
    if (!('/v2/Manage/TimeOffRequests' in paths)) return;
    const types = await server.api('GET', '/v2/TimeOffTypes', admin);
    vacation = types.body.data.find((x: { Name: string }) => x.Name === 'Vacation').ID;
    const patched = await server.api('PATCH', `/v2/TimeOffTypes/${vacation}`, admin, {
      RequiresApproval: true,
      // The type's default approver is the Admin; Pat's own approver (TimeOffApproverID) is Mona.
      DefaultApproverID: (await server.api('GET', '/v2/Me', admin)).body.data.ID,
      DefaultStartingBalance: 80,
    });
    expect(patched.status, JSON.stringify(patched.body)).toBe(200);
    const m = await server.api('POST', '/v2/Users', admin, {
      Name: manager.name,
      Email: manager.email,
      Password: manager.password,
      SecurityLevel: 'MANAGER',
    });
    expect(m.status, JSON.stringify(m.body)).toBe(201);
    const perms = await server.api('PUT', `/v2/Users/${m.body.data.ID}/Permissions`, admin, [
      { Name: 'Approve Time Off', AccessLevel: 'Divisions' },
    ]);
    expect(perms.status, JSON.stringify(perms.body)).toBe(200);
    const year = new Date().getUTCFullYear() - 1;
    const p = await server.api('POST', '/v2/Users', admin, {
      Name: pat.name,
      Email: pat.email,
      Password: pat.password,
      TimeOffApproverID: m.body.data.ID,
      StartDate: `${year}-01-01`,
    });
    expect(p.status, JSON.stringify(p.body)).toBe(201);
    patToken = await server.token(pat.email, pat.password);
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  const balance = async () =>
    (await server.api('GET', `/v2/Me/TimeOffTypes/${vacation}`, patToken)).body.data.CurrentBalance as number;

  it('a person asks for time off, their manager approves it and the balance drops', async (ctx) => {
    if (!('/v2/Manage/TimeOffRequests' in paths)) ctx.skip();
    const [from, to] = pastWeekdays();
    const before = await balance();

    // The person asks.
    const person = await newPage(browser, DESKTOP);
    try {
      await signIn(person.page, server.baseUrl, pat.email, pat.password);
      await nav(person.page, 'Time off');
      const form = person.page.getByRole('form', { name: 'Ask for time off' });
      await form.getByLabel('Type').selectOption({ label: 'Vacation' });
      await form.getByLabel('From').fill(from);
      await form.getByLabel('To').fill(to);
      await form.getByLabel('Hours per day').fill('4');
      await form.getByLabel('Notes (optional)').fill('Dentist and rest');
      await form.getByRole('button', { name: 'Send request' }).click();
      await person.page.getByRole('status').filter({ hasText: 'Your request is sent.' }).waitFor();
      await person.page
        .getByRole('row')
        .filter({ hasText: 'Dentist and rest' })
        .getByText('Submitted')
        .waitFor();
    } finally {
      await person.context.close();
    }

    // The manager approves on the Approvals page.
    const { context, page } = await newPage(browser, DESKTOP);
    try {
      await signIn(page, server.baseUrl, manager.email, manager.password);
      await nav(page, 'Approvals');
      await expect.poll(() => h1(page)).toBe('Approvals');
      const section = page.getByRole('region', { name: 'Time-off requests' });
      const card = section.getByRole('article', { name: /Person, Pat: Vacation/ });
      await card.waitFor();
      // The app moves focus to the page title again 300 ms after a navigation: let that happen first.
      await page.waitForTimeout(400);
      // Without the timesheet and expense permissions those sections say so calmly: no alerts.
      await page.getByText('Loading timesheets…').waitFor({ state: 'detached' });
      await page.getByText('Loading expense sheets…').waitFor({ state: 'detached' });
      expect(await page.getByRole('alert').count()).toBe(0);
      const text = await card.textContent();
      expect(text).toContain('8.00 hours over 2 days');
      expect(text).toContain('Notes: Dentist and rest');
      await card.getByRole('button', { name: 'Show days' }).click();
      await card.getByRole('listitem').first().waitFor();
      expect(await card.getByRole('listitem').count()).toBe(2);
      await screenshot(page, 'approvals-time-off-desktop');
      await card.getByRole('button', { name: 'Approve' }).click();
      await section
        .getByRole('status')
        .filter({ hasText: 'Approved the vacation of Person, Pat.' })
        .waitFor();
      await section.getByText('No time-off requests are waiting.').waitFor();
      // Focus moves to the section's heading, not to the body.
      expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Time-off requests');
    } finally {
      await context.close();
    }

    expect(await balance()).toBeCloseTo(before - 8, 5);
    const again = await newPage(browser, DESKTOP);
    try {
      await signIn(again.page, server.baseUrl, pat.email, pat.password);
      await nav(again.page, 'Time off');
      await again.page
        .getByRole('row')
        .filter({ hasText: 'Dentist and rest' })
        .getByText('Approved')
        .waitFor();
      const balances = again.page.getByRole('region', { name: 'Balances' });
      await balances.getByText(`${(before - 8).toFixed(2)} h`).waitFor();
    } finally {
      await again.context.close();
    }
  });

  it('rejects a request only with a comment, which the person then reads (phone)', async (ctx) => {
    if (!('/v2/Manage/TimeOffRequests' in paths)) ctx.skip();
    const [from] = pastWeekdays();
    const made = await server.api('POST', '/v2/Me/TimeOffRequests', patToken, {
      TimeOffTypeID: vacation,
      Notes: 'Long weekend',
      Dates: [{ Date: from, Hours: 2 }],
    });
    expect(made.status, JSON.stringify(made.body)).toBe(201);

    const { context, page } = await newPage(browser, PHONE);
    try {
      await signIn(page, server.baseUrl, manager.email, manager.password);
      await nav(page, 'Approvals');
      const card = page
        .getByRole('region', { name: 'Time-off requests' })
        .getByRole('article', { name: /Person, Pat: Vacation/ });
      await card.waitFor();
      // The app moves focus to the page title again 300 ms after a navigation: let that happen first.
      await page.waitForTimeout(400);
      // No horizontal scrolling at 375 px.
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);
      await card.getByRole('button', { name: 'Reject' }).click();
      const comment = card.getByLabel('Comment');
      await card.getByText('Write a comment to reject').waitFor();
      expect(await comment.getAttribute('aria-invalid')).toBe('true');
      expect(await comment.evaluate((el) => el === document.activeElement)).toBe(true);
      await screenshot(page, 'approvals-time-off-phone');
      // Keyboard only: type the comment, then Tab to Reject and press Enter.
      await comment.fill('We are short-staffed that week');
      await page.keyboard.press('Tab');
      await page.keyboard.press('Tab');
      expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Reject');
      await page.keyboard.press('Enter');
      await page.getByRole('status').filter({ hasText: 'Rejected the vacation of Person, Pat.' }).waitFor();
    } finally {
      await context.close();
    }

    const person = await newPage(browser, PHONE);
    try {
      await signIn(person.page, server.baseUrl, pat.email, pat.password);
      await nav(person.page, 'Time off');
      const row = person.page.getByRole('row').filter({ hasText: 'Long weekend' });
      await row.getByText('Rejected').waitFor();
      await row.getByText('“We are short-staffed that week”').waitFor();
    } finally {
      await person.context.close();
    }
  });
});
