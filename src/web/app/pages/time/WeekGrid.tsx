/**
 * Week view of the Time page: rows are job × task, columns the period's days, cells the hours. Arrow keys
 * move between cells, Enter saves. Saving sends the new entries in one atomic batch
 * (`POST /Me/TimeEntries` with an array), then the changed ones (PATCH) and the cleared ones (DELETE).
 * When the person must give start/end times (or comments), a cell opens a small editor instead.
 */
import { useEffect, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import {
  PunchclockApiError,
  type JobMe,
  type JobTaskControl,
  type TaskMe,
  type TimeEntry,
  type TimeEntryCreateMe,
  type Timesheet,
} from '../../../../sdk/index.js';
import { api } from '../../api.js';
import { addDays, formatDay, formatHours } from '../../format.js';
import { useAction, useAsync } from '../../hooks.js';
import { useSignedIn } from '../../session.js';
import { Button, ErrorAlert, LiveStatus, SelectField, TextField } from '../../ui/index.js';

export interface GridLookups {
  jobs: JobMe[];
  tasks: TaskMe[];
}

interface Draft {
  Hours: string;
  Start: string;
  End: string;
  Break: string;
  Comment: string;
}

interface Row {
  JobID: string;
  TaskID: string;
}

const rowKey = (r: Row) => `${r.JobID}|${r.TaskID}`;
const cellKey = (row: string, date: string) => `${row}@${date}`;
const EMPTY: Draft = { Hours: '', Start: '', End: '', Break: '', Comment: '' };

const minutes = (t: string): number | null => {
  const m = /^(\d{1,2}):(\d{2})/.exec(t);
  return m ? Number(m[1]) * 60 + Number(m[2]) : null;
};

/** The hours a draft stands for (start/end minus break, or the typed hours); NaN when not a number. */
export function draftHours(d: Draft, withTimes: boolean): number {
  if (withTimes) {
    const s = minutes(d.Start);
    const e = minutes(d.End);
    if (s === null || e === null) return 0;
    const brk = d.Break.trim() === '' ? 0 : Number(d.Break);
    return Math.max(0, (e - s) / 60 - (Number.isFinite(brk) ? brk : 0));
  }
  if (d.Hours.trim() === '') return 0;
  return Number(d.Hours.trim().replace(',', '.'));
}

const fromEntry = (e: TimeEntry): Draft => ({
  Hours: String(e.Hours),
  Start: e.StartTime?.slice(0, 5) ?? '',
  End: e.EndTime?.slice(0, 5) ?? '',
  Break: e.BreakTime ? String(e.BreakTime) : '',
  Comment: e.Comment ?? '',
});

const same = (a: Draft, b: Draft) =>
  a.Hours === b.Hours &&
  a.Start === b.Start &&
  a.End === b.End &&
  a.Break === b.Break &&
  a.Comment === b.Comment;

export function WeekGrid({
  sheet,
  days,
  entries,
  lookups,
  editable,
  onSaved,
}: {
  sheet: Timesheet;
  days: string[];
  entries: TimeEntry[];
  lookups: GridLookups;
  editable: boolean;
  onSaved: () => void;
}) {
  const s = useSignedIn();
  const c = s.company;
  const precision = c.PrecisionForHoursValues ?? 2;
  const withTimes = s.me.RequireStartEndTime ?? false;
  const withBreak = withTimes && (s.me.EnableBreakTime ?? false);
  const needComment = s.me.RequireComments ?? false;
  const popup = withTimes || needComment;
  const jobTerm = c.JobTermSingular ?? 'Job';
  const taskTerm = c.TaskTermSingular ?? 'Task';

  // The entries of each cell (usually one; several are shown summed and read-only).
  const byCell = useMemo(() => {
    const map = new Map<string, TimeEntry[]>();
    for (const e of entries) {
      if (!e.JobID || !e.TaskID) continue;
      const k = cellKey(rowKey({ JobID: e.JobID, TaskID: e.TaskID }), e.Date);
      map.set(k, [...(map.get(k) ?? []), e]);
    }
    return map;
  }, [entries]);

  const [extraRows, setExtraRows] = useState<Row[]>([]);
  const [drafts, setDrafts] = useState<Record<string, Draft>>({});
  const [cellErrors, setCellErrors] = useState<Record<string, string>>({});
  const [open, setOpen] = useState<string | null>(null);
  const save = useAction();
  const copy = useAction();
  const table = useRef<HTMLTableElement>(null);

  // A fresh period, and the entries reloaded after a save, start from the server's state. Any other
  // reload (a refresh in the background, entries arriving after the grid) keeps what the person is typing:
  // resetting on every new `entries` lost keystrokes typed while a reload was in flight.
  const resetOnReload = useRef(false);
  useEffect(() => {
    if (!resetOnReload.current) return;
    resetOnReload.current = false;
    setDrafts({});
    setCellErrors({});
  }, [entries]);
  useEffect(() => {
    setDrafts({});
    setCellErrors({});
    setExtraRows([]);
  }, [sheet.ID]);

  const rows = useMemo(() => {
    const seen = new Map<string, Row>();
    for (const e of entries)
      if (e.JobID && e.TaskID)
        seen.set(rowKey({ JobID: e.JobID, TaskID: e.TaskID }), { JobID: e.JobID, TaskID: e.TaskID });
    for (const r of extraRows) seen.set(rowKey(r), r);
    return [...seen.values()];
  }, [entries, extraRows]);

  const jobName = (id: string) => {
    const j = lookups.jobs.find((x) => x.ID === id);
    if (j) return j.Client ? `${j.Client.Name}: ${j.ListDisplayText}` : j.ListDisplayText;
    return entries.find((e) => e.JobID === id)?.Job?.ListDisplayText ?? id;
  };
  const taskName = (id: string) =>
    lookups.tasks.find((t) => t.ID === id)?.ListDisplayText ??
    entries.find((e) => e.TaskID === id)?.Task?.ListDisplayText ??
    id;

  const original = (k: string): Draft => {
    const list = byCell.get(k);
    return list && list.length === 1 ? fromEntry(list[0]!) : EMPTY;
  };
  const draftOf = (k: string): Draft => drafts[k] ?? original(k);
  const hoursOf = (k: string): number => {
    const list = byCell.get(k) ?? [];
    if (list.length > 1) return list.reduce((sum, e) => sum + e.Hours, 0);
    if (!drafts[k]) return list[0]?.Hours ?? 0;
    const h = draftHours(drafts[k], withTimes);
    return Number.isFinite(h) ? h : 0;
  };
  const setDraft = (k: string, patch: Partial<Draft>) =>
    setDrafts((d) => ({ ...d, [k]: { ...(d[k] ?? original(k)), ...patch } }));

  const dirty = Object.entries(drafts).some(([k, d]) => !same(d, original(k)));
  const dayTotal = (d: string) => rows.reduce((sum, r) => sum + hoursOf(cellKey(rowKey(r), d)), 0);
  const rowTotal = (r: Row) => days.reduce((sum, d) => sum + hoursOf(cellKey(rowKey(r), d)), 0);
  const grand = days.reduce((sum, d) => sum + dayTotal(d), 0);

  // ——— keyboard: arrows move between cells ———
  const move = (event: KeyboardEvent<HTMLElement>, r: number, d: number) => {
    const target = event.currentTarget as HTMLInputElement;
    const atStart =
      target.selectionStart === undefined || target.selectionStart === null || target.selectionStart === 0;
    const atEnd =
      target.selectionEnd === undefined ||
      target.selectionEnd === null ||
      target.selectionEnd === (target.value ?? '').length;
    let to: [number, number] | null = null;
    if (event.key === 'ArrowUp') to = [r - 1, d];
    else if (event.key === 'ArrowDown') to = [r + 1, d];
    else if (event.key === 'ArrowLeft' && atStart) to = [r, d - 1];
    else if (event.key === 'ArrowRight' && atEnd) to = [r, d + 1];
    else if (event.key === 'Enter' && !popup) {
      event.preventDefault();
      void submit();
      return;
    }
    if (!to) return;
    const next = table.current?.querySelector<HTMLElement>(`[data-cell="${to[0]}-${to[1]}"]`);
    if (next) {
      event.preventDefault();
      next.focus();
      if (next instanceof HTMLInputElement) next.select();
    }
  };

  // ——— saving ———
  const body = (d: Draft) =>
    withTimes
      ? {
          StartTime: d.Start || null,
          EndTime: d.End || null,
          ...(withBreak ? { BreakTime: d.Break.trim() === '' ? 0 : Number(d.Break) } : {}),
          Comment: d.Comment.trim(),
        }
      : {
          Hours: Number(d.Hours.trim().replace(',', '.')),
          ...(needComment || d.Comment ? { Comment: d.Comment.trim() } : {}),
        };

  const submit = async () => {
    const creates: { key: string; body: TimeEntryCreateMe }[] = [];
    const updates: { key: string; id: string; body: ReturnType<typeof body> }[] = [];
    const deletes: { key: string; id: string }[] = [];
    const local: Record<string, string> = {};
    for (const [k, d] of Object.entries(drafts)) {
      if (same(d, original(k))) continue;
      const [row, date] = k.split('@') as [string, string];
      const [JobID, TaskID] = row.split('|') as [string, string];
      const existing = byCell.get(k)?.[0];
      const blank = withTimes ? !d.Start && !d.End : d.Hours.trim() === '' || Number(d.Hours) === 0;
      if (!withTimes && !blank && !Number.isFinite(draftHours(d, false))) {
        local[k] = 'Hours must be a number, like 1.5.';
        continue;
      }
      if (blank) {
        if (existing) deletes.push({ key: k, id: existing.ID });
      } else if (existing) updates.push({ key: k, id: existing.ID, body: body(d) });
      else creates.push({ key: k, body: { Date: date, JobID, TaskID, ...body(d) } });
    }
    setCellErrors(local);
    if (Object.keys(local).length) {
      save.setError(new Error('Some cells need a correction (marked below).'));
      return;
    }
    const errors: Record<string, string> = {};
    const result = await save.run(async () => {
      if (creates.length) {
        try {
          await api.me.timeEntries.createMany(creates.map((x) => x.body));
        } catch (e) {
          if (e instanceof PunchclockApiError) {
            for (const item of e.errors) {
              const m = /^\[(\d+)\]/.exec(item.Field ?? '');
              const target = m ? creates[Number(m[1])] : undefined;
              if (target) {
                const text = item.Message.replace(/^\[\d+\]\./, '');
                errors[target.key] = errors[target.key] ? `${errors[target.key]} ${text}` : text;
              }
            }
          }
          throw e;
        }
      }
      for (const u of updates) {
        try {
          await api.me.timeEntries.update(u.id, u.body);
        } catch (e) {
          if (e instanceof PunchclockApiError) errors[u.key] = e.errors.map((x) => x.Message).join(' ');
          throw e;
        }
      }
      for (const d of deletes) {
        try {
          await api.me.timeEntries.delete(d.id);
        } catch (e) {
          if (e instanceof PunchclockApiError) errors[d.key] = e.errors.map((x) => x.Message).join(' ');
          throw e;
        }
      }
      return true;
    }, 'Your week is saved.');
    setCellErrors(errors);
    // Errors that belong to cells are shown there; the alert above the grid then just points at them.
    if (!result && Object.keys(errors).length) {
      const n = Object.keys(errors).length;
      save.setError(
        new Error(
          `${n === 1 ? 'A cell needs' : `${n} cells need`} a correction (marked in the grid). Nothing was saved.`,
        ),
      );
    }
    if (result) {
      setOpen(null);
      resetOnReload.current = true;
      onSaved();
    }
  };

  // ——— rows ———
  const controls = useAsync(
    async (): Promise<JobTaskControl[]> =>
      api.me.jobs.taskControls({ JobIsActive: true, TaskIsActive: true }).catch(() => []),
    [],
  );
  const [newRow, setNewRow] = useState<Row>({ JobID: '', TaskID: '' });
  const allowedTasks = useMemo(() => {
    if (!newRow.JobID) return lookups.tasks;
    const pairs = (controls.data ?? []).filter((p) => p.JobID === newRow.JobID);
    return pairs.length ? lookups.tasks.filter((t) => pairs.some((p) => p.TaskID === t.ID)) : lookups.tasks;
  }, [newRow.JobID, controls.data, lookups.tasks]);
  const addRow = (r: Row) => {
    if (!r.JobID || !r.TaskID || rows.some((x) => rowKey(x) === rowKey(r))) return false;
    setExtraRows((x) => [...x, r]);
    return true;
  };

  // Copy last week: the previous period's job/task rows, empty (hours differ week to week; the rows don't).
  const copyLastWeek = () =>
    void copy.run(async () => {
      const prev = await api.me.timesheets.get(addDays(sheet.StartDate, -1));
      const old = await api.me.timeEntries.all({ StartDate: prev.StartDate, EndDate: prev.EndDate });
      let added = 0;
      const have = new Set(rows.map(rowKey));
      const fresh: Row[] = [];
      for (const e of old) {
        if (!e.JobID || !e.TaskID) continue;
        const r = { JobID: e.JobID, TaskID: e.TaskID };
        if (have.has(rowKey(r))) continue;
        have.add(rowKey(r));
        fresh.push(r);
        added++;
      }
      setExtraRows((x) => [...x, ...fresh]);
      copy.setNotice(
        old.length === 0
          ? 'The previous period has no time to copy.'
          : added === 0
            ? 'Every row of the previous period is already here.'
            : `Copied ${added} row${added === 1 ? '' : 's'} from the previous period (without hours).`,
      );
    });

  const openDraft = open ? draftOf(open) : null;

  return (
    <section className="card" aria-labelledby="week-title">
      <h2 id="week-title">Week</h2>
      <ErrorAlert error={save.error ?? copy.error} />
      <div className="table-wrap">
        <table className="list week-grid" ref={table}>
          <caption className="visually-hidden">
            Hours by {jobTerm.toLowerCase()} and {taskTerm.toLowerCase()} for each day of the period
          </caption>
          <thead>
            <tr>
              <th scope="col">
                {jobTerm} / {taskTerm}
              </th>
              {days.map((d) => (
                <th scope="col" key={d} className="num">
                  {formatDay(d)}
                </th>
              ))}
              <th scope="col" className="num">
                Total
              </th>
            </tr>
          </thead>
          <tbody>
            {rows.length === 0 ? (
              <tr>
                <td colSpan={days.length + 2} className="muted">
                  No rows yet: add a row below{editable ? ' or copy last week' : ''}.
                </td>
              </tr>
            ) : null}
            {rows.map((r, ri) => {
              const rk = rowKey(r);
              const label = `${jobName(r.JobID)} – ${taskName(r.TaskID)}`;
              return (
                <tr key={rk}>
                  <th scope="row">
                    {jobName(r.JobID)}
                    <span className="hint muted" style={{ display: 'block' }}>
                      {taskName(r.TaskID)}
                    </span>
                  </th>
                  {days.map((d, di) => {
                    const k = cellKey(rk, d);
                    const several = (byCell.get(k) ?? []).length > 1;
                    const name = `${label}, ${formatDay(d, 'long')}`;
                    const err = cellErrors[k];
                    const errId = `err-${ri}-${di}`;
                    return (
                      <td key={d} className="num">
                        {!editable || several ? (
                          <span title={several ? 'Several entries: change them in the Day view' : undefined}>
                            {hoursOf(k) ? formatHours(hoursOf(k), precision) : ''}
                          </span>
                        ) : popup ? (
                          <button
                            type="button"
                            className="secondary small cell-button"
                            data-cell={`${ri}-${di}`}
                            aria-label={`${name}: ${formatHours(hoursOf(k), precision)} hours. Edit`}
                            aria-invalid={err ? true : undefined}
                            aria-describedby={err ? errId : undefined}
                            aria-expanded={open === k}
                            onKeyDown={(e) => move(e, ri, di)}
                            onClick={() => setOpen(open === k ? null : k)}
                          >
                            {hoursOf(k) ? formatHours(hoursOf(k), precision) : '–'}
                          </button>
                        ) : (
                          <input
                            className="cell"
                            type="text"
                            inputMode="decimal"
                            autoComplete="off"
                            data-cell={`${ri}-${di}`}
                            aria-label={`${name} hours`}
                            aria-invalid={err ? true : undefined}
                            aria-describedby={err ? errId : undefined}
                            value={draftOf(k).Hours === '0' ? '' : draftOf(k).Hours}
                            onChange={(e) => setDraft(k, { Hours: e.target.value })}
                            onKeyDown={(e) => move(e, ri, di)}
                          />
                        )}
                        {err ? (
                          <span className="field-error" id={errId}>
                            {err}
                          </span>
                        ) : null}
                      </td>
                    );
                  })}
                  <td className="num">
                    <strong aria-label={`Total of ${label}`}>{formatHours(rowTotal(r), precision)}</strong>
                  </td>
                </tr>
              );
            })}
          </tbody>
          <tfoot>
            <tr>
              <th scope="row">Day total</th>
              {days.map((d) => (
                <td key={d} className="num" data-testid={`day-total-${d}`}>
                  {formatHours(dayTotal(d), precision)}
                </td>
              ))}
              <td className="num">
                <strong data-testid="week-total">{formatHours(grand, precision)}</strong>
              </td>
            </tr>
          </tfoot>
        </table>
      </div>

      {open && openDraft ? (
        <CellEditor
          key={open}
          title={(() => {
            const [row, date] = open.split('@') as [string, string];
            const [j, t] = row.split('|') as [string, string];
            return `${jobName(j)} – ${taskName(t)}, ${formatDay(date, 'long')}`;
          })()}
          draft={openDraft}
          withTimes={withTimes}
          withBreak={withBreak}
          needComment={needComment}
          error={cellErrors[open]}
          onChange={(patch) => setDraft(open, patch)}
          onDone={() => setOpen(null)}
        />
      ) : null}

      {editable ? (
        <>
          <div className="actions">
            <Button busy={save.busy} disabled={!dirty} onClick={() => void submit()}>
              Save week
            </Button>
            {dirty ? (
              <Button
                variant="secondary"
                onClick={() => {
                  setDrafts({});
                  setCellErrors({});
                  save.setError(undefined);
                }}
              >
                Discard changes
              </Button>
            ) : null}
            <Button variant="secondary" busy={copy.busy} onClick={copyLastWeek}>
              Copy last week
            </Button>
          </div>
          <p className="hint muted">
            {popup
              ? `Choose a cell to enter its ${withTimes ? 'start and end times' : 'hours and comment'}; arrow keys move between cells. Save week stores every change; emptying a cell deletes its entry.`
              : 'Type hours in the cells; arrow keys move between cells, Enter saves. Clearing a cell deletes its entry.'}
          </p>
          <LiveStatus message={save.notice ?? copy.notice} />
          <form
            className="add-row"
            aria-labelledby="add-row-title"
            onSubmit={(e) => {
              e.preventDefault();
              if (addRow(newRow)) setNewRow({ JobID: newRow.JobID, TaskID: '' });
            }}
          >
            <h3 id="add-row-title">Add a row</h3>
            <div className="form-grid three">
              <SelectField
                label={`Row ${jobTerm.toLowerCase()}`}
                value={newRow.JobID}
                options={[
                  { value: '', label: `Choose a ${jobTerm.toLowerCase()}` },
                  ...lookups.jobs.map((j) => ({
                    value: j.ID,
                    label: j.Client ? `${j.Client.Name}: ${j.ListDisplayText}` : j.ListDisplayText,
                  })),
                ]}
                onChange={(e) => setNewRow({ JobID: e.target.value, TaskID: '' })}
              />
              <SelectField
                label={`Row ${taskTerm.toLowerCase()}`}
                value={newRow.TaskID}
                options={[
                  { value: '', label: `Choose a ${taskTerm.toLowerCase()}` },
                  ...allowedTasks.map((t) => ({ value: t.ID, label: t.ListDisplayText })),
                ]}
                onChange={(e) => setNewRow({ ...newRow, TaskID: e.target.value })}
              />
              <div className="field" style={{ alignSelf: 'end' }}>
                <Button type="submit" variant="secondary" disabled={!newRow.JobID || !newRow.TaskID}>
                  Add row
                </Button>
              </div>
            </div>
          </form>
        </>
      ) : null}
    </section>
  );
}

function CellEditor({
  title,
  draft,
  withTimes,
  withBreak,
  needComment,
  error,
  onChange,
  onDone,
}: {
  title: string;
  draft: Draft;
  withTimes: boolean;
  withBreak: boolean;
  needComment: boolean;
  error: string | undefined;
  onChange: (patch: Partial<Draft>) => void;
  onDone: () => void;
}) {
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => heading.current?.focus(), []);
  return (
    <div
      className="cell-editor"
      role="group"
      aria-labelledby="cell-editor-title"
      onKeyDown={(e) => {
        if (e.key === 'Escape') onDone();
      }}
    >
      <h3 id="cell-editor-title" ref={heading} tabIndex={-1}>
        {title}
      </h3>
      {error ? <p className="field-error">{error}</p> : null}
      <div className="form-grid three">
        {withTimes ? (
          <>
            <TextField
              label="Start"
              type="time"
              value={draft.Start}
              onChange={(e) => onChange({ Start: e.target.value })}
            />
            <TextField
              label="End"
              type="time"
              value={draft.End}
              onChange={(e) => onChange({ End: e.target.value })}
            />
            {withBreak ? (
              <TextField
                label="Break (hours)"
                inputMode="decimal"
                value={draft.Break}
                onChange={(e) => onChange({ Break: e.target.value })}
              />
            ) : null}
          </>
        ) : (
          <TextField
            label="Hours"
            inputMode="decimal"
            value={draft.Hours}
            onChange={(e) => onChange({ Hours: e.target.value })}
          />
        )}
        <TextField
          label={needComment ? 'Comment' : 'Comment (optional)'}
          required={needComment}
          value={draft.Comment}
          onChange={(e) => onChange({ Comment: e.target.value })}
        />
      </div>
      <div className="actions">
        <Button variant="secondary" onClick={onDone}>
          Done
        </Button>
      </div>
    </div>
  );
}
