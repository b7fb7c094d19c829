/**
 * Points: who may read and change what. Awards themselves are in points.ledger.ts; this service
 * holds the rules editor, adjustments and reversals, balances, rankings, settings and notices.
 */
import type { DataSource, EntityManager } from 'typeorm';
import {
  DEFAULT_PAGE_SIZE,
  parsePeriod,
  periodKeysOf,
  toLocalDate,
  type AdjustmentResponse,
  type BranchPointsStat,
  type MyPointsResponse,
  type Page,
  type Period,
  type PointsEntryView,
  type PointsNoticeView,
  type PointsRuleView,
  type PointsSettingsView,
  type RankingItem,
  type UpdatePointsRuleRequest,
} from '@djzy/shared';
import { writeAudit, type AuditContext } from '../audit';
import { AppError } from '../../core/errors';
import { isDuplicateKey } from '../../core/http';
import { isIdLike, newId } from '../../core/ids';
import { covers, isManager, scopePaths, type Principal } from '../../core/principal';
import { isMysqlManager, transactionWithRetry } from '../../core/sql';
import { checkIdempotencyKey, requestHash, saveAnswer, savedAnswer } from '../idempotency';
import type { MemberDirectory } from '../member';
import type { Org, OrgService } from '../org';
import { MemoryBus, type Bus } from '../../core/bus';
import { systemClock, type Clock } from '../../core/clock';
import type { PointsEntry, PointsNotice } from './points.entity';
import { append, forgetRule, releaseUsage } from './points.ledger';
import { presentEntry, presentNotice, presentRule } from './points.presenter';
import { PointsRepository } from './points.repository';

const PERIOD_LABEL = (p: Period) =>
  p.kind === 'year'
    ? `${p.year}年度`
    : p.kind === 'quarter'
      ? `${p.year}年第${p.key.slice(-1)}季度`
      : `${p.year}年${Number(p.key.slice(5))}月`;

export class PointsService {
  private readonly repo: PointsRepository;

  constructor(
    private readonly ds: DataSource,
    private readonly orgs: OrgService,
    private readonly members: MemberDirectory,
    private readonly now: Clock = systemClock,
    private readonly bus: Bus = new MemoryBus(),
  ) {
    this.repo = new PointsRepository(ds);
  }

  /** The period asked for, or the current year; 400 PERIOD_INVALID for anything else. */
  period(text: string | undefined): Period {
    const p = parsePeriod(text ?? periodKeysOf(this.now()).year);
    if (!p) throw new AppError('PERIOD_INVALID', [{ field: 'period', message: '统计周期格式应为 2026、2026-Q4 或 2026-11' }]);
    return p;
  }

  // ── rules ────────────────────────────────────────────────────────────────────────────────

  /** The rules, each saying whether the caller may change it. */
  async rules(p?: Principal): Promise<PointsRuleView[]> {
    const rules = await this.repo.rulesByCode();
    const canEdit = !!p && mayEditRules(p);
    return rules.map((r) => ({ ...presentRule(r), canEdit }));
  }

  /** Rules are county-wide: only an admin of a top-level org may change them. */
  async updateRule(p: Principal, code: string, input: UpdatePointsRuleRequest, audit: AuditContext): Promise<PointsRuleView> {
    if (!mayEditRules(p)) throw new AppError('COUNTY_ADMIN_REQUIRED');
    if (input.dailyCap != null && input.yearlyCap != null && input.dailyCap > input.yearlyCap)
      throw new AppError('VALIDATION_FAILED', [{ field: 'dailyCap', message: '每日上限不能大于年度上限' }]);
    return this.ds.transaction(async (em) => {
      const rule = await this.repo.rule(em, code);
      if (!rule) throw new AppError('POINTS_RULE_NOT_FOUND');
      const before = presentRule(rule);
      rule.points = input.points;
      if (input.dailyCap !== undefined) rule.dailyCap = input.dailyCap;
      if (input.yearlyCap !== undefined) rule.yearlyCap = input.yearlyCap;
      rule.enabled = input.enabled;
      rule.updatedAt = this.now();
      await this.repo.saveRule(em, rule);
      const after = presentRule(rule);
      await writeAudit(em, p, 'points.rule_update', { type: 'points_rule', id: null }, { code, before, after }, audit);
      forgetRule(code);
      // Other API processes drop their cached copy of the rule too.
      this.bus.publish('points-rule', code);
      return after;
    });
  }

