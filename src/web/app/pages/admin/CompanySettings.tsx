/**
 * Company settings (PATCH /v2/Company, Admin): terms, timesheet period, lock date, entry rules, mileage
 * unit, currency and optional modules. Only changed fields are sent.
 */
import { useState, type FormEvent } from 'react';
import type { Company, CompanyUpdate } from '../../../../sdk/index.js';
import { api } from '../../api.js';
import { fieldErrorsOf } from '../../errors.js';
import { useAction } from '../../hooks.js';
import { useSignedIn } from '../../session.js';
import {
  Button,
  CheckboxField,
  ErrorAlert,
  LiveStatus,
  PageTitle,
  SelectField,
  TextAreaField,
  TextField,
} from '../../ui/index.js';

const DAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'] as const;
const MODELS = [
  { value: 'weekly', label: 'Weekly' },
  { value: 'biweekly', label: 'Every two weeks' },
  { value: 'semimonthly', label: 'Twice a month (1st–15th, 16th–end)' },
  { value: 'monthly', label: 'Monthly' },
  { value: 'custom', label: 'Custom number of days' },
];
const TERMS = [
  ['Client', 'ClientTermSingular', 'ClientTermPlural'],
  ['Job', 'JobTermSingular', 'JobTermPlural'],
  ['Task', 'TaskTermSingular', 'TaskTermPlural'],
  ['Division', 'DivisionTermSingular', 'DivisionTermPlural'],
] as const;

type Form = ReturnType<typeof formOf>;

function formOf(c: Company) {
  return {
    Name: c.Name,
    ClientTermSingular: c.ClientTermSingular ?? 'Client',
    ClientTermPlural: c.ClientTermPlural ?? 'Clients',
    JobTermSingular: c.JobTermSingular ?? 'Job',
    JobTermPlural: c.JobTermPlural ?? 'Jobs',
    TaskTermSingular: c.TaskTermSingular ?? 'Task',
    TaskTermPlural: c.TaskTermPlural ?? 'Tasks',
    DivisionTermSingular: c.DivisionTermSingular ?? 'Division',
    DivisionTermPlural: c.DivisionTermPlural ?? 'Divisions',
    TimesheetModel: c.TimesheetModel ?? 'weekly',
    TimesheetModelCustomNumberOfDays: c.TimesheetModelCustomNumberOfDays
      ? String(c.TimesheetModelCustomNumberOfDays)
      : '',
    WeekStartsOn: c.WeekStartsOn ?? 'Monday',
    LockDate: c.LockDate ?? '',
    MinTimeIncrement: String(c.MinTimeIncrement ?? 0.01),
    PrecisionForHoursValues: String(c.PrecisionForHoursValues ?? 2),
    AllowZeroHourTimeEntries: c.AllowZeroHourTimeEntries ?? false,
    AllowWorkedTimeEntryInFuture: c.AllowWorkedTimeEntryInFuture ?? false,
    AllowManagerUnapproval: c.AllowManagerUnapproval ?? true,
    AttestationStatement: c.AttestationStatement ?? '',
    MileageUnit: c.MileageUnit ?? 'mi',
    CurrencyISO: c.CurrencyISO ?? 'USD',
    TimesheetApprovals: c.OptionalModules?.TimesheetApprovals ?? true,
    TimeOffManagement: c.OptionalModules?.TimeOffManagement ?? true,
    Expenses: c.OptionalModules?.Expenses ?? true,
  };
}

