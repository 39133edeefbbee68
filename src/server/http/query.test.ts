import { describe, expect, it } from 'vitest';
import { AppError } from '../errors.js';
import { parseQueryString, QueryReader } from './query.js';
import { readPaging } from './paging.js';

const reader = (qs: string) => new QueryReader(parseQueryString(qs));

describe('query strings', () => {
  it('matches names case-insensitively and keeps repeated values', () => {
    const q = reader('jobid=a&JobID=b,c&JOBID=');
    expect(q.strings('JobID')).toEqual(['a', 'b', 'c']);
  });

  it('keeps a whole value that contains commas when asked', () => {
    expect(reader('Name=Smith%2C%20Anna').strings('Name', { keepWhole: true })).toEqual([
      'Smith, Anna',
      'Smith',
      'Anna',
    ]);
  });

  it('reads booleans, dates and integers and reports every bad one', () => {
    const q = reader('IsActive=TRUE&StartDate=2026-02-29&limit=abc');
    expect(q.bool('IsActive')).toBe(true);
    expect(q.date('StartDate')).toBeUndefined();
    expect(q.int('limit')).toBeUndefined();
    expect(() => q.done()).toThrow(AppError);
    expect(q.errors.list.map((e) => e.Field)).toEqual(['StartDate', 'limit']);
  });

  it('defaults and clamps paging', () => {
    expect(readPaging(reader(''))).toEqual({ limit: 100, offset: 0 });
    expect(readPaging(reader('limit=9999&offset=20'), 500)).toEqual({ limit: 500, offset: 20 });
    const bad = reader('limit=0');
    readPaging(bad);
    expect(bad.errors.empty).toBe(false);
  });
});
