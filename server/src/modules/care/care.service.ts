/**
 * 慰问困难党员: hardships (who is in hardship and why) and care visits, with their rules in one place.
 *
 *  - Hardships are the committee's: managers (admin, branch secretary, branch committee) of the
 *    member's org or above read and write them; a plain member gets 403 on the list and 404 on
 *    one (its id confirms nothing); another township's manager gets 404.
 *  - One active hardship per member (409 HARDSHIP_EXISTS, a unique index under races); reviewed
 *    yearly (review due one calendar year after the assessment or the last review); a review
 *    that finds the hardship over, or `resolve`, ends it. Moves from `active` only (409 STATE_CONFLICT).
 *  - Care visits: registered by a manager of the visiting org for members of its subtree, one
 *    row per member; the date is not in the future; cash (or both) needs an amount. Members see
 *    their own visits (`/care-visits/mine`), never anyone else's and never the hardship details.
 *  - The 七一 / 春节 windows are settings of an org (township or county; the nearest up the tree
 *    applies, else the defaults), written by its admins.
 *  - Every write is audited.
 */
import ExcelJS from 'exceljs';
import type { DataSource } from 'typeorm';
import {
  CARE_FORM_LABELS,
  MEMBER_EXIT_LABELS,
  memberExit,
  CARE_FUND_SOURCE_LABELS,
  CARE_OCCASION_LABELS,
  DEFAULT_CARE_WINDOWS,
  HARDSHIP_MOVES,
  HARDSHIP_REASONS,
  MANAGING_ROLES,
  addYears,
  careWindowOf,
  careWindows,
  isMonthDay,
  toIsoLocal,
  toLocalDate,
  type CareSettingsView,
  type CareVisitView,
  type CareWindowSettings,
  type CreateCareVisitRequest,
  type CreateHardshipRequest,
  type HardshipMove,
  type HardshipReason,
  type HardshipStatus,
  type HardshipView,
  type MyCareVisit,
  type ResolveHardshipRequest,
  type ReviewHardshipRequest,
} from '@djzy/shared';
import { systemClock, type Clock } from '../../core/clock';
import { AppError, fieldError } from '../../core/errors';
import { isDuplicateKey } from '../../core/http';
import { isIdLike, newId } from '../../core/ids';
import { covers, requireMember, scopePaths, type Principal } from '../../core/principal';
import { writeAudit, type AuditContext } from '../audit';
import type { MemberDirectory } from '../member';
import type { Org, OrgService } from '../org';
import type { CareSetting, CareVisit, Hardship } from './care.entity';
import { CareRepository } from './care.repository';

export interface HardshipListQuery {
  orgId?: string;
  status?: HardshipStatus;
}
export interface CareVisitListQuery {
  orgId?: string;
  year?: number;
  occasion?: string;
}

export class CareService {
  readonly repo: CareRepository;

  constructor(
    private readonly ds: DataSource,
    readonly orgs: OrgService,
    readonly members: MemberDirectory,
    private readonly opts: { now?: Clock } = {},
  ) {
    this.repo = new CareRepository(ds);
  }

  now(): Date {
    return (this.opts.now ?? systemClock)();
  }
  today(): string {
    return toLocalDate(this.now());
  }

  // ── access ───────────────────────────────────────────────────────────────────────────────

  /** An org the caller manages, else 404. */
  private async managedOrg(p: Principal, orgId: string | null | undefined): Promise<Org> {
    const org = await this.orgs.find(orgId);
    if (!org || !covers(p, org.path, MANAGING_ROLES)) throw new AppError('NOT_FOUND');
    return org;
  }

  /** The subtrees a committee list covers: 403 for a caller who manages nothing, 404 for an org outside. */
  private async listScope(p: Principal, orgId: string | undefined): Promise<string[]> {
    const paths = scopePaths(p, MANAGING_ROLES);
    if (!paths.length) throw new AppError('FORBIDDEN');
    if (orgId) return [(await this.managedOrg(p, orgId)).path];
    return paths;
  }

  private notFuture(day: string, field: string): void {
    if (day > this.today()) throw fieldError(field, '日期不能晚于今天');
  }

  // ── hardships ────────────────────────────────────────────────────────────────────────────

