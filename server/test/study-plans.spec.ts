import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import nodePath from 'node:path';
import ExcelJS from 'exceljs';
import { LocalDiskStorage } from '../src/core/storage';
/**
 * Study plans (学习计划) and uploads to the learning kit: a branch assigns materials for a period,
 * members see what is due, the secretary sees done / not done per member (never minutes); MP4 and
 * PDF files are checked by their bytes and served through signed addresses.
 */
import { StudyCompletion, StudyFile, StudyPlan } from '../src/modules/study/study.entity';
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

const PDF = Buffer.from('%PDF-1.4\n1 0 obj<</Type/Catalog>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n');
// The first box of an MP4: size, `ftyp`, brand `isom`.
const MP4 = Buffer.concat([Buffer.from([0, 0, 0, 0x18]), Buffer.from('ftypisom'), Buffer.alloc(12, 1), Buffer.alloc(200, 7)]);

describe('study plans and uploads', () => {
  const clock = testClock('2026-11-27T09:00:00+08:00');
  let ctx: TestContext;
  let tree: Awaited<ReturnType<typeof buildTree>>;
  let admin: string;
  let sec: string;
  let otherSec: string;
  let a: BuiltMember;
  let b: BuiltMember;
  let far: BuiltMember;
  let m1: string;
  let m2: string;
  let draft: string;
  let t2Material: string;

  const material = async (over: object) => {
    const res = await ctx.http
      .post('/api/v1/study/materials')
      .set('Authorization', admin)
      .send({ kind: 'article', body: '正文', minSeconds: 0, orgId: tree.county.id, ...over });
    expect(res.status).toBe(201);
    return res.body.id as string;
  };
  const plan = (auth: string, over: object = {}) =>
    ctx.http
      .post('/api/v1/study/plans')
      .set('Authorization', auth)
      .send({
        orgId: tree.b11.id,
        title: '十二月学习计划',
        startsOn: '2026-12-01',
        endsOn: '2026-12-31',
        materialIds: [m1, m2],
        note: '必学两篇',
        ...over,
      });

  beforeAll(async () => {
    ctx = await createTestContext({}, { now: clock.now });
    tree = await buildTree(ctx);
    admin = asUser(ctx, await buildUser(ctx, 'county', 'pw-county-1', [{ role: 'admin', org: tree.county }]));
    const secretary = await buildMember(ctx, tree.b11, { name: '甲村书记' });
    await grantRole(ctx, 'branch_secretary', tree.b11, { memberId: secretary.id });
    sec = asMember(ctx, secretary);
    const secretary2 = await buildMember(ctx, tree.b12, { name: '乙村书记' });
    await grantRole(ctx, 'branch_secretary', tree.b12, { memberId: secretary2.id });
    otherSec = asMember(ctx, secretary2);
    a = await buildMember(ctx, tree.b11, { name: '甲党员' });
    b = await buildMember(ctx, tree.g111, { name: '乙党员' });
    far = await buildMember(ctx, tree.b12, { name: '乙村党员' });
    m1 = await material({ title: '党章' });
    m2 = await material({ title: '党史', orgId: tree.t1.id });
    draft = await material({ title: '草稿', status: 'draft' });
    t2Material = await material({ title: '二号镇资料', orgId: tree.t2.id });
  });
  afterAll(() => ctx.close());

  describe('plans', () => {
    let planId: string;

    it('lets the branch secretary assign materials for a period', async () => {
      const res = await plan(sec);
      expect(res.status).toBe(201);
      expect(res.body).toMatchObject({
        orgId: tree.b11.id,
        orgName: '甲村党支部',
        title: '十二月学习计划',
        startsOn: '2026-12-01',
        endsOn: '2026-12-31',
        status: 'upcoming',
        canManage: true,
        myDone: false,
        materials: [
          { id: m1, title: '党章', kind: 'article' },
          { id: m2, title: '党史', kind: 'article' },
        ],
      });
      planId = res.body.id;
    });

    it.each([
      [{ startsOn: '2026-02-30' }, 'startsOn'],
      [{ endsOn: '2026-11-30' }, 'endsOn'],
      [{ endsOn: '2028-01-01' }, 'endsOn'],
      [{ materialIds: [] }, 'materialIds'],
      [{ materialIds: [draft] }, 'materialIds'],
      [{ materialIds: [t2Material] }, 'materialIds'],
      [{ title: '  ' }, 'title'],
      [{ orgId: 'nope' }, 'orgId'],
    ])('refuses %j with a Chinese message on %s, writing nothing', async (over, field) => {
      const before = await ctx.ds.getRepository(StudyPlan).count();
      const res = await plan(sec, over);
      expect(res.status).toBe(400);
      expect(res.body.error.details.map((d: { field: string }) => d.field)).toContain(field);
      expect(res.body.error.details[0].message).toMatch(/[\u4e00-\u9fff]/);
      expect(await ctx.ds.getRepository(StudyPlan).count()).toBe(before);
    });

    it('lists the materials an org may be given (forOrgId): published, for it or above it, to its managers', async () => {
      const ids = async (auth: string, org: string) => {
        const res = await ctx.http.get(`/api/v1/study/materials?forOrgId=${org}&pageSize=100`).set('Authorization', auth);
        return { status: res.status, ids: (res.body.items ?? []).map((m: { id: string }) => m.id) as string[] };
      };
      const branch = await ids(sec, tree.b11.id);
      expect(branch.ids).toEqual(expect.arrayContaining([m1, m2]));
      expect(branch.ids).not.toContain(draft);
      expect(branch.ids).not.toContain(t2Material);
      expect((await ids(admin, tree.b21.id)).ids).toEqual(expect.arrayContaining([t2Material, m1]));
      expect((await ids(admin, tree.b21.id)).ids).not.toContain(m2);
      expect((await ids(sec, tree.b12.id)).status).toBe(403);
      expect((await ids(sec, 'nope')).status).toBe(400);
    });

    it('refuses plans for an org outside the caller scope and for plain members', async () => {
      expect((await plan(otherSec)).status).toBe(403);
      expect((await plan(asMember(ctx, a))).status).toBe(403);
    });

    it('shows members their own plans with their progress, and nobody else’s', async () => {
      const mine = await ctx.http.get('/api/v1/study/plans').set('Authorization', asMember(ctx, b));
      expect(mine.body.items.map((p: { id: string }) => p.id)).toEqual([planId]);
      expect(mine.body.items[0]).toMatchObject({ canManage: false, myDone: false });
      expect((await ctx.http.get('/api/v1/study/plans').set('Authorization', asMember(ctx, far))).body.total).toBe(0);
      expect((await ctx.http.get(`/api/v1/study/plans/${planId}`).set('Authorization', asMember(ctx, far))).status).toBe(404);
      expect((await ctx.http.get(`/api/v1/study/plans/${planId}`).set('Authorization', otherSec)).body.error.code).toBe('PLAN_NOT_FOUND');
      // The county's admin sees it (below their scope) and so does a township plan's branch.
      expect(
        (await ctx.http.get(`/api/v1/study/plans?orgId=${tree.t1.id}`).set('Authorization', admin)).body.items.map(
          (p: { id: string }) => p.id,
        ),
      ).toContain(planId);
      const me = await ctx.http.get('/api/v1/study/me').set('Authorization', asMember(ctx, b));
      expect(me.body.plans.map((p: { id: string; myDone: boolean }) => [p.id, p.myDone])).toEqual([[planId, false]]);
    });

    it('filters by status against the township calendar', async () => {
      const q = (status: string) => ctx.http.get(`/api/v1/study/plans?status=${status}`).set('Authorization', sec);
      expect((await q('upcoming')).body.total).toBe(1);
      expect((await q('current')).body.total).toBe(0);
      clock.set('2026-12-01T00:30:00+08:00'); // still 30 Nov in UTC, already 1 Dec in the township
      expect((await q('current')).body.total).toBe(1);
      clock.set('2027-01-01T08:00:00+08:00');
      expect((await q('ended')).body.total).toBe(1);
      expect((await ctx.http.get('/api/v1/study/me').set('Authorization', asMember(ctx, b))).body.plans).toEqual([]);
      clock.set('2026-11-27T09:00:00+08:00');
      expect((await q('bogus')).status).toBe(400);
    });

    it('shows the secretary done / not done per member — never time', async () => {
      await ctx.ds.getRepository(StudyCompletion).insert([
        { memberId: a.id, materialId: m1, sessionId: 's', completedAt: new Date() },
        { memberId: a.id, materialId: m2, sessionId: 's', completedAt: new Date() },
        { memberId: b.id, materialId: m2, sessionId: 's', completedAt: new Date() },
      ]);
      const res = await ctx.http.get(`/api/v1/study/plans/${planId}/completion`).set('Authorization', sec);
      expect(res.status).toBe(200);
      const row = (id: string) => res.body.members.find((m: { memberId: string }) => m.memberId === id);
      expect(row(a.id)).toMatchObject({ name: '甲党员', done: [m1, m2], complete: true });
      expect(row(b.id)).toMatchObject({ name: '乙党员', orgName: '第一党小组', done: [m2], complete: false });
      expect(res.body.members.map((m: { memberId: string }) => m.memberId)).not.toContain(far.id);
      expect(res.body).toMatchObject({ completeCount: 1, total: 3 });
      expect(JSON.stringify(res.body)).not.toMatch(/second|minute|duration/i);
      expect((await ctx.http.get(`/api/v1/study/plans/${planId}/completion`).set('Authorization', asMember(ctx, a))).status).toBe(403);
      // The same as a sheet for the branch's records.
      const sheet = await ctx.http
        .get(`/api/v1/study/plans/${planId}/completion.xlsx`)
        .set('Authorization', sec)
        .buffer(true)
        .parse((r, cb) => {
          const chunks: Buffer[] = [];
          r.on('data', (c: Buffer) => chunks.push(c));
          r.on('end', () => cb(null, Buffer.concat(chunks)));
        });
      expect(sheet.status).toBe(200);
      expect(sheet.headers['content-disposition']).toContain(encodeURIComponent('学习完成情况-十二月学习计划.xlsx'));
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.load(sheet.body);
      const rows = (wb.worksheets[0].getSheetValues() as unknown[][]).filter(Boolean).map((r) => r.slice(1));
      expect(rows[2]).toEqual(['序号', '姓名', '所在组织', '党章', '党史', '是否完成']);
      expect(rows.find((r) => r[1] === '甲党员')).toEqual([expect.any(Number), '甲党员', '甲村党支部', '✓', '✓', '已完成']);
      expect(rows.find((r) => r[1] === '乙党员')).toEqual([expect.any(Number), '乙党员', '第一党小组', '—', '✓', '未完成']);
      expect(JSON.stringify(rows)).not.toMatch(/秒|分钟|时长/);
      expect((await ctx.http.get(`/api/v1/study/plans/${planId}/completion.xlsx`).set('Authorization', asMember(ctx, a))).status).toBe(403);
      const mine = await ctx.http.get(`/api/v1/study/plans/${planId}`).set('Authorization', asMember(ctx, a));
      expect(mine.body.myDone).toBe(true);
    });

    it('lets a township admin see completion of a county plan within their township only', async () => {
      const county = await plan(admin, { orgId: tree.county.id, materialIds: [m1], title: '全县必学' });
      expect(county.status).toBe(201);
      const zz = asUser(ctx, await buildUser(ctx, 'zz1', 'pw-zz-12345', [{ role: 'admin', org: tree.t1 }]));
      const res = await ctx.http.get(`/api/v1/study/plans/${county.body.id}/completion`).set('Authorization', zz);
      expect(res.status).toBe(200);
      expect(res.body.plan.canManage).toBe(false);
      const ids = res.body.members.map((m: { memberId: string }) => m.memberId);
      expect(ids).toEqual(expect.arrayContaining([a.id, b.id, far.id]));
      expect((await ctx.http.patch(`/api/v1/study/plans/${county.body.id}`).set('Authorization', zz).send({ title: '改' })).status).toBe(
        403,
      );
      await ctx.http.delete(`/api/v1/study/plans/${county.body.id}`).set('Authorization', admin).expect(204);
    });

    it('edits and deletes', async () => {
      const edited = await ctx.http
        .patch(`/api/v1/study/plans/${planId}`)
        .set('Authorization', sec)
        .send({ title: '十二月必学', materialIds: [m2], endsOn: '2026-12-15' });
      expect(edited.status).toBe(200);
      expect(edited.body).toMatchObject({ title: '十二月必学', endsOn: '2026-12-15', materials: [{ id: m2 }] });
      expect((await ctx.http.patch(`/api/v1/study/plans/${planId}`).set('Authorization', sec).send({ endsOn: '2026-11-01' })).status).toBe(
        400,
      );
      expect((await ctx.http.delete(`/api/v1/study/plans/${planId}`).set('Authorization', otherSec)).status).toBe(404);
      await ctx.http.delete(`/api/v1/study/plans/${planId}`).set('Authorization', sec).expect(204);
      expect((await ctx.http.get(`/api/v1/study/plans/${planId}`).set('Authorization', sec)).body.error.code).toBe('PLAN_NOT_FOUND');
    });
  });

  describe('uploads', () => {
    const upload = (kind: string, data: Buffer, filename: string, auth = admin) =>
      ctx.http.post(`/api/v1/study/uploads?kind=${kind}`).set('Authorization', auth).attach('file', data, filename);

    it('takes a PDF, serves it through a signed address with ranges, and a material refers to it', async () => {
      const res = await upload('document', PDF, '党章.pdf');
      expect(res.status).toBe(201);
      expect(res.body).toMatchObject({ kind: 'document', contentType: 'application/pdf', size: PDF.length, filename: '党章.pdf' });
      const path = new URL(res.body.url, 'http://x').pathname + new URL(res.body.url, 'http://x').search;
      const got = await ctx.http
        .get(path)
        .buffer(true)
        .parse((r, cb) => {
          const chunks: Buffer[] = [];
          r.on('data', (c: Buffer) => chunks.push(c));
          r.on('end', () => cb(null, Buffer.concat(chunks)));
        });
      expect(got.status).toBe(200);
      expect(got.headers['content-type']).toBe('application/pdf');
      expect(Buffer.compare(got.body as Buffer, PDF)).toBe(0);
      const part = await ctx.http.get(path).set('Range', 'bytes=0-4');
      expect(part.status).toBe(206);
      expect(part.headers['content-range']).toBe(`bytes 0-4/${PDF.length}`);
      const tail = await ctx.http
        .get(path)
        .set('Range', 'bytes=-6')
        .buffer(true)
        .parse((r, cb) => {
          const chunks: Buffer[] = [];
          r.on('data', (c: Buffer) => chunks.push(c));
          r.on('end', () => cb(null, Buffer.concat(chunks)));
        });
      expect(tail.status).toBe(206);
      expect((tail.body as Buffer).toString()).toBe('%%EOF\n');
      expect(tail.headers['content-range']).toBe(`bytes ${PDF.length - 6}-${PDF.length - 1}/${PDF.length}`);
      expect((await ctx.http.get(path).set('Range', 'bytes=9999-')).status).toBe(416);
      expect((await ctx.http.get(path.replace(/sig=[^&]+/, 'sig=AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA'))).status).toBe(404);
      clock.set('2026-11-28T09:00:00+08:00');
      expect((await ctx.http.get(path)).status).toBe(404); // expired
      clock.set('2026-11-27T09:00:00+08:00');

      const mat = await ctx.http
        .post('/api/v1/study/materials')
        .set('Authorization', admin)
        .send({ title: '党章（PDF）', kind: 'document', fileId: res.body.fileId, minSeconds: 60, orgId: tree.county.id });
      expect(mat.status).toBe(201);
      expect(mat.body.fileId).toBe(res.body.fileId);
      expect(mat.body.file).toEqual({ filename: '党章.pdf', size: PDF.length, contentType: 'application/pdf' });
      expect(mat.body.url).toMatch(new RegExp(`/study/files/${res.body.fileId}\\?exp=\\d+&sig=`));
      const wrongKind = await ctx.http
        .post('/api/v1/study/materials')
        .set('Authorization', admin)
        .send({ title: '视频', kind: 'video', fileId: res.body.fileId, minSeconds: 0 });
      expect(wrongKind.status).toBe(400);
      expect(wrongKind.body.error.details[0]).toMatchObject({ field: 'fileId', message: '请上传 MP4 视频' });
      const link = await ctx.http
        .patch(`/api/v1/study/materials/${mat.body.id}`)
        .set('Authorization', admin)
        .send({ url: 'https://example.org/a.pdf' });
      expect(link.body).toMatchObject({ fileId: null, url: 'https://example.org/a.pdf' });
    });

    it('takes an MP4 video', async () => {
      const res = await upload('video', MP4, 'lesson.mp4');
      expect(res.status).toBe(201);
      expect(res.body.contentType).toBe('video/mp4');
    });

    it.each([
      ['a text file named .pdf', 'document', Buffer.from('hello, not a pdf'), 'a.pdf', 400, 'STUDY_FILE_INVALID'],
      ['a PDF declared as a video', 'video', PDF, 'a.mp4', 400, 'STUDY_FILE_INVALID'],
      ['an unknown kind', 'image', PDF, 'a.pdf', 400, 'VALIDATION_FAILED'],
    ])('refuses %s, storing nothing', async (_what, kind, data, name, status, code) => {
      const before = await ctx.ds.getRepository(StudyFile).count();
      const res = await upload(kind, data, name);
      expect(res.status).toBe(status);
      expect(res.body.error.code).toBe(code);
      expect(res.body.error.message).toMatch(/[\u4e00-\u9fff]/);
      expect(await ctx.ds.getRepository(StudyFile).count()).toBe(before);
    });

    it('refuses uploads from members, bodies that are not multipart, and files over the limit', async () => {
      expect((await upload('document', PDF, 'a.pdf', asMember(ctx, a))).status).toBe(403);
      const json = await ctx.http.post('/api/v1/study/uploads?kind=document').set('Authorization', admin).send({ file: 'x' });
      expect(json.status).toBe(400);
      expect(json.body.error.code).toBe('UPLOAD_INVALID');
      const big = Buffer.concat([PDF, Buffer.alloc(20 * 1024 * 1024)]);
      const res = await upload('document', big, 'big.pdf');
      expect(res.status).toBe(413);
      expect(res.body.error.message).toContain('20 MB');
    });
  });

  it('streams files and ranges from local disk without reading them whole', async () => {
    const dir = mkdtempSync(nodePath.join(tmpdir(), 'djzy-storage-'));
    try {
      const disk = new LocalDiskStorage(dir);
      await disk.put('study/x.pdf', PDF);
      const read = async (range?: { start: number; end: number }) => {
        const stream = await disk.read('study/x.pdf', range);
        const chunks: Buffer[] = [];
        for await (const c of stream!) chunks.push(c as Buffer);
        return Buffer.concat(chunks).toString('latin1');
      };
      expect(await read()).toBe(PDF.toString('latin1'));
      expect(await read({ start: 0, end: 4 })).toBe('%PDF-');
      expect(await disk.read('study/missing.pdf')).toBeNull();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
