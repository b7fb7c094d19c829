/**
 * 党费: the 2008 rate table with inclusive upper bounds, farmers 0.2–1.0 元, students 0.2 元,
 * retirees' table, overrides with a reason; payments by month — no month paid twice, also under
 * parallel requests (409 naming the months), back pay over 6 months needs a note, the amount
 * against the standard, 代交 names the payer; scope; the member's own 我的党费; no points.
 */
import { duesMonthlyCents, duesRateBp } from '@djzy/shared';
import { DuesMonth } from '../src/modules/dues/dues.entity';
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

describe('the 2008 dues table (pure)', () => {
  it('takes upper bounds inclusively', () => {
    expect(duesRateBp('employed', 300_000)).toBe(50); // 3000.00 元 → 0.5 %
    expect(duesRateBp('employed', 300_001)).toBe(100);
    expect(duesRateBp('employed', 500_000)).toBe(100);
    expect(duesRateBp('annual_salary', 1_000_000)).toBe(150);
    expect(duesRateBp('self_employed', 1_000_001)).toBe(200);
    expect(duesRateBp('retired', 500_000)).toBe(50);
    expect(duesRateBp('retired', 500_001)).toBe(100);
    expect(duesRateBp('farmer', 100_000)).toBeNull();
    expect(duesMonthlyCents(456_789, 100)).toBe(4568);
  });
});

