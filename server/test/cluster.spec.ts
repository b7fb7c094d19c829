/**
 * Two API processes (the built server, as production runs it) on one MariaDB and one Redis:
 * the sign-in lockout counts across both, a cancelled activity is refused by the other process
 * at once (cache invalidation over Redis), a role ended in the database is refused by both
 * within the principal cache's stated time, and a check-in burst split across both gives each
 * member one check-in and one ledger entry.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { existsSync } from 'node:fs';
import http from 'node:http';
import { createServer, Socket } from 'node:net';
import path from 'node:path';
import { IsNull } from 'typeorm';
import { CheckinTokens } from '../src/modules/checkin';
import { CheckIn } from '../src/modules/checkin/checkin.entity';
import { RoleGrant } from '../src/modules/auth/role-grant.entity';
import { verifyBalances } from '../src/modules/points';
import {
  TEST_DB,
  asMember,
  buildMember,
  buildTree,
  buildUser,
  createTestContext,
  grantRole,
  type BuiltMember,
  type TestContext,
} from './support/context';

jest.setTimeout(120_000);

const MAIN = path.resolve(__dirname, '../dist/main.js');
const REDIS = process.env.TEST_REDIS_URL || 'redis://127.0.0.1:6379';
const PRINCIPAL_CACHE_MS = 1500;

const redisUp = () =>
  new Promise<boolean>((resolve) => {
    const u = new URL(REDIS);
    const s = new Socket();
    s.setTimeout(1000);
    s.once('connect', () => (s.destroy(), resolve(true)));
    s.once('error', () => resolve(false));
    s.once('timeout', () => (s.destroy(), resolve(false)));
    s.connect(Number(u.port || 6379), u.hostname);
  });

const freePort = () =>
  new Promise<number>((resolve) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => resolve(port));
    });
  });

type Answer = {
  status: number;
  body: { error?: { code: string }; checkIn?: { id: string; memberId: string }; token?: string };
  headers: http.IncomingHttpHeaders;
};
function call(port: number, method: string, p: string, body?: object, headers: Record<string, string> = {}): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const data = body ? JSON.stringify(body) : '';
    const req = http.request(
      {
        host: '127.0.0.1',
        port,
        method,
        path: `/api/v1${p}`,
        agent: false,
        headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(data), ...headers },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c) => chunks.push(c));
        res.on('end', () =>
          resolve({ status: res.statusCode!, headers: res.headers, body: JSON.parse(Buffer.concat(chunks).toString('utf8') || '{}') }),
        );
      },
    );
    req.on('error', reject);
    req.end(data);
  });
}

// MySQL only: SQLite is one process's embedded database by design.
const enabled = TEST_DB === 'mysql' && existsSync(MAIN);
(enabled ? describe : describe.skip)('two API processes on one database and one Redis', () => {
  let ctx: TestContext;
  let procs: ChildProcess[] = [];
  let ports: number[] = [];
  let secretary: BuiltMember;
  let members: BuiltMember[];
  let tree: Awaited<ReturnType<typeof buildTree>>;
  const suffix = Math.random().toString(36).slice(2, 8);

  beforeAll(async () => {
    if (!(await redisUp())) {
      if (process.env.CI === 'true') throw new Error(`Redis at ${REDIS} is unreachable (mandatory on CI)`);
      console.warn(`⚠ Redis at ${REDIS} is unreachable: skipping the two-process test`);
      return;
    }
    ctx = await createTestContext();
    tree = await buildTree(ctx);
    secretary = await buildMember(ctx, tree.b11, { name: '书记' });
    await grantRole(ctx, 'branch_secretary', tree.b11, { memberId: secretary.id });
    await buildUser(ctx, `lock${suffix}`, 'Right-Pass-7');
    members = [];
    for (let i = 0; i < 120; i++) members.push(await buildMember(ctx, tree.b11, { name: `党员${i}` }));
    const { host, port, database } = ctx.config.database as { host: string; port: number; database: string };
    ports = [await freePort(), await freePort()];
    procs = ports.map((p) =>
      spawn(process.execPath, [MAIN], {
        env: {
          ...process.env,
          NODE_ENV: 'test',
          PORT: String(p),
          HOST: '127.0.0.1',
          DATABASE_URL: `mysql://root@${host}:${port}/${database}`,
          DJZY_PREPARED: '1',
          DEMO_MODE: '0',
          REDIS_URL: REDIS,
          JWT_SECRET: ctx.config.jwtSecret,
          DATA_KEY: ctx.config.dataKey.toString('hex'),
          LOG_LEVEL: 'warn',
          WARM_UP_REQUESTS: '300',
          PRINCIPAL_CACHE_MS: String(PRINCIPAL_CACHE_MS),
          AUTH_RATE_LIMIT_PER_MINUTE: '1000',
        },
        stdio: ['ignore', 'ignore', 'inherit'],
      }),
    );
    for (const p of ports)
      for (let i = 0; i < 100; i++) {
        const up = await call(p, 'GET', '/health').then(
          (r) => r.status === 200,
          () => false,
        );
        if (up) break;
        await new Promise((r) => setTimeout(r, 100));
      }
  });
  afterAll(async () => {
    for (const p of procs) {
      const exited = once(p, 'exit');
      p.kill('SIGTERM');
      await exited;
    }
    await ctx?.close();
  });

  const skipUnlessUp = () => !ctx;

  it('counts sign-in failures across both: the right password is refused on either once locked', async () => {
    if (skipUnlessUp()) return;
    for (let i = 0; i < 10; i++)
      expect((await call(ports[i % 2], 'POST', '/auth/admin', { username: `lock${suffix}`, password: `guess${i}` })).status).toBe(401);
    for (const p of ports) {
      const res = await call(p, 'POST', '/auth/admin', { username: `lock${suffix}`, password: 'Right-Pass-7' });
      expect(res.status).toBe(429);
      expect(res.body.error?.code).toBe('ACCOUNT_LOCKED');
      expect(res.body.token).toBeUndefined();
    }
  });

  async function openActivity(title: string): Promise<string> {
    const now = Date.now();
    const created = await call(
      ports[0],
      'POST',
      '/activities',
      {
        title,
        kind: 'fixed_day',
        orgId: tree.b11.id,
        startsAt: new Date(now - 60_000).toISOString(),
        endsAt: new Date(now + 3600_000).toISOString(),
        checkinModes: ['qr'],
      },
      { authorization: asMember(ctx, secretary) },
    );
    expect(created.status).toBe(201);
    const id = (created.body as unknown as { id: string }).id;
    expect((await call(ports[0], 'POST', `/activities/${id}/publish`, {}, { authorization: asMember(ctx, secretary) })).status).toBe(200);
    return id;
  }

  it('gives each member one check-in and one ledger entry when a burst is split across both', async () => {
    if (skipUnlessUp()) return;
    const id = await openActivity('主题党日');
    const token = new CheckinTokens(ctx.config.jwtSecret).issue(id, new Date()).token;
    // Every member asks both processes at once.
    const answers = await Promise.all(
      members.flatMap((m) =>
        ports.map((p) => call(p, 'POST', '/checkins', { activityId: id, token }, { authorization: asMember(ctx, m) })),
      ),
    );
    expect(answers.filter((a) => a.status === 201)).toHaveLength(members.length);
    expect(answers.filter((a) => a.status === 200)).toHaveLength(members.length);
    expect(await ctx.ds.getRepository(CheckIn).countBy({ activityId: id })).toBe(members.length);
    const entries: { n: number | string }[] = await ctx.ds.query('SELECT COUNT(*) AS n FROM points_entries WHERE sourceId = ?', [id]);
    expect(Number(entries[0].n)).toBe(members.length);
    expect((await verifyBalances(ctx.ds)).drift).toEqual([]);
  });

  it('refuses check-ins on the other process at once when an activity is cancelled on one', async () => {
    if (skipUnlessUp()) return;
    const id = await openActivity('支委会');
    const token = new CheckinTokens(ctx.config.jwtSecret).issue(id, new Date()).token;
    // Process B has the activity in its check-in cache now.
    expect(
      (await call(ports[1], 'POST', '/checkins', { activityId: id, token }, { authorization: asMember(ctx, members[0]) })).status,
    ).toBe(201);
    expect((await call(ports[0], 'POST', `/activities/${id}/cancel`, {}, { authorization: asMember(ctx, secretary) })).status).toBe(200);
    await new Promise((r) => setTimeout(r, 200));
    const refused = await call(ports[1], 'POST', '/checkins', { activityId: id, token }, { authorization: asMember(ctx, members[1]) });
    expect(refused.status).toBe(400);
    expect(refused.body.error?.code).toBe('CHECKIN_NOT_OPEN');
  });

  it('refuses a role ended in the database on both processes within the principal cache time', async () => {
    if (skipUnlessUp()) return;
    const id = await openActivity('党员大会');
    for (const p of ports)
      expect((await call(p, 'GET', `/activities/${id}/attendance`, undefined, { authorization: asMember(ctx, secretary) })).status).toBe(
        200,
      );
    await ctx.ds.getRepository(RoleGrant).update({ memberId: secretary.id, endedAt: IsNull() }, { endedAt: new Date() });
    await new Promise((r) => setTimeout(r, PRINCIPAL_CACHE_MS + 300));
    for (const p of ports)
      expect((await call(p, 'GET', `/activities/${id}/attendance`, undefined, { authorization: asMember(ctx, secretary) })).status).toBe(
        403,
      );
  });
});
