/**
 * Query strings: names are case-insensitive (DECISIONS 1), multi-valued filters may be repeated or
 * comma-separated (DECISIONS 6), unknown names are ignored, and a known filter with a bad value is a
 * 400 that lists every bad parameter.
 */
import { AppError, FieldErrors } from '../errors.js';
import { isCalendarDate } from '../lib/dates.js';

/** Lower-cased name → every value given, in order. */
export type RawQuery = Record<string, string[]>;

/** Fastify querystringParser: keeps repeated values and folds names to lower case. */
export function parseQueryString(qs: string): RawQuery {
  const out: RawQuery = Object.create(null) as RawQuery;
  for (const [key, value] of new URLSearchParams(qs)) {
    const name = key.toLowerCase();
    (out[name] ??= []).push(value);
  }
  return out;
}

export class QueryReader {
  readonly errors = new FieldErrors();

  constructor(private readonly raw: RawQuery) {}

  private values(name: string): string[] | undefined {
    const v = this.raw[name.toLowerCase()];
    return v && v.length > 0 ? v : undefined;
  }

  has(name: string): boolean {
    return this.values(name) !== undefined;
  }

  /** The last value given, trimmed; undefined when absent or empty. */
  string(name: string): string | undefined {
    const v = this.values(name)?.at(-1)?.trim();
    return v === undefined || v === '' ? undefined : v;
  }

  /**
   * Every value of a multi-valued filter. Commas separate values; with `keepWhole` the unsplit value is
   * kept as well, so that a name such as "Smith, Anna" still matches.
   */
  strings(name: string, options: { keepWhole?: boolean } = {}): string[] | undefined {
    const vs = this.values(name);
    if (!vs) return undefined;
    const out = new Set<string>();
    for (const v of vs) {
      if (options.keepWhole && v.trim() !== '') out.add(v.trim());
      for (const part of v.split(',')) if (part.trim() !== '') out.add(part.trim());
    }
    return out.size > 0 ? [...out] : undefined;
  }

  /** A boolean filter; several values (IsActive=true,false) mean any of them. */
  bools(name: string): boolean[] | undefined {
    const vs = this.strings(name);
    if (!vs) return undefined;
    const out: boolean[] = [];
    for (const v of vs) {
      const l = v.toLowerCase();
      if (l === 'true' || l === '1') out.push(true);
      else if (l === 'false' || l === '0') out.push(false);
      else this.errors.add(name, `${name} must be true or false, not "${v}".`, ['invalid_query']);
    }
    return out;
  }

  bool(name: string): boolean | undefined {
    const vs = this.bools(name);
    return vs?.at(-1);
  }

  date(name: string): string | undefined {
    const v = this.string(name);
    if (v === undefined) return undefined;
    if (!isCalendarDate(v)) {
      this.errors.add(name, `${name} must be a date in the form YYYY-MM-DD, not "${v}".`, ['invalid_query']);
      return undefined;
    }
    return v;
  }

  dates(name: string): string[] | undefined {
    const vs = this.strings(name);
    if (!vs) return undefined;
    const bad = vs.filter((v) => !isCalendarDate(v));
    if (bad.length) this.errors.add(name, `${name} must be dates in the form YYYY-MM-DD.`, ['invalid_query']);
    return vs.filter(isCalendarDate);
  }

  /** A non-negative whole number. */
  int(name: string, options: { min?: number } = {}): number | undefined {
    const v = this.string(name);
    if (v === undefined) return undefined;
    if (!/^\d+$/.test(v)) {
      this.errors.add(name, `${name} must be a non-negative whole number, not "${v}".`, ['invalid_query']);
      return undefined;
    }
    const n = Number(v);
    if (options.min !== undefined && n < options.min) {
      this.errors.add(name, `${name} must be at least ${options.min}.`, ['invalid_query']);
      return undefined;
    }
    return n;
  }

  /** One of a fixed set of values (case-insensitive), returned in canonical spelling. */
  oneOf<T extends string>(name: string, allowed: readonly T[]): T[] | undefined {
    const vs = this.strings(name);
    if (!vs) return undefined;
    const out: T[] = [];
    for (const v of vs) {
      const hit = allowed.find((a) => a.toLowerCase() === v.toLowerCase());
      if (hit) out.push(hit);
      else this.errors.add(name, `${name} must be one of: ${allowed.join(', ')}.`, ['invalid_query']);
    }
    return out;
  }

  /** Verbose=true (DECISIONS 10). */
  get verbose(): boolean {
    return this.bool('Verbose') ?? false;
  }

  /** Throws a 400 listing every bad parameter read so far. */
  done(): void {
    if (!this.errors.empty) {
      throw new AppError('invalid_query', this.errors.list[0]!.Message, { errors: this.errors.list });
    }
  }
}
