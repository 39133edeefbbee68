/**
 * One expense sheet: its items, receipts and workflow actions. A mileage item's amount is the type's rate
 * (the company's mileage rate) × the distance, shown as you type (DECISIONS 18); the server computes the
 * stored amount the same way.
 */
import { useEffect, useMemo, useRef, useState, type FormEvent } from 'react';
import type {
  ExpenseItem,
  ExpenseItemCreateMe,
  ExpenseSheet,
  ExpenseSheetAction,
  ExpenseType,
  PaymentType,
  ReceiptFileType,
} from '../../../../sdk/index.js';
import { api } from '../../api.js';
import { fieldErrorsOf } from '../../errors.js';
import { formatMoney, formatRate, mileageAmount, todayIso } from '../../format.js';
import { useAction, useAsync } from '../../hooks.js';
import { Link, useRouter } from '../../router.js';
import { has, useSignedIn } from '../../session.js';
import {
  Button,
  CheckboxField,
  ErrorAlert,
  LiveStatus,
  Loading,
  PageTitle,
  Placeholder,
  SelectField,
  TextAreaField,
  TextField,
} from '../../ui/index.js';
import { STATUS_LABEL } from './Sheets.js';

const RECEIPT_TYPES: readonly string[] = [
  'image/jpeg',
  'image/png',
  'image/gif',
  'image/tiff',
  'image/bmp',
  'application/pdf',
] satisfies readonly ReceiptFileType[];
const MAX_RECEIPT = 7 * 1024 * 1024; // base64 grows by a third; the JSON body limit is 10 MiB

const ACTION_LABEL: Record<ExpenseSheetAction, string> = {
  None: 'None',
  Submit: 'Submit for approval',
  Approve: 'Approve',
  Reject: 'Reject',
  UndoSubmit: 'Withdraw submission',
  UndoApproval: 'Undo approval',
  MarkPaid: 'Mark as paid',
  RevertToUnpaid: 'Mark as unpaid',
};

export function ExpenseSheetPage({ id }: { id: string }) {
  const s = useSignedIn();
  if (!has(s, 'GET /v2/Me/ExpenseSheets/{expenseSheetID}')) {
    return <Placeholder title="Expense sheet">This server does not offer the expense API yet.</Placeholder>;
  }
  return <Sheet id={id} />;
}

interface Lookups {
  types: ExpenseType[];
  payments: PaymentType[];
  jobs: { ID: string; ListDisplayText: string }[];
}

