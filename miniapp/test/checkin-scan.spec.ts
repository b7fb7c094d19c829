/**
 * 签到 in the meeting room without the in-app scanner: the page a 小程序码 opens from WeChat's own
 * 扫一扫 (`pages/checkin-scan/index?scene=`) — the activity, one 确认签到, POST {activityId, scene};
 * a scene not ours; sign-in first and back — the 6-digit code typed on the detail (POST
 * {activityId, shortCode}, the server's reasons, the lock after wrong codes), and the digits
 * under the organiser's QR code.
 */
import { CHECKIN_SCENE_PAGE, ERRORS, type CheckInResponse } from '@djzy/shared';
import { activity, checkInView, hoursFromNow, ME } from './fixtures';
import {
  TOKEN_KEY,
  apiError,
  fakeApi,
  flush,
  ok,
  onRequest,
  renderPage,
  resetWx,
  signedInPages,
  storage,
  waitFor,
  waitForText,
  wxLog,
  type RenderedPage,
} from './harness';

const open = signedInPages();
const SCAN = `/${CHECKIN_SCENE_PAGE}`;
const posts = () => wxLog.requests.filter((r) => r.method === 'POST' && r.path === '/checkins');

function scanApi(id = 'a1', routes: Parameters<typeof fakeApi>[0] = {}) {
  const a = activity({ id });
  return fakeApi({
    'GET /me': ok(ME),
    [`GET /activities/${id}`]: ok(a),
    'POST /checkins': ok({ checkIn: checkInView({ activityId: id }), pointsAwarded: 20 } satisfies CheckInResponse, 201),
    ...routes,
  });
}

async function openScan(scene: string): Promise<RenderedPage> {
  // WeChat hands the scene to the page URI-encoded
  const p = open(SCAN, { scene: encodeURIComponent(scene) });
  await waitFor(() => p.find('scan-title'));
  return p;
}

describe('the page a 小程序码 opens', () => {
  test('shows the activity and one 确认签到; nothing is sent before the tap; the tap posts {activityId, scene} and shows +N 积分', async () => {
    onRequest(scanApi());
    const p = await openScan('a1.482913');
    expect(p.find('scan-title')?.textContent).toBe('主题党日：学习年终民主评议党员工作要求');
    expect(p.find('scan-time')?.textContent).toContain('时间');
    expect(p.find('scan-place')?.textContent).toContain('红旗村党员活动室');
    await flush(30);
    expect(posts()).toHaveLength(0);

    await p.tap('scan-confirm');
    await waitFor(() => p.find('checkin-points'));
    expect(posts().map((r) => r.data)).toEqual([{ activityId: 'a1', scene: 'a1.482913' }]);
    expect(p.find('checkin-success')?.textContent).toBe('签到成功');
    expect(p.find('checkin-points')?.textContent).toBe('+20 积分');
    expect(p.find('scan-confirm')).toBeNull();
    expect(p.find('scan-detail')).not.toBeNull();
  });

  test("a repeat shows 已签到; an expired code shows the server's reason", async () => {
    onRequest(scanApi('a1', { 'POST /checkins': ok({ checkIn: checkInView(), pointsAwarded: 0 }) }));
    const p = await openScan('a1.482913');
    await p.tap('scan-confirm');
    await waitFor(() => p.find('checkin-success'));
    expect(p.find('checkin-success')?.textContent).toBe('已签到');
    p.close();

    onRequest(scanApi('a1', { 'POST /checkins': apiError(400, 'CHECKIN_TOKEN_EXPIRED', ERRORS.CHECKIN_TOKEN_EXPIRED.message) }));
    const q = await openScan('a1.482913');
    await q.tap('scan-confirm');
    await waitFor(() => q.find('checkin-error'));
    expect(q.find('checkin-error')?.textContent).toBe(ERRORS.CHECKIN_TOKEN_EXPIRED.message);
    expect(q.find('checkin-retry')).toBeNull();
  });

  test('lost on the network: 重试 sends the same body again', async () => {
    let calls = 0;
    onRequest(
      scanApi('a1', {
        'POST /checkins': () => {
          calls += 1;
          if (calls === 1) throw new Error('timeout');
          return ok({ checkIn: checkInView(), pointsAwarded: 20 }, 201);
        },
      }),
    );
    const p = await openScan('a1.482913');
    await p.tap('scan-confirm');
    await waitFor(() => p.find('checkin-retry'));
    expect(p.find('scan-confirm')).toBeNull(); // one action: 重试
    await p.tap('checkin-retry');
    await waitFor(() => p.find('checkin-points'));
    expect(posts().map((r) => r.data)).toEqual([
      { activityId: 'a1', scene: 'a1.482913' },
      { activityId: 'a1', scene: 'a1.482913' },
    ]);
  });

  test('met by 503 (网络繁忙): sent once more by itself, then 重试 is offered', async () => {
    let calls = 0;
    onRequest(
      scanApi('a1', {
        'POST /checkins': () => {
          calls += 1;
          if (calls <= 2) return apiError(503, 'SERVICE_UNAVAILABLE', ERRORS.SERVICE_UNAVAILABLE.message);
          return ok({ checkIn: checkInView(), pointsAwarded: 20 }, 201);
        },
      }),
    );
    const p = await openScan('a1.482913');
    await p.tap('scan-confirm');
    await waitFor(() => p.find('checkin-retry'), { timeout: 5000 });
    expect(p.find('checkin-error')?.textContent).toBe(ERRORS.SERVICE_UNAVAILABLE.message);
    await p.tap('checkin-retry');
    await waitFor(() => p.find('checkin-points'), { timeout: 5000 });
    expect(posts().every((r) => JSON.stringify(r.data) === JSON.stringify({ activityId: 'a1', scene: 'a1.482913' }))).toBe(true);
  });

  test('a member already checked in sees 已签到 and no 确认签到', async () => {
    onRequest(scanApi('a1', { 'GET /activities/a1': ok(activity({ id: 'a1', myStatus: 'checked_in', myCheckIn: checkInView() })) }));
    const p = await openScan('a1.482913');
    expect(p.find('scan-status')?.textContent).toBe('已签到');
    expect(p.find('scan-confirm')).toBeNull();
  });

  test('a scene that is not ours: a clear message, the way to 活动, and no request at all', async () => {
    onRequest(scanApi());
    const p = open(SCAN, { scene: encodeURIComponent('https://example.com/x') });
    await waitFor(() => p.find('scan-foreign'));
    expect(p.find('scan-foreign')?.textContent).toContain('这不是签到二维码');
    await flush(30);
    expect(wxLog.requests).toHaveLength(0);
    await p.tap('scan-to-activities');
    expect(wxLog.navigation).toEqual([{ api: 'switchTab', url: '/pages/activities/index' }]);
  });

  test("an activity the member may not see: the server's reason and the way to 活动", async () => {
    onRequest(scanApi('a1', { 'GET /activities/a9': apiError(404, 'NOT_FOUND', '活动不存在') }));
    const p = open(SCAN, { scene: 'a9.123456' });
    await waitForText(p, '活动不存在');
    expect(p.find('scan-to-activities')).not.toBeNull();
    expect(posts()).toHaveLength(0);
  });
});

