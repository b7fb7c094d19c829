/**
 * 为群众办实事 (OVERSIGHT.md §6): the rules, in one place.
 *
 *  - Registered by a manager of its org (or, from a liaison contact, by the linked member), with a
 *    responsible member of the org's township and a promised day not before today.
 *  - Moves, each from fixed states only (409 STATE_CONFLICT with `from` and `allowed`): accept (a
 *    manager) → start → done (the responsible member or a manager; done needs a result) →
 *    confirm (the 回访: a manager who is not the responsible member, 403 DEED_SELF_CONFIRM);
 *    decline with a reason (a manager) from registered / accepted / in_progress.
 *  - Every move is a conditional update: two at once, one wins and the other is told 409.
 *  - Overdue is derived from promisedBy, never stored. The system records; it closes nothing itself.
 */
import ExcelJS from 'exceljs';
import type { DataSource, EntityManager } from 'typeorm';
import {
  daysBetween,
  DEED_MOVES,
  DEED_OPEN_STATUSES,
  DEED_SOURCE_LABELS,
  DEED_STATUS_LABELS,
  DEFAULT_PAGE_SIZE,
  MANAGING_ROLES,
  maskPersonName,
  toIsoLocal,
  toLocalDate,
  type CreateDeedRequest,
  type DeedConfirmRequest,
  type DeedListQuery,
  type DeedMove,
  type DeedSource,
  type DeedView,
  type Page,
  localYearSpan,
} from '@djzy/shared';
import { systemClock, type Clock } from '../../core/clock';
import { AppError, fieldError } from '../../core/errors';
import { isDuplicateKey } from '../../core/http';
import { isIdLike, newId } from '../../core/ids';
import { covers, isManager, requireManages, scopePaths, type Principal } from '../../core/principal';
import { transactionWithRetry } from '../../core/sql';
import { writeAudit, type AuditContext } from '../audit';
import type { MemberDirectory } from '../member';
import { townshipPathOf, type Org, type OrgService } from '../org';
import type { PublicDeed } from './service.entity';
import { ServiceRepository, type DeedFilter } from './service.repository';

const XLSX_PAGE = 500;
const XLSX_MAX = 5000;

/** What a new deed needs, from whichever source. */
export interface NewDeed {
  org: Org;
  title: string;
  category: string;
  requester: string;
  source: DeedSource;
  sourceRef: string | null;
  /** Unique per source record (`feedback:<id>` …): a second deed from it is refused with 409. */
  sourceKey: string | null;
  responsibleMemberId: string;
  promisedBy: string;
}

export class DeedService {
  private readonly repo: ServiceRepository;

  constructor(
    private readonly ds: DataSource,
    private readonly orgs: OrgService,
    private readonly members: MemberDirectory,
    private readonly clock?: Clock,
  ) {
    this.repo = new ServiceRepository(ds);
  }

  private now(): Date {
    return (this.clock ?? systemClock)();
  }
  today(): string {
    return toLocalDate(this.now());
  }

  // ── registering ──────────────────────────────────────────────────────────────────────────

  /** `POST /deeds`: by a manager of its org. */
  async create(p: Principal, input: CreateDeedRequest, audit: AuditContext): Promise<DeedView> {
    const org = await this.orgs.find(input.orgId);
    if (!org) throw fieldError('orgId', '组织不存在');
    requireManages(p, org.path);
    const deed = await this.insert(
      p,
      {
        org,
        title: input.title,
        category: input.category,
        requester: input.requester,
        source: input.source,
        sourceRef: input.sourceRef ?? null,
        sourceKey: null,
        responsibleMemberId: input.responsibleMemberId,
        promisedBy: input.promisedBy,
      },
      audit,
    );
    return (await this.presentMany(p, [deed]))[0];
  }

  /** Checks the responsible member and the promised day (400 each, nothing written). */
  async checkNew(d: Pick<NewDeed, 'org' | 'responsibleMemberId' | 'promisedBy'>): Promise<void> {
    const who = await this.members.findWithOrg(d.responsibleMemberId);
    if (!who || !who.org.path.startsWith(townshipPathOf(d.org.path))) throw fieldError('responsibleMemberId', '责任人须是本乡镇的党员');
    if (d.promisedBy < this.today()) throw fieldError('promisedBy', `承诺办结日期不能早于今天（${this.today()}）`);
  }

