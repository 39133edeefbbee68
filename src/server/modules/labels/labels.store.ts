import type { Db } from '../../db/connect.js';
import type { Paging } from '../../http/paging.js';
import type { LabelEntityType } from '../../../contract/labels.js';

export interface LabelRecord {
  companyId: string;
  id: string;
  name: string;
  isActive: boolean;
  notes: string;
  createdAt: string;
}

export interface LabelFilter {
  ids?: string[];
  names?: string[];
  isActive?: boolean[];
}

export interface LabelEventRecord {
  companyId: string;
  id: string;
  labelId: string;
  entityType: LabelEntityType;
  startDate: string | null;
  endDate: string | null;
  /** Sorted, distinct. */
  entityIds: string[];
  createdAt: string;
}

type LabelRow = {
  company_id: string;
  id: string;
  name: string;
  is_active: number;
  notes: string;
  created_at: string;
};

const toLabel = (r: LabelRow): LabelRecord => ({
  companyId: r.company_id,
  id: r.id,
  name: r.name,
  isActive: r.is_active === 1,
  notes: r.notes,
  createdAt: r.created_at,
});

function filtered(db: Db, companyId: string, f: LabelFilter) {
  let q = db.selectFrom('labels').where('company_id', '=', companyId);
  if (f.ids) q = q.where('id', 'in', f.ids);
  if (f.names)
    q = q.where((eb) =>
      eb(
        eb.fn('lower', ['name']),
        'in',
        f.names!.map((n) => n.toLowerCase()),
      ),
    );
  if (f.isActive)
    q = q.where(
      'is_active',
      'in',
      f.isActive.map((v) => (v ? 1 : 0)),
    );
  return q;
}

export async function listLabels(db: Db, companyId: string, f: LabelFilter, paging: Paging) {
  const [rows, count] = await Promise.all([
    filtered(db, companyId, f)
      .selectAll()
      .orderBy('name')
      .orderBy('id')
      .limit(paging.limit)
      .offset(paging.offset)
      .execute(),
    filtered(db, companyId, f)
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow(),
  ]);
  return { rows: rows.map(toLabel), count: Number(count.n) };
}

export async function findLabel(db: Db, companyId: string, id: string): Promise<LabelRecord | undefined> {
  const row = await db
    .selectFrom('labels')
    .selectAll()
    .where('company_id', '=', companyId)
    .where('id', '=', id)
    .executeTakeFirst();
  return row && toLabel(row);
}

/** The labels whose name equals one of `names`, compared case-insensitively. */
export async function findLabelsByName(db: Db, companyId: string, names: readonly string[]) {
  if (names.length === 0) return [];
  const rows = await filtered(db, companyId, { names: [...names] })
    .selectAll()
    .execute();
  return rows.map(toLabel);
}

export async function insertLabel(db: Db, l: LabelRecord): Promise<void> {
  await db
    .insertInto('labels')
    .values({
      company_id: l.companyId,
      id: l.id,
      name: l.name,
      is_active: l.isActive ? 1 : 0,
      notes: l.notes,
      created_at: l.createdAt,
    })
    .execute();
}

export async function saveLabel(db: Db, l: LabelRecord): Promise<void> {
  await db
    .updateTable('labels')
    .set({ name: l.name, is_active: l.isActive ? 1 : 0, notes: l.notes })
    .where('company_id', '=', l.companyId)
    .where('id', '=', l.id)
    .execute();
}

export async function labelInUse(db: Db, companyId: string, id: string): Promise<boolean> {
  const row = await db
    .selectFrom('label_events')
    .select('id')
    .where('company_id', '=', companyId)
    .where('label_id', '=', id)
    .limit(1)
    .executeTakeFirst();
  return row !== undefined;
}

export async function deleteLabel(db: Db, companyId: string, id: string): Promise<void> {
  await db.deleteFrom('labels').where('company_id', '=', companyId).where('id', '=', id).execute();
}

// ——— events ———

type EventRow = {
  company_id: string;
  id: string;
  label_id: string;
  entity_type: LabelEntityType;
  start_date: string | null;
  end_date: string | null;
  created_at: string;
};

