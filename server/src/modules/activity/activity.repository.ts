/**
 * Persistence of activities: the activities table and its links (extra invitees, linked
 * materials, study pairs) and 记实 (records, photos), this module's alone. Services ask these
 * named queries; nothing else touches the tables.
 */
import { Brackets, In, IsNull, LessThan, type DataSource, type EntityManager } from 'typeorm';
import { ORG_LIFE_KINDS, type ActivityKind, type ActivityStatus, type StudyPairInput } from '@djzy/shared';
import { forUpdate, updateWhere } from '../../core/sql';
import { joinOrg, whereInSubtrees } from '../org';
import {
  Activity,
  ActivityInvitee,
  ActivityMaterial,
  ActivityPhoto,
  ActivityRecord,
  ActivityStudyPair,
  type InviteeRole,
} from './activity.entity';

/** Which activities a list shows: a member's own (invited) ones, or those of the orgs in scope. */
export type ActivityListScope =
  | {
      kind: 'member';
      memberId: string;
      ancestors: string[];
      committeeOrgIds: string[];
      /** 在途 / transferred out: nothing starting from this instant (the day of issue). */
      transferFrom?: Date | null;
      /** Received into the org: its audience from this instant (the day of receipt). */
      orgFrom?: Date | null;
    }
  | { kind: 'subtrees'; paths: string[] };

export interface ActivityListFilter {
  scope: ActivityListScope;
  /** Only activities of this org's subtree. */
  orgPath?: string;
  status?: ActivityStatus;
  /** Ending at or after. */
  from?: Date;
  /** Starting before. */
  to?: Date;
  /** Ended by then (a meeting that is over). */
  endedBy?: Date;
}

export class ActivityRepository {
  constructor(private readonly ds: DataSource) {}

  // ── activities ───────────────────────────────────────────────────────────────────────────

  async find(id: string): Promise<Activity | null> {
    return this.ds.getRepository(Activity).findOneBy({ id });
  }

  /**
   * A page of activities (newest first, or oldest first when `ascending`) and how many match.
   * The caller decides the scope; this only turns it into the query.
   */
  async page(f: ActivityListFilter, page: number, pageSize: number, ascending: boolean): Promise<{ list: Activity[]; total: number }> {
    const qb = joinOrg(this.ds.getRepository(Activity).createQueryBuilder('a'), 'org', 'org.id = a.orgId');
    if (f.scope.kind === 'member') {
      // activity.access.ts's rule as a query: the audience (org or committee) or named; nothing
      // from the day a transfer letter was issued (在途); the org's audience from the day received.
      const { ancestors, memberId, committeeOrgIds, transferFrom, orgFrom } = f.scope;
      if (transferFrom) qb.andWhere('a.startsAt < :transferFrom', { transferFrom });
      qb.andWhere("a.status <> 'draft'").andWhere(
        new Brackets((w) => {
          if (ancestors.length)
            w.orWhere(`(a.audience = 'org' AND a.orgId IN (:...ancestors)${orgFrom ? ' AND a.startsAt >= :orgFrom' : ''})`, {
              ancestors,
              ...(orgFrom ? { orgFrom } : {}),
            });
          if (committeeOrgIds.length) w.orWhere("(a.audience = 'committee' AND a.orgId IN (:...committeeOrgIds))", { committeeOrgIds });
          w.orWhere('EXISTS (SELECT 1 FROM activity_invitees i WHERE i.activityId = a.id AND i.memberId = :me)', { me: memberId });
        }),
      );
    } else {
      whereInSubtrees(qb, 'org', f.scope.paths);
    }
    if (f.orgPath !== undefined) qb.andWhere('org.path LIKE :sub', { sub: `${f.orgPath}%` });
    if (f.status) qb.andWhere('a.status = :status', { status: f.status });
    if (f.from) qb.andWhere('a.endsAt >= :from', { from: f.from });
    if (f.to) qb.andWhere('a.startsAt < :to', { to: f.to });
    if (f.endedBy) qb.andWhere('a.endsAt <= :endedBy', { endedBy: f.endedBy });
    const total = await qb.getCount();
    const list = await qb
      .orderBy('a.startsAt', ascending ? 'ASC' : 'DESC')
      .addOrderBy('a.id', 'ASC')
      .offset((page - 1) * pageSize)
      .limit(pageSize)
      .getMany();
    return { list, total };
  }

  /** Published online study activities among these ids whose check-in window is open (`opensBy` … `at`). */
  async openOnlineAmong(ids: string[], opensBy: Date, at: Date): Promise<Activity[]> {
    return this.ds
      .getRepository(Activity)
      .createQueryBuilder('a')
      .where('a.id IN (:...ids)', { ids })
      .andWhere("a.status = 'published' AND a.studyMode = 'online'")
      .andWhere('a.startsAt <= :opens AND a.endsAt >= :at', { opens: opensBy, at })
      .getMany();
  }

