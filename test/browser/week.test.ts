/**
 * The Time page's week grid, stopwatch and timesheet history in the browser: a person logs a week in the
 * grid (totals, and the API holds exactly those entries), runs the stopwatch, submits; the manager rejects
 * with a comment; the person sees it, fixes an entry and resubmits; the manager approves.
 */
import type { Browser, Page } from 'playwright-core';
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

const PERSON = { email: 'grace@acme.test', password: 'cobol cobol cobol' };

describe.runIf(browserTestsEnabled())('web app: week grid, stopwatch, reject and resubmit', () => {
  let server: Server;
  let browser: Browser;
  let token: string;
  let ready = false;
  let personId = '';
  let firstWeek = '';
  beforeAll(async () => {
    [server, browser] = await Promise.all([startServer('Acme Week'), launch()]);
    token = await server.token();
    const doc = await fetch(`${server.baseUrl}/v2/openapi.json`).then(
      (r) => r.json() as Promise<{ paths: object }>,
    );
    ready = ['/v2/Me/TimeEntries', '/v2/Me/Timers', '/v2/Me/Timesheets/{timesheetID}/History'].every(
      (p) => p in doc.paths,
    );
    if (!ready) return;
    // Three decimals (3.6 s steps) so that a few seconds of stopwatch show; a timer may start a new entry.
    const company = await server.api('PATCH', '/v2/Company', token, {
      PrecisionForHoursValues: 3,
      MinTimeIncrement: 0.001,
      AllowZeroHourTimeEntries: true,
      // The week is logged Monday to Friday whatever day the test runs, and the next week too.
      AllowWorkedTimeEntryInFuture: true,
    });
    expect(company.status).toBe(200);
    const me = await server.api('GET', '/v2/Me', token);
    const client = await server.api('POST', '/v2/Clients', token, { Name: 'Initech' });
    await server.api('POST', '/v2/Jobs', token, {
      Name: 'Billing',
      JobNumber: 'B-1',
      ClientID: client.body.data.ID,
    });
    await server.api('POST', '/v2/Jobs', token, {
      Name: 'Support',
      JobNumber: 'S-1',
      ClientID: client.body.data.ID,
    });
    await server.api('POST', '/v2/Tasks', token, { Name: 'Build' });
    await server.api('POST', '/v2/Tasks', token, { Name: 'Review' });
    const person = await server.api('POST', '/v2/Users', token, {
      Name: 'Hopper, Grace',
      Email: PERSON.email,
      Password: PERSON.password,
      SubjectToTimesheetApproval: true,
      TimesheetApproverID: me.body.data.ID,
    });
    expect(person.status).toBe(201);
    personId = person.body.data.ID;
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  const cell = (page: Page, row: RegExp, day: number) =>
    page
      .getByRole('table')
      .locator('tbody tr')
      .filter({ has: page.getByRole('rowheader', { name: row }) })
      .locator('input.cell')
      .nth(day);

  it('logs a week in the grid, runs the stopwatch, and goes through reject and resubmit', async (ctx) => {
    if (!ready) ctx.skip();
    const personToken = await server.token(PERSON.email, PERSON.password);
    const person = await newPage(browser, DESKTOP);
    let sheetStart = '';
    try {
      const page = person.page;
      await signIn(page, server.baseUrl, PERSON.email, PERSON.password);
      await nav(page, 'Time');
      await expect.poll(() => h1(page)).toBe('Time');
      await page.getByRole('button', { name: 'Week', exact: true }).click();
      const grid = page.getByRole('region', { name: 'Week' });
      await grid.getByRole('heading', { name: 'Week' }).waitFor();

      // Two rows through the pickers.
      await page.getByLabel('Row job').selectOption({ label: 'Initech: B-1 - Billing' });
      await page.getByLabel('Row task').selectOption({ label: 'Build' });
      await page.getByRole('button', { name: 'Add row' }).click();
      await page.getByLabel('Row job').selectOption({ label: 'Initech: S-1 - Support' });
      await page.getByLabel('Row task').selectOption({ label: 'Review' });
      await page.getByRole('button', { name: 'Add row' }).click();

      // Both rows are on the grid before typing: a row arriving later re-renders the grid.
      await cell(page, /Support/, 0).waitFor();
      // Type with the keyboard: first cell, then arrow right through the week. Each value is checked in
      // the focused cell before the next key, so a slow render cannot swallow keystrokes unnoticed.
      const focusedValue = () =>
        page.evaluate(() => (document.activeElement as HTMLInputElement | null)?.value ?? '');
      const first = cell(page, /Billing/, 0);
      await first.click();
      await page.keyboard.type('8');
      await expect.poll(focusedValue).toBe('8');
      for (const h of ['7.5', '8', '6', '4']) {
        await page.keyboard.press('ArrowRight');
        await page.keyboard.press('Control+A');
        await page.keyboard.type(h);
        await expect.poll(focusedValue).toBe(h);
      }
      await page.keyboard.press('ArrowDown');
      await page.keyboard.type('2');
      await expect.poll(focusedValue).toBe('2');
      await expect.poll(() => page.getByTestId('week-total').textContent()).toBe('35.500');
      await page.keyboard.press('Enter');
      await page.getByRole('status').filter({ hasText: 'Your week is saved.' }).waitFor();
      await expect.poll(() => page.getByTestId('week-total').textContent()).toBe('35.500');
      await expect
        .poll(async () =>
          page
            .getByRole('row')
            .filter({ has: page.getByRole('rowheader', { name: /Support/ }) })
            .locator('td')
            .last()
            .textContent(),
        )
        .toBe('2.000');

      const sheet = await server.api(
        'GET',
        '/v2/Me/Timesheets/' + new Date().toISOString().slice(0, 10),
        personToken,
      );
      sheetStart = sheet.body.data.StartDate;
      firstWeek = sheetStart;
      const list = await server.api(
        'GET',
        `/v2/Me/TimeEntries?StartDate=${sheet.body.data.StartDate}&EndDate=${sheet.body.data.EndDate}`,
        personToken,
      );
      const got = (list.body.data as { Date: string; Hours: number }[])
        .map((e) => `${e.Date}:${e.Hours}`)
        .sort();
      const days: string[] = [];
      for (let i = 0; i < 5; i++) {
        const d = new Date(`${sheetStart}T00:00:00Z`);
        d.setUTCDate(d.getUTCDate() + i);
        days.push(d.toISOString().slice(0, 10));
      }
      expect(got).toEqual(
        [
          `${days[0]}:8`,
          `${days[1]}:7.5`,
          `${days[2]}:8`,
          `${days[3]}:6`,
          `${days[4]}:4`,
          `${days[4]}:2`,
        ].sort(),
      );

      // The server's per-item errors (`[0].Hours`) show at their cell.
      await cell(page, /Support/, 0).fill('30');
      await page.getByRole('button', { name: 'Save week' }).click();
      await grid.locator('.field-error', { hasText: 'Hours must be <= 24.' }).waitFor();
      await grid.getByText('A cell needs a correction (marked in the grid). Nothing was saved.').waitFor();
      expect(await cell(page, /Support/, 0).getAttribute('aria-invalid')).toBe('true');
      await page.getByRole('button', { name: 'Discard changes' }).click();

      // A bad value shows a message at the cell.
      await cell(page, /Support/, 0).fill('abc');
      await page.getByRole('button', { name: 'Save week' }).click();
      await grid.getByText('Hours must be a number, like 1.5.').waitFor();
      await page.getByRole('button', { name: 'Discard changes' }).click();
      await screenshot(page, 'time-week-desktop');

      // Stopwatch in the Day view.
      await page.getByRole('button', { name: 'Day', exact: true }).click();
      const sw = page.getByRole('region', { name: 'Stopwatch' });
      await sw.getByLabel('Timer job').selectOption({ label: 'Initech: S-1 - Support' });
      await sw.getByLabel('Timer task').selectOption({ label: 'Build' });
      await sw.getByRole('button', { name: 'Start timer' }).click();
      await sw.getByRole('button', { name: 'Stop timer' }).waitFor();
      await expect.poll(() => sw.getByRole('timer').textContent(), { timeout: 8000 }).not.toBe('0:00:00');
      await page.waitForTimeout(4000);
      await screenshot(page, 'time-stopwatch-desktop');
      await sw.getByRole('button', { name: 'Stop timer' }).click();
      await sw.getByRole('button', { name: 'Start timer' }).waitFor();
      const timers = await server.api('GET', '/v2/Me/Timers?IsRunning=true', personToken);
      expect(timers.body.data).toHaveLength(0);
      const after = await server.api(
        'GET',
        `/v2/Me/TimeEntries?StartDate=${new Date().toISOString().slice(0, 10)}&EndDate=${new Date().toISOString().slice(0, 10)}`,
        personToken,
      );
      const timed = (
        after.body.data as { Hours: number; Comment: string; TaskID: string; JobID: string }[]
      ).find((e) => e.Hours > 0 && e.Hours < 1);
      expect(timed, JSON.stringify(after.body.data)).toBeDefined();

      await page.getByRole('button', { name: 'Submit timesheet' }).click();
      await page.getByRole('status').filter({ hasText: 'Your timesheet is submitted.' }).waitFor();
    } finally {
      await person.context.close();
    }

    // The manager rejects with a comment.
    const manager = await newPage(browser);
    try {
      const page = manager.page;
      await signIn(page, server.baseUrl, server.admin.email, server.admin.password);
      await nav(page, 'Approvals');
      const card = page.getByRole('article', { name: /^Hopper, Grace:/ });
      await card.getByLabel('Comment').fill('Friday looks short');
      await card.getByRole('button', { name: 'Reject' }).click();
      await page.getByText('No timesheets are waiting.').waitFor();
    } finally {
      await manager.context.close();
    }

    // The person sees the comment, fixes Friday and resubmits (on a phone).
    const phone = await newPage(browser, PHONE);
    try {
      const page = phone.page;
      await signIn(page, server.baseUrl, PERSON.email, PERSON.password);
      await page.goto(`${server.baseUrl}/time?date=${sheetStart}&view=week`);
      await page.getByText('“Friday looks short”').first().waitFor();
      await page.getByText('Rejected', { exact: true }).first().waitFor();
      const friday = cell(page, /Billing/, 4);
      await friday.fill('8');
      await page.getByRole('button', { name: 'Save week' }).click();
      await page.getByRole('status').filter({ hasText: 'Your week is saved.' }).waitFor();
      await page.locator('summary', { hasText: 'History' }).click();
      await page
        .getByRole('list', { name: 'Timesheet history' })
        .getByText(/Reject/)
        .waitFor();
      await screenshot(page, 'time-week-rejected-phone');
      await page.getByRole('button', { name: 'Submit timesheet' }).click();
      await page.getByRole('status').filter({ hasText: 'Your timesheet is submitted.' }).waitFor();
    } finally {
      await phone.context.close();
    }

    const again = await newPage(browser);
    try {
      const page = again.page;
      await signIn(page, server.baseUrl, server.admin.email, server.admin.password);
      await nav(page, 'Approvals');
      const card = page.getByRole('article', { name: /^Hopper, Grace:/ });
      await card.getByRole('button', { name: 'Approve' }).click();
      await page.getByText('No timesheets are waiting.').waitFor();
    } finally {
      await again.context.close();
    }
    const approved = await server.api('GET', '/v2/Timesheets?Status=Approved', token);
    expect(approved.body.data).toHaveLength(1);
  });

  it('copies last week’s rows and, with start/end times required, edits a cell’s Start/End/Break', async (ctx) => {
    if (!ready || !firstWeek) ctx.skip();
    const set = await server.api('PATCH', `/v2/Users/${personId}`, token, {
      RequireStartEndTime: true,
      EnableBreakTime: true,
    });
    expect(set.status).toBe(200);
    const personToken = await server.token(PERSON.email, PERSON.password);
    const next = new Date(`${firstWeek}T00:00:00Z`);
    next.setUTCDate(next.getUTCDate() + 7);
    const nextWeek = next.toISOString().slice(0, 10);
    const { context, page } = await newPage(browser, PHONE);
    try {
      await signIn(page, server.baseUrl, PERSON.email, PERSON.password);
      await page.goto(`${server.baseUrl}/time?date=${nextWeek}&view=week`);
      const grid = page.getByRole('region', { name: 'Week' });
      await grid.getByText('No rows yet').waitFor();
      await grid.getByRole('button', { name: 'Copy last week' }).click();
      await page
        .getByRole('status')
        .filter({ hasText: /Copied 3 rows from the previous period/ })
        .waitFor();
      expect(await grid.locator('tbody th[scope=row]').count()).toBe(3);

      // With RequireStartEndTime a cell is a button that opens a Start/End/Break editor.
      await grid.getByRole('button', { name: /Billing – Build, Monday.*Edit/ }).click();
      const editor = page.getByRole('group', { name: /Billing – Build, Monday/ });
      await editor.getByLabel('Start').fill('09:00');
      await editor.getByLabel('End').fill('17:30');
      await editor.getByLabel('Break (hours)').fill('0.5');
      await editor.getByRole('button', { name: 'Done' }).click();
      await expect.poll(() => page.getByTestId('week-total').textContent()).toBe('8.000');
      await screenshot(page, 'time-week-start-end-phone');
      await grid.getByRole('button', { name: 'Save week' }).click();
      await page.getByRole('status').filter({ hasText: 'Your week is saved.' }).waitFor();
      const list = await server.api(
        'GET',
        `/v2/Me/TimeEntries?StartDate=${nextWeek}&EndDate=${nextWeek}`,
        personToken,
      );
      expect(list.body.data).toHaveLength(1);
      expect(list.body.data[0]).toMatchObject({
        Hours: 8,
        StartTime: '09:00',
        EndTime: '17:30',
        BreakTime: 0.5,
      });
    } finally {
      await context.close();
    }
  });
});
