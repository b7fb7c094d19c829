/**
 * 活动 and 签到 in the built mini-program: the list with my status, the detail's one-tap check-in
 * (scan → POST {activityId, token}; location only where the geofence alone is on), the result
 * (+N 积分, 已签到, the server's Chinese reason), leave, remote attendance, the organiser's QR code
 * page, 代签 and leave approvals, 整改通知, and 首页's 近期活动.
 */
import zlib from 'node:zlib';
import { Ecc, QrCode } from '@rc-component/qrcode/lib/libs/qrcodegen';
import { ERRORS, type ActivityView, type CheckInResponse, type Page } from '@djzy/shared';
import { ATTENDANCE, ME, RECTIFICATION, activity, checkInView, hoursFromNow } from './fixtures';
import {
  apiError,
  fakeApi,
  flush,
  ok,
  onRequest,
  setLocation,
  setModalConfirm,
  setScanResult,
  signedInPages,
  waitFor,
  waitForText,
  wxLog,
  type FakeResponse,
  type RenderedPage,
  type RequestHandler,
  type SentRequest,
} from './harness';

const open = signedInPages();

/** Every PNG data URL in the page's render data (an <Image>'s src lives there, not in the DOM). */
function pngSources(p: RenderedPage): string[] {
  const found: string[] = [];
  const walk = (v: unknown) => {
    if (typeof v === 'string') {
      if (v.startsWith('data:image/png;base64,')) found.push(v);
    } else if (v && typeof v === 'object') Object.values(v).forEach(walk);
  };
  walk((p.root.instance as { data?: unknown }).data);
  return found;
}

/** Reads a 1-bit PNG back into QR modules (one sample in the middle of each module). */
function modulesOf(dataUrl: string, size: number, quiet = 4): boolean[][] {
  const buf = Buffer.from(dataUrl.split(',')[1], 'base64');
  const idat: Buffer[] = [];
  let width = 0;
  for (let o = 8; o < buf.length;) {
    const len = buf.readUInt32BE(o);
    const type = buf.toString('ascii', o + 4, o + 8);
    const data = buf.subarray(o + 8, o + 8 + len);
    expect(buf.readUInt32BE(o + 8 + len)).toBe(crc32(buf.subarray(o + 4, o + 8 + len)));
    if (type === 'IHDR') width = data.readUInt32BE(0);
    if (type === 'IDAT') idat.push(data);
    o += 12 + len;
  }
  const raw = zlib.inflateSync(Buffer.concat(idat));
  const rowBytes = Math.ceil(width / 8) + 1;
  const scale = width / (size + quiet * 2);
  return Array.from({ length: size }, (_, my) =>
    Array.from({ length: size }, (_, mx) => {
      const y = Math.floor((my + quiet + 0.5) * scale);
      const x = Math.floor((mx + quiet + 0.5) * scale);
      return ((raw[y * rowBytes + 1 + (x >> 3)] >> (7 - (x & 7))) & 1) === 0;
    }),
  );
}

function crc32(bytes: Uint8Array): number {
  let c = 0xffffffff;
  for (const b of bytes) {
    c ^= b;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  }
  return (c ^ 0xffffffff) >>> 0;
}
const posts = (path: string) => wxLog.requests.filter((r) => r.method === 'POST' && r.path === path);
const query = (req: SentRequest) => new URL(req.path, 'http://x').searchParams;

/** The API of a detail page showing `a`, with POST /checkins answered by `checkin`. */
function detailApi(a: ActivityView, routes: Record<string, RequestHandler | FakeResponse> = {}): RequestHandler {
  return fakeApi({
    'GET /me': ok(ME),
    [`GET /activities/${a.id}`]: ok(a),
    [`GET /activities/${a.id}/record`]: ok({ activityId: a.id, minutes: '', updatedAt: null, photos: [] }),
    'POST /checkins': ok({ checkIn: checkInView({ activityId: a.id }), pointsAwarded: 20 } satisfies CheckInResponse, 201),
    ...routes,
  });
}

async function openDetail(a: ActivityView): Promise<RenderedPage> {
  const p = open('/pages/activity-detail/index', { id: a.id });
  await waitFor(() => p.find('detail-title'));
  return p;
}

