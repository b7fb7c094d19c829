/**
 * The report's read model: one query per kind of record a figure rests on. The report owns no
 * table; it only reads those of the modules that keep the records (activities, problems, the
 * 述职台账 records, role grants …), read-only and always scoped to the org's subtree — the one
 * place in the server where a module reads another's tables, so that a county's report is a
 * handful of indexed queries instead of thousands of service calls (see server/README.md).
 */
import type { DataSource, SelectQueryBuilder } from 'typeorm';
import type { ActivityKind } from '@djzy/shared';
import { partyMemberSql } from '../member';
import { joinOrg, whereInSubtrees } from '../org';

/** An instant as a column hands it back: a Date on MySQL, 'YYYY-MM-DD HH:MM:SS.mmm' (UTC) on SQLite. */
export function rawInstant(v: unknown): Date {
  if (v instanceof Date) return v;
  const s = String(v);
  return new Date(/[zZ]|[+-]\d\d:?\d\d$/.test(s) ? s : `${s.replace(' ', 'T')}Z`);
}

export interface YearWindow {
  /** The org's subtree. */
  path: string;
  orgId: string;
  /** The year's bounds as instants (township time) and as days. */
  from: Date;
  to: Date;
  fromDay: string;
  toDay: string;
  year: number;
  /** Now, or the year's end when that is earlier: what "held" and "live" mean. */
  asOf: Date;
  /** `asOf` as a local day: who counts as a Party member (those who left on or before it do not; partyMemberSql). */
  asOfDay: string;
}

export interface ActivityRow {
  id: string;
  title: string;
  kind: ActivityKind;
  orgId: string;
  orgName: string;
  startsAt: Date;
  audience: string;
  lecturer: string | null;
}

export interface NamedRow {
  id: string;
  name: string;
  day: string | null;
  orgId: string;
  orgName: string;
  [extra: string]: unknown;
}

/**
 * The day a 已出党 member `m`'s membership ended: the earliest 劝其退党 / 除名 that took effect (the
 * appraisal module's `disposals`; the roster keeps no such day). Year-end figures count them in the
 * years before it (partyMemberSql's `exitDaySql`).
 */
const EXIT_DAY_SQL =
  "(SELECT MIN(dx.effectiveOn) FROM disposals dx WHERE dx.memberId = m.id AND dx.kind IN ('persuade', 'remove') AND dx.effectiveOn IS NOT NULL)";

/** One row per id, the first. */
function firstRows<T extends { id: string }>(rows: T[]): T[] {
  const seen = new Set<string>();
  return rows.filter((r) => !seen.has(r.id) && !!seen.add(r.id));
}

export class ReportRepository {
  constructor(private readonly ds: DataSource) {}

  private q(c: string): string {
    return this.ds.driver.escape(c);
  }

  /** A query over `table` joined with its org (`o`), restricted to the subtree. */
  private inSubtree(table: string, alias: string, orgColumn: string, path: string): SelectQueryBuilder<object> {
    const qb = joinOrg(this.ds.createQueryBuilder().from(table, alias), 'o', `o.id = ${alias}.${orgColumn}`);
    return whereInSubtrees(qb, 'o', [path]);
  }

  /** Published activities of these kinds that started within the window (and not after now). */
  async activities(w: YearWindow, kinds: ActivityKind[], opts: { ownOnly: boolean }): Promise<ActivityRow[]> {
    const qb = opts.ownOnly
      ? joinOrg(this.ds.createQueryBuilder().from('activities', 'a'), 'o', 'o.id = a.orgId').where('a.orgId = :orgId', { orgId: w.orgId })
      : this.inSubtree('activities', 'a', 'orgId', w.path);
    const rows = await qb
      .select([
        'a.id AS id',
        'a.title AS title',
        'a.kind AS kind',
        'a.orgId AS orgId',
        'o.name AS orgName',
        'a.startsAt AS startsAt',
        'a.audience AS audience',
        'a.lecturer AS lecturer',
      ])
      .andWhere("a.status = 'published'")
      .andWhere('a.kind IN (:...kinds)', { kinds })
      .andWhere('a.startsAt >= :from AND a.startsAt < :to AND a.startsAt <= :asOf', { from: w.from, to: w.to, asOf: w.asOf })
      .orderBy('a.startsAt')
      .addOrderBy('a.id')
      .getRawMany<Record<string, unknown>>();
    return rows.map((r) => ({ ...(r as unknown as ActivityRow), startsAt: rawInstant(r.startsAt) }));
  }

