/**
 * Job (project) approvals in the browser: with EnableProjectApprovals on, a person's submitted timesheet
 * with time on a job that requires approval waits in JobHold for the job's project manager, who decides
 * on the Approvals page. A rejection needs a comment (Rejected); an approval moves the sheet on to the
 * person's timesheet approver (Waiting), as test/api/timesheets.job-approvals.test.ts expects.
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

describe.runIf(browserTestsEnabled())('web app: job approvals', () => {
  let server: Server;
  let browser: Browser;
  let admin: string;
  let ready = false;
  let job: string;
  let task: string;
  let patToken: string;
  const pm = { email: 'pia@acme.test', password: 'project pass word', name: 'Manager, Pia' };
  const pat = { email: 'pat@acme.test', password: 'person pass word', name: 'Person, Pat' };

  beforeAll(async () => {
    [server, browser] = await Promise.all([startServer('Acme Projects'), launch()]);
    admin = await server.token();
    const paths = (
      await fetch(`${server.baseUrl}/v2/openapi.json`).then((r) => r.json() as Promise<{ paths: object }>)
    ).paths as Record<string, unknown>;
    if (!('/v2/Manage/JobApprovals' in paths)) return;
    const on = await server.api('PATCH', '/v2/Company', admin, { EnableProjectApprovals: true });
    expect(on.status, JSON.stringify(on.body)).toBe(200);
    const m = await server.api('POST', '/v2/Users', admin, {
      Name: pm.name,
      Email: pm.email,
      Password: pm.password,
      SecurityLevel: 'MANAGER',
    });
    expect(m.status, JSON.stringify(m.body)).toBe(201);
    const adminId = (await server.api('GET', '/v2/Me', admin)).body.data.ID as string;
    const p = await server.api('POST', '/v2/Users', admin, {
      Name: pat.name,
      Email: pat.email,
      Password: pat.password,
      SubjectToTimesheetApproval: true,
      TimesheetApproverID: adminId,
    });
    expect(p.status, JSON.stringify(p.body)).toBe(201);
    const client = await server.api('POST', '/v2/Clients', admin, { Name: 'Globex' });
    expect(client.status, JSON.stringify(client.body)).toBe(201);
    const j = await server.api('POST', '/v2/Jobs', admin, {
      Name: 'Skyscraper',
      ClientID: client.body.data.ID,
      TimeRequiresApproval: true,
      ProjectManagerID: m.body.data.ID,
    });
    expect(j.status, JSON.stringify(j.body)).toBe(201);
    job = j.body.data.ID;
    task = (await server.api('POST', '/v2/Tasks', admin, { Name: 'Build' })).body.data.ID;
    patToken = await server.token(pat.email, pat.password);
    ready = true;
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  /** Pat logs two entries on the job in the week of `date` and submits: the sheet waits in JobHold. */
  async function submitted(date: string, next: string): Promise<string> {
    for (const [Date, Hours, Comment] of [
      [date, 3, 'Foundations'],
      [next, 1.5, 'Scaffolding'],
    ] as const) {
      const r = await server.api('POST', '/v2/Me/TimeEntries', patToken, {
        Date,
        Hours,
        JobID: job,
        TaskID: task,
        Comment,
      });
      expect(r.status, JSON.stringify(r.body)).toBe(201);
    }
    const r = await server.api('POST', `/v2/Me/Timesheets/${date}/Actions`, patToken, { Action: 'Submit' });
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    expect(r.body.data.Status).toBe('JobHold');
    return r.body.data.ID as string;
  }

  const status = async (sheet: string) =>
    (await server.api('GET', `/v2/Timesheets/${sheet}`, admin)).body.data.Status as string;

  it('the project manager rejects only with a comment, and the sheet is Rejected (phone)', async (ctx) => {
    if (!ready) ctx.skip();
    const sheet = await submitted('2026-03-04', '2026-03-05');
    const { context, page } = await newPage(browser, PHONE);
    try {
      await signIn(page, server.baseUrl, pm.email, pm.password);
      await nav(page, 'Approvals');
      await expect.poll(() => h1(page)).toBe('Approvals');
      const section = page.getByRole('region', { name: 'Job approvals' });
      const card = section.getByRole('article', { name: /Person, Pat: Skyscraper/ });
      await card.waitFor();
      const text = await card.textContent();
      expect(text).toContain('Waiting for project approval');
      expect(text).toContain('4.50 hours on Skyscraper in 2 entries');
      // The app moves focus to the page title again 300 ms after a navigation: let that happen first.
      await page.waitForTimeout(400);
      // No horizontal scrolling at 375 px.
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);
      await card.getByRole('button', { name: 'Reject' }).click();
      const comment = card.getByLabel('Comment');
      await card.getByText('Write a comment to reject').waitFor();
      expect(await comment.evaluate((el) => el.tagName)).toBe('TEXTAREA');
      expect(await comment.getAttribute('aria-invalid')).toBe('true');
      expect(await comment.evaluate((el) => el === document.activeElement)).toBe(true);
      expect(await status(sheet)).toBe('JobHold');
      await screenshot(page, 'approvals-job-phone');
      await comment.fill('Scaffolding belongs to the other job');
      await card.getByRole('button', { name: 'Reject' }).click();
      await section
        .getByRole('status')
        .filter({ hasText: 'Rejected the time of Person, Pat on Skyscraper.' })
        .waitFor();
      await section.getByText('No time waits for a project manager’s approval.').waitFor();
      expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Job approvals');
    } finally {
      await context.close();
    }
    expect(await status(sheet)).toBe('Rejected');
    const history = await server.api('GET', `/v2/Timesheets/${sheet}/History`, admin);
    expect(history.body.data[0]).toMatchObject({
      Action: 'JobApproval',
      JobID: job,
      JobStatus: 'Rejected',
      Comment: 'Scaffolding belongs to the other job',
    });
  });

  it('the project manager reads the entries and approves; the sheet moves on to Waiting', async (ctx) => {
    if (!ready) ctx.skip();
    const sheet = await submitted('2026-03-11', '2026-03-12');
    const { context, page } = await newPage(browser, DESKTOP);
    try {
      await signIn(page, server.baseUrl, pm.email, pm.password);
      await nav(page, 'Approvals');
      const section = page.getByRole('region', { name: 'Job approvals' });
      const card = section.getByRole('article', { name: /Person, Pat: Skyscraper/ });
      await card.waitFor();
      // The other sections need permissions a project manager lacks: they say so calmly, no alerts.
      await page.getByText('Loading timesheets…').waitFor({ state: 'detached' });
      expect(await page.getByRole('alert').count()).toBe(0);
      await card.getByRole('button', { name: 'Show entries' }).click();
      await card.getByRole('listitem').first().waitFor();
      expect(await card.getByRole('listitem').allTextContents()).toEqual([
        expect.stringContaining('Foundations'),
        expect.stringContaining('Scaffolding'),
      ]);
      await screenshot(page, 'approvals-job-desktop');
      await card.getByRole('button', { name: 'Approve' }).click();
      await section
        .getByRole('status')
        .filter({ hasText: 'Approved the time of Person, Pat on Skyscraper.' })
        .waitFor();
      await section.getByText('No time waits for a project manager’s approval.').waitFor();
    } finally {
      await context.close();
    }
    expect(await status(sheet)).toBe('Waiting');
  });
});
