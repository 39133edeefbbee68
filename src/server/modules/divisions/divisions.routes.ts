import type { FastifyInstance } from 'fastify';
import { Division, DivisionCreate, DivisionUpdate } from '../../../contract/organisation.js';
import type { Deps } from '../../deps.js';
import { actorOf } from '../../http/auth.js';
import { created, list, ok } from '../../http/envelope.js';
import { pageOf, readPaging } from '../../http/paging.js';
import { paramOf, queryOf } from '../../http/request.js';
import { bools, createSchema, listSchema, oneSchema, paging, strs, verbose } from '../../http/schemas.js';
import { parseBatch, parseBody } from '../../http/validate.js';
import { isAdminOrManager, type Actor } from '../../lib/permissions.js';
import { forbidden } from '../../errors.js';
import type { DivisionFilter, DivisionRecord } from './divisions.store.js';
import {
  createDivisions,
  getDivision,
  listDivisionsFor,
  seesDivisionDetails,
  updateDivision,
  type DivisionScope,
} from './divisions.service.js';

function toWire(d: DivisionRecord, details: boolean): Division {
  const out: Division = { ID: d.id, Name: d.name, IsActive: d.isActive };
  if (details) {
    out.Notes = d.notes;
    out.AccountingPackageID = d.accountingPackageId;
    out.CustomFields = d.customFields;
  }
  return out;
}

function routesFor(app: FastifyInstance, deps: Deps, scope: DivisionScope, base: string) {
  const tags = [scope === 'root' ? 'Divisions' : 'Manage/Divisions'];
  const details = (a: Actor) => seesDivisionDetails(a, scope);

  app.get(
    base,
    {
      schema: listSchema(
        {
          tags,
          summary: 'List divisions',
          query: { ID: strs(), Name: strs(), IsActive: bools(), ...paging, ...verbose },
        },
        Division,
      ),
    },
    async (request, reply) => {
      const actor = actorOf(request);
      const q = queryOf(request);
      const filter: DivisionFilter = {};
      const ids = q.strings('ID');
      const names = q.strings('Name', { keepWhole: true });
      const isActive = q.bools('IsActive');
      if (ids) filter.ids = ids;
      if (names) filter.names = names;
      if (isActive) filter.isActive = isActive;
      const page = readPaging(q);
      q.done();
      const { rows, count } = await listDivisionsFor(deps, actor, scope, filter, page);
      return list(
        reply,
        rows.map((d) => toWire(d, details(actor))),
        pageOf(request, count, page),
      );
    },
  );

  app.post(
    base,
    {
      schema: createSchema({ tags, summary: 'Create one or many divisions', body: DivisionCreate }, Division),
    },
    async (request, reply) => {
      const actor = actorOf(request);
      const { items, batch } = parseBatch(DivisionCreate, request.body);
      const records = await createDivisions(deps, actor, scope, items, batch);
      const data = records.map((d) => toWire(d, true));
      return created(reply, batch ? data : data[0]);
    },
  );

  app.get(
    `${base}/:divisionID`,
    { schema: oneSchema({ tags, summary: 'Get a division' }, Division) },
    async (request, reply) => {
      const actor = actorOf(request);
      return ok(
        reply,
        toWire(await getDivision(deps, actor, scope, paramOf(request, 'divisionID')), details(actor)),
      );
    },
  );

  app.patch(
    `${base}/:divisionID`,
    { schema: oneSchema({ tags, summary: 'Change a division', body: DivisionUpdate }, Division) },
    async (request, reply) => {
      const actor = actorOf(request);
      const input = parseBody(DivisionUpdate, request.body);
      return ok(
        reply,
        toWire(await updateDivision(deps, actor, scope, paramOf(request, 'divisionID'), input), true),
      );
    },
  );
}

export async function divisionsRoutes(app: FastifyInstance, { deps }: { deps: Deps }) {
  app.get(
    '/Divisions/new',
    { schema: oneSchema({ tags: ['Divisions'], summary: 'Template of a new division' }, Division) },
    async (request, reply) => {
      const actor = actorOf(request);
      if (!isAdminOrManager(actor)) throw forbidden('Only Admins and Managers can see divisions.');
      return ok(reply, {
        ID: '',
        Name: '',
        IsActive: true,
        Notes: '',
        AccountingPackageID: '',
        CustomFields: {},
      });
    },
  );
  routesFor(app, deps, 'root', '/Divisions');
  routesFor(app, deps, 'manage', '/Manage/Divisions');
}
