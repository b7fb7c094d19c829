/**
 * Who may see and manage an activity, and the one invitation rule: a member is invited when
 * they belong to the activity's org subtree or are one of its extra invitees (列席). Every
 * module that needs either asks here — as a check for one member (`isInvited`) or as a query
 * condition for many (`whereInvited`).
 */
import { Brackets, IsNull, LessThan, type DataSource, type EntityManager, type SelectQueryBuilder, type WhereExpressionBuilder } from 'typeorm';
import { CHECKIN_OPENS_BEFORE_MS, ORG_LIFE_KINDS, type ActivityKind } from '@djzy/shared';
import { AppError } from '../../core/errors';
import { isIdLike } from '../../core/ids';
import { covers, requireManages, type Principal } from '../../core/principal';
import { joinOrg, whereInSubtrees, type Org, type OrgService } from '../org';
import { Activity, ActivityInvitee, ActivityMaterial } from './activity.entity';

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
  constructor(
    private readonly ds: DataSource,
    private readonly orgs: OrgService,
  ) {}

  /** An activity and its org, or 404. */
  async load(id: string): Promise<LoadedActivity> {
    const activity = isIdLike(id) ? await this.ds.getRepository(Activity).findOneBy({ id }) : null;
    const org = activity ? await this.orgs.find(activity.orgId) : null;
    if (!activity || !org) throw new AppError('NOT_FOUND');
    return { activity, org };
  }

  /** The one invitation rule for one member (`memberOrgPath`: the path of the member's org). */
  async isInvited(memberId: string, memberOrgPath: string | null, a: LoadedActivity): Promise<boolean> {
    if (memberOrgPath?.startsWith(a.org.path)) return true;
    return (await this.ds.getRepository(ActivityInvitee).countBy({ activityId: a.activity.id, memberId })) > 0;
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
    const links = await this.ds.getRepository(ActivityMaterial).find({ where: { activityId }, select: ['materialId', 'position'], order: { position: 'ASC' } });
    return links.map((l) => l.materialId);
  }

  /** Published online study activities linking a material whose check-in window is open at `at`. */
  async openOnlineLinking(materialId: string, at: Date): Promise<LoadedActivity[]> {
    const links = await this.ds.getRepository(ActivityMaterial).find({ where: { materialId }, select: ['activityId'] });
    if (!links.length) return [];
    const list = await this.ds
      .getRepository(Activity)
      .createQueryBuilder('a')
      .where('a.id IN (:...ids)', { ids: links.map((l) => l.activityId) })
      .andWhere("a.status = 'published' AND a.studyMode = 'online'")
      .andWhere('a.startsAt <= :opens AND a.endsAt >= :at', { opens: new Date(at.getTime() + CHECKIN_OPENS_BEFORE_MS), at })
      .getMany();
    const orgs = await this.orgs.byIds(list.map((a) => a.orgId));
    return list.filter((a) => orgs.has(a.orgId)).map((activity) => ({ activity, org: orgs.get(activity.orgId)! }));
  }

  /** Published activities whose attendance is not closed and that ended before `before`. */
  async dueForClosing(before: Date, take: number): Promise<string[]> {
    const due = await this.ds.getRepository(Activity).find({
      where: { status: 'published', attendanceClosedAt: IsNull(), endsAt: LessThan(before) },
      select: ['id'],
      take,
    });
    return due.map((a) => a.id);
  }

  /** Marks attendance closed, once (false when it already was). */
  async markClosed(em: EntityManager, id: string, at: Date): Promise<boolean> {
    const res = await em.update(Activity, { id, attendanceClosedAt: IsNull() }, { attendanceClosedAt: at });
    return !!res.affected;
  }

  /**
   * The last `n` closed org-life meetings up to `latest` that a member (in the org at `memberPath`)
   * was invited to: their own org and its ancestors, or as an extra invitee. Newest first.
   */
  async recentClosedOrgLife(memberId: string, memberPath: string, latest: Date, n: number): Promise<Activity[]> {
    const ancestors = memberPath.split('/').filter(Boolean);
    return this.ds
      .getRepository(Activity)
      .createQueryBuilder('a')
      .where('a.kind IN (:...kinds)', { kinds: [...ORG_LIFE_KINDS] })
      .andWhere("a.status = 'published'")
      .andWhere('a.attendanceClosedAt IS NOT NULL')
      .andWhere('a.startsAt <= :latest', { latest })
      .andWhere(
        new Brackets((w) =>
          w.where('a.orgId IN (:...ancestors)', { ancestors }).orWhere('EXISTS (SELECT 1 FROM activity_invitees i WHERE i.activityId = a.id AND i.memberId = :mid)', { mid: memberId }),
        ),
      )
      .orderBy('a.startsAt', 'DESC')
      .limit(n)
      .getMany();
  }

  /** Published org-life meetings held in these subtrees in [from, to): kind, start and the org's path. */
  async orgLifeHeld(paths: string[], from: Date, to: Date): Promise<{ kind: ActivityKind; startsAt: string | Date; path: string }[]> {
    const qb = joinOrg(this.ds.getRepository(Activity).createQueryBuilder('a'), 'org', 'org.id = a.orgId')
      .select(['a.kind AS kind', 'a.startsAt AS startsAt', 'org.path AS path'])
      .where("a.status = 'published'")
      .andWhere('a.kind IN (:...kinds)', { kinds: [...ORG_LIFE_KINDS] })
      .andWhere('a.startsAt >= :from AND a.startsAt < :to', { from, to });
    whereInSubtrees(qb, 'org', paths.length ? paths : ['\0']);
    return qb.getRawMany();
  }
}
