/**
 * The yearly 述职报告 and the county's overview: who may read which org's, for which year, and
 * the figures from the records (report.figures.ts). Nothing is typed in and nothing is stored:
 * every answer is computed from the records at the time it is asked.
 */
import type { DataSource } from 'typeorm';
import {
  ACTIVITY_KIND_LABELS,
  ORG_LIFE_KINDS,
  PROBLEM_SOURCE_LABELS,
  toIsoLocal,
  toLocalDate,
  type AnnualReport,
  type OverviewOrgLife,
  type OverviewRow,
  type ProblemSource,
  type ReportOverview,
  localYearSpan,
} from '@djzy/shared';
import { systemClock, type Clock } from '../../core/clock';
import { AppError, fieldError } from '../../core/errors';
import { covers, isManager, scopePaths, type Principal } from '../../core/principal';
import type { FollowUpService } from '../followup';
import type { MobilityService } from '../mobility';
import type { Org, OrgService } from '../org';
import { computeFigures } from './report.figures';
import { ReportRepository, type YearWindow } from './report.repository';

const OPEN_STATES = ['registered', 'assigned', 'rectifying', 'submitted'];

export class ReportService {
  private readonly repo: ReportRepository;

  constructor(
    ds: DataSource,
    private readonly orgs: OrgService,
    private readonly followUp: FollowUpService,
    private readonly mobility: MobilityService,
    private readonly now: Clock = systemClock,
  ) {
    this.repo = new ReportRepository(ds);
  }

  /** The org asked for (default: the caller's top org) — 404 when unknown or not theirs, as if it did not exist. */
  private async orgFor(p: Principal, orgId?: string): Promise<Org> {
    if (!isManager(p)) throw new AppError('FORBIDDEN');
    if (!orgId) {
      const top = scopePaths(p).sort((a, b) => a.length - b.length)[0];
      if (!top) throw new AppError('FORBIDDEN');
      orgId = top.split('/').filter(Boolean).pop()!;
    }
    const org = await this.orgs.find(orgId);
    if (!org || !covers(p, org.path)) throw new AppError('NOT_FOUND');
    return org;
  }

  /** The year's window; the current year by default, never a future one. */
  private windowOf(org: Org, yearAsked?: number): YearWindow {
    const now = this.now();
    const current = Number(toLocalDate(now).slice(0, 4));
    const year = yearAsked ?? current;
    if (year > current) throw fieldError('year', '不能查询未来年度');
    const { from, to } = localYearSpan(year);
    const asOf = now < to ? now : new Date(to.getTime() - 1);
    return {
      path: org.path,
      orgId: org.id,
      year,
      from,
      to,
      fromDay: `${year}-01-01`,
      toDay: `${year}-12-31`,
      asOf,
      asOfDay: toLocalDate(asOf),
    };
  }

  /** `GET /reports/annual?orgId=&year=`: the thirty figures with their records. */
  async annual(p: Principal, q: { orgId?: string; year?: number }): Promise<AnnualReport> {
    const org = await this.orgFor(p, q.orgId);
    const w = this.windowOf(org, q.year);
    const today = toLocalDate(this.now());
    const [figures, problems, openResponsibilities] = await Promise.all([
      computeFigures(this.repo, w),
      this.repo.problems(w, (qb) =>
        qb.andWhere('p.year = :year', { year: w.year }).andWhere('p.status IN (:...open)', { open: OPEN_STATES }),
      ),
      this.repo.openResponsibilities(w),
    ]);
    const openProblems = problems
      .map((x) => ({
        id: x.id,
        orgName: x.orgName,
        source: PROBLEM_SOURCE_LABELS[x.source as ProblemSource] ?? String(x.source),
        category: String(x.category),
        description: String(x.description),
        deadline: x.day,
        overdue: !!x.day && x.day < today,
      }))
      .sort((a, b) => a.source.localeCompare(b.source, 'zh') || (a.deadline ?? '9').localeCompare(b.deadline ?? '9'));
    return {
      orgId: org.id,
      orgName: org.name,
      orgKind: org.kind,
      year: w.year,
      figures,
      openProblems,
      openResponsibilities,
      generatedAt: toIsoLocal(this.now()),
    };
  }

