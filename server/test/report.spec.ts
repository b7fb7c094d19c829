/**
 * The yearly 述职报告: each figure against records created here (and records that must not
 * count: another year, a draft, a cancelled meeting, another township, a voided problem …), a
 * count always equal to its sources, scope and bad input, the Word and Excel files read back,
 * and the county's overview.
 */
import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { Activity, ActivityInvitee } from '../src/modules/activity/activity.entity';
import { RoleGrant } from '../src/modules/auth/role-grant.entity';
import { RectificationNotice } from '../src/modules/followup/followup.entity';
import { Feedback, Inspection, InspectionNotice, Interview, InterviewMember, Problem } from '../src/modules/problem/problem.entity';
import { BranchRatingRecord, Commendation, Site, SiteInvestment, Talk, Visit, VisitHousehold } from '../src/modules/records/records.entity';
import { Disposal } from '../src/modules/appraisal/appraisal.entity';
import { CareSetting, CareVisit } from '../src/modules/care/care.entity';
import { DevelopmentCase, DevelopmentStepRecord } from '../src/modules/development/development.entity';
import { PublicDeed } from '../src/modules/service/service.entity';
import { StudyCompletion, StudyMaterial, StudyPlan, StudyPlanMaterial } from '../src/modules/study/study.entity';
import { newId } from '../src/core/ids';
import {
  asMember,
  asUser,
  buildMember,
  buildTree,
  buildUser,
  createTestContext,
  testClock,
  type BuiltMember,
  type TestContext,
} from './support/context';
import type { AnnualReport, ReportFigure, ReportOverview } from '@djzy/shared';

