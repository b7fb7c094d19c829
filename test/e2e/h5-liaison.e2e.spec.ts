/**
 * 联户联系 and 我的办实事 in the mini-program's H5 build, in Chromium at phone size against the real
 * server: the plain demo member (an 无职党员 linked to households in the demo county) opens 我的 →
 * 联户联系, logs a visit to a household with a need 登记为办实事 (today by default, no location, no
 * photo), and finds the deed under 我的办实事 — registered by the server with source 联户走访 and
 * the member responsible.
 * Build first: `npm run build -w @djzy/shared -w @djzy/server && npm run build:h5 -w @djzy/miniapp`.
 */
import { toLocalDate, type DeedView, type MyLiaisonsResponse, type Page as ListPage } from '@djzy/shared';
import { api, h5DemoSignIn, plainDemoMember } from '../support/e2e';
import { e2eSuite } from '../support/suite';

jest.setTimeout(120_000);

describe('mini-program H5 build: 联户联系 and 我的办实事', () => {
  const { server, page, pageErrors } = e2eSuite({
    client: 'h5',
    database: { own: 'it logs contacts and deeds of the demo 普通党员, which other suites may list' },
  });
  let demoIndex: number;
  let memberId: string;
  let memberToken: string;
  const need = `门前排水沟堵塞需要疏通（H5测试 ${Date.now() % 100_000}）`;

  beforeAll(async () => {
    ({ index: demoIndex, memberId, token: memberToken } = await plainDemoMember(server));
  });

  test('the plain demo member opens 我的 → 联户联系 and sees their households', async () => {
    const mine = await api<MyLiaisonsResponse>(server, memberToken, '/liaisons/mine');
    expect(mine.liaisons[0]?.kind).toBe('member_household');
    await h5DemoSignIn(page, server, demoIndex);
    await page.locator('.weui-tabbar__item', { hasText: '我的' }).click();
    await page.waitForURL(/#\/pages\/mine\/index/, { timeout: 15_000 });
    await page.locator('#entry-liaison').click();
    await page.waitForURL(/#\/sub\/liaison\/index/, { timeout: 15_000 });
    const link = mine.liaisons[0];
    await page.locator(`#lz-homes-${link.id}`).waitFor({ timeout: 15_000 });
    expect(await page.locator(`#lz-homes-${link.id}`).textContent()).toContain(link.households[0].name);
  });

  test('logs a visit with a need 登记为办实事', async () => {
    const mine = await api<MyLiaisonsResponse>(server, memberToken, '/liaisons/mine');
    const link = mine.liaisons[0];
    await page.locator(`#lz-log-${link.id}`).click();
    await page.waitForURL(/#\/sub\/liaison\/contact/, { timeout: 15_000 });
    await page.locator(`#household-${link.households[0].id}`).click();
    expect(((await page.locator('#contact-on').textContent()) ?? '').trim()).toBe(toLocalDate(Date.now()));
    await page.locator('#contact-what textarea').fill('入户了解生活情况，宣讲惠农政策');
    await page.locator('#need-add').click();
    await page.locator('#need-0 input').fill(need);
    await page.locator('#contact-submit').click();
    await page.locator('#contact-saved').waitFor({ timeout: 15_000 });
    expect(await page.locator('#contact-saved').textContent()).toContain('1 项需求已登记为办实事');
    expect(await page.locator('body').innerText()).not.toMatch(/定位|拍照|照片/);
  });

  test('我的办实事 lists the new deed, with the member responsible', async () => {
    const deeds = await api<ListPage<DeedView>>(server, memberToken, '/deeds?mine=true&pageSize=100');
    const deed = deeds.items.find((d) => d.title === need);
    expect(deed).toMatchObject({ source: 'liaison', status: 'registered', responsibleMemberId: memberId });
    await page.goto(`${server.baseUrl}/h5/#/sub/deeds/index`);
    await page.locator(`#deed-${deed!.id}`).waitFor({ timeout: 15_000 });
    expect(await page.locator(`#deed-status-${deed!.id}`).textContent()).toBe('已登记');
  });

  test('the page raised no script errors', () => {
    expect(pageErrors).toEqual([]);
  });
});
