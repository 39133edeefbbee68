/**
 * Request-body validation, done in the handlers rather than by Fastify so that every route reports
 * errors the same ClickTime way: a 400 listing every invalid field (DECISIONS 4), batch items prefixed
 * with their index (`[3].Hours`), numeric strings accepted for numbers (DECISIONS 7), enum values
 * matched case-insensitively (API.md §2.2) and unknown fields ignored.
 */
import { Ajv, type ErrorObject, type ValidateFunction } from 'ajv';
import addFormatsModule, { type FormatsPlugin } from 'ajv-formats';
import type { Static, TSchema } from '@sinclair/typebox';
import { AppError, FieldErrors } from '../errors.js';

// ajv-formats is CommonJS; its default export arrives wrapped under NodeNext resolution.
const addFormats: FormatsPlugin =
  (addFormatsModule as unknown as { default?: FormatsPlugin }).default ??
  (addFormatsModule as unknown as FormatsPlugin);

const ajv = new Ajv({ allErrors: true, coerceTypes: false, strict: false, verbose: true });
addFormats(ajv, ['date', 'email', 'date-time']);
ajv.addKeyword({ keyword: 'x-message' });

const compiled = new WeakMap<TSchema, ValidateFunction>();
function validatorFor(schema: TSchema): ValidateFunction {
  let fn = compiled.get(schema);
  if (!fn) {
    fn = ajv.compile(schema);
    compiled.set(schema, fn);
  }
  return fn;
}

const NUMERIC = /^\s*-?\d+(\.\d+)?\s*$/;

function variants(schema: Record<string, unknown>): Record<string, unknown>[] {
  const anyOf = schema.anyOf as Record<string, unknown>[] | undefined;
  return anyOf ? anyOf : [schema];
}

/** Canonicalises values in place before validation: numeric strings → numbers, enum case. */
function normalise(value: unknown, schema: Record<string, unknown>): unknown {
  for (const s of variants(schema)) {
    if ((s.type === 'number' || s.type === 'integer') && typeof value === 'string' && NUMERIC.test(value)) {
      return Number(value);
    }
    if (Array.isArray(s.enum) && typeof value === 'string') {
      const hit = (s.enum as unknown[]).find(
        (e) => typeof e === 'string' && e.toLowerCase() === value.toLowerCase(),
      );
      if (hit !== undefined) return hit;
    }
    if (s.type === 'object' && value && typeof value === 'object' && !Array.isArray(value)) {
      const props = (s.properties ?? {}) as Record<string, Record<string, unknown>>;
      const record = value as Record<string, unknown>;
      for (const [key, sub] of Object.entries(props)) {
        if (key in record) record[key] = normalise(record[key], sub);
      }
      return value;
    }
    if (s.type === 'array' && Array.isArray(value) && s.items && typeof s.items === 'object') {
      return value.map((v) => normalise(v, s.items as Record<string, unknown>));
    }
  }
  return value;
}

function fieldPath(instancePath: string, extra?: string): string | null {
  const parts = instancePath.split('/').slice(1);
  if (extra !== undefined) parts.push(extra);
  let out = '';
  for (const part of parts) {
    if (/^\d+$/.test(part)) out += `[${part}]`;
    else out += out === '' ? part : `.${part}`;
  }
  return out === '' ? null : out;
}

