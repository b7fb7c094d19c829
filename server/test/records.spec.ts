/**
 * 述职台账: 调研走访 (households keyed), 谈心谈话 (one row per person), 党建阵地 and investments,
 * 支部评定 (replace, parallel PUTs leave one row), 选树表彰, 村级岗位 (one live holder, end with a
 * reason, the holder's cached roles dropped), each route's rules and scope, and the Excel imports
 * (a bad row writes nothing).
 */
import ExcelJS from 'exceljs';
import { IsNull } from 'typeorm';
import { RoleGrant } from '../src/modules/auth/role-grant.entity';
import { BranchRatingRecord, Talk, Visit, VisitHousehold } from '../src/modules/records/records.entity';
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

describe('述职台账 records', () => {
  const clock = testClock('2026-06-01T09:00:00+08:00');
  let ctx: TestContext;
  let tree: Awaited<ReturnType<typeof buildTree>>;
  let township: string;
  let county: string;
  let otherTownship: string;
  let branchAdmin: string;
  let secretary: BuiltMember;
  let committee: BuiltMember;
  let plain: BuiltMember;
  let officeSecretary: BuiltMember;
  let otherMember: BuiltMember;

  beforeAll(async () => {
    ctx = await createTestContext({}, { now: clock.now });
    tree = await buildTree(ctx);
    township = asUser(ctx, await buildUser(ctx, 't1admin', 'pw-t1admin-1', [{ role: 'admin', org: tree.t1 }]));
    county = asUser(ctx, await buildUser(ctx, 'cadmin', 'pw-cadmin-1', [{ role: 'admin', org: tree.county }]));
    otherTownship = asUser(ctx, await buildUser(ctx, 't2admin', 'pw-t2admin-1', [{ role: 'admin', org: tree.t2 }]));
    branchAdmin = asUser(ctx, await buildUser(ctx, 'b11admin', 'pw-b11admin-1', [{ role: 'admin', org: tree.b11 }]));
    secretary = await buildMember(ctx, tree.b11, { name: '甲村书记' });
    committee = await buildMember(ctx, tree.b11, { name: '甲村委员' });
    plain = await buildMember(ctx, tree.g111, { name: '王小明' });
    officeSecretary = await buildMember(ctx, tree.b12, { name: '镇党委书记' });
    otherMember = await buildMember(ctx, tree.b21, { name: '外镇党员' });
    await grantRole(ctx, 'branch_secretary', tree.b11, { memberId: secretary.id });
    await grantRole(ctx, 'branch_committee', tree.b11, { memberId: committee.id });
  });
  afterAll(() => ctx.close());

  const api = (method: 'get' | 'post' | 'put' | 'patch' | 'delete', who: string, path: string, body?: object) => {
    const req = ctx.http[method](`/api/v1${path}`).set('Authorization', who);
    return body ? req.send(body) : req;
  };

  describe('调研走访', () => {
    const visit = (over: object = {}) => ({
      orgId: tree.t1.id,
      visitorMemberId: officeSecretary.id,
      on: '2026-05-20',
      purpose: 'household',
      topic: '走访党员群众，了解春耕生产情况',
      households: [
        { household: ' 张家湾组  张*明户 ', poor: true },
        { household: '李庄组 李*华户', memberId: plain.id },
      ],
      ...over,
    });

    it('records a visit with its households, keyed without whitespace, and lists it by org and year', async () => {
      const res = await api('post', township, '/visits', visit());
      expect(res.status).toBe(201);
      expect(res.body).toMatchObject({ orgName: '一号镇党委', visitorName: '镇党委书记', purpose: 'household', place: null });
      expect(res.body.households).toHaveLength(2);
      expect(res.body.households).toEqual(
        expect.arrayContaining([
          expect.objectContaining({ household: '张家湾组  张*明户', householdKey: '张家湾组张*明户', poor: true, memberId: null }),
          expect.objectContaining({ householdKey: '李庄组李*华户', memberId: plain.id, memberName: '王小明', poor: false }),
        ]),
      );
      const typed = await api('post', township, '/visits', {
        orgId: tree.b11.id,
        visitorName: '驻村工作队 刘队长',
        on: '2026-03-02',
        purpose: 'research',
        topic: '调研集体经济',
      });
      expect(typed.status).toBe(201);
      expect(typed.body).toMatchObject({ visitorMemberId: null, visitorName: '驻村工作队 刘队长', households: [] });

      const list = await api('get', township, `/visits?orgId=${tree.t1.id}&year=2026`);
      expect(list.body.map((v: { id: string }) => v.id)).toEqual([res.body.id, typed.body.id]);
      expect((await api('get', township, `/visits?orgId=${tree.b11.id}&year=2026`)).body).toHaveLength(1);
      expect((await api('get', township, `/visits?orgId=${tree.t1.id}&year=2025`)).body).toHaveLength(0);
      // A branch secretary reads their branch's; another township's admin gets 404 for the org.
      expect((await api('get', asMember(ctx, secretary), `/visits?orgId=${tree.b11.id}`)).body).toHaveLength(1);
      expect((await api('get', otherTownship, `/visits?orgId=${tree.t1.id}`)).status).toBe(404);
      expect((await api('get', otherTownship, '/visits')).body).toHaveLength(0);
    });

    it('refuses a future date, a visitor or household member outside the org, a repeated household, a missing visitor', async () => {
      const before = await ctx.ds.getRepository(Visit).count();
      const bad = async (over: object, field: string) => {
        const res = await api('post', township, '/visits', visit(over));
        expect(res.status).toBe(400);
        expect(res.body.error.details[0].field).toBe(field);
        expect(res.body.error.details[0].message).toMatch(/[\u4e00-\u9fff]/);
      };
      await bad({ on: '2026-06-02' }, 'on');
      await bad({ visitorMemberId: otherMember.id }, 'visitorMemberId');
      await bad({ visitorMemberId: undefined }, 'visitorName');
      await bad({ households: [{ household: '张家湾组 张*明户' }, { household: '张家湾组张*明户' }] }, 'households.1.household');
      await bad({ orgId: tree.b12.id, households: [{ household: '甲', memberId: plain.id }] }, 'households.0.memberId');
      await bad({ purpose: 'tour' }, 'purpose');
      await bad({ topic: 'x'.repeat(201) }, 'topic');
      expect(await ctx.ds.getRepository(Visit).count()).toBe(before);
    });

    it('lets only admins of the org or above write, and another township’s admin not even find it', async () => {
      expect((await api('post', asMember(ctx, secretary), '/visits', visit({ orgId: tree.b11.id }))).status).toBe(403);
      expect((await api('post', otherTownship, '/visits', visit())).status).toBe(404);
      expect((await api('post', branchAdmin, '/visits', visit({ orgId: tree.b11.id, households: [] }))).status).toBe(201);
      expect((await api('post', branchAdmin, '/visits', visit())).status).toBe(404);
    });

    it('removes a mistaken visit with its households, audited; another township gets 404', async () => {
      const v = (
        await api(
          'post',
          township,
          '/visits',
          visit({ orgId: tree.b11.id, on: '2026-04-01', households: [{ household: '甲村一组 孙*户' }] }),
        )
      ).body;
      expect((await api('delete', otherTownship, `/visits/${v.id}`)).status).toBe(404);
      expect((await api('delete', asMember(ctx, secretary), `/visits/${v.id}`)).status).toBe(403);
      expect((await api('delete', township, `/visits/${v.id}`)).status).toBe(204);
      expect((await api('delete', township, `/visits/${v.id}`)).status).toBe(404);
      expect(await ctx.ds.getRepository(VisitHousehold).countBy({ visitId: v.id })).toBe(0);
      const audit = await ctx.ds.query('SELECT action FROM audit_logs WHERE targetId = ? ORDER BY createdAt', [v.id]);
      expect(audit.map((a: { action: string }) => a.action)).toEqual(['visit.create', 'visit.delete']);
    });
  });

  describe('谈心谈话', () => {
    it('writes one row per person talked with, members named from the roster, others as typed', async () => {
      const res = await api('post', township, '/talks', {
        orgId: tree.t1.id,
        talkerMemberId: officeSecretary.id,
        on: '2026-05-10',
        topic: '换届前谈心谈话',
        with: [{ memberId: secretary.id }, { memberId: committee.id }, { name: '村委会主任 赵*' }],
      });
      expect(res.status).toBe(201);
      expect(res.body.map((t: { withName: string }) => t.withName)).toEqual(['甲村书记', '甲村委员', '村委会主任 赵*']);
      expect(res.body.every((t: { talkerName: string }) => t.talkerName === '镇党委书记')).toBe(true);
      expect((await api('get', township, '/talks?year=2026')).body).toHaveLength(3);
      expect((await api('get', otherTownship, `/talks?orgId=${tree.t1.id}`)).status).toBe(404);

      const one = res.body[2].id;
      expect((await api('delete', township, `/talks/${one}`)).status).toBe(204);
      expect(await ctx.ds.getRepository(Talk).count()).toBe(2);
    });

    it('refuses nobody talked with, a repeated person, a member of another township, a future day', async () => {
      const base = { orgId: tree.t1.id, talkerName: '镇党委书记', on: '2026-05-10', topic: '谈心' };
      expect((await api('post', township, '/talks', { ...base, with: [] })).status).toBe(400);
      expect(
        (await api('post', township, '/talks', { ...base, with: [{ memberId: secretary.id }, { memberId: secretary.id }] })).body.error
          .details[0].field,
      ).toBe('with.1');
      expect((await api('post', township, '/talks', { ...base, with: [{ memberId: otherMember.id }] })).body.error.details[0].field).toBe(
        'with.0.memberId',
      );
      expect((await api('post', township, '/talks', { ...base, with: [{}] })).body.error.details[0].field).toBe('with.0.name');
      expect((await api('post', township, '/talks', { ...base, on: '2027-01-01', with: [{ name: 'x' }] })).status).toBe(400);
      expect(await ctx.ds.getRepository(Talk).count()).toBe(2);
    });
  });

  describe('党建阵地', () => {
    it('registers a branch’s site, edits it, adds investments in 分 and lists them by year', async () => {
      const res = await api('post', township, '/sites', { orgId: tree.b11.id, name: '甲村党群服务中心', areaM2: 180 });
      expect(res.status).toBe(201);
      expect(res.body).toMatchObject({ orgName: '甲村党支部', standardizedOn: null, investedCents: 0, investments: [] });
      const id = res.body.id;
      const patched = await api('patch', township, `/sites/${id}`, { standardizedOn: '2026-05-01', address: '甲村村委会院内' });
      expect(patched.body).toMatchObject({ standardizedOn: '2026-05-01', address: '甲村村委会院内', areaM2: 180 });
      expect((await api('patch', township, `/sites/${id}`, { areaM2: null })).body.areaM2).toBeNull();
      expect((await api('patch', township, `/sites/${id}`, { standardizedOn: '2026-07-01' })).status).toBe(400);

      expect(
        (await api('post', township, `/sites/${id}/investments`, { on: '2026-04-10', amountCents: 3_500_000, purpose: '活动室改造' }))
          .status,
      ).toBe(201);
      expect(
        (await api('post', township, `/sites/${id}/investments`, { on: '2025-11-10', amountCents: 800_000, purpose: '制度上墙' })).status,
      ).toBe(201);
      for (const amountCents of [0, -5, 12.5, '100'])
        expect((await api('post', township, `/sites/${id}/investments`, { on: '2026-04-10', amountCents, purpose: '改造' })).status).toBe(
          400,
        );
      expect(
        (await api('post', township, `/sites/${id}/investments`, { on: '2026-08-10', amountCents: 100, purpose: '改造' })).status,
      ).toBe(400);

      const y2026 = (await api('get', township, `/sites?orgId=${tree.t1.id}&year=2026`)).body;
      expect(y2026).toHaveLength(1);
      expect(y2026[0]).toMatchObject({ investedCents: 3_500_000 });
      expect((await api('get', township, '/sites')).body[0].investedCents).toBe(4_300_000);
      const inv = y2026[0].investments[0].id;
      expect((await api('delete', otherTownship, `/sites/${id}/investments/${inv}`)).status).toBe(404);
      expect((await api('delete', township, `/sites/${id}/investments/${inv}`)).status).toBe(204);
      expect((await api('get', township, '/sites')).body[0].investedCents).toBe(800_000);
    });

    it('keeps sites to branches and to admins of their township', async () => {
      expect((await api('post', township, '/sites', { orgId: tree.t1.id, name: '镇党建中心' })).body.error.details[0].field).toBe('orgId');
      expect((await api('post', otherTownship, '/sites', { orgId: tree.b11.id, name: 'x' })).status).toBe(404);
      expect((await api('post', asMember(ctx, secretary), '/sites', { orgId: tree.b11.id, name: 'x' })).status).toBe(403);
      const s = (await api('post', township, '/sites', { orgId: tree.b12.id, name: '乙村活动室' })).body;
      expect((await api('patch', otherTownship, `/sites/${s.id}`, { name: 'y' })).status).toBe(404);
      expect((await api('delete', township, `/sites/${s.id}`)).status).toBe(204);
      expect((await api('get', otherTownship, `/sites?orgId=${tree.b11.id}`)).status).toBe(404);
    });
  });

  describe('支部评定', () => {
    it('sets a branch’s rating for a year and replaces it when set again (audited); lists every branch with last year’s', async () => {
      const put = (body: object, who = township) => api('put', who, '/branch-ratings', body);
      expect((await put({ orgId: tree.b11.id, year: 2025, rating: 'lagging', decidedOn: '2026-01-15' })).status).toBe(200);
      const first = await put({ orgId: tree.b11.id, year: 2026, rating: 'average', decidedOn: '2026-05-30' });
      expect(first.body).toMatchObject({ rating: 'average', orgName: '甲村党支部' });
      const again = await put({ orgId: tree.b11.id, year: 2026, rating: 'advanced', decidedOn: '2026-05-31', note: '复评' });
      expect(again.body).toMatchObject({ id: first.body.id, rating: 'advanced', note: '复评' });
      expect(await ctx.ds.getRepository(BranchRatingRecord).countBy({ orgId: tree.b11.id, year: 2026 })).toBe(1);
      const audit = await ctx.ds.query('SELECT action FROM audit_logs WHERE targetId = ? ORDER BY createdAt', [first.body.id]);
      expect(audit.map((a: { action: string }) => a.action)).toEqual(['branch_rating.set', 'branch_rating.replace']);

      const rows = (await api('get', township, `/branch-ratings?orgId=${tree.t1.id}&year=2026`)).body;
      expect(rows).toHaveLength(2);
      expect(rows.find((r: { orgId: string }) => r.orgId === tree.b11.id)).toMatchObject({
        orgName: '甲村党支部',
        rating: 'advanced',
        previousRating: 'lagging',
      });
      expect(rows.find((r: { orgId: string }) => r.orgId === tree.b12.id)).toMatchObject({
        orgName: '乙村党支部',
        rating: null,
        previousRating: null,
        id: null,
      });
      expect((await api('get', otherTownship, `/branch-ratings?orgId=${tree.t1.id}&year=2026`)).status).toBe(404);
      expect((await api('get', township, `/branch-ratings?orgId=${tree.t1.id}`)).status).toBe(400);
    });

    it('is the township’s decision: not the branch’s own admin, not a township, not in the future', async () => {
      const body = { orgId: tree.b12.id, year: 2026, rating: 'average', decidedOn: '2026-05-30' };
      expect((await api('put', branchAdmin, '/branch-ratings', { ...body, orgId: tree.b11.id })).status).toBe(403);
      expect((await api('put', otherTownship, '/branch-ratings', body)).status).toBe(404);
      expect((await api('put', township, '/branch-ratings', { ...body, orgId: tree.t1.id })).status).toBe(400);
      expect((await api('put', township, '/branch-ratings', { ...body, decidedOn: '2026-06-02' })).status).toBe(400);
      expect((await api('put', township, '/branch-ratings', { ...body, decidedOn: '2025-12-31' })).status).toBe(400);
      expect((await api('put', township, '/branch-ratings', { ...body, year: 2027, decidedOn: '2026-05-01' })).status).toBe(400);
      expect((await api('put', township, '/branch-ratings', { ...body, year: 1999 })).status).toBe(400);
      expect((await api('put', township, '/branch-ratings', { ...body, rating: 'excellent' })).status).toBe(400);
      expect((await api('put', county, '/branch-ratings', body)).status).toBe(200);
    });

    it('leaves one row when the same rating is set twice at once', async () => {
      const body = { orgId: tree.b12.id, year: 2024, rating: 'lagging', decidedOn: '2026-01-10' };
      const both = await Promise.all([
        api('put', township, '/branch-ratings', body),
        api('put', county, '/branch-ratings', { ...body, rating: 'average' }),
      ]);
      expect(both.map((r) => r.status)).toEqual([200, 200]);
      expect(await ctx.ds.getRepository(BranchRatingRecord).countBy({ orgId: tree.b12.id, year: 2024 })).toBe(1);
    });
  });

  describe('选树表彰', () => {
    it('commends an org and a member (recorded with the member’s org) and lists them by the commended org', async () => {
      const org = await api('post', township, '/commendations', {
        year: 2026,
        on: '2026-05-28',
        title: '先进基层党组织',
        issuerOrgId: tree.t1.id,
        subjectKind: 'org',
        orgId: tree.b12.id,
      });
      expect(org.status).toBe(201);
      expect(org.body).toMatchObject({ orgName: '乙村党支部', issuerOrgName: '一号镇党委', memberId: null });
      const member = await api('post', township, '/commendations', {
        year: 2026,
        on: '2026-05-28',
        title: '优秀共产党员',
        issuerOrgId: tree.t1.id,
        subjectKind: 'member',
        memberId: plain.id,
        orgId: tree.b12.id,
      });
      expect(member.body).toMatchObject({ orgId: tree.g111.id, memberName: '王小明' });
      expect((await api('get', township, `/commendations?orgId=${tree.b11.id}&year=2026`)).body.map((c: { id: string }) => c.id)).toEqual([
        member.body.id,
      ]);
      expect((await api('get', township, '/commendations?year=2026')).body).toHaveLength(2);
      expect((await api('get', township, '/commendations?year=2025')).body).toHaveLength(0);
      expect((await api('delete', otherTownship, `/commendations/${org.body.id}`)).status).toBe(404);
      expect((await api('delete', township, `/commendations/${org.body.id}`)).status).toBe(204);
    });

    it('refuses a subject outside the issuer, a missing subject, a future day, a day outside the year', async () => {
      const base = { year: 2026, on: '2026-05-28', title: '优秀共产党员', issuerOrgId: tree.t1.id, subjectKind: 'member' };
      expect((await api('post', township, '/commendations', { ...base, memberId: otherMember.id })).body.error.details[0].field).toBe(
        'memberId',
      );
      expect((await api('post', township, '/commendations', base)).body.error.details[0].field).toBe('memberId');
      expect(
        (await api('post', township, '/commendations', { ...base, subjectKind: 'org', orgId: tree.b21.id })).body.error.details[0].field,
      ).toBe('orgId');
      expect((await api('post', township, '/commendations', { ...base, memberId: plain.id, on: '2026-07-01' })).status).toBe(400);
      expect((await api('post', township, '/commendations', { ...base, memberId: plain.id, year: 2024 })).status).toBe(400);
      expect((await api('post', otherTownship, '/commendations', { ...base, memberId: plain.id })).status).toBe(404);
      expect(
        (await api('post', asMember(ctx, secretary), '/commendations', { ...base, issuerOrgId: tree.b11.id, memberId: plain.id })).status,
      ).toBe(403);
    });
  });

  describe('村级岗位', () => {
    it('grants one 团支部书记 per branch: a second is 409 until the first is ended with a reason', async () => {
      const a = await buildMember(ctx, tree.b12, { name: '乙村团支书' });
      const b = await buildMember(ctx, tree.b12, { name: '乙村新团支书' });
      const first = await api('post', township, '/role-grants', { orgId: tree.b12.id, memberId: a.id, role: 'youth_league_secretary' });
      expect(first.status).toBe(201);
      expect(first.body).toMatchObject({ memberName: '乙村团支书', orgName: '乙村党支部', endedAt: null });
      const second = await api('post', township, '/role-grants', { orgId: tree.b12.id, memberId: b.id, role: 'youth_league_secretary' });
      expect(second.status).toBe(409);
      expect(second.body.error).toMatchObject({ code: 'POST_ALREADY_FILLED' });
      expect(second.body.error.message).toContain('乙村团支书');
      expect(
        (await api('post', township, '/role-grants', { orgId: tree.b12.id, memberId: a.id, role: 'youth_league_secretary' })).status,
      ).toBe(409);

      expect((await api('post', township, `/role-grants/${first.body.id}/end`, { reason: 'retired' })).status).toBe(400);
      const ended = await api('post', township, `/role-grants/${first.body.id}/end`, { reason: 'resigned', note: '外出务工' });
      expect(ended.body).toMatchObject({ endReason: 'resigned', endNote: '外出务工' });
      expect((await api('post', township, `/role-grants/${first.body.id}/end`, { reason: 'other' })).body.error.code).toBe(
        'GRANT_ALREADY_ENDED',
      );
      expect(
        (await api('post', township, '/role-grants', { orgId: tree.b12.id, memberId: b.id, role: 'youth_league_secretary' })).status,
      ).toBe(201);

      const live = (await api('get', township, `/role-grants?orgId=${tree.b12.id}`)).body;
      expect(live.map((g: { memberName: string }) => g.memberName)).toEqual(['乙村新团支书']);
      expect((await api('get', township, `/role-grants?orgId=${tree.b12.id}&includeEnded=true`)).body).toHaveLength(2);
      expect((await api('get', otherTownship, `/role-grants?orgId=${tree.b12.id}`)).status).toBe(404);
    });

    it('is managed by admins above the branch, for members of the branch, on branches only', async () => {
      const m = await buildMember(ctx, tree.b11, { name: '甲村妇联' });
      const body = { orgId: tree.b11.id, memberId: m.id, role: 'women_federation_chair' };
      expect((await api('post', branchAdmin, '/role-grants', body)).status).toBe(403);
      expect((await api('post', asMember(ctx, secretary), '/role-grants', body)).status).toBe(403);
      expect((await api('post', otherTownship, '/role-grants', body)).status).toBe(404);
      expect((await api('post', township, '/role-grants', { ...body, memberId: officeSecretary.id })).body.error.details[0].field).toBe(
        'memberId',
      );
      expect((await api('post', township, '/role-grants', { ...body, orgId: tree.t1.id })).status).toBe(400);
      expect((await api('post', township, '/role-grants', { ...body, role: 'admin' })).status).toBe(400);
      expect((await api('post', county, '/role-grants', body)).status).toBe(201);
    });

    it('replaces a branch secretary: the old grant ended as replaced, the new one live, their roles applied at once', async () => {
      const cached = await createTestContext({ PRINCIPAL_CACHE_MS: '60000' }, { now: clock.now });
      try {
        const t = await buildTree(cached);
        const admin = asUser(cached, await buildUser(cached, 'tadmin', 'pw-tadmin-1', [{ role: 'admin', org: t.t1 }]));
        const old = await buildMember(cached, t.b11, { name: '老书记' });
        const next = await buildMember(cached, t.b11, { name: '新书记' });
        const g = await cached.http
          .post('/api/v1/role-grants')
          .set('Authorization', admin)
          .send({ orgId: t.b11.id, memberId: old.id, role: 'branch_secretary' });
        expect(g.status).toBe(201);
        const roles = async (m: BuiltMember) =>
          (await cached.http.get('/api/v1/me').set('Authorization', asMember(cached, m))).body.roles.map((r: { role: string }) => r.role);
        expect(await roles(old)).toEqual(['branch_secretary']);
        expect(await roles(next)).toEqual([]);
        const clash = await cached.http
          .post('/api/v1/role-grants')
          .set('Authorization', admin)
          .send({ orgId: t.b11.id, memberId: next.id, role: 'branch_secretary' });
        expect(clash.status).toBe(409);
        expect(
          (await cached.http.post(`/api/v1/role-grants/${g.body.id}/end`).set('Authorization', admin).send({ reason: 'replaced' })).status,
        ).toBe(200);
        expect(
          (
            await cached.http
              .post('/api/v1/role-grants')
              .set('Authorization', admin)
              .send({ orgId: t.b11.id, memberId: next.id, role: 'branch_secretary' })
          ).status,
        ).toBe(201);
        // Within the cache's minute: the change is applied at once (the bus dropped the cached roles).
        expect(await roles(old)).toEqual([]);
        expect(await roles(next)).toEqual(['branch_secretary']);
        const rows = await cached.ds.getRepository(RoleGrant).find({ where: { orgId: t.b11.id, role: 'branch_secretary' } });
        expect(rows.map((r) => [r.memberId, r.endReason, !!r.endedAt]).sort()).toEqual(
          [
            [next.id, null, false],
            [old.id, 'replaced', true],
          ].sort(),
        );
      } finally {
        await cached.close();
      }
    });

    it('keeps one live 妇联主席 when two are granted at once', async () => {
      const a = await buildMember(ctx, tree.b12, { name: '候选甲' });
      const b = await buildMember(ctx, tree.b12, { name: '候选乙' });
      const both = await Promise.all(
        [a, b].map((m) => api('post', township, '/role-grants', { orgId: tree.b12.id, memberId: m.id, role: 'women_federation_chair' })),
      );
      expect(both.map((r) => r.status).sort()).toEqual([201, 409]);
      expect(await ctx.ds.getRepository(RoleGrant).countBy({ orgId: tree.b12.id, role: 'women_federation_chair', endedAt: IsNull() })).toBe(
        1,
      );
    });
  });

  describe('Excel import', () => {
    const sheet = async (headers: string[], rows: (string | number)[][]) => {
      const wb = new ExcelJS.Workbook();
      const ws = wb.addWorksheet('导入');
      ws.addRow(headers);
      for (const r of rows) ws.addRow(r);
      return Buffer.from(await wb.xlsx.writeBuffer());
    };
    const upload = (kind: string, orgId: string, data: Buffer, who = township) =>
      ctx.http
        .post(`/api/v1/${kind}/import?orgId=${orgId}`)
        .set('Authorization', who)
        .attach('file', data, { filename: 'x.xlsx', contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' });

    it('serves a template for each kind', async () => {
      for (const kind of ['visits', 'talks', 'sites', 'commendations']) {
        const res = await ctx.http
          .get(`/api/v1/${kind}/import-template.xlsx`)
          .set('Authorization', township)
          .buffer(true)
          .parse((r, cb) => {
            const chunks: Buffer[] = [];
            r.on('data', (c: Buffer) => chunks.push(c));
            r.on('end', () => cb(null, Buffer.concat(chunks)));
          });
        expect(res.status).toBe(200);
        const wb = new ExcelJS.Workbook();
        await wb.xlsx.load(res.body);
        expect(wb.worksheets[0].getRow(1).cellCount).toBeGreaterThan(3);
      }
    });

    it('imports visits: a bad row writes nothing and every bad row is named; a good file writes all', async () => {
      const headers = ['日期', '所属组织', '走访人', '类型', '主题', '地点', '走访户'];
      const before = await ctx.ds.getRepository(Visit).count();
      const bad = await sheet(headers, [
        ['2026-05-01', '', '镇党委书记', '走访党员群众', '了解生产生活', '', '张家湾组 张*明户（贫困户）；李庄组 李*华户'],
        ['2026-13-01', '', '镇党委书记', '调研', '主题', '', ''],
        ['2026-05-02', '丙村党支部', '镇党委书记', '调研', '主题', '', ''],
        ['2026-05-03', '', '镇党委书记', '参观', '主题', '', ''],
      ]);
      const res = await upload('visits', tree.t1.id, bad);
      expect(res.status).toBe(400);
      expect(res.body.error.code).toBe('IMPORT_ROWS_INVALID');
      expect(res.body.error.details.map((e: { row: number }) => e.row)).toEqual([3, 4, 5]);
      expect(res.body.error.details.every((e: { message: string }) => /[\u4e00-\u9fff]/.test(e.message))).toBe(true);
      expect(await ctx.ds.getRepository(Visit).count()).toBe(before);

      const good = await sheet(headers, [
        ['2026-05-01', '', '镇党委书记', '走访党员群众', '了解生产生活', '张家湾', '张家湾组 张*明户（贫困户）；李庄组 李*华户'],
        ['2026/5/2', '甲村党支部', '驻村工作队 刘队长', '调研', '调研集体经济', '', ''],
      ]);
      const ok = await upload('visits', tree.t1.id, good);
      expect(ok.status).toBe(200);
      expect(ok.body).toEqual({ created: 2, errors: [] });
      const list = (await api('get', township, `/visits?orgId=${tree.t1.id}&year=2026`)).body as {
        topic: string;
        visitorMemberId: string | null;
        orgName: string;
        households: { householdKey: string; poor: boolean }[];
      }[];
      const first = list.find((v) => v.topic === '了解生产生活')!;
      expect(first.visitorMemberId).toBe(officeSecretary.id);
      expect(first.households).toHaveLength(2);
      expect(first.households).toEqual(
        expect.arrayContaining([
          expect.objectContaining({ householdKey: '张家湾组张*明户', poor: true }),
          expect.objectContaining({ householdKey: '李庄组李*华户', poor: false }),
        ]),
      );
      expect(list.find((v) => v.topic === '调研集体经济')).toMatchObject({ visitorMemberId: null, orgName: '甲村党支部' });
    });

    it('imports talks (one row per person), sites and commendations, with the roster’s names matched in the org', async () => {
      await buildMember(ctx, tree.b12, { name: '重名' });
      await buildMember(ctx, tree.b11, { name: '重名' });
      const talks = await sheet(
        ['日期', '所属组织', '谈话人', '谈话对象', '谈话内容'],
        [['2026-05-05', '', '镇党委书记', '甲村书记、甲村委员、群众代表 钱*', '谈心']],
      );
      const t = await upload('talks', tree.t1.id, talks);
      expect(t.body).toEqual({ created: 3, errors: [] });
      const ambiguous = await upload(
        'talks',
        tree.t1.id,
        await sheet(['日期', '谈话人', '谈话对象', '谈话内容'], [['2026-05-05', '镇党委书记', '重名', '谈心']]),
      );
      expect(ambiguous.status).toBe(400);
      expect(ambiguous.body.error.details[0]).toMatchObject({ row: 2 });
      expect(ambiguous.body.error.details[0].message).toContain('重名');

      const sites = await upload(
        'sites',
        tree.t1.id,
        await sheet(
          ['所属支部', '阵地名称', '地址', '面积（平方米）', '标准化建成日期', '备注'],
          [['乙村党支部', '乙村党员活动室', '', 120, '2026-04-01', '']],
        ),
      );
      expect(sites.body).toEqual({ created: 1, errors: [] });
      const badSite = await upload(
        'sites',
        tree.t1.id,
        await sheet(['所属支部', '阵地名称', '面积（平方米）'], [['一号镇党委', '镇中心', 'abc']]),
      );
      expect(badSite.body.error.details[0].message).toMatch(/党支部/);

      const comm = await upload(
        'commendations',
        tree.t1.id,
        await sheet(
          ['表彰日期', '年度', '表彰名称', '表彰对象类型', '组织名称', '党员姓名', '备注'],
          [
            ['2026-05-30', 2026, '优秀共产党员', '党员', '', '王小明', ''],
            ['2026-05-30', '', '先进基层党组织', '组织', '乙村党支部', '', ''],
          ],
        ),
      );
      expect(comm.body).toEqual({ created: 2, errors: [] });
      const unknown = await upload(
        'commendations',
        tree.t1.id,
        await sheet(['表彰日期', '表彰名称', '表彰对象类型', '党员姓名'], [['2026-05-30', '优秀共产党员', '党员', '查无此人']]),
      );
      expect(unknown.body.error.details[0].message).toContain('查无此人');
      expect((await upload('commendations', tree.t1.id, Buffer.from('not a workbook'))).body.error.code).toBe('IMPORT_FILE_INVALID');
      expect((await upload('visits', tree.t1.id, talks, otherTownship)).status).toBe(404);
      expect((await upload('visits', tree.b11.id, talks, asMember(ctx, secretary))).status).toBe(403);
    });
  });
});
