/**
 * Who may see and set billing rates (API.md §4.14; CATALOGUE BillingRates and the per-entity
 * BillingRates operations). Pure functions of the actor; add/edit implies seeing what one edits.
 */
import { hasPermission, type Actor } from '../../lib/permissions.js';
import type { RateEntity } from './billing-rates.rules.js';

/** Admin, or a Manager with View Billingrates (or Add/Edit Billingrates). */
export const canReadRates = (a: Actor) =>
  hasPermission(a, 'View Billingrates') || hasPermission(a, 'Add/Edit Billingrates');

/** Admin, or a Manager with Add/Edit Billingrates. */
export const canWriteRates = (a: Actor) => hasPermission(a, 'Add/Edit Billingrates');

/** PATCH /{Jobs|Clients|Users}/{id}/BillingRates/{id} also needs the right to edit that entity. */
export function canEditEntity(a: Actor, entity: RateEntity): boolean {
  switch (entity) {
    case 'jobs':
      return hasPermission(a, 'Add/Edit Jobs', { all: true });
    case 'clients':
      return hasPermission(a, 'Add/Edit Clients');
    case 'users':
      return hasPermission(a, 'Add/Edit People');
  }
}
