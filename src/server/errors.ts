/**
 * Domain errors. Every code maps to exactly one HTTP status in ERROR_STATUS; a code without a status
 * does not typecheck. docs/errors.md lists every code.
 */

export const ERROR_STATUS = {
  // 400
  invalid_request: 400,
  invalid_field: 400,
  invalid_json: 400,
  invalid_query: 400,
  invalid_action: 400,
  // 401
  unauthenticated: 401,
  basic_not_allowed: 401,
  // 403
  forbidden: 403,
  module_disabled: 403,
  // 404
  not_found: 404,
  // 405
  method_not_allowed: 405,
  // 409
  conflict: 409,
  email_taken: 409,
  in_use: 409,
  invalid_state: 409,
  // 413
  payload_too_large: 413,
  // 415
  unsupported_media_type: 415,
  // 429
  throttled: 429,
  rate_limited: 429,
  // 500
  internal: 500,
} as const satisfies Record<string, number>;

export type ErrorCode = keyof typeof ERROR_STATUS;

/** One item of the ClickTime error list (DECISIONS 4). */
export interface FieldError {
  Field: string | null;
  Message: string;
  MessageDetail: string[];
}

export function fieldError(field: string | null, message: string, detail: string[] = []): FieldError {
  return { Field: field, Message: message, MessageDetail: detail };
}

export class AppError extends Error {
  readonly status: number;
  readonly errors: FieldError[];
  readonly headers: Record<string, string>;

  constructor(
    readonly code: ErrorCode,
    message: string,
    options: { errors?: FieldError[]; headers?: Record<string, string>; field?: string | null } = {},
  ) {
    super(message);
    this.status = ERROR_STATUS[code];
    this.errors = options.errors ?? [fieldError(options.field ?? null, message, [code])];
    this.headers = options.headers ?? {};
  }
}

export const notFound = (what = 'resource'): AppError =>
  new AppError('not_found', `The requested ${what} was not found.`);

export const forbidden = (message = 'You do not have permission to do this.'): AppError =>
  new AppError('forbidden', message);

export const invalidField = (field: string, message: string): AppError =>
  new AppError('invalid_field', message, { field });

/** Collects several field errors so that a 400 lists every invalid field, not only the first. */
export class FieldErrors {
  readonly list: FieldError[] = [];
  add(field: string | null, message: string, detail: string[] = []): void {
    this.list.push(fieldError(field, message, detail));
  }
  get empty(): boolean {
    return this.list.length === 0;
  }
  throwIfAny(code: ErrorCode = 'invalid_field'): void {
    if (this.list.length > 0) {
      throw new AppError(code, this.list[0]!.Message, { errors: this.list });
    }
  }
}
