/**
 * HTTP plumbing shared by every route: the typed Koa context, the error middleware that maps
 * domain and database errors to the contract's body, and small request helpers.
 */
import type { Next } from 'koa';
import type { Router, RouterContext } from '@koa/router';
import { QueryFailedError } from 'typeorm';
import { ERRORS, type ErrorBody } from '@djzy/shared';
import { AppError } from './errors';
import type { Logger } from './logger';
import type { Principal } from './principal';

export interface AppState {
  requestId: string;
  log: Logger;
  principal?: Principal;
}
export type AppContext = RouterContext<AppState>;
export type AppRouter = Router<AppState>;

/** The caller, or 401 when the route needs one and there is none. */
export function principalOf(ctx: AppContext): Principal {
  const p = ctx.state.principal;
  if (!p) throw new AppError('UNAUTHORIZED');
  return p;
}

export function auditCtx(ctx: AppContext) {
  return { ip: ctx.ip, requestId: ctx.state.requestId };
}

/** True for a unique-index violation on either dialect (the database is the last guard). */
export function isDuplicateKey(e: unknown): boolean {
  if (!(e instanceof QueryFailedError)) return false;
  const d = e.driverError as { code?: string; errno?: number } | undefined;
  return d?.code === 'ER_DUP_ENTRY' || d?.code === 'SQLITE_CONSTRAINT_UNIQUE' || d?.code === 'SQLITE_CONSTRAINT_PRIMARYKEY';
}

const DB_DOWN_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EPIPE',
  'ENOTFOUND',
  'EHOSTUNREACH',
  'PROTOCOL_CONNECTION_LOST',
  'PROTOCOL_SEQUENCE_TIMEOUT',
  'ER_CON_COUNT_ERROR',
  'ER_SERVER_SHUTDOWN',
  'ER_ACCESS_DENIED_ERROR',
  'POOL_CLOSED',
]);
const DB_DOWN_MESSAGES =
  /Pool is closed|connection is in closed state|Connection lost|is not established|database connection is not open|ConnectionNotFound|Cannot enqueue/i;

/** True when the database could not be reached (down, restarting, pool gone): 503, not 500. */
export function isDatabaseUnavailable(e: unknown): boolean {
  for (let cur = e as { code?: string; driverError?: unknown; cause?: unknown; message?: string } | undefined, i = 0; cur && i < 4; i++) {
    if (cur.code && DB_DOWN_CODES.has(cur.code)) return true;
    if (cur.message && DB_DOWN_MESSAGES.test(cur.message)) return true;
    cur = (cur.driverError ?? cur.cause) as typeof cur;
  }
  return false;
}

/** Seconds a client waits before retrying when the service is unavailable. */
export const RETRY_AFTER_SECONDS = 5;

function send(ctx: AppContext, status: number, body: ErrorBody, headers?: Record<string, string>) {
  ctx.status = status;
  ctx.body = body;
  if (headers) for (const [k, v] of Object.entries(headers)) ctx.set(k, v);
}

/** Maps every thrown error to `{ error: { code, message, details } }`; a 500 never leaks internals. */
export async function errorMiddleware(ctx: AppContext, next: Next) {
  try {
    await next();
  } catch (err) {
    const e = err as { status?: number; statusCode?: number; type?: string; expose?: boolean; message?: string };
    if (err instanceof AppError) {
      send(ctx, err.status, { error: { code: err.code, message: err.message, details: err.details } }, err.headers);
      if (err.status >= 500) ctx.state.log?.error({ code: err.code }, 'service error');
      return;
    }
    const status = e.status ?? e.statusCode;
    if (status === 413 || e.type === 'entity.too.large') {
      send(ctx, 413, { error: { code: 'PAYLOAD_TOO_LARGE', message: ERRORS.PAYLOAD_TOO_LARGE.message } });
      return;
    }
    const zcode = (err as { code?: string }).code;
    if (zcode === 'Z_DATA_ERROR' || zcode === 'Z_BUF_ERROR' || e.type === 'encoding.invalid') {
      send(ctx, 400, { error: { code: 'BAD_ENCODING', message: ERRORS.BAD_ENCODING.message } });
      return;
    }
    if (e.type === 'entity.parse.failed' || (status === 400 && /json/i.test(e.message ?? ''))) {
      send(ctx, 400, { error: { code: 'BAD_JSON', message: ERRORS.BAD_JSON.message } });
      return;
    }
    if (status === 415 || e.type === 'encoding.unsupported' || e.type === 'charset.unsupported') {
      send(ctx, 415, { error: { code: 'UNSUPPORTED_MEDIA_TYPE', message: ERRORS.UNSUPPORTED_MEDIA_TYPE.message } });
      return;
    }
    if (status && status >= 400 && status < 500) {
      send(ctx, status, {
        error: {
          code: status === 404 ? 'NOT_FOUND' : 'VALIDATION_FAILED',
          message: status === 404 ? ERRORS.NOT_FOUND.message : ERRORS.VALIDATION_FAILED.message,
        },
      });
      return;
    }
    if (isDatabaseUnavailable(err)) {
      ctx.state.log?.warn({ err: { name: (err as Error)?.name, message: (err as Error)?.message } }, 'database unavailable');
      send(
        ctx,
        503,
        { error: { code: 'SERVICE_UNAVAILABLE', message: ERRORS.SERVICE_UNAVAILABLE.message } },
        { 'Retry-After': String(RETRY_AFTER_SECONDS) },
      );
      return;
    }
    if (isDuplicateKey(err)) {
      send(ctx, 409, { error: { code: 'CONFLICT', message: ERRORS.CONFLICT.message } });
      return;
    }
    ctx.state.log?.error(
      { err: { name: (err as Error)?.name, message: (err as Error)?.message, stack: (err as Error)?.stack } },
      'unhandled error',
    );
    send(ctx, 500, { error: { code: 'INTERNAL', message: ERRORS.INTERNAL.message } });
  }
}

/** Query-string value as a single string (the last one when repeated). */
export function queryString(ctx: AppContext, name: string): string | undefined {
  const v = ctx.query[name];
  return Array.isArray(v) ? v[v.length - 1] : v;
}

/**
 * Errors Node's HTTP parser meets before Koa sees the request (a URL or headers over the limit,
 * a malformed request line): answered in the contract's JSON shape, never an empty body.
 */
export function answerClientErrors(server: import('node:http').Server): void {
  server.on('clientError', (err: NodeJS.ErrnoException, socket: import('node:stream').Duplex) => {
    if (!socket.writable) return socket.destroy();
    const tooLarge = err.code === 'HPE_HEADER_OVERFLOW';
    const code = tooLarge ? 'HEADERS_TOO_LARGE' : 'VALIDATION_FAILED';
    const status = tooLarge ? 431 : 400;
    const body = JSON.stringify({ error: { code, message: ERRORS[code].message } });
    socket.end(
      `HTTP/1.1 ${status} ${tooLarge ? 'Request Header Fields Too Large' : 'Bad Request'}\r\n` +
        `Content-Type: application/json; charset=utf-8\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`,
    );
  });
}

/**
 * Headers of every stored file served back (photos, study videos and PDFs): the browser must
 * take the declared type as it is (no sniffing a "photo" into a script) and may run nothing in it.
 */
export function storedFileHeaders(ctx: AppContext): void {
  ctx.set('X-Content-Type-Options', 'nosniff');
  ctx.set('Content-Security-Policy', "default-src 'none'; img-src 'self'; media-src 'self'; style-src 'unsafe-inline'; sandbox");
}