  async hardships(p: Principal, q: HardshipListQuery): Promise<HardshipView[]> {
    const paths = await this.listScope(p, q.orgId);
    return this.presentHardships(await this.repo.hardships(paths, q.status));
  }

  /** One hardship the caller may see (committee of the member's org), else 404. */
  private async visibleHardship(p: Principal, id: string): Promise<Hardship> {
    const h = isIdLike(id) ? await this.repo.hardship(id) : null;
    const org = h ? await this.orgs.find(h.orgId) : null;
    if (!h || !org || !covers(p, org.path, MANAGING_ROLES)) throw new AppError('NOT_FOUND');
    return h;
  }

  async hardship(p: Principal, id: string): Promise<HardshipView> {
    return (await this.presentHardships([await this.visibleHardship(p, id)]))[0];
  }

  async createHardship(p: Principal, input: CreateHardshipRequest, audit: AuditContext): Promise<HardshipView> {
    const found = await this.members.findWithOrg(input.memberId);
    if (!found || !covers(p, found.org.path, MANAGING_ROLES)) throw new AppError('MEMBER_NOT_FOUND');
    const left = memberExit(found.member);
    if (left) throw fieldError('memberId', `该人员${MEMBER_EXIT_LABELS[left]}，不再是本组织的党员`);
    this.notFuture(input.assessedOn, 'assessedOn');
    const reasons = [...new Set(input.reasons)];
    const now = this.now();
    const h: Hardship = {
      id: newId(),
      memberId: found.member.id,
      orgId: found.org.id,
      reasons: reasons.join(','),
      note: input.note || null,
      assessedOn: input.assessedOn,
      assessedBy: p.id,
      assessedByName: p.name,
      reviewDue: addYears(input.assessedOn, 1),
      lastReviewedOn: null,
      status: 'active',
      resolvedOn: null,
      activeMemberId: found.member.id,
      createdAt: now,
      updatedAt: now,
    };
    try {
      await this.ds.transaction(async (em) => {
        await this.repo.insertHardship(em, h);
        await writeAudit(em, p, 'hardship.create', { type: 'hardship', id: h.id }, { memberId: h.memberId, reasons }, audit);
      });
    } catch (e) {
      if (isDuplicateKey(e)) throw new AppError('HARDSHIP_EXISTS');
      throw e;
    }
    return (await this.presentHardships([h]))[0];
  }

  private assertFrom(h: Hardship, move: HardshipMove): void {
    const allowed: readonly string[] = HARDSHIP_MOVES[move];
    if (!allowed.includes(h.status)) throw new AppError('STATE_CONFLICT', { from: h.status, allowed });
  }

  /** One move: a conditional update from the allowed states, audited, in one transaction. */
  private async move(
    p: Principal,
    h: Hardship,
    move: HardshipMove,
    patch: Partial<Hardship>,
    details: Record<string, unknown>,
    audit: AuditContext,
  ): Promise<HardshipView> {
    this.assertFrom(h, move);
    const next: Hardship = { ...h, ...patch, updatedAt: this.now() };
    await this.ds.transaction(async (em) => {
      if (!(await this.repo.moveHardship(em, h.id, HARDSHIP_MOVES[move], { ...patch, updatedAt: next.updatedAt })))
        throw new AppError('STATE_CONFLICT', { from: (await this.repo.hardship(h.id))?.status ?? h.status, allowed: HARDSHIP_MOVES[move] });
      await writeAudit(em, p, `hardship.${move}`, { type: 'hardship', id: h.id }, details, audit);
    });
    return (await this.presentHardships([next]))[0];
  }

  /** `POST /hardships/:id/review`: the yearly review. */
  async reviewHardship(p: Principal, id: string, input: ReviewHardshipRequest, audit: AuditContext): Promise<HardshipView> {
    const h = await this.visibleHardship(p, id);
    this.assertFrom(h, 'review');
    this.notFuture(input.on, 'on');
    if (input.on < h.assessedOn) throw fieldError('on', '复核日期不能早于认定日期');
    const note = input.note ? `${h.note ? `${h.note}\n` : ''}${input.on} 复核：${input.note}`.slice(-500) : h.note;
    const patch: Partial<Hardship> = input.stillInHardship
      ? { lastReviewedOn: input.on, reviewDue: addYears(input.on, 1), note }
      : { lastReviewedOn: input.on, status: 'resolved', resolvedOn: input.on, activeMemberId: null, note };
    return this.move(p, h, 'review', patch, { on: input.on, stillInHardship: input.stillInHardship }, audit);
  }

