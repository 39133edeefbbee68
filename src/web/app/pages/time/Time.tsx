/**
 * Time: the caller's timesheet period (API.md §4.9, §4.10). The period comes from the server
 * (`GET /Me/Timesheets/{date}`, DECISIONS 28); entries are listed by day with the day totals, added,
 * changed and deleted while the timesheet is open, and the timesheet is submitted from here.
 */
import { useEffect, useMemo, useRef, useState, type FormEvent } from 'react';
import type {
  CustomFieldDefinition,
  JobMe,
  TaskMe,
  TimeEntry,
  Timesheet,
  TimesheetAction,
} from '../../../../sdk/index.js';
import { api } from '../../api.js';
import { fieldErrorsOf } from '../../errors.js';
import { addDays, datesBetween, formatDay, formatHours, formatInstant, todayIso } from '../../format.js';
import { useAction, useAsync } from '../../hooks.js';
import { useRouter } from '../../router.js';
import { has, useSignedIn } from '../../session.js';
import { Stopwatch } from './Stopwatch.js';
import { WeekGrid } from './WeekGrid.js';
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

export const TIMESHEET_STATUS: Record<string, string> = {
  Open: 'Open',
  JobHold: 'Waiting for project approval',
  TORAHold: 'Waiting for time-off approval',
  Waiting: 'Submitted',
  Locked: 'Locked',
  Approved: 'Approved',
  Rejected: 'Rejected',
};
const STATUS_CLASS: Record<string, string> = {
  Open: 'open',
  Waiting: 'waiting',
  JobHold: 'waiting',
  TORAHold: 'waiting',
  Approved: 'approved',
  Locked: 'paid',
  Rejected: 'rejected',
};
export const statusBadge = (status: string) => (
  <span className={`badge ${STATUS_CLASS[status] ?? ''}`}>{TIMESHEET_STATUS[status] ?? status}</span>
);

const ACTION_LABEL: Partial<Record<TimesheetAction, string>> = {
  Submit: 'Submit timesheet',
  UndoSubmit: 'Withdraw submission',
};

export function TimePage() {
  const s = useSignedIn();
  if (!has(s, 'GET /v2/Me/TimeEntries') || !has(s, 'GET /v2/Me/Timesheets/{timesheetID}')) {
    return (
      <Placeholder title="Time">
        Logging time needs the time-entry and timesheet APIs (/Me/TimeEntries, /Me/Timesheets), which this
        server does not have yet.
      </Placeholder>
    );
  }
  return <Period />;
}

interface Lookups {
  jobs: JobMe[];
  tasks: TaskMe[];
}

/** A custom-field value as the form holds it: checkboxes as booleans, everything else as text. */
type CustomValue = string | boolean;

const customLabel = (d: CustomFieldDefinition) => d.DisplayName || d.Name;

function toFormValue(d: CustomFieldDefinition, v: unknown): CustomValue {
  if (d.DataType === 'Checkbox') return v === true;
  return typeof v === 'string' || typeof v === 'number' ? String(v) : '';
}

/** The wire value of one input: "" clears (null); numbers go as typed, the server coerces and checks. */
function toWireValue(d: CustomFieldDefinition, v: CustomValue | undefined): unknown {
  if (d.DataType === 'Checkbox') return v === true;
  const text = typeof v === 'string' ? (d.DataType === 'Text' ? v : v.trim()) : '';
  return text === '' ? null : text;
}

/** How an entry's value reads in the list. */
function showValue(d: CustomFieldDefinition, v: unknown): string | null {
  if (v === null || v === undefined || v === '') return null;
  if (d.DataType === 'Checkbox') return v === true ? 'Yes' : 'No';
  if (d.DataType === 'Date' && typeof v === 'string') return formatDay(v);
  return typeof v === 'string' || typeof v === 'number' ? String(v) : JSON.stringify(v);
}

