/**
 * PunchclockClient: every resource of the v2 API that Punchclock serves, typed from src/contract.
 *
 *   const pc = new PunchclockClient({ baseUrl: 'http://127.0.0.1:8080', token });
 *   const me = await pc.me.get();
 *   for await (const person of pc.users.iterate({ IsActive: true })) console.log(person.Name);
 */
import {
  association,
  collection,
  readCollection,
  type Association,
  type Collection,
  type ListParams,
  type ReadCollection,
} from './collection.js';
import { Transport, type Auth, type Query, type TransportOptions } from './transport.js';
import type * as T from './types.js';

export interface ClientOptions extends TransportOptions {
  /** Shorthand for `auth: { kind: 'token', token }`. */
  token?: string;
}

type Without<C, K extends string> = Omit<C, K>;

/** A collection with Actions and History (expense sheets). */
export interface SheetCollection<C, U> extends Without<
  Collection<T.ExpenseSheet, C, U, T.ExpenseSheetFilter>,
  'createMany'
> {
  /** The actions allowed now. */
  actions(id: string): Promise<T.ExpenseSheetAction[]>;
  /** Submit, Approve, Reject, … */
  act(id: string, body: T.ExpenseSheetActionBody): Promise<T.ExpenseSheet>;
  history(id: string): Promise<T.ExpenseSheetHistory[]>;
}

function sheetCollection<C, U>(t: Transport, path: string): SheetCollection<C, U> {
  const base = collection<T.ExpenseSheet, C, U, T.ExpenseSheetFilter>(t, path);
  const id = (value: string) => `${path}/${encodeURIComponent(value)}`;
  return {
    ...base,
    // The /Me variant answers [{Action}], the others a plain array of names (API.md §4.12).
    actions: async (sheetId) =>
      (
        await t.data<(T.ExpenseSheetAction | { Action: T.ExpenseSheetAction })[]>(
          'GET',
          `${id(sheetId)}/Actions`,
        )
      ).map((a) => (typeof a === 'string' ? a : a.Action)),
    act: (sheetId, body) => t.data<T.ExpenseSheet>('POST', `${id(sheetId)}/Actions`, { body }),
    history: (sheetId) => t.data<T.ExpenseSheetHistory[]>('GET', `${id(sheetId)}/History`),
  };
}

/** Timesheets exist implicitly (DECISIONS 28): `get` takes an ID or any date inside the period. */
export interface TimesheetCollection extends ReadCollection<T.Timesheet, T.TimesheetFilter> {
  /** The actions allowed now. */
  actions(idOrDate: string): Promise<T.TimesheetAction[]>;
  /** Submit, Approve, Reject, Lock, … */
  act(idOrDate: string, body: T.TimesheetActionBody): Promise<T.Timesheet>;
  history(idOrDate: string): Promise<T.TimesheetHistory[]>;
}

function timesheetCollection(t: Transport, path: string): TimesheetCollection {
  const base = readCollection<T.Timesheet, T.TimesheetFilter>(t, path);
  const id = (value: string) => `${path}/${encodeURIComponent(value)}`;
  return {
    ...base,
    actions: async (sheet) =>
      (await readCollection<{ Action: T.TimesheetAction }>(t, `${id(sheet)}/Actions`).all()).map(
        (a) => a.Action,
      ),
    act: (sheet, body) => t.data<T.Timesheet>('POST', `${id(sheet)}/Actions`, { body }),
    history: (sheet) => readCollection<T.TimesheetHistory>(t, `${id(sheet)}/History`).all(),
  };
}

/** `/TimeOffRequests` or `/Manage/TimeOffRequests`: list the requests in reach, Approve or Reject them. */
export interface TimeOffRequestCollection extends ReadCollection<
  T.TimeOffRequest,
  T.TimeOffRequestManageFilter
> {
  /** The actions allowed now (`Approve`, `Reject`). */
  actions(id: string): Promise<T.TimeOffRequestAction['Action'][]>;
  /** Approve, or Reject with a Comment (required). */
  act(id: string, body: T.TimeOffRequestAction): Promise<T.TimeOffRequest>;
}

