/**
 * 我的组织生活 (`GET /me/org-life`): a member's own attendance at the meetings that have ended —
 * present, on leave, absent — newest first, with the org and the date; only the caller's own,
 * never someone else's; a meeting still to come or running is not listed.
 */
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

describe('我的组织生活: my own attendance history', () => {
  const clock = testClock('2026-10-01T09:00:00+08:00');
  let ctx: TestContext;
  let tree: Awaited<ReturnType<typeof buildTree>>;
  let sec: string;
  let me: BuiltMember;
  let other: BuiltMember;
  let admin: string;
  const ids: Record<string, string> = {};

  beforeAll(async () => {
    ctx = await createTestContext({}, { now: clock.now });
    tree = await buildTree(ctx);
    const secretary = await buildMember(ctx, tree.b11, { name: '书记' });
    await grantRole(ctx, 'branch_secretary', tree.b11, { memberId: secretary.id });
    sec = asMember(ctx, secretary);
    me = await buildMember(ctx, tree.b11, { name: '我' });
    other = await buildMember(ctx, tree.b11, { name: '同支部' });
    admin = asUser(ctx, await buildUser(ctx, 'county', 'pw-county-1', [{ role: 'admin', org: tree.county }]));

    // Three meetings of my branch in October and November, one to come in December.
    const meeting = async (key: string, title: string, day: string) => {
      clock.set('2026-10-01T09:00:00+08:00');
      const res = await ctx.http
        .post('/api/v1/activities')
        .set('Authorization', sec)
        .send({
          orgId: tree.b11.id,
          kind: 'fixed_day',
          title,
          startsAt: `${day}T09:00:00+08:00`,
          endsAt: `${day}T11:00:00+08:00`,
          checkinModes: ['qr'],
        });
      expect(res.status).toBe(201);
      await ctx.http.post(`/api/v1/activities/${res.body.id}/publish`).set('Authorization', sec).expect(200);
      ids[key] = res.body.id;
    };
    await meeting('present', '十月主题党日', '2026-10-10');
    await meeting('leave', '十一月主题党日', '2026-11-10');
    await meeting('absent', '十一月下旬主题党日', '2026-11-20');
    await meeting('future', '十二月主题党日', '2026-12-10');
    // On leave for the second, approved by the secretary.
    const leave = await ctx.http
      .post(`/api/v1/activities/${ids.leave}/leave`)
      .set('Authorization', asMember(ctx, me))
      .send({ reason: '在外务工' });
    expect(leave.status).toBe(201);
    await ctx.http.post(`/api/v1/leave-requests/${leave.body.id}/approve`).set('Authorization', sec).expect(200);
    // Checked in from the roster at the first; the other member at the third.
    clock.set('2026-10-10T09:30:00+08:00');
    await ctx.http.post(`/api/v1/activities/${ids.present}/checkins`).set('Authorization', sec).send({ memberId: me.id }).expect(201);
    clock.set('2026-11-20T09:30:00+08:00');
    await ctx.http.post(`/api/v1/activities/${ids.absent}/checkins`).set('Authorization', sec).send({ memberId: other.id }).expect(201);
    clock.set('2026-11-27T09:00:00+08:00');
  });
  afterAll(() => ctx.close());

  it('lists my ended meetings newest first: absent, on leave, present — with org and date', async () => {
    const res = await ctx.http.get('/api/v1/me/org-life').set('Authorization', asMember(ctx, me));
    expect(res.status).toBe(200);
    expect(res.body.total).toBe(3);
    expect(res.body.items.map((i: { title: string; attendance: string }) => [i.title, i.attendance])).toEqual([
      ['十一月下旬主题党日', 'absent'],
      ['十一月主题党日', 'leave'],
      ['十月主题党日', 'present'],
    ]);
    expect(res.body.items[2]).toMatchObject({ activityId: ids.present, kind: 'fixed_day', orgName: tree.b11.name, method: 'roster' });
    expect(res.body.items[2].startsAt.slice(0, 10)).toBe('2026-10-10');
    expect(res.body.items[0].method).toBeNull();
  });

  it('is only ever the caller’s own: the other member sees theirs', async () => {
    const res = await ctx.http.get('/api/v1/me/org-life').set('Authorization', asMember(ctx, other));
    expect(res.body.items.map((i: { attendance: string }) => i.attendance)).toEqual(['present', 'absent', 'absent']);
  });

  it('pages, refuses a bad page with a Chinese message, and needs a member account', async () => {
    const first = await ctx.http.get('/api/v1/me/org-life?page=1&pageSize=2').set('Authorization', asMember(ctx, me));
    expect(first.body).toMatchObject({ total: 3 });
    expect(first.body.items).toHaveLength(2);
    const second = await ctx.http.get('/api/v1/me/org-life?page=2&pageSize=2').set('Authorization', asMember(ctx, me));
    expect(second.body.items.map((i: { title: string }) => i.title)).toEqual(['十月主题党日']);
    const bad = await ctx.http.get('/api/v1/me/org-life?page=0').set('Authorization', asMember(ctx, me));
    expect(bad.status).toBe(400);
    expect(bad.body.error.message).toMatch(/[\u4e00-\u9fa5]/);
    expect((await ctx.http.get('/api/v1/me/org-life').set('Authorization', admin)).body.error.code).toBe('MEMBER_ACCOUNT_REQUIRED');
    expect((await ctx.http.get('/api/v1/me/org-life')).status).toBe(401);
  });
});
