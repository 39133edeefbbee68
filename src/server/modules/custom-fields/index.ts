/**
 * Custom fields (DECISIONS 11): definitions per entity type, and the validation every module applies to
 * the `CustomFields` of its records. See custom-fields.service.ts for the value rules.
 */
import type { Db } from '../../db/connect.js';
import type { FieldErrors } from '../../errors.js';
import { customFieldRules, type CustomFieldEntity } from './custom-fields.service.js';

export { customFieldRules, CustomFieldRules, type CustomFieldEntity } from './custom-fields.service.js';
export type { DefinitionRecord as CustomFieldDefinitionRecord } from './custom-fields.store.js';

/**
 * Checks `values` against the company's definitions for `entity`, adding one error per bad key to
 * `errors` (as `${field}.${definitionID}`), and returns the map to store — or undefined when `values`
 * is absent and nothing is to change. With `creating`, required definitions are enforced even when
 * `values` is absent. For many records at once, load `customFieldRules` once instead.
 */
export async function checkCustomFields(
  db: Db,
  companyId: string,
  entity: CustomFieldEntity,
  values: Record<string, unknown> | undefined,
  field: string,
  errors: FieldErrors,
  options: { creating?: boolean } = {},
): Promise<Record<string, unknown> | undefined> {
  if (values === undefined && !options.creating) return undefined;
  const rules = await customFieldRules(db, companyId, entity);
  return rules.check(values, field, errors, options);
}
