/**
 * 联村 / 联片 / 联户 (OVERSIGHT.md §6): standing links of a member to a village (科级干部联村), an
 * area (支委联片) or 5–10 households (无职党员联户), made by the admins of a township or branch;
 * and the contacts the linked member logs from the mini-program, whose needs may become
 * 为群众办实事 or 便民服务 requests, each once. The contact interval is an optional reminder, never
 * a score or rank; no GPS and no photo are asked.
 */
import type { DataSource, EntityManager } from 'typeorm';
import {
  addDays,
  DEFAULT_PAGE_SIZE,
  LIAISON_HOUSEHOLDS_MAX,
  LIAISON_HOUSEHOLDS_MIN,
  LIAISON_SCOPE_OF,
  toIsoLocal,
  toLocalDate,
  type ContactNeedView,
  type CreateLiaisonRequest,
  type DeedView,
  type LiaisonContactListQuery,
  type LiaisonContactView,
  type LiaisonListQuery,
  type LiaisonView,
  type LogLiaisonContactRequest,
  type MyLiaisonsResponse,
  type NeedToDeedRequest,
  type Page,
  type ServiceRequestView,
} from '@djzy/shared';
import { systemClock, type Clock } from '../../core/clock';
import { AppError, fieldError } from '../../core/errors';
import { isDuplicateKey } from '../../core/http';
import { isIdLike, newId } from '../../core/ids';
import { covers, isManager, requireManages, requireMember, scopePaths, type Principal } from '../../core/principal';
import { transactionWithRetry } from '../../core/sql';
import { writeAudit, type AuditContext } from '../audit';
import { checkIdempotencyKey } from '../idempotency';
import type { MemberDirectory } from '../member';
import type { Org, OrgService } from '../org';
import type { DeedService } from './deed.service';
import type { ServiceRequestService } from './service-request.service';
import type { Liaison, LiaisonContact, LiaisonHousehold } from './service.entity';
import { ServiceRepository } from './service.repository';

/** Days to the promised day of a deed raised from a contact, when not given. */
const DEFAULT_PROMISE_DAYS = 30;
/** Who may log a contact besides the linked member. */
const LOGGING_ROLES = ['admin', 'branch_secretary'] as const;

export class LiaisonService {
  private readonly repo: ServiceRepository;

  constructor(
    private readonly ds: DataSource,
    private readonly orgs: OrgService,
    private readonly members: MemberDirectory,
    private readonly deeds: DeedService,
    private readonly requests: ServiceRequestService,
    private readonly clock?: Clock,
  ) {
    this.repo = new ServiceRepository(ds);
  }

  private now(): Date {
    return (this.clock ?? systemClock)();
  }
  private today(): string {
    return toLocalDate(this.now());
  }

  // ── links ────────────────────────────────────────────────────────────────────────────────

  /** `POST /liaisons`: by a manager of the township or branch; the member and the village are in it. */
  async create(p: Principal, input: CreateLiaisonRequest, audit: AuditContext): Promise<LiaisonView> {
    const org = await this.orgs.find(input.orgId);
    if (!org) throw fieldError('orgId', '组织不存在');
    requireManages(p, org.path);
    if (org.kind !== 'township' && org.kind !== 'branch') throw fieldError('orgId', '联村联片联户由乡镇党委或党支部设置');
    const who = await this.members.findWithOrg(input.memberId);
    if (!who || !who.org.path.startsWith(org.path)) throw fieldError('memberId', '联系人须是本组织的党员');
    let target: Org | null = null;
    const households = input.households ?? [];
    if (input.kind === 'cadre_village') {
      target = input.targetOrgId ? await this.orgs.find(input.targetOrgId) : null;
      if (!target || target.kind !== 'branch' || !target.path.startsWith(org.path))
        throw fieldError('targetOrgId', '请选择本乡镇所联系的村（党支部）');
    } else if (input.kind === 'committee_area') {
      if (!input.areaName) throw fieldError('areaName', '请填写所联系的片区');
    } else if (households.length < LIAISON_HOUSEHOLDS_MIN || households.length > LIAISON_HOUSEHOLDS_MAX) {
      throw fieldError(
        'households',
        `无职党员联户应联系 ${LIAISON_HOUSEHOLDS_MIN}–${LIAISON_HOUSEHOLDS_MAX} 户，现在是 ${households.length} 户`,
      );
    }
    if (input.to && input.to < input.from) throw fieldError('to', '结束日期不能早于开始日期');
    const now = this.now();
    const l: Liaison = {
      id: newId(),
      orgId: org.id,
      memberId: who.member.id,
      kind: input.kind,
      scope: LIAISON_SCOPE_OF[input.kind],
      targetOrgId: target?.id ?? null,
      areaName: input.kind === 'committee_area' ? input.areaName! : null,
      fromDay: input.from,
      toDay: input.to ?? null,
      contactIntervalDays: input.contactIntervalDays ?? null,
      lastContactOn: null,
      createdBy: p.id,
      createdAt: now,
      updatedAt: now,
    };
    const rows: LiaisonHousehold[] = households.map((h, i) => ({
      id: newId(),
      liaisonId: l.id,
      position: i,
      name: h.name,
      note: h.note ?? null,
    }));
    await this.ds.transaction(async (em) => {
      await this.repo.insertLiaison(em, l, rows);
      await writeAudit(
        em,
        p,
        'liaison.create',
        { type: 'liaison', id: l.id },
        { orgId: org.id, memberId: l.memberId, kind: l.kind },
        audit,
      );
    });
    return (await this.present([l]))[0];
  }

