/** Persistence of 组织关系转接 — this module's table alone. */
import { Brackets, type DataSource, type EntityManager } from 'typeorm';
import { joinOrg } from '../org';
import { IncomingTransfer, MembershipTransfer } from './transfer.entity';

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
    const qb = joinOrg(this.ds.getRepository(MembershipTransfer).createQueryBuilder('t'), 'f', 'f.id = t.fromOrgId').leftJoin(
      'orgs',
      'd',
      'd.id = t.toOrgId',
    );
    qb.andWhere(
      new Brackets((w) => {
        paths.forEach((p, i) => w.orWhere(`f.path LIKE :s${i}`, { [`s${i}`]: `${p}%` }).orWhere(`d.path LIKE :s${i}`));
      }),
    );
    if (status) qb.andWhere('t.status = :status', { status });
    return qb.orderBy('t.requestedOn', 'DESC').addOrderBy('t.id', 'ASC').limit(3000).getMany();
  }

  async move(em: EntityManager, id: string, from: readonly string[], patch: Partial<MembershipTransfer>): Promise<boolean> {
    const r = await em
      .createQueryBuilder()
      .update(MembershipTransfer)
      .set(patch)
      .where('id = :id', { id })
      .andWhere('status IN (:...from)', { from })
      .execute();
    return !!r.affected;
  }

  /** Issued letters whose `validUntil` lies in [from, to] and not yet reminded. */
  async expiringUnreminded(from: string, to: string, paths: string[] | null): Promise<MembershipTransfer[]> {
    const qb = joinOrg(this.ds.getRepository(MembershipTransfer).createQueryBuilder('t'), 'f', 'f.id = t.fromOrgId')
      .where("t.status = 'issued'")
      .andWhere('t.validUntil >= :from AND t.validUntil <= :to', { from, to })
      .andWhere('t.remindedOn IS NULL');
    if (paths) {
      if (!paths.length) return [];
      qb.andWhere(new Brackets((w) => paths.forEach((p, i) => w.orWhere(`f.path LIKE :r${i}`, { [`r${i}`]: `${p}%` }))));
    }
    return qb.orderBy('t.validUntil', 'ASC').limit(1000).getMany();
  }

  /** Marks a letter reminded, once: false when another run did it first. */
  async markReminded(em: EntityManager, id: string, on: string): Promise<boolean> {
    const r = await em
      .createQueryBuilder()
      .update(MembershipTransfer)
      .set({ remindedOn: on })
      .where('id = :id', { id })
      .andWhere('remindedOn IS NULL')
      .andWhere("status = 'issued'")
      .execute();
    return !!r.affected;
  }

  // ── 转入 from outside the deployment ──────────────────────────────────────────────────────

  async insertIncoming(em: EntityManager, t: IncomingTransfer): Promise<void> {
    await em.insert(IncomingTransfer, { ...t });
  }

  async findIncoming(id: string): Promise<IncomingTransfer | null> {
    return this.ds.getRepository(IncomingTransfer).findOneBy({ id });
  }

  /** Letters received into orgs of these subtrees. */
  async listIncoming(paths: string[], status: string | undefined): Promise<IncomingTransfer[]> {
    if (!paths.length) return [];
    const qb = joinOrg(this.ds.getRepository(IncomingTransfer).createQueryBuilder('t'), 'o', 'o.id = t.toOrgId');
    qb.andWhere(new Brackets((w) => paths.forEach((p, i) => w.orWhere(`o.path LIKE :s${i}`, { [`s${i}`]: `${p}%` }))));
    if (status) qb.andWhere('t.status = :status', { status });
    return qb.orderBy('t.registeredOn', 'DESC').addOrderBy('t.id', 'ASC').limit(3000).getMany();
  }

  /** Registered letters (not yet received) into orgs of these subtrees whose `validUntil` lies in [from, to], soonest first. */
  async incomingExpiring(from: string, to: string, paths: string[] | null): Promise<(IncomingTransfer & { toOrgName: string })[]> {
    if (paths && !paths.length) return [];
    const qb = joinOrg(this.ds.getRepository(IncomingTransfer).createQueryBuilder('t'), 'o', 'o.id = t.toOrgId')
      .addSelect('o.name', 'toOrgName')
      .where("t.status = 'registered'")
      .andWhere('t.validUntil >= :from AND t.validUntil <= :to', { from, to });
    if (paths) qb.andWhere(new Brackets((w) => paths.forEach((p, i) => w.orWhere(`o.path LIKE :r${i}`, { [`r${i}`]: `${p}%` }))));
    const { entities, raw } = await qb
      .orderBy('t.validUntil', 'ASC')
      .addOrderBy('t.id', 'ASC')
      .limit(1000)
      .getRawAndEntities<{ toOrgName: string }>();
    return entities.map((t, i) => ({ ...t, toOrgName: raw[i]?.toOrgName ?? '' }));
  }

  async moveIncoming(em: EntityManager, id: string, from: string, patch: Partial<IncomingTransfer>): Promise<boolean> {
    const r = await em
      .createQueryBuilder()
      .update(IncomingTransfer)
      .set(patch)
      .where('id = :id', { id })
      .andWhere('status = :from', { from })
      .execute();
    return !!r.affected;
  }
}
