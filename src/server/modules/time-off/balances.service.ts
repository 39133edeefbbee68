/**
 * A person's leave types with their balances (docs/adr/0008-time-off-balances.md): /Me/TimeOffTypes,
 * /Users/{id}/TimeOffTypes, /Manage/Users/{id}/TimeOffTypes, FutureBalance, BalanceAdjustments and
 * BalanceHistory, and the balance-settings PATCH (a Punchclock extension).
 *
 * A person's balance settings are their own row in user_time_off_types when an Admin gave them one, else
 * the type's defaults: StartingBalance = DefaultStartingBalance, AccrualRate = DefaultAccrualRate,
 * MaximumBalance = DefaultMaximumBalance, AccrualStartDate = the person's StartDate, or the day the person
 * was created. CurrentBalance is the ledger at the end of today (UTC); FutureBalance at the end of the
 * date asked for, counting the time off already scheduled until then.
 */
import type { BalanceAdjustment, PersonTimeOffTypeUpdate } from '../../../contract/time-off.js';
import type { Db } from '../../db/connect.js';
import type { Deps } from '../../deps.js';
import { AppError, FieldErrors, forbidden, notFound } from '../../errors.js';
import type { Paging } from '../../http/paging.js';
import type { Actor } from '../../lib/permissions.js';
import type { EffectiveSettings } from '../company/index.js';
import { findUser, findUsers, type UserRecord } from '../users/index.js';
import { balanceOn, ledger, type BalanceSettings, type LedgerRow } from './balance.js';
import { usageOf } from './entries.store.js';
import { allowedTypeIds, nameOf, pathDate, settingsOf, todayFor } from './time-off.common.js';
import { parseBalanceHours } from './time-off.hours.js';
import {
  canAdjustBalances,
  personTypesReach,
  reaches,
  selfOnly,
  type PersonTypesScope,
  type Reach,
} from './time-off.policy.js';
import {
  adjustmentsOf,
  deletePersonSettings,
  findType,
  insertAdjustment,
  listTypes,
  lockBalances,
  personSettings,
  savePersonSettings,
  type PersonSettingsRecord,
  type TimeOffTypeRecord,
  type TypeFilter,
} from './types.store.js';

export interface PersonType {
  type: TimeOffTypeRecord;
  balance: BalanceSettings;
  /** The person's TimeOffApproverID, else the type's DefaultApproverID. */
  approverId: string | null;
  /** × 10^4, at the end of `asOf`. */
  currentBalance: number;
}

export function balanceSettingsOf(
  person: UserRecord,
  type: TimeOffTypeRecord,
  own: PersonSettingsRecord | undefined,
): BalanceSettings {
  if (own) {
    return {
      startingBalance: own.startingBalance,
      accrualRate: own.accrualRate,
      accrualStartDate: own.accrualStartDate,
      maximumBalance: own.maximumBalance,
    };
  }
  return {
    startingBalance: type.defaultStartingBalance,
    accrualRate: type.defaultAccrualRate,
    accrualStartDate: person.startDate ?? person.createdAt.slice(0, 10),
    maximumBalance: type.defaultMaximumBalance,
  };
}

/** The balances of several of a person's types at the end of `asOf`, in one read of each table. */
export async function personTypes(
  db: Db,
  person: UserRecord,
  types: TimeOffTypeRecord[],
  asOf: string,
): Promise<PersonType[]> {
  const ids = types.map((t) => t.id);
  const [own, usage, adjustments] = await Promise.all([
    personSettings(db, person.companyId, person.id, ids),
    usageOf(db, person.companyId, person.id, ids),
    adjustmentsOf(db, person.companyId, person.id, ids),
  ]);
  return types.map((type) => {
    const balance = balanceSettingsOf(person, type, own.get(type.id));
    const used = usage
      .filter((u) => u.typeId === type.id)
      .map((u) => ({ date: u.date, hours: u.hours, ref: u.id }));
    const sets = adjustments.filter((a) => a.typeId === type.id);
    return {
      type,
      balance,
      approverId: person.timeOffApproverId ?? type.defaultApproverId,
      currentBalance: balanceOn(balance, used, sets, asOf),
    };
  });
}

// ——— whose types ———

export type PersonScope = 'me' | PersonTypesScope;

async function reachablePerson(deps: Deps, actor: Actor, reach: Reach, userId: string): Promise<UserRecord> {
  const person = await findUser(deps.db, actor.companyId, userId);
  if (!person || !reaches(reach, person)) throw notFound('user');
  return person;
}

async function personFor(deps: Deps, actor: Actor, scope: PersonScope, userId: string) {
  const reach = scope === 'me' ? selfOnly(actor.userId) : personTypesReach(actor, scope);
  const person = await reachablePerson(deps, actor, reach, scope === 'me' ? actor.userId : userId);
  const settings = await settingsOf(deps, actor.companyId);
  const allowed = await allowedTypeIds(deps.db, settings, person);
  return { person, settings, allowed };
}