  /** A link the caller may see: its org in scope, or their own. */
  private async load(p: Principal, id: string): Promise<{ l: Liaison; org: Org }> {
    const l = isIdLike(id) ? await this.repo.liaison(id) : null;
    const org = l ? await this.orgs.find(l.orgId) : null;
    if (!l || !org) throw new AppError('NOT_FOUND');
    if (!covers(p, org.path) && !(p.memberId && p.memberId === l.memberId)) throw new AppError('NOT_FOUND');
    return { l, org };
  }

  async get(p: Principal, id: string): Promise<LiaisonView> {
    const { l } = await this.load(p, id);
    return (await this.present([l]))[0];
  }

  /** `GET /liaisons`: the links of the orgs in scope (per township / branch). */
  async list(p: Principal, q: LiaisonListQuery): Promise<Page<LiaisonView>> {
    if (!isManager(p)) throw new AppError('FORBIDDEN');
    let orgPath: string | undefined;
    if (q.orgId) {
      const org = await this.orgs.find(q.orgId);
      if (!org) throw fieldError('orgId', '组织不存在');
      requireManages(p, org.path);
      orgPath = org.path;
    }
    const { list, total } = await this.repo.liaisonPage(
      { paths: scopePaths(p), orgPath, kind: q.kind },
      q.page ?? 1,
      q.pageSize ?? DEFAULT_PAGE_SIZE,
    );
    return { items: await this.present(list), total };
  }

  /** `GET /liaisons/mine`: the member's current links with their households and the next reminder (if an interval is set). */
  async mine(p: Principal): Promise<MyLiaisonsResponse> {
    const memberId = requireMember(p);
    const today = this.today();
    const links = (await this.repo.liaisonsOfMember(memberId)).filter((l) => !l.toDay || l.toDay >= today);
    const { list } = await this.repo.contactPage({ memberId }, 1, 10);
    return { liaisons: await this.present(links), recentContacts: await this.presentContacts(list) };
  }

  // ── contacts ─────────────────────────────────────────────────────────────────────────────

