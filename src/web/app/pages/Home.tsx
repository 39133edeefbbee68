import { Link } from '../router.js';
import { has, isManagerOrAdmin, useSignedIn } from '../session.js';
import { PageTitle } from '../ui/index.js';

export function HomePage() {
  const s = useSignedIn();
  const first = s.me.Name.includes(',') ? s.me.Name.split(',')[1]!.trim() : s.me.Name.split(' ')[0];
  const expenses = has(s, 'GET /v2/Me/ExpenseSheets') && s.company.OptionalModules?.Expenses !== false;
  return (
    <>
      <PageTitle title="Home">Hello, {first}</PageTitle>
      <p className="lead">
        You are signed in to <strong>{s.company.Name}</strong> as {s.me.Email}
        {s.me.SecurityLevel ? ` (${s.me.SecurityLevel.toLowerCase()})` : ''}.
      </p>
      <div className="form-grid two">
        <section className="card" aria-labelledby="home-you">
          <h2 id="home-you">Your work</h2>
          <ul>
            <li>
              <Link to="/time">Time</Link> and <Link to="/timesheets">timesheets</Link>:{' '}
              {has(s, 'GET /v2/Me/TimeEntries') ? (
                'log your hours and submit your timesheet.'
              ) : (
                <span className="muted">coming once the time-entry API lands.</span>
              )}
            </li>
            <li>
              <Link to="/expenses">Expenses</Link>
              {expenses ? (
                ': your expense sheets, items and receipts.'
              ) : (
                <span className="muted">: not available yet.</span>
              )}
            </li>
            <li>
              <Link to="/preferences">My Preferences</Link>: profile, time format and your API token.
            </li>
          </ul>
        </section>
        {isManagerOrAdmin(s.me) ? (
          <section className="card" aria-labelledby="home-company">
            <h2 id="home-company">Your company</h2>
            <ul>
              <li>
                <Link to="/admin/people">People</Link>: invite, security levels, permissions, approvers.
              </li>
              <li>
                <Link to="/admin/divisions">{s.company.DivisionTermPlural ?? 'Divisions'}</Link> and{' '}
                <Link to="/admin/employment-types">employment types</Link>.
              </li>
              {s.me.SecurityLevel === 'ADMIN' ? (
                <li>
                  <Link to="/admin/company">Company settings</Link>: terms, timesheet period, lock date,
                  modules.
                </li>
              ) : null}
            </ul>
          </section>
        ) : null}
        <section className="card" aria-labelledby="home-api">
          <h2 id="home-api">Scripts and integrations</h2>
          <p>
            Punchclock speaks ClickTime’s REST API v2 at <code>/v2</code>. Your token is under{' '}
            <Link to="/preferences/token">My Preferences → Authentication Token</Link>; the reference is at{' '}
            <a href="/v2/docs">/v2/docs</a>.
          </p>
        </section>
      </div>
    </>
  );
}
