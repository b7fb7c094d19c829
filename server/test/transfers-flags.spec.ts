/**
 * 组织关系转接, what each caller may do and the reminder of letters from outside (issue #17):
 *  - `TransferView.canApprove / canIssue / canReceive / canCancel` say what THIS caller may do now,
 *    by the same checks the moves make (the console shows a move only then; it never decides);
 *  - `POST /transfers/remind` lists the receiving org's letters from outside the deployment that
 *    expire within 7 days (no member on the roster to message), only within the caller's scope.
 */
import {
  asMember,
  asUser,
  buildMember,
  buildTree,
  buildUser,
  createTestContext,
  grantRole,
  makeIdCard,
  testClock,
  type BuiltMember,
  type TestContext,
} from './support/context';

describe('组织关系转接: who may act, reminders of letters from outside', () => {
  const clock = testClock('2026-12-01T09:00:00+08:00');
  let ctx: TestContext;
  let tree: Awaited<ReturnType<typeof buildTree>>;
  let township: string;
  let secretary: BuiltMember;
  let receiver: BuiltMember;
  let mover: BuiltMember;
  let leaver: BuiltMember;

  const api = (method: 'get' | 'post', who: string, path: string, body?: object) => {
    const req = ctx.http[method](`/api/v1${path}`).set('Authorization', who);
    return body ? req.send(body) : req;
  };
  const flags = (t: Record<string, unknown>) => ({
    canApprove: t.canApprove,
    canIssue: t.canIssue,
    canReceive: t.canReceive,
    canCancel: t.canCancel,
  });

  beforeAll(async () => {
    ctx = await createTestContext({}, { now: clock.now });
    tree = await buildTree(ctx);
    township = asUser(ctx, await buildUser(ctx, 't1admin', 'pw-t1admin-1', [{ role: 'admin', org: tree.t1 }]));
    secretary = await buildMember(ctx, tree.b11, { name: '甲村书记' });
    await grantRole(ctx, 'branch_secretary', tree.b11, { memberId: secretary.id });
    receiver = await buildMember(ctx, tree.b21, { name: '丙村书记' });
    await grantRole(ctx, 'branch_secretary', tree.b21, { memberId: receiver.id });
    mover = await buildMember(ctx, tree.g111, { name: '转出党员' });
    leaver = await buildMember(ctx, tree.b11, { name: '外出党员' });
  });
  afterAll(() => ctx.close());

  test('each view says what the caller may do: only the receiving org may 接收', async () => {
    const sec = asMember(ctx, secretary);
    const rec = asMember(ctx, receiver);
    const t = (
      await api('post', sec, '/transfers', { memberId: mover.id, kind: 'formal', toOrgId: tree.b21.id, requestedOn: '2026-11-20' }).expect(
        201,
      )
    ).body;
    expect(flags(t)).toEqual({ canApprove: false, canIssue: false, canReceive: false, canCancel: true });
    expect(flags((await api('get', township, `/transfers/${t.id}`).expect(200)).body)).toEqual({
      canApprove: true,
      canIssue: false,
      canReceive: false,
      canCancel: true,
    });
    await api('post', township, `/transfers/${t.id}/approve`, { on: '2026-11-21' }).expect(200);
    const issued = (await api('post', sec, `/transfers/${t.id}/issue`, { on: '2026-11-25', duesPaidThrough: '2026-11' }).expect(200)).body;
    expect(issued.allowedMoves).toEqual(['receive', 'cancel']);
    expect(flags(issued)).toEqual({ canApprove: false, canIssue: false, canReceive: false, canCancel: true });
    const atReceiver = ((await api('get', rec, `/transfers?orgId=${tree.b21.id}`).expect(200)).body as Record<string, unknown>[]).find(
      (x) => x.id === t.id,
    )!;
    expect(flags(atReceiver)).toEqual({ canApprove: false, canIssue: false, canReceive: true, canCancel: false });
    // The server refuses the sender's 接收 as before; the receiver's goes through.
    expect((await api('post', sec, `/transfers/${t.id}/receive`, { on: '2026-11-30' })).status).toBe(403);
    await api('post', rec, `/transfers/${t.id}/receive`, { on: '2026-11-30' }).expect(200);

    // To an org outside the deployment the sender records the 回执.
    const out = (
      await api('post', sec, '/transfers', {
        memberId: leaver.id,
        kind: 'formal',
        toOrgName: '浙江省义乌市某社区党委',
        requestedOn: '2026-11-20',
      }).expect(201)
    ).body;
    await api('post', township, `/transfers/${out.id}/approve`, { on: '2026-11-21' }).expect(200);
    await api('post', sec, `/transfers/${out.id}/issue`, { on: '2026-11-25', duesPaidThrough: '2026-11' }).expect(200);
    expect(flags((await api('get', sec, `/transfers/${out.id}`).expect(200)).body)).toMatchObject({ canReceive: true, canCancel: true });
  });

  test('the reminder lists the letters from outside expiring within 7 days to the receiving org', async () => {
    const rec = asMember(ctx, receiver);
    const letter = (name: string, validUntil: string) => ({
      toOrgId: tree.b21.id,
      kind: 'formal',
      fromOrgName: '浙江省义乌市稠城街道某社区党委',
      letterNo: `浙组转字〔2026〕第${name.length}${validUntil.slice(5, 7)}${validUntil.slice(8)}号`,
      issuedOn: '2026-11-10',
      validUntil,
      name,
      idCard: makeIdCard(),
      status: 'full',
      joinedOn: '2015-07-01',
      fullOn: '2016-07-01',
      duesPaidThrough: '2026-11',
    });
    const soon = (await api('post', rec, '/incoming-transfers', letter('将到期', '2026-12-06')).expect(201)).body;
    await api('post', rec, '/incoming-transfers', letter('还早', '2026-12-30')).expect(201);
    expect(soon.expiresSoon).toBe(true);
    const res = await api('post', rec, '/transfers/remind', { orgId: tree.b21.id }).expect(200);
    expect(res.body.incoming).toEqual([
      {
        id: soon.id,
        name: '将到期',
        fromOrgName: '浙江省义乌市稠城街道某社区党委',
        toOrgId: tree.b21.id,
        toOrgName: '丙村党支部',
        validUntil: '2026-12-06',
      },
    ]);
    // Another township's reminder does not show them; received letters leave the list.
    expect((await api('post', township, '/transfers/remind', {}).expect(200)).body.incoming).toEqual([]);
    await api('post', rec, `/incoming-transfers/${soon.id}/receive`, { on: '2026-12-01' }).expect(200);
    expect((await api('post', rec, '/transfers/remind', { orgId: tree.b21.id }).expect(200)).body.incoming).toEqual([]);
  });
});