function Sheet({ id }: { id: string }) {
  const s = useSignedIn();
  const { navigate } = useRouter();
  const currency = s.company.CurrencyISO ?? 'USD';
  const sheet = useAsync(() => api.me.expenseSheets.get(id, { Verbose: true }), [id]);
  const items = useAsync(() => api.me.expenseItems.all({ ExpenseSheetID: id, SortBy: 'Date' }), [id]);
  const actions = useAsync(() => api.me.expenseSheets.actions(id), [id]);
  const lookups = useAsync(async (): Promise<Lookups> => {
    const [types, payments, jobs] = await Promise.all([
      api.expenseTypes.all(),
      api.paymentTypes.all(),
      has(s, 'GET /v2/Me/Jobs') ? api.me.jobs.all({ IsActive: true }) : Promise.resolve([]),
    ]);
    return { types, payments, jobs };
  }, []);
  const [editing, setEditing] = useState<ExpenseItem | 'new' | null>(null);
  const remove = useAction();

  const refresh = () => {
    sheet.reload();
    items.reload();
    actions.reload();
  };

  if (sheet.error) {
    return (
      <>
        <PageTitle>Expense sheet</PageTitle>
        <ErrorAlert error={sheet.error} onRetry={sheet.reload} />
        <Link to="/expenses">Back to expenses</Link>
      </>
    );
  }
  if (!sheet.data) return <Loading what="Loading the expense sheet" />;
  const sh = sheet.data;
  const editable = sh.Status === 'open' || sh.Status === 'rejected';
  const typeName = (tid: string) => lookups.data?.types.find((t) => t.ID === tid)?.Name ?? '';
  const paymentName = (pid: string) => lookups.data?.payments.find((p) => p.ID === pid)?.Name ?? '';

  return (
    <>
      <p>
        <Link to="/expenses">← Expenses</Link>
      </p>
      <PageTitle title={sh.Title}>{sh.Title}</PageTitle>
      <section className="card" aria-label="Summary">
        <div className="totals">
          <div>
            <span className="muted">Status</span>
            <strong>
              <span className={`badge ${sh.Status}`}>{STATUS_LABEL[sh.Status]}</span>
            </strong>
          </div>
          <div>
            <span className="muted">Date</span>
            <strong>{sh.ExpenseSheetDate}</strong>
          </div>
          <div>
            <span className="muted">Total</span>
            <strong>{formatMoney(sh.TotalAmount, currency)}</strong>
          </div>
          <div>
            <span className="muted">To reimburse</span>
            <strong>{formatMoney(sh.ReimbursableAmount, currency)}</strong>
          </div>
        </div>
        {sh.Description ? <p style={{ marginTop: '0.75rem' }}>{sh.Description}</p> : null}
        {sh.Comment ? <p className="muted">Comment: {sh.Comment}</p> : null}
        <SheetActions
          sheet={sh}
          actions={actions.data ?? []}
          onDone={refresh}
          subject={s.me.SubjectToExpenseApproval ?? false}
        />
      </section>

      {editable ? <SheetDetails sheet={sh} onSaved={sheet.set} /> : null}

      <div className="page-head">
        <h2 style={{ margin: 0, marginRight: 'auto' }}>Items</h2>
        {editable ? (
          <Button onClick={() => setEditing('new')} aria-controls="item-form">
            Add an item
          </Button>
        ) : null}
      </div>
      {editing && lookups.data ? (
        <ItemForm
          key={editing === 'new' ? 'new' : editing.ID}
          sheet={sh}
          item={editing === 'new' ? null : editing}
          lookups={lookups.data}
          onClose={() => setEditing(null)}
          onSaved={() => {
            setEditing(null);
            refresh();
          }}
        />
      ) : null}
      <ErrorAlert error={items.error ?? lookups.error ?? remove.error} />
      {items.data ? (
        items.data.length === 0 ? (
          <p className="muted">No items yet.</p>
        ) : (
          <div className="table-wrap">
            <table className="list stack">
              <caption className="visually-hidden">Items on this sheet</caption>
              <thead>
                <tr>
                  <th scope="col">Date</th>
                  <th scope="col">Type</th>
                  <th scope="col">Description</th>
                  <th scope="col">Paid with</th>
                  <th scope="col" className="num">
                    Amount
                  </th>
                  <th scope="col">Receipt</th>
                  {editable ? (
                    <th scope="col">
                      <span className="visually-hidden">Actions</span>
                    </th>
                  ) : null}
                </tr>
              </thead>
              <tbody>
                {items.data.map((item) => (
                  <tr key={item.ID}>
                    <td data-label="Date">{item.ExpenseDate}</td>
                    <td data-label="Type">{typeName(item.ExpenseTypeID)}</td>
                    <td data-label="Description">
                      <div>
                        {item.Description || <span className="muted">—</span>}
                        {item.Quantity !== null && item.Rate !== null ? (
                          <span className="hint muted" style={{ display: 'block' }}>
                            {item.Quantity} {s.company.MileageUnit ?? 'mi'} ×{' '}
                            {formatRate(item.Rate, currency)}
                          </span>
                        ) : null}
                      </div>
                    </td>
                    <td data-label="Paid with">{paymentName(item.PaymentTypeID)}</td>
                    <td data-label="Amount" className="num">
                      {formatMoney(item.Amount, currency)}
                    </td>
                    <td data-label="Receipt">
                      {item.ReceiptURL ? (
                        <a href={item.ReceiptURL} target="_blank" rel="noopener">
                          View
                          <span className="visually-hidden">
                            {' '}
                            receipt for {item.Description || typeName(item.ExpenseTypeID)}
                          </span>
                        </a>
                      ) : (
                        <span className="muted">None</span>
                      )}
                    </td>
                    {editable ? (
                      <td data-label="">
                        <span className="actions" style={{ marginTop: 0 }}>
                          <Button variant="secondary" className="small" onClick={() => setEditing(item)}>
                            Edit<span className="visually-hidden"> item of {item.ExpenseDate}</span>
                          </Button>
                          <Button
                            variant="secondary"
                            className="small"
                            busy={remove.busy}
                            onClick={() => {
                              if (!window.confirm('Delete this item?')) return;
                              void remove.run(async () => {
                                await api.me.expenseItems.delete(item.ID);
                                refresh();
                              });
                            }}
                          >
                            Delete<span className="visually-hidden"> item of {item.ExpenseDate}</span>
                          </Button>
                        </span>
                      </td>
                    ) : null}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )
      ) : (
        <Loading what="Loading items" />
      )}

      {sh.Status === 'open' ? (
        <div className="actions" style={{ marginTop: '2rem' }}>
          <Button
            variant="danger"
            busy={remove.busy}
            onClick={() => {
              if (!window.confirm(`Delete the expense sheet “${sh.Title}” and its items?`)) return;
              void remove.run(async () => {
                await api.me.expenseSheets.delete(sh.ID);
                navigate('/expenses');
              });
            }}
          >
            Delete this sheet
          </Button>
        </div>
      ) : null}
    </>
  );
}

function SheetActions({
  sheet,
  actions,
  onDone,
  subject,
}: {
  sheet: ExpenseSheet;
  actions: ExpenseSheetAction[];
  onDone: () => void;
  subject: boolean;
}) {
  const [comment, setComment] = useState('');
  const action = useAction();
  const usable = actions.filter((a) => a !== 'None');
  if (usable.length === 0) {
    return sheet.Status === 'open' && !subject ? (
      <p className="muted" style={{ marginTop: '0.75rem' }}>
        Your expenses do not need approval, so there is nothing to submit.
      </p>
    ) : null;
  }
  return (
    <div style={{ marginTop: '1rem' }}>
      <ErrorAlert error={action.error} />
      <TextField label="Comment (optional)" value={comment} onChange={(e) => setComment(e.target.value)} />
      <div className="actions">
        {usable.map((a) => (
          <Button
            key={a}
            variant={a === 'Reject' ? 'danger' : a === 'Submit' || a === 'Approve' ? 'primary' : 'secondary'}
            busy={action.busy}
            onClick={() =>
              void action
                .run(
                  () =>
                    api.me.expenseSheets.act(sheet.ID, {
                      Action: a,
                      ...(comment.trim() ? { Comment: comment.trim() } : {}),
                    }),
                  'Done.',
                )
                .then((r) => {
                  if (r) {
                    setComment('');
                    onDone();
                  }
                })
            }
          >
            {ACTION_LABEL[a]}
          </Button>
        ))}
      </div>
      <LiveStatus message={action.notice} />
    </div>
  );
}

function SheetDetails({ sheet, onSaved }: { sheet: ExpenseSheet; onSaved: (sheet: ExpenseSheet) => void }) {
  const [open, setOpen] = useState(false);
  const [form, setForm] = useState({
    Title: sheet.Title,
    ExpenseSheetDate: sheet.ExpenseSheetDate,
    Description: sheet.Description,
  });
  const action = useAction();
  const fields = fieldErrorsOf(action.error);
  if (!open) {
    return (
      <p>
        <Button variant="link" onClick={() => setOpen(true)}>
          Edit title, date or description
        </Button>
      </p>
    );
  }
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const saved = await action.run(() =>
      api.me.expenseSheets.update(sheet.ID, {
        Title: form.Title.trim(),
        ExpenseSheetDate: form.ExpenseSheetDate,
        Description: form.Description,
      }),
    );
    if (saved) {
      onSaved({ ...sheet, ...saved });
      setOpen(false);
    }
  };
  return (
    <form className="card" onSubmit={(e) => void submit(e)} noValidate aria-label="Sheet details">
      <ErrorAlert error={action.error} />
      <div className="form-grid two">
        <TextField
          label="Title"
          required
          value={form.Title}
          error={fields.Title}
          onChange={(e) => setForm({ ...form, Title: e.target.value })}
        />
        <TextField
          label="Date"
          type="date"
          value={form.ExpenseSheetDate}
          error={fields.ExpenseSheetDate}
          onChange={(e) => setForm({ ...form, ExpenseSheetDate: e.target.value })}
        />
      </div>
      <TextAreaField
        label="Description"
        value={form.Description}
        error={fields.Description}
        onChange={(e) => setForm({ ...form, Description: e.target.value })}
      />
      <div className="actions">
        <Button type="submit" busy={action.busy}>
          Save
        </Button>
        <Button variant="secondary" onClick={() => setOpen(false)}>
          Cancel
        </Button>
      </div>
    </form>
  );
}

interface Receipt {
  data: string;
  type: string;
  name: string;
  previewUrl: string;
}

function readAsBase64(file: File): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => {
      const url = typeof reader.result === 'string' ? reader.result : '';
      resolve(url.slice(url.indexOf(',') + 1));
    };
    reader.onerror = () => reject(reader.error ?? new Error('Could not read the file.'));
    reader.readAsDataURL(file);
  });
}

