/**
 * The console's 学习教育 screens in Chromium against the real server: 党员小书包 lists the demo
 * county's three materials and searches them by title and tag; an article with a quiz is created
 * (one question first, refused with the server's own message on the quiz), then read by a member
 * through the API with the answers picked in the form; a required video for a township (a bad
 * address first, the server's message on its field); 撤回 / 发布; a member's reflection, held for
 * review (demo members have no WeChat binding), approved in 学习心得审核 and another refused; and
 * 学习完成情况 for a branch with ✓ / — per member and material and no minutes or seconds anywhere.
 * Build first: `npm run build -w @djzy/shared -w @djzy/server -w @djzy/admin` (or point
 * E2E_CONSOLE_DIR at another console build).
 */
import type {
  CreateNoteResponse,
  ErrorBody,
  FinishSessionResponse,
  MemberSummary,
  OrgNode,
  Page as ListPage,
  StudyBranchCompletionResponse,
  StudyCompletionResponse,
  StudyMaterialView,
  StudyNoteView,
  StudySessionStarted,
} from '@djzy/shared';
import {
  adminLogin,
  api,
  call,
  consoleChooseOption,
  consoleMenu,
  consolePickOrg,
  consoleSignIn,
  devLogin,
  flatten,
  openDropdown,
  waitUntil,
} from '../support/e2e';
import { e2eSuite } from '../support/suite';

jest.setTimeout(180_000);

const CHARTER = '中国共产党章程（学习要点）';
const HISTORY_QUIZ = '党史知识小测验';
const VIDEO = '乡村振兴政策解读（视频）';

