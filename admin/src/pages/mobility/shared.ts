/** Small helpers of the mobile-member screens: org lookups, server field errors, dates, keys. */
import type { FieldError, OrgKind, OrgNode } from '@djzy/shared';
import { ApiError } from '../../api/client';

/** The nearest org of `kind` at or above `orgId` in the caller's tree (null when outside it). */
export function enclosingOrg(orgId: string | null | undefined, byId: Map<string, OrgNode>, kind: OrgKind): OrgNode | null {
  for (let org = orgId ? byId.get(orgId) : undefined; org; org = org.parentId ? byId.get(org.parentId) : undefined) {
    if (org.kind === kind) return org;
  }
  return null;
}

/**
 * The per-field messages of an error answer. Unlike ApiError.fieldErrors (VALIDATION_FAILED only)
 * this also reads domain errors that name a field, such as CADRE_INVALID on `contactCadreId`.
 */
export function fieldErrorsOf(e: unknown): FieldError[] {
  if (!(e instanceof ApiError) || !Array.isArray(e.details)) return [];
  return e.details.filter((d): d is FieldError => !!d && typeof d.field === 'string' && typeof d.message === 'string');
}

/** True when a request may or may not have reached the server: retry with the same key. */
export const outcomeUnknown = (e: unknown) => !(e instanceof ApiError) || e.code === 'NETWORK' || e.status >= 500;

/**
 * A fresh Idempotency-Key. getRandomValues (not randomUUID) because the console may be served
 * over plain http inside a township network, where randomUUID does not exist.
 */
export function newIdempotencyKey(prefix: string): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return `${prefix}-${Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('')}`;
}

/**
 * The date (YYYY-MM-DD) or minute (YYYY-MM-DD HH:mm) of an API time. API times carry the
 * township's +08:00 offset, so cutting the string gives the township's own clock whatever the
 * browser's time zone.
 */
export const dateOf = (iso: string | null) => (iso ? iso.slice(0, 10) : '');
export const minuteOf = (iso: string | null) => (iso ? iso.slice(0, 16).replace('T', ' ') : '');