function timeOffRequestCollection(t: Transport, path: string): TimeOffRequestCollection {
  const id = (value: string) => `${path}/${encodeURIComponent(value)}`;
  return {
    ...readCollection<T.TimeOffRequest, T.TimeOffRequestManageFilter>(t, path),
    actions: async (requestId) =>
      (await readCollection<{ Action: string }>(t, `${id(requestId)}/Actions`).all())
        .map((a) => a.Action)
        .filter((a): a is T.TimeOffRequestAction['Action'] => a === 'Approve' || a === 'Reject'),
    act: (requestId, body) => t.data<T.TimeOffRequest>('POST', `${id(requestId)}/Actions`, { body }),
  };
}

export class PunchclockClient {
  readonly transport: Transport;

  // ——— the caller ———
  readonly me: {
    /** GET /Me. With Basic auth this is how a script obtains its token: `data.AuthToken.Token`. */
    get(params?: { Verbose?: boolean }): Promise<T.User>;
    update(body: T.MeUpdate): Promise<T.User>;
    /** Optional modules that are on (`Expenses`, `TimeOffManagement`, `TimesheetApprovals`). */
    services(): Promise<string[]>;
    /** POST /Me/ResetAuthToken: Basic only, so it needs the email and password. */
    resetToken(credentials?: { email: string; password: string }): Promise<T.AuthToken>;
    /** The caller's own manager permissions. */
    permissions(): Promise<T.Permission[]>;
    clients: ReadCollection<T.ClientMe, T.ClientFilter>;
    jobs: ReadCollection<T.JobMe, T.MeJobFilter> & {
      /** IDs of the tasks usable on a job. */
      tasks(jobId: string): Promise<string[]>;
      /** Every allowed job/task pair. */
      taskControls(params?: { JobIsActive?: boolean; TaskIsActive?: boolean }): Promise<T.JobTaskControl[]>;
    };
    tasks: ReadCollection<T.TaskMe, T.MeTaskFilter>;
    /** The caller's My Jobs / My Tasks lists (extension). */
    myJobs: Association;
    myTasks: Association;
    expenseSheets: SheetCollection<T.ExpenseSheetCreateMe, T.ExpenseSheetUpdate>;
    expenseItems: Collection<
      T.ExpenseItem,
      T.ExpenseItemCreateMe,
      T.ExpenseItemUpdateMe,
      T.ExpenseItemFilter
    >;
    currencies: ReadCollection<T.Currency, object>;
    timeEntries: Collection<T.TimeEntry, T.TimeEntryCreateMe, T.TimeEntryUpdate, T.TimeEntryFilter>;
    timesheets: TimesheetCollection;
    timers: ReadCollection<
      T.Timer,
      { ID?: string; IsRunning?: boolean; FromDate?: string; ToDate?: string }
    > & {
      /** Starts (or resumes) the stopwatch of a time entry. */
      start(timeEntryId: string, body?: T.TimerStart): Promise<T.Timer>;
      replace(timeEntryId: string, body: T.TimerReplace): Promise<T.Timer>;
      ofEntry(timeEntryId: string): Promise<T.Timer>;
      remove(timeEntryId: string): Promise<void>;
    };
    /** `/Me/Reports/TimeSummary/Daily|Weekly`. */
    timeSummary: {
      daily(params: T.TimeSummaryParams): Promise<T.TimeSummaryDaily[]>;
      weekly(params: T.TimeSummaryParams): Promise<T.TimeSummaryWeekly[]>;
    };
    /** `/Me/TimeOffTypes`: the time-off types open to the caller, with `CurrentBalance`. */
    timeOffTypes: ReadCollection<T.PersonTimeOffType, T.TimeOffTypeFilter> & {
      /** The balance expected on a future date (accruals and requests counted). */
      futureBalance(
        typeId: string,
        date: string,
      ): Promise<{ FutureBalance: number } & Record<string, unknown>>;
    };
    /** `/Me/TimeOffRequests`: create (submitted at once), list, and Cancel through Actions. */
    timeOffRequests: ReadCollection<T.TimeOffRequest, T.TimeOffRequestFilter> & {
      create(body: T.TimeOffRequestCreateMe): Promise<T.TimeOffRequest>;
      act(id: string, body: T.TimeOffRequestActionMe): Promise<T.TimeOffRequest>;
    };
  };

