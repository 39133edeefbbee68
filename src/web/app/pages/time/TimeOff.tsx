/**
 * Time off (API.md §4.11): the caller's balances (`GET /Me/TimeOffTypes`), their requests with status
 * (`GET /Me/TimeOffRequests`), a request form (dates and hours per day) and Cancel.
 */
import { useState, type FormEvent } from 'react';
import type { TimeOffRequest } from '../../../../sdk/index.js';
import { api } from '../../api.js';
import { fieldErrorsOf } from '../../errors.js';
import { addDays, datesBetween, formatDay, formatHours, todayIso } from '../../format.js';
import { useAction, useAsync } from '../../hooks.js';
import { has, useSignedIn } from '../../session.js';
import {
  Button,
  CheckboxField,
  ErrorAlert,
  LiveStatus,
  Loading,
  PageTitle,
  Placeholder,
  SelectField,
  TextField,
} from '../../ui/index.js';

const STATUS_CLASS: Record<string, string> = {
  Submitted: 'waiting',
  Approved: 'approved',
  Rejected: 'rejected',
  Cancelled: '',
};

export function TimeOffPage() {
  const s = useSignedIn();
  if (!has(s, 'GET /v2/Me/TimeOffTypes') || !has(s, 'GET /v2/Me/TimeOffRequests')) {
    return (
      <Placeholder title="Time off">
        Time off needs the time-off APIs (/Me/TimeOffTypes, /Me/TimeOffRequests), which this server does not
        have yet.
      </Placeholder>
    );
  }
  return <TimeOff />;
}

const isWeekend = (iso: string) => {
  const day = new Date(`${iso}T00:00:00Z`).getUTCDay();
  return day === 0 || day === 6;
};

function TimeOff() {
  const s = useSignedIn();
  const precision = s.company.PrecisionForHoursValues ?? 2;
  const types = useAsync(() => api.me.timeOffTypes.all({ IsActive: true }), []);
  const requests = useAsync(() => api.me.timeOffRequests.all({ Verbose: true }), []);
  const cancel = useAction();
  const typeName = (r: TimeOffRequest) =>
    r.TimeOffType?.Name ?? types.data?.find((t) => t.ID === r.TimeOffTypeID)?.Name ?? r.TimeOffTypeID;
  const refresh = () => {
    types.reload();
    requests.reload();
  };

  return (
    <>
      <PageTitle>Time off</PageTitle>
      <ErrorAlert error={types.error ?? requests.error} onRetry={refresh} />

      <section className="card" aria-labelledby="balances-title">
        <h2 id="balances-title">Balances</h2>
        {types.data ? (
          types.data.length === 0 ? (
            <p className="muted">No time-off type is open to you.</p>
          ) : (
            <ul className="day-totals balances">
              {types.data.map((t) => (
                <li key={t.ID}>
                  <span className="muted">{t.Name}</span>
                  <strong>{formatHours(t.CurrentBalance, precision)} h</strong>
                  {t.RequiresApproval ? <span className="hint muted">Needs approval</span> : null}
                </li>
              ))}
            </ul>
          )
        ) : (
          <Loading what="Loading your balances" />
        )}
      </section>

      {types.data && types.data.length > 0 ? <RequestForm types={types.data} onSaved={refresh} /> : null}

      <h2>Requests</h2>
      <ErrorAlert error={cancel.error} />
      <LiveStatus message={cancel.notice} />
      {requests.data ? (
        requests.data.length === 0 ? (
          <p className="muted">You have not asked for time off yet.</p>
        ) : (
          <div className="table-wrap">
            <table className="list stack">
              <caption className="visually-hidden">Your time-off requests</caption>
              <thead>
                <tr>
                  <th scope="col">Type</th>
                  <th scope="col">Dates</th>
                  <th scope="col" className="num">
                    Hours
                  </th>
                  <th scope="col">Status</th>
                  <th scope="col">
                    <span className="visually-hidden">Actions</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {[...requests.data]
                  .sort((a, b) => (b.Dates[0]?.Date ?? '').localeCompare(a.Dates[0]?.Date ?? ''))
                  .map((r) => {
                    const dates = r.Dates.map((d) => d.Date).sort();
                    const first = dates[0];
                    const last = dates[dates.length - 1];
                    const hours = r.Dates.reduce((sum, d) => sum + d.Hours, 0);
                    const range =
                      first && last
                        ? first === last
                          ? formatDay(first)
                          : `${formatDay(first)} – ${formatDay(last)}`
                        : '—';
                    const comment = [...(r.History ?? [])].reverse().find((h) => h.Comment)?.Comment;
                    return (
                      <tr key={r.ID}>
                        <td data-label="Type">{typeName(r)}</td>
                        <td data-label="Dates">
                          {range}
                          {r.Notes ? (
                            <span className="hint muted" style={{ display: 'block' }}>
                              {r.Notes}
                            </span>
                          ) : null}
                        </td>
                        <td data-label="Hours" className="num">
                          {formatHours(hours, precision)}
                        </td>
                        <td data-label="Status">
                          <span className={`badge ${STATUS_CLASS[r.Status] ?? ''}`}>{r.Status}</span>
                          {comment && r.Status === 'Rejected' ? (
                            <span className="hint muted" style={{ display: 'block' }}>
                              “{comment}”
                            </span>
                          ) : null}
                        </td>
                        <td data-label="">
                          {r.Actions.some((a) => a.Action === 'Cancel') ? (
                            <Button
                              variant="secondary"
                              className="small"
                              busy={cancel.busy}
                              onClick={() => {
                                if (!window.confirm('Cancel this time-off request?')) return;
                                void cancel
                                  .run(
                                    () => api.me.timeOffRequests.act(r.ID, { Action: 'Cancel' }),
                                    'The request is cancelled.',
                                  )
                                  .then((x) => x && refresh());
                              }}
                            >
                              Cancel<span className="visually-hidden"> the request of {range}</span>
                            </Button>
                          ) : null}
                        </td>
                      </tr>
                    );
                  })}
              </tbody>
            </table>
          </div>
        )
      ) : (
        <Loading what="Loading your requests" />
      )}
    </>
  );
}

