/** The sign-in page of the built mini-program: WeChat login, binding hand-off, demo sign-in, errors. */
import { ERRORS } from '@djzy/shared';
import { OPTIONS_DEMO, OPTIONS_OFF, SIGNED_IN } from './fixtures';
import {
  TOKEN_KEY,
  apiError,
  fakeApi,
  flush,
  onRequest,
  renderPage,
  resetWx,
  setLoginCode,
  storage,
  waitFor,
  waitForText,
  wxLog,
  type RenderedPage,
} from './harness';

let page: RenderedPage | null = null;
beforeEach(() => resetWx());
afterEach(() => {
  page?.close();
  page = null;
});

async function openLogin(): Promise<RenderedPage> {
  page = renderPage('/pages/login/index');
  await waitFor(() => wxLog.requests.some((r) => r.path === '/auth/options'));
  await waitFor(() => page!.find('wechat-login'));
  return page;
}

test('taps 微信一键登录: calls wx.login and posts the code to /auth/wechat, then opens 首页 with the token stored', async () => {
  setLoginCode('code-from-wechat-42');
  onRequest(fakeApi({ 'GET /auth/options': { status: 200, body: OPTIONS_OFF }, 'POST /auth/wechat': { status: 200, body: SIGNED_IN } }));
  const p = await openLogin();
  expect(p.text()).toContain('微信一键登录');

  await p.tap('wechat-login');
  await waitFor(() => wxLog.navigation.length > 0);

  expect(wxLog.logins).toBe(1);
  const post = wxLog.requests.find((r) => r.path === '/auth/wechat');
  expect(post).toMatchObject({ method: 'POST', data: { code: 'code-from-wechat-42' } });
  expect(storage.get(TOKEN_KEY)).toBe(SIGNED_IN.token);
  expect(wxLog.navigation).toEqual([{ api: 'switchTab', url: '/pages/index/index' }]);
});

test('a bindRequired answer opens the bind page with the ticket, and stores no token', async () => {
  onRequest(
    fakeApi({
      'GET /auth/options': { status: 200, body: OPTIONS_OFF },
      'POST /auth/wechat': { status: 200, body: { bindRequired: true, bindTicket: 'tkt/9+a=' } },
    }),
  );
  const p = await openLogin();
  await p.tap('wechat-login');
  await waitFor(() => wxLog.navigation.length > 0);

  expect(wxLog.navigation).toEqual([{ api: 'navigateTo', url: `/pages/bind/index?ticket=${encodeURIComponent('tkt/9+a=')}` }]);
  expect(storage.has(TOKEN_KEY)).toBe(false);
});

test('an invalid WeChat code shows the Chinese message and stays on the sign-in page', async () => {
  onRequest(
    fakeApi({
      'GET /auth/options': { status: 200, body: OPTIONS_OFF },
      'POST /auth/wechat': apiError(401, 'WECHAT_CODE_INVALID', ERRORS.WECHAT_CODE_INVALID.message),
    }),
  );
  const p = await openLogin();
  await p.tap('wechat-login');
  await waitFor(() => wxLog.toasts.length > 0);

  expect(wxLog.toasts).toEqual([ERRORS.WECHAT_CODE_INVALID.message]);
  expect(wxLog.navigation).toEqual([]);
  expect(storage.has(TOKEN_KEY)).toBe(false);
});

test('a network failure shows 网络不给力', async () => {
  onRequest((req) => {
    if (req.path === '/auth/options') return { status: 200, body: OPTIONS_OFF };
    throw new Error('ECONNRESET');
  });
  const p = await openLogin();
  await p.tap('wechat-login');
  await waitFor(() => wxLog.toasts.length > 0);

  expect(wxLog.toasts[0]).toContain('网络不给力');
  expect(wxLog.navigation).toEqual([]);
});

test('in demo mode it lists the demo members; tapping one posts /auth/dev with its memberId and opens 首页', async () => {
  onRequest(
    fakeApi({
      'GET /auth/options': { status: 200, body: OPTIONS_DEMO },
      'POST /auth/dev': (req) => ({ status: 200, body: { token: `dev-${(req.data as { memberId: string }).memberId}`, expiresIn: 3600 } }),
    }),
  );
  const p = await openLogin();
  await waitForText(p, '演示登录');
  await waitForText(p, '李建国（红旗村党支部，流动党员）');
  // console accounts sign in on the console, not here
  expect(p.text()).not.toContain('控制台账号');

  await p.tap('demo-1');
  await waitFor(() => wxLog.navigation.length > 0);

  expect(wxLog.requests.find((r) => r.path === '/auth/dev')).toMatchObject({ method: 'POST', data: { memberId: '102' } });
  expect(storage.get(TOKEN_KEY)).toBe('dev-102');
  expect(wxLog.navigation).toEqual([{ api: 'switchTab', url: '/pages/index/index' }]);
  expect(wxLog.logins).toBe(0);
});

test('outside demo mode the mini-program offers no demo sign-in', async () => {
  onRequest(fakeApi({ 'GET /auth/options': { status: 200, body: OPTIONS_OFF } }));
  const p = await openLogin();
  await flush(50);
  expect(p.text()).not.toContain('演示登录');
  expect(p.find('demo-login')).toBeNull();
});
