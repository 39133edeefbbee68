/**
 * Holiday types, holidays and the holiday entries derived from them, on both databases.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../support/app.js';
import { testDialects } from '../support/db.js';
import { manager, person, type Person } from '../support/people.js';
import { fieldsOf, storeSettings } from './time-entries-fixtures.js';

const dialects = await testDialects();

describe.each(dialects)('holidays on %s', (dialect) => {
  let t: TestApp;
  let admin: string;
  let adminId: string;
  let companyId: string;
  let federal: string;
  let alice: Person;

  beforeAll(async () => {
    t = await createTestApp(dialect);
    const c = await t.company('Holiday Co');
    admin = c.Token;
    adminId = c.UserID;
    companyId = c.CompanyID;
    alice = await person(t, admin, { Name: 'Alice', StartDate: '2026-01-01' });
    const res = await t.call('POST', '/v2/HolidayTypes', {
      token: admin,
      body: { Name: 'Federal', Notes: 'US' },
    });
    expect(res.status).toBe(201);
    federal = res.body.data.ID;
  });
  afterAll(() => t.close());

  it('holiday types: anyone reads, Admins create and change', async () => {
    const list = await t.call('GET', '/v2/HolidayTypes', { token: alice.token });
    expect(list.status).toBe(200);
    expect(list.body.data).toEqual([{ ID: federal, Name: 'Federal', IsActive: true }]);
    const full = await t.call('GET', `/v2/HolidayTypes/${federal}`, { token: admin });
    expect(full.body.data).toMatchObject({ Notes: 'US', AccountingPackageID: '', CustomFields: {} });
    expect(
      (await t.call('POST', '/v2/HolidayTypes', { token: alice.token, body: { Name: 'Mine' } })).status,
    ).toBe(403);
    const m = await manager(t, admin, { 'Add/Edit Employment Types': 'All' });
    expect(
      (await t.call('PATCH', `/v2/HolidayTypes/${federal}`, { token: m.token, body: { Name: 'X' } })).status,
    ).toBe(403);
    const bad = await t.call('POST', '/v2/HolidayTypes', {
      token: admin,
      body: [{ Name: 'ok' }, { IsActive: 'yes' }],
    });
    expect(bad.status).toBe(400);
    expect(fieldsOf(bad)).toEqual(['[1].IsActive', '[1].Name']);
    const blank = await t.call('POST', '/v2/HolidayTypes', {
      token: admin,
      body: [{ Name: 'ok' }, { Name: ' ' }],
    });
    expect(fieldsOf(blank)).toEqual(['[1].Name']);
    const renamed = await t.call('PATCH', `/v2/HolidayTypes/${federal}`, {
      token: admin,
      body: { Name: 'Federal holidays' },
    });
    expect(renamed.body.data.Name).toBe('Federal holidays');
    expect((await t.call('GET', '/v2/HolidayTypes?Types=external', { token: admin })).body.page.count).toBe(
      0,
    );
    expect((await t.call('GET', '/v2/HolidayTypes?Types=bogus', { token: admin })).status).toBe(400);
    expect((await t.call('GET', '/v2/HolidayTypes/new', { token: alice.token })).body.data).toMatchObject({
      ID: '',
      Name: '',
    });
  });

  it('holidays: one per type and date, hours on the grid, Date fixed; Admins write, anyone reads', async () => {
    const created = await t.call('POST', '/v2/Holidays', {
      token: admin,
      body: [
        { Date: '2026-07-03', HolidayTypeID: federal, Hours: 8, Notes: 'Independence Day (observed)' },
        { Date: '2026-12-25', HolidayTypeID: federal, Hours: '8' },
      ],
    });
    expect(created.status).toBe(201);
    expect(created.body.data.map((h: any) => [h.Date, h.Hours])).toEqual([
      ['2026-07-03', 8],
      ['2026-12-25', 8],
    ]);
    const [july, xmas] = created.body.data.map((h: any) => h.ID);
    const again = await t.call('POST', '/v2/Holidays', {
      token: admin,
      body: { Date: '2026-07-03', HolidayTypeID: federal, Hours: 4 },
    });
    expect(again.status).toBe(409);
    const bad = await t.call('POST', '/v2/Holidays', {
      token: admin,
      body: { Date: '2026-07-04', HolidayTypeID: 'nope', Hours: 0.001 },
    });
    expect(bad.status).toBe(400);
    expect(fieldsOf(bad)).toEqual(['HolidayTypeID', 'Hours']);
    expect(
      (
        await t.call('POST', '/v2/Holidays', {
          token: alice.token,
          body: { Date: '2026-07-04', HolidayTypeID: federal, Hours: 8 },
        })
      ).status,
    ).toBe(403);

    const listed = await t.call('GET', '/v2/Holidays?StartDate=2026-07-01&EndDate=2026-12-31', {
      token: alice.token,
    });
    expect(listed.body.data.map((h: any) => h.ID)).toEqual([xmas, july]);
    expect(
      (await t.call('GET', '/v2/Holidays?Date=2026-12-25', { token: alice.token })).body.data[0].ID,
    ).toBe(xmas);
    expect((await t.call('GET', '/v2/Holidays?StartDate=July', { token: alice.token })).status).toBe(400);

    const patched = await t.call('PATCH', `/v2/Holidays/${july}`, {
      token: admin,
      body: { Hours: 4, Date: '2026-07-04' },
    });
    expect(patched.body.data).toMatchObject({ Date: '2026-07-03', Hours: 4 });
    expect(patched.body.meta.Warnings[0]).toMatch(/Date was ignored/);
    const verbose = await t.call('GET', `/v2/HolidayTypes/${federal}?Verbose=true`, { token: alice.token });
    expect(verbose.body.data.Dates.map((h: any) => h.Date)).toEqual(['2026-07-03', '2026-12-25']);

    expect((await t.call('DELETE', `/v2/Holidays/${xmas}`, { token: alice.token })).status).toBe(403);
    expect((await t.call('DELETE', `/v2/Holidays/${xmas}`, { token: admin })).status).toBe(200);
    expect((await t.call('GET', `/v2/Holidays/${xmas}`, { token: admin })).status).toBe(404);
    expect((await t.call('DELETE', `/v2/Holidays/${xmas}`, { token: admin })).status).toBe(404);
  });

  it('holiday entries: each person gets each holiday within their dates; an Admin may change or remove one', async () => {
    const type = (await t.call('POST', '/v2/HolidayTypes', { token: admin, body: { Name: 'Company days' } }))
      .body.data.ID;
    const h = (
      await t.call('POST', '/v2/Holidays', {
        token: admin,
        body: { Date: '2026-11-27', HolidayTypeID: type, Hours: 8, Notes: 'Friday after' },
      })
    ).body.data;
    const leaver = await person(t, admin, { Name: 'Leaver', EndDate: '2026-10-31' });

    const mine = await t.call('GET', `/v2/Me/HolidayEntries?HolidayTypeID=${type}`, { token: alice.token });
    expect(mine.status).toBe(200);
    expect(mine.body.data).toEqual([
      {
        ID: `${h.ID}.${alice.id}`,
        Date: '2026-11-27',
        HolidayTypeID: type,
        Hours: 8,
        Notes: 'Friday after',
        UserID: alice.id,
      },
    ]);
    expect(
      (await t.call('GET', `/v2/Me/HolidayEntries?HolidayTypeID=${type}`, { token: leaver.token })).body.page
        .count,
    ).toBe(0);

    const all = await t.call('GET', `/v2/HolidayEntries?HolidayID=${h.ID}&Verbose=true`, { token: admin });
    const people = all.body.data.map((e: any) => e.UserID);
    expect(people).toContain(adminId);
    expect(people).toContain(alice.id);
    expect(people).not.toContain(leaver.id);
    expect(all.body.page.count).toBe(people.length);
    expect(all.body.data[0].HolidayType).toEqual({ ID: type, Name: 'Company days', IsActive: true });
    expect((await t.call('GET', '/v2/HolidayEntries', { token: alice.token })).status).toBe(403);

    const entryId = `${h.ID}.${alice.id}`;
    const changed = await t.call('PATCH', `/v2/HolidayEntries/${entryId}`, {
      token: admin,
      body: { Hours: 4 },
    });
    expect(changed.status).toBe(200);
    expect(changed.body.data).toMatchObject({ ID: entryId, Hours: 4, Notes: 'Friday after' });
    // The holiday itself and everyone else's entry keep 8 h.
    expect(
      (await t.call('GET', `/v2/HolidayEntries/${h.ID}.${adminId}`, { token: admin })).body.data.Hours,
    ).toBe(8);
    expect(
      (await t.call('GET', `/v2/Me/HolidayEntries/${entryId}`, { token: alice.token })).body.data.Hours,
    ).toBe(4);
    expect(
      (await t.call('GET', `/v2/Me/HolidayEntries/${h.ID}.${adminId}`, { token: alice.token })).status,
    ).toBe(404);

    expect((await t.call('DELETE', `/v2/HolidayEntries/${entryId}`, { token: admin })).status).toBe(200);
    expect((await t.call('GET', `/v2/Me/HolidayEntries/${entryId}`, { token: alice.token })).status).toBe(
      404,
    );
    expect(
      (await t.call('PATCH', '/v2/HolidayEntries/garbage', { token: admin, body: { Hours: 1 } })).status,
    ).toBe(404);
  });

  it('under "employment type" a person gets only the holidays of their employment type’s holiday types', async () => {
    const type = (
      await t.call('POST', '/v2/HolidayTypes', { token: admin, body: { Name: 'Plant shutdown' } })
    ).body.data.ID;
    const h = (
      await t.call('POST', '/v2/Holidays', {
        token: admin,
        body: { Date: '2026-08-14', HolidayTypeID: type, Hours: 8 },
      })
    ).body.data;
    const plant = (await t.call('POST', '/v2/EmploymentTypes', { token: admin, body: { Name: 'Plant' } }))
      .body.data.ID;
    const worker = await person(t, admin, { EmploymentTypeID: plant });

    expect((await t.call('GET', `/v2/HolidayTypes/${type}/EmploymentTypes`, { token: admin })).status).toBe(
      403,
    );
    expect((await t.call('GET', `/v2/EmploymentTypes/${plant}/HolidayTypes`, { token: admin })).status).toBe(
      403,
    );
    await t.call('PATCH', '/v2/Company', {
      token: admin,
      body: { TimeOffTypeRestrictionMethod: 'employment type' },
    });
    try {
      expect(
        (await t.call('GET', `/v2/Me/HolidayEntries?HolidayID=${h.ID}`, { token: worker.token })).body.page
          .count,
      ).toBe(0);
      const linked = await t.call('POST', `/v2/HolidayTypes/${type}/EmploymentTypes`, {
        token: admin,
        body: { EmploymentTypeID: plant },
      });
      expect(linked.body.data).toEqual([plant]);
      expect(
        (await t.call('GET', `/v2/EmploymentTypes/${plant}/HolidayTypes`, { token: admin })).body.data,
      ).toEqual([type]);
      expect(
        (await t.call('GET', `/v2/HolidayTypes/${type}`, { token: admin })).body.data.EmploymentTypeIDs,
      ).toEqual([plant]);
      expect(
        (await t.call('GET', `/v2/Me/HolidayEntries?HolidayID=${h.ID}`, { token: worker.token })).body.page
          .count,
      ).toBe(1);
      expect(
        (await t.call('GET', `/v2/Me/HolidayEntries?HolidayID=${h.ID}`, { token: alice.token })).body.page
          .count,
      ).toBe(0);
      const etEditor = await manager(t, admin, { 'Add/Edit Employment Types': 'All' });
      expect(
        (
          await t.call('PUT', `/v2/EmploymentTypes/${plant}/HolidayTypes`, {
            token: etEditor.token,
            body: [],
          })
        ).body.data,
      ).toEqual([]);
      expect(
        (
          await t.call('PUT', `/v2/HolidayTypes/${type}/EmploymentTypes`, {
            token: etEditor.token,
            body: [plant],
          })
        ).status,
      ).toBe(403);
      expect(
        (await t.call('GET', `/v2/Me/HolidayEntries?HolidayID=${h.ID}`, { token: worker.token })).body.page
          .count,
      ).toBe(0);
      const unknown = await t.call('POST', `/v2/HolidayTypes/${type}/EmploymentTypes`, {
        token: admin,
        body: { EmploymentTypeID: 'nope' },
      });
      expect(unknown.status).toBe(400);
      expect(fieldsOf(unknown)).toEqual(['EmploymentTypeID']);
    } finally {
      await t.call('PATCH', '/v2/Company', { token: admin, body: { TimeOffTypeRestrictionMethod: 'none' } });
    }
  });

  it('DCAA closes holiday writes and holiday entries; the module gates creating holidays and types', async () => {
    const hol = (await t.call('GET', '/v2/Holidays', { token: admin })).body.data[0].ID;
    await storeSettings(t, companyId, { DCAALogEnabled: true });
    try {
      expect((await t.call('POST', '/v2/HolidayTypes', { token: admin, body: { Name: 'X' } })).status).toBe(
        403,
      );
      expect(
        (await t.call('PATCH', `/v2/Holidays/${hol}`, { token: admin, body: { Hours: 2 } })).status,
      ).toBe(403);
      expect((await t.call('DELETE', `/v2/Holidays/${hol}`, { token: admin })).status).toBe(403);
      expect((await t.call('GET', '/v2/Me/HolidayEntries', { token: alice.token })).status).toBe(403);
      expect((await t.call('GET', '/v2/Holidays', { token: alice.token })).status).toBe(200);
    } finally {
      await storeSettings(t, companyId, { DCAALogEnabled: false });
    }
    await t.call('PATCH', '/v2/Company', {
      token: admin,
      body: { OptionalModules: { TimeOffManagement: false } },
    });
    try {
      expect((await t.call('POST', '/v2/HolidayTypes', { token: admin, body: { Name: 'X' } })).status).toBe(
        403,
      );
      expect(
        (
          await t.call('POST', '/v2/Holidays', {
            token: admin,
            body: { Date: '2026-01-02', HolidayTypeID: federal, Hours: 8 },
          })
        ).status,
      ).toBe(403);
      expect(
        (await t.call('PATCH', `/v2/HolidayTypes/${federal}`, { token: admin, body: { Notes: 'ok' } }))
          .status,
      ).toBe(200);
    } finally {
      await t.call('PATCH', '/v2/Company', {
        token: admin,
        body: { OptionalModules: { TimeOffManagement: true } },
      });
    }
  });

  it('another company’s holidays are unknown', async () => {
    const other = await t.company('Other Holidays');
    const theirType = (
      await t.call('POST', '/v2/HolidayTypes', { token: other.Token, body: { Name: 'Theirs' } })
    ).body.data.ID;
    const theirs = (
      await t.call('POST', '/v2/Holidays', {
        token: other.Token,
        body: { Date: '2026-05-01', HolidayTypeID: theirType, Hours: 8 },
      })
    ).body.data.ID;
    expect((await t.call('GET', `/v2/Holidays/${theirs}`, { token: admin })).status).toBe(404);
    expect(
      (await t.call('PATCH', `/v2/HolidayTypes/${theirType}`, { token: admin, body: { Name: 'Mine' } }))
        .status,
    ).toBe(404);
    expect(
      (await t.call('GET', `/v2/HolidayEntries/${theirs}.${other.UserID}`, { token: admin })).status,
    ).toBe(404);
    const cross = await t.call('POST', '/v2/Holidays', {
      token: admin,
      body: { Date: '2026-05-01', HolidayTypeID: theirType, Hours: 8 },
    });
    expect(fieldsOf(cross)).toEqual(['HolidayTypeID']);
    expect(
      (await t.call('GET', '/v2/Holidays?limit=1000', { token: admin })).body.data.some(
        (h: any) => h.ID === theirs,
      ),
    ).toBe(false);
  });
});
