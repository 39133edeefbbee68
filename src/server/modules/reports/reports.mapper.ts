/**
 * Reports: rows ⇄ wire and export cells. Exact integers leave as decimals here and nowhere else: JSON
 * numbers by fromScaled (the nearest double of an exact decimal prints as that decimal), CSV/XLSX cells by
 * scaledToText (digit by digit).
 */
import { bool, id, num, text, scaledToText, type Cell } from '../../lib/csv.js';
import { fromScaled, HOURS_SCALE, MONEY_SCALE, RATE_SCALE } from '../../lib/decimal.js';
import type { ExpenseRow } from './expense-report.store.js';
import type { MoneyVisibility } from './reports.policy.js';
import type { TimeRow } from './time-report.store.js';

export const hoursOut = (v: number): number => fromScaled(v, HOURS_SCALE);
export const moneyOut = (cents: number): number => fromScaled(cents, MONEY_SCALE);
export const rateOut = (v: number): number => fromScaled(v, RATE_SCALE);

const hoursText = (v: number) => num(scaledToText(v, HOURS_SCALE, true));
const moneyText = (v: number) => num(scaledToText(v, MONEY_SCALE));
const rateText = (v: number | null) => (v === null ? null : num(scaledToText(v, RATE_SCALE, true)));

// ——— time ———

export function toReportTimeWire(
  r: TimeRow,
  vis: MoneyVisibility,
  verbose: boolean,
): Record<string, unknown> {
  const out: Record<string, unknown> = {
    ID: r.id,
    Date: r.date,
    Hours: hoursOut(r.hours),
    BreakTime: hoursOut(r.breakTime),
    StartTime: r.startTime,
    EndTime: r.endTime,
    JobID: r.jobId,
    TaskID: r.taskId,
    UserID: r.userId,
    IsBillable: r.isBillable,
  };
  if (vis.billings) out.BillingRate = rateOut(r.billingRate);
  if (vis.costs) out.CostRate = rateOut(r.costRate);
  if (verbose) {
    out.Comment = r.comment;
    out.CustomFields = JSON.parse(r.customFields) as Record<string, unknown>;
  }
  return out;
}

export function timeExportHeader(vis: MoneyVisibility, rounded: boolean): string[] {
  return [
    'ID',
    'Date',
    'UserID',
    'UserName',
    'ClientID',
    'ClientName',
    'JobID',
    'JobName',
    'JobNumber',
    'TaskID',
    'TaskName',
    'Hours',
    ...(rounded ? ['StoredHours'] : []),
    'BreakTime',
    'StartTime',
    'EndTime',
    'IsBillable',
    ...(vis.billings ? ['BillingRate', 'Billings'] : []),
    ...(vis.costs ? ['CostRate', 'Cost'] : []),
    'Comment',
  ];
}

export function timeExportCells(r: TimeRow, vis: MoneyVisibility, rounded: boolean): Cell[] {
  return [
    id(r.id),
    text(r.date),
    id(r.userId),
    text(r.userName),
    id(r.clientId),
    text(r.clientName),
    id(r.jobId),
    text(r.jobName),
    text(r.jobNumber),
    id(r.taskId),
    text(r.taskName),
    hoursText(r.hours),
    ...(rounded ? [hoursText(r.storedHours)] : []),
    hoursText(r.breakTime),
    text(r.startTime),
    text(r.endTime),
    bool(r.isBillable),
    ...(vis.billings ? [rateText(r.billingRate), moneyText(r.billings)] : []),
    ...(vis.costs ? [rateText(r.costRate), moneyText(r.cost)] : []),
    text(r.comment),
  ];
}

// ——— expenses ———

export const receiptUrl = (baseUrl: string, itemId: string) =>
  // The expenses module's receipt download (expenses.mapper.ts receiptUrl).
  `${baseUrl}/v2/ExpenseItems/${encodeURIComponent(itemId)}/Receipt`;

