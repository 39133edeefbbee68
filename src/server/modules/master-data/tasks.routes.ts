/**
 * /Tasks and /Me/Tasks (API.md §4.8). No business rules here.
 */
import type { FastifyInstance } from 'fastify';
import { Task, TaskCreate, TaskMe, TaskUpdate } from '../../../contract/master-data.js';
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
  verbose,
} from '../../http/schemas.js';
import { parseBatch, parseBody } from '../../http/validate.js';
import { toTaskMeWire, toTaskWire } from './mapper.js';
import * as policy from './policy.js';
import {
  createTasks,
  getMyTask,
  getTaskFor,
  listMyTasks,
  listTasksFor,
  myTaskIdsAmong,
  removeTask,
  taskTemplate,
  updateTask,
} from './tasks.service.js';
import type { TaskFilter } from './tasks.store.js';

const tags = ['Tasks'];
const filterDocs = {
  ID: strs(),
  IsActive: bools(),
  Name: strs(),
  TaskCode: strs(),
  TaskName: strs(),
  ...paging,
};

function readFilter(q: QueryReader): TaskFilter {
  const f: TaskFilter = {};
  const ids = q.strings('ID');
  const isActive = q.bools('IsActive');
  // TaskName is the deprecated spelling of Name (CATALOGUE Tasks).
  const names = [
    ...(q.strings('Name', { keepWhole: true }) ?? []),
    ...(q.strings('TaskName', { keepWhole: true }) ?? []),
  ];
  const codes = q.strings('TaskCode');
  if (ids) f.ids = ids;
  if (isActive) f.isActive = isActive;
  if (names.length) f.names = names;
  if (codes) f.taskCodes = codes;
  return f;
}

const warningsMeta = (warnings: string[]) => (warnings.length ? { Warnings: warnings } : undefined);

export async function tasksRoutes(app: FastifyInstance, { deps }: { deps: Deps }) {
  app.get(
    '/Tasks/new',
    { schema: oneSchema({ tags, summary: 'Template of a new task (nothing stored)' }, Task) },
    async (request, reply) => {
      const actor = actorOf(request);
      return ok(reply, toTaskWire(taskTemplate(actor.companyId), policy.tasks.visibility(actor)));
    },
  );

  app.get(
    '/Tasks',
    { schema: listSchema({ tags, summary: 'List tasks', query: filterDocs }, Task) },
    async (request, reply) => {
      const actor = actorOf(request);
      const q = queryOf(request);
      const filter = readFilter(q);
      const page = readPaging(q);
      q.done();
      const { rows, count } = await listTasksFor(deps, actor, filter, page);
      const vis = policy.tasks.visibility(actor);
      return list(
        reply,
        rows.map((t) => toTaskWire(t, vis)),
        pageOf(request, count, page),
      );
    },
  );

  app.post(
    '/Tasks',
    { schema: createSchema({ tags, summary: 'Create one or many tasks', body: TaskCreate }, Task) },
    async (request, reply) => {
      const actor = actorOf(request);
      const { items, batch } = parseBatch(TaskCreate, request.body);
      const { records, warnings } = await createTasks(deps, actor, items, batch);
      const vis = policy.tasks.visibility(actor);
      const data = records.map((t) => toTaskWire(t, vis));
      return created(reply, batch ? data : data[0], warningsMeta(warnings));
    },
  );

  app.get(
    '/Tasks/:taskID',
    { schema: oneSchema({ tags, summary: 'Get a task' }, Task) },
    async (request, reply) => {
      const actor = actorOf(request);
      const task = await getTaskFor(deps, actor, paramOf(request, 'taskID'));
      return ok(reply, toTaskWire(task, policy.tasks.visibility(actor)));
    },
  );

  app.patch(
    '/Tasks/:taskID',
    { schema: oneSchema({ tags, summary: 'Change a task', body: TaskUpdate }, Task) },
    async (request, reply) => {
      const actor = actorOf(request);
      const input = parseBody(TaskUpdate, request.body);
      const { record, warnings } = await updateTask(deps, actor, paramOf(request, 'taskID'), input);
      return ok(reply, toTaskWire(record, policy.tasks.visibility(actor)), warningsMeta(warnings));
    },
  );

  app.delete(
    '/Tasks/:taskID',
    { schema: deleteSchema({ tags, summary: 'Delete a task (Admin; only when nothing refers to it)' }) },
    async (request, reply) => {
      await removeTask(deps, actorOf(request), paramOf(request, 'taskID'));
      return deleted(reply);
    },
  );

  const meTags = ['Me/Tasks'];
  const meQuery = { ...filterDocs, MyTasks: bools(), ...verbose };

  app.get(
    '/Me/Tasks',
    { schema: listSchema({ tags: meTags, summary: 'Tasks the caller may use', query: meQuery }, TaskMe) },
    async (request, reply) => {
      const actor = actorOf(request);
      const q = queryOf(request);
      const filter = readFilter(q);
      const myTasks = q.bools('MyTasks');
      const page = readPaging(q);
      const isVerbose = q.verbose;
      q.done();
      const { rows, count } = await listMyTasks(deps, actor, filter, myTasks, page);
      const mine = isVerbose
        ? await myTaskIdsAmong(
            deps,
            actor,
            rows.map((t) => t.id),
          )
        : undefined;
      return list(
        reply,
        rows.map((t) => toTaskMeWire(t, isVerbose, mine)),
        pageOf(request, count, page),
      );
    },
  );

  app.get(
    '/Me/Tasks/:taskID',
    { schema: oneSchema({ tags: meTags, summary: 'A task the caller may use', query: verbose }, TaskMe) },
    async (request, reply) => {
      const actor = actorOf(request);
      const q = queryOf(request);
      const isVerbose = q.verbose;
      q.done();
      const task = await getMyTask(deps, actor, paramOf(request, 'taskID'));
      const mine = isVerbose ? await myTaskIdsAmong(deps, actor, [task.id]) : undefined;
      return ok(reply, toTaskMeWire(task, isVerbose, mine));
    },
  );
}
