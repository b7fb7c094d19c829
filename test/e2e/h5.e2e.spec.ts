/**
 * The mini-program's H5 build in Chromium at phone size against the real server (which serves
 * miniapp/dist/h5 at /h5/, same origin as the API): a signed-out visitor lands on sign-in, signs
 * in through 演示登录, is greeted by name on 首页, and finds the branch on 我的.
 * Build first: `npm run build -w @djzy/shared -w @djzy/server && npm run build:h5 -w @djzy/miniapp`.
 */
import type { AuthOptionsResponse, MeResponse } from '@djzy/shared';
import { api, devLogin } from '../support/e2e';
import { e2eSuite } from '../support/suite';

jest.setTimeout(120_000);

describe('mini-program H5 build', () => {
  // Signs in and reads: the shared server.
  const { server, page, pageErrors } = e2eSuite({ client: 'h5', database: 'shared' });
  /** The demo member the test signs in as, and what the API says about them. */
  let demoIndex: number;
  let expected: MeResponse;

  beforeAll(async () => {
    // What the sign-in page will list: the mini-program shows only member accounts, in order.
    const options = await api<AuthOptionsResponse>(server, null, '/auth/options');
    expect(options.demoMode).toBe(true);
    const members = (options.demoAccounts ?? []).filter((a) => a.memberId);
    expect(members.length).toBeGreaterThan(0);
    demoIndex = 0;
    const signedIn = await devLogin(server, members[demoIndex].memberId!);
    expected = await api<MeResponse>(server, signedIn.token, '/me');
    expect(expected.branchName).toBeTruthy();
  });

  test('a signed-out visitor is sent to sign-in, which offers 演示登录', async () => {
    await page.goto(`${server.baseUrl}/h5/`);
    await page.waitForURL(/#\/pages\/login\/index/, { timeout: 30_000 });
    await page.getByText('演示登录', { exact: true }).waitFor();
    await page.locator(`#demo-${demoIndex}`).waitFor();
    expect(page.viewportSize()).toEqual({ width: 390, height: 844 });
  });

  test('演示登录 signs in and 首页 greets the member by name, with the branch', async () => {
    await page.locator(`#demo-${demoIndex}`).click();
    await page.waitForURL(/#\/pages\/index\/index/, { timeout: 15_000 });
    const greeting = page.locator('#greeting-name');
    await greeting.waitFor();
    expect((await greeting.textContent())?.trim()).toBe(`${expected.name}同志，您好`);
    expect((await page.locator('#greeting-branch').textContent())?.trim()).toBe(expected.branchName);
    // the token went to storage, not to the URL
    expect(page.url()).not.toContain('token');
  });

  test('我的 shows the member and the branch name', async () => {
    await page.locator('.weui-tabbar__item', { hasText: '我的' }).click();
    await page.waitForURL(/#\/pages\/mine\/index/, { timeout: 15_000 });
    const branch = page.locator('#mine-branch');
    await branch.waitFor();
    expect((await branch.textContent())?.trim()).toBe(expected.branchName);
    expect((await page.locator('#mine-name').textContent())?.trim()).toBe(expected.name);
    await page.getByText('退出登录', { exact: true }).waitFor();
  });

  test('退出登录 returns to sign-in', async () => {
    await page.getByText('退出登录', { exact: true }).click();
    // Taro's H5 modal is a page element, not a browser dialog: confirm it
    const confirm = page.locator('.taro-model__confirm', { hasText: '退出' });
    await confirm.waitFor();
    await confirm.click();
    await page.waitForURL(/#\/pages\/login\/index/, { timeout: 15_000 });
    // Taro's H5 router may keep the first login page in the DOM, hidden, while the new one shows.
    await page.getByText('演示登录', { exact: true }).filter({ visible: true }).first().waitFor();
  });

  test('the page raised no script errors', () => {
    expect(pageErrors).toEqual([]);
  });
});
