/**
 * `punchclock demo` (DECISIONS 23): a company filled with realistic sample data — people, a manager who
 * approves their time, clients, jobs and tasks, last week's time, and an expense sheet with a mileage
 * item. Everything goes through the v2 API in-process, so every rule applies to the sample data too.
 */
import { randomBytes } from 'node:crypto';
import { buildApp } from '../server/app.js';
import type { Deps } from '../server/deps.js';
import { addDays, dayOfWeek, todayOf } from '../server/lib/dates.js';
import { createCompanyWithAdmin } from '../server/modules/onboarding/onboarding.service.js';

export interface DemoOptions {
  adminEmail?: string;
  adminPassword?: string;
}

export interface DemoResult {
  CompanyID: string;
  UserID: string;
  Email: string;
  Token: string;
  Password: string;
  People: { Name: string; Email: string; Password: string }[];
}

const PEOPLE = [
  { Name: 'Okafor, Ngozi', SecurityLevel: 'MANAGER' },
  { Name: 'Lindqvist, Erik', SecurityLevel: 'STANDARD' },
  { Name: 'Moreau, Camille', SecurityLevel: 'STANDARD' },
  { Name: 'Tanaka, Hiro', SecurityLevel: 'STANDARD' },
  { Name: 'Alvarez, Sofia', SecurityLevel: 'STANDARD' },
] as const;

export async function createDemo(deps: Deps, options: DemoOptions = {}): Promise<DemoResult> {
  const tag = randomBytes(3).toString('hex');
  const domain = `demo-${tag}.example`;
  const password = options.adminPassword ?? 'demo password';
  const company = await createCompanyWithAdmin(deps, {
    companyName: `Demo Company ${tag}`,
    adminEmail: options.adminEmail ?? `admin@${domain}`,
    adminPassword: password,
    adminName: 'Admin, Avery',
  });
  const app = await buildApp(deps, { logger: false, webRoot: null });
  try {
    const call = async <T = Record<string, unknown>>(
      method: string,
      url: string,
      body?: unknown,
    ): Promise<T> => {
      const res = await app.inject({
        method: method as 'GET',
        url,
        headers: {
          authorization: `Token ${company.Token}`,
          ...(body ? { 'content-type': 'application/json' } : {}),
        },
        ...(body ? { payload: JSON.stringify(body) } : {}),
      });
      if (res.statusCode >= 300)
        throw new Error(`demo: ${method} ${url} answered ${res.statusCode}: ${res.body}`);
      return (JSON.parse(res.body) as { data: T }).data;
    };
    const ids = (rows: { ID: string }[]) => rows.map((r) => r.ID);

    const [division] = ids(await call('POST', '/v2/Divisions', [{ Name: 'Consulting' }]));
    const [fullTime] = ids(await call('POST', '/v2/EmploymentTypes', [{ Name: 'Full time' }]));

    const peopleInput = PEOPLE.map((p, i) => ({
      ...p,
      Email: `${p.Name.split(',')[0]!.toLowerCase()}@${domain}`,
      Password: `${password} ${i + 1}`,
      DivisionID: division,
      EmploymentTypeID: fullTime,
    }));
    const people = await call<{ ID: string; Name: string }[]>('POST', '/v2/Users', peopleInput);
    const managerId = people[0]!.ID;
    await call('PUT', `/v2/Users/${managerId}/Permissions`, [
      { Name: 'Review timesheets', AccessLevel: 'All' },
      { Name: 'Lock timesheets', AccessLevel: 'All' },
      { Name: 'Approve Expenses', AccessLevel: 'All' },
      { Name: 'Approve Time Off', AccessLevel: 'All' },
      { Name: 'View People', AccessLevel: 'All' },
    ]);
    const staff = people.slice(1);
    for (const p of staff) {
      await call('PATCH', `/v2/Users/${p.ID}`, {
        SubjectToTimesheetApproval: true,
        TimesheetApproverID: managerId,
        SubjectToExpenseApproval: true,
        ExpenseApproverID: managerId,
        TimeOffApproverID: managerId,
      });
    }

    const clients = ids(
      await call('POST', '/v2/Clients', [
        { Name: 'Northwind Traders', ClientNumber: 'C-100' },
        { Name: 'Globex Corporation', ClientNumber: 'C-200' },
        { Name: 'Internal', ClientNumber: 'C-000' },
      ]),
    );
    const jobs = ids(
      await call('POST', '/v2/Jobs', [
        { Name: 'Website relaunch', JobNumber: 'J-101', ClientID: clients[0] },
        { Name: 'Inventory audit', JobNumber: 'J-102', ClientID: clients[0] },
        { Name: 'Data migration', JobNumber: 'J-201', ClientID: clients[1] },
        { Name: 'Training', JobNumber: 'J-001', ClientID: clients[2] },
      ]),
    );
    const tasks = ids(
      await call('POST', '/v2/Tasks', [
        { Name: 'Design', TaskCode: 'DES' },
        { Name: 'Development', TaskCode: 'DEV' },
        { Name: 'Meetings', TaskCode: 'MTG' },
        { Name: 'Documentation', TaskCode: 'DOC' },
      ]),
    );

    // Last full week, Monday to Friday: 8 hours a day split over two jobs.
    const today = todayOf(deps.clock());
    const monday = addDays(today, -((dayOfWeek(today) + 6) % 7) - 7);
    const entries = staff.flatMap((p, pi) =>
      [0, 1, 2, 3, 4].flatMap((d) => {
        const date = addDays(monday, d);
        const job = jobs[(pi + d) % jobs.length];
        return [
          {
            UserID: p.ID,
            Date: date,
            JobID: job,
            TaskID: tasks[((pi + d) % 2) + 1],
            Hours: 5.5,
            Comment: 'Project work',
          },
          {
            UserID: p.ID,
            Date: date,
            JobID: jobs[3],
            TaskID: tasks[2],
            Hours: 2.5,
            Comment: 'Stand-up and planning',
          },
        ];
      }),
    );
    await call('POST', '/v2/TimeEntries', entries);

    const types = await call<{ ID: string; Type: string; Name: string }[]>('GET', '/v2/ExpenseTypes');
    const payment = await call<{ ID: string }[]>('GET', '/v2/PaymentTypes');
    const mileage = types.find((t) => t.Type === 'Mileage');
    const meals = types.find((t) => t.Name === 'Meals');
    const sheet = await call<{ ID: string }>('POST', '/v2/ExpenseSheets', {
      UserID: staff[0]!.ID,
      Title: 'Northwind on-site visit',
      ExpenseSheetDate: addDays(monday, 2),
    });
    if (mileage && meals && payment[0]) {
      await call('POST', '/v2/ExpenseItems', [
        {
          ExpenseSheetID: sheet.ID,
          ExpenseDate: addDays(monday, 2),
          ExpenseTypeID: mileage.ID,
          PaymentTypeID: payment[0].ID,
          Quantity: 42.5,
          Description: 'Office to Northwind and back',
        },
        {
          ExpenseSheetID: sheet.ID,
          ExpenseDate: addDays(monday, 2),
          ExpenseTypeID: meals.ID,
          PaymentTypeID: payment[0].ID,
          Amount: 18.4,
          Description: 'Lunch with the client',
        },
      ]);
    }

    return {
      ...company,
      Password: password,
      People: peopleInput.map((p) => ({ Name: p.Name, Email: p.Email, Password: p.Password })),
    };
  } finally {
    await app.close();
  }
}