const yesNo = (v: boolean) => (v ? 'Yes' : 'No');
const isMileage = (r: ExpenseRow) => r.expenseType.type === 'Mileage';

/** The person's profile fields the report shows (users keep them as a JSON object of wire names). */
function profileOf(attrs: string): {
  EmployeeNumber: string;
  Role: string;
  AccountingPackageID: string;
  Notes: string;
} {
  let parsed: Record<string, unknown> = {};
  try {
    parsed = JSON.parse(attrs) as Record<string, unknown>;
  } catch {
    // an unreadable profile shows as empty
  }
  const str = (k: string) => {
    const v = parsed[k];
    return typeof v === 'string' ? v : '';
  };
  return {
    EmployeeNumber: str('EmployeeNumber'),
    Role: str('Role'),
    AccountingPackageID: str('AccountingPackageID'),
    Notes: str('Notes'),
  };
}

export interface ExpenseWireOptions {
  currency: string;
  baseUrl: string;
  verbose: boolean;
}

export function toReportExpenseWire(r: ExpenseRow, o: ExpenseWireOptions): Record<string, unknown> {
  const mileage = isMileage(r);
  const out: Record<string, unknown> = {
    ID: r.id,
    ExpenseDate: r.expenseDate,
    ExpenseSheetID: r.expenseSheetId,
    ExpenseSheetStatus: r.sheet.status,
    ExpenseTypeID: r.expenseTypeId,
    PaymentTypeID: r.paymentTypeId,
    UserID: r.userId,
    DivisionID: r.user.divisionId,
    JobID: r.jobId,
    ClientID: r.job?.clientId ?? null,
    ItemAmount: moneyOut(r.amount),
    BillableAmount: moneyOut(r.billable ? r.amount : 0),
    MileageAmount: moneyOut(mileage ? r.amount : 0),
    MileageRate: mileage && r.rate !== null ? rateOut(r.rate) : null,
    ItemBillable: yesNo(r.billable),
    Reimbursable: r.reimbursable,
    Paid: yesNo(r.sheet.status === 'paid'),
    CheckNumber: r.sheet.checkNumber,
    HasReceipt: r.hasReceipt,
    ReceiptImageURL: r.hasReceipt ? receiptUrl(o.baseUrl, r.id) : null,
    ExpenseItemAmountCurrency: o.currency,
    ExpenseItemCreationDate: r.createdAt,
    ExpenseItemDescription: r.description,
    ExpenseItemNotes: r.comment,
    ExpenseItemHasForeignCurrency: r.amountForeignCurrency !== null,
    ItemForeignAmount: r.amountForeign === null ? null : fromScaled(r.amountForeign, 4),
    ItemForeignCurrency: r.amountForeignCurrency,
    ForeignCurrencyExchangeRate: r.exchangeRate === null ? null : fromScaled(r.exchangeRate, 6),
  };
  if (o.verbose) {
    const profile = profileOf(r.user.attrs);
    Object.assign(out, {
      ClientAccountingID: r.client?.accountingId ?? null,
      ClientActive: r.client ? (r.client.isActive ? 1 : 0) : null,
      ClientName: r.client?.name ?? null,
      ClientNotes: r.client?.notes ?? null,
      ClientNumber: r.client?.number ?? null,
      ClientShortName: r.client?.shortName ?? null,
      CurrentExpenseSheetApprovalStatus: r.sheet.status,
      PreviousExpenseSheetApprovalStatus: null,
      DivisionAccountingID: r.division?.accountingId ?? null,
      DivisionActive: r.division ? r.division.isActive : null,
      DivisionName: r.division?.name ?? null,
      DivisionNotes: r.division?.notes ?? null,
      Email: r.user.email,
      EmployeeNumber: profile.EmployeeNumber,
      EmploymentTypeName: r.user.employmentTypeName,
      ExpenseSheetApprovalChangedBy: r.lastChange?.byName ?? null,
      ExpenseSheetApprovalChangedByUserID: r.lastChange?.byUserId ?? null,
      ExpenseSheetApprovalLastChangeDate: r.lastChange?.at ?? null,
      ExpenseSheetCreationDate: r.sheet.createdAt,
      ExpenseSheetDate: r.sheet.date,
      ExpenseSheetDescription: r.sheet.description,
      ExpenseSheetForeignCurrencyEnabled: r.sheet.foreignCurrency,
      ExpenseSheetName: r.sheet.title,
      ExpenseSheetTrackingID: r.sheet.trackingId,
      ExpenseType: r.expenseType.name,
      ExpenseTypeAccountingID: r.expenseType.accountingId,
      ExpenseTypeActive: r.expenseType.isActive,
      ExpenseTypeDescription: r.expenseType.description,
      ExpenseTypeType: r.expenseType.type,
      FullName: r.user.name,
      JobAccountingID: r.job?.accountingId ?? null,
      JobActive: r.job ? (r.job.isActive ? 1 : 0) : null,
      JobName: r.job?.name ?? null,
      JobNotes: r.job?.notes ?? null,
      JobNumber: r.job?.number ?? null,
      PaymentType: r.paymentType.name,
      PaymentTypeAccountingID: r.paymentType.accountingId,
      PaymentTypeActive: r.paymentType.isActive,
      PaymentTypeDescription: r.paymentType.description,
      PaymentTypeReimbursable: r.paymentType.reimbursable,
      PersonRole: profile.Role,
      UserAccountingID: profile.AccountingPackageID,
      UserActive: r.user.isActive ? 'Yes' : 'No',
      UserNotes: profile.Notes,
    });
  }
  return out;
}

