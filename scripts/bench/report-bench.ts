/**
 * Yearly report benchmark (not a test): a county of 20,000 members with a year of records in a
 * scratch MariaDB/MySQL database, then — through the real services, as the county admin — the
 * annual report of the county and of one township, the overview of the county and of a
 * township, and the Word and Excel files of a township's report: p50 / p95 / max over N runs.
 * Goals (issue #14): report p95 ≤ 2 s, overview p95 ≤ 500 ms, documents < 3 s.
 *
 *   npx tsx --tsconfig server/tsconfig.json scripts/bench/report-bench.ts [--members 20000] [--runs 20] [--reuse] [--keep]
 *
 * Env: BENCH_MYSQL_URL (mysql://root@127.0.0.1:3306/djzy_bench_report)
 */
import 'reflect-metadata';
import { performance } from 'node:perf_hooks';
import mysql from 'mysql2/promise';
import type { DataSource, ObjectLiteral, EntityTarget } from 'typeorm';
import { loadConfig } from '../../server/src/config';
import { createServices } from '../../server/src/app';
import { createLogger } from '../../server/src/core/logger';
import { newId } from '../../server/src/core/ids';
import type { Principal } from '../../server/src/core/principal';
import { createDataSource } from '../../server/src/db/data-source';
import { Activity, ActivityInvitee } from '../../server/src/modules/activity/activity.entity';
import { RoleGrant } from '../../server/src/modules/auth/role-grant.entity';
import { RectificationNotice } from '../../server/src/modules/followup/followup.entity';
import { Member } from '../../server/src/modules/member/member.entity';
import { MemberMobility } from '../../server/src/modules/mobility/mobility.entity';
import { Org } from '../../server/src/modules/org/org.entity';
import {
  Feedback,
  Inspection,
  InspectionNotice,
  Interview,
  InterviewMember,
  Problem,
} from '../../server/src/modules/problem/problem.entity';
import {
  BranchRatingRecord,
  Commendation,
  Site,
  SiteInvestment,
  Talk,
  Visit,
  VisitHousehold,
} from '../../server/src/modules/records/records.entity';
import { PublicDeed } from '../../server/src/modules/service/service.entity';
import { StudyCompletion, StudyMaterial, StudyPlan, StudyPlanMaterial } from '../../server/src/modules/study/study.entity';
import { annualDocx, annualXlsx } from '../../server/src/modules/report/report.documents';

