/**
 * 投诉建议 in the mini-program's H5 build, in Chromium at phone size against the real server: the
 * plain demo member signs in through 演示登录, 我的 → 投诉建议 sends a suggestion, sees its 答复期限,
 * and finds it under 我的投诉建议 as 待答复; the server holds it for the member's own branch.
 * Build first: `npm run build -w @djzy/shared -w @djzy/server && npm run build:h5 -w @djzy/miniapp`.
 */
import { toLocalDate, type FeedbackView, type Page as ListPage } from '@djzy/shared';
import { api, h5DemoSignIn, plainDemoMember } from '../support/e2e';
import { e2eSuite } from '../support/suite';

jest.setTimeout(120_000);

describe('mini-program H5 build: 投诉建议', () => {
  // Adds one feedback of its own (unique text) and reads only that one back.
  const { server, page, pageErrors } = e2eSuite({ client: 'h5', database: 'shared' });
  let demoIndex: number;
  let memberToken: string;
  let shownDue = '';
  const content = `建议在村党员活动室设置老年人阅读角（H5测试 ${Date.now()}）`;

  beforeAll(async () => {
    ({ index: demoIndex, token: memberToken } = await plainDemoMember(server));
  });

  test('the plain demo member signs in and opens 我的 → 投诉建议', async () => {
    await h5DemoSignIn(page, server, demoIndex);
    await page.locator('.weui-tabbar__item', { hasText: '我的' }).click();
    await page.waitForURL(/#\/pages\/mine\/index/, { timeout: 15_000 });
    await page.locator('#entry-feedback').click();
    await page.waitForURL(/#\/pages\/feedback\/index/, { timeout: 15_000 });
    await page.locator('#feedback-form').waitFor();
  });

  test('the text box and its placeholder read at 15 px or more at phone size', async () => {
    const sizes = await page
      .locator('#feedback-content textarea')
      .evaluate((el) =>
        [getComputedStyle(el).fontSize, getComputedStyle(el, '::placeholder').fontSize, String(window.innerWidth)].map(parseFloat),
      );
    expect(sizes[2]).toBeLessThanOrEqual(400);
    expect(Math.min(sizes[0], sizes[1])).toBeGreaterThanOrEqual(15);
  });

  test('sends a suggestion and sees the reply due date', async () => {
    await page.locator('#feedback-category-suggestion').click();
    await page.locator('#feedback-content textarea').fill(content);
    await page.waitForFunction((n) => document.querySelector('#feedback-count')?.textContent?.startsWith(`${n}/`), content.length);
    await page.locator('#feedback-submit').click();
    await page.locator('#feedback-due').waitFor({ timeout: 15_000 });
    shownDue = ((await page.locator('#feedback-due').textContent()) ?? '').trim();
    expect(shownDue > toLocalDate(Date.now())).toBe(true);
  });

  test('我的投诉建议 lists it as 待答复', async () => {
    await page.locator('#feedback-mine').click();
    await page.waitForURL(/#\/pages\/feedback\/mine/, { timeout: 15_000 });
    const item = page.locator('.fb-item', { hasText: content });
    await item.waitFor({ timeout: 15_000 });
    expect((await item.textContent()) ?? '').toContain('待答复');

    const mine = await api<ListPage<FeedbackView>>(server, memberToken, '/feedback/mine');
    const sent = mine.items.find((f) => f.content === content);
    expect(sent).toMatchObject({ category: 'suggestion', status: 'received', channel: 'member' });
    // the date shown is the server's own 答复期限
    expect(toLocalDate(sent!.replyDueAt)).toBe(shownDue);
  });

  test('the page raised no script errors', () => {
    expect(pageErrors).toEqual([]);
  });
});
