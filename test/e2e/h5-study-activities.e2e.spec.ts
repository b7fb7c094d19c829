/**
 * Study plans and online study (网络式) in the mini-program's H5 build, in Chromium at phone size
 * against the real server (demo county): a demo member signs in through 演示登录; 学习 shows the
 * branch's current 本月学习计划 at the top with 截止 and 已学 0 / 2, and it opens with its
 * materials; 活动 opens the current 网络学习 activity, which lists its two materials (党章学习要点
 * and 党史知识小测验) as 未学, says 学完全部资料后自动计入出勤 and offers no scanner or location. The
 * member studies the first material through the API (a session, then finish) — the page,
 * reloaded, shows it ✓ 已学完 and 已学 1 / 2, still no 确认出勤; then opens the other from the
 * activity, (answers the quiz and) finishes it in the reader: 已完成 and 已计入「网络学习：…」出勤.
 * Back on the activity: 已签到 · 网络学习, 已学 2 / 2, and the attendance lists the member once,
 * method `online`; 学习 shows the plan's progress moved. A mobile member who has not studied gets
 * STUDY_NOT_COMPLETED from POST /checkins.
 * The demo materials ask for 120 s and 30 s of reading; to keep this suite short the demo admin
 * first sets the activity's materials to a few seconds (PATCH /study/materials/:id) — the server
 * still times them.
 * Build first: `npm run build -w @djzy/shared -w @djzy/server && npm run build:h5 -w @djzy/miniapp`.
 */
import {
  ERRORS,
  type ActivityView,
  type AttendanceResponse,
  type ErrorBody,
  type FinishSessionResponse,
  type MyStudyResponse,
  type Page as ListPage,
  type StudyMaterialView,
  type StudyPlanView,
  type StudySessionStarted,
} from '@djzy/shared';
import { adminLogin, api, devLogin as signIn, expectNoTimeFigures, h5DemoSignIn, plainDemoMember } from '../support/e2e';
import { e2eSuite } from '../support/suite';

jest.setTimeout(120_000);

/** The demo quiz's right answers (党史知识小测验). */
const DEMO_QUIZ_ANSWERS: Record<string, number> = { q1: 1, q2: 0 };
/** The reading time the suite gives both materials (seconds). */
const READ_SECONDS = 3;