  /** `POST /hardships/:id/resolve`: out of hardship before the review. */
  async resolveHardship(p: Principal, id: string, input: ResolveHardshipRequest, audit: AuditContext): Promise<HardshipView> {
    const h = await this.visibleHardship(p, id);
    this.assertFrom(h, 'resolve');
    this.notFuture(input.on, 'on');
    if (input.on < h.assessedOn) throw fieldError('on', '脱困日期不能早于认定日期');
    const note = input.note ? `${h.note ? `${h.note}\n` : ''}${input.on} 脱困：${input.note}`.slice(-500) : h.note;
    return this.move(p, h, 'resolve', { status: 'resolved', resolvedOn: input.on, activeMemberId: null, note }, { on: input.on }, audit);
  }

  private async presentHardships(rows: Hardship[]): Promise<HardshipView[]> {
    const members = new Map((await this.members.basicsOf(rows.map((h) => h.memberId))).map((m) => [m.id, m]));
    const orgs = await this.orgs.byIds([...new Set(rows.map((h) => h.orgId))]);
    const today = this.today();
    return rows.map((h) => ({
      id: h.id,
      memberId: h.memberId,
      memberName: members.get(h.memberId)?.name ?? '',
      memberStatus: members.get(h.memberId)?.status ?? '',
      orgId: h.orgId,
      orgName: orgs.get(h.orgId)?.name ?? '',
      reasons: h.reasons.split(',').filter((r): r is HardshipReason => (HARDSHIP_REASONS as readonly string[]).includes(r)),
      note: h.note,
      assessedOn: h.assessedOn,
      assessedByName: h.assessedByName,
      reviewDue: h.reviewDue,
      lastReviewedOn: h.lastReviewedOn,
      reviewOverdue: h.status === 'active' && h.reviewDue < today,
      status: h.status,
      resolvedOn: h.resolvedOn,
      allowedMoves: (Object.keys(HARDSHIP_MOVES) as HardshipMove[]).filter((m) =>
        (HARDSHIP_MOVES[m] as readonly string[]).includes(h.status),
      ),
    }));
  }

  // ── care visits ──────────────────────────────────────────────────────────────────────────

  async careVisits(p: Principal, q: CareVisitListQuery): Promise<CareVisitView[]> {
    const paths = await this.listScope(p, q.orgId);
    return this.presentVisits(await this.repo.visits(paths, q.year, q.occasion));
  }

  async createCareVisit(p: Principal, input: CreateCareVisitRequest, audit: AuditContext): Promise<CareVisitView[]> {
    const org = await this.managedOrg(p, input.orgId);
    this.notFuture(input.on, 'on');
    const cash = input.form !== 'goods';
    if (cash && (input.amountCents === undefined || input.amountCents <= 0)) throw fieldError('amountCents', '发放慰问金时请填写每人金额');
    const ids = [...new Set(input.memberIds)];
    const found = await this.members.basicsOf(ids);
    const orgs = await this.orgs.byIds([...new Set(found.map((m) => m.orgId))]);
    const bad = ids.filter((id) => {
      const m = found.find((x) => x.id === id);
      return !m || !orgs.get(m.orgId)?.path.startsWith(org.path) || !!memberExit(m);
    });
    if (bad.length) throw fieldError('memberIds', '慰问对象须是本组织（及下级组织）的党员（已出党、已转出、在途的除外）');
    const batchId = newId();
    const now = this.now();
    const rows: CareVisit[] = found.map((m) => ({
      id: newId(),
      batchId,
      orgId: org.id,
      memberId: m.id,
      memberOrgId: m.orgId,
      on: input.on,
      occasion: input.occasion,
      visitors: input.visitors,
      form: input.form,
      amountCents: cash ? input.amountCents! : null,
      fundSource: input.fundSource,
      note: input.note || null,
      createdBy: p.id,
      createdAt: now,
    }));
    await this.ds.transaction(async (em) => {
      await this.repo.insertVisits(em, rows);
      await writeAudit(
        em,
        p,
        'care_visit.create',
        { type: 'care_visit', id: batchId },
        { orgId: org.id, on: input.on, occasion: input.occasion, members: rows.length, amountCents: cash ? input.amountCents : null },
        audit,
      );
    });
    return this.presentVisits(rows);
  }

