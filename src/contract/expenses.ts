/**
 * Expenses on the wire (API.md §4.12, §6.4; CATALOGUE ExpenseSheets, ExpenseItems, ExpenseTypes,
 * PaymentTypes, Currencies): sheets, items, their workflow actions and history, expense and payment
 * types, currencies. Money and rates are JSON numbers here; the store keeps exact scaled integers.
 */
import { Type, type Static } from '@sinclair/typebox';
import { DateString, Enum, Id, Instant, Nullable, Text } from './common.js';
import { BasicNamed, BasicUser } from './users.js';

// ——— enums ———

/** Sheet statuses are lower-case on the wire (API.md §4.12). */
export const EXPENSE_SHEET_STATUSES = ['open', 'waiting', 'approved', 'rejected', 'paid'] as const;
export type ExpenseSheetStatus = (typeof EXPENSE_SHEET_STATUSES)[number];
export const ExpenseSheetStatus = Enum(EXPENSE_SHEET_STATUSES);

export const EXPENSE_SHEET_ACTIONS = [
  'None',
  'Submit',
  'Approve',
  'Reject',
  'UndoSubmit',
  'UndoApproval',
  'MarkPaid',
  'RevertToUnpaid',
] as const;
export type ExpenseSheetAction = (typeof EXPENSE_SHEET_ACTIONS)[number];
export const ExpenseSheetActionName = Enum(EXPENSE_SHEET_ACTIONS);

/** `ExpenseType.Type`: an ordinary amount, or a distance paid at the type's Rate (DECISIONS 25). */
export const EXPENSE_TYPE_KINDS = ['Amount', 'Mileage'] as const;
export type ExpenseTypeKind = (typeof EXPENSE_TYPE_KINDS)[number];
export const ExpenseTypeKind = Enum(EXPENSE_TYPE_KINDS);

/** The MIME types ClickTime accepts for `ReceiptFileType` (CATALOGUE Post.ExpenseItemModel_*). */
export const RECEIPT_FILE_TYPES = [
  'image/jpeg',
  'image/x-jpeg',
  'image/pjpeg',
  'image/png',
  'image/x-png',
  'image/gif',
  'image/x-gif',
  'image/tiff',
  'image/x-tiff',
  'image/bmp',
  'image/x-bmp',
  'image/pdf',
  'application/pdf',
] as const;
export type ReceiptFileType = (typeof RECEIPT_FILE_TYPES)[number];

// ——— embedded objects (Verbose=true) ———

export const BasicExpenseSheet = Type.Object({
  ID: Type.String(),
  Title: Type.String(),
  ExpenseSheetDate: Type.String(),
  Status: ExpenseSheetStatus,
});
export const BasicJob = Type.Object({
  ID: Type.String(),
  Name: Type.String(),
  ClientID: Nullable(Type.String()),
  IsActive: Type.Boolean(),
  ListDisplayText: Type.String(),
});
export const BasicTask = Type.Object({
  ID: Type.String(),
  Name: Type.String(),
  IsActive: Type.Boolean(),
  ListDisplayText: Type.String(),
});
export const ActionItem = Type.Object({ Action: ExpenseSheetActionName });

// ——— expense sheets ———

/** Every field of the root and /Me sheet models; `UserID`/`User` only on the root model. */
export const ExpenseSheet = Type.Object({
  ID: Type.String(),
  UserID: Type.Optional(Type.String()),
  User: Type.Optional(Nullable(BasicUser)),
  Title: Type.String(),
  ExpenseSheetDate: Type.String(),
  Description: Type.String(),
  TrackingID: Type.String(),
  EnableForeignCurrency: Type.Boolean(),
  Status: ExpenseSheetStatus,
  Paid: Type.Boolean(),
  Check: Nullable(Type.String()),
  TotalAmount: Type.Number(),
  ReimbursableAmount: Type.Number(),
  SubmittedByUserID: Nullable(Type.String()),
  ApprovedByUserID: Nullable(Type.String()),
  RejectedByUserID: Nullable(Type.String()),
  // verbose
  Comment: Type.Optional(Nullable(Type.String())),
  ExpenseItemCount: Type.Optional(Type.Integer()),
  SubmittedBy: Type.Optional(Nullable(Type.String())),
  SubmittedDate: Type.Optional(Nullable(Type.String())),
  ApprovedBy: Type.Optional(Nullable(Type.String())),
  ApprovedDate: Type.Optional(Nullable(Type.String())),
  RejectedBy: Type.Optional(Nullable(Type.String())),
  RejectedDate: Type.Optional(Nullable(Type.String())),
  Actions: Type.Optional(Type.Array(ActionItem)),
});
export type ExpenseSheet = Static<typeof ExpenseSheet>;

