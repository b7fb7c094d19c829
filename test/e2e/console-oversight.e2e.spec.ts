/**
 * 督查通报 and 责任清单 in the console, in Chromium against the real server: the county admin
 * drafts a 督查通报 of 城关镇 with one finding for a branch, publishes it (第N期, 1 个问题), the
 * problem shows in 问题清单, the Word file downloads and the notice is withdrawn with a reason.
 * 责任清单: the admin adds a template item for 城关镇 and 下发到各支部; the branch's copy shows
 * under the branch, is claimed (领单) through the API, and the admin judges it (验单 → 完成).
 * Build first: `npm run build -w @djzy/shared -w @djzy/server -w @djzy/admin`.
 */
import { toLocalDate, type InspectionNoticeView, type OrgNode, type ResponsibilityItemView } from '@djzy/shared';
import { adminLogin, api, consolePickOrg, consoleSignIn, firstBranchOf, flatten, waitUntil } from '../support/e2e';
import { e2eSuite } from '../support/suite';

jest.setTimeout(120_000);

/** A day as the date picker and the API write it, `days` from today. */
const day = (days: number): string => toLocalDate(Date.now() + days * 24 * 3600_000);

describe('web console: 督查通报 and 责任清单', () => {
  const { server, page } = e2eSuite({
    client: 'console',
    database: { own: 'it numbers 城关镇’s 督查通报 (第N期 counts every notice of the year) and publishes its 责任清单 to every branch, which other suites would see' },
  });
  const run = Date.now() % 100_000;
  const year = new Date().getFullYear();
  let adminToken: string;
  let township: OrgNode;
  let branch: OrgNode;

  /** Clicks what sends `method path` and waits for its answer (set up before the click). */
  const answerTo = async (method: string, path: RegExp, click: () => Promise<void>) => {
    const answer = page.waitForResponse((r) => r.request().method() === method && path.test(new URL(r.url()).pathname));
    await click();
    return answer;
  };

  beforeAll(async () => {
    adminToken = (await adminLogin(server)).token;
    const orgs = await api<OrgNode[]>(server, adminToken, '/orgs');
    branch = firstBranchOf(orgs, '城关镇');
    township = flatten(orgs).find((o) => o.kind === 'township' && o.name.includes('城关镇'))!;
    await consoleSignIn(page, server);
  });

  test('the 监督整改 menu opens 督查通报, 专项检查, 约谈 and 责任清单', async () => {
    await page.locator('.ant-menu-submenu-title', { hasText: '监督整改' }).click();
    for (const [label, url] of [
      ['督查通报', '/oversight/notices'],
      ['专项检查', '/oversight/inspections'],
      ['约谈', '/oversight/interviews'],
      ['责任清单', '/oversight/responsibility'],
    ]) {
      await page.locator('.ant-menu-item', { hasText: label }).first().click();
      await page.waitForURL(new RegExp(`/console${url}$`));
    }
  });

  test('督查通报: draft with one finding → 发布 (第N期, 1 个问题) → in 问题清单 → Word → 撤回', async () => {
    const title = `关于基层党建工作督查情况的通报（${run}）`;
    const description = `党员发展档案材料不齐全（${run}）`;
    await page.goto(`${server.baseUrl}/console/oversight/notices`);
    await page.locator('[data-testid=notice-table]').waitFor();
    await page.locator('[data-testid=notice-new]').click();
    const drawer = page.locator('[data-testid=notice-drawer]');
    await drawer.locator('#notice_title').waitFor();

    // Nothing filled: each required field is marked, nothing is sent.
    await page.locator('[data-testid=notice-save]').click();
    await drawer.locator('.ant-form-item-explain-error', { hasText: '请选择发布单位' }).waitFor();

    const issuer = drawer.locator('[data-testid=notice-issuer]');
    await issuer.click();
    await issuer.locator('input').fill(township.name);
    const option = page.locator(`.ant-select-dropdown:visible [data-testid="org-kind-option-${township.id}"]`);
    await option.waitFor();
    await option.click();
    await waitUntil(async () => (await issuer.innerText()).includes(township.name), 'the issuer picked');
    await drawer.locator('#notice_title').fill(title);
    await drawer.locator('#notice_periodCovered').fill(`${year}年第二季度`);
    await consolePickOrg(page, 'finding-org-0', branch);
    await drawer.locator('#notice_findings_0_category').fill('党员教育管理');
    await drawer.locator('#notice_findings_0_description').fill(description);
    await drawer.locator('#notice_requirements').fill('各支部对照问题立行立改');

    // The deadline: a day before today cannot be picked.
    const deadline = day(15);
    const dateInput = drawer.locator('input#notice_responseDeadline');
    await dateInput.click();
    const panel = page.locator('.ant-picker-dropdown:visible');
    await panel.locator(`td[title="${day(0)}"]`).waitFor();
    const yesterday = panel.locator(`td[title="${day(-1)}"]`);
    if (await yesterday.count()) expect(await yesterday.getAttribute('class')).toContain('ant-picker-cell-disabled');
    await dateInput.fill(deadline);
    await dateInput.press('Enter');
    await waitUntil(async () => (await dateInput.inputValue()) === deadline, 'the deadline typed');

    const created = await answerTo('POST', /\/api\/v1\/inspection-notices$/, () => page.locator('[data-testid=notice-save]').click());
    expect(created.status()).toBe(201);
    const draft = (await created.json()) as InspectionNoticeView;
    expect(draft).toMatchObject({ status: 'draft', serialNo: null, issuerOrgId: township.id, responseDeadline: deadline });
    expect(draft.findings).toEqual([expect.objectContaining({ orgId: branch.id, category: '党员教育管理', description })]);
    await drawer.waitFor({ state: 'hidden' });
    const row = page.locator(`[data-testid=notice-table] tr[data-row-key="${draft.id}"]`);
    await row.locator(`[data-testid=notice-status-${draft.id}]`, { hasText: '草稿' }).waitFor();

    // 发布, confirmed: 第N期 and the one problem sent.
    await row.locator(`[data-testid=notice-publish-${draft.id}]`).click();
    const confirmOk = page.locator('[data-testid=notice-publish-ok]');
    await confirmOk.waitFor();
    const published = await answerTo('POST', /\/publish$/, () => confirmOk.click());
    expect(published.status()).toBe(200);
    const notice = (await published.json()) as InspectionNoticeView;
    expect(notice.status).toBe('published');
    expect(notice.serialNo).toBeGreaterThanOrEqual(1);
    expect(notice.problemIds).toHaveLength(1);
    const done = page.locator('[data-testid=notice-published]');
    await done.waitFor();
    expect(await done.innerText()).toContain(`第${notice.serialNo}期`);
    expect(await done.innerText()).toContain('1 个问题');
    // The problem in 问题清单 (the dialog's link): the branch's, from 督查通报, with the notice's deadline.
    await page.locator('[data-testid=to-problems]').click();
    await page.waitForURL(/\/console\/problems$/);
    await page.locator('[data-testid=problem-table]').waitFor();
    await consolePickOrg(page, 'problem-filter-org', branch);
    const problemRow = page.locator(`[data-testid=problem-table] tr[data-row-key="${notice.problemIds[0]}"]`);
    await problemRow.locator(`[data-testid=problem-desc-${notice.problemIds[0]}]`, { hasText: description }).waitFor();
    const problemText = await problemRow.innerText();
    for (const text of [branch.name, '督查通报', deadline]) expect(problemText).toContain(text);

    // Back in the list: 第N期, 已发布, and the Word file.
    await page.goto(`${server.baseUrl}/console/oversight/notices`);
    await row.locator(`[data-testid=notice-status-${draft.id}]`, { hasText: '已发布' }).waitFor();
    expect(await row.innerText()).toContain(`第${notice.serialNo}期`);
    const [download] = await Promise.all([page.waitForEvent('download'), row.locator(`[data-testid=notice-docx-${draft.id}]`).click()]);
    expect(download.suggestedFilename()).toMatch(/\.docx$/);

    // 撤回 with a reason: the number stays.
    await row.locator(`[data-testid=notice-withdraw-${draft.id}]`).click();
    const dialog = page.locator('.ant-modal:visible', { hasText: '撤回原因' });
    await dialog.locator('#withdraw_reason').fill('通报内容需补充核实');
    const withdrawn = await answerTo('POST', /\/withdraw$/, () => dialog.locator('[data-testid=notice-withdraw-ok]').click());
    expect(withdrawn.status()).toBe(200);
    await row.locator(`[data-testid=notice-status-${draft.id}]`, { hasText: '已撤回' }).waitFor();
    expect(await row.innerText()).toContain(`第${notice.serialNo}期`);
  });

  test('责任清单: 新增 → 下发到各支部 → the branch’s copy → 领单 (API) → 验单 完成', async () => {
    const content = `每月按时召开支部委员会会议（${run}）`;
    await page.goto(`${server.baseUrl}/console/oversight/responsibility`);
    await consolePickOrg(page, 'resp-org', township);
    await page.locator('[data-testid=resp-new]').click();
    const form = page.locator('.ant-modal:visible', { hasText: '新增责任清单条目' });
    await form.locator('#resp_new_content').waitFor();
    await form.locator('#resp_new_category').fill('组织建设');
    await form.locator('#resp_new_content').fill(content);
    const created = await answerTo('POST', /\/api\/v1\/responsibility-items$/, () => form.locator('[data-testid=resp-new-ok]').click());
    expect(created.status()).toBe(201);
    const template = (await created.json()) as ResponsibilityItemView;
    expect(template).toMatchObject({ orgId: township.id, status: 'draft', year });
    await form.waitFor({ state: 'hidden' });
    await page.locator(`[data-testid=resp-template-table] [data-testid=resp-status-${template.id}]`, { hasText: '草稿' }).waitFor();

    // 下发, confirmed.
    await page.locator('[data-testid=resp-publish]').click();
    const ok = page.locator('[data-testid=resp-publish-ok]');
    await ok.waitFor();
    const published = await answerTo('POST', /\/responsibility-items\/publish$/, () => ok.click());
    expect(published.status()).toBe(200);
    await page.locator(`[data-testid=resp-status-${template.id}]`, { hasText: '已下发' }).waitFor();

    // The branch's copy, under the branch.
    const items = await api<ResponsibilityItemView[]>(server, adminToken, `/responsibility-items?orgId=${branch.id}&year=${year}`);
    const copy = items.find((i) => i.templateId === template.id)!;
    expect(copy).toMatchObject({ orgId: branch.id, status: 'published', content });
    const group = page.locator(`[data-testid=resp-group-${branch.id}]`);
    await group.locator(`[data-testid=resp-content-${copy.id}]`, { hasText: content }).waitFor();
    await group.locator(`[data-testid=resp-status-${copy.id}]`, { hasText: '已下发' }).waitFor();

    // 领单 by the branch (through the API), then 验单 here.
    const claimed = await api<ResponsibilityItemView>(server, adminToken, `/responsibility-items/${copy.id}/acknowledge`, {
      method: 'POST',
      body: JSON.stringify({ measures: '每月 5 日前召开支委会，会后公开议题' }),
    });
    expect(claimed.status).toBe('acknowledged');
    await page.reload();
    await consolePickOrg(page, 'resp-org', township);
    await group.locator(`[data-testid=resp-status-${copy.id}]`, { hasText: '已领单' }).waitFor();
    await group.locator(`[data-testid=resp-eval-${copy.id}]`).click();
    const evaluate = page.locator('.ant-modal:visible', { hasText: '验单结果' });
    await evaluate.locator('label', { hasText: '基本完成' }).waitFor();
    await evaluate.locator('label.ant-radio-wrapper', { hasText: /^完成$/ }).click();
    await evaluate.locator('#resp_eval_note').fill('全年按时召开');
    const judged = await answerTo('POST', /\/evaluate$/, () => evaluate.locator('[data-testid=resp-eval-ok]').click());
    expect(judged.status()).toBe(200);
    expect(((await judged.json()) as ResponsibilityItemView).result).toBe('met');
    await evaluate.waitFor({ state: 'hidden' });
    await group.locator(`[data-testid=resp-status-${copy.id}]`, { hasText: '已验单' }).waitFor();
    expect(await group.locator(`[data-testid=resp-eval-${copy.id}]`).count()).toBe(0);
  });
});
