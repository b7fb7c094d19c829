/** Conventions of the contract that every route shares. */

/** A page of a list: `?page=1&pageSize=20` → `{ items, total }`. */
export interface Page<T> {
  items: T[];
  total: number;
}

export interface PageQuery {
  page?: number;
  pageSize?: number;
}

export const DEFAULT_PAGE_SIZE = 20;
export const MAX_PAGE_SIZE = 100;
/** Request bodies above this are answered 413. */
export const MAX_BODY_BYTES = 1024 * 1024;
/** Uploaded roster files above this are answered 413. */
export const MAX_IMPORT_BYTES = 5 * 1024 * 1024;
export const MAX_IMPORT_ROWS = 5000;
/** The roster import (a county's whole roster in one file, issue #19: 10,000 rows in ≤ 10 s). */
export const MAX_ROSTER_IMPORT_ROWS = 20000;
export const API_BASE_PATH = '/api/v1';

/** `GET /health`. */
export interface HealthResponse {
  status: 'ok' | 'degraded';
  db: 'ok' | 'down';
}
