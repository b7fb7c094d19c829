/**
 * The member side of the mini-program's H5 build (issue #20), in Chromium against the real server
 * (a demo county of its own: it studies, reports and logs contacts):
 *  - every visible text of 首页, 活动, 学习, 我的 and a form (投诉建议) reads at WCAG contrast
 *    (4.5:1, large text 3:1) at 360×740 — the primary buttons' text included;
 *  - each tab of the tab bar shows its icon, the current one its selected icon;
 *  - a wrong quiz answer keeps the reading session: the page names the wrong question (第1题),
 *    reading progress is a bar (no seconds), and the corrected answer completes at once;
 *  - 我的 → 我的组织生活 lists the member's own meetings with 出席 / 请假 / 缺席, newest first;
 *  - the demo 流动党员's 首页 puts what they can do from afar first (网络学习, 远程参加, 报告近况);
 *  - the contact cadre's card shows the member's own report from a minute ago, and the contact
 *    form's header drops 逾期 once the contact is saved.
 * Build first: `npm run build -w @djzy/shared -w @djzy/server && npm run build:h5 -w @djzy/miniapp`.
 */
import type { Page } from 'playwright-core';
import type { ActivityView, MobileMemberView, MyOrgLifeItem, Page as ListPage, StudyMaterialView } from '@djzy/shared';
import { lowContrastTexts, type LowContrast } from '../support/contrast';
import {
  adminLogin,
  api,
  demoMemberAccounts,
  devLogin,
  expectNoTimeFigures,
  h5DemoSignIn,
  plainDemoMember,
  waitUntil,
} from '../support/e2e';
import { e2eSuite } from '../support/suite';

jest.setTimeout(180_000);

const QUIZ = '党史知识小测验';

/** Signs out (clears the stored session) and signs in as demo account `index`. */
async function signInAs(page: Page, baseUrl: string, server: Parameters<typeof h5DemoSignIn>[1], index: number): Promise<void> {
  await page.goto(`${baseUrl}/h5/`);
  await page.evaluate(() => localStorage.clear());
  await h5DemoSignIn(page, server, index);
}

async function openTab(page: Page, label: string, path: string): Promise<void> {
  await page.locator('.weui-tabbar__item', { hasText: label }).click();
  await page.waitForURL(new RegExp(`#/pages/${path}`), { timeout: 15_000 });
}

