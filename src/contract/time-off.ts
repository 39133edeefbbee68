/**
 * Time off on the wire (API.md §4.11; CATALOGUE TimeOffModel_*, TimeOffTypeModel_*, FutureBalanceModel_*,
 * TimeOffTypeBalanceAdjustmentModel_Root, TimeOffTypeBalanceHistoryModel_Root, TimeOffRequestModel_*,
 * TimeOffRequest*ActionModel_*, HolidayModel_*, HolidayTypeModel_*, HolidayEntryModel_*).
 */
import { Type, type Static } from '@sinclair/typebox';
import { CustomFields, DateString, Enum, Id, Nullable, Text } from './common.js';
import { BasicUser } from './users.js';

const HoursValue = Type.Number({ minimum: 0, maximum: 24, description: 'Decimal hours' });
/** Balances, rates and maximums: decimal hours, exact to 0.0001. */
const BalanceHours = Type.Number({ minimum: -1_000_000, maximum: 1_000_000, description: 'Decimal hours' });
const RateHours = Type.Number({
  minimum: 0,
  maximum: 10_000,
  description: 'Decimal hours accrued per 30-day period',
});
const MaxHours = Type.Number({ minimum: 0, maximum: 1_000_000, description: 'Decimal hours' });

/** BasicTimeOffTypeModel (Verbose=true). */
export const BasicTimeOffType = Type.Object({
  ID: Type.String(),
  Name: Type.String(),
  IsActive: Type.Boolean(),
});

// ——— time-off entries ———

/** TimeOffModel_Me / _Root. */
export const TimeOff = Type.Object({
  ID: Type.String(),
  Date: Type.String(),
  Hours: Type.Number(),
  Notes: Type.String(),
  TimeOffTypeID: Type.String(),
  UserID: Type.String(),
  TimeOffRequestID: Nullable(Type.String()),
  TimeOffType: Type.Optional(Nullable(BasicTimeOffType)),
  User: Type.Optional(Nullable(BasicUser)),
});
export type TimeOff = Static<typeof TimeOff>;

/** TimeOffModel_New. */
export const TimeOffNew = Type.Object({
  ID: Type.String(),
  Date: Type.String(),
  Hours: Type.Number(),
  Notes: Type.String(),
  TimeOffTypeID: Nullable(Type.String()),
  UserID: Type.String(),
  TimeOffRequestID: Nullable(Type.String()),
});

/** Post.TimeOffModel_Me. The type must not require approval (use TimeOffRequests). */
export const TimeOffCreateMe = Type.Object({
  Date: DateString,
  Hours: HoursValue,
  TimeOffTypeID: Id,
  Notes: Type.Optional(Nullable(Text(4000))),
});
export type TimeOffCreateMe = Static<typeof TimeOffCreateMe>;

/** Post.TimeOffModel_Root (also /Manage/Timesheets/TimeOff): UserID defaults to the caller. */
export const TimeOffCreate = Type.Object({
  ...TimeOffCreateMe.properties,
  UserID: Type.Optional(Id),
});
export type TimeOffCreate = Static<typeof TimeOffCreate>;

/** Patch.TimeOffModel_*: Date cannot change (ignored with a warning). */
export const TimeOffUpdate = Type.Object({
  Hours: Type.Optional(HoursValue),
  Notes: Type.Optional(Nullable(Text(4000))),
  TimeOffTypeID: Type.Optional(Id),
});
export type TimeOffUpdate = Static<typeof TimeOffUpdate>;

// ——— time-off types ———

/** TimeOffTypeModel_Root; fields a caller may not see are left out. */
export const TimeOffType = Type.Object({
  ID: Type.String(),
  Name: Type.String(),
  IsActive: Type.Boolean(),
  Notes: Type.Optional(Type.String()),
  RequiresApproval: Type.Boolean(),
  DefaultAccrualRate: Type.Optional(Type.Number()),
  DefaultMaximumBalance: Type.Optional(Nullable(Type.Number())),
  DefaultStartingBalance: Type.Optional(Type.Number()),
  DefaultApproverID: Type.Optional(Nullable(Type.String())),
  DefaultApprover: Type.Optional(Nullable(BasicUser)),
  DisplayOnTimeEntryPages: Type.Optional(Type.Boolean()),
  EmploymentTypeIDs: Type.Optional(Type.Array(Type.String())),
  AccountingPackageID: Type.Optional(Type.String()),
  CustomFields: Type.Optional(CustomFields),
});
export type TimeOffType = Static<typeof TimeOffType>;

