/**
 * Time entries, stopwatch timers and the daily/weekly time summaries on the wire (API.md §4.9, §4.16;
 * CATALOGUE TimeEntryModel_*, TimerModel_*, TimerIntervalModel_*, TimeSummaryDailyModel_*,
 * TimeSummaryWeeklyModel_*, AutoFilledTimeEntryModel_Root).
 */
import { Type, type Static } from '@sinclair/typebox';
import { CustomFields, DateString, Id, Nullable, Text, TimeOfDay } from './common.js';
import { BasicClient } from './master-data.js';
import { BasicUser } from './users.js';

const HoursValue = Type.Number({ minimum: 0, maximum: 24, description: 'Decimal hours' });
const RateValue = Type.Number({ minimum: 0, maximum: 1e9 });

/** BasicJobModel (Verbose=true). */
export const TimeEntryJob = Type.Object({
  ID: Type.String(),
  Name: Type.String(),
  ClientID: Type.String(),
  IsActive: Type.Boolean(),
  ListDisplayText: Type.String(),
});
/** BasicTaskModel (Verbose=true). */
export const TimeEntryTask = Type.Object({
  ID: Type.String(),
  Name: Type.String(),
  IsActive: Type.Boolean(),
  ListDisplayText: Type.String(),
});

/** TimeEntryModel_Me / _Root / _Manage; the mapper leaves out the rates a caller may not see. */
export const TimeEntry = Type.Object({
  ID: Type.String(),
  Date: Type.String(),
  Hours: Type.Number(),
  BreakTime: Type.Number(),
  StartTime: Nullable(Type.String()),
  EndTime: Nullable(Type.String()),
  Comment: Type.String(),
  JobID: Type.String(),
  TaskID: Type.String(),
  UserID: Type.String(),
  BillingRate: Type.Optional(Type.Number()),
  CostRate: Type.Optional(Type.Number()),
  CustomFields: CustomFields,
  Job: Type.Optional(Nullable(TimeEntryJob)),
  Task: Type.Optional(Nullable(TimeEntryTask)),
  Client: Type.Optional(Nullable(BasicClient)),
  User: Type.Optional(Nullable(BasicUser)),
});
export type TimeEntry = Static<typeof TimeEntry>;

/** TimeEntryModel_New: a template filled with defaults, nothing stored. */
export const TimeEntryNew = Type.Object({
  ID: Type.String(),
  Date: Type.String(),
  Hours: Type.Number(),
  BreakTime: Type.Number(),
  StartTime: Nullable(Type.String()),
  EndTime: Nullable(Type.String()),
  Comment: Type.String(),
  JobID: Nullable(Type.String()),
  TaskID: Nullable(Type.String()),
  UserID: Type.String(),
  BillingRate: Type.Optional(Type.Number()),
  CostRate: Type.Optional(Type.Number()),
  CustomFields: CustomFields,
});

const writable = {
  Hours: Type.Optional(HoursValue),
  BreakTime: Type.Optional(Nullable(HoursValue)),
  StartTime: Type.Optional(Nullable(TimeOfDay)),
  EndTime: Type.Optional(Nullable(TimeOfDay)),
  Comment: Type.Optional(Nullable(Text(4000))),
  /** Admin only; ignored (with a warning) for everyone else. */
  BillingRate: Type.Optional(Nullable(RateValue)),
  CostRate: Type.Optional(Nullable(RateValue)),
  CustomFields: Type.Optional(CustomFields),
};

/** Post.TimeEntryModel_Me. Hours may be left out when StartTime and EndTime are given. */
export const TimeEntryCreateMe = Type.Object({
  Date: DateString,
  JobID: Id,
  TaskID: Id,
  ...writable,
});
export type TimeEntryCreateMe = Static<typeof TimeEntryCreateMe>;

/** Post.TimeEntryModel_Root / _Manage: UserID names whose entry it is (the caller when absent). */
export const TimeEntryCreate = Type.Object({
  ...TimeEntryCreateMe.properties,
  UserID: Type.Optional(Id),
});
export type TimeEntryCreate = Static<typeof TimeEntryCreate>;