  /** The invitees (role `extra`) of these activities. */
  async invitees(activityIds: string[]): Promise<{ activityId: string; memberId: string }[]> {
    if (!activityIds.length) return [];
    return this.ds
      .createQueryBuilder()
      .from('activity_invitees', 'i')
      .select(['i.activityId AS activityId', 'i.memberId AS memberId'])
      .where('i.activityId IN (:...ids)', { ids: activityIds })
      .andWhere("i.role = 'extra'")
      .getRawMany();
  }

  /** Grants of these roles held by these members (or, with `names`, members of the subtree so named) at some time. */
  async grantsOf(
    opts: { memberIds?: string[]; names?: string[]; path: string },
    roles: string[],
  ): Promise<{ memberId: string; name: string; role: string; grantedAt: Date; endedAt: Date | null }[]> {
    if (opts.memberIds && !opts.memberIds.length) return [];
    if (opts.names && !opts.names.length) return [];
    const qb = this.ds
      .createQueryBuilder()
      .from('role_grants', 'g')
      .innerJoin('members', 'm', 'm.id = g.memberId')
      .select(['g.memberId AS memberId', 'm.name AS name', 'g.role AS role', 'g.grantedAt AS grantedAt', 'g.endedAt AS endedAt'])
      .where('g.role IN (:...roles)', { roles });
    if (opts.memberIds) qb.andWhere('g.memberId IN (:...ids)', { ids: opts.memberIds });
    if (opts.names) {
      joinOrg(qb, 'o', 'o.id = m.orgId');
      whereInSubtrees(qb, 'o', [opts.path]);
      qb.andWhere('m.name IN (:...names)', { names: opts.names });
    }
    const rows = await qb.getRawMany<Record<string, unknown>>();
    return rows.map((r) => ({
      memberId: String(r.memberId),
      name: String(r.name),
      role: String(r.role),
      grantedAt: rawInstant(r.grantedAt),
      endedAt: r.endedAt == null ? null : rawInstant(r.endedAt),
    }));
  }

  /** Problems of the subtree, with a filter on the problems alias `p`. */
  async problems(w: YearWindow, where: (qb: SelectQueryBuilder<object>) => void): Promise<NamedRow[]> {
    const qb = this.inSubtree('problems', 'p', 'orgId', w.path).select([
      'p.id AS id',
      'p.category AS category',
      'p.description AS description',
      'p.source AS source',
      'p.status AS status',
      'p.deadline AS deadline',
      'p.raisedAt AS raisedAt',
      'p.closedAt AS closedAt',
      'p.orgId AS orgId',
      'o.name AS orgName',
    ]);
    where(qb);
    const rows = await qb.orderBy('p.raisedAt').addOrderBy('p.id').getRawMany<Record<string, unknown>>();
    return rows.map((r) => ({
      ...r,
      id: String(r.id),
      name: `【${String(r.category)}】${String(r.description).slice(0, 60)}`,
      day: r.deadline == null ? null : String(r.deadline),
      orgId: String(r.orgId),
      orgName: String(r.orgName),
      raisedAt: rawInstant(r.raisedAt),
      closedAt: r.closedAt == null ? null : rawInstant(r.closedAt),
    }));
  }

  /** Interviewees of the window's 约谈 held by orgs of the subtree, earliest interview first. */
  async interviewees(w: YearWindow): Promise<{ memberId: string; name: string; interviewId: string; at: Date; orgName: string }[]> {
    const rows = await this.inSubtree('interviews', 'i', 'orgId', w.path)
      .innerJoin('interview_members', 'im', 'im.interviewId = i.id')
      .innerJoin('members', 'm', 'm.id = im.memberId')
      .select(['im.memberId AS memberId', 'm.name AS name', 'i.id AS interviewId', 'i.at AS at', 'o.name AS orgName'])
      .andWhere('i.at >= :from AND i.at < :to', { from: w.from, to: w.to })
      .orderBy('i.at')
      .addOrderBy('i.id')
      .getRawMany<Record<string, unknown>>();
    return rows.map((r) => ({
      memberId: String(r.memberId),
      name: String(r.name),
      interviewId: String(r.interviewId),
      at: rawInstant(r.at),
      orgName: String(r.orgName),
    }));
  }

