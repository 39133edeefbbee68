/** My timesheets (GET /Me/Timesheets, newest first), each opening its period on the Time page. */
import { useState } from 'react';
import { api } from '../../api.js';
import { formatDay, formatHours } from '../../format.js';
import { useAsync } from '../../hooks.js';
import { Link } from '../../router.js';
import { has, useSignedIn } from '../../session.js';
import { ErrorAlert, Loading, PageTitle, Pager, Placeholder } from '../../ui/index.js';
import { statusBadge } from './Time.js';

const PAGE = 20;

export function TimesheetsPage() {
  const s = useSignedIn();
  if (!has(s, 'GET /v2/Me/Timesheets')) {
    return (
      <Placeholder title="Timesheets">
        Timesheets need the /Me/Timesheets API, which this server does not have yet.
      </Placeholder>
    );
  }
  return <Timesheets />;
}

function Timesheets() {
  const s = useSignedIn();
  const [offset, setOffset] = useState(0);
  const sheets = useAsync(() => api.me.timesheets.list({ limit: PAGE, offset, Verbose: true }), [offset]);
  const precision = s.company.PrecisionForHoursValues ?? 2;
  return (
    <>
      <PageTitle>Timesheets</PageTitle>
      <p className="lead">
        A timesheet exists for every period; the ones listed here have time or a history. Open one to log time
        or submit it.
      </p>
      <ErrorAlert error={sheets.error} onRetry={sheets.reload} />
      {sheets.data ? (
        sheets.data.count === 0 ? (
          <div className="card">
            <p>
              No timesheets yet. <Link to="/time">Log time</Link> and this period’s timesheet appears here.
            </p>
          </div>
        ) : (
          <>
            <div className="table-wrap">
              <table className="list stack">
                <caption className="visually-hidden">Your timesheets</caption>
                <thead>
                  <tr>
                    <th scope="col">Period</th>
                    <th scope="col">Status</th>
                    <th scope="col" className="num">
                      Hours
                    </th>
                    <th scope="col">Submitted</th>
                  </tr>
                </thead>
                <tbody>
                  {sheets.data.items.map((t) => (
                    <tr key={t.ID}>
                      <td data-label="Period">
                        <Link to={`/time?date=${t.StartDate}`}>
                          {formatDay(t.StartDate)} – {formatDay(t.EndDate, 'long')}
                        </Link>
                      </td>
                      <td data-label="Status">{statusBadge(t.Status)}</td>
                      <td data-label="Hours" className="num">
                        {t.DayTotals
                          ? formatHours(
                              t.DayTotals.reduce((sum, d) => sum + d.Hours, 0),
                              precision,
                            )
                          : '—'}
                      </td>
                      <td data-label="Submitted">
                        {t.SubmittedDate ? t.SubmittedDate.slice(0, 10) : <span className="muted">—</span>}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
            <Pager
              offset={sheets.data.offset}
              limit={sheets.data.limit}
              count={sheets.data.count}
              noun="timesheets"
              onChange={setOffset}
            />
          </>
        )
      ) : (
        <Loading what="Loading timesheets" />
      )}
    </>
  );
}