describe('活动 list', () => {
  const now = Date.now();
  const upcoming: ActivityView[] = [
    activity({ id: 'A1', title: '支委会（进行中）', myStatus: 'open' }),
    activity({
      id: 'A2',
      title: '主题党日',
      kind: 'fixed_day',
      startsAt: '2031-12-05T09:00:00+08:00',
      endsAt: '2031-12-05T11:00:00+08:00',
      myStatus: 'not_started',
    }),
    activity({
      id: 'A3',
      title: '党课',
      kind: 'party_lecture',
      startsAt: hoursFromNow(300),
      endsAt: hoursFromNow(302),
      myStatus: 'leave_pending',
    }),
  ];
  const past: ActivityView[] = [
    // still running: started before now, so the server returns it for `to=now` too
    activity({ id: 'A1', title: '支委会（进行中）', myStatus: 'open' }),
    activity({
      id: 'P1',
      title: '10月主题党日',
      kind: 'fixed_day',
      startsAt: hoursFromNow(-500),
      endsAt: hoursFromNow(-498),
      myStatus: 'checked_in',
    }),
    activity({
      id: 'P2',
      title: '9月党员大会',
      kind: 'general_meeting',
      startsAt: hoursFromNow(-900),
      endsAt: hoursFromNow(-898),
      myStatus: 'excused',
    }),
    activity({
      id: 'P3',
      title: '8月党小组会',
      kind: 'group_meeting',
      startsAt: hoursFromNow(-1500),
      endsAt: hoursFromNow(-1498),
      myStatus: 'absent',
    }),
  ];
  const listApi = () =>
    fakeApi({
      'GET /activities': (req) => {
        const q = query(req);
        const items = q.get('from') ? upcoming : past;
        return ok({ items, total: items.length } satisfies Page<ActivityView>);
      },
    });

  test('即将开始 asks for my activities from now on and shows kind, title, place and my status in Chinese', async () => {
    onRequest(listApi());
    const p = open('/pages/activities/index');
    await waitFor(() => p.find('activity-A1'));
    const req = wxLog.requests.find((r) => r.path.startsWith('/activities?'))!;
    expect(query(req).get('mine')).toBe('true');
    expect(new Date(query(req).get('from')!).getTime()).toBeGreaterThanOrEqual(now - 60_000);
    expect(query(req).get('from')).toMatch(/\+08:00$/);
    expect(req.header.Authorization).toBe('Bearer tok-abc');

    expect(p.find('activity-status-A1')?.textContent).toBe('可签到');
    expect(p.find('activity-status-A2')?.textContent).toBe('未开始');
    expect(p.find('activity-status-A3')?.textContent).toBe('请假待批');
    const card = (p.find('activity-A2')?.textContent ?? '').replace(/\s+/g, '');
    expect(card).toContain('主题党日');
    expect(card).toContain('红旗村党员活动室');
    expect(card).toContain('时间：12月5日（周五）09:00–11:00');
    expect(p.text()).not.toMatch(/committee_meeting|fixed_day|not_started|leave_pending/);

    await p.tap('activity-A1');
    await waitFor(() => wxLog.navigation.length > 0);
    expect(wxLog.navigation).toEqual([{ api: 'navigateTo', url: '/pages/activity-detail/index?id=A1' }]);
  });

  test('往期 shows the finished ones, latest first, with 已签到 / 已请假 / 缺席, and not the one still running', async () => {
    onRequest(listApi());
    const p = open('/pages/activities/index');
    await waitFor(() => p.find('activity-A1'));
    await p.tap('segment-past');
    await waitFor(() => p.find('activity-P1'));
    const req = wxLog.requests.filter((r) => r.path.startsWith('/activities?')).at(-1)!;
    expect(query(req).get('to')).toBeTruthy();
    expect(query(req).get('mine')).toBe('true');
    expect(p.find('activity-status-P1')?.textContent).toBe('已签到');
    expect(p.find('activity-status-P2')?.textContent).toBe('已请假');
    expect(p.find('activity-status-P3')?.textContent).toBe('缺席');
    expect(p.find('activity-A1')).toBeNull();
  });

  test('pull-down refresh asks again and shows the new status', async () => {
    let status: ActivityView['myStatus'] = 'open';
    onRequest(
      fakeApi({
        'GET /activities': () => ok({ items: [activity({ id: 'A1', myStatus: status })], total: 1 }),
      }),
    );
    const p = open('/pages/activities/index');
    await waitFor(() => p.find('activity-status-A1')?.textContent === '可签到');
    status = 'checked_in';
    (p.root.instance as { onPullDownRefresh?: () => void }).onPullDownRefresh?.();
    await waitFor(() => p.find('activity-status-A1')?.textContent === '已签到');
    expect(wxLog.requests.filter((r) => r.path.startsWith('/activities?'))).toHaveLength(2);
  });

  test('an empty list says so', async () => {
    onRequest(fakeApi({ 'GET /activities': ok({ items: [], total: 0 }) }));
    const p = open('/pages/activities/index');
    await waitFor(() => p.find('activities-empty'));
    expect(p.find('activities-empty')?.textContent).toBe('近期没有活动');
  });
});

