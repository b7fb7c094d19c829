/**
 * 组织处置 backed by the records, and the early warnings (OVERSIGHT.md §4):
 *  - 除名 on the ground 连续6个月… is proposed only when the 6 calendar months before the proposal
 *    show no org life attended or excused (meetings that expected the member, closed) or every
 *    month's dues owed and unpaid; otherwise 400 DISPOSAL_SIX_MONTHS_UNSHOWN with the months; other
 *    grounds are not checked;
 *  - 劝退/除名 taking effect ends the membership: roster status `disqualified`, no longer expected
 *    at meetings, out of the next appraisal round and the warnings; the record stays;
 *  - GET /member-warnings: 3 and 6 months without org life, dues unpaid 3 / 6 months, mobile
 *    members 失联, each with why and the months; members of the caller's scope only.
 */
import { Activity } from '../src/modules/activity/activity.entity';
import { CheckIn, LeaveRequest } from '../src/modules/checkin/checkin.entity';
import { newId } from '../src/core/ids';
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

describe('组织处置 from the records, and 建议关注', () => {
  const clock = testClock('2026-12-10T09:00:00+08:00');
  let ctx: TestContext;
  let tree: Awaited<ReturnType<typeof buildTree>>;
  let township: string;
  let otherTownship: string;
  let secretary: BuiltMember;
  /** Absent without leave from every meeting June–November. */
  let absent6: BuiltMember;
  /** Attended in July, absent September–November. */
  let absent3: BuiltMember;
  /** Absent, but on approved leave in October. */
  let excused: BuiltMember;
  /** Attends; dues paid only through May. */
  let unpaid6: BuiltMember;
  /** Attends; dues paid only through August. */
  let unpaid3: BuiltMember;
  /** Mobile, out of contact. */
  let lost: BuiltMember;
  let meetings: string[];

  const api = (method: 'get' | 'post' | 'put' | 'patch', who: string, path: string, body?: object) => {
    const req = ctx.http[method](`/api/v1${path}`).set('Authorization', who);
    return body ? req.send(body) : req;
  };
  const sec = () => asMember(ctx, secretary);

  async function meeting(orgId: string, day: string, closed = true, kind: Activity['kind'] = 'group_meeting'): Promise<string> {
    const at = new Date(`${day}T09:00:00+08:00`);
    const id = newId();
    await ctx.ds.getRepository(Activity).insert({
      id,
      title: `${day} 党小组会`,
      kind,
      orgId,
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
      attendanceClosedAt: closed ? new Date(at.getTime() + 86400_000) : null,
    });
    return id;
  }
  const attend = (activityId: string, m: BuiltMember) =>
    ctx.ds.getRepository(CheckIn).insert({
      id: newId(),
      activityId,
      memberId: m.id,
      method: 'qr',
      checkedInAt: new Date(),
      distanceM: null,
      ipTag: null,
      slot: null,
      flagged: false,
      recordedBy: null,
    });

  async function dues(m: BuiltMember, paidThrough: number) {
    expect((await api('put', sec(), '/dues-bases', { memberId: m.id, year: 2026, category: 'student' })).status).toBe(200);
    const months = Array.from({ length: paidThrough }, (_, i) => `2026-${String(i + 1).padStart(2, '0')}`);
    const res = await api('post', sec(), '/dues-payments', {
      memberId: m.id,
      months,
      amountCents: 20 * months.length,
      method: 'cash',
      note: '集中补交',
      paidOn: `2026-${String(paidThrough).padStart(2, '0')}-20`,
    });
    expect(res.status).toBe(201);
  }

  beforeAll(async () => {
    ctx = await createTestContext({}, { now: clock.now });
    tree = await buildTree(ctx);
    township = asUser(ctx, await buildUser(ctx, 't1admin', 'pw-t1admin-1', [{ role: 'admin', org: tree.t1 }]));
    otherTownship = asUser(ctx, await buildUser(ctx, 't2admin', 'pw-t2admin-1', [{ role: 'admin', org: tree.t2 }]));
    secretary = await buildMember(ctx, tree.b11, { name: '甲村书记' });
    await grantRole(ctx, 'branch_secretary', tree.b11, { memberId: secretary.id });
    absent6 = await buildMember(ctx, tree.g111, { name: '长期缺席' });
    absent3 = await buildMember(ctx, tree.g111, { name: '近期缺席' });
    excused = await buildMember(ctx, tree.g111, { name: '请假党员' });
    unpaid6 = await buildMember(ctx, tree.g111, { name: '半年欠费' });
    unpaid3 = await buildMember(ctx, tree.g111, { name: '三月欠费' });
    lost = await buildMember(ctx, tree.b11, { name: '外出党员' });
    await buildMember(ctx, tree.b12, { name: '乙村党员' });
    // One meeting a month, May–November (May is before the 6-month window), all closed.
    meetings = [];
    for (const day of ['2026-05-08', '2026-06-08', '2026-07-08', '2026-08-08', '2026-09-08', '2026-10-08', '2026-11-08'])
      meetings.push(await meeting(tree.b11.id, day));
    // December's meeting is not closed yet and the current month is never counted.
    await meeting(tree.b11.id, '2026-12-02', false);
    for (const [i, id] of meetings.entries()) {
      for (const m of [secretary, unpaid6, unpaid3, lost]) await attend(id, m);
      if (i === 0) await attend(id, absent6); // May only: outside the window
      if (i <= 2) await attend(id, absent3); // May–July
      if (i === 5)
        await ctx.ds.getRepository(LeaveRequest).insert({
          id: newId(),
          activityId: id,
          memberId: excused.id,
          reason: '住院',
          status: 'approved',
          createdAt: new Date(),
          decidedAt: new Date(),
          decidedBy: null,
        });
    }
    await dues(unpaid6, 5);
    await dues(unpaid3, 8);
    await dues(secretary, 11);
    // 外出党员 registered in April and never contacted since: 失联 after the township's days.
    clock.set('2026-04-01T09:00:00+08:00');
    const mob = await api('put', sec(), `/mobile-members/${lost.id}`, {
      destination: '广东省深圳市',
      leftAt: '2026-03-20',
      contactCadreId: secretary.id,
      intervalDays: 30,
    });
    expect(mob.status).toBe(200);
    clock.set('2026-12-10T09:00:00+08:00');
  });
  afterAll(() => ctx.close());

  describe('GET /member-warnings', () => {
    it('lists members the records suggest attention for, each with why and the months; no score', async () => {
      const res = await api('get', sec(), `/member-warnings?orgId=${tree.b11.id}`);
      expect(res.status).toBe(200);
      expect(res.body.months).toEqual(['2026-06', '2026-07', '2026-08', '2026-09', '2026-10', '2026-11']);
      expect(res.body.note).toContain('建议关注');
      expect(res.body.note).toContain('不是评分或排名');
      const by = new Map(
        res.body.rows.map((r: { memberId: string; reasons: { kind: string; months: string[] }[] }) => [r.memberId, r.reasons]),
      );
      const reasons = (m: BuiltMember) =>
        (by.get(m.id) as { kind: string; months: string[] }[] | undefined)?.map((r) => [r.kind, r.months]);
      expect(reasons(absent6)).toEqual([['no_org_life_6', ['2026-06', '2026-07', '2026-08', '2026-09', '2026-10', '2026-11']]]);
      expect(reasons(absent3)).toEqual([['no_org_life_3', ['2026-09', '2026-10', '2026-11']]]);
      expect(reasons(unpaid6)).toEqual([['dues_unpaid_6', ['2026-06', '2026-07', '2026-08', '2026-09', '2026-10', '2026-11']]]);
      expect(reasons(unpaid3)).toEqual([['dues_unpaid_3', ['2026-09', '2026-10', '2026-11']]]);
      expect(reasons(lost)).toEqual([['lost_contact', []]]);
      // Approved leave is a good reason; the secretary attends and pays; no dues base → no dues warning.
      expect(reasons(excused)).toBeUndefined();
      expect(reasons(secretary)).toBeUndefined();
      for (const r of res.body.rows) for (const x of r.reasons) expect(x.text.length).toBeGreaterThan(4);
      expect(Object.keys(res.body.rows[0]).sort()).toEqual(['memberId', 'memberName', 'memberStatus', 'orgId', 'orgName', 'reasons']);
    });

    it('the township sees its branches; another township and a member cannot', async () => {
      expect((await api('get', township, `/member-warnings?orgId=${tree.t1.id}`)).body.rows.length).toBe(5);
      expect((await api('get', otherTownship, `/member-warnings?orgId=${tree.b11.id}`)).status).toBe(404);
      expect((await api('get', asMember(ctx, absent3), '/member-warnings')).status).toBe(403);
      expect((await api('get', sec(), `/member-warnings?orgId=${tree.b12.id}`)).status).toBe(404);
    });
  });

  describe('除名 for 连续6个月…', () => {
    const steps = async (id: string, on: string) => {
      for (const [path, body, who] of [
        ['file', { on }, sec()],
        ['investigate', { on, text: '经核实，考勤和党费记录属实' }, sec()],
        ['talk', { on, text: '两名正式党员谈话' }, sec()],
        ['pretrial', { on, text: '镇党委预审同意' }, sec()],
        ['vote', { on, shouldAttend: 7, present: 6, agree: 6, against: 0, abstain: 0 }, sec()],
        ['approve', { on }, township],
      ] as const)
        expect([path, (await api('post', who, `/disposals/${id}/${path}`, body)).status]).toEqual([path, 200]);
    };
    const create = async (m: BuiltMember, kind: string, grounds: string[]) =>
      (await api('post', sec(), '/disposals', { memberId: m.id, kind, grounds })).body.id as string;

    it('is refused (400, naming the rule) when the records of the 6 months before do not show it', async () => {
      const id = await create(absent3, 'remove', ['six_months_absent']);
      const res = await api('post', sec(), `/disposals/${id}/propose`, { on: '2026-12-10' });
      expect([res.status, res.body.error.code]).toEqual([400, 'DISPOSAL_SIX_MONTHS_UNSHOWN']);
      expect(res.body.error.message).toContain('连续6个月');
      expect(res.body.error.details).toMatchObject({
        months: ['2026-06', '2026-07', '2026-08', '2026-09', '2026-10', '2026-11'],
        expectedMeetings: 6,
        attendedOrExcused: 2,
        absentMonths: ['2026-08', '2026-09', '2026-10', '2026-11'],
      });
      // Approved leave breaks the run; so does having no dues base (nothing recorded).
      const ex = await create(excused, 'remove', ['six_months_absent']);
      expect((await api('post', sec(), `/disposals/${ex}/propose`, { on: '2026-12-10' })).body.error.code).toBe(
        'DISPOSAL_SIX_MONTHS_UNSHOWN',
      );
      // 3 months of unpaid dues are not 6.
      const u3 = await create(unpaid3, 'remove', ['six_months_absent']);
      expect((await api('post', sec(), `/disposals/${u3}/propose`, { on: '2026-12-10' })).body.error.code).toBe(
        'DISPOSAL_SIX_MONTHS_UNSHOWN',
      );
      expect((await api('get', sec(), `/disposals/${id}`)).body.status).toBe('draft');
      // Other grounds are not checked against the records.
      const other = await create(absent3, 'remove', ['lost_conditions']);
      expect((await api('post', sec(), `/disposals/${other}/propose`, { on: '2026-12-10' })).status).toBe(200);
    });

    it('is proposed when attendance shows it, or when dues show it', async () => {
      const a = await create(absent6, 'remove', ['six_months_absent']);
      expect((await api('post', sec(), `/disposals/${a}/propose`, { on: '2026-12-10' })).status).toBe(200);
      const d = await create(unpaid6, 'remove', ['six_months_absent', 'dues_unpaid']);
      expect((await api('post', sec(), `/disposals/${d}/propose`, { on: '2026-12-10' })).status).toBe(200);
      // The window is the 6 months before the proposal: proposed on 1 August (February–July), the May meeting attended.
      const early = await create(absent6, 'remove', ['six_months_absent']);
      expect((await api('post', sec(), `/disposals/${early}/propose`, { on: '2026-08-01' })).body.error.code).toBe(
        'DISPOSAL_SIX_MONTHS_UNSHOWN',
      );
    });

    it('taking effect ends the membership: roster status, meetings, the next round and the warnings; the record stays', async () => {
      const id = (await api('get', sec(), `/disposals?orgId=${tree.b11.id}&status=proposed`)).body.find(
        (d: { memberId: string; kind: string }) => d.memberId === absent6.id && d.kind === 'remove',
      ).id;
      await steps(id, '2026-12-10');
      const effective = await api('post', sec(), `/disposals/${id}/effect`, { on: '2026-12-10' });
      expect(effective.status).toBe(200);
      expect(effective.body).toMatchObject({ status: 'effective', rejoinBarUntil: '2031-12-10', memberStatus: 'disqualified' });
      // Still on the roster (history), with the ended status; the form cannot undo it.
      const member = await api('get', sec(), `/members/${absent6.id}`);
      expect([member.status, member.body.status]).toEqual([200, 'disqualified']);
      const undo = await api('patch', sec(), `/members/${absent6.id}`, { status: 'full' });
      expect([undo.status, undo.body.error.details[0].field]).toEqual([400, 'status']);
      // No meeting expects them any more (the one standing rule), not even as a guest.
      const next = await meeting(tree.b11.id, '2026-12-09', false);
      const sheet = (await api('get', sec(), `/activities/${next}/attendance`)).body;
      const everyone = [...sheet.present, ...sheet.excused, ...sheet.absent, ...sheet.observers, ...sheet.guests, ...sheet.away].map(
        (r: { memberId: string }) => r.memberId,
      );
      expect(everyone).toContain(absent3.id);
      expect(everyone).not.toContain(absent6.id);
      // Out of the warnings and of next year's round; the disposal and the audit stay.
      expect(
        (await api('get', sec(), `/member-warnings?orgId=${tree.b11.id}`)).body.rows.map((r: { memberId: string }) => r.memberId),
      ).not.toContain(absent6.id);
      clock.set('2027-01-10T09:00:00+08:00');
      const m27 = await meeting(tree.b11.id, '2027-01-09', false, 'democratic_appraisal');
      const round = await api('post', sec(), '/appraisal-rounds', { orgId: tree.b11.id, year: 2027, meetingActivityId: m27 });
      expect(round.status).toBe(201);
      expect(round.body.appraisals.map((a: { memberId: string }) => a.memberId)).not.toContain(absent6.id);
      clock.set('2026-12-10T09:00:00+08:00');
      expect((await api('get', sec(), `/disposals/${id}`)).body.status).toBe('effective');
      const audit = await ctx.ds.query("SELECT COUNT(*) AS n FROM audit_logs WHERE action = 'member.membership_ended'");
      expect(Number(audit[0].n)).toBe(1);
    });

    it('限期改正 taking effect leaves the membership as it is', async () => {
      const id = await create(absent3, 'rectify', ['no_org_life']);
      expect((await api('post', sec(), `/disposals/${id}/propose`, { on: '2026-12-10' })).status).toBe(200);
      await steps(id, '2026-12-10');
      expect((await api('post', sec(), `/disposals/${id}/effect`, { on: '2026-12-10' })).body.memberStatus).toBe('full');
    });
  });
});
