/**
 * Leave and holiday types per employment type (API.md §4.17; CATALOGUE EmploymentTypes, TimeOffTypes,
 * HolidayTypes): /EmploymentTypes/{id}/TimeOffTypes|HolidayTypes and /TimeOffTypes|HolidayTypes/{id}/
 * EmploymentTypes. They exist only while Company.TimeOffTypeRestrictionMethod is "employment type"
 * (403 otherwise); stored links survive a change of the setting and apply again when it comes back.
 * GET lists the IDs, POST adds one (idempotent), PUT replaces all, DELETE removes one (404 when absent);
 * each answers 200 with the new list.
 */
import type { Deps } from '../../deps.js';
import { FieldErrors, forbidden, invalidField, notFound } from '../../errors.js';
import { isAdmin, type Actor } from '../../lib/permissions.js';
import type { EffectiveSettings } from '../company/index.js';
import { findEmploymentType, findEmploymentTypes } from '../employment-types/index.js';
import { findHolidayType, findHolidayTypes } from './holidays.store.js';
import {
  addLink as addRow,
  EMPLOYMENT_TYPE_HOLIDAY_TYPES,
  EMPLOYMENT_TYPE_TIME_OFF_TYPES,
  HOLIDAY_TYPE_EMPLOYMENT_TYPES,
  linkedIds,
  removeLink as removeRow,
  replaceLinks as replaceRows,
  TIME_OFF_TYPE_EMPLOYMENT_TYPES,
  type LinkSpec,
} from './links.store.js';
import { assertNotDcaa, assertRestriction, assertTimeOffManagement, settingsOf } from './time-off.common.js';
import { canEditEmploymentTypeLinks, canReadEmploymentTypeLinks } from './time-off.policy.js';
import { findType, findTypes } from './types.store.js';

export type LinkKind =
  | 'EmploymentTypeTimeOffTypes'
  | 'TimeOffTypeEmploymentTypes'
  | 'EmploymentTypeHolidayTypes'
  | 'HolidayTypeEmploymentTypes';

type Operation = 'read' | 'add' | 'replace' | 'remove';

interface LinkRules {
  spec: LinkSpec;
  canRead: (a: Actor) => boolean;
  canWrite: (a: Actor) => boolean;
  /** Company switches beyond the restriction (CATALOGUE "needs"). */
  needs: (op: Operation, s: EffectiveSettings) => void;
  owner: (deps: Deps, a: Actor, id: string) => Promise<{ id: string } | undefined>;
  ownerLabel: string;
  known: (deps: Deps, a: Actor, ids: string[]) => Promise<Set<string>>;
  otherLabel: string;
}

const idSet = <T extends { id: string }>(rows: T[]) => new Set(rows.map((r) => r.id));
const nothing = () => undefined;

const LINKS: Record<LinkKind, LinkRules> = {
  EmploymentTypeTimeOffTypes: {
    spec: EMPLOYMENT_TYPE_TIME_OFF_TYPES,
    canRead: canReadEmploymentTypeLinks,
    canWrite: canEditEmploymentTypeLinks,
    needs: nothing,
    owner: (deps, a, id) => findEmploymentType(deps.db, a.companyId, id),
    ownerLabel: 'employment type',
    known: async (deps, a, ids) => idSet(await findTypes(deps.db, a.companyId, ids)),
    otherLabel: 'time-off type',
  },
  TimeOffTypeEmploymentTypes: {
    spec: TIME_OFF_TYPE_EMPLOYMENT_TYPES,
    canRead: isAdmin,
    canWrite: isAdmin,
    needs: nothing,
    owner: (deps, a, id) => findType(deps.db, a.companyId, id),
    ownerLabel: 'time-off type',
    known: async (deps, a, ids) => idSet(await findEmploymentTypes(deps.db, a.companyId, ids)),
    otherLabel: 'employment type',
  },
  EmploymentTypeHolidayTypes: {
    spec: EMPLOYMENT_TYPE_HOLIDAY_TYPES,
    canRead: canReadEmploymentTypeLinks,
    canWrite: canEditEmploymentTypeLinks,
    needs: nothing,
    owner: (deps, a, id) => findEmploymentType(deps.db, a.companyId, id),
    ownerLabel: 'employment type',
    known: async (deps, a, ids) => idSet(await findHolidayTypes(deps.db, a.companyId, ids)),
    otherLabel: 'holiday type',
  },
  HolidayTypeEmploymentTypes: {
    spec: HOLIDAY_TYPE_EMPLOYMENT_TYPES,
    canRead: isAdmin,
    canWrite: isAdmin,
    // CATALOGUE HolidayTypes: writes need DCAA off; POST and DELETE also the Time Off Management module.
    needs: (op, s) => {
      if (op === 'read') return;
      assertNotDcaa(s);
      if (op !== 'replace') assertTimeOffManagement(s);
    },
    owner: (deps, a, id) => findHolidayType(deps.db, a.companyId, id),
    ownerLabel: 'holiday type',
    known: async (deps, a, ids) => idSet(await findEmploymentTypes(deps.db, a.companyId, ids)),
    otherLabel: 'employment type',
  },
};

