/**
 * Roster import benchmark (not a test, issue #19): a county of 20 townships × 20 branches (each
 * with 2 groups) in a scratch MariaDB/MySQL database, a generated .xlsx of N rows (10,000 by
 * default: names, valid ID numbers, phones, full org paths as the export writes them, dates as
 * people write them, and ~1% bad rows), then `POST /members/import` through the real Koa app over
 * HTTP as the county admin, streamed (Accept: application/x-ndjson, as the console asks). Each
 * run starts from an empty roster (a first import: every good row created); then one re-import
 * of the same file (every row unchanged) and one where every row changed (every row updated).
 * Prints each run's seconds with the machine's load average beside it. Goal: ≤ 10 s for 10,000.
 *
 *   npx tsx --tsconfig server/tsconfig.json scripts/bench/import-bench.ts [--rows 10000] [--runs 5] [--keep]
 *
 * Env: BENCH_MYSQL_URL (mysql://root@127.0.0.1:3306/djzy_bench_import)
 */
import 'reflect-metadata';
import type { AddressInfo } from 'node:net';
import { loadavg } from 'node:os';
import { performance } from 'node:perf_hooks';
import ExcelJS from 'exceljs';
import mysql from 'mysql2/promise';
import { ROSTER_COLUMNS, type ImportResult, type ImportStreamLine } from '@djzy/shared';
import { loadConfig } from '../../server/src/config';
import { createApp } from '../../server/src/app';
import { hashPassword } from '../../server/src/core/crypto';
import { createLogger } from '../../server/src/core/logger';
import { newId } from '../../server/src/core/ids';
import { createDataSource } from '../../server/src/db/data-source';
import { RoleGrant } from '../../server/src/modules/auth/role-grant.entity';
import { User } from '../../server/src/modules/auth/user.entity';
import { Member } from '../../server/src/modules/member/member.entity';
import { Org } from '../../server/src/modules/org/org.entity';