const argv = process.argv.slice(2);
const num = (name: string, dflt: number) => {
  const i = argv.indexOf(`--${name}`);
  return i < 0 ? dflt : Number(String(argv[i + 1]).replace(/k$/i, '000'));
};
const MEMBERS = num('members', 20_000);
const RUNS = num('runs', 20);
const REUSE = argv.includes('--reuse');
const KEEP = argv.includes('--keep');
const TOWNSHIPS = 20;
const BRANCHES = 20; // per township
const YEAR = 2026;
const URL_TEXT = process.env.BENCH_MYSQL_URL || 'mysql://root@127.0.0.1:3306/djzy_bench_report';
const DB_NAME = new URL(URL_TEXT).pathname.replace(/^\//, '');

let seed = 20261206;
const rand = () => {
  seed = (seed + 0x6d2b79f5) >>> 0;
  let t = seed;
  t = Math.imul(t ^ (t >>> 15), t | 1);
  t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
};
const int = (lo: number, hi: number) => lo + Math.floor(rand() * (hi - lo + 1));
const day = (m: number, d: number) => `${YEAR}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
const at = (m: number, d: number, h = 9) => new Date(`${day(m, d)}T${String(h).padStart(2, '0')}:00:00+08:00`);

async function insertAll<T extends ObjectLiteral>(ds: DataSource, entity: EntityTarget<T>, rows: T[]) {
  for (let i = 0; i < rows.length; i += 500) await ds.getRepository(entity).insert(rows.slice(i, i + 500).map((r) => ({ ...r })) as never);
}

async function generate(ds: DataSource): Promise<void> {
  const t0 = performance.now();
  const now = at(12, 1);
  const org = (name: string, kind: Org['kind'], parent: Org | null, sortOrder: number): Org => {
    const id = newId();
    return { id, name, kind, parentId: parent?.id ?? null, path: `${parent?.path ?? '/'}${id}/`, sortOrder, createdAt: now } as Org;
  };
  const county = org('基准县委', 'county', null, 0);
  const orgs: Org[] = [county];
  const townships: Org[] = [];
  const branches: Org[] = [];
  for (let t = 0; t < TOWNSHIPS; t++) {
    const town = org(`第${t + 1}镇党委`, 'township', county, orgs.length);
    orgs.push(town);
    townships.push(town);
    for (let b = 0; b < BRANCHES; b++) {
      const br = org(`第${t + 1}镇${b + 1}村党支部`, 'branch', town, orgs.length);
      orgs.push(br);
      branches.push(br);
    }
  }
  await insertAll(ds, Org, orgs);
  const perBranch = Math.ceil(MEMBERS / branches.length);
  const members: Member[] = [];
  for (const br of branches)
    for (let i = 0; i < perBranch && members.length < MEMBERS; i++)
      members.push({
        id: newId(),
        name: `党员${members.length}`,
        gender: 'male',
        orgId: br.id,
        status: i % 12 === 11 ? 'activist' : 'full',
        idCardEnc: 'x',
        idCardHash: newId() + newId(),
        phoneEnc: null,
        phoneHash: null,
        birthDate: '1980-01-01',
        joinedAt: '2005-07-01',
        education: '高中',
        isMobile: i % 10 === 5,
        createdAt: now,
        updatedAt: now,
      } as Member);
  await insertAll(ds, Member, members);
  const byBranch = new Map<string, Member[]>();
  for (const m of members) byBranch.set(m.orgId, [...(byBranch.get(m.orgId) ?? []), m]);

  const grants: RoleGrant[] = [];
  const grant = (role: RoleGrant['role'], orgId: string, memberId: string, ended?: Date) =>
    grants.push({
      id: newId(),
      role,
      orgId,
      memberId,
      userId: null,
      grantedAt: new Date('2021-03-01T09:00:00+08:00'),
      endedAt: ended ?? null,
      endReason: ended ? 'replaced' : null,
    });
  for (const br of branches) {
    const [s, c1, c2, y, w] = byBranch.get(br.id)!;
    grant('branch_secretary', br.id, s.id);
    grant('branch_committee', br.id, c1.id);
    grant('branch_committee', br.id, c2.id);
    if (rand() < 0.8) grant('youth_league_secretary', br.id, y.id);
    if (rand() < 0.8) grant('women_federation_chair', br.id, w.id);
    if (rand() < 0.05) grant('branch_secretary', br.id, c2.id, at(6, 1));
  }
  await insertAll(ds, RoleGrant, grants);

  const activities: Activity[] = [];
  const invitees: ActivityInvitee[] = [];
  const activity = (orgId: string, kind: Activity['kind'], startsAt: Date, over: Partial<Activity> = {}) => {
    const a = {
      id: newId(),
      title: `${kind}`,
      kind,
      orgId,
      startsAt,
      endsAt: new Date(startsAt.getTime() + 7200_000),
      locationName: '活动室',
      lat: null,
      lng: null,
      radiusM: null,
      checkinModes: 'qr',
      studyMode: null,
      description: null,
      lecturer: null,
      topic: null,
      allowRemote: false,
      audience: 'org',
      status: 'published',
      createdBy: null,
      createdAt: startsAt,
      publishedAt: startsAt,
      cancelledAt: null,
      attendanceClosedAt: startsAt,
      ...over,
    } as Activity;
    activities.push(a);
    return a;
  };
  for (const br of branches) {
    const secretary = byBranch.get(br.id)![0];
    for (let m = 1; m <= 11; m++) {
      activity(br.id, 'committee_meeting', at(m, 5), { audience: 'committee' });
      activity(br.id, 'fixed_day', at(m, 10));
      if (rand() < 0.9) activity(br.id, 'group_meeting', at(m, 15));
    }
    for (const m of [3, 6, 9]) {
      activity(br.id, 'general_meeting', at(m, 20));
      activity(br.id, 'party_lecture', at(m, 22), { lecturer: rand() < 0.7 ? secretary.name : '外请讲师' });
    }
    activity(br.id, 'org_life_meeting', at(2, 20));
  }
  for (const town of townships) {
    const secretaries = branches.filter((b) => b.parentId === town.id).map((b) => byBranch.get(b.id)![0].id);
    for (let m = 1; m <= 11; m++)
      activity(town.id, m % 2 ? 'party_building_meeting' : 'theory_study_group', at(m, 8), { audience: 'committee' });
    for (const [kind, m] of [
      ['observation', 5],
      ['review_meeting', 1],
      ['exchange_meeting', 7],
      ['study_session', 3],
      ['study_session', 9],
    ] as const) {
      const a = activity(town.id, kind, at(m, 12), { audience: 'members' });
      for (const memberId of secretaries) invitees.push({ activityId: a.id, memberId, role: 'extra' });
    }
    activity(town.id, 'study_session', at(4, 12));
  }
  await insertAll(ds, Activity, activities);
  await insertAll(ds, ActivityInvitee, invitees);

  const problems: Problem[] = [];
  const sources = ['review', 'observation_review', 'inspection', 'supervision', 'self_check', 'feedback'] as const;
  for (const br of branches) {
    const town = orgs.find((o) => o.id === br.parentId)!;
    for (let i = 0; i < 10; i++) {
      const closed = rand() < 0.6;
      problems.push({
        id: newId(),
        orgId: br.id,
        year: YEAR,
        source: sources[i % sources.length],
        sourceRef: null,
        category: ['组织生活', '阵地建设', '党员教育'][i % 3],
        description: '问题',
        longTerm: false,
        status: closed ? 'closed' : rand() < 0.5 ? 'rectifying' : 'assigned',
        assignerOrgId: town.id,
        responsibleMemberId: byBranch.get(br.id)![0].id,
        deadline: day(int(3, 11), 28),
        extensions: 0,
        raisedBy: 'bench',
        raisedByName: '基准',
        raisedAt: at(2, 1),
        closedAt: closed ? at(int(3, 11), 2) : null,
        closedBy: closed ? 'bench' : null,
        closedByName: closed ? '基准' : null,
        updatedAt: at(2, 1),
      } as Problem);
    }
  }
  await insertAll(ds, Problem, problems);

  const interviews: Interview[] = [];
  const interviewees: InterviewMember[] = [];
  const inspections: Inspection[] = [];
  const notices: InspectionNotice[] = [];
  const visits: Visit[] = [];
  const households: VisitHousehold[] = [];
  const talks: Talk[] = [];
  for (const [ti, town] of townships.entries()) {
    const villages = branches.filter((b) => b.parentId === town.id);
    if (!villages.length) throw new Error(`no villages in ${town.name}`);
    for (let i = 0; i < 5; i++) {
      const id = newId();
      interviews.push({
        id,
        orgId: town.id,
        at: at(int(2, 11), 18),
        place: '会议室',
        reasonText: '整改不力',
        reasonProblemIds: '[]',
        record: null,
        commitments: null,
        interviewerId: 'bench',
        interviewerName: '基准',
        createdAt: now,
      } as Interview);
      interviewees.push({ interviewId: id, memberId: byBranch.get(villages[i % villages.length].id)![0].id });
    }
    for (let i = 0; i < 10; i++)
      inspections.push({
        id: newId(),
        orgId: town.id,
        topic: '专项检查',
        kind: 'special',
        fromDay: day(int(1, 11), 3),
        toDay: day(12, 1),
        targetOrgIds: '[]',
        methods: '[]',
        report: null,
        createdBy: 'bench',
        createdByName: '基准',
        createdAt: now,
      } as Inspection);
    for (let i = 1; i <= 4; i++)
      notices.push({
        id: newId(),
        issuerOrgId: town.id,
        year: YEAR,
        serialNo: i,
        title: `通报${i}`,
        periodCovered: '季度',
        inspectionIds: '[]',
        findings: '[]',
        problemIds: null,
        commendations: null,
        requirements: null,
        responseDeadline: day(12, 30),
        status: 'published',
        publishedAt: at(i * 3, 1),
        withdrawnAt: null,
        withdrawReason: null,
        createdBy: 'bench',
        createdAt: now,
      } as InspectionNotice);
    for (let i = 0; i < 30; i++) {
      const id = newId();
      visits.push({
        id,
        orgId: town.id,
        visitorMemberId: null,
        visitorName: '书记',
        on: day(int(1, 11), int(1, 28)),
        purpose: i % 3 ? 'research' : 'household',
        topic: '调研',
        place: null,
        createdBy: 'bench',
        createdAt: now,
      } as Visit);
      for (let h = 0; h < 3; h++) {
        const key = `${ti}-${int(1, 60)}户`;
        households.push({ id: newId(), visitId: id, household: key, householdKey: key, memberId: null, poor: false } as VisitHousehold);
      }
    }
    for (let i = 0; i < 50; i++)
      talks.push({
        id: newId(),
        orgId: town.id,
        talkerMemberId: null,
        talkerName: '书记',
        withMemberId: null,
        withName: `委员${i}`,
        on: day(int(1, 11), int(1, 28)),
        topic: '谈心',
        createdBy: 'bench',
        createdAt: now,
      } as Talk);
  }
  await insertAll(ds, Interview, interviews);
  await insertAll(ds, InterviewMember, interviewees);
  await insertAll(ds, Inspection, inspections);
  await insertAll(ds, InspectionNotice, notices);
  await insertAll(ds, Visit, visits);
  await insertAll(ds, VisitHousehold, households);
  await insertAll(ds, Talk, talks);

  const sites: Site[] = [];
  const investments: SiteInvestment[] = [];
  const ratings: BranchRatingRecord[] = [];
  const commendations: Commendation[] = [];
  const deeds: PublicDeed[] = [];
  const rect: RectificationNotice[] = [];
  const feedback: Feedback[] = [];
  const mobility: MemberMobility[] = [];
  for (const br of branches) {
    const site = {
      id: newId(),
      orgId: br.id,
      name: '阵地',
      address: null,
      areaM2: 120,
      standardizedOn: rand() < 0.5 ? day(int(1, 11), 10) : null,
      note: null,
      createdAt: now,
      updatedAt: now,
    } as Site;
    sites.push(site);
    investments.push({
      id: newId(),
      siteId: site.id,
      on: day(int(1, 11), 5),
      amountCents: int(100_000, 5_000_000),
      purpose: '改造',
      disclosureId: null,
      createdBy: 'bench',
      createdAt: now,
    } as SiteInvestment);
    for (const year of [YEAR - 1, YEAR])
      ratings.push({
        id: newId(),
        orgId: br.id,
        year,
        rating: rand() < 0.1 ? 'lagging' : rand() < 0.3 ? 'advanced' : 'average',
        decidedOn: `${year}-12-20`,
        note: null,
      } as BranchRatingRecord);
    const people = byBranch.get(br.id)!;
    if (rand() < 0.1)
      commendations.push({
        id: newId(),
        year: YEAR,
        on: day(7, 1),
        title: '先进基层党组织',
        issuerOrgId: br.parentId!,
        subjectKind: 'org',
        orgId: br.id,
        memberId: null,
        note: null,
        createdBy: 'bench',
        createdAt: now,
      } as Commendation);
    commendations.push({
      id: newId(),
      year: YEAR,
      on: day(7, 1),
      title: '优秀共产党员',
      issuerOrgId: br.parentId!,
      subjectKind: 'member',
      orgId: br.id,
      memberId: people[7 % people.length].id,
      note: null,
      createdBy: 'bench',
      createdAt: now,
    } as Commendation);
    for (let i = 0; i < 10; i++) {
      const done = rand() < 0.7;
      deeds.push({
        id: newId(),
        orgId: br.id,
        title: '实事',
        category: '民生',
        requester: '张*明',
        source: 'plan',
        sourceRef: null,
        sourceKey: null,
        responsibleMemberId: people[i % people.length].id,
        promisedBy: day(12, 20),
        status: done ? (rand() < 0.5 ? 'confirmed' : 'done') : 'in_progress',
        result: done ? '已办' : null,
        doneAt: done ? at(int(1, 11), 12) : null,
        closedAt: null,
        declineReason: null,
        followUpAt: null,
        followUpBy: null,
        followUpByName: null,
        followUpSatisfied: null,
        followUpNote: null,
        createdBy: 'bench',
        createdByName: '基准',
        createdAt: now,
        updatedAt: now,
      } as PublicDeed);
    }
    for (let i = 0; i < 2; i++)
      rect.push({
        id: newId(),
        memberId: people[(10 + i) % people.length].id,
        orgId: br.id,
        triggerKey: newId(),
        missed: '[]',
        content: '限期整改',
        deadline: day(12, 30),
        status: 'open',
        createdAt: at(int(1, 11), 3),
        resolvedAt: null,
        resolvedBy: null,
        resolution: null,
      } as RectificationNotice);
    for (let i = 0; i < 5; i++)
      feedback.push({
        id: newId(),
        category: 'suggestion',
        content: '建议',
        contactEnc: null,
        orgId: br.id,
        disclosureId: null,
        senderMemberId: people[i % people.length].id,
        channel: 'member',
        status: i < 2 ? 'received' : 'replied',
        checkResult: 'not_required',
        replyDueAt: at(int(1, 12), 1),
        reply: null,
        repliedAt: null,
        repliedBy: null,
        repliedByName: null,
        problemId: null,
        createdAt: at(1, 1),
      } as Feedback);
    for (const m of people.filter((p) => p.isMobile))
      mobility.push({
        memberId: m.id,
        destination: '广东省深圳市',
        employer: null,
        leftAt: '2024-01-01',
        status: 'away',
        contactCadreId: people[1 % people.length].id,
        intervalDays: 90,
        expectedReturnAt: null,
        lastContactAt: at(int(1, 11), 1),
        lastSelfReportAt: null,
        registeredAt: at(1, 1),
        updatedAt: now,
      } as MemberMobility);
  }
  for (const [entity, rows] of [
    [Site, sites],
    [SiteInvestment, investments],
    [BranchRatingRecord, ratings],
    [Commendation, commendations],
    [PublicDeed, deeds],
    [RectificationNotice, rect],
    [Feedback, feedback],
    [MemberMobility, mobility],
  ] as const)
    await insertAll(ds, entity as EntityTarget<ObjectLiteral>, rows as ObjectLiteral[]);

  // A county-wide study plan of 3 materials; two thirds of the members finished it.
  const mats: StudyMaterial[] = [0, 1, 2].map(
    (i) =>
      ({
        id: newId(),
        title: `材料${i}`,
        kind: 'article',
        summary: null,
        tags: '',
        body: '正文',
        url: null,
        fileId: null,
        orgId: county.id,
        required: true,
        status: 'published',
        minSeconds: 60,
        quizMode: 'none',
        quiz: null,
        createdBy: null,
        createdAt: now,
      }) as unknown as StudyMaterial,
  );
  await insertAll(ds, StudyMaterial, mats);
  const plan = {
    id: newId(),
    orgId: county.id,
    title: '年度学习计划',
    startsOn: day(3, 1),
    endsOn: day(12, 31),
    note: null,
    createdBy: null,
    createdAt: now,
  } as StudyPlan;
  await insertAll(ds, StudyPlan, [plan]);
  await insertAll(
    ds,
    StudyPlanMaterial,
    mats.map((m, position) => ({ planId: plan.id, materialId: m.id, position }) as StudyPlanMaterial),
  );
  const completions: StudyCompletion[] = [];
  for (const m of members)
    if (rand() < 0.66)
      for (const mat of mats)
        completions.push({ memberId: m.id, materialId: mat.id, sessionId: 'bench', completedAt: at(5, 1) } as StudyCompletion);
  await insertAll(ds, StudyCompletion, completions);
  console.log(
    `generated ${orgs.length} orgs, ${members.length} members, ${activities.length} activities, ${problems.length} problems, ${deeds.length} deeds, ${completions.length} completions in ${((performance.now() - t0) / 1000).toFixed(1)} s`,
  );
}

function stats(ms: number[]) {
  const s = [...ms].sort((a, b) => a - b);
  const q = (p: number) => s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)];
  return { p50: q(50), p95: q(95), max: s[s.length - 1] };
}

async function main() {
  const server = await mysql.createConnection({ uri: URL_TEXT.replace(/\/[^/]*$/, '/') });
  const [exists] = (await server.query('SELECT SCHEMA_NAME FROM information_schema.SCHEMATA WHERE SCHEMA_NAME = ?', [
    DB_NAME,
  ])) as unknown as [unknown[]];
  const fresh = !REUSE || !exists.length;
  if (fresh) {
    await server.query(`DROP DATABASE IF EXISTS \`${DB_NAME}\``);
    await server.query(`CREATE DATABASE \`${DB_NAME}\` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`);
  }
  const config = loadConfig({
    NODE_ENV: 'production',
    DATABASE_URL: URL_TEXT,
    JWT_SECRET: 'bench-jwt-secret-bench-jwt-secret-0123',
    DATA_KEY: '0'.repeat(64),
    WECHAT_APPID: 'wxbench',
    WECHAT_SECRET: 'bench',
    LOG_LEVEL: 'silent',
  });
  const ds = createDataSource(config.database);
  await ds.initialize();
  await ds.runMigrations();
  if (fresh) await generate(ds);
  const clock = () => new Date(`${YEAR}-12-01T10:00:00+08:00`);
  const services = createServices({ config, dataSource: ds, logger: createLogger('silent'), wechat: {} as never, now: clock });
  const county = (await ds.query("SELECT id, path, name FROM orgs WHERE kind = 'county' LIMIT 1"))[0];
  const town = (await ds.query("SELECT id, path, name FROM orgs WHERE kind = 'township' ORDER BY sortOrder LIMIT 1"))[0];
  const admin: Principal = {
    kind: 'user',
    id: 'bench',
    name: '县委组织部',
    username: 'bench',
    memberId: null,
    userId: 'bench',
    orgId: null,
    orgPath: null,
    memberStatus: null,
    memberMobile: false,
    grants: [{ role: 'admin', orgId: county.id, orgName: county.name, orgPath: county.path }],
  };

  const cases: [string, number, () => Promise<unknown>][] = [
    ['annual report, county', 2000, () => services.reports.annual(admin, { orgId: county.id, year: YEAR })],
    ['annual report, township', 2000, () => services.reports.annual(admin, { orgId: town.id, year: YEAR })],
    ['overview, county', 500, () => services.reports.overview(admin, { orgId: county.id, year: YEAR })],
    ['overview, township', 500, () => services.reports.overview(admin, { orgId: town.id, year: YEAR })],
    ['Word file, township', 3000, async () => annualDocx(await services.reports.annual(admin, { orgId: town.id, year: YEAR }))],
    ['Excel file, township', 3000, async () => annualXlsx(await services.reports.annual(admin, { orgId: town.id, year: YEAR }))],
    ['Excel file, county', 3000, async () => annualXlsx(await services.reports.annual(admin, { orgId: county.id, year: YEAR }))],
  ];
  console.log(`\n${MEMBERS} members, ${RUNS} runs per case (after 2 warm-up runs)\n`);
  console.log('case                         p50 ms   p95 ms   max ms   goal');
  for (const [name, goal, fn] of cases) {
    await fn();
    await fn();
    const times: number[] = [];
    for (let i = 0; i < RUNS; i++) {
      const t = performance.now();
      await fn();
      times.push(performance.now() - t);
    }
    const s = stats(times);
    console.log(
      `${name.padEnd(28)} ${s.p50.toFixed(0).padStart(6)}   ${s.p95.toFixed(0).padStart(6)}   ${s.max.toFixed(0).padStart(6)}   ${s.p95 <= goal ? '✔' : '✘'} p95 ≤ ${goal}`,
    );
  }
  const r = await services.reports.annual(admin, { orgId: county.id, year: YEAR });
  console.log(`\ncounty figures: ${r.figures.map((f) => `${f.no}=${f.value ?? '—'}`).join(' ')}`);
  await ds.destroy();
  if (!KEEP) await server.query(`DROP DATABASE IF EXISTS \`${DB_NAME}\``);
  await server.end();
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
