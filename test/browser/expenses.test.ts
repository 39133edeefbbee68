/**
 * Expenses in the browser: a sheet, a mileage item whose amount follows the company's mileage rate as the
 * distance is typed (DECISIONS 18), and an item with a receipt that is previewed, uploaded and served back.
 */
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  browserTestsEnabled,
  h1,
  launch,
  nav,
  newPage,
  signIn,
  startServer,
  type Server,
} from './support.js';

// A 1×1 PNG.
const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==',
  'base64',
);

describe.runIf(browserTestsEnabled())('web app: expenses', () => {
  let server: Server;
  let browser: Browser;
  let token: string;
  let rate: number;
  beforeAll(async () => {
    [server, browser] = await Promise.all([startServer('Acme Expenses'), launch()]);
    token = await server.token();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('adds a mileage item whose amount follows the rate as you type, and a receipt', async (ctx) => {
    const types = await server.api('GET', '/v2/ExpenseTypes?IsActive=true', token);
    if (types.status !== 200) ctx.skip();
    const mileage = (types.body.data as { Type: string; Rate: number; Name: string; ID: string }[]).find(
      (t) => t.Type === 'Mileage',
    )!;
    rate = mileage.Rate;
    expect(rate).toBeGreaterThan(0);

    const { context, page } = await newPage(browser);
    try {
      await signIn(page, server.baseUrl, server.admin.email, server.admin.password);
      await nav(page, 'Expenses');
      await page.getByRole('button', { name: 'New expense sheet' }).click();
      await page.getByLabel('Title').fill('Conference, Lisbon');
      await page.getByLabel('Date').fill('2026-11-02');
      await page.getByRole('button', { name: 'Create sheet' }).click();
      await expect.poll(() => h1(page)).toBe('Conference, Lisbon');

      // Mileage: the amount is rate × distance, live.
      await page.getByRole('button', { name: 'Add an item' }).click();
      const form = page.locator('#item-form');
      await form.getByLabel('Expense type').selectOption({ label: mileage.Name });
      const amount = form.locator('output');
      expect(await amount.textContent()).toBe('—');
      await form.getByLabel(/Distance/).pressSequentially('12.5');
      const expected = new Intl.NumberFormat('en-US', { style: 'currency', currency: 'USD' }).format(
        Math.round(rate * 12.5 * 100) / 100,
      );
      await expect.poll(() => amount.textContent()).toBe(expected);
      await form.getByLabel(/Distance/).fill('100');
      await expect
        .poll(() => amount.textContent())
        .toBe(new Intl.NumberFormat('en-US', { style: 'currency', currency: 'USD' }).format(rate * 100));
      await form.getByLabel('Description').fill('Airport run');
      await form.getByRole('button', { name: 'Add item' }).click();
      await page.getByRole('cell', { name: /Airport run/ }).waitFor();

      // An ordinary item with a receipt: previewed before it is saved.
      await page.getByRole('button', { name: 'Add an item' }).click();
      await form.getByLabel('Expense type').selectOption({ label: 'Meals' });
      await form.getByLabel(/^Amount/).fill('23.40');
      await form.getByLabel('Description').fill('Dinner');
      await form
        .getByLabel('Attach a receipt')
        .setInputFiles({ name: 'dinner.png', mimeType: 'image/png', buffer: PNG });
      await form.getByRole('img', { name: 'Preview of dinner.png' }).waitFor();
      await form.getByRole('button', { name: 'Add item' }).click();
      await page.getByRole('cell', { name: 'Dinner', exact: true }).waitFor();

      const total = (100 * rate + 23.4).toFixed(2);
      await page.getByText(`$${total}`).first().waitFor();
      const receiptLink = page.getByRole('link', { name: /View receipt for Dinner/ });
      const href = await receiptLink.getAttribute('href');
      expect(href).toMatch(/\/v2\/ExpenseItems\/[\w-]+\/Receipt$/);
      // The session cookie opens the receipt, as the link does in the browser.
      const receipt = await context.request.get(href!);
      expect(receipt.status()).toBe(200);
      expect(receipt.headers()['content-type']).toBe('image/png');
    } finally {
      await context.close();
    }

    const items = await server.api('GET', '/v2/Me/ExpenseItems', token);
    const stored = (
      items.body.data as {
        Description: string;
        Amount: number;
        Rate: number | null;
        Quantity: number | null;
      }[]
    ).find((i) => i.Description === 'Airport run')!;
    expect(stored).toMatchObject({ Quantity: 100, Rate: rate, Amount: Math.round(rate * 100 * 100) / 100 });
  });

  it('shows a wrong file type as an error next to the field', async () => {
    const { context, page } = await newPage(browser);
    try {
      await signIn(page, server.baseUrl, server.admin.email, server.admin.password);
      await nav(page, 'Expenses');
      await page.getByRole('link', { name: 'Conference, Lisbon' }).click();
      await page.getByRole('button', { name: 'Add an item' }).click();
      await page
        .locator('#item-form')
        .getByLabel('Attach a receipt')
        .setInputFiles({ name: 'notes.txt', mimeType: 'text/plain', buffer: Buffer.from('hello') });
      await page.getByRole('alert').filter({ hasText: 'Choose an image' }).waitFor();
    } finally {
      await context.close();
    }
  });
});
