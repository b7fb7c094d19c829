/**
 * The thirty figures of the yearly report (REPORT-FIGURES.md), each computed from the records
 * behind it. A count's value is the number of its sources (one source per thing counted: a
 * household visited twice is one source); a money figure is their sum. A figure whose record
 * kind does not exist yet says so (`missing`) and has no value — never a 0 that looks counted.
 */
import type { ReportFigure, ReportFigurePart, ReportSource, ReportSourceType } from '@djzy/shared';
import { DEFAULT_CARE_WINDOWS, DISPOSAL_KIND_LABELS, careWindows, toLocalDate, type DisposalKind } from '@djzy/shared';
import { rawInstant, type NamedRow, type ReportRepository, type YearWindow } from './report.repository';

type Compute = (repo: ReportRepository, w: YearWindow) => Promise<Pick<ReportFigure, 'sources' | 'parts'> & { value?: number }>;

interface FigureDef {
  no: number;
  label: string;
  unit: string;
  rule: string;
  compute?: Compute;
  missing?: string;
}

const day = (v: unknown): string | null =>
  v == null ? null : typeof v === 'string' && /^\d{4}-\d\d-\d\d$/.test(v) ? v : toLocalDate(rawInstant(v));

function source(type: ReportSourceType, r: NamedRow | { id: string; name: string; day?: unknown; orgName?: string | null }): ReportSource {
  return { type, id: String(r.id), name: String(r.name ?? ''), date: day(r.day), orgName: r.orgName == null ? null : String(r.orgName) };
}

