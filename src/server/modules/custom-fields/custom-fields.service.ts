/**
 * Custom-field definitions (API.md §4.13) and the validation of custom-field values (DECISIONS 11).
 *
 * Values: an entity's `CustomFields` maps a definition ID of that entity type in the caller's company to
 * a value typed by the definition's DataType. `null` (or "") clears a value. A key that names no
 * definition is a 400; a key that names a *deleted* definition is dropped silently, so that a client can
 * send back a record it read before the definition was deleted (DECISIONS 7). Required definitions must
 * have a value in the map a write leaves behind (the map replaces the stored one), and always on create.
 */
import type {
  CustomFieldDefinitionCreate,
  CustomFieldDefinitionUpdate,
} from '../../../contract/custom-fields.js';
import type { Db } from '../../db/connect.js';
import type { Deps } from '../../deps.js';
import { AppError, FieldErrors, forbidden, notFound } from '../../errors.js';
import type { Paging } from '../../http/paging.js';
import { isCalendarDate } from '../../lib/dates.js';
import { hasPermission, isAdmin, type Actor } from '../../lib/permissions.js';
import {
  definitionsOf,
  findByNames,
  findDefinition,
  insertDefinition,
  listDefinitions,
  saveDefinition,
  type DefinitionFilter,
  type DefinitionRecord,
  type EntityType,
} from './custom-fields.store.js';

/** Entities whose callers pass CustomFields; 'Company' has no definitions, so every key is refused. */
export type CustomFieldEntity = 'User' | 'Division' | 'Client' | 'Job' | 'Task' | 'TimeEntry' | 'Company';

const MAX_TEXT = 4000;
const NUMERIC = /^\s*-?\d+(\.\d+)?\s*$/;

// ——— values ———

type Coerced = { ok: true; value: unknown } | { ok: false; message: string };

function coerce(def: DefinitionRecord, raw: unknown): Coerced {
  const label = def.displayName || def.name;
  switch (def.dataType) {
    case 'Text':
      if (typeof raw !== 'string') return { ok: false, message: `${label} must be text.` };
      if (raw.length > MAX_TEXT)
        return { ok: false, message: `${label} must be at most ${MAX_TEXT} characters.` };
      return { ok: true, value: raw };
    case 'Number': {
      const n =
        typeof raw === 'number' ? raw : typeof raw === 'string' && NUMERIC.test(raw) ? Number(raw) : NaN;
      if (!Number.isFinite(n)) return { ok: false, message: `${label} must be a number.` };
      return { ok: true, value: n };
    }
    case 'Date':
      if (typeof raw !== 'string' || !isCalendarDate(raw)) {
        return { ok: false, message: `${label} must be a date in the form YYYY-MM-DD.` };
      }
      return { ok: true, value: raw };
    case 'Checkbox':
      if (typeof raw !== 'boolean') return { ok: false, message: `${label} must be true or false.` };
      return { ok: true, value: raw };
    case 'Pulldown': {
      const hit =
        typeof raw === 'string'
          ? def.pulldownValues.find((v) => v.toLowerCase() === raw.trim().toLowerCase())
          : undefined;
      if (hit === undefined) {
        return { ok: false, message: `${label} must be one of: ${def.pulldownValues.join(', ')}.` };
      }
      return { ok: true, value: hit };
    }
  }
}

/** The custom-field rules of one entity type in one company, loaded once (e.g. for a whole batch). */
export class CustomFieldRules {
  private readonly byId: Map<string, DefinitionRecord>;

  constructor(readonly definitions: DefinitionRecord[]) {
    this.byId = new Map(definitions.map((d) => [d.id, d]));
  }

