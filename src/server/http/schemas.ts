/**
 * Route schema helpers: the OpenAPI document is generated from these (DESIGN: never written by hand).
 */
import { Type, type TSchema } from '@sinclair/typebox';
import { Envelope, ErrorEnvelope, ListEnvelope } from '../../contract/common.js';

const errors = {
  400: ErrorEnvelope,
  401: ErrorEnvelope,
  403: ErrorEnvelope,
  404: ErrorEnvelope,
  409: ErrorEnvelope,
  429: ErrorEnvelope,
};

interface Doc {
  tags: string[];
  summary: string;
  /** Query parameters, documented only (validated by QueryReader). */
  query?: Record<string, TSchema>;
  body?: TSchema;
  /** A Punchclock extension that ClickTime's v2 API does not have (DECISIONS 26). */
  extension?: boolean;
  security?: 'token' | 'token-or-basic' | 'basic' | 'none';
}

function base(doc: Doc) {
  const security: Record<string, string[]>[] =
    doc.security === 'none'
      ? []
      : doc.security === 'basic'
        ? [{ Basic: [] }]
        : doc.security === 'token-or-basic'
          ? [{ Token: [] }, { Basic: [] }]
          : [{ Token: [] }];
  return {
    tags: doc.tags,
    summary: doc.summary,
    security,
    ...(doc.query ? { querystring: Type.Object(doc.query) } : {}),
    ...(doc.body ? { body: doc.body } : {}),
    ...(doc.extension
      ? { 'x-extension': true, description: 'Punchclock extension (not in ClickTime v2).' }
      : {}),
  };
}

export const oneSchema = (doc: Doc, data: TSchema, status = 200) => ({
  ...base(doc),
  response: { [status]: Envelope(data), ...errors },
});

export const listSchema = (doc: Doc, item: TSchema) => ({
  ...base(doc),
  response: { 200: ListEnvelope(item), ...errors },
});

/** A collection POST: one object → one object; an array → an array (DECISIONS 8). */
export const createSchema = (doc: Doc, item: TSchema) => ({
  ...base(doc),
  ...(doc.body
    ? { body: Type.Union([doc.body, Type.Array(doc.body, { minItems: 1, maxItems: 1000 })]) }
    : {}),
  response: { 201: Envelope(Type.Union([item, Type.Array(item)])), ...errors },
});

export const deleteSchema = (doc: Doc) => ({
  ...base(doc),
  response: { 200: Envelope(Type.Null()), ...errors },
});

export const paging = { limit: Type.Optional(Type.Integer()), offset: Type.Optional(Type.Integer()) };
export const verbose = { Verbose: Type.Optional(Type.Boolean()) };
export const strs = () => Type.Optional(Type.Array(Type.String()));
export const bools = () => Type.Optional(Type.Array(Type.Boolean()));
