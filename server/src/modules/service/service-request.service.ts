/**
 * 便民服务 (one-stop service hall): a villager's matter registered at the desk by a manager of the
 * org (or raised from a liaison contact), handled on the spot, referred, or turned into a
 * 为群众办实事 once. The contact is stored encrypted (FieldCipher, like a member's phone) and
 * shown masked in lists. Also the 投诉建议 → 办实事 step (the feedback is read through the
 * problem module's FeedbackService).
 */
import type { DataSource, EntityManager } from 'typeorm';
import {
  DEFAULT_PAGE_SIZE,
  FEEDBACK_CATEGORY_LABELS,
  maskPersonName,
  maskPhone,
  toIsoLocal,
  toLocalDate,
  type CreateServiceRequestRequest,
  type DeedFromSourceRequest,
  type DeedView,
  type HandleServiceRequestRequest,
  type Page,
  type ServiceRequestListQuery,
  type ServiceRequestView,
} from '@djzy/shared';
import { systemClock, type Clock } from '../../core/clock';
import type { FieldCipher } from '../../core/crypto';
import { AppError, fieldError } from '../../core/errors';
import { isDuplicateKey } from '../../core/http';
import { isIdLike, newId } from '../../core/ids';
import { covers, isManager, requireManages, scopePaths, type Principal } from '../../core/principal';
import { writeAudit, type AuditContext } from '../audit';
import type { MemberDirectory } from '../member';
import type { Org, OrgService } from '../org';
import type { FeedbackService } from '../problem';
import type { DeedService } from './deed.service';
import type { ServiceRequest } from './service.entity';
import { ServiceRepository } from './service.repository';

export class ServiceRequestService {
  private readonly repo: ServiceRepository;

  constructor(
    private readonly ds: DataSource,
    private readonly orgs: OrgService,
    private readonly members: MemberDirectory,
    private readonly deeds: DeedService,
    private readonly feedback: FeedbackService,
    private readonly cipher: FieldCipher,
    private readonly clock?: Clock,
  ) {
    this.repo = new ServiceRepository(ds);
  }

  private now(): Date {
    return (this.clock ?? systemClock)();
  }

  /** `POST /service-requests`: registered at the desk by a manager of the org. */
  async create(p: Principal, input: CreateServiceRequestRequest, audit: AuditContext): Promise<ServiceRequestView> {
    const org = await this.orgs.find(input.orgId);
    if (!org) throw fieldError('orgId', '组织不存在');
    requireManages(p, org.path);
    const today = toLocalDate(this.now());
    const receivedOn = input.receivedOn ?? today;
    if (receivedOn > today) throw fieldError('receivedOn', '受理日期不能晚于今天');
    const r = this.build(p, org, {
      requester: input.requester,
      contact: input.contact ?? null,
      matter: input.matter,
      receivedOn,
      channel: 'desk',
    });
    await this.ds.transaction(async (em) => this.insert(em, p, r, audit));
    return this.present([r], false)[0];
  }

  /** A new request (not yet written): from the desk, or from a liaison contact's need. */
  build(
    p: Principal,
    org: Org,
    f: {
      requester: string;
      contact: string | null;
      matter: string;
      receivedOn: string;
      channel: ServiceRequest['channel'];
      liaisonContactId?: string;
      sourceKey?: string;
    },
  ): ServiceRequest {
    const now = this.now();
    return {
      id: newId(),
      orgId: org.id,
      requester: maskPersonName(f.requester).slice(0, 50),
      contactEnc: f.contact ? this.cipher.encrypt(f.contact) : null,
      matter: f.matter,
      receivedOn: f.receivedOn,
      channel: f.channel,
      status: 'received',
      handledNote: null,
      deedId: null,
      liaisonContactId: f.liaisonContactId ?? null,
      sourceKey: f.sourceKey ?? null,
      createdBy: p.id,
      createdByName: p.name.slice(0, 50),
      createdAt: now,
      updatedAt: now,
    };
  }

  /** Writes a request in the caller's transaction; a second one from the same need is 409 SOURCE_ALREADY_USED. */
  async insert(em: EntityManager, p: Principal, r: ServiceRequest, audit: AuditContext): Promise<void> {
    try {
      await this.repo.insertRequest(em, r);
    } catch (e) {
      if (r.sourceKey && isDuplicateKey(e)) throw new AppError('SOURCE_ALREADY_USED');
      throw e;
    }
    await writeAudit(em, p, 'service_request.create', { type: 'service_request', id: r.id }, { orgId: r.orgId, channel: r.channel }, audit);
  }

  private async load(p: Principal, id: string): Promise<{ r: ServiceRequest; org: Org }> {
    const r = isIdLike(id) ? await this.repo.request(id) : null;
    const org = r ? await this.orgs.find(r.orgId) : null;
    if (!r || !org || !covers(p, org.path)) throw new AppError('NOT_FOUND');
    return { r, org };
  }

  async get(p: Principal, id: string): Promise<ServiceRequestView> {
    const { r } = await this.load(p, id);
    return (await this.presentMany([r], true))[0];
  }

