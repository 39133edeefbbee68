/**
 * Billing-rate matrices and per-entity billing rates on the wire (API.md §4.14; CATALOGUE BillingRates,
 * BillingRate_*Model_Root, BillingRateModel_Root; docs/adr/0010-billing-rate-matrices.md).
 */
import { Type, type Static } from '@sinclair/typebox';
import { Enum, Nullable } from './common.js';
import { BasicJob, BasicTask } from './expenses.js';
import { BasicClient, SecondaryBillingRateMode } from './master-data.js';
import { BasicUser } from './users.js';

const Rate = Type.Number();

export const BillingRateUserJob = Type.Object({
  UserID: Type.String(),
  User: Type.Optional(Nullable(BasicUser)),
  JobID: Type.String(),
  Job: Type.Optional(Nullable(BasicJob)),
  BillingRate: Rate,
  UserDefaultBillingRate: Rate,
  SecondaryBillingRateMode,
});
export type BillingRateUserJob = Static<typeof BillingRateUserJob>;

export const BillingRateUserClient = Type.Object({
  UserID: Type.String(),
  User: Type.Optional(Nullable(BasicUser)),
  ClientID: Type.String(),
  Client: Type.Optional(Nullable(BasicClient)),
  BillingRate: Rate,
  UserDefaultBillingRate: Rate,
  SecondaryBillingRateMode,
});

export const BillingRateTaskJob = Type.Object({
  TaskID: Type.String(),
  Task: Type.Optional(Nullable(BasicTask)),
  JobID: Type.String(),
  Job: Type.Optional(Nullable(BasicJob)),
  BillingRate: Rate,
  TaskDefaultBillingRate: Rate,
  SecondaryBillingRateMode,
});

export const BillingRateTaskUser = Type.Object({
  TaskID: Type.String(),
  Task: Type.Optional(Nullable(BasicTask)),
  UserID: Type.String(),
  User: Type.Optional(Nullable(BasicUser)),
  BillingRate: Rate,
  TaskDefaultBillingRate: Rate,
  SecondaryBillingRateMode,
});

/** BillingRateModel_Root: the other side of a pair, seen from one job, client or person. */
export const BillingRate = Type.Object({
  ID: Type.String(),
  Name: Type.String(),
  Type: Enum(['User', 'Job', 'Client', 'Task'] as const),
  BillingRate: Rate,
  IsBillable: Type.Boolean(),
});
export type BillingRate = Static<typeof BillingRate>;

/** Patch.BillingRateModel_Root; `null` removes a pair's own rate (a Punchclock extension). */
export const BillingRateUpdate = Type.Object({
  BillingRate: Nullable(
    Type.Number({
      minimum: 0,
      maximum: 1e9,
      description: 'The rate; Extension: null removes the pair’s own rate (it then follows its mode again)',
    }),
  ),
});
export type BillingRateUpdate = Static<typeof BillingRateUpdate>;
