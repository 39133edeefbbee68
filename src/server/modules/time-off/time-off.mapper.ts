/**
 * Records → the wire models a caller may see (CATALOGUE Part 2 "who"/"co"/"verbose" tags).
 */
import type {
  Holiday,
  HolidayEntry,
  HolidayType,
  PersonTimeOffType,
  TimeOff,
  TimeOffRequest,
  TimeOffType,
} from '../../../contract/time-off.js';
import type { Db } from '../../db/connect.js';
import type { Actor } from '../../lib/permissions.js';
import { isAdmin } from '../../lib/permissions.js';
import type { EffectiveSettings } from '../company/index.js';
import { findUsers, type UserRecord } from '../users/index.js';
import type { PersonType } from './balances.service.js';
import type { TimeOffRecord } from './entries.store.js';
import type { HolidayEntryRecord, HolidayRecord, HolidayTypeRecord } from './holidays.store.js';
import { holidayEntryId } from './holidays.store.js';
import type { RequestAction } from './requests.service.js';
import type { RequestHistoryRecord, RequestRecord } from './requests.store.js';
import { hoursToWire } from './time-off.hours.js';
import { seesTypeAdminFields, seesTypeNotes } from './time-off.policy.js';
import { timeOffManagementOn } from './time-off.common.js';
import type { TimeOffTypeRecord } from './types.store.js';

const basicUser = (u: UserRecord | undefined) =>
  u ? { ID: u.id, Name: u.name, Email: u.email, IsActive: u.isActive } : null;
const basicType = (t: { id: string; name: string; isActive: boolean } | undefined) =>
  t ? { ID: t.id, Name: t.name, IsActive: t.isActive } : null;

export async function usersById(db: Db, companyId: string, ids: (string | null | undefined)[]) {
  const people = await findUsers(
    db,
    companyId,
    ids.filter((v): v is string => typeof v === 'string'),
  );
  return new Map(people.map((u) => [u.id, u]));
}

// ——— entries ———

export interface EntryEmbeds {
  users: Map<string, UserRecord>;
  types: Map<string, TimeOffTypeRecord>;
}

export function toTimeOffWire(e: TimeOffRecord, embeds?: EntryEmbeds): TimeOff {
  const out: TimeOff = {
    ID: e.id,
    Date: e.date,
    Hours: hoursToWire(e.hours),
    Notes: e.notes,
    TimeOffTypeID: e.typeId,
    UserID: e.userId,
    TimeOffRequestID: e.requestId,
  };
  if (embeds) {
    out.TimeOffType = basicType(embeds.types.get(e.typeId));
    out.User = basicUser(embeds.users.get(e.userId));
  }
  return out;
}

// ——— types ———

export function toTypeWire(
  t: TimeOffTypeRecord,
  actor: Actor,
  settings: EffectiveSettings,
  verbose?: { users: Map<string, UserRecord>; employmentTypeIds: Map<string, string[]> },
): TimeOffType {
  const moduleOn = timeOffManagementOn(settings);
  const out: TimeOffType = {
    ID: t.id,
    Name: t.name,
    IsActive: t.isActive,
    RequiresApproval: t.requiresApproval,
  };
  if (seesTypeNotes(actor)) out.Notes = t.notes;
  if (moduleOn) out.DisplayOnTimeEntryPages = t.displayOnTimeEntryPages;
  if (seesTypeAdminFields(actor)) {
    out.DefaultStartingBalance = hoursToWire(t.defaultStartingBalance);
    out.AccountingPackageID = t.accountingPackageId;
    out.CustomFields = t.customFields;
    if (moduleOn) {
      out.DefaultAccrualRate = hoursToWire(t.defaultAccrualRate);
      out.DefaultMaximumBalance =
        t.defaultMaximumBalance === null ? null : hoursToWire(t.defaultMaximumBalance);
      out.DefaultApproverID = t.defaultApproverId;
      if (verbose)
        out.DefaultApprover = t.defaultApproverId ? basicUser(verbose.users.get(t.defaultApproverId)) : null;
    }
  }
  if (verbose && settings.TimeOffTypeRestrictionMethod === 'employment type') {
    out.EmploymentTypeIDs = verbose.employmentTypeIds.get(t.id) ?? [];
  }
  return out;
}

