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
