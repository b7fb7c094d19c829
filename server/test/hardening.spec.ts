/**
 * Input that used to reach a 500 (found by fuzzing): prototype keys, absurd nesting, null in
 * optional fields, a broken gzip body, an over-long URL — each a 4xx in the contract's shape,
 * nothing written, no error-level log line. And a database that went away: 503 with Retry-After.
 */
import http from 'node:http';
import { gzipSync } from 'node:zlib';
import { Member } from '../src/modules/member/member.entity';
import {
  asMember,
  asUser,
  buildMember,
  buildTree,
  buildUser,
  createTestContext,
  type BuiltMember,
  type TestContext,
} from './support/context';

/** Sends a raw body (the JSON exactly as written, or any bytes) with optional headers. */
function raw(ctx: TestContext, method: string, path: string, body: string | Buffer, headers: Record<string, string> = {}) {
  return new Promise<{
    status: number;
    body: { error?: { code: string; message: string; details?: unknown } };
    headers: http.IncomingHttpHeaders;
  }>((resolve, reject) => {
    const addr = ctx.server.address() as { port: number };
    const req = http.request(
      { host: '127.0.0.1', port: addr.port, method, path, headers: { 'content-type': 'application/json', ...headers } },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c) => chunks.push(c));
        res.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          resolve({ status: res.statusCode!, headers: res.headers, body: text ? JSON.parse(text) : {} });
        });
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

describe('hardening: bad input is a 4xx, never a 500', () => {
  let ctx: TestContext;
  const lines: string[] = [];
  let admin: string;
  let member: BuiltMember;
  let tree: Awaited<ReturnType<typeof buildTree>>;

  beforeAll(async () => {
    ctx = await createTestContext({}, { logLines: lines });
    tree = await buildTree(ctx);
    admin = asUser(ctx, await buildUser(ctx, 'county', 'pw-county-1', [{ role: 'admin', org: tree.county }]));
    member = await buildMember(ctx, tree.b11, { name: '原来的名字' });
  });
  afterAll(() => ctx.close());

  const errorLines = () => lines.map((l) => JSON.parse(l) as { level: number; msg: string }).filter((l) => l.level >= 50);

  it.each([
    ['constructor nested in a field, before sign-in', '{"username":{"constructor":1}}'],
    ['__proto__ nested in a field, before sign-in', '{"username":{"__proto__":{"polluted":true}}}'],
    ['prototype at the top', '{"prototype":{"x":1},"username":"admin"}'],
    ['3,000-deep nesting', '{"username":' + '['.repeat(3000) + ']'.repeat(3000) + '}'],
  ])('%s → 400 VALIDATION_FAILED', async (_name, body) => {
    const res = await raw(ctx, 'POST', '/api/v1/auth/dev', body);
    expect(res.status).toBe(400);
    expect(res.body.error?.code).toBe('VALIDATION_FAILED');
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(errorLines()).toEqual([]);
  });

  it('null in an optional field is refused and nothing is written', async () => {
    const res = await ctx.http.patch(`/api/v1/members/${member.id}`).set('Authorization', admin).send({ name: null });
    expect(res.status).toBe(400);
    expect(res.body.error).toMatchObject({ code: 'VALIDATION_FAILED', details: [{ field: 'name', message: '不能为空' }] });
    expect((await ctx.ds.getRepository(Member).findOneByOrFail({ id: member.id })).name).toBe('原来的名字');
  });

  it('an empty PATCH changes nothing and answers the record as it is', async () => {
    const activity = await ctx.http
      .post('/api/v1/activities')
      .set('Authorization', admin)
      .send({
        title: '主题党日',
        kind: 'fixed_day',
        orgId: tree.b11.id,
        startsAt: '2026-12-01T09:00:00+08:00',
        endsAt: '2026-12-01T11:00:00+08:00',
        checkinModes: ['qr'],
      });
    const patched = await ctx.http.patch(`/api/v1/activities/${activity.body.id}`).set('Authorization', admin).send({});
    expect(patched.status).toBe(200);
    expect(patched.body.title).toBe('主题党日');
    const material = await ctx.http
      .post('/api/v1/study/materials')
      .set('Authorization', admin)
      .send({ title: '党章', kind: 'article', orgId: tree.county.id, body: '正文', minSeconds: 30 });
    expect(material.status).toBe(201);
    const same = await ctx.http.patch(`/api/v1/study/materials/${material.body.id}`).set('Authorization', admin).send({});
    expect(same.status).toBe(200);
    expect(same.body.title).toBe('党章');
  });

  it('null as a check-in token is refused', async () => {
    const res = await ctx.http
      .post('/api/v1/checkins')
      .set('Authorization', asMember(ctx, member))
      .send({ activityId: 'a1b2c3', token: null });
    expect(res.status).toBe(400);
    expect(res.body.error.details).toEqual([{ field: 'token', message: '不能为空' }]);
  });

  it('null stays allowed where it means something (a rule without a cap)', async () => {
    const res = await ctx.http
      .put('/api/v1/points/rules/checkin')
      .set('Authorization', admin)
      .send({ points: 1, dailyCap: null, yearlyCap: null, enabled: true });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ code: 'checkin', dailyCap: null, yearlyCap: null });
  });

  it('a body that claims gzip but is not → 400 BAD_ENCODING', async () => {
    const res = await raw(ctx, 'POST', '/api/v1/auth/dev', 'this is not gzip', { 'content-encoding': 'gzip' });
    expect(res.status).toBe(400);
    expect(res.body.error?.code).toBe('BAD_ENCODING');
    // A real gzip body still works.
    const ok = await raw(ctx, 'POST', '/api/v1/auth/dev', gzipSync(JSON.stringify({ username: 'nobody' })), { 'content-encoding': 'gzip' });
    expect(ok.status).toBe(404);
    expect(errorLines()).toEqual([]);
  });

  it('a URL over 16 KiB → 431 in the contract shape', async () => {
    const res = await raw(ctx, 'GET', `/api/v1/members?q=${'a'.repeat(17 * 1024)}`, '', { authorization: admin });
    expect(res.status).toBe(431);
    expect(res.body.error?.code).toBe('HEADERS_TOO_LARGE');
    expect(res.body.error?.message).toMatch(/[\u4e00-\u9fff]/);
  });
});

