/**
 * 督查通报 and 责任清单 in the console, in Chromium against the real server: the county admin
 * drafts a 督查通报 of 城关镇 with one finding for a branch, publishes it (第N期, 1 个问题), the
 * problem shows in 问题清单, the Word file downloads and the notice is withdrawn with a reason.
 * 责任清单: the admin adds a template item for 城关镇 and 下发到各支部; the branch's copy shows
 * under the branch, is claimed (领单) through the API, and the admin judges it (验单 → 完成).
 * 专项检查: a finding is registered as a problem when the inspection is saved, and the dialog says
 * how many. 约谈: the 约谈候选 tab says it is only a suggestion (and, when the seed has a long
 * overdue problem, 发起约谈 fills in the person); a 约谈 is recorded with its interviewee and time.
 * Build first: `npm run build -w @djzy/shared -w @djzy/server -w @djzy/admin`.
 */
import {
  toLocalDate,
  type InspectionNoticeView,
  type InspectionView,
  type InterviewCandidate,
  type InterviewView,
  type MemberSummary,
  type OrgNode,
  type Page as ListPage,
  type ResponsibilityItemView,
} from '@djzy/shared';
import type { Locator, Request } from 'playwright-core';
import { adminLogin, api, consoleClosePopup, consolePickOrg, consoleSignIn, firstBranchOf, flatten, waitUntil } from '../support/e2e';
import { e2eSuite } from '../support/suite';

jest.setTimeout(120_000);

/** A day as the date picker and the API write it, `days` from today. */
const day = (days: number): string => toLocalDate(Date.now() + days * 24 * 3600_000);

