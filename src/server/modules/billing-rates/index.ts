/**
 * Billing-rate matrices (docs/adr/0010-billing-rate-matrices.md). What other modules may use: the pure
 * rule of a pair's effective rate and the lookup of a pair's own rate (time entries resolve rates with
 * them when an entry is made).
 */
export { effectiveRate, isPairKind } from './billing-rates.rules.js';
export { pairRateOf } from './billing-rates.service.js';
export type { PairKind } from './billing-rates.store.js';
