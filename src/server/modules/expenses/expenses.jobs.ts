/**
 * JobID and TaskID on expense items (API.md §6.4), through the master-data module's lookups: a JobID
 * must name an active job of the company that the item's owner may use (Company.JobRestrictionMethod),
 * a TaskID an active task allowed on that job; both are 400s naming the field otherwise. Jobs and tasks
 * that expense items refer to cannot be deleted (DECISIONS 19): the checks registered here make DELETE
 * /Jobs|Tasks/{id} a 409, and the foreign keys of 0004_expenses back them up.
 */
import type { Deps } from '../../deps.js';
import type { Db } from '../../db/connect.js';
import type { FieldErrors } from '../../errors.js';
import { checkJobAndTask, findJobs, findTasks, registerReferenceCheck } from '../master-data/index.js';
import { anyItemWith, type ItemRecord } from './items.store.js';
import type { BasicJobWire, BasicTaskWire } from './expenses.mapper.js';

registerReferenceCheck('Job', 'expense-items', async (db, companyId, id) =>
  (await anyItemWith(db, companyId, 'job_id', id)) ? 'expense items' : null,
);
registerReferenceCheck('Task', 'expense-items', async (db, companyId, id) =>
  (await anyItemWith(db, companyId, 'task_id', id)) ? 'expense items' : null,
);

/** Checks the job and task of each item that has one, adding field errors (prefixed in a batch). */
export async function checkJobReferences(
  deps: Deps,
  companyId: string,
  items: readonly { item: ItemRecord; prefix: string }[],
  errors: FieldErrors,
): Promise<void> {
  for (const { item, prefix } of items) {
    if (item.jobId === null) continue;
    await checkJobAndTask(
      deps,
      companyId,
      item.userId,
      { jobId: item.jobId, taskId: item.taskId },
      errors,
      prefix,
    );
  }
}

/** Verbose `Job` and `Task` objects for a page of items. */
export async function jobEmbeds(db: Db, companyId: string, items: readonly ItemRecord[]) {
  const [jobs, tasks] = await Promise.all([
    findJobs(
      db,
      companyId,
      items.map((i) => i.jobId).filter((v): v is string => v !== null),
    ),
    findTasks(
      db,
      companyId,
      items.map((i) => i.taskId).filter((v): v is string => v !== null),
    ),
  ]);
  return {
    jobs: new Map<string, BasicJobWire>(
      jobs.map((j) => [
        j.id,
        {
          ID: j.id,
          Name: j.name,
          ClientID: j.clientId,
          IsActive: j.isActive,
          ListDisplayText: j.listDisplayText,
        },
      ]),
    ),
    tasks: new Map<string, BasicTaskWire>(
      tasks.map((t) => [
        t.id,
        { ID: t.id, Name: t.name, IsActive: t.isActive, ListDisplayText: t.listDisplayText },
      ]),
    ),
  };
}
