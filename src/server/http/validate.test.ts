import { Type } from '@sinclair/typebox';
import { describe, expect, it } from 'vitest';
import { AppError } from '../errors.js';
import { parseBatch, parseBody } from './validate.js';
import { DateString, Enum, Nullable } from '../../contract/common.js';

const Schema = Type.Object({
  Hours: Type.Number({ minimum: 0 }),
  Date: DateString,
  Kind: Type.Optional(Enum(['Alpha', 'Beta'] as const)),
  Note: Type.Optional(Nullable(Type.String({ maxLength: 3 }))),
});

function errorsOf(fn: () => unknown) {
  try {
    fn();
  } catch (e) {
    if (e instanceof AppError) return e.errors;
    throw e;
  }
  throw new Error('expected an AppError');
}

describe('body validation', () => {
  it('accepts numeric strings and enum values in any case, and keeps unknown fields out of the way', () => {
    const v = parseBody(Schema, { Hours: '7.5', Date: '2026-07-28', Kind: 'beta', Extra: true });
    expect(v).toMatchObject({ Hours: 7.5, Kind: 'Beta' });
  });

  it('lists every invalid field once, with a readable message', () => {
    const errors = errorsOf(() => parseBody(Schema, { Hours: 'x', Date: '2026-13-01', Note: 'long' }));
    expect(errors.map((e) => e.Field).sort()).toEqual(['Date', 'Hours', 'Note']);
    expect(errors.find((e) => e.Field === 'Date')!.Message).toBe(
      'Date must be a date in the form YYYY-MM-DD.',
    );
  });

  it('names batch items by index and treats the array as all-or-nothing', () => {
    const errors = errorsOf(() =>
      parseBatch(Schema, [{ Hours: 1, Date: '2026-01-01' }, { Date: '2026-01-01' }]),
    );
    expect(errors).toEqual([
      { Field: '[1].Hours', Message: '[1].Hours is required.', MessageDetail: ['required'] },
    ]);
    expect(parseBatch(Schema, { Hours: 1, Date: '2026-01-01' }).batch).toBe(false);
    expect(() => parseBatch(Schema, [])).toThrow(AppError);
  });

  it('requires a body', () => {
    expect(() => parseBody(Schema, undefined)).toThrow(/required/);
  });
});
