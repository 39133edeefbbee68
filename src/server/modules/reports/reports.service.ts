/**
 * Reports (API.md §4.16; CATALOGUE Reports/Time, Reports/Expense, Reports/TimeSummary): permissions,
 * filters, ordering, paging, rounding and totals. Read-only.
 *
 * Totals (meta.Totals) cover every row of the report, not only the page, and are the integer sums of the
 * rows as shown: /Reports/Time and /Reports/Expense add up their entries/items in SQL; the summaries add up
 * their rows after rounding (DECISIONS 21), so a client adding the rows of all pages gets the totals
 * exactly. Hours of summary rows are shown at Company.PrecisionForHoursValues (half up, ADR 0006); entries
 * are on that grid, so this changes nothing unless the precision was lowered after they were made.
 *
 * Summaries sort in JavaScript on code units (not in SQL): the same order on SQLite and PostgreSQL whatever
 * the database collation, with IDs as the last tie-break (DECISIONS 5).
 */
import type { Deps } from '../../deps.js';
import { AppError, notFound } from '../../errors.js';
import type { Paging } from '../../http/paging.js';
import type { Actor } from '../../lib/permissions.js';
import { periodOf, type PeriodRule } from '../../lib/periods.js';
import { roundAt, roundToPrecision, type Rounding } from '../../lib/rounding.js';
import { loadCompany, moduleOn } from '../company/index.js';
import { findUsers } from '../users/index.js';
import { expensePage, expenseTotals, type ExpenseFilter } from './expense-report.store.js';
import { hoursOut, moneyOut, toReportExpenseWire, toReportTimeWire } from './reports.mapper.js';
import {
  moneyVisibility,
  requireAdmin,
  requireAdminOrManager,
  requireCompanyReports,
  type MoneyVisibility,
} from './reports.policy.js';
import type { GroupBy, PayrollQuery, SummaryQuery, TimeQuery } from './reports.query.js';
import { groupSums, timePage, timeTotals } from './time-rollups.store.js';
import {
  jobsWithClients,
  namesOf,
  timeOffPeople,
  sheetsByIds,
  sheetsOverlapping,
  timeOffSums,
  type GroupKey,
  type GroupSums,
  type TimeFilter,
} from './time-report.store.js';

const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

export function roundingMeta(r: Rounding | undefined): Record<string, unknown> {
  return r
    ? {
        Rounding: { Rounding: r.direction, RoundingIncrement: hoursOut(r.increment), RoundingScope: r.scope },
      }
    : {};
}

async function precisionOf(deps: Deps, companyId: string): Promise<number> {
  const { settings } = await loadCompany(deps, companyId);
  return Number(settings.PrecisionForHoursValues);
}

// ——— /Reports/Time ———

/** TimesheetID and LabelID resolved into the store filter. */
export async function resolveTimeFilter(deps: Deps, actor: Actor, tq: TimeQuery): Promise<TimeFilter> {
  const filter: TimeFilter = { ...tq.filter };
  if (tq.labelIds) filter.labelIds = tq.labelIds;
  if (tq.timesheetIds) {
    const sheets = await sheetsByIds(deps.db, actor.companyId, tq.timesheetIds);
    filter.sheets = sheets.map((s) => ({ userId: s.userId, startDate: s.startDate, endDate: s.endDate }));
  }
  return filter;
}

export async function timeReport(
  deps: Deps,
  actor: Actor,
  tq: TimeQuery,
  rounding: Rounding | undefined,
  paging: Paging,
  verbose: boolean,
) {
  requireCompanyReports(actor);
  const vis = moneyVisibility(actor);
  const filter = await resolveTimeFilter(deps, actor, tq);
  const totals = await timeTotals(deps.db, actor.companyId, filter, rounding);
  const rows =
    paging.offset < totals.count ? await timePage(deps.db, actor.companyId, filter, rounding, paging) : [];
  return {
    data: rows.map((r) => toReportTimeWire(r, vis, verbose)),
    count: totals.count,
    meta: {
      Totals: {
        Count: totals.count,
        Hours: hoursOut(totals.hours),
        BillableHours: hoursOut(totals.billableHours),
        ...(vis.billings ? { Billings: moneyOut(totals.billings) } : {}),
        ...(vis.costs ? { Cost: moneyOut(totals.cost) } : {}),
      },
      ...roundingMeta(rounding),
    },
  };
}