describe('signed out, a 小程序码 signs the member in first and comes back with its scene', () => {
  let page: RenderedPage | null = null;
  afterEach(() => {
    page?.close();
    page = null;
  });

  test('scan page → 登录 → 微信一键登录 → back to the scan page with the same scene', async () => {
    resetWx();
    onRequest(
      scanApi('a1', {
        'GET /auth/options': ok({ demoMode: false }),
        'POST /auth/wechat': ok({ token: 'tok-new', member: ME }),
      }),
    );
    page = renderPage(SCAN, { scene: encodeURIComponent('a1.482913') });
    await waitFor(() => wxLog.navigation.length === 1);
    expect(wxLog.navigation).toEqual([{ api: 'reLaunch', url: '/pages/login/index' }]);
    expect(wxLog.requests).toHaveLength(0);
    page.close();

    page = renderPage('/pages/login/index');
    await waitFor(() => page!.find('wechat-login'));
    await page.tap('wechat-login');
    await waitFor(() => wxLog.navigation.length === 2);
    expect(storage.get(TOKEN_KEY)).toBe('tok-new');
    const back = wxLog.navigation[1];
    expect(back.api).toBe('reLaunch');
    expect(back.url).toBe(`${SCAN}?scene=${encodeURIComponent('a1.482913')}`);
    page.close();

    // opened again as WeChat would, the scene still checks in (after the tap only)
    page = renderPage(SCAN, { scene: new URL(back.url, 'http://x').searchParams.get('scene')! });
    await waitFor(() => page!.find('scan-confirm'));
    await page.tap('scan-confirm');
    await waitFor(() => page!.find('checkin-points'));
    expect(posts().map((r) => r.data)).toEqual([{ activityId: 'a1', scene: 'a1.482913' }]);
  });
});

