/**
 * Follow-up after org life: the 限期整改通知书 (issued when attendance closing finds members absent
 * without leave from several meetings in a row; read, and 销号 by the branch) and the org-life
 * frequency check — which required meetings each branch held or missed, with no form to fill.
 */
import type { DataSource } from 'typeorm';
import {
  DEFAULT_ORG_LIFE_PLAN,
  DEFAULT_PAGE_SIZE,
  ORG_LIFE_KINDS,
  periodKeysOf,
  RECTIFICATION_DAYS,
  toIsoLocal,
  toLocalDate,
  type OrgLifeBranchRow,
  type OrgLifeCell,
  type OrgLifeCycle,
  type OrgLifeFrequencyResponse,
  type OrgLifeKind,
  type Page,
  type RectificationNoticeView,
  localDayStart,
  localYearSpan,
} from '@djzy/shared';
import { writeAudit, type AuditContext } from '../audit';
import { AppError, fieldError } from '../../core/errors';
import { isDuplicateKey } from '../../core/http';
import { isIdLike, newId } from '../../core/ids';
import { covers, isManager, type Principal } from '../../core/principal';
import { systemClock, type Clock } from '../../core/clock';
import type { ActivityAccess } from '../activity';
import type { MemberDirectory } from '../member';
import type { OrgService } from '../org';
import type { RectificationNotice } from './followup.entity';
import { FollowUpRepository } from './followup.repository';

export class FollowUpService {
  private readonly repo: FollowUpRepository;

  constructor(
    private readonly ds: DataSource,
    private readonly orgs: OrgService,
    private readonly members: MemberDirectory,
    private readonly activities: ActivityAccess,
    private readonly now: Clock = systemClock,
  ) {
    this.repo = new FollowUpRepository(ds);
  }

  /** Whether a member has a notice not yet resolved (a second one is not issued meanwhile). */
  async hasOpenNotice(memberId: string): Promise<boolean> {
    return this.repo.hasOpenNotice(memberId);
  }

  /**
   * Issues a 限期整改通知书 to a member who missed `missed` (oldest first) in a row, the last being
   * `latest` (the attendance closing decides when; this module words and keeps the notice).
   * False when the same notice was already issued.
   */
  async issueNotice(
    m: { id: string; name: string; orgId: string; path: string },
    missedActivities: { id: string; title: string; startsAt: Date }[],
    latest: { id: string },
    n: number,
  ): Promise<boolean> {
    const branchPath = await this.orgs.branchPathOf(m.path);
    const branchId = branchPath?.split('/').filter(Boolean).pop() ?? m.orgId;
    const missed = missedActivities.map((a) => ({ activityId: a.id, title: a.title, startsAt: toIsoLocal(a.startsAt) }));
    const deadline = toLocalDate(new Date(this.now().getTime() + RECTIFICATION_DAYS * 24 * 3600_000));
    const content =
      `${m.name}同志：经核查，你连续 ${n} 次未请假缺席组织生活（${missed.map((x) => `${x.startsAt.slice(0, 10)}「${x.title}」`).join('、')}）。` +
      `根据党内有关规定，请于 ${deadline} 前向党支部作出书面说明，并按时参加组织生活。`;
    try {
      await this.repo.insertNotice({
        id: newId(),
        memberId: m.id,
        orgId: branchId,
        triggerKey: `absent:${m.id}:${latest.id}`,
        missed: JSON.stringify(missed),
        content,
        deadline,
        status: 'open',
        createdAt: this.now(),
        resolvedAt: null,
        resolvedBy: null,
        resolution: null,
      });
      return true;
    } catch (e) {
      if (isDuplicateKey(e)) return false;
      throw e;
    }
  }

  // ── rectification notices ────────────────────────────────────────────────────────────────