describe('签到 on the detail', () => {
  test('shows the place of an activity without a geofence (the place is the activity’s own)', async () => {
    const a = activity({ id: 'P1', location: null, place: '村委会二楼会议室' });
    onRequest(detailApi(a));
    const p = await openDetail(a);
    await waitFor(() => p.find('detail-place'));
    expect(p.find('detail-place')?.textContent).toContain('村委会二楼会议室');
  });

  test('a QR activity: 扫码签到 opens the camera scanner, posts {activityId, token} from the QR text, shows +N 积分', async () => {
    const a = activity({ id: 'A1' });
    onRequest(detailApi(a));
    setScanResult('djzy:checkin:A1:tok-9f3a');
    const p = await openDetail(a);
    expect(p.find('detail-status')?.textContent).toBe('可签到');
    expect(p.find('detail-title')?.textContent).toBe(a.title);

    await p.tap('checkin-btn');
    await waitFor(() => p.find('checkin-points'));
    expect(wxLog.scans).toHaveLength(1);
    expect(wxLog.scans[0]).toMatchObject({ onlyFromCamera: true, scanType: ['qrCode'] });
    expect(posts('/checkins').map((r) => r.data)).toEqual([{ activityId: 'A1', token: 'tok-9f3a' }]);
    expect(p.find('checkin-success')?.textContent).toBe('签到成功');
    expect(p.find('checkin-points')?.textContent).toBe('+20 积分');
    expect(p.find('detail-status')?.textContent).toBe('已签到');
    expect(p.find('checkin-btn')).toBeNull();
    // location is never asked for a QR-only activity
    expect(wxLog.locations).toHaveLength(0);
    expect(wxLog.requests.filter((r) => r.path === '/me')).toHaveLength(0);
  });

  test('the page showing again when the scanner closes does not bring the 签到 button back', async () => {
    const a = activity({ id: 'A1' });
    let gets = 0;
    onRequest(
      detailApi(a, {
        // the reload races the check-in and still answers "open"
        'GET /activities/A1': () => {
          gets += 1;
          return ok(a);
        },
      }),
    );
    setScanResult('djzy:checkin:A1:tok-race');
    const p = await openDetail(a);
    await p.tap('checkin-btn');
    await waitFor(() => p.find('checkin-points'));
    const instance = p.root.instance as { onShow?: () => void };
    instance.onShow?.();
    await waitFor(() => gets === 2);
    await flush(30);
    expect(p.find('detail-status')?.textContent).toBe('已签到');
    expect(p.find('checkin-btn')).toBeNull();
  });

  test('a member with a pending leave who comes after all can still check in', async () => {
    const a = activity({ id: 'A1', myStatus: 'leave_pending' });
    onRequest(detailApi(a));
    setScanResult('djzy:checkin:A1:tok-3');
    const p = await openDetail(a);
    expect(p.find('detail-status')?.textContent).toBe('请假待批');
    await p.tap('checkin-btn');
    await waitFor(() => p.find('checkin-points'));
    expect(p.find('detail-status')?.textContent).toBe('已签到');
  });

  test('a repeat (pointsAwarded 0) shows 已签到, not points', async () => {
    const a = activity({ id: 'A1' });
    onRequest(detailApi(a, { 'POST /checkins': ok({ checkIn: checkInView(), pointsAwarded: 0 }) }));
    setScanResult('djzy:checkin:A1:tok-2');
    const p = await openDetail(a);
    await p.tap('checkin-btn');
    await waitFor(() => p.find('checkin-success'));
    expect(p.find('checkin-success')?.textContent).toBe('已签到');
    expect(p.text()).not.toContain('积分 +');
    expect(p.find('checkin-points')?.textContent).not.toMatch(/\+\d/);
  });

  test('a geo-only activity asks for the location (gcj02) and posts lat, lng and accuracy, without scanning', async () => {
    const a = activity({ id: 'G1', checkinModes: ['geo'] });
    onRequest(detailApi(a));
    setLocation({ latitude: 38.50012, longitude: 115.60031, accuracy: 35.4 });
    const p = await openDetail(a);
    expect(p.find('checkin-btn')?.textContent).toContain('定位签到');
    await p.tap('checkin-btn');
    await waitFor(() => p.find('checkin-points'));
    expect(wxLog.locations).toHaveLength(1);
    expect(wxLog.locations[0]).toMatchObject({ type: 'gcj02' });
    expect(wxLog.scans).toHaveLength(0);
    expect(posts('/checkins').map((r) => r.data)).toEqual([{ activityId: 'G1', lat: 38.50012, lng: 115.60031, accuracyM: 35 }]);
    expect(p.find('checkin-points')?.textContent).toBe('+20 积分');
  });

  test("CHECKIN_OUT_OF_RANGE shows the server's Chinese reason with the distance", async () => {
    const a = activity({ id: 'G1', checkinModes: ['geo'] });
    const message = '您距活动地点约 1250 米，超出签到范围（300 米）';
    onRequest(detailApi(a, { 'POST /checkins': apiError(400, 'CHECKIN_OUT_OF_RANGE', message, { distanceM: 1250, radiusM: 300 }) }));
    setLocation({ latitude: 38.51, longitude: 115.61, accuracy: 20 });
    const p = await openDetail(a);
    await p.tap('checkin-btn');
    await waitFor(() => p.find('checkin-error'));
    expect(p.find('checkin-error')?.textContent).toBe(message);
    expect(p.find('checkin-success')).toBeNull();
    // still open: the member may walk over and try again
    expect(p.find('checkin-btn')).not.toBeNull();
  });

  test("the catalogue's message when the server gives no distance in the text", async () => {
    const a = activity({ id: 'G1', checkinModes: ['geo'] });
    onRequest(
      detailApi(a, { 'POST /checkins': apiError(400, 'CHECKIN_OUT_OF_RANGE', ERRORS.CHECKIN_OUT_OF_RANGE.message, { distanceM: 640 }) }),
    );
    setLocation({ latitude: 38.51, longitude: 115.61, accuracy: 20 });
    const p = await openDetail(a);
    await p.tap('checkin-btn');
    await waitFor(() => p.find('checkin-error'));
    expect(p.find('checkin-error')?.textContent).toBe(`${ERRORS.CHECKIN_OUT_OF_RANGE.message}（您距活动地点约 640 米）`);
  });

  test('an expired code shows its Chinese message', async () => {
    const a = activity({ id: 'A1' });
    onRequest(detailApi(a, { 'POST /checkins': apiError(400, 'CHECKIN_TOKEN_EXPIRED', ERRORS.CHECKIN_TOKEN_EXPIRED.message) }));
    setScanResult('djzy:checkin:A1:old');
    const p = await openDetail(a);
    await p.tap('checkin-btn');
    await waitFor(() => p.find('checkin-error'));
    expect(p.find('checkin-error')?.textContent).toBe(ERRORS.CHECKIN_TOKEN_EXPIRED.message);
  });

  test("a QR code that is not ours, or another activity's, is refused without a request", async () => {
    const a = activity({ id: 'A1' });
    onRequest(detailApi(a));
    const p = await openDetail(a);
    setScanResult('https://example.com/whatever');
    await p.tap('checkin-btn');
    await waitFor(() => p.find('checkin-error'));
    expect(p.find('checkin-error')?.textContent).toContain('不是签到二维码');
    setScanResult('djzy:checkin:A7:tok');
    await p.tap('checkin-btn');
    await waitFor(() => p.find('checkin-error')?.textContent?.includes('其他活动'));
    expect(posts('/checkins')).toHaveLength(0);
  });

  test('closing the scanner does nothing', async () => {
    const a = activity({ id: 'A1' });
    onRequest(detailApi(a));
    setScanResult(null);
    const p = await openDetail(a);
    await p.tap('checkin-btn');
    await waitFor(() => wxLog.scans.length === 1);
    await flush(30);
    expect(p.find('checkin-error')).toBeNull();
    expect(posts('/checkins')).toHaveLength(0);
  });

  test('a check-in lost on the network is resent as it was by 重试', async () => {
    const a = activity({ id: 'A1' });
    let calls = 0;
    onRequest(
      detailApi(a, {
        'POST /checkins': () => {
          calls += 1;
          if (calls === 1) throw new Error('timeout');
          return ok({ checkIn: checkInView(), pointsAwarded: 20 }, 201);
        },
      }),
    );
    setScanResult('djzy:checkin:A1:tok-net');
    const p = await openDetail(a);
    await p.tap('checkin-btn');
    await waitFor(() => p.find('checkin-retry'));
    expect(p.find('checkin-error')?.textContent).toContain('网络不给力');
    await p.tap('checkin-retry');
    await waitFor(() => p.find('checkin-points'));
    expect(p.find('checkin-points')?.textContent).toBe('+20 积分');
    expect(posts('/checkins').map((r) => r.data)).toEqual([
      { activityId: 'A1', token: 'tok-net' },
      { activityId: 'A1', token: 'tok-net' },
    ]);
    expect(wxLog.scans).toHaveLength(1);
  });

  test('a check-in met by 503 (网络繁忙) is sent once more by itself, then 重试 is offered', async () => {
    const a = activity({ id: 'A1' });
    let calls = 0;
    onRequest(
      detailApi(a, {
        'POST /checkins': () => {
          calls += 1;
          if (calls <= 3) return apiError(503, 'SERVICE_UNAVAILABLE', ERRORS.SERVICE_UNAVAILABLE.message);
          return ok({ checkIn: checkInView(), pointsAwarded: 20 }, 201);
        },
      }),
    );
    setScanResult('djzy:checkin:A1:tok-busy');
    const p = await openDetail(a);
    await p.tap('checkin-btn');
    // The wrapper retried once on its own (two requests), then the page offers 重试.
    await waitFor(() => p.find('checkin-retry'), { timeout: 5000 });
    expect(calls).toBe(2);
    expect(p.find('checkin-error')?.textContent).toBe(ERRORS.SERVICE_UNAVAILABLE.message);
    await p.tap('checkin-retry');
    await waitFor(() => p.find('checkin-points'), { timeout: 5000 });
    expect(calls).toBe(4);
    expect(posts('/checkins').every((r) => JSON.stringify(r.data) === JSON.stringify({ activityId: 'A1', token: 'tok-busy' }))).toBe(true);
  });

  test('a mobile member sees 远程参加 where the activity allows it, and it posts remote: true', async () => {
    const a = activity({ id: 'L1', kind: 'party_lecture', allowRemote: true, checkinModes: ['qr', 'geo'] });
    onRequest(detailApi(a, { 'GET /me': ok({ ...ME, isMobile: true }) }));
    const p = await openDetail(a);
    await waitFor(() => p.find('remote-btn'));
    await p.tap('remote-btn');
    await waitFor(() => p.find('checkin-points'));
    expect(posts('/checkins').map((r) => r.data)).toEqual([{ activityId: 'L1', remote: true }]);
    expect(wxLog.scans).toHaveLength(0);
    expect(wxLog.locations).toHaveLength(0);
  });

  test('a member who is not mobile gets no 远程参加', async () => {
    const a = activity({ id: 'L1', kind: 'party_lecture', allowRemote: true });
    onRequest(detailApi(a));
    const p = await openDetail(a);
    await waitFor(() => wxLog.requests.some((r) => r.path === '/me'));
    await flush(30);
    expect(p.find('remote-btn')).toBeNull();
  });

  test('no 签到 button before the window opens, and the 记实 shows when there is one', async () => {
    const later = activity({ id: 'F1', startsAt: hoursFromNow(50), endsAt: hoursFromNow(52), myStatus: 'not_started' });
    onRequest(detailApi(later));
    const p = await openDetail(later);
    expect(p.find('detail-status')?.textContent).toBe('未开始');
    expect(p.find('checkin-btn')).toBeNull();
    expect(p.find('leave-open')).not.toBeNull();
    p.close();

    const done = activity({
      id: 'P1',
      startsAt: hoursFromNow(-50),
      endsAt: hoursFromNow(-48),
      myStatus: 'checked_in',
      myCheckIn: checkInView({ activityId: 'P1' }),
    });
    onRequest(
      detailApi(done, {
        'GET /activities/P1/record': ok({
          activityId: 'P1',
          minutes: '会议传达了上级精神，讨论了年终评议安排。',
          updatedAt: hoursFromNow(-40),
          photos: [
            {
              id: 'ph1',
              url: '/api/v1/activities/P1/photos/ph1?exp=1&sig=abc',
              contentType: 'image/jpeg',
              size: 1000,
              createdAt: hoursFromNow(-40),
            },
          ],
        }),
      }),
    );
    const q = await openDetail(done);
    await waitFor(() => q.find('record-minutes'));
    expect(q.find('record-minutes')?.textContent).toContain('讨论了年终评议安排');
    expect(q.find('record-photo-ph1')).not.toBeNull();
    expect(q.find('detail-status')?.textContent).toBe('已签到');
    expect(q.find('my-checkin')?.textContent).toContain('扫码签到');
    expect(q.find('checkin-btn')).toBeNull();
    expect(q.find('leave-open')).toBeNull();
  });
});

