/**
 * Clients (API.md §4.6): Admins and managers with Add/Edit Clients create and change them; only Admins
 * delete them, and only while no job refers to them (DECISIONS 19).
 */
import type { ClientCreate, ClientUpdate } from '../../../contract/master-data.js';
import type { Deps } from '../../deps.js';
import { FieldErrors, forbidden, notFound } from '../../errors.js';
import type { Paging } from '../../http/paging.js';
import type { Actor } from '../../lib/permissions.js';
import { customFieldRules } from '../custom-fields/index.js';
import { jobAccessFor } from './access.service.js';
import {
  deleteClient,
  findClient,
  insertClient,
  listClients,
  saveClient,
  type ClientFilter,
  type ClientRecord,
} from './clients.store.js';
import { at, deleteIfUnreferenced, RATE_FIELDS_IGNORED, scaledRate } from './common.js';
import { clientDisplayText } from './display.js';
import { countJobsOfClient } from './jobs.store.js';
import * as policy from './policy.js';
import { registerReferenceCheck } from './references.js';

// A client is in use while any job belongs to it.
registerReferenceCheck('Client', 'master-data.jobs', async (db, companyId, id) =>
  (await countJobsOfClient(db, companyId, id)) > 0 ? 'jobs' : null,
);

function requireList(actor: Actor): void {
  if (!policy.canList(actor)) throw forbidden('Only Admins and Managers can see clients.');
}

export async function listClientsFor(deps: Deps, actor: Actor, filter: ClientFilter, paging: Paging) {
  requireList(actor);
  return listClients(deps.db, actor.companyId, filter, paging);
}

export async function getClientFor(deps: Deps, actor: Actor, id: string): Promise<ClientRecord> {
  requireList(actor);
  const client = await findClient(deps.db, actor.companyId, id);
  if (!client) throw notFound('client');
  return client;
}

/** /Me/Clients: the clients of the jobs the caller may use. */
export async function listMyClients(deps: Deps, actor: Actor, filter: ClientFilter, paging: Paging) {
  const withJobsFor = await jobAccessFor(deps, actor.companyId, actor.userId);
  return listClients(deps.db, actor.companyId, { ...filter, withJobsFor }, paging);
}

export async function getMyClient(deps: Deps, actor: Actor, id: string): Promise<ClientRecord> {
  const { rows } = await listMyClients(deps, actor, { ids: [id] }, { limit: 1, offset: 0 });
  if (!rows[0]) throw notFound('client');
  return rows[0];
}

/** GET /Clients/new: a new client with the defaults, nothing stored. */
export function clientTemplate(companyId: string): ClientRecord {
  return {
    companyId,
    id: '',
    name: '',
    shortName: '',
    clientNumber: '',
    isActive: true,
    listDisplayText: '',
    notes: '',
    accountingPackageId: '',
    billingRate: null,
    secondaryBillingRateMode: 'INHERIT',
    isEligibleTimeOffAllocation: false,
    customFields: {},
    createdAt: '',
    updatedAt: '',
  };
}

interface Applied {
  errors: FieldErrors;
  warnings: Set<string>;
}

function apply(actor: Actor, c: ClientRecord, input: ClientUpdate, prefix: string, ctx: Applied): void {
  if (input.Name !== undefined) {
    c.name = input.Name.trim();
    if (c.name === '') ctx.errors.add(at(prefix, 'Name'), 'Name must not be empty.', ['invalid_field']);
  }
  if (input.ShortName !== undefined) c.shortName = input.ShortName.trim();
  if (input.ClientNumber !== undefined) c.clientNumber = input.ClientNumber.trim();
  if (input.IsActive !== undefined) c.isActive = input.IsActive;
  if (input.Notes !== undefined) c.notes = input.Notes;
  if (input.AccountingPackageID !== undefined) c.accountingPackageId = input.AccountingPackageID;
  if (input.IsEligibleTimeOffAllocation !== undefined)
    c.isEligibleTimeOffAllocation = input.IsEligibleTimeOffAllocation;
  if (input.BillingRate !== undefined || input.SecondaryBillingRateMode !== undefined) {
    if (policy.canSetRates(actor)) {
      const r = scaledRate(input.BillingRate, 'BillingRate', prefix, ctx.errors);
      if (r !== undefined) c.billingRate = r;
      if (input.SecondaryBillingRateMode !== undefined)
        c.secondaryBillingRateMode = input.SecondaryBillingRateMode;
    } else ctx.warnings.add(RATE_FIELDS_IGNORED);
  }
  c.listDisplayText = clientDisplayText(c);
}

function requireEdit(actor: Actor): void {
  if (!policy.clients.edit(actor)) throw forbidden('You need the Add/Edit Clients permission.');
}

export async function createClients(deps: Deps, actor: Actor, inputs: ClientCreate[], batch: boolean) {
  requireEdit(actor);
  const now = deps.clock().toISOString();
  const ctx: Applied = { errors: new FieldErrors(), warnings: new Set() };
  const rules = await customFieldRules(deps.db, actor.companyId, 'Client');
  const records = inputs.map((input, i) => {
    const prefix = batch ? `[${i}]` : '';
    const c: ClientRecord = {
      ...clientTemplate(actor.companyId),
      id: deps.newId(),
      createdAt: now,
      updatedAt: now,
    };
    apply(actor, c, input, prefix, ctx);
    c.customFields =
      rules.check(input.CustomFields, at(prefix, 'CustomFields'), ctx.errors, { creating: true }) ?? {};
    return c;
  });
  ctx.errors.throwIfAny();
  await deps.db.transaction().execute(async (tx) => {
    for (const c of records) await insertClient(tx, c);
  });
  return { records, warnings: [...ctx.warnings] };
}

export async function updateClient(deps: Deps, actor: Actor, id: string, input: ClientUpdate) {
  requireEdit(actor);
  const before = await getClientFor(deps, actor, id);
  const c: ClientRecord = { ...before };
  const ctx: Applied = { errors: new FieldErrors(), warnings: new Set() };
  apply(actor, c, input, '', ctx);
  const rules = await customFieldRules(deps.db, actor.companyId, 'Client');
  const custom = rules.check(input.CustomFields, 'CustomFields', ctx.errors);
  if (custom) c.customFields = custom;
  ctx.errors.throwIfAny();
  c.updatedAt = deps.clock().toISOString();
  await saveClient(deps.db, c);
  return { record: c, warnings: [...ctx.warnings] };
}

export async function removeClient(deps: Deps, actor: Actor, id: string): Promise<void> {
  if (!policy.canDelete(actor)) throw forbidden('Only an Admin can delete clients.');
  const client = await findClient(deps.db, actor.companyId, id);
  if (!client) throw notFound('client');
  await deleteIfUnreferenced(deps, actor.companyId, 'Client', client.id, 'client', (tx) =>
    deleteClient(tx, actor.companyId, client.id),
  );
}
