/**
 * A list-and-edit page for simple master data (divisions, employment types, clients, jobs, tasks, custom
 * fields, expense types): a paged table with an Active/Inactive filter, and one form for adding or editing.
 */
import { useEffect, useId, useRef, useState, type FormEvent, type ReactNode } from 'react';
import type { PageOf } from '../../../sdk/index.js';
import { fieldErrorsOf } from '../errors.js';
import { useAction, useAsync } from '../hooks.js';
import {
  Button,
  CheckboxField,
  ErrorAlert,
  LiveStatus,
  Loading,
  PageTitle,
  Pager,
  SelectField,
  TextAreaField,
  TextField,
  type Option,
} from './index.js';

export type Values = Record<string, string | boolean>;

export interface FieldSpec {
  name: string;
  label: string;
  kind?: 'text' | 'textarea' | 'select' | 'checkbox' | 'date' | 'number';
  options?: readonly Option[];
  required?: boolean;
  hint?: string;
  /** Only when adding (e.g. a type that cannot change later). */
  createOnly?: boolean;
  step?: string;
}

export interface Column<T> {
  label: string;
  render: (row: T) => ReactNode;
  numeric?: boolean;
}

interface Props<T extends { ID: string; IsActive?: boolean }> {
  title: string;
  singular: string;
  plural: string;
  intro?: ReactNode;
  load: (params: { limit: number; offset: number; IsActive?: boolean }) => Promise<PageOf<T>>;
  columns: Column<T>[];
  fields: FieldSpec[];
  blank: Values;
  toValues: (row: T) => Values;
  create?: (values: Values) => Promise<T>;
  update?: (id: string, values: Values) => Promise<T>;
  /** No IsActive filter (custom fields). */
  noActiveFilter?: boolean;
  extraActions?: (row: T, reload: () => void) => ReactNode;
  deps?: readonly unknown[];
  /** A second list on a page: an h2 instead of the page's h1. */
  asSection?: boolean;
}

const PAGE = 25;

