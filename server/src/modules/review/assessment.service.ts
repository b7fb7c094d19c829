/**
 * 支部书记百分制考核 (OVERSIGHT.md §2): the rules, in one place.
 *
 *  - A township's template per year: items with their maximum points (their sum ≤ 100, else 400
 *    ASSESSMENT_OVER_100), a deduction rule each, an optional source in the records; a bonus cap
 *    and veto items. Only the township's admins write it. Never an item about app use.
 *  - An assessment of a live 支部书记: draft → self_assessed (the secretary, or the township on
 *    their behalf) → assessed (the township: a score under the maximum, or away from what the
 *    records give, needs a reason — 400 DEDUCTION_REASON_REQUIRED) → confirmed (the committee's
 *    grade, with the meeting; the total only suggests one) → published → appealed (the secretary)
 *    → final (the township answers). One route per move; 409 STATE_CONFLICT otherwise.
 *  - Points are kept in tenths (integers): 0.5-point deductions add up exactly.
 */
import type { DataSource } from 'typeorm';
import { In } from 'typeorm';
import {
  ASSESSMENT_AUTO_SOURCE_LABELS,
  ASSESSMENT_MOVES,
  DEFAULT_ASSESSMENT_TEMPLATE,
  REVIEW_GRADE_LABELS,
  toIsoLocal,
  toLocalDate,
  type AppealAssessmentRequest,
  type AssessmentAutoSource,
  type AssessmentItem,
  type AssessmentStatus,
  type AssessmentTemplateInput,
  type AssessmentTemplateView,
  type AssessmentVetoItem,
  type AssessRequest,
  type ConfirmAssessmentRequest,
  type CreateAssessmentRequest,
  type CreateAssessmentTemplateRequest,
  type ResolveAppealRequest,
  type ReviewGrade,
  type SecretaryAssessmentView,
  type SelfAssessRequest,
} from '@djzy/shared';
import { systemClock, type Clock } from '../../core/clock';
import { AppError, fieldError } from '../../core/errors';
import { isIdLike, newId } from '../../core/ids';
import { covers, isManager, scopePaths, type Principal } from '../../core/principal';
import { transactionWithRetry, updateWhere } from '../../core/sql';
import { writeAudit, type AuditContext } from '../audit';
import type { RoleDirectory } from '../auth';
import type { DisclosureScheduleService } from '../disclosure';
import type { FollowUpService } from '../followup';
import type { MemberDirectory } from '../member';
import type { MobilityService } from '../mobility';
import type { Org, OrgService } from '../org';
import type { ProblemService } from '../problem';
import { AssessmentTemplate, SecretaryAssessment } from './review.entity';

const tenths = (x: number) => Math.round(x * 10);
const points = (t: number) => t / 10;
/** A share of the maximum, rounded down to half a point. */
const shareOf = (maxTenths: number, met: number, due: number) => (due ? Math.floor((maxTenths * met) / due / 5) * 5 : maxTenths);
/** The grades a veto allows. */
const LOWEST: ReviewGrade[] = ['poor', 'unqualified'];

/** What a total suggests (the committee decides): ≥ 90 好, ≥ 75 较好, ≥ 60 一般, else 差. */
export function suggestGrade(totalTenths: number | null, vetoed: boolean): ReviewGrade | null {
  if (totalTenths == null) return null;
  if (vetoed) return 'poor';
  return totalTenths >= 900 ? 'good' : totalTenths >= 750 ? 'fairly_good' : totalTenths >= 600 ? 'average' : 'poor';
}

interface StoredScore {
  score: number;
  reason: string | null;
}

export class AssessmentService {
  constructor(
    private readonly ds: DataSource,
    private readonly orgs: OrgService,
    private readonly members: MemberDirectory,
    private readonly roles: RoleDirectory,
    private readonly followUp: FollowUpService,
    private readonly mobility: MobilityService,
    private readonly problems: ProblemService,
    private readonly disclosures: DisclosureScheduleService,
    private readonly now: Clock = systemClock,
  ) {}

  /** The township's admins write; its branches' managers are refused (403), others see nothing (404). */
  private requireTownshipAdmin(p: Principal, org: Org): void {
    if (covers(p, org.path, ['admin'])) return;
    if (isManager(p) && scopePaths(p).some((s) => s.startsWith(org.path))) throw new AppError('REVIEW_TOWNSHIP_ONLY');
    throw new AppError('NOT_FOUND');
  }

