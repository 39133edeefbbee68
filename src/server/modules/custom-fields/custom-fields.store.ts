import type { Selectable } from 'kysely';
import type { Db } from '../../db/connect.js';
import type { CustomFieldDefinitionsTable } from '../../db/schema.js';
import type { Paging } from '../../http/paging.js';

export type EntityType = CustomFieldDefinitionsTable['entity_type'];
export type DataType = CustomFieldDefinitionsTable['data_type'];

export interface DefinitionRecord {
  companyId: string;
  id: string;
  entityType: EntityType;
  name: string;
  displayName: string;
  dataType: DataType;
  isRequired: boolean;
  pulldownValues: string[];
  createdAt: string;
  /** Set once deleted; deleted definitions are kept so that their stale values can be recognised. */
  deletedAt: string | null;
}

export interface DefinitionFilter {
  ids?: string[];
  entityTypes?: EntityType[];
  dataTypes?: DataType[];
  isRequired?: boolean[];
}

const toRecord = (r: Selectable<CustomFieldDefinitionsTable>): DefinitionRecord => ({
  companyId: r.company_id,
  id: r.id,
  entityType: r.entity_type,
  name: r.name,
  displayName: r.display_name,
  dataType: r.data_type,
  isRequired: r.is_required === 1,
  pulldownValues: JSON.parse(r.pulldown_values) as string[],
  createdAt: r.created_at,
  deletedAt: r.deleted_at,
});

function live(db: Db, companyId: string) {
  return db
    .selectFrom('custom_field_definitions')
    .where('company_id', '=', companyId)
    .where('deleted_at', 'is', null);
}

function filtered(db: Db, companyId: string, f: DefinitionFilter) {
  let q = live(db, companyId);
  if (f.ids) q = q.where('id', 'in', f.ids);
  if (f.entityTypes) q = q.where('entity_type', 'in', f.entityTypes);
  if (f.dataTypes) q = q.where('data_type', 'in', f.dataTypes);
  if (f.isRequired)
    q = q.where(
      'is_required',
      'in',
      f.isRequired.map((v) => (v ? 1 : 0)),
    );
  return q;
}

/** Live definitions, ordered by EntityType, DisplayName, ID (CATALOGUE default order). */
export async function listDefinitions(db: Db, companyId: string, f: DefinitionFilter, paging: Paging) {
  const [rows, count] = await Promise.all([
    filtered(db, companyId, f)
      .selectAll()
      .orderBy('entity_type')
      .orderBy('display_name')
      .orderBy('id')
      .limit(paging.limit)
      .offset(paging.offset)
      .execute(),
    filtered(db, companyId, f)
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow(),
  ]);
  return { rows: rows.map(toRecord), count: Number(count.n) };
}

export async function findDefinition(
  db: Db,
  companyId: string,
  id: string,
): Promise<DefinitionRecord | undefined> {
  const row = await live(db, companyId).selectAll().where('id', '=', id).executeTakeFirst();
  return row && toRecord(row);
}

/** Every definition of an entity type, deleted ones included (to validate values). */
export async function definitionsOf(
  db: Db,
  companyId: string,
  entityType: EntityType,
): Promise<DefinitionRecord[]> {
  const rows = await db
    .selectFrom('custom_field_definitions')
    .selectAll()
    .where('company_id', '=', companyId)
    .where('entity_type', '=', entityType)
    .orderBy('display_name')
    .orderBy('id')
    .execute();
  return rows.map(toRecord);
}

/** Live definitions of an entity type whose Name matches case-insensitively. */
export async function findByNames(
  db: Db,
  companyId: string,
  entityType: EntityType,
  names: string[],
): Promise<DefinitionRecord[]> {
  if (names.length === 0) return [];
  const rows = await live(db, companyId)
    .selectAll()
    .where('entity_type', '=', entityType)
    .where((eb) =>
      eb(
        eb.fn('lower', ['name']),
        'in',
        names.map((n) => n.toLowerCase()),
      ),
    )
    .execute();
  return rows.map(toRecord);
}

export async function insertDefinition(db: Db, d: DefinitionRecord): Promise<void> {
  await db
    .insertInto('custom_field_definitions')
    .values({
      company_id: d.companyId,
      id: d.id,
      entity_type: d.entityType,
      name: d.name,
      display_name: d.displayName,
      data_type: d.dataType,
      is_required: d.isRequired ? 1 : 0,
      pulldown_values: JSON.stringify(d.pulldownValues),
      created_at: d.createdAt,
      deleted_at: d.deletedAt,
    })
    .execute();
}

export async function saveDefinition(db: Db, d: DefinitionRecord): Promise<void> {
  await db
    .updateTable('custom_field_definitions')
    .set({
      name: d.name,
      display_name: d.displayName,
      is_required: d.isRequired ? 1 : 0,
      pulldown_values: JSON.stringify(d.pulldownValues),
      deleted_at: d.deletedAt,
    })
    .where('company_id', '=', d.companyId)
    .where('id', '=', d.id)
    .execute();
}