describe('web console: 学习教育 (learning kit, reflections, completion)', () => {
  const { server, page } = e2eSuite({
    client: 'console',
    database: { own: 'it counts the county’s learning kit (exactly the three demo materials) and withdraws and publishes materials' },
  });
  let adminToken: string;
  let county: OrgNode;
  let township: OrgNode;
  let branch: OrgNode;
  /** Two ordinary members of the branch: one studies, one does not. */
  let learner: MemberSummary;
  let learnerToken: string;
  let idle: MemberSummary;
  const run = Date.now() % 100_000;
  const quizTitle = `学习新党章测验${run}`;
  const videoTitle = `本镇必学微党课${run}`;
  let quizMaterial: StudyMaterialView;
  let videoMaterial: StudyMaterialView;
  let charter: StudyMaterialView;

  const rows = (testId: string) => page.locator(`[data-testid=${testId}] tbody tr.ant-table-row`);
  const goTo = (label: string, urlEnd: string) => consoleMenu(page, label, urlEnd);
  const rowTitles = async () =>
    (await page.locator('[data-testid=material-table] [data-testid=material-title]').allInnerTexts()).map((t) => t.trim());
  const adminMaterials = (query: string) => api<ListPage<StudyMaterialView>>(server, adminToken, `/study/materials?${query}`);
  const memberLogin = (memberId: string) => devLogin(server, memberId);
  /** Starts a reading session as the learner and finishes it at once (with quiz answers, if any). */
  const study = async (materialId: string, quizAnswers?: Record<string, number>) => {
    const s = await api<StudySessionStarted>(server, learnerToken, `/study/materials/${materialId}/sessions`, { method: 'POST' });
    return api<FinishSessionResponse>(server, learnerToken, `/study/sessions/${s.sessionId}/finish`, {
      method: 'POST',
      body: JSON.stringify(quizAnswers ? { quizAnswers } : {}),
    });
  };
  const pickInTree = (selectTestId: string, org: OrgNode) => consolePickOrg(page, selectTestId, org);

  beforeAll(async () => {
    const login = await adminLogin(server);
    adminToken = login.token;
    const orgs = await api<OrgNode[]>(server, adminToken, '/orgs');
    county = orgs[0];
    expect(county.kind).toBe('county');
    const all = flatten(orgs);
    const t = all.find((o) => o.kind === 'township' && o.name.includes('城关镇'));
    if (!t) throw new Error('the demo county should have 城关镇');
    township = t;
    // A branch with at least two plain (no role, not mobile) members.
    for (const b of flatten(township.children).filter((o) => o.kind === 'branch')) {
      const members = await api<ListPage<MemberSummary>>(server, adminToken, `/members?orgId=${b.id}&pageSize=100`);
      const plain: { m: MemberSummary; token: string }[] = [];
      for (const m of members.items) {
        if (m.isMobile) continue;
        const l = await memberLogin(m.id);
        if (l.member && !l.member.roles.length) plain.push({ m, token: l.token });
        if (plain.length === 2) break;
      }
      if (plain.length === 2) {
        branch = b;
        [learner, idle] = [plain[0].m, plain[1].m];
        learnerToken = plain[0].token;
        break;
      }
    }
    if (!branch) throw new Error('no branch of 城关镇 with two plain members');
  });

  test('the admin signs in and finds the 学习教育 menu', async () => {
    await consoleSignIn(page, server);
    await page.locator('.ant-menu-submenu-title', { hasText: '学习教育' }).click();
    for (const label of ['党员小书包', '学习心得审核', '学习完成情况']) await page.locator('.ant-menu-item', { hasText: label }).waitFor();
  });

  test('党员小书包 lists the county’s three materials and searches them by title and tag', async () => {
    await goTo('党员小书包', '/study/materials');
    await waitUntil(async () => (await rows('material-table').count()) === 3, 'the three demo materials');
    const kit = await adminMaterials('pageSize=100');
    expect(kit.total).toBe(3);
    expect(await rowTitles()).toEqual(kit.items.map((m) => m.title));
    expect(new Set(await rowTitles())).toEqual(new Set([CHARTER, HISTORY_QUIZ, VIDEO]));
    charter = kit.items.find((m) => m.title === CHARTER)!;

    const charterRow = rows('material-table').filter({ hasText: CHARTER });
    const cells = await charterRow.locator('td').allInnerTexts();
    expect(cells[1]).toContain('文章');
    expect(cells[2]).toContain('党章');
    expect(cells[3]).toContain(county.name);
    expect(cells[4]).toContain('必学');
    expect(cells[5]).toContain('已发布');
    await expect(rows('material-table').filter({ hasText: VIDEO }).locator('td').nth(1).innerText()).resolves.toContain('视频');
    await expect(rows('material-table').filter({ hasText: HISTORY_QUIZ }).locator('td').nth(1).innerText()).resolves.toContain('测验');
    // Nothing in the kit reports how long anyone studied.
    expect(await page.locator('[data-testid=material-table]').innerText()).not.toMatch(/分钟|秒/);

    await page.locator('[data-testid=material-search] input').fill('党史');
    await page.locator('[data-testid=material-search] input').press('Enter');
    await waitUntil(async () => JSON.stringify(await rowTitles()) === JSON.stringify([HISTORY_QUIZ]), 'the title search');
    await page.locator('[data-testid=material-search] input').fill('');
    await page.locator('[data-testid=material-search] input').press('Enter');
    await page.locator('[data-testid=material-tag-filter] input').fill('党章');
    await page.locator('[data-testid=material-tag-filter] input').press('Enter');
    await waitUntil(async () => JSON.stringify(await rowTitles()) === JSON.stringify([CHARTER]), 'the tag filter');
    await page.locator('[data-testid=material-tag-filter] input').fill('');
    await page.locator('[data-testid=material-tag-filter] input').press('Enter');
    await waitUntil(async () => (await rows('material-table').count()) === 3, 'all three again');
  });

  test('新增资料: an article with one quiz question is refused with the server’s message; with two it is saved and a member reads it', async () => {
    await page.locator('[data-testid=material-new]').click();
    const drawer = page.locator('.ant-drawer', { hasText: '新增资料' });
    await drawer.locator('#material_title').fill(quizTitle);
    await drawer.locator('#material_summary').fill('学习党章总纲，答两道题。');
    const tags = drawer.locator('[data-testid=material-tags]');
    await tags.click();
    await tags.locator('input').fill('党章');
    await tags.locator('input').press('Enter');
    await tags.locator('input').fill(`测验${run}`);
    await tags.locator('input').press('Enter');
    await drawer.locator('#material_title').click(); // close the tag dropdown
    // The org defaults to the admin's county; 必学 is off.
    await expect(drawer.locator('[data-testid=material-org]').innerText()).resolves.toContain(county.name);
    await drawer.locator('#material-min-seconds').fill('0');
    await drawer.locator('#material_body').fill('# 党章总纲\n党章总纲明确了党的性质和宗旨。\n\n党员必须履行**八项义务**：\n- 认真学习');
    // The preview reads the marks as the mini-program will: a heading, bold, a list — not HTML.
    const preview = drawer.locator('[data-testid=article-preview]');
    await expect(preview.locator('[data-testid=article-preview-heading]').innerText()).resolves.toBe('党章总纲');
    await expect(preview.locator('strong').innerText()).resolves.toBe('八项义务');
    await expect(preview.locator('li').innerText()).resolves.toBe('认真学习');
    await drawer.locator('[data-testid=material-quiz-mode]').click();
    await consoleChooseOption(page, openDropdown(page).locator('.ant-select-item-option', { hasText: '学满时长并答对测验' }));
    // The editor starts with two blank questions; remove one to try a single-question quiz.
    await drawer.locator('[data-testid=quiz-question-1]').waitFor();
    await drawer.locator('[data-testid=quiz-remove-1]').click();
    await waitUntil(async () => (await drawer.locator('[data-testid=quiz-question-1]').count()) === 0, 'the second question removed');
    await drawer.locator('#material_quiz_0_text').fill('党的最高领导机关是？');
    await drawer.locator('#material_quiz_0_options_0').fill('党支部');
    await drawer.locator('#material_quiz_0_options_1').fill('党的全国代表大会和它所产生的中央委员会');
    await drawer.locator('[data-testid=quiz-answer-0] label', { hasText: 'B' }).click();

    const posts: string[] = [];
    const onRequest = (r: { method(): string; url(): string }) =>
      r.method() === 'POST' && r.url().endsWith('/api/v1/study/materials') && posts.push(r.url());
    page.on('request', onRequest);
    await drawer.locator('[data-testid=material-save]').click();
    const quizError = drawer.locator('[data-testid=quiz-editor] .ant-form-item-explain-error');
    await quizError.first().waitFor();
    const shown = (await quizError.first().innerText()).trim();
    // The message is the server's own, word for word.
    expect(posts).toHaveLength(1);
    const refused = await call<ErrorBody>(server, adminToken, '/study/materials', {
      method: 'POST',
      body: JSON.stringify({
        title: quizTitle,
        kind: 'article',
        body: '正文',
        minSeconds: 0,
        quizMode: 'with_time',
        quiz: [{ text: '题', options: ['甲', '乙'], answer: 1 }],
      }),
    });
    expect(refused.status).toBe(400);
    const detail = (refused.body.error.details as { field: string; message: string }[]).find((d) => d.field === 'quiz');
    expect(detail).toBeDefined();
    expect(shown).toBe(detail!.message);
    // Nothing was created.
    expect((await adminMaterials(`q=${encodeURIComponent(quizTitle)}`)).total).toBe(0);

    await drawer.locator('[data-testid=quiz-add]').click();
    await drawer.locator('#material_quiz_1_text').fill('中国共产党成立于哪一年？');
    await drawer.locator('#material_quiz_1_options_0').fill('1921年');
    await drawer.locator('#material_quiz_1_options_1').fill('1949年');
    await drawer.getByRole('button', { name: '添加选项' }).nth(1).click();
    await drawer.locator('#material_quiz_1_options_2').fill('1919年');
    await drawer.locator('[data-testid=quiz-answer-1] label', { hasText: 'A' }).click();
    await drawer.locator('[data-testid=material-save]').click();
    await page.locator('.ant-message', { hasText: '已发布到党员小书包' }).waitFor();
    page.off('request', onRequest);
    expect(posts).toHaveLength(2);
    await drawer.waitFor({ state: 'hidden' });
    await waitUntil(async () => (await rowTitles()).includes(quizTitle), 'the new material in the list');
    const row = rows('material-table').filter({ hasText: quizTitle });
    await expect(row.locator('td').nth(5).innerText()).resolves.toContain('已发布');
    await expect(row.locator('td').nth(2).innerText()).resolves.toContain(`测验${run}`);

    // A member of the county reads it through the API, as typed in the form.
    const seen = await api<ListPage<StudyMaterialView>>(server, learnerToken, `/study/materials?q=${encodeURIComponent(quizTitle)}`);
    expect(seen.total).toBe(1);
    quizMaterial = seen.items[0];
    expect(quizMaterial).toMatchObject({
      kind: 'article',
      summary: '学习党章总纲，答两道题。',
      body: '# 党章总纲\n党章总纲明确了党的性质和宗旨。\n\n党员必须履行**八项义务**：\n- 认真学习',
      orgId: county.id,
      required: false,
      status: 'published',
      minSeconds: 0,
      quizMode: 'with_time',
      completed: false,
    });
    expect(quizMaterial.tags).toEqual(['党章', `测验${run}`]);
    expect(quizMaterial.quiz.map((q) => [q.text, q.options])).toEqual([
      ['党的最高领导机关是？', ['党支部', '党的全国代表大会和它所产生的中央委员会']],
      ['中国共产党成立于哪一年？', ['1921年', '1949年', '1919年']],
    ]);
    // The right answers are the ones picked in the form (B, then A): wrong ones do not complete it.
    const [q1, q2] = quizMaterial.quiz;
    const wrong = await study(quizMaterial.id, { [q1.id]: 0, [q2.id]: 0 });
    expect(wrong).toMatchObject({ completed: false, quizPassed: false });
    const right = await study(quizMaterial.id, { [q1.id]: 1, [q2.id]: 0 });
    expect(right).toMatchObject({ completed: true, quizPassed: true });
  });

  test('a required video for the township: a bad address gets the server’s message on its field; then saved', async () => {
    await page.locator('[data-testid=material-new]').click();
    const drawer = page.locator('.ant-drawer', { hasText: '新增资料' });
    await drawer.locator('label.ant-radio-button-wrapper', { hasText: '视频' }).click();
    await drawer.locator('#material_url').waitFor();
    await expect(drawer.locator('#material_body').count()).resolves.toBe(0);
    await drawer.locator('#material_title').fill(videoTitle);
    await consolePickOrg(page, 'material-org', township);
    await drawer.locator('#material_required').click();
    await drawer.locator('#material-min-seconds').fill('0');
    await drawer.locator('#material_url').fill('ftp://example.com/lesson.mp4');
    await drawer.locator('[data-testid=material-save]').click();
    const urlItem = drawer.locator('.ant-form-item:has(#material_url)');
    await urlItem.locator('.ant-form-item-explain-error').waitFor();
    const shown = (await urlItem.locator('.ant-form-item-explain-error').innerText()).trim();
    const refused = await call<ErrorBody>(server, adminToken, '/study/materials', {
      method: 'POST',
      body: JSON.stringify({ title: videoTitle, kind: 'video', url: 'ftp://example.com/lesson.mp4', minSeconds: 0, orgId: township.id }),
    });
    expect(refused.status).toBe(400);
    expect(shown).toBe((refused.body.error.details as { field: string; message: string }[]).find((d) => d.field === 'url')!.message);

    await drawer.locator('#material_url').fill('/static/demo/rural-revitalization.mp4');
    await drawer.locator('[data-testid=material-save]').click();
    await drawer.waitFor({ state: 'hidden' });
    await waitUntil(async () => (await rowTitles()).includes(videoTitle), 'the video in the list');
    const cells = await rows('material-table').filter({ hasText: videoTitle }).locator('td').allInnerTexts();
    expect(cells[1]).toContain('视频');
    expect(cells[3]).toContain(township.name);
    expect(cells[4]).toContain('必学');
    const found = (await adminMaterials(`q=${encodeURIComponent(videoTitle)}`)).items;
    expect(found).toHaveLength(1);
    videoMaterial = found[0];
    expect(videoMaterial).toMatchObject({
      kind: 'video',
      url: '/static/demo/rural-revitalization.mp4',
      orgId: township.id,
      required: true,
      minSeconds: 0,
      quizMode: 'none',
    });
  });

  test('编辑: an untouched quiz keeps its hidden answers; a changed question needs its answers picked again', async () => {
    const patches: string[] = [];
    const onRequest = (r: { method(): string; url(): string; postData(): string | null }) =>
      r.method() === 'PATCH' && r.url().endsWith(`/api/v1/study/materials/${quizMaterial.id}`) && patches.push(r.postData() ?? '');
    page.on('request', onRequest);
    try {
      await page.locator(`[data-testid=material-edit-${quizMaterial.id}]`).click();
      const drawer = page.locator('.ant-drawer', { hasText: '编辑资料' });
      await expect(drawer.locator('#material_title').inputValue()).resolves.toBe(quizTitle);
      await expect(drawer.locator('#material_quiz_1_options_2').inputValue()).resolves.toBe('1919年');
      await drawer.locator('.ant-alert', { hasText: '已保存的正确答案不在此显示' }).waitFor();
      await drawer.locator('#material_summary').fill('学习党章总纲，答两道题（已更新）。');
      await drawer.locator('[data-testid=material-save]').click();
      await page.locator('.ant-message', { hasText: '已保存' }).waitFor();
      await drawer.waitFor({ state: 'hidden' });
      expect(patches).toHaveLength(1);
      const sent = JSON.parse(patches[0]) as Record<string, unknown>;
      expect(sent.summary).toBe('学习党章总纲，答两道题（已更新）。');
      expect(sent).not.toHaveProperty('quiz');
      const kept = await api<StudyMaterialView>(server, adminToken, `/study/materials/${quizMaterial.id}`);
      expect(kept.quiz).toEqual(quizMaterial.quiz);
      // The saved answers still hold: another member passes with B, A.
      const idleLogin = await memberLogin(idle.id);
      const s = await api<StudySessionStarted>(server, idleLogin.token, `/study/materials/${quizMaterial.id}/sessions`, { method: 'POST' });
      const [q1, q2] = kept.quiz;
      const res = await api<FinishSessionResponse>(server, idleLogin.token, `/study/sessions/${s.sessionId}/finish`, {
        method: 'POST',
        body: JSON.stringify({ quizAnswers: { [q1.id]: 1, [q2.id]: 0 } }),
      });
      expect(res.quizPassed).toBe(true);

      // Changing a question means every right answer has to be picked again; nothing is sent until then.
      await page.locator(`[data-testid=material-edit-${quizMaterial.id}]`).click();
      await drawer.locator('#material_quiz_0_text').fill('党的最高领导机关是什么？');
      await drawer.locator('[data-testid=material-save]').click();
      await drawer.locator('.ant-form-item-explain-error', { hasText: '请选择正确答案' }).first().waitFor();
      await expect(drawer.locator('.ant-form-item-explain-error', { hasText: '请选择正确答案' }).count()).resolves.toBe(2);
      expect(patches).toHaveLength(1);
      await drawer.locator('.ant-drawer-close').click();
      await drawer.waitFor({ state: 'hidden' });
    } finally {
      page.off('request', onRequest);
    }
  });

  test('撤回 makes a material a draft members cannot read; 发布 brings it back', async () => {
    const row = rows('material-table').filter({ hasText: quizTitle });
    await page.locator(`[data-testid=material-toggle-${quizMaterial.id}]`).click();
    await page.locator('.ant-modal-confirm', { hasText: '撤回资料' }).locator('.ant-btn-primary').click();
    await page.locator('.ant-message', { hasText: '已撤回为草稿' }).waitFor();
    await waitUntil(async () => (await row.locator('td').nth(5).innerText()).includes('草稿'), 'the draft tag');
    const hidden = await call<ErrorBody>(server, learnerToken, `/study/materials/${quizMaterial.id}`);
    expect(hidden.status).toBe(404);
    expect((await adminMaterials('status=draft')).items.map((m) => m.id)).toEqual([quizMaterial.id]);

    await page.locator(`[data-testid=material-toggle-${quizMaterial.id}]`).click();
    await page.locator('.ant-modal-confirm', { hasText: '发布资料' }).locator('.ant-btn-primary').click();
    await waitUntil(async () => (await row.locator('td').nth(5).innerText()).includes('已发布'), 'the published tag');
    expect((await api<StudyMaterialView>(server, learnerToken, `/study/materials/${quizMaterial.id}`)).status).toBe('published');
  });

  test('学习心得审核: a member’s reflection held for review is approved (and published); another is refused', async () => {
    const content = `重温党章${run}，我对党员的八项义务有了更深的理解，今后要在乡村振兴中发挥先锋模范作用。`;
    const written = await api<CreateNoteResponse>(server, learnerToken, '/study/notes', {
      method: 'POST',
      body: JSON.stringify({ materialId: charter.id, content }),
    });
    // No WeChat binding: nothing could check it, so it waits for the secretary.
    expect(written.note.status).toBe('review');
    expect(written.pointsAwarded).toBe(0);
    const other = await api<CreateNoteResponse>(server, learnerToken, '/study/notes', {
      method: 'POST',
      body: JSON.stringify({ content: `第二篇心得${run}：学习党史，坚定理想信念，牢记初心使命。` }),
    });
    expect(other.note.status).toBe('review');

    await goTo('学习心得审核', '/study/notes');
    const row = rows('note-table').filter({ hasText: `重温党章${run}` });
    await row.waitFor();
    const cells = await row.locator('td').allInnerTexts();
    expect(cells[0]).toContain(learner.name);
    expect(cells[1]).toContain(CHARTER);
    expect(cells[2]).toContain(content.slice(0, 12));
    const review = await api<ListPage<StudyNoteView>>(server, adminToken, '/study/notes?status=review&pageSize=100');
    expect(await rows('note-table').count()).toBe(Math.min(review.total, 20));

    await page.locator(`[data-testid=note-approve-${written.note.id}]`).click();
    await page.locator('.ant-message', { hasText: `已通过，${learner.name}的学习心得已发布` }).waitFor();
    await waitUntil(async () => (await row.count()) === 0, 'the approved note gone from the queue');
    const mine = await api<ListPage<StudyNoteView>>(server, learnerToken, `/study/notes?memberId=${learner.id}`);
    expect(mine.items.find((n) => n.id === written.note.id)?.status).toBe('published');
    // Branch members now read it too.
    const idleLogin = await memberLogin(idle.id);
    const branchNotes = await api<ListPage<StudyNoteView>>(server, idleLogin.token, '/study/notes?pageSize=100');
    expect(branchNotes.items.map((n) => n.id)).toContain(written.note.id);
    expect(branchNotes.items.map((n) => n.id)).not.toContain(other.note.id);

    await page.locator(`[data-testid=note-reject-${other.note.id}]`).click();
    await page
      .locator('.ant-modal-confirm', { hasText: '不通过' })
      .locator('.ant-modal-confirm-btns .ant-btn', { hasText: '不通过' })
      .click();
    await page.locator('.ant-message', { hasText: '已标记为不通过' }).waitFor();
    const after = await api<ListPage<StudyNoteView>>(server, learnerToken, `/study/notes?memberId=${learner.id}`);
    expect(after.items.find((n) => n.id === other.note.id)?.status).toBe('rejected');

    await page.locator('.ant-tabs-tab', { hasText: '已发布' }).click();
    await rows('note-table')
      .filter({ hasText: `重温党章${run}` })
      .waitFor();
    await page.locator('.ant-tabs-tab', { hasText: '未通过' }).click();
    await rows('note-table')
      .filter({ hasText: `第二篇心得${run}` })
      .waitFor();
    expect(await page.locator('[data-testid=note-table]').innerText()).not.toMatch(/分钟|秒/);
  });

  test('学习完成情况: a branch’s members × required materials, ✓ for done and — for not done, no minutes anywhere', async () => {
    // The learner completes the township's required video (no minimum time) through the API.
    const done = await study(videoMaterial.id);
    expect(done.completed).toBe(true);

    await goTo('学习完成情况', '/study/completion');
    // Before any org is picked the screen already shows the county's branches (issue #20: it was empty).
    await page.locator('[data-testid=completion-branches]').waitFor();
    // A township: every branch of it, done / not done, as the API counts them; 查看 drills down.
    await pickInTree('completion-org', township);
    const overview = await api<StudyBranchCompletionResponse>(server, adminToken, `/study/completion/branches?orgId=${township.id}`);
    expect(overview.branches.length).toBeGreaterThan(1);
    const mine = overview.branches.find((b) => b.orgId === branch.id)!;
    expect(mine.materials).toBe(2);
    await waitUntil(async () => (await rows('completion-branches').count()) === Math.min(overview.branches.length, 50), 'a row per branch');
    for (const b of overview.branches.slice(0, 50)) {
      await expect(page.locator(`[data-testid=branch-done-${b.orgId}]`).innerText()).resolves.toBe(
        b.materials ? `${b.membersDone} 人` : '—',
      );
      if (b.materials)
        await expect(page.locator(`[data-testid=branch-not-done-${b.orgId}]`).innerText()).resolves.toBe(`${b.members - b.membersDone} 人`);
    }
    await page.locator(`[data-testid=branch-open-${branch.id}]`).click();
    await page.locator('[data-testid=completion-table]').waitFor();

    const expected = await api<StudyCompletionResponse>(server, adminToken, `/study/completion?orgId=${branch.id}`);
    // The required materials that apply to the branch: the county's 党章 and the township's video (not the optional ones).
    expect(expected.materials.map((m) => m.id).sort()).toEqual([charter.id, videoMaterial.id].sort());
    for (const m of expected.materials)
      await page.locator(`[data-testid=completion-table] thead [data-testid=completion-material-${m.id}]`).waitFor();
    await expect(page.locator('[data-testid=completion-table] thead').innerText()).resolves.not.toContain(HISTORY_QUIZ);
    await waitUntil(async () => (await rows('completion-table').count()) === Math.min(expected.members.length, 50), 'a row per member');
    const names = await rows('completion-table').locator('td:first-child').allInnerTexts();
    expect(names).toEqual(expected.members.slice(0, 50).map((m) => m.name));
    expect(expected.members.map((m) => m.memberId)).toEqual(expect.arrayContaining([learner.id, idle.id]));

    const cell = (memberId: string, materialId: string) => page.locator(`[data-testid=cell-${memberId}-${materialId}]`).innerText();
    await expect(cell(learner.id, videoMaterial.id)).resolves.toBe('✓');
    await expect(cell(learner.id, charter.id)).resolves.toBe('—');
    await expect(cell(idle.id, videoMaterial.id)).resolves.toBe('—');
    await expect(page.locator(`[data-testid=member-done-${learner.id}]`).innerText()).resolves.toBe('1/2');
    const n = expected.members.length;
    await expect(page.locator(`[data-testid=material-done-${videoMaterial.id}]`).innerText()).resolves.toBe(`1/${n}`);
    await expect(page.locator(`[data-testid=material-done-${charter.id}]`).innerText()).resolves.toBe(`0/${n}`);
    // Every cell of the page agrees with the API.
    const ticks = await page.locator('[data-testid=completion-table] tbody [data-testid^=cell-]').allInnerTexts();
    expect(ticks.filter((t) => t === '✓')).toHaveLength(expected.members.slice(0, 50).reduce((s, m) => s + m.done.length, 0));

    // Reading time decides completion only: no minutes or seconds of study on this screen.
    const text = await page.locator('body').innerText();
    expect(text).not.toMatch(/分钟|秒|小时|时长/);
    expect(text).not.toMatch(/\d+\s*(min|s)\b/);
  });
});