const argv = process.argv.slice(2);
const num = (name: string, dflt: number) => {
  const i = argv.indexOf(`--${name}`);
  return i < 0 ? dflt : Number(String(argv[i + 1]).replace(/k$/i, '000'));
};
const ROWS = num('rows', 10_000);
const RUNS = num('runs', 5);
const KEEP = argv.includes('--keep');
const URL_TEXT = process.env.BENCH_MYSQL_URL || 'mysql://root@127.0.0.1:3306/djzy_bench_import';
const DB_NAME = new URL(URL_TEXT).pathname.replace(/^\//, '');

let seed = 20261206;
const rand = () => {
  seed = (seed + 0x6d2b79f5) >>> 0;
  let t = seed;
  t = Math.imul(t ^ (t >>> 15), t | 1);
  t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
};
const int = (lo: number, hi: number) => lo + Math.floor(rand() * (hi - lo + 1));
const pick = <T>(xs: readonly T[]) => xs[Math.floor(rand() * xs.length)];

/** A valid 18-digit ID number, distinct for each n. */
function idCard(n: number): string {
  const birth = `19${String(50 + (n % 50)).padStart(2, '0')}${String(1 + (n % 12)).padStart(2, '0')}${String(1 + (n % 28)).padStart(2, '0')}`;
  const body = `130628${birth}${String(n % 1000).padStart(3, '0')}`.slice(0, 17);
  // Distinct across n: the region code's last digits carry the thousands.
  const region = `13${String(Math.floor(n / 1000) % 10000).padStart(4, '0')}`;
  const base = region + body.slice(6);
  const weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
  const sum = [...base].reduce((s, d, i) => s + Number(d) * weights[i], 0);
  return base + '10X98765432'[sum % 11];
}

const SURNAMES = '王李张刘陈杨赵黄周吴徐孙胡朱高林何郭马罗';
const GIVEN = '建国秀英志强丽华明辉海燕春梅立新玉兰文军红霞金凤国庆';
const STATUSES = ['正式党员', '正式党员', '正式党员', '预备党员', '发展对象', '入党积极分子'];
const EDUCATION = ['初中', '高中', '中专', '大专', '本科', ''];

interface Tree {
  county: Org;
  paths: string[];
}

async function orgs(ds: import('typeorm').DataSource): Promise<Tree> {
  const now = new Date();
  const org = (name: string, kind: Org['kind'], parent: Org | null, sortOrder: number): Org => {
    const id = newId();
    return { id, name, kind, parentId: parent?.id ?? null, path: `${parent?.path ?? '/'}${id}/`, sortOrder, createdAt: now } as Org;
  };
  const county = org('基准县委', 'county', null, 0);
  const all: Org[] = [county];
  const paths: string[] = [];
  for (let t = 0; t < 20; t++) {
    const town = org(`第${t + 1}镇党委`, 'township', county, all.length);
    all.push(town);
    for (let b = 0; b < 20; b++) {
      const branch = org(`第${b + 1}村党支部`, 'branch', town, all.length);
      all.push(branch);
      paths.push(`基准县委/${town.name}/${branch.name}`);
      for (let g = 0; g < 2; g++) {
        // 第一党小组 exists in every branch: only the full path names one.
        const group = org(`第${g === 0 ? '一' : '二'}党小组`, 'group', branch, all.length);
        all.push(group);
        paths.push(`基准县委/${town.name}/${branch.name}/${group.name}`);
      }
    }
  }
  for (let i = 0; i < all.length; i += 500) await ds.getRepository(Org).insert(all.slice(i, i + 500).map((o) => ({ ...o })));
  return { county, paths };
}

async function workbook(tree: Tree, variant: number): Promise<Buffer> {
  seed = 4242; // the same people in every file; `variant` changes what is said of them
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('党员名册');
  ws.addRow(ROSTER_COLUMNS.map((c) => c.header));
  ws.getColumn(3).numFmt = '@';
  for (let i = 0; i < ROWS; i++) {
    const bad = i % 100 === 99; // ~1% of rows with a mistake
    const year = int(1970, 2020);
    const month = int(1, 12);
    const dates = [
      `${year}.${String(month).padStart(2, '0')}`,
      `${year}年${month}月`,
      `${year}-${String(month).padStart(2, '0')}-01`,
      `${year}/${month}/1`,
    ];
    ws.addRow([
      pick([...SURNAMES]) + pick([...GIVEN]) + (variant ? pick([...GIVEN]) : ''),
      pick(['男', '女', '']),
      bad ? `13062819800101${String(i % 1000).padStart(3, '0')}1` : idCard(i + 1),
      i % 5 === 0 ? '' : `13${String(800000000 + i * 7 + variant).padStart(9, '0')}`,
      tree.paths[i % tree.paths.length],
      pick(STATUSES),
      pick(dates),
      pick(EDUCATION),
      i % 17 === 0 ? '是' : '否',
    ]);
  }
  return Buffer.from(await wb.xlsx.writeBuffer());
}

async function upload(base: string, token: string, file: Buffer): Promise<{ ms: number; result: ImportResult; progressLines: number }> {
  const form = new FormData();
  form.append('file', new Blob([new Uint8Array(file)]), 'roster.xlsx');
  const t = performance.now();
  const res = await fetch(`${base}/api/v1/members/import`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${token}`, Accept: 'application/x-ndjson' },
    body: form,
  });
  if (!res.ok) throw new Error(`import answered ${res.status}: ${await res.text()}`);
  const lines = (await res.text())
    .split('\n')
    .filter(Boolean)
    .map((l) => JSON.parse(l) as ImportStreamLine);
  const ms = performance.now() - t;
  const last = lines[lines.length - 1];
  if (last.type !== 'result') throw new Error(`import ended with ${JSON.stringify(last)}`);
  return { ms, result: last.result, progressLines: lines.filter((l) => l.type === 'progress').length };
}

const load = () => loadavg()[0].toFixed(1);

async function main() {
  const server = await mysql.createConnection({ uri: URL_TEXT.replace(/\/[^/]*$/, '/') });
  await server.query(`DROP DATABASE IF EXISTS \`${DB_NAME}\``);
  await server.query(`CREATE DATABASE \`${DB_NAME}\` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`);
  const config = loadConfig({
    NODE_ENV: 'production',
    DATABASE_URL: URL_TEXT,
    JWT_SECRET: 'bench-jwt-secret-bench-jwt-secret-0123',
    DATA_KEY: '0'.repeat(64),
    WECHAT_APPID: 'wxbench',
    WECHAT_SECRET: 'bench',
    LOG_LEVEL: 'silent',
  });
  const ds = createDataSource(config.database);
  await ds.initialize();
  await ds.runMigrations();
  const tree = await orgs(ds);
  const user = {
    id: newId(),
    username: 'bench',
    name: '县委组织部',
    passwordHash: await hashPassword('bench-password-1'),
    memberId: null,
    disabled: false,
    createdAt: new Date(),
  };
  await ds.getRepository(User).insert(user);
  await ds.getRepository(RoleGrant).insert({
    id: newId(),
    role: 'admin',
    orgId: tree.county.id,
    memberId: null,
    userId: user.id,
    grantedAt: new Date(),
    endedAt: null,
    endReason: null,
  });
  const { app, services } = createApp({ config, dataSource: ds, logger: createLogger('silent'), wechat: {} as never });
  const http = app.listen(0, '127.0.0.1');
  await new Promise((r) => http.once('listening', r));
  const base = `http://127.0.0.1:${(http.address() as AddressInfo).port}`;
  const token = services.tokens.issue({ kind: 'user', id: user.id }).token;

  const file = await workbook(tree, 0);
  const changed = await workbook(tree, 1);
  console.log(
    `\n${ROWS} rows (${(file.length / 1024).toFixed(0)} KiB .xlsx), ${tree.paths.length} branches and groups, ${RUNS} runs; MariaDB ${(await ds.query('SELECT VERSION() AS v'))[0].v}\n`,
  );
  console.log('case                          s       created  updated  unchanged  errors  progress lines  load (1 min)');
  const line = (name: string, r: Awaited<ReturnType<typeof upload>>, before: string) =>
    console.log(
      `${name.padEnd(28)} ${(r.ms / 1000).toFixed(2).padStart(6)}   ${String(r.result.created).padStart(7)}  ${String(r.result.updated).padStart(7)}  ${String(r.result.unchanged).padStart(9)}  ${String(r.result.errors.length).padStart(6)}  ${String(r.progressLines).padStart(14)}  ${before} → ${load()}`,
    );
  const firsts: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    await ds.getRepository(Member).clear();
    const before = load();
    const r = await upload(base, token, file);
    firsts.push(r.ms);
    line(`first import, run ${i + 1}`, r, before);
  }
  let before = load();
  line('re-import, all unchanged', await upload(base, token, file), before);
  before = load();
  line('import, every row changed', await upload(base, token, changed), before);
  const sorted = [...firsts].sort((a, b) => a - b);
  const median = sorted[Math.floor(sorted.length / 2)];
  console.log(
    `\nfirst import: median ${(median / 1000).toFixed(2)} s, max ${(sorted[sorted.length - 1] / 1000).toFixed(2)} s — ${sorted[sorted.length - 1] <= 10_000 ? '✔' : '✘'} ≤ 10 s`,
  );
  http.close();
  await ds.destroy();
  if (!KEEP) await server.query(`DROP DATABASE IF EXISTS \`${DB_NAME}\``);
  await server.end();
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