describe('请假', () => {
  test('the reason is required, then the leave is posted and the status becomes 请假待批', async () => {
    const a = activity({ id: 'F1', startsAt: hoursFromNow(50), endsAt: hoursFromNow(52), myStatus: 'not_started' });
    onRequest(
      detailApi(a, {
        'POST /activities/F1/leave': (req) =>
          ok(
            {
              id: 'L1',
              activityId: 'F1',
              memberId: '101',
              memberName: '王秀兰',
              reason: (req.data as { reason: string }).reason,
              status: 'pending',
              createdAt: new Date().toISOString(),
              decidedAt: null,
            },
            201,
          ),
      }),
    );
    const p = await openDetail(a);
    await p.tap('leave-open');
    await waitFor(() => p.find('leave-submit'));
    await p.tap('leave-submit');
    await waitFor(() => p.find('leave-error'));
    expect(p.find('leave-error')?.textContent).toBe('请填写请假事由');
    expect(posts('/activities/F1/leave')).toHaveLength(0);

    await p.input('leave-reason', '  在外地照顾生病的母亲  ');
    await p.tap('leave-submit');
    await waitFor(() => p.find('detail-status')?.textContent === '请假待批');
    expect(posts('/activities/F1/leave').map((r) => r.data)).toEqual([{ reason: '在外地照顾生病的母亲' }]);
    expect(p.find('leave-open')).toBeNull();
  });

  test("LEAVE_TOO_LATE shows the server's message", async () => {
    const a = activity({ id: 'F1', startsAt: hoursFromNow(0.2), endsAt: hoursFromNow(2), myStatus: 'open' });
    onRequest(detailApi(a, { 'POST /activities/F1/leave': apiError(400, 'LEAVE_TOO_LATE', ERRORS.LEAVE_TOO_LATE.message) }));
    const p = await openDetail(a);
    await p.tap('leave-open');
    await waitFor(() => p.find('leave-reason'));
    await p.input('leave-reason', '临时有事');
    await p.tap('leave-submit');
    await waitFor(() => p.find('leave-error'));
    expect(p.find('leave-error')?.textContent).toBe(ERRORS.LEAVE_TOO_LATE.message);
  });
});

