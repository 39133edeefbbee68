import type { FastifyInstance } from 'fastify';
import { Type } from '@sinclair/typebox';
import {
  Label,
  LabelCreate,
  LabelEvent,
  LabelEventCreate,
  LabelEventEntityIds,
  LabelUpdate,
} from '../../../contract/labels.js';
import type { Deps } from '../../deps.js';
import { actorOf } from '../../http/auth.js';
import { created, deleted, list, ok } from '../../http/envelope.js';
import { pageOf, readPaging } from '../../http/paging.js';
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
import { parseArray, parseBatch, parseBody } from '../../http/validate.js';
import { toLabelEventWire, toLabelWire } from './labels.mapper.js';
import { requireLabels } from './labels.policy.js';
import {
  addToLabelEvent,
  createLabelEvents,
  createLabels,
  getLabel,
  getLabelEvent,
  listLabelEventsFor,
  listLabelsFor,
  removeLabel,
  removeLabelEvent,
  updateLabel,
} from './labels.service.js';
import type { LabelFilter } from './labels.store.js';

export async function labelsRoutes(app: FastifyInstance, { deps }: { deps: Deps }) {
  const tags = ['Labels'];

  app.get(
    '/Labels/new',
    { schema: oneSchema({ tags, summary: 'Template of a new label' }, Label) },
    async (request, reply) => {
      requireLabels(actorOf(request));
      return ok(reply, { ID: '', Name: '', IsActive: true, Notes: '' });
    },
  );

  app.get(
    '/Labels',
    {
      schema: listSchema(
        { tags, summary: 'List labels', query: { ID: strs(), Name: strs(), IsActive: bools(), ...paging } },
        Label,
      ),
    },
    async (request, reply) => {
      const actor = actorOf(request);
      const q = queryOf(request);
      const filter: LabelFilter = {};
      const ids = q.strings('ID');
      const names = q.strings('Name', { keepWhole: true });
      const isActive = q.bools('IsActive');
      if (ids) filter.ids = ids;
      if (names) filter.names = names;
      if (isActive) filter.isActive = isActive;
      const page = readPaging(q);
      q.done();
      const { rows, count } = await listLabelsFor(deps, actor, filter, page);
      return list(reply, rows.map(toLabelWire), pageOf(request, count, page));
    },
  );

  app.post(
    '/Labels',
    { schema: createSchema({ tags, summary: 'Create one or many labels', body: LabelCreate }, Label) },
    async (request, reply) => {
      const { items, batch } = parseBatch(LabelCreate, request.body);
      const data = (await createLabels(deps, actorOf(request), items, batch)).map(toLabelWire);
      return created(reply, batch ? data : data[0]);
    },
  );

  app.get(
    '/Labels/:labelID',
    { schema: oneSchema({ tags, summary: 'Get a label' }, Label) },
    async (request, reply) =>
      ok(reply, toLabelWire(await getLabel(deps, actorOf(request), paramOf(request, 'labelID')))),
  );

  app.patch(
    '/Labels/:labelID',
    { schema: oneSchema({ tags, summary: 'Change a label', body: LabelUpdate }, Label) },
    async (request, reply) => {
      const actor = actorOf(request);
      const input = parseBody(LabelUpdate, request.body);
      return ok(reply, toLabelWire(await updateLabel(deps, actor, paramOf(request, 'labelID'), input)));
    },
  );

  app.delete(
    '/Labels/:labelID',
    { schema: deleteSchema({ tags, summary: 'Delete a label no label event uses (Admin)' }) },
    async (request, reply) => {
      await removeLabel(deps, actorOf(request), paramOf(request, 'labelID'));
      return deleted(reply);
    },
  );

  const eventTags = ['LabelEvents'];

  app.get(
    '/LabelEvents/new',
    { schema: oneSchema({ tags: eventTags, summary: 'Template of a new label event' }, LabelEvent) },
    async (request, reply) => {
      requireLabels(actorOf(request));
      return ok(reply, {
        ID: '',
        LabelID: '',
        EntityType: 'TimeEntry',
        EntityIDs: '',
        StartDate: null,
        EndDate: null,
      });
    },
  );

  app.get(
    '/LabelEvents',
    {
      schema: listSchema(
        { tags: eventTags, summary: 'List label events', query: { LabelID: strs(), ...paging } },
        LabelEvent,
      ),
    },
    async (request, reply) => {
      const actor = actorOf(request);
      const q = queryOf(request);
      const labelIds = q.strings('LabelID');
      const page = readPaging(q);
      q.done();
      const { rows, count } = await listLabelEventsFor(deps, actor, labelIds ? { labelIds } : {}, page);
      return list(reply, rows.map(toLabelEventWire), pageOf(request, count, page));
    },
  );

  app.post(
    '/LabelEvents',
    {
      schema: createSchema(
        { tags: eventTags, summary: 'Create one or many label events', body: LabelEventCreate },
        LabelEvent,
      ),
    },
    async (request, reply) => {
      const { items, batch } = parseBatch(LabelEventCreate, request.body);
      const data = (await createLabelEvents(deps, actorOf(request), items, batch)).map(toLabelEventWire);
      return created(reply, batch ? data : data[0]);
    },
  );

  app.get(
    '/LabelEvents/:labelEventID',
    { schema: oneSchema({ tags: eventTags, summary: 'Get a label event' }, LabelEvent) },
    async (request, reply) =>
      ok(
        reply,
        toLabelEventWire(await getLabelEvent(deps, actorOf(request), paramOf(request, 'labelEventID'))),
      ),
  );

  app.post(
    '/LabelEvents/:labelEventID',
    {
      schema: oneSchema(
        {
          tags: eventTags,
          summary: "Add entity IDs to a label event; answers the event's IDs",
          body: LabelEventEntityIds,
        },
        Type.Array(Type.String()),
      ),
    },
    async (request, reply) => {
      const actor = actorOf(request);
      const ids = parseArray(LabelEventEntityIds, request.body);
      return ok(reply, await addToLabelEvent(deps, actor, paramOf(request, 'labelEventID'), ids));
    },
  );

  app.delete(
    '/LabelEvents/:labelEventID',
    { schema: deleteSchema({ tags: eventTags, summary: 'Delete a label event' }) },
    async (request, reply) => {
      await removeLabelEvent(deps, actorOf(request), paramOf(request, 'labelEventID'));
      return deleted(reply);
    },
  );
}
