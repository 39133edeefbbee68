/**
 * Leave types, a person's balance settings and balance adjustments (docs/adr/0008-time-off-balances.md).
 */
import { sql, type Selectable } from 'kysely';
import type { Db } from '../../db/connect.js';
import type { DialectName } from '../../db/dialect.js';
import type { TimeOffTypesTable } from '../../db/schema.js';
import type { Paging } from '../../http/paging.js';

export interface TimeOffTypeRecord {
  companyId: string;
  id: string;
  name: string;
  isActive: boolean;
  notes: string;
  requiresApproval: boolean;
  defaultApproverId: string | null;
  /** × 10^4 per 30 days */
  defaultAccrualRate: number;
  /** × 10^4; null: no maximum */
  defaultMaximumBalance: number | null;
  /** × 10^4 */
  defaultStartingBalance: number;
  displayOnTimeEntryPages: boolean;
  accountingPackageId: string;
  customFields: Record<string, unknown>;
  createdAt: string;
  updatedAt: string;
}

export interface TypeFilter {
  ids?: string[];
  names?: string[];
  isActive?: boolean[];
  requiresApproval?: boolean[];
  defaultApproverIds?: string[];
  /** Only these (the employment-type restriction); undefined means every type. */
  allowedIds?: readonly string[];
}

const b = (v: boolean): 0 | 1 => (v ? 1 : 0);
const num = (v: number | string | null): number | null => (v === null ? null : Number(v));

function toRecord(r: Selectable<TimeOffTypesTable>): TimeOffTypeRecord {
  return {
    companyId: r.company_id,
    id: r.id,
    name: r.name,
    isActive: r.is_active === 1,
    notes: r.notes,
    requiresApproval: r.requires_approval === 1,
    defaultApproverId: r.default_approver_id,
    defaultAccrualRate: Number(r.default_accrual_rate),
    defaultMaximumBalance: num(r.default_maximum_balance),
    defaultStartingBalance: Number(r.default_starting_balance),
    displayOnTimeEntryPages: r.display_on_time_entry_pages === 1,
    accountingPackageId: r.accounting_package_id,
    customFields: JSON.parse(r.custom_fields) as Record<string, unknown>,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  };
}

function toRow(t: TimeOffTypeRecord): Selectable<TimeOffTypesTable> {
  return {
    company_id: t.companyId,
    id: t.id,
    name: t.name,
    is_active: b(t.isActive),
    notes: t.notes,
    requires_approval: b(t.requiresApproval),
    default_approver_id: t.defaultApproverId,
    default_accrual_rate: t.defaultAccrualRate,
    default_maximum_balance: t.defaultMaximumBalance,
    default_starting_balance: t.defaultStartingBalance,
    display_on_time_entry_pages: b(t.displayOnTimeEntryPages),
    accounting_package_id: t.accountingPackageId,
    custom_fields: JSON.stringify(t.customFields),
    created_at: t.createdAt,
    updated_at: t.updatedAt,
  };
}

function filtered(db: Db, companyId: string, f: TypeFilter) {
  let q = db.selectFrom('time_off_types').where('company_id', '=', companyId);
  if (f.ids) q = q.where('id', 'in', f.ids.length ? f.ids : ['']);
  if (f.names) {
    const names = f.names.map((n) => n.toLowerCase());
    q = q.where((eb) => eb(eb.fn('lower', ['name']), 'in', names));
  }
  if (f.isActive) q = q.where('is_active', 'in', f.isActive.map(b));
  if (f.requiresApproval) q = q.where('requires_approval', 'in', f.requiresApproval.map(b));
  if (f.defaultApproverIds)
    q = q.where('default_approver_id', 'in', f.defaultApproverIds.length ? f.defaultApproverIds : ['']);
  if (f.allowedIds) q = q.where('id', 'in', f.allowedIds.length ? [...f.allowedIds] : ['']);
  return q;
}

/** A page in the default order (Name, then ID). */
export async function listTypes(db: Db, companyId: string, f: TypeFilter, paging: Paging) {
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
  return { rows: rows.map(toRecord), count: Number(count.n) };
}

export async function findType(
  db: Db,
  companyId: string,
  id: string,
): Promise<TimeOffTypeRecord | undefined> {
  const row = await db
    .selectFrom('time_off_types')
    .selectAll()
    .where('company_id', '=', companyId)
    .where('id', '=', id)
    .executeTakeFirst();
  return row && toRecord(row);
}

export async function findTypes(
  db: Db,
  companyId: string,
  ids: readonly string[],
): Promise<TimeOffTypeRecord[]> {
  if (ids.length === 0) return [];
  const rows = await db
    .selectFrom('time_off_types')
    .selectAll()
    .where('company_id', '=', companyId)
    .where('id', 'in', [...new Set(ids)])
    .execute();
  return rows.map(toRecord);
}

/** The type row locked for the rest of the transaction (FOR UPDATE on PostgreSQL). */
export async function lockType(
  tx: Db,
  dialect: DialectName,
  companyId: string,
  id: string,
): Promise<TimeOffTypeRecord | undefined> {
  const q = tx
    .selectFrom('time_off_types')
    .selectAll()
    .where('company_id', '=', companyId)
    .where('id', '=', id);
  const row = await (dialect === 'postgres' ? q.forUpdate() : q).executeTakeFirst();
  return row && toRecord(row);
}

