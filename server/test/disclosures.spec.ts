/**
 * 三务公开 through the real app on both databases with a fake clock: the states and who moves
 * them (监督小组 never the preparer, 农经站 and approval by the township), the finance check rule,
 * personal numbers refused with nothing written, masked beneficiaries, corrections (已更正), the
 * public routes (never a draft, a member-only item or another village's), 我要监督 feedback (rate
 * limited, held when unchecked), the finance sheet import, and the schedule check raising one
 * supervision problem however many run at once.
 */
import ExcelJS from 'exceljs';
import { yuanToCents } from '@djzy/shared';
import { Disclosure, DisclosureRow, DisclosureSchedule } from '../src/modules/disclosure/disclosure.entity';
import { Feedback, Problem } from '../src/modules/problem/problem.entity';
import {
  asMember,
  asUser,
  buildMember,
  buildTree,
  buildUser,
  createTestContext,
  grantRole,
  makeIdCard,
  testClock,
  type BuiltMember,
  type TestContext,
} from './support/context';

describe('三务公开', () => {
  const clock = testClock('2026-11-05T09:00:00+08:00');
  let ctx: TestContext;
  let tree: Awaited<ReturnType<typeof buildTree>>;
  let township: string;
  let otherTownship: string;
  let secretary: BuiltMember;
  let committee: BuiltMember;
  let villager: BuiltMember;
  let otherVillage: BuiltMember;
  let sec: string;
  let com: string;

  beforeAll(async () => {
    ctx = await createTestContext({ TRUST_PROXY: '1', PUBLIC_FEEDBACK_PER_HOUR: '3' }, { now: clock.now });
    tree = await buildTree(ctx);
    township = asUser(ctx, await buildUser(ctx, 'd1admin', 'pw-d1admin-1', [{ role: 'admin', org: tree.t1 }]));
    otherTownship = asUser(ctx, await buildUser(ctx, 'd2admin', 'pw-d2admin-1', [{ role: 'admin', org: tree.t2 }]));
    secretary = await buildMember(ctx, tree.b11, { name: '甲村书记' });
    committee = await buildMember(ctx, tree.b11, { name: '甲村委员' });
    villager = await buildMember(ctx, tree.g111, { name: '甲村党员' });
    otherVillage = await buildMember(ctx, tree.b12, { name: '乙村党员' });
    await grantRole(ctx, 'branch_secretary', tree.b11, { memberId: secretary.id });
    await grantRole(ctx, 'branch_committee', tree.b11, { memberId: committee.id });
    sec = asMember(ctx, secretary);
    com = asMember(ctx, committee);
  });
  afterAll(() => ctx.close());

  const post = (who: string, path: string, body: object = {}) => ctx.http.post(`/api/v1${path}`).set('Authorization', who).send(body);
  const get = (who: string | null, path: string) =>
    who ? ctx.http.get(`/api/v1${path}`).set('Authorization', who) : ctx.http.get(`/api/v1${path}`);
  const finance = (over: object = {}) => ({
    orgId: tree.b11.id,
    kind: 'finance',
    title: '2026年10月村级财务收支公开',
    periodFrom: '2026-10-01',
    periodTo: '2026-10-31',
    financeRows: [
      { on: '2026-10-08', item: '上级转移支付', incomeCents: 5_000_000, voucherNo: '记-001' },
      { on: '2026-10-20', item: '村道维修', expenseCents: 1_234_56 },
    ],
    ...over,
  });

  /** A disclosure taken through every signature to published. */
  async function published(body: object) {
    const d = (await post(sec, '/disclosures', body)).body;
    expect((await post(sec, `/disclosures/${d.id}/submit`)).status).toBe(200);
    expect((await post(com, `/disclosures/${d.id}/review`, { note: '已核对' })).status).toBe(200);
    if (d.kind === 'finance' || d.kind === 'subsidy') expect((await post(township, `/disclosures/${d.id}/finance-check`)).status).toBe(200);
    expect((await post(township, `/disclosures/${d.id}/approve`)).status).toBe(200);
    const res = await post(sec, `/disclosures/${d.id}/publish`);
    expect(res.status).toBe(200);
    return res.body;
  }

  it('goes draft → under_review → reviewed → finance_checked → approved → published, each sign-off by the right people', async () => {
    const created = await post(sec, '/disclosures', finance());
    expect(created.status).toBe(201);
    const d = created.body;
    expect(d).toMatchObject({
      status: 'draft',
      version: 1,
      totals: { incomeCents: 5_000_000, expenseCents: 123_456 },
      prepared: { byName: '甲村书记' },
    });
    expect(d.financeRows[1]).toEqual({ on: '2026-10-20', item: '村道维修', incomeCents: 0, expenseCents: 123_456, voucherNo: null });
    expect(d.can).toMatchObject({ edit: true, submit: true, review: false });

    const early = await post(com, `/disclosures/${d.id}/review`);
    expect(early.status).toBe(409);
    expect(early.body.error).toMatchObject({ code: 'STATE_CONFLICT', details: { from: 'draft', allowed: ['under_review'] } });
    expect((await post(sec, `/disclosures/${d.id}/submit`)).body.status).toBe('under_review');
    expect((await post(sec, `/disclosures/${d.id}/submit`)).body.error).toMatchObject({
      code: 'STATE_CONFLICT',
      details: { from: 'under_review' },
    });
    // Editing is for drafts only.
    expect((await ctx.http.patch(`/api/v1/disclosures/${d.id}`).set('Authorization', sec).send({ title: '改' })).status).toBe(409);

    // The preparer cannot be their own 监督小组; another committee member can.
    const self = await post(sec, `/disclosures/${d.id}/review`);
    expect(self.status).toBe(403);
    expect(self.body.error.code).toBe('DISCLOSURE_SELF_REVIEW');
    const reviewed = await post(com, `/disclosures/${d.id}/review`, { note: '票据齐全' });
    expect(reviewed.body).toMatchObject({ status: 'reviewed', reviewed: { byName: '甲村委员', note: '票据齐全' } });

    // Money is approved only after the township's 农经站 check, and only by the township.
    const noCheck = await post(township, `/disclosures/${d.id}/approve`);
    expect(noCheck.status).toBe(409);
    expect(noCheck.body.error).toMatchObject({
      code: 'FINANCE_CHECK_REQUIRED',
      details: { from: 'reviewed', allowed: ['finance_checked'] },
    });
    expect(noCheck.body.error.message).toMatch(/农经站/);
    expect((await post(sec, `/disclosures/${d.id}/finance-check`)).body.error.code).toBe('DISCLOSURE_TOWNSHIP_ONLY');
    expect((await post(otherTownship, `/disclosures/${d.id}/finance-check`)).status).toBe(404);
    expect((await post(sec, `/disclosures/${d.id}/publish`)).body.error).toMatchObject({
      code: 'STATE_CONFLICT',
      details: { from: 'reviewed', allowed: ['approved'] },
    });
    expect((await post(township, `/disclosures/${d.id}/finance-check`, { note: '已核' })).body.status).toBe('finance_checked');
    expect((await post(sec, `/disclosures/${d.id}/approve`)).body.error.code).toBe('DISCLOSURE_TOWNSHIP_ONLY');
    expect((await post(township, `/disclosures/${d.id}/approve`)).body.status).toBe('approved');
    // Published twice at once (the secretary and the township): once.
    const [p1, p2] = await Promise.all([post(sec, `/disclosures/${d.id}/publish`), post(township, `/disclosures/${d.id}/publish`)]);
    expect([p1.status, p2.status].sort()).toEqual([200, 409]);
    const pub = p1.status === 200 ? p1 : p2;
    expect(pub.body).toMatchObject({ status: 'published', can: { edit: false } });
    expect((await get(sec, `/disclosures/${d.id}`)).body.can.correct).toBe(true);
    expect(pub.body.publishedAt).toMatch(/^2026-11-05T09:00/);
    expect((await post(sec, `/disclosures/${d.id}/publish`)).body.error).toMatchObject({
      code: 'STATE_CONFLICT',
      details: { from: 'published' },
    });
  });

  it('a village affairs item needs no 农经站 check; the finance check is refused for it; return sends it back with a reason', async () => {
    const d = (
      await post(sec, '/disclosures', {
        orgId: tree.b11.id,
        kind: 'village_affairs',
        title: '第三季度村务公开',
        periodFrom: '2026-07-01',
        periodTo: '2026-09-30',
      })
    ).body;
    const noBody = await post(sec, `/disclosures/${d.id}/submit`);
    expect(noBody.status).toBe(400);
    await ctx.http.patch(`/api/v1/disclosures/${d.id}`).set('Authorization', sec).send({ body: '一、村道硬化工程已完工。' });
    await post(sec, `/disclosures/${d.id}/submit`);
    const back = await post(township, `/disclosures/${d.id}/return`, { reason: '请补充工程决算' });
    expect(back.body).toMatchObject({ status: 'draft', returnReason: '请补充工程决算' });
    await post(sec, `/disclosures/${d.id}/submit`);
    await post(township, `/disclosures/${d.id}/review`);
    expect((await post(township, `/disclosures/${d.id}/finance-check`)).status).toBe(409);
    expect((await post(township, `/disclosures/${d.id}/approve`)).body.status).toBe('approved');
    expect((await post(sec, `/disclosures/${d.id}/publish`)).body.status).toBe('published');
  });

  it('refuses an ID number or a mobile anywhere with nothing written, and masks beneficiaries', async () => {
    const before = await ctx.ds.getRepository(Disclosure).count();
    const rowsBefore = await ctx.ds.getRepository(DisclosureRow).count();
    const subsidy = (rows: object[]) => ({
      orgId: tree.b11.id,
      kind: 'subsidy',
      title: '2026年耕地地力保护补贴发放名单',
      periodFrom: '2026-10-01',
      periodTo: '2026-10-31',
      subsidyRows: rows,
    });
    const ok = { beneficiary: '张三明', item: '耕地地力保护补贴', amountCents: 32_050, paidOn: '2026-10-15' };
    const withId = await post(sec, '/disclosures', subsidy([ok, { ...ok, beneficiary: `李四 ${makeIdCard()}` }]));
    expect(withId.status).toBe(400);
    expect(withId.body.error.code).toBe('DISCLOSURE_PERSONAL_DATA');
    expect(withId.body.error.message).toMatch(/身份证号/);
    expect(withId.body.error.details[0]).toMatchObject({ field: 'subsidyRows.1.beneficiary' });
    const withPhone = await post(sec, '/disclosures', subsidy([{ ...ok, item: '补贴 联系电话138 0013 8000' }]));
    expect(withPhone.status).toBe(400);
    expect(withPhone.body.error.details[0]).toMatchObject({ field: 'subsidyRows.0.item', message: '不能包含手机号' });
    const financePhone = await post(
      sec,
      '/disclosures',
      finance({ financeRows: [{ on: '2026-10-01', item: '付款给13800138000', expenseCents: 100 }] }),
    );
    expect(financePhone.status).toBe(400);
    expect(await ctx.ds.getRepository(Disclosure).count()).toBe(before);
    expect(await ctx.ds.getRepository(DisclosureRow).count()).toBe(rowsBefore);

    const created = await post(sec, '/disclosures', subsidy([ok, { ...ok, beneficiary: '王五' }, { ...ok, beneficiary: '欧阳小明' }]));
    expect(created.status).toBe(201);
    expect(created.body.subsidyRows.map((r: { beneficiary: string }) => r.beneficiary)).toEqual(['张*明', '王*', '欧**明']);
    const stored = await ctx.ds.getRepository(DisclosureRow).findBy({ disclosureId: created.body.id });
    expect(stored.map((r) => r.beneficiary).sort()).toEqual(['张*明', '欧**明', '王*'].sort());
    // Replacing rows with a phone is refused too, and keeps the rows there were.
    const put = await ctx.http
      .put(`/api/v1/disclosures/${created.body.id}/rows`)
      .set('Authorization', sec)
      .send({ subsidyRows: [{ ...ok, beneficiary: '赵六 13912345678' }] });
    expect(put.status).toBe(400);
    expect(await ctx.ds.getRepository(DisclosureRow).countBy({ disclosureId: created.body.id })).toBe(3);
    // Subsidies also wait for the 农经站.
    await post(sec, `/disclosures/${created.body.id}/submit`);
    await post(com, `/disclosures/${created.body.id}/review`);
    expect((await post(township, `/disclosures/${created.body.id}/approve`)).body.error.code).toBe('FINANCE_CHECK_REQUIRED');
  });

  it('a correction is a new draft; once published the original is 已更正 and still readable; one correction at a time', async () => {
    const original = await published(finance({ title: '2026年9月财务公开', periodFrom: '2026-09-01', periodTo: '2026-09-30' }));
    // Two corrections started at once: one draft, the other refused.
    const [c1, c2] = await Promise.all([
      post(sec, `/disclosures/${original.id}/correct`),
      post(township, `/disclosures/${original.id}/correct`),
    ]);
    expect([c1.status, c2.status].sort()).toEqual([201, 409]);
    const fix = c1.status === 201 ? c1 : c2;
    expect(fix.body).toMatchObject({ status: 'draft', version: 2, supersedesId: original.id });
    expect(fix.body.financeRows).toHaveLength(2);
    expect((await post(sec, `/disclosures/${original.id}/correct`)).body.error.code).toBe('STATE_CONFLICT');
    await ctx.http
      .put(`/api/v1/disclosures/${fix.body.id}/rows`)
      .set('Authorization', sec)
      .send({ financeRows: [{ on: '2026-09-20', item: '村道维修（更正）', expenseCents: 120_000 }] });
    await post(sec, `/disclosures/${fix.body.id}/submit`);
    await post(com, `/disclosures/${fix.body.id}/review`);
    await post(township, `/disclosures/${fix.body.id}/finance-check`);
    await post(township, `/disclosures/${fix.body.id}/approve`);
    expect((await post(sec, `/disclosures/${fix.body.id}/publish`)).body.status).toBe('published');
    const old = await get(sec, `/disclosures/${original.id}`);
    expect(old.body).toMatchObject({ status: 'superseded', supersededById: fix.body.id });
    const pub = await get(null, `/public/orgs/${tree.b11.id}/disclosures`);
    const listed = pub.body.items.find((i: { id: string }) => i.id === original.id);
    expect(listed).toMatchObject({ superseded: true, supersededById: fix.body.id, current: false });
    expect((await get(null, `/public/disclosures/${original.id}`)).body.superseded).toBe(true);
  });

  it('public routes show published public items of that village only; drafts, member-only and others are 404', async () => {
    const members = await published({
      orgId: tree.b11.id,
      kind: 'party_affairs',
      title: '党员发展情况（党内）',
      periodFrom: '2026-10-01',
      periodTo: '2026-10-31',
      body: '本季度确定发展对象1名。',
      audience: 'members',
    });
    const draft = (
      await post(sec, '/disclosures', {
        orgId: tree.b11.id,
        kind: 'village_affairs',
        title: '草稿',
        periodFrom: '2026-10-01',
        periodTo: '2026-10-31',
        body: '未定',
      })
    ).body;
    const other = (
      await post(township, '/disclosures', {
        orgId: tree.b12.id,
        kind: 'village_affairs',
        title: '乙村村务',
        periodFrom: '2026-10-01',
        periodTo: '2026-10-31',
        body: '乙村',
      })
    ).body;

    const res = await get(null, `/public/orgs/${tree.b11.id}/disclosures`);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ orgName: '甲村党支部', townshipName: '一号镇党委' });
    const ids = res.body.items.map((i: { id: string }) => i.id);
    expect(ids).not.toContain(members.id);
    expect(ids).not.toContain(draft.id);
    expect(ids).not.toContain(other.id);
    expect(res.body.items.every((i: { superseded: boolean; id: string }) => !JSON.stringify(i).match(/\d{17}[\dX]|1[3-9]\d{9}/))).toBe(
      true,
    );
    // This period's first: the newest in force of each kind.
    const firstOld = res.body.items.findIndex((i: { current: boolean }) => !i.current);
    expect(res.body.items.slice(0, firstOld).every((i: { current: boolean }) => i.current)).toBe(true);
    // No signer names on the public page.
    expect(JSON.stringify(res.body)).not.toMatch(/甲村书记|甲村委员|用户/);

    for (const id of [members.id, draft.id, other.id, '0000000000000000000000', 'not-an-id'])
      expect((await get(null, `/public/disclosures/${id}`)).status).toBe(404);
    expect((await get(null, `/public/orgs/${tree.t1.id}/disclosures`)).status).toBe(404);
    expect((await get(null, `/public/orgs/zzzzzzzzzzzzzzzzzzzzzzzz/disclosures`)).status).toBe(404);
    // The township (not a village) has no page, another village's page never lists 甲村's items.
    const b12 = await get(null, `/public/orgs/${tree.b12.id}/disclosures`);
    expect(b12.body.items).toEqual([]);

    // Member-only: members of that village see it signed in; another village's member does not.
    expect((await get(asMember(ctx, villager), `/disclosures/${members.id}`)).status).toBe(200);
    const mine = await get(asMember(ctx, villager), '/disclosures');
    expect(mine.body.items.map((i: { id: string }) => i.id)).toContain(members.id);
    expect(mine.body.items.every((i: { status: string }) => i.status === 'published' || i.status === 'superseded')).toBe(true);
    expect((await get(asMember(ctx, villager), `/disclosures/${draft.id}`)).status).toBe(404);
    expect((await get(asMember(ctx, otherVillage), `/disclosures/${members.id}`)).status).toBe(404);
    expect((await get(asMember(ctx, otherVillage), `/disclosures?orgId=${tree.b11.id}`)).status).toBe(403);
    expect((await get(otherTownship, `/disclosures/${members.id}`)).status).toBe(404);
    expect((await get(otherTownship, `/disclosures?orgId=${tree.b11.id}`)).status).toBe(403);
  });

  it('我要监督: 201 without sign-in into the township inbox with the disclosure linked, held unchecked; 404 for a draft; 429 per address', async () => {
    const list = (await get(null, `/public/orgs/${tree.b11.id}/disclosures`)).body.items;
    const target = list.find((i: { superseded: boolean }) => !i.superseded);
    const from = (ip: string, id: string, body: object) =>
      ctx.http.post(`/api/v1/public/disclosures/${id}/feedback`).set('X-Forwarded-For', ip).send(body);

    const sent = await from('203.0.113.7', target.id, { content: '村道维修的支出能否公布明细？', contact: '张先生 0531-1234567' });
    expect(sent.status).toBe(201);
    expect(sent.body).toMatchObject({ status: 'received' });
    expect(sent.body.replyDueAt).toMatch(/^2026-11-15T09:00/);
    const row = await ctx.ds.getRepository(Feedback).findOneByOrFail({ id: sent.body.id });
    expect(row).toMatchObject({
      channel: 'public',
      disclosureId: target.id,
      orgId: tree.b11.id,
      checkResult: 'unchecked',
      senderMemberId: null,
    });
    const inbox = await get(township, '/feedback');
    expect(inbox.body.items.find((f: { id: string }) => f.id === sent.body.id)).toMatchObject({
      channel: 'public',
      held: true,
      disclosureId: target.id,
      contact: '张先生 0531-1234567',
    });
    expect((await get(otherTownship, '/feedback')).body.items.find((f: { id: string }) => f.id === sent.body.id)).toBeUndefined();

    const draft = (
      await post(sec, '/disclosures', {
        orgId: tree.b11.id,
        kind: 'village_affairs',
        title: '草稿2',
        periodFrom: '2026-10-01',
        periodTo: '2026-10-31',
      })
    ).body;
    expect((await from('203.0.113.8', draft.id, { content: '看看草稿' })).status).toBe(404);
    expect((await from('203.0.113.8', target.id, { content: '' })).status).toBe(400);
    const membersOnly = (await get(sec, '/disclosures?pageSize=100')).body.items.find(
      (i: { audience: string; status: string }) => i.audience === 'members' && i.status === 'published',
    );
    expect((await from('203.0.113.8', membersOnly.id, { content: '党内公开的也想看' })).status).toBe(404);
    expect(await ctx.ds.getRepository(Feedback).countBy({ disclosureId: membersOnly.id })).toBe(0);

    // The limit is per address (3 an hour in this test): the 4th is refused, another address is not.
    for (let i = 0; i < 2; i++) expect((await from('203.0.113.9', target.id, { content: `第${i}条意见` })).status).toBe(201);
    expect((await from('203.0.113.9', target.id, { content: '第三条' })).status).toBe(201);
    const limited = await from('203.0.113.9', target.id, { content: '第四条' });
    expect(limited.status).toBe(429);
    expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
    expect((await from('203.0.113.10', target.id, { content: '另一个地址' })).status).toBe(201);
  });

  it('with a check openid configured, passing text is not held and risky text is refused', async () => {
    const checked = await createTestContext({ TRUST_PROXY: '1', WECHAT_PUBLIC_CHECK_OPENID: 'o-public-check' }, { now: clock.now });
    try {
      const t = await buildTree(checked);
      const a1 = asUser(checked, await buildUser(checked, 'c1admin', 'pw-c1admin-1', [{ role: 'admin', org: t.t1 }]));
      const a2 = asUser(checked, await buildUser(checked, 'c2admin', 'pw-c2admin-1', [{ role: 'admin', org: t.t1 }]));
      const send = (who: string, path: string, body: object = {}) =>
        checked.http.post(`/api/v1${path}`).set('Authorization', who).send(body);
      const d = (
        await send(a1, '/disclosures', {
          orgId: t.b11.id,
          kind: 'party_affairs',
          title: '党费收缴公开',
          periodFrom: '2026-07-01',
          periodTo: '2026-09-30',
          body: '应缴 30 人，已缴 30 人。',
        })
      ).body;
      expect((await send(a1, `/disclosures/${d.id}/submit`)).status).toBe(200);
      expect((await send(a1, `/disclosures/${d.id}/review`)).body.error.code).toBe('DISCLOSURE_SELF_REVIEW');
      expect((await send(a2, `/disclosures/${d.id}/review`)).status).toBe(200);
      expect((await send(a2, `/disclosures/${d.id}/approve`)).status).toBe(200);
      expect((await send(a1, `/disclosures/${d.id}/publish`)).status).toBe(200);

      const ok = await checked.http.post(`/api/v1/public/disclosures/${d.id}/feedback`).send({ content: '党费公开很及时' });
      expect(ok.status).toBe(201);
      expect(await checked.ds.getRepository(Feedback).findOneByOrFail({ id: ok.body.id })).toMatchObject({ checkResult: 'pass' });
      expect((await checked.http.get('/api/v1/feedback').set('Authorization', a1)).body.items[0]).toMatchObject({
        held: false,
        channel: 'public',
      });
      checked.wechat.setMsgSecCheckResult('risky', 20001);
      const risky = await checked.http.post(`/api/v1/public/disclosures/${d.id}/feedback`).send({ content: '违规内容' });
      expect(risky.status).toBe(400);
      expect(risky.body.error.code).toBe('FEEDBACK_REJECTED');
      expect(await checked.ds.getRepository(Feedback).count()).toBe(1);
    } finally {
      await checked.close();
    }
  });

  it('attachments: PDF/JPEG/PNG on drafts only, public once published, copied into a correction', async () => {
    const png = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.alloc(64, 7)]);
    const pdf = Buffer.from('%PDF-1.4\n% test\n');
    const d = (
      await post(sec, '/disclosures', {
        orgId: tree.b11.id,
        kind: 'village_affairs',
        title: '工程决算公开',
        periodFrom: '2026-10-01',
        periodTo: '2026-10-31',
        body: '见附件',
      })
    ).body;
    const attach = (id: string, data: Buffer, name: string) =>
      ctx.http.post(`/api/v1/disclosures/${id}/attachments`).set('Authorization', sec).attach('file', data, name);
    const added = await attach(d.id, png, '决算表.png');
    expect(added.status).toBe(201);
    expect(added.body).toMatchObject({ name: '决算表.png', contentType: 'image/png', size: png.length });
    expect((await attach(d.id, pdf, '说明.pdf')).body.contentType).toBe('application/pdf');
    const txt = await attach(d.id, Buffer.from('just text'), '假图片.png');
    expect(txt.status).toBe(400);
    expect(txt.body.error.code).toBe('DISCLOSURE_FILE_INVALID');
    expect((await attach(d.id, png, '联系13800138000.png')).body.error.code).toBe('DISCLOSURE_PERSONAL_DATA');
    expect((await get(sec, `/disclosures/${d.id}`)).body.attachments).toHaveLength(2);
    // Not public while a draft; signed in, its village's managers can open it.
    expect((await get(null, `/public/disclosures/${d.id}/attachments/${added.body.id}`)).status).toBe(404);
    const own = await get(sec, `/disclosures/${d.id}/attachments/${added.body.id}`);
    expect(own.status).toBe(200);
    expect(own.headers['content-type']).toBe('image/png');
    expect((await get(otherTownship, `/disclosures/${d.id}/attachments/${added.body.id}`)).status).toBe(404);

    await post(sec, `/disclosures/${d.id}/submit`);
    expect((await ctx.http.delete(`/api/v1/disclosures/${d.id}/attachments/${added.body.id}`).set('Authorization', sec)).status).toBe(409);
    expect((await attach(d.id, png, '晚了.png')).status).toBe(409);
    await post(com, `/disclosures/${d.id}/review`);
    await post(township, `/disclosures/${d.id}/approve`);
    await post(sec, `/disclosures/${d.id}/publish`);
    const pub = await get(null, `/public/disclosures/${d.id}/attachments/${added.body.id}`).buffer(true);
    expect(pub.status).toBe(200);
    expect(Buffer.from(pub.body as Buffer).equals(png)).toBe(true);
    expect(pub.headers['content-disposition']).toContain(encodeURIComponent('决算表.png'));
    expect((await get(null, `/public/disclosures/${d.id}`)).body.attachments.map((a: { name: string }) => a.name)).toEqual([
      '决算表.png',
      '说明.pdf',
    ]);

    const fix = (await post(sec, `/disclosures/${d.id}/correct`)).body;
    expect(fix.attachments).toHaveLength(2);
    expect(fix.attachments[0].id).not.toBe(added.body.id);
    expect(
      (await ctx.http.delete(`/api/v1/disclosures/${fix.id}/attachments/${fix.attachments[0].id}`).set('Authorization', sec)).status,
    ).toBe(204);
    expect((await get(sec, `/disclosures/${fix.id}`)).body.attachments).toHaveLength(1);
    expect((await get(null, `/public/disclosures/${d.id}/attachments/${added.body.id}`)).status).toBe(200);
  });

  it('imports a finance sheet: bad rows reported with their numbers and nothing written; 1234.56 元 → 123456 分', async () => {
    expect(yuanToCents('1234.56')).toBe(123456);
    expect(yuanToCents('0.29')).toBe(29);
    expect(yuanToCents('1.005')).toBeNull();
    const d = (
      await post(sec, '/disclosures', finance({ title: '11月财务', periodFrom: '2026-11-01', periodTo: '2026-11-30', financeRows: [] }))
    ).body;
    async function sheet(rows: unknown[][]) {
      const wb = new ExcelJS.Workbook();
      const ws = wb.addWorksheet('收支明细');
      ws.addRow(['甲村2026年11月收支明细']);
      ws.addRow(['日期', '摘要', '收入', '支出', '凭证号']);
      rows.forEach((r) => ws.addRow(r));
      return Buffer.from(await wb.xlsx.writeBuffer());
    }
    const upload = (data: Buffer) =>
      ctx.http.post(`/api/v1/disclosures/${d.id}/rows/import`).set('Authorization', sec).attach('file', data, '收支.xlsx');

    const bad = await upload(
      await sheet([
        ['2026-11-03', '保洁费', '', '1,200.50', '记-01'],
        ['2026-13-01', '错误日期', '100', '', ''],
        ['2026-11-05', '金额错误', '12.345', '', ''],
        ['2026-11-06', '都为空', '', '', ''],
        ['2026-11-07', '负数', '-5', '', ''],
      ]),
    );
    expect(bad.status).toBe(400);
    expect(bad.body.error.code).toBe('IMPORT_ROWS_INVALID');
    expect(bad.body.error.details.map((e: { row: number }) => e.row)).toEqual([4, 5, 6, 7]);
    expect(bad.body.error.details[0].message).toMatch(/日期/);
    expect(bad.body.error.details[2].message).toMatch(/不能都为空/);
    expect(await ctx.ds.getRepository(DisclosureRow).countBy({ disclosureId: d.id })).toBe(0);

    const good = await upload(
      await sheet([
        [new Date(Date.UTC(2026, 10, 3)), '保洁费', '', '1,200.50', '记-01'],
        ['2026/11/10', '土地流转收入', '1234.56', '', '记-02'],
        ['2026年11月12日', '办公用品', null, 0.1 + 0.2, '记-03'],
        ['', '本月合计', '1234.56', '1200.60', ''],
      ]),
    );
    expect(good.status).toBe(200);
    expect(good.body).toEqual({ imported: 3, incomeCents: 123456, expenseCents: 120080 });
    const view = (await get(sec, `/disclosures/${d.id}`)).body;
    expect(view.financeRows).toEqual([
      { on: '2026-11-03', item: '保洁费', incomeCents: 0, expenseCents: 120050, voucherNo: '记-01' },
      { on: '2026-11-10', item: '土地流转收入', incomeCents: 123456, expenseCents: 0, voucherNo: '记-02' },
      { on: '2026-11-12', item: '办公用品', incomeCents: 0, expenseCents: 30, voucherNo: '记-03' },
    ]);
    const notXlsx = await ctx.http
      .post(`/api/v1/disclosures/${d.id}/rows/import`)
      .set('Authorization', sec)
      .attach('file', Buffer.from('a,b'), 'x.csv');
    expect(notXlsx.status).toBe(400);
    // Not a draft any more: refused.
    await post(sec, `/disclosures/${d.id}/submit`);
    expect((await upload(await sheet([['2026-11-03', '保洁费', '', '1', '']]))).status).toBe(409);
  });

  it('schedules: defaults per village, publishing advances the due date, the check raises exactly one problem under parallel calls', async () => {
    const schedules = (await get(township, `/disclosure-schedules?orgId=${tree.b12.id}`)).body;
    expect(schedules.map((s: { kind: string; cadence: string }) => `${s.kind}:${s.cadence}`)).toEqual([
      'party_affairs:quarterly',
      'village_affairs:quarterly',
      'finance:monthly',
      'subsidy:catalogue',
    ]);
    const fin = schedules.find((s: { kind: string }) => s.kind === 'finance');
    expect(fin).toMatchObject({ nextDueOn: '2026-12-10', overdue: false });
    const low = await ctx.http.patch(`/api/v1/disclosure-schedules/${fin.id}`).set('Authorization', township).send({ lowActivity: true });
    expect(low.body).toMatchObject({ cadence: 'quarterly', lowActivity: true });
    const back = await ctx.http
      .patch(`/api/v1/disclosure-schedules/${fin.id}`)
      .set('Authorization', township)
      .send({ lowActivity: false, nextDueOn: '2026-10-10' });
    expect(back.body).toMatchObject({ cadence: 'monthly', nextDueOn: '2026-10-10', overdue: true, overdueDays: 26 });
    expect(
      (await ctx.http.patch(`/api/v1/disclosure-schedules/${fin.id}`).set('Authorization', otherTownship).send({ cadence: 'yearly' }))
        .status,
    ).toBe(403);

    // Publishing 甲村's October accounts moved its finance due date to the end of November + 10 days.
    const a = (await get(township, `/disclosure-schedules?orgId=${tree.b11.id}`)).body.find((s: { kind: string }) => s.kind === 'finance');
    expect(a.nextDueOn).toBe('2026-12-10');

    const before = await ctx.ds.getRepository(Problem).countBy({ source: 'supervision' });
    const runs = await Promise.all([
      post(township, '/disclosure-schedules/check', {}),
      post(township, '/disclosure-schedules/check', { orgId: tree.b12.id }),
      ctx.services.disclosureSchedules.checkAll(),
      ctx.services.disclosureSchedules.checkAll(),
    ]);
    const raised = runs.map((r) => ('body' in r ? r.body.raised : r.raised));
    expect(raised.reduce((s: number, n: number) => s + n, 0)).toBe(1);
    const problems = await ctx.ds.getRepository(Problem).findBy({ source: 'supervision' });
    expect(problems.length - before).toBe(1);
    const p = problems.find((x) => x.sourceRef === fin.id)!;
    expect(p).toMatchObject({ orgId: tree.b12.id, assignerOrgId: tree.t1.id, status: 'registered', category: '三务公开逾期' });
    expect(p.description).toMatch(/乙村党支部财务公开.*2026-10-10/);
    // Seen by the township on its 问题清单; another check raises nothing more.
    expect((await get(township, '/problems?source=supervision')).body.items.map((x: { id: string }) => x.id)).toContain(p.id);
    expect((await post(township, '/disclosure-schedules/check', {})).body).toMatchObject({ overdue: 1, raised: 0 });
    const listed = (await get(township, `/disclosure-schedules?orgId=${tree.b12.id}`)).body.find(
      (s: { kind: string }) => s.kind === 'finance',
    );
    expect(listed).toMatchObject({ overdue: true, problemId: p.id });
    expect((await ctx.ds.getRepository(DisclosureSchedule).findOneByOrFail({ id: fin.id })).flaggedDueOn).toBe('2026-10-10');
    // A member cannot run it; another township's admin sees none of these villages.
    expect((await post(asMember(ctx, villager), '/disclosure-schedules/check', {})).status).toBe(403);
    expect((await post(otherTownship, '/disclosure-schedules/check', { orgId: tree.b12.id })).status).toBe(403);
  });
});
