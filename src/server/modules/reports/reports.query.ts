/**
 * The query parameters of the reports: ClickTime's filters (CATALOGUE Reports/*), and Punchclock's rounding
 * extension (DECISIONS 21, 26):
 *
 *   Rounding=Up|Down|Nearest          round hours in this report (absent: no rounding)
 *   RoundingIncrement=0.25            to multiples of this many hours (default 0.25; > 0, ≤ 24, ≤ 4 decimals)
 *   RoundingScope=Entry|Group         each entry before adding up (default), or each row's sums
 *
 * A known parameter with a bad value is a 400 naming it (DECISIONS 6); RoundingIncrement or RoundingScope
 * without Rounding is a 400 too, so that a typo never silently reports unrounded figures.
 */
import { Type, type TSchema } from '@sinclair/typebox';
import { DateString } from '../../../contract/common.js';
import { EXPENSE_SHEET_STATUSES } from '../../../contract/expenses.js';
import type { QueryReader } from '../../http/query.js';
import { bools, strs } from '../../http/schemas.js';
import {
  DEFAULT_INCREMENT,
  parseIncrement,
  ROUNDING_DIRECTIONS,
  ROUNDING_SCOPES,
  type Rounding,
} from '../../lib/rounding.js';
import type { ExpenseFilter } from './expense-report.store.js';
import type { TimeFilter } from './time-report.store.js';

export const TIMESHEET_STATUSES = [
  'Open',
  'JobHold',
  'TORAHold',
  'Waiting',
  'Locked',
  'Approved',
  'Rejected',
] as const;

export const GROUP_BYS = [
  'Job',
  'Task',
  'User',
  'Month',
  'Date',
  'Task and User',
  'Job and Task',
  'Job and Month',
] as const;
export type GroupBy = (typeof GROUP_BYS)[number];

export function readRounding(q: QueryReader): Rounding | undefined {
  const direction = q.oneOf('Rounding', ROUNDING_DIRECTIONS);
  const scope = q.oneOf('RoundingScope', ROUNDING_SCOPES);
  const incrementText = q.string('RoundingIncrement');
  let increment = DEFAULT_INCREMENT;
  if (incrementText !== undefined) {
    const parsed = parseIncrement(incrementText);
    if (parsed.ok) increment = parsed.value;
    else q.errors.add('RoundingIncrement', `RoundingIncrement ${parsed.message}.`, ['invalid_query']);
  }
  if (direction && direction.length > 1) q.errors.add('Rounding', 'Give one Rounding.', ['invalid_query']);
  if (scope && scope.length > 1) q.errors.add('RoundingScope', 'Give one RoundingScope.', ['invalid_query']);
  if (!direction?.length) {
    if (incrementText !== undefined || scope) {
      q.errors.add('Rounding', 'RoundingIncrement and RoundingScope need Rounding (Up, Down or Nearest).', [
        'invalid_query',
      ]);
    }
    return undefined;
  }
  return { direction: direction[0]!, increment, scope: scope?.[0] ?? 'Entry' };
}

const roundingDocs: Record<string, TSchema> = {
  Rounding: Type.Optional(
    Type.String({
      enum: [...ROUNDING_DIRECTIONS],
      description:
        'Punchclock extension: round hours Up, Down or to the Nearest increment (report-time only)',
    }),
  ),
  RoundingIncrement: Type.Optional(
    Type.String({ description: 'Punchclock extension: the increment in hours (default 0.25)' }),
  ),
  RoundingScope: Type.Optional(
    Type.String({
      enum: [...ROUNDING_SCOPES],
      description: 'Punchclock extension: round each Entry (default) or each row (Group)',
    }),
  ),
};

