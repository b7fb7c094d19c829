/**
 * A real app on a real database for API tests: SQLite in memory by default, MariaDB/MySQL when
 * `TEST_DB=mysql` (a scratch database per test file on 127.0.0.1:3306, dropped afterwards), and
 * the fake WeChat server. Requests go through the Koa app over HTTP with supertest.
 */
import 'reflect-metadata';
import { randomBytes } from 'node:crypto';
import type { Server } from 'node:http';
import request from 'supertest';
import type { DataSource } from 'typeorm';
import { idCardCheckChar, type MemberStatus, type OrgKind, type Role } from '@djzy/shared';
import { createApp, type Services } from '../../src/app';
import { loadConfig, type Config } from '../../src/config';
import { hashPassword } from '../../src/core/crypto';
import { answerClientErrors } from '../../src/core/http';
import { newId } from '../../src/core/ids';
import { createLogger } from '../../src/core/logger';
import { MemoryStorage } from '../../src/core/storage';
import { createDataSource } from '../../src/db/data-source';
import { RoleGrant } from '../../src/modules/auth/role-grant.entity';
import { User } from '../../src/modules/auth/user.entity';
import { Member } from '../../src/modules/member/member.entity';
import { Org } from '../../src/modules/org/org.entity';
import { WechatClient } from '../../src/wechat/wechat.client';
import { startFakeWechat, type FakeWechat } from '../../../test/fake-wechat/fake-wechat';

export const TEST_DB = process.env.TEST_DB === 'mysql' ? 'mysql' : 'sqlite';
const MYSQL_BASE = process.env.TEST_MYSQL_URL || 'mysql://root@127.0.0.1:3306/';

/** A clock tests move by hand: `clock.set('2026-11-27T09:00:00+08:00')`, `clock.advance(ms)`. */
export function testClock(start: string) {
  let t = new Date(start).getTime();
  return {
    now: () => new Date(t),
    set: (iso: string) => void (t = new Date(iso).getTime()),
    advance: (ms: number) => void (t += ms),
  };
}

export interface TestContext {
  config: Config;
  /** The Koa app behind `server` (for code that takes the app itself, like the warm-up). */
  app: ReturnType<typeof createApp>['app'];
  ds: DataSource;
  services: Services;
  wechat: FakeWechat;
  http: request.Agent;
  server: Server;
  close(): Promise<void>;
}

/** Builds the app on a fresh, migrated database; `env` overrides configuration. */
export async function createTestContext(
  env: Record<string, string> = {},
  opts: { logLines?: string[]; now?: () => Date } = {},
): Promise<TestContext> {
  const wechat = await startFakeWechat({ appId: 'wxtestappid0000001', secret: 'test-wechat-secret' });
  let dbUrl = 'sqlite::memory:';
  let scratch: string | null = null;
  if (TEST_DB === 'mysql') {
    scratch = `djzy_t_${process.pid}_${randomBytes(3).toString('hex')}`;
    const admin = createDataSource({ type: 'mysql', url: MYSQL_BASE + 'mysql', host: '', port: 0, database: 'mysql' });
    await admin.initialize();
    await admin.query(`CREATE DATABASE \`${scratch}\` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`);
    await admin.destroy();
    dbUrl = MYSQL_BASE + scratch;
  }
  const config = loadConfig({
    NODE_ENV: 'test',
    DATABASE_URL: dbUrl,
    DEMO_MODE: '1',
    JWT_SECRET: 'test-jwt-secret-test-jwt-secret-0123456789',
    DATA_KEY: randomBytes(32).toString('hex'),
    WECHAT_APPID: 'wxtestappid0000001',
    WECHAT_SECRET: 'test-wechat-secret',
    WECHAT_API_BASE: wechat.baseUrl,
    LOG_LEVEL: process.env.TEST_LOG_LEVEL || 'silent',
    AUTH_RATE_LIMIT_PER_MINUTE: '1000',
    ...env,
  });
  const ds = createDataSource(config.database);
  await ds.initialize();
  await ds.runMigrations();
  const client = new WechatClient({
    appId: config.wechat.appId,
    secret: config.wechat.secret,
    apiBase: config.wechat.apiBase,
    retryDelayMs: 5,
  });
  const destination = opts.logLines ? { write: (line: string) => void opts.logLines!.push(line) } : undefined;
  const logger = createLogger(opts.logLines ? 'debug' : config.logLevel, destination);
  const { app, services } = createApp({ config, dataSource: ds, logger, wechat: client, now: opts.now, storage: new MemoryStorage() });
  const server = app.listen(0, '127.0.0.1');
  answerClientErrors(server);
  await new Promise((r) => server.once('listening', r));
  return {
    config,
    app,
    ds,
    services,
    wechat,
    server,
    http: request.agent(server),
    async close() {
      await new Promise((r) => server.close(r));
      await wechat.close();
      if (scratch) await ds.query(`DROP DATABASE \`${scratch}\``).catch(() => undefined);
      if (ds.isInitialized) await ds.destroy();
    },
  };
}

