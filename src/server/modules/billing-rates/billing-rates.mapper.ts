/** Pairs and per-entity rows on the wire (CATALOGUE BillingRate_*Model_Root, BillingRateModel_Root). */
import type { BillingRate } from '../../../contract/billing-rates.js';
import { fromScaled, RATE_SCALE } from '../../lib/decimal.js';
import type { EntityRateView, PairView } from './billing-rates.service.js';
import type { EntityTable, PairKind, Side } from './billing-rates.store.js';

const rate = (v: number) => fromScaled(v, RATE_SCALE);

/** The Basic…Model embedded with Verbose=true. */
function basic(table: EntityTable, s: Side): Record<string, unknown> {
  switch (table) {
    case 'users':
      return { ID: s.id, Name: s.name, Email: s.email ?? '', IsActive: s.isActive };
    case 'jobs':
      return {
        ID: s.id,
        Name: s.name,
        ClientID: s.clientId,
        IsActive: s.isActive,
        ListDisplayText: s.displayText,
      };
    case 'clients':
    case 'tasks':
      return { ID: s.id, Name: s.name, IsActive: s.isActive, ListDisplayText: s.displayText };
  }
}

const WIRE: Record<PairKind, { first: [EntityTable, string]; second: [EntityTable, string]; def: string }> = {
  USER_JOB: { first: ['users', 'User'], second: ['jobs', 'Job'], def: 'UserDefaultBillingRate' },
  USER_CLIENT: { first: ['users', 'User'], second: ['clients', 'Client'], def: 'UserDefaultBillingRate' },
  TASK_JOB: { first: ['tasks', 'Task'], second: ['jobs', 'Job'], def: 'TaskDefaultBillingRate' },
  TASK_USER: { first: ['tasks', 'Task'], second: ['users', 'User'], def: 'TaskDefaultBillingRate' },
};

export function toPairWire(kind: PairKind, v: PairView, verbose: boolean): Record<string, unknown> {
  const w = WIRE[kind];
  const out: Record<string, unknown> = {
    [`${w.first[1]}ID`]: v.row.first.id,
    [`${w.second[1]}ID`]: v.row.second.id,
    BillingRate: rate(v.rate),
    [w.def]: rate(v.defaultRate),
    SecondaryBillingRateMode: v.mode,
  };
  if (verbose) {
    out[w.first[1]] = basic(w.first[0], v.row.first);
    out[w.second[1]] = basic(w.second[0], v.row.second);
  }
  return out;
}

export const toEntityRateWire = (v: EntityRateView): BillingRate => ({
  ID: v.other.id,
  Name: v.other.name,
  Type: v.otherType,
  BillingRate: rate(v.rate),
  IsBillable: v.isBillable,
});
