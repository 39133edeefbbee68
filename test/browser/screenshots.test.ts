/**
 * The main pages at desktop (1280×800) and phone (375×740) sizes, saved to test-artifacts/screenshots/,
 * with basic accessibility checks on each: one h1, every form control labelled, nothing wider than the
 * viewport.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  browserTestsEnabled,
  DESKTOP,
  h1,
  launch,
  newPage,
  PHONE,
  screenshot,
  signIn,
  startServer,
  type Server,
} from './support.js';

/** Problems a person with a screen reader or a phone would hit on this page. */
async function accessibilityProblems(page: Page): Promise<string[]> {
  return page.evaluate(`(() => {
    const problems = [];
    const h1s = document.querySelectorAll('h1');
    if (h1s.length !== 1) problems.push(h1s.length + ' h1 elements');
    for (const el of document.querySelectorAll('input, select, textarea')) {
      if (el.type === 'hidden') continue;
      const labelled = (el.labels && el.labels.length > 0) || el.getAttribute('aria-label') || el.getAttribute('aria-labelledby');
      if (!labelled) problems.push('unlabelled ' + el.tagName.toLowerCase() + (el.name ? ' ' + el.name : ''));
    }
    for (const el of document.querySelectorAll('button, a[href]')) {
      if (!(el.textContent || '').trim() && !el.getAttribute('aria-label')) problems.push('nameless ' + el.tagName.toLowerCase());
    }
    const ids = new Map();
    for (const el of document.querySelectorAll('[id]')) ids.set(el.id, (ids.get(el.id) || 0) + 1);
    for (const [id, n] of ids) if (n > 1) problems.push('duplicate id ' + id);
    if (document.documentElement.scrollWidth > window.innerWidth + 1) {
      problems.push('page is ' + document.documentElement.scrollWidth + 'px wide in a ' + window.innerWidth + 'px viewport');
    }
    return problems;
  })()`);
}

