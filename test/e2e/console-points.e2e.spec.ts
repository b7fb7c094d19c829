/**
 * The console's points screens (积分管理) in Chromium against the real server: a rule change, a
 * member's ledger with an idempotent adjustment (its answer lost once, retried with the same key)
 * and a reversal, the branch's ranking switch, the ranking export, a 评比通报 generated, edited
 * and published (then seen by a member of that township only), and the distribution chart.
 * Build first: `npm run build -w @djzy/shared -w @djzy/server -w @djzy/admin`.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import type { Request } from 'playwright-core';
import {
  periodKeysOf,
  type BranchPointsStat,
  type MemberSummary,
  type MyPointsResponse,
  type OrgNode,
  type Page as ListPage,
  type PointsNoticeView,
  type PointsRuleView,
  type PointsSettingsView,
  type RankingItem,
} from '@djzy/shared';
import { adminLogin, api, consoleMenu, consolePickOrg, consoleSignIn, devLogin, flatten, waitUntil } from '../support/e2e';
import { DEMO_ADMIN } from '../support/server';
import { e2eSuite } from '../support/suite';

jest.setTimeout(120_000);

describe('web console: points', () => {
  const { server, page } = e2eSuite({
    client: 'console',
    database: {
      own: 'it changes county-wide rules, turns on members’ ranking in a branch (h5-points expects it off) and publishes a 评比通报',
    },
  });
  let adminToken: string;
  let orgs: OrgNode[];
  let branch: OrgNode;
  let township: OrgNode;
  let otherTownship: OrgNode;
  let workDir: string;
  const run = Date.now() % 100_000;
  const year = periodKeysOf(new Date()).year;
  let memberId: string;
  let balanceBefore: number;
  const reason = `表现突出加分${run}`;

  const goTo = (label: string, urlEnd: string) => consoleMenu(page, label, urlEnd);

  /**
   * A token for a plain member (no cadre role) of `org`'s subtree, through the demo sign-in. A
   * member holding a role is answered within their managed scope instead, so they would not do.
   */
  const plainMemberToken = async (org: OrgNode): Promise<string> => {
    const list = await api<ListPage<MemberSummary>>(server, adminToken, `/members?orgId=${org.id}&pageSize=20`);
    for (const m of list.items) {
      const login = await devLogin(server, m.id);
      if (login.member && !login.member.roles.length) return login.token;
    }
    throw new Error(`no plain member among the first members of ${org.name}`);
  };

  beforeAll(async () => {
    const login = await adminLogin(server);
    adminToken = login.token;
    orgs = await api<OrgNode[]>(server, adminToken, '/orgs');
    const all = flatten(orgs);
    const townships = all.filter((o) => o.kind === 'township');
    if (townships.length < 2) throw new Error('the demo county should have at least two townships');
    [township, otherTownship] = townships;
    const b = flatten(township.children).find((o) => o.kind === 'branch' && o.children.length + o.memberCount > 0);
    if (!b) throw new Error(`no branch with members under ${township.name}`);
    branch = b;

    workDir = mkdtempSync(path.join(tmpdir(), 'djzy-console-points-'));
  });

  afterAll(() => {
    if (workDir) rmSync(workDir, { recursive: true, force: true });
  });

  test('the admin signs in and finds the 积分管理 menu', async () => {
    await consoleSignIn(page, server);
    await page.locator('.ant-menu-submenu-title', { hasText: '积分管理' }).click();
    for (const label of ['积分规则', '积分排名', '积分分布', '评比通报']) {
      await page.locator('.ant-menu-item', { hasText: label }).waitFor();
    }
  });

  test('积分规则: changing a rule’s points is saved', async () => {
    await goTo('积分规则', '/points/rules');
    const before = (await api<PointsRuleView[]>(server, adminToken, '/points/rules')).find((r) => r.code === 'study_note');
    if (!before) throw new Error('rule study_note missing');
    const next = before.points === 7 ? 8 : 7;
    const row = page.locator('tr[data-row-key="study_note"]');
    await row.locator('[data-testid=rule-points]').waitFor();
    await expect(page.locator('.ant-alert').first().innerText()).resolves.toContain('只对此后新产生的积分生效');
    await row.locator('button', { hasText: '修改' }).click();
    const dialog = page.locator('.ant-modal', { hasText: '修改积分规则' });
    await dialog.locator('#rule-points').fill(String(next));
    await dialog.locator('.ant-modal-footer button.ant-btn-primary').click();
    await dialog.waitFor({ state: 'hidden' });
    await row.locator('[data-testid=rule-points]', { hasText: `+${next}` }).waitFor();

    const after = (await api<PointsRuleView[]>(server, adminToken, '/points/rules')).find((r) => r.code === 'study_note')!;
    expect(after.points).toBe(next);
    // Everything else is kept as it was.
    expect([after.dailyCap, after.yearlyCap, after.enabled]).toEqual([before.dailyCap, before.yearlyCap, before.enabled]);
  });

  test('积分排名: a branch’s ranking, its member-ranking switch (off by default) and the export', async () => {
    await goTo('积分排名', '/points/ranking');
    await page.locator(`[data-testid=org-tree] [data-testid="org-${branch.id}"]`).click();

    const ranking = await api<ListPage<RankingItem>>(server, adminToken, `/points/rankings?orgId=${branch.id}&period=${year}&pageSize=20`);
    const county = await api<ListPage<RankingItem>>(server, adminToken, `/points/rankings?period=${year}&pageSize=20`);
    const countyIds = new Set(county.items.map((i) => i.memberId));
    // A member on the branch's first page but not the county's: its row proves the branch loaded.
    const target = ranking.items.find((i) => !countyIds.has(i.memberId)) ?? ranking.items[0];
    memberId = target.memberId;
    await page.locator(`[data-testid="ranking-member-${memberId}"]`).waitFor();
    await waitUntil(
      async () => (await page.locator('[data-testid=ranking-table] tbody tr.ant-table-row').count()) === ranking.items.length,
      'the branch ranking page',
    );
    await page.locator('.ant-pagination-total-text', { hasText: `共 ${ranking.total} 人` }).waitFor();

    // 减负: members do not see personal rankings unless an admin turns it on for the branch.
    const sw = page.getByRole('switch', { name: '向党员公开本支部个人排名' });
    await waitUntil(
      async () => (await sw.getAttribute('aria-busy')) !== 'true' && !(await sw.locator('.ant-switch-loading-icon').count()),
      'the setting to load',
    );
    await expect(sw.getAttribute('aria-checked')).resolves.toBe('false');
    await expect(page.locator('.ant-alert-warning').innerText()).resolves.toContain('默认不公开');
    await sw.click();
    await waitUntil(async () => (await sw.getAttribute('aria-checked')) === 'true', 'the switch to turn on');
    await waitUntil(
      async () => (await api<PointsSettingsView>(server, adminToken, `/points/settings/${branch.id}`)).showMemberRanking,
      'the setting to be saved',
    );

    // 导出: the whole ranking of the branch, every row as the API ranks it.
    const [download] = await Promise.all([page.waitForEvent('download'), page.locator('[data-testid=ranking-export]').click()]);
    expect(download.suggestedFilename()).toBe(`${branch.name}${year}年积分排名.xlsx`);
    const file = path.join(workDir, 'ranking.xlsx');
    await download.saveAs(file);
    const book = new ExcelJS.Workbook();
    await book.xlsx.readFile(file);
    const sheet = book.worksheets[0];
    expect(sheet.getRow(2).values).toEqual([undefined, '名次', '姓名', '所在组织', '积分']);
    const all = await api<ListPage<RankingItem>>(server, adminToken, `/points/rankings?orgId=${branch.id}&period=${year}&pageSize=100`);
    const rows: unknown[][] = [];
    sheet.eachRow((r, n) => n > 2 && rows.push((r.values as unknown[]).slice(1)));
    expect(rows).toEqual(all.items.map((i) => [i.rank, i.name, i.orgName, i.points]));
  });

  test('积分调整 +5 with a reason: a lost answer is retried with the same Idempotency-Key and counted once', async () => {
    balanceBefore = (await api<MyPointsResponse>(server, adminToken, `/points/members/${memberId}?period=${year}`)).balance;
    await page.locator(`[data-testid="ranking-member-${memberId}"]`).click();
    const drawer = page.locator('.ant-drawer', { hasText: '的积分明细' });
    const balance = drawer.locator('[data-testid=ledger-balance]');
    await waitUntil(async () => (await balance.getAttribute('data-value')) === String(balanceBefore), 'the ledger to load');

    // The reason is required: without it nothing is sent.
    const sent: Request[] = [];
    const onRequest = (r: Request) => r.method() === 'POST' && r.url().includes('/api/v1/points/adjustments') && sent.push(r);
    page.on('request', onRequest);
    await drawer.locator('#adjust-delta').fill('5');
    await drawer.locator('button', { hasText: '提交调整' }).click();
    await drawer.locator('.ant-form-item-explain-error', { hasText: '请填写调整原因' }).waitFor();
    expect(sent).toHaveLength(0);

    // First attempt: the server applies it, but the answer never reaches the browser.
    await page.route('**/api/v1/points/adjustments', async (route) => {
      await route.fetch();
      await route.abort('failed');
    });
    await drawer.locator('#adjust-reason').fill(reason);
    await drawer.locator('button', { hasText: '提交调整' }).click();
    await drawer.locator('[data-testid=adjustment-error]', { hasText: '网络' }).waitFor();
    await page.unroute('**/api/v1/points/adjustments');
    const applied = await api<MyPointsResponse>(server, adminToken, `/points/members/${memberId}?period=${year}`);
    expect(applied.balance).toBe(balanceBefore + 5);

    // The user submits the same form again: same key, the server's saved answer, no second entry.
    await drawer.locator('button', { hasText: '提交调整' }).click();
    await drawer.locator('[data-testid=ledger-entries] tr.ant-table-row', { hasText: reason }).waitFor();
    await waitUntil(async () => (await balance.getAttribute('data-value')) === String(balanceBefore + 5), 'the new balance');
    page.off('request', onRequest);

    expect(sent).toHaveLength(2);
    const keys = await Promise.all(sent.map((r) => r.headerValue('idempotency-key')));
    expect(keys[0]).toMatch(/^[\w.:-]{8,100}$/);
    expect(keys[1]).toBe(keys[0]);
    expect(JSON.parse(sent[0].postData() ?? '{}')).toEqual({ memberId, delta: 5, reason });

    const ledger = await api<MyPointsResponse>(server, adminToken, `/points/members/${memberId}?period=${year}`);
    expect(ledger.balance).toBe(balanceBefore + 5);
    const mine = ledger.entries.filter((e) => e.reason === reason);
    expect(mine).toHaveLength(1);
    expect(mine[0]).toMatchObject({ delta: 5, sourceType: 'adjustment', reversedBy: null });
    const row = drawer.locator('[data-testid=ledger-entries] tr.ant-table-row', { hasText: reason });
    const text = await row.innerText();
    expect(text).toContain('+5');
    expect(text).toContain('管理员调整');
    expect(text).toContain(mine[0].effectiveDate);

    // The ranking behind the drawer has been refreshed with the new points.
    const rankingRow = page.locator('[data-testid=ranking-table] tr.ant-table-row', {
      has: page.locator(`[data-testid="ranking-member-${memberId}"]`),
    });
    await rankingRow.locator('[data-testid=ranking-points]', { hasText: String(balanceBefore + 5) }).waitFor();
  });

  test('冲正 asks for a reason, appends the reversal and marks the entry 已冲正', async () => {
    const drawer = page.locator('.ant-drawer', { hasText: '的积分明细' });
    const row = drawer.locator('[data-testid=ledger-entries] tr.ant-table-row', { hasText: reason }).filter({ hasNotText: '冲正：' });
    await row.locator('[data-testid=entry-reverse]').click();
    const dialog = page.locator('.ant-modal', { hasText: '冲正积分记录' });
    await dialog.locator('.ant-modal-footer button', { hasText: '确认冲正' }).click();
    await dialog.locator('[data-testid=reverse-error]', { hasText: '请填写冲正原因' }).waitFor();
    await dialog.locator('#reverse-reason').fill('重复加分，予以冲正');
    await dialog.locator('.ant-modal-footer button', { hasText: '确认冲正' }).click();
    await dialog.waitFor({ state: 'hidden' });

    await row.locator('[data-testid=entry-reversed]', { hasText: '已冲正' }).waitFor();
    await drawer.locator('[data-testid=ledger-entries] tr.ant-table-row', { hasText: '冲正：重复加分，予以冲正' }).waitFor();
    await waitUntil(
      async () => (await drawer.locator('[data-testid=ledger-balance]').getAttribute('data-value')) === String(balanceBefore),
      'the balance to return',
    );
    // A reversed entry offers no second 冲正.
    await expect(row.locator('[data-testid=entry-reverse]').count()).resolves.toBe(0);

    const ledger = await api<MyPointsResponse>(server, adminToken, `/points/members/${memberId}?period=${year}`);
    expect(ledger.balance).toBe(balanceBefore);
    const original = ledger.entries.find((e) => e.reason === reason)!;
    const reversal = ledger.entries.find((e) => e.reversalOf === original.id)!;
    expect(original.reversedBy).toBe(reversal.id);
    expect(reversal).toMatchObject({ delta: -5, sourceType: 'reversal', reason: '冲正：重复加分，予以冲正' });

    await drawer.locator('.ant-drawer-close').click();
    await drawer.waitFor({ state: 'hidden' });
  });

  test('评比通报: generate for a township, edit the title, publish; its members see it, others do not', async () => {
    await goTo('评比通报', '/points/notices');
    await page.locator('button', { hasText: '生成通报' }).click();
    const dialog = page.locator('.ant-modal', { hasText: '生成评比通报' });
    await consolePickOrg(page, dialog.locator('[data-testid=notice-org]'), township);
    await dialog.locator('.ant-modal-footer button.ant-btn-primary').click();
    await dialog.waitFor({ state: 'hidden' });

    const editor = page.locator('.ant-drawer', { hasText: '评比通报' });
    const title = editor.locator('#notice-title');
    await title.waitFor();
    await expect(title.inputValue()).resolves.toBe(`${township.name}${year}年度党员积分评比通报`);
    await expect(editor.locator('[data-testid=notice-status]').innerText()).resolves.toBe('草稿');
    await expect(editor.locator('#notice-body').inputValue()).resolves.toContain('积分靠前的党员');
    const newTitle = `${township.name}${year}年度党员积分评比通报（第${run}号）`;
    await title.fill(newTitle);
    await editor.locator('[data-testid=notice-save]').click();
    await page.locator('.ant-message', { hasText: '已保存' }).waitFor();

    const drafts = await api<ListPage<PointsNoticeView>>(server, adminToken, '/points/notices?pageSize=100');
    const notice = drafts.items.find((n) => n.title === newTitle);
    expect(notice).toMatchObject({ orgId: township.id, period: year, status: 'draft' });

    // A member of that township does not see a draft.
    const memberToken = await plainMemberToken(township);
    const seen = () => api<ListPage<PointsNoticeView>>(server, memberToken, '/points/notices?pageSize=100');
    expect((await seen()).items.map((n) => n.id)).not.toContain(notice!.id);

    await editor.locator('[data-testid=notice-publish]').click();
    // antd spaces out two-character labels: 发 布.
    await page.locator('.ant-modal-confirm .ant-btn-primary', { hasText: /发\s*布/ }).click();
    await editor.locator('[data-testid=notice-status]', { hasText: '已发布' }).waitFor();
    await editor.locator('[data-testid=notice-readonly]').waitFor();
    await expect(editor.locator('[data-testid=notice-title-text]').innerText()).resolves.toBe(newTitle);
    // Published: read-only, no 保存 or 发布 any more.
    await expect(editor.locator('#notice-title').count()).resolves.toBe(0);
    await expect(editor.locator('[data-testid=notice-save]').count()).resolves.toBe(0);

    const published = (await seen()).items.find((n) => n.id === notice!.id);
    expect(published).toMatchObject({ title: newTitle, status: 'published', orgId: township.id });

    // A member of another township does not see it.
    const otherSees = await api<ListPage<PointsNoticeView>>(server, await plainMemberToken(otherTownship), '/points/notices?pageSize=100');
    expect(otherSees.items.map((n) => n.id)).not.toContain(notice!.id);

    await editor.locator('.ant-drawer-close').click();
    const listRow = page.locator('[data-testid=notice-table] tr.ant-table-row', { hasText: newTitle });
    await listRow.locator('[data-testid=notice-status]', { hasText: '已发布' }).waitFor();
  });

  test('积分分布: the chart renders on a canvas with one bar group per branch', async () => {
    await goTo('积分分布', '/points/distribution');
    await page.locator('[data-testid=distribution-chart] canvas').waitFor();
    const stats = await api<BranchPointsStat[]>(server, adminToken, `/points/distribution?period=${year}&orgId=${orgs[0].id}`);
    expect(stats.length).toBeGreaterThan(1);
    const rows = page.locator('[data-testid=distribution-table] tbody tr.ant-table-row');
    await waitUntil(async () => (await rows.count()) === stats.length, 'one table row per branch');
    await expect(rows.first().innerText()).resolves.toContain(stats[0].orgName);
    const box = await page.locator('[data-testid=distribution-chart] canvas').boundingBox();
    expect(box && box.width > 200 && box.height > 200).toBe(true);
  });

  test('a township admin sees the county-wide rules by their Chinese names, without a 修改 they cannot use', async () => {
    await page.locator('button', { hasText: '退出' }).click();
    await page.waitForURL(/\/console\/login$/);
    // The demo county's 城关镇 organiser: an admin of a township, not of the county.
    await consoleSignIn(page, server, { username: 'zz_chengguan', password: DEMO_ADMIN.password });
    await page.goto(`${server.baseUrl}/console/points/rules`);
    const row = page.locator('tr[data-row-key="checkin"]');
    await row.waitFor();
    await expect(row.innerText()).resolves.toContain('参加组织活动');
    const table = await page.locator('.ant-table').innerText();
    expect(table).not.toMatch(/meeting_committee|absence|checkin|study_note/);
    expect(await page.locator('.ant-table button', { hasText: '修改' }).count()).toBe(0);
    expect(table).not.toContain('操作');
  });
});
