/**
 * 责任清单 (建单、领单、晒单、查单、验单): a township writes its items (drafts), publishes them
 * to every branch under it (each branch gets its own copy); a branch claims each (领单: its
 * measures, who answers for it) and may add its own; at year end the level above the branch
 * judges each (验单: 完成 / 基本完成 / 未完成). A branch never judges its own items.
 */
import { In, IsNull, type DataSource } from 'typeorm';
import {
  toIsoLocal,
  type AcknowledgeResponsibilityRequest,
  type CreateResponsibilityItemRequest,
  type EvaluateResponsibilityRequest,
  type ResponsibilityItemView,
} from '@djzy/shared';
import { systemClock, type Clock } from '../../core/clock';
import { AppError, fieldError } from '../../core/errors';
import { isIdLike, newId } from '../../core/ids';
import { covers, requireManages, type Principal } from '../../core/principal';
import { updateWhere } from '../../core/sql';
import { writeAudit, type AuditContext } from '../audit';
import type { MemberDirectory } from '../member';
import type { Org, OrgService } from '../org';
import { ResponsibilityItem } from './problem.entity';

export class ResponsibilityService {
  constructor(
    private readonly ds: DataSource,
    private readonly orgs: OrgService,
    private readonly members: MemberDirectory,
    private readonly now: Clock = systemClock,
  ) {}

  private async find(id: string): Promise<ResponsibilityItem | null> {
    return isIdLike(id) ? this.ds.getRepository(ResponsibilityItem).findOneBy({ id }) : null;
  }

  /** `POST /responsibility-items`: a township's template item (draft) or a branch's own (claimed at once). */
  async create(p: Principal, input: CreateResponsibilityItemRequest, audit: AuditContext): Promise<ResponsibilityItemView> {
    const org = await this.orgs.getManaged(p, input.orgId);
    if (org.kind !== 'township' && org.kind !== 'branch')
      throw fieldError('orgId', '责任清单由乡镇党委制定、各支部领取，请选择乡镇党委或党支部');
    const own = org.kind === 'branch';
    const now = this.now();
    const item: ResponsibilityItem = {
      id: newId(),
      orgId: org.id,
      year: input.year,
      category: input.category,
      content: input.content,
      measures: input.measures ?? null,
      dueDate: input.dueDate ?? null,
      source: own ? 'self' : 'township',
      templateId: null,
      status: own ? 'acknowledged' : 'draft',
      responsibleMemberId: null,
      publishedAt: null,
      acknowledgedAt: own ? now : null,
      acknowledgedBy: own ? p.id : null,
      result: null,
      resultNote: null,
      evaluatedAt: null,
      evaluatedBy: null,
      createdAt: now,
    };
    await this.ds.transaction(async (em) => {
      await em.insert(ResponsibilityItem, item);
      await writeAudit(em, p, 'responsibility.create', { type: 'responsibility_item', id: item.id }, { orgId: org.id }, audit);
    });
    return (await this.present(p, [item]))[0];
  }

  /** `POST /responsibility-items/publish`: the township's drafts of a year to each branch under it (晒单), once each. */
  async publish(p: Principal, orgId: string, year: number, audit: AuditContext): Promise<{ published: number; branches: number }> {
    const township = await this.orgs.getManaged(p, orgId);
    if (township.kind !== 'township') throw fieldError('orgId', '只有乡镇党委可以下发责任清单');
    const drafts = await this.ds
      .getRepository(ResponsibilityItem)
      .find({ where: { orgId: township.id, year, status: 'draft', templateId: IsNull() } });
    if (!drafts.length) throw new AppError('STATE_CONFLICT', { from: 'none', allowed: ['draft'] }, '没有待下发的责任清单条目');
    const branches = await this.orgs.branchesIn([township.path]);
    const now = this.now();
    await this.ds.transaction(async (em) => {
      for (const d of drafts) {
        // Conditional: a second publish at the same moment sends nothing twice.
        if (!(await updateWhere(em, ResponsibilityItem, { id: d.id, status: 'draft' }, { status: 'published', publishedAt: now })))
          continue;
        // Each copy keeps its template's time: a branch lists the items in the order the township wrote them.
        const copies = branches.map((b): ResponsibilityItem => ({
          ...d,
          id: newId(),
          orgId: b.id,
          templateId: d.id,
          status: 'published',
          publishedAt: now,
          createdAt: d.createdAt,
          source: 'township',
        }));
        for (let i = 0; i < copies.length; i += 100) await em.insert(ResponsibilityItem, copies.slice(i, i + 100));
      }
      await writeAudit(
        em,
        p,
        'responsibility.publish',
        { type: 'org', id: township.id },
        { year, items: drafts.length, branches: branches.length },
        audit,
      );
    });
    return { published: drafts.length, branches: branches.length };
  }

