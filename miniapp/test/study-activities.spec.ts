/**
 * Study activities and study plans in the built mini-program: an online study activity (网络式)
 * lists its materials with ✓ 已学完 / 未学, opens them in the reader, never offers a scanner, a
 * location or 远程参加, and offers 确认出勤 (POST /checkins {activityId}) once all are done — with
 * the server's STUDY_NOT_COMPLETED message when they are not; paired study (结对式) lists the
 * pairs with my own first; a Party lecture shows 主讲人 and 主题; the reader opens a PDF with
 * downloadFile + openDocument and names the activities a completion attended; 学习 and 我的学习
 * list my study plans (学习计划) with 截止 and 已学 x / y, and a plan opens its materials.
 */
import { ERRORS, type ActivityView, type CheckInRequest, type CheckInResponse, type StudyPlanView } from '@djzy/shared';
import { CHARTER, ME, MY_STUDY, NOTE_REVIEW, QUIZ, activity, checkInView, material } from './fixtures';
import {
  apiError,
  BUILT_API_BASE,
  fakeApi,
  flush,
  ok,
  onRequest,
  setDownloadStatus,
  signedInPages,
  waitFor,
  waitForText,
  wxLog,
  type FakeResponse,
  type RenderedPage,
  type RequestHandler,
} from './harness';

const open = signedInPages();
const posts = (path: string) => wxLog.requests.filter((r) => r.method === 'POST' && r.path === path);
const gets = (path: string) => wxLog.requests.filter((r) => r.method === 'GET' && r.path === path);
/** Nothing on a study screen counts reading time. */
const noTimeFigures = (p: RenderedPage) => expect(p.text()).not.toMatch(/秒|分钟|小时|时长/);

/** The current online study activity of ME's branch: two weeks, no scanner, two materials. */
function onlineStudy(over: Partial<ActivityView> = {}): ActivityView {
  return activity({
    id: 'W1',
    title: '网络学习：学党章、知党史',
    kind: 'study_session',
    studyMode: 'online',
    location: null,
    checkinModes: [],
    startsAt: new Date(Date.now() - 86_400_000).toISOString(),
    endsAt: new Date(Date.now() + 14 * 86_400_000).toISOString(),
    materials: [
      { id: 'M1', title: '中国共产党章程（学习要点）', kind: 'article', completed: true },
      { id: 'M3', title: '党史知识小测验', kind: 'article', completed: false },
    ],
    ...over,
  });
}
const allDone = (a: ActivityView): ActivityView => ({ ...a, materials: a.materials.map((m) => ({ ...m, completed: true })) });

function detailApi(a: ActivityView, routes: Record<string, RequestHandler | FakeResponse> = {}): RequestHandler {
  return fakeApi({
    'GET /me': ok(ME),
    [`GET /activities/${a.id}`]: ok(a),
    [`GET /activities/${a.id}/record`]: ok({ activityId: a.id, minutes: '', updatedAt: null, photos: [] }),
    ...routes,
  });
}
async function openDetail(a: ActivityView): Promise<RenderedPage> {
  const p = open('/pages/activity-detail/index', { id: a.id });
  await waitFor(() => p.find('detail-title'));
  return p;
}