describe('the 6-digit code on the activity detail', () => {
  async function openDetail(routes: Parameters<typeof fakeApi>[0] = {}): Promise<RenderedPage> {
    const a = activity({ id: 'A1' });
    onRequest(
      fakeApi({
        'GET /me': ok(ME),
        'GET /activities/A1': ok(a),
        'GET /activities/A1/record': ok({ activityId: 'A1', minutes: '', updatedAt: null, photos: [] }),
        'POST /checkins': ok({ checkIn: checkInView({ activityId: 'A1', method: 'qr' }), pointsAwarded: 20 }, 201),
        ...routes,
      }),
    );
    const p = open('/pages/activity-detail/index', { id: 'A1' });
    await waitFor(() => p.find('checkin-code-input'));
    return p;
  }

  test('labelled with the 6 digits, next to 扫码签到; typed digits post {activityId, shortCode}: +N 积分', async () => {
    const p = await openDetail();
    expect(p.text()).toContain('输入签到码（现场二维码下方的 6 位数字）');
    expect(p.find('checkin-btn')?.textContent).toContain('扫码签到');
    await p.input('checkin-code-input', '482913');
    await p.tap('checkin-code-btn');
    await waitFor(() => p.find('checkin-points'));
    expect(posts().map((r) => r.data)).toEqual([{ activityId: 'A1', shortCode: '482913' }]);
    expect(p.find('checkin-points')?.textContent).toBe('+20 积分');
    expect(p.find('checkin-code-input')).toBeNull();
    expect(wxLog.scans).toHaveLength(0);
  });

  test('a number keyboard with at most 6 digits', async () => {
    const p = await openDetail();
    // Taro's render data of the Input (its props under short keys): type number, maxlength 6
    let node: Record<string, unknown> | null = null;
    const walk = (v: unknown) => {
      if (!v || typeof v !== 'object' || node) return;
      if ((v as Record<string, unknown>).uid === 'checkin-code-input') node = v as Record<string, unknown>;
      else Object.values(v).forEach(walk);
    };
    walk((p.root.instance as { data?: unknown }).data);
    expect(node).not.toBeNull();
    const values = Object.values(node!);
    expect(values).toContain('number');
    expect(values).toContain(6);
    expect(values).not.toContain('text');
  });

  test('fewer than 6 digits: said on the page, nothing sent', async () => {
    const p = await openDetail();
    await p.input('checkin-code-input', '4829');
    await p.tap('checkin-code-btn');
    await waitFor(() => p.find('checkin-error'));
    expect(p.find('checkin-error')?.textContent).toBe('签到码应为 6 位数字');
    expect(posts()).toHaveLength(0);
  });

  test("a wrong code shows the server's reason; after too many, the lock (429 CHECKIN_CODE_LOCKED) with the server's message", async () => {
    let calls = 0;
    const locked = '签到码输错次数过多，请 10 分钟后再试，或请组织者代签';
    const p = await openDetail({
      'POST /checkins': () => {
        calls += 1;
        return calls === 1
          ? apiError(400, 'CHECKIN_TOKEN_INVALID', ERRORS.CHECKIN_TOKEN_INVALID.message)
          : apiError(429, 'CHECKIN_CODE_LOCKED', locked);
      },
    });
    await p.input('checkin-code-input', '111111');
    await p.tap('checkin-code-btn');
    await waitFor(() => p.find('checkin-error'));
    expect(p.find('checkin-error')?.textContent).toBe(ERRORS.CHECKIN_TOKEN_INVALID.message);
    await p.input('checkin-code-input', '222222');
    await p.tap('checkin-code-btn');
    await waitFor(() => p.find('checkin-error')?.textContent === locked);
    expect(p.find('checkin-retry')).toBeNull();
    expect(posts().map((r) => r.data)).toEqual([
      { activityId: 'A1', shortCode: '111111' },
      { activityId: 'A1', shortCode: '222222' },
    ]);
  });
});

describe("the organiser's 签到二维码", () => {
  test('shows the 6 digits under the QR code, and the new ones with the next code', async () => {
    let n = 0;
    const codes = ['482913', '075316'];
    onRequest(
      fakeApi({
        'GET /activities/A1/checkin-code': () => {
          const shortCode = codes[Math.min(n, 1)];
          n += 1;
          return ok({
            token: `tok${n}`,
            expiresAt: hoursFromNow(0.01),
            qrText: `djzy:checkin:A1:tok${n}`,
            shortCode,
            scene: `A1.${shortCode}`,
          });
        },
        'GET /activities/A1': ok(activity({ id: 'A1', canManage: true })),
      }),
    );
    const realSet = global.setInterval;
    const intervals: { fn: () => void; ms: number }[] = [];
    const spy = jest.spyOn(global, 'setInterval').mockImplementation(((fn: () => void, ms: number) => {
      intervals.push({ fn, ms });
      return realSet(() => undefined, 1e9);
    }) as typeof setInterval);
    try {
      const p = open('/pages/checkin-code/index', { id: 'A1' });
      await waitFor(() => p.find('code-short')?.textContent === '482913');
      expect(p.find('code-image')).not.toBeNull();
      expect(p.text()).toContain('签到码');
      intervals.find((i) => i.ms === 20_000)!.fn();
      await waitFor(() => p.find('code-short')?.textContent === '075316');
    } finally {
      spy.mockRestore();
    }
  });
});