// ——— shared for summaries ———

interface Row {
  hours: number;
  billableHours: number;
  billings: number;
  cost: number;
}

/** A group's sums as a row: group rounding, then display precision. Money as summed. */
function rowOf(s: GroupSums | undefined, rounding: Rounding | undefined, precision: number): Row {
  const shown = (h: number) => roundToPrecision(roundAt(h, rounding, 'Group'), precision);
  return {
    hours: shown(s?.hours ?? 0),
    billableHours: shown(s?.billableHours ?? 0),
    billings: s?.billings ?? 0,
    cost: s?.cost ?? 0,
  };
}

function addUp(rows: readonly Row[]): Row {
  const t: Row = { hours: 0, billableHours: 0, billings: 0, cost: 0 };
  for (const r of rows) {
    t.hours += r.hours;
    t.billableHours += r.billableHours;
    t.billings += r.billings;
    t.cost += r.cost;
  }
  return t;
}

function pageOfRows<T>(rows: readonly T[], paging: Paging): T[] {
  return rows.slice(paging.offset, paging.offset + paging.limit);
}

/** Profit ÷ Billings in percent with 2 decimals (half away from zero); null without billings. */
export function profitMargin(profitCents: number, billingsCents: number): number | null {
  if (billingsCents === 0) return null;
  const num = BigInt(profitCents) * 10_000n;
  const den = BigInt(billingsCents);
  const neg = num < 0n !== den < 0n;
  const a = num < 0n ? -num : num;
  const b = den < 0n ? -den : den;
  let q = a / b;
  if ((a % b) * 2n >= b) q += 1n;
  return Number(neg ? -q : q) / 100;
}

// ——— /Reports/TimeSummary ———

const GROUP_KEYS: Record<GroupBy, GroupKey[]> = {
  Job: ['job'],
  Task: ['task'],
  User: ['user'],
  Month: ['month'],
  Date: ['date'],
  'Task and User': ['task', 'user'],
  'Job and Task': ['job', 'task'],
  'Job and Month': ['job', 'month'],
};

interface SummaryKeyWire {
  JobID?: string;
  JobName?: string;
  TaskID?: string;
  TaskName?: string;
  UserID?: string;
  UserName?: string;
  Month?: string;
  Date?: string;
}

const keyOrder = (k: SummaryKeyWire) => [
  k.JobName ?? '',
  k.TaskName ?? '',
  k.UserName ?? '',
  k.Month ?? '',
  k.Date ?? '',
  k.JobID ?? '',
  k.TaskID ?? '',
  k.UserID ?? '',
];

function compareKeys(a: SummaryKeyWire, b: SummaryKeyWire): number {
  const x = keyOrder(a);
  const y = keyOrder(b);
  for (let i = 0; i < x.length; i++) {
    const c = cmp(x[i]!, y[i]!);
    if (c) return c;
  }
  return 0;
}

function moneyFields(r: Row, vis: MoneyVisibility) {
  return {
    ...(vis.billings ? { Billings: moneyOut(r.billings) } : {}),
    ...(vis.costs ? { Cost: moneyOut(r.cost) } : {}),
  };
}

