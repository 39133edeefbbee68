/**
 * /Reports/Time, /Reports/Expense, /Reports/TimeSummary (GroupBy), /Reports/TimeSummary/Jobs…,
 * /Reports/TimeSummary/Payroll, and the CSV/XLSX exports (API.md §4.16). No business rules here.
 *
 * /Reports/TimeSummary/Daily and /Weekly belong to the time-entries module; every path here is a distinct
 * static path (or /Jobs/:jobID under its own prefix), so the routers never have to choose between them.
 */
import { Readable } from 'node:stream';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { Type, type TSchema } from '@sinclair/typebox';
import {
  JobTaskTimeSummary,
  JobTimeSummary,
  JobUserTimeSummary,
  ReportExpense,
  ReportTime,
  Summary,
  TimeSummaryPayroll,
} from '../../../contract/reports.js';
import type { Deps } from '../../deps.js';
import { actorOf } from '../../http/auth.js';
import { list, ok } from '../../http/envelope.js';
import { MAX_LIMIT_ENTRIES, pageOf, readPaging, type Paging } from '../../http/paging.js';
import type { QueryReader } from '../../http/query.js';
import type { Actor } from '../../lib/permissions.js';
import { paramOf, publicBaseUrl, queryOf } from '../../http/request.js';
import { listSchema, oneSchema, paging, verbose } from '../../http/schemas.js';
import { XLSX_CONTENT_TYPE } from '../../lib/xlsx.js';
import {
  EXPORT_FORMATS,
  expenseExport,
  timeExport,
  type ExportFile,
  type ExportFormat,
} from './reports.export.js';
import {
  expenseQueryDocs,
  jobsQueryDocs,
  payrollQueryDocs,
  readExpenseQuery,
  readJobsQuery,
  readPayrollQuery,
  readRounding,
  readSummaryQuery,
  readTimeQuery,
  summaryQueryDocs,
  timeQueryDocs,
} from './reports.query.js';
import {
  expenseReport,
  jobsSummary,
  jobSummary,
  jobTasksSummary,
  jobUsersSummary,
  payrollSummary,
  timeReport,
  timeSummary,
} from './reports.service.js';

const TIME_TAGS = ['Reports/Time'];
const EXPENSE_TAGS = ['Reports/Expense'];
const SUMMARY_TAGS = ['Reports/TimeSummary'];

const MEDIA: Record<ExportFormat, string> = { csv: 'text/csv', xlsx: XLSX_CONTENT_TYPE };

/** An export route's schema: an extension whose 200 is a file, errors in the usual envelope. */
function exportSchema(
  doc: { tags: string[]; summary: string; query: Record<string, TSchema> },
  format: ExportFormat,
) {
  const base = oneSchema({ ...doc, extension: true }, Type.Null());
  return {
    ...base,
    description:
      'Punchclock extension (not in ClickTime v2): every matching row of the report, streamed as ' +
      (format === 'csv'
        ? "CSV (RFC 4180, UTF-8, CRLF; text cells starting with = + - @ are prefixed with ')"
        : 'an XLSX workbook') +
      '. Same permissions and filters as the JSON report; no paging.',
    produces: [MEDIA[format]],
    response: {
      ...base.response,
      200: { description: `The report as ${format.toUpperCase()}`, type: 'string', format: 'binary' },
    },
  };
}

function sendFile(reply: FastifyReply, f: ExportFile) {
  void reply
    .code(200)
    .header('content-type', f.contentType)
    .header('content-disposition', `attachment; filename="${f.filename}"`)
    .header('cache-control', 'no-store')
    .header('x-content-type-options', 'nosniff');
  return reply.send(Readable.from(f.body, { objectMode: false }));
}

interface Paged {
  data: unknown[];
  count: number;
  meta: Record<string, unknown>;
}

/** A paged summary: read its filters, rounding and paging (every bad parameter at once), run, answer a page. */
function pagedSummary<Q>(
  read: (q: QueryReader) => Q,
  run: (
    actor: Actor,
    query: Q,
    rounding: ReturnType<typeof readRounding>,
    page: Paging,
    request: FastifyRequest,
  ) => Promise<Paged>,
) {
  return async (request: FastifyRequest, reply: FastifyReply) => {
    const actor = actorOf(request);
    const q = queryOf(request);
    const query = read(q);
    const rounding = readRounding(q);
    const page = readPaging(q, MAX_LIMIT_ENTRIES);
    q.done();
    const r = await run(actor, query, rounding, page, request);
    return list(reply, r.data, pageOf(request, r.count, page), r.meta);
  };
}

