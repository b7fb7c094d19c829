/** The points screens of the built mini-program: 我的积分, 支部积分排名, 评比通报, and their entries on 我的 and 首页. */
import { ERRORS, periodKeysOf, type MyPointsResponse } from '@djzy/shared';
import { ME, MY_POINTS, NOTICE, RANKING } from './fixtures';
import { apiError, fakeApi, flush, onRequest, signedInPages, storage, waitFor, waitForText, wxLog, type SentRequest } from './harness';

const NOW = periodKeysOf(new Date());

const open = signedInPages();

/** Answers GET /points/me with MY_POINTS, overridden per requested period. */
function pointsApi(byPeriod: Record<string, Partial<MyPointsResponse>> = {}, base: Partial<MyPointsResponse> = {}) {
  return fakeApi({
    'GET /me': { status: 200, body: ME },
    'GET /points/me': (req: SentRequest) => {
      const period = new URL(req.path, 'http://x').searchParams.get('period') ?? NOW.year;
      return { status: 200, body: { ...MY_POINTS, ...base, period, ...(byPeriod[period] ?? {}) } };
    },
  });
}

const pointsRequests = () => wxLog.requests.filter((r) => r.path.startsWith('/points/me'));

describe('我的积分', () => {
  test("shows this year's balance big, each entry with date, reason, signed points, source and reversal marks", async () => {
    onRequest(pointsApi());
    const p = open('/pages/points/index');
    await waitFor(() => p.find('points-balance'));
    expect(p.find('points-balance')?.textContent).toBe('23分');
    expect(p.find('points-period')?.textContent).toBe(`本年积分（${NOW.year}年）`);

    // the request asked for this year, with the token
    expect(pointsRequests()[0].path).toBe(`/points/me?period=${NOW.year}`);
    expect(pointsRequests()[0].header.Authorization).toBe('Bearer tok-abc');

    const row = (id: string) => (p.find(`entry-${id}`)?.textContent ?? '').replace(/\s+/g, ' ');
    expect(row('9001')).toContain('参加11月主题党日');
    expect(row('9001')).toContain('2026-11-10');
    expect(row('9001')).toContain('活动签到');
    expect(row('9001')).toContain('+20');
    expect(row('9000')).toContain('学习心得');
    expect(row('9000')).toContain('+3');
    // the reversed adjustment and its reversal
    expect(row('9002')).toContain('义务清扫村道');
    expect(row('9002')).toContain('管理员调整');
    expect(row('9002')).toContain('已冲正');
    expect(row('9003')).toContain('冲正：重复录入');
    expect(row('9003')).toContain('−5');
    expect(p.find('mark-9002')?.textContent).toBe('已冲正');
    expect(p.find('mark-9003')?.textContent).toBe('冲正');
    expect(p.find('mark-9001')).toBeNull();
    expect(p.find('mark-9000')).toBeNull();
    // no English codes leak to the screen
    expect(p.text()).not.toMatch(/checkin|study_note|adjustment|reversal/);
    // entries in the server's order (newest first)
    const text = p.text();
    expect(text.indexOf('冲正：重复录入')).toBeLessThan(text.indexOf('参加11月主题党日'));

    expect(p.find('points-note')?.textContent).toContain('积分依据参加组织生活、学习和服务获得');
    expect(p.find('points-note')?.textContent).toContain('不统计在线时长');
  });

  test('the period switch asks for this quarter and this month (Asia/Shanghai) and shows their balance', async () => {
    onRequest(pointsApi({ [NOW.quarter]: { balance: 15 }, [NOW.month]: { balance: 7, entries: [] } }));
    const p = open('/pages/points/index');
    await waitFor(() => p.find('points-balance'));
    expect(p.find('points-balance')?.textContent).toBe('23分');

    await p.tap('period-quarter');
    await waitFor(() => p.find('points-balance')?.textContent === '15分');
    expect(pointsRequests().at(-1)!.path).toBe(`/points/me?period=${NOW.quarter}`);
    expect(pointsRequests().at(-1)!.path).toMatch(/^\/points\/me\?period=\d{4}-Q[1-4]$/);
    expect(p.find('points-period')?.textContent).toContain('本季度积分');

    await p.tap('period-month');
    await waitFor(() => p.find('points-balance')?.textContent === '7分');
    expect(pointsRequests().at(-1)!.path).toBe(`/points/me?period=${NOW.month}`);
    expect(pointsRequests().at(-1)!.path).toMatch(/^\/points\/me\?period=\d{4}-\d{2}$/);
    expect(p.find('points-period')?.textContent).toContain('本月积分');
    await waitForText(p, '暂无积分记录');

    await p.tap('period-year');
    await waitFor(() => p.find('points-balance')?.textContent === '23分');
    expect(pointsRequests().map((r) => r.path)).toEqual([
      `/points/me?period=${NOW.year}`,
      `/points/me?period=${NOW.quarter}`,
      `/points/me?period=${NOW.month}`,
      `/points/me?period=${NOW.year}`,
    ]);
  });

  test('no rank line and no ranking link where the branch does not show rankings', async () => {
    // even if a rank slipped through, rankingVisible false hides it
    onRequest(pointsApi({}, { rankingVisible: false, rank: 2 }));
    const p = open('/pages/points/index');
    await waitFor(() => p.find('points-balance'));
    await flush(50);
    expect(p.find('points-rank')).toBeNull();
    expect(p.find('points-ranking-link')).toBeNull();
    expect(p.text()).not.toContain('排名');
  });

  test('the rank line and the link to the branch ranking where the branch shows rankings', async () => {
    onRequest(pointsApi({}, { rankingVisible: true, rank: 2 }));
    const p = open('/pages/points/index');
    await waitFor(() => p.find('points-rank'));
    expect(p.find('points-rank')?.textContent).toBe('本支部排名 第2名');
    await p.tap('points-ranking-link');
    await waitFor(() => wxLog.navigation.length > 0);
    expect(wxLog.navigation).toEqual([{ api: 'navigateTo', url: `/pages/points/ranking?period=${NOW.year}` }]);
  });

  test('an empty ledger shows 暂无积分记录 and a zero balance', async () => {
    onRequest(pointsApi({}, { balance: 0, entries: [] }));
    const p = open('/pages/points/index');
    await waitForText(p, '暂无积分记录');
    expect(p.find('points-balance')?.textContent).toBe('0分');
  });

  test("a failure shows the server's Chinese message on the page", async () => {
    onRequest(fakeApi({ 'GET /points/me': apiError(500, 'INTERNAL', ERRORS.INTERNAL.message) }));
    const p = open('/pages/points/index');
    await waitForText(p, ERRORS.INTERNAL.message);
    expect(p.find('points-balance')).toBeNull();
  });

  test('without a token it goes to sign-in without calling the API', async () => {
    storage.clear();
    onRequest(pointsApi());
    open('/pages/points/index');
    await waitFor(() => wxLog.navigation.length > 0);
    expect(wxLog.navigation).toEqual([{ api: 'reLaunch', url: '/pages/login/index' }]);
    expect(pointsRequests()).toHaveLength(0);
  });
});