/** Patch.TimeEntryModel_*: Date (and UserID) cannot change; sent anyway they are ignored. */
export const TimeEntryUpdate = Type.Object({
  JobID: Type.Optional(Id),
  TaskID: Type.Optional(Id),
  ...writable,
});
export type TimeEntryUpdate = Static<typeof TimeEntryUpdate>;

// ——— timers ———

const ClockTime = Type.String({
  pattern: '^([01]\\d|2[0-3]):[0-5]\\d(:[0-5]\\d)?$',
  description: 'A time of day, hh:mm:ss (24 h)',
  'x-message': 'must be a time of day in the form hh:mm:ss (24-hour)',
});
const Offset = Type.String({
  pattern: '^(Z|[+-](0\\d|1[0-4]):[0-5]\\d)$',
  description: 'UTC offset, ±hh:mm',
  'x-message': 'must be a UTC offset in the form ±hh:mm',
});

export const TimerInterval = Type.Object({
  ID: Type.String(),
  Start: Type.String(),
  End: Nullable(Type.String()),
  TimeZoneOffset: Type.String(),
});

/** ExtendedBasicTimeEntryModel (Verbose=true). */
export const TimerTimeEntry = Type.Object({
  ID: Type.String(),
  Date: Type.String(),
  Hours: Type.Number(),
  JobID: Type.String(),
  TaskID: Type.String(),
  ClientID: Type.String(),
  UserID: Type.String(),
});

/** TimerModel_Me / _Root. */
export const Timer = Type.Object({
  ID: Type.String(),
  TimeEntryID: Type.String(),
  TimeEntryDate: Type.String(),
  UserID: Type.String(),
  ElapsedSeconds: Type.Integer(),
  InitialTimeInSeconds: Type.Integer(),
  Intervals: Type.Array(TimerInterval),
  TimeEntry: Type.Optional(Nullable(TimerTimeEntry)),
  User: Type.Optional(Nullable(BasicUser)),
});
export type Timer = Static<typeof Timer>;

/** An interval in a request: an open interval (no End) is the running one, and only the last may be open. */
export const TimerIntervalInput = Type.Object({
  Start: ClockTime,
  End: Type.Optional(Nullable(ClockTime)),
  TimeZoneOffset: Type.Optional(Offset),
});
export type TimerIntervalInput = Static<typeof TimerIntervalInput>;

const Intervals = Type.Array(TimerIntervalInput, { maxItems: 1000 });

/** Post.TimerModel_Me: without Intervals the timer starts now. */
export const TimerStart = Type.Object({ Intervals: Type.Optional(Intervals) });
export type TimerStart = Static<typeof TimerStart>;

/** Put.TimerModel_Me: the intervals replace the timer's. */
export const TimerReplace = Type.Object({ Intervals });
export type TimerReplace = Static<typeof TimerReplace>;

/** Put.TimerModel_Root: the timer is named by ID or by TimeEntryID. */
export const TimerReplaceRoot = Type.Object({
  ID: Type.Optional(Id),
  TimeEntryID: Type.Optional(Id),
  UserID: Type.Optional(Id),
  Intervals,
});
export type TimerReplaceRoot = Static<typeof TimerReplaceRoot>;

// ——— summaries ———

export const TimeSummaryDaily = Type.Object({
  UserID: Type.String(),
  Date: Type.String(),
  Hours: Type.Number(),
  IsComplete: Type.Boolean(),
});
export type TimeSummaryDaily = Static<typeof TimeSummaryDaily>;

export const TimeSummaryWeekly = Type.Object({
  UserID: Type.String(),
  StartDate: Type.String(),
  EndDate: Type.String(),
  Hours: Type.Array(Type.Object({ Date: Type.String(), Hours: Type.Number() })),
  IsComplete: Type.Boolean(),
});
export type TimeSummaryWeekly = Static<typeof TimeSummaryWeekly>;

/** AutoFilledTimeEntryModel_Root. */
export const AutoFilledTimeEntry = Type.Object({
  ClientID: Type.String(),
  ClientListDisplayText: Type.String(),
  JobID: Type.String(),
  JobListDisplayText: Type.String(),
  TaskID: Type.String(),
  TaskListDisplayText: Type.String(),
  CustomFields: CustomFields,
});
export type AutoFilledTimeEntry = Static<typeof AutoFilledTimeEntry>;
