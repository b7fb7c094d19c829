/**
 * Starts the real, built server (`server/dist/main.js`) as a child process on a free port with a
 * fresh SQLite file and the demo county seeded, for tests that drive clients against it.
 * Build first: `npm run build -w @djzy/server` (npm test does it).
 *
 * The e2e project seeds the demo county once per run (globalSetup, `seedDemoTemplate`): every
 * server of the run then starts on a copy of that database (`from`), which skips the seed — the
 * run's one shared server, and the own server of a suite that needs the county to itself.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';

export const ROOT = path.resolve(__dirname, '..', '..');
export const DEMO_ADMIN = { username: 'admin', password: 'Demo@2026' };

export interface RunningServer {
  baseUrl: string;
  apiBase: string;
  port: number;
  stop(): Promise<void>;
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.listen(0, '127.0.0.1', () => {
      const addr = srv.address();
      const port = typeof addr === 'object' && addr ? addr.port : 0;
      srv.close(() => resolve(port));
    });
    srv.on('error', reject);
  });
}

export const SERVER_MAIN = path.join(ROOT, 'server', 'dist', 'main.js');
const DB_FILE = 'e2e.sqlite';

/**
 * Starts the server; extra env (e.g. WECHAT_API_BASE) overrides the defaults. With `from` (a
 * folder made by `seedDemoTemplate`) it runs on a copy of that database and its dev secrets
 * (the encrypted phones and ID numbers stay readable), so the demo county is already there.
 */
export async function startServer(env: Record<string, string> = {}, from?: string): Promise<RunningServer> {
  if (!existsSync(SERVER_MAIN)) {
    throw new Error(`The server is not built (${SERVER_MAIN}). Build it first: npm run build -w @djzy/server`);
  }
  const port = await freePort();
  const dir = mkdtempSync(path.join(tmpdir(), 'djzy-e2e-'));
  if (from) cpSync(from, dir, { recursive: true });
  const child: ChildProcess = spawn(process.execPath, [SERVER_MAIN], {
    cwd: ROOT,
    env: {
      ...process.env,
      NODE_ENV: 'test',
      PORT: String(port),
      HOST: '127.0.0.1',
      DATABASE_URL: `sqlite:${path.join(dir, DB_FILE)}`,
      DEMO_MODE: '1',
      DEMO_ADMIN_PASSWORD: DEMO_ADMIN.password,
      LOG_LEVEL: 'warn',
      // A short warm-up: exercised, without a second per server start.
      WARM_UP_REQUESTS: '300',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout?.on('data', (d) => (output += d));
  child.stderr?.on('data', (d) => (output += d));
  const baseUrl = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`server exited (${child.exitCode}):\n${output}`);
    try {
      const res = await fetch(`${baseUrl}/api/v1/health`);
      if (res.ok) break;
    } catch {
      /* not up yet */
    }
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`server did not answer within 60 s:\n${output}`);
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  return {
    baseUrl,
    apiBase: `${baseUrl}/api/v1`,
    port,
    async stop() {
      if (child.exitCode === null) {
        const exited = new Promise((r) => child.once('exit', r));
        child.kill('SIGTERM');
        await Promise.race([exited, new Promise((r) => setTimeout(r, 5000))]);
        if (child.exitCode === null) child.kill('SIGKILL');
      }
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/**
 * Seeds the demo county once into a folder (database and dev secrets) and stops that server:
 * the template every server of an e2e run starts from. The caller removes the folder.
 */
export async function seedDemoTemplate(): Promise<string> {
  const dir = mkdtempSync(path.join(tmpdir(), 'djzy-e2e-template-'));
  const seeding = await startServer({ DATABASE_URL: `sqlite:${path.join(dir, DB_FILE)}` });
  await seeding.stop();
  return dir;
}

/** What every e2e server gets on top of startServer's defaults: another console build, if asked. */
export function clientEnv(): Record<string, string> {
  return process.env.E2E_CONSOLE_DIR ? { CONSOLE_DIR: process.env.E2E_CONSOLE_DIR } : {};
}

/**
 * The shared server's environment. Its sign-in limit is per client address, and in an e2e run
 * every suite's members and admins sign in from 127.0.0.1 — a whole county through one address
 * within a minute — so the shared server allows more (the limit itself is tested in
 * server/test/auth.spec.ts); servers of one suite keep the default.
 */
export function sharedServerEnv(): Record<string, string> {
  return { ...clientEnv(), AUTH_RATE_LIMIT_PER_MINUTE: '1000' };
}

/** The run's shared server (started by globalSetup); stopping it is globalTeardown's business. */
export function sharedServer(): RunningServer {
  const baseUrl = process.env.E2E_SERVER_URL;
  if (!baseUrl)
    throw new Error(
      'E2E_SERVER_URL is not set: run the e2e suites through jest (--selectProjects e2e), whose globalSetup starts the server',
    );
  return { baseUrl, apiBase: `${baseUrl}/api/v1`, port: Number(new URL(baseUrl).port), stop: async () => undefined };
}
