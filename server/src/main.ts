/**
 * The server process: configuration → database (migrations) → demo county (demo mode) → HTTP.
 * Exits with a readable list when the configuration is wrong.
 */
import 'reflect-metadata';
import type { Server } from 'node:http';
import type { DataSource } from 'typeorm';
import { createApp, type Services } from './app';
import { ConfigError, loadConfig, type Config } from './config';
import { FieldCipher } from './core/crypto';
import Redis from 'ioredis';
import { RedisBus } from './core/bus';
import { answerClientErrors } from './core/http';
import { RedisRateLimiter } from './core/rate-limit';
import { createLogger, type Logger } from './core/logger';
import { createDataSource } from './db/data-source';
import { seedDemo } from './demo/seed';
import { seedDemoActivities } from './demo/seed-activities';
import { seedDemoProblems } from './demo/seed-problems';
import { seedDemoRecords } from './demo/seed-records';
import { seedDemoReportWork } from './demo/seed-report';
import { seedDemoDisclosures } from './demo/seed-disclosures';
import { seedDemoService } from './demo/seed-service';
import { seedDemoDevelopment } from './demo/seed-development';
import { seedDemoMembersYear } from './demo/seed-members-year';
import { seedDemoTransfers } from './demo/seed-transfers';
import { seedDemoReview } from './demo/seed-review';
import { WechatClient } from './wechat/wechat.client';
import { setRuleCacheMs } from './modules/points/points.ledger';
import { warmUp } from './core/warm-up';

/**
 * The demo county, once, on a freshly migrated demo database (main.ts at start; a cluster's
 * primary through cli/prepare.ts before its workers start).
 */
export async function seedIfDemo(config: Config, ds: DataSource, services: Services, logger: Logger): Promise<void> {
  if (!config.demoMode) return;
  const seeded = await seedDemo(ds, new FieldCipher(config.dataKey), { adminPassword: config.demoAdminPassword });
  if (seeded.seeded) {
    const life = await seedDemoActivities(ds, services);
    const oversight = await seedDemoProblems(ds);
    const records = await seedDemoRecords(ds);
    const report = await seedDemoReportWork(ds);
    const disclosures = await seedDemoDisclosures(ds);
    const service = await seedDemoService(ds);
    const development = await seedDemoDevelopment(ds, services.cipher);
    const membersYear = await seedDemoMembersYear(ds);
    const transfers = await seedDemoTransfers(ds, services.cipher);
    const review = await seedDemoReview(ds, services);
    logger.info(
      {
        orgs: seeded.orgs,
        members: seeded.members,
        ...life,
        ...oversight,
        ...records,
        ...report,
        ...disclosures,
        ...service,
        ...development,
        ...membersYear,
        ...transfers,
        ...review,
      },
      'demo county seeded',
    );
  }
}

/** How long a graceful stop waits for requests under way before closing their connections. */
const SHUTDOWN_GRACE_MS = 20_000;