  /** Ids of published activities whose attendance is not closed and that ended before `before`. */
  async dueForClosing(before: Date, take: number): Promise<string[]> {
    const due = await this.ds.getRepository(Activity).find({
      where: { status: 'published', attendanceClosedAt: IsNull(), endsAt: LessThan(before) },
      select: { id: true },
      take,
    });
    return due.map((a) => a.id);
  }

  /**
   * The last `n` closed org-life meetings starting up to `latest` that expected a member: for
   * all of one of these orgs (`orgIds`), for the committee of one of `committeeOrgIds`, or
   * naming them as also expected. Newest first.
   */
  async recentClosedOrgLife(
    memberId: string,
    orgIds: string[],
    committeeOrgIds: string[],
    latest: Date,
    n: number,
    orgFrom: Date | null = null,
  ): Promise<Activity[]> {
    return this.ds
      .getRepository(Activity)
      .createQueryBuilder('a')
      .where('a.kind IN (:...kinds)', { kinds: [...ORG_LIFE_KINDS] })
      .andWhere("a.status = 'published'")
      .andWhere('a.attendanceClosedAt IS NOT NULL')
      .andWhere('a.startsAt <= :latest', { latest })
      .andWhere(
        new Brackets((w) => {
          const since = orgFrom ? ' AND a.startsAt >= :orgFrom' : '';
          if (orgIds.length)
            w.orWhere(`(a.audience = 'org' AND a.orgId IN (:...ancestors)${since})`, {
              ancestors: orgIds,
              ...(orgFrom ? { orgFrom } : {}),
            });
          if (committeeOrgIds.length)
            w.orWhere("(a.audience = 'committee' AND a.orgId IN (:...committees))", { committees: committeeOrgIds });
          w.orWhere("EXISTS (SELECT 1 FROM activity_invitees i WHERE i.activityId = a.id AND i.memberId = :mid AND i.role = 'extra')", {
            mid: memberId,
          });
        }),
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

  /** Ids of closed org-life meetings in [from, to) held in the subtree at `path` or by one of `ancestorIds`, oldest first. */
  async closedOrgLifeIds(path: string, ancestorIds: string[], from: Date, to: Date): Promise<string[]> {
    const qb = joinOrg(this.ds.getRepository(Activity).createQueryBuilder('a'), 'org', 'org.id = a.orgId')
      .select(['a.id AS id'])
      .where("a.status = 'published'")
      .andWhere('a.attendanceClosedAt IS NOT NULL')
      .andWhere('a.kind IN (:...kinds)', { kinds: [...ORG_LIFE_KINDS] })
      .andWhere('a.startsAt >= :from AND a.startsAt < :to', { from, to })
      .andWhere(
        new Brackets((w) => {
          w.orWhere('org.path LIKE :closedSub', { closedSub: `${path}%` });
          if (ancestorIds.length) w.orWhere('a.orgId IN (:...closedAncestors)', { closedAncestors: ancestorIds });
        }),
      );
    return (await qb.orderBy('a.startsAt', 'ASC').addOrderBy('a.id', 'ASC').limit(2000).getRawMany<{ id: string }>()).map((r) => r.id);
  }

  async insert(em: EntityManager, a: Activity): Promise<void> {
    await em.insert(Activity, a);
  }

  /** Applies a patch while the activity is still a draft; false when it no longer was. */
  async updateDraft(em: EntityManager, id: string, patch: Partial<Activity>): Promise<boolean> {
    return (await updateWhere(em, Activity, { id, status: 'draft' }, patch)) > 0;
  }

  /** Publishes a draft; false when it was no longer a draft (published meanwhile). */
  async publishDraft(em: EntityManager, id: string, at: Date): Promise<boolean> {
    const res = await em.update(Activity, { id, status: 'draft' }, { status: 'published', publishedAt: at });
    return !!res.affected;
  }

  async markCancelled(em: EntityManager, id: string, at: Date): Promise<void> {
    await em.update(Activity, { id }, { status: 'cancelled', cancelledAt: at });
  }

  /** Marks attendance closed, once (false when it already was). */
  async markClosed(em: EntityManager, id: string, at: Date): Promise<boolean> {
    const res = await em.update(Activity, { id, attendanceClosedAt: IsNull() }, { attendanceClosedAt: at });
    return !!res.affected;
  }

  /** Locks the activity's row until the transaction ends (MySQL; SQLite transactions are serialised). */
  async lock(em: EntityManager, id: string): Promise<void> {
    await em.query(`SELECT id FROM activities WHERE id = ?${forUpdate(em)}`, [id]);
  }

  // ── people named on an activity (also expected, 列席) ─────────────────────────────────────

  /** The people named on an activity, with their role. */
  async invitees(activityId: string): Promise<{ memberId: string; role: InviteeRole }[]> {
    return this.ds.getRepository(ActivityInvitee).find({ where: { activityId }, select: { memberId: true, role: true } });
  }

  /** The people named on these activities (for the views). */
  async inviteesOf(activityIds: string[]): Promise<{ activityId: string; memberId: string; role: InviteeRole }[]> {
    if (!activityIds.length) return [];
    return this.ds.getRepository(ActivityInvitee).find({ where: { activityId: In(activityIds) } });
  }

  /** Those named as also expected (not 列席). */
  async inviteeIds(activityId: string): Promise<string[]> {
    return (await this.invitees(activityId)).filter((i) => i.role !== 'observer').map((i) => i.memberId);
  }

  async insertInvitees(em: EntityManager, activityId: string, extras: string[], observers: string[] = []): Promise<void> {
    const rows = [
      ...extras.map((memberId) => ({ activityId, memberId, role: 'extra' as const })),
      ...observers.map((memberId) => ({ activityId, memberId, role: 'observer' as const })),
    ];
    if (rows.length) await em.insert(ActivityInvitee, rows);
  }

  async deleteInvitees(em: EntityManager, activityId: string): Promise<void> {
    await em.delete(ActivityInvitee, { activityId });
  }

  // ── study links: materials (网络式) and pairs (结对式) ────────────────────────────────────

  /** The materials an activity links, in order. */
  async materialIdsOf(activityId: string): Promise<string[]> {
    const links = await this.ds
      .getRepository(ActivityMaterial)
      .find({ where: { activityId }, select: { materialId: true, position: true }, order: { position: 'ASC' } });
    return links.map((l) => l.materialId);
  }

  /** The materials an activity links, as stored (no order asked). */
  async linkedMaterialIds(activityId: string): Promise<string[]> {
    return (await this.ds.getRepository(ActivityMaterial).find({ where: { activityId }, select: { materialId: true } })).map(
      (l) => l.materialId,
    );
  }

  /** Ids of the activities linking a material. */
  async activityIdsLinking(materialId: string): Promise<string[]> {
    return (await this.ds.getRepository(ActivityMaterial).find({ where: { materialId }, select: { activityId: true } })).map(
      (l) => l.activityId,
    );
  }

  /** The material links of several activities, in order. */
  async materialLinksOf(activityIds: string[]): Promise<ActivityMaterial[]> {
    return this.ds.getRepository(ActivityMaterial).find({ where: { activityId: In(activityIds) }, order: { position: 'ASC' } });
  }

  /** The study pairs of several activities, in order. */
  async pairsOf(activityIds: string[]): Promise<ActivityStudyPair[]> {
    return this.ds.getRepository(ActivityStudyPair).find({ where: { activityId: In(activityIds) }, order: { position: 'ASC' } });
  }

  /** Links materials and pairs to an activity, each list in the order given. */
  async insertStudyLinks(em: EntityManager, activityId: string, materialIds: string[], pairs: StudyPairInput[]): Promise<void> {
    if (materialIds.length)
      await em.insert(
        ActivityMaterial,
        materialIds.map((materialId, position) => ({ activityId, materialId, position })),
      );
    if (pairs.length)
      await em.insert(
        ActivityStudyPair,
        pairs.map((pair, position) => ({ activityId, ...pair, position })),
      );
  }

  async deleteMaterials(em: EntityManager, activityId: string): Promise<void> {
    await em.delete(ActivityMaterial, { activityId });
  }

  async deletePairs(em: EntityManager, activityId: string): Promise<void> {
    await em.delete(ActivityStudyPair, { activityId });
  }

  // ── 记实: minutes and photos ─────────────────────────────────────────────────────────────

  async record(activityId: string): Promise<ActivityRecord | null> {
    return this.ds.getRepository(ActivityRecord).findOneBy({ activityId });
  }

  /** Writes the minutes (creating the record or replacing it). */
  async saveRecord(em: EntityManager, r: ActivityRecord): Promise<void> {
    await em.getRepository(ActivityRecord).save(r);
  }

  /** An activity's photos, oldest first. */
  async photosOf(activityId: string): Promise<ActivityPhoto[]> {
    return this.ds.getRepository(ActivityPhoto).find({ where: { activityId }, order: { createdAt: 'ASC', id: 'ASC' } });
  }

  async photo(id: string, activityId: string): Promise<ActivityPhoto | null> {
    return this.ds.getRepository(ActivityPhoto).findOneBy({ id, activityId });
  }

  async countPhotos(em: EntityManager, activityId: string): Promise<number> {
    return em.getRepository(ActivityPhoto).countBy({ activityId });
  }

  async insertPhoto(em: EntityManager, photo: ActivityPhoto): Promise<void> {
    await em.insert(ActivityPhoto, photo);
  }

  async deletePhoto(em: EntityManager, id: string): Promise<void> {
    await em.delete(ActivityPhoto, { id });
  }
}
