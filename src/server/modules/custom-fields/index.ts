/**
 * Custom-field values (DECISIONS 11). Until custom-field definitions exist for an entity, no key can
 * name one, so every key is refused rather than stored unvalidated.
 */
import type { Db } from '../../db/connect.js';
import type { FieldErrors } from '../../errors.js';

export type CustomFieldEntity = 'User' | 'Division' | 'Client' | 'Job' | 'Task' | 'TimeEntry' | 'Company';

export async function checkCustomFields(
  _db: Db,
  _companyId: string,
  _entity: CustomFieldEntity,
  values: Record<string, unknown> | undefined,
  field: string,
  errors: FieldErrors,
): Promise<Record<string, unknown> | undefined> {
  if (values === undefined) return undefined;
  for (const key of Object.keys(values)) {
    errors.add(`${field}.${key}`, `${key} is not a custom field defined for this company.`, [
      'invalid_field',
    ]);
  }
  return {};
}