  // ── templates ────────────────────────────────────────────────────────────────────────────

  /** Items' codes unique, their points within 100 (each deduction, each auto source as given). */
  private check(input: AssessmentTemplateInput): void {
    const codes = new Set<string>();
    for (const [i, item] of input.items.entries()) {
      if (codes.has(item.code)) throw fieldError(`items.${i}.code`, `细则编号“${item.code}”重复`);
      codes.add(item.code);
    }
    const vetoCodes = new Set<string>();
    for (const [i, v] of input.vetoItems.entries()) {
      if (vetoCodes.has(v.code)) throw fieldError(`vetoItems.${i}.code`, `否决项编号“${v.code}”重复`);
      vetoCodes.add(v.code);
    }
    const total = input.items.reduce((s, x) => s + tenths(x.maxPoints), 0);
    if (total > 1000)
      throw new AppError('ASSESSMENT_OVER_100', [{ field: 'items', message: `各项分值合计 ${points(total)} 分，超过 100 分` }]);
  }

  private async townshipOf(p: Principal, orgId: string): Promise<Org> {
    const org = await this.orgs.find(orgId);
    if (!org || (!covers(p, org.path) && !covers(p, org.path, ['admin']))) {
      if (org && isManager(p) && scopePaths(p).some((s) => s.startsWith(org.path))) throw new AppError('REVIEW_TOWNSHIP_ONLY');
      throw fieldError('orgId', '组织不存在');
    }
    if (org.kind !== 'township') throw fieldError('orgId', '考核细则由乡镇党委制定，请选择乡镇');
    this.requireTownshipAdmin(p, org);
    return org;
  }

  /** `POST /assessment-templates`: the township's template for a year (the suggested default when no items are given). */
  async createTemplate(p: Principal, input: CreateAssessmentTemplateRequest, audit: AuditContext): Promise<AssessmentTemplateView> {
    const org = await this.townshipOf(p, input.orgId);
    const body: AssessmentTemplateInput = {
      items: input.items ?? DEFAULT_ASSESSMENT_TEMPLATE.items,
      bonusCap: input.bonusCap ?? DEFAULT_ASSESSMENT_TEMPLATE.bonusCap,
      vetoItems: input.vetoItems ?? DEFAULT_ASSESSMENT_TEMPLATE.vetoItems,
    };
    this.check(body);
    if (await this.ds.getRepository(AssessmentTemplate).findOneBy({ orgId: org.id, year: input.year }))
      throw new AppError('CONFLICT', [{ field: 'year', message: `${org.name}${input.year}年度的考核细则已存在，请直接修改` }]);
    const row = templateRow(org.id, input.year, body, this.now());
    await this.ds.transaction(async (em) => {
      await em.insert(AssessmentTemplate, row);
      await writeAudit(
        em,
        p,
        'assessment_template.create',
        { type: 'assessment_template', id: row.id },
        { orgId: org.id, year: input.year },
        audit,
      );
    });
    return this.presentTemplate(row, org);
  }

  /** `PUT /assessment-templates/:id`: while no assessment of it has been confirmed. */
  async updateTemplate(p: Principal, id: string, input: AssessmentTemplateInput, audit: AuditContext): Promise<AssessmentTemplateView> {
    const { template, org } = await this.loadTemplate(p, id);
    this.requireTownshipAdmin(p, org);
    this.check(input);
    const confirmed = await this.ds
      .getRepository(SecretaryAssessment)
      .countBy({ templateId: template.id, status: In(['confirmed', 'published', 'appealed', 'final']) });
    if (confirmed) throw new AppError('STATE_CONFLICT', { from: 'confirmed', allowed: ['draft', 'self_assessed', 'assessed'] });
    const patch = {
      items: JSON.stringify(input.items.map(cleanItem)),
      bonusCap: tenths(input.bonusCap),
      vetoItems: JSON.stringify(input.vetoItems.map(({ code, text }) => ({ code, text }))),
      updatedAt: this.now(),
    };
    await this.ds.transaction(async (em) => {
      await em.update(AssessmentTemplate, { id: template.id }, patch);
      await writeAudit(
        em,
        p,
        'assessment_template.update',
        { type: 'assessment_template', id: template.id },
        { items: input.items.length },
        audit,
      );
    });
    return this.presentTemplate({ ...template, ...patch }, org);
  }

