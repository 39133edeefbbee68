/**
 * People: the list with paging and filters, and inviting someone (POST /v2/Users without a password gives
 * an invitation link, DECISIONS 24).
 */
import { useState, type FormEvent } from 'react';
import type { Invitation, SecurityLevel, User, UserFilter } from '../../../../sdk/index.js';
import { api } from '../../api.js';
import { fieldErrorsOf } from '../../errors.js';
import { useAction, useAsync } from '../../hooks.js';
import { Link, useRouter } from '../../router.js';
import { isAdmin, useSignedIn } from '../../session.js';
import {
  Button,
  CopyButton,
  ErrorAlert,
  Loading,
  PageTitle,
  Pager,
  SelectField,
  TextField,
  type Option,
} from '../../ui/index.js';

const PAGE = 25;

export const LEVELS: { value: SecurityLevel; label: string }[] = [
  { value: 'STANDARD', label: 'Standard' },
  { value: 'MANAGER', label: 'Manager' },
  { value: 'ADMIN', label: 'Administrator' },
];
export const levelLabel = (level: string | undefined) =>
  LEVELS.find((l) => l.value === level)?.label ?? level ?? '';

export function PeoplePage() {
  const s = useSignedIn();
  const { search, navigate, path } = useRouter();
  const [showInvite, setShowInvite] = useState(false);
  // Filters live in the URL, so that Back and a reload keep them.
  const offset = Math.max(0, Number(search.get('offset') ?? 0) || 0);
  const name = search.get('name') ?? '';
  const active = search.get('active') ?? 'true';
  const level = search.get('level') ?? '';
  const division = search.get('division') ?? '';

  const setParams = (changes: Record<string, string>) => {
    const next = new URLSearchParams(search);
    for (const [k, v] of Object.entries(changes)) {
      if (v) next.set(k, v);
      else next.delete(k);
    }
    if (!('offset' in changes)) next.delete('offset');
    const q = next.toString();
    navigate(`${path}${q ? `?${q}` : ''}`, { replace: true });
  };

  const divisions = useAsync(() => api.divisions.all(), []);
  const people = useAsync(() => {
    const filter: UserFilter & { limit: number; offset: number } = { limit: PAGE, offset };
    if (name.trim()) filter.Name = name.trim();
    if (active !== 'all') filter.IsActive = active === 'true';
    if (level) filter.SecurityLevel = level as SecurityLevel;
    if (division) filter.DivisionID = division;
    return api.users.list(filter);
  }, [offset, name, active, level, division]);

  const divisionName = (id: string | null | undefined) =>
    divisions.data?.find((d) => d.ID === id)?.Name ?? '';
  const divisionOptions: Option[] = [
    { value: '', label: 'Any' },
    ...(divisions.data ?? []).map((d) => ({ value: d.ID, label: d.Name })),
  ];

  return (
    <>
      <PageTitle
        actions={
          <Button aria-expanded={showInvite} aria-controls="invite" onClick={() => setShowInvite((v) => !v)}>
            {showInvite ? 'Close' : 'Invite a person'}
          </Button>
        }
      >
        People
      </PageTitle>
      {showInvite ? <InviteForm onDone={() => people.reload()} canSetLevel={isAdmin(s.me)} /> : null}

      <form
        className="filters card"
        role="search"
        aria-label="Filter people"
        onSubmit={(e) => e.preventDefault()}
      >
        <NameFilter value={name} onChange={(v) => setParams({ name: v })} />
        <SelectField
          label="Status"
          value={active}
          options={[
            { value: 'true', label: 'Active' },
            { value: 'false', label: 'Inactive' },
            { value: 'all', label: 'All' },
          ]}
          onChange={(e) => setParams({ active: e.target.value === 'true' ? '' : e.target.value })}
        />
        <SelectField
          label="Security level"
          value={level}
          options={[{ value: '', label: 'Any' }, ...LEVELS]}
          onChange={(e) => setParams({ level: e.target.value })}
        />
        <SelectField
          label={s.company.DivisionTermSingular ?? 'Division'}
          value={division}
          options={divisionOptions}
          onChange={(e) => setParams({ division: e.target.value })}
        />
        <Button
          variant="secondary"
          onClick={() => navigate(path, { replace: true })}
          disabled={!name && active === 'true' && !level && !division}
        >
          Clear
        </Button>
      </form>

      <ErrorAlert error={people.error} onRetry={people.reload} />
      {people.data ? (
        <>
          <div className="table-wrap">
            <table className="list stack" aria-busy={people.loading}>
              <caption className="visually-hidden">People</caption>
              <thead>
                <tr>
                  <th scope="col">Name</th>
                  <th scope="col">Email</th>
                  <th scope="col">Security level</th>
                  <th scope="col">{s.company.DivisionTermSingular ?? 'Division'}</th>
                  <th scope="col">Status</th>
                </tr>
              </thead>
              <tbody>
                {people.data.items.map((u: User) => (
                  <tr key={u.ID}>
                    <td data-label="Name">
                      <Link to={`/admin/people/${encodeURIComponent(u.ID)}`}>{u.Name}</Link>
                    </td>
                    <td data-label="Email">{u.Email}</td>
                    <td data-label="Security level">
                      <span
                        className={`badge ${u.SecurityLevel === 'ADMIN' ? 'admin' : u.SecurityLevel === 'MANAGER' ? 'manager' : ''}`}
                      >
                        {levelLabel(u.SecurityLevel)}
                      </span>
                    </td>
                    <td data-label={s.company.DivisionTermSingular ?? 'Division'}>
                      {divisionName(u.DivisionID) || '—'}
                    </td>
                    <td data-label="Status">
                      {u.IsActive ? 'Active' : <span className="badge off">Inactive</span>}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <Pager
            offset={people.data.offset}
            limit={people.data.limit}
            count={people.data.count}
            noun="people"
            onChange={(o) => setParams({ offset: o ? String(o) : '' })}
          />
        </>
      ) : people.loading ? (
        <Loading what="Loading people" />
      ) : null}
    </>
  );
}

/** The Name filter matches whole names (ClickTime's filter); it applies on Enter or when leaving the field. */
function NameFilter({ value, onChange }: { value: string; onChange: (v: string) => void }) {
  const [text, setText] = useState(value);
  return (
    <TextField
      label="Name"
      type="search"
      hint="The full name, as listed; press Enter"
      value={text}
      onChange={(e) => setText(e.target.value)}
      onBlur={() => text !== value && onChange(text)}
      onKeyDown={(e) => {
        if (e.key === 'Enter') {
          e.preventDefault();
          onChange(text);
        }
      }}
    />
  );
}

function InviteForm({ onDone, canSetLevel }: { onDone: () => void; canSetLevel: boolean }) {
  const [form, setForm] = useState({ Name: '', Email: '', SecurityLevel: 'STANDARD' as SecurityLevel });
  const [result, setResult] = useState<{ user: User; invitation: Invitation | null } | null>(null);
  const action = useAction();
  const fields = fieldErrorsOf(action.error);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const created = await action.run(() =>
      api.users.invite({
        Name: form.Name.trim(),
        Email: form.Email.trim(),
        ...(canSetLevel ? { SecurityLevel: form.SecurityLevel } : {}),
      }),
    );
    if (created) {
      setResult(created);
      setForm({ Name: '', Email: '', SecurityLevel: 'STANDARD' });
      onDone();
    }
  };

  return (
    <section className="card" id="invite" aria-labelledby="invite-heading">
      <h2 id="invite-heading" style={{ marginTop: 0 }}>
        Invite a person
      </h2>
      <p className="muted">They get a link to choose their own password. Share it with them yourself.</p>
      {result ? (
        <div className="alert ok" role="status">
          <p>
            <strong>{result.user.Name} is added.</strong>{' '}
            {result.invitation
              ? 'Send them this invitation link; it works once, until ' +
                new Date(result.invitation.ExpiresAt).toLocaleDateString() +
                '.'
              : 'They can sign in with the password they were given.'}
          </p>
          {result.invitation ? (
            <div className="token-row">
              <label htmlFor="invitation-url" className="visually-hidden">
                Invitation link
              </label>
              <input
                id="invitation-url"
                type="text"
                readOnly
                value={result.invitation.URL}
                onFocus={(e) => e.target.select()}
              />
              <CopyButton text={result.invitation.URL} label="Copy link" />
            </div>
          ) : null}
        </div>
      ) : null}
      <ErrorAlert error={action.error} />
      <form onSubmit={(e) => void submit(e)} noValidate>
        <div className="form-grid three">
          <TextField
            label="Name"
            required
            autoComplete="off"
            hint="As it should be listed, e.g. “Doe, Jane”"
            value={form.Name}
            error={fields.Name}
            onChange={(e) => setForm({ ...form, Name: e.target.value })}
          />
          <TextField
            label="Email"
            type="email"
            required
            autoComplete="off"
            value={form.Email}
            error={fields.Email}
            onChange={(e) => setForm({ ...form, Email: e.target.value })}
          />
          {canSetLevel ? (
            <SelectField
              label="Security level"
              value={form.SecurityLevel}
              options={LEVELS}
              error={fields.SecurityLevel}
              onChange={(e) => setForm({ ...form, SecurityLevel: e.target.value as SecurityLevel })}
            />
          ) : null}
        </div>
        <div className="actions">
          <Button type="submit" busy={action.busy}>
            Invite
          </Button>
        </div>
      </form>
    </section>
  );
}
