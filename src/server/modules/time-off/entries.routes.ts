/**
 * Time-off entries: /Me/TimeOff, /TimeOff, /Manage/Timesheets/TimeOff, /TimeOff/new and the timesheet
 * sub-resources /Timesheets/{id}/TimeOff, /Manage/Timesheets/{id}/TimeOff[/{timeOffID}] (API.md §4.11).
 * No business rules here.
 */
import type { FastifyInstance } from 'fastify';
import { Type } from '@sinclair/typebox';
import { DateString } from '../../../contract/common.js';
import {
  TimeOff,
  TimeOffCreate,
  TimeOffCreateMe,
  TimeOffNew,
  TimeOffUpdate,
} from '../../../contract/time-off.js';
import type { Deps } from '../../deps.js';
import { actorOf } from '../../http/auth.js';
import { created, deleted, list, ok } from '../../http/envelope.js';
import { pageOf, readPaging } from '../../http/paging.js';
import type { QueryReader } from '../../http/query.js';
import { paramOf, queryOf } from '../../http/request.js';
import {
  createSchema,
  deleteSchema,
  listSchema,
  oneSchema,
  paging,
  strs,
  verbose,
} from '../../http/schemas.js';
import { parseBatch, parseBody } from '../../http/validate.js';
import { notFound } from '../../errors.js';
import type { Actor } from '../../lib/permissions.js';
import { gate as sheetGate, parseSheetRef, resolveSheet, type TimesheetScope } from '../timesheets/index.js';
import {
  createTimeOff,
  deleteTimeOff,
  getTimeOff,
  listTimeOff,
  timeOffTemplate,
  updateTimeOff,
} from './entries.service.js';
import { findEntry, listEntries, type EntryFilter, type TimeOffRecord } from './entries.store.js';
import { toTimeOffWire, usersById } from './time-off.mapper.js';
import type { EntryScope } from './time-off.policy.js';
import { findTypes } from './types.store.js';

const TAGS: Record<EntryScope, string[]> = {
  me: ['Me/TimeOff'],
  root: ['TimeOff'],
  manage: ['Manage/Timesheets'],
};
const BASE: Record<EntryScope, string> = {
  me: '/Me/TimeOff',
  root: '/TimeOff',
  manage: '/Manage/Timesheets/TimeOff',
};

const warningsMeta = (warnings: string[]) => (warnings.length ? { Warnings: warnings } : undefined);

export async function entriesWire(deps: Deps, actor: Actor, rows: TimeOffRecord[], isVerbose: boolean) {
  if (!isVerbose) return rows.map((e) => toTimeOffWire(e));
  const [users, types] = await Promise.all([
    usersById(
      deps.db,
      actor.companyId,
      rows.map((e) => e.userId),
    ),
    findTypes(
      deps.db,
      actor.companyId,
      rows.map((e) => e.typeId),
    ),
  ]);
  const embeds = { users, types: new Map(types.map((t) => [t.id, t])) };
  return rows.map((e) => toTimeOffWire(e, embeds));
}

function readFilter(q: QueryReader, withUser: boolean, withDates = true): EntryFilter {
  const f: EntryFilter = {};
  const ids = q.strings('ID');
  const typeIds = q.strings('TimeOffTypeID');
  if (ids) f.ids = ids;
  if (typeIds) f.typeIds = typeIds;
  if (withDates) {
    const from = q.date('FromDate');
    const to = q.date('ToDate');
    const dates = q.dates('Date');
    if (from) f.fromDate = from;
    if (to) f.toDate = to;
    if (dates) f.dates = dates;
    if (from && to && to < from)
      q.errors.add('ToDate', 'ToDate must not be before FromDate.', ['invalid_query']);
  }
  if (withUser) {
    const userIds = q.strings('UserID');
    if (userIds) f.userIds = userIds;
  }
  return f;
}