describe('hardening: the database goes away', () => {
  let ctx: TestContext;
  let admin: string;

  beforeAll(async () => {
    ctx = await createTestContext();
    const tree = await buildTree(ctx);
    admin = asUser(ctx, await buildUser(ctx, 'county', 'pw-county-1', [{ role: 'admin', org: tree.county }]));
  });
  afterAll(() => ctx.close());

  it('answers 503 SERVICE_UNAVAILABLE with Retry-After, and /health says db: down', async () => {
    expect((await ctx.http.get('/api/v1/members').set('Authorization', admin)).status).toBe(200);
    await ctx.ds.destroy();
    const res = await ctx.http.get('/api/v1/members').set('Authorization', admin);
    expect(res.status).toBe(503);
    expect(res.body.error.code).toBe('SERVICE_UNAVAILABLE');
    expect(res.headers['retry-after']).toBe('5');
    const write = await ctx.http.post('/api/v1/auth/admin').send({ username: 'county', password: 'pw-county-1' });
    expect(write.status).toBe(503);
    const health = await ctx.http.get('/api/v1/health');
    expect(health.body.db).toBe('down');
  });
});

describe('hardening: a sign-in lockout that locks', () => {
  let ctx: TestContext;

  beforeAll(async () => {
    // Behind a load balancer: the client address comes from X-Forwarded-For.
    ctx = await createTestContext({ TRUST_PROXY: '1' });
    await buildUser(ctx, 'locked', 'Right-Pass-9');
  });
  afterAll(() => ctx.close());

  const signIn = (password: string, ip: string) =>
    ctx.http.post('/api/v1/auth/admin').set('X-Forwarded-For', ip).send({ username: 'locked', password });

  it('after 10 wrong passwords from 10 addresses, the right one from an eleventh is refused until the lock ends', async () => {
    for (let i = 1; i <= 10; i++) expect((await signIn(`guess${i}`, `10.0.0.${i}`)).status).toBe(401);
    const right = await signIn('Right-Pass-9', '10.0.0.99');
    expect(right.status).toBe(429);
    expect(right.body.error.code).toBe('ACCOUNT_LOCKED');
    expect(right.body.error.message).toMatch(/锁定/);
    expect(Number(right.headers['retry-after'])).toBeGreaterThan(60);
    expect(right.body.token).toBeUndefined();
  });
});
