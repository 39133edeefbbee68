import { Type, type Static } from '@sinclair/typebox';
import { CustomFields, DateString, Enum, Nullable, Text } from './common.js';

export const TimesheetModel = Enum(['monthly', 'semimonthly', 'biweekly', 'weekly', 'custom'] as const);
export const WeekDay = Enum([
  'Sunday',
  'Monday',
  'Tuesday',
  'Wednesday',
  'Thursday',
  'Friday',
  'Saturday',
] as const);
export const JobRestrictionMethod = Enum(['none', 'myjobs', 'bydivision', 'byperson'] as const);
export const TaskRestrictionMethod = Enum(['byjob', 'mytasks'] as const);
export const TimeOffTypeRestrictionMethod = Enum(['none', 'employment type'] as const);
export const BillableSetting = Enum(['Job', 'Task'] as const);
export const BillingRateModel = Enum([
  'JOB',
  'USER',
  'TASK',
  'TASK_JOB',
  'TASK_USER',
  'USER_CLIENT',
  'USER_JOB',
] as const);
export const EstimationModel = Enum([
  'JOB_PERSON_MONTH',
  'JOB_MONTH',
  'JOB',
  'JOB_PERSON',
  'FORECASTING',
  'JOB_TASK',
] as const);
export const MileageUnit = Enum(['mi', 'km'] as const);
export const CurrencyFormat = Enum(['Symbol', 'ISO'] as const);
export const GDPRComplianceMethod = Enum(['None', 'ByCompany', 'ByUser'] as const);

export const OptionalModules = Type.Object(
  {
    TimesheetApprovals: Type.Optional(Type.Boolean()),
    TimeOffManagement: Type.Optional(Type.Boolean()),
    Expenses: Type.Optional(Type.Boolean()),
  },
  { additionalProperties: Type.Boolean() },
);

export const DefaultTimeOffRequestHours = Type.Object({
  Sunday: Type.Optional(Type.Number({ minimum: 0, maximum: 24 })),
  Monday: Type.Optional(Type.Number({ minimum: 0, maximum: 24 })),
  Tuesday: Type.Optional(Type.Number({ minimum: 0, maximum: 24 })),
  Wednesday: Type.Optional(Type.Number({ minimum: 0, maximum: 24 })),
  Thursday: Type.Optional(Type.Number({ minimum: 0, maximum: 24 })),
  Friday: Type.Optional(Type.Number({ minimum: 0, maximum: 24 })),
  Saturday: Type.Optional(Type.Number({ minimum: 0, maximum: 24 })),
});

const term = () => Type.Optional(Type.String({ minLength: 1, maxLength: 50 }));

