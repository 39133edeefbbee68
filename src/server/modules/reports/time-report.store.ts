/**
 * Time reports in SQL: read-only queries over time_entries (with timesheets, jobs, users, tasks, clients
 * for filters and names). One text for both dialects: integer arithmetic only, no dialect functions.
 *
 * Exactness (DECISIONS 9): hours are integers × 10^4 and money integer cents. An entry's billings are
 * round(Hours × BillingRate) to the cent, half away from zero, when it is billable (0 otherwise); its cost is
 * round(Hours × CostRate). Every total is an integer sum of these, so a report's rows, its totals and the
 * entries behind them agree to the cent and to the 10^-4 hour. The same formula is multiplyScaled(hours, 4,
 * rate, 4, 2) in lib/decimal.ts. With entry rounding the rounded hours take the place of the stored ones.
 *
 * Speed (migration 0008): every filter and measure is a column of the report indexes, so counts, totals and
 * groups are index-only scans of the matching range; a page is chosen inside the index (Date, ID order)
 * and only its rows are then read from the table ("deferred join"), so a deep offset skips index entries,
 * not table rows. Exports walk the same order in keyset chunks ((Date, ID) > last), never with OFFSET.
 * Calendar dates are text and compared as text: nothing converts them (DECISIONS 20).
 */
import { sql, type RawBuilder } from 'kysely';
import type { Db } from '../../db/connect.js';
import type { Rounding } from '../../lib/rounding.js';

type Sql = RawBuilder<unknown>;

export interface TimeFilter {
  fromDate?: string;
  toDate?: string;
  userIds?: string[];
  jobIds?: string[];
  taskIds?: string[];
  clientIds?: string[];
  divisionIds?: string[];
  isBillable?: boolean[];
  jobIsActive?: boolean[];
  /** Entries inside any of these (person, period): TimesheetID, resolved. */
  sheets?: { userId: string; startDate: string; endDate: string }[];
  /** The status of the entry's timesheet; a date without a sheet row is Open (DECISIONS 28). */
  timesheetStatuses?: string[];
  /**
   * LabelID: entries that some labeling event of these labels covers (its window holds the entry's date
   * and it lists the entry, or its job, person, task or job's client, per its EntityType).
   */
  labelIds?: string[];
  /** Matches nothing (an unknown TimesheetID). */
  none?: boolean;
}

export const list = (values: readonly (string | number)[]) => sql.join(values.map((v) => sql`${v}`));

/**
 * The conditions on the job and person columns of a row `alias` (time_entries e, or a rollup r): JobID,
 * ClientID and JobIsActive through the job, UserID and DivisionID through the person.
 */
export function dimensionConditions(alias: 'e' | 'r', companyId: string, f: TimeFilter): Sql[] {
  const job = sql.ref(`${alias}.job_id`);
  const user = sql.ref(`${alias}.user_id`);
  const c: Sql[] = [];
  if (f.userIds) c.push(sql`${user} in (${list(f.userIds)})`);
  if (f.jobIds) c.push(sql`${job} in (${list(f.jobIds)})`);
  if (f.clientIds) {
    c.push(
      sql`${job} in (select j.id from jobs j where j.company_id = ${companyId} and j.client_id in (${list(f.clientIds)}))`,
    );
  }
  if (f.jobIsActive) {
    const v = list(f.jobIsActive.map((b) => (b ? 1 : 0)));
    c.push(
      sql`${job} in (select j.id from jobs j where j.company_id = ${companyId} and j.is_active in (${v}))`,
    );
  }
  if (f.divisionIds) {
    c.push(
      sql`${user} in (select u.id from users u where u.company_id = ${companyId} and u.division_id in (${list(f.divisionIds)}))`,
    );
  }
  return c;
}

