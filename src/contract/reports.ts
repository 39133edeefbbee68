/**
 * Reports on the wire (API.md §4.16; CATALOGUE Reports/Time, Reports/Expense, Reports/TimeSummary and the
 * models ReportTimeModel_Root, ReportExpenseModel_Root, SummaryModel_Root, JobTimeSummaryModel_Root,
 * JobTaskTimeSummaryModel_Root, JobUserTimeSummaryModel_Root, TimeSummaryPayrollModel_Root).
 *
 * Fields a caller may not see (rates, billings, costs per manager permission) are left out, not nulled.
 * Hours are decimal hours, money decimal amounts in the company currency, exact to the cent.
 */
import { Type } from '@sinclair/typebox';
import { CustomFields, Nullable } from './common.js';

const Hours = Type.Number({ description: 'Decimal hours' });
const Money = Type.Number({ description: 'Company currency, exact to the cent' });

/** ReportTimeModel_Root: one time entry. */
export const ReportTime = Type.Object({
  ID: Type.String(),
  Date: Type.String(),
  Hours,
  BreakTime: Hours,
  StartTime: Nullable(Type.String()),
  EndTime: Nullable(Type.String()),
  JobID: Type.String(),
  TaskID: Type.String(),
  UserID: Type.String(),
  IsBillable: Type.Boolean(),
  BillingRate: Type.Optional(Type.Number({ description: 'Admin, or View Billingrates' })),
  CostRate: Type.Optional(Type.Number({ description: 'Admin, or View Costs' })),
  Comment: Type.Optional(Type.String({ description: 'Verbose=true' })),
  CustomFields: Type.Optional(CustomFields),
});

/** SummaryModel_Root_Key: the members of the GroupBy. */
export const SummaryKey = Type.Object({
  JobID: Type.Optional(Type.String()),
  JobName: Type.Optional(Type.String()),
  TaskID: Type.Optional(Type.String()),
  TaskName: Type.Optional(Type.String()),
  UserID: Type.Optional(Type.String()),
  UserName: Type.Optional(Type.String()),
  Month: Type.Optional(Type.String({ description: 'YYYY-MM' })),
  Date: Type.Optional(Type.String({ description: 'YYYY-MM-DD' })),
});

/** SummaryModel_Root. */
export const Summary = Type.Object({
  Key: SummaryKey,
  Hours,
  BillableHours: Hours,
  Billings: Type.Optional(Money),
  Cost: Type.Optional(Money),
});

/** JobTimeSummaryModel_Root (without the Forecasting module's estimate fields). */
export const JobTimeSummary = Type.Object({
  JobID: Type.String(),
  JobName: Type.String(),
  JobNumber: Type.String(),
  ClientID: Type.String(),
  ClientName: Type.String(),
  Hours,
  BillableHours: Hours,
  Billings: Money,
  Cost: Type.Optional(Money),
  Profit: Type.Optional(Money),
  ProfitMargin: Type.Optional(
    Nullable(Type.Number({ description: 'Profit ÷ Billings in percent, 2 decimals; null without billings' })),
  ),
  IsBillable: Type.Boolean(),
  JobIsActive: Type.Boolean(),
});

/** JobTaskTimeSummaryModel_Root. */
export const JobTaskTimeSummary = Type.Object({
  TaskID: Type.String(),
  TaskName: Type.String(),
  Hours,
  Billings: Money,
  IsActive: Type.Boolean(),
  IsBillable: Type.Boolean(),
});

/** JobUserTimeSummaryModel_Root. */
export const JobUserTimeSummary = Type.Object({
  UserID: Type.String(),
  FullName: Type.String(),
  Hours,
  Billings: Money,
  IsActive: Type.Boolean(),
});

/** TimeSummaryPayrollModel_Root. */
export const TimeSummaryPayroll = Type.Object({
  UserID: Type.String(),
  Name: Type.String(),
  EmploymentTypeID: Nullable(Type.String()),
  StartDate: Type.String({ description: 'Start of the earliest timesheet in the row' }),
  EndDate: Type.String({ description: 'End of the latest timesheet in the row' }),
  RegularTime: Hours,
  TotalHours: Hours,
  Overtime: Type.Array(Type.Object({ Code: Type.String(), Hours })),
  TimeOff: Type.Array(Type.Object({ LeaveTypeID: Type.String(), Hours })),
});

const S = () => Type.Optional(Nullable(Type.String()));
const B = () => Type.Optional(Nullable(Type.Boolean()));
const I = () => Type.Optional(Nullable(Type.Integer()));

/** ReportExpenseModel_Root: one expense item with its sheet, person, types, job and client. */
export const ReportExpense = Type.Object({
  ID: Type.String(),
  ExpenseDate: Type.String(),
  ExpenseSheetID: Type.String(),
  ExpenseSheetStatus: Type.String(),
  ExpenseTypeID: Type.String(),
  PaymentTypeID: Type.String(),
  UserID: Type.String(),
  DivisionID: Nullable(Type.String()),
  JobID: Nullable(Type.String()),
  ClientID: Nullable(Type.String()),
  ItemAmount: Money,
  BillableAmount: Money,
  MileageAmount: Money,
  MileageRate: Nullable(Type.Number()),
  ItemBillable: Type.String({ description: '"Yes" or "No"' }),
  Reimbursable: Type.Boolean(),
  Paid: Type.String({ description: '"Yes" or "No"' }),
  CheckNumber: Nullable(Type.String()),
  HasReceipt: Type.Boolean(),
  ReceiptImageURL: Nullable(Type.String()),
  ExpenseItemAmountCurrency: Type.String(),
  ExpenseItemCreationDate: Type.String(),
  ExpenseItemDescription: Type.String(),
  ExpenseItemNotes: Type.String(),
  ExpenseItemHasForeignCurrency: Type.Boolean(),
  ItemForeignAmount: Nullable(Type.Number()),
  ItemForeignCurrency: Nullable(Type.String()),
  ForeignCurrencyExchangeRate: Nullable(Type.Number()),
  // Verbose=true
  ClientAccountingID: S(),
  ClientActive: I(),
  ClientName: S(),
  ClientNotes: S(),
  ClientNumber: S(),
  ClientShortName: S(),
  CurrentExpenseSheetApprovalStatus: S(),
  PreviousExpenseSheetApprovalStatus: S(),
  DivisionAccountingID: S(),
  DivisionActive: B(),
  DivisionName: S(),
  DivisionNotes: S(),
  Email: S(),
  EmployeeNumber: S(),
  EmploymentTypeName: S(),
  ExpenseSheetApprovalChangedBy: S(),
  ExpenseSheetApprovalChangedByUserID: S(),
  ExpenseSheetApprovalLastChangeDate: S(),
  ExpenseSheetCreationDate: S(),
  ExpenseSheetDate: S(),
  ExpenseSheetDescription: S(),
  ExpenseSheetForeignCurrencyEnabled: B(),
  ExpenseSheetName: S(),
  ExpenseSheetTrackingID: S(),
  ExpenseType: S(),
  ExpenseTypeAccountingID: S(),
  ExpenseTypeActive: B(),
  ExpenseTypeDescription: S(),
  ExpenseTypeType: S(),
  FullName: S(),
  JobAccountingID: S(),
  JobActive: I(),
  JobName: S(),
  JobNotes: S(),
  JobNumber: S(),
  PaymentType: S(),
  PaymentTypeAccountingID: S(),
  PaymentTypeActive: B(),
  PaymentTypeDescription: S(),
  PaymentTypeReimbursable: B(),
  PersonRole: S(),
  UserAccountingID: S(),
  UserActive: S(),
  UserNotes: S(),
});