  private async loadTemplate(p: Principal, id: string): Promise<{ template: AssessmentTemplate; org: Org }> {
    const template = isIdLike(id) ? await this.ds.getRepository(AssessmentTemplate).findOneBy({ id }) : null;
    const org = template ? await this.orgs.find(template.orgId) : null;
    if (!template || !org || !covers(p, org.path, ['admin'])) throw new AppError('NOT_FOUND');
    return { template, org };
  }

  async template(p: Principal, id: string): Promise<AssessmentTemplateView> {
    const { template, org } = await this.loadTemplate(p, id);
    return this.presentTemplate(template, org);
  }

  /** `GET /assessment-templates?orgId=&year=`: the templates of the caller's townships. */
  async templates(p: Principal, q: { orgId?: string; year?: number }): Promise<AssessmentTemplateView[]> {
    const paths = scopePaths(p, ['admin']);
    if (!paths.length) return [];
    let orgs = (await this.orgs.inSubtrees(paths)).filter((o) => o.kind === 'township');
    if (q.orgId) orgs = orgs.filter((o) => o.id === q.orgId);
    if (!orgs.length) return [];
    const where: Record<string, unknown> = { orgId: In(orgs.map((o) => o.id)) };
    if (q.year) where.year = q.year;
    const list = await this.ds.getRepository(AssessmentTemplate).find({ where, order: { year: 'DESC' } });
    const byId = new Map(orgs.map((o) => [o.id, o]));
    return list.map((t) => this.presentTemplate(t, byId.get(t.orgId)!));
  }

  private presentTemplate(t: AssessmentTemplate, org: Org): AssessmentTemplateView {
    const items = JSON.parse(t.items) as AssessmentItem[];
    return {
      id: t.id,
      orgId: t.orgId,
      orgName: org.name,
      year: t.year,
      items,
      bonusCap: points(t.bonusCap),
      vetoItems: JSON.parse(t.vetoItems) as AssessmentVetoItem[],
      totalPoints: points(items.reduce((s, x) => s + tenths(x.maxPoints), 0)),
      updatedAt: toIsoLocal(t.updatedAt),
    };
  }

  // ── assessments ──────────────────────────────────────────────────────────────────────────

  /** `POST /secretary-assessments`: a live 支部书记 of a branch in the template's township. */
  async create(p: Principal, input: CreateAssessmentRequest, audit: AuditContext): Promise<SecretaryAssessmentView> {
    const template = isIdLike(input.templateId)
      ? await this.ds.getRepository(AssessmentTemplate).findOneBy({ id: input.templateId })
      : null;
    const org = template ? await this.orgs.find(template.orgId) : null;
    if (!template || !org || !covers(p, org.path)) throw fieldError('templateId', '考核细则不存在');
    this.requireTownshipAdmin(p, org);
    const grants = await this.roles.liveGrants(input.subjectMemberId, ['branch_secretary']);
    const branches = await this.orgs.byIds(grants.map((g) => g.orgId));
    const branch = [...branches.values()].find((b) => b.path.startsWith(org.path));
    if (!branch) throw fieldError('subjectMemberId', '被考核人须是本乡镇在任的支部书记');
    if (await this.ds.getRepository(SecretaryAssessment).findOneBy({ templateId: template.id, subjectMemberId: input.subjectMemberId }))
      throw new AppError('CONFLICT', [{ field: 'subjectMemberId', message: '该书记本年度的考核已创建' }]);
    const row: SecretaryAssessment = {
      id: newId(),
      templateId: template.id,
      orgId: branch.id,
      subjectMemberId: input.subjectMemberId,
      year: template.year,
      status: 'draft',
      selfScores: null,
      scores: null,
      autoScores: null,
      bonus: 0,
      bonusReason: null,
      vetoCodes: null,
      vetoReason: null,
      selfTotal: null,
      total: null,
      grade: null,
      decisionNote: null,
      appealReason: null,
      appealReply: null,
      assessedBy: null,
      confirmedBy: null,
      updatedAt: this.now(),
    };
    await this.ds.transaction(async (em) => {
      await em.insert(SecretaryAssessment, row);
      await writeAudit(
        em,
        p,
        'assessment.create',
        { type: 'secretary_assessment', id: row.id },
        { subjectMemberId: row.subjectMemberId },
        audit,
      );
    });
    return this.view(p, row.id);
  }

