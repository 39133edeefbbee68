/**
 * Who may see and change whose expenses (API.md §5, CATALOGUE ExpenseSheets/ExpenseItems), pure.
 *
 * A manager's expense permission reaches a person when its AccessLevel is All, when the person is in
 * one of the manager's permission divisions (Divisions), or — whatever the level — when the manager is
 * that person's expense approver or the person himself. Admins reach everyone.
 *
 *   scope   read                               write (create/edit/delete)     actions POST
 *   /Me     own sheets                         own, before submission        owner (subject to approval)
 *   root    Review Expenses                    Override Expenses             Approve | Override | Mark paid
 *   Manage  Review or Approve Expenses         Override Expenses             Approve Expenses
 */
import { isAdmin, scopeOf, type Actor, type PermissionName } from '../../lib/permissions.js';
import type { CallerRole } from './expenses.workflow.js';

export type ExpenseScope = 'me' | 'root' | 'manage';

export interface Owner {
  id: string;
  divisionId: string | null;
  expenseApproverId: string | null;
  subjectToExpenseApproval: boolean;
}

export type Reach =
  | { kind: 'all' }
  | { kind: 'some'; divisionIds: readonly string[]; userId: string }
  | { kind: 'none' }
  /** Only the caller's own records (/Me). */
  | { kind: 'self'; userId: string };

export const REVIEW: PermissionName = 'Review Expenses';
export const APPROVE: PermissionName = 'Approve Expenses';
export const OVERRIDE: PermissionName = 'Override Expenses';
export const MARK_PAID: PermissionName = 'Mark Expenses as Paid';

/** Whom any of the permissions reaches. */
export function reachOf(actor: Actor, permissions: readonly PermissionName[]): Reach {
  if (isAdmin(actor)) return { kind: 'all' };
  const divisions = new Set<string>();
  let any = false;
  for (const p of permissions) {
    const s = scopeOf(actor, p);
    switch (s.kind) {
      case 'all':
        return { kind: 'all' };
      case 'divisions':
        any = true;
        for (const d of s.divisionIds) divisions.add(d);
        break;
      case 'projects':
        any = true;
        break;
      case 'none':
        break;
    }
  }
  return any ? { kind: 'some', divisionIds: [...divisions], userId: actor.userId } : { kind: 'none' };
}

export function reaches(
  reach: Reach,
  owner: Pick<Owner, 'id' | 'divisionId' | 'expenseApproverId'>,
): boolean {
  switch (reach.kind) {
    case 'all':
      return true;
    case 'none':
      return false;
    case 'self':
      return owner.id === reach.userId;
    case 'some':
      return (
        owner.id === reach.userId ||
        owner.expenseApproverId === reach.userId ||
        (owner.divisionId !== null && reach.divisionIds.includes(owner.divisionId))
      );
  }
}

/** Whose sheets and items a scope shows (404 beyond it). */
export function readReach(actor: Actor, scope: ExpenseScope): Reach {
  switch (scope) {
    case 'me':
      return { kind: 'self', userId: actor.userId };
    case 'root':
      return reachOf(actor, [REVIEW]);
    case 'manage':
      return reachOf(actor, [REVIEW, APPROVE]);
  }
}

/** Whose sheets and items a scope may create, change and delete. */
export function writeReach(actor: Actor, scope: ExpenseScope): Reach {
  return scope === 'me' ? { kind: 'self', userId: actor.userId } : reachOf(actor, [OVERRIDE]);
}

/** Whose sheets a scope may act on: the permissions that can perform some action. */
export function actionReach(actor: Actor, scope: ExpenseScope): Reach {
  switch (scope) {
    case 'me':
      return { kind: 'self', userId: actor.userId };
    case 'root':
      return reachOf(actor, [APPROVE, OVERRIDE, MARK_PAID]);
    case 'manage':
      return reachOf(actor, [APPROVE]);
  }
}

/** Who may download a receipt: anyone who can see the item in some scope. */
export function seesExpensesOf(actor: Actor, owner: Owner): boolean {
  return owner.id === actor.userId || reaches(reachOf(actor, [REVIEW, APPROVE, OVERRIDE, MARK_PAID]), owner);
}

/** The caller's role towards one sheet's owner, for the workflow. */
export function callerRole(actor: Actor, owner: Owner, allowManagerUnapproval: boolean): CallerRole {
  const holds = (p: PermissionName) => reaches(reachOf(actor, [p]), owner);
  return {
    isOwner: owner.id === actor.userId,
    isAdmin: isAdmin(actor),
    isDesignatedApprover: owner.expenseApproverId !== null && owner.expenseApproverId === actor.userId,
    approve: holds(APPROVE),
    override: holds(OVERRIDE),
    markPaid: holds(MARK_PAID),
    allowManagerUnapproval,
  };
}

/** Only an Admin, on the root and /Manage scopes, sets an item's Rate (API.md §4.12). */
export const maySetItemRate = (actor: Actor, scope: ExpenseScope): boolean =>
  scope !== 'me' && isAdmin(actor);

/** Expense and payment types: Admins, and managers with the Add/Edit permission (DECISIONS 25). */
export function mayEditTypes(actor: Actor, which: 'expense' | 'payment'): boolean {
  return (
    isAdmin(actor) ||
    scopeOf(actor, which === 'expense' ? 'Add/Edit Expense Types' : 'Add/Edit Payment Types').kind !== 'none'
  );
}

/** Description and AccountingPackageID of types are shown to those who may edit them (CATALOGUE who:). */
export const seesTypeDetails = mayEditTypes;
