/**
 * 学习完成情况 of a township (issue #20): `GET /study/completion/branches` lists every branch under
 * the org with how many of its members have done all the required materials that apply to it
 * (a township's own material counts only for its branches), scoped to the caller's orgs.
 */
import { newId } from '../src/core/ids';
import { StudyCompletion } from '../src/modules/study/study.entity';
import { asMember, asUser, buildMember, buildTree, buildUser, createTestContext, grantRole, type TestContext } from './support/context';

describe('study completion per branch', () => {
  let ctx: TestContext;
  let tree: Awaited<ReturnType<typeof buildTree>>;
  let admin: string;

  beforeAll(async () => {
    ctx = await createTestContext();
    tree = await buildTree(ctx);
    admin = asUser(ctx, await buildUser(ctx, 'county', 'pw-county-1', [{ role: 'admin', org: tree.county }]));
  });
  afterAll(() => ctx.close());

  const material = async (title: string, orgId: string, required = true) => {
    const res = await ctx.http
      .post('/api/v1/study/materials')
      .set('Authorization', admin)
      .send({ title, kind: 'article', body: '正文', required, minSeconds: 0, orgId });
    expect(res.status).toBe(201);
    return res.body.id as string;
  };
  const done = (memberId: string, materialId: string) =>
    ctx.ds.getRepository(StudyCompletion).insert({ memberId, materialId, sessionId: newId(), completedAt: new Date() });

  it('counts, per branch of a township, the members who have done every required material', async () => {
    const charter = await material('党章', tree.county.id);
    const t1only = await material('一号镇专题', tree.t1.id);
    await material('选学', tree.county.id, false);
    const a1 = await buildMember(ctx, tree.b11);
    const a2 = await buildMember(ctx, tree.g111); // in 甲村's group: counted with 甲村
    const a3 = await buildMember(ctx, tree.b11);
    const b1 = await buildMember(ctx, tree.b12);
    const c1 = await buildMember(ctx, tree.b21);
    await done(a1.id, charter);
    await done(a1.id, t1only);
    await done(a2.id, charter);
    await done(a2.id, t1only);
    await done(a3.id, charter);
    await done(c1.id, charter);

    const res = await ctx.http.get(`/api/v1/study/completion/branches?orgId=${tree.t1.id}`).set('Authorization', admin);
    expect(res.status).toBe(200);
    expect(res.body.orgId).toBe(tree.t1.id);
    expect(res.body.branches).toHaveLength(2);
    const row = (id: string) => res.body.branches.find((b: { orgId: string }) => b.orgId === id);
    expect(row(tree.b11.id)).toEqual({
      orgId: tree.b11.id,
      orgName: '甲村党支部',
      parentName: '一号镇党委',
      members: 3,
      materials: 2,
      membersDone: 2,
    });
    expect(row(tree.b12.id)).toEqual({
      orgId: tree.b12.id,
      orgName: '乙村党支部',
      parentName: '一号镇党委',
      members: 1,
      materials: 2,
      membersDone: 0,
    });
    expect(b1.orgId).toBe(tree.b12.id);

    // The county sees both townships' branches; 二号镇 has only the county's 党章 to do.
    const county = await ctx.http.get(`/api/v1/study/completion/branches?orgId=${tree.county.id}`).set('Authorization', admin);
    expect(county.body.branches).toHaveLength(4);
    expect(county.body.branches.find((b: { orgId: string }) => b.orgId === tree.b21.id)).toMatchObject({
      members: 1,
      materials: 1,
      membersDone: 1,
    });

    // A branch asked directly is its own one row.
    const one = await ctx.http.get(`/api/v1/study/completion/branches?orgId=${tree.b12.id}`).set('Authorization', admin);
    expect(one.body.branches.map((b: { orgId: string }) => b.orgId)).toEqual([tree.b12.id]);
  });

  it('is limited to the caller’s orgs', async () => {
    const sec = await buildMember(ctx, tree.b12);
    await grantRole(ctx, 'branch_secretary', tree.b12, { memberId: sec.id });
    const other = await ctx.http.get(`/api/v1/study/completion/branches?orgId=${tree.t1.id}`).set('Authorization', asMember(ctx, sec));
    expect(other.status).toBe(403);
    const t2 = await ctx.http.get(`/api/v1/study/completion/branches?orgId=${tree.t2.id}`).set('Authorization', asMember(ctx, sec));
    expect(t2.status).toBe(403);
    const own = await ctx.http.get(`/api/v1/study/completion/branches?orgId=${tree.b12.id}`).set('Authorization', asMember(ctx, sec));
    expect(own.status).toBe(200);
    // An unknown org confirms nothing.
    const unknown = await ctx.http.get('/api/v1/study/completion/branches?orgId=nope').set('Authorization', admin);
    expect(unknown.status).toBe(403);
  });
});
