import { newId } from '../src/core/ids';
import { WechatBinding } from '../src/modules/member/wechat-binding.entity';
import { PointsEntry } from '../src/modules/points/points.entity';
import { StudyCompletion, StudyNote } from '../src/modules/study/study.entity';
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

describe('study: the learning kit, verified online study, reflections', () => {
  const clock = testClock('2026-11-27T09:00:00+08:00');
  let ctx: TestContext;
  let tree: Awaited<ReturnType<typeof buildTree>>;
  let admin: string;
  let m: BuiltMember;
  let m2: BuiltMember;
  let sec: BuiltMember;
  let article: string;
  let quizMaterial: { id: string; quiz: { id: string; options: string[] }[] };

  beforeAll(async () => {
    ctx = await createTestContext({}, { now: clock.now });
    tree = await buildTree(ctx);
    admin = asUser(ctx, await buildUser(ctx, 'county', 'pw-county-1', [{ role: 'admin', org: tree.county }]));
    m = await buildMember(ctx, tree.g111, { name: '学习者' });
    m2 = await buildMember(ctx, tree.b11, { name: '同支部' });
    sec = await buildMember(ctx, tree.b11, { name: '书记' });
    await grantRole(ctx, 'branch_secretary', tree.b11, { memberId: sec.id });
    await ctx.ds.getRepository(WechatBinding).insert({
      id: newId(),
      openid: 'openid-learner',
      unionid: null,
      memberId: m.id,
      sessionKeyEnc: null,
      boundAt: new Date(),
      lastLoginAt: null,
    });
    const a = await ctx.http
      .post('/api/v1/study/materials')
      .set('Authorization', admin)
      .send({
        title: '中国共产党章程',
        kind: 'article',
        body: '第一章 党员……',
        tags: ['党章', '必学'],
        required: true,
        minSeconds: 120,
        orgId: tree.county.id,
      });
    expect(a.status).toBe(201);
    article = a.body.id;
    const q = await ctx.http
      .post('/api/v1/study/materials')
      .set('Authorization', admin)
      .send({
        title: '党史小测验',
        kind: 'video',
        url: 'https://example.org/v.mp4',
        minSeconds: 0,
        quizMode: 'replace_time',
        quiz: [
          { text: '中国共产党成立于哪一年？', options: ['1919', '1921'], answer: 1 },
          { text: '党的最高领导机关是？', options: ['全国代表大会', '国务院'], answer: 0 },
        ],
        orgId: tree.t1.id,
      });
    expect(q.status).toBe(201);
    expect(JSON.stringify(q.body)).not.toContain('"answer"');
    quizMaterial = q.body;
  });
  afterAll(() => ctx.close());

  const start = (who: BuiltMember, id = article) =>
    ctx.http.post(`/api/v1/study/materials/${id}/sessions`).set('Authorization', asMember(ctx, who));
  const beat = (who: BuiltMember, sid: string) =>
    ctx.http.post(`/api/v1/study/sessions/${sid}/heartbeat`).set('Authorization', asMember(ctx, who));
  const finish = (who: BuiltMember, sid: string, body: object = {}) =>
    ctx.http.post(`/api/v1/study/sessions/${sid}/finish`).set('Authorization', asMember(ctx, who)).send(body);

  it('lists the kit for members, required first, searchable by title and tag', async () => {
    const res = await ctx.http.get('/api/v1/study/materials').set('Authorization', asMember(ctx, m));
    expect(res.body.items.map((x: { title: string }) => x.title)).toEqual(['中国共产党章程', '党史小测验']);
    expect(res.body.items[0]).toMatchObject({ required: true, tags: ['党章', '必学'], completed: false });
    expect(
      (await ctx.http.get(`/api/v1/study/materials?tag=${encodeURIComponent('党章')}`).set('Authorization', asMember(ctx, m))).body.total,
    ).toBe(1);
    expect(
      (await ctx.http.get(`/api/v1/study/materials?q=${encodeURIComponent('党史')}`).set('Authorization', asMember(ctx, m))).body.total,
    ).toBe(1);
    const far = await buildMember(ctx, tree.b21);
    expect((await ctx.http.get('/api/v1/study/materials').set('Authorization', asMember(ctx, far))).body.total).toBe(1);
  });

  it('counts only the time the server saw pass: finishing at once claims nothing', async () => {
    const s = await start(m);
    expect(s.status).toBe(201);
    expect(s.body).toMatchObject({ minSeconds: 120, heartbeatSeconds: 30, alreadyCompleted: false });
    const done = await finish(m, s.body.sessionId, { secondsCounted: 9999 });
    expect(done.status).toBe(400); // a client cannot even send a number of seconds
    const fin = await finish(m, s.body.sessionId);
    expect(fin.body).toEqual({
      secondsCounted: 0,
      completed: false,
      pointsAwarded: 0,
      quizPassed: null,
      attended: [],
      sessionOpen: true,
      wrongQuestions: [],
    });
    // Not completed: the session stays open and the member reads on in it.
    expect((await beat(m, s.body.sessionId)).status).toBe(200);
  });

  it('keeps the session open on a wrong answer: resubmitting does not restart the reading time, and names the wrong questions', async () => {
    const timed = await ctx.http
      .post('/api/v1/study/materials')
      .set('Authorization', admin)
      .send({
        title: '带答题的短文',
        kind: 'article',
        body: '正文',
        minSeconds: 30,
        quizMode: 'with_time',
        quiz: [
          { text: '第一题', options: ['对', '错'], answer: 0 },
          { text: '第二题', options: ['对', '错'], answer: 1 },
          { text: '第三题', options: ['对', '错'], answer: 0 },
        ],
        orgId: tree.county.id,
      });
    expect(timed.status).toBe(201);
    const [q1, q2, q3] = timed.body.quiz as { id: string }[];
    // Members of their own: the other tests count what m and m2 completed.
    const reader = await buildMember(ctx, tree.g111, { name: '答题者' });
    const s = await start(reader, timed.body.id);
    clock.advance(30_000);
    await beat(reader, s.body.sessionId).expect(200);
    const wrong = await finish(reader, s.body.sessionId, { quizAnswers: { [q1.id]: 0, [q2.id]: 0, [q3.id]: 1 } });
    expect(wrong.status).toBe(200);
    expect(wrong.body).toMatchObject({
      completed: false,
      quizPassed: false,
      secondsCounted: 30,
      sessionOpen: true,
      wrongQuestions: [2, 3],
    });
    // The same session goes on: no new reading time, the corrected answers complete it at once.
    clock.advance(2_000);
    const right = await finish(reader, s.body.sessionId, { quizAnswers: { [q1.id]: 0, [q2.id]: 1, [q3.id]: 0 } });
    expect(right.body).toMatchObject({ completed: true, quizPassed: true, sessionOpen: false, wrongQuestions: [] });
    expect((await finish(reader, s.body.sessionId, { quizAnswers: { [q1.id]: 0, [q2.id]: 1, [q3.id]: 0 } })).body.error.code).toBe(
      'SESSION_FINISHED',
    );
    expect(await ctx.ds.getRepository(StudyCompletion).countBy({ memberId: reader.id, materialId: timed.body.id })).toBe(1);
  });

  it('counts a session only once when a wrong and a right finish race', async () => {
    const racer = await buildMember(ctx, tree.g111, { name: '连点者' });
    const list = (await ctx.http.get('/api/v1/study/materials').set('Authorization', asMember(ctx, racer))).body.items as {
      id: string;
      title: string;
      quiz: { id: string }[];
    }[];
    const timed = list.find((x) => x.title === '带答题的短文')!;
    const [q1, q2, q3] = timed.quiz;
    const s = await start(racer, timed.id);
    clock.advance(30_000);
    const [a, b] = await Promise.all([
      finish(racer, s.body.sessionId, { quizAnswers: { [q1.id]: 1, [q2.id]: 1, [q3.id]: 0 } }),
      finish(racer, s.body.sessionId, { quizAnswers: { [q1.id]: 0, [q2.id]: 1, [q3.id]: 0 } }),
    ]);
    // The wrong one either came first (open, question 1 named) or found the session already closed.
    if (a.status === 200) expect(a.body).toMatchObject({ completed: false, wrongQuestions: [1] });
    else expect(a.body.error.code).toBe('SESSION_FINISHED');
    expect(b.body).toMatchObject({ completed: true });
    expect(await ctx.ds.getRepository(StudyCompletion).countBy({ memberId: racer.id, materialId: timed.id })).toBe(1);
    expect(await ctx.ds.getRepository(PointsEntry).countBy({ memberId: racer.id, ruleCode: 'study_online' })).toBe(1);
  });

  it('caps each gap, so a phone left open overnight does not count hours', async () => {
    const s = await start(m);
    clock.advance(8 * 3600_000);
    const b = await beat(m, s.body.sessionId);
    expect(b.body).toEqual({ secondsCounted: 60, completed: false });
    const fin = await finish(m, s.body.sessionId);
    expect(fin.body.completed).toBe(false);
  });

  it('completes after enough heartbeats, awarding study_online once per material', async () => {
    const s = await start(m);
    for (let i = 0; i < 4; i++) {
      clock.advance(30_000);
      await beat(m, s.body.sessionId).expect(200);
    }
    const fin = await finish(m, s.body.sessionId);
    expect(fin.body).toEqual({
      secondsCounted: 120,
      completed: true,
      pointsAwarded: 1,
      quizPassed: null,
      attended: [],
      sessionOpen: false,
      wrongQuestions: [],
    });
    const again = await start(m);
    expect(again.body.alreadyCompleted).toBe(true);
    for (let i = 0; i < 4; i++) {
      clock.advance(30_000);
      await beat(m, again.body.sessionId);
    }
    expect((await finish(m, again.body.sessionId)).body.pointsAwarded).toBe(0);
    expect(await ctx.ds.getRepository(StudyCompletion).countBy({ memberId: m.id })).toBe(1);
    expect(await ctx.ds.getRepository(PointsEntry).countBy({ memberId: m.id, ruleCode: 'study_online' })).toBe(1);
  });

  it("refuses someone else's session, an unknown one, and a session on a draft", async () => {
    const s = await start(m);
    expect((await beat(m2, s.body.sessionId)).body.error.code).toBe('SESSION_NOT_FOUND');
    expect((await beat(m, 'nosuchsession')).status).toBe(404);
    const draft = await ctx.http
      .post('/api/v1/study/materials')
      .set('Authorization', admin)
      .send({ title: '草稿', kind: 'article', body: 'x', minSeconds: 0, status: 'draft', orgId: tree.county.id });
    expect((await start(m, draft.body.id)).body.error.code).toBe('MATERIAL_NOT_AVAILABLE');
  });

  it('lets a quiz replace the time; wrong or unknown answers do not complete', async () => {
    const [q1, q2] = quizMaterial.quiz;
    const s1 = await start(m, quizMaterial.id);
    const wrong = await finish(m, s1.body.sessionId, { quizAnswers: { [q1.id]: 0, [q2.id]: 0 } });
    expect(wrong.body).toMatchObject({ completed: false, quizPassed: false });
    const s2 = await start(m, quizMaterial.id);
    const unknown = await finish(m, s2.body.sessionId, { quizAnswers: { nosuchquestion: 1 } });
    expect(unknown.body.error.code).toBe('QUIZ_ANSWER_INVALID');
    const right = await finish(m, s2.body.sessionId, { quizAnswers: { [q1.id]: 1, [q2.id]: 0 } });
    expect(right.body).toMatchObject({ completed: true, quizPassed: true, pointsAwarded: 1 });
  });

  it('checks reflections with WeChat: pass publishes with points, review holds, risky refuses', async () => {
    ctx.wechat.setMsgSecCheckResult('pass');
    const ok = await ctx.http
      .post('/api/v1/study/notes')
      .set('Authorization', asMember(ctx, m))
      .send({ materialId: article, content: '学习党章，坚定理想信念，做合格党员。' });
    expect(ok.status).toBe(201);
    expect(ok.body).toMatchObject({ pointsAwarded: 2, note: { status: 'published', materialTitle: '中国共产党章程' } });
    ctx.wechat.setMsgSecCheckResult('risky', 20001);
    const risky = await ctx.http
      .post('/api/v1/study/notes')
      .set('Authorization', asMember(ctx, m))
      .send({ content: '一段不合适的内容一段不合适的内容' });
    expect(risky.body.error.code).toBe('NOTE_REJECTED');
    ctx.wechat.setMsgSecCheckResult('review');
    clock.advance(24 * 3600_000); // a new day: the study_note daily cap (2 points) starts again
    const held = await ctx.http
      .post('/api/v1/study/notes')
      .set('Authorization', asMember(ctx, m))
      .send({ content: '需要人工审核的一段学习心得内容' });
    expect(held.body.note.status).toBe('review');
    // No WeChat binding: cannot be checked, so held too — never published unchecked.
    const unchecked = await ctx.http
      .post('/api/v1/study/notes')
      .set('Authorization', asMember(ctx, m2))
      .send({ content: '没有绑定微信的党员写的学习心得' });
    expect(unchecked.body).toMatchObject({ pointsAwarded: 0, note: { status: 'review' } });
    ctx.wechat.failNext(-1, 10);
    ctx.wechat.setMsgSecCheckResult('pass');
    const down = await ctx.http
      .post('/api/v1/study/notes')
      .set('Authorization', asMember(ctx, m))
      .send({ content: '微信不可用时提交的学习心得内容' });
    expect(down.body.note.status).toBe('review');
    ctx.wechat.reset();

    const branchView = await ctx.http.get('/api/v1/study/notes').set('Authorization', asMember(ctx, m2));
    expect(branchView.body.items.map((n: { status: string }) => n.status).filter((s: string) => s === 'published')).toHaveLength(1);
    expect(branchView.body.items.some((n: { id: string }) => n.id === held.body.note.id)).toBe(false);
    const queue = await ctx.http.get('/api/v1/study/notes?status=review').set('Authorization', asMember(ctx, sec));
    expect(queue.body.total).toBe(3);
    const approved = await ctx.http.post(`/api/v1/study/notes/${held.body.note.id}/approve`).set('Authorization', asMember(ctx, sec));
    expect(approved.body.status).toBe('published');
    expect(await ctx.ds.getRepository(PointsEntry).countBy({ sourceId: held.body.note.id })).toBe(1);
    expect((await ctx.http.post(`/api/v1/study/notes/${held.body.note.id}/approve`).set('Authorization', asMember(ctx, m2))).status).toBe(
      404,
    );
  });

  it.each([
    [{ content: '' }, 'content'],
    [{ content: '太短了' }, 'content'],
    [{ content: '长'.repeat(20000) }, 'content'],
    [{ content: '一段足够长的学习心得内容', materialId: 'bad id!' }, 'materialId'],
  ])('refuses a reflection %#, writing nothing', async (body, field) => {
    const before = await ctx.ds.getRepository(StudyNote).count();
    const res = await ctx.http.post('/api/v1/study/notes').set('Authorization', asMember(ctx, m)).send(body);
    expect(res.status).toBe(400);
    expect(res.body.error.details.map((d: { field: string }) => d.field)).toContain(field);
    expect(await ctx.ds.getRepository(StudyNote).count()).toBe(before);
  });

  it('shows a member their record and the secretary done / not done — never minutes', async () => {
    const mine = await ctx.http.get('/api/v1/study/me').set('Authorization', asMember(ctx, m));
    expect(mine.body.completed.map((c: { title: string }) => c.title).sort()).toEqual(['中国共产党章程', '党史小测验'].sort());
    expect(mine.body.requiredPending).toEqual([]);
    expect(JSON.stringify(mine.body)).not.toMatch(/seconds/i);
    const other = await ctx.http.get('/api/v1/study/me').set('Authorization', asMember(ctx, m2));
    expect(other.body.requiredPending.map((c: { title: string }) => c.title)).toEqual(['中国共产党章程']);
    const completion = await ctx.http.get(`/api/v1/study/completion?orgId=${tree.b11.id}`).set('Authorization', asMember(ctx, sec));
    expect(completion.body.materials.map((x: { title: string }) => x.title)).toEqual(['中国共产党章程']);
    expect(completion.body.members.find((x: { name: string }) => x.name === '学习者').done).toEqual([article]);
    expect(completion.body.members.find((x: { name: string }) => x.name === '同支部').done).toEqual([]);
    expect(JSON.stringify(completion.body)).not.toMatch(/seconds/i);
    expect((await ctx.http.get(`/api/v1/study/completion?orgId=${tree.b11.id}`).set('Authorization', asMember(ctx, m))).status).toBe(403);
  });

  it('keeps materials for admins: validation and scope', async () => {
    const noBody = await ctx.http
      .post('/api/v1/study/materials')
      .set('Authorization', admin)
      .send({ title: '无正文', kind: 'article', minSeconds: 10 });
    expect(noBody.body.error.details[0].field).toBe('body');
    const oneQuestion = await ctx.http
      .post('/api/v1/study/materials')
      .set('Authorization', admin)
      .send({
        title: '一题',
        kind: 'article',
        body: 'x',
        minSeconds: 0,
        quizMode: 'with_time',
        quiz: [{ text: '?', options: ['a', 'b'], answer: 0 }],
      });
    expect(oneQuestion.body.error.details[0].field).toBe('quiz');
    const badAnswer = await ctx.http
      .post('/api/v1/study/materials')
      .set('Authorization', admin)
      .send({
        title: '答案越界',
        kind: 'article',
        body: 'x',
        minSeconds: 0,
        quizMode: 'with_time',
        quiz: [
          { text: '?', options: ['a', 'b'], answer: 5 },
          { text: '?', options: ['a', 'b'], answer: 0 },
        ],
      });
    expect(badAnswer.body.error.details[0].field).toBe('quiz.0.answer');
    expect(
      (
        await ctx.http
          .post('/api/v1/study/materials')
          .set('Authorization', asMember(ctx, sec))
          .send({ title: 't', kind: 'article', body: 'x', minSeconds: 0, orgId: tree.b11.id })
      ).status,
    ).toBe(403);
  });
});