describe('网络学习 (online study activity)', () => {
  test('lists the materials with ✓ 已学完 / 未学 and 已学 1 / 2; no scanner, location or remote button; a material opens the reader', async () => {
    // Even with modes and remote set, an online study activity is attended by studying only.
    const a = onlineStudy({
      myStatus: 'open',
      checkinModes: ['qr', 'geo'],
      allowRemote: true,
      location: { name: '村部', lat: 38.5, lng: 115.6, radiusM: 300 },
    });
    onRequest(detailApi(a, { 'GET /me': ok({ ...ME, isMobile: true }) }));
    const p = await openDetail(a);
    await waitFor(() => p.find('study-materials'));
    expect(p.find('detail-study-mode')?.textContent).toContain('网络式');
    expect(p.find('study-auto-note')?.textContent).toBe('学完全部资料后自动计入出勤');
    // While it runs there is nothing to scan: the member is studying (not 可签到).
    expect(p.find('detail-status')?.textContent).toBe('学习中');
    expect(p.find('study-progress')?.textContent).toBe('已学 1 / 2');
    expect(p.find('act-material-M1')?.textContent).toContain('中国共产党章程（学习要点）');
    expect(p.find('act-material-status-M1')?.textContent).toBe('✓ 已学完');
    expect(p.find('act-material-status-M3')?.textContent).toBe('未学');
    expect(p.find('online-hint')).not.toBeNull();
    await flush(30);
    for (const id of ['checkin-btn', 'geo-btn', 'remote-btn', 'checkin-code-input', 'online-confirm']) expect(p.find(id)).toBeNull();
    expect(p.text()).not.toContain('扫码');
    expect(p.text()).not.toContain('定位签到');
    noTimeFigures(p);

    await p.tap('act-material-M3');
    await waitFor(() => wxLog.navigation.length > 0);
    expect(wxLog.navigation).toEqual([{ api: 'navigateTo', url: '/pages/study-reader/index?id=M3' }]);
    expect(wxLog.scans).toHaveLength(0);
    expect(wxLog.locations).toHaveLength(0);
  });

  test('all done and not yet present: 确认出勤 posts {activityId} only, then 已计入出勤 +N 积分 and 已签到 · 网络学习', async () => {
    const a = allDone(onlineStudy());
    let body: CheckInRequest | null = null;
    onRequest(
      detailApi(a, {
        'POST /checkins': (req) => {
          body = req.data as CheckInRequest;
          return ok({ checkIn: checkInView({ activityId: a.id, method: 'online' }), pointsAwarded: 5 } satisfies CheckInResponse, 201);
        },
      }),
    );
    const p = await openDetail(a);
    await waitFor(() => p.find('online-confirm'));
    expect(p.find('study-progress')?.textContent).toBe('已学 2 / 2');
    expect(p.find('online-hint')).toBeNull();
    await p.tap('online-confirm');
    await waitFor(() => p.find('checkin-points'));
    expect(body).toEqual({ activityId: 'W1' });
    expect(p.find('checkin-success')?.textContent).toBe('已计入出勤');
    expect(p.find('checkin-points')?.textContent).toBe('+5 积分');
    await waitFor(() => p.find('detail-status')?.textContent === '已签到');
    expect(p.find('my-checkin')?.textContent).toContain('网络学习');
    expect(p.find('online-confirm')).toBeNull();
  });

  test("STUDY_NOT_COMPLETED shows the server's Chinese message naming what is left, and the materials are fetched again", async () => {
    const a = allDone(onlineStudy());
    let fetched = 0;
    onRequest(
      detailApi(a, {
        // the server knows better: M3 was not finished after all
        'GET /activities/W1': () => ok(++fetched === 1 ? a : onlineStudy()),
        'POST /checkins': apiError(400, 'STUDY_NOT_COMPLETED', ERRORS.STUDY_NOT_COMPLETED.message, { remaining: ['M3'] }),
      }),
    );
    const p = await openDetail(a);
    await waitFor(() => p.find('online-confirm'));
    await p.tap('online-confirm');
    await waitFor(() => p.find('checkin-error'));
    const message = p.find('checkin-error')?.textContent ?? '';
    expect(message).toContain(ERRORS.STUDY_NOT_COMPLETED.message);
    expect(message).toContain('《党史知识小测验》');
    expect(posts('/checkins')).toHaveLength(1);
    await waitFor(() => p.find('act-material-status-M3')?.textContent === '未学');
    expect(gets('/activities/W1').length).toBe(2);
    expect(p.find('online-confirm')).toBeNull();
    expect(p.find('checkin-retry')).toBeNull();
  });

  test('already counted by the server: 已签到 · 网络学习 and no 确认出勤', async () => {
    const a = allDone(
      onlineStudy({ myStatus: 'checked_in', myCheckIn: checkInView({ activityId: 'W1', method: 'online' }), checkedInCount: 9 }),
    );
    onRequest(detailApi(a));
    const p = await openDetail(a);
    await waitFor(() => p.find('my-checkin'));
    expect(p.find('detail-status')?.textContent).toBe('已签到');
    expect(p.find('my-checkin')?.textContent).toContain('网络学习');
    expect(p.find('online-confirm')).toBeNull();
    expect(p.find('online-hint')).toBeNull();
  });

  test('once present, the member writes a reflection on the activity: POST /study/notes {activityId, content}', async () => {
    const a = allDone(onlineStudy({ myStatus: 'checked_in', myCheckIn: checkInView({ activityId: 'W1', method: 'online' }) }));
    const content = '这次网络学习让我重温了党章，要在村里带头做好服务。';
    onRequest(
      detailApi(a, {
        'POST /study/notes': ok(
          {
            note: { ...NOTE_REVIEW, activityId: 'W1', materialId: null, materialTitle: null, content, status: 'published' },
            pointsAwarded: 1,
          },
          201,
        ),
      }),
    );
    const p = await openDetail(a);
    await waitFor(() => p.find('note-form'));
    await p.input('note-content', '太短');
    await p.tap('note-submit');
    await waitFor(() => p.find('note-error'));
    expect(posts('/study/notes')).toHaveLength(0);
    await p.input('note-content', content);
    await p.tap('note-submit');
    await waitFor(() => p.find('note-result'));
    expect(posts('/study/notes').map((r) => r.data)).toEqual([{ activityId: 'W1', content }]);
    expect(p.find('note-result')?.textContent).toBe('已发布 +1 积分');
  });

  test('no reflection form before taking part', async () => {
    const a = onlineStudy({ myStatus: 'open' });
    onRequest(detailApi(a));
    const p = await openDetail(a);
    await waitFor(() => p.find('study-materials'));
    await flush(20);
    expect(p.find('note-form')).toBeNull();
  });

  test('not started yet: the materials show, no 确认出勤 even when all are done', async () => {
    const a = allDone(onlineStudy({ myStatus: 'not_started', startsAt: new Date(Date.now() + 3 * 86_400_000).toISOString() }));
    onRequest(detailApi(a));
    const p = await openDetail(a);
    await waitFor(() => p.find('act-material-M3'));
    await flush(30);
    expect(p.find('online-confirm')).toBeNull();
  });
});

