/**
 * globalSetup of the e2e project: one Chromium and one server for the whole run.
 *  - Chromium: `chromium.launchServer`; suites connect to E2E_BROWSER_WS (test/support/browser.ts).
 *  - The demo county is seeded once into a template folder (E2E_TEMPLATE_DIR); the shared server
 *    (E2E_SERVER_URL) runs on a copy of it, and so does the own server of any suite that needs
 *    the county to itself (test/support/suite.ts).
 * process.env set here reaches the suites (in band, and workers forked after it).
 */
import { rmSync } from 'node:fs';
import type { BrowserServer } from 'playwright-core';
import { launchBrowserServer } from './browser';
import { seedDemoTemplate, sharedServerEnv, startServer, type RunningServer } from './server';

export interface E2EGlobals {
  browser: BrowserServer;
  server: RunningServer;
  template: string;
}

export default async function globalSetup(): Promise<void> {
  const [b, t] = await Promise.allSettled([launchBrowserServer(), seedDemoTemplate()]);
  let server: RunningServer | undefined;
  try {
    if (b.status === 'rejected') throw b.reason;
    if (t.status === 'rejected') throw t.reason;
    server = await startServer(sharedServerEnv(), t.value);
  } catch (e) {
    if (b.status === 'fulfilled') await b.value.close();
    if (t.status === 'fulfilled') rmSync(t.value, { recursive: true, force: true });
    throw e;
  }
  const [browser, template] = [b.value, t.value];
  (globalThis as { __djzyE2E?: E2EGlobals }).__djzyE2E = { browser, server, template };
  process.env.E2E_BROWSER_WS = browser.wsEndpoint();
  process.env.E2E_SERVER_URL = server.baseUrl;
  process.env.E2E_TEMPLATE_DIR = template;
}

export async function teardown(): Promise<void> {
  const g = (globalThis as { __djzyE2E?: E2EGlobals }).__djzyE2E;
  if (!g) return;
  await Promise.allSettled([g.server.stop(), g.browser.close()]);
  rmSync(g.template, { recursive: true, force: true });
}