describe('web console: 督查通报, 专项检查, 约谈 and 责任清单', () => {
  const { server, page } = e2eSuite({
    client: 'console',
    database: {
      own: 'it numbers 城关镇’s 督查通报 (第N期 counts every notice of the year) and publishes its 责任清单 to every branch, which other suites would see',
    },
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
  /**
   * A dialog's OK that sends `method path`: clicked again while no request went out (a click that
   * lands while the dialog is still opening is lost); once sent, its button is loading or gone.
   */
  const sendBy = async (method: string, path: RegExp, button: Locator) => {
    const matches = (r: Request) => r.method() === method && path.test(new URL(r.url()).pathname);
    const answer = page.waitForResponse((r) => matches(r.request()));
    for (let attempt = 0; ; attempt++) {
      const sent = page.waitForRequest(matches, { timeout: 3000 }).then(
        () => true,
        () => false,
      );
      await button.click({ timeout: 3000 }).catch(() => undefined);
      if ((await sent) || attempt >= 4) break;
    }
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
    const published = await sendBy('POST', /\/publish$/, confirmOk);
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
    const withdrawn = await sendBy('POST', /\/withdraw$/, dialog.locator('[data-testid=notice-withdraw-ok]'));
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
    const created = await sendBy('POST', /\/api\/v1\/responsibility-items$/, form.locator('[data-testid=resp-new-ok]'));
    expect(created.status()).toBe(201);
    const template = (await created.json()) as ResponsibilityItemView;
    expect(template).toMatchObject({ orgId: township.id, status: 'draft', year });
    await form.waitFor({ state: 'hidden' });
    await page.locator(`[data-testid=resp-template-table] [data-testid=resp-status-${template.id}]`, { hasText: '草稿' }).waitFor();

    // 下发, confirmed.
    await page.locator('[data-testid=resp-publish]').click();
    const ok = page.locator('[data-testid=resp-publish-ok]');
    await ok.waitFor();
    const published = await sendBy('POST', /\/responsibility-items\/publish$/, ok);
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
    // (Clicked again while the dialog is still opening and the click is lost.)
    const met = evaluate.locator('label.ant-radio-wrapper', { hasText: /^完成$/ });
    await waitUntil(async () => {
      if (!(await met.getAttribute('class'))?.includes('ant-radio-wrapper-checked')) await met.click();
      return (await met.getAttribute('class'))?.includes('ant-radio-wrapper-checked') ?? false;
    }, '完成 checked');
    await evaluate.locator('#resp_eval_note').fill('全年按时召开');
    const judged = await sendBy('POST', /\/evaluate$/, evaluate.locator('[data-testid=resp-eval-ok]'));
    expect(judged.status()).toBe(200);
    expect(((await judged.json()) as ResponsibilityItemView).result).toBe('met');
    await evaluate.waitFor({ state: 'hidden' });
    await group.locator(`[data-testid=resp-status-${copy.id}]`, { hasText: '已验单' }).waitFor();
    expect(await group.locator(`[data-testid=resp-eval-${copy.id}]`).count()).toBe(0);
  });

  test('专项检查: a finding is registered as a problem at once, and the dialog says so', async () => {
    const topic = `“三会一课”落实情况专项检查（${run}）`;
    const description = `支委会会议记录缺少议题（${run}）`;
    await page.goto(`${server.baseUrl}/console/oversight/inspections`);
    await page.locator('[data-testid=inspection-table]').waitFor();
    await page.locator('[data-testid=inspection-new]').click();
    const drawer = page.locator('[data-testid=inspection-drawer]');
    await drawer.locator('#inspection_topic').waitFor();
    const org = drawer.locator('[data-testid=inspection-org]');
    await org.click();
    await org.locator('input').fill(township.name);
    const option = page.locator(`.ant-select-dropdown:visible [data-testid="org-kind-option-${township.id}"]`);
    await option.waitFor();
    await option.click();
    await drawer.locator('#inspection_topic').fill(topic);
    const range = drawer.locator('.ant-picker-range input');
    await range.nth(0).click();
    await range.nth(0).fill(day(-2));
    await range.nth(0).press('Enter');
    await range.nth(1).fill(day(-1));
    await range.nth(1).press('Enter');
    await waitUntil(async () => (await range.nth(1).inputValue()) === day(-1), 'the dates typed');
    const targets = drawer.locator('[data-testid=inspection-targets]');
    await targets.click();
    await targets.locator('input').fill(branch.name);
    const target = page.locator('.ant-select-dropdown:visible .ant-select-tree-node-content-wrapper', { hasText: branch.name }).first();
    await target.waitFor();
    await target.click();
    await consoleClosePopup(page);
    await drawer.locator('label', { hasText: '查阅资料' }).click();
    await drawer.locator('[data-testid=finding-add]').click();
    await consolePickOrg(page, 'finding-org-0', branch);
    await drawer.locator('#inspection_findings_0_category').fill('组织生活');
    await drawer.locator('#inspection_findings_0_description').fill(description);
    const created = await answerTo('POST', /\/api\/v1\/inspections$/, () => page.locator('[data-testid=inspection-save]').click());
    expect(created.status()).toBe(201);
    const inspection = (await created.json()) as InspectionView;
    expect(inspection).toMatchObject({
      topic,
      kind: 'special',
      from: day(-2),
      to: day(-1),
      methods: ['查阅资料'],
      targets: [{ id: branch.id, name: branch.name }],
    });
    expect(inspection.problemIds).toHaveLength(1);
    const said = page.locator('[data-testid=inspection-created]');
    await said.waitFor();
    expect(await said.innerText()).toContain('1 个问题已登记到问题清单');
    await page.locator('.ant-modal-confirm-btns button', { hasText: '知道了' }).click();
    const row = page.locator(`[data-testid=inspection-table] tr[data-row-key="${inspection.id}"]`);
    await row.waitFor();
    expect(await row.innerText()).toContain('1 个');
  });

  test('约谈: the 约谈候选 tab is a suggestion; a 约谈 is recorded with its interviewee', async () => {
    const members = await api<ListPage<MemberSummary>>(server, adminToken, `/members?orgId=${branch.id}&pageSize=50`);
    const who = members.items[0];
    const candidates = await api<InterviewCandidate[]>(server, adminToken, `/interviews/candidates?orgId=${township.id}`);
    await page.goto(`${server.baseUrl}/console/oversight/interviews`);
    await page.locator('[data-testid=interview-table]').waitFor();
    await page.locator('.ant-tabs-tab', { hasText: '约谈候选' }).click();
    const note = page.locator('[data-testid=candidate-note]');
    await note.waitFor();
    expect(await note.innerText()).toContain('仅供参考，是否约谈由党委研究决定');
    const picker = page.locator('[data-testid=candidate-township]');
    await waitUntil(async () => (await picker.innerText()).includes(township.name) || candidates.length === 0, 'the township shown');
    if (candidates.length) {
      // 发起约谈 from a candidate: the person and their overdue problems filled in.
      const c = candidates[0];
      await page.locator(`[data-testid=candidate-start-${c.memberId}]`).click();
      const drawer = page.locator('[data-testid=interview-drawer]');
      await waitUntil(
        async () => (await drawer.locator('[data-testid=interview-members]').innerText()).includes(c.name),
        'the candidate prefilled',
      );
      expect(await drawer.locator('#interview_reasonText').inputValue()).toContain('逾期');
      await drawer.locator('.ant-drawer-close').click();
      await drawer.waitFor({ state: 'hidden' });
    }

    await page.locator('[data-testid=interview-new]').click();
    const drawer = page.locator('[data-testid=interview-drawer]');
    await drawer.locator('#interview_place').waitFor();
    const org = drawer.locator('[data-testid=interview-org]');
    await org.click();
    await org.locator('input').fill(township.name);
    await page.locator(`.ant-select-dropdown:visible [data-testid="org-kind-option-${township.id}"]`).click();
    const memberSelect = drawer.locator('[data-testid=interview-members]');
    await memberSelect.click();
    await memberSelect.locator('input').fill(who.name);
    const option = page.locator(`.ant-select-dropdown [data-testid="member-option-${who.id}"]`).filter({ visible: true });
    await option.waitFor();
    await option.click();
    // Escape closes the open dropdown — and, when none is open any more, the drawer itself: only when one is.
    await consoleClosePopup(page);
    const at = drawer.locator('input#interview_at');
    await at.click();
    await at.fill(`${day(1)} 09:30`);
    await at.press('Enter');
    await waitUntil(async () => (await at.inputValue()) === `${day(1)} 09:30`, 'the time typed');
    await consoleClosePopup(page);
    await drawer.locator('#interview_place').fill('镇党委会议室');
    await drawer.locator('#interview_reasonText').fill(`整改进度滞后（${run}）`);
    const created = await answerTo('POST', /\/api\/v1\/interviews$/, () => page.locator('[data-testid=interview-save]').click());
    expect(created.status()).toBe(201);
    const interview = (await created.json()) as InterviewView;
    expect(interview.interviewees.map((m) => m.id)).toEqual([who.id]);
    expect(interview.at).toBe(`${day(1)}T09:30:00+08:00`);
    await drawer.waitFor({ state: 'hidden' });
    await page.locator('.ant-tabs-tab', { hasText: '约谈记录' }).click();
    const row = page.locator(`[data-testid=interview-table] tr[data-row-key="${interview.id}"]`);
    await row.waitFor();
    expect(await row.innerText()).toContain(who.name);
  });
});
