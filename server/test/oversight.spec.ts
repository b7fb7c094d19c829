/**
 * 专项检查 (findings become problems), 督查通报 (numbered gap-free at publishing, findings sent
 * out as problems with its deadline, withdrawn keeps its number, Word export) and 约谈 (read by
 * the township committee and the interviewee only; the candidates list is only a list).
 */
import { Inspection, InspectionNotice, Problem } from '../src/modules/problem/problem.entity';
import {
  asMember,
  asUser,
  buildMember,
  buildTree,
  buildUser,
  createTestContext,
  grantRole,
  testClock,
  type BuiltMember,
  type TestContext,
} from './support/context';

describe('inspections, notices and interviews', () => {
  const clock = testClock('2026-06-01T09:00:00+08:00');
  let ctx: TestContext;
  let tree: Awaited<ReturnType<typeof buildTree>>;
  let township: string;
  let otherTownship: string;
  let secretary: BuiltMember;
  let committee: BuiltMember;

  beforeAll(async () => {
    ctx = await createTestContext({}, { now: clock.now });
    tree = await buildTree(ctx);
    township = asUser(ctx, await buildUser(ctx, 't1admin', 'pw-t1admin-1', [{ role: 'admin', org: tree.t1 }]));
    otherTownship = asUser(ctx, await buildUser(ctx, 't2admin', 'pw-t2admin-1', [{ role: 'admin', org: tree.t2 }]));
    secretary = await buildMember(ctx, tree.b11, { name: '甲村书记' });
    committee = await buildMember(ctx, tree.b11, { name: '甲村委员' });
    await grantRole(ctx, 'branch_secretary', tree.b11, { memberId: secretary.id });
    await grantRole(ctx, 'branch_committee', tree.b11, { memberId: committee.id });
  });
  afterAll(() => ctx.close());

  const post = (who: string, path: string, body: object = {}) => ctx.http.post(`/api/v1${path}`).set('Authorization', who).send(body);
  const finding = (orgId: string, description: string) => ({ orgId, category: '组织生活', description });

  it('turns an inspection’s findings into problems of the orgs they name; a finding outside scope writes nothing', async () => {
    const body = {
      orgId: tree.t1.id,
      topic: '2026 年上半年“三会一课”专项检查',
      kind: 'special',
      from: '2026-05-20',
      to: '2026-05-25',
      targetOrgIds: [tree.b11.id, tree.b12.id],
      methods: ['查阅资料', '走访党员群众'],
      findings: [finding(tree.b11.id, '支委会记录缺 3 次'), finding(tree.b12.id, '党课未按季度开展')],
    };
    const before = [await ctx.ds.getRepository(Inspection).count(), await ctx.ds.getRepository(Problem).count()];
    const outside = await post(township, '/inspections', { ...body, findings: [...body.findings, finding(tree.b21.id, '外镇')] });
    expect(outside.status).toBe(404);
    expect((await post(township, '/inspections', { ...body, methods: ['拍照打卡'] })).status).toBe(400);
    expect((await post(township, '/inspections', { ...body, to: '2026-05-01' })).status).toBe(400);
    expect([await ctx.ds.getRepository(Inspection).count(), await ctx.ds.getRepository(Problem).count()]).toEqual(before);

    const res = await post(township, '/inspections', body);
    expect(res.status).toBe(201);
    expect(res.body.problemIds).toHaveLength(2);
    expect(res.body.targets.map((t: { name: string }) => t.name)).toEqual(['甲村党支部', '乙村党支部']);
    const p = (await ctx.http.get(`/api/v1/problems/${res.body.problemIds[0]}`).set('Authorization', township)).body;
    expect(p).toMatchObject({ source: 'inspection', sourceRef: res.body.id, status: 'registered', assignerOrgName: '一号镇党委' });
    expect((await ctx.http.get(`/api/v1/inspections/${res.body.id}`).set('Authorization', otherTownship)).status).toBe(404);
    expect(
      (await ctx.http.get('/api/v1/inspections?year=2026').set('Authorization', township)).body.map((i: { id: string }) => i.id),
    ).toEqual([res.body.id]);
  });

  it('numbers notices when published, gap-free per issuer and year, and sends their findings out with the deadline', async () => {
    const draft = (title: string) =>
      post(township, '/inspection-notices', {
        issuerOrgId: tree.t1.id,
        year: 2026,
        title,
        periodCovered: '2026 年 5 月',
        findings: [finding(tree.b11.id, `${title}：台账不全`)],
        requirements: '请于期限内整改到位',
        responseDeadline: '2026-06-30',
      });
    const a = (await draft('第一份')).body;
    const b = (await draft('第二份')).body;
    expect(a).toMatchObject({ status: 'draft', serialNo: null });
    expect((await draft('过期')).status).toBe(201);
    const late = await post(township, '/inspection-notices', {
      issuerOrgId: tree.t1.id,
      year: 2026,
      title: 'x',
      periodCovered: 'y',
      findings: [],
      responseDeadline: '2026-05-01',
    });
    expect(late.status).toBe(400);

    const both = await Promise.all([a.id, b.id].map((id) => post(township, `/inspection-notices/${id}/publish`)));
    expect(both.map((r) => r.status)).toEqual([200, 200]);
    expect(both.map((r) => r.body.serialNo).sort()).toEqual([1, 2]);
    const pa = both[0].body;
    expect(pa.problemIds).toHaveLength(1);
    const problem = (await ctx.http.get(`/api/v1/problems/${pa.problemIds[0]}`).set('Authorization', township)).body;
    expect(problem).toMatchObject({ source: 'supervision', sourceRef: a.id, deadline: '2026-06-30' });
    expect((await post(township, `/inspection-notices/${a.id}/publish`)).body.error.code).toBe('STATE_CONFLICT');

    const withdrawn = await post(township, `/inspection-notices/${a.id}/withdraw`, { reason: '内容有误，重新印发' });
    expect(withdrawn.body).toMatchObject({ status: 'withdrawn', serialNo: pa.serialNo, withdrawReason: '内容有误，重新印发' });
    const c = (await draft('第三份')).body;
    expect((await post(township, `/inspection-notices/${c.id}/publish`)).body.serialNo).toBe(3);
    const serials = (await ctx.ds.getRepository(InspectionNotice).find()).map((n) => n.serialNo).filter((n) => n !== null);
    expect(serials.sort()).toEqual([1, 2, 3]);

    const doc = await ctx.http
      .get(`/api/v1/inspection-notices/${c.id}.docx`)
      .set('Authorization', township)
      .buffer(true)
      .parse((r, cb) => {
        const chunks: Buffer[] = [];
        r.on('data', (x: Buffer) => chunks.push(x));
        r.on('end', () => cb(null, Buffer.concat(chunks)));
      });
    expect(doc.status).toBe(200);
    expect(doc.headers['content-disposition']).toContain(encodeURIComponent('督查通报-一号镇党委-2026年第3期.docx'));
    expect((doc.body as Buffer).subarray(0, 2).toString()).toBe('PK');
    expect((await ctx.http.get(`/api/v1/inspection-notices/${c.id}`).set('Authorization', otherTownship)).status).toBe(404);
  });

  it('shows a 约谈 to the township committee and the interviewee only; the candidates list only suggests', async () => {
    const refused = await post(township, '/interviews', {
      orgId: tree.b11.id,
      intervieweeMemberIds: [secretary.id],
      at: '2026-06-05T09:00:00+08:00',
      place: '镇党委会议室',
      reasonText: '整改不力',
    });
    expect(refused.status).toBe(400);
    const outsider = await buildMember(ctx, tree.b21);
    expect(
      (
        await post(township, '/interviews', {
          orgId: tree.t1.id,
          intervieweeMemberIds: [outsider.id],
          at: '2026-06-05T09:00:00+08:00',
          place: '会议室',
          reasonText: 'x',
        })
      ).status,
    ).toBe(400);

    // A problem overdue 40 days puts its responsible member on the list; nothing else happens.
    clock.set('2026-04-01T09:00:00+08:00');
    const p = (
      await post(township, '/problems', {
        orgId: tree.b11.id,
        year: 2026,
        source: 'supervision',
        category: '阵地建设',
        description: '活动室长期闲置',
      })
    ).body;
    await post(township, `/problems/${p.id}/assign`, { responsibleMemberId: secretary.id, deadline: '2026-04-20' });
    clock.set('2026-05-30T09:00:00+08:00');
    const candidates = (await ctx.http.get(`/api/v1/interviews/candidates?orgId=${tree.t1.id}`).set('Authorization', township)).body;
    expect(candidates).toEqual([
      {
        memberId: secretary.id,
        name: '甲村书记',
        orgName: '甲村党支部',
        problems: [{ id: p.id, category: '阵地建设', deadline: '2026-04-20', overdueDays: 40 }],
      },
    ]);
    expect(
      (await ctx.http.get(`/api/v1/interviews/candidates?orgId=${tree.t1.id}`).set('Authorization', asMember(ctx, committee))).status,
    ).toBe(403);

    const res = await post(township, '/interviews', {
      orgId: tree.t1.id,
      intervieweeMemberIds: [secretary.id],
      at: '2026-06-05T09:00:00+08:00',
      place: '镇党委会议室',
      reasonProblemIds: [p.id],
      reasonText: '活动室长期闲置问题逾期未整改',
      record: '指出问题，听取说明，提出要求',
      commitments: '一个月内整改到位',
    });
    expect(res.status).toBe(201);
    expect(res.body.interviewees).toEqual([{ id: secretary.id, name: '甲村书记', orgName: '甲村党支部' }]);
    expect((await ctx.http.get(`/api/v1/interviews/${res.body.id}`).set('Authorization', asMember(ctx, secretary))).status).toBe(200);
    expect(
      (await ctx.http.get('/api/v1/interviews').set('Authorization', asMember(ctx, secretary))).body.map((i: { id: string }) => i.id),
    ).toEqual([res.body.id]);
    // The branch committee manages the branch but is not the township committee.
    expect((await ctx.http.get(`/api/v1/interviews/${res.body.id}`).set('Authorization', asMember(ctx, committee))).status).toBe(404);
    expect((await ctx.http.get('/api/v1/interviews').set('Authorization', asMember(ctx, committee))).body).toEqual([]);
    expect((await ctx.http.get(`/api/v1/interviews/${res.body.id}`).set('Authorization', otherTownship)).status).toBe(404);
    expect((await ctx.http.get(`/api/v1/problems/${p.id}`).set('Authorization', township)).body.status).toBe('assigned');
  });

  it('责任清单: the township publishes to each branch (晒单), the branch claims (领单) and adds its own, the township judges (验单)', async () => {
    const t = (body: object) => post(township, '/responsibility-items', { orgId: tree.t1.id, year: 2026, ...body });
    expect((await t({ category: '组织生活', content: '每月召开支委会，每季度上党课' })).body.status).toBe('draft');
    clock.advance(60_000);
    await t({ category: '三务公开', content: '村务、财务、党务按月公开' });
    expect((await post(township, '/responsibility-items', { orgId: tree.g111.id, year: 2026, category: 'x', content: 'y' })).status).toBe(
      400,
    );
    const sec = asMember(ctx, secretary);
    expect((await post(sec, '/responsibility-items/publish', { orgId: tree.t1.id, year: 2026 })).status).toBe(403);
    const sent = await post(township, '/responsibility-items/publish', { orgId: tree.t1.id, year: 2026 });
    expect(sent.body).toEqual({ published: 2, branches: 2 });
    expect((await post(township, '/responsibility-items/publish', { orgId: tree.t1.id, year: 2026 })).status).toBe(409);

    const mine = (await ctx.http.get(`/api/v1/responsibility-items?orgId=${tree.b11.id}&year=2026`).set('Authorization', sec)).body;
    expect(mine.map((i: { category: string; status: string }) => [i.category, i.status])).toEqual([
      ['组织生活', 'published'],
      ['三务公开', 'published'],
    ]);
    const item = mine[0];
    expect(item.canAcknowledge).toBe(true);
    expect(item.canEvaluate).toBe(false);
    const outsider = await buildMember(ctx, tree.b12);
    expect(
      (await post(sec, `/responsibility-items/${item.id}/acknowledge`, { measures: '书记牵头', responsibleMemberId: outsider.id })).status,
    ).toBe(400);
    const claimed = await post(sec, `/responsibility-items/${item.id}/acknowledge`, {
      measures: '书记牵头，每月 5 日前召开支委会',
      responsibleMemberId: committee.id,
    });
    expect(claimed.body).toMatchObject({ status: 'acknowledged', responsibleName: '甲村委员' });
    const own = await post(sec, '/responsibility-items', {
      orgId: tree.b11.id,
      year: 2026,
      category: '为民服务',
      content: '为群众办实事 5 件',
    });
    expect(own.body).toMatchObject({ source: 'self', status: 'acknowledged' });

    // The branch never judges its own; the township does, once.
    expect((await post(sec, `/responsibility-items/${item.id}/evaluate`, { result: 'met' })).status).toBe(403);
    const judged = await post(township, `/responsibility-items/${item.id}/evaluate`, { result: 'partly_met', note: '党课少一次' });
    expect(judged.body).toMatchObject({ status: 'evaluated', result: 'partly_met' });
    expect((await post(township, `/responsibility-items/${item.id}/evaluate`, { result: 'met' })).status).toBe(409);
    expect((await post(township, `/responsibility-items/${mine[1].id}/evaluate`, { result: 'met' })).status).toBe(409);
    expect((await post(township, `/responsibility-items/${item.id}/evaluate`, { result: 'excellent' })).status).toBe(400);
    expect(
      (await ctx.http.get(`/api/v1/responsibility-items?orgId=${tree.b11.id}&year=2026`).set('Authorization', otherTownship)).status,
    ).toBe(403);
  });

  it('shows an inspector the target’s own records — org life, mobile members, problems, 整改通知 — with nothing to prepare', async () => {
    clock.set('2026-06-10T09:00:00+08:00');
    const ledger = await ctx.http.get(`/api/v1/inspections/ledger?orgId=${tree.b11.id}&year=2026`).set('Authorization', township);
    expect(ledger.status).toBe(200);
    expect(ledger.body).toMatchObject({ orgId: tree.b11.id, orgName: '甲村党支部', year: 2026 });
    expect(ledger.body.orgLife.map((r: { orgName: string }) => r.orgName)).toEqual(['甲村党支部']);
    expect(ledger.body.orgLife[0].cells.length).toBeGreaterThan(0);
    const listed = (await ctx.http.get(`/api/v1/problems?orgId=${tree.b11.id}&year=2026&pageSize=100`).set('Authorization', township)).body;
    expect(ledger.body.problems.items).toHaveLength(listed.total);
    expect(ledger.body.problems.overdue).toBeGreaterThan(0);
    expect(ledger.body.mobile).toMatchObject({ total: 0, overdue: 0 });
    expect(ledger.body.rectifications.open).toBe(0);
    expect(
      (await ctx.http.get(`/api/v1/inspections/ledger?orgId=${tree.b11.id}&year=2026`).set('Authorization', otherTownship)).status,
    ).toBe(403);
  });
});
