/**
 * /Jobs and /Me/Jobs (API.md §4.7). No business rules here.
 */
import type { FastifyInstance } from 'fastify';
import { Type } from '@sinclair/typebox';
import { Job, JobCreate, JobMe, JobUpdate } from '../../../contract/master-data.js';
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
import {
  canonicalPermission,
  hasPermission,
  type Actor,
  type PermissionName,
} from '../../lib/permissions.js';
import {
  createJobs,
  getJobFor,
  getMyJob,
  jobTemplate,
  listJobsFor,
  listMyJobs,
  loadJobEmbeds,
  removeJob,
  updateJob,
} from './jobs.service.js';
import type { JobFilter, JobRecord } from './jobs.store.js';
import { toJobMeWire, toJobWire } from './mapper.js';
import * as policy from './policy.js';

const tags = ['Jobs'];

function readFilter(q: QueryReader): JobFilter {
  const f: JobFilter = {};
  const ids = q.strings('ID');
  const clientIds = q.strings('ClientID');
  const names = q.strings('Name', { keepWhole: true });
  const numbers = q.strings('JobNumber');
  const isActive = q.bools('IsActive');
  if (ids) f.ids = ids;
  if (clientIds) f.clientIds = clientIds;
  if (names) f.names = names;
  if (numbers) f.jobNumbers = numbers;
  if (isActive) f.isActive = isActive;
  return f;
}

function visibility(actor: Actor, withPermission?: PermissionName) {
  const vis = policy.jobs.visibility(actor);
  // WithPermission=View Resource Management "may add extra fields" (CATALOGUE Jobs): IsBillable.
  if (withPermission === 'View Resource Management' && hasPermission(actor, withPermission))
    vis.billable = true;
  return vis;
}

async function wire(
  deps: Deps,
  actor: Actor,
  jobs: JobRecord[],
  isVerbose: boolean,
  withPermission?: PermissionName,
) {
  const embeds = await loadJobEmbeds(deps, actor, jobs, { verbose: isVerbose });
  const vis = visibility(actor, withPermission);
  return jobs.map((j) => toJobWire(j, vis, embeds, isVerbose));
}

const warningsMeta = (warnings: string[]) => (warnings.length ? { Warnings: warnings } : undefined);

export async function jobsRoutes(app: FastifyInstance, { deps }: { deps: Deps }) {
  app.get(
    '/Jobs/new',
    { schema: oneSchema({ tags, summary: 'Template of a new job (nothing stored)' }, Job) },
    async (request, reply) => {
      const actor = actorOf(request);
      const [data] = await wire(deps, actor, [jobTemplate(actor.companyId)], false);
      return ok(reply, data);
    },
  );

  app.get(
    '/Jobs',
    {
      schema: listSchema(
        {
          tags,
          summary: 'List jobs',
          query: {
            ID: strs(),
            ClientID: strs(),
            Name: strs(),
            JobNumber: strs(),
            IsActive: bools(),
            ProjectManagerID: strs(),
            UserID: strs(),
            WithPermission: Type.Optional(Type.String()),
            ...paging,
            ...verbose,
          },
        },
        Job,
      ),
    },
    async (request, reply) => {
      const actor = actorOf(request);
      const q = queryOf(request);
      const filter = readFilter(q);
      const managers = q.strings('ProjectManagerID');
      if (managers) filter.projectManagerIds = managers;
      const userIds = q.strings('UserID');
      const raw = q.string('WithPermission');
      const withPermission = raw === undefined ? undefined : canonicalPermission(raw);
      if (raw !== undefined && !withPermission) {
        q.errors.add('WithPermission', 'WithPermission must name a manager permission.', ['invalid_query']);
      }
      const page = readPaging(q);
      const isVerbose = q.verbose;
      q.done();
      const { rows, count } = await listJobsFor(deps, actor, {
        filter,
        paging: page,
        ...(userIds ? { userIds } : {}),
        ...(withPermission ? { withPermission } : {}),
      });
      return list(
        reply,
        await wire(deps, actor, rows, isVerbose, withPermission),
        pageOf(request, count, page),
      );
    },
  );

  app.post(
    '/Jobs',
    { schema: createSchema({ tags, summary: 'Create one or many jobs', body: JobCreate }, Job) },
    async (request, reply) => {
      const actor = actorOf(request);
      const { items, batch } = parseBatch(JobCreate, request.body);
      const { records, warnings } = await createJobs(deps, actor, items, batch);
      const data = await wire(deps, actor, records, false);
      return created(reply, batch ? data : data[0], warningsMeta(warnings));
    },
  );

  app.get(
    '/Jobs/:jobID',
    { schema: oneSchema({ tags, summary: 'Get a job', query: verbose }, Job) },
    async (request, reply) => {
      const actor = actorOf(request);
      const q = queryOf(request);
      const isVerbose = q.verbose;
      q.done();
      const job = await getJobFor(deps, actor, paramOf(request, 'jobID'));
      const [data] = await wire(deps, actor, [job], isVerbose);
      return ok(reply, data);
    },
  );

  app.patch(
    '/Jobs/:jobID',
    { schema: oneSchema({ tags, summary: 'Change a job', body: JobUpdate }, Job) },
    async (request, reply) => {
      const actor = actorOf(request);
      const input = parseBody(JobUpdate, request.body);
      const { record, warnings } = await updateJob(deps, actor, paramOf(request, 'jobID'), input);
      const [data] = await wire(deps, actor, [record], false);
      return ok(reply, data, warningsMeta(warnings));
    },
  );

  app.delete(
    '/Jobs/:jobID',
    { schema: deleteSchema({ tags, summary: 'Delete a job (Admin; only when nothing refers to it)' }) },
    async (request, reply) => {
      await removeJob(deps, actorOf(request), paramOf(request, 'jobID'));
      return deleted(reply);
    },
  );

  const meTags = ['Me/Jobs'];

  app.get(
    '/Me/Jobs',
    {
      schema: listSchema(
        {
          tags: meTags,
          summary: 'Jobs the caller may use',
          query: {
            ID: strs(),
            ClientID: strs(),
            Name: strs(),
            JobNumber: strs(),
            IsActive: bools(),
            MyJobs: bools(),
            ...paging,
            ...verbose,
          },
        },
        JobMe,
      ),
    },
    async (request, reply) => {
      const actor = actorOf(request);
      const q = queryOf(request);
      const filter = readFilter(q);
      const myJobs = q.bools('MyJobs');
      const page = readPaging(q);
      const isVerbose = q.verbose;
      q.done();
      const { rows, count } = await listMyJobs(deps, actor, filter, myJobs, page);
      const embeds = await loadJobEmbeds(deps, actor, rows, { verbose: isVerbose, me: true });
      return list(
        reply,
        rows.map((j) => toJobMeWire(j, embeds, isVerbose)),
        pageOf(request, count, page),
      );
    },
  );

  app.get(
    '/Me/Jobs/:jobID',
    { schema: oneSchema({ tags: meTags, summary: 'A job the caller may use', query: verbose }, JobMe) },
    async (request, reply) => {
      const actor = actorOf(request);
      const q = queryOf(request);
      const isVerbose = q.verbose;
      q.done();
      const job = await getMyJob(deps, actor, paramOf(request, 'jobID'));
      const embeds = await loadJobEmbeds(deps, actor, [job], { verbose: isVerbose, me: true });
      return ok(reply, toJobMeWire(job, embeds, isVerbose));
    },
  );
}
