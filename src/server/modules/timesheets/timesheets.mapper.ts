/**
 * Timesheets: domain ⇄ wire (CATALOGUE TimesheetModel_*, TimesheetHistoryModel_*). Without Verbose only
 * the …ID fields; with it the names and instants, the owner, DayTotals, Comment (/Me and /Manage
 * models) and Actions (root model: Admin only).
 */
import type { Timesheet, TimesheetHistory } from '../../../contract/timesheets.js';
import type { UserRecord } from '../users/index.js';
import type { TimesheetScope } from './timesheets.policy.js';
import type { SheetEmbeds } from './timesheets.service.js';
import type { HistoryRecord, SheetRecord } from './timesheets.store.js';

const basicUser = (u: UserRecord) => ({ ID: u.id, Name: u.name, Email: u.email, IsActive: u.isActive });

export interface WireOptions {
  scope: TimesheetScope;
  /** Verbose=true: the related objects and extra fields. */
  embeds?: SheetEmbeds;
  /** Whether the caller sees the Actions field of the root model (Admin). */
  rootActions: boolean;
}

export function toTimesheetWire(s: SheetRecord, o: WireOptions): Timesheet {
  const out: Timesheet = {
    ID: s.id,
    UserID: s.userId,
    StartDate: s.startDate,
    EndDate: s.endDate,
    Status: s.status,
    HasBeenSubmitted: s.hasBeenSubmitted,
    SubmittedByUserID: s.submittedByUserId,
    ApprovedByUserID: s.approvedByUserId,
    RejectedByUserID: s.rejectedByUserId,
  };
  const e = o.embeds;
  if (!e) return out;
  const name = (id: string | null) => (id === null ? null : (e.users.get(id)?.name ?? null));
  const owner = e.users.get(s.userId);
  out.User = owner ? basicUser(owner) : null;
  out.SubmittedBy = name(s.submittedByUserId);
  out.SubmittedDate = s.submittedAt;
  out.ApprovedBy = name(s.approvedByUserId);
  out.ApprovedDate = s.approvedAt;
  out.RejectedBy = name(s.rejectedByUserId);
  out.RejectedDate = s.rejectedAt;
  if (o.scope !== 'root') out.Comment = s.comment;
  out.DayTotals = e.dayTotals.get(s.id) ?? [];
  if (o.scope !== 'root' || o.rootActions)
    out.Actions = (e.actions.get(s.id) ?? []).map((Action) => ({ Action }));
  return out;
}

export function toHistoryWire(h: HistoryRecord, users?: Map<string, UserRecord>): TimesheetHistory {
  const out: TimesheetHistory = {
    Date: h.createdAt,
    Action: h.action,
    ActionByUserID: h.actionByUserId,
    ActionByUserName: h.actionByUserName,
    Comment: h.comment,
    HasAttestation: h.hasAttestation,
    JobID: h.jobId,
    JobStatus: h.jobStatus,
  };
  if (users) {
    const by = h.actionByUserId === null ? undefined : users.get(h.actionByUserId);
    out.ActionByUser = by ? basicUser(by) : null;
    // Job approvals are not recorded yet (JobID is always null), so there is no Job to embed.
    out.Job = null;
  }
  return out;
}
