/**
 * One person: details, security level (an Admin extension on PATCH /Users/{id}), approvers, and a
 * manager's permissions (PUT /Users/{id}/Permissions, PUT …/Permissions/Divisions).
 */
import { useEffect, useState, type FormEvent } from 'react';
import type { AccessLevel, Permission, SecurityLevel, User, UserUpdate } from '../../../../sdk/index.js';
import { api } from '../../api.js';
import { fieldErrorsOf } from '../../errors.js';
import { useAction, useAsync } from '../../hooks.js';
import { Link } from '../../router.js';
import { isAdmin, useSignedIn } from '../../session.js';
import {
  Button,
  CheckboxField,
  ErrorAlert,
  LiveStatus,
  Loading,
  PageTitle,
  SelectField,
  TextField,
  type Option,
} from '../../ui/index.js';
import { LEVELS } from './People.js';

export function PersonPage({ id }: { id: string }) {
  const person = useAsync(() => api.users.get(id), [id]);
  const everyone = useAsync(() => api.users.all({ IsActive: true }), []);
  const divisions = useAsync(() => api.divisions.all(), []);
  const types = useAsync(() => api.employmentTypes.all(), []);

  if (person.error) {
    return (
      <>
        <PageTitle>Person</PageTitle>
        <ErrorAlert error={person.error} onRetry={person.reload} />
        <p>
          <Link to="/admin/people">Back to people</Link>
        </p>
      </>
    );
  }
  if (!person.data) return <Loading what="Loading" />;
  return (
    <>
      <p>
        <Link to="/admin/people">← People</Link>
      </p>
      <PageTitle title={person.data.Name}>{person.data.Name}</PageTitle>
      <DetailsForm
        key={person.data.ID}
        user={person.data}
        onSaved={person.set}
        people={everyone.data ?? []}
        divisions={(divisions.data ?? []).map((d) => ({
          value: d.ID,
          label: d.Name + (d.IsActive ? '' : ' (inactive)'),
        }))}
        types={(types.data ?? []).map((t) => ({
          value: t.ID,
          label: t.Name + (t.IsActive ? '' : ' (inactive)'),
        }))}
      />
      {person.data.SecurityLevel === 'MANAGER' ? (
        <PermissionsForm userId={person.data.ID} divisions={divisions.data ?? []} />
      ) : (
        <section className="card" aria-labelledby="perm-heading">
          <h2 id="perm-heading" style={{ marginTop: 0 }}>
            Manager permissions
          </h2>
          <p className="muted">
            {person.data.SecurityLevel === 'ADMIN'
              ? 'Administrators may do everything; they need no manager permissions.'
              : 'Manager permissions apply to managers. Make this person a manager to give them some.'}
          </p>
        </section>
      )}
    </>
  );
}