  // ── balances and entries ─────────────────────────────────────────────────────────────────

  private async entriesOf(memberId: string, period: Period, limit = 200): Promise<PointsEntryView[]> {
    const start = toLocalDate(period.start);
    const end = toLocalDate(new Date(new Date(period.end).getTime() - 1));
    const entries = await this.repo.entriesBetween(memberId, start, end, limit);
    return this.present(entries);
  }

  private async present(entries: PointsEntry[]): Promise<PointsEntryView[]> {
    const names = await this.repo.ruleNames();
    const reversedBy = await this.repo.reversalsOf(entries.map((e) => e.id));
    return entries.map((e) => presentEntry(e, names, reversedBy));
  }

  private async balanceOf(memberId: string, period: string): Promise<number> {
    return this.repo.balance(memberId, period);
  }

  /** `GET /points/me`. */
  async mine(p: Principal, periodText?: string): Promise<MyPointsResponse> {
    if (!p.memberId) throw new AppError('NO_PERSONAL_POINTS');
    const period = this.period(periodText);
    const branch = p.orgPath ? await this.orgs.branchPathOf(p.orgPath) : null;
    const branchId = branch?.split('/').filter(Boolean).pop() ?? null;
    const visible = branchId ? await this.rankingShown(branchId) : false;
    let rank: number | null = null;
    const balance = await this.balanceOf(p.memberId, period.key);
    if (visible && branch) {
      const higher = await this.countAbove(period.key, [branch], balance);
      rank = higher + 1;
    }
    return { balance, period: period.key, entries: await this.entriesOf(p.memberId, period), rank, rankingVisible: visible };
  }

  /** A member's ledger for a manager in scope (to trace where a figure comes from). */
  async memberLedger(p: Principal, memberId: string, periodText?: string): Promise<MyPointsResponse> {
    const { member, org } = (await this.members.findWithOrg(memberId)) ?? {};
    if (!member || !org || !covers(p, org.path)) throw new AppError('NOT_FOUND');
    const period = this.period(periodText);
    return {
      balance: await this.balanceOf(member.id, period.key),
      period: period.key,
      entries: await this.entriesOf(member.id, period),
      rankingVisible: true,
    };
  }

  // ── adjustments and reversals ────────────────────────────────────────────────────────────

  /**
   * `POST /points/adjustments`: an admin's correction with a reason, idempotent by the client's
   * `Idempotency-Key` (same key + same body → the saved answer; other body → 422).
   */
  async adjust(
    p: Principal,
    input: { memberId: string; delta: number; reason: string },
    idempotencyKey: string | undefined,
    audit: AuditContext,
  ): Promise<{ status: number; body: AdjustmentResponse }> {
    const clientKey = checkIdempotencyKey(idempotencyKey, true)!;
    const { member, org } = (await this.members.findWithOrg(input.memberId)) ?? {};
    if (!member || !org || !covers(p, org.path, ['admin'])) throw new AppError('MEMBER_NOT_FOUND');
    const recordId = `adjustment:${p.id}:${clientKey}`;
    const hash = requestHash([input.memberId, input.delta, input.reason]);
    const attempt = () =>
      transactionWithRetry(this.ds, async (em) => {
        const saved = await savedAnswer<AdjustmentResponse>(em, recordId, hash);
        if (saved) return saved;
        const day = toLocalDate(this.now());
        const { entry } = await append(em, {
          memberId: member.id,
          ruleCode: 'adjustment',
          delta: input.delta,
          reason: input.reason,
          sourceType: 'adjustment',
          sourceId: null,
          key: recordId,
          effectiveDate: day,
          actorId: p.id,
        });
        await writeAudit(
          em,
          p,
          'points.adjust',
          { type: 'member', id: member.id },
          { delta: input.delta, reason: input.reason, entryId: entry.id },
          audit,
        );
        const balance = await this.repo.balance(member.id, day.slice(0, 4), em);
        const body: AdjustmentResponse = { entry: (await this.presentWith(em, [entry]))[0], balance };
        const answer = { status: 201, body };
        await saveAnswer(em, recordId, hash, answer, this.now());
        return answer;
      });
    // Two identical requests at once: the loser hits the unique key, and on a second look finds
    // the winner's saved answer.
    return attempt().catch((e) => {
      if (isDuplicateKey(e)) return attempt();
      throw e;
    });
  }

