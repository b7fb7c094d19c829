/**
 * 述职台账: the small records the yearly report counts, and their rules in one place.
 *
 *  - Reads: managers (admin, branch secretary, branch committee) of the record's org or above;
 *    an org outside the caller's subtree is 404 (its id confirms nothing).
 *  - Writes: admins of the org or an ancestor (403 ADMIN_REQUIRED for a manager without it);
 *    a branch's rating (晋位升级) is the township committee's: admins above the branch only.
 *  - Dates are not in the future (a visit, a talk, an investment, a rating, a commendation).
 *  - People: a member id is checked to be in the org's subtree (the visitor or talker in its
 *    township); a name alone is kept as typed (non-members visit and talk too).
 *  - A mistaken entry may be removed; every write and removal is audited.
 */
import type { DataSource, EntityManager } from 'typeorm';
import {
  MANAGING_ROLES,
  householdKey,
  toIsoLocal,
  toLocalDate,
  type BranchRatingRow,
  type BranchRatingView,
  type CommendationView,
  type CreateCommendationRequest,
  type CreateSiteInvestmentRequest,
  type CreateSiteRequest,
  type CreateTalkRequest,
  type CreateVisitRequest,
  type SetBranchRatingRequest,
  type SiteInvestmentView,
  type SiteView,
  type TalkView,
  type UpdateSiteRequest,
  type VisitView,
} from '@djzy/shared';
import { systemClock, type Clock } from '../../core/clock';
import { AppError, fieldError } from '../../core/errors';
import { isDuplicateKey } from '../../core/http';
import { isIdLike, newId } from '../../core/ids';
import { covers, scopePaths, type Principal } from '../../core/principal';
import { transactionWithRetry } from '../../core/sql';
import { writeAudit, type AuditContext } from '../audit';
import type { MemberBasics, MemberDirectory } from '../member';
import { townshipPathOf, type Org, type OrgService } from '../org';
import type { BranchRatingRecord, Commendation, Site, SiteInvestment, Talk, Visit, VisitHousehold } from './records.entity';
import { RecordsRepository } from './records.repository';

export class RecordsService {
  readonly repo: RecordsRepository;

  constructor(
    private readonly ds: DataSource,
    readonly orgs: OrgService,
    readonly members: MemberDirectory,
    private readonly opts: { now?: Clock } = {},
  ) {
    this.repo = new RecordsRepository(ds);
  }

  now(): Date {
    return (this.opts.now ?? systemClock)();
  }
  today(): string {
    return toLocalDate(this.now());
  }

  // ── access ───────────────────────────────────────────────────────────────────────────────

  /** An org the caller manages (reads), else 404. */
  async visibleOrg(p: Principal, orgId: string | null | undefined): Promise<Org> {
    const org = await this.orgs.find(orgId);
    if (!org || !covers(p, org.path, MANAGING_ROLES)) throw new AppError('NOT_FOUND');
    return org;
  }

  /** An org the caller administers (writes): 404 outside their subtree, 403 without admin. */
  async writableOrg(p: Principal, orgId: string | null | undefined): Promise<Org> {
    const org = await this.visibleOrg(p, orgId);
    if (!covers(p, org.path, ['admin'])) throw new AppError('ADMIN_REQUIRED');
    return org;
  }

  /** The subtrees a list covers: the org asked for (404 when not the caller's), else every one they manage. */
  async listScope(p: Principal, orgId: string | undefined): Promise<string[]> {
    if (orgId) return [(await this.visibleOrg(p, orgId)).path];
    return scopePaths(p, MANAGING_ROLES);
  }

  /** A date that is not after today. */
  notFuture(day: string, field: string, label = '日期'): void {
    if (day > this.today()) throw fieldError(field, `${label}不能晚于今天`);
  }

  /** A member in the subtree at `path`, or a field error. */
  async memberWithin(memberId: string, path: string, field: string, message: string): Promise<MemberBasics> {
    const found = await this.members.findWithOrg(memberId);
    if (!found || !found.org.path.startsWith(path)) throw fieldError(field, message);
    return found.member;
  }

  /** The person of a record: a member (checked) or a name as typed; one of the two is required. */
  private async person(
    memberId: string | undefined,
    name: string | undefined,
    path: string,
    field: string,
    label: string,
  ): Promise<{ id: string | null; name: string }> {
    if (memberId) {
      const m = await this.memberWithin(memberId, path, `${field}MemberId`, `${label}须是本乡镇（本组织）的党员`);
      return { id: m.id, name: m.name };
    }
    if (name) return { id: null, name };
    throw fieldError(`${field}Name`, `请填写${label}`);
  }

