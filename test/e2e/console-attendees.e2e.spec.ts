/**
 * Who should attend, in the console, in Chromium against the real server: a 支委会 of a branch of
 * 城关镇 drafted with its default audience (支部委员会成员) and one 列席 person found by name in
 * another branch; published; its 考勤 counts 应到 = the branch committee (3 in the demo county) and
 * lists the 列席 person apart. And the server's refusal of 指定人员 with nobody named, shown in
 * Chinese under the picker.
 * Build first: `npm run build -w @djzy/shared -w @djzy/server -w @djzy/admin`.
 */
import type { ActivityView, AttendanceResponse, MemberSummary, OrgNode, Page as ListPage } from '@djzy/shared';
import type { Page } from 'playwright-core';
import { adminLogin, api, consoleClosePopup, consolePickOrg, consoleSignIn, firstBranchOf, flatten } from '../support/e2e';
import { e2eSuite } from '../support/suite';

jest.setTimeout(120_000);

/** The demo county gives each branch a secretary and two 支部委员. */
const DEMO_COMMITTEE = 3;

/** Picks an option of the drawer's antd Select (by its form label) once it is visible. */
async function pickOption(page: Page, drawer: ReturnType<Page['locator']>, labelFor: string, option: string): Promise<void> {
  await drawer.locator(`.ant-form-item:has(label[for="${labelFor}"]) .ant-select`).click();
  const item = page.locator(`.ant-select-dropdown:visible .ant-select-item-option[title="${option}"]`);
  await item.waitFor({ state: 'visible' });
  await item.click();
}

