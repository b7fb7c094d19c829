import { PointsEntry, PointsRule, PointsRuleUsage } from '../src/modules/points/points.entity';
import { award, awardMany } from '../src/modules/points/points.ledger';
import { transactionWithRetry } from '../src/core/sql';
import { verifyBalances } from '../src/modules/points/points.verify';
import { AuditLog } from '../src/modules/audit/audit-log.entity';
import {
  asMember,
  asUser,
  buildMember,
  buildTree,
  buildUser,
  createTestContext,
  grantRole,
  type BuiltMember,
  type TestContext,
} from './support/context';

const AT = new Date('2026-11-27T02:00:00Z'); // 10:00 in the township

describe('points', () => {
  let ctx: TestContext;
  let tree: Awaited<ReturnType<typeof buildTree>>;
  let county: string;
  let t1admin: string;
  let secretary: BuiltMember;
  beforeAll(async () => {
    ctx = await createTestContext();
    tree = await buildTree(ctx);
    county = asUser(ctx, await buildUser(ctx, 'county', 'pw-county-1', [{ role: 'admin', org: tree.county }]));
    t1admin = asUser(ctx, await buildUser(ctx, 't1', 'pw-t1-1', [{ role: 'admin', org: tree.t1 }]));
    secretary = await buildMember(ctx, tree.b11, { name: '支书' });
    await grantRole(ctx, 'branch_secretary', tree.b11, { memberId: secretary.id });
  });
  afterAll(async () => {
    // Whatever the tests did, the summaries must equal the ledger.
    const r = await verifyBalances(ctx.ds);
    await ctx.close();
    expect(r.drift).toEqual([]);
  });

  const awardNow = (memberId: string, key: string, ruleCode = 'checkin', at = AT) =>
    transactionWithRetry(ctx.ds, (em) => award(em, { memberId, ruleCode, sourceType: 'activity', sourceId: 'act1', key, at }));
  const balance = async (m: { id: string }, period = '2026') =>
    (await ctx.http.get(`/api/v1/points/me?period=${period}`).set('Authorization', asMember(ctx, m))).body.balance as number;

  describe('rules', () => {
    it('lists the rules the contract requires', async () => {
      const res = await ctx.http.get('/api/v1/points/rules').set('Authorization', county);
      const codes = res.body.map((r: { code: string }) => r.code);
      expect(codes).toEqual(
        expect.arrayContaining(['checkin', 'study_online', 'study_note', 'absence', 'contact_logged', 'meeting_committee']),
      );
      expect(res.body.find((r: { code: string }) => r.code === 'absence').points).toBeLessThan(0);
      expect(res.body.find((r: { code: string }) => r.code === 'meeting_committee').yearlyCap).toBe(24);
      // Who may change them is the server's answer: the county admin, not a township's.
      expect(res.body.every((r: { canEdit: boolean }) => r.canEdit)).toBe(true);
      const township = await ctx.http.get('/api/v1/points/rules').set('Authorization', t1admin);
      expect(township.body.every((r: { canEdit: boolean }) => r.canEdit === false)).toBe(true);
    });

    it('lets a county admin change a rule for new awards only, audited', async () => {
      const m = await buildMember(ctx, tree.b12);
      await awardNow(m.id, 'rule-change-1', 'study_note');
      const res = await ctx.http
        .put('/api/v1/points/rules/study_note')
        .set('Authorization', county)
        .send({ points: 5, dailyCap: 10, yearlyCap: 60, enabled: true });
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ code: 'study_note', points: 5, dailyCap: 10, yearlyCap: 60 });
      await awardNow(m.id, 'rule-change-2', 'study_note');
      const entries = await ctx.ds.getRepository(PointsEntry).findBy({ memberId: m.id });
      expect(entries.map((e) => e.delta).sort()).toEqual([2, 5]);
      const audit = await ctx.ds.getRepository(AuditLog).findOneByOrFail({ action: 'points.rule_update' });
      expect(JSON.parse(audit.details!).before.points).toBe(2);
      await ctx.ds.getRepository(PointsRule).update({ code: 'study_note' }, { points: 2, dailyCap: 2, yearlyCap: 50 });
    });

    it.each([
      [{ points: 1.5, enabled: true }, 'points'],
      [{ points: 1 }, 'enabled'],
      [{ points: 1, enabled: true, dailyCap: 0 }, 'dailyCap'],
      [{ points: 1, enabled: true, dailyCap: 10, yearlyCap: 5 }, 'dailyCap'],
      [{ points: 1, enabled: true, bonus: 3 }, 'bonus'],
    ])('refuses %j', async (body, field) => {
      const res = await ctx.http.put('/api/v1/points/rules/checkin').set('Authorization', county).send(body);
      expect(res.status).toBe(400);
      expect(res.body.error.details.map((d: { field: string }) => d.field)).toContain(field);
    });

    it('refuses township admins (rules are county-wide) and unknown codes', async () => {
      expect(
        (await ctx.http.put('/api/v1/points/rules/checkin').set('Authorization', t1admin).send({ points: 9, enabled: true })).status,
      ).toBe(403);
      const unknown = await ctx.http.put('/api/v1/points/rules/nope').set('Authorization', county).send({ points: 9, enabled: true });
      expect(unknown.status).toBe(404);
      expect(unknown.body.error.code).toBe('POINTS_RULE_NOT_FOUND');
    });
  });

  describe('the ledger', () => {
    it('awards once per key, also under 25 concurrent identical awards', async () => {
      const m = await buildMember(ctx, tree.b12);
      const results = await Promise.all(Array.from({ length: 25 }, () => awardNow(m.id, `checkin:a1:${m.id}`)));
      expect(results.filter((r) => r.awarded > 0)).toHaveLength(1);
      expect(results.filter((r) => r.duplicate)).toHaveLength(24);
      expect(new Set(results.map((r) => r.entry?.id)).size).toBe(1);
      expect(await ctx.ds.getRepository(PointsEntry).countBy({ memberId: m.id })).toBe(1);
      expect(await balance(m)).toBe(2);
    });

    it('never overshoots the daily cap, even with concurrent awards of different keys', async () => {
      const m = await buildMember(ctx, tree.b12);
      const results = await Promise.all(Array.from({ length: 10 }, (_, i) => awardNow(m.id, `cap:${m.id}:${i}`)));
      expect(results.reduce((s, r) => s + r.awarded, 0)).toBe(6);
      expect(await balance(m)).toBe(6);
      // The next day the cap starts again.
      const next = await awardNow(m.id, `cap:${m.id}:next`, 'checkin', new Date('2026-11-28T02:00:00Z'));
      expect(next.awarded).toBe(2);
    });

    it('counts caps in order within one batch, and stores as cap room used exactly what was awarded', async () => {
      // One batch (as the check-in writer sends): the usage rows are added to at once and what
      // the caps cut or a repeated key did not take is given back in the same transaction.
      const m = await buildMember(ctx, tree.b12);
      const input = (key: string, ruleCode = 'checkin') => ({
        memberId: m.id,
        ruleCode,
        sourceType: 'activity',
        sourceId: 'act1',
        key,
        at: AT,
      });
      const results = await transactionWithRetry(ctx.ds, (em) =>
        awardMany(em, [input('b1'), input('b2'), input('b1'), input('b3'), input('b4'), input('b5'), input('life1', 'meeting_org_life')]),
      );
      expect(results.map((r) => r.awarded)).toEqual([2, 2, 0, 2, 0, 0, 5]);
      expect(results[2].duplicate).toBe(true);
      const used = async (ruleCode: string, periodKey: string) =>
        (await ctx.ds.getRepository(PointsRuleUsage).findOneBy({ memberId: m.id, ruleCode, periodKey }))?.used;
      expect(await used('checkin', 'D2026-11-27')).toBe(6);
      expect(await used('checkin', 'Y2026')).toBe(6);
      expect(await used('meeting_org_life', 'Y2026')).toBe(5);
      expect(await balance(m)).toBe(11);
      // The next batch finds the caps full: nothing more, and the rows stay exact.
      const again = await transactionWithRetry(ctx.ds, (em) => awardMany(em, [input('b6'), input('life2', 'meeting_org_life')]));
      expect(again.map((r) => r.awarded)).toEqual([0, 0]);
      expect(await used('checkin', 'D2026-11-27')).toBe(6);
      expect(await used('meeting_org_life', 'Y2026')).toBe(5);
    });

    it('enforces the yearly cap and gives partial points up to it', async () => {
      const m = await buildMember(ctx, tree.b12);
      let total = 0;
      for (let i = 0; i < 6; i++)
        total += (await awardNow(m.id, `org-life:${i}`, 'meeting_org_life', new Date(Date.UTC(2026, i, 10)))).awarded;
      expect(total).toBe(5);
      // A new year is a new cap.
      expect((await awardNow(m.id, 'org-life:2027', 'meeting_org_life', new Date('2027-01-10T02:00:00Z'))).awarded).toBe(5);
    });

    it('awards nothing for a disabled rule, and takes points for a negative one', async () => {
      const m = await buildMember(ctx, tree.b12);
      await ctx.ds.getRepository(PointsRule).update({ code: 'contact_logged' }, { enabled: false });
      expect((await awardNow(m.id, 'off', 'contact_logged')).awarded).toBe(0);
      await ctx.ds.getRepository(PointsRule).update({ code: 'contact_logged' }, { enabled: true });
      expect((await awardNow(m.id, 'absent', 'absence')).awarded).toBe(-3);
      expect(await balance(m)).toBe(-3);
    });

    it('counts an award in the township day, month and quarter it happened in', async () => {
      const m = await buildMember(ctx, tree.b12);
      // 2026-12-31 17:00 UTC is 2027-01-01 01:00 in Shanghai.
      await awardNow(m.id, 'newyear', 'checkin', new Date('2026-12-31T17:00:00Z'));
      expect(await balance(m, '2026')).toBe(0);
      expect(await balance(m, '2027')).toBe(2);
      expect(await balance(m, '2027-Q1')).toBe(2);
      expect(await balance(m, '2027-01')).toBe(2);
    });
  });

  describe('GET /points/me', () => {
    it('shows the balance and each entry with its rule, reason and source', async () => {
      const m = await buildMember(ctx, tree.b11);
      await awardNow(m.id, `checkin:x:${m.id}`);
      const res = await ctx.http.get('/api/v1/points/me?period=2026-11').set('Authorization', asMember(ctx, m));
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ balance: 2, period: '2026-11', rankingVisible: false, rank: null });
      expect(res.body.entries[0]).toMatchObject({
        delta: 2,
        ruleCode: 'checkin',
        ruleName: '参加组织活动',
        reason: '参加组织活动',
        sourceType: 'activity',
        sourceId: 'act1',
        effectiveDate: '2026-11-27',
      });
      expect((await ctx.http.get('/api/v1/points/me?period=2026-10').set('Authorization', asMember(ctx, m))).body.entries).toEqual([]);
    });

    it.each(['2026-13', 'abc', '2026-Q5'])('refuses period %s', async (period) => {
      const m = await buildMember(ctx, tree.b11);
      const res = await ctx.http.get(`/api/v1/points/me?period=${period}`).set('Authorization', asMember(ctx, m));
      expect(res.status).toBe(400);
      expect(res.body.error.code).toBe('PERIOD_INVALID');
    });
  });

  describe('adjustments and reversals', () => {
    const adjust = (auth: string, body: object, key?: string) => {
      const req = ctx.http.post('/api/v1/points/adjustments').set('Authorization', auth);
      if (key) req.set('Idempotency-Key', key);
      return req.send(body);
    };

    it('adjusts with a reason, once per Idempotency-Key, and audits it', async () => {
      const m = await buildMember(ctx, tree.b11);
      const body = { memberId: m.id, delta: 5, reason: '参加抗洪抢险志愿服务' };
      const first = await adjust(county, body, 'key-adjust-0001');
      expect(first.status).toBe(201);
      expect(first.body.entry).toMatchObject({
        delta: 5,
        ruleCode: 'adjustment',
        reason: '参加抗洪抢险志愿服务',
        sourceType: 'adjustment',
      });
      expect(first.body.balance).toBe(5);
      const again = await Promise.all([adjust(county, body, 'key-adjust-0001'), adjust(county, body, 'key-adjust-0001')]);
      for (const r of again) expect(r.body).toEqual(first.body);
      // A burst of identical first requests: one entry, one answer for all.
      const burstBody = { memberId: m.id, delta: 2, reason: '并发' };
      const burst = await Promise.all(Array.from({ length: 8 }, () => adjust(county, burstBody, 'key-adjust-burst')));
      expect(burst.every((r) => r.status === 201)).toBe(true);
      expect(new Set(burst.map((r) => r.body.entry.id)).size).toBe(1);
      expect(await balance(m)).toBe(7);
      await adjust(county, { memberId: m.id, delta: -2, reason: '还原' }, 'key-adjust-undo');
      expect(await balance(m)).toBe(5);
      const other = await adjust(county, { ...body, delta: 6 }, 'key-adjust-0001');
      expect(other.status).toBe(422);
      expect(other.body.error.code).toBe('IDEMPOTENCY_KEY_REUSED');
      // One audit row per distinct adjustment (first, burst, undo), none for the replays.
      expect(await ctx.ds.getRepository(AuditLog).countBy({ action: 'points.adjust', targetId: m.id })).toBe(3);
    });

    it('requires the key, a reason and a non-zero delta', async () => {
      const m = await buildMember(ctx, tree.b11);
      expect((await adjust(county, { memberId: m.id, delta: 1, reason: 'x' })).body.error.code).toBe('IDEMPOTENCY_KEY_REQUIRED');
      expect((await adjust(county, { memberId: m.id, delta: 1, reason: ' ' }, 'key-adjust-0002')).body.error.details[0].field).toBe(
        'reason',
      );
      expect((await adjust(county, { memberId: m.id, delta: 0, reason: 'x' }, 'key-adjust-0003')).body.error.details[0].field).toBe(
        'delta',
      );
      expect((await adjust(county, { memberId: m.id, delta: 5000, reason: 'x' }, 'key-adjust-0004')).status).toBe(400);
      expect(await ctx.ds.getRepository(PointsEntry).countBy({ memberId: m.id })).toBe(0);
    });

    it('is for admins of the member only', async () => {
      const other = await buildMember(ctx, tree.b21);
      expect((await adjust(t1admin, { memberId: other.id, delta: 1, reason: 'x' }, 'key-adjust-0005')).status).toBe(404);
      const mine = await buildMember(ctx, tree.b11);
      expect((await adjust(asMember(ctx, secretary), { memberId: mine.id, delta: 1, reason: 'x' }, 'key-adjust-0006')).status).toBe(404);
    });

    it('reverses an entry once, restoring the balance and the cap room', async () => {
      const m = await buildMember(ctx, tree.b11);
      const awarded = await awardNow(m.id, `rev:${m.id}`);
      const results = await Promise.all(
        Array.from({ length: 5 }, () =>
          ctx.http.post(`/api/v1/points/entries/${awarded.entry!.id}/reverse`).set('Authorization', t1admin).send({ reason: '误签' }),
        ),
      );
      expect(results.filter((r) => r.status === 201)).toHaveLength(1);
      expect(results.filter((r) => r.status === 409).every((r) => r.body.error.code === 'ALREADY_REVERSED')).toBe(true);
      const reversal = results.find((r) => r.status === 201)!.body;
      expect(reversal).toMatchObject({ delta: -2, reversalOf: awarded.entry!.id, sourceType: 'reversal', reason: '冲正：误签' });
      expect(await balance(m)).toBe(0);
      const again = await ctx.http
        .post(`/api/v1/points/entries/${reversal.id}/reverse`)
        .set('Authorization', t1admin)
        .send({ reason: '再冲' });
      expect(again.body.error.code).toBe('CANNOT_REVERSE_REVERSAL');
      const me = await ctx.http.get('/api/v1/points/me').set('Authorization', asMember(ctx, m));
      expect(me.body.entries.find((e: { id: string }) => e.id === awarded.entry!.id).reversedBy).toBe(reversal.id);
      // Cap room was given back: three more awards fit the daily cap of 6.
      let total = 0;
      for (let i = 0; i < 4; i++) total += (await awardNow(m.id, `rev:${m.id}:${i}`)).awarded;
      expect(total).toBe(6);
    });
  });

  describe('rankings', () => {
    let ranked: BuiltMember[];
    beforeAll(async () => {
      // A fresh branch of its own so the figures are exact: points 10, 7, 7, 3, 0.
      const branch = await (await import('./support/context')).buildOrg(ctx, '排名村党支部', 'branch', tree.t2);
      ranked = [];
      for (const [i, pts] of [10, 7, 7, 3, 0].entries()) {
        const m = await buildMember(ctx, branch, { name: `排名${i}` });
        if (pts)
          await ctx.http
            .post('/api/v1/points/adjustments')
            .set('Authorization', county)
            .set('Idempotency-Key', `rank-key-${m.id}`)
            .send({ memberId: m.id, delta: pts, reason: '测试' });
        ranked.push(m);
      }
      (ranked as unknown as { branch: unknown }).branch = branch;
    });
    const branchOf = () => (ranked as unknown as { branch: { id: string } }).branch;

    it('ranks by points with ties sharing a rank, zero points included', async () => {
      const res = await ctx.http.get(`/api/v1/points/rankings?orgId=${branchOf().id}&period=2026`).set('Authorization', county);
      expect(res.status).toBe(200);
      expect(res.body.total).toBe(5);
      expect(res.body.items.map((i: { rank: number; points: number }) => [i.rank, i.points])).toEqual([
        [1, 10],
        [2, 7],
        [2, 7],
        [4, 3],
        [5, 0],
      ]);
      expect(res.body.items[0]).toMatchObject({ name: '排名0', orgName: '排名村党支部' });
    });

    it('gives the same ranking page by page (index-first plan) as in one page (members-first plan)', async () => {
      const whole = await ctx.http.get('/api/v1/points/rankings?period=2026&pageSize=100').set('Authorization', county);
      const paged: unknown[] = [];
      for (let page = 1; page <= Math.ceil(whole.body.total / 3); page++) {
        const res = await ctx.http.get(`/api/v1/points/rankings?period=2026&pageSize=3&page=${page}`).set('Authorization', county);
        expect(res.body.total).toBe(whole.body.total);
        paged.push(...res.body.items);
      }
      expect(whole.body.items.length).toBeGreaterThan(10);
      expect(paged).toEqual(whole.body.items);
    });

    it('keeps a tie across a page boundary', async () => {
      const p2 = await ctx.http
        .get(`/api/v1/points/rankings?orgId=${branchOf().id}&period=2026&pageSize=2&page=2`)
        .set('Authorization', county);
      expect(p2.body.items.map((i: { rank: number }) => i.rank)).toEqual([2, 4]);
    });

    it('hides personal rankings from members unless the branch shows them', async () => {
      const member = ranked[1];
      const hidden = await ctx.http.get('/api/v1/points/rankings').set('Authorization', asMember(ctx, member));
      expect(hidden.status).toBe(403);
      expect(hidden.body.error.code).toBe('RANKING_HIDDEN');
      expect(
        (
          await ctx.http
            .put(`/api/v1/points/settings/${branchOf().id}`)
            .set('Authorization', asMember(ctx, secretary))
            .send({ showMemberRanking: true })
        ).status,
      ).toBe(404);
      const on = await ctx.http
        .put(`/api/v1/points/settings/${branchOf().id}`)
        .set('Authorization', county)
        .send({ showMemberRanking: true });
      expect(on.body).toEqual({ orgId: branchOf().id, showMemberRanking: true });
      const shown = await ctx.http.get('/api/v1/points/rankings').set('Authorization', asMember(ctx, member));
      expect(shown.body.items).toHaveLength(5);
      const me = await ctx.http.get('/api/v1/points/me').set('Authorization', asMember(ctx, member));
      expect(me.body).toMatchObject({ rankingVisible: true, rank: 2, balance: 7 });
      expect((await ctx.http.get(`/api/v1/points/rankings?orgId=${tree.b11.id}`).set('Authorization', asMember(ctx, member))).status).toBe(
        403,
      );
    });

    it('limits managers to their scope', async () => {
      expect((await ctx.http.get(`/api/v1/points/rankings?orgId=${branchOf().id}`).set('Authorization', t1admin)).status).toBe(403);
      const own = await ctx.http.get('/api/v1/points/rankings?period=2026').set('Authorization', asMember(ctx, secretary));
      expect(own.status).toBe(200);
      expect(own.body.items.every((i: { orgName: string }) => ['甲村党支部', '第一党小组'].includes(i.orgName))).toBe(true);
    });

    it('gives per-branch figures for the chart', async () => {
      const res = await ctx.http.get(`/api/v1/points/distribution?orgId=${tree.t2.id}&period=2026`).set('Authorization', county);
      const row = res.body.find((b: { orgName: string }) => b.orgName === '排名村党支部');
      expect(row).toEqual({ orgId: branchOf().id, orgName: '排名村党支部', members: 5, average: 5.4, max: 10, min: 0 });
    });

    it('publishes a notice (评比通报) that members of the org then read', async () => {
      const created = await ctx.http
        .post('/api/v1/points/notices')
        .set('Authorization', county)
        .send({ orgId: tree.t2.id, period: '2026', size: 3 });
      expect(created.status).toBe(201);
      expect(created.body).toMatchObject({
        status: 'draft',
        orgName: '二号镇党委',
        period: '2026',
        title: '二号镇党委2026年度党员积分评比通报',
      });
      expect(created.body.top.map((t: { points: number }) => t.points)).toEqual([10, 7, 7]);
      expect(created.body.body).toContain('排名0（排名村党支部，10分）');
      const member = ranked[4];
      expect((await ctx.http.get(`/api/v1/points/notices/${created.body.id}`).set('Authorization', asMember(ctx, member))).status).toBe(
        404,
      );
      const edited = await ctx.http
        .patch(`/api/v1/points/notices/${created.body.id}`)
        .set('Authorization', county)
        .send({ title: '关于2026年度党员积分情况的通报' });
      expect(edited.body.title).toBe('关于2026年度党员积分情况的通报');
      const published = await ctx.http.post(`/api/v1/points/notices/${created.body.id}/publish`).set('Authorization', county);
      expect(published.body.status).toBe('published');
      const list = await ctx.http.get('/api/v1/points/notices').set('Authorization', asMember(ctx, member));
      expect(list.body.items.map((n: { id: string }) => n.id)).toEqual([created.body.id]);
      const outsider = await buildMember(ctx, tree.b11);
      expect((await ctx.http.get('/api/v1/points/notices').set('Authorization', asMember(ctx, outsider))).body.total).toBe(0);
      // A branch secretary in that township reads it too (their role does not narrow what they read).
      const sec21 = await buildMember(ctx, tree.b21);
      await grantRole(ctx, 'branch_secretary', tree.b21, { memberId: sec21.id });
      const secList = await ctx.http.get('/api/v1/points/notices').set('Authorization', asMember(ctx, sec21));
      expect(secList.body.items.map((n: { id: string }) => n.id)).toContain(created.body.id);
      const late = await ctx.http.patch(`/api/v1/points/notices/${created.body.id}`).set('Authorization', county).send({ body: '改' });
      expect(late.status).toBe(409);
      expect(
        (await ctx.http.post('/api/v1/points/notices').set('Authorization', t1admin).send({ orgId: tree.t2.id, period: '2026' })).status,
      ).toBe(403);
    });
  });
});