  private async orgNames(ids: string[]): Promise<Map<string, string>> {
    return new Map([...(await this.orgs.byIds(ids)).values()].map((o) => [o.id, o.name]));
  }

  // ── 调研走访 ─────────────────────────────────────────────────────────────────────────────

  /** `POST /visits`. */
  async createVisit(p: Principal, input: CreateVisitRequest, audit: AuditContext): Promise<VisitView> {
    const org = await this.writableOrg(p, input.orgId);
    this.notFuture(input.on, 'on');
    const visitor = await this.person(input.visitorMemberId, input.visitorName, townshipPathOf(org.path), 'visitor', '走访人');
    const v: Visit = {
      id: newId(),
      orgId: org.id,
      visitorMemberId: visitor.id,
      visitorName: visitor.name,
      on: input.on,
      purpose: input.purpose,
      topic: input.topic,
      place: input.place || null,
      createdBy: p.id,
      createdAt: this.now(),
    };
    const households = await this.households(v.id, input.households ?? [], org);
    await this.ds.transaction(async (em) => {
      await this.repo.insertVisit(em, v, households);
      await writeAudit(
        em,
        p,
        'visit.create',
        { type: 'visit', id: v.id },
        { orgId: org.id, purpose: v.purpose, households: households.length },
        audit,
      );
    });
    return (await this.presentVisits([v], households))[0];
  }

  /** The households of a visit: keyed, each once, a member's household checked to be in the org. */
  async households(
    visitId: string,
    input: { household: string; memberId?: string; poor?: boolean }[],
    org: Org,
    field = 'households',
  ): Promise<VisitHousehold[]> {
    const seen = new Set<string>();
    const out: VisitHousehold[] = [];
    for (const [i, h] of input.entries()) {
      const key = householdKey(h.household);
      if (!key) throw fieldError(`${field}.${i}.household`, '请填写走访户');
      if (seen.has(key)) throw fieldError(`${field}.${i}.household`, `「${h.household}」在本次走访中重复`);
      seen.add(key);
      if (h.memberId) await this.memberWithin(h.memberId, org.path, `${field}.${i}.memberId`, '该党员不在本组织');
      out.push({ id: newId(), visitId, household: h.household, householdKey: key, memberId: h.memberId ?? null, poor: !!h.poor });
    }
    return out;
  }

  /** `GET /visits?orgId=&year=`, with their households. */
  async visits(p: Principal, q: { orgId?: string; year?: number }): Promise<VisitView[]> {
    const list = await this.repo.visits(await this.listScope(p, q.orgId), q.year);
    return this.presentVisits(list, await this.repo.householdsOf(list.map((v) => v.id)));
  }

  private async presentVisits(list: Visit[], households: VisitHousehold[]): Promise<VisitView[]> {
    const orgs = await this.orgNames(list.map((v) => v.orgId));
    const names = await this.members.namesOf(households.map((h) => h.memberId).filter((x): x is string => !!x));
    const byVisit = new Map<string, VisitHousehold[]>();
    for (const h of households) byVisit.set(h.visitId, [...(byVisit.get(h.visitId) ?? []), h]);
    return list.map((v) => ({
      id: v.id,
      orgId: v.orgId,
      orgName: orgs.get(v.orgId) ?? '',
      visitorMemberId: v.visitorMemberId,
      visitorName: v.visitorName,
      on: v.on,
      purpose: v.purpose,
      topic: v.topic,
      place: v.place,
      households: (byVisit.get(v.id) ?? []).map((h) => ({
        id: h.id,
        household: h.household,
        householdKey: h.householdKey,
        memberId: h.memberId,
        memberName: h.memberId ? (names.get(h.memberId) ?? null) : null,
        poor: !!h.poor,
      })),
      createdAt: toIsoLocal(v.createdAt),
    }));
  }

  /** `DELETE /visits/:id`: a mistaken entry, with its households. */
  async deleteVisit(p: Principal, id: string, audit: AuditContext): Promise<void> {
    const v = isIdLike(id) ? await this.repo.visit(id) : null;
    if (!v) throw new AppError('NOT_FOUND');
    await this.writableOrg(p, v.orgId);
    await this.ds.transaction(async (em) => {
      if (!(await this.repo.deleteVisit(em, v.id))) throw new AppError('NOT_FOUND');
      await writeAudit(em, p, 'visit.delete', { type: 'visit', id: v.id }, { orgId: v.orgId, on: v.on, purpose: v.purpose }, audit);
    });
  }