  /** The subject sees their own; the township's admins manage; anyone else: 404. */
  private async load(
    p: Principal,
    id: string,
  ): Promise<{ a: SecretaryAssessment; template: AssessmentTemplate; township: Org; isSubject: boolean; isAdmin: boolean }> {
    const a = isIdLike(id) ? await this.ds.getRepository(SecretaryAssessment).findOneBy({ id }) : null;
    const template = a ? await this.ds.getRepository(AssessmentTemplate).findOneBy({ id: a.templateId }) : null;
    const township = template ? await this.orgs.find(template.orgId) : null;
    if (!a || !template || !township) throw new AppError('NOT_FOUND');
    const isSubject = !!p.memberId && p.memberId === a.subjectMemberId;
    const isAdmin = covers(p, township.path, ['admin']);
    if (!isSubject && !isAdmin) this.requireTownshipAdmin(p, township);
    return { a, template, township, isSubject, isAdmin };
  }

  private assertFrom(a: SecretaryAssessment, move: keyof typeof ASSESSMENT_MOVES) {
    const allowed: readonly string[] = ASSESSMENT_MOVES[move];
    if (!allowed.includes(a.status)) throw new AppError('STATE_CONFLICT', { from: a.status, allowed });
  }

  private async apply(
    p: Principal,
    a: SecretaryAssessment,
    move: keyof typeof ASSESSMENT_MOVES,
    patch: Partial<SecretaryAssessment>,
    audit: AuditContext,
  ) {
    const allowed = ASSESSMENT_MOVES[move] as readonly AssessmentStatus[];
    await transactionWithRetry(this.ds, async (em) => {
      const n = await updateWhere(em, SecretaryAssessment, { id: a.id, status: In([...allowed]) }, { ...patch, updatedAt: this.now() });
      if (!n)
        throw new AppError('STATE_CONFLICT', {
          from: (await em.findOneBy(SecretaryAssessment, { id: a.id }))?.status ?? a.status,
          allowed,
        });
      await writeAudit(
        em,
        p,
        `assessment.${move}`,
        { type: 'secretary_assessment', id: a.id },
        { status: patch.status, total: patch.total },
        audit,
      );
    });
  }

  /** Scores for known items, within their maximum; a missing one is named. */
  private readScores(
    items: AssessmentItem[],
    scores: { code: string; score: number; reason?: string }[],
    all: boolean,
  ): Map<string, StoredScore> {
    const byCode = new Map(items.map((x) => [x.code, x]));
    const out = new Map<string, StoredScore>();
    for (const [i, s] of scores.entries()) {
      const item = byCode.get(s.code);
      if (!item) throw fieldError(`scores.${i}.code`, `没有编号为“${s.code}”的考核细则`);
      if (out.has(s.code)) throw fieldError(`scores.${i}.code`, `“${item.text}”重复打分`);
      if (tenths(s.score) > tenths(item.maxPoints)) throw fieldError(`scores.${i}.score`, `“${item.text}”最高 ${item.maxPoints} 分`);
      out.set(s.code, { score: tenths(s.score), reason: s.reason?.trim() || null });
    }
    if (all) {
      const missing = items.filter((x) => !out.has(x.code));
      if (missing.length) throw fieldError('scores', `还有细则未打分：${missing.map((x) => x.text).join('；')}`);
    }
    return out;
  }

  /** `POST /secretary-assessments/:id/self-assess`: the secretary's own scores (or the township's on their behalf). */
  async selfAssess(p: Principal, id: string, input: SelfAssessRequest, audit: AuditContext): Promise<SecretaryAssessmentView> {
    const { a, template } = await this.load(p, id);
    this.assertFrom(a, 'self-assess');
    const items = JSON.parse(template.items) as AssessmentItem[];
    const scores = this.readScores(items, input.scores, true);
    const selfTotal = [...scores.values()].reduce((s, x) => s + x.score, 0);
    await this.apply(
      p,
      a,
      'self-assess',
      { status: 'self_assessed', selfScores: JSON.stringify(Object.fromEntries([...scores].map(([k, v]) => [k, v.score]))), selfTotal },
      audit,
    );
    return this.view(p, id);
  }

