import { Type, type Static } from '@sinclair/typebox';
import { CustomFields, DateString, Enum, Id, Instant, Nullable, Text } from './common.js';

export const SecurityLevel = Enum(['STANDARD', 'MANAGER', 'ADMIN'] as const);
export const MinimumTimePeriod = Enum(['Day', 'Week'] as const);
export const JobSelectionMethod = Enum(['DROP_DOWN_LIST', 'TYPE_AHEAD'] as const);
export const PreferredTimeEntryView = Enum(['ClassicDayView', 'DayView', 'WeekView'] as const);
export const PreferredTimeFormat = Enum(['24Hour', 'AMPM'] as const);
export const GDPRConsentStatus = Enum(['NotSubject', 'WaitingForConsent', 'Consented'] as const);
export const CostModel = Enum(['Hourly', 'Salary'] as const);

export const BasicUser = Type.Object({
  ID: Type.String(),
  Name: Type.String(),
  Email: Type.Optional(Type.String()),
  IsActive: Type.Boolean(),
});
export const BasicNamed = Type.Object({ ID: Type.String(), Name: Type.String(), IsActive: Type.Boolean() });
export const AuthToken = Type.Object({ Token: Type.String(), TokenCreationTime: Instant });
export type AuthToken = Static<typeof AuthToken>;

/** Preference and profile fields that are plain values (no relations), shared by read and write. */
const profileFields = {
  EmployeeNumber: Type.Optional(Text()),
  Notes: Type.Optional(Text(4000)),
  AccountingPackageID: Type.Optional(Text()),
  PayrollType: Type.Optional(Text()),
  Role: Type.Optional(Text()),
  RequireComments: Type.Optional(Type.Boolean()),
  RequireStartEndTime: Type.Optional(Type.Boolean()),
  RequireStopwatch: Type.Optional(Type.Boolean()),
  EnableBreakTime: Type.Optional(Type.Boolean()),
  MinimumTimeHours: Type.Optional(Type.Number({ minimum: 0, maximum: 744 })),
  MinimumTimePeriod: Type.Optional(MinimumTimePeriod),
  SkipWeekend: Type.Optional(Type.Boolean()),
  NumEntries: Type.Optional(Type.Integer({ minimum: 0, maximum: 100 })),
  JobSelectionMethod: Type.Optional(JobSelectionMethod),
  PreferredTimeEntryView: Type.Optional(PreferredTimeEntryView),
  PreferredTimeFormat: Type.Optional(PreferredTimeFormat),
  TimesheetApprovedAlert: Type.Optional(Type.Boolean()),
  ExpenseSheetApprovedAlert: Type.Optional(Type.Boolean()),
  ExpenseSheetPaidAlert: Type.Optional(Type.Boolean()),
  GDPRConsentStatus: Type.Optional(GDPRConsentStatus),
  IncludeInRM: Type.Optional(Type.Boolean()),
  AllowIncompleteTimesheetSubmission: Type.Optional(Type.Boolean()),
};
export const PROFILE_FIELDS = Object.keys(profileFields) as (keyof typeof profileFields)[];

/** Every field any user read model can carry; mappers decide which a caller sees. */
export const User = Type.Object({
  ID: Type.String(),
  Name: Type.String(),
  Email: Type.String(),
  IsActive: Type.Boolean(),
  SecurityLevel: Type.Optional(SecurityLevel),
  StartDate: Type.Optional(Nullable(Type.String())),
  EndDate: Type.Optional(Nullable(Type.String())),
  DivisionID: Type.Optional(Nullable(Type.String())),
  Division: Type.Optional(Nullable(BasicNamed)),
  EmploymentTypeID: Type.Optional(Nullable(Type.String())),
  EmploymentType: Type.Optional(Nullable(BasicNamed)),
  TimesheetApproverID: Type.Optional(Nullable(Type.String())),
  TimesheetApprover: Type.Optional(Nullable(BasicUser)),
  ExpenseApproverID: Type.Optional(Nullable(Type.String())),
  ExpenseApprover: Type.Optional(Nullable(BasicUser)),
  TimeOffApproverID: Type.Optional(Nullable(Type.String())),
  TimeOffApprover: Type.Optional(Nullable(BasicUser)),
  SubjectToTimesheetApproval: Type.Optional(Type.Boolean()),
  SubjectToExpenseApproval: Type.Optional(Type.Boolean()),
  SubjectToTimesheetCompletion: Type.Optional(Type.Boolean()),
  IsTimeApprover: Type.Optional(Type.Boolean()),
  IsExpenseApprover: Type.Optional(Type.Boolean()),
  IsTimeOffApprover: Type.Optional(Type.Boolean()),
  IsDefaultLeaveTypeApprover: Type.Optional(Type.Boolean()),
  DefaultTaskID: Type.Optional(Nullable(Type.String())),
  DefaultExpenseTypeID: Type.Optional(Nullable(Type.String())),
  DefaultPaymentTypeID: Type.Optional(Nullable(Type.String())),
  BillingRate: Type.Optional(Nullable(Type.Number())),
  UseCompanyBillingRate: Type.Optional(Type.Boolean()),
  CostRate: Type.Optional(Nullable(Type.Number())),
  CostModel: Type.Optional(CostModel),
  CostPerTimesheet: Type.Optional(Nullable(Type.Number())),
  CustomFields: Type.Optional(CustomFields),
  HomePage: Type.Optional(Type.Object({ Name: Type.String(), Url: Type.String() })),
  AuthToken: Type.Optional(AuthToken),
  ...profileFields,
});
export type User = Static<typeof User>;

