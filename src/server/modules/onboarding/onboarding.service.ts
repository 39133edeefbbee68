/**
 * A new company with its first Admin: from the CLI (`company create`), the environment on first start,
 * or the setup page (DECISIONS 23).
 */
import { randomInt } from 'node:crypto';
import type { Deps } from '../../deps.js';
import { AppError, FieldErrors } from '../../errors.js';
import { todayOf } from '../../lib/dates.js';
import { emailInUse, insertAccount } from '../../auth/accounts.store.js';
import { hashPassword, passwordProblem } from '../../auth/passwords.js';
import { countCompanies, insertCompany } from '../company/index.js';
import { seedExpenseDefaults } from '../expenses/index.js';
import { seedTimeOffDefaults } from '../time-off/index.js';
import { insertUserRecord, newUserRecordFor } from '../users/users.onboarding.js';

export interface NewCompanyInput {
  companyName: string;
  adminEmail: string;
  adminPassword: string;
  adminName?: string;
}

export interface NewCompanyResult {
  CompanyID: string;
  UserID: string;
  Email: string;
  Token: string;
}

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

export async function createCompanyWithAdmin(deps: Deps, input: NewCompanyInput): Promise<NewCompanyResult> {
  const errors = new FieldErrors();
  const name = input.companyName.trim();
  const email = input.adminEmail.trim();
  if (name === '' || name.length > 255) errors.add('Name', 'The company name must be 1 to 255 characters.');
  if (!EMAIL.test(email) || email.length > 254)
    errors.add('Email', 'The admin email must be an email address.');
  const problem = passwordProblem(input.adminPassword);
  if (problem) errors.add('Password', problem);
  errors.throwIfAny();
  if (await emailInUse(deps.db, email)) {
    throw new AppError('email_taken', 'This email address is already used by another account.', {
      field: 'Email',
    });
  }
  const passwordHash = await hashPassword(input.adminPassword);
  const now = deps.clock();
  const nowIso = now.toISOString();
  const companyId = deps.newId();
  const admin = newUserRecordFor(deps, companyId, nowIso);
  admin.name = input.adminName?.trim() || email.split('@')[0] || 'Admin';
  admin.email = email;
  admin.securityLevel = 'ADMIN';
  const token = deps.newToken();
  await deps.db.transaction().execute(async (tx) => {
    await insertCompany(tx, {
      id: companyId,
      name,
      isActive: true,
      startDate: todayOf(now),
      accountNumber: String(randomInt(100000, 999999)),
      settings: {},
      createdAt: nowIso,
    });
    await insertUserRecord(tx, admin);
    await seedExpenseDefaults(tx, companyId, deps.newId, nowIso);
    await seedTimeOffDefaults(tx, companyId, deps.newId, nowIso);
    await insertAccount(tx, {
      email,
      companyId,
      userId: admin.id,
      passwordHash,
      tokenLookup: deps.keys.lookup(token),
      tokenEnc: deps.keys.encrypt(token),
      tokenCreatedAt: nowIso,
    });
  });
  return { CompanyID: companyId, UserID: admin.id, Email: email, Token: token };
}

/** True until the deployment has its first company (the setup page is open only then). */
export async function needsSetup(deps: Deps): Promise<boolean> {
  return (await countCompanies(deps.db)) === 0;
}
