import { BindTicket } from '../src/modules/auth/bind-ticket.entity';
import { WechatBinding } from '../src/modules/member/wechat-binding.entity';
import { AuditLog } from '../src/modules/audit/audit-log.entity';
import { asMember, asUser, buildMember, buildTree, buildUser, createTestContext, grantRole, type TestContext } from './support/context';

describe('sign-in', () => {
  let ctx: TestContext;
  let tree: Awaited<ReturnType<typeof buildTree>>;
  beforeAll(async () => {
    ctx = await createTestContext();
    tree = await buildTree(ctx);
  });
  afterAll(() => ctx.close());
  beforeEach(() => ctx.wechat.reset());

  const wechatLogin = (code: string) => ctx.http.post('/api/v1/auth/wechat').send({ code });

  describe('POST /auth/wechat and /auth/bind', () => {
    it('binds a new WeChat account to its roster entry, then signs in directly', async () => {
      const m = await buildMember(ctx, tree.b11, { name: '张三丰', idCard: '110101198001010018' });
      const first = await wechatLogin(ctx.wechat.issueCode('openid-zsf'));
      expect(first.status).toBe(200);
      expect(first.body).toEqual({ bindRequired: true, bindTicket: expect.any(String) });
      expect(JSON.stringify(first.body)).not.toMatch(/session/i);

      const bound = await ctx.http
        .post('/api/v1/auth/bind')
        .send({ bindTicket: first.body.bindTicket, name: '张三丰', idCardLast6: '010018' });
      expect(bound.status).toBe(200);
      expect(bound.body.member).toMatchObject({
        id: m.id,
        kind: 'member',
        name: '张三丰',
        branchId: tree.b11.id,
        branchName: '甲村党支部',
      });
      expect(JSON.stringify(bound.body)).not.toMatch(/session_?key/i);

      const again = await wechatLogin(ctx.wechat.issueCode('openid-zsf'));
      expect(again.status).toBe(200);
      expect(again.body.member.id).toBe(m.id);
      const me = await ctx.http.get('/api/v1/me').set('Authorization', `Bearer ${again.body.token}`);
      expect(me.status).toBe(200);
      expect(me.body).toMatchObject({ id: m.id, name: '张三丰', orgId: tree.b11.id });

      // The session_key is stored, encrypted, and only on the server.
      const binding = await ctx.ds.getRepository(WechatBinding).findOneByOrFail({ memberId: m.id });
      expect(binding.sessionKeyEnc).toMatch(/^v1\./);
      expect(ctx.services.cipher.decrypt(binding.sessionKeyEnc)).toBe(ctx.wechat.sessionKeyOf('openid-zsf'));
    });

    it('refuses wrong details with BIND_MISMATCH and stops after five failed tries', async () => {
      await buildMember(ctx, tree.b11, { name: '李四', idCard: '110101198002020013' });
      const { body } = await wechatLogin(ctx.wechat.issueCode('openid-ls'));
      const tries = [];
      for (let i = 0; i < 5; i++)
        tries.push(await ctx.http.post('/api/v1/auth/bind').send({ bindTicket: body.bindTicket, name: '李四', idCardLast6: '999999' }));
      expect(tries.map((r) => r.status)).toEqual([400, 400, 400, 400, 400]);
      expect(tries[0].body.error.code).toBe('BIND_MISMATCH');
      expect(tries[0].body.error.message).toMatch(/不一致/);
      const sixth = await ctx.http.post('/api/v1/auth/bind').send({ bindTicket: body.bindTicket, name: '李四', idCardLast6: '020013' });
      expect(sixth.status).toBe(429);
      expect(sixth.body.error.code).toBe('BIND_TOO_MANY_ATTEMPTS');
    });

    it('counts parallel guesses: no more than five are ever checked', async () => {
      await buildMember(ctx, tree.b11, { name: '王五', idCard: '110101198003030010' });
      const { body } = await wechatLogin(ctx.wechat.issueCode('openid-ww'));
      const results = await Promise.all(
        Array.from({ length: 12 }, () =>
          ctx.http.post('/api/v1/auth/bind').send({ bindTicket: body.bindTicket, name: '王五', idCardLast6: '000000' }),
        ),
      );
      expect(results.filter((r) => r.body.error.code === 'BIND_MISMATCH')).toHaveLength(5);
      expect(results.filter((r) => r.body.error.code === 'BIND_TOO_MANY_ATTEMPTS')).toHaveLength(7);
      const ticket = await ctx.ds.getRepository(BindTicket).findOneByOrFail({ openid: 'openid-ww' });
      expect(ticket.failedAttempts).toBe(5);
    });

    it('refuses a member already bound to another WeChat account', async () => {
      await buildMember(ctx, tree.b11, { name: '赵六', idCard: '110101198004040016' });
      const a = await wechatLogin(ctx.wechat.issueCode('openid-zl-a'));
      expect(
        (await ctx.http.post('/api/v1/auth/bind').send({ bindTicket: a.body.bindTicket, name: '赵六', idCardLast6: '040016' })).status,
      ).toBe(200);
      const b = await wechatLogin(ctx.wechat.issueCode('openid-zl-b'));
      const res = await ctx.http.post('/api/v1/auth/bind').send({ bindTicket: b.body.bindTicket, name: '赵六', idCardLast6: '040016' });
      expect(res.status).toBe(409);
      expect(res.body.error.code).toBe('ALREADY_BOUND');
    });

    it('rejects an unknown or used bind ticket', async () => {
      const res = await ctx.http.post('/api/v1/auth/bind').send({ bindTicket: 'not-a-ticket', name: '张三', idCardLast6: '123456' });
      expect(res.status).toBe(400);
      expect(res.body.error.code).toBe('BIND_TICKET_INVALID');
    });

    it.each([
      [40029, 401, 'WECHAT_CODE_INVALID'],
      [40163, 401, 'WECHAT_CODE_INVALID'],
      [45011, 429, 'WECHAT_RATE_LIMITED'],
      [40226, 403, 'WECHAT_USER_BLOCKED'],
    ])('maps WeChat errcode %i to %i %s', async (errcode, status, code) => {
      ctx.wechat.failNext(errcode);
      const res = await wechatLogin(ctx.wechat.issueCode('openid-x'));
      expect(res.status).toBe(status);
      expect(res.body.error.code).toBe(code);
      expect(res.body.error.message).toMatch(/[\u4e00-\u9fff]/);
      if (status === 429) expect(res.headers['retry-after']).toBeDefined();
    });

    it('answers a reused code with 401 WECHAT_CODE_INVALID', async () => {
      const code = ctx.wechat.issueCode('openid-reuse');
      expect((await wechatLogin(code)).status).toBe(200);
      const res = await wechatLogin(code);
      expect(res.status).toBe(401);
      expect(res.body.error.code).toBe('WECHAT_CODE_INVALID');
    });

    it('retries WeChat on -1, and answers 503 WECHAT_UNAVAILABLE when it keeps failing', async () => {
      ctx.wechat.failNext(-1, 1);
      expect((await wechatLogin(ctx.wechat.issueCode('openid-busy'))).status).toBe(200);
      ctx.wechat.failNext(-1, 10);
      const res = await wechatLogin(ctx.wechat.issueCode('openid-busy'));
      expect(res.status).toBe(503);
      expect(res.body.error.code).toBe('WECHAT_UNAVAILABLE');
      ctx.wechat.reset();
      ctx.wechat.dropNext(10);
      expect((await wechatLogin(ctx.wechat.issueCode('openid-busy'))).body.error.code).toBe('WECHAT_UNAVAILABLE');
    });

    it.each([
      [{}, 'code'],
      [{ code: 123 }, 'code'],
      [{ code: 'x'.repeat(500) }, 'code'],
      [{ code: 'abc', extra: 1 }, 'extra'],
    ])('validates the body %j', async (body, field) => {
      const res = await ctx.http.post('/api/v1/auth/wechat').send(body);
      expect(res.status).toBe(400);
      expect(res.body.error.code).toBe('VALIDATION_FAILED');
      expect(res.body.error.details.map((d: { field: string }) => d.field)).toContain(field);
    });
  });

  describe('POST /auth/admin', () => {
    beforeAll(async () => {
      await buildUser(ctx, 'township1', 'Right-Pass-1', [{ role: 'admin', org: tree.t1 }]);
    });

    it('signs in with the right password and returns the user with roles', async () => {
      const res = await ctx.http.post('/api/v1/auth/admin').send({ username: 'township1', password: 'Right-Pass-1' });
      expect(res.status).toBe(200);
      expect(res.body.user).toMatchObject({
        kind: 'user',
        username: 'township1',
        roles: [{ role: 'admin', orgId: tree.t1.id, orgName: '一号镇党委' }],
      });
      const me = await ctx.http.get('/api/v1/me').set('Authorization', `Bearer ${res.body.token}`);
      expect(me.body.username).toBe('township1');
    });

    it('answers a wrong password and an unknown user the same way', async () => {
      const wrong = await ctx.http.post('/api/v1/auth/admin').send({ username: 'township1', password: 'nope' });
      const unknown = await ctx.http.post('/api/v1/auth/admin').send({ username: 'nobody', password: 'nope' });
      expect(wrong.status).toBe(401);
      expect(unknown.status).toBe(401);
      expect(wrong.body).toEqual(unknown.body);
      expect(wrong.body.error).toEqual({ code: 'BAD_CREDENTIALS', message: '用户名或密码错误' });
      const failures = await ctx.ds.getRepository(AuditLog).countBy({ action: 'auth.admin_login_failed' });
      expect(failures).toBeGreaterThanOrEqual(2);
    });

    it('limits repeated failures for one username with 429 and Retry-After', async () => {
      await buildUser(ctx, 'target', 'Right-Pass-2');
      const statuses: number[] = [];
      let last;
      for (let i = 0; i < 12; i++) {
        last = await ctx.http.post('/api/v1/auth/admin').send({ username: 'target', password: `guess${i}` });
        statuses.push(last.status);
      }
      expect(statuses.slice(0, 10).every((s) => s === 401)).toBe(true);
      expect(last!.status).toBe(429);
      // A distinct code: the console can say the account is locked, not "try again in a moment".
      expect(last!.body.error.code).toBe('ACCOUNT_LOCKED');
      expect(Number(last!.headers['retry-after'])).toBeGreaterThan(0);
    });
  });

  describe('tokens and /me', () => {
    it('answers 401 without a token, with a bad one, and with a token of a deleted member', async () => {
      expect((await ctx.http.get('/api/v1/me')).status).toBe(401);
      const bad = await ctx.http.get('/api/v1/me').set('Authorization', 'Bearer garbage');
      expect(bad.status).toBe(401);
      expect(bad.body.error.code).toBe('UNAUTHORIZED');
      expect((await ctx.http.get('/api/v1/me').set('Authorization', 'Basic abc')).status).toBe(401);
      expect((await ctx.http.get('/api/v1/me').set('Authorization', asMember(ctx, { id: 'nosuchmember' }))).status).toBe(401);
    });

    it('gives a member their org, branch and roles', async () => {
      const m = await buildMember(ctx, tree.g111, { name: '小组成员' });
      const res = await ctx.http.get('/api/v1/me').set('Authorization', asMember(ctx, m));
      expect(res.body).toMatchObject({
        kind: 'member',
        orgId: tree.g111.id,
        orgName: '第一党小组',
        branchId: tree.b11.id,
        branchName: '甲村党支部',
        roles: [],
      });
      expect(res.body.phone).toMatch(/^\d{3}\*{4}\d{4}$/);
    });

    it('signs in with /auth/dev in demo mode only', async () => {
      const m = await buildMember(ctx, tree.b12);
      const res = await ctx.http.post('/api/v1/auth/dev').send({ memberId: m.id });
      expect(res.status).toBe(200);
      expect(res.body.member.id).toBe(m.id);
      const prod = await createTestContext({ DEMO_MODE: '0' });
      try {
        const off = await prod.http.post('/api/v1/auth/dev').send({ memberId: m.id });
        expect(off.status).toBe(404);
        expect((await prod.http.get('/api/v1/auth/options')).body).toEqual({ demoMode: false });
      } finally {
        await prod.close();
      }
    });

    it('offers demo accounts for each typical situation in demo mode', async () => {
      const sec = await buildMember(ctx, tree.b21, { name: '演示书记' });
      await grantRole(ctx, 'branch_secretary', tree.b21, { memberId: sec.id });
      const res = await ctx.http.get('/api/v1/auth/options');
      expect(res.body.demoMode).toBe(true);
      expect(res.body.demoAccounts).toEqual(expect.arrayContaining([{ memberId: sec.id, label: '演示书记（丙村党支部·支部书记）' }]));
      expect(res.body.demoAccounts.some((a: { username?: string }) => a.username === 'township1')).toBe(true);
    });

    it('a console user token reaches /me', async () => {
      const u = await buildUser(ctx, 'plainuser', 'x-Password-1', [{ role: 'admin', org: tree.county }]);
      const res = await ctx.http.get('/api/v1/me').set('Authorization', asUser(ctx, u));
      expect(res.status).toBe(200);
      expect(res.body.roles).toEqual([{ role: 'admin', orgId: tree.county.id, orgName: '测试县委' }]);
    });
  });
});