async function typeOf(deps: Deps, person: UserRecord, allowed: string[] | undefined, typeId: string) {
  const type = await findType(deps.db, person.companyId, typeId);
  if (!type || (allowed && !allowed.includes(type.id))) throw notFound('time-off type');
  return type;
}

export interface PersonTypesPage {
  person: UserRecord;
  settings: EffectiveSettings;
  rows: PersonType[];
  count: number;
}

export async function listPersonTypes(
  deps: Deps,
  actor: Actor,
  scope: PersonScope,
  userId: string,
  filter: TypeFilter,
  paging: Paging,
): Promise<PersonTypesPage> {
  const { person, settings, allowed } = await personFor(deps, actor, scope, userId);
  const { rows, count } = await listTypes(
    deps.db,
    actor.companyId,
    { ...filter, ...(allowed ? { allowedIds: allowed } : {}) },
    paging,
  );
  return { person, settings, rows: await personTypes(deps.db, person, rows, todayFor(deps)), count };
}

export async function getPersonType(
  deps: Deps,
  actor: Actor,
  scope: PersonScope,
  userId: string,
  typeId: string,
) {
  const { person, settings, allowed } = await personFor(deps, actor, scope, userId);
  const type = await typeOf(deps, person, allowed, typeId);
  const [row] = await personTypes(deps.db, person, [type], todayFor(deps));
  return { person, settings, row: row! };
}

/** …/FutureBalance/{date}: not for inactive types (409). */
export async function futureBalance(
  deps: Deps,
  actor: Actor,
  scope: 'me' | 'manageFuture',
  userId: string,
  typeId: string,
  rawDate: string,
) {
  const date = pathDate(rawDate);
  const { person, allowed } = await personFor(deps, actor, scope, userId);
  const type = await typeOf(deps, person, allowed, typeId);
  if (!type.isActive) {
    throw new AppError(
      'invalid_state',
      `The time-off type "${type.name}" is inactive; it has no future balance.`,
      {
        field: 'TimeOffTypeID',
      },
    );
  }
  const [row] = await personTypes(deps.db, person, [type], date);
  return { TimeOffTypeID: type.id, Date: date, FutureBalance: row!.currentBalance };
}

// ——— the person's own settings (extension) ———

export async function updatePersonType(
  deps: Deps,
  actor: Actor,
  userId: string,
  typeId: string,
  input: PersonTimeOffTypeUpdate,
) {
  if (!canAdjustBalances(actor)) throw forbidden("Only an Admin can change a person's balance settings.");
  const { person, allowed } = await personFor(deps, actor, 'users', userId);
  const type = await typeOf(deps, person, allowed, typeId);
  const now = deps.clock().toISOString();
  if (input.ResetToDefaults) {
    await deletePersonSettings(deps.db, actor.companyId, person.id, type.id);
  }
  const changes = (['StartingBalance', 'AccrualRate', 'AccrualStartDate', 'MaximumBalance'] as const).filter(
    (f) => input[f] !== undefined,
  );
  if (changes.length > 0) {
    const own = (await personSettings(deps.db, actor.companyId, person.id, [type.id])).get(type.id);
    const current = balanceSettingsOf(person, type, own);
    const next: PersonSettingsRecord = { userId: person.id, typeId: type.id, ...current };
    const errors = new FieldErrors();
    const hours = (value: number, field: string, set: (v: number) => void) => {
      const p = parseBalanceHours(value, field);
      if (p.ok) set(p.value);
      else errors.add(field, p.message, ['invalid_field']);
    };
    if (input.StartingBalance !== undefined)
      hours(input.StartingBalance, 'StartingBalance', (v) => (next.startingBalance = v));
    if (input.AccrualRate !== undefined)
      hours(input.AccrualRate, 'AccrualRate', (v) => (next.accrualRate = v));
    if (input.AccrualStartDate !== undefined) next.accrualStartDate = input.AccrualStartDate;
    if (input.MaximumBalance !== undefined) {
      if (input.MaximumBalance === null) next.maximumBalance = null;
      else hours(input.MaximumBalance, 'MaximumBalance', (v) => (next.maximumBalance = v));
    }
    errors.throwIfAny();
    await savePersonSettings(deps.db, actor.companyId, next, now);
  }
  return getPersonType(deps, actor, 'users', person.id, type.id);
}

// ——— adjustments and history ———

const ADJUSTMENT_REF = 'adjustment:';

export interface HistoryRow {
  Date: string;
  Action: LedgerRow['action'];
  /** × 10^4 */
  HoursDifference: number;
  /** × 10^4 */
  Balance: number;
  Notes: string;
  ActionByUserID: string | null;
  ActionByUserName: string;
}