  /**
   * `GET /reports/overview?orgId=&year=`: for each child org (a county's townships, a township's
   * branches) the records — org-life held against required, mobile members overdue, problems,
   * feedback, study plans done or not. Child orgs are listed in tree order, never ranked.
   */
  async overview(p: Principal, q: { orgId?: string; year?: number }): Promise<ReportOverview> {
    const org = await this.orgFor(p, q.orgId);
    const w = this.windowOf(org, q.year);
    const now = this.now();
    const today = toLocalDate(now);
    const inTree = await this.orgs.inSubtrees([org.path]);
    const children = org.kind === 'branch' || org.kind === 'group' ? [org] : inTree.filter((o) => o.parentId === org.id);
    const childOf = (path: string) => children.find((c) => path.startsWith(c.path));

    const [frequency, mobile, members, problems, feedback, plans] = await Promise.all([
      this.followUp.frequency(p, org.id, w.year),
      this.mobility.dutyIn(p, org.id),
      this.repo.memberCountsByOrg(org.path, w.asOfDay),
      this.repo.problemCounts(org.path, w.year, today),
      this.repo.feedbackCounts(org.path, now),
      this.repo.plansFor(w),
    ]);
    const pathOf = new Map(inTree.map((o) => [o.id, o.path]));

    const rows = new Map<string, OverviewRow>();
    const blank = (o: Org): OverviewRow => ({
      orgId: o.id,
      orgName: o.name,
      orgKind: o.kind,
      hasChildren: o.kind !== 'branch' && o.kind !== 'group' && inTree.some((x) => x.parentId === o.id),
      branches: 0,
      members: 0,
      orgLife: ORG_LIFE_KINDS.map((kind): OverviewOrgLife => ({
        kind,
        label: ACTIVITY_KIND_LABELS[kind],
        held: 0,
        required: 0,
        missed: 0,
      })),
      behindBranches: 0,
      mobile: { total: 0, overdue: 0, lostContact: 0 },
      problems: { open: 0, overdue: 0, closed: 0 },
      feedback: { open: 0, overdue: 0 },
      study: { plans: 0, done: 0, notDone: 0 },
    });
    for (const c of children) rows.set(c.id, blank(c));
    const total = blank(org);
    const each = (path: string | undefined, fn: (r: OverviewRow) => void) => {
      if (!path) return;
      const c = childOf(path);
      if (c) fn(rows.get(c.id)!);
      fn(total);
    };

    for (const b of frequency.branches) {
      each(pathOf.get(b.orgId), (r) => {
        r.branches += 1;
        if (b.missedCount > 0) r.behindBranches += 1;
        for (const cell of b.cells) {
          const life = r.orgLife.find((l) => l.kind === cell.kind)!;
          life.held += Math.min(cell.held, cell.required);
          life.required += cell.required;
          if (cell.missed) life.missed += 1;
        }
      });
    }
    for (const m of mobile) {
      each(pathOf.get(m.orgId), (r) => {
        if (m.status === 'returned') return;
        r.mobile.total += 1;
        if (m.overdueDays > 0) r.mobile.overdue += 1;
        if (m.status === 'lost_contact') r.mobile.lostContact += 1;
      });
    }
    for (const m of members) each(m.path, (r) => (r.members += m.n));
    for (const x of problems)
      each(x.path, (r) => {
        r.problems.open += x.open;
        r.problems.overdue += x.overdue;
        r.problems.closed += x.closed;
      });
    for (const f of feedback)
      each(f.path, (r) => {
        r.feedback.open += f.open;
        r.feedback.overdue += f.overdue;
      });

    // Study plans: a member is done when they finished every plan of the year that applies to them.
    if (plans.length) {
      const within = (pl: { path: string }) => (org.path.startsWith(pl.path) ? org.path : pl.path);
      for (const c of [...rows.values(), total])
        c.study.plans = plans.filter(
          (pl) => c === total || pl.path.startsWith(pathOf.get(c.orgId) ?? '\0') || (pathOf.get(c.orgId) ?? '').startsWith(pl.path),
        ).length;
      if (plans.length === 1) {
        // The usual case, counted in SQL per org: those covered (Party members under the plan's org) and those done.
        const [pl] = plans;
        const root = within(pl);
        for (const m of members) if (m.path.startsWith(root)) each(m.path, (r) => (r.study.notDone += m.n));
        for (const d of await this.repo.completedAllByPath(root, pl.materialIds, w.asOfDay))
          each(d.path, (r) => {
            r.study.done += d.n;
            r.study.notDone -= d.n;
          });
      } else {
        const covered = await this.repo.partyMembersIn([...new Set(plans.map(within))], w.asOfDay);
        const doneBy = await Promise.all(plans.map(async (pl) => new Set(await this.repo.completedAll(within(pl), pl.materialIds))));
        for (const m of covered) {
          const mine = plans.map((pl, i) => ({ pl, i })).filter(({ pl }) => m.path.startsWith(pl.path));
          if (!mine.length) continue;
          const done = mine.every(({ i }) => doneBy[i].has(m.id));
          each(m.path, (r) => {
            if (done) r.study.done += 1;
            else r.study.notDone += 1;
          });
        }
      }
    }

    const trailIds = org.path.split('/').filter(Boolean);
    const visible = scopePaths(p);
    const trailOrgs = await this.orgs.byIds(trailIds);
    const trail = trailIds
      .map((id) => trailOrgs.get(id))
      .filter((o): o is Org => !!o && visible.some((v) => o.path.startsWith(v)))
      .map((o) => ({ id: o.id, name: o.name }));
    return {
      orgId: org.id,
      orgName: org.name,
      orgKind: org.kind,
      year: w.year,
      trail,
      total,
      rows: children.map((c) => rows.get(c.id)!),
      generatedAt: toIsoLocal(now),
    };
  }
}
