/**
 * Check-in burst benchmark (MariaDB/MySQL): 2,000 members of one activity check in through the
 * real HTTP stack (the built server in its own process) at 64 concurrent connections; then the
 * ceiling — a bare mysql2 script doing the same database writes as one check-in, one transaction
 * each, at the same concurrency. Prints throughput, p50/p99 and the ratio check-in / ceiling.
 *
 *   npm run build -w @djzy/server && npx tsx --tsconfig server/tsconfig.json scripts/bench/checkin-bench.ts [--members 2000] [--concurrency 64]
 *
 * Uses a scratch database `djzy_bench_checkin` on 127.0.0.1:3306 (BENCH_MYSQL_URL to override).
 */
import 'reflect-metadata';
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import http from 'node:http';
import { createServer } from 'node:net';
import path from 'node:path';
import { createPool } from 'mysql2/promise';
import { createDataSource } from '../../server/src/db/data-source';
import { newId } from '../../server/src/core/ids';
import { TokenService } from '../../server/src/core/tokens';
import { CheckinTokens } from '../../server/src/modules/checkin';

const arg = (name: string, def: number) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : def;
};
const MEMBERS = arg('members', 2000);
const CONCURRENCY = arg('concurrency', 64);
const BASE = process.env.BENCH_MYSQL_URL || 'mysql://root@127.0.0.1:3306/';
const DB = 'djzy_bench_checkin';
const SECRET = 'bench-secret-bench-secret-bench-secret-0001';
const ROOT = path.resolve(__dirname, '..', '..');

const pct = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))];
};
const fmt = (n: number) => n.toFixed(1);

async function runPool<T>(items: T[], concurrency: number, fn: (item: T) => Promise<void>): Promise<number[]> {
  const latencies: number[] = [];
  let next = 0;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < items.length) {
        const item = items[next++];
        const t0 = performance.now();
        await fn(item);
        latencies.push(performance.now() - t0);
      }
    }),
  );
  return latencies;
}

async function setup() {
  const admin = createPool({ uri: BASE + 'mysql' });
  await admin.query(`DROP DATABASE IF EXISTS \`${DB}\``);
  await admin.query(`CREATE DATABASE \`${DB}\` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`);
  await admin.end();
  const ds = createDataSource({ type: 'mysql', url: BASE + DB, host: '127.0.0.1', port: 3306, database: DB });
  await ds.initialize();
  await ds.runMigrations();
  const now = new Date();
  const county = newId();
  const township = newId();
  const branch = newId();
  const orgs = [
    [county, '基准县委', 'county', null, `/${county}/`],
    [township, '基准镇党委', 'township', county, `/${county}/${township}/`],
    [branch, '基准村党支部', 'branch', township, `/${county}/${township}/${branch}/`],
  ];
  for (const o of orgs) await ds.query('INSERT INTO orgs (id, name, kind, parentId, path, sortOrder, createdAt) VALUES (?, ?, ?, ?, ?, 0, ?)', [...o, now]);
  const memberIds: string[] = [];
  for (let i = 0; i < MEMBERS; i += 500) {
    const rows: unknown[][] = [];
    for (let j = i; j < Math.min(MEMBERS, i + 500); j++) {
      const id = newId();
      memberIds.push(id);
      rows.push([id, `党员${j}`, 'male', branch, 'full', 'v1.x.y.z', `h${String(j).padStart(63, '0')}`, now, now]);
    }
    await ds.query(
      `INSERT INTO members (id, name, gender, orgId, status, idCardEnc, idCardHash, createdAt, updatedAt) VALUES ${rows.map(() => '(?, ?, ?, ?, ?, ?, ?, ?, ?)').join(', ')}`,
      rows.flat(),
    );
  }
  const activity = newId();
  await ds.query(
    `INSERT INTO activities (id, title, kind, orgId, startsAt, endsAt, checkinModes, status, allowRemote, createdAt, publishedAt) VALUES (?, '基准主题党日', 'fixed_day', ?, ?, ?, 'qr', 'published', 0, ?, ?)`,
    [activity, branch, new Date(now.getTime() - 10 * 60_000), new Date(now.getTime() + 3 * 3600_000), now, now],
  );
  await ds.destroy();
  return { memberIds, activity };
}

