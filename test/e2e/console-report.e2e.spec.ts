/**
 * 述职考核 in the console, in Chromium against the real server: the demo admin lands on 党建总览;
 * 述职报告 of 城关镇 for this year (last year in a year's first days) shows the 30 figures (a
 * figure without a record kind yet shows — and why), a figure's drawer lists as many records as
 * the figure counts, and the Word and Excel files download with the session's token (zip files:
 * `PK`, with their content types).
 * 党建总览 of the county lists the townships in the server's order with nothing sortable, drills
 * down into 城关镇 (its branches) and goes back up by the breadcrumb and by the browser's 返回.
 * 城关镇's own admin starts at the township (no county above it) and sees another township's
 * report refused in place (the server's 404 message, no figures).
 * It only reads: the run's shared server.
 * Build first: `npm run build -w @djzy/shared -w @djzy/server -w @djzy/admin`.
 */
import { readFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { AnnualReport, OrgNode, ReportOverview } from '@djzy/shared';
import { adminLogin, api, call, consolePickOrg, consoleSelect, consoleSignIn, flatten, openDropdown, waitUntil } from '../support/e2e';
import { DEMO_ADMIN } from '../support/server';
import { e2eSuite } from '../support/suite';

jest.setTimeout(120_000);

describe('web console: 述职报告 and 党建总览', () => {
  const { server, page } = e2eSuite({ client: 'console', database: 'shared' });
  const year = new Date().getFullYear();
  let adminToken: string;
  let county: OrgNode;
  let township: OrgNode;
  let workDir: string;

  const figureRows = () => page.locator('[data-testid=report-figures] tbody tr.ant-table-row');
  const overviewRows = () => page.locator('[data-testid=overview-table] tbody tr.ant-table-row');
  const rowNames = () => overviewRows().evaluateAll((trs) => trs.map((tr) => tr.querySelector('td')?.textContent ?? ''));
  /** Waits until the overview's table lists exactly the rows of `expected`, in its order. */
  const showsRows = async (expected: ReportOverview) => {
    await waitUntil(
      async () => {
        const names = await rowNames();
        return names.length === expected.rows.length && expected.rows.every((r, i) => names[i].startsWith(r.orgName));
      },
      `the rows of ${expected.orgName}: ${expected.rows.map((r) => r.orgName).join('、')}`,
    );
  };

  beforeAll(async () => {
    adminToken = (await adminLogin(server)).token;
    const orgs = await api<OrgNode[]>(server, adminToken, '/orgs');
    county = orgs.find((o) => o.kind === 'county') ?? orgs[0];
    const found = flatten(orgs).find((o) => o.kind === 'township' && o.name.includes('城关镇'));
    if (!found) throw new Error('the demo county should have 城关镇');
    township = found;
    workDir = mkdtempSync(path.join(tmpdir(), 'djzy-console-report-'));
    await consoleSignIn(page, server);
  });

  afterAll(() => {
    if (workDir) rmSync(workDir, { recursive: true, force: true });
  });

  test('the console opens on 党建总览; the 述职考核 menu has 党建总览 and 述职报告', async () => {
    expect(page.url()).toMatch(/\/console\/report\/overview$/);
    await page.locator('[data-testid=overview-table]').waitFor();
    await page.locator('.ant-menu-item', { hasText: '述职报告' }).click();
    await page.waitForURL(/\/console\/report\/annual$/);
    await page.locator('.ant-menu-item', { hasText: '党建总览' }).click();
    await page.waitForURL(/\/console\/report\/overview$/);
  });

  test('述职报告 of 城关镇: 30 figures, a figure’s records, the Word and Excel files', async () => {
    // This year's report — last year's in the first days of a year, before the township has records.
    const reportOf = (y: number) => api<AnnualReport>(server, adminToken, `/reports/annual?orgId=${township.id}&year=${y}`);
    const hasCounted = (r: AnnualReport) => r.figures.some((f) => f.value !== null && f.value > 0 && f.sources.length === f.value);
    let report = await reportOf(year);
    if (!hasCounted(report)) report = await reportOf(year - 1);
    const shownYear = report.year;
    expect(report.figures).toHaveLength(30);

    await page.goto(`${server.baseUrl}/console/report/annual`);
    // Only this year and the four before: no future year to pick.
    await page.locator('[data-testid=report-year]').click();
    const years = await openDropdown(page).locator('.ant-select-item-option').allInnerTexts();
    expect(years).toEqual([0, 1, 2, 3, 4].map((i) => `${year - i} 年`));
    await page.keyboard.press('Escape');
    await consolePickOrg(page, 'report-org', township);
    await consoleSelect(page, 'report-year', `${shownYear} 年`);
    await page.locator('[data-testid=report-title]', { hasText: `${township.name}${shownYear}年度` }).waitFor();
    await waitUntil(async () => (await figureRows().count()) === 30, '30 figures');

    // Each row as the server counted it; a figure no record kind produces yet says so.
    for (const f of report.figures) {
      const value = (await page.locator(`[data-testid=figure-value-${f.no}]`).innerText()).trim();
      if (f.value === null) {
        expect(value).toMatch(/^—/);
        if (f.missing) expect(await page.locator(`[data-testid=figure-missing-${f.no}]`).innerText()).toBe(`暂无记录来源：${f.missing}`);
      } else expect(value).toBe(`${f.value} ${f.unit}`.trim());
    }

    // A counted figure with records (the demo year has them): its drawer lists that many.
    const counted = report.figures.find(
      (f) => f.value !== null && f.value > 0 && f.sources.length === f.value && !f.sources.some((s) => s.amountCents !== undefined),
    );
    if (!counted) throw new Error(`the demo 城关镇 should have a counted figure with records in ${shownYear}`);
    await page.locator(`[data-testid=figure-open-${counted.no}]`).click();
    const drawer = page.locator('[data-testid=figure-drawer]');
    await drawer.locator('.ant-drawer-title', { hasText: counted.label }).waitFor();
    expect(await drawer.locator('[data-testid=figure-drawer-count]').innerText()).toBe(String(counted.value));
    expect((await drawer.locator('[data-testid=figure-drawer-value]').innerText()).trim()).toBe(`${counted.value} ${counted.unit}`.trim());
    const shown = Math.min(counted.sources.length, 50);
    await waitUntil(
      async () => (await drawer.locator('[data-testid=figure-sources] tbody tr.ant-table-row').count()) === shown,
      `${shown} records listed`,
    );
    const names = await drawer.locator('[data-testid=figure-source-name]').allInnerTexts();
    expect(names).toEqual(counted.sources.slice(0, shown).map((s) => s.name));
    await drawer.locator('.ant-drawer-close').click();
    await drawer.waitFor({ state: 'hidden' });

    // The two files, fetched with the session's token and handed to the browser.
    for (const [button, ext, type] of [
      ['report-docx', 'docx', 'application/vnd.openxmlformats-officedocument.wordprocessingml.document'],
      ['report-xlsx', 'xlsx', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'],
    ] as const) {
      const answer = page.waitForResponse((r) => new URL(r.url()).pathname.endsWith(`/reports/annual.${ext}`));
      const [download] = await Promise.all([page.waitForEvent('download'), page.locator(`[data-testid=${button}]`).click()]);
      const res = await answer;
      expect(res.status()).toBe(200);
      expect(res.headers()['content-type']).toContain(type);
      expect(new URL(res.url()).searchParams.get('orgId')).toBe(township.id);
      expect(new URL(res.url()).searchParams.get('year')).toBe(String(shownYear));
      expect(download.suggestedFilename()).toContain(`${shownYear}年度`);
      expect(download.suggestedFilename()).toContain(township.name.replace(/党委$/, ''));
      expect(download.suggestedFilename().endsWith(`.${ext}`)).toBe(true);
      const file = path.join(workDir, `report.${ext}`);
      await download.saveAs(file);
      const bytes = readFileSync(file);
      expect(bytes.length).toBeGreaterThan(1000);
      expect(bytes.subarray(0, 2).toString('latin1')).toBe('PK');
    }
  });

  test('党建总览: the county’s townships, drill down into 城关镇 and back up', async () => {
    const top = await api<ReportOverview>(server, adminToken, `/reports/overview?orgId=${county.id}&year=${year}`);
    const down = await api<ReportOverview>(server, adminToken, `/reports/overview?orgId=${township.id}&year=${year}`);
    expect(top.rows.some((r) => r.orgId === township.id && r.hasChildren)).toBe(true);

    await page.goto(`${server.baseUrl}/console/report/overview`);
    await showsRows(top);
    for (const card of ['orglife', 'mobile', 'problems', 'feedback', 'study'])
      await page.locator(`[data-testid=overview-total-${card}]`).waitFor();
    expect(await page.locator('[data-testid=overview-total-problems]').innerText()).toContain(
      `${top.total.problems.open} / ${top.total.problems.overdue} / ${top.total.problems.closed}`,
    );
    await page.locator('[data-testid=overview-problems-chart] canvas').waitFor();
    await page.locator('[data-testid=overview-orglife-chart] canvas').waitFor();
    // Orgs are compared on records only: nothing to sort the table by.
    expect(await page.locator('[data-testid=overview-table] .ant-table-column-has-sorters').count()).toBe(0);

    // An org-life cell is held/required, red where a period went by without the meeting.
    const row = top.rows.find((r) => r.orgId === township.id)!;
    for (const c of row.orgLife) {
      const cell = page.locator(`[data-testid=overview-orglife-${township.id}-${c.kind}]`);
      expect(await cell.innerText()).toBe(`${c.held}/${c.required}`);
      const color = await cell.evaluate((el) => getComputedStyle(el).color);
      if (c.missed > 0) expect(color).toBe('rgb(207, 19, 34)');
      else expect(color).not.toBe('rgb(207, 19, 34)');
    }

    // Drill down: a click on the township's row shows its branches, under the county in the breadcrumb.
    await page.locator(`[data-testid=overview-table] tr[data-row-key="${township.id}"] td`).nth(1).click();
    await page.waitForURL(new RegExp(`orgId=${township.id}`));
    await showsRows(down);
    const trail = page.locator('[data-testid=overview-trail]');
    expect(await trail.innerText()).toContain(county.name);
    expect(await trail.innerText()).toContain(township.name);

    // Back up by the breadcrumb, then down again and back by the browser.
    await trail.locator(`a[data-testid="overview-trail-${county.id}"]`).click();
    await showsRows(top);
    await page.locator(`[data-testid=overview-drill-${township.id}]`).click();
    await showsRows(down);
    await page.goBack();
    await showsRows(top);
  });

  test('a township’s admin: 党建总览 starts at the township, and another township’s report is refused in place', async () => {
    const user = { username: 'zz_chengguan', password: DEMO_ADMIN.password };
    const token = (await adminLogin(server, user)).token;
    const own = await api<ReportOverview>(server, token, `/reports/overview?year=${year}`);
    expect(own.orgId).toBe(township.id);
    const other = flatten([county]).find((o) => o.kind === 'township' && o.id !== township.id)!;
    const refused = await call<{ error: { message: string } }>(server, token, `/reports/annual?orgId=${other.id}&year=${year}`);
    expect(refused.status).toBe(404);

    await page.locator('button', { hasText: '退出' }).click();
    await page.waitForURL(/\/console\/login$/);
    await consoleSignIn(page, server, user);
    await showsRows(own);
    // The county is above the admin's scope: not in the breadcrumb.
    expect(await page.locator('[data-testid=overview-trail]').innerText()).not.toContain(county.name);

    await page.goto(`${server.baseUrl}/console/report/annual?orgId=${other.id}&year=${year}`);
    expect(await page.locator('[data-testid=report-error]').innerText()).toContain(refused.body.error.message);
    expect(await page.locator('[data-testid=report-figures]').count()).toBe(0);
  });
});
