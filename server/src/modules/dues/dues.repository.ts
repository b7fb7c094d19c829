/** Persistence of 党费 — this module's tables alone. */
import { In, type DataSource, type EntityManager } from 'typeorm';
import { joinOrg, whereInSubtrees } from '../org';
import { DuesBase, DuesMonth, DuesPayment } from './dues.entity';

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
}
