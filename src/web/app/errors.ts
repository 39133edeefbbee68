/** Turns any failure into sentences a person can act on, from the envelope's `errors[].Message`. */
import { PunchclockApiError, PunchclockNetworkError } from '../../sdk/index.js';

export interface Described {
  title: string;
  messages: string[];
  requestId: string | null;
  /** Field name → message, for errors that belong next to an input. */
  fields: Record<string, string>;
  status: number | null;
}

function waitText(seconds: number | null): string {
  if (!seconds) return 'a few minutes';
  if (seconds < 90) return `${seconds} seconds`;
  const minutes = Math.ceil(seconds / 60);
  return `${minutes} minutes`;
}

export function describeError(error: unknown): Described {
  if (error instanceof PunchclockApiError) {
    const messages = error.errors.map((e) => e.Message);
    const fields = error.fieldErrors();
    switch (error.status) {
      case 401:
        return { title: 'Please sign in again.', messages, requestId: null, fields, status: 401 };
      case 403:
        return { title: 'You are not allowed to do that.', messages, requestId: null, fields, status: 403 };
      case 404:
        return { title: 'Not found.', messages, requestId: null, fields, status: 404 };
      case 409:
        return {
          title: 'That change is not possible right now.',
          messages,
          requestId: null,
          fields,
          status: 409,
        };
      case 429:
        return {
          title: `Too many attempts. Please wait ${waitText(error.retryAfter)} and try again.`,
          messages,
          requestId: null,
          fields,
          status: 429,
        };
      default:
        if (error.status >= 500) {
          return {
            title: 'Something went wrong on the server.',
            messages,
            requestId: error.requestId,
            fields,
            status: error.status,
          };
        }
        return {
          title: messages.length > 1 ? 'Please correct the following:' : 'Please check your entry.',
          messages,
          requestId: null,
          fields,
          status: error.status,
        };
    }
  }
  if (error instanceof PunchclockNetworkError) {
    return {
      title: 'Could not reach the Punchclock server.',
      messages: ['Check your connection and try again.'],
      requestId: null,
      fields: {},
      status: null,
    };
  }
  return {
    title: error instanceof Error ? error.message : 'Something went wrong.',
    messages: [],
    requestId: null,
    fields: {},
    status: null,
  };
}

export const fieldErrorsOf = (error: unknown): Record<string, string> =>
  error instanceof PunchclockApiError ? error.fieldErrors() : {};