  /**
   * Validates `values` into `errors` (fields named `${field}.${definitionID}`) and returns the map to
   * store, or undefined when nothing is to change (`values` absent and not creating).
   */
  check(
    values: Record<string, unknown> | undefined,
    field: string,
    errors: FieldErrors,
    options: { creating?: boolean } = {},
  ): Record<string, unknown> | undefined {
    if (values === undefined && !options.creating) return undefined;
    const out: Record<string, unknown> = {};
    for (const [key, raw] of Object.entries(values ?? {})) {
      const def = this.byId.get(key);
      if (!def) {
        errors.add(`${field}.${key}`, `${key} is not a custom field defined for these records.`, [
          'invalid_field',
        ]);
        continue;
      }
      if (def.deletedAt !== null) continue;
      if (raw === null || raw === undefined || raw === '') continue;
      const result = coerce(def, raw);
      if (result.ok) out[key] = result.value;
      else errors.add(`${field}.${key}`, result.message, ['invalid_field']);
    }
    for (const def of this.definitions) {
      if (
        def.deletedAt === null &&
        def.isRequired &&
        !(def.id in out) &&
        !errors.list.some((e) => e.Field === `${field}.${def.id}`)
      ) {
        errors.add(`${field}.${def.id}`, `${def.displayName || def.name} is required.`, ['required']);
      }
    }
    return out;
  }
}

export async function customFieldRules(
  db: Db,
  companyId: string,
  entity: CustomFieldEntity,
): Promise<CustomFieldRules> {
  return new CustomFieldRules(entity === 'Company' ? [] : await definitionsOf(db, companyId, entity));
}

// ——— definitions ———

/** Who may read an entity type's definitions (CATALOGUE: `/{Entity}/CustomFieldDefinitions`). */
export function canReadDefinitions(actor: Actor, entity: EntityType): boolean {
  switch (entity) {
    case 'Client':
      return hasPermission(actor, 'View Clients') || hasPermission(actor, 'Add/Edit Clients');
    case 'Job':
      return (
        hasPermission(actor, 'View Jobs', { all: true }) ||
        hasPermission(actor, 'Add/Edit Jobs', { all: true })
      );
    case 'Task':
      return hasPermission(actor, 'View Tasks') || hasPermission(actor, 'Add/Edit Tasks');
    case 'User':
      return hasPermission(actor, 'View People') || hasPermission(actor, 'Add/Edit People');
    case 'Division':
      return hasPermission(actor, 'View Divisions') || hasPermission(actor, 'Add/Edit Divisions');
    case 'TimeEntry':
      return true;
  }
}

function requireAdmin(actor: Actor): void {
  if (!isAdmin(actor)) throw forbidden('Only an Admin can manage custom field definitions.');
}

export async function listDefinitionsFor(
  deps: Deps,
  actor: Actor,
  filter: DefinitionFilter,
  paging: Paging,
  entity?: EntityType,
) {
  if (entity) {
    if (!canReadDefinitions(actor, entity))
      throw forbidden(`You may not see ${entity} custom field definitions.`);
    return listDefinitions(deps.db, actor.companyId, { ...filter, entityTypes: [entity] }, paging);
  }
  requireAdmin(actor);
  return listDefinitions(deps.db, actor.companyId, filter, paging);
}

export async function getDefinition(deps: Deps, actor: Actor, id: string, entity?: EntityType) {
  if (entity) {
    if (!canReadDefinitions(actor, entity))
      throw forbidden(`You may not see ${entity} custom field definitions.`);
  } else requireAdmin(actor);
  const def = await findDefinition(deps.db, actor.companyId, id);
  if (!def || (entity && def.entityType !== entity)) throw notFound('custom field definition');
  return def;
}

function checkPulldown(def: DefinitionRecord, prefix: string, errors: FieldErrors): void {
  if (def.dataType !== 'Pulldown') {
    def.pulldownValues = [];
    return;
  }
  def.pulldownValues = def.pulldownValues.map((v) => v.trim());
  const seen = new Set<string>();
  for (const v of def.pulldownValues) {
    const key = v.toLowerCase();
    if (v === '')
      errors.add(`${prefix}PulldownValues`, 'PulldownValues must not hold empty values.', ['invalid_field']);
    else if (seen.has(key))
      errors.add(`${prefix}PulldownValues`, `PulldownValues repeats "${v}".`, ['invalid_field']);
    seen.add(key);
  }
  if (def.pulldownValues.length === 0) {
    errors.add(`${prefix}PulldownValues`, 'A Pulldown field needs at least one value in PulldownValues.', [
      'invalid_field',
    ]);
  }
}

