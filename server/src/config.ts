/**
 * Configuration, read once at boot from the environment into a typed, validated object.
 * Anything wrong is collected and reported together so an operator fixes it in one go.
 */
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';

export const ROOT_DIR = path.resolve(__dirname, '..', '..');

export type DatabaseConfig =
  { type: 'sqlite'; file: string; url: string } | { type: 'mysql'; url: string; host: string; port: number; database: string };

export interface Config {
  env: 'production' | 'development' | 'test';
  host: string;
  port: number;
  database: DatabaseConfig;
  demoMode: boolean;
  demoAdminPassword: string;
  jwtSecret: string;
  /** 32-byte key for AES-256-GCM field encryption. */
  dataKey: Buffer;
  tokenTtlSeconds: number;
  wechat: { appId: string; secret: string; apiBase: string; templateActivity: string; templateContact: string; templateTask: string };
  /** Mobile members: days without contact before 失联, and whether a self-report counts as a contact. */
  mobility: { lostContactDays: number; selfReportResets: boolean };
  consoleDir: string;
  /** Where uploaded files (activity photos …) are kept in the embedded setup. */
  uploadDir: string;
  h5Dir: string;
  logLevel: string;
  trustProxy: boolean;
  corsOrigins: string[] | '*';
  /** Sign-in attempts allowed per IP per minute (the 429 threshold). */
  authRateLimitPerMinute: number;
  /** Consecutive unexcused org-life absences that trigger a rectification notice. */
  absenceThreshold: number;
  /** Days to answer a 投诉建议 (a county setting). */
  feedbackReplyDays: number;
  /**
   * An openid WeChat's content check (msg_sec_check v2 needs one) runs villagers' public feedback
   * under (`WECHAT_PUBLIC_CHECK_OPENID`); without it public feedback is held until an admin reads it.
   */
  publicCheckOpenid: string | null;
  /** Public feedback (我要监督) per client address per hour. */
  publicFeedbackPerHour: number;
  /** Ballots (述职评议, public) per client address per hour: a meeting's phones may share one address. */
  ballotsPerHour: number;
  /** Problems overdue longer than this many days put their responsible member on the 约谈候选 list. */
  interviewOverdueDays: number;
  /** How long a signed-in caller's roles are cached per process (0 = always read). */
  principalCacheMs: number;
  /** Redis for what several API processes share (rate limits, lockouts, cache invalidation); null = this process only. */
  redisUrl: string | null;
  /** Skip migrations and the demo seed at start (a cluster's workers: the primary did them). */
  prepared: boolean;
}

