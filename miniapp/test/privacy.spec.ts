/** WeChat's privacy guide: the app registers for it at launch and the privacy page answers it. */
import { readFileSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { DIST, assertBuilt, renderPage, resetWx, waitFor, waitForText, wxLog, type RenderedPage } from './harness';

let page: RenderedPage | null = null;
// The listener is registered once, when the app launches (the first render boots the app).
let listener: ((resolve: (r: unknown) => void) => void) | undefined;
beforeAll(async () => {
  const first = renderPage('/pages/privacy/index');
  await waitForText(first, '隐私保护提示');
  first.close();
  listener = await waitFor(() => wxLog.privacyListeners[0]);
});
beforeEach(() => resetWx());
afterEach(() => {
  page?.close();
  page = null;
});

async function askPrivacy(): Promise<jest.Mock> {
  expect(wxLog.privacyListeners).toHaveLength(1);
  const resolve = jest.fn();
  listener!(resolve);
  await waitFor(() => wxLog.navigation.length > 0);
  expect(wxLog.navigation).toEqual([{ api: 'navigateTo', url: '/pages/privacy/index' }]);
  page = renderPage('/pages/privacy/index');
  await waitForText(page, '隐私保护提示');
  return resolve;
}

test("agreeing resolves WeChat's pending privacy request with agree and the button id", async () => {
  const resolve = await askPrivacy();
  await page!.fire('privacy-agree', 'agreeprivacyauthorization');
  await waitFor(() => resolve.mock.calls.length > 0);
  expect(resolve).toHaveBeenCalledWith({ event: 'agree', buttonId: 'privacy-agree' });
  expect(wxLog.navigation.at(-1)).toEqual({ api: 'navigateBack', url: '' });
});

test('declining resolves it with disagree, once', async () => {
  const resolve = await askPrivacy();
  await page!.tap('privacy-disagree');
  await waitFor(() => resolve.mock.calls.length > 0);
  page!.close(); // leaving the page must not answer a second time
  page = null;
  expect(resolve.mock.calls).toEqual([[{ event: 'disagree' }]]);
});

test('app.json declares the privacy check, the one private API used, its purpose, and the four tabs', () => {
  assertBuilt();
  const app = JSON.parse(readFileSync(path.join(DIST, 'app.json'), 'utf8'));
  expect(app.__usePrivacyCheck__).toBe(true);
  expect(app.requiredPrivateInfos).toEqual(['getLocation']);
  expect(app.permission['scope.userLocation'].desc).toBe('仅在活动开启定位签到时用于核验是否在活动地点附近');
  expect(app.tabBar.list.map((t: { text: string }) => t.text)).toEqual(['首页', '活动', '学习', '我的']);
  expect(app.pages[0]).toBe('pages/index/index');
  // 投诉建议 (the channel the rules require) and 我的整改任务 are real pages of the app
  expect(app.pages).toEqual(
    expect.arrayContaining(['pages/feedback/index', 'pages/feedback/mine', 'pages/problems/index', 'pages/problems/detail']),
  );
});

/** Every file under `dir`, with its size. */
function files(dir: string): { rel: string; size: number }[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    return e.isDirectory() ? files(p) : [{ rel: path.relative(DIST, p), size: statSync(p).size }];
  });
}

test("the main package stays under WeChat's 2 MB (a production build: a --watch build is unminified)", () => {
  assertBuilt();
  const app = JSON.parse(readFileSync(path.join(DIST, 'app.json'), 'utf8'));
  const subRoots: string[] = (app.subPackages ?? app.subpackages ?? []).map((s: { root: string }) => s.root.replace(/\/?$/, '/'));
  const main = files(DIST).filter((f) => !subRoots.some((r) => f.rel.startsWith(r)) && !f.rel.endsWith('.map'));
  const bytes = main.reduce((n, f) => n + f.size, 0);
  expect(bytes).toBeLessThan(2 * 1024 * 1024);
});
