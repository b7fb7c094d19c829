/**
 * 问题清单 → 整改 → 销号 (OVERSIGHT.md §1): the rules, in one place.
 *
 *  - Who registers: a manager of the problem's org; the assigning org is the caller's closest
 *    managing grant above it ("谁交办、谁验收": its admins recheck and 销号).
 *  - Moves, each from fixed states only (409 STATE_CONFLICT otherwise): assign (responsible
 *    member + deadline not before today) → progress (text and evidence links, by the responsible
 *    member or a manager of the problem's org) → submit → recheck pass (closed) or fail (back to
 *    rectifying); extend (reason, history kept) and void (reason) by the assigning org.
 *  - The responsible member never rechecks their own problem (403 SELF_SIGNOFF).
 *  - Evidence is a link to a record already here (an activity, a contact with a mobile member),
 *    never a required photo. Overdue is derived from the deadline, never stored.
 *  - The system records what the committee decided: nothing closes or escalates by itself.
 */
import ExcelJS from 'exceljs';
import type { DataSource, EntityManager } from 'typeorm';
import {
  addDays,
  daysBetween,
  DEFAULT_PAGE_SIZE,
  MANAGING_ROLES,
  PROBLEM_MOVES,
  PROBLEM_SOURCE_LABELS,
  PROBLEM_STATUS_LABELS,
  toIsoLocal,
  toLocalDate,
  type AssignProblemRequest,
  type CreateProblemRequest,
  type EvidenceRef,
  type EvidenceView,
  type ExtendProblemRequest,
  type Page,
  type ProblemEventKind,
  type ProblemListQuery,
  type ProblemMove,
  type ProblemProgressRequest,
  type ProblemSource,
  type ProblemView,
  type RecheckProblemRequest,
} from '@djzy/shared';
import { systemClock, type Clock } from '../../core/clock';
import { AppError, fieldError } from '../../core/errors';
import { isIdLike, newId } from '../../core/ids';
import { covers, isManager, requireManages, scopePaths, type Principal } from '../../core/principal';
import { transactionWithRetry } from '../../core/sql';
import type { ActivityAccess } from '../activity';
import { writeAudit, type AuditContext } from '../audit';
import type { MemberDirectory } from '../member';
import type { MobilityService } from '../mobility';
import type { NotificationService } from '../notification';
import type { Org, OrgService } from '../org';
import type { Problem, ProblemEvent } from './problem.entity';
import { ProblemRepository, type ProblemFilter } from './problem.repository';

/** The export reads the list a page at a time, up to a sheet's worth. */
const XLSX_PAGE = 500;
const XLSX_MAX = 5000;
/** Days between two YYYY-MM-DD dates. */

export interface ProblemOptions {
  now?: Clock;
  /** Reminder this many days before the deadline. */
  remindDaysBefore?: number;
}

export class ProblemService {
  private readonly repo: ProblemRepository;

  constructor(
    private readonly ds: DataSource,
    private readonly orgs: OrgService,
    private readonly members: MemberDirectory,
    private readonly activities: ActivityAccess,
    private readonly mobility: MobilityService,
    private readonly notifications: NotificationService,
    private readonly opts: ProblemOptions = {},
  ) {
    this.repo = new ProblemRepository(ds);
  }

  private now(): Date {
    return (this.opts.now ?? systemClock)();
  }
  private today(): string {
    return toLocalDate(this.now());
  }

  // ── registering ──────────────────────────────────────────────────────────────────────────

