/**
 * /Me/ExpenseItems, /ExpenseItems and /Manage/ExpenseItems (API.md §4.12), and the receipt download
 * (an extension: ClickTime only says that items carry a ReceiptURL). No business rules here.
 */
import type { FastifyInstance } from 'fastify';
import { Type } from '@sinclair/typebox';
import {
  EXPENSE_SHEET_STATUSES,
  ExpenseItem,
  ExpenseItemCreate,
  ExpenseItemCreateMe,
  ExpenseItemUpdate,
  ExpenseItemUpdateMe,
  ExpenseSheetStatus,
} from '../../../contract/expenses.js';
import { ErrorEnvelope } from '../../../contract/common.js';
import type { Deps } from '../../deps.js';
import { actorOf } from '../../http/auth.js';
import { created, deleted, list, ok } from '../../http/envelope.js';
import { pageOf, readPaging } from '../../http/paging.js';
import type { QueryReader } from '../../http/query.js';
import { paramOf, publicBaseUrl, queryOf } from '../../http/request.js';
import {
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
import { toItemWire, type Variant } from './expenses.mapper.js';
import { refuseNul } from './expenses.guard.js';
import type { ExpenseScope } from './expenses.policy.js';
import { readAmounts, readSortBy } from './expenses.query.js';
import { RECEIPT_EXTENSION, type StoredReceiptType } from './expenses.receipts.js';
import {
  createItems,
  getItemFor,
  getReceipt,
  itemEmbeds,
  itemTemplate,
  listItemsFor,
  removeItem,
  updateItem,
  type ItemInput,
} from './items.service.js';
import { ITEM_SORT_KEYS, type ItemFilter, type ItemRecord } from './items.store.js';

const TAGS: Record<ExpenseScope, string[]> = {
  me: ['Me/ExpenseItems'],
  root: ['ExpenseItems'],
  manage: ['Manage/ExpenseItems'],
};

function filterDocs(scope: ExpenseScope) {
  return {
    ID: strs(),
    Amount: Type.Optional(Type.Array(Type.Number())),
    ExpenseDate: Type.Optional(Type.Array(Type.String({ format: 'date' }))),
    ExpenseSheetID: strs(),
    ExpenseSheetStatus: Type.Optional(Type.Array(ExpenseSheetStatus)),
    ExpenseTypeID: strs(),
    JobID: strs(),
    FromExpenseDate: Type.Optional(Type.String({ format: 'date' })),
    ToExpenseDate: Type.Optional(Type.String({ format: 'date' })),
    SortBy: Type.Optional(
      Type.String({ description: `One of ${ITEM_SORT_KEYS.join('|')}; "-" in front for descending` }),
    ),
    ...(scope === 'me' ? {} : { UserID: strs() }),
    ...paging,
    ...verbose,
  };
}

function readFilter(q: QueryReader, scope: ExpenseScope): Omit<ItemFilter, 'reach'> {
  const filter: Omit<ItemFilter, 'reach'> = {};
  const set = <K extends keyof typeof filter>(key: K, value: (typeof filter)[K] | undefined) => {
    if (value !== undefined) filter[key] = value;
  };
  set('ids', q.strings('ID'));
  set('amounts', readAmounts(q, 'Amount'));
  set('expenseDates', q.dates('ExpenseDate'));
  set('sheetIds', q.strings('ExpenseSheetID'));
  set('sheetStatuses', q.oneOf('ExpenseSheetStatus', EXPENSE_SHEET_STATUSES));
  set('typeIds', q.strings('ExpenseTypeID'));
  set('jobIds', q.strings('JobID'));
  set('fromDate', q.date('FromExpenseDate'));
  set('toDate', q.date('ToExpenseDate'));
  if (scope !== 'me') set('userIds', q.strings('UserID'));
  return filter;
}

const warningsMeta = (warnings: string[]) =>
  warnings.length ? { Warnings: [...new Set(warnings)] } : undefined;

function itemRoutes(app: FastifyInstance, deps: Deps, scope: ExpenseScope, base: string) {
  const tags = TAGS[scope];
  const createBody = scope === 'me' ? ExpenseItemCreateMe : ExpenseItemCreate;
  const updateBody = scope === 'me' ? ExpenseItemUpdateMe : ExpenseItemUpdate;
  // CATALOGUE: /Me GETs answer the root model (with UserID); /Me POST and PATCH the /Me model.
  const readVariant: Variant = 'root';
  const writeVariant: Variant = scope === 'me' ? 'me' : 'root';

  async function wire(
    actor: Actor,
    items: ItemRecord[],
    o: { variant: Variant; currency: string; baseUrl: string; verbose: boolean },
  ) {
    const embeds = o.verbose ? await itemEmbeds(deps, actor, items) : undefined;
    return items.map((i) =>
      toItemWire(i, {
        variant: o.variant,
        currency: o.currency,
        baseUrl: o.baseUrl,
        ...(embeds ? { embeds } : {}),
      }),
    );
  }

  app.get(
    base,
    { schema: listSchema({ tags, summary: 'List expense items', query: filterDocs(scope) }, ExpenseItem) },
    async (request, reply) => {
      const actor = actorOf(request);
      const q = queryOf(request);
      const filter = readFilter(q, scope);
      const sort = readSortBy(q, ITEM_SORT_KEYS);
      const page = readPaging(q);
      const isVerbose = q.verbose;
      q.done();
      const { rows, count, currency } = await listItemsFor(deps, actor, scope, {
        filter,
        sort,
        paging: page,
      });
      const data = await wire(actor, rows, {
        variant: readVariant,
        currency,
        baseUrl: publicBaseUrl(deps, request),
        verbose: isVerbose,
      });
      return list(reply, data, pageOf(request, count, page));
    },
  );

  app.post(
    base,
    {
      schema: createSchema(
        { tags, summary: 'Create one or many expense items', body: createBody },
        ExpenseItem,
      ),
    },
    async (request, reply) => {
      const actor = actorOf(request);
      const { items: inputs, batch } = parseBatch(createBody, request.body);
      const { items, warnings, currency } = await createItems(deps, actor, scope, inputs, batch);
      const data = await wire(actor, items, {
        variant: writeVariant,
        currency,
        baseUrl: publicBaseUrl(deps, request),
        verbose: false,
      });
      return created(reply, batch ? data : data[0], warningsMeta(warnings));
    },
  );

  app.get(
    `${base}/:expenseItemID`,
    { schema: oneSchema({ tags, summary: 'Get an expense item', query: verbose }, ExpenseItem) },
    async (request, reply) => {
      const actor = actorOf(request);
      const q = queryOf(request);
      const isVerbose = q.verbose;
      q.done();
      const { item, currency } = await getItemFor(deps, actor, scope, paramOf(request, 'expenseItemID'));
      const [data] = await wire(actor, [item], {
        variant: readVariant,
        currency,
        baseUrl: publicBaseUrl(deps, request),
        verbose: isVerbose,
      });
      return ok(reply, data);
    },
  );

  app.patch(
    `${base}/:expenseItemID`,
    { schema: oneSchema({ tags, summary: 'Change an expense item', body: updateBody }, ExpenseItem) },
    async (request, reply) => {
      const actor = actorOf(request);
      const input = parseBody(updateBody, request.body) as ItemInput;
      const { item, warnings, currency } = await updateItem(
        deps,
        actor,
        scope,
        paramOf(request, 'expenseItemID'),
        input,
      );
      const [data] = await wire(actor, [item], {
        variant: writeVariant,
        currency,
        baseUrl: publicBaseUrl(deps, request),
        verbose: false,
      });
      return ok(reply, data, warningsMeta(warnings));
    },
  );

  app.delete(
    `${base}/:expenseItemID`,
    { schema: deleteSchema({ tags, summary: 'Delete an expense item' }) },
    async (request, reply) => {
      await removeItem(deps, actorOf(request), scope, paramOf(request, 'expenseItemID'));
      return deleted(reply);
    },
  );
}

export async function expenseItemsRoutes(app: FastifyInstance, { deps }: { deps: Deps }) {
  app.addHook('preHandler', refuseNul);
  app.get(
    '/ExpenseItems/new',
    {
      schema: oneSchema(
        { tags: TAGS.root, summary: 'Template of a new expense item (nothing stored)' },
        ExpenseItem,
      ),
    },
    async (request, reply) => {
      const { item, currency } = await itemTemplate(deps, actorOf(request));
      return ok(
        reply,
        toItemWire(item, { variant: 'root', currency, baseUrl: publicBaseUrl(deps, request) }),
      );
    },
  );

  app.get(
    '/ExpenseItems/:expenseItemID/Receipt',
    {
      schema: {
        tags: TAGS.root,
        summary: "Download an expense item's receipt (the item's ReceiptURL)",
        description: 'Punchclock extension (not in ClickTime v2). Answers the image or PDF itself, not JSON.',
        'x-extension': true,
        security: [{ Token: [] }],
        response: {
          200: {
            description: 'The receipt, with its image or PDF Content-Type',
            type: 'string',
            format: 'binary',
          },
          401: ErrorEnvelope,
          403: ErrorEnvelope,
          404: ErrorEnvelope,
        },
      },
    },
    async (request, reply) => {
      const id = paramOf(request, 'expenseItemID');
      const receipt = await getReceipt(deps, actorOf(request), id);
      const extension = RECEIPT_EXTENSION[receipt.type as StoredReceiptType] ?? 'bin';
      return reply
        .code(200)
        .header('Content-Type', receipt.type)
        .header('Content-Disposition', `inline; filename="receipt-${id.replace(/[^\w-]/g, '')}.${extension}"`)
        .header('X-Content-Type-Options', 'nosniff')
        .header('Cache-Control', 'private, no-store')
        .send(receipt.data);
    },
  );

  itemRoutes(app, deps, 'me', '/Me/ExpenseItems');
  itemRoutes(app, deps, 'root', '/ExpenseItems');
  itemRoutes(app, deps, 'manage', '/Manage/ExpenseItems');
}
