/**
 * Whatever a client puts in the query of a report (or of the whole-company /TimeEntries list), the answer is a report or a 4xx in the envelope —
 * never a 500 — on both databases, with some entries in place so that every read path (rollups, entries,
 * deep pages, exports) runs. Values are drawn from what the parameters expect and from what they do not.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { createTestApp, type TestApp } from '../support/app.js';
import { testDialects } from '../support/db.js';
import { person } from '../support/people.js';
import { makeClient, makeJob, makeTask, TestClock } from './time-entries-fixtures.js';

const dialects = await testDialects();

const PATHS = [
  '/v2/Reports/Time',
  '/v2/Reports/Time.csv',
  '/v2/Reports/Expense',
  '/v2/Reports/TimeSummary',
  '/v2/Reports/TimeSummary/Jobs',
  '/v2/Reports/TimeSummary/Payroll',
  '/v2/Reports/TimeSummary/Daily',
  '/v2/Reports/TimeSummary/Weekly',
  '/v2/TimeEntries',
];
const NAMES = [
  'StartDate',
  'EndDate',
  'UserID',
  'JobID',
  'TaskID',
  'ClientID',
  'DivisionID',
  'IsBillable',
  'JobIsActive',
  'TimesheetID',
  'TimesheetStatus',
  'LabelID',
  'GroupBy',
  'Rounding',
  'RoundingIncrement',
  'RoundingScope',
  'limit',
  'offset',
  'Verbose',
  'ID',
  'ExpenseSheetStatus',
];

describe.each(dialects)('report queries fuzzed on %s', (dialect) => {
  let t: TestApp;
  let token: string;
  let ids: string[];
  beforeAll(async () => {
    t = await createTestApp(dialect, {}, { clock: new TestClock('2026-03-31T12:00:00Z').read });
    const c = await t.company();
    token = c.Token;
    const client = await makeClient(t, token, { Name: 'C' });
    const job = await makeJob(t, token, client, { Name: 'J' });
    const task = await makeTask(t, token, { Name: 'T' });
    const p = await person(t, token);
    const made = await t.call('POST', '/v2/TimeEntries', {
      token,
      body: ['2026-01-30', '2026-02-02', '2026-03-03'].map((Date) => ({
        UserID: p.id,
        JobID: job,
        TaskID: task,
        Date,
        Hours: 1.5,
      })),
    });
    expect(made.status).toBe(201);
    ids = [c.UserID, p.id, job, task, client];
  });
  afterAll(() => t.close());

  it('answers every query with a report or a 4xx in the envelope', async () => {
    const seen: Record<number, number> = {};
    const value = fc.oneof(
      fc.constantFrom('2026-02-01', '2026-02-31', '2026-13-01', '0000-01-01', '9999-12-31', '2026-1-1'),
      fc.constantFrom(
        'true',
        'false',
        'Yes',
        '',
        ' ',
        '-1',
        '0',
        '1',
        '500',
        '501',
        '1e3',
        'NaN',
        '99999999999999999999',
      ),
      fc.constantFrom('Job', 'Task and User', 'job AND task', 'Up', 'Down', 'Nearest', 'Entry', 'Group'),
      fc.constantFrom(
        'Open',
        'Approved',
        'JobHold',
        'approved',
        'Paid',
        "'; drop table x; --",
        '%00',
        '\u{1F600}',
      ),
      fc.constantFrom(...[0, 1, 2, 3, 4].map(String)).map((i) => `@${i}`),
      fc.string({ maxLength: 12 }),
    );
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...PATHS),
        fc.array(fc.tuple(fc.constantFrom(...NAMES), fc.array(value, { minLength: 1, maxLength: 3 })), {
          maxLength: 6,
        }),
        async (path, params) => {
          const query = params
            .map(([name, values]) =>
              values
                .map((v) => (v.startsWith('@') ? ids[Number(v.slice(1))]! : v))
                .map((v) => `${name}=${encodeURIComponent(v)}`)
                .join('&'),
            )
            .join('&');
          const res = await t.call('GET', `${path}${query ? `?${query}` : ''}`, { token });
          seen[res.status] = (seen[res.status] ?? 0) + 1;
          expect(res.status, `${path}?${query} → ${res.status} ${JSON.stringify(res.body)}`).toBeLessThan(
            500,
          );
          if (res.status >= 400) {
            expect(res.body).toMatchObject({ errors: expect.any(Array) });
            expect(res.body.errors.length).toBeGreaterThan(0);
          }
        },
      ),
      { numRuns: dialect === 'sqlite' ? 300 : 150 },
    );
    // The queries reach the reports, not only the validation: a good share are answered.
    expect(seen[200] ?? 0).toBeGreaterThan(10);
    expect(seen[400] ?? 0).toBeGreaterThan(10);
  });
});