describe('organiser', () => {
  const managed = activity({ id: 'A1', canManage: true, checkedInCount: 1 });

  test('the 管理 section shows 实到/请假/缺席/出席率, and a pending leave is approved', async () => {
    onRequest(
      detailApi(managed, {
        'GET /activities/A1/attendance': ok(ATTENDANCE),
        'POST /leave-requests/L9/approve': ok({ ...ATTENDANCE.pendingLeave[0], status: 'approved', decidedAt: new Date().toISOString() }),
      }),
    );
    const p = await openDetail(managed);
    await waitFor(() => p.find('attendance-summary'));
    expect(p.find('att-present')?.textContent).toBe('1');
    expect(p.find('att-excused')?.textContent).toBe('1');
    expect(p.find('att-absent')?.textContent).toBe('3');
    expect(p.find('att-rate')?.textContent).toBe('20%');
    expect(p.find('leave-L9')?.textContent).toContain('外出务工，无法赶回');

    await p.tap('approve-L9');
    await waitFor(() => posts('/leave-requests/L9/approve').length === 1);
    await waitFor(() => wxLog.requests.filter((r) => r.path === '/activities/A1/attendance').length === 2);

    await p.tap('manage-code');
    await p.tap('manage-roster');
    await waitFor(() => wxLog.navigation.length === 2);
    expect(wxLog.navigation.map((n) => n.url)).toEqual(['/pages/checkin-code/index?id=A1', '/pages/roster-checkin/index?id=A1']);
  });

  test('after the meeting: no QR code to show, and 代签 only within 12 hours of the end', async () => {
    const lately = activity({ id: 'A1', canManage: true, startsAt: hoursFromNow(-5), endsAt: hoursFromNow(-3), myStatus: 'checked_in' });
    onRequest(detailApi(lately, { 'GET /activities/A1/attendance': ok({ ...ATTENDANCE, closed: true }) }));
    const p = await openDetail(lately);
    await waitFor(() => p.find('attendance-summary'));
    expect(p.find('manage-code')).toBeNull();
    expect(p.find('manage-roster')).not.toBeNull();
    p.close();

    const old = activity({ id: 'A2', canManage: true, startsAt: hoursFromNow(-50), endsAt: hoursFromNow(-48), myStatus: 'checked_in' });
    onRequest(detailApi(old, { 'GET /activities/A2/attendance': ok({ ...ATTENDANCE, activityId: 'A2', closed: true }) }));
    const q = await openDetail(old);
    await waitFor(() => q.find('attendance-summary'));
    expect(q.find('manage-code')).toBeNull();
    expect(q.find('manage-roster')).toBeNull();
    expect(q.find('attendance-summary')?.textContent).toContain('缺席');
  });

  test('a member sees no 管理 section', async () => {
    onRequest(detailApi(activity({ id: 'A1' })));
    const p = await openDetail(activity({ id: 'A1' }));
    await flush(30);
    expect(p.find('manage')).toBeNull();
    expect(wxLog.requests.some((r) => r.path.includes('/attendance'))).toBe(false);
  });

  test('签到二维码 fetches the code, draws it, refreshes it every 20 s and the count every 5 s, and stops on leaving', async () => {
    let n = 0;
    let count = 1;
    onRequest(
      fakeApi({
        'GET /activities/A1/checkin-code': () => {
          n += 1;
          return ok({
            token: `tok${n}`,
            expiresAt: hoursFromNow(0.01),
            qrText: `djzy:checkin:A1:tok${n}`,
            shortCode: `10000${n}`,
            scene: `A1.10000${n}`,
          });
        },
        'GET /activities/A1': () => ok({ ...managed, checkedInCount: count }),
      }),
    );
    const intervals: { fn: () => void; ms: number; id: unknown }[] = [];
    const realSet = global.setInterval;
    const realClear = global.clearInterval;
    const cleared: unknown[] = [];
    const setSpy = jest.spyOn(global, 'setInterval').mockImplementation(((fn: () => void, ms: number) => {
      const id = realSet(() => undefined, 1e9);
      intervals.push({ fn, ms, id });
      return id;
    }) as typeof setInterval);
    const clearSpy = jest.spyOn(global, 'clearInterval').mockImplementation(((id: NodeJS.Timeout) => {
      cleared.push(id);
      realClear(id);
    }) as typeof clearInterval);
    try {
      const p = open('/pages/checkin-code/index', { id: 'A1' });
      await waitFor(() => p.find('code-short')?.textContent === '100001');
      await waitFor(() => p.find('code-count')?.textContent === '1');
      expect(p.find('code-image')).not.toBeNull();
      // the image is the QR code of exactly the server's qrText
      const expected = QrCode.encodeText('djzy:checkin:A1:tok1', Ecc.MEDIUM).getModules();
      expect(pngSources(p)).toHaveLength(1);
      expect(modulesOf(pngSources(p)[0], expected.length)).toEqual(expected);

      const code = intervals.find((i) => i.ms === 20_000);
      const poll = intervals.find((i) => i.ms === 5_000);
      expect(code).toBeTruthy();
      expect(poll).toBeTruthy();

      code!.fn();
      await waitFor(() => p.find('code-short')?.textContent === '100002');
      const next = QrCode.encodeText('djzy:checkin:A1:tok2', Ecc.MEDIUM).getModules();
      expect(modulesOf(pngSources(p)[0], next.length)).toEqual(next);
      count = 4;
      poll!.fn();
      await waitFor(() => p.find('code-count')?.textContent === '4');
      expect(wxLog.requests.filter((r) => r.path === '/activities/A1/checkin-code')).toHaveLength(2);

      p.close();
      expect(cleared).toEqual(expect.arrayContaining([code!.id, poll!.id]));
    } finally {
      setSpy.mockRestore();
      clearSpy.mockRestore();
    }
  });

  test("签到二维码 shows the server's message to someone who may not show it", async () => {
    onRequest(fakeApi({ 'GET /activities/A1/checkin-code': apiError(403, 'FORBIDDEN', '只有本组织的书记、委员或管理员可以操作') }));
    const p = open('/pages/checkin-code/index', { id: 'A1' });
    await waitForText(p, '只有本组织的书记、委员或管理员可以操作');
  });

  test('代签: search by name, tap, confirm, POST {memberId}; the member moves to 已签到', async () => {
    onRequest(
      fakeApi({
        'GET /activities/A1/attendance': ok(ATTENDANCE),
        'POST /activities/A1/checkins': (req) =>
          ok(
            {
              checkIn: checkInView({ memberId: (req.data as { memberId: string }).memberId, memberName: '李淑珍', method: 'roster' }),
              pointsAwarded: 20,
            },
            201,
          ),
      }),
    );
    const p = open('/pages/roster-checkin/index', { id: 'A1' });
    await waitFor(() => p.find('absent-201'));
    expect(p.find('roster-absent-title')?.textContent).toBe('未签到（3人）');

    await p.input('roster-search', '李');
    await waitFor(() => p.find('absent-201') === null);
    expect(p.find('absent-202')).not.toBeNull();
    expect(p.find('absent-203')).not.toBeNull();
    await p.input('roster-search', '淑珍');
    await waitFor(() => p.find('absent-203') === null);

    // a cancelled confirmation sends nothing
    setModalConfirm(false);
    await p.tap('absent-202');
    await waitFor(() => wxLog.modals.length === 1);
    await flush(30);
    expect(posts('/activities/A1/checkins')).toHaveLength(0);

    setModalConfirm(true);
    await p.tap('absent-202');
    await waitFor(() => p.find('present-202'));
    expect(wxLog.modals.at(-1)).toContain('李淑珍');
    expect(posts('/activities/A1/checkins').map((r) => r.data)).toEqual([{ memberId: '202' }]);
    expect(p.find('absent-202')).toBeNull();
    expect(p.find('present-202')?.textContent).toContain('代签');
    expect(p.find('roster-present-title')?.textContent).toBe('已签到（2人）');
  });
});

