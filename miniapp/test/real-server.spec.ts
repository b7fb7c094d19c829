/**
 * The built mini-program against the REAL server (server/dist/main.js, demo county, fresh SQLite),
 * its wx.request bridged to Node's http, and a fake WeChat answering jscode2session: first
 * WeChat sign-in → bind page → a wrong ID → the server's Chinese message → the right one →
 * 首页 and 我的 show the member from the real /me; the next sign-in needs no binding. Points: a
 * demo member signs in through 演示登录, the demo admin adjusts their points through the API, and
 * 我的积分 (and 首页) show the new balance and the reason; the rank and the branch ranking appear only
 * once the admin shows rankings for the branch. 签到: the demo's open 主题党日 (QR only) — the branch
 * secretary's code from the API, an ordinary member of that branch scans it in the bundle and sees
 * +N 积分; re-opened, the detail says 已签到 and the attendance holds one record. 投诉建议: a member
 * sends a suggestion from the form and sees the server's 答复期限; the admin answers it through the
 * API and 我的投诉建议 shows 已答复 with the reply.
 * Build first: `npm run build -w @djzy/shared -w @djzy/server && npm run build:weapp -w @djzy/miniapp`.
 */
import { existsSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import {
  ERRORS,
  type ActivityView,
  type AttendanceResponse,
  type CheckInResponse,
  type CheckinCodeResponse,
  type AdjustmentResponse,
  type AdminLoginResponse,
  type AuthOptionsResponse,
  type DevLoginResponse,
  type MeResponse,
  type MemberSummary,
  type MyPointsResponse,
  type Page,
  type ContactLogView,
  type MobileMemberView,
  type MyMobilityResponse,
  type FeedbackView,
  toLocalDate,
} from '@djzy/shared';
import { DEMO_ADMIN, ROOT, startServer, type RunningServer } from '../../test/support/server';
import {
  TOKEN_KEY,
  bridgeTo,
  flush,
  onRequest,
  renderPage,
  resetWx,
  setLoginCode,
  setScanResult,
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
let api: (
  method: string,
  p: string,
  token?: string,
  data?: unknown,
  headers?: Record<string, string>,
) => Promise<{ status: number; body: unknown }>;
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
  api = (method, p, token, data, headers = {}) =>
    Promise.resolve(
      bridge({
        method,
        url: p,
        path: p,
        data,
        header: { 'Content-Type': 'application/json', ...(token ? { Authorization: `Bearer ${token}` } : {}), ...headers },
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

describe('积分 against the real server', () => {
  let memberToken: string;
  let adminToken: string;
  let me: MeResponse;
  let before: MyPointsResponse;
  const reason = '协助整理党员档案（小程序测试）';

  const balanceOn = async (p: RenderedPage) => (await waitFor(() => p.find('points-balance'), { timeout: 10_000 })).textContent;

  test('a demo member signs in through 演示登录 and 我的积分 shows the balance the server holds, without a rank', async () => {
    // a plain member (not a secretary, who would see rankings as a manager)
    const options = (await api('GET', '/auth/options')).body as AuthOptionsResponse;
    const members = (options.demoAccounts ?? []).filter((a) => a.memberId);
    const index = Math.max(
      members.findIndex((a) => a.label.includes('普通党员')),
      0,
    );
    const login = open('/pages/login/index');
    await waitFor(() => login.find(`demo-${index}`), { timeout: 10_000 });
    await login.tap(`demo-${index}`);
    await waitFor(() => wxLog.navigation.some((n) => n.api === 'switchTab'), { timeout: 10_000 });
    memberToken = String(storage.get(TOKEN_KEY));
    expect(memberToken).not.toBe('');
    me = (await api('GET', '/me', memberToken)).body as MeResponse;
    expect(me.memberId).toBe(members[index].memberId);
    expect(me.branchId).toBeTruthy();

    before = (await api('GET', '/points/me', memberToken)).body as MyPointsResponse;
    expect(before.rankingVisible).toBe(false);
    const points = open('/pages/points/index');
    expect(await balanceOn(points)).toBe(`${before.balance}分`);
    expect(points.find('points-rank')).toBeNull();
    expect(points.text()).not.toContain(reason);
  });

  test("the admin adjusts the member's points through the API; 我的积分 and 首页 show the new balance and the reason", async () => {
    adminToken = ((await api('POST', '/auth/admin', undefined, DEMO_ADMIN)).body as AdminLoginResponse).token;
    expect(adminToken).toBeTruthy();
    const adjusted = await api(
      'POST',
      '/points/adjustments',
      adminToken,
      { memberId: me.memberId, delta: 7, reason },
      { 'Idempotency-Key': `miniapp-test-${Date.now()}` },
    );
    expect(adjusted.status).toBe(201);
    expect((adjusted.body as AdjustmentResponse).balance).toBe(before.balance + 7);

    storage.set(TOKEN_KEY, memberToken);
    const points = open('/pages/points/index');
    await waitForText(points, reason, 10_000);
    expect(await balanceOn(points)).toBe(`${before.balance + 7}分`);
    const entry = (await api('GET', '/points/me', memberToken)).body as MyPointsResponse;
    const row = entry.entries.find((e) => e.reason === reason)!;
    expect(row).toBeTruthy();
    const rowText = (points.find(`entry-${row.id}`)?.textContent ?? '').replace(/\s+/g, ' ');
    expect(rowText).toContain('+7');
    expect(rowText).toContain('管理员调整');
    expect(rowText).toContain(row.effectiveDate);

    // the same adjustment counts in this month too
    await points.tap('period-month');
    await waitFor(() => wxLog.requests.some((r) => /\/points\/me\?period=\d{4}-\d{2}$/.test(r.path)));
    await waitForText(points, reason, 10_000);

    const home = open('/pages/index/index');
    await waitFor(() => home.find('home-points-value'), { timeout: 10_000 });
    expect(home.find('home-points-value')?.textContent).toBe(`${before.balance + 7}分`);
  });

  test("the branch ranking: the server's RANKING_HIDDEN message, then the rank and the list once the admin shows rankings", async () => {
    storage.set(TOKEN_KEY, memberToken);
    const hidden = open('/pages/points/ranking');
    await waitFor(() => hidden.find('ranking-message'), { timeout: 10_000 });
    expect(hidden.find('ranking-message')?.textContent).toBe(ERRORS.RANKING_HIDDEN.message);

    const shown = await api('PUT', `/points/settings/${me.branchId}`, adminToken, { showMemberRanking: true });
    expect(shown.status).toBe(200);

    const points = open('/pages/points/index');
    await waitFor(() => points.find('points-rank'), { timeout: 10_000 });
    const mine = (await api('GET', '/points/me', memberToken)).body as MyPointsResponse;
    expect(mine.rankingVisible).toBe(true);
    expect(points.find('points-rank')?.textContent).toBe(`本支部排名 第${mine.rank}名`);

    await points.tap('points-ranking-link');
    const nav = await waitFor(() => wxLog.navigation.find((n) => n.url.startsWith('/pages/points/ranking')));
    const ranking = open('/pages/points/ranking', { period: new URL(nav.url, 'http://x').searchParams.get('period') ?? '' });
    const row = await waitFor(() => ranking.find(`ranking-${me.memberId}`), { timeout: 10_000 });
    expect((row.textContent ?? '').replace(/\s+/g, '')).toBe(`第${mine.rank}名${me.name}${mine.balance}分`);
  });
});

describe('签到 against the real server', () => {
  const TITLE = '主题党日：学习年终民主评议党员工作要求（进行中，可扫码签到）';
  let secretaryToken: string;
  let memberToken: string;
  let memberId: string;
  let meeting: ActivityView;

  const devLogin = async (id: string) => ((await api('POST', '/auth/dev', undefined, { memberId: id })).body as DevLoginResponse).token;

  beforeAll(async () => {
    const options = (await api('GET', '/auth/options')).body as AuthOptionsResponse;
    const accounts = (options.demoAccounts ?? []).filter((a) => a.memberId);
    const secretary = accounts.find((a) => a.label.includes('支部书记'));
    if (!secretary) throw new Error(`no 支部书记 among the demo accounts: ${JSON.stringify(accounts)}`);
    secretaryToken = await devLogin(secretary.memberId!);
    const secretaryMe = (await api('GET', '/me', secretaryToken)).body as MeResponse;

    // An ordinary member of the same branch: the demo's 普通党员 if it is there, else one from the roster.
    const plain = accounts.find((a) => a.label.includes('普通党员'));
    let candidate = plain ? plain.memberId! : '';
    if (candidate) {
      const t = await devLogin(candidate);
      const m = (await api('GET', '/me', t)).body as MeResponse;
      if (m.branchId !== secretaryMe.branchId) candidate = '';
    }
    if (!candidate) {
      const admin = (await api('POST', '/auth/dev', undefined, { username: 'admin' })).body as DevLoginResponse;
      const list = (await api('GET', `/members?orgId=${secretaryMe.branchId}&pageSize=50`, admin.token)).body as Page<MemberSummary>;
      const pick = list.items.find((m) => m.id !== secretaryMe.memberId && !m.isMobile && m.branchId === secretaryMe.branchId);
      if (!pick) throw new Error('no other member in the secretary’s branch');
      candidate = pick.id;
    }
    memberId = candidate;
    memberToken = await devLogin(memberId);

    const now = encodeURIComponent(new Date().toISOString());
    const mine = (await api('GET', `/activities?mine=true&from=${now}`, memberToken)).body as Page<ActivityView>;
    const found = mine.items.find((a) => a.title === TITLE);
    if (!found) throw new Error(`the open meeting is not among the member's activities: ${mine.items.map((a) => a.title).join(' / ')}`);
    meeting = found;
    expect(meeting.checkinModes).toEqual(['qr']);
    expect(meeting.myStatus).toBe('open');
  });

  test('活动 shows the open meeting as 可签到', async () => {
    storage.set(TOKEN_KEY, memberToken);
    const list = open('/pages/activities/index');
    const status = await waitFor(() => list.find(`activity-status-${meeting.id}`), { timeout: 10_000 });
    expect(status.textContent).toBe('可签到');
  });

  test("the member scans the secretary's code: +N 积分; re-opened it says 已签到, and there is one record", async () => {
    const before = (await api('GET', `/activities/${meeting.id}/attendance`, secretaryToken)).body as AttendanceResponse;
    expect(before.present.some((r) => r.memberId === memberId)).toBe(false);
    const pointsBefore = ((await api('GET', '/points/me', memberToken)).body as MyPointsResponse).balance;

    const code = await api('GET', `/activities/${meeting.id}/checkin-code`, secretaryToken);
    expect(code.status).toBe(200);
    const { qrText } = code.body as CheckinCodeResponse;
    expect(qrText.startsWith(`djzy:checkin:${meeting.id}:`)).toBe(true);

    storage.set(TOKEN_KEY, memberToken);
    setScanResult(qrText);
    const detail = open('/pages/activity-detail/index', { id: meeting.id });
    await waitFor(() => detail.find('checkin-btn'), { timeout: 10_000 });
    expect(detail.find('detail-status')?.textContent).toBe('可签到');
    await detail.tap('checkin-btn');
    const points = await waitFor(() => detail.find('checkin-points'), { timeout: 10_000 });
    const posted = wxLog.requests.filter((r) => r.method === 'POST' && r.path === '/checkins');
    expect(posted.map((r) => r.data)).toEqual([{ activityId: meeting.id, token: qrText.split(':').pop() }]);
    const awarded = Number(/^\+(\d+) 积分$/.exec(points.textContent ?? '')?.[1]);
    expect(awarded).toBeGreaterThan(0);
    expect(detail.find('detail-status')?.textContent).toBe('已签到');
    expect(((await api('GET', '/points/me', memberToken)).body as MyPointsResponse).balance).toBe(pointsBefore + awarded);

    // the same code sent again (a member retrying after a lost answer): the first check-in, no points
    const again = await api('POST', '/checkins', memberToken, { activityId: meeting.id, token: qrText.split(':').pop() });
    expect(again.status).toBe(200);
    expect((again.body as CheckInResponse).pointsAwarded).toBe(0);

    const reopened = open('/pages/activity-detail/index', { id: meeting.id });
    await waitFor(() => reopened.find('detail-status')?.textContent === '已签到', { timeout: 10_000 });
    expect(reopened.find('checkin-btn')).toBeNull();
    expect(reopened.find('my-checkin')?.textContent).toContain('扫码签到');

    const after = (await api('GET', `/activities/${meeting.id}/attendance`, secretaryToken)).body as AttendanceResponse;
    expect(after.present.filter((r) => r.memberId === memberId)).toHaveLength(1);
    expect(after.present).toHaveLength(before.present.length + 1);
    expect(((await api('GET', '/points/me', memberToken)).body as MyPointsResponse).balance).toBe(pointsBefore + awarded);
  });

  test("the secretary's 签到二维码 page shows the server's QR code, its 6 digits and the live count", async () => {
    storage.set(TOKEN_KEY, secretaryToken);
    const page = open('/pages/checkin-code/index', { id: meeting.id });
    const digits = await waitFor(() => page.find('code-short'), { timeout: 10_000 });
    expect(digits.textContent).toMatch(/^\d{6}$/);
    expect(page.find('code-image')).not.toBeNull();
    const count = ((await api('GET', `/activities/${meeting.id}`, secretaryToken)).body as ActivityView).checkedInCount;
    await waitFor(() => page.find('code-count')?.textContent === String(count), { timeout: 10_000 });
  });
});

describe('流动党员 against the real server', () => {
  let record: MobileMemberView;
  let memberToken: string;
  let cadreToken: string;
  const where = '江苏省昆山市（小程序测试）';
  const summary = `电话联系，工作顺利（小程序测试${Date.now()}）`;

  beforeAll(async () => {
    const admin = ((await api('POST', '/auth/admin', undefined, DEMO_ADMIN)).body as AdminLoginResponse).token;
    const list = (await api('GET', '/mobile-members?pageSize=100', admin)).body as Page<MobileMemberView>;
    // A mobile member whose contact cadre has a phone number on the roster.
    for (const m of list.items.filter((x) => x.contactCadre?.id && x.status === 'away')) {
      const token = ((await api('POST', '/auth/dev', undefined, { memberId: m.member.id })).body as DevLoginResponse).token;
      const own = (await api('GET', '/me/mobility', token)).body as MyMobilityResponse;
      if (own.record?.contactCadre?.phone) {
        record = m;
        memberToken = token;
        break;
      }
    }
    if (!record) throw new Error(`no mobile member whose cadre has a phone in the demo: ${JSON.stringify(list).slice(0, 300)}`);
    cadreToken = ((await api('POST', '/auth/dev', undefined, { memberId: record.contactCadre!.id })).body as DevLoginResponse).token;
    expect(memberToken).toBeTruthy();
    expect(cadreToken).toBeTruthy();
  });

  test('the mobile member sees their cadre, calls the full number, and reports', async () => {
    const mine = (await api('GET', '/me/mobility', memberToken)).body as MyMobilityResponse;
    expect(mine.isMobile).toBe(true);
    const phone = mine.record!.contactCadre!.phone!;
    expect(phone).toMatch(/^1\d{10}$/);

    storage.set(TOKEN_KEY, memberToken);
    const p = open('/pages/mobile/index');
    await waitFor(() => p.find('cadre-name'), { timeout: 10_000 });
    expect(p.find('cadre-name')?.textContent).toBe(record.contactCadre!.name);
    expect(p.find('mobility-destination')?.textContent).toBe(record.destination);
    await p.tap('call-cadre');
    await waitFor(() => wxLog.phoneCalls.length > 0);
    expect(wxLog.phoneCalls).toEqual([phone]);

    await p.input('report-location', where);
    await p.tap('report-status-working');
    await flush(50); // let the choice render before 提交
    await p.tap('report-submit');
    await waitFor(() => p.find('report-sent'), { timeout: 10_000 }).catch((e) => {
      throw new Error(`${e}; ${p.text()} ${wxLog.toasts} ${JSON.stringify(wxLog.requests.at(-1))}`);
    });
    const after = (await api('GET', '/me/mobility', memberToken)).body as MyMobilityResponse;
    expect(after.record!.lastSelfReportAt).toBeTruthy();
  });

  test('the cadre finds the member in the list and logs a contact through the form (with an Idempotency-Key)', async () => {
    storage.set(TOKEN_KEY, cadreToken);
    const list = open('/pages/mobile/cadre');
    await waitFor(() => list.find(`mm-${record.member.id}`), { timeout: 10_000 });

    const form = open('/pages/mobile/contact', { memberId: record.member.id });
    await waitFor(() => form.find('contact-summary'), { timeout: 10_000 });
    await form.tap('method-visit');
    await form.input('contact-summary', summary);
    await form.fire('contact-followup', 'change', { value: true });
    await flush(50);
    await form.tap('contact-submit');
    await waitFor(() => form.find('contact-saved'), { timeout: 10_000 });
    const sent = wxLog.requests.find((r) => r.method === 'POST' && r.path === `/mobile-members/${record.member.id}/contacts`)!;
    expect(sent.header['Idempotency-Key']).toBeTruthy();
    await waitForText(form, summary, 10_000);

    const history = (await api('GET', `/mobile-members/${record.member.id}/contacts`, cadreToken)).body as ContactLogView[];
    const row = history.find((c) => c.summary === summary)!;
    expect(row).toBeTruthy();
    expect(row.method).toBe('visit');
    expect(row.followUpRequired).toBe(true);
  });
});

describe('投诉建议 against the real server', () => {
  const content = `建议党员活动室周末也开放（小程序测试 ${Date.now()}）`;
  const answer = '已安排周六上午开放，感谢您的建议。';
  let memberToken: string;
  let sentId: string;

  beforeAll(async () => {
    const options = (await api('GET', '/auth/options')).body as AuthOptionsResponse;
    const accounts = (options.demoAccounts ?? []).filter((a) => a.memberId);
    const plain = accounts.find((a) => a.label.includes('普通党员')) ?? accounts[0];
    memberToken = ((await api('POST', '/auth/dev', undefined, { memberId: plain.memberId })).body as DevLoginResponse).token;
  });

  test('a member sends a suggestion from the form and sees the 答复期限 the server set', async () => {
    storage.set(TOKEN_KEY, memberToken);
    const form = open('/pages/feedback/index');
    await waitFor(() => form.find('feedback-form'), { timeout: 10_000 });
    await form.tap('feedback-category-suggestion');
    await form.input('feedback-content', content);
    await waitFor(() => form.find('feedback-count')?.textContent?.startsWith(`${content.length}/`));
    await flush(50);
    await form.tap('feedback-submit');
    await waitFor(() => form.find('feedback-due'), { timeout: 10_000 });

    const mine = (await api('GET', '/feedback/mine', memberToken)).body as Page<FeedbackView>;
    const sent = mine.items.find((f) => f.content === content)!;
    expect(sent).toMatchObject({ category: 'suggestion', status: 'received', channel: 'member' });
    expect(form.find('feedback-due')?.textContent).toBe(toLocalDate(sent.replyDueAt));
    sentId = sent.id;
  });

  test('the admin answers it; 我的投诉建议 shows 已答复 and the reply', async () => {
    const admin = ((await api('POST', '/auth/admin', undefined, DEMO_ADMIN)).body as AdminLoginResponse).token;
    const replied = await api('POST', `/feedback/${sentId}/reply`, admin, { content: answer });
    expect(replied.status).toBe(200);

    storage.set(TOKEN_KEY, memberToken);
    const list = open('/pages/feedback/mine');
    await waitFor(() => list.find(`fb-reply-${sentId}`), { timeout: 10_000 });
    expect(list.find(`fb-status-${sentId}`)?.textContent).toBe('已答复');
    expect(list.find(`fb-reply-${sentId}`)?.textContent).toContain(answer);
  });
});
