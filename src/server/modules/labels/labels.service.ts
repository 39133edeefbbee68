/**
 * Report labels (docs/adr/0011-labels.md): a label is applied by labeling events, each naming the
 * entities of one EntityType it covers over [StartDate, EndDate] (either end open). /Reports/Time's
 * LabelID filter reads them (reports/time-report.store.ts).
 */
import {
  LABEL_ENTITY_TYPES,
  type LabelCreate,
  type LabelEntityType,
  type LabelEventCreate,
  type LabelUpdate,
} from '../../../contract/labels.js';
import type { Deps } from '../../deps.js';
import { AppError, FieldErrors, notFound } from '../../errors.js';
import type { Paging } from '../../http/paging.js';
import type { Actor } from '../../lib/permissions.js';
import { requireLabelDelete, requireLabels } from './labels.policy.js';
import {
  addEventEntities,
  deleteLabel,
  deleteLabelEvent,
  existingEntities,
  findLabel,
  findLabelEvent,
  findLabelsByName,
  insertLabel,
  insertLabelEvent,
  labelInUse,
  listLabelEvents,
  listLabels,
  saveLabel,
  type LabelEventRecord,
  type LabelFilter,
  type LabelRecord,
} from './labels.store.js';

const nameTaken = (field: string) =>
  new AppError('conflict', 'Another label already has this name.', { field });

export async function listLabelsFor(deps: Deps, actor: Actor, filter: LabelFilter, paging: Paging) {
  requireLabels(actor);
  return listLabels(deps.db, actor.companyId, filter, paging);
}

export async function getLabel(deps: Deps, actor: Actor, id: string): Promise<LabelRecord> {
  requireLabels(actor);
  const label = await findLabel(deps.db, actor.companyId, id);
  if (!label) throw notFound('label');
  return label;
}

export async function createLabels(
  deps: Deps,
  actor: Actor,
  inputs: LabelCreate[],
  batch: boolean,
): Promise<LabelRecord[]> {
  requireLabels(actor);
  const now = deps.clock().toISOString();
  const errors = new FieldErrors();
  const records: LabelRecord[] = [];
  for (const [i, input] of inputs.entries()) {
    const prefix = batch ? `[${i}].` : '';
    const name = input.Name.trim();
    if (name === '') errors.add(`${prefix}Name`, 'Name must not be empty.', ['invalid_field']);
    records.push({
      companyId: actor.companyId,
      id: deps.newId(),
      name,
      isActive: input.IsActive ?? true,
      notes: input.Notes ?? '',
      createdAt: now,
    });
  }
  errors.throwIfAny();
  const seen = new Set<string>();
  for (const [i, r] of records.entries()) {
    const key = r.name.toLowerCase();
    if (seen.has(key)) throw nameTaken(batch ? `[${i}].Name` : 'Name');
    seen.add(key);
  }
  await deps.db.transaction().execute(async (tx) => {
    const taken = await findLabelsByName(
      tx,
      actor.companyId,
      records.map((r) => r.name),
    );
    if (taken.length) {
      const names = new Set(taken.map((l) => l.name.toLowerCase()));
      const i = records.findIndex((r) => names.has(r.name.toLowerCase()));
      throw nameTaken(batch ? `[${i}].Name` : 'Name');
    }
    for (const r of records) await insertLabel(tx, r);
  });
  return records;
}

export async function updateLabel(deps: Deps, actor: Actor, id: string, input: LabelUpdate) {
  const label = await getLabel(deps, actor, id);
  if (input.Name !== undefined) {
    label.name = input.Name.trim();
    if (label.name === '') throw new AppError('invalid_field', 'Name must not be empty.', { field: 'Name' });
  }
  if (input.IsActive !== undefined) label.isActive = input.IsActive;
  if (input.Notes !== undefined) label.notes = input.Notes;
  await deps.db.transaction().execute(async (tx) => {
    const taken = await findLabelsByName(tx, actor.companyId, [label.name]);
    if (taken.some((l) => l.id !== label.id)) throw nameTaken('Name');
    await saveLabel(tx, label);
  });
  return label;
}

/** Admin only; a label that a labeling event uses is kept (409). */
export async function removeLabel(deps: Deps, actor: Actor, id: string): Promise<void> {
  requireLabelDelete(actor);
  await getLabel(deps, actor, id);
  await deps.db.transaction().execute(async (tx) => {
    if (await labelInUse(tx, actor.companyId, id)) {
      throw new AppError('in_use', 'This label is used by a label event; delete its events first.');
    }
    await deleteLabel(tx, actor.companyId, id);
  });
}