function DetailsForm({
  user,
  onSaved,
  people,
  divisions,
  types,
}: {
  user: User;
  onSaved: (user: User) => void;
  people: User[];
  divisions: Option[];
  types: Option[];
}) {
  const s = useSignedIn();
  const admin = isAdmin(s.me);
  const [form, setForm] = useState(() => formOf(user));
  const action = useAction();
  const fields = fieldErrorsOf(action.error);
  const set = (changes: Partial<typeof form>) => setForm((f) => ({ ...f, ...changes }));

  // An approver must be a manager or an administrator (the server refuses anyone else).
  const approvers: Option[] = [
    { value: '', label: 'Nobody' },
    ...people
      .filter((p) => p.ID !== user.ID && p.SecurityLevel !== 'STANDARD')
      .sort((a, b) => rank(a) - rank(b) || a.Name.localeCompare(b.Name))
      .map((p) => ({
        value: p.ID,
        label: `${p.Name} (${p.SecurityLevel === 'ADMIN' ? 'administrator' : 'manager'})`,
      })),
  ];

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const body: UserUpdate = {
      Name: form.Name.trim(),
      Email: form.Email.trim(),
      IsActive: form.IsActive,
      EmployeeNumber: form.EmployeeNumber,
      StartDate: form.StartDate || null,
      EndDate: form.EndDate || null,
      DivisionID: form.DivisionID || null,
      EmploymentTypeID: form.EmploymentTypeID || null,
      SubjectToTimesheetApproval: form.SubjectToTimesheetApproval,
      TimesheetApproverID: form.SubjectToTimesheetApproval ? form.TimesheetApproverID || null : null,
      SubjectToExpenseApproval: form.SubjectToExpenseApproval,
      ExpenseApproverID: form.SubjectToExpenseApproval ? form.ExpenseApproverID || null : null,
      TimeOffApproverID: form.TimeOffApproverID || null,
    };
    if (admin && form.SecurityLevel !== user.SecurityLevel) body.SecurityLevel = form.SecurityLevel;
    const saved = await action.run(() => api.users.update(user.ID, body), 'Saved.');
    if (saved) {
      onSaved(saved);
      setForm(formOf(saved));
    }
  };

  return (
    <form className="card" onSubmit={(e) => void submit(e)} noValidate aria-labelledby="details-heading">
      <h2 id="details-heading" style={{ marginTop: 0 }}>
        Details
      </h2>
      <ErrorAlert error={action.error} />
      <div className="form-grid two">
        <TextField
          label="Name"
          required
          value={form.Name}
          error={fields.Name}
          onChange={(e) => set({ Name: e.target.value })}
        />
        <TextField
          label="Email"
          type="email"
          required
          value={form.Email}
          error={fields.Email}
          onChange={(e) => set({ Email: e.target.value })}
        />
        <SelectField
          label="Security level"
          value={form.SecurityLevel}
          options={LEVELS}
          disabled={!admin || user.ID === s.me.ID}
          hint={
            user.ID === s.me.ID
              ? 'You cannot change your own security level.'
              : admin
                ? undefined
                : 'Only an administrator can change it.'
          }
          error={fields.SecurityLevel}
          onChange={(e) => set({ SecurityLevel: e.target.value as SecurityLevel })}
        />
        <TextField
          label="Employee number"
          value={form.EmployeeNumber}
          error={fields.EmployeeNumber}
          onChange={(e) => set({ EmployeeNumber: e.target.value })}
        />
        <SelectField
          label={s.company.DivisionTermSingular ?? 'Division'}
          value={form.DivisionID}
          options={[{ value: '', label: 'None' }, ...divisions]}
          error={fields.DivisionID}
          onChange={(e) => set({ DivisionID: e.target.value })}
        />
        <SelectField
          label="Employment type"
          value={form.EmploymentTypeID}
          options={[{ value: '', label: 'None' }, ...types]}
          error={fields.EmploymentTypeID}
          onChange={(e) => set({ EmploymentTypeID: e.target.value })}
        />
        <TextField
          label="Start date"
          type="date"
          value={form.StartDate}
          error={fields.StartDate}
          hint="Time may be logged only from this date"
          onChange={(e) => set({ StartDate: e.target.value })}
        />
        <TextField
          label="End date"
          type="date"
          value={form.EndDate}
          error={fields.EndDate}
          onChange={(e) => set({ EndDate: e.target.value })}
        />
      </div>
      <div style={{ marginTop: '1rem' }}>
        <CheckboxField
          label="Active (may sign in and log time)"
          checked={form.IsActive}
          disabled={user.ID === s.me.ID}
          onChange={(e) => set({ IsActive: e.target.checked })}
        />
      </div>
      <fieldset>
        <legend>Approvers</legend>
        <div className="form-grid two">
          <div>
            <CheckboxField
              label="Timesheets need approval"
              checked={form.SubjectToTimesheetApproval}
              onChange={(e) => set({ SubjectToTimesheetApproval: e.target.checked })}
            />
            <SelectField
              label="Timesheet approver"
              value={form.TimesheetApproverID}
              options={approvers}
              disabled={!form.SubjectToTimesheetApproval}
              error={fields.TimesheetApproverID}
              onChange={(e) => set({ TimesheetApproverID: e.target.value })}
            />
          </div>
          <div>
            <CheckboxField
              label="Expense sheets need approval"
              checked={form.SubjectToExpenseApproval}
              onChange={(e) => set({ SubjectToExpenseApproval: e.target.checked })}
            />
            <SelectField
              label="Expense approver"
              value={form.ExpenseApproverID}
              options={approvers}
              disabled={!form.SubjectToExpenseApproval}
              error={fields.ExpenseApproverID}
              onChange={(e) => set({ ExpenseApproverID: e.target.value })}
            />
          </div>
          <SelectField
            label="Time-off approver"
            value={form.TimeOffApproverID}
            options={approvers}
            error={fields.TimeOffApproverID}
            onChange={(e) => set({ TimeOffApproverID: e.target.value })}
          />
        </div>
      </fieldset>
      <div className="actions">
        <Button type="submit" busy={action.busy}>
          Save changes
        </Button>
      </div>
      <LiveStatus message={action.notice} />
    </form>
  );
}

const rank = (u: User) => (u.SecurityLevel === 'ADMIN' ? 0 : u.SecurityLevel === 'MANAGER' ? 1 : 2);