export async function insertType(db: Db, t: TimeOffTypeRecord): Promise<void> {
  await db.insertInto('time_off_types').values(toRow(t)).execute();
}

export async function saveType(db: Db, t: TimeOffTypeRecord): Promise<void> {
  const { company_id, id, created_at, ...rest } = toRow(t);
  void created_at;
  await db
    .updateTable('time_off_types')
    .set(rest)
    .where('company_id', '=', company_id)
    .where('id', '=', id)
    .execute();
}

// ——— a person's balance settings ———

export interface PersonSettingsRecord {
  userId: string;
  typeId: string;
  startingBalance: number;
  accrualRate: number;
  accrualStartDate: string;
  maximumBalance: number | null;
}

export async function personSettings(
  db: Db,
  companyId: string,
  userId: string,
  typeIds: readonly string[],
): Promise<Map<string, PersonSettingsRecord>> {
  const out = new Map<string, PersonSettingsRecord>();
  if (typeIds.length === 0) return out;
  const rows = await db
    .selectFrom('user_time_off_types')
    .selectAll()
    .where('company_id', '=', companyId)
    .where('user_id', '=', userId)
    .where('time_off_type_id', 'in', [...new Set(typeIds)])
    .execute();
  for (const r of rows) {
    out.set(r.time_off_type_id, {
      userId: r.user_id,
      typeId: r.time_off_type_id,
      startingBalance: Number(r.starting_balance),
      accrualRate: Number(r.accrual_rate),
      accrualStartDate: r.accrual_start_date,
      maximumBalance: num(r.maximum_balance),
    });
  }
  return out;
}

export async function savePersonSettings(
  db: Db,
  companyId: string,
  s: PersonSettingsRecord,
  now: string,
): Promise<void> {
  await db
    .deleteFrom('user_time_off_types')
    .where('company_id', '=', companyId)
    .where('user_id', '=', s.userId)
    .where('time_off_type_id', '=', s.typeId)
    .execute();
  await db
    .insertInto('user_time_off_types')
    .values({
      company_id: companyId,
      user_id: s.userId,
      time_off_type_id: s.typeId,
      starting_balance: s.startingBalance,
      accrual_rate: s.accrualRate,
      accrual_start_date: s.accrualStartDate,
      maximum_balance: s.maximumBalance,
      updated_at: now,
    })
    .execute();
}

export async function deletePersonSettings(db: Db, companyId: string, userId: string, typeId: string) {
  await db
    .deleteFrom('user_time_off_types')
    .where('company_id', '=', companyId)
    .where('user_id', '=', userId)
    .where('time_off_type_id', '=', typeId)
    .execute();
}

// ——— balance adjustments ———

export interface AdjustmentRecord {
  userId: string;
  typeId: string;
  seq: number;
  action: 'Set';
  date: string;
  /** × 10^4 */
  hours: number;
  notes: string;
  actionByUserId: string | null;
  actionByUserName: string;
  createdAt: string;
}

export async function adjustmentsOf(
  db: Db,
  companyId: string,
  userId: string,
  typeIds: readonly string[],
): Promise<AdjustmentRecord[]> {
  if (typeIds.length === 0) return [];
  const rows = await db
    .selectFrom('time_off_balance_adjustments')
    .selectAll()
    .where('company_id', '=', companyId)
    .where('user_id', '=', userId)
    .where('time_off_type_id', 'in', [...new Set(typeIds)])
    .orderBy('seq')
    .execute();
  return rows.map((r) => ({
    userId: r.user_id,
    typeId: r.time_off_type_id,
    seq: Number(r.seq),
    action: r.action,
    date: r.date,
    hours: Number(r.hours),
    notes: r.notes,
    actionByUserId: r.action_by_user_id,
    actionByUserName: r.action_by_user_name,
    createdAt: r.created_at,
  }));
}

/** Appends an adjustment with the next sequence number of its person and type. */
export async function insertAdjustment(
  db: Db,
  companyId: string,
  a: Omit<AdjustmentRecord, 'seq'>,
): Promise<AdjustmentRecord> {
  const last = await db
    .selectFrom('time_off_balance_adjustments')
    .select((eb) => eb.fn.max('seq').as('n'))
    .where('company_id', '=', companyId)
    .where('user_id', '=', a.userId)
    .where('time_off_type_id', '=', a.typeId)
    .executeTakeFirst();
  const seq = Number(last?.n ?? 0) + 1;
  await db
    .insertInto('time_off_balance_adjustments')
    .values({
      company_id: companyId,
      user_id: a.userId,
      time_off_type_id: a.typeId,
      seq,
      action: a.action,
      date: a.date,
      hours: a.hours,
      notes: a.notes,
      action_by_user_id: a.actionByUserId,
      action_by_user_name: a.actionByUserName,
      created_at: a.createdAt,
    })
    .execute();
  return { ...a, seq };
}

/** Serialises balance writes of one person (PostgreSQL advisory lock; SQLite writes are serial already). */
export async function lockBalances(tx: Db, dialect: DialectName, companyId: string, userId: string) {
  if (dialect !== 'postgres') return;
  await sql`select pg_advisory_xact_lock(hashtext(${'time-off-balances:' + companyId}), hashtext(${userId}))`.execute(
    tx,
  );
}
