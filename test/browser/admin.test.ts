/**
 * Administration in the browser: inviting a person who then signs in, security level and manager
 * permissions, and a company setting.
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

describe.runIf(browserTestsEnabled())('web app: administration', () => {
  let server: Server;
  let browser: Browser;
  let token: string;
  beforeAll(async () => {
    [server, browser] = await Promise.all([startServer('Acme Admin'), launch()]);
    token = await server.token();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('invites a person, who opens the link, sets a password and signs in', async () => {
    const admin = await newPage(browser);
    let link: string;
    try {
      const page = admin.page;
      await signIn(page, server.baseUrl, server.admin.email, server.admin.password);
      await nav(page, 'People');
      await page.getByRole('button', { name: 'Invite a person' }).click();
      const form = page.getByRole('region', { name: 'Invite a person' });
      // A missing email is refused with the server's message next to the field.
      await form.getByLabel('Name').fill('Curie, Marie');
      await form.getByRole('button', { name: 'Invite' }).click();
      await form.getByRole('alert').waitFor();
      expect(await form.getByLabel('Email').getAttribute('aria-invalid')).toBe('true');

      await form.getByLabel('Email').fill('marie@acme.test');
      await form.getByLabel('Security level').selectOption('MANAGER');
      await form.getByRole('button', { name: 'Invite' }).click();
      await form.getByText('Curie, Marie is added.').waitFor();
      link = await form.getByLabel('Invitation link').inputValue();
      expect(link).toMatch(new RegExp(`^${server.baseUrl}/invite/[\\w-]+$`));
      // The list shows the new person.
      await page.getByRole('link', { name: 'Curie, Marie' }).waitFor();
    } finally {
      await admin.context.close();
    }

    // The invitee, in a browser of their own (a phone), without any session.
    const invitee = await newPage(browser, PHONE);
    try {
      const page = invitee.page;
      await page.goto(link);
      await expect.poll(() => h1(page)).toBe('Choose your password');
      await page.getByText('marie@acme.test').waitFor();
      await page.getByLabel(/Password/).fill('radium and polonium');
      await page.getByRole('button', { name: 'Set password' }).click();
      await page.getByText('Your password is set.').waitFor();

      await signIn(page, server.baseUrl, 'marie@acme.test', 'radium and polonium');
      await expect.poll(() => h1(page)).toBe('Hello, Marie');
      // A manager sees the company menu, but not the Admin-only settings.
      await page.getByRole('button', { name: 'Menu' }).click();
      const menu = page.getByRole('navigation', { name: 'Main' });
      await menu.getByRole('link', { name: 'People' }).waitFor();
      expect(await menu.getByRole('link', { name: 'Company settings' }).count()).toBe(0);
    } finally {
      await invitee.context.close();
    }
  });

  it('changes a security level and grants manager permissions', async () => {
    const created = await server.api('POST', '/v2/Users', token, {
      Name: 'Franklin, Rosalind',
      Email: 'rosalind@acme.test',
      Password: 'photo fifty one',
    });
    expect(created.status).toBe(201);
    const id = created.body.data.ID as string;
    const { context, page } = await newPage(browser);
    try {
      await signIn(page, server.baseUrl, server.admin.email, server.admin.password);
      await page.goto(`${server.baseUrl}/admin/people/${id}`);
      await expect.poll(() => h1(page)).toBe('Franklin, Rosalind');
      await page.getByLabel('Security level').selectOption('MANAGER');
      await page.getByRole('button', { name: 'Save changes' }).click();
      await page.getByRole('status').filter({ hasText: 'Saved.' }).waitFor();

      // Approvers: an administrator approves this person's timesheets.
      await page.getByLabel('Timesheets need approval').check();
      await page.getByLabel('Timesheet approver').selectOption({ label: 'Lovelace, Ada (administrator)' });
      await page.getByRole('button', { name: 'Save changes' }).click();
      await page.getByRole('status').filter({ hasText: 'Saved.' }).waitFor();

      const permissions = page.getByRole('form', { name: 'Manager permissions' });
      await permissions.getByLabel('View People').selectOption('All');
      await permissions.getByLabel('Approve Expenses').selectOption('Divisions');
      await permissions.getByRole('button', { name: 'Save permissions' }).click();
      await page.getByRole('status').filter({ hasText: 'Permissions saved.' }).waitFor();
    } finally {
      await context.close();
    }
    const user = await server.api('GET', `/v2/Users/${id}`, token);
    expect(user.body.data.SecurityLevel).toBe('MANAGER');
    const me = await server.api('GET', '/v2/Me', token);
    expect(user.body.data).toMatchObject({
      SubjectToTimesheetApproval: true,
      TimesheetApproverID: me.body.data.ID,
    });
    const granted = await server.api('GET', `/v2/Users/${id}/Permissions`, token);
    expect(granted.body.data).toEqual(
      expect.arrayContaining([
        { Name: 'View People', AccessLevel: 'All' },
        { Name: 'Approve Expenses', AccessLevel: 'Divisions' },
      ]),
    );
  });

  it('pages through people and filters them', async () => {
    const batch = Array.from({ length: 30 }, (_, i) => ({
      Name: `Person ${String(i).padStart(2, '0')}`,
      Email: `person${i}@acme.test`,
      Password: 'long enough password',
      IsActive: i % 10 !== 0,
    }));
    expect((await server.api('POST', '/v2/Users', token, batch)).status).toBe(201);
    const all = await server.api('GET', '/v2/Users?IsActive=true&limit=1', token);
    const active = all.body.page.count as number;
    const { context, page } = await newPage(browser);
    try {
      await signIn(page, server.baseUrl, server.admin.email, server.admin.password);
      await nav(page, 'People');
      const pages = page.getByRole('navigation', { name: 'Pages' });
      await pages.getByText(`Showing 1–25 of ${active} people`).waitFor();
      await pages.getByRole('button', { name: 'Next page' }).click();
      await pages.getByText(`Showing 26–${active} of ${active} people`).waitFor();
      expect(await pages.getByRole('button', { name: 'Next page' }).isDisabled()).toBe(true);
      // The filters live in the address, so Back and a reload keep them.
      expect(page.url()).toContain('offset=25');

      await page.getByLabel('Status').selectOption('false');
      await pages.getByText('Showing 1–3 of 3 people').waitFor();
      await page.getByRole('link', { name: 'Person 10' }).waitFor();
      await page.reload();
      await pages.getByText('Showing 1–3 of 3 people').waitFor();

      await page.getByLabel('Status').selectOption('all');
      await page.getByLabel('Name').fill('Person 07');
      await page.getByLabel('Name').press('Enter');
      await pages.getByText('Showing 1–1 of 1 people').waitFor();
    } finally {
      await context.close();
    }
  });

  it('changes company settings, and the app uses the new terms at once', async () => {
    const { context, page } = await newPage(browser);
    try {
      await signIn(page, server.baseUrl, server.admin.email, server.admin.password);
      await nav(page, 'Company settings');
      const terms = page.getByRole('group', { name: 'Job' });
      await terms.getByLabel('Singular').fill('Project');
      await terms.getByLabel('Plural').fill('Projects');
      await page.getByLabel('Week starts on').selectOption('Sunday');
      await page.getByLabel('Lock date').fill('2026-10-31');
      await page.getByLabel('Mileage unit').selectOption('km');
      await page.getByRole('button', { name: 'Save settings' }).click();
      await page.getByRole('status').filter({ hasText: 'Company settings saved.' }).waitFor();
      await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Projects' }).waitFor();

      // An invalid value is refused with the server's message.
      await page.getByLabel('Currency (ISO code)').fill('EU');
      await page.getByRole('button', { name: 'Save settings' }).click();
      await page
        .getByRole('alert')
        .filter({ hasText: /ISO-4217/ })
        .waitFor();
    } finally {
      await context.close();
    }
    const company = await server.api('GET', '/v2/Company', token);
    expect(company.body.data).toMatchObject({
      JobTermSingular: 'Project',
      JobTermPlural: 'Projects',
      WeekStartsOn: 'Sunday',
      LockDate: '2026-10-31',
      MileageUnit: 'km',
      CurrencyISO: 'USD',
    });
  });
});
