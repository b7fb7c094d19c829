/**
 * The demo county's 述职评议 and 百分制考核, after the other seeds (it reads their records):
 *  - last year's review of each township, held at its January 述职评议会: the secretaries' duty
 *    reports (figures from the yearly-report engine, accepted), ballots cast on one-time tokens
 *    and a paper tally with its witness, the committee's grades with the meeting that decided,
 *    published; and the 点评 that became this year's `review` problems (linked both ways);
 *  - this year's session planned on next January's 述职评议会;
 *  - the suggested default 百分制 template per township for this year, and a few assessments:
 *    one assessed from the records (a deduction with its reason), one self-assessed, one draft.
 * Written directly as history, except the figures and the records' scores, which the services
 * compute as the township's admin would see them.
 */
import { createHash, randomBytes } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { DEFAULT_ASSESSMENT_TEMPLATE, DEFAULT_GRADE_SCALE, toLocalDate, type AssessmentItem, type ReviewGrade } from '@djzy/shared';
import type { Services } from '../app';
import type { Principal } from '../core/principal';
import { newId } from '../core/ids';
import { Activity } from '../modules/activity/activity.entity';
import { RoleGrant } from '../modules/auth/role-grant.entity';
import { User } from '../modules/auth/user.entity';
import { Member } from '../modules/member/member.entity';
import { Org } from '../modules/org/org.entity';
import { Problem } from '../modules/problem/problem.entity';
import { figuresJson, templateRow } from '../modules/review';
import {
  AssessmentTemplate,
  Ballot,
  BallotGrade,
  BallotToken,
  DutyReport,
  PaperTally,
  ReviewComment,
  ReviewReporter,
  ReviewSession,
} from '../modules/review/review.entity';
import { prng } from './seed';

const DAY = 24 * 3600_000;
const hash = (t: string) => createHash('sha256').update(t, 'utf8').digest('hex');
const randomId = () => randomBytes(12).toString('hex');

const COMMENTS = [
  '“三会一课”记录不规范，部分支委会没有会议记录',
  '流动党员联系不经常，个别党员半年以上未联系',
  '发展党员工作抓得不紧，后备力量不足',
];
const BODY = (name: string, org: string, year: number) =>
  `${year}年，${org}在镇党委的坚强领导下，认真履行抓基层党建工作第一责任人职责。现将本人抓基层党建工作情况报告如下：\n` +
  '一、主要做法和成效（各项数据见附表，均取自平台记录）。\n二、存在的问题：组织生活质量有待提高，流动党员管理还有薄弱环节。\n' +
  `三、下一步打算：落实“三会一课”制度，加强流动党员联系，按期完成问题整改。\n述职人：${name}`;

