/** What onboarding needs from the users module to create a company's first Admin. */
import type { Deps } from '../../deps.js';
import type { Db } from '../../db/connect.js';
import { DEFAULT_PROFILE } from './users.profile.js';
import { insertUser, type UserRecord } from './users.store.js';

export function newUserRecordFor(deps: Pick<Deps, 'newId'>, companyId: string, now: string): UserRecord {
  return {
    companyId,
    id: deps.newId(),
    name: '',
    email: '',
    securityLevel: 'STANDARD',
    isActive: true,
    startDate: null,
    endDate: null,
    divisionId: null,
    employmentTypeId: null,
    timesheetApproverId: null,
    expenseApproverId: null,
    timeOffApproverId: null,
    subjectToTimesheetApproval: false,
    subjectToExpenseApproval: false,
    subjectToTimesheetCompletion: false,
    billingRate: null,
    useCompanyBillingRate: true,
    costRate: null,
    costModel: 'Hourly',
    costPerTimesheet: null,
    defaultTaskId: null,
    defaultExpenseTypeId: null,
    defaultPaymentTypeId: null,
    profile: { ...DEFAULT_PROFILE },
    customFields: {},
    createdAt: now,
    updatedAt: now,
  };
}

export const insertUserRecord = (db: Db, user: UserRecord) => insertUser(db, user);