function ItemForm({
  sheet,
  item,
  lookups,
  onClose,
  onSaved,
}: {
  sheet: ExpenseSheet;
  item: ExpenseItem | null;
  lookups: Lookups;
  onClose: () => void;
  onSaved: () => void;
}) {
  const s = useSignedIn();
  const currency = s.company.CurrencyISO ?? 'USD';
  const unit = s.company.MileageUnit ?? 'mi';
  const activeTypes = lookups.types.filter((t) => t.IsActive || t.ID === item?.ExpenseTypeID);
  const activePayments = lookups.payments.filter((p) => p.IsActive || p.ID === item?.PaymentTypeID);
  const [form, setForm] = useState({
    ExpenseDate: item?.ExpenseDate ?? (sheet.ExpenseSheetDate || todayIso()),
    ExpenseTypeID: item?.ExpenseTypeID ?? s.me.DefaultExpenseTypeID ?? activeTypes[0]?.ID ?? '',
    PaymentTypeID: item?.PaymentTypeID ?? s.me.DefaultPaymentTypeID ?? activePayments[0]?.ID ?? '',
    Description: item?.Description ?? '',
    Amount: item ? String(item.Amount) : '',
    Quantity: item?.Quantity === null || item?.Quantity === undefined ? '' : String(item.Quantity),
    Billable: item?.Billable ?? false,
    JobID: item?.JobID ?? '',
  });
  const [receipt, setReceipt] = useState<Receipt | null>(null);
  const [fileError, setFileError] = useState<string | null>(null);
  const action = useAction();
  const fields = fieldErrorsOf(action.error);
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => heading.current?.focus(), []);
  useEffect(() => () => (receipt ? URL.revokeObjectURL(receipt.previewUrl) : undefined), [receipt]);

  const type = lookups.types.find((t) => t.ID === form.ExpenseTypeID);
  const mileage = type?.Type === 'Mileage';
  // An Admin may have set an item's own rate; otherwise the type's (the company's mileage rate) applies.
  const rate = mileage
    ? item && item.ExpenseTypeID === type.ID && item.Rate !== null
      ? item.Rate
      : type.Rate
    : null;
  const distance = form.Quantity.trim() === '' ? null : Number(form.Quantity);
  const computed = useMemo(
    () => (mileage && distance !== null && !Number.isNaN(distance) ? mileageAmount(rate, distance) : null),
    [mileage, rate, distance],
  );

  const pick = async (file: File | undefined) => {
    setFileError(null);
    if (receipt) URL.revokeObjectURL(receipt.previewUrl);
    setReceipt(null);
    if (!file) return;
    if (!RECEIPT_TYPES.includes(file.type)) {
      setFileError('Choose an image (JPEG, PNG, GIF, TIFF, BMP) or a PDF.');
      return;
    }
    if (file.size > MAX_RECEIPT) {
      setFileError('The file is too large: receipts may be up to 7 MB.');
      return;
    }
    const data = await readAsBase64(file);
    setReceipt({ data, type: file.type, name: file.name, previewUrl: URL.createObjectURL(file) });
  };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const body: ExpenseItemCreateMe = {
      ExpenseSheetID: sheet.ID,
      ExpenseDate: form.ExpenseDate,
      ExpenseTypeID: form.ExpenseTypeID,
      PaymentTypeID: form.PaymentTypeID,
      Description: form.Description.trim(),
      Billable: form.Billable,
      JobID: form.Billable || form.JobID ? form.JobID || null : null,
    };
    if (mileage) body.Quantity = distance;
    else if (form.Amount.trim() !== '') body.Amount = Number(form.Amount);
    if (receipt) {
      body.Receipt = receipt.data;
      body.ReceiptFileType = receipt.type as ReceiptFileType;
    }
    const saved = await action.run(() =>
      item ? api.me.expenseItems.update(item.ID, body) : api.me.expenseItems.create(body),
    );
    if (saved) onSaved();
  };

  return (
    <form
      id="item-form"
      className="card"
      onSubmit={(e) => void submit(e)}
      noValidate
      aria-labelledby="item-form-title"
    >
      <h3 id="item-form-title" ref={heading} tabIndex={-1} style={{ marginTop: 0 }}>
        {item ? 'Edit item' : 'Add an item'}
      </h3>
      <ErrorAlert error={action.error} />
      <div className="form-grid two">
        <TextField
          label="Date"
          type="date"
          required
          value={form.ExpenseDate}
          error={fields.ExpenseDate}
          onChange={(e) => setForm({ ...form, ExpenseDate: e.target.value })}
        />
        <SelectField
          label="Expense type"
          value={form.ExpenseTypeID}
          error={fields.ExpenseTypeID}
          options={activeTypes.map((t) => ({ value: t.ID, label: t.Name }))}
          onChange={(e) => setForm({ ...form, ExpenseTypeID: e.target.value })}
        />
        {mileage ? (
          <>
            <TextField
              label={`Distance (${unit === 'km' ? 'kilometres' : 'miles'})`}
              type="number"
              inputMode="decimal"
              min={0}
              step="any"
              required
              value={form.Quantity}
              error={fields.Quantity}
              hint={
                rate !== null
                  ? `At ${formatRate(rate, currency)} per ${unit}, the company’s mileage rate`
                  : undefined
              }
              onChange={(e) => setForm({ ...form, Quantity: e.target.value })}
            />
            <div className="field">
              <span className="label" id="mileage-amount-label">
                Amount
              </span>
              <output
                aria-labelledby="mileage-amount-label"
                aria-live="polite"
                className="mono"
                style={{ fontSize: '1.2rem' }}
              >
                {computed === null ? '—' : formatMoney(computed, currency)}
              </output>
              <span className="hint">Distance × rate, rounded to the cent</span>
            </div>
          </>
        ) : (
          <TextField
            label={`Amount (${currency})`}
            type="number"
            inputMode="decimal"
            step="0.01"
            required
            value={form.Amount}
            error={fields.Amount}
            onChange={(e) => setForm({ ...form, Amount: e.target.value })}
          />
        )}
        <SelectField
          label="Paid with"
          value={form.PaymentTypeID}
          error={fields.PaymentTypeID}
          options={activePayments.map((p) => ({
            value: p.ID,
            label: `${p.Name}${p.Reimbursable ? '' : ' (not reimbursed)'}`,
          }))}
          onChange={(e) => setForm({ ...form, PaymentTypeID: e.target.value })}
        />
        <TextField
          label="Description"
          value={form.Description}
          error={fields.Description}
          onChange={(e) => setForm({ ...form, Description: e.target.value })}
        />
        {lookups.jobs.length > 0 ? (
          <div>
            <CheckboxField
              label="Billable to a client"
              checked={form.Billable}
              onChange={(e) => setForm({ ...form, Billable: e.target.checked })}
            />
            <SelectField
              label={s.company.JobTermSingular ?? 'Job'}
              value={form.JobID}
              error={fields.JobID}
              options={[
                { value: '', label: 'None' },
                ...lookups.jobs.map((j) => ({ value: j.ID, label: j.ListDisplayText })),
              ]}
              onChange={(e) => setForm({ ...form, JobID: e.target.value })}
            />
          </div>
        ) : null}
      </div>
      <fieldset style={{ marginTop: '1rem' }}>
        <legend>Receipt</legend>
        <div className="field">
          <label htmlFor="receipt-file">
            {item?.ReceiptURL ? 'Replace the receipt' : 'Attach a receipt'}
          </label>
          <input
            id="receipt-file"
            type="file"
            accept={RECEIPT_TYPES.join(',')}
            aria-describedby="receipt-hint"
            aria-invalid={fileError || fields.Receipt ? true : undefined}
            onChange={(e) => void pick(e.target.files?.[0])}
          />
          <span className="hint" id="receipt-hint">
            An image or a PDF, up to 7 MB.
          </span>
          {fileError || fields.Receipt || fields.ReceiptFileType ? (
            <span className="field-error" role="alert">
              {fileError ?? fields.Receipt ?? fields.ReceiptFileType}
            </span>
          ) : null}
        </div>
        {receipt ? (
          <figure style={{ margin: '0.75rem 0 0' }}>
            {receipt.type === 'application/pdf' ? (
              <object
                data={receipt.previewUrl}
                type="application/pdf"
                className="receipt-frame"
                aria-label={`Preview of ${receipt.name}`}
              >
                <p>PDF selected: {receipt.name}</p>
              </object>
            ) : (
              <img src={receipt.previewUrl} alt={`Preview of ${receipt.name}`} className="receipt-preview" />
            )}
            <figcaption className="muted">{receipt.name} (not saved yet)</figcaption>
          </figure>
        ) : item?.ReceiptURL ? (
          <p style={{ marginTop: '0.75rem' }}>
            <a href={item.ReceiptURL} target="_blank" rel="noopener">
              View the current receipt
            </a>
          </p>
        ) : null}
      </fieldset>
      <div className="actions">
        <Button type="submit" busy={action.busy}>
          {item ? 'Save item' : 'Add item'}
        </Button>
        <Button variant="secondary" onClick={onClose}>
          Cancel
        </Button>
      </div>
    </form>
  );
}
