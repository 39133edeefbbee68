/**
 * Time in the browser: a person logs time and submits the timesheet; their approver approves it on the
 * Approvals page.
 */
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  browserTestsEnabled,
  h1,
  launch,
  nav,
  newPage,
  PHONE,
  signIn,
  startServer,
  type Server,
} from './support.js';

describe.runIf(browserTestsEnabled())('web app: time and approvals', () => {
  let server: Server;
  let browser: Browser;
  let token: string;
  let ready = false;
  beforeAll(async () => {
    [server, browser] = await Promise.all([startServer('Acme Time'), launch()]);
    token = await server.token();
    const doc = await fetch(`${server.baseUrl}/v2/openapi.json`).then(
      (r) => r.json() as Promise<{ paths: object }>,
    );
    ready = ['/v2/Me/TimeEntries', '/v2/Me/Timesheets/{timesheetID}', '/v2/Timesheets', '/v2/Jobs'].every(
      (p) => p in doc.paths,
    );
    if (!ready) {
      console.warn(
        '*** the server has no time-entry or timesheet API yet: the time browser tests are skipped',
      );
      return;
    }
    const me = await server.api('GET', '/v2/Me', token);
    const client = await server.api('POST', '/v2/Clients', token, { Name: 'Globex' });
    await server.api('POST', '/v2/Jobs', token, {
      Name: 'Website',
      JobNumber: 'J-1',
      ClientID: client.body.data.ID,
    });
    await server.api('POST', '/v2/Tasks', token, { Name: 'Design' });
    const person = await server.api('POST', '/v2/Users', token, {
      Name: 'Turing, Alan',
      Email: 'alan@acme.test',
      Password: 'enigma enigma',
      SubjectToTimesheetApproval: true,
      TimesheetApproverID: me.body.data.ID,
    });
    expect(person.status).toBe(201);
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('logs time on a phone, submits the timesheet, and the approver approves it', async (ctx) => {
    if (!ready) ctx.skip();
    const person = await newPage(browser, PHONE);
    try {
      const page = person.page;
      await signIn(page, server.baseUrl, 'alan@acme.test', 'enigma enigma');
      await nav(page, 'Time');
      await expect.poll(() => h1(page)).toBe('Time');
      const form = page.getByRole('form', { name: 'Add time' });
      await form.getByLabel('Job').selectOption({ label: 'Globex: J-1 - Website' });
      await form.getByLabel('Task').selectOption({ label: 'Design' });
      await form.getByLabel('Hours').fill('3.5');
      await form.getByLabel(/Comment/).fill('Wireframes');
      await form.getByRole('button', { name: 'Add entry' }).click();
      await page.getByRole('cell', { name: 'Wireframes' }).waitFor();
      await page.getByRole('heading', { name: 'Total: 3.50 hours' }).waitFor();

      await page.getByRole('button', { name: 'Submit timesheet' }).click();
      await page.getByRole('status').filter({ hasText: 'Your timesheet is submitted.' }).waitFor();
      await page.getByText('Submitted', { exact: true }).first().waitFor();
      // A submitted timesheet cannot change.
      expect(await page.getByRole('button', { name: 'Add entry' }).count()).toBe(0);
    } finally {
      await person.context.close();
    }

    const approver = await newPage(browser);
    try {
      const page = approver.page;
      await signIn(page, server.baseUrl, server.admin.email, server.admin.password);
      await nav(page, 'Approvals');
      const card = page.getByRole('article', { name: /^Turing, Alan:/ });
      await card.getByText('3.50 hours').waitFor();
      await card.getByRole('button', { name: 'Show entries' }).click();
      await card.getByText(/Wireframes/).waitFor();
      await card.getByRole('button', { name: 'Approve' }).click();
      await page.getByText('No timesheets are waiting.').waitFor();
    } finally {
      await approver.context.close();
    }

    const sheets = await server.api('GET', '/v2/Timesheets?Status=Approved', token);
    expect(sheets.body.data).toHaveLength(1);
  });
});
