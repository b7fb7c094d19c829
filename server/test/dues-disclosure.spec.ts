/**
 * 党费收缴情况公开 (once a year, to the branch's members): a branch manager publishes the year's
 * summary — per member the months paid and the amount, never an ID number or a phone; the members
 * of that branch (its 党小组 too) read it, members of other branches do not; publishing again
 * replaces it (also two at once: one row); scope and bad input.
 */
import { DuesDisclosure } from '../src/modules/dues/dues.entity';
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

describe('党费收缴情况公开', () => {
  const clock = testClock('2026-12-10T09:00:00+08:00');
  let ctx: TestContext;
  let tree: Awaited<ReturnType<typeof buildTree>>;
  let township: string;
  let otherTownship: string;
  let secretary: BuiltMember;
  let farmer: BuiltMember;
  let grouped: BuiltMember;
  let neighbour: BuiltMember;
  let faraway: BuiltMember;

  const api = (method: 'get' | 'post' | 'put', who: string, path: string, body?: object) => {
    const req = ctx.http[method](`/api/v1${path}`).set('Authorization', who);
    return body ? req.send(body) : req;
  };
  const sec = () => asMember(ctx, secretary);

  beforeAll(async () => {
    ctx = await createTestContext({}, { now: clock.now });
    tree = await buildTree(ctx);
    township = asUser(ctx, await buildUser(ctx, 't1admin', 'pw-t1admin-1', [{ role: 'admin', org: tree.t1 }]));
    otherTownship = asUser(ctx, await buildUser(ctx, 't2admin', 'pw-t2admin-1', [{ role: 'admin', org: tree.t2 }]));
    secretary = await buildMember(ctx, tree.b11, { name: '甲村书记' });
    await grantRole(ctx, 'branch_secretary', tree.b11, { memberId: secretary.id });
    farmer = await buildMember(ctx, tree.b11, { name: '农民党员' });
    grouped = await buildMember(ctx, tree.g111, { name: '小组党员' });
    neighbour = await buildMember(ctx, tree.b12, { name: '乙村党员' });
    faraway = await buildMember(ctx, tree.b21, { name: '丙村党员' });
    await api('put', sec(), '/dues-bases', { memberId: farmer.id, year: 2026, category: 'farmer', monthlyCents: 50 }).expect(200);
    await api('post', sec(), '/dues-payments', {
      memberId: farmer.id,
      months: ['2026-01', '2026-02', '2026-03'],
      amountCents: 150,
      method: 'cash',
      paidOn: '2026-03-05',
    }).expect(201);
  });
  afterAll(() => ctx.close());

  it('publishes the year’s summary: months and amounts per member, no personal numbers', async () => {
    const res = await api('post', sec(), '/dues-disclosures', { orgId: tree.b11.id, year: 2026, note: '2026 年度党费收缴情况' });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({
      orgName: '甲村党支部',
      year: 2026,
      publishedOn: '2026-12-10',
      publishedByName: '甲村书记',
      totalCents: 150,
    });
    const byName = Object.fromEntries(res.body.rows.map((r: { memberName: string }) => [r.memberName, r]));
    expect(Object.keys(byName).sort()).toEqual(['农民党员', '小组党员', '甲村书记'].sort());
    expect(byName['农民党员']).toEqual({ memberName: '农民党员', paidMonths: ['2026-01', '2026-02', '2026-03'], paidCents: 150 });
    expect(byName['小组党员']).toEqual({ memberName: '小组党员', paidMonths: [], paidCents: 0 });
    const text = JSON.stringify(res.body);
    for (const m of [secretary, farmer, grouped]) {
      expect(text).not.toContain(m.idCard);
      expect(text).not.toContain(m.phone!);
      expect(text).not.toContain(m.id);
    }
  });

  it('is seen by the branch’s members (its 党小组 too), not by other branches', async () => {
    for (const m of [farmer, grouped, secretary]) {
      const mine = await api('get', asMember(ctx, m), '/dues-disclosures/mine?year=2026');
      expect(mine.status).toBe(200);
      expect(mine.body).toHaveLength(1);
      expect(mine.body[0]).toMatchObject({ orgId: tree.b11.id, year: 2026, totalCents: 150 });
    }
    for (const m of [neighbour, faraway]) expect((await api('get', asMember(ctx, m), '/dues-disclosures/mine')).body).toEqual([]);
    expect((await api('get', asMember(ctx, farmer), '/dues-disclosures/mine?year=2025')).body).toEqual([]);
    // Managers: their scope; a plain member is not a manager; another township 404.
    expect((await api('get', township, `/dues-disclosures?orgId=${tree.t1.id}`)).body.map((d: { orgId: string }) => d.orgId)).toEqual([
      tree.b11.id,
    ]);
    expect((await api('get', otherTownship, '/dues-disclosures')).body).toEqual([]);
    expect((await api('get', otherTownship, `/dues-disclosures?orgId=${tree.b11.id}`)).status).toBe(404);
    expect((await api('get', asMember(ctx, farmer), '/dues-disclosures')).status).toBe(403);
    // A console account without a member has no branch.
    expect((await api('get', township, '/dues-disclosures/mine')).status).toBe(403);
  });

  it('publishing again replaces the summary, once, also when two publish at once', async () => {
    await api('post', sec(), '/dues-payments', {
      memberId: farmer.id,
      months: ['2026-04'],
      amountCents: 50,
      method: 'wechat',
      paidOn: '2026-12-10',
    }).expect(201);
    const first = (await api('get', township, `/dues-disclosures?orgId=${tree.b11.id}&year=2026`)).body[0];
    const both = await Promise.all([
      api('post', sec(), '/dues-disclosures', { orgId: tree.b11.id, year: 2026 }),
      api('post', township, '/dues-disclosures', { orgId: tree.b11.id, year: 2026 }),
    ]);
    expect(both.map((r) => r.status)).toEqual([201, 201]);
    const rows = await ctx.ds.getRepository(DuesDisclosure).findBy({ orgId: tree.b11.id });
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ id: first.id, totalCents: 200 });
    expect((await api('get', asMember(ctx, grouped), '/dues-disclosures/mine')).body[0].totalCents).toBe(200);
    const audit = await ctx.ds.query("SELECT COUNT(*) AS n FROM audit_logs WHERE action = 'dues_disclosure.replace'");
    expect(Number(audit[0].n)).toBe(2);
  });

  it('refuses what is not a branch’s year, and callers outside', async () => {
    const bad = async (who: string, body: object, status: number, field?: string) => {
      const res = await api('post', who, '/dues-disclosures', body);
      expect([res.status, field ? res.body.error.details?.[0]?.field : undefined]).toEqual([status, field]);
    };
    await bad(sec(), { orgId: tree.g111.id, year: 2026 }, 400, 'orgId');
    await bad(township, { orgId: tree.t1.id, year: 2026 }, 400, 'orgId');
    await bad(sec(), { orgId: tree.b11.id, year: 2027 }, 400, 'year');
    await bad(sec(), { orgId: tree.b11.id, year: '2026年' }, 400, 'year');
    await bad(sec(), { orgId: tree.b12.id, year: 2026 }, 404);
    await bad(otherTownship, { orgId: tree.b11.id, year: 2026 }, 404);
    await bad(asMember(ctx, farmer), { orgId: tree.b11.id, year: 2026 }, 403);
  });
});