  /** `/Reports/…` (API.md §4.16): Admin, or managers with the report permissions. */
  readonly reports: {
    /** `GET /Reports/TimeSummary?GroupBy=…` (JobID or UserID required). */
    timeSummary(params: T.ReportSummaryParams): Promise<T.ReportSummary[]>;
    /** The URL of an export (`Time.csv`, `Time.xlsx`, `Expense.csv`, `Expense.xlsx`), for a download link. */
    exportUrl(report: 'Time' | 'Expense', format: 'csv' | 'xlsx', params?: T.ReportExportParams): string;
  };

  // ——— company ———
  readonly company: {
    get(): Promise<T.Company>;
    /** Admin only. Fields beyond ClickTime's PATCH model are Punchclock extensions. */
    update(body: T.CompanyUpdate): Promise<T.Company>;
    /** Every manager permission name. */
    permissions(): Promise<string[]>;
  };

  // ——— people ———
  readonly users: Collection<T.User, T.UserCreate, T.UserUpdate, T.UserFilter> & {
    /** Creates a person; without a Password the answer carries an invitation link to show them. */
    invite(
      body: T.UserCreate,
    ): Promise<{ user: T.User; invitation: T.Invitation | null; warnings: string[] }>;
    permissions(userId: string): {
      get(): Promise<T.Permission[]>;
      /** Replaces the whole set (`[]` removes every permission). */
      set(permissions: readonly { Name: string; AccessLevel?: T.AccessLevel }[]): Promise<T.Permission[]>;
      /** Divisions that `Divisions`-scoped permissions cover. */
      divisions(): Promise<string[]>;
      setDivisions(ids: readonly string[]): Promise<string[]>;
    };
  };

  readonly manage: {
    users: Without<Collection<T.User, T.UserCreate, T.UserUpdate, T.UserFilter>, 'delete' | 'template'>;
    divisions: Without<
      Collection<T.Division, T.DivisionCreate, T.DivisionUpdate, T.NamedFilter>,
      'delete' | 'template'
    >;
    expenseSheets: SheetCollection<T.ExpenseSheetCreate, T.ExpenseSheetUpdate>;
    expenseItems: Collection<T.ExpenseItem, T.ExpenseItemCreate, T.ExpenseItemUpdate, T.ExpenseItemFilter>;
    timesheets: TimesheetCollection;
    timeEntries: Collection<T.TimeEntry, T.TimeEntryCreate, T.TimeEntryUpdate, T.TimeEntryFilter>;
    /** The requests of the people the caller approves time off for (Approve Time Off). */
    timeOffRequests: TimeOffRequestCollection;
    /**
     * `/Manage/JobApprovals` (extension): the pending job approvals the caller decides (their jobs; Admins:
     * all). Decide with `timesheets.act(TimesheetID, { Action: 'JobApproval', JobID, JobStatus, Comment })`.
     */
    jobApprovals: Without<ReadCollection<T.JobApproval>, 'get'> & {
      /** The sheet's time entries on the approval's job. */
      timeEntries(id: string, params?: { Verbose?: boolean }): Promise<T.TimeEntry[]>;
    };
  };