function toBody(form: Form): CompanyUpdate {
  return {
    Name: form.Name.trim(),
    ClientTermSingular: form.ClientTermSingular.trim(),
    ClientTermPlural: form.ClientTermPlural.trim(),
    JobTermSingular: form.JobTermSingular.trim(),
    JobTermPlural: form.JobTermPlural.trim(),
    TaskTermSingular: form.TaskTermSingular.trim(),
    TaskTermPlural: form.TaskTermPlural.trim(),
    DivisionTermSingular: form.DivisionTermSingular.trim(),
    DivisionTermPlural: form.DivisionTermPlural.trim(),
    TimesheetModel: form.TimesheetModel,
    TimesheetModelCustomNumberOfDays:
      form.TimesheetModel === 'custom' && form.TimesheetModelCustomNumberOfDays
        ? Number(form.TimesheetModelCustomNumberOfDays)
        : null,
    WeekStartsOn: form.WeekStartsOn,
    LockDate: form.LockDate || null,
    MinTimeIncrement: Number(form.MinTimeIncrement),
    PrecisionForHoursValues: Number(form.PrecisionForHoursValues),
    AllowZeroHourTimeEntries: form.AllowZeroHourTimeEntries,
    AllowWorkedTimeEntryInFuture: form.AllowWorkedTimeEntryInFuture,
    AllowManagerUnapproval: form.AllowManagerUnapproval,
    AttestationStatement: form.AttestationStatement,
    MileageUnit: form.MileageUnit,
    CurrencyISO: form.CurrencyISO.trim().toUpperCase(),
    OptionalModules: {
      TimesheetApprovals: form.TimesheetApprovals,
      TimeOffManagement: form.TimeOffManagement,
      Expenses: form.Expenses,
    },
  };
}

/** The fields whose value differs from what the company has now. */
function changed(before: CompanyUpdate, after: CompanyUpdate): CompanyUpdate {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(after)) {
    if (JSON.stringify(value) !== JSON.stringify((before as Record<string, unknown>)[key])) out[key] = value;
  }
  return out;
}

