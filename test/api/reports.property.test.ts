/**
 * Property: for random entries (hours, rates, dates, people, jobs, tasks) and random rounding, every report
 * agrees with an independent computation done here on BigInt — rows, totals and exports, to the 10^-4 hour
 * and to the cent, on both databases — and no entry moves to another day.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { createTestApp, type TestApp } from '../support/app.js';
import { testDialects } from '../support/db.js';
import { person } from '../support/people.js';
import { makeClient, makeJob, makeTask, TestClock } from './time-entries-fixtures.js';
import { csvObjects } from './reports.fixtures.js';

const dialects = await testDialects();

type Direction = 'Up' | 'Down' | 'Nearest';

const round = (h: bigint, d: Direction, inc: bigint) => {
  const q = h / inc;
  const r = h % inc;
  if (r === 0n || d === 'Down') return q * inc;
  if (d === 'Up') return (q + 1n) * inc;
  return (2n * r >= inc ? q + 1n : q) * inc;
};
const money = (h: bigint, rate: bigint) => (h * rate + 500_000n) / 1_000_000n;

const specArb = fc.record({
  user: fc.integer({ min: 0, max: 2 }),
  day: fc.integer({ min: 0, max: 45 }),
  job: fc.integer({ min: 0, max: 2 }),
  task: fc.integer({ min: 0, max: 1 }),
  hours: fc.integer({ min: 1, max: 800 }).map((c) => BigInt(c) * 100n),
  rate: fc.integer({ min: 0, max: 3_000_000 }).map(BigInt),
  cost: fc.integer({ min: 0, max: 1_500_000 }).map(BigInt),
});

const dec = (v: bigint, scale: number) => {
  const s = v.toString().padStart(scale + 1, '0');
  return Number(`${s.slice(0, s.length - scale)}.${s.slice(s.length - scale)}`);
};
const dateOf = (day: number) => new Date(Date.UTC(2026, 0, 1 + day)).toISOString().slice(0, 10);

describe.each(dialects)('report properties on %s', (dialect) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp(dialect, {}, { clock: new TestClock().read });
  });
  afterAll(async () => {
    await t.close();
  });

  it('every report equals an independent computation, with any rounding', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(specArb, { minLength: 1, maxLength: 40 }),
        fc.constantFrom<Direction>('Up', 'Down', 'Nearest'),
        fc.constantFrom(100n, 1000n, 2500n, 5000n, 10_000n, 1n),
        fc.constantFrom(
          'Job',
          'Task',
          'User',
          'Month',
          'Date',
          'Task and User',
          'Job and Task',
          'Job and Month',
        ),
        async (raw, direction, increment, groupBy) => {
          const c = await t.company();
          const token = c.Token;
          const client = await makeClient(t, token, { Name: 'C' });
          const jobIds = [
            await makeJob(t, token, client, { Name: 'J0' }),
            await makeJob(t, token, client, { Name: 'J1' }),
            await makeJob(t, token, client, { Name: 'J2', IsBillable: false }),
          ];
          const taskIds = [
            await makeTask(t, token, { Name: 'T0' }),
            await makeTask(t, token, { Name: 'T1' }),
          ];
          const users = [
            c.UserID,
            (await person(t, token, { Name: 'U1' })).id,
            (await person(t, token, { Name: 'U2' })).id,
          ];
          const userNames = ['Ada Admin', 'U1', 'U2'];
          // At most 24 h per person and day.
          const perDay = new Map<string, bigint>();
          const specs = raw.filter((s) => {
            const k = `${s.user}|${s.day}`;
            const sum = (perDay.get(k) ?? 0n) + s.hours;
            if (sum > 240_000n) return false;
            perDay.set(k, sum);
            return true;
          });
          const res = await t.call('POST', '/v2/TimeEntries', {
            token,
            body: specs.map((s) => ({
              UserID: users[s.user],
              Date: dateOf(s.day),
              JobID: jobIds[s.job],
              TaskID: taskIds[s.task],
              Hours: dec(s.hours, 4),
              BillingRate: dec(s.rate, 4),
              CostRate: dec(s.cost, 4),
            })),
          });
          expect(res.status, JSON.stringify(res.body)).toBe(201);
          const entries = (res.body.data as { ID: string; Date: string }[]).map((e, i) => ({
            ...specs[i]!,
            id: e.ID,
            date: e.Date,
          }));
          for (const e of entries) expect(e.date).toBe(dateOf(e.day));

          const totals = (list: typeof entries, hoursOf: (e: (typeof entries)[number]) => bigint) => {
            let hours = 0n;
            let billable = 0n;
            let billings = 0n;
            let cost = 0n;
            for (const e of list) {
              const h = hoursOf(e);
              hours += h;
              if (e.job !== 2) {
                billable += h;
                billings += money(h, e.rate);
              }
              cost += money(h, e.cost);
            }
            return { hours, billable, billings, cost };
          };
          const wire = (s: { hours: bigint; billable: bigint; billings: bigint; cost: bigint }) => ({
            Hours: dec(s.hours, 4),
            BillableHours: dec(s.billable, 4),
            Billings: dec(s.billings, 2),
            Cost: dec(s.cost, 2),
          });

          // /Reports/Time, unrounded and rounded per entry: rows in order and totals.
          const plain = await t.call('GET', '/v2/Reports/Time?limit=500', { token });
          const order = [...entries].sort((a, b) =>
            a.date < b.date ? -1 : a.date > b.date ? 1 : a.id < b.id ? -1 : 1,
          );
          expect(plain.body.data.map((r: { ID: string; Date: string }) => `${r.ID}@${r.Date}`)).toEqual(
            order.map((e) => `${e.id}@${e.date}`),
          );
          expect(plain.body.meta.Totals).toEqual({
            Count: entries.length,
            ...wire(totals(entries, (e) => e.hours)),
          });
          const inc = dec(increment, 4);
          const rounded = await t.call(
            'GET',
            `/v2/Reports/Time?limit=500&Rounding=${direction}&RoundingIncrement=${inc}`,
            { token },
          );
          const roundedTotals = totals(entries, (e) => round(e.hours, direction, increment));
          expect(rounded.body.meta.Totals).toEqual({ Count: entries.length, ...wire(roundedTotals) });
          const rowSum = (rounded.body.data as { Hours: number }[]).reduce(
            (s, r) => s + BigInt(Math.round(r.Hours * 1e4)),
            0n,
          );
          expect(rowSum).toBe(roundedTotals.hours);

          // The CSV export adds up to the same totals.
          const csv = await t.app.inject({
            method: 'GET',
            url: `/v2/Reports/Time.csv?Rounding=${direction}&RoundingIncrement=${inc}`,
            headers: { authorization: `Token ${token}` },
          });
          const rows = csvObjects(csv.body);
          expect(rows.map((r) => r.ID)).toEqual(order.map((e) => e.id));
          const cents = (v: string) => BigInt(v.replace('.', ''));
          expect(rows.reduce((s, r) => s + cents(r.Billings!), 0n)).toBe(roundedTotals.billings);
          expect(rows.reduce((s, r) => s + cents(r.Cost!), 0n)).toBe(roundedTotals.cost);

          // /Reports/TimeSummary with rounding per group: each row, and totals = sum of rows.
          const keyOf = (e: (typeof entries)[number]): Record<string, string> => {
            const job = { JobID: jobIds[e.job]!, JobName: `J${e.job}` };
            const task = { TaskID: taskIds[e.task]!, TaskName: `T${e.task}` };
            const user = { UserID: users[e.user]!, UserName: userNames[e.user]! };
            const month = { Month: e.date.slice(0, 7) };
            switch (groupBy) {
              case 'Job':
                return job;
              case 'Task':
                return task;
              case 'User':
                return user;
              case 'Month':
                return month;
              case 'Date':
                return { Date: e.date };
              case 'Task and User':
                return { ...task, ...user };
              case 'Job and Task':
                return { ...job, ...task };
              case 'Job and Month':
                return { ...job, ...month };
            }
          };
          const groups = new Map<string, { key: Record<string, string>; list: typeof entries }>();
          for (const e of entries) {
            const key = keyOf(e);
            const id = JSON.stringify(key);
            if (!groups.has(id)) groups.set(id, { key, list: [] });
            groups.get(id)!.list.push(e);
          }
          const sortKey = (k: Record<string, string>) =>
            ['JobName', 'TaskName', 'UserName', 'Month', 'Date', 'JobID', 'TaskID', 'UserID']
              .map((f) => k[f] ?? '')
              .join('\u0000');
          const expected = [...groups.values()]
            .sort((a, b) => (sortKey(a.key) < sortKey(b.key) ? -1 : 1))
            .map((g) => {
              const s = totals(g.list, (e) => e.hours);
              return {
                Key: g.key,
                ...wire({
                  ...s,
                  hours: round(s.hours, direction, increment),
                  billable: round(s.billable, direction, increment),
                }),
              };
            });
          const summary = await t.call(
            'GET',
            `/v2/Reports/TimeSummary?GroupBy=${encodeURIComponent(groupBy)}&JobID=${jobIds.join(',')}&Rounding=${direction}&RoundingIncrement=${inc}&RoundingScope=Group&limit=500`,
            { token },
          );
          expect(summary.status, JSON.stringify(summary.body)).toBe(200);
          expect(summary.body.data).toEqual(expected);
          const sumRows = (f: 'Hours' | 'BillableHours') =>
            expected.reduce((s, r) => s + BigInt(Math.round(r[f] * 1e4)), 0n);
          expect(summary.body.meta.Totals.Hours).toBe(dec(sumRows('Hours'), 4));
          expect(summary.body.meta.Totals.BillableHours).toBe(dec(sumRows('BillableHours'), 4));
          expect(summary.body.meta.Totals.Billings).toBe(wire(totals(entries, (e) => e.hours)).Billings);
        },
      ),
      { numRuns: 8 },
    );
  }, 120_000);
});
