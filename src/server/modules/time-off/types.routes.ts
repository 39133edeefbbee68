/**
 * Leave types and balances: /TimeOffTypes (+ /new, /CustomFieldDefinitions, /{id}/EmploymentTypes),
 * /EmploymentTypes/{id}/TimeOffTypes, /Me/TimeOffTypes (+ FutureBalance), /Users/{id}/TimeOffTypes
 * (+ BalanceAdjustments, BalanceHistory, and a PATCH extension), /Manage/Users/{id}/TimeOffTypes
 * (+ FutureBalance). No business rules here.
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { TObject } from '@sinclair/typebox';
import { StringList } from '../../../contract/common.js';
import { CustomFieldDefinition } from '../../../contract/custom-fields.js';
import {
  AssociationIds,
  BalanceAdjustment,
  BalanceHistory,
  EmploymentTypeAssociation,
  FutureBalance,
  PersonTimeOffType,
  PersonTimeOffTypeUpdate,
  TimeOffType,
  TimeOffTypeAssociation,
  TimeOffTypeCreate,
  TimeOffTypeUpdate,
} from '../../../contract/time-off.js';
import type { Deps } from '../../deps.js';
import { forbidden, notFound } from '../../errors.js';
import { actorOf } from '../../http/auth.js';
import { created, list, ok } from '../../http/envelope.js';
import { pageOf, readPaging } from '../../http/paging.js';
import type { QueryReader } from '../../http/query.js';
import { paramOf, queryOf } from '../../http/request.js';
import { bools, createSchema, listSchema, oneSchema, paging, strs, verbose } from '../../http/schemas.js';
import { parseArray, parseBatch, parseBody } from '../../http/validate.js';
import { isAdmin, type Actor } from '../../lib/permissions.js';
import {
  adjustBalance,
  balanceHistory,
  futureBalance,
  getPersonType,
  listPersonTypes,
  updatePersonType,
  type PersonScope,
  type PersonType,
} from './balances.service.js';
import { TIME_OFF_TYPE_EMPLOYMENT_TYPES, linkedIdsOfMany } from './links.store.js';
import { addLink, listLinks, removeLink, replaceLinks, type LinkKind } from './links.service.js';
import { hoursToWire } from './time-off.hours.js';
import { settingsOf } from './time-off.common.js';
import { toPersonTypeWire, toTypeWire, usersById } from './time-off.mapper.js';
import {
  createTimeOffTypes,
  getTimeOffType,
  listTimeOffTypes,
  timeOffTypeTemplate,
  updateTimeOffType,
} from './types.service.js';
import type { TimeOffTypeRecord, TypeFilter } from './types.store.js';
import type { EffectiveSettings } from '../company/index.js';

const warningsMeta = (warnings: string[]) => (warnings.length ? { Warnings: warnings } : undefined);

function readTypeFilter(q: QueryReader, root: boolean): TypeFilter {
  const f: TypeFilter = {};
  const ids = q.strings('ID');
  const names = q.strings('Name', { keepWhole: true });
  const isActive = q.bools('IsActive');
  const requiresApproval = q.bools('RequiresApproval');
  if (ids) f.ids = ids;
  if (names) f.names = names;
  if (isActive) f.isActive = isActive;
  if (requiresApproval) f.requiresApproval = requiresApproval;
  if (root) {
    const approvers = q.strings('DefaultApproverID');
    if (approvers) f.defaultApproverIds = approvers;
  }
  return f;
}

const typeQuery = (root: boolean) => ({
  ID: strs(),
  Name: strs(),
  IsActive: bools(),
  RequiresApproval: bools(),
  ...(root ? { DefaultApproverID: strs() } : {}),
  ...paging,
  ...verbose,
});

async function typesWire(
  deps: Deps,
  actor: Actor,
  settings: EffectiveSettings,
  rows: TimeOffTypeRecord[],
  isVerbose: boolean,
) {
  if (!isVerbose) return rows.map((t) => toTypeWire(t, actor, settings));
  const [users, employmentTypeIds] = await Promise.all([
    usersById(
      deps.db,
      actor.companyId,
      rows.map((t) => t.defaultApproverId),
    ),
    linkedIdsOfMany(
      deps.db,
      TIME_OFF_TYPE_EMPLOYMENT_TYPES,
      actor.companyId,
      rows.map((t) => t.id),
    ),
  ]);
  return rows.map((t) => toTypeWire(t, actor, settings, { users, employmentTypeIds }));
}

async function personTypesWire(
  deps: Deps,
  actor: Actor,
  settings: EffectiveSettings,
  rows: PersonType[],
  isVerbose: boolean,
  withEmploymentTypes: boolean,
) {
  if (!isVerbose) return rows.map((p) => toPersonTypeWire(p, actor, settings));
  const [users, employmentTypeIds] = await Promise.all([
    usersById(
      deps.db,
      actor.companyId,
      rows.map((p) => p.approverId),
    ),
    withEmploymentTypes
      ? linkedIdsOfMany(
          deps.db,
          TIME_OFF_TYPE_EMPLOYMENT_TYPES,
          actor.companyId,
          rows.map((p) => p.type.id),
        )
      : Promise.resolve(undefined),
  ]);
  return rows.map((p) =>
    toPersonTypeWire(p, actor, settings, { users, ...(employmentTypeIds ? { employmentTypeIds } : {}) }),
  );
}

// ——— association routes ———

interface LinkRoute {
  kind: LinkKind;
  path: string;
  owner: string;
  child: string;
  body: TObject;
  field: 'TimeOffTypeID' | 'EmploymentTypeID' | 'HolidayTypeID';
  tags: string[];
  what: string;
}

export function linkRoutes(app: FastifyInstance, deps: Deps, routes: LinkRoute[]) {
  for (const r of routes) {
    const owner = (request: FastifyRequest) => paramOf(request, r.owner);
    const doc = (summary: string, extra: object = {}) => ({
      tags: r.tags,
      summary: `${r.what}: ${summary}`,
      ...extra,
    });
    app.get(
      r.path,
      { schema: oneSchema(doc('IDs', { query: { IsActive: bools() } }), StringList) },
      async (request, reply) => {
        const actor = actorOf(request);
        const q = queryOf(request);
        const isActive = q.bools('IsActive');
        q.done();
        return ok(reply, await listLinks(deps, actor, r.kind, owner(request), isActive));
      },
    );
    app.post(
      r.path,
      { schema: oneSchema(doc('add one', { body: r.body }), StringList) },
      async (request, reply) => {
        const actor = actorOf(request);
        const body = parseBody(r.body, request.body) as Record<string, string>;
        return ok(reply, await addLink(deps, actor, r.kind, owner(request), body[r.field]!, r.field));
      },
    );
    app.put(
      r.path,
      { schema: oneSchema(doc('replace all', { body: AssociationIds }), StringList) },
      async (request, reply) => {
        const actor = actorOf(request);
        const ids = parseArray(AssociationIds, request.body);
        return ok(reply, await replaceLinks(deps, actor, r.kind, owner(request), ids));
      },
    );
    app.delete(
      `${r.path}/:${r.child}`,
      { schema: oneSchema(doc('remove one'), StringList) },
      async (request, reply) => {
        const actor = actorOf(request);
        return ok(reply, await removeLink(deps, actor, r.kind, owner(request), paramOf(request, r.child)));
      },
    );
  }
}

// ——— a person's types ———

function personRoutes(app: FastifyInstance, deps: Deps, scope: PersonScope, base: string, tags: string[]) {
  const userOf = (request: FastifyRequest) => (scope === 'me' ? '' : paramOf(request, 'userID'));
  app.get(
    base,
    {
      schema: listSchema(
        { tags, summary: 'Time-off types with the person’s balances (Name)', query: typeQuery(false) },
        PersonTimeOffType,
      ),
    },
    async (request, reply) => {
      const actor = actorOf(request);
      const q = queryOf(request);
      const filter = readTypeFilter(q, false);
      const page = readPaging(q);
      const isVerbose = q.verbose;
      q.done();
      const { settings, rows, count } = await listPersonTypes(
        deps,
        actor,
        scope,
        userOf(request),
        filter,
        page,
      );
      return list(
        reply,
        await personTypesWire(deps, actor, settings, rows, isVerbose, scope !== 'me'),
        pageOf(request, count, page),
      );
    },
  );
  app.get(
    `${base}/:timeOffTypeID`,
    {
      schema: oneSchema(
        { tags, summary: 'A time-off type with the person’s balance', query: verbose },
        PersonTimeOffType,
      ),
    },
    async (request, reply) => {
      const actor = actorOf(request);
      const q = queryOf(request);
      const isVerbose = q.verbose;
      q.done();
      const { settings, row } = await getPersonType(
        deps,
        actor,
        scope,
        userOf(request),
        paramOf(request, 'timeOffTypeID'),
      );
      return ok(reply, (await personTypesWire(deps, actor, settings, [row], isVerbose, scope !== 'me'))[0]);
    },
  );
  if (scope === 'me' || scope === 'manage') {
    app.get(
      `${base}/:timeOffTypeID/FutureBalance/:date`,
      { schema: oneSchema({ tags, summary: 'The projected balance at the end of a date' }, FutureBalance) },
      async (request, reply) => {
        const actor = actorOf(request);
        const data = await futureBalance(
          deps,
          actor,
          scope === 'me' ? 'me' : 'manageFuture',
          userOf(request),
          paramOf(request, 'timeOffTypeID'),
          paramOf(request, 'date'),
        );
        return ok(reply, { ...data, FutureBalance: hoursToWire(data.FutureBalance) });
      },
    );
  }
}

export async function timeOffTypesRoutes(app: FastifyInstance, { deps }: { deps: Deps }) {
  const tags = ['TimeOffTypes'];

  app.get(
    '/TimeOffTypes/new',
    { schema: oneSchema({ tags, summary: 'Template of a new time-off type (nothing stored)' }, TimeOffType) },
    async (request, reply) => {
      const actor = actorOf(request);
      const t = timeOffTypeTemplate(deps, actor);
      const settings = await settingsOf(deps, actor.companyId);
      const { ID: _id, ...rest } = toTypeWire(t, actor, settings);
      return ok(reply, { ID: '', ...rest });
    },
  );

  app.get(
    '/TimeOffTypes',
    {
      schema: listSchema(
        { tags, summary: 'List time-off types (Name)', query: typeQuery(true) },
        TimeOffType,
      ),
    },
    async (request, reply) => {
      const actor = actorOf(request);
      const q = queryOf(request);
      const filter = readTypeFilter(q, true);
      const page = readPaging(q);
      const isVerbose = q.verbose;
      q.done();
      const { rows, count } = await listTimeOffTypes(deps, actor, filter, page);
      const settings = await settingsOf(deps, actor.companyId);
      return list(
        reply,
        await typesWire(deps, actor, settings, rows, isVerbose),
        pageOf(request, count, page),
      );
    },
  );

  app.post(
    '/TimeOffTypes',
    {
      schema: createSchema(
        { tags, summary: 'Create time-off types (Admin)', body: TimeOffTypeCreate },
        TimeOffType,
      ),
    },
    async (request, reply) => {
      const actor = actorOf(request);
      const { items, batch } = parseBatch(TimeOffTypeCreate, request.body);
      const { records, warnings } = await createTimeOffTypes(deps, actor, items, batch);
      const settings = await settingsOf(deps, actor.companyId);
      const data = records.map((t) => toTypeWire(t, actor, settings));
      return created(reply, batch ? data : data[0], warningsMeta(warnings));
    },
  );

  // No custom-field definitions exist for time-off types: the lists are empty, every ID unknown.
  app.get(
    '/TimeOffTypes/CustomFieldDefinitions',
    {
      schema: listSchema(
        { tags, summary: 'Custom-field definitions of time-off types (none)', query: paging },
        CustomFieldDefinition,
      ),
    },
    async (request, reply) => {
      const actor = actorOf(request);
      if (!isAdmin(actor)) throw forbidden('Only an Admin can see these definitions.');
      const q = queryOf(request);
      const page = readPaging(q);
      q.done();
      return list(reply, [], pageOf(request, 0, page));
    },
  );
  app.get(
    '/TimeOffTypes/CustomFieldDefinitions/:customFieldDefinitionID',
    {
      schema: oneSchema(
        { tags, summary: 'A custom-field definition of time-off types' },
        CustomFieldDefinition,
      ),
    },
    async (request) => {
      if (!isAdmin(actorOf(request))) throw forbidden('Only an Admin can see these definitions.');
      throw notFound('custom field definition');
    },
  );

  app.get(
    '/TimeOffTypes/:timeOffTypeID',
    { schema: oneSchema({ tags, summary: 'Get a time-off type', query: verbose }, TimeOffType) },
    async (request, reply) => {
      const actor = actorOf(request);
      const q = queryOf(request);
      const isVerbose = q.verbose;
      q.done();
      const t = await getTimeOffType(deps, actor, paramOf(request, 'timeOffTypeID'));
      const settings = await settingsOf(deps, actor.companyId);
      return ok(reply, (await typesWire(deps, actor, settings, [t], isVerbose))[0]);
    },
  );

  app.patch(
    '/TimeOffTypes/:timeOffTypeID',
    {
      schema: oneSchema(
        { tags, summary: 'Change a time-off type (Admin)', body: TimeOffTypeUpdate },
        TimeOffType,
      ),
    },
    async (request, reply) => {
      const actor = actorOf(request);
      const input = parseBody(TimeOffTypeUpdate, request.body);
      const { record, warnings } = await updateTimeOffType(
        deps,
        actor,
        paramOf(request, 'timeOffTypeID'),
        input,
      );
      const settings = await settingsOf(deps, actor.companyId);
      return ok(reply, toTypeWire(record, actor, settings), warningsMeta(warnings));
    },
  );

  linkRoutes(app, deps, [
    {
      kind: 'TimeOffTypeEmploymentTypes',
      path: '/TimeOffTypes/:timeOffTypeID/EmploymentTypes',
      owner: 'timeOffTypeID',
      child: 'employmentTypeID',
      body: EmploymentTypeAssociation,
      field: 'EmploymentTypeID',
      tags,
      what: 'Employment types that may use a time-off type',
    },
    {
      kind: 'EmploymentTypeTimeOffTypes',
      path: '/EmploymentTypes/:employmentTypeID/TimeOffTypes',
      owner: 'employmentTypeID',
      child: 'timeOffTypeID',
      body: TimeOffTypeAssociation,
      field: 'TimeOffTypeID',
      tags: ['EmploymentTypes'],
      what: 'Time-off types an employment type may use',
    },
  ]);

  personRoutes(app, deps, 'me', '/Me/TimeOffTypes', ['Me/TimeOffTypes']);
  personRoutes(app, deps, 'users', '/Users/:userID/TimeOffTypes', ['Users']);
  personRoutes(app, deps, 'manage', '/Manage/Users/:userID/TimeOffTypes', ['Manage/Users']);

  app.patch(
    '/Users/:userID/TimeOffTypes/:timeOffTypeID',
    {
      schema: oneSchema(
        {
          tags: ['Users'],
          summary: "Set a person's own balance settings for a time-off type (Admin)",
          body: PersonTimeOffTypeUpdate,
          extension: true,
        },
        PersonTimeOffType,
      ),
    },
    async (request, reply) => {
      const actor = actorOf(request);
      const input = parseBody(PersonTimeOffTypeUpdate, request.body);
      const { settings, row } = await updatePersonType(
        deps,
        actor,
        paramOf(request, 'userID'),
        paramOf(request, 'timeOffTypeID'),
        input,
      );
      return ok(reply, toPersonTypeWire(row, actor, settings));
    },
  );

  const historyWire = (h: {
    Date: string;
    Action: string;
    HoursDifference: number;
    Balance: number;
    Notes: string;
    ActionByUserID: string | null;
    ActionByUserName: string;
  }) => ({
    ...h,
    HoursDifference: hoursToWire(h.HoursDifference),
    Balance: hoursToWire(h.Balance),
  });

  app.post(
    '/Users/:userID/TimeOffTypes/:timeOffTypeID/BalanceAdjustments',
    {
      schema: oneSchema(
        {
          tags: ['Users'],
          summary: 'Set a balance as of the end of a date (Admin)',
          body: BalanceAdjustment,
        },
        BalanceHistory,
        201,
      ),
    },
    async (request, reply) => {
      const actor = actorOf(request);
      const input = parseBody(BalanceAdjustment, request.body);
      const row = await adjustBalance(
        deps,
        actor,
        paramOf(request, 'userID'),
        paramOf(request, 'timeOffTypeID'),
        input,
      );
      return created(reply, historyWire(row));
    },
  );

  app.get(
    '/Users/:userID/TimeOffTypes/:timeOffTypeID/BalanceHistory',
    {
      schema: listSchema(
        {
          tags: ['Users'],
          summary: 'Every change of a balance through today (Date desc; Admin)',
          query: paging,
        },
        BalanceHistory,
      ),
    },
    async (request, reply) => {
      const actor = actorOf(request);
      const q = queryOf(request);
      const page = readPaging(q);
      q.done();
      const { rows, count } = await balanceHistory(
        deps,
        actor,
        paramOf(request, 'userID'),
        paramOf(request, 'timeOffTypeID'),
        page,
      );
      return list(reply, rows.map(historyWire), pageOf(request, count, page));
    },
  );
}
