/**
 * The effective billing rate of a pair (docs/adr/0010-billing-rate-matrices.md). Pure; rates × 10^4.
 */
import type { EntityTable, PairKind, RateMode } from './billing-rates.store.js';

export const PAIR_KINDS: readonly PairKind[] = ['USER_JOB', 'USER_CLIENT', 'TASK_JOB', 'TASK_USER'];
export const isPairKind = (model: string): model is PairKind =>
  (PAIR_KINDS as readonly string[]).includes(model);

/** The entities with per-entity BillingRates lists. */
export type RateEntity = Extract<EntityTable, 'jobs' | 'clients' | 'users'>;

export interface PairRates {
  /** The primary's (person's or task's) own rate, or null. */
  primaryOwn: number | null;
  /** The secondary's SecondaryBillingRateMode (null for people: treated as CUSTOM). */
  secondaryMode: RateMode | null;
  /** The secondary's own rate (job's, client's, person's), or null. */
  secondaryOwn: number | null;
  /** The pair's own rate, or null. */
  pairRate: number | null;
  companyRate: number;
}

/** The mode that decides a pair: the secondary's; people have none and count as CUSTOM. */
export const modeOf = (kind: PairKind, secondaryMode: RateMode | null): RateMode =>
  kind === 'TASK_USER' ? 'CUSTOM' : (secondaryMode ?? 'INHERIT');

/** The primary's default rate: its own, else Company.DefaultBillingRate. */
export const defaultRate = (r: Pick<PairRates, 'primaryOwn' | 'companyRate'>): number =>
  r.primaryOwn ?? r.companyRate;

/**
 * INHERIT → the primary's default rate; FLAT → the secondary's own rate, else the company's;
 * CUSTOM → the pair's rate, else as INHERIT.
 */
export function effectiveRate(kind: PairKind, r: PairRates): number {
  switch (modeOf(kind, r.secondaryMode)) {
    case 'INHERIT':
      return defaultRate(r);
    case 'FLAT':
      return r.secondaryOwn ?? r.companyRate;
    case 'CUSTOM':
      return r.pairRate ?? defaultRate(r);
  }
}

/**
 * Which matrix a job's, client's or person's BillingRates list shows under the company's model, and
 * which side of its pairs the entity is; undefined when the model pairs it with nothing.
 */
export function matrixOf(
  entity: RateEntity,
  model: string,
): { kind: PairKind; entitySide: 'first' | 'second' } | undefined {
  switch (`${entity}:${model}`) {
    case 'jobs:USER_JOB':
      return { kind: 'USER_JOB', entitySide: 'second' };
    case 'jobs:TASK_JOB':
      return { kind: 'TASK_JOB', entitySide: 'second' };
    case 'clients:USER_CLIENT':
      return { kind: 'USER_CLIENT', entitySide: 'second' };
    case 'users:USER_JOB':
      return { kind: 'USER_JOB', entitySide: 'first' };
    case 'users:USER_CLIENT':
      return { kind: 'USER_CLIENT', entitySide: 'first' };
    case 'users:TASK_USER':
      return { kind: 'TASK_USER', entitySide: 'second' };
    default:
      return undefined;
  }
}
