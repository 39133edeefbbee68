import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../support/app.js';
import { testDialects } from '../support/db.js';
import { manager, person } from '../support/people.js';

const dialects = await testDialects();

describe.each(dialects)('custom fields on %s', (dialect) => {
  let t: TestApp;
  let admin: string;
  let other: string;
  let clientId: string;

  const call = (method: string, path: string, token: string, body?: unknown) =>
    t.call(method, `/v2${path}`, body === undefined ? { token } : { token, body });
  const define = async (body: Record<string, unknown>, token = admin) => {
    const res = await call('POST', '/CustomFieldDefinitions', token, body);
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    return res.body.data as { ID: string; Name: string; DisplayName: string };
  };

  beforeAll(async () => {
    t = await createTestApp(dialect);
    admin = (await t.company('Fields Co')).Token;
    other = (await t.company('Other Fields Co')).Token;
    clientId = (await call('POST', '/Clients', admin, { Name: 'Field client' })).body.data.ID;
  });
  afterAll(() => t.close());

  describe('definitions', () => {
    it('lets an Admin create, read, change and delete definitions', async () => {
      const created = await call('POST', '/CustomFieldDefinitions', admin, {
        Name: 'Region',
        EntityType: 'client',
        DataType: 'pulldown',
        PulldownValues: ['North', 'South'],
      });
      expect(created.status).toBe(201);
      expect(created.body.data).toMatchObject({
        Name: 'Region',
        DisplayName: 'Region',
        EntityType: 'Client',
        DataType: 'Pulldown',
        IsRequired: false,
        PulldownValues: ['North', 'South'],
      });
      const id = created.body.data.ID as string;
      expect((await call('GET', `/CustomFieldDefinitions/${id}`, admin)).body.data.Name).toBe('Region');
      const changed = await call('PATCH', `/CustomFieldDefinitions/${id}`, admin, {
        DisplayName: 'Sales region',
        PulldownValues: ['North', 'South', 'West'],
        DataType: 'Text',
      });
      expect(changed.status).toBe(200);
      expect(changed.body.data).toMatchObject({ DisplayName: 'Sales region', DataType: 'Pulldown' });
      expect((await call('DELETE', `/CustomFieldDefinitions/${id}`, admin)).status).toBe(200);
      expect((await call('GET', `/CustomFieldDefinitions/${id}`, admin)).status).toBe(404);
      // The name is free again.
      await define({ Name: 'Region', EntityType: 'Client', DataType: 'Text' });
    });

    it('lists with filters in EntityType, DisplayName order and serves the /new template', async () => {
      const company = await t.company();
      await define({ Name: 'b', DisplayName: 'Beta', EntityType: 'Task', DataType: 'Text' }, company.Token);
      await define(
        { Name: 'a', DisplayName: 'Alpha', EntityType: 'Task', DataType: 'Number', IsRequired: true },
        company.Token,
      );
      await define({ Name: 'z', EntityType: 'Client', DataType: 'Checkbox' }, company.Token);
      const all = await call('GET', '/CustomFieldDefinitions', company.Token);
      expect(all.body.data.map((d: { DisplayName: string }) => d.DisplayName)).toEqual([
        'z',
        'Alpha',
        'Beta',
      ]);
      expect(
        (await call('GET', '/CustomFieldDefinitions?EntityType=Task&IsRequired=true', company.Token)).body
          .data,
      ).toHaveLength(1);
      expect(
        (await call('GET', '/CustomFieldDefinitions?DataType=Checkbox', company.Token)).body.data,
      ).toHaveLength(1);
      expect((await call('GET', '/CustomFieldDefinitions?EntityType=Planet', company.Token)).status).toBe(
        400,
      );
      const tasks = await call('GET', '/Tasks/CustomFieldDefinitions', company.Token);
      expect(tasks.body.data.map((d: { DisplayName: string }) => d.DisplayName)).toEqual(['Alpha', 'Beta']);
      const template = await call('GET', '/CustomFieldDefinitions/new', company.Token);
      expect(template.body.data).toMatchObject({ ID: '', IsRequired: false, PulldownValues: [] });
    });

    it('refuses invalid definitions with 400 and a taken name with 409', async () => {
      const bad = await call('POST', '/CustomFieldDefinitions', admin, {
        Name: ' ',
        EntityType: 'Job',
        DataType: 'Colour',
      });
      expect(bad.status).toBe(400);
      expect(bad.body.errors.map((e: { Field: string }) => e.Field).sort()).toEqual(['DataType']);
      expect(
        (
          await call('POST', '/CustomFieldDefinitions', admin, {
            Name: ' ',
            EntityType: 'Job',
            DataType: 'Text',
          })
        ).status,
      ).toBe(400);
      const noValues = await call('POST', '/CustomFieldDefinitions', admin, {
        Name: 'P',
        EntityType: 'Job',
        DataType: 'Pulldown',
      });
      expect(noValues.body.errors[0].Field).toBe('PulldownValues');
      await define({ Name: 'Unique', EntityType: 'Job', DataType: 'Text' });
      const taken = await call('POST', '/CustomFieldDefinitions', admin, {
        Name: 'UNIQUE',
        EntityType: 'Job',
        DataType: 'Text',
      });
      expect(taken.status).toBe(409);
      expect(taken.body.errors[0].Field).toBe('Name');
      // The same name on another entity type is fine.
      await define({ Name: 'Unique', EntityType: 'Task', DataType: 'Text' });
      const batch = await call('POST', '/CustomFieldDefinitions', admin, [
        { Name: 'Twin', EntityType: 'User', DataType: 'Text' },
        { Name: 'twin', EntityType: 'User', DataType: 'Text' },
      ]);
      expect(batch.status).toBe(400);
      expect(batch.body.errors[0].Field).toBe('[1].Name');
    });

    it('lets only Admins manage definitions, and managers read the lists their permission covers', async () => {
      const def = await define({ Name: 'Perm check', EntityType: 'Job', DataType: 'Text' });
      const s = await person(t, admin);
      const bare = await manager(t, admin, {});
      for (const token of [s.token, bare.token]) {
        expect((await call('GET', '/CustomFieldDefinitions', token)).status).toBe(403);
        expect(
          (
            await call('POST', '/CustomFieldDefinitions', token, {
              Name: 'x',
              EntityType: 'Job',
              DataType: 'Text',
            })
          ).status,
        ).toBe(403);
        expect((await call('PATCH', `/CustomFieldDefinitions/${def.ID}`, token, { Name: 'y' })).status).toBe(
          403,
        );
        expect((await call('DELETE', `/CustomFieldDefinitions/${def.ID}`, token)).status).toBe(403);
        expect((await call('GET', '/Jobs/CustomFieldDefinitions', token)).status).toBe(403);
        expect((await call('GET', '/TimeEntries/CustomFieldDefinitions', token)).status).toBe(200);
      }
      const jobsAll = await manager(t, admin, { 'View Jobs': 'All' });
      expect((await call('GET', '/Jobs/CustomFieldDefinitions', jobsAll.token)).status).toBe(200);
      expect((await call('GET', `/Jobs/CustomFieldDefinitions/${def.ID}`, jobsAll.token)).body.data.ID).toBe(
        def.ID,
      );
      const jobsDivisions = await manager(t, admin, { 'View Jobs': 'Divisions' });
      expect((await call('GET', '/Jobs/CustomFieldDefinitions', jobsDivisions.token)).status).toBe(403);
      const people = await manager(t, admin, { 'View People': 'All' });
      expect((await call('GET', '/Users/CustomFieldDefinitions', people.token)).status).toBe(200);
      expect((await call('GET', '/Clients/CustomFieldDefinitions', people.token)).status).toBe(403);
      // A definition of another entity type is not found under this one.
      expect((await call('GET', `/Tasks/CustomFieldDefinitions/${def.ID}`, admin)).status).toBe(404);
      // Nor in another company.
      expect((await call('GET', `/CustomFieldDefinitions/${def.ID}`, other)).status).toBe(404);
      expect((await call('GET', `/Jobs/CustomFieldDefinitions/${def.ID}`, other)).status).toBe(404);
      expect((await call('GET', '/CustomFieldDefinitions', other)).body.data).toEqual([]);
    });
  });

  describe('values', () => {
    let required: string;
    let size: string;
    let due: string;
    let flag: string;
    let colour: string;
    let clientField: string;
    beforeAll(async () => {
      required = (
        await define({ Name: 'Cost centre', EntityType: 'Job', DataType: 'Text', IsRequired: true })
      ).ID;
      size = (await define({ Name: 'Size', EntityType: 'Job', DataType: 'Number' })).ID;
      due = (await define({ Name: 'Due', EntityType: 'Job', DataType: 'Date' })).ID;
      flag = (await define({ Name: 'Flag', EntityType: 'Job', DataType: 'Checkbox' })).ID;
      colour = (
        await define({
          Name: 'Colour',
          EntityType: 'Job',
          DataType: 'Pulldown',
          PulldownValues: ['Red', 'Blue'],
        })
      ).ID;
      clientField = (await define({ Name: 'Tier', EntityType: 'Client', DataType: 'Text' })).ID;
    });

    it('stores typed values keyed by definition ID', async () => {
      const res = await call('POST', '/Jobs', admin, {
        Name: 'Typed',
        ClientID: clientId,
        CustomFields: {
          [required]: 'CC-1',
          [size]: '12.5',
          [due]: '2026-03-01',
          [flag]: false,
          [colour]: 'blue',
        },
      });
      expect(res.status, JSON.stringify(res.body)).toBe(201);
      expect(res.body.data.CustomFields).toEqual({
        [required]: 'CC-1',
        [size]: 12.5,
        [due]: '2026-03-01',
        [flag]: false,
        [colour]: 'Blue',
      });
      const read = await call('GET', `/Jobs/${res.body.data.ID}`, admin);
      expect(read.body.data.CustomFields[colour]).toBe('Blue');
    });

    it('refuses a missing required field on create with 400, in a batch with the item index', async () => {
      const missing = await call('POST', '/Jobs', admin, { Name: 'No centre', ClientID: clientId });
      expect(missing.status).toBe(400);
      expect(missing.body.errors[0].Field).toBe(`CustomFields.${required}`);
      const cleared = await call('POST', '/Jobs', admin, {
        Name: 'Null centre',
        ClientID: clientId,
        CustomFields: { [required]: null },
      });
      expect(cleared.status).toBe(400);
      const batch = await call('POST', '/Jobs', admin, [
        { Name: 'Ok', ClientID: clientId, CustomFields: { [required]: 'x' } },
        { Name: 'Missing', ClientID: clientId },
      ]);
      expect(batch.status).toBe(400);
      expect(batch.body.errors.map((e: { Field: string }) => e.Field)).toEqual([
        `[1].CustomFields.${required}`,
      ]);
    });

    it('refuses values of the wrong type, unknown keys and definitions of another entity or company (400)', async () => {
      const theirs = (await define({ Name: 'Theirs', EntityType: 'Job', DataType: 'Text' }, other)).ID;
      const res = await call('POST', '/Jobs', admin, {
        Name: 'Bad values',
        ClientID: clientId,
        CustomFields: {
          [required]: 42,
          [size]: 'twelve',
          [due]: '2026-02-30',
          [flag]: 'yes',
          [colour]: 'Green',
          [clientField]: 'gold',
          [theirs]: 'x',
          'made-up': 1,
        },
      });
      expect(res.status).toBe(400);
      expect(res.body.errors.map((e: { Field: string }) => e.Field).sort()).toEqual(
        [required, size, due, flag, colour, clientField, theirs, 'made-up']
          .map((k) => `CustomFields.${k}`)
          .sort(),
      );
    });

    it('validates values on clients, tasks, people and divisions as well', async () => {
      const clientRes = await call('POST', '/Clients', admin, {
        Name: 'Tiered',
        CustomFields: { [clientField]: 'gold' },
      });
      expect(clientRes.status).toBe(201);
      expect(clientRes.body.data.CustomFields).toEqual({ [clientField]: 'gold' });
      expect(
        (await call('POST', '/Tasks', admin, { Name: 'x', CustomFields: { [clientField]: 'gold' } })).status,
      ).toBe(400);
      const userField = (await define({ Name: 'Badge', EntityType: 'User', DataType: 'Number' })).ID;
      const divisionField = (await define({ Name: 'Site', EntityType: 'Division', DataType: 'Text' })).ID;
      const p = await person(t, admin, { CustomFields: { [userField]: 7 } });
      expect((await call('GET', `/Users/${p.id}`, admin)).body.data.CustomFields).toEqual({ [userField]: 7 });
      const badUser = await call('PATCH', `/Users/${p.id}`, admin, {
        CustomFields: { [userField]: 'seven' },
      });
      expect(badUser.status).toBe(400);
      expect(badUser.body.errors[0].Field).toBe(`CustomFields.${userField}`);
      const division = await call('POST', '/Divisions', admin, {
        Name: 'With site',
        CustomFields: { [divisionField]: 'Leeds' },
      });
      expect(division.status).toBe(201);
      expect(division.body.data.CustomFields).toEqual({ [divisionField]: 'Leeds' });
      expect(
        (await call('POST', '/Divisions', admin, { Name: 'x', CustomFields: { [userField]: 1 } })).status,
      ).toBe(400);
    });

    it('drops values of a deleted definition when the record is saved again', async () => {
      const temp = (await define({ Name: 'Temporary', EntityType: 'Task', DataType: 'Text' })).ID;
      const created = await call('POST', '/Tasks', admin, {
        Name: 'Has temp',
        CustomFields: { [temp]: 'v' },
      });
      expect(created.body.data.CustomFields).toEqual({ [temp]: 'v' });
      expect((await call('DELETE', `/CustomFieldDefinitions/${temp}`, admin)).status).toBe(200);
      const saved = await call('PATCH', `/Tasks/${created.body.data.ID}`, admin, {
        CustomFields: created.body.data.CustomFields,
      });
      expect(saved.status).toBe(200);
      expect(saved.body.data.CustomFields).toEqual({});
    });

    it('keeps stored values when a PATCH leaves CustomFields out, and replaces them when it sends them', async () => {
      const j = await call('POST', '/Jobs', admin, {
        Name: 'Patchable',
        ClientID: clientId,
        CustomFields: { [required]: 'A', [size]: 1 },
      });
      const id = j.body.data.ID as string;
      expect((await call('PATCH', `/Jobs/${id}`, admin, { Notes: 'n' })).body.data.CustomFields).toEqual({
        [required]: 'A',
        [size]: 1,
      });
      const replaced = await call('PATCH', `/Jobs/${id}`, admin, { CustomFields: { [required]: 'B' } });
      expect(replaced.body.data.CustomFields).toEqual({ [required]: 'B' });
      const dropRequired = await call('PATCH', `/Jobs/${id}`, admin, { CustomFields: { [size]: 2 } });
      expect(dropRequired.status).toBe(400);
      expect(dropRequired.body.errors[0].Field).toBe(`CustomFields.${required}`);
    });
  });
});

describe.each(await testDialects())('required custom fields on new people and divisions on %s', (dialect) => {
  it('refuses a new person or division without a required custom field', async () => {
    const t = await createTestApp(dialect);
    try {
      const { Token: token } = await t.company();
      for (const [entity, path, body] of [
        ['User', '/v2/Users', { Name: 'No Field', Email: `nf-${dialect}@example.test` }],
        ['Division', '/v2/Divisions', { Name: 'No Field' }],
      ] as const) {
        const def = await t.call('POST', '/v2/CustomFieldDefinitions', {
          token,
          body: { EntityType: entity, Name: 'Cost centre', DataType: 'Text', IsRequired: true },
        });
        expect(def.status).toBe(201);
        const res = await t.call('POST', path, { token, body });
        expect(res.status).toBe(400);
        expect(res.body.errors[0].Field).toBe(`CustomFields.${def.body.data.ID}`);
      }
    } finally {
      await t.close();
    }
  });
});
