/**
 * Clients, jobs and tasks on the wire (API.md §4.6–4.8, CATALOGUE Clients/Jobs/Tasks and their Me
 * variants), the association bodies of §4.17 and the job/task control pairs.
 */
import { Type, type Static } from '@sinclair/typebox';
import { CustomFields, DateString, Enum, Id, Nullable, Text } from './common.js';

export const SecondaryBillingRateMode = Enum(['INHERIT', 'CUSTOM', 'FLAT'] as const);

const Rate = Type.Number({ minimum: 0, maximum: 1e9 });

/** BasicClientModel (embedded with Verbose=true). */
export const BasicClient = Type.Object({
  ID: Type.String(),
  Name: Type.String(),
  IsActive: Type.Boolean(),
  ListDisplayText: Type.String(),
});
export type BasicClient = Static<typeof BasicClient>;

/** MinimalUserModel (a job's ProjectManager with Verbose=true). */
export const MinimalUser = Type.Object({ ID: Type.String(), Name: Type.String(), IsActive: Type.Boolean() });

// ——— clients ———

/** ClientModel_Root / ClientModel_New; the mapper leaves out what the caller may not see. */
export const Client = Type.Object({
  ID: Type.String(),
  Name: Type.String(),
  ShortName: Type.String(),
  ClientNumber: Type.String(),
  IsActive: Type.Boolean(),
  ListDisplayText: Type.String(),
  IsEligibleTimeOffAllocation: Type.Optional(Type.Boolean()),
  Notes: Type.Optional(Type.String()),
  AccountingPackageID: Type.Optional(Type.String()),
  CreatedDate: Type.Optional(Nullable(Type.String())),
  BillingRate: Type.Optional(Nullable(Type.Number())),
  SecondaryBillingRateMode: Type.Optional(SecondaryBillingRateMode),
  CustomFields: Type.Optional(CustomFields),
});
export type Client = Static<typeof Client>;

/** ClientModel_Me. */
export const ClientMe = Type.Object({
  ID: Type.String(),
  Name: Type.String(),
  ShortName: Type.String(),
  ClientNumber: Type.String(),
  IsActive: Type.Boolean(),
  ListDisplayText: Type.String(),
});
export type ClientMe = Static<typeof ClientMe>;

const clientWritable = {
  Name: Type.Optional(Type.String({ minLength: 1, maxLength: 255 })),
  ShortName: Type.Optional(Text(100)),
  ClientNumber: Type.Optional(Text(100)),
  IsActive: Type.Optional(Type.Boolean()),
  Notes: Type.Optional(Text(4000)),
  AccountingPackageID: Type.Optional(Text()),
  IsEligibleTimeOffAllocation: Type.Optional(Type.Boolean()),
  BillingRate: Type.Optional(Nullable(Rate)),
  SecondaryBillingRateMode: Type.Optional(SecondaryBillingRateMode),
  CustomFields: Type.Optional(CustomFields),
};
export const ClientCreate = Type.Object({
  ...clientWritable,
  Name: Type.String({ minLength: 1, maxLength: 255 }),
});
export type ClientCreate = Static<typeof ClientCreate>;
export const ClientUpdate = Type.Object(clientWritable);
export type ClientUpdate = Static<typeof ClientUpdate>;

// ——— jobs ———

/** JobModel_Root / JobModel_New. */
export const Job = Type.Object({
  ID: Type.String(),
  Name: Type.String(),
  JobNumber: Type.String(),
  ClientID: Nullable(Type.String()),
  Client: Type.Optional(Nullable(BasicClient)),
  IsActive: Type.Boolean(),
  StartDate: Nullable(Type.String()),
  EndDate: Nullable(Type.String()),
  ListDisplayText: Type.String(),
  ListDisplayName: Type.String(),
  IncludeInRM: Type.Optional(Type.Boolean()),
  IsEligibleTimeOffAllocation: Type.Optional(Type.Boolean()),
  IsBillable: Type.Optional(Type.Boolean()),
  Notes: Type.Optional(Type.String()),
  AccountingPackageID: Type.Optional(Type.String()),
  ProjectManagerID: Type.Optional(Nullable(Type.String())),
  ProjectManager: Type.Optional(Nullable(MinimalUser)),
  TimeRequiresApproval: Type.Optional(Type.Boolean()),
  BillingRate: Type.Optional(Nullable(Type.Number())),
  UseCompanyBillingRate: Type.Optional(Type.Boolean()),
  SecondaryBillingRateMode: Type.Optional(SecondaryBillingRateMode),
  CustomFields: Type.Optional(CustomFields),
});
export type Job = Static<typeof Job>;

