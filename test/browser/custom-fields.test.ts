/**
 * Time-entry custom fields in the browser: an admin defines a required Text field and a Pulldown field
 * (through the API), a person adds an entry on the Time page's Day view, sees the server's error next to
 * the required input, fills it in and saves; the entry carries the values.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  browserTestsEnabled,
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

const PERSON = { email: 'grace@acme.test', password: 'cobol cobol cobol' };

/** Whether the page is wider than its viewport (something a 375 px phone would scroll sideways for). */
const overflows = (page: Page) =>
  page.evaluate<boolean>('document.documentElement.scrollWidth > window.innerWidth + 1');

describe.runIf(browserTestsEnabled())('web app: time-entry custom fields', () => {
  let server: Server;
  let browser: Browser;
  let token: string;
  let ready = false;
  let ticketId = '';
  let kindId = '';

  beforeAll(async () => {
    [server, browser] = await Promise.all([startServer('Acme Fields'), launch()]);
    token = await server.token();
    const doc = await fetch(`${server.baseUrl}/v2/openapi.json`).then(
      (r) => r.json() as Promise<{ paths: object }>,
    );
    ready = [
      '/v2/Me/TimeEntries',
      '/v2/Me/Timesheets/{timesheetID}',
      '/v2/CustomFieldDefinitions',
      '/v2/TimeEntries/CustomFieldDefinitions',
    ].every((p) => p in doc.paths);
    if (!ready) {
      console.warn(
        '*** the server has no time-entry custom fields yet: the custom-field browser tests are skipped',
      );
      return;
    }
    const client = await server.api('POST', '/v2/Clients', token, { Name: 'Globex' });
    await server.api('POST', '/v2/Jobs', token, {
      Name: 'Website',
      JobNumber: 'J-1',
      ClientID: client.body.data.ID,
    });
    await server.api('POST', '/v2/Tasks', token, { Name: 'Design' });
    const person = await server.api('POST', '/v2/Users', token, {
      Name: 'Hopper, Grace',
      Email: PERSON.email,
      Password: PERSON.password,
    });
    expect(person.status).toBe(201);

    const ticket = await server.api('POST', '/v2/CustomFieldDefinitions', token, {
      Name: 'Ticket',
      DisplayName: 'Ticket number',
      EntityType: 'TimeEntry',
      DataType: 'Text',
      IsRequired: true,
    });
    expect(ticket.status).toBe(201);
    ticketId = ticket.body.data.ID;
    const kind = await server.api('POST', '/v2/CustomFieldDefinitions', token, {
      Name: 'Kind',
      EntityType: 'TimeEntry',
      DataType: 'Pulldown',
      PulldownValues: ['Billable', 'Internal'],
    });
    expect(kind.status).toBe(201);
    kindId = kind.body.data.ID;
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('asks for the required field, saves the values and shows them in the list', async (ctx) => {
    if (!ready) ctx.skip();
    const { context, page } = await newPage(browser);
    try {
      await signIn(page, server.baseUrl, PERSON.email, PERSON.password);
      await nav(page, 'Time');
      await expect.poll(() => h1(page)).toBe('Time');
      const form = page.getByRole('form', { name: 'Add time' });
      await form.getByLabel('Job').selectOption({ label: 'Globex: J-1 - Website' });
      await form.getByLabel('Task').selectOption({ label: 'Design' });
      await form.getByLabel('Hours').fill('2');
      const ticket = form.getByLabel('Ticket number (required)');
      const kind = form.getByLabel('Kind');
      expect(await ticket.getAttribute('required')).not.toBeNull();
      await kind.selectOption('Billable');

      // Without the required field the server answers 400, shown next to its input.
      await form.getByRole('button', { name: 'Add entry' }).click();
      await expect.poll(() => ticket.getAttribute('aria-invalid')).toBe('true');
      const describedBy = (await ticket.getAttribute('aria-describedby')) ?? '';
      const errorId = describedBy.split(' ').find((id) => id.endsWith('-error'));
      expect(errorId).toBeTruthy();
      expect(await form.locator(`[id="${errorId}"]`).textContent()).toBe('Ticket number is required.');
      expect(await kind.getAttribute('aria-invalid')).toBeNull();

      await ticket.fill('PC-42');
      await form.getByRole('button', { name: 'Add entry' }).click();
      await page.getByRole('status').filter({ hasText: 'Entry added.' }).waitFor();
      const row = page.getByRole('row').filter({ hasText: 'PC-42' });
      await row.waitFor();
      expect(await row.textContent()).toContain('Kind: Billable');
      // The form is ready for the next entry.
      expect(await ticket.inputValue()).toBe('');
      await screenshot(page, 'time-custom-fields-desktop');
    } finally {
      await context.close();
    }

    const personToken = await server.token(PERSON.email, PERSON.password);
    const entries = await server.api('GET', '/v2/Me/TimeEntries', personToken);
    expect(entries.status).toBe(200);
    expect(entries.body.data).toHaveLength(1);
    expect(entries.body.data[0].Hours).toBe(2);
    expect(entries.body.data[0].CustomFields).toEqual({ [ticketId]: 'PC-42', [kindId]: 'Billable' });
  });

  it('edits the values on a phone', async (ctx) => {
    if (!ready) ctx.skip();
    const { context, page } = await newPage(browser, PHONE);
    try {
      await signIn(page, server.baseUrl, PERSON.email, PERSON.password);
      await nav(page, 'Time');
      await expect.poll(() => h1(page)).toBe('Time');
      await page.getByRole('button', { name: /^Edit entry of/ }).click();
      const form = page.getByRole('form', { name: /^Edit the entry of/ });
      const ticket = form.getByLabel('Ticket number (required)');
      expect(await ticket.inputValue()).toBe('PC-42');
      expect(await form.getByLabel('Kind').inputValue()).toBe('Billable');
      await ticket.fill('PC-43');
      await form.getByLabel('Kind').selectOption('Internal');
      await form.getByRole('button', { name: 'Save entry' }).click();
      const row = page.getByRole('row').filter({ hasText: 'PC-43' });
      await row.waitFor();
      expect(await row.textContent()).toContain('Kind: Internal');
      expect(await overflows(page)).toBe(false);
      await screenshot(page, 'time-custom-fields-phone');
    } finally {
      await context.close();
    }
    const personToken = await server.token(PERSON.email, PERSON.password);
    const entries = await server.api('GET', '/v2/Me/TimeEntries', personToken);
    expect(entries.body.data[0].CustomFields).toEqual({ [ticketId]: 'PC-43', [kindId]: 'Internal' });
  });
});
