/**
 * 活动 and 签到 in the mini-program's H5 build, in Chromium at phone size against the real server
 * (demo county): a member of the first branch signs in through 演示登录, opens 活动, finds the
 * 主题党日 that is open right now (QR only), opens it, and — the browser has no camera scanner —
 * types the 6 digits under the QR code the branch secretary's phone shows (fetched here through
 * the API as the secretary) into 输入签到码 (a wrong code first: the server's reason): +N 积分,
 * and the secretary's attendance lists the member once.
 * Then the secretary, in a second browser, opens 签到二维码: a square PNG QR code, the 6 digits
 * under it and the live count.
 * Build first: `npm run build -w @djzy/shared -w @djzy/server && npm run build:h5 -w @djzy/miniapp`.
 */
import type { ActivityView, AttendanceResponse, CheckinCodeResponse, MeResponse, MyPointsResponse, Page as ListPage } from '@djzy/shared';
import { api, demoMemberAccounts, devLogin as signIn, h5DemoSignIn } from '../support/e2e';
import { openBrowser } from '../support/browser';
import { e2eSuite } from '../support/suite';

jest.setTimeout(120_000);

const TITLE = '主题党日：学习年终民主评议党员工作要求（进行中，可扫码签到）';

describe('mini-program H5 build: 活动 and 签到', () => {
  // The one open 主题党日 is checked in to here and only here on the shared server (the console's
  // 代签 of it, console-activities, has a server of its own).
  const { server, page, pageErrors } = e2eSuite({ client: 'h5', database: 'shared' });
  let demoIndex: number;
  let memberId: string;
  let memberToken: string;
  let secretaryToken: string;
  let secretaryIndex: number;
  let meeting: ActivityView;
  let pointsBefore: number;

  const devLogin = async (id: string) => (await signIn(server, id)).token;

  beforeAll(async () => {
    // The sign-in page lists the member accounts in this order.
    const members = await demoMemberAccounts(server);
    secretaryIndex = members.findIndex((a) => a.label.includes('支部书记'));
    expect(secretaryIndex).toBeGreaterThanOrEqual(0);
    secretaryToken = await devLogin(members[secretaryIndex].memberId!);
    const secretary = await api<MeResponse>(server, secretaryToken, '/me');

    // A member of the secretary's branch who is not the secretary, the 普通党员 first.
    const order = members
      .map((a, i) => ({ a, i }))
      .filter(({ i }) => i !== secretaryIndex)
      .sort((x, y) => Number(y.a.label.includes('普通党员')) - Number(x.a.label.includes('普通党员')));
    for (const { a, i } of order) {
      const token = await devLogin(a.memberId!);
      const me = await api<MeResponse>(server, token, '/me');
      if (me.branchId === secretary.branchId) {
        demoIndex = i;
        memberId = a.memberId!;
        memberToken = token;
        break;
      }
    }
    if (!memberToken) throw new Error(`no demo member in the secretary's branch: ${JSON.stringify(members)}`);

    const now = encodeURIComponent(new Date().toISOString());
    const mine = await api<ListPage<ActivityView>>(server, memberToken, `/activities?mine=true&from=${now}`);
    meeting = mine.items.find((a) => a.title === TITLE)!;
    expect(meeting).toBeTruthy();
    expect(meeting.myStatus).toBe('open');
    pointsBefore = (await api<MyPointsResponse>(server, memberToken, '/points/me')).balance;
  });

  test('the member signs in through 演示登录; 首页 lists the open meeting under 近期活动', async () => {
    await h5DemoSignIn(page, server, demoIndex);
    await page.locator(`#upcoming-${meeting.id}`).waitFor({ timeout: 15_000 });
  });

  test('活动 shows the open meeting as 可签到, and it opens', async () => {
    await page.locator('.weui-tabbar__item', { hasText: '活动' }).click();
    await page.waitForURL(/#\/pages\/activities\/index/, { timeout: 15_000 });
    const card = page.locator(`#activity-${meeting.id}`);
    await card.waitFor({ timeout: 15_000 });
    expect(await card.textContent()).toContain(TITLE);
    expect((await page.locator(`#activity-status-${meeting.id}`).textContent())?.trim()).toBe('可签到');
    await card.click();
    await page.waitForURL(/#\/pages\/activity-detail\/index\?id=/, { timeout: 15_000 });
    await page.locator('#detail-title', { hasText: TITLE }).waitFor({ timeout: 15_000 });
  });

  test("输入签到码: a wrong 6 digits get the server's reason; the 6 digits under the secretary's QR code check in: +N 积分, counted once", async () => {
    // no camera scanner in a browser: the code box instead, a number field for the 6 digits
    await page.locator('#checkin-code-input').waitFor();
    expect(await page.locator('#code-box').textContent()).toContain('输入签到码（现场二维码下方的 6 位数字）');
    const field = page.locator('#checkin-code-input input');
    expect(await field.getAttribute('type')).toBe('number');
    expect(await field.evaluate((el) => parseFloat(getComputedStyle(el).fontSize))).toBeGreaterThanOrEqual(24);

    const code = await api<CheckinCodeResponse>(server, secretaryToken, `/activities/${meeting.id}/checkin-code`);
    expect(code.shortCode).toMatch(/^\d{6}$/);
    // one wrong code (the lock comes after five)
    const wrong = String((Number(code.shortCode) + 500_000) % 1_000_000).padStart(6, '0');
    await field.fill(wrong);
    await page.locator('#checkin-code-btn').click();
    await page.locator('#checkin-error').waitFor({ timeout: 15_000 });
    expect(((await page.locator('#checkin-error').textContent()) ?? '').trim()).toMatch(/签到码/);

    await field.fill(code.shortCode);
    await page.locator('#checkin-code-btn').click();

    const points = page.locator('#checkin-points');
    await points.waitFor({ timeout: 15_000 });
    const text = ((await points.textContent()) ?? '').trim();
    const awarded = Number(/^\+(\d+) 积分$/.exec(text)?.[1]);
    expect(awarded).toBeGreaterThan(0);
    await page.locator('#detail-status', { hasText: '已签到' }).waitFor();
    expect(await page.locator('#checkin-code-btn').count()).toBe(0);

    const attendance = await api<AttendanceResponse>(server, secretaryToken, `/activities/${meeting.id}/attendance`);
    expect(attendance.present.filter((r) => r.memberId === memberId)).toHaveLength(1);
    expect(attendance.present.find((r) => r.memberId === memberId)?.method).toBe('qr');
    expect((await api<MyPointsResponse>(server, memberToken, '/points/me')).balance).toBe(pointsBefore + awarded);

    // big enough to press and read on a phone
    const size = await points.evaluate((el) => parseFloat(getComputedStyle(el).fontSize));
    expect(size).toBeGreaterThanOrEqual(18);
  });

  test('re-opened, the meeting says 已签到', async () => {
    await page.reload();
    await page.locator('#detail-status', { hasText: '已签到' }).waitFor({ timeout: 15_000 });
    expect(await page.locator('#checkin-code-input').count()).toBe(0);
    expect(((await page.locator('#my-checkin').textContent()) ?? '').trim()).toContain('扫码签到');
  });

  test("the secretary's 签到二维码 page draws the QR code of the server's current code and the live count", async () => {
    const other = await openBrowser({ phone: true });
    try {
      const sp = await other.context.newPage();
      sp.on('pageerror', (e) => pageErrors.push(`secretary: ${String(e)}`));
      await h5DemoSignIn(sp, server, secretaryIndex);
      await sp.locator(`#upcoming-${meeting.id}`).click();
      await sp.waitForURL(/#\/pages\/activity-detail\/index/, { timeout: 15_000 });
      await sp.locator('#manage-code').click();
      await sp.waitForURL(/#\/pages\/checkin-code\/index/, { timeout: 15_000 });

      // the 6 digits, large, under the QR code
      await sp.waitForFunction(() => /^\d{6}$/.test((document.querySelector('#code-short')?.textContent ?? '').trim()), undefined, {
        timeout: 15_000,
      });
      expect(await sp.locator('#code-short').evaluate((el) => parseFloat(getComputedStyle(el).fontSize))).toBeGreaterThanOrEqual(40);
      // a real, decoded, square image
      const img = sp.locator('#code-image img');
      await sp.waitForFunction(() => {
        const el = document.querySelector('#code-image img') as HTMLImageElement | null;
        return !!el && el.complete && el.naturalWidth > 0;
      });
      const { naturalWidth, naturalHeight, src } = await img.evaluate((el: HTMLImageElement) => ({
        naturalWidth: el.naturalWidth,
        naturalHeight: el.naturalHeight,
        src: el.src.slice(0, 22),
      }));
      expect(src).toBe('data:image/png;base64,');
      expect(naturalWidth).toBe(naturalHeight);
      const box = await img.boundingBox();
      expect(box!.width).toBeGreaterThan(200);
      expect(Math.abs(box!.width - box!.height)).toBeLessThan(2);

      const attendance = await api<AttendanceResponse>(server, secretaryToken, `/activities/${meeting.id}/attendance`);
      expect(attendance.present.length).toBeGreaterThanOrEqual(1);
      await sp.waitForFunction((n) => document.querySelector('#code-count')?.textContent?.trim() === n, String(attendance.present.length), {
        timeout: 15_000,
      });
    } finally {
      await other.close();
    }
  });

  test('the 小程序码 page, opened signed out with a scene: 演示登录 brings the secretary back to it; 确认签到 checks in', async () => {
    const other = await openBrowser({ phone: true });
    try {
      const sp = await other.context.newPage();
      sp.on('pageerror', (e) => pageErrors.push(`scan: ${String(e)}`));
      const code = await api<CheckinCodeResponse>(server, secretaryToken, `/activities/${meeting.id}/checkin-code`);
      expect(code.scene).toBe(`${meeting.id}.${code.shortCode}`);
      await sp.goto(`${server.baseUrl}/h5/#/pages/checkin-scan/index?scene=${encodeURIComponent(code.scene)}`);
      await sp.waitForURL(/#\/pages\/login\/index/, { timeout: 30_000 });
      await sp.locator(`#demo-${secretaryIndex}`).click();
      await sp.waitForURL(/#\/pages\/checkin-scan\/index\?scene=/, { timeout: 15_000 });
      await sp.locator('#scan-title', { hasText: TITLE }).waitFor({ timeout: 15_000 });
      // nothing is sent before the tap (the open 主题党日 is checked in to only in this suite)
      const secretaryId = (await api<MeResponse>(server, secretaryToken, '/me')).memberId;
      const present = async () =>
        (await api<AttendanceResponse>(server, secretaryToken, `/activities/${meeting.id}/attendance`)).present.filter(
          (r) => r.memberId === secretaryId,
        ).length;
      expect(await present()).toBe(0);
      await sp.locator('#scan-confirm').click();
      await sp.locator('#checkin-success', { hasText: '签到成功' }).waitFor({ timeout: 15_000 });
      expect(((await sp.locator('#checkin-points').textContent()) ?? '').trim()).toMatch(/^\+\d+ 积分$/);
      expect(await sp.locator('#scan-confirm').count()).toBe(0);
      expect(await present()).toBe(1);
    } finally {
      await other.close();
    }
  });

  test('the page raised no script errors', () => {
    expect(pageErrors).toEqual([]);
  });
});
