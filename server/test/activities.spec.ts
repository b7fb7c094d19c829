import ExcelJS from 'exceljs';
import { Activity } from '../src/modules/activity/activity.entity';
import { CheckIn } from '../src/modules/checkin/checkin.entity';
import { PointsEntry } from '../src/modules/points/points.entity';
import { verifyBalances } from '../src/modules/points/points.verify';
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

// The meeting: 2026-12-01 09:00–11:00 in the township; the venue at 39.90, 116.40 with 200 m.
const START = '2026-12-01T09:00:00+08:00';
const END = '2026-12-01T11:00:00+08:00';
const VENUE = { name: '甲村党员活动室', lat: 39.9, lng: 116.4, radiusM: 200 };

describe('activities and check-in', () => {
  const clock = testClock('2026-11-27T09:00:00+08:00');
  let ctx: TestContext;
  let tree: Awaited<ReturnType<typeof buildTree>>;
  let secretary: BuiltMember;
  let sec: string;
  let county: string;
  let members: BuiltMember[];
  let outsider: BuiltMember;

  beforeAll(async () => {
    ctx = await createTestContext({}, { now: clock.now });
    tree = await buildTree(ctx);
    secretary = await buildMember(ctx, tree.b11, { name: '甲村书记' });
    await grantRole(ctx, 'branch_secretary', tree.b11, { memberId: secretary.id });
    sec = asMember(ctx, secretary);
    county = asUser(ctx, await buildUser(ctx, 'county', 'pw-county-1', [{ role: 'admin', org: tree.county }]));
    members = [];
    for (let i = 0; i < 30; i++) members.push(await buildMember(ctx, i % 2 ? tree.g111 : tree.b11, { name: `甲村党员${i}` }));
    outsider = await buildMember(ctx, tree.b12, { name: '乙村党员' });
  });
  afterAll(() => ctx.close());

  const create = (auth: string, over: object = {}) =>
    ctx.http
      .post('/api/v1/activities')
      .set('Authorization', auth)
      .send({
        title: '十二月主题党日',
        kind: 'fixed_day',
        orgId: tree.b11.id,
        startsAt: START,
        endsAt: END,
        location: VENUE,
        checkinModes: ['qr', 'geo'],
        ...over,
      });
  const publish = (id: string, auth = sec) => ctx.http.post(`/api/v1/activities/${id}/publish`).set('Authorization', auth);
  const code = async (id: string) => (await ctx.http.get(`/api/v1/activities/${id}/checkin-code`).set('Authorization', sec)).body;
  const checkIn = (m: { id: string }, body: object) => ctx.http.post('/api/v1/checkins').set('Authorization', asMember(ctx, m)).send(body);
  async function published(over: object = {}) {
    clock.set('2026-11-27T09:00:00+08:00');
    const a = await create(sec, over);
    expect(a.status).toBe(201);
    await publish(a.body.id).expect(200);
    return a.body.id as string;
  }

  describe('create and publish', () => {
    it('lets the branch secretary create a draft, invisible to members until published', async () => {
      const res = await create(sec);
      expect(res.status).toBe(201);
      expect(res.body).toMatchObject({
        status: 'draft',
        kind: 'fixed_day',
        orgName: '甲村党支部',
        checkinModes: ['qr', 'geo'],
        location: VENUE,
        canManage: true,
      });
      expect(res.body.startsAt).toBe('2026-12-01T09:00:00+08:00');
      expect((await ctx.http.get(`/api/v1/activities/${res.body.id}`).set('Authorization', asMember(ctx, members[0]))).status).toBe(404);
      const pub = await publish(res.body.id);
      expect(pub.body.status).toBe('published');
      const seen = await ctx.http.get(`/api/v1/activities/${res.body.id}`).set('Authorization', asMember(ctx, members[1]));
      expect(seen.body).toMatchObject({ status: 'published', canManage: false, myStatus: 'not_started' });
      const list = await ctx.http.get('/api/v1/activities?mine=true').set('Authorization', asMember(ctx, members[1]));
      expect(list.body.items.map((a: { id: string }) => a.id)).toContain(res.body.id);
      expect(
        (await ctx.http.get('/api/v1/activities').set('Authorization', asMember(ctx, outsider))).body.items.map(
          (a: { id: string }) => a.id,
        ),
      ).not.toContain(res.body.id);
      const edit = await ctx.http.patch(`/api/v1/activities/${res.body.id}`).set('Authorization', sec).send({ title: '改名' });
      expect(edit.status).toBe(409);
      expect(edit.body.error.code).toBe('ACTIVITY_NOT_DRAFT');
    });

    it('refuses to create outside the caller scope', async () => {
      expect((await create(sec, { orgId: tree.b12.id })).status).toBe(403);
      expect((await create(asMember(ctx, members[0]))).status).toBe(403);
    });

    it.each([
      [{ endsAt: '2026-12-01T08:00:00+08:00' }, 'endsAt'],
      [{ startsAt: '2026-12-01 09:00' }, 'startsAt'],
      [{ startsAt: '2026-02-30T09:00:00+08:00' }, 'startsAt'],
      [{ kind: 'party' }, 'kind'],
      [{ checkinModes: [] }, 'checkinModes'],
      [{ checkinModes: ['face'] }, 'checkinModes'],
      [{ location: undefined, checkinModes: ['geo'] }, 'location'],
      [{ location: { ...VENUE, lat: 91 } }, 'location.lat'],
      [{ location: { ...VENUE, lat: 'abc' } }, 'location.lat'],
      [{ location: { ...VENUE, radiusM: 5 } }, 'location.radiusM'],
      [{ title: '' }, 'title'],
      [{ title: '长'.repeat(101) }, 'title'],
      [{ studyMode: 'online' }, 'studyMode'],
      [{ endsAt: '2026-12-09T09:00:00+08:00' }, 'endsAt'],
      [{ secret: 1 }, 'secret'],
    ])('refuses %j naming %s', async (over, field) => {
      const res = await create(sec, over);
      expect(res.status).toBe(400);
      expect(res.body.error.details.map((d: { field: string }) => d.field)).toContain(field);
    });
  });

  describe('QR check-in', () => {
    it('checks in once with points; a second time returns the first check-in and 0 points', async () => {
      const id = await published();
      clock.set('2026-12-01T08:40:00+08:00');
      const { token, qrText, expiresAt } = await code(id);
      expect(qrText).toBe(`djzy:checkin:${id}:${token}`);
      expect(new Date(expiresAt).getTime() - clock.now().getTime()).toBeLessThanOrEqual(60_000);
      const first = await checkIn(members[0], { activityId: id, token });
      expect(first.status).toBe(201);
      expect(first.body).toMatchObject({
        pointsAwarded: 2,
        checkIn: { method: 'qr', memberId: members[0].id, distanceM: null, flagged: false },
      });
      const again = await checkIn(members[0], { activityId: id, token });
      expect(again.status).toBe(200);
      expect(again.body).toEqual({ checkIn: first.body.checkIn, pointsAwarded: 0 });
      const entries = await ctx.ds.getRepository(PointsEntry).findBy({ memberId: members[0].id, sourceId: id });
      expect(entries).toHaveLength(1);
      expect(entries[0]).toMatchObject({ ruleCode: 'meeting_fixed_day', sourceType: 'activity', reason: '参加主题党日：十二月主题党日' });
      const me = await ctx.http.get(`/api/v1/activities/${id}`).set('Authorization', asMember(ctx, members[0]));
      expect(me.body).toMatchObject({ myStatus: 'checked_in', checkedInCount: 1 });
    });

    it('answers a late retry (token expired, window closed) with the first check-in, not an error', async () => {
      const id = await published();
      clock.set('2026-12-01T10:59:00+08:00');
      const { token } = await code(id);
      const first = await checkIn(members[27], { activityId: id, token });
      expect(first.status).toBe(201);
      clock.set('2026-12-01T11:05:00+08:00');
      const retry = await checkIn(members[27], { activityId: id, token });
      expect(retry.status).toBe(200);
      expect(retry.body).toEqual({ checkIn: first.body.checkIn, pointsAwarded: 0 });
    });

    it('counts 25 concurrent identical check-ins once, with points once', async () => {
      const id = await published();
      clock.set('2026-12-01T09:05:00+08:00');
      const { token } = await code(id);
      const m = members[2];
      const results = await Promise.all(Array.from({ length: 25 }, () => checkIn(m, { activityId: id, token })));
      expect(results.filter((r) => r.status === 201)).toHaveLength(1);
      expect(results.filter((r) => r.status === 200)).toHaveLength(24);
      expect(results.reduce((s, r) => s + r.body.pointsAwarded, 0)).toBe(2);
      expect(new Set(results.map((r) => r.body.checkIn.id)).size).toBe(1);
      expect(await ctx.ds.getRepository(CheckIn).countBy({ activityId: id, memberId: m.id })).toBe(1);
      expect(await ctx.ds.getRepository(PointsEntry).countBy({ memberId: m.id, sourceId: id })).toBe(1);
    });

    it('takes a burst of a whole branch at once — every member twice — in batches, each counted and awarded once', async () => {
      const id = await published();
      clock.set('2026-12-01T09:00:00+08:00');
      const { token } = await code(id);
      const before = { ...ctx.services.checkins.writer.stats };
      const results = await Promise.all([...members, ...members].map((m) => checkIn(m, { activityId: id, token })));
      expect(results.filter((r) => r.status === 201)).toHaveLength(members.length);
      expect(results.filter((r) => r.status === 200)).toHaveLength(members.length);
      expect(results.reduce((sum, r) => sum + r.body.pointsAwarded, 0)).toBe(2 * members.length);
      for (const m of members)
        expect(new Set(results.filter((r) => r.body.checkIn.memberId === m.id).map((r) => r.body.checkIn.id)).size).toBe(1);
      expect(await ctx.ds.getRepository(CheckIn).countBy({ activityId: id })).toBe(members.length);
      expect(await ctx.ds.getRepository(PointsEntry).countBy({ sourceId: id })).toBe(members.length);
      // Never more transactions than requests (on MySQL far fewer: they gather behind round trips).
      expect(ctx.services.checkins.writer.stats.batches - before.batches).toBeLessThanOrEqual(results.length);
      expect((await verifyBalances(ctx.ds)).drift).toEqual([]);
    });

    it('writes check-ins that arrive together in one transaction, and one bad one fails alone', async () => {
      const id = await published();
      clock.set('2026-12-01T09:00:00+08:00');
      const activity = await ctx.ds.getRepository(Activity).findOneByOrFail({ id });
      const writer = ctx.services.checkins.writer;
      const item = (m: BuiltMember) => ({
        member: { id: m.id, name: m.name },
        activity,
        method: 'qr' as const,
        distanceM: null,
        ipTag: null,
        slot: '1',
        flagged: false,
        recordedBy: m.id,
        at: new Date('2026-12-01T01:00:00Z'),
        earnsPoints: true,
      });
      const before = writer.stats.batches;
      const readBacks = writer.stats.readBacks;
      const outcomes = await Promise.all(members.slice(0, 20).map((m) => writer.submit(item(m))));
      expect(outcomes.every((o) => o.created && o.pointsAwarded === 2)).toBe(true);
      expect(writer.stats.batches - before).toBe(1);
      // Every row went in: on MySQL the driver says so and nothing is read back.
      if (process.env.TEST_DB === 'mysql') expect(writer.stats.readBacks).toBe(readBacks);
      const stored = await ctx.ds.getRepository(CheckIn).findOneByOrFail({ activityId: id, memberId: members[0].id });
      expect(outcomes[0].checkIn).toMatchObject({ id: stored.id, checkedInAt: stored.checkedInAt, method: 'qr', flagged: false });
      // A check-in that cannot be written (here: no member id) fails on its own; its batch-mates are written.
      const broken = { ...item(members[21]), member: { id: null as unknown as string, name: '无编号' } };
      const mixed = await Promise.allSettled([writer.submit(item(members[20])), writer.submit(broken), writer.submit(item(members[22]))]);
      expect(mixed.map((r) => r.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
      expect(await ctx.ds.getRepository(CheckIn).countBy({ activityId: id })).toBe(22);
      expect(await ctx.ds.getRepository(PointsEntry).countBy({ sourceId: id })).toBe(22);
    });

    it('refuses forged, foreign, expired and future tokens', async () => {
      const id = await published();
      const other = await published({ title: '另一个活动' });
      clock.set('2026-12-01T09:00:00+08:00');
      const { token } = await code(id);
      const { token: foreign } = await code(other);
      const m = members[3];
      const forged = token.slice(0, -2) + (token.endsWith('AA') ? 'BB' : 'AA');
      for (const [t, errorCode] of [
        [forged, 'CHECKIN_TOKEN_INVALID'],
        [foreign, 'CHECKIN_TOKEN_INVALID'],
        ['garbage', 'CHECKIN_TOKEN_INVALID'],
      ]) {
        const res = await checkIn(m, { activityId: id, token: t });
        expect(res.status).toBe(400);
        expect(res.body.error.code).toBe(errorCode);
        expect(res.body.error.message).toMatch(/签到码/);
      }
      clock.advance(30_000);
      expect((await checkIn(m, { activityId: id, token })).status).toBe(201); // the grace slot
      const m2 = members[4];
      clock.advance(31_000);
      const expired = await checkIn(m2, { activityId: id, token });
      expect(expired.body.error.code).toBe('CHECKIN_TOKEN_EXPIRED');
      clock.advance(5 * 60_000);
      const future = (await code(id)).token;
      clock.advance(-5 * 60_000);
      expect((await checkIn(m2, { activityId: id, token: future })).body.error.code).toBe('CHECKIN_TOKEN_INVALID');
      expect((await checkIn(m2, { activityId: id })).body.error.code).toBe('CHECKIN_TOKEN_INVALID');
      expect(await ctx.ds.getRepository(CheckIn).countBy({ activityId: id, memberId: m2.id })).toBe(0);
    });

    it('is open from 30 minutes before the start to the end only', async () => {
      const id = await published();
      const m = members[5];
      clock.set('2026-12-01T08:29:00+08:00');
      const early = await checkIn(m, { activityId: id, token: (await code(id)).token });
      expect(early.body.error.code).toBe('CHECKIN_CLOSED');
      clock.set('2026-12-01T11:00:30+08:00');
      const late = await checkIn(m, { activityId: id, token: (await code(id)).token });
      expect(late.body.error.code).toBe('CHECKIN_CLOSED');
      expect(late.body.error.message).toMatch(/签到时间/);
    });

    it('refuses members outside the org, and draft or cancelled activities', async () => {
      const id = await published();
      clock.set('2026-12-01T09:00:00+08:00');
      const { token } = await code(id);
      const res = await checkIn(outsider, { activityId: id, token });
      expect(res.status).toBe(403);
      expect(res.body.error.code).toBe('NOT_INVITED');
      await ctx.http.post(`/api/v1/activities/${id}/cancel`).set('Authorization', sec).expect(200);
      expect((await checkIn(members[6], { activityId: id, token })).body.error.code).toBe('CHECKIN_NOT_OPEN');
      clock.set('2026-11-27T09:00:00+08:00');
      const draft = await create(sec);
      expect((await checkIn(members[6], { activityId: draft.body.id, token })).status).toBe(404);
      expect((await checkIn(members[6], { activityId: 'nosuchactivity', token })).status).toBe(404);
    });

    it('invites the members of the whole subtree and the chosen extras', async () => {
      clock.set('2026-11-27T09:00:00+08:00');
      const t = await ctx.http
        .post('/api/v1/activities')
        .set('Authorization', county)
        .send({
          title: '全镇党课',
          kind: 'party_lecture',
          orgId: tree.t1.id,
          startsAt: START,
          endsAt: END,
          checkinModes: ['qr'],
          lecturer: '镇党委书记',
          extraMemberIds: [],
        });
      expect(t.status).toBe(201);
      await publish(t.body.id, county).expect(200);
      clock.set('2026-12-01T09:00:00+08:00');
      const { token } = (await ctx.http.get(`/api/v1/activities/${t.body.id}/checkin-code`).set('Authorization', county)).body;
      expect((await checkIn(outsider, { activityId: t.body.id, token })).status).toBe(201);
      const far = await buildMember(ctx, tree.b21);
      expect((await checkIn(far, { activityId: t.body.id, token })).body.error.code).toBe('NOT_INVITED');
    });

    it('flags (does not block) many check-ins from one address in one slot', async () => {
      const id = await published();
      clock.set('2026-12-01T09:10:00+08:00');
      const { token } = await code(id);
      const results = [];
      for (const m of members.slice(10, 19)) results.push(await checkIn(m, { activityId: id, token }));
      expect(results.every((r) => r.status === 201)).toBe(true);
      expect(results.map((r) => r.body.checkIn.flagged)).toEqual([false, false, false, false, false, false, false, true, true]);
    });
  });

  describe('geofence', () => {
    it('checks in within the radius, keeping only the distance', async () => {
      const id = await published();
      clock.set('2026-12-01T09:00:00+08:00');
      const near = await checkIn(members[7], { activityId: id, lat: 39.9009, lng: 116.4, accuracyM: 15 });
      expect(near.status).toBe(201);
      expect(near.body.checkIn).toMatchObject({ method: 'geo', distanceM: 100 });
      const row = await ctx.ds.getRepository(CheckIn).findOneByOrFail({ id: near.body.checkIn.id });
      expect(JSON.stringify(row)).not.toContain('39.9009');
    });

    it('refuses a position out of range with the distance in details', async () => {
      const id = await published();
      clock.set('2026-12-01T09:00:00+08:00');
      const far = await checkIn(members[8], { activityId: id, lat: 39.91, lng: 116.4 });
      expect(far.status).toBe(400);
      expect(far.body.error.code).toBe('CHECKIN_OUT_OF_RANGE');
      expect(far.body.error.details.distanceM).toBeGreaterThan(1000);
      expect(far.body.error.message).toMatch(/米/);
    });

    it.each([
      [{ lat: 91, lng: 116.4 }, 400, 'VALIDATION_FAILED'],
      [{ lat: 'NaN', lng: 116.4 }, 400, 'VALIDATION_FAILED'],
      [{ lat: 39.9 }, 400, 'CHECKIN_LOCATION_REQUIRED'],
    ])('refuses bad coordinates %j', async (coords, status, errorCode) => {
      const id = await published();
      clock.set('2026-12-01T09:00:00+08:00');
      const res = await checkIn(members[9], { activityId: id, ...coords });
      expect(res.status).toBe(status);
      expect(res.body.error.code).toBe(errorCode);
    });

    it('does not take a location when the activity has no geofence', async () => {
      const id = await published({ checkinModes: ['qr'], location: undefined });
      clock.set('2026-12-01T09:00:00+08:00');
      const res = await checkIn(members[9], { activityId: id, lat: 39.9, lng: 116.4 });
      expect(res.body.error.code).toBe('CHECKIN_MODE_NOT_ALLOWED');
    });
  });

  describe('roster check-in, leave and attendance', () => {
    it('lets the organiser check in a member without a phone, once, with the same points', async () => {
      const id = await published({ kind: 'org_life_meeting', title: '年度组织生活会' });
      clock.set('2026-12-01T10:00:00+08:00');
      const m = members[20];
      const first = await ctx.http.post(`/api/v1/activities/${id}/checkins`).set('Authorization', sec).send({ memberId: m.id });
      expect(first.status).toBe(201);
      expect(first.body).toMatchObject({ pointsAwarded: 5, checkIn: { method: 'roster', memberName: m.name } });
      const again = await ctx.http.post(`/api/v1/activities/${id}/checkins`).set('Authorization', sec).send({ memberId: m.id });
      expect(again.status).toBe(200);
      expect(again.body.pointsAwarded).toBe(0);
      expect(
        (await ctx.http.post(`/api/v1/activities/${id}/checkins`).set('Authorization', sec).send({ memberId: outsider.id })).body.error
          .code,
      ).toBe('MEMBER_NOT_INVITED');
      expect(
        (
          await ctx.http
            .post(`/api/v1/activities/${id}/checkins`)
            .set('Authorization', asMember(ctx, members[21]))
            .send({ memberId: members[22].id })
        ).status,
      ).toBe(403);
    });

    it('takes leave before the start, approved by the organiser, and shows the attendance sheet', async () => {
      const id = await published();
      clock.set('2026-11-30T20:00:00+08:00');
      const leave = await ctx.http
        .post(`/api/v1/activities/${id}/leave`)
        .set('Authorization', asMember(ctx, members[23]))
        .send({ reason: '在外务工' });
      expect(leave.status).toBe(201);
      expect(leave.body).toMatchObject({ status: 'pending', reason: '在外务工' });
      const dup = await ctx.http
        .post(`/api/v1/activities/${id}/leave`)
        .set('Authorization', asMember(ctx, members[23]))
        .send({ reason: '再请一次' });
      expect(dup.status).toBe(200);
      expect(dup.body.id).toBe(leave.body.id);
      expect(
        (await ctx.http.post(`/api/v1/leave-requests/${leave.body.id}/approve`).set('Authorization', asMember(ctx, members[24]))).status,
      ).toBe(403);
      const approved = await ctx.http.post(`/api/v1/leave-requests/${leave.body.id}/approve`).set('Authorization', sec);
      expect(approved.body.status).toBe('approved');
      expect((await ctx.http.post(`/api/v1/leave-requests/${leave.body.id}/reject`).set('Authorization', sec)).body.error.code).toBe(
        'LEAVE_ALREADY_DECIDED',
      );

      clock.set('2026-12-01T09:00:00+08:00');
      const tooLate = await ctx.http
        .post(`/api/v1/activities/${id}/leave`)
        .set('Authorization', asMember(ctx, members[24]))
        .send({ reason: '有事' });
      expect(tooLate.body.error.code).toBe('LEAVE_TOO_LATE');
      const { token } = await code(id);
      await checkIn(members[25], { activityId: id, token }).expect(201);
      await checkIn(secretary, { activityId: id, token }).expect(201);

      clock.set('2026-12-01T12:00:00+08:00');
      const sheet = await ctx.http.get(`/api/v1/activities/${id}/attendance`).set('Authorization', sec);
      expect(sheet.status).toBe(200);
      expect(sheet.body.present.map((r: { name: string }) => r.name).sort()).toEqual([members[25].name, '甲村书记'].sort());
      expect(sheet.body.excused.map((r: { name: string; leaveReason: string }) => [r.name, r.leaveReason])).toEqual([
        [members[23].name, '在外务工'],
      ]);
      expect(sheet.body.absent).toHaveLength(members.length - 2);
      expect(sheet.body.rate).toBeCloseTo(2 / 30, 3);
      expect(sheet.body.closed).toBe(true);
      expect((await ctx.http.get(`/api/v1/activities/${id}/attendance`).set('Authorization', asMember(ctx, members[25]))).status).toBe(403);
      const mine = await ctx.http.get(`/api/v1/activities/${id}`).set('Authorization', asMember(ctx, members[26]));
      expect(mine.body.myStatus).toBe('absent');

      const xlsx = await ctx.http
        .get(`/api/v1/activities/${id}/attendance.xlsx`)
        .set('Authorization', sec)
        .buffer(true)
        .parse((r, cb) => {
          const chunks: Buffer[] = [];
          r.on('data', (c: Buffer) => chunks.push(c));
          r.on('end', () => cb(null, Buffer.concat(chunks)));
        });
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.load(xlsx.body);
      const text = JSON.stringify(wb.worksheets[0].getSheetValues());
      expect(text).toContain('实到 2 人');
      expect(text).toContain('在外务工');
      expect(text).toContain('缺席');
    });

    it('gives the organiser the QR code, and nobody else', async () => {
      const id = await published({ checkinModes: ['qr'], location: undefined });
      expect((await ctx.http.get(`/api/v1/activities/${id}/checkin-code`).set('Authorization', asMember(ctx, members[0]))).status).toBe(
        403,
      );
      expect((await ctx.http.get(`/api/v1/activities/${id}/checkin-code`).set('Authorization', asMember(ctx, outsider))).status).toBe(404);
      const geoOnly = await published({ checkinModes: ['geo'] });
      expect((await ctx.http.get(`/api/v1/activities/${geoOnly}/checkin-code`).set('Authorization', sec)).body.error.code).toBe(
        'CHECKIN_MODE_NOT_ALLOWED',
      );
    });
  });
});
