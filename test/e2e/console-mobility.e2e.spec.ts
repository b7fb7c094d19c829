/**
 * The console's mobile-member screens (流动党员) in Chromium against the real server: the ledger
 * with its overdue days and filters (checked against the API), a member's contact history with
 * their own report, a phone contact logged (sent with an Idempotency-Key, overdue back to 0), a
 * contact cadre reassignment refused for an ordinary member (the server's field message shown)
 * and then saved for a real cadre, the per-cadre figures, the destination chart, the export, and a
 * township's 乡镇规则 (the server's range message under 失联判定, a saved value read back, restored).
 * Build first: `npm run build -w @djzy/shared -w @djzy/server -w @djzy/admin` (or point
 * E2E_CONSOLE_DIR at another console build).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import type { Request } from 'playwright-core';
import {
  MOBILITY_STATUS_LABELS,
  toLocalDate,
  type CadreFigures,
  type ContactLogView,
  type MemberSummary,
  type MobileMemberView,
  type MobilitySettingsView,
  type OrgNode,
  type Page as ListPage,
} from '@djzy/shared';
import {
  adminLogin,
  api,
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

jest.setTimeout(120_000);

describe('web console: mobile members', () => {
  // Reads the county's mobile members and logs contacts of its own; the 乡镇规则 it changes are put
  // back. No other suite of the shared server touches mobile members.
  const { server, page } = e2eSuite({ client: 'console', database: 'shared' });
  let adminToken: string;
  let orgs: OrgNode[];
  let byId: Map<string, OrgNode>;
  let county: OrgNode;
  let workDir: string;
  const run = Date.now() % 100_000;
  /** The overdue mobile member this run logs a contact for and reassigns. */
  let target: MobileMemberView;
  let branch: OrgNode;
  /** An ordinary member of that branch (no role, not mobile). */
  let plain: MemberSummary;

  const list = (query: string) => api<ListPage<MobileMemberView>>(server, adminToken, `/mobile-members?${query}`);
  const recordOf = async (memberId: string) => (await list(`orgId=${branch.id}&pageSize=100`)).items.find((r) => r.member.id === memberId)!;
  const rows = () => page.locator('[data-testid=mobile-table] tbody tr.ant-table-row');
  const totalText = (n: number) => page.locator('.ant-pagination-total-text', { hasText: new RegExp(`^共 ${n} 人$`) });

  /** A member offered by the open member picker (a closed picker's list may still be in the page). */
  const memberOption = (id: string) => openDropdown(page).locator(`[data-testid="member-option-${id}"]`);

  const goTo = (label: string, urlEnd: string) => consoleMenu(page, label, urlEnd);

  const pickOrg = (org: OrgNode) => consolePickOrg(page, 'org-select', org);

  /** The branch an org belongs to (the org itself, or a group's parent). */
  const branchOf = (orgId: string): OrgNode => {
    for (let o = byId.get(orgId); o; o = o.parentId ? byId.get(o.parentId) : undefined) if (o.kind === 'branch') return o;
    throw new Error(`no branch above ${orgId}`);
  };

  /** Whether a member holds no role at all (so may not be a contact cadre), through the demo sign-in. */
  const holdsNoRole = async (memberId: string) => {
    const login = await devLogin(server, memberId);
    return !!login.member && !login.member.roles.length;
  };

  beforeAll(async () => {
    const login = await adminLogin(server);
    adminToken = login.token;
    orgs = await api<OrgNode[]>(server, adminToken, '/orgs');
    byId = new Map(flatten(orgs).map((o) => [o.id, o]));
    county = orgs[0];

    workDir = mkdtempSync(path.join(tmpdir(), 'djzy-console-mobility-'));
  });

  afterAll(() => {
    if (workDir) rmSync(workDir, { recursive: true, force: true });
  });

  test('the admin signs in and finds the 流动党员 menu', async () => {
    await consoleSignIn(page, server);
    await page.locator('.ant-menu-submenu-title', { hasText: '流动党员' }).click();
    for (const label of ['流动党员台账', '联系干部统计', '去向分布']) {
      await page.locator('.ant-menu-item', { hasText: label }).waitFor();
    }
  });

  test('流动党员台账 lists the county’s mobile members, most overdue first, as the API does', async () => {
    await goTo('流动党员台账', '/mobility/members');
    const all = await list(`orgId=${county.id}&page=1&pageSize=20`);
    expect(all.total).toBeGreaterThan(20);
    await totalText(all.total).waitFor();
    await waitUntil(async () => (await rows().count()) === all.items.length, 'the first page');

    const shown = await rows().evaluateAll((trs) =>
      trs.map((tr) => ({
        id: tr.getAttribute('data-row-key'),
        overdue: tr.querySelector('[data-testid=mobile-overdue]')?.getAttribute('data-value'),
        escalated: !!tr.querySelector('[data-testid=mobile-escalated]'),
        red: !!tr.querySelector('[data-testid=mobile-overdue].ant-typography-danger'),
      })),
    );
    expect(shown).toEqual(
      all.items.map((r) => ({ id: r.member.id, overdue: String(r.overdueDays), escalated: r.escalated, red: r.overdueDays > 0 })),
    );
    expect(all.items[0].overdueDays).toBeGreaterThan(0);
    // Each column of a row, as the API gives it.
    const first = all.items[0];
    const text = await rows().first().innerText();
    for (const part of [
      first.member.name,
      first.member.branchName!,
      first.destination,
      first.leftAt!,
      first.contactCadre!.name,
      `${first.intervalDays} 天`,
    ]) {
      expect(text).toContain(part);
    }
  });

  test('仅逾期 and 失联 shrink the list to what the API counts', async () => {
    const total = (await list(`orgId=${county.id}`)).total;
    const overdue = await list(`orgId=${county.id}&overdue=true&pageSize=100`);
    expect(overdue.total).toBeGreaterThan(0);
    expect(overdue.total).toBeLessThan(total);

    await page.locator('[data-testid=mobile-overdue-filter]').click();
    await totalText(overdue.total).waitFor();
    const values = await rows()
      .locator('[data-testid=mobile-overdue]')
      .evaluateAll((els) => els.map((e) => Number(e.getAttribute('data-value'))));
    expect(values.length).toBe(Math.min(20, overdue.total));
    expect(values.every((v) => v > 0)).toBe(true);

    // 仅超期两倍 narrows it further (to the escalated ones).
    const escalated = await list(`orgId=${county.id}&overdue=true&escalated=true`);
    await page.locator('[data-testid=mobile-escalated-filter]').click();
    await totalText(escalated.total).waitFor();
    await page.locator('[data-testid=mobile-escalated-filter]').click();
    await page.locator('[data-testid=mobile-overdue-filter]').click();
    await totalText(total).waitFor();

    const lost = await list(`orgId=${county.id}&status=lost_contact`);
    await page.locator('[data-testid=mobile-status-filter]').click();
    await consoleChooseOption(
      page,
      openDropdown(page).locator('.ant-select-item-option', { hasText: MOBILITY_STATUS_LABELS.lost_contact }),
    );
    await totalText(lost.total).waitFor();
    await page.locator('[data-testid=mobile-status-filter] .ant-select-clear').click({ force: true });
    await totalText(total).waitFor();

    target = overdue.items[0];
    branch = branchOf(target.member.orgId);
  });

  test('联系记录 shows the history with the member’s own report; a phone contact is logged once and clears the overdue days', async () => {
    // The member reports from their own phone (本人报告); it is part of the history.
    const note = `近况报告${run}`;
    const memberLogin = await devLogin(server, target.member.id);
    await api(server, memberLogin.token, '/me/mobility-report', {
      method: 'POST',
      body: JSON.stringify({ location: target.destination, status: 'working', note }),
    });

    await pickOrg(branch);
    const row = page.locator(`[data-testid=mobile-table] tr[data-row-key="${target.member.id}"]`);
    await row.waitFor();
    const before = await recordOf(target.member.id);
    expect(before.overdueDays).toBeGreaterThan(0);
    await expect(row.locator('[data-testid=mobile-overdue]').getAttribute('data-value')).resolves.toBe(String(before.overdueDays));

    await row.locator('[data-testid=mobile-contacts]').click();
    const drawer = page.locator('.ant-drawer', { hasText: '的联系记录' });
    const history = drawer.locator('[data-testid=contact-history] tbody tr.ant-table-row');
    const logs = await api<ContactLogView[]>(server, adminToken, `/mobile-members/${target.member.id}/contacts`);
    await waitUntil(async () => (await history.count()) === Math.min(10, logs.length), 'the contact history');
    const report = history.filter({ hasText: note });
    await expect(report.locator('[data-testid=contact-method]').innerText()).resolves.toBe('本人报告');
    const seeded = logs.find((l) => l.method !== 'self_report')!;
    await history.filter({ hasText: seeded.summary }).first().waitFor();

    // Log a 电话 contact: the time defaults to now.
    const sent: Request[] = [];
    const onRequest = (r: Request) =>
      r.method() === 'POST' && r.url().includes(`/mobile-members/${target.member.id}/contacts`) && sent.push(r);
    page.on('request', onRequest);
    const summary = `电话询问近况，工作稳定${run}`;
    await drawer.locator('[data-testid=contact-form] label', { hasText: '电话' }).click();
    await drawer.locator('#contact_summary').fill(summary);
    await drawer.locator('#contact_needs').fill('希望支部转发网络学习资料');
    await drawer.locator('[data-testid=contact-submit]').click();
    const added = history.filter({ hasText: summary });
    await added.waitFor();
    page.off('request', onRequest);
    await expect(added.locator('[data-testid=contact-method]').innerText()).resolves.toBe('电话');
    await expect(added.innerText()).resolves.toContain('诉求：希望支部转发网络学习资料');

    expect(sent).toHaveLength(1);
    expect(await sent[0].headerValue('idempotency-key')).toMatch(/^[\w.:-]{8,100}$/);
    const body = JSON.parse(sent[0].postData() ?? '{}') as { contactedAt: string; method: string };
    expect(body.method).toBe('phone');
    expect(body.contactedAt).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\+08:00$/);
    expect(Math.abs(Date.parse(body.contactedAt) - Date.now())).toBeLessThan(10 * 60_000);

    const after = await api<ContactLogView[]>(server, adminToken, `/mobile-members/${target.member.id}/contacts`);
    const mine = after.filter((l) => l.summary === summary);
    expect(mine).toHaveLength(1);
    expect(mine[0]).toMatchObject({ method: 'phone', needs: '希望支部转发网络学习资料', cadreId: target.contactCadre!.id });

    await drawer.locator('.ant-drawer-close').click();
    await drawer.waitFor({ state: 'hidden' });
    expect((await recordOf(target.member.id)).overdueDays).toBe(0);
    await waitUntil(
      async () => (await row.locator('[data-testid=mobile-overdue]').getAttribute('data-value')) === '0',
      'overdue days of 0',
    );
    await expect(row.locator('[data-testid=mobile-overdue].ant-typography-danger').count()).resolves.toBe(0);
  });

  test('更换联系干部: an ordinary member is refused with the server’s message; a cadre of the branch is saved', async () => {
    const current = (await recordOf(target.member.id)).contactCadre!;
    // An ordinary member of the branch: no role, not mobile.
    const members = await api<ListPage<MemberSummary>>(server, adminToken, `/members?orgId=${branch.id}&pageSize=100`);
    let found: MemberSummary | undefined;
    for (const m of members.items.filter((x) => !x.isMobile && x.id !== current.id)) {
      if (await holdsNoRole(m.id)) {
        found = m;
        break;
      }
    }
    if (!found) throw new Error(`no ordinary member in ${branch.name}`);
    plain = found;
    const cadres = await api<CadreFigures[]>(server, adminToken, `/mobile-members/cadres?orgId=${branch.id}`);
    const other = cadres.find((c) => c.cadre.id !== current.id);
    if (!other) throw new Error(`${branch.name} should have two contact cadres`);

    const row = page.locator(`[data-testid=mobile-table] tr[data-row-key="${target.member.id}"]`);
    await row.locator('[data-testid=mobile-reassign]').click();
    const dialog = page.locator('.ant-modal', { hasText: '更换联系干部' });
    const cadreInput = dialog.locator('#mobility_contactCadreId');
    await expect(dialog.locator('[data-testid=mobility-cadre-select]').innerText()).resolves.toContain(current.name);

    const choose = async (m: { id: string; name: string }) => {
      await cadreInput.click();
      await cadreInput.fill(m.name);
      await consoleChooseOption(page, memberOption(m.id));
    };
    await choose(plain);
    await dialog.locator('[data-testid=mobility-form-submit]').click();
    await dialog.locator('.ant-form-item-explain-error', { hasText: '该党员不是联系干部（需担任联系干部、支部书记或支委）' }).waitFor();
    expect((await recordOf(target.member.id)).contactCadre!.id).toBe(current.id);

    await choose(other.cadre);
    await dialog.locator('[data-testid=mobility-form-submit]').click();
    await dialog.waitFor({ state: 'hidden' });
    await row.locator('[data-testid=mobile-cadre]', { hasText: other.cadre.name }).waitFor();
    const saved = await recordOf(target.member.id);
    expect(saved.contactCadre!.id).toBe(other.cadre.id);
    // Only the cadre changed.
    expect([saved.destination, saved.leftAt, saved.intervalDays, saved.status]).toEqual([
      target.destination,
      target.leftAt,
      target.intervalDays,
      'away',
    ]);
  });

  test('登记返乡 (confirmed) closes a record; 登记流出 registers a member of the branch with a cadre', async () => {
    // 登记返乡: the branch's other mobile member.
    const other = (await list(`orgId=${branch.id}&pageSize=100`)).items.find(
      (r) => r.member.id !== target.member.id && r.status !== 'returned',
    );
    if (!other) throw new Error(`${branch.name} should have a second mobile member`);
    const otherRow = page.locator(`[data-testid=mobile-table] tr[data-row-key="${other.member.id}"]`);
    await otherRow.locator('[data-testid=mobile-return]').click();
    const confirm = page.locator('.ant-modal-confirm', { hasText: `登记${other.member.name}返乡？` });
    await confirm.locator('.ant-btn-primary', { hasText: '确认返乡' }).click();
    await confirm.waitFor({ state: 'hidden' });
    await otherRow.locator('[data-testid=mobile-name]', { hasText: '已返乡' }).waitFor();
    await expect(otherRow.locator('[data-testid=mobile-return]').count()).resolves.toBe(0);
    const returned = await recordOf(other.member.id);
    expect(returned).toMatchObject({ status: 'returned', overdueDays: 0, destination: other.destination, leftAt: other.leftAt });
    expect(returned.contactCadre!.id).toBe(other.contactCadre!.id);

    // 登记流出: the ordinary member found above, with the branch's cadre and a 30-day interval.
    const cadre = (await recordOf(target.member.id)).contactCadre!;
    const leftAt = toLocalDate(Date.now() - 10 * 86_400_000);
    const destination = `江苏省无锡市新吴区${run}`;
    await page.locator('[data-testid=mobile-flow-out]').click();
    const dialog = page.locator('.ant-modal', { hasText: `登记流出 · ${branch.name}` });
    await dialog.locator('#mobility_memberId').click();
    await dialog.locator('#mobility_memberId').fill(plain.name);
    await consoleChooseOption(page, memberOption(plain.id));
    await dialog.locator('#mobility_destination').fill(destination);
    await dialog.locator('#mobility_employer').fill('无锡某电子厂');
    await dialog.locator('#mobility_leftAt').click();
    await dialog.locator('#mobility_leftAt').fill(leftAt);
    await dialog.locator('#mobility_leftAt').press('Enter');
    await dialog.locator('#mobility_contactCadreId').click();
    await dialog.locator('#mobility_contactCadreId').fill(cadre.name);
    await consoleChooseOption(page, memberOption(cadre.id));
    await dialog.locator('#mobility_intervalDays').fill('30');
    await dialog.locator('[data-testid=mobility-form-submit]').click();
    await dialog.waitFor({ state: 'hidden' });

    const row = page.locator(`[data-testid=mobile-table] tr[data-row-key="${plain.id}"]`);
    await row.waitFor();
    await expect(row.innerText()).resolves.toContain(destination);
    const saved = await recordOf(plain.id);
    expect(saved).toMatchObject({ destination, employer: '无锡某电子厂', leftAt, intervalDays: 30, status: 'away', overdueDays: 0 });
    expect(saved.contactCadre!.id).toBe(cadre.id);
  });

  test('联系干部统计 shows each contact cadre with the API’s figures', async () => {
    await goTo('联系干部统计', '/mobility/cadres');
    const figures = await api<CadreFigures[]>(server, adminToken, `/mobile-members/cadres?orgId=${county.id}`);
    expect(figures.length).toBeGreaterThan(1);
    const table = page.locator('[data-testid=cadre-table] tbody tr.ant-table-row');
    await waitUntil(async () => (await table.count()) === Math.min(20, figures.length), 'the cadre rows');
    for (const f of figures.slice(0, 5)) {
      const text = await page.locator(`[data-testid=cadre-table] tr[data-row-key="${f.cadre.id}"]`).innerText();
      for (const part of [f.cadre.name, f.cadre.orgName, String(f.assignees), String(f.contactsThisQuarter), String(f.overdue)])
        expect(text).toContain(part);
    }
    const sum = figures.reduce((s, f) => s + f.assignees, 0);
    await page.locator('[data-testid=cadre-summary]', { hasText: `联系流动党员 ${sum} 人` }).waitFor();
  });

  test('去向分布 draws the chart of where the county’s mobile members are', async () => {
    await goTo('去向分布', '/mobility/destinations');
    await page.locator('[data-testid=destination-chart] canvas').waitFor();
    const box = await page.locator('[data-testid=destination-chart] canvas').boundingBox();
    expect(box && box.width > 200 && box.height > 200).toBe(true);
    const all = (await list(`orgId=${county.id}&pageSize=100`)).items.filter((r) => r.status !== 'returned');
    const table = page.locator('[data-testid=destination-table] tbody tr.ant-table-row');
    const counts = await table.evaluateAll((trs) => trs.map((tr) => Number(tr.querySelectorAll('td')[1]?.textContent)));
    expect(counts.reduce((a, b) => a + b, 0)).toBe(all.length);
    // By province, 广东省广州市 and 广东省深圳市 are one bar.
    const guangdong = all.filter((r) => r.destination.startsWith('广东省')).length;
    if (guangdong)
      await expect(
        table
          .filter({ hasText: /^广东省/ })
          .locator('td')
          .nth(1)
          .innerText(),
      ).resolves.toBe(String(guangdong));
  });

  test('导出 saves every row of the filtered ledger (all pages) as the API lists it', async () => {
    await goTo('流动党员台账', '/mobility/members');
    const all = await list(`orgId=${county.id}&pageSize=100`);
    await totalText(all.total).waitFor();
    const [download] = await Promise.all([page.waitForEvent('download'), page.locator('[data-testid=mobile-export]').click()]);
    expect(download.suggestedFilename()).toBe(`${county.name}流动党员台账.xlsx`);
    const file = path.join(workDir, 'mobile.xlsx');
    await download.saveAs(file);
    const book = new ExcelJS.Workbook();
    await book.xlsx.readFile(file);
    const sheet = book.worksheets[0];
    expect((sheet.getRow(2).values as unknown[]).slice(1)).toEqual([
      '姓名',
      '所在支部',
      '状态',
      '外出地点',
      '工作单位',
      '外出时间',
      '联系干部',
      '联系周期（天）',
      '上次联系',
      '逾期天数',
      '超期两倍',
      '下次应联系',
    ]);
    const got: unknown[][] = [];
    sheet.eachRow((r, n) => n > 2 && got.push((r.values as unknown[]).slice(1)));
    expect(got).toHaveLength(all.total);
    expect(got).toEqual(
      all.items.map((r) => [
        r.member.name,
        r.member.branchName ?? r.member.orgName,
        MOBILITY_STATUS_LABELS[r.status],
        r.destination,
        r.employer ?? undefined,
        r.leftAt ?? undefined,
        r.contactCadre?.name,
        r.intervalDays,
        r.lastContactAt ? r.lastContactAt.slice(0, 10) : '从未联系',
        r.overdueDays,
        r.escalated ? '是' : '否',
        r.nextDueDate,
      ]),
    );
    // The reassigned member is in it with their new cadre and no overdue days.
    const mine = got.find((r) => r[0] === target.member.name && r[3] === target.destination)!;
    expect(mine[9]).toBe(0);

    // With 仅逾期 on, the file holds the overdue ones only.
    const overdue = await list(`orgId=${county.id}&overdue=true&pageSize=100`);
    await page.locator('[data-testid=mobile-overdue-filter]').click();
    await totalText(overdue.total).waitFor();
    const [again] = await Promise.all([page.waitForEvent('download'), page.locator('[data-testid=mobile-export]').click()]);
    const file2 = path.join(workDir, 'mobile-overdue.xlsx');
    await again.saveAs(file2);
    const book2 = new ExcelJS.Workbook();
    await book2.xlsx.readFile(file2);
    const names: unknown[] = [];
    book2.worksheets[0].eachRow((r, n) => n > 2 && names.push(r.getCell(1).value));
    expect(names).toEqual(overdue.items.map((r) => r.member.name));
    expect(String(book2.worksheets[0].getCell(1, 1).value)).toContain('仅逾期');
  });

  test('乡镇规则 of a township: the server’s range message under 失联判定, then a saved value the API returns', async () => {
    const township =
      flatten(orgs).find((o) => o.kind === 'township' && o.name === '城关镇党委') ?? flatten(orgs).find((o) => o.kind === 'township')!;
    const settingsOf = () => api<MobilitySettingsView>(server, adminToken, `/mobile-members/settings/${township.id}`);
    const before = await settingsOf();
    try {
      await goTo('流动党员台账', '/mobility/members');
      await pickOrg(township);
      await page.locator('[data-testid=mobile-settings]').click();
      const dialog = page.locator('.ant-modal', { hasText: `乡镇规则 · ${township.name}` });
      const lost = dialog.locator('#mobility-settings_lostContactDays');
      await expect(lost.inputValue()).resolves.toBe(String(before.lostContactDays));
      await expect(dialog.locator('#mobility-settings_defaultIntervalDays').inputValue()).resolves.toBe(String(before.defaultIntervalDays));

      // Below the minimum: the server's message, under the field; nothing saved.
      await lost.fill('5');
      await dialog.locator('[data-testid=settings-submit]').click();
      await dialog
        .locator('.ant-form-item', { has: page.locator('#mobility-settings_lostContactDays') })
        .locator('.ant-form-item-explain-error', { hasText: '失联天数至少 30 天' })
        .waitFor();
      await expect(settingsOf()).resolves.toEqual(before);

      // 400 days: saved, the modal closes, the API has it.
      await lost.fill('400');
      await dialog.locator('[data-testid=settings-submit]').click();
      await dialog.waitFor({ state: 'hidden' });
      await expect(settingsOf()).resolves.toEqual({ ...before, lostContactDays: 400 });

      // Back to 180 through the modal, which shows the saved value when opened again.
      await page.locator('[data-testid=mobile-settings]').click();
      await expect(lost.inputValue()).resolves.toBe('400');
      await lost.fill('180');
      await dialog.locator('[data-testid=settings-submit]').click();
      await dialog.waitFor({ state: 'hidden' });
      await expect(settingsOf()).resolves.toEqual({ ...before, lostContactDays: 180 });
    } finally {
      await api(server, adminToken, `/mobile-members/settings/${township.id}`, {
        method: 'PUT',
        body: JSON.stringify({ lostContactDays: before.lostContactDays }),
      });
    }
  });
});