describe.runIf(browserTestsEnabled())('web app: main pages at desktop and phone sizes', () => {
  let server: Server;
  let browser: Browser;
  let token: string;
  let personId: string;
  let sheetId: string | null = null;

  beforeAll(async () => {
    [server, browser] = await Promise.all([startServer('Acme Screenshots'), launch()]);
    token = await server.token();
    // Project approvals on: the Approvals page shows its Job approvals section too.
    await server.api('PATCH', '/v2/Company', token, { EnableProjectApprovals: true });
    const division = await server.api('POST', '/v2/Divisions', token, { Name: 'Engineering' });
    await server.api('POST', '/v2/Divisions', token, { Name: 'Sales' });
    await server.api('POST', '/v2/EmploymentTypes', token, { Name: 'Full time' });
    const people = await server.api('POST', '/v2/Users', token, [
      {
        Name: 'Hopper, Grace',
        Email: 'grace@acme.test',
        SecurityLevel: 'MANAGER',
        DivisionID: division.body.data.ID,
      },
      { Name: 'Turing, Alan', Email: 'alan@acme.test', Password: 'enigma enigma' },
      { Name: 'Shannon, Claude', Email: 'claude@acme.test', IsActive: true },
    ]);
    personId = people.body.data[0].ID;
    await server.api('PUT', `/v2/Users/${personId}/Permissions`, token, [
      { Name: 'View People', AccessLevel: 'All' },
      { Name: 'Approve Expenses', AccessLevel: 'Divisions' },
    ]);
    const client = await server.api('POST', '/v2/Clients', token, { Name: 'Globex' });
    if (client.status === 201) {
      const job = await server.api('POST', '/v2/Jobs', token, {
        Name: 'Website',
        JobNumber: 'J-1',
        ClientID: client.body.data.ID,
      });
      const task = await server.api('POST', '/v2/Tasks', token, { Name: 'Design' });
      const today = new Date().toISOString().slice(0, 10);
      await server.api('POST', '/v2/Me/TimeEntries', token, [
        {
          Date: today,
          JobID: job.body.data.ID,
          TaskID: task.body.data.ID,
          Hours: 2.5,
          Comment: 'Wireframes',
        },
        { Date: today, JobID: job.body.data.ID, TaskID: task.body.data.ID, Hours: 1.25, Comment: 'Review' },
      ]);
    }
    const sheet = await server.api('POST', '/v2/Me/ExpenseSheets', token, {
      Title: 'Client visit, Boston',
      ExpenseSheetDate: '2026-11-20',
    });
    if (sheet.status === 201) {
      sheetId = sheet.body.data.ID;
      const types = (await server.api('GET', '/v2/ExpenseTypes', token)).body.data as {
        ID: string;
        Type: string;
        Name: string;
      }[];
      const payments = (await server.api('GET', '/v2/PaymentTypes', token)).body.data as { ID: string }[];
      const mileage = types.find((t) => t.Type === 'Mileage');
      const meals = types.find((t) => t.Name === 'Meals') ?? types[0];
      if (mileage && meals && payments[0]) {
        await server.api('POST', '/v2/Me/ExpenseItems', token, [
          {
            ExpenseSheetID: sheetId,
            ExpenseDate: '2026-11-20',
            ExpenseTypeID: mileage.ID,
            PaymentTypeID: payments[0].ID,
            Quantity: 42.5,
            Description: 'Airport and back',
          },
          {
            ExpenseSheetID: sheetId,
            ExpenseDate: '2026-11-20',
            ExpenseTypeID: meals.ID,
            PaymentTypeID: payments[0].ID,
            Amount: 38.4,
            Description: 'Dinner with the client',
          },
        ]);
      }
    }
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  for (const [size, viewport] of [
    ['desktop', DESKTOP],
    ['phone', PHONE],
  ] as const) {
    it(`renders the main pages on a ${size}`, async () => {
      const { context, page } = await newPage(browser, viewport);
      const problems: string[] = [];
      const errors: string[] = [];
      page.on('pageerror', (e) => errors.push(e.message));
      page.on('console', (m) => {
        // The signed-out probe (GET /web/session → 401) is expected; anything else is not.
        if (m.type() === 'error' && !/status of 401/.test(m.text())) errors.push(m.text());
      });
      try {
        await page.goto(`${server.baseUrl}/`);
        await expect.poll(() => h1(page)).toBe('Sign in');
        problems.push(...(await accessibilityProblems(page)).map((p) => `sign-in: ${p}`));
        await screenshot(page, `${size}-01-sign-in`);
        await signIn(page, server.baseUrl, server.admin.email, server.admin.password);

        const pages: [string, string, string][] = [
          ['02-home', '/', 'Hello, Ada'],
          ['03-preferences', '/preferences', 'My Preferences'],
          ['04-preferences-time', '/preferences/time', 'My Preferences'],
          ['05-preferences-token', '/preferences/token', 'My Preferences'],
          ['06-people', '/admin/people', 'People'],
          ['07-person', `/admin/people/${personId}`, 'Hopper, Grace'],
          ['08-divisions', '/admin/divisions', 'Divisions'],
          ['09-employment-types', '/admin/employment-types', 'Employment types'],
          ['10-company-settings', '/admin/company', 'Company settings'],
          ['11-clients', '/admin/clients', 'Clients'],
          ['12-jobs', '/admin/jobs', 'Jobs'],
          ['13-expense-types', '/admin/expense-types', 'Expense types'],
          ['14-expenses', '/expenses', 'Expenses'],
          ...(sheetId
            ? ([['15-expense-sheet', `/expenses/${sheetId}`, 'Client visit, Boston']] as [
                string,
                string,
                string,
              ][])
            : []),
          ['16-time', '/time', 'Time'],
          ['16b-time-week', '/time?view=week', 'Time'],
          ['16c-time-off', '/time-off', 'Time off'],
          ['17-timesheets', '/timesheets', 'Timesheets'],
          ['18-approvals', '/approvals', 'Approvals'],
          ['19-reports', '/reports', 'Reports'],
        ];
        for (const [name, path, title] of pages) {
          await page.goto(`${server.baseUrl}${path}`);
          await expect.poll(() => h1(page), { timeout: 10_000 }).toBe(title);
          // Let lists finish loading.
          await page.waitForLoadState('networkidle');
          await expect.poll(() => page.locator('[role=status].spinner').count()).toBe(0);
          problems.push(...(await accessibilityProblems(page)).map((p) => `${path}: ${p}`));
          await screenshot(page, `${size}-${name}`);
        }
        if (size === 'phone') {
          await page.goto(`${server.baseUrl}/`);
          await page.getByRole('button', { name: 'Menu' }).click();
          await screenshot(page, `${size}-20-menu-open`);
        }
      } finally {
        await context.close();
      }
      expect(problems).toEqual([]);
      expect(errors).toEqual([]);
    }, 120_000);
  }
});
