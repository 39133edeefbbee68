/**
 * The time rollups (src/server/db/rollups.ts) and the report queries that read them
 * (modules/reports/time-rollups.store.ts), on both databases:
 *
 * - the triggers keep every rollup equal to a recomputation from the entries through multi-row inserts,
 *   updates of every column a rollup depends on, updates of other columns, and deletes;
 * - for random entries and random filters and groupings, totals, groups and deep pages read from the
 *   rollups equal those added up from the entries;
 * - the API's own writes (batch create, PATCH, DELETE, timers) keep them too.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import pg from 'pg';
import { sql } from 'kysely';
import { checkTimeRollups, rebuildTimeRollups } from '../../src/server/db/rollups.js';
import { newId } from '../../src/server/lib/ids.js';
import {
  groupSums,
  rollupFamily,
  splitRange,
  timePage,
  timeTotals,
} from '../../src/server/modules/reports/time-rollups.store.js';
import {
  groupSumsFromEntries,
  timePageFromEntries,
  timeTotalsFromEntries,
  type GroupKey,
  type GroupSums,
  type TimeFilter,
} from '../../src/server/modules/reports/time-report.store.js';
import { createTestApp, type TestApp } from '../support/app.js';
import { PG_URL, testDialects } from '../support/db.js';
import { person } from '../support/people.js';
import { makeClient, makeJob, makeTask, TestClock } from './time-entries-fixtures.js';

const dialects = await testDialects();

const FIRST = Date.UTC(2026, 0, 20);
const dateOf = (day: number) => new Date(FIRST + day * 86_400_000).toISOString().slice(0, 10);

const entryArb = fc.record({
  user: fc.integer({ min: 0, max: 2 }),
  day: fc.integer({ min: 0, max: 100 }),
  job: fc.integer({ min: 0, max: 3 }),
  task: fc.integer({ min: 0, max: 1 }),
  hours: fc.integer({ min: 0, max: 240 }).map((h) => h * 1000),
  rate: fc.integer({ min: 0, max: 3_000_000 }),
  cost: fc.integer({ min: 0, max: 1_500_000 }),
  billable: fc.boolean(),
});

const dateArb = fc.option(fc.integer({ min: -5, max: 105 }).map(dateOf), { nil: undefined });
const subset = (n: number) =>
  fc.option(fc.uniqueArray(fc.integer({ min: 0, max: n - 1 }), { minLength: 1, maxLength: n }), {
    nil: undefined,
  });

const filterArb = fc.record({
  from: dateArb,
  to: dateArb,
  users: subset(3),
  jobs: subset(4),
  clients: subset(2),
  billable: fc.option(fc.constantFrom([true], [false], [true, false]), { nil: undefined }),
  jobIsActive: fc.option(fc.constantFrom([true], [false]), { nil: undefined }),
});

const keysArb = fc.constantFrom<GroupKey[]>(
  [],
  ['job'],
  ['user'],
  ['month'],
  ['date'],
  ['job', 'month'],
  ['job', 'date'],
  ['user', 'month'],
  ['task'],
);

const sorted = (gs: GroupSums[]) =>
  gs
    .map((g) => ({ ...g, keys: Object.fromEntries(Object.entries(g.keys).sort()) }))
    .sort((a, b) => (JSON.stringify(a.keys) < JSON.stringify(b.keys) ? -1 : 1));

describe('splitRange', () => {
  it('covers every day of the range exactly once with whole months and edge days', () => {
    fc.assert(
      fc.property(
        fc.option(fc.integer({ min: 0, max: 800 }), { nil: undefined }),
        fc.option(fc.integer({ min: 0, max: 800 }), { nil: undefined }),
        (a, b) => {
          const from = a === undefined ? undefined : dateOf(a);
          const to = b === undefined ? undefined : dateOf(b);
          const split = splitRange(from, to);
          for (let d = -40; d <= 840; d++) {
            const date = dateOf(d);
            const inRange = (!from || date >= from) && (!to || date <= to);
            const m = date.slice(0, 7);
            const inMonths =
              !!split.months &&
              (!split.months.from || m >= split.months.from) &&
              (!split.months.to || m <= split.months.to);
            const inEdges = split.edges.filter((e) => date >= e.from && date <= e.to).length;
            expect(Number(inMonths) + inEdges).toBe(inRange ? 1 : 0);
          }
        },
      ),
      { numRuns: 300 },
    );
  });

  it('keeps leap days and month ends', () => {
    expect(splitRange('2024-02-01', '2024-02-29')).toEqual({
      months: { from: '2024-02', to: '2024-02' },
      edges: [],
    });
    expect(splitRange('2023-12-15', '2024-03-10')).toEqual({
      months: { from: '2024-01', to: '2024-02' },
      edges: [
        { from: '2023-12-15', to: '2023-12-31' },
        { from: '2024-03-01', to: '2024-03-10' },
      ],
    });
    expect(splitRange('2024-01-15', '2024-02-10').months).toBeNull();
  });

  it('sends what rollups cannot answer to the entries', () => {
    expect(rollupFamily({}, undefined)).toBe('company');
    expect(rollupFamily({ clientIds: ['c'] }, undefined)).toBe('job');
    expect(rollupFamily({ userIds: ['u'] }, undefined, ['month'])).toBe('user');
    expect(rollupFamily({ userIds: ['u'] }, undefined, ['date'])).toBeUndefined();
    expect(rollupFamily({ userIds: ['u'], jobIds: ['j'] }, undefined)).toBeUndefined();
    expect(rollupFamily({ taskIds: ['t'] }, undefined)).toBeUndefined();
    expect(rollupFamily({ timesheetStatuses: ['Open'] }, undefined)).toBeUndefined();
    expect(rollupFamily({}, { direction: 'Up', increment: 2500, scope: 'Entry' })).toBeUndefined();
    expect(rollupFamily({}, { direction: 'Up', increment: 2500, scope: 'Group' })).toBe('company');
  });
});

describe.each(dialects)('time rollups on %s', (dialect) => {
  let t: TestApp;
  let companyId: string;
  let token: string;
  let users: string[];
  let jobs: string[];
  let clients: string[];
  let tasks: string[];
  const clock = new TestClock();

  beforeAll(async () => {
    t = await createTestApp(dialect, {}, { clock: clock.read });
    const c = await t.company();
    companyId = c.CompanyID;
    token = c.Token;
    clients = [await makeClient(t, token, { Name: 'C0' }), await makeClient(t, token, { Name: 'C1' })];
    jobs = [
      await makeJob(t, token, clients[0]!, { Name: 'J0' }),
      await makeJob(t, token, clients[0]!, { Name: 'J1' }),
      await makeJob(t, token, clients[1]!, { Name: 'J2', IsBillable: false }),
      await makeJob(t, token, clients[1]!, { Name: 'J3' }),
    ];
    await t.deps.db
      .updateTable('jobs')
      .set({ is_active: 0 })
      .where('company_id', '=', companyId)
      .where('id', '=', jobs[3]!)
      .execute();
    tasks = [await makeTask(t, token, { Name: 'T0' }), await makeTask(t, token, { Name: 'T1' })];
    users = [(await person(t, token)).id, (await person(t, token)).id, (await person(t, token)).id];
  });
  afterAll(async () => {
    await t.close();
  });

  const db = () => t.deps.db;
  const consistent = async () => expect(await checkTimeRollups(db(), companyId)).toEqual([]);

  it('reads the same totals, groups and deep pages from the rollups as from the entries', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(entryArb, { minLength: 1, maxLength: 60 }),
        fc.array(fc.tuple(filterArb, keysArb), { minLength: 1, maxLength: 6 }),
        fc.nat(),
        async (specs, queries, seed) => {
          await db().deleteFrom('time_entries').where('company_id', '=', companyId).execute();
          const now = new Date().toISOString();
          const rows = specs.map((s) => ({
            company_id: companyId,
            id: newId(),
            user_id: users[s.user]!,
            date: dateOf(s.day),
            job_id: jobs[s.job]!,
            task_id: tasks[s.task]!,
            hours: s.hours,
            billing_rate: s.rate,
            cost_rate: s.cost,
            is_billable: s.billable ? (1 as const) : (0 as const),
            start_time: null,
            end_time: null,
            break_time: 0,
            comment: '',
            custom_fields: '{}',
            created_at: now,
            updated_at: now,
          }));
          await db().insertInto('time_entries').values(rows).execute(); // one statement, many rows
          await consistent();
          // One multi-row update moving entries across days, months, jobs and people and changing
          // measures; one that changes only a comment; one multi-row delete.
          const some = rows.filter((_, i) => (i + seed) % 3 === 0).map((r) => r.id);
          if (some.length) {
            await db()
              .updateTable('time_entries')
              .set({
                date: sql`case when date < ${dateOf(50)} then ${dateOf((seed % 90) + 3)} else date end`,
                job_id: jobs[seed % 4]!,
                user_id: users[seed % 3]!,
                hours: sql`case when hours > 1000 then hours - 1000 else hours end`,
                is_billable: sql`1 - is_billable`,
              })
              .where('company_id', '=', companyId)
              .where('id', 'in', some)
              .execute();
          }
          await db()
            .updateTable('time_entries')
            .set({ comment: 'edited' })
            .where('company_id', '=', companyId)
            .execute();
          const gone = rows.filter((_, i) => (i + seed) % 5 === 1).map((r) => r.id);
          if (gone.length)
            await db()
              .deleteFrom('time_entries')
              .where('company_id', '=', companyId)
              .where('id', 'in', gone)
              .execute();
          await consistent();

          for (const [q, keys] of queries) {
            const f: TimeFilter = {
              ...(q.from ? { fromDate: q.from } : {}),
              ...(q.to ? { toDate: q.to } : {}),
              ...(q.users ? { userIds: q.users.map((i) => users[i]!) } : {}),
              ...(q.jobs ? { jobIds: q.jobs.map((i) => jobs[i]!) } : {}),
              ...(q.clients ? { clientIds: q.clients.map((i) => clients[i]!) } : {}),
              ...(q.billable ? { isBillable: [...q.billable] } : {}),
              ...(q.jobIsActive ? { jobIsActive: [...q.jobIsActive] } : {}),
            };
            const [a, b] = [
              await timeTotals(db(), companyId, f, undefined),
              await timeTotalsFromEntries(db(), companyId, f, undefined),
            ];
            expect(a).toEqual(b);
            if (keys.length) {
              expect(sorted(await groupSums(db(), companyId, f, keys, undefined))).toEqual(
                sorted(await groupSumsFromEntries(db(), companyId, f, keys, undefined)),
              );
            }
            for (const offset of [0, 1, Math.floor(b.count / 2), Math.max(0, b.count - 2), b.count]) {
              const paging = { limit: 3, offset };
              const seeking = await timePage(db(), companyId, f, undefined, paging, 0);
              const plain = await timePageFromEntries(db(), companyId, f, undefined, paging);
              expect(seeking.map((r) => r.id)).toEqual(plain.map((r) => r.id));
            }
          }
          await db().deleteFrom('time_entries').where('company_id', '=', companyId).execute();
          await consistent();
          expect((await timeTotals(db(), companyId, {}, undefined)).count).toBe(0);
        },
      ),
      { numRuns: dialect === 'sqlite' ? 40 : 15 },
    );
  });

  it('pages deep into /TimeEntries and /Reports/Time by the day counts, in the same order as the index', async () => {
    const now = new Date().toISOString();
    const rows = Array.from({ length: 2600 }, (_, i) => ({
      company_id: companyId,
      id: newId(),
      user_id: users[i % 3]!,
      date: dateOf(i % 37),
      job_id: jobs[i % 4]!,
      task_id: tasks[0]!,
      hours: 2500,
      billing_rate: 0,
      cost_rate: 0,
      is_billable: 1 as const,
      break_time: 0,
      comment: '',
      custom_fields: '{}',
      start_time: null,
      end_time: null,
      created_at: now,
      updated_at: now,
    }));
    for (let i = 0; i < rows.length; i += 500) {
      await db()
        .insertInto('time_entries')
        .values(rows.slice(i, i + 500))
        .execute();
    }
    // The order is the database's own (its collation), whichever path the page takes.
    const idsInOrder = async (direction: 'asc' | 'desc', from = '0000-00-00', to = '9999-99-99') =>
      (
        await sql<{ id: string }>`select id from time_entries
          where company_id = ${companyId} and date >= ${from} and date <= ${to}
          order by date ${sql.raw(direction)}, id ${sql.raw(direction)}`.execute(db())
      ).rows.map((r) => r.id);
    const desc = await idsInOrder('desc');
    const asc = await idsInOrder('asc');
    for (const offset of [0, 1999, 2000, 2317, 2599]) {
      const list = await t.call('GET', `/v2/TimeEntries?limit=100&offset=${offset}`, { token });
      expect(list.body.page.count).toBe(2600);
      expect(list.body.data.map((e: { ID: string }) => e.ID)).toEqual(desc.slice(offset, offset + 100));
      const report = await t.call('GET', `/v2/Reports/Time?limit=100&offset=${offset}`, { token });
      expect(report.body.page.count).toBe(2600);
      expect(report.body.data.map((e: { ID: string }) => e.ID)).toEqual(asc.slice(offset, offset + 100));
    }
    const ranged = await t.call(
      'GET',
      `/v2/TimeEntries?StartDate=${dateOf(3)}&EndDate=${dateOf(30)}&limit=50&offset=2000`,
      { token },
    );
    const inRange = await idsInOrder('desc', dateOf(3), dateOf(30));
    expect(ranged.body.page.count).toBe(inRange.length);
    expect(ranged.body.data.map((e: { ID: string }) => e.ID)).toEqual(inRange.slice(2000, 2050));
    await db().deleteFrom('time_entries').where('company_id', '=', companyId).execute();
  });

  it('stays exact under concurrent writers sharing the same days and jobs', async () => {
    const dates = ['2026-02-02', '2026-02-03', '2026-02-04', '2026-03-02'];
    const replies = await Promise.all(
      Array.from({ length: 12 }, (_, i) => {
        // Half the batches list the days forwards, half backwards: shared rollup rows in both orders.
        const order = i % 2 ? [...dates].reverse() : dates;
        return t.call('POST', '/v2/TimeEntries', {
          token,
          body: order.map((Date) => ({
            UserID: users[i % 3],
            JobID: jobs[i % 2],
            TaskID: tasks[0],
            Date,
            Hours: 0.5,
          })),
        });
      }),
    );
    expect(replies.map((r) => r.status)).toEqual(replies.map(() => 201));
    await consistent();
    expect(await timeTotals(db(), companyId, {}, undefined)).toMatchObject({ count: 48, hours: 48 * 5000 });
    await db().deleteFrom('time_entries').where('company_id', '=', companyId).execute();
  });

  it.runIf(dialect === 'postgres')(
    'is kept by writes from a connection whose search_path is another schema',
    async () => {
      const schema = (await sql<{ s: string }>`select current_schema() as s`.execute(db())).rows[0]!.s;
      const client = new pg.Client({ connectionString: PG_URL });
      await client.connect();
      try {
        const now = new Date().toISOString();
        await client.query(
          `insert into ${schema}.time_entries (company_id, id, user_id, date, job_id, task_id, hours,
             billing_rate, cost_rate, is_billable, created_at, updated_at)
           values ($1, $2, $3, '2026-02-10', $4, $5, 12500, 1000000, 400000, 1, $6, $6)`,
          [companyId, newId(), users[0], jobs[0], tasks[0], now],
        );
      } finally {
        await client.end();
      }
      await consistent();
      expect(
        await timeTotals(db(), companyId, { fromDate: '2026-02-10', toDate: '2026-02-10' }, undefined),
      ).toMatchObject({
        count: 1,
        hours: 12500,
      });
      await db().deleteFrom('time_entries').where('company_id', '=', companyId).execute();
      await consistent();
    },
  );

  it('is kept by the API writes: batch create, PATCH, timers and DELETE', async () => {
    const call = (method: string, url: string, body?: unknown) =>
      t.call(method, url, { token, ...(body === undefined ? {} : { body }) });
    const created = await call('POST', '/v2/TimeEntries', [
      { UserID: users[0], JobID: jobs[0], TaskID: tasks[0], Date: '2026-01-30', Hours: 2 },
      { UserID: users[1], JobID: jobs[1], TaskID: tasks[1], Date: '2026-02-01', Hours: 1.5 },
      { UserID: users[2], JobID: jobs[2], TaskID: tasks[0], Date: '2026-02-02', Hours: 3 },
    ]);
    expect(created.status).toBe(201);
    const ids: string[] = created.body.data.map((e: { ID: string }) => e.ID);
    await consistent();
    expect((await call('PATCH', `/v2/TimeEntries/${ids[0]}`, { Hours: 4, JobID: jobs[1] })).status).toBe(200);
    expect((await call('PATCH', `/v2/TimeEntries/${ids[1]}`, { Comment: 'only words' })).status).toBe(200);
    await consistent();
    expect((await call('DELETE', `/v2/TimeEntries/${ids[2]}`)).status).toBe(200);
    await consistent();
    // A stopwatch: stopping adds the elapsed half hour to the admin's own entry of today.
    const today = clock.read().toISOString().slice(0, 10);
    const own = await call('POST', '/v2/Me/TimeEntries', {
      JobID: jobs[0],
      TaskID: tasks[0],
      Date: today,
      Hours: 1,
    });
    expect(own.status).toBe(201);
    const timer = `/v2/Me/TimeEntries/${own.body.data.ID}/Timer`;
    expect((await call('POST', timer)).status).toBe(201);
    clock.advance(1800);
    expect((await call('PUT', timer, { Intervals: [{ Start: '12:00:00', End: '12:30:00' }] })).status).toBe(
      200,
    );
    expect(await checkTimeRollups(db(), companyId)).toEqual([]);
    expect((await timeTotals(db(), companyId, { fromDate: today, toDate: today }, undefined)).hours).toBe(
      15_000,
    );
    expect((await call('DELETE', `/v2/TimeEntries/${own.body.data.ID}`)).status).toBe(200);
    const totals = await t.call('GET', '/v2/Reports/Time?StartDate=2026-01-01&EndDate=2026-02-28', { token });
    expect(totals.body.meta.Totals).toMatchObject({ Count: 2, Hours: 5.5 });
    // A rebuild from scratch finds the same.
    await rebuildTimeRollups(db(), companyId);
    await consistent();
    await db().deleteFrom('time_entries').where('company_id', '=', companyId).execute();
    await consistent();
  });
});
