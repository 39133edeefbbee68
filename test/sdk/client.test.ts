import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  isApiError,
  Paginated,
  PunchclockApiError,
  PunchclockClient,
  PunchclockNetworkError,
  toQueryString,
} from '../../src/sdk/index.js';
import { testDialects } from '../support/db.js';
import { failure, liveServer, type LiveServer } from './support.js';

const dialects = await testDialects();

describe('toQueryString', () => {
  it('repeats arrays, drops undefined and null, and encodes', () => {
    expect(toQueryString({ ID: ['a', 'b'], IsActive: true, Name: 'Doe, J', x: undefined, y: null })).toBe(
      '?ID=a&ID=b&IsActive=true&Name=Doe%2C+J',
    );
    expect(toQueryString({})).toBe('');
  });
});

describe('Paginated', () => {
  it('steps by the limit the server used and stops at count, next=null or max', async () => {
    const all = Array.from({ length: 7 }, (_, i) => i);
    const asked: [number, number | undefined][] = [];
    const fetchPage = async (offset: number, limit: number | undefined) => {
      asked.push([offset, limit]);
      const used = Math.min(limit ?? 100, 3); // the server clamps to 3
      const items = all.slice(offset, offset + used);
      return {
        items,
        count: all.length,
        offset,
        limit: used,
        next: offset + used < all.length ? 'next' : null,
        previous: null,
      };
    };
    expect(await new Paginated(fetchPage, { pageSize: 10 }).toArray()).toEqual(all);
    expect(asked).toEqual([
      [0, 10],
      [3, 10],
      [6, 10],
    ]);
    expect(await new Paginated(fetchPage, { max: 4 }).toArray()).toEqual([0, 1, 2, 3]);
    expect(await new Paginated(fetchPage, { offset: 5 }).toArray()).toEqual([5, 6]);
  });
});