  /** `DELETE /care-visits/:id`: a mistaken row, by a manager of the visiting org. */
  async deleteCareVisit(p: Principal, id: string, audit: AuditContext): Promise<void> {
    const v = isIdLike(id) ? await this.repo.visit(id) : null;
    if (!v) throw new AppError('NOT_FOUND');
    await this.managedOrg(p, v.orgId);
    await this.ds.transaction(async (em) => {
      if (!(await this.repo.deleteVisit(em, id))) throw new AppError('NOT_FOUND');
      await writeAudit(em, p, 'care_visit.delete', { type: 'care_visit', id }, { memberId: v.memberId, on: v.on }, audit);
    });
  }

  /** `GET /care-visits/mine`: the member's own visits. */
  async myVisits(p: Principal): Promise<MyCareVisit[]> {
    const memberId = requireMember(p);
    const rows = await this.repo.visitsOf(memberId);
    const orgs = await this.orgs.byIds([...new Set(rows.map((v) => v.orgId))]);
    return rows.map((v) => ({
      id: v.id,
      on: v.on,
      occasion: v.occasion,
      orgName: orgs.get(v.orgId)?.name ?? '',
      visitors: v.visitors,
      form: v.form,
      amountCents: v.amountCents,
    }));
  }

  private async presentVisits(rows: CareVisit[]): Promise<CareVisitView[]> {
    const members = await this.members.namesOf(rows.map((v) => v.memberId));
    const orgs = await this.orgs.byIds([...new Set(rows.flatMap((v) => [v.orgId, v.memberOrgId]))]);
    const settings = await this.settingsByOrg([...orgs.values()]);
    return rows.map((v) => ({
      id: v.id,
      batchId: v.batchId,
      orgId: v.orgId,
      orgName: orgs.get(v.orgId)?.name ?? '',
      memberId: v.memberId,
      memberName: members.get(v.memberId) ?? '',
      memberOrgName: orgs.get(v.memberOrgId)?.name ?? '',
      on: v.on,
      occasion: v.occasion,
      visitors: v.visitors,
      form: v.form,
      amountCents: v.amountCents,
      fundSource: v.fundSource,
      note: v.note,
      window: careWindowOf(v.on, settings.get(v.memberOrgId) ?? DEFAULT_CARE_WINDOWS),
    }));
  }

  /** `GET /care-visits.xlsx`: the list (same filters) as a 慰问记录 sheet. */
  async visitsXlsx(p: Principal, q: CareVisitListQuery): Promise<{ filename: string; data: Buffer }> {
    const rows = await this.careVisits(p, q);
    const org = q.orgId ? await this.orgs.find(q.orgId) : null;
    const top = [...p.grants].filter((g) => MANAGING_ROLES.includes(g.role)).sort((a, b) => a.orgPath.length - b.orgPath.length)[0];
    const orgName = org?.name ?? top?.orgName ?? p.name;
    const wb = new ExcelJS.Workbook();
    wb.creator = '党建智慧云';
    const ws = wb.addWorksheet('慰问记录');
    const columns = [
      '序号',
      '慰问日期',
      '时机',
      '受慰问党员',
      '所在组织',
      '慰问单位',
      '慰问人',
      '形式',
      '金额（元）',
      '经费来源',
      '计入“七一”、春节慰问',
      '备注',
    ];
    ws.addRow([`${orgName}${q.year ? ` ${q.year}年` : ''}慰问困难党员记录`]).font = { bold: true, size: 14 };
    ws.mergeCells(1, 1, 1, columns.length);
    ws.getCell(1, 1).alignment = { horizontal: 'center' };
    ws.addRow([`导出时间：${toIsoLocal(this.now()).slice(0, 16).replace('T', ' ')}，共 ${rows.length} 人次`]);
    ws.addRow(columns).font = { bold: true };
    rows.forEach((v, i) =>
      ws.addRow([
        i + 1,
        v.on,
        CARE_OCCASION_LABELS[v.occasion],
        v.memberName,
        v.memberOrgName,
        v.orgName,
        v.visitors,
        CARE_FORM_LABELS[v.form],
        v.amountCents == null ? '' : v.amountCents / 100,
        CARE_FUND_SOURCE_LABELS[v.fundSource],
        v.window === 'qiyi' ? '七一' : v.window === 'spring_festival' ? '春节' : '否',
        v.note ?? '',
      ]),
    );
    ws.columns.forEach((c, i) => (c.width = [6, 12, 8, 12, 18, 18, 20, 14, 10, 14, 12, 30][i]));
    return { filename: `慰问记录-${orgName}-${q.year ?? '全部年度'}.xlsx`, data: Buffer.from(await wb.xlsx.writeBuffer()) };
  }

