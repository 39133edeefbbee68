import type { TestApp } from './app.js';

let n = 0;

export interface Person {
  id: string;
  email: string;
  password: string;
  token: string;
}

/** Creates a person through the API as the given admin, and signs in to get their token. */
export async function person(
  t: TestApp,
  adminToken: string,
  fields: Record<string, unknown> = {},
): Promise<Person> {
  n++;
  const email = `p${n}-${Math.random().toString(36).slice(2, 8)}@example.test`;
  const password = 'pass word ' + n;
  const res = await t.call('POST', '/v2/Users', {
    token: adminToken,
    body: { Name: `Person ${n}`, Email: email, Password: password, ...fields },
  });
  if (res.status !== 201)
    throw new Error(`could not create person: ${res.status} ${JSON.stringify(res.body)}`);
  const me = await t.call('GET', '/v2/Me', { basic: { email, password } });
  return { id: res.body.data.ID, email, password, token: me.body.data.AuthToken.Token };
}

/** A manager with the given permissions (name → access level). */
export async function manager(
  t: TestApp,
  adminToken: string,
  permissions: Record<string, 'All' | 'Divisions' | 'Projects'> = {},
  divisionIds: string[] = [],
  fields: Record<string, unknown> = {},
): Promise<Person> {
  const p = await person(t, adminToken, { SecurityLevel: 'MANAGER', ...fields });
  const body = Object.entries(permissions).map(([Name, AccessLevel]) => ({ Name, AccessLevel }));
  const res = await t.call('PUT', `/v2/Users/${p.id}/Permissions`, { token: adminToken, body });
  if (res.status !== 200) throw new Error(`could not set permissions: ${JSON.stringify(res.body)}`);
  if (divisionIds.length) {
    const d = await t.call('PUT', `/v2/Users/${p.id}/Permissions/Divisions`, {
      token: adminToken,
      body: divisionIds,
    });
    if (d.status !== 200) throw new Error(`could not set divisions: ${JSON.stringify(d.body)}`);
  }
  return p;
}
