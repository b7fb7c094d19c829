/**
 * The four study modes as activities: online study (网络式) links materials and counts having
 * studied them all as attendance — also for mobile members, also when it was done before the
 * activity opened (settled at close) — paired study (结对式) records its pairs, and a Party
 * lecture records its lecturer and topic.
 */
import { CheckIn } from '../src/modules/checkin/checkin.entity';
import { PointsEntry } from '../src/modules/points/points.entity';
import { StudyCompletion } from '../src/modules/study/study.entity';
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

describe('study activities: online, paired, lectures', () => {
  const clock = testClock('2026-11-27T09:00:00+08:00');
  let ctx: TestContext;
  let tree: Awaited<ReturnType<typeof buildTree>>;
  let admin: string;
  let sec: string;
  let secretary: BuiltMember;
  let a: BuiltMember;
  let b: BuiltMember;
  let mobile: BuiltMember;
  let early: BuiltMember;
  let outsider: BuiltMember;
  let m1: string;
  let m2: string;
  let draftMaterial: string;
  let otherTownship: string;

  const material = async (over: object) => {
    const res = await ctx.http
      .post('/api/v1/study/materials')
      .set('Authorization', admin)
      .send({ kind: 'article', body: '正文……', minSeconds: 0, orgId: tree.county.id, ...over });
    expect(res.status).toBe(201);
    return res.body.id as string;
  };
  /** Studies a material with no minimum time: a session started and finished at once. */
  const study = async (who: BuiltMember, materialId: string) => {
    const s = await ctx.http.post(`/api/v1/study/materials/${materialId}/sessions`).set('Authorization', asMember(ctx, who));
    expect(s.status).toBe(201);
    const fin = await ctx.http.post(`/api/v1/study/sessions/${s.body.sessionId}/finish`).set('Authorization', asMember(ctx, who)).send({});
    expect(fin.status).toBe(200);
    expect(fin.body.completed).toBe(true);
    return fin.body as { attended: { activityId: string; title: string }[]; pointsAwarded: number };
  };
  const create = (over: object, auth = sec) =>
    ctx.http
      .post('/api/v1/activities')
      .set('Authorization', auth)
      .send({
        title: '十二月网络学习',
        kind: 'study_session',
        studyMode: 'online',
        orgId: tree.b11.id,
        startsAt: '2026-11-27T08:00:00+08:00',
        endsAt: '2026-12-10T20:00:00+08:00',
        checkinModes: [],
        materialIds: [m1, m2],
        ...over,
      });
  const publish = (id: string) => ctx.http.post(`/api/v1/activities/${id}/publish`).set('Authorization', sec);
  const checkIn = (who: BuiltMember, activityId: string) =>
    ctx.http.post('/api/v1/checkins').set('Authorization', asMember(ctx, who)).send({ activityId });

  beforeAll(async () => {
    ctx = await createTestContext({}, { now: clock.now });
    tree = await buildTree(ctx);
    admin = asUser(ctx, await buildUser(ctx, 'county', 'pw-county-1', [{ role: 'admin', org: tree.county }]));
    secretary = await buildMember(ctx, tree.b11, { name: '甲村书记' });
    await grantRole(ctx, 'branch_secretary', tree.b11, { memberId: secretary.id });
    sec = asMember(ctx, secretary);
    a = await buildMember(ctx, tree.b11, { name: '老党员甲' });
    b = await buildMember(ctx, tree.g111, { name: '新党员乙', status: 'probationary' });
    mobile = await buildMember(ctx, tree.g111, { name: '在外务工丙', isMobile: true });
    early = await buildMember(ctx, tree.b11, { name: '早学完丁' });
    outsider = await buildMember(ctx, tree.b12, { name: '乙村党员' });
    m1 = await material({ title: '党章学习要点' });
    m2 = await material({ title: '党史知识' });
    draftMaterial = await material({ title: '草稿资料', status: 'draft' });
    otherTownship = await material({ title: '二号镇资料', orgId: tree.t2.id });
  });
  afterAll(() => ctx.close());

  describe('online study (网络式)', () => {
    let activityId: string;

    it('needs linked materials the branch can study, and may run for weeks without a check-in mode', async () => {
      const none = await create({ materialIds: [] });
      expect(none.status).toBe(400);
      expect(none.body.error.details[0].field).toBe('materialIds');
      for (const bad of [[draftMaterial], [otherTownship], ['0000000000000000000x']]) {
        const res = await create({ materialIds: bad });
        expect(res.status).toBe(400);
        expect(res.body.error.details[0]).toMatchObject({ field: 'materialIds' });
      }
      const tooLong = await create({ endsAt: '2027-01-05T08:00:00+08:00' });
      expect(tooLong.status).toBe(400);
      expect(tooLong.body.error.details[0].message).toContain('31 天');
      // Materials belong to online study only; other activities still need a check-in mode.
      const meeting = await create({ kind: 'fixed_day', studyMode: undefined, endsAt: '2026-11-27T10:00:00+08:00' });
      expect(meeting.status).toBe(400);
      expect(meeting.body.error.details.map((d: { field: string }) => d.field)).toContain('checkinModes');
      const withMaterials = await create({ studyMode: 'classroom', checkinModes: ['qr'], endsAt: '2026-11-27T10:00:00+08:00' });
      expect(withMaterials.status).toBe(400);
      expect(withMaterials.body.error.details[0].field).toBe('materialIds');

      const res = await create({});
      expect(res.status).toBe(201);
      expect(res.body).toMatchObject({
        studyMode: 'online',
        checkinModes: [],
        materials: [
          { id: m1, title: '党章学习要点' },
          { id: m2, title: '党史知识' },
        ],
      });
      activityId = res.body.id;
      await publish(activityId).expect(200);
    });

    it('shows a member the materials with their own progress and refuses check-in until all are studied', async () => {
      const seen = await ctx.http.get(`/api/v1/activities/${activityId}`).set('Authorization', asMember(ctx, a));
      expect(seen.body.materials).toEqual([
        { id: m1, title: '党章学习要点', kind: 'article', completed: false },
        { id: m2, title: '党史知识', kind: 'article', completed: false },
      ]);
      const refused = await checkIn(a, activityId);
      expect(refused.status).toBe(400);
      expect(refused.body.error).toMatchObject({ code: 'STUDY_NOT_COMPLETED', details: { remaining: [m1, m2] } });
      expect(refused.body.error.message).toMatch(/学完/);
      expect(await ctx.ds.getRepository(CheckIn).countBy({ activityId })).toBe(0);
    });

    it('counts the member present the moment the last material is studied, once, with the check-in points', async () => {
      expect((await study(a, m1)).attended).toEqual([]);
      const half = await checkIn(a, activityId);
      expect(half.body.error.details.remaining).toEqual([m2]);
      const done = await study(a, m2);
      expect(done.attended).toEqual([{ activityId, title: '十二月网络学习' }]);
      const rows = await ctx.ds.getRepository(CheckIn).findBy({ activityId, memberId: a.id });
      expect(rows).toHaveLength(1);
      expect(rows[0].method).toBe('online');
      const entries = await ctx.ds.getRepository(PointsEntry).findBy({ memberId: a.id, sourceType: 'activity', sourceId: activityId });
      expect(entries).toHaveLength(1);
      // Asking again is the first check-in back, with no second award.
      const again = await checkIn(a, activityId);
      expect(again.status).toBe(200);
      expect(again.body).toMatchObject({ pointsAwarded: 0, checkIn: { method: 'online', memberId: a.id } });
      const view = await ctx.http.get(`/api/v1/activities/${activityId}`).set('Authorization', asMember(ctx, a));
      expect(view.body).toMatchObject({ myStatus: 'checked_in', myCheckIn: { method: 'online' } });
      expect(view.body.materials.every((m: { completed: boolean }) => m.completed)).toBe(true);
    });

    it('lets a mobile member take part from afar the same way', async () => {
      await study(mobile, m2);
      expect((await study(mobile, m1)).attended.map((x) => x.activityId)).toEqual([activityId]);
      const att = await ctx.http.get(`/api/v1/activities/${activityId}/attendance`).set('Authorization', sec);
      const present = att.body.present.map((r: { memberId: string; method: string }) => [r.memberId, r.method]);
      expect(present).toEqual(
        expect.arrayContaining([
          [a.id, 'online'],
          [mobile.id, 'online'],
        ]),
      );
    });

    it('counts a member who studied before by asking (POST /checkins), also under 12 parallel requests, once', async () => {
      const other = await buildMember(ctx, tree.b11, { name: '并发党员' });
      await ctx.ds.getRepository(StudyCompletion).insert([
        { memberId: other.id, materialId: m1, sessionId: 'x', completedAt: new Date('2026-11-01T00:00:00Z') },
        { memberId: other.id, materialId: m2, sessionId: 'x', completedAt: new Date('2026-11-02T00:00:00Z') },
      ]);
      const answers = await Promise.all(Array.from({ length: 12 }, () => checkIn(other, activityId)));
      expect(answers.filter((r) => r.status === 201)).toHaveLength(1);
      expect(answers.filter((r) => r.status === 200)).toHaveLength(11);
      expect(await ctx.ds.getRepository(CheckIn).countBy({ activityId, memberId: other.id })).toBe(1);
      expect(await ctx.ds.getRepository(PointsEntry).countBy({ memberId: other.id, sourceType: 'activity', sourceId: activityId })).toBe(1);
    });

    it('does not count members outside the activity, nor studies after the end', async () => {
      await study(outsider, m1);
      expect((await study(outsider, m2)).attended).toEqual([]);
      expect((await checkIn(outsider, activityId)).body.error.code).toBe('NOT_INVITED');
      expect(await ctx.ds.getRepository(CheckIn).countBy({ activityId, memberId: outsider.id })).toBe(0);
    });

    it('settles at close: studied-before-the-end members present as of their last completion, the rest absent', async () => {
      // 早学完丁 studied both before the activity existed and never opened it.
      await ctx.ds.getRepository(StudyCompletion).insert([
        { memberId: early.id, materialId: m1, sessionId: 'y', completedAt: new Date('2026-10-01T00:00:00Z') },
        { memberId: early.id, materialId: m2, sessionId: 'y', completedAt: new Date('2026-10-02T00:00:00Z') },
      ]);
      // 新党员乙 studies one before the end and the other after it: not present.
      await study(b, m1);
      clock.set('2026-12-11T09:00:00+08:00');
      await study(b, m2);
      expect((await ctx.http.get(`/api/v1/activities/${activityId}`).set('Authorization', sec)).body.attendanceClosed).toBe(false);
      const closed = await ctx.http.post(`/api/v1/activities/${activityId}/close`).set('Authorization', sec);
      expect(closed.status).toBe(200);
      expect((await ctx.http.get(`/api/v1/activities/${activityId}`).set('Authorization', sec)).body.attendanceClosed).toBe(true);
      const row = await ctx.ds.getRepository(CheckIn).findOneByOrFail({ activityId, memberId: early.id });
      expect(row.method).toBe('online');
      expect(row.checkedInAt.toISOString()).toBe('2026-11-27T00:00:00.000Z'); // the activity's start: studied before it
      const att = await ctx.http.get(`/api/v1/activities/${activityId}/attendance`).set('Authorization', sec);
      expect(att.body.present.map((r: { memberId: string }) => r.memberId)).toContain(early.id);
      expect(att.body.absent.map((r: { memberId: string }) => r.memberId)).toEqual(expect.arrayContaining([b.id, secretary.id]));
      clock.set('2026-11-27T09:00:00+08:00');
    });
  });

  describe('reflections on an activity', () => {
    it('are for invited members of a published study activity or lecture only', async () => {
      const online = await create({ title: '心得用网络学习' });
      const note = (who: BuiltMember, activityId: string) =>
        ctx.http
          .post('/api/v1/study/notes')
          .set('Authorization', asMember(ctx, who))
          .send({ activityId, content: '通过这次网络学习，我对党章有了更深的理解。' });
      const draft = await note(a, online.body.id);
      expect(draft.status).toBe(400);
      expect(draft.body.error.details[0]).toMatchObject({ field: 'activityId', message: '活动不存在或您不在参加范围内' });
      await publish(online.body.id).expect(200);
      const ok = await note(a, online.body.id);
      expect(ok.status).toBe(201);
      expect(ok.body.note.activityId).toBe(online.body.id);
      expect((await note(outsider, online.body.id)).body.error.details[0].field).toBe('activityId');
      expect((await note(a, 'nope')).status).toBe(400);
      const meeting = await create({
        title: '主题党日',
        kind: 'fixed_day',
        studyMode: undefined,
        materialIds: undefined,
        checkinModes: ['qr'],
        endsAt: '2026-11-27T11:00:00+08:00',
      });
      await publish(meeting.body.id).expect(200);
      const notStudy = await note(a, meeting.body.id);
      expect(notStudy.status).toBe(400);
      expect(notStudy.body.error.details[0].message).toBe('只能为学习活动或党课撰写学习心得');
    });
  });

  describe('paired study (结对式)', () => {
    const paired = (over: object = {}) =>
      create({
        title: '结对学习：老带新',
        studyMode: 'paired',
        materialIds: undefined,
        checkinModes: ['qr'],
        startsAt: '2026-12-02T15:00:00+08:00',
        endsAt: '2026-12-02T17:00:00+08:00',
        ...over,
      });

    it('records who studies with whom, with names', async () => {
      const res = await paired({ pairs: [{ mentorId: a.id, menteeId: b.id }] });
      expect(res.status).toBe(201);
      expect(res.body.pairs).toEqual([{ mentorId: a.id, mentorName: '老党员甲', menteeId: b.id, menteeName: '新党员乙' }]);
      await publish(res.body.id).expect(200);
      const seen = await ctx.http.get(`/api/v1/activities/${res.body.id}`).set('Authorization', asMember(ctx, b));
      expect(seen.body.pairs).toHaveLength(1);
    });

    it.each([
      ['the same person twice', () => [{ mentorId: a.id, menteeId: a.id }], 'pairs.0.menteeId'],
      [
        'a mentee paired twice',
        () => [
          { mentorId: a.id, menteeId: b.id },
          { mentorId: early.id, menteeId: b.id },
        ],
        'pairs.1.menteeId',
      ],
      ['a member from another branch', () => [{ mentorId: outsider.id, menteeId: b.id }], 'pairs.0.mentorId'],
      ['an unknown id', () => [{ mentorId: a.id, menteeId: 'nobody' }], 'pairs.0.menteeId'],
    ])('refuses %s, writing nothing', async (_what, pairs, field) => {
      const res = await paired({ pairs: pairs() });
      expect(res.status).toBe(400);
      expect(res.body.error.details.map((d: { field: string }) => d.field)).toContain(field);
      expect(res.body.error.message).toBeTruthy();
    });

    it('refuses pairs on an activity that is not paired study', async () => {
      const res = await create({ pairs: [{ mentorId: a.id, menteeId: b.id }] });
      expect(res.status).toBe(400);
      expect(res.body.error.details[0].field).toBe('pairs');
    });

    it('lets the organiser change the pairs after publishing, not after cancelling, and not others', async () => {
      const res = await paired();
      const id = res.body.id as string;
      await publish(id).expect(200);
      const put = (auth: string, pairs: object[]) =>
        ctx.http.put(`/api/v1/activities/${id}/pairs`).set('Authorization', auth).send({ pairs });
      const ok = await put(sec, [
        { mentorId: a.id, menteeId: b.id },
        { mentorId: a.id, menteeId: mobile.id },
      ]);
      expect(ok.status).toBe(200);
      expect(ok.body.map((p: { menteeName: string }) => p.menteeName)).toEqual(['新党员乙', '在外务工丙']);
      expect((await put(asMember(ctx, a), [])).status).toBe(403);
      expect((await put(sec, [{ mentorId: a.id }])).status).toBe(400);
      await ctx.http.post(`/api/v1/activities/${id}/cancel`).set('Authorization', sec).expect(200);
      const cancelled = await put(sec, []);
      expect(cancelled.status).toBe(409);
      expect(cancelled.body.error.code).toBe('ACTIVITY_CANCELLED');
      const view = await ctx.http.get(`/api/v1/activities/${id}`).set('Authorization', sec);
      expect(view.body.pairs).toHaveLength(2);
    });
  });

  it('records a Party lecture with its lecturer and topic', async () => {
    const res = await create({
      title: '党课',
      kind: 'party_lecture',
      studyMode: 'classroom',
      materialIds: undefined,
      checkinModes: ['qr'],
      lecturer: '王书记',
      topic: '学习贯彻全会精神',
      startsAt: '2026-12-03T14:00:00+08:00',
      endsAt: '2026-12-03T16:00:00+08:00',
    });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ kind: 'party_lecture', lecturer: '王书记', topic: '学习贯彻全会精神', studyMode: 'classroom' });
    const edited = await ctx.http.patch(`/api/v1/activities/${res.body.id}`).set('Authorization', sec).send({ topic: '弘扬伟大建党精神' });
    expect(edited.body).toMatchObject({ topic: '弘扬伟大建党精神' });
    const long = await ctx.http
      .patch(`/api/v1/activities/${res.body.id}`)
      .set('Authorization', sec)
      .send({ topic: '长'.repeat(101) });
    expect(long.status).toBe(400);
  });
});
