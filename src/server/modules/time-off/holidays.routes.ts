/**
 * /HolidayTypes (+ /new, /{id}/EmploymentTypes), /EmploymentTypes/{id}/HolidayTypes, /Holidays (+ /new),
 * /HolidayEntries and /Me/HolidayEntries (API.md §4.11). No business rules here.
 */
import type { FastifyInstance } from 'fastify';
import { Type } from '@sinclair/typebox';
import { DateString } from '../../../contract/common.js';
import {
  EmploymentTypeAssociation,
  Holiday,
  HolidayCreate,
  HolidayEntry,
  HolidayEntryUpdate,
  HolidayNew,
  HolidayType,
  HolidayTypeAssociation,
  HolidayTypeCreate,
  HolidayTypeUpdate,
  HolidayUpdate,
} from '../../../contract/time-off.js';
import type { Deps } from '../../deps.js';
import { actorOf } from '../../http/auth.js';
import { created, deleted, list, ok } from '../../http/envelope.js';
import { pageOf, readPaging } from '../../http/paging.js';
import type { QueryReader } from '../../http/query.js';
import { paramOf, queryOf } from '../../http/request.js';
import {
  bools,
  createSchema,
  deleteSchema,
  listSchema,
  oneSchema,
  paging,
  strs,
  verbose,
} from '../../http/schemas.js';
import { parseBatch, parseBody } from '../../http/validate.js';
import type { Actor } from '../../lib/permissions.js';
import {
  createHolidays,
  createHolidayTypes,
  getHoliday,
  getHolidayEntry,
  getHolidayType,
  holidayTypeTemplate,
  listHolidayEntriesFor,
  listHolidaysFor,
  listHolidayTypesFor,
  removeHoliday,
  removeHolidayEntry,
  updateHoliday,
  updateHolidayEntry,
  updateHolidayType,
  type HolidayEntryScope,
} from './holidays.service.js';
import {
  findHolidayTypes,
  holidaysOfTypes,
  type HolidayEntryRecord,
  type HolidayTypeRecord,
} from './holidays.store.js';
import { HOLIDAY_TYPE_EMPLOYMENT_TYPES, linkedIdsOfMany } from './links.store.js';
import { restrictedByEmploymentType, settingsOf } from './time-off.common.js';
import { toHolidayEntryWire, toHolidayTypeWire, toHolidayWire, usersById } from './time-off.mapper.js';
import { linkRoutes } from './types.routes.js';

const warningsMeta = (warnings: string[]) => (warnings.length ? { Warnings: warnings } : undefined);

async function holidayTypesWire(deps: Deps, actor: Actor, rows: HolidayTypeRecord[], isVerbose: boolean) {
  const settings = await settingsOf(deps, actor.companyId);
  const ids = rows.map((t) => t.id);
  const [dates, employmentTypeIds] = await Promise.all([
    isVerbose ? holidaysOfTypes(deps.db, actor.companyId, ids) : Promise.resolve(undefined),
    restrictedByEmploymentType(settings)
      ? linkedIdsOfMany(deps.db, HOLIDAY_TYPE_EMPLOYMENT_TYPES, actor.companyId, ids)
      : Promise.resolve(undefined),
  ]);
  return rows.map((t) =>
    toHolidayTypeWire(t, actor, settings, {
      ...(dates ? { dates } : {}),
      ...(employmentTypeIds ? { employmentTypeIds } : {}),
    }),
  );
}

async function entriesWire(deps: Deps, actor: Actor, rows: HolidayEntryRecord[], isVerbose: boolean) {
  if (!isVerbose) return rows.map((e) => toHolidayEntryWire(e));
  const [users, types] = await Promise.all([
    usersById(
      deps.db,
      actor.companyId,
      rows.map((e) => e.userId),
    ),
    findHolidayTypes(
      deps.db,
      actor.companyId,
      rows.map((e) => e.typeId),
    ),
  ]);
  const embeds = { users, types: new Map(types.map((t) => [t.id, t])) };
  return rows.map((e) => toHolidayEntryWire(e, embeds));
}

