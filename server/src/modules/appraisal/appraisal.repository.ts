/** Persistence of 民主评议 and 组织处置 — this module's tables alone. */
import { In, type DataSource, type EntityManager } from 'typeorm';
import type { AppraisalGrade } from '@djzy/shared';
import { castWithToken, findBallotToken, randomBallotId, type BallotLimit } from '../../core/ballot';
import { newId } from '../../core/ids';
import { partyMemberSql, type MemberDirectory } from '../member';
import { joinOrg, whereInSubtrees } from '../org';
import { Appraisal, AppraisalBallot, AppraisalBallotGrade, AppraisalBallotToken, AppraisalRound, Disposal } from './appraisal.entity';

const LIST_MAX = 3000;

export class AppraisalRepository {
  constructor(private readonly ds: DataSource) {}

  /** The Party members of a branch's subtree still in its count (id, status), in name order — not 已出党, 已转出 or 在途. */
  async branchMembers(members: MemberDirectory, path: string): Promise<{ id: string; status: string }[]> {
    const qb = members.query('m', 'org').select(['m.id AS id', 'm.status AS status']);
    whereInSubtrees(qb, 'org', [path]).andWhere(...partyMemberSql('m'));
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
    const qb = whereInSubtrees(
      joinOrg(this.ds.getRepository(AppraisalRound).createQueryBuilder('r'), 'org', 'org.id = r.orgId'),
      'org',
      paths,
    );
    if (year !== undefined) qb.andWhere('r.year = :year', { year });
    return qb.orderBy('r.year', 'DESC').addOrderBy('org.path', 'ASC').limit(LIST_MAX).getMany();
  }

  async moveRound(em: EntityManager, id: string, from: readonly string[], patch: Partial<AppraisalRound>): Promise<boolean> {
    const r = await em
      .createQueryBuilder()
      .update(AppraisalRound)
      .set(patch)
      .where('id = :id', { id })
      .andWhere('status IN (:...from)', { from })
      .execute();
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

  // ── the phone vote (core/ballot.ts) ─────────────────────────────────────────────────────

  async insertTokens(em: EntityManager, roundId: string, hashes: string[]): Promise<void> {
    for (let i = 0; i < hashes.length; i += 100)
      await em.insert(
        AppraisalBallotToken,
        hashes.slice(i, i + 100).map((tokenHash) => ({ id: newId(), roundId, tokenHash, used: false })),
      );
  }

  async tokenCounts(roundId: string): Promise<{ issued: number; used: number }> {
    const repo = this.ds.getRepository(AppraisalBallotToken);
    const [issued, used] = await Promise.all([repo.countBy({ roundId }), repo.countBy({ roundId, used: true })]);
    return { issued, used };
  }

  async findToken(token: string, ip: string, limit: BallotLimit): Promise<AppraisalBallotToken> {
    return findBallotToken(this.ds, AppraisalBallotToken, token, ip, limit);
  }

  /** Spends the token and writes the ballot in one transaction; `stillOpen` re-checks the round inside it. */
  async cast(
    row: AppraisalBallotToken,
    grades: { memberId: string; grade: AppraisalGrade }[],
    stillOpen: (em: EntityManager) => Promise<void>,
  ): Promise<void> {
    await castWithToken(this.ds, AppraisalBallotToken, row, async (em, ballotId) => {
      await stillOpen(em);
      await em.insert(AppraisalBallot, { id: ballotId, roundId: row.roundId });
      await em.insert(
        AppraisalBallotGrade,
        grades.map((g) => ({ id: randomBallotId(), ballotId, roundId: row.roundId, memberId: g.memberId, grade: g.grade })),
      );
    });
  }

  /** Closes the phone vote while the round is voting and the vote open; false when it no longer was. */
  async closeVote(em: EntityManager, id: string, at: Date): Promise<boolean> {
    const r = await em
      .createQueryBuilder()
      .update(AppraisalRound)
      .set({ voteClosedAt: at, updatedAt: at })
      .where('id = :id', { id })
      .andWhere("status = 'voting'")
      .andWhere('voteClosedAt IS NULL')
      .execute();
    return !!r.affected;
  }

  async roundIn(em: EntityManager, id: string): Promise<AppraisalRound | null> {
    return em.findOneBy(AppraisalRound, { id });
  }

  async ballotCount(roundId: string): Promise<number> {
    return this.ds.getRepository(AppraisalBallot).countBy({ roundId });
  }

  /** Phone ballots' grades counted per member and grade. */
  async ballotTallies(roundId: string): Promise<{ memberId: string; grade: AppraisalGrade; n: number }[]> {
    const rows = await this.ds
      .getRepository(AppraisalBallotGrade)
      .createQueryBuilder('g')
      .select(['g.memberId AS memberId', 'g.grade AS grade', 'COUNT(*) AS n'])
      .where('g.roundId = :roundId', { roundId })
      .groupBy('g.memberId')
      .addGroupBy('g.grade')
      .getRawMany<{ memberId: string; grade: AppraisalGrade; n: string | number }>();
    return rows.map((r) => ({ memberId: r.memberId, grade: r.grade, n: Number(r.n) }));
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
    const r = await em
      .createQueryBuilder()
      .update(Disposal)
      .set(patch)
      .where('id = :id', { id })
      .andWhere('status IN (:...from)', { from })
      .execute();
    return !!r.affected;
  }
}
