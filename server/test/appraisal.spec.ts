/**
 * 民主评议党员 and 组织处置: a round from its meeting to 已报上级 (one per branch and year, members
 * excluded with a reason, self reviews, paper tallies, grades with the 1/3 优秀 rule and the
 * probationary warning, 不合格 opening a draft disposal, feedback), who sees grades, and a disposal
 * through every step (the quorum rule, the approver, 限期改正's months and expiry review, no 劝退 or
 * 除名 for a probationary member, rejoinBarUntil + 5 calendar years); 409 from/allowed on every move.
 */
import { Activity } from '../src/modules/activity/activity.entity';
import { Disposal } from '../src/modules/appraisal/appraisal.entity';
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

describe('民主评议党员 and 组织处置', () => {
  const clock = testClock('2026-12-10T09:00:00+08:00');
  let ctx: TestContext;
  let tree: Awaited<ReturnType<typeof buildTree>>;
  let township: string;
  let otherTownship: string;
  let secretary: BuiltMember;
  let members: BuiltMember[];
  let probationary: BuiltMember;
  let away: BuiltMember;
  let meetingId: string;

  const api = (method: 'get' | 'post' | 'put', who: string, path: string, body?: object) => {
    const req = ctx.http[method](`/api/v1${path}`).set('Authorization', who);
    return body ? req.send(body) : req;
  };

  async function meeting(orgId: string, day: string, kind: Activity['kind'] = 'democratic_appraisal'): Promise<string> {
    const at = new Date(`${day}T09:00:00+08:00`);
    const id = newId();
    await ctx.ds.getRepository(Activity).insert({
      id,
      title: `${day} 民主评议党员大会`,
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
      attendanceClosedAt: null,
    });
    return id;
  }

  beforeAll(async () => {
    ctx = await createTestContext({}, { now: clock.now });
    tree = await buildTree(ctx);
    township = asUser(ctx, await buildUser(ctx, 't1admin', 'pw-t1admin-1', [{ role: 'admin', org: tree.t1 }]));
    otherTownship = asUser(ctx, await buildUser(ctx, 't2admin', 'pw-t2admin-1', [{ role: 'admin', org: tree.t2 }]));
    secretary = await buildMember(ctx, tree.b11, { name: '甲村书记' });
    await grantRole(ctx, 'branch_secretary', tree.b11, { memberId: secretary.id });
    members = [];
    for (const n of ['党员甲', '党员乙', '党员丙', '党员丁', '党员戊']) members.push(await buildMember(ctx, tree.g111, { name: n }));
    probationary = await buildMember(ctx, tree.b11, { name: '预备党员', status: 'probationary' });
    away = await buildMember(ctx, tree.b11, { name: '出国党员' });
    await buildMember(ctx, tree.b11, { name: '积极分子', status: 'activist' }); // not a Party member: not in scope
    meetingId = await meeting(tree.b11.id, '2026-12-05');
  });
  afterAll(() => ctx.close());

  describe('a round', () => {
    let roundId: string;
    const sec = () => asMember(ctx, secretary);

    it('opens one round per branch and year on its 民主评议党员 meeting, members excluded with a reason', async () => {
      const other = await meeting(tree.b12.id, '2026-12-05');
      const wrongKind = await meeting(tree.b11.id, '2026-12-06', 'general_meeting');
      const lastYear = await meeting(tree.b11.id, '2025-12-06');
      const body = {
        orgId: tree.b11.id,
        year: 2026,
        meetingActivityId: meetingId,
        exclusions: [{ memberId: away.id, reason: 'abroad', note: '在国外务工' }],
      };
      for (const [over, field] of [
        [{ meetingActivityId: other }, 'meetingActivityId'],
        [{ meetingActivityId: wrongKind }, 'meetingActivityId'],
        [{ meetingActivityId: lastYear }, 'meetingActivityId'],
        [{ exclusions: [{ memberId: away.id, reason: 'busy' }] }, 'exclusions.0.reason'],
        [{ exclusions: [{ memberId: (await buildMember(ctx, tree.b12)).id, reason: 'ill' }] }, 'exclusions'],
      ] as const) {
        const res = await api('post', sec(), '/appraisal-rounds', { ...body, ...over });
        expect([res.status, res.body.error.details?.[0]?.field]).toEqual([400, field]);
      }
      const notBranch = await api('post', township, '/appraisal-rounds', { ...body, orgId: tree.t1.id });
      expect([notBranch.status, notBranch.body.error.details[0].field]).toEqual([400, 'orgId']);
      expect((await api('post', otherTownship, '/appraisal-rounds', body)).status).toBe(404);
      expect((await api('post', asMember(ctx, members[0]), '/appraisal-rounds', body)).status).toBe(404);
      const both = await Promise.all([api('post', sec(), '/appraisal-rounds', body), api('post', township, '/appraisal-rounds', body)]);
      expect(both.map((r) => r.status).sort()).toEqual([201, 409]);
      expect(both.find((r) => r.status === 409)!.body.error.code).toBe('APPRAISAL_ROUND_EXISTS');
      const round = both.find((r) => r.status === 201)!.body;
      roundId = round.id;
      // 甲村书记, 5 members, the probationary member in scope; 出国党员 excluded; the activist not there.
      expect(round).toMatchObject({ status: 'preparing', membersInScope: 7, excellentQuota: 2, allowedMoves: ['open-self-review'] });
      expect(round.appraisals).toHaveLength(8);
      expect(round.appraisals.find((a: { memberId: string }) => a.memberId === away.id)).toMatchObject({
        excludedReason: 'abroad',
        excludedNote: '在国外务工',
      });
    });

    it('moves step by step (409 with from/allowed otherwise); self reviews and tallies only in their step', async () => {
      const wrong = await api('post', sec(), `/appraisal-rounds/${roundId}/open-vote`);
      expect(wrong.status).toBe(409);
      expect(wrong.body.error).toMatchObject({ code: 'STATE_CONFLICT', details: { from: 'preparing', allowed: ['peer_review'] } });
      expect(
        (
          await api('post', asMember(ctx, members[0]), `/appraisal-rounds/${roundId}/self-reviews`, {
            memberId: members[0].id,
            text: '自评',
          })
        ).status,
      ).toBe(409);
      expect((await api('post', sec(), `/appraisal-rounds/${roundId}/open-self-review`)).body.status).toBe('self_review');
      // A member writes their own 自评, not another's; the excluded member has none.
      expect(
        (
          await api('post', asMember(ctx, members[0]), `/appraisal-rounds/${roundId}/self-reviews`, {
            memberId: members[0].id,
            text: '按时参加组织生活',
          })
        ).status,
      ).toBe(200);
      expect(
        (
          await api('post', asMember(ctx, members[0]), `/appraisal-rounds/${roundId}/self-reviews`, {
            memberId: members[1].id,
            text: '代写',
          })
        ).status,
      ).toBe(403);
      expect((await api('post', sec(), `/appraisal-rounds/${roundId}/self-reviews`, { memberId: away.id, text: '代写' })).status).toBe(400);
      expect(
        (await api('post', sec(), `/appraisal-rounds/${roundId}/self-reviews`, { memberId: members[1].id, text: '不识字，由书记代为记录' }))
          .status,
      ).toBe(200);
      expect(
        (
          await api('put', sec(), `/appraisal-rounds/${roundId}/tallies`, {
            tallies: [{ memberId: members[0].id, excellent: 1, qualified: 1, basicallyQualified: 0, unqualified: 0 }],
          })
        ).status,
      ).toBe(409);
      expect((await api('post', sec(), `/appraisal-rounds/${roundId}/open-peer-review`)).body.status).toBe('peer_review');
      expect((await api('post', sec(), `/appraisal-rounds/${roundId}/open-vote`)).body.status).toBe('voting');
      const tally = (memberId: string, e: number, q: number, b: number, u: number) => ({
        memberId,
        excellent: e,
        qualified: q,
        basicallyQualified: b,
        unqualified: u,
      });
      expect(
        (await api('put', sec(), `/appraisal-rounds/${roundId}/tallies`, { tallies: [tally(members[0].id, 5, 2, 1, 0)] })).status,
      ).toBe(400); // 8 > 7 voters
      expect(
        (await api('put', sec(), `/appraisal-rounds/${roundId}/tallies`, { tallies: [tally(members[0].id, -1, 2, 1, 0)] })).status,
      ).toBe(400);
      const t = await api('put', sec(), `/appraisal-rounds/${roundId}/tallies`, {
        tallies: [tally(members[0].id, 5, 2, 0, 0), tally(members[4].id, 0, 1, 1, 5)],
      });
      expect(t.body.appraisals.find((a: { memberId: string }) => a.memberId === members[4].id).tally).toEqual({
        excellent: 0,
        qualified: 1,
        basicallyQualified: 1,
        unqualified: 5,
      });
      expect((await api('post', sec(), `/appraisal-rounds/${roundId}/open-rating`)).body.status).toBe('rating');
    });

    it('grades: 优秀 at most ⌊7 ÷ 3⌋ = 2, 不合格 with a ground, a probationary 优秀 warned; decide needs every grade', async () => {
      const g = (m: BuiltMember, grade: string, over: object = {}) => ({ memberId: m.id, grade, ...over });
      const tooMany = await api('put', sec(), `/appraisal-rounds/${roundId}/grades`, {
        grades: [g(members[0], 'excellent'), g(members[1], 'excellent'), g(members[2], 'excellent')],
      });
      expect(tooMany.status).toBe(400);
      expect(tooMany.body.error).toMatchObject({ code: 'APPRAISAL_EXCELLENT_QUOTA', details: { quota: 2, excellent: 3 } });
      const noGround = await api('put', sec(), `/appraisal-rounds/${roundId}/grades`, { grades: [g(members[4], 'unqualified')] });
      expect([noGround.status, noGround.body.error.details[0].field]).toEqual([400, 'grades[0].grounds']);
      expect((await api('put', sec(), `/appraisal-rounds/${roundId}/grades`, { grades: [g(away, 'qualified')] })).status).toBe(400);
      const ok = await api('put', sec(), `/appraisal-rounds/${roundId}/grades`, {
        grades: [
          g(members[0], 'excellent'),
          g(probationary, 'excellent'),
          g(members[4], 'unqualified', { grounds: ['no_org_life', 'dues_unpaid'], basisNote: '全年未参加组织生活' }),
        ],
      });
      expect(ok.status).toBe(200);
      expect(ok.body.warnings).toEqual(['预备党员是预备党员，一般不评为优秀，请确认']);
      // A third 优秀 after two are set is still over the limit.
      expect(
        (await api('put', sec(), `/appraisal-rounds/${roundId}/grades`, { grades: [g(members[1], 'excellent')] })).body.error.code,
      ).toBe('APPRAISAL_EXCELLENT_QUOTA');
      const early = await api('post', sec(), `/appraisal-rounds/${roundId}/decide`);
      expect([early.status, early.body.error.code]).toEqual([400, 'APPRAISAL_GRADES_INCOMPLETE']);
      await api('put', sec(), `/appraisal-rounds/${roundId}/grades`, {
        grades: [
          g(probationary, 'qualified'),
          g(secretary, 'qualified'),
          g(members[1], 'qualified'),
          g(members[2], 'basically_qualified'),
          g(members[3], 'qualified'),
        ],
      });
      const decided = await api('post', sec(), `/appraisal-rounds/${roundId}/decide`);
      expect(decided.body.status).toBe('feedback');
      const row = decided.body.appraisals.find((a: { memberId: string }) => a.memberId === members[4].id);
      expect(row.disposalId).toBeTruthy();
      const d = await api('get', township, `/disposals/${row.disposalId}`);
      expect(d.body).toMatchObject({
        status: 'draft',
        kind: 'rectify',
        grounds: ['no_org_life', 'dues_unpaid'],
        appraisalRoundId: roundId,
        memberName: '党员戊',
      });
    });

    it('shows grades to the member (their own, once told) and the committee only', async () => {
      const mine = await api('get', asMember(ctx, members[0]), `/appraisal-rounds/${roundId}`);
      expect(mine.status).toBe(200);
      expect(mine.body.appraisals).toHaveLength(1);
      expect(mine.body.appraisals[0]).toMatchObject({ memberId: members[0].id, grade: null, basisNote: null, disposalId: null });
      expect(mine.body.allowedMoves).toEqual([]);
      expect((await api('get', asMember(ctx, members[0]), '/appraisal-rounds')).status).toBe(403);
      expect((await api('get', otherTownship, `/appraisal-rounds/${roundId}`)).status).toBe(404);
      expect((await api('get', asMember(ctx, await buildMember(ctx, tree.b12)), `/appraisal-rounds/${roundId}`)).status).toBe(404);
      expect(
        (await api('post', asMember(ctx, members[0]), `/appraisal-rounds/${roundId}/feedback`, { memberId: members[0].id })).status,
      ).toBe(404);
      expect((await api('get', township, `/appraisal-rounds?orgId=${tree.t1.id}&year=2026`)).body.map((r: { id: string }) => r.id)).toEqual(
        [roundId],
      );
      expect((await api('get', otherTownship, `/appraisal-rounds?orgId=${tree.b11.id}`)).status).toBe(404);
    });

    it('tells each member (feedback) before reporting; the member then sees their grade', async () => {
      const early = await api('post', asMember(ctx, secretary), `/appraisal-rounds/${roundId}/report`);
      expect([early.status, early.body.error.code]).toEqual([400, 'APPRAISAL_FEEDBACK_INCOMPLETE']);
      for (const m of [secretary, probationary, ...members])
        expect((await api('post', asMember(ctx, secretary), `/appraisal-rounds/${roundId}/feedback`, { memberId: m.id })).status).toBe(200);
      expect((await api('post', asMember(ctx, secretary), `/appraisal-rounds/${roundId}/feedback`, { memberId: away.id })).status).toBe(
        400,
      );
      const reported = await api('post', asMember(ctx, secretary), `/appraisal-rounds/${roundId}/report`);
      expect(reported.body).toMatchObject({ status: 'reported', allowedMoves: [] });
      expect(reported.body.reportedAt).toBeTruthy();
      expect((await api('get', asMember(ctx, members[0]), '/appraisal-rounds/mine')).body).toEqual([
        expect.objectContaining({
          roundId,
          year: 2026,
          orgName: '甲村党支部',
          status: 'reported',
          grade: 'excellent',
          excludedReason: null,
        }),
      ]);
      expect((await api('get', asMember(ctx, away), '/appraisal-rounds/mine')).body[0]).toMatchObject({
        excludedReason: 'abroad',
        grade: null,
      });
      const audit = await ctx.ds.query("SELECT COUNT(*) AS n FROM audit_logs WHERE action LIKE 'appraisal%'");
      expect(Number(audit[0].n)).toBeGreaterThan(10);
    });
  });

  describe('a disposal', () => {
    const sec = () => asMember(ctx, secretary);
    const create = async (m: BuiltMember, kind: string) => api('post', sec(), '/disposals', { memberId: m.id, kind, grounds: ['passive'] });
    const run = async (id: string, steps: [string, object][]) => {
      let last;
      for (const [path, body] of steps) {
        last = await api('post', path === 'approve' ? township : sec(), `/disposals/${id}/${path}`, body);
        expect([path, last.status]).toEqual([path, 200]);
      }
      return last!.body;
    };
    const through = (from: string): [string, object][] => {
      const all: [string, object][] = [
        ['propose', { on: '2026-03-02' }],
        ['file', { on: '2026-03-03' }],
        ['investigate', { on: '2026-03-10', text: '经核实，该党员连续 8 个月未参加组织生活' }],
        ['talk', { on: '2026-03-12', text: '由两名正式党员谈话，本人表示愿意改正' }],
        ['pretrial', { on: '2026-03-15', text: '镇党委组织办预审同意' }],
        ['vote', { on: '2026-03-20', shouldAttend: 20, present: 15, agree: 12, against: 2, abstain: 1 }],
      ];
      return all.slice(all.findIndex(([p]) => p === from));
    };

    it('refuses 劝退 and 除名 for a probationary member, bad kinds and grounds; scope', async () => {
      for (const kind of ['persuade', 'remove']) {
        const res = await create(probationary, kind);
        expect([res.status, res.body.error.code]).toEqual([400, 'DISPOSAL_PROBATIONARY']);
      }
      expect((await create(probationary, 'rectify')).status).toBe(201);
      expect((await api('post', sec(), '/disposals', { memberId: members[1].id, kind: 'expel', grounds: ['passive'] })).status).toBe(400);
      expect((await api('post', sec(), '/disposals', { memberId: members[1].id, kind: 'rectify', grounds: [] })).status).toBe(400);
      expect(
        (await api('post', otherTownship, '/disposals', { memberId: members[1].id, kind: 'rectify', grounds: ['passive'] })).status,
      ).toBe(404);
      expect((await api('get', asMember(ctx, members[1]), '/disposals')).status).toBe(403);
    });

    it('takes 限期改正 through every step: dated in order, the quorum rule, the township approves, 6 months by default, the expiry review', async () => {
      clock.set('2026-03-01T09:00:00+08:00');
      const d = (await create(members[1], 'rectify')).body;
      const wrong = await api('post', sec(), `/disposals/${d.id}/vote`, {
        on: '2026-03-02',
        shouldAttend: 20,
        present: 15,
        agree: 12,
        against: 0,
        abstain: 0,
      });
      expect(wrong.status).toBe(409);
      expect(wrong.body.error.details).toEqual({ from: 'draft', allowed: ['pretried'] });
      clock.set('2026-12-10T09:00:00+08:00');
      expect((await api('post', sec(), `/disposals/${d.id}/propose`, { on: '2026-03-02', rectifyMonths: 13 })).status).toBe(400);
      await run(d.id, through('propose').slice(0, 5));
      expect((await api('post', sec(), `/disposals/${d.id}/file`, { on: '2026-03-20' })).status).toBe(409);
      // Dates never go back: the vote before the pre-trial is refused.
      const back = await api('post', sec(), `/disposals/${d.id}/vote`, {
        on: '2026-03-14',
        shouldAttend: 20,
        present: 15,
        agree: 12,
        against: 2,
        abstain: 1,
      });
      expect([back.status, back.body.error.details[0].field]).toEqual([400, 'on']);
      // Present × 2 must exceed those entitled: 10 of 20 is no quorum, and nothing is recorded.
      const quorum = await api('post', sec(), `/disposals/${d.id}/vote`, {
        on: '2026-03-20',
        shouldAttend: 20,
        present: 10,
        agree: 10,
        against: 0,
        abstain: 0,
      });
      expect([quorum.status, quorum.body.error.code]).toEqual([400, 'DISPOSAL_QUORUM']);
      expect(
        (
          await api('post', sec(), `/disposals/${d.id}/vote`, {
            on: '2026-03-20',
            shouldAttend: 20,
            present: 15,
            agree: 10,
            against: 3,
            abstain: 3,
          })
        ).status,
      ).toBe(400); // 16 votes > 15 present
      const voted = await run(d.id, [
        ['vote', { on: '2026-03-20', shouldAttend: 20, present: 11, agree: 11, against: 0, abstain: 0, defenceNote: '本人到会申辩' }],
      ]);
      expect(voted).toMatchObject({ status: 'voted', vote: { shouldAttend: 20, present: 11, agree: 11 }, defenceNote: '本人到会申辩' });
      // The branch cannot approve its own proposal: the township committee does.
      const self = await api('post', sec(), `/disposals/${d.id}/approve`, { on: '2026-03-31' });
      expect([self.status, self.body.error.code]).toEqual([403, 'DISPOSAL_APPROVER']);
      expect((await api('post', otherTownship, `/disposals/${d.id}/approve`, { on: '2026-03-31' })).status).toBe(404);
      const approved = await run(d.id, [['approve', { on: '2026-08-31' }]]);
      expect(approved).toMatchObject({ status: 'approved', approvedOn: '2026-08-31', rectifyUntil: '2027-02-28' }); // 08-31 + 6 months, clamped
      const effective = await run(d.id, [['effect', { on: '2026-09-01' }]]);
      expect(effective).toMatchObject({ status: 'effective', rejoinBarUntil: null, allowedMoves: ['expiry-review'] });
      const early = await api('post', sec(), `/disposals/${d.id}/expiry-review`, { on: '2026-12-01', result: 'unchanged' });
      expect([early.status, early.body.error.details[0].field]).toEqual([400, 'on']);
      clock.set('2027-03-01T09:00:00+08:00');
      const escalated = await run(d.id, [['expiry-review', { on: '2027-03-01', result: 'unchanged', text: '期满仍不参加组织生活' }]]);
      expect(escalated).toMatchObject({ status: 'escalated', expiryReviewResult: 'unchanged' });
      const drafts = (await api('get', township, '/disposals?status=draft')).body.filter(
        (x: { memberId: string }) => x.memberId === members[1].id,
      );
      expect(drafts).toEqual([expect.objectContaining({ kind: 'persuade', grounds: ['no_change_after_rectify'] })]);
      const again = await api('post', sec(), `/disposals/${d.id}/expiry-review`, { on: '2027-03-01', result: 'changed' });
      expect(again.body.error).toMatchObject({ code: 'STATE_CONFLICT', details: { from: 'escalated', allowed: ['effective'] } });
      clock.set('2026-12-10T09:00:00+08:00');
    });

    it('除名: re-joining barred for 5 calendar years from the day it takes effect; a failed vote is rejected; withdraw', async () => {
      const d = (await create(members[2], 'remove')).body;
      await run(d.id, through('propose'));
      await run(d.id, [['approve', { on: '2026-04-01' }]]);
      const effective = await run(d.id, [['effect', { on: '2026-04-02' }]]);
      expect(effective).toMatchObject({ status: 'effective', rejoinBarUntil: '2031-04-02', rectifyUntil: null, allowedMoves: [] });
      const review = await api('post', sec(), `/disposals/${d.id}/expiry-review`, { on: '2026-12-01', result: 'changed' });
      expect([review.status, review.body.error.code]).toEqual([400, 'DISPOSAL_NOT_RECTIFY']);
      // Not enough votes for: the proposal falls (rejected), nothing approved.
      const f = (await create(members[3], 'persuade')).body;
      await run(f.id, through('propose').slice(0, 5));
      const failed = await run(f.id, [['vote', { on: '2026-03-20', shouldAttend: 20, present: 15, agree: 10, against: 5, abstain: 0 }]]);
      expect(failed.status).toBe('rejected');
      expect((await api('post', township, `/disposals/${f.id}/approve`, { on: '2026-04-01' })).status).toBe(409);
      const w = (await create(members[3], 'rectify')).body;
      expect((await run(w.id, [['withdraw', { on: '2026-05-01', text: '经教育已转变' }]])).status).toBe('withdrawn');
      expect(await ctx.ds.getRepository(Disposal).count()).toBeGreaterThanOrEqual(6);
    });
  });
});
