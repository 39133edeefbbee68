/**
 * Time off and Reports in the browser: balances and a request that is then cancelled; the hours chart by
 * job and by person, and the CSV/XLSX downloads.
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

describe.runIf(browserTestsEnabled())('web app: time off and reports', () => {
  let server: Server;
  let browser: Browser;
  let token: string;
  let paths: Record<string, unknown> = {};
  beforeAll(async () => {
    [server, browser] = await Promise.all([startServer('Acme Reports'), launch()]);
    token = await server.token();
    paths = (
      await fetch(`${server.baseUrl}/v2/openapi.json`).then((r) => r.json() as Promise<{ paths: object }>)
    ).paths as Record<string, unknown>;
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  for (const [name, viewport] of [
    ['desktop', DESKTOP],
    ['phone', PHONE],
  ] as const) {
    it(`asks for time off and cancels it (${name})`, async (ctx) => {
      if (!('/v2/Me/TimeOffRequests' in paths)) ctx.skip();
      const { context, page } = await newPage(browser, viewport);
      try {
        await signIn(page, server.baseUrl, server.admin.email, server.admin.password);
        await nav(page, 'Time off');
        await expect.poll(() => h1(page)).toBe('Time off');
        await page.getByRole('region', { name: 'Balances' }).getByText('Vacation').waitFor();
        const form = page.getByRole('form', { name: 'Ask for time off' });
        await form.getByLabel('Type').selectOption({ label: 'Vacation' });
        await form.getByLabel('From').fill('2026-12-07');
        await form.getByLabel('To').fill('2026-12-13');
        await form.getByLabel('Hours per day').fill('4');
        await form.getByLabel('Notes (optional)').fill(`Family visit ${name}`);
        await form.getByText('5 days.').waitFor();
        await form.getByRole('button', { name: 'Send request' }).click();
        await page.getByRole('status').filter({ hasText: 'Your request is sent.' }).waitFor();
        const row = page.getByRole('row').filter({ hasText: `Family visit ${name}` });
        await row.getByText('Submitted').waitFor();
        expect(await row.textContent()).toContain('20.00');
        await screenshot(page, `time-off-${name}`);
        page.once('dialog', (d) => void d.accept());
        await row.getByRole('button', { name: /Cancel/ }).click();
        await row.getByText('Cancelled').waitFor();
        const list = await server.api('GET', '/v2/Me/TimeOffRequests?Status=Cancelled', token);
        expect(list.body.data.length).toBeGreaterThan(0);
      } finally {
        await context.close();
      }
    });
  }

  it('charts hours by job and by person and links the exports', async (ctx) => {
    if (!('/v2/Reports/TimeSummary' in paths) || !('/v2/Reports/Time.csv' in paths)) ctx.skip();
    const client = await server.api('POST', '/v2/Clients', token, { Name: 'Umbrella' });
    const jobs = [];
    for (const [name, no] of [
      ['Research', 'R-1'],
      ['Outreach', 'O-1'],
    ]) {
      jobs.push(
        (
          await server.api('POST', '/v2/Jobs', token, {
            Name: name,
            JobNumber: no,
            ClientID: client.body.data.ID,
          })
        ).body.data.ID,
      );
    }
    const task = (await server.api('POST', '/v2/Tasks', token, { Name: 'Work' })).body.data.ID;
    const today = new Date().toISOString().slice(0, 10);
    const made = await server.api('POST', '/v2/Me/TimeEntries', token, [
      { Date: today, JobID: jobs[0], TaskID: task, Hours: 6 },
      { Date: today, JobID: jobs[1], TaskID: task, Hours: 2.5 },
    ]);
    expect(made.status).toBeLessThan(300);

    for (const [name, viewport] of [
      ['desktop', DESKTOP],
      ['phone', PHONE],
    ] as const) {
      const { context, page } = await newPage(browser, viewport);
      try {
        await signIn(page, server.baseUrl, server.admin.email, server.admin.password);
        await nav(page, 'Reports');
        const chart = page.getByRole('region', { name: 'Hours by job' });
        await chart.getByRole('img', { name: /Hours by job/ }).waitFor();
        await expect.poll(() => chart.locator('svg rect').count()).toBe(2);
        expect(await chart.locator('svg').textContent()).toContain('6.00');
        await chart.getByLabel('Group by').selectOption({ label: 'Person' });
        await page
          .getByRole('region', { name: 'Hours by person' })
          .getByRole('cell', { name: '8.50' })
          .waitFor();
        await page.getByLabel('Group by').selectOption({ label: 'Job' });
        const downloads = page.getByRole('region', { name: 'Downloads' });
        const csv = await downloads.getByRole('link', { name: 'Time report (CSV)' }).getAttribute('href');
        expect(csv).toMatch(/^\/v2\/Reports\/Time\.csv\?StartDate=/);
        // The session cookie is enough to download.
        const got = await page.evaluate(async (href) => {
          const r = await fetch(href!);
          return { status: r.status, type: r.headers.get('content-type'), text: await r.text() };
        }, csv);
        expect(got.status).toBe(200);
        expect(got.text).toContain('Research');
        const xlsx = await downloads.getByRole('link', { name: 'Time report (XLSX)' }).getAttribute('href');
        const status = await page.evaluate(async (href) => (await fetch(href!)).status, xlsx);
        expect(status).toBe(200);
        await screenshot(page, `reports-chart-${name}`);
      } finally {
        await context.close();
      }
    }
  });
});
