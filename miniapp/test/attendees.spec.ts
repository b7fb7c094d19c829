/**
 * Who should attend, in the built mini-program: the organiser's summary counts only those expected
 * (应到) and names apart who sits in (列席), who is a non-member and who is away (流动在外); a
 * member invited to sit in, or away, is told how they stand, and one who is expected is told nothing.
 */
import type { ActivityView } from '@djzy/shared';
import { ATTENDANCE, ME, activity, checkInView } from './fixtures';
import { fakeApi, ok, onRequest, setScanResult, signedInPages, waitFor, wxLog, type RenderedPage } from './harness';

const open = signedInPages();

function detailApi(a: ActivityView) {
  return fakeApi({
    'GET /me': ok(ME),
    [`GET /activities/${a.id}`]: ok(a),
    [`GET /activities/${a.id}/record`]: ok({ activityId: a.id, minutes: '', updatedAt: null, photos: [] }),
    [`GET /activities/${a.id}/attendance`]: ok(ATTENDANCE),
  });
}

async function openDetail(a: ActivityView): Promise<RenderedPage> {
  onRequest(detailApi(a));
  const p = open('/pages/activity-detail/index', { id: a.id });
  await waitFor(() => p.find('detail-title'));
  return p;
}

describe('organiser summary', () => {
  test('shows 应到 beside 实到, and who is listed apart on one line', async () => {
    const p = await openDetail(activity({ id: 'A1', canManage: true, checkedInCount: 1 }));
    await waitFor(() => p.find('attendance-summary'));
    expect(p.find('att-expected')?.textContent).toBe('5');
    expect(p.find('att-present')?.textContent).toBe('1');
    expect(p.find('attendance-summary')?.textContent).toContain('应到');
    expect(p.find('attendance-apart')?.textContent).toBe('另有列席 1 人、流动在外 1 人，不计入应到');
  });

  test('no apart line when nobody is listed apart', async () => {
    const a = activity({ id: 'A2', canManage: true });
    onRequest(
      fakeApi({
        'GET /me': ok(ME),
        'GET /activities/A2': ok(a),
        'GET /activities/A2/record': ok({ activityId: 'A2', minutes: '', updatedAt: null, photos: [] }),
        'GET /activities/A2/attendance': ok({ ...ATTENDANCE, activityId: 'A2', observers: [], guests: [], away: [] }),
      }),
    );
    const p = open('/pages/activity-detail/index', { id: 'A2' });
    await waitFor(() => p.find('attendance-summary'));
    expect(p.find('att-expected')?.textContent).toBe('5');
    expect(p.find('attendance-apart')).toBeNull();
  });
});

describe("the member's standing", () => {
  test('列席: told they may check in but are not counted and earn no points', async () => {
    const p = await openDetail(activity({ id: 'A3', myStanding: 'observer' }));
    await waitFor(() => p.find('my-standing'));
    expect(p.find('my-standing')?.textContent).toBe('您列席本次会议：可以签到，不计入应到人数，也不计出勤积分。');
    // A member who does not manage it asks for no attendance sheet.
    expect(wxLog.requests.some((r) => r.path.includes('/attendance'))).toBe(false);
  });

  test('a mobile member away is told the meeting does not count them unless they come', async () => {
    const p = await openDetail(activity({ id: 'A4', myStanding: 'away' }));
    await waitFor(() => p.find('my-standing'));
    expect(p.find('my-standing')?.textContent).toContain('流动党员');
  });

  test('expected: no note', async () => {
    const p = await openDetail(activity({ id: 'A5', myStanding: 'expected' }));
    await waitFor(() => p.find('my-status-card'));
    expect(p.find('my-standing')).toBeNull();
  });
});

describe('checking in without points', () => {
  test.each([
    ['observer', '列席人员签到，不计出勤积分'],
    ['guest', '入党申请人、积极分子和发展对象签到，不计党员积分'],
  ] as const)('a %s checking in is told it counts but earns no points (not 已签到过)', async (standing, line) => {
    const a = activity({ id: `S-${standing}`, myStanding: standing });
    onRequest(
      fakeApi({
        'GET /me': ok(ME),
        [`GET /activities/${a.id}`]: ok(a),
        [`GET /activities/${a.id}/record`]: ok({ activityId: a.id, minutes: '', updatedAt: null, photos: [] }),
        'POST /checkins': ok({ checkIn: checkInView({ activityId: a.id }), pointsAwarded: 0 }, 201),
      }),
    );
    setScanResult(`djzy:checkin:${a.id}:tok-1`);
    const p = open('/pages/activity-detail/index', { id: a.id });
    await waitFor(() => p.find('checkin-btn'));
    await p.tap('checkin-btn');
    await waitFor(() => p.find('checkin-points'));
    expect(p.find('checkin-success')?.textContent).toBe('签到成功');
    expect(p.find('checkin-points')?.textContent).toBe(line);
  });
});