/** One labelled input per definition, typed by its DataType. */
function CustomFieldInput({
  def,
  value,
  error,
  onChange,
}: {
  def: CustomFieldDefinition;
  value: CustomValue | undefined;
  error: string | undefined;
  onChange: (v: CustomValue) => void;
}) {
  const label = (
    <>
      {customLabel(def)}
      {def.IsRequired ? <span className="muted"> (required)</span> : null}
    </>
  );
  const text = typeof value === 'string' ? value : '';
  switch (def.DataType) {
    case 'Checkbox':
      return (
        <CheckboxField
          label={label}
          checked={value === true}
          error={error}
          onChange={(e) => onChange(e.target.checked)}
        />
      );
    case 'Pulldown':
      return (
        <SelectField
          label={label}
          value={text}
          error={error}
          required={def.IsRequired}
          options={[
            { value: '', label: def.IsRequired ? 'Choose one' : 'None' },
            ...def.PulldownValues.map((v) => ({ value: v, label: v })),
            ...(text && !def.PulldownValues.includes(text) ? [{ value: text, label: text }] : []),
          ]}
          onChange={(e) => onChange(e.target.value)}
        />
      );
    case 'Number':
      return (
        <TextField
          label={label}
          type="number"
          inputMode="decimal"
          step="any"
          value={text}
          error={error}
          required={def.IsRequired}
          onChange={(e) => onChange(e.target.value)}
        />
      );
    case 'Date':
      return (
        <TextField
          label={label}
          type="date"
          value={text}
          error={error}
          required={def.IsRequired}
          onChange={(e) => onChange(e.target.value)}
        />
      );
    default:
      return (
        <TextField
          label={label}
          value={text}
          error={error}
          required={def.IsRequired}
          maxLength={4000}
          onChange={(e) => onChange(e.target.value)}
        />
      );
  }
}