async function refuseTakenNames(
  deps: Deps,
  items: { def: DefinitionRecord; prefix: string }[],
): Promise<void> {
  const taken = new FieldErrors();
  const byEntity = new Map<EntityType, { def: DefinitionRecord; prefix: string }[]>();
  for (const item of items)
    byEntity.set(item.def.entityType, [...(byEntity.get(item.def.entityType) ?? []), item]);
  for (const [entity, group] of byEntity) {
    const companyId = group[0]!.def.companyId;
    const existing = await findByNames(
      deps.db,
      companyId,
      entity,
      group.map((g) => g.def.name),
    );
    for (const { def, prefix } of group) {
      if (existing.some((e) => e.id !== def.id && e.name.toLowerCase() === def.name.toLowerCase())) {
        taken.add(`${prefix}Name`, `A ${entity} custom field named "${def.name}" already exists.`, [
          'conflict',
        ]);
      }
    }
  }
  taken.throwIfAny('conflict');
}

export async function createDefinitions(
  deps: Deps,
  actor: Actor,
  inputs: CustomFieldDefinitionCreate[],
  batch: boolean,
): Promise<DefinitionRecord[]> {
  requireAdmin(actor);
  const now = deps.clock().toISOString();
  const errors = new FieldErrors();
  const items: { def: DefinitionRecord; prefix: string }[] = [];
  const seen = new Map<string, string>();
  for (const [i, input] of inputs.entries()) {
    const prefix = batch ? `[${i}].` : '';
    const name = input.Name.trim();
    if (name === '') errors.add(`${prefix}Name`, 'Name must not be empty.', ['invalid_field']);
    const def: DefinitionRecord = {
      companyId: actor.companyId,
      id: deps.newId(),
      entityType: input.EntityType,
      name,
      displayName: input.DisplayName?.trim() || name,
      dataType: input.DataType,
      isRequired: input.IsRequired ?? false,
      pulldownValues: input.PulldownValues ?? [],
      createdAt: now,
      deletedAt: null,
    };
    checkPulldown(def, prefix, errors);
    const key = `${def.entityType}\u0000${name.toLowerCase()}`;
    const first = seen.get(key);
    if (first !== undefined)
      errors.add(`${prefix}Name`, `Name repeats the name of ${first}.`, ['invalid_field']);
    else seen.set(key, batch ? `item [${i}]` : 'another item');
    items.push({ def, prefix });
  }
  errors.throwIfAny();
  await refuseTakenNames(deps, items);
  try {
    await deps.db.transaction().execute(async (tx) => {
      for (const { def } of items) await insertDefinition(tx, def);
    });
  } catch (error) {
    // Another request took the name between our check and the insert.
    if (deps.dialect.isUniqueViolation(error))
      throw new AppError('conflict', 'A custom field with this name already exists.', { field: 'Name' });
    throw error;
  }
  return items.map((i) => i.def);
}

export async function updateDefinition(
  deps: Deps,
  actor: Actor,
  id: string,
  input: CustomFieldDefinitionUpdate,
) {
  const def = await getDefinition(deps, actor, id);
  const errors = new FieldErrors();
  if (input.Name !== undefined) {
    def.name = input.Name.trim();
    if (def.name === '') errors.add('Name', 'Name must not be empty.', ['invalid_field']);
  }
  if (input.DisplayName !== undefined) def.displayName = input.DisplayName.trim() || def.name;
  if (input.IsRequired !== undefined) def.isRequired = input.IsRequired;
  if (input.PulldownValues !== undefined) {
    if (def.dataType !== 'Pulldown' && input.PulldownValues.length > 0) {
      errors.add('PulldownValues', 'PulldownValues apply only to Pulldown fields.', ['invalid_field']);
    }
    def.pulldownValues = input.PulldownValues;
  }
  checkPulldown(def, '', errors);
  errors.throwIfAny();
  await refuseTakenNames(deps, [{ def, prefix: '' }]);
  try {
    await saveDefinition(deps.db, def);
  } catch (error) {
    if (deps.dialect.isUniqueViolation(error))
      throw new AppError('conflict', 'A custom field with this name already exists.', { field: 'Name' });
    throw error;
  }
  return def;
}

export async function deleteDefinition(deps: Deps, actor: Actor, id: string): Promise<void> {
  const def = await getDefinition(deps, actor, id);
  def.deletedAt = deps.clock().toISOString();
  await saveDefinition(deps.db, def);
}
