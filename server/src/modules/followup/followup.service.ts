/**
 * After an activity: closing its attendance (absence penalties for org-life meetings, then the
 * 限期整改通知书 for members absent without leave from several in a row), and the org-life
 * frequency check — which required meetings each branch held or missed, with no form to fill.
 */
import { Brackets, In, IsNull, LessThan, type DataSource } from 'typeorm';
import {
  ACTIVITY_KIND_LABELS,
  DEFAULT_ORG_LIFE_PLAN,
  DEFAULT_PAGE_SIZE,
  ORG_LIFE_KINDS,
  RECTIFICATION_DAYS,
  ROSTER_CHECKIN_AFTER_END_MS,
  toIsoLocal,
  toLocalDate,
  type OrgLifeBranchRow,
  type OrgLifeCell,
  type OrgLifeCycle,
  type OrgLifeFrequencyResponse,
  type OrgLifeKind,
  type Page,
  type RectificationNoticeView,
} from '@djzy/shared';
import { writeAudit, type AuditContext } from '../../core/audit';
import { AppError, fieldError } from '../../core/errors';
import { isDuplicateKey } from '../../core/http';
import { isIdLike, newId } from '../../core/ids';
import { covers, isManager, scopePaths, type Principal } from '../../core/principal';
import { transactionWithRetry } from '../../core/sql';
import { Activity, CheckIn, LeaveRequest } from '../activity/activity.entity';
import { Member } from '../member/member.entity';
import { Org } from '../org/org.entity';
import { whereInSubtrees, type OrgService } from '../org/org.service';
import { award } from '../points/points.ledger';
import { OrgLifePlan, RectificationNotice } from './followup.entity';

const isOrgLife = (kind: string): kind is OrgLifeKind => (ORG_LIFE_KINDS as readonly string[]).includes(kind);

export class FollowUpService {
  constructor(
    private readonly ds: DataSource,
    private readonly orgs: OrgService,
    private readonly opts: {
      absenceThreshold: number;
      now?: () => Date;
      /** Online study: counts members who studied every material before the end (the activity service). */
      settleOnline?: (activityId: string) => Promise<number>;
    },
  ) {}

  private now(): Date {
    return this.opts.now?.() ?? new Date();
  }

  /** Members of full or probationary standing invited to an activity (applicants are not bound). */
  private async bound(activity: Activity, org: Org): Promise<{ id: string; name: string; orgId: string; path: string }[]> {
    return this.ds
      .getRepository(Member)
      .createQueryBuilder('m')
      .innerJoin(Org, 'org', 'org.id = m.orgId')
      .select(['m.id AS id', 'm.name AS name', 'm.orgId AS orgId', 'org.path AS path'])
      .where("m.status IN ('full', 'probationary')")
      .andWhere(
        new Brackets((w) =>
          w
            .where('org.path LIKE :sub', { sub: `${org.path}%` })
            .orWhere('EXISTS (SELECT 1 FROM activity_invitees i WHERE i.activityId = :aid AND i.memberId = m.id)', { aid: activity.id }),
        ),
      )
      .getRawMany();
  }

  private async absentees(activity: Activity, org: Org) {
    const invited = await this.bound(activity, org);
    const present = new Set((await this.ds.getRepository(CheckIn).find({ where: { activityId: activity.id }, select: ['memberId'] })).map((c) => c.memberId));
    const excused = new Set(
      (await this.ds.getRepository(LeaveRequest).find({ where: { activityId: activity.id, status: 'approved' }, select: ['memberId'] })).map((l) => l.memberId),
    );
    return invited.filter((m) => !present.has(m.id) && !excused.has(m.id));
  }

