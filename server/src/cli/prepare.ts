/**
 * Prepares the database once before several API processes start (scripts/cluster.mjs): runs the
 * migrations and, in demo mode, seeds the demo county. Exits 0 when ready.
 */
import 'reflect-metadata';
import { createApp } from '../app';
import { ConfigError, loadConfig } from '../config';
import { createLogger } from '../core/logger';
import { createDataSource } from '../db/data-source';
import { seedIfDemo } from '../main';
import { WechatClient } from '../wechat/wechat.client';

async function prepare(): Promise<void> {
  const config = loadConfig();
  const logger = createLogger(config.logLevel);
  const ds = createDataSource(config.database);
  await ds.initialize();
  const applied = await ds.runMigrations({ transaction: 'each' });
  if (applied.length) logger.info({ migrations: applied.map((m) => m.name) }, 'migrations applied');
  const wechat = new WechatClient({ appId: config.wechat.appId, secret: config.wechat.secret, apiBase: config.wechat.apiBase });
  const { services } = createApp({ config, dataSource: ds, logger, wechat });
  await seedIfDemo(config, ds, services, logger);
  await services.bus.close();
  await ds.destroy();
}

prepare().catch((e) => {
  console.error(e instanceof ConfigError ? e.message : `准备数据库失败 / prepare failed: ${e instanceof Error ? e.message : e}`);
  process.exit(1);
});
