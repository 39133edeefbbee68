/**
 * Time entries in the three scopes, stopwatch timers, the daily/weekly time summaries and the autofill
 * helper (API.md §4.9, §4.16). No business rules here.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { Type, type Static, type TSchema } from '@sinclair/typebox';
import { DateString } from '../../../contract/common.js';
import {
  AutoFilledTimeEntry,
  TimeEntry,
  TimeEntryCreate,
  TimeEntryCreateMe,
  TimeEntryNew,
  TimeEntryUpdate,
  TimeSummaryDaily,
  TimeSummaryWeekly,
  Timer,
  TimerReplace,
  TimerReplaceRoot,
  TimerStart,
} from '../../../contract/time-entries.js';
import type { Deps } from '../../deps.js';
import { actorOf } from '../../http/auth.js';
import { created, deleted, list, ok } from '../../http/envelope.js';
import { MAX_LIMIT_ENTRIES, pageOf, readPaging } from '../../http/paging.js';
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
import { MAX_BATCH, parseBody } from '../../http/validate.js';
import { AppError, FieldErrors } from '../../errors.js';
import type { Actor } from '../../lib/permissions.js';
import { loadEntryEmbeds, rateToWire, toTimeEntryWire } from './time-entries.mapper.js';
import { entryVisibility, type EntryScope } from './time-entries.policy.js';
import {
  autoFill,
  createTimeEntries,
  deleteTimeEntry,
  getTimeEntry,
  listTimeEntries,
  newEntryTemplate,
  updateTimeEntry,
} from './time-entries.service.js';
import type { EntryFilter, TimeEntryRecord } from './time-entries.store.js';
import {
  dailySummary,
  weeklySummary,
  type SummaryQuery,
  type SummaryScope,
} from './time-summaries.service.js';
import {
  discardEntryTimer,
  deleteTimerAsAdmin,
  getEntryTimer,
  getMyTimer,
  listAllTimers,
  listMyTimers,
  loadTimerEmbeds,
  replaceEntryTimer,
  replaceTimerAsAdmin,
  startEntryTimer,
  toTimerWire,
} from './timers.service.js';
import type { TimerFilter, TimerRecord } from './timers.store.js';

/**
 * A collection POST body (DECISIONS 8): one object, or 1 to 1000 of them. Unlike parseBatch, a batch item
 * whose shape is wrong does not stop the others from being checked: the service adds the rule errors of
 * the well-formed items, so one 400 names every bad field of every item (`[i].Field`).
 */
function parseItems<T extends TSchema>(schema: T, body: unknown) {
  const errors = new FieldErrors();
  if (!Array.isArray(body))
    return { items: [{ index: 0, input: parseBody(schema, body) }], batch: false, errors };
  if (body.length === 0 || body.length > MAX_BATCH) {
    throw new AppError('invalid_request', `A batch must hold between 1 and ${MAX_BATCH} items.`, {
      field: null,
    });
  }
  const items: { index: number; input: Static<T> }[] = [];
  body.forEach((raw: unknown, index) => {
    try {
      items.push({ index, input: parseBody(schema, raw ?? null) });
    } catch (error) {
      if (!(error instanceof AppError)) throw error;
      for (const e of error.errors) {
        errors.add(
          e.Field ? `[${index}].${e.Field}` : `[${index}]`,
          e.Field ? `[${index}].${e.Message}` : e.Message,
          e.MessageDetail,
        );
      }
    }
  });
  return { items, batch: true, errors };
}

const warningsMeta = (warnings: string[]) => (warnings.length ? { Warnings: warnings } : undefined);

async function entriesWire(deps: Deps, actor: Actor, entries: TimeEntryRecord[], isVerbose: boolean) {
  const vis = entryVisibility(actor);
  const embeds = isVerbose ? await loadEntryEmbeds(deps.db, actor.companyId, entries) : undefined;
  return entries.map((e) => toTimeEntryWire(e, vis, embeds));
}

