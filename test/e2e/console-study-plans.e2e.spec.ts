/**
 * The console's study plans (学习计划), uploads and study activities in Chromium against the real
 * server: the seeded plans listed; a plan created through the form for a branch with two
 * materials, seen in the list, its 完成情况 showing every member 未完成 until one studies (✓, then
 * 已完成 and 已完成 1 / N — never minutes), edited and deleted; a PDF uploaded as a document
 * material (name and size shown, then listed and served) and a text file named .pdf refused with
 * the server's Chinese message; an online study activity (网络学习) over two weeks with two
 * materials and no check-in, whose completion shows as 网络学习 in 考勤; a paired study activity
 * whose 结对 are set in the form and edited after publishing; a 党课 with 主讲人 and 主题.
 * Build first: `npm run build -w @djzy/shared -w @djzy/server -w @djzy/admin`.
 */
import type { Locator } from 'playwright-core';
import {
  ERRORS,
  type ActivityView,
  type AttendanceResponse,
  type ErrorBody,
  type FinishSessionResponse,
  type MemberSummary,
  type OrgNode,
  type Page as ListPage,
  type StudyMaterialView,
  type StudyPlanCompletionResponse,
  type StudyPlanView,
  type StudySessionStarted,
} from '@djzy/shared';
import {
  adminLogin,
  api,
  call,
  consoleChooseOption,
  consoleNoDropdown,
  consolePickOrg,
  consoleSelect,
  consoleSignIn,
  devLogin,
  firstBranchOf,
  openDropdown,
  waitUntil,
} from '../support/e2e';
import { e2eSuite } from '../support/suite';

jest.setTimeout(180_000);

/** A small but real PDF: the header the server sniffs, one empty page, the trailer. */
function tinyPdf(): Buffer {
  return Buffer.from(
    '%PDF-1.4\n1 0 obj <</Type /Catalog /Pages 2 0 R>> endobj\n2 0 obj <</Type /Pages /Kids [3 0 R] /Count 1>> endobj\n' +
      '3 0 obj <</Type /Page /Parent 2 0 R /MediaBox [0 0 200 200]>> endobj\ntrailer <</Root 1 0 R>>\n%%EOF\n',
    'latin1',
  );
}

/** Wall-clock time in the township (Asia/Shanghai, the browser's zone) as `YYYY-MM-DD HH:mm`. */
const shanghai = (d: Date) => new Date(d.getTime() + 8 * 3600_000).toISOString().slice(0, 16).replace('T', ' ');

