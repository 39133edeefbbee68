/** Clients, jobs and tasks (API.md §4.6–4.8), under the company's own terms. */
import type { Client, Job, Task } from '../../../../sdk/index.js';
import { api } from '../../api.js';
import { useAsync } from '../../hooks.js';
import { has, useSignedIn } from '../../session.js';
import { Placeholder } from '../../ui/index.js';
import { bool, num, opt, RecordAdmin, str, type FieldSpec } from '../../ui/RecordAdmin.js';

const status = (active: boolean) => (active ? 'Active' : <span className="badge off">Inactive</span>);
const dash = (v: string | null | undefined) => v || <span className="muted">—</span>;

export function ClientsPage() {
  const s = useSignedIn();
  const plural = s.company.ClientTermPlural ?? 'Clients';
  const singular = s.company.ClientTermSingular ?? 'Client';
  if (!has(s, 'GET /v2/Clients')) {
    return <Placeholder title={plural}>This server does not offer the /Clients API yet.</Placeholder>;
  }
  const fields: FieldSpec[] = [
    { name: 'Name', label: 'Name', required: true },
    { name: 'ShortName', label: 'Short name' },
    { name: 'ClientNumber', label: `${singular} number` },
    { name: 'IsActive', label: 'Active', kind: 'checkbox' },
    { name: 'Notes', label: 'Notes', kind: 'textarea' },
  ];
  const body = (v: Record<string, string | boolean>) => ({
    Name: str(v.Name),
    ShortName: str(v.ShortName),
    ClientNumber: str(v.ClientNumber),
    IsActive: bool(v.IsActive),
    Notes: str(v.Notes),
  });
  return (
    <RecordAdmin<Client>
      title={plural}
      singular={singular}
      plural={plural}
      load={(p) => api.clients.list(p)}
      columns={[
        { label: 'Name', render: (c) => c.Name },
        { label: 'Number', render: (c) => dash(c.ClientNumber) },
        { label: 'Short name', render: (c) => dash(c.ShortName) },
        { label: 'Status', render: (c) => status(c.IsActive) },
      ]}
      fields={fields}
      blank={{ Name: '', ShortName: '', ClientNumber: '', IsActive: true, Notes: '' }}
      toValues={(c) => ({
        Name: c.Name,
        ShortName: c.ShortName,
        ClientNumber: c.ClientNumber,
        IsActive: c.IsActive,
        Notes: c.Notes ?? '',
      })}
      create={(v) => api.clients.create(body(v))}
      update={(id, v) => api.clients.update(id, body(v))}
    />
  );
}

