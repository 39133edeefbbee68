/**
 * Approvals: timesheets, expense sheets and time-off requests waiting for the caller. An Admin sees the
 * company's (`/Timesheets`, `/ExpenseSheets`, `/TimeOffRequests`); a manager the people they approve
 * (`/Manage/…`, API.md §5; time off needs the Approve Time Off permission). With project approvals on,
 * timesheets held for a job's project manager (JobHold) come first as job approvals
 * (`/Manage/JobApprovals`, an extension; docs/adr/0007-timesheet-periods.md).
 */
import { useRef, useState, type ReactNode } from 'react';
import type {
  ExpenseSheet,
  ExpenseSheetAction,
  JobApproval,
  TimeEntry,
  Timesheet,
  TimesheetAction,
  TimeOffRequest,
} from '../../../../sdk/index.js';
import { api } from '../../api.js';
import { PunchclockApiError } from '../../../../sdk/index.js';
import { describeError, fieldErrorsOf } from '../../errors.js';
import type { Async } from '../../hooks.js';
import { formatDay, formatHours, formatMoney, plural } from '../../format.js';
import { useAction, useAsync } from '../../hooks.js';
import { has, isAdmin, isManagerOrAdmin, useSignedIn } from '../../session.js';
import {
  Button,
  ErrorAlert,
  LiveStatus,
  Loading,
  PageTitle,
  Placeholder,
  TextAreaField,
  TextField,
} from '../../ui/index.js';
import { statusBadge } from './Time.js';

export function ApprovalsPage() {
  const s = useSignedIn();
  const admin = isAdmin(s.me);
  const timesheets = has(s, admin ? 'GET /v2/Timesheets' : 'GET /v2/Manage/Timesheets');
  const expenses =
    s.company.OptionalModules?.Expenses !== false &&
    has(s, admin ? 'GET /v2/ExpenseSheets' : 'GET /v2/Manage/ExpenseSheets');
  const timeOff =
    (s.company.OptionalModules as Record<string, boolean | undefined> | undefined)?.TimeOffManagement !==
      false && has(s, admin ? 'GET /v2/TimeOffRequests' : 'GET /v2/Manage/TimeOffRequests');
  const jobApprovals =
    s.company.EnableProjectApprovals === true &&
    s.company.OptionalModules?.TimesheetApprovals !== false &&
    isManagerOrAdmin(s.me) &&
    has(s, 'GET /v2/Manage/JobApprovals');
  if (!timesheets && !expenses && !timeOff && !jobApprovals) {
    return (
      <Placeholder title="Approvals">
        Approvals need the timesheet, expense and time-off APIs, which this server does not have yet.
      </Placeholder>
    );
  }
  return (
    <>
      <PageTitle>Approvals</PageTitle>
      <p className="lead">
        {admin
          ? 'Everything in the company that waits for approval.'
          : 'What the people you approve have submitted.'}
      </p>
      {jobApprovals ? <WaitingJobApprovals admin={admin} /> : null}
      {timesheets ? <WaitingTimesheets admin={admin} /> : null}
      {expenses ? <WaitingExpenseSheets admin={admin} /> : null}
      {timeOff ? <WaitingTimeOffRequests admin={admin} /> : null}
    </>
  );
}

/**
 * A list's failure: a manager without the permission a section needs reads why, calmly (no alert that
 * takes the focus); anything else is an error with Try again.
 */
function ListError({ list }: { list: Pick<Async<unknown>, 'error' | 'reload'> }) {
  if (list.error instanceof PunchclockApiError && list.error.status === 403) {
    return <p className="muted">{describeError(list.error).messages[0] ?? 'You do not approve these.'}</p>;
  }
  return <ErrorAlert error={list.error} onRetry={list.reload} />;
}