  /**
   * Writes a new deed (in `em` when given, with the caller's other writes); a second deed from
   * the same source record is 409 SOURCE_ALREADY_USED.
   */
  async insert(p: Principal, d: NewDeed, audit: AuditContext, em?: EntityManager): Promise<PublicDeed> {
    await this.checkNew(d);
    const now = this.now();
    const deed: PublicDeed = {
      id: newId(),
      orgId: d.org.id,
      title: d.title.slice(0, 100),
      category: d.category.slice(0, 50),
      requester: maskPersonName(d.requester).slice(0, 50),
      source: d.source,
      sourceRef: d.sourceRef,
      sourceKey: d.sourceKey,
      responsibleMemberId: d.responsibleMemberId,
      promisedBy: d.promisedBy,
      status: 'registered',
      result: null,
      doneAt: null,
      closedAt: null,
      declineReason: null,
      followUpAt: null,
      followUpBy: null,
      followUpByName: null,
      followUpSatisfied: null,
      followUpNote: null,
      createdBy: p.id,
      createdByName: p.name.slice(0, 50),
      createdAt: now,
      updatedAt: now,
    };
    const write = async (tx: EntityManager) => {
      await this.repo.insertDeed(tx, deed);
      await writeAudit(
        tx,
        p,
        'deed.create',
        { type: 'deed', id: deed.id },
        { orgId: d.org.id, source: d.source, sourceRef: d.sourceRef },
        audit,
      );
    };
    try {
      if (em) await write(em);
      else await this.ds.transaction(write);
    } catch (e) {
      if (d.sourceKey && isDuplicateKey(e)) throw new AppError('SOURCE_ALREADY_USED');
      throw e;
    }
    return deed;
  }

  // ── moving it along ──────────────────────────────────────────────────────────────────────

  /** A deed the caller may see (its org in scope, or they answer for it), else 404. */
  private async load(p: Principal, id: string): Promise<{ deed: PublicDeed; org: Org }> {
    const deed = isIdLike(id) ? await this.repo.deed(id) : null;
    const org = deed ? await this.orgs.find(deed.orgId) : null;
    if (!deed || !org) throw new AppError('NOT_FOUND');
    if (!covers(p, org.path) && !(p.memberId && p.memberId === deed.responsibleMemberId)) throw new AppError('NOT_FOUND');
    return { deed, org };
  }

  private assertFrom(deed: PublicDeed, move: DeedMove) {
    const allowed: readonly string[] = DEED_MOVES[move];
    if (!allowed.includes(deed.status)) throw new AppError('STATE_CONFLICT', { from: deed.status, allowed });
  }

  /** One move: a conditional update from the allowed states and its audit row, in one transaction. */
  private async apply(p: Principal, deed: PublicDeed, move: DeedMove, patch: Partial<PublicDeed>, audit: AuditContext): Promise<DeedView> {
    const next: PublicDeed = { ...deed, ...patch, updatedAt: this.now() };
    await transactionWithRetry(this.ds, async (em) => {
      if (!(await this.repo.moveDeed(em, deed.id, DEED_MOVES[move], { ...patch, updatedAt: next.updatedAt })))
        throw new AppError('STATE_CONFLICT', { from: (await this.repo.deed(deed.id))?.status ?? deed.status, allowed: DEED_MOVES[move] });
      await writeAudit(em, p, `deed.${move}`, { type: 'deed', id: deed.id }, { status: next.status }, audit);
    });
    return (await this.presentMany(p, [next]))[0];
  }

  private requireDoer(p: Principal, deed: PublicDeed, org: Org) {
    if (p.memberId && p.memberId === deed.responsibleMemberId) return;
    requireManages(p, org.path);
  }

  /** `POST /deeds/:id/accept`: a manager of its org takes it on. */
  async accept(p: Principal, id: string, audit: AuditContext): Promise<DeedView> {
    const { deed, org } = await this.load(p, id);
    requireManages(p, org.path);
    this.assertFrom(deed, 'accept');
    return this.apply(p, deed, 'accept', { status: 'accepted' }, audit);
  }

  /** `POST /deeds/:id/start`. */
  async start(p: Principal, id: string, audit: AuditContext): Promise<DeedView> {
    const { deed, org } = await this.load(p, id);
    this.requireDoer(p, deed, org);
    this.assertFrom(deed, 'start');
    return this.apply(p, deed, 'start', { status: 'in_progress' }, audit);
  }

