import type { Company, CompanySettings, CompanyUpdate } from '../../../contract/company.js';
import type { Deps } from '../../deps.js';
import { forbidden, notFound } from '../../errors.js';
import { isAdmin, type Actor } from '../../lib/permissions.js';
import { DEFAULT_COMPANY_SETTINGS } from './company.defaults.js';
import { findCompany, lockCompany, updateCompany, type CompanyRecord } from './company.store.js';

export type EffectiveSettings = Required<CompanySettings>;

export interface CompanyView {
  record: CompanyRecord;
  settings: EffectiveSettings;
}

export function effectiveSettings(stored: Partial<CompanySettings>): EffectiveSettings {
  return {
    ...DEFAULT_COMPANY_SETTINGS,
    ...stored,
    OptionalModules: { ...DEFAULT_COMPANY_SETTINGS.OptionalModules, ...stored.OptionalModules },
    DefaultTimeOffRequestHoursPerDay: {
      ...DEFAULT_COMPANY_SETTINGS.DefaultTimeOffRequestHoursPerDay,
      ...stored.DefaultTimeOffRequestHoursPerDay,
    },
  };
}

/** The caller's company with its effective settings, from the per-process cache when possible. */
export async function loadCompany(deps: Deps, companyId: string): Promise<CompanyView> {
  deps.bus.poll();
  let record = deps.companies.get(companyId);
  if (!record) {
    const generation = deps.companies.begin();
    record = await findCompany(deps.db, companyId);
    if (!record) throw notFound('company');
    if (deps.bus.healthy) deps.companies.set(record, generation);
  }
  return { record, settings: effectiveSettings(record.settings) };
}

export function toCompanyWire(view: CompanyView): Company {
  return {
    ID: view.record.id,
    Name: view.record.name,
    IsActive: view.record.isActive,
    StartDate: view.record.startDate,
    AccountNumber: view.record.accountNumber,
    ...view.settings,
  };
}

export async function updateCompanySettings(
  deps: Deps,
  actor: Actor,
  input: CompanyUpdate,
): Promise<CompanyView> {
  if (!isAdmin(actor)) throw forbidden('Only an Admin can change company settings.');
  const { Name, ...settings } = input;
  await deps.db.transaction().execute(async (tx) => {
    await lockCompany(tx, actor.companyId, deps.dialect.name);
    const current = await findCompany(tx, actor.companyId);
    if (!current) throw notFound('company');
    const merged: Partial<CompanySettings> = { ...current.settings, ...settings };
    if (settings.OptionalModules) {
      merged.OptionalModules = { ...current.settings.OptionalModules, ...settings.OptionalModules };
    }
    if (settings.DefaultTimeOffRequestHoursPerDay) {
      merged.DefaultTimeOffRequestHoursPerDay = {
        ...current.settings.DefaultTimeOffRequestHoursPerDay,
        ...settings.DefaultTimeOffRequestHoursPerDay,
      };
    }
    // SetupWizardComplete only ever goes from false to true (API.md §4.2).
    if (current.settings.SetupWizardComplete === true) merged.SetupWizardComplete = true;
    if (merged.TimesheetModel !== 'custom') merged.TimesheetModelCustomNumberOfDays = null;
    else merged.TimesheetModelCustomNumberOfDays ??= 14;
    if (merged.CurrencyISO) merged.CurrencyISO = merged.CurrencyISO.toUpperCase();
    await updateCompany(tx, actor.companyId, {
      ...(Name !== undefined ? { name: Name } : {}),
      settings: merged,
    });
  });
  await deps.bus.publish({ kind: 'company', companyId: actor.companyId });
  return loadCompany(deps, actor.companyId);
}

/** Whether an optional module is on (API.md: Timesheet Approvals, Time Off Management, Expenses). */
export function moduleOn(
  settings: EffectiveSettings,
  name: 'TimesheetApprovals' | 'TimeOffManagement' | 'Expenses',
): boolean {
  return settings.OptionalModules[name] !== false;
}