  async inspections(w: YearWindow): Promise<NamedRow[]> {
    return this.inSubtree('inspections', 'i', 'orgId', w.path)
      .select(['i.id AS id', 'i.topic AS name', 'i.fromDay AS day', 'i.orgId AS orgId', 'o.name AS orgName'])
      .andWhere('i.fromDay >= :fromDay AND i.fromDay <= :toDay', { fromDay: w.fromDay, toDay: w.toDay })
      .orderBy('i.fromDay')
      .addOrderBy('i.id')
      .getRawMany();
  }

  async publishedNotices(w: YearWindow): Promise<(NamedRow & { serialNo: number; publishedAt: unknown })[]> {
    return this.inSubtree('inspection_notices', 'n', 'issuerOrgId', w.path)
      .select([
        'n.id AS id',
        'n.title AS name',
        'n.serialNo AS serialNo',
        'n.publishedAt AS publishedAt',
        'n.issuerOrgId AS orgId',
        'o.name AS orgName',
      ])
      .andWhere('n.year = :year', { year: w.year })
      .andWhere("n.status = 'published'")
      .orderBy('n.serialNo')
      .getRawMany();
  }

  /** Grants of a role on orgs of the subtree that ended in the window with a reason. */
  async endedGrants(w: YearWindow, role: string, reason: string): Promise<(NamedRow & { endedAt: unknown })[]> {
    return this.inSubtree('role_grants', 'g', 'orgId', w.path)
      .innerJoin('members', 'm', 'm.id = g.memberId')
      .select(['g.id AS id', 'm.name AS name', 'g.endedAt AS endedAt', 'g.orgId AS orgId', 'o.name AS orgName'])
      .andWhere('g.role = :role AND g.endReason = :reason', { role, reason })
      .andWhere('g.endedAt >= :from AND g.endedAt < :to', { from: w.from, to: w.to })
      .orderBy('g.endedAt')
      .getRawMany();
  }

  /** Grants of these roles on orgs of the subtree live at `at`. */
  async liveGrants(w: YearWindow, roles: string[], at: Date): Promise<{ orgId: string; orgName: string; role: string; id: string }[]> {
    return this.inSubtree('role_grants', 'g', 'orgId', w.path)
      .select(['g.id AS id', 'g.orgId AS orgId', 'o.name AS orgName', 'g.role AS role'])
      .andWhere('g.role IN (:...roles)', { roles })
      .andWhere('g.grantedAt <= :at AND (g.endedAt IS NULL OR g.endedAt > :at)', { at })
      .andWhere("o.kind = 'branch'")
      .getRawMany();
  }

  async rectificationNotices(
    w: YearWindow,
  ): Promise<{ id: string; memberId: string; name: string; createdAt: unknown; orgId: string; orgName: string }[]> {
    return this.inSubtree('rectification_notices', 'r', 'orgId', w.path)
      .innerJoin('members', 'm', 'm.id = r.memberId')
      .select([
        'r.id AS id',
        'r.memberId AS memberId',
        'm.name AS name',
        'r.createdAt AS createdAt',
        'r.orgId AS orgId',
        'o.name AS orgName',
      ])
      .andWhere('r.createdAt >= :from AND r.createdAt < :to', { from: w.from, to: w.to })
      .orderBy('r.createdAt')
      .addOrderBy('r.id')
      .getRawMany();
  }