describe('mini-program H5 build: the member app (#20)', () => {
  const { server, page, pageErrors } = e2eSuite({
    client: 'h5',
    database: { own: 'it studies, reports and logs contacts as demo members' },
  });
  let plainIndex: number;
  let plainToken: string;

  beforeAll(async () => {
    ({ index: plainIndex, token: plainToken } = await plainDemoMember(server));
  });

  describe('contrast at 360×740', () => {
    // Every page's low-contrast texts, asserted together at the end (one run shows them all).
    const found: Record<string, LowContrast[]> = {};
    const expectReadable = async (what: string) => {
      const low = await lowContrastTexts(page);
      if (low.length) found[what] = low;
    };

    test('首页, 活动, 学习, 我的 and the 投诉建议 form: all text ≥ 4.5:1 (large ≥ 3:1)', async () => {
      await page.setViewportSize({ width: 360, height: 740 });
      await signInAs(page, server.baseUrl, server, plainIndex);
      await page.locator('#greeting-name').waitFor({ timeout: 15_000 });
      await page.locator('#upcoming .activity-card, #upcoming-empty').first().waitFor({ timeout: 15_000 });
      await expectReadable('首页');
      await openTab(page, '活动', 'activities/index');
      await page.locator('.activity-card:visible, .empty:visible').first().waitFor({ timeout: 15_000 });
      await expectReadable('活动');
      await openTab(page, '学习', 'study/index');
      await page.locator('[id^="material-"]:visible').first().waitFor({ timeout: 15_000 });
      await expectReadable('学习');
      await openTab(page, '我的', 'mine/index');
      await page.locator('#entry-feedback').waitFor({ timeout: 15_000 });
      await expectReadable('我的');
      await page.locator('#entry-feedback').click();
      await page.locator('#feedback-submit').waitFor({ timeout: 15_000 });
      await expectReadable('投诉建议');
      expect(found).toEqual({});
      // The primary button: white on the red, not Taro's 60 % white of a disabled one.
      expect(await page.locator('#feedback-submit').getAttribute('disabled')).toBeNull();
      expect(await page.locator('#feedback-submit').evaluate((el) => getComputedStyle(el).color)).toBe('rgb(255, 255, 255)');
    });
  });

  test('each tab shows its icon; the current tab its selected icon', async () => {
    await signInAs(page, server.baseUrl, server, plainIndex);
    const tabs = page.locator('.weui-tabbar__item');
    await tabs.first().waitFor({ timeout: 15_000 });
    expect(await tabs.count()).toBe(4);
    const icons = async () =>
      tabs.evaluateAll((items) =>
        items.map((it) => {
          const img = it.querySelector('img');
          return {
            src: img?.getAttribute('src') ?? '',
            loaded: !!img && img.complete && img.naturalWidth > 0,
            w: img?.getBoundingClientRect().width ?? 0,
          };
        }),
      );
    await waitUntil(async () => (await icons()).every((i) => i.loaded && i.w >= 16), 'the tab icons to show');
    const home = await icons();
    expect(new Set(home.map((i) => i.src)).size).toBe(4);
    await openTab(page, '学习', 'study/index');
    await waitUntil(async () => (await icons())[2].src !== home[2].src, 'the 学习 tab to show its selected icon');
    const study = await icons();
    expect(study[0].src).not.toBe(home[0].src); // 首页 back to its plain icon
    expect(study.every((i) => i.loaded)).toBe(true);
  });

  describe('a wrong quiz answer keeps the reading session', () => {
    let quiz: StudyMaterialView;
    const starts: string[] = [];

    test('reading progress is a bar, without a figure of time', async () => {
      const kit = await api<ListPage<StudyMaterialView>>(server, plainToken, '/study/materials?pageSize=100');
      quiz = kit.items.find((m) => m.title === QUIZ)!;
      expect(quiz.quizMode).toBe('with_time');
      page.on('request', (r) => {
        if (r.method() === 'POST' && /\/study\/materials\/[^/]+\/sessions$/.test(r.url())) starts.push(r.url());
      });
      await page.goto(`${server.baseUrl}/h5/#/pages/study-reader/index?id=${quiz.id}`);
      await page.locator('#reader-progress').waitFor({ timeout: 15_000 });
      await expectNoTimeFigures(page);
      expect(((await page.locator('#reader-progress').innerText()) ?? '').replace(/\s/g, '')).not.toMatch(/\d/);
    });

    test('past the reading time, one wrong answer: 第1题 is named and the session goes on', async () => {
      await page.locator('#quiz-q1-0').click(); // 1919年: wrong
      await page.locator('#quiz-q2-0').click();
      await page.locator('#reader-progress-done').waitFor({ timeout: 60_000 });
      await page.locator('#reader-finish').click();
      const result = page.locator('#reader-result');
      await result.waitFor({ timeout: 15_000 });
      const text = (await result.textContent()) ?? '';
      expect(text).toContain('未完成');
      expect(text).toContain('第1题');
      expect(text).not.toContain('第2题');
      expect(text).not.toContain('阅读时间还不够');
      await expect(page.locator('#quiz-q1.quiz-wrong').count()).resolves.toBe(1);
      expect(starts).toHaveLength(1); // no new session: the reading time is not started again
      await page.locator('#reader-progress-done').waitFor();
    });

    test('the corrected answer completes it at once', async () => {
      const tapped = Date.now();
      await page.locator('#quiz-q1-1').click();
      await page.locator('#reader-finish').click();
      await page.locator('#reader-result', { hasText: '已完成' }).waitFor({ timeout: 15_000 });
      expect(Date.now() - tapped).toBeLessThan(10_000);
      expect(starts).toHaveLength(1);
      await expectNoTimeFigures(page);
    });
  });

  test('我的 → 我的组织生活: my meetings with 出席 / 请假 / 缺席, newest first', async () => {
    const mine = await api<ListPage<MyOrgLifeItem>>(server, plainToken, '/me/org-life');
    expect(mine.total).toBeGreaterThan(0);
    await signInAs(page, server.baseUrl, server, plainIndex);
    await openTab(page, '我的', 'mine/index');
    await page.locator('#entry-org-life').click();
    await page.waitForURL(/#\/sub\/org-life\/index/, { timeout: 15_000 });
    const first = mine.items[0];
    const row = page.locator(`#ol-${first.activityId}`);
    await row.waitFor({ timeout: 15_000 });
    const text = (await row.innerText()).replace(/\s+/g, ' ');
    expect(text).toContain(first.title);
    expect(text).toContain(first.orgName);
    expect(text).toMatch(/出席|请假|缺席|请假待批|不计考勤/);
    const shown = await page.locator('.ol-item').evaluateAll((els) => els.map((e) => e.id));
    expect(shown.slice(0, mine.items.length)).toEqual(mine.items.map((i) => `ol-${i.activityId}`));
  });

  test('the demo 流动党员’s 首页: what they can do from afar comes first', async () => {
    const accounts = await demoMemberAccounts(server);
    const index = accounts.findIndex((a) => a.label.includes('流动党员'));
    expect(index).toBeGreaterThanOrEqual(0);
    const token = (await devLogin(server, accounts[index].memberId!)).token;
    // An in-person 主题党日 of their branch open for check-in right now (QR only, no remote).
    const admin = (await adminLogin(server)).token;
    const me = await api<{ branchId: string }>(server, token, '/me');
    const startsAt = new Date(Date.now() - 10 * 60_000);
    const onSite = await api<ActivityView>(server, admin, '/activities', {
      method: 'POST',
      body: JSON.stringify({
        title: '主题党日（现场）',
        kind: 'fixed_day',
        orgId: me.branchId,
        startsAt: startsAt.toISOString(),
        endsAt: new Date(startsAt.getTime() + 3 * 3600_000).toISOString(),
        place: '村党员活动室',
        checkinModes: ['qr'],
      }),
    });
    await api(server, admin, `/activities/${onSite.id}/publish`, { method: 'POST', body: '{}' });
    await signInAs(page, server.baseUrl, server, index);
    const remote = page.locator('#home-remote');
    await remote.waitFor({ timeout: 15_000 });
    const text = await remote.innerText();
    expect(text).toContain('网络学习');
    expect(text).toContain('报告近况');
    // An activity already titled 网络学习：… is not announced as 网络学习：网络学习：…
    expect(text).not.toContain('网络学习：网络学习');
    const order = await page.evaluate(() => {
      const all = Array.from(document.querySelectorAll('#home-remote, #upcoming'));
      return all.map((e) => e.id);
    });
    expect(order).toEqual(['home-remote', 'upcoming']);
    // An in-person meeting at home is not pushed as 可签到 to someone far away.
    const mine = await api<ListPage<ActivityView>>(
      server,
      token,
      `/activities?mine=true&from=${encodeURIComponent(new Date().toISOString())}&pageSize=3`,
    );
    for (const a of mine.items.filter((x) => !x.allowRemote && x.studyMode !== 'online')) {
      const status = page.locator(`#upcoming-status-${a.id}`);
      if (await status.count()) expect(await status.textContent()).not.toBe('可签到');
    }
    const homeStatus = page.locator(`#upcoming-status-${onSite.id}`);
    await homeStatus.waitFor({ timeout: 15_000 });
    expect(await homeStatus.textContent()).toBe('需到现场');
    // The 活动 tab says the same (it said 可签到 before).
    await openTab(page, '活动', 'activities/index');
    const tabStatus = page.locator(`#activity-status-${onSite.id}`);
    await tabStatus.waitFor({ timeout: 15_000 });
    await waitUntil(async () => (await tabStatus.textContent()) === '需到现场', '活动 tab shows 需到现场');
    await openTab(page, '首页', 'index/index');
    await page.locator('#home-remote-report').click();
    await page.waitForURL(/#\/pages\/mobile\/index/, { timeout: 15_000 });
  });

  describe('the contact cadre', () => {
    let cadreToken: string;
    let reported: MobileMemberView;
    let overdue: MobileMemberView;

    beforeAll(async () => {
      // The most overdue mobile member of the county with a cadre: that cadre looks at their own.
      const admin = (await adminLogin(server)).token;
      const all = await api<ListPage<MobileMemberView>>(server, admin, '/mobile-members?overdue=true&pageSize=100');
      const first = all.items.find((m) => m.contactCadre && m.overdueDays > 0);
      if (!first) throw new Error('the demo county should have an overdue mobile member with a contact cadre');
      cadreToken = (await devLogin(server, first.contactCadre!.id)).token;
      const list = await api<ListPage<MobileMemberView>>(server, cadreToken, '/mobile-members?pageSize=100');
      const mine = list.items.filter((m) => m.contactCadre?.id === first.contactCadre!.id);
      overdue = [...mine].sort((x, y) => y.overdueDays - x.overdueDays)[0];
      reported = mine[mine.length - 1];
      // The member reports how they are, a minute before the cadre looks.
      const memberToken = (await devLogin(server, reported.member.id)).token;
      await api(server, memberToken, '/me/mobility-report', {
        method: 'POST',
        body: JSON.stringify({ location: '浙江省杭州市', status: 'working', note: '一切都好' }),
      });
    });

    test('the card shows the member’s own report from minutes earlier', async () => {
      // Signed in as that cadre (the token where the app keeps it: Taro's storage wraps it in {data}).
      await page.goto(`${server.baseUrl}/h5/`);
      await page.evaluate((token) => {
        localStorage.clear();
        localStorage.setItem('djzy.token', JSON.stringify({ data: token }));
      }, cadreToken);
      await page.goto(`${server.baseUrl}/h5/#/pages/mobile/cadre`);
      await page.reload();
      const card = page.locator(`#mm-report-${reported.member.id}`);
      await card.waitFor({ timeout: 15_000 });
      const text = await card.innerText();
      expect(text).toContain('正常务工');
      expect(text).toContain('浙江省杭州市');
    });

    test('the contact form’s header drops 逾期 once the contact is saved', async () => {
      if (overdue.overdueDays <= 0) throw new Error('the demo cadre should have an overdue assignee');
      await page.locator(`#mm-contact-${overdue.member.id}`).click();
      await page.waitForURL(/#\/pages\/mobile\/contact/, { timeout: 15_000 });
      const head = page.locator('#contact-member');
      await head.locator('.mm-overdue').waitFor({ timeout: 15_000 });
      await page.locator('#contact-summary textarea').fill('电话联系，工作稳定，身体健康（H5测试）');
      await page.locator('#contact-submit').click();
      await page.locator('#contact-saved, #contact-error').first().waitFor({ timeout: 15_000 });
      expect(await page.locator('#contact-error').allInnerTexts()).toEqual([]);
      await waitUntil(async () => !(await head.innerText()).includes('逾期'), 'the header to drop 逾期');
      // Back on the list, the card is no longer overdue either.
      await page.goBack();
      await page.waitForURL(/#\/pages\/mobile\/cadre/, { timeout: 15_000 });
      await waitUntil(async () => (await page.locator(`#mm-overdue-${overdue.member.id}`).count()) === 0, 'the card to drop 逾期');
    });
  });

  test('the pages raised no script errors', () => {
    expect(pageErrors).toEqual([]);
  });
});