export async function timeSummary(
  deps: Deps,
  actor: Actor,
  sq: SummaryQuery,
  rounding: Rounding | undefined,
  paging: Paging,
) {
  requireAdminOrManager(actor);
  const vis = moneyVisibility(actor);
  const precision = await precisionOf(deps, actor.companyId);
  const keys = GROUP_KEYS[sq.groupBy];
  const groups = await groupSums(deps.db, actor.companyId, sq.filter, keys, rounding);
  const ids = (k: GroupKey) => [...new Set(groups.map((g) => g.keys[k]!))];
  const [jobs, tasks, users] = await Promise.all([
    keys.includes('job') ? namesOf(deps.db, actor.companyId, 'jobs', ids('job')) : [],
    keys.includes('task') ? namesOf(deps.db, actor.companyId, 'tasks', ids('task')) : [],
    keys.includes('user') ? namesOf(deps.db, actor.companyId, 'users', ids('user')) : [],
  ]);
  const jobName = new Map(jobs.map((j) => [j.id, j.name]));
  const taskName = new Map(tasks.map((t) => [t.id, t.name]));
  const userName = new Map(users.map((u) => [u.id, u.name]));
  const rows = groups.map((g) => {
    const key: SummaryKeyWire = {};
    if (g.keys.job !== undefined)
      Object.assign(key, { JobID: g.keys.job, JobName: jobName.get(g.keys.job) ?? '' });
    if (g.keys.task !== undefined)
      Object.assign(key, { TaskID: g.keys.task, TaskName: taskName.get(g.keys.task) ?? '' });
    if (g.keys.user !== undefined)
      Object.assign(key, { UserID: g.keys.user, UserName: userName.get(g.keys.user) ?? '' });
    if (g.keys.month !== undefined) key.Month = g.keys.month;
    if (g.keys.date !== undefined) key.Date = g.keys.date;
    return { key, row: rowOf(g, rounding, precision) };
  });
  rows.sort((a, b) => compareKeys(a.key, b.key));
  const totals = addUp(rows.map((r) => r.row));
  return {
    data: pageOfRows(rows, paging).map(({ key, row }) => ({
      Key: key,
      Hours: hoursOut(row.hours),
      BillableHours: hoursOut(row.billableHours),
      ...moneyFields(row, vis),
    })),
    count: rows.length,
    meta: {
      Totals: {
        Hours: hoursOut(totals.hours),
        BillableHours: hoursOut(totals.billableHours),
        ...moneyFields(totals, vis),
      },
      ...roundingMeta(rounding),
    },
  };
}

// ——— /Reports/TimeSummary/Jobs… ———

function jobWire(
  job: {
    id: string;
    name: string;
    jobNumber: string;
    clientId: string;
    clientName: string;
    isBillable: boolean;
    isActive: boolean;
  },
  r: Row,
  vis: MoneyVisibility,
) {
  const profit = r.billings - r.cost;
  return {
    JobID: job.id,
    JobName: job.name,
    JobNumber: job.jobNumber,
    ClientID: job.clientId,
    ClientName: job.clientName,
    Hours: hoursOut(r.hours),
    BillableHours: hoursOut(r.billableHours),
    Billings: moneyOut(r.billings),
    ...(vis.costs
      ? { Cost: moneyOut(r.cost), Profit: moneyOut(profit), ProfitMargin: profitMargin(profit, r.billings) }
      : {}),
    IsBillable: job.isBillable,
    JobIsActive: job.isActive,
  };
}

function jobTotals(t: Row, vis: MoneyVisibility) {
  const profit = t.billings - t.cost;
  return {
    Hours: hoursOut(t.hours),
    BillableHours: hoursOut(t.billableHours),
    Billings: moneyOut(t.billings),
    ...(vis.costs
      ? { Cost: moneyOut(t.cost), Profit: moneyOut(profit), ProfitMargin: profitMargin(profit, t.billings) }
      : {}),
  };
}

export async function jobsSummary(
  deps: Deps,
  actor: Actor,
  filter: TimeFilter,
  rounding: Rounding | undefined,
  paging: Paging,
) {
  requireAdminOrManager(actor);
  const vis = moneyVisibility(actor);
  const precision = await precisionOf(deps, actor.companyId);
  const jobs = await jobsWithClients(
    deps.db,
    actor.companyId,
    filter.jobIsActive ? { isActive: filter.jobIsActive } : {},
  );
  const sums = new Map(
    (await groupSums(deps.db, actor.companyId, filter, ['job'], rounding)).map((g) => [g.keys.job!, g]),
  );
  jobs.sort((a, b) => cmp(a.clientName, b.clientName) || cmp(a.name, b.name) || cmp(a.id, b.id));
  const rows = jobs.map((job) => ({ job, row: rowOf(sums.get(job.id), rounding, precision) }));
  const totals = addUp(rows.map((r) => r.row));
  return {
    data: pageOfRows(rows, paging).map(({ job, row }) => jobWire(job, row, vis)),
    count: rows.length,
    meta: { Totals: jobTotals(totals, vis), ...roundingMeta(rounding) },
  };
}