/** The ledger of one person and type through `asOf`, as history rows, oldest first. */
async function historyRows(deps: Deps, person: UserRecord, type: TimeOffTypeRecord, asOf: string) {
  const [own, usage, adjustments] = await Promise.all([
    personSettings(deps.db, person.companyId, person.id, [type.id]),
    usageOf(deps.db, person.companyId, person.id, [type.id]),
    adjustmentsOf(deps.db, person.companyId, person.id, [type.id]),
  ]);
  const balance = balanceSettingsOf(person, type, own.get(type.id));
  const rows = ledger(
    balance,
    usage.map((u) => ({ date: u.date, hours: u.hours, ref: u.id })),
    adjustments.map((a) => ({ date: a.date, hours: a.hours, seq: a.seq, ref: `${ADJUSTMENT_REF}${a.seq}` })),
    asOf,
  );
  const usageById = new Map(usage.map((u) => [u.id, u]));
  const adjustmentByRef = new Map(adjustments.map((a) => [`${ADJUSTMENT_REF}${a.seq}`, a]));
  const creators = new Map(
    (
      await findUsers(
        deps.db,
        person.companyId,
        usage.map((u) => u.createdByUserId).filter((v): v is string => v !== null),
      )
    ).map((u) => [u.id, u.name]),
  );
  return rows.map((r): HistoryRow & { ref: string | null } => {
    const base = {
      Date: r.date,
      Action: r.action,
      HoursDifference: r.difference,
      Balance: r.balance,
      ref: r.ref,
    };
    if (r.action === 'Deduct') {
      const u = r.ref ? usageById.get(r.ref) : undefined;
      return {
        ...base,
        Notes: u?.notes ?? '',
        ActionByUserID: u?.createdByUserId ?? null,
        ActionByUserName: (u?.createdByUserId && creators.get(u.createdByUserId)) || '',
      };
    }
    if (r.action === 'Set') {
      const a = r.ref ? adjustmentByRef.get(r.ref) : undefined;
      return {
        ...base,
        Notes: a?.notes ?? '',
        ActionByUserID: a?.actionByUserId ?? null,
        ActionByUserName: a?.actionByUserName ?? '',
      };
    }
    return {
      ...base,
      Notes: r.action === 'Add' ? 'Starting balance' : 'Accrual',
      ActionByUserID: null,
      ActionByUserName: '',
    };
  });
}

/** BalanceHistory: the ledger through today, newest first (Date desc). */
export async function balanceHistory(
  deps: Deps,
  actor: Actor,
  userId: string,
  typeId: string,
  paging: Paging,
) {
  if (!canAdjustBalances(actor)) throw forbidden('Only an Admin can see balance history.');
  const { person, allowed } = await personFor(deps, actor, 'users', userId);
  const type = await typeOf(deps, person, allowed, typeId);
  const rows = (await historyRows(deps, person, type, todayFor(deps))).reverse();
  return {
    rows: rows.slice(paging.offset, paging.offset + paging.limit).map(({ ref, ...r }) => (void ref, r)),
    count: rows.length,
  };
}

/** BalanceAdjustments {Action: "Set"}: the balance at the end of Date becomes Hours. */
export async function adjustBalance(
  deps: Deps,
  actor: Actor,
  userId: string,
  typeId: string,
  input: BalanceAdjustment,
): Promise<HistoryRow> {
  if (!canAdjustBalances(actor)) throw forbidden('Only an Admin can adjust balances.');
  const { person, allowed } = await personFor(deps, actor, 'users', userId);
  const type = await typeOf(deps, person, allowed, typeId);
  const hours = parseBalanceHours(input.Hours, 'Hours');
  if (!hours.ok) throw new AppError('invalid_field', hours.message, { field: 'Hours' });
  const actorName = await nameOf(deps, actor);
  const added = await deps.db.transaction().execute(async (tx) => {
    await lockBalances(tx, deps.dialect.name, actor.companyId, person.id);
    return insertAdjustment(tx, actor.companyId, {
      userId: person.id,
      typeId: type.id,
      action: 'Set',
      date: input.Date,
      hours: hours.value,
      notes: input.Notes ?? '',
      actionByUserId: actor.userId,
      actionByUserName: actorName,
      createdAt: deps.clock().toISOString(),
    });
  });
  const today = todayFor(deps);
  const rows = await historyRows(deps, person, type, input.Date > today ? input.Date : today);
  const row = rows.find((r) => r.ref === `${ADJUSTMENT_REF}${added.seq}`);
  if (!row) throw new Error('the new adjustment is missing from the ledger');
  const { ref, ...out } = row;
  void ref;
  return out;
}
