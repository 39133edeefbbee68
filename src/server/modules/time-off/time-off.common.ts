/**
 * What every time-off service needs: the company's switches (DCAA, the Time Off Management module, the
 * employment-type restriction), which leave types a person may use, and small shared rules.
 */
import type { Db } from '../../db/connect.js';
import type { Deps } from '../../deps.js';
import { AppError, forbidden, type FieldErrors } from '../../errors.js';
import { todayOf } from '../../lib/dates.js';
import { isDate } from '../../lib/periods.js';
import type { Actor } from '../../lib/permissions.js';
import { loadCompany, moduleOn, type EffectiveSettings } from '../company/index.js';
import { findUser, type UserRecord } from '../users/index.js';
import { EMPLOYMENT_TYPE_TIME_OFF_TYPES, linkedIds } from './links.store.js';
import type { TimeOffTypeRecord } from './types.store.js';

export async function settingsOf(deps: Deps, companyId: string): Promise<EffectiveSettings> {
  return (await loadCompany(deps, companyId)).settings;
}

/** Writes the catalogue marks "DCAA off" are refused while the company keeps a DCAA log (403). */
export function assertNotDcaa(settings: EffectiveSettings): void {
  if (settings.DCAALogEnabled) {
    throw forbidden(
      'This cannot be changed through the API while the company keeps a DCAA log (DCAALogEnabled).',
    );
  }
}

export const timeOffManagementOn = (settings: EffectiveSettings): boolean =>
  moduleOn(settings, 'TimeOffManagement');

export function assertTimeOffManagement(settings: EffectiveSettings): void {
  if (!timeOffManagementOn(settings)) {
    throw new AppError('module_disabled', 'The Time Off Management module is turned off for this company.');
  }
}

export function assertTimesheetApprovals(settings: EffectiveSettings): void {
  if (!moduleOn(settings, 'TimesheetApprovals')) {
    throw new AppError('module_disabled', 'Managing timesheets needs the Timesheet Approvals module.');
  }
}

/** Company.TimeOffTypeRestrictionMethod "employment type": leave and holiday types per employment type. */
export const restrictedByEmploymentType = (settings: EffectiveSettings): boolean =>
  settings.TimeOffTypeRestrictionMethod === 'employment type';

export function assertRestriction(settings: EffectiveSettings): void {
  if (!restrictedByEmploymentType(settings)) {
    throw forbidden(
      'Leave types per employment type are used only when Company.TimeOffTypeRestrictionMethod is "employment type".',
    );
  }
}

/**
 * The leave types a person may use: every type, or (restriction on) those associated with the person's
 * employment type — none for a person without one. undefined means every type.
 */
export async function allowedTypeIds(
  db: Db,
  settings: EffectiveSettings,
  person: UserRecord,
): Promise<string[] | undefined> {
  if (!restrictedByEmploymentType(settings)) return undefined;
  if (!person.employmentTypeId) return [];
  return linkedIds(db, EMPLOYMENT_TYPE_TIME_OFF_TYPES, person.companyId, person.employmentTypeId);
}

/**
 * Whether a type sends its time off through requests. RequiresApproval is a Time Off Management feature:
 * with the module off there are no requests, and such a type is logged directly.
 */
export const needsApproval = (type: TimeOffTypeRecord, settings: EffectiveSettings): boolean =>
  type.requiresApproval && timeOffManagementOn(settings);

/** Checks that a type can carry a person's time off, adding an error for `field` when not. */
export function checkUsableType(
  type: TimeOffTypeRecord | undefined,
  allowed: readonly string[] | undefined,
  field: string,
  errors: FieldErrors,
): type is TimeOffTypeRecord {
  if (!type) {
    errors.add(field, 'TimeOffTypeID does not name a time-off type of this company.', ['invalid_field']);
    return false;
  }
  if (!type.isActive) {
    errors.add(field, `The time-off type "${type.name}" is inactive.`, ['invalid_field']);
    return false;
  }
  if (allowed && !allowed.includes(type.id)) {
    errors.add(
      field,
      `The time-off type "${type.name}" is not available to this person's employment type (Company.TimeOffTypeRestrictionMethod).`,
      ['invalid_field'],
    );
    return false;
  }
  return true;
}

/** A date must lie within the person's StartDate…EndDate, when they have them. */
export function checkPersonDate(
  person: UserRecord,
  date: string,
  field: string,
  errors: FieldErrors,
): boolean {
  if (person.startDate && date < person.startDate) {
    errors.add(field, `${date} is before ${person.name}'s StartDate ${person.startDate}.`, ['invalid_field']);
    return false;
  }
  if (person.endDate && date > person.endDate) {
    errors.add(field, `${date} is after ${person.name}'s EndDate ${person.endDate}.`, ['invalid_field']);
    return false;
  }
  return true;
}

/** Today's date in UTC: balances are "current" as of its end (ADR 0008). */
export const todayFor = (deps: Deps): string => todayOf(deps.clock());

/** A date in a path (…/FutureBalance/{date}): 400 when it is not one. */
export function pathDate(value: string, field = 'Date'): string {
  if (!isDate(value)) {
    throw new AppError('invalid_request', `${field} must be a date in the form YYYY-MM-DD, not "${value}".`, {
      field,
    });
  }
  return value;
}

export async function nameOf(deps: Deps, actor: Actor, db: Db = deps.db): Promise<string> {
  return (await findUser(db, actor.companyId, actor.userId))?.name ?? '';
}

export const at = (prefix: string, field: string): string => (prefix ? `${prefix}.${field}` : field);

/** CustomFields on leave and holiday types: no custom-field definitions exist for them (yet). */
export function checkNoCustomFields(
  values: Record<string, unknown> | undefined,
  field: string,
  errors: FieldErrors,
) {
  for (const key of Object.keys(values ?? {})) {
    errors.add(`${field}.${key}`, `${key} does not name a custom field definition for this record type.`, [
      'invalid_field',
    ]);
  }
}
