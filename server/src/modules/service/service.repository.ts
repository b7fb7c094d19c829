/**
 * Persistence of deeds, service requests, liaison links and their contacts — this module's tables
 * alone. State moves are conditional updates (`WHERE status IN …`): two people acting at once
 * cannot both move a deed.
 */
import { Brackets, In, type DataSource, type EntityManager } from 'typeorm';
import type { DeedSource, DeedStatus, LiaisonKind, ServiceRequestStatus } from '@djzy/shared';
import { updateWhere } from '../../core/sql';
import { joinOrg, whereInSubtrees } from '../org';
import { Liaison, LiaisonContact, LiaisonHousehold, PublicDeed, ServiceRequest } from './service.entity';

export interface DeedFilter {
  /** Deeds in these subtrees … */
  paths?: string[];
  /** … or (alone) those this member answers for. */
  responsibleMemberId?: string;
  orgPath?: string;
  /** Registered or done within [from, to). */
  between?: { from: Date; to: Date };
  status?: DeedStatus;
  source?: DeedSource;
  /** Open deeds promised before this day (YYYY-MM-DD). */
  overdueBefore?: string;
}

const OPEN: DeedStatus[] = ['registered', 'accepted', 'in_progress'];

export class ServiceRepository {
  constructor(private readonly ds: DataSource) {}

  // ── deeds ────────────────────────────────────────────────────────────────────────────────

  async deed(id: string): Promise<PublicDeed | null> {
    return this.ds.getRepository(PublicDeed).findOneBy({ id });
  }

  async insertDeed(em: EntityManager, d: PublicDeed): Promise<void> {
    await em.insert(PublicDeed, d);
  }

  /** Applies a patch only while the deed is in one of `from`; false when it no longer was. */
  async moveDeed(em: EntityManager, id: string, from: readonly DeedStatus[], patch: Partial<PublicDeed>): Promise<boolean> {
    return (await updateWhere(em, PublicDeed, { id, status: In([...from]) }, patch)) > 0;
  }

  async deedPage(f: DeedFilter, page: number, pageSize: number): Promise<{ list: PublicDeed[]; total: number }> {
    const qb = joinOrg(this.ds.getRepository(PublicDeed).createQueryBuilder('d'), 'org', 'org.id = d.orgId');
    if (f.paths) whereInSubtrees(qb, 'org', f.paths);
    if (f.responsibleMemberId) qb.andWhere('d.responsibleMemberId = :me', { me: f.responsibleMemberId });
    if (f.orgPath) qb.andWhere('org.path LIKE :sub', { sub: `${f.orgPath}%` });
    if (f.between) {
      const { from, to } = f.between;
      qb.andWhere(
        new Brackets((w) => {
          w.where('(d.createdAt >= :from AND d.createdAt < :to)', { from, to }).orWhere('(d.doneAt >= :from AND d.doneAt < :to)', {
            from,
            to,
          });
        }),
      );
    }
    if (f.status) qb.andWhere('d.status = :status', { status: f.status });
    if (f.source) qb.andWhere('d.source = :source', { source: f.source });
    if (f.overdueBefore) qb.andWhere('d.status IN (:...open) AND d.promisedBy < :today', { open: OPEN, today: f.overdueBefore });
    const total = await qb.getCount();
    const list = await qb
      .orderBy('d.createdAt', 'DESC')
      .addOrderBy('d.id', 'ASC')
      .offset((page - 1) * pageSize)
      .limit(pageSize)
      .getMany();
    return { list, total };
  }

  /** Deeds raised from these source keys (`liaison:<contact>:<need>`), by key. */
  async deedsByKeys(keys: string[]): Promise<Map<string, string>> {
    if (!keys.length) return new Map();
    const rows = await this.ds.getRepository(PublicDeed).find({ where: { sourceKey: In(keys) }, select: { id: true, sourceKey: true } });
    return new Map(rows.map((r) => [r.sourceKey!, r.id]));
  }

  // ── service requests ─────────────────────────────────────────────────────────────────────

  async request(id: string): Promise<ServiceRequest | null> {
    return this.ds.getRepository(ServiceRequest).findOneBy({ id });
  }

  async insertRequest(em: EntityManager, r: ServiceRequest): Promise<void> {
    await em.insert(ServiceRequest, r);
  }

  async moveRequest(em: EntityManager, id: string, from: ServiceRequestStatus, patch: Partial<ServiceRequest>): Promise<boolean> {
    return (await updateWhere(em, ServiceRequest, { id, status: from }, patch)) > 0;
  }

  async requestPage(
    f: { paths: string[]; orgPath?: string; between?: { from: string; to: string }; status?: ServiceRequestStatus },
    page: number,
    pageSize: number,
  ): Promise<{ list: ServiceRequest[]; total: number }> {
    const qb = joinOrg(this.ds.getRepository(ServiceRequest).createQueryBuilder('r'), 'org', 'org.id = r.orgId');
    whereInSubtrees(qb, 'org', f.paths);
    if (f.orgPath) qb.andWhere('org.path LIKE :sub', { sub: `${f.orgPath}%` });
    if (f.between) qb.andWhere('r.receivedOn >= :from AND r.receivedOn < :to', f.between);
    if (f.status) qb.andWhere('r.status = :status', { status: f.status });
    const total = await qb.getCount();
    const list = await qb
      .orderBy('r.receivedOn', 'DESC')
      .addOrderBy('r.createdAt', 'DESC')
      .addOrderBy('r.id', 'ASC')
      .offset((page - 1) * pageSize)
      .limit(pageSize)
      .getMany();
    return { list, total };
  }