/** Both StartDate and EndDate when given; EndDate before StartDate is a 400. */
function readRange(q: QueryReader, required: boolean): { fromDate?: string; toDate?: string } {
  const fromDate = q.date('StartDate');
  const toDate = q.date('EndDate');
  if (required) {
    if (!q.has('StartDate')) q.errors.add('StartDate', 'StartDate is required.', ['required']);
    if (!q.has('EndDate')) q.errors.add('EndDate', 'EndDate is required.', ['required']);
  }
  if (fromDate && toDate && toDate < fromDate)
    q.errors.add('EndDate', 'EndDate must not be before StartDate.', ['invalid_query']);
  return { ...(fromDate ? { fromDate } : {}), ...(toDate ? { toDate } : {}) };
}

/** The most values one multi-valued filter may list (a longer list would exceed what a statement binds). */
export const MAX_FILTER_VALUES = 1000;

/** A multi-valued ID filter (repeated or comma-separated), at most MAX_FILTER_VALUES values. */
function ids(q: QueryReader, name: string): string[] | undefined {
  const values = q.strings(name);
  if (values && values.length > MAX_FILTER_VALUES) {
    q.errors.add(name, `${name} may list at most ${MAX_FILTER_VALUES} values.`, ['invalid_query']);
    return undefined;
  }
  return values;
}

function set<T extends object, K extends keyof T>(target: T, key: K, value: T[K] | undefined): void {
  if (value !== undefined) target[key] = value;
}

export interface TimeQuery {
  filter: TimeFilter;
  /** TimesheetID values, resolved to sheets by the service. */
  timesheetIds?: string[];
  labelIds?: string[];
}

/** /Reports/Time filters. */
export function readTimeQuery(q: QueryReader): TimeQuery {
  const filter: TimeFilter = { ...readRange(q, false) };
  set(filter, 'userIds', ids(q, 'UserID'));
  set(filter, 'jobIds', ids(q, 'JobID'));
  set(filter, 'taskIds', ids(q, 'TaskID'));
  set(filter, 'clientIds', ids(q, 'ClientID'));
  set(filter, 'divisionIds', ids(q, 'DivisionID'));
  set(filter, 'isBillable', q.bools('IsBillable'));
  set(filter, 'timesheetStatuses', q.oneOf('TimesheetStatus', TIMESHEET_STATUSES));
  const out: TimeQuery = { filter };
  set(out, 'timesheetIds', ids(q, 'TimesheetID'));
  set(out, 'labelIds', ids(q, 'LabelID'));
  return out;
}

export const timeQueryDocs: Record<string, TSchema> = {
  StartDate: Type.Optional(DateString),
  EndDate: Type.Optional(DateString),
  UserID: strs(),
  JobID: strs(),
  TaskID: strs(),
  ClientID: strs(),
  DivisionID: strs(),
  IsBillable: bools(),
  TimesheetID: strs(),
  TimesheetStatus: Type.Optional(Type.Array(Type.String({ enum: [...TIMESHEET_STATUSES] }))),
  LabelID: Type.Optional(
    Type.Array(Type.String(), {
      description:
        'Entries labelled with one of these labels: some label event of the label covers the entry date ' +
        '(StartDate ≤ Date ≤ EndDate, open ends allowed) and lists the entry itself, its job, person, task ' +
        "or its job's client, per the event's EntityType",
    }),
  ),
  ...roundingDocs,
};

export interface SummaryQuery {
  groupBy: GroupBy;
  filter: TimeFilter;
}

/** /Reports/TimeSummary: GroupBy (one, required), JobID or UserID (one of them required), filters. */
export function readSummaryQuery(q: QueryReader): SummaryQuery | undefined {
  const filter: TimeFilter = { ...readRange(q, false) };
  set(filter, 'userIds', ids(q, 'UserID'));
  set(filter, 'jobIds', ids(q, 'JobID'));
  set(filter, 'taskIds', ids(q, 'TaskID'));
  set(filter, 'jobIsActive', q.bools('JobIsActive'));
  set(filter, 'timesheetStatuses', q.oneOf('TimesheetStatus', TIMESHEET_STATUSES));
  if (!filter.jobIds && !filter.userIds) {
    q.errors.add('JobID', 'JobID is required unless UserID is given.', ['required']);
    q.errors.add('UserID', 'UserID is required unless JobID is given.', ['required']);
  }
  const raw = q.string('GroupBy');
  let groupBy: GroupBy | undefined;
  if (raw === undefined) {
    q.errors.add('GroupBy', `GroupBy is required: one of ${GROUP_BYS.join(', ')}.`, ['required']);
  } else {
    const values = q.strings('GroupBy') ?? [];
    const matches = values.map((v) =>
      GROUP_BYS.find((g) => g.toLowerCase() === v.replace(/\s+/g, ' ').toLowerCase()),
    );
    if (values.length !== 1 || !matches[0]) {
      q.errors.add('GroupBy', `GroupBy must be one of: ${GROUP_BYS.join(', ')}.`, ['invalid_query']);
    } else {
      groupBy = matches[0];
    }
  }
  return groupBy ? { groupBy, filter } : undefined;
}

