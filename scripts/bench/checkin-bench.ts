/**
 * Check-in burst benchmark (MariaDB/MySQL), in rounds (issue #19). Each round starts the built
 * server fresh (its own process, caches cold) and sends every member of one branch-sized county
 * through the real HTTP stack at 64 concurrent connections twice: the first burst right after the
 * start (cold, every request counted), then a second activity (warm). In the same round it runs
 * the ceilings: the minimal one (the writes any check-in needs: attendance row, ledger row,
 * balance upsert; one transaction each, mysql2 pool of 10), the schema ceiling (the writes our
 * schema made before #19, one transaction each) and the bare HTTP floor. Prints throughput,
 * p50/p99, server CPU per check-in and every ratio per round, then the spread over the rounds.
 *
 *   npm run build -w @djzy/server && npx tsx --tsconfig server/tsconfig.json scripts/bench/checkin-bench.ts [--members 290] [--concurrency 64] [--rounds 5]
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
const MEMBERS = arg('members', 290);
const ROUNDS = arg('rounds', 5);
const BEFORE = process.env.BENCH_BEFORE_MAIN;
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
  for (const o of orgs)
    await ds.query('INSERT INTO orgs (id, name, kind, parentId, path, sortOrder, createdAt) VALUES (?, ?, ?, ?, ?, 0, ?)', [...o, now]);
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
  // Two activities a round (the cold burst and the warm one): a member checks in once per activity.
  const activities: string[] = [];
  for (let i = 0; i < 4 * ROUNDS; i++) {
    const activity = newId();
    activities.push(activity);
    await ds.query(
      `INSERT INTO activities (id, title, kind, orgId, startsAt, endsAt, checkinModes, status, allowRemote, createdAt, publishedAt) VALUES (?, ?, 'fixed_day', ?, ?, ?, 'qr', 'published', 0, ?, ?)`,
      [activity, `基准主题党日${i + 1}`, branch, new Date(now.getTime() - 10 * 60_000), new Date(now.getTime() + 3 * 3600_000), now, now],
    );
  }
  await ds.destroy();
  return { memberIds, activities };
}

interface Burst {
  n: number;
  secs: number;
  lat: number[];
  statuses: Record<number, number>;
  cpuPerReq: number;
}

/**
 * Starts a server in its own process and posts one check-in per member per burst, 64 at a time.
 * A burst with `warmUp` first sends its first 64 members uncounted; one without counts every
 * request from the first (the cold burst right after the start).
 */
