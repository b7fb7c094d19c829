/**
 * The console's busiest tables on a township office's 1366 × 768 screen (issue #20), in Chromium
 * against the real server (the seeded demo county): in 组织与党员, 流动党员台账 and 活动管理 the
 * columns a secretary looks for first have their header cells wholly inside the table, left of
 * any column fixed on the right (操作) — compared by bounding box, with no header text cut. And
 * 活动管理 shows each meeting's org beside its title and 已签到 x / 应到 y, so five branches'
 * 主题党日 of the same name are told apart.
 * Build first: `npm run build -w @djzy/shared -w @djzy/server -w @djzy/admin`.
 */
import type { Locator, Page } from 'playwright-core';
import type { ActivityView, OrgNode, Page as ListPage } from '@djzy/shared';
import { adminLogin, api, consoleMenu, consolePickOrg, consoleSignIn, flatten } from '../support/e2e';
import { e2eSuite } from '../support/suite';

jest.setTimeout(120_000);

interface Box {
  x: number;
  y: number;
  width: number;
  height: number;
}

/**
 * Each of `titles`' header cells lies inside the table's visible area and left of the first
 * column fixed on the right, and shows its whole text. Returns the problems found (none: fine).
 */
async function clippedHeaders(table: Locator, titles: string[]): Promise<string[]> {
  const container = (await table.locator('.ant-table-container').first().boundingBox()) as Box;
  const fixed = table.locator('thead th[class*="fix-right"], thead th[class*="fix-end"]');
  let limit = container.x + container.width;
  for (let i = 0; i < (await fixed.count()); i++) {
    const b = await fixed.nth(i).boundingBox();
    if (b && b.width > 0) limit = Math.min(limit, b.x);
  }
  const problems: string[] = [];
  if (process.env.SHOT_DIR) await table.page().screenshot({ path: `${process.env.SHOT_DIR}/${titles[0]}-${titles.length}.png` });
  for (const title of titles) {
    const th = table.locator('thead th', { hasText: title }).first();
    const b = (await th.boundingBox()) as Box | null;
    if (!b) {
      problems.push(`${title}: no header cell`);
      continue;
    }
    // A column fixed on the right (操作) must itself be in view; any other must end left of it.
    const isFixedRight = await th.evaluate((el) => /fix-right|fix-end/.test(el.className));
    const end = isFixedRight ? container.x + container.width : limit;
    if (b.x < container.x - 1) problems.push(`${title}: starts left of the table (${b.x} < ${container.x})`);
    if (b.x + b.width > end + 1)
      problems.push(`${title}: ends at ${Math.round(b.x + b.width)}, under the fixed column or out of view at ${Math.round(end)}`);
    // The laid-out text against the cell (scrollWidth would count the fixed column's shadow).
    const cut = await th.evaluate((el) => {
      const range = document.createRange();
      range.selectNodeContents(el);
      const text = range.getBoundingClientRect();
      const cell = el.getBoundingClientRect();
      return text.right > cell.right + 1 || text.left < cell.left - 1;
    });
    if (cut) problems.push(`${title}: header text cut`);
  }
  return problems;
}

describe('web console: tables at 1366 × 768', () => {
  const { server, page } = e2eSuite({ client: 'console', database: 'shared' });
  let token: string;
  let orgs: OrgNode[];

  beforeAll(async () => {
    token = (await adminLogin(server)).token;
    orgs = flatten(await api<OrgNode[]>(server, token, '/orgs'));
    await (page as Page).setViewportSize({ width: 1366, height: 768 });
    await consoleSignIn(page, server);
  });

  test('组织与党员: name, org, category, phone and ID number in view', async () => {
    await consoleMenu(page, '组织与党员', '/roster');
    const table = page.locator('.ant-card', { hasText: '党员名册' }).locator('.ant-table-wrapper').first();
    await table.locator('tbody tr.ant-table-row').first().waitFor();
    // 编辑 (操作) in view too, without scrolling the table sideways.
    expect(await clippedHeaders(table, ['姓名', '所在组织', '人员类别', '手机号', '身份证号', '操作'])).toEqual([]);
  });

  test('流动党员台账: branch, destination, cadre, last contact and overdue days in view', async () => {
    await page.locator('.ant-menu-submenu-title', { hasText: '流动党员' }).click();
    await consoleMenu(page, '流动党员台账', '/mobility/members');
    const table = page.locator('[data-testid=mobile-table]');
    await table.locator('tbody tr.ant-table-row').first().waitFor();
    expect(await clippedHeaders(table, ['姓名', '所在支部', '外出地点', '联系干部', '上次联系', '逾期天数', '操作'])).toEqual([]);
  });

  test('活动管理: the title with its org, and 已签到 x / 应到 y, in view', async () => {
    const township = orgs.find((o) => o.kind === 'township' && o.name.includes('城关镇'))!;
    await page.locator('.ant-menu-submenu-title', { hasText: '组织生活' }).click();
    await consoleMenu(page, '活动管理', '/activities');
    await consolePickOrg(page, 'activity-filter-org', township);
    const table = page.locator('[data-testid=activity-table]');
    const list = await api<ListPage<ActivityView>>(server, token, `/activities?orgId=${township.id}&page=1&pageSize=20`);
    const first = list.items[0];
    expect(first).toBeTruthy();
    const row = table.locator(`tr[data-row-key="${first.id}"]`);
    await row.waitFor();
    expect(await clippedHeaders(table, ['活动名称', '时间', '签到', '操作'])).toEqual([]);

    // The org is named beside the title, and the attendance reads 已签到 x / 应到 y.
    expect(first.expectedCount).not.toBeNull();
    await expect(row.locator(`[data-testid=activity-org-${first.id}]`).innerText()).resolves.toBe(first.orgName);
    await expect(row.locator(`[data-testid=activity-attendance-${first.id}]`).innerText()).resolves.toBe(
      `已签到 ${first.checkedInCount} / 应到 ${first.expectedCount}`,
    );
    // The title is not cut to a few characters: its cell is wide enough for a full 主题党日 title.
    const titleBox = (await row.locator(`[data-testid=activity-link-${first.id}]`).boundingBox())!;
    expect(titleBox.width).toBeGreaterThan(0);
    const titleCell = (await row.locator('td').first().boundingBox())!;
    expect(titleCell.width).toBeGreaterThanOrEqual(280);
  });

  test('组织生活落实情况: branch, the monthly and quarterly meetings and 未落实 in view', async () => {
    if (!(await page.locator('.ant-menu-item', { hasText: '组织生活落实情况' }).isVisible()))
      await page.locator('.ant-menu-submenu-title', { hasText: '组织生活' }).click();
    await consoleMenu(page, '组织生活落实情况', '/org-life');
    const table = page.locator('[data-testid=orglife-table]');
    await table.locator('tbody tr.ant-table-row').first().waitFor();
    expect(await clippedHeaders(table, ['党支部', '支委会', '党小组会', '主题党日', '党员大会', '党课', '未落实'])).toEqual([]);
  });
});
