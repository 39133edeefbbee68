/**
 * CSV and XLSX exports of the time and expense reports (Punchclock extensions, DECISIONS 26):
 *
 *   GET /v2/Reports/Time.csv    GET /v2/Reports/Time.xlsx
 *   GET /v2/Reports/Expense.csv GET /v2/Reports/Expense.xlsx
 *
 * Same permissions and filters as the JSON reports (and the rounding options on time), every matching row
 * in the report's order, no paging. Constant memory: rows are read in keyset chunks of CHUNK rows
 * ((Date, ID) > last for time, ID < last for expenses), each chunk is written out before the next is read,
 * and the HTTP response pulls (Readable.from over async generators), so a slow client slows the reads
 * instead of filling memory. The database connection is held for one chunk at a time only.
 *
 * Every check (permission, module, filters) happens before the first byte; once streaming has begun an
 * error can only cut the response short (the client sees a truncated file, the log has the cause).
 * An export is not a snapshot: rows changed while it runs may or may not be in it.
 */
import type { Deps } from '../../deps.js';
import { csvHeader, csvRow, type Cell } from '../../lib/csv.js';
import type { Actor } from '../../lib/permissions.js';
import type { Rounding } from '../../lib/rounding.js';
import { XLSX_CONTENT_TYPE, xlsxStream } from '../../lib/xlsx.js';
import { expenseChunk, type ExpenseFilter } from './expense-report.store.js';
import {
  EXPENSE_EXPORT_HEADER,
  expenseExportCells,
  timeExportCells,
  timeExportHeader,
} from './reports.mapper.js';
import { moneyVisibility, requireCompanyReports } from './reports.policy.js';
import type { TimeQuery } from './reports.query.js';
import { openExpenseReport, resolveTimeFilter } from './reports.service.js';
import { namesOf, timeChunk, type TimeRow } from './time-report.store.js';

export const EXPORT_FORMATS = ['csv', 'xlsx'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

/** Rows per database read. */
export const CHUNK = 2000;

export interface ExportFile {
  contentType: string;
  filename: string;
  body: AsyncGenerator<Buffer | string>;
}

async function* csvBody(header: readonly string[], rows: AsyncIterable<Cell[][]>): AsyncGenerator<string> {
  yield csvHeader(header);
  for await (const chunk of rows) {
    let out = '';
    for (const row of chunk) out += csvRow(row);
    yield out;
  }
}

function file(
  format: ExportFormat,
  name: string,
  sheet: string,
  header: readonly string[],
  rows: AsyncIterable<Cell[][]>,
): ExportFile {
  return format === 'csv'
    ? { contentType: 'text/csv; charset=utf-8', filename: `${name}.csv`, body: csvBody(header, rows) }
    : {
        contentType: XLSX_CONTENT_TYPE,
        filename: `${name}.xlsx`,
        body: xlsxStream({ sheetName: sheet, header, rows }),
      };
}

/**
 * Names of the people, jobs, clients and tasks an export shows, looked up once each: memory grows with
 * the company's master data, never with the number of rows.
 */
class Names {
  private readonly users = new Map<string, string>();
  private readonly jobs = new Map<string, { name: string; number: string; clientId: string }>();
  private readonly clients = new Map<string, string>();
  private readonly tasks = new Map<string, string>();

  constructor(
    private readonly deps: Deps,
    private readonly companyId: string,
  ) {}

  private static missing<V>(map: Map<string, V>, ids: Iterable<string>): string[] {
    return [...new Set(ids)].filter((id) => !map.has(id));
  }

  async fill(rows: TimeRow[]): Promise<void> {
    const { db } = this.deps;
    const users = Names.missing(
      this.users,
      rows.map((r) => r.userId),
    );
    const jobs = Names.missing(
      this.jobs,
      rows.map((r) => r.jobId),
    );
    const tasks = Names.missing(
      this.tasks,
      rows.map((r) => r.taskId),
    );
    const [u, j, t] = await Promise.all([
      namesOf(db, this.companyId, 'users', users),
      namesOf(db, this.companyId, 'jobs', jobs),
      namesOf(db, this.companyId, 'tasks', tasks),
    ]);
    for (const x of u) this.users.set(x.id, x.name);
    for (const x of j) this.jobs.set(x.id, { name: x.name, number: x.jobNumber, clientId: x.clientId });
    for (const x of t) this.tasks.set(x.id, x.name);
    const clients = Names.missing(
      this.clients,
      j.map((x) => x.clientId),
    );
    for (const x of await namesOf(db, this.companyId, 'clients', clients)) this.clients.set(x.id, x.name);
    for (const r of rows) {
      const job = this.jobs.get(r.jobId);
      r.userName = this.users.get(r.userId) ?? null;
      r.jobName = job?.name ?? null;
      r.jobNumber = job?.number ?? null;
      r.clientId = job?.clientId ?? null;
      r.clientName = job ? (this.clients.get(job.clientId) ?? null) : null;
      r.taskName = this.tasks.get(r.taskId) ?? null;
    }
  }
}

const range = (f: { fromDate?: string; toDate?: string }) =>
  f.fromDate || f.toDate ? `_${f.fromDate ?? 'start'}_${f.toDate ?? 'end'}` : '';

export async function timeExport(
  deps: Deps,
  actor: Actor,
  tq: TimeQuery,
  rounding: Rounding | undefined,
  format: ExportFormat,
): Promise<ExportFile> {
  requireCompanyReports(actor);
  const vis = moneyVisibility(actor);
  const filter = await resolveTimeFilter(deps, actor, tq);
  const rounded = rounding?.scope === 'Entry';
  const names = new Names(deps, actor.companyId);
  async function* rows(): AsyncGenerator<Cell[][]> {
    let after: { date: string; id: string } | null = null;
    for (;;) {
      const chunk = await timeChunk(deps.db, actor.companyId, filter, rounding, after, CHUNK);
      if (chunk.length === 0) return;
      await names.fill(chunk);
      yield chunk.map((r) => timeExportCells(r, vis, rounded));
      if (chunk.length < CHUNK) return;
      const last = chunk[chunk.length - 1]!;
      after = { date: last.date, id: last.id };
    }
  }
  return file(format, `time-report${range(filter)}`, 'Time', timeExportHeader(vis, rounded), rows());
}

export async function expenseExport(
  deps: Deps,
  actor: Actor,
  filter: ExpenseFilter,
  format: ExportFormat,
): Promise<ExportFile> {
  const currency = await openExpenseReport(deps, actor);
  async function* rows(): AsyncGenerator<Cell[][]> {
    let after: string | null = null;
    for (;;) {
      const chunk = await expenseChunk(deps.db, actor.companyId, filter, after, CHUNK);
      if (chunk.length === 0) return;
      yield chunk.map((r) => expenseExportCells(r, currency));
      if (chunk.length < CHUNK) return;
      after = chunk[chunk.length - 1]!.id;
    }
  }
  return file(format, `expense-report${range(filter)}`, 'Expenses', EXPENSE_EXPORT_HEADER, rows());
}
