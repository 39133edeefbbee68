/**
 * The time reports' totals, groups and deep pages, read from the time rollups (src/server/db/rollups.ts;
 * docs/adr/0009-time-rollups.md) whenever the filter and the grouping allow it, from the entries otherwise.
 * The answers are the same either way (tested property by property against the entry queries); only the
 * cost differs: a rollup read touches one row per day, per job-month or per person-month, not one per entry.
 *
 * Which rollup (a "family") answers a request depends on the dimensions it filters or groups by:
 *
 *   company  dates and IsBillable only              time_rollup_days (any date range, exactly)
 *   job      + JobID, ClientID, JobIsActive or a job or date group
 *                                                   time_rollup_job_months for the whole months of the range,
 *                                                   time_rollup_job_days for the days at its ends (and for
 *                                                   GroupBy Date)
 *   user     + UserID, DivisionID or a person group  time_rollup_user_months for the whole months, the
 *                                                   entries (by the person index) for the days at its ends
 *
 * Anything else goes to the entries: a task filter or group, TimesheetID, TimesheetStatus, LabelID, a person and a
 * job together, and rounding per entry (a sum of rounded entries is not a rounding of sums). IsBillable is
 * a split of every rollup row (billable and not), so it never forces the entries.
 *
 * Deep pages: /Reports/Time pages in (Date, ID) order. For an offset past SEEK_FROM the day counts of the
 * company (or job) rollup give the first date of the page and how many entries come before it, so the
 * index skips only the entries of that date instead of every entry before the page.
 */
import { sql, type RawBuilder } from 'kysely';
import type { Db } from '../../db/connect.js';
import { seekInDays } from '../../db/rollups.js';
import { daysInMonth } from '../../lib/dates.js';
import type { Rounding } from '../../lib/rounding.js';
import {
  dimensionConditions,
  groupSumsFromEntries,
  timePageFromEntries,
  timeTotalsFromEntries,
  toSums,
  type GroupKey,
  type GroupSums,
  type SumRow,
  type Sums,
  type TimeFilter,
  type TimeRow,
} from './time-report.store.js';

type Sql = RawBuilder<unknown>;

export type RollupFamily = 'company' | 'job' | 'user';

/** The rollup family that answers a filter grouped by `keys`, or undefined when only entries can. */
export function rollupFamily(
  f: TimeFilter,
  r: Rounding | undefined,
  keys: readonly GroupKey[] = [],
): RollupFamily | undefined {
  if (r?.scope === 'Entry') return undefined;
  if (f.none || f.labelIds || f.sheets || f.timesheetStatuses || f.taskIds || keys.includes('task'))
    return undefined;
  const byJob = !!(f.jobIds || f.clientIds || f.jobIsActive) || keys.includes('job');
  const byUser = !!(f.userIds || f.divisionIds) || keys.includes('user');
  if (byJob && byUser) return undefined;
  // No per-person day rollup: a person's days come from the entries.
  if (byUser) return keys.includes('date') ? undefined : 'user';
  return byJob ? 'job' : 'company';
}

// ——— date ranges ———

export interface RangeSplit {
  /** Whole months (YYYY-MM, inclusive; a missing end is open), or null when the range has none. */
  months: { from?: string; to?: string } | null;
  /** Inclusive day ranges at the ends of the range that are not whole months. */
  edges: { from: string; to: string }[];
}

const lastDayOf = (month: string) =>
  `${month}-${String(daysInMonth(Number(month.slice(0, 4)), Number(month.slice(5, 7)))).padStart(2, '0')}`;

function addMonths(month: string, k: number): string {
  const n = Number(month.slice(0, 4)) * 12 + Number(month.slice(5, 7)) - 1 + k;
  return `${String(Math.floor(n / 12)).padStart(4, '0')}-${String((n % 12) + 1).padStart(2, '0')}`;
}

/** Splits [from, to] (either end optional) into whole months and the days at its ends. Pure. */
export function splitRange(from?: string, to?: string): RangeSplit {
  const monthOf = (d: string) => d.slice(0, 7);
  if (from && to && to < from) return { months: null, edges: [] };
  if (from && to && monthOf(from) === monthOf(to)) {
    const m = monthOf(from);
    return from === `${m}-01` && to === lastDayOf(m)
      ? { months: { from: m, to: m }, edges: [] }
      : { months: null, edges: [{ from, to }] };
  }
  const edges: RangeSplit['edges'] = [];
  let first: string | undefined;
  let last: string | undefined;
  if (from) {
    const m = monthOf(from);
    if (from === `${m}-01`) first = m;
    else {
      edges.push({ from, to: lastDayOf(m) });
      first = addMonths(m, 1);
    }
  }
  if (to) {
    const m = monthOf(to);
    if (to === lastDayOf(m)) last = m;
    else {
      edges.push({ from: `${m}-01`, to });
      last = addMonths(m, -1);
    }
  }
  if (first && last && first > last) return { months: null, edges };
  return { months: { ...(first ? { from: first } : {}), ...(last ? { to: last } : {}) }, edges };
}

