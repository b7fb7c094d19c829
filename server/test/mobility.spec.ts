import { newId } from '../src/core/ids';
import { WechatBinding } from '../src/modules/member/wechat-binding.entity';
import { ContactLog, MobilityEvent } from '../src/modules/mobility/mobility.entity';
import { Member } from '../src/modules/member/member.entity';
import { Notification } from '../src/modules/notification/notification.entity';
import { PointsEntry } from '../src/modules/points/points.entity';
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

describe('mobile members and one-to-one contact', () => {
  const clock = testClock('2026-11-27T09:00:00+08:00');
  let ctx: TestContext;
  let tree: Awaited<ReturnType<typeof buildTree>>;
  let sec: BuiltMember;
  let cadre: BuiltMember;
  let otherCadre: BuiltMember;
  let farCadre: BuiltMember;
  let worker: BuiltMember;
  let plain: BuiltMember;
  let t1admin: string;

  beforeAll(async () => {
    ctx = await createTestContext({ WECHAT_TEMPLATE_CONTACT: 'tmpl-contact-001' }, { now: clock.now });
    tree = await buildTree(ctx);
    sec = await buildMember(ctx, tree.b11, { name: '书记' });
    await grantRole(ctx, 'branch_secretary', tree.b11, { memberId: sec.id });
    cadre = await buildMember(ctx, tree.b11, { name: '联系干部甲', phone: '13911112222' });
    await grantRole(ctx, 'contact_cadre', tree.b11, { memberId: cadre.id });
    otherCadre = await buildMember(ctx, tree.b12, { name: '联系干部乙' });
    await grantRole(ctx, 'contact_cadre', tree.b12, { memberId: otherCadre.id });
    farCadre = await buildMember(ctx, tree.b21, { name: '外乡干部' });
    await grantRole(ctx, 'contact_cadre', tree.b21, { memberId: farCadre.id });
    worker = await buildMember(ctx, tree.b11, { name: '外出务工', phone: '13733334444' });
    plain = await buildMember(ctx, tree.b11, { name: '普通党员' });
    t1admin = asUser(ctx, await buildUser(ctx, 't1', 'pw-t1-1', [{ role: 'admin', org: tree.t1 }]));
    await ctx.ds.getRepository(WechatBinding).insert({
      id: newId(),
      openid: 'openid-cadre',
      unionid: null,
      memberId: cadre.id,
      sessionKeyEnc: null,
      boundAt: new Date(),
      lastLoginAt: null,
    });
  });
  afterAll(() => ctx.close());

  const register = (auth: string, over: object = {}, memberId = worker.id) =>
    ctx.http
      .put(`/api/v1/mobile-members/${memberId}`)
      .set('Authorization', auth)
      .send({ destination: '广东省深圳市', employer: '电子厂', leftAt: '2026-03-01', contactCadreId: cadre.id, intervalDays: 90, ...over });
  const log = (auth: string, body: object = {}, key?: string, memberId = worker.id) => {
    const req = ctx.http.post(`/api/v1/mobile-members/${memberId}/contacts`).set('Authorization', auth);
    if (key) req.set('Idempotency-Key', key);
    return req.send({ method: 'phone', contactedAt: '2026-11-27T08:30:00+08:00', summary: '电话问候，工作顺利', ...body });
  };

  it('registers a mobile member with one contact cadre, recording the flow-out', async () => {
    clock.set('2026-05-20T09:00:00+08:00');
    const res = await register(asMember(ctx, sec));
    clock.set('2026-11-27T09:00:00+08:00');
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      destination: '广东省深圳市',
      status: 'away',
      overdueDays: 0,
      nextDueDate: '2026-08-18',
      intervalDays: 90,
      contactCadre: { id: cadre.id, name: '联系干部甲' },
      member: { name: '外出务工', phone: '137****4444' },
    });
    expect((await ctx.ds.getRepository(Member).findOneByOrFail({ id: worker.id })).isMobile).toBe(true);
    expect(await ctx.ds.getRepository(MobilityEvent).countBy({ memberId: worker.id, kind: 'flow_out' })).toBe(1);
  });

  it.each([
    [{ contactCadreId: 'nosuchmember' }, 'contactCadreId', 'CADRE_INVALID'],
    [{ intervalDays: 0 }, 'intervalDays', 'VALIDATION_FAILED'],
    [{ intervalDays: 10000 }, 'intervalDays', 'VALIDATION_FAILED'],
    [{ leftAt: '2026-13-01' }, 'leftAt', 'VALIDATION_FAILED'],
    [{ leftAt: '2026-12-01' }, 'leftAt', 'VALIDATION_FAILED'],
    [{ destination: '' }, 'destination', 'VALIDATION_FAILED'],
  ])('refuses %j', async (over, field, errorCode) => {
    const res = await register(asMember(ctx, sec), over);
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe(errorCode);
    expect(res.body.error.details.map((d: { field: string }) => d.field)).toContain(field);
  });

  it('refuses a cadre who is not a cadre, or from another township', async () => {
    const notCadre = await register(asMember(ctx, sec), { contactCadreId: plain.id });
    expect(notCadre.body.error.code).toBe('CADRE_INVALID');
    const far = await register(asMember(ctx, sec), { contactCadreId: farCadre.id });
    expect(far.body.error.code).toBe('CADRE_INVALID');
    expect(far.body.error.details[0].message).toMatch(/本乡镇/);
    // A cadre of another branch of the same township is fine (and recorded as a reassignment).
    expect((await register(t1admin, { contactCadreId: otherCadre.id })).status).toBe(200);
    expect(await ctx.ds.getRepository(MobilityEvent).countBy({ memberId: worker.id, kind: 'reassign' })).toBe(1);
    await register(t1admin, { contactCadreId: cadre.id });
  });

  it('shows the cadre their own assignees, most overdue first, with the number to call', async () => {
    const res = await ctx.http.get('/api/v1/mobile-members').set('Authorization', asMember(ctx, cadre));
    expect(res.status).toBe(200);
    expect(res.body.items.map((r: { member: { id: string } }) => r.member.id)).toEqual([worker.id]);
    expect(res.body.items[0].member.phone).toBe('13733334444');
    // Registered 2026-05-20 with no contact since: 191 days, 101 past the 90-day interval,
    // escalated (past twice the interval) and, past 180 days, lost (失联).
    expect(res.body.items[0]).toMatchObject({ overdueDays: 101, escalated: true, status: 'lost_contact', nextDueDate: '2026-08-18' });
    const lost = await ctx.http.get('/api/v1/mobile-members?status=lost_contact').set('Authorization', t1admin);
    expect(lost.body.items.map((r: { member: { id: string } }) => r.member.id)).toEqual([worker.id]);
    expect((await ctx.http.get('/api/v1/mobile-members').set('Authorization', asMember(ctx, otherCadre))).body.total).toBe(0);
    expect((await ctx.http.get('/api/v1/mobile-members').set('Authorization', asMember(ctx, plain))).body.total).toBe(0);
    const admin = await ctx.http.get('/api/v1/mobile-members?escalated=true').set('Authorization', t1admin);
    expect(admin.body.items[0].member.phone).toBe('137****4444');
  });

  it('lets a township set its own rules: lost-contact time, default interval, self-report', async () => {
    const before = await ctx.http.get(`/api/v1/mobile-members/settings/${tree.t1.id}`).set('Authorization', t1admin);
    expect(before.body).toEqual({ orgId: tree.t1.id, defaultIntervalDays: 90, lostContactDays: 180, selfReportResets: false });
    const set = await ctx.http
      .put(`/api/v1/mobile-members/settings/${tree.t1.id}`)
      .set('Authorization', t1admin)
      .send({ lostContactDays: 365, defaultIntervalDays: 60 });
    expect(set.body).toMatchObject({ lostContactDays: 365, defaultIntervalDays: 60, selfReportResets: false });
    const list = await ctx.http.get('/api/v1/mobile-members').set('Authorization', asMember(ctx, cadre));
    expect(list.body.items[0].status).toBe('away'); // 191 days is no longer 失联 with 365
    await ctx.http
      .put(`/api/v1/mobile-members/settings/${tree.t1.id}`)
      .set('Authorization', t1admin)
      .send({ lostContactDays: 180 })
      .expect(200);
    expect((await ctx.http.get('/api/v1/mobile-members').set('Authorization', asMember(ctx, cadre))).body.items[0].status).toBe(
      'lost_contact',
    );
    expect(
      (await ctx.http.put(`/api/v1/mobile-members/settings/${tree.t1.id}`).set('Authorization', t1admin).send({ lostContactDays: 5 }))
        .status,
    ).toBe(400);
    expect(
      (
        await ctx.http
          .put(`/api/v1/mobile-members/settings/${tree.t1.id}`)
          .set('Authorization', asMember(ctx, sec))
          .send({ lostContactDays: 200 })
      ).status,
    ).toBe(404);
    expect((await ctx.http.get(`/api/v1/mobile-members/settings/${tree.b11.id}`).set('Authorization', t1admin)).status).toBe(400);
    expect((await ctx.http.get(`/api/v1/mobile-members/settings/${tree.t2.id}`).set('Authorization', t1admin)).status).toBe(404);
  });

  it('lets the assigned cadre log a contact in one request, once per Idempotency-Key, with points', async () => {
    const first = await log(asMember(ctx, cadre), { needs: '孩子在老家上学需要照顾' }, 'contact-key-0001');
    expect(first.status).toBe(201);
    expect(first.body).toMatchObject({
      pointsAwarded: 1,
      contact: { method: 'phone', cadreId: cadre.id, cadreName: '联系干部甲', needs: '孩子在老家上学需要照顾' },
    });
    const retries = await Promise.all(
      Array.from({ length: 5 }, () => log(asMember(ctx, cadre), { needs: '孩子在老家上学需要照顾' }, 'contact-key-0001')),
    );
    expect(retries.every((r) => r.status === 200 && r.body.contact.id === first.body.contact.id && r.body.pointsAwarded === 0)).toBe(true);
    expect(await ctx.ds.getRepository(ContactLog).countBy({ memberId: worker.id, method: 'phone' })).toBe(1);
    expect(await ctx.ds.getRepository(PointsEntry).countBy({ memberId: cadre.id, ruleCode: 'contact_logged' })).toBe(1);
    const list = await ctx.http.get('/api/v1/mobile-members').set('Authorization', asMember(ctx, cadre));
    expect(list.body.items[0]).toMatchObject({ overdueDays: 0, escalated: false, status: 'away', nextDueDate: '2027-02-25' });
    const history = await ctx.http.get(`/api/v1/mobile-members/${worker.id}/contacts`).set('Authorization', asMember(ctx, sec));
    expect(history.body.map((c: { summary: string }) => c.summary)).toEqual(['电话问候，工作顺利']);
  });

  it.each([
    [{ contactedAt: '2026-11-28T09:00:00+08:00' }, 'contactedAt'],
    [{ method: 'letter' }, 'method'],
    [{ method: 'self_report' }, 'method'],
    [{ summary: '   ' }, 'summary'],
    [{ summary: '长'.repeat(501) }, 'summary'],
    [{ contactedAt: 'yesterday' }, 'contactedAt'],
  ])('refuses a contact %j, writing nothing', async (body, field) => {
    const before = await ctx.ds.getRepository(ContactLog).count();
    const res = await log(asMember(ctx, cadre), body);
    expect(res.status).toBe(400);
    expect(res.body.error.details.map((d: { field: string }) => d.field)).toContain(field);
    expect(await ctx.ds.getRepository(ContactLog).count()).toBe(before);
  });

  it('refuses another cadre and plain members; an admin in scope may log', async () => {
    const other = await log(asMember(ctx, otherCadre));
    expect(other.status).toBe(404);
    const member = await log(asMember(ctx, plain));
    expect(member.status).toBe(404);
    const secretary = await log(asMember(ctx, sec));
    expect(secretary.status).toBe(403);
    expect(secretary.body.error.code).toBe('NOT_ASSIGNED_CADRE');
    const admin = await log(t1admin, { method: 'visit', summary: '镇里走访' });
    expect(admin.status).toBe(201);
    expect(admin.body.contact.cadreId).toBe(cadre.id);
    expect((await log(t1admin, {}, undefined, plain.id)).body.error.code).toBe('NOT_MOBILE_MEMBER');
  });

  it('lets the mobile member see their cadre (with the number) and report how they are', async () => {
    const mine = await ctx.http.get('/api/v1/me/mobility').set('Authorization', asMember(ctx, worker));
    expect(mine.body.isMobile).toBe(true);
    expect(mine.body.record.contactCadre).toEqual({ id: cadre.id, name: '联系干部甲', phone: '13911112222' });
    const before = (await ctx.http.get('/api/v1/mobile-members').set('Authorization', asMember(ctx, cadre))).body.items[0].lastContactAt;
    clock.advance(60_000);
    const report = await ctx.http
      .post('/api/v1/me/mobility-report')
      .set('Authorization', asMember(ctx, worker))
      .send({ location: '广东省东莞市', status: 'working', note: '换了工厂' });
    expect(report.status).toBe(201);
    expect(report.body).toMatchObject({ method: 'self_report', cadreId: null });
    expect(report.body.summary).toContain('广东省东莞市');
    const after = (await ctx.http.get('/api/v1/mobile-members').set('Authorization', asMember(ctx, cadre))).body.items[0];
    expect(after.destination).toBe('广东省东莞市');
    expect(after.lastContactAt).toBe(before); // a self-report does not do the cadre's duty
    expect(after.lastSelfReportAt).not.toBeNull();
    // The cadre's card shows what the member said, minutes after they said it.
    expect(after.lastSelfReport).toEqual({ at: after.lastSelfReportAt, summary: '正常务工，现在广东省东莞市。换了工厂' });
    // Where the township chooses so, a self-report does count as a contact.
    await ctx.http
      .put(`/api/v1/mobile-members/settings/${tree.t1.id}`)
      .set('Authorization', t1admin)
      .send({ selfReportResets: true })
      .expect(200);
    clock.advance(60_000);
    await ctx.http
      .post('/api/v1/me/mobility-report')
      .set('Authorization', asMember(ctx, worker))
      .send({ location: '广东省东莞市', status: 'working' })
      .expect(201);
    const reset = (await ctx.http.get('/api/v1/mobile-members').set('Authorization', asMember(ctx, cadre))).body.items[0];
    expect(reset.lastContactAt).not.toBe(before);
    expect(reset.lastContactAt).toBe(reset.lastSelfReportAt);
    await ctx.http
      .put(`/api/v1/mobile-members/settings/${tree.t1.id}`)
      .set('Authorization', t1admin)
      .send({ selfReportResets: false })
      .expect(200);
    expect(
      (
        await ctx.http
          .post('/api/v1/me/mobility-report')
          .set('Authorization', asMember(ctx, plain))
          .send({ location: '本村', status: 'working' })
      ).body.error.code,
    ).toBe('NOT_MOBILE_MEMBER');
    expect(
      (
        await ctx.http
          .post('/api/v1/me/mobility-report')
          .set('Authorization', asMember(ctx, worker))
          .send({ location: '深圳', status: 'rich' })
      ).status,
    ).toBe(400);
  });

  it('reminds the cadre through WeChat once an assignee falls due, once per due date', async () => {
    clock.set('2027-03-01T09:00:00+08:00');
    expect(await ctx.services.mobility.remindDue()).toBe(1);
    expect(await ctx.services.mobility.remindDue()).toBe(1);
    expect(await ctx.ds.getRepository(Notification).countBy({ template: 'contact' })).toBe(1);
    ctx.wechat.reset();
    await ctx.services.notifications.flush();
    expect(ctx.wechat.sentMessages.map((m) => [m.touser, m.template_id])).toEqual([['openid-cadre', 'tmpl-contact-001']]);
    clock.set('2026-11-27T09:00:00+08:00');
  });

  it('gives managers the per-cadre figures, and records a return', async () => {
    const figures = await ctx.http.get('/api/v1/mobile-members/cadres').set('Authorization', t1admin);
    expect(figures.body).toEqual([
      { cadre: { id: cadre.id, name: '联系干部甲', orgName: '甲村党支部' }, assignees: 1, contactsThisQuarter: 2, overdue: 0 },
    ]);
    const back = await register(asMember(ctx, sec), { status: 'returned' });
    expect(back.body.status).toBe('returned');
    expect((await ctx.ds.getRepository(Member).findOneByOrFail({ id: worker.id })).isMobile).toBe(false);
    expect((await ctx.http.get('/api/v1/me/mobility').set('Authorization', asMember(ctx, worker))).body.isMobile).toBe(false);
  });
});
