/** Persistence of 慰问困难党员 — this module's tables alone. */
import { In, type DataSource, type EntityManager } from 'typeorm';
import { joinOrg, whereInSubtrees } from '../org';
import { CareSetting, CareVisit, Hardship } from './care.entity';

/** Lists are a township's years at most; this caps a county-wide ask. */
const LIST_MAX = 3000;

export class CareRepository {
  constructor(private readonly ds: DataSource) {}

  // ── hardships ────────────────────────────────────────────────────────────────────────────

  async insertHardship(em: EntityManager, h: Hardship): Promise<void> {
    await em.insert(Hardship, h);
  }

  async hardship(id: string): Promise<Hardship | null> {
    return this.ds.getRepository(Hardship).findOneBy({ id });
  }

  async hardships(paths: string[], status: string | undefined): Promise<Hardship[]> {
    const qb = whereInSubtrees(joinOrg(this.ds.getRepository(Hardship).createQueryBuilder('h'), 'org', 'org.id = h.orgId'), 'org', paths);
    if (status) qb.andWhere('h.status = :status', { status });
    return qb.orderBy('h.status', 'ASC').addOrderBy('h.reviewDue', 'ASC').addOrderBy('h.id', 'ASC').limit(LIST_MAX).getMany();
  }

  /** A conditional update: only from `from` states; false when the row had moved on. */
  async moveHardship(em: EntityManager, id: string, from: readonly string[], patch: Partial<Hardship>): Promise<boolean> {
    const r = await em
      .createQueryBuilder()
      .update(Hardship)
      .set(patch)
      .where('id = :id', { id })
      .andWhere('status IN (:...from)', { from })
      .execute();
    return !!r.affected;
  }

  // ── visits ───────────────────────────────────────────────────────────────────────────────

  async insertVisits(em: EntityManager, rows: CareVisit[]): Promise<void> {
    for (let i = 0; i < rows.length; i += 200) await em.insert(CareVisit, rows.slice(i, i + 200));
  }

  /** Visits to members of these subtrees, newest first. */
  async visits(paths: string[], year: number | undefined, occasion: string | undefined): Promise<CareVisit[]> {
    const qb = whereInSubtrees(
      joinOrg(this.ds.getRepository(CareVisit).createQueryBuilder('v'), 'org', 'org.id = v.memberOrgId'),
      'org',
      paths,
    );
    if (year !== undefined) qb.andWhere('v.on >= :from AND v.on < :to', { from: `${year}-01-01`, to: `${year + 1}-01-01` });
    if (occasion) qb.andWhere('v.occasion = :occasion', { occasion });
    return qb.orderBy('v.on', 'DESC').addOrderBy('v.createdAt', 'DESC').addOrderBy('v.id', 'ASC').limit(LIST_MAX).getMany();
  }

  async visit(id: string): Promise<CareVisit | null> {
    return this.ds.getRepository(CareVisit).findOneBy({ id });
  }

  async visitsOf(memberId: string): Promise<CareVisit[]> {
    return this.ds.getRepository(CareVisit).find({ where: { memberId }, order: { on: 'DESC', id: 'ASC' }, take: 200 });
  }

  async deleteVisit(em: EntityManager, id: string): Promise<boolean> {
    return !!(await em.delete(CareVisit, { id })).affected;
  }

  // ── settings ─────────────────────────────────────────────────────────────────────────────

  async settingsOf(orgIds: string[]): Promise<CareSetting[]> {
    if (!orgIds.length) return [];
    return this.ds.getRepository(CareSetting).findBy({ orgId: In(orgIds) });
  }

  async saveSetting(em: EntityManager, row: CareSetting): Promise<void> {
    if ((await em.update(CareSetting, { orgId: row.orgId }, row)).affected) return;
    await em.insert(CareSetting, row);
  }
}
