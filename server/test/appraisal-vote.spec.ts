/**
 * 民主测评 of a 民主评议党员 round by phone, with one-time ballot tokens (core/ballot.ts, shared with
 * 述职评议): tokens kept only as hashes, the slip's form without sign-in, every error code, ballots
 * cast at once all counted, one token tried 3× at once → one ballot, no ballot after close, the
 * tallies (phone + paper) hidden until the vote is closed, with the low-turnout warning; the
 * per-address limit (BALLOTS_PER_HOUR). The committee still sets the grades.
 */
import { Activity } from '../src/modules/activity/activity.entity';
import { AppraisalBallot, AppraisalBallotGrade, AppraisalBallotToken } from '../src/modules/appraisal/appraisal.entity';
import { hashBallotToken } from '../src/core/ballot';
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

async function meeting(ctx: TestContext, orgId: string, day: string): Promise<string> {
  const at = new Date(`${day}T09:00:00+08:00`);
  const id = newId();
  await ctx.ds.getRepository(Activity).insert({
    id,
    title: `${day} 民主评议党员大会`,
    kind: 'democratic_appraisal',
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

describe('民主测评 by phone (one-time ballot tokens)', () => {
  const clock = testClock('2026-12-10T09:00:00+08:00');
  let ctx: TestContext;
  let tree: Awaited<ReturnType<typeof buildTree>>;
  let township: string;
  let otherTownship: string;
  let secretary: BuiltMember;
  let members: BuiltMember[];
  let away: BuiltMember;
  let roundId: string;
  let tokens: string[];

  const api = (method: 'get' | 'post' | 'put', who: string | null, path: string, body?: object) => {
    const req = ctx.http[method](`/api/v1${path}`);
    if (who) req.set('Authorization', who);
    return body ? req.send(body) : req;
  };
  const sec = () => asMember(ctx, secretary);
  const ballot = (token: string, grades: { memberId: string; grade: string }[]) =>
    api('post', null, '/appraisal-ballots', { token, grades });
  const all = (grade: string) => [secretary, ...members].map((m) => ({ memberId: m.id, grade }));

  beforeAll(async () => {
    ctx = await createTestContext({ BALLOTS_PER_HOUR: '1000' }, { now: clock.now });
    tree = await buildTree(ctx);
    township = asUser(ctx, await buildUser(ctx, 't1admin', 'pw-t1admin-1', [{ role: 'admin', org: tree.t1 }]));
    otherTownship = asUser(ctx, await buildUser(ctx, 't2admin', 'pw-t2admin-1', [{ role: 'admin', org: tree.t2 }]));
    secretary = await buildMember(ctx, tree.b11, { name: '甲村书记' });
    await grantRole(ctx, 'branch_secretary', tree.b11, { memberId: secretary.id });
    members = [];
    for (const n of ['党员甲', '党员乙', '党员丙', '党员丁', '党员戊']) members.push(await buildMember(ctx, tree.g111, { name: n }));
    away = await buildMember(ctx, tree.b11, { name: '出国党员' });
    const meetingId = await meeting(ctx, tree.b11.id, '2026-12-05');
    const res = await api('post', sec(), '/appraisal-rounds', {
      orgId: tree.b11.id,
      year: 2026,
      meetingActivityId: meetingId,
      exclusions: [{ memberId: away.id, reason: 'abroad' }],
    });
    expect(res.status).toBe(201);
    roundId = res.body.id;
  });
  afterAll(() => ctx.close());

  it('issues tokens to the round’s managers only, kept as hashes; shown once; the round view counts them', async () => {
    expect((await api('post', otherTownship, `/appraisal-rounds/${roundId}/ballot-tokens`, { count: 5 })).status).toBe(404);
    expect((await api('post', asMember(ctx, members[0]), `/appraisal-rounds/${roundId}/ballot-tokens`, { count: 5 })).status).toBe(404);
    expect((await api('post', sec(), `/appraisal-rounds/${roundId}/ballot-tokens`, { count: 0 })).status).toBe(400);
    const tooMany = await api('post', sec(), `/appraisal-rounds/${roundId}/ballot-tokens`, { count: 501 });
    expect([tooMany.status, tooMany.body.error.details[0].field]).toEqual([400, 'count']);
    const res = await api('post', sec(), `/appraisal-rounds/${roundId}/ballot-tokens`, { count: 60 });
    expect(res.status).toBe(201);
    tokens = res.body.tokens;
    expect(new Set(tokens).size).toBe(60);
    const rows = await ctx.ds.getRepository(AppraisalBallotToken).findBy({ roundId });
    expect(rows).toHaveLength(60);
    // Only the hash is stored, never the token.
    expect(rows.some((r) => tokens.includes(r.tokenHash))).toBe(false);
    expect(rows.map((r) => r.tokenHash).sort()).toEqual(tokens.map(hashBallotToken).sort());
    const round = (await api('get', sec(), `/appraisal-rounds/${roundId}`)).body;
    expect(round.vote).toEqual({ tokensIssued: 60, tokensUsed: 0, closedAt: null });
    // A member in scope sees their own row, not the vote's figures.
    expect((await api('get', asMember(ctx, members[0]), `/appraisal-rounds/${roundId}`)).body.vote).toEqual({
      tokensIssued: 0,
      tokensUsed: 0,
      closedAt: null,
    });
  });

  it('the slip opens without sign-in: the members in scope and the four grades; a ballot before voting is 409', async () => {
    const form = await api('get', null, `/appraisal-ballots/form?token=${tokens[0]}`);
    expect(form.status).toBe(200);
    expect(form.body).toMatchObject({ roundId, orgName: '甲村党支部', year: 2026, open: false, used: false });
    expect(form.body.grades.map((g: { label: string }) => g.label)).toEqual(['优秀', '合格', '基本合格', '不合格']);
    expect(form.body.members.map((m: { memberId: string }) => m.memberId).sort()).toEqual([secretary, ...members].map((m) => m.id).sort());
    const early = await ballot(tokens[0], all('qualified'));
    expect([early.status, early.body.error.code, early.body.error.details.from]).toEqual([409, 'STATE_CONFLICT', 'preparing']);
    for (const step of ['open-self-review', 'open-peer-review', 'open-vote'])
      expect((await api('post', sec(), `/appraisal-rounds/${roundId}/${step}`)).status).toBe(200);
    expect((await api('get', null, `/appraisal-ballots/form?token=${tokens[0]}`)).body.open).toBe(true);
  });

  it('refuses a bad ballot with its code, writing nothing', async () => {
    const unknown = await ballot('x'.repeat(22), all('qualified'));
    expect([unknown.status, unknown.body.error.code]).toEqual([404, 'BALLOT_TOKEN_INVALID']);
    expect((await api('get', null, '/appraisal-ballots/form?token=nope')).body.error.code).toBe('BALLOT_TOKEN_INVALID');
    expect((await ballot(tokens[0], [{ memberId: members[0].id, grade: 'splendid' }])).status).toBe(400);
    const excluded = await ballot(tokens[0], [{ memberId: away.id, grade: 'qualified' }]);
    expect([excluded.status, excluded.body.error.details[0].field]).toEqual([400, 'grades.0.memberId']);
    const twice = await ballot(tokens[0], [...all('qualified'), { memberId: members[0].id, grade: 'excellent' }]);
    expect([twice.status, twice.body.error.details[0].field]).toEqual([400, 'grades.6.memberId']);
    expect((await ballot(tokens[0], [])).status).toBe(400);
    expect((await ballot('', all('qualified'))).status).toBe(400);
    expect(await ctx.ds.getRepository(AppraisalBallot).countBy({ roundId })).toBe(0);
    // A used token: 409 BALLOT_TOKEN_USED, and the slip says so.
    expect((await ballot(tokens[0], all('excellent'))).status).toBe(201);
    const again = await ballot(tokens[0], all('unqualified'));
    expect([again.status, again.body.error.code]).toEqual([409, 'BALLOT_TOKEN_USED']);
    expect((await api('get', null, `/appraisal-ballots/form?token=${tokens[0]}`)).body.used).toBe(true);
  });

  it('results are hidden while the vote is open (409)', async () => {
    const res = await api('get', sec(), `/appraisal-rounds/${roundId}/vote-results`);
    expect([res.status, res.body.error.code, res.body.error.details.from]).toEqual([409, 'STATE_CONFLICT', 'voting']);
  });

  it('40 ballots cast at once all count', async () => {
    const batch = tokens.slice(1, 41);
    const results = await Promise.all(
      batch.map((t, i) =>
        ballot(t, [
          { memberId: members[0].id, grade: i % 2 ? 'excellent' : 'qualified' },
          { memberId: members[1].id, grade: 'basically_qualified' },
        ]),
      ),
    );
    expect(results.map((r) => r.status)).toEqual(batch.map(() => 201));
    expect(await ctx.ds.getRepository(AppraisalBallot).countBy({ roundId })).toBe(41);
  });

  it('one token sent 3 times at once makes exactly one ballot', async () => {
    for (const t of tokens.slice(41, 45)) {
      const results = await Promise.all([ballot(t, all('qualified')), ballot(t, all('unqualified')), ballot(t, all('excellent'))]);
      expect(results.map((r) => r.status).sort()).toEqual([201, 409, 409]);
      for (const r of results.filter((x) => x.status === 409)) expect(r.body.error.code).toBe('BALLOT_TOKEN_USED');
    }
    expect(await ctx.ds.getRepository(AppraisalBallot).countBy({ roundId })).toBe(45);
    expect(await ctx.ds.getRepository(AppraisalBallotToken).countBy({ roundId, used: true })).toBe(45);
  });

  it('closes the vote: no ballot after it, no more tokens; the tallies with paper and the low-turnout warning', async () => {
    expect((await api('post', otherTownship, `/appraisal-rounds/${roundId}/close-vote`)).status).toBe(404);
    // Paper ballots are the alternative: 3 papers entered by the clerk.
    const paper = { memberId: members[0].id, excellent: 1, qualified: 2, basicallyQualified: 0, unqualified: 0 };
    expect((await api('put', sec(), `/appraisal-rounds/${roundId}/tallies`, { tallies: [paper] })).status).toBe(200);
    const closed = await api('post', sec(), `/appraisal-rounds/${roundId}/close-vote`);
    expect(closed.status).toBe(200);
    expect(closed.body.vote).toMatchObject({ tokensIssued: 60, tokensUsed: 45 });
    expect(closed.body.vote.closedAt).toBeTruthy();
    const late = await ballot(tokens[50], all('qualified'));
    expect([late.status, late.body.error.code, late.body.error.details.from]).toEqual([409, 'STATE_CONFLICT', 'vote_closed']);
    expect((await api('post', sec(), `/appraisal-rounds/${roundId}/close-vote`)).status).toBe(409);
    expect((await api('post', sec(), `/appraisal-rounds/${roundId}/ballot-tokens`, { count: 5 })).status).toBe(409);
    const res = await api('get', sec(), `/appraisal-rounds/${roundId}/vote-results`);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ membersInScope: 6, phoneBallots: 45, paperBallots: 3, validBallots: 48, warning: null });
    const row = (m: BuiltMember) => res.body.rows.find((r: { memberId: string }) => r.memberId === m.id);
    // 党员甲: token 0 excellent; 20 excellent + 20 qualified of the batch; 4 × qualified (the first of each triple to win may be any).
    expect(row(members[0]).phone.excellent + row(members[0]).phone.qualified + row(members[0]).phone.unqualified).toBe(45);
    expect(row(members[0]).paper).toEqual({ excellent: 1, qualified: 2, basicallyQualified: 0, unqualified: 0 });
    expect(row(members[0]).total.excellent).toBe(row(members[0]).phone.excellent + 1);
    expect(row(members[1]).phone.basicallyQualified).toBe(40);
    expect(await ctx.ds.getRepository(AppraisalBallotGrade).countBy({ roundId, memberId: away.id })).toBe(0);
    expect(res.body.rows.find((r: { memberId: string }) => r.memberId === away.id)).toBeUndefined();
    // Managers only; the committee still grades (nothing set from the tally).
    expect((await api('get', asMember(ctx, members[0]), `/appraisal-rounds/${roundId}/vote-results`)).status).toBe(404);
    const round = (await api('post', sec(), `/appraisal-rounds/${roundId}/open-rating`)).body;
    expect(round.appraisals.every((a: { grade: string | null }) => a.grade === null)).toBe(true);
    expect((await api('get', township, `/appraisal-rounds/${roundId}/vote-results`)).status).toBe(200);
  });

  it('a ballot that leaves members ungraded is accepted: they count as 弃权 (abstain) for each member left out', async () => {
    const res = (await api('get', sec(), `/appraisal-rounds/${roundId}/vote-results`)).body;
    const row = (m: BuiltMember) => res.rows.find((r: { memberId: string }) => r.memberId === m.id);
    const graded = (t: Record<string, number>) => t.excellent + t.qualified + t.basicallyQualified + t.unqualified;
    // The 40 ballots of the batch graded only 党员甲 and 党员乙: 弃权 40 for each of the others.
    expect(row(members[2]).abstain).toEqual({ phone: 40, paper: null, total: 40 + 3 });
    expect(row(members[1]).abstain).toEqual({ phone: 0, paper: null, total: 3 });
    // 3 paper ballots, all grading 党员甲; 45 phone ballots, all grading 党员甲.
    expect(row(members[0]).abstain).toEqual({ phone: 0, paper: 0, total: 0 });
    for (const r of res.rows) {
      expect(r.abstain.phone).toBe(res.phoneBallots - graded(r.phone));
      expect(r.abstain.total).toBe(res.validBallots - graded(r.total));
    }
  });

  it('warns when valid ballots are fewer than ⅔ of the members in scope; opening the rating closes the vote', async () => {
    const b12sec = await buildMember(ctx, tree.b12, { name: '乙村书记' });
    for (let i = 0; i < 5; i++) await buildMember(ctx, tree.b12);
    await grantRole(ctx, 'branch_secretary', tree.b12, { memberId: b12sec.id });
    const mid = await meeting(ctx, tree.b12.id, '2026-12-06');
    const r = (await api('post', township, '/appraisal-rounds', { orgId: tree.b12.id, year: 2026, meetingActivityId: mid })).body;
    const t = (await api('post', township, `/appraisal-rounds/${r.id}/ballot-tokens`, { count: 3 })).body.tokens;
    for (const step of ['open-self-review', 'open-peer-review', 'open-vote'])
      await api('post', township, `/appraisal-rounds/${r.id}/${step}`);
    expect((await ballot(t[0], [{ memberId: b12sec.id, grade: 'excellent' }])).status).toBe(201);
    const rating = await api('post', township, `/appraisal-rounds/${r.id}/open-rating`);
    expect(rating.body.vote.closedAt).toBeTruthy();
    expect((await ballot(t[1], [{ memberId: b12sec.id, grade: 'excellent' }])).status).toBe(409);
    const res = (await api('get', township, `/appraisal-rounds/${r.id}/vote-results`)).body;
    expect(res).toMatchObject({ membersInScope: 6, phoneBallots: 1, validBallots: 1 });
    expect(res.warning).toContain('少于参评党员 6 人的 2/3');
  });

  it('is anonymous by construction: no column ties a ballot to a token or a voter', async () => {
    const cols = (e: Function) =>
      ctx.ds
        .getMetadata(e)
        .columns.map((c) => c.propertyName)
        .sort();
    expect(cols(AppraisalBallotToken)).toEqual(['id', 'roundId', 'tokenHash', 'used']);
    expect(cols(AppraisalBallot)).toEqual(['id', 'roundId']);
    expect(cols(AppraisalBallotGrade)).toEqual(['ballotId', 'grade', 'id', 'memberId', 'roundId']);
    const audit = await ctx.ds.query("SELECT COUNT(*) AS n FROM audit_logs WHERE action LIKE '%ballot%'");
    expect(Number(audit[0].n)).toBe(0);
  });
});

describe('民主测评 ballots per address (BALLOTS_PER_HOUR)', () => {
  let ctx: TestContext;
  afterAll(() => ctx.close());

  it('answers 429 once an address has used up its look-ups for the hour', async () => {
    ctx = await createTestContext({ BALLOTS_PER_HOUR: '3' });
    const codes = [];
    for (let i = 0; i < 4; i++) codes.push((await ctx.http.get(`/api/v1/appraisal-ballots/form?token=${'y'.repeat(22)}`)).status);
    expect(codes).toEqual([404, 404, 404, 429]);
    const res = await ctx.http
      .post('/api/v1/appraisal-ballots')
      .send({ token: 'y'.repeat(22), grades: [{ memberId: newId(), grade: 'qualified' }] });
    expect([res.status, res.body.error.code]).toEqual([429, 'RATE_LIMITED']);
  });
});
