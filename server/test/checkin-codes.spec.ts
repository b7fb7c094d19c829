/**
 * Check-in as it happens in the meeting room: the 6 digits under the QR code typed by hand (the
 * previous ones still accepted, 5 wrong tries then a pause), and the 小程序码 that WeChat's own
 * scanner opens — drawn through the WeChat client (the fake here), its scene checked like a code.
 */
import sharp from 'sharp';
import { CHECKIN_SCENE_PAGE } from '@djzy/shared';
import {
  asMember,
  buildMember,
  buildTree,
  createTestContext,
  grantRole,
  testClock,
  type BuiltMember,
  type TestContext,
} from './support/context';

describe('check-in codes and the 小程序码', () => {
  const clock = testClock('2026-11-27T09:00:00+08:00');
  let ctx: TestContext;
  let tree: Awaited<ReturnType<typeof buildTree>>;
  let sec: string;
  let members: BuiltMember[];

  beforeAll(async () => {
    ctx = await createTestContext({}, { now: clock.now });
    tree = await buildTree(ctx);
    const secretary = await buildMember(ctx, tree.b11, { name: '书记' });
    await grantRole(ctx, 'branch_secretary', tree.b11, { memberId: secretary.id });
    sec = asMember(ctx, secretary);
    members = [];
    for (let i = 0; i < 8; i++) members.push(await buildMember(ctx, tree.b11, { name: `党员${i}` }));
  });
  afterAll(() => ctx.close());

  async function meeting(title: string): Promise<string> {
    clock.set('2026-11-27T09:00:00+08:00');
    const a = await ctx.http
      .post('/api/v1/activities')
      .set('Authorization', sec)
      .send({
        title,
        kind: 'fixed_day',
        orgId: tree.b11.id,
        startsAt: '2026-12-01T09:00:00+08:00',
        endsAt: '2026-12-01T11:00:00+08:00',
        checkinModes: ['qr'],
      });
    expect(a.status).toBe(201);
    await ctx.http.post(`/api/v1/activities/${a.body.id}/publish`).set('Authorization', sec).expect(200);
    clock.set('2026-12-01T09:00:00+08:00');
    return a.body.id;
  }
  const code = async (id: string) => (await ctx.http.get(`/api/v1/activities/${id}/checkin-code`).set('Authorization', sec)).body;
  const checkIn = (m: BuiltMember, body: object) => ctx.http.post('/api/v1/checkins').set('Authorization', asMember(ctx, m)).send(body);

  it('shows 6 digits under the QR code, rotating with it; the previous ones still count, older ones are expired', async () => {
    const id = await meeting('主题党日');
    const first = await code(id);
    expect(first.shortCode).toMatch(/^\d{6}$/);
    expect(first.scene).toBe(`${id}.${first.shortCode}`);
    expect(first.scene.length).toBeLessThanOrEqual(32);
    expect((await checkIn(members[0], { activityId: id, shortCode: first.shortCode })).status).toBe(201);
    clock.advance(30_000);
    const second = await code(id);
    expect(second.shortCode).not.toBe(first.shortCode);
    expect((await checkIn(members[1], { activityId: id, shortCode: first.shortCode })).status).toBe(201);
    clock.advance(60_000);
    const expired = await checkIn(members[2], { activityId: id, shortCode: first.shortCode });
    expect(expired.status).toBe(400);
    expect(expired.body.error.code).toBe('CHECKIN_TOKEN_EXPIRED');
  });

  it("refuses another activity's code and pauses a member after 5 wrong codes (429 with Retry-After), even for the right one", async () => {
    const id = await meeting('党员大会');
    const other = await meeting('支部党课');
    const { shortCode } = await code(id);
    const foreign = (await code(other)).shortCode;
    const m = members[3];
    const wrongs = ['000000', '123456', '999999', '111111'].filter((c) => c !== shortCode);
    const first = await checkIn(m, { activityId: id, shortCode: foreign === shortCode ? '314159' : foreign });
    expect(first.status).toBe(400);
    expect(first.body.error.code).toBe('CHECKIN_TOKEN_INVALID');
    for (const c of wrongs) expect((await checkIn(m, { activityId: id, shortCode: c })).status).toBe(400);
    const locked = await checkIn(m, { activityId: id, shortCode });
    expect(locked.status).toBe(429);
    expect(locked.body.error.code).toBe('CHECKIN_CODE_LOCKED');
    expect(Number(locked.headers['retry-after'])).toBeGreaterThan(0);
    // Nobody else is paused by it, and nothing was written for the paused member.
    expect((await checkIn(members[4], { activityId: id, shortCode })).status).toBe(201);
    const sheet = await ctx.http.get(`/api/v1/activities/${id}/attendance`).set('Authorization', sec);
    expect(sheet.body.present.map((r: { memberId: string }) => r.memberId)).toEqual([members[4].id]);
  });

  it('refuses a code that is not 6 digits with a field error', async () => {
    const id = await meeting('组织生活会');
    const res = await checkIn(members[5], { activityId: id, shortCode: '12ab' });
    expect(res.status).toBe(400);
    expect(res.body.error.details).toEqual([{ field: 'shortCode', message: '签到码应为 6 位数字' }]);
  });

  it('draws the 小程序码 through WeChat for the organiser, and its scene checks a member in', async () => {
    const id = await meeting('主题党日（扫码）');
    const img = await ctx.http.get(`/api/v1/activities/${id}/checkin-qr.png`).set('Authorization', sec).buffer(true);
    expect(img.status).toBe(200);
    expect(img.headers['content-type']).toBe('image/png');
    expect((await sharp(img.body as Buffer).metadata()).format).toBe('png');
    const drawn = ctx.wechat.wxacodes.at(-1)!;
    expect(drawn.page).toBe(CHECKIN_SCENE_PAGE);
    expect(drawn.scene).toBe((await code(id)).scene);
    // Drawn once per slot: the projector refreshing within the slot costs WeChat nothing more.
    const before = ctx.wechat.wxacodes.length;
    await ctx.http.get(`/api/v1/activities/${id}/checkin-qr.png`).set('Authorization', sec).expect(200);
    expect(ctx.wechat.wxacodes.length).toBe(before);
    // A member cannot draw it; the page opened by the scene checks in.
    expect((await ctx.http.get(`/api/v1/activities/${id}/checkin-qr.png`).set('Authorization', asMember(ctx, members[6]))).status).toBe(
      403,
    );
    const res = await checkIn(members[6], { activityId: id, scene: encodeURIComponent(drawn.scene) });
    expect(res.status).toBe(201);
    expect(res.body.checkIn.method).toBe('qr');
  });

  it('refuses a forged scene, one of another activity, and a malformed one', async () => {
    const id = await meeting('党小组会（扫码）');
    const other = await meeting('支委会（扫码）');
    const { shortCode } = await code(id);
    const otherScene = (await code(other)).scene;
    for (const scene of [otherScene, `${id}.${shortCode === '000000' ? '000001' : '000000'}`, '%E0%A4%A', 'djzy:checkin']) {
      const res = await checkIn(members[7], { activityId: id, scene });
      expect(res.status).toBe(400);
      expect(res.body.error.code).toBe('CHECKIN_TOKEN_INVALID');
    }
  });

  it('answers 503 when WeChat cannot draw the code', async () => {
    const id = await meeting('党员大会（微信故障）');
    ctx.wechat.failNext(-1, 5);
    const res = await ctx.http.get(`/api/v1/activities/${id}/checkin-qr.png`).set('Authorization', sec);
    expect(res.status).toBe(503);
    expect(res.body.error.code).toBe('WECHAT_UNAVAILABLE');
  });
});