function WaitingTimesheets({ admin }: { admin: boolean }) {
  const s = useSignedIn();
  const scope = admin ? api.timesheets : api.manage.timesheets;
  const list = useAsync(() => scope.all({ Status: 'Waiting', Verbose: true }), [admin]);
  const precision = s.company.PrecisionForHoursValues ?? 2;
  return (
    <section aria-labelledby="ts-waiting">
      <h2 id="ts-waiting">Timesheets</h2>
      <ListError list={list} />
      {list.data ? (
        list.data.length === 0 ? (
          <p className="muted">No timesheets are waiting.</p>
        ) : (
          list.data.map((t) => (
            <Decision
              key={t.ID}
              title={`${t.User?.Name ?? 'Someone'}: ${formatDay(t.StartDate)} – ${formatDay(t.EndDate, 'long')}`}
              summary={
                <>
                  {statusBadge(t.Status)}{' '}
                  {formatHours(
                    (t.DayTotals ?? []).reduce((sum, d) => sum + d.Hours, 0),
                    precision,
                  )}{' '}
                  hours
                </>
              }
              actions={(t.Actions ?? [])
                .map((a) => a.Action)
                .filter((a) => a === 'Approve' || a === 'Reject')}
              act={(action, comment) =>
                scope.act(t.ID, {
                  Action: action as TimesheetAction,
                  ...(comment ? { Comment: comment } : {}),
                })
              }
              details={<TimesheetEntries sheet={t} admin={admin} />}
              onDone={list.reload}
            />
          ))
        )
      ) : list.error ? null : (
        <Loading what="Loading timesheets" />
      )}
    </section>
  );
}

function TimesheetEntries({ sheet, admin }: { sheet: Timesheet; admin: boolean }) {
  const s = useSignedIn();
  const entries = useAsync(
    () =>
      admin
        ? api.timesheets.timeEntries(sheet.ID, { Verbose: true })
        : api.manage.timeEntries.all({
            UserID: sheet.UserID,
            StartDate: sheet.StartDate,
            EndDate: sheet.EndDate,
            Verbose: true,
          }),
    [sheet.ID],
  );
  if (entries.error) return <ErrorAlert error={entries.error} />;
  if (!entries.data) return <Loading what="Loading entries" />;
  return (
    <ul>
      {entries.data.map((e) => (
        <li key={e.ID}>
          {formatDay(e.Date)}: {formatHours(e.Hours, s.company.PrecisionForHoursValues ?? 2)} h on{' '}
          {e.Job?.ListDisplayText ?? e.JobID} / {e.Task?.ListDisplayText ?? e.TaskID}
          {e.Comment ? <span className="muted"> ({e.Comment})</span> : null}
        </li>
      ))}
    </ul>
  );
}

/** One pending job approval with the sheet's entries on that job (they name the person and the job). */
interface JobApprovalRow {
  approval: JobApproval;
  entries: TimeEntry[];
}

function WaitingJobApprovals({ admin }: { admin: boolean }) {
  const s = useSignedIn();
  const scope = admin ? api.timesheets : api.manage.timesheets;
  const list = useAsync(async (): Promise<JobApprovalRow[]> => {
    const approvals = await api.manage.jobApprovals.all();
    return Promise.all(
      approvals.map(async (approval) => ({
        approval,
        entries: await api.manage.jobApprovals.timeEntries(approval.ID, { Verbose: true }),
      })),
    );
  }, [admin]);
  const [done, setDone] = useState<string | null>(null);
  const heading = useRef<HTMLHeadingElement>(null);
  const precision = s.company.PrecisionForHoursValues ?? 2;
  return (
    <section aria-labelledby="job-waiting">
      <h2 id="job-waiting" tabIndex={-1} ref={heading}>
        Job approvals
      </h2>
      <LiveStatus message={done} />
      <ListError list={list} />
      {list.data ? (
        list.data.length === 0 ? (
          <p className="muted">No time waits for a project manager’s approval.</p>
        ) : (
          list.data.map(({ approval: a, entries }) => {
            const who = entries[0]?.User?.Name ?? 'Someone';
            const job = entries[0]?.Job?.ListDisplayText ?? entries[0]?.Job?.Name ?? a.JobID;
            const hours = entries.reduce((sum, e) => sum + e.Hours, 0);
            return (
              <Decision
                key={a.ID}
                title={`${who}: ${job}, ${formatDay(a.StartDate)} – ${formatDay(a.EndDate, 'long')}`}
                summary={
                  <>
                    {statusBadge('JobHold')} {formatHours(hours, precision)} hours on {job} in{' '}
                    {plural(entries.length, 'entry', 'entries')}
                  </>
                }
                details={
                  <ul>
                    {[...entries]
                      .sort((x, y) => x.Date.localeCompare(y.Date))
                      .map((e) => (
                        <li key={e.ID}>
                          {formatDay(e.Date)}: {formatHours(e.Hours, precision)} h on{' '}
                          {e.Task?.ListDisplayText ?? e.TaskID}
                          {e.Comment ? <span className="muted"> ({e.Comment})</span> : null}
                        </li>
                      ))}
                  </ul>
                }
                actions={['Approve', 'Reject']}
                rejectNeedsComment
                multilineComment
                act={(action, comment) =>
                  scope.act(a.TimesheetID, {
                    Action: 'JobApproval',
                    JobID: a.JobID,
                    JobStatus: action === 'Approve' ? 'Approved' : 'Rejected',
                    ...(comment ? { Comment: comment } : {}),
                  })
                }
                onDone={(action) => {
                  setDone(`${action === 'Approve' ? 'Approved' : 'Rejected'} the time of ${who} on ${job}.`);
                  heading.current?.focus();
                  list.reload();
                }}
              />
            );
          })
        )
      ) : list.error ? null : (
        <Loading what="Loading job approvals" />
      )}
    </section>
  );
}

