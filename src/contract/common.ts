/**
 * Wire building blocks shared by every resource: the envelope (DECISIONS 2), error items (DECISIONS 4),
 * the page object (DECISIONS 5) and field types. PascalCase field names, as ClickTime has them.
 */
import { Type, type Static, type TSchema } from '@sinclair/typebox';

export const DateString = Type.String({
  format: 'date',
  description: 'A calendar date, YYYY-MM-DD',
  'x-message': 'must be a date in the form YYYY-MM-DD',
});
export const TimeOfDay = Type.String({
  pattern: '^([01]\\d|2[0-3]):[0-5]\\d$',
  description: 'A time of day, HH:MM (24 h)',
  'x-message': 'must be a time of day in the form HH:MM (24-hour)',
});
export const Instant = Type.String({ description: 'An instant, ISO-8601 UTC' });
export const Id = Type.String({ minLength: 1, maxLength: 64, description: 'An opaque ID' });
export const Text = (maxLength = 255) => Type.String({ maxLength });
/**
 * A value or null, as OpenAPI 3.0's `nullable` (not anyOf): fast-json-stringify serialises it without a
 * validation pass per value, which matters on lists of hundreds of objects. `schema` must carry a `type`.
 */
export const Nullable = <T extends TSchema>(schema: T) =>
  Type.Unsafe<Static<T> | null>({ ...schema, nullable: true });
/** A string enum; request values are matched case-insensitively and stored canonically. */
export const Enum = <const T extends readonly string[]>(values: T, description?: string) =>
  Type.Unsafe<T[number]>({ type: 'string', enum: [...values], ...(description ? { description } : {}) });
/** Free-form map of custom-field definition ID → value (DECISIONS 11). */
export const CustomFields = Type.Record(Type.String(), Type.Unknown(), {
  description: 'Custom-field values keyed by custom-field definition ID',
});

export const ErrorItem = Type.Object({
  Field: Nullable(Type.String()),
  Message: Type.String(),
  MessageDetail: Type.Array(Type.String()),
});
export type ErrorItem = Static<typeof ErrorItem>;

export const JsonApi = Type.Object({ version: Type.String() });
export const Meta = Type.Object({}, { additionalProperties: true });

export const PageLinks = Type.Object({
  self: Type.String(),
  first: Type.String(),
  previous: Nullable(Type.String()),
  next: Nullable(Type.String()),
  last: Type.String(),
});
export const Page = Type.Object({
  count: Type.Integer({ description: 'Total number of matching records' }),
  offset: Type.Integer(),
  limit: Type.Integer({ description: 'The page size actually used' }),
  links: PageLinks,
});
export type Page = Static<typeof Page>;

/** The envelope of a single-object (or null) response. */
export const Envelope = <T extends TSchema>(data: T) =>
  Type.Object({
    data,
    errors: Type.Array(ErrorItem),
    page: Type.Null(),
    meta: Meta,
    jsonapi: JsonApi,
  });

/** The envelope of a paged list. */
export const ListEnvelope = <T extends TSchema>(item: T) =>
  Type.Object({
    data: Type.Array(item),
    errors: Type.Array(ErrorItem),
    page: Page,
    meta: Meta,
    jsonapi: JsonApi,
  });

export const ErrorEnvelope = Type.Object({
  data: Type.Null(),
  errors: Type.Array(ErrorItem),
  page: Type.Null(),
  meta: Meta,
  jsonapi: JsonApi,
});

/** A list of IDs or names (association endpoints, /Company/Permissions). */
export const StringList = Type.Array(Type.String());

export const IdParam = Type.Object({ id: Type.String() });
