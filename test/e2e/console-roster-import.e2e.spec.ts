/**
 * The roster import in the console (issues #19, #20), in Chromium against the real server (a copy
 * of the demo county of its own: it adds 3,000 members): a 3,000-row file with two bad rows shows
 * a progress bar while the server streams rows done / total, then the counts; 下载错误行 saves the
 * two rejected rows in the roster's columns with 错误原因 last, and that file, fixed, imports with
 * no errors. The org is written as the export writes it (the full path).
 * Build first: `npm run build -w @djzy/shared -w @djzy/server -w @djzy/admin`.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { IMPORT_ERROR_COLUMN, ROSTER_COLUMNS, idCardCheckChar, type ImportStreamLine, type OrgNode } from '@djzy/shared';
import { adminLogin, api, consoleMenu, consoleSignIn, flatten } from '../support/e2e';
import { e2eSuite } from '../support/suite';

jest.setTimeout(180_000);

const HEADERS: string[] = ROSTER_COLUMNS.map((c) => c.header);

/** A valid ID number, distinct for each n (region 139…, unlike the demo county's). */
function idCard(n: number): string {
  const first17 = `139${String(n).padStart(3, '0').slice(-3)}1975${String(1 + (n % 12)).padStart(2, '0')}${String(1 + (n % 28)).padStart(2, '0')}${String(
    Math.floor(n / 1000),
  )
    .padStart(3, '0')
    .slice(-3)}`;
  return first17 + idCardCheckChar(first17);
}