describe.each(dialects)('SDK against a live server on %s', (dialect) => {
  let s: LiveServer;
  let admin: PunchclockClient;
  beforeAll(async () => {
    s = await liveServer(dialect);
    admin = new PunchclockClient({ baseUrl: s.baseUrl, token: s.admin.Token });
  });
  afterAll(() => s?.close());

  it('gets the token with Basic on GET /Me, then works with the token', async () => {
    const { client, me, token } = await PunchclockClient.withPassword({
      baseUrl: `${s.baseUrl}/v2/`,
      email: s.admin.Email,
      password: s.admin.password,
    });
    expect(token).toBe(s.admin.Token);
    expect(me.AuthToken?.Token).toBe(token);
    expect(me.SecurityLevel).toBe('ADMIN');
    expect((await client.company.get()).Name).toBe('SDK Co');
  });

  it('throws PunchclockApiError with status, errors and RequestID', async () => {
    const basic = new PunchclockClient({
      baseUrl: s.baseUrl,
      auth: { kind: 'basic', email: s.admin.Email, password: s.admin.password },
    });
    const refused = await basic.users.list().catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(PunchclockApiError);
    expect(isApiError(refused, 401)).toBe(true);

    const missing = await failure(admin.users.get('no-such-person'));
    expect(missing).toBeInstanceOf(PunchclockApiError);
    expect(missing.status).toBe(404);
    expect(missing.code).toBe('not_found');
    expect(missing.requestId).toMatch(/\S+/);
    expect(missing.errors[0]!.Message).toMatch(/not found/);
    expect(missing.method).toBe('GET');

    const invalid = await failure(admin.users.create({ Name: '', Email: 'nope' }));
    expect(invalid.status).toBe(400);
    expect(Object.keys(invalid.fieldErrors()).sort()).toEqual(['Email', 'Name']);
  });

  it('reports an unreachable server as a network error', async () => {
    const offline = new PunchclockClient({ baseUrl: 'http://127.0.0.1:9', token: 'x' });
    await expect(offline.me.get()).rejects.toBeInstanceOf(PunchclockNetworkError);
  });

  it('pages through a list with limit/offset as an async iterable', async () => {
    await admin.users.createMany(
      Array.from({ length: 6 }, (_, i) => ({
        Name: `Paged ${i}`,
        Email: `paged${i}-${dialect}@sdk.test`,
        Password: 'long enough pw',
      })),
    );
    const first = await admin.users.list({ limit: 4 });
    expect(first.items).toHaveLength(4);
    expect(first.count).toBe(7);
    expect(first.next).toMatch(/offset=4/);
    const names: string[] = [];
    const pages: number[] = [];
    const paged = admin.users.iterate({ IsActive: true }, { pageSize: 3 });
    for await (const page of paged.pages()) pages.push(page.items.length);
    for await (const user of paged) names.push(user.Name);
    expect(pages).toEqual([3, 3, 1]);
    expect(names).toHaveLength(7);
    expect(new Set(names).size).toBe(7);
    expect(await admin.users.all({ Name: ['Paged 1', 'Paged 2'] })).toHaveLength(2);
    expect((await admin.users.list({ offset: 100 })).items).toEqual([]);
  });

  it('invites a person, who sets a password through the link and signs in', async () => {
    const email = `invitee-${dialect}@sdk.test`;
    const { user, invitation } = await admin.users.invite({ Name: 'Invitee', Email: email });
    expect(user.Email).toBe(email);
    expect(invitation?.URL).toMatch(/\/invite\/[\w-]+$/);
    const token = new URL(invitation!.URL).pathname.split('/').pop()!;
    const anonymous = new PunchclockClient({ baseUrl: s.baseUrl });
    expect(await anonymous.web.acceptInvitation(token, 'invited and chosen')).toEqual({ Email: email });
    const { me } = await PunchclockClient.withPassword({
      baseUrl: s.baseUrl,
      email,
      password: 'invited and chosen',
    });
    expect(me.ID).toBe(user.ID);
  });

  it('manages security levels, manager permissions, divisions and employment types', async () => {
    const person = await admin.users.create({
      Name: 'Manny',
      Email: `manny-${dialect}@sdk.test`,
      Password: 'manny manny',
    });
    const promoted = await admin.users.update(person.ID, { SecurityLevel: 'MANAGER' });
    expect(promoted.SecurityLevel).toBe('MANAGER');
    const names = await admin.company.permissions();
    expect(names).toContain('View People');
    const set = await admin.users.permissions(person.ID).set([{ Name: 'View People', AccessLevel: 'All' }]);
    expect(set).toEqual([{ Name: 'View People', AccessLevel: 'All' }]);
    expect(await admin.users.permissions(person.ID).get()).toEqual(set);

    const division = await admin.divisions.create({ Name: 'North' });
    expect((await admin.divisions.update(division.ID, { Notes: 'cold' })).Notes).toBe('cold');
    expect((await admin.divisions.all({ Name: 'North' })).map((d) => d.ID)).toEqual([division.ID]);
    const template = await admin.divisions.template();
    expect(template.IsActive).toBe(true);

    const type = await admin.employmentTypes.create({ Name: 'Contractor' });
    expect(await admin.employmentTypes.assignUsers(type.ID, [person.ID])).toContain(person.ID);
    expect(await admin.employmentTypes.users(type.ID)).toEqual([person.ID]);
  });

  it('changes company settings and reads them back', async () => {
    const updated = await admin.company.update({ JobTermSingular: 'Project', WeekStartsOn: 'Sunday' });
    expect(updated).toMatchObject({ JobTermSingular: 'Project', WeekStartsOn: 'Sunday' });
    expect((await admin.company.get()).JobTermSingular).toBe('Project');
    expect(await admin.me.services()).toContain('Expenses');
  });

  it('holds a web session in Node: CSRF on writes, token reset with the password, sign-out', async () => {
    const email = `session-${dialect}@sdk.test`;
    await admin.users.create({ Name: 'Sess', Email: email, Password: 'session pass' });
    const web = new PunchclockClient({ baseUrl: s.baseUrl });
    const session = await web.web.signIn(email, 'session pass');
    expect(session.CsrfToken).toMatch(/\S{20,}/);
    expect(web.transport.csrfToken).toBe(session.CsrfToken);
    expect((await web.me.update({ NumEntries: 7 })).NumEntries).toBe(7);

    // A reload forgets the CSRF token but keeps the cookie: the client learns it again.
    web.transport.setCsrfToken(null);
    expect((await web.me.update({ PreferredTimeFormat: '24Hour' })).PreferredTimeFormat).toBe('24Hour');

    const before = (await web.me.get()).AuthToken!.Token;
    const wrong = await failure(web.web.resetToken('not the password'));
    expect(wrong.status).toBe(400);
    expect(wrong.fieldErrors().Password).toMatch(/not correct/);
    const fresh = await web.web.resetToken('session pass');
    expect(fresh.Token).not.toBe(before);
    const old = new PunchclockClient({ baseUrl: s.baseUrl, token: before });
    expect((await failure(old.me.get())).status).toBe(401);
    expect((await new PunchclockClient({ baseUrl: s.baseUrl, token: fresh.Token }).me.get()).Email).toBe(
      email,
    );

    await web.web.signOut();
    expect((await failure(web.web.session())).status).toBe(401);
  });

  it('resets the token with Basic on POST /Me/ResetAuthToken', async () => {
    const email = `basic-${dialect}@sdk.test`;
    await admin.users.create({ Name: 'Basic', Email: email, Password: 'basic basic' });
    const { client, token } = await PunchclockClient.withPassword({
      baseUrl: s.baseUrl,
      email,
      password: 'basic basic',
    });
    const fresh = await client.me.resetToken({ email, password: 'basic basic' });
    expect(fresh.Token).not.toBe(token);
    expect((await failure(client.me.get())).status).toBe(401);
  });
});