describe('mini-program H5 build: 学习计划 and 网络学习', () => {
  const { server, page, pageErrors } = e2eSuite({
    client: 'h5',
    database: { own: "it shortens the demo kit's reading times and studies it as the demo 普通党员, whose unstudied quiz h5-study needs" },
  });
  let demoIndex: number;
  let memberId: string;
  let memberToken: string;
  let mobileToken: string | null = null;
  let adminToken: string;
  /** The online activity's materials: the first is studied through the API, the last in the reader. */
  let viaApi: StudyMaterialView;
  let viaReader: StudyMaterialView;
  let online: ActivityView;
  let plan: StudyPlanView;

  const devLogin = async (id: string) => (await signIn(server, id)).token;
  const currentOnline = async (token: string) => {
    const now = encodeURIComponent(new Date().toISOString());
    const mine = await api<ListPage<ActivityView>>(server, token, `/activities?mine=true&from=${now}&pageSize=100`);
    return mine.items.find((a) => a.title.startsWith('网络学习：') && a.studyMode === 'online');
  };

  beforeAll(async () => {
    const demo = await plainDemoMember(server);
    ({ index: demoIndex, memberId, token: memberToken } = demo);
    const mobile = demo.accounts.find((a) => a.label.includes('流动党员'));
    if (mobile) mobileToken = await devLogin(mobile.memberId!);

    online = (await currentOnline(memberToken))!;
    expect(online).toBeTruthy();
    expect(online.myStatus).toBe('open');
    expect(online.materials).toHaveLength(2);
    expect(online.materials.every((m) => m.completed === false)).toBe(true);
    const kit = await api<ListPage<StudyMaterialView>>(server, memberToken, '/study/materials?pageSize=100');
    viaApi = kit.items.find((m) => m.id === online.materials[0].id)!;
    viaReader = kit.items.find((m) => m.id === online.materials[1].id)!;
    expect(viaApi && viaReader).toBeTruthy();

    const mine = await api<MyStudyResponse>(server, memberToken, '/study/me');
    plan = mine.plans.find((p) => p.title.startsWith('本月学习计划') && p.status === 'current')!;
    expect(plan).toBeTruthy();
    expect(plan.materials.length).toBeGreaterThan(0);
    expect(plan.myDone).toBe(false);

    // The suite cannot sit through 120 s of reading: the admin shortens both (still server-timed).
    adminToken = (await adminLogin(server)).token;
    for (const m of [viaApi, viaReader]) {
      await api(server, adminToken, `/study/materials/${m.id}`, { method: 'PATCH', body: JSON.stringify({ minSeconds: READ_SECONDS }) });
    }
  });

  test('the member signs in; 学习 shows the current plan on top with 截止 and 已学 0 / 2', async () => {
    await h5DemoSignIn(page, server, demoIndex);

    await page.locator('.weui-tabbar__item', { hasText: '学习' }).click();
    await page.waitForURL(/#\/pages\/study\/index/, { timeout: 15_000 });
    const row = page.locator(`#plan-${plan.id}`);
    await row.waitFor({ timeout: 15_000 });
    const text = (await row.textContent()) ?? '';
    expect(text).toContain(plan.title);
    expect(text).toContain(`截止 ${plan.endsOn}`);
    expect((await page.locator(`#plan-progress-${plan.id}`).textContent())?.trim()).toBe(`已学 0 / ${plan.materials.length}`);
    const body = await page.locator('body').innerText();
    expect(body.indexOf('学习计划')).toBeLessThan(body.indexOf('党员小书包'));
    await expectNoTimeFigures(page);

    // the plan opens with its materials
    await row.click();
    await page.waitForURL(/#\/pages\/study-plan\/index\?id=/, { timeout: 15_000 });
    const first = plan.materials[0];
    await page.locator(`#plan-material-${first.id}`).waitFor({ timeout: 15_000 });
    expect((await page.locator(`#plan-material-${first.id}`).textContent()) ?? '').toContain(first.title);
    expect((await page.locator(`#plan-material-status-${first.id}`).textContent())?.trim()).toBe('未学');
    await expectNoTimeFigures(page);
  });

  test('活动 opens the current 网络学习: its materials as 未学, 学完全部资料后自动计入出勤, no scanner or location', async () => {
    await page.goto(`${server.baseUrl}/h5/#/pages/activities/index`);
    const card = page.locator(`#activity-${online.id}`);
    await card.waitFor({ timeout: 15_000 });
    expect((await page.locator(`#activity-status-${online.id}`).textContent())?.trim()).toBe('学习中');
    await card.click();
    await page.waitForURL(/#\/pages\/activity-detail\/index\?id=/, { timeout: 15_000 });
    await page.locator('#detail-title', { hasText: online.title }).waitFor({ timeout: 15_000 });

    for (const m of online.materials) {
      await page.locator(`#act-material-${m.id}`).waitFor({ timeout: 15_000 });
      expect((await page.locator(`#act-material-${m.id}`).textContent()) ?? '').toContain(m.title);
      expect((await page.locator(`#act-material-status-${m.id}`).textContent())?.trim()).toBe('未学');
    }
    expect((await page.locator('#study-progress').textContent())?.trim()).toBe('已学 0 / 2');
    expect((await page.locator('#study-auto-note').textContent())?.trim()).toBe('学完全部资料后自动计入出勤');
    for (const id of ['#checkin-btn', '#checkin-code-input', '#geo-btn', '#remote-btn', '#online-confirm']) {
      expect(await page.locator(id).count()).toBe(0);
    }
    await expectNoTimeFigures(page);
  });

  test('one material studied (through the API): reloaded, ✓ 已学完 and 已学 1 / 2, still not present', async () => {
    const s = await api<StudySessionStarted>(server, memberToken, `/study/materials/${viaApi.id}/sessions`, { method: 'POST', body: '{}' });
    await new Promise((r) => setTimeout(r, (READ_SECONDS + 1) * 1000));
    const answers = viaApi.quizMode === 'none' ? {} : { quizAnswers: DEMO_QUIZ_ANSWERS };
    const done = await api<FinishSessionResponse>(server, memberToken, `/study/sessions/${s.sessionId}/finish`, {
      method: 'POST',
      body: JSON.stringify(answers),
    });
    expect(done.completed).toBe(true);
    expect(done.attended).toEqual([]);

    await page.reload();
    await page.locator(`#act-material-status-${viaApi.id}`, { hasText: '✓ 已学完' }).waitFor({ timeout: 15_000 });
    expect((await page.locator(`#act-material-status-${viaReader.id}`).textContent())?.trim()).toBe('未学');
    expect((await page.locator('#study-progress').textContent())?.trim()).toBe('已学 1 / 2');
    expect((await page.locator('#detail-status').textContent())?.trim()).toBe('学习中');
    expect(await page.locator('#online-confirm').count()).toBe(0);
  });

  test('the other material from the activity, finished in the reader: 已完成 and 已计入「网络学习：…」出勤', async () => {
    await page.locator(`#act-material-${viaReader.id}`).click();
    await page.waitForURL(/#\/pages\/study-reader\/index\?id=/, { timeout: 15_000 });
    await page.locator('#reader-title', { hasText: viaReader.title }).waitFor({ timeout: 15_000 });
    if (viaReader.quizMode !== 'none') {
      for (const [q, option] of Object.entries(DEMO_QUIZ_ANSWERS)) await page.locator(`#quiz-${q}-${option}`).click();
    }
    await page.waitForTimeout((READ_SECONDS + 1) * 1000);
    await page.locator('#reader-finish').click();
    await page.locator('#reader-result', { hasText: '已完成' }).waitFor({ timeout: 15_000 });
    const attended = page.locator(`#reader-attended-${online.id}`);
    await attended.waitFor({ timeout: 15_000 });
    expect((await attended.textContent())?.trim()).toBe(`已计入「${online.title}」出勤`);
    await expectNoTimeFigures(page);
  });

  test('back on the activity: 已签到 · 网络学习, counted once with method online', async () => {
    await page.goBack();
    await page.waitForURL(/#\/pages\/activity-detail\/index\?id=/, { timeout: 15_000 });
    await page.locator('#detail-status', { hasText: '已签到' }).waitFor({ timeout: 15_000 });
    expect((await page.locator('#my-checkin').textContent()) ?? '').toContain('网络学习');
    expect((await page.locator('#study-progress').textContent())?.trim()).toBe('已学 2 / 2');
    expect(await page.locator('#online-confirm').count()).toBe(0);

    const a = await api<ActivityView>(server, memberToken, `/activities/${online.id}`);
    expect(a.myCheckIn?.method).toBe('online');
    const attendance = await api<AttendanceResponse>(server, adminToken, `/activities/${online.id}/attendance`);
    const rows = attendance.present.filter((r) => r.memberId === memberId);
    expect(rows).toHaveLength(1);
    expect(rows[0].method).toBe('online');
  });

  test('present now, the member writes a 学习心得 on the activity: held for the branch (no WeChat binding in the demo)', async () => {
    const content = `网络学习让我重温了党章，要在村里带头做好服务。（H5测试${Date.now()}）`;
    await page.locator('#note-form').waitFor({ timeout: 15_000 });
    await page.locator('#note-content textarea').fill(content);
    await page.locator('#note-submit').click();
    await page.locator('#note-result').waitFor({ timeout: 15_000 });
    expect((await page.locator('#note-result').textContent())?.trim()).toBe('待支部审核');
    const mine = await api<ListPage<{ activityId: string | null; content: string }>>(
      server,
      memberToken,
      `/study/notes?memberId=${memberId}`,
    );
    expect(mine.items.find((n) => n.content === content)?.activityId).toBe(online.id);
  });

  test("学习 shows the plan's progress moved by what the activity made the member study", async () => {
    await page.goto(`${server.baseUrl}/h5/#/pages/study/index`);
    const progress = page.locator(`#plan-progress-${plan.id}`);
    await progress.waitFor({ timeout: 15_000 });
    const expected = plan.materials.filter((m) => online.materials.some((o) => o.id === m.id)).length;
    expect(expected).toBeGreaterThan(0);
    const text = expected === plan.materials.length ? '✓ 已完成' : `已学 ${expected} / ${plan.materials.length}`;
    await page.waitForFunction(
      ([sel, want]) => document.querySelector(sel)?.textContent?.trim() === want,
      [`#plan-progress-${plan.id}`, text] as const,
      { timeout: 15_000 },
    );
    await expectNoTimeFigures(page);
  });

  test('a mobile member who has not studied is told STUDY_NOT_COMPLETED by POST /checkins', async () => {
    if (!mobileToken) throw new Error('the demo offers no 流动党员 account');
    const theirs = await currentOnline(mobileToken);
    expect(theirs).toBeTruthy();
    expect(theirs!.materials.some((m) => !m.completed)).toBe(true);
    const res = await fetch(`${server.apiBase}/checkins`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${mobileToken}`, 'Content-Type': 'application/json' },
      body: JSON.stringify({ activityId: theirs!.id }),
    });
    expect(res.status).toBe(400);
    const body = (await res.json()) as ErrorBody;
    expect(body.error.code).toBe('STUDY_NOT_COMPLETED');
    expect(body.error.message).toBe(ERRORS.STUDY_NOT_COMPLETED.message);
  });

  test('the pages raised no script errors', () => {
    expect(pageErrors).toEqual([]);
  });
});
