/**
 * Security levels and manager permissions (API.md §5). Pure: who may do what, given an actor.
 */

export const SECURITY_LEVELS = ['STANDARD', 'MANAGER', 'ADMIN'] as const;
export type SecurityLevel = (typeof SECURITY_LEVELS)[number];

export const ACCESS_LEVELS = ['All', 'Divisions', 'Projects'] as const;
export type AccessLevel = (typeof ACCESS_LEVELS)[number];

/** The exact strings ClickTime uses (`PermissionModel.Name`, `ManagerPermission`, `WithPermission`). */
export const MANAGER_PERMISSIONS = [
  'Add/Edit People',
  'View People',
  'Add/Edit Jobs',
  'View Jobs',
  'Add/Edit Tasks',
  'View Tasks',
  'Add/Edit Clients',
  'View Clients',
  'Add/Edit Divisions',
  'View Divisions',
  'Add/Edit Employment Types',
  'View Employment Types',
  'Add/Edit Expense Types',
  'View Expense Types',
  'Add/Edit Payment Types',
  'View Payment Types',
  'Add/Edit Billingrates',
  'View Billingrates',
  'Add/Edit Costs',
  'View Costs',
  'Add/Edit Resource Management',
  'View Resource Management',
  'Review Expenses',
  'Approve Expenses',
  'Override Expenses',
  'Mark Expenses as Paid',
  'Review timesheets',
  'Lock timesheets',
  'Override timesheets',
  'Notify incomplete',
  'Run Company Reports',
  'Approve Time Off',
  'Is Project Limited',
] as const;
export type PermissionName = (typeof MANAGER_PERMISSIONS)[number];

const BY_LOWER = new Map<string, PermissionName>(MANAGER_PERMISSIONS.map((p) => [p.toLowerCase(), p]));

/** The canonical spelling of a permission name given in any case, or undefined. */
export function canonicalPermission(name: string): PermissionName | undefined {
  return BY_LOWER.get(name.trim().toLowerCase());
}

/** Who is calling: resolved once per request from the token and cached with it. */
export interface Actor {
  readonly companyId: string;
  readonly userId: string;
  readonly securityLevel: SecurityLevel;
  /** Manager permissions and their scope; empty for STANDARD and ignored for ADMIN. */
  readonly permissions: ReadonlyMap<PermissionName, AccessLevel>;
  /** The divisions a Divisions-scoped permission covers. */
  readonly permissionDivisionIds: readonly string[];
}

export const isAdmin = (a: Actor): boolean => a.securityLevel === 'ADMIN';
export const isManager = (a: Actor): boolean => a.securityLevel === 'MANAGER';
export const isAdminOrManager = (a: Actor): boolean => isAdmin(a) || isManager(a);

/**
 * Admin, or a manager holding the permission. With `all`, the permission must have the All scope
 * (the catalogue's "(all Divisions)" / "(all Jobs)").
 */
export function hasPermission(a: Actor, name: PermissionName, options: { all?: boolean } = {}): boolean {
  if (isAdmin(a)) return true;
  if (!isManager(a)) return false;
  const level = a.permissions.get(name);
  if (!level) return false;
  return options.all ? level === 'All' : true;
}

/** The scope of a manager's permission: 'All', a set of divisions, projects, or none. */
export type Scope =
  | { kind: 'all' }
  | { kind: 'divisions'; divisionIds: readonly string[] }
  | { kind: 'projects' }
  | { kind: 'none' };

export function scopeOf(a: Actor, name: PermissionName): Scope {
  if (isAdmin(a)) return { kind: 'all' };
  if (!isManager(a)) return { kind: 'none' };
  switch (a.permissions.get(name)) {
    case 'All':
      return { kind: 'all' };
    case 'Divisions':
      return { kind: 'divisions', divisionIds: a.permissionDivisionIds };
    case 'Projects':
      return { kind: 'projects' };
    case undefined:
      return { kind: 'none' };
  }
}
