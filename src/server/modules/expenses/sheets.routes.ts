/**
 * /Me/ExpenseSheets, /ExpenseSheets and /Manage/ExpenseSheets (API.md §4.12). No business rules here.
 */
import type { FastifyInstance } from 'fastify';
import { Type } from '@sinclair/typebox';
import {
  ActionItem,
  EXPENSE_SHEET_STATUSES,
  ExpenseSheet,
  ExpenseSheetActionBody,
  ExpenseSheetCreate,
  ExpenseSheetCreateMe,
  ExpenseSheetHistory,
  ExpenseSheetStatus,
  ExpenseSheetUpdate,
} from '../../../contract/expenses.js';
import type { Deps } from '../../deps.js';
import { actorOf } from '../../http/auth.js';
import { created, deleted, list, ok } from '../../http/envelope.js';
import { pageOf, readPaging } from '../../http/paging.js';
import type { QueryReader } from '../../http/query.js';
import { paramOf, queryOf } from '../../http/request.js';
import {
  bools,
  createSchema,
  deleteSchema,
  listSchema,
  oneSchema,
  paging,
  strs,
  verbose,
} from '../../http/schemas.js';
import { parseBatch, parseBody } from '../../http/validate.js';
import type { Actor } from '../../lib/permissions.js';
import { toHistoryWire, toSheetWire } from './expenses.mapper.js';
import { refuseNul } from './expenses.guard.js';
import type { ExpenseScope } from './expenses.policy.js';
import { readSortBy } from './expenses.query.js';
import {
  createSheets,
  getSheetFor,
  historyUsers,
  listSheetActions,
  listSheetsFor,
  performSheetAction,
  removeSheet,
  sheetEmbeds,
  sheetHistory,
  sheetTemplate,
  updateSheet,
} from './sheets.service.js';
import { SHEET_SORT_KEYS, type SheetFilter, type SheetRecord } from './sheets.store.js';

const TAGS: Record<ExpenseScope, string[]> = {
  me: ['Me/ExpenseSheets'],
  root: ['ExpenseSheets'],
  manage: ['Manage/ExpenseSheets'],
};

function filterDocs(scope: ExpenseScope) {
  return {
    ID: strs(),
    FromExpenseSheetDate: Type.Optional(Type.String({ format: 'date' })),
    ToExpenseSheetDate: Type.Optional(Type.String({ format: 'date' })),
    Status: Type.Optional(Type.Array(ExpenseSheetStatus)),
    Paid: bools(),
    SortBy: Type.Optional(
      Type.String({ description: `One of ${SHEET_SORT_KEYS.join('|')}; "-" in front for descending` }),
    ),
    ...(scope === 'me'
      ? {}
      : {
          UserID: strs(),
          UserIsActive: bools(),
          DivisionID: strs(),
          EmploymentTypeID: strs(),
          ExpenseDate: Type.Optional(
            Type.Array(Type.String({ format: 'date' }), { description: 'Expense sheet dates' }),
          ),
          ...(scope === 'root' ? { ExpenseApproverID: strs() } : {}),
        }),
    ...paging,
    ...verbose,
  };
}

function readFilter(q: QueryReader, scope: ExpenseScope): Omit<SheetFilter, 'reach'> {
  const filter: Omit<SheetFilter, 'reach'> = {};
  const set = <K extends keyof typeof filter>(key: K, value: (typeof filter)[K] | undefined) => {
    if (value !== undefined) filter[key] = value;
  };
  set('ids', q.strings('ID'));
  set('fromDate', q.date('FromExpenseSheetDate'));
  set('toDate', q.date('ToExpenseSheetDate'));
  set('statuses', q.oneOf('Status', EXPENSE_SHEET_STATUSES));
  set('paid', q.bools('Paid'));
  if (scope !== 'me') {
    set('userIds', q.strings('UserID'));
    set('userIsActive', q.bools('UserIsActive'));
    set('divisionIds', q.strings('DivisionID'));
    set('employmentTypeIds', q.strings('EmploymentTypeID'));
    set('sheetDates', q.dates('ExpenseDate'));
    if (scope === 'root') set('expenseApproverIds', q.strings('ExpenseApproverID'));
  }
  return filter;
}

const variantOf = (scope: ExpenseScope) => (scope === 'me' ? 'me' : 'root');

async function wire(
  deps: Deps,
  actor: Actor,
  scope: ExpenseScope,
  sheets: SheetRecord[],
  isVerbose: boolean,
) {
  const embeds = isVerbose ? await sheetEmbeds(deps, actor, scope, sheets) : undefined;
  return sheets.map((s) => toSheetWire(s, variantOf(scope), embeds));
}

const warningsMeta = (warnings: string[]) =>
  warnings.length ? { Warnings: [...new Set(warnings)] } : undefined;

