/**
 * /Me/Timesheets, /Timesheets and /Manage/Timesheets (API.md §4.10; CATALOGUE Timesheets,
 * Me/Timesheets, Manage/Timesheets, Manage/JobApprovals). No business rules here.
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { Type, type TSchema } from '@sinclair/typebox';
import {
  ActionItem,
  Timesheet,
  TIMESHEET_STATUSES,
  TimesheetActionBody,
  TimesheetHistory,
  TimesheetStatus,
} from '../../../contract/timesheets.js';
import { TimeEntry } from '../../../contract/time-entries.js';
import type { Deps } from '../../deps.js';
import { actorOf } from '../../http/auth.js';
import { list, ok } from '../../http/envelope.js';
import { MAX_LIMIT_ENTRIES, pageOf, readPaging } from '../../http/paging.js';
import type { QueryReader } from '../../http/query.js';
import { paramOf, queryOf } from '../../http/request.js';
import { listSchema, oneSchema, paging, strs, verbose } from '../../http/schemas.js';
import { parseBody } from '../../http/validate.js';
import { isAdmin, type Actor } from '../../lib/permissions.js';
import { entryVisibility, loadEntryEmbeds, toTimeEntryWire } from '../time-entries/index.js';
import { toHistoryWire, toTimesheetWire } from './timesheets.mapper.js';
import type { TimesheetScope } from './timesheets.policy.js';
import {
  getSheetFor,
  historyUsers,
  listSheetActions,
  listSheetsFor,
  parseSheetRef,
  performSheetAction,
  sheetEmbeds,
  sheetEntries,
  sheetHistory,
} from './timesheets.service.js';
import type { SheetFilter, SheetRecord } from './timesheets.store.js';
import { jobApprovalEntries, listJobApprovals } from './timesheets.job-approvals.js';

/** GET /Manage/JobApprovals item (extension). */
const JobApprovalWire = Type.Object({
  ID: Type.String(),
  TimesheetID: Type.String(),
  JobID: Type.String(),
  UserID: Type.String(),
  StartDate: Type.String(),
  EndDate: Type.String(),
  Status: Type.Literal('Pending'),
});

const TAGS: Record<TimesheetScope, string[]> = {
  me: ['Me/Timesheets'],
  root: ['Timesheets'],
  manage: ['Manage/Timesheets'],
};

const BASE: Record<TimesheetScope, string> = {
  me: '/Me/Timesheets',
  root: '/Timesheets',
  manage: '/Manage/Timesheets',
};

const sheetParam = (request: FastifyRequest) => parseSheetRef(paramOf(request, 'timesheetID'));

function readFilter(q: QueryReader, scope: TimesheetScope): Omit<SheetFilter, 'reach'> {
  const filter: Omit<SheetFilter, 'reach'> = {};
  const statuses = q.oneOf('Status', TIMESHEET_STATUSES);
  const fromDate = q.date('FromDate');
  const toDate = q.date('ToDate');
  if (statuses) filter.statuses = statuses;
  if (fromDate) filter.fromDate = fromDate;
  if (toDate) filter.toDate = toDate;
  if (fromDate && toDate && toDate < fromDate) {
    q.errors.add('ToDate', 'ToDate must not be before FromDate.', ['invalid_query']);
  }
  if (scope !== 'me') {
    const userIds = q.strings('UserID');
    const divisionIds = q.strings('DivisionID');
    const employmentTypeIds = q.strings('EmploymentTypeID');
    if (userIds) filter.userIds = userIds;
    if (divisionIds) filter.divisionIds = divisionIds;
    if (employmentTypeIds) filter.employmentTypeIds = employmentTypeIds;
  }
  return filter;
}

async function wireSheets(
  deps: Deps,
  actor: Actor,
  scope: TimesheetScope,
  sheets: SheetRecord[],
  isVerbose: boolean,
) {
  const embeds = isVerbose ? await sheetEmbeds(deps, actor, scope, sheets) : undefined;
  return sheets.map((s) =>
    toTimesheetWire(s, { scope, rootActions: isAdmin(actor), ...(embeds ? { embeds } : {}) }),
  );
}