function readEntryFilter(q: QueryReader, scope: EntryScope): EntryFilter {
  const f: EntryFilter = {};
  const set = <K extends keyof EntryFilter>(key: K, value: EntryFilter[K] | undefined) => {
    if (value !== undefined) f[key] = value;
  };
  set('ids', q.strings('ID'));
  set('jobIds', q.strings('JobID'));
  set('taskIds', q.strings('TaskID'));
  set('fromDate', q.date('StartDate'));
  set('toDate', q.date('EndDate'));
  set('dates', q.dates('EntryDate'));
  if (scope !== 'me') set('userIds', q.strings('UserID'));
  return f;
}

const entryFilterDocs = (scope: EntryScope) => ({
  ID: strs(),
  JobID: strs(),
  TaskID: strs(),
  StartDate: Type.Optional(DateString),
  EndDate: Type.Optional(DateString),
  EntryDate: strs(),
  ...(scope === 'me' ? {} : { UserID: strs() }),
  ...paging,
  ...verbose,
});

function entryRoutes(app: FastifyInstance, deps: Deps, scope: EntryScope, base: string) {
  const tags = [scope === 'me' ? 'Me/TimeEntries' : scope === 'root' ? 'TimeEntries' : 'Manage/Timesheets'];
  const createBody = scope === 'me' ? TimeEntryCreateMe : TimeEntryCreate;

  app.get(
    base,
    {
      schema: listSchema(
        {
          tags,
          summary: 'List time entries (Date desc, ID desc; limit ≤ 500)',
          query: entryFilterDocs(scope),
        },
        TimeEntry,
      ),
    },
    async (request, reply) => {
      const actor = actorOf(request);
      const q = queryOf(request);
      const filter = readEntryFilter(q, scope);
      const page = readPaging(q, MAX_LIMIT_ENTRIES);
      const isVerbose = q.verbose;
      q.done();
      const { rows, count } = await listTimeEntries(deps, actor, scope, filter, page);
      return list(reply, await entriesWire(deps, actor, rows, isVerbose), pageOf(request, count, page));
    },
  );

  app.post(
    base,
    {
      schema: createSchema(
        { tags, summary: 'Create one or many time entries (a batch is atomic)', body: createBody },
        TimeEntry,
      ),
    },
    async (request, reply) => {
      const actor = actorOf(request);
      const { items, batch, errors } = parseItems(createBody, request.body);
      const { value, warnings } = await createTimeEntries(deps, actor, scope, items, batch, errors);
      const data = await entriesWire(deps, actor, value, false);
      return created(reply, batch ? data : data[0], warningsMeta(warnings));
    },
  );

  app.get(
    `${base}/:timeEntryID`,
    { schema: oneSchema({ tags, summary: 'Get a time entry', query: verbose }, TimeEntry) },
    async (request, reply) => {
      const actor = actorOf(request);
      const q = queryOf(request);
      const isVerbose = q.verbose;
      q.done();
      const entry = await getTimeEntry(deps, actor, scope, paramOf(request, 'timeEntryID'));
      return ok(reply, (await entriesWire(deps, actor, [entry], isVerbose))[0]);
    },
  );

  app.patch(
    `${base}/:timeEntryID`,
    {
      schema: oneSchema(
        { tags, summary: 'Change a time entry (its Date cannot change)', body: TimeEntryUpdate },
        TimeEntry,
      ),
    },
    async (request, reply) => {
      const actor = actorOf(request);
      const input = parseBody(TimeEntryUpdate, request.body);
      const { value, warnings } = await updateTimeEntry(
        deps,
        actor,
        scope,
        paramOf(request, 'timeEntryID'),
        input,
      );
      return ok(reply, (await entriesWire(deps, actor, [value], false))[0], warningsMeta(warnings));
    },
  );

  app.delete(
    `${base}/:timeEntryID`,
    { schema: deleteSchema({ tags, summary: 'Delete a time entry' }) },
    async (request, reply) => {
      await deleteTimeEntry(deps, actorOf(request), scope, paramOf(request, 'timeEntryID'));
      return deleted(reply);
    },
  );
}