describe('web console: 参会人员 (应到, 列席) of an activity', () => {
  const { server, page } = e2eSuite({
    client: 'console',
    database: { own: 'it publishes a 支委会 in a branch of 城关镇 (announcements, activity counts other suites read)' },
  });
  const run = Date.now() % 100_000;
  let adminToken: string;
  let branch: OrgNode;
  let observer: MemberSummary;

  const drawer = () => page.locator('.ant-drawer', { hasText: '新建活动' });
  const openNewActivity = async () => {
    await page.goto(`${server.baseUrl}/console/activities`);
    await page.locator('[data-testid=activity-new]').click();
    await drawer().locator('#activity_title').waitFor();
  };
  const byTitle = async (title: string) =>
    (await api<ListPage<ActivityView>>(server, adminToken, `/activities?orgId=${branch.id}&pageSize=100`)).items.filter(
      (a) => a.title === title,
    );

  beforeAll(async () => {
    adminToken = (await adminLogin(server)).token;
    const orgs = await api<OrgNode[]>(server, adminToken, '/orgs');
    branch = firstBranchOf(orgs, '城关镇');
    // The 列席 person: a Party member of another branch of the same township (e.g. its liaison).
    const township = flatten(orgs).find((o) => o.kind === 'township' && flatten(o.children).some((c) => c.id === branch.id))!;
    const other = flatten(township.children).find((o) => o.kind === 'branch' && o.id !== branch.id)!;
    const members = await api<ListPage<MemberSummary>>(server, adminToken, `/members?orgId=${other.id}&pageSize=50`);
    const found = members.items.find((m) => m.status === 'full' && !m.isMobile);
    if (!found) throw new Error(`${other.name} has no full member to invite`);
    observer = found;
    await consoleSignIn(page, server);
  });

  test('a 支委会 expects its committee; a 列席 person picked by name is listed apart, not counted', async () => {
    const title = `支委会：研究年终评议工作${run}`;
    await openNewActivity();
    await drawer().locator('#activity_title').fill(title);
    await consolePickOrg(page, 'activity-org', branch);
    await pickOption(page, drawer(), 'activity_kind', '支委会');

    // The default audience is what the kind implies.
    const fields = drawer().locator('[data-testid=attendees-fields]');
    const checked = fields.locator('.ant-radio-wrapper-checked');
    await expect(checked.innerText()).resolves.toContain('默认');
    await expect(checked.innerText()).resolves.toContain('支委会：支部委员会成员');

    // 列席: searched by name, shown as 姓名（所在组织）.
    const picker = fields.locator('[data-testid=attendees-observers]');
    await picker.click();
    await picker.locator('input').fill(observer.name);
    const option = page.locator(`.ant-select-dropdown:visible [data-testid="member-option-${observer.id}"]`);
    await option.waitFor({ state: 'visible' });
    await expect(option.innerText()).resolves.toBe(`${observer.name}（${observer.orgName}）`);
    await option.click();
    await consoleClosePopup(page);
    await expect(picker.locator('.ant-select-selection-item').innerText()).resolves.toContain(observer.name);

    const created = page.waitForResponse((r) => r.request().method() === 'POST' && /\/activities$/.test(new URL(r.url()).pathname));
    await drawer().locator('[data-testid=activity-save]').click();
    expect((await created).ok()).toBe(true);
    await drawer().waitFor({ state: 'hidden' });

    const [saved] = await byTitle(title);
    expect(saved).toBeDefined();
    expect(saved.attendees?.scope).toBe('committee');
    expect(saved.attendees?.observers.map((m) => m.id)).toEqual([observer.id]);

    // The detail names the audience for the manager; 发布 from there.
    await page.goto(`${server.baseUrl}/console/activities/${saved.id}`);
    await expect(page.locator('[data-testid=activity-scope]').innerText()).resolves.toBe('支部委员会成员');
    await expect(page.locator('[data-testid=activity-observers]').innerText()).resolves.toContain(observer.name);
    // Editing the draft starts from what was saved: the default audience and the 列席 person by name.
    await page.getByRole('button', { name: /^编\s*辑$/ }).click();
    const edit = page.locator('.ant-drawer', { hasText: '编辑活动' });
    const editFields = edit.locator('[data-testid=attendees-fields]');
    await editFields.waitFor({ state: 'visible' });
    await expect(editFields.locator('.ant-radio-wrapper-checked').innerText()).resolves.toContain('默认');
    await expect(editFields.locator('[data-testid=attendees-observers] .ant-select-selection-item').innerText()).resolves.toContain(
      `${observer.name}（${observer.orgName}）`,
    );
    await edit.locator('.ant-drawer-extra .ant-btn:not(.ant-btn-primary)').click();
    await edit.waitFor({ state: 'hidden' });
    await page.locator('[data-testid=detail-publish]').click();
    const confirm = page.locator('.ant-modal-confirm', { hasText: '发布活动预告' });
    await confirm.waitFor();
    await expect(confirm.innerText()).resolves.toContain('支部委员会成员及列席人员');
    const published = page.waitForResponse((r) => r.url().endsWith(`/activities/${saved.id}/publish`));
    await confirm.locator('.ant-btn-primary').click();
    expect((await published).ok()).toBe(true);

    // 考勤: 应到 is the committee; the 列席 person is apart.
    const panel = page.locator('[data-testid=attendance]');
    await panel.waitFor();
    const sheet = await api<AttendanceResponse>(server, adminToken, `/activities/${saved.id}/attendance`);
    expect(sheet.expected).toBe(DEMO_COMMITTEE);
    await expect(panel.locator('[data-testid=att-expected] .ant-statistic-content-value').innerText()).resolves.toBe(
      String(DEMO_COMMITTEE),
    );
    await expect(panel.locator('[data-testid=attendance-apart]').innerText()).resolves.toContain('列席 1 人');
    await panel.locator('.ant-tabs-tab[data-node-key="observers"]').click();
    const row = panel.locator(`[data-testid=observers-table] tr[data-row-key="${observer.id}"]`);
    await row.waitFor({ state: 'visible' });
    await expect(row.innerText()).resolves.toContain(observer.name);
    await expect(row.innerText()).resolves.toContain('未签到');
    // Not among those expected.
    await expect(panel.locator(`[data-testid=absent-table] tr[data-row-key="${observer.id}"]`).count()).resolves.toBe(0);
  });

  test('指定人员 with nobody named: the server refuses, in Chinese under the picker; nothing is saved', async () => {
    const title = `党员大会：指定人员${run}`;
    await openNewActivity();
    await drawer().locator('#activity_title').fill(title);
    await consolePickOrg(page, 'activity-org', branch);
    const fields = drawer().locator('[data-testid=attendees-fields]');
    await fields.locator('.ant-radio-wrapper', { hasText: '指定人员' }).click();

    const refused = page.waitForResponse((r) => r.request().method() === 'POST' && /\/activities$/.test(new URL(r.url()).pathname));
    await drawer().locator('[data-testid=activity-save]').click();
    expect((await refused).status()).toBe(400);
    const error = drawer().locator('.ant-form-item:has([data-testid=attendees-extras]) .ant-form-item-explain-error');
    await error.waitFor({ state: 'visible' });
    await expect(error.innerText()).resolves.toContain('请至少选择一名参会人员');
    expect(await byTitle(title)).toHaveLength(0);
    await drawer().locator('.ant-drawer-extra .ant-btn:not(.ant-btn-primary)').click();
    await drawer().waitFor({ state: 'hidden' });
  });
});
