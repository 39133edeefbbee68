/** Divisions and employment types (API.md §4.4, §4.5). */
import { api } from '../../api.js';
import { useSignedIn } from '../../session.js';
import { bool, opt, RecordAdmin, str, type Column, type FieldSpec } from '../../ui/RecordAdmin.js';

const fields: FieldSpec[] = [
  { name: 'Name', label: 'Name', required: true },
  { name: 'IsActive', label: 'Active', kind: 'checkbox' },
  { name: 'Notes', label: 'Notes', kind: 'textarea' },
];

interface Named {
  ID: string;
  Name: string;
  IsActive: boolean;
  Notes?: string;
}

const columns: Column<Named>[] = [
  { label: 'Name', render: (r) => r.Name },
  { label: 'Notes', render: (r) => r.Notes || <span className="muted">—</span> },
  { label: 'Status', render: (r) => (r.IsActive ? 'Active' : <span className="badge off">Inactive</span>) },
];

const toValues = (r: Named) => ({ Name: r.Name, IsActive: r.IsActive, Notes: r.Notes ?? '' });
const body = (v: Record<string, string | boolean>) => ({
  Name: str(v.Name),
  IsActive: bool(v.IsActive),
  Notes: opt(v.Notes) ?? '',
});

export function DivisionsPage() {
  const { company } = useSignedIn();
  const plural = company.DivisionTermPlural ?? 'Divisions';
  const singular = company.DivisionTermSingular ?? 'Division';
  return (
    <RecordAdmin<Named>
      title={plural}
      singular={singular}
      plural={plural}
      intro={
        <p className="lead">
          Group people for reporting and for managers whose permissions cover chosen {plural.toLowerCase()}.
        </p>
      }
      load={(p) => api.divisions.list(p)}
      columns={columns}
      fields={fields}
      blank={{ Name: '', IsActive: true, Notes: '' }}
      toValues={toValues}
      create={(v) => api.divisions.create({ ...body(v), Name: str(v.Name) })}
      update={(id, v) => api.divisions.update(id, body(v))}
    />
  );
}

export function EmploymentTypesPage() {
  return (
    <RecordAdmin<Named>
      title="Employment types"
      singular="Employment type"
      plural="Employment types"
      intro={<p className="lead">Full-time, part-time, contractor…: used by time-off rules and reports.</p>}
      load={(p) => api.employmentTypes.list(p)}
      columns={columns}
      fields={fields}
      blank={{ Name: '', IsActive: true, Notes: '' }}
      toValues={toValues}
      create={(v) => api.employmentTypes.create({ ...body(v), Name: str(v.Name) })}
      update={(id, v) => api.employmentTypes.update(id, body(v))}
    />
  );
}