const sheetWritable = {
  Title: Type.Optional(Type.String({ minLength: 1, maxLength: 255 })),
  ExpenseSheetDate: Type.Optional(DateString),
  Description: Type.Optional(Nullable(Text(4000))),
  TrackingID: Type.Optional(Nullable(Text())),
  EnableForeignCurrency: Type.Optional(Type.Boolean()),
};

/** POST /Me/ExpenseSheets: Title and ExpenseSheetDate are required (API.md §6.4). */
export const ExpenseSheetCreateMe = Type.Object({
  ...sheetWritable,
  Title: Type.String({ minLength: 1, maxLength: 255 }),
  ExpenseSheetDate: DateString,
});
export type ExpenseSheetCreateMe = Static<typeof ExpenseSheetCreateMe>;

/** POST /ExpenseSheets and /Manage/ExpenseSheets also name the owner (the caller when omitted). */
export const ExpenseSheetCreate = Type.Object({
  ...ExpenseSheetCreateMe.properties,
  UserID: Type.Optional(Id),
});
export type ExpenseSheetCreate = Static<typeof ExpenseSheetCreate>;

export const ExpenseSheetUpdate = Type.Object(sheetWritable);
export type ExpenseSheetUpdate = Static<typeof ExpenseSheetUpdate>;

export const ExpenseSheetActionBody = Type.Object({
  Action: ExpenseSheetActionName,
  Comment: Type.Optional(Nullable(Text(4000))),
  Check: Type.Optional(Nullable(Text())),
  CCNotifications: Type.Optional(Type.Array(Type.String(), { maxItems: 100 })),
});
export type ExpenseSheetActionBody = Static<typeof ExpenseSheetActionBody>;

export const ExpenseSheetHistory = Type.Object({
  Date: Instant,
  Action: Type.String(),
  ActionByUserID: Nullable(Type.String()),
  ActionByUserName: Type.String(),
  Comment: Nullable(Type.String()),
  ActionByUser: Type.Optional(Nullable(BasicUser)),
});
export type ExpenseSheetHistory = Static<typeof ExpenseSheetHistory>;

// ——— expense items ———

export const ExpenseItem = Type.Object({
  ID: Type.String(),
  ExpenseSheetID: Type.String(),
  ExpenseSheet: Type.Optional(Nullable(BasicExpenseSheet)),
  ExpenseDate: Type.String(),
  ExpenseTypeID: Type.String(),
  ExpenseType: Type.Optional(Nullable(BasicNamed)),
  PaymentTypeID: Type.String(),
  PaymentType: Type.Optional(Nullable(BasicNamed)),
  Description: Type.String(),
  Comment: Type.String(),
  Amount: Type.Number({ description: 'In the company currency, exact to the cent' }),
  Quantity: Nullable(Type.Number({ description: 'Distance in Company.MileageUnit for mileage types' })),
  Rate: Nullable(Type.Number({ description: 'Per-unit rate of a mileage item (4 decimals)' })),
  Currency: Type.String({ description: 'ISO-4217 code of Amount (the company currency)' }),
  AmountForeign: Nullable(Type.Number()),
  AmountForeignCurrency: Nullable(Type.String()),
  AmountForeignExchangeRate: Nullable(Type.Number()),
  HasForeignCurrency: Type.Boolean(),
  Billable: Type.Boolean(),
  Reimbursable: Type.Boolean(),
  JobID: Nullable(Type.String()),
  Job: Type.Optional(Nullable(BasicJob)),
  TaskID: Nullable(Type.String()),
  Task: Type.Optional(Nullable(BasicTask)),
  UserID: Type.Optional(Type.String()),
  User: Type.Optional(Nullable(BasicUser)),
  ReceiptURL: Nullable(Type.String()),
});
export type ExpenseItem = Static<typeof ExpenseItem>;

const money = (description?: string) =>
  Type.Number({ minimum: -1e9, maximum: 1e9, ...(description ? { description } : {}) });

