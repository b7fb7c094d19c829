/**
 * 组织关系转接: requested by the branch, approved by the township, issued (≤ 3 months valid, 党费交至
 * the month of issue), received by the receiving org — and the member then belongs to it, their
 * past attendance staying with the old org; one open transfer per member (also in parallel); an org
 * outside the deployment; cancel; the reminder and expiry flags; scope; 409 from/allowed.
 */
import { Member } from '../src/modules/member/member.entity';
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

describe('组织关系转接', () => {
  const clock = testClock('2026-12-10T09:00:00+08:00');
  let ctx: TestContext;
  let tree: Awaited<ReturnType<typeof buildTree>>;
  let township: string;
  let otherTownship: string;
  let secretary: BuiltMember;
  let receiver: BuiltMember;
  let mover: BuiltMember;
  let leaver: BuiltMember;

  const api = (method: 'get' | 'post', who: string, path: string, body?: object) => {
    const req = ctx.http[method](`/api/v1${path}`).set('Authorization', who);
    return body ? req.send(body) : req;
  };

  beforeAll(async () => {
    ctx = await createTestContext({}, { now: clock.now });
    tree = await buildTree(ctx);
    township = asUser(ctx, await buildUser(ctx, 't1admin', 'pw-t1admin-1', [{ role: 'admin', org: tree.t1 }]));
    otherTownship = asUser(ctx, await buildUser(ctx, 't2admin', 'pw-t2admin-1', [{ role: 'admin', org: tree.t2 }]));
    secretary = await buildMember(ctx, tree.b11, { name: '甲村书记' });
    await grantRole(ctx, 'branch_secretary', tree.b11, { memberId: secretary.id });
    receiver = await buildMember(ctx, tree.b21, { name: '丙村书记' });
    await grantRole(ctx, 'branch_secretary', tree.b21, { memberId: receiver.id });
    mover = await buildMember(ctx, tree.g111, { name: '转出党员' });
    leaver = await buildMember(ctx, tree.b11, { name: '外出党员' });
  });
  afterAll(() => ctx.close());

  const sec = () => asMember(ctx, secretary);

  it('takes a transfer to another township’s branch through every step; on receipt the member moves', async () => {
    const body = { memberId: mover.id, kind: 'formal', toOrgId: tree.b21.id, reason: '户籍迁至丙村', requestedOn: '2026-11-20' };
    const both = await Promise.all([api('post', sec(), '/transfers', body), api('post', township, '/transfers', body)]);
    expect(both.map((r) => r.status).sort()).toEqual([201, 409]);
    expect(both.find((r) => r.status === 409)!.body.error.code).toBe('TRANSFER_OPEN');
    const t = both.find((r) => r.status === 201)!.body;
    expect(t).toMatchObject({
      status: 'requested',
      fromOrgName: '第一党小组',
      toOrgName: '丙村党支部',
      allowedMoves: ['approve', 'cancel'],
    });

    const wrong = await api('post', sec(), `/transfers/${t.id}/issue`, { on: '2026-11-25', duesPaidThrough: '2026-11' });
    expect(wrong.body.error).toMatchObject({ code: 'STATE_CONFLICT', details: { from: 'requested', allowed: ['approved'] } });
    // The branch cannot approve its own transfer; the township does. The receiving side sees it but cannot act for the sender.
    expect((await api('post', sec(), `/transfers/${t.id}/approve`, { on: '2026-11-21' })).body.error.code).toBe('TRANSFER_APPROVER');
    expect((await api('post', asMember(ctx, receiver), `/transfers/${t.id}/approve`, { on: '2026-11-21' })).status).toBe(404);
    expect((await api('post', township, `/transfers/${t.id}/approve`, { on: '2026-11-19' })).status).toBe(400); // before the request
    expect((await api('post', township, `/transfers/${t.id}/approve`, { on: '2026-11-21' })).body.status).toBe('approved');

    const bad = async (over: object, field: string) => {
      const res = await api('post', sec(), `/transfers/${t.id}/issue`, { on: '2026-11-25', duesPaidThrough: '2026-11', ...over });
      expect([res.status, res.body.error.details?.[0]?.field]).toEqual([400, field]);
    };
    await bad({ duesPaidThrough: '2026-10' }, 'duesPaidThrough');
    await bad({ validUntil: '2027-02-26' }, 'validUntil'); // 11-25 + 3 months = 02-25
    await bad({ duesPaidThrough: '2026-13' }, 'duesPaidThrough');
    await bad({ on: '2026-12-11' }, 'on');
    const issued = await api('post', sec(), `/transfers/${t.id}/issue`, {
      on: '2026-11-25',
      duesPaidThrough: '2026-11',
      nationalSystemRef: 'ZZ2026112500123',
    });
    expect(issued.body).toMatchObject({ status: 'issued', validUntil: '2026-12-25', expired: false, expiresSoon: false });
    clock.set('2026-12-19T09:00:00+08:00');
    expect((await api('get', township, `/transfers/${t.id}`)).body.expiresSoon).toBe(true);
    expect((await api('get', asMember(ctx, mover), '/transfers/mine')).body).toEqual([
      expect.objectContaining({ toOrgName: '丙村党支部', status: 'issued', validUntil: '2026-12-25' }),
    ]);

    // The sender cannot receive for an org of this deployment: the receiving branch confirms.
    expect((await api('post', sec(), `/transfers/${t.id}/receive`, { on: '2026-12-19' })).status).toBe(403);
    const received = await api('post', asMember(ctx, receiver), `/transfers/${t.id}/receive`, { on: '2026-12-19' });
    expect(received.body).toMatchObject({ status: 'received', receivedOn: '2026-12-19', allowedMoves: [] });
    expect((await ctx.ds.getRepository(Member).findOneByOrFail({ id: mover.id })).orgId).toBe(tree.b21.id);
    // Now the receiving branch manages the member; the sender's branch no longer lists them.
    expect((await api('get', asMember(ctx, receiver), `/members/${mover.id}`)).status).toBe(200);
    expect((await api('post', township, `/transfers/${t.id}/cancel`, { on: '2026-12-19', note: '误操作' })).body.error).toMatchObject({
      code: 'STATE_CONFLICT',
      details: { from: 'received', allowed: ['requested', 'approved', 'issued'] },
    });
    clock.set('2026-12-10T09:00:00+08:00');
  });

  it('to an org outside the deployment: the sender records the 回执; cancel needs a reason; scope', async () => {
    const t = (
      await api('post', sec(), '/transfers', {
        memberId: leaver.id,
        kind: 'temporary',
        toOrgName: '浙江省义乌市某公司党支部',
        requestedOn: '2026-12-01',
      })
    ).body;
    expect(t).toMatchObject({ toOrgId: null, toOrgName: '浙江省义乌市某公司党支部' });
    expect((await api('get', otherTownship, `/transfers/${t.id}`)).status).toBe(404);
    expect((await api('get', asMember(ctx, leaver), '/transfers')).status).toBe(403);
    expect((await api('post', sec(), `/transfers/${t.id}/cancel`, { on: '2026-12-02' })).status).toBe(400);
    expect((await api('post', sec(), `/transfers/${t.id}/cancel`, { on: '2026-12-02', note: '本人暂不外出' })).body.status).toBe(
      'cancelled',
    );
    // Cancelled, a new one may be opened.
    const again = (
      await api('post', sec(), '/transfers', {
        memberId: leaver.id,
        kind: 'temporary',
        toOrgName: '浙江省义乌市某公司党支部',
        requestedOn: '2026-12-03',
      })
    ).body;
    await api('post', township, `/transfers/${again.id}/approve`, { on: '2026-12-03' });
    await api('post', sec(), `/transfers/${again.id}/issue`, { on: '2026-12-04', duesPaidThrough: '2026-12', validUntil: '2026-12-09' });
    expect((await api('get', township, `/transfers?orgId=${tree.t1.id}&status=issued`)).body[0]).toMatchObject({
      id: again.id,
      expired: true,
    });
    expect((await api('post', sec(), `/transfers/${again.id}/receive`, { on: '2026-12-10', note: '回执已收到' })).body.status).toBe(
      'received',
    );
    expect((await ctx.ds.getRepository(Member).findOneByOrFail({ id: leaver.id })).orgId).toBe(tree.b11.id);
    // Bad input.
    for (const [over, field] of [
      [{ kind: 'letter' }, 'kind'],
      [{ toOrgName: undefined }, 'toOrgName'],
      [{ toOrgName: undefined, toOrgId: tree.b11.id }, 'toOrgId'],
      [{ toOrgName: undefined, toOrgId: tree.t2.id }, 'toOrgId'],
      [{ requestedOn: '2026-12-11' }, 'requestedOn'],
    ] as [object, string][]) {
      const res = await api(
        'post',
        sec(),
        '/transfers',
        Object.assign({ memberId: leaver.id, kind: 'formal', toOrgName: '某单位党支部', requestedOn: '2026-12-05' }, over),
      );
      expect([res.status, res.body.error.details?.[0]?.field]).toEqual([400, field]);
    }
    expect(
      (
        await api('post', otherTownship, '/transfers', {
          memberId: leaver.id,
          kind: 'formal',
          toOrgName: '某单位',
          requestedOn: '2026-12-05',
        })
      ).status,
    ).toBe(404);
    const audit = await ctx.ds.query("SELECT COUNT(*) AS n FROM audit_logs WHERE action LIKE 'transfer.%'");
    expect(Number(audit[0].n)).toBeGreaterThanOrEqual(9);
  });
});
