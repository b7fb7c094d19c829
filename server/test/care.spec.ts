/**
 * 慰问困难党员: the lunar table and the windows (a 春节 in late January and one in February),
 * hardships (committee only: a plain member gets 403/404, another township 404; one active per
 * member even under parallel requests; yearly review; moves from `active` only), care visits
 * (one row per member, cash needs an amount, members of the org only, a member sees their own),
 * the window settings, and the Excel export.
 */
import ExcelJS from 'exceljs';
import { LUNAR_NEW_YEAR_TABLE, addMonths, addYears, careWindowOf, careWindows } from '@djzy/shared';
import { CareVisit, Hardship } from '../src/modules/care/care.entity';
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

describe('the lunar table and the windows (pure)', () => {
  it('knows every 春节 2020–2035, each after its 腊月初一 by 29 or 30 days', () => {
    for (let y = 2020; y <= 2035; y++) {
      const e = LUNAR_NEW_YEAR_TABLE[y];
      expect(e.springFestival.slice(0, 4)).toBe(String(y));
      const days = (Date.parse(e.springFestival) - Date.parse(e.laYueFirst)) / 86_400_000;
      expect([29, 30]).toContain(days);
    }
    expect(LUNAR_NEW_YEAR_TABLE[2026].springFestival).toBe('2026-02-17');
    expect(LUNAR_NEW_YEAR_TABLE[2027].springFestival).toBe('2027-02-06');
    expect(LUNAR_NEW_YEAR_TABLE[2030].springFestival).toBe('2030-02-03');
  });

  it('turns 腊月十五..正月十五 into days: a late-January 春节 (2028) and a February one (2026)', () => {
    // 2028: 腊月初一 2027-12-28 → 腊月十五 2028-01-11; 春节 2028-01-26 → 正月十五 2028-02-09.
    expect(careWindows(2028)).toEqual({
      qiyi: { from: '2028-06-01', to: '2028-07-10' },
      springFestival: { from: '2028-01-11', to: '2028-02-09' },
    });
    // 2026: 腊月初一 2026-01-19 → 腊月十五 2026-02-02; 春节 2026-02-17 → 正月十五 2026-03-03.
    expect(careWindows(2026).springFestival).toEqual({ from: '2026-02-02', to: '2026-03-03' });
    expect(careWindowOf('2028-01-10')).toBeNull();
    expect(careWindowOf('2028-01-11')).toBe('spring_festival');
    expect(careWindowOf('2028-02-09')).toBe('spring_festival');
    expect(careWindowOf('2028-02-10')).toBeNull();
    expect(careWindowOf('2026-02-01')).toBeNull();
    expect(careWindowOf('2026-03-03')).toBe('spring_festival');
    expect(careWindowOf('2026-06-01')).toBe('qiyi');
    expect(careWindowOf('2026-07-10')).toBe('qiyi');
    expect(careWindowOf('2026-07-11')).toBeNull();
    expect(careWindowOf('2036-02-01')).toBeNull(); // outside the table: no 春节 window, never a guess
    expect(careWindows(2026, { qiyiFrom: '06-15', qiyiTo: '07-01', springFromLaYueDay: 23, springToZhengYueDay: 8 })).toEqual({
      qiyi: { from: '2026-06-15', to: '2026-07-01' },
      springFestival: { from: '2026-02-10', to: '2026-02-24' },
    });
  });

  it('adds calendar months and years, clamped to the month’s end', () => {
    expect(addMonths('2026-01-31', 1)).toBe('2026-02-28');
    expect(addMonths('2028-01-31', 1)).toBe('2028-02-29');
    expect(addMonths('2026-08-31', 6)).toBe('2027-02-28');
    expect(addYears('2028-02-29', 1)).toBe('2029-02-28');
    expect(addYears('2026-03-15', 5)).toBe('2031-03-15');
  });
});