function scopeRoutes(app: FastifyInstance, deps: Deps, scope: EntryScope) {
  const tags = TAGS[scope];
  const base = BASE[scope];
  const createBody = scope === 'me' ? TimeOffCreateMe : TimeOffCreate;

  app.get(
    base,
    {
      schema: listSchema(
        {
          tags,
          summary: 'List time-off entries (Date desc, ID desc)',
          query: {
            ID: strs(),
            TimeOffTypeID: strs(),
            FromDate: Type.Optional(DateString),
            ToDate: Type.Optional(DateString),
            Date: strs(),
            ...(scope === 'me' ? {} : { UserID: strs() }),
            ...paging,
            ...verbose,
          },
        },
        TimeOff,
      ),
    },
    async (request, reply) => {
      const actor = actorOf(request);
      const q = queryOf(request);
      const filter = readFilter(q, scope !== 'me');
      const page = readPaging(q);
      const isVerbose = q.verbose;
      q.done();
      const { rows, count } = await listTimeOff(deps, actor, scope, filter, page);
      return list(reply, await entriesWire(deps, actor, rows, isVerbose), pageOf(request, count, page));
    },
  );

  app.post(
    base,
    {
      schema: createSchema(
        {
          tags,
          summary: 'Log time off of a type that needs no approval (one, or a batch that is atomic)',
          body: createBody,
        },
        TimeOff,
      ),
    },
    async (request, reply) => {
      const actor = actorOf(request);
      const { items, batch } = parseBatch(createBody, request.body);
      const records = await createTimeOff(deps, actor, scope, items, batch);
      const data = records.map((e) => toTimeOffWire(e));
      return created(reply, batch ? data : data[0]);
    },
  );

  app.get(
    `${base}/:timeOffID`,
    { schema: oneSchema({ tags, summary: 'Get a time-off entry', query: verbose }, TimeOff) },
    async (request, reply) => {
      const actor = actorOf(request);
      const q = queryOf(request);
      const isVerbose = q.verbose;
      q.done();
      const entry = await getTimeOff(deps, actor, scope, paramOf(request, 'timeOffID'));
      return ok(reply, (await entriesWire(deps, actor, [entry], isVerbose))[0]);
    },
  );

  app.patch(
    `${base}/:timeOffID`,
    {
      schema: oneSchema(
        {
          tags,
          summary: 'Change the hours, notes or type of a time-off entry (not its Date)',
          body: TimeOffUpdate,
        },
        TimeOff,
      ),
    },
    async (request, reply) => {
      const actor = actorOf(request);
      const input = parseBody(TimeOffUpdate, request.body);
      const { record, warnings } = await updateTimeOff(
        deps,
        actor,
        scope,
        paramOf(request, 'timeOffID'),
        input,
      );
      return ok(reply, toTimeOffWire(record), warningsMeta(warnings));
    },
  );

  app.delete(
    `${base}/:timeOffID`,
    { schema: deleteSchema({ tags, summary: 'Delete a time-off entry' }) },
    async (request, reply) => {
      await deleteTimeOff(deps, actorOf(request), scope, paramOf(request, 'timeOffID'));
      return deleted(reply);
    },
  );
}

/** /Timesheets/{id}/TimeOff (root) and /Manage/Timesheets/{id}/TimeOff[/{timeOffID}]. */
function sheetRoutes(app: FastifyInstance, deps: Deps, scope: Exclude<TimesheetScope, 'me'>) {
  const base =
    scope === 'root' ? '/Timesheets/:timesheetID/TimeOff' : '/Manage/Timesheets/:timesheetID/TimeOff';
  const tags = [scope === 'root' ? 'Timesheets' : 'Manage/Timesheets'];

  const sheetOf = async (actor: Actor, raw: string) => {
    const { reach } = await sheetGate(deps, actor, scope, 'read');
    return resolveSheet(deps, actor, reach, parseSheetRef(raw));
  };

  app.get(
    base,
    {
      schema: listSchema(
        {
          tags,
          summary: "The timesheet owner's time off in its period (Date desc, ID desc)",
          query: { ID: strs(), TimeOffTypeID: strs(), ...paging, ...verbose },
        },
        TimeOff,
      ),
    },
    async (request, reply) => {
      const actor = actorOf(request);
      const q = queryOf(request);
      const filter = readFilter(q, false, false);
      const page = readPaging(q);
      const isVerbose = q.verbose;
      q.done();
      const { sheet } = await sheetOf(actor, paramOf(request, 'timesheetID'));
      const { rows, count } = await listEntries(
        deps.db,
        actor.companyId,
        { ...filter, userIds: [sheet.userId], fromDate: sheet.startDate, toDate: sheet.endDate },
        page,
      );
      return list(reply, await entriesWire(deps, actor, rows, isVerbose), pageOf(request, count, page));
    },
  );

  if (scope === 'manage') {
    app.get(
      `${base}/:timeOffID`,
      { schema: oneSchema({ tags, summary: 'A time-off entry of the timesheet', query: verbose }, TimeOff) },
      async (request, reply) => {
        const actor = actorOf(request);
        const q = queryOf(request);
        const isVerbose = q.verbose;
        q.done();
        const { sheet } = await sheetOf(actor, paramOf(request, 'timesheetID'));
        const entry = await findEntry(deps.db, actor.companyId, paramOf(request, 'timeOffID'));
        if (
          !entry ||
          entry.userId !== sheet.userId ||
          entry.date < sheet.startDate ||
          entry.date > sheet.endDate
        ) {
          throw notFound('time-off entry');
        }
        return ok(reply, (await entriesWire(deps, actor, [entry], isVerbose))[0]);
      },
    );
  }
}

export async function timeOffEntriesRoutes(app: FastifyInstance, { deps }: { deps: Deps }) {
  app.get(
    '/TimeOff/new',
    {
      schema: oneSchema(
        { tags: ['TimeOff'], summary: 'Template of a new time-off entry (nothing stored)' },
        TimeOffNew,
      ),
    },
    async (request, reply) => {
      const t = timeOffTemplate(deps, actorOf(request));
      return ok(reply, { ...toTimeOffWire(t), TimeOffTypeID: null, Hours: 0 });
    },
  );
  scopeRoutes(app, deps, 'me');
  scopeRoutes(app, deps, 'root');
  scopeRoutes(app, deps, 'manage');
  sheetRoutes(app, deps, 'root');
  sheetRoutes(app, deps, 'manage');
}