function RequestForm({ types, onSaved }: { types: { ID: string; Name: string }[]; onSaved: () => void }) {
  const tomorrow = addDays(todayIso(), 1);
  const [form, setForm] = useState({
    TimeOffTypeID: types[0]?.ID ?? '',
    From: tomorrow,
    To: tomorrow,
    Hours: '8',
    Notes: '',
    Weekends: false,
  });
  const action = useAction();
  const fields = fieldErrorsOf(action.error);
  const dates = form.From && form.To && form.From <= form.To ? datesBetween(form.From, form.To) : [];
  const chosen = form.Weekends ? dates : dates.filter((d) => !isWeekend(d));

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (chosen.length === 0) {
      action.setError(new Error('Choose at least one day: the end date must not be before the start date.'));
      return;
    }
    const hours = form.Hours.trim() === '' ? null : Number(form.Hours);
    const saved = await action.run(
      () =>
        api.me.timeOffRequests.create({
          TimeOffTypeID: form.TimeOffTypeID,
          Notes: form.Notes.trim() || null,
          Dates: chosen.map((Date) => ({ Date, Hours: hours })),
        }),
      'Your request is sent.',
    );
    if (saved) {
      setForm((f) => ({ ...f, Notes: '' }));
      onSaved();
    }
  };

  return (
    <form className="card" onSubmit={(e) => void submit(e)} noValidate aria-labelledby="request-title">
      <h2 id="request-title">Ask for time off</h2>
      <ErrorAlert error={action.error} />
      <div className="form-grid three">
        <SelectField
          label="Type"
          value={form.TimeOffTypeID}
          error={fields.TimeOffTypeID}
          options={types.map((t) => ({ value: t.ID, label: t.Name }))}
          onChange={(e) => setForm({ ...form, TimeOffTypeID: e.target.value })}
        />
        <TextField
          label="From"
          type="date"
          value={form.From}
          required
          onChange={(e) =>
            setForm({
              ...form,
              From: e.target.value,
              To: form.To < e.target.value ? e.target.value : form.To,
            })
          }
        />
        <TextField
          label="To"
          type="date"
          value={form.To}
          min={form.From}
          required
          onChange={(e) => setForm({ ...form, To: e.target.value })}
        />
        <TextField
          label="Hours per day"
          inputMode="decimal"
          value={form.Hours}
          error={Object.entries(fields).find(([k]) => /Hours$/.test(k))?.[1]}
          hint="Leave empty for the usual hours of a day"
          onChange={(e) => setForm({ ...form, Hours: e.target.value })}
        />
        <TextField
          label="Notes (optional)"
          value={form.Notes}
          error={fields.Notes}
          onChange={(e) => setForm({ ...form, Notes: e.target.value })}
        />
        <CheckboxField
          label="Include Saturdays and Sundays"
          checked={form.Weekends}
          onChange={(e) => setForm({ ...form, Weekends: e.target.checked })}
        />
      </div>
      <p className="hint muted" aria-live="polite">
        {chosen.length === 0 ? 'No day chosen.' : `${chosen.length} day${chosen.length === 1 ? '' : 's'}.`}
      </p>
      <div className="actions">
        <Button type="submit" busy={action.busy}>
          Send request
        </Button>
      </div>
      <LiveStatus message={action.notice} />
    </form>
  );
}