let seq = 0;
/** A valid 18-digit ID number, unique within the test run. */
export function makeIdCard(opts: { male?: boolean; birth?: string } = {}): string {
  seq++;
  const birth = opts.birth ?? '19800101';
  const n = (process.pid * 7 + seq) % 998;
  const s = (n % 2 === 1) === (opts.male ?? true) ? n : n + 1;
  const area = String(110100 + ((seq * 13) % 899)).padStart(6, '0');
  const first17 = `${area}${birth}${String(s).padStart(3, '0')}`;
  return first17 + idCardCheckChar(first17);
}

let phoneSeq = 0;
export function makePhone(): string {
  phoneSeq++;
  return `139${String((process.pid % 10000) * 10000 + phoneSeq).padStart(8, '0')}`;
}

export async function buildOrg(ctx: TestContext, name: string, kind: OrgKind, parent: Org | null): Promise<Org> {
  const id = newId();
  const org = { id, name, kind, parentId: parent?.id ?? null, path: `${parent?.path ?? '/'}${id}/`, sortOrder: 0, createdAt: new Date() };
  await ctx.ds.getRepository(Org).insert(org);
  return org as Org;
}

/** county → 2 townships → 2 branches each → 1 group each. */
export async function buildTree(ctx: TestContext) {
  const county = await buildOrg(ctx, '测试县委', 'county', null);
  const t1 = await buildOrg(ctx, '一号镇党委', 'township', county);
  const t2 = await buildOrg(ctx, '二号镇党委', 'township', county);
  const b11 = await buildOrg(ctx, '甲村党支部', 'branch', t1);
  const b12 = await buildOrg(ctx, '乙村党支部', 'branch', t1);
  const b21 = await buildOrg(ctx, '丙村党支部', 'branch', t2);
  const b22 = await buildOrg(ctx, '甲村党支部', 'branch', t2);
  const g111 = await buildOrg(ctx, '第一党小组', 'group', b11);
  return { county, t1, t2, b11, b12, b21, b22, g111 };
}

export interface BuiltMember extends Member {
  idCard: string;
  phone: string | null;
}

export async function buildMember(
  ctx: TestContext,
  org: Org,
  over: { name?: string; status?: MemberStatus; idCard?: string; phone?: string | null; isMobile?: boolean } = {},
): Promise<BuiltMember> {
  const idCard = over.idCard ?? makeIdCard();
  const phone = over.phone === undefined ? makePhone() : over.phone;
  const c = ctx.services.cipher;
  const now = new Date();
  const m = {
    id: newId(),
    name: over.name ?? `党员${++seq}`,
    gender: 'male' as const,
    orgId: org.id,
    status: over.status ?? 'full',
    idCardEnc: c.encrypt(idCard)!,
    idCardHash: c.blindIndex(idCard)!,
    phoneEnc: c.encrypt(phone),
    phoneHash: c.blindIndex(phone),
    birthDate: '1980-01-01',
    joinedAt: '2005-07-01',
    education: '高中',
    isMobile: over.isMobile ?? false,
    createdAt: now,
    updatedAt: now,
  };
  await ctx.ds.getRepository(Member).insert(m);
  return { ...(m as Member), idCard, phone };
}

export async function grantRole(ctx: TestContext, role: Role, org: Org, who: { memberId?: string; userId?: string }) {
  await ctx.ds.getRepository(RoleGrant).insert({
    id: newId(),
    role,
    orgId: org.id,
    memberId: who.memberId ?? null,
    userId: who.userId ?? null,
    grantedAt: new Date(),
    endedAt: null,
    endReason: null,
  });
}

export async function buildUser(
  ctx: TestContext,
  username: string,
  password: string,
  grants: { role: Role; org: Org }[] = [],
): Promise<User> {
  const u = {
    id: newId(),
    username,
    name: `用户${username}`,
    passwordHash: await hashPassword(password),
    memberId: null,
    disabled: false,
    createdAt: new Date(),
  };
  await ctx.ds.getRepository(User).insert(u);
  for (const g of grants) await grantRole(ctx, g.role, g.org, { userId: u.id });
  return u as User;
}

/** An `Authorization` header value for a member or a user. */
export function bearer(ctx: TestContext, who: { kind: 'member' | 'user'; id: string }): string {
  return `Bearer ${ctx.services.tokens.issue(who).token}`;
}
export const asMember = (ctx: TestContext, m: { id: string }) => bearer(ctx, { kind: 'member', id: m.id });
export const asUser = (ctx: TestContext, u: { id: string }) => bearer(ctx, { kind: 'user', id: u.id });