async function withEntities(db: Db, companyId: string, rows: EventRow[]): Promise<LabelEventRecord[]> {
  if (rows.length === 0) return [];
  const links = await db
    .selectFrom('label_event_entities')
    .select(['event_id', 'entity_id'])
    .where('company_id', '=', companyId)
    .where(
      'event_id',
      'in',
      rows.map((r) => r.id),
    )
    .orderBy('entity_id')
    .execute();
  const byEvent = new Map<string, string[]>();
  for (const l of links) {
    const list = byEvent.get(l.event_id) ?? [];
    list.push(l.entity_id);
    byEvent.set(l.event_id, list);
  }
  return rows.map((r) => ({
    companyId: r.company_id,
    id: r.id,
    labelId: r.label_id,
    entityType: r.entity_type,
    startDate: r.start_date,
    endDate: r.end_date,
    entityIds: byEvent.get(r.id) ?? [],
    createdAt: r.created_at,
  }));
}

export async function listLabelEvents(db: Db, companyId: string, f: { labelIds?: string[] }, paging: Paging) {
  const base = () => {
    let q = db.selectFrom('label_events').where('company_id', '=', companyId);
    if (f.labelIds) q = q.where('label_id', 'in', f.labelIds);
    return q;
  };
  const [rows, count] = await Promise.all([
    base().selectAll().orderBy('id').limit(paging.limit).offset(paging.offset).execute(),
    base()
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow(),
  ]);
  return { rows: await withEntities(db, companyId, rows), count: Number(count.n) };
}

export async function findLabelEvent(
  db: Db,
  companyId: string,
  id: string,
): Promise<LabelEventRecord | undefined> {
  const row = await db
    .selectFrom('label_events')
    .selectAll()
    .where('company_id', '=', companyId)
    .where('id', '=', id)
    .executeTakeFirst();
  return row ? (await withEntities(db, companyId, [row]))[0] : undefined;
}

export async function insertLabelEvent(db: Db, e: LabelEventRecord): Promise<void> {
  await db
    .insertInto('label_events')
    .values({
      company_id: e.companyId,
      id: e.id,
      label_id: e.labelId,
      entity_type: e.entityType,
      start_date: e.startDate,
      end_date: e.endDate,
      created_at: e.createdAt,
    })
    .execute();
  await addEventEntities(db, e.companyId, e.id, e.entityIds);
}

/** Adds the IDs the event does not list yet. */
export async function addEventEntities(
  db: Db,
  companyId: string,
  eventId: string,
  entityIds: readonly string[],
): Promise<void> {
  if (entityIds.length === 0) return;
  const have = await db
    .selectFrom('label_event_entities')
    .select('entity_id')
    .where('company_id', '=', companyId)
    .where('event_id', '=', eventId)
    .execute();
  const known = new Set(have.map((h) => h.entity_id));
  const fresh = [...new Set(entityIds)].filter((id) => !known.has(id));
  for (let i = 0; i < fresh.length; i += 500) {
    await db
      .insertInto('label_event_entities')
      .values(
        fresh.slice(i, i + 500).map((entity_id) => ({ company_id: companyId, event_id: eventId, entity_id })),
      )
      .execute();
  }
}

export async function deleteLabelEvent(db: Db, companyId: string, id: string): Promise<void> {
  await db
    .deleteFrom('label_event_entities')
    .where('company_id', '=', companyId)
    .where('event_id', '=', id)
    .execute();
  await db.deleteFrom('label_events').where('company_id', '=', companyId).where('id', '=', id).execute();
}

const ENTITY_TABLE = {
  TimeEntry: 'time_entries',
  Job: 'jobs',
  User: 'users',
  Task: 'tasks',
  Client: 'clients',
} as const;

/** The IDs among `ids` that name an entity of the type in the company. */
export async function existingEntities(
  db: Db,
  companyId: string,
  type: LabelEntityType,
  ids: readonly string[],
): Promise<Set<string>> {
  const found = new Set<string>();
  const unique = [...new Set(ids)];
  for (let i = 0; i < unique.length; i += 500) {
    const rows = await db
      .selectFrom(ENTITY_TABLE[type])
      .select('id')
      .where('company_id', '=', companyId)
      .where('id', 'in', unique.slice(i, i + 500))
      .execute();
    for (const r of rows) found.add(r.id);
  }
  return found;
}