// ——— timers ———

async function timersWire(deps: Deps, actor: Actor, timers: TimerRecord[], isVerbose: boolean) {
  const now = deps.clock().getTime();
  const embeds = isVerbose ? await loadTimerEmbeds(deps.db, actor.companyId, timers) : undefined;
  return timers.map((t) => toTimerWire(t, now, embeds));
}

function readTimerFilter(q: QueryReader, all: boolean): TimerFilter {
  const f: TimerFilter = {};
  const set = <K extends keyof TimerFilter>(key: K, value: TimerFilter[K] | undefined) => {
    if (value !== undefined) f[key] = value;
  };
  set('ids', q.strings('ID'));
  set('timeEntryIds', q.strings('TimeEntryID'));
  set('fromDate', q.date('FromDate'));
  set('toDate', q.date('ToDate'));
  const running = q.bools('IsRunning');
  // An abandoned timer is one left running: IsRunningOrAbandoned selects the same timers as IsRunning.
  const runningOrAbandoned = all ? q.bools('IsRunningOrAbandoned') : undefined;
  if (running && runningOrAbandoned)
    set(
      'isRunning',
      running.filter((v) => runningOrAbandoned.includes(v)),
    );
  else set('isRunning', running ?? runningOrAbandoned);
  if (all) set('userIds', q.strings('UserID'));
  return f;
}

const timerFilterDocs = (all: boolean) => ({
  ID: strs(),
  IsRunning: bools(),
  FromDate: Type.Optional(DateString),
  ToDate: Type.Optional(DateString),
  TimeEntryID: strs(),
  ...(all ? { UserID: strs(), IsRunningOrAbandoned: bools() } : {}),
  ...paging,
  ...verbose,
});

function timerRoutes(app: FastifyInstance, deps: Deps) {
  const meTags = ['Me/TimeEntries'];
  const path = '/Me/TimeEntries/:timeEntryID/Timer';
  const verboseOf = (request: FastifyRequest) => {
    const q = queryOf(request);
    const v = q.verbose;
    q.done();
    return v;
  };
  const one = async (request: FastifyRequest, reply: FastifyReply, timer: TimerRecord, status = 200) => {
    const data = (await timersWire(deps, actorOf(request), [timer], verboseOf(request)))[0];
    return status === 201 ? created(reply, data) : ok(reply, data);
  };

  app.get(
    path,
    { schema: oneSchema({ tags: meTags, summary: "The entry's stopwatch timer", query: verbose }, Timer) },
    async (request, reply) =>
      one(request, reply, await getEntryTimer(deps, actorOf(request), paramOf(request, 'timeEntryID'))),
  );

  app.post(
    path,
    {
      schema: oneSchema(
        { tags: meTags, summary: 'Start (or resume) the entry’s timer', body: TimerStart },
        Timer,
        201,
      ),
    },
    async (request, reply) => {
      const body = request.body === undefined ? {} : parseBody(TimerStart, request.body);
      const { timer, created: isNew } = await startEntryTimer(
        deps,
        actorOf(request),
        paramOf(request, 'timeEntryID'),
        body.Intervals,
      );
      return one(request, reply, timer, isNew ? 201 : 200);
    },
  );

  app.put(
    path,
    {
      schema: oneSchema(
        {
          tags: meTags,
          summary: "Replace the timer's intervals (an End on the open one stops it)",
          body: TimerReplace,
        },
        Timer,
      ),
    },
    async (request, reply) => {
      const body = parseBody(TimerReplace, request.body);
      return one(
        request,
        reply,
        await replaceEntryTimer(deps, actorOf(request), paramOf(request, 'timeEntryID'), body.Intervals),
      );
    },
  );

  app.delete(
    path,
    { schema: deleteSchema({ tags: meTags, summary: 'Discard the entry’s timer' }) },
    async (request, reply) => {
      await discardEntryTimer(deps, actorOf(request), paramOf(request, 'timeEntryID'));
      return deleted(reply);
    },
  );

  for (const all of [false, true]) {
    const base = all ? '/Timers' : '/Me/Timers';
    const tags = [all ? 'Timers' : 'Me/Timers'];
    app.get(
      base,
      {
        schema: listSchema(
          { tags, summary: 'List timers (TimeEntryDate, ID)', query: timerFilterDocs(all) },
          Timer,
        ),
      },
      async (request, reply) => {
        const actor = actorOf(request);
        const q = queryOf(request);
        const filter = readTimerFilter(q, all);
        const page = readPaging(q);
        const isVerbose = q.verbose;
        q.done();
        const { rows, count } = all
          ? await listAllTimers(deps, actor, filter, page)
          : await listMyTimers(deps, actor, filter, page);
        return list(reply, await timersWire(deps, actor, rows, isVerbose), pageOf(request, count, page));
      },
    );
  }

  app.get(
    '/Me/Timers/:timerID',
    { schema: oneSchema({ tags: ['Me/Timers'], summary: 'Get one of my timers', query: verbose }, Timer) },
    async (request, reply) =>
      one(request, reply, await getMyTimer(deps, actorOf(request), paramOf(request, 'timerID'))),
  );

  app.put(
    '/Timers',
    {
      schema: oneSchema(
        { tags: ['Timers'], summary: "Replace a timer's intervals (Admin)", body: TimerReplaceRoot },
        Timer,
      ),
    },
    async (request, reply) => {
      const body = parseBody(TimerReplaceRoot, request.body);
      return one(request, reply, await replaceTimerAsAdmin(deps, actorOf(request), body));
    },
  );

  app.delete(
    '/Timers/:timerID',
    { schema: deleteSchema({ tags: ['Timers'], summary: 'Delete a timer (Admin)' }) },
    async (request, reply) => {
      await deleteTimerAsAdmin(deps, actorOf(request), paramOf(request, 'timerID'));
      return deleted(reply);
    },
  );
}