  /** Party members of the subtree covered by a study plan running in the year (the learning kit handed out). */
  async kitMembers(w: YearWindow): Promise<{ id: string; name: string; orgId: string; orgName: string; planStart: string }[]> {
    const plans = await this.inSubtree('study_plans', 'sp', 'orgId', w.path)
      .select(['sp.id AS id', 'sp.startsOn AS startsOn', 'o.path AS path'])
      .andWhere('sp.startsOn <= :toDay AND sp.endsOn >= :fromDay', { fromDay: w.fromDay, toDay: w.toDay })
      .getRawMany<{ id: string; startsOn: string; path: string }>();
    // Plans of the orgs above (the county's) cover the org's members too.
    const ancestorIds = w.path.split('/').filter(Boolean).slice(0, -1);
    const above = ancestorIds.length
      ? await joinOrg(this.ds.createQueryBuilder().from('study_plans', 'sp'), 'o', 'o.id = sp.orgId')
          .select(['sp.id AS id', 'sp.startsOn AS startsOn', 'o.path AS path'])
          .where('sp.orgId IN (:...ids)', { ids: ancestorIds })
          .andWhere('sp.startsOn <= :toDay AND sp.endsOn >= :fromDay', { fromDay: w.fromDay, toDay: w.toDay })
          .getRawMany<{ id: string; startsOn: string; path: string }>()
      : [];
    const all = [...plans, ...above];
    if (!all.length) return [];
    // The subtrees covered, within the org's: a plan above covers all of it.
    const covered = [...new Set(all.map((p) => (w.path.startsWith(p.path) ? w.path : p.path)))];
    const roots = covered.filter((p) => !covered.some((q) => q !== p && p.startsWith(q)));
    const members = await whereInSubtrees(
      joinOrg(this.ds.createQueryBuilder().from('members', 'm'), 'o', 'o.id = m.orgId').select([
        'm.id AS id',
        'm.name AS name',
        'm.orgId AS orgId',
        'o.name AS orgName',
        'o.path AS path',
      ]),
      'o',
      roots,
    )
      .andWhere(...partyMemberSql('m', { on: w.asOfDay, exitDaySql: EXIT_DAY_SQL }))
      .orderBy('o.path')
      .addOrderBy('m.name')
      .addOrderBy('m.id')
      .getRawMany<{ id: string; name: string; orgId: string; orgName: string; path: string }>();
    return members.map((m) => ({
      id: m.id,
      name: m.name,
      orgId: m.orgId,
      orgName: m.orgName,
      planStart:
        all
          .filter((p) => m.path.startsWith(p.path))
          .map((p) => p.startsOn)
          .sort()[0] ?? w.fromDay,
    }));
  }

  /** Open items of the year's responsibility list in the subtree (published, claimed, or judged not met). */
  async openResponsibilities(
    w: YearWindow,
  ): Promise<{ id: string; orgName: string; category: string; content: string; dueDate: string | null }[]> {
    return this.inSubtree('responsibility_items', 'r', 'orgId', w.path)
      .select(['r.id AS id', 'o.name AS orgName', 'r.category AS category', 'r.content AS content', 'r.dueDate AS dueDate'])
      .andWhere('r.year = :year', { year: w.year })
      .andWhere("(r.status IN ('published', 'acknowledged') OR (r.status = 'evaluated' AND r.result <> 'met'))")
      .orderBy('o.path')
      .addOrderBy('r.createdAt')
      .addOrderBy('r.id')
      .getRawMany();
  }

  // ── the 述职台账 records (records module) and 为群众办实事 (service module) ───────────────────

  /** Visits kept by the org itself in the window, with their purpose. */
  async visits(w: YearWindow, purpose?: string): Promise<NamedRow[]> {
    const on = this.col('v', 'on');
    const qb = joinOrg(this.ds.createQueryBuilder().from('visits', 'v'), 'o', 'o.id = v.orgId')
      .select(['v.id AS id', 'v.topic AS name', `${on} AS day`, 'v.orgId AS orgId', 'o.name AS orgName', 'v.visitorName AS visitorName'])
      .where('v.orgId = :orgId', { orgId: w.orgId })
      .andWhere(`${on} >= :fromDay AND ${on} <= :toDay`, { fromDay: w.fromDay, toDay: w.toDay });
    if (purpose) qb.andWhere('v.purpose = :purpose', { purpose });
    return qb.orderBy(on).addOrderBy('v.id').getRawMany();
  }

