/** Persistence of the 述职台账 records — this module's tables alone. */
import { In, type DataSource, type EntityManager, type ObjectLiteral, type SelectQueryBuilder } from 'typeorm';
import { joinOrg, whereInSubtrees } from '../org';
import { BranchRatingRecord, Commendation, Site, SiteInvestment, Talk, Visit, VisitHousehold } from './records.entity';

/** Lists are whole years of one township at most; this caps a county-wide ask. */
const LIST_MAX = 3000;

const yearRange = (year: number) => ({ from: `${year}-01-01`, to: `${year + 1}-01-01` });

export class RecordsRepository {
  constructor(private readonly ds: DataSource) {}

  /** Rows of `entity` whose org (column `orgColumn`) lies in these subtrees. */
  private scoped<T extends ObjectLiteral>(entity: new () => T, alias: string, paths: string[], orgColumn = 'orgId'): SelectQueryBuilder<T> {
    const qb = joinOrg(this.ds.getRepository(entity).createQueryBuilder(alias), 'org', `org.id = ${alias}.${orgColumn}`);
    return whereInSubtrees(qb, 'org', paths);
  }

  // ── visits ───────────────────────────────────────────────────────────────────────────────

  async insertVisit(em: EntityManager, v: Visit, households: VisitHousehold[]): Promise<void> {
    await em.insert(Visit, v);
    if (households.length) await em.insert(VisitHousehold, households);
  }

  async visits(paths: string[], year: number | undefined): Promise<Visit[]> {
    const qb = this.scoped(Visit, 'v', paths);
    if (year !== undefined) qb.andWhere('v.on >= :from AND v.on < :to', yearRange(year));
    return qb.orderBy('v.on', 'DESC').addOrderBy('v.createdAt', 'DESC').addOrderBy('v.id', 'ASC').limit(LIST_MAX).getMany();
  }

  async visit(id: string): Promise<Visit | null> {
    return this.ds.getRepository(Visit).findOneBy({ id });
  }

  async householdsOf(visitIds: string[]): Promise<VisitHousehold[]> {
    if (!visitIds.length) return [];
    const out: VisitHousehold[] = [];
    for (let i = 0; i < visitIds.length; i += 500)
      out.push(
        ...(await this.ds.getRepository(VisitHousehold).find({ where: { visitId: In(visitIds.slice(i, i + 500)) }, order: { id: 'ASC' } })),
      );
    return out;
  }

  async deleteVisit(em: EntityManager, id: string): Promise<boolean> {
    await em.delete(VisitHousehold, { visitId: id });
    return !!(await em.delete(Visit, { id })).affected;
  }

  // ── talks ────────────────────────────────────────────────────────────────────────────────

  async insertTalks(em: EntityManager, talks: Talk[]): Promise<void> {
    for (let i = 0; i < talks.length; i += 200) await em.insert(Talk, talks.slice(i, i + 200));
  }

  async talks(paths: string[], year: number | undefined): Promise<Talk[]> {
    const qb = this.scoped(Talk, 't', paths);
    if (year !== undefined) qb.andWhere('t.on >= :from AND t.on < :to', yearRange(year));
    return qb.orderBy('t.on', 'DESC').addOrderBy('t.createdAt', 'DESC').addOrderBy('t.id', 'ASC').limit(LIST_MAX).getMany();
  }

  async talk(id: string): Promise<Talk | null> {
    return this.ds.getRepository(Talk).findOneBy({ id });
  }

  async deleteTalk(em: EntityManager, id: string): Promise<boolean> {
    return !!(await em.delete(Talk, { id })).affected;
  }

  // ── sites ────────────────────────────────────────────────────────────────────────────────

  async insertSite(em: EntityManager, s: Site): Promise<void> {
    await em.insert(Site, s);
  }

  async site(id: string): Promise<Site | null> {
    return this.ds.getRepository(Site).findOneBy({ id });
  }

