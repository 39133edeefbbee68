import type { Selectable } from 'kysely';
import type { Db } from '../../db/connect.js';
import type { TasksTable } from '../../db/schema.js';
import type { Paging } from '../../http/paging.js';
import { MY_TASKS, onList, taskUsableVia, type JobAccess } from './access.store.js';

export interface TaskRecord {
  companyId: string;
  id: string;
  name: string;
  taskCode: string;
  isActive: boolean;
  listDisplayText: string;
  notes: string;
  accountingPackageId: string;
  isBillable: boolean;
  /** × 10^4; null: none set. */
  billingRate: number | null;
  useCompanyBillingRate: boolean;
  customFields: Record<string, unknown>;
  createdAt: string;
  updatedAt: string;
}

export interface TaskFilter {
  ids?: string[];
  names?: string[];
  taskCodes?: string[];
  isActive?: boolean[];
  /** Only tasks allowed on at least one job this access lets use (/Me/Tasks under byjob). */
  usableVia?: JobAccess;
  /** MyTasks=true|false: on (or not on) this person's My Tasks list. */
  myTasks?: { userId: string; linked: boolean };
}

const b = (v: boolean): 0 | 1 => (v ? 1 : 0);

const toRecord = (r: Selectable<TasksTable>): TaskRecord => ({
  companyId: r.company_id,
  id: r.id,
  name: r.name,
  taskCode: r.task_code,
  isActive: r.is_active === 1,
  listDisplayText: r.list_display_text,
  notes: r.notes,
  accountingPackageId: r.accounting_package_id,
  isBillable: r.is_billable === 1,
  billingRate: r.billing_rate === null ? null : Number(r.billing_rate),
  useCompanyBillingRate: r.use_company_billing_rate === 1,
  customFields: JSON.parse(r.custom_fields) as Record<string, unknown>,
  createdAt: r.created_at,
  updatedAt: r.updated_at,
});

const toRow = (t: TaskRecord): Selectable<TasksTable> => ({
  company_id: t.companyId,
  id: t.id,
  name: t.name,
  task_code: t.taskCode,
  is_active: b(t.isActive),
  list_display_text: t.listDisplayText,
  notes: t.notes,
  accounting_package_id: t.accountingPackageId,
  is_billable: b(t.isBillable),
  billing_rate: t.billingRate,
  use_company_billing_rate: b(t.useCompanyBillingRate),
  custom_fields: JSON.stringify(t.customFields),
  created_at: t.createdAt,
  updated_at: t.updatedAt,
});

function filtered(db: Db, companyId: string, f: TaskFilter) {
  let q = db.selectFrom('tasks').where('company_id', '=', companyId);
  if (f.ids) q = q.where('id', 'in', f.ids);
  if (f.names)
    q = q.where((eb) =>
      eb(
        eb.fn('lower', ['name']),
        'in',
        f.names!.map((n) => n.toLowerCase()),
      ),
    );
  if (f.taskCodes) q = q.where('task_code', 'in', f.taskCodes);
  if (f.isActive) q = q.where('is_active', 'in', f.isActive.map(b));
  if (f.usableVia) q = q.where(taskUsableVia('tasks', f.usableVia));
  if (f.myTasks) q = q.where(onList('tasks', MY_TASKS, f.myTasks.userId, f.myTasks.linked));
  return q;
}

/** Default order: Name, ID. */
export async function listTasks(db: Db, companyId: string, f: TaskFilter, paging: Paging) {
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

/** IDs of every matching task, in the default order (no paging). */
export async function listTaskIds(db: Db, companyId: string, f: TaskFilter): Promise<string[]> {
  const rows = await filtered(db, companyId, f).select('id').orderBy('name').orderBy('id').execute();
  return rows.map((r) => r.id);
}

export async function findTask(db: Db, companyId: string, id: string): Promise<TaskRecord | undefined> {
  const row = await db
    .selectFrom('tasks')
    .selectAll()
    .where('company_id', '=', companyId)
    .where('id', '=', id)
    .executeTakeFirst();
  return row && toRecord(row);
}

export async function findTasks(db: Db, companyId: string, ids: readonly string[]): Promise<TaskRecord[]> {
  if (ids.length === 0) return [];
  const rows = await db
    .selectFrom('tasks')
    .selectAll()
    .where('company_id', '=', companyId)
    .where('id', 'in', [...new Set(ids)])
    .execute();
  return rows.map(toRecord);
}

export async function insertTask(db: Db, t: TaskRecord): Promise<void> {
  await db.insertInto('tasks').values(toRow(t)).execute();
}

export async function saveTask(db: Db, t: TaskRecord): Promise<void> {
  const { company_id, id, created_at: _created, ...rest } = toRow(t);
  await db.updateTable('tasks').set(rest).where('company_id', '=', company_id).where('id', '=', id).execute();
}

export async function deleteTask(db: Db, companyId: string, id: string): Promise<void> {
  await db.deleteFrom('tasks').where('company_id', '=', companyId).where('id', '=', id).execute();
}