function scopeRoutes(app: FastifyInstance, deps: Deps, scope: TimesheetScope) {
  const tags = TAGS[scope];
  const base = BASE[scope];
  const listFilters: Record<string, TSchema> = {
    Status: Type.Optional(Type.Array(TimesheetStatus)),
    FromDate: Type.Optional(Type.String({ format: 'date' })),
    ToDate: Type.Optional(Type.String({ format: 'date' })),
    ...(scope === 'me' ? {} : { UserID: strs(), DivisionID: strs(), EmploymentTypeID: strs() }),
  };

  app.get(
    base,
    {
      schema: listSchema(
        {
          tags,
          summary: 'List timesheets (StartDate desc)',
          query: { ...listFilters, ...paging, ...verbose },
        },
        Timesheet,
      ),
    },
    async (request, reply) => {
      const actor = actorOf(request);
      const q = queryOf(request);
      const filter = readFilter(q, scope);
      const page = readPaging(q);
      const isVerbose = q.verbose;
      q.done();
      const { rows, count } = await listSheetsFor(deps, actor, scope, { filter, paging: page });
      return list(reply, await wireSheets(deps, actor, scope, rows, isVerbose), pageOf(request, count, page));
    },
  );

  app.get(
    `${base}/:timesheetID`,
    {
      schema: oneSchema(
        { tags, summary: 'Get a timesheet by ID, or by a date inside its period', query: verbose },
        Timesheet,
      ),
    },
    async (request, reply) => {
      const actor = actorOf(request);
      const q = queryOf(request);
      const isVerbose = q.verbose;
      q.done();
      const { sheet } = await getSheetFor(deps, actor, scope, sheetParam(request));
      const [data] = await wireSheets(deps, actor, scope, [sheet], isVerbose);
      return ok(reply, data);
    },
  );

  if (scope !== 'me') {
    app.get(
      `${base}/:timesheetID/Users/:userID`,
      {
        schema: oneSchema(
          {
            tags,
            summary: "A person's timesheet for the period of a date or of another timesheet",
            query: verbose,
          },
          Timesheet,
        ),
      },
      async (request, reply) => {
        const actor = actorOf(request);
        const q = queryOf(request);
        const isVerbose = q.verbose;
        q.done();
        const { sheet } = await getSheetFor(
          deps,
          actor,
          scope,
          sheetParam(request),
          paramOf(request, 'userID'),
        );
        const [data] = await wireSheets(deps, actor, scope, [sheet], isVerbose);
        return ok(reply, data);
      },
    );
  }

  app.get(
    `${base}/:timesheetID/Actions`,
    {
      schema: listSchema(
        { tags, summary: 'The actions this caller may perform on the timesheet now', query: paging },
        ActionItem,
      ),
    },
    async (request, reply) => {
      const actor = actorOf(request);
      const q = queryOf(request);
      const page = readPaging(q);
      q.done();
      const actions = await listSheetActions(deps, actor, scope, sheetParam(request));
      const data = actions.slice(page.offset, page.offset + page.limit).map((Action) => ({ Action }));
      return list(reply, data, pageOf(request, actions.length, page));
    },
  );

  app.post(
    `${base}/:timesheetID/Actions`,
    {
      schema: oneSchema(
        {
          tags,
          summary: 'Perform a workflow action on the timesheet',
          body: TimesheetActionBody,
          query: verbose,
        },
        Timesheet,
      ),
    },
    async (request, reply) => {
      const actor = actorOf(request);
      const q = queryOf(request);
      const isVerbose = q.verbose;
      q.done();
      const ref = sheetParam(request);
      const body = parseBody(TimesheetActionBody, request.body);
      const { sheet, warnings } = await performSheetAction(deps, actor, scope, ref, body);
      const [data] = await wireSheets(deps, actor, scope, [sheet], isVerbose);
      return ok(reply, data, warnings.length ? { Warnings: warnings } : undefined);
    },
  );

  app.get(
    `${base}/:timesheetID/History`,
    {
      schema: listSchema(
        {
          tags,
          summary: 'The workflow history of the timesheet (newest first)',
          query: { ...paging, ...verbose },
        },
        TimesheetHistory,
      ),
    },
    async (request, reply) => {
      const actor = actorOf(request);
      const q = queryOf(request);
      const page = readPaging(q);
      const isVerbose = q.verbose;
      q.done();
      const { rows, count } = await sheetHistory(deps, actor, scope, sheetParam(request), page);
      const users = isVerbose
        ? await historyUsers(
            deps,
            actor,
            rows.map((r) => r.actionByUserId),
          )
        : undefined;
      return list(
        reply,
        rows.map((r) => toHistoryWire(r, users)),
        pageOf(request, count, page),
      );
    },
  );
}

