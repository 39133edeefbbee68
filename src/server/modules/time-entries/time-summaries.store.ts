/**
 * Which people a root time summary covers. The users module exports lookups by ID only, so this is a
 * minimal read of its `users` table for the report's filters (IDs only; the records then come from
 * users' findUsers).
 */
import type { Db } from '../../db/connect.js';

export interface SummaryPeopleFilter {
  userIds?: readonly string[];
  divisionIds?: readonly string[];
  employmentTypeIds?: readonly string[];
  timesheetApproverIds?: readonly string[];
  isActive?: readonly boolean[];
  /** The caller's reach: people of these divisions, or whose timesheet approver is approverId. */
  reach?: { divisionIds: readonly string[]; approverId: string };
}

const some = (v: readonly string[]) => (v.length ? [...v] : ['']);

export async function summaryPeopleIds(db: Db, companyId: string, f: SummaryPeopleFilter): Promise<string[]> {
  let q = db.selectFrom('users').select('id').where('company_id', '=', companyId);
  if (f.userIds) q = q.where('id', 'in', some(f.userIds));
  if (f.divisionIds) q = q.where('division_id', 'in', some(f.divisionIds));
  if (f.employmentTypeIds) q = q.where('employment_type_id', 'in', some(f.employmentTypeIds));
  if (f.timesheetApproverIds) q = q.where('timesheet_approver_id', 'in', some(f.timesheetApproverIds));
  if (f.isActive)
    q = q.where(
      'is_active',
      'in',
      f.isActive.map((v) => (v ? 1 : 0)),
    );
  if (f.reach) {
    const { divisionIds, approverId } = f.reach;
    q = q.where((eb) =>
      eb.or([eb('timesheet_approver_id', '=', approverId), eb('division_id', 'in', some(divisionIds))]),
    );
  }
  const rows = await q.execute();
  return rows.map((r) => r.id);
}
