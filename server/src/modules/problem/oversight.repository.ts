/** Persistence of 专项检查, 督查通报 and 约谈 — this module's tables alone. */
import { In, type DataSource, type EntityManager } from 'typeorm';
import { updateWhere } from '../../core/sql';
import { joinOrg, whereInSubtrees } from '../org';
import { Inspection, InspectionNotice, Interview, InterviewMember, Problem } from './problem.entity';

export class OversightRepository {
  constructor(private readonly ds: DataSource) {}

  async insertInspection(em: EntityManager, i: Inspection): Promise<void> {
    await em.insert(Inspection, i);
  }

  async inspection(id: string): Promise<Inspection | null> {
    return this.ds.getRepository(Inspection).findOneBy({ id });
  }

  async inspections(paths: string[], year: number | undefined): Promise<Inspection[]> {
    const qb = joinOrg(this.ds.getRepository(Inspection).createQueryBuilder('i'), 'org', 'org.id = i.orgId');
    whereInSubtrees(qb, 'org', paths);
    if (year !== undefined) qb.andWhere('i.fromDay >= :from AND i.fromDay < :to', { from: `${year}-01-01`, to: `${year + 1}-01-01` });
    return qb.orderBy('i.fromDay', 'DESC').addOrderBy('i.id', 'ASC').limit(500).getMany();
  }

  /** The problems a record opened (its findings), by `sourceRef`. */
  async problemIdsFrom(sourceRefs: string[]): Promise<Map<string, string[]>> {
    const out = new Map<string, string[]>();
    if (!sourceRefs.length) return out;
    const rows = await this.ds
      .getRepository(Problem)
      .find({ where: { sourceRef: In(sourceRefs) }, select: { id: true, sourceRef: true }, order: { raisedAt: 'ASC', id: 'ASC' } });
    for (const r of rows) out.set(r.sourceRef!, [...(out.get(r.sourceRef!) ?? []), r.id]);
    return out;
  }

  // ── 督查通报 ──────────────────────────────────────────────────────────────────────────────

  async insertNotice(em: EntityManager, n: InspectionNotice): Promise<void> {
    await em.insert(InspectionNotice, n);
  }

  async notice(id: string, em?: EntityManager): Promise<InspectionNotice | null> {
    return (em ?? this.ds.manager).getRepository(InspectionNotice).findOneBy({ id });
  }

  async notices(paths: string[], year: number | undefined): Promise<InspectionNotice[]> {
    const qb = joinOrg(this.ds.getRepository(InspectionNotice).createQueryBuilder('n'), 'org', 'org.id = n.issuerOrgId');
    whereInSubtrees(qb, 'org', paths);
    if (year !== undefined) qb.andWhere('n.year = :year', { year });
    return qb.orderBy('n.createdAt', 'DESC').addOrderBy('n.id', 'ASC').limit(500).getMany();
  }

  async updateDraft(em: EntityManager, id: string, patch: Partial<InspectionNotice>): Promise<boolean> {
    return (await updateWhere(em, InspectionNotice, { id, status: 'draft' }, patch)) > 0;
  }

  /** The highest number an issuer gave in a year (0 when none). */
  async lastSerial(em: EntityManager, issuerOrgId: string, year: number): Promise<number> {
    const row = await em
      .getRepository(InspectionNotice)
      .createQueryBuilder('n')
      .select('MAX(n.serialNo)', 'last')
      .where('n.issuerOrgId = :issuerOrgId AND n.year = :year', { issuerOrgId, year })
      .getRawOne<{ last: number | string | null }>();
    return Number(row?.last ?? 0);
  }

  async updateNoticeProblems(em: EntityManager, id: string, problemIds: string[]): Promise<void> {
    await em.update(InspectionNotice, { id }, { problemIds: JSON.stringify(problemIds) });
  }

  async withdraw(em: EntityManager, id: string, patch: Pick<InspectionNotice, 'withdrawnAt' | 'withdrawReason'>): Promise<boolean> {
    return (await updateWhere(em, InspectionNotice, { id, status: 'published' }, { ...patch, status: 'withdrawn' })) > 0;
  }

  // ── 约谈 ──────────────────────────────────────────────────────────────────────────────────

  async insertInterview(em: EntityManager, i: Interview, memberIds: string[]): Promise<void> {
    await em.insert(Interview, i);
    await em.insert(
      InterviewMember,
      memberIds.map((memberId) => ({ interviewId: i.id, memberId })),
    );
  }

  async interview(id: string): Promise<Interview | null> {
    return this.ds.getRepository(Interview).findOneBy({ id });
  }

  async intervieweesOf(ids: string[]): Promise<InterviewMember[]> {
    if (!ids.length) return [];
    return this.ds.getRepository(InterviewMember).find({ where: { interviewId: In(ids) } });
  }

  /** Interviews held by orgs in these subtrees, or (OR) of which the member is an interviewee. */
  async interviews(paths: string[], memberId: string | null): Promise<Interview[]> {
    const qb = joinOrg(this.ds.getRepository(Interview).createQueryBuilder('i'), 'org', 'org.id = i.orgId');
    const conds = paths.map((_, k) => `org.path LIKE :scope${k}`);
    const params: Record<string, string> = Object.fromEntries(paths.map((p, k) => [`scope${k}`, `${p}%`]));
    if (memberId) {
      conds.push('EXISTS (SELECT 1 FROM interview_members im WHERE im.interviewId = i.id AND im.memberId = :me)');
      params.me = memberId;
    }
    qb.where(conds.length ? `(${conds.join(' OR ')})` : '1 = 0', params);
    return qb.orderBy('i.at', 'DESC').addOrderBy('i.id', 'ASC').limit(500).getMany();
  }
}
