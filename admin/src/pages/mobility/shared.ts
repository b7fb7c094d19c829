/** Small helpers of the mobile-member screens: org lookups, dates, keys. */
import type { OrgKind, OrgNode } from '@djzy/shared';

/** The nearest org of `kind` at or above `orgId` in the caller's tree (null when outside it). */
export function enclosingOrg(orgId: string | null | undefined, byId: Map<string, OrgNode>, kind: OrgKind): OrgNode | null {
  for (let org = orgId ? byId.get(orgId) : undefined; org; org = org.parentId ? byId.get(org.parentId) : undefined) {
    if (org.kind === kind) return org;
  }
  return null;
}

export { newIdempotencyKey, outcomeUnknown } from '../../api/client';

/**
 * The date (YYYY-MM-DD) or minute (YYYY-MM-DD HH:mm) of an API time. API times carry the
 * township's +08:00 offset, so cutting the string gives the township's own clock whatever the
 * browser's time zone.
 */
export const dateOf = (iso: string | null) => (iso ? iso.slice(0, 10) : '');
export const minuteOf = (iso: string | null) => (iso ? iso.slice(0, 16).replace('T', ' ') : '');
