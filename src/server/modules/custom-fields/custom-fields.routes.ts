/**
 * /CustomFieldDefinitions (Admin) and the read-only per-entity lists such as
 * /Jobs/CustomFieldDefinitions (API.md §4.13). No business rules here.
 */
import type { FastifyInstance } from 'fastify';
import {
  CUSTOM_FIELD_DATA_TYPES,
  CUSTOM_FIELD_ENTITY_TYPES,
  CustomFieldDefinition,
  CustomFieldDefinitionCreate,
  CustomFieldDefinitionUpdate,
} from '../../../contract/custom-fields.js';
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
import { parseBatch, parseBody } from '../../http/validate.js';
import {
  createDefinitions,
  deleteDefinition,
  getDefinition,
  listDefinitionsFor,
  updateDefinition,
} from './custom-fields.service.js';
import type { DefinitionFilter, DefinitionRecord, EntityType } from './custom-fields.store.js';

const tags = ['CustomFieldDefinitions'];

function toWire(d: DefinitionRecord): CustomFieldDefinition {
  return {
    ID: d.id,
    Name: d.name,
    DisplayName: d.displayName,
    EntityType: d.entityType,
    DataType: d.dataType,
    IsRequired: d.isRequired,
    PulldownValues: d.pulldownValues,
  };
}

/** The collection path of each entity type's read-only definition list. */
const ENTITY_PATHS: Record<EntityType, string> = {
  Client: '/Clients',
  Job: '/Jobs',
  Task: '/Tasks',
  User: '/Users',
  Division: '/Divisions',
  TimeEntry: '/TimeEntries',
};

export async function customFieldsRoutes(app: FastifyInstance, { deps }: { deps: Deps }) {
  app.get(
    '/CustomFieldDefinitions/new',
    {
      schema: oneSchema(
        { tags, summary: 'Template of a new custom field definition' },
        CustomFieldDefinition,
      ),
    },
    async (request, reply) => {
      actorOf(request);
      return ok(reply, {
        ID: '',
        Name: '',
        DisplayName: '',
        EntityType: 'Job',
        DataType: 'Text',
        IsRequired: false,
        PulldownValues: [],
      } satisfies CustomFieldDefinition);
    },
  );

  app.get(
    '/CustomFieldDefinitions',
    {
      schema: listSchema(
        {
          tags,
          summary: 'List custom field definitions (Admin)',
          query: { ID: strs(), DataType: strs(), EntityType: strs(), IsRequired: bools(), ...paging },
        },
        CustomFieldDefinition,
      ),
    },
    async (request, reply) => {
      const actor = actorOf(request);
      const q = queryOf(request);
      const filter: DefinitionFilter = {};
      const ids = q.strings('ID');
      const dataTypes = q.oneOf('DataType', CUSTOM_FIELD_DATA_TYPES);
      const entityTypes = q.oneOf('EntityType', CUSTOM_FIELD_ENTITY_TYPES);
      const isRequired = q.bools('IsRequired');
      if (ids) filter.ids = ids;
      if (dataTypes) filter.dataTypes = dataTypes;
      if (entityTypes) filter.entityTypes = entityTypes;
      if (isRequired) filter.isRequired = isRequired;
      const page = readPaging(q);
      q.done();
      const { rows, count } = await listDefinitionsFor(deps, actor, filter, page);
      return list(reply, rows.map(toWire), pageOf(request, count, page));
    },
  );

  app.post(
    '/CustomFieldDefinitions',
    {
      schema: createSchema(
        {
          tags,
          summary: 'Create one or many custom field definitions (Admin)',
          body: CustomFieldDefinitionCreate,
        },
        CustomFieldDefinition,
      ),
    },
    async (request, reply) => {
      const actor = actorOf(request);
      const { items, batch } = parseBatch(CustomFieldDefinitionCreate, request.body);
      const data = (await createDefinitions(deps, actor, items, batch)).map(toWire);
      return created(reply, batch ? data : data[0]);
    },
  );

  app.get(
    '/CustomFieldDefinitions/:customFieldDefinitionID',
    { schema: oneSchema({ tags, summary: 'Get a custom field definition (Admin)' }, CustomFieldDefinition) },
    async (request, reply) => {
      const def = await getDefinition(deps, actorOf(request), paramOf(request, 'customFieldDefinitionID'));
      return ok(reply, toWire(def));
    },
  );

  app.patch(
    '/CustomFieldDefinitions/:customFieldDefinitionID',
    {
      schema: oneSchema(
        { tags, summary: 'Change a custom field definition (Admin)', body: CustomFieldDefinitionUpdate },
        CustomFieldDefinition,
      ),
    },
    async (request, reply) => {
      const actor = actorOf(request);
      const input = parseBody(CustomFieldDefinitionUpdate, request.body);
      return ok(
        reply,
        toWire(await updateDefinition(deps, actor, paramOf(request, 'customFieldDefinitionID'), input)),
      );
    },
  );

  app.delete(
    '/CustomFieldDefinitions/:customFieldDefinitionID',
    { schema: deleteSchema({ tags, summary: 'Delete a custom field definition (Admin)' }) },
    async (request, reply) => {
      await deleteDefinition(deps, actorOf(request), paramOf(request, 'customFieldDefinitionID'));
      return deleted(reply);
    },
  );

  for (const [entity, base] of Object.entries(ENTITY_PATHS) as [EntityType, string][]) {
    const entityTags = [base.slice(1)];
    app.get(
      `${base}/CustomFieldDefinitions`,
      {
        schema: listSchema(
          { tags: entityTags, summary: `${entity} custom field definitions`, query: { ...paging } },
          CustomFieldDefinition,
        ),
      },
      async (request, reply) => {
        const actor = actorOf(request);
        const q = queryOf(request);
        const page = readPaging(q);
        q.done();
        const { rows, count } = await listDefinitionsFor(deps, actor, {}, page, entity);
        return list(reply, rows.map(toWire), pageOf(request, count, page));
      },
    );
    app.get(
      `${base}/CustomFieldDefinitions/:customFieldDefinitionID`,
      {
        schema: oneSchema(
          { tags: entityTags, summary: `A ${entity} custom field definition` },
          CustomFieldDefinition,
        ),
      },
      async (request, reply) => {
        const def = await getDefinition(
          deps,
          actorOf(request),
          paramOf(request, 'customFieldDefinitionID'),
          entity,
        );
        return ok(reply, toWire(def));
      },
    );
  }
}
