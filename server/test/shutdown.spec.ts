/**
 * Graceful stop: a SIGTERM in the middle of a check-in burst. The built server (server/dist,
 * as production runs it) stops accepting, finishes what it acknowledged, closes its pool and
 * exits 0 — and every check-in it answered 200/201 is in the database with its points.
 */
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import http from 'node:http';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { CheckinTokens } from '../src/modules/checkin';
import { CheckIn } from '../src/modules/checkin/checkin.entity';
import { verifyBalances } from '../src/modules/points';
import {
  TEST_DB,
  asMember,
  buildMember,
  buildTree,
  createTestContext,
  grantRole,
  type BuiltMember,
  type TestContext,
} from './support/context';

jest.setTimeout(120_000);

const MAIN = path.resolve(__dirname, '../dist/main.js');
const MEMBERS = 240;

const freePort = () =>
  new Promise<number>((resolve) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => resolve(port));
    });
  });

function post(
  port: number,
  auth: string,
  body: object,
): Promise<{ status: number; body: { checkIn?: { id: string; memberId: string } } } | null> {
  return new Promise((resolve) => {
    const data = JSON.stringify(body);
    const req = http.request(
      {
        host: '127.0.0.1',
        port,
        method: 'POST',
        path: '/api/v1/checkins',
        agent: false,
        headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(data), authorization: auth },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c) => chunks.push(c));
        res.on('end', () => resolve({ status: res.statusCode!, body: JSON.parse(Buffer.concat(chunks).toString('utf8') || '{}') }));
        res.on('error', () => resolve(null));
      },
    );
    // Refused or cut off: not acknowledged, so nothing is promised about it.
    req.on('error', () => resolve(null));
    req.end(data);
  });
}

(existsSync(MAIN) ? describe : describe.skip)(`graceful shutdown (${TEST_DB})`, () => {
  let ctx: TestContext;
  let dir: string;
  let members: BuiltMember[];
  let activityId: string;

  beforeAll(async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'djzy-shutdown-'));
    // SQLite: a file both processes open; MySQL: the context's scratch database.
    ctx = await createTestContext(TEST_DB === 'sqlite' ? { DATABASE_URL: `sqlite:${path.join(dir, 'db.sqlite')}` } : {});
    const tree = await buildTree(ctx);
    const secretary = await buildMember(ctx, tree.b11, { name: '书记' });
    await grantRole(ctx, 'branch_secretary', tree.b11, { memberId: secretary.id });
    members = [];
    for (let i = 0; i < MEMBERS; i++) members.push(await buildMember(ctx, tree.b11, { name: `党员${i}` }));
    const now = Date.now();
    const created = await ctx.http
      .post('/api/v1/activities')
      .set('Authorization', asMember(ctx, secretary))
      .send({
        title: '主题党日',
        kind: 'fixed_day',
        orgId: tree.b11.id,
        startsAt: new Date(now - 60_000).toISOString(),
        endsAt: new Date(now + 3600_000).toISOString(),
        checkinModes: ['qr'],
      });
    expect(created.status).toBe(201);
    activityId = created.body.id;
    await ctx.http.post(`/api/v1/activities/${activityId}/publish`).set('Authorization', asMember(ctx, secretary)).expect(200);
  });
  afterAll(async () => {
    await ctx.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('acknowledged check-ins all survive a SIGTERM in the middle of a burst, and the process exits 0', async () => {
    const port = await freePort();
    const url =
      ctx.config.database.type === 'sqlite'
        ? `sqlite:${ctx.config.database.file}`
        : `mysql://root@${ctx.config.database.host}:${ctx.config.database.port}/${ctx.config.database.database}`;
    const child = spawn(process.execPath, [MAIN], {
      env: {
        ...process.env,
        NODE_ENV: 'test',
        PORT: String(port),
        HOST: '127.0.0.1',
        DATABASE_URL: url,
        DEMO_MODE: '0',
        JWT_SECRET: ctx.config.jwtSecret,
        DATA_KEY: ctx.config.dataKey.toString('hex'),
        LOG_LEVEL: 'warn',
        WARM_UP_REQUESTS: '300',
        PRINCIPAL_CACHE_MS: '10000',
      },
      stdio: ['ignore', 'ignore', 'inherit'],
    });
    const exited = once(child, 'exit');
    for (let i = 0; i < 100; i++) {
      const up = await new Promise<boolean>((r) =>
        http
          .get({ host: '127.0.0.1', port, path: '/api/v1/health', agent: false }, (res) => r(res.statusCode === 200))
          .on('error', () => r(false)),
      );
      if (up) break;
      await new Promise((r) => setTimeout(r, 100));
    }

    const token = new CheckinTokens(ctx.config.jwtSecret).issue(activityId, new Date()).token;
    const acknowledged: { id: string; memberId: string }[] = [];
    let answered = 0;
    let next = 0;
    let signalled = false;
    await Promise.all(
      Array.from({ length: 24 }, async () => {
        while (next < members.length) {
          const m = members[next++];
          const res = await post(port, asMember(ctx, m), { activityId, token });
          answered++;
          if (res && (res.status === 201 || res.status === 200) && res.body.checkIn) acknowledged.push(res.body.checkIn);
          if (!signalled && answered >= MEMBERS / 4) {
            signalled = true;
            child.kill('SIGTERM');
          }
        }
      }),
    );
    const [code] = await exited;
    expect(signalled).toBe(true);
    expect(code).toBe(0);
    expect(acknowledged.length).toBeGreaterThan(0);
    // The stop came in the middle: some members were turned away (new connections refused).
    expect(acknowledged.length).toBeLessThan(MEMBERS);

    const stored = await ctx.ds.getRepository(CheckIn).findBy({ activityId });
    const storedIds = new Set(stored.map((c) => c.id));
    expect(acknowledged.filter((c) => !storedIds.has(c.id))).toEqual([]);
    expect((await verifyBalances(ctx.ds)).drift).toEqual([]);
    // Each stored check-in earned its points once.
    const entries: { n: number | string }[] = await ctx.ds.query('SELECT COUNT(*) AS n FROM points_entries WHERE sourceId = ?', [
      activityId,
    ]);
    expect(Number(entries[0].n)).toBe(stored.length);
  });
});