  /** `POST /responsibility-items/:id/acknowledge` (领单): the branch's managers, with their measures. */
  async acknowledge(
    p: Principal,
    id: string,
    input: AcknowledgeResponsibilityRequest,
    audit: AuditContext,
  ): Promise<ResponsibilityItemView> {
    const { item, org } = await this.load(p, id);
    requireManages(p, org.path);
    if (org.kind !== 'branch')
      throw new AppError('STATE_CONFLICT', { from: item.status, allowed: ['published'] }, '乡镇的清单模板由各支部领取');
    if (input.responsibleMemberId) {
      const who = await this.members.findWithOrg(input.responsibleMemberId);
      if (!who || !who.org.path.startsWith(org.path)) throw fieldError('responsibleMemberId', '责任人须是本支部的党员');
    }
    const patch = {
      status: 'acknowledged' as const,
      measures: input.measures,
      responsibleMemberId: input.responsibleMemberId ?? null,
      acknowledgedAt: this.now(),
      acknowledgedBy: p.id,
    };
    await this.ds.transaction(async (em) => {
      if (!(await updateWhere(em, ResponsibilityItem, { id: item.id, status: In(['published', 'acknowledged']) }, patch)))
        throw new AppError('STATE_CONFLICT', { from: item.status, allowed: ['published', 'acknowledged'] });
      await writeAudit(em, p, 'responsibility.acknowledge', { type: 'responsibility_item', id: item.id }, null, audit);
    });
    return (await this.present(p, [{ ...item, ...patch }]))[0];
  }

  /** `POST /responsibility-items/:id/evaluate` (验单): the level above the branch, never the branch itself. */
  async evaluate(p: Principal, id: string, input: EvaluateResponsibilityRequest, audit: AuditContext): Promise<ResponsibilityItemView> {
    const { item, org } = await this.load(p, id);
    if (!this.mayEvaluate(p, org)) throw new AppError('FORBIDDEN');
    const patch = {
      status: 'evaluated' as const,
      result: input.result,
      resultNote: input.note ?? null,
      evaluatedAt: this.now(),
      evaluatedBy: p.id,
    };
    await this.ds.transaction(async (em) => {
      if (!(await updateWhere(em, ResponsibilityItem, { id: item.id, status: 'acknowledged' }, patch)))
        throw new AppError('STATE_CONFLICT', { from: item.status, allowed: ['acknowledged'] });
      await writeAudit(em, p, 'responsibility.evaluate', { type: 'responsibility_item', id: item.id }, { result: input.result }, audit);
    });
    return (await this.present(p, [{ ...item, ...patch }]))[0];
  }

  /** A manager of an org strictly above the branch. */
  private mayEvaluate(p: Principal, org: Org): boolean {
    const parent = org.path.slice(0, org.path.slice(0, -1).lastIndexOf('/') + 1);
    return org.kind === 'branch' && parent.length > 1 && covers(p, parent);
  }

  private async load(p: Principal, id: string): Promise<{ item: ResponsibilityItem; org: Org }> {
    const item = await this.find(id);
    const org = item ? await this.orgs.find(item.orgId) : null;
    if (!item || !org || !covers(p, org.path)) throw new AppError('NOT_FOUND');
    return { item, org };
  }

  /** `GET /responsibility-items?orgId=&year=`: the items of an org and everything under it. */
  async list(p: Principal, orgId: string, year: number): Promise<ResponsibilityItemView[]> {
    const org = await this.orgs.getManaged(p, orgId);
    const inTree = await this.orgs.inSubtrees([org.path]);
    const items = await this.ds
      .getRepository(ResponsibilityItem)
      .find({ where: { orgId: In(inTree.map((o) => o.id)), year }, order: { createdAt: 'ASC', id: 'ASC' } });
    return this.present(p, items);
  }

  private async present(p: Principal, items: ResponsibilityItem[]): Promise<ResponsibilityItemView[]> {
    const orgs = await this.orgs.byIds(items.map((i) => i.orgId));
    const names = await this.members.namesOf(items.map((i) => i.responsibleMemberId).filter((x): x is string => !!x));
    return items.map((i) => {
      const org = orgs.get(i.orgId);
      return {
        id: i.id,
        orgId: i.orgId,
        orgName: org?.name ?? '',
        year: i.year,
        category: i.category,
        content: i.content,
        measures: i.measures,
        dueDate: i.dueDate,
        source: i.source,
        templateId: i.templateId,
        status: i.status,
        responsibleMemberId: i.responsibleMemberId,
        responsibleName: i.responsibleMemberId ? (names.get(i.responsibleMemberId) ?? null) : null,
        publishedAt: i.publishedAt ? toIsoLocal(i.publishedAt) : null,
        acknowledgedAt: i.acknowledgedAt ? toIsoLocal(i.acknowledgedAt) : null,
        result: i.result,
        resultNote: i.resultNote,
        evaluatedAt: i.evaluatedAt ? toIsoLocal(i.evaluatedAt) : null,
        canAcknowledge: !!org && org.kind === 'branch' && covers(p, org.path) && (i.status === 'published' || i.status === 'acknowledged'),
        canEvaluate: !!org && this.mayEvaluate(p, org) && i.status === 'acknowledged',
      };
    });
  }
}
