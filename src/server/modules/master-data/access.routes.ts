/**
 * Association (ID-list) endpoints (API.md §4.17) and the caller's job/task combinations:
 *   /Jobs/{id}/Tasks, /Jobs/{id}/Users, /Jobs/{id}/Divisions, /Tasks/{id}/Jobs
 *   /Me/Jobs/{id}/Tasks, /Me/Jobs/TaskControls
 *   /Me/MyJobs, /Me/MyTasks — extensions (DECISIONS 26): how a person keeps their My Jobs / My Tasks list
 * GET returns the ID list (no paging); POST {"TaskID": …} adds one, PUT [ids] replaces all, DELETE
 * /{childID} removes one — each answering 200 with the new list (the list, not a created object).
 * No business rules here.
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { TObject } from '@sinclair/typebox';
import { StringList } from '../../../contract/common.js';
import {
  AssociationReplace,
  DivisionAssociation,
  JobAvailability,
  JobTaskControl,
  TaskAssociation,
  UserAssociation,
} from '../../../contract/master-data.js';
import type { Deps } from '../../deps.js';
import { actorOf } from '../../http/auth.js';
import { list, ok } from '../../http/envelope.js';
import { pageOf, readPaging } from '../../http/paging.js';
import { paramOf, queryOf } from '../../http/request.js';
import { bools, listSchema, oneSchema, paging, strs } from '../../http/schemas.js';
import { parseArray, parseBody } from '../../http/validate.js';
import {
  addLink,
  listLinks,
  myJobTaskIds,
  myTaskControls,
  removeLink,
  replaceLinks,
  type LinkKind,
} from './access.service.js';
import type { TaskControlFilter } from './access.store.js';

interface LinkRoute {
  kind: LinkKind;
  /** The list's path; `owner` names its path parameter, absent for the caller's own lists. */
  path: string;
  owner?: string;
  child: string;
  body: TObject;
  field: string;
  tags: string[];
  what: string;
  extension?: boolean;
}

const ROUTES: LinkRoute[] = [
  {
    kind: 'JobTasks',
    path: '/Jobs/:jobID/Tasks',
    owner: 'jobID',
    child: 'taskID',
    body: TaskAssociation,
    field: 'TaskID',
    tags: ['Jobs'],
    what: 'Tasks allowed on a job',
  },
  {
    kind: 'JobUsers',
    path: '/Jobs/:jobID/Users',
    owner: 'jobID',
    child: 'userID',
    body: UserAssociation,
    field: 'UserID',
    tags: ['Jobs'],
    what: 'People who may use a job',
  },
  {
    kind: 'JobDivisions',
    path: '/Jobs/:jobID/Divisions',
    owner: 'jobID',
    child: 'divisionID',
    body: DivisionAssociation,
    field: 'DivisionID',
    tags: ['Jobs'],
    what: 'Divisions whose people may use a job',
  },
  {
    kind: 'TaskJobs',
    path: '/Tasks/:taskID/Jobs',
    owner: 'taskID',
    child: 'jobID',
    body: JobAvailability,
    field: 'JobID',
    tags: ['Tasks'],
    what: 'Jobs a task is allowed on',
  },
  {
    kind: 'MyJobs',
    path: '/Me/MyJobs',
    child: 'jobID',
    body: JobAvailability,
    field: 'JobID',
    tags: ['Me/Jobs'],
    what: "The caller's My Jobs list",
    extension: true,
  },
  {
    kind: 'MyTasks',
    path: '/Me/MyTasks',
    child: 'taskID',
    body: TaskAssociation,
    field: 'TaskID',
    tags: ['Me/Tasks'],
    what: "The caller's My Tasks list",
    extension: true,
  },
];

export async function accessRoutes(app: FastifyInstance, { deps }: { deps: Deps }) {
  for (const r of ROUTES) {
    const owner = (request: FastifyRequest) =>
      r.owner ? paramOf(request, r.owner) : actorOf(request).userId;
    const doc = (summary: string, extra: object = {}) => ({
      tags: r.tags,
      summary: `${r.what}: ${summary}`,
      ...(r.extension ? { extension: true } : {}),
      ...extra,
    });

    app.get(
      r.path,
      { schema: oneSchema(doc('IDs', { query: { IsActive: bools() } }), StringList) },
      async (request, reply) => {
        const actor = actorOf(request);
        const q = queryOf(request);
        const isActive = q.bools('IsActive');
        q.done();
        return ok(reply, await listLinks(deps, actor, r.kind, owner(request), isActive));
      },
    );

    app.post(
      r.path,
      { schema: oneSchema(doc('add one', { body: r.body }), StringList) },
      async (request, reply) => {
        const actor = actorOf(request);
        const body = parseBody(r.body, request.body) as Record<string, string>;
        return ok(reply, await addLink(deps, actor, r.kind, owner(request), body[r.field]!));
      },
    );

    app.put(
      r.path,
      { schema: oneSchema(doc('replace all', { body: AssociationReplace }), StringList) },
      async (request, reply) => {
        const actor = actorOf(request);
        const ids = parseArray(AssociationReplace, request.body);
        return ok(reply, await replaceLinks(deps, actor, r.kind, owner(request), ids));
      },
    );

    app.delete(
      `${r.path}/:${r.child}`,
      { schema: oneSchema(doc('remove one'), StringList) },
      async (request, reply) => {
        const actor = actorOf(request);
        return ok(reply, await removeLink(deps, actor, r.kind, owner(request), paramOf(request, r.child)));
      },
    );
  }

  app.get(
    '/Me/Jobs/:jobID/Tasks',
    {
      schema: oneSchema(
        {
          tags: ['Me/Jobs'],
          summary: 'IDs of the tasks the caller may use on one of their jobs',
          query: { IsActive: bools() },
        },
        StringList,
      ),
    },
    async (request, reply) => {
      const actor = actorOf(request);
      const q = queryOf(request);
      const isActive = q.bools('IsActive');
      q.done();
      return ok(reply, await myJobTaskIds(deps, actor, paramOf(request, 'jobID'), isActive));
    },
  );

  app.get(
    '/Me/Jobs/TaskControls',
    {
      schema: listSchema(
        {
          tags: ['Me/Jobs'],
          summary: 'Allowed job/task combinations on the jobs the caller may use',
          query: { JobID: strs(), TaskID: strs(), JobIsActive: bools(), TaskIsActive: bools(), ...paging },
        },
        JobTaskControl,
      ),
    },
    async (request, reply) => {
      const actor = actorOf(request);
      const q = queryOf(request);
      const filter: TaskControlFilter = {};
      const jobIds = q.strings('JobID');
      const taskIds = q.strings('TaskID');
      const jobIsActive = q.bools('JobIsActive');
      const taskIsActive = q.bools('TaskIsActive');
      if (jobIds) filter.jobIds = jobIds;
      if (taskIds) filter.taskIds = taskIds;
      if (jobIsActive) filter.jobIsActive = jobIsActive;
      if (taskIsActive) filter.taskIsActive = taskIsActive;
      const page = readPaging(q);
      q.done();
      const { rows, count } = await myTaskControls(deps, actor, filter, page);
      return list(
        reply,
        rows.map((p) => ({ JobID: p.jobId, TaskID: p.taskId })),
        pageOf(request, count, page),
      );
    },
  );
}