function Period() {
  const s = useSignedIn();
  const { search, navigate, path } = useRouter();
  const date = /^\d{4}-\d{2}-\d{2}$/.test(search.get('date') ?? '') ? search.get('date')! : todayIso();
  const precision = s.company.PrecisionForHoursValues ?? 2;

  const sheet = useAsync(() => api.me.timesheets.get(date, { Verbose: true }), [date]);
  const start = sheet.data?.StartDate;
  const end = sheet.data?.EndDate;
  const entries = useAsync(
    async () =>
      start && end ? api.me.timeEntries.all({ StartDate: start, EndDate: end, Verbose: true }) : [],
    [start, end],
  );
  const lookups = useAsync(async (): Promise<Lookups> => {
    const [jobs, tasks] = await Promise.all([
      api.me.jobs.all({ IsActive: true, Verbose: true }),
      has(s, 'GET /v2/Me/Tasks') ? api.me.tasks.all({ IsActive: true }) : Promise.resolve([]),
    ]);
    return { jobs, tasks };
  }, []);
  // The company's time-entry custom fields; without them (older server, an error) the form has none.
  const definitions = useAsync(
    async (): Promise<CustomFieldDefinition[]> =>
      has(s, 'GET /v2/TimeEntries/CustomFieldDefinitions')
        ? api.customFieldDefinitions
            .of('TimeEntries')
            .all()
            .catch(() => [])
        : [],
    [],
  );
  const defs = definitions.data ?? [];
  const [editing, setEditing] = useState<TimeEntry | null>(null);
  const remove = useAction();
  const view = search.get('view') === 'week' ? 'week' : 'day';

  const go = (to: string) => navigate(`${path}?date=${to}${view === 'week' ? '&view=week' : ''}`);
  const setView = (v: 'day' | 'week') =>
    navigate(`${path}?date=${date}${v === 'week' ? '&view=week' : ''}`, { replace: true });
  const refresh = () => {
    sheet.reload();
    entries.reload();
  };

  const ts = sheet.data;
  const editable = ts ? ts.Status === 'Open' || ts.Status === 'Rejected' : false;
  const days = ts ? datesBetween(ts.StartDate, ts.EndDate) : [];
  const total = (entries.data ?? []).reduce((sum, e) => sum + e.Hours, 0);
  const byDay = useMemo(() => {
    const map = new Map<string, TimeEntry[]>();
    for (const e of entries.data ?? []) map.set(e.Date, [...(map.get(e.Date) ?? []), e]);
    return map;
  }, [entries.data]);

  return (
    <>
      <PageTitle title="Time">Time</PageTitle>
      <ErrorAlert error={sheet.error} onRetry={sheet.reload} />
      {ts ? (
        <>
          <nav className="pager card" aria-label="Timesheet period" style={{ marginTop: 0 }}>
            <span>
              <strong>
                {formatDay(ts.StartDate)} – {formatDay(ts.EndDate, 'long')}
              </strong>{' '}
              {statusBadge(ts.Status)}
            </span>
            <span className="actions" style={{ marginTop: 0 }}>
              <Button variant="secondary" onClick={() => go(addDays(ts.StartDate, -1))}>
                Previous<span className="visually-hidden"> period</span>
              </Button>
              <Button
                variant="secondary"
                onClick={() => go(todayIso())}
                disabled={todayIso() >= ts.StartDate && todayIso() <= ts.EndDate}
              >
                Today
              </Button>
              <Button variant="secondary" onClick={() => go(addDays(ts.EndDate, 1))}>
                Next<span className="visually-hidden"> period</span>
              </Button>
            </span>
          </nav>

          <section className="card" aria-labelledby="day-totals">
            <h2 id="day-totals">Total: {formatHours(total, precision)} hours</h2>
            <ul className="day-totals">
              {days.map((d) => {
                const hours = (byDay.get(d) ?? []).reduce((sum, e) => sum + e.Hours, 0);
                return (
                  <li key={d}>
                    <span className="muted">{formatDay(d)}</span>
                    <strong>{formatHours(hours, precision)}</strong>
                  </li>
                );
              })}
            </ul>
            <SheetActions sheet={ts} onDone={refresh} />
          </section>
          <SheetHistory sheet={ts} />

          <div className="segmented" role="group" aria-label="View">
            <Button variant="secondary" aria-pressed={view === 'day'} onClick={() => setView('day')}>
              Day
            </Button>
            <Button variant="secondary" aria-pressed={view === 'week'} onClick={() => setView('week')}>
              Week
            </Button>
          </div>

          {view === 'week' ? (
            entries.data && lookups.data ? (
              <WeekGrid
                sheet={ts}
                days={days}
                entries={entries.data}
                lookups={lookups.data}
                editable={editable}
                onSaved={refresh}
              />
            ) : (
              <ErrorAlert error={entries.error ?? lookups.error} />
            )
          ) : (
            <>
              {has(s, 'POST /v2/Me/TimeEntries/{timeEntryID}/Timer') && lookups.data ? (
                <Stopwatch
                  entries={entries.data ?? []}
                  lookups={lookups.data}
                  editable={editable}
                  onChange={refresh}
                />
              ) : null}

              {editable && lookups.data && definitions.data ? (
                <EntryForm
                  key={editing?.ID ?? 'new'}
                  entry={editing}
                  days={days}
                  defaultDate={date >= ts.StartDate && date <= ts.EndDate ? date : ts.StartDate}
                  lookups={lookups.data}
                  definitions={definitions.data}
                  onCancel={() => setEditing(null)}
                  onSaved={() => {
                    setEditing(null);
                    entries.reload();
                    sheet.reload();
                  }}
                />
              ) : null}
              {!editable ? (
                <p className="muted">
                  This timesheet is {TIMESHEET_STATUS[ts.Status]?.toLowerCase()}: its time cannot change now.
                </p>
              ) : null}
              <ErrorAlert error={entries.error ?? lookups.error ?? remove.error} />

              <h2>Entries</h2>
              {entries.data ? (
                entries.data.length === 0 ? (
                  <p className="muted">No time in this period yet.</p>
                ) : (
                  <div className="table-wrap">
                    <table className="list stack">
                      <caption className="visually-hidden">Time entries of this period</caption>
                      <thead>
                        <tr>
                          <th scope="col">Date</th>
                          <th scope="col">{s.company.JobTermSingular ?? 'Job'}</th>
                          <th scope="col">{s.company.TaskTermSingular ?? 'Task'}</th>
                          <th scope="col" className="num">
                            Hours
                          </th>
                          <th scope="col">Comment</th>
                          {defs.length ? <th scope="col">Custom fields</th> : null}
                          {editable ? (
                            <th scope="col">
                              <span className="visually-hidden">Actions</span>
                            </th>
                          ) : null}
                        </tr>
                      </thead>
                      <tbody>
                        {[...entries.data]
                          .sort((a, b) => a.Date.localeCompare(b.Date))
                          .map((e) => (
                            <tr key={e.ID}>
                              <td data-label="Date">{formatDay(e.Date)}</td>
                              <td data-label={s.company.JobTermSingular ?? 'Job'}>
                                <div>
                                  {e.Job?.ListDisplayText ?? e.JobID}
                                  {e.Client ? (
                                    <span className="hint muted" style={{ display: 'block' }}>
                                      {e.Client.Name}
                                    </span>
                                  ) : null}
                                </div>
                              </td>
                              <td data-label={s.company.TaskTermSingular ?? 'Task'}>
                                {e.Task?.ListDisplayText ?? e.TaskID}
                              </td>
                              <td data-label="Hours" className="num">
                                {formatHours(e.Hours, precision)}
                                {e.StartTime && e.EndTime ? (
                                  <span className="hint muted" style={{ display: 'block' }}>
                                    {e.StartTime}–{e.EndTime}
                                  </span>
                                ) : null}
                              </td>
                              <td data-label="Comment">{e.Comment || <span className="muted">—</span>}</td>
                              {defs.length ? (
                                <td data-label="Custom fields">
                                  <CustomValues defs={defs} values={e.CustomFields} />
                                </td>
                              ) : null}
                              {editable ? (
                                <td data-label="">
                                  <span className="actions" style={{ marginTop: 0 }}>
                                    <Button
                                      variant="secondary"
                                      className="small"
                                      onClick={() => setEditing(e)}
                                    >
                                      Edit
                                      <span className="visually-hidden"> entry of {formatDay(e.Date)}</span>
                                    </Button>
                                    <Button
                                      variant="secondary"
                                      className="small"
                                      busy={remove.busy}
                                      onClick={() => {
                                        if (!window.confirm('Delete this time entry?')) return;
                                        void remove.run(async () => {
                                          await api.me.timeEntries.delete(e.ID);
                                          refresh();
                                        });
                                      }}
                                    >
                                      Delete
                                      <span className="visually-hidden"> entry of {formatDay(e.Date)}</span>
                                    </Button>
                                  </span>
                                </td>
                              ) : null}
                            </tr>
                          ))}
                      </tbody>
                    </table>
                  </div>
                )
              ) : (
                <Loading what="Loading time" />
              )}
            </>
          )}
        </>
      ) : sheet.loading ? (
        <Loading what="Loading your timesheet" />
      ) : null}
    </>
  );
}

