/**
 * 述职评议测评 in the mini-program's H5 build, in Chromium at phone size against the real server: the
 * county admin opens voting on this year's planned session of the demo county and issues slips
 * through the API; a phone opens a slip's link without signing in, grades every reporter with the
 * large buttons, submits → 已提交; the same slip again says it was used; after close the result
 * counts the one ballot.
 * Build first: `npm run build -w @djzy/shared -w @djzy/server && npm run build:h5 -w @djzy/miniapp`.
 */
import type { IssueBallotTokensResponse, ReviewResultsView, ReviewSessionView } from '@djzy/shared';
import { adminLogin, api } from '../support/e2e';
import { e2eSuite } from '../support/suite';

jest.setTimeout(120_000);

describe('mini-program H5 build: 述职评议测评', () => {
  const { server, page, pageErrors } = e2eSuite({
    client: 'h5',
    database: { own: 'it opens voting on this year’s planned 述职评议 (console-review reads it)' },
  });
  let admin: string;
  let session: ReviewSessionView;
  let tokens: string[];
  const post = <T>(path: string, body: object = {}) => api<T>(server, admin, path, { method: 'POST', body: JSON.stringify(body) });

  beforeAll(async () => {
    admin = (await adminLogin(server)).token;
    const sessions = await api<ReviewSessionView[]>(server, admin, '/review-sessions');
    session = sessions.find((s) => s.status === 'planned')!;
    expect(session).toBeTruthy();
    await post(`/review-sessions/${session.id}/reports-due`);
    tokens = (await post<IssueBallotTokensResponse>(`/review-sessions/${session.id}/tokens`, { count: 2 })).tokens;
    await post(`/review-sessions/${session.id}/open`);
  });

  test('a slip opens the ballot without signing in and lists every reporter with four grade buttons', async () => {
    await page.goto(`${server.baseUrl}/h5/#/pages/ballot/index?t=${tokens[0]}`);
    await page.locator('#ballot-reporter-0').waitFor({ timeout: 30_000 });
    expect(page.url()).toContain('/pages/ballot/index');
    expect((await page.locator('#ballot-title').textContent()) ?? '').toContain('述职评议会');
    for (const [i, r] of session.reporters.entries()) {
      const card = page.locator(`#ballot-reporter-${i}`);
      expect((await card.textContent()) ?? '').toContain(r.name);
      for (const label of ['好', '较好', '一般', '差']) expect((await card.textContent()) ?? '').toContain(label);
    }
  });

  test('grading every reporter and submitting once → 已提交', async () => {
    await page.locator('#ballot-submit').click();
    await page.locator('#ballot-error').waitFor();
    for (const i of session.reporters.keys()) await page.locator(`#grade-${i}-${i % 2 ? 'fairly_good' : 'good'}`).click();
    await page.waitForFunction(
      (n) => document.querySelector('#ballot-count')?.textContent?.includes(`${n} / ${n}`),
      session.reporters.length,
    );
    await page.locator('#ballot-submit').click();
    await page.locator('#ballot-done').waitFor({ timeout: 15_000 });
    expect((await page.locator('#ballot-done').textContent())?.trim()).toBe('已提交');
  });

  test('the same slip again says it was used', async () => {
    await page.goto(`${server.baseUrl}/h5/#/pages/ballot/index?t=${tokens[0]}&again=1`);
    await page.locator('#ballot-used').waitFor({ timeout: 30_000 });
    expect((await page.locator('#ballot-used').textContent()) ?? '').toContain('已经投过');
  });

  test('after close the results count the one ballot; the unused slip says voting has ended', async () => {
    await post(`/review-sessions/${session.id}/close`);
    const results = await api<ReviewResultsView>(server, admin, `/review-sessions/${session.id}/results`);
    expect(results.phoneBallots).toBe(1);
    expect(results.rows[0].tally.good).toBe(1);
    await page.goto(`${server.baseUrl}/h5/#/pages/ballot/index?t=${tokens[1]}`);
    await page.locator('#ballot-closed').waitFor({ timeout: 30_000 });
    expect((await page.locator('#ballot-closed').textContent()) ?? '').toContain('测评已经结束');
  });

  test('the page raised no script errors', () => {
    expect(pageErrors).toEqual([]);
  });
});