  private async present(list: RectificationNotice[]): Promise<RectificationNoticeView[]> {
    if (!list.length) return [];
    const members = await this.members.basicsOf(list.map((n) => n.memberId));
    const orgs = [...(await this.orgs.byIds(list.map((n) => n.orgId))).values()];
    return list.map((n) => ({
      id: n.id,
      memberId: n.memberId,
      memberName: members.find((m) => m.id === n.memberId)?.name ?? '',
      orgId: n.orgId,
      orgName: orgs.find((o) => o.id === n.orgId)?.name ?? '',
      missed: JSON.parse(n.missed),
      content: n.content,
      deadline: n.deadline,
      status: n.status,
      createdAt: toIsoLocal(n.createdAt),
      resolvedAt: n.resolvedAt ? toIsoLocal(n.resolvedAt) : null,
      resolution: n.resolution,
    }));
  }

  /** Managers: the notices of members in scope. */
  async list(
    p: Principal,
    q: { status?: 'open' | 'resolved'; orgId?: string; page?: number; pageSize?: number },
  ): Promise<Page<RectificationNoticeView>> {
    if (!isManager(p)) throw new AppError('FORBIDDEN');
    const paths = await this.orgs.scopeOf(p, q.orgId);
    const { list, total } = await this.repo.pageInSubtrees(paths, q.status, q.page ?? 1, q.pageSize ?? DEFAULT_PAGE_SIZE);
    return { items: await this.present(list), total };
  }

  /** A member: their own notices. */
  async mine(p: Principal): Promise<RectificationNoticeView[]> {
    if (!p.memberId) return [];
    return this.present(await this.repo.noticesOf(p.memberId));
  }

  /** 销号: the branch marks the notice resolved, saying how. */
  async resolve(p: Principal, id: string, resolution: string, audit: AuditContext): Promise<RectificationNoticeView> {
    const n = isIdLike(id) ? await this.repo.notice(id) : null;
    const org = n ? await this.orgs.find(n.orgId) : null;
    if (!n || !org || !covers(p, org.path)) throw new AppError('NOT_FOUND');
    if (n.status === 'resolved') throw new AppError('RECTIFICATION_ALREADY_RESOLVED');
    const resolvedAt = this.now();
    await this.ds.transaction(async (em) => {
      if (!(await this.repo.resolve(em, n.id, resolvedAt, p.id, resolution))) throw new AppError('RECTIFICATION_ALREADY_RESOLVED');
      await writeAudit(em, p, 'rectification.resolve', { type: 'rectification_notice', id: n.id }, null, audit);
    });
    return (await this.present([{ ...n, status: 'resolved', resolvedAt, resolvedBy: p.id, resolution }]))[0];
  }

  // ── org-life frequency ───────────────────────────────────────────────────────────────────

  private async planOf(branchIds: string[]): Promise<Map<string, Record<OrgLifeKind, OrgLifeCycle>>> {
    const overrides = await this.repo.plansOf(branchIds);
    const plans = new Map<string, Record<OrgLifeKind, OrgLifeCycle>>();
    for (const id of branchIds) plans.set(id, { ...DEFAULT_ORG_LIFE_PLAN });
    for (const o of overrides) plans.get(o.orgId)![o.kind] = o.cycle;
    return plans;
  }

  async setPlan(
    p: Principal,
    orgId: string,
    plan: Partial<Record<OrgLifeKind, OrgLifeCycle>>,
    audit: AuditContext,
  ): Promise<Record<OrgLifeKind, OrgLifeCycle>> {
    const org = await this.orgs.get(orgId);
    if (!covers(p, org.path)) throw new AppError('NOT_FOUND');
    if (!covers(p, org.path, ['admin'])) throw new AppError('ADMIN_REQUIRED');
    if (org.kind !== 'branch') throw fieldError('orgId', '组织生活计划按党支部设置');
    await this.ds.transaction(async (em) => {
      for (const [kind, cycle] of Object.entries(plan)) await this.repo.savePlan(em, orgId, kind as OrgLifeKind, cycle!, this.now());
      await writeAudit(em, p, 'orglife.plan', { type: 'org', id: orgId }, { plan }, audit);
    });
    return (await this.planOf([orgId])).get(orgId)!;
  }

