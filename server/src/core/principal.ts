/**
 * The caller of a request, and what their roles let them reach. Every access rule in the
 * services asks these functions; org scope is a set of materialised-path prefixes.
 */
import { MANAGING_ROLES, type MemberStatus, type Role } from '@djzy/shared';
import { AppError } from './errors';

export interface Grant {
  role: Role;
  orgId: string;
  orgName: string;
  /** The materialised path of the org the role is granted on. */
  orgPath: string;
}

export interface Principal {
  kind: 'member' | 'user';
  /** Member id for members, user id for console users. */
  id: string;
  name: string;
  username: string | null;
  memberId: string | null;
  userId: string | null;
  /** The member's own org and its path (null for a console user without a member). */
  orgId: string | null;
  orgPath: string | null;
  /** The member's standing (正式/预备党员, 申请人 …) and whether they are away (流动在外); null/false without a member. */
  memberStatus: MemberStatus | null;
  memberMobile: boolean;
  /** 组织关系转接: in no org's attendance base from this day (在途 or transferred out); received into the current org on `memberOrgSince`. */
  memberTransferSince?: string | null;
  memberOrgSince?: string | null;
  grants: Grant[];
}

/** The org paths whose subtrees the caller may manage with one of `roles`. */
export function scopePaths(p: Principal, roles: readonly Role[] = MANAGING_ROLES): string[] {
  const paths = p.grants.filter((g) => roles.includes(g.role)).map((g) => g.orgPath);
  // Drop paths inside another path of the set: the outer one already covers them.
  return paths.filter((a) => !paths.some((b) => b !== a && a.startsWith(b)));
}

/** True when an org (by path) lies in the subtree of a grant of one of `roles`. */
export function covers(p: Principal, orgPath: string, roles: readonly Role[] = MANAGING_ROLES): boolean {
  return p.grants.some((g) => roles.includes(g.role) && orgPath.startsWith(g.orgPath));
}

export function hasRole(p: Principal, role: Role): boolean {
  return p.grants.some((g) => g.role === role);
}

/** True when the caller manages anything at all (the roster and console need this). */
export function isManager(p: Principal): boolean {
  return p.grants.some((g) => MANAGING_ROLES.includes(g.role));
}

/**
 * The one org-scope check: the caller manages the org at `orgPath` with one of `roles`, else
 * 403 FORBIDDEN (the catalogue's message; no per-call wording).
 */
export function requireManages(p: Principal, orgPath: string, roles: readonly Role[] = MANAGING_ROLES): void {
  if (!covers(p, orgPath, roles)) throw new AppError('FORBIDDEN');
}

/** The caller's member id, or 403 MEMBER_ACCOUNT_REQUIRED for a console account without one. */
export function requireMember(p: Principal): string {
  if (!p.memberId) throw new AppError('MEMBER_ACCOUNT_REQUIRED');
  return p.memberId;
}
