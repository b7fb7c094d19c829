/**
 * 学习 in the mini-program's H5 build, in Chromium at phone size against the real server (demo
 * county): a demo member signs in through 演示登录, opens 学习 and sees 党章学习要点 marked 必学
 * at the top; opens 党史知识小测验 (quiz with_time, 30 s), answers the quiz and finishes at once:
 * 未完成 and the reason in words, no seconds shown; keeps the page open past the reading time
 * (the page's own heartbeats) and finishes: 已完成; writes a reflection and sees 待支部审核 (demo
 * members have no WeChat binding, so notes are held); 我的学习 lists it.
 * Build first: `npm run build -w @djzy/shared -w @djzy/server && npm run build:h5 -w @djzy/miniapp`.
 */
import type { MyStudyResponse, Page as ListPage, StudyMaterialView } from '@djzy/shared';
import { api, expectNoTimeFigures, h5DemoSignIn, plainDemoMember } from '../support/e2e';
import { e2eSuite } from '../support/suite';

jest.setTimeout(150_000);

const CHARTER = '中国共产党章程（学习要点）';
const QUIZ = '党史知识小测验';

describe('mini-program H5 build: 学习', () => {
  // Its member's study of the demo kit, on the shared server: the suites that change the kit or
  // study it as this same member (h5-study-activities) have servers of their own.
  const { server, page, pageErrors } = e2eSuite({ client: 'h5', database: 'shared' });
  let demoIndex: number;
  let memberToken: string;
  let charter: StudyMaterialView;
  let quiz: StudyMaterialView;
  const reflection = `学习党史，我深刻认识到初心使命的分量，要在村里带头做好服务。（H5测试${Date.now()}）`;

  beforeAll(async () => {
    ({ index: demoIndex, token: memberToken } = await plainDemoMember(server));
    const kit = await api<ListPage<StudyMaterialView>>(server, memberToken, '/study/materials');
    charter = kit.items.find((m) => m.title === CHARTER)!;
    quiz = kit.items.find((m) => m.title === QUIZ)!;
    expect(charter?.required).toBe(true);
    expect(quiz?.quizMode).toBe('with_time');
    expect(quiz.completed).toBe(false);
  });

  test('the demo member signs in and opens 学习: 党章学习要点 is marked 必学, first', async () => {
    await h5DemoSignIn(page, server, demoIndex);

    await page.locator('.weui-tabbar__item', { hasText: '学习' }).click();
    await page.waitForURL(/#\/pages\/study\/index/, { timeout: 15_000 });
    const row = page.locator(`#material-${charter.id}`);
    await row.waitFor({ timeout: 15_000 });
    expect(await row.textContent()).toContain('必学');
    await page.locator(`#material-${quiz.id}`).waitFor();
    const text = await page.locator('body').innerText();
    expect(text.indexOf(CHARTER)).toBeLessThan(text.indexOf(QUIZ));
    expect(await page.locator(`#material-status-${quiz.id}`).textContent()).toBe('未学完');
    await expectNoTimeFigures(page);
  });

  test('党史知识小测验: finishing at once shows 未完成 and the reason in words', async () => {
    await page.locator(`#material-${quiz.id}`).click();
    await page.waitForURL(/#\/pages\/study-reader\/index/, { timeout: 15_000 });
    await page.locator('#reader-title', { hasText: QUIZ }).waitFor({ timeout: 15_000 });
    await page.getByText('1921年7月，中国共产党第一次全国代表大会在上海召开', { exact: false }).waitFor();
    await page.locator('#quiz-q1-1').click();
    await page.locator('#quiz-q2-0').click();
    await page.locator('#reader-finish').click();
    const result = page.locator('#reader-result');
    await result.waitFor({ timeout: 15_000 });
    const text = (await result.textContent()) ?? '';
    expect(text).toContain('未完成');
    expect(text).toContain('阅读时间还不够');
    await expectNoTimeFigures(page);
  });

  test('kept open past the reading time (heartbeats included), 完成学习 completes it', async () => {
    // The session stays open after the early finish (the time read so far counts); it beats every 30 s.
    const beats: string[] = [];
    const onRequest = (r: { url(): string }) => {
      if (/\/study\/sessions\/[^/]+\/heartbeat$/.test(r.url())) beats.push(r.url());
    };
    page.on('request', onRequest);
    await page.waitForTimeout(36_000);
    page.off('request', onRequest);
    expect(beats.length).toBeGreaterThanOrEqual(1);
    await page.locator('#reader-finish').click();
    await page.locator('#reader-result', { hasText: '已完成' }).waitFor({ timeout: 15_000 });
    await expectNoTimeFigures(page);
    const mine = await api<MyStudyResponse>(server, memberToken, '/study/me');
    expect(mine.completed.map((c) => c.title)).toContain(QUIZ);
  });

  test('a reflection is held for the branch: 待支部审核; 我的学习 lists it', async () => {
    await page.locator('#note-content textarea').fill(reflection);
    await page.locator('#note-submit').click();
    const res = page.locator('#note-result');
    await res.waitFor({ timeout: 15_000 });
    expect(((await res.textContent()) ?? '').trim()).toBe('待支部审核');

    await page.goto(`${server.baseUrl}/h5/#/pages/study/mine`);
    await page.locator('#my-notes', { hasText: reflection }).waitFor({ timeout: 15_000 });
    expect(await page.locator('#my-notes').textContent()).toContain('待支部审核');
    expect(await page.locator('#my-completed').textContent()).toContain(QUIZ);
    await expectNoTimeFigures(page);
  });

  test('the pages raised no script errors', () => {
    expect(pageErrors).toEqual([]);
  });
});
