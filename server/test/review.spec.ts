/**
 * 述职评议 and 百分制考核 through the real app on both databases: every session move and its 409,
 * the organiser's scope, duty reports pre-filled from the yearly report, ballots (a used token,
 * before open / after close, a grade off the scale, 40 cast at once all counted, one token tried
 * twice at once → one ballot), results hidden until close with the share warning, the paper tally
 * with its witness, the committee's grades, 点评 → problems, anonymity read off the schema and the
 * rows; templates (sum ≤ 100), deductions needing a reason, and items pre-filled from records.
 */
import { Activity } from '../src/modules/activity/activity.entity';
import { Problem } from '../src/modules/problem/problem.entity';
import { Ballot, BallotGrade, BallotToken, DutyReport, ReviewSession, SecretaryAssessment } from '../src/modules/review/review.entity';
import { newId } from '../src/core/ids';
import { figuresJson } from '../src/modules/review/review.service';
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
import type { ReviewResultsView, ReviewSessionView, SecretaryAssessmentView } from '@djzy/shared';

jest.setTimeout(120_000);

describe('述职评议 and 百分制考核', () => {
  const clock = testClock('2026-12-20T10:00:00+08:00');
  let ctx: TestContext;
  let tree: Awaited<ReturnType<typeof buildTree>>;
  let township: string;
  let otherTownship: string;
  let sec1: BuiltMember;
  let sec2: BuiltMember;
  let outsider: BuiltMember;
  let secToken: string;
  let meeting: Activity;

  const at = (s: string) => new Date(s.length === 10 ? `${s}T09:00:00+08:00` : s);
  const post = (who: string | null, path: string, body: object = {}) => {
    const r = ctx.http.post(`/api/v1${path}`);
    return who ? r.set('Authorization', who).send(body) : r.send(body);
  };
  const put = (who: string, path: string, body: object) => ctx.http.put(`/api/v1${path}`).set('Authorization', who).send(body);
  const get = (who: string | null, path: string) =>
    who ? ctx.http.get(`/api/v1${path}`).set('Authorization', who) : ctx.http.get(`/api/v1${path}`);

  async function activity(orgId: string, kind: Activity['kind'], startsAt: string): Promise<Activity> {
    const a = {
      id: newId(),
      title: kind === 'review_meeting' ? '2026年度村党组织书记述职评议会' : `${kind}-${startsAt}`,
      kind,
      orgId,
      startsAt: at(startsAt),
      endsAt: new Date(at(startsAt).getTime() + 3600_000),
      locationName: '会议室',
      lat: null,
      lng: null,
      radiusM: null,
      checkinModes: 'qr',
      studyMode: null,
      description: null,
      lecturer: null,
      topic: null,
      allowRemote: false,
      audience: 'org' as const,
      status: 'published' as const,
      createdBy: null,
      createdAt: at('2026-01-01'),
      publishedAt: at('2026-01-01'),
      cancelledAt: null,
      attendanceClosedAt: null,
    };
    await ctx.ds.getRepository(Activity).insert(a);
    return a as Activity;
  }

  beforeAll(async () => {
    ctx = await createTestContext({ BALLOTS_PER_HOUR: '1000' }, { now: clock.now });
    tree = await buildTree(ctx);
    township = asUser(ctx, await buildUser(ctx, 'r1admin', 'pw-r1admin-1', [{ role: 'admin', org: tree.t1 }]));
    otherTownship = asUser(ctx, await buildUser(ctx, 'r2admin', 'pw-r2admin-1', [{ role: 'admin', org: tree.t2 }]));
    sec1 = await buildMember(ctx, tree.b11, { name: '甲村书记' });
    sec2 = await buildMember(ctx, tree.b12, { name: '乙村书记' });
    outsider = await buildMember(ctx, tree.b21, { name: '外镇党员' });
    await grantRole(ctx, 'branch_secretary', tree.b11, { memberId: sec1.id });
    await grantRole(ctx, 'branch_secretary', tree.b12, { memberId: sec2.id });
    secToken = asMember(ctx, sec1);
    meeting = await activity(tree.t1.id, 'review_meeting', '2026-12-28');
  });
  afterAll(() => ctx.close());

  const newSession = async (over: object = {}) => {
    const res = await post(township, '/review-sessions', {
      activityId: meeting.id,
      reporterMemberIds: [sec1.id, sec2.id],
      attendeeCount: 60,
      ...over,
    });
    expect(res.status).toBe(201);
    return res.body as ReviewSessionView;
  };
  const ballot = (token: string, grades: { reporterMemberId: string; grade: string }[]) => post(null, '/ballots', { token, grades });
  const both = (g1: string, g2: string) => [
    { reporterMemberId: sec1.id, grade: g1 },
    { reporterMemberId: sec2.id, grade: g2 },
  ];

  describe('sessions', () => {
    let s: ReviewSessionView;
    let tokens: string[];

    it('is created on a 述职测评会 of the township, by its admins only', async () => {
      const other = await activity(tree.t1.id, 'committee_meeting', '2026-12-10');
      const wrongKind = await post(township, '/review-sessions', { activityId: other.id, reporterMemberIds: [sec1.id] });
      expect(wrongKind.status).toBe(400);
      expect(JSON.stringify(wrongKind.body)).toContain('述职测评会');
      const foreign = await post(township, '/review-sessions', { activityId: meeting.id, reporterMemberIds: [outsider.id] });
      expect(foreign.status).toBe(400);
      expect((await post(otherTownship, '/review-sessions', { activityId: meeting.id, reporterMemberIds: [sec1.id] })).status).toBe(400);
      expect(
        (await post(township, '/review-sessions', { activityId: meeting.id, reporterMemberIds: [sec1.id], grades: ['good', 'splendid'] }))
          .status,
      ).toBe(400);
      expect(await ctx.ds.getRepository(ReviewSession).count()).toBe(0);

      const candidates = await get(township, `/review-sessions/candidates?activityId=${meeting.id}`);
      expect(candidates.body.map((c: { name: string }) => c.name).sort()).toEqual(['乙村书记', '甲村书记']);
      expect((await get(secToken, `/review-sessions/candidates?activityId=${meeting.id}`)).status).toBe(400);
      s = await newSession();
      expect(s).toMatchObject({ status: 'planned', year: 2026, gradeScale: ['good', 'fairly_good', 'average', 'poor'], attendeeCount: 60 });
      expect(s.reporters.map((r) => r.name)).toEqual(['甲村书记', '乙村书记']);
      expect(s.reporters[0].orgName).toBe('甲村党支部');
    });

    it('is hidden from another township (404) and refused to a branch secretary (403)', async () => {
      expect((await get(otherTownship, `/review-sessions/${s.id}`)).status).toBe(404);
      const branch = await get(secToken, `/review-sessions/${s.id}`);
      expect(branch.status).toBe(403);
      expect(branch.body.error.code).toBe('REVIEW_TOWNSHIP_ONLY');
      expect((await post(otherTownship, `/review-sessions/${s.id}/open`)).status).toBe(404);
    });

    it('refuses a move from the wrong state with 409 and from/allowed', async () => {
      const res = await post(township, `/review-sessions/${s.id}/open`);
      expect(res.status).toBe(409);
      expect(res.body.error).toMatchObject({ code: 'STATE_CONFLICT', details: { from: 'planned', allowed: ['reports_due'] } });
      for (const move of ['close', 'rate', 'publish']) {
        const r = await post(
          township,
          `/review-sessions/${s.id}/${move}`,
          move === 'rate' ? { decisionNote: '党委会', grades: [{ reporterMemberId: sec1.id, finalGrade: 'good' }] } : {},
        );
        expect(r.status).toBe(409);
        expect(r.body.error.details.from).toBe('planned');
      }
    });

    it('issues tokens kept only as hashes; a ballot before voting opens is 409', async () => {
      const res = await post(township, `/review-sessions/${s.id}/tokens`, { count: 50 });
      expect(res.status).toBe(201);
      tokens = res.body.tokens;
      expect(tokens).toHaveLength(50);
      expect(new Set(tokens).size).toBe(50);
      const rows = await ctx.ds.getRepository(BallotToken).findBy({ sessionId: s.id });
      expect(rows).toHaveLength(50);
      for (const r of rows) expect(tokens).not.toContain(r.tokenHash);
      expect((await post(township, `/review-sessions/${s.id}/tokens`, { count: 501 })).status).toBe(400);
      expect((await post(township, `/review-sessions/${s.id}/tokens`, { count: 0 })).status).toBe(400);

      const early = await ballot(tokens[0], both('good', 'good'));
      expect(early.status).toBe(409);
      expect(early.body.error).toMatchObject({ code: 'STATE_CONFLICT', details: { from: 'planned', allowed: ['in_session'] } });
      expect(await ctx.ds.getRepository(Ballot).count()).toBe(0);
    });

    it('hides results until voting closes', async () => {
      const res = await get(township, `/review-sessions/${s.id}/results`);
      expect(res.status).toBe(409);
      expect(res.body.error.code).toBe('STATE_CONFLICT');
    });

    it('reports due: each reporter gets a duty report pre-filled from the yearly report at the branch', async () => {
      const res = await post(township, `/review-sessions/${s.id}/reports-due`);
      expect(res.status).toBe(200);
      expect(res.body.status).toBe('reports_due');
      expect((await post(township, `/review-sessions/${s.id}/reports-due`)).status).toBe(409);
      const reports = (await get(township, `/review-sessions/${s.id}/duty-reports`)).body;
      expect(reports).toHaveLength(2);
      expect(reports[0]).toMatchObject({ reporterName: '甲村书记', orgName: '甲村党支部', status: 'draft', year: 2026 });
      expect(reports[0].figures).toHaveLength(30);
      for (const f of reports[0].figures) expect(Array.isArray(f.sources)).toBe(true);

      // The secretary writes and submits their own; the township returns, then accepts.
      const mine = (await get(secToken, '/duty-reports/mine')).body;
      expect(mine.map((r: { id: string }) => r.id)).toEqual([reports[0].id]);
      expect((await post(secToken, `/duty-reports/${reports[0].id}/submit`)).status).toBe(400);
      expect((await put(secToken, `/duty-reports/${reports[0].id}`, { body: '' })).status).toBe(400);
      expect((await put(secToken, `/duty-reports/${reports[0].id}`, { body: '一年来，村党支部……' })).status).toBe(200);
      expect((await get(asMember(ctx, sec2), `/duty-reports/${reports[0].id}`)).status).toBe(403);
      expect((await post(secToken, `/duty-reports/${reports[0].id}/submit`)).body.status).toBe('submitted');
      expect((await post(secToken, `/duty-reports/${reports[0].id}/accept`)).status).toBe(403);
      expect((await post(township, `/duty-reports/${reports[0].id}/return`, {})).status).toBe(400);
      const returned = await post(township, `/duty-reports/${reports[0].id}/return`, { note: '请补充问题整改情况' });
      expect(returned.body).toMatchObject({ status: 'returned', returnedNote: '请补充问题整改情况' });
      expect((await post(township, `/duty-reports/${reports[0].id}/accept`)).status).toBe(409);
      expect((await post(secToken, `/duty-reports/${reports[0].id}/refresh`)).status).toBe(200);
      await post(secToken, `/duty-reports/${reports[0].id}/submit`);
      const accepted = await post(township, `/duty-reports/${reports[0].id}/accept`);
      expect(accepted.body).toMatchObject({ status: 'accepted', reviewedByName: expect.any(String) });
      expect((await put(secToken, `/duty-reports/${reports[0].id}`, { body: '改' })).status).toBe(409);
    });

    it('opens voting; a ballot is checked against the scale and the reporters, nothing written when bad', async () => {
      expect((await post(township, `/review-sessions/${s.id}/open`)).body.status).toBe('in_session');
      const offScale = await ballot(tokens[0], both('good', 'excellent'));
      expect(offScale.status).toBe(400);
      expect(offScale.body.error.code).toBe('VALIDATION_FAILED');
      expect(offScale.body.error.message).toMatch(/[\u4e00-\u9fff]/);
      const junkGrade = await ballot(tokens[0], both('good', 'splendid'));
      expect(junkGrade.status).toBe(400);
      expect((await ballot(tokens[0], [{ reporterMemberId: outsider.id, grade: 'good' }])).status).toBe(400);
      expect((await ballot(tokens[0], [...both('good', 'good'), { reporterMemberId: sec1.id, grade: 'poor' }])).status).toBe(400);
      expect((await ballot(tokens[0], [])).status).toBe(400);
      const unknown = await ballot('x'.repeat(22), both('good', 'good'));
      expect(unknown.status).toBe(404);
      expect(unknown.body.error.code).toBe('BALLOT_TOKEN_INVALID');
      expect(await ctx.ds.getRepository(Ballot).count()).toBe(0);
      expect(await ctx.ds.getRepository(BallotToken).countBy({ used: true })).toBe(0);
    });

    it('the ballot form opens from a slip without sign-in', async () => {
      const res = await get(null, `/ballots/form?token=${tokens[0]}`);
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ open: true, used: false, year: 2026, organizerOrgName: '一号镇党委' });
      expect(res.body.gradeScale.map((g: { label: string }) => g.label)).toEqual(['好', '较好', '一般', '差']);
      expect(res.body.reporters.map((r: { name: string }) => r.name)).toEqual(['甲村书记', '乙村书记']);
      expect((await get(null, '/ballots/form?token=nope')).status).toBe(404);
    });

    it('a used token is 409 BALLOT_TOKEN_USED', async () => {
      expect((await ballot(tokens[0], both('good', 'fairly_good'))).status).toBe(201);
      const again = await ballot(tokens[0], both('poor', 'poor'));
      expect(again.status).toBe(409);
      expect(again.body.error.code).toBe('BALLOT_TOKEN_USED');
      expect(again.body.error.message).toContain('已经投过');
      expect(await ctx.ds.getRepository(Ballot).count()).toBe(1);
      expect((await get(null, `/ballots/form?token=${tokens[0]}`)).body.used).toBe(true);
    });

    it('40 ballots cast at once all count', async () => {
      const batch = tokens.slice(1, 41);
      const results = await Promise.all(batch.map((t, i) => ballot(t, both(i % 2 ? 'good' : 'fairly_good', i < 10 ? 'average' : 'good'))));
      expect(results.map((r) => r.status)).toEqual(batch.map(() => 201));
      expect(await ctx.ds.getRepository(Ballot).countBy({ sessionId: s.id })).toBe(41);
      expect(await ctx.ds.getRepository(BallotGrade).countBy({ sessionId: s.id })).toBe(82);
    });

    it('one token tried twice at once makes exactly one ballot', async () => {
      for (const t of [tokens[41], tokens[42]]) {
        const results = await Promise.all([
          ballot(t, both('good', 'good')),
          ballot(t, both('poor', 'poor')),
          ballot(t, both('average', 'average')),
        ]);
        expect(results.map((r) => r.status).sort()).toEqual([201, 409, 409]);
        for (const r of results.filter((x) => x.status === 409)) expect(r.body.error.code).toBe('BALLOT_TOKEN_USED');
      }
      expect(await ctx.ds.getRepository(Ballot).countBy({ sessionId: s.id })).toBe(43);
    });

    it('a paper tally is entered by the clerk with a witness', async () => {
      const bad = await post(township, `/review-sessions/${s.id}/paper-tallies`, {
        papers: 2,
        counts: [{ reporterMemberId: sec1.id, counts: { good: 3 } }],
        witnessName: '王监票',
      });
      expect(bad.status).toBe(400);
      expect(
        (
          await post(township, `/review-sessions/${s.id}/paper-tallies`, {
            papers: 2,
            counts: [{ reporterMemberId: sec1.id, counts: { good: 1 } }],
          })
        ).status,
      ).toBe(400);
      expect(
        (
          await post(township, `/review-sessions/${s.id}/paper-tallies`, {
            papers: 2,
            counts: [{ reporterMemberId: sec1.id, counts: { excellent: 1 } }],
            witnessName: '王监票',
          })
        ).status,
      ).toBe(400);
      const ok = await post(township, `/review-sessions/${s.id}/paper-tallies`, {
        papers: 2,
        counts: [
          { reporterMemberId: sec1.id, counts: { good: 1, poor: 1 } },
          { reporterMemberId: sec2.id, counts: { average: 2 } },
        ],
        witnessName: '王监票',
      });
      expect(ok.status).toBe(201);
      expect(ok.body).toMatchObject({ papers: 2, witnessName: '王监票' });
    });

    it('closes voting; a ballot after close is 409; results show the tally and the share warning', async () => {
      expect((await post(township, `/review-sessions/${s.id}/close`)).body.status).toBe('voting_closed');
      const late = await ballot(tokens[45], both('good', 'good'));
      expect(late.status).toBe(409);
      expect(late.body.error).toMatchObject({ code: 'STATE_CONFLICT', details: { from: 'voting_closed' } });

      const r = (await get(township, `/review-sessions/${s.id}/results`)).body as ReviewResultsView;
      expect(r).toMatchObject({ phoneBallots: 43, paperBallots: 2, validBallots: 45, attendeeCount: 60 });
      expect(r.warning).toBeNull(); // 45 ≥ 2/3 × 60
      const row1 = r.rows.find((x) => x.reporterMemberId === sec1.id)!;
      expect(row1.graded).toBe(45);
      expect(row1.tally.good + row1.tally.fairly_good + row1.tally.average + row1.tally.poor).toBe(45);
      expect(row1.finalGrade).toBeNull();

      // The share is a setting: at 90 attendees, 45 valid ballots are short of 2/3.
      await ctx.http.patch(`/api/v1/review-sessions/${s.id}`).set('Authorization', township).send({ attendeeCount: 90 });
      const warned = (await get(township, `/review-sessions/${s.id}/results`)).body as ReviewResultsView;
      expect(warned.warning).toContain('少于');
      await ctx.http
        .patch(`/api/v1/review-sessions/${s.id}`)
        .set('Authorization', township)
        .send({ minValidShare: { numerator: 1, denominator: 2 } });
      expect(((await get(township, `/review-sessions/${s.id}/results`)).body as ReviewResultsView).warning).toBeNull();
      expect(
        (
          await ctx.http
            .patch(`/api/v1/review-sessions/${s.id}`)
            .set('Authorization', township)
            .send({ minValidShare: { numerator: 3, denominator: 2 } })
        ).status,
      ).toBe(400);
    });

    it('the committee sets every grade, recorded with who decided; never from the tally by itself', async () => {
      const missing = await post(township, `/review-sessions/${s.id}/rate`, {
        decisionNote: '镇党委会研究确定',
        grades: [{ reporterMemberId: sec1.id, finalGrade: 'good' }],
      });
      expect(missing.status).toBe(400);
      expect(JSON.stringify(missing.body)).toContain('乙村书记');
      const offScale = await post(township, `/review-sessions/${s.id}/rate`, {
        decisionNote: '镇党委会研究确定',
        grades: [
          { reporterMemberId: sec1.id, finalGrade: 'excellent' },
          { reporterMemberId: sec2.id, finalGrade: 'good' },
        ],
      });
      expect(offScale.status).toBe(400);
      expect((await post(township, `/review-sessions/${s.id}/rate`, { grades: [] })).status).toBe(400);
      const rated = await post(township, `/review-sessions/${s.id}/rate`, {
        decisionNote: '镇党委会 2027-01-05 研究确定',
        grades: [
          { reporterMemberId: sec1.id, finalGrade: 'good' },
          { reporterMemberId: sec2.id, finalGrade: 'fairly_good', basisNote: '测评较好，问题整改较慢' },
        ],
      });
      expect(rated.status).toBe(200);
      expect(rated.body).toMatchObject({
        status: 'rated',
        decisionNote: '镇党委会 2027-01-05 研究确定',
        decidedByName: expect.any(String),
      });
      const r = (await get(township, `/review-sessions/${s.id}/results`)).body as ReviewResultsView;
      expect(r.rows.map((x) => x.finalGrade)).toEqual(['good', 'fairly_good']);
      expect((await post(township, `/review-sessions/${s.id}/publish`)).body.status).toBe('published');
      const again = await post(township, `/review-sessions/${s.id}/publish`);
      expect(again.status).toBe(409);
      expect(again.body.error.details).toEqual({ from: 'published', allowed: ['rated'] });
      expect((await post(township, `/review-sessions/${s.id}/tokens`, { count: 1 })).status).toBe(409);
    });

    it('a 点评 becomes a review problem of the reporter’s branch, once', async () => {
      const c = await post(township, `/review-sessions/${s.id}/comments`, {
        reporterMemberId: sec2.id,
        text: '流动党员联系不及时',
        byName: '镇党委书记',
      });
      expect(c.status).toBe(201);
      expect((await post(township, `/review-sessions/${s.id}/comments`, { reporterMemberId: outsider.id, text: 'x' })).status).toBe(400);
      const p = await post(township, `/review-comments/${c.body.id}/problem`, {});
      expect(p.status).toBe(201);
      expect(p.body).toMatchObject({
        source: 'review',
        orgId: tree.b12.id,
        year: 2027,
        sourceRef: c.body.id,
        description: '流动党员联系不及时',
      });
      expect((await post(township, `/review-comments/${c.body.id}/problem`, {})).status).toBe(409);
      expect(await ctx.ds.getRepository(Problem).countBy({ source: 'review' })).toBe(1);
      const list = (await get(township, `/review-sessions/${s.id}/comments`)).body;
      expect(list[0].problemId).toBe(p.body.id);
      expect((await post(otherTownship, `/review-comments/${c.body.id}/problem`, {})).status).toBe(404);
    });

    it('a duty report’s figures fit their column however many records a branch has (values kept, sources cut)', () => {
      const many = Array.from({ length: 30 }, (_, i) => ({
        no: i + 1,
        label: `项目${i + 1}`,
        value: 900,
        unit: '个',
        sources: Array.from({ length: 900 }, (_, k) => ({ type: 'member', id: `m${String(k).padStart(20, '0')}` })),
      }));
      const json = figuresJson(many);
      expect(json.length).toBeLessThanOrEqual(60_000);
      const back = JSON.parse(json) as { value: number; sources: unknown[] }[];
      expect(back.every((f) => f.value === 900 && f.sources.length > 0)).toBe(true);
    });

    it('is anonymous by construction: no column ties a ballot to a token or a member', async () => {
      const cols = (entity: Function) =>
        ctx.ds
          .getMetadata(entity)
          .columns.map((c) => c.databaseName)
          .sort();
      expect(cols(Ballot)).toEqual(['id', 'sessionId']);
      expect(cols(BallotGrade)).toEqual(['ballotId', 'grade', 'id', 'reporterMemberId', 'sessionId']);
      expect(cols(BallotToken)).toEqual(['id', 'sessionId', 'tokenHash', 'used']);
      // Rows: a ballot's grades name only reporters (those graded), never a voter; no ballot id is
      // time-ordered like the tokens' ids.
      const grades = await ctx.ds.getRepository(BallotGrade).find();
      expect(new Set(grades.map((g) => g.reporterMemberId))).toEqual(new Set([sec1.id, sec2.id]));
      const tokenRows = await ctx.ds.getRepository(BallotToken).find();
      const ballots = await ctx.ds.getRepository(Ballot).find();
      const tokenValues = new Set(tokenRows.flatMap((t) => [t.id, t.tokenHash]));
      for (const b of ballots) expect(tokenValues.has(b.id)).toBe(false);
      for (const g of grades) expect(tokenValues.has(g.ballotId)).toBe(false);
      // No audit row for a ballot (it would carry an address and a time).
      const audit = await ctx.ds.query(`SELECT COUNT(*) AS n FROM audit_logs WHERE action LIKE 'ballot%'`).catch(() => [{ n: 0 }]);
      expect(Number(audit[0].n)).toBe(0);
    });

    it('a scale from settings (优秀/合格/基本合格/不合格)', async () => {
      const other = await activity(tree.t1.id, 'review_meeting', '2026-12-29');
      const res = await post(township, '/review-sessions', {
        activityId: other.id,
        reporterMemberIds: [sec1.id],
        grades: ['excellent', 'qualified', 'basically_qualified', 'unqualified'],
      });
      expect(res.status).toBe(201);
      await post(township, `/review-sessions/${res.body.id}/reports-due`);
      const [token] = (await post(township, `/review-sessions/${res.body.id}/tokens`, { count: 1 })).body.tokens;
      await post(township, `/review-sessions/${res.body.id}/open`);
      expect((await ballot(token, [{ reporterMemberId: sec1.id, grade: 'good' }])).status).toBe(400);
      expect((await ballot(token, [{ reporterMemberId: sec1.id, grade: 'qualified' }])).status).toBe(201);
      const form = (await get(null, `/ballots/form?token=${token}`)).body;
      expect(form.gradeScale.map((g: { label: string }) => g.label)).toEqual(['优秀', '合格', '基本合格', '不合格']);
      expect(await ctx.ds.getRepository(DutyReport).countBy({ sessionId: res.body.id })).toBe(1);
    });
  });

  describe('百分制考核', () => {
    let templateId: string;
    let assessment: SecretaryAssessmentView;

    it('a template per township and year: the default, sum ≤ 100, written by the township only', async () => {
      const over = await post(township, '/assessment-templates', {
        orgId: tree.t1.id,
        year: 2026,
        bonusCap: 5,
        vetoItems: [],
        items: [
          { code: 'a', category: '组织生活', text: '三会一课', maxPoints: 60, deductionRule: '少开1次扣1分' },
          { code: 'b', category: '问题整改', text: '按期整改', maxPoints: 40.5, deductionRule: '逾期1个扣1分' },
        ],
      });
      expect(over.status).toBe(400);
      expect(over.body.error.code).toBe('ASSESSMENT_OVER_100');
      expect(over.body.error.message).toContain('100');
      const dup = await post(township, '/assessment-templates', {
        orgId: tree.t1.id,
        year: 2026,
        bonusCap: 5,
        vetoItems: [],
        items: [
          { code: 'a', category: '组织生活', text: '三会一课', maxPoints: 10, deductionRule: '少开1次扣1分' },
          { code: 'a', category: '问题整改', text: '按期整改', maxPoints: 10, deductionRule: '逾期1个扣1分' },
        ],
      });
      expect(dup.status).toBe(400);
      expect((await post(township, '/assessment-templates', { orgId: tree.b11.id, year: 2026 })).status).toBe(400);
      const branch = await post(secToken, '/assessment-templates', { orgId: tree.t1.id, year: 2026 });
      expect(branch.status).toBe(403);
      expect(branch.body.error.code).toBe('REVIEW_TOWNSHIP_ONLY');
      expect((await post(otherTownship, '/assessment-templates', { orgId: tree.t1.id, year: 2026 })).status).toBe(400);
      expect(
        (
          await post(township, '/assessment-templates', {
            orgId: tree.t1.id,
            year: 2026,
            items: [{ code: 'x', category: 'y', text: '学习时长', maxPoints: 5, deductionRule: 'z', autoSource: 'study_time' }],
          })
        ).status,
      ).toBe(400);

      const created = await post(township, '/assessment-templates', { orgId: tree.t1.id, year: 2026 });
      expect(created.status).toBe(201);
      expect(created.body.totalPoints).toBe(100);
      expect(created.body.items.map((x: { category: string }) => x.category)).toContain('组织生活');
      templateId = created.body.id;
      expect((await post(township, '/assessment-templates', { orgId: tree.t1.id, year: 2026 })).status).toBe(409);

      const edited = await put(township, `/assessment-templates/${templateId}`, {
        ...created.body,
        items: created.body.items.map((x: { maxPoints: number; code: string }) => (x.code === 'duty' ? { ...x, maxPoints: 16 } : x)),
      }).catch(() => null);
      expect(edited?.status).toBe(400); // extra fields (id, orgName …) are refused
      const body = { items: created.body.items, bonusCap: 5, vetoItems: created.body.vetoItems };
      const tooMuch = await put(township, `/assessment-templates/${templateId}`, {
        ...body,
        items: body.items.map((x: { code: string }) => (x.code === 'duty' ? { ...x, maxPoints: 16 } : x)),
      });
      expect(tooMuch.status).toBe(400);
      expect(tooMuch.body.error.code).toBe('ASSESSMENT_OVER_100');
      const lower = await put(township, `/assessment-templates/${templateId}`, {
        ...body,
        items: body.items.map((x: { code: string }) => (x.code === 'duty' ? { ...x, maxPoints: 14.5 } : x)),
      });
      expect(lower.status).toBe(200);
      expect(lower.body.totalPoints).toBe(99.5);
      await put(township, `/assessment-templates/${templateId}`, body);
    });

    it('an assessment of a live branch secretary, items pre-filled from the records', async () => {
      // 甲村 held its 支委会 in 5 of the 11 months already over.
      for (const m of ['01', '02', '03', '04', '05']) await activity(tree.b11.id, 'committee_meeting', `2026-${m}-10`);
      const plainMember = await buildMember(ctx, tree.b11, { name: '普通党员' });
      expect((await post(township, '/secretary-assessments', { templateId, subjectMemberId: plainMember.id })).status).toBe(400);
      expect((await post(township, '/secretary-assessments', { templateId, subjectMemberId: outsider.id })).status).toBe(400);
      const res = await post(township, '/secretary-assessments', { templateId, subjectMemberId: sec1.id });
      expect(res.status).toBe(201);
      assessment = res.body;
      expect(assessment).toMatchObject({ status: 'draft', orgName: '甲村党支部', subjectName: '甲村书记' });
      const committee = assessment.items.find((x) => x.code === 'committee')!;
      expect(committee.auto).toEqual({ score: 4.5, basis: expect.stringContaining('支委会应开 11 次，召开 5 次') });
      const problems = assessment.items.find((x) => x.code === 'problems')!;
      expect(problems.auto?.score).toBe(10);
      expect(assessment.items.find((x) => x.code === 'duty')!.auto).toBeNull();
      expect((await post(township, '/secretary-assessments', { templateId, subjectMemberId: sec1.id })).status).toBe(409);
      expect((await get(otherTownship, `/secretary-assessments/${assessment.id}`)).status).toBe(404);
    });

    it('self-assessment by the secretary, then the township assesses: a deduction needs a reason', async () => {
      const full = assessment.items.map((x) => ({ code: x.code, score: x.maxPoints }));
      expect((await post(secToken, `/secretary-assessments/${assessment.id}/self-assess`, { scores: full.slice(1) })).status).toBe(400);
      expect(
        (
          await post(secToken, `/secretary-assessments/${assessment.id}/self-assess`, {
            scores: [{ code: 'duty', score: 99 }, ...full.slice(1)],
          })
        ).status,
      ).toBe(400);
      const self = await post(secToken, `/secretary-assessments/${assessment.id}/self-assess`, { scores: full });
      expect(self.status).toBe(200);
      expect(self.body).toMatchObject({ status: 'self_assessed', selfTotal: 100 });
      expect((await post(secToken, `/secretary-assessments/${assessment.id}/self-assess`, { scores: full })).status).toBe(409);
      expect((await post(secToken, `/secretary-assessments/${assessment.id}/assess`, { scores: full })).status).toBe(403);

      const scores = assessment.items.map((x) => ({ code: x.code, score: x.auto ? x.auto.score : x.maxPoints }));
      // Keeping full points on 支委会 overrides the records (4.5): a reason is needed.
      const override = await post(township, `/secretary-assessments/${assessment.id}/assess`, {
        scores: scores.map((s) => (s.code === 'committee' ? { ...s, score: 10 } : s)),
      });
      expect(override.status).toBe(400);
      expect(override.body.error.code).toBe('DEDUCTION_REASON_REQUIRED');
      // A deduction of the assessor's own (责任落实 has no source in the records) without a reason.
      const noReason = await post(township, `/secretary-assessments/${assessment.id}/assess`, {
        scores: scores.map((s) => (s.code === 'duty' ? { ...s, score: 14 } : s)),
      });
      expect(noReason.status).toBe(400);
      expect(noReason.body.error.code).toBe('DEDUCTION_REASON_REQUIRED');
      expect(noReason.body.error.message).toContain('理由');
      const stored = await ctx.ds.getRepository(SecretaryAssessment).findOneByOrFail({ id: assessment.id });
      expect(stored.status).toBe('self_assessed');
      expect(stored.scores).toBeNull();

      // The records' own figure needs no reason (its basis is kept); the assessor's deduction does.
      const withReasons = scores.map((s) => (s.code === 'duty' ? { ...s, score: 14, reason: '责任清单 1 项未落实' } : s));
      expect(
        (await post(township, `/secretary-assessments/${assessment.id}/assess`, { scores: withReasons, bonus: 6, bonusReason: '县级表彰' }))
          .status,
      ).toBe(400);
      expect((await post(township, `/secretary-assessments/${assessment.id}/assess`, { scores: withReasons, bonus: 2 })).status).toBe(400);
      expect(
        (
          await post(township, `/secretary-assessments/${assessment.id}/assess`, {
            scores: withReasons,
            vetoCodes: ['nope'],
            vetoReason: 'x',
          })
        ).status,
      ).toBe(400);
      const assessed = await post(township, `/secretary-assessments/${assessment.id}/assess`, {
        scores: withReasons,
        bonus: 2,
        bonusReason: '获县级先进基层党组织表彰',
      });
      expect(assessed.status).toBe(200);
      const v = assessed.body as SecretaryAssessmentView;
      const expected = withReasons.reduce((s, x) => s + x.score, 0) + 2;
      expect(v).toMatchObject({ status: 'assessed', total: expected, bonus: 2 });
      expect(v.items.find((x) => x.code === 'committee')).toMatchObject({
        score: 4.5,
        reason: expect.stringContaining('支委会应开 11 次'),
        overridden: false,
      });
      expect(v.items.find((x) => x.code === 'duty')).toMatchObject({ score: 14, reason: '责任清单 1 项未落实', auto: null });
    });

    it('the committee confirms a grade (the total only suggests), publishes, then the secretary may appeal', async () => {
      expect((await post(township, `/secretary-assessments/${assessment.id}/publish`)).status).toBe(409);
      expect((await post(township, `/secretary-assessments/${assessment.id}/confirm`, { grade: 'good' })).status).toBe(400);
      const confirmed = await post(township, `/secretary-assessments/${assessment.id}/confirm`, {
        grade: 'good',
        decisionNote: '镇党委会 2027-01-05',
      });
      // The committee's grade stands even where the total suggests another.
      expect(confirmed.body).toMatchObject({
        status: 'confirmed',
        grade: 'good',
        suggestedGrade: 'average',
        decisionNote: '镇党委会 2027-01-05',
      });
      expect((await post(township, `/secretary-assessments/${assessment.id}/appeal`, { reason: 'x' })).status).toBe(403);
      expect((await post(township, `/secretary-assessments/${assessment.id}/publish`)).body.status).toBe('published');
      expect(
        (await post(secToken, `/secretary-assessments/${assessment.id}/appeal`, { reason: '支委会有 2 次记录未录入' })).body.status,
      ).toBe('appealed');
      expect((await post(secToken, `/secretary-assessments/${assessment.id}/resolve-appeal`, { reply: 'x' })).status).toBe(403);
      const fin = await post(township, `/secretary-assessments/${assessment.id}/resolve-appeal`, { reply: '经核实，维持原等次' });
      expect(fin.body).toMatchObject({ status: 'final', appealReply: '经核实，维持原等次', grade: 'good' });
      expect((await post(township, `/secretary-assessments/${assessment.id}/resolve-appeal`, { reply: 'x' })).status).toBe(409);
      // The template cannot change under a confirmed assessment.
      const t = (await get(township, `/assessment-templates/${templateId}`)).body;
      expect(
        (await put(township, `/assessment-templates/${templateId}`, { items: t.items, bonusCap: 5, vetoItems: t.vetoItems })).status,
      ).toBe(409);
      const mine = (await get(secToken, '/secretary-assessments')).body;
      expect(mine.map((x: { id: string }) => x.id)).toEqual([assessment.id]);
    });

    it('a veto allows only the lowest grade', async () => {
      const res = await post(township, '/secretary-assessments', { templateId, subjectMemberId: sec2.id });
      const items = (res.body as SecretaryAssessmentView).items;
      const scores = items.map((x) => ({
        code: x.code,
        score: x.maxPoints,
        reason: x.auto && x.auto.score !== x.maxPoints ? '经核实按满分' : undefined,
      }));
      const assessed = await post(township, `/secretary-assessments/${res.body.id}/assess`, {
        scores,
        vetoCodes: ['discipline'],
        vetoReason: '班子成员严重违纪',
      });
      expect(assessed.status).toBe(200);
      expect(assessed.body.suggestedGrade).toBe('poor');
      expect(
        (await post(township, `/secretary-assessments/${res.body.id}/confirm`, { grade: 'good', decisionNote: '党委会' })).status,
      ).toBe(400);
      expect(
        (await post(township, `/secretary-assessments/${res.body.id}/confirm`, { grade: 'poor', decisionNote: '党委会' })).body.grade,
      ).toBe('poor');
    });
  });
});