  /** `POST /problems`: registered by a manager of its org; the assigning org is the caller's closest grant above it. */
  async create(
    p: Principal,
    input: CreateProblemRequest,
    audit: AuditContext,
    em?: EntityManager,
    opts: { deadline?: string } = {},
  ): Promise<ProblemView> {
    const org = await this.orgs.get(input.orgId).catch(() => {
      throw fieldError('orgId', '组织不存在');
    });
    requireManages(p, org.path);
    const assigner = this.assignerOf(p, org);
    const now = this.now();
    const problem: Problem = {
      id: newId(),
      orgId: org.id,
      year: input.year,
      source: input.source,
      sourceRef: input.sourceRef ?? null,
      category: input.category,
      description: input.description,
      longTerm: !!input.longTerm,
      status: 'registered',
      assignerOrgId: assigner,
      responsibleMemberId: null,
      // A 督查通报's findings arrive with the notice's deadline; assigning keeps or changes it.
      deadline: opts.deadline ?? null,
      extensions: 0,
      raisedBy: p.id,
      raisedByName: p.name.slice(0, 50),
      raisedAt: now,
      closedAt: null,
      closedBy: null,
      closedByName: null,
      updatedAt: now,
    };
    const write = async (tx: EntityManager) => {
      await this.repo.insert(tx, problem);
      await this.repo.insertEvent(tx, this.event(p, problem.id, 'registered', { text: input.description }));
      await writeAudit(tx, p, 'problem.create', { type: 'problem', id: problem.id }, { orgId: org.id, source: input.source }, audit);
    };
    if (em) await write(em);
    else await this.ds.transaction(write);
    return this.present(p, problem, [], false);
  }

  /**
   * A problem the system registers (no caller): an overdue 三务公开 found by the schedule check
   * (`source: "supervision"`), assigned by the township (`assignerOrgId`), inside the caller's
   * transaction so the check's idempotency marker and the problem commit together.
   */
  async registerBySystem(
    em: EntityManager,
    input: {
      orgId: string;
      assignerOrgId: string;
      year: number;
      source: ProblemSource;
      sourceRef: string | null;
      category: string;
      description: string;
    },
  ): Promise<string> {
    const now = this.now();
    const problem: Problem = {
      id: newId(),
      orgId: input.orgId,
      year: input.year,
      source: input.source,
      sourceRef: input.sourceRef,
      category: input.category.slice(0, 50),
      description: input.description,
      longTerm: false,
      status: 'registered',
      assignerOrgId: input.assignerOrgId,
      responsibleMemberId: null,
      deadline: null,
      extensions: 0,
      raisedBy: 'system',
      raisedByName: '系统（逾期检查）',
      raisedAt: now,
      closedAt: null,
      closedBy: null,
      closedByName: null,
      updatedAt: now,
    };
    await this.repo.insert(em, problem);
    await this.repo.insertEvent(em, {
      id: newId(),
      problemId: problem.id,
      kind: 'registered',
      at: now,
      byId: 'system',
      byName: problem.raisedByName,
      text: input.description,
      evidence: null,
      fromDeadline: null,
      toDeadline: null,
    });
    await writeAudit(em, null, 'problem.create', { type: 'problem', id: problem.id }, { orgId: input.orgId, source: input.source }, {});
    return problem.id;
  }

  /** The caller's closest managing grant over the org (the org itself, its branch, its township …). */
  private assignerOf(p: Principal, org: Org): string {
    const grants = p.grants.filter((g) => MANAGING_ROLES.includes(g.role) && org.path.startsWith(g.orgPath));
    grants.sort((a, b) => b.orgPath.length - a.orgPath.length);
    return grants[0].orgId;
  }

  // ── moving it along ──────────────────────────────────────────────────────────────────────

  /** Loads a problem the caller may see (404 otherwise), with the orgs the rules read. */
  private async load(p: Principal, id: string): Promise<{ problem: Problem; org: Org; assigner: Org }> {
    const problem = isIdLike(id) ? await this.repo.find(id) : null;
    const orgs = problem ? await this.orgs.byIds([problem.orgId, problem.assignerOrgId]) : new Map<string, Org>();
    const org = problem && orgs.get(problem.orgId);
    const assigner = problem && orgs.get(problem.assignerOrgId);
    if (!problem || !org || !assigner) throw new AppError('NOT_FOUND');
    const visible = covers(p, org.path) || (!!p.memberId && p.memberId === problem.responsibleMemberId);
    if (!visible) throw new AppError('NOT_FOUND');
    return { problem, org, assigner };
  }

