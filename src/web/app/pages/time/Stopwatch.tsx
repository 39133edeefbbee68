/**
 * The stopwatch of the Day view (API.md §4.9 timers): start a timer on an entry, or on a new entry of
 * today for a chosen job/task; while it runs the elapsed time ticks; Stop closes the open interval with a
 * PUT of the intervals (End = now), and the server updates the entry's hours. One timer runs at a time.
 */
import { useEffect, useState } from 'react';
import type { TimeEntry, Timer, TimerReplace } from '../../../../sdk/index.js';
import { api } from '../../api.js';
import { formatDay, formatHours, todayIso } from '../../format.js';
import { useAction, useAsync } from '../../hooks.js';
import { useSignedIn } from '../../session.js';
import { Button, ErrorAlert, LiveStatus, SelectField } from '../../ui/index.js';
import type { GridLookups } from './WeekGrid.js';

const pad = (n: number) => String(n).padStart(2, '0');
const clock = (d: Date) => `${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}`;
const offset = (d: Date) => {
  const m = -d.getTimezoneOffset();
  if (m === 0) return 'Z';
  const a = Math.abs(m);
  return `${m < 0 ? '-' : '+'}${pad(Math.floor(a / 60))}:${pad(a % 60)}`;
};
export const elapsedText = (seconds: number) => {
  const s = Math.max(0, Math.floor(seconds));
  return `${Math.floor(s / 3600)}:${pad(Math.floor((s % 3600) / 60))}:${pad(s % 60)}`;
};

export function Stopwatch({
  entries,
  lookups,
  editable,
  onChange,
}: {
  entries: TimeEntry[];
  lookups: GridLookups;
  editable: boolean;
  onChange: () => void;
}) {
  const s = useSignedIn();
  const c = s.company;
  const precision = c.PrecisionForHoursValues ?? 2;
  const running = useAsync(async (): Promise<Timer | null> => {
    const list = await api.me.timers.all({ IsRunning: true, Verbose: true });
    return list[0] ?? null;
  }, []);
  const [loadedAt, setLoadedAt] = useState(() => Date.now());
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => setLoadedAt(Date.now()), [running.data]);
  useEffect(() => {
    if (!running.data) return;
    const id = window.setInterval(() => setNow(Date.now()), 1000);
    return () => window.clearInterval(id);
  }, [running.data]);
  const action = useAction();
  // A new entry starts at 0 hours, which only a company allowing zero-hour entries accepts.
  const canNew = (c.AllowZeroHourTimeEntries ?? false) || (s.me.RequireStopwatch ?? false);
  const [target, setTarget] = useState(canNew ? 'new' : '');
  const [pick, setPick] = useState({ JobID: '', TaskID: s.me.DefaultTaskID ?? '' });

  const timer = running.data;
  const entryOf = (id: string) => entries.find((e) => e.ID === id);
  const label = (e: { JobID: string | null; TaskID: string | null; Date: string } | undefined | null) => {
    if (!e) return 'an entry';
    const job = lookups.jobs.find((j) => j.ID === e.JobID)?.ListDisplayText ?? e.JobID;
    const task = lookups.tasks.find((t) => t.ID === e.TaskID)?.ListDisplayText ?? e.TaskID;
    return `${job} – ${task} (${formatDay(e.Date)})`;
  };

  const start = () =>
    void action
      .run(async () => {
        let entryId = target;
        if (!entryId) throw new Error('Choose the entry to time.');
        if (target === 'new') {
          if (!pick.JobID || !pick.TaskID)
            throw new Error(
              `Choose a ${(c.JobTermSingular ?? 'job').toLowerCase()} and a ${(c.TaskTermSingular ?? 'task').toLowerCase()} first.`,
            );
          const created = await api.me.timeEntries.create({
            Date: todayIso(),
            JobID: pick.JobID,
            TaskID: pick.TaskID,
            Hours: 0,
          });
          entryId = created.ID;
        }
        return api.me.timers.start(entryId);
      }, 'The timer is running.')
      .then((t) => {
        if (t) {
          running.set(t);
          onChange();
        }
      });

  const stop = () =>
    void action
      .run(async () => {
        if (!timer) return null;
        const end = new Date();
        const intervals: TimerReplace['Intervals'] = timer.Intervals.map((i) => ({
          Start: i.Start,
          End: i.End ?? clock(end),
          ...(i.TimeZoneOffset ? { TimeZoneOffset: i.TimeZoneOffset } : { TimeZoneOffset: offset(end) }),
        }));
        return api.me.timers.replace(timer.TimeEntryID, { Intervals: intervals });
      }, 'The timer is stopped; the entry’s hours are updated.')
      .then((t) => {
        if (t !== undefined) {
          running.set(null);
          onChange();
        }
      });

  const elapsed = timer ? timer.ElapsedSeconds + (now - loadedAt) / 1000 : 0;
  const today = todayIso();
  const choices = entries.filter((e) => e.Date === today);

  return (
    <section className="card stopwatch" aria-labelledby="stopwatch-title">
      <h2 id="stopwatch-title">Stopwatch</h2>
      <ErrorAlert error={running.error ?? action.error} />
      {timer ? (
        <>
          <p>
            Running on <strong>{label(timer.TimeEntry ?? entryOf(timer.TimeEntryID) ?? null)}</strong>
          </p>
          <p className="elapsed" aria-label="Elapsed time" role="timer">
            {elapsedText(elapsed)}
          </p>
          <div className="actions">
            <Button variant="danger" busy={action.busy} onClick={stop}>
              Stop timer
            </Button>
          </div>
        </>
      ) : editable ? (
        <>
          <div className="form-grid three">
            <SelectField
              label="Timer on"
              value={target}
              options={[
                canNew
                  ? { value: 'new', label: 'A new entry today' }
                  : { value: '', label: 'Choose an entry of today' },
                ...choices.map((e) => ({
                  value: e.ID,
                  label: `${label(e)}: ${formatHours(e.Hours, precision)} h`,
                })),
              ]}
              hint={
                canNew
                  ? undefined
                  : 'Your company does not allow zero-hour entries: add today’s entry first, then time it.'
              }
              onChange={(e) => setTarget(e.target.value)}
            />
            {target === 'new' ? (
              <>
                <SelectField
                  label={`Timer ${(c.JobTermSingular ?? 'job').toLowerCase()}`}
                  value={pick.JobID}
                  options={[
                    { value: '', label: `Choose a ${(c.JobTermSingular ?? 'job').toLowerCase()}` },
                    ...lookups.jobs.map((j) => ({
                      value: j.ID,
                      label: j.Client ? `${j.Client.Name}: ${j.ListDisplayText}` : j.ListDisplayText,
                    })),
                  ]}
                  onChange={(e) => setPick({ ...pick, JobID: e.target.value })}
                />
                <SelectField
                  label={`Timer ${(c.TaskTermSingular ?? 'task').toLowerCase()}`}
                  value={pick.TaskID}
                  options={[
                    { value: '', label: `Choose a ${(c.TaskTermSingular ?? 'task').toLowerCase()}` },
                    ...lookups.tasks.map((t) => ({ value: t.ID, label: t.ListDisplayText })),
                  ]}
                  onChange={(e) => setPick({ ...pick, TaskID: e.target.value })}
                />
              </>
            ) : null}
          </div>
          <div className="actions">
            <Button busy={action.busy} onClick={start}>
              Start timer
            </Button>
          </div>
        </>
      ) : (
        <p className="muted">No timer is running.</p>
      )}
      <LiveStatus message={action.notice} />
    </section>
  );
}