export async function seedDemoReview(
  ds: DataSource,
  services: Services,
  now: Date = new Date(),
): Promise<{ reviewSessions: number; ballots: number; assessments: number }> {
  const rnd = prng(20261215).next;
  const orgs = await ds.getRepository(Org).find({ order: { sortOrder: 'ASC' } });
  const grants = await ds.getRepository(RoleGrant).find();
  const users = await ds.getRepository(User).find();
  const members = await ds.getRepository(Member).find({ select: { id: true, name: true, orgId: true } });
  const year = Number(toLocalDate(now).slice(0, 4));
  let sessions = 0;
  let ballotCount = 0;
  let assessments = 0;

  for (const township of orgs.filter((o) => o.kind === 'township')) {
    const adminGrant = grants.find((g) => g.role === 'admin' && g.orgId === township.id && g.userId && !g.endedAt);
    const admin = users.find((u) => u.id === adminGrant?.userId);
    if (!admin) continue;
    const p: Principal = {
      kind: 'user',
      id: admin.id,
      name: admin.name,
      username: admin.username,
      memberId: null,
      userId: admin.id,
      orgId: null,
      orgPath: null,
      memberStatus: null,
      memberMobile: false,
      grants: [{ role: 'admin', orgId: township.id, orgName: township.name, orgPath: township.path }],
    };
    const branches = orgs.filter((o) => o.parentId === township.id && o.kind === 'branch');
    const reporters = branches
      .map((b) => ({ branch: b, grant: grants.find((g) => g.role === 'branch_secretary' && g.orgId === b.id && g.memberId && !g.endedAt) }))
      .filter((x): x is { branch: Org; grant: RoleGrant } => !!x.grant)
      .map((x) => ({ branch: x.branch, member: members.find((m) => m.id === x.grant.memberId)! }))
      .filter((x) => !!x.member);
    if (!reporters.length) continue;

    // ── last year's review, at this January's 述职评议会 (or one dated last December) ────────
    let meeting = (
      await ds.getRepository(Activity).find({ where: { orgId: township.id, kind: 'review_meeting' }, order: { startsAt: 'ASC' } })
    ).find((a) => a.startsAt.getTime() < now.getTime());
    if (!meeting) {
      const startsAt = new Date(`${year - 1}-12-28T09:00:00+08:00`);
      meeting = activityRow(township, '村党组织书记抓基层党建工作述职评议会', startsAt, admin.id);
      await ds.getRepository(Activity).insert(meeting);
    }
    const held = meeting.startsAt;
    const reviewed = year - 1;
    const figures = new Map<string, string>();
    for (const r of reporters) {
      const report = await services.reports.annual(p, { orgId: r.branch.id, year: reviewed });
      figures.set(
        r.branch.id,
        figuresJson(report.figures.map((f) => ({ no: f.no, label: f.label, value: f.value, unit: f.unit, sources: f.sources }))),
      );
    }
    const attendees = 20 + reporters.length * 3;
    const session: ReviewSession = {
      id: newId(),
      organizerOrgId: township.id,
      year: reviewed,
      activityId: meeting.id,
      gradeScale: JSON.stringify(DEFAULT_GRADE_SCALE),
      attendeeCount: attendees,
      minValidNumerator: 2,
      minValidDenominator: 3,
      status: 'published',
      createdBy: admin.id,
      createdAt: new Date(held.getTime() - 20 * DAY),
      openedAt: held,
      closedAt: new Date(held.getTime() + 2 * 3600_000),
      ratedAt: new Date(held.getTime() + 5 * DAY),
      publishedAt: new Date(held.getTime() + 7 * DAY),
      decisionNote: `${township.name}委员会会议（${toLocalDate(new Date(held.getTime() + 5 * DAY))}）研究确定`,
      decidedBy: admin.id,
      decidedByName: p.name.slice(0, 50),
      updatedAt: new Date(held.getTime() + 7 * DAY),
    };
    const phone = attendees - 3 - Math.floor(rnd() * 4);
    const weights: [ReviewGrade, number][] = [
      ['good', 0.55],
      ['fairly_good', 0.3],
      ['average', 0.12],
      ['poor', 0.03],
    ];
    const pick = (bias: number): ReviewGrade => {
      let x = Math.min(0.999, rnd() + bias);
      for (const [g, w] of weights) if ((x -= w) < 0) return g;
      return 'poor';
    };
    const ballots: Ballot[] = [];
    const grades: BallotGrade[] = [];
    const tally = new Map<string, Record<string, number>>(
      reporters.map((r) => [r.member.id, { good: 0, fairly_good: 0, average: 0, poor: 0 }]),
    );
    for (let i = 0; i < phone; i++) {
      const b = { id: randomId(), sessionId: session.id };
      ballots.push(b);
      for (const [k, r] of reporters.entries()) {
        const grade = pick(k % 3 === 2 ? 0.25 : 0);
        tally.get(r.member.id)![grade]++;
        grades.push({ id: randomId(), ballotId: b.id, sessionId: session.id, reporterMemberId: r.member.id, grade });
      }
    }
    const paper = 2;
    const paperCounts = reporters.map((r, k) => ({
      reporterMemberId: r.member.id,
      counts: k % 2 ? { good: 1, fairly_good: 1 } : { good: 2 },
    }));
    for (const c of paperCounts) for (const [g, n] of Object.entries(c.counts)) tally.get(c.reporterMemberId)![g] += n;
    // The committee's grade: read from the tally and the year's work, decided by the meeting.
    const finalOf = (memberId: string): ReviewGrade => {
      const t = tally.get(memberId)!;
      const all = t.good + t.fairly_good + t.average + t.poor;
      const top = (t.good + t.fairly_good) / all;
      return t.good / all >= 0.5 ? 'good' : top >= 0.75 ? 'fairly_good' : 'average';
    };
    const comments: ReviewComment[] = [];
    const linked: { problemId: string; commentId: string }[] = [];
    const reviewProblems = await ds.getRepository(Problem).find({ where: { source: 'review', year } });
    for (const [k, r] of reporters.entries()) {
      if (k % 2) continue;
      const problem = reviewProblems.find((x) => x.orgId === r.branch.id && !linked.some((l) => l.problemId === x.id));
      const c: ReviewComment = {
        id: newId(),
        sessionId: session.id,
        reporterMemberId: r.member.id,
        text: problem?.description ?? COMMENTS[k % COMMENTS.length],
        byName: '镇党委书记',
        createdBy: admin.id,
        createdAt: new Date(held.getTime() + 3600_000),
        problemId: problem?.id ?? null,
      };
      comments.push(c);
      if (problem) linked.push({ problemId: problem.id, commentId: c.id });
    }

    await ds.transaction(async (em) => {
      await em.insert(ReviewSession, session);
      await em.insert(
        ReviewReporter,
        reporters.map((r, i) => ({
          id: newId(),
          sessionId: session.id,
          memberId: r.member.id,
          orgId: r.branch.id,
          sortOrder: i,
          finalGrade: finalOf(r.member.id),
          basisNote: null,
        })),
      );
      await em.insert(
        DutyReport,
        reporters.map((r) => ({
          id: newId(),
          sessionId: session.id,
          reporterMemberId: r.member.id,
          orgId: r.branch.id,
          year: reviewed,
          body: BODY(r.member.name, r.branch.name, reviewed),
          figures: figures.get(r.branch.id)!,
          figuresAt: new Date(held.getTime() - 15 * DAY),
          status: 'accepted' as const,
          submittedAt: new Date(held.getTime() - 10 * DAY),
          reviewedBy: admin.id,
          reviewedByName: p.name.slice(0, 50),
          reviewedAt: new Date(held.getTime() - 7 * DAY),
          returnedNote: null,
          updatedAt: new Date(held.getTime() - 7 * DAY),
        })),
      );
      // Tokens for every attendee: those used carry only the flag (no time, no ballot).
      const tokens = Array.from({ length: attendees }, (_, i) => ({
        id: newId(),
        sessionId: session.id,
        tokenHash: hash(randomBytes(16).toString('base64url')),
        used: i < phone,
      }));
      for (let i = 0; i < tokens.length; i += 100) await em.insert(BallotToken, tokens.slice(i, i + 100));
      for (let i = 0; i < ballots.length; i += 100) await em.insert(Ballot, ballots.slice(i, i + 100));
      for (let i = 0; i < grades.length; i += 100) await em.insert(BallotGrade, grades.slice(i, i + 100));
      await em.insert(PaperTally, {
        id: newId(),
        sessionId: session.id,
        papers: paper,
        counts: JSON.stringify(paperCounts),
        enteredBy: admin.id,
        enteredByName: p.name.slice(0, 50),
        witnessName: '镇纪委书记',
        enteredAt: new Date(held.getTime() + 90 * 60_000),
      });
      if (comments.length) await em.insert(ReviewComment, comments);
      for (const l of linked) await em.update(Problem, { id: l.problemId }, { sourceRef: l.commentId });
    });
    sessions++;
    ballotCount += ballots.length;

    // ── this year's session, planned on next January's 述职评议会 ───────────────────────────
    const next = activityRow(
      township,
      `${year}年度村党组织书记抓基层党建工作述职评议会`,
      new Date(`${year + 1}-01-12T09:00:00+08:00`),
      admin.id,
    );
    await ds.getRepository(Activity).insert(next);
    await services.review.create(
      p,
      { activityId: next.id, reporterMemberIds: reporters.map((r) => r.member.id), attendeeCount: attendees },
      {},
    );
    sessions++;

    // ── 百分制: the suggested default template, and a few assessments ────────────────────────
    const template = templateRow(township.id, year, DEFAULT_ASSESSMENT_TEMPLATE, now);
    await ds.getRepository(AssessmentTemplate).insert(template);
    const items = DEFAULT_ASSESSMENT_TEMPLATE.items as AssessmentItem[];
    for (const [k, r] of reporters.slice(0, 3).entries()) {
      const a = await services.assessments.create(p, { templateId: template.id, subjectMemberId: r.member.id }, {});
      assessments++;
      if (k === 2) continue;
      await services.assessments.selfAssess(p, a.id, { scores: items.map((x) => ({ code: x.code, score: x.maxPoints })) }, {});
      if (k === 1) continue;
      const auto = await services.assessments.autoScores(p, r.branch.id, year, items);
      await services.assessments.assess(
        p,
        a.id,
        {
          scores: items.map((x) =>
            auto[x.code]
              ? { code: x.code, score: auto[x.code].score / 10 }
              : x.code === 'service'
                ? { code: x.code, score: x.maxPoints - 1, reason: '1 件承诺事项未按期办结' }
                : { code: x.code, score: x.maxPoints },
          ),
        },
        {},
      );
    }
  }
  return { reviewSessions: sessions, ballots: ballotCount, assessments };
}

function activityRow(township: Org, title: string, startsAt: Date, by: string): Activity {
  return {
    id: newId(),
    title,
    kind: 'review_meeting',
    orgId: township.id,
    startsAt,
    endsAt: new Date(startsAt.getTime() + 3 * 3600_000),
    locationName: `${township.name.replace('党委', '')}党委会议室`,
    lat: null,
    lng: null,
    radiusM: null,
    checkinModes: 'qr',
    studyMode: null,
    description: '村党组织书记逐一述职，镇党委点评，与会人员现场无记名测评（扫描测评票二维码或填写纸质测评表）。',
    lecturer: null,
    topic: null,
    allowRemote: false,
    audience: 'members',
    status: 'published',
    createdBy: by,
    createdAt: new Date(startsAt.getTime() - 30 * DAY),
    publishedAt: new Date(startsAt.getTime() - 25 * DAY),
    cancelledAt: null,
    attendanceClosedAt: null,
  } as Activity;
}