  /** The households of the org's own visits in the window, first visit first. */
  async visitedHouseholds(w: YearWindow): Promise<(NamedRow & { householdKey: string })[]> {
    const on = this.col('v', 'on');
    return joinOrg(
      this.ds.createQueryBuilder().from('visit_households', 'h').innerJoin('visits', 'v', 'v.id = h.visitId'),
      'o',
      'o.id = v.orgId',
    )
      .select([
        'h.id AS id',
        'h.household AS name',
        'h.householdKey AS householdKey',
        `${on} AS day`,
        'v.orgId AS orgId',
        'o.name AS orgName',
      ])
      .where('v.orgId = :orgId', { orgId: w.orgId })
      .andWhere(`${on} >= :fromDay AND ${on} <= :toDay`, { fromDay: w.fromDay, toDay: w.toDay })
      .orderBy(on)
      .addOrderBy('h.id')
      .getRawMany();
  }

  async talks(w: YearWindow): Promise<NamedRow[]> {
    const on = this.col('t', 'on');
    return joinOrg(this.ds.createQueryBuilder().from('talks', 't'), 'o', 'o.id = t.orgId')
      .select(['t.id AS id', 't.withName AS name', `${on} AS day`, 't.orgId AS orgId', 'o.name AS orgName', 't.topic AS topic'])
      .where('t.orgId = :orgId', { orgId: w.orgId })
      .andWhere(`${on} >= :fromDay AND ${on} <= :toDay`, { fromDay: w.fromDay, toDay: w.toDay })
      .orderBy(on)
      .addOrderBy('t.id')
      .getRawMany();
  }

  /** Sites of the subtree's branches brought to standard in the window. */
  async standardizedSites(w: YearWindow): Promise<NamedRow[]> {
    return this.inSubtree('sites', 's', 'orgId', w.path)
      .select(['s.id AS id', 's.name AS name', 's.standardizedOn AS day', 's.orgId AS orgId', 'o.name AS orgName'])
      .andWhere('s.standardizedOn >= :fromDay AND s.standardizedOn <= :toDay', { fromDay: w.fromDay, toDay: w.toDay })
      .orderBy('s.standardizedOn')
      .addOrderBy('s.id')
      .getRawMany();
  }

  async siteInvestments(w: YearWindow): Promise<(NamedRow & { amountCents: number })[]> {
    const on = this.col('si', 'on');
    const rows = await this.inSubtree('sites', 's', 'orgId', w.path)
      .innerJoin('site_investments', 'si', 'si.siteId = s.id')
      .select([
        'si.id AS id',
        's.name AS siteName',
        'si.purpose AS purpose',
        `${on} AS day`,
        's.orgId AS orgId',
        'o.name AS orgName',
        'si.amountCents AS amountCents',
      ])
      .andWhere(`${on} >= :fromDay AND ${on} <= :toDay`, { fromDay: w.fromDay, toDay: w.toDay })
      .orderBy(on)
      .addOrderBy('si.id')
      .getRawMany<Record<string, unknown>>();
    return rows.map((r) => ({
      ...r,
      id: String(r.id),
      name: `${String(r.siteName)}：${String(r.purpose)}`,
      day: String(r.day),
      orgId: String(r.orgId),
      orgName: String(r.orgName),
      amountCents: Number(r.amountCents),
    }));
  }

  /** The ratings of the subtree's branches for a year. */
  async ratings(w: YearWindow, year: number): Promise<{ id: string; orgId: string; orgName: string; rating: string; decidedOn: string }[]> {
    return this.inSubtree('branch_ratings', 'r', 'orgId', w.path)
      .select(['r.id AS id', 'r.orgId AS orgId', 'o.name AS orgName', 'r.rating AS rating', 'r.decidedOn AS decidedOn'])
      .andWhere('r.year = :year', { year })
      .orderBy('o.path')
      .getRawMany();
  }

  /** Commendations of the year whose subject (an org, or a member's org) lies in the subtree. */
  async commendations(w: YearWindow): Promise<(NamedRow & { subjectKind: string; memberName: string | null })[]> {
    const on = this.col('c', 'on');
    return this.inSubtree('commendations', 'c', 'orgId', w.path)
      .leftJoin('members', 'm', 'm.id = c.memberId')
      .select([
        'c.id AS id',
        'c.title AS name',
        `${on} AS day`,
        'c.orgId AS orgId',
        'o.name AS orgName',
        'c.subjectKind AS subjectKind',
        'm.name AS memberName',
      ])
      .andWhere('c.year = :year', { year: w.year })
      .orderBy(on)
      .addOrderBy('c.id')
      .getRawMany();
  }