  /**
   * Settles an ended activity once: each unexcused absence from an org-life meeting costs the
   * `absence` rule's points (idempotent per member and activity), and members who have now
   * missed `absenceThreshold` org-life meetings in a row get a rectification notice.
   */
  async close(activityId: string, actor: Principal | null, audit: AuditContext = {}): Promise<{ absent: number; notices: number }> {
    const activity = await this.ds.getRepository(Activity).findOneBy({ id: activityId });
    if (!activity) throw new AppError('NOT_FOUND');
    if (activity.status !== 'published') throw new AppError('CHECKIN_NOT_OPEN', undefined, '只有已发布的活动可以结算考勤');
    if (this.now().getTime() <= activity.endsAt.getTime()) throw new AppError('ACTIVITY_NOT_ENDED');
    const org = await this.ds.getRepository(Org).findOneByOrFail({ id: activity.orgId });
    if (activity.studyMode === 'online' && !activity.attendanceClosedAt) await this.opts.settleOnline?.(activity.id);
    const absent = await this.absentees(activity, org);
    let notices = 0;
    if (isOrgLife(activity.kind)) {
      for (const m of absent) {
        await transactionWithRetry(this.ds, (em) =>
          award(em, {
            memberId: m.id,
            ruleCode: 'absence',
            sourceType: 'activity',
            sourceId: activity.id,
            key: `absence:${activity.id}:${m.id}`,
            reason: `无故缺席${ACTIVITY_KIND_LABELS[activity.kind]}：${activity.title}`.slice(0, 200),
            at: activity.startsAt,
            actorId: actor?.id ?? null,
          }),
        );
      }
    }
    if (!activity.attendanceClosedAt) {
      await this.ds.transaction(async (em) => {
        await em.update(Activity, { id: activity.id, attendanceClosedAt: IsNull() }, { attendanceClosedAt: this.now() });
        await writeAudit(em, actor, 'activity.close', { type: 'activity', id: activity.id }, { absent: absent.length }, audit);
      });
    }
    if (isOrgLife(activity.kind)) for (const m of absent) if (await this.maybeNotice(m, activity)) notices++;
    return { absent: absent.length, notices };
  }

  /** `POST /activities/:id/close`: the organiser settles attendance once the activity is over. */
  async closeAsManager(p: Principal, activityId: string, audit: AuditContext): Promise<{ absent: number; notices: number }> {
    const activity = isIdLike(activityId) ? await this.ds.getRepository(Activity).findOneBy({ id: activityId }) : null;
    const org = activity ? await this.ds.getRepository(Org).findOneBy({ id: activity.orgId }) : null;
    if (!activity || !org || !covers(p, org.path)) throw new AppError('NOT_FOUND');
    return this.close(activity.id, p, audit);
  }

  /** Settles every activity whose roster window has passed (run periodically by the server). */
  async closeDue(): Promise<number> {
    const due = await this.ds.getRepository(Activity).find({
      where: { status: 'published', attendanceClosedAt: IsNull(), endsAt: LessThan(new Date(this.now().getTime() - ROSTER_CHECKIN_AFTER_END_MS)) },
      select: ['id'],
      take: 50,
    });
    for (const a of due) await this.close(a.id, null);
    return due.length;
  }

  private async maybeNotice(m: { id: string; name: string; orgId: string; path: string }, latest: Activity): Promise<boolean> {
    const n = this.opts.absenceThreshold;
    if (await this.ds.getRepository(RectificationNotice).countBy({ memberId: m.id, status: 'open' })) return false;
    const ancestors = m.path.split('/').filter(Boolean);
    const recent = await this.ds
      .getRepository(Activity)
      .createQueryBuilder('a')
      .where('a.kind IN (:...kinds)', { kinds: [...ORG_LIFE_KINDS] })
      .andWhere("a.status = 'published'")
      .andWhere('a.attendanceClosedAt IS NOT NULL')
      .andWhere('a.startsAt <= :latest', { latest: latest.startsAt })
      .andWhere(
        new Brackets((w) =>
          w.where('a.orgId IN (:...ancestors)', { ancestors }).orWhere('EXISTS (SELECT 1 FROM activity_invitees i WHERE i.activityId = a.id AND i.memberId = :mid)', { mid: m.id }),
        ),
      )
      .orderBy('a.startsAt', 'DESC')
      .limit(n)
      .getMany();
    if (recent.length < n) return false;
    const ids = recent.map((a) => a.id);
    const attended = await this.ds.getRepository(CheckIn).countBy({ memberId: m.id, activityId: In(ids) });
    const excused = await this.ds.getRepository(LeaveRequest).countBy({ memberId: m.id, activityId: In(ids), status: 'approved' });
    if (attended || excused) return false;
    const branchPath = await this.orgs.branchPathOf(m.path);
    const branchId = branchPath?.split('/').filter(Boolean).pop() ?? m.orgId;
    const missed = [...recent].reverse().map((a) => ({ activityId: a.id, title: a.title, startsAt: toIsoLocal(a.startsAt) }));
    const deadline = toLocalDate(new Date(this.now().getTime() + RECTIFICATION_DAYS * 24 * 3600_000));
    const content =
      `${m.name}同志：经核查，你连续 ${n} 次未请假缺席组织生活（${missed.map((x) => `${x.startsAt.slice(0, 10)}「${x.title}」`).join('、')}）。` +
      `根据党内有关规定，请于 ${deadline} 前向党支部作出书面说明，并按时参加组织生活。`;
    try {
      await this.ds.transaction((em) =>
        em.insert(RectificationNotice, {
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
        }),
      );
      return true;
    } catch (e) {
      if (isDuplicateKey(e)) return false;
      throw e;
    }
  }

