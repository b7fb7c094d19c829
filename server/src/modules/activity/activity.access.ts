/**
 * Who may see and manage an activity, and the one invitation rule: a member is invited when
 * they belong to the activity's org subtree or are one of its extra invitees (列席). Every
 * module that needs either asks here — as a check for one member (`isInvited`) or as a query
 * condition for many (`whereInvited`).
 */
import { Brackets, type DataSource, type EntityManager, type SelectQueryBuilder, type WhereExpressionBuilder } from 'typeorm';
import { CHECKIN_OPENS_BEFORE_MS, type ActivityKind } from '@djzy/shared';
import { AppError } from '../../core/errors';
import { isIdLike } from '../../core/ids';
import { covers, requireManages, type Principal } from '../../core/principal';
import type { Org, OrgService } from '../org';
import type { Activity } from './activity.entity';
import { ActivityRepository } from './activity.repository';

/** An activity with its org. */
export interface LoadedActivity {
  activity: Activity;
  org: Org;
}

/**
 * Limits a query over members (`memberAlias`, with their org as `orgAlias`) to those invited to
 * the activity: the org's subtree or the extra invitees.
 */
export function whereInvited<T extends object>(
  qb: SelectQueryBuilder<T> | WhereExpressionBuilder,
  a: { activityId: string; orgPath: string },
  memberAlias = 'm',
  orgAlias = 'org',
): void {
  qb.andWhere(
    new Brackets((w) =>
      w
        .where(`${orgAlias}.path LIKE :invitedSub`, { invitedSub: `${a.orgPath}%` })
        .orWhere(`EXISTS (SELECT 1 FROM activity_invitees i WHERE i.activityId = :invitedAid AND i.memberId = ${memberAlias}.id)`, { invitedAid: a.activityId }),
    ),
  );
}

export class ActivityAccess {
  private readonly repo: ActivityRepository;

  constructor(
    ds: DataSource,
    private readonly orgs: OrgService,
  ) {
    this.repo = new ActivityRepository(ds);
  }

  /** An activity and its org, or 404. */
  async load(id: string): Promise<LoadedActivity> {
    const activity = isIdLike(id) ? await this.repo.find(id) : null;
    const org = activity ? await this.orgs.find(activity.orgId) : null;
    if (!activity || !org) throw new AppError('NOT_FOUND');
    return { activity, org };
  }

  /** The one invitation rule for one member (`memberOrgPath`: the path of the member's org). */
  async isInvited(memberId: string, memberOrgPath: string | null, a: LoadedActivity): Promise<boolean> {
    if (memberOrgPath?.startsWith(a.org.path)) return true;
    return this.repo.isExtraInvitee(a.activity.id, memberId);
  }

  /** An activity the caller may see: a manager of its org, or an invited member once published. */
  async loadVisible(p: Principal, id: string): Promise<LoadedActivity & { canManage: boolean }> {
    const a = await this.load(id);
    const canManage = covers(p, a.org.path);
    if (canManage) return { ...a, canManage };
    if (a.activity.status !== 'draft' && p.memberId && (await this.isInvited(p.memberId, p.orgPath, a))) return { ...a, canManage };
    throw new AppError('NOT_FOUND');
  }

  /** An activity the caller manages: 404 when they may not see it, 403 when they only attend. */
  async loadManaged(p: Principal, id: string): Promise<LoadedActivity> {
    const a = await this.loadVisible(p, id);
    requireManages(p, a.org.path);
    return a;
  }

  // ── reads for the check-in and follow-up modules ──────────────────────────────────────────

  /** The materials an online study activity links, in order. */
  async materialIdsOf(activityId: string): Promise<string[]> {
    return this.repo.materialIdsOf(activityId);
  }

  /** Published online study activities linking a material whose check-in window is open at `at`. */
  async openOnlineLinking(materialId: string, at: Date): Promise<LoadedActivity[]> {
    const ids = await this.repo.activityIdsLinking(materialId);
    if (!ids.length) return [];
    const list = await this.repo.openOnlineAmong(ids, new Date(at.getTime() + CHECKIN_OPENS_BEFORE_MS), at);
    const orgs = await this.orgs.byIds(list.map((a) => a.orgId));
    return list.filter((a) => orgs.has(a.orgId)).map((activity) => ({ activity, org: orgs.get(activity.orgId)! }));
  }

  /** Published activities whose attendance is not closed and that ended before `before`. */
  async dueForClosing(before: Date, take: number): Promise<string[]> {
    return this.repo.dueForClosing(before, take);
  }

  /** Marks attendance closed, once (false when it already was). */
  async markClosed(em: EntityManager, id: string, at: Date): Promise<boolean> {
    return this.repo.markClosed(em, id, at);
  }

  /**
   * The last `n` closed org-life meetings up to `latest` that a member (in the org at `memberPath`)
   * was invited to: their own org and its ancestors, or as an extra invitee. Newest first.
   */
  async recentClosedOrgLife(memberId: string, memberPath: string, latest: Date, n: number): Promise<Activity[]> {
    const ancestors = memberPath.split('/').filter(Boolean);
    return this.repo.recentClosedOrgLife(memberId, ancestors, latest, n);
  }

  /** Published org-life meetings held in these subtrees in [from, to): kind, start and the org's path. */
  async orgLifeHeld(paths: string[], from: Date, to: Date): Promise<{ kind: ActivityKind; startsAt: string | Date; path: string }[]> {
    return this.repo.orgLifeHeld(paths, from, to);
  }
}