describe('the yearly report', () => {
  const clock = testClock('2026-12-01T10:00:00+08:00');
  let ctx: TestContext;
  let tree: Awaited<ReturnType<typeof buildTree>>;
  let township: string;
  let county: string;
  let otherTownship: string;
  let secretary: BuiltMember;
  let secretary2: BuiltMember;
  let plain: BuiltMember;
  let admin: { id: string };

  const at = (s: string) => new Date(s.length === 10 ? `${s}T09:00:00+08:00` : s);
  const get = (who: string, path: string) => ctx.http.get(`/api/v1${path}`).set('Authorization', who);
  const binary = (who: string, path: string) =>
    get(who, path)
      .buffer(true)
      .parse((r, cb) => {
        const chunks: Buffer[] = [];
        r.on('data', (x: Buffer) => chunks.push(x));
        r.on('end', () => cb(null, Buffer.concat(chunks)));
      });

  async function activity(orgId: string, kind: Activity['kind'], startsAt: string, over: Partial<Activity> = {}): Promise<Activity> {
    const a = {
      id: newId(),
      title: `${kind}-${startsAt}`,
      kind,
      orgId,
      startsAt: at(startsAt),
      endsAt: new Date(at(startsAt).getTime() + 3600_000),
      locationName: '会议室',
      lat: null,
      lng: null,
      radiusM: null,
      checkinModes: 'qr',
      studyMode: null,
      description: null,
      lecturer: null,
      topic: null,
      allowRemote: false,
      audience: 'org' as const,
      status: 'published' as const,
      createdBy: null,
      createdAt: at('2026-01-01'),
      publishedAt: at('2026-01-01'),
      cancelledAt: null,
      attendanceClosedAt: null,
      ...over,
    };
    await ctx.ds.getRepository(Activity).insert(a);
    return a as Activity;
  }

  async function problem(orgId: string, over: Partial<Problem>): Promise<Problem> {
    const p = {
      id: newId(),
      orgId,
      year: 2026,
      source: 'self_check' as const,
      sourceRef: null,
      category: '组织生活',
      description: '问题描述',
      longTerm: false,
      status: 'registered' as const,
      assignerOrgId: tree.t1.id,
      responsibleMemberId: null,
      deadline: null,
      extensions: 0,
      raisedBy: admin.id,
      raisedByName: '管理员',
      raisedAt: at('2026-03-01'),
      closedAt: null,
      closedBy: null,
      closedByName: null,
      updatedAt: at('2026-03-01'),
      ...over,
    };
    await ctx.ds.getRepository(Problem).insert(p);
    return p as Problem;
  }

  async function grant(
    role: RoleGrant['role'],
    orgId: string,
    memberId: string,
    grantedAt: string,
    ended?: { at: string; reason: string },
  ) {
    const g = {
      id: newId(),
      role,
      orgId,
      memberId,
      userId: null,
      grantedAt: at(grantedAt),
      endedAt: ended ? at(ended.at) : null,
      endReason: ended?.reason ?? null,
    };
    await ctx.ds.getRepository(RoleGrant).insert(g);
    return g;
  }

  const expected: Record<number, number> = {};
  const figure = (r: AnnualReport, no: number): ReportFigure => r.figures.find((f) => f.no === no)!;

  beforeAll(async () => {
    ctx = await createTestContext({}, { now: clock.now });
    tree = await buildTree(ctx);
    const adminUser = await buildUser(ctx, 't1admin', 'pw-t1admin-1', [{ role: 'admin', org: tree.t1 }]);
    admin = adminUser;
    township = asUser(ctx, adminUser);
    county = asUser(ctx, await buildUser(ctx, 'cadmin', 'pw-cadmin-1', [{ role: 'admin', org: tree.county }]));
    otherTownship = asUser(ctx, await buildUser(ctx, 't2admin', 'pw-t2admin-1', [{ role: 'admin', org: tree.t2 }]));
    secretary = await buildMember(ctx, tree.b11, { name: '甲村书记' });
    secretary2 = await buildMember(ctx, tree.b12, { name: '乙村书记' });
    plain = await buildMember(ctx, tree.b11, { name: '甲村党员' });
    await buildMember(ctx, tree.b11, { name: '甲村积极分子', status: 'activist' });
    await buildMember(ctx, tree.b21, { name: '丙村党员' });
    await grant('branch_secretary', tree.b11.id, secretary.id, '2020-01-01');
    await grant('branch_secretary', tree.b12.id, secretary2.id, '2020-01-01');

    // Activities: counted ones at the township, and ones that must not count.
    for (const d of ['2026-02-10', '2026-05-10', '2026-09-10']) await activity(tree.t1.id, 'party_building_meeting', d);
    await activity(tree.t1.id, 'party_building_meeting', '2025-12-31T23:00:00+08:00'); // last year
    await activity(tree.t1.id, 'party_building_meeting', '2026-04-01', { status: 'cancelled' });
    await activity(tree.t1.id, 'party_building_meeting', '2026-04-02', { status: 'draft' });
    await activity(tree.t1.id, 'party_building_meeting', '2026-12-20'); // not held yet
    await activity(tree.b11.id, 'party_building_meeting', '2026-04-03'); // a branch's, not the township's
    await activity(tree.t2.id, 'party_building_meeting', '2026-04-03'); // another township
    expected[1] = 3;
    await activity(tree.t1.id, 'theory_study_group', '2026-03-01');
    await activity(tree.t1.id, 'theory_study_group', '2026-01-01T00:30:00+08:00'); // the first minutes of the year count
    expected[2] = 2;
    await activity(tree.t1.id, 'observation', '2026-06-01');
    expected[9] = 1;
    await activity(tree.t1.id, 'review_meeting', '2026-01-20');
    expected[11] = 1;
    await activity(tree.t1.id, 'exchange_meeting', '2026-07-20');
    await activity(tree.t1.id, 'exchange_meeting', '2026-08-20');
    expected[23] = 2;
    // 集中学习: one for the whole township (24), one for the branch secretaries only (22), one mixed (neither).
    await activity(tree.t1.id, 'study_session', '2026-03-15');
    const forSecretaries = await activity(tree.t1.id, 'study_session', '2026-04-15', { audience: 'members' });
    const mixed = await activity(tree.t1.id, 'study_session', '2026-04-16', { audience: 'members' });
    await ctx.ds.getRepository(ActivityInvitee).insert([
      { activityId: forSecretaries.id, memberId: secretary.id, role: 'extra' },
      { activityId: forSecretaries.id, memberId: secretary2.id, role: 'extra' },
      { activityId: mixed.id, memberId: secretary.id, role: 'extra' },
      { activityId: mixed.id, memberId: plain.id, role: 'extra' },
    ]);
    expected[22] = 1;
    expected[24] = 1;
    // 党课: by a secretary in office (counts), by a plain member (not), by a secretary before taking office (not).
    await activity(tree.b11.id, 'party_lecture', '2026-05-05', { lecturer: '甲村书记' });
    await activity(tree.b11.id, 'party_lecture', '2026-05-06', { lecturer: '甲村党员' });
    const newcomer = await buildMember(ctx, tree.b12, { name: '新任书记' });
    await grant('branch_secretary', tree.b12.id, newcomer.id, '2026-08-01');
    await activity(tree.b12.id, 'party_lecture', '2026-06-06', { lecturer: '新任书记' });
    await activity(tree.b12.id, 'party_lecture', '2026-09-06', { lecturer: '新任书记' });
    expected[25] = 2;

    // Problems: closed this year (6), from the review (26) and the observation review (27).
    await problem(tree.b11.id, { status: 'closed', closedAt: at('2026-04-01') });
    await problem(tree.b12.id, { status: 'closed', closedAt: at('2026-10-01'), year: 2025 });
    await problem(tree.b12.id, { status: 'closed', closedAt: at('2025-10-01'), year: 2025 });
    await problem(tree.b21.id, { status: 'closed', closedAt: at('2026-04-01') }); // another township
    expected[6] = 2;
    await problem(tree.t1.id, { source: 'review', category: '主体责任' });
    await problem(tree.b11.id, {
      source: 'review',
      category: '组织生活',
      status: 'assigned',
      deadline: '2026-11-01',
      responsibleMemberId: secretary.id,
    });
    await problem(tree.b11.id, { source: 'review', status: 'void' });
    expected[26] = 2;
    for (const [category, n] of [
      ['阵地建设', 2],
      ['党员教育', 1],
    ] as const)
      for (let i = 0; i < n; i++) await problem(tree.b12.id, { source: 'observation_review', category });
    expected[27] = 3;

    // 约谈: the same cadre twice counts once.
    for (const [when, who] of [
      ['2026-03-01', [secretary.id]],
      ['2026-06-01', [secretary.id, secretary2.id]],
      ['2025-06-01', [plain.id]],
    ] as const) {
      const id = newId();
      await ctx.ds.getRepository(Interview).insert({
        id,
        orgId: tree.t1.id,
        at: at(when),
        place: '会议室',
        reasonText: '整改不力',
        reasonProblemIds: '[]',
        record: null,
        commitments: null,
        interviewerId: admin.id,
        interviewerName: '管理员',
        createdAt: at(when),
      });
      await ctx.ds.getRepository(InterviewMember).insert(who.map((memberId) => ({ interviewId: id, memberId })));
    }
    expected[7] = 2;

    // 专项检查 and 督查通报.
    for (const [fromDay, orgId] of [
      ['2026-05-20', tree.t1.id],
      ['2026-10-20', tree.t1.id],
      ['2025-10-20', tree.t1.id],
      ['2026-10-20', tree.t2.id],
    ])
      await ctx.ds.getRepository(Inspection).insert({
        id: newId(),
        orgId,
        topic: `检查${fromDay}`,
        kind: 'special',
        fromDay,
        toDay: fromDay,
        targetOrgIds: '[]',
        methods: '[]',
        report: null,
        createdBy: admin.id,
        createdByName: '管理员',
        createdAt: at(fromDay),
      });
    expected[8] = 2;
    for (const [serialNo, status] of [
      [1, 'published'],
      [2, 'published'],
      [3, 'withdrawn'],
      [null, 'draft'],
    ] as const)
      await ctx.ds.getRepository(InspectionNotice).insert({
        id: newId(),
        issuerOrgId: tree.t1.id,
        year: 2026,
        serialNo,
        title: `通报${serialNo}`,
        periodCovered: '上半年',
        inspectionIds: '[]',
        findings: '[]',
        problemIds: null,
        commendations: null,
        requirements: null,
        responseDeadline: '2026-07-01',
        status,
        publishedAt: serialNo ? at('2026-06-01') : null,
        withdrawnAt: null,
        withdrawReason: null,
        createdBy: admin.id,
        createdAt: at('2026-05-01'),
      });
    expected[10] = 2;

    // Posts: 团支部书记 and 妇联主席 both filled in 甲村 only; one secretary replaced this year.
    const youth = await buildMember(ctx, tree.b11);
    const women = await buildMember(ctx, tree.b11);
    const youth2 = await buildMember(ctx, tree.b12);
    await grant('youth_league_secretary', tree.b11.id, youth.id, '2026-02-01');
    await grant('women_federation_chair', tree.b11.id, women.id, '2026-02-01');
    await grant('youth_league_secretary', tree.b12.id, youth2.id, '2026-02-01');
    await grant('women_federation_chair', tree.b12.id, youth2.id, '2026-02-01', { at: '2026-05-01', reason: 'resigned' });
    expected[18] = 1;
    const old = await buildMember(ctx, tree.b12, { name: '原书记' });
    await grant('branch_secretary', tree.b12.id, old.id, '2019-01-01', { at: '2026-07-31', reason: 'replaced' });
    await grant('branch_secretary', tree.b12.id, plain.id, '2019-01-01', { at: '2026-03-31', reason: 'resigned' });
    expected[19] = 1;

    // 限期整改通知书: two for one member count one.
    for (const [memberId, d] of [
      [plain.id, '2026-03-01'],
      [plain.id, '2026-08-01'],
      [secretary2.id, '2026-08-01'],
      [secretary2.id, '2025-08-01'],
    ])
      await ctx.ds.getRepository(RectificationNotice).insert({
        id: newId(),
        memberId,
        orgId: tree.b11.id,
        triggerKey: newId(),
        missed: '[]',
        content: '限期整改',
        deadline: '2026-09-01',
        status: 'open',
        createdAt: at(d),
        resolvedAt: null,
        resolvedBy: null,
        resolution: null,
      });
    expected[20] = 2;

    // 述职台账: the township's own visits and talks (a branch's and last year's do not count).
    const visit = async (orgId: string, on: string, purpose: Visit['purpose'], households: string[] = []) => {
      const id = newId();
      await ctx.ds.getRepository(Visit).insert({
        id,
        orgId,
        visitorMemberId: null,
        visitorName: '镇党委书记',
        on,
        purpose,
        topic: `调研${on}`,
        place: null,
        createdBy: admin.id,
        createdAt: at(on),
      });
      for (const h of households)
        await ctx.ds
          .getRepository(VisitHousehold)
          .insert({ id: newId(), visitId: id, household: h, householdKey: h.replace(/\s+/g, ''), memberId: null, poor: false });
    };
    await visit(tree.t1.id, '2026-03-03', 'research');
    await visit(tree.t1.id, '2026-04-03', 'research', ['张家湾组 张*明户']);
    await visit(tree.t1.id, '2026-05-03', 'care', ['张家湾组张*明户', '李家沟组 李*华户', '王庄组 王*户']);
    await visit(tree.t1.id, '2025-05-03', 'research', ['赵村 赵*户']);
    await visit(tree.b11.id, '2026-05-03', 'research', ['钱村 钱*户']);
    expected[3] = 2;
    expected[5] = 3;
    for (const [orgId, on] of [
      [tree.t1.id, '2026-02-02'],
      [tree.t1.id, '2026-02-02'],
      [tree.t1.id, '2026-08-02'],
      [tree.b11.id, '2026-08-02'],
    ])
      await ctx.ds.getRepository(Talk).insert({
        id: newId(),
        orgId,
        talkerMemberId: null,
        talkerName: '镇党委书记',
        withMemberId: null,
        withName: '支部委员',
        on,
        topic: '谈心',
        createdBy: admin.id,
        createdAt: at(on),
      });
    expected[4] = 3;
    // 党建阵地: two sites of 甲村 brought to standard count one village; money put in this year.
    const site = async (orgId: string, standardizedOn: string | null) => {
      const s = {
        id: newId(),
        orgId,
        name: `阵地${newId().slice(-4)}`,
        address: null,
        areaM2: null,
        standardizedOn,
        note: null,
        createdAt: at('2026-01-01'),
        updatedAt: at('2026-01-01'),
      };
      await ctx.ds.getRepository(Site).insert(s);
      return s;
    };
    const s1 = await site(tree.b11.id, '2026-06-01');
    await site(tree.b11.id, '2026-07-01');
    const s3 = await site(tree.b12.id, '2025-06-01');
    await site(tree.b21.id, '2026-06-01');
    expected[12] = 1;
    for (const [siteId, on, amountCents] of [
      [s1.id, '2026-05-01', 1_500_000],
      [s3.id, '2026-02-01', 3_456_700],
      [s3.id, '2025-02-01', 9_999_900],
    ] as const)
      await ctx.ds
        .getRepository(SiteInvestment)
        .insert({ id: newId(), siteId, on, amountCents, purpose: '改造', disclosureId: null, createdBy: admin.id, createdAt: at(on) });
    expected[13] = 4.96; // 49,567 元
    // 晋位升级: two lagging last year, one moved up.
    for (const [orgId, year, rating] of [
      [tree.b11.id, 2025, 'lagging'],
      [tree.b11.id, 2026, 'average'],
      [tree.b12.id, 2025, 'lagging'],
      [tree.b12.id, 2026, 'lagging'],
      [tree.b21.id, 2025, 'lagging'],
    ] as const)
      await ctx.ds.getRepository(BranchRatingRecord).insert({ id: newId(), orgId, year, rating, decidedOn: `${year}-12-20`, note: null });
    expected[14] = 2;
    for (const [subjectKind, orgId, memberId, year] of [
      ['org', tree.b11.id, null, 2026],
      ['member', tree.b11.id, plain.id, 2026],
      ['member', tree.b12.id, secretary2.id, 2025],
    ] as const)
      await ctx.ds.getRepository(Commendation).insert({
        id: newId(),
        year,
        on: `${year}-07-01`,
        title: subjectKind === 'org' ? '先进基层党组织' : '优秀共产党员',
        issuerOrgId: tree.t1.id,
        subjectKind,
        orgId,
        memberId,
        note: null,
        createdBy: admin.id,
        createdAt: at('2026-07-01'),
      });
    expected[15] = 2;

    // 为群众办实事: done this year (one since confirmed by a 回访), last year's, one still in progress.
    for (const [status, doneAt, orgId] of [
      ['done', '2026-04-01', tree.b11.id],
      ['confirmed', '2026-09-01', tree.b12.id],
      ['confirmed', '2025-09-01', tree.b12.id],
      ['in_progress', null, tree.b12.id],
      ['done', '2026-04-01', tree.b21.id],
    ] as const)
      await ctx.ds.getRepository(PublicDeed).insert({
        id: newId(),
        orgId,
        title: `实事${status}`,
        category: '民生',
        requester: '张*明',
        source: 'plan',
        sourceRef: null,
        sourceKey: null,
        responsibleMemberId: secretary.id,
        promisedBy: '2026-12-31',
        status,
        result: doneAt ? '已办结' : null,
        doneAt: doneAt ? at(doneAt) : null,
        closedAt: null,
        declineReason: null,
        followUpAt: null,
        followUpBy: null,
        followUpByName: null,
        followUpSatisfied: null,
        followUpNote: null,
        createdBy: admin.id,
        createdByName: '管理员',
        createdAt: at('2026-01-10'),
        updatedAt: at('2026-01-10'),
      });
    expected[30] = 2;

    // 发展党员 (#16: 支部大会 in the year and approval recorded; #17: 积极分子 fixed in the year),
    // superseded records (corrections) left out, another township's case not counted.
    const devCase = async (name: string, orgId: string, steps: [number, string, boolean?][]) => {
      const id = newId();
      await ctx.ds.getRepository(DevelopmentCase).insert({
        id,
        branchOrgId: orgId,
        name,
        idNumberEnc: 'x',
        idNumberHash: newId(),
        birthDate: '1990-01-01',
        appliedOn: '2024-01-01',
        stage: 'candidate',
        status: 'active',
        memberId: null,
        probationStart: null,
        probationEnd: null,
        extensionMonths: null,
        lastStep: 1,
        lastStepOn: '2024-01-01',
        note: null,
        createdBy: admin.id,
        createdAt: at('2024-01-01'),
        updatedAt: at('2024-01-01'),
      });
      let previous: { id: string; step: number } | null = null;
      for (const [step, on, corrects] of steps) {
        const rec: DevelopmentStepRecord = {
          id: newId(),
          caseId: id,
          step,
          occurredOn: on,
          actors: null,
          vote: null,
          trainingDays: null,
          trainingHours: null,
          outcome: null,
          extensionMonths: null,
          noticeFrom: null,
          noticeTo: null,
          documents: null,
          note: null,
          supersedes: corrects && previous?.step === step ? previous.id : null,
          enteredBy: admin.id,
          enteredAt: at('2026-01-01'),
        };
        await ctx.ds.getRepository(DevelopmentStepRecord).insert(rec);
        previous = rec;
      }
    };
    await devCase('甲发展', tree.b11.id, [
      [3, '2025-01-10'],
      [15, '2026-03-10'],
      [17, '2026-05-01'],
    ]);
    await devCase('乙未批', tree.b12.id, [[15, '2026-11-20']]);
    await devCase('丙上年', tree.b11.id, [
      [15, '2025-12-20'],
      [17, '2026-02-01'],
    ]);
    await devCase('丁积极', tree.b11.id, [
      [3, '2025-12-01'],
      [3, '2026-04-01', true],
    ]);
    await devCase('戊更正', tree.b11.id, [
      [3, '2026-02-01'],
      [3, '2025-11-30', true],
    ]);
    await devCase('己外镇', tree.b21.id, [
      [3, '2026-05-01'],
      [15, '2026-05-01'],
      [17, '2026-05-02'],
    ]);
    await devCase('庚改批', tree.b12.id, [
      [15, '2026-06-01'],
      [17, '2026-06-20'],
      [17, '2026-07-01', true],
    ]);
    expected[16] = 2;
    expected[17] = 1;

    // 慰问: members of the township visited at 七一 or 春节 (2026: 腊月十五 02-02 .. 正月十五 03-03),
    // one of them twice; a visit outside the windows, one last year, one in another township, and
    // one before the township's own 七一 window (it starts 06-10 here) do not count.
    await ctx.ds.getRepository(CareSetting).insert({
      orgId: tree.t1.id,
      qiyiFrom: '06-10',
      qiyiTo: '07-10',
      springFromLaYueDay: 15,
      springToZhengYueDay: 15,
      updatedBy: admin.id,
      updatedAt: at('2026-01-05'),
    });
    const other = await buildMember(ctx, tree.b21, { name: '丙村困难党员' });
    for (const [m, on, orgId] of [
      [plain, '2026-06-28', tree.t1.id],
      [plain, '2026-02-10', tree.b11.id],
      [secretary, '2026-02-02', tree.t1.id],
      [secretary2, '2026-03-04', tree.t1.id],
      [secretary2, '2026-06-05', tree.t1.id],
      [secretary2, '2025-06-20', tree.t1.id],
      [other, '2026-06-20', tree.t2.id],
    ] as const)
      await ctx.ds.getRepository(CareVisit).insert({
        id: newId(),
        batchId: newId(),
        orgId,
        memberId: m.id,
        memberOrgId: m.orgId,
        on,
        occasion: 'other',
        visitors: '镇党委书记',
        form: 'cash',
        amountCents: 50_000,
        fundSource: 'party_dues',
        note: null,
        createdBy: admin.id,
        createdAt: at(on),
      });
    expected[29] = 2;

    // 组织处置 approved in the year (any kind): a member disposed twice counts once; last year's, one
    // not yet approved, one voted down and another township's do not count.
    const disposed = await buildMember(ctx, tree.b12, { name: '乙村不合格党员' });
    const outside = await buildMember(ctx, tree.b21, { name: '丙村不合格党员' });
    for (const [m, kind, status, approvedOn] of [
      [plain, 'rectify', 'escalated', '2026-02-10'],
      [plain, 'persuade', 'effective', '2026-09-10'],
      [disposed, 'remove', 'approved', '2026-11-20'],
      [disposed, 'rectify', 'closed', '2025-06-01'],
      [secretary2, 'rectify', 'voted', null],
      [secretary2, 'persuade', 'rejected', null],
      [outside, 'remove', 'effective', '2026-05-01'],
    ] as const) {
      const d: Partial<Disposal> = {
        id: newId(),
        memberId: m.id,
        orgId: m.orgId,
        kind,
        grounds: 'passive',
        status,
        approvedOn,
        createdBy: admin.id,
        createdAt: at('2026-01-05'),
        updatedAt: at('2026-01-05'),
      };
      await ctx.ds.getRepository(Disposal).insert(d);
    }
    expected[21] = 2;

    // The learning kit: a study plan of the township covers its Party members (not the activist, not 丙村).
    await ctx.ds.getRepository(StudyPlan).insert({
      id: newId(),
      orgId: tree.t1.id,
      title: '年度学习计划',
      startsOn: '2026-03-01',
      endsOn: '2026-12-31',
      note: null,
      createdBy: null,
      createdAt: at('2026-02-01'),
    });
    expected[28] = 9; // 甲村书记, 乙村书记, 甲村党员, 新任书记, youth, women, youth2, 原书记 … counted below
  });
  afterAll(() => ctx.close());

  it('computes every figure from the records, each count equal to its sources', async () => {
    const res = await get(township, `/reports/annual?orgId=${tree.t1.id}&year=2026`);
    expect(res.status).toBe(200);
    const r = res.body as AnnualReport;
    expect(r.figures.map((f) => f.no)).toEqual(Array.from({ length: 30 }, (_, i) => i + 1));
    const members = await ctx.ds.query(
      `SELECT COUNT(*) AS n FROM members m JOIN orgs o ON o.id = m.orgId WHERE o.path LIKE '${tree.t1.path}%' AND m.status IN ('full', 'probationary')`,
    );
    expected[28] = Number(members[0].n);
    for (const [no, value] of Object.entries(expected)) expect([Number(no), figure(r, Number(no)).value]).toEqual([Number(no), value]);
    for (const f of r.figures) {
      if (f.value === null) continue;
      if (f.unit !== '万元') expect([f.no, f.sources.length]).toEqual([f.no, f.value]);
      expect(new Set(f.sources.map((s) => `${s.type}:${s.id}`)).size).toBe(f.sources.length);
    }
    expect(figure(r, 27).parts).toEqual([
      { key: 'categories', label: '类别', value: 2, unit: '类' },
      { key: 'items', label: '意见建议', value: 3, unit: '条' },
    ]);
    expect(figure(r, 14).parts).toEqual([{ key: 'moved_up', label: '已晋位升级', value: 1, unit: '个' }]);
    expect(figure(r, 15).parts!.map((p) => p.value)).toEqual([1, 1]);
    expect(figure(r, 13).sources.map((x) => x.amountCents)).toEqual([3_456_700, 1_500_000]);
    expect(figure(r, 30).parts).toEqual([{ key: 'confirmed', label: '已回访确认', value: 1, unit: '件' }]);
    expect(
      figure(r, 7)
        .sources.map((s) => s.name)
        .sort(),
    ).toEqual(['乙村书记', '甲村书记']);
    expect(figure(r, 19).sources[0]).toMatchObject({ type: 'role_grant', name: '原书记', date: '2026-07-31', orgName: '乙村党支部' });
    expect(figure(r, 18).sources).toEqual([{ type: 'org', id: tree.b11.id, name: '甲村党支部', date: null, orgName: '甲村党支部' }]);
    expect(figure(r, 21).sources.map((x) => [x.type, x.name, x.date])).toEqual([
      ['disposal', '甲村党员（限期改正）', '2026-02-10'],
      ['disposal', '乙村不合格党员（除名）', '2026-11-20'],
    ]);
    expect(figure(r, 29).sources.map((x) => [x.type, x.name, x.date, x.orgName])).toEqual([
      ['care_visit', '甲村书记', '2026-02-02', '甲村党支部'],
      ['care_visit', '甲村党员', '2026-02-10', '甲村党支部'],
    ]);
    // 发展党员: both the 支部大会 and the approval date in the source; the source's date is the 支部大会's.
    expect(figure(r, 16).sources.map((x) => [x.type, x.name, x.date, x.orgName])).toEqual([
      ['development_case', '甲发展（支部大会2026-03-10，上级党委审批2026-05-01）', '2026-03-10', '甲村党支部'],
      ['development_case', '庚改批（支部大会2026-06-01，上级党委审批2026-07-01）', '2026-06-01', '乙村党支部'],
    ]);
    expect(figure(r, 17).sources).toEqual([
      expect.objectContaining({
        type: 'development_case',
        name: '丁积极（确定为入党积极分子2026-04-01）',
        date: '2026-04-01',
        orgName: '甲村党支部',
      }),
    ]);
    // The report's problems section: the year's open problems, overdue marked.
    expect(r.openProblems.find((p) => p.deadline === '2026-11-01')).toMatchObject({
      overdue: true,
      source: '述职评议指出',
      orgName: '甲村党支部',
    });
    expect(r.openProblems.every((p) => p.orgName !== '丙村党支部')).toBe(true);
  });

  it('answers a branch its own figures and the county the whole tree', async () => {
    const branch = (await get(township, `/reports/annual?orgId=${tree.b11.id}&year=2026`)).body as AnnualReport;
    expect(figure(branch, 1).value).toBe(1); // the branch's own 党建专题研究会议
    expect(figure(branch, 6).value).toBe(1);
    const whole = (await get(county, `/reports/annual?orgId=${tree.county.id}&year=2026`)).body as AnnualReport;
    expect(figure(whole, 6).value).toBe(3); // 一号镇's two and 丙村's
    expect(figure(whole, 8).value).toBe(3); // the inspections of every org in the county
  });

  it('answers a year without records with zeros and empty sources, never an error', async () => {
    const r = (await get(township, `/reports/annual?orgId=${tree.t1.id}&year=2020`)).body as AnnualReport;
    for (const f of r.figures) {
      if (f.missing) expect(f.value).toBeNull();
      else expect([f.no, f.value, f.sources]).toEqual([f.no, 0, []]);
    }
  });

  it('refuses what it must: out of scope, a future year, a year as text', async () => {
    expect((await get(otherTownship, `/reports/annual?orgId=${tree.t1.id}&year=2026`)).status).toBe(404);
    const secretaryAuth = asMember(ctx, secretary);
    expect((await get(secretaryAuth, `/reports/annual?orgId=${tree.county.id}&year=2026`)).status).toBe(404);
    expect((await get(secretaryAuth, `/reports/annual?year=2026`)).body.orgId).toBe(tree.b11.id);
    expect((await get(asMember(ctx, plain), `/reports/annual?year=2026`)).status).toBe(403);
    const future = await get(township, `/reports/annual?orgId=${tree.t1.id}&year=2027`);
    expect(future.status).toBe(400);
    expect(future.body.error.details).toEqual([{ field: 'year', message: '不能查询未来年度' }]);
    const text = await get(township, `/reports/annual?orgId=${tree.t1.id}&year=去年`);
    expect(text.status).toBe(400);
    expect((await get(township, `/reports/annual?orgId=nope&year=2026`)).status).toBe(404);
    expect((await get(township, `/reports/annual.docx?orgId=${tree.t2.id}`)).status).toBe(404);
    expect((await get(township, `/reports/overview?orgId=${tree.t2.id}`)).status).toBe(404);
    // The default: the caller's own org and this year.
    const mine = (await get(township, '/reports/annual')).body as AnnualReport;
    expect([mine.orgId, mine.year]).toEqual([tree.t1.id, 2026]);
  });

  it('writes the Word report in the seed’s structure with each figure in place, and the Excel with one sheet per figure', async () => {
    const report = (await get(township, `/reports/annual?orgId=${tree.t1.id}&year=2026`)).body as AnnualReport;
    const doc = await binary(township, `/reports/annual.docx?orgId=${tree.t1.id}&year=2026`);
    expect(doc.status).toBe(200);
    expect(doc.headers['content-disposition']).toContain(encodeURIComponent('一号镇党委2026年度抓基层党建工作述职报告.docx'));
    const xml = await (await JSZip.loadAsync(doc.body as Buffer)).file('word/document.xml')!.async('string');
    const text = xml.replace(/<[^>]+>/g, '');
    expect(text).toContain('一号镇党委党委书记2026年度抓基层党建工作述职报告');
    expect(text).toContain(`召开党建专题研究会议${figure(report, 1).value}次`);
    expect(text).toContain(`党委中心组学习${figure(report, 2).value}次`);
    expect(text).toContain(`约谈整改工作落实不力的村干部${figure(report, 7).value}名`);
    expect(text).toContain(`下发党建工作督查通报${figure(report, 10).value}期`);
    expect(text).toContain(`领导干部讲党课${figure(report, 25).value}场（次）`);
    expect(text).toContain('针对2025年述职评议考核中点出的2个问题和党建观摩评议提出的2类3条意见建议');
    expect(text).toContain(`为${figure(report, 28).value}名党员发放党员小书包`);
    expect(text).toContain('全年发展党员2名，培养入党积极分子1名');
    expect(text).toContain('对1个村党支部党建阵地进行标准化建设，投入资金4.96万元，对甲村党支部1个村党建活动阵地进行了标准化打造');
    expect(text).toContain('针对2个后进村党组织');
    expect(text).toContain('其中1个实现晋位升级');
    expect(text).toContain('选树表彰1个基层党组织和1名优秀共产党员');
    expect(text).toContain('全年为群众办实事2件（其中1件经回访确认）');
    expect(text).toContain('调研2次，与各村支部成员谈心交流3人次，走访党员和贫困户3户');
    expect(text).toContain('二、存在的主要问题');
    expect(text).toContain('（整改期限2026-11-01，已逾期）');
    expect(text).toContain('三、下一步工作思路和主要措施');
    expect(xml).toContain('仿宋_GB2312');
    expect(text).not.toMatch(/XX|\{\d/);

    const xlsx = await binary(township, `/reports/annual.xlsx?orgId=${tree.t1.id}&year=2026`);
    expect(xlsx.status).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(xlsx.body as unknown as ArrayBuffer);
    expect(wb.worksheets).toHaveLength(31);
    const main = wb.worksheets[0];
    expect(main.getRow(2).getCell(3).value).toBe(figure(report, 1).value);
    expect(main.rowCount).toBe(31);
    const sheet7 = wb.worksheets[7];
    expect(sheet7.name).toContain('7-');
    expect(sheet7.rowCount - 1).toBe(figure(report, 7).value);
  });

  it('gives the county an overview per township and a township one per branch, counting records, never ranking members', async () => {
    const now = clock.now();
    await ctx.ds.getRepository(Feedback).insert({
      id: newId(),
      category: 'suggestion',
      content: '建议',
      contactEnc: null,
      orgId: tree.b11.id,
      disclosureId: null,
      senderMemberId: plain.id,
      channel: 'member',
      status: 'received',
      checkResult: 'not_required',
      replyDueAt: new Date(now.getTime() - 86400_000),
      reply: null,
      repliedAt: null,
      repliedBy: null,
      repliedByName: null,
      problemId: null,
      createdAt: new Date(now.getTime() - 20 * 86400_000),
    } as Feedback);
    const c = (await get(county, `/reports/overview?orgId=${tree.county.id}&year=2026`)).body as ReportOverview;
    expect(c.rows.map((r) => r.orgName)).toEqual(['一号镇党委', '二号镇党委']);
    const t1 = c.rows[0];
    expect(t1).toMatchObject({ hasChildren: true, branches: 2, feedback: { open: 1, overdue: 1 } });
    expect(t1.problems.closed).toBe(1); // of the year 2026's list: the one closed in April
    expect(t1.problems.open).toBe(5); // 2 from the review (one voided is not), 3 from the observation review
    expect(t1.problems.overdue).toBe(1);
    expect(c.rows[1].problems).toEqual({ open: 0, overdue: 0, closed: 1 });
    expect(c.total.members).toBe(t1.members + c.rows[1].members);
    expect(t1.orgLife.find((l) => l.kind === 'committee_meeting')!.required).toBeGreaterThan(0);
    expect(t1.study.done + t1.study.notDone).toBe(t1.members);

    const t = (await get(township, `/reports/overview?orgId=${tree.t1.id}&year=2026`)).body as ReportOverview;
    expect(t.rows.map((r) => r.orgName)).toEqual(['甲村党支部', '乙村党支部']);
    expect(t.trail.map((x) => x.name)).toEqual(['一号镇党委']);
    expect(t.rows[0].feedback.overdue).toBe(1);
    const cTrail = (await get(county, `/reports/overview?orgId=${tree.b11.id}&year=2026`)).body as ReportOverview;
    expect(cTrail.trail.map((x) => x.name)).toEqual(['测试县委', '一号镇党委', '甲村党支部']);
    expect(cTrail.rows).toHaveLength(1);
    expect(JSON.stringify(t)).not.toMatch(/rank|score|minutes|duration/i);
  });

  it('counts a member’s study done only when every plan of the year that applies to them is finished (done / not done, never time)', async () => {
    const material = async (title: string) => {
      const m = {
        id: newId(),
        title,
        kind: 'article',
        summary: null,
        tags: '',
        body: '正文',
        url: null,
        fileId: null,
        orgId: tree.county.id,
        required: true,
        status: 'published',
        minSeconds: 60,
        quizMode: 'none',
        quiz: null,
        createdBy: null,
        createdAt: at('2026-01-01'),
      };
      await ctx.ds.getRepository(StudyMaterial).insert(m as unknown as StudyMaterial);
      return m.id;
    };
    const done = (memberId: string, materialId: string) =>
      ctx.ds.getRepository(StudyCompletion).insert({ memberId, materialId, sessionId: newId(), completedAt: at('2026-05-01') });
    const plan = (await ctx.ds.getRepository(StudyPlan).findOneByOrFail({ title: '年度学习计划' })).id;
    const [m1, m2] = [await material('党章'), await material('条例')];
    await ctx.ds.getRepository(StudyPlanMaterial).insert([
      { planId: plan, materialId: m1, position: 0 },
      { planId: plan, materialId: m2, position: 1 },
    ]);
    for (const [who, mats] of [
      [secretary.id, [m1, m2]],
      [secretary2.id, [m1, m2]],
      [plain.id, [m1]],
    ] as const)
      for (const m of mats) await done(who, m);
    const study = async () =>
      ((await get(township, `/reports/overview?orgId=${tree.t1.id}&year=2026`)).body as ReportOverview).rows.map((r) => [
        r.study.done,
        r.study.done + r.study.notDone === r.members,
      ]);
    expect(await study()).toEqual([
      [1, true],
      [1, true],
    ]);
    // 甲村's own plan as well: its secretary has not finished it, so is no longer done.
    const own = newId();
    await ctx.ds.getRepository(StudyPlan).insert({
      id: own,
      orgId: tree.b11.id,
      title: '支部学习计划',
      startsOn: '2026-06-01',
      endsOn: '2026-09-30',
      note: null,
      createdBy: null,
      createdAt: at('2026-05-01'),
    });
    await ctx.ds.getRepository(StudyPlanMaterial).insert({ planId: own, materialId: await material('村规'), position: 0 });
    expect(await study()).toEqual([
      [0, true],
      [1, true],
    ]);
  });
});