function SheetActions({ sheet, onDone }: { sheet: Timesheet; onDone: () => void }) {
  const { company } = useSignedIn();
  const [attest, setAttest] = useState(false);
  const action = useAction();
  const actions = (sheet.Actions ?? []).map((a) => a.Action).filter((a) => a in ACTION_LABEL);
  const statement = company.AttestationStatement?.trim();
  if (actions.length === 0) return null;
  return (
    <div style={{ marginTop: '1rem' }}>
      <ErrorAlert error={action.error} />
      {actions.includes('Submit') && statement ? (
        <CheckboxField label={statement} checked={attest} onChange={(e) => setAttest(e.target.checked)} />
      ) : null}
      <div className="actions">
        {actions.map((a) => (
          <Button
            key={a}
            variant={a === 'Submit' ? 'primary' : 'secondary'}
            busy={action.busy}
            disabled={a === 'Submit' && Boolean(statement) && !attest}
            onClick={() =>
              void action
                .run(
                  () =>
                    api.me.timesheets.act(sheet.ID, {
                      Action: a,
                      ...(a === 'Submit' && statement ? { HasAttestation: true } : {}),
                    }),
                  a === 'Submit' ? 'Your timesheet is submitted.' : 'Done.',
                )
                .then((r) => r && onDone())
            }
          >
            {ACTION_LABEL[a]}
          </Button>
        ))}
      </div>
      <LiveStatus message={action.notice} />
    </div>
  );
}

/** An entry's custom-field values, as "Name: value" lines. */
function CustomValues({ defs, values }: { defs: CustomFieldDefinition[]; values: Record<string, unknown> }) {
  const shown = defs
    .map((d) => ({ d, text: showValue(d, values?.[d.ID]) }))
    .filter((x): x is { d: CustomFieldDefinition; text: string } => x.text !== null);
  if (shown.length === 0) return <span className="muted">—</span>;
  return (
    <dl className="custom-values">
      {shown.map(({ d, text }) => (
        <div key={d.ID}>
          <dt>{customLabel(d)}:</dt> <dd>{text}</dd>
        </div>
      ))}
    </dl>
  );
}