  /** `POST /deeds/:id/done`: with what was done. */
  async done(p: Principal, id: string, result: string, audit: AuditContext): Promise<DeedView> {
    const { deed, org } = await this.load(p, id);
    this.requireDoer(p, deed, org);
    this.assertFrom(deed, 'done');
    if (!result.trim()) throw fieldError('result', '请填写办理结果');
    return this.apply(p, deed, 'done', { status: 'done', result, doneAt: this.now() }, audit);
  }

  /** `POST /deeds/:id/confirm`: the 回访, by a manager who is not the responsible member. */
  async confirm(p: Principal, id: string, input: DeedConfirmRequest, audit: AuditContext): Promise<DeedView> {
    const { deed, org } = await this.load(p, id);
    if (p.memberId && p.memberId === deed.responsibleMemberId) throw new AppError('DEED_SELF_CONFIRM');
    requireManages(p, org.path);
    this.assertFrom(deed, 'confirm');
    const now = this.now();
    return this.apply(
      p,
      deed,
      'confirm',
      {
        status: 'confirmed',
        closedAt: now,
        followUpAt: now,
        followUpBy: p.id,
        followUpByName: p.name.slice(0, 50),
        followUpSatisfied: input.satisfied,
        followUpNote: input.note ?? null,
      },
      audit,
    );
  }

  /** `POST /deeds/:id/decline`: with the reason, kept. */
  async decline(p: Principal, id: string, reason: string, audit: AuditContext): Promise<DeedView> {
    const { deed, org } = await this.load(p, id);
    requireManages(p, org.path);
    this.assertFrom(deed, 'decline');
    return this.apply(p, deed, 'decline', { status: 'declined', declineReason: reason, closedAt: this.now() }, audit);
  }

  // ── reading ──────────────────────────────────────────────────────────────────────────────

  async view(p: Principal, id: string): Promise<DeedView> {
    const { deed } = await this.load(p, id);
    return (await this.presentMany(p, [deed]))[0];
  }

  /** `GET /deeds`: a manager sees their scope; anyone else, or `mine=true`, the deeds they answer for. */
  async list(p: Principal, q: DeedListQuery): Promise<Page<DeedView>> {
    const filter = await this.filterOf(p, q);
    if (!filter) return { items: [], total: 0 };
    const { list, total } = await this.repo.deedPage(filter.where, q.page ?? 1, q.pageSize ?? DEFAULT_PAGE_SIZE);
    return { items: await this.presentMany(p, list), total };
  }

  private async filterOf(p: Principal, q: DeedListQuery): Promise<{ where: DeedFilter; org: Org | null } | null> {
    const mine = q.mine || !isManager(p);
    if (mine && !p.memberId) return null;
    let org: Org | null = null;
    if (q.orgId) {
      org = await this.orgs.find(q.orgId);
      if (!org) throw fieldError('orgId', '组织不存在');
      if (!mine && !covers(p, org.path)) throw new AppError('FORBIDDEN');
    }
    return {
      org,
      where: {
        paths: mine ? undefined : scopePaths(p),
        responsibleMemberId: mine ? p.memberId! : undefined,
        orgPath: org?.path,
        between: q.year ? localYearSpan(q.year) : undefined,
        status: q.status,
        source: q.source,
        overdueBefore: q.overdue ? this.today() : undefined,
      },
    };
  }

