import type { TSchema } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import {
  BillingRate,
  BillingRateTaskJob,
  BillingRateTaskUser,
  BillingRateUpdate,
  BillingRateUserClient,
  BillingRateUserJob,
} from '../../../contract/billing-rates.js';
import type { Deps } from '../../deps.js';
import { actorOf } from '../../http/auth.js';
import { list, ok } from '../../http/envelope.js';
import { pageOf, readPaging } from '../../http/paging.js';
import { paramOf, queryOf } from '../../http/request.js';
import { listSchema, oneSchema, paging, strs, verbose } from '../../http/schemas.js';
import { parseBody } from '../../http/validate.js';
import { toEntityRateWire, toPairWire } from './billing-rates.mapper.js';
import type { RateEntity } from './billing-rates.rules.js';
import {
  getEntityRate,
  listEntityRates,
  listMatrix,
  setEntityRate,
  setMatrixRate,
  type MatrixFilter,
} from './billing-rates.service.js';
import type { PairKind } from './billing-rates.store.js';

interface Matrix {
  kind: PairKind;
  path: string;
  /** Path parameters and query filters of the first and second entity. */
  first: string;
  second: string;
  schema: TSchema;
}

const MATRICES: Matrix[] = [
  {
    kind: 'USER_JOB',
    path: '/BillingRates/Users/Jobs',
    first: 'User',
    second: 'Job',
    schema: BillingRateUserJob,
  },
  {
    kind: 'USER_CLIENT',
    path: '/BillingRates/Users/Clients',
    first: 'User',
    second: 'Client',
    schema: BillingRateUserClient,
  },
  {
    kind: 'TASK_JOB',
    path: '/BillingRates/Tasks/Jobs',
    first: 'Task',
    second: 'Job',
    schema: BillingRateTaskJob,
  },
  {
    kind: 'TASK_USER',
    path: '/BillingRates/Tasks/Users',
    first: 'Task',
    second: 'User',
    schema: BillingRateTaskUser,
  },
];

const ENTITIES: { entity: RateEntity; base: string; param: string; tag: string }[] = [
  { entity: 'jobs', base: '/Jobs', param: 'jobID', tag: 'Jobs' },
  { entity: 'clients', base: '/Clients', param: 'clientID', tag: 'Clients' },
  { entity: 'users', base: '/Users', param: 'userID', tag: 'Users' },
];

export async function billingRatesRoutes(app: FastifyInstance, { deps }: { deps: Deps }) {
  const tags = ['BillingRates'];
  for (const m of MATRICES) {
    const firstParam = `${m.first.toLowerCase()}ID`;
    const secondParam = `${m.second.toLowerCase()}ID`;
    app.get(
      m.path,
      {
        schema: listSchema(
          {
            tags,
            summary: `List ${m.first.toLowerCase()} × ${m.second.toLowerCase()} billing rates`,
            query: { [`${m.first}ID`]: strs(), [`${m.second}ID`]: strs(), ...paging, ...verbose },
          },
          m.schema,
        ),
      },
      async (request, reply) => {
        const actor = actorOf(request);
        const q = queryOf(request);
        const filter: MatrixFilter = {};
        const firstIds = q.strings(`${m.first}ID`);
        const secondIds = q.strings(`${m.second}ID`);
        if (firstIds) filter.firstIds = firstIds;
        if (secondIds) filter.secondIds = secondIds;
        const isVerbose = q.verbose;
        const page = readPaging(q);
        q.done();
        const { rows, count } = await listMatrix(deps, actor, m.kind, filter, page);
        return list(
          reply,
          rows.map((r) => toPairWire(m.kind, r, isVerbose)),
          pageOf(request, count, page),
        );
      },
    );

    app.patch(
      `${m.path}/:${firstParam}/:${secondParam}`,
      {
        schema: oneSchema(
          {
            tags,
            summary: `Set a ${m.first.toLowerCase()} × ${m.second.toLowerCase()} billing rate`,
            body: BillingRateUpdate,
          },
          m.schema,
        ),
      },
      async (request, reply) => {
        const actor = actorOf(request);
        const input = parseBody(BillingRateUpdate, request.body);
        const v = await setMatrixRate(
          deps,
          actor,
          m.kind,
          paramOf(request, firstParam),
          paramOf(request, secondParam),
          input,
        );
        return ok(reply, toPairWire(m.kind, v, false));
      },
    );
  }

  for (const e of ENTITIES) {
    const path = `${e.base}/:${e.param}/BillingRates`;
    app.get(
      path,
      {
        schema: listSchema(
          { tags: [e.tag], summary: 'List billing rates', query: { ID: strs(), ...paging } },
          BillingRate,
        ),
      },
      async (request, reply) => {
        const actor = actorOf(request);
        const q = queryOf(request);
        const ids = q.strings('ID');
        const page = readPaging(q);
        q.done();
        const { rows, count } = await listEntityRates(
          deps,
          actor,
          e.entity,
          paramOf(request, e.param),
          ids,
          page,
        );
        return list(reply, rows.map(toEntityRateWire), pageOf(request, count, page));
      },
    );

    app.get(
      `${path}/:billingRateID`,
      { schema: oneSchema({ tags: [e.tag], summary: 'Get a billing rate' }, BillingRate) },
      async (request, reply) => {
        const actor = actorOf(request);
        const v = await getEntityRate(
          deps,
          actor,
          e.entity,
          paramOf(request, e.param),
          paramOf(request, 'billingRateID'),
        );
        return ok(reply, toEntityRateWire(v));
      },
    );

    app.patch(
      `${path}/:billingRateID`,
      {
        schema: oneSchema(
          { tags: [e.tag], summary: 'Set a billing rate', body: BillingRateUpdate },
          BillingRate,
        ),
      },
      async (request, reply) => {
        const actor = actorOf(request);
        const input = parseBody(BillingRateUpdate, request.body);
        const v = await setEntityRate(
          deps,
          actor,
          e.entity,
          paramOf(request, e.param),
          paramOf(request, 'billingRateID'),
          input,
        );
        return ok(reply, toEntityRateWire(v));
      },
    );
  }
}