  // ——— time ———
  readonly timeEntries: Collection<T.TimeEntry, T.TimeEntryCreate, T.TimeEntryUpdate, T.TimeEntryFilter>;
  readonly timesheets: TimesheetCollection & {
    /** The time entries of a timesheet's owner in its period. */
    timeEntries(idOrDate: string, params?: { JobID?: string; Verbose?: boolean }): Promise<T.TimeEntry[]>;
  };
  /** `/TimeOffRequests`: every request in the company (Admin); Approve or Reject through `act`. */
  readonly timeOffRequests: TimeOffRequestCollection;
  /** `/Reports/TimeSummary/Daily|Weekly` (company-wide). */
  readonly timeSummary: {
    daily(params: T.TimeSummaryParams): Promise<T.TimeSummaryDaily[]>;
    weekly(params: T.TimeSummaryParams): Promise<T.TimeSummaryWeekly[]>;
  };

  // ——— organisation ———
  readonly divisions: Without<
    Collection<T.Division, T.DivisionCreate, T.DivisionUpdate, T.NamedFilter>,
    'delete'
  >;
  readonly employmentTypes: Without<
    Collection<T.EmploymentType, T.EmploymentTypeCreate, T.EmploymentTypeUpdate, T.NamedFilter>,
    'delete'
  > & {
    /** IDs of the people with this employment type. */
    users(id: string): Promise<string[]>;
    assignUsers(id: string, userIds: readonly string[]): Promise<string[]>;
  };

  // ——— master data ———
  readonly clients: Collection<T.Client, T.ClientCreate, T.ClientUpdate, T.ClientFilter>;
  readonly jobs: Collection<T.Job, T.JobCreate, T.JobUpdate, T.JobFilter> & {
    tasks(jobId: string): Association;
    users(jobId: string): Association;
    divisions(jobId: string): Association;
  };
  readonly tasks: Collection<T.Task, T.TaskCreate, T.TaskUpdate, T.TaskFilter> & {
    jobs(taskId: string): Association;
  };
  readonly customFieldDefinitions: Collection<
    T.CustomFieldDefinition,
    T.CustomFieldDefinitionCreate,
    T.CustomFieldDefinitionUpdate,
    T.CustomFieldDefinitionFilter
  > & {
    /** Read-only definitions of one entity (`Clients`, `Jobs`, `Tasks`, `Users`, `Divisions`, `TimeEntries`). */
    of(entity: string): ReadCollection<T.CustomFieldDefinition, T.CustomFieldDefinitionFilter>;
  };

  // ——— expenses ———
  readonly expenseSheets: SheetCollection<T.ExpenseSheetCreate, T.ExpenseSheetUpdate>;
  readonly expenseItems: Collection<
    T.ExpenseItem,
    T.ExpenseItemCreate,
    T.ExpenseItemUpdate,
    T.ExpenseItemFilter
  >;
  /** Reads are ClickTime's; create/update are Admin extensions (DECISIONS 25). */
  readonly expenseTypes: Without<
    Collection<T.ExpenseType, T.ExpenseTypeCreate, T.ExpenseTypeUpdate, T.NamedFilter>,
    'delete'
  > & {
    /** Re-applies a mileage type's rate to items on sheets not yet approved (DECISIONS 18; extension). */
    reapplyRate(id: string): Promise<T.ReapplyRateResult>;
  };
  readonly paymentTypes: Without<
    Collection<T.PaymentType, T.PaymentTypeCreate, T.PaymentTypeUpdate, T.NamedFilter>,
    'delete'
  >;
  readonly currencies: ReadCollection<T.Currency, object>;

  // ——— the web app's endpoints (outside /v2; session or no auth) ———
  readonly web: {
    /** Signs in with email and password; the client switches to session auth. */
    signIn(email: string, password: string): Promise<T.WebSession>;
    /** Who is signed in (401 when nobody); refreshes the CSRF token. */
    session(): Promise<T.WebSession>;
    signOut(): Promise<void>;
    /** My Preferences → Authentication Token: a new API token after re-entering the password. */
    resetToken(password: string): Promise<T.AuthToken>;
    /** First-run setup: creates the first company and its Admin. */
    setup(body: T.SetupBody): Promise<T.SetupResult>;
    /** Sets a password through an invitation link's token. */
    acceptInvitation(token: string, password: string): Promise<{ Email: string }>;
  };