describe('支部积分排名', () => {
  test('lists rank, name and points, tied members sharing a rank, for the period it was opened with', async () => {
    onRequest(fakeApi({ 'GET /points/rankings': { status: 200, body: RANKING } }));
    const p = open('/pages/points/ranking', { period: NOW.quarter });
    await waitFor(() => p.find('ranking-102'));
    const req = wxLog.requests.find((r) => r.path.startsWith('/points/rankings'))!;
    expect(new URL(req.path, 'http://x').searchParams.get('period')).toBe(NOW.quarter);
    const row = (id: string) => (p.find(`ranking-${id}`)?.textContent ?? '').replace(/\s+/g, '');
    expect(row('103')).toBe('第1名赵红梅40分');
    expect(row('101')).toBe('第2名王秀兰23分');
    expect(row('104')).toBe('第2名孙立平23分');
    expect(row('102')).toBe('第4名李建国0分');
  });

  test("RANKING_HIDDEN: the server's message is the page, without a list", async () => {
    onRequest(fakeApi({ 'GET /points/rankings': apiError(403, 'RANKING_HIDDEN', ERRORS.RANKING_HIDDEN.message) }));
    const p = open('/pages/points/ranking');
    await waitFor(() => p.find('ranking-message'));
    expect(p.find('ranking-message')?.textContent).toBe(ERRORS.RANKING_HIDDEN.message);
    expect(p.text()).not.toContain('第1名');
    expect(wxLog.navigation).toEqual([]);
  });
});