  /**
   * `POST /secretary-assessments/:id/assess`: the township's scores. A score under the maximum,
   * or away from what the records give, needs its reason (400 DEDUCTION_REASON_REQUIRED).
   */
  async assess(p: Principal, id: string, input: AssessRequest, audit: AuditContext): Promise<SecretaryAssessmentView> {
    const { a, template, township } = await this.load(p, id);
    this.requireTownshipAdmin(p, township);
    this.assertFrom(a, 'assess');
    const items = JSON.parse(template.items) as AssessmentItem[];
    const scores = this.readScores(items, input.scores, true);
    const auto = await this.autoScores(p, a.orgId, a.year, items);
    const needReason = items.filter((x) => {
      const s = scores.get(x.code)!;
      const machine = auto[x.code];
      // The records' own figure carries its basis; a deduction of one's own or a change to it needs a reason.
      const deducted = s.score < tenths(x.maxPoints) && (!machine || s.score !== machine.score);
      const overridden = !!machine && s.score !== machine.score;
      return (deducted || overridden) && !s.reason;
    });
    if (needReason.length)
      throw new AppError(
        'DEDUCTION_REASON_REQUIRED',
        needReason.map((x) => ({
          field: `scores.${input.scores.findIndex((s) => s.code === x.code)}.reason`,
          message: `“${x.text}”扣分或改动自动取数须写明理由`,
        })),
      );
    const bonus = tenths(input.bonus ?? 0);
    if (bonus > template.bonusCap) throw fieldError('bonus', `加分不能超过上限 ${points(template.bonusCap)} 分`);
    if (bonus > 0 && !input.bonusReason) throw fieldError('bonusReason', '加分须写明理由（如表彰文件）');
    const vetoItems = JSON.parse(template.vetoItems) as AssessmentVetoItem[];
    const vetoCodes = input.vetoCodes ?? [];
    for (const [i, code] of vetoCodes.entries())
      if (!vetoItems.some((v) => v.code === code)) throw fieldError(`vetoCodes.${i}`, `没有编号为“${code}”的否决项`);
    if (vetoCodes.length && !input.vetoReason) throw fieldError('vetoReason', '一票否决须写明理由');
    const sum = [...scores.values()].reduce((s, x) => s + x.score, 0);
    await this.apply(
      p,
      a,
      'assess',
      {
        status: 'assessed',
        scores: JSON.stringify(
          Object.fromEntries(
            [...scores].map(([code, sc]) => [
              code,
              {
                score: sc.score,
                reason: sc.reason ?? (auto[code] && auto[code].score === sc.score ? auto[code].basis.slice(0, 500) : null),
              },
            ]),
          ),
        ),
        autoScores: JSON.stringify(auto),
        bonus,
        bonusReason: input.bonusReason ?? null,
        vetoCodes: vetoCodes.length ? JSON.stringify([...new Set(vetoCodes)]) : null,
        vetoReason: vetoCodes.length ? input.vetoReason! : null,
        total: sum + bonus,
        assessedBy: p.id,
      },
      audit,
    );
    return this.view(p, id);
  }

  /** `POST /secretary-assessments/:id/confirm`: the committee's grade, with the meeting; a veto allows only the lowest. */
  async confirm(p: Principal, id: string, input: ConfirmAssessmentRequest, audit: AuditContext): Promise<SecretaryAssessmentView> {
    const { a, township } = await this.load(p, id);
    this.requireTownshipAdmin(p, township);
    this.assertFrom(a, 'confirm');
    if (a.vetoCodes && !LOWEST.includes(input.grade))
      throw fieldError('grade', `有一票否决项，等次只能评为“${REVIEW_GRADE_LABELS.poor}”或“${REVIEW_GRADE_LABELS.unqualified}”`);
    await this.apply(
      p,
      a,
      'confirm',
      { status: 'confirmed', grade: input.grade, decisionNote: input.decisionNote, confirmedBy: p.id },
      audit,
    );
    return this.view(p, id);
  }

  async publish(p: Principal, id: string, audit: AuditContext): Promise<SecretaryAssessmentView> {
    const { a, township } = await this.load(p, id);
    this.requireTownshipAdmin(p, township);
    this.assertFrom(a, 'publish');
    await this.apply(p, a, 'publish', { status: 'published' }, audit);
    return this.view(p, id);
  }