function EntryForm({
  entry,
  days,
  defaultDate,
  lookups,
  definitions,
  onCancel,
  onSaved,
}: {
  entry: TimeEntry | null;
  days: string[];
  defaultDate: string;
  lookups: Lookups;
  definitions: CustomFieldDefinition[];
  onCancel: () => void;
  onSaved: () => void;
}) {
  const s = useSignedIn();
  const c = s.company;
  const withTimes = s.me.RequireStartEndTime ?? false;
  const [form, setForm] = useState({
    Date: entry?.Date ?? defaultDate,
    JobID: entry?.JobID ?? '',
    TaskID: entry?.TaskID ?? s.me.DefaultTaskID ?? '',
    Hours: entry ? String(entry.Hours) : '',
    StartTime: entry?.StartTime ?? '',
    EndTime: entry?.EndTime ?? '',
    Comment: entry?.Comment ?? '',
  });
  const [custom, setCustom] = useState<Record<string, CustomValue>>(() =>
    Object.fromEntries(definitions.map((d) => [d.ID, toFormValue(d, entry?.CustomFields?.[d.ID])])),
  );
  const action = useAction();
  const fields = fieldErrorsOf(action.error);
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    if (entry) heading.current?.focus();
  }, [entry]);

  // The tasks allowed on the chosen job (when the job restricts them).
  const allowed = useAsync(
    async () => (form.JobID ? new Set(await api.me.jobs.tasks(form.JobID)) : null),
    [form.JobID],
  );
  const tasks = lookups.tasks.filter((t) => !allowed.data || allowed.data.has(t.ID) || t.ID === form.TaskID);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const times = withTimes || (form.StartTime && form.EndTime);
    const common = {
      JobID: form.JobID,
      TaskID: form.TaskID,
      Comment: form.Comment.trim(),
      ...(times
        ? { StartTime: form.StartTime || null, EndTime: form.EndTime || null }
        : { Hours: form.Hours.trim() === '' ? 0 : Number(form.Hours) }),
      ...(definitions.length
        ? {
            CustomFields: Object.fromEntries(
              definitions.map((d) => [d.ID, toWireValue(d, custom[d.ID])]),
            ) as Record<string, unknown>,
          }
        : {}),
    };
    const saved = await action.run(
      () =>
        entry
          ? api.me.timeEntries.update(entry.ID, common)
          : api.me.timeEntries.create({ Date: form.Date, ...common }),
      entry ? 'Entry saved.' : 'Entry added.',
    );
    if (saved) {
      if (!entry) {
        setForm((f) => ({ ...f, Hours: '', StartTime: '', EndTime: '', Comment: '' }));
        setCustom(Object.fromEntries(definitions.map((d) => [d.ID, toFormValue(d, undefined)])));
      }
      onSaved();
    }
  };

  return (
    <form className="card" onSubmit={(e) => void submit(e)} noValidate aria-labelledby="entry-form-title">
      <h2 id="entry-form-title" ref={heading} tabIndex={-1}>
        {entry ? `Edit the entry of ${formatDay(entry.Date)}` : 'Add time'}
      </h2>
      <ErrorAlert error={action.error} />
      {lookups.jobs.length === 0 ? (
        <p className="alert warn">
          There is no {c.JobTermSingular?.toLowerCase() ?? 'job'} you may log time to yet. Ask your
          administrator.
        </p>
      ) : null}
      <div className="form-grid three">
        <SelectField
          label="Date"
          value={form.Date}
          disabled={Boolean(entry)}
          hint={entry ? 'The date of an entry cannot change; delete it and add a new one.' : undefined}
          error={fields.Date}
          options={days.map((d) => ({ value: d, label: formatDay(d) }))}
          onChange={(e) => setForm({ ...form, Date: e.target.value })}
        />
        <SelectField
          label={c.JobTermSingular ?? 'Job'}
          value={form.JobID}
          error={fields.JobID}
          required
          options={[
            { value: '', label: `Choose a ${(c.JobTermSingular ?? 'job').toLowerCase()}` },
            ...lookups.jobs.map((j) => ({
              value: j.ID,
              label: j.Client ? `${j.Client.Name}: ${j.ListDisplayText}` : j.ListDisplayText,
            })),
          ]}
          onChange={(e) => setForm({ ...form, JobID: e.target.value })}
        />
        <SelectField
          label={c.TaskTermSingular ?? 'Task'}
          value={form.TaskID}
          error={fields.TaskID}
          required
          options={[
            { value: '', label: `Choose a ${(c.TaskTermSingular ?? 'task').toLowerCase()}` },
            ...tasks.map((t) => ({ value: t.ID, label: t.ListDisplayText })),
          ]}
          onChange={(e) => setForm({ ...form, TaskID: e.target.value })}
        />
        {withTimes ? (
          <>
            <TextField
              label="Start"
              type="time"
              value={form.StartTime}
              error={fields.StartTime}
              onChange={(e) => setForm({ ...form, StartTime: e.target.value })}
            />
            <TextField
              label="End"
              type="time"
              value={form.EndTime}
              error={fields.EndTime}
              onChange={(e) => setForm({ ...form, EndTime: e.target.value })}
            />
          </>
        ) : (
          <TextField
            label="Hours"
            type="number"
            inputMode="decimal"
            min={0}
            max={24}
            step={c.MinTimeIncrement ?? 0.01}
            required
            value={form.Hours}
            error={fields.Hours}
            hint="Decimal hours: 1.5 is an hour and a half"
            onChange={(e) => setForm({ ...form, Hours: e.target.value })}
          />
        )}
        <TextField
          label={s.me.RequireComments ? 'Comment' : 'Comment (optional)'}
          value={form.Comment}
          error={fields.Comment}
          required={s.me.RequireComments ?? false}
          onChange={(e) => setForm({ ...form, Comment: e.target.value })}
        />
      </div>
      {definitions.length ? (
        <fieldset className="custom-fields">
          <legend>More details</legend>
          <div className="form-grid three">
            {definitions.map((d) => (
              <CustomFieldInput
                key={d.ID}
                def={d}
                value={custom[d.ID]}
                error={fields[`CustomFields.${d.ID}`]}
                onChange={(v) => setCustom((c) => ({ ...c, [d.ID]: v }))}
              />
            ))}
          </div>
        </fieldset>
      ) : null}
      <div className="actions">
        <Button type="submit" busy={action.busy}>
          {entry ? 'Save entry' : 'Add entry'}
        </Button>
        {entry ? (
          <Button variant="secondary" onClick={onCancel}>
            Cancel
          </Button>
        ) : null}
      </div>
      <LiveStatus message={action.notice} />
    </form>
  );
}