/** The WHERE conditions of a filter over `time_entries e`. */
export function conditions(companyId: string, f: TimeFilter): Sql {
  const c: Sql[] = [sql`e.company_id = ${companyId}`];
  if (f.none) c.push(sql`1 = 0`);
  if (f.fromDate) c.push(sql`e.date >= ${f.fromDate}`);
  if (f.toDate) c.push(sql`e.date <= ${f.toDate}`);
  if (f.taskIds) c.push(sql`e.task_id in (${list(f.taskIds)})`);
  if (f.isBillable) c.push(sql`e.is_billable in (${list(f.isBillable.map((b) => (b ? 1 : 0)))})`);
  c.push(...dimensionConditions('e', companyId, f));
  if (f.sheets) {
    c.push(
      f.sheets.length === 0
        ? sql`1 = 0`
        : sql`(${sql.join(
            f.sheets.map(
              (s) => sql`(e.user_id = ${s.userId} and e.date >= ${s.startDate} and e.date <= ${s.endDate})`,
            ),
            sql` or `,
          )})`,
    );
  }
  if (f.labelIds) {
    c.push(
      f.labelIds.length === 0
        ? sql`1 = 0`
        : sql`exists (select 1 from label_events le join label_event_entities lx
        on lx.company_id = le.company_id and lx.event_id = le.id
        where le.company_id = e.company_id and le.label_id in (${list(f.labelIds)})
        and (le.start_date is null or le.start_date <= e.date) and (le.end_date is null or le.end_date >= e.date)
        and ((le.entity_type = 'TimeEntry' and lx.entity_id = e.id)
          or (le.entity_type = 'Job' and lx.entity_id = e.job_id)
          or (le.entity_type = 'User' and lx.entity_id = e.user_id)
          or (le.entity_type = 'Task' and lx.entity_id = e.task_id)
          or (le.entity_type = 'Client' and lx.entity_id = (select j.client_id from jobs j
            where j.company_id = e.company_id and j.id = e.job_id))))`,
    );
  }
  if (f.timesheetStatuses) {
    // A person's sheets never overlap: the one starting last on or before the date is the only candidate.
    c.push(sql`coalesce((select case when t.end_date >= e.date then t.status end from timesheets t
        where t.company_id = e.company_id and t.user_id = e.user_id and t.start_date <= e.date
        order by t.start_date desc limit 1), 'Open') in (${list(f.timesheetStatuses)})`);
  }
  return sql.join(c, sql` and `);
}

/** An integer literal for SQL (validated, so inlining it is safe and keeps one statement text). */
function int(n: number): Sql {
  if (!Number.isSafeInteger(n)) throw new RangeError('not an integer');
  return sql.raw(String(n));
}

/** An entry's hours for the report: stored, or rounded per entry (lib/rounding.ts, same formulas). */
export function hoursSql(r: Rounding | undefined): Sql {
  if (!r || r.scope !== 'Entry') return sql`e.hours`;
  const i = int(r.increment);
  switch (r.direction) {
    case 'Down':
      return sql`((e.hours / ${i}) * ${i})`;
    case 'Up':
      return sql`(((e.hours + ${i} - 1) / ${i}) * ${i})`;
    case 'Nearest':
      return sql`(((2 * e.hours + ${i}) / (2 * ${i})) * ${i})`;
  }
}

/** round(hours × 10^4 · rate × 10^4 / 10^6) half away from zero: cents. */
function cents(product: Sql): Sql {
  return sql`(case when ${product} >= 0 then (${product} + 500000) / 1000000 else -((500000 - ${product}) / 1000000) end)`;
}

export function measuresSql(r: Rounding | undefined): {
  hours: Sql;
  billable: Sql;
  billings: Sql;
  cost: Sql;
} {
  const h = hoursSql(r);
  return {
    hours: h,
    billable: sql`(case when e.is_billable = 1 then ${h} else 0 end)`,
    billings: sql`(case when e.is_billable = 1 then ${cents(sql`${h} * e.billing_rate`)} else 0 end)`,
    cost: cents(sql`${h} * e.cost_rate`),
  };
}

export interface Sums {
  count: number;
  hours: number;
  billableHours: number;
  /** cents */
  billings: number;
  /** cents */
  cost: number;
}

export interface SumRow {
  n: unknown;
  hours: unknown;
  billable_hours: unknown;
  billings: unknown;
  cost: unknown;
}