async function linkOwner(deps: Deps, actor: Actor, kind: LinkKind, ownerId: string, op: Operation) {
  const rules = LINKS[kind];
  if (!(op === 'read' ? rules.canRead(actor) : rules.canWrite(actor))) {
    throw forbidden('You do not have the permission to see or change this list.');
  }
  const settings = await settingsOf(deps, actor.companyId);
  assertRestriction(settings);
  rules.needs(op, settings);
  const owner = await rules.owner(deps, actor, ownerId);
  if (!owner) throw notFound(rules.ownerLabel);
  return { rules, owner };
}

export async function listLinks(
  deps: Deps,
  actor: Actor,
  kind: LinkKind,
  ownerId: string,
  isActive?: boolean[],
) {
  const { rules, owner } = await linkOwner(deps, actor, kind, ownerId, 'read');
  return linkedIds(deps.db, rules.spec, actor.companyId, owner.id, isActive);
}

export async function addLink(
  deps: Deps,
  actor: Actor,
  kind: LinkKind,
  ownerId: string,
  otherId: string,
  field: string,
) {
  const { rules, owner } = await linkOwner(deps, actor, kind, ownerId, 'add');
  if (!(await rules.known(deps, actor, [otherId])).has(otherId)) {
    throw invalidField(field, `${field} does not name a ${rules.otherLabel} of this company.`);
  }
  await addRow(deps.db, rules.spec, actor.companyId, owner.id, otherId, deps.clock().toISOString());
  return linkedIds(deps.db, rules.spec, actor.companyId, owner.id);
}

export async function replaceLinks(
  deps: Deps,
  actor: Actor,
  kind: LinkKind,
  ownerId: string,
  otherIds: string[],
) {
  const { rules, owner } = await linkOwner(deps, actor, kind, ownerId, 'replace');
  const known = await rules.known(deps, actor, otherIds);
  const errors = new FieldErrors();
  otherIds.forEach((id, i) => {
    if (!known.has(id))
      errors.add(`[${i}]`, `"${id}" does not name a ${rules.otherLabel} of this company.`, ['invalid_field']);
  });
  errors.throwIfAny();
  const now = deps.clock().toISOString();
  await deps.db
    .transaction()
    .execute((tx) => replaceRows(tx, rules.spec, actor.companyId, owner.id, otherIds, now));
  return linkedIds(deps.db, rules.spec, actor.companyId, owner.id);
}

export async function removeLink(deps: Deps, actor: Actor, kind: LinkKind, ownerId: string, otherId: string) {
  const { rules, owner } = await linkOwner(deps, actor, kind, ownerId, 'remove');
  if (!(await removeRow(deps.db, rules.spec, actor.companyId, owner.id, otherId))) {
    throw notFound(`${rules.otherLabel} on this list`);
  }
  return linkedIds(deps.db, rules.spec, actor.companyId, owner.id);
}