  async requestsByKeys(keys: string[]): Promise<Map<string, string>> {
    if (!keys.length) return new Map();
    const rows = await this.ds
      .getRepository(ServiceRequest)
      .find({ where: { sourceKey: In(keys) }, select: { id: true, sourceKey: true } });
    return new Map(rows.map((r) => [r.sourceKey!, r.id]));
  }

  // ── liaisons ─────────────────────────────────────────────────────────────────────────────

  async liaison(id: string): Promise<Liaison | null> {
    return this.ds.getRepository(Liaison).findOneBy({ id });
  }

  async insertLiaison(em: EntityManager, l: Liaison, households: LiaisonHousehold[]): Promise<void> {
    await em.insert(Liaison, l);
    if (households.length) await em.insert(LiaisonHousehold, households);
  }

  async liaisonPage(
    f: { paths: string[]; orgPath?: string; kind?: LiaisonKind },
    page: number,
    pageSize: number,
  ): Promise<{ list: Liaison[]; total: number }> {
    const qb = joinOrg(this.ds.getRepository(Liaison).createQueryBuilder('l'), 'org', 'org.id = l.orgId');
    whereInSubtrees(qb, 'org', f.paths);
    if (f.orgPath) qb.andWhere('org.path LIKE :sub', { sub: `${f.orgPath}%` });
    if (f.kind) qb.andWhere('l.kind = :kind', { kind: f.kind });
    const total = await qb.getCount();
    const list = await qb
      .orderBy('org.path', 'ASC')
      .addOrderBy('l.kind', 'ASC')
      .addOrderBy('l.createdAt', 'ASC')
      .addOrderBy('l.id', 'ASC')
      .offset((page - 1) * pageSize)
      .limit(pageSize)
      .getMany();
    return { list, total };
  }

  async liaisonsOfMember(memberId: string): Promise<Liaison[]> {
    return this.ds.getRepository(Liaison).find({ where: { memberId }, order: { fromDay: 'ASC', id: 'ASC' } });
  }

  async householdsOf(liaisonIds: string[]): Promise<LiaisonHousehold[]> {
    if (!liaisonIds.length) return [];
    return this.ds.getRepository(LiaisonHousehold).find({ where: { liaisonId: In(liaisonIds) }, order: { position: 'ASC', id: 'ASC' } });
  }

  async householdsByIds(ids: string[]): Promise<LiaisonHousehold[]> {
    const unique = [...new Set(ids)];
    if (!unique.length) return [];
    return this.ds.getRepository(LiaisonHousehold).find({ where: { id: In(unique) } });
  }

  async household(id: string): Promise<LiaisonHousehold | null> {
    return this.ds.getRepository(LiaisonHousehold).findOneBy({ id });
  }

  /** Keeps the latest contact day (only moves forward). */
  async advanceLastContact(em: EntityManager, liaisonId: string, day: string, at: Date): Promise<void> {
    await em
      .createQueryBuilder()
      .update(Liaison)
      .set({ lastContactOn: day, updatedAt: at })
      .where('id = :id AND (lastContactOn IS NULL OR lastContactOn < :day)', { id: liaisonId, day })
      .execute();
  }

  async contactCounts(liaisonIds: string[]): Promise<Map<string, number>> {
    if (!liaisonIds.length) return new Map();
    const rows: { liaisonId: string; n: string | number }[] = await this.ds
      .getRepository(LiaisonContact)
      .createQueryBuilder('c')
      .select('c.liaisonId', 'liaisonId')
      .addSelect('COUNT(*)', 'n')
      .where('c.liaisonId IN (:...ids)', { ids: liaisonIds })
      .groupBy('c.liaisonId')
      .getRawMany();
    return new Map(rows.map((r) => [r.liaisonId, Number(r.n)]));
  }

  // ── contacts ─────────────────────────────────────────────────────────────────────────────

  async contact(id: string): Promise<LiaisonContact | null> {
    return this.ds.getRepository(LiaisonContact).findOneBy({ id });
  }

  async contactByClientKey(em: EntityManager, key: string): Promise<LiaisonContact | null> {
    return em.getRepository(LiaisonContact).findOneBy({ clientKey: key });
  }

  async insertContact(em: EntityManager, c: LiaisonContact): Promise<void> {
    await em.insert(LiaisonContact, c);
  }

  async contactPage(
    f: { paths?: string[]; orgPath?: string; liaisonId?: string; memberId?: string },
    page: number,
    pageSize: number,
  ): Promise<{ list: LiaisonContact[]; total: number }> {
    const qb = this.ds.getRepository(LiaisonContact).createQueryBuilder('c').innerJoin(Liaison, 'l', 'l.id = c.liaisonId');
    joinOrg(qb, 'org', 'org.id = l.orgId');
    if (f.paths) whereInSubtrees(qb, 'org', f.paths);
    if (f.orgPath) qb.andWhere('org.path LIKE :sub', { sub: `${f.orgPath}%` });
    if (f.liaisonId) qb.andWhere('c.liaisonId = :lid', { lid: f.liaisonId });
    if (f.memberId) qb.andWhere('c.memberId = :mid', { mid: f.memberId });
    const total = await qb.getCount();
    const list = await qb
      .orderBy('c.onDay', 'DESC')
      .addOrderBy('c.createdAt', 'DESC')
      .addOrderBy('c.id', 'ASC')
      .offset((page - 1) * pageSize)
      .limit(pageSize)
      .getMany();
    return { list, total };
  }
}
