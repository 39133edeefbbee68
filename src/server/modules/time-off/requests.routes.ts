/**
 * Time-off requests: /Me/TimeOffRequests, /TimeOffRequests (+ /new), /Manage/TimeOffRequests, each with
 * /{id} and /{id}/Actions (API.md §4.11). No business rules here.
 */
import type { FastifyInstance } from 'fastify';
import { Type } from '@sinclair/typebox';
import { DateString } from '../../../contract/common.js';
import {
  RequestActionItem,
  TIME_OFF_REQUEST_STATUSES,
  TimeOffRequest,
  TimeOffRequestAction,
  TimeOffRequestActionMe,
  TimeOffRequestCreate,
  TimeOffRequestCreateMe,
  TimeOffRequestNew,
  TimeOffRequestStatus,
} from '../../../contract/time-off.js';
import type { Deps } from '../../deps.js';
import { actorOf } from '../../http/auth.js';
import { created, list, ok } from '../../http/envelope.js';
import { pageOf, readPaging } from '../../http/paging.js';
import type { QueryReader } from '../../http/query.js';
import { paramOf, queryOf } from '../../http/request.js';
import { createSchema, listSchema, oneSchema, paging, strs, verbose } from '../../http/schemas.js';
import { parseBatch, parseBody } from '../../http/validate.js';
import { canonicalPermission, type Actor, type PermissionName } from '../../lib/permissions.js';
import { historyOf, type RequestFilter, type RequestRecord } from './requests.store.js';
import {
  actionsOf,
  createRequests,
  getRequestFor,
  listRequestsFor,
  performRequestAction,
  requestActions,
  requestTemplate,
} from './requests.service.js';
import { toRequestWire, usersById } from './time-off.mapper.js';
import { seesRequestDetails, type RequestScope } from './time-off.policy.js';
import { findTypes } from './types.store.js';

const TAGS: Record<RequestScope, string[]> = {
  me: ['Me/TimeOffRequests'],
  root: ['TimeOffRequests'],
  manage: ['Manage/TimeOffRequests'],
};
const BASE: Record<RequestScope, string> = {
  me: '/Me/TimeOffRequests',
  root: '/TimeOffRequests',
  manage: '/Manage/TimeOffRequests',
};

function readFilter(q: QueryReader, scope: RequestScope): RequestFilter {
  const f: RequestFilter = {};
  const set = <K extends keyof RequestFilter>(key: K, value: RequestFilter[K] | undefined) => {
    if (value !== undefined) f[key] = value;
  };
  set('ids', q.strings('ID'));
  set('typeIds', q.strings('TimeOffTypeID'));
  set('timeOffIds', q.strings('TimeOffID'));
  set('statuses', q.oneOf('Status', TIME_OFF_REQUEST_STATUSES));
  set('fromDate', q.date('FromDate'));
  set('toDate', q.date('ToDate'));
  if (f.fromDate && f.toDate && f.toDate < f.fromDate) {
    q.errors.add('ToDate', 'ToDate must not be before FromDate.', ['invalid_query']);
  }
  if (scope !== 'me') set('userIds', q.strings('RequestedByUserID'));
  if (scope === 'root') set('approvalByUserIds', q.strings('ApprovalByUserID'));
  return f;
}

function readWithPermission(q: QueryReader): PermissionName | undefined {
  const raw = q.string('WithPermission');
  if (raw === undefined) return undefined;
  const p = canonicalPermission(raw);
  if (!p)
    q.errors.add('WithPermission', `WithPermission must name a manager permission, not "${raw}".`, [
      'invalid_query',
    ]);
  return p;
}

async function requestsWire(
  deps: Deps,
  actor: Actor,
  scope: RequestScope,
  rows: RequestRecord[],
  isVerbose: boolean,
  withPermission?: PermissionName,
) {
  const details = seesRequestDetails(actor, scope, withPermission);
  const actions = (r: RequestRecord) => actionsOf(actor, scope, r);
  if (!isVerbose) return rows.map((r) => toRequestWire(r, { actions, details }));
  const [users, types, history] = await Promise.all([
    usersById(
      deps.db,
      actor.companyId,
      rows.flatMap((r) => [r.userId, r.approvalByUserId]),
    ),
    findTypes(
      deps.db,
      actor.companyId,
      rows.map((r) => r.typeId),
    ),
    historyOf(
      deps.db,
      actor.companyId,
      rows.map((r) => r.id),
    ),
  ]);
  const verboseData = { users, types: new Map(types.map((t) => [t.id, t])), history };
  return rows.map((r) => toRequestWire(r, { actions, details, verbose: verboseData }));
}