export const toSums = (r: SumRow | undefined): Sums => ({
  count: Number(r?.n ?? 0),
  hours: Number(r?.hours ?? 0),
  billableHours: Number(r?.billable_hours ?? 0),
  billings: Number(r?.billings ?? 0),
  cost: Number(r?.cost ?? 0),
});

const sumColumns = (r: Rounding | undefined) => {
  const m = measuresSql(r);
  return sql`count(*) as n, sum(${m.hours}) as hours, sum(${m.billable}) as billable_hours,
    sum(${m.billings}) as billings, sum(${m.cost}) as cost`;
};

/** page.count and meta.Totals of /Reports/Time added up from the entries: one index-only aggregate. */
export async function timeTotalsFromEntries(
  db: Db,
  companyId: string,
  f: TimeFilter,
  r: Rounding | undefined,
): Promise<Sums> {
  const { rows } =
    await sql<SumRow>`select ${sumColumns(r)} from time_entries e where ${conditions(companyId, f)}`.execute(
      db,
    );
  return toSums(rows[0]);
}

export interface TimeRow {
  id: string;
  date: string;
  userId: string;
  jobId: string;
  taskId: string;
  /** × 10^4, as reported (rounded per entry when asked) */
  hours: number;
  /** × 10^4, as stored */
  storedHours: number;
  breakTime: number;
  startTime: string | null;
  endTime: string | null;
  comment: string;
  billingRate: number;
  costRate: number;
  isBillable: boolean;
  customFields: string;
  /** cents: 0 when not billable */
  billings: number;
  cost: number;
  /** Exports only: names, filled by the export. */
  userName?: string | null;
  jobName?: string | null;
  jobNumber?: string | null;
  clientId?: string | null;
  clientName?: string | null;
  taskName?: string | null;
}

interface RawTimeRow {
  id: string;
  date: string;
  user_id: string;
  job_id: string;
  task_id: string;
  hours: unknown;
  stored_hours: unknown;
  break_time: unknown;
  start_time: string | null;
  end_time: string | null;
  comment: string;
  billing_rate: unknown;
  cost_rate: unknown;
  is_billable: unknown;
  custom_fields: string;
  billings: unknown;
  cost: unknown;
}

function toTimeRow(r: RawTimeRow): TimeRow {
  const row: TimeRow = {
    id: r.id,
    date: r.date,
    userId: r.user_id,
    jobId: r.job_id,
    taskId: r.task_id,
    hours: Number(r.hours),
    storedHours: Number(r.stored_hours),
    breakTime: Number(r.break_time),
    startTime: r.start_time,
    endTime: r.end_time,
    comment: r.comment,
    billingRate: Number(r.billing_rate),
    costRate: Number(r.cost_rate),
    isBillable: Number(r.is_billable) === 1,
    customFields: r.custom_fields,
    billings: Number(r.billings),
    cost: Number(r.cost),
  };
  return row;
}

function rowColumns(r: Rounding | undefined): Sql {
  const m = measuresSql(r);
  return sql`e.id, e.date, e.user_id, e.job_id, e.task_id, ${m.hours} as hours, e.hours as stored_hours, e.break_time,
    e.start_time, e.end_time, e.comment, e.billing_rate, e.cost_rate, e.is_billable, e.custom_fields,
    ${m.billings} as billings, ${m.cost} as cost`;
}

/** One page of /Reports/Time in the default order (Date, ID), skipping `offset` entries in the index. */
export async function timePageFromEntries(
  db: Db,
  companyId: string,
  f: TimeFilter,
  r: Rounding | undefined,
  paging: { limit: number; offset: number },
): Promise<TimeRow[]> {
  const { rows } = await sql<RawTimeRow>`select ${rowColumns(r)}
    from (select e.id as pid, e.date as pdate from time_entries e where ${conditions(companyId, f)}
          order by e.date, e.id limit ${int(paging.limit)} offset ${int(paging.offset)}) p
    join time_entries e on e.company_id = ${companyId} and e.id = p.pid
    order by p.pdate, p.pid`.execute(db);
  return rows.map(toTimeRow);
}

