/**
 * The demo county that `npm start` seeds: what a visitor is told to try must be there, linked to
 * the right records, and its points must add up.
 */
import { seedDemo } from '../src/demo/seed';
import { seedDemoActivities } from '../src/demo/seed-activities';
import { seedDemoProblems } from '../src/demo/seed-problems';
import { seedDemoRecords } from '../src/demo/seed-records';
import { seedDemoReportWork } from '../src/demo/seed-report';
import { seedDemoDisclosures } from '../src/demo/seed-disclosures';
import { seedDemoService } from '../src/demo/seed-service';
import { seedDemoDevelopment } from '../src/demo/seed-development';
import { DevelopmentStepRecord } from '../src/modules/development/development.entity';
import { checkStep, type StepFact } from '../src/modules/development/development.rules';
import { fact } from '../src/modules/development/development.service';
import { seedDemoMembersYear } from '../src/demo/seed-members-year';
import { seedDemoTransfers } from '../src/demo/seed-transfers';
import { seedDemoReview } from '../src/demo/seed-review';
import { verifyBalances } from '../src/modules/points/points.verify';
import { toLocalDate, type AnnualReport, type DevelopmentCaseSummary, type ReportOverview } from '@djzy/shared';
import { TEST_DB, createTestContext, type TestContext } from './support/context';

jest.setTimeout(120_000);