function formOf(u: User) {
  return {
    Name: u.Name,
    Email: u.Email,
    SecurityLevel: u.SecurityLevel ?? 'STANDARD',
    IsActive: u.IsActive,
    EmployeeNumber: u.EmployeeNumber ?? '',
    StartDate: u.StartDate ?? '',
    EndDate: u.EndDate ?? '',
    DivisionID: u.DivisionID ?? '',
    EmploymentTypeID: u.EmploymentTypeID ?? '',
    SubjectToTimesheetApproval: u.SubjectToTimesheetApproval ?? false,
    TimesheetApproverID: u.TimesheetApproverID ?? '',
    SubjectToExpenseApproval: u.SubjectToExpenseApproval ?? false,
    ExpenseApproverID: u.ExpenseApproverID ?? '',
    TimeOffApproverID: u.TimeOffApproverID ?? '',
  };
}

const ACCESS: { value: '' | AccessLevel; label: string }[] = [
  { value: '', label: 'No' },
  { value: 'All', label: 'Yes: everyone' },
  { value: 'Divisions', label: 'Yes: chosen divisions' },
  { value: 'Projects', label: 'Yes: their projects' },
];

function PermissionsForm({
  userId,
  divisions,
}: {
  userId: string;
  divisions: { ID: string; Name: string }[];
}) {
  const s = useSignedIn();
  const admin = isAdmin(s.me);
  const names = useAsync(() => api.company.permissions(), []);
  const current = useAsync(async () => {
    const [permissions, divisionIds] = await Promise.all([
      api.users.permissions(userId).get(),
      api.users.permissions(userId).divisions(),
    ]);
    return { permissions, divisionIds };
  }, [userId]);
  const [levels, setLevels] = useState<Record<string, '' | AccessLevel>>({});
  const [chosen, setChosen] = useState<Set<string>>(new Set());
  const action = useAction();

  useEffect(() => {
    if (!current.data) return;
    setLevels(Object.fromEntries(current.data.permissions.map((p: Permission) => [p.Name, p.AccessLevel])));
    setChosen(new Set(current.data.divisionIds));
  }, [current.data]);

  const usesDivisions = Object.values(levels).includes('Divisions');

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    await action.run(async () => {
      const body = Object.entries(levels)
        .filter(([, level]) => level)
        .map(([Name, AccessLevel]) => ({ Name, AccessLevel: AccessLevel as AccessLevel }));
      const saved = await api.users.permissions(userId).set(body);
      const divisionIds = await api.users.permissions(userId).setDivisions(usesDivisions ? [...chosen] : []);
      current.set({ permissions: saved, divisionIds });
    }, 'Permissions saved.');
  };

  return (
    <form className="card perm-table" onSubmit={(e) => void submit(e)} aria-labelledby="perm-heading">
      <h2 id="perm-heading" style={{ marginTop: 0 }}>
        Manager permissions
      </h2>
      {!admin ? <p className="muted">Only an administrator can change permissions.</p> : null}
      <ErrorAlert error={names.error ?? current.error ?? action.error} />
      {names.data && current.data ? (
        <>
          <div className="table-wrap">
            <table className="list stack">
              <caption className="visually-hidden">Permission and who it covers</caption>
              <thead>
                <tr>
                  <th scope="col">Permission</th>
                  <th scope="col">Granted</th>
                </tr>
              </thead>
              <tbody>
                {names.data.map((name) => (
                  <tr key={name}>
                    <th scope="row" style={{ fontWeight: 400 }}>
                      <label htmlFor={`perm-${name}`}>{name}</label>
                    </th>
                    <td data-label="Granted">
                      <select
                        id={`perm-${name}`}
                        value={levels[name] ?? ''}
                        disabled={!admin}
                        onChange={(e) => setLevels({ ...levels, [name]: e.target.value as '' | AccessLevel })}
                      >
                        {ACCESS.map((a) => (
                          <option key={a.value} value={a.value}>
                            {a.label}
                          </option>
                        ))}
                      </select>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          {usesDivisions ? (
            <fieldset style={{ marginTop: '1rem' }}>
              <legend>{s.company.DivisionTermPlural ?? 'Divisions'} covered by “chosen divisions”</legend>
              {divisions.length === 0 ? <p className="muted">There are no divisions yet.</p> : null}
              {divisions.map((d) => (
                <CheckboxField
                  key={d.ID}
                  label={d.Name}
                  checked={chosen.has(d.ID)}
                  disabled={!admin}
                  onChange={(e) => {
                    const next = new Set(chosen);
                    if (e.target.checked) next.add(d.ID);
                    else next.delete(d.ID);
                    setChosen(next);
                  }}
                />
              ))}
            </fieldset>
          ) : null}
          {admin ? (
            <div className="actions">
              <Button type="submit" busy={action.busy}>
                Save permissions
              </Button>
            </div>
          ) : null}
          <LiveStatus message={action.notice} />
        </>
      ) : (
        <Loading what="Loading permissions" />
      )}
    </form>
  );
}