export class ConfigError extends Error {
  constructor(public readonly problems: string[]) {
    super(`配置有误 / invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
  }
}

const WEAK_SECRETS = new Set(['', 'secret', 'changeme', 'change-me', 'dev', 'test', 'password']);

function parseBool(v: string | undefined): boolean | undefined {
  if (v === undefined || v === '') return undefined;
  if (/^(1|true|yes|on)$/i.test(v)) return true;
  if (/^(0|false|no|off)$/i.test(v)) return false;
  return undefined;
}

function parseDataKey(raw: string): Buffer | null {
  if (/^[0-9a-fA-F]{64}$/.test(raw)) return Buffer.from(raw, 'hex');
  const b = Buffer.from(raw, 'base64');
  return b.length === 32 ? b : null;
}

export function parseDatabaseUrl(url: string, problems: string[]): DatabaseConfig {
  if (url.startsWith('sqlite:')) {
    const file = url.slice('sqlite:'.length).replace(/^\/\/(?=\/)/, '');
    if (!file) problems.push('DATABASE_URL: sqlite: 后缺少文件路径 (sqlite:PATH)');
    const resolved = file === ':memory:' ? file : path.resolve(ROOT_DIR, file);
    return { type: 'sqlite', file: resolved, url };
  }
  if (url.startsWith('mysql://') || url.startsWith('mariadb://')) {
    try {
      const u = new URL(url.replace(/^mariadb:/, 'mysql:'));
      const database = u.pathname.replace(/^\//, '');
      if (!database) problems.push('DATABASE_URL: mysql:// 地址缺少数据库名');
      return { type: 'mysql', url: url.replace(/^mariadb:/, 'mysql:'), host: u.hostname, port: Number(u.port || 3306), database };
    } catch {
      problems.push('DATABASE_URL: 不是有效的 mysql:// 地址');
      return { type: 'mysql', url, host: '', port: 0, database: '' };
    }
  }
  problems.push('DATABASE_URL: 只支持 sqlite:PATH 或 mysql://user:pass@host:port/db');
  return { type: 'sqlite', file: '', url };
}

/**
 * Development secrets (JWT and data key) are generated once and kept beside the embedded
 * database, so restarts keep sessions valid and encrypted fields readable. Production must
 * pass real ones in the environment.
 */
function devSecrets(dataDir: string): { jwtSecret: string; dataKey: string } {
  const file = path.join(dataDir, '.dev-secrets.json');
  if (existsSync(file)) return JSON.parse(readFileSync(file, 'utf8'));
  const s = { jwtSecret: randomBytes(32).toString('hex'), dataKey: randomBytes(32).toString('hex') };
  mkdirSync(dataDir, { recursive: true });
  writeFileSync(file, JSON.stringify(s), { mode: 0o600 });
  return s;
}

/** Reads and validates the configuration; throws ConfigError listing every problem. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const problems: string[] = [];
  const nodeEnv = env.NODE_ENV === 'production' ? 'production' : env.NODE_ENV === 'test' ? 'test' : 'development';
  const prod = nodeEnv === 'production';

  const port = Number(env.PORT ?? 3000);
  if (!Number.isInteger(port) || port < 0 || port > 65535) problems.push(`PORT: 不是有效端口 (${env.PORT})`);

  const database = parseDatabaseUrl(env.DATABASE_URL || 'sqlite:data/djzy.sqlite', problems);

  const demoFlag = parseBool(env.DEMO_MODE);
  if (env.DEMO_MODE !== undefined && env.DEMO_MODE !== '' && demoFlag === undefined) problems.push('DEMO_MODE: 只能是 1/0 (true/false)');
  // Demo mode is the embedded setup's default; never implied in production or on MySQL.
  const demoMode = demoFlag ?? (!prod && database.type === 'sqlite');
  if (prod && demoMode) problems.push('DEMO_MODE: 生产环境 (NODE_ENV=production) 不允许开启演示模式');

  let jwtSecret = env.JWT_SECRET ?? '';
  let dataKeyRaw = env.DATA_KEY ?? '';
  if (prod) {
    if (WEAK_SECRETS.has(jwtSecret) || jwtSecret.length < 32) problems.push('JWT_SECRET: 生产环境必须设置至少 32 个字符的随机密钥');
    if (!dataKeyRaw) problems.push('DATA_KEY: 生产环境必须设置（32 字节，64 位十六进制或 base64）');
  } else if (!jwtSecret || !dataKeyRaw) {
    const dataDir = database.type === 'sqlite' && database.file !== ':memory:' ? path.dirname(database.file) : path.join(ROOT_DIR, 'data');
    const dev = devSecrets(dataDir);
    jwtSecret ||= dev.jwtSecret;
    dataKeyRaw ||= dev.dataKey;
  }
  const dataKey = parseDataKey(dataKeyRaw);
  if (!dataKey && dataKeyRaw) problems.push('DATA_KEY: 必须是 32 字节（64 位十六进制或 base64）');

  const wechat = {
    appId: env.WECHAT_APPID ?? '',
    secret: env.WECHAT_SECRET ?? '',
    apiBase: (env.WECHAT_API_BASE || 'https://api.weixin.qq.com').replace(/\/+$/, ''),
  };
  if (prod && (!wechat.appId || !wechat.secret)) problems.push('WECHAT_APPID / WECHAT_SECRET: 生产环境必须设置');
  try {
    new URL(wechat.apiBase);
  } catch {
    problems.push('WECHAT_API_BASE: 不是有效的 URL');
  }

  const ttl = Number(env.TOKEN_TTL_SECONDS ?? 7 * 24 * 3600);
  if (!Number.isInteger(ttl) || ttl < 60) problems.push('TOKEN_TTL_SECONDS: 至少 60 秒');
  const rate = Number(env.AUTH_RATE_LIMIT_PER_MINUTE ?? 20);
  if (!Number.isInteger(rate) || rate < 1) problems.push('AUTH_RATE_LIMIT_PER_MINUTE: 必须是正整数');

  const absence = Number(env.ABSENCE_THRESHOLD ?? 3);
  if (!Number.isInteger(absence) || absence < 1 || absence > 12) problems.push('ABSENCE_THRESHOLD: 必须是 1 到 12 的整数');
  const lost = Number(env.LOST_CONTACT_DAYS ?? 180);
  if (!Number.isInteger(lost) || lost < 30 || lost > 3650) problems.push('LOST_CONTACT_DAYS: 必须是 30 到 3650 的整数');
  const replyDays = Number(env.FEEDBACK_REPLY_DAYS ?? 10);
  if (!Number.isInteger(replyDays) || replyDays < 1 || replyDays > 90) problems.push('FEEDBACK_REPLY_DAYS: 必须是 1 到 90 的整数');
  const publicPerHour = Number(env.PUBLIC_FEEDBACK_PER_HOUR ?? 5);
  if (!Number.isInteger(publicPerHour) || publicPerHour < 1 || publicPerHour > 1000)
    problems.push('PUBLIC_FEEDBACK_PER_HOUR: 必须是 1 到 1000 的整数');
  const ballotsPerHour = Number(env.BALLOTS_PER_HOUR ?? 600);
  if (!Number.isInteger(ballotsPerHour) || ballotsPerHour < 1 || ballotsPerHour > 100000)
    problems.push('BALLOTS_PER_HOUR: 必须是 1 到 100000 的整数');
  const interviewDays = Number(env.INTERVIEW_OVERDUE_DAYS ?? 30);
  if (!Number.isInteger(interviewDays) || interviewDays < 1 || interviewDays > 365)
    problems.push('INTERVIEW_OVERDUE_DAYS: 必须是 1 到 365 的整数');
  const cors = (env.CORS_ORIGINS ?? '').trim();
  const redisUrl = (env.REDIS_URL ?? '').trim() || null;
  if (redisUrl && !/^rediss?:\/\//.test(redisUrl)) problems.push('REDIS_URL: 应为 redis://host:6379 形式');
  if (problems.length) throw new ConfigError(problems);
  return {
    env: nodeEnv,
    host: env.HOST || '0.0.0.0',
    port,
    database,
    demoMode,
    demoAdminPassword: env.DEMO_ADMIN_PASSWORD || 'Demo@2026',
    jwtSecret,
    dataKey: dataKey as Buffer,
    tokenTtlSeconds: ttl,
    wechat: {
      appId: wechat.appId || 'wx0000000000000000',
      secret: wechat.secret || 'dev-secret',
      apiBase: wechat.apiBase,
      templateActivity: env.WECHAT_TEMPLATE_ACTIVITY ?? '',
      templateContact: env.WECHAT_TEMPLATE_CONTACT ?? '',
      templateTask: env.WECHAT_TEMPLATE_TASK ?? '',
    },
    mobility: { lostContactDays: lost, selfReportResets: parseBool(env.SELF_REPORT_RESETS) ?? false },
    consoleDir: path.resolve(ROOT_DIR, env.CONSOLE_DIR || 'admin/dist'),
    uploadDir: path.resolve(ROOT_DIR, env.UPLOAD_DIR || 'data/uploads'),
    h5Dir: path.resolve(ROOT_DIR, env.H5_DIR || 'miniapp/dist/h5'),
    logLevel: env.LOG_LEVEL || (nodeEnv === 'test' ? 'warn' : 'info'),
    trustProxy: parseBool(env.TRUST_PROXY) ?? false,
    corsOrigins: cors === '' ? (prod ? [] : '*') : cors === '*' ? '*' : cors.split(',').map((s) => s.trim()),
    authRateLimitPerMinute: rate,
    absenceThreshold: absence,
    feedbackReplyDays: replyDays,
    publicCheckOpenid: (env.WECHAT_PUBLIC_CHECK_OPENID ?? '').trim() || null,
    publicFeedbackPerHour: publicPerHour,
    interviewOverdueDays: interviewDays,
    ballotsPerHour,
    principalCacheMs: Number(env.PRINCIPAL_CACHE_MS ?? (nodeEnv === 'test' ? 0 : 10_000)) || 0,
    redisUrl,
    prepared: parseBool(env.DJZY_PREPARED) ?? false,
  };
}
