/**
 * 为群众办实事, 便民服务 and 联村联片联户 through the real app on both databases with a fake clock:
 * every move of a deed and its 409, done only with a result, the 回访 never by the responsible
 * member, scope (another township sees nothing), the 5–10 households rule, contacts not in the
 * future, a contact's needs, service requests and feedback each becoming a deed once, and two
 * `done` at once counting once.
 */
import { AuditLog } from '../src/modules/audit/audit-log.entity';
import { LiaisonContact, PublicDeed, ServiceRequest } from '../src/modules/service/service.entity';
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

describe('为群众办实事、便民服务、联村联片联户', () => {
  const clock = testClock('2026-03-02T09:00:00+08:00');
  let ctx: TestContext;
  let tree: Awaited<ReturnType<typeof buildTree>>;
  let township: string;
  let otherTownship: string;
  let secretary: BuiltMember;
  let member: BuiltMember;
  let other: BuiltMember;
  let sec: string;
  let me: string;

  beforeAll(async () => {
    ctx = await createTestContext({}, { now: clock.now });
    tree = await buildTree(ctx);
    township = asUser(ctx, await buildUser(ctx, 't1admin', 'pw-t1admin-1', [{ role: 'admin', org: tree.t1 }]));
    otherTownship = asUser(ctx, await buildUser(ctx, 't2admin', 'pw-t2admin-1', [{ role: 'admin', org: tree.t2 }]));
    secretary = await buildMember(ctx, tree.b11, { name: '甲村书记' });
    member = await buildMember(ctx, tree.b11, { name: '无职党员' });
    other = await buildMember(ctx, tree.b11, { name: '另一党员' });
    await grantRole(ctx, 'branch_secretary', tree.b11, { memberId: secretary.id });
    sec = asMember(ctx, secretary);
    me = asMember(ctx, member);
  });
  afterAll(() => ctx.close());

  const post = (who: string, path: string, body: object = {}) => ctx.http.post(`/api/v1${path}`).set('Authorization', who).send(body);
  const get = (who: string, path: string) => ctx.http.get(`/api/v1${path}`).set('Authorization', who);
  const count = (entity: typeof PublicDeed | typeof ServiceRequest | typeof LiaisonContact) => ctx.ds.getRepository(entity).count();
  async function registered(title = '修缮村口道路', responsible: BuiltMember = member, promisedBy = '2026-12-31') {
    const res = await post(township, '/deeds', {
      orgId: tree.b11.id,
      title,
      category: '基础设施',
      requester: '张三明',
      source: 'plan',
      responsibleMemberId: responsible.id,
      promisedBy,
    });
    expect(res.status).toBe(201);
    return res.body;
  }

  it('goes registered → accepted → in_progress → done (with a result) → confirmed by a 回访, each move once', async () => {
    clock.set('2026-03-02T09:00:00+08:00');
    const d = await registered();
    expect(d).toMatchObject({
      status: 'registered',
      requester: '张*明',
      orgName: '甲村党支部',
      responsibleName: '无职党员',
      overdue: false,
      allowedMoves: ['accept', 'decline'],
    });

    const early = await post(me, `/deeds/${d.id}/start`);
    expect(early.status).toBe(409);
    expect(early.body.error).toMatchObject({ code: 'STATE_CONFLICT', details: { from: 'registered', allowed: ['accepted'] } });
    // Accepting is the org's: the responsible member may not.
    expect((await post(me, `/deeds/${d.id}/accept`)).status).toBe(403);
    expect((await post(township, `/deeds/${d.id}/accept`)).body.status).toBe('accepted');
    expect((await post(township, `/deeds/${d.id}/accept`)).body.error).toMatchObject({
      code: 'STATE_CONFLICT',
      details: { from: 'accepted' },
    });
    expect((await post(township, `/deeds/${d.id}/done`, { result: '已修好' })).body.error.details).toEqual({
      from: 'accepted',
      allowed: ['in_progress'],
    });
    expect((await post(me, `/deeds/${d.id}/start`)).body).toMatchObject({ status: 'in_progress', allowedMoves: ['done'] });

    // Done needs a result: 400 with a Chinese message, nothing written.
    const audits = await ctx.ds.getRepository(AuditLog).count();
    for (const body of [{}, { result: '   ' }, { result: 'x'.repeat(2001) }]) {
      const res = await post(me, `/deeds/${d.id}/done`, body);
      expect(res.status).toBe(400);
      expect(res.body.error.details[0]).toMatchObject({ field: 'result', message: expect.stringMatching(/[\u4e00-\u9fa5]/) });
    }
    expect((await ctx.ds.getRepository(PublicDeed).findOneByOrFail({ id: d.id })).status).toBe('in_progress');
    expect(await ctx.ds.getRepository(AuditLog).count()).toBe(audits);

    clock.set('2026-03-20T15:00:00+08:00');
    const done = await post(me, `/deeds/${d.id}/done`, { result: '铺设水泥路面 200 米，已通车' });
    expect(done.body).toMatchObject({ status: 'done', result: '铺设水泥路面 200 米，已通车', doneAt: '2026-03-20T15:00:00+08:00' });
    expect((await post(township, `/deeds/${d.id}/decline`, { reason: '不办了' })).body.error.details.from).toBe('done');

    // The 回访 is never by the responsible member.
    const self = await post(me, `/deeds/${d.id}/confirm`, { satisfied: true });
    expect(self.status).toBe(403);
    expect(self.body.error.code).toBe('DEED_SELF_CONFIRM');
    expect((await post(township, `/deeds/${d.id}/confirm`, { satisfied: 'yes' })).status).toBe(400);
    const confirmed = await post(sec, `/deeds/${d.id}/confirm`, { satisfied: true, note: '群众满意' });
    expect(confirmed.body).toMatchObject({
      status: 'confirmed',
      followUpSatisfied: true,
      followUpNote: '群众满意',
      followUpByName: '甲村书记',
      allowedMoves: [],
    });
    expect((await post(sec, `/deeds/${d.id}/confirm`, { satisfied: true })).body.error).toMatchObject({
      code: 'STATE_CONFLICT',
      details: { from: 'confirmed' },
    });
    const row = await ctx.ds.getRepository(PublicDeed).findOneByOrFail({ id: d.id });
    expect(row.closedAt).not.toBeNull();
    const actions = (await ctx.ds.getRepository(AuditLog).findBy({ targetId: d.id })).map((a) => a.action);
    expect(actions).toEqual(expect.arrayContaining(['deed.create', 'deed.accept', 'deed.start', 'deed.done', 'deed.confirm']));
  });

  it('is declined with a reason from registered, accepted or in progress; overdue is derived', async () => {
    clock.set('2026-03-25T09:00:00+08:00');
    const late = await registered('疏通排水沟', member, '2026-03-31');
    clock.set('2026-04-01T09:00:00+08:00');
    for (const steps of [[], ['accept'], ['accept', 'start']]) {
      const d = await registered('申请低保');
      for (const s of steps) expect((await post(township, `/deeds/${d.id}/${s}`)).status).toBe(200);
      expect((await post(township, `/deeds/${d.id}/decline`, {})).status).toBe(400);
      const declined = await post(township, `/deeds/${d.id}/decline`, { reason: '不符合低保条件，已当面解释' });
      expect(declined.body).toMatchObject({ status: 'declined', declineReason: '不符合低保条件，已当面解释' });
    }
    expect(
      (
        await post(township, '/deeds', {
          orgId: tree.b11.id,
          title: 'x',
          category: 'y',
          requester: 'z',
          source: 'plan',
          responsibleMemberId: member.id,
          promisedBy: '2026-03-01',
        })
      ).status,
    ).toBe(400);
    clock.set('2026-04-05T09:00:00+08:00');
    expect((await get(township, `/deeds/${late.id}`)).body).toMatchObject({ overdue: true, overdueDays: 5 });
    const overdue = await get(township, '/deeds?overdue=true');
    expect(overdue.body.items.map((x: { id: string }) => x.id)).toContain(late.id);
    const mine = await get(me, '/deeds?mine=true&year=2026');
    expect(mine.body.items.map((x: { id: string }) => x.id)).toContain(late.id);
    const xlsx = await get(township, '/deeds.xlsx?year=2026');
    expect(xlsx.status).toBe(200);
    expect(xlsx.headers['content-type']).toContain('spreadsheetml');
  });

  it('keeps deeds to their scope: another township sees nothing and a member only their own', async () => {
    clock.set('2026-04-10T09:00:00+08:00');
    const d = await registered('帮助申请危房改造', secretary);
    expect((await get(otherTownship, `/deeds/${d.id}`)).status).toBe(404);
    expect((await post(otherTownship, `/deeds/${d.id}/accept`)).status).toBe(404);
    expect((await get(otherTownship, '/deeds')).body.items).toEqual([]);
    expect((await get(asMember(ctx, other), `/deeds/${d.id}`)).status).toBe(404);
    expect((await get(asMember(ctx, other), '/deeds')).body.items).toEqual([]);
    expect((await get(me, '/deeds')).body.items.every((x: { responsibleMemberId: string }) => x.responsibleMemberId === member.id)).toBe(
      true,
    );
    const n = await count(PublicDeed);
    expect(
      (
        await post(otherTownship, '/deeds', {
          orgId: tree.b11.id,
          title: 'x',
          category: 'y',
          requester: 'z',
          source: 'plan',
          responsibleMemberId: member.id,
          promisedBy: '2026-05-01',
        })
      ).status,
    ).toBe(403);
    const outsider = await buildMember(ctx, tree.b21);
    expect(
      (
        await post(township, '/deeds', {
          orgId: tree.b11.id,
          title: 'x',
          category: 'y',
          requester: 'z',
          source: 'plan',
          responsibleMemberId: outsider.id,
          promisedBy: '2026-05-01',
        })
      ).status,
    ).toBe(400);
    expect(
      (
        await post(me, '/deeds', {
          orgId: tree.b11.id,
          title: 'x',
          category: 'y',
          requester: 'z',
          source: 'plan',
          responsibleMemberId: member.id,
          promisedBy: '2026-05-01',
        })
      ).status,
    ).toBe(403);
    expect(
      (
        await post(township, '/deeds', {
          orgId: tree.b11.id,
          title: 'x',
          category: 'y',
          requester: 'z',
          source: 'gossip',
          responsibleMemberId: member.id,
          promisedBy: '2026-05-01',
        })
      ).status,
    ).toBe(400);
    expect(await count(PublicDeed)).toBe(n);
  });

  it('counts two `done` at once once: one wins, the other is told 409', async () => {
    clock.set('2026-04-12T09:00:00+08:00');
    const d = await registered('为独居老人更换电线');
    await post(township, `/deeds/${d.id}/accept`);
    await post(me, `/deeds/${d.id}/start`);
    const both = await Promise.all([
      post(me, `/deeds/${d.id}/done`, { result: '已更换' }),
      post(township, `/deeds/${d.id}/done`, { result: '电工已更换' }),
    ]);
    expect(both.map((r) => r.status).sort()).toEqual([200, 409]);
    expect(await ctx.ds.getRepository(AuditLog).countBy({ targetId: d.id, action: 'deed.done' })).toBe(1);
    const row = await ctx.ds.getRepository(PublicDeed).findOneByOrFail({ id: d.id });
    expect(row.status).toBe('done');
  });

  describe('联村联片联户', () => {
    const households = (n: number) =>
      Array.from({ length: n }, (_, i) => ({ name: `王${'一二三四五六七八九十甲乙'[i]}家`, note: i === 0 ? '独居老人' : undefined }));
    let liaisonId: string;
    let householdIds: string[];

    it('links a 无职党员 to 5–10 households, a 科级干部 to a village and a 支委 to an area', async () => {
      clock.set('2026-05-01T09:00:00+08:00');
      for (const n of [0, 4, 11]) {
        const res = await post(sec, '/liaisons', {
          orgId: tree.b11.id,
          memberId: member.id,
          kind: 'member_household',
          households: households(n),
          from: '2026-01-01',
        });
        expect(res.status).toBe(400);
        expect(res.body.error.details[0]).toMatchObject({ field: 'households', message: expect.stringContaining('5–10 户') });
      }
      const ok = await post(sec, '/liaisons', {
        orgId: tree.b11.id,
        memberId: member.id,
        kind: 'member_household',
        households: households(5),
        from: '2026-01-01',
        contactIntervalDays: 30,
      });
      expect(ok.status).toBe(201);
      expect(ok.body).toMatchObject({ scope: 'household', memberName: '无职党员', nextContactOn: '2026-01-31', contacts: 0 });
      expect(ok.body.households).toHaveLength(5);
      liaisonId = ok.body.id;
      householdIds = ok.body.households.map((h: { id: string }) => h.id);

      expect(
        (await post(township, '/liaisons', { orgId: tree.t1.id, memberId: secretary.id, kind: 'cadre_village', from: '2026-01-01' }))
          .status,
      ).toBe(400);
      expect(
        (
          await post(township, '/liaisons', {
            orgId: tree.t1.id,
            memberId: secretary.id,
            kind: 'cadre_village',
            targetOrgId: tree.b21.id,
            from: '2026-01-01',
          })
        ).status,
      ).toBe(400);
      const village = await post(township, '/liaisons', {
        orgId: tree.t1.id,
        memberId: secretary.id,
        kind: 'cadre_village',
        targetOrgId: tree.b12.id,
        from: '2026-01-01',
      });
      expect(village.body).toMatchObject({ scope: 'village', targetOrgName: '乙村党支部', nextContactOn: null });
      expect(
        (await post(sec, '/liaisons', { orgId: tree.b11.id, memberId: secretary.id, kind: 'committee_area', from: '2026-01-01' })).status,
      ).toBe(400);
      expect(
        (
          await post(sec, '/liaisons', {
            orgId: tree.b11.id,
            memberId: secretary.id,
            kind: 'committee_area',
            areaName: '一组、二组',
            from: '2026-01-01',
          })
        ).status,
      ).toBe(201);
      // Another township's admin, a plain member: not theirs to set.
      expect(
        (
          await post(otherTownship, '/liaisons', {
            orgId: tree.b11.id,
            memberId: member.id,
            kind: 'committee_area',
            areaName: '三组',
            from: '2026-01-01',
          })
        ).status,
      ).toBe(403);
      expect(
        (
          await post(me, '/liaisons', {
            orgId: tree.b11.id,
            memberId: member.id,
            kind: 'committee_area',
            areaName: '三组',
            from: '2026-01-01',
          })
        ).status,
      ).toBe(403);
      expect((await get(otherTownship, `/liaisons/${liaisonId}`)).status).toBe(404);
      expect((await get(otherTownship, '/liaisons')).body.items).toEqual([]);
      expect((await get(township, `/liaisons?orgId=${tree.b11.id}`)).body.total).toBe(2);
    });

    it('takes a contact not in the future; a need marked for it becomes a deed with the member responsible', async () => {
      clock.set('2026-05-10T09:00:00+08:00');
      const before = await count(LiaisonContact);
      const future = await post(me, `/liaisons/${liaisonId}/contacts`, {
        on: '2026-05-11',
        householdId: householdIds[0],
        what: '了解生活情况',
      });
      expect(future.status).toBe(400);
      expect(future.body.error.details[0]).toMatchObject({ field: 'on', message: '走访日期不能晚于今天' });
      expect(
        (await post(me, `/liaisons/${liaisonId}/contacts`, { on: '2026-05-10', householdId: '0000000000000000000000', what: 'x' })).status,
      ).toBe(400);
      expect((await post(asMember(ctx, other), `/liaisons/${liaisonId}/contacts`, { on: '2026-05-10', what: 'x' })).status).toBe(404);
      expect(await count(LiaisonContact)).toBe(before);

      const deeds = await count(PublicDeed);
      const logged = await ctx.http
        .post(`/api/v1/liaisons/${liaisonId}/contacts`)
        .set('Authorization', me)
        .set('Idempotency-Key', 'contact-0001')
        .send({
          on: '2026-05-10',
          householdId: householdIds[0],
          what: '老人腿脚不便，了解生活情况',
          needs: [{ text: '帮助办理高龄补贴', toDeed: true }, { text: '院墙需要修补' }],
        });
      expect(logged.status).toBe(201);
      expect(logged.body).toMatchObject({ on: '2026-05-10', householdName: '王一家', memberName: '无职党员' });
      expect(logged.body.needs[0].deedId).toEqual(expect.any(String));
      expect(logged.body.needs[1]).toEqual({ text: '院墙需要修补', deedId: null, serviceRequestId: null });
      expect(await count(PublicDeed)).toBe(deeds + 1);
      // A retry with the same key returns the first log and writes nothing.
      const again = await ctx.http
        .post(`/api/v1/liaisons/${liaisonId}/contacts`)
        .set('Authorization', me)
        .set('Idempotency-Key', 'contact-0001')
        .send({ on: '2026-05-10', householdId: householdIds[0], what: '老人腿脚不便，了解生活情况' });
      expect(again.status).toBe(200);
      expect(again.body.id).toBe(logged.body.id);
      expect(await count(PublicDeed)).toBe(deeds + 1);

      const deed = await get(me, `/deeds/${logged.body.needs[0].deedId}`);
      expect(deed.body).toMatchObject({
        source: 'liaison',
        sourceRef: logged.body.id,
        requester: '王一家',
        responsibleMemberId: member.id,
        status: 'registered',
        promisedBy: '2026-06-09',
      });
      expect((await get(me, '/deeds?mine=true')).body.items.map((x: { id: string }) => x.id)).toContain(deed.body.id);

      // The second need: to a deed later (once), or to the service hall (once).
      // A member raises it for themselves; naming someone else is the branch's call.
      expect((await post(me, `/liaison-contacts/${logged.body.id}/needs/1/deed`, { responsibleMemberId: secretary.id })).status).toBe(403);
      const later = await post(me, `/liaison-contacts/${logged.body.id}/needs/1/deed`, { promisedBy: '2026-06-30' });
      expect(later.status).toBe(201);
      expect(later.body).toMatchObject({ source: 'liaison', title: '院墙需要修补' });
      expect((await post(me, `/liaison-contacts/${logged.body.id}/needs/1/deed`)).body.error.code).toBe('SOURCE_ALREADY_USED');
      expect((await post(me, `/liaison-contacts/${logged.body.id}/needs/0/deed`)).status).toBe(409);
      expect((await post(me, `/liaison-contacts/${logged.body.id}/needs/5/deed`)).status).toBe(404);
      const hall = await post(me, `/liaison-contacts/${logged.body.id}/needs/1/service-request`);
      expect(hall.status).toBe(201);
      expect(hall.body).toMatchObject({ channel: 'liaison', status: 'received', matter: '院墙需要修补' });
      expect((await post(me, `/liaison-contacts/${logged.body.id}/needs/1/service-request`)).status).toBe(409);

      const mine = await get(me, '/liaisons/mine');
      expect(mine.body.liaisons[0]).toMatchObject({ id: liaisonId, lastContactOn: '2026-05-10', nextContactOn: '2026-06-09', contacts: 1 });
      expect(JSON.stringify(mine.body)).not.toMatch(/score|rank/i);
      expect(mine.body.recentContacts[0].needs.map((n: { deedId: string | null }) => !!n.deedId)).toEqual([true, true]);
      expect((await get(township, `/liaison-contacts?orgId=${tree.b11.id}`)).body.total).toBe(1);
      expect((await get(otherTownship, '/liaison-contacts')).body.items).toEqual([]);
    });
  });

  describe('便民服务 and 投诉建议', () => {
    it('registers at the desk (contact encrypted, masked in lists) and turns a request into a deed once', async () => {
      clock.set('2026-06-01T09:00:00+08:00');
      const r = await post(township, '/service-requests', {
        orgId: tree.b11.id,
        requester: '李秀英',
        contact: '13800001111',
        matter: '办理新农合缴费',
      });
      expect(r.status).toBe(201);
      expect(r.body).toMatchObject({ requester: '李*英', receivedOn: '2026-06-01', channel: 'desk', status: 'received' });
      const row = await ctx.ds.getRepository(ServiceRequest).findOneByOrFail({ id: r.body.id });
      expect(row.contactEnc).not.toContain('13800001111');
      const list = await get(township, '/service-requests');
      expect(list.body.items.find((x: { id: string }) => x.id === r.body.id).contact).toBe('138****1111');
      expect((await get(township, `/service-requests/${r.body.id}`)).body.contact).toBe('13800001111');
      expect((await get(otherTownship, `/service-requests/${r.body.id}`)).status).toBe(404);
      expect((await get(me, '/service-requests')).status).toBe(403);
      expect(
        (await post(township, '/service-requests', { orgId: tree.b11.id, requester: '李秀英', matter: 'x', receivedOn: '2026-06-02' }))
          .status,
      ).toBe(400);

      expect((await post(township, `/service-requests/${r.body.id}/deed`, { responsibleMemberId: member.id })).status).toBe(400);
      const deed = await post(township, `/service-requests/${r.body.id}/deed`, {
        responsibleMemberId: member.id,
        promisedBy: '2026-06-10',
      });
      expect(deed.status).toBe(201);
      expect(deed.body).toMatchObject({ source: 'service_request', sourceRef: r.body.id, title: '办理新农合缴费', requester: '李*英' });
      expect(
        (await post(township, `/service-requests/${r.body.id}/deed`, { responsibleMemberId: member.id, promisedBy: '2026-06-10' })).status,
      ).toBe(409);
      expect((await get(township, `/service-requests/${r.body.id}`)).body).toMatchObject({ status: 'deed', deedId: deed.body.id });
      expect((await post(township, `/service-requests/${r.body.id}/handle`, { status: 'handled', note: '已办' })).status).toBe(409);

      const quick = await post(township, '/service-requests', { orgId: tree.b11.id, requester: '赵大爷家', matter: '开具居住证明' });
      expect(
        (await post(township, `/service-requests/${quick.body.id}/handle`, { status: 'handled', note: '当场开具' })).body,
      ).toMatchObject({ status: 'handled', requester: '赵大爷家' });
    });

    it('turns a member’s feedback into a deed once, by a manager of its org', async () => {
      clock.set('2026-06-05T09:00:00+08:00');
      const sent = await post(asMember(ctx, other), '/feedback', { category: 'complaint', content: '村里路灯坏了两个月没人修' });
      expect(sent.status).toBe(201);
      expect(
        (await post(otherTownship, `/feedback/${sent.body.id}/deed`, { responsibleMemberId: member.id, promisedBy: '2026-06-20' })).status,
      ).toBe(404);
      expect((await post(me, `/feedback/${sent.body.id}/deed`, { responsibleMemberId: member.id, promisedBy: '2026-06-20' })).status).toBe(
        404,
      );
      // Two admins at once: one deed, the other told it exists.
      const both = await Promise.all(
        [0, 1].map(() => post(township, `/feedback/${sent.body.id}/deed`, { responsibleMemberId: member.id, promisedBy: '2026-06-20' })),
      );
      expect(both.map((r) => r.status).sort()).toEqual([201, 409]);
      const deed = both.find((r) => r.status === 201)!;
      expect(deed.body).toMatchObject({
        source: 'feedback',
        sourceRef: sent.body.id,
        category: '群众投诉',
        title: '村里路灯坏了两个月没人修',
        requester: '另**员',
      });
      expect(both.find((r) => r.status === 409)!.body.error.code).toBe('SOURCE_ALREADY_USED');
      expect(
        (await post(township, `/feedback/${sent.body.id}/deed`, { responsibleMemberId: member.id, promisedBy: '2026-06-20' })).status,
      ).toBe(409);
      expect(await ctx.ds.getRepository(PublicDeed).countBy({ sourceRef: sent.body.id })).toBe(1);
    });
  });
});