export function JobsPage() {
  const s = useSignedIn();
  const c = s.company;
  const plural = c.JobTermPlural ?? 'Jobs';
  const singular = c.JobTermSingular ?? 'Job';
  const available = has(s, 'GET /v2/Jobs');
  const clients = useAsync(
    async () => (available && has(s, 'GET /v2/Clients') ? api.clients.all() : []),
    [available],
  );
  const managers = useAsync(
    async () =>
      available
        ? (await api.users.all({ IsActive: true })).filter((u) => u.SecurityLevel !== 'STANDARD')
        : [],
    [available],
  );
  if (!available)
    return <Placeholder title={plural}>This server does not offer the /Jobs API yet.</Placeholder>;

  const clientName = (id: string | null) => clients.data?.find((x) => x.ID === id)?.Name;
  const fields: FieldSpec[] = [
    { name: 'Name', label: 'Name', required: true },
    { name: 'JobNumber', label: `${singular} number` },
    {
      name: 'ClientID',
      label: c.ClientTermSingular ?? 'Client',
      kind: 'select',
      required: true,
      options: [
        { value: '', label: `Choose a ${(c.ClientTermSingular ?? 'client').toLowerCase()}` },
        ...(clients.data ?? []).map((x) => ({
          value: x.ID,
          label: x.Name + (x.IsActive ? '' : ' (inactive)'),
        })),
      ],
    },
    {
      name: 'ProjectManagerID',
      label: 'Project manager',
      kind: 'select',
      options: [
        { value: '', label: 'None' },
        ...(managers.data ?? []).map((u) => ({ value: u.ID, label: u.Name })),
      ],
    },
    { name: 'StartDate', label: 'Start date', kind: 'date' },
    { name: 'EndDate', label: 'End date', kind: 'date' },
    { name: 'IsBillable', label: 'Billable', kind: 'checkbox' },
    { name: 'IsActive', label: 'Active', kind: 'checkbox' },
    { name: 'Notes', label: 'Notes', kind: 'textarea' },
  ];
  const body = (v: Record<string, string | boolean>) => ({
    Name: str(v.Name),
    JobNumber: str(v.JobNumber),
    ClientID: str(v.ClientID),
    ProjectManagerID: opt(v.ProjectManagerID),
    StartDate: opt(v.StartDate),
    EndDate: opt(v.EndDate),
    IsBillable: bool(v.IsBillable),
    IsActive: bool(v.IsActive),
    Notes: str(v.Notes),
  });
  return (
    <RecordAdmin<Job>
      title={plural}
      singular={singular}
      plural={plural}
      deps={[clients.data, managers.data]}
      load={(p) => api.jobs.list(p)}
      columns={[
        { label: 'Name', render: (j) => j.ListDisplayText || j.Name },
        { label: c.ClientTermSingular ?? 'Client', render: (j) => dash(clientName(j.ClientID)) },
        {
          label: 'Dates',
          render: (j) =>
            j.StartDate || j.EndDate ? `${j.StartDate ?? '…'} – ${j.EndDate ?? '…'}` : dash(null),
        },
        { label: 'Status', render: (j) => status(j.IsActive) },
      ]}
      fields={fields}
      blank={{
        Name: '',
        JobNumber: '',
        ClientID: '',
        ProjectManagerID: '',
        StartDate: '',
        EndDate: '',
        IsBillable: true,
        IsActive: true,
        Notes: '',
      }}
      toValues={(j) => ({
        Name: j.Name,
        JobNumber: j.JobNumber,
        ClientID: j.ClientID ?? '',
        ProjectManagerID: j.ProjectManagerID ?? '',
        StartDate: j.StartDate ?? '',
        EndDate: j.EndDate ?? '',
        IsBillable: j.IsBillable ?? false,
        IsActive: j.IsActive,
        Notes: j.Notes ?? '',
      })}
      create={(v) => api.jobs.create(body(v))}
      update={(id, v) => api.jobs.update(id, body(v))}
    />
  );
}

export function TasksPage() {
  const s = useSignedIn();
  const plural = s.company.TaskTermPlural ?? 'Tasks';
  const singular = s.company.TaskTermSingular ?? 'Task';
  if (!has(s, 'GET /v2/Tasks')) {
    return <Placeholder title={plural}>This server does not offer the /Tasks API yet.</Placeholder>;
  }
  const fields: FieldSpec[] = [
    { name: 'Name', label: 'Name', required: true },
    { name: 'TaskCode', label: `${singular} code` },
    {
      name: 'BillingRate',
      label: 'Billing rate',
      kind: 'number',
      hint: 'Leave empty to use the company rate',
    },
    { name: 'IsBillable', label: 'Billable', kind: 'checkbox' },
    { name: 'IsActive', label: 'Active', kind: 'checkbox' },
    { name: 'Notes', label: 'Notes', kind: 'textarea' },
  ];
  const body = (v: Record<string, string | boolean>) => {
    const rate = num(v.BillingRate);
    return {
      Name: str(v.Name),
      TaskCode: str(v.TaskCode),
      IsBillable: bool(v.IsBillable),
      IsActive: bool(v.IsActive),
      Notes: str(v.Notes),
      BillingRate: rate,
      UseCompanyBillingRate: rate === null,
    };
  };
  return (
    <RecordAdmin<Task>
      title={plural}
      singular={singular}
      plural={plural}
      load={(p) => api.tasks.list(p)}
      columns={[
        { label: 'Name', render: (t) => t.ListDisplayText || t.Name },
        { label: 'Code', render: (t) => dash(t.TaskCode) },
        { label: 'Billable', render: (t) => (t.IsBillable ? 'Yes' : 'No') },
        { label: 'Status', render: (t) => status(t.IsActive) },
      ]}
      fields={fields}
      blank={{ Name: '', TaskCode: '', BillingRate: '', IsBillable: true, IsActive: true, Notes: '' }}
      toValues={(t) => ({
        Name: t.Name,
        TaskCode: t.TaskCode,
        BillingRate:
          t.BillingRate === null || t.BillingRate === undefined || t.UseCompanyBillingRate
            ? ''
            : String(t.BillingRate),
        IsBillable: t.IsBillable ?? false,
        IsActive: t.IsActive,
        Notes: t.Notes ?? '',
      })}
      create={(v) => api.tasks.create(body(v))}
      update={(id, v) => api.tasks.update(id, body(v))}
    />
  );
}