  private assertFrom(problem: Problem, move: ProblemMove) {
    const allowed: readonly string[] = PROBLEM_MOVES[move];
    if (!allowed.includes(problem.status)) throw new AppError('STATE_CONFLICT', { from: problem.status, allowed });
  }

  /** One move: a conditional update (from the allowed states) and its history row, in one transaction. */
  private async apply(
    p: Principal,
    problem: Problem,
    move: ProblemMove,
    patch: Partial<Problem>,
    event: ProblemEvent,
    audit: AuditContext,
  ): Promise<Problem> {
    const next = { ...problem, ...patch, updatedAt: this.now() };
    await transactionWithRetry(this.ds, async (em) => {
      if (!(await this.repo.move(em, problem.id, PROBLEM_MOVES[move], { ...patch, updatedAt: next.updatedAt })))
        throw new AppError('STATE_CONFLICT', {
          from: (await this.repo.find(problem.id))?.status ?? problem.status,
          allowed: PROBLEM_MOVES[move],
        });
      await this.repo.insertEvent(em, event);
      await writeAudit(em, p, `problem.${move}`, { type: 'problem', id: problem.id }, { status: next.status }, audit);
      await this.afterMove(em, next, event);
    });
    return next;
  }

  /** `POST /problems/:id/assign`: the assigning org names who answers for it and by when. */
  async assign(p: Principal, id: string, input: AssignProblemRequest, audit: AuditContext): Promise<ProblemView> {
    const { problem, assigner } = await this.load(p, id);
    requireManages(p, assigner.path);
    this.assertFrom(problem, 'assign');
    this.checkDeadline(input.deadline, 'deadline');
    const found = await this.members.findWithOrg(input.responsibleMemberId);
    if (!found || !found.org.path.startsWith(assigner.path)) throw fieldError('responsibleMemberId', '整改责任人须是交办单位范围内的党员');
    const next = await this.apply(
      p,
      problem,
      'assign',
      { status: 'assigned', responsibleMemberId: found.member.id, deadline: input.deadline },
      this.event(p, problem.id, 'assigned', { text: `责任人：${found.member.name}，期限：${input.deadline}`, toDeadline: input.deadline }),
      audit,
    );
    return this.view(p, next.id);
  }

  /** `POST /problems/:id/progress`: what was done, with links to the records that show it. */
  async progress(p: Principal, id: string, input: ProblemProgressRequest, audit: AuditContext): Promise<ProblemView> {
    const { problem, org } = await this.load(p, id);
    this.requireRectifier(p, problem, org);
    this.assertFrom(problem, 'progress');
    const evidence = await this.checkEvidence(input.evidence ?? [], org);
    await this.apply(
      p,
      problem,
      'progress',
      { status: 'rectifying' },
      this.event(p, problem.id, 'progress', { text: input.text, evidence }),
      audit,
    );
    return this.view(p, problem.id);
  }

  /** `POST /problems/:id/submit`: 申请销号, once progress has been recorded. */
  async submit(p: Principal, id: string, audit: AuditContext): Promise<ProblemView> {
    const { problem, org } = await this.load(p, id);
    this.requireRectifier(p, problem, org);
    this.assertFrom(problem, 'submit');
    await this.apply(p, problem, 'submit', { status: 'submitted' }, this.event(p, problem.id, 'submitted', {}), audit);
    return this.view(p, problem.id);
  }