describe('整改通知 and 首页', () => {
  test('我的 → 整改通知: the list, and the detail with content, deadline and status', async () => {
    onRequest(fakeApi({ 'GET /me': ok(ME), 'GET /me/rectifications': ok([RECTIFICATION]) }));
    const mine = open('/pages/mine/index');
    await waitFor(() => mine.find('entry-rectifications'));
    await mine.tap('entry-rectifications');
    await waitFor(() => wxLog.navigation.length === 1);
    expect(wxLog.navigation[0]).toEqual({ api: 'navigateTo', url: '/pages/rectifications/index' });
    mine.close();

    const list = open('/pages/rectifications/index');
    await waitFor(() => list.find('rect-R1'));
    expect(list.find('rect-R1')?.textContent).toContain('2026-12-05');
    expect(list.find('rect-R1')?.textContent).toContain('整改中');
    await list.tap('rect-R1');
    await waitFor(() => wxLog.navigation.length === 2);
    expect(wxLog.navigation[1].url).toBe('/pages/rectifications/detail?id=R1');
    list.close();

    const detail = open('/pages/rectifications/detail', { id: 'R1' });
    await waitFor(() => detail.find('rect-content'));
    expect(detail.find('rect-content')?.textContent).toBe(RECTIFICATION.content);
    expect(detail.find('rect-deadline')?.textContent).toBe('2026-12-05前');
    expect(detail.find('rect-status')?.textContent).toBe('整改中');
    expect(detail.find('rect-missed')?.textContent).toContain('10月主题党日');
  });

  test('no notices: 没有整改通知', async () => {
    onRequest(fakeApi({ 'GET /me/rectifications': ok([]) }));
    const p = open('/pages/rectifications/index');
    await waitForText(p, '没有整改通知');
  });

  test('首页 近期活动 shows the next three of my activities, each opening its detail', async () => {
    const items = [
      activity({ id: 'A1', title: '支委会（进行中）' }),
      activity({ id: 'A2', title: '主题党日', startsAt: hoursFromNow(200), endsAt: hoursFromNow(202), myStatus: 'not_started' }),
    ];
    onRequest(
      fakeApi({
        'GET /me': ok(ME),
        'GET /points/me': apiError(500, 'INTERNAL', ERRORS.INTERNAL.message),
        'GET /activities': ok({ items, total: 2 }),
      }),
    );
    const p = open('/pages/index/index');
    await waitFor(() => p.find('upcoming-A2'));
    const req = wxLog.requests.find((r) => r.path.startsWith('/activities?'))!;
    expect(query(req).get('mine')).toBe('true');
    expect(query(req).get('pageSize')).toBe('3');
    expect(query(req).get('from')).toBeTruthy();
    expect(p.find('upcoming-status-A1')?.textContent).toBe('可签到');
    expect(p.text()).not.toContain('暂无近期活动');
    await p.tap('upcoming-A2');
    await waitFor(() => wxLog.navigation.length === 1);
    expect(wxLog.navigation[0]).toEqual({ api: 'navigateTo', url: '/pages/activity-detail/index?id=A2' });
  });

  test('首页 通知 shows the newest published 评比通报 (not 暂无通知), each opening its detail', async () => {
    const notice = (id: string, title: string) => ({
      id,
      orgId: 'T1',
      orgName: '城关镇党委',
      period: '2026-Q3',
      title,
      body: '',
      top: [],
      status: 'published',
      publishedAt: '2026-10-09T09:00:00+08:00',
      createdAt: '2026-10-08T09:00:00+08:00',
    });
    onRequest(
      fakeApi({
        'GET /me': ok(ME),
        'GET /points/me': apiError(500, 'INTERNAL', ERRORS.INTERNAL.message),
        'GET /activities': ok({ items: [], total: 0 }),
        'GET /points/notices': ok({ items: [notice('N1', '第三季度积分评比通报'), notice('N2', '第二季度积分评比通报')], total: 2 }),
      }),
    );
    const p = open('/pages/index/index');
    await waitFor(() => p.find('home-notice-N1'));
    expect(p.find('home-notice-N1')?.textContent).toContain('第三季度积分评比通报');
    expect(p.find('home-notice-N1')?.textContent).toContain('城关镇党委 · 2026-10-09');
    expect(p.find('notices')?.textContent).not.toContain('暂无通知');
    await p.tap('home-notice-N2');
    await waitFor(() => wxLog.navigation.length === 1);
    expect(wxLog.navigation[0]).toEqual({ api: 'navigateTo', url: '/pages/notices/detail?id=N2' });
  });

  test('首页 通知 says 暂无通知 only when nothing is published', async () => {
    onRequest(
      fakeApi({ 'GET /me': ok(ME), 'GET /activities': ok({ items: [], total: 0 }), 'GET /points/notices': ok({ items: [], total: 0 }) }),
    );
    const p = open('/pages/index/index');
    await waitFor(() => p.find('notices-empty'));
    expect(p.find('notices-empty')?.textContent).toBe('暂无通知');
  });
});
