/**
 * Reports: hours by week from the time summaries (`/Me/Reports/TimeSummary/Weekly`; company-wide
 * `/Reports/TimeSummary/Weekly` for Admins and managers who may run company reports).
 */
import { useState } from 'react';
import type { TimeSummaryWeekly, User } from '../../../../sdk/index.js';
import { api } from '../../api.js';
import { addDays, formatDay, formatHours, todayIso } from '../../format.js';
import { useAsync } from '../../hooks.js';
import { has, isManagerOrAdmin, useSignedIn } from '../../session.js';
import { ErrorAlert, Loading, PageTitle, Placeholder, SelectField } from '../../ui/index.js';
import { BarChart } from './BarChart.js';

const total = (w: TimeSummaryWeekly) => w.Hours.reduce((sum, d) => sum + d.Hours, 0);

export function ReportsPage() {
  const s = useSignedIn();
  if (!has(s, 'GET /v2/Me/Reports/TimeSummary/Weekly')) {
    return (
      <Placeholder title="Reports">
        Reports need the /Reports API, which this server does not have yet.
      </Placeholder>
    );
  }
  return <Reports />;
}

function Reports() {
  const s = useSignedIn();
  const [weeks, setWeeks] = useState('8');
  const end = todayIso();
  const start = addDays(end, -7 * Number(weeks) + 1);
  const precision = s.company.PrecisionForHoursValues ?? 2;
  const mine = useAsync(() => api.me.timeSummary.weekly({ StartDate: start, EndDate: end }), [start, end]);
  const company = isManagerOrAdmin(s.me) && has(s, 'GET /v2/Reports/TimeSummary/Weekly');
  const everyone = useAsync(async () => {
    if (!company) return null;
    const [rows, people] = await Promise.all([
      api.timeSummary.weekly({ StartDate: start, EndDate: end }),
      api.users.all({ IsActive: true }),
    ]);
    return { rows, people: new Map(people.map((p: User) => [p.ID, p.Name])) };
  }, [start, end, company]);

  return (
    <>
      <PageTitle>Reports</PageTitle>
      <div className="filters" style={{ gridTemplateColumns: 'minmax(10rem, 16rem)' }}>
        <SelectField
          label="Period"
          value={weeks}
          options={[
            { value: '4', label: 'Last 4 weeks' },
            { value: '8', label: 'Last 8 weeks' },
            { value: '13', label: 'Last 13 weeks' },
            { value: '26', label: 'Last 26 weeks' },
          ]}
          onChange={(e) => setWeeks(e.target.value)}
        />
      </div>
      <section className="card" aria-labelledby="my-hours">
        <h2 id="my-hours">My hours by week</h2>
        <ErrorAlert error={mine.error} onRetry={mine.reload} />
        {mine.data ? (
          <div className="table-wrap">
            <table className="list stack">
              <caption className="visually-hidden">My hours by week</caption>
              <thead>
                <tr>
                  <th scope="col">Week</th>
                  <th scope="col" className="num">
                    Hours
                  </th>
                  <th scope="col">Complete</th>
                </tr>
              </thead>
              <tbody>
                {[...mine.data].reverse().map((w) => (
                  <tr key={w.StartDate}>
                    <td data-label="Week">
                      {formatDay(w.StartDate)} – {formatDay(w.EndDate)}
                    </td>
                    <td data-label="Hours" className="num">
                      {formatHours(total(w), precision)}
                    </td>
                    <td data-label="Complete">{w.IsComplete ? 'Yes' : 'No'}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        ) : (
          <Loading what="Loading" />
        )}
      </section>
      {isManagerOrAdmin(s.me) && has(s, 'GET /v2/Reports/TimeSummary') ? (
        <HoursChart start={start} end={end} precision={precision} />
      ) : null}
      {isManagerOrAdmin(s.me) && has(s, 'GET /v2/Reports/Time.csv') ? (
        <Downloads start={start} end={end} />
      ) : null}
      {company ? (
        <section className="card" aria-labelledby="all-hours">
          <h2 id="all-hours">Everyone’s hours</h2>
          <ErrorAlert error={everyone.error} onRetry={everyone.reload} />
          {everyone.data ? (
            <div className="table-wrap">
              <table className="list stack">
                <caption className="visually-hidden">Hours by person and week</caption>
                <thead>
                  <tr>
                    <th scope="col">Person</th>
                    <th scope="col">Week</th>
                    <th scope="col" className="num">
                      Hours
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {everyone.data.rows
                    .filter((w) => total(w) > 0)
                    .map((w) => (
                      <tr key={`${w.UserID}-${w.StartDate}`}>
                        <td data-label="Person">{everyone.data?.people.get(w.UserID) ?? w.UserID}</td>
                        <td data-label="Week">{formatDay(w.StartDate)}</td>
                        <td data-label="Hours" className="num">
                          {formatHours(total(w), precision)}
                        </td>
                      </tr>
                    ))}
                </tbody>
              </table>
            </div>
          ) : everyone.loading ? (
            <Loading what="Loading" />
          ) : null}
        </section>
      ) : null}
    </>
  );
}

const GROUPS: { value: 'Job' | 'User' | 'Task'; label: string }[] = [
  { value: 'Job', label: 'Job' },
  { value: 'User', label: 'Person' },
  { value: 'Task', label: 'Task' },
];

/** Hours by job, person or task over the period (`GET /Reports/TimeSummary?GroupBy=…`), as SVG bars. */
function HoursChart({ start, end, precision }: { start: string; end: string; precision: number }) {
  const s = useSignedIn();
  const c = s.company;
  const [group, setGroup] = useState<'Job' | 'User' | 'Task'>('Job');
  const term = (g: string) =>
    g === 'Job' ? (c.JobTermSingular ?? 'Job') : g === 'Task' ? (c.TaskTermSingular ?? 'Task') : 'Person';
  const data = useAsync(async () => {
    // The summary needs JobID or UserID: every job (active or not) covers all the time.
    const jobs = await api.jobs.all({});
    if (jobs.length === 0) return [];
    const rows = await api.reports.timeSummary({
      GroupBy: group,
      JobID: jobs.map((j) => j.ID),
      StartDate: start,
      EndDate: end,
    });
    return rows
      .map((r) => ({
        label:
          (group === 'Job' ? r.Key.JobName : group === 'User' ? r.Key.UserName : r.Key.TaskName) ??
          r.Key.JobID ??
          r.Key.UserID ??
          r.Key.TaskID ??
          '—',
        value: r.Hours,
      }))
      .filter((r) => r.value > 0)
      .sort((a, b) => b.value - a.value);
  }, [group, start, end]);
  return (
    <section className="card" aria-labelledby="chart-title">
      <h2 id="chart-title">Hours by {term(group).toLowerCase()}</h2>
      <div className="filters" style={{ gridTemplateColumns: 'minmax(10rem, 16rem)' }}>
        <SelectField
          label="Group by"
          value={group}
          options={GROUPS.map((g) => ({ value: g.value, label: term(g.value) }))}
          onChange={(e) => setGroup(e.target.value as 'Job' | 'User' | 'Task')}
        />
      </div>
      <ErrorAlert error={data.error} onRetry={data.reload} />
      {data.data ? (
        data.data.length === 0 ? (
          <p className="muted">No time in this period.</p>
        ) : (
          <BarChart
            title={`Hours by ${term(group).toLowerCase()}, ${formatDay(start)} – ${formatDay(end)}`}
            rows={data.data}
            format={(v) => formatHours(v, precision)}
          />
        )
      ) : (
        <Loading what="Loading the chart" />
      )}
    </section>
  );
}

/** CSV and XLSX downloads of the time and expense reports for the period (`/Reports/Time.csv` …). */
function Downloads({ start, end }: { start: string; end: string }) {
  const s = useSignedIn();
  const expenses = s.company.OptionalModules?.Expenses !== false && has(s, 'GET /v2/Reports/Expense.csv');
  const link = (report: 'Time' | 'Expense', format: 'csv' | 'xlsx') => (
    <a
      className="button secondary"
      href={api.reports.exportUrl(report, format, { StartDate: start, EndDate: end })}
      download={`${report.toLowerCase()}-${start}-${end}.${format}`}
    >
      {report} report ({format.toUpperCase()})
    </a>
  );
  return (
    <section className="card" aria-labelledby="downloads-title">
      <h2 id="downloads-title">Downloads</h2>
      <p className="muted">
        Every entry of {formatDay(start)} – {formatDay(end)}, for a spreadsheet.
      </p>
      <ul className="downloads">
        <li>{link('Time', 'csv')}</li>
        <li>{link('Time', 'xlsx')}</li>
        {expenses ? (
          <>
            <li>{link('Expense', 'csv')}</li>
            <li>{link('Expense', 'xlsx')}</li>
          </>
        ) : null}
      </ul>
    </section>
  );
}