  private async presentWith(em: EntityManager, entries: PointsEntry[]): Promise<PointsEntryView[]> {
    const names = await this.repo.ruleNames(em);
    return entries.map((e) => presentEntry(e, names, new Map()));
  }

  /** `POST /points/entries/:id/reverse`: a reversal entry; an entry is reversed at most once. */
  async reverse(p: Principal, entryId: string, reason: string, audit: AuditContext): Promise<PointsEntryView> {
    const original = isIdLike(entryId) ? await this.repo.entry(entryId) : null;
    const { org } = (original && (await this.members.findWithOrg(original.memberId))) || {};
    if (!original || !org || !covers(p, org.path, ['admin'])) throw new AppError('NOT_FOUND');
    if (original.reversalOf) throw new AppError('CANNOT_REVERSE_REVERSAL');
    return transactionWithRetry(this.ds, async (em) => {
      const prior = await this.repo.lockReversalOf(em, original.id);
      if (prior) throw new AppError('ALREADY_REVERSED', { reversalId: prior });
      const { entry, duplicate } = await append(em, {
        memberId: original.memberId,
        ruleCode: original.ruleCode,
        delta: -original.delta,
        reason: `冲正：${reason}`,
        sourceType: 'reversal',
        sourceId: original.id,
        key: `reversal:${original.id}`,
        effectiveDate: original.effectiveDate,
        reversalOf: original.id,
        actorId: p.id,
      });
      if (duplicate) throw new AppError('ALREADY_REVERSED', { reversalId: entry.id });
      if (original.ruleCode !== 'adjustment') await releaseUsage(em, original);
      await writeAudit(em, p, 'points.reverse', { type: 'points_entry', id: original.id }, { reason, reversalId: entry.id }, audit);
      return (await this.presentWith(em, [entry]))[0];
    }).catch((e) => {
      // Two reversals at once: the unique index on reversalOf lets only one through.
      if (isDuplicateKey(e)) throw new AppError('ALREADY_REVERSED');
      throw e;
    });
  }

  // ── rankings ─────────────────────────────────────────────────────────────────────────────

  private async rankingShown(branchId: string): Promise<boolean> {
    const s = await this.repo.settings(branchId);
    return !!s?.showMemberRanking;
  }

  private readonly countCache = new Map<string, { n: number; until: number }>();

  /**
   * Members in the subtrees (all members when `paths` is null), cached for a minute per scope:
   * it only sizes the pager and chooses a plan, and counting a county is the costliest part of
   * a ranking page.
   */
  private async memberCount(paths: string[] | null): Promise<number> {
    const key = paths ? paths.join('|') : '*';
    const hit = this.countCache.get(key);
    const now = Date.now();
    if (hit && hit.until > now) return hit.n;
    const n = await this.repo.countMembers(paths);
    if (this.countCache.size > 1000) this.countCache.clear();
    this.countCache.set(key, { n, until: now + 60_000 });
    return n;
  }

  /**
   * Members in the subtrees with more points than `points` (for tied ranks). Only members with
   * a balance row can be above a figure ≥ 0; below 0, everyone without a row (0 points) is above
   * too, so the complement is counted instead.
   */
  private async countAbove(period: string, paths: string[], points: number): Promise<number> {
    if (points >= 0) return this.repo.countBalancesAbove(period, paths, points);
    const atOrBelow = await this.repo.countBalancesAtMost(period, paths, points);
    return (await this.memberCount(paths)) - atOrBelow;
  }

