/** Custom-field definitions (API.md §4.13; DECISIONS 11). */
import type { CustomFieldDefinition, CustomFieldDefinitionCreate } from '../../../../sdk/index.js';
import { api } from '../../api.js';
import { has, useSignedIn } from '../../session.js';
import { Placeholder } from '../../ui/index.js';
import { bool, RecordAdmin, str, type FieldSpec } from '../../ui/RecordAdmin.js';

const ENTITIES = ['Client', 'Job', 'Task', 'User', 'Division', 'TimeEntry'] as const;
const TYPES = ['Text', 'Number', 'Date', 'Checkbox', 'Pulldown'] as const;

const pulldown = (text: string | boolean | undefined) =>
  str(text)
    .split('\n')
    .map((v) => v.trim())
    .filter(Boolean);

export function CustomFieldsPage() {
  const s = useSignedIn();
  if (!has(s, 'GET /v2/CustomFieldDefinitions')) {
    return (
      <Placeholder title="Custom fields">
        This server does not offer the /CustomFieldDefinitions API yet.
      </Placeholder>
    );
  }
  const entityLabel = (e: string) =>
    ({
      Client: s.company.ClientTermSingular,
      Job: s.company.JobTermSingular,
      Task: s.company.TaskTermSingular,
      Division: s.company.DivisionTermSingular,
      User: 'Person',
      TimeEntry: 'Time entry',
    })[e] ?? e;
  const fields: FieldSpec[] = [
    { name: 'Name', label: 'Name', required: true },
    { name: 'DisplayName', label: 'Label shown in forms' },
    {
      name: 'EntityType',
      label: 'Applies to',
      kind: 'select',
      createOnly: true,
      options: ENTITIES.map((e) => ({ value: e, label: entityLabel(e) })),
    },
    {
      name: 'DataType',
      label: 'Kind of value',
      kind: 'select',
      createOnly: true,
      options: TYPES.map((t) => ({ value: t, label: t })),
    },
    {
      name: 'PulldownValues',
      label: 'Choices (one per line)',
      kind: 'textarea',
      hint: 'Only for the Pulldown kind',
    },
    { name: 'IsRequired', label: 'Required', kind: 'checkbox' },
  ];
  return (
    <RecordAdmin<CustomFieldDefinition & { IsActive?: boolean }>
      title="Custom fields"
      singular="Custom field"
      plural="Custom fields"
      noActiveFilter
      intro={
        <p className="lead">
          Extra fields on people, {s.company.JobTermPlural?.toLowerCase() ?? 'jobs'} and the rest.
        </p>
      }
      load={(p) => api.customFieldDefinitions.list({ limit: p.limit, offset: p.offset })}
      columns={[
        { label: 'Name', render: (d) => d.DisplayName || d.Name },
        { label: 'Applies to', render: (d) => entityLabel(d.EntityType) },
        { label: 'Kind', render: (d) => d.DataType },
        { label: 'Required', render: (d) => (d.IsRequired ? 'Yes' : 'No') },
      ]}
      fields={fields}
      blank={{
        Name: '',
        DisplayName: '',
        EntityType: 'Job',
        DataType: 'Text',
        PulldownValues: '',
        IsRequired: false,
      }}
      toValues={(d) => ({
        Name: d.Name,
        DisplayName: d.DisplayName,
        EntityType: d.EntityType,
        DataType: d.DataType,
        PulldownValues: d.PulldownValues.join('\n'),
        IsRequired: d.IsRequired,
      })}
      create={(v) =>
        api.customFieldDefinitions.create({
          Name: str(v.Name),
          DisplayName: str(v.DisplayName),
          EntityType: str(v.EntityType) as CustomFieldDefinitionCreate['EntityType'],
          DataType: str(v.DataType) as CustomFieldDefinitionCreate['DataType'],
          IsRequired: bool(v.IsRequired),
          PulldownValues: pulldown(v.PulldownValues),
        })
      }
      update={(id, v) =>
        api.customFieldDefinitions.update(id, {
          Name: str(v.Name),
          DisplayName: str(v.DisplayName),
          IsRequired: bool(v.IsRequired),
          PulldownValues: pulldown(v.PulldownValues),
        })
      }
    />
  );
}