const timeOffTypeWritable = {
  Name: Type.Optional(Type.String({ minLength: 1, maxLength: 255 })),
  IsActive: Type.Optional(Type.Boolean()),
  Notes: Type.Optional(Nullable(Text(4000))),
  RequiresApproval: Type.Optional(Type.Boolean()),
  DefaultApproverID: Type.Optional(Nullable(Id)),
  DefaultAccrualRate: Type.Optional(RateHours),
  DefaultMaximumBalance: Type.Optional(Nullable(MaxHours)),
  DefaultStartingBalance: Type.Optional(BalanceHours),
  DisplayOnTimeEntryPages: Type.Optional(Type.Boolean()),
  AccountingPackageID: Type.Optional(Nullable(Text())),
  CustomFields: Type.Optional(CustomFields),
};
export const TimeOffTypeCreate = Type.Object({
  ...timeOffTypeWritable,
  Name: Type.String({ minLength: 1, maxLength: 255 }),
});
export type TimeOffTypeCreate = Static<typeof TimeOffTypeCreate>;
export const TimeOffTypeUpdate = Type.Object(timeOffTypeWritable);
export type TimeOffTypeUpdate = Static<typeof TimeOffTypeUpdate>;

/** TimeOffTypeModel_Me / _Users: a type with the person's balance. */
export const PersonTimeOffType = Type.Object({
  ID: Type.String(),
  Name: Type.String(),
  IsActive: Type.Boolean(),
  Notes: Type.String(),
  RequiresApproval: Type.Boolean(),
  CurrentBalance: Type.Number(),
  AccrualRate: Type.Optional(Type.Number()),
  AccrualStartDate: Type.Optional(Type.String()),
  MaximumBalance: Type.Optional(Nullable(Type.Number())),
  ApproverID: Type.Optional(Nullable(Type.String())),
  Approver: Type.Optional(Nullable(BasicUser)),
  DisplayOnTimeEntryPages: Type.Optional(Type.Boolean()),
  EmploymentTypeIDs: Type.Optional(Type.Array(Type.String())),
  CustomFields: Type.Optional(CustomFields),
});
export type PersonTimeOffType = Static<typeof PersonTimeOffType>;

/**
 * PATCH /Users/{id}/TimeOffTypes/{typeID} — a Punchclock extension (DECISIONS 26): a person's own
 * balance settings instead of the type's defaults. ResetToDefaults drops them (the type's apply again).
 */
export const PersonTimeOffTypeUpdate = Type.Object({
  StartingBalance: Type.Optional(BalanceHours),
  AccrualRate: Type.Optional(RateHours),
  AccrualStartDate: Type.Optional(DateString),
  MaximumBalance: Type.Optional(Nullable(MaxHours)),
  ResetToDefaults: Type.Optional(Type.Boolean()),
});
export type PersonTimeOffTypeUpdate = Static<typeof PersonTimeOffTypeUpdate>;

/** FutureBalanceModel_Me / _Manage. */
export const FutureBalance = Type.Object({
  TimeOffTypeID: Type.String(),
  Date: Type.String(),
  FutureBalance: Type.Number(),
});

/** Post.TimeOffTypeBalanceAdjustmentModel_Root. */
export const BalanceAdjustment = Type.Object({
  Action: Enum(['Set'] as const),
  Date: DateString,
  Hours: BalanceHours,
  Notes: Type.Optional(Nullable(Text(4000))),
});
export type BalanceAdjustment = Static<typeof BalanceAdjustment>;

export const BALANCE_HISTORY_ACTIONS = [
  'Accrual',
  'Accrue',
  'Add',
  'Deduct',
  'Set',
  'Delete',
  'Undelete',
] as const;

