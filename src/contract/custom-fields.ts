/**
 * Custom-field definitions (API.md §4.13, DECISIONS 11; CATALOGUE CustomFieldDefinitionModel_*).
 * An entity's `CustomFields` maps a definition `ID` to a value typed by the definition's `DataType`.
 */
import { Type, type Static } from '@sinclair/typebox';
import { Enum } from './common.js';

/** Which records a definition applies to (singular names, as in `EntityType`). */
export const CUSTOM_FIELD_ENTITY_TYPES = ['Client', 'Job', 'Task', 'User', 'Division', 'TimeEntry'] as const;
export const CustomFieldEntityType = Enum(CUSTOM_FIELD_ENTITY_TYPES);

/**
 * Value types. Text: a string; Number: a JSON number (numeric strings accepted); Date: YYYY-MM-DD;
 * Checkbox: true/false; Pulldown: one of `PulldownValues`.
 */
export const CUSTOM_FIELD_DATA_TYPES = ['Text', 'Number', 'Date', 'Checkbox', 'Pulldown'] as const;
export const CustomFieldDataType = Enum(CUSTOM_FIELD_DATA_TYPES);

export const CustomFieldDefinition = Type.Object({
  ID: Type.String(),
  Name: Type.String(),
  DisplayName: Type.String(),
  EntityType: Type.String(),
  DataType: Type.String(),
  IsRequired: Type.Boolean(),
  PulldownValues: Type.Array(Type.String()),
});
export type CustomFieldDefinition = Static<typeof CustomFieldDefinition>;

const PulldownValues = Type.Array(Type.String({ minLength: 1, maxLength: 255 }), { maxItems: 500 });

export const CustomFieldDefinitionCreate = Type.Object({
  Name: Type.String({ minLength: 1, maxLength: 100 }),
  DisplayName: Type.Optional(Type.String({ maxLength: 255 })),
  EntityType: CustomFieldEntityType,
  DataType: CustomFieldDataType,
  IsRequired: Type.Optional(Type.Boolean()),
  PulldownValues: Type.Optional(PulldownValues),
});
export type CustomFieldDefinitionCreate = Static<typeof CustomFieldDefinitionCreate>;

/** PATCH: EntityType and DataType are fixed once created (the stored values depend on them). */
export const CustomFieldDefinitionUpdate = Type.Object({
  Name: Type.Optional(Type.String({ minLength: 1, maxLength: 100 })),
  DisplayName: Type.Optional(Type.String({ maxLength: 255 })),
  IsRequired: Type.Optional(Type.Boolean()),
  PulldownValues: Type.Optional(PulldownValues),
});
export type CustomFieldDefinitionUpdate = Static<typeof CustomFieldDefinitionUpdate>;