async function httpRun(
  label: string,
  start: (port: number) => ReturnType<typeof spawn>,
  bursts: { activity: string; warmUp: boolean }[],
  request: (activity: string, memberId: string) => { body: string; headers: Record<string, string> },
): Promise<Burst[]> {
  const port = await freePort();
  const server = start(port);
  for (let i = 0; ; i++) {
    try {
      if ((await fetch(`http://127.0.0.1:${port}/api/v1/health`, { method: 'GET' })).status < 500) break;
    } catch {
      /* starting */
    }
    if (i > 300) throw new Error(`${label} did not start`);
    await new Promise((r) => setTimeout(r, 50));
  }
  const agent = new http.Agent({ keepAlive: true, maxSockets: CONCURRENCY });
  const statuses = new Map<number, number>();
  const post = (activity: string, memberId: string) =>
    new Promise<void>((resolve, reject) => {
      const { body, headers } = request(activity, memberId);
      const req = http.request(
        {
          host: '127.0.0.1',
          port,
          path: '/api/v1/checkins',
          method: 'POST',
          agent,
          headers: { 'content-type': 'application/json', 'content-length': String(Buffer.byteLength(body)), ...headers },
        },
        (res) => {
          statuses.set(res.statusCode ?? 0, (statuses.get(res.statusCode ?? 0) ?? 0) + 1);
          res.resume();
          res.on('end', () => resolve());
        },
      );
      req.on('error', reject);
      req.end(body);
    });
  const out: Burst[] = [];
  for (const b of bursts) {
    // Warm up connections and JIT with a few members that are then not counted.
    if (b.warmUp) await runPool(memberIds0(), CONCURRENCY, (m) => post(b.activity, m));
    statuses.clear();
    const counted = b.warmUp ? allMembers.slice(CONCURRENCY) : allMembers;
    const cpu0 = cpuMs(server.pid!);
    const t0 = performance.now();
    const lat = await runPool(counted, CONCURRENCY, (m) => post(b.activity, m));
    const secs = (performance.now() - t0) / 1000;
    const cpu = cpuMs(server.pid!) - cpu0;
    out.push({ n: counted.length, secs, lat, statuses: Object.fromEntries(statuses), cpuPerReq: cpu / counted.length });
  }
  server.kill('SIGTERM');
  await new Promise((r) => server.once('exit', r));
  agent.destroy();
  return out;
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
function ourServer(cold: string, warm: string, main = process.env.BENCH_SERVER_MAIN || path.join(ROOT, 'server/dist/main.js')) {
  // The phones' work is done before the clock starts: each member's sign-in token, and the QR
  // code as the screen on the wall shows it (one per second here; it rotates every 30 s).
  const tokens = new TokenService(SECRET, 3600);
  const codes = new CheckinTokens(SECRET);
  const bearers = new Map(allMembers.map((id) => [id, `Bearer ${tokens.issue({ kind: 'member', id }).token}`]));
  const bodies = new Map<string, { at: number; text: string }>();
  const bodyNow = (activity: string) => {
    let body = bodies.get(activity);
    if (!body || Date.now() - body.at > 1000)
      bodies.set(
        activity,
        (body = { at: Date.now(), text: JSON.stringify({ activityId: activity, token: codes.issue(activity, new Date()).token }) }),
      );
    return body.text;
  };
  // BENCH_SERVER_NODE_ARGS='--cpu-prof --cpu-prof-dir=/tmp/prof' profiles the server;
  // BENCH_SERVER_MAIN=/path/to/other/server/dist/main.js measures another build instead, and
  // BENCH_BEFORE_MAIN=… measures one more build in every round beside it (before/after).
  const nodeArgs = process.env.BENCH_SERVER_NODE_ARGS ? process.env.BENCH_SERVER_NODE_ARGS.split(' ') : [];
  return httpRun(
    'server',
    (port) =>
      spawn(process.execPath, [...nodeArgs, main], {
        env: {
          ...process.env,
          NODE_ENV: 'test',
          PORT: String(port),
          HOST: '127.0.0.1',
          DATABASE_URL: BASE + DB,
          DEMO_MODE: '0',
          JWT_SECRET: SECRET,
          DATA_KEY: 'a'.repeat(64),
          LOG_LEVEL: 'warn',
          DB_POOL_SIZE: String(CONCURRENCY),
          PRINCIPAL_CACHE_MS: '10000',
        },
        stdio: ['ignore', 'ignore', 'inherit'],
      }),
    [
      { activity: cold, warmUp: false },
      { activity: warm, warmUp: true },
    ],
    (activity, memberId) => ({ body: bodyNow(activity), headers: { authorization: bearers.get(memberId)! } }),
  );
}

/** The floor of any HTTP stack here: node:http + bare mysql2 making the ceiling's writes (bare-http-checkin.mjs). */
async function bareHttpServer() {
  const activity = newId();
  const [burst] = await httpRun(
    'bare HTTP server',
    (port) =>
      spawn(process.execPath, [path.join(__dirname, 'bare-http-checkin.mjs')], {
        env: { ...process.env, BARE_PORT: String(port), BARE_DB_URL: BASE + DB, BARE_POOL: String(CONCURRENCY) },
        stdio: ['ignore', 'ignore', 'inherit'],
      }),
    [{ activity, warmUp: true }],
    (act, memberId) => ({ body: JSON.stringify({ activityId: act, memberId }), headers: {} }),
  );
  return burst;
}

/** The same writes one check-in makes, in one transaction per member, through bare mysql2. */
async function ceilingRun(memberIds: string[]) {
  const pool = createPool({ uri: BASE + DB, connectionLimit: CONCURRENCY });
  const day = new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10);
  const periods = [day.slice(0, 4), `${day.slice(0, 4)}-Q${Math.ceil(Number(day.slice(5, 7)) / 3)}`, day.slice(0, 7)];
  const act2 = newId();
  const one = async (memberId: string) => {
    const c = await pool.getConnection();
    try {
      await c.query('SET TRANSACTION ISOLATION LEVEL READ COMMITTED');
      await c.beginTransaction();
      await c.query('INSERT INTO checkins (id, activityId, memberId, method, checkedInAt, flagged) VALUES (?, ?, ?, ?, ?, 0)', [
        newId(),
        act2,
        memberId,
        'qr',
        new Date(),
      ]);
      await c.query(
        'INSERT INTO points_rule_usage (memberId, ruleCode, periodKey, used) VALUES (?, ?, ?, 0), (?, ?, ?, 0) ON DUPLICATE KEY UPDATE used = used + VALUES(used)',
        [memberId, 'meeting_fixed_day', `D${day}`, memberId, 'meeting_fixed_day', `Y${day.slice(0, 4)}`],
      );
      await c.query(
        'INSERT INTO points_entries (id, memberId, ruleCode, delta, reason, sourceType, sourceId, idempotencyKey, effectiveDate, createdAt) VALUES (?, ?, ?, 2, ?, ?, ?, ?, ?, ?)',
        [newId(), memberId, 'meeting_fixed_day', '参加主题党日', 'activity', act2, `ceiling:${act2}:${memberId}`, day, new Date()],
      );
      await c.query('UPDATE points_rule_usage SET used = used + 2 WHERE memberId = ? AND ruleCode = ? AND periodKey IN (?, ?)', [
        memberId,
        'meeting_fixed_day',
        `D${day}`,
        `Y${day.slice(0, 4)}`,
      ]);
      await c.query(
        'INSERT INTO points_balances (memberId, period, points) VALUES (?, ?, 2), (?, ?, 2), (?, ?, 2) ON DUPLICATE KEY UPDATE points = points + VALUES(points)',
        periods.flatMap((p) => [memberId, p]),
      );
      await c.commit();
    } finally {
      c.release();
    }
  };
  await runPool(memberIds.slice(0, CONCURRENCY), CONCURRENCY, one);
  const counted = memberIds.slice(CONCURRENCY);
  const t0 = performance.now();
  const lat = await runPool(counted, CONCURRENCY, one);
  const secs = (performance.now() - t0) / 1000;
  await pool.end();
  return { n: counted.length, secs, lat };
}

