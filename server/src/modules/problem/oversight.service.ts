/**
 * 专项检查, 督查通报 and 约谈 (OVERSIGHT.md §1):
 *  - an inspection's findings become Problems of the orgs they name, in the same transaction;
 *    a finding for an org outside the inspector's scope is 404 and nothing is written;
 *  - a 通报 is a draft until published; publishing gives it the next number of its issuer and
 *    year (第N期, gap-free: numbers are only taken by publishing, and a withdrawn notice keeps
 *    its number) and sends its findings out as Problems with the notice's deadline;
 *  - a 约谈 is read by the committee of the township holding it and by the interviewees only;
 *    the 约谈候选 list (problems overdue longer than the setting) is a suggestion, nothing more.
 */
import { AlignmentType, Document, HeadingLevel, Packer, Paragraph, TextRun } from 'docx';
import type { DataSource, EntityManager } from 'typeorm';
import {
  DEFAULT_INTERVIEW_OVERDUE_DAYS,
  toIsoLocal,
  toLocalDate,
  type CreateInspectionNoticeRequest,
  type CreateInspectionRequest,
  type CreateInterviewRequest,
  type FindingInput,
  type InspectionNoticeView,
  type InspectionView,
  type InterviewCandidate,
  type InterviewView,
  type OrgLedgerView,
} from '@djzy/shared';
import { systemClock, type Clock } from '../../core/clock';
import { AppError, fieldError } from '../../core/errors';
import { isDuplicateKey } from '../../core/http';
import { isIdLike, newId } from '../../core/ids';
import { covers, scopePaths, type Principal } from '../../core/principal';
import { isRetryableLockError } from '../../core/sql';
import { writeAudit, type AuditContext } from '../audit';
import type { FollowUpService } from '../followup';
import type { MemberDirectory } from '../member';
import type { MobilityService } from '../mobility';
import type { Org, OrgService } from '../org';
import type { Inspection, InspectionNotice, Interview } from './problem.entity';
import type { ProblemService } from './problem.service';
import { OversightRepository } from './oversight.repository';

const parse = <T>(json: string | null): T[] => (json ? (JSON.parse(json) as T[]) : []);

export class OversightService {
  private readonly repo: OversightRepository;

  constructor(
    private readonly ds: DataSource,
    private readonly orgs: OrgService,
    private readonly members: MemberDirectory,
    private readonly problems: ProblemService,
    private readonly followUp: FollowUpService,
    private readonly mobility: MobilityService,
    private readonly opts: { interviewOverdueDays?: number; now?: Clock } = {},
  ) {
    this.repo = new OversightRepository(ds);
  }

  private now(): Date {
    return (this.opts.now ?? systemClock)();
  }

  /** Each finding's org exists and is the caller's (404 otherwise: the id confirms nothing). */
  private async checkFindings(p: Principal, findings: FindingInput[], within: Org): Promise<Map<string, Org>> {
    const orgs = await this.orgs.byIds(findings.map((f) => f.orgId));
    for (const f of findings) {
      const org = orgs.get(f.orgId);
      if (!org || !covers(p, org.path) || !org.path.startsWith(within.path)) throw new AppError('NOT_FOUND');
    }
    return orgs;
  }

  // ── 专项检查 ──────────────────────────────────────────────────────────────────────────────

  async createInspection(p: Principal, input: CreateInspectionRequest, audit: AuditContext): Promise<InspectionView> {
    const org = await this.orgs.getManaged(p, input.orgId);
    if (input.to < input.from) throw fieldError('to', '结束日期不能早于开始日期');
    const targets = await this.orgs.byIds(input.targetOrgIds);
    for (const id of input.targetOrgIds) {
      const t = targets.get(id);
      if (!t || !covers(p, t.path) || !t.path.startsWith(org.path)) throw new AppError('NOT_FOUND');
    }
    await this.checkFindings(p, input.findings, org);
    const i: Inspection = {
      id: newId(),
      orgId: org.id,
      topic: input.topic,
      kind: input.kind,
      fromDay: input.from,
      toDay: input.to,
      targetOrgIds: JSON.stringify([...new Set(input.targetOrgIds)]),
      methods: JSON.stringify(input.methods ?? []),
      report: input.report ?? null,
      createdBy: p.id,
      createdByName: p.name.slice(0, 50),
      createdAt: this.now(),
    };
    const year = Number(input.from.slice(0, 4));
    await this.ds.transaction(async (em) => {
      await this.repo.insertInspection(em, i);
      for (const f of input.findings)
        await this.problems.create(
          p,
          { orgId: f.orgId, year, source: 'inspection', sourceRef: i.id, category: f.category, description: f.description },
          audit,
          em,
        );
      await writeAudit(em, p, 'inspection.create', { type: 'inspection', id: i.id }, { findings: input.findings.length }, audit);
    });
    return (await this.presentInspections([i]))[0];
  }