describe('结对学习 and 党课', () => {
  test('paired study lists the pairs and shows mine on top as 我的结对：…', async () => {
    const a = activity({
      id: 'PS1',
      title: '结对学习：老党员带新党员',
      kind: 'study_session',
      studyMode: 'paired',
      myStatus: 'not_started',
      startsAt: new Date(Date.now() + 2 * 86_400_000).toISOString(),
      endsAt: new Date(Date.now() + 2 * 86_400_000 + 7_200_000).toISOString(),
      pairs: [
        { mentorId: '201', mentorName: '张德福', menteeId: '202', menteeName: '李淑珍' },
        { mentorId: '203', mentorName: '李国栋', menteeId: '101', menteeName: '王秀兰' },
      ],
    });
    onRequest(detailApi(a));
    const p = await openDetail(a);
    await waitFor(() => p.find('my-pair'));
    expect(p.find('detail-study-mode')?.textContent).toContain('结对式');
    expect(p.find('my-pair')?.textContent).toBe('我的结对：李国栋 ↔ 王秀兰');
    expect(p.find('pair-0')?.textContent).toBe('张德福 ↔ 李淑珍');
    expect(p.find('pair-1')?.textContent).toBe('李国栋 ↔ 王秀兰');
    expect(p.find('study-materials')).toBeNull();
  });

  test('someone not in any pair sees the pairs and no 我的结对', async () => {
    const a = activity({
      id: 'PS2',
      title: '结对学习',
      studyMode: 'paired',
      kind: 'study_session',
      pairs: [{ mentorId: '201', mentorName: '张德福', menteeId: '202', menteeName: '李淑珍' }],
    });
    onRequest(detailApi(a));
    const p = await openDetail(a);
    await waitFor(() => p.find('pair-0'));
    await waitFor(() => gets('/me').length > 0);
    await flush(30);
    expect(p.find('my-pair')).toBeNull();
  });

  test('a Party lecture shows 主讲人 and 主题', async () => {
    const a = activity({
      id: 'PL1',
      title: '党课：学习贯彻党的二十届三中全会精神',
      kind: 'party_lecture',
      lecturer: '刘建华（镇党委书记）',
      topic: '以改革精神推进乡村振兴',
    });
    onRequest(detailApi(a));
    const p = await openDetail(a);
    expect(p.find('detail-lecturer')?.textContent).toBe('主讲人刘建华（镇党委书记）');
    expect(p.find('detail-topic')?.textContent).toBe('主题以改革精神推进乡村振兴');
    // a lecture is a real meeting: the scanner stays
    expect(p.find('checkin-btn')?.textContent).toBe('扫码签到');
  });
});