export function toPersonTypeWire(
  p: PersonType,
  actor: Actor,
  settings: EffectiveSettings,
  verbose?: { users: Map<string, UserRecord>; employmentTypeIds?: Map<string, string[]> },
): PersonTimeOffType {
  const out: PersonTimeOffType = {
    ID: p.type.id,
    Name: p.type.name,
    IsActive: p.type.isActive,
    Notes: p.type.notes,
    RequiresApproval: p.type.requiresApproval,
    CurrentBalance: hoursToWire(p.currentBalance),
  };
  if (timeOffManagementOn(settings)) {
    out.AccrualRate = hoursToWire(p.balance.accrualRate);
    out.AccrualStartDate = p.balance.accrualStartDate;
    out.MaximumBalance = p.balance.maximumBalance === null ? null : hoursToWire(p.balance.maximumBalance);
    out.ApproverID = p.approverId;
    out.DisplayOnTimeEntryPages = p.type.displayOnTimeEntryPages;
    if (verbose) out.Approver = p.approverId ? basicUser(verbose.users.get(p.approverId)) : null;
  }
  if (isAdmin(actor)) out.CustomFields = p.type.customFields;
  if (verbose?.employmentTypeIds && settings.TimeOffTypeRestrictionMethod === 'employment type') {
    out.EmploymentTypeIDs = verbose.employmentTypeIds.get(p.type.id) ?? [];
  }
  return out;
}

// ——— requests ———

export interface RequestWireOptions {
  actions: (r: RequestRecord) => RequestAction[];
  details: boolean;
  verbose?: {
    users: Map<string, UserRecord>;
    types: Map<string, TimeOffTypeRecord>;
    history: Map<string, RequestHistoryRecord[]>;
  };
}

export function toRequestWire(r: RequestRecord, o: RequestWireOptions): TimeOffRequest {
  const out: TimeOffRequest = {
    ID: r.id,
    TimeOffTypeID: r.typeId,
    Dates: r.days.map((d) => ({ Date: d.date, Hours: hoursToWire(d.hours) })),
    Status: r.status,
    RequestedByUserID: r.userId,
    ApprovalByUserID: r.approvalByUserId,
    CreatedDate: r.createdAt,
    Actions: o.actions(r).map((Action) => ({ Action })),
  };
  if (o.details) out.Notes = r.notes;
  if (o.verbose) {
    out.TimeOffType = basicType(o.verbose.types.get(r.typeId));
    out.RequestedByUser = basicUser(o.verbose.users.get(r.userId));
    out.ApprovalByUser = r.approvalByUserId ? basicUser(o.verbose.users.get(r.approvalByUserId)) : null;
    if (o.details) {
      out.History = (o.verbose.history.get(r.id) ?? []).map((h) => ({
        Date: h.createdAt,
        Status: h.status,
        ActionByUserID: h.actionByUserId,
        ActionByUserName: h.actionByUserName,
        Comment: h.comment,
      }));
    }
  }
  return out;
}

// ——— holidays ———

export const toHolidayWire = (h: HolidayRecord): Holiday => ({
  ID: h.id,
  Date: h.date,
  HolidayTypeID: h.typeId,
  Hours: hoursToWire(h.hours),
  Notes: h.notes,
});

export function toHolidayTypeWire(
  t: HolidayTypeRecord,
  actor: Actor,
  settings: EffectiveSettings,
  extras: { dates?: Map<string, HolidayRecord[]>; employmentTypeIds?: Map<string, string[]> },
): HolidayType {
  const out: HolidayType = { ID: t.id, Name: t.name, IsActive: t.isActive };
  if (isAdmin(actor)) {
    out.Notes = t.notes;
    out.AccountingPackageID = t.accountingPackageId;
    out.CustomFields = t.customFields;
  }
  // Dates: Verbose=true; EmploymentTypeIDs: while the employment-type restriction is on.
  if (extras.dates) out.Dates = (extras.dates.get(t.id) ?? []).map(toHolidayWire);
  if (settings.TimeOffTypeRestrictionMethod === 'employment type' && extras.employmentTypeIds) {
    out.EmploymentTypeIDs = extras.employmentTypeIds.get(t.id) ?? [];
  }
  return out;
}

export function toHolidayEntryWire(
  e: HolidayEntryRecord,
  verbose?: { users: Map<string, UserRecord>; types: Map<string, HolidayTypeRecord> },
): HolidayEntry {
  const out: HolidayEntry = {
    ID: holidayEntryId(e.holidayId, e.userId),
    Date: e.date,
    HolidayTypeID: e.typeId,
    Hours: hoursToWire(e.hours),
    Notes: e.notes,
    UserID: e.userId,
  };
  if (verbose) {
    out.HolidayType = basicType(verbose.types.get(e.typeId));
    out.User = basicUser(verbose.users.get(e.userId));
  }
  return out;
}
