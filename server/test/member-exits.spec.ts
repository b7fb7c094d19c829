/**
 * Members who left an org but stay on the roster as the record (issue #17): 已出党 (劝退/除名,
 * `status = 'disqualified'`), 已转出 (`transferState = 'transferred_out'`) and 在途 (`in_transit`
 * from `transferSince`, the day the letter was issued) leave every count and list of the org —
 * one rule (`memberExit` / `partyMemberSql`):
 *  - the dues ledger (the old org shows a transferred member up to the month of issue, in the
 *    years up to it; 已出党 members not at all);
 *  - a new 民主评议 round's members in scope; 建议关注;
 *  - the overview's member count and study figures, read as of the year's end (a letter issued
 *    after that year still counts them in it);
 *  - mobility lists; a study plan's / required materials' completion lists; new hardships and care visits;
 *  - the roster still lists them, tagged (`exit`).
 */
import { Activity } from '../src/modules/activity/activity.entity';
import { newId } from '../src/core/ids';
import { Disposal } from '../src/modules/appraisal/appraisal.entity';
import { Member } from '../src/modules/member/member.entity';
import { MemberMobility } from '../src/modules/mobility/mobility.entity';
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

describe('exited members leave the counts (已出党, 已转出, 在途)', () => {
  const clock = testClock('2026-12-01T09:00:00+08:00');
  let ctx: TestContext;
  let tree: Awaited<ReturnType<typeof buildTree>>;
  let township: string;
  let secretary: BuiltMember;
  let stay: BuiltMember;
  let gone: BuiltMember;
  let out: BuiltMember;
  let transit: BuiltMember;
  let oldOut: BuiltMember;

  const api = (method: 'get' | 'post' | 'put', who: string, path: string, body?: object) => {
    const req = ctx.http[method](`/api/v1${path}`).set('Authorization', who);
    return body ? req.send(body) : req;
  };
  const names = (rows: { memberName?: string; name?: string }[]) => rows.map((r) => r.memberName ?? r.name).sort();

  beforeAll(async () => {
    ctx = await createTestContext({}, { now: clock.now });
    tree = await buildTree(ctx);
    township = asUser(ctx, await buildUser(ctx, 't1admin', 'pw-t1admin-1', [{ role: 'admin', org: tree.t1 }]));
    secretary = await buildMember(ctx, tree.b11, { name: '甲村书记' });
    await grantRole(ctx, 'branch_secretary', tree.b11, { memberId: secretary.id });
    stay = await buildMember(ctx, tree.b11, { name: '留村党员' });
    gone = await buildMember(ctx, tree.b11, { name: '除名党员', status: 'disqualified' });
    out = await buildMember(ctx, tree.g111, { name: '转出党员' });
    transit = await buildMember(ctx, tree.b11, { name: '在途党员' });
    oldOut = await buildMember(ctx, tree.b11, { name: '去年转出' });
    await buildMember(ctx, tree.b11, { name: '申请人', status: 'applicant' });
    const members = ctx.ds.getRepository(Member);
    await members.update({ id: out.id }, { transferState: 'transferred_out', transferSince: '2026-03-10' });
    await members.update({ id: transit.id }, { transferState: 'in_transit', transferSince: '2026-11-20' });
    await members.update({ id: oldOut.id }, { transferState: 'transferred_out', transferSince: '2025-05-01' });
  });
  afterAll(() => ctx.close());

  test('the roster lists them, tagged 已出党 / 已转出 / 在途', async () => {
    const res = await api('get', township, `/members?orgId=${tree.b11.id}&pageSize=100`).expect(200);
    const exitOf = new Map((res.body.items as { name: string; exit: string | null }[]).map((m) => [m.name, m.exit]));
    expect(Object.fromEntries(exitOf)).toEqual({
      甲村书记: null,
      留村党员: null,
      除名党员: 'disqualified',
      转出党员: 'transferred_out',
      在途党员: 'in_transit',
      去年转出: 'transferred_out',
      申请人: null,
    });
  });

  test('dues: the old org shows a transferred member up to the month of issue; 已出党 members not at all', async () => {
    const y2026 = (await api('get', township, `/dues?orgId=${tree.b11.id}&year=2026`).expect(200)).body as {
      memberName: string;
      unpaidMonths: string[];
    }[];
    expect(names(y2026)).toEqual(['在途党员', '甲村书记', '留村党员', '转出党员'].sort());
    const of = (rows: typeof y2026, name: string) => rows.find((r) => r.memberName === name)!.unpaidMonths;
    expect(of(y2026, '转出党员')).toEqual(['2026-01', '2026-02', '2026-03']);
    expect(of(y2026, '在途党员')).toHaveLength(11);
    expect(of(y2026, '留村党员')).toHaveLength(12);
    const y2025 = (await api('get', township, `/dues?orgId=${tree.b11.id}&year=2025`).expect(200)).body as typeof y2026;
    expect(names(y2025)).toEqual(['去年转出', '在途党员', '甲村书记', '留村党员', '转出党员'].sort());
    expect(of(y2025, '去年转出')).toEqual(['2025-01', '2025-02', '2025-03', '2025-04', '2025-05']);
  });

  test('the overview counts Party members as of the year end: none of them this year, those who left later in the past year', async () => {
    const now = (await api('get', township, `/reports/overview?orgId=${tree.t1.id}&year=2026`).expect(200)).body;
    expect(now.total.members).toBe(2);
    const last = (await api('get', township, `/reports/overview?orgId=${tree.t1.id}&year=2025`).expect(200)).body;
    // 转出 2026-03 and 在途 since 2026-11 were still members at the end of 2025; 去年转出 was not, nor
    // 除名 (no disposal that took effect gives the day: counted in no year).
    expect(last.total.members).toBe(4);
    // 除名 took effect on 2026-03-01 (the disposal's day): a member at the end of 2025, not of 2026.
    const at = new Date('2026-03-01T09:00:00+08:00');
    await ctx.ds.getRepository(Disposal).insert({
      id: newId(),
      memberId: gone.id,
      orgId: tree.b11.id,
      kind: 'remove',
      grounds: 'six_months_absent',
      status: 'effective',
      approvedOn: '2026-02-20',
      effectiveOn: '2026-03-01',
      createdBy: 'test',
      createdAt: at,
      updatedAt: at,
    });
    expect((await api('get', township, `/reports/overview?orgId=${tree.t1.id}&year=2025`).expect(200)).body.total.members).toBe(5);
    expect((await api('get', township, `/reports/overview?orgId=${tree.t1.id}&year=2026`).expect(200)).body.total.members).toBe(2);
  });

  test('a new 民主评议 round takes in only the Party members still in the branch', async () => {
    const at = new Date('2026-11-25T09:00:00+08:00');
    const activityId = newId();
    await ctx.ds.getRepository(Activity).insert({
      id: activityId,
      title: '民主评议党员大会',
      kind: 'democratic_appraisal',
      orgId: tree.b11.id,
      startsAt: at,
      endsAt: new Date(at.getTime() + 3600_000),
      locationName: '村党员活动室',
      lat: null,
      lng: null,
      radiusM: null,
      checkinModes: 'qr',
      studyMode: null,
      description: null,
      lecturer: null,
      topic: null,
      allowRemote: false,
      audience: 'org',
      status: 'published',
      createdBy: null,
      createdAt: at,
      publishedAt: at,
      cancelledAt: null,
      attendanceClosedAt: null,
    });
    const res = await api('post', asMember(ctx, secretary), '/appraisal-rounds', {
      orgId: tree.b11.id,
      year: 2026,
      meetingActivityId: activityId,
    }).expect(201);
    expect(res.body.membersInScope).toBe(2);
    expect(names(res.body.appraisals)).toEqual(['甲村书记', '留村党员'].sort());
    await api('post', asMember(ctx, secretary), '/appraisal-rounds', {
      orgId: tree.b11.id,
      year: 2025,
      meetingActivityId: activityId,
      exclusions: [{ memberId: transit.id, reason: 'other' }],
    }).expect(400);
  });

  test('mobility lists leave them out', async () => {
    const repo = ctx.ds.getRepository(MemberMobility);
    for (const m of [stay, transit, gone])
      await repo.insert({
        memberId: m.id,
        destination: '广东东莞',
        employer: null,
        leftAt: '2026-06-01',
        status: 'away',
        contactCadreId: secretary.id,
        intervalDays: 30,
        expectedReturnAt: null,
        lastContactAt: null,
        lastSelfReportAt: null,
        registeredAt: new Date('2026-06-01T09:00:00+08:00'),
        updatedAt: new Date(),
      });
    const res = await api('get', township, `/mobile-members?orgId=${tree.b11.id}&pageSize=100`).expect(200);
    expect((res.body.items as { member: { id: string } }[]).map((r) => r.member.id)).toEqual([stay.id]);
  });

  test('required-material completion lists only those still in the branch (applicants stay)', async () => {
    const res = await api('get', township, `/study/completion?orgId=${tree.b11.id}`).expect(200);
    expect(names(res.body.members)).toEqual(['甲村书记', '留村党员', '申请人'].sort());
  });

  test('no new hardship or care visit for them', async () => {
    const bad = await api('post', township, '/hardships', {
      memberId: gone.id,
      reasons: ['serious_illness'],
      assessedOn: '2026-11-30',
    }).expect(400);
    expect(bad.body.error.details[0]).toMatchObject({ field: 'memberId', message: expect.stringContaining('已出党') });
    await api('post', township, '/hardships', { memberId: transit.id, reasons: ['serious_illness'], assessedOn: '2026-11-30' }).expect(400);
    await api('post', township, '/care-visits', {
      orgId: tree.b11.id,
      memberIds: [out.id],
      on: '2026-11-30',
      occasion: 'other',
      visitors: '镇党委',
      form: 'goods',
      fundSource: 'unit',
    }).expect(400);
    await api('post', township, '/care-visits', {
      orgId: tree.b11.id,
      memberIds: [stay.id],
      on: '2026-11-30',
      occasion: 'other',
      visitors: '镇党委',
      form: 'goods',
      fundSource: 'unit',
    }).expect(201);
  });
});