  /** `GET /service-requests`: the desk's register of the orgs in scope. */
  async list(p: Principal, q: ServiceRequestListQuery): Promise<Page<ServiceRequestView>> {
    if (!isManager(p)) throw new AppError('FORBIDDEN');
    let orgPath: string | undefined;
    if (q.orgId) {
      const org = await this.orgs.find(q.orgId);
      if (!org) throw fieldError('orgId', '组织不存在');
      requireManages(p, org.path);
      orgPath = org.path;
    }
    const { list, total } = await this.repo.requestPage(
      {
        paths: scopePaths(p),
        orgPath,
        status: q.status,
        between: q.year ? { from: `${q.year}-01-01`, to: `${q.year + 1}-01-01` } : undefined,
      },
      q.page ?? 1,
      q.pageSize ?? DEFAULT_PAGE_SIZE,
    );
    return { items: await this.presentMany(list, false), total };
  }

  /** `POST /service-requests/:id/handle`: handled on the spot or referred, from received only. */
  async handle(p: Principal, id: string, input: HandleServiceRequestRequest, audit: AuditContext): Promise<ServiceRequestView> {
    const { r, org } = await this.load(p, id);
    requireManages(p, org.path);
    const conflict = () => new AppError('STATE_CONFLICT', { from: r.status, allowed: ['received'] });
    if (r.status !== 'received') throw conflict();
    const patch = { status: input.status, handledNote: input.note, updatedAt: this.now() };
    await this.ds.transaction(async (em) => {
      if (!(await this.repo.moveRequest(em, r.id, 'received', patch))) throw conflict();
      await writeAudit(em, p, `service_request.${input.status}`, { type: 'service_request', id: r.id }, null, audit);
    });
    return (await this.presentMany([{ ...r, ...patch }], false))[0];
  }

  /** `POST /service-requests/:id/deed`: becomes a 为群众办实事 (source `service_request`), once. */
  async toDeed(p: Principal, id: string, input: DeedFromSourceRequest, audit: AuditContext): Promise<DeedView> {
    const { r, org } = await this.load(p, id);
    requireManages(p, org.path);
    const conflict = () => new AppError('STATE_CONFLICT', { from: r.status, allowed: ['received'] });
    if (r.status !== 'received') throw conflict();
    await this.deeds.checkNew({ org, responsibleMemberId: input.responsibleMemberId, promisedBy: input.promisedBy });
    let deedId = '';
    await this.ds.transaction(async (em) => {
      const deed = await this.deeds.insert(
        p,
        {
          org,
          title: input.title ?? r.matter.slice(0, 100),
          category: input.category ?? '便民服务',
          requester: r.requester,
          source: 'service_request',
          sourceRef: r.id,
          sourceKey: `service_request:${r.id}`,
          responsibleMemberId: input.responsibleMemberId,
          promisedBy: input.promisedBy,
        },
        audit,
        em,
      );
      deedId = deed.id;
      if (!(await this.repo.moveRequest(em, r.id, 'received', { status: 'deed', deedId: deed.id, updatedAt: this.now() })))
        throw conflict();
    });
    return this.deeds.view(p, deedId);
  }

  /** `POST /feedback/:id/deed`: a complaint or suggestion becomes a 为群众办实事 (source `feedback`), once. */
  async feedbackToDeed(p: Principal, id: string, input: DeedFromSourceRequest, audit: AuditContext): Promise<DeedView> {
    const f = await this.feedback.sourceFor(p, id);
    const org = await this.orgs.get(f.orgId);
    const sender = f.senderMemberId ? await this.members.find(f.senderMemberId) : null;
    const deed = await this.deeds.insert(
      p,
      {
        org,
        title: input.title ?? f.content.slice(0, 100),
        category: input.category ?? `群众${FEEDBACK_CATEGORY_LABELS[f.category]}`,
        requester: sender?.name ?? '群众',
        source: 'feedback',
        sourceRef: f.id,
        sourceKey: `feedback:${f.id}`,
        responsibleMemberId: input.responsibleMemberId,
        promisedBy: input.promisedBy,
      },
      audit,
    );
    return (await this.deeds.presentMany(p, [deed]))[0];
  }

  async presentMany(list: ServiceRequest[], whole: boolean): Promise<ServiceRequestView[]> {
    const orgs = await this.orgs.byIds(list.map((r) => r.orgId));
    return this.present(list, whole, orgs);
  }

  private present(list: ServiceRequest[], whole: boolean, orgs: Map<string, Org> = new Map()): ServiceRequestView[] {
    return list.map((r) => {
      const contact = this.cipher.decrypt(r.contactEnc);
      return {
        id: r.id,
        orgId: r.orgId,
        orgName: orgs.get(r.orgId)?.name ?? '',
        requester: r.requester,
        contact: whole ? contact : maskPhone(contact),
        matter: r.matter,
        receivedOn: r.receivedOn,
        channel: r.channel,
        status: r.status,
        handledNote: r.handledNote,
        deedId: r.deedId,
        liaisonContactId: r.liaisonContactId,
        createdByName: r.createdByName,
        createdAt: toIsoLocal(r.createdAt),
      };
    });
  }
}
