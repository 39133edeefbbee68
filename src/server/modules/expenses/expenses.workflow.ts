/**
 * The expense-sheet workflow (API.md §4.12, §6.4), pure: which actions a sheet's state allows, which of
 * those a given caller may perform, and where each leads.
 *
 *   open ──Submit──▶ waiting ──Approve──▶ approved ──MarkPaid──▶ paid
 *     ▲                │  │                  │                     │
 *     └──UndoSubmit────┘  └─Reject─▶ rejected └─UndoApproval─▶ waiting
 *                                    (Submit again)             RevertToUnpaid ─▶ approved
 *
 * A person who is not subject to expense approval has no approval step: their open (or rejected) sheet
 * can be marked paid directly, and RevertToUnpaid takes it back to open.
 */
import type { ExpenseSheetAction, ExpenseSheetStatus } from '../../../contract/expenses.js';

export type WorkflowAction = Exclude<ExpenseSheetAction, 'None'>;

export interface SheetState {
  status: ExpenseSheetStatus;
  /** Whether the sheet went through Approve before it was paid (decides where RevertToUnpaid leads). */
  wasApproved: boolean;
  /** The owner's SubjectToExpenseApproval now. */
  ownerSubjectToApproval: boolean;
}

/** What the caller is to this sheet; permissions are true only when they reach the sheet's owner. */
export interface CallerRole {
  isOwner: boolean;
  isAdmin: boolean;
  /** The owner's ExpenseApproverID names the caller. */
  isDesignatedApprover: boolean;
  approve: boolean;
  override: boolean;
  markPaid: boolean;
  /** Company.AllowManagerUnapproval. */
  allowManagerUnapproval: boolean;
}

/** Actions the state allows for someone. */
export function stateActions(s: SheetState): WorkflowAction[] {
  switch (s.status) {
    case 'open':
    case 'rejected':
      return s.ownerSubjectToApproval ? ['Submit'] : ['MarkPaid'];
    case 'waiting':
      return ['Approve', 'Reject', 'UndoSubmit'];
    case 'approved':
      return ['MarkPaid', 'UndoApproval'];
    case 'paid':
      return ['RevertToUnpaid'];
  }
}

/** Whether this caller may perform the action (state aside). */
export function callerMay(action: WorkflowAction, r: CallerRole): boolean {
  const approver = r.approve && r.isDesignatedApprover;
  switch (action) {
    case 'Submit':
      return r.isOwner || r.isAdmin || r.override;
    case 'UndoSubmit':
      return r.isOwner || r.isAdmin || r.override || approver;
    case 'Approve':
    case 'Reject':
      return r.isAdmin || approver;
    case 'UndoApproval':
      return r.isAdmin || (approver && r.allowManagerUnapproval);
    case 'MarkPaid':
    case 'RevertToUnpaid':
      return r.isAdmin || r.markPaid;
  }
}

/** The actions valid now for this caller, in the catalogue's order (by Action name). */
export function availableActions(s: SheetState, r: CallerRole): WorkflowAction[] {
  return stateActions(s)
    .filter((a) => callerMay(a, r))
    .sort();
}

/** Where an action leads; only called for an action that stateActions allows. */
export function nextStatus(s: SheetState, action: WorkflowAction): ExpenseSheetStatus {
  switch (action) {
    case 'Submit':
      return 'waiting';
    case 'UndoSubmit':
      return 'open';
    case 'Approve':
      return 'approved';
    case 'Reject':
      return 'rejected';
    case 'UndoApproval':
      return 'waiting';
    case 'MarkPaid':
      return 'paid';
    case 'RevertToUnpaid':
      return s.wasApproved ? 'approved' : 'open';
  }
}

/** Whether items and the sheet's own fields may change, by scope: owners only before submission. */
export function editableBy(status: ExpenseSheetStatus, who: 'owner' | 'override'): boolean {
  if (who === 'owner') return status === 'open' || status === 'rejected';
  return status !== 'paid';
}

/** Sheets whose mileage items an Admin may re-rate (DECISIONS 18: not yet approved). */
export const REAPPLY_STATUSES: readonly ExpenseSheetStatus[] = ['open', 'rejected', 'waiting'];
