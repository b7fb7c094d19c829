/** Persistence of 组织关系转接 — this module's table alone. */
import { Brackets, type DataSource, type EntityManager } from 'typeorm';
import { joinOrg } from '../org';
import { MembershipTransfer } from './transfer.entity';

export class TransferRepository {
  constructor(private readonly ds: DataSource) {}

  async insert(em: EntityManager, t: MembershipTransfer): Promise<void> {
    await em.insert(MembershipTransfer, t);
  }

  async find(id: string): Promise<MembershipTransfer | null> {
    return this.ds.getRepository(MembershipTransfer).findOneBy({ id });
  }

  async ofMember(memberId: string): Promise<MembershipTransfer[]> {
    return this.ds.getRepository(MembershipTransfer).find({ where: { memberId }, order: { requestedOn: 'DESC', id: 'ASC' } });
  }

  /** Transfers from or to an org of these subtrees. */
  async list(paths: string[], status: string | undefined): Promise<MembershipTransfer[]> {
    if (!paths.length) return [];
    const qb = joinOrg(this.ds.getRepository(MembershipTransfer).createQueryBuilder('t'), 'f', 'f.id = t.fromOrgId').leftJoin('orgs', 'd', 'd.id = t.toOrgId');
    qb.andWhere(
      new Brackets((w) => {
        paths.forEach((p, i) => w.orWhere(`f.path LIKE :s${i}`, { [`s${i}`]: `${p}%` }).orWhere(`d.path LIKE :s${i}`));
      }),
    );
    if (status) qb.andWhere('t.status = :status', { status });
    return qb.orderBy('t.requestedOn', 'DESC').addOrderBy('t.id', 'ASC').limit(3000).getMany();
  }

  async move(em: EntityManager, id: string, from: readonly string[], patch: Partial<MembershipTransfer>): Promise<boolean> {
    const r = await em.createQueryBuilder().update(MembershipTransfer).set(patch).where('id = :id', { id }).andWhere('status IN (:...from)', { from }).execute();
    return !!r.affected;
  }
}
