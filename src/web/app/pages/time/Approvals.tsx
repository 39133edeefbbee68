/**
 * Approvals: timesheets and expense sheets waiting for the caller. An Admin sees the company's
 * (`/Timesheets`, `/ExpenseSheets`); a manager the people they approve (`/Manage/…`, API.md §5).
 */
import { useState, type ReactNode } from 'react';
import type { ExpenseSheet, ExpenseSheetAction, Timesheet, TimesheetAction } from '../../../../sdk/index.js';
import { api } from '../../api.js';
import { formatDay, formatHours, formatMoney } from '../../format.js';
import { useAction, useAsync } from '../../hooks.js';
import { has, isAdmin, useSignedIn } from '../../session.js';
import {
  Button,
  ErrorAlert,
  LiveStatus,
  Loading,
  PageTitle,
  Placeholder,
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
  if (!timesheets && !expenses) {
    return (
      <Placeholder title="Approvals">
        Approvals need the timesheet and expense APIs, which this server does not have yet.
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
      {timesheets ? <WaitingTimesheets admin={admin} /> : null}
      {expenses ? <WaitingExpenseSheets admin={admin} /> : null}
    </>
  );
}

function WaitingTimesheets({ admin }: { admin: boolean }) {
  const s = useSignedIn();
  const scope = admin ? api.timesheets : api.manage.timesheets;
  const list = useAsync(() => scope.all({ Status: 'Waiting', Verbose: true }), [admin]);
  const precision = s.company.PrecisionForHoursValues ?? 2;
  return (
    <section aria-labelledby="ts-waiting">
      <h2 id="ts-waiting">Timesheets</h2>
      <ErrorAlert error={list.error} onRetry={list.reload} />
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
      ) : (
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

function WaitingExpenseSheets({ admin }: { admin: boolean }) {
  const s = useSignedIn();
  const scope = admin ? api.expenseSheets : api.manage.expenseSheets;
  const list = useAsync(() => scope.all({ Status: 'waiting', Verbose: true }), [admin]);
  return (
    <section aria-labelledby="exp-waiting">
      <h2 id="exp-waiting">Expense sheets</h2>
      <ErrorAlert error={list.error} onRetry={list.reload} />
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
      ) : (
        <Loading what="Loading expense sheets" />
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
  onDone,
}: {
  title: string;
  summary: ReactNode;
  actions: string[];
  act: (action: string, comment: string) => Promise<unknown>;
  details?: ReactNode;
  onDone: () => void;
}) {
  const [comment, setComment] = useState('');
  const [open, setOpen] = useState(false);
  const action = useAction();
  return (
    <article className="card" aria-label={title}>
      <h3>{title}</h3>
      <p>{summary}</p>
      {details ? (
        <>
          <Button variant="link" aria-expanded={open} onClick={() => setOpen((o) => !o)}>
            {open ? 'Hide entries' : 'Show entries'}
          </Button>
          {open ? details : null}
        </>
      ) : null}
      <ErrorAlert error={action.error} />
      {actions.length ? (
        <>
          <TextField
            label="Comment"
            hint="Required when you reject"
            value={comment}
            onChange={(e) => setComment(e.target.value)}
          />
          <div className="actions">
            {actions.map((a) => (
              <Button
                key={a}
                variant={a === 'Reject' ? 'danger' : 'primary'}
                busy={action.busy}
                onClick={() =>
                  void action
                    .run(() => act(a, comment.trim()), a === 'Approve' ? 'Approved.' : 'Rejected.')
                    .then((r) => r && onDone())
                }
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