  /** `POST /problems/:id/recheck`: the assigning org checks again — pass closes it (销号), fail sends it back. */
  async recheck(p: Principal, id: string, input: RecheckProblemRequest, audit: AuditContext): Promise<ProblemView> {
    const { problem, assigner } = await this.load(p, id);
    if (p.memberId && p.memberId === problem.responsibleMemberId) throw new AppError('SELF_SIGNOFF');
    requireManages(p, assigner.path);
    this.assertFrom(problem, 'recheck');
    const now = this.now();
    const patch: Partial<Problem> =
      input.result === 'pass'
        ? { status: 'closed', closedAt: now, closedBy: p.id, closedByName: p.name.slice(0, 50) }
        : { status: 'rectifying' };
    await this.apply(
      p,
      problem,
      'recheck',
      patch,
      this.event(p, problem.id, input.result === 'pass' ? 'passed' : 'returned', { text: input.note }),
      audit,
    );
    return this.view(p, problem.id);
  }

  /** `POST /problems/:id/extend`: a new deadline with its reason; the history keeps both. */
  async extend(p: Principal, id: string, input: ExtendProblemRequest, audit: AuditContext): Promise<ProblemView> {
    const { problem, assigner } = await this.load(p, id);
    requireManages(p, assigner.path);
    this.assertFrom(problem, 'extend');
    this.checkDeadline(input.deadline, 'deadline');
    if (problem.deadline && input.deadline <= problem.deadline) throw fieldError('deadline', `新的期限须晚于原期限 ${problem.deadline}`);
    await this.apply(
      p,
      problem,
      'extend',
      { deadline: input.deadline, extensions: problem.extensions + 1 },
      this.event(p, problem.id, 'extended', { text: input.reason, fromDeadline: problem.deadline, toDeadline: input.deadline }),
      audit,
    );
    return this.view(p, problem.id);
  }

  /** `POST /problems/:id/void`: kept, with the reason; never deleted. */
  async voidProblem(p: Principal, id: string, reason: string, audit: AuditContext): Promise<ProblemView> {
    const { problem, assigner } = await this.load(p, id);
    requireManages(p, assigner.path);
    this.assertFrom(problem, 'void');
    await this.apply(p, problem, 'void', { status: 'void' }, this.event(p, problem.id, 'voided', { text: reason }), audit);
    return this.view(p, problem.id);
  }

  private requireRectifier(p: Principal, problem: Problem, org: Org) {
    if (p.memberId && p.memberId === problem.responsibleMemberId) return;
    requireManages(p, org.path);
  }

  private checkDeadline(day: string, field: string) {
    if (day < this.today()) throw fieldError(field, `整改期限不能早于今天（${this.today()}）`);
  }

  /** Every link points at a record that exists and belongs to the problem's org (or one above it). */
  private async checkEvidence(refs: EvidenceRef[], org: Org): Promise<EvidenceRef[]> {
    const related = (path: string) => path.startsWith(org.path) || org.path.startsWith(path);
    for (const [i, ref] of refs.entries()) {
      const field = `evidence.${i}.id`;
      if (ref.type === 'activity') {
        const a = await this.activities.load(ref.id).catch(() => null);
        if (!a || !related(a.org.path)) throw fieldError(field, '关联的活动不存在或不属于该组织');
      } else {
        const [c] = await this.mobility.contactsByIds([ref.id]);
        const who = c ? await this.members.findWithOrg(c.memberId) : null;
        if (!who || !related(who.org.path)) throw fieldError(field, '关联的联系记录不存在或不属于该组织');
      }
    }
    const seen = new Set<string>();
    return refs.filter((r) => !seen.has(`${r.type}:${r.id}`) && !!seen.add(`${r.type}:${r.id}`));
  }

  private event(
    p: Principal,
    problemId: string,
    kind: ProblemEventKind,
    f: { text?: string | null; evidence?: EvidenceRef[]; fromDeadline?: string | null; toDeadline?: string | null },
  ): ProblemEvent {
    return {
      id: newId(),
      problemId,
      kind,
      at: this.now(),
      byId: p.id,
      byName: p.name.slice(0, 50),
      text: f.text ?? null,
      evidence: f.evidence?.length ? JSON.stringify(f.evidence.map(({ type, id }) => ({ type, id }))) : null,
      fromDeadline: f.fromDeadline ?? null,
      toDeadline: f.toDeadline ?? null,
    };
  }

