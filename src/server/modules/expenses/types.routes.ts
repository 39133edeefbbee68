/**
 * /ExpenseTypes, /PaymentTypes, /Currencies and /Me/Currencies (API.md §4.12). Reading is ClickTime's;
 * creating, changing and re-applying a mileage rate are Punchclock extensions (DECISIONS 25, 26).
 */
import type { FastifyInstance } from 'fastify';
import {
  Currency,
  ExpenseType,
  ExpenseTypeCreate,
  ExpenseTypeUpdate,
  PaymentType,
  PaymentTypeCreate,
  PaymentTypeUpdate,
  ReapplyRateResult,
} from '../../../contract/expenses.js';
import type { Deps } from '../../deps.js';
import { actorOf } from '../../http/auth.js';
import { created, list, ok } from '../../http/envelope.js';
import { pageOf, readPaging } from '../../http/paging.js';
import type { QueryReader } from '../../http/query.js';
import { paramOf, queryOf } from '../../http/request.js';
import { bools, createSchema, listSchema, oneSchema, paging, strs } from '../../http/schemas.js';
import { parseBatch, parseBody } from '../../http/validate.js';
import { rateOut } from './expenses.money.js';
import { toCurrencyWire, toExpenseTypeWire, toPaymentTypeWire } from './expenses.mapper.js';
import { refuseNul } from './expenses.guard.js';
import { seesTypeDetails } from './expenses.policy.js';
import { reapplyTypeRate } from './items.service.js';
import {
  createExpenseTypes,
  createPaymentTypes,
  getCurrency,
  getExpenseType,
  getPaymentType,
  listCurrencies,
  listExpenseTypesFor,
  listPaymentTypesFor,
  paymentTypeTemplate,
  updateExpenseType,
  updatePaymentType,
} from './types.service.js';
import type { TypeFilter } from './types.store.js';

function readTypeFilter(q: QueryReader, withReimbursable: boolean): TypeFilter {
  const filter: TypeFilter = {};
  const ids = q.strings('ID');
  const names = q.strings('Name', { keepWhole: true });
  const isActive = q.bools('IsActive');
  if (ids) filter.ids = ids;
  if (names) filter.names = names;
  if (isActive) filter.isActive = isActive;
  if (withReimbursable) {
    const reimbursable = q.bools('Reimbursable');
    if (reimbursable) filter.reimbursable = reimbursable;
  }
  return filter;
}

function expenseTypeRoutes(app: FastifyInstance, deps: Deps) {
  const tags = ['ExpenseTypes'];
  app.get(
    '/ExpenseTypes',
    {
      schema: listSchema(
        {
          tags,
          summary: 'List expense types',
          query: { ID: strs(), Name: strs(), IsActive: bools(), ...paging },
        },
        ExpenseType,
      ),
    },
    async (request, reply) => {
      const actor = actorOf(request);
      const q = queryOf(request);
      const filter = readTypeFilter(q, false);
      const page = readPaging(q);
      q.done();
      const { rows, count } = await listExpenseTypesFor(deps, actor, filter, page);
      const details = seesTypeDetails(actor, 'expense');
      return list(
        reply,
        rows.map((t) => toExpenseTypeWire(t, details)),
        pageOf(request, count, page),
      );
    },
  );

  app.get(
    '/ExpenseTypes/:expenseTypeID',
    { schema: oneSchema({ tags, summary: 'Get an expense type' }, ExpenseType) },
    async (request, reply) => {
      const actor = actorOf(request);
      const t = await getExpenseType(deps, actor, paramOf(request, 'expenseTypeID'));
      return ok(reply, toExpenseTypeWire(t, seesTypeDetails(actor, 'expense')));
    },
  );

  app.post(
    '/ExpenseTypes',
    {
      schema: createSchema(
        { tags, summary: 'Create expense types', body: ExpenseTypeCreate, extension: true },
        ExpenseType,
      ),
    },
    async (request, reply) => {
      const actor = actorOf(request);
      const { items, batch } = parseBatch(ExpenseTypeCreate, request.body);
      const data = (await createExpenseTypes(deps, actor, items, batch)).map((t) =>
        toExpenseTypeWire(t, true),
      );
      return created(reply, batch ? data : data[0]);
    },
  );

  app.patch(
    '/ExpenseTypes/:expenseTypeID',
    {
      schema: oneSchema(
        {
          tags,
          summary: 'Change an expense type (a new mileage Rate applies to new items; see ReapplyRate)',
          body: ExpenseTypeUpdate,
          extension: true,
        },
        ExpenseType,
      ),
    },
    async (request, reply) => {
      const actor = actorOf(request);
      const input = parseBody(ExpenseTypeUpdate, request.body);
      return ok(
        reply,
        toExpenseTypeWire(
          await updateExpenseType(deps, actor, paramOf(request, 'expenseTypeID'), input),
          true,
        ),
      );
    },
  );

  app.post(
    '/ExpenseTypes/:expenseTypeID/ReapplyRate',
    {
      schema: oneSchema(
        {
          tags,
          summary: "Admin: set a mileage type's current Rate on its items of sheets not yet approved",
          extension: true,
        },
        ReapplyRateResult,
      ),
    },
    async (request, reply) => {
      const result = await reapplyTypeRate(deps, actorOf(request), paramOf(request, 'expenseTypeID'));
      return ok(reply, {
        ExpenseTypeID: result.type.id,
        Rate: rateOut(result.type.rate) ?? 0,
        UpdatedItemCount: result.updatedItemCount,
        UpdatedExpenseSheetIDs: result.sheetIds,
      });
    },
  );
}

