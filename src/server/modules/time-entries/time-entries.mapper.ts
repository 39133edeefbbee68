/**
 * Time entries: domain ⇄ wire. A caller never receives a rate their EntryVisibility hides.
 */
import type { TimeEntry } from '../../../contract/time-entries.js';
import type { Db } from '../../db/connect.js';
import { fromScaled, RATE_SCALE } from '../../lib/decimal.js';
import { findClients, findJobs, findTasks } from '../master-data/index.js';
import { findUsers } from '../users/index.js';
import { hoursToWire } from './hours.js';
import type { EntryVisibility } from './time-entries.policy.js';
import type { TimeEntryRecord } from './time-entries.store.js';

type Embedded<K extends 'Job' | 'Task' | 'Client' | 'User'> = NonNullable<TimeEntry[K]>;

/** Related objects for Verbose=true (API.md §4.9), looked up in bulk for a page of entries. */
export interface EntryEmbeds {
  jobs: Map<string, Embedded<'Job'>>;
  tasks: Map<string, Embedded<'Task'>>;
  clients: Map<string, Embedded<'Client'>>;
  users: Map<string, Embedded<'User'>>;
}

export async function loadEntryEmbeds(
  db: Db,
  companyId: string,
  entries: readonly TimeEntryRecord[],
): Promise<EntryEmbeds> {
  const [jobs, tasks, users] = await Promise.all([
    findJobs(
      db,
      companyId,
      entries.map((e) => e.jobId),
    ),
    findTasks(
      db,
      companyId,
      entries.map((e) => e.taskId),
    ),
    findUsers(
      db,
      companyId,
      entries.map((e) => e.userId),
    ),
  ]);
  const clients = await findClients(
    db,
    companyId,
    jobs.map((j) => j.clientId),
  );
  return {
    jobs: new Map(
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
    tasks: new Map(
      tasks.map((t) => [
        t.id,
        { ID: t.id, Name: t.name, IsActive: t.isActive, ListDisplayText: t.listDisplayText },
      ]),
    ),
    clients: new Map(
      clients.map((c) => [
        c.id,
        { ID: c.id, Name: c.name, IsActive: c.isActive, ListDisplayText: c.listDisplayText },
      ]),
    ),
    users: new Map(
      users.map((u) => [u.id, { ID: u.id, Name: u.name, Email: u.email, IsActive: u.isActive }]),
    ),
  };
}

export const rateToWire = (v: number): number => fromScaled(v, RATE_SCALE);

export function toTimeEntryWire(e: TimeEntryRecord, vis: EntryVisibility, embeds?: EntryEmbeds): TimeEntry {
  const out: TimeEntry = {
    ID: e.id,
    Date: e.date,
    Hours: hoursToWire(e.hours),
    BreakTime: hoursToWire(e.breakTime),
    StartTime: e.startTime,
    EndTime: e.endTime,
    Comment: e.comment,
    JobID: e.jobId,
    TaskID: e.taskId,
    UserID: e.userId,
    CustomFields: e.customFields,
  };
  if (vis.billingRate) out.BillingRate = rateToWire(e.billingRate);
  if (vis.costRate) out.CostRate = rateToWire(e.costRate);
  if (embeds) {
    const job = embeds.jobs.get(e.jobId) ?? null;
    out.Job = job;
    out.Task = embeds.tasks.get(e.taskId) ?? null;
    out.Client = job ? (embeds.clients.get(job.ClientID) ?? null) : null;
    out.User = embeds.users.get(e.userId) ?? null;
  }
  return out;
}
