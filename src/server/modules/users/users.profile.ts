/**
 * A person's preference and profile fields: values with no relational meaning, kept as one JSON
 * column (wire names) and merged over these defaults on read so new fields need no migration.
 */
import type { User } from '../../../contract/users.js';

export type Profile = {
  EmployeeNumber: string;
  Notes: string;
  AccountingPackageID: string;
  PayrollType: string;
  Role: string;
  RequireComments: boolean;
  RequireStartEndTime: boolean;
  RequireStopwatch: boolean;
  EnableBreakTime: boolean;
  /** Decimal hours as given (kept as a decimal; rules convert it exactly when they use it). */
  MinimumTimeHours: number;
  MinimumTimePeriod: NonNullable<User['MinimumTimePeriod']>;
  SkipWeekend: boolean;
  NumEntries: number;
  JobSelectionMethod: NonNullable<User['JobSelectionMethod']>;
  PreferredTimeEntryView: NonNullable<User['PreferredTimeEntryView']>;
  PreferredTimeFormat: NonNullable<User['PreferredTimeFormat']>;
  TimesheetApprovedAlert: boolean;
  ExpenseSheetApprovedAlert: boolean;
  ExpenseSheetPaidAlert: boolean;
  GDPRConsentStatus: NonNullable<User['GDPRConsentStatus']>;
  IncludeInRM: boolean;
  AllowIncompleteTimesheetSubmission: boolean;
};

export const DEFAULT_PROFILE: Readonly<Profile> = Object.freeze({
  EmployeeNumber: '',
  Notes: '',
  AccountingPackageID: '',
  PayrollType: '',
  Role: '',
  RequireComments: false,
  RequireStartEndTime: false,
  RequireStopwatch: false,
  EnableBreakTime: false,
  MinimumTimeHours: 0,
  MinimumTimePeriod: 'Week',
  SkipWeekend: false,
  NumEntries: 5,
  JobSelectionMethod: 'DROP_DOWN_LIST',
  PreferredTimeEntryView: 'WeekView',
  PreferredTimeFormat: 'AMPM',
  TimesheetApprovedAlert: true,
  ExpenseSheetApprovedAlert: true,
  ExpenseSheetPaidAlert: true,
  GDPRConsentStatus: 'NotSubject',
  IncludeInRM: false,
  AllowIncompleteTimesheetSubmission: false,
});

export const PROFILE_KEYS = Object.keys(DEFAULT_PROFILE) as (keyof Profile)[];

export function withProfileDefaults(stored: Partial<Profile>): Profile {
  return { ...DEFAULT_PROFILE, ...stored };
}
