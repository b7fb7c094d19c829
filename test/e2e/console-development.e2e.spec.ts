/**
 * 发展党员 in the console, in Chromium against the real server (the seeded demo county): a case
 * entered through the API shows on the board in red (its talk is overdue); entering step 3 before
 * step 2 is refused with the rule's Chinese message and nothing written; step 2 is then entered
 * and shows in the timeline; the printable 材料清单 lists it.
 * Build first: `npm run build -w @djzy/shared -w @djzy/server -w @djzy/admin`.
 */
import { addDays, idCardCheckChar, toLocalDate, type DevelopmentCaseView, type OrgNode } from '@djzy/shared';
import { adminLogin, api, call, consoleMenu, consolePickOrg, consoleSelect, consoleSignIn, firstBranchOf, waitUntil } from '../support/e2e';
import { e2eSuite } from '../support/suite';

jest.setTimeout(120_000);

describe('web console: 发展党员', () => {
  const { server, page } = e2eSuite({
    client: 'console',
    database: { own: 'it adds 发展党员 cases to 城关镇, which report figures 16 and 17 count' },
  });
  const run = Date.now() % 100_000;
  const name = `测试申请人${run}`;
  let token: string;
  let branch: OrgNode;
  let caseId: string;

  beforeAll(async () => {
    token = (await adminLogin(server)).token;
    branch = firstBranchOf(await api<OrgNode[]>(server, token, '/orgs'), '城关镇');
    const first17 = `110105199203${String(10 + (run % 18)).padStart(2, '0')}${String(100 + (run % 800)).padStart(3, '0')}`;
    const idNumber = first17 + idCardCheckChar(first17);
    const birthDate = `${first17.slice(6, 10)}-${first17.slice(10, 12)}-${first17.slice(12, 14)}`;
    const created = await call<DevelopmentCaseView>(server, token, '/development-cases', {
      method: 'POST',
      body: JSON.stringify({ branchOrgId: branch.id, name, idNumber, birthDate, appliedOn: addDays(toLocalDate(new Date()), -40) }),
    });
    expect(created.status).toBe(201);
    caseId = created.body.id;
    await consoleSignIn(page, server);
  });

  test('the board shows the case in red; a step out of order is refused with its rule; the right one is recorded', async () => {
    await consoleMenu(page, '发展党员', '/development');
    await consolePickOrg(page, 'dev-org', branch);
    const tag = page.locator(`[data-testid="dev-case-${name}"]`);
    await tag.waitFor();
    expect(await tag.getAttribute('class')).toContain('red');
    await tag.click();
    const drawer = page.locator('[data-testid=dev-case-drawer]');
    await drawer.locator('[data-testid=dev-warning]').first().waitFor();
    expect(await drawer.locator('[data-testid=dev-warning]').first().innerText()).toContain('一个月内应派人谈话');
    expect(await drawer.locator('[data-testid=dev-next]').innerText()).toContain('第2步 党组织派人谈话');

    await drawer.locator('[data-testid=dev-enter-step]').click();
    const form = page.locator('[data-testid=dev-step-drawer]');
    await form.waitFor();
    await consoleSelect(page, form.locator('[data-testid=dev-step-select]'), '第3步 推荐和确定入党积极分子');
    let answer = page.waitForResponse((r) => r.request().method() === 'POST' && new URL(r.url()).pathname.endsWith(`/development-cases/${caseId}/steps`));
    await page.click('[data-testid=dev-step-save]');
    expect((await answer).status()).toBe(400);
    const errors = form.locator('[data-testid=dev-step-errors]');
    await errors.waitFor();
    expect(await errors.innerText()).toContain('第3步「推荐和确定入党积极分子」须在第2步「党组织派人谈话」之后');
    expect((await api<DevelopmentCaseView>(server, token, `/development-cases/${caseId}`)).steps).toHaveLength(1);

    const earliest = addDays(toLocalDate(new Date()), -40);
    await consoleSelect(page, form.locator('[data-testid=dev-step-select]'), `第2步 党组织派人谈话（最早 ${earliest}）`);
    answer = page.waitForResponse((r) => r.request().method() === 'POST' && new URL(r.url()).pathname.endsWith(`/development-cases/${caseId}/steps`));
    await page.click('[data-testid=dev-step-save]');
    expect((await answer).status()).toBe(201);
    await form.waitFor({ state: 'detached' });
    await waitUntil(async () => (await drawer.locator('[data-testid=dev-timeline]').innerText()).includes('第2步 党组织派人谈话'), 'step 2 in the timeline');
    const saved = await api<DevelopmentCaseView>(server, token, `/development-cases/${caseId}`);
    expect(saved.steps.map((s) => [s.step, s.occurredOn])).toEqual([
      [1, earliest],
      [2, toLocalDate(new Date())],
    ]);

    await drawer.locator('[data-testid=dev-print]').click();
    await page.waitForURL(/\/console\/development\/cases\/[0-9a-z]+\/print$/);
    const sheet = page.locator('[data-testid=dev-checklist]');
    await sheet.waitFor();
    const text = await sheet.innerText();
    expect(text).toContain('发展党员材料清单');
    expect(text).toContain(name);
    expect(text).toContain('谈话记录');
  });
});