  // ── 发展党员 (development module: development_cases, development_steps) ──────────────────

  /**
   * Cases of the subtree with an effective record (none supersedes it) of `step` in the window,
   * the earliest such record each; `alsoStep` (when given) must be recorded too, its date returned.
   */
  async developmentSteps(w: YearWindow, step: number, alsoStep?: number): Promise<(NamedRow & { otherDay: string | null })[]> {
    const effective = (alias: string) => `NOT EXISTS (SELECT 1 FROM development_steps ${alias}x WHERE ${alias}x.supersedes = ${alias}.id)`;
    const qb = this.inSubtree('development_cases', 'c', 'branchOrgId', w.path)
      .innerJoin('development_steps', 's', 's.caseId = c.id')
      .select(['c.id AS id', 'c.name AS name', 's.occurredOn AS day', 'c.branchOrgId AS orgId', 'o.name AS orgName'])
      .andWhere('s.step = :step', { step })
      .andWhere('s.occurredOn >= :fromDay AND s.occurredOn <= :toDay', { fromDay: w.fromDay, toDay: w.toDay })
      .andWhere(effective('s'));
    if (alsoStep) {
      qb.innerJoin('development_steps', 'a', 'a.caseId = c.id AND a.step = :alsoStep', { alsoStep })
        .addSelect('a.occurredOn', 'otherDay')
        .andWhere(effective('a'));
    } else qb.addSelect('NULL', 'otherDay');
    const rows = await qb.orderBy('s.occurredOn').addOrderBy('c.id').getRawMany<Record<string, unknown>>();
    return firstRows(
      rows.map((r) => ({
        ...r,
        id: String(r.id),
        name: String(r.name),
        day: String(r.day),
        orgId: String(r.orgId),
        orgName: String(r.orgName),
        otherDay: r.otherDay == null ? null : String(r.otherDay),
      })),
    );
  }

  /** 为群众办实事 done in the window (done or since confirmed) in the subtree. */
  async deedsDone(w: YearWindow): Promise<(NamedRow & { status: string; doneAt: unknown })[]> {
    return this.inSubtree('public_deeds', 'd', 'orgId', w.path)
      .select(['d.id AS id', 'd.title AS name', 'd.doneAt AS doneAt', 'd.status AS status', 'd.orgId AS orgId', 'o.name AS orgName'])
      .andWhere("d.status IN ('done', 'confirmed')")
      .andWhere('d.doneAt >= :from AND d.doneAt < :to', { from: w.from, to: w.to })
      .orderBy('d.doneAt')
      .addOrderBy('d.id')
      .getRawMany();
  }

  // ── 组织处置 (appraisal module) ───────────────────────────────────────────────────────────

  /** Disposals of the subtree approved in the year (and not since undone), earliest approval first. */
  async approvedDisposals(w: YearWindow): Promise<(NamedRow & { memberId: string; kind: string })[]> {
    return this.inSubtree('disposals', 'd', 'orgId', w.path)
      .innerJoin('members', 'm', 'm.id = d.memberId')
      .select([
        'd.id AS id',
        'd.memberId AS memberId',
        'm.name AS name',
        'd.kind AS kind',
        'd.approvedOn AS day',
        'd.orgId AS orgId',
        'o.name AS orgName',
      ])
      .andWhere("d.status IN ('approved', 'effective', 'closed', 'escalated')")
      .andWhere('d.approvedOn >= :fromDay AND d.approvedOn <= :toDay', { fromDay: w.fromDay, toDay: w.toDay })
      .orderBy('d.approvedOn')
      .addOrderBy('d.id')
      .getRawMany();
  }

  // ── 慰问困难党员 (care module) ─────────────────────────────────────────────────────────────

