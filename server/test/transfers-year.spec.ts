/**
 * 组织关系转接, the rest of issue #17:
 *  - 在途 (letter issued, not received): the member is in neither org's 应到 and invited to nothing
 *    starting on or after the day of issue (sheet, list query, detail, check-in); received, they count
 *    in the new org for activities from the day of receipt only (the 整改通知 streak too);
 *  - the reminder 7 days before a letter expires: one WeChat message per letter through the outbox,
 *    whoever runs the check (console route, hourly job, several at once), shown to the branch;
 *  - letters from an org outside the deployment: registered with the member's details (ID number
 *    encrypted), ≤ 3 months valid, 接收 puts the member on the branch's roster; an ID number already
 *    on the roster → 409 TRANSFER_MEMBER_EXISTS; one open letter per person, one receipt.
 */
import { ERRORS } from '@djzy/shared';
import { Member } from '../src/modules/member/member.entity';
import { Notification } from '../src/modules/notification/notification.entity';
import { IncomingTransfer } from '../src/modules/transfer/transfer.entity';
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

describe('组织关系转接: 在途, reminders, letters from outside', () => {
  const clock = testClock('2026-12-01T09:00:00+08:00');
  let ctx: TestContext;
  let tree: Awaited<ReturnType<typeof buildTree>>;
  let township: string;
  let otherTownship: string;
  let secretary: BuiltMember;
  let receiver: BuiltMember;
  let mover: BuiltMember;
  let stay: BuiltMember;
  let newcomerPeer: BuiltMember;
  let leaver: BuiltMember;

  const api = (method: 'get' | 'post', who: string, path: string, body?: object) => {
    const req = ctx.http[method](`/api/v1${path}`).set('Authorization', who);
    return body ? req.send(body) : req;
  };
  const sec = () => asMember(ctx, secretary);
  const rec = () => asMember(ctx, receiver);

  beforeAll(async () => {
    ctx = await createTestContext({ WECHAT_TEMPLATE_TASK: 'tmpl-task-001', ABSENCE_THRESHOLD: '2' }, { now: clock.now });
    tree = await buildTree(ctx);
    township = asUser(ctx, await buildUser(ctx, 't1admin', 'pw-t1admin-1', [{ role: 'admin', org: tree.t1 }]));
    otherTownship = asUser(ctx, await buildUser(ctx, 't2admin', 'pw-t2admin-1', [{ role: 'admin', org: tree.t2 }]));
    secretary = await buildMember(ctx, tree.b11, { name: '甲村书记' });
    await grantRole(ctx, 'branch_secretary', tree.b11, { memberId: secretary.id });
    receiver = await buildMember(ctx, tree.b21, { name: '丙村书记' });
    await grantRole(ctx, 'branch_secretary', tree.b21, { memberId: receiver.id });
    mover = await buildMember(ctx, tree.g111, { name: '转出党员' });
    stay = await buildMember(ctx, tree.b11, { name: '留村党员' });
    newcomerPeer = await buildMember(ctx, tree.b21, { name: '丙村党员' });
    leaver = await buildMember(ctx, tree.b11, { name: '外出党员' });
  });
  afterAll(() => ctx.close());

  /** A published 主题党日 of `org` on `day` (created on 12-01), the clock put back after. */
  async function meeting(who: string, orgId: string, day: string): Promise<string> {
    const now = clock.now();
    clock.set('2026-12-01T08:00:00+08:00');
    const res = await api('post', who, '/activities', {
      orgId,
      title: `主题党日 ${day}`,
      kind: 'fixed_day',
      startsAt: `${day}T09:00:00+08:00`,
      endsAt: `${day}T11:00:00+08:00`,
      checkinModes: ['qr'],
    });
    expect(res.status).toBe(201);
    await api('post', who, `/activities/${res.body.id}/publish`).expect(200);
    clock.set(now.toISOString());
    return res.body.id;
  }
  const expectedIds = async (who: string, id: string) => {
    const s = (await api('get', who, `/activities/${id}/attendance`).expect(200)).body;
    return [...s.present, ...s.excused, ...s.absent].map((r: { memberId: string }) => r.memberId).sort();
  };
  const listed = async (m: BuiltMember) =>
    (await api('get', asMember(ctx, m), '/activities?pageSize=50')).body.items.map((a: { id: string }) => a.id) as string[];

  it('在途: in neither org’s 应到 from the day of issue; received, in the new org from the day of receipt only', async () => {
    const before = await meeting(sec(), tree.b11.id, '2026-12-09'); // the day before the letter
    const oldOrg = await meeting(sec(), tree.b11.id, '2026-12-12');
    const newEarly = await meeting(rec(), tree.b21.id, '2026-12-12');
    const newLate = await meeting(rec(), tree.b21.id, '2026-12-16');

    clock.set('2026-12-10T09:00:00+08:00');
    const t = (
      await api('post', sec(), '/transfers', { memberId: mover.id, kind: 'formal', toOrgId: tree.b21.id, requestedOn: '2026-12-08' })
    ).body;
    await api('post', township, `/transfers/${t.id}/approve`, { on: '2026-12-09' }).expect(200);
    // Requested and approved: still in the branch.
    expect(await expectedIds(sec(), oldOrg)).toContain(mover.id);
    await api('post', sec(), `/transfers/${t.id}/issue`, { on: '2026-12-10', duesPaidThrough: '2026-12' }).expect(200);
    expect((await ctx.ds.getRepository(Member).findOneByOrFail({ id: mover.id })).transferState).toBe('in_transit');

    // 在途: the old branch no longer expects them (but did the day before); the new one not yet.
    expect(await expectedIds(sec(), oldOrg)).toEqual([secretary.id, stay.id, leaver.id].sort());
    expect(await expectedIds(sec(), before)).toContain(mover.id);
    expect(await expectedIds(rec(), newEarly)).toEqual([receiver.id, newcomerPeer.id].sort());
    // The member's list query says the same as the rule; the meeting itself is closed to them.
    expect(await listed(mover)).toEqual([before]);
    expect((await api('get', asMember(ctx, mover), `/activities/${oldOrg}`)).status).toBe(404);
    clock.set('2026-12-12T09:05:00+08:00');
    const code = (await api('get', sec(), `/activities/${oldOrg}/checkin-code`)).body.shortCode;
    const refused = await api('post', asMember(ctx, mover), '/checkins', { activityId: oldOrg, shortCode: code });
    expect([refused.status, refused.body.error.code]).toEqual([403, 'NOT_INVITED']);

    // Received on 12-15: the 12-12 meeting of the new branch is not theirs, the 12-16 one is.
    clock.set('2026-12-15T09:00:00+08:00');
    await api('post', rec(), `/transfers/${t.id}/receive`, { on: '2026-12-15' }).expect(200);
    const moved = await ctx.ds.getRepository(Member).findOneByOrFail({ id: mover.id });
    expect([moved.orgId, moved.transferState, moved.orgSince]).toEqual([tree.b21.id, null, '2026-12-15']);
    expect(await expectedIds(rec(), newEarly)).not.toContain(mover.id);
    expect(await expectedIds(rec(), newLate)).toEqual([receiver.id, newcomerPeer.id, mover.id].sort());
    expect(await expectedIds(sec(), oldOrg)).not.toContain(mover.id);
    expect(await listed(mover)).toEqual([newLate]);
    expect((await api('get', asMember(ctx, mover), `/activities/${newLate}`)).body.myStanding).toBe('expected');
    expect((await api('get', asMember(ctx, mover), `/activities/${newEarly}`)).status).toBe(404);
  });

  it('a cancelled letter puts the member back; a letter received outside the deployment keeps them out', async () => {
    clock.set('2026-12-15T09:00:00+08:00');
    const later = await meeting(sec(), tree.b11.id, '2026-12-20');
    const t = (
      await api('post', sec(), '/transfers', {
        memberId: stay.id,
        kind: 'temporary',
        toOrgName: '某市某公司党支部',
        requestedOn: '2026-12-14',
      })
    ).body;
    await api('post', township, `/transfers/${t.id}/approve`, { on: '2026-12-14' }).expect(200);
    await api('post', sec(), `/transfers/${t.id}/issue`, { on: '2026-12-15', duesPaidThrough: '2026-12' }).expect(200);
    expect(await expectedIds(sec(), later)).not.toContain(stay.id);
    await api('post', sec(), `/transfers/${t.id}/cancel`, { on: '2026-12-15', note: '本人不再外出' }).expect(200);
    expect(await expectedIds(sec(), later)).toContain(stay.id);

    const out = (
      await api('post', sec(), '/transfers', {
        memberId: stay.id,
        kind: 'formal',
        toOrgName: '某市某公司党支部',
        requestedOn: '2026-12-15',
      })
    ).body;
    await api('post', township, `/transfers/${out.id}/approve`, { on: '2026-12-15' }).expect(200);
    await api('post', sec(), `/transfers/${out.id}/issue`, { on: '2026-12-15', duesPaidThrough: '2026-12' }).expect(200);
    await api('post', sec(), `/transfers/${out.id}/receive`, { on: '2026-12-15', note: '回执已收到' }).expect(200);
    expect((await ctx.ds.getRepository(Member).findOneByOrFail({ id: stay.id })).transferState).toBe('transferred_out');
    expect(await expectedIds(sec(), later)).not.toContain(stay.id);
  });

  it('reminds the member once, 7 days before the letter expires, whoever runs the check', async () => {
    clock.set('2026-12-10T09:00:00+08:00');
    const t = (
      await api('post', sec(), '/transfers', {
        memberId: leaver.id,
        kind: 'temporary',
        toOrgName: '浙江省义乌市某公司党支部',
        requestedOn: '2026-12-10',
      })
    ).body;
    await api('post', township, `/transfers/${t.id}/approve`, { on: '2026-12-10' }).expect(200);
    await api('post', sec(), `/transfers/${t.id}/issue`, { on: '2026-12-10', duesPaidThrough: '2026-12', validUntil: '2026-12-20' }).expect(
      200,
    );
    const queuedFor = () => ctx.ds.getRepository(Notification).findBy({ memberId: leaver.id, template: 'task' });

    clock.set('2026-12-12T09:00:00+08:00'); // 8 days before: not yet
    expect((await api('post', sec(), '/transfers/remind', {})).body).toEqual({ due: 0, queued: 0, incoming: [] });
    expect(await ctx.services.transfers.remindDue()).toEqual({ due: 0, queued: 0, incoming: [] });
    expect(await queuedFor()).toEqual([]);

    clock.set('2026-12-13T09:00:00+08:00'); // 7 days before
    expect((await api('get', sec(), `/transfers/${t.id}`)).body).toMatchObject({ expiresSoon: true, remindedOn: null });
    expect((await api('get', asMember(ctx, leaver), '/transfers/mine')).body).toEqual([
      expect.objectContaining({ id: t.id, expiresSoon: true, validUntil: '2026-12-20' }),
    ]);
    const runs = await Promise.all([
      api('post', sec(), '/transfers/remind', {}).then((r) => r.body.queued as number),
      api('post', township, '/transfers/remind', { orgId: tree.b11.id }).then((r) => r.body.queued as number),
      ctx.services.transfers.remindDue().then((r) => r.queued),
      ctx.services.transfers.remindDue().then((r) => r.queued),
    ]);
    expect(runs.reduce((a, b) => a + b, 0)).toBe(1);
    const rows = await queuedFor();
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ dedupeKey: `transfer:${t.id}:expiry`, status: 'pending' });
    expect(rows[0].payload).toContain('2026-12-20');
    // The issuing branch sees it was sent; later runs send nothing more.
    expect(
      (await api('get', sec(), `/transfers?orgId=${tree.b11.id}&status=issued`)).body.find((x: { id: string }) => x.id === t.id),
    ).toMatchObject({
      expiresSoon: true,
      remindedOn: '2026-12-13',
    });
    clock.set('2026-12-18T09:00:00+08:00');
    expect((await api('post', sec(), '/transfers/remind', {})).body.queued).toBe(0);
    expect(await queuedFor()).toHaveLength(1);
    // Who may run it: managers only; another township's org 404.
    expect((await api('post', asMember(ctx, leaver), '/transfers/remind', {})).status).toBe(403);
    expect((await api('post', otherTownship, '/transfers/remind', { orgId: tree.b11.id })).status).toBe(404);
    const audit = await ctx.ds.query("SELECT COUNT(*) AS n FROM audit_logs WHERE action = 'transfer.remind'");
    expect(Number(audit[0].n)).toBeGreaterThanOrEqual(3);
  });

  it('registers a letter from outside the deployment and, on 接收, puts the member on the branch’s roster', async () => {
    clock.set('2026-12-20T09:00:00+08:00');
    const idCard = makeIdCard({ birth: '19900315', male: false });
    const letter = {
      toOrgId: tree.b11.id,
      kind: 'formal',
      fromOrgName: '浙江省义乌市稠城街道某社区党委',
      letterNo: '浙组转字〔2026〕第0815号',
      issuedOn: '2026-12-01',
      validUntil: '2027-02-28',
      name: '转入党员',
      idCard,
      status: 'full',
      joinedOn: '2015-07-01',
      fullOn: '2016-07-01',
      duesPaidThrough: '2026-12',
    };
    const bad = async (over: object, field: string) => {
      const res = await api('post', sec(), '/incoming-transfers', { ...letter, ...over });
      expect([res.status, res.body.error?.details?.[0]?.field]).toEqual([400, field]);
    };
    await bad({ validUntil: '2027-03-02' }, 'validUntil'); // 12-01 + 3 months = 03-01
    await bad({ validUntil: '2026-11-30' }, 'validUntil');
    await bad({ issuedOn: '2026-12-21' }, 'issuedOn');
    await bad({ idCard: '33010119900315123' }, 'idCard');
    await bad({ status: 'probationary' }, 'fullOn');
    const township400 = await api('post', township, '/incoming-transfers', { ...letter, toOrgId: tree.t1.id });
    expect([township400.status, township400.body.error.details?.[0]?.field]).toEqual([400, 'toOrgId']);
    expect((await api('post', sec(), '/incoming-transfers', { ...letter, toOrgId: tree.t1.id })).status).toBe(404);
    await bad({ duesPaidThrough: '2026-13' }, 'duesPaidThrough');
    // Someone already on the roster moves through /transfers, not as a letter from outside.
    const dup = await api('post', sec(), '/incoming-transfers', { ...letter, idCard: secretary.idCard });
    expect([dup.status, dup.body.error.code, dup.body.error.message]).toEqual([
      409,
      'TRANSFER_MEMBER_EXISTS',
      ERRORS.TRANSFER_MEMBER_EXISTS.message,
    ]);
    expect(dup.body.error.message).toMatch(/[\u4e00-\u9fa5]/);
    // Scope: another township, a plain member.
    expect((await api('post', otherTownship, '/incoming-transfers', letter)).status).toBe(404);
    expect((await api('post', asMember(ctx, newcomerPeer), '/incoming-transfers', letter)).status).toBe(403);
    expect((await api('get', asMember(ctx, newcomerPeer), '/incoming-transfers')).status).toBe(403);

    // One open letter per person, also when registered twice at once.
    const both = await Promise.all([
      api('post', sec(), '/incoming-transfers', letter),
      api('post', township, '/incoming-transfers', letter),
    ]);
    expect(both.map((r) => r.status).sort()).toEqual([201, 409]);
    expect(both.find((r) => r.status === 409)!.body.error.code).toBe('TRANSFER_OPEN');
    const t = both.find((r) => r.status === 201)!.body;
    expect(t).toMatchObject({
      status: 'registered',
      toOrgName: '甲村党支部',
      memberStatus: 'full',
      expired: false,
      allowedMoves: ['receive', 'cancel'],
    });
    expect(t.idCardMasked).not.toBe(idCard);
    expect(JSON.stringify(t)).not.toContain(idCard);
    const stored = await ctx.ds.getRepository(IncomingTransfer).findOneByOrFail({ id: t.id });
    expect(stored.idCardEnc).not.toContain(idCard.slice(6, 14));
    expect((await api('get', otherTownship, `/incoming-transfers/${t.id}`)).status).toBe(404);
    expect(
      (await api('get', township, `/incoming-transfers?orgId=${tree.b11.id}&status=registered`)).body.map((x: { id: string }) => x.id),
    ).toEqual([t.id]);

    // 接收, twice at once: one member on the roster.
    const received = await Promise.all([
      api('post', sec(), `/incoming-transfers/${t.id}/receive`, { on: '2026-12-20' }),
      api('post', township, `/incoming-transfers/${t.id}/receive`, { on: '2026-12-20' }),
    ]);
    expect(received.map((r) => r.status).sort()).toEqual([200, 409]);
    const done = received.find((r) => r.status === 200)!.body;
    expect(done).toMatchObject({ status: 'received', receivedOn: '2026-12-20', allowedMoves: [] });
    const members = await ctx.ds.getRepository(Member).findBy({ name: '转入党员' });
    expect(members).toHaveLength(1);
    expect(members[0]).toMatchObject({
      id: done.memberId,
      orgId: tree.b11.id,
      status: 'full',
      joinedAt: '2015-07-01',
      gender: 'female',
      birthDate: '1990-03-15',
      orgSince: '2026-12-20',
    });
    const card = await api('get', township, `/members/${done.memberId}`);
    expect(card.status).toBe(200);
    expect(card.body.idCard).not.toBe(idCard);
    // Now on the roster: a second letter for the same person is refused.
    const again = await api('post', sec(), '/incoming-transfers', { ...letter, letterNo: '第0816号' });
    expect([again.status, again.body.error.code]).toEqual([409, 'TRANSFER_MEMBER_EXISTS']);
    const audit = await ctx.ds.query("SELECT COUNT(*) AS n FROM audit_logs WHERE action = 'transfer.incoming.receive'");
    expect(Number(audit[0].n)).toBe(1);
  });

  it('a letter past its validity needs the branch’s note to be received; cancel needs a reason', async () => {
    clock.set('2026-12-20T09:00:00+08:00');
    const base = {
      toOrgId: tree.b11.id,
      kind: 'temporary',
      fromOrgName: '某省某县某镇党委',
      letterNo: '证明信 2026-77',
      issuedOn: '2026-11-01',
      validUntil: '2026-12-01',
      name: '过期转入',
      idCard: makeIdCard(),
      status: 'probationary',
      joinedOn: '2026-06-01',
      duesPaidThrough: '2026-11',
    };
    const t = (await api('post', sec(), '/incoming-transfers', base)).body;
    expect(t).toMatchObject({ expired: true, memberStatus: 'probationary' });
    const noNote = await api('post', sec(), `/incoming-transfers/${t.id}/receive`, { on: '2026-12-20' });
    expect([noNote.status, noNote.body.error.details?.[0]?.field]).toEqual([400, 'note']);
    expect((await api('post', sec(), `/incoming-transfers/${t.id}/cancel`, { on: '2026-12-20' })).status).toBe(400);
    const cancelled = await api('post', sec(), `/incoming-transfers/${t.id}/cancel`, { on: '2026-12-20', note: '本人未来报到' });
    expect(cancelled.body).toMatchObject({ status: 'cancelled', allowedMoves: [] });
    const late = await api('post', sec(), `/incoming-transfers/${t.id}/receive`, { on: '2026-12-20', note: '有证明' });
    expect(late.body.error).toMatchObject({ code: 'STATE_CONFLICT', details: { from: 'cancelled', allowed: ['registered'] } });
    // Cancelled, the person may be registered again; past validity, received with the note.
    const t2 = (await api('post', sec(), '/incoming-transfers', base)).body;
    expect(
      (await api('post', sec(), `/incoming-transfers/${t2.id}/receive`, { on: '2026-12-20', note: '镇党委出具超期证明' })).body.status,
    ).toBe('received');
  });

  it('the 整改通知 streak in the new org starts from the day of receipt', async () => {
    const arriver = await buildMember(ctx, tree.b12, { name: '新来党员' });
    const regular = await buildMember(ctx, tree.b22, { name: '本村党员' });
    const held = await meeting(otherTownship, tree.b22.id, '2027-01-10');
    clock.set('2027-01-11T09:00:00+08:00');
    await api('post', otherTownship, `/activities/${held}/close`).expect(200);
    clock.set('2027-01-12T09:00:00+08:00');
    const t = (
      await api('post', township, '/transfers', { memberId: arriver.id, kind: 'formal', toOrgId: tree.b22.id, requestedOn: '2027-01-12' })
    ).body;
    await api('post', township, `/transfers/${t.id}/approve`, { on: '2027-01-12' }).expect(200);
    await api('post', township, `/transfers/${t.id}/issue`, { on: '2027-01-12', duesPaidThrough: '2027-01' }).expect(200);
    await api('post', otherTownship, `/transfers/${t.id}/receive`, { on: '2027-01-12' }).expect(200);
    const next = await meeting(otherTownship, tree.b22.id, '2027-01-20');
    clock.set('2027-01-21T09:00:00+08:00');
    expect(await expectedIds(otherTownship, next)).toEqual([regular.id, arriver.id].sort());
    await api('post', otherTownship, `/activities/${next}/close`).expect(200);
    // Two missed in a row for the member who was there; one for the newcomer (the meeting before they came is not theirs).
    const open = (await api('get', otherTownship, '/rectifications?status=open')).body.items.map(
      (n: { memberName: string }) => n.memberName,
    );
    expect(open).toEqual(['本村党员']);
  });
});
