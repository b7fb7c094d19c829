/**
 * The village's public 三务公开 page in Chromium at phone size (390×844), without signing in: the
 * QR code's address shows the village, this period's items with their rows in 元, the 已更正 mark
 * on the corrected original, and no ID number or mobile anywhere; 我要监督 posts a question that
 * answers 已收到 with the reply date, and it lands in the township's 投诉建议 with the item linked.
 * Build first: `npm run build -w @djzy/shared -w @djzy/server -w @djzy/admin`.
 */
import type { FeedbackView, OrgNode, Page as ListPage, PublicVillageDisclosures } from '@djzy/shared';
import { openBrowser, type Browser } from '../support/browser';
import { adminLogin, api, firstBranchOf, waitUntil } from '../support/e2e';
import { e2eSuite } from '../support/suite';

jest.setTimeout(120_000);

describe('public 三务公开 page (phone, no sign-in)', () => {
  const { server } = e2eSuite({ client: 'console', database: { own: 'it posts public feedback of 东关村, counted per address' } });
  let phone: Browser;
  let village: OrgNode;

  beforeAll(async () => {
    const admin = (await adminLogin(server)).token;
    village = firstBranchOf(await api<OrgNode[]>(server, admin, '/orgs'), '城关镇');
    phone = await openBrowser({ phone: true });
  });
  afterAll(() => phone?.close());

  test('shows the published items with rows in 元 and 已更正, never a personal number, and posts 我要监督', async () => {
    const data = await api<PublicVillageDisclosures>(server, null, `/public/orgs/${village.id}/disclosures`);
    const finance = data.items.find((i) => i.kind === 'finance' && i.current)!;
    expect(finance).toBeDefined();
    const page = await phone.context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(String(e)));
    await page.goto(`${server.baseUrl}/console/public/villages/${village.id}`);
    await page.locator('h1', { hasText: '三务公开' }).waitFor();
    expect(await page.locator('h1').innerText()).toContain(village.name.replace('党支部', ''));
    // Never redirected to the sign-in page.
    expect(page.url()).toContain('/console/public/villages/');
    const item = page.locator('[data-testid=public-disclosure]', { hasText: finance.title }).first();
    await item.waitFor();
    // This period's finance item is open: its rows in a table with amounts in 元 and the totals.
    const income = finance.financeRows.find((r) => r.incomeCents > 0)!;
    const yuan = `${Math.floor(income.incomeCents / 100).toLocaleString('en-US')}.${String(income.incomeCents % 100).padStart(2, '0')}`;
    await item.locator('table').waitFor();
    expect(await item.locator('table').innerText()).toContain(yuan);
    expect(await item.innerText()).toContain('合计');
    // The corrected original is marked.
    await page.locator('[data-testid=public-disclosure]', { hasText: '已更正' }).first().waitFor();
    // The phone-sized page does not scroll sideways.
    expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth + 1)).toBe(true);
    // No ID number or mobile anywhere on the page (the subsidy names are masked).
    const subsidy = page.locator('[data-testid=public-disclosure]', { hasText: '耕地地力保护补贴' }).first();
    await subsidy
      .locator('.pv-item-head')
      .click()
      .catch(() => undefined);
    const text = await page.locator('body').innerText();
    expect(text).not.toMatch(/(?<!\d)(\d{17}[\dXx]|1[3-9]\d{9})(?!\d)/);

    await item.getByRole('button', { name: '我要监督' }).click();
    const dialog = page.locator('.ant-modal:visible');
    await dialog.locator('textarea').fill('村道维修支出能否附上验收单？');
    await dialog.locator('input').fill('王先生');
    const answer = page.waitForResponse(
      (r) => r.request().method() === 'POST' && /\/public\/disclosures\/.+\/feedback$/.test(new URL(r.url()).pathname),
    );
    await dialog.getByRole('button', { name: /提\s*交/ }).click();
    expect((await answer).status()).toBe(201);
    await dialog.getByText('已收到').waitFor();
    expect(await dialog.innerText()).toMatch(/将在 \d{4}-\d{2}-\d{2} 前答复/);
    expect(errors).toEqual([]);

    // It reached the township's inbox with the item linked (held: no content check configured).
    const admin = (await adminLogin(server)).token;
    await waitUntil(async () => {
      const inbox = await api<ListPage<FeedbackView>>(server, admin, `/feedback?orgId=${village.id}&pageSize=100`);
      return inbox.items.some(
        (f) => f.channel === 'public' && f.disclosureId === finance.id && f.content === '村道维修支出能否附上验收单？',
      );
    }, 'the public feedback in the inbox');
    await page.close();
  });

  test('an unknown village shows a plain not-found page, not the sign-in', async () => {
    const page = await phone.context.newPage();
    await page.goto(`${server.baseUrl}/console/public/villages/zzzzzzzzzzzzzzzzzzzzzzzz`);
    await page.getByText('没有找到这个村的公开栏').waitFor();
    expect(page.url()).not.toContain('/login');
    await page.close();
  });
});