  // ── reminders (the subscription outbox) ──────────────────────────────────────────────────

  /** Assignment and a returned recheck tell the responsible member at once. */
  private async afterMove(em: EntityManager, problem: Problem, event: ProblemEvent): Promise<void> {
    if (!problem.responsibleMemberId) return;
    if (event.kind !== 'assigned' && event.kind !== 'returned') return;
    const what = event.kind === 'assigned' ? '新的整改任务' : '整改复查未通过，请继续整改';
    await this.remind(em, problem, `${event.kind}:${event.id}`, what);
  }

  private async remind(em: EntityManager, problem: Problem, key: string, what: string): Promise<number> {
    return this.notifications.queue(em, 'task', [
      {
        memberId: problem.responsibleMemberId!,
        dedupeKey: `problem:${problem.id}:${key}`,
        page: `pages/problems/detail?id=${problem.id}`,
        data: {
          thing1: { value: problem.category.slice(0, 20) },
          thing2: { value: what.slice(0, 20) },
          date3: { value: problem.deadline ?? '' },
        },
      },
    ]);
  }

  /**
   * The periodic sweep: a reminder `remindDaysBefore` days before the deadline and one when it
   * has passed, once per deadline (an extension gets its own). Returns how many were queued.
   */
  async remindDue(): Promise<number> {
    const today = this.today();
    const before = this.opts.remindDaysBefore ?? 3;
    const due = await this.repo.openDueBy(addDays(today, before), 500);
    let queued = 0;
    for (const problem of due) {
      const overdue = problem.deadline! < today;
      await this.ds.transaction(async (em) => {
        queued += await this.remind(
          em,
          problem,
          `${overdue ? 'overdue' : 'soon'}:${problem.deadline}`,
          overdue ? '整改已逾期，请尽快完成' : `整改期限将到（${problem.deadline}）`,
        );
      });
    }
    return queued;
  }

  // ── reading ──────────────────────────────────────────────────────────────────────────────

  /** Open problems in a subtree whose deadline passed more than `days` days ago (约谈候选). */
  async overdueLongerThan(
    path: string,
    days: number,
  ): Promise<{ id: string; category: string; deadline: string; overdueDays: number; responsibleMemberId: string }[]> {
    const today = this.today();
    const { list } = await this.repo.page({ paths: [path], overdueBefore: addDays(today, -days) }, 1, 1000);
    return list
      .filter((x) => x.responsibleMemberId && x.deadline)
      .map((x) => ({
        id: x.id,
        category: x.category,
        deadline: x.deadline!,
        overdueDays: daysBetween(x.deadline!, today),
        responsibleMemberId: x.responsibleMemberId!,
      }));
  }

  /** `GET /problems/:id`: with its history (整改清单). */
  async view(p: Principal, id: string): Promise<ProblemView> {
    const { problem } = await this.load(p, id);
    return this.present(p, problem, await this.repo.eventsOf(problem.id), true);
  }

  /**
   * `GET /problems`: a manager sees the problems of the orgs in scope (and those they answer
   * for); anyone else, or `mine=true`, only those they answer for (我的整改任务).
   */
  async list(p: Principal, q: ProblemListQuery): Promise<Page<ProblemView>> {
    const filter = await this.filterOf(p, q);
    if (!filter) return { items: [], total: 0 };
    const { list, total } = await this.repo.page(filter.where, q.page ?? 1, q.pageSize ?? DEFAULT_PAGE_SIZE);
    return { items: await this.presentMany(p, list), total };
  }