describe('SDK throttling', () => {
  let s: LiveServer;
  beforeAll(async () => {
    s = await liveServer('sqlite');
  });
  afterAll(() => s?.close());

  it('carries Retry-After on a throttled sign-in', async () => {
    const web = new PunchclockClient({ baseUrl: s.baseUrl });
    let last: PunchclockApiError | undefined;
    for (let i = 0; i < 12; i++) {
      last = await failure(web.web.signIn(s.admin.Email, 'wrong wrong'));
      if (last.status === 429) break;
    }
    expect(last?.status).toBe(429);
    expect(last?.code).toBe('throttled');
    expect(last?.retryAfter).toBeGreaterThan(0);
  });
});

describe('SDK: master data, time and expenses', () => {
  let s: LiveServer;
  let pc: PunchclockClient;
  let ready = false;
  beforeAll(async () => {
    s = await liveServer('sqlite');
    pc = new PunchclockClient({ baseUrl: s.baseUrl, token: s.admin.Token });
    const ops = await pc.operations();
    ready = [
      'GET /v2/Jobs',
      'GET /v2/Me/TimeEntries',
      'GET /v2/Me/Timesheets/{timesheetID}',
      'GET /v2/Me/ExpenseSheets',
    ].every((op) => ops.has(op));
    if (!ready)
      console.warn('*** the server lacks the master-data, time or expense API: those SDK tests are skipped');
  });
  afterAll(() => s?.close());

  it('creates clients, jobs and tasks and logs time on a timesheet', async (ctx) => {
    if (!ready) ctx.skip();
    const client = await pc.clients.create({ Name: 'Globex' });
    const job = await pc.jobs.create({ Name: 'Website', ClientID: client.ID, JobNumber: 'J-7' });
    const task = await pc.tasks.create({ Name: 'Build' });
    expect(job.ListDisplayText).toContain('Website');
    expect((await pc.me.jobs.all()).map((j) => j.ID)).toContain(job.ID);

    const entry = await pc.me.timeEntries.create({
      Date: '2026-11-23',
      JobID: job.ID,
      TaskID: task.ID,
      Hours: 2.5,
      Comment: 'mockups',
    });
    expect(entry.Hours).toBe(2.5);
    const week = await pc.me.timeEntries.all({
      StartDate: '2026-11-23',
      EndDate: '2026-11-29',
      Verbose: true,
    });
    expect(week.map((e) => e.ID)).toEqual([entry.ID]);
    expect(week[0]!.Job?.ID).toBe(job.ID);
    expect((await pc.me.timeEntries.update(entry.ID, { Hours: 3 })).Hours).toBe(3);

    const sheet = await pc.me.timesheets.get('2026-11-25', { Verbose: true });
    expect(sheet.StartDate <= '2026-11-23' && sheet.EndDate >= '2026-11-23').toBe(true);
    expect(await pc.me.timesheets.actions(sheet.ID)).toContain('Submit');
    const submitted = await pc.me.timesheets.act(sheet.ID, { Action: 'Submit' });
    expect(submitted.HasBeenSubmitted).toBe(true);
    expect((await pc.me.timesheets.history(sheet.ID)).map((h) => h.Action)).toContain('Submit');

    const weekly = await pc.me.timeSummary.weekly({ StartDate: sheet.StartDate, EndDate: sheet.EndDate });
    expect(weekly[0]!.Hours.reduce((sum, d) => sum + d.Hours, 0)).toBe(3);
  });

  it('files an expense sheet with a mileage item at the company rate', async (ctx) => {
    if (!ready) ctx.skip();
    const types = await pc.expenseTypes.all({ IsActive: true });
    const mileage = types.find((t) => t.Type === 'Mileage')!;
    const payment = (await pc.paymentTypes.all())[0]!;
    const sheet = await pc.me.expenseSheets.create({ Title: 'Trip', ExpenseSheetDate: '2026-11-20' });
    const item = await pc.me.expenseItems.create({
      ExpenseSheetID: sheet.ID,
      ExpenseDate: '2026-11-20',
      ExpenseTypeID: mileage.ID,
      PaymentTypeID: payment.ID,
      Quantity: 12.5,
    });
    expect(item.Rate).toBe(mileage.Rate);
    expect(item.Amount).toBe(Math.round(mileage.Rate! * 12.5 * 100) / 100);
    expect((await pc.me.expenseSheets.get(sheet.ID)).TotalAmount).toBe(item.Amount);
    expect(await pc.me.expenseItems.all({ ExpenseSheetID: sheet.ID })).toHaveLength(1);
  });
});
