/**
 * 发展党员: the 25 steps walked end to end with a fake clock (a 支部大会 on 29 February, an
 * extension of the 预备期), each hard rule broken once and named, bad input refused with nothing
 * written, soft warnings with their due dates, the roster following the case, and org scope.
 */
import ExcelJS from 'exceljs';
import { DEVELOPMENT_IMPORT_COLUMNS } from '@djzy/shared';
import { DevelopmentCase, DevelopmentStepRecord } from '../src/modules/development/development.entity';
import { Member } from '../src/modules/member/member.entity';
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

describe('发展党员', () => {
  const clock = testClock('2026-01-20T10:00:00+08:00');
  let ctx: TestContext;
  let tree: Awaited<ReturnType<typeof buildTree>>;
  let township: string;
  let county: string;
  let otherTownship: string;
  let secretaryMember: BuiltMember;
  let secretary: string;
  let contact: BuiltMember;
  let introducer: BuiltMember;
  let probationer: BuiltMember;

  beforeAll(async () => {
    ctx = await createTestContext({}, { now: clock.now });
    tree = await buildTree(ctx);
    township = asUser(ctx, await buildUser(ctx, 't1admin', 'pw-t1admin-1', [{ role: 'admin', org: tree.t1 }]));
    county = asUser(ctx, await buildUser(ctx, 'cadmin', 'pw-cadmin-1', [{ role: 'admin', org: tree.county }]));
    otherTownship = asUser(ctx, await buildUser(ctx, 't2admin', 'pw-t2admin-1', [{ role: 'admin', org: tree.t2 }]));
    secretaryMember = await buildMember(ctx, tree.b11, { name: '甲村书记' });
    await grantRole(ctx, 'branch_secretary', tree.b11, { memberId: secretaryMember.id });
    secretary = asMember(ctx, secretaryMember);
    contact = await buildMember(ctx, tree.b11, { name: '培养人' });
    introducer = await buildMember(ctx, tree.g111, { name: '介绍人' });
    probationer = await buildMember(ctx, tree.b11, { name: '预备党员甲', status: 'probationary' });
  });
  afterAll(() => ctx.close());

  const at = (day: string) => clock.set(`${day}T10:00:00+08:00`);
  const api = (method: 'get' | 'post' | 'put' | 'delete', who: string, path: string, body?: object) => {
    const req = ctx.http[method](`/api/v1${path}`).set('Authorization', who);
    return body ? req.send(body) : req;
  };
  const idFor = (birth: string) => makeIdCard({ birth: birth.replace(/-/g, '') });
  const newCase = (over: object = {}) => {
    const birth = (over as { birthDate?: string }).birthDate ?? '2000-05-10';
    return api('post', secretary, '/development-cases', {
      branchOrgId: tree.b11.id,
      name: '张入党',
      idNumber: idFor(birth),
      birthDate: birth,
      appliedOn: '2026-01-10',
      ...over,
    });
  };
  const stepsOf = async (caseId: string) => ctx.ds.getRepository(DevelopmentStepRecord).countBy({ caseId });
  const rules = (res: { body: { error: { code: string; details: { rule: string }[] } } }) =>
    res.body.error.details.map((d) => d.rule).sort();

  it('walks the 25 steps: calendar years, 2月29日, an extension, the roster following the case', async () => {
    at('2026-01-20');
    const created = await newCase();
    expect(created.status).toBe(201);
    const id = created.body.id;
    expect(created.body).toMatchObject({ stage: 'applicant', status: 'active', lastStep: 1, branchName: '甲村党支部' });
    expect(created.body.idNumber).toMatch(/^\*+\d{3}[\dX]$/);
    const memberId = created.body.memberId;
    expect((await ctx.ds.getRepository(Member).findOneByOrFail({ id: memberId })).status).toBe('applicant');
    expect(created.body.next).toEqual([{ step: 2, name: '党组织派人谈话', earliestOn: '2026-01-10', dueOn: '2026-02-10' }]);

    const step = async (who: string, day: string, body: object, expected = 201) => {
      at(day);
      const res = await api('post', who, `/development-cases/${id}/steps`, { occurredOn: day, ...body });
      if (res.status !== expected) throw new Error(`${JSON.stringify(body)} → ${res.status} ${JSON.stringify(res.body)}`);
      return res;
    };
    await step(secretary, '2026-01-25', { step: 2, actors: [{ memberId: secretaryMember.id }] });
    const activist = await step(secretary, '2026-03-01', { step: 3, publicNotice: { from: '2026-02-24', to: '2026-03-02' } });
    expect(activist.body.stage).toBe('activist');
    expect((await ctx.ds.getRepository(Member).findOneByOrFail({ id: memberId })).status).toBe('activist');
    // 5 before 4: either order.
    await step(secretary, '2026-03-03', { step: 5, actors: [{ memberId: contact.id }] });
    await step(township, '2026-03-05', { step: 4 });
    await step(secretary, '2026-09-01', { step: 6, note: '上半年考察' });
    await step(secretary, '2027-02-20', { step: 6, note: '下半年考察' });
    // 发展对象 one calendar year after 积极分子 (2026-03-01 → 2027-03-01), not 365 days.
    at('2027-02-28');
    const early = await api('post', secretary, `/development-cases/${id}/steps`, { step: 7, occurredOn: '2027-02-28' });
    expect(early.status).toBe(400);
    expect(rules(early)).toEqual(['activist_year']);
    expect(early.body.error.details[0].message).toContain('2027年3月1日');
    const view = await api('get', secretary, `/development-cases/${id}`);
    expect(view.body.next).toEqual(expect.arrayContaining([expect.objectContaining({ step: 7, earliestOn: '2027-03-01' })]));
    const candidate = await step(secretary, '2027-03-01', { step: 7, publicNotice: { from: '2027-03-01', to: '2027-03-05' } });
    expect(candidate.body.stage).toBe('candidate');
    await step(township, '2027-03-10', { step: 8 });
    // 9, 10, 11 in parallel after 8.
    await step(secretary, '2027-04-01', { step: 10, documents: '政审材料存镇党委档案室 A-12' });
    await step(secretary, '2027-03-20', { step: 11, training: { days: 3 } });
    await step(secretary, '2027-03-15', { step: 9, actors: [{ memberId: contact.id }, { memberId: introducer.id }] });
    await step(secretary, '2027-05-01', { step: 12 });
    await step(township, '2027-05-10', { step: 13 });
    await step(secretary, '2027-05-20', { step: 14 });
    // The 支部大会 on 29 February 2028: the 预备期 runs to 28 February 2029.
    const meeting = await step(secretary, '2028-02-29', {
      step: 15,
      vote: { shouldAttend: 20, present: 15, agree: 9, writtenAgree: 2, oppose: 4, abstain: 2 },
    });
    expect(meeting.body).toMatchObject({ probationStart: '2028-02-29', probationEnd: '2029-02-28', stage: 'candidate' });
    await step(township, '2028-03-10', { step: 16 });
    const approved = await step(township, '2028-04-15', { step: 17 });
    expect(approved.body.stage).toBe('probationary');
    expect(await ctx.ds.getRepository(Member).findOneByOrFail({ id: memberId })).toMatchObject({
      status: 'probationary',
      joinedAt: '2028-02-29',
      orgId: tree.b11.id,
    });
    await step(secretary, '2028-04-16', { step: 19 });
    await step(township, '2028-04-20', { step: 18 });
    await step(secretary, '2028-05-01', { step: 20 });
    await step(secretary, '2028-08-01', { step: 21 });
    await step(secretary, '2029-01-20', { step: 21 });
    // Not before the 预备期 ends.
    at('2029-02-27');
    const tooSoon = await api('post', secretary, `/development-cases/${id}/steps`, { step: 22, occurredOn: '2029-02-27' });
    expect(rules(tooSoon)).toEqual(['probation']);
    await step(secretary, '2029-02-28', { step: 22 });
    // Extended by 6 months: 2029-02-28 + 6 months = 2029-08-28.
    const extended = await step(secretary, '2029-03-05', {
      step: 23,
      outcome: 'extend',
      extensionMonths: 6,
      vote: { shouldAttend: 20, present: 18, agree: 16 },
    });
    expect(extended.body).toMatchObject({ status: 'extended', probationEnd: '2029-08-28', extensionMonths: 6, stage: 'probationary' });
    await step(secretary, '2029-06-01', { step: 21 });
    await step(secretary, '2029-08-28', { step: 22 });
    // Only one extension.
    at('2029-09-01');
    const again = await api('post', secretary, `/development-cases/${id}/steps`, {
      step: 23,
      occurredOn: '2029-09-01',
      outcome: 'extend',
      extensionMonths: 13,
      vote: { shouldAttend: 20, present: 18, agree: 16 },
    });
    expect(again.status).toBe(400);
    expect(again.body.error.details.filter((d: { rule: string }) => d.rule === 'extension')).toHaveLength(2);
    await step(secretary, '2029-09-01', {
      step: 23,
      outcome: 'confirm',
      vote: { shouldAttend: 20, present: 18, agree: 17 },
      publicNotice: { from: '2029-09-03', to: '2029-09-07' },
    });
    const full = await step(township, '2029-10-01', { step: 24 });
    expect(full.body.stage).toBe('full');
    // 党龄 from the day the 预备期 ends.
    expect(await ctx.ds.getRepository(Member).findOneByOrFail({ id: memberId })).toMatchObject({ status: 'full', joinedAt: '2029-08-28' });
    const done = await step(secretary, '2029-10-05', { step: 25 });
    expect(done.body).toMatchObject({ status: 'completed', next: [], lastStep: 25 });
    expect(done.body.steps.map((s: { step: number }) => s.step).sort((a: number, b: number) => a - b)).toEqual([
      1, 2, 3, 4, 5, 6, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 21, 21, 22, 22, 23, 23, 24, 25,
    ]);
    expect(
      (await api('post', secretary, `/development-cases/${id}/steps`, { step: 21, occurredOn: '2029-10-05' })).body.error.details[0].rule,
    ).toBe('closed');
  });

  describe('hard rules, each named', () => {
    let id: string;
    const post = (who: string, body: object) => api('post', who, `/development-cases/${id}/steps`, body);

    beforeAll(async () => {
      at('2026-01-20');
      const res = await newCase({ name: '李规则', birthDate: '1999-02-01' });
      id = res.body.id;
    });

    it('age 18 when applying', async () => {
      at('2026-01-20');
      const res = await newCase({ name: '王少年', birthDate: '2008-01-11', appliedOn: '2026-01-10' });
      expect(res.status).toBe(400);
      expect(res.body.error.code).toBe('DEVELOPMENT_RULE');
      expect(rules(res)).toEqual(['age']);
      expect(res.body.error.details[0].message).toContain('年满十八岁');
      expect(await ctx.ds.getRepository(DevelopmentCase).countBy({ name: '王少年' })).toBe(0);
      expect(await ctx.ds.getRepository(Member).countBy({ name: '王少年' })).toBe(0);
    });

    it('order, future dates, dates before the previous step, a step twice', async () => {
      at('2026-01-20');
      expect(rules(await post(secretary, { step: 3, occurredOn: '2026-01-15' }))).toEqual(['order']);
      const future = await post(secretary, { step: 2, occurredOn: '2026-01-21' });
      expect(rules(future)).toEqual(['future']);
      expect(future.body.error.details[0].message).toBe('第2步「党组织派人谈话」的日期不能晚于今天');
      expect(rules(await post(secretary, { step: 2, occurredOn: '2026-01-09' }))).toEqual(['before_previous']);
      expect((await post(secretary, { step: 2, occurredOn: '2026-01-12' })).status).toBe(201);
      expect(rules(await post(secretary, { step: 2, occurredOn: '2026-01-13' }))).toEqual(['duplicate']);
      expect(rules(await post(secretary, { step: 1, occurredOn: '2026-01-13' }))).toEqual(['duplicate']);
    });

    it('a correction supersedes the record, which stays', async () => {
      const list = (await api('get', secretary, `/development-cases/${id}`)).body.steps;
      const talk = list.find((s: { step: number }) => s.step === 2);
      const fixed = await post(secretary, { step: 2, occurredOn: '2026-01-14', supersedes: talk.id, note: '日期录错' });
      expect(fixed.status).toBe(201);
      const talks = fixed.body.steps.filter((s: { step: number }) => s.step === 2);
      expect(talks).toHaveLength(2);
      expect(talks.find((s: { id: string }) => s.id === talk.id).supersededBy).toBe(talks.find((s: { id: string }) => s.id !== talk.id).id);
      expect((await post(secretary, { step: 2, occurredOn: '2026-01-15', supersedes: talk.id })).status).toBe(400);
    });

    it('1–2 full-member 培养联系人; the 基层党委 steps need a township admin', async () => {
      at('2026-02-01');
      expect((await post(secretary, { step: 3, occurredOn: '2026-02-01' })).status).toBe(201);
      expect((await post(secretary, { step: 4, occurredOn: '2026-02-01' })).status).toBe(403);
      const three = await post(secretary, {
        step: 5,
        occurredOn: '2026-02-01',
        actors: [{ memberId: contact.id }, { memberId: introducer.id }, { memberId: secretaryMember.id }],
      });
      expect(rules(three)).toEqual(['contacts']);
      const notFull = await post(secretary, { step: 5, occurredOn: '2026-02-01', actors: [{ memberId: probationer.id }] });
      expect(notFull.body.error.details[0].message).toContain('预备党员甲');
      expect((await post(secretary, { step: 5, occurredOn: '2026-02-01', actors: [{ memberId: contact.id }] })).status).toBe(201);
      expect((await post(township, { step: 4, occurredOn: '2026-02-01' })).status).toBe(201);
    });

    it('two distinct full-member introducers, not the applicant; training 3 days or 24 hours; the 支部大会 vote', async () => {
      // Walk the case to step 8 (back-dated steps are checked by the same rules).
      const c = await ctx.ds.getRepository(DevelopmentCase).findOneByOrFail({ id });
      at('2027-03-01');
      expect((await post(secretary, { step: 6, occurredOn: '2026-08-01' })).status).toBe(201);
      expect((await post(secretary, { step: 7, occurredOn: '2027-02-01' })).status).toBe(201);
      expect((await post(township, { step: 8, occurredOn: '2027-02-02' })).status).toBe(201);
      expect(rules(await post(secretary, { step: 9, occurredOn: '2027-02-03', actors: [{ memberId: contact.id }] }))).toEqual([
        'introducers',
      ]);
      expect(
        rules(await post(secretary, { step: 9, occurredOn: '2027-02-03', actors: [{ memberId: contact.id }, { memberId: contact.id }] })),
      ).toEqual(['introducers']);
      const self = await post(secretary, {
        step: 9,
        occurredOn: '2027-02-03',
        actors: [{ memberId: contact.id }, { memberId: c.memberId }],
      });
      expect(self.body.error.details[0].message).toContain('不能是申请人本人');
      expect(
        (await post(secretary, { step: 9, occurredOn: '2027-02-03', actors: [{ memberId: contact.id }, { memberId: introducer.id }] }))
          .status,
      ).toBe(201);
      expect(rules(await post(secretary, { step: 11, occurredOn: '2027-02-04', training: { days: 2, hours: 16 } }))).toEqual(['training']);
      expect((await post(secretary, { step: 11, occurredOn: '2027-02-04', training: { hours: 24 } })).status).toBe(201);
      expect(rules(await post(secretary, { step: 12, occurredOn: '2027-02-05' }))).toEqual(['order']);
      expect((await post(secretary, { step: 10, occurredOn: '2027-02-05' })).status).toBe(201);
      expect((await post(secretary, { step: 12, occurredOn: '2027-02-06' })).status).toBe(201);
      expect((await post(township, { step: 13, occurredOn: '2027-02-07' })).status).toBe(201);
      expect((await post(secretary, { step: 14, occurredOn: '2027-02-08' })).status).toBe(201);
      expect(rules(await post(secretary, { step: 15, occurredOn: '2027-02-09' }))).toEqual(['vote_required']);
      // Both failures at once: no quorum, no majority.
      const both = await post(secretary, { step: 15, occurredOn: '2027-02-09', vote: { shouldAttend: 10, present: 5, agree: 5 } });
      expect(rules(both)).toEqual(['majority', 'quorum']);
      expect(both.body.error.details.find((d: { rule: string }) => d.rule === 'quorum').message).toContain('应到10人，实到5人');
      // Written opinions count towards the majority.
      expect(
        rules(await post(secretary, { step: 15, occurredOn: '2027-02-09', vote: { shouldAttend: 10, present: 6, agree: 5 } })),
      ).toEqual(['majority']);
      const before = await stepsOf(id);
      const overCount = await post(secretary, { step: 15, occurredOn: '2027-02-09', vote: { shouldAttend: 10, present: 6, agree: 7 } });
      expect(overCount.status).toBe(400);
      expect(rules(overCount)).toEqual(['vote_counts']);
      expect(await stepsOf(id)).toBe(before);
      expect(
        (await post(secretary, { step: 15, occurredOn: '2027-02-09', vote: { shouldAttend: 10, present: 6, agree: 5, writtenAgree: 1 } }))
          .status,
      ).toBe(201);
    });

    it('bad input: dates as text, step 26, a vote as text — 400 in Chinese, nothing written', async () => {
      const before = await stepsOf(id);
      const text = await post(secretary, { step: 16, occurredOn: '明天' });
      expect(text.status).toBe(400);
      expect(text.body.error.code).toBe('VALIDATION_FAILED');
      expect(JSON.stringify(text.body)).toContain('日期格式应为 YYYY-MM-DD');
      const s26 = await post(secretary, { step: 26, occurredOn: '2027-02-10' });
      expect(s26.status).toBe(400);
      expect(JSON.stringify(s26.body)).toContain('步骤必须是 1 至 25 的整数');
      expect((await post(secretary, { step: 15, occurredOn: '2027-02-10', vote: '全票通过' })).status).toBe(400);
      expect((await post(secretary, { step: 15, occurredOn: '2027-02-10', vote: { shouldAttend: -1, present: 0, agree: 0 } })).status).toBe(
        400,
      );
      expect(await stepsOf(id)).toBe(before);
    });
  });

  describe('soft rules and the plan', () => {
    it('warns of a late talk and a pending approval with their due dates (red at 6 months), a short notice and a plan exceeded', async () => {
      at('2026-03-20');
      const res = await newCase({ name: '赵提醒', birthDate: '1990-03-31', appliedOn: '2026-01-31' });
      const id = res.body.id;
      // 01-31 + 1 month = 02-28.
      expect(res.body.warnings).toEqual([expect.objectContaining({ kind: 'talk', dueOn: '2026-02-28', overdue: true, red: true })]);
      // Walk to the 支部大会 with back-dated steps (import of a case under way).
      const post = (who: string, body: object) => api('post', who, `/development-cases/${id}/steps`, body);
      at('2027-06-30');
      for (const [who, body] of [
        [secretary, { step: 2, occurredOn: '2026-03-10' }],
        [secretary, { step: 3, occurredOn: '2026-04-01', publicNotice: { from: '2026-03-30', to: '2026-04-03' } }],
        [township, { step: 4, occurredOn: '2026-04-02' }],
        [secretary, { step: 5, occurredOn: '2026-04-02', actors: [{ memberId: contact.id }] }],
        [secretary, { step: 6, occurredOn: '2026-10-01' }],
        [secretary, { step: 7, occurredOn: '2027-04-01' }],
        [township, { step: 8, occurredOn: '2027-04-02' }],
        [secretary, { step: 9, occurredOn: '2027-04-03', actors: [{ memberId: contact.id }, { memberId: introducer.id }] }],
        [secretary, { step: 10, occurredOn: '2027-04-03' }],
        [secretary, { step: 11, occurredOn: '2027-04-03', training: { days: 3 } }],
        [secretary, { step: 12, occurredOn: '2027-04-05' }],
        [township, { step: 13, occurredOn: '2027-04-06' }],
        [secretary, { step: 14, occurredOn: '2027-04-07' }],
      ] as [string, object][]) {
        const r = await post(who, body);
        expect(r.status).toBe(201);
      }
      // A plan of 0 for 2027: the county's quota is passed once a 支部大会 falls in the year.
      expect((await api('put', county, '/development-plans', { orgId: tree.county.id, year: 2027, quota: 0 })).status).toBe(200);
      expect((await api('put', secretary, '/development-plans', { orgId: tree.b11.id, year: 2027, quota: 0 })).status).toBe(403);
      const meeting = await post(secretary, { step: 15, occurredOn: '2027-05-10', vote: { shouldAttend: 9, present: 9, agree: 9 } });
      expect(meeting.status).toBe(201);
      const kinds = meeting.body.warnings.map((w: { kind: string }) => w.kind);
      expect(kinds).toEqual(expect.arrayContaining(['talk', 'quota']));
      // 2026-03-30 (Mon) to 04-03 (Fri): 04-03 is not a holiday in 2026 (清明 04-04..06) — 5 working days, no warning for it; the talk was late.
      expect(meeting.body.warnings.find((w: { kind: string }) => w.kind === 'notice')).toBeUndefined();
      // Two 支部大会 in 2027 in the county (the rules case above and this one).
      expect((await api('get', county, `/development-plans?orgId=${tree.county.id}&year=2027`)).body).toMatchObject({ quota: 0, used: 2 });
      // Approval due 3 months after the 支部大会; red after 6.
      at('2027-08-20');
      let view = await api('get', secretary, `/development-cases/${id}`);
      expect(view.body.warnings).toEqual(
        expect.arrayContaining([expect.objectContaining({ kind: 'approval', dueOn: '2027-08-10', overdue: true, red: false })]),
      );
      expect(view.body.next).toEqual([expect.objectContaining({ step: 16, earliestOn: '2027-05-10' })]);
      at('2027-11-11');
      view = await api('get', secretary, `/development-cases/${id}`);
      expect(view.body.warnings).toEqual(expect.arrayContaining([expect.objectContaining({ kind: 'approval', red: true })]));
      // The township's list, filtered by stage.
      const list = await api('get', township, `/development-cases?orgId=${tree.t1.id}&stage=candidate`);
      expect(list.status).toBe(200);
      expect(list.body.map((c: { name: string }) => c.name)).toContain('赵提醒');
      expect(list.body.every((c: { stage: string }) => c.stage === 'candidate')).toBe(true);
      expect(list.body[0]).not.toHaveProperty('steps');
    });

    it('a short public notice counted in working days of the county calendar (调休 included)', async () => {
      at('2026-10-20');
      const res = await newCase({ name: '钱公示', birthDate: '1995-07-01', appliedOn: '2026-09-01' });
      const id = res.body.id;
      await api('post', secretary, `/development-cases/${id}/steps`, { step: 2, occurredOn: '2026-09-10' });
      // 09-29 .. 10-09: 29, 30, 10-08, 10-09 = 4 working days (国庆 10-01..07).
      const short = await api('post', secretary, `/development-cases/${id}/steps`, {
        step: 3,
        occurredOn: '2026-10-12',
        publicNotice: { from: '2026-09-29', to: '2026-10-09' },
      });
      expect(short.status).toBe(201);
      expect(short.body.warnings).toEqual(expect.arrayContaining([expect.objectContaining({ kind: 'notice', dueOn: '2026-10-10' })]));
      expect(short.body.steps.find((s: { step: number }) => s.step === 3).publicNotice).toEqual({
        from: '2026-09-29',
        to: '2026-10-09',
        workdays: 4,
      });
      // The county makes 10-08 a holiday too (a county-editable calendar): the notice is still short, now 3 days.
      expect((await api('put', township, '/workday-calendar', { orgId: tree.t1.id, day: '2026-10-08', workday: false })).status).toBe(403);
      const cal = await api('put', county, '/workday-calendar', {
        orgId: tree.county.id,
        day: '2026-10-08',
        workday: false,
        note: '县内调整',
      });
      expect(cal.status).toBe(200);
      expect(cal.body.exceptions).toEqual(
        expect.arrayContaining([
          { day: '2026-10-08', workday: false, note: '县内调整', source: 'county' },
          expect.objectContaining({ day: '2026-10-10', workday: true, source: 'default' }),
        ]),
      );
      const view = await api('get', secretary, `/development-cases/${id}`);
      expect(view.body.steps.find((s: { step: number }) => s.step === 3).publicNotice.workdays).toBe(3);
      expect((await api('delete', county, `/workday-calendar?orgId=${tree.county.id}&day=2026-10-08`)).status).toBe(204);
    });
  });

  describe('Excel import of cases under way', () => {
    const sheet = async (rows: Record<string, string>[]) => {
      const wb = new ExcelJS.Workbook();
      const ws = wb.addWorksheet('发展党员');
      ws.columns = DEVELOPMENT_IMPORT_COLUMNS.map((c) => ({ header: c.header, key: c.key }));
      for (const r of rows) ws.addRow(r);
      return Buffer.from(await wb.xlsx.writeBuffer());
    };
    const upload = (who: string, data: Buffer, orgId = tree.t1.id) =>
      ctx.http
        .post(`/api/v1/development-cases/import?orgId=${orgId}`)
        .set('Authorization', who)
        .attach('file', data, { filename: 'x.xlsx', contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' });
    const goodId = idFor('1991-04-04');
    const good = () => ({
      branch: '甲村党支部',
      name: '周导入',
      idNumber: goodId,
      birthDate: '1991-04-04',
      appliedOn: '2024-03-01',
      s2: '2024-03-20',
      s3: '2024-09-01',
      s4: '2024-09-03',
      s5: '2024-09-03',
      s6: '2025-03-01、2025-08-30',
      s7: '2025-09-01',
      contacts: '培养人',
    });

    it('checks back-dated steps by the same rules: a bad row names its rules and nothing is written; then all rows are written', async () => {
      at('2026-06-01');
      expect((await api('get', township, '/development-cases/import-template.xlsx')).status).toBe(200);
      const bad = {
        branch: '甲村党支部',
        name: '吴太早',
        idNumber: idFor('1992-05-05'),
        birthDate: '1992-05-05',
        appliedOn: '2024-03-01',
        s2: '2024-03-20',
        s3: '2024-09-01',
        s4: '2024-09-03',
        s5: '2024-09-03',
        s6: '2025-03-01',
        s7: '2025-08-31',
        contacts: '培养人',
      };
      const before = await ctx.ds.getRepository(DevelopmentCase).count();
      const members = await ctx.ds.getRepository(Member).count();
      const refused = await upload(
        township,
        await sheet([
          good(),
          bad,
          { ...good(), name: '郑外人', idNumber: idFor('1993-06-06'), birthDate: '1993-06-06', contacts: '查无此人' },
        ]),
      );
      expect(refused.status).toBe(400);
      expect(refused.body.error.code).toBe('IMPORT_ROWS_INVALID');
      expect(refused.body.error.details).toEqual([
        { row: 3, message: expect.stringContaining('满一年后才能确定为发展对象') },
        { row: 4, message: '培养联系人「查无此人」不在本乡镇党员名册中' },
      ]);
      expect(await ctx.ds.getRepository(DevelopmentCase).count()).toBe(before);
      expect(await ctx.ds.getRepository(Member).count()).toBe(members);
      // A branch secretary may not import (the 基层党委's steps are in the sheet).
      expect((await upload(secretary, await sheet([good()]), tree.b11.id)).status).toBe(403);

      const done = await upload(township, await sheet([good(), { ...bad, s7: '2025-09-01' }]));
      expect(done.status).toBe(200);
      expect(done.body).toEqual({ created: 2, steps: 15 });
      const c = await ctx.ds.getRepository(DevelopmentCase).findOneByOrFail({ name: '周导入' });
      expect(c).toMatchObject({ stage: 'candidate', status: 'active', lastStep: 7, lastStepOn: '2025-09-01' });
      expect((await ctx.ds.getRepository(Member).findOneByOrFail({ id: c.memberId! })).status).toBe('candidate');
      const view = await api('get', township, `/development-cases/${c.id}`);
      expect(view.body.next.map((n: { step: number }) => n.step)).toEqual([8]);
      // The same people again: refused, nothing written.
      expect((await upload(township, await sheet([good()]))).body.error.details).toEqual([
        { row: 2, message: '该身份证号已有发展党员档案' },
      ]);
    });
  });

  describe('scope and the applicant', () => {
    it('another township gets 404; the applicant sees only their own stage and next step', async () => {
      at('2026-02-01');
      const res = await newCase({ name: '孙本人', birthDate: '1998-09-09', appliedOn: '2026-01-15' });
      const id = res.body.id;
      expect((await api('get', otherTownship, `/development-cases/${id}`)).status).toBe(404);
      expect((await api('post', otherTownship, `/development-cases/${id}/steps`, { step: 2, occurredOn: '2026-01-20' })).status).toBe(404);
      expect((await api('get', otherTownship, `/development-cases?orgId=${tree.b11.id}`)).status).toBe(404);
      expect((await api('get', otherTownship, '/development-cases')).body).toEqual([]);
      expect(
        (
          await api('post', otherTownship, '/development-cases', {
            branchOrgId: tree.b11.id,
            name: '越界',
            idNumber: idFor('1990-01-01'),
            birthDate: '1990-01-01',
            appliedOn: '2026-01-15',
          })
        ).status,
      ).toBe(404);
      expect(await stepsOf(id)).toBe(1);
      const applicant = asMember(ctx, { id: res.body.memberId });
      const mine = await api('get', applicant, '/development-cases/mine');
      expect(mine.status).toBe(200);
      expect(mine.body).toEqual({
        id,
        stage: 'applicant',
        status: 'active',
        lastStep: 1,
        lastStepName: '递交入党申请书',
        next: [{ step: 2, name: '党组织派人谈话', earliestOn: '2026-01-15', dueOn: '2026-02-15' }],
      });
      expect((await api('get', applicant, `/development-cases/${id}`)).status).toBe(404);
      expect((await api('get', applicant, '/development-cases')).body).toEqual([]);
      // The same ID number twice: refused.
      const dupId = await ctx.ds.getRepository(DevelopmentCase).findOneByOrFail({ id });
      expect(dupId.idNumberEnc).not.toContain('1998');
    });
  });
});
