/**
 * /Users, /Manage/Users and /Users/{id}/Permissions (API.md §4.3). No business rules here.
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { Type } from '@sinclair/typebox';
import { StringList } from '../../../contract/common.js';
import {
  IdListReplace,
  Permission,
  PermissionsReplace,
  SecurityLevel,
  User,
  UserCreate,
  UserUpdate,
} from '../../../contract/users.js';
import type { Deps } from '../../deps.js';
import { actorOf } from '../../http/auth.js';
import { created, deleted, list, ok } from '../../http/envelope.js';
import { pageOf, readPaging } from '../../http/paging.js';
import { paramOf, publicBaseUrl, queryOf } from '../../http/request.js';
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
import { parseArray, parseBatch, parseBody } from '../../http/validate.js';
import {
  canonicalPermission,
  SECURITY_LEVELS,
  type Actor,
  type PermissionName,
} from '../../lib/permissions.js';
import type { QueryReader } from '../../http/query.js';
import { toUserWire } from './users.mapper.js';
import { manageVisibility, rootVisibility, type UserVisibility } from './users.policy.js';
import {
  createPeople,
  getPermissionDivisions,
  getPermissions,
  getPerson,
  listPeople,
  loadEmbeds,
  newPersonTemplate,
  removePerson,
  setPermissionDivisions,
  setPermissions,
  updatePerson,
  type PeopleScope,
} from './users.service.js';
import type { UserFilter, UserRecord } from './users.store.js';

const tags = ['Users'];

const filterDocs = {
  ID: strs(),
  Name: strs(),
  Email: strs(),
  DivisionID: strs(),
  TimesheetApproverID: strs(),
  ExpenseApproverID: strs(),
  EmploymentTypeID: strs(),
  JobID: strs(),
  SecurityLevel: Type.Optional(Type.Array(SecurityLevel)),
  ManagerPermission: strs(),
  IsActive: bools(),
  SubjectToTimesheetCompletion: bools(),
  WithPermission: Type.Optional(Type.String()),
  ...paging,
  ...verbose,
};

function readPermissionNames(q: QueryReader, name: string): PermissionName[] | undefined {
  const values = q.strings(name);
  if (!values) return undefined;
  const out: PermissionName[] = [];
  for (const v of values) {
    const p = canonicalPermission(v);
    if (p) out.push(p);
    else q.errors.add(name, `"${v}" is not a manager permission.`, ['invalid_query']);
  }
  return out;
}

function readFilter(q: QueryReader): UserFilter {
  const filter: UserFilter = {};
  const set = <K extends keyof UserFilter>(key: K, value: UserFilter[K] | undefined) => {
    if (value !== undefined) filter[key] = value;
  };
  set('ids', q.strings('ID'));
  set('names', q.strings('Name', { keepWhole: true }));
  set('emails', q.strings('Email'));
  set('divisionIds', q.strings('DivisionID'));
  set('timesheetApproverIds', q.strings('TimesheetApproverID'));
  set('expenseApproverIds', q.strings('ExpenseApproverID'));
  set('employmentTypeIds', q.strings('EmploymentTypeID'));
  set('jobIds', q.strings('JobID'));
  set('securityLevels', q.oneOf('SecurityLevel', SECURITY_LEVELS));
  set('managerPermissions', readPermissionNames(q, 'ManagerPermission'));
  set('isActive', q.bools('IsActive'));
  set('subjectToTimesheetCompletion', q.bools('SubjectToTimesheetCompletion'));
  return filter;
}

function visibilityFor(actor: Actor, scope: PeopleScope, withPermission?: PermissionName): UserVisibility {
  return scope === 'root' ? rootVisibility(actor, withPermission) : manageVisibility(actor);
}

async function wire(deps: Deps, actor: Actor, users: UserRecord[], vis: UserVisibility, isVerbose: boolean) {
  const embeds = isVerbose ? await loadEmbeds(deps, actor.companyId, users) : undefined;
  return users.map((u) => toUserWire(u, vis, embeds));
}

function peopleRoutes(app: FastifyInstance, deps: Deps, scope: PeopleScope, base: string) {
  const scopeTags = scope === 'root' ? tags : ['Manage/Users'];

  app.get(
    base,
    { schema: listSchema({ tags: scopeTags, summary: 'List people', query: filterDocs }, User) },
    async (request, reply) => {
      const actor = actorOf(request);
      const q = queryOf(request);
      const filter = readFilter(q);
      const withPermissionRaw = q.string('WithPermission');
      const withPermission =
        withPermissionRaw === undefined ? undefined : canonicalPermission(withPermissionRaw);
      if (withPermissionRaw !== undefined && !withPermission) {
        q.errors.add('WithPermission', 'WithPermission must name a manager permission.', ['invalid_query']);
      }
      const page = readPaging(q);
      const isVerbose = q.verbose;
      q.done();
      const { rows, count } = await listPeople(deps, actor, scope, {
        filter,
        paging: page,
        ...(withPermission ? { withPermission } : {}),
      });
      const data = await wire(deps, actor, rows, visibilityFor(actor, scope, withPermission), isVerbose);
      return list(reply, data, pageOf(request, count, page));
    },
  );

  app.post(
    base,
    {
      schema: createSchema({ tags: scopeTags, summary: 'Create one or many people', body: UserCreate }, User),
    },
    async (request, reply) => {
      const actor = actorOf(request);
      const { items, batch } = parseBatch(UserCreate, request.body);
      const result = await createPeople(deps, actor, scope, items, {
        batch,
        baseUrl: publicBaseUrl(deps, request),
      });
      const data = await wire(deps, actor, result.users, visibilityFor(actor, scope), false);
      const meta: Record<string, unknown> = {};
      if (result.invitations.length) meta.Invitations = result.invitations;
      if (result.warnings.length) meta.Warnings = [...new Set(result.warnings)];
      return created(reply, batch ? data : data[0], meta);
    },
  );

  app.get(
    `${base}/:userID`,
    { schema: oneSchema({ tags: scopeTags, summary: 'Get a person', query: verbose }, User) },
    async (request, reply) => {
      const actor = actorOf(request);
      const q = queryOf(request);
      const isVerbose = q.verbose;
      q.done();
      const user = await getPerson(deps, actor, scope, paramOf(request, 'userID'));
      const [data] = await wire(deps, actor, [user], visibilityFor(actor, scope), isVerbose);
      return ok(reply, data);
    },
  );

  app.patch(
    `${base}/:userID`,
    { schema: oneSchema({ tags: scopeTags, summary: 'Change a person', body: UserUpdate }, User) },
    async (request, reply) => {
      const actor = actorOf(request);
      const input = parseBody(scope === 'root' ? UserUpdateWithLevel : UserUpdate, request.body);
      const { user, warnings } = await updatePerson(deps, actor, scope, paramOf(request, 'userID'), input);
      const [data] = await wire(deps, actor, [user], visibilityFor(actor, scope), false);
      return ok(reply, data, warnings.length ? { Warnings: [...new Set(warnings)] } : undefined);
    },
  );
}

/** Root PATCH also takes SecurityLevel from an Admin (extension, DECISIONS 26). */
const UserUpdateWithLevel = Type.Object({
  ...UserUpdate.properties,
  SecurityLevel: Type.Optional(SecurityLevel),
});