async function theJob(deps: Deps, actor: Actor, jobId: string) {
  const [job] = await jobsWithClients(deps.db, actor.companyId, { ids: [jobId] });
  if (!job) throw notFound('job');
  return job;
}

export async function jobSummary(
  deps: Deps,
  actor: Actor,
  jobId: string,
  filter: TimeFilter,
  rounding: Rounding | undefined,
) {
  requireAdminOrManager(actor);
  const vis = moneyVisibility(actor);
  const job = await theJob(deps, actor, jobId);
  const precision = await precisionOf(deps, actor.companyId);
  const [sums] = await groupSums(
    deps.db,
    actor.companyId,
    { ...filter, jobIds: [job.id] },
    ['job'],
    rounding,
  );
  return { data: jobWire(job, rowOf(sums, rounding, precision), vis), meta: roundingMeta(rounding) };
}

/**
 * One job's sums per task or per person, named and in name order (ID breaks ties), with their totals:
 * what /Reports/TimeSummary/Jobs/{id}/Tasks and …/Users show.
 */
async function jobBreakdown(
  deps: Deps,
  actor: Actor,
  jobId: string,
  filter: TimeFilter,
  rounding: Rounding | undefined,
  key: 'task' | 'user',
) {
  requireAdminOrManager(actor);
  const job = await theJob(deps, actor, jobId);
  const precision = await precisionOf(deps, actor.companyId);
  const groups = await groupSums(deps.db, actor.companyId, { ...filter, jobIds: [job.id] }, [key], rounding);
  const names = new Map(
    (
      await namesOf(
        deps.db,
        actor.companyId,
        key === 'task' ? 'tasks' : 'users',
        groups.map((g) => g.keys[key]!),
      )
    ).map((n) => [n.id, n]),
  );
  const rows = groups.map((g) => {
    const named = names.get(g.keys[key]!);
    return {
      id: g.keys[key]!,
      name: named?.name ?? '',
      isActive: named?.isActive ?? false,
      isBillable: named?.isBillable ?? false,
      row: rowOf(g, rounding, precision),
    };
  });
  rows.sort((a, b) => cmp(a.name, b.name) || cmp(a.id, b.id));
  const totals = addUp(rows.map((r) => r.row));
  return {
    rows,
    meta: {
      Totals: { Hours: hoursOut(totals.hours), Billings: moneyOut(totals.billings) },
      ...roundingMeta(rounding),
    },
  };
}

export async function jobTasksSummary(
  deps: Deps,
  actor: Actor,
  jobId: string,
  filter: TimeFilter,
  rounding: Rounding | undefined,
  paging: Paging,
) {
  const { rows, meta } = await jobBreakdown(deps, actor, jobId, filter, rounding, 'task');
  return {
    data: pageOfRows(rows, paging).map((r) => ({
      TaskID: r.id,
      TaskName: r.name,
      Hours: hoursOut(r.row.hours),
      Billings: moneyOut(r.row.billings),
      IsActive: r.isActive,
      IsBillable: r.isBillable,
    })),
    count: rows.length,
    meta,
  };
}

export async function jobUsersSummary(
  deps: Deps,
  actor: Actor,
  jobId: string,
  filter: TimeFilter,
  rounding: Rounding | undefined,
  paging: Paging,
) {
  const { rows, meta } = await jobBreakdown(deps, actor, jobId, filter, rounding, 'user');
  return {
    data: pageOfRows(rows, paging).map((r) => ({
      UserID: r.id,
      FullName: r.name,
      Hours: hoursOut(r.row.hours),
      Billings: moneyOut(r.row.billings),
      IsActive: r.isActive,
    })),
    count: rows.length,
    meta,
  };
}

// ——— /Reports/TimeSummary/Payroll ———