  /** Which subtrees a caller may rank: managers their scope; members their branch if shown. */
  private async rankingScope(p: Principal, orgId: string | undefined): Promise<{ paths: string[]; org: Org | null }> {
    if (isManager(p)) {
      if (!orgId) return { paths: scopePaths(p), org: null };
      const org = await this.orgs.get(orgId).catch(() => null);
      if (!org || !covers(p, org.path)) throw new AppError('FORBIDDEN');
      return { paths: [org.path], org };
    }
    const branchPath = p.orgPath ? await this.orgs.branchPathOf(p.orgPath) : null;
    const branchId = branchPath?.split('/').filter(Boolean).pop();
    if (!branchPath || !branchId || !(await this.rankingShown(branchId))) throw new AppError('RANKING_HIDDEN');
    if (orgId && orgId !== branchId) throw new AppError('RANKING_OWN_BRANCH_ONLY');
    return { paths: [branchPath], org: await this.orgs.get(branchId) };
  }

  /**
   * `GET /points/rankings`: every member of the subtrees (zero points included), by points;
   * ties share a rank (1, 2, 2, 4). The rank of a page's first row is counted once; the rest
   * follow from position.
   */
  async rankings(
    p: Principal,
    q: { orgId?: string; period?: string; page?: number; pageSize?: number; order?: 'desc' | 'asc' },
  ): Promise<Page<RankingItem>> {
    const period = this.period(q.period);
    const { paths } = await this.rankingScope(p, q.orgId);
    return this.rank(paths, period.key, q.page ?? 1, q.pageSize ?? DEFAULT_PAGE_SIZE, q.order ?? 'desc');
  }

  /**
   * One page of a ranking. Two plans, both returning ties by member id (descending):
   * - balances first: walk the `(period, points)` index from the top and keep the members of the
   *   scope — fast for a page near the top of a large scope (a county), MySQL only (it needs the
   *   join order and index hints), and only while the page stays above zero points;
   * - members first: the scope's members with their points, sorting ids and points only and
   *   fetching names for the page afterwards — fast for small scopes (a branch, a township).
   * The choice: walk the index when it should take fewer rows than the scope has members.
   * (Measured in scripts/bench/points-bench.ts.)
   */
  private async rank(paths: string[], period: string, page: number, pageSize: number, order: 'desc' | 'asc'): Promise<Page<RankingItem>> {
    const total = await this.memberCount(paths);
    const offset = (page - 1) * pageSize;
    let rows: { memberId: string; points: number; rank?: number }[] | null = null;
    if (order === 'desc' && isMysqlManager(this.ds) && total > 0) {
      const all = await this.memberCount(null);
      if (((offset + pageSize) * all) / total < total) {
        const found = await this.repo.topByBalanceIndex(period, paths, pageSize, offset);
        // A page that runs into zero points (members with no balance row) needs the other plan.
        if (found.length === pageSize) rows = found;
      }
    }
    // Members first, each row's rank from the same scan (no count of who is above).
    if (!rows) rows = await this.repo.rankByMembersRanked(period, paths, order, pageSize, offset);
    const names = await this.repo.namesOf(rows.map((r) => r.memberId));
    const byId = new Map(names.map((n) => [n.id, n]));
    const items: RankingItem[] = [];
    for (let i = 0; i < rows.length; i++) {
      const { memberId, points } = rows[i];
      let rank: number;
      if (rows[i].rank !== undefined) rank = rows[i].rank!;
      else if (i > 0 && points === items[i - 1].points) rank = items[i - 1].rank;
      else rank = i === 0 && page > 1 ? (await this.countAbove(period, paths, points)) + 1 : offset + i + 1;
      items.push({ rank, memberId, name: byId.get(memberId)?.name ?? '', orgName: byId.get(memberId)?.orgName ?? '', points });
    }
    return { items, total };
  }

  /** Per-branch figures of a subtree for a period (for the chart and the notice). */
  async distribution(p: Principal, orgId: string | undefined, periodText?: string): Promise<BranchPointsStat[]> {
    if (!isManager(p)) throw new AppError('FORBIDDEN');
    const period = this.period(periodText);
    const { paths } = await this.rankingScope(p, orgId);
    return this.branchStats(paths, period.key);
  }

