/**
 * 服务群众 in the console, in Chromium against the real server: the menu opens 为群众办实事, 便民服务
 * and 联村联片联户 (the demo county's links and contacts listed); the county admin registers a deed
 * for a branch of 城关镇 and takes it through 受理 → 开始办理 → 办结 (asked for the result first) →
 * 回访 (满意), each move's answer shown in the row; 不予办理 elsewhere needs a reason.
 * Build first: `npm run build -w @djzy/shared -w @djzy/server -w @djzy/admin`.
 */
import { toLocalDate, type DeedView, type MemberSummary, type OrgNode, type Page as ListPage } from '@djzy/shared';
import { adminLogin, api, consolePickOrg, consoleSignIn, firstBranchOf, waitUntil } from '../support/e2e';
import { e2eSuite } from '../support/suite';

jest.setTimeout(120_000);

const day = (days: number): string => toLocalDate(Date.now() + days * 24 * 3600_000);

describe('web console: 为群众办实事, 便民服务 and 联村联片联户', () => {
  const { server, page } = e2eSuite({
    client: 'console',
    database: { own: 'it registers and closes deeds of 城关镇 and counts the county’s deeds' },
  });
  const run = Date.now() % 100_000;
  let adminToken: string;
  let branch: OrgNode;
  let responsible: MemberSummary;

  const modal = () => page.locator('.ant-modal:visible');
  const answerTo = async (method: string, path: RegExp, click: () => Promise<void>) => {
    const answer = page.waitForResponse((r) => r.request().method() === method && path.test(new URL(r.url()).pathname));
    await click();
    return answer;
  };

  beforeAll(async () => {
    adminToken = (await adminLogin(server)).token;
    const orgs = await api<OrgNode[]>(server, adminToken, '/orgs');
    branch = firstBranchOf(orgs, '城关镇');
    const members = await api<ListPage<MemberSummary>>(server, adminToken, `/members?orgId=${branch.id}&pageSize=50`);
    responsible = members.items.find((m) => !m.isMobile) ?? members.items[0];
    await consoleSignIn(page, server);
  });

  test('the 服务群众 menu opens 为群众办实事, 便民服务 and 联村联片联户 with the demo county’s records', async () => {
    await page.locator('.ant-menu-submenu-title', { hasText: '服务群众' }).click();
    await page.locator('.ant-menu-item', { hasText: '便民服务' }).click();
    await page.waitForURL(/\/console\/service\/requests$/);
    await page.locator('[data-testid=request-table] .ant-table-row').first().waitFor();
    await page.locator('.ant-menu-item', { hasText: '联村联片联户' }).click();
    await page.waitForURL(/\/console\/service\/liaisons$/);
    await page.locator('[data-testid=liaison-table] .ant-table-row').first().waitFor();
    for (const kind of ['科级干部联村', '支委联片', '无职党员联户'])
      await page.locator('[data-testid=liaison-table]', { hasText: kind }).waitFor();
    await page.locator('[data-testid=liaison-contacts] .ant-table-row').first().waitFor();
    expect(await page.locator('body').innerText()).not.toMatch(/排名|得分/);
    await page.locator('.ant-menu-item', { hasText: '为群众办实事' }).click();
    await page.waitForURL(/\/console\/service\/deeds$/);
    await page.locator('[data-testid=deed-table] .ant-table-row').first().waitFor();
  });

  test('登记 → 受理 → 开始办理 → 办结 (with its result) → 回访 满意', async () => {
    const title = `为独居老人更换老化电线（${run}）`;
    await page.goto(`${server.baseUrl}/console/service/deeds`);
    await page.locator('[data-testid=deed-table]').waitFor();

    await page.locator('[data-testid=deed-new]').click();
    const form = page.locator('.ant-modal', { hasText: '登记办实事' });
    await form.locator('#deed_title').waitFor();
    await consolePickOrg(page, 'deed-org', branch);
    await form.locator('#deed_title').fill(title);
    await form.locator('#deed_requester').fill('张三明');
    const memberSelect = form.locator('[data-testid=deed-member-select]');
    await memberSelect.click();
    await memberSelect.locator('input').fill(responsible.name);
    const option = page.locator(`.ant-select-dropdown [data-testid="member-option-${responsible.id}"]`).filter({ visible: true });
    await option.waitFor();
    await option.click();
    await waitUntil(async () => (await memberSelect.innerText()).includes(responsible.name), 'the member picked');
    const dateInput = form.locator('[data-testid=deed-promised] input, input#deed_promisedBy').first();
    await dateInput.click();
    await dateInput.fill(day(10));
    await dateInput.press('Enter');
    await waitUntil(async () => (await dateInput.inputValue()) === day(10), 'the day typed');
    const created = await answerTo('POST', /\/api\/v1\/deeds$/, () => form.locator('[data-testid=deed-form-save]').click());
    expect(created.status()).toBe(201);
    const deed = (await created.json()) as DeedView;
    expect(deed).toMatchObject({
      orgId: branch.id,
      status: 'registered',
      requester: '张*明',
      source: 'plan',
      responsibleMemberId: responsible.id,
      promisedBy: day(10),
    });
    await form.waitFor({ state: 'hidden' });

    const row = page.locator(`[data-testid=deed-table] tr[data-row-key="${deed.id}"]`);
    const status = row.locator(`[data-testid=deed-status-${deed.id}]`);
    await status.filter({ hasText: '已登记' }).waitFor();
    expect(await row.innerText()).toContain(responsible.name);

    expect((await answerTo('POST', /\/accept$/, () => row.locator(`[data-testid=deed-accept-${deed.id}]`).click())).status()).toBe(200);
    await status.filter({ hasText: '已受理' }).waitFor();
    expect((await answerTo('POST', /\/start$/, () => row.locator(`[data-testid=deed-start-${deed.id}]`).click())).status()).toBe(200);
    await status.filter({ hasText: '办理中' }).waitFor();

    // 办结 asks for what was done before anything is sent.
    await row.locator(`[data-testid=deed-done-${deed.id}]`).click();
    const done = modal();
    await done.locator('.ant-modal-title', { hasText: '办结' }).waitFor();
    await done.locator('[data-testid=deed-move-ok]').click();
    await done.locator('.ant-form-item-explain-error', { hasText: '请填写办理结果' }).waitFor();
    await done.locator('#deedMove_result').fill('联系电工更换入户电线 30 米，已通电');
    expect((await answerTo('POST', /\/done$/, () => done.locator('[data-testid=deed-move-ok]').click())).status()).toBe(200);
    await done.waitFor({ state: 'hidden' });
    await status.filter({ hasText: '已办结' }).waitFor();

    // 回访: 满意, with a note.
    await row.locator(`[data-testid=deed-confirm-${deed.id}]`).click();
    const confirm = modal();
    await confirm.locator('.ant-modal-title', { hasText: '回访' }).waitFor();
    await confirm.locator('label', { hasText: /^满意$/ }).click();
    await confirm.locator('#deedMove_note').fill('电话回访，老人表示满意');
    expect((await answerTo('POST', /\/confirm$/, () => confirm.locator('[data-testid=deed-move-ok]').click())).status()).toBe(200);
    await confirm.waitFor({ state: 'hidden' });
    await status.filter({ hasText: '回访确认' }).waitFor();
    await row.locator(`[data-testid=deed-followup-${deed.id}]`, { hasText: '满意' }).waitFor();
    expect(await row.locator('button').count()).toBe(0);

    const saved = await api<DeedView>(server, adminToken, `/deeds/${deed.id}`);
    expect(saved).toMatchObject({
      status: 'confirmed',
      result: '联系电工更换入户电线 30 米，已通电',
      followUpSatisfied: true,
      followUpNote: '电话回访，老人表示满意',
    });
    expect(saved.doneAt).not.toBeNull();
  });

  test('不予办理 needs a reason, and a deed moved meanwhile shows the server’s 409', async () => {
    const d = await api<DeedView>(server, adminToken, '/deeds', {
      method: 'POST',
      body: JSON.stringify({
        orgId: branch.id,
        title: `申请宅基地（${run}）`,
        category: '其他',
        requester: '李四',
        source: 'plan',
        responsibleMemberId: responsible.id,
        promisedBy: day(5),
      }),
    });
    await page.goto(`${server.baseUrl}/console/service/deeds`);
    const row = page.locator(`[data-testid=deed-table] tr[data-row-key="${d.id}"]`);
    await row.locator(`[data-testid=deed-decline-${d.id}]`).click();
    const dialog = modal();
    await dialog.locator('[data-testid=deed-move-ok]').click();
    await dialog.locator('.ant-form-item-explain-error', { hasText: '请填写理由' }).waitFor();
    await dialog.locator('#deedMove_reason').fill('不符合政策，已当面解释');
    // Someone else declines it first.
    await api<DeedView>(server, adminToken, `/deeds/${d.id}/decline`, { method: 'POST', body: JSON.stringify({ reason: '重复登记' }) });
    const refused = await answerTo('POST', /\/decline$/, () => dialog.locator('[data-testid=deed-move-ok]').click());
    expect(refused.status()).toBe(409);
    await dialog.locator('[data-testid=deed-move-error]', { hasText: '当前状态：不予办理' }).waitFor();
  });
});
