import type { DataSource, EntityManager } from 'typeorm';
import { joinOrg, whereInSubtrees } from '../org';
import { DevelopmentCase, DevelopmentPlan, DevelopmentStepRecord, WorkdayCalendarEntry } from './development.entity';

/** The development module's tables (the report reads them too, with its own queries). */
export class DevelopmentRepository {
  constructor(private readonly ds: DataSource) {}

  private m(em?: EntityManager): EntityManager {
    return em ?? this.ds.manager;
  }

  async case(id: string, em?: EntityManager): Promise<DevelopmentCase | null> {
    return this.m(em).findOneBy(DevelopmentCase, { id });
  }

  async caseByMember(memberId: string): Promise<DevelopmentCase | null> {
    return this.ds.manager
      .getRepository(DevelopmentCase)
      .createQueryBuilder('c')
      .where('c.memberId = :memberId', { memberId })
      .orderBy('c.createdAt', 'DESC')
      .addOrderBy('c.id', 'DESC')
      .getOne();
  }

  /** Open cases (not terminated) with this ID number's blind index. */
  async openCasesByIdNumber(em: EntityManager, hash: string): Promise<DevelopmentCase[]> {
    return em
      .getRepository(DevelopmentCase)
      .createQueryBuilder('c')
      .where('c.idNumberHash = :hash', { hash })
      .andWhere("c.status <> 'terminated'")
      .getMany();
  }

  async cases(paths: string[], f: { stage?: string; status?: string }): Promise<DevelopmentCase[]> {
    const qb = joinOrg(this.ds.getRepository(DevelopmentCase).createQueryBuilder('c'), 'o', 'o.id = c.branchOrgId');
    whereInSubtrees(qb, 'o', paths);
    if (f.stage) qb.andWhere('c.stage = :stage', { stage: f.stage });
    if (f.status) qb.andWhere('c.status = :status', { status: f.status });
    return qb.orderBy('o.path').addOrderBy('c.appliedOn').addOrderBy('c.id').getMany();
  }

  async steps(caseIds: string[], em?: EntityManager): Promise<DevelopmentStepRecord[]> {
    if (!caseIds.length) return [];
    return this.m(em)
      .getRepository(DevelopmentStepRecord)
      .createQueryBuilder('s')
      .where('s.caseId IN (:...caseIds)', { caseIds })
      .orderBy('s.enteredAt')
      .addOrderBy('s.id')
      .getMany();
  }

  async insertCase(em: EntityManager, c: DevelopmentCase): Promise<void> {
    await em.insert(DevelopmentCase, c);
  }

  async insertStep(em: EntityManager, s: DevelopmentStepRecord): Promise<void> {
    await em.insert(DevelopmentStepRecord, s);
  }

  /** Takes the case's row lock (MySQL) before its steps are read and checked. */
  async touch(em: EntityManager, id: string, at: Date): Promise<void> {
    await em.update(DevelopmentCase, { id }, { updatedAt: at });
  }

  async saveCase(em: EntityManager, c: DevelopmentCase): Promise<void> {
    await em.save(DevelopmentCase, c);
  }

  // ── 发展党员计划 ────────────────────────────────────────────────────────────────────────────

  async plans(orgIds: string[], year: number): Promise<DevelopmentPlan[]> {
    if (!orgIds.length) return [];
    return this.ds
      .getRepository(DevelopmentPlan)
      .createQueryBuilder('p')
      .where('p.orgId IN (:...orgIds)', { orgIds })
      .andWhere('p.year = :year', { year })
      .getMany();
  }

  async plan(orgId: string, year: number, em?: EntityManager): Promise<DevelopmentPlan | null> {
    return this.m(em).findOneBy(DevelopmentPlan, { orgId, year });
  }

  async savePlan(em: EntityManager, p: DevelopmentPlan): Promise<void> {
    await em.save(DevelopmentPlan, p);
  }

  /** Cases of the subtree whose effective 支部大会 (step 15) falls in the year. */
  async meetingsInYear(path: string, year: number): Promise<number> {
    const qb = joinOrg(
      this.ds.createQueryBuilder().from(DevelopmentStepRecord, 's').innerJoin(DevelopmentCase, 'c', 'c.id = s.caseId'),
      'o',
      'o.id = c.branchOrgId',
    )
      .select('COUNT(DISTINCT s.caseId)', 'n')
      .where('s.step = 15')
      .andWhere('s.occurredOn >= :from AND s.occurredOn <= :to', { from: `${year}-01-01`, to: `${year}-12-31` })
      .andWhere('NOT EXISTS (SELECT 1 FROM development_steps x WHERE x.supersedes = s.id)');
    whereInSubtrees(qb, 'o', [path]);
    return Number((await qb.getRawOne<{ n: number | string }>())?.n ?? 0);
  }

  // ── the county's working-day calendar ────────────────────────────────────────────────────

  async calendar(orgId: string): Promise<WorkdayCalendarEntry[]> {
    return this.ds.getRepository(WorkdayCalendarEntry).find({ where: { orgId }, order: { day: 'ASC' } });
  }

  async calendarDay(em: EntityManager, orgId: string, day: string): Promise<WorkdayCalendarEntry | null> {
    return em.findOneBy(WorkdayCalendarEntry, { orgId, day });
  }

  async saveCalendarDay(em: EntityManager, e: WorkdayCalendarEntry): Promise<void> {
    await em.save(WorkdayCalendarEntry, e);
  }

  async deleteCalendarDay(em: EntityManager, orgId: string, day: string): Promise<number> {
    return (await em.delete(WorkdayCalendarEntry, { orgId, day })).affected ?? 0;
  }
}