export async function start(config: Config): Promise<{ server: Server; close(): Promise<void> }> {
  const logger = createLogger(config.logLevel);
  const ds = createDataSource(config.database);
  await ds.initialize();
  setRuleCacheMs(config.principalCacheMs ? 5000 : 0);
  // A cluster's workers start after the primary migrated and seeded (scripts/cluster.mjs).
  if (!config.prepared) {
    const applied = await ds.runMigrations({ transaction: 'each' });
    if (applied.length) logger.info({ migrations: applied.map((m) => m.name) }, 'migrations applied');
  }
  const wechat = new WechatClient({ appId: config.wechat.appId, secret: config.wechat.secret, apiBase: config.wechat.apiBase });
  // With REDIS_URL, rate limits, lockouts and cache invalidation are shared by every API process.
  const redis = config.redisUrl ? new Redis(config.redisUrl, { maxRetriesPerRequest: 2, enableOfflineQueue: true }) : null;
  redis?.on('error', (e) => logger.warn({ err: { message: e.message } }, 'redis error'));
  const shared = redis ? { limiter: new RedisRateLimiter(redis), bus: new RedisBus(redis) } : {};
  const { app, services } = createApp({ config, dataSource: ds, logger, wechat, ...shared });
  if (!config.prepared) await seedIfDemo(config, ds, services, logger);
  // Settle attendance of activities whose roster window has passed (absences, follow-up).
  const sweep = setInterval(() => {
    services.attendance.closeDue().catch((e) => logger.error({ err: { message: (e as Error).message } }, 'attendance sweep failed'));
  }, 10 * 60_000);
  sweep.unref();
  // Send due WeChat subscription messages (announcements, reminders, retries).
  const outbox = setInterval(() => {
    services.notifications.flush().catch((e) => logger.error({ err: { message: (e as Error).message } }, 'notification flush failed'));
  }, 30_000);
  outbox.unref();
  // Remind contact cadres of assignees who have fallen due, and those answering for a problem
  // of its deadline (once per due date).
  const due = setInterval(() => {
    services.mobility.remindDue().catch((e) => logger.error({ err: { message: (e as Error).message } }, 'contact reminders failed'));
    services.problems.remindDue().catch((e) => logger.error({ err: { message: (e as Error).message } }, 'rectification reminders failed'));
    // 三务公开 past due: one supervision problem per village, kind and due date (idempotent).
    services.disclosureSchedules
      .checkAll()
      .catch((e) => logger.error({ err: { message: (e as Error).message } }, 'disclosure schedule check failed'));
    // 组织关系转接: a letter expiring within 7 days reminds its member once (idempotent).
    services.transfers.remindDue().catch((e) => logger.error({ err: { message: (e as Error).message } }, 'transfer reminders failed'));
  }, 60 * 60_000);
  due.unref();
  await warmUp(
    app as never,
    ds,
    logger,
    Number(process.env.WARM_UP_REQUESTS ?? 3000),
    6,
    (id) => services.tokens.issue({ kind: 'member', id }).token,
  );
  const server = await new Promise<Server>((resolve) => {
    const s = app.listen(config.port, config.host, () => resolve(s));
  });
  server.keepAliveTimeout = 65_000;
  answerClientErrors(server);
  let stopping = false;
  // While stopping, every answer tells the client to open a new connection (to another process).
  server.on('request', (_req, res) => {
    if (stopping) res.setHeader('Connection', 'close');
  });
  return {
    server,
    /**
     * Graceful stop (SIGTERM): accept nothing new, let the requests under way finish (their
     * check-ins are written by then: each waits for its batch), close idle keep-alive connections,
     * wait for the check-in writer to be empty, then close the database pool.
     */
    async close() {
      stopping = true;
      clearInterval(sweep);
      clearInterval(outbox);
      clearInterval(due);
      const closed = new Promise<void>((r) => server.close(() => r()));
      const idle = setInterval(() => server.closeIdleConnections(), 50);
      server.closeIdleConnections();
      const gaveUp = await Promise.race([
        closed.then(() => false),
        new Promise<boolean>((r) => setTimeout(() => r(true), SHUTDOWN_GRACE_MS).unref()),
      ]);
      clearInterval(idle);
      if (gaveUp) {
        logger.warn({ graceMs: SHUTDOWN_GRACE_MS }, 'requests still open at shutdown: closing their connections');
        server.closeAllConnections();
      }
      await services.checkins.writer.drain();
      await services.bus.close();
      redis?.disconnect();
      await ds.destroy();
    },
  };
}

function banner(config: Config, port: number) {
  const host = config.host === '0.0.0.0' ? '127.0.0.1' : config.host;
  const base = `http://${host}:${port}`;
  const lines = [
    '',
    '  党建智慧云 已启动 / server is up',
    `  控制台 Console:        ${base}/console/`,
    `  小程序 H5 预览 H5:     ${base}/h5/`,
    `  接口 API:              ${base}/api/v1/health`,
    `  数据库 Database:       ${config.database.type === 'sqlite' ? config.database.file : `${config.database.host}:${config.database.port}/${config.database.database}`}`,
  ];
  if (config.demoMode)
    lines.push(
      `  演示模式 Demo mode:    开启 (DEMO_MODE=1)`,
      `  演示管理员 Demo admin: 用户名 admin  密码 ${config.demoAdminPassword}`,
      `  乡镇管理员:            zz_chengguan / zz_liuhe / zz_shiqiao（密码同上）；支部书记 sj_dongguan（密码同上）`,
    );
  lines.push(
    `  微信开发者工具 WeChat DevTools: 导入仓库根目录（project.config.json → miniapp/dist/weapp/），`,
    `    在“详情 → 本地设置”勾选“不校验合法域名”；接口地址见 miniapp/.env.production (TARO_APP_API_BASE)`,
    '',
  );
  console.log(lines.join('\n'));
}

if (require.main === module) {
  let config: Config;
  try {
    config = loadConfig();
  } catch (e) {
    if (e instanceof ConfigError) {
      console.error(e.message);
      process.exit(1);
    }
    throw e;
  }
  start(config)
    .then(({ server, close }) => {
      const addr = server.address();
      const port = typeof addr === 'object' && addr ? addr.port : config.port;
      // A cluster's primary prints the banner once; each worker says only that it is up.
      if (config.prepared) console.log(`  API 进程 ${process.pid} 已就绪 / worker up on port ${port}`);
      else banner(config, port);
      const stop = () =>
        close().then(
          () => process.exit(0),
          (e) => {
            console.error('停止时出错 / error while stopping:', e instanceof Error ? e.message : e);
            process.exit(1);
          },
        );
      process.once('SIGTERM', stop);
      process.once('SIGINT', stop);
    })
    .catch((e) => {
      console.error('启动失败 / failed to start:', e instanceof Error ? e.message : e);
      process.exit(1);
    });
}
