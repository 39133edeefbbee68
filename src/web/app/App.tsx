import { useEffect, useRef, useState, type ReactNode } from 'react';
import { matchPath, Link, RouterProvider, useRouter } from './router.js';
import {
  has,
  isAdmin,
  isManagerOrAdmin,
  SessionProvider,
  useSession,
  useSignedIn,
  type SignedIn,
} from './session.js';
import { Button, ErrorAlert, Loading, Placeholder } from './ui/index.js';
import { SignInPage } from './pages/SignIn.js';
import { HomePage } from './pages/Home.js';
import { PreferencesPage } from './pages/Preferences.js';
import { PeoplePage } from './pages/admin/People.js';
import { PersonPage } from './pages/admin/Person.js';
import { DivisionsPage, EmploymentTypesPage } from './pages/admin/Organisation.js';
import { CompanyPage } from './pages/admin/CompanySettings.js';
import { ClientsPage, JobsPage, TasksPage } from './pages/admin/MasterData.js';
import { CustomFieldsPage } from './pages/admin/CustomFields.js';
import { ExpenseTypesPage } from './pages/admin/ExpenseTypes.js';
import { ExpenseSheetsPage } from './pages/expenses/Sheets.js';
import { ExpenseSheetPage } from './pages/expenses/Sheet.js';
import { ApprovalsPage } from './pages/time/Approvals.js';
import { ReportsPage } from './pages/time/Reports.js';
import { TimePage } from './pages/time/Time.js';
import { TimesheetsPage } from './pages/time/Timesheets.js';
import { TimeOffPage } from './pages/time/TimeOff.js';

export function App() {
  return (
    <RouterProvider>
      <SessionProvider>
        <Root />
      </SessionProvider>
    </RouterProvider>
  );
}

function Root() {
  const { state, retry } = useSession();
  switch (state.status) {
    case 'loading':
      return (
        <main>
          <Loading what="Opening Punchclock" />
        </main>
      );
    case 'failed':
      return (
        <main className="signin">
          <h1>Punchclock</h1>
          <ErrorAlert error={state.error} onRetry={retry} />
        </main>
      );
    case 'signed-out':
      return <SignInPage notice={state.notice} />;
    case 'signed-in':
      return <Layout />;
  }
}

interface Route {
  pattern: string;
  render: (params: Record<string, string>) => ReactNode;
  /** Who may see it. */
  allow?: (s: SignedIn) => boolean;
}

const admin = (s: SignedIn) => isAdmin(s.me);
const managers = (s: SignedIn) => isManagerOrAdmin(s.me);

const routes: Route[] = [
  { pattern: '/', render: () => <HomePage /> },
  { pattern: '/signin', render: () => <HomePage /> },
  { pattern: '/preferences', render: () => <PreferencesPage tab="profile" /> },
  { pattern: '/preferences/time', render: () => <PreferencesPage tab="time" /> },
  { pattern: '/preferences/token', render: () => <PreferencesPage tab="token" /> },
  { pattern: '/time', render: () => <TimePage /> },
  { pattern: '/timesheets', render: () => <TimesheetsPage /> },
  { pattern: '/time-off', render: () => <TimeOffPage /> },
  { pattern: '/approvals', render: () => <ApprovalsPage />, allow: managers },
  { pattern: '/reports', render: () => <ReportsPage /> },
  { pattern: '/expenses', render: () => <ExpenseSheetsPage /> },
  { pattern: '/expenses/:id', render: (p) => <ExpenseSheetPage id={p.id!} /> },
  { pattern: '/admin', render: () => <PeoplePage />, allow: managers },
  { pattern: '/admin/people', render: () => <PeoplePage />, allow: managers },
  { pattern: '/admin/people/:id', render: (p) => <PersonPage id={p.id!} />, allow: managers },
  { pattern: '/admin/divisions', render: () => <DivisionsPage />, allow: managers },
  { pattern: '/admin/employment-types', render: () => <EmploymentTypesPage />, allow: managers },
  { pattern: '/admin/clients', render: () => <ClientsPage />, allow: managers },
  { pattern: '/admin/jobs', render: () => <JobsPage />, allow: managers },
  { pattern: '/admin/tasks', render: () => <TasksPage />, allow: managers },
  { pattern: '/admin/custom-fields', render: () => <CustomFieldsPage />, allow: admin },
  { pattern: '/admin/expense-types', render: () => <ExpenseTypesPage />, allow: managers },
  { pattern: '/admin/company', render: () => <CompanyPage />, allow: admin },
];

function Page() {
  const { path } = useRouter();
  const s = useSignedIn();
  for (const route of routes) {
    const params = matchPath(route.pattern, path);
    if (!params) continue;
    if (route.allow && !route.allow(s)) {
      return (
        <Placeholder title="Not available">
          This page is for administrators{route.allow === managers ? ' and managers' : ''}. Ask your
          administrator if you need access.
        </Placeholder>
      );
    }
    return <>{route.render(params)}</>;
  }
  return (
    <>
      <h1 id="page-title" tabIndex={-1}>
        Page not found
      </h1>
      <p>
        There is no page at <code>{path}</code>. <Link to="/">Go to the home page</Link>.
      </p>
    </>
  );
}

