/**
 * The built mini-program against the REAL server (server/dist/main.js, demo county, fresh SQLite),
 * its wx.request bridged to Node's http, and a fake WeChat answering jscode2session: first
 * WeChat sign-in → bind page → a wrong ID → the server's Chinese message → the right one →
 * 首页 and 我的 show the member from the real /me; the next sign-in needs no binding.
 * Build first: `npm run build -w @djzy/shared -w @djzy/server && npm run build:weapp -w @djzy/miniapp`.
 */
import { existsSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import type { DevLoginResponse, MemberSummary, Page } from '@djzy/shared';
import { ROOT, startServer, type RunningServer } from '../../test/support/server';
import {
  TOKEN_KEY,
  bridgeTo,
  onRequest,
  renderPage,
  resetWx,
  setLoginCode,
  storage,
  waitFor,
  waitForText,
  wxLog,
  type RenderedPage,
  type SentRequest,
} from './harness';

jest.setTimeout(90_000);

// jsdom has no fetch; the server helper only polls /health with it.
if (typeof globalThis.fetch !== 'function') {
  globalThis.fetch = ((url: string) =>
    new Promise((resolve, reject) => {
      http
        .get(url, (res) => {
          res.resume();
          res.on('end', () => resolve({ ok: (res.statusCode ?? 0) < 300, status: res.statusCode } as Response));
        })
        .on('error', reject);
    })) as typeof fetch;
}

let wechat: http.Server;
let server: RunningServer;
let api: (method: string, p: string, token?: string, data?: unknown) => Promise<{ status: number; body: unknown }>;
let member: MemberSummary & { idCard: string };
const pages: RenderedPage[] = [];
const open = (route: string, query?: Record<string, string>) => {
  const p = renderPage(route, query);
  pages.push(p);
  return p;
};

beforeAll(async () => {
  const main = path.join(ROOT, 'server', 'dist', 'main.js');
  if (!existsSync(main)) throw new Error(`The server is not built (${main}). Build it first: npm run build -w @djzy/server`);
  // A stand-in for api.weixin.qq.com: each code maps to a stable openid.
  wechat = http.createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://x');
    res.setHeader('Content-Type', 'application/json');
    if (url.pathname !== '/sns/jscode2session') return res.end(JSON.stringify({ errcode: 40001, errmsg: 'unknown' }));
    const code = url.searchParams.get('js_code') ?? '';
    res.end(JSON.stringify({ openid: `openid-${code.replace(/-\d+$/, '')}`, session_key: 'c2Vzc2lvbi1rZXk=' }));
  });
  await new Promise<void>((r) => wechat.listen(0, '127.0.0.1', r));
  const wechatBase = `http://127.0.0.1:${(wechat.address() as AddressInfo).port}`;
  server = await startServer({ WECHAT_API_BASE: wechatBase, WECHAT_APPID: 'wx0000000000000000', WECHAT_SECRET: 'test-secret' });

  const bridge = bridgeTo(server.apiBase);
  api = (method, p, token, data) =>
    Promise.resolve(
      bridge({
        method,
        url: p,
        path: p,
        data,
        header: { 'Content-Type': 'application/json', ...(token ? { Authorization: `Bearer ${token}` } : {}) },
      } as SentRequest),
    );
  // An admin reveals a roster entry, so the test knows a real name and ID number to bind with.
  const admin = (await api('POST', '/auth/dev', undefined, { username: 'admin' })).body as DevLoginResponse;
  const list = (await api('GET', '/members?reveal=true&pageSize=50', admin.token)).body as Page<MemberSummary>;
  const found = list.items.find((m) => m.idCard && !m.idCard.includes('*') && m.branchName);
  if (!found) throw new Error(`no revealed member with a branch in the demo roster: ${JSON.stringify(list).slice(0, 300)}`);
  member = found as MemberSummary & { idCard: string };
});

afterAll(async () => {
  pages.forEach((p) => p.close());
  await server?.stop();
  await new Promise((r) => wechat?.close(r));
});

beforeEach(() => {
  resetWx();
  onRequest(bridgeTo(server.apiBase));
});

test('first WeChat sign-in binds to the roster, then 首页 and 我的 show the member from /me', async () => {
  setLoginCode('member-a-1');
  const login = open('/pages/login/index');
  await waitFor(() => login.find('wechat-login'));
  await login.tap('wechat-login');
  const nav = await waitFor(() => wxLog.navigation[0]);
  expect(nav.api).toBe('navigateTo');
  const ticket = new URL(nav.url, 'http://x').searchParams.get('ticket');
  expect(nav.url.startsWith('/pages/bind/index?ticket=')).toBe(true);
  expect(ticket).toBeTruthy();

  // a wrong ID number: the server's Chinese message, shown on the page
  const bind = open('/pages/bind/index', { ticket: encodeURIComponent(ticket!) });
  await waitFor(() => bind.find('bind-submit'));
  const wrong = member.idCard.slice(-6) === '000000' ? '111111' : '000000';
  await bind.input('bind-name', member.name);
  await bind.input('bind-last6', wrong);
  await bind.tap('bind-submit');
  await waitForText(bind, '姓名或身份证号后六位与党员名册不一致', 10_000);
  expect(storage.has(TOKEN_KEY)).toBe(false);

  // the right one
  await bind.input('bind-last6', member.idCard.slice(-6));
  await bind.tap('bind-submit');
  await waitFor(() => wxLog.navigation.some((n) => n.api === 'switchTab'), { timeout: 10_000 });
  expect(wxLog.navigation.at(-1)).toEqual({ api: 'switchTab', url: '/pages/index/index' });
  expect(String(storage.get(TOKEN_KEY))).not.toBe('');

  const home = open('/pages/index/index');
  await waitForText(home, `${member.name}同志，您好`, 10_000);
  expect(home.find('greeting-branch')?.textContent).toBe(member.branchName);

  const mine = open('/pages/mine/index');
  await waitFor(() => mine.find('mine-branch'), { timeout: 10_000 });
  expect(mine.find('mine-name')?.textContent).toBe(member.name);
  expect(mine.find('mine-branch')?.textContent).toBe(member.branchName);
  expect(mine.find('mine-phone')?.textContent ?? '').not.toMatch(/^1\d{10}$/);
});

test('the next WeChat sign-in of the bound account goes straight to 首页', async () => {
  setLoginCode('member-a-2');
  const login = open('/pages/login/index');
  await waitFor(() => login.find('wechat-login'));
  await login.tap('wechat-login');
  await waitFor(() => wxLog.navigation[0], { timeout: 10_000 });
  expect(wxLog.navigation).toEqual([{ api: 'switchTab', url: '/pages/index/index' }]);
  expect(wxLog.requests.find((r) => r.path === '/auth/wechat')?.data).toEqual({ code: 'member-a-2' });
});

test('a token the server no longer accepts sends the member back to sign-in', async () => {
  storage.set(TOKEN_KEY, 'not-a-real-token');
  open('/pages/mine/index');
  await waitFor(() => wxLog.navigation[0], { timeout: 10_000 });
  expect(wxLog.navigation).toEqual([{ api: 'reLaunch', url: '/pages/login/index' }]);
  expect(storage.has(TOKEN_KEY)).toBe(false);
});
