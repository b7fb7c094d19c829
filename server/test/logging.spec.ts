import { asUser, buildMember, buildTree, buildUser, createTestContext, type TestContext } from './support/context';

describe('logs and sign-in rate limits', () => {
  let ctx: TestContext;
  const lines: string[] = [];
  beforeAll(async () => {
    ctx = await createTestContext({ AUTH_RATE_LIMIT_PER_MINUTE: '5' }, { logLines: lines });
  });
  afterAll(() => ctx.close());

  it('logs each request with a request id, but never a token, a phone or an ID number', async () => {
    const tree = await buildTree(ctx);
    const m = await buildMember(ctx, tree.b11, { phone: '13866667777' });
    const auth = asUser(ctx, await buildUser(ctx, 'loguser', 'pw-log-1', [{ role: 'admin', org: tree.county }]));
    const token = auth.slice('Bearer '.length);
    await ctx.http.get('/api/v1/members?q=13866667777').set('Authorization', auth).expect(200);
    await ctx.http.get(`/api/v1/members?q=${m.idCard}&reveal=true`).set('Authorization', auth).expect(200);
    await ctx.http.get('/api/v1/members/nosuch').set('Authorization', auth).set('X-Request-Id', 'trace-abc-123').expect(404);
    const all = lines.join('\n');
    expect(lines.length).toBeGreaterThanOrEqual(3);
    expect(all).toContain('"requestId":"trace-abc-123"');
    expect(all).toContain('"path":"/api/v1/members"');
    expect(all).not.toContain('13866667777');
    expect(all).not.toContain(m.idCard);
    expect(all).not.toContain(token);
  });

  it('answers 429 with Retry-After past the per-address sign-in limit', async () => {
    const statuses: number[] = [];
    let last;
    for (let i = 0; i < 7; i++) {
      last = await ctx.http.post('/api/v1/auth/admin').send({ username: `u${i}`, password: 'x' });
      statuses.push(last.status);
    }
    expect(statuses).toEqual([401, 401, 401, 401, 401, 429, 429]);
    expect(last!.body.error.code).toBe('RATE_LIMITED');
    expect(Number(last!.headers['retry-after'])).toBeGreaterThanOrEqual(1);
    // The limit is on sign-in only: other routes still answer.
    expect((await ctx.http.get('/api/v1/health')).status).toBe(200);
  });
});
