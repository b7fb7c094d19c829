import sharp from 'sharp';
import { PointsEntry } from '../src/modules/points/points.entity';
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

// Real images (the server decodes every upload), made once before the tests.
let PNG: Buffer;
let JPEG: Buffer;
beforeAll(async () => {
  const pixels = { create: { width: 8, height: 6, channels: 3 as const, background: { r: 200, g: 30, b: 30 } } };
  PNG = await sharp(pixels).png().toBuffer();
  JPEG = await sharp(pixels)
    .jpeg()
    .withMetadata({ exif: { IFD0: { Copyright: 'djzy' } } })
    .toBuffer();
});

describe('记实, follow-up of absences and org-life frequency', () => {
  const clock = testClock('2026-01-01T09:00:00+08:00');
  let ctx: TestContext;
  let tree: Awaited<ReturnType<typeof buildTree>>;
  let sec: string;
  let secretary: BuiltMember;
  let county: string;
  let regular: BuiltMember;
  let truant: BuiltMember;
  let excusedOnce: BuiltMember;

  beforeAll(async () => {
    ctx = await createTestContext({}, { now: clock.now });
    tree = await buildTree(ctx);
    secretary = await buildMember(ctx, tree.b12, { name: '乙村书记' });
    await grantRole(ctx, 'branch_secretary', tree.b12, { memberId: secretary.id });
    sec = asMember(ctx, secretary);
    county = asUser(ctx, await buildUser(ctx, 'county', 'pw-county-1', [{ role: 'admin', org: tree.county }]));
    regular = await buildMember(ctx, tree.b12, { name: '按时参加' });
    truant = await buildMember(ctx, tree.b12, { name: '连续缺席' });
    excusedOnce = await buildMember(ctx, tree.b12, { name: '请过假' });
  });
  afterAll(() => ctx.close());

  async function meeting(month: number, kind = 'fixed_day') {
    const mm = String(month).padStart(2, '0');
    clock.set(`2026-${mm}-01T09:00:00+08:00`);
    const a = await ctx.http
      .post('/api/v1/activities')
      .set('Authorization', sec)
      .send({
        title: `${month}月主题党日`,
        kind,
        orgId: tree.b12.id,
        startsAt: `2026-${mm}-10T09:00:00+08:00`,
        endsAt: `2026-${mm}-10T11:00:00+08:00`,
        checkinModes: ['qr'],
      });
    expect(a.status).toBe(201);
    await ctx.http.post(`/api/v1/activities/${a.body.id}/publish`).set('Authorization', sec).expect(200);
    return a.body.id as string;
  }

  describe('记实', () => {
    it('keeps minutes and up to nine real images, visible to members through signed URLs', async () => {
      const id = await meeting(1);
      const put = await ctx.http
        .put(`/api/v1/activities/${id}/record`)
        .set('Authorization', sec)
        .send({ minutes: '学习了《中国共产党章程》第一章。' });
      expect(put.status).toBe(200);
      expect(put.body.minutes).toBe('学习了《中国共产党章程》第一章。');
      const upload = (data: Buffer, name = 'a.png') =>
        ctx.http.post(`/api/v1/activities/${id}/photos`).set('Authorization', sec).attach('file', data, name);
      const first = await upload(PNG);
      expect(first.status).toBe(201);
      expect(first.body).toMatchObject({ contentType: 'image/png' });
      expect(first.body.size).toBeGreaterThan(0);
      const fake = await upload(Buffer.from('<html>not an image</html>'), 'x.png');
      expect(fake.status).toBe(400);
      expect(fake.body.error.code).toBe('PHOTO_INVALID');
      // A PNG signature followed by script: the header alone does not make an image.
      const disguised = await upload(
        Buffer.concat([PNG.subarray(0, 16), Buffer.from('<script>alert(document.cookie)</script>'.repeat(20))]),
        'y.png',
      );
      expect(disguised.status).toBe(400);
      expect(disguised.body.error.code).toBe('PHOTO_INVALID');
      const big = await upload(Buffer.concat([JPEG, Buffer.alloc(6 * 1024 * 1024)]), 'big.jpg');
      expect(big.status).toBe(413);
      const more = await Promise.all(Array.from({ length: 10 }, () => upload(JPEG, 'b.jpg')));
      expect(more.filter((r) => r.status === 201)).toHaveLength(8);
      expect(more.filter((r) => r.status === 409).every((r) => r.body.error.code === 'PHOTO_LIMIT')).toBe(true);

      const seen = await ctx.http.get(`/api/v1/activities/${id}/record`).set('Authorization', asMember(ctx, regular));
      expect(seen.body.photos).toHaveLength(9);
      const img = await ctx.http.get(seen.body.photos[0].url).buffer(true);
      expect(img.status).toBe(200);
      expect(img.headers['content-type']).toBe('image/png');
      expect(img.headers['x-content-type-options']).toBe('nosniff');
      expect(img.headers['content-security-policy']).toMatch(/default-src 'none'.*sandbox/);
      // What is served is a decodable image, re-encoded: trailing bytes and metadata are not kept.
      expect((await sharp(img.body as Buffer).metadata()).format).toBe('png');
      const jpeg = seen.body.photos.find((ph: { contentType: string }) => ph.contentType === 'image/jpeg');
      const jpegBytes = (await ctx.http.get(jpeg.url).buffer(true)).body as Buffer;
      expect((await sharp(JPEG).metadata()).exif).toBeDefined();
      expect((await sharp(jpegBytes).metadata()).exif).toBeUndefined();
      const forged = seen.body.photos[0].url.replace(/sig=[^&]+/, 'sig=AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA');
      expect((await ctx.http.get(forged)).status).toBe(404);
      expect(
        (await ctx.http.put(`/api/v1/activities/${id}/record`).set('Authorization', asMember(ctx, regular)).send({ minutes: 'x' })).status,
      ).toBe(403);
      const outsider = await buildMember(ctx, tree.b11);
      expect((await ctx.http.get(`/api/v1/activities/${id}/record`).set('Authorization', asMember(ctx, outsider))).status).toBe(404);
      const del = await ctx.http.delete(`/api/v1/activities/${id}/photos/${first.body.id}`).set('Authorization', sec);
      expect(del.status).toBe(204);
    });
  });

  describe('closing attendance', () => {
    it('takes absence points once, and issues a notice after three unexcused absences in a row', async () => {
      const ids: string[] = [];
      for (const month of [2, 3, 4]) {
        const id = await meeting(month);
        ids.push(id);
        const mm = String(month).padStart(2, '0');
        if (month === 3) {
          clock.set(`2026-${mm}-09T09:00:00+08:00`);
          const leave = await ctx.http
            .post(`/api/v1/activities/${id}/leave`)
            .set('Authorization', asMember(ctx, excusedOnce))
            .send({ reason: '住院' });
          await ctx.http.post(`/api/v1/leave-requests/${leave.body.id}/approve`).set('Authorization', sec).expect(200);
        }
        clock.set(`2026-${mm}-10T09:05:00+08:00`);
        await ctx.http.post(`/api/v1/activities/${id}/checkins`).set('Authorization', sec).send({ memberId: regular.id }).expect(201);
        await ctx.http.post(`/api/v1/activities/${id}/checkins`).set('Authorization', sec).send({ memberId: secretary.id }).expect(201);
        const early = await ctx.http.post(`/api/v1/activities/${id}/close`).set('Authorization', sec);
        expect(early.body.error.code).toBe('ACTIVITY_NOT_ENDED');
        clock.set(`2026-${mm}-11T09:00:00+08:00`);
        const closed = await ctx.http.post(`/api/v1/activities/${id}/close`).set('Authorization', sec);
        expect(closed.status).toBe(200);
        // Closing twice changes nothing.
        await ctx.http.post(`/api/v1/activities/${id}/close`).set('Authorization', sec).expect(200);
      }
      const penalties = await ctx.ds.getRepository(PointsEntry).findBy({ memberId: truant.id, ruleCode: 'absence' });
      expect(penalties).toHaveLength(3);
      expect(penalties.every((e) => e.delta === -3)).toBe(true);
      expect(await ctx.ds.getRepository(PointsEntry).countBy({ memberId: regular.id, ruleCode: 'absence' })).toBe(0);

      const list = await ctx.http.get('/api/v1/rectifications?status=open').set('Authorization', sec);
      expect(list.body.items.map((n: { memberName: string }) => n.memberName)).toEqual(['连续缺席']);
      const notice = list.body.items[0];
      expect(notice.missed.map((m: { activityId: string }) => m.activityId)).toEqual(ids);
      expect(notice.content).toContain('连续 3 次');
      expect(notice.deadline).toBe('2026-05-11');
      const mine = await ctx.http.get('/api/v1/me/rectifications').set('Authorization', asMember(ctx, truant));
      expect(mine.body.map((n: { id: string }) => n.id)).toEqual([notice.id]);
      expect((await ctx.http.get('/api/v1/me/rectifications').set('Authorization', asMember(ctx, excusedOnce))).body).toEqual([]);
      expect((await ctx.http.get('/api/v1/rectifications').set('Authorization', asMember(ctx, truant))).status).toBe(403);

      const resolved = await ctx.http
        .post(`/api/v1/rectifications/${notice.id}/resolve`)
        .set('Authorization', sec)
        .send({ resolution: '本人已书面说明，承诺按时参加' });
      expect(resolved.body).toMatchObject({ status: 'resolved', resolution: '本人已书面说明，承诺按时参加' });
      const again = await ctx.http
        .post(`/api/v1/rectifications/${notice.id}/resolve`)
        .set('Authorization', sec)
        .send({ resolution: '再销一次' });
      expect(again.body.error.code).toBe('RECTIFICATION_ALREADY_RESOLVED');
    });
  });

  describe('org-life frequency', () => {
    it('shows which required meetings each branch held and missed', async () => {
      clock.set('2026-05-20T09:00:00+08:00');
      const res = await ctx.http.get(`/api/v1/org-life/frequency?orgId=${tree.t1.id}&year=2026`).set('Authorization', county);
      expect(res.status).toBe(200);
      const row = res.body.branches.find((b: { orgName: string }) => b.orgName === '乙村党支部');
      const fixedDay = row.cells.filter((c: { kind: string }) => c.kind === 'fixed_day');
      expect(
        fixedDay.map((c: { period: string; held: number; missed: boolean; current: boolean }) => [c.period, c.held, c.missed, c.current]),
      ).toEqual([
        ['2026-01', 1, false, false],
        ['2026-02', 1, false, false],
        ['2026-03', 1, false, false],
        ['2026-04', 1, false, false],
        ['2026-05', 0, false, true],
      ]);
      const lecture = row.cells.filter((c: { kind: string }) => c.kind === 'party_lecture');
      expect(lecture.map((c: { period: string; missed: boolean }) => [c.period, c.missed])).toEqual([
        ['2026-Q1', true],
        ['2026-Q2', false],
      ]);
      const other = res.body.branches.find((b: { orgName: string }) => b.orgName === '甲村党支部');
      expect(other.missedCount).toBe(4 * 3 + 1 * 2);
      expect((await ctx.http.get('/api/v1/org-life/frequency').set('Authorization', asMember(ctx, regular))).status).toBe(403);
    });

    it('lets an admin change a branch plan', async () => {
      const res = await ctx.http
        .put(`/api/v1/org-life/plans/${tree.b12.id}`)
        .set('Authorization', county)
        .send({ plan: { party_lecture: 'year' } });
      expect(res.body.party_lecture).toBe('year');
      const freq = await ctx.http.get(`/api/v1/org-life/frequency?orgId=${tree.b12.id}&year=2026`).set('Authorization', county);
      expect(
        freq.body.branches[0].cells.filter((c: { kind: string }) => c.kind === 'party_lecture').map((c: { period: string }) => c.period),
      ).toEqual(['2026']);
      expect(
        (
          await ctx.http
            .put(`/api/v1/org-life/plans/${tree.b12.id}`)
            .set('Authorization', county)
            .send({ plan: { party_lecture: 'weekly' } })
        ).status,
      ).toBe(400);
      expect(
        (
          await ctx.http
            .put(`/api/v1/org-life/plans/${tree.b12.id}`)
            .set('Authorization', sec)
            .send({ plan: { party_lecture: 'year' } })
        ).status,
      ).toBe(403);
    });
  });
});