  async inspections(p: Principal, year?: number): Promise<InspectionView[]> {
    return this.presentInspections(await this.repo.inspections(scopePaths(p), year));
  }

  async inspection(p: Principal, id: string): Promise<InspectionView> {
    const i = isIdLike(id) ? await this.repo.inspection(id) : null;
    const org = i ? await this.orgs.find(i.orgId) : null;
    if (!i || !org || !covers(p, org.path)) throw new AppError('NOT_FOUND');
    return (await this.presentInspections([i]))[0];
  }

  private async presentInspections(list: Inspection[]): Promise<InspectionView[]> {
    const targetIds = list.flatMap((i) => parse<string>(i.targetOrgIds));
    const orgs = await this.orgs.byIds([...list.map((i) => i.orgId), ...targetIds]);
    const problems = await this.repo.problemIdsFrom(list.map((i) => i.id));
    return list.map((i) => ({
      id: i.id,
      orgId: i.orgId,
      orgName: orgs.get(i.orgId)?.name ?? '',
      year: Number(i.fromDay.slice(0, 4)),
      topic: i.topic,
      kind: i.kind,
      from: i.fromDay,
      to: i.toDay,
      targets: parse<string>(i.targetOrgIds).map((id) => ({ id, name: orgs.get(id)?.name ?? '' })),
      methods: parse<string>(i.methods),
      report: i.report,
      createdByName: i.createdByName,
      createdAt: toIsoLocal(i.createdAt),
      problemIds: problems.get(i.id) ?? [],
    }));
  }

  /**
   * `GET /inspections/ledger?orgId=&year=`: the target's records as they already are — org life
   * held against required, mobile members and their contacts, problems, 整改通知 — read through
   * each module's own rules with the inspector's scope. Nothing to prepare, nothing to upload.
   */
  async ledger(p: Principal, orgId: string, year: number): Promise<OrgLedgerView> {
    const org = await this.orgs.getManaged(p, orgId);
    const frequency = await this.followUp.frequency(p, org.id, year);
    const mobile = await this.mobility.list(p, { orgId: org.id, pageSize: 100 });
    const problems = await this.problems.list(p, { orgId: org.id, year, pageSize: 100 });
    const notices = await this.followUp.list(p, { orgId: org.id, status: 'open', pageSize: 100 });
    const open = problems.items.filter((x) => x.status !== 'closed' && x.status !== 'void');
    return {
      orgId: org.id,
      orgName: org.name,
      year,
      orgLife: frequency.branches,
      mobile: {
        total: mobile.total,
        overdue: mobile.items.filter((m) => m.overdueDays > 0).length,
        lostContact: mobile.items.filter((m) => m.status === 'lost_contact').length,
        items: mobile.items,
      },
      problems: {
        open: open.length,
        overdue: open.filter((x) => x.overdue).length,
        closed: problems.items.filter((x) => x.status === 'closed').length,
        items: problems.items,
      },
      rectifications: { open: notices.total, items: notices.items },
    };
  }

  // ── 督查通报 ──────────────────────────────────────────────────────────────────────────────