const writableFields = {
  Name: Type.Optional(Type.String({ minLength: 1, maxLength: 255 })),
  Email: Type.Optional(
    Type.String({ format: 'email', maxLength: 254, 'x-message': 'must be an email address' }),
  ),
  IsActive: Type.Optional(Type.Boolean()),
  StartDate: Type.Optional(Nullable(DateString)),
  EndDate: Type.Optional(Nullable(DateString)),
  DivisionID: Type.Optional(Nullable(Id)),
  EmploymentTypeID: Type.Optional(Nullable(Id)),
  TimesheetApproverID: Type.Optional(Nullable(Id)),
  ExpenseApproverID: Type.Optional(Nullable(Id)),
  TimeOffApproverID: Type.Optional(Nullable(Id)),
  SubjectToTimesheetApproval: Type.Optional(Type.Boolean()),
  SubjectToExpenseApproval: Type.Optional(Type.Boolean()),
  SubjectToTimesheetCompletion: Type.Optional(Type.Boolean()),
  DefaultTaskID: Type.Optional(Nullable(Id)),
  DefaultExpenseTypeID: Type.Optional(Nullable(Id)),
  DefaultPaymentTypeID: Type.Optional(Nullable(Id)),
  BillingRate: Type.Optional(Nullable(Type.Number({ minimum: 0, maximum: 1e9 }))),
  UseCompanyBillingRate: Type.Optional(Type.Boolean()),
  CostRate: Type.Optional(Nullable(Type.Number({ minimum: 0, maximum: 1e9 }))),
  CostModel: Type.Optional(CostModel),
  CostPerTimesheet: Type.Optional(Nullable(Type.Number({ minimum: 0, maximum: 1e9 }))),
  CustomFields: Type.Optional(CustomFields),
  ...profileFields,
};

/** POST /Users and /Manage/Users. `Password` is a write-only Punchclock extension (DECISIONS 24). */
export const UserCreate = Type.Object({
  ...writableFields,
  Name: Type.String({ minLength: 1, maxLength: 255 }),
  Email: Type.String({ format: 'email', maxLength: 254, 'x-message': 'must be an email address' }),
  SecurityLevel: Type.Optional(SecurityLevel),
  Password: Type.Optional(
    Type.String({ description: 'Extension: the new person’s password (write-only, never returned)' }),
  ),
});
export type UserCreate = Static<typeof UserCreate>;

export const UserUpdate = Type.Object(writableFields);
export type UserUpdate = Static<typeof UserUpdate>;

/** PATCH /Me accepts only own preferences (API.md §4.1). */
export const MeUpdate = Type.Object({
  Name: writableFields.Name,
  DefaultTaskID: writableFields.DefaultTaskID,
  DefaultExpenseTypeID: writableFields.DefaultExpenseTypeID,
  DefaultPaymentTypeID: writableFields.DefaultPaymentTypeID,
  NumEntries: profileFields.NumEntries,
  JobSelectionMethod: profileFields.JobSelectionMethod,
  PreferredTimeEntryView: profileFields.PreferredTimeEntryView,
  PreferredTimeFormat: profileFields.PreferredTimeFormat,
  SkipWeekend: profileFields.SkipWeekend,
  TimesheetApprovedAlert: profileFields.TimesheetApprovedAlert,
  ExpenseSheetApprovedAlert: profileFields.ExpenseSheetApprovedAlert,
  ExpenseSheetPaidAlert: profileFields.ExpenseSheetPaidAlert,
  GDPRConsentStatus: profileFields.GDPRConsentStatus,
  IncludeInRM: profileFields.IncludeInRM,
  CostModel: writableFields.CostModel,
  CostPerTimesheet: writableFields.CostPerTimesheet,
});
export type MeUpdate = Static<typeof MeUpdate>;

export const AccessLevel = Enum(['All', 'Divisions', 'Projects'] as const);
export const Permission = Type.Object({ Name: Type.String(), AccessLevel });
export type Permission = Static<typeof Permission>;
export const PermissionName = Type.Object({ Name: Type.String() });
export const PermissionsReplace = Type.Array(
  Type.Object({ Name: Type.String({ minLength: 1 }), AccessLevel: Type.Optional(AccessLevel) }),
  { maxItems: 100 },
);
export const IdListReplace = Type.Array(Id, { maxItems: 10000 });