  private async branchStats(paths: string[], period: string): Promise<BranchPointsStat[]> {
    const rows = await this.repo.pointsPerOrg(this.members, paths, period);
    const byBranch = new Map<string, { n: number; total: number; max: number; min: number }>();
    for (const r of rows) {
      const branchId = r.kind === 'group' ? r.parentId : r.orgId;
      const cur = byBranch.get(branchId) ?? { n: 0, total: 0, max: -Infinity, min: Infinity };
      cur.n += Number(r.n);
      cur.total += Number(r.total);
      cur.max = Math.max(cur.max, Number(r.mx));
      cur.min = Math.min(cur.min, Number(r.mn));
      byBranch.set(branchId, cur);
    }
    const orgs = [...(await this.orgs.byIds([...byBranch.keys()])).values()];
    return orgs
      .map((o) => {
        const s = byBranch.get(o.id)!;
        return { orgId: o.id, orgName: o.name, members: s.n, average: Math.round((s.total / s.n) * 10) / 10, max: s.max, min: s.min };
      })
      .sort((a, b) => b.average - a.average || a.orgName.localeCompare(b.orgName, 'zh'));
  }

  // ── settings ─────────────────────────────────────────────────────────────────────────────

  async getSettings(p: Principal, orgId: string): Promise<PointsSettingsView> {
    const org = await this.orgs.get(orgId);
    if (!covers(p, org.path)) throw new AppError('NOT_FOUND');
    return { orgId: org.id, showMemberRanking: await this.rankingShown(org.id) };
  }

  /** Turning personal rankings on for a branch is an admin's decision, and audited. */
  async updateSettings(p: Principal, orgId: string, showMemberRanking: boolean, audit: AuditContext): Promise<PointsSettingsView> {
    const org = await this.orgs.get(orgId);
    if (!covers(p, org.path)) throw new AppError('NOT_FOUND');
    if (!covers(p, org.path, ['admin'])) throw new AppError('ADMIN_REQUIRED');
    if (org.kind !== 'branch') throw new AppError('VALIDATION_FAILED', [{ field: 'orgId', message: '只能按党支部设置' }]);
    await this.ds.transaction(async (em) => {
      await this.repo.saveSettings(em, { orgId: org.id, showMemberRanking, updatedAt: this.now() });
      await writeAudit(em, p, 'points.settings', { type: 'org', id: org.id }, { showMemberRanking }, audit);
    });
    return { orgId: org.id, showMemberRanking };
  }

  // ── notices (评比通报) ────────────────────────────────────────────────────────────────────

  async createNotice(
    p: Principal,
    input: { orgId: string; period: string; size?: number },
    audit: AuditContext,
  ): Promise<PointsNoticeView> {
    const org = await this.orgs.get(input.orgId).catch(() => null);
    if (!org || !covers(p, org.path, ['admin'])) throw new AppError('ADMIN_REQUIRED');
    const period = this.period(input.period);
    const size = input.size ?? 10;
    const top = (await this.rank([org.path], period.key, 1, size, 'desc')).items;
    const bottom = (await this.rank([org.path], period.key, 1, size, 'asc')).items;
    const branches = await this.branchStats([org.path], period.key);
    const label = PERIOD_LABEL(period);
    const title = `${org.name}${label}党员积分评比通报`;
    const lines = [
      `根据积分制管理办法，现将${org.name}${label}党员积分情况通报如下：`,
      '',
      `一、积分靠前的党员：${top.map((t) => `${t.name}（${t.orgName}，${t.points}分）`).join('、') || '暂无'}。`,
      `二、积分靠后的党员：${bottom.map((t) => `${t.name}（${t.orgName}，${t.points}分）`).join('、') || '暂无'}。`,
      `三、各支部平均积分：${branches.map((b) => `${b.orgName}${b.average}分`).join('；') || '暂无'}。`,
      '',
      '希望受到通报表扬的党员再接再厉，积分靠后的党员对照要求查找差距，积极参加组织生活和学习。',
    ];
    const notice: PointsNotice = {
      id: newId(),
      orgId: org.id,
      period: period.key,
      title,
      body: lines.join('\n'),
      status: 'draft',
      snapshot: JSON.stringify({ top, bottom, branches }),
      createdBy: p.id,
      createdAt: this.now(),
      publishedAt: null,
    };
    await this.ds.transaction(async (em) => {
      await this.repo.insertNotice(em, notice);
      await writeAudit(
        em,
        p,
        'points.notice_create',
        { type: 'points_notice', id: notice.id },
        { orgId: org.id, period: period.key },
        audit,
      );
    });
    return presentNotice(notice, org.name);
  }