  async createNotice(p: Principal, input: CreateInspectionNoticeRequest, audit: AuditContext): Promise<InspectionNoticeView> {
    const issuer = await this.orgs.getManaged(p, input.issuerOrgId);
    await this.checkFindings(p, input.findings, issuer);
    if (input.responseDeadline < toLocalDate(this.now())) throw fieldError('responseDeadline', '整改期限不能早于今天');
    const n: InspectionNotice = {
      id: newId(),
      issuerOrgId: issuer.id,
      year: input.year,
      serialNo: null,
      title: input.title,
      periodCovered: input.periodCovered,
      inspectionIds: JSON.stringify(input.inspectionIds ?? []),
      findings: JSON.stringify(input.findings.map(({ orgId, category, description }) => ({ orgId, category, description }))),
      problemIds: null,
      commendations: input.commendations ?? null,
      requirements: input.requirements ?? null,
      responseDeadline: input.responseDeadline,
      status: 'draft',
      publishedAt: null,
      withdrawnAt: null,
      withdrawReason: null,
      createdBy: p.id,
      createdAt: this.now(),
    };
    await this.ds.transaction(async (em) => {
      await this.repo.insertNotice(em, n);
      await writeAudit(em, p, 'inspection_notice.create', { type: 'inspection_notice', id: n.id }, null, audit);
    });
    return (await this.presentNotices([n]))[0];
  }

  private async loadNotice(p: Principal, id: string): Promise<{ n: InspectionNotice; issuer: Org }> {
    const n = isIdLike(id) ? await this.repo.notice(id) : null;
    const issuer = n ? await this.orgs.find(n.issuerOrgId) : null;
    if (!n || !issuer || !covers(p, issuer.path)) throw new AppError('NOT_FOUND');
    return { n, issuer };
  }

  /**
   * `POST /inspection-notices/:id/publish`: the next number of its issuer and year, and its
   * findings as Problems with its deadline — together, or not at all. Two notices published at
   * the same moment cannot take one number (the unique index); the loser takes the next one.
   */
  async publishNotice(p: Principal, id: string, audit: AuditContext): Promise<InspectionNoticeView> {
    const { n, issuer } = await this.loadNotice(p, id);
    if (n.status !== 'draft') throw new AppError('STATE_CONFLICT', { from: n.status, allowed: ['draft'] });
    const findings = parse<FindingInput>(n.findings);
    await this.checkFindings(p, findings, issuer);
    for (let attempt = 0; ; attempt++) {
      try {
        await this.ds.transaction(async (em) => {
          const serialNo = (await this.repo.lastSerial(em, n.issuerOrgId, n.year)) + 1;
          const publishedAt = this.now();
          if (!(await this.repo.updateDraft(em, n.id, { status: 'published', serialNo, publishedAt })))
            throw new AppError('STATE_CONFLICT', { from: (await this.repo.notice(n.id, em))?.status, allowed: ['draft'] });
          const ids: string[] = [];
          for (const f of findings) {
            const view = await this.problems.create(
              p,
              { orgId: f.orgId, year: n.year, source: 'supervision', sourceRef: n.id, category: f.category, description: f.description },
              audit,
              em,
              { deadline: n.responseDeadline },
            );
            ids.push(view.id);
          }
          await this.repo.updateNoticeProblems(em, n.id, ids);
          await writeAudit(
            em,
            p,
            'inspection_notice.publish',
            { type: 'inspection_notice', id: n.id },
            { serialNo, problems: ids.length },
            audit,
          );
        });
        break;
      } catch (e) {
        if (!(isDuplicateKey(e) || isRetryableLockError(e)) || attempt >= 5) throw e;
      }
    }
    return this.notice(p, n.id);
  }

  async withdrawNotice(p: Principal, id: string, reason: string, audit: AuditContext): Promise<InspectionNoticeView> {
    const { n } = await this.loadNotice(p, id);
    if (n.status !== 'published') throw new AppError('STATE_CONFLICT', { from: n.status, allowed: ['published'] });
    await this.ds.transaction(async (em) => {
      if (!(await this.repo.withdraw(em, n.id, { withdrawnAt: this.now(), withdrawReason: reason })))
        throw new AppError('STATE_CONFLICT', { from: 'withdrawn', allowed: ['published'] });
      await writeAudit(em, p, 'inspection_notice.withdraw', { type: 'inspection_notice', id: n.id }, { reason }, audit);
    });
    return this.notice(p, n.id);
  }

  async notice(p: Principal, id: string): Promise<InspectionNoticeView> {
    const { n } = await this.loadNotice(p, id);
    return (await this.presentNotices([n]))[0];
  }

  async notices(p: Principal, year?: number): Promise<InspectionNoticeView[]> {
    return this.presentNotices(await this.repo.notices(scopePaths(p), year));
  }