  /** `POST /secretary-assessments/:id/appeal`: the secretary assessed, once published. */
  async appeal(p: Principal, id: string, input: AppealAssessmentRequest, audit: AuditContext): Promise<SecretaryAssessmentView> {
    const { a, isSubject } = await this.load(p, id);
    if (!isSubject) throw new AppError('FORBIDDEN');
    this.assertFrom(a, 'appeal');
    await this.apply(p, a, 'appeal', { status: 'appealed', appealReason: input.reason }, audit);
    return this.view(p, id);
  }

  async resolveAppeal(p: Principal, id: string, input: ResolveAppealRequest, audit: AuditContext): Promise<SecretaryAssessmentView> {
    const { a, township } = await this.load(p, id);
    this.requireTownshipAdmin(p, township);
    this.assertFrom(a, 'resolve-appeal');
    if (input.grade && a.vetoCodes && !LOWEST.includes(input.grade)) throw fieldError('grade', '有一票否决项，等次只能评为最低等次');
    await this.apply(
      p,
      a,
      'resolve-appeal',
      { status: 'final', appealReply: input.reply, ...(input.grade ? { grade: input.grade } : {}) },
      audit,
    );
    return this.view(p, id);
  }

  /** `GET /secretary-assessments?templateId=&year=`: the township admin's list; a secretary's own. */
  async list(p: Principal, q: { templateId?: string; year?: number }): Promise<SecretaryAssessmentView[]> {
    const templates = await this.templates(p, { year: q.year });
    const ids = templates.map((t) => t.id).filter((id) => !q.templateId || id === q.templateId);
    const rows = await this.ds.getRepository(SecretaryAssessment).find({
      where: [
        ...(ids.length ? [{ templateId: In(ids) }] : []),
        ...(p.memberId ? [{ subjectMemberId: p.memberId, ...(q.year ? { year: q.year } : {}) }] : []),
      ],
      take: 500,
    });
    const out: SecretaryAssessmentView[] = [];
    for (const r of rows) out.push(await this.view(p, r.id));
    return out.sort((x, y) => x.orgName.localeCompare(y.orgName, 'zh'));
  }

  /** `GET /secretary-assessments/:id`: with what the records give for each auto item (read now until assessed). */
  async view(p: Principal, id: string): Promise<SecretaryAssessmentView> {
    const { a, template, isAdmin } = await this.load(p, id);
    const items = JSON.parse(template.items) as AssessmentItem[];
    const self = a.selfScores ? (JSON.parse(a.selfScores) as Record<string, number>) : {};
    const scores = a.scores ? (JSON.parse(a.scores) as Record<string, StoredScore>) : {};
    const auto: Record<string, { score: number; basis: string }> = a.autoScores
      ? (JSON.parse(a.autoScores) as Record<string, { score: number; basis: string }>)
      : isAdmin
        ? await this.autoScores(p, a.orgId, a.year, items)
        : {};
    const [names, orgs] = await Promise.all([this.members.namesOf([a.subjectMemberId]), this.orgs.byIds([a.orgId])]);
    const vetoCodes = a.vetoCodes ? (JSON.parse(a.vetoCodes) as string[]) : [];
    return {
      id: a.id,
      templateId: a.templateId,
      orgId: a.orgId,
      orgName: orgs.get(a.orgId)?.name ?? '',
      subjectMemberId: a.subjectMemberId,
      subjectName: names.get(a.subjectMemberId) ?? '',
      year: a.year,
      status: a.status,
      items: items.map((x) => {
        const s = scores[x.code];
        const m = auto[x.code];
        return {
          ...x,
          autoSource: x.autoSource ?? null,
          selfScore: self[x.code] != null ? points(self[x.code]) : null,
          score: s ? points(s.score) : null,
          reason: s?.reason ?? null,
          auto: m ? { score: points(m.score), basis: m.basis } : null,
          overridden: !!s && !!m && s.score !== m.score,
        };
      }),
      bonus: points(a.bonus),
      bonusReason: a.bonusReason,
      vetoCodes,
      vetoReason: a.vetoReason,
      selfTotal: a.selfTotal != null ? points(a.selfTotal) : null,
      total: a.total != null ? points(a.total) : null,
      suggestedGrade: suggestGrade(a.total, vetoCodes.length > 0),
      grade: a.grade,
      decisionNote: a.decisionNote,
      appealReason: a.appealReason,
      appealReply: a.appealReply,
      updatedAt: toIsoLocal(a.updatedAt),
    };
  }