  /**
   * `POST /liaisons/:id/contacts`: the linked member (or an admin / secretary in scope) logs a
   * visit: a day not in the future, the household, what, and needs — each need marked `toDeed`
   * becomes a 为群众办实事 (source `liaison`) with the linked member responsible. A retried request
   * with the same `Idempotency-Key` returns the first log.
   */
  async logContact(
    p: Principal,
    id: string,
    input: LogLiaisonContactRequest,
    clientKey: string | undefined,
    audit: AuditContext,
  ): Promise<{ created: boolean; body: LiaisonContactView }> {
    const { l, org } = await this.load(p, id);
    const own = !!p.memberId && p.memberId === l.memberId;
    if (!own && !covers(p, org.path, LOGGING_ROLES)) throw new AppError('NOT_LIAISON_MEMBER');
    const today = this.today();
    if (input.on > today) throw fieldError('on', '走访日期不能晚于今天');
    if (input.on < addDays(today, -366)) throw fieldError('on', '只能登记一年以内的走访');
    let household: LiaisonHousehold | null = null;
    if (input.householdId) {
      household = isIdLike(input.householdId) ? await this.repo.household(input.householdId) : null;
      if (!household || household.liaisonId !== l.id) throw fieldError('householdId', '请选择本人联系的农户');
    }
    const needs = input.needs ?? [];
    const deedOrg = await this.deedOrgOf(l, org);
    const requester = household?.name ?? l.areaName ?? deedOrg.name;
    const promisedBy = addDays(input.on > today ? input.on : today, DEFAULT_PROMISE_DAYS);
    checkIdempotencyKey(clientKey, false);
    const key = clientKey ? `${p.id}:${clientKey}` : null;
    const attempt = () =>
      transactionWithRetry(this.ds, async (em: EntityManager) => {
        if (key) {
          const first = await this.repo.contactByClientKey(em, key);
          if (first) return { created: false, contact: first };
        }
        const c: LiaisonContact = {
          id: newId(),
          liaisonId: l.id,
          memberId: l.memberId,
          loggedBy: p.id,
          onDay: input.on,
          householdId: household?.id ?? null,
          what: input.what,
          needs: needs.length ? JSON.stringify(needs.map((n) => n.text)) : null,
          clientKey: key,
          createdAt: this.now(),
        };
        await this.repo.insertContact(em, c);
        await this.repo.advanceLastContact(em, l.id, c.onDay, c.createdAt);
        for (const [i, need] of needs.entries()) {
          if (!need.toDeed) continue;
          await this.deeds.insert(
            p,
            {
              org: deedOrg,
              title: need.text,
              category: '群众需求',
              requester,
              source: 'liaison',
              sourceRef: c.id,
              sourceKey: `liaison:${c.id}:${i}`,
              responsibleMemberId: l.memberId,
              promisedBy,
            },
            audit,
            em,
          );
        }
        await writeAudit(em, p, 'liaison.contact', { type: 'liaison', id: l.id }, { contactId: c.id, needs: needs.length }, audit);
        return { created: true, contact: c };
      });
    const result = await attempt().catch((e) => {
      if (key && isDuplicateKey(e)) return attempt();
      throw e;
    });
    return { created: result.created, body: (await this.presentContacts([result.contact]))[0] };
  }

  /** The org a contact's deeds and requests belong to: the village of a 联村, else the link's own org. */
  private async deedOrgOf(l: Liaison, org: Org): Promise<Org> {
    return (l.targetOrgId ? await this.orgs.find(l.targetOrgId) : null) ?? org;
  }

  private async loadContact(p: Principal, id: string): Promise<{ c: LiaisonContact; l: Liaison; org: Org }> {
    const c = isIdLike(id) ? await this.repo.contact(id) : null;
    if (!c) throw new AppError('NOT_FOUND');
    const { l, org } = await this.load(p, c.liaisonId);
    return { c, l, org };
  }

  private needOf(c: LiaisonContact, index: string): { i: number; text: string } {
    const texts: string[] = c.needs ? JSON.parse(c.needs) : [];
    const i = /^\d{1,2}$/.test(index) ? Number(index) : -1;
    if (i < 0 || i >= texts.length) throw new AppError('NOT_FOUND');
    return { i, text: texts[i] };
  }

  /** `POST /liaison-contacts/:id/needs/:index/deed`: a need noted earlier becomes a 为群众办实事, once. */
  async needToDeed(p: Principal, id: string, index: string, input: NeedToDeedRequest, audit: AuditContext): Promise<DeedView> {
    const { c, l, org } = await this.loadContact(p, id);
    const own = !!p.memberId && p.memberId === l.memberId;
    const manages = covers(p, org.path);
    if (!own && !manages) throw new AppError('NOT_LIAISON_MEMBER');
    // The linked member answers for what they raise; naming someone else is a manager's call.
    if (!manages && input.responsibleMemberId && input.responsibleMemberId !== l.memberId) throw new AppError('FORBIDDEN');
    const need = this.needOf(c, index);
    const deedOrg = await this.deedOrgOf(l, org);
    const household = c.householdId ? await this.repo.household(c.householdId) : null;
    const deed = await this.deeds.insert(
      p,
      {
        org: deedOrg,
        title: input.title ?? need.text,
        category: input.category ?? '群众需求',
        requester: household?.name ?? l.areaName ?? deedOrg.name,
        source: 'liaison',
        sourceRef: c.id,
        sourceKey: `liaison:${c.id}:${need.i}`,
        responsibleMemberId: input.responsibleMemberId ?? l.memberId,
        promisedBy: input.promisedBy ?? addDays(this.today(), DEFAULT_PROMISE_DAYS),
      },
      audit,
    );
    return (await this.deeds.presentMany(p, [deed]))[0];
  }