  constructor(options: ClientOptions = {}) {
    const auth: Auth | undefined = options.token ? { kind: 'token', token: options.token } : options.auth;
    const t = (this.transport = new Transport({ ...options, ...(auth ? { auth } : {}) }));
    const enc = encodeURIComponent;
    const none: Auth = { kind: 'none' };

    this.me = {
      get: (params) => t.data('GET', '/v2/Me', { query: params as Query }),
      update: (body) => t.data('PATCH', '/v2/Me', { body }),
      services: () => t.data('GET', '/v2/Me/Services'),
      resetToken: (credentials) =>
        t.data(
          'POST',
          '/v2/Me/ResetAuthToken',
          credentials ? { auth: { kind: 'basic', ...credentials } } : {},
        ),
      permissions: () => t.data('GET', '/v2/Manage/Permissions'),
      clients: readCollection(t, '/v2/Me/Clients'),
      jobs: {
        ...readCollection<T.JobMe, T.MeJobFilter>(t, '/v2/Me/Jobs'),
        tasks: (jobId) => t.data('GET', `/v2/Me/Jobs/${enc(jobId)}/Tasks`),
        taskControls: (params) =>
          readCollection<T.JobTaskControl, { JobIsActive?: boolean; TaskIsActive?: boolean }>(
            t,
            '/v2/Me/Jobs/TaskControls',
          ).all(params),
      },
      tasks: readCollection(t, '/v2/Me/Tasks'),
      myJobs: association(t, '/v2/Me/MyJobs'),
      myTasks: association(t, '/v2/Me/MyTasks'),
      expenseSheets: sheetCollection(t, '/v2/Me/ExpenseSheets'),
      expenseItems: collection(t, '/v2/Me/ExpenseItems'),
      currencies: readCollection(t, '/v2/Me/Currencies'),
      timeEntries: collection(t, '/v2/Me/TimeEntries'),
      timesheets: timesheetCollection(t, '/v2/Me/Timesheets'),
      timers: {
        ...readCollection(t, '/v2/Me/Timers'),
        start: (entry, body) =>
          t.data('POST', `/v2/Me/TimeEntries/${enc(entry)}/Timer`, { body: body ?? {} }),
        replace: (entry, body) => t.data('PUT', `/v2/Me/TimeEntries/${enc(entry)}/Timer`, { body }),
        ofEntry: (entry) => t.data('GET', `/v2/Me/TimeEntries/${enc(entry)}/Timer`),
        remove: async (entry) => {
          await t.request('DELETE', `/v2/Me/TimeEntries/${enc(entry)}/Timer`);
        },
      },
      timeSummary: {
        daily: (params) =>
          readCollection<T.TimeSummaryDaily, T.TimeSummaryParams>(t, '/v2/Me/Reports/TimeSummary/Daily').all(
            params,
          ),
        weekly: (params) =>
          readCollection<T.TimeSummaryWeekly, T.TimeSummaryParams>(
            t,
            '/v2/Me/Reports/TimeSummary/Weekly',
          ).all(params),
      },
      timeOffTypes: {
        ...readCollection<T.PersonTimeOffType, T.TimeOffTypeFilter>(t, '/v2/Me/TimeOffTypes'),
        futureBalance: (typeId, date) =>
          t.data('GET', `/v2/Me/TimeOffTypes/${enc(typeId)}/FutureBalance/${enc(date)}`),
      },
      timeOffRequests: {
        ...readCollection<T.TimeOffRequest, T.TimeOffRequestFilter>(t, '/v2/Me/TimeOffRequests'),
        create: (body) => t.data('POST', '/v2/Me/TimeOffRequests', { body }),
        act: (id, body) => t.data('POST', `/v2/Me/TimeOffRequests/${enc(id)}/Actions`, { body }),
      },
    };

    this.reports = {
      timeSummary: (params) =>
        readCollection<T.ReportSummary, T.ReportSummaryParams>(t, '/v2/Reports/TimeSummary').all(params),
      exportUrl: (report, format, params) => t.url(`/v2/Reports/${report}.${format}`, params),
    };

    this.company = {
      get: () => t.data('GET', '/v2/Company'),
      update: (body) => t.data('PATCH', '/v2/Company', { body }),
      permissions: () =>
        readCollection<string, ListParams>(t, '/v2/Company/Permissions')
          .iterate({}, { pageSize: 1000 })
          .toArray(),
    };

    const users = collection<T.User, T.UserCreate, T.UserUpdate, T.UserFilter>(t, '/v2/Users');
    this.users = {
      ...users,
      invite: async (body) => {
        const r = await users.createResult(body);
        const invitations = Array.isArray(r.meta.Invitations) ? (r.meta.Invitations as T.Invitation[]) : [];
        return { user: r.data, invitation: invitations[0] ?? null, warnings: r.warnings };
      },
      permissions: (userId) => {
        const base = `/v2/Users/${enc(userId)}/Permissions`;
        return {
          get: () => t.data('GET', base),
          set: (permissions) => t.data('PUT', base, { body: permissions }),
          divisions: () => t.data('GET', `${base}/Divisions`),
          setDivisions: (ids) => t.data('PUT', `${base}/Divisions`, { body: ids }),
        };
      },
    };

    this.manage = {
      users: collection(t, '/v2/Manage/Users'),
      divisions: collection(t, '/v2/Manage/Divisions'),
      expenseSheets: sheetCollection(t, '/v2/Manage/ExpenseSheets'),
      expenseItems: collection(t, '/v2/Manage/ExpenseItems'),
      timesheets: timesheetCollection(t, '/v2/Manage/Timesheets'),
      timeEntries: collection(t, '/v2/Manage/Timesheets/TimeEntries'),
      timeOffRequests: timeOffRequestCollection(t, '/v2/Manage/TimeOffRequests'),
      // A read collection without `get`: there is no GET /Manage/JobApprovals/{id}.
      jobApprovals: {
        ...readCollection<T.JobApproval>(t, '/v2/Manage/JobApprovals'),
        timeEntries: (id, params) =>
          readCollection<T.TimeEntry>(t, `/v2/Manage/JobApprovals/${enc(id)}/TimeEntries`).all(params),
      },
    };

    this.timeEntries = collection(t, '/v2/TimeEntries');
    this.timesheets = {
      ...timesheetCollection(t, '/v2/Timesheets'),
      timeEntries: (sheet, params) =>
        readCollection<T.TimeEntry, { JobID?: string }>(t, `/v2/Timesheets/${enc(sheet)}/TimeEntries`).all(
          params,
        ),
    };
    this.timeOffRequests = timeOffRequestCollection(t, '/v2/TimeOffRequests');
    this.timeSummary = {
      daily: (params) =>
        readCollection<T.TimeSummaryDaily, T.TimeSummaryParams>(t, '/v2/Reports/TimeSummary/Daily').all(
          params,
        ),
      weekly: (params) =>
        readCollection<T.TimeSummaryWeekly, T.TimeSummaryParams>(t, '/v2/Reports/TimeSummary/Weekly').all(
          params,
        ),
    };

    this.divisions = collection(t, '/v2/Divisions');
    this.employmentTypes = {
      ...collection<T.EmploymentType, T.EmploymentTypeCreate, T.EmploymentTypeUpdate, T.NamedFilter>(
        t,
        '/v2/EmploymentTypes',
      ),
      users: (id) => t.data('GET', `/v2/EmploymentTypes/${enc(id)}/Users`),
      assignUsers: (id, userIds) => t.data('POST', `/v2/EmploymentTypes/${enc(id)}/Users`, { body: userIds }),
    };

    this.clients = collection(t, '/v2/Clients');
    this.jobs = {
      ...collection<T.Job, T.JobCreate, T.JobUpdate, T.JobFilter>(t, '/v2/Jobs'),
      tasks: (jobId) => association(t, `/v2/Jobs/${enc(jobId)}/Tasks`),
      users: (jobId) => association(t, `/v2/Jobs/${enc(jobId)}/Users`),
      divisions: (jobId) => association(t, `/v2/Jobs/${enc(jobId)}/Divisions`),
    };
    this.tasks = {
      ...collection<T.Task, T.TaskCreate, T.TaskUpdate, T.TaskFilter>(t, '/v2/Tasks'),
      jobs: (taskId) => association(t, `/v2/Tasks/${enc(taskId)}/Jobs`),
    };
    this.customFieldDefinitions = {
      ...collection<
        T.CustomFieldDefinition,
        T.CustomFieldDefinitionCreate,
        T.CustomFieldDefinitionUpdate,
        T.CustomFieldDefinitionFilter
      >(t, '/v2/CustomFieldDefinitions'),
      of: (entity) => readCollection(t, `/v2/${enc(entity)}/CustomFieldDefinitions`),
    };

    this.expenseSheets = sheetCollection(t, '/v2/ExpenseSheets');
    this.expenseItems = collection(t, '/v2/ExpenseItems');
    this.expenseTypes = {
      ...collection<T.ExpenseType, T.ExpenseTypeCreate, T.ExpenseTypeUpdate, T.NamedFilter>(
        t,
        '/v2/ExpenseTypes',
      ),
      reapplyRate: (id) => t.data('POST', `/v2/ExpenseTypes/${enc(id)}/ReapplyRate`),
    };
    this.paymentTypes = collection(t, '/v2/PaymentTypes');
    this.currencies = readCollection(t, '/v2/Currencies');

    this.web = {
      signIn: async (email, password) => {
        t.setAuth({ kind: 'session', csrfToken: null });
        const session = await t.data<T.WebSession>('POST', '/web/session', {
          body: { Email: email, Password: password },
        });
        t.setCsrfToken(session.CsrfToken);
        return session;
      },
      session: async () => {
        if (t.getAuth().kind !== 'session') t.setAuth({ kind: 'session', csrfToken: null });
        const session = await t.data<T.WebSession>('GET', '/web/session');
        t.setCsrfToken(session.CsrfToken);
        return session;
      },
      signOut: async () => {
        try {
          await t.request('DELETE', '/web/session');
        } finally {
          t.setCsrfToken(null);
        }
      },
      resetToken: (password) => t.data('POST', '/web/token/reset', { body: { Password: password } }),
      setup: (body) => t.data('POST', '/setup', { body, auth: none }),
      acceptInvitation: (token, password) =>
        t.data('POST', `/invite/${enc(token)}`, { body: { Password: password }, auth: none }),
    };
  }

