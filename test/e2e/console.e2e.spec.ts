/**
 * The web console in Chromium against the real server (which serves admin/dist at /console/):
 * sign-in, the org tree, a roster import with a bad row, search with masked phones, and reveal.
 * Build first: `npm run build -w @djzy/shared -w @djzy/server -w @djzy/admin`.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import {
  ROSTER_COLUMNS,
  idCardCheckChar,
  maskPhone,
  type ImportResult,
  type MemberSummary,
  type OrgNode,
  type Page as ListPage,
} from '@djzy/shared';
import { adminLogin, api, flatten, waitUntil } from '../support/e2e';
import { DEMO_ADMIN } from '../support/server';
import { e2eSuite } from '../support/suite';

jest.setTimeout(120_000);

const SEARCH_PLACEHOLDER = '姓名，或完整手机号/身份证号';

/** A valid 18-digit ID number (GB 11643 check digit) unique to this run. */
function validIdCard(seq: number): string {
  const first17 = `110101198${seq % 10}0${(seq % 9) + 1}1${seq % 10}${String(100 + (seq % 900)).padStart(3, '0')}`;
  return first17 + idCardCheckChar(first17);
}

/** The first 17 digits of a valid ID with a deliberately wrong check character. */
function badIdCard(seq: number): string {
  const good = validIdCard(seq);
  const wrong = good[17] === '0' ? '1' : '0';
  return good.slice(0, 17) + wrong;
}