function paymentTypeRoutes(app: FastifyInstance, deps: Deps) {
  const tags = ['PaymentTypes'];
  app.get(
    '/PaymentTypes',
    {
      schema: listSchema(
        {
          tags,
          summary: 'List payment types',
          query: { ID: strs(), Name: strs(), IsActive: bools(), Reimbursable: bools(), ...paging },
        },
        PaymentType,
      ),
    },
    async (request, reply) => {
      const actor = actorOf(request);
      const q = queryOf(request);
      const filter = readTypeFilter(q, true);
      const page = readPaging(q);
      q.done();
      const { rows, count } = await listPaymentTypesFor(deps, actor, filter, page);
      const details = seesTypeDetails(actor, 'payment');
      return list(
        reply,
        rows.map((t) => toPaymentTypeWire(t, details)),
        pageOf(request, count, page),
      );
    },
  );

  app.get(
    '/PaymentTypes/new',
    { schema: oneSchema({ tags, summary: 'Template of a new payment type (nothing stored)' }, PaymentType) },
    async (request, reply) =>
      ok(reply, toPaymentTypeWire(await paymentTypeTemplate(deps, actorOf(request)), true)),
  );

  app.get(
    '/PaymentTypes/:paymentTypeID',
    { schema: oneSchema({ tags, summary: 'Get a payment type' }, PaymentType) },
    async (request, reply) => {
      const actor = actorOf(request);
      const t = await getPaymentType(deps, actor, paramOf(request, 'paymentTypeID'));
      return ok(reply, toPaymentTypeWire(t, seesTypeDetails(actor, 'payment')));
    },
  );

  app.post(
    '/PaymentTypes',
    {
      schema: createSchema(
        { tags, summary: 'Create payment types', body: PaymentTypeCreate, extension: true },
        PaymentType,
      ),
    },
    async (request, reply) => {
      const actor = actorOf(request);
      const { items, batch } = parseBatch(PaymentTypeCreate, request.body);
      const data = (await createPaymentTypes(deps, actor, items, batch)).map((t) =>
        toPaymentTypeWire(t, true),
      );
      return created(reply, batch ? data : data[0]);
    },
  );

  app.patch(
    '/PaymentTypes/:paymentTypeID',
    {
      schema: oneSchema(
        { tags, summary: 'Change a payment type', body: PaymentTypeUpdate, extension: true },
        PaymentType,
      ),
    },
    async (request, reply) => {
      const actor = actorOf(request);
      const input = parseBody(PaymentTypeUpdate, request.body);
      return ok(
        reply,
        toPaymentTypeWire(
          await updatePaymentType(deps, actor, paramOf(request, 'paymentTypeID'), input),
          true,
        ),
      );
    },
  );
}

function currencyRoutes(app: FastifyInstance, deps: Deps, base: string, tags: string[]) {
  app.get(
    base,
    {
      schema: listSchema(
        { tags, summary: 'List ISO-4217 currencies', query: { CurrencyISO: strs(), ...paging } },
        Currency,
      ),
    },
    async (request, reply) => {
      const actor = actorOf(request);
      const q = queryOf(request);
      const isos = q.strings('CurrencyISO');
      const page = readPaging(q);
      q.done();
      const { rows, count, companyCurrency } = await listCurrencies(deps, actor, isos, page);
      return list(
        reply,
        rows.map((c) => toCurrencyWire(c, companyCurrency)),
        pageOf(request, count, page),
      );
    },
  );
  app.get(
    `${base}/:currencyISO`,
    { schema: oneSchema({ tags, summary: 'Get a currency' }, Currency) },
    async (request, reply) => {
      const { currency, companyCurrency } = await getCurrency(
        deps,
        actorOf(request),
        paramOf(request, 'currencyISO'),
      );
      return ok(reply, toCurrencyWire(currency, companyCurrency));
    },
  );
}

export async function expenseTypesRoutes(app: FastifyInstance, { deps }: { deps: Deps }) {
  app.addHook('preHandler', refuseNul);
  expenseTypeRoutes(app, deps);
  paymentTypeRoutes(app, deps);
  currencyRoutes(app, deps, '/Currencies', ['Currencies']);
  currencyRoutes(app, deps, '/Me/Currencies', ['Me/Currencies']);
}