  private async presentNotices(list: InspectionNotice[]): Promise<InspectionNoticeView[]> {
    const findingOrgs = list.flatMap((n) => parse<FindingInput>(n.findings).map((f) => f.orgId));
    const orgs = await this.orgs.byIds([...list.map((n) => n.issuerOrgId), ...findingOrgs]);
    return list.map((n) => ({
      id: n.id,
      issuerOrgId: n.issuerOrgId,
      issuerOrgName: orgs.get(n.issuerOrgId)?.name ?? '',
      year: n.year,
      serialNo: n.serialNo,
      title: n.title,
      periodCovered: n.periodCovered,
      inspectionIds: parse<string>(n.inspectionIds),
      findings: parse<FindingInput>(n.findings).map((f) => ({ ...f, orgName: orgs.get(f.orgId)?.name ?? '' })),
      commendations: n.commendations,
      requirements: n.requirements,
      responseDeadline: n.responseDeadline,
      status: n.status,
      publishedAt: n.publishedAt ? toIsoLocal(n.publishedAt) : null,
      withdrawnAt: n.withdrawnAt ? toIsoLocal(n.withdrawnAt) : null,
      withdrawReason: n.withdrawReason,
      problemIds: parse<string>(n.problemIds),
    }));
  }

  /** `GET /inspection-notices/:id.docx`: the notice as a Word document, as it is printed and filed. */
  async noticeDocx(p: Principal, id: string): Promise<{ filename: string; data: Buffer }> {
    const v = await this.notice(p, id);
    const para = (text: string, opts: { bold?: boolean; center?: boolean; size?: number } = {}) =>
      new Paragraph({
        alignment: opts.center ? AlignmentType.CENTER : undefined,
        spacing: { after: 120 },
        children: [new TextRun({ text, bold: opts.bold, size: opts.size ?? 28, font: '仿宋' })],
      });
    const byOrg = new Map<string, typeof v.findings>();
    for (const f of v.findings) byOrg.set(f.orgName, [...(byOrg.get(f.orgName) ?? []), f]);
    const doc = new Document({
      sections: [
        {
          children: [
            new Paragraph({
              heading: HeadingLevel.TITLE,
              alignment: AlignmentType.CENTER,
              children: [new TextRun({ text: '督 查 通 报', bold: true, size: 44, font: '方正小标宋简体' })],
            }),
            para(v.serialNo ? `${v.year}年第${v.serialNo}期` : '（草稿，未编号）', { center: true }),
            para(`${v.issuerOrgName}\u3000\u3000${v.publishedAt ? v.publishedAt.slice(0, 10) : ''}`, { center: true }),
            para(v.title, { bold: true, center: true, size: 32 }),
            para(`通报时段：${v.periodCovered}`),
            ...(v.commendations ? [para('一、工作亮点', { bold: true }), para(v.commendations)] : []),
            para(`${v.commendations ? '二' : '一'}、存在问题`, { bold: true }),
            ...[...byOrg.entries()].flatMap(([orgName, fs]) => [
              para(orgName, { bold: true }),
              ...fs.map((f, k) => para(`${k + 1}. 【${f.category}】${f.description}`)),
            ]),
            para(`${v.commendations ? '三' : '二'}、整改要求`, { bold: true }),
            para(v.requirements ?? '请各单位对照问题认真整改。'),
            para(`请于 ${v.responseDeadline} 前完成整改，并通过党建智慧云报送整改情况，由交办单位复查销号。`),
          ],
        },
      ],
    });
    const data = await Packer.toBuffer(doc);
    const label = v.serialNo ? `${v.year}年第${v.serialNo}期` : '草稿';
    return { filename: `督查通报-${v.issuerOrgName}-${label}.docx`, data };
  }

  // ── 约谈 ──────────────────────────────────────────────────────────────────────────────────