describe('阅读: documents and attendance', () => {
  const DOC = material({
    id: 'M5',
    title: '乡村振兴政策汇编（PDF）',
    kind: 'document',
    body: null,
    url: '/api/v1/study/files/F1?sig=abc&exp=9',
    fileId: 'F1',
  });
  const docApi = () =>
    fakeApi({
      'GET /study/materials/M5': ok(DOC),
      'POST /study/materials/M5/sessions': ok({ sessionId: 'S5', minSeconds: 60, heartbeatSeconds: 30, alreadyCompleted: false }, 201),
    });

  test('打开文档 downloads the signed address and opens it with openDocument (pdf, no menu)', async () => {
    onRequest(docApi());
    const p = open('/pages/study-reader/index', { id: 'M5' });
    await waitFor(() => p.find('reader-open-doc'));
    await waitFor(() => posts('/study/materials/M5/sessions').length === 1);
    await p.tap('reader-open-doc');
    await waitFor(() => wxLog.documents.length > 0);
    const origin = BUILT_API_BASE.replace(/\/api\/v1$/, '');
    expect(wxLog.downloads).toEqual([`${origin}/api/v1/study/files/F1?sig=abc&exp=9`]);
    expect(wxLog.documents).toEqual([{ filePath: 'wxfile://tmp/1.pdf', fileType: 'pdf', showMenu: false }]);
    expect(p.find('reader-doc-error')).toBeNull();
    // the reading session is the same one: reading on does not start another
    expect(posts('/study/materials/M5/sessions')).toHaveLength(1);
    expect(p.find('reader-finish')).not.toBeNull();
    noTimeFigures(p);
  });

  test('a download that fails says so in Chinese and opens nothing', async () => {
    onRequest(docApi());
    setDownloadStatus(403);
    const p = open('/pages/study-reader/index', { id: 'M5' });
    await waitFor(() => p.find('reader-open-doc'));
    await p.tap('reader-open-doc');
    await waitFor(() => p.find('reader-doc-error'));
    expect(p.find('reader-doc-error')?.textContent).toBe('文档打开失败，请检查网络后重试');
    expect(wxLog.documents).toHaveLength(0);
  });

  test('a completion that attended an online study activity says 已计入「…」出勤', async () => {
    onRequest(
      fakeApi({
        'GET /study/materials/M3': ok({ ...QUIZ, quizMode: 'none', quiz: [] }),
        'POST /study/materials/M3/sessions': ok({ sessionId: 'S3', minSeconds: 30, heartbeatSeconds: 30, alreadyCompleted: false }, 201),
        'POST /study/sessions/S3/finish': ok({
          secondsCounted: 45,
          completed: true,
          pointsAwarded: 2,
          quizPassed: null,
          attended: [{ activityId: 'W1', title: '网络学习：学党章、知党史' }],
        }),
      }),
    );
    const p = open('/pages/study-reader/index', { id: 'M3' });
    await waitFor(() => p.find('reader-finish'));
    await waitFor(() => posts('/study/materials/M3/sessions').length === 1);
    await flush(20);
    await p.tap('reader-finish');
    await waitFor(() => p.find('reader-attended-W1'));
    expect(p.find('reader-result')?.textContent).toContain('已完成 +2 积分');
    expect(p.find('reader-attended-W1')?.textContent).toBe('已计入「网络学习：学党章、知党史」出勤');
    noTimeFigures(p);
  });
});

