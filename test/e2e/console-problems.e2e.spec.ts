/**
 * 监督整改 in the console, in Chromium against the real server: the county admin registers a
 * problem for a branch of 城关镇, assigns it (a day before today cannot be picked) and sees it in
 * 问题清单; the responsible member records progress and submits through the API; the admin
 * rechecks 通过销号 and sees 已销号 with the history. A move on a problem someone else moved
 * meanwhile shows the server's 409 in the dialog. 投诉建议: a plain member's suggestion reaches the
 * inbox, is answered once (已答复) and turned into a problem, linked to 问题清单.
 * Build first: `npm run build -w @djzy/shared -w @djzy/server -w @djzy/admin`.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import {
  toLocalDate,
  type CreateFeedbackResponse,
  type MemberSummary,
  type OrgNode,
  type Page as ListPage,
  type ProblemView,
} from '@djzy/shared';
import {
  adminLogin,
  api,
  consoleClosePopup,
  consolePickOrg,
  consoleSignIn,
  devLogin,
  firstBranchOf,
  plainDemoMember,
  waitUntil,
} from '../support/e2e';
import { e2eSuite } from '../support/suite';

jest.setTimeout(120_000);

/** A day as the date picker and the API write it, `days` from today on the township's calendar (the browser's zone too). */
const day = (days: number): string => toLocalDate(Date.now() + days * 24 * 3600_000);

