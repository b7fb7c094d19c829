/**
 * 述职评议 in the console, in Chromium against the real server: the county admin opens 述职考核 →
 * 述职评议, picks 城关镇's planned session, asks for the duty reports (pre-filled, one per
 * reporter), opens voting, prints the QR slips (a slip's link casts a ballot), enters a paper
 * tally with its witness, closes voting, sees the results (with the warning: few ballots came back)
 * and records the committee's grades with the meeting that decided. 百分制考核 shows the default
 * template's total.
 * Build first: `npm run build -w @djzy/shared -w @djzy/server -w @djzy/admin`.
 */
import type { ReviewResultsView, ReviewSessionView } from '@djzy/shared';
import { adminLogin, api, call, consoleSelect, consoleSignIn, waitUntil } from '../support/e2e';
import { e2eSuite } from '../support/suite';

jest.setTimeout(180_000);

describe('web console: 述职评议', () => {
  const { server, page } = e2eSuite({
    client: 'console',
    database: { own: 'it moves 城关镇’s planned 述职评议 through voting to the committee’s grades (h5-ballot opens another copy)' },
  });
  let adminToken: string;
  let session: ReviewSessionView;

  const status = () => page.locator('[data-testid=review-status]');
  /** An antd InputNumber by its data-testid (antd puts it on the input itself). */
  const numberInput = (id: string) => page.locator(`input[data-testid=${id}], [data-testid=${id}] input`).first();
  const move = async (testId: string, label: string) => {
    await page.locator(`[data-testid=${testId}]`).click();
    await waitUntil(async () => ((await status().textContent()) ?? '').includes(label), `status ${label}`);
  };

  beforeAll(async () => {
    adminToken = (await adminLogin(server)).token;
    const sessions = await api<ReviewSessionView[]>(server, adminToken, '/review-sessions');
    session = sessions.find((s) => s.status === 'planned' && s.organizerOrgName.includes('城关镇'))!;
    expect(session).toBeTruthy();
    await consoleSignIn(page, server);
  });

  test('述职考核 → 述职评议 lists the sessions; picking 城关镇’s planned one shows it', async () => {
    // The landing page (党建总览) is in 述职考核: its group is open already.
    const item = page.locator('.ant-menu-item', { hasText: '述职评议' });
    if (!(await item.isVisible())) await page.locator('.ant-menu-submenu-title', { hasText: '述职考核' }).click();
    await item.click();
    await page.waitForURL(/\/console\/report\/review$/);
    const row = page.locator('[data-testid=review-sessions] tr', { hasText: '城关镇' }).filter({ hasText: '已安排' });
    await row.first().click();
    await page.locator('[data-testid=review-detail]').waitFor();
    expect(await status().textContent()).toContain('已安排');
    await page.locator('.ant-tabs-tab', { hasText: '测评结果与等次' }).click();
    await page.locator('[data-testid=review-results-hidden]').waitFor();
  });

  test('通知提交述职报告 → a duty report per reporter; 开始测评 → 会议中', async () => {
    await move('review-move-reports-due', '待交述职报告');
    await page.locator('.ant-tabs-tab', { hasText: '述职报告' }).click();
    await waitUntil(
      async () => (await page.locator('[data-testid=review-reports] tbody tr.ant-table-row').count()) === session.reporters.length,
      'a report per reporter',
    );
    // A paper report typed in for the first reporter, submitted, then accepted.
    const first = page.locator('[data-testid=review-reports] tbody tr.ant-table-row').first();
    await first.locator('a', { hasText: '代为录入' }).click();
    await page.locator('[data-testid=report-body]').fill('一年来，村党支部认真落实“三会一课”制度……');
    await page.locator('[data-testid=report-submit]').click();
    await waitUntil(async () => ((await first.textContent()) ?? '').includes('已提交'), 'the report submitted');
    await first.locator('a', { hasText: '通过' }).click();
    await waitUntil(async () => ((await first.textContent()) ?? '').includes('已审核通过'), 'the report accepted');
    await move('review-move-open', '会议中');
  });

  test('测评票 print as QR slips; a slip’s link casts a ballot', async () => {
    await page.locator('[data-testid=review-tokens]').click();
    const count = numberInput('review-tokens-count');
    await count.fill('3');
    const popup = page.context().waitForEvent('page');
    await page.locator('[data-testid=review-tokens-ok]').click();
    const slips = await popup;
    await slips.locator('[data-testid=ballot-slip]').first().waitFor();
    expect(await slips.locator('[data-testid=ballot-slip]').count()).toBe(3);
    expect(await slips.locator('[data-testid=ballot-slip] canvas').count()).toBe(3);
    const url = (await slips.locator('[data-testid=ballot-slip]').first().getAttribute('data-url')) ?? '';
    expect(url).toContain('/h5/#/pages/ballot/index?t=');
    const token = decodeURIComponent(url.split('?t=')[1]);
    await slips.close();
    const cast = await call(server, null, '/ballots', {
      method: 'POST',
      body: JSON.stringify({ token, grades: session.reporters.map((r) => ({ reporterMemberId: r.memberId, grade: 'good' })) }),
    });
    expect(cast.status).toBe(201);
  });

  test('纸质票录入 with a witness', async () => {
    await page.locator('.ant-tabs-tab', { hasText: '纸质票录入' }).click();
    await numberInput('tally-papers').fill('1');
    await page.locator('[data-testid=tally-witness]').fill('镇纪委书记');
    await numberInput('tally-0-fairly_good').fill('1');
    const answer = page.waitForResponse((r) => r.request().method() === 'POST' && /paper-tallies$/.test(new URL(r.url()).pathname));
    await page.locator('[data-testid=tally-save]').click();
    expect((await answer).status()).toBe(201);
  });

  test('结束测评 → results with the warning; the committee’s grades with the meeting → 已评定', async () => {
    await move('review-move-close', '计票完成');
    await page.locator('.ant-tabs-tab', { hasText: '测评结果与等次' }).click();
    await page.locator('[data-testid=review-results]').waitFor();
    expect(await page.locator('[data-testid=review-valid]').textContent()).toContain('有效票 2 张');
    expect(await page.locator('[data-testid=review-warning]').textContent()).toContain('少于');
    for (const i of session.reporters.keys()) await consoleSelect(page, page.locator(`[data-testid=final-${i}]`), i === 0 ? '好' : '较好');
    await page.locator('[data-testid=rate-note]').fill('镇党委会 研究确定');
    await move('rate-save', '已评定');
    await page.locator('[data-testid=review-decision]').waitFor();
    const results = await api<ReviewResultsView>(server, adminToken, `/review-sessions/${session.id}/results`);
    expect(results.rows[0]).toMatchObject({ finalGrade: 'good' });
    expect(results.rows[0].tally.good).toBe(1);
    expect(results.rows[0].tally.fairly_good).toBe(1);
    expect(results.decisionNote).toBe('镇党委会 研究确定');
  });

  test('百分制考核 shows the township’s template with its total; an assessment starts from the records', async () => {
    await page.locator('.ant-menu-item', { hasText: '百分制考核' }).click();
    await page.waitForURL(/\/console\/report\/assessment$/);
    await page.locator('[data-testid=template-total]').waitFor();
    expect(await page.locator('[data-testid=template-total]').textContent()).toContain('合计 100 分');
    await page.locator('[data-testid=assessments]').waitFor();
    // The self-assessed secretary: the township's scores start from what the records give; saving → 已考评.
    const row = page.locator('[data-testid=assessments] tr.ant-table-row', { hasText: '已自评' }).first();
    await row.waitFor();
    await row.locator('a', { hasText: '打开' }).click();
    const drawer = page.locator('[data-testid=assessment-drawer]');
    await drawer.locator('text=按记录').first().waitFor();
    expect(await drawer.textContent()).toMatch(/支委会应开 \d+ 次/);
    await drawer.locator('[data-testid=assessment-assess]').click();
    await waitUntil(async () => ((await drawer.textContent()) ?? '').includes('已考评'), 'the assessment saved');
    expect(await drawer.textContent()).toContain('考评得分');
  });
});