// ——— SQL over a rollup row `r` ———

/** The measures of a rollup row for an IsBillable filter (billable, not billable, or both). */
function measures(isBillable: readonly boolean[] | undefined) {
  const yes = isBillable ? isBillable.includes(true) : true;
  const no = isBillable ? isBillable.includes(false) : true;
  if (yes && no)
    return { n: sql`r.n`, hours: sql`r.hours`, billable: sql`r.billable_hours`, cost: sql`r.cost` };
  if (yes)
    return {
      n: sql`r.n_billable`,
      hours: sql`r.billable_hours`,
      billable: sql`r.billable_hours`,
      cost: sql`r.billable_cost`,
    };
  if (no)
    return {
      n: sql`(r.n - r.n_billable)`,
      hours: sql`(r.hours - r.billable_hours)`,
      billable: sql`0`,
      cost: sql`(r.cost - r.billable_cost)`,
    };
  return { n: sql`0`, hours: sql`0`, billable: sql`0`, cost: sql`0` };
}

function sumColumns(f: TimeFilter): Sql {
  const m = measures(f.isBillable);
  // Billings are 0 for entries that are not billable, so every split keeps r.billings or drops it.
  const billings = f.isBillable && !f.isBillable.includes(true) ? sql`0` : sql`r.billings`;
  return sql`sum(${m.n}) as n, sum(${m.hours}) as hours, sum(${m.billable}) as billable_hours,
    sum(${billings}) as billings, sum(${m.cost}) as cost`;
}

const dayRange = (from?: string, to?: string): Sql[] => [
  ...(from ? [sql`r.date >= ${from}`] : []),
  ...(to ? [sql`r.date <= ${to}`] : []),
];

const monthRange = (m: { from?: string; to?: string }): Sql[] => [
  ...(m.from ? [sql`r.month >= ${m.from}`] : []),
  ...(m.to ? [sql`r.month <= ${m.to}`] : []),
];

const anyOf = (ranges: RangeSplit['edges']): Sql =>
  sql`(${sql.join(
    ranges.map((e) => sql`(r.date >= ${e.from} and r.date <= ${e.to})`),
    sql` or `,
  )})`;

const TABLES = {
  company: { days: 'time_rollup_days', months: undefined },
  job: { days: 'time_rollup_job_days', months: 'time_rollup_job_months' },
  user: { days: undefined, months: 'time_rollup_user_months' },
} as const;

/** A key's expression over a rollup row, at day or month grain. */
function keySql(k: GroupKey, grain: 'day' | 'month'): Sql {
  switch (k) {
    case 'job':
      return sql`r.job_id`;
    case 'user':
      return sql`r.user_id`;
    case 'date':
      return sql`r.date`;
    case 'month':
      return grain === 'day' ? sql`substr(r.date, 1, 7)` : sql`r.month`;
    case 'task':
      throw new Error('no rollup is kept per task');
  }
}

/** One grouped read of a rollup table (no keys: one row of totals). */
async function readRollup(
  db: Db,
  table: string,
  grain: 'day' | 'month',
  where: Sql[],
  f: TimeFilter,
  keys: readonly GroupKey[],
): Promise<GroupSums[]> {
  const select = keys.map((k) => sql`${keySql(k, grain)} as ${sql.ref(`k_${k}`)}`);
  const groupBy = keys.length ? sql` group by ${sql.join(keys.map((k) => keySql(k, grain)))}` : sql``;
  const { rows } = await sql<SumRow & Record<string, unknown>>`select ${sql.join([
    ...select,
    sumColumns(f),
  ])} from ${sql.table(table)} r where ${sql.join(where, sql` and `)}${groupBy}`.execute(db);
  return rows.map((row) => ({
    ...toSums(row),
    keys: Object.fromEntries(keys.map((k) => [k, String(row[`k_${k}`])])),
  }));
}

function merge(parts: readonly GroupSums[][], keys: readonly GroupKey[]): GroupSums[] {
  const out = new Map<string, GroupSums>();
  for (const part of parts) {
    for (const g of part) {
      if (g.count === 0) continue;
      const id = keys.map((k) => g.keys[k]).join('\u0000');
      const seen = out.get(id);
      if (!seen) out.set(id, { ...g, keys: { ...g.keys } });
      else {
        seen.count += g.count;
        seen.hours += g.hours;
        seen.billableHours += g.billableHours;
        seen.billings += g.billings;
        seen.cost += g.cost;
      }
    }
  }
  return [...out.values()];
}

