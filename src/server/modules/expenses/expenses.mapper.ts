/**
 * Expenses: domain ⇄ wire. Exact integers leave as JSON numbers here and nowhere else.
 */
import type {
  Currency,
  ExpenseItem,
  ExpenseSheet,
  ExpenseSheetHistory,
  ExpenseType,
  PaymentType,
} from '../../../contract/expenses.js';
import type { CurrencyInfo } from './currencies.js';
import { exchangeRateOut, foreignOut, moneyOut, quantityOut, rateOut } from './expenses.money.js';
import type { WorkflowAction } from './expenses.workflow.js';
import type { HistoryRecord, SheetRecord } from './sheets.store.js';
import type { ItemRecord } from './items.store.js';
import type { ExpenseTypeRecord, PaymentTypeRecord } from './types.store.js';

export interface BasicUserWire {
  ID: string;
  Name: string;
  Email: string;
  IsActive: boolean;
}
export interface BasicNamedWire {
  ID: string;
  Name: string;
  IsActive: boolean;
}

export interface BasicJobWire extends BasicNamedWire {
  ClientID: string | null;
  ListDisplayText: string;
}
export interface BasicTaskWire extends BasicNamedWire {
  ListDisplayText: string;
}

/** `me` models have no UserID/User (CATALOGUE *_Me). */
export type Variant = 'me' | 'root';

const pick = <T>(map: Map<string, T> | undefined, id: string | null): T | null =>
  id === null || !map ? null : (map.get(id) ?? null);

export interface SheetEmbeds {
  users: Map<string, BasicUserWire>;
  /** Actions valid now for the caller, by sheet ID. */
  actions: Map<string, WorkflowAction[]>;
}

export function toSheetWire(s: SheetRecord, variant: Variant, verbose?: SheetEmbeds): ExpenseSheet {
  const out: ExpenseSheet = {
    ID: s.id,
    Title: s.title,
    ExpenseSheetDate: s.expenseSheetDate,
    Description: s.description,
    TrackingID: s.trackingId,
    EnableForeignCurrency: s.enableForeignCurrency,
    Status: s.status,
    Paid: s.status === 'paid',
    Check: s.check,
    TotalAmount: moneyOut(s.totalAmount),
    ReimbursableAmount: moneyOut(s.reimbursableAmount),
    SubmittedByUserID: s.submittedByUserId,
    ApprovedByUserID: s.approvedByUserId,
    RejectedByUserID: s.rejectedByUserId,
  };
  if (variant === 'root') out.UserID = s.userId;
  if (verbose) {
    const name = (id: string | null) => pick(verbose.users, id)?.Name ?? null;
    if (variant === 'root') out.User = pick(verbose.users, s.userId);
    Object.assign(out, {
      Comment: s.comment,
      ExpenseItemCount: s.itemCount,
      SubmittedBy: name(s.submittedByUserId),
      SubmittedDate: s.submittedAt,
      ApprovedBy: name(s.approvedByUserId),
      ApprovedDate: s.approvedAt,
      RejectedBy: name(s.rejectedByUserId),
      RejectedDate: s.rejectedAt,
      Actions: (verbose.actions.get(s.id) ?? []).map((Action) => ({ Action })),
    });
  }
  return out;
}

export function toHistoryWire(h: HistoryRecord, users?: Map<string, BasicUserWire>): ExpenseSheetHistory {
  const out: ExpenseSheetHistory = {
    Date: h.createdAt,
    Action: h.action,
    ActionByUserID: h.actionByUserId,
    ActionByUserName: h.actionByUserName,
    Comment: h.comment,
  };
  if (users) out.ActionByUser = pick(users, h.actionByUserId);
  return out;
}

export interface ItemEmbeds {
  sheets: Map<string, SheetRecord>;
  expenseTypes: Map<string, BasicNamedWire>;
  paymentTypes: Map<string, BasicNamedWire>;
  users: Map<string, BasicUserWire>;
  jobs: Map<string, BasicJobWire>;
  tasks: Map<string, BasicTaskWire>;
}

export interface ItemWireOptions {
  variant: Variant;
  /** Company.CurrencyISO: the currency of Amount. */
  currency: string;
  /** Absolute origin of this deployment, for ReceiptURL. */
  baseUrl: string;
  embeds?: ItemEmbeds;
}

export const receiptUrl = (baseUrl: string, itemId: string) =>
  `${baseUrl}/v2/ExpenseItems/${encodeURIComponent(itemId)}/Receipt`;

export function toItemWire(i: ItemRecord, o: ItemWireOptions): ExpenseItem {
  const out: ExpenseItem = {
    ID: i.id,
    ExpenseSheetID: i.expenseSheetId,
    ExpenseDate: i.expenseDate,
    ExpenseTypeID: i.expenseTypeId,
    PaymentTypeID: i.paymentTypeId,
    Description: i.description,
    Comment: i.comment,
    Amount: moneyOut(i.amount),
    Quantity: quantityOut(i.quantity),
    Rate: rateOut(i.rate),
    Currency: o.currency,
    AmountForeign: foreignOut(i.amountForeign),
    AmountForeignCurrency: i.amountForeignCurrency,
    AmountForeignExchangeRate: exchangeRateOut(i.amountForeignExchangeRate),
    HasForeignCurrency: i.amountForeignCurrency !== null,
    Billable: i.billable,
    Reimbursable: i.reimbursable,
    JobID: i.jobId,
    TaskID: i.taskId,
    ReceiptURL: i.hasReceipt ? receiptUrl(o.baseUrl, i.id) : null,
  };
  if (o.variant === 'root') out.UserID = i.userId;
  const e = o.embeds;
  if (e) {
    const sheet = e.sheets.get(i.expenseSheetId);
    out.ExpenseSheet = sheet
      ? { ID: sheet.id, Title: sheet.title, ExpenseSheetDate: sheet.expenseSheetDate, Status: sheet.status }
      : null;
    out.ExpenseType = pick(e.expenseTypes, i.expenseTypeId);
    out.PaymentType = pick(e.paymentTypes, i.paymentTypeId);
    out.Job = pick(e.jobs, i.jobId);
    out.Task = pick(e.tasks, i.taskId);
    if (o.variant === 'root') out.User = pick(e.users, i.userId);
  }
  return out;
}

export function toExpenseTypeWire(t: ExpenseTypeRecord, details: boolean): ExpenseType {
  const out: ExpenseType = {
    ID: t.id,
    Name: t.name,
    IsActive: t.isActive,
    Rate: rateOut(t.rate),
    Type: t.type,
  };
  if (details) {
    out.Description = t.description;
    out.AccountingPackageID = t.accountingPackageId;
  }
  return out;
}

export function toPaymentTypeWire(t: PaymentTypeRecord, details: boolean): PaymentType {
  const out: PaymentType = { ID: t.id, Name: t.name, IsActive: t.isActive, Reimbursable: t.reimbursable };
  if (details) {
    out.Description = t.description;
    out.AccountingPackageID = t.accountingPackageId;
  }
  return out;
}

export function toCurrencyWire(c: CurrencyInfo, companyCurrency: string): Currency {
  return {
    Currency: c.name,
    CurrencyISO: c.iso,
    CurrencySymbol: c.symbol,
    Rate: c.iso === companyCurrency.toUpperCase() ? 1 : null,
  };
}