  // ── 谈心谈话 ─────────────────────────────────────────────────────────────────────────────

  /** `POST /talks`: one row per person talked with. */
  async createTalks(p: Principal, input: CreateTalkRequest, audit: AuditContext): Promise<TalkView[]> {
    const org = await this.writableOrg(p, input.orgId);
    this.notFuture(input.on, 'on');
    const talker = await this.person(input.talkerMemberId, input.talkerName, townshipPathOf(org.path), 'talker', '谈话人');
    const seen = new Set<string>();
    const rows: Talk[] = [];
    const now = this.now();
    for (const [i, w] of input.with.entries()) {
      let person: { id: string | null; name: string };
      if (w.memberId) {
        const m = await this.memberWithin(w.memberId, org.path, `with.${i}.memberId`, '谈话对象须是本组织的党员');
        person = { id: m.id, name: m.name };
      } else if (w.name) person = { id: null, name: w.name };
      else throw fieldError(`with.${i}.name`, '请填写谈话对象');
      const key = person.id ?? `name:${person.name}`;
      if (seen.has(key)) throw fieldError(`with.${i}`, `谈话对象「${person.name}」重复`);
      seen.add(key);
      rows.push({
        id: newId(),
        orgId: org.id,
        talkerMemberId: talker.id,
        talkerName: talker.name,
        withMemberId: person.id,
        withName: person.name,
        on: input.on,
        topic: input.topic,
        createdBy: p.id,
        createdAt: now,
      });
    }
    await this.ds.transaction(async (em) => {
      await this.repo.insertTalks(em, rows);
      await writeAudit(em, p, 'talk.create', { type: 'talk', id: rows[0].id }, { orgId: org.id, people: rows.length }, audit);
    });
    return this.presentTalks(rows);
  }

  async talks(p: Principal, q: { orgId?: string; year?: number }): Promise<TalkView[]> {
    return this.presentTalks(await this.repo.talks(await this.listScope(p, q.orgId), q.year));
  }

  private async presentTalks(list: Talk[]): Promise<TalkView[]> {
    const orgs = await this.orgNames(list.map((t) => t.orgId));
    return list.map((t) => ({
      id: t.id,
      orgId: t.orgId,
      orgName: orgs.get(t.orgId) ?? '',
      talkerMemberId: t.talkerMemberId,
      talkerName: t.talkerName,
      withMemberId: t.withMemberId,
      withName: t.withName,
      on: t.on,
      topic: t.topic,
      createdAt: toIsoLocal(t.createdAt),
    }));
  }

  async deleteTalk(p: Principal, id: string, audit: AuditContext): Promise<void> {
    const t = isIdLike(id) ? await this.repo.talk(id) : null;
    if (!t) throw new AppError('NOT_FOUND');
    await this.writableOrg(p, t.orgId);
    await this.ds.transaction(async (em) => {
      if (!(await this.repo.deleteTalk(em, t.id))) throw new AppError('NOT_FOUND');
      await writeAudit(em, p, 'talk.delete', { type: 'talk', id: t.id }, { orgId: t.orgId, on: t.on }, audit);
    });
  }

  // ── 党建阵地 ─────────────────────────────────────────────────────────────────────────────

  /** A branch the caller administers, for a site. */
  async siteOrg(p: Principal, orgId: string): Promise<Org> {
    const org = await this.writableOrg(p, orgId);
    if (org.kind !== 'branch') throw fieldError('orgId', '党建阵地须登记在党支部');
    return org;
  }

  async createSite(p: Principal, input: CreateSiteRequest, audit: AuditContext): Promise<SiteView> {
    const org = await this.siteOrg(p, input.orgId);
    if (input.standardizedOn) this.notFuture(input.standardizedOn, 'standardizedOn', '标准化建成日期');
    const now = this.now();
    const s: Site = {
      id: newId(),
      orgId: org.id,
      name: input.name,
      address: input.address || null,
      areaM2: input.areaM2 ?? null,
      standardizedOn: input.standardizedOn ?? null,
      note: input.note || null,
      createdAt: now,
      updatedAt: now,
    };
    await this.ds.transaction(async (em) => {
      await this.repo.insertSite(em, s);
      await writeAudit(em, p, 'site.create', { type: 'site', id: s.id }, { orgId: org.id }, audit);
    });
    return (await this.presentSites([s], []))[0];
  }