/**
 * The minimal ceiling (issue #19): the writes ANY check-in needs — one attendance row, one ledger
 * row, one balance upsert — in one transaction per check-in, mysql2 pool of 10, same concurrency.
 * It does not move with our schema, unlike the ceiling above.
 */
async function minimalCeilingRun(memberIds: string[]) {
  const pool = createPool({ uri: BASE + DB, connectionLimit: 10 });
  const day = new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10);
  const act3 = newId();
  const one = async (memberId: string) => {
    const c = await pool.getConnection();
    try {
      await c.beginTransaction();
      await c.query('INSERT INTO checkins (id, activityId, memberId, method, checkedInAt, flagged) VALUES (?, ?, ?, ?, ?, 0)', [
        newId(),
        act3,
        memberId,
        'qr',
        new Date(),
      ]);
      await c.query(
        'INSERT INTO points_entries (id, memberId, ruleCode, delta, reason, sourceType, sourceId, idempotencyKey, effectiveDate, createdAt) VALUES (?, ?, ?, 2, ?, ?, ?, ?, ?, ?)',
        [newId(), memberId, 'meeting_fixed_day', '参加主题党日', 'activity', act3, `minimal:${act3}:${memberId}`, day, new Date()],
      );
      await c.query(
        'INSERT INTO points_balances (memberId, period, points) VALUES (?, ?, 2) ON DUPLICATE KEY UPDATE points = points + VALUES(points)',
        [memberId, `m${day.slice(0, 4)}`],
      );
      await c.commit();
    } finally {
      c.release();
    }
  };
  await runPool(memberIds.slice(0, CONCURRENCY), CONCURRENCY, one);
  const counted = memberIds.slice(CONCURRENCY);
  const t0 = performance.now();
  const lat = await runPool(counted, CONCURRENCY, one);
  const secs = (performance.now() - t0) / 1000;
  await pool.end();
  return { n: counted.length, secs, lat };
}

const spread = (xs: number[], digits = 2) => {
  const s = [...xs].sort((a, b) => a - b);
  return `${s[0].toFixed(digits)}–${s[s.length - 1].toFixed(digits)} (median ${s[Math.floor(s.length / 2)].toFixed(digits)})`;
};
const line = (b: { n: number; secs: number; lat: number[] }) =>
  `${String(b.n).padStart(5)} in ${b.secs.toFixed(2)} s = ${fmt(b.n / b.secs).padStart(7)}/s, p50 ${fmt(pct(b.lat, 50))} ms, p99 ${fmt(pct(b.lat, 99))} ms`;
const load = () => readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ');

