/**
 * Shared set-up for the expense suites: people with permissions and tokens, the seeded types, sheets
 * and items created over the wire.
 */
import { expect } from 'vitest';
import type { TestApp } from '../support/app.js';

export interface Person {
  id: string;
  token: string;
  email: string;
}

export interface PersonSpec {
  Name: string;
  SecurityLevel?: 'STANDARD' | 'MANAGER' | 'ADMIN';
  SubjectToExpenseApproval?: boolean;
  ExpenseApproverID?: string;
  DivisionID?: string;
  DefaultExpenseTypeID?: string;
  DefaultPaymentTypeID?: string;
  permissions?: { Name: string; AccessLevel?: 'All' | 'Divisions' | 'Projects' }[];
}

let seq = 0;
const PASSWORD = 'correct horse battery';

/** Creates a person through POST /Users (as the Admin) and signs them in for a token. */
export async function person(t: TestApp, adminToken: string, spec: PersonSpec): Promise<Person> {
  seq++;
  const email = `p${seq}-${Math.random().toString(36).slice(2, 8)}@example.test`;
  const { permissions, ...fields } = spec;
  const res = await t.call('POST', '/v2/Users', {
    token: adminToken,
    body: { ...fields, Email: email, Password: PASSWORD },
  });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  const id = res.body.data.ID as string;
  if (permissions) {
    const p = await t.call('PUT', `/v2/Users/${id}/Permissions`, { token: adminToken, body: permissions });
    expect(p.status, JSON.stringify(p.body)).toBe(200);
  }
  const me = await t.call('GET', '/v2/Me', { basic: { email, password: PASSWORD } });
  expect(me.status).toBe(200);
  return { id, token: me.body.data.AuthToken.Token as string, email };
}

export interface SeededTypes {
  mileage: string;
  meals: string;
  lodging: string;
  airfare: string;
  cash: string;
  personalCard: string;
  companyCard: string;
}

export async function seededTypes(t: TestApp, token: string): Promise<SeededTypes> {
  const types = await t.call('GET', '/v2/ExpenseTypes', { token });
  const payments = await t.call('GET', '/v2/PaymentTypes', { token });
  expect(types.status).toBe(200);
  expect(payments.status).toBe(200);
  const byName = (rows: { ID: string; Name: string }[], name: string) => {
    const row = rows.find((r) => r.Name === name);
    if (!row) throw new Error(`no seeded type ${name}`);
    return row.ID;
  };
  return {
    mileage: byName(types.body.data, 'Mileage'),
    meals: byName(types.body.data, 'Meals'),
    lodging: byName(types.body.data, 'Lodging'),
    airfare: byName(types.body.data, 'Airfare'),
    cash: byName(payments.body.data, 'Cash'),
    personalCard: byName(payments.body.data, 'Personal Card'),
    companyCard: byName(payments.body.data, 'Company Card'),
  };
}

/** A sheet created through the given scope; returns its ID. */
export async function sheet(
  t: TestApp,
  token: string,
  body: Record<string, unknown> = {},
  base = '/v2/Me/ExpenseSheets',
) {
  const res = await t.call('POST', base, {
    token,
    body: { Title: 'Trip', ExpenseSheetDate: '2026-03-02', ...body },
  });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body.data.ID as string;
}

export async function item(
  t: TestApp,
  token: string,
  body: Record<string, unknown>,
  base = '/v2/Me/ExpenseItems',
) {
  const res = await t.call('POST', base, { token, body: { ExpenseDate: '2026-03-02', ...body } });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body.data as Record<string, any>;
}

export async function getSheet(t: TestApp, token: string, id: string, base = '/v2/Me/ExpenseSheets') {
  const res = await t.call('GET', `${base}/${id}?Verbose=true`, { token });
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return res.body.data as Record<string, any>;
}

/** Sums wire decimals exactly (as cents) and returns the decimal. */
export function sumCents(values: number[]): number {
  let cents = 0n;
  for (const v of values) {
    const [whole = '0', frac = ''] = String(Math.abs(v)).split('.');
    const c = BigInt(whole) * 100n + BigInt((frac + '00').slice(0, 2));
    cents += v < 0 ? -c : c;
  }
  return Number(cents) / 100;
}

/** Smallest valid files of each receipt kind. */
export const PNG_1PX = Buffer.from(
  '89504e470d0a1a0a0000000d4948445200000001000000010806000000' +
    '1f15c4890000000d49444154789c6360000002000154a24f5d0000000049454e44ae426082',
  'hex',
);
export const PDF_MINI = Buffer.from('%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n', 'latin1');
export const JPEG_HEAD = Buffer.from([
  0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10, 0x4a, 0x46, 0x49, 0x46, 0x00, 0x01, 0xff, 0xd9,
]);
