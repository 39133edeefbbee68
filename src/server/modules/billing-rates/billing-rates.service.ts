/**
 * Billing-rate matrices (API.md §4.14; docs/adr/0010-billing-rate-matrices.md): the pair lists of
 * people × jobs, people × clients, tasks × jobs and tasks × people with each pair's effective rate, the
 * per-entity lists of a job's, client's or person's pairs under the company's BillingRateModel, and the
 * rate a new time entry gets under a pair model.
 */
import type { BillingRateUpdate } from '../../../contract/billing-rates.js';
import type { Deps } from '../../deps.js';
import { FieldErrors, forbidden, notFound } from '../../errors.js';
import type { Paging } from '../../http/paging.js';
import { RATE_SCALE, toScaled } from '../../lib/decimal.js';
import type { Actor } from '../../lib/permissions.js';
import { loadCompany, type EffectiveSettings } from '../company/index.js';
import { findClient, findJob } from '../master-data/index.js';
import { findUser } from '../users/index.js';
import { canEditEntity, canReadRates, canWriteRates } from './billing-rates.policy.js';
import { defaultRate, effectiveRate, matrixOf, modeOf, type RateEntity } from './billing-rates.rules.js';
import {
  findPair,
  findPairRate,
  listPairs,
  savePairRate,
  type PairKind,
  type PairRow,
  type RateMode,
  type Side,
} from './billing-rates.store.js';

/** A pair with what the wire shows of it; rates × 10^4. */
export interface PairView {
  row: PairRow;
  rate: number;
  defaultRate: number;
  mode: RateMode;
}

/** One row of a per-entity list: the other side of a pair. */
export interface EntityRateView {
  other: Side;
  otherType: 'User' | 'Job' | 'Client' | 'Task';
  rate: number;
  isBillable: boolean;
}

const companyRateOf = (settings: EffectiveSettings) =>
  toScaled(settings.DefaultBillingRate, RATE_SCALE)?.value ?? 0;

function view(kind: PairKind, row: PairRow, companyRate: number): PairView {
  const rates = {
    primaryOwn: row.first.ownRate,
    secondaryMode: row.second.mode,
    secondaryOwn: row.second.ownRate,
    pairRate: row.pairRate,
    companyRate,
  };
  return {
    row,
    rate: effectiveRate(kind, rates),
    defaultRate: defaultRate(rates),
    mode: modeOf(kind, row.second.mode),
  };
}

function requireRead(actor: Actor): void {
  if (!canReadRates(actor)) throw forbidden('You need the View Billingrates permission.');
}

function requireWrite(actor: Actor): void {
  if (!canWriteRates(actor)) throw forbidden('You need the Add/Edit Billingrates permission.');
}

/** The body's BillingRate × 10^4 (null removes the pair's own rate); 400 beyond 4 decimals. */
function scaledRate(input: BillingRateUpdate): number | null {
  if (input.BillingRate === null) return null;
  const s = toScaled(input.BillingRate, RATE_SCALE);
  if (!s || !s.exact) {
    const errors = new FieldErrors();
    errors.add('BillingRate', `BillingRate may have at most ${RATE_SCALE} decimal places.`, [
      'invalid_field',
    ]);
    errors.throwIfAny();
  }
  return s!.value;
}

export interface MatrixFilter {
  firstIds?: string[];
  secondIds?: string[];
}

export async function listMatrix(
  deps: Deps,
  actor: Actor,
  kind: PairKind,
  filter: MatrixFilter,
  paging: Paging,
): Promise<{ rows: PairView[]; count: number }> {
  requireRead(actor);
  const { settings } = await loadCompany(deps, actor.companyId);
  const { rows, count } = await listPairs(
    deps.db,
    actor.companyId,
    kind,
    { ...filter, activeFirst: true, activeSecond: true, orderBy: 'first' },
    paging,
  );
  const companyRate = companyRateOf(settings);
  return { rows: rows.map((r) => view(kind, r, companyRate)), count };
}

export async function setMatrixRate(
  deps: Deps,
  actor: Actor,
  kind: PairKind,
  firstId: string,
  secondId: string,
  input: BillingRateUpdate,
): Promise<PairView> {
  requireWrite(actor);
  const rate = scaledRate(input);
  const pair = await findPair(deps.db, actor.companyId, kind, firstId, secondId);
  if (!pair) throw notFound('pair');
  await savePairRate(deps.db, actor.companyId, kind, firstId, secondId, rate, deps.clock().toISOString());
  const { settings } = await loadCompany(deps, actor.companyId);
  return view(kind, { ...pair, pairRate: rate }, companyRateOf(settings));
}

// ——— per entity: /{Jobs|Clients|Users}/{id}/BillingRates ———

const TYPE_OF = { users: 'User', jobs: 'Job', clients: 'Client', tasks: 'Task' } as const;
const OTHER_TABLE: Record<PairKind, Record<'first' | 'second', keyof typeof TYPE_OF>> = {
  USER_JOB: { first: 'users', second: 'jobs' },
  USER_CLIENT: { first: 'users', second: 'clients' },
  TASK_JOB: { first: 'tasks', second: 'jobs' },
  TASK_USER: { first: 'tasks', second: 'users' },
};