  /** `GET /deeds.xlsx`: the list's deeds (same filters, every page) as the 为群众办实事台账. */
  async listXlsx(p: Principal, q: DeedListQuery): Promise<{ filename: string; data: Buffer }> {
    const filter = await this.filterOf(p, q);
    const deeds: PublicDeed[] = [];
    if (filter) {
      for (let page = 1; ; page++) {
        const { list } = await this.repo.deedPage(filter.where, page, XLSX_PAGE);
        deeds.push(...list);
        if (list.length < XLSX_PAGE || deeds.length >= XLSX_MAX) break;
      }
    }
    const views = await this.presentMany(p, deeds);
    const top = [...p.grants].filter((g) => MANAGING_ROLES.includes(g.role)).sort((a, b) => a.orgPath.length - b.orgPath.length)[0];
    const orgName = filter?.org?.name ?? top?.orgName ?? p.name;
    const wb = new ExcelJS.Workbook();
    wb.creator = '党建智慧云';
    const ws = wb.addWorksheet('为群众办实事');
    const columns = ['序号', '单位', '事项', '类别', '服务对象', '来源', '责任人', '承诺时限', '状态', '办理结果', '办结时间', '回访情况'];
    ws.addRow([`${orgName}${q.year ? ` ${q.year}年` : ''}为群众办实事台账`]).font = { bold: true, size: 14 };
    ws.mergeCells(1, 1, 1, columns.length);
    ws.getCell(1, 1).alignment = { horizontal: 'center' };
    const done = views.filter((v) => v.doneAt).length;
    ws.addRow([`导出时间：${toIsoLocal(this.now()).slice(0, 16).replace('T', ' ')}，共 ${views.length} 件，已办结 ${done} 件`]);
    ws.addRow(columns).font = { bold: true };
    views.forEach((v, i) => {
      const followUp = v.followUpAt
        ? `${v.followUpSatisfied ? '满意' : '不满意'}${v.followUpNote ? `：${v.followUpNote}` : ''}`
        : v.declineReason
          ? `不予办理：${v.declineReason}`
          : '';
      ws.addRow([
        i + 1,
        v.orgName,
        v.title,
        v.category,
        v.requester,
        DEED_SOURCE_LABELS[v.source],
        v.responsibleName ?? '',
        v.promisedBy,
        `${DEED_STATUS_LABELS[v.status]}${v.overdue ? `（逾期 ${v.overdueDays} 天）` : ''}`,
        v.result ?? '',
        v.doneAt ? v.doneAt.slice(0, 10) : '',
        followUp,
      ]).alignment = { vertical: 'top', wrapText: true };
    });
    ws.columns.forEach((c, i) => (c.width = [6, 16, 30, 10, 10, 12, 10, 12, 14, 36, 12, 24][i]));
    const thin = { style: 'thin' as const };
    for (let r = 3; r <= ws.rowCount; r++)
      for (let c = 1; c <= columns.length; c++) ws.getCell(r, c).border = { top: thin, left: thin, bottom: thin, right: thin };
    ws.pageSetup = { paperSize: 9, orientation: 'landscape', fitToPage: true, fitToWidth: 1, fitToHeight: 0, printTitlesRow: '3:3' };
    return { filename: `为群众办实事-${orgName}-${q.year ?? '全部年度'}.xlsx`, data: Buffer.from(await wb.xlsx.writeBuffer()) };
  }

  /** Deeds as the caller sees them: orgs and names read once for all. */
  async presentMany(p: Principal, deeds: PublicDeed[]): Promise<DeedView[]> {
    const orgs = await this.orgs.byIds(deeds.map((d) => d.orgId));
    const names = await this.members.namesOf(deeds.map((d) => d.responsibleMemberId));
    const today = this.today();
    return deeds.map((d) => {
      const org = orgs.get(d.orgId);
      const open = DEED_OPEN_STATUSES.includes(d.status);
      const overdueDays = open && d.promisedBy < today ? daysBetween(d.promisedBy, today) : 0;
      const manages = !!org && covers(p, org.path);
      const responsible = !!p.memberId && p.memberId === d.responsibleMemberId;
      const allowedMoves = (Object.keys(DEED_MOVES) as DeedMove[]).filter((m) => {
        if (!(DEED_MOVES[m] as readonly string[]).includes(d.status)) return false;
        if (m === 'start' || m === 'done') return manages || responsible;
        if (m === 'confirm') return manages && !responsible;
        return manages;
      });
      return {
        id: d.id,
        orgId: d.orgId,
        orgName: org?.name ?? '',
        title: d.title,
        category: d.category,
        requester: d.requester,
        source: d.source,
        sourceRef: d.sourceRef,
        responsibleMemberId: d.responsibleMemberId,
        responsibleName: names.get(d.responsibleMemberId) ?? null,
        promisedBy: d.promisedBy,
        status: d.status,
        overdue: overdueDays > 0,
        overdueDays,
        result: d.result,
        doneAt: d.doneAt ? toIsoLocal(d.doneAt) : null,
        closedAt: d.closedAt ? toIsoLocal(d.closedAt) : null,
        declineReason: d.declineReason,
        followUpAt: d.followUpAt ? toIsoLocal(d.followUpAt) : null,
        followUpByName: d.followUpByName,
        followUpSatisfied: d.followUpSatisfied === null || d.followUpSatisfied === undefined ? null : !!d.followUpSatisfied,
        followUpNote: d.followUpNote,
        createdByName: d.createdByName,
        createdAt: toIsoLocal(d.createdAt),
        allowedMoves,
      };
    });
  }
}
