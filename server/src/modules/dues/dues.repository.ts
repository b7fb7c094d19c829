/** Persistence of 党费 — this module's tables alone. */
import { In, type DataSource, type EntityManager } from 'typeorm';
import { joinOrg, whereInSubtrees } from '../org';
import { DuesBase, DuesDisclosure, DuesMonth, DuesPayment } from './dues.entity';

export class DuesRepository {
  constructor(private readonly ds: DataSource) {}

  async base(memberId: string, year: number): Promise<DuesBase | null> {
    return this.ds.getRepository(DuesBase).findOneBy({ memberId, year });
  }

  async basesOf(memberId: string, years: number[]): Promise<DuesBase[]> {
    if (!years.length) return [];
    return this.ds.getRepository(DuesBase).findBy({ memberId, year: In(years) });
  }

  async basesIn(paths: string[], year: number): Promise<DuesBase[]> {
    return whereInSubtrees(joinOrg(this.ds.getRepository(DuesBase).createQueryBuilder('b'), 'org', 'org.id = b.orgId'), 'org', paths)
      .andWhere('b.year = :year', { year })
      .orderBy('org.path', 'ASC')
      .addOrderBy('b.id', 'ASC')
      .getMany();
  }

  /** Insert, or replace the member's base of that year (the unique key settles two at once). */
  async saveBase(em: EntityManager, b: DuesBase): Promise<void> {
    const { id: _id, ...rest } = b;
    if ((await em.update(DuesBase, { memberId: b.memberId, year: b.year }, rest)).affected) return;
    await em.insert(DuesBase, b);
  }

  async insertPayment(em: EntityManager, p: DuesPayment, months: DuesMonth[]): Promise<void> {
    await em.insert(DuesPayment, p);
    await em.insert(DuesMonth, months);
  }

  async payment(id: string): Promise<DuesPayment | null> {
    return this.ds.getRepository(DuesPayment).findOneBy({ id });
  }

  async deletePayment(em: EntityManager, id: string): Promise<boolean> {
    await em.delete(DuesMonth, { paymentId: id });
    return !!(await em.delete(DuesPayment, { id })).affected;
  }

  async paidMonths(memberIds: string[], from: string, to: string): Promise<DuesMonth[]> {
    if (!memberIds.length) return [];
    const out: DuesMonth[] = [];
    for (let i = 0; i < memberIds.length; i += 500)
      out.push(
        ...(await this.ds
          .getRepository(DuesMonth)
          .createQueryBuilder('m')
          .where('m.memberId IN (:...ids)', { ids: memberIds.slice(i, i + 500) })
          .andWhere('m.month >= :from AND m.month <= :to', { from, to })
          .getMany()),
      );
    return out;
  }

  async paymentsOf(memberId: string): Promise<DuesPayment[]> {
    return this.ds.getRepository(DuesPayment).find({ where: { memberId }, order: { paidOn: 'DESC', id: 'ASC' }, take: 200 });
  }

  async paymentsIn(paths: string[], year: number): Promise<DuesPayment[]> {
    return whereInSubtrees(joinOrg(this.ds.getRepository(DuesPayment).createQueryBuilder('p'), 'org', 'org.id = p.orgId'), 'org', paths)
      .andWhere('p.paidOn >= :from AND p.paidOn <= :to', { from: `${year}-01-01`, to: `${year}-12-31` })
      .orderBy('p.paidOn', 'DESC')
      .addOrderBy('p.id', 'ASC')
      .limit(5000)
      .getMany();
  }

  // ── 党费收缴情况公开 ─────────────────────────────────────────────────────────────────────

  async disclosure(em: EntityManager, orgId: string, year: number): Promise<DuesDisclosure | null> {
    return em.getRepository(DuesDisclosure).findOneBy({ orgId, year });
  }

  async insertDisclosure(em: EntityManager, d: DuesDisclosure): Promise<void> {
    await em.insert(DuesDisclosure, { ...d });
  }

  async updateDisclosure(em: EntityManager, id: string, patch: Partial<DuesDisclosure>): Promise<void> {
    await em.update(DuesDisclosure, { id }, patch);
  }

  /** Published summaries of these orgs (by id), newest year first; a year when given. */
  async disclosuresOf(orgIds: string[], year: number | undefined): Promise<DuesDisclosure[]> {
    if (!orgIds.length) return [];
    return this.ds
      .getRepository(DuesDisclosure)
      .find({ where: { orgId: In(orgIds), ...(year ? { year } : {}) }, order: { year: 'DESC', id: 'ASC' } });
  }

  /** Published summaries of orgs in these subtrees. */
  async disclosuresIn(paths: string[], year: number | undefined): Promise<DuesDisclosure[]> {
    const qb = joinOrg(this.ds.getRepository(DuesDisclosure).createQueryBuilder('d'), 'org', 'org.id = d.orgId');
    whereInSubtrees(qb, 'org', paths);
    if (year) qb.andWhere('d.year = :year', { year });
    return qb.orderBy('d.year', 'DESC').addOrderBy('org.path', 'ASC').limit(1000).getMany();
  }
}
