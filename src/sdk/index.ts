/**
 * Punchclock SDK: a typed client for the ClickTime-compatible v2 API, for Node 20+ and browsers.
 * See docs/sdk.md.
 */
export { PunchclockClient, type ClientOptions, type SheetCollection } from './client.js';
export {
  association,
  collection,
  readCollection,
  type Association,
  type Collection,
  type ListParams,
  type Many,
  type ReadCollection,
} from './collection.js';
export { isApiError, PunchclockApiError, PunchclockNetworkError } from './errors.js';
export { Paginated, type PageOf, type PagingOptions } from './paging.js';
export {
  toQueryString,
  Transport,
  type Auth,
  type Envelope,
  type Query,
  type RequestOptions,
  type Result,
  type TransportOptions,
} from './transport.js';
export type * from './types.js';
