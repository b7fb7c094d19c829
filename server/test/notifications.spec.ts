import { newId } from '../src/core/ids';
import { WechatBinding } from '../src/modules/member/wechat-binding.entity';
import { Notification } from '../src/modules/notification/notification.entity';
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

describe('活动预告: WeChat subscription messages through the outbox', () => {
  const clock = testClock('2026-11-27T09:00:00+08:00');
  let ctx: TestContext;
  let tree: Awaited<ReturnType<typeof buildTree>>;
  let sec: string;
  let bound: BuiltMember[];
  let unbound: BuiltMember;

  beforeAll(async () => {
    ctx = await createTestContext({ WECHAT_TEMPLATE_ACTIVITY: 'tmpl-activity-001' }, { now: clock.now });
    tree = await buildTree(ctx);
    const secretary = await buildMember(ctx, tree.b11, { name: '书记' });
    await grantRole(ctx, 'branch_secretary', tree.b11, { memberId: secretary.id });
    sec = asMember(ctx, secretary);
    bound = [];
    for (let i = 0; i < 3; i++) {
      const m = await buildMember(ctx, tree.b11, { name: `绑定${i}` });
      await ctx.ds.getRepository(WechatBinding).insert({
        id: newId(),
        openid: `openid-${i}`,
        unionid: null,
        memberId: m.id,
        sessionKeyEnc: null,
        boundAt: new Date(),
        lastLoginAt: null,
      });
      bound.push(m);
    }
    unbound = await buildMember(ctx, tree.b11, { name: '未绑定' });
  });
  afterAll(() => ctx.close());

  async function publishMeeting(title: string) {
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
    await ctx.http.post(`/api/v1/activities/${a.body.id}/publish`).set('Authorization', sec).expect(200);
    await ctx.http.post(`/api/v1/activities/${a.body.id}/publish`).set('Authorization', sec).expect(200);
    return a.body.id as string;
  }

  it('queues an announcement and a reminder per bound member once, and sends them when due', async () => {
    ctx.wechat.reset();
    const id = await publishMeeting('十二月主题党日活动（请带好党员证和学习笔记本）');
    const queued = await ctx.ds.getRepository(Notification).find({ where: { dedupeKey: `publish:${id}:${bound[0].id}` } });
    expect(queued).toHaveLength(1);
    expect(await ctx.ds.getRepository(Notification).count()).toBe(6);
    expect(await ctx.ds.getRepository(Notification).countBy({ memberId: unbound.id })).toBe(0);

    const now = await ctx.services.notifications.flush();
    expect(now).toEqual({ sent: 3, retried: 0, failed: 0, skipped: 0 });
    expect(ctx.wechat.sentMessages.map((m) => m.touser).sort()).toEqual(['openid-0', 'openid-1', 'openid-2']);
    const msg = ctx.wechat.sentMessages[0];
    expect(msg.template_id).toBe('tmpl-activity-001');
    expect(msg.page).toBe(`pages/activity-detail/index?id=${id}`);
    expect(msg.data.thing1.value.length).toBeLessThanOrEqual(20);
    expect(msg.data.time2.value).toBe('2026-12-01 09:00');

    expect((await ctx.services.notifications.flush()).sent).toBe(0);
    clock.set('2026-12-01T08:00:00+08:00');
    expect((await ctx.services.notifications.flush()).sent).toBe(3);
    clock.set('2026-11-27T09:00:00+08:00');
  });

  it('retries WeChat failures with backoff, and skips members who declined', async () => {
    ctx.wechat.reset();
    await ctx.ds.getRepository(Notification).clear();
    await publishMeeting('支委会');
    // The client retries -1 itself (3 calls); two messages' worth of failures, then a refusal.
    ctx.wechat.failNext(-1, 6);
    const first = await ctx.services.notifications.flush();
    expect(first.retried).toBe(2);
    expect(first.sent).toBe(1);
    clock.advance(61_000);
    ctx.wechat.failNext(43101, 1);
    const second = await ctx.services.notifications.flush();
    expect(second).toEqual({ sent: 1, retried: 0, failed: 0, skipped: 1 });
    const rows = await ctx.ds.getRepository(Notification).find();
    const announcements = rows.filter((r) => r.dedupeKey.startsWith('publish:'));
    expect(announcements.map((r) => r.status).sort()).toEqual(['sent', 'sent', 'skipped']);
    expect(announcements.find((r) => r.status === 'skipped')!.lastError).toContain('43101');
  });
});
