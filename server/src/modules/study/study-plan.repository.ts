/**
 * Persistence of 学习计划: the study_plans table and its materials (study_plan_materials). The
 * plan service asks these named queries; materials and completions are in study.repository.ts.
 */
import { Brackets, In, type DataSource, type EntityManager } from 'typeorm';
import { joinOrg } from '../org';
import { StudyPlan, StudyPlanMaterial } from './study.entity';

/** Which plans a list shows (who may see what is the service's rule; this is its query). */
export interface PlanFilter {
  /** Plans of these orgs (the caller's own orgs and those above the ones they manage). */
  ofOrgs: string[];
  /** Plans of the orgs under these paths (the subtrees the caller manages). */
  managed: string[];
  /** Only plans that apply to an org: of these orgs (the org and those above it) … */
  appliesTo?: { up: string[]; below: string };
  /** … and those of a period relative to `today`. */
  status?: 'current' | 'upcoming' | 'ended';
  today: string;
}

export class StudyPlanRepository {
  constructor(private readonly ds: DataSource) {}

  async plan(id: string): Promise<StudyPlan | null> {
    return this.ds.getRepository(StudyPlan).findOneBy({ id });
  }

  /** The material links of these plans, in order. */
  async linksOf(planIds: string[]): Promise<StudyPlanMaterial[]> {
    return this.ds.getRepository(StudyPlanMaterial).find({ where: { planId: In(planIds) }, order: { position: 'ASC' } });
  }

  /** A page of plans, latest ending first. */
  async plansPage(f: PlanFilter, page: number, pageSize: number): Promise<{ list: StudyPlan[]; total: number }> {
    const qb = joinOrg(this.ds.getRepository(StudyPlan).createQueryBuilder('sp'), 'org', 'org.id = sp.orgId');
    qb.andWhere(
      new Brackets((w) => {
        if (f.ofOrgs.length) w.orWhere('sp.orgId IN (:...above)', { above: f.ofOrgs });
        f.managed.forEach((path, i) => w.orWhere(`org.path LIKE :m${i}`, { [`m${i}`]: `${path}%` }));
        if (!f.ofOrgs.length && !f.managed.length) w.where('1 = 0');
      }),
    );
    if (f.appliesTo) {
      const { up, below } = f.appliesTo;
      qb.andWhere(new Brackets((w) => w.where('sp.orgId IN (:...up)', { up }).orWhere('org.path LIKE :below', { below: `${below}%` })));
    }
    const today = f.today;
    if (f.status === 'current') qb.andWhere('sp.startsOn <= :today AND sp.endsOn >= :today', { today });
    if (f.status === 'upcoming') qb.andWhere('sp.startsOn > :today', { today });
    if (f.status === 'ended') qb.andWhere('sp.endsOn < :today', { today });
    const total = await qb.getCount();
    const list = await qb
      .orderBy('sp.endsOn', 'DESC')
      .addOrderBy('sp.createdAt', 'DESC')
      .addOrderBy('sp.id', 'ASC')
      .offset((page - 1) * pageSize)
      .limit(pageSize)
      .getMany();
    return { list, total };
  }

  /** Plans of these orgs that have not ended by `today`, earliest first (at most 20). */
  async notEndedOf(orgIds: string[], today: string): Promise<StudyPlan[]> {
    return this.ds
      .getRepository(StudyPlan)
      .createQueryBuilder('sp')
      .where('sp.orgId IN (:...ancestors)', { ancestors: orgIds })
      .andWhere('sp.endsOn >= :today', { today })
      .orderBy('sp.startsOn', 'ASC')
      .addOrderBy('sp.endsOn', 'ASC')
      .limit(20)
      .getMany();
  }

  /** Inserts a plan with its materials in this order. */
  async insert(em: EntityManager, plan: StudyPlan, materialIds: string[]): Promise<void> {
    await em.insert(StudyPlan, plan);
    await em.insert(
      StudyPlanMaterial,
      materialIds.map((materialId, position) => ({ planId: plan.id, materialId, position })),
    );
  }

  async update(em: EntityManager, id: string, fields: Pick<StudyPlan, 'title' | 'startsOn' | 'endsOn' | 'note'>): Promise<void> {
    await em.update(StudyPlan, { id }, fields);
  }

  /** Replaces a plan's materials with these, in this order. */
  async replaceMaterials(em: EntityManager, planId: string, materialIds: string[]): Promise<void> {
    await em.delete(StudyPlanMaterial, { planId });
    await em.insert(
      StudyPlanMaterial,
      materialIds.map((materialId, position) => ({ planId, materialId, position })),
    );
  }

  /** Deletes a plan and its material links. */
  async delete(em: EntityManager, id: string): Promise<void> {
    await em.delete(StudyPlanMaterial, { planId: id });
    await em.delete(StudyPlan, { id });
  }
}