  /**
   * The operations this server offers, as `"GET /v2/Me"` strings with the paths of its OpenAPI document
   * (`/v2/Users/{userID}`). Lets a client tell which resources a server has before calling them.
   */
  async operations(): Promise<Set<string>> {
    const doc = await this.transport.json<{ paths?: Record<string, Record<string, unknown>> }>(
      '/v2/openapi.json',
    );
    const out = new Set<string>();
    for (const [path, ops] of Object.entries(doc.paths ?? {})) {
      for (const method of Object.keys(ops)) out.add(`${method.toUpperCase()} ${path}`);
    }
    return out;
  }

  /**
   * Signs in the ClickTime way: Basic credentials on GET /Me return the API token, and the returned
   * client uses that token from then on.
   */
  static async withPassword(
    options: Omit<ClientOptions, 'auth' | 'token'> & { email: string; password: string },
  ): Promise<{ client: PunchclockClient; me: T.User; token: string }> {
    const { email, password, ...rest } = options;
    const basic = new PunchclockClient({ ...rest, auth: { kind: 'basic', email, password } });
    const me = await basic.me.get();
    const token = me.AuthToken?.Token;
    if (!token) throw new Error('The server did not return an API token on GET /Me.');
    return { client: new PunchclockClient({ ...rest, token }), me, token };
  }
}