const itemWritable = {
  ExpenseSheetID: Type.Optional(Id),
  ExpenseDate: Type.Optional(DateString),
  ExpenseTypeID: Type.Optional(Id),
  PaymentTypeID: Type.Optional(Id),
  Description: Type.Optional(Nullable(Text(4000))),
  Comment: Type.Optional(Nullable(Text(4000))),
  Amount: Type.Optional(money('Required unless a foreign amount is given; derived for mileage types')),
  Quantity: Type.Optional(
    Nullable(Type.Number({ minimum: 0, maximum: 1e7, description: 'Required for mileage types' })),
  ),
  AmountForeign: Type.Optional(
    Nullable(money('Required with AmountForeignCurrency (derived for mileage types)')),
  ),
  AmountForeignCurrency: Type.Optional(
    Nullable(Type.String({ pattern: '^[A-Za-z]{3}$', 'x-message': 'must be an ISO-4217 currency code' })),
  ),
  AmountForeignExchangeRate: Type.Optional(
    Nullable(
      Type.Number({
        exclusiveMinimum: 0,
        maximum: 1e6,
        description: 'Company-currency units per foreign unit',
      }),
    ),
  ),
  Billable: Type.Optional(Type.Boolean()),
  JobID: Type.Optional(Nullable(Id)),
  TaskID: Type.Optional(Nullable(Id)),
  Receipt: Type.Optional(Nullable(Type.String({ description: 'Base64 image or PDF (write-only)' }))),
  ReceiptFileType: Type.Optional(Nullable(Enum(RECEIPT_FILE_TYPES, 'MIME type of Receipt'))),
};
const rateField = {
  Rate: Type.Optional(
    Nullable(Type.Number({ minimum: 0, maximum: 1e6, description: 'Admin only: override the mileage rate' })),
  ),
};

/** POST /Me/ExpenseItems (no `Rate`: only an Admin sets it, on the root and /Manage scopes). */
export const ExpenseItemCreateMe = Type.Object({
  ...itemWritable,
  ExpenseSheetID: Id,
  ExpenseDate: DateString,
});
export const ExpenseItemCreate = Type.Object({ ...ExpenseItemCreateMe.properties, ...rateField });
export type ExpenseItemCreate = Static<typeof ExpenseItemCreate>;
export const ExpenseItemUpdateMe = Type.Object(itemWritable);
export const ExpenseItemUpdate = Type.Object({ ...itemWritable, ...rateField });
export type ExpenseItemUpdate = Static<typeof ExpenseItemUpdate>;

// ——— expense and payment types ———

export const ExpenseType = Type.Object({
  ID: Type.String(),
  Name: Type.String(),
  IsActive: Type.Boolean(),
  Description: Type.Optional(Type.String()),
  AccountingPackageID: Type.Optional(Type.String()),
  Rate: Nullable(Type.Number({ description: 'Per-unit rate of a mileage type, in Company.MileageUnit' })),
  Type: ExpenseTypeKind,
});
export type ExpenseType = Static<typeof ExpenseType>;

const expenseTypeWritable = {
  Name: Type.Optional(Type.String({ minLength: 1, maxLength: 255 })),
  IsActive: Type.Optional(Type.Boolean()),
  Description: Type.Optional(Nullable(Text(4000))),
  AccountingPackageID: Type.Optional(Nullable(Text())),
  Rate: Type.Optional(Nullable(Type.Number({ minimum: 0, maximum: 1e6 }))),
  Type: Type.Optional(ExpenseTypeKind),
};
export const ExpenseTypeCreate = Type.Object({
  ...expenseTypeWritable,
  Name: Type.String({ minLength: 1, maxLength: 255 }),
});
export type ExpenseTypeCreate = Static<typeof ExpenseTypeCreate>;
export const ExpenseTypeUpdate = Type.Object(expenseTypeWritable);
export type ExpenseTypeUpdate = Static<typeof ExpenseTypeUpdate>;

export const ReapplyRateResult = Type.Object({
  ExpenseTypeID: Type.String(),
  Rate: Type.Number(),
  UpdatedItemCount: Type.Integer(),
  UpdatedExpenseSheetIDs: Type.Array(Type.String()),
});

export const PaymentType = Type.Object({
  ID: Type.String(),
  Name: Type.String(),
  IsActive: Type.Boolean(),
  Description: Type.Optional(Type.String()),
  AccountingPackageID: Type.Optional(Type.String()),
  Reimbursable: Type.Boolean(),
});
export type PaymentType = Static<typeof PaymentType>;

const paymentTypeWritable = {
  Name: Type.Optional(Type.String({ minLength: 1, maxLength: 255 })),
  IsActive: Type.Optional(Type.Boolean()),
  Description: Type.Optional(Nullable(Text(4000))),
  AccountingPackageID: Type.Optional(Nullable(Text())),
  Reimbursable: Type.Optional(Type.Boolean()),
};
export const PaymentTypeCreate = Type.Object({
  ...paymentTypeWritable,
  Name: Type.String({ minLength: 1, maxLength: 255 }),
});
export type PaymentTypeCreate = Static<typeof PaymentTypeCreate>;
export const PaymentTypeUpdate = Type.Object(paymentTypeWritable);
export type PaymentTypeUpdate = Static<typeof PaymentTypeUpdate>;

// ——— currencies ———

export const Currency = Type.Object({
  Currency: Type.String(),
  CurrencyISO: Type.String(),
  CurrencySymbol: Type.String(),
  Rate: Nullable(
    Type.Number({ description: '1 for the company currency; no exchange-rate feed otherwise (null)' }),
  ),
});
export type Currency = Static<typeof Currency>;
