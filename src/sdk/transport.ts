/**
 * One HTTP exchange with a Punchclock (or ClickTime v2) server: authentication, the JSON envelope,
 * query strings and errors. Runs wherever `fetch` exists: Node 20 and every current browser.
 */
import type { ErrorItem, Page } from '../contract/common.js';
import { PunchclockApiError, PunchclockNetworkError } from './errors.js';

/** How the client proves who it is. */
export type Auth =
  /** `Authorization: Token {token}`: every /v2 endpoint. */
  | { kind: 'token'; token: string }
  /** `Authorization: Basic …`: only GET /Me (which returns the token) and POST /Me/ResetAuthToken. */
  | { kind: 'basic'; email: string; password: string }
  /**
   * The web app's session cookie (`POST /web/session`). The browser keeps the HttpOnly cookie; the client
   * sends `X-CSRF-Token` on every request that changes something. In Node the client keeps the cookie
   * itself.
   */
  | { kind: 'session'; csrfToken?: string | null }
  | { kind: 'none' };

export type QueryValue = string | number | boolean | null | undefined;
/** Query parameters; an array is sent as a repeated parameter (`?ID=a&ID=b`, DECISIONS 6). */
export type Query = Record<string, QueryValue | readonly QueryValue[]>;

export interface TransportOptions {
  /**
   * Where the server is, e.g. `http://127.0.0.1:8080`. A `/v2` suffix is accepted and ignored. Leave it
   * empty in a browser page served by Punchclock itself (same origin).
   */
  baseUrl?: string;
  auth?: Auth;
  /** A fetch implementation (defaults to the global one). */
  fetch?: typeof fetch;
  /** Extra headers on every request. */
  headers?: Record<string, string>;
  /** `fetch` credentials mode for session auth; `same-origin` by default. */
  credentials?: RequestCredentials;
}

export interface Envelope<T> {
  data: T;
  errors: ErrorItem[] | null;
  page: Page | null;
  meta: Record<string, unknown>;
  jsonapi?: { version: string };
}

/** What a call returned, beyond `data`. */
export interface Result<T> {
  data: T;
  page: Page | null;
  meta: Record<string, unknown>;
  /** `meta.Warnings`, when the server had something to say about an accepted change. */
  warnings: string[];
  requestId: string | null;
  status: number;
}

export interface RequestOptions {
  query?: Query;
  body?: unknown;
  signal?: AbortSignal;
  /** Send these credentials for this call only (e.g. Basic for POST /Me/ResetAuthToken). */
  auth?: Auth;
}

const SAFE = new Set(['GET', 'HEAD', 'OPTIONS']);
const SESSION_COOKIE = 'pc_session';

export function toQueryString(query: Query | undefined): string {
  if (!query) return '';
  const params = new URLSearchParams();
  for (const [name, value] of Object.entries(query)) {
    const values = Array.isArray(value) ? (value as readonly QueryValue[]) : [value as QueryValue];
    for (const v of values) {
      if (v === undefined || v === null) continue;
      params.append(name, String(v));
    }
  }
  const text = params.toString();
  return text ? `?${text}` : '';
}

function base64(text: string): string {
  const bytes = new TextEncoder().encode(text);
  let binary = '';
  for (const b of bytes) binary += String.fromCharCode(b);
  return btoa(binary);
}

function normaliseBase(baseUrl: string | undefined): string {
  let base = (baseUrl ?? '').trim().replace(/\/+$/, '');
  if (/\/v2$/i.test(base)) base = base.slice(0, -3);
  return base;
}

export class Transport {
  readonly baseUrl: string;
  private auth: Auth;
  private readonly fetchImpl: typeof fetch;
  private readonly headers: Record<string, string>;
  private readonly credentials: RequestCredentials;
  /** Node only: the session cookie, since there is no browser to keep it. */
  private cookie: string | null = null;
  private csrfPending: Promise<string | null> | null = null;

  constructor(options: TransportOptions = {}) {
    this.baseUrl = normaliseBase(options.baseUrl);
    this.auth = options.auth ?? { kind: 'none' };
    const f = options.fetch ?? globalThis.fetch;
    if (typeof f !== 'function') throw new Error('No fetch implementation: pass options.fetch.');
    // Bound, so that window.fetch is not called with another `this`.
    this.fetchImpl = f.bind(globalThis);
    this.headers = { ...options.headers };
    this.credentials = options.credentials ?? 'same-origin';
  }

  getAuth(): Auth {
    return this.auth;
  }

  setAuth(auth: Auth): void {
    this.auth = auth;
    if (auth.kind !== 'session') this.cookie = null;
  }

  /** The session's CSRF token, when the client knows it. */
  get csrfToken(): string | null {
    return this.auth.kind === 'session' ? (this.auth.csrfToken ?? null) : null;
  }

  setCsrfToken(token: string | null): void {
    if (this.auth.kind === 'session') this.auth = { kind: 'session', csrfToken: token };
  }

  /** An absolute or same-origin URL for a path such as `/v2/Users`. */
  url(path: string, query?: Query): string {
    return `${this.baseUrl}${path}${toQueryString(query)}`;
  }