function describe(error: ErrorObject, field: string | null): string {
  const name = field ?? 'The body';
  const custom: unknown = error.parentSchema?.['x-message'];
  const p = error.params as Record<string, unknown>;
  switch (error.keyword) {
    case 'required':
      return `${name} is required.`;
    case 'type':
      return `${name} must be ${p.type === 'integer' ? 'a whole number' : `of type ${String(p.type)}`}.`;
    case 'enum':
      return `${name} must be one of: ${(p.allowedValues as unknown[]).join(', ')}.`;
    case 'format':
    case 'pattern':
      return typeof custom === 'string' ? `${name} ${custom}.` : `${name} is not valid.`;
    case 'minLength':
      return p.limit === 1
        ? `${name} must not be empty.`
        : `${name} must be at least ${String(p.limit)} characters.`;
    case 'maxLength':
      return `${name} must be at most ${String(p.limit)} characters.`;
    case 'minimum':
    case 'exclusiveMinimum':
    case 'maximum':
    case 'exclusiveMaximum':
      return `${name} must be ${String(p.comparison)} ${String(p.limit)}.`;
    case 'minItems':
      return `${name} must have at least ${String(p.limit)} item(s).`;
    case 'maxItems':
      return `${name} must have at most ${String(p.limit)} items.`;
    default:
      return `${name} is not valid.`;
  }
}

/** Turns ajv errors into one error item per field, preferring the most specific message. */
function collect(errors: ErrorObject[], prefix: string, into: FieldErrors): void {
  const byField = new Map<string, ErrorObject>();
  for (const e of errors) {
    const extra =
      e.keyword === 'required'
        ? String((e.params as { missingProperty: string }).missingProperty)
        : undefined;
    const field = fieldPath(e.instancePath, extra) ?? '';
    const prev = byField.get(field);
    // anyOf wrappers (a nullable field) say less than the branch errors beneath them.
    if (
      !prev ||
      prev.keyword === 'anyOf' ||
      (prev.keyword === 'type' && e.keyword !== 'anyOf' && e.keyword !== 'type')
    ) {
      byField.set(field, e);
    }
  }
  for (const [field, e] of byField) {
    const full = prefix + (field && prefix ? (field.startsWith('[') ? field : `.${field}`) : field);
    const name = full === '' ? null : full;
    into.add(name, describe(e, name), [e.keyword]);
  }
}

function checkOne<T extends TSchema>(
  schema: T,
  value: unknown,
  prefix: string,
  into: FieldErrors,
): Static<T> {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    into.add(prefix || null, `${prefix || 'The body'} must be a JSON object.`, ['type']);
    return value;
  }
  const normalised = normalise(value, schema);
  const validate = validatorFor(schema);
  if (!validate(normalised)) collect(validate.errors ?? [], prefix, into);
  return normalised;
}

function requireBody(body: unknown): void {
  if (body === undefined) {
    throw new AppError('invalid_request', 'A JSON request body is required.', { field: null });
  }
}

/** Validates a single-object body. */
export function parseBody<T extends TSchema>(schema: T, body: unknown): Static<T> {
  requireBody(body);
  const errors = new FieldErrors();
  const value = checkOne(schema, body, '', errors);
  errors.throwIfAny();
  return value;
}

export const MAX_BATCH = 1000;

/** Validates a collection POST body: one object, or an array of 1 to 1000 objects (DECISIONS 8). */
export function parseBatch<T extends TSchema>(
  schema: T,
  body: unknown,
): { items: Static<T>[]; batch: boolean } {
  requireBody(body);
  if (!Array.isArray(body)) return { items: [parseBody(schema, body)], batch: false };
  if (body.length === 0 || body.length > MAX_BATCH) {
    throw new AppError('invalid_request', `A batch must hold between 1 and ${MAX_BATCH} items.`, {
      field: null,
    });
  }
  const errors = new FieldErrors();
  const items = body.map((item, i) => checkOne(schema, item, `[${i}]`, errors));
  errors.throwIfAny();
  return { items, batch: true };
}

/** Validates a body that is a JSON array (PUT association endpoints). */
export function parseArray<T extends TSchema>(schema: T, body: unknown): Static<T> {
  requireBody(body);
  const errors = new FieldErrors();
  const normalised = normalise(body, schema);
  const validate = validatorFor(schema);
  if (!validate(normalised)) collect(validate.errors ?? [], '', errors);
  errors.throwIfAny();
  return normalised;
}
