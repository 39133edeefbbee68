/**
 * Expense and payment types. Reading is ClickTime's; adding and editing are Admin extensions
 * (DECISIONS 25). The mileage type's Rate is the company's mileage rate (DECISIONS 18).
 */
import type { ExpenseType, PaymentType } from '../../../../sdk/index.js';
import { api } from '../../api.js';
import { formatRate } from '../../format.js';
import { has, isAdmin, useSignedIn } from '../../session.js';
import { Button, Placeholder } from '../../ui/index.js';
import { bool, num, RecordAdmin, str, type FieldSpec } from '../../ui/RecordAdmin.js';
import { useAction } from '../../hooks.js';

export function ExpenseTypesPage() {
  const s = useSignedIn();
  if (!has(s, 'GET /v2/ExpenseTypes')) {
    return (
      <Placeholder title="Expense types">This server does not offer the /ExpenseTypes API yet.</Placeholder>
    );
  }
  const admin = isAdmin(s.me);
  const canWrite = admin && has(s, 'POST /v2/ExpenseTypes');
  const unit = s.company.MileageUnit === 'km' ? 'kilometre' : 'mile';
  const fields: FieldSpec[] = [
    { name: 'Name', label: 'Name', required: true },
    {
      name: 'Type',
      label: 'Kind',
      kind: 'select',
      options: [
        { value: 'Amount', label: 'An amount' },
        { value: 'Mileage', label: `Mileage (a distance × a rate per ${unit})` },
      ],
    },
    {
      name: 'Rate',
      label: `Rate per ${unit}`,
      kind: 'number',
      step: '0.0001',
      hint: 'Mileage types only; up to 4 decimals',
    },
    { name: 'Description', label: 'Description', kind: 'textarea' },
    { name: 'IsActive', label: 'Active', kind: 'checkbox' },
  ];
  const body = (v: Record<string, string | boolean>) => ({
    Name: str(v.Name),
    Type: (str(v.Type) || 'Amount') as ExpenseType['Type'],
    Rate: str(v.Type) === 'Mileage' ? num(v.Rate) : null,
    Description: str(v.Description),
    IsActive: bool(v.IsActive),
  });
  return (
    <>
      <RecordAdmin<ExpenseType>
        title="Expense types"
        singular="Expense type"
        plural="Expense types"
        load={(p) => api.expenseTypes.list(p)}
        columns={[
          { label: 'Name', render: (t) => t.Name },
          { label: 'Kind', render: (t) => (t.Type === 'Mileage' ? 'Mileage' : 'Amount') },
          {
            label: 'Rate',
            numeric: true,
            render: (t) =>
              t.Type === 'Mileage' && t.Rate !== null
                ? `${formatRate(t.Rate, s.company.CurrencyISO)} per ${s.company.MileageUnit ?? 'mi'}`
                : '—',
          },
          {
            label: 'Status',
            render: (t) => (t.IsActive ? 'Active' : <span className="badge off">Inactive</span>),
          },
        ]}
        fields={fields}
        blank={{ Name: '', Type: 'Amount', Rate: '', Description: '', IsActive: true }}
        toValues={(t) => ({
          Name: t.Name,
          Type: t.Type,
          Rate: t.Rate === null ? '' : String(t.Rate),
          Description: t.Description ?? '',
          IsActive: t.IsActive,
        })}
        {...(canWrite
          ? {
              create: (v: Record<string, string | boolean>) => api.expenseTypes.create(body(v)),
              update: (id: string, v: Record<string, string | boolean>) =>
                api.expenseTypes.update(id, body(v)),
            }
          : {})}
        extraActions={(t) =>
          canWrite && t.Type === 'Mileage' && has(s, 'POST /v2/ExpenseTypes/{expenseTypeID}/ReapplyRate') ? (
            <ReapplyButton type={t} />
          ) : null
        }
      />
      <PaymentTypes
        canWrite={admin && has(s, 'POST /v2/PaymentTypes')}
        available={has(s, 'GET /v2/PaymentTypes')}
      />
    </>
  );
}

function ReapplyButton({ type }: { type: ExpenseType }) {
  const action = useAction();
  return (
    <>
      <Button
        variant="secondary"
        className="small"
        busy={action.busy}
        onClick={() =>
          void action.run(async () => {
            const r = await api.expenseTypes.reapplyRate(type.ID);
            return r;
          }, 'Rate re-applied to items on sheets not yet approved.')
        }
      >
        Re-apply rate<span className="visually-hidden"> of {type.Name}</span>
      </Button>
      <span role="status" className={action.notice ? 'muted' : 'visually-hidden'}>
        {action.notice ?? ''}
      </span>
    </>
  );
}

function PaymentTypes({ canWrite, available }: { canWrite: boolean; available: boolean }) {
  if (!available) return null;
  const fields: FieldSpec[] = [
    { name: 'Name', label: 'Name', required: true },
    { name: 'Reimbursable', label: 'Reimbursed to the person', kind: 'checkbox' },
    { name: 'Description', label: 'Description', kind: 'textarea' },
    { name: 'IsActive', label: 'Active', kind: 'checkbox' },
  ];
  const body = (v: Record<string, string | boolean>) => ({
    Name: str(v.Name),
    Reimbursable: bool(v.Reimbursable),
    Description: str(v.Description),
    IsActive: bool(v.IsActive),
  });
  return (
    <div style={{ marginTop: '2rem' }}>
      <RecordAdmin<PaymentType>
        asSection
        title="Payment types"
        singular="Payment type"
        plural="Payment types"
        load={(p) => api.paymentTypes.list(p)}
        columns={[
          { label: 'Name', render: (t) => t.Name },
          { label: 'Reimbursable', render: (t) => (t.Reimbursable ? 'Yes' : 'No') },
          {
            label: 'Status',
            render: (t) => (t.IsActive ? 'Active' : <span className="badge off">Inactive</span>),
          },
        ]}
        fields={fields}
        blank={{ Name: '', Reimbursable: true, Description: '', IsActive: true }}
        toValues={(t) => ({
          Name: t.Name,
          Reimbursable: t.Reimbursable,
          Description: t.Description ?? '',
          IsActive: t.IsActive,
        })}
        {...(canWrite
          ? {
              create: (v: Record<string, string | boolean>) => api.paymentTypes.create(body(v)),
              update: (id: string, v: Record<string, string | boolean>) =>
                api.paymentTypes.update(id, body(v)),
            }
          : {})}
      />
    </div>
  );
}