  async sites(paths: string[]): Promise<Site[]> {
    return this.scoped(Site, 's', paths)
      .orderBy('org.sortOrder', 'ASC')
      .addOrderBy('s.createdAt', 'ASC')
      .addOrderBy('s.id', 'ASC')
      .limit(LIST_MAX)
      .getMany();
  }

  async updateSite(em: EntityManager, id: string, patch: Partial<Site>): Promise<void> {
    await em.update(Site, { id }, patch);
  }

  async deleteSite(em: EntityManager, id: string): Promise<boolean> {
    await em.delete(SiteInvestment, { siteId: id });
    return !!(await em.delete(Site, { id })).affected;
  }

  async insertInvestment(em: EntityManager, i: SiteInvestment): Promise<void> {
    await em.insert(SiteInvestment, i);
  }

  async investment(id: string): Promise<SiteInvestment | null> {
    return this.ds.getRepository(SiteInvestment).findOneBy({ id });
  }

  async deleteInvestment(em: EntityManager, id: string): Promise<boolean> {
    return !!(await em.delete(SiteInvestment, { id })).affected;
  }

  async investmentsOf(siteIds: string[], year: number | undefined): Promise<SiteInvestment[]> {
    if (!siteIds.length) return [];
    const qb = this.ds
      .getRepository(SiteInvestment)
      .createQueryBuilder('i')
      .where({ siteId: In(siteIds) });
    if (year !== undefined) qb.andWhere('i.on >= :from AND i.on < :to', yearRange(year));
    return qb.orderBy('i.on', 'DESC').addOrderBy('i.id', 'ASC').getMany();
  }

  // ── branch ratings ───────────────────────────────────────────────────────────────────────

  async ratings(orgIds: string[], years: number[]): Promise<BranchRatingRecord[]> {
    if (!orgIds.length) return [];
    return this.ds.getRepository(BranchRatingRecord).find({ where: { orgId: In(orgIds), year: In(years) } });
  }

  async rating(em: EntityManager, orgId: string, year: number): Promise<BranchRatingRecord | null> {
    return em.getRepository(BranchRatingRecord).findOneBy({ orgId, year });
  }

  async insertRating(em: EntityManager, r: BranchRatingRecord): Promise<void> {
    await em.insert(BranchRatingRecord, r);
  }

  async updateRating(em: EntityManager, id: string, patch: Pick<BranchRatingRecord, 'rating' | 'decidedOn' | 'note'>): Promise<void> {
    await em.update(BranchRatingRecord, { id }, patch);
  }

  // ── commendations ────────────────────────────────────────────────────────────────────────

  async insertCommendations(em: EntityManager, list: Commendation[]): Promise<void> {
    if (list.length) await em.insert(Commendation, list);
  }

  async commendations(paths: string[], year: number | undefined): Promise<Commendation[]> {
    const qb = this.scoped(Commendation, 'c', paths);
    if (year !== undefined) qb.andWhere('c.year = :year', { year });
    return qb
      .orderBy('c.on', 'DESC')
      .addOrderBy('c.subjectKind', 'DESC')
      .addOrderBy('c.title', 'ASC')
      .addOrderBy('c.createdAt', 'DESC')
      .addOrderBy('c.id', 'ASC')
      .limit(LIST_MAX)
      .getMany();
  }

  async commendation(id: string): Promise<Commendation | null> {
    return this.ds.getRepository(Commendation).findOneBy({ id });
  }

  async deleteCommendation(em: EntityManager, id: string): Promise<boolean> {
    return !!(await em.delete(Commendation, { id })).affected;
  }

  // ── imports ──────────────────────────────────────────────────────────────────────────────

  async insertVisits(em: EntityManager, visits: Visit[], households: VisitHousehold[]): Promise<void> {
    for (let i = 0; i < visits.length; i += 200) await em.insert(Visit, visits.slice(i, i + 200));
    for (let i = 0; i < households.length; i += 200) await em.insert(VisitHousehold, households.slice(i, i + 200));
  }

  async insertSites(em: EntityManager, sites: Site[]): Promise<void> {
    for (let i = 0; i < sites.length; i += 200) await em.insert(Site, sites.slice(i, i + 200));
  }
}