/** TimeOffTypeBalanceHistoryModel_Root. */
export const BalanceHistory = Type.Object({
  Date: Type.String(),
  Action: Enum(BALANCE_HISTORY_ACTIONS),
  HoursDifference: Type.Number(),
  Balance: Type.Number(),
  Notes: Type.String(),
  ActionByUserID: Nullable(Type.String()),
  ActionByUserName: Type.String(),
});
export type BalanceHistory = Static<typeof BalanceHistory>;

// ——— time-off requests ———

export const TIME_OFF_REQUEST_STATUSES = ['Submitted', 'Approved', 'Rejected', 'Cancelled'] as const;
export const TimeOffRequestStatus = Enum(TIME_OFF_REQUEST_STATUSES);
export type TimeOffRequestStatus = (typeof TIME_OFF_REQUEST_STATUSES)[number];

export const REQUEST_ACTIONS = ['None', 'Submit', 'Approve', 'Reject', 'Cancel'] as const;
export const RequestActionItem = Type.Object({ Action: Enum(REQUEST_ACTIONS) });

export const TimeOffRequestDate = Type.Object({ Date: Type.String(), Hours: Type.Number() });

export const TimeOffRequestHistory = Type.Object({
  Date: Type.String(),
  Status: TimeOffRequestStatus,
  ActionByUserID: Nullable(Type.String()),
  ActionByUserName: Type.String(),
  Comment: Nullable(Type.String()),
});

/** TimeOffRequestModel_Me / _Root / _Manage. */
export const TimeOffRequest = Type.Object({
  ID: Type.String(),
  TimeOffTypeID: Type.String(),
  Notes: Type.Optional(Type.String()),
  Dates: Type.Array(TimeOffRequestDate),
  Status: TimeOffRequestStatus,
  RequestedByUserID: Type.String(),
  ApprovalByUserID: Nullable(Type.String()),
  CreatedDate: Type.String(),
  Actions: Type.Array(RequestActionItem),
  TimeOffType: Type.Optional(Nullable(BasicTimeOffType)),
  RequestedByUser: Type.Optional(Nullable(BasicUser)),
  ApprovalByUser: Type.Optional(Nullable(BasicUser)),
  History: Type.Optional(Type.Array(TimeOffRequestHistory)),
});
export type TimeOffRequest = Static<typeof TimeOffRequest>;

/** TimeOffRequestModel_New. */
export const TimeOffRequestNew = Type.Object({
  TimeOffTypeID: Nullable(Type.String()),
  Notes: Type.String(),
  Dates: Type.Array(TimeOffRequestDate),
  RequestedByUserID: Type.String(),
});

/**
 * A requested day: `{Date, Hours}`, or a plain date (CTMCP) — hours then come from
 * Company.DefaultTimeOffRequestHoursPerDay for its weekday, as they do for an object without Hours.
 */
export const RequestedDay = Type.Union([
  DateString,
  Type.Object({ Date: DateString, Hours: Type.Optional(Nullable(HoursValue)) }),
]);

/** Post.TimeOffRequestModel_Me. */
export const TimeOffRequestCreateMe = Type.Object({
  TimeOffTypeID: Id,
  Notes: Type.Optional(Nullable(Text(4000))),
  Dates: Type.Array(RequestedDay, { minItems: 1, maxItems: 366 }),
});
export type TimeOffRequestCreateMe = Static<typeof TimeOffRequestCreateMe>;

/** Post.TimeOffRequestModel_Root: on behalf of RequestedByUserID. */
export const TimeOffRequestCreate = Type.Object({
  ...TimeOffRequestCreateMe.properties,
  RequestedByUserID: Id,
});
export type TimeOffRequestCreate = Static<typeof TimeOffRequestCreate>;

/** Post.TimeOffRequestMeActionModel_Me. */
export const TimeOffRequestActionMe = Type.Object({
  Action: Enum(['Cancel'] as const),
  Comment: Type.Optional(Nullable(Text(4000))),
});
export type TimeOffRequestActionMe = Static<typeof TimeOffRequestActionMe>;