function holidayTypeRoutes(app: FastifyInstance, deps: Deps) {
  const tags = ['HolidayTypes'];
  app.get(
    '/HolidayTypes/new',
    { schema: oneSchema({ tags, summary: 'Template of a new holiday type (nothing stored)' }, HolidayType) },
    async (request, reply) => {
      const actor = actorOf(request);
      return ok(reply, (await holidayTypesWire(deps, actor, [holidayTypeTemplate(deps, actor)], false))[0]);
    },
  );

  app.get(
    '/HolidayTypes',
    {
      schema: listSchema(
        {
          tags,
          summary: 'List holiday types (Name)',
          query: { ID: strs(), Name: strs(), IsActive: bools(), Types: strs(), ...paging, ...verbose },
        },
        HolidayType,
      ),
    },
    async (request, reply) => {
      const actor = actorOf(request);
      const q = queryOf(request);
      const ids = q.strings('ID');
      const names = q.strings('Name', { keepWhole: true });
      const isActive = q.bools('IsActive');
      // Every holiday type is of the kind "holiday"; "external" ones (ClickTime's) do not exist here.
      const kinds = q.oneOf('Types', ['holiday', 'external'] as const);
      const page = readPaging(q);
      const isVerbose = q.verbose;
      q.done();
      const filter = {
        ...(ids ? { ids } : {}),
        ...(names ? { names } : {}),
        ...(isActive ? { isActive } : {}),
      };
      if (kinds && !kinds.includes('holiday')) filter.ids = [];
      const { rows, count } = await listHolidayTypesFor(deps, actor, filter, page);
      return list(reply, await holidayTypesWire(deps, actor, rows, isVerbose), pageOf(request, count, page));
    },
  );

  app.post(
    '/HolidayTypes',
    {
      schema: createSchema(
        { tags, summary: 'Create holiday types (Admin)', body: HolidayTypeCreate },
        HolidayType,
      ),
    },
    async (request, reply) => {
      const actor = actorOf(request);
      const { items, batch } = parseBatch(HolidayTypeCreate, request.body);
      const records = await createHolidayTypes(deps, actor, items, batch);
      const data = await holidayTypesWire(deps, actor, records, false);
      return created(reply, batch ? data : data[0]);
    },
  );

  app.get(
    '/HolidayTypes/:holidayTypeID',
    { schema: oneSchema({ tags, summary: 'Get a holiday type', query: verbose }, HolidayType) },
    async (request, reply) => {
      const actor = actorOf(request);
      const q = queryOf(request);
      const isVerbose = q.verbose;
      q.done();
      const t = await getHolidayType(deps, actor, paramOf(request, 'holidayTypeID'));
      return ok(reply, (await holidayTypesWire(deps, actor, [t], isVerbose))[0]);
    },
  );

  app.patch(
    '/HolidayTypes/:holidayTypeID',
    {
      schema: oneSchema(
        { tags, summary: 'Change a holiday type (Admin)', body: HolidayTypeUpdate },
        HolidayType,
      ),
    },
    async (request, reply) => {
      const actor = actorOf(request);
      const input = parseBody(HolidayTypeUpdate, request.body);
      const t = await updateHolidayType(deps, actor, paramOf(request, 'holidayTypeID'), input);
      return ok(reply, (await holidayTypesWire(deps, actor, [t], false))[0]);
    },
  );

  linkRoutes(app, deps, [
    {
      kind: 'HolidayTypeEmploymentTypes',
      path: '/HolidayTypes/:holidayTypeID/EmploymentTypes',
      owner: 'holidayTypeID',
      child: 'employmentTypeID',
      body: EmploymentTypeAssociation,
      field: 'EmploymentTypeID',
      tags,
      what: 'Employment types that get a holiday type',
    },
    {
      kind: 'EmploymentTypeHolidayTypes',
      path: '/EmploymentTypes/:employmentTypeID/HolidayTypes',
      owner: 'employmentTypeID',
      child: 'holidayTypeID',
      body: HolidayTypeAssociation,
      field: 'HolidayTypeID',
      tags: ['EmploymentTypes'],
      what: 'Holiday types an employment type gets',
    },
  ]);
}

function holidayRoutes(app: FastifyInstance, deps: Deps) {
  const tags = ['Holidays'];
  app.get(
    '/Holidays/new',
    { schema: oneSchema({ tags, summary: 'Template of a new holiday (nothing stored)' }, HolidayNew) },
    async (request, reply) =>
      ok(reply, {
        ID: '',
        Date: deps.clock().toISOString().slice(0, 10),
        HolidayTypeID: null,
        Hours: 8,
        Notes: '',
      }),
  );

  app.get(
    '/Holidays',
    {
      schema: listSchema(
        {
          tags,
          summary: 'List holidays (Date desc)',
          query: {
            ID: strs(),
            HolidayTypeID: strs(),
            Date: strs(),
            StartDate: Type.Optional(DateString),
            EndDate: Type.Optional(DateString),
            IsActive: bools(),
            ...paging,
          },
        },
        Holiday,
      ),
    },
    async (request, reply) => {
      const actor = actorOf(request);
      const q = queryOf(request);
      const f = {
        ids: q.strings('ID'),
        typeIds: q.strings('HolidayTypeID'),
        dates: q.dates('Date'),
        fromDate: q.date('StartDate'),
        toDate: q.date('EndDate'),
        isActive: q.bools('IsActive'),
      };
      const page = readPaging(q);
      q.done();
      const filter = Object.fromEntries(Object.entries(f).filter(([, v]) => v !== undefined));
      const { rows, count } = await listHolidaysFor(deps, actor, filter, page);
      return list(reply, rows.map(toHolidayWire), pageOf(request, count, page));
    },
  );

  app.post(
    '/Holidays',
    { schema: createSchema({ tags, summary: 'Create holidays (Admin)', body: HolidayCreate }, Holiday) },
    async (request, reply) => {
      const actor = actorOf(request);
      const { items, batch } = parseBatch(HolidayCreate, request.body);
      const data = (await createHolidays(deps, actor, items, batch)).map(toHolidayWire);
      return created(reply, batch ? data : data[0]);
    },
  );

  app.get(
    '/Holidays/:holidayID',
    { schema: oneSchema({ tags, summary: 'Get a holiday' }, Holiday) },
    async (request, reply) =>
      ok(reply, toHolidayWire(await getHoliday(deps, actorOf(request), paramOf(request, 'holidayID')))),
  );

  app.patch(
    '/Holidays/:holidayID',
    {
      schema: oneSchema(
        { tags, summary: 'Change the hours or notes of a holiday (Admin)', body: HolidayUpdate },
        Holiday,
      ),
    },
    async (request, reply) => {
      const actor = actorOf(request);
      const input = parseBody(HolidayUpdate, request.body);
      const { record, warnings } = await updateHoliday(deps, actor, paramOf(request, 'holidayID'), input);
      return ok(reply, toHolidayWire(record), warningsMeta(warnings));
    },
  );

  app.delete(
    '/Holidays/:holidayID',
    { schema: deleteSchema({ tags, summary: 'Delete a holiday (Admin)' }) },
    async (request, reply) => {
      await removeHoliday(deps, actorOf(request), paramOf(request, 'holidayID'));
      return deleted(reply);
    },
  );
}