function sheetRoutes(app: FastifyInstance, deps: Deps, scope: ExpenseScope, base: string) {
  const tags = TAGS[scope];
  const createBody = scope === 'me' ? ExpenseSheetCreateMe : ExpenseSheetCreate;

  app.get(
    base,
    { schema: listSchema({ tags, summary: 'List expense sheets', query: filterDocs(scope) }, ExpenseSheet) },
    async (request, reply) => {
      const actor = actorOf(request);
      const q = queryOf(request);
      const filter = readFilter(q, scope);
      const sort = readSortBy(q, SHEET_SORT_KEYS);
      const page = readPaging(q);
      const isVerbose = q.verbose;
      q.done();
      const { rows, count } = await listSheetsFor(deps, actor, scope, { filter, sort, paging: page });
      return list(reply, await wire(deps, actor, scope, rows, isVerbose), pageOf(request, count, page));
    },
  );

  app.post(
    base,
    {
      schema: createSchema(
        { tags, summary: 'Create one or many expense sheets', body: createBody },
        ExpenseSheet,
      ),
    },
    async (request, reply) => {
      const actor = actorOf(request);
      const { items, batch } = parseBatch(createBody, request.body);
      const records = await createSheets(deps, actor, scope, items, batch);
      const data = await wire(deps, actor, scope, records, false);
      return created(reply, batch ? data : data[0]);
    },
  );

  app.get(
    `${base}/:expenseSheetID`,
    { schema: oneSchema({ tags, summary: 'Get an expense sheet', query: verbose }, ExpenseSheet) },
    async (request, reply) => {
      const actor = actorOf(request);
      const q = queryOf(request);
      const isVerbose = q.verbose;
      q.done();
      const sheet = await getSheetFor(deps, actor, scope, paramOf(request, 'expenseSheetID'));
      const [data] = await wire(deps, actor, scope, [sheet], isVerbose);
      return ok(reply, data);
    },
  );

  app.patch(
    `${base}/:expenseSheetID`,
    {
      schema: oneSchema({ tags, summary: 'Change an expense sheet', body: ExpenseSheetUpdate }, ExpenseSheet),
    },
    async (request, reply) => {
      const actor = actorOf(request);
      const input = parseBody(ExpenseSheetUpdate, request.body);
      const sheet = await updateSheet(deps, actor, scope, paramOf(request, 'expenseSheetID'), input);
      const [data] = await wire(deps, actor, scope, [sheet], false);
      return ok(reply, data);
    },
  );

  app.delete(
    `${base}/:expenseSheetID`,
    { schema: deleteSchema({ tags, summary: 'Delete an expense sheet with its items' }) },
    async (request, reply) => {
      await removeSheet(deps, actorOf(request), scope, paramOf(request, 'expenseSheetID'));
      return deleted(reply);
    },
  );

  // GET …/Actions: /Me answers [{Action}], the root and /Manage scopes plain strings (CATALOGUE).
  app.get(
    `${base}/:expenseSheetID/Actions`,
    {
      schema: oneSchema(
        { tags, summary: 'The workflow actions the caller may perform now' },
        scope === 'me' ? Type.Array(ActionItem) : Type.Array(Type.String()),
      ),
    },
    async (request, reply) => {
      const actions = await listSheetActions(
        deps,
        actorOf(request),
        scope,
        paramOf(request, 'expenseSheetID'),
      );
      return ok(reply, scope === 'me' ? actions.map((Action) => ({ Action })) : actions);
    },
  );

  app.post(
    `${base}/:expenseSheetID/Actions`,
    {
      schema: oneSchema(
        { tags, summary: 'Perform a workflow action', body: ExpenseSheetActionBody },
        ExpenseSheet,
      ),
    },
    async (request, reply) => {
      const actor = actorOf(request);
      const body = parseBody(ExpenseSheetActionBody, request.body);
      const { sheet, warnings } = await performSheetAction(
        deps,
        actor,
        scope,
        paramOf(request, 'expenseSheetID'),
        body,
      );
      const [data] = await wire(deps, actor, scope, [sheet], false);
      return ok(reply, data, warningsMeta(warnings));
    },
  );

  app.get(
    `${base}/:expenseSheetID/History`,
    {
      schema: listSchema(
        { tags, summary: 'Workflow history, newest first', query: { ...paging, ...verbose } },
        ExpenseSheetHistory,
      ),
    },
    async (request, reply) => {
      const actor = actorOf(request);
      const q = queryOf(request);
      const page = readPaging(q);
      const isVerbose = q.verbose;
      q.done();
      const { rows, count } = await sheetHistory(
        deps,
        actor,
        scope,
        paramOf(request, 'expenseSheetID'),
        page,
      );
      const users = isVerbose
        ? await historyUsers(
            deps,
            actor,
            rows.map((h) => h.actionByUserId),
          )
        : undefined;
      return list(
        reply,
        rows.map((h) => toHistoryWire(h, users)),
        pageOf(request, count, page),
      );
    },
  );
}

export async function expenseSheetsRoutes(app: FastifyInstance, { deps }: { deps: Deps }) {
  app.addHook('preHandler', refuseNul);
  app.get(
    '/ExpenseSheets/new',
    {
      schema: oneSchema(
        { tags: TAGS.root, summary: 'Template of a new expense sheet (nothing stored)' },
        ExpenseSheet,
      ),
    },
    async (request, reply) => ok(reply, toSheetWire(await sheetTemplate(deps, actorOf(request)), 'root')),
  );
  sheetRoutes(app, deps, 'me', '/Me/ExpenseSheets');
  sheetRoutes(app, deps, 'root', '/ExpenseSheets');
  sheetRoutes(app, deps, 'manage', '/Manage/ExpenseSheets');
}