(TEST_DB === 'sqlite' ? describe : describe.skip)('demo county seed', () => {
  let ctx: TestContext;
  beforeAll(async () => {
    ctx = await createTestContext();
    const seeded = await seedDemo(ctx.ds, ctx.services.cipher, { adminPassword: 'Demo@2026' });
    expect(seeded.seeded).toBe(true);
    await seedDemoActivities(ctx.ds, ctx.services);
    await seedDemoProblems(ctx.ds);
    await seedDemoRecords(ctx.ds);
    await seedDemoReportWork(ctx.ds);
    await seedDemoDisclosures(ctx.ds);
    await seedDemoService(ctx.ds);
    await seedDemoDevelopment(ctx.ds, ctx.services.cipher);
    await seedDemoMembersYear(ctx.ds);
    await seedDemoTransfers(ctx.ds, ctx.services.cipher);
    await seedDemoReview(ctx.ds, ctx.services);
  });
  afterAll(() => ctx.close());

  const titlesOf = async (sql: string) => (await ctx.ds.query(sql)) as { owner: string; title: string }[];

  it('links every branch’s online study to the charter and the quiz, and its plan to the charter and the video', async () => {
    const branches = Number((await ctx.ds.query("SELECT COUNT(*) AS n FROM orgs WHERE kind = 'branch'"))[0].n);
    const online = await titlesOf(
      `SELECT a.id AS owner, s.title AS title FROM activities a JOIN activity_materials l ON l.activityId = a.id JOIN study_materials s ON s.id = l.materialId
        WHERE a.studyMode = 'online' ORDER BY a.id, l.position`,
    );
    expect(online.length).toBe(branches * 2);
    for (let i = 0; i < online.length; i += 2)
      expect([online[i].title, online[i + 1].title]).toEqual(['中国共产党章程（学习要点）', '党史知识小测验']);
    const plans = await titlesOf(
      `SELECT p.id AS owner, s.title AS title FROM study_plans p JOIN study_plan_materials l ON l.planId = p.id JOIN study_materials s ON s.id = l.materialId ORDER BY p.id, l.position`,
    );
    expect(plans.length).toBe(branches * 2);
    for (let i = 0; i < plans.length; i += 2)
      expect([plans[i].title, plans[i + 1].title]).toEqual(['中国共产党章程（学习要点）', '乡村振兴政策解读（视频）']);
    const pairs = Number((await ctx.ds.query('SELECT COUNT(*) AS n FROM activity_study_pairs'))[0].n);
    expect(pairs).toBeGreaterThan(0);
  });

  it('has a meeting open for check-in now and lectures with their topic', async () => {
    const open = await ctx.ds.query("SELECT startsAt, endsAt FROM activities WHERE title LIKE '主题党日：学习年终民主评议党员工作要求%'");
    expect(open).toHaveLength(1);
    const lectures = await ctx.ds.query("SELECT topic FROM activities WHERE kind = 'party_lecture'");
    expect(lectures.length).toBeGreaterThan(0);
    expect(lectures.every((l: { topic: string | null }) => !!l.topic)).toBe(true);
  });

  it('has a year of problems from every source — most 销号, some open, a few overdue — and answered and waiting 投诉建议', async () => {
    const admin = (await ctx.ds.query("SELECT id FROM users WHERE username = 'admin'"))[0].id as string;
    const county = `Bearer ${ctx.services.tokens.issue({ kind: 'user', id: admin }).token}`;
    const all = (await ctx.http.get('/api/v1/problems?pageSize=100').set('Authorization', county)).body;
    expect(all.total).toBeGreaterThan(20);
    const sources = new Set(all.items.map((p: { source: string }) => p.source));
    for (const s of ['review', 'observation_review', 'self_check', 'inspection', 'supervision', 'feedback']) expect(sources).toContain(s);
    const by = (status: string) => all.items.filter((p: { status: string }) => p.status === status).length;
    expect(by('closed')).toBeGreaterThan(by('rectifying'));
    expect(by('rectifying')).toBeGreaterThan(0);
    expect((await ctx.http.get('/api/v1/problems?overdue=true').set('Authorization', county)).body.total).toBeGreaterThan(0);
    const one = all.items.find((p: { status: string }) => p.status === 'closed');
    const detail = (await ctx.http.get(`/api/v1/problems/${one.id}`).set('Authorization', county)).body;
    expect(detail.events.map((e: { kind: string }) => e.kind)).toEqual(
      expect.arrayContaining(['registered', 'assigned', 'progress', 'submitted', 'passed']),
    );
    const inbox = (await ctx.http.get('/api/v1/feedback?pageSize=100').set('Authorization', county)).body;
    expect(inbox.items.some((f: { status: string }) => f.status === 'replied')).toBe(true);
    expect(inbox.items.some((f: { overdue: boolean }) => f.overdue)).toBe(true);
    expect(inbox.items.some((f: { problemId: string | null }) => !!f.problemId)).toBe(true);
    const notices = (await ctx.http.get('/api/v1/inspection-notices').set('Authorization', county)).body;
    expect(notices.some((n: { status: string; serialNo: number }) => n.status === 'published' && n.serialNo === 1)).toBe(true);
    expect((await ctx.http.get('/api/v1/inspections').set('Authorization', county)).body.length).toBeGreaterThan(0);
  });

  it('has 城关镇’s year of 述职台账: visits and households, talks, sites, ratings, commendations, posts', async () => {
    const year = new Date().getFullYear();
    const t = (await ctx.ds.query("SELECT id, path FROM orgs WHERE name = '城关镇党委'"))[0] as { id: string; path: string };
    const admin = (await ctx.ds.query("SELECT id FROM users WHERE username = 'zz_chengguan'"))[0].id as string;
    const as = `Bearer ${ctx.services.tokens.issue({ kind: 'user', id: admin }).token}`;
    const get = async (path: string) => (await ctx.http.get(`/api/v1${path}`).set('Authorization', as)).body;
    const visits = (await get(`/visits?orgId=${t.id}&year=${year}`)) as {
      purpose: string;
      on: string;
      households: { householdKey: string; poor: boolean }[];
    }[];
    const today = new Date().toISOString().slice(0, 10);
    expect(visits.every((v) => v.on <= today && v.on.startsWith(String(year)))).toBe(true);
    expect(visits.filter((v) => v.purpose === 'research').length).toBe(25);
    const keys = new Set(visits.flatMap((v) => v.households.map((h) => h.householdKey)));
    expect(keys.size).toBeGreaterThanOrEqual(50);
    expect(visits.flatMap((v) => v.households).length).toBeGreaterThan(keys.size);
    expect(visits.some((v) => v.households.some((h) => h.poor))).toBe(true);
    expect((await get(`/talks?orgId=${t.id}&year=${year}`)).length).toBeGreaterThanOrEqual(35);
    const sites = (await get(`/sites?orgId=${t.id}&year=${year}`)) as { standardizedOn: string | null; investedCents: number }[];
    expect(sites.filter((s) => s.standardizedOn?.startsWith(String(year))).length).toBeGreaterThanOrEqual(2);
    expect(sites.reduce((n, s) => n + s.investedCents, 0)).toBeGreaterThan(0);
    const ratings = (await get(`/branch-ratings?orgId=${t.id}&year=${year}`)) as { rating: string | null; previousRating: string | null }[];
    expect(ratings.filter((r) => r.previousRating === 'lagging').length).toBe(2);
    expect(ratings.filter((r) => r.previousRating === 'lagging' && r.rating !== 'lagging').length).toBe(1);
    const commended = (await get(`/commendations?orgId=${t.id}&year=${year}`)) as { subjectKind: string }[];
    expect(commended.filter((c) => c.subjectKind === 'org').length).toBe(2);
    expect(commended.filter((c) => c.subjectKind === 'member').length).toBe(10);
    const posts = (await get(`/role-grants?orgId=${t.id}&includeEnded=true`)) as { role: string; endReason: string | null }[];
    expect(posts.filter((g) => g.role === 'youth_league_secretary').length).toBeGreaterThanOrEqual(3);
    expect(posts.filter((g) => g.role === 'women_federation_chair').length).toBeGreaterThanOrEqual(3);
    expect(posts.filter((g) => g.role === 'branch_secretary' && g.endReason === 'replaced')).toHaveLength(1);
  });

  it('has deeds from every source (most done, some confirmed, one declined, one overdue), the service hall and liaison links of every kind', async () => {
    const admin = (await ctx.ds.query("SELECT id FROM users WHERE username = 'admin'"))[0].id as string;
    const county = `Bearer ${ctx.services.tokens.issue({ kind: 'user', id: admin }).token}`;
    const all = (await ctx.http.get('/api/v1/deeds?pageSize=100').set('Authorization', county)).body;
    expect(all.total).toBeGreaterThan(20);
    const sources = new Set(all.items.map((d: { source: string }) => d.source));
    for (const s of ['liaison', 'service_request', 'feedback', 'plan']) expect(sources).toContain(s);
    const by = (status: string) => all.items.filter((d: { status: string }) => d.status === status).length;
    expect(by('confirmed')).toBeGreaterThan(0);
    expect(by('declined')).toBeGreaterThan(0);
    expect(all.items.some((d: { overdue: boolean }) => d.overdue)).toBe(true);
    expect(all.items.filter((d: { overdue: boolean }) => d.overdue).length).toBeLessThan(6);
    // Figure 30 of the report, as its plain SQL counts it.
    const done = await ctx.ds.query(
      `SELECT COUNT(*) AS n, SUM(CASE WHEN status = 'confirmed' THEN 1 ELSE 0 END) AS confirmed FROM public_deeds WHERE doneAt IS NOT NULL`,
    );
    expect(Number(done[0].n)).toBeGreaterThan(5);
    expect(Number(done[0].confirmed)).toBeGreaterThan(0);
    const requests = (await ctx.http.get('/api/v1/service-requests?pageSize=100').set('Authorization', county)).body;
    expect(new Set(requests.items.map((r: { status: string }) => r.status))).toEqual(new Set(['handled', 'referred', 'deed']));
    const links = (await ctx.http.get('/api/v1/liaisons?pageSize=100').set('Authorization', county)).body;
    expect(new Set(links.items.map((l: { kind: string }) => l.kind))).toEqual(
      new Set(['cadre_village', 'committee_area', 'member_household']),
    );
    for (const l of links.items.filter((x: { kind: string }) => x.kind === 'member_household')) {
      expect(l.households.length).toBeGreaterThanOrEqual(5);
      expect(l.households.length).toBeLessThanOrEqual(10);
    }
    // The demo 普通党员 of the sign-in screen has households, contacts and a deed to act on.
    const options = (await ctx.http.get('/api/v1/auth/options')).body;
    const plain = options.demoAccounts?.find((a: { label: string }) => a.label.includes('普通党员'));
    expect(plain).toBeTruthy();
    {
      const token = `Bearer ${ctx.services.tokens.issue({ kind: 'member', id: plain.memberId }).token}`;
      const mine = (await ctx.http.get('/api/v1/liaisons/mine').set('Authorization', token)).body;
      expect(mine.liaisons[0]).toMatchObject({ kind: 'member_household' });
      expect(mine.recentContacts.length).toBeGreaterThan(0);
      const deeds = (await ctx.http.get('/api/v1/deeds?mine=true').set('Authorization', token)).body;
      expect(deeds.items.some((d: { allowedMoves: string[] }) => d.allowedMoves.includes('start'))).toBe(true);
    }
  });

  it('gives the members’ year: 七一 and 春节 visits in every township, last year’s finished 民主评议, one 限期改正 under way', async () => {
    const towns = (await ctx.ds.query("SELECT id, path FROM orgs WHERE kind = 'township'")) as { id: string; path: string }[];
    for (const t of towns) {
      const n = await ctx.ds.query(
        `SELECT COUNT(*) AS n FROM care_visits v JOIN orgs o ON o.id = v.memberOrgId WHERE o.path LIKE '${t.path}%' AND v.occasion IN ('qiyi', 'spring_festival')`,
      );
      expect(Number(n[0].n)).toBeGreaterThan(0);
    }
    const rounds = (await ctx.ds.query('SELECT status FROM appraisal_rounds')) as { status: string }[];
    expect(rounds.length).toBeGreaterThanOrEqual(3);
    expect(rounds.every((r) => r.status === 'reported')).toBe(true);
    const under = (await ctx.ds.query('SELECT kind, status, rectifyUntil, approvedOn FROM disposals')) as {
      kind: string;
      status: string;
      rectifyUntil: string;
      approvedOn: string;
    }[];
    expect(under).toEqual([expect.objectContaining({ kind: 'rectify', status: 'effective' })]);
    expect(under[0].rectifyUntil > under[0].approvedOn).toBe(true);
    // A year of 党费 for 城关镇: a base for every Party member, the quarters paid, no month twice.
    const dues = await ctx.ds.query(
      'SELECT COUNT(*) AS bases, (SELECT COUNT(*) FROM dues_payments) AS payments, (SELECT COUNT(*) FROM dues_months) AS months, (SELECT COUNT(DISTINCT memberId || month) FROM dues_months) AS distinctMonths FROM dues_bases',
    );
    expect(Number(dues[0].bases)).toBeGreaterThan(50);
    expect(Number(dues[0].payments)).toBeGreaterThan(50);
    expect(Number(dues[0].months)).toBe(Number(dues[0].distinctMonths));
    // 组织关系转接: one letter 在途 (the member marked on the roster, out of both orgs' 应到), one letter from outside waiting.
    const inTransit = (await ctx.ds.query(
      "SELECT t.memberId AS memberId, t.validUntil AS validUntil, m.transferState AS state, m.transferSince AS since, t.issuedOn AS issuedOn FROM membership_transfers t JOIN members m ON m.id = t.memberId WHERE t.status = 'issued'",
    )) as { memberId: string; validUntil: string; state: string; since: string; issuedOn: string }[];
    expect(inTransit).toEqual([expect.objectContaining({ state: 'in_transit' })]);
    expect(inTransit[0].since).toBe(inTransit[0].issuedOn);
    const letters = (await ctx.ds.query('SELECT name, idCardEnc, status FROM incoming_transfers')) as {
      name: string;
      idCardEnc: string;
      status: string;
    }[];
    expect(letters).toEqual([expect.objectContaining({ name: '陈晓燕', status: 'registered' })]);
    expect(letters[0].idCardEnc).not.toContain('19880912');
  });

  it('keeps the points balances equal to the ledger', async () => {
    const v = await verifyBalances(ctx.ds);
    expect(v.entries).toBeGreaterThan(1000);
    expect(v.drift).toEqual([]);
  });

  it('gives 城关镇 a complete yearly report: every figure with a record kind has records behind it', async () => {
    const admin = (await ctx.ds.query("SELECT id FROM users WHERE username = 'admin'"))[0].id as string;
    const county = `Bearer ${ctx.services.tokens.issue({ kind: 'user', id: admin }).token}`;
    const org = (await ctx.ds.query("SELECT id FROM orgs WHERE name = '城关镇党委'"))[0].id as string;
    const report = (await ctx.http.get(`/api/v1/reports/annual?orgId=${org}`).set('Authorization', county)).body as AnnualReport;
    const empty = report.figures.filter((f) => f.value === 0).map((f) => `${f.no} ${f.label}`);
    expect(empty).toEqual([]);
    expect(report.figures.filter((f) => f.value === null).map((f) => f.no)).toEqual([]);
    const overview = (await ctx.http.get('/api/v1/reports/overview').set('Authorization', county)).body as ReportOverview;
    expect(overview.rows.map((r) => r.orgName)).toEqual(['城关镇党委', '柳河镇党委', '石桥乡党委']);
    expect(overview.total.members).toBeGreaterThan(200);
  });

  it('gives 城关镇 发展党员 cases at every stage, each walked by the rules, with the roster agreeing', async () => {
    const admin = (await ctx.ds.query("SELECT id FROM users WHERE username = 'admin'"))[0].id as string;
    const county = `Bearer ${ctx.services.tokens.issue({ kind: 'user', id: admin }).token}`;
    const org = (await ctx.ds.query("SELECT id FROM orgs WHERE name = '城关镇党委'"))[0].id as string;
    const cases = (await ctx.http.get(`/api/v1/development-cases?orgId=${org}`).set('Authorization', county))
      .body as DevelopmentCaseSummary[];
    expect(new Set(cases.map((c) => c.stage))).toEqual(new Set(['applicant', 'activist', 'candidate', 'probationary', 'full']));
    expect(cases.some((c) => c.status === 'extended')).toBe(true);
    expect(cases.some((c) => c.warnings.length > 0)).toBe(true);
    const statuses = new Map<string, string>(
      (await ctx.ds.query('SELECT id, status FROM members')).map((m: { id: string; status: string }) => [m.id, m.status]),
    );
    for (const c of cases) expect([c.name, statuses.get(c.memberId!)]).toEqual([c.name, c.stage]);
    // Every case's recorded steps pass the same hard rules when replayed one by one, as an import would.
    const today = toLocalDate(new Date());
    for (const c of cases) {
      const records = (await ctx.ds.getRepository(DevelopmentStepRecord).findBy({ caseId: c.id })).sort((a, b) =>
        a.occurredOn + String(a.step).padStart(2, '0') < b.occurredOn + String(b.step).padStart(2, '0') ? -1 : 1,
      );
      const prior: StepFact[] = [];
      for (const r of records) {
        if (r.step !== 1) {
          const actors = (JSON.parse(r.actors ?? '[]') as { memberId: string; name: string }[]).map((a) => ({
            ...a,
            status: statuses.get(a.memberId) ?? null,
          }));
          const input = {
            step: r.step,
            occurredOn: r.occurredOn,
            actors,
            vote: r.vote ? JSON.parse(r.vote) : null,
            training: r.trainingDays ? { days: r.trainingDays } : null,
            outcome: r.outcome,
            extensionMonths: r.extensionMonths,
            supersedes: null,
          };
          const status = prior.some((s) => s.step === 25) ? 'completed' : 'active';
          expect([
            c.name,
            r.step,
            checkStep({ birthDate: c.birthDate, appliedOn: c.appliedOn, memberId: c.memberId, status }, prior, input, today),
          ]).toEqual([c.name, r.step, []]);
        }
        prior.push(fact(r));
      }
    }
  });

  it('gives every village a year of 三务公开 on its public page, one correction, and exactly one overdue schedule the check turns into one problem', async () => {
    const villages = (await ctx.ds.query("SELECT id, name FROM orgs WHERE kind = 'branch' AND name NOT LIKE '%机关%'")) as {
      id: string;
      name: string;
    }[];
    expect(villages.length).toBeGreaterThan(5);
    for (const v of villages) {
      const page = (await ctx.http.get(`/api/v1/public/orgs/${v.id}/disclosures`)).body;
      const kinds = new Set(page.items.map((i: { kind: string }) => i.kind));
      for (const k of ['finance', 'village_affairs', 'party_affairs', 'subsidy']) expect(kinds).toContain(k);
      const finance = page.items.filter((i: { kind: string; superseded: boolean }) => i.kind === 'finance' && !i.superseded);
      expect(finance.length).toBeGreaterThanOrEqual(4);
      expect(finance.every((i: { financeRows: unknown[] }) => i.financeRows.length > 0)).toBe(true);
      const subsidy = page.items.find((i: { kind: string }) => i.kind === 'subsidy');
      expect(subsidy.subsidyRows.every((r: { beneficiary: string }) => r.beneficiary.includes('*'))).toBe(true);
      expect(JSON.stringify(page)).not.toMatch(/(?<!\d)(\d{17}[\dX]|1[3-9]\d{9})(?!\d)/);
    }
    expect(Number((await ctx.ds.query("SELECT COUNT(*) AS n FROM disclosures WHERE status = 'superseded'"))[0].n)).toBe(1);
    const admin = (await ctx.ds.query("SELECT id FROM users WHERE username = 'admin'"))[0].id as string;
    const county = `Bearer ${ctx.services.tokens.issue({ kind: 'user', id: admin }).token}`;
    const schedules = (await ctx.http.get('/api/v1/disclosure-schedules').set('Authorization', county)).body;
    expect(schedules.filter((s: { overdue: boolean }) => s.overdue)).toHaveLength(1);
    const check = (await ctx.http.post('/api/v1/disclosure-schedules/check').set('Authorization', county).send({})).body;
    expect(check).toMatchObject({ overdue: 1, raised: 1 });
    expect((await ctx.http.post('/api/v1/disclosure-schedules/check').set('Authorization', county).send({})).body.raised).toBe(0);
  });
  it('has last year’s 述职评议 of each township with results, grades and comments that became problems, this year’s planned, and the 百分制 template', async () => {
    const admin = (
      await ctx.ds.query(
        "SELECT u.id FROM users u JOIN role_grants g ON g.userId = u.id JOIN orgs o ON o.id = g.orgId WHERE g.role = 'admin' AND o.kind = 'township'",
      )
    )[0].id as string;
    const township = `Bearer ${ctx.services.tokens.issue({ kind: 'user', id: admin }).token}`;
    const sessions = (await ctx.http.get('/api/v1/review-sessions').set('Authorization', township)).body as {
      id: string;
      status: string;
      year: number;
    }[];
    const year = Number(new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 4));
    const last = sessions.find((s) => s.status === 'published');
    expect(last?.year).toBe(year - 1);
    expect(sessions.find((s) => s.status === 'planned')?.year).toBe(year);
    const results = (await ctx.http.get(`/api/v1/review-sessions/${last!.id}/results`).set('Authorization', township)).body;
    expect(results.validBallots).toBeGreaterThan(10);
    expect(results.rows.every((r: { finalGrade: string | null }) => !!r.finalGrade)).toBe(true);
    expect(results.tallies[0].witnessName).toBeTruthy();
    const comments = (await ctx.http.get(`/api/v1/review-sessions/${last!.id}/comments`).set('Authorization', township)).body;
    expect(comments.some((c: { problemId: string | null }) => !!c.problemId)).toBe(true);
    const reports = (await ctx.http.get(`/api/v1/review-sessions/${last!.id}/duty-reports`).set('Authorization', township)).body;
    expect(reports.length).toBe(results.rows.length);
    expect(reports.every((r: { status: string; figures: unknown[] }) => r.status === 'accepted' && r.figures.length === 30)).toBe(true);
    const templates = (await ctx.http.get('/api/v1/assessment-templates').set('Authorization', township)).body;
    expect(templates).toHaveLength(1);
    expect(templates[0].totalPoints).toBe(100);
    const assessments = (await ctx.http.get('/api/v1/secretary-assessments').set('Authorization', township)).body as { status: string }[];
    expect(assessments.map((a) => a.status).sort()).toEqual(['assessed', 'draft', 'self_assessed']);
    const sessionsInCounty = Number((await ctx.ds.query('SELECT COUNT(*) AS n FROM review_sessions'))[0].n);
    expect(sessionsInCounty).toBe(6);
  });
});
