/**
 * 发展党员 in the console, in Chromium against the real server (the seeded demo county): a case
 * entered through the API shows on the board in red (its talk is overdue); entering step 3 before
 * step 2 is refused with the rule's Chinese message and nothing written; step 2 is then entered
 * and shows in the timeline; the printable 材料清单 lists it.
 * Build first: `npm run build -w @djzy/shared -w @djzy/server -w @djzy/admin`.
 */
import ExcelJS from 'exceljs';
import {
  DEVELOPMENT_IMPORT_COLUMNS,
  addDays,
  idCardCheckChar,
  toLocalDate,
  type DevelopmentCaseSummary,
  type DevelopmentCaseView,
  type MemberSummary,
  type OrgNode,
  type Page,
} from '@djzy/shared';
import {
  adminLogin,
  api,
  call,
  consoleMenu,
  consolePickOrg,
  consoleSelect,
  consoleSignIn,
  firstBranchOf,
  flatten,
  waitUntil,
} from '../support/e2e';
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
    let answer = page.waitForResponse(
      (r) => r.request().method() === 'POST' && new URL(r.url()).pathname.endsWith(`/development-cases/${caseId}/steps`),
    );
    await page.click('[data-testid=dev-step-save]');
    expect((await answer).status()).toBe(400);
    const errors = form.locator('[data-testid=dev-step-errors]');
    await errors.waitFor();
    expect(await errors.innerText()).toContain('第3步「推荐和确定入党积极分子」须在第2步「党组织派人谈话」之后');
    expect((await api<DevelopmentCaseView>(server, token, `/development-cases/${caseId}`)).steps).toHaveLength(1);

    const earliest = addDays(toLocalDate(new Date()), -40);
    await consoleSelect(page, form.locator('[data-testid=dev-step-select]'), `第2步 党组织派人谈话（最早 ${earliest}）`);
    answer = page.waitForResponse(
      (r) => r.request().method() === 'POST' && new URL(r.url()).pathname.endsWith(`/development-cases/${caseId}/steps`),
    );
    await page.click('[data-testid=dev-step-save]');
    expect((await answer).status()).toBe(201);
    await form.waitFor({ state: 'detached' });
    await waitUntil(
      async () => (await drawer.locator('[data-testid=dev-timeline]').innerText()).includes('第2步 党组织派人谈话'),
      'step 2 in the timeline',
    );
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

  test('an Excel import with a row breaking the one-year rule writes nothing and names the row', async () => {
    await page.goto(`${server.baseUrl}/console/development`);
    await consolePickOrg(page, 'dev-org', branch);
    const id = (birth: string) => {
      const first17 = `110105${birth.replace(/-/g, '')}${String(200 + (run % 700)).padStart(3, '0')}`;
      return first17 + idCardCheckChar(first17);
    };
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('发展党员');
    ws.columns = DEVELOPMENT_IMPORT_COLUMNS.map((c) => ({ header: c.header, key: c.key }));
    // A 培养联系人: a full member of the branch whose name is unique in the township.
    const township = flatten(await api<OrgNode[]>(server, token, '/orgs')).find((o) => o.kind === 'township' && o.name.includes('城关镇'))!;
    const full = (await api<Page<MemberSummary>>(server, token, `/members?orgId=${branch.id}&status=full&pageSize=50`)).items;
    let contact = '';
    for (const m of full) {
      const same = await api<Page<MemberSummary>>(
        server,
        token,
        `/members?orgId=${township.id}&q=${encodeURIComponent(m.name)}&pageSize=50`,
      );
      if (same.items.filter((x) => x.name === m.name).length === 1) {
        contact = m.name;
        break;
      }
    }
    expect(contact).not.toBe('');
    const base = {
      branch: branch.name,
      contacts: contact,
      appliedOn: '2023-03-01',
      s2: '2023-03-20',
      s3: '2023-09-01',
      s4: '2023-09-03',
      s5: '2023-09-03',
      s6: '2024-03-01',
    };
    ws.addRow({ ...base, name: `导入甲${run}`, idNumber: id('1990-02-03'), birthDate: '1990-02-03', s7: '2024-09-01' });
    ws.addRow({ ...base, name: `导入乙${run}`, idNumber: id('1991-02-03'), birthDate: '1991-02-03', s7: '2024-08-31' });
    const file = Buffer.from(await wb.xlsx.writeBuffer());
    const before = (await api<DevelopmentCaseSummary[]>(server, token, `/development-cases?orgId=${branch.id}`)).length;

    await page.click('[data-testid=dev-import]');
    const dialog = page.locator('.ant-modal', { hasText: '导入发展党员档案' });
    await dialog.waitFor();
    const answer = page.waitForResponse(
      (r) => r.request().method() === 'POST' && new URL(r.url()).pathname.endsWith('/development-cases/import'),
    );
    await dialog.locator('input[type=file]').setInputFiles({
      name: '发展党员.xlsx',
      mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      buffer: file,
    });
    expect((await answer).status()).toBe(400);
    const errors = dialog.locator('[data-testid=dev-import-errors]');
    await errors.waitFor();
    expect(await errors.innerText()).toMatch(/第 3 行[\s\S]*满一年后才能确定为发展对象/);
    expect((await api<DevelopmentCaseSummary[]>(server, token, `/development-cases?orgId=${branch.id}`)).length).toBe(before);
    await dialog.locator('.ant-modal-close').click();
    await dialog.waitFor({ state: 'hidden' });

    // The plan and the working-day calendar the 公示 rule counts by.
    await page.click('[data-testid=dev-plan]');
    const plan = page.locator('[data-testid=dev-plan-drawer]');
    await plan.waitFor();
    await waitUntil(async () => (await plan.innerText()).includes('已经支部大会通过'), 'the plan to load');
    expect(await plan.innerText()).toContain('工作日历（节假日与调休）');
  });
});