// ——— summaries ———

function readSummary(
  q: QueryReader,
  scope: SummaryScope,
  period: 'Daily' | 'Weekly',
): SummaryQuery | undefined {
  const startDate = q.date('StartDate');
  const endDate = q.date('EndDate');
  if (!q.has('StartDate')) q.errors.add('StartDate', 'StartDate is required.', ['required']);
  if (!q.has('EndDate')) q.errors.add('EndDate', 'EndDate is required.', ['required']);
  const people: SummaryQuery['people'] = {};
  let subjectToCompletion: boolean | undefined;
  if (scope === 'root') {
    const set = <K extends keyof SummaryQuery['people']>(
      key: K,
      value: SummaryQuery['people'][K] | undefined,
    ) => {
      if (value !== undefined) people[key] = value;
    };
    set('userIds', q.strings('UserID'));
    set('divisionIds', q.strings('DivisionID'));
    set('employmentTypeIds', q.strings('EmploymentTypeID'));
    set('timesheetApproverIds', q.strings('TimesheetApproverID'));
    set('isActive', q.bools('UserIsActive'));
    subjectToCompletion = q.bool(`SubjectToTimesheetCompletion${period}`);
  }
  if (!startDate || !endDate) return undefined;
  return {
    startDate,
    endDate,
    people,
    ...(subjectToCompletion !== undefined ? { subjectToCompletion } : {}),
  };
}

