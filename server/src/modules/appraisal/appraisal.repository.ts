/** Persistence of 民主评议 and 组织处置 — this module's tables alone. */
import { In, type DataSource, type EntityManager } from 'typeorm';
import type { MemberDirectory } from '../member';
import { joinOrg, whereInSubtrees } from '../org';
import { Appraisal, AppraisalRound, Disposal } from './appraisal.entity';

const LIST_MAX = 3000;

export class AppraisalRepository {
  constructor(private readonly ds: DataSource) {}

  /** The members of a branch's subtree (id, status), in name order. */
  async branchMembers(members: MemberDirectory, path: string): Promise<{ id: string; status: string }[]> {
    const qb = members.query('m', 'org').select(['m.id AS id', 'm.status AS status']);
    whereInSubtrees(qb, 'org', [path]);
    return qb.orderBy('m.name', 'ASC').addOrderBy('m.id', 'ASC').getRawMany();
  }

  // ── rounds ───────────────────────────────────────────────────────────────────────────────

  async insertRound(em: EntityManager, round: AppraisalRound, rows: Appraisal[]): Promise<void> {
    await em.insert(AppraisalRound, round);
    for (let i = 0; i < rows.length; i += 200) await em.insert(Appraisal, rows.slice(i, i + 200));
  }

  async round(id: string): Promise<AppraisalRound | null> {
    return this.ds.getRepository(AppraisalRound).findOneBy({ id });
  }

  async roundsByIds(ids: string[]): Promise<AppraisalRound[]> {
    if (!ids.length) return [];
    return this.ds.getRepository(AppraisalRound).findBy({ id: In([...new Set(ids)]) });
  }

  async rounds(paths: string[], year: number | undefined): Promise<AppraisalRound[]> {
    const qb = whereInSubtrees(joinOrg(this.ds.getRepository(AppraisalRound).createQueryBuilder('r'), 'org', 'org.id = r.orgId'), 'org', paths);
    if (year !== undefined) qb.andWhere('r.year = :year', { year });
    return qb.orderBy('r.year', 'DESC').addOrderBy('org.path', 'ASC').limit(LIST_MAX).getMany();
  }

  async moveRound(em: EntityManager, id: string, from: readonly string[], patch: Partial<AppraisalRound>): Promise<boolean> {
    const r = await em.createQueryBuilder().update(AppraisalRound).set(patch).where('id = :id', { id }).andWhere('status IN (:...from)', { from }).execute();
    return !!r.affected;
  }

  async appraisalsOf(roundId: string): Promise<Appraisal[]> {
    return this.ds.getRepository(Appraisal).find({ where: { roundId }, order: { id: 'ASC' } });
  }

  async appraisalOf(roundId: string, memberId: string): Promise<Appraisal | null> {
    return this.ds.getRepository(Appraisal).findOneBy({ roundId, memberId });
  }

  async appraisalsOfMember(memberId: string): Promise<Appraisal[]> {
    return this.ds.getRepository(Appraisal).findBy({ memberId });
  }

  async updateAppraisal(em: EntityManager, id: string, patch: Partial<Appraisal>): Promise<void> {
    await em.update(Appraisal, { id }, patch);
  }

  // ── disposals ────────────────────────────────────────────────────────────────────────────

  async insertDisposal(em: EntityManager, d: Disposal): Promise<void> {
    await em.insert(Disposal, d);
  }

  async disposal(id: string): Promise<Disposal | null> {
    return this.ds.getRepository(Disposal).findOneBy({ id });
  }

  async disposals(paths: string[], status: string | undefined): Promise<Disposal[]> {
    const qb = whereInSubtrees(joinOrg(this.ds.getRepository(Disposal).createQueryBuilder('d'), 'org', 'org.id = d.orgId'), 'org', paths);
    if (status) qb.andWhere('d.status = :status', { status });
    return qb.orderBy('d.createdAt', 'DESC').addOrderBy('d.id', 'ASC').limit(LIST_MAX).getMany();
  }

  async moveDisposal(em: EntityManager, id: string, from: readonly string[], patch: Partial<Disposal>): Promise<boolean> {
    const r = await em.createQueryBuilder().update(Disposal).set(patch).where('id = :id', { id }).andWhere('status IN (:...from)', { from }).execute();
    return !!r.affected;
  }
}
