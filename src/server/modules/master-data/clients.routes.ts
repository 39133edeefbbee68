/**
 * /Clients and /Me/Clients (API.md §4.6). No business rules here.
 */
import type { FastifyInstance } from 'fastify';
import { Client, ClientCreate, ClientMe, ClientUpdate } from '../../../contract/master-data.js';
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
} from '../../http/schemas.js';
import { parseBatch, parseBody } from '../../http/validate.js';
import {
  clientTemplate,
  createClients,
  getClientFor,
  getMyClient,
  listClientsFor,
  listMyClients,
  removeClient,
  updateClient,
} from './clients.service.js';
import type { ClientFilter } from './clients.store.js';
import { toClientMeWire, toClientWire } from './mapper.js';
import * as policy from './policy.js';

const tags = ['Clients'];
const filterDocs = {
  ID: strs(),
  IsActive: bools(),
  Name: strs(),
  ShortName: strs(),
  ClientNumber: strs(),
  ...paging,
};

function readFilter(q: QueryReader): ClientFilter {
  const f: ClientFilter = {};
  const ids = q.strings('ID');
  const isActive = q.bools('IsActive');
  const names = q.strings('Name', { keepWhole: true });
  const shortNames = q.strings('ShortName', { keepWhole: true });
  const numbers = q.strings('ClientNumber');
  if (ids) f.ids = ids;
  if (isActive) f.isActive = isActive;
  if (names) f.names = names;
  if (shortNames) f.shortNames = shortNames;
  if (numbers) f.clientNumbers = numbers;
  return f;
}

const warningsMeta = (warnings: string[]) => (warnings.length ? { Warnings: warnings } : undefined);

export async function clientsRoutes(app: FastifyInstance, { deps }: { deps: Deps }) {
  app.get(
    '/Clients/new',
    { schema: oneSchema({ tags, summary: 'Template of a new client (nothing stored)' }, Client) },
    async (request, reply) => {
      const actor = actorOf(request);
      return ok(reply, toClientWire(clientTemplate(actor.companyId), policy.clients.visibility(actor)));
    },
  );

  app.get(
    '/Clients',
    { schema: listSchema({ tags, summary: 'List clients', query: filterDocs }, Client) },
    async (request, reply) => {
      const actor = actorOf(request);
      const q = queryOf(request);
      const filter = readFilter(q);
      const page = readPaging(q);
      q.done();
      const { rows, count } = await listClientsFor(deps, actor, filter, page);
      const vis = policy.clients.visibility(actor);
      return list(
        reply,
        rows.map((c) => toClientWire(c, vis)),
        pageOf(request, count, page),
      );
    },
  );

  app.post(
    '/Clients',
    { schema: createSchema({ tags, summary: 'Create one or many clients', body: ClientCreate }, Client) },
    async (request, reply) => {
      const actor = actorOf(request);
      const { items, batch } = parseBatch(ClientCreate, request.body);
      const { records, warnings } = await createClients(deps, actor, items, batch);
      const vis = policy.clients.visibility(actor);
      const data = records.map((c) => toClientWire(c, vis));
      return created(reply, batch ? data : data[0], warningsMeta(warnings));
    },
  );

  app.get(
    '/Clients/:clientID',
    { schema: oneSchema({ tags, summary: 'Get a client' }, Client) },
    async (request, reply) => {
      const actor = actorOf(request);
      const client = await getClientFor(deps, actor, paramOf(request, 'clientID'));
      return ok(reply, toClientWire(client, policy.clients.visibility(actor)));
    },
  );

  app.patch(
    '/Clients/:clientID',
    { schema: oneSchema({ tags, summary: 'Change a client', body: ClientUpdate }, Client) },
    async (request, reply) => {
      const actor = actorOf(request);
      const input = parseBody(ClientUpdate, request.body);
      const { record, warnings } = await updateClient(deps, actor, paramOf(request, 'clientID'), input);
      return ok(reply, toClientWire(record, policy.clients.visibility(actor)), warningsMeta(warnings));
    },
  );

  app.delete(
    '/Clients/:clientID',
    { schema: deleteSchema({ tags, summary: 'Delete a client (Admin; only when no job refers to it)' }) },
    async (request, reply) => {
      await removeClient(deps, actorOf(request), paramOf(request, 'clientID'));
      return deleted(reply);
    },
  );

  app.get(
    '/Me/Clients',
    {
      schema: listSchema(
        { tags: ['Me/Clients'], summary: 'Clients of the jobs the caller may use', query: filterDocs },
        ClientMe,
      ),
    },
    async (request, reply) => {
      const actor = actorOf(request);
      const q = queryOf(request);
      const filter = readFilter(q);
      const page = readPaging(q);
      q.done();
      const { rows, count } = await listMyClients(deps, actor, filter, page);
      return list(reply, rows.map(toClientMeWire), pageOf(request, count, page));
    },
  );

  app.get(
    '/Me/Clients/:clientID',
    {
      schema: oneSchema({ tags: ['Me/Clients'], summary: 'A client of a job the caller may use' }, ClientMe),
    },
    async (request, reply) => {
      const actor = actorOf(request);
      return ok(reply, toClientMeWire(await getMyClient(deps, actor, paramOf(request, 'clientID'))));
    },
  );
}