describe('党费', () => {
  const clock = testClock('2026-12-10T09:00:00+08:00');
  let ctx: TestContext;
  let tree: Awaited<ReturnType<typeof buildTree>>;
  let township: string;
  let otherTownship: string;
  let secretary: BuiltMember;
  let worker: BuiltMember;
  let farmer: BuiltMember;
  let student: BuiltMember;
  let retiree: BuiltMember;

  const api = (method: 'get' | 'post' | 'put' | 'delete', who: string, path: string, body?: object) => {
    const req = ctx.http[method](`/api/v1${path}`).set('Authorization', who);
    return body ? req.send(body) : req;
  };

  beforeAll(async () => {
    ctx = await createTestContext({}, { now: clock.now });
    tree = await buildTree(ctx);
    township = asUser(ctx, await buildUser(ctx, 't1admin', 'pw-t1admin-1', [{ role: 'admin', org: tree.t1 }]));
    otherTownship = asUser(ctx, await buildUser(ctx, 't2admin', 'pw-t2admin-1', [{ role: 'admin', org: tree.t2 }]));
    secretary = await buildMember(ctx, tree.b11, { name: '甲村书记' });
    await grantRole(ctx, 'branch_secretary', tree.b11, { memberId: secretary.id });
    worker = await buildMember(ctx, tree.g111, { name: '在职党员' });
    farmer = await buildMember(ctx, tree.b11, { name: '农民党员' });
    student = await buildMember(ctx, tree.b11, { name: '学生党员', status: 'probationary' });
    retiree = await buildMember(ctx, tree.b11, { name: '退休党员' });
  });
  afterAll(() => ctx.close());

  const sec = () => asMember(ctx, secretary);

  it('sets each member’s year: the rate from the base, farmers within 0.2–1 元, students 0.2 元, overrides with a reason', async () => {
    const w = await api('put', sec(), '/dues-bases', { memberId: worker.id, year: 2026, category: 'employed', baseCents: 300_000 });
    expect(w.status).toBe(200);
    expect(w.body).toMatchObject({ rateBp: 50, monthlyCents: 1500, baseCents: 300_000, overrideReason: null });
    expect(
      (await api('put', sec(), '/dues-bases', { memberId: retiree.id, year: 2026, category: 'retired', baseCents: 620_000 })).body,
    ).toMatchObject({ rateBp: 100, monthlyCents: 6200 });
    expect((await api('put', sec(), '/dues-bases', { memberId: student.id, year: 2026, category: 'student' })).body).toMatchObject({
      monthlyCents: 20,
      rateBp: null,
    });
    const bad = async (body: object, field: string) => {
      const res = await api('put', sec(), '/dues-bases', body);
      expect([res.status, res.body.error.details?.[0]?.field]).toEqual([400, field]);
    };
    await bad({ memberId: farmer.id, year: 2026, category: 'farmer', monthlyCents: 150 }, 'monthlyCents');
    await bad({ memberId: farmer.id, year: 2026, category: 'farmer', monthlyCents: 10 }, 'monthlyCents');
    await bad({ memberId: farmer.id, year: 2026, category: 'farmer' }, 'monthlyCents');
    await bad({ memberId: worker.id, year: 2026, category: 'employed' }, 'baseCents');
    await bad({ memberId: worker.id, year: 2026, category: 'employed', baseCents: 300_000, monthlyCents: 1000 }, 'overrideReason');
    await bad({ memberId: student.id, year: 2026, category: 'student', monthlyCents: 50 }, 'overrideReason');
    await bad({ memberId: worker.id, year: 2026, category: 'salary', baseCents: 1 }, 'category');
    await bad({ memberId: worker.id, year: 2026, category: 'employed', baseCents: -1 }, 'baseCents');
    expect(
      (await api('put', sec(), '/dues-bases', { memberId: farmer.id, year: 2026, category: 'farmer', monthlyCents: 100 })).body
        .monthlyCents,
    ).toBe(100);
    // Set again: replaced, the audit keeps from/to; more than the table with a reason (自愿多交).
    const again = await api('put', sec(), '/dues-bases', {
      memberId: worker.id,
      year: 2026,
      category: 'employed',
      baseCents: 300_000,
      monthlyCents: 2000,
      overrideReason: '本人自愿多交',
    });
    expect(again.body).toMatchObject({ id: w.body.id, monthlyCents: 2000, overrideReason: '本人自愿多交' });
    const audit = await ctx.ds.query("SELECT action FROM audit_logs WHERE action = 'dues_base.replace'");
    expect(audit).toHaveLength(1);
    expect((await api('put', otherTownship, '/dues-bases', { memberId: worker.id, year: 2026, category: 'student' })).status).toBe(404);
    expect((await api('put', asMember(ctx, worker), '/dues-bases', { memberId: worker.id, year: 2026, category: 'student' })).status).toBe(
      404,
    );
  });

  it('records payments by month: each month once, even when two requests race', async () => {
    const pay = (over: object) => ({
      memberId: worker.id,
      months: ['2026-01', '2026-02', '2026-03'],
      amountCents: 6000,
      method: 'wechat',
      paidOn: '2026-03-05',
      externalTxnId: '4200001234567890',
      ...over,
    });
    const first = await api('post', sec(), '/dues-payments', pay({}));
    expect(first.status).toBe(201);
    expect(first.body).toMatchObject({
      months: ['2026-01', '2026-02', '2026-03'],
      amountCents: 6000,
      method: 'wechat',
      externalTxnId: '4200001234567890',
    });
    const twice = await api(
      'post',
      sec(),
      '/dues-payments',
      pay({ months: ['2026-03', '2026-04'], amountCents: 4000, paidOn: '2026-04-05' }),
    );
    expect(twice.status).toBe(409);
    expect(twice.body.error).toMatchObject({ code: 'DUES_MONTH_PAID', details: { months: ['2026-03'] } });
    const race = await Promise.all(
      [1, 2, 3, 4].map(() =>
        api('post', sec(), '/dues-payments', pay({ months: ['2026-04', '2026-05'], amountCents: 4000, paidOn: '2026-05-05' })),
      ),
    );
    expect(race.map((r) => r.status).sort()).toEqual([201, 409, 409, 409]);
    expect(await ctx.ds.getRepository(DuesMonth).count({ where: { memberId: worker.id } })).toBe(5);
  });

  it('checks the amount, back pay over 6 months, 代交, the base of the months’ year, dates', async () => {
    const pay = (over: object) => ({
      memberId: farmer.id,
      months: ['2026-01'],
      amountCents: 100,
      method: 'cash',
      paidOn: '2026-01-20',
      ...over,
    });
    const bad = async (over: object, field: string) => {
      const res = await api('post', sec(), '/dues-payments', pay(over));
      expect([res.status, res.body.error.details?.[0]?.field]).toEqual([400, field]);
    };
    await bad({ amountCents: 50 }, 'note');
    await bad({ months: ['2026-13'] }, 'months');
    await bad({ months: ['2026-01', '2026-01'] }, 'months');
    await bad({ method: 'proxy' }, 'proxyName');
    await bad({ paidOn: '2026-12-11' }, 'paidOn');
    await bad({ method: 'credit' }, 'method');
    const backPay = ['2026-01', '2026-02', '2026-03', '2026-04', '2026-05', '2026-06', '2026-07'];
    await bad({ months: backPay, amountCents: 700, paidOn: '2026-08-10' }, 'note'); // 7 months late
    const missing = await api('post', sec(), '/dues-payments', pay({ months: ['2025-12'] }));
    expect([missing.status, missing.body.error.code, missing.body.error.details]).toEqual([400, 'DUES_BASE_MISSING', { years: [2025] }]);
    expect(
      (
        await api(
          'post',
          sec(),
          '/dues-payments',
          pay({
            months: backPay,
            amountCents: 700,
            paidOn: '2026-08-10',
            method: 'proxy',
            proxyName: '其子 王*',
            note: '外出务工期间由家人补交',
          }),
        )
      ).status,
    ).toBe(201);
    // Six months late needs no note; paid less with a note (the branch records why).
    expect(
      (
        await api('post', sec(), '/dues-payments', {
          memberId: student.id,
          months: ['2026-01', '2026-02', '2026-03', '2026-04', '2026-05', '2026-06'],
          amountCents: 120,
          method: 'alipay',
          paidOn: '2026-07-02',
        })
      ).status,
    ).toBe(201);
    expect(
      (
        await api('post', sec(), '/dues-payments', {
          memberId: retiree.id,
          months: ['2026-01'],
          amountCents: 6000,
          method: 'bank',
          paidOn: '2026-01-10',
          note: '按上年标准交纳，差额下月补齐',
        })
      ).status,
    ).toBe(201);
    expect((await api('post', otherTownship, '/dues-payments', pay({ months: ['2026-08'] }))).status).toBe(404);
  });

  it('lists the year per member (paid and owed months) for the committee; a member sees only their own', async () => {
    const year = (await api('get', township, `/dues?orgId=${tree.b11.id}&year=2026`)).body;
    const of = (id: string) => year.find((y: { memberId: string }) => y.memberId === id);
    expect(of(worker.id)).toMatchObject({ paidMonths: ['2026-01', '2026-02', '2026-03', '2026-04', '2026-05'], paidCents: 10_000 });
    expect(of(worker.id).unpaidMonths).toEqual(['2026-06', '2026-07', '2026-08', '2026-09', '2026-10', '2026-11', '2026-12']);
    expect(of(secretary.id)).toMatchObject({ base: null, paidMonths: [] });
    expect(of(farmer.id).base).toMatchObject({ category: 'farmer', monthlyCents: 100 });
    expect((await api('get', asMember(ctx, worker), `/dues?orgId=${tree.b11.id}&year=2026`)).status).toBe(403);
    expect((await api('get', asMember(ctx, worker), '/dues?year=2026')).status).toBe(403);
    expect((await api('get', otherTownship, `/dues?orgId=${tree.b11.id}&year=2026`)).status).toBe(404);
    expect((await api('get', township, `/dues-payments?orgId=${tree.t1.id}&year=2026`)).body.length).toBe(5); // the worker’s 2, the farmer’s, the student’s, the retiree’s

    const mine = (await api('get', asMember(ctx, worker), '/dues/mine?year=2026')).body;
    expect(mine).toMatchObject({
      memberName: '在职党员',
      base: { monthlyCents: 2000 },
      paidMonths: ['2026-01', '2026-02', '2026-03', '2026-04', '2026-05'],
    });
    expect(mine.payments.map((x: { months: string[] }) => x.months)).toEqual([
      ['2026-04', '2026-05'],
      ['2026-01', '2026-02', '2026-03'],
    ]);
    expect((await api('get', township, '/dues/mine')).status).toBe(403);
    // Dues never touch points.
    const points = await ctx.ds.query('SELECT COUNT(*) AS n FROM points_entries');
    expect(Number(points[0].n)).toBe(0);
  });

  it('removes a mistaken payment, releasing its months (audited)', async () => {
    const p = (await api('get', township, `/dues-payments?orgId=${tree.t1.id}&year=2026`)).body.find(
      (x: { memberId: string; months: string[] }) => x.memberId === worker.id && x.months.length === 2,
    );
    expect((await api('delete', otherTownship, `/dues-payments/${p.id}`)).status).toBe(404);
    expect((await api('delete', sec(), `/dues-payments/${p.id}`)).status).toBe(204);
    expect((await api('delete', sec(), `/dues-payments/${p.id}`)).status).toBe(404);
    expect(
      (
        await api('post', sec(), '/dues-payments', {
          memberId: worker.id,
          months: ['2026-04'],
          amountCents: 2000,
          method: 'cash',
          paidOn: '2026-12-01',
        })
      ).status,
    ).toBe(201);
    const audit = await ctx.ds.query("SELECT action FROM audit_logs WHERE action LIKE 'dues_payment.%'");
    expect(audit.length).toBeGreaterThanOrEqual(7);
  });
});
