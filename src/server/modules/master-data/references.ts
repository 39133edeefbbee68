/**
 * "Is this record still referenced?" checks for deleting master data (DECISIONS 19).
 *
 * Clients, jobs and tasks are deleted only when nothing refers to them; otherwise DELETE is a 409
 * `in_use` suggesting IsActive=false. This module knows its own references (a client's jobs); other
 * modules add theirs here — time entries and expense items register checks for 'Job' and 'Task', the
 * users module one for people's DefaultTaskID:
 *
 *   registerReferenceCheck('Job', 'time-entries', async (db, companyId, jobId) =>
 *     (await countEntriesOfJob(db, companyId, jobId)) > 0 ? 'time entries' : null);
 *
 * A check answers with a short plural phrase naming what refers to the record, or null. Checks run in
 * the deleting transaction (`db` is that transaction). Give foreign keys to these tables no ON DELETE
 * CASCADE as well: a reference made between the check and the delete then fails the delete, which is
 * also reported as 409 `in_use`.
 *
 * This file imports nothing at run time, so any module may import it (through master-data/index.ts)
 * and register at load time without import-cycle hazards.
 */
import type { Db } from '../../db/connect.js';

export type ReferableKind = 'Client' | 'Job' | 'Task';

export type ReferenceCheck = (db: Db, companyId: string, id: string) => Promise<string | null>;

const registry: Record<ReferableKind, Map<string, ReferenceCheck>> = {
  Client: new Map(),
  Job: new Map(),
  Task: new Map(),
};

/** Adds (or, under the same name, replaces) a check; names keep repeated registration harmless. */
export function registerReferenceCheck(kind: ReferableKind, name: string, check: ReferenceCheck): void {
  registry[kind].set(name, check);
}

/** What refers to the record, as phrases for the error message; empty when it may be deleted. */
export async function referencesTo(
  db: Db,
  companyId: string,
  kind: ReferableKind,
  id: string,
): Promise<string[]> {
  const found: string[] = [];
  for (const check of registry[kind].values()) {
    const what = await check(db, companyId, id);
    if (what) found.push(what);
  }
  return found;
}
