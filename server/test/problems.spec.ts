/**
 * 问题清单 → 整改 → 销号 and 投诉建议, through the real app on both databases with a fake clock:
 * the states and who may move them, the derived overdue, extensions kept as history, evidence
 * as links to records, the responsible member never signing off their own problem, feedback
 * answered within its period (and turned into a problem once).
 */
import { Notification } from '../src/modules/notification/notification.entity';
import { Feedback, Problem, ProblemEvent } from '../src/modules/problem/problem.entity';
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

describe('problems and feedback', () => {
  const clock = testClock('2026-03-02T09:00:00+08:00');
  let ctx: TestContext;
  let tree: Awaited<ReturnType<typeof buildTree>>;
  let township: string;
  let otherTownship: string;
  let secretary: BuiltMember;
  let committee: BuiltMember;
  let member: BuiltMember;
  let sec: string;
  let meetingId: string;

  beforeAll(async () => {
    ctx = await createTestContext({ WECHAT_TEMPLATE_TASK: 'tmpl-task-001' }, { now: clock.now });
    tree = await buildTree(ctx);
    township = asUser(ctx, await buildUser(ctx, 't1admin', 'pw-t1admin-1', [{ role: 'admin', org: tree.t1 }]));
    otherTownship = asUser(ctx, await buildUser(ctx, 't2admin', 'pw-t2admin-1', [{ role: 'admin', org: tree.t2 }]));
    secretary = await buildMember(ctx, tree.b11, { name: '甲村书记' });
    committee = await buildMember(ctx, tree.b11, { name: '甲村委员' });
    member = await buildMember(ctx, tree.b11, { name: '普通党员' });
    await grantRole(ctx, 'branch_secretary', tree.b11, { memberId: secretary.id });
    await grantRole(ctx, 'branch_committee', tree.b11, { memberId: committee.id });
    sec = asMember(ctx, secretary);
    const a = await ctx.http
      .post('/api/v1/activities')
      .set('Authorization', sec)
      .send({
        title: '专题组织生活会',
        kind: 'org_life_meeting',
        orgId: tree.b11.id,
        startsAt: '2026-03-05T09:00:00+08:00',
        endsAt: '2026-03-05T11:00:00+08:00',
        checkinModes: ['qr'],
      });
    meetingId = a.body.id;
  });
  afterAll(() => ctx.close());

  const post = (who: string, path: string, body: object = {}) => ctx.http.post(`/api/v1${path}`).set('Authorization', who).send(body);
  async function registered(description = '“三会一课”记录不规范') {
    const res = await post(township, '/problems', { orgId: tree.b11.id, year: 2026, source: 'review', category: '组织生活', description });
    expect(res.status).toBe(201);
    return res.body;
  }

  it('goes registered → assigned → rectifying → submitted → (returned) → closed, every step in its history', async () => {
    clock.set('2026-03-02T09:00:00+08:00');
    const p = await registered();
    expect(p).toMatchObject({
      status: 'registered',
      assignerOrgName: '一号镇党委',
      orgName: '甲村党支部',
      canManage: true,
      overdue: false,
    });

    const early = await post(township, `/problems/${p.id}/assign`, { responsibleMemberId: secretary.id, deadline: '2026-03-01' });
    expect(early.status).toBe(400);
    expect(early.body.error.details[0]).toMatchObject({ field: 'deadline' });
    const notYet = await post(sec, `/problems/${p.id}/submit`);
    expect(notYet.status).toBe(409);
    expect(notYet.body.error).toMatchObject({ code: 'STATE_CONFLICT', details: { from: 'registered' } });
    const assigned = await post(township, `/problems/${p.id}/assign`, { responsibleMemberId: secretary.id, deadline: '2026-03-31' });
    expect(assigned.body).toMatchObject({ status: 'assigned', responsibleName: '甲村书记', deadline: '2026-03-31' });
    // The responsible member hears of it through the subscription outbox.
    expect(await ctx.ds.getRepository(Notification).countBy({ memberId: secretary.id, template: 'task' })).toBe(1);

    const foreign = await post(sec, `/problems/${p.id}/progress`, {
      text: '已整改',
      evidence: [{ type: 'activity', id: '0000000000000000000000' }],
    });
    expect(foreign.status).toBe(400);
    const done = await post(sec, `/problems/${p.id}/progress`, {
      text: '补齐了会议记录，召开专题组织生活会',
      evidence: [{ type: 'activity', id: meetingId }],
    });
    expect(done.status).toBe(200);
    expect(done.body.status).toBe('rectifying');
    expect(done.body.events.at(-1).evidence).toEqual([{ type: 'activity', id: meetingId, label: '专题组织生活会 · 2026-03-05' }]);
    expect((await post(sec, `/problems/${p.id}/submit`)).body.status).toBe('submitted');

    // The responsible secretary cannot sign off their own; a committee member of the branch is not the assigning org.
    const self = await post(sec, `/problems/${p.id}/recheck`, { result: 'pass', note: '已完成' });
    expect(self.status).toBe(403);
    expect(self.body.error.code).toBe('SELF_SIGNOFF');
    expect((await post(asMember(ctx, committee), `/problems/${p.id}/recheck`, { result: 'pass', note: '已完成' })).body.error.code).toBe(
      'FORBIDDEN',
    );

    const returned = await post(township, `/problems/${p.id}/recheck`, { result: 'fail', note: '记录仍不完整' });
    expect(returned.body.status).toBe('rectifying');
    expect(await ctx.ds.getRepository(Notification).countBy({ memberId: secretary.id, template: 'task' })).toBe(2);
    await post(sec, `/problems/${p.id}/progress`, { text: '补充了签到表和会议纪要' }).then((r) => expect(r.status).toBe(200));
    await post(sec, `/problems/${p.id}/submit`).then((r) => expect(r.status).toBe(200));
    // Two admins at once: one closes it, the other is told it moved.
    const both = await Promise.all([0, 1].map(() => post(township, `/problems/${p.id}/recheck`, { result: 'pass', note: '整改到位' })));
    expect(both.map((r) => r.status).sort()).toEqual([200, 409]);
    const closed = await ctx.http.get(`/api/v1/problems/${p.id}`).set('Authorization', township);
    expect(closed.body).toMatchObject({ status: 'closed', closedByName: '用户t1admin' });
    expect(closed.body.events.map((e: { kind: string }) => e.kind)).toEqual([
      'registered',
      'assigned',
      'progress',
      'submitted',
      'returned',
      'progress',
      'submitted',
      'passed',
    ]);
    expect(await ctx.ds.getRepository(ProblemEvent).countBy({ problemId: p.id })).toBe(8);
    expect((await post(township, `/problems/${p.id}/void`, { reason: '重复' })).status).toBe(409);
  });

  it('derives overdue from the deadline; an extension keeps the old and new deadlines; void keeps the problem', async () => {
    clock.set('2026-04-01T09:00:00+08:00');
    const p = await registered('党员活动室制度未上墙');
    await post(township, `/problems/${p.id}/assign`, { responsibleMemberId: secretary.id, deadline: '2026-04-10' }).then((r) =>
      expect(r.status).toBe(200),
    );
    clock.set('2026-04-15T09:00:00+08:00');
    const late = await ctx.http.get(`/api/v1/problems/${p.id}`).set('Authorization', township);
    expect(late.body).toMatchObject({ overdue: true, overdueDays: 5 });
    const overdue = await ctx.http.get('/api/v1/problems?overdue=true').set('Authorization', township);
    expect(overdue.body.items.map((x: { id: string }) => x.id)).toContain(p.id);
    const mine = await ctx.http.get('/api/v1/problems?mine=true').set('Authorization', sec);
    expect(mine.body.items.map((x: { id: string }) => x.id)).toContain(p.id);
    // Nothing is queued twice for the same deadline.
    const first = await ctx.services.problems.remindDue();
    expect(first).toBeGreaterThan(0);
    const queued = await ctx.ds.getRepository(Notification).countBy({ template: 'task' });
    await ctx.services.problems.remindDue();
    expect(await ctx.ds.getRepository(Notification).countBy({ template: 'task' })).toBe(queued);

    expect((await post(township, `/problems/${p.id}/extend`, { deadline: '2026-04-12', reason: '等待材料' })).status).toBe(400);
    expect((await post(township, `/problems/${p.id}/extend`, { deadline: '2026-05-10' })).status).toBe(400);
    expect((await post(sec, `/problems/${p.id}/extend`, { deadline: '2026-05-10', reason: '等待材料' })).status).toBe(403);
    const extended = await post(township, `/problems/${p.id}/extend`, { deadline: '2026-05-10', reason: '需等上级配发制度牌' });
    expect(extended.body).toMatchObject({ deadline: '2026-05-10', extensions: 1, overdue: false });
    expect(extended.body.events.at(-1)).toMatchObject({
      kind: 'extended',
      fromDeadline: '2026-04-10',
      toDeadline: '2026-05-10',
      text: '需等上级配发制度牌',
    });

    const voided = await post(township, `/problems/${p.id}/void`, { reason: '与其他问题重复登记' });
    expect(voided.body.status).toBe('void');
    expect((await post(sec, `/problems/${p.id}/progress`, { text: 'x' })).body.error.code).toBe('STATE_CONFLICT');
    expect(await ctx.ds.getRepository(Problem).countBy({ id: p.id })).toBe(1);
  });

  it('keeps problems to their scope and refuses bad input with Chinese messages, writing nothing', async () => {
    clock.set('2026-04-20T09:00:00+08:00');
    const p = await registered('发展党员材料不全');
    const count = await ctx.ds.getRepository(Problem).count();
    expect((await ctx.http.get(`/api/v1/problems/${p.id}`).set('Authorization', otherTownship)).status).toBe(404);
    expect(
      (await post(otherTownship, '/problems', { orgId: tree.b11.id, year: 2026, source: 'review', category: 'x', description: 'y' }))
        .status,
    ).toBe(403);
    expect(
      (
        await post(asMember(ctx, member), '/problems', {
          orgId: tree.b11.id,
          year: 2026,
          source: 'review',
          category: 'x',
          description: 'y',
        })
      ).status,
    ).toBe(403);
    expect((await ctx.http.get(`/api/v1/problems/${p.id}`).set('Authorization', asMember(ctx, member))).status).toBe(404);
    const bad: object[] = [
      { orgId: tree.b11.id, year: 2026, source: 'gossip', category: 'x', description: 'y' },
      { orgId: tree.b11.id, year: 2026, source: 'review', category: '', description: 'y' },
      { orgId: tree.b11.id, year: 2026, source: 'review', category: 'x', description: 'y'.repeat(2001) },
      { orgId: tree.b11.id, year: '2026', source: 'review', category: 'x', description: 'y' },
    ];
    for (const body of bad) {
      const res = await post(township, '/problems', body);
      expect(res.status).toBe(400);
      expect(res.body.error.details[0].message).toMatch(/[\u4e00-\u9fa5]/);
    }
    const outsider = await buildMember(ctx, tree.b21);
    expect((await post(township, `/problems/${p.id}/assign`, { responsibleMemberId: outsider.id, deadline: '2026-05-01' })).status).toBe(
      400,
    );
    expect((await post(township, `/problems/${p.id}/assign`, { responsibleMemberId: secretary.id, deadline: '2026-02-30' })).status).toBe(
      400,
    );
    expect((await post(township, `/problems/${p.id}/recheck`, { result: 'maybe', note: 'x' })).status).toBe(400);
    expect(await ctx.ds.getRepository(Problem).count()).toBe(count);
  });

  describe('投诉建议', () => {
    it('is answered within its period, by the org it is about, once; and may open a problem once', async () => {
      clock.set('2026-05-01T09:00:00+08:00');
      const me = asMember(ctx, member);
      const sent = await post(me, '/feedback', { category: 'complaint', content: '村务公开栏三个月没有更新', contact: '13800000000' });
      expect(sent.status).toBe(201);
      expect(sent.body).toMatchObject({ status: 'received', replyDueAt: '2026-05-11T09:00:00+08:00' });
      const row = await ctx.ds.getRepository(Feedback).findOneByOrFail({ id: sent.body.id });
      expect(row.orgId).toBe(tree.b11.id);
      expect(row.contactEnc).not.toContain('13800000000');

      const inbox = await ctx.http.get('/api/v1/feedback').set('Authorization', township);
      expect(inbox.body.items[0]).toMatchObject({
        id: sent.body.id,
        senderName: '普通党员',
        contact: '13800000000',
        canReply: true,
        overdue: false,
      });
      expect((await ctx.http.get('/api/v1/feedback').set('Authorization', otherTownship)).body.items).toEqual([]);
      expect((await ctx.http.get('/api/v1/feedback').set('Authorization', me)).status).toBe(403);
      expect((await post(otherTownship, `/feedback/${sent.body.id}/reply`, { content: '收到' })).status).toBe(404);

      clock.set('2026-05-12T09:00:00+08:00');
      const overdue = await ctx.http.get('/api/v1/feedback?overdue=true').set('Authorization', township);
      expect(overdue.body.items.map((f: { id: string; overdue: boolean }) => [f.id, f.overdue])).toEqual([[sent.body.id, true]]);

      const replied = await post(sec, `/feedback/${sent.body.id}/reply`, { content: '已于本周更新公开栏，今后每月 5 日前更新' });
      expect(replied.body).toMatchObject({ status: 'replied', repliedByName: '甲村书记', overdue: false });
      expect((await post(township, `/feedback/${sent.body.id}/reply`, { content: '再答复' })).body.error.code).toBe(
        'FEEDBACK_ALREADY_REPLIED',
      );
      const mine = await ctx.http.get('/api/v1/feedback/mine').set('Authorization', me);
      expect(mine.body.items[0]).toMatchObject({ id: sent.body.id, reply: '已于本周更新公开栏，今后每月 5 日前更新' });

      const opened = await post(township, `/feedback/${sent.body.id}/problem`);
      expect(opened.status).toBe(201);
      expect(opened.body).toMatchObject({ source: 'feedback', sourceRef: sent.body.id, orgId: tree.b11.id, status: 'registered' });
      expect((await post(township, `/feedback/${sent.body.id}/problem`)).status).toBe(409);
      expect((await ctx.http.get(`/api/v1/feedback/${sent.body.id}`).set('Authorization', me)).body.problemId).toBe(opened.body.id);
    });

    it('refuses empty, too long, another township’s org and a flood, writing nothing', async () => {
      clock.set('2026-06-01T09:00:00+08:00');
      const who = await buildMember(ctx, tree.b12, { name: '乙村党员' });
      const me = asMember(ctx, who);
      const before = await ctx.ds.getRepository(Feedback).count();
      for (const body of [
        { category: 'complaint', content: '   ' },
        { category: 'complaint', content: '字'.repeat(2001) },
        { category: 'praise', content: '好' },
        { category: 'suggestion', content: '建议', orgId: tree.b21.id },
      ]) {
        const res = await post(me, '/feedback', body);
        expect(res.status).toBe(400);
        expect(res.body.error.details[0].message).toMatch(/[\u4e00-\u9fa5]/);
      }
      expect(await ctx.ds.getRepository(Feedback).count()).toBe(before);
      const flood = await Promise.all(
        Array.from({ length: 12 }, (_, i) => post(me, '/feedback', { category: 'suggestion', content: `建议第${i}条` })),
      );
      expect(flood.filter((r) => r.status === 201)).toHaveLength(10);
      expect(flood.filter((r) => r.status === 429).every((r) => r.body.error.code === 'RATE_LIMITED')).toBe(true);
      expect((await post(township, '/feedback', { category: 'suggestion', content: '控制台账号' })).body.error.code).toBe(
        'MEMBER_ACCOUNT_REQUIRED',
      );
    });
  });
});
