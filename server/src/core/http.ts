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
    if (e.type === 'entity.parse.failed' || (status === 400 && /json/i.test(e.message ?? ''))) {
      send(ctx, 400, { error: { code: 'BAD_JSON', message: ERRORS.BAD_JSON.message } });
      return;
    }
    if (status === 415 || e.type === 'encoding.unsupported' || e.type === 'charset.unsupported') {
      send(ctx, 415, { error: { code: 'UNSUPPORTED_MEDIA_TYPE', message: ERRORS.UNSUPPORTED_MEDIA_TYPE.message } });
      return;
    }
    if (status && status >= 400 && status < 500) {
      send(ctx, status, { error: { code: status === 404 ? 'NOT_FOUND' : 'VALIDATION_FAILED', message: status === 404 ? ERRORS.NOT_FOUND.message : ERRORS.VALIDATION_FAILED.message } });
      return;
    }
    if (isDuplicateKey(err)) {
      send(ctx, 409, { error: { code: 'CONFLICT', message: ERRORS.CONFLICT.message } });
      return;
    }
    ctx.state.log?.error({ err: { name: (err as Error)?.name, message: (err as Error)?.message, stack: (err as Error)?.stack } }, 'unhandled error');
    send(ctx, 500, { error: { code: 'INTERNAL', message: ERRORS.INTERNAL.message } });
  }
}

/** Query-string value as a single string (the last one when repeated). */
export function queryString(ctx: AppContext, name: string): string | undefined {
  const v = ctx.query[name];
  return Array.isArray(v) ? v[v.length - 1] : v;
}