  // ── settings (the windows) ───────────────────────────────────────────────────────────────

  /** The settings that apply to each of these orgs (by id), the nearest org up the tree winning. */
  private async settingsByOrg(orgs: Org[]): Promise<Map<string, CareWindowSettings>> {
    const ancestorIds = [...new Set(orgs.flatMap((o) => o.path.split('/').filter(Boolean)))];
    const rows = await this.repo.settingsOf(ancestorIds);
    const out = new Map<string, CareWindowSettings>();
    for (const o of orgs) {
      const chain = o.path.split('/').filter(Boolean).reverse();
      const s = chain.map((id) => rows.find((r) => r.orgId === id)).find((r) => !!r);
      if (s) out.set(o.id, s);
    }
    return out;
  }

  async settings(p: Principal, orgId: string, year: number | undefined): Promise<CareSettingsView> {
    const org = await this.managedOrg(p, orgId);
    const chain = org.path.split('/').filter(Boolean).reverse();
    const rows = await this.repo.settingsOf(chain);
    const s = chain.map((id) => rows.find((r) => r.orgId === id)).find((r) => !!r) ?? null;
    const values: CareWindowSettings = s ?? DEFAULT_CARE_WINDOWS;
    const y = year ?? Number(this.today().slice(0, 4));
    return {
      orgId: org.id,
      fromOrgId: s?.orgId ?? null,
      qiyiFrom: values.qiyiFrom,
      qiyiTo: values.qiyiTo,
      springFromLaYueDay: values.springFromLaYueDay,
      springToZhengYueDay: values.springToZhengYueDay,
      year: y,
      windows: careWindows(y, values),
    };
  }

  /** `PUT /care/settings`: the org's own windows (its admins; a branch has none of its own). */
  async setSettings(p: Principal, input: CareWindowSettings & { orgId: string }, audit: AuditContext): Promise<CareSettingsView> {
    const org = await this.managedOrg(p, input.orgId);
    if (!covers(p, org.path, ['admin'])) throw new AppError('ADMIN_REQUIRED');
    if (org.kind !== 'township' && org.kind !== 'county') throw fieldError('orgId', '慰问时间段只能由乡镇或县设置');
    if (!isMonthDay(input.qiyiFrom)) throw fieldError('qiyiFrom', '七一慰问开始日期应为 06-01 这样的月-日');
    if (!isMonthDay(input.qiyiTo)) throw fieldError('qiyiTo', '七一慰问结束日期应为 07-10 这样的月-日');
    if (input.qiyiFrom > input.qiyiTo) throw fieldError('qiyiTo', '七一慰问结束日期不能早于开始日期');
    const row: CareSetting = {
      orgId: org.id,
      qiyiFrom: input.qiyiFrom,
      qiyiTo: input.qiyiTo,
      springFromLaYueDay: input.springFromLaYueDay,
      springToZhengYueDay: input.springToZhengYueDay,
      updatedBy: p.id,
      updatedAt: this.now(),
    };
    await this.ds.transaction(async (em) => {
      await this.repo.saveSetting(em, row);
      await writeAudit(em, p, 'care_settings.set', { type: 'org', id: org.id }, { ...input }, audit);
    });
    return this.settings(p, org.id, undefined);
  }
}
