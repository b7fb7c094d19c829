/**
 * Persistence of follow-up: the rectification_notices and org_life_plans tables, this module's
 * alone. Services ask these named queries; nothing else touches the tables.
 */
import { In, type DataSource, type EntityManager } from 'typeorm';
import type { OrgLifeCycle, OrgLifeKind } from '@djzy/shared';
import { joinOrg, whereInSubtrees } from '../org';
import { OrgLifePlan, RectificationNotice } from './followup.entity';

export class FollowUpRepository {
  constructor(private readonly ds: DataSource) {}

  // ── rectification notices ────────────────────────────────────────────────────────────────

  /** Whether a member has a notice not yet resolved. */
  async hasOpenNotice(memberId: string): Promise<boolean> {
    return (await this.ds.getRepository(RectificationNotice).countBy({ memberId, status: 'open' })) > 0;
  }

  /** Stores a new notice in its own transaction; a second one with the same trigger key fails as a duplicate key. */
  async insertNotice(n: RectificationNotice): Promise<void> {
    await this.ds.transaction((em) => em.insert(RectificationNotice, n));
  }

  async notice(id: string): Promise<RectificationNotice | null> {
    return this.ds.getRepository(RectificationNotice).findOneBy({ id });
  }

  /** A page of the notices of branches in these subtrees (newest first) and how many match. */
  async pageInSubtrees(
    paths: string[],
    status: 'open' | 'resolved' | undefined,
    page: number,
    pageSize: number,
  ): Promise<{ list: RectificationNotice[]; total: number }> {
    const qb = joinOrg(this.ds.getRepository(RectificationNotice).createQueryBuilder('n'), 'org', 'org.id = n.orgId');
    whereInSubtrees(qb, 'org', paths);
    if (status) qb.andWhere('n.status = :status', { status });
    const total = await qb.getCount();
    const list = await qb
      .orderBy('n.createdAt', 'DESC')
      .addOrderBy('n.id', 'ASC')
      .offset((page - 1) * pageSize)
      .limit(pageSize)
      .getMany();
    return { list, total };
  }

  /** A member's own notices, newest first. */
  async noticesOf(memberId: string): Promise<RectificationNotice[]> {
    return this.ds.getRepository(RectificationNotice).find({ where: { memberId }, order: { createdAt: 'DESC' } });
  }

  /** 销号 of an open notice; false when it was no longer open. */
  async resolve(em: EntityManager, id: string, resolvedAt: Date, resolvedBy: string, resolution: string): Promise<boolean> {
    const res = await em.update(RectificationNotice, { id, status: 'open' }, { status: 'resolved', resolvedAt, resolvedBy, resolution });
    return !!res.affected;
  }

  // ── org-life plans ───────────────────────────────────────────────────────────────────────

  /** The branches' own plan entries (where they differ from the default). */
  async plansOf(branchIds: string[]): Promise<OrgLifePlan[]> {
    if (!branchIds.length) return [];
    return this.ds.getRepository(OrgLifePlan).findBy({ orgId: In(branchIds) });
  }

  /** Sets a branch's cycle for one kind (creating or replacing the entry). */
  async savePlan(em: EntityManager, orgId: string, kind: OrgLifeKind, cycle: OrgLifeCycle, at: Date): Promise<void> {
    await em.getRepository(OrgLifePlan).save({ orgId, kind, cycle, updatedAt: at });
  }
}