/** The timesheet's history (`GET /Me/Timesheets/{id}/History`), with the reject comment up front. */
function SheetHistory({ sheet }: { sheet: Timesheet }) {
  const history = useAsync(
    () => api.me.timesheets.history(sheet.ID).catch(() => []),
    [sheet.ID, sheet.Status],
  );
  const items = [...(history.data ?? [])].sort((a, b) => b.Date.localeCompare(a.Date));
  const rejection = sheet.Status === 'Rejected' ? items.find((h) => /reject/i.test(h.Action)) : undefined;
  return (
    <>
      {rejection ? (
        <div className="alert warn" role="status" aria-labelledby="rejected-title">
          <p id="rejected-title">
            <strong>
              Rejected by {rejection.ActionByUserName} on {formatInstant(rejection.Date)}.
            </strong>
          </p>
          {rejection.Comment ? <p className="reject-comment">“{rejection.Comment}”</p> : null}
          <p>Correct your time and submit the timesheet again.</p>
        </div>
      ) : null}
      {items.length ? (
        <details className="card history">
          <summary>History ({items.length})</summary>
          <ol aria-label="Timesheet history">
            {items.map((h, i) => (
              <li key={i}>
                <strong>{h.Action}</strong> by {h.ActionByUserName}{' '}
                <span className="muted">{formatInstant(h.Date)}</span>
                {h.Comment ? <span style={{ display: 'block' }}>“{h.Comment}”</span> : null}
              </li>
            ))}
          </ol>
        </details>
      ) : null}
    </>
  );
}