  // ── rectification notices ────────────────────────────────────────────────────────────────

  private async present(list: RectificationNotice[]): Promise<RectificationNoticeView[]> {
    if (!list.length) return [];
    const members = await this.ds.getRepository(Member).find({ where: { id: In(list.map((n) => n.memberId)) }, select: ['id', 'name'] });
    const orgs = await this.ds.getRepository(Org).find({ where: { id: In(list.map((n) => n.orgId)) } });
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
  async list(p: Principal, q: { status?: 'open' | 'resolved'; orgId?: string; page?: number; pageSize?: number }): Promise<Page<RectificationNoticeView>> {
    if (!isManager(p)) throw new AppError('FORBIDDEN');
    const qb = this.ds.getRepository(RectificationNotice).createQueryBuilder('n').innerJoin(Org, 'org', 'org.id = n.orgId');
    let paths = scopePaths(p);
    if (q.orgId) {
      const org = await this.orgs.get(q.orgId).catch(() => null);
      if (!org || !covers(p, org.path)) throw new AppError('FORBIDDEN', undefined, '该组织不在您的管理范围内');
      paths = [org.path];
    }
    whereInSubtrees(qb, 'org', paths);
    if (q.status) qb.andWhere('n.status = :status', { status: q.status });
    const page = q.page ?? 1;
    const pageSize = q.pageSize ?? DEFAULT_PAGE_SIZE;
    const total = await qb.getCount();
    const list = await qb.orderBy('n.createdAt', 'DESC').addOrderBy('n.id', 'ASC').offset((page - 1) * pageSize).limit(pageSize).getMany();
    return { items: await this.present(list), total };
  }

  /** A member: their own notices. */
  async mine(p: Principal): Promise<RectificationNoticeView[]> {
    if (!p.memberId) return [];
    return this.present(await this.ds.getRepository(RectificationNotice).find({ where: { memberId: p.memberId }, order: { createdAt: 'DESC' } }));
  }

  /** 销号: the branch marks the notice resolved, saying how. */
  async resolve(p: Principal, id: string, resolution: string, audit: AuditContext): Promise<RectificationNoticeView> {
    const n = isIdLike(id) ? await this.ds.getRepository(RectificationNotice).findOneBy({ id }) : null;
    const org = n ? await this.ds.getRepository(Org).findOneBy({ id: n.orgId }) : null;
    if (!n || !org || !covers(p, org.path)) throw new AppError('NOT_FOUND');
    if (n.status === 'resolved') throw new AppError('RECTIFICATION_ALREADY_RESOLVED');
    const resolvedAt = this.now();
    await this.ds.transaction(async (em) => {
      const res = await em.update(RectificationNotice, { id: n.id, status: 'open' }, { status: 'resolved', resolvedAt, resolvedBy: p.id, resolution });
      if (!res.affected) throw new AppError('RECTIFICATION_ALREADY_RESOLVED');
      await writeAudit(em, p, 'rectification.resolve', { type: 'rectification_notice', id: n.id }, null, audit);
    });
    return (await this.present([{ ...n, status: 'resolved', resolvedAt, resolvedBy: p.id, resolution }]))[0];
  }

  // ── org-life frequency ───────────────────────────────────────────────────────────────────

  private async planOf(branchIds: string[]): Promise<Map<string, Record<OrgLifeKind, OrgLifeCycle>>> {
    const overrides = branchIds.length ? await this.ds.getRepository(OrgLifePlan).findBy({ orgId: In(branchIds) }) : [];
    const plans = new Map<string, Record<OrgLifeKind, OrgLifeCycle>>();
    for (const id of branchIds) plans.set(id, { ...DEFAULT_ORG_LIFE_PLAN });
    for (const o of overrides) plans.get(o.orgId)![o.kind] = o.cycle;
    return plans;
  }

  async setPlan(p: Principal, orgId: string, plan: Partial<Record<OrgLifeKind, OrgLifeCycle>>, audit: AuditContext): Promise<Record<OrgLifeKind, OrgLifeCycle>> {
    const org = await this.orgs.get(orgId);
    if (!covers(p, org.path)) throw new AppError('NOT_FOUND');
    if (!covers(p, org.path, ['admin'])) throw new AppError('FORBIDDEN', undefined, '只有管理员可以调整组织生活计划');
    if (org.kind !== 'branch') throw fieldError('orgId', '组织生活计划按党支部设置');
    await this.ds.transaction(async (em) => {
      for (const [kind, cycle] of Object.entries(plan)) await em.getRepository(OrgLifePlan).save({ orgId, kind: kind as OrgLifeKind, cycle: cycle!, updatedAt: this.now() });
      await writeAudit(em, p, 'orglife.plan', { type: 'org', id: orgId }, { plan }, audit);
    });
    return (await this.planOf([orgId])).get(orgId)!;
  }

  /** `GET /org-life/frequency`: per branch, per required kind and period, held or missed. */
  async frequency(p: Principal, orgId: string | undefined, year: number): Promise<OrgLifeFrequencyResponse> {
    if (!isManager(p)) throw new AppError('FORBIDDEN');
    let paths = scopePaths(p);
    if (orgId) {
      const org = await this.orgs.get(orgId).catch(() => null);
      if (!org || !covers(p, org.path)) throw new AppError('FORBIDDEN', undefined, '该组织不在您的管理范围内');
      paths = [org.path];
    }
    const bqb = this.ds.getRepository(Org).createQueryBuilder('org').where("org.kind = 'branch'");
    whereInSubtrees(bqb, 'org', paths);
    const branches = await bqb.orderBy('org.sortOrder', 'ASC').addOrderBy('org.name', 'ASC').getMany();
    const from = new Date(`${year}-01-01T00:00:00+08:00`);
    const to = new Date(`${year + 1}-01-01T00:00:00+08:00`);
    const aqb = this.ds
      .getRepository(Activity)
      .createQueryBuilder('a')
      .innerJoin(Org, 'org', 'org.id = a.orgId')
      .select(['a.kind AS kind', 'a.startsAt AS startsAt', 'org.path AS path'])
      .where("a.status = 'published'")
      .andWhere('a.kind IN (:...kinds)', { kinds: [...ORG_LIFE_KINDS] })
      .andWhere('a.startsAt >= :from AND a.startsAt < :to', { from, to });
    whereInSubtrees(aqb, 'org', branches.length ? branches.map((b) => b.path) : ['\0']);
    const held = await aqb.getRawMany<{ kind: OrgLifeKind; startsAt: string | Date; path: string }>();
    const plans = await this.planOf(branches.map((b) => b.id));
    const now = this.now();
    const rows: OrgLifeBranchRow[] = branches.map((b) => {
      const plan = plans.get(b.id)!;
      const mine = held.filter((h) => h.path.startsWith(b.path));
      const cells: OrgLifeCell[] = [];
      for (const kind of ORG_LIFE_KINDS) {
        for (const period of periodsOf(year, plan[kind])) {
          if (period.start > now) continue;
          const count = mine.filter((h) => {
            const t = new Date(h.startsAt instanceof Date ? h.startsAt : `${String(h.startsAt).replace(' ', 'T')}${/Z|[+-]\d\d:\d\d$/.test(String(h.startsAt)) ? '' : 'Z'}`);
            return h.kind === kind && t >= period.start && t < period.end;
          }).length;
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
  const at = (y: number, m: number) => new Date(`${y}-${String(m).padStart(2, '0')}-01T00:00:00+08:00`);
  if (cycle === 'year') return [{ key: String(year), start: at(year, 1), end: at(year + 1, 1) }];
  if (cycle === 'quarter')
    return [1, 2, 3, 4].map((q) => ({ key: `${year}-Q${q}`, start: at(year, q * 3 - 2), end: q === 4 ? at(year + 1, 1) : at(year, q * 3 + 1) }));
  return Array.from({ length: 12 }, (_, i) => ({
    key: `${year}-${String(i + 1).padStart(2, '0')}`,
    start: at(year, i + 1),
    end: i === 11 ? at(year + 1, 1) : at(year, i + 2),
  }));
}