function WaitingExpenseSheets({ admin }: { admin: boolean }) {
  const s = useSignedIn();
  const scope = admin ? api.expenseSheets : api.manage.expenseSheets;
  const list = useAsync(() => scope.all({ Status: 'waiting', Verbose: true }), [admin]);
  return (
    <section aria-labelledby="exp-waiting">
      <h2 id="exp-waiting">Expense sheets</h2>
      <ListError list={list} />
      {list.data ? (
        list.data.length === 0 ? (
          <p className="muted">No expense sheets are waiting.</p>
        ) : (
          list.data.map((x: ExpenseSheet) => (
            <Decision
              key={x.ID}
              title={`${x.User?.Name ?? 'Someone'}: ${x.Title}`}
              summary={
                <>
                  {x.ExpenseSheetDate} · {formatMoney(x.TotalAmount, s.company.CurrencyISO ?? 'USD')} ·{' '}
                  {x.ExpenseItemCount ?? 0} items
                </>
              }
              actions={(x.Actions ?? [])
                .map((a) => a.Action)
                .filter((a) => a === 'Approve' || a === 'Reject')}
              act={(action, comment) =>
                scope.act(x.ID, {
                  Action: action as ExpenseSheetAction,
                  ...(comment ? { Comment: comment } : {}),
                })
              }
              onDone={list.reload}
            />
          ))
        )
      ) : list.error ? null : (
        <Loading what="Loading expense sheets" />
      )}
    </section>
  );
}

/** The span of a request's days, e.g. "Dec 7 – Dec 11, 2026", and their hours. */
function requestDays(r: TimeOffRequest) {
  const dates = r.Dates.map((d) => d.Date).sort();
  const first = dates[0];
  const last = dates[dates.length - 1];
  const range =
    first && last
      ? first === last
        ? formatDay(first, 'long')
        : `${formatDay(first)} – ${formatDay(last, 'long')}`
      : '—';
  return { range, hours: r.Dates.reduce((sum, d) => sum + d.Hours, 0), days: dates.length };
}