describe('web console', () => {
  // Imports members of its own (names unique to the run) and reads the tree: the shared server.
  const { server, page } = e2eSuite({ client: 'console', database: 'shared' });
  let adminToken: string;
  let adminName: string;
  let orgs: OrgNode[];
  let workDir: string;
  let rosterFile: string;
  const run = Date.now() % 100_000;
  // Distinct names so searching finds exactly the imported people, whatever the demo seed holds.
  const good = [
    { name: `导入测试甲${run}`, idCard: validIdCard(run), phone: `139${String(run).padStart(8, '0')}` },
    { name: `导入测试乙${run}`, idCard: validIdCard(run + 1), phone: `158${String(run + 1).padStart(8, '0')}` },
  ];
  const bad = { name: `导入测试丙${run}`, idCard: badIdCard(run + 2), phone: `137${String(run + 2).padStart(8, '0')}` };
  let targetOrg: OrgNode;

  beforeAll(async () => {
    const login = await adminLogin(server);
    adminToken = login.token;
    adminName = login.user.name;
    orgs = await api<OrgNode[]>(server, adminToken, '/orgs');

    // The roster names its org by name: take a branch whose name is unique in the tree.
    const all = flatten(orgs);
    const unique = (n: OrgNode) => all.filter((o) => o.name === n.name).length === 1;
    const branch = all.find((o) => o.kind === 'branch' && unique(o));
    if (!branch) throw new Error(`no uniquely named branch in the demo tree: ${all.map((o) => o.name).join(', ')}`);
    targetOrg = branch;

    workDir = mkdtempSync(path.join(tmpdir(), 'djzy-console-'));
    rosterFile = path.join(workDir, '党员名册.xlsx');
    const book = new ExcelJS.Workbook();
    const sheet = book.addWorksheet('党员名册');
    sheet.addRow(ROSTER_COLUMNS.map((c) => c.header));
    const row = (p: { name: string; idCard: string; phone: string }, gender: string) => [
      p.name,
      gender,
      p.idCard,
      p.phone,
      targetOrg.name,
      '正式党员',
      '2015-07-01',
      '高中',
      '否',
    ];
    sheet.addRow(row(good[0], '男')); // sheet row 2
    sheet.addRow(row(bad, '女')); // sheet row 3: wrong ID check digit
    sheet.addRow(row(good[1], '女')); // sheet row 4
    await book.xlsx.writeFile(rosterFile);
  });

  afterAll(() => {
    if (workDir) rmSync(workDir, { recursive: true, force: true });
  });

  test('the console is served under /console/ and sends a visitor to the login screen', async () => {
    await page.goto(`${server.baseUrl}/console/`);
    await page.waitForURL(/\/console\/login$/);
    await page.locator('#login-username').waitFor();
    expect(await page.title()).toContain('党建智慧云');
  });

  test('a wrong password shows 用户名或密码错误 and stays on the login screen', async () => {
    await page.fill('#login-username', DEMO_ADMIN.username);
    await page.fill('#login-password', 'not-the-password-1');
    await page.click('button[type=submit]');
    await expect(page.locator('[data-testid=login-error]').innerText()).resolves.toContain('用户名或密码错误');
    expect(page.url()).toMatch(/\/console\/login$/);
  });

  test('the admin signs in and sees their name, the county and its townships', async () => {
    await page.fill('#login-password', DEMO_ADMIN.password);
    await page.click('button[type=submit]');
    // The console opens on 党建总览; the org tree is under 组织与党员.
    await page.waitForURL(/\/console\/report\/overview$/);
    await expect(page.locator('[data-testid=current-user]').innerText()).resolves.toContain(adminName);
    await page.locator('.ant-menu-item', { hasText: '组织与党员' }).click();
    await page.waitForURL(/\/console\/roster$/);

    const county = orgs.find((o) => o.kind === 'county') ?? orgs[0];
    const townships = flatten(orgs).filter((o) => o.kind === 'township');
    expect(townships.length).toBeGreaterThan(0);
    const tree = page.locator('[data-testid=org-tree]');
    await tree.locator(`[data-testid="org-${county.id}"]`).waitFor();
    const text = await tree.innerText();
    for (const org of [county, ...townships]) expect(text).toContain(org.name);
    expect(text).toContain('县委');
    expect(text).toContain('乡镇党委');
  });

  test('importing a roster creates the good rows and shows the bad row with its number', async () => {
    await page.locator('button', { hasText: '导入名册' }).click();
    const dialog = page.locator('.ant-modal', { hasText: '导入名册' });
    await dialog.locator('input[type=file]').setInputFiles(rosterFile);
    await dialog.locator('[data-testid=import-result]').waitFor();

    await expect(dialog.locator('[data-testid=import-created]').getAttribute('data-value')).resolves.toBe('2');
    await expect(dialog.locator('[data-testid=import-failed]').getAttribute('data-value')).resolves.toBe('1');
    const errorRows = dialog.locator('[data-testid=import-errors] tbody tr.ant-table-row');
    await expect(errorRows.count()).resolves.toBe(1);
    const shown = await errorRows.first().innerText();
    expect(shown).toContain('第 3 行');

    // Re-importing the same file through the API must change nothing and report the same bad
    // row; its message is the one the console must have shown, word for word.
    const form = new FormData();
    form.append('file', new Blob([readFileSync(rosterFile)]), '党员名册.xlsx');
    const again = await api<ImportResult>(server, adminToken, '/members/import', { method: 'POST', body: form });
    expect(again.created).toBe(0);
    expect(again.updated).toBe(0);
    expect(again.errors).toHaveLength(1);
    expect(again.errors[0].row).toBe(3);
    expect(again.errors[0].message.length).toBeGreaterThan(0);
    expect(shown).toContain(again.errors[0].message);

    // The good rows really are on the roster, in the named org; the bad one is not.
    const byName = (name: string) =>
      api<ListPage<MemberSummary>>(server, adminToken, `/members?q=${encodeURIComponent(name)}&pageSize=100`);
    for (const g of good) {
      const found = await byName(g.name);
      expect(found.items.map((m) => [m.name, m.orgId])).toEqual([[g.name, targetOrg.id]]);
    }
    await expect(byName(bad.name).then((p) => p.total)).resolves.toBe(0);

    await dialog.locator('.ant-modal-footer button').click();
    await dialog.waitFor({ state: 'hidden' });
  });

  test('searching by name finds the imported member with a masked phone, and reveal shows it in full', async () => {
    const member = good[0];
    await page.getByPlaceholder(SEARCH_PLACEHOLDER).fill(member.name);
    await page.getByPlaceholder(SEARCH_PLACEHOLDER).press('Enter');
    const rows = page.locator('.ant-table-tbody tr.ant-table-row');
    const row = rows.filter({ hasText: member.name });
    await row.waitFor();
    // The previous page may still be on screen for a moment: wait for the search's answer.
    await waitUntil(async () => (await rows.count()) === 1, 'the search to list exactly one member');
    await expect(row.locator('[data-testid=member-phone]').innerText()).resolves.toBe(maskPhone(member.phone));
    const masked = await row.innerText();
    expect(masked).not.toContain(member.phone);
    expect(masked).not.toContain(member.idCard);
    expect(masked).toContain(targetOrg.name);

    await page.getByRole('switch', { name: '显示完整信息' }).click();
    await row.locator('[data-testid=member-phone]', { hasText: member.phone }).waitFor();
    await expect(row.locator('[data-testid=member-idcard]').innerText()).resolves.toBe(member.idCard);

    // And back: switching off masks again.
    await page.getByRole('switch', { name: '显示完整信息' }).click();
    await row.locator('[data-testid=member-phone]', { hasText: maskPhone(member.phone)! }).waitFor();
  });
});
