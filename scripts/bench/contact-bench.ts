/**
 * Contact-log benchmark (MariaDB/MySQL): how many contacts per second `POST
 * /mobile-members/:id/contacts` takes through the real HTTP stack (the built server in its own
 * process). 64 contact cadres with 10 mobile members each log one contact per member at 32
 * concurrent connections. Prints throughput and p50/p99.
 *
 *   npm run build -w @djzy/server && npx tsx --tsconfig server/tsconfig.json scripts/bench/contact-bench.ts [--cadres 64] [--concurrency 32]
 */
import 'reflect-metadata';
import { spawn } from 'node:child_process';
import http from 'node:http';
import path from 'node:path';
import { createPool } from 'mysql2/promise';
import { toIsoLocal } from '@djzy/shared';
import { newId } from '../../server/src/core/ids';
import { TokenService } from '../../server/src/core/tokens';
import { createDataSource } from '../../server/src/db/data-source';

const arg = (name: string, def: number) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : def;
};
const CADRES = arg('cadres', 64);
const PER_CADRE = 10;
const CONCURRENCY = arg('concurrency', 32);
const BASE = process.env.BENCH_MYSQL_URL || 'mysql://root@127.0.0.1:3306/';
const DB = 'djzy_bench_contact';
const SECRET = 'bench-secret-bench-secret-bench-secret-0002';
const ROOT = path.resolve(__dirname, '..', '..');
const pct = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor((p / 100) * xs.length))];

async function setup() {
  const admin = createPool({ uri: BASE + 'mysql' });
  await admin.query(`DROP DATABASE IF EXISTS \`${DB}\``);
  await admin.query(`CREATE DATABASE \`${DB}\` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`);
  await admin.end();
  const ds = createDataSource({ type: 'mysql', url: BASE + DB, host: '127.0.0.1', port: 3306, database: DB });
  await ds.initialize();
  await ds.runMigrations();
  const now = new Date();
  const [county, township, branch] = [newId(), newId(), newId()];
  for (const [id, name, kind, parent, p] of [
    [county, '基准县委', 'county', null, `/${county}/`],
    [township, '基准镇党委', 'township', county, `/${county}/${township}/`],
    [branch, '基准村党支部', 'branch', township, `/${county}/${township}/${branch}/`],
  ])
    await ds.query('INSERT INTO orgs (id, name, kind, parentId, path, sortOrder, createdAt) VALUES (?, ?, ?, ?, ?, 0, ?)', [
      id,
      name,
      kind,
      parent,
      p,
      now,
    ]);
  let n = 0;
  const member = async () => {
    const id = newId();
    n++;
    await ds.query(
      'INSERT INTO members (id, name, gender, orgId, status, idCardEnc, idCardHash, isMobile, createdAt, updatedAt) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)',
      [id, `党员${n}`, 'male', branch, 'full', 'v1.x.y.z', `h${String(n).padStart(63, '0')}`, 0, now, now],
    );
    return id;
  };
  const work: { cadre: string; memberId: string }[] = [];
  for (let c = 0; c < CADRES; c++) {
    const cadre = await member();
    await ds.query('INSERT INTO role_grants (id, memberId, role, orgId, grantedAt) VALUES (?, ?, ?, ?, ?)', [
      newId(),
      cadre,
      'contact_cadre',
      branch,
      now,
    ]);
    for (let k = 0; k < PER_CADRE; k++) {
      const m = await member();
      await ds.query(
        'INSERT INTO member_mobility (memberId, destination, status, contactCadreId, intervalDays, registeredAt, updatedAt) VALUES (?, ?, ?, ?, 90, ?, ?)',
        [m, '广东省深圳市', 'away', cadre, now, now],
      );
      work.push({ cadre, memberId: m });
    }
  }
  await ds.destroy();
  return work;
}

(async () => {
  console.log(
    `contact-log benchmark: ${CADRES} cadres × ${PER_CADRE} mobile members, ${CONCURRENCY} concurrent connections, MariaDB at ${BASE}`,
  );
  const work = await setup();
  const port = 39000 + Math.floor(Math.random() * 900);
  const server = spawn(process.execPath, [path.join(ROOT, 'server/dist/main.js')], {
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
      PRINCIPAL_CACHE_MS: '10000',
    },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  for (let i = 0; ; i++) {
    try {
      if ((await fetch(`http://127.0.0.1:${port}/api/v1/health`)).ok) break;
    } catch {
      /* starting */
    }
    if (i > 100) throw new Error('server did not start');
    await new Promise((r) => setTimeout(r, 100));
  }
  const tokens = new TokenService(SECRET, 3600);
  const agent = new http.Agent({ keepAlive: true, maxSockets: CONCURRENCY });
  const statuses: Record<number, number> = {};
  const post = (w: { cadre: string; memberId: string }) =>
    new Promise<void>((resolve, reject) => {
      const body = JSON.stringify({
        method: 'phone',
        contactedAt: toIsoLocal(new Date(Date.now() - 60_000)),
        summary: '电话问候，了解工作生活情况',
      });
      const req = http.request(
        {
          host: '127.0.0.1',
          port,
          path: `/api/v1/mobile-members/${w.memberId}/contacts`,
          method: 'POST',
          agent,
          headers: {
            'content-type': 'application/json',
            'content-length': Buffer.byteLength(body),
            authorization: `Bearer ${tokens.issue({ kind: 'member', id: w.cadre }).token}`,
          },
        },
        (res) => {
          statuses[res.statusCode ?? 0] = (statuses[res.statusCode ?? 0] ?? 0) + 1;
          res.resume();
          res.on('end', () => resolve());
        },
      );
      req.on('error', reject);
      req.end(body);
    });
  const lat: number[] = [];
  let next = 0;
  const t0 = performance.now();
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (next < work.length) {
        const w = work[next++];
        const s = performance.now();
        await post(w);
        lat.push(performance.now() - s);
      }
    }),
  );
  const secs = (performance.now() - t0) / 1000;
  server.kill('SIGTERM');
  agent.destroy();
  console.log(
    `contacts logged: ${work.length} in ${secs.toFixed(1)} s = ${(work.length / secs).toFixed(1)}/s, p50 ${pct(lat, 50).toFixed(1)} ms, p99 ${pct(lat, 99).toFixed(1)} ms, statuses ${JSON.stringify(statuses)}`,
  );
  const admin = createPool({ uri: BASE + 'mysql' });
  await admin.query(`DROP DATABASE IF EXISTS \`${DB}\``);
  await admin.end();
})().catch((e) => {
  console.error(e);
  process.exit(1);
});
