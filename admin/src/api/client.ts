/**
 * The console's one request wrapper: base path, Bearer token, error bodies and the 401 redirect.
 * It knows nothing about particular endpoints; typed calls live beside it in api/*.ts.
 */
import { API_BASE_PATH, ApiError, ERRORS } from '@djzy/shared';

const TOKEN_KEY = 'djzy.console.token';

/**
 * A fresh Idempotency-Key. getRandomValues (not randomUUID) because the console may be served
 * over plain http inside a township network, where randomUUID does not exist.
 */
export function newIdempotencyKey(prefix: string): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return `${prefix}-${Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('')}`;
}

/** True when a request may or may not have reached the server: retry it with the same key. */
export const outcomeUnknown = (e: unknown) => !(e instanceof ApiError) || e.isNetwork || e.status >= 500;

/** Reads the stored session token (null when signed out). */
export function getToken(): string | null {
  return localStorage.getItem(TOKEN_KEY);
}

/** Stores or clears the session token. */
export function setToken(token: string | null): void {
  if (token) localStorage.setItem(TOKEN_KEY, token);
  else localStorage.removeItem(TOKEN_KEY);
}

// The UI registers these at start-up: the wrapper lives outside React, but antd's message API
// and the router do not, so they are injected rather than imported.
let showErrorMessage: (text: string) => void = (text) => console.error(text);
let onUnauthorized: () => void = () => undefined;

/** Wires the wrapper to the UI: how to show an error and what to do when the session ends. */
export function configureClient(hooks: { showError: (text: string) => void; unauthorized: () => void }): void {
  showErrorMessage = hooks.showError;
  onUnauthorized = hooks.unauthorized;
}

/** Shows an error's message the standard way (for callers that handled some errors themselves). */
export function showError(err: unknown): void {
  showErrorMessage(err instanceof ApiError ? err.message : ERRORS.INTERNAL.message);
}

/** Shows a message the standard way. */
export function showErrorText(text: string): void {
  showErrorMessage(text);
}

export type QueryValue = string | number | boolean | null | undefined;

export interface RequestOptions {
  method?: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';
  query?: Record<string, QueryValue>;
  /** A JSON-serialisable body, or FormData for uploads (the browser sets the boundary). */
  body?: unknown;
  /** The caller shows the error itself: no message toast. The 401 redirect still happens. */
  silent?: boolean;
  /** The answer asked for (JSON unless told: `application/x-ndjson` for a streamed one). */
  accept?: string;
  /** Extra request headers (e.g. `Idempotency-Key`); the wrapper's own headers win. */
  headers?: Record<string, string>;
}

/** Builds `/api/v1/path?query`, leaving out empty and false-y filter values. */
export function apiUrl(path: string, query?: Record<string, QueryValue>): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query ?? {})) {
    if (value === undefined || value === null || value === '' || value === false) continue;
    params.set(key, String(value));
  }
  const qs = params.toString();
  return `${API_BASE_PATH}${path}${qs ? `?${qs}` : ''}`;
}

async function toApiError(res: Response): Promise<ApiError> {
  let body: unknown = null;
  try {
    body = await res.json();
  } catch {
    // A proxy or a crash may answer with HTML; fall back to the catalogue.
  }
  return ApiError.fromResponse(res.status, body);
}

/** Sends a request and returns the raw Response when it succeeded; throws ApiError otherwise. */
async function send(path: string, opts: RequestOptions): Promise<Response> {
  const headers: Record<string, string> = { ...opts.headers, Accept: opts.accept ?? 'application/json' };
  const token = getToken();
  if (token) headers.Authorization = `Bearer ${token}`;
  let body: BodyInit | undefined;
  if (opts.body instanceof FormData) body = opts.body;
  else if (opts.body !== undefined) {
    headers['Content-Type'] = 'application/json';
    body = JSON.stringify(opts.body);
  }

  let res: Response;
  try {
    res = await fetch(apiUrl(path, opts.query), {
      method: opts.method ?? 'GET',
      headers,
      body,
    });
  } catch {
    const err = ApiError.network();
    if (!opts.silent) showErrorMessage(err.message);
    throw err;
  }
  if (res.ok) return res;

  const err = await toApiError(res);
  // Only a request that carried a token can have an expired session; a failed sign-in is a 401
  // too, and its caller shows the message on the form instead.
  if (res.status === 401 && token) {
    setToken(null);
    showErrorMessage(err.message);
    onUnauthorized();
    throw err;
  }
  if (!opts.silent) showErrorMessage(err.message);
  throw err;
}

/** Calls a JSON endpoint and returns its parsed body. */
export async function request<T>(path: string, opts: RequestOptions = {}): Promise<T> {
  const res = await send(path, opts);
  if (res.status === 204) return undefined as T;
  return (await res.json()) as T;
}

/**
 * Calls an endpoint that streams JSON lines (`application/x-ndjson`), handing each parsed line to
 * `onLine` as it arrives. An error status is thrown as ApiError before any line.
 */
export async function requestLines<T>(path: string, opts: RequestOptions, onLine: (line: T) => void): Promise<void> {
  const res = await send(path, { ...opts, accept: 'application/x-ndjson' });
  const reader = res.body?.getReader();
  if (!reader) throw ApiError.network();
  const decoder = new TextDecoder();
  let buffered = '';
  for (;;) {
    const { done, value } = await reader.read();
    buffered += decoder.decode(value, { stream: !done });
    let nl: number;
    while ((nl = buffered.indexOf('\n')) >= 0) {
      const line = buffered.slice(0, nl).trim();
      buffered = buffered.slice(nl + 1);
      if (line) onLine(JSON.parse(line) as T);
    }
    if (done) break;
  }
  if (buffered.trim()) onLine(JSON.parse(buffered) as T);
}

/**
 * Fetches a binary resource (an image) with the session's token: an <img> cannot send the bearer
 * token, so the caller shows the blob through an object URL.
 */
export async function requestBlob(path: string, opts: RequestOptions = {}): Promise<Blob> {
  const res = await send(path, opts);
  return res.blob();
}

/** Fetches a file with the session's token and hands it to the browser as a download. */
export async function download(path: string, fallbackName: string, opts: RequestOptions = {}): Promise<void> {
  const res = await send(path, opts);
  const blob = await res.blob();
  const name = fileNameOf(res.headers.get('Content-Disposition')) ?? fallbackName;
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  document.body.appendChild(a);
  a.click();
  a.remove();
  // Revoke later: some browsers start reading the blob only after click() returns.
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** The file name of a Content-Disposition header (RFC 5987 `filename*` first, for Chinese names). */
export function fileNameOf(header: string | null): string | null {
  if (!header) return null;
  const star = /filename\*\s*=\s*(?:UTF-8'')?([^;]+)/i.exec(header);
  if (star) {
    try {
      return decodeURIComponent(star[1].trim().replace(/^"|"$/g, ''));
    } catch {
      /* fall through to the plain name */
    }
  }
  const plain = /filename\s*=\s*"?([^";]+)"?/i.exec(header);
  return plain ? plain[1].trim() : null;
}

/** An empty page: what a list shows before its first answer. */
export const EMPTY_PAGE = Object.freeze({ items: [] as never[], total: 0 });