async function requireEntity(deps: Deps, actor: Actor, entity: RateEntity, id: string): Promise<void> {
  const found =
    entity === 'jobs'
      ? await findJob(deps.db, actor.companyId, id)
      : entity === 'clients'
        ? await findClient(deps.db, actor.companyId, id)
        : await findUser(deps.db, actor.companyId, id);
  if (!found) throw notFound(entity === 'users' ? 'person' : entity.slice(0, -1));
}

function entityView(
  kind: PairKind,
  entitySide: 'first' | 'second',
  v: PairView,
  settings: EffectiveSettings,
): EntityRateView {
  const otherSide = entitySide === 'first' ? 'second' : 'first';
  const other = v.row[otherSide];
  const tables = OTHER_TABLE[kind];
  const task = tables.first === 'tasks' ? v.row.first : undefined;
  const job = tables.second === 'jobs' ? v.row.second : undefined;
  const billable =
    settings.BillableSetting === 'Task'
      ? (task?.isBillable ?? job?.isBillable)
      : (job?.isBillable ?? task?.isBillable);
  return { other, otherType: TYPE_OF[tables[otherSide]], rate: v.rate, isBillable: billable ?? true };
}

interface EntityQuery {
  otherIds?: string[];
  activeOther: boolean;
}

async function entityPairs(
  deps: Deps,
  actor: Actor,
  entity: RateEntity,
  id: string,
  q: EntityQuery,
  paging: Paging,
): Promise<{ rows: EntityRateView[]; count: number }> {
  await requireEntity(deps, actor, entity, id);
  const { settings } = await loadCompany(deps, actor.companyId);
  const matrix = matrixOf(entity, settings.BillingRateModel);
  if (!matrix) return { rows: [], count: 0 };
  const { kind, entitySide } = matrix;
  const mine = entitySide === 'first';
  const { rows, count } = await listPairs(
    deps.db,
    actor.companyId,
    kind,
    {
      ...(mine ? { firstIds: [id] } : { secondIds: [id] }),
      ...(q.otherIds ? (mine ? { secondIds: q.otherIds } : { firstIds: q.otherIds }) : {}),
      activeFirst: mine ? false : q.activeOther,
      activeSecond: mine ? q.activeOther : false,
      orderBy: mine ? 'second' : 'first',
    },
    paging,
  );
  const companyRate = companyRateOf(settings);
  return {
    rows: rows.map((r) => entityView(kind, entitySide, view(kind, r, companyRate), settings)),
    count,
  };
}

export async function listEntityRates(
  deps: Deps,
  actor: Actor,
  entity: RateEntity,
  id: string,
  otherIds: string[] | undefined,
  paging: Paging,
) {
  requireRead(actor);
  return entityPairs(
    deps,
    actor,
    entity,
    id,
    { ...(otherIds ? { otherIds } : {}), activeOther: true },
    paging,
  );
}

export async function getEntityRate(
  deps: Deps,
  actor: Actor,
  entity: RateEntity,
  id: string,
  otherId: string,
): Promise<EntityRateView> {
  requireRead(actor);
  const { rows } = await entityPairs(
    deps,
    actor,
    entity,
    id,
    { otherIds: [otherId], activeOther: false },
    { limit: 1, offset: 0 },
  );
  if (!rows[0]) throw notFound('billing rate');
  return rows[0];
}

export async function setEntityRate(
  deps: Deps,
  actor: Actor,
  entity: RateEntity,
  id: string,
  otherId: string,
  input: BillingRateUpdate,
): Promise<EntityRateView> {
  requireWrite(actor);
  if (!canEditEntity(actor, entity)) {
    throw forbidden(
      entity === 'jobs'
        ? 'You need the Add/Edit Jobs permission for all jobs.'
        : entity === 'clients'
          ? 'You need the Add/Edit Clients permission.'
          : 'You need the Add/Edit People permission.',
    );
  }
  const rate = scaledRate(input);
  await getEntityRate(deps, actor, entity, id, otherId);
  const { settings } = await loadCompany(deps, actor.companyId);
  const { kind, entitySide } = matrixOf(entity, settings.BillingRateModel)!;
  const [firstId, secondId] = entitySide === 'first' ? [id, otherId] : [otherId, id];
  await savePairRate(deps.db, actor.companyId, kind, firstId, secondId, rate, deps.clock().toISOString());
  return getEntityRate(deps, actor, entity, id, otherId);
}

// ——— for time entries ———

/** The pair's own rate × 10^4 (for resolveRates), or undefined. */
export const pairRateOf = (
  deps: Deps,
  companyId: string,
  kind: PairKind,
  firstId: string,
  secondId: string,
): Promise<number | undefined> => findPairRate(deps.db, companyId, kind, firstId, secondId);
