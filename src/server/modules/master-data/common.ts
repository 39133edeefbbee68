/**
 * Helpers the client, job and task services share.
 */
import type { Deps } from '../../deps.js';
import { AppError, type FieldErrors } from '../../errors.js';
import { RATE_SCALE, toScaled } from '../../lib/decimal.js';
import { referencesTo, type ReferableKind } from './references.js';

/** `[3].Name` in a batch, `Name` otherwise. */
export const at = (prefix: string, field: string) => (prefix ? `${prefix}.${field}` : field);

/** A rate from the wire as an integer × 10^4; undefined when absent or invalid (then an error is added). */
export function scaledRate(
  value: number | null | undefined,
  field: string,
  prefix: string,
  errors: FieldErrors,
): number | null | undefined {
  if (value === undefined || value === null) return value;
  const s = toScaled(value, RATE_SCALE);
  if (!s || !s.exact) {
    errors.add(at(prefix, field), `${field} may have at most ${RATE_SCALE} decimal places.`, [
      'invalid_field',
    ]);
    return undefined;
  }
  return s.value;
}

/** Dates are YYYY-MM-DD, so text order is date order. */
export function checkDateRange(
  start: string | null,
  end: string | null,
  prefix: string,
  errors: FieldErrors,
): void {
  if (start && end && end < start)
    errors.add(at(prefix, 'EndDate'), 'EndDate must not be before StartDate.', ['invalid_field']);
}

function inUse(what: string, refs: string[]): AppError {
  const by = refs.length ? ` by ${refs.join(', ')}` : '';
  return new AppError(
    'in_use',
    `This ${what} is still referenced${by} and cannot be deleted; set IsActive to false instead.`,
  );
}

/**
 * Deletes a record when nothing refers to it (DECISIONS 19): the registered reference checks run in the
 * deleting transaction, and a foreign key that still fails the delete is reported the same way.
 */
export async function deleteIfUnreferenced(
  deps: Deps,
  companyId: string,
  kind: ReferableKind,
  id: string,
  what: string,
  remove: (tx: Deps['db']) => Promise<void>,
): Promise<void> {
  try {
    await deps.db.transaction().execute(async (tx) => {
      const refs = await referencesTo(tx, companyId, kind, id);
      if (refs.length > 0) throw inUse(what, refs);
      await remove(tx);
    });
  } catch (error) {
    if (deps.dialect.isForeignKeyViolation(error)) throw inUse(what, []);
    throw error;
  }
}

/** Warnings for fields that were ignored because the caller may not set them (API.md §5: ignore, not fail). */
export const RATE_FIELDS_IGNORED =
  'BillingRate, UseCompanyBillingRate and SecondaryBillingRateMode were ignored: they need Add/Edit Billingrates.';