// ——— events ———

/** The entity type in its canonical spelling (given in any case), or undefined. */
export const entityTypeOf = (v: string): LabelEntityType | undefined =>
  LABEL_ENTITY_TYPES.find((t) => t.toLowerCase() === v.trim().toLowerCase());

/** "a, b,,c" → ["a","b","c"], distinct. */
export const splitIds = (v: string | undefined): string[] => [
  ...new Set(
    (v ?? '')
      .split(',')
      .map((s) => s.trim())
      .filter((s) => s !== ''),
  ),
];

async function checkEntities(
  deps: Deps,
  companyId: string,
  type: LabelEntityType,
  ids: readonly string[],
  field: string | null,
  errors: FieldErrors,
): Promise<void> {
  const found = await existingEntities(deps.db, companyId, type, ids);
  const missing = ids.filter((id) => !found.has(id));
  if (missing.length) {
    errors.add(field, `No ${type} with the ID ${missing.slice(0, 5).join(', ')} exists.`, ['invalid_field']);
  }
}

export async function listLabelEventsFor(
  deps: Deps,
  actor: Actor,
  filter: { labelIds?: string[] },
  paging: Paging,
) {
  requireLabels(actor);
  return listLabelEvents(deps.db, actor.companyId, filter, paging);
}

export async function getLabelEvent(deps: Deps, actor: Actor, id: string): Promise<LabelEventRecord> {
  requireLabels(actor);
  const event = await findLabelEvent(deps.db, actor.companyId, id);
  if (!event) throw notFound('label event');
  return event;
}

export async function createLabelEvents(
  deps: Deps,
  actor: Actor,
  inputs: LabelEventCreate[],
  batch: boolean,
): Promise<LabelEventRecord[]> {
  requireLabels(actor);
  const now = deps.clock().toISOString();
  const errors = new FieldErrors();
  const records: LabelEventRecord[] = [];
  for (const [i, input] of inputs.entries()) {
    const prefix = batch ? `[${i}].` : '';
    const label = input.LabelID === '' ? undefined : await findLabel(deps.db, actor.companyId, input.LabelID);
    if (!label) errors.add(`${prefix}LabelID`, 'No label with this ID exists.', ['invalid_field']);
    const type = entityTypeOf(input.EntityType);
    if (!type) {
      errors.add(`${prefix}EntityType`, `EntityType must be one of ${LABEL_ENTITY_TYPES.join(', ')}.`, [
        'invalid_field',
      ]);
    }
    const startDate = input.StartDate ?? null;
    const endDate = input.EndDate ?? null;
    if (startDate && endDate && startDate > endDate) {
      errors.add(`${prefix}EndDate`, 'EndDate must not be before StartDate.', ['invalid_field']);
    }
    const entityIds = splitIds(input.EntityIDs);
    if (type) await checkEntities(deps, actor.companyId, type, entityIds, `${prefix}EntityIDs`, errors);
    records.push({
      companyId: actor.companyId,
      id: deps.newId(),
      labelId: input.LabelID,
      entityType: type ?? 'TimeEntry',
      startDate,
      endDate,
      entityIds: [...entityIds].sort(),
      createdAt: now,
    });
  }
  errors.throwIfAny();
  await deps.db.transaction().execute(async (tx) => {
    for (const r of records) await insertLabelEvent(tx, r);
  });
  return records;
}

/** Adds entity IDs to an event; answers the event's full list of IDs. */
export async function addToLabelEvent(
  deps: Deps,
  actor: Actor,
  id: string,
  ids: string[],
): Promise<string[]> {
  const event = await getLabelEvent(deps, actor, id);
  const entityIds = [...new Set(ids.map((s) => s.trim()))];
  const errors = new FieldErrors();
  if (entityIds.some((s) => s === '')) errors.add(null, 'An entity ID must not be empty.', ['invalid_field']);
  else await checkEntities(deps, actor.companyId, event.entityType, entityIds, null, errors);
  errors.throwIfAny();
  await deps.db.transaction().execute(async (tx) => {
    await addEventEntities(tx, actor.companyId, event.id, entityIds);
  });
  return (await getLabelEvent(deps, actor, id)).entityIds;
}

export async function removeLabelEvent(deps: Deps, actor: Actor, id: string): Promise<void> {
  await getLabelEvent(deps, actor, id);
  await deps.db.transaction().execute(async (tx) => {
    await deleteLabelEvent(tx, actor.companyId, id);
  });
}
