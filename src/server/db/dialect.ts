/**
 * The ONLY place that branches on the SQL dialect. Everything else writes one Kysely query for both.
 */
import { sql, type ColumnDataType, type Expression, type RawBuilder } from 'kysely';

export type DialectName = 'sqlite' | 'postgres';

export interface DialectHelpers {
  readonly name: DialectName;
  /** Column type for an instant: text in SQLite, timestamptz in PostgreSQL. */
  readonly instantType: ColumnDataType;
  /** Column type for exact integers that may exceed 2^31 (money, hours × 10^4 sums). */
  readonly bigintType: ColumnDataType;
  /** Primary key column type for surrogate row numbers. */
  readonly serialType: ColumnDataType;
  /** Case-insensitive "contains" comparison. */
  ilike(column: Expression<string>, pattern: string): RawBuilder<boolean>;
  /** Whether an error is a unique-constraint violation. */
  isUniqueViolation(error: unknown): boolean;
  /** Whether an error is a foreign-key violation. */
  isForeignKeyViolation(error: unknown): boolean;
  /** Whether the database refused a value itself (out of range, bad encoding): the client's fault. */
  isBadValue(error: unknown): boolean;
}

function codeOf(error: unknown): string | undefined {
  return typeof error === 'object' && error !== null && 'code' in error ? String(error.code) : undefined;
}

export const sqliteDialect: DialectHelpers = {
  name: 'sqlite',
  instantType: 'text',
  bigintType: 'integer',
  serialType: 'integer',
  ilike: (column, pattern) => sql<boolean>`${column} like ${pattern}`,
  isUniqueViolation: (e) => /^SQLITE_CONSTRAINT_(UNIQUE|PRIMARYKEY)$/.test(codeOf(e) ?? ''),
  isForeignKeyViolation: (e) => codeOf(e) === 'SQLITE_CONSTRAINT_FOREIGNKEY',
  isBadValue: (e) => codeOf(e) === 'SQLITE_TOOBIG' || codeOf(e) === 'SQLITE_MISMATCH',
};

export const postgresDialect: DialectHelpers = {
  name: 'postgres',
  instantType: 'timestamptz',
  bigintType: 'bigint',
  serialType: 'bigserial',
  ilike: (column, pattern) => sql<boolean>`${column} ilike ${pattern}`,
  isUniqueViolation: (e) => codeOf(e) === '23505',
  isForeignKeyViolation: (e) => codeOf(e) === '23503',
  // 22xxx: data exceptions (numeric out of range, invalid text encoding, bad datetime…).
  isBadValue: (e) => /^22[0-9A-Z]{3}$/.test(codeOf(e) ?? ''),
};

export function dialectHelpers(name: DialectName): DialectHelpers {
  return name === 'sqlite' ? sqliteDialect : postgresDialect;
}
