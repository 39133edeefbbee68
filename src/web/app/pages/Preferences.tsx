/**
 * My Preferences (API.md §4.1): profile and defaults, time entry, and the Authentication Token tab
 * (DECISIONS 14, 17).
 */
import { useState, type FormEvent } from 'react';
import type {
  JobSelectionMethod,
  MeUpdate,
  PreferredTimeEntryView,
  PreferredTimeFormat,
} from '../../../sdk/index.js';
import { api } from '../api.js';
import { fieldErrorsOf } from '../errors.js';
import { formatInstant } from '../format.js';
import { useAction, useAsync } from '../hooks.js';
import { Link } from '../router.js';
import { has, useSignedIn } from '../session.js';
import {
  Button,
  CheckboxField,
  CopyButton,
  ErrorAlert,
  LiveStatus,
  PageTitle,
  SelectField,
  TextField,
  type Option,
} from '../ui/index.js';

type Tab = 'profile' | 'time' | 'token';

export function PreferencesPage({ tab }: { tab: Tab }) {
  return (
    <>
      <PageTitle title={`My Preferences: ${TAB_NAMES[tab]}`}>My Preferences</PageTitle>
      <nav aria-label="My Preferences">
        <ul className="tabs">
          <li>
            <Link to="/preferences" exact>
              Profile and defaults
            </Link>
          </li>
          <li>
            <Link to="/preferences/time">Time entry</Link>
          </li>
          <li>
            <Link to="/preferences/token">Authentication Token</Link>
          </li>
        </ul>
      </nav>
      {tab === 'profile' ? <ProfileTab /> : tab === 'time' ? <TimeTab /> : <TokenTab />}
    </>
  );
}

const TAB_NAMES: Record<Tab, string> = {
  profile: 'Profile and defaults',
  time: 'Time entry',
  token: 'Authentication Token',
};

/** Saves a PATCH /Me and puts the answer into the session. */
function useSaveMe() {
  const { setMe } = useSignedIn();
  const action = useAction();
  const save = (body: MeUpdate) =>
    action.run(async () => {
      const me = await api.me.update(body);
      setMe(me);
      return me;
    }, 'Your preferences are saved.');
  return { ...action, save };
}