function summaryRoutes(app: FastifyInstance, deps: Deps) {
  for (const scope of ['me', 'root'] as const) {
    const prefix = scope === 'me' ? '/Me/Reports/TimeSummary' : '/Reports/TimeSummary';
    const tags = [scope === 'me' ? 'Me/Reports' : 'Reports/TimeSummary'];
    const rootFilters = (period: string): Record<string, TSchema> =>
      scope === 'root'
        ? {
            UserID: strs(),
            DivisionID: strs(),
            EmploymentTypeID: strs(),
            TimesheetApproverID: strs(),
            UserIsActive: bools(),
            [`SubjectToTimesheetCompletion${period}`]: Type.Optional(Type.Boolean()),
          }
        : {};
    const query = (period: string): Record<string, TSchema> => ({
      StartDate: DateString,
      EndDate: DateString,
      ...rootFilters(period),
      ...paging,
    });

    app.get(
      `${prefix}/Daily`,
      {
        schema: listSchema(
          { tags, summary: 'Hours per person and day', query: query('Daily') },
          TimeSummaryDaily,
        ),
      },
      async (request, reply) => {
        const actor = actorOf(request);
        const q = queryOf(request);
        const summary = readSummary(q, scope, 'Daily');
        const page = readPaging(q, MAX_LIMIT_ENTRIES);
        q.done();
        const { rows, count } = await dailySummary(deps, actor, scope, summary!, page);
        const data = rows.map((r) => ({
          UserID: r.userId,
          Date: r.date,
          Hours: r.hours,
          IsComplete: r.isComplete,
        }));
        return list(reply, data, pageOf(request, count, page));
      },
    );

    app.get(
      `${prefix}/Weekly`,
      {
        schema: listSchema(
          { tags, summary: 'Hours per person and week (Company.WeekStartsOn)', query: query('Weekly') },
          TimeSummaryWeekly,
        ),
      },
      async (request, reply) => {
        const actor = actorOf(request);
        const q = queryOf(request);
        const summary = readSummary(q, scope, 'Weekly');
        const page = readPaging(q, MAX_LIMIT_ENTRIES);
        q.done();
        const { rows, count } = await weeklySummary(deps, actor, scope, summary!, page);
        const data = rows.map((r) => ({
          UserID: r.userId,
          StartDate: r.startDate,
          EndDate: r.endDate,
          Hours: r.days.map((d) => ({ Date: d.date, Hours: d.hours })),
          IsComplete: r.isComplete,
        }));
        return list(reply, data, pageOf(request, count, page));
      },
    );
  }
}

export async function timeEntriesRoutes(app: FastifyInstance, { deps }: { deps: Deps }) {
  app.get(
    '/TimeEntries/new',
    {
      schema: oneSchema(
        { tags: ['TimeEntries'], summary: 'Template of a new time entry (nothing stored)' },
        TimeEntryNew,
      ),
    },
    async (request, reply) => {
      const actor = actorOf(request);
      const t = await newEntryTemplate(deps, actor);
      const vis = entryVisibility(actor);
      return ok(reply, {
        ID: '',
        Date: t.date,
        Hours: 0,
        BreakTime: 0,
        StartTime: null,
        EndTime: null,
        Comment: '',
        JobID: null,
        TaskID: t.taskId,
        UserID: t.userId,
        ...(vis.billingRate ? { BillingRate: rateToWire(t.billingRate) } : {}),
        ...(vis.costRate ? { CostRate: rateToWire(t.costRate) } : {}),
        CustomFields: {},
      });
    },
  );

  entryRoutes(app, deps, 'me', '/Me/TimeEntries');
  entryRoutes(app, deps, 'root', '/TimeEntries');
  entryRoutes(app, deps, 'manage', '/Manage/Timesheets/TimeEntries');
  timerRoutes(app, deps);
  summaryRoutes(app, deps);

  app.get(
    '/Internal/TimeEntry/AutoFill/:date',
    {
      schema: listSchema(
        { tags: ['Internal/TimeEntry'], summary: 'Suggested entries for a date', query: { ...paging } },
        AutoFilledTimeEntry,
      ),
    },
    async (request, reply) => {
      const actor = actorOf(request);
      const q = queryOf(request);
      const page = readPaging(q);
      q.done();
      const rows = await autoFill(deps, actor, paramOf(request, 'date'));
      const data = rows.slice(page.offset, page.offset + page.limit).map((r) => ({
        ClientID: r.clientId,
        ClientListDisplayText: r.clientText,
        JobID: r.job.id,
        JobListDisplayText: r.job.listDisplayText,
        TaskID: r.task.id,
        TaskListDisplayText: r.task.listDisplayText,
        CustomFields: r.customFields,
      }));
      return list(reply, data, pageOf(request, rows.length, page));
    },
  );
}
