/**
 * Clients, jobs and tasks: domain ⇄ wire. A caller never receives a field their Visibility hides.
 */
import type {
  BasicClient,
  Client,
  ClientMe,
  Job,
  JobMe,
  Task,
  TaskMe,
} from '../../../contract/master-data.js';
import { fromScaled, RATE_SCALE } from '../../lib/decimal.js';
import type { ClientRecord } from './clients.store.js';
import { jobDisplayName } from './display.js';
import type { JobRecord } from './jobs.store.js';
import type { Visibility } from './policy.js';
import type { TaskRecord } from './tasks.store.js';

const rate = (v: number | null) => (v === null ? null : fromScaled(v, RATE_SCALE));

export const basicClient = (c: ClientRecord): BasicClient => ({
  ID: c.id,
  Name: c.name,
  IsActive: c.isActive,
  ListDisplayText: c.listDisplayText,
});

export function toClientWire(c: ClientRecord, vis: Visibility): Client {
  const out: Client = {
    ID: c.id,
    Name: c.name,
    ShortName: c.shortName,
    ClientNumber: c.clientNumber,
    IsActive: c.isActive,
    ListDisplayText: c.listDisplayText,
    IsEligibleTimeOffAllocation: c.isEligibleTimeOffAllocation,
  };
  if (vis.details) {
    out.Notes = c.notes;
    out.AccountingPackageID = c.accountingPackageId;
    out.CreatedDate = c.createdAt === '' ? null : c.createdAt;
    out.CustomFields = c.customFields;
  }
  if (vis.rates) {
    out.BillingRate = rate(c.billingRate);
    out.SecondaryBillingRateMode = c.secondaryBillingRateMode;
  }
  return out;
}

export const toClientMeWire = (c: ClientRecord): ClientMe => ({
  ID: c.id,
  Name: c.name,
  ShortName: c.shortName,
  ClientNumber: c.clientNumber,
  IsActive: c.isActive,
  ListDisplayText: c.listDisplayText,
});

/** What job wires need besides the job: its client (always, for ListDisplayName) and, verbose, more. */
export interface JobEmbeds {
  clients: Map<string, ClientRecord>;
  managers: Map<string, { ID: string; Name: string; IsActive: boolean }>;
  /** IDs of jobs on the caller's My Jobs list (JobModel_Me.MyJobs, verbose). */
  myJobs?: Set<string>;
}

export function toJobWire(j: JobRecord, vis: Visibility, embeds: JobEmbeds, verbose: boolean): Job {
  const client = embeds.clients.get(j.clientId);
  const out: Job = {
    ID: j.id,
    Name: j.name,
    JobNumber: j.jobNumber,
    ClientID: j.clientId === '' ? null : j.clientId,
    IsActive: j.isActive,
    StartDate: j.startDate,
    EndDate: j.endDate,
    ListDisplayText: j.listDisplayText,
    ListDisplayName: jobDisplayName(j.listDisplayText, client?.name),
    IncludeInRM: j.includeInRM,
    IsEligibleTimeOffAllocation: j.isEligibleTimeOffAllocation,
  };
  if (verbose) out.Client = client ? basicClient(client) : null;
  if (vis.billable) out.IsBillable = j.isBillable;
  if (vis.details) {
    out.Notes = j.notes;
    out.AccountingPackageID = j.accountingPackageId;
    out.ProjectManagerID = j.projectManagerId;
    out.TimeRequiresApproval = j.timeRequiresApproval;
    out.CustomFields = j.customFields;
    if (verbose)
      out.ProjectManager = j.projectManagerId ? (embeds.managers.get(j.projectManagerId) ?? null) : null;
  }
  if (vis.rates) {
    out.BillingRate = rate(j.billingRate);
    out.UseCompanyBillingRate = j.useCompanyBillingRate;
    out.SecondaryBillingRateMode = j.secondaryBillingRateMode;
  }
  return out;
}

export function toJobMeWire(j: JobRecord, embeds: JobEmbeds, verbose: boolean): JobMe {
  const out: JobMe = {
    ID: j.id,
    Name: j.name,
    JobNumber: j.jobNumber,
    ClientID: j.clientId,
    IsActive: j.isActive,
    StartDate: j.startDate,
    EndDate: j.endDate,
    ListDisplayText: j.listDisplayText,
  };
  if (verbose) {
    const client = embeds.clients.get(j.clientId);
    out.Client = client ? basicClient(client) : null;
    out.MyJobs = embeds.myJobs?.has(j.id) ?? false;
  }
  return out;
}

export function toTaskWire(t: TaskRecord, vis: Visibility): Task {
  const out: Task = {
    ID: t.id,
    Name: t.name,
    TaskCode: t.taskCode,
    IsActive: t.isActive,
    ListDisplayText: t.listDisplayText,
  };
  if (vis.details) {
    out.IsBillable = t.isBillable;
    out.Notes = t.notes;
    out.AccountingPackageID = t.accountingPackageId;
    out.CustomFields = t.customFields;
  }
  if (vis.rates) {
    out.BillingRate = rate(t.billingRate);
    out.UseCompanyBillingRate = t.useCompanyBillingRate;
  }
  return out;
}

export function toTaskMeWire(t: TaskRecord, verbose: boolean, myTasks?: Set<string>): TaskMe {
  const out: TaskMe = {
    ID: t.id,
    Name: t.name,
    TaskCode: t.taskCode,
    IsActive: t.isActive,
    ListDisplayText: t.listDisplayText,
  };
  if (verbose) out.MyTasks = myTasks?.has(t.id) ?? false;
  return out;
}
