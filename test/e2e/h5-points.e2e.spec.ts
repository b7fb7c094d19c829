/**
 * 我的积分 in the mini-program's H5 build, in Chromium at phone size against the real server: a
 * demo member signs in through 演示登录, the demo admin adjusts their points through the API
 * (with an Idempotency-Key), and 我的 → 我的积分 shows the new balance and the reason, without a
 * rank (personal rankings are off for members by default).
 * Build first: `npm run build -w @djzy/shared -w @djzy/server && npm run build:h5 -w @djzy/miniapp`.
 */
import type { AdjustmentResponse, MyPointsResponse } from '@djzy/shared';
import { adminLogin, api, h5DemoSignIn, plainDemoMember } from '../support/e2e';
import { e2eSuite } from '../support/suite';

jest.setTimeout(120_000);

describe('mini-program H5 build: 我的积分', () => {
  // Adds to one member's points and compares with their balance of a moment before; no other
  // suite of the shared server turns rankings on for members.
  const { server, page, pageErrors } = e2eSuite({ client: 'h5', database: 'shared' });
  let demoIndex: number;
  let memberId: string;
  let memberToken: string;
  let before: MyPointsResponse;
  const reason = '为村里老党员送学上门（H5测试）';

  beforeAll(async () => {
    // A plain member (a secretary would see rankings as a manager), as the sign-in page lists them.
    ({ index: demoIndex, memberId, token: memberToken } = await plainDemoMember(server));
    before = await api<MyPointsResponse>(server, memberToken, '/points/me');
    expect(before.rankingVisible).toBe(false);
  });

  test('the demo member signs in through 演示登录', async () => {
    await h5DemoSignIn(page, server, demoIndex);
    await page.locator('#greeting-name').waitFor();
  });

  test("the demo admin adjusts the member's points through the API", async () => {
    const admin = await adminLogin(server);
    const res = await api<AdjustmentResponse>(server, admin.token, '/points/adjustments', {
      method: 'POST',
      headers: { 'Idempotency-Key': `h5-points-${Date.now()}` },
      body: JSON.stringify({ memberId, delta: 6, reason }),
    });
    expect(res.balance).toBe(before.balance + 6);
    expect(res.entry.reason).toBe(reason);
  });

  test('我的 → 我的积分 shows the new balance and the reason, without a rank', async () => {
    await page.locator('.weui-tabbar__item', { hasText: '我的' }).click();
    await page.waitForURL(/#\/pages\/mine\/index/, { timeout: 15_000 });
    await page.locator('#entry-points').click();
    await page.waitForURL(/#\/pages\/points\/index/, { timeout: 15_000 });

    const balance = page.locator('#points-balance');
    await balance.waitFor();
    await page.waitForFunction(
      (expected) => document.querySelector('#points-balance')?.textContent?.replace(/\s+/g, '') === expected,
      `${before.balance + 6}分`,
      { timeout: 15_000 },
    );
    const entry = page.locator('.points-entry', { hasText: reason });
    await entry.waitFor();
    const text = (await entry.textContent()) ?? '';
    expect(text).toContain('+6');
    expect(text).toContain('管理员调整');
    await page.getByText('不统计在线时长', { exact: false }).waitFor();
    expect(await page.locator('#points-rank').count()).toBe(0);

    // big enough to read: the balance is drawn large on a phone
    const size = await balance.evaluate((el) => parseFloat(getComputedStyle(el).fontSize));
    expect(size).toBeGreaterThanOrEqual(40);
  });

  test('the page raised no script errors', () => {
    expect(pageErrors).toEqual([]);
  });
});