describe('学习计划', () => {
  const plan = (over: Partial<StudyPlanView> & Pick<StudyPlanView, 'id' | 'title'>): StudyPlanView => ({
    orgId: '11',
    orgName: '红旗村党支部',
    startsOn: '2026-11-01',
    endsOn: '2026-11-30',
    note: '请各位党员月底前学完。',
    status: 'current',
    materials: [
      { id: 'M1', title: '中国共产党章程（学习要点）', kind: 'article', completed: true },
      { id: 'M6', title: '乡村振兴政策解读（视频）', kind: 'video', completed: false },
    ],
    myDone: false,
    canManage: false,
    createdAt: '2026-10-28T09:00:00+08:00',
    ...over,
  });
  const CURRENT = plan({ id: 'PL1', title: '本月学习计划：党章与乡村振兴' });
  const DONE = plan({
    id: 'PL2',
    title: '专题学习计划',
    endsOn: '2026-12-15',
    materials: [{ id: 'M1', title: '中国共产党章程（学习要点）', kind: 'article', completed: true }],
    myDone: true,
  });

  test('学习 lists my current plans above the learning kit: 截止, 已学 x / y, ✓ 已完成; a plan opens', async () => {
    onRequest(
      fakeApi({
        'GET /study/materials': ok({ items: [CHARTER], total: 1 }),
        'GET /study/plans': ok({ items: [CURRENT, DONE], total: 2 }),
      }),
    );
    const p = open('/pages/study/index');
    await waitFor(() => p.find('plan-PL1'));
    await waitFor(() => p.find('material-M1'));
    const req = wxLog.requests.find((r) => r.path.startsWith('/study/plans'))!;
    expect(new URL(req.path, 'http://x').searchParams.get('status')).toBe('current');
    const text = p.text();
    expect(text.indexOf('学习计划')).toBeLessThan(text.indexOf('党员小书包'));
    expect(p.find('plan-PL1')?.textContent).toContain('本月学习计划：党章与乡村振兴');
    expect(p.find('plan-PL1')?.textContent).toContain('截止 2026-11-30');
    expect(p.find('plan-progress-PL1')?.textContent).toBe('已学 1 / 2');
    expect(p.find('plan-progress-PL2')?.textContent).toBe('✓ 已完成');
    noTimeFigures(p);
    await p.tap('plan-PL1');
    await waitFor(() => wxLog.navigation.length > 0);
    expect(wxLog.navigation).toEqual([{ api: 'navigateTo', url: '/pages/study-plan/index?id=PL1' }]);
  });

  test('no current plan: no 学习计划 section, the learning kit as before', async () => {
    onRequest(
      fakeApi({
        'GET /study/materials': ok({ items: [CHARTER], total: 1 }),
        'GET /study/plans': ok({ items: [], total: 0 }),
      }),
    );
    const p = open('/pages/study/index');
    await waitFor(() => p.find('material-M1'));
    await waitFor(() => wxLog.requests.some((r) => r.path.startsWith('/study/plans')));
    await flush(30);
    expect(p.find('study-plans')).toBeNull();
  });

  test('the plan page shows its dates, note, progress and materials; a material opens the reader', async () => {
    onRequest(fakeApi({ 'GET /study/plans/PL1': ok(CURRENT) }));
    const p = open('/pages/study-plan/index', { id: 'PL1' });
    await waitFor(() => p.find('plan-title'));
    expect(p.find('plan-title')?.textContent).toBe('本月学习计划：党章与乡村振兴');
    expect(p.find('plan-dates')?.textContent).toContain('2026-11-01 至 2026-11-30');
    expect(p.find('plan-dates')?.textContent).toContain('进行中');
    expect(p.find('plan-note')?.textContent).toBe('请各位党员月底前学完。');
    expect(p.find('plan-progress')?.textContent).toBe('已学 1 / 2');
    expect(p.find('plan-material-status-M1')?.textContent).toBe('✓ 已学完');
    expect(p.find('plan-material-status-M6')?.textContent).toBe('未学');
    noTimeFigures(p);
    await p.tap('plan-material-M6');
    await waitFor(() => wxLog.navigation.length > 0);
    expect(wxLog.navigation).toEqual([{ api: 'navigateTo', url: '/pages/study-reader/index?id=M6' }]);
  });

  test("a plan that is not mine shows the server's message", async () => {
    onRequest(fakeApi({ 'GET /study/plans/PL9': apiError(404, 'NOT_FOUND', '学习计划不存在') }));
    const p = open('/pages/study-plan/index', { id: 'PL9' });
    await waitForText(p, '学习计划不存在');
  });

  test('我的学习 lists my plans (current and upcoming) with their status and progress', async () => {
    const upcoming = plan({ id: 'PL3', title: '下月学习计划', status: 'upcoming', startsOn: '2026-12-01', endsOn: '2026-12-31' });
    onRequest(fakeApi({ 'GET /study/me': ok({ ...MY_STUDY, plans: [CURRENT, upcoming] }) }));
    const p = open('/pages/study/mine');
    await waitFor(() => p.find('my-plan-PL1'));
    expect(p.find('my-plan-PL1')?.textContent).toContain('进行中 · 截止 2026-11-30');
    expect(p.find('my-plan-progress-PL1')?.textContent).toBe('已学 1 / 2');
    expect(p.find('my-plan-PL3')?.textContent).toContain('未开始 · 截止 2026-12-31');
    const text = p.text();
    expect(text.indexOf('学习计划')).toBeLessThan(text.indexOf('待学的必学资料'));
    noTimeFigures(p);
    await p.tap('my-plan-PL3');
    await waitFor(() => wxLog.navigation.length > 0);
    expect(wxLog.navigation).toEqual([{ api: 'navigateTo', url: '/pages/study-plan/index?id=PL3' }]);
  });
});