  /** A site the caller may change: 404 outside their subtree, 403 without admin. */
  private async writableSite(p: Principal, id: string): Promise<Site> {
    const s = isIdLike(id) ? await this.repo.site(id) : null;
    if (!s) throw new AppError('NOT_FOUND');
    await this.writableOrg(p, s.orgId);
    return s;
  }

  async updateSite(p: Principal, id: string, input: UpdateSiteRequest, audit: AuditContext): Promise<SiteView> {
    const s = await this.writableSite(p, id);
    if (input.standardizedOn) this.notFuture(input.standardizedOn, 'standardizedOn', '标准化建成日期');
    const patch: Partial<Site> = {};
    if (input.name !== undefined) patch.name = input.name;
    if (input.address !== undefined) patch.address = input.address || null;
    if (input.areaM2 !== undefined) patch.areaM2 = input.areaM2;
    if (input.standardizedOn !== undefined) patch.standardizedOn = input.standardizedOn;
    if (input.note !== undefined) patch.note = input.note || null;
    const next = { ...s, ...patch, updatedAt: this.now() };
    await this.ds.transaction(async (em) => {
      await this.repo.updateSite(em, s.id, { ...patch, updatedAt: next.updatedAt });
      await writeAudit(em, p, 'site.update', { type: 'site', id: s.id }, { fields: Object.keys(patch) }, audit);
    });
    return (await this.presentSites([next], await this.repo.investmentsOf([s.id], undefined)))[0];
  }

  async deleteSite(p: Principal, id: string, audit: AuditContext): Promise<void> {
    const s = await this.writableSite(p, id);
    await this.ds.transaction(async (em) => {
      if (!(await this.repo.deleteSite(em, s.id))) throw new AppError('NOT_FOUND');
      await writeAudit(em, p, 'site.delete', { type: 'site', id: s.id }, { orgId: s.orgId, name: s.name }, audit);
    });
  }

  async addInvestment(p: Principal, siteId: string, input: CreateSiteInvestmentRequest, audit: AuditContext): Promise<SiteInvestmentView> {
    const s = await this.writableSite(p, siteId);
    this.notFuture(input.on, 'on');
    const i: SiteInvestment = {
      id: newId(),
      siteId: s.id,
      on: input.on,
      amountCents: input.amountCents,
      purpose: input.purpose,
      disclosureId: input.disclosureId ?? null,
      createdBy: p.id,
      createdAt: this.now(),
    };
    await this.ds.transaction(async (em) => {
      await this.repo.insertInvestment(em, i);
      await writeAudit(em, p, 'site.invest', { type: 'site', id: s.id }, { investmentId: i.id, amountCents: i.amountCents }, audit);
    });
    return presentInvestment(i);
  }

  async deleteInvestment(p: Principal, siteId: string, investmentId: string, audit: AuditContext): Promise<void> {
    const s = await this.writableSite(p, siteId);
    const i = isIdLike(investmentId) ? await this.repo.investment(investmentId) : null;
    if (!i || i.siteId !== s.id) throw new AppError('NOT_FOUND');
    await this.ds.transaction(async (em) => {
      if (!(await this.repo.deleteInvestment(em, i.id))) throw new AppError('NOT_FOUND');
      await writeAudit(
        em,
        p,
        'site.investment_delete',
        { type: 'site', id: s.id },
        { investmentId: i.id, amountCents: i.amountCents },
        audit,
      );
    });
  }

  /** `GET /sites?orgId=&year=`: every site of the subtree; `year` limits the investments listed (and their sum). */
  async sites(p: Principal, q: { orgId?: string; year?: number }): Promise<SiteView[]> {
    const list = await this.repo.sites(await this.listScope(p, q.orgId));
    return this.presentSites(
      list,
      await this.repo.investmentsOf(
        list.map((s) => s.id),
        q.year,
      ),
    );
  }

  private async presentSites(list: Site[], investments: SiteInvestment[]): Promise<SiteView[]> {
    const orgs = await this.orgNames(list.map((s) => s.orgId));
    return list.map((s) => {
      const own = investments.filter((i) => i.siteId === s.id);
      return {
        id: s.id,
        orgId: s.orgId,
        orgName: orgs.get(s.orgId) ?? '',
        name: s.name,
        address: s.address,
        areaM2: s.areaM2,
        standardizedOn: s.standardizedOn,
        note: s.note,
        investments: own.map(presentInvestment),
        investedCents: own.reduce((sum, i) => sum + i.amountCents, 0),
        createdAt: toIsoLocal(s.createdAt),
        updatedAt: toIsoLocal(s.updatedAt),
      };
    });
  }

