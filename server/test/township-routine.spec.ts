/**
 * The township's monthly routine: a place on every activity, 下发到各支部 (one form, an activity
 * per branch, all or nothing), batch 代签 from a paper sheet, and the 签到表 as it is printed.
 */
import ExcelJS from 'exceljs';
import { Activity } from '../src/modules/activity/activity.entity';
import { CheckIn } from '../src/modules/checkin/checkin.entity';
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

describe("the township's monthly routine", () => {
  const clock = testClock('2026-11-27T09:00:00+08:00');
  let ctx: TestContext;
  let tree: Awaited<ReturnType<typeof buildTree>>;
  let t1admin: string;
  let sec: string;
  let members: BuiltMember[];
  let outsider: BuiltMember;

  beforeAll(async () => {
    ctx = await createTestContext({}, { now: clock.now });
    tree = await buildTree(ctx);
    t1admin = asUser(ctx, await buildUser(ctx, 't1admin', 'pw-t1-1', [{ role: 'admin', org: tree.t1 }]));
    const secretary = await buildMember(ctx, tree.b11, { name: '书记' });
    await grantRole(ctx, 'branch_secretary', tree.b11, { memberId: secretary.id });
    sec = asMember(ctx, secretary);
    members = [];
    for (let i = 0; i < 6; i++) members.push(await buildMember(ctx, tree.b11, { name: `党员${i}` }));
    outsider = await buildMember(ctx, tree.b21, { name: '外镇党员' });
  });
  afterAll(() => ctx.close());

  const activity = (over: object = {}) => ({
    title: '十二月主题党日',
    kind: 'fixed_day',
    startsAt: '2026-12-05T09:00:00+08:00',
    endsAt: '2026-12-05T11:00:00+08:00',
    checkinModes: ['qr'],
    place: '村委会二楼会议室',
    ...over,
  });

  it('keeps a place on an activity without a geofence, and changes it while a draft', async () => {
    const res = await ctx.http
      .post('/api/v1/activities')
      .set('Authorization', sec)
      .send({ ...activity(), orgId: tree.b11.id });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ place: '村委会二楼会议室', location: null });
    const moved = await ctx.http.patch(`/api/v1/activities/${res.body.id}`).set('Authorization', sec).send({ place: '党员活动室' });
    expect(moved.body.place).toBe('党员活动室');
    const long = await ctx.http
      .patch(`/api/v1/activities/${res.body.id}`)
      .set('Authorization', sec)
      .send({ place: '室'.repeat(101) });
    expect(long.status).toBe(400);
    expect(long.body.error.details[0]).toMatchObject({ field: 'place' });
  });

  it('下发到各支部: one activity per chosen branch, each its own, published at once', async () => {
    const before = await ctx.ds.getRepository(Activity).count();
    const res = await ctx.http
      .post('/api/v1/activities/batch')
      .set('Authorization', t1admin)
      .send({ activity: activity(), orgIds: [tree.b11.id, tree.b12.id], publish: true });
    expect(res.status).toBe(201);
    expect(res.body).toHaveLength(2);
    expect(res.body.map((a: { orgId: string }) => a.orgId).sort()).toEqual([tree.b11.id, tree.b12.id].sort());
    expect(res.body.every((a: { status: string; place: string }) => a.status === 'published' && a.place === '村委会二楼会议室')).toBe(true);
    expect(new Set(res.body.map((a: { id: string }) => a.id)).size).toBe(2);
    expect(await ctx.ds.getRepository(Activity).count()).toBe(before + 2);
  });

  it('refuses a batch with a branch out of scope (404) and writes none of it', async () => {
    const before = await ctx.ds.getRepository(Activity).count();
    const res = await ctx.http
      .post('/api/v1/activities/batch')
      .set('Authorization', t1admin)
      .send({ activity: activity(), orgIds: [tree.b11.id, tree.b21.id] });
    expect(res.status).toBe(404);
    expect(res.body.error.message).toMatch(/[\u4e00-\u9fff]/);
    const invalid = await ctx.http
      .post('/api/v1/activities/batch')
      .set('Authorization', t1admin)
      .send({ activity: activity({ endsAt: '2026-12-05T08:00:00+08:00' }), orgIds: [tree.b11.id, tree.b12.id] });
    expect(invalid.status).toBe(400);
    const empty = await ctx.http.post('/api/v1/activities/batch').set('Authorization', t1admin).send({ activity: activity(), orgIds: [] });
    expect(empty.status).toBe(400);
    expect(await ctx.ds.getRepository(Activity).count()).toBe(before);
  });

  async function running(): Promise<string> {
    clock.set('2026-11-27T09:00:00+08:00');
    const a = await ctx.http
      .post('/api/v1/activities')
      .set('Authorization', sec)
      .send({ ...activity({ title: '党员大会' }), orgId: tree.b11.id });
    await ctx.http.post(`/api/v1/activities/${a.body.id}/publish`).set('Authorization', sec).expect(200);
    clock.set('2026-12-05T09:30:00+08:00');
    return a.body.id;
  }

  it('batch 代签: everyone ticked is checked in once with their points; one not invited is reported and stops nobody', async () => {
    const id = await running();
    await ctx.http.post(`/api/v1/activities/${id}/checkins`).set('Authorization', sec).send({ memberId: members[0].id }).expect(201);
    const ids = [members[0].id, members[1].id, members[2].id, outsider.id, 'nosuchmember'];
    const res = await ctx.http.post(`/api/v1/activities/${id}/checkins/batch`).set('Authorization', sec).send({ memberIds: ids });
    expect(res.status).toBe(200);
    const by = new Map(res.body.results.map((r: { memberId: string }) => [r.memberId, r]));
    expect(by.get(members[0].id)).toMatchObject({ created: false, pointsAwarded: 0, error: null });
    expect(by.get(members[1].id)).toMatchObject({ created: true, error: null, checkIn: { method: 'roster' } });
    expect(by.get(members[2].id)).toMatchObject({ created: true, error: null });
    expect((by.get(members[1].id) as { pointsAwarded: number }).pointsAwarded).toBeGreaterThan(0);
    expect(by.get(outsider.id)).toMatchObject({ created: false, error: { code: 'MEMBER_NOT_INVITED' } });
    expect(by.get('nosuchmember')).toMatchObject({ created: false, error: { code: 'VALIDATION_FAILED', message: '党员不存在' } });
    expect(await ctx.ds.getRepository(CheckIn).countBy({ activityId: id })).toBe(3);
    // The same sheet entered twice at once counts nobody twice.
    const again = await Promise.all(
      [1, 2].map(() =>
        ctx.http
          .post(`/api/v1/activities/${id}/checkins/batch`)
          .set('Authorization', sec)
          .send({ memberIds: [members[3].id, members[4].id] }),
      ),
    );
    expect(again.flatMap((r) => r.body.results).filter((r: { created: boolean }) => r.created)).toHaveLength(2);
    expect(await ctx.ds.getRepository(CheckIn).countBy({ activityId: id })).toBe(5);
  });

  it('refuses batch 代签 by a member, and an empty or oversized list', async () => {
    const id = await running();
    expect(
      (
        await ctx.http
          .post(`/api/v1/activities/${id}/checkins/batch`)
          .set('Authorization', asMember(ctx, members[5]))
          .send({ memberIds: [members[5].id] })
      ).status,
    ).toBe(403);
    expect((await ctx.http.post(`/api/v1/activities/${id}/checkins/batch`).set('Authorization', sec).send({ memberIds: [] })).status).toBe(
      400,
    );
    const many = Array.from({ length: 201 }, (_, i) => `m${i}`);
    expect(
      (await ctx.http.post(`/api/v1/activities/${id}/checkins/batch`).set('Authorization', sec).send({ memberIds: many })).status,
    ).toBe(400);
    expect(await ctx.ds.getRepository(CheckIn).countBy({ activityId: id })).toBe(0);
  });

  it('exports the 签到表 with the org and the date in its name, a 签名 column and print layout', async () => {
    const id = await running();
    await ctx.http.post(`/api/v1/activities/${id}/checkins`).set('Authorization', sec).send({ memberId: members[1].id }).expect(201);
    const res = await ctx.http
      .get(`/api/v1/activities/${id}/attendance.xlsx`)
      .set('Authorization', sec)
      .buffer(true)
      .parse((r, cb) => {
        const chunks: Buffer[] = [];
        r.on('data', (c: Buffer) => chunks.push(c));
        r.on('end', () => cb(null, Buffer.concat(chunks)));
      });
    expect(res.status).toBe(200);
    expect(decodeURIComponent(String(res.headers['content-disposition']))).toContain('签到表-甲村党支部-党员大会-2026-12-05.xlsx');
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(Uint8Array.from(res.body as Buffer).buffer);
    const sheet = book.getWorksheet('签到表')!;
    expect((sheet.getRow(5).values as unknown[]).slice(1)).toEqual([
      '序号',
      '姓名',
      '所在组织',
      '状态',
      '签到方式',
      '签到时间',
      '请假事由',
      '签名',
    ]);
    expect(sheet.pageSetup).toMatchObject({ paperSize: 9, fitToPage: true, fitToWidth: 1, fitToHeight: 0 });
  });
});