/** Sums per group from the rollups of `family` (keys may be empty: the totals, as one group). */
async function fromRollups(
  db: Db,
  companyId: string,
  f: TimeFilter,
  keys: readonly GroupKey[],
  family: RollupFamily,
): Promise<GroupSums[]> {
  const dims = [sql`r.company_id = ${companyId}`, ...dimensionConditions('r', companyId, f)];
  const tables = TABLES[family];
  // Day grain over the whole range: the company rollup always, a job's when grouping by date.
  if (tables.days && (!tables.months || keys.includes('date'))) {
    return merge(
      [await readRollup(db, tables.days, 'day', [...dims, ...dayRange(f.fromDate, f.toDate)], f, keys)],
      keys,
    );
  }
  const split = splitRange(f.fromDate, f.toDate);
  const parts: GroupSums[][] = [];
  if (split.months) {
    parts.push(await readRollup(db, tables.months, 'month', [...dims, ...monthRange(split.months)], f, keys));
  }
  if (split.edges.length) {
    if (tables.days) {
      parts.push(await readRollup(db, tables.days, 'day', [...dims, anyOf(split.edges)], f, keys));
    } else {
      for (const e of split.edges) {
        const edge = { ...f, fromDate: e.from, toDate: e.to };
        parts.push(
          keys.length
            ? await groupSumsFromEntries(db, companyId, edge, keys, undefined)
            : [{ ...(await timeTotalsFromEntries(db, companyId, edge, undefined)), keys: {} }],
        );
      }
    }
  }
  return merge(parts, keys);
}

// ——— what the reports call ———

/** page.count and meta.Totals of /Reports/Time. */
export async function timeTotals(
  db: Db,
  companyId: string,
  f: TimeFilter,
  r: Rounding | undefined,
): Promise<Sums> {
  const family = rollupFamily(f, r);
  if (!family) return timeTotalsFromEntries(db, companyId, f, r);
  const [totals] = await fromRollups(db, companyId, f, [], family);
  if (!totals) return toSums(undefined);
  const { keys: _none, ...sums } = totals;
  return sums;
}

/** Sums per group of the given keys (any order; the service sorts). */
export async function groupSums(
  db: Db,
  companyId: string,
  f: TimeFilter,
  keys: readonly GroupKey[],
  r: Rounding | undefined,
): Promise<GroupSums[]> {
  const family = rollupFamily(f, r, keys);
  return family
    ? fromRollups(db, companyId, f, keys, family)
    : groupSumsFromEntries(db, companyId, f, keys, r);
}

/** Offsets below this are skipped in the index directly: cheaper than reading the day counts. */
export const SEEK_FROM = 2000;

/**
 * The first date of the page at `offset` and how many matching entries come before that date, from the
 * day counts of the company or job rollup; undefined when no day rollup answers the filter or the offset
 * is past the end.
 */
export async function seekPage(
  db: Db,
  companyId: string,
  f: TimeFilter,
  offset: number,
): Promise<{ fromDate: string; before: number } | undefined> {
  const family = rollupFamily(f, undefined);
  const table = family && TABLES[family].days;
  if (!table) return undefined;
  const m = measures(f.isBillable);
  const where = [
    sql`r.company_id = ${companyId}`,
    ...dimensionConditions('r', companyId, f),
    ...dayRange(f.fromDate, f.toDate),
  ];
  const { rows } = await sql<{ date: string; n: unknown }>`select r.date as date, sum(${m.n}) as n
    from ${sql.table(table)} r where ${sql.join(where, sql` and `)}
    group by r.date order by r.date`.execute(db);
  const seek = seekInDays(
    rows.map((row) => ({ date: row.date, n: Number(row.n) })),
    offset,
  );
  return seek && { fromDate: seek.date, before: seek.before };
}

/** One page of /Reports/Time in the default order (Date, ID). */
export async function timePage(
  db: Db,
  companyId: string,
  f: TimeFilter,
  r: Rounding | undefined,
  paging: { limit: number; offset: number },
  seekFrom = SEEK_FROM,
): Promise<TimeRow[]> {
  if (paging.offset >= seekFrom) {
    const seek = await seekPage(db, companyId, f, paging.offset);
    if (seek) {
      return timePageFromEntries(db, companyId, { ...f, fromDate: seek.fromDate }, r, {
        limit: paging.limit,
        offset: paging.offset - seek.before,
      });
    }
  }
  return timePageFromEntries(db, companyId, f, r, paging);
}