  /**
   * Care visits of the year to members of the subtree (by the member's org), earliest first,
   * with the path of the member's org (to find the windows that apply to it).
   */
  async careVisits(w: YearWindow): Promise<(NamedRow & { memberId: string; path: string })[]> {
    const on = this.col('v', 'on');
    return this.inSubtree('care_visits', 'v', 'memberOrgId', w.path)
      .innerJoin('members', 'm', 'm.id = v.memberId')
      .select([
        'v.id AS id',
        'v.memberId AS memberId',
        'm.name AS name',
        `${on} AS day`,
        'v.memberOrgId AS orgId',
        'o.name AS orgName',
        'o.path AS path',
      ])
      .andWhere(`${on} >= :fromDay AND ${on} <= :toDay`, { fromDay: w.fromDay, toDay: w.toDay })
      .orderBy(on)
      .addOrderBy('v.id')
      .getRawMany();
  }

  /** The 七一 / 春节 window settings of these orgs (the care module's `care_settings`). */
  async careSettings(
    orgIds: string[],
  ): Promise<{ orgId: string; qiyiFrom: string; qiyiTo: string; springFromLaYueDay: number; springToZhengYueDay: number }[]> {
    if (!orgIds.length) return [];
    const rows = await this.ds
      .createQueryBuilder()
      .from('care_settings', 's')
      .select([
        's.orgId AS orgId',
        's.qiyiFrom AS qiyiFrom',
        's.qiyiTo AS qiyiTo',
        's.springFromLaYueDay AS springFromLaYueDay',
        's.springToZhengYueDay AS springToZhengYueDay',
      ])
      .where('s.orgId IN (:...ids)', { ids: orgIds })
      .getRawMany<Record<string, unknown>>();
    return rows.map((r) => ({
      orgId: String(r.orgId),
      qiyiFrom: String(r.qiyiFrom),
      qiyiTo: String(r.qiyiTo),
      springFromLaYueDay: Number(r.springFromLaYueDay),
      springToZhengYueDay: Number(r.springToZhengYueDay),
    }));
  }

  // ── the overview ───────────────────────────────────────────────────────────────────────────

  /** Party members of the subtree per org path (grouped in SQL: a county's 20,000 are a few hundred rows). */
  async memberCountsByOrg(path: string, on: string): Promise<{ path: string; n: number }[]> {
    const rows = await this.inSubtree('members', 'm', 'orgId', path)
      .select(['o.path AS path', 'COUNT(*) AS n'])
      .andWhere(...partyMemberSql('m', { on, exitDaySql: EXIT_DAY_SQL }))
      .groupBy('o.path')
      .getRawMany<{ path: string; n: unknown }>();
    return rows.map((r) => ({ path: r.path, n: Number(r.n) }));
  }

  /** The year's problems of the subtree by org path and state: open (and overdue before `today`) or closed. */
  async problemCounts(
    path: string,
    year: number,
    today: string,
  ): Promise<{ path: string; open: number; overdue: number; closed: number }[]> {
    const rows = await this.inSubtree('problems', 'p', 'orgId', path)
      .select([
        'o.path AS path',
        "SUM(CASE WHEN p.status IN ('registered', 'assigned', 'rectifying', 'submitted') THEN 1 ELSE 0 END) AS open",
        "SUM(CASE WHEN p.status IN ('registered', 'assigned', 'rectifying', 'submitted') AND p.deadline < :today THEN 1 ELSE 0 END) AS overdue",
        "SUM(CASE WHEN p.status = 'closed' THEN 1 ELSE 0 END) AS closed",
      ])
      .andWhere('p.year = :year', { year, today })
      .groupBy('o.path')
      .getRawMany<Record<string, unknown>>();
    return rows.map((r) => ({
      path: String(r.path),
      open: Number(r.open ?? 0),
      overdue: Number(r.overdue ?? 0),
      closed: Number(r.closed ?? 0),
    }));
  }

  /** Feedback about orgs of the subtree not yet answered, and of those the ones past their reply date. */
  async feedbackCounts(path: string, now: Date): Promise<{ path: string; open: number; overdue: number }[]> {
    const rows = await this.inSubtree('feedback', 'f', 'orgId', path)
      .select(['o.path AS path', 'COUNT(*) AS open', 'SUM(CASE WHEN f.replyDueAt < :now THEN 1 ELSE 0 END) AS overdue'])
      .andWhere("f.status = 'received'")
      .setParameter('now', now)
      .groupBy('o.path')
      .getRawMany<Record<string, unknown>>();
    return rows.map((r) => ({ path: String(r.path), open: Number(r.open ?? 0), overdue: Number(r.overdue ?? 0) }));
  }

