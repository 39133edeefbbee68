import { describe, expect, it } from 'vitest';
import { createDemo } from '../../src/cli/demo.js';
import { createTestApp } from '../support/app.js';
import { testDialects } from '../support/db.js';

describe.each(await testDialects())('punchclock demo on %s', (dialect) => {
  it('fills a company with people, jobs, last week’s time and a mileage expense at the company rate', async () => {
    const t = await createTestApp(dialect);
    try {
      const demo = await createDemo(t.deps);
      const token = demo.Token;
      expect((await t.call('GET', '/v2/Users', { token })).body.page.count).toBe(6);
      const entries = await t.call('GET', '/v2/TimeEntries?limit=500', { token });
      expect(entries.body.page.count).toBe(40);
      const hours = entries.body.data.reduce((sum: number, e: { Hours: number }) => sum + e.Hours, 0);
      expect(hours).toBe(160); // four people × five days × 8 h
      const sheets = await t.call('GET', '/v2/ExpenseSheets', { token });
      expect(sheets.body.data).toHaveLength(1);
      // 42.5 mi × 0.70 = 29.75, plus 18.40 for lunch.
      expect(sheets.body.data[0].TotalAmount).toBe(48.15);
      const person = demo.People[1]!;
      const me = await t.call('GET', '/v2/Me', { basic: { email: person.Email, password: person.Password } });
      expect(me.status).toBe(200);
      expect(me.body.data.TimesheetApproverID).toBeTruthy();
    } finally {
      await t.close();
    }
  });
});