function ProfileTab() {
  const s = useSignedIn();
  const { me } = s;
  const [form, setForm] = useState({
    Name: me.Name,
    DefaultTaskID: me.DefaultTaskID ?? '',
    DefaultExpenseTypeID: me.DefaultExpenseTypeID ?? '',
    DefaultPaymentTypeID: me.DefaultPaymentTypeID ?? '',
    TimesheetApprovedAlert: me.TimesheetApprovedAlert ?? true,
    ExpenseSheetApprovedAlert: me.ExpenseSheetApprovedAlert ?? true,
    ExpenseSheetPaidAlert: me.ExpenseSheetPaidAlert ?? true,
  });
  const { save, busy, error, notice } = useSaveMe();
  const fields = fieldErrorsOf(error);
  const expensesOn = s.company.OptionalModules?.Expenses !== false;

  // Default pick lists come from APIs that may not have landed yet; without them the field is left out.
  const tasks = useAsync(
    async (): Promise<Option[] | null> =>
      has(s, 'GET /v2/Me/Tasks')
        ? (await api.me.tasks.all({ IsActive: true })).map((t) => ({
            value: t.ID,
            label: t.ListDisplayText || t.Name,
          }))
        : null,
    [],
  );
  const expenseTypes = useAsync(
    async (): Promise<Option[] | null> =>
      expensesOn && has(s, 'GET /v2/ExpenseTypes')
        ? (await api.expenseTypes.all({ IsActive: true })).map((t) => ({ value: t.ID, label: t.Name }))
        : null,
    [],
  );
  const paymentTypes = useAsync(
    async (): Promise<Option[] | null> =>
      expensesOn && has(s, 'GET /v2/PaymentTypes')
        ? (await api.paymentTypes.all({ IsActive: true })).map((t) => ({ value: t.ID, label: t.Name }))
        : null,
    [],
  );

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const body: MeUpdate = {
      Name: form.Name.trim(),
      TimesheetApprovedAlert: form.TimesheetApprovedAlert,
      ExpenseSheetApprovedAlert: form.ExpenseSheetApprovedAlert,
      ExpenseSheetPaidAlert: form.ExpenseSheetPaidAlert,
    };
    if (tasks.data) body.DefaultTaskID = form.DefaultTaskID || null;
    if (expenseTypes.data) body.DefaultExpenseTypeID = form.DefaultExpenseTypeID || null;
    if (paymentTypes.data) body.DefaultPaymentTypeID = form.DefaultPaymentTypeID || null;
    void save(body);
  };
  const none = (label: string, list: Option[]) => [{ value: '', label }, ...list];

  return (
    <form className="card" onSubmit={submit} noValidate aria-labelledby="profile-heading">
      <h2 id="profile-heading" style={{ marginTop: 0 }}>
        Profile and defaults
      </h2>
      <ErrorAlert error={error} />
      <div className="form-grid two">
        <TextField
          label="Name"
          autoComplete="name"
          required
          value={form.Name}
          error={fields.Name}
          onChange={(e) => setForm({ ...form, Name: e.target.value })}
        />
        <TextField label="Email" value={me.Email} readOnly hint="Your administrator can change your email." />
        <TextField label="Security level" value={me.SecurityLevel ?? ''} readOnly />
        {tasks.data ? (
          <SelectField
            label={`Default ${s.company.TaskTermSingular?.toLowerCase() ?? 'task'}`}
            value={form.DefaultTaskID}
            error={fields.DefaultTaskID}
            options={none('None', tasks.data)}
            onChange={(e) => setForm({ ...form, DefaultTaskID: e.target.value })}
          />
        ) : null}
        {expenseTypes.data ? (
          <SelectField
            label="Default expense type"
            value={form.DefaultExpenseTypeID}
            error={fields.DefaultExpenseTypeID}
            options={none('None', expenseTypes.data)}
            onChange={(e) => setForm({ ...form, DefaultExpenseTypeID: e.target.value })}
          />
        ) : null}
        {paymentTypes.data ? (
          <SelectField
            label="Default payment type"
            value={form.DefaultPaymentTypeID}
            error={fields.DefaultPaymentTypeID}
            options={none('None', paymentTypes.data)}
            onChange={(e) => setForm({ ...form, DefaultPaymentTypeID: e.target.value })}
          />
        ) : null}
      </div>
      <fieldset style={{ marginTop: '1rem' }}>
        <legend>Email me when</legend>
        <CheckboxField
          label="my timesheet is approved"
          checked={form.TimesheetApprovedAlert}
          onChange={(e) => setForm({ ...form, TimesheetApprovedAlert: e.target.checked })}
        />
        {expensesOn ? (
          <>
            <CheckboxField
              label="my expense sheet is approved"
              checked={form.ExpenseSheetApprovedAlert}
              onChange={(e) => setForm({ ...form, ExpenseSheetApprovedAlert: e.target.checked })}
            />
            <CheckboxField
              label="my expense sheet is paid"
              checked={form.ExpenseSheetPaidAlert}
              onChange={(e) => setForm({ ...form, ExpenseSheetPaidAlert: e.target.checked })}
            />
          </>
        ) : null}
      </fieldset>
      <div className="actions">
        <Button type="submit" busy={busy}>
          Save preferences
        </Button>
      </div>
      <LiveStatus message={notice} />
    </form>
  );
}

const TIME_FORMATS: { value: PreferredTimeFormat; label: string }[] = [
  { value: 'AMPM', label: '12-hour (1:30 PM)' },
  { value: '24Hour', label: '24-hour (13:30)' },
];
const VIEWS: { value: PreferredTimeEntryView; label: string }[] = [
  { value: 'WeekView', label: 'Week' },
  { value: 'DayView', label: 'Day' },
  { value: 'ClassicDayView', label: 'Classic day' },
];
const SELECTION: { value: JobSelectionMethod; label: string }[] = [
  { value: 'DROP_DOWN_LIST', label: 'Drop-down list' },
  { value: 'TYPE_AHEAD', label: 'Type to search' },
];

