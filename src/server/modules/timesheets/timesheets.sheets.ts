/**
 * Implicit timesheets (DECISIONS 28; docs/adr/0007-timesheet-periods.md): the row of a person's period
 * is created the first time a date inside it is addressed, and kept from then on.
 *
 * A new sheet takes the period of the company's current TimesheetModel, cut short where it would
 * overlap a sheet the person already has (made under an earlier model), so a person's sheets never
 * overlap and existing sheets never move.
 */
import type { Db } from '../../db/connect.js';
import type { Deps } from '../../deps.js';
import { AppError } from '../../errors.js';
import { addDays, isDate, periodOf, type PeriodRule } from '../../lib/periods.js';
import { effectiveSettings, loadCompany, type EffectiveSettings } from '../company/index.js';
import type { CompanySettings } from '../../../contract/company.js';
import {
  insertSheetIfAbsent,
  lockOwner,
  neighbours,
  sheetsOverlapping,
  type SheetRecord,
} from './timesheets.store.js';

export function ruleOf(settings: EffectiveSettings): PeriodRule {
  return {
    model: settings.TimesheetModel,
    weekStartsOn: settings.WeekStartsOn,
    customDays: settings.TimesheetModelCustomNumberOfDays,
  };
}

/**
 * The company's settings as committed now, read through `tx` (not the per-process cache: a LockDate set
 * a moment ago by another process must count). Inside a transaction never read through deps.db: SQLite
 * has one connection, which the transaction holds.
 */
export async function settingsIn(tx: Db, companyId: string): Promise<EffectiveSettings> {
  const row = await tx
    .selectFrom('companies')
    .select('settings')
    .where('id', '=', companyId)
    .executeTakeFirst();
  if (!row) throw new AppError('not_found', 'The requested company was not found.');
  return effectiveSettings(JSON.parse(row.settings) as Partial<CompanySettings>);
}

function newSheet(
  companyId: string,
  id: string,
  userId: string,
  startDate: string,
  endDate: string,
  now: string,
): SheetRecord {
  return {
    companyId,
    id,
    userId,
    startDate,
    endDate,
    status: 'Open',
    statusBeforeLock: null,
    hasBeenSubmitted: false,
    submittedByUserId: null,
    submittedAt: null,
    approvedByUserId: null,
    approvedAt: null,
    rejectedByUserId: null,
    rejectedAt: null,
    comment: null,
    createdAt: now,
    updatedAt: now,
  };
}

/**
 * Inside a write transaction that holds the owner's lock (`lockOwner`): the person's sheet for each
 * date, created where missing. Keyed by date.
 */
export async function ensureSheetsIn(
  deps: Deps,
  tx: Db,
  companyId: string,
  userId: string,
  dates: readonly string[],
  rule: PeriodRule,
): Promise<Map<string, SheetRecord>> {
  const out = new Map<string, SheetRecord>();
  const sorted = [...new Set(dates)].sort();
  if (sorted.length === 0) return out;
  for (const d of sorted)
    if (!isDate(d)) throw new AppError('invalid_field', `"${d}" is not a calendar date.`, { field: 'Date' });
  const known = await sheetsOverlapping(tx, companyId, userId, sorted[0]!, sorted.at(-1)!);
  const now = deps.clock().toISOString();
  for (const date of sorted) {
    let sheet = known.find((s) => s.startDate <= date && date <= s.endDate);
    if (!sheet) {
      const period = periodOf(rule, date);
      const { before, after } = await neighbours(tx, companyId, userId, date);
      const start =
        before && before.endDate >= period.startDate ? addDays(before.endDate, 1) : period.startDate;
      const end = after && after.startDate <= period.endDate ? addDays(after.startDate, -1) : period.endDate;
      await insertSheetIfAbsent(tx, newSheet(companyId, deps.newId(), userId, start, end, now));
      [sheet] = await sheetsOverlapping(tx, companyId, userId, date, date);
      if (!sheet) throw new Error(`timesheet for ${date} was not created`);
      known.push(sheet);
    }
    out.set(date, sheet);
  }
  return out;
}

/** The person's sheet for `date`, created (in its own transaction) if it does not exist yet. */
export async function ensureSheet(
  deps: Deps,
  companyId: string,
  userId: string,
  date: string,
): Promise<SheetRecord> {
  const [existing] = await sheetsOverlapping(deps.db, companyId, userId, date, date);
  if (existing) return existing;
  const rule = ruleOf((await loadCompany(deps, companyId)).settings);
  return deps.db.transaction().execute(async (tx) => {
    await lockOwner(tx, deps.dialect.name, companyId, userId);
    const sheets = await ensureSheetsIn(deps, tx, companyId, userId, [date], rule);
    return sheets.get(date)!;
  });
}