/** The first row of each distinct key, in order: "distinct households", "distinct members" … */
function firstBy<T>(rows: T[], key: (r: T) => string): T[] {
  const seen = new Set<string>();
  return rows.filter((r) => {
    const k = key(r);
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}

const activityFigure =
  (
    kinds: Parameters<ReportRepository['activities']>[1],
    ownOnly: boolean,
    keep?: (
      rows: Awaited<ReturnType<ReportRepository['activities']>>,
      repo: ReportRepository,
      w: YearWindow,
    ) => Promise<Awaited<ReturnType<ReportRepository['activities']>>>,
  ): Compute =>
  async (repo, w) => {
    let rows = await repo.activities(w, kinds, { ownOnly });
    if (keep) rows = await keep(rows, repo, w);
    return { sources: rows.map((a) => source('activity', { id: a.id, name: a.title, day: a.startsAt, orgName: a.orgName })) };
  };

/** A grant held at an instant. */
const heldAt = (g: { grantedAt: Date; endedAt: Date | null }, at: Date) => g.grantedAt <= at && (!g.endedAt || g.endedAt > at);

/** Roles that make a lecturer a 领导干部: the township's (or county's) leaders and branch secretaries. */
const LEADING_ROLES = ['admin', 'branch_secretary'];

export const FIGURES: FigureDef[] = [
  {
    no: 1,
    label: '召开党建专题研究会议',
    unit: '次',
    rule: '本级组织召开的“党建专题研究会议”类活动',
    compute: activityFigure(['party_building_meeting'], true),
  },
  {
    no: 2,
    label: '党委中心组学习',
    unit: '次',
    rule: '本级组织的“党委中心组学习”类活动',
    compute: activityFigure(['theory_study_group'], true),
  },
  {
    no: 3,
    label: '调研',
    unit: '次',
    rule: '本级组织登记的调研记录（目的为“调研”）',
    compute: async (repo, w) => ({ sources: (await repo.visits(w, 'research')).map((v) => source('visit', v)) }),
  },
  {
    no: 4,
    label: '与各村支部成员谈心交流',
    unit: '人次',
    rule: '本级组织登记的谈心谈话记录，每谈一人计一人次',
    compute: async (repo, w) => ({ sources: (await repo.talks(w)).map((t) => source('talk', t)) }),
  },
  {
    no: 5,
    label: '走访党员和贫困户',
    unit: '户',
    rule: '本级组织调研走访记录中的走访户，同一户多次走访计一户',
    compute: async (repo, w) => ({
      sources: firstBy(await repo.visitedHouseholds(w), (h) => h.householdKey).map((h) => source('visit_household', h)),
    }),
  },
  {
    no: 6,
    label: '解决党建方面问题',
    unit: '个',
    rule: '本年度内复查销号的问题',
    compute: async (repo, w) => ({
      sources: (
        await repo.problems(w, (qb) =>
          qb.andWhere("p.status = 'closed'").andWhere('p.closedAt >= :from AND p.closedAt < :to', { from: w.from, to: w.to }),
        )
      ).map((p) => source('problem', { ...p, day: p.closedAt })),
    }),
  },
  {
    no: 7,
    label: '约谈整改工作落实不力的村干部',
    unit: '名',
    rule: '本年度约谈记录中的被约谈人，同一人多次约谈计一名',
    compute: async (repo, w) => ({
      sources: firstBy(await repo.interviewees(w), (i) => i.memberId).map((i) =>
        source('interview_member', { id: i.memberId, name: i.name, day: i.at, orgName: i.orgName }),
      ),
    }),
  },
  {
    no: 8,
    label: '开展党建专项检查',
    unit: '次',
    rule: '本年度开始的专项检查记录',
    compute: async (repo, w) => ({ sources: (await repo.inspections(w)).map((i) => source('inspection', i)) }),
  },
  {
    no: 9,
    label: '组织乡村干部到党建示范点观摩',
    unit: '次',
    rule: '本级组织的“观摩”类活动',
    compute: activityFigure(['observation'], true),
  },
  {
    no: 10,
    label: '下发党建工作督查通报',
    unit: '期',
    rule: '本年度已发布（未撤回）的督查通报',
    compute: async (repo, w) => ({
      sources: (await repo.publishedNotices(w)).map((n) =>
        source('inspection_notice', { id: n.id, name: `第${n.serialNo}期 ${n.name}`, day: n.publishedAt, orgName: n.orgName }),
      ),
    }),
  },
  {
    no: 11,
    label: '召开村干部述职测评会',
    unit: '场（次）',
    rule: '本级组织的“述职测评会”类活动',
    compute: activityFigure(['review_meeting'], true),
  },
  {
    no: 12,
    label: '村党支部党建阵地标准化建设',
    unit: '个',
    rule: '本年度完成标准化建设的党建阵地所在支部，一个支部计一个',
    compute: async (repo, w) => ({ sources: firstBy(await repo.standardizedSites(w), (s) => s.orgId).map((s) => source('site', s)) }),
  },
  {
    no: 13,
    label: '党建阵地投入资金',
    unit: '万元',
    rule: '本年度党建阵地投入记录的金额合计（元折合万元，保留两位小数）',
    compute: async (repo, w) => {
      const rows = await repo.siteInvestments(w);
      const cents = rows.reduce((s, r) => s + r.amountCents, 0);
      return {
        value: Math.round(cents / 10_000) / 100,
        sources: rows.map((r) => ({ ...source('site_investment', r), amountCents: r.amountCents })),
      };
    },
  },
  {
    no: 14,
    label: '后进村党组织晋位升级',
    unit: '个',
    rule: '上年度评定为“后进”的支部；其中本年度评定为“一般”或“先进”的为已晋位升级',
    compute: async (repo, w) => {
      const before = (await repo.ratings(w, w.year - 1)).filter((r) => r.rating === 'lagging');
      const now = new Map((await repo.ratings(w, w.year)).map((r) => [r.orgId, r.rating]));
      const up = before.filter((r) => now.get(r.orgId) === 'average' || now.get(r.orgId) === 'advanced');
      return {
        sources: before.map((r) =>
          source('branch_rating', { id: r.id, name: `${r.orgName}（${w.year - 1}年度后进）`, day: r.decidedOn, orgName: r.orgName }),
        ),
        parts: [{ key: 'moved_up', label: '已晋位升级', value: up.length, unit: '个' }],
      };
    },
  },
  {
    no: 15,
    label: '选树表彰基层党组织和优秀共产党员',
    unit: '项',
    rule: '本年度表彰记录：表彰党组织计“个”，表彰党员计“名”',
    compute: async (repo, w) => {
      const rows = await repo.commendations(w);
      const orgs = rows.filter((r) => r.subjectKind === 'org');
      const members = rows.filter((r) => r.subjectKind === 'member');
      const parts: ReportFigurePart[] = [
        { key: 'orgs', label: '基层党组织', value: orgs.length, unit: '个' },
        { key: 'members', label: '优秀共产党员', value: members.length, unit: '名' },
      ];
      return {
        sources: rows.map((r) =>
          source('commendation', {
            ...r,
            name: r.subjectKind === 'member' ? `${r.memberName ?? ''}：${r.name}` : `${r.orgName}：${r.name}`,
          }),
        ),
        parts,
      };
    },
  },
  {
    no: 16,
    label: '发展党员',
    unit: '名',
    rule: '支部大会讨论接收（第15步）在本年度且上级党委已审批（第17步）的发展对象；明细列出支部大会和审批两个日期',
    compute: async (repo, w) => ({
      sources: (await repo.developmentSteps(w, 15, 17)).map((r) =>
        source('development_case', { ...r, name: `${r.name}（支部大会${r.day}，上级党委审批${r.otherDay ?? ''}）` }),
      ),
    }),
  },
  {
    no: 17,
    label: '培养入党积极分子',
    unit: '名',
    rule: '本年度确定为入党积极分子（第3步）的人数',
    compute: async (repo, w) => ({
      sources: (await repo.developmentSteps(w, 3)).map((r) =>
        source('development_case', { ...r, name: `${r.name}（确定为入党积极分子${r.day}）` }),
      ),
    }),
  },
  {
    no: 18,
    label: '选齐配强团支部书记和妇联主席的村',
    unit: '个',
    rule: '年末（本年度为当前）团支部书记和妇联主席均在任的村党支部',
    compute: async (repo, w) => {
      const grants = await repo.liveGrants(w, ['youth_league_secretary', 'women_federation_chair'], w.asOf);
      const byOrg = new Map<string, { orgName: string; roles: Set<string> }>();
      for (const g of grants) {
        const e = byOrg.get(g.orgId) ?? { orgName: g.orgName, roles: new Set<string>() };
        e.roles.add(g.role);
        byOrg.set(g.orgId, e);
      }
      const full = [...byOrg.entries()]
        .filter(([, e]) => e.roles.size === 2)
        .sort((a, b) => a[1].orgName.localeCompare(b[1].orgName, 'zh'));
      return { sources: full.map(([id, e]) => source('org', { id, name: e.orgName, orgName: e.orgName })) };
    },
  },
  {
    no: 19,
    label: '调整不能胜任的党支部书记',
    unit: '名',
    rule: '本年度因“调整”卸任的党支部书记',
    compute: async (repo, w) => ({
      sources: (await repo.endedGrants(w, 'branch_secretary', 'replaced')).map((g) => source('role_grant', { ...g, day: g.endedAt })),
    }),
  },
  {
    no: 20,
    label: '向不按时参加组织生活的党员下发限期整改通知书',
    unit: '名',
    rule: '本年度收到限期整改通知书的党员，一人多份计一名',
    compute: async (repo, w) => ({
      sources: firstBy(await repo.rectificationNotices(w), (r) => r.memberId).map((r) =>
        source('rectification_notice', { id: r.id, name: r.name, day: r.createdAt, orgName: r.orgName }),
      ),
    }),
  },
  {
    no: 21,
    label: '处置不合格党员',
    unit: '名',
    rule: '本年度经党委批准的组织处置（限期改正、劝其退党、除名）的党员，一人多次计一名',
    compute: async (repo, w) => ({
      sources: firstBy(await repo.approvedDisposals(w), (d) => d.memberId).map((d) =>
        source('disposal', { ...d, name: `${d.name}（${DISPOSAL_KIND_LABELS[d.kind as DisposalKind] ?? d.kind}）` }),
      ),
    }),
  },
  {
    no: 22,
    label: '组织支部书记集中学习',
    unit: '次',
    rule: '本级组织的“集中学习”类活动中，参加对象均为在任党支部书记的',
    compute: activityFigure(['study_session'], true, async (rows, repo) => {
      const named = rows.filter((a) => a.audience === 'members');
      const invitees = await repo.invitees(named.map((a) => a.id));
      const grants = await repo.grantsOf({ memberIds: [...new Set(invitees.map((i) => i.memberId))], path: '' }, ['branch_secretary']);
      return named.filter((a) => {
        const mine = invitees.filter((i) => i.activityId === a.id);
        return mine.length > 0 && mine.every((i) => grants.some((g) => g.memberId === i.memberId && heldAt(g, a.startsAt)));
      });
    }),
  },
  {
    no: 23,
    label: '党建工作专题交流汇报',
    unit: '次',
    rule: '本级组织的“专题交流汇报”类活动',
    compute: activityFigure(['exchange_meeting'], true),
  },
  {
    no: 24,
    label: '组织全乡党员集中学习',
    unit: '场（次）',
    rule: '本级组织面向全体党员（参加对象为本组织）的“集中学习”类活动',
    compute: activityFigure(['study_session'], true, async (rows) => rows.filter((a) => a.audience === 'org')),
  },
  {
    no: 25,
    label: '领导干部讲党课',
    unit: '场（次）',
    rule: '本组织及下级组织的党课中，主讲人讲课时担任党委委员（管理员）或党支部书记的',
    compute: activityFigure(['party_lecture'], false, async (rows, repo, w) => {
      const names = [...new Set(rows.map((a) => a.lecturer?.trim()).filter((x): x is string => !!x))];
      const grants = await repo.grantsOf({ names, path: w.path }, LEADING_ROLES);
      return rows.filter((a) => !!a.lecturer && grants.some((g) => g.name === a.lecturer!.trim() && heldAt(g, a.startsAt)));
    }),
  },
  {
    no: 26,
    label: '述职评议考核中点出的问题',
    unit: '个',
    rule: '本年度问题清单中来源为“述职评议”的问题（作废的除外）',
    compute: async (repo, w) => ({
      sources: (
        await repo.problems(w, (qb) =>
          qb.andWhere("p.source = 'review'").andWhere('p.year = :year', { year: w.year }).andWhere("p.status <> 'void'"),
        )
      ).map((p) => source('problem', { ...p, day: p.raisedAt })),
    }),
  },
  {
    no: 27,
    label: '党建观摩评议提出的意见建议',
    unit: '条',
    rule: '本年度问题清单中来源为“观摩评议”的问题（作废的除外），按类别计“类”',
    compute: async (repo, w) => {
      const rows = await repo.problems(w, (qb) =>
        qb.andWhere("p.source = 'observation_review'").andWhere('p.year = :year', { year: w.year }).andWhere("p.status <> 'void'"),
      );
      const categories = new Set(rows.map((r) => String(r.category)));
      return {
        sources: rows.map((p) => source('problem', { ...p, day: p.raisedAt })),
        parts: [
          { key: 'categories', label: '类别', value: categories.size, unit: '类' },
          { key: 'items', label: '意见建议', value: rows.length, unit: '条' },
        ],
      };
    },
  },
  {
    no: 28,
    label: '发放党员小书包和党员手册',
    unit: '名',
    rule: '本年度学习计划覆盖的党员（正式、预备党员）',
    compute: async (repo, w) => ({
      sources: (await repo.kitMembers(w)).map((m) => source('member', { id: m.id, name: m.name, day: m.planStart, orgName: m.orgName })),
    }),
  },
  {
    no: 29,
    label: '“七一”、春节期间慰问生活困难党员',
    unit: '名',
    rule: '“七一”（默认6月1日至7月10日）、春节（默认腊月十五至正月十五）期间慰问记录中的党员，一人多次计一名',
    compute: async (repo, w) => {
      const rows = await repo.careVisits(w);
      // The windows of each member's org: the nearest org up its path with settings, else the defaults.
      const settings = await repo.careSettings([...new Set(rows.flatMap((r) => r.path.split('/').filter(Boolean)))]);
      const windowsOf = (path: string) => {
        const own = path
          .split('/')
          .filter(Boolean)
          .reverse()
          .map((id) => settings.find((s) => s.orgId === id))
          .find((s) => !!s);
        return careWindows(w.year, own ?? DEFAULT_CARE_WINDOWS);
      };
      const inWindow = (r: { day: string | null; path: string }) => {
        const win = windowsOf(r.path);
        const d = String(r.day);
        return (
          (d >= win.qiyi.from && d <= win.qiyi.to) || (!!win.springFestival && d >= win.springFestival.from && d <= win.springFestival.to)
        );
      };
      return { sources: firstBy(rows.filter(inWindow), (r) => r.memberId).map((r) => source('care_visit', r)) };
    },
  },
  {
    no: 30,
    label: '为群众办实事',
    unit: '件',
    rule: '本年度办结的为群众办实事（其中已回访确认的另列）',
    compute: async (repo, w) => {
      const rows = await repo.deedsDone(w);
      return {
        sources: rows.map((d) => source('public_deed', { ...d, day: d.doneAt })),
        parts: [{ key: 'confirmed', label: '已回访确认', value: rows.filter((d) => d.status === 'confirmed').length, unit: '件' }],
      };
    },
  },
];

/** Every figure for the window, in order. */
export async function computeFigures(repo: ReportRepository, w: YearWindow): Promise<ReportFigure[]> {
  return Promise.all(
    FIGURES.map(async (f): Promise<ReportFigure> => {
      const base = { no: f.no, label: f.label, unit: f.unit, rule: f.rule };
      if (!f.compute) return { ...base, value: null, missing: f.missing, sources: [] };
      const { value, sources, parts } = await f.compute(repo, w);
      return { ...base, value: value ?? sources.length, sources, ...(parts ? { parts } : {}) };
    }),
  );
}