describe('web console: roster import with progress and 下载错误行', () => {
  const { server, page } = e2eSuite({ client: 'console', database: { own: 'adds 3,000 members to the roster' } });
  let workDir: string;
  let orgPath: string;
  const run = Date.now() % 100_000;

  beforeAll(async () => {
    workDir = mkdtempSync(path.join(tmpdir(), 'djzy-import-'));
    const token = (await adminLogin(server)).token;
    const all = flatten(await api<OrgNode[]>(server, token, '/orgs'));
    const branch = all.find((o) => o.kind === 'branch')!;
    const byId = new Map(all.map((o) => [o.id, o]));
    const chain: string[] = [];
    for (let o: OrgNode | undefined = branch; o; o = o.parentId ? byId.get(o.parentId) : undefined) chain.unshift(o.name);
    orgPath = chain.join('/');
    await consoleSignIn(page, server);
  });
  afterAll(() => rmSync(workDir, { recursive: true, force: true }));

  test('a big file shows its progress, then the counts; the bad rows download, and import once fixed', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('名册');
    ws.addRow(HEADERS);
    for (let i = 0; i < 3000; i++) ws.addRow([`导入${run}-${i}`, '', idCard(i + 1), '', orgPath, '正式党员', '1998.07', '', '否']);
    ws.addRow([`坏行${run}甲`, '男', idCard(5001), '', '没有这个党支部', '正式党员', '1998年7月', '高中', '是']);
    ws.addRow([`坏行${run}乙`, '女', idCard(5002), '', orgPath, '党员', '', '', '']);
    const file = path.join(workDir, '名册.xlsx');
    await wb.xlsx.writeFile(file);

    await consoleMenu(page, '组织与党员', '/roster');
    await page.locator('button', { hasText: '导入名册' }).click();
    const dialog = page.locator('.ant-modal', { hasText: '导入名册' });
    const answer = page.waitForResponse((r) => r.request().method() === 'POST' && new URL(r.url()).pathname.endsWith('/members/import'));
    await dialog.locator('input[type=file]').setInputFiles(file);
    // The bar is up while the server works.
    await dialog.locator('[data-testid=import-progress] .ant-progress').waitFor();
    if (process.env.SHOT_DIR) await page.screenshot({ path: `${process.env.SHOT_DIR}/import-progress.png` });
    const res = await answer;
    expect(res.request().headers()['accept']).toBe('application/x-ndjson');
    expect(res.headers()['content-type']).toMatch(/application\/x-ndjson/);
    await dialog.locator('[data-testid=import-result]').waitFor({ timeout: 60_000 });
    const lines = (await res.text())
      .split('\n')
      .filter(Boolean)
      .map((l) => JSON.parse(l) as ImportStreamLine);
    const progress = lines.filter((l) => l.type === 'progress');
    expect(progress.length).toBeGreaterThanOrEqual(2);
    expect(progress.every((l) => l.type === 'progress' && l.total === 3002)).toBe(true);
    await expect(dialog.locator('[data-testid=import-progress]').count()).resolves.toBe(0);
    await expect(dialog.locator('[data-testid=import-created]').getAttribute('data-value')).resolves.toBe('3000');
    await expect(dialog.locator('[data-testid=import-failed]').getAttribute('data-value')).resolves.toBe('2');
    if (process.env.SHOT_DIR) await page.screenshot({ path: `${process.env.SHOT_DIR}/import-result.png` });

    // 下载错误行: the two rows as they were, in the roster's columns, and why.
    const download = page.waitForEvent('download');
    await dialog.locator('[data-testid=import-download-errors]').click();
    const saved = await download;
    expect(saved.suggestedFilename()).toMatch(/^名册-错误行-\d{4}-\d{2}-\d{2}\.xlsx$/);
    const errorsFile = path.join(workDir, saved.suggestedFilename());
    await saved.saveAs(errorsFile);
    const back = new ExcelJS.Workbook();
    await back.xlsx.load(readFileSync(errorsFile) as unknown as ArrayBuffer);
    const sheet = back.worksheets[0];
    expect((sheet.getRow(1).values as string[]).slice(1)).toEqual([...HEADERS, IMPORT_ERROR_COLUMN]);
    expect(sheet.rowCount).toBe(3);
    const cells = (r: number) => (sheet.getRow(r).values as unknown[]).slice(1).map((v) => (v == null ? '' : String(v)));
    expect(cells(2).slice(0, 9)).toEqual([`坏行${run}甲`, '男', idCard(5001), '', '没有这个党支部', '正式党员', '1998年7月', '高中', '是']);
    expect(cells(2)[9]).toMatch(/^第 3002 行：.*没有这个党支部/);
    expect(cells(3)[0]).toBe(`坏行${run}乙`);
    expect(cells(3)[9]).toMatch(/^第 3003 行：.*人员类别「党员」/);

    // Fixed where 错误原因 says, the same file imports with no errors.
    sheet.getRow(2).getCell(5).value = orgPath;
    sheet.getRow(3).getCell(6).value = '正式党员';
    const fixed = path.join(workDir, '错误行-已改.xlsx');
    await back.xlsx.writeFile(fixed);
    await dialog.locator('input[type=file]').setInputFiles(fixed);
    await dialog.locator('[data-testid=import-created][data-value="2"]').waitFor();
    await expect(dialog.locator('[data-testid=import-failed]').getAttribute('data-value')).resolves.toBe('0');
    await expect(dialog.locator('[data-testid=import-download-errors]').count()).resolves.toBe(0);
  });

  test('导出 saves the roster named after the org and the day, each org as its full path', async () => {
    await page.keyboard.press('Escape');
    await page.locator('.ant-modal', { hasText: '导入名册' }).waitFor({ state: 'detached' });
    const download = page.waitForEvent('download');
    await page.locator('[data-testid=roster-export]').click();
    const saved = await download;
    const county = orgPath.split('/')[0];
    expect(saved.suggestedFilename()).toMatch(new RegExp(`^党员名册-${county}-\\d{4}-\\d{2}-\\d{2}\\.xlsx$`));
    const file = path.join(workDir, 'export.xlsx');
    await saved.saveAs(file);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(readFileSync(file) as unknown as ArrayBuffer);
    const ws = wb.worksheets[0];
    const org = HEADERS.indexOf('所在组织') + 1;
    let found = false;
    ws.eachRow((row, n) => {
      if (n > 1 && row.getCell(1).value === `导入${run}-0`) found = row.getCell(org).value === orgPath;
    });
    expect(found).toBe(true);
  });
});
