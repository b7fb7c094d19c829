/** The tab pages of the built mini-program (首页, 活动, 学习, 我的) and the session rules around them. */
import { readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { ERRORS, ROLE_LABELS } from '@djzy/shared';
import { ME } from './fixtures';
import {
  DIST,
  TOKEN_KEY,
  apiError,
  fakeApi,
  flush,
  onRequest,
  renderPage,
  resetWx,
  setModalConfirm,
  storage,
  waitFor,
  waitForText,
  wxLog,
  type RenderedPage,
} from './harness';

let page: RenderedPage | null = null;
beforeEach(() => {
  resetWx();
  storage.set(TOKEN_KEY, 'tok-abc');
  onRequest(fakeApi({ 'GET /me': { status: 200, body: ME } }));
});
afterEach(() => {
  page?.close();
  page = null;
});

function open(route: string): RenderedPage {
  page = renderPage(route);
  return page;
}

test('each tab of the tab bar has its own icon and selected icon: local PNGs, 81×81, under WeChat’s 40 KB', () => {
  const app = JSON.parse(readFileSync(path.join(DIST, 'app.json'), 'utf8')) as {
    tabBar: { list: { text: string; iconPath?: string; selectedIconPath?: string }[] };
  };
  const list = app.tabBar.list;
  expect(list.map((t) => t.text)).toEqual(['首页', '活动', '学习', '我的']);
  const files = list.flatMap((t) => [t.iconPath, t.selectedIconPath]);
  expect(files.every((f) => typeof f === 'string' && f.endsWith('.png'))).toBe(true);
  expect(new Set(files).size).toBe(8);
  for (const f of files as string[]) {
    const file = path.join(DIST, f);
    expect(statSync(file).size).toBeLessThanOrEqual(40 * 1024);
    const png = readFileSync(file);
    expect(png.subarray(1, 4).toString('latin1')).toBe('PNG');
    // IHDR: width and height, big-endian, at bytes 16 and 20.
    expect([png.readUInt32BE(16), png.readUInt32BE(20)]).toEqual([81, 81]);
  }
});

test('首页 greets the member by name with the branch, from GET /me with the bearer token', async () => {
  const p = open('/pages/index/index');
  await waitForText(p, '王秀兰同志，您好');
  expect(p.find('greeting-branch')?.textContent).toBe('红旗村党支部');
  expect(p.text()).toContain('近期活动');
  expect(p.text()).toContain('通知');

  const me = wxLog.requests.find((r) => r.path === '/me');
  expect(me).toMatchObject({ method: 'GET' });
  expect(me!.header.Authorization).toBe('Bearer tok-abc');
});

test('我的 shows name, branch, masked phone and the roles in Chinese', async () => {
  const p = open('/pages/mine/index');
  await waitForText(p, '王秀兰');
  expect(p.find('mine-name')?.textContent).toBe('王秀兰');
  expect(p.find('mine-branch')?.textContent).toBe('红旗村党支部');
  expect(p.find('mine-org')?.textContent).toBe('第一党小组');
  expect(p.find('mine-phone')?.textContent).toBe('138****5678');
  const roles = p.find('mine-roles')?.textContent ?? '';
  expect(roles).toContain(`${ROLE_LABELS.branch_secretary}（红旗村党支部）`);
  expect(roles).toContain(`${ROLE_LABELS.contact_cadre}（红旗村党支部）`);
  expect(roles).not.toContain('branch_secretary');
  expect(p.text()).toContain('整改通知');
  expect(p.text()).toContain('投诉建议');
  expect(p.text()).toContain('退出登录');
});

test('我的 masks a phone number even if the server sent it whole', async () => {
  onRequest(fakeApi({ 'GET /me': { status: 200, body: { ...ME, phone: '13912345678' } } }));
  const p = open('/pages/mine/index');
  await waitForText(p, '139****5678');
  expect(p.text()).not.toContain('13912345678');
});

test('我的 → 投诉建议 opens the feedback page, a working form (no 即将开放 placeholder)', async () => {
  const p = open('/pages/mine/index');
  await waitForText(p, '王秀兰');
  await p.tap('entry-feedback');
  await waitFor(() => wxLog.navigation.length > 0);
  expect(wxLog.navigation).toEqual([{ api: 'navigateTo', url: '/pages/feedback/index' }]);
  p.close();
  const f = open('/pages/feedback/index');
  await waitFor(() => f.find('feedback-submit'));
  expect(f.text()).not.toContain('即将开放');
});

test('我的 → 退出登录 (confirmed) forgets the token and returns to sign-in', async () => {
  const p = open('/pages/mine/index');
  await waitForText(p, '王秀兰');
  await p.tap('logout');
  await waitFor(() => wxLog.navigation.length > 0);
  expect(storage.has(TOKEN_KEY)).toBe(false);
  expect(wxLog.navigation).toEqual([{ api: 'reLaunch', url: '/pages/login/index' }]);
});

test('我的 → 退出登录 cancelled keeps the member signed in', async () => {
  setModalConfirm(false);
  const p = open('/pages/mine/index');
  await waitForText(p, '王秀兰');
  await p.tap('logout');
  await flush(100);
  expect(storage.get(TOKEN_KEY)).toBe('tok-abc');
  expect(wxLog.navigation).toEqual([]);
});

// 活动's list (and its empty state) is covered by activities.spec.ts.
// 学习's list is covered by study.spec.ts.
test.each([['/pages/study/index', '暂无学习资料']])('%s renders its empty state', async (route, empty) => {
  onRequest(fakeApi({ 'GET /me': { status: 200, body: ME }, 'GET /study/materials': { status: 200, body: { items: [], total: 0 } } }));
  const p = open(route);
  await waitForText(p, empty);
  await waitFor(() => wxLog.requests.some((r) => r.path.startsWith('/study/materials')));
  expect(wxLog.navigation).toEqual([]);
});

test('a 401 clears the token and reLaunches to the sign-in page', async () => {
  onRequest(fakeApi({ 'GET /me': apiError(401, 'TOKEN_EXPIRED', ERRORS.TOKEN_EXPIRED.message) }));
  open('/pages/mine/index');
  await waitFor(() => wxLog.navigation.length > 0);
  expect(storage.has(TOKEN_KEY)).toBe(false);
  expect(wxLog.navigation).toEqual([{ api: 'reLaunch', url: '/pages/login/index' }]);
  expect(wxLog.toasts).toContain(ERRORS.TOKEN_EXPIRED.message);
});

test('launching without a token goes to sign-in without calling the API', async () => {
  storage.clear();
  open('/pages/index/index');
  await waitFor(() => wxLog.navigation.length > 0);
  expect(wxLog.navigation).toEqual([{ api: 'reLaunch', url: '/pages/login/index' }]);
  expect(wxLog.requests.filter((r) => r.path === '/me')).toHaveLength(0);
});

test('a server error shows its Chinese message and keeps the member on the page', async () => {
  onRequest(fakeApi({ 'GET /me': apiError(500, 'INTERNAL', ERRORS.INTERNAL.message) }));
  const p = open('/pages/index/index');
  await waitForText(p, ERRORS.INTERNAL.message);
  expect(wxLog.toasts).toContain(ERRORS.INTERNAL.message);
  expect(storage.get(TOKEN_KEY)).toBe('tok-abc');
  expect(wxLog.navigation).toEqual([]);
});
