/**
 * Who may see and change people (API.md §4.3, §5; CATALOGUE Users, Manage/Users).
 */
import {
  hasPermission,
  isAdmin,
  isAdminOrManager,
  scopeOf,
  type Actor,
  type PermissionName,
  type Scope,
} from '../../lib/permissions.js';
import type { UserRecord } from './users.store.js';

export const canListPeople = isAdminOrManager;
export const canAddEditPeopleEverywhere = (a: Actor) => hasPermission(a, 'Add/Edit People', { all: true });
export const canDeletePeople = isAdmin;
export const canManagePermissions = isAdmin;
export const canSetSecurityLevel = isAdmin;
export const canSetBillingRates = (a: Actor) => hasPermission(a, 'Add/Edit Billingrates');
export const canSetCosts = (a: Actor) => hasPermission(a, 'Add/Edit Costs');

/** /Manage/Users read scope: View People, or Add/Edit People (which implies seeing whom one edits). */
export function manageViewScope(a: Actor): Scope {
  const view = scopeOf(a, 'View People');
  return view.kind !== 'none' ? view : scopeOf(a, 'Add/Edit People');
}

export const manageEditScope = (a: Actor): Scope => scopeOf(a, 'Add/Edit People');

export function inScope(scope: Scope, user: Pick<UserRecord, 'divisionId'>): boolean {
  switch (scope.kind) {
    case 'all':
      return true;
    case 'divisions':
      return user.divisionId !== null && scope.divisionIds.includes(user.divisionId);
    case 'projects':
    case 'none':
      return false;
  }
}

/** Groups of fields a caller may see on the root and manage user models. */
export interface UserVisibility {
  /** Everything about the person except money (Admin, View People for all Divisions, /Manage scope). */
  full: boolean;
  timesheets: boolean;
  expenses: boolean;
  resourcePlanning: boolean;
  billingRates: boolean;
  costs: boolean;
}

export function rootVisibility(a: Actor, withPermission: PermissionName | undefined): UserVisibility {
  const holds = (p: PermissionName) => withPermission === p && hasPermission(a, p);
  return {
    full: hasPermission(a, 'View People', { all: true }),
    timesheets: holds('Review timesheets'),
    expenses: holds('Review Expenses'),
    resourcePlanning: holds('View Resource Management'),
    billingRates: hasPermission(a, 'View Billingrates'),
    costs: hasPermission(a, 'View Costs'),
  };
}

export function manageVisibility(a: Actor): UserVisibility {
  return {
    full: true,
    timesheets: true,
    expenses: true,
    resourcePlanning: true,
    billingRates: hasPermission(a, 'View Billingrates'),
    costs: hasPermission(a, 'View Costs'),
  };
}