describe('web console: 问题清单 and 投诉建议', () => {
  const { server, page } = e2eSuite({
    client: 'console',
    database: {
      own: 'it registers, closes and voids problems and answers feedback of 城关镇, and counts them in lists other suites could add to',
    },
  });
  const run = Date.now() % 100_000;
  let adminToken: string;
  let branch: OrgNode;
  /** The member the problem is assigned to (signs in through the demo sign-in to rectify it). */
  let responsible: MemberSummary;

  const drawer = () => page.locator('[data-testid=problem-drawer]');
  const moveModal = () => page.locator('.ant-modal:visible');
  /** Clicks what sends `method path` and waits for its answer (set up before the click). */
  const answerTo = async (method: string, path: RegExp, click: () => Promise<void>) => {
    const answer = page.waitForResponse((r) => r.request().method() === method && path.test(new URL(r.url()).pathname));
    await click();
    return answer;
  };
  const problemsByDescription = async (description: string) =>
    (await api<ListPage<ProblemView>>(server, adminToken, `/problems?orgId=${branch.id}&pageSize=100`)).items.filter(
      (p) => p.description === description,
    );
  const openProblems = async () => {
    await page.goto(`${server.baseUrl}/console/problems`);
    await page.locator('[data-testid=problem-table]').waitFor();
  };

  beforeAll(async () => {
    adminToken = (await adminLogin(server)).token;
    const orgs = await api<OrgNode[]>(server, adminToken, '/orgs');
    branch = firstBranchOf(orgs, '城关镇');
    const members = await api<ListPage<MemberSummary>>(server, adminToken, `/members?orgId=${branch.id}&pageSize=50`);
    responsible = members.items.find((m) => !m.isMobile) ?? members.items[0];
    expect(responsible).toBeDefined();
    await consoleSignIn(page, server);
  });

  test('the 监督整改 menu opens 问题清单 and 投诉建议', async () => {
    await page.locator('.ant-menu-submenu-title', { hasText: '监督整改' }).click();
    await page.locator('.ant-menu-item', { hasText: '问题清单' }).click();
    await page.waitForURL(/\/console\/problems$/);
    await page.locator('.ant-menu-item', { hasText: '投诉建议' }).click();
    await page.waitForURL(/\/console\/feedback$/);
  });

  test('登记 → 交办 (no day before today) → progress and submit by the member → 复查通过销号 → 已销号', async () => {
    const description = `“三会一课”会议记录不规范，缺少签到（${run}）`;
    await openProblems();

    // 登记问题: a required field left empty is marked under its input, nothing is sent.
    await page.locator('[data-testid=problem-new]').click();
    const form = page.locator('.ant-modal', { hasText: '登记问题' });
    await form.locator('#problem_description').waitFor();
    await form.locator('[data-testid=problem-form-save]').click();
    await form.locator('.ant-form-item-explain-error', { hasText: '请选择问题所在组织' }).waitFor();

    await consolePickOrg(page, 'problem-org', branch);
    await form.locator('[data-testid=problem-source]').click();
    await page.locator('.ant-select-dropdown:visible .ant-select-item-option', { hasText: '专项检查发现' }).click();
    await form.locator('#problem_category').fill('组织生活');
    await form.locator('#problem_description').fill(description);
    const created = await answerTo('POST', /\/api\/v1\/problems$/, () => form.locator('[data-testid=problem-form-save]').click());
    expect(created.status()).toBe(201);
    const problem = (await created.json()) as ProblemView;
    expect(problem).toMatchObject({ orgId: branch.id, source: 'inspection', status: 'registered', canManage: true });

    // Registering opens its drawer: 交办 with the member picker and a date picker from today on.
    await page.waitForURL(new RegExp(`/console/problems\\?id=${problem.id}$`));
    await drawer().locator('[data-testid=problem-drawer-status]', { hasText: '已登记' }).waitFor();
    await drawer().locator('[data-testid=problem-event-registered]').waitFor();
    await drawer().locator('[data-testid=problem-assign]').click();
    const assign = moveModal();
    await assign.locator('.ant-modal-title', { hasText: '交办整改' }).waitFor();
    const memberSelect = assign.locator('[data-testid=problem-member-select]');
    await memberSelect.click();
    await memberSelect.locator('input').fill(responsible.name);
    const option = page.locator(`.ant-select-dropdown [data-testid="member-option-${responsible.id}"]`).filter({ visible: true });
    await option.waitFor();
    await option.click();
    await waitUntil(async () => (await memberSelect.innerText()).includes(responsible.name), 'the member picked');

    const dateInput = assign.locator('[data-testid=problem-deadline] input, input#move_deadline').first();
    await dateInput.click();
    const panel = page.locator('.ant-picker-dropdown:visible');
    await panel.locator(`td[title="${day(0)}"]`).waitFor();
    // Yesterday (when the panel shows it) cannot be picked; today can.
    expect(await panel.locator(`td[title="${day(0)}"]`).getAttribute('class')).not.toContain('ant-picker-cell-disabled');
    const yesterday = panel.locator(`td[title="${day(-1)}"]`);
    if (await yesterday.count()) expect(await yesterday.getAttribute('class')).toContain('ant-picker-cell-disabled');
    // Typed, a day before today is not taken either.
    await dateInput.fill(day(-1));
    await dateInput.press('Enter');
    await consoleClosePopup(page);
    await assign.locator('[data-testid=problem-move-ok]').click();
    await assign.locator('.ant-form-item-explain-error', { hasText: '请选择整改期限' }).waitFor();

    const deadline = day(10);
    await dateInput.click();
    await dateInput.fill(deadline);
    await dateInput.press('Enter');
    await waitUntil(async () => (await dateInput.inputValue()) === deadline, 'the deadline typed');
    const assigned = await answerTo('POST', /\/assign$/, () => assign.locator('[data-testid=problem-move-ok]').click());
    expect(assigned.status()).toBe(200);
    await assign.waitFor({ state: 'hidden' });
    await drawer().locator('[data-testid=problem-drawer-status]', { hasText: '已交办' }).waitFor();
    await drawer().locator('[data-testid=problem-event-assigned]', { hasText: responsible.name }).waitFor();

    // In the list: its org, 责任人 and 期限.
    await drawer().locator('.ant-drawer-close').click();
    await drawer().waitFor({ state: 'hidden' });
    const row = page.locator(`[data-testid=problem-table] tr[data-row-key="${problem.id}"]`);
    await row.locator(`[data-testid=problem-status-${problem.id}]`, { hasText: '已交办' }).waitFor();
    const rowText = await row.innerText();
    for (const text of [branch.name, '专项检查发现', '组织生活', responsible.name, deadline]) expect(rowText).toContain(text);

    // The responsible member rectifies through the API (as the mini-program would) and submits.
    const member = (await devLogin(server, responsible.id)).token;
    const move = (path: string, body: object = {}) =>
      api<ProblemView>(server, member, `/problems/${problem.id}/${path}`, { method: 'POST', body: JSON.stringify(body) });
    expect((await move('progress', { text: '补齐了会议记录和签到表' })).status).toBe('rectifying');
    expect((await move('submit')).status).toBe('submitted');

    // 复查: 通过销号.
    await page.reload();
    await row.locator(`[data-testid=problem-status-${problem.id}]`, { hasText: '申请销号' }).waitFor();
    await row.locator(`[data-testid=problem-open-${problem.id}]`).click();
    await drawer().locator('[data-testid=problem-event-progress]', { hasText: '补齐了会议记录和签到表' }).waitFor();
    await drawer().locator('[data-testid=problem-recheck]').click();
    const recheck = moveModal();
    await recheck.locator('.ant-modal-title', { hasText: '复查' }).waitFor();
    await recheck.locator('label', { hasText: '通过销号' }).click();
    await recheck.locator('#move_note').fill('经查看，会议记录已补齐，同意销号');
    const passed = await answerTo('POST', /\/recheck$/, () => recheck.locator('[data-testid=problem-move-ok]').click());
    expect(passed.status()).toBe(200);
    await recheck.waitFor({ state: 'hidden' });
    await drawer().locator('[data-testid=problem-drawer-status]', { hasText: '已销号' }).waitFor();
    await drawer().locator('[data-testid=problem-event-passed]', { hasText: '同意销号' }).waitFor();
    // Closed: no more moves.
    expect(await drawer().locator('[data-testid=problem-assign], [data-testid=problem-recheck], [data-testid=problem-void]').count()).toBe(
      0,
    );
    await drawer().locator('.ant-drawer-close').click();
    await row.locator(`[data-testid=problem-status-${problem.id}]`, { hasText: '已销号' }).waitFor();
    expect((await problemsByDescription(description))[0]).toMatchObject({ status: 'closed', closedByName: expect.any(String) });

    // 导出 (三张清单): the server's sheet of the filtered list, with the measure taken and the 销号 date.
    await consolePickOrg(page, 'problem-filter-org', branch);
    await row.waitFor();
    const [download] = await Promise.all([page.waitForEvent('download'), page.locator('[data-testid=problem-export]').click()]);
    expect(download.suggestedFilename()).toBe(`问题清单-${branch.name}-全部年度.xlsx`);
    const workDir = mkdtempSync(path.join(tmpdir(), 'djzy-console-problems-'));
    try {
      const file = path.join(workDir, 'problems.xlsx');
      await download.saveAs(file);
      const book = new ExcelJS.Workbook();
      await book.xlsx.readFile(file);
      const sheet = book.getWorksheet('问题清单')!;
      const rows: string[][] = [];
      sheet.eachRow((r) => rows.push((r.values as unknown[]).slice(1).map((v) => String(v ?? ''))));
      const mine = rows.find((r) => r[4] === description);
      expect(mine?.slice(1)).toEqual([
        branch.name,
        '专项检查发现',
        '组织生活',
        description,
        '补齐了会议记录和签到表',
        responsible.name,
        deadline,
        '已销号',
        day(0),
      ]);
    } finally {
      rmSync(workDir, { recursive: true, force: true });
    }
  });

  test('a move on a problem that was moved meanwhile shows the server’s 409 in the dialog', async () => {
    const description = `党员活动室制度未上墙（${run}）`;
    const p = await api<ProblemView>(server, adminToken, '/problems', {
      method: 'POST',
      body: JSON.stringify({ orgId: branch.id, year: new Date().getFullYear(), source: 'self_check', category: '阵地建设', description }),
    });
    await page.goto(`${server.baseUrl}/console/problems?id=${p.id}`);
    await drawer().locator('[data-testid=problem-drawer-status]', { hasText: '已登记' }).waitFor();
    await drawer().locator('[data-testid=problem-void]').click();
    const dialog = moveModal();
    await dialog.locator('#move_reason').fill('与其他问题重复登记');

    // Someone else voids it first.
    await api<ProblemView>(server, adminToken, `/problems/${p.id}/void`, { method: 'POST', body: JSON.stringify({ reason: '重复' }) });
    const refused = await answerTo('POST', /\/void$/, () => dialog.locator('[data-testid=problem-move-ok]').click());
    expect(refused.status()).toBe(409);
    const error = dialog.locator('[data-testid=problem-move-error]');
    await error.waitFor();
    expect(await error.innerText()).toContain('当前状态下不能进行此操作');
    expect(await error.innerText()).toContain('当前状态：已作废');
    // (antd spaces two-character button labels: 取 消; the close icon is the same.)
    await dialog.locator('.ant-modal-close').click();
    await dialog.waitFor({ state: 'hidden' });
    await drawer().locator('[data-testid=problem-drawer-status]', { hasText: '已作废' }).waitFor();
  });

  test('投诉建议: a member’s suggestion reaches the inbox, is answered once and turned into a problem', async () => {
    const plain = await plainDemoMember(server);
    const content = `建议村务公开栏每月按时更新（${run}）`;
    const sent = await api<CreateFeedbackResponse>(server, plain.token, '/feedback', {
      method: 'POST',
      body: JSON.stringify({ category: 'suggestion', content, contact: '13800001234' }),
    });

    await page.goto(`${server.baseUrl}/console/feedback`);
    const row = page.locator(`[data-testid=feedback-table] tr[data-row-key="${sent.id}"]`);
    await row.locator(`[data-testid=feedback-status-${sent.id}]`, { hasText: '待答复' }).waitFor();
    expect(await row.innerText()).toContain('建议');
    await row.locator(`[data-testid=feedback-open-${sent.id}]`).click();
    const drawer = page.locator('[data-testid=feedback-drawer]');
    await drawer.locator('[data-testid=feedback-drawer-content]', { hasText: content }).waitFor();
    expect(await drawer.locator('[data-testid=feedback-contact]').innerText()).toBe('13800001234');

    // An empty answer is marked, not sent; then the reply goes once.
    await drawer.locator('[data-testid=feedback-reply-send]').click();
    await drawer.locator('.ant-form-item-explain-error', { hasText: '请填写答复内容' }).waitFor();
    await drawer.locator('#feedback_reply_content').fill('感谢建议，已安排每月 5 日前更新公开栏');
    const replied = await answerTo('POST', /\/reply$/, () => drawer.locator('[data-testid=feedback-reply-send]').click());
    expect(replied.status()).toBe(200);
    await drawer.locator('[data-testid=feedback-drawer-status]', { hasText: '已答复' }).waitFor();
    await drawer.locator('[data-testid=feedback-reply]', { hasText: '每月 5 日前' }).waitFor();
    expect(await drawer.locator('[data-testid=feedback-reply-send]').count()).toBe(0);

    // 转为问题, then to it in 问题清单.
    const opened = await answerTo('POST', /\/problem$/, () => drawer.locator('[data-testid=feedback-to-problem]').click());
    expect(opened.status()).toBe(201);
    const problem = (await opened.json()) as ProblemView;
    await drawer.locator('[data-testid=feedback-problem-link]').click();
    await page.waitForURL(new RegExp(`/console/problems\\?id=${problem.id}$`));
    await page.locator('[data-testid=problem-drawer]').getByText('群众投诉建议').first().waitFor();
    await page.locator('[data-testid=problem-drawer]').getByText(content).first().waitFor();

    await page.goto(`${server.baseUrl}/console/feedback`);
    await row.locator(`[data-testid=feedback-status-${sent.id}]`, { hasText: '已答复' }).waitFor();
  });
});