/** Posts one check-in per member to a server in its own process, 64 at a time; the first 64 warm up. */
async function httpRun(
  label: string,
  start: (port: number) => ReturnType<typeof spawn>,
  request: (memberId: string) => { body: string; headers: Record<string, string> },
) {
  const port = await freePort();
  const server = start(port);
  for (let i = 0; ; i++) {
    try {
      if ((await fetch(`http://127.0.0.1:${port}/api/v1/health`, { method: 'GET' })).status < 500) break;
    } catch {
      /* starting */
    }
    if (i > 150) throw new Error(`${label} did not start`);
    await new Promise((r) => setTimeout(r, 100));
  }
  const agent = new http.Agent({ keepAlive: true, maxSockets: CONCURRENCY });
  const statuses = new Map<number, number>();
  const post = (memberId: string) =>
    new Promise<void>((resolve, reject) => {
      const { body, headers } = request(memberId);
      const req = http.request(
        { host: '127.0.0.1', port, path: '/api/v1/checkins', method: 'POST', agent, headers: { 'content-type': 'application/json', 'content-length': String(Buffer.byteLength(body)), ...headers } },
        (res) => {
          statuses.set(res.statusCode ?? 0, (statuses.get(res.statusCode ?? 0) ?? 0) + 1);
          res.resume();
          res.on('end', () => resolve());
        },
      );
      req.on('error', reject);
      req.end(body);
    });
  // Warm up connections and JIT with a few members that are then not counted.
  await runPool(memberIds0(), CONCURRENCY, post);
  statuses.clear();
  const counted = allMembers.slice(CONCURRENCY);
  const cpu0 = cpuMs(server.pid!);
  const t0 = performance.now();
  const lat = await runPool(counted, CONCURRENCY, post);
  const secs = (performance.now() - t0) / 1000;
  const cpu = cpuMs(server.pid!) - cpu0;
  server.kill('SIGTERM');
  await new Promise((r) => server.once('exit', r));
  agent.destroy();
  return { n: counted.length, secs, lat, statuses: Object.fromEntries(statuses), cpuPerReq: cpu / counted.length };
}
/** A port nothing listens on now (the OS picks it). */
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.listen(0, '127.0.0.1', () => {
      const addr = srv.address();
      srv.close(() => resolve(typeof addr === 'object' && addr ? addr.port : 0));
    });
    srv.on('error', reject);
  });
}

/** CPU time (user + system) a process has used, in ms: a figure the machine's other load does not inflate much. */
function cpuMs(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
  return ((Number(fields[11]) + Number(fields[12])) * 1000) / 100;
}
let allMembers: string[] = [];
const memberIds0 = () => allMembers.slice(0, CONCURRENCY);

/** The real server (built `server/dist/main.js`), as production runs it (caches on). */
function ourServer(activity: string) {
  // The phones' work is done before the clock starts: each member's sign-in token, and the QR
  // code as the screen on the wall shows it (one per second here; it rotates every 30 s).
  const tokens = new TokenService(SECRET, 3600);
  const codes = new CheckinTokens(SECRET);
  const bearers = new Map(allMembers.map((id) => [id, `Bearer ${tokens.issue({ kind: 'member', id }).token}`]));
  let body = { at: 0, text: '' };
  const bodyNow = () => {
    if (Date.now() - body.at > 1000) body = { at: Date.now(), text: JSON.stringify({ activityId: activity, token: codes.issue(activity, new Date()).token }) };
    return body.text;
  };
  // BENCH_SERVER_NODE_ARGS='--cpu-prof --cpu-prof-dir=/tmp/prof' profiles the server;
  // BENCH_SERVER_MAIN=/path/to/other/server/dist/main.js measures another build (before/after).
  const nodeArgs = process.env.BENCH_SERVER_NODE_ARGS ? process.env.BENCH_SERVER_NODE_ARGS.split(' ') : [];
  return httpRun(
    'server',
    (port) =>
      spawn(process.execPath, [...nodeArgs, process.env.BENCH_SERVER_MAIN || path.join(ROOT, 'server/dist/main.js')], {
        env: { ...process.env, NODE_ENV: 'test', PORT: String(port), HOST: '127.0.0.1', DATABASE_URL: BASE + DB, DEMO_MODE: '0', JWT_SECRET: SECRET, DATA_KEY: 'a'.repeat(64), LOG_LEVEL: 'warn', DB_POOL_SIZE: String(CONCURRENCY), PRINCIPAL_CACHE_MS: '10000' },
        stdio: ['ignore', 'inherit', 'inherit'],
      }),
    (memberId) => ({ body: bodyNow(), headers: { authorization: bearers.get(memberId)! } }),
  );
}

/** The floor of any HTTP stack here: node:http + bare mysql2 making the ceiling's writes (bare-http-checkin.mjs). */
function bareHttpServer() {
  const activity = newId();
  return httpRun(
    'bare HTTP server',
    (port) =>
      spawn(process.execPath, [path.join(__dirname, 'bare-http-checkin.mjs')], {
        env: { ...process.env, BARE_PORT: String(port), BARE_DB_URL: BASE + DB, BARE_POOL: String(CONCURRENCY) },
        stdio: ['ignore', 'ignore', 'inherit'],
      }),
    (memberId) => ({ body: JSON.stringify({ activityId: activity, memberId }), headers: {} }),
  );
}