function Layout() {
  const s = useSignedIn();
  const { path } = useRouter();
  const [menuOpen, setMenuOpen] = useState(false);

  // After a navigation or signing in, move focus to the new page's heading so screen readers announce it
  // (a fresh page load keeps the browser's own focus, so the skip link stays the first Tab stop).
  const { state } = useSession();
  const justSignedIn = state.status === 'signed-in' && state.justSignedIn;
  const shownPath = useRef<string | null>(null);
  useEffect(() => {
    const previous = shownPath.current;
    shownPath.current = path;
    if (previous === path) return;
    setMenuOpen(false);
    if (previous === null && !justSignedIn) return;
    const focusTitle = () => document.getElementById('page-title')?.focus();
    const before = document.activeElement;
    focusTitle();
    // Pages that load first render their title a moment later; but if the person has already moved
    // focus (clicked into a field, started typing), leave it where they put it.
    const timer = window.setTimeout(() => {
      const now = document.activeElement;
      if (!now || now === document.body || now === before || now.id === 'page-title') focusTitle();
    }, 300);
    return () => window.clearTimeout(timer);
  }, [path, justSignedIn]);

  // /signin after signing in: go home.
  const { navigate } = useRouter();
  useEffect(() => {
    if (path === '/signin') navigate('/', { replace: true });
  }, [path, navigate]);

  const c = s.company;
  const expensesOn = c.OptionalModules?.Expenses !== false;
  const timeOffOn =
    (c.OptionalModules as Record<string, boolean | undefined> | undefined)?.TimeOffManagement !== false &&
    has(s, 'GET /v2/Me/TimeOffTypes');
  const soon = <span className="soon">soon</span>;
  const manager = isManagerOrAdmin(s.me);
  const op = (name: string) => has(s, name);

  return (
    <>
      <a className="skip-link" href="#main">
        Skip to main content
      </a>
      <header className="topbar">
        <Link to="/" className="brand" exact>
          Punchclock<small>{c.Name}</small>
        </Link>
        <span className="who">{s.me.Name}</span>
        <Button
          className="menu-toggle small"
          aria-expanded={menuOpen}
          aria-controls="sidenav"
          onClick={() => setMenuOpen((o) => !o)}
        >
          Menu
        </Button>
      </header>
      <div className="shell">
        <nav id="sidenav" className="sidenav" aria-label="Main" data-open={menuOpen ? 'true' : 'false'}>
          <ul>
            <li>
              <Link to="/" exact>
                Home
              </Link>
            </li>
            <li>
              <Link to="/time">Time {op('GET /v2/Me/TimeEntries') ? null : soon}</Link>
            </li>
            <li>
              <Link to="/timesheets">Timesheets {op('GET /v2/Me/Timesheets') ? null : soon}</Link>
            </li>
            {timeOffOn ? (
              <li>
                <Link to="/time-off">Time off</Link>
              </li>
            ) : null}
            {expensesOn ? (
              <li>
                <Link to="/expenses">Expenses {op('GET /v2/Me/ExpenseSheets') ? null : soon}</Link>
              </li>
            ) : null}
            {manager ? (
              <li>
                <Link to="/approvals">
                  Approvals{' '}
                  {op('GET /v2/Timesheets') || op('GET /v2/ExpenseSheets') || op('GET /v2/TimeOffRequests')
                    ? null
                    : soon}
                </Link>
              </li>
            ) : null}
            <li>
              <Link to="/reports">Reports {op('GET /v2/Me/Reports/TimeSummary/Weekly') ? null : soon}</Link>
            </li>
          </ul>
          {manager ? (
            <>
              <p className="group" id="nav-company">
                Company
              </p>
              <ul aria-labelledby="nav-company">
                <li>
                  <Link to="/admin/people">People</Link>
                </li>
                <li>
                  <Link to="/admin/clients">{c.ClientTermPlural ?? 'Clients'}</Link>
                </li>
                <li>
                  <Link to="/admin/jobs">{c.JobTermPlural ?? 'Jobs'}</Link>
                </li>
                <li>
                  <Link to="/admin/tasks">{c.TaskTermPlural ?? 'Tasks'}</Link>
                </li>
                <li>
                  <Link to="/admin/divisions">{c.DivisionTermPlural ?? 'Divisions'}</Link>
                </li>
                <li>
                  <Link to="/admin/employment-types">Employment types</Link>
                </li>
                {expensesOn ? (
                  <li>
                    <Link to="/admin/expense-types">Expense types</Link>
                  </li>
                ) : null}
                {isAdmin(s.me) ? (
                  <>
                    <li>
                      <Link to="/admin/custom-fields">Custom fields</Link>
                    </li>
                    <li>
                      <Link to="/admin/company">Company settings</Link>
                    </li>
                  </>
                ) : null}
              </ul>
            </>
          ) : null}
          <p className="group" id="nav-account">
            Account
          </p>
          <ul aria-labelledby="nav-account">
            <li>
              <Link to="/preferences">My Preferences</Link>
            </li>
            <li>
              <button type="button" onClick={() => void s.signOut()}>
                Sign out
              </button>
            </li>
          </ul>
        </nav>
        <main id="main" tabIndex={-1}>
          <Page />
        </main>
      </div>
    </>
  );
}