  // ── 支部评定 (晋位升级) ──────────────────────────────────────────────────────────────────

  /** `GET /branch-ratings?orgId=&year=`: every branch in the org's subtree, with the year's and the year before's rating. */
  async ratings(p: Principal, q: { orgId: string; year: number }): Promise<BranchRatingRow[]> {
    const org = await this.visibleOrg(p, q.orgId);
    const branches = await this.orgs.branchesIn([org.path]);
    const rows = await this.repo.ratings(
      branches.map((b) => b.id),
      [q.year, q.year - 1],
    );
    const of = (orgId: string, year: number) => rows.find((r) => r.orgId === orgId && r.year === year);
    return branches.map((b) => {
      const r = of(b.id, q.year);
      return {
        orgId: b.id,
        orgName: b.name,
        year: q.year,
        rating: r?.rating ?? null,
        decidedOn: r?.decidedOn ?? null,
        note: r?.note ?? null,
        id: r?.id ?? null,
        previousRating: of(b.id, q.year - 1)?.rating ?? null,
      };
    });
  }

  /**
   * `PUT /branch-ratings`: sets a branch's rating for a year, replacing the one set before (the
   * audit keeps both). Decided by the township committee: admins above the branch only. Two at
   * once leave one row (the unique (orgId, year) index; the loser retries as a replacement).
   */
  async setRating(p: Principal, input: SetBranchRatingRequest, audit: AuditContext): Promise<BranchRatingView> {
    const org = await this.visibleOrg(p, input.orgId);
    if (org.kind !== 'branch') throw fieldError('orgId', '只能评定党支部');
    const above = p.grants.some((g) => g.role === 'admin' && org.path.startsWith(g.orgPath) && g.orgPath !== org.path);
    if (!above) throw new AppError('ADMIN_REQUIRED', undefined, '支部评定由乡镇党委（或上级）管理员登记');
    if (input.year > Number(this.today().slice(0, 4))) throw fieldError('year', '不能评定未来的年度');
    this.notFuture(input.decidedOn, 'decidedOn', '评定日期');
    if (input.decidedOn < `${input.year}-01-01`) throw fieldError('decidedOn', '评定日期不能早于所评年度');
    const write = (em: EntityManager) => this.writeRating(em, p, org.id, input, audit);
    let saved: BranchRatingRecord;
    try {
      saved = await transactionWithRetry(this.ds, write);
    } catch (e) {
      // Both inserted at once: the other one's row exists now; this one replaces it.
      if (!isDuplicateKey(e)) throw e;
      saved = await transactionWithRetry(this.ds, write);
    }
    return {
      id: saved.id,
      orgId: org.id,
      orgName: org.name,
      year: saved.year,
      rating: saved.rating,
      decidedOn: saved.decidedOn,
      note: saved.note,
    };
  }

  private async writeRating(
    em: EntityManager,
    p: Principal,
    orgId: string,
    input: SetBranchRatingRequest,
    audit: AuditContext,
  ): Promise<BranchRatingRecord> {
    const existing = await this.repo.rating(em, orgId, input.year);
    const values = { rating: input.rating, decidedOn: input.decidedOn, note: input.note || null };
    if (existing) {
      await this.repo.updateRating(em, existing.id, values);
      await writeAudit(
        em,
        p,
        'branch_rating.replace',
        { type: 'branch_rating', id: existing.id },
        { orgId, year: input.year, from: existing.rating, to: input.rating },
        audit,
      );
      return { ...existing, ...values };
    }
    const r: BranchRatingRecord = { id: newId(), orgId, year: input.year, ...values };
    await this.repo.insertRating(em, r);
    await writeAudit(em, p, 'branch_rating.set', { type: 'branch_rating', id: r.id }, { orgId, year: input.year, to: input.rating }, audit);
    return r;
  }

  // ── 选树表彰 ─────────────────────────────────────────────────────────────────────────────