/** Post.TimeOffRequestActionModel_Root / _Manage. */
export const TimeOffRequestAction = Type.Object({
  Action: Enum(['Approve', 'Reject'] as const),
  Comment: Type.Optional(Nullable(Text(4000))),
});
export type TimeOffRequestAction = Static<typeof TimeOffRequestAction>;

// ——— holidays ———

/** HolidayModel_Root. */
export const Holiday = Type.Object({
  ID: Type.String(),
  Date: Type.String(),
  HolidayTypeID: Type.String(),
  Hours: Type.Number(),
  Notes: Type.String(),
});
export type Holiday = Static<typeof Holiday>;

export const HolidayNew = Type.Object({
  ID: Type.String(),
  Date: Type.String(),
  HolidayTypeID: Nullable(Type.String()),
  Hours: Type.Number(),
  Notes: Type.String(),
});

export const HolidayCreate = Type.Object({
  Date: DateString,
  HolidayTypeID: Id,
  Hours: Type.Number({ exclusiveMinimum: 0, maximum: 24 }),
  Notes: Type.Optional(Nullable(Text(4000))),
});
export type HolidayCreate = Static<typeof HolidayCreate>;

/** Patch.HolidayModel_Root: Date and HolidayTypeID cannot change. */
export const HolidayUpdate = Type.Object({
  Hours: Type.Optional(Type.Number({ exclusiveMinimum: 0, maximum: 24 })),
  Notes: Type.Optional(Nullable(Text(4000))),
});
export type HolidayUpdate = Static<typeof HolidayUpdate>;

/** HolidayTypeModel_Root. */
export const HolidayType = Type.Object({
  ID: Type.String(),
  Name: Type.String(),
  IsActive: Type.Boolean(),
  Notes: Type.Optional(Type.String()),
  AccountingPackageID: Type.Optional(Type.String()),
  CustomFields: Type.Optional(CustomFields),
  Dates: Type.Optional(Type.Array(Holiday)),
  EmploymentTypeIDs: Type.Optional(Type.Array(Type.String())),
});
export type HolidayType = Static<typeof HolidayType>;

const holidayTypeWritable = {
  Name: Type.Optional(Type.String({ minLength: 1, maxLength: 255 })),
  IsActive: Type.Optional(Type.Boolean()),
  Notes: Type.Optional(Nullable(Text(4000))),
  AccountingPackageID: Type.Optional(Nullable(Text())),
  CustomFields: Type.Optional(CustomFields),
};
export const HolidayTypeCreate = Type.Object({
  ...holidayTypeWritable,
  Name: Type.String({ minLength: 1, maxLength: 255 }),
});
export type HolidayTypeCreate = Static<typeof HolidayTypeCreate>;
export const HolidayTypeUpdate = Type.Object(holidayTypeWritable);
export type HolidayTypeUpdate = Static<typeof HolidayTypeUpdate>;

/** HolidayEntryModel_*: a holiday's hours for one person (derived, see the holidays service). */
export const HolidayEntry = Type.Object({
  ID: Type.String(),
  Date: Type.String(),
  HolidayTypeID: Type.String(),
  Hours: Type.Number(),
  Notes: Type.String(),
  UserID: Type.String(),
  HolidayType: Type.Optional(Nullable(BasicTimeOffType)),
  User: Type.Optional(Nullable(BasicUser)),
});
export type HolidayEntry = Static<typeof HolidayEntry>;

export const HolidayEntryUpdate = Type.Object({
  Hours: Type.Optional(Type.Number({ exclusiveMinimum: 0, maximum: 24 })),
  Notes: Type.Optional(Nullable(Text(4000))),
});
export type HolidayEntryUpdate = Static<typeof HolidayEntryUpdate>;

// ——— associations ———

export const TimeOffTypeAssociation = Type.Object({ TimeOffTypeID: Id });
export const HolidayTypeAssociation = Type.Object({ HolidayTypeID: Id });
export const EmploymentTypeAssociation = Type.Object({ EmploymentTypeID: Id });
export const AssociationIds = Type.Array(Id, { maxItems: 10000 });
