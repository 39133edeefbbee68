/**
 * The `punchclock` command: serve, migrate, company create, user create, user set-password, token reset,
 * demo, rollups check|rebuild.
 * It works on the same store the server uses (DATABASE_URL or PUNCHCLOCK_DATA_DIR).
 */
import { parseArgs } from 'node:util';
import { loadConfig } from '../server/config.js';
import { openStore } from '../server/db/connect.js';
import { migrateToLatest } from '../server/db/migrate.js';
import { checkTimeRollups, rebuildTimeRollupsSafely } from '../server/db/rollups.js';
import { AppError } from '../server/errors.js';
import { createRuntime } from '../server/runtime.js';
import { serve } from '../server/main.js';
import { createCompanyWithAdmin } from '../server/modules/onboarding/onboarding.service.js';
import { findAccountByEmail } from '../server/auth/accounts.store.js';
import { createPeople, resetToken, setPassword } from '../server/modules/users/index.js';
import { SECURITY_LEVELS, type SecurityLevel } from '../server/lib/permissions.js';
import { createDemo } from './demo.js';

const USAGE = `Usage: punchclock <command> [options]

Commands:
  serve                                  start the server (HOST, PORT, DATABASE_URL, PUNCHCLOCK_DATA_DIR)
  migrate                                apply database migrations
  company create --name NAME --admin-email EMAIL --admin-password PASSWORD [--admin-name NAME] [--json]
  user create --company-id ID --name NAME --email EMAIL [--password PASSWORD]
              [--security-level STANDARD|MANAGER|ADMIN] [--json]
  user set-password --email EMAIL --password PASSWORD
  token reset --email EMAIL [--json]     issue a new API token; the old one stops working at once
  demo [--admin-email EMAIL] [--admin-password PASSWORD] [--json]
                                         a company with sample people, jobs, last week's time and expenses
  rollups check [--company-id ID] [--json]
                                         compare the report rollups with the time entries (exit 1 if they differ)
  rollups rebuild [--company-id ID]      recompute the report rollups from the time entries
`;

class UsageError extends Error {}

function need(values: Record<string, unknown>, name: string): string {
  const v = values[name];
  if (typeof v !== 'string' || v.trim() === '') throw new UsageError(`--${name} is required`);
  return v;
}

function print(json: boolean, data: Record<string, unknown>, human: string): void {
  process.stdout.write(json ? JSON.stringify(data) + '\n' : human + '\n');
}

async function withRuntime<T>(
  fn: (deps: Awaited<ReturnType<typeof createRuntime>>['deps']) => Promise<T>,
): Promise<T> {
  const runtime = await createRuntime(loadConfig());
  try {
    return await fn(runtime.deps);
  } finally {
    await runtime.close();
  }
}

/** The store alone, migrated (no runtime: these commands touch no company settings or caches). */
async function withStore<T>(fn: (store: ReturnType<typeof openStore>) => Promise<T>): Promise<T> {
  const config = loadConfig();
  const store = openStore(config.databaseUrl, config.dataDir);
  try {
    await migrateToLatest(store);
    return await fn(store);
  } finally {
    await store.close();
  }
}