  /** `GET /org-life/frequency`: per branch, per required kind and period, held or missed. */
  async frequency(p: Principal, orgId: string | undefined, yearAsked?: number): Promise<OrgLifeFrequencyResponse> {
    const year = yearAsked ?? Number(periodKeysOf(this.now()).year);
    if (!isManager(p)) throw new AppError('FORBIDDEN');
    const paths = await this.orgs.scopeOf(p, orgId);
    const branches = await this.orgs.branchesIn(paths);
    const { from, to } = localYearSpan(year);
    // The scope's own subtrees (one LIKE each), not one per branch: a county is one prefix.
    const held = await this.activities.orgLifeHeld(paths, from, to);
    const plans = await this.planOf(branches.map((b) => b.id));
    const now = this.now();
    // Each meeting counted once into its branch's (kind, period) tallies — a county's year is
    // ~20,000 meetings over ~400 branches: no scan of every meeting per branch and period.
    const branchPaths = new Set(branches.map((b) => b.path));
    const tallies = new Map<string, Map<string, number>>();
    for (const h of held) {
      const ids = h.path.split('/').filter(Boolean);
      let branchPath: string | undefined;
      for (let n = 1; n <= ids.length && !branchPath; n++) {
        const prefix = `/${ids.slice(0, n).join('/')}/`;
        if (branchPaths.has(prefix)) branchPath = prefix;
      }
      if (!branchPath) continue;
      const raw =
        h.startsAt instanceof Date
          ? h.startsAt
          : new Date(`${String(h.startsAt).replace(' ', 'T')}${/Z|[+-]\d\d:\d\d$/.test(String(h.startsAt)) ? '' : 'Z'}`);
      const keys = periodKeysOf(raw);
      const tally = tallies.get(branchPath) ?? new Map<string, number>();
      for (const key of [keys.year, keys.quarter, keys.month]) tally.set(`${h.kind}|${key}`, (tally.get(`${h.kind}|${key}`) ?? 0) + 1);
      tallies.set(branchPath, tally);
    }
    const periodsByCycle = new Map<OrgLifeCycle, ReturnType<typeof periodsOf>>();
    const periods = (cycle: OrgLifeCycle) => periodsByCycle.get(cycle) ?? periodsByCycle.set(cycle, periodsOf(year, cycle)).get(cycle)!;
    const rows: OrgLifeBranchRow[] = branches.map((b) => {
      const plan = plans.get(b.id)!;
      const tally = tallies.get(b.path);
      const cells: OrgLifeCell[] = [];
      for (const kind of ORG_LIFE_KINDS) {
        for (const period of periods(plan[kind])) {
          if (period.start > now) continue;
          const count = tally?.get(`${kind}|${period.key}`) ?? 0;
          const current = now < period.end;
          cells.push({ kind, period: period.key, held: count, required: 1, missed: !current && count < 1, current });
        }
      }
      return { orgId: b.id, orgName: b.name, cells, missedCount: cells.filter((c) => c.missed).length };
    });
    return { year, plan: { ...DEFAULT_ORG_LIFE_PLAN }, branches: rows };
  }
}

/** The periods of a year for a cycle, with township-time bounds. */
function periodsOf(year: number, cycle: OrgLifeCycle): { key: string; start: Date; end: Date }[] {
  const at = (y: number, m: number) => localDayStart(`${y}-${String(m).padStart(2, '0')}-01`);
  if (cycle === 'year') return [{ key: String(year), start: at(year, 1), end: at(year + 1, 1) }];
  if (cycle === 'quarter')
    return [1, 2, 3, 4].map((q) => ({
      key: `${year}-Q${q}`,
      start: at(year, q * 3 - 2),
      end: q === 4 ? at(year + 1, 1) : at(year, q * 3 + 1),
    }));
  return Array.from({ length: 12 }, (_, i) => ({
    key: `${year}-${String(i + 1).padStart(2, '0')}`,
    start: at(year, i + 1),
    end: i === 11 ? at(year + 1, 1) : at(year, i + 2),
  }));
}