export function RecordAdmin<T extends { ID: string; IsActive?: boolean; Name?: string }>(props: Props<T>) {
  const [offset, setOffset] = useState(0);
  const [active, setActive] = useState<'true' | 'false' | 'all'>(props.noActiveFilter ? 'all' : 'true');
  const [editing, setEditing] = useState<T | 'new' | null>(null);
  const list = useAsync(
    () =>
      props.load({
        limit: PAGE,
        offset,
        ...(active === 'all' ? {} : { IsActive: active === 'true' }),
      }),
    [offset, active, ...(props.deps ?? [])],
  );
  const writable = Boolean(props.create || props.update);
  const formId = useId();
  const addButton = props.create ? (
    <Button onClick={() => setEditing('new')} aria-controls={formId}>
      Add {props.singular.toLowerCase()}
    </Button>
  ) : null;

  return (
    <>
      {props.asSection ? (
        <div className="page-head">
          <h2 style={{ margin: 0, marginRight: 'auto' }}>{props.title}</h2>
          {addButton}
        </div>
      ) : (
        <PageTitle actions={addButton}>{props.title}</PageTitle>
      )}
      {props.intro}
      {editing ? (
        <RecordForm
          key={editing === 'new' ? 'new' : editing.ID}
          {...props}
          formId={formId}
          row={editing === 'new' ? null : editing}
          onClose={() => setEditing(null)}
          onSaved={() => {
            setEditing(null);
            list.reload();
          }}
        />
      ) : null}
      {props.noActiveFilter ? null : (
        <div className="filters" style={{ gridTemplateColumns: 'minmax(10rem, 16rem)' }}>
          <SelectField
            label="Show"
            value={active}
            options={[
              { value: 'true', label: `Active ${props.plural.toLowerCase()}` },
              { value: 'false', label: `Inactive ${props.plural.toLowerCase()}` },
              { value: 'all', label: `All ${props.plural.toLowerCase()}` },
            ]}
            onChange={(e) => {
              setActive(e.target.value as 'true' | 'false' | 'all');
              setOffset(0);
            }}
          />
        </div>
      )}
      <ErrorAlert error={list.error} onRetry={list.reload} />
      {list.data ? (
        <>
          <div className="table-wrap">
            <table className="list stack" aria-busy={list.loading}>
              <caption className="visually-hidden">{props.plural}</caption>
              <thead>
                <tr>
                  {props.columns.map((c) => (
                    <th key={c.label} scope="col" className={c.numeric ? 'num' : undefined}>
                      {c.label}
                    </th>
                  ))}
                  {writable || props.extraActions ? (
                    <th scope="col">
                      <span className="visually-hidden">Actions</span>
                    </th>
                  ) : null}
                </tr>
              </thead>
              <tbody>
                {list.data.items.map((row) => (
                  <tr key={row.ID}>
                    {props.columns.map((c) => (
                      <td key={c.label} data-label={c.label} className={c.numeric ? 'num' : undefined}>
                        {c.render(row)}
                      </td>
                    ))}
                    {writable || props.extraActions ? (
                      <td data-label="">
                        <span className="actions" style={{ marginTop: 0 }}>
                          {props.update ? (
                            <Button variant="secondary" className="small" onClick={() => setEditing(row)}>
                              Edit<span className="visually-hidden"> {row.Name ?? ''}</span>
                            </Button>
                          ) : null}
                          {props.extraActions?.(row, list.reload)}
                        </span>
                      </td>
                    ) : null}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <Pager
            offset={list.data.offset}
            limit={list.data.limit}
            count={list.data.count}
            noun={props.plural.toLowerCase()}
            onChange={setOffset}
          />
        </>
      ) : list.loading ? (
        <Loading />
      ) : null}
    </>
  );
}

function RecordForm<T extends { ID: string; Name?: string }>({
  row,
  onClose,
  onSaved,
  formId,
  ...props
}: Props<T> & { row: T | null; onClose: () => void; onSaved: () => void; formId: string }) {
  const [values, setValues] = useState<Values>(() => (row ? props.toValues(row) : { ...props.blank }));
  const action = useAction();
  const fields = fieldErrorsOf(action.error);
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => heading.current?.focus(), []);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const saved = await action.run(() => (row ? props.update!(row.ID, values) : props.create!(values)));
    if (saved) onSaved();
  };

  const title = row
    ? `Edit ${props.singular.toLowerCase()}: ${row.Name ?? ''}`
    : `Add ${props.singular.toLowerCase()}`;
  return (
    <form
      className="card"
      id={formId}
      onSubmit={(e) => void submit(e)}
      noValidate
      aria-labelledby={`${formId}-title`}
    >
      <h2 id={`${formId}-title`} ref={heading} tabIndex={-1} style={{ marginTop: 0 }}>
        {title}
      </h2>
      <ErrorAlert error={action.error} />
      <div className="form-grid two">
        {props.fields
          .filter((f) => !(row && f.createOnly))
          .map((f) => (
            <FieldFor
              key={f.name}
              spec={f}
              value={values[f.name]}
              error={fields[f.name]}
              onChange={(v) => setValues((old) => ({ ...old, [f.name]: v }))}
            />
          ))}
      </div>
      <div className="actions">
        <Button type="submit" busy={action.busy}>
          {row ? 'Save changes' : `Add ${props.singular.toLowerCase()}`}
        </Button>
        <Button variant="secondary" onClick={onClose}>
          Cancel
        </Button>
      </div>
      <LiveStatus message={action.notice} />
    </form>
  );
}

function FieldFor({
  spec,
  value,
  error,
  onChange,
}: {
  spec: FieldSpec;
  value: string | boolean | undefined;
  error: string | undefined;
  onChange: (value: string | boolean) => void;
}) {
  const common = { label: spec.label, hint: spec.hint, error, required: spec.required };
  switch (spec.kind ?? 'text') {
    case 'checkbox':
      return (
        <CheckboxField
          label={spec.label}
          hint={spec.hint}
          error={error}
          checked={value === true}
          onChange={(e) => onChange(e.target.checked)}
        />
      );
    case 'select':
      return (
        <SelectField
          {...common}
          value={String(value ?? '')}
          options={spec.options ?? []}
          onChange={(e) => onChange(e.target.value)}
        />
      );
    case 'textarea':
      return (
        <TextAreaField {...common} value={String(value ?? '')} onChange={(e) => onChange(e.target.value)} />
      );
    case 'date':
      return (
        <TextField
          {...common}
          type="date"
          value={String(value ?? '')}
          onChange={(e) => onChange(e.target.value)}
        />
      );
    case 'number':
      return (
        <TextField
          {...common}
          type="number"
          inputMode="decimal"
          step={spec.step ?? 'any'}
          value={String(value ?? '')}
          onChange={(e) => onChange(e.target.value)}
        />
      );
    case 'text':
      return <TextField {...common} value={String(value ?? '')} onChange={(e) => onChange(e.target.value)} />;
  }
}

/** Helpers to turn form values into request bodies. */
export const str = (v: string | boolean | undefined) => (typeof v === 'string' ? v.trim() : '');
export const opt = (v: string | boolean | undefined) => str(v) || null;
export const bool = (v: string | boolean | undefined) => v === true;
export const num = (v: string | boolean | undefined) => (str(v) === '' ? null : Number(str(v)));
