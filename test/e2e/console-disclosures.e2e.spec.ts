/**
 * 三务公开 in the console, in Chromium against the real server: 东关村's branch secretary creates a
 * finance draft, types its rows in 元 and submits it; the county admin (another person: the
 * 监督小组 is never the preparer) reviews, checks it as the 农经站, approves and publishes it — each
 * button appears only in its state — and it is on the village's public page. 检查逾期 turns the
 * demo county's one overdue schedule into one problem; 打印公开码 draws the village's QR code.
 * Build first: `npm run build -w @djzy/shared -w @djzy/server -w @djzy/admin`.
 */
import type { DisclosureView, OrgNode, Page as ListPage, PublicVillageDisclosures } from '@djzy/shared';
import { openBrowser, type Browser } from '../support/browser';
import { DEMO_ADMIN } from '../support/server';
import { adminLogin, api, consoleSelect, consoleSignIn, firstBranchOf, waitUntil } from '../support/e2e';
import { e2eSuite } from '../support/suite';

jest.setTimeout(180_000);

describe('web console: 三务公开', () => {
  const { server, page } = e2eSuite({
    client: 'console',
    database: { own: 'it publishes a disclosure of 东关村 and raises the county’s overdue-disclosure problem' },
  });
  const run = Date.now() % 100_000;
  let village: OrgNode;
  let secretary: Browser;

  beforeAll(async () => {
    const admin = (await adminLogin(server)).token;
    village = firstBranchOf(await api<OrgNode[]>(server, admin, '/orgs'), '城关镇');
    secretary = await openBrowser();
    await consoleSignIn(page, server);
  });
  afterAll(() => secretary?.close());

  const button = (p: typeof page, id: string) => p.locator(`[data-testid=${id}]`);

  test('create a finance draft → rows in 元 → submit (secretary) → review → 农经站 → approve → publish (admin)', async () => {
    const title = `东关村财务收支公开（测试${run}）`;
    const sp = await secretary.context.newPage();
    sp.setDefaultTimeout(15_000);
    await consoleSignIn(sp, server, { username: 'sj_dongguan', password: DEMO_ADMIN.password });
    await sp.goto(`${server.baseUrl}/console/disclosures`);
    await button(sp, 'disclosure-create').click();
    const modal = sp.locator('.ant-modal:visible');
    await consoleSelect(sp, 'disclosure-form-kind', '财务');
    await button(sp, 'disclosure-form-title').fill(title);
    await button(sp, 'disclosure-form-from').fill('2026-11-01');
    await button(sp, 'disclosure-form-to').fill('2026-11-30');
    await modal.getByRole('button', { name: '创建草稿' }).click();
    const drawer = sp.locator('[data-testid=disclosure-drawer]');
    await drawer.getByText('草稿').first().waitFor();

    await button(sp, 'disclosure-add-row').click();
    await button(sp, 'row-0-on').fill('2026-11-05');
    await button(sp, 'row-0-item').fill('村集体土地承包费');
    await button(sp, 'row-0-a').fill('12345.67');
    await button(sp, 'disclosure-add-row').click();
    await button(sp, 'row-1-on').fill('2026-11-18');
    await button(sp, 'row-1-item').fill('保洁费');
    await button(sp, 'row-1-b').fill('800.5');
    await button(sp, 'row-1-c').fill('记-02');
    await button(sp, 'disclosure-save-rows').click();
    await drawer.getByText('收入合计 12,345.67 元，支出合计 800.50 元').waitFor();
    // A scanned 公开表 as an attachment (a PNG: its bytes, not its name, decide).
    const png = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.alloc(32, 1)]);
    await sp
      .locator('[data-testid=disclosure-attachments] input[type=file]')
      .setInputFiles({ name: '公开表.png', mimeType: 'image/png', buffer: png });
    await drawer.locator('[data-testid=disclosure-attachments]').getByText('公开表.png').waitFor();
    // The preparer cannot review it: no such button for them.
    await button(sp, 'disclosure-submit').click();
    await drawer.locator('[data-testid=disclosure-drawer-status]', { hasText: '待监督小组审核' }).waitFor();
    expect(await button(sp, 'disclosure-review').count()).toBe(0);
    await sp.close();

    const admin = (await adminLogin(server)).token;
    const mine = (await api<ListPage<DisclosureView>>(server, admin, `/disclosures?orgId=${village.id}&pageSize=100`)).items.find(
      (d) => d.title === title,
    )!;
    expect(mine.financeRows.map((r) => [r.incomeCents, r.expenseCents])).toEqual([
      [1234567, 0],
      [0, 80050],
    ]);

    await page.goto(`${server.baseUrl}/console/disclosures`);
    await page.locator(`[data-testid=disclosure-title-${mine.id}]`).click();
    const d = page.locator('[data-testid=disclosure-drawer]');
    const status = (label: string) => d.locator('[data-testid=disclosure-drawer-status]', { hasText: label }).waitFor();
    // Not yet checked by the 农经站: no 审批 button.
    await button(page, 'disclosure-review').click();
    await status('监督小组已审核');
    expect(await button(page, 'disclosure-approve').count()).toBe(0);
    await button(page, 'disclosure-finance-check').click();
    await status('农经站已审核');
    await button(page, 'disclosure-approve').click();
    await status('已审批');
    await button(page, 'disclosure-publish').click();
    await status('已公开');
    await button(page, 'disclosure-correct').waitFor();

    const pub = await api<PublicVillageDisclosures>(server, null, `/public/orgs/${village.id}/disclosures`);
    expect(pub.items.find((i) => i.id === mine.id)).toMatchObject({
      title,
      totals: { incomeCents: 1234567, expenseCents: 80050 },
      attachments: [{ name: '公开表.png', contentType: 'image/png' }],
    });
  });

  test('检查逾期 raises the one overdue schedule as a problem, once; 打印公开码 draws the QR code', async () => {
    await page.goto(`${server.baseUrl}/console/disclosures`);
    await page.getByRole('tab', { name: '公开计划与逾期' }).click();
    await page.locator('[data-testid=schedule-overdue]').first().waitFor();
    expect(await page.locator('[data-testid=schedule-overdue]').count()).toBe(1);
    await button(page, 'schedule-check').click();
    await page.getByText('新登记问题 1 个').waitFor();
    await page.getByText('已登记问题').waitFor();
    await button(page, 'schedule-check').click();
    await page.getByText('均已登记过问题').waitFor();

    await page.getByRole('tab', { name: '公开事项' }).click();
    await button(page, 'disclosure-print-qr').click();
    await page.waitForURL(/\/console\/disclosures\/qr\?orgIds=/);
    await page.locator('[data-testid=disclosure-qr-sheet]').first().waitFor();
    await waitUntil(async () => (await page.locator('[data-testid=disclosure-qr]').count()) > 5, 'a sheet per village');
    const sheet = page.locator('[data-testid=disclosure-qr-sheet]', { hasText: village.name.replace('党支部', '') }).first();
    expect(await sheet.innerText()).toContain(`/console/public/villages/${village.id}`);
    const drawn = await sheet.locator('canvas').evaluate((c: HTMLCanvasElement) => c.width > 100);
    expect(drawn).toBe(true);
  });
});
