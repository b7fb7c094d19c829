/**
 * 述职台账 in the console, in Chromium against the real server (the seeded demo county): the
 * township's 调研走访 gets a visit with two households (one 贫困户) through the drawer; an Excel
 * import with a wrong row is refused as a whole, the wrong row named (第 N 行) and nothing written;
 * in 村级岗位 a branch secretary's post is ended with the reason 调整 (replaced).
 * Build first: `npm run build -w @djzy/shared -w @djzy/server -w @djzy/admin`.
 */
import ExcelJS from 'exceljs';
import { toLocalDate, type OrgNode, type PostGrantView, type VisitView } from '@djzy/shared';
import { adminLogin, api, consolePickOrg, consoleSelect, consoleSignIn, firstBranchOf, flatten, waitUntil } from '../support/e2e';
import { e2eSuite } from '../support/suite';

jest.setTimeout(120_000);

describe('web console: 述职台账', () => {
  const { server, page } = e2eSuite({
    client: 'console',
    database: { own: 'it ends a 城关镇 branch secretary’s post, whom other suites sign in as' },
  });
  const run = Date.now() % 100_000;
  const year = new Date().getFullYear();
  let token: string;
  let township: OrgNode;
  let branch: OrgNode;

  const visits = () => api<VisitView[]>(server, token, `/visits?orgId=${township.id}&year=${year}`);

  beforeAll(async () => {
    token = (await adminLogin(server)).token;
    const orgs = await api<OrgNode[]>(server, token, '/orgs');
    township = flatten(orgs).find((o) => o.kind === 'township' && o.name.includes('城关镇'))!;
    branch = firstBranchOf(orgs, '城关镇');
    await consoleSignIn(page, server);
  });

  test('调研走访: a visit with two households, one of them 贫困户, added through the drawer', async () => {
    await page.locator('.ant-menu-submenu-title', { hasText: '述职台账' }).click();
    await page.locator('.ant-menu-item', { hasText: '调研走访' }).click();
    await page.waitForURL(/\/console\/records\/visits$/);
    await consolePickOrg(page, 'visits-org', township);
    await page.locator('[data-testid=visits-table]').waitFor();

    await page.click('[data-testid=visit-new]');
    const drawer = page.locator('[data-testid=visit-drawer]');
    await drawer.waitFor();
    await drawer.locator('[data-testid=visit-visitor-name]').fill('驻村工作队 刘队长');
    await drawer.locator('[data-testid=visit-topic]').fill(`走访了解春耕生产 ${run}`);
    await drawer.locator('[data-testid=visit-household-add]').click();
    await drawer.locator('[data-testid=visit-household-0]').fill('张家湾组 张*明户');
    await drawer.locator('[data-testid=visit-household-poor-0]').check();
    await drawer.locator('[data-testid=visit-household-add]').click();
    await drawer.locator('[data-testid=visit-household-1]').fill('李庄组 李*华户');
    const answer = page.waitForResponse((r) => r.request().method() === 'POST' && new URL(r.url()).pathname.endsWith('/visits'));
    await page.click('[data-testid=visit-save]');
    expect((await answer).status()).toBe(201);
    await drawer.waitFor({ state: 'detached' });

    const row = page.locator('[data-testid=visits-table] tr', { hasText: `走访了解春耕生产 ${run}` });
    await row.waitFor();
    expect(await row.innerText()).toContain('张家湾组 张*明户（贫困户）');
    const saved = (await visits()).find((v) => v.topic === `走访了解春耕生产 ${run}`)!;
    expect(saved).toMatchObject({ visitorName: '驻村工作队 刘队长', purpose: 'household', on: toLocalDate(new Date()) });
    expect(saved.households.map((h) => [h.householdKey, h.poor]).sort()).toEqual(
      [
        ['张家湾组张*明户', true],
        ['李庄组李*华户', false],
      ].sort(),
    );
  });

  test('调研走访: an import with a wrong row writes nothing and names the row', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('调研走访');
    ws.addRow(['日期', '所属组织', '走访人', '类型', '主题', '地点', '走访户']);
    ws.addRow([toLocalDate(new Date()), '', '驻村工作队 刘队长', '调研', `导入调研 ${run}`, '', '']);
    ws.addRow(['2099-01-01', '', '驻村工作队 刘队长', '调研', `导入调研（未来） ${run}`, '', '']);
    const file = Buffer.from(await wb.xlsx.writeBuffer());
    const before = (await visits()).length;

    await page.click('[data-testid=visits-import]');
    const dialog = page.locator('.ant-modal', { hasText: '导入调研走访' });
    await dialog.waitFor();
    const answer = page.waitForResponse((r) => r.request().method() === 'POST' && new URL(r.url()).pathname.endsWith('/visits/import'));
    await dialog.locator('input[type=file]').setInputFiles({
      name: '调研走访.xlsx',
      mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      buffer: file,
    });
    expect((await answer).status()).toBe(400);
    await dialog.locator('[data-testid=import-error]').waitFor();
    expect(await dialog.locator('[data-testid=import-error]').innerText()).toContain('未导入任何记录');
    const errors = dialog.locator('[data-testid=import-errors]');
    await errors.waitFor();
    expect(await errors.innerText()).toMatch(/第 3 行[\s\S]*不能晚于今天/);
    expect((await visits()).length).toBe(before);
    // antd spaces a two-character button's text (关 闭): the dialog's × closes it too.
    await dialog.locator('.ant-modal-close').click();
    await dialog.waitFor({ state: 'hidden' });
  });

  test('村级岗位: a branch secretary’s post ended with the reason 调整', async () => {
    const live = (await api<PostGrantView[]>(server, token, `/role-grants?orgId=${branch.id}`)).find((g) => g.role === 'branch_secretary')!;
    expect(live).toBeTruthy();
    await page.locator('.ant-menu-item', { hasText: '村级岗位' }).click();
    await page.waitForURL(/\/console\/records\/posts$/);
    await consolePickOrg(page, 'posts-org', township);
    await page.locator(`[data-testid=post-end-${live.id}]`).click();
    const dialog = page.locator('.ant-modal', { hasText: '离任' });
    await dialog.waitFor();
    await dialog.locator('[data-testid=post-end-reason] label', { hasText: '调整' }).click();
    const answer = page.waitForResponse(
      (r) => r.request().method() === 'POST' && new URL(r.url()).pathname.endsWith(`/role-grants/${live.id}/end`),
    );
    await dialog.locator('[data-testid=post-end-save]').click();
    expect((await answer).status()).toBe(200);
    await page.locator(`[data-testid=post-grant-branch_secretary-${branch.id}]`).waitFor();
    await waitUntil(
      async () => (await page.locator(`[data-testid=post-end-${live.id}]`).count()) === 0,
      'the ended secretary to leave the table',
    );
    const ended = (await api<PostGrantView[]>(server, token, `/role-grants?orgId=${branch.id}&includeEnded=true`)).find(
      (g) => g.id === live.id,
    )!;
    expect(ended).toMatchObject({ endReason: 'replaced' });
    expect(ended.endedAt).not.toBeNull();
  });

  test('谈心谈话, 党建阵地 (with an investment in 元), 表彰 and 支部评定 save through their forms', async () => {
    const status = async (method: string, end: string, click: () => Promise<void>) => {
      const r = page.waitForResponse((x) => x.request().method() === method && new URL(x.url()).pathname.endsWith(end));
      await click();
      return (await r).status();
    };

    await page.goto(`${server.baseUrl}/console/records/talks`);
    await consolePickOrg(page, 'talks-org', township);
    await page.click('[data-testid=talk-new]');
    const talk = page.locator('[data-testid=talk-drawer]');
    await talk.locator('input#talk_talkerName').fill('镇党委书记');
    await talk.locator('input#talk_others').fill('群众 钱*');
    await page.keyboard.press('Enter');
    await talk.locator('textarea#talk_topic').fill('谈心');
    expect(await status('POST', '/talks', () => page.click('[data-testid=talk-save]'))).toBe(201);

    await page.goto(`${server.baseUrl}/console/records/sites`);
    await consolePickOrg(page, 'sites-org', township);
    await page.click('[data-testid=site-new]');
    await consoleSelect(page, 'site-org', branch.name);
    await page.locator('input#site_name').fill(`新阵地 ${run}`);
    expect(await status('POST', '/sites', () => page.click('[data-testid=site-save]'))).toBe(201);
    const sites = await api<{ id: string; name: string }[]>(server, token, `/sites?orgId=${branch.id}`);
    const site = sites.find((x) => x.name === `新阵地 ${run}`)!;
    await page.click(`[data-testid=site-invest-${site.id}]`);
    await page.locator('input#investment_yuan').fill('1234.5');
    await page.locator('input#investment_purpose').fill('改造');
    expect(await status('POST', '/investments', () => page.locator('.ant-modal .ant-btn-primary').click())).toBe(201);
    expect(
      (await api<{ id: string; investedCents: number }[]>(server, token, `/sites?orgId=${branch.id}`)).find((x) => x.id === site.id)!
        .investedCents,
    ).toBe(123450);

    await page.goto(`${server.baseUrl}/console/records/commendations`);
    await consolePickOrg(page, 'commendations-org', township);
    await page.click('[data-testid=commendation-new]');
    const c = page.locator('[data-testid=commendation-drawer]');
    await c.locator('label', { hasText: '基层党组织' }).click();
    await consolePickOrg(page, c.locator('[data-testid=commendation-org]'), branch);
    expect(await status('POST', '/commendations', () => page.click('[data-testid=commendation-save]'))).toBe(201);

    await page.goto(`${server.baseUrl}/console/records/ratings`);
    await consolePickOrg(page, 'ratings-org', township);
    expect(await status('PUT', '/branch-ratings', () => consoleSelect(page, `rating-${branch.id}`, '后进'))).toBe(200);
  });
});
