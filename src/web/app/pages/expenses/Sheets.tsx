/** My expense sheets (API.md §4.12): the list and a new sheet. */
import { useState, type FormEvent } from 'react';
import type { ExpenseSheetStatus } from '../../../../sdk/index.js';
import { api } from '../../api.js';
import { fieldErrorsOf } from '../../errors.js';
import { formatMoney, todayIso } from '../../format.js';
import { useAction, useAsync } from '../../hooks.js';
import { Link, useRouter } from '../../router.js';
import { has, useSignedIn } from '../../session.js';
import {
  Button,
  ErrorAlert,
  Loading,
  PageTitle,
  Pager,
  Placeholder,
  SelectField,
  TextField,
} from '../../ui/index.js';

const PAGE = 20;
export const STATUS_LABEL: Record<ExpenseSheetStatus, string> = {
  open: 'Open',
  waiting: 'Submitted',
  approved: 'Approved',
  rejected: 'Rejected',
  paid: 'Paid',
};

export function ExpenseSheetsPage() {
  const s = useSignedIn();
  if (s.company.OptionalModules?.Expenses === false) {
    return <Placeholder title="Expenses">The Expenses module is turned off for your company.</Placeholder>;
  }
  if (!has(s, 'GET /v2/Me/ExpenseSheets')) {
    return (
      <Placeholder title="Expenses">
        This server does not offer the expense API (/Me/ExpenseSheets) yet.
      </Placeholder>
    );
  }
  return <Sheets />;
}

function Sheets() {
  const s = useSignedIn();
  const { navigate } = useRouter();
  const [offset, setOffset] = useState(0);
  const [status, setStatus] = useState<'' | ExpenseSheetStatus>('');
  const [creating, setCreating] = useState(false);
  const sheets = useAsync(
    () =>
      api.me.expenseSheets.list({
        limit: PAGE,
        offset,
        SortBy: '-Date',
        Verbose: true,
        ...(status ? { Status: status } : {}),
      }),
    [offset, status],
  );
  const currency = s.company.CurrencyISO ?? 'USD';

  return (
    <>
      <PageTitle
        actions={
          <Button aria-expanded={creating} aria-controls="new-sheet" onClick={() => setCreating((c) => !c)}>
            {creating ? 'Close' : 'New expense sheet'}
          </Button>
        }
      >
        Expenses
      </PageTitle>
      {creating ? <NewSheet onCreated={(id) => navigate(`/expenses/${encodeURIComponent(id)}`)} /> : null}
      <div className="filters" style={{ gridTemplateColumns: 'minmax(10rem, 16rem)' }}>
        <SelectField
          label="Status"
          value={status}
          options={[
            { value: '', label: 'Any status' },
            ...Object.entries(STATUS_LABEL).map(([value, label]) => ({ value, label })),
          ]}
          onChange={(e) => {
            setStatus(e.target.value as '' | ExpenseSheetStatus);
            setOffset(0);
          }}
        />
      </div>
      <ErrorAlert error={sheets.error} onRetry={sheets.reload} />
      {sheets.data ? (
        sheets.data.count === 0 && !status ? (
          <div className="card">
            <p>You have no expense sheets yet. Start one with “New expense sheet”.</p>
          </div>
        ) : (
          <>
            <div className="table-wrap">
              <table className="list stack" aria-busy={sheets.loading}>
                <caption className="visually-hidden">Your expense sheets</caption>
                <thead>
                  <tr>
                    <th scope="col">Title</th>
                    <th scope="col">Date</th>
                    <th scope="col">Status</th>
                    <th scope="col" className="num">
                      Items
                    </th>
                    <th scope="col" className="num">
                      Total
                    </th>
                    <th scope="col" className="num">
                      To reimburse
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {sheets.data.items.map((sheet) => (
                    <tr key={sheet.ID}>
                      <td data-label="Title">
                        <Link to={`/expenses/${encodeURIComponent(sheet.ID)}`}>{sheet.Title}</Link>
                      </td>
                      <td data-label="Date">{sheet.ExpenseSheetDate}</td>
                      <td data-label="Status">
                        <span className={`badge ${sheet.Status}`}>{STATUS_LABEL[sheet.Status]}</span>
                      </td>
                      <td data-label="Items" className="num">
                        {sheet.ExpenseItemCount ?? '—'}
                      </td>
                      <td data-label="Total" className="num">
                        {formatMoney(sheet.TotalAmount, currency)}
                      </td>
                      <td data-label="To reimburse" className="num">
                        {formatMoney(sheet.ReimbursableAmount, currency)}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
            <Pager
              offset={sheets.data.offset}
              limit={sheets.data.limit}
              count={sheets.data.count}
              noun="sheets"
              onChange={setOffset}
            />
          </>
        )
      ) : sheets.loading ? (
        <Loading what="Loading expense sheets" />
      ) : null}
    </>
  );
}

function NewSheet({ onCreated }: { onCreated: (id: string) => void }) {
  const [title, setTitle] = useState('');
  const [date, setDate] = useState(todayIso());
  const action = useAction();
  const fields = fieldErrorsOf(action.error);
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const sheet = await action.run(() =>
      api.me.expenseSheets.create({ Title: title.trim(), ExpenseSheetDate: date }),
    );
    if (sheet) onCreated(sheet.ID);
  };
  return (
    <form
      id="new-sheet"
      className="card"
      onSubmit={(e) => void submit(e)}
      noValidate
      aria-labelledby="new-sheet-heading"
    >
      <h2 id="new-sheet-heading" style={{ marginTop: 0 }}>
        New expense sheet
      </h2>
      <ErrorAlert error={action.error} />
      <div className="form-grid two">
        <TextField
          label="Title"
          required
          hint="For example “Client visit, Boston”"
          value={title}
          error={fields.Title}
          onChange={(e) => setTitle(e.target.value)}
        />
        <TextField
          label="Date"
          type="date"
          required
          value={date}
          error={fields.ExpenseSheetDate}
          onChange={(e) => setDate(e.target.value)}
        />
      </div>
      <div className="actions">
        <Button type="submit" busy={action.busy}>
          Create sheet
        </Button>
      </div>
    </form>
  );
}
