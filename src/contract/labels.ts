import { Type, type Static } from '@sinclair/typebox';
import { DateString, Nullable, Text } from './common.js';

/** LabelModel_Root (CATALOGUE Labels). */
export const Label = Type.Object({
  ID: Type.String(),
  Name: Type.String(),
  IsActive: Type.Boolean(),
  Notes: Type.String(),
});
export type Label = Static<typeof Label>;

const labelWritable = {
  Name: Type.Optional(Type.String({ minLength: 1, maxLength: 255 })),
  IsActive: Type.Optional(Type.Boolean()),
  Notes: Type.Optional(Text(4000)),
};
export const LabelCreate = Type.Object({
  ...labelWritable,
  Name: Type.String({ minLength: 1, maxLength: 255 }),
});
export type LabelCreate = Static<typeof LabelCreate>;
export const LabelUpdate = Type.Object(labelWritable);
export type LabelUpdate = Static<typeof LabelUpdate>;

export const LABEL_ENTITY_TYPES = ['TimeEntry', 'Job', 'User', 'Task', 'Client'] as const;
export type LabelEntityType = (typeof LABEL_ENTITY_TYPES)[number];

/** LabelingEventModel_Root (CATALOGUE LabelEvents). */
export const LabelEvent = Type.Object({
  ID: Type.String(),
  LabelID: Type.String(),
  EntityType: Type.String({ description: `One of ${LABEL_ENTITY_TYPES.join(', ')}` }),
  EntityIDs: Type.String({ description: 'The labelled entities: IDs separated by commas' }),
  StartDate: Nullable(Type.String({ description: 'First date covered (YYYY-MM-DD); null is open' })),
  EndDate: Nullable(Type.String({ description: 'Last date covered (YYYY-MM-DD); null is open' })),
});
export type LabelEvent = Static<typeof LabelEvent>;

export const LabelEventCreate = Type.Object({
  LabelID: Type.String({ maxLength: 64 }),
  EntityType: Type.String({ maxLength: 64, description: `One of ${LABEL_ENTITY_TYPES.join(', ')}` }),
  EntityIDs: Type.Optional(Type.String({ description: 'IDs separated by commas' })),
  StartDate: Type.Optional(Nullable(DateString)),
  EndDate: Type.Optional(Nullable(DateString)),
});
export type LabelEventCreate = Static<typeof LabelEventCreate>;

/** POST /LabelEvents/{ID}: entity IDs to add. */
export const LabelEventEntityIds = Type.Array(Type.String({ minLength: 1, maxLength: 64 }), {
  maxItems: 10000,
});