  /** `POST /liaison-contacts/:id/needs/:index/service-request`: a need handed to the service hall, once. */
  async needToRequest(p: Principal, id: string, index: string, audit: AuditContext): Promise<ServiceRequestView> {
    const { c, l, org } = await this.loadContact(p, id);
    const own = !!p.memberId && p.memberId === l.memberId;
    if (!own && !covers(p, org.path)) throw new AppError('NOT_LIAISON_MEMBER');
    const need = this.needOf(c, index);
    const deedOrg = await this.deedOrgOf(l, org);
    const household = c.householdId ? await this.repo.household(c.householdId) : null;
    const r = this.requests.build(p, deedOrg, {
      requester: household?.name ?? l.areaName ?? deedOrg.name,
      contact: null,
      matter: need.text,
      receivedOn: this.today(),
      channel: 'liaison',
      liaisonContactId: c.id,
      sourceKey: `liaison:${c.id}:${need.i}`,
    });
    await this.ds.transaction((em) => this.requests.insert(em, p, r, audit));
    return (await this.requests.presentMany([r], false))[0];
  }

  /** `GET /liaison-contacts`: a manager's scope; a member (or `mine=true`) their own. */
  async contacts(p: Principal, q: LiaisonContactListQuery): Promise<Page<LiaisonContactView>> {
    const mine = q.mine || !isManager(p);
    const memberId = mine ? requireMember(p) : undefined;
    let orgPath: string | undefined;
    if (q.orgId) {
      const org = await this.orgs.find(q.orgId);
      if (!org) throw fieldError('orgId', '组织不存在');
      if (!mine) requireManages(p, org.path);
      orgPath = org.path;
    }
    if (q.liaisonId) await this.load(p, q.liaisonId);
    const { list, total } = await this.repo.contactPage(
      { paths: mine ? undefined : scopePaths(p), memberId, orgPath, liaisonId: q.liaisonId },
      q.page ?? 1,
      q.pageSize ?? DEFAULT_PAGE_SIZE,
    );
    return { items: await this.presentContacts(list), total };
  }

  // ── presenting ───────────────────────────────────────────────────────────────────────────

  private async present(list: Liaison[]): Promise<LiaisonView[]> {
    const orgs = await this.orgs.byIds(list.flatMap((l) => [l.orgId, ...(l.targetOrgId ? [l.targetOrgId] : [])]));
    const names = await this.members.namesOf(list.map((l) => l.memberId));
    const households = await this.repo.householdsOf(list.map((l) => l.id));
    const counts = await this.repo.contactCounts(list.map((l) => l.id));
    return list.map((l) => ({
      id: l.id,
      orgId: l.orgId,
      orgName: orgs.get(l.orgId)?.name ?? '',
      memberId: l.memberId,
      memberName: names.get(l.memberId) ?? null,
      kind: l.kind,
      scope: l.scope,
      targetOrgId: l.targetOrgId,
      targetOrgName: l.targetOrgId ? (orgs.get(l.targetOrgId)?.name ?? null) : null,
      areaName: l.areaName,
      households: households.filter((h) => h.liaisonId === l.id).map((h) => ({ id: h.id, name: h.name, note: h.note })),
      from: l.fromDay,
      to: l.toDay,
      contactIntervalDays: l.contactIntervalDays,
      lastContactOn: l.lastContactOn,
      nextContactOn: l.contactIntervalDays ? addDays(l.lastContactOn ?? l.fromDay, l.contactIntervalDays) : null,
      contacts: counts.get(l.id) ?? 0,
    }));
  }

  private async presentContacts(list: LiaisonContact[]): Promise<LiaisonContactView[]> {
    const names = await this.members.namesOf(list.map((c) => c.memberId));
    const texts = new Map(list.map((c) => [c.id, (c.needs ? JSON.parse(c.needs) : []) as string[]]));
    const keys = list.flatMap((c) => texts.get(c.id)!.map((_, i) => `liaison:${c.id}:${i}`));
    const deeds = await this.repo.deedsByKeys(keys);
    const requests = await this.repo.requestsByKeys(keys);
    const households = new Map(
      (await this.repo.householdsByIds(list.flatMap((c) => (c.householdId ? [c.householdId] : [])))).map((h) => [h.id, h.name]),
    );
    return list.map((c) => ({
      id: c.id,
      liaisonId: c.liaisonId,
      memberId: c.memberId,
      memberName: names.get(c.memberId) ?? null,
      on: c.onDay,
      householdId: c.householdId,
      householdName: c.householdId ? (households.get(c.householdId) ?? null) : null,
      what: c.what,
      needs: texts.get(c.id)!.map((text, i): ContactNeedView => ({
        text,
        deedId: deeds.get(`liaison:${c.id}:${i}`) ?? null,
        serviceRequestId: requests.get(`liaison:${c.id}:${i}`) ?? null,
      })),
      createdAt: toIsoLocal(c.createdAt),
    }));
  }
}
