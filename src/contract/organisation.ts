import { Type, type Static } from '@sinclair/typebox';
import { CustomFields, Text } from './common.js';
import { BasicUser } from './users.js';

export const Division = Type.Object({
  ID: Type.String(),
  Name: Type.String(),
  IsActive: Type.Boolean(),
  Notes: Type.Optional(Type.String()),
  AccountingPackageID: Type.Optional(Type.String()),
  CustomFields: Type.Optional(CustomFields),
});
export type Division = Static<typeof Division>;

const divisionWritable = {
  Name: Type.Optional(Type.String({ minLength: 1, maxLength: 255 })),
  IsActive: Type.Optional(Type.Boolean()),
  Notes: Type.Optional(Text(4000)),
  AccountingPackageID: Type.Optional(Text()),
  CustomFields: Type.Optional(CustomFields),
};
export const DivisionCreate = Type.Object({
  ...divisionWritable,
  Name: Type.String({ minLength: 1, maxLength: 255 }),
});
export type DivisionCreate = Static<typeof DivisionCreate>;
export const DivisionUpdate = Type.Object(divisionWritable);
export type DivisionUpdate = Static<typeof DivisionUpdate>;

export const EmploymentType = Type.Object({
  ID: Type.String(),
  Name: Type.String(),
  IsActive: Type.Boolean(),
  Notes: Type.Optional(Type.String()),
  AccountingPackageID: Type.Optional(Type.String()),
  Users: Type.Optional(Type.Array(BasicUser)),
  TimeOffTypeIDs: Type.Optional(Type.Array(Type.String())),
  HolidayTypeIDs: Type.Optional(Type.Array(Type.String())),
  AlternativeTimeOffTypeIDs: Type.Optional(Type.Array(Type.String())),
});
export type EmploymentType = Static<typeof EmploymentType>;

const employmentTypeWritable = {
  Name: Type.Optional(Type.String({ minLength: 1, maxLength: 255 })),
  IsActive: Type.Optional(Type.Boolean()),
  Notes: Type.Optional(Text(4000)),
  AccountingPackageID: Type.Optional(Text()),
};
export const EmploymentTypeCreate = Type.Object({
  ...employmentTypeWritable,
  Name: Type.String({ minLength: 1, maxLength: 255 }),
});
export type EmploymentTypeCreate = Static<typeof EmploymentTypeCreate>;
export const EmploymentTypeUpdate = Type.Object(employmentTypeWritable);
export type EmploymentTypeUpdate = Static<typeof EmploymentTypeUpdate>;
