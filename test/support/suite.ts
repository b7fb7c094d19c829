/**
 * What every browser suite sets up the same way: the server it talks to, a fresh context of the
 * run's Chromium and a page in it. Call `e2eSuite` at the top of the `describe`
 * (`const { server, page } = e2eSuite({ … })`): its beforeAll runs before the suite's own, its
 * afterAll closes the context (and the suite's own server).
 *
 * Where the suite's data lives:
 *  - `'shared'`: the run's one server (globalSetup). For suites that only add data of their own
 *    (uniquely named, or per-run) and only read demo-county state no other suite changes.
 *  - `{ own: why }`: a server of its own on a fresh copy of the seeded demo county (a second or
 *    so: no seeding), for a suite that changes or counts county-wide state other suites read —
 *    the one open 主题党日, the learning kit, a branch's settings, the same demo member's study.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { openBrowser, type Browser } from './browser';
import { clientEnv, ROOT, sharedServer, startServer, type RunningServer } from './server';

export type Client = 'h5' | 'console';
export type Database = 'shared' | { own: string };

export interface E2E {
  server: RunningServer;
  /** The suite's context in the run's Chromium (phone-sized for the H5 build). */
  browser: Browser;
  page: Page;
  /** Script errors the page raised (H5 suites assert there were none). */
  pageErrors: string[];
}

/** The built client a suite drives; fails with how to build it. */
export function requireBuild(client: Client): void {
  const dir =
    client === 'h5' ? path.join(ROOT, 'miniapp', 'dist', 'h5') : (process.env.E2E_CONSOLE_DIR ?? path.join(ROOT, 'admin', 'dist'));
  const build = client === 'h5' ? 'npm run build:h5 -w @djzy/miniapp' : 'npm run build -w @djzy/admin';
  if (!existsSync(path.join(dir, 'index.html'))) throw new Error(`${dir} is missing: run \`${build}\` first`);
}

/**
 * A stand-in for what beforeAll makes (the server, the page): a suite destructures it once, at
 * the top of its `describe`, and uses it in its tests and later hooks as the real thing.
 */
function madeInBeforeAll<T extends object>(get: () => T | undefined, what: string): T {
  const target = () => {
    const t = get();
    if (!t) throw new Error(`the suite's ${what} is made in e2eSuite's beforeAll: use it in a test or a later hook`);
    return t;
  };
  return new Proxy({} as T, {
    get(_, prop) {
      const t = target();
      const value = Reflect.get(t, prop, t);
      return typeof value === 'function' ? value.bind(t) : value;
    },
    set(_, prop, value) {
      return Reflect.set(target(), prop, value);
    },
    has: (_, prop) => Reflect.has(target(), prop),
  });
}

export function e2eSuite(opts: { client: Client; database: Database }): E2E {
  let server: RunningServer | undefined;
  let browser: Browser | undefined;
  let page: Page | undefined;
  const pageErrors: string[] = [];
  beforeAll(async () => {
    requireBuild(opts.client);
    server = opts.database === 'shared' ? sharedServer() : await startServer(clientEnv(), process.env.E2E_TEMPLATE_DIR);
    browser = await openBrowser({ phone: opts.client === 'h5' });
    page = await browser.context.newPage();
    if (opts.client === 'h5') page.on('pageerror', (e) => pageErrors.push(String(e)));
    else page.setDefaultTimeout(15_000);
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });
  return {
    server: madeInBeforeAll(() => server, 'server'),
    browser: madeInBeforeAll(() => browser, 'browser'),
    page: madeInBeforeAll(() => page, 'page'),
    pageErrors,
  };
}