  /** A township (or higher) org holds it; interviewees are members of its subtree. */
  async createInterview(p: Principal, input: CreateInterviewRequest, audit: AuditContext): Promise<InterviewView> {
    const org = await this.orgs.getManaged(p, input.orgId);
    if (org.kind !== 'township' && org.kind !== 'county') throw fieldError('orgId', '约谈由乡镇党委（或县委）进行，请选择乡镇党委');
    const ids = [...new Set(input.intervieweeMemberIds)];
    const found = await this.members.basicsOf(ids);
    const orgs = await this.orgs.byIds(found.map((m) => m.orgId));
    if (found.length !== ids.length || found.some((m) => !orgs.get(m.orgId)?.path.startsWith(org.path)))
      throw fieldError('intervieweeMemberIds', '被约谈人须是本乡镇的党员');
    const i: Interview = {
      id: newId(),
      orgId: org.id,
      at: new Date(input.at),
      place: input.place,
      reasonText: input.reasonText,
      reasonProblemIds: JSON.stringify(input.reasonProblemIds ?? []),
      record: input.record ?? null,
      commitments: input.commitments ?? null,
      interviewerId: p.id,
      interviewerName: p.name.slice(0, 50),
      createdAt: this.now(),
    };
    await this.ds.transaction(async (em: EntityManager) => {
      await this.repo.insertInterview(em, i, ids);
      await writeAudit(em, p, 'interview.create', { type: 'interview', id: i.id }, { interviewees: ids.length }, audit);
    });
    return (await this.presentInterviews([i]))[0];
  }

  /** The township committees' (grants on a township or above) and the caller's own as interviewee. */
  private committeePaths(p: Principal): string[] {
    return scopePaths(p).filter((path) => path.split('/').filter(Boolean).length <= 2);
  }

  async interviews(p: Principal): Promise<InterviewView[]> {
    return this.presentInterviews(await this.repo.interviews(this.committeePaths(p), p.memberId));
  }

  async interview(p: Principal, id: string): Promise<InterviewView> {
    const i = isIdLike(id) ? await this.repo.interview(id) : null;
    const org = i ? await this.orgs.find(i.orgId) : null;
    if (!i || !org) throw new AppError('NOT_FOUND');
    const committee = this.committeePaths(p).some((path) => org.path.startsWith(path));
    const interviewee = !!p.memberId && (await this.repo.intervieweesOf([i.id])).some((m) => m.memberId === p.memberId);
    if (!committee && !interviewee) throw new AppError('NOT_FOUND');
    return (await this.presentInterviews([i]))[0];
  }

  private async presentInterviews(list: Interview[]): Promise<InterviewView[]> {
    const links = await this.repo.intervieweesOf(list.map((i) => i.id));
    const people = await this.members.basicsOf(links.map((l) => l.memberId));
    const orgs = await this.orgs.byIds([...list.map((i) => i.orgId), ...people.map((m) => m.orgId)]);
    return list.map((i) => ({
      id: i.id,
      orgId: i.orgId,
      orgName: orgs.get(i.orgId)?.name ?? '',
      at: toIsoLocal(i.at),
      place: i.place,
      interviewees: links
        .filter((l) => l.interviewId === i.id)
        .map((l) => people.find((m) => m.id === l.memberId))
        .filter((m): m is NonNullable<typeof m> => !!m)
        .map((m) => ({ id: m.id, name: m.name, orgName: orgs.get(m.orgId)?.name ?? '' })),
      reasonProblemIds: parse<string>(i.reasonProblemIds),
      reasonText: i.reasonText,
      record: i.record,
      commitments: i.commitments,
      interviewerName: i.interviewerName,
      createdAt: toIsoLocal(i.createdAt),
    }));
  }

  /** `GET /interviews/candidates?orgId=`: who answers for problems overdue longer than the setting. A list to consider, never an action. */
  async candidates(p: Principal, orgId: string): Promise<InterviewCandidate[]> {
    const org = await this.orgs.getManaged(p, orgId);
    const days = this.opts.interviewOverdueDays ?? DEFAULT_INTERVIEW_OVERDUE_DAYS;
    const late = await this.problems.overdueLongerThan(org.path, days);
    const people = await this.members.basicsOf(late.map((x) => x.responsibleMemberId));
    const orgs = await this.orgs.byIds(people.map((m) => m.orgId));
    const out = new Map<string, InterviewCandidate>();
    for (const x of late) {
      const m = people.find((y) => y.id === x.responsibleMemberId);
      if (!m) continue;
      const c = out.get(m.id) ?? { memberId: m.id, name: m.name, orgName: orgs.get(m.orgId)?.name ?? '', problems: [] };
      c.problems.push({ id: x.id, category: x.category, deadline: x.deadline, overdueDays: x.overdueDays });
      out.set(m.id, c);
    }
    return [...out.values()].sort((a, b) => b.problems.length - a.problems.length || a.name.localeCompare(b.name, 'zh'));
  }
}