/**
 * The next chunk after (date, id) in (Date, ID) order, for the exports. Names are not joined here: the
 * export looks each job, task, person and client up once and keeps them (far fewer than entries).
 */
export async function timeChunk(
  db: Db,
  companyId: string,
  f: TimeFilter,
  r: Rounding | undefined,
  after: { date: string; id: string } | null,
  size: number,
): Promise<TimeRow[]> {
  // A row-value comparison (plus a plain bound on date) is a range both planners seek in the index.
  const keyset = after
    ? sql` and e.date >= ${after.date} and (e.date, e.id) > (${after.date}, ${after.id})`
    : sql``;
  const { rows } = await sql<RawTimeRow>`select ${rowColumns(r)}
    from (select e.id as pid, e.date as pdate from time_entries e where ${conditions(companyId, f)}${keyset}
          order by e.date, e.id limit ${int(size)}) p
    join time_entries e on e.company_id = ${companyId} and e.id = p.pid
    order by p.pdate, p.pid`.execute(db);
  return rows.map(toTimeRow);
}

// ——— grouped sums ———

export type GroupKey = 'job' | 'task' | 'user' | 'month' | 'date';

const KEY_SQL: Record<GroupKey, Sql> = {
  job: sql`e.job_id`,
  task: sql`e.task_id`,
  user: sql`e.user_id`,
  month: sql`substr(e.date, 1, 7)`,
  date: sql`e.date`,
};

export interface GroupSums extends Sums {
  keys: Partial<Record<GroupKey, string>>;
}

/** Sums per group of the given keys (any order; the service sorts), added up from the entries. */
export async function groupSumsFromEntries(
  db: Db,
  companyId: string,
  f: TimeFilter,
  keys: readonly GroupKey[],
  r: Rounding | undefined,
): Promise<GroupSums[]> {
  const select = sql.join(keys.map((k) => sql`${KEY_SQL[k]} as ${sql.ref(`k_${k}`)}`));
  const group = sql.join(keys.map((k) => KEY_SQL[k]));
  const { rows } = await sql<SumRow & Record<string, unknown>>`select ${select}, ${sumColumns(r)}
    from time_entries e where ${conditions(companyId, f)} group by ${group}`.execute(db);
  return rows.map((row) => ({
    ...toSums(row),
    keys: Object.fromEntries(keys.map((k) => [k, String(row[`k_${k}`])])),
  }));
}

// ——— master data and timesheets the reports name ———

export interface JobRow {
  id: string;
  name: string;
  jobNumber: string;
  clientId: string;
  clientName: string;
  isBillable: boolean;
  isActive: boolean;
}

/** Jobs with their client's name, optionally only (in)active ones. */
export async function jobsWithClients(
  db: Db,
  companyId: string,
  o: { ids?: readonly string[]; isActive?: readonly boolean[] },
): Promise<JobRow[]> {
  const c: Sql[] = [sql`j.company_id = ${companyId}`];
  if (o.ids) c.push(o.ids.length ? sql`j.id in (${list(o.ids)})` : sql`1 = 0`);
  if (o.isActive) c.push(sql`j.is_active in (${list(o.isActive.map((b) => (b ? 1 : 0)))})`);
  const { rows } = await sql<{
    id: string;
    name: string;
    job_number: string;
    client_id: string;
    client_name: string | null;
    is_billable: unknown;
    is_active: unknown;
  }>`select j.id, j.name, j.job_number, j.client_id, c.name as client_name, j.is_billable, j.is_active
    from jobs j left join clients c on c.company_id = j.company_id and c.id = j.client_id
    where ${sql.join(c, sql` and `)}`.execute(db);
  return rows.map((r) => ({
    id: r.id,
    name: r.name,
    jobNumber: r.job_number,
    clientId: r.client_id,
    clientName: r.client_name ?? '',
    isBillable: Number(r.is_billable) === 1,
    isActive: Number(r.is_active) === 1,
  }));
}

export interface NameRow {
  id: string;
  name: string;
  isActive: boolean;
  /** jobs and tasks */
  isBillable: boolean;
  /** jobs */
  jobNumber: string;
  clientId: string;
}