export function CompanyPage() {
  const { company, setCompany } = useSignedIn();
  const [form, setForm] = useState(() => formOf(company));
  const action = useAction();
  const fields = fieldErrorsOf(action.error);
  const set = (changes: Partial<Form>) => setForm((f) => ({ ...f, ...changes }));

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const body = changed(toBody(formOf(company)), toBody(form));
    if (Object.keys(body).length === 0) {
      action.setNotice('Nothing to save: no setting was changed.');
      return;
    }
    const saved = await action.run(() => api.company.update(body), 'Company settings saved.');
    if (saved) {
      setCompany(saved);
      setForm(formOf(saved));
    }
  };

  return (
    <>
      <PageTitle>Company settings</PageTitle>
      <form onSubmit={(e) => void submit(e)} noValidate>
        <ErrorAlert error={action.error} />
        <section className="card" aria-labelledby="general-heading">
          <h2 id="general-heading" style={{ marginTop: 0 }}>
            General
          </h2>
          <div className="form-grid three">
            <TextField
              label="Company name"
              required
              value={form.Name}
              error={fields.Name}
              onChange={(e) => set({ Name: e.target.value })}
            />
            <TextField
              label="Currency (ISO code)"
              value={form.CurrencyISO}
              maxLength={3}
              error={fields.CurrencyISO}
              hint="For example USD, EUR, GBP"
              onChange={(e) => set({ CurrencyISO: e.target.value })}
            />
            <SelectField
              label="Mileage unit"
              value={form.MileageUnit}
              options={[
                { value: 'mi', label: 'Miles' },
                { value: 'km', label: 'Kilometres' },
              ]}
              error={fields.MileageUnit}
              onChange={(e) => set({ MileageUnit: e.target.value as Form['MileageUnit'] })}
            />
          </div>
        </section>

        <section className="card" aria-labelledby="terms-heading">
          <h2 id="terms-heading" style={{ marginTop: 0 }}>
            Terms
          </h2>
          <p className="muted">What your company calls these things; the app and reports use your words.</p>
          <div className="form-grid two">
            {TERMS.map(([what, one, many]) => (
              <fieldset key={what} style={{ margin: 0 }}>
                <legend>{what}</legend>
                <div className="form-grid two">
                  <TextField
                    label="Singular"
                    value={form[one]}
                    error={fields[one]}
                    onChange={(e) => set({ [one]: e.target.value })}
                  />
                  <TextField
                    label="Plural"
                    value={form[many]}
                    error={fields[many]}
                    onChange={(e) => set({ [many]: e.target.value })}
                  />
                </div>
              </fieldset>
            ))}
          </div>
        </section>

        <section className="card" aria-labelledby="ts-heading">
          <h2 id="ts-heading" style={{ marginTop: 0 }}>
            Timesheets and time entry
          </h2>
          <div className="form-grid three">
            <SelectField
              label="Timesheet period"
              value={form.TimesheetModel}
              options={MODELS}
              error={fields.TimesheetModel}
              onChange={(e) => set({ TimesheetModel: e.target.value as Form['TimesheetModel'] })}
            />
            {form.TimesheetModel === 'custom' ? (
              <TextField
                label="Days in a period"
                type="number"
                min={1}
                max={366}
                value={form.TimesheetModelCustomNumberOfDays}
                error={fields.TimesheetModelCustomNumberOfDays}
                onChange={(e) => set({ TimesheetModelCustomNumberOfDays: e.target.value })}
              />
            ) : null}
            <SelectField
              label="Week starts on"
              value={form.WeekStartsOn}
              options={DAYS.map((d) => ({ value: d, label: d }))}
              error={fields.WeekStartsOn}
              onChange={(e) => set({ WeekStartsOn: e.target.value as Form['WeekStartsOn'] })}
            />
            <TextField
              label="Lock date"
              type="date"
              value={form.LockDate}
              error={fields.LockDate}
              hint="Time on or before this date can no longer be changed. Leave empty for none."
              onChange={(e) => set({ LockDate: e.target.value })}
            />
            <TextField
              label="Smallest time increment (hours)"
              type="number"
              inputMode="decimal"
              step="0.01"
              min={0.01}
              value={form.MinTimeIncrement}
              error={fields.MinTimeIncrement}
              onChange={(e) => set({ MinTimeIncrement: e.target.value })}
            />
            <SelectField
              label="Decimals shown for hours"
              value={form.PrecisionForHoursValues}
              options={['0', '1', '2', '3', '4'].map((v) => ({ value: v, label: v }))}
              error={fields.PrecisionForHoursValues}
              onChange={(e) => set({ PrecisionForHoursValues: e.target.value })}
            />
          </div>
          <div style={{ marginTop: '1rem' }}>
            <CheckboxField
              label="Allow time entries of zero hours"
              checked={form.AllowZeroHourTimeEntries}
              onChange={(e) => set({ AllowZeroHourTimeEntries: e.target.checked })}
            />
            <CheckboxField
              label="Allow worked time in the future"
              checked={form.AllowWorkedTimeEntryInFuture}
              onChange={(e) => set({ AllowWorkedTimeEntryInFuture: e.target.checked })}
            />
            <CheckboxField
              label="Let managers undo an approval"
              checked={form.AllowManagerUnapproval}
              onChange={(e) => set({ AllowManagerUnapproval: e.target.checked })}
            />
          </div>
          <TextAreaField
            label="Attestation statement"
            hint="Shown to people when they submit a timesheet. Leave empty for none."
            value={form.AttestationStatement}
            error={fields.AttestationStatement}
            onChange={(e) => set({ AttestationStatement: e.target.value })}
          />
        </section>

        <section className="card" aria-labelledby="modules-heading">
          <h2 id="modules-heading" style={{ marginTop: 0 }}>
            Modules
          </h2>
          <CheckboxField
            label="Timesheet approvals"
            checked={form.TimesheetApprovals}
            onChange={(e) => set({ TimesheetApprovals: e.target.checked })}
          />
          <CheckboxField
            label="Time-off management"
            checked={form.TimeOffManagement}
            onChange={(e) => set({ TimeOffManagement: e.target.checked })}
          />
          <CheckboxField
            label="Expenses"
            checked={form.Expenses}
            onChange={(e) => set({ Expenses: e.target.checked })}
          />
        </section>

        <div className="actions">
          <Button type="submit" busy={action.busy}>
            Save settings
          </Button>
          <Button variant="secondary" onClick={() => setForm(formOf(company))}>
            Undo changes
          </Button>
        </div>
        <LiveStatus message={action.notice} />
      </form>
    </>
  );
}