describe('web console: 学习计划, uploads and study activities', () => {
  const { server, page } = e2eSuite({
    client: 'console',
    database: {
      own: 'it adds materials to the county’s kit (console-study counts it) and study activities to the branch whose 网络学习 h5 suites use',
    },
  });
  let adminToken: string;
  let branch: OrgNode;
  /** Members of the branch with unique names: one studies, two pair up, one more joins a pair. */
  let learner: MemberSummary;
  let learnerToken: string;
  let mentor: MemberSummary;
  let mentee: MemberSummary;
  let mentee2: MemberSummary;
  /** Materials of the branch with no minimum time, so a member completes them at once. */
  let matA: StudyMaterialView;
  let matB: StudyMaterialView;
  let matC: StudyMaterialView;
  let plan: StudyPlanView;
  const run = Date.now() % 100_000;
  const planTitle = `学习计划${run}：学党章守党规`;
  const today = shanghai(new Date()).slice(0, 10);
  const monthStart = `${today.slice(0, 8)}01`;
  const monthEnd = new Date(Date.UTC(Number(today.slice(0, 4)), Number(today.slice(5, 7)), 0)).toISOString().slice(0, 10);

  const rows = (testId: string) => page.locator(`[data-testid=${testId}] tbody tr.ant-table-row`);
  const goTo = async (group: string, label: string, urlEnd: string) => {
    const item = page.locator('.ant-menu-item', { hasText: label });
    if (!(await item.isVisible())) await page.locator('.ant-menu-submenu-title', { hasText: group }).click();
    await item.click();
    await page.waitForURL(new RegExp(`/console${urlEnd}$`));
  };
  const pickInTree = (selectTestId: string, org: OrgNode) => consolePickOrg(page, selectTestId, org);
  const noDropdown = () => consoleNoDropdown(page);
  /**
   * Picks an option of a searchable select by typing and clicking `optionTestId`. A single select
   * closes on its own; a multiple one stays open for the next pick until `closeBy` is clicked.
   */
  const pickOption = async (selectTestId: string, search: string, optionTestId: string, multiple = false) => {
    if (!multiple) await noDropdown();
    const select = page.locator(`[data-testid=${selectTestId}]`);
    await select.click();
    await select.locator('input').fill(search);
    const option = openDropdown(page).locator(`[data-testid="${optionTestId}"]`);
    if (multiple) await option.click();
    else await consoleChooseOption(page, option);
  };
  const closeDropdown = async (closeBy: Locator) => {
    await closeBy.click();
    await noDropdown();
  };
  const pickKind = (drawer: Locator, label: string) =>
    consoleSelect(page, drawer.locator('.ant-form-item:has(label[for="activity_kind"]) .ant-select'), label);
  const pickFormOrg = () => consolePickOrg(page, 'activity-org', branch);
  const pickStudyMode = (label: string) => consoleSelect(page, 'activity-study-mode', label);
  /** 活动管理 → 新建活动 for the branch: the title, the kind and the study mode filled in; the drawer. */
  const newActivity = async (title: string, kind: string, studyMode: string) => {
    await goTo('组织生活', '活动管理', '/activities');
    await page.locator('[data-testid=activity-new]').click();
    const drawer = page.locator('.ant-drawer', { hasText: '新建活动' });
    await drawer.locator('#activity_title').fill(title);
    await pickKind(drawer, kind);
    await pickFormOrg();
    await pickStudyMode(studyMode);
    return drawer;
  };
  const study = async (materialId: string) => {
    const s = await api<StudySessionStarted>(server, learnerToken, `/study/materials/${materialId}/sessions`, { method: 'POST' });
    return api<FinishSessionResponse>(server, learnerToken, `/study/sessions/${s.sessionId}/finish`, { method: 'POST', body: '{}' });
  };
  const newMaterial = (title: string) =>
    api<StudyMaterialView>(server, adminToken, '/study/materials', {
      method: 'POST',
      body: JSON.stringify({
        title,
        kind: 'article',
        body: `${title}的正文。\n\n第二段。`,
        minSeconds: 0,
        orgId: branch.id,
        status: 'published',
      }),
    });
  const draftNamed = async (title: string) => {
    const list = await api<ListPage<ActivityView>>(server, adminToken, `/activities?orgId=${branch.id}&status=draft&pageSize=100`);
    const found = list.items.find((a) => a.title === title);
    if (!found) throw new Error(`no draft titled ${title}`);
    return found;
  };
  const publishOnDetail = async (title: string) => {
    await page.locator('[data-testid=detail-publish]').click();
    await page.locator('.ant-modal-confirm', { hasText: '发布活动预告' }).locator('.ant-btn-primary').click();
    await page.locator('[data-testid=activity-status]', { hasText: '已发布' }).waitFor();
    await expect(page.locator('[data-testid=activity-title]').innerText()).resolves.toBe(title);
  };

  beforeAll(async () => {
    const login = await adminLogin(server);
    adminToken = login.token;
    branch = firstBranchOf(await api<OrgNode[]>(server, adminToken, '/orgs'), '城关镇');
    const members = await api<ListPage<MemberSummary>>(server, adminToken, `/members?orgId=${branch.id}&pageSize=100`);
    const names = members.items.map((m) => m.name);
    const picked = members.items.filter((m) => !m.isMobile && names.filter((n) => n === m.name).length === 1);
    if (picked.length < 4) throw new Error('the branch needs four members with unique names');
    [learner, mentor, mentee, mentee2] = picked;
    learnerToken = (await devLogin(server, learner.id)).token;
    matA = await newMaterial(`计划资料甲${run}`);
    matB = await newMaterial(`计划资料乙${run}`);
    matC = await newMaterial(`网络学习资料丙${run}`);
  });

  test('the admin signs in; 学习计划 lists the plans of the county, the seeded monthly plans among them', async () => {
    await consoleSignIn(page, server);
    await goTo('学习教育', '学习计划', '/study/plans');
    const expected = await api<ListPage<StudyPlanView>>(server, adminToken, '/study/plans?pageSize=20');
    expect(expected.total).toBeGreaterThan(0);
    await waitUntil(async () => (await rows('plan-table').count()) === Math.min(expected.total, 20), 'a row per plan');
    const titles = await page.locator('[data-testid=plan-table] [data-testid=plan-title]').allInnerTexts();
    expect(titles).toEqual(expected.items.map((p) => p.title));
    expect(titles.some((t) => t.startsWith('本月学习计划'))).toBe(true);
  });

  test('新建学习计划: a plan for the branch with two materials, saved and listed', async () => {
    await page.locator('[data-testid=plan-new]').click();
    const drawer = page.locator('.ant-drawer', { hasText: '新建学习计划' });
    await pickInTree('plan-org', branch);
    await drawer.locator('#plan_title').fill(planTitle);
    // The dates default to this month.
    const [from, to] = await drawer
      .locator('.ant-form-item:has(label[for="plan_range"]) .ant-picker-range input')
      .evaluateAll((els) => els.map((e) => (e as HTMLInputElement).value));
    expect([from, to]).toEqual([monthStart, monthEnd]);
    // Nothing chosen yet: the form asks for a material and sends nothing.
    const posts: string[] = [];
    const onRequest = (r: { method(): string; url(): string }) =>
      r.method() === 'POST' && r.url().endsWith('/api/v1/study/plans') && posts.push(r.url());
    page.on('request', onRequest);
    await drawer.locator('[data-testid=plan-save]').click();
    await drawer.locator('.ant-form-item-explain-error', { hasText: '请至少选择一份学习资料' }).waitFor();
    expect(posts).toHaveLength(0);
    await pickOption('plan-materials', matA.title, `material-option-${matA.id}`, true);
    await pickOption('plan-materials', matB.title, `material-option-${matB.id}`, true);
    await closeDropdown(drawer.locator('.ant-drawer-title'));
    await drawer.locator('#plan_note').fill('月底前学完，支部党员大会上交流体会。');
    await drawer.locator('[data-testid=plan-save]').click();
    await page.locator('.ant-message', { hasText: '已创建学习计划' }).waitFor();
    await drawer.waitFor({ state: 'hidden' });
    page.off('request', onRequest);
    expect(posts).toHaveLength(1);

    const list = await api<ListPage<StudyPlanView>>(server, adminToken, `/study/plans?orgId=${branch.id}&pageSize=100`);
    const found = list.items.find((p) => p.title === planTitle);
    expect(found).toBeDefined();
    plan = found!;
    expect(plan).toMatchObject({
      orgId: branch.id,
      startsOn: monthStart,
      endsOn: monthEnd,
      note: '月底前学完，支部党员大会上交流体会。',
      status: 'current',
      canManage: true,
    });
    expect(plan.materials.map((m) => m.id)).toEqual([matA.id, matB.id]);

    // The list, filtered to the branch, shows it with its dates, materials and status.
    await pickInTree('plan-filter-org', branch);
    const row = page.locator(`[data-testid=plan-table] tr[data-row-key="${plan.id}"]`);
    await row.waitFor();
    await waitUntil(async () => (await rows('plan-table').count()) === list.total, 'the branch’s plans only');
    const cells = await row.locator('td').allInnerTexts();
    expect(cells[0]).toContain(planTitle);
    expect(cells[1]).toContain(branch.name);
    expect(cells[2]).toBe(`${monthStart} 至 ${monthEnd}`);
    expect(cells[3]).toContain('2 份');
    expect(cells[4]).toContain('进行中');
  });

  test('完成情况: every member 未完成 until one studies; then ✓ per material, 已完成 and 已完成 1 / N, no minutes', async () => {
    const drawer = page.locator('.ant-drawer', { hasText: `完成情况：${planTitle}` });
    const open = async () => {
      await page.locator(`[data-testid=plan-completion-${plan.id}]`).click();
      await drawer.locator('[data-testid=plan-completion-table]').waitFor();
    };
    const close = async () => {
      await drawer.locator('.ant-drawer-close').click();
      await drawer.waitFor({ state: 'hidden' });
    };
    const cell = (memberId: string, materialId: string) => drawer.locator(`[data-testid=plan-cell-${memberId}-${materialId}]`).innerText();
    const state = (memberId: string) => drawer.locator(`[data-testid=plan-member-${memberId}]`).innerText();

    await open();
    const before = await api<StudyPlanCompletionResponse>(server, adminToken, `/study/plans/${plan.id}/completion`);
    expect(before.completeCount).toBe(0);
    expect(before.members.map((m) => m.memberId)).toContain(learner.id);
    await expect(drawer.locator('[data-testid=plan-summary]').innerText()).resolves.toBe(`已完成 0 / ${before.total}`);
    await waitUntil(async () => (await rows('plan-completion-table').count()) === Math.min(before.members.length, 50), 'a row per member');
    const names = await rows('plan-completion-table').locator('td:first-child').allInnerTexts();
    expect(names).toEqual(before.members.slice(0, 50).map((m) => m.name));
    for (const m of [matA, matB]) await drawer.locator(`thead [data-testid=plan-material-${m.id}]`).waitFor();
    const states = await rows('plan-completion-table').locator('[data-testid^=plan-member-]').allInnerTexts();
    expect(new Set(states)).toEqual(new Set(['未完成']));
    await expect(cell(learner.id, matA.id)).resolves.toBe('—');
    await close();

    // The learner studies the first material: ✓ there, still 未完成.
    expect((await study(matA.id)).completed).toBe(true);
    await open();
    await expect(cell(learner.id, matA.id)).resolves.toBe('✓');
    await expect(cell(learner.id, matB.id)).resolves.toBe('—');
    await expect(state(learner.id)).resolves.toBe('未完成');
    await expect(drawer.locator('[data-testid=plan-summary]').innerText()).resolves.toBe(`已完成 0 / ${before.total}`);
    await close();

    // And the second: the plan is done.
    expect((await study(matB.id)).completed).toBe(true);
    await open();
    await expect(cell(learner.id, matB.id)).resolves.toBe('✓');
    await expect(state(learner.id)).resolves.toBe('已完成');
    await expect(drawer.locator('[data-testid=plan-summary]').innerText()).resolves.toBe(`已完成 1 / ${before.total}`);
    const after = await api<StudyPlanCompletionResponse>(server, adminToken, `/study/plans/${plan.id}/completion`);
    expect(after.completeCount).toBe(1);
    expect(after.members.find((m) => m.memberId === learner.id)).toMatchObject({
      complete: true,
      done: expect.arrayContaining([matA.id, matB.id]),
    });
    // 已完成 shows only who finished.
    await drawer.locator('[data-testid=plan-completion-filter] .ant-segmented-item', { hasText: '已完成' }).click();
    await waitUntil(async () => (await rows('plan-completion-table').count()) === 1, 'only the finished member');
    await expect(rows('plan-completion-table').first().innerText()).resolves.toContain(learner.name);
    // Done or not done only: no reading time anywhere.
    const text = await drawer.innerText();
    expect(text).not.toMatch(/分钟|秒|小时|时长/);
    // 导出: the same as a sheet, named after the plan.
    const [download] = await Promise.all([page.waitForEvent('download'), drawer.locator('[data-testid=plan-completion-export]').click()]);
    expect(download.suggestedFilename()).toBe(`学习完成情况-${plan.title}.xlsx`);
    await close();
  });

  test('编辑 and 删除: the title changes; deleting asks first and the plan is gone', async () => {
    await page.locator(`[data-testid=plan-edit-${plan.id}]`).click();
    const drawer = page.locator('.ant-drawer', { hasText: '编辑学习计划' });
    await expect(drawer.locator('#plan_title').inputValue()).resolves.toBe(planTitle);
    await expect(drawer.locator('[data-testid=plan-org-name]').inputValue()).resolves.toBe(branch.name);
    await drawer.locator('#plan_title').fill(`${planTitle}（修订）`);
    await drawer.locator('[data-testid=plan-save]').click();
    await page.locator('.ant-message', { hasText: '学习计划已保存' }).waitFor();
    await drawer.waitFor({ state: 'hidden' });
    const row = page.locator(`[data-testid=plan-table] tr[data-row-key="${plan.id}"]`);
    await row.locator('[data-testid=plan-title]', { hasText: `${planTitle}（修订）` }).waitFor();
    const saved = await api<StudyPlanView>(server, adminToken, `/study/plans/${plan.id}`);
    expect(saved.title).toBe(`${planTitle}（修订）`);
    expect(saved.materials.map((m) => m.id)).toEqual([matA.id, matB.id]);

    await page.locator(`[data-testid=plan-delete-${plan.id}]`).click();
    await page.locator('.ant-modal-confirm', { hasText: '删除学习计划' }).locator('.ant-btn-dangerous').click();
    await page.locator('.ant-message', { hasText: '学习计划已删除' }).waitFor();
    await row.waitFor({ state: 'detached' });
    const gone = await call<ErrorBody>(server, adminToken, `/study/plans/${plan.id}`);
    expect(gone.status).toBe(404);
    expect(gone.body.error.code).toBe('PLAN_NOT_FOUND');
  });

  test('党员小书包: a PDF uploaded as a document (name and size shown, listed, served); a text file named .pdf refused with the server’s message', async () => {
    const docTitle = `党章学习辅导（PDF）${run}`;
    const pdf = tinyPdf();
    await goTo('学习教育', '党员小书包', '/study/materials');
    await page.locator('[data-testid=material-new]').click();
    const drawer = page.locator('.ant-drawer', { hasText: '新增资料' });
    await drawer.locator('label.ant-radio-button-wrapper', { hasText: '文档' }).click();
    await drawer.locator('[data-testid=material-upload]').waitFor();
    await drawer.locator('#material_title').fill(docTitle);
    await drawer.locator('#material-min-seconds').fill('0');
    const uploads: string[] = [];
    const onRequest = (r: { method(): string; url(): string; headers(): Record<string, string> }) =>
      r.method() === 'POST' && r.url().includes('/api/v1/study/uploads?kind=document') && uploads.push(r.headers().authorization ?? '');
    page.on('request', onRequest);
    await drawer
      .locator('[data-testid=material-upload] input[type=file]')
      .setInputFiles({ name: '党章学习辅导.pdf', mimeType: 'application/pdf', buffer: pdf });
    await drawer.locator('[data-testid=material-file-name]', { hasText: '党章学习辅导.pdf' }).waitFor();
    await expect(drawer.locator('[data-testid=material-file-size]').innerText()).resolves.toBe(`${pdf.length} 字节`);
    page.off('request', onRequest);
    // Sent with the session's token.
    expect(uploads).toHaveLength(1);
    expect(uploads[0]).toMatch(/^Bearer /);
    // The address field gives way to the upload.
    await expect(drawer.locator('#material_url').isDisabled()).resolves.toBe(true);
    await drawer.locator('[data-testid=material-save]').click();
    await page.locator('.ant-message', { hasText: '已发布到党员小书包' }).waitFor();
    await drawer.waitFor({ state: 'hidden' });
    const row = page.locator('[data-testid=material-table] tbody tr.ant-table-row', { hasText: docTitle });
    await row.waitFor();
    await expect(row.locator('td').nth(1).innerText()).resolves.toMatch(/文档[\s\S]*上传/);

    const found = (await api<ListPage<StudyMaterialView>>(server, adminToken, `/study/materials?q=${encodeURIComponent(docTitle)}`)).items;
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({ kind: 'document', status: 'published', minSeconds: 0 });
    expect(found[0].fileId).toBeTruthy();
    // The signed address serves the very bytes uploaded.
    const url = found[0].url!;
    const served = await fetch(url.startsWith('http') ? url : `${server.baseUrl}${url}`);
    expect(served.status).toBe(200);
    expect(Buffer.from(await served.arrayBuffer()).equals(pdf)).toBe(true);

    // 编辑 keeps the uploaded file when only the text changes.
    await page.locator(`[data-testid=material-edit-${found[0].id}]`).click();
    const editor = page.locator('.ant-drawer', { hasText: '编辑资料' });
    // The saved upload shows by its name and size.
    await editor.locator('[data-testid=material-file-name]', { hasText: '党章学习辅导.pdf' }).waitFor();
    await expect(editor.locator('[data-testid=material-file-size]').innerText()).resolves.toBe(`${pdf.length} 字节`);
    await editor.locator('#material_summary').fill('党章学习辅导材料（PDF）');
    await editor.locator('[data-testid=material-save]').click();
    await page.locator('.ant-message', { hasText: '已保存' }).waitFor();
    await editor.waitFor({ state: 'hidden' });
    const edited = await api<StudyMaterialView>(server, adminToken, `/study/materials/${found[0].id}`);
    expect(edited).toMatchObject({ summary: '党章学习辅导材料（PDF）', fileId: found[0].fileId, kind: 'document' });

    // Text renamed .pdf: it passes the console's check by name; the server reads the bytes and refuses it.
    await page.locator('[data-testid=material-new]').click();
    await drawer.locator('label.ant-radio-button-wrapper', { hasText: '文档' }).click();
    const fake = Buffer.from('这不是PDF，只是改了扩展名的文本文件');
    await drawer
      .locator('[data-testid=material-upload] input[type=file]')
      .setInputFiles({ name: '假文档.pdf', mimeType: 'application/pdf', buffer: fake });
    const error = drawer.locator('[data-testid=material-upload-error]');
    await error.waitFor();
    const shown = (await error.innerText()).trim();
    const form = new FormData();
    form.append('file', new Blob([fake], { type: 'application/pdf' }), '假文档.pdf');
    const refused = await call<ErrorBody>(server, adminToken, '/study/uploads?kind=document', { method: 'POST', body: form });
    expect(refused.status).toBe(400);
    expect(refused.body.error.code).toBe('STUDY_FILE_INVALID');
    expect(shown).toBe(refused.body.error.message);
    expect(shown).toBe(ERRORS.STUDY_FILE_INVALID.message);
    await expect(drawer.locator('[data-testid=material-file]').count()).resolves.toBe(0);
    await drawer.locator('.ant-drawer-close').click();
    await drawer.waitFor({ state: 'hidden' });
  });

  test('网络学习: an online study over two weeks with two materials and no check-in; finishing them shows as 网络学习 in 考勤', async () => {
    const title = `网络学习：学党章守党规${run}`;
    const drawer = await newActivity(title, '集中学习', '网络式');
    // Online study needs no check-in: the default 扫码签到 is cleared.
    await waitUntil(
      async () =>
        !(await drawer.locator('.ant-form-item:has(label[for="activity_checkinModes"]) input[type=checkbox]').first().isChecked()),
      'no check-in mode',
    );
    // From today 00:00 for two weeks (more than the three days other activities may last).
    const start = `${today} 00:00`;
    const endDate = new Date(Date.parse(`${today}T00:00:00+08:00`) + 14 * 86_400_000);
    const end = `${shanghai(endDate).slice(0, 10)} 22:00`;
    const range = drawer.locator('.ant-form-item:has(label[for="activity_range"]) .ant-picker-range');
    await range.locator('input').first().click();
    await range.locator('input').first().fill(start);
    await range.locator('input').first().press('Enter');
    await range.locator('input').nth(1).fill(end);
    await range.locator('input').nth(1).press('Enter');
    await waitUntil(
      async () =>
        JSON.stringify(await range.locator('input').evaluateAll((els) => els.map((e) => (e as HTMLInputElement).value))) ===
        JSON.stringify([start, end]),
      'the typed range',
    );
    await pickOption('activity-materials', matA.title, `material-option-${matA.id}`, true);
    await pickOption('activity-materials', matC.title, `material-option-${matC.id}`, true);
    await closeDropdown(drawer.locator('.ant-drawer-title'));
    await drawer.locator('[data-testid=activity-save]').click();
    await drawer.waitFor({ state: 'hidden' });

    const created = await draftNamed(title);
    expect(created).toMatchObject({ kind: 'study_session', studyMode: 'online', checkinModes: [] });
    expect(created.materials.map((m) => m.id)).toEqual([matA.id, matC.id]);
    expect(Date.parse(created.endsAt) - Date.parse(created.startsAt)).toBe(14 * 86_400_000 + 22 * 3600_000);

    await page.goto(`${server.baseUrl}/console/activities/${created.id}`);
    const card = page.locator('[data-testid=activity-materials-card]');
    await card.waitFor();
    await expect(card.locator('[data-testid=activity-material-title]').allInnerTexts()).resolves.toEqual([matA.title, matC.title]);
    await expect(page.locator('.ant-descriptions-item', { hasText: '签到方式' }).innerText()).resolves.toContain('无需签到');
    await expect(page.locator('.ant-descriptions-item', { hasText: '学习方式' }).innerText()).resolves.toContain('网络式');
    await publishOnDetail(title);

    // The learner already studied 甲 (for the plan); studying 丙 completes the activity.
    const finished = await study(matC.id);
    expect(finished.attended.map((a) => a.activityId)).toEqual([created.id]);
    const att = await api<AttendanceResponse>(server, adminToken, `/activities/${created.id}/attendance`);
    expect(att.present.find((r) => r.memberId === learner.id)?.method).toBe('online');
    await page.reload();
    const panel = page.locator('[data-testid=attendance]');
    await panel.waitFor();
    await panel.locator('.ant-tabs-tab', { hasText: '出席' }).click();
    const line = panel.locator('[data-testid=present-table] tbody tr.ant-table-row', { hasText: learner.name });
    await line.waitFor();
    await expect(line.innerText()).resolves.toContain('网络学习');
  });

  test('结对学习: pairs set in the form (not with oneself), shown on the detail, edited after publishing', async () => {
    // The seeded paired study of the branch shows its pairs.
    const upcoming = await api<ListPage<ActivityView>>(
      server,
      adminToken,
      `/activities?orgId=${branch.id}&pageSize=100&from=${new Date().toISOString()}`,
    );
    const seeded = upcoming.items.find((a) => a.title.startsWith('结对学习：') && a.studyMode === 'paired');
    expect(seeded).toBeDefined();
    expect(seeded!.pairs.length).toBeGreaterThan(0);
    await page.goto(`${server.baseUrl}/console/activities/${seeded!.id}`);
    await waitUntil(async () => (await rows('pairs-table').count()) === seeded!.pairs.length, 'the seeded pairs');
    await expect(page.locator('[data-testid=pairs-table] [data-testid=pair-mentor-name]').allInnerTexts()).resolves.toEqual(
      seeded!.pairs.map((p) => p.mentorName),
    );

    const title = `结对学习：以老带新学党章${run}`;
    const drawer = await newActivity(title, '集中学习', '结对式');
    await drawer.locator('[data-testid=pair-add]').click();
    await pickOption('pair-mentor-0', mentor.name, `member-option-${mentor.id}`);
    await pickOption('pair-mentee-0', mentor.name, `member-option-${mentor.id}`);
    await drawer.locator('[data-testid=activity-save]').click();
    await drawer.locator('.ant-form-item-explain-error', { hasText: '不能与自己结对' }).waitFor();
    await pickOption('pair-mentee-0', mentee.name, `member-option-${mentee.id}`);
    await drawer.locator('[data-testid=activity-save]').click();
    await drawer.waitFor({ state: 'hidden' });

    const created = await draftNamed(title);
    expect(created.studyMode).toBe('paired');
    expect(created.pairs).toEqual([{ mentorId: mentor.id, mentorName: mentor.name, menteeId: mentee.id, menteeName: mentee.name }]);

    await page.goto(`${server.baseUrl}/console/activities/${created.id}`);
    const card = page.locator('[data-testid=activity-pairs-card]');
    await waitUntil(async () => (await rows('pairs-table').count()) === 1, 'the pair on the detail');
    await expect(card.locator('[data-testid=pair-mentor-name]').innerText()).resolves.toBe(mentor.name);
    await expect(card.locator('[data-testid=pair-mentee-name]').innerText()).resolves.toBe(mentee.name);
    await publishOnDetail(title);

    // After publishing, 编辑结对 still works: a second pair with the same mentor.
    await card.locator('[data-testid=pairs-edit]').click();
    const modal = page.locator('.ant-modal', { hasText: '编辑结对' });
    await modal.locator('[data-testid=pair-row-0]').waitFor();
    await expect(modal.locator('[data-testid=pair-mentee-0]').innerText()).resolves.toContain(mentee.name);
    await modal.locator('[data-testid=pair-add]').click();
    await pickOption('pair-mentor-1', mentor.name, `member-option-${mentor.id}`);
    await pickOption('pair-mentee-1', mentee2.name, `member-option-${mentee2.id}`);
    await modal.locator('[data-testid=pairs-save]').click();
    await page.locator('.ant-message', { hasText: '结对已保存（2 对）' }).waitFor();
    await modal.waitFor({ state: 'hidden' });
    await waitUntil(async () => (await rows('pairs-table').count()) === 2, 'two pairs on the detail');
    await expect(card.locator('[data-testid=pair-mentee-name]').allInnerTexts()).resolves.toEqual([mentee.name, mentee2.name]);
    const saved = await api<ActivityView>(server, adminToken, `/activities/${created.id}`);
    expect(saved.status).toBe('published');
    expect(saved.pairs.map((p) => [p.mentorId, p.menteeId])).toEqual([
      [mentor.id, mentee.id],
      [mentor.id, mentee2.id],
    ]);
  });

  test('党课: 主讲人 and 主题 saved through the form and shown on the detail', async () => {
    const title = `党课：新时代党员的初心使命${run}`;
    const drawer = await newActivity(title, '党课', '课堂式');
    await drawer.locator('#activity_lecturer').fill('镇党委书记');
    await drawer.locator('#activity_topic').fill('学习党章，做合格党员');
    await drawer.locator('[data-testid=activity-save]').click();
    await drawer.waitFor({ state: 'hidden' });
    const created = await draftNamed(title);
    expect(created).toMatchObject({ kind: 'party_lecture', studyMode: 'classroom', lecturer: '镇党委书记', topic: '学习党章，做合格党员' });
    await page.goto(`${server.baseUrl}/console/activities/${created.id}`);
    await expect(page.locator('[data-testid=activity-lecturer]').innerText()).resolves.toBe('镇党委书记');
    await expect(page.locator('[data-testid=activity-topic]').innerText()).resolves.toBe('学习党章，做合格党员');
  });
});
