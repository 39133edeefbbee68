/**
 * A Reach (time-off.policy.ts) as an SQL condition on a row that has `company_id` and `user_id` (and,
 * for requests, `time_off_type_id`), under the table alias given.
 */
import { sql, type RawBuilder, type SqlBool } from 'kysely';
import type { Reach } from './time-off.policy.js';

const FALSE = sql<SqlBool>`1 = 0`;
const TRUE = sql<SqlBool>`1 = 1`;

export function reachSql(alias: string, reach: Reach): RawBuilder<SqlBool> {
  if (reach.all) return TRUE;
  const company = sql.ref(`${alias}.company_id`);
  const user = sql.ref(`${alias}.user_id`);
  const person: RawBuilder<SqlBool>[] = [];
  if (reach.divisionIds.length)
    person.push(sql<SqlBool>`ru.division_id in (${sql.join([...reach.divisionIds])})`);
  if (reach.timesheetApproverOf !== undefined)
    person.push(sql<SqlBool>`ru.timesheet_approver_id = ${reach.timesheetApproverOf}`);
  if (reach.timeOffApproverOf !== undefined)
    person.push(sql<SqlBool>`ru.time_off_approver_id = ${reach.timeOffApproverOf}`);
  const parts: RawBuilder<SqlBool>[] = [];
  if (reach.self !== undefined) parts.push(sql<SqlBool>`${user} = ${reach.self}`);
  if (person.length) {
    parts.push(sql<SqlBool>`exists (select 1 from users ru where ru.company_id = ${company} and ru.id = ${user}
      and (${sql.join(person, sql` or `)}))`);
  }
  if (reach.typeApproverOf !== undefined) {
    parts.push(sql<SqlBool>`exists (select 1 from time_off_types rt where rt.company_id = ${company}
      and rt.id = ${sql.ref(`${alias}.time_off_type_id`)} and rt.default_approver_id = ${reach.typeApproverOf})`);
  }
  if (parts.length === 0) return FALSE;
  return sql<SqlBool>`(${sql.join(parts, sql` or `)})`;
}