  /** What `GET /problems` and its export select (null: nothing, a caller with no member asking for their own). */
  private async filterOf(p: Principal, q: ProblemListQuery): Promise<{ where: ProblemFilter; org: Org | null } | null> {
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
        year: q.year,
        status: q.status,
        source: q.source,
        overdueBefore: q.overdue ? this.today() : undefined,
      },
    };
  }

  /**
   * `GET /problems.xlsx`: the list's problems (same filters, every page) in the 三张清单 layout —
   * 问题清单 with the latest 整改措施 (progress) and when it was 销号.
   */
  async listXlsx(p: Principal, q: ProblemListQuery): Promise<{ filename: string; data: Buffer }> {
    const filter = await this.filterOf(p, q);
    const problems: Problem[] = [];
    if (filter) {
      for (let page = 1; ; page++) {
        const { list } = await this.repo.page(filter.where, page, XLSX_PAGE);
        problems.push(...list);
        if (list.length < XLSX_PAGE || problems.length >= XLSX_MAX) break;
      }
    }
    const orgs = await this.orgs.byIds([...new Set(problems.map((x) => x.orgId))]);
    const members = await this.members.namesOf(problems.flatMap((x) => (x.responsibleMemberId ? [x.responsibleMemberId] : [])));
    const measures = await this.repo.latestProgress(problems.map((x) => x.id));
    const today = this.today();
    // The caller's org when none is picked: the top of their scope (the county, the township).
    const top = [...p.grants].filter((g) => MANAGING_ROLES.includes(g.role)).sort((a, b) => a.orgPath.length - b.orgPath.length)[0];
    const orgName = filter?.org?.name ?? top?.orgName ?? p.name;
    const yearText = q.year ? `${q.year}` : '全部年度';

    const wb = new ExcelJS.Workbook();
    wb.creator = '党建智慧云';
    const ws = wb.addWorksheet('问题清单');
    const columns = ['序号', '单位', '问题来源', '问题类别', '问题描述', '整改措施', '责任人', '整改时限', '完成情况', '销号时间'];
    ws.addRow([`${orgName}${q.year ? ` ${q.year}年` : ''}问题清单`]).font = { bold: true, size: 14 };
    ws.mergeCells(1, 1, 1, columns.length);
    ws.getCell(1, 1).alignment = { horizontal: 'center' };
    ws.addRow([`导出时间：${toIsoLocal(this.now()).slice(0, 16).replace('T', ' ')}，共 ${problems.length} 个问题`]);
    ws.addRow(columns).font = { bold: true };
    problems.forEach((x, i) => {
      const late = this.overdueDaysOf(x, today) ? `（逾期 ${this.overdueDaysOf(x, today)} 天）` : '';
      ws.addRow([
        i + 1,
        orgs.get(x.orgId)?.name ?? '',
        PROBLEM_SOURCE_LABELS[x.source],
        x.category,
        x.description,
        measures.get(x.id) ?? '',
        x.responsibleMemberId ? (members.get(x.responsibleMemberId) ?? '') : '',
        x.deadline ?? '',
        `${PROBLEM_STATUS_LABELS[x.status]}${late}${x.longTerm ? '（长期坚持）' : ''}`,
        x.closedAt ? toLocalDate(x.closedAt) : '',
      ]).alignment = { vertical: 'top', wrapText: true };
    });
    ws.columns.forEach((c, i) => (c.width = [6, 18, 12, 12, 40, 40, 10, 12, 14, 12][i]));
    const thin = { style: 'thin' as const };
    for (let r = 3; r <= ws.rowCount; r++)
      for (let c = 1; c <= columns.length; c++) ws.getCell(r, c).border = { top: thin, left: thin, bottom: thin, right: thin };
    ws.pageSetup = { paperSize: 9, orientation: 'landscape', fitToPage: true, fitToWidth: 1, fitToHeight: 0, printTitlesRow: '3:3' };
    return { filename: `问题清单-${orgName}-${yearText}.xlsx`, data: Buffer.from(await wb.xlsx.writeBuffer()) };
  }

  /** Days past the deadline of an open problem (0 when not late, closed or void): overdue is derived, never stored. */
  private overdueDaysOf(problem: Problem, today: string): number {
    const open = problem.status !== 'closed' && problem.status !== 'void';
    return open && problem.deadline && problem.deadline < today ? daysBetween(problem.deadline, today) : 0;
  }

  /** One problem as the caller sees it, with its history when `detail`. */
  private async present(p: Principal, problem: Problem, events: ProblemEvent[], detail: boolean): Promise<ProblemView> {
    const [view] = await this.presentMany(p, [problem]);
    return { ...view, events: detail ? await this.presentEvents(events) : [] };
  }

  /** Problems as the caller sees them: their orgs and the responsible members' names read once for all. */
  private async presentMany(p: Principal, problems: Problem[]): Promise<ProblemView[]> {
    const orgs = await this.orgs.byIds(problems.flatMap((x) => [x.orgId, x.assignerOrgId]));
    const names = await this.members.namesOf(problems.flatMap((x) => (x.responsibleMemberId ? [x.responsibleMemberId] : [])));
    const today = this.today();
    return problems.map((problem) => {
      const org = orgs.get(problem.orgId);
      const assigner = orgs.get(problem.assignerOrgId);
      const overdueDays = this.overdueDaysOf(problem, today);
      const canManage = !!assigner && covers(p, assigner.path);
      const isResponsible = !!p.memberId && p.memberId === problem.responsibleMemberId;
      const canRectify =
        (problem.status === 'assigned' || problem.status === 'rectifying') && (isResponsible || (!!org && covers(p, org.path)));
      return {
        id: problem.id,
        orgId: problem.orgId,
        orgName: org?.name ?? '',
        year: problem.year,
        source: problem.source,
        sourceRef: problem.sourceRef,
        category: problem.category,
        description: problem.description,
        longTerm: !!problem.longTerm,
        status: problem.status,
        overdue: overdueDays > 0,
        overdueDays,
        assignerOrgId: problem.assignerOrgId,
        assignerOrgName: assigner?.name ?? '',
        responsibleMemberId: problem.responsibleMemberId,
        responsibleName: problem.responsibleMemberId ? (names.get(problem.responsibleMemberId) ?? null) : null,
        deadline: problem.deadline,
        extensions: problem.extensions,
        raisedAt: toIsoLocal(problem.raisedAt),
        raisedByName: problem.raisedByName,
        closedAt: problem.closedAt ? toIsoLocal(problem.closedAt) : null,
        closedByName: problem.closedByName,
        canManage,
        canRectify,
        events: [],
      };
    });
  }

  private async presentEvents(events: ProblemEvent[]) {
    const evidenceOf = new Map(events.map((e) => [e.id, e.evidence ? (JSON.parse(e.evidence) as EvidenceRef[]) : []]));
    const refs = [...evidenceOf.values()].flat();
    const labels = new Map<string, string>();
    for (const r of refs) {
      const key = `${r.type}:${r.id}`;
      if (labels.has(key)) continue;
      if (r.type === 'activity') {
        const a = await this.activities.load(r.id).catch(() => null);
        labels.set(key, a ? `${a.activity.title} · ${toLocalDate(a.activity.startsAt)}` : '');
      } else {
        const [c] = await this.mobility.contactsByIds([r.id]);
        const who = c ? await this.members.find(c.memberId) : null;
        labels.set(key, c ? `联系流动党员${who ? ` ${who.name}` : ''} · ${toLocalDate(c.contactedAt)}` : '');
      }
    }
    return events.map((e) => ({
      id: e.id,
      kind: e.kind,
      at: toIsoLocal(e.at),
      byName: e.byName,
      text: e.text,
      evidence: evidenceOf.get(e.id)!.map((r): EvidenceView => ({ ...r, label: labels.get(`${r.type}:${r.id}`) ?? '' })),
      fromDeadline: e.fromDeadline,
      toDeadline: e.toDeadline,
    }));
  }
}