(async () => {
  console.log(
    `check-in benchmark: ${MEMBERS} members, ${CONCURRENCY} concurrent connections, ${ROUNDS} rounds, MariaDB at ${BASE}; load ${load()}`,
  );
  const { memberIds, activities } = await setup();
  allMembers = memberIds;
  const rows: Record<string, number[]> = {};
  const keep = (k: string, v: number) => (rows[k] ??= []).push(v);
  for (let r = 0; r < ROUNDS; r++) {
    const [cold, warm] = await ourServer(activities[4 * r], activities[4 * r + 1]);
    const before = BEFORE ? await ourServer(activities[4 * r + 2], activities[4 * r + 3], BEFORE) : null;
    const m = await minimalCeilingRun(memberIds);
    const c = await ceilingRun(memberIds);
    const f = await bareHttpServer();
    const mt = m.n / m.secs;
    console.log(`\nround ${r + 1} (load ${load()})`);
    console.log(
      `  HTTP check-in, cold (first burst after start): ${line(cold)}, server CPU ${cold.cpuPerReq.toFixed(2)} ms/check-in, statuses ${JSON.stringify(cold.statuses)}`,
    );
    console.log(
      `  HTTP check-in, warm                           : ${line(warm)}, server CPU ${warm.cpuPerReq.toFixed(2)} ms/check-in, statuses ${JSON.stringify(warm.statuses)}`,
    );
    console.log(`  minimal ceiling (3 writes, 1 tx, pool 10)     : ${line(m)}`);
    console.log(`  schema ceiling (pre-#19 writes, 6 statements) : ${line(c)}`);
    console.log(`  bare HTTP floor (node:http + mysql2)          : ${line(f)}, server CPU ${f.cpuPerReq.toFixed(2)} ms/request`);
    if (before) {
      console.log(
        `  before (${BEFORE}), cold: ${line(before[0])}, server CPU ${before[0].cpuPerReq.toFixed(2)} ms/check-in, statuses ${JSON.stringify(before[0].statuses)}`,
      );
      console.log(
        `  before, warm: ${line(before[1])}, server CPU ${before[1].cpuPerReq.toFixed(2)} ms/check-in, statuses ${JSON.stringify(before[1].statuses)}`,
      );
      keep('before: cold / minimal', before[0].n / before[0].secs / mt);
      keep('before: warm / minimal', before[1].n / before[1].secs / mt);
      keep('before: cold p99 ms', pct(before[0].lat, 99));
      keep('before: warm p99 ms', pct(before[1].lat, 99));
      keep('before: server CPU ms, cold', before[0].cpuPerReq);
      keep('before: server CPU ms, warm', before[1].cpuPerReq);
    }
    const ratios = {
      'cold / minimal': cold.n / cold.secs / mt,
      'warm / minimal': warm.n / warm.secs / mt,
      'warm / schema ceiling': warm.n / warm.secs / (c.n / c.secs),
      'warm / bare HTTP floor': warm.n / warm.secs / (f.n / f.secs),
      'schema ceiling / minimal': c.n / c.secs / mt,
      'bare HTTP floor / minimal': f.n / f.secs / mt,
    };
    console.log(
      `  ratios: ${Object.entries(ratios)
        .map(([k, v]) => `${k} ${v.toFixed(2)}`)
        .join(', ')}`,
    );
    for (const [k, v] of Object.entries(ratios)) keep(k, v);
    keep('cold p99 ms', pct(cold.lat, 99));
    keep('warm p99 ms', pct(warm.lat, 99));
    keep('cold p50 ms', pct(cold.lat, 50));
    keep('warm p50 ms', pct(warm.lat, 50));
    keep('cold check-ins/s', cold.n / cold.secs);
    keep('warm check-ins/s', warm.n / warm.secs);
    keep('minimal ceiling/s', mt);
    keep('server CPU ms/check-in, cold', cold.cpuPerReq);
    keep('server CPU ms/check-in, warm', warm.cpuPerReq);
  }
  console.log(`\nover ${ROUNDS} rounds (min–max, median); load now ${load()}`);
  for (const [k, v] of Object.entries(rows))
    console.log(`  ${k.padEnd(30)} ${spread(v, k.endsWith('/s') ? 0 : k.includes('ms') && !k.includes('CPU') ? 1 : 2)}`);
  console.log('goals: cold and warm / minimal ≥ 0.6, p99 ≤ 100 ms (cold included)');
  if (!process.argv.includes('--keep')) {
    const admin = createPool({ uri: BASE + 'mysql' });
    await admin.query(`DROP DATABASE IF EXISTS \`${DB}\``);
    await admin.end();
  }
})().catch((e) => {
  console.error(e);
  process.exit(1);
});