  private async noticeForAdmin(p: Principal, id: string): Promise<{ notice: PointsNotice; org: Org }> {
    const notice = isIdLike(id) ? await this.repo.notice(id) : null;
    const org = notice ? await this.orgs.find(notice.orgId) : null;
    if (!notice || !org || !covers(p, org.path)) throw new AppError('NOT_FOUND');
    if (!covers(p, org.path, ['admin'])) throw new AppError('FORBIDDEN');
    return { notice, org };
  }

  async updateNotice(p: Principal, id: string, input: { title?: string; body?: string }, audit: AuditContext): Promise<PointsNoticeView> {
    const { notice, org } = await this.noticeForAdmin(p, id);
    if (notice.status === 'published') throw new AppError('NOTICE_ALREADY_PUBLISHED');
    if (input.title !== undefined) notice.title = input.title;
    if (input.body !== undefined) notice.body = input.body;
    await this.ds.transaction(async (em) => {
      if (!(await this.repo.updateDraft(em, notice.id, { title: notice.title, body: notice.body })))
        throw new AppError('NOTICE_ALREADY_PUBLISHED');
      await writeAudit(em, p, 'points.notice_update', { type: 'points_notice', id: notice.id }, null, audit);
    });
    return presentNotice(notice, org.name);
  }

  async publishNotice(p: Principal, id: string, audit: AuditContext): Promise<PointsNoticeView> {
    const { notice, org } = await this.noticeForAdmin(p, id);
    if (notice.status === 'published') return presentNotice(notice, org.name);
    notice.status = 'published';
    notice.publishedAt = this.now();
    await this.ds.transaction(async (em) => {
      await this.repo.publishDraft(em, notice.id, notice.publishedAt);
      await writeAudit(em, p, 'points.notice_publish', { type: 'points_notice', id: notice.id }, null, audit);
    });
    return presentNotice(notice, org.name);
  }

  /**
   * Notices a caller may read: a manager sees every notice of orgs in scope (drafts too); a
   * member sees the published notices of their own org and its parents.
   */
  async notices(p: Principal, q: { page?: number; pageSize?: number }): Promise<Page<PointsNoticeView>> {
    // Everyone reads the published notices of their own org and its parents; managers also see
    // every notice (drafts too) of the orgs they manage.
    const ancestors = (p.orgPath ?? '').split('/').filter(Boolean);
    const managed = isManager(p) ? scopePaths(p) : [];
    if (!ancestors.length && !managed.length) return { items: [], total: 0 };
    const { items, total } = await this.repo.noticesPage(ancestors, managed, q.page ?? 1, q.pageSize ?? DEFAULT_PAGE_SIZE);
    return { items: items.map((n) => presentNotice(n.notice, n.orgName)), total };
  }

  async notice(p: Principal, id: string): Promise<PointsNoticeView> {
    const notice = isIdLike(id) ? await this.repo.notice(id) : null;
    const org = notice ? await this.orgs.find(notice.orgId) : null;
    if (!notice || !org) throw new AppError('NOT_FOUND');
    const asManager = covers(p, org.path);
    const asMember = notice.status === 'published' && !!p.orgPath?.startsWith(org.path);
    if (!asManager && !asMember) throw new AppError('NOT_FOUND');
    return presentNotice(notice, org.name);
  }
}

/** The points rules are county-wide: an admin of a top-level org (the county) changes them. */
function mayEditRules(p: Principal): boolean {
  return p.grants.some((g) => g.role === 'admin' && g.orgPath.split('/').filter(Boolean).length === 1);
}
