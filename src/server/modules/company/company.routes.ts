/**
 * /Company and the permission-name lists (API.md §4.2, §5).
 */
import type { FastifyInstance } from 'fastify';
import { Type } from '@sinclair/typebox';
import { Company, CompanyUpdate } from '../../../contract/company.js';
import { Permission, PermissionName } from '../../../contract/users.js';
import { BasicNamed } from '../../../contract/users.js';
import type { Deps } from '../../deps.js';
import { forbidden } from '../../errors.js';
import { actorOf } from '../../http/auth.js';
import { list, ok } from '../../http/envelope.js';
import { pageOf, readPaging } from '../../http/paging.js';
import { queryOf } from '../../http/request.js';
import { listSchema, oneSchema, paging } from '../../http/schemas.js';
import { parseBody } from '../../http/validate.js';
import { isAdmin, isAdminOrManager, MANAGER_PERMISSIONS } from '../../lib/permissions.js';
import { findDivisions, listAllDivisions } from '../divisions/index.js';
import { loadCompany, toCompanyWire, updateCompanySettings } from './company.service.js';

const tags = ['Company'];

export async function companyRoutes(app: FastifyInstance, { deps }: { deps: Deps }) {
  app.get(
    '/Company',
    { schema: oneSchema({ tags, summary: "The caller's company" }, Company) },
    async (request, reply) => {
      const actor = actorOf(request);
      const company = toCompanyWire(await loadCompany(deps, actor.companyId));
      if (!isAdmin(actor)) delete company.CustomFields;
      return ok(reply, company);
    },
  );

  app.patch(
    '/Company',
    {
      schema: oneSchema(
        {
          tags,
          summary: 'Change company settings (Admin). Fields beyond ClickTime’s PATCH model are extensions.',
          body: CompanyUpdate,
        },
        Company,
      ),
    },
    async (request, reply) => {
      const actor = actorOf(request);
      if (!isAdmin(actor)) throw forbidden('Only an Admin can change company settings.');
      const input = parseBody(CompanyUpdate, request.body);
      return ok(reply, toCompanyWire(await updateCompanySettings(deps, actor, input)));
    },
  );

  app.get(
    '/Company/Permissions',
    { schema: listSchema({ tags, summary: 'Manager permission names', query: paging }, Type.String()) },
    async (request, reply) => {
      actorOf(request);
      const q = queryOf(request);
      const page = readPaging(q);
      q.done();
      const names = [...MANAGER_PERMISSIONS];
      return list(
        reply,
        names.slice(page.offset, page.offset + page.limit),
        pageOf(request, names.length, page),
      );
    },
  );

  app.get(
    '/Permissions',
    {
      schema: oneSchema(
        { tags: ['Permissions'], summary: 'Permission names (Admin)' },
        Type.Array(PermissionName),
      ),
    },
    async (request, reply) => {
      if (!isAdmin(actorOf(request))) throw forbidden('Only an Admin can list permissions.');
      const names = [...MANAGER_PERMISSIONS].sort((a, b) => a.localeCompare(b));
      return ok(
        reply,
        names.map((Name) => ({ Name })),
      );
    },
  );

  app.get(
    '/Manage/Permissions',
    {
      schema: oneSchema(
        { tags: ['Manage/Permissions'], summary: "The caller's own manager permissions" },
        Type.Array(Permission),
      ),
    },
    async (request, reply) => {
      const actor = actorOf(request);
      const entries = isAdmin(actor)
        ? MANAGER_PERMISSIONS.map((name) => [name, 'All'] as const)
        : [...actor.permissions.entries()];
      const data = entries
        .map(([Name, AccessLevel]) => ({ Name, AccessLevel }))
        .sort((a, b) => a.Name.localeCompare(b.Name));
      return ok(reply, data);
    },
  );

  app.get(
    '/Manage/Permissions/Divisions',
    {
      schema: oneSchema(
        { tags: ['Manage/Permissions'], summary: "Divisions the caller's permissions cover" },
        Type.Array(BasicNamed),
      ),
    },
    async (request, reply) => {
      const actor = actorOf(request);
      if (!isAdminOrManager(actor)) throw forbidden('Only Admins and Managers have permission divisions.');
      const divisions = isAdmin(actor)
        ? await listAllDivisions(deps.db, actor.companyId)
        : await findDivisions(deps.db, actor.companyId, actor.permissionDivisionIds);
      const data = divisions
        .map((d) => ({ ID: d.id, Name: d.name, IsActive: d.isActive }))
        .sort((a, b) => a.Name.localeCompare(b.Name) || a.ID.localeCompare(b.ID));
      return ok(reply, data);
    },
  );
}