function readEntryFilter(q: QueryReader, scope: HolidayEntryScope) {
  const f = {
    ids: q.strings('ID'),
    holidayIds: q.strings('HolidayID'),
    typeIds: q.strings('HolidayTypeID'),
    fromDate: q.date('FromDate'),
    toDate: q.date('ToDate'),
    isActive: q.bools('IsActive'),
    userIds: scope === 'root' ? q.strings('UserID') : undefined,
  };
  return Object.fromEntries(Object.entries(f).filter(([, v]) => v !== undefined)) as {
    ids?: string[];
    holidayIds?: string[];
    typeIds?: string[];
    fromDate?: string;
    toDate?: string;
    isActive?: boolean[];
    userIds?: string[];
  };
}

function holidayEntryRoutes(app: FastifyInstance, deps: Deps, scope: HolidayEntryScope) {
  const base = scope === 'me' ? '/Me/HolidayEntries' : '/HolidayEntries';
  const tags = [scope === 'me' ? 'Me/HolidayEntries' : 'HolidayEntries'];
  app.get(
    base,
    {
      schema: listSchema(
        {
          tags,
          summary: 'Holiday hours per person (Date desc, ID)',
          query: {
            ID: strs(),
            HolidayID: strs(),
            HolidayTypeID: strs(),
            FromDate: Type.Optional(DateString),
            ToDate: Type.Optional(DateString),
            IsActive: bools(),
            ...(scope === 'root' ? { UserID: strs() } : {}),
            ...paging,
            ...verbose,
          },
        },
        HolidayEntry,
      ),
    },
    async (request, reply) => {
      const actor = actorOf(request);
      const q = queryOf(request);
      const filter = readEntryFilter(q, scope);
      const page = readPaging(q);
      const isVerbose = q.verbose;
      q.done();
      const { rows, count } = await listHolidayEntriesFor(deps, actor, scope, filter, page);
      return list(reply, await entriesWire(deps, actor, rows, isVerbose), pageOf(request, count, page));
    },
  );

  app.get(
    `${base}/:holidayEntryID`,
    { schema: oneSchema({ tags, summary: 'Get a holiday entry', query: verbose }, HolidayEntry) },
    async (request, reply) => {
      const actor = actorOf(request);
      const q = queryOf(request);
      const isVerbose = q.verbose;
      q.done();
      const e = await getHolidayEntry(deps, actor, scope, paramOf(request, 'holidayEntryID'));
      return ok(reply, (await entriesWire(deps, actor, [e], isVerbose))[0]);
    },
  );

  if (scope === 'root') {
    app.patch(
      `${base}/:holidayEntryID`,
      {
        schema: oneSchema(
          { tags, summary: "Change one person's hours or notes of a holiday", body: HolidayEntryUpdate },
          HolidayEntry,
        ),
      },
      async (request, reply) => {
        const actor = actorOf(request);
        const input = parseBody(HolidayEntryUpdate, request.body);
        const e = await updateHolidayEntry(deps, actor, paramOf(request, 'holidayEntryID'), input);
        return ok(reply, toHolidayEntryWire(e));
      },
    );
    app.delete(
      `${base}/:holidayEntryID`,
      { schema: deleteSchema({ tags, summary: 'Take a holiday away from one person' }) },
      async (request, reply) => {
        await removeHolidayEntry(deps, actorOf(request), paramOf(request, 'holidayEntryID'));
        return deleted(reply);
      },
    );
  }
}

export async function holidaysRoutes(app: FastifyInstance, { deps }: { deps: Deps }) {
  holidayTypeRoutes(app, deps);
  holidayRoutes(app, deps);
  holidayEntryRoutes(app, deps, 'me');
  holidayEntryRoutes(app, deps, 'root');
}