function entriesRoute(app: FastifyInstance, deps: Deps) {
  app.get(
    '/Timesheets/:timesheetID/TimeEntries',
    {
      schema: listSchema(
        {
          tags: TAGS.root,
          summary: "The timesheet owner's time entries in its period (Date desc)",
          query: { JobID: strs(), ...paging, ...verbose },
        },
        TimeEntry,
      ),
    },
    async (request, reply) => {
      const actor = actorOf(request);
      const q = queryOf(request);
      const jobIds = q.strings('JobID');
      const page = readPaging(q, MAX_LIMIT_ENTRIES);
      const isVerbose = q.verbose;
      q.done();
      const { rows, count } = await sheetEntries(deps, actor, 'root', sheetParam(request), jobIds, page);
      const embeds = isVerbose ? await loadEntryEmbeds(deps.db, actor.companyId, rows) : undefined;
      const vis = entryVisibility(actor);
      return list(
        reply,
        rows.map((e) => toTimeEntryWire(e, vis, embeds)),
        pageOf(request, count, page),
      );
    },
  );
}

export async function timesheetsRoutes(app: FastifyInstance, { deps }: { deps: Deps }) {
  scopeRoutes(app, deps, 'me');
  scopeRoutes(app, deps, 'root');
  scopeRoutes(app, deps, 'manage');
  entriesRoute(app, deps);

  // Project (job) approvals: timesheets.job-approvals.ts, docs/adr/0007-timesheet-periods.md.
  app.get(
    '/Manage/JobApprovals',
    {
      schema: listSchema(
        {
          tags: ['Manage/JobApprovals'],
          summary: "Pending job approvals of timesheets in JobHold on the caller's jobs (Admins: all)",
          query: paging,
          extension: true,
        },
        JobApprovalWire,
      ),
    },
    async (request, reply) => {
      const actor = actorOf(request);
      const q = queryOf(request);
      const page = readPaging(q);
      q.done();
      const { rows, count } = await listJobApprovals(deps, actor, page);
      return list(
        reply,
        rows.map((r) => ({
          ID: r.id,
          TimesheetID: r.timesheetId,
          JobID: r.jobId,
          UserID: r.userId,
          StartDate: r.startDate,
          EndDate: r.endDate,
          Status: 'Pending' as const,
        })),
        pageOf(request, count, page),
      );
    },
  );

  app.get(
    '/Manage/JobApprovals/:jobApprovalID/TimeEntries',
    {
      schema: listSchema(
        {
          tags: ['Manage/JobApprovals'],
          summary: "The timesheet's time entries on the job awaiting approval (Date desc)",
          query: { ...paging, ...verbose },
        },
        TimeEntry,
      ),
    },
    async (request, reply) => {
      const actor = actorOf(request);
      const q = queryOf(request);
      const page = readPaging(q, MAX_LIMIT_ENTRIES);
      const isVerbose = q.verbose;
      q.done();
      const { rows, count } = await jobApprovalEntries(deps, actor, paramOf(request, 'jobApprovalID'), page);
      const embeds = isVerbose ? await loadEntryEmbeds(deps.db, actor.companyId, rows) : undefined;
      const vis = entryVisibility(actor);
      return list(
        reply,
        rows.map((e) => toTimeEntryWire(e, vis, embeds)),
        pageOf(request, count, page),
      );
    },
  );
}