  /** Calls the server and unwraps the envelope; throws PunchclockApiError for any failure. */
  async request<T>(method: string, path: string, options: RequestOptions = {}): Promise<Result<T>> {
    try {
      return await this.send<T>(method, path, options);
    } catch (error) {
      // A session that was replaced (signed in again in another tab) has a new CSRF token: learn it
      // and try once more.
      if (
        error instanceof PunchclockApiError &&
        error.status === 403 &&
        !options.auth &&
        this.auth.kind === 'session' &&
        this.auth.csrfToken &&
        error.message.includes('X-CSRF-Token')
      ) {
        this.setCsrfToken(null);
        return this.send<T>(method, path, options);
      }
      throw error;
    }
  }

  private async send<T>(method: string, path: string, options: RequestOptions): Promise<Result<T>> {
    const auth = options.auth ?? this.auth;
    const url = this.url(path, options.query);
    const headers: Record<string, string> = { Accept: 'application/json', ...this.headers };
    let body: string | undefined;
    if (options.body !== undefined) {
      headers['Content-Type'] = 'application/json';
      body = JSON.stringify(options.body);
    }
    const init: RequestInit = { method, headers };
    if (body !== undefined) init.body = body;
    if (options.signal) init.signal = options.signal;

    switch (auth.kind) {
      case 'token':
        headers.Authorization = `Token ${auth.token}`;
        break;
      case 'basic':
        headers.Authorization = `Basic ${base64(`${auth.email}:${auth.password}`)}`;
        break;
      case 'session': {
        init.credentials = this.credentials;
        if (this.cookie) headers.Cookie = this.cookie;
        // Signing in is the one state change that cannot carry the token: it creates the session.
        const signingIn = method === 'POST' && path === '/web/session';
        if (!SAFE.has(method) && !signingIn) {
          const csrf = auth === this.auth ? await this.ensureCsrf() : (auth.csrfToken ?? null);
          if (csrf) headers['X-CSRF-Token'] = csrf;
        }
        break;
      }
      case 'none':
        init.credentials = this.credentials;
        break;
    }

    let response: Response;
    try {
      response = await this.fetchImpl(url, init);
    } catch (cause) {
      throw new PunchclockNetworkError(method, url, { cause });
    }
    this.keepCookie(response);

    const requestIdHeader = response.headers.get('x-request-id');
    const text = await response.text();
    let envelope: Envelope<T> | undefined;
    if (text) {
      try {
        envelope = JSON.parse(text) as Envelope<T>;
      } catch {
        envelope = undefined;
      }
    }
    const errors = envelope?.errors ?? [];
    const meta = envelope?.meta ?? {};
    const requestId = (typeof meta.RequestID === 'string' ? meta.RequestID : null) ?? requestIdHeader;
    if (!response.ok || errors.length > 0 || (text && !envelope)) {
      const retry = Number(response.headers.get('retry-after'));
      throw new PunchclockApiError({
        status: response.status,
        errors: errors.length
          ? errors.map((e) => ({ ...e, MessageDetail: e.MessageDetail ?? [] }))
          : [
              {
                Field: null,
                Message: response.ok
                  ? 'The server sent an answer that is not JSON.'
                  : `The server answered ${response.status} ${response.statusText}.`.replace(' .', '.'),
                MessageDetail: [],
              },
            ],
        requestId,
        retryAfter: Number.isFinite(retry) && retry > 0 ? retry : null,
        method,
        url,
      });
    }
    const warnings = Array.isArray(meta.Warnings) ? (meta.Warnings as unknown[]).map(String) : [];
    return {
      data: (envelope?.data ?? null) as T,
      page: envelope?.page ?? null,
      meta,
      warnings,
      requestId,
      status: response.status,
    };
  }

  /** A JSON document that is not in the envelope (the OpenAPI document). */
  async json<T>(path: string): Promise<T> {
    const url = this.url(path);
    let response: Response;
    try {
      response = await this.fetchImpl(url, { headers: { Accept: 'application/json', ...this.headers } });
    } catch (cause) {
      throw new PunchclockNetworkError('GET', url, { cause });
    }
    if (!response.ok) {
      throw new PunchclockApiError({
        status: response.status,
        errors: [],
        requestId: response.headers.get('x-request-id'),
        method: 'GET',
        url,
      });
    }
    return (await response.json()) as T;
  }

  /** The data of a call. */
  async data<T>(method: string, path: string, options?: RequestOptions): Promise<T> {
    return (await this.request<T>(method, path, options)).data;
  }

  private async ensureCsrf(): Promise<string | null> {
    if (this.auth.kind !== 'session') return null;
    if (this.auth.csrfToken) return this.auth.csrfToken;
    // Learn it from the session itself (a page reload keeps the cookie but not the token).
    this.csrfPending ??= this.request<{ CsrfToken: string }>('GET', '/web/session')
      .then((r) => {
        this.setCsrfToken(r.data.CsrfToken);
        return r.data.CsrfToken;
      })
      .finally(() => {
        this.csrfPending = null;
      });
    return this.csrfPending;
  }

  private keepCookie(response: Response): void {
    if (this.auth.kind !== 'session') return;
    // Browsers never expose Set-Cookie; Node's fetch does, so a Node client can hold a session too.
    const headers = response.headers as Headers & { getSetCookie?: () => string[] };
    const cookies = headers.getSetCookie?.() ?? [];
    for (const c of cookies) {
      const pair = c.split(';', 1)[0] ?? '';
      const eq = pair.indexOf('=');
      if (eq <= 0 || pair.slice(0, eq).trim() !== SESSION_COOKIE) continue;
      const value = pair.slice(eq + 1).trim();
      const expired = /max-age=0/i.test(c) || value === '';
      this.cookie = expired ? null : `${SESSION_COOKIE}=${value}`;
    }
  }
}