export const summaryQueryDocs: Record<string, TSchema> = {
  GroupBy: Type.String({ enum: [...GROUP_BYS], description: 'Required' }),
  JobID: Type.Optional(Type.Array(Type.String(), { description: 'Required unless UserID is given' })),
  UserID: Type.Optional(Type.Array(Type.String(), { description: 'Required unless JobID is given' })),
  TaskID: strs(),
  JobIsActive: bools(),
  TimesheetStatus: Type.Optional(Type.Array(Type.String({ enum: [...TIMESHEET_STATUSES] }))),
  StartDate: Type.Optional(DateString),
  EndDate: Type.Optional(DateString),
  ...roundingDocs,
};

/** /Reports/TimeSummary/Jobs…: JobIsActive, and StartDate/EndDate as a Punchclock extension. */
export function readJobsQuery(q: QueryReader): TimeFilter {
  const filter: TimeFilter = { ...readRange(q, false) };
  set(filter, 'jobIsActive', q.bools('JobIsActive'));
  return filter;
}

export const jobsQueryDocs: Record<string, TSchema> = {
  JobIsActive: bools(),
  StartDate: Type.Optional(
    Type.String({ format: 'date', description: 'Punchclock extension: entries from this date' }),
  ),
  EndDate: Type.Optional(
    Type.String({ format: 'date', description: 'Punchclock extension: entries up to this date' }),
  ),
  ...roundingDocs,
};

export interface PayrollQuery {
  fromDate: string;
  toDate: string;
  userIds?: string[];
}

export function readPayrollQuery(q: QueryReader): PayrollQuery | undefined {
  const { fromDate, toDate } = readRange(q, true);
  const userIds = ids(q, 'UserID');
  if (!fromDate || !toDate) return undefined;
  return { fromDate, toDate, ...(userIds ? { userIds } : {}) };
}

export const payrollQueryDocs: Record<string, TSchema> = {
  StartDate: DateString,
  EndDate: DateString,
  UserID: strs(),
  ...roundingDocs,
};

export interface ExpenseQuery {
  filter: ExpenseFilter;
}

export function readExpenseQuery(q: QueryReader): ExpenseQuery {
  const filter: ExpenseFilter = { ...readRange(q, false) };
  set(filter, 'ids', ids(q, 'ID'));
  set(filter, 'userIds', ids(q, 'UserID'));
  set(filter, 'jobIds', ids(q, 'JobID'));
  set(filter, 'sheetStatuses', q.oneOf('ExpenseSheetStatus', EXPENSE_SHEET_STATUSES));
  if (ids(q, 'LabelID')) filter.none = true;
  return { filter };
}

export const expenseQueryDocs: Record<string, TSchema> = {
  StartDate: Type.Optional(DateString),
  EndDate: Type.Optional(DateString),
  ID: strs(),
  UserID: strs(),
  JobID: strs(),
  ExpenseSheetStatus: Type.Optional(Type.Array(Type.String({ enum: [...EXPENSE_SHEET_STATUSES] }))),
  LabelID: Type.Optional(
    Type.Array(Type.String(), {
      description: 'Expense items are not labelled by Punchclock: any LabelID matches nothing',
    }),
  ),
};