describe('慰问困难党员', () => {
  const clock = testClock('2026-07-05T09:00:00+08:00');
  let ctx: TestContext;
  let tree: Awaited<ReturnType<typeof buildTree>>;
  let township: string;
  let otherTownship: string;
  let county: string;
  let secretary: BuiltMember;
  let committee: BuiltMember;
  let plain: BuiltMember;
  let poor: BuiltMember;
  let poor2: BuiltMember;
  let otherMember: BuiltMember;

  beforeAll(async () => {
    ctx = await createTestContext({}, { now: clock.now });
    tree = await buildTree(ctx);
    township = asUser(ctx, await buildUser(ctx, 't1admin', 'pw-t1admin-1', [{ role: 'admin', org: tree.t1 }]));
    county = asUser(ctx, await buildUser(ctx, 'cadmin', 'pw-cadmin-1', [{ role: 'admin', org: tree.county }]));
    otherTownship = asUser(ctx, await buildUser(ctx, 't2admin', 'pw-t2admin-1', [{ role: 'admin', org: tree.t2 }]));
    secretary = await buildMember(ctx, tree.b11, { name: '甲村书记' });
    committee = await buildMember(ctx, tree.b11, { name: '甲村委员' });
    plain = await buildMember(ctx, tree.g111, { name: '王小明' });
    poor = await buildMember(ctx, tree.g111, { name: '李困难' });
    poor2 = await buildMember(ctx, tree.b12, { name: '赵困难' });
    otherMember = await buildMember(ctx, tree.b21, { name: '外镇党员' });
    await grantRole(ctx, 'branch_secretary', tree.b11, { memberId: secretary.id });
    await grantRole(ctx, 'branch_committee', tree.b11, { memberId: committee.id });
  });
  afterAll(() => ctx.close());

  const api = (method: 'get' | 'post' | 'put' | 'delete', who: string, path: string, body?: object) => {
    const req = ctx.http[method](`/api/v1${path}`).set('Authorization', who);
    return body ? req.send(body) : req;
  };

  describe('困难党员', () => {
    let hardshipId: string;

    it('registers a hardship (committee), review due a calendar year on, one active per member even in parallel', async () => {
      const body = {
        memberId: poor.id,
        reasons: ['serious_illness', 'elderly_low_income', 'serious_illness'],
        note: '本人患尿毒症，每周透析',
        assessedOn: '2026-02-29',
      };
      expect((await api('post', asMember(ctx, committee), '/hardships', body)).status).toBe(400); // 2026-02-29 is no day
      const results = await Promise.all(
        [1, 2, 3].map(() => api('post', asMember(ctx, committee), '/hardships', { ...body, assessedOn: '2026-01-31' })),
      );
      expect(results.map((r) => r.status).sort()).toEqual([201, 409, 409]);
      const created = results.find((r) => r.status === 201)!.body;
      expect(results.find((r) => r.status === 409)!.body.error.code).toBe('HARDSHIP_EXISTS');
      expect(created).toMatchObject({
        memberName: '李困难',
        orgName: '第一党小组',
        reasons: ['serious_illness', 'elderly_low_income'],
        reviewDue: '2027-01-31',
        status: 'active',
        reviewOverdue: false,
        allowedMoves: ['review', 'resolve'],
        assessedByName: '甲村委员',
      });
      hardshipId = created.id;
      expect(await ctx.ds.getRepository(Hardship).count()).toBe(1);
      const audit = await ctx.ds.query("SELECT action FROM audit_logs WHERE action LIKE 'hardship.%'");
      expect(audit).toHaveLength(1);
    });

    it('shows hardships to the committee only: a plain member 403 on the list and 404 on one, another township 404', async () => {
      expect((await api('get', township, `/hardships?orgId=${tree.t1.id}`)).body.map((h: { id: string }) => h.id)).toEqual([hardshipId]);
      expect((await api('get', asMember(ctx, secretary), '/hardships')).body).toHaveLength(1);
      expect((await api('get', county, `/hardships/${hardshipId}`)).body.note).toContain('透析');
      const member = asMember(ctx, plain);
      expect((await api('get', member, '/hardships')).status).toBe(403);
      expect((await api('get', asMember(ctx, poor), '/hardships')).status).toBe(403);
      expect((await api('get', member, `/hardships/${hardshipId}`)).status).toBe(404);
      expect((await api('get', otherTownship, `/hardships/${hardshipId}`)).status).toBe(404);
      expect((await api('get', otherTownship, `/hardships?orgId=${tree.t1.id}`)).status).toBe(404);
      expect((await api('get', otherTownship, '/hardships')).body).toEqual([]);
      expect(
        (await api('post', otherTownship, '/hardships', { memberId: poor2.id, reasons: ['other'], assessedOn: '2026-03-01' })).status,
      ).toBe(404);
      expect((await api('post', member, `/hardships/${hardshipId}/resolve`, { on: '2026-07-01' })).status).toBe(404);
    });

    it('refuses bad input with Chinese messages', async () => {
      const bad = async (body: object, field: string) => {
        const res = await api('post', township, '/hardships', {
          memberId: poor2.id,
          reasons: ['other'],
          assessedOn: '2026-03-01',
          ...body,
        });
        expect(res.status).toBe(400);
        expect(res.body.error.details[0].field).toBe(field);
        expect(res.body.error.details[0].message).toMatch(/[\u4e00-\u9fa5]/);
      };
      await bad({ reasons: [] }, 'reasons');
      await bad({ reasons: ['poor'] }, 'reasons');
      await bad({ assessedOn: '2026-07-06' }, 'assessedOn');
      await bad({ memberId: 'x!' }, 'memberId');
      await bad({ note: 'x'.repeat(501) }, 'note');
    });

    it('reviews yearly (still in hardship → next review a year on; not → resolved), then refuses moves with 409 from/allowed', async () => {
      clock.set('2027-02-10T09:00:00+08:00');
      expect((await api('get', township, `/hardships/${hardshipId}`)).body.reviewOverdue).toBe(true);
      expect((await api('post', township, `/hardships/${hardshipId}/review`, { on: '2025-12-01', stillInHardship: true })).status).toBe(
        400,
      );
      const still = await api('post', township, `/hardships/${hardshipId}/review`, {
        on: '2027-02-10',
        stillInHardship: true,
        note: '仍需透析',
      });
      expect(still.body).toMatchObject({ status: 'active', lastReviewedOn: '2027-02-10', reviewDue: '2028-02-10', reviewOverdue: false });
      expect(still.body.note).toContain('2027-02-10 复核：仍需透析');
      const over = await api('post', asMember(ctx, secretary), `/hardships/${hardshipId}/review`, {
        on: '2027-02-10',
        stillInHardship: false,
      });
      expect(over.body).toMatchObject({ status: 'resolved', resolvedOn: '2027-02-10', allowedMoves: [] });
      for (const [move, body] of [
        ['review', { on: '2027-02-10', stillInHardship: true }],
        ['resolve', { on: '2027-02-10' }],
      ] as const) {
        const res = await api('post', township, `/hardships/${hardshipId}/${move}`, body);
        expect(res.status).toBe(409);
        expect(res.body.error).toMatchObject({ code: 'STATE_CONFLICT', details: { from: 'resolved', allowed: ['active'] } });
      }
      // Resolved, the member may be registered again; `resolve` ends it before the review.
      const again = await api('post', township, '/hardships', {
        memberId: poor.id,
        reasons: ['accident_disaster'],
        assessedOn: '2027-02-10',
      });
      expect(again.status).toBe(201);
      expect((await api('post', township, `/hardships/${again.body.id}/resolve`, { on: '2027-02-10', note: '已就业' })).body).toMatchObject(
        { status: 'resolved' },
      );
      expect((await api('get', township, '/hardships?status=active')).body).toEqual([]);
      expect((await api('get', township, '/hardships?status=resolved')).body).toHaveLength(2);
      clock.set('2026-07-05T09:00:00+08:00');
    });
  });

  describe('慰问记录', () => {
    const visit = (over: object = {}) => ({
      orgId: tree.t1.id,
      memberIds: [poor.id, poor2.id],
      on: '2026-06-28',
      occasion: 'qiyi',
      visitors: '镇党委书记 张三、组织委员 李四',
      form: 'both',
      amountCents: 50_000,
      fundSource: 'party_dues',
      note: '送去慰问金和米面油',
      ...over,
    });

    it('records one row per member, each with the amount, and lists them with the window each date falls in', async () => {
      const res = await api('post', township, '/care-visits', visit());
      expect(res.status).toBe(201);
      expect(res.body).toHaveLength(2);
      expect(res.body[0].batchId).toBe(res.body[1].batchId);
      expect(
        res.body.map((v: { memberName: string; amountCents: number; window: string }) => [v.memberName, v.amountCents, v.window]).sort(),
      ).toEqual([
        ['李困难', 50_000, 'qiyi'],
        ['赵困难', 50_000, 'qiyi'],
      ]);
      // A branch's goods-only visit at 春节 (2026: 腊月十五 = 02-02) and an ad-hoc one in March.
      const goods = await api(
        'post',
        asMember(ctx, secretary),
        '/care-visits',
        visit({
          orgId: tree.b11.id,
          memberIds: [poor.id],
          on: '2026-02-05',
          occasion: 'spring_festival',
          form: 'goods',
          amountCents: undefined,
        }),
      );
      expect(goods.status).toBe(201);
      expect(goods.body[0]).toMatchObject({ amountCents: null, window: 'spring_festival', orgName: '甲村党支部' });
      await api(
        'post',
        township,
        '/care-visits',
        visit({ memberIds: [poor2.id], on: '2026-03-20', occasion: 'other', amountCents: 20_000 }),
      );

      const list = (await api('get', township, `/care-visits?orgId=${tree.t1.id}&year=2026`)).body;
      expect(list.map((v: { on: string }) => v.on)).toEqual(['2026-06-28', '2026-06-28', '2026-03-20', '2026-02-05']);
      expect(list.find((v: { on: string }) => v.on === '2026-03-20').window).toBeNull();
      expect((await api('get', township, `/care-visits?orgId=${tree.b11.id}&year=2026`)).body).toHaveLength(2);
      expect((await api('get', township, '/care-visits?occasion=qiyi')).body).toHaveLength(2);
      expect((await api('get', township, '/care-visits?year=2025')).body).toHaveLength(0);
      expect(await ctx.ds.getRepository(CareVisit).count()).toBe(4);
    });

    it('refuses cash without an amount, a member outside the org, a future date, bad codes; scope 403/404', async () => {
      const bad = async (who: string, over: object, field: string) => {
        const res = await api('post', who, '/care-visits', visit(over));
        expect(res.status).toBe(400);
        expect(res.body.error.details[0].field).toBe(field);
      };
      await bad(township, { amountCents: undefined }, 'amountCents');
      await bad(township, { form: 'cash', amountCents: 0 }, 'amountCents');
      await bad(township, { memberIds: [poor.id, otherMember.id] }, 'memberIds');
      await bad(asMember(ctx, secretary), { orgId: tree.b11.id, memberIds: [poor2.id] }, 'memberIds'); // 乙村's member
      await bad(township, { on: '2026-07-06' }, 'on');
      await bad(township, { occasion: 'national_day' }, 'occasion');
      await bad(township, { fundSource: 'platform' }, 'fundSource');
      await bad(township, { memberIds: [] }, 'memberIds');
      await bad(township, { visitors: '' }, 'visitors');
      expect((await api('post', otherTownship, '/care-visits', visit())).status).toBe(404);
      expect((await api('post', asMember(ctx, plain), '/care-visits', visit())).status).toBe(404);
      expect((await api('get', asMember(ctx, plain), '/care-visits')).status).toBe(403);
      expect((await api('get', otherTownship, `/care-visits?orgId=${tree.t1.id}`)).status).toBe(404);
      expect((await api('get', otherTownship, '/care-visits')).body).toEqual([]);
    });

    it('shows a member their own visits only, without hardship details', async () => {
      const mine = (await api('get', asMember(ctx, poor), '/care-visits/mine')).body;
      expect(mine.map((v: { on: string }) => v.on)).toEqual(['2026-06-28', '2026-02-05']);
      expect(Object.keys(mine[0]).sort()).toEqual(['amountCents', 'form', 'id', 'occasion', 'on', 'orgName', 'visitors']);
      expect((await api('get', asMember(ctx, plain), '/care-visits/mine')).body).toEqual([]);
      expect((await api('get', township, '/care-visits/mine')).status).toBe(403);
    });

    it('removes a mistaken row (manager of the visiting org; another township 404), audited', async () => {
      const row = (await api('get', township, '/care-visits?occasion=other')).body[0];
      expect((await api('delete', otherTownship, `/care-visits/${row.id}`)).status).toBe(404);
      expect((await api('delete', asMember(ctx, secretary), `/care-visits/${row.id}`)).status).toBe(404); // the township's visit
      expect((await api('delete', township, `/care-visits/${row.id}`)).status).toBe(204);
      expect((await api('delete', township, `/care-visits/${row.id}`)).status).toBe(404);
      const audit = await ctx.ds.query("SELECT action FROM audit_logs WHERE action LIKE 'care_visit.%' ORDER BY action");
      expect(audit.map((a: { action: string }) => a.action)).toEqual([
        'care_visit.create',
        'care_visit.create',
        'care_visit.create',
        'care_visit.delete',
      ]);
    });

    it('exports the list as a 慰问记录 sheet', async () => {
      const res = await api('get', township, `/care-visits.xlsx?orgId=${tree.t1.id}&year=2026`)
        .buffer(true)
        .parse((r, cb) => {
          const chunks: Buffer[] = [];
          r.on('data', (x: Buffer) => chunks.push(x));
          r.on('end', () => cb(null, Buffer.concat(chunks)));
        });
      expect(res.status).toBe(200);
      expect(res.headers['content-disposition']).toContain(encodeURIComponent('慰问记录-一号镇党委-2026.xlsx'));
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.load(res.body as unknown as ArrayBuffer);
      const ws = wb.getWorksheet('慰问记录')!;
      expect(ws.getCell(1, 1).value).toBe('一号镇党委 2026年慰问困难党员记录');
      expect(ws.getRow(3).getCell(4).value).toBe('受慰问党员');
      expect(ws.rowCount).toBe(3 + 3);
      expect(ws.getRow(4).getCell(9).value).toBe(500);
      expect((await api('get', asMember(ctx, plain), '/care-visits.xlsx')).status).toBe(403);
    });
  });

  describe('the window settings', () => {
    it('defaults, a township’s own windows (its admins only), inherited by its branches', async () => {
      const def = (await api('get', township, `/care/settings?orgId=${tree.b11.id}&year=2028`)).body;
      expect(def).toMatchObject({ fromOrgId: null, qiyiFrom: '06-01', qiyiTo: '07-10', springFromLaYueDay: 15, springToZhengYueDay: 15 });
      expect(def.windows.springFestival).toEqual({ from: '2028-01-11', to: '2028-02-09' });
      const body = { orgId: tree.t1.id, qiyiFrom: '06-15', qiyiTo: '07-05', springFromLaYueDay: 20, springToZhengYueDay: 10 };
      expect((await api('put', asMember(ctx, secretary), '/care/settings', body)).status).toBe(404);
      expect((await api('put', otherTownship, '/care/settings', body)).status).toBe(404);
      expect((await api('put', township, '/care/settings', { ...body, orgId: tree.b11.id })).status).toBe(400);
      for (const [over, field] of [
        [{ qiyiFrom: '6-15' }, 'qiyiFrom'],
        [{ qiyiTo: '02-30' }, 'qiyiTo'],
        [{ qiyiFrom: '07-06' }, 'qiyiTo'],
        [{ springFromLaYueDay: 5 }, 'springFromLaYueDay'],
        [{ springToZhengYueDay: 31 }, 'springToZhengYueDay'],
      ] as const) {
        const res = await api('put', township, '/care/settings', { ...body, ...over });
        expect([res.status, res.body.error.details[0].field]).toEqual([400, field]);
      }
      const set = await api('put', township, '/care/settings', body);
      expect(set.status).toBe(200);
      expect(set.body).toMatchObject({ fromOrgId: tree.t1.id, qiyiFrom: '06-15' });
      expect((await api('put', township, '/care/settings', { ...body, qiyiTo: '07-06' })).body.qiyiTo).toBe('07-06');
      const branch = (await api('get', asMember(ctx, secretary), `/care/settings?orgId=${tree.b11.id}&year=2026`)).body;
      expect(branch).toMatchObject({
        fromOrgId: tree.t1.id,
        windows: { qiyi: { from: '2026-06-15', to: '2026-07-06' }, springFestival: { from: '2026-02-07', to: '2026-02-26' } },
      });
      // The 06-28 visits stay in the window; the 02-05 one now falls before 腊月二十.
      const list = (await api('get', township, '/care-visits?year=2026')).body;
      expect(list.map((v: { window: string | null }) => v.window)).toEqual(['qiyi', 'qiyi', null]);
      expect((await api('get', otherTownship, `/care/settings?orgId=${tree.t1.id}`)).status).toBe(404);
      expect((await api('get', otherTownship, `/care/settings?orgId=${tree.t2.id}`)).body.fromOrgId).toBeNull();
      await api('put', township, '/care/settings', {
        orgId: tree.t1.id,
        qiyiFrom: '06-01',
        qiyiTo: '07-10',
        springFromLaYueDay: 15,
        springToZhengYueDay: 15,
      });
    });
  });
});