function WaitingTimeOffRequests({ admin }: { admin: boolean }) {
  const s = useSignedIn();
  const scope = admin ? api.timeOffRequests : api.manage.timeOffRequests;
  // A manager reaches /Manage/TimeOffRequests only with the Approve Time Off permission.
  const list = useAsync(async () => {
    const allowed = admin || (await api.me.permissions()).some((p) => p.Name === 'Approve Time Off');
    return allowed ? scope.all({ Status: 'Submitted', Verbose: true }) : null;
  }, [admin]);
  const [done, setDone] = useState<string | null>(null);
  const heading = useRef<HTMLHeadingElement>(null);
  const precision = s.company.PrecisionForHoursValues ?? 2;
  return (
    <section aria-labelledby="to-waiting">
      <h2 id="to-waiting" tabIndex={-1} ref={heading}>
        Time-off requests
      </h2>
      <LiveStatus message={done} />
      <ListError list={list} />
      {list.data === null ? (
        <p className="muted">You approve time off once an Admin gives you the Approve Time Off permission.</p>
      ) : list.data ? (
        list.data.length === 0 ? (
          <p className="muted">No time-off requests are waiting.</p>
        ) : (
          list.data.map((r) => {
            const who = r.RequestedByUser?.Name ?? 'Someone';
            const type = r.TimeOffType?.Name ?? 'Time off';
            const { range, hours, days } = requestDays(r);
            return (
              <Decision
                key={r.ID}
                title={`${who}: ${type}, ${range}`}
                summary={
                  <>
                    {statusBadge(r.Status)} {formatHours(hours, precision)} hours over{' '}
                    {plural(days, 'day', 'days')}
                    {r.Notes ? (
                      <span className="hint" style={{ display: 'block' }}>
                        Notes: {r.Notes}
                      </span>
                    ) : null}
                  </>
                }
                detailsLabel="days"
                details={
                  <ul>
                    {[...r.Dates]
                      .sort((a, b) => a.Date.localeCompare(b.Date))
                      .map((d) => (
                        <li key={d.Date}>
                          {formatDay(d.Date, 'long')}: {formatHours(d.Hours, precision)} h
                        </li>
                      ))}
                  </ul>
                }
                actions={r.Actions.map((a) => a.Action).filter((a) => a === 'Approve' || a === 'Reject')}
                rejectNeedsComment
                act={(action, comment) =>
                  scope.act(r.ID, {
                    Action: action as 'Approve' | 'Reject',
                    ...(comment ? { Comment: comment } : {}),
                  })
                }
                onDone={(action) => {
                  setDone(
                    `${action === 'Approve' ? 'Approved' : 'Rejected'} the ${type.toLowerCase()} of ${who}.`,
                  );
                  heading.current?.focus();
                  list.reload();
                }}
              />
            );
          })
        )
      ) : list.error ? null : (
        <Loading what="Loading time-off requests" />
      )}
    </section>
  );
}

function Decision({
  title,
  summary,
  actions,
  act,
  details,
  detailsLabel = 'entries',
  rejectNeedsComment = false,
  multilineComment = false,
  onDone,
}: {
  title: string;
  summary: ReactNode;
  actions: string[];
  act: (action: string, comment: string) => Promise<unknown>;
  details?: ReactNode;
  detailsLabel?: string;
  /** Refuse Reject without a comment before asking the server (which refuses it too). */
  rejectNeedsComment?: boolean;
  /** A textarea for the comment instead of a one-line field. */
  multilineComment?: boolean;
  onDone: (action: string) => void;
}) {
  const [comment, setComment] = useState('');
  const [missing, setMissing] = useState<string | null>(null);
  const [open, setOpen] = useState(false);
  const action = useAction();
  const commentBox = useRef<HTMLDivElement>(null);
  const commentError = missing ?? fieldErrorsOf(action.error).Comment;
  return (
    <article className="card" aria-label={title}>
      <h3>{title}</h3>
      <p>{summary}</p>
      {details ? (
        <>
          <Button variant="link" aria-expanded={open} onClick={() => setOpen((o) => !o)}>
            {open ? `Hide ${detailsLabel}` : `Show ${detailsLabel}`}
          </Button>
          {open ? details : null}
        </>
      ) : null}
      <ErrorAlert error={action.error} />
      {actions.length ? (
        <>
          <div ref={commentBox}>
            {multilineComment ? (
              <TextAreaField
                label="Comment"
                hint="Required when you reject"
                rows={2}
                value={comment}
                error={commentError}
                onChange={(e) => {
                  setComment(e.target.value);
                  if (e.target.value.trim()) setMissing(null);
                }}
              />
            ) : (
              <TextField
                label="Comment"
                hint="Required when you reject"
                value={comment}
                error={commentError}
                onChange={(e) => {
                  setComment(e.target.value);
                  if (e.target.value.trim()) setMissing(null);
                }}
              />
            )}
          </div>
          <div className="actions">
            {actions.map((a) => (
              <Button
                key={a}
                variant={a === 'Reject' ? 'danger' : 'primary'}
                busy={action.busy}
                onClick={() => {
                  if (a === 'Reject' && rejectNeedsComment && !comment.trim()) {
                    setMissing('Write a comment to reject: it tells the person why.');
                    commentBox.current?.querySelector<HTMLElement>('input, textarea')?.focus();
                    return;
                  }
                  setMissing(null);
                  void action
                    .run(() => act(a, comment.trim()), a === 'Approve' ? 'Approved.' : 'Rejected.')
                    .then((r) => r && onDone(a));
                }}
              >
                {a}
              </Button>
            ))}
          </div>
        </>
      ) : (
        <p className="muted">You may look but not decide on this one.</p>
      )}
      <LiveStatus message={action.notice} />
    </article>
  );
}