export async function payrollSummary(
  deps: Deps,
  actor: Actor,
  pq: PayrollQuery,
  rounding: Rounding | undefined,
  paging: Paging,
) {
  requireAdmin(actor);
  if (pq.toDate < pq.fromDate)
    throw new AppError('invalid_query', 'EndDate must not be before StartDate.', { field: 'EndDate' });
  const { settings } = await loadCompany(deps, actor.companyId);
  const precision = Number(settings.PrecisionForHoursValues);
  const rule = {
    model: settings.TimesheetModel,
    weekStartsOn: settings.WeekStartsOn,
    customDays: settings.TimesheetModelCustomNumberOfDays,
  } as PeriodRule;
  const range = { fromDate: pq.fromDate, toDate: pq.toDate };
  // Totals cover every person, so every person's sums are needed: the people with time are the groups
  // (read from the rollups), plus those with only time off.
  const worked = new Map(
    (
      await groupSums(
        deps.db,
        actor.companyId,
        { ...range, ...(pq.userIds ? { userIds: pq.userIds } : {}) },
        ['user'],
        rounding,
      )
    ).map((g) => [g.keys.user!, g]),
  );
  const ids = [
    ...new Set([
      ...worked.keys(),
      ...(await timeOffPeople(deps.db, actor.companyId, pq.fromDate, pq.toDate, pq.userIds)),
    ]),
  ];
  const people = (await findUsers(deps.db, actor.companyId, ids)).sort(
    (a, b) => cmp(a.name, b.name) || cmp(a.id, b.id),
  );
  const leave = await timeOffSums(deps.db, actor.companyId, pq.fromDate, pq.toDate, ids);
  const rows = people.map((u) => {
    const regular = rowOf(worked.get(u.id), rounding, precision).hours;
    const timeOff = leave
      .filter((l) => l.userId === u.id)
      .sort((a, b) => cmp(a.typeId, b.typeId))
      .map((l) => ({ typeId: l.typeId, hours: roundToPrecision(l.hours, precision) }));
    return { user: u, regular, timeOff, total: regular + timeOff.reduce((s, t) => s + t.hours, 0) };
  });
  const page = pageOfRows(rows, paging);
  const sheets = await sheetsOverlapping(
    deps.db,
    actor.companyId,
    page.map((r) => r.user.id),
    pq.fromDate,
    pq.toDate,
  );
  const sheetOn = (userId: string, date: string) =>
    sheets.find((s) => s.userId === userId && s.startDate <= date && s.endDate >= date) ??
    periodOf(rule, date);
  return {
    data: page.map((r) => ({
      UserID: r.user.id,
      Name: r.user.name,
      EmploymentTypeID: r.user.employmentTypeId,
      StartDate: sheetOn(r.user.id, pq.fromDate).startDate,
      EndDate: sheetOn(r.user.id, pq.toDate).endDate,
      RegularTime: hoursOut(r.regular),
      TotalHours: hoursOut(r.total),
      Overtime: [],
      TimeOff: r.timeOff.map((t) => ({ LeaveTypeID: t.typeId, Hours: hoursOut(t.hours) })),
    })),
    count: rows.length,
    meta: {
      Totals: {
        RegularTime: hoursOut(rows.reduce((s, r) => s + r.regular, 0)),
        TotalHours: hoursOut(rows.reduce((s, r) => s + r.total, 0)),
      },
      ...roundingMeta(rounding),
    },
  };
}

// ——— /Reports/Expense ———

/** The Expenses module must be on; returns the company currency. */
export async function openExpenseReport(deps: Deps, actor: Actor): Promise<string> {
  requireCompanyReports(actor);
  const { settings } = await loadCompany(deps, actor.companyId);
  if (!moduleOn(settings, 'Expenses'))
    throw new AppError('module_disabled', 'The Expenses module is turned off for this company.');
  return settings.CurrencyISO;
}

export async function expenseReport(
  deps: Deps,
  actor: Actor,
  filter: ExpenseFilter,
  paging: Paging,
  o: { baseUrl: string; verbose: boolean },
) {
  const currency = await openExpenseReport(deps, actor);
  const totals = await expenseTotals(deps.db, actor.companyId, filter);
  const rows =
    paging.offset < totals.count ? await expensePage(deps.db, actor.companyId, filter, paging) : [];
  return {
    data: rows.map((r) => toReportExpenseWire(r, { currency, baseUrl: o.baseUrl, verbose: o.verbose })),
    count: totals.count,
    meta: {
      Totals: {
        Count: totals.count,
        ItemAmount: moneyOut(totals.amount),
        BillableAmount: moneyOut(totals.billable),
        MileageAmount: moneyOut(totals.mileage),
        ReimbursableAmount: moneyOut(totals.reimbursable),
      },
    },
  };
}
