/**
 * Timesheets on the wire (API.md §4.10; CATALOGUE TimesheetModel_*, TimesheetActionModel_*,
 * ActionModelTimesheetAction_*, TimesheetHistoryModel_*, DayTotalModel). One read model carries every
 * field any scope can show; the mapper decides which a caller sees.
 */
import { Type, type Static } from '@sinclair/typebox';
import { Enum, Nullable } from './common.js';
import { BasicUser } from './users.js';

export const TIMESHEET_STATUSES = [
  'Open',
  'JobHold',
  'TORAHold',
  'Waiting',
  'Locked',
  'Approved',
  'Rejected',
] as const;
export const TimesheetStatus = Enum(TIMESHEET_STATUSES);
export type TimesheetStatus = Static<typeof TimesheetStatus>;

export const TIMESHEET_ACTIONS = [
  'None',
  'Approve',
  'JobApproval',
  'TimeOffRequestApproval',
  'UndoApproval',
  'Reject',
  'Lock',
  'Unlock',
  'Submit',
  'UndoSubmit',
  'RemoveApprovals',
] as const;
export const TimesheetAction = Enum(TIMESHEET_ACTIONS);
export type TimesheetAction = Static<typeof TimesheetAction>;

export const ActionItem = Type.Object({ Action: TimesheetAction });
export type ActionItem = Static<typeof ActionItem>;

export const DayTotal = Type.Object({ Date: Type.String(), Hours: Type.Number() });
export type DayTotal = Static<typeof DayTotal>;

export const BasicJob = Type.Object({
  ID: Type.String(),
  Name: Type.String(),
  ClientID: Type.String(),
  IsActive: Type.Boolean(),
  ListDisplayText: Type.String(),
});

export const Timesheet = Type.Object({
  ID: Type.String(),
  UserID: Type.String(),
  User: Type.Optional(Nullable(BasicUser)),
  StartDate: Type.String(),
  EndDate: Type.String(),
  Status: TimesheetStatus,
  HasBeenSubmitted: Type.Boolean(),
  SubmittedByUserID: Nullable(Type.String()),
  SubmittedBy: Type.Optional(Nullable(Type.String())),
  SubmittedDate: Type.Optional(Nullable(Type.String())),
  ApprovedByUserID: Nullable(Type.String()),
  ApprovedBy: Type.Optional(Nullable(Type.String())),
  ApprovedDate: Type.Optional(Nullable(Type.String())),
  RejectedByUserID: Nullable(Type.String()),
  RejectedBy: Type.Optional(Nullable(Type.String())),
  RejectedDate: Type.Optional(Nullable(Type.String())),
  Comment: Type.Optional(Nullable(Type.String())),
  DayTotals: Type.Optional(Type.Array(DayTotal)),
  Actions: Type.Optional(Type.Array(ActionItem)),
});
export type Timesheet = Static<typeof Timesheet>;

/** POST …/Actions (TimesheetActionModel_Me|Root|Manage). */
export const TimesheetActionBody = Type.Object({
  Action: TimesheetAction,
  Comment: Type.Optional(Nullable(Type.String({ maxLength: 4000 }))),
  HasAttestation: Type.Optional(Nullable(Type.Boolean())),
  CCNotifications: Type.Optional(Nullable(Type.Array(Type.String({ maxLength: 320 }), { maxItems: 100 }))),
  /** Punchclock extension for Action JobApproval: the job decided (docs/adr/0007-timesheet-periods.md). */
  JobID: Type.Optional(Nullable(Type.String({ maxLength: 64 }))),
  /** Punchclock extension for Action JobApproval: the decision (default Approved). */
  JobStatus: Type.Optional(Nullable(Enum(['Approved', 'Rejected'] as const))),
});
export type TimesheetActionBody = Static<typeof TimesheetActionBody>;

export const TimesheetHistory = Type.Object({
  Date: Type.String({ description: 'When the action happened (ISO-8601 UTC)' }),
  Action: Type.String(),
  ActionByUserID: Nullable(Type.String()),
  ActionByUserName: Type.String(),
  ActionByUser: Type.Optional(Nullable(BasicUser)),
  Comment: Nullable(Type.String()),
  HasAttestation: Type.Boolean(),
  JobID: Nullable(Type.String()),
  Job: Type.Optional(Nullable(BasicJob)),
  JobStatus: Nullable(Enum(['Approved', 'Rejected'] as const)),
});
export type TimesheetHistory = Static<typeof TimesheetHistory>;