export const EXPENSE_EXPORT_HEADER = [
  'ID',
  'ExpenseDate',
  'UserID',
  'FullName',
  'ExpenseSheetID',
  'ExpenseSheetName',
  'ExpenseSheetStatus',
  'ExpenseTypeID',
  'ExpenseType',
  'PaymentTypeID',
  'PaymentType',
  'ClientID',
  'ClientName',
  'JobID',
  'JobName',
  'ExpenseItemDescription',
  'ExpenseItemNotes',
  'Quantity',
  'MileageRate',
  'MileageAmount',
  'ItemAmount',
  'ExpenseItemAmountCurrency',
  'ItemBillable',
  'BillableAmount',
  'Reimbursable',
  'ItemForeignAmount',
  'ItemForeignCurrency',
  'ForeignCurrencyExchangeRate',
  'HasReceipt',
  'Paid',
  'CheckNumber',
];

export function expenseExportCells(r: ExpenseRow, currency: string): Cell[] {
  const mileage = isMileage(r);
  return [
    id(r.id),
    text(r.expenseDate),
    id(r.userId),
    text(r.user.name),
    id(r.expenseSheetId),
    text(r.sheet.title),
    text(r.sheet.status),
    id(r.expenseTypeId),
    text(r.expenseType.name),
    id(r.paymentTypeId),
    text(r.paymentType.name),
    id(r.job?.clientId ?? null),
    text(r.client?.name ?? null),
    id(r.jobId),
    text(r.job?.name ?? null),
    text(r.description),
    text(r.comment),
    r.quantity === null ? null : num(scaledToText(r.quantity, 4, true)),
    mileage ? rateText(r.rate) : null,
    moneyText(mileage ? r.amount : 0),
    moneyText(r.amount),
    text(currency),
    text(yesNo(r.billable)),
    moneyText(r.billable ? r.amount : 0),
    bool(r.reimbursable),
    r.amountForeign === null ? null : num(scaledToText(r.amountForeign, 4, true)),
    text(r.amountForeignCurrency),
    r.exchangeRate === null ? null : num(scaledToText(r.exchangeRate, 6, true)),
    bool(r.hasReceipt),
    text(yesNo(r.sheet.status === 'paid')),
    text(r.sheet.checkNumber),
  ];
}