export async function usersRoutes(app: FastifyInstance, { deps }: { deps: Deps }) {
  app.get(
    '/Users/new',
    { schema: oneSchema({ tags, summary: 'Template of a new person (nothing stored)' }, User) },
    async (request, reply) => {
      const actor = actorOf(request);
      const template = newPersonTemplate(deps, actor);
      const data = toUserWire(template, { ...rootVisibility(actor, undefined), full: true });
      return ok(reply, data);
    },
  );

  peopleRoutes(app, deps, 'root', '/Users');
  peopleRoutes(app, deps, 'manage', '/Manage/Users');

  app.delete(
    '/Users/:userID',
    { schema: deleteSchema({ tags, summary: 'Delete a person (only when unreferenced)' }) },
    async (request, reply) => {
      await removePerson(deps, actorOf(request), paramOf(request, 'userID'));
      return deleted(reply);
    },
  );

  const permissionItems = (rows: { name: string; accessLevel: string }[]) =>
    rows.map((p) => ({ Name: p.name, AccessLevel: p.accessLevel }));

  app.get(
    '/Users/:userID/Permissions',
    { schema: oneSchema({ tags, summary: "A manager's permissions" }, Type.Array(Permission)) },
    async (request, reply) =>
      ok(reply, permissionItems(await getPermissions(deps, actorOf(request), paramOf(request, 'userID')))),
  );

  app.put(
    '/Users/:userID/Permissions',
    {
      schema: oneSchema(
        { tags, summary: "Replace a manager's permissions", body: PermissionsReplace },
        Type.Array(Permission),
      ),
    },
    async (request, reply) => {
      const body = parseArray(PermissionsReplace, request.body);
      return ok(
        reply,
        permissionItems(await setPermissions(deps, actorOf(request), paramOf(request, 'userID'), body)),
      );
    },
  );

  app.get(
    '/Users/:userID/Permissions/Divisions',
    {
      schema: oneSchema(
        {
          tags,
          summary: "Divisions a manager's Divisions-scoped permissions cover",
          query: { IsActive: bools() },
        },
        StringList,
      ),
    },
    async (request: FastifyRequest, reply) => {
      const q = queryOf(request);
      const isActive = q.bools('IsActive');
      q.done();
      const rows = await getPermissionDivisions(deps, actorOf(request), paramOf(request, 'userID'), isActive);
      return ok(
        reply,
        rows.map((d) => d.id),
      );
    },
  );

  app.put(
    '/Users/:userID/Permissions/Divisions',
    {
      schema: oneSchema(
        { tags, summary: "Replace a manager's permission divisions", body: IdListReplace },
        StringList,
      ),
    },
    async (request, reply) => {
      const ids = parseArray(IdListReplace, request.body);
      const rows = await setPermissionDivisions(deps, actorOf(request), paramOf(request, 'userID'), ids);
      return ok(
        reply,
        rows.map((d) => d.id),
      );
    },
  );
}