  /** The study plans running in the year that apply to the subtree (its own and those above), with their materials. */
  async plansFor(w: YearWindow): Promise<{ id: string; path: string; materialIds: string[] }[]> {
    const ancestorIds = w.path.split('/').filter(Boolean).slice(0, -1);
    const qb = joinOrg(this.ds.createQueryBuilder().from('study_plans', 'sp'), 'o', 'o.id = sp.orgId')
      .select(['sp.id AS id', 'o.path AS path'])
      .where('sp.startsOn <= :toDay AND sp.endsOn >= :fromDay', { fromDay: w.fromDay, toDay: w.toDay })
      .andWhere(ancestorIds.length ? '(o.path LIKE :sub OR sp.orgId IN (:...anc))' : 'o.path LIKE :sub', {
        sub: `${w.path}%`,
        anc: ancestorIds,
      });
    const plans = await qb.getRawMany<{ id: string; path: string }>();
    if (!plans.length) return [];
    const mats = await this.ds
      .createQueryBuilder()
      .from('study_plan_materials', 'pm')
      .select(['pm.planId AS planId', 'pm.materialId AS materialId'])
      .where('pm.planId IN (:...ids)', { ids: plans.map((p) => p.id) })
      .getRawMany<{ planId: string; materialId: string }>();
    return plans.map((p) => ({ ...p, materialIds: mats.filter((m) => m.planId === p.id).map((m) => m.materialId) }));
  }

  /** Party members of the subtree who completed every one of these materials, counted per org path (in SQL). */
  async completedAllByPath(path: string, materialIds: string[], on: string): Promise<{ path: string; n: number }[]> {
    if (!materialIds.length) return [];
    const qb = joinOrg(
      this.ds
        .createQueryBuilder()
        .from(
          (sub) =>
            sub
              .select('c.memberId', 'memberId')
              .from('study_completions', 'c')
              .where('c.materialId IN (:...ids)')
              .groupBy('c.memberId')
              .having('COUNT(*) = :n'),
          'd',
        )
        .innerJoin('members', 'm', 'm.id = d.memberId'),
      'o',
      'o.id = m.orgId',
    );
    const rows = await whereInSubtrees(qb, 'o', [path])
      .select(['o.path AS path', 'COUNT(*) AS n'])
      .andWhere(...partyMemberSql('m', { on, exitDaySql: EXIT_DAY_SQL }))
      .setParameters({ ids: materialIds, n: materialIds.length })
      .groupBy('o.path')
      .getRawMany<{ path: string; n: unknown }>();
    return rows.map((r) => ({ path: r.path, n: Number(r.n) }));
  }

  /** Party members of these subtrees with their org path. */
  async partyMembersIn(paths: string[], on: string): Promise<{ id: string; path: string }[]> {
    return whereInSubtrees(
      joinOrg(this.ds.createQueryBuilder().from('members', 'm'), 'o', 'o.id = m.orgId').select(['m.id AS id', 'o.path AS path']),
      'o',
      paths,
    )
      .andWhere(...partyMemberSql('m', { on, exitDaySql: EXIT_DAY_SQL }))
      .getRawMany();
  }

  /** Members of the subtree who completed every one of these materials. */
  async completedAll(path: string, materialIds: string[]): Promise<string[]> {
    if (!materialIds.length) return [];
    const qb = joinOrg(
      this.ds.createQueryBuilder().from('study_completions', 'c').innerJoin('members', 'm', 'm.id = c.memberId'),
      'o',
      'o.id = m.orgId',
    );
    const rows = await whereInSubtrees(qb, 'o', [path])
      .select('c.memberId AS memberId')
      .andWhere('c.materialId IN (:...ids)', { ids: materialIds })
      .groupBy('c.memberId')
      .having('COUNT(*) = :n', { n: materialIds.length })
      .getRawMany<{ memberId: string }>();
    return rows.map((r) => r.memberId);
  }

  /** A column's name quoted for this dialect (for columns named like SQL words, e.g. `on`). */
  col(alias: string, c: string): string {
    return `${alias}.${this.q(c)}`;
  }
}