export async function run(argv: string[]): Promise<number> {
  const [command, sub, ...rest] = argv;
  const options = {
    name: { type: 'string' },
    'admin-email': { type: 'string' },
    'admin-password': { type: 'string' },
    'admin-name': { type: 'string' },
    'company-id': { type: 'string' },
    email: { type: 'string' },
    password: { type: 'string' },
    'security-level': { type: 'string' },
    json: { type: 'boolean', default: false },
    help: { type: 'boolean', short: 'h', default: false },
  } as const;
  try {
    if (!command || command === 'help' || command === '--help' || command === '-h') {
      process.stdout.write(USAGE);
      return 0;
    }
    if (command === 'serve') {
      await serve();
      return -1; // keep running
    }
    if (command === 'migrate') {
      const config = loadConfig();
      const store = openStore(config.databaseUrl, config.dataDir);
      try {
        const applied = await migrateToLatest(store);
        process.stdout.write(
          applied.length ? `applied: ${applied.join(', ')}\n` : 'the database is up to date\n',
        );
      } finally {
        await store.close();
      }
      return 0;
    }
    if (command === 'demo') {
      const { values } = parseArgs({ args: [sub, ...rest].filter((a) => a !== undefined), options });
      const demo = await withRuntime((deps) =>
        createDemo(deps, {
          ...(values['admin-email'] ? { adminEmail: values['admin-email'] } : {}),
          ...(values['admin-password'] ? { adminPassword: values['admin-password'] } : {}),
        }),
      );
      print(
        values.json === true,
        { ...demo },
        `Created demo company ${demo.CompanyID}; sign in as ${demo.Email} with "${demo.Password}" (token ${demo.Token}).\n` +
          demo.People.map((p) => `  ${p.Name} <${p.Email}> password "${p.Password}"`).join('\n'),
      );
      return 0;
    }
    const { values } = parseArgs({ args: rest, options, allowPositionals: false });
    const json = values.json === true;
    const key = `${command} ${sub ?? ''}`;
    switch (key) {
      case 'company create': {
        const result = await withRuntime((deps) =>
          createCompanyWithAdmin(deps, {
            companyName: need(values, 'name'),
            adminEmail: need(values, 'admin-email'),
            adminPassword: need(values, 'admin-password'),
            ...(values['admin-name'] ? { adminName: values['admin-name'] } : {}),
          }),
        );
        print(
          json,
          { ...result },
          `Created company ${result.CompanyID}; admin ${result.Email} (${result.UserID}); token ${result.Token}`,
        );
        return 0;
      }
      case 'user create': {
        const level = (values['security-level'] ?? 'STANDARD').toUpperCase();
        if (!SECURITY_LEVELS.includes(level as SecurityLevel))
          throw new UsageError('--security-level must be STANDARD, MANAGER or ADMIN');
        const result = await withRuntime(async (deps) => {
          const companyId = need(values, 'company-id');
          // The CLI acts as the deployment operator: an Admin of the named company.
          const operator = {
            companyId,
            userId: '',
            securityLevel: 'ADMIN' as const,
            permissions: new Map(),
            permissionDivisionIds: [],
          };
          const company = await deps.db
            .selectFrom('companies')
            .select('id')
            .where('id', '=', companyId)
            .executeTakeFirst();
          if (!company) throw new UsageError(`no company with ID ${companyId}`);
          const created = await createPeople(
            deps,
            operator,
            'root',
            [
              {
                Name: need(values, 'name'),
                Email: need(values, 'email'),
                SecurityLevel: level as SecurityLevel,
                ...(values.password ? { Password: values.password } : {}),
              },
            ],
            {
              batch: false,
              baseUrl: deps.config.publicUrl ?? `http://${deps.config.host}:${deps.config.port}`,
            },
          );
          const user = created.users[0]!;
          return { UserID: user.id, Email: user.email, Invitation: created.invitations[0]?.URL ?? null };
        });
        print(
          json,
          result,
          `Created ${result.Email} (${result.UserID})${result.Invitation ? `; invitation: ${result.Invitation}` : ''}`,
        );
        return 0;
      }
      case 'user set-password': {
        await withRuntime(async (deps) => {
          const account = await findAccountByEmail(deps.db, need(values, 'email'));
          if (!account) throw new UsageError('no user with that email');
          await setPassword(deps, account.companyId, account.userId, need(values, 'password'));
        });
        print(json, { ok: true }, 'Password set.');
        return 0;
      }
      case 'token reset': {
        const token = await withRuntime(async (deps) => {
          const account = await findAccountByEmail(deps.db, need(values, 'email'));
          if (!account) throw new UsageError('no user with that email');
          return resetToken(deps, account.companyId, account.userId);
        });
        print(json, token, `New token: ${token.Token}`);
        return 0;
      }
      case 'rollups check': {
        const companyId = values['company-id'];
        const mismatches = await withStore((store) => checkTimeRollups(store.db, companyId));
        print(
          json,
          { ok: mismatches.length === 0, mismatches },
          mismatches.length === 0
            ? 'The report rollups agree with the time entries.'
            : `${mismatches.length} rollup rows differ from the time entries; run \`punchclock rollups rebuild\`:\n` +
                mismatches
                  .slice(0, 20)
                  .map((m) => `  ${m.table} ${m.key}: stored ${m.stored}, expected ${m.expected}`)
                  .join('\n'),
        );
        return mismatches.length === 0 ? 0 : 1;
      }
      case 'rollups rebuild': {
        const companyId = values['company-id'];
        await withStore((store) => rebuildTimeRollupsSafely(store.db, store.dialect, companyId));
        print(json, { ok: true }, 'Report rollups rebuilt from the time entries.');
        return 0;
      }
      default:
        throw new UsageError(`unknown command: ${key.trim()}`);
    }
  } catch (error) {
    if (error instanceof UsageError || (error as { code?: string }).code?.startsWith('ERR_PARSE_ARGS')) {
      process.stderr.write(`punchclock: ${(error as Error).message}\n\n${USAGE}`);
      return 2;
    }
    if (error instanceof AppError) {
      process.stderr.write(`punchclock: ${error.errors.map((e) => e.Message).join(' ')}\n`);
      return 1;
    }
    process.stderr.write(`punchclock: ${(error as Error).stack ?? String(error)}\n`);
    return 1;
  }
}

const code = await run(process.argv.slice(2));
if (code >= 0) process.exitCode = code;