/** Settings fields that the company may change (ClickTime's PATCH fields and our extensions). */
const settingsWritable = {
  AttestationStatement: Type.Optional(Text(4000)),
  ClientTermSingular: term(),
  ClientTermPlural: term(),
  JobTermSingular: term(),
  JobTermPlural: term(),
  TaskTermSingular: term(),
  TaskTermPlural: term(),
  DivisionTermSingular: term(),
  DivisionTermPlural: term(),
  PhaseTermSingular: term(),
  PhaseTermPlural: term(),
  SubPhaseTermSingular: term(),
  SubPhaseTermPlural: term(),
  CurrencyFormat: Type.Optional(CurrencyFormat),
  CurrencyISO: Type.Optional(
    Type.String({ pattern: '^[A-Za-z]{3}$', 'x-message': 'must be an ISO-4217 code' }),
  ),
  DefaultTimeOffRequestHoursPerDay: Type.Optional(DefaultTimeOffRequestHours),
  HasNonAllocatedJobs: Type.Optional(Type.Boolean()),
  LockDate: Type.Optional(Nullable(DateString)),
  SetupWizardComplete: Type.Optional(Type.Boolean()),
  // Extensions (DECISIONS 26): ClickTime sets these in its web app; Punchclock also takes them over the API.
  TimesheetModel: Type.Optional(TimesheetModel),
  TimesheetModelCustomNumberOfDays: Type.Optional(Nullable(Type.Integer({ minimum: 1, maximum: 366 }))),
  WeekStartsOn: Type.Optional(WeekDay),
  MinTimeIncrement: Type.Optional(Type.Number({ exclusiveMinimum: 0, maximum: 24 })),
  PrecisionForHoursValues: Type.Optional(Type.Integer({ minimum: 0, maximum: 4 })),
  AllowZeroHourTimeEntries: Type.Optional(Type.Boolean()),
  AllowWorkedTimeEntryInFuture: Type.Optional(Type.Boolean()),
  AllowManagerUnapproval: Type.Optional(Type.Boolean()),
  EnableProjectApprovals: Type.Optional(Type.Boolean()),
  JobRestrictionMethod: Type.Optional(JobRestrictionMethod),
  TaskRestrictionMethod: Type.Optional(TaskRestrictionMethod),
  TimeOffTypeRestrictionMethod: Type.Optional(TimeOffTypeRestrictionMethod),
  BillableSetting: Type.Optional(BillableSetting),
  BillingRateModel: Type.Optional(BillingRateModel),
  DefaultBillingRate: Type.Optional(Type.Number({ minimum: 0, maximum: 1e9 })),
  EstimationModel: Type.Optional(EstimationModel),
  EnableProjectEstimationFeatures: Type.Optional(Type.Boolean()),
  EnableTimeBillingFeatures: Type.Optional(Type.Boolean()),
  MileageUnit: Type.Optional(MileageUnit),
  CurrencyName: Type.Optional(Text(50)),
  CurrencySymbol: Type.Optional(Text(8)),
  DateSetting: Type.Optional(Text(20)),
  GDPRComplianceMethod: Type.Optional(GDPRComplianceMethod),
  DisplayClientSelector: Type.Optional(Type.Boolean()),
  DisplayTaskSelector: Type.Optional(Type.Boolean()),
  AccountingApplication: Type.Optional(Text()),
  PayrollApplication: Type.Optional(Text()),
  CheckingAccountName: Type.Optional(Text()),
  UserIDNotifiedOfExpenseSheetsWaitingForPayment: Type.Optional(Nullable(Type.String())),
  OptionalModules: Type.Optional(OptionalModules),
  CustomFields: Type.Optional(CustomFields),
};

/** Fields ClickTime's own PATCH /Company takes; the rest of CompanyUpdate is a Punchclock extension. */
export const CLICKTIME_COMPANY_PATCH_FIELDS = [
  'AttestationStatement',
  'ClientTermPlural',
  'ClientTermSingular',
  'CurrencyFormat',
  'CurrencyISO',
  'DefaultTimeOffRequestHoursPerDay',
  'DivisionTermPlural',
  'DivisionTermSingular',
  'HasNonAllocatedJobs',
  'JobTermPlural',
  'JobTermSingular',
  'LockDate',
  'PhaseTermPlural',
  'PhaseTermSingular',
  'SetupWizardComplete',
  'SubPhaseTermPlural',
  'SubPhaseTermSingular',
  'TaskTermPlural',
  'TaskTermSingular',
] as const;

export const CompanyUpdate = Type.Object({
  Name: Type.Optional(Type.String({ minLength: 1, maxLength: 255 })),
  ...settingsWritable,
});
export type CompanyUpdate = Static<typeof CompanyUpdate>;

export const CompanySettings = Type.Object({
  ...settingsWritable,
  IsTestCompany: Type.Optional(Type.Boolean()),
  DCAALogEnabled: Type.Optional(Type.Boolean()),
  AuditLoggingEnabled: Type.Optional(Type.Boolean()),
  PhasesEnabled: Type.Optional(Type.Boolean()),
  SubPhasesEnabled: Type.Optional(Type.Boolean()),
});
export type CompanySettings = Static<typeof CompanySettings>;

export const Company = Type.Object({
  ID: Type.String(),
  Name: Type.String(),
  IsActive: Type.Boolean(),
  StartDate: Type.String(),
  AccountNumber: Type.String(),
  ...CompanySettings.properties,
});
export type Company = Static<typeof Company>;
