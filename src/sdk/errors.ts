/**
 * Errors the SDK throws. Every non-2xx answer (and a 2xx whose `errors` is not empty, which ClickTime
 * clients also treat as a failure, API.md §2.4) becomes a PunchclockApiError carrying the envelope's
 * error items and the server's RequestID.
 */
import type { ErrorItem } from '../contract/common.js';

export type { ErrorItem };

export class PunchclockApiError extends Error {
  override readonly name = 'PunchclockApiError';
  /** HTTP status (400, 401, 403, 404, 409, 413, 415, 429, 500, …). */
  readonly status: number;
  /** The envelope's `errors[]`: `{Field, Message, MessageDetail}`. Never empty. */
  readonly errors: ErrorItem[];
  /** `meta.RequestID` (or the `X-Request-ID` header): quote it when reporting a problem. */
  readonly requestId: string | null;
  /** Seconds to wait, from `Retry-After`, on a 429. */
  readonly retryAfter: number | null;
  readonly method: string;
  readonly url: string;

  constructor(init: {
    status: number;
    errors: ErrorItem[];
    requestId: string | null;
    retryAfter?: number | null;
    method: string;
    url: string;
  }) {
    const errors = init.errors.length
      ? init.errors
      : [{ Field: null, Message: `The server answered ${init.status}.`, MessageDetail: [] }];
    super(errors.map((e) => e.Message).join(' '));
    this.status = init.status;
    this.errors = errors;
    this.requestId = init.requestId;
    this.retryAfter = init.retryAfter ?? null;
    this.method = init.method;
    this.url = init.url;
  }

  /** The machine-readable code of the first error (`not_found`, `throttled`, `invalid_field`, …). */
  get code(): string | null {
    return this.errors[0]?.MessageDetail[0] ?? null;
  }

  /** Messages keyed by wire field name (`Email`, `[3].Hours`); errors without a field are left out. */
  fieldErrors(): Record<string, string> {
    const out: Record<string, string> = {};
    for (const e of this.errors) {
      if (e.Field && !(e.Field in out)) out[e.Field] = e.Message;
    }
    return out;
  }
}

/** The request never got an HTTP answer (offline, DNS, connection refused, aborted). */
export class PunchclockNetworkError extends Error {
  override readonly name = 'PunchclockNetworkError';
  constructor(
    readonly method: string,
    readonly url: string,
    options: { cause: unknown },
  ) {
    super(`Could not reach the Punchclock server (${method} ${url}).`, options);
  }
}

export const isApiError = (error: unknown, status?: number): error is PunchclockApiError =>
  error instanceof PunchclockApiError && (status === undefined || error.status === status);
