/**
 * Debian's Chromium through playwright-core (never a downloaded browser). One Chromium serves a
 * whole e2e run: the project's globalSetup starts it with `launchBrowserServer` and hands its
 * wsEndpoint to the suites in E2E_BROWSER_WS; each suite connects and gets fresh contexts of its
 * own (cookies, storage and cache are per context, so suites do not see each other's sign-ins).
 */
import { chromium, type BrowserContext, type BrowserContextOptions, type BrowserServer } from 'playwright-core';

export const CHROMIUM_PATH = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
/** Without the background-networking flags Chromium's own connections are refused here. */
const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

export interface Browser {
  context: BrowserContext;
  close(): Promise<void>;
}

/** The one Chromium of a run (globalSetup). */
export function launchBrowserServer(): Promise<BrowserServer> {
  return chromium.launchServer({ executablePath: CHROMIUM_PATH, headless: true, args: CHROMIUM_ARGS });
}

function contextOptions(phone: boolean): BrowserContextOptions {
  return {
    locale: 'zh-CN',
    timezoneId: 'Asia/Shanghai',
    viewport: phone ? { width: 390, height: 844 } : { width: 1366, height: 900 },
    isMobile: phone,
    hasTouch: phone,
    acceptDownloads: true,
    // The console honours the preference and turns antd's motion off (admin/src/App.tsx): a
    // dropdown or dialog is where it will stay once shown. With motion, a select's dropdown whose
    // opening animation ends late under load is aligned again only then (it jumps, e.g. from
    // above the field to below it once a search has shortened the list), and a click landing in
    // that moment presses on the option and releases on whatever is now under the pointer.
    reducedMotion: 'reduce',
  };
}

/**
 * A fresh context in the run's Chromium; `phone` gives a 390×844 touch viewport. Without a
 * shared Chromium (E2E_BROWSER_WS unset: a script outside jest) it launches one for itself.
 */
export async function openBrowser(opts: { phone?: boolean } = {}): Promise<Browser> {
  const ws = process.env.E2E_BROWSER_WS;
  const browser = ws
    ? await chromium.connect(ws)
    : await chromium.launch({ executablePath: CHROMIUM_PATH, headless: true, args: CHROMIUM_ARGS });
  const context = await browser.newContext(contextOptions(!!opts.phone));
  return {
    context,
    async close() {
      await context.close().catch(() => undefined);
      // connected: disconnects (the shared Chromium stays up); launched: closes it
      await browser.close();
    },
  };
}