export async function reportsRoutes(app: FastifyInstance, { deps }: { deps: Deps }) {
  // ——— /Reports/Time ———
  app.get(
    '/Reports/Time',
    {
      schema: listSchema(
        {
          tags: TIME_TAGS,
          summary: 'Time entries report (Date, ID; limit ≤ 500; totals in meta.Totals)',
          query: { ...timeQueryDocs, ...paging, ...verbose },
        },
        ReportTime,
      ),
    },
    async (request, reply) => {
      const actor = actorOf(request);
      const q = queryOf(request);
      const tq = readTimeQuery(q);
      const rounding = readRounding(q);
      const page = readPaging(q, MAX_LIMIT_ENTRIES);
      const isVerbose = q.verbose;
      q.done();
      const r = await timeReport(deps, actor, tq, rounding, page, isVerbose);
      return list(reply, r.data, pageOf(request, r.count, page), r.meta);
    },
  );

  for (const format of EXPORT_FORMATS) {
    app.get(
      `/Reports/Time.${format}`,
      {
        schema: exportSchema(
          {
            tags: TIME_TAGS,
            summary: `Time entries report as ${format.toUpperCase()} (extension)`,
            query: timeQueryDocs,
          },
          format,
        ),
      },
      async (request, reply) => {
        const actor = actorOf(request);
        const q = queryOf(request);
        const tq = readTimeQuery(q);
        const rounding = readRounding(q);
        q.done();
        return sendFile(reply, await timeExport(deps, actor, tq, rounding, format));
      },
    );
  }

  // ——— /Reports/Expense ———
  app.get(
    '/Reports/Expense',
    {
      schema: listSchema(
        {
          tags: EXPENSE_TAGS,
          summary: 'Expense items report (ID desc; limit ≤ 500; totals in meta.Totals)',
          query: { ...expenseQueryDocs, ...paging, ...verbose },
        },
        ReportExpense,
      ),
    },
    async (request, reply) => {
      const actor = actorOf(request);
      const q = queryOf(request);
      const { filter } = readExpenseQuery(q);
      const page = readPaging(q, MAX_LIMIT_ENTRIES);
      const isVerbose = q.verbose;
      q.done();
      const r = await expenseReport(deps, actor, filter, page, {
        baseUrl: publicBaseUrl(deps, request),
        verbose: isVerbose,
      });
      return list(reply, r.data, pageOf(request, r.count, page), r.meta);
    },
  );

  for (const format of EXPORT_FORMATS) {
    app.get(
      `/Reports/Expense.${format}`,
      {
        schema: exportSchema(
          {
            tags: EXPENSE_TAGS,
            summary: `Expense items report as ${format.toUpperCase()} (extension)`,
            query: expenseQueryDocs,
          },
          format,
        ),
      },
      async (request, reply) => {
        const actor = actorOf(request);
        const q = queryOf(request);
        const { filter } = readExpenseQuery(q);
        q.done();
        return sendFile(reply, await expenseExport(deps, actor, filter, format));
      },
    );
  }

  // ——— /Reports/TimeSummary ———
  app.get(
    '/Reports/TimeSummary',
    {
      schema: listSchema(
        {
          tags: SUMMARY_TAGS,
          summary: 'Hours, billable hours, billings and cost grouped by GroupBy (JobID or UserID required)',
          query: { ...summaryQueryDocs, ...paging },
        },
        Summary,
      ),
    },
    pagedSummary(readSummaryQuery, (actor, sq, rounding, page) =>
      timeSummary(deps, actor, sq!, rounding, page),
    ),
  );

  app.get(
    '/Reports/TimeSummary/Jobs',
    {
      schema: listSchema(
        {
          tags: SUMMARY_TAGS,
          summary: 'Job profitability, every job (ClientName, JobName)',
          query: { ...jobsQueryDocs, ...paging },
        },
        JobTimeSummary,
      ),
    },
    pagedSummary(readJobsQuery, (actor, filter, rounding, page) =>
      jobsSummary(deps, actor, filter, rounding, page),
    ),
  );

  app.get(
    '/Reports/TimeSummary/Jobs/:jobID',
    {
      schema: oneSchema(
        { tags: SUMMARY_TAGS, summary: 'One job’s profitability', query: jobsQueryDocs },
        JobTimeSummary,
      ),
    },
    async (request, reply) => {
      const actor = actorOf(request);
      const q = queryOf(request);
      const filter = readJobsQuery(q);
      const rounding = readRounding(q);
      q.done();
      const r = await jobSummary(deps, actor, paramOf(request, 'jobID'), filter, rounding);
      return ok(reply, r.data, r.meta);
    },
  );

  app.get(
    '/Reports/TimeSummary/Jobs/:jobID/Tasks',
    {
      schema: listSchema(
        {
          tags: SUMMARY_TAGS,
          summary: 'A job’s hours and billings per task (TaskName)',
          query: { ...jobsQueryDocs, ...paging },
        },
        JobTaskTimeSummary,
      ),
    },
    pagedSummary(readJobsQuery, (actor, filter, rounding, page, request) =>
      jobTasksSummary(deps, actor, paramOf(request, 'jobID'), filter, rounding, page),
    ),
  );

  app.get(
    '/Reports/TimeSummary/Jobs/:jobID/Users',
    {
      schema: listSchema(
        {
          tags: SUMMARY_TAGS,
          summary: 'A job’s hours and billings per person (FullName)',
          query: { ...jobsQueryDocs, ...paging },
        },
        JobUserTimeSummary,
      ),
    },
    pagedSummary(readJobsQuery, (actor, filter, rounding, page, request) =>
      jobUsersSummary(deps, actor, paramOf(request, 'jobID'), filter, rounding, page),
    ),
  );

  app.get(
    '/Reports/TimeSummary/Payroll',
    {
      schema: listSchema(
        {
          tags: SUMMARY_TAGS,
          summary: 'Regular time and time off per person (Admin; Name)',
          query: { ...payrollQueryDocs, ...paging },
        },
        TimeSummaryPayroll,
      ),
    },
    pagedSummary(readPayrollQuery, (actor, pq, rounding, page) =>
      payrollSummary(deps, actor, pq!, rounding, page),
    ),
  );
}