  // ── what the records give ────────────────────────────────────────────────────────────────

  /**
   * Each auto item's score from the records of the branch for the year (tenths), with its basis:
   * a share of the maximum, rounded down to half a point. Read as the township's admin sees them.
   */
  async autoScores(
    p: Principal,
    orgId: string,
    year: number,
    items: AssessmentItem[],
  ): Promise<Record<string, { score: number; basis: string }>> {
    const out: Record<string, { score: number; basis: string }> = {};
    const wanted = new Set(items.map((x) => x.autoSource).filter((x): x is AssessmentAutoSource => !!x));
    if (!wanted.size) return out;
    const facts = new Map<AssessmentAutoSource, { met: number; due: number; basis: string }>();
    if (wanted.has('org_life') || wanted.has('committee_meetings')) {
      const freq = await this.followUp.frequency(p, orgId, year);
      const cells = freq.branches.find((b) => b.orgId === orgId)?.cells ?? [];
      const count = (kinds: (k: string) => boolean) => {
        const due = cells.filter((c) => !c.current && kinds(c.kind));
        return { due: due.length, met: due.filter((c) => !c.missed).length };
      };
      const all = count(() => true);
      facts.set('org_life', { ...all, basis: `应开 ${all.due} 次（已到期），按要求召开 ${all.met} 次` });
      const com = count((k) => k === 'committee_meeting');
      facts.set('committee_meetings', { ...com, basis: `支委会应开 ${com.due} 次，召开 ${com.met} 次` });
    }
    if (wanted.has('mobile_contact')) {
      const duty = (await this.mobility.dutyIn(p, orgId)).filter((d) => d.status !== 'returned');
      const met = duty.filter((d) => d.overdueDays === 0).length;
      facts.set('mobile_contact', { due: duty.length, met, basis: `外出流动党员 ${duty.length} 人，按期联系 ${met} 人` });
    }
    if (wanted.has('problems_on_time')) {
      const today = toLocalDate(this.now());
      let due = 0;
      let met = 0;
      for (let page = 1; page <= 20; page++) {
        const { items: list } = await this.problems.list(p, { orgId, year, page, pageSize: 100 });
        for (const x of list) {
          if (x.status === 'void' || !x.deadline) continue;
          const closedOn = x.closedAt ? x.closedAt.slice(0, 10) : null;
          if (!closedOn && x.deadline >= today) continue;
          due++;
          if (closedOn && closedOn <= x.deadline) met++;
        }
        if (list.length < 100) break;
      }
      facts.set('problems_on_time', { due, met, basis: `到期问题 ${due} 个，按期销号 ${met} 个` });
    }
    if (wanted.has('disclosures_on_time')) {
      const schedules = (await this.disclosures.list(p, orgId)).filter((s) => s.orgId === orgId && s.nextDueOn);
      const met = schedules.filter((s) => !s.overdue).length;
      facts.set('disclosures_on_time', { due: schedules.length, met, basis: `三务公开 ${schedules.length} 类，未逾期 ${met} 类` });
    }
    for (const item of items) {
      const f = item.autoSource ? facts.get(item.autoSource) : undefined;
      if (!f) continue;
      const score = shareOf(tenths(item.maxPoints), f.met, f.due);
      out[item.code] = { score, basis: `${ASSESSMENT_AUTO_SOURCE_LABELS[item.autoSource!]}：${f.basis}` };
    }
    return out;
  }
}

function cleanItem(x: AssessmentItem): AssessmentItem {
  return {
    code: x.code,
    category: x.category,
    text: x.text,
    maxPoints: x.maxPoints,
    deductionRule: x.deductionRule,
    autoSource: x.autoSource ?? null,
  };
}

/** A template row (the demo seed uses it for the suggested default). */
export function templateRow(orgId: string, year: number, body: AssessmentTemplateInput, at: Date): AssessmentTemplate {
  return {
    id: newId(),
    orgId,
    year,
    items: JSON.stringify(body.items.map(cleanItem)),
    bonusCap: tenths(body.bonusCap),
    vetoItems: JSON.stringify(body.vetoItems.map(({ code, text }) => ({ code, text }))),
    updatedAt: at,
  };
}