function TimeTab() {
  const { me, company } = useSignedIn();
  const [form, setForm] = useState({
    PreferredTimeFormat: me.PreferredTimeFormat ?? 'AMPM',
    PreferredTimeEntryView: me.PreferredTimeEntryView ?? 'WeekView',
    JobSelectionMethod: me.JobSelectionMethod ?? 'DROP_DOWN_LIST',
    NumEntries: String(me.NumEntries ?? 5),
    SkipWeekend: me.SkipWeekend ?? false,
  });
  const { save, busy, error, notice } = useSaveMe();
  const fields = fieldErrorsOf(error);
  const sample = formatInstant(
    new Date(Date.UTC(2026, 0, 15, 13, 30)).toISOString(),
    form.PreferredTimeFormat,
  );

  const submit = (event: FormEvent) => {
    event.preventDefault();
    void save({
      PreferredTimeFormat: form.PreferredTimeFormat,
      PreferredTimeEntryView: form.PreferredTimeEntryView,
      JobSelectionMethod: form.JobSelectionMethod,
      NumEntries: Number(form.NumEntries),
      SkipWeekend: form.SkipWeekend,
    });
  };

  return (
    <form className="card" onSubmit={submit} noValidate aria-labelledby="time-heading">
      <h2 id="time-heading" style={{ marginTop: 0 }}>
        Time entry
      </h2>
      <ErrorAlert error={error} />
      <fieldset>
        <legend>Time format</legend>
        {TIME_FORMATS.map((f) => (
          <label className="check" key={f.value}>
            <input
              type="radio"
              name="PreferredTimeFormat"
              value={f.value}
              checked={form.PreferredTimeFormat === f.value}
              onChange={() => setForm({ ...form, PreferredTimeFormat: f.value })}
            />
            <span>{f.label}</span>
          </label>
        ))}
        <p className="hint muted" style={{ marginTop: '0.5rem' }}>
          Times then look like this: {sample}
        </p>
      </fieldset>
      <div className="form-grid two">
        <SelectField
          label="Time entry view"
          value={form.PreferredTimeEntryView}
          options={VIEWS}
          error={fields.PreferredTimeEntryView}
          onChange={(e) =>
            setForm({ ...form, PreferredTimeEntryView: e.target.value as PreferredTimeEntryView })
          }
        />
        <SelectField
          label={`Choose ${company.JobTermPlural?.toLowerCase() ?? 'jobs'} from`}
          value={form.JobSelectionMethod}
          options={SELECTION}
          error={fields.JobSelectionMethod}
          onChange={(e) => setForm({ ...form, JobSelectionMethod: e.target.value as JobSelectionMethod })}
        />
        <TextField
          label="Empty rows on a new timesheet"
          type="number"
          inputMode="numeric"
          min={0}
          max={100}
          value={form.NumEntries}
          error={fields.NumEntries}
          onChange={(e) => setForm({ ...form, NumEntries: e.target.value })}
        />
      </div>
      <div style={{ marginTop: '1rem' }}>
        <CheckboxField
          label="Skip weekends when entering time"
          checked={form.SkipWeekend}
          onChange={(e) => setForm({ ...form, SkipWeekend: e.target.checked })}
        />
      </div>
      <div className="actions">
        <Button type="submit" busy={busy}>
          Save preferences
        </Button>
      </div>
      <LiveStatus message={notice} />
    </form>
  );
}

function TokenTab() {
  const { me, setMe } = useSignedIn();
  const [token, setToken] = useState(me.AuthToken ?? null);
  const [revealed, setRevealed] = useState(false);
  const [password, setPassword] = useState('');
  const reset = useAction();
  const fields = fieldErrorsOf(reset.error);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!password) {
      reset.setError(new Error('Enter your password to reset the token.'));
      return;
    }
    const fresh = await reset.run(
      () => api.web.resetToken(password),
      'Your new token is ready. The old token no longer works: update your scripts.',
    );
    setPassword('');
    if (fresh) {
      setToken(fresh);
      setRevealed(true);
      setMe({ ...me, AuthToken: fresh });
    }
  };

  return (
    <>
      <section className="card" aria-labelledby="token-heading">
        <h2 id="token-heading" style={{ marginTop: 0 }}>
          Your API token
        </h2>
        <p>
          Scripts and integrations send it as <code>Authorization: Token …</code>. It works until you reset
          it. Keep it secret: anyone with it can act as you.
        </p>
        {token ? (
          <>
            <label htmlFor="api-token" className="label" style={{ fontWeight: 600 }}>
              Token
            </label>
            <div className="token-row">
              <input
                id="api-token"
                type={revealed ? 'text' : 'password'}
                readOnly
                value={token.Token}
                spellCheck={false}
                autoComplete="off"
                aria-describedby="token-created"
                onFocus={(e) => e.target.select()}
              />
              <Button variant="secondary" aria-pressed={revealed} onClick={() => setRevealed((r) => !r)}>
                {revealed ? 'Hide' : 'Show'}
              </Button>
              <CopyButton text={token.Token} label="Copy token" />
            </div>
            <p className="hint muted" id="token-created">
              Created {formatInstant(token.TokenCreationTime, me.PreferredTimeFormat)}
            </p>
          </>
        ) : (
          <p>No token was returned for your account.</p>
        )}
      </section>
      <form className="card" onSubmit={(e) => void submit(e)} noValidate aria-labelledby="reset-heading">
        <h2 id="reset-heading" style={{ marginTop: 0 }}>
          Reset the token
        </h2>
        <p>
          A new token replaces the old one at once, everywhere: anything still using the old token stops
          working. To confirm it is you, enter your password.
        </p>
        <ErrorAlert error={reset.error && !fields.Password ? reset.error : undefined} />
        <div className="form-grid two">
          <TextField
            label="Your password"
            type="password"
            autoComplete="current-password"
            value={password}
            error={fields.Password}
            onChange={(e) => setPassword(e.target.value)}
          />
        </div>
        <div className="actions">
          <Button type="submit" variant="danger" busy={reset.busy}>
            Reset token
          </Button>
        </div>
        <LiveStatus message={reset.notice} />
      </form>
    </>
  );
}