/**
 * Just the names (and the flags the reports show) of people, jobs, tasks or clients: lighter than the
 * owning modules' full records, which reports do not need.
 */
export async function namesOf(
  db: Db,
  companyId: string,
  table: 'users' | 'jobs' | 'tasks' | 'clients',
  ids: readonly string[],
): Promise<NameRow[]> {
  const unique = [...new Set(ids)];
  if (unique.length === 0) return [];
  const extra =
    table === 'jobs'
      ? sql`, x.is_billable, x.job_number, x.client_id`
      : table === 'tasks'
        ? sql`, x.is_billable, '' as job_number, '' as client_id`
        : sql`, 0 as is_billable, '' as job_number, '' as client_id`;
  const out: NameRow[] = [];
  for (let i = 0; i < unique.length; i += 1000) {
    const { rows } = await sql<{
      id: string;
      name: string;
      is_active: unknown;
      is_billable: unknown;
      job_number: string;
      client_id: string;
    }>`select x.id, x.name, x.is_active${extra} from ${sql.table(table)} x
      where x.company_id = ${companyId} and x.id in (${list(unique.slice(i, i + 1000))})`.execute(db);
    for (const r of rows) {
      out.push({
        id: r.id,
        name: r.name,
        isActive: Number(r.is_active) === 1,
        isBillable: Number(r.is_billable) === 1,
        jobNumber: r.job_number,
        clientId: r.client_id,
      });
    }
  }
  return out;
}

export interface SheetSpan {
  id: string;
  userId: string;
  startDate: string;
  endDate: string;
}

export async function sheetsByIds(db: Db, companyId: string, ids: readonly string[]): Promise<SheetSpan[]> {
  const { rows } = await sql<{ id: string; user_id: string; start_date: string; end_date: string }>`
    select id, user_id, start_date, end_date from timesheets where company_id = ${companyId} and id in (${list(ids)})`.execute(
    db,
  );
  return rows.map((r) => ({ id: r.id, userId: r.user_id, startDate: r.start_date, endDate: r.end_date }));
}

/** The sheets of these people that overlap [from, to]. */
export async function sheetsOverlapping(
  db: Db,
  companyId: string,
  userIds: readonly string[],
  from: string,
  to: string,
): Promise<SheetSpan[]> {
  if (userIds.length === 0) return [];
  const { rows } = await sql<{ id: string; user_id: string; start_date: string; end_date: string }>`
    select id, user_id, start_date, end_date from timesheets
    where company_id = ${companyId} and user_id in (${list(userIds)}) and start_date <= ${to} and end_date >= ${from}`.execute(
    db,
  );
  return rows.map((r) => ({ id: r.id, userId: r.user_id, startDate: r.start_date, endDate: r.end_date }));
}

/** Time off hours (× 10^4) per person and leave type in [from, to]. */
export async function timeOffSums(
  db: Db,
  companyId: string,
  from: string,
  to: string,
  userIds: readonly string[],
): Promise<{ userId: string; typeId: string; hours: number }[]> {
  if (userIds.length === 0) return [];
  const { rows } = await sql<{ user_id: string; time_off_type_id: string; hours: unknown }>`
    select user_id, time_off_type_id, sum(hours) as hours from time_off
    where company_id = ${companyId} and date >= ${from} and date <= ${to} and user_id in (${list(userIds)})
    group by user_id, time_off_type_id`.execute(db);
  return rows.map((r) => ({ userId: r.user_id, typeId: r.time_off_type_id, hours: Number(r.hours) }));
}

/** People with time off in [from, to] (optionally among `userIds`). */
export async function timeOffPeople(
  db: Db,
  companyId: string,
  from: string,
  to: string,
  userIds: readonly string[] | undefined,
): Promise<string[]> {
  const only = userIds ? sql` and o.user_id in (${list(userIds)})` : sql``;
  const { rows } = await sql<{ user_id: string }>`select distinct o.user_id from time_off o
    where o.company_id = ${companyId} and o.date >= ${from} and o.date <= ${to}${only}`.execute(db);
  return rows.map((r) => r.user_id);
}