describe('评比通报', () => {
  test('the list shows title, org, period and published date, and opens the detail', async () => {
    onRequest(fakeApi({ 'GET /points/notices': { status: 200, body: { items: [NOTICE], total: 1 } } }));
    const p = open('/pages/notices/index');
    await waitFor(() => p.find('notice-31'));
    const item = (p.find('notice-31')?.textContent ?? '').replace(/\s+/g, ' ');
    expect(item).toContain(NOTICE.title);
    expect(item).toContain('青山镇党委');
    expect(item).toContain('2026年第三季度');
    expect(item).toContain('发布于 2026-10-09');
    await p.tap('notice-31');
    await waitFor(() => wxLog.navigation.length > 0);
    expect(wxLog.navigation).toEqual([{ api: 'navigateTo', url: '/pages/notices/detail?id=31' }]);
  });

  test('an empty list says so', async () => {
    onRequest(fakeApi({ 'GET /points/notices': { status: 200, body: { items: [], total: 0 } } }));
    const p = open('/pages/notices/index');
    await waitFor(() => p.find('notices-empty'));
    expect(p.find('notices-empty')?.textContent).toBe('暂无评比通报');
  });

  test('the detail shows title, the body as paragraphs and the top list', async () => {
    onRequest(fakeApi({ 'GET /points/notices/31': { status: 200, body: NOTICE } }));
    const p = open('/pages/notices/detail', { id: '31' });
    await waitFor(() => p.find('notice-title'));
    expect(p.find('notice-title')?.textContent).toBe(NOTICE.title);
    expect(p.find('notice-meta')?.textContent).toContain('青山镇党委');
    expect(p.find('notice-meta')?.textContent).toContain('发布于 2026-10-09');
    const body = p.find('notice-body')!;
    const paragraphs = Array.from(body.querySelectorAll('*'))
      .map((el) => el.textContent?.trim() ?? '')
      .filter((t, i, all) => t && all.indexOf(t) === i && !t.includes('\n'));
    expect(paragraphs).toEqual(
      expect.arrayContaining(['各村党支部：', '现将第三季度党员积分评比情况通报如下。', '希望受到表扬的同志再接再厉。']),
    );
    const top = (p.find('notice-top')?.textContent ?? '').replace(/\s+/g, '');
    expect(top).toContain('第1名赵红梅红旗村党支部40分');
    expect(top).toContain('第2名周国强东风村党支部35分');
  });

  test('a notice the member may not read shows the message', async () => {
    onRequest(fakeApi({ 'GET /points/notices/99': apiError(404, 'NOT_FOUND', ERRORS.NOT_FOUND.message) }));
    const p = open('/pages/notices/detail', { id: '99' });
    await waitFor(() => p.find('notice-error'));
    expect(p.find('notice-error')?.textContent).toBe(ERRORS.NOT_FOUND.message);
  });
});

describe('entries', () => {
  test.each([
    ['entry-points', '/pages/points/index'],
    ['entry-notices', '/pages/notices/index'],
  ])('我的 → %s opens %s', async (id, url) => {
    onRequest(fakeApi({ 'GET /me': { status: 200, body: ME } }));
    const p = open('/pages/mine/index');
    await waitForText(p, '王秀兰');
    expect(p.text()).toContain('我的积分');
    expect(p.text()).toContain('评比通报');
    await p.tap(id);
    await waitFor(() => wxLog.navigation.length > 0);
    expect(wxLog.navigation).toEqual([{ api: 'navigateTo', url }]);
  });

  test("首页 shows this year's points in a small card that opens 我的积分", async () => {
    onRequest(pointsApi());
    const p = open('/pages/index/index');
    await waitFor(() => p.find('home-points-value'));
    expect(p.find('home-points-value')?.textContent).toBe('23分');
    expect(p.find('home-points')?.textContent).toContain('本年积分');
    await p.tap('home-points');
    await waitFor(() => wxLog.navigation.length > 0);
    expect(wxLog.navigation).toEqual([{ api: 'navigateTo', url: '/pages/points/index' }]);
  });

  test('首页 leaves the card out, without a toast, when the points cannot be loaded', async () => {
    onRequest(fakeApi({ 'GET /me': { status: 200, body: ME }, 'GET /points/me': apiError(500, 'INTERNAL', ERRORS.INTERNAL.message) }));
    const p = open('/pages/index/index');
    await waitForText(p, '王秀兰同志，您好');
    await waitFor(() => pointsRequests().length > 0);
    await flush(50);
    expect(p.find('home-points')).toBeNull();
    expect(wxLog.toasts).toEqual([]);
  });
});