  /** The commended org and member of a commendation by `issuer`, checked; shared with the import. */
  async commendationSubject(
    input: { subjectKind: string; orgId?: string; memberId?: string },
    issuer: Org,
  ): Promise<{ orgId: string; memberId: string | null }> {
    if (input.subjectKind === 'member') {
      if (!input.memberId) throw fieldError('memberId', '请选择受表彰的党员');
      const found = await this.members.findWithOrg(input.memberId);
      if (!found || !found.org.path.startsWith(issuer.path)) throw fieldError('memberId', '受表彰党员须在表彰单位的范围内');
      return { orgId: found.org.id, memberId: found.member.id };
    }
    if (input.memberId) throw fieldError('memberId', '表彰组织时不填党员');
    if (!input.orgId) throw fieldError('orgId', '请选择受表彰的组织');
    const org = await this.orgs.find(input.orgId);
    if (!org || !org.path.startsWith(issuer.path)) throw fieldError('orgId', '受表彰组织须在表彰单位的范围内');
    return { orgId: org.id, memberId: null };
  }

  /** The day of a commendation: not in the future, within its year or the next (年度表彰 often comes early next year). */
  commendationDay(on: string, year: number, field = 'on'): void {
    this.notFuture(on, field, '表彰日期');
    const y = Number(on.slice(0, 4));
    if (y < year || y > year + 1) throw fieldError(field, '表彰日期应在表彰年度内或次年');
  }

  async createCommendation(p: Principal, input: CreateCommendationRequest, audit: AuditContext): Promise<CommendationView> {
    const issuer = await this.writableOrg(p, input.issuerOrgId);
    this.commendationDay(input.on, input.year);
    const subject = await this.commendationSubject(input, issuer);
    const c: Commendation = {
      id: newId(),
      year: input.year,
      on: input.on,
      title: input.title,
      issuerOrgId: issuer.id,
      subjectKind: input.subjectKind,
      orgId: subject.orgId,
      memberId: subject.memberId,
      note: input.note || null,
      createdBy: p.id,
      createdAt: this.now(),
    };
    await this.ds.transaction(async (em) => {
      await this.repo.insertCommendations(em, [c]);
      await writeAudit(
        em,
        p,
        'commendation.create',
        { type: 'commendation', id: c.id },
        { issuerOrgId: issuer.id, subjectKind: c.subjectKind },
        audit,
      );
    });
    return (await this.presentCommendations([c]))[0];
  }

  /** `GET /commendations?orgId=&year=`: the commended (orgs and members' orgs) in the subtree. */
  async commendations(p: Principal, q: { orgId?: string; year?: number }): Promise<CommendationView[]> {
    return this.presentCommendations(await this.repo.commendations(await this.listScope(p, q.orgId), q.year));
  }

  private async presentCommendations(list: Commendation[]): Promise<CommendationView[]> {
    const orgs = await this.orgNames(list.flatMap((c) => [c.orgId, c.issuerOrgId]));
    const names = await this.members.namesOf(list.map((c) => c.memberId).filter((x): x is string => !!x));
    return list.map((c) => ({
      id: c.id,
      year: c.year,
      on: c.on,
      title: c.title,
      issuerOrgId: c.issuerOrgId,
      issuerOrgName: orgs.get(c.issuerOrgId) ?? '',
      subjectKind: c.subjectKind,
      orgId: c.orgId,
      orgName: orgs.get(c.orgId) ?? '',
      memberId: c.memberId,
      memberName: c.memberId ? (names.get(c.memberId) ?? null) : null,
      note: c.note,
      createdAt: toIsoLocal(c.createdAt),
    }));
  }

  async deleteCommendation(p: Principal, id: string, audit: AuditContext): Promise<void> {
    const c = isIdLike(id) ? await this.repo.commendation(id) : null;
    if (!c) throw new AppError('NOT_FOUND');
    // Removed by the issuer's admins (the subject must be theirs to see, too).
    await this.visibleOrg(p, c.orgId);
    await this.writableOrg(p, c.issuerOrgId);
    await this.ds.transaction(async (em) => {
      if (!(await this.repo.deleteCommendation(em, c.id))) throw new AppError('NOT_FOUND');
      await writeAudit(
        em,
        p,
        'commendation.delete',
        { type: 'commendation', id: c.id },
        { issuerOrgId: c.issuerOrgId, year: c.year },
        audit,
      );
    });
  }
}

function presentInvestment(i: SiteInvestment): SiteInvestmentView {
  return {
    id: i.id,
    siteId: i.siteId,
    on: i.on,
    amountCents: i.amountCents,
    purpose: i.purpose,
    disclosureId: i.disclosureId,
    createdAt: toIsoLocal(i.createdAt),
  };
}