function scopeRoutes(app: FastifyInstance, deps: Deps, scope: RequestScope) {
  const tags = TAGS[scope];
  const base = BASE[scope];

  app.get(
    base,
    {
      schema: listSchema(
        {
          tags,
          summary: 'List time-off requests (CreatedDate desc)',
          query: {
            ID: strs(),
            TimeOffTypeID: strs(),
            TimeOffID: strs(),
            Status: Type.Optional(Type.Array(TimeOffRequestStatus)),
            FromDate: Type.Optional(DateString),
            ToDate: Type.Optional(DateString),
            ...(scope === 'me' ? {} : { RequestedByUserID: strs() }),
            ...(scope === 'root'
              ? { ApprovalByUserID: strs(), WithPermission: Type.Optional(Type.String()) }
              : {}),
            ...paging,
            ...verbose,
          },
        },
        TimeOffRequest,
      ),
    },
    async (request, reply) => {
      const actor = actorOf(request);
      const q = queryOf(request);
      const filter = readFilter(q, scope);
      const withPermission = scope === 'root' ? readWithPermission(q) : undefined;
      const page = readPaging(q);
      const isVerbose = q.verbose;
      q.done();
      const { rows, count } = await listRequestsFor(deps, actor, scope, filter, page, withPermission);
      return list(
        reply,
        await requestsWire(deps, actor, scope, rows, isVerbose, withPermission),
        pageOf(request, count, page),
      );
    },
  );

  app.get(
    `${base}/:timeOffRequestID`,
    {
      schema: oneSchema(
        {
          tags,
          summary: 'Get a time-off request',
          query: {
            ...verbose,
            ...(scope === 'root' ? { WithPermission: Type.Optional(Type.String()) } : {}),
          },
        },
        TimeOffRequest,
      ),
    },
    async (request, reply) => {
      const actor = actorOf(request);
      const q = queryOf(request);
      const withPermission = scope === 'root' ? readWithPermission(q) : undefined;
      const isVerbose = q.verbose;
      q.done();
      const r = await getRequestFor(deps, actor, scope, paramOf(request, 'timeOffRequestID'), withPermission);
      return ok(reply, (await requestsWire(deps, actor, scope, [r], isVerbose, withPermission))[0]);
    },
  );

  app.get(
    `${base}/:timeOffRequestID/Actions`,
    {
      schema: listSchema(
        { tags, summary: 'The actions the caller may perform now (by Action)', query: paging },
        RequestActionItem,
      ),
    },
    async (request, reply) => {
      const actor = actorOf(request);
      const q = queryOf(request);
      const page = readPaging(q);
      q.done();
      const actions = await requestActions(deps, actor, scope, paramOf(request, 'timeOffRequestID'));
      const data = actions.slice(page.offset, page.offset + page.limit).map((Action) => ({ Action }));
      return list(reply, data, pageOf(request, actions.length, page));
    },
  );

  const actionBody = scope === 'me' ? TimeOffRequestActionMe : TimeOffRequestAction;
  app.post(
    `${base}/:timeOffRequestID/Actions`,
    {
      schema: oneSchema(
        {
          tags,
          summary: scope === 'me' ? 'Cancel a submitted request' : 'Approve or reject a submitted request',
          body: actionBody,
        },
        TimeOffRequest,
      ),
    },
    async (request, reply) => {
      const actor = actorOf(request);
      const body = parseBody(actionBody, request.body);
      const r = await performRequestAction(deps, actor, scope, paramOf(request, 'timeOffRequestID'), body);
      return ok(reply, (await requestsWire(deps, actor, scope, [r], false))[0]);
    },
  );
}

export async function timeOffRequestsRoutes(app: FastifyInstance, { deps }: { deps: Deps }) {
  app.get(
    '/TimeOffRequests/new',
    {
      schema: oneSchema(
        { tags: TAGS.root, summary: 'Template of a new time-off request (nothing stored)' },
        TimeOffRequestNew,
      ),
    },
    async (request, reply) => ok(reply, requestTemplate(actorOf(request))),
  );

  for (const scope of ['me', 'root', 'manage'] as const) scopeRoutes(app, deps, scope);

  app.post(
    '/Me/TimeOffRequests',
    {
      schema: createSchema(
        {
          tags: TAGS.me,
          summary: 'Request time off (one, or a batch that is atomic)',
          body: TimeOffRequestCreateMe,
        },
        TimeOffRequest,
      ),
    },
    async (request, reply) => {
      const actor = actorOf(request);
      const { items, batch } = parseBatch(TimeOffRequestCreateMe, request.body);
      const records = await createRequests(deps, actor, 'me', items, batch);
      const data = await requestsWire(deps, actor, 'me', records, false);
      return created(reply, batch ? data : data[0]);
    },
  );

  app.post(
    '/TimeOffRequests',
    {
      schema: createSchema(
        {
          tags: TAGS.root,
          summary: 'Request time off on behalf of a person (Admin)',
          body: TimeOffRequestCreate,
        },
        TimeOffRequest,
      ),
    },
    async (request, reply) => {
      const actor = actorOf(request);
      const { items, batch } = parseBatch(TimeOffRequestCreate, request.body);
      const records = await createRequests(deps, actor, 'root', items, batch);
      const data = await requestsWire(deps, actor, 'root', records, false);
      return created(reply, batch ? data : data[0]);
    },
  );
}