/** JobModel_Me. */
export const JobMe = Type.Object({
  ID: Type.String(),
  Name: Type.String(),
  JobNumber: Type.String(),
  ClientID: Type.String(),
  Client: Type.Optional(Nullable(BasicClient)),
  IsActive: Type.Boolean(),
  StartDate: Nullable(Type.String()),
  EndDate: Nullable(Type.String()),
  ListDisplayText: Type.String(),
  MyJobs: Type.Optional(Type.Boolean()),
});
export type JobMe = Static<typeof JobMe>;

const jobWritable = {
  Name: Type.Optional(Type.String({ minLength: 1, maxLength: 255 })),
  JobNumber: Type.Optional(Text(100)),
  ClientID: Type.Optional(Id),
  IsActive: Type.Optional(Type.Boolean()),
  StartDate: Type.Optional(Nullable(DateString)),
  EndDate: Type.Optional(Nullable(DateString)),
  Notes: Type.Optional(Text(4000)),
  AccountingPackageID: Type.Optional(Text()),
  IsBillable: Type.Optional(Type.Boolean()),
  IncludeInRM: Type.Optional(Type.Boolean()),
  IsEligibleTimeOffAllocation: Type.Optional(Type.Boolean()),
  ProjectManagerID: Type.Optional(Nullable(Id)),
  TimeRequiresApproval: Type.Optional(Type.Boolean()),
  BillingRate: Type.Optional(Nullable(Rate)),
  UseCompanyBillingRate: Type.Optional(Type.Boolean()),
  SecondaryBillingRateMode: Type.Optional(SecondaryBillingRateMode),
  CustomFields: Type.Optional(CustomFields),
};
export const JobCreate = Type.Object({
  ...jobWritable,
  Name: Type.String({ minLength: 1, maxLength: 255 }),
  ClientID: Id,
});
export type JobCreate = Static<typeof JobCreate>;
export const JobUpdate = Type.Object(jobWritable);
export type JobUpdate = Static<typeof JobUpdate>;

// ——— tasks ———

/** TaskModel_Root / TaskModel_New. */
export const Task = Type.Object({
  ID: Type.String(),
  Name: Type.String(),
  TaskCode: Type.String(),
  IsActive: Type.Boolean(),
  ListDisplayText: Type.String(),
  IsBillable: Type.Optional(Type.Boolean()),
  Notes: Type.Optional(Type.String()),
  AccountingPackageID: Type.Optional(Type.String()),
  BillingRate: Type.Optional(Nullable(Type.Number())),
  UseCompanyBillingRate: Type.Optional(Type.Boolean()),
  CustomFields: Type.Optional(CustomFields),
});
export type Task = Static<typeof Task>;

/** TaskModel_Me. */
export const TaskMe = Type.Object({
  ID: Type.String(),
  Name: Type.String(),
  TaskCode: Type.String(),
  IsActive: Type.Boolean(),
  ListDisplayText: Type.String(),
  MyTasks: Type.Optional(Type.Boolean()),
});
export type TaskMe = Static<typeof TaskMe>;

const taskWritable = {
  Name: Type.Optional(Type.String({ minLength: 1, maxLength: 255 })),
  TaskCode: Type.Optional(Text(100)),
  IsActive: Type.Optional(Type.Boolean()),
  Notes: Type.Optional(Text(4000)),
  AccountingPackageID: Type.Optional(Text()),
  IsBillable: Type.Optional(Type.Boolean()),
  BillingRate: Type.Optional(Nullable(Rate)),
  UseCompanyBillingRate: Type.Optional(Type.Boolean()),
  CustomFields: Type.Optional(CustomFields),
};
export const TaskCreate = Type.Object({
  ...taskWritable,
  Name: Type.String({ minLength: 1, maxLength: 255 }),
});
export type TaskCreate = Static<typeof TaskCreate>;
export const TaskUpdate = Type.Object(taskWritable);
export type TaskUpdate = Static<typeof TaskUpdate>;

// ——— associations (§4.17) ———

export const TaskAssociation = Type.Object({ TaskID: Id });
export const UserAssociation = Type.Object({ UserID: Id });
export const DivisionAssociation = Type.Object({ DivisionID: Id });
export const JobAvailability = Type.Object({ JobID: Id });
/** PUT bodies: the whole new set of IDs. */
export const AssociationReplace = Type.Array(Id, { maxItems: 10000 });

/** JobTaskControlModel_Root: one allowed job/task combination. */
export const JobTaskControl = Type.Object({ JobID: Type.String(), TaskID: Type.String() });