/** The same writes one check-in makes, in one transaction per member, through bare mysql2. */
async function ceilingRun(memberIds: string[], activity: string) {
  const pool = createPool({ uri: BASE + DB, connectionLimit: CONCURRENCY });
  const day = new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10);
  const periods = [day.slice(0, 4), `${day.slice(0, 4)}-Q${Math.ceil(Number(day.slice(5, 7)) / 3)}`, day.slice(0, 7)];
  const act2 = newId();
  const one = async (memberId: string) => {
    const c = await pool.getConnection();
    try {
      await c.query('SET TRANSACTION ISOLATION LEVEL READ COMMITTED');
      await c.beginTransaction();
      await c.query('INSERT INTO checkins (id, activityId, memberId, method, checkedInAt, flagged) VALUES (?, ?, ?, ?, ?, 0)', [newId(), act2, memberId, 'qr', new Date()]);
      await c.query(
        'INSERT INTO points_rule_usage (memberId, ruleCode, periodKey, used) VALUES (?, ?, ?, 0), (?, ?, ?, 0) ON DUPLICATE KEY UPDATE used = used + VALUES(used)',
        [memberId, 'meeting_fixed_day', `D${day}`, memberId, 'meeting_fixed_day', `Y${day.slice(0, 4)}`],
      );
      await c.query(
        'INSERT INTO points_entries (id, memberId, ruleCode, delta, reason, sourceType, sourceId, idempotencyKey, effectiveDate, createdAt) VALUES (?, ?, ?, 2, ?, ?, ?, ?, ?, ?)',
        [newId(), memberId, 'meeting_fixed_day', '参加主题党日', 'activity', act2, `ceiling:${act2}:${memberId}`, day, new Date()],
      );
      await c.query('UPDATE points_rule_usage SET used = used + 2 WHERE memberId = ? AND ruleCode = ? AND periodKey IN (?, ?)', [memberId, 'meeting_fixed_day', `D${day}`, `Y${day.slice(0, 4)}`]);
      await c.query(
        'INSERT INTO points_balances (memberId, period, points) VALUES (?, ?, 2), (?, ?, 2), (?, ?, 2) ON DUPLICATE KEY UPDATE points = points + VALUES(points)',
        periods.flatMap((p) => [memberId, p]),
      );
      await c.commit();
    } finally {
      c.release();
    }
  };
  void activity;
  await runPool(memberIds.slice(0, CONCURRENCY), CONCURRENCY, one);
  const counted = memberIds.slice(CONCURRENCY);
  const t0 = performance.now();
  const lat = await runPool(counted, CONCURRENCY, one);
  const secs = (performance.now() - t0) / 1000;
  await pool.end();
  return { n: counted.length, secs, lat };
}

(async () => {
  console.log(`check-in benchmark: ${MEMBERS} members, ${CONCURRENCY} concurrent connections, MariaDB at ${BASE}`);
  const { memberIds, activity } = await setup();
  allMembers = memberIds;
  const h = await ourServer(activity);
  const c = await ceilingRun(memberIds, activity);
  const f = await bareHttpServer();
  const ht = h.n / h.secs;
  const ct = c.n / c.secs;
  const ft = f.n / f.secs;
  console.log(`HTTP check-in : ${h.n} in ${fmt(h.secs)} s = ${fmt(ht)}/s, p50 ${fmt(pct(h.lat, 50))} ms, p99 ${fmt(pct(h.lat, 99))} ms, statuses ${JSON.stringify(h.statuses)}`);
  console.log(`bare ceiling  : ${c.n} in ${fmt(c.secs)} s = ${fmt(ct)}/s, p50 ${fmt(pct(c.lat, 50))} ms, p99 ${fmt(pct(c.lat, 99))} ms`);
  console.log(`bare HTTP floor: ${f.n} in ${fmt(f.secs)} s = ${fmt(ft)}/s, p50 ${fmt(pct(f.lat, 50))} ms, p99 ${fmt(pct(f.lat, 99))} ms, statuses ${JSON.stringify(f.statuses)} (node:http + mysql2, same writes, no auth/validation/ORM)`);
  console.log(`ratio check-in/ceiling: ${(ht / ct).toFixed(2)} (goal ≥ 0.6); p99 ${fmt(pct(h.lat, 99))} ms (goal ≤ 100 ms)`);
  console.log(`ratio bare HTTP floor/ceiling: ${(ft / ct).toFixed(2)}; check-in/bare HTTP floor: ${(ht / ft).toFixed(2)}`);
  console.log(`server CPU per check-in: ${h.cpuPerReq.toFixed(2)} ms (bare HTTP floor ${f.cpuPerReq.toFixed(2)} ms)`);
  if (!process.argv.includes('--keep')) {
    const admin = createPool({ uri: BASE + 'mysql' });
    await admin.query(`DROP DATABASE IF EXISTS \`${DB}\``);
    await admin.end();
  }
})().catch((e) => {
  console.error(e);
  process.exit(1);
});
