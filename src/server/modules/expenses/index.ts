/**
 * Expenses (API.md §4.12, §6.4): sheets, items, receipts, expense and payment types, currencies.
 */
export { seedExpenseDefaults, DEFAULT_MILEAGE_RATE } from './expenses.defaults.js';
export { expenseSheetsRoutes } from './sheets.routes.js';
export { expenseItemsRoutes } from './items.routes.js';
export { expenseTypesRoutes } from './types.routes.js';
export { findExpenseTypes, findPaymentTypes } from './types.store.js';
