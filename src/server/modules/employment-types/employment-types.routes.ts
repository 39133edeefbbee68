import type { FastifyInstance } from 'fastify';
import { StringList } from '../../../contract/common.js';
import { IdListReplace } from '../../../contract/users.js';
import {
  EmploymentType,
  EmploymentTypeCreate,
  EmploymentTypeUpdate,
} from '../../../contract/organisation.js';
import type { Deps } from '../../deps.js';
import { forbidden } from '../../errors.js';
import { actorOf } from '../../http/auth.js';
import { created, list, ok } from '../../http/envelope.js';
import { pageOf, readPaging } from '../../http/paging.js';
import { paramOf, queryOf } from '../../http/request.js';
import { bools, createSchema, listSchema, oneSchema, paging, strs, verbose } from '../../http/schemas.js';
import { parseArray, parseBatch, parseBody } from '../../http/validate.js';
import { isAdminOrManager, type Actor } from '../../lib/permissions.js';
import { findUsers } from '../users/index.js';
import { holidayTypeIdsOfEmploymentType, timeOffTypeIdsOfEmploymentType } from '../time-off/index.js';
import type { EmploymentTypeFilter, EmploymentTypeRecord } from './employment-types.store.js';
import { userIdsOfEmploymentType } from './employment-types.store.js';
import {
  assignTypeToUsers,
  canViewDetails,
  createTypes,
  getType,
  listTypes,
  typeUserIds,
  updateType,
} from './employment-types.service.js';

const tags = ['EmploymentTypes'];

async function toWire(
  deps: Deps,
  actor: Actor,
  t: EmploymentTypeRecord,
  isVerbose: boolean,
): Promise<EmploymentType> {
  const out: EmploymentType = { ID: t.id, Name: t.name, IsActive: t.isActive };
  if (!canViewDetails(actor)) return out;
  out.Notes = t.notes;
  out.AccountingPackageID = t.accountingPackageId;
  if (isVerbose) {
    const users = await findUsers(
      deps.db,
      actor.companyId,
      await userIdsOfEmploymentType(deps.db, actor.companyId, t.id),
    );
    out.Users = users.map((u) => ({ ID: u.id, Name: u.name, Email: u.email, IsActive: u.isActive }));
    [out.TimeOffTypeIDs, out.HolidayTypeIDs] = await Promise.all([
      timeOffTypeIdsOfEmploymentType(deps.db, actor.companyId, t.id),
      holidayTypeIdsOfEmploymentType(deps.db, actor.companyId, t.id),
    ]);
    out.AlternativeTimeOffTypeIDs = [];
  }
  return out;
}

export async function employmentTypesRoutes(app: FastifyInstance, { deps }: { deps: Deps }) {
  app.get(
    '/EmploymentTypes/new',
    { schema: oneSchema({ tags, summary: 'Template of a new employment type' }, EmploymentType) },
    async (request, reply) => {
      const actor = actorOf(request);
      if (!isAdminOrManager(actor)) throw forbidden('Only Admins and Managers can see employment types.');
      return ok(reply, { ID: '', Name: '', IsActive: true, Notes: '', AccountingPackageID: '' });
    },
  );

  app.get(
    '/EmploymentTypes',
    {
      schema: listSchema(
        {
          tags,
          summary: 'List employment types',
          query: { ID: strs(), Name: strs(), IsActive: bools(), ...paging, ...verbose },
        },
        EmploymentType,
      ),
    },
    async (request, reply) => {
      const actor = actorOf(request);
      const q = queryOf(request);
      const filter: EmploymentTypeFilter = {};
      const ids = q.strings('ID');
      const names = q.strings('Name', { keepWhole: true });
      const isActive = q.bools('IsActive');
      if (ids) filter.ids = ids;
      if (names) filter.names = names;
      if (isActive) filter.isActive = isActive;
      const page = readPaging(q);
      const isVerbose = q.verbose;
      q.done();
      const { rows, count } = await listTypes(deps, actor, filter, page);
      const data = await Promise.all(rows.map((t) => toWire(deps, actor, t, isVerbose)));
      return list(reply, data, pageOf(request, count, page));
    },
  );

  app.post(
    '/EmploymentTypes',
    {
      schema: createSchema(
        { tags, summary: 'Create one or many employment types', body: EmploymentTypeCreate },
        EmploymentType,
      ),
    },
    async (request, reply) => {
      const actor = actorOf(request);
      const { items, batch } = parseBatch(EmploymentTypeCreate, request.body);
      const records = await createTypes(deps, actor, items, batch);
      const data = await Promise.all(records.map((t) => toWire(deps, actor, t, false)));
      return created(reply, batch ? data : data[0]);
    },
  );

  app.get(
    '/EmploymentTypes/:employmentTypeID',
    { schema: oneSchema({ tags, summary: 'Get an employment type', query: verbose }, EmploymentType) },
    async (request, reply) => {
      const actor = actorOf(request);
      const q = queryOf(request);
      const isVerbose = q.verbose;
      q.done();
      return ok(
        reply,
        await toWire(
          deps,
          actor,
          await getType(deps, actor, paramOf(request, 'employmentTypeID')),
          isVerbose,
        ),
      );
    },
  );

  app.patch(
    '/EmploymentTypes/:employmentTypeID',
    {
      schema: oneSchema(
        { tags, summary: 'Change an employment type', body: EmploymentTypeUpdate },
        EmploymentType,
      ),
    },
    async (request, reply) => {
      const actor = actorOf(request);
      const input = parseBody(EmploymentTypeUpdate, request.body);
      return ok(
        reply,
        await toWire(
          deps,
          actor,
          await updateType(deps, actor, paramOf(request, 'employmentTypeID'), input),
          false,
        ),
      );
    },
  );

  app.get(
    '/EmploymentTypes/:employmentTypeID/Users',
    { schema: oneSchema({ tags, summary: 'IDs of the people with this employment type' }, StringList) },
    async (request, reply) =>
      ok(reply, await typeUserIds(deps, actorOf(request), paramOf(request, 'employmentTypeID'))),
  );

  app.post(
    '/EmploymentTypes/:employmentTypeID/Users',
    {
      schema: oneSchema(
        { tags, summary: 'Give these people this employment type', body: IdListReplace },
        StringList,
      ),
    },
    async (request, reply) => {
      const ids = parseArray(IdListReplace, request.body);
      return ok(
        reply,
        await assignTypeToUsers(deps, actorOf(request), paramOf(request, 'employmentTypeID'), ids),
      );
    },
  );
}
