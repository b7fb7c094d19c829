/**
 * The township's routine in the console, in Chromium against the real server: a 活动地点 saved
 * and shown (detail, list, edit); 下发到各支部 — one activity for each of two branches of 城关镇,
 * published at once, a server field error first under its input, with the count shown; 复制上月 filling the form from the branch's activity of
 * the same kind last month, a month later; and 批量代签 of two members of the open 主题党日 from the
 * paper sheet in one confirmation.
 * Build first: `npm run build -w @djzy/shared -w @djzy/server -w @djzy/admin`.
 */
import { ACTIVITY_KIND_LABELS, type ActivityView, type AttendanceResponse, type OrgNode, type Page as ListPage } from '@djzy/shared';
import {
  adminLogin,
  api,
  consoleChooseOption,
  consolePickOrg,
  consoleSignIn,
  firstBranchOf,
  flatten,
  openDropdown,
  waitUntil,
} from '../support/e2e';
import { e2eSuite } from '../support/suite';

jest.setTimeout(120_000);

const OPEN_NOW_TITLE = '主题党日：学习年终民主评议党员工作要求（进行中，可扫码签到）';

/** `2026-11-05T15:00:00+08:00` a month later on the township's calendar (the 31st becomes the month's last day), as the picker shows it. */
function monthLater(iso: string): string {
  const [y, m, d] = iso.slice(0, 10).split('-').map(Number);
  const ny = m === 12 ? y + 1 : y;
  const nm = m === 12 ? 1 : m + 1;
  const last = new Date(Date.UTC(ny, nm, 0)).getUTCDate();
  return `${ny}-${String(nm).padStart(2, '0')}-${String(Math.min(d, last)).padStart(2, '0')} ${iso.slice(11, 16)}`;
}

/** The first day of this month and of the month before, in the township's zone (+08:00). */
function lastMonthRange(): { from: string; to: string } {
  const local = new Date(Date.now() + 8 * 3600_000);
  const [y, m] = [local.getUTCFullYear(), local.getUTCMonth() + 1];
  const first = (yy: number, mm: number) => `${yy}-${String(mm).padStart(2, '0')}-01T00:00:00+08:00`;
  return { from: m === 1 ? first(y - 1, 12) : first(y, m - 1), to: first(y, m) };
}

describe('web console: the township routine (活动地点, 下发到各支部, 复制上月, 批量代签)', () => {
  const { server, page } = e2eSuite({
    client: 'console',
    database: { own: 'it checks members in to the one open 主题党日 and adds activities to branches of 城关镇 that other suites count' },
  });
  const run = Date.now() % 100_000;
  let adminToken: string;
  let township: OrgNode;
  let branch: OrgNode;

  const drawer = () => page.locator('.ant-drawer', { hasText: '新建活动' });
  const openNewActivity = async () => {
    await page.goto(`${server.baseUrl}/console/activities`);
    await page.locator('[data-testid=activity-new]').click();
    await drawer().locator('#activity_title').waitFor();
  };
  const byTitle = async (orgId: string, title: string) =>
    (await api<ListPage<ActivityView>>(server, adminToken, `/activities?orgId=${orgId}&pageSize=100`)).items.filter(
      (a) => a.title === title,
    );

  beforeAll(async () => {
    adminToken = (await adminLogin(server)).token;
    const orgs = await api<OrgNode[]>(server, adminToken, '/orgs');
    branch = firstBranchOf(orgs, '城关镇');
    township = flatten(orgs).find((o) => o.kind === 'township' && o.name.includes('城关镇'))!;
    await consoleSignIn(page, server);
  });

  test('活动地点: saved with an activity without 定位签到, shown on its page and beside its title in the list', async () => {
    const title = `支部党员大会：年终总结${run}`;
    await openNewActivity();
    await drawer().locator('#activity_title').fill(title);
    await consolePickOrg(page, 'activity-org', branch);
    await drawer().locator('#activity_location_name').fill('村委会二楼会议室');
    await drawer().locator('[data-testid=activity-save]').click();
    await drawer().waitFor({ state: 'hidden' });

    const [saved] = await byTitle(branch.id, title);
    expect(saved).toBeDefined();
    expect(saved.place).toBe('村委会二楼会议室');
    expect(saved.location).toBeNull();

    await consolePickOrg(page, 'activity-filter-org', branch);
    const row = page.locator(`[data-testid=activity-table] tr[data-row-key="${saved.id}"]`);
    await expect(row.locator(`[data-testid=activity-place-${saved.id}]`).innerText()).resolves.toContain('村委会二楼会议室');
    await row.locator(`[data-testid=activity-link-${saved.id}]`).click();
    await page.waitForURL(new RegExp(`/console/activities/${saved.id}$`));
    await expect(page.locator('[data-testid=activity-place]').innerText()).resolves.toBe('村委会二楼会议室');
    // Editing the draft starts from the saved place.
    await page.getByRole('button', { name: /^编\s*辑$/ }).click();
    const edit = page.locator('.ant-drawer', { hasText: '编辑活动' });
    await expect(edit.locator('#activity_location_name').inputValue()).resolves.toBe('村委会二楼会议室');
    await edit.locator('.ant-drawer-extra .ant-btn:not(.ant-btn-primary)').click();
    await edit.waitFor({ state: 'hidden' });
  });

  test('下发到各支部: a 主题党日 of 城关镇 for two of its branches, published at once; the count is shown', async () => {
    const title = `主题党日：学习全会精神（下发）${run}`;
    const targets = flatten(township.children)
      .filter((o) => o.kind === 'branch')
      .slice(-2);
    expect(targets).toHaveLength(2);
    await openNewActivity();
    await drawer().locator('#activity_title').fill(title);
    // A branch has no branches below it: nothing to 下发 to.
    await consolePickOrg(page, 'activity-org', branch);
    await expect(drawer().locator('[data-testid=activity-batch]').count()).resolves.toBe(0);
    await consolePickOrg(page, 'activity-org', township);
    const select = drawer().locator('[data-testid=activity-branches]');
    await select.waitFor();
    for (const b of targets) {
      await select.click();
      await select.locator('input').fill(b.name);
      await openDropdown(page).locator(`.ant-select-item-option[title="${b.name}"]`).click();
    }
    await page.keyboard.press('Escape');
    await drawer().locator('[data-testid=activity-batch-publish]').check();
    await drawer().locator('#activity_location_name').fill('各村党员活动室');
    // The server checks the batch's activity: its field errors (`activity.location.radiusM`) go under the inputs.
    await drawer().locator('label', { hasText: '定位签到' }).click();
    await drawer().locator('#location-lat').fill('38.4512');
    await drawer().locator('#location-lng').fill('115.5231');
    await drawer().locator('#location-radius').fill('5');
    await drawer().locator('[data-testid=activity-save]').click();
    const radius = drawer().locator('.ant-form-item:has(#location-radius) .ant-form-item-explain-error');
    await expect(radius.innerText()).resolves.toContain('20');
    expect(await byTitle(township.id, title)).toHaveLength(0);
    await drawer().locator('#location-radius').fill('300');
    await drawer().locator('[data-testid=activity-save]').click();
    await page.locator('.ant-message', { hasText: '已下发到 2 个支部并发布活动预告' }).waitFor();
    await drawer().waitFor({ state: 'hidden' });

    const created = await byTitle(township.id, title);
    expect(created.map((a) => a.orgId).sort()).toEqual(targets.map((b) => b.id).sort());
    for (const a of created) {
      expect(a.status).toBe('published');
      expect(a.place).toBe('各村党员活动室');
      expect(a.location).toEqual({ name: '各村党员活动室', lat: 38.4512, lng: 115.5231, radiusM: 300 });
    }
    // Nothing for the township itself.
    expect(created.some((a) => a.orgId === township.id)).toBe(false);
  });

  test('复制上月: the branch’s activity of the same kind last month fills the form, a month later', async () => {
    const { from, to } = lastMonthRange();
    const last = (
      await api<ListPage<ActivityView>>(
        server,
        adminToken,
        `/activities?orgId=${branch.id}&from=${encodeURIComponent(from)}&to=${encodeURIComponent(to)}&pageSize=100`,
      )
    ).items.filter((a) => a.orgId === branch.id && a.status !== 'cancelled' && a.startsAt >= from);
    if (!last.length) throw new Error('the demo branch held nothing last month');
    const kind = last[0].kind;
    const expected = last.filter((a) => a.kind === kind).sort((x, y) => Date.parse(y.startsAt) - Date.parse(x.startsAt))[0];

    await openNewActivity();
    await consolePickOrg(page, 'activity-org', branch);
    await drawer().locator('.ant-form-item:has(label[for="activity_kind"]) .ant-select').click();
    await consoleChooseOption(page, openDropdown(page).locator(`.ant-select-item-option[title="${ACTIVITY_KIND_LABELS[kind]}"]`));
    await drawer().locator('[data-testid=activity-copy-last-month]').click();
    await page.locator('.ant-message', { hasText: '时间顺延一个月' }).waitFor();
    await expect(drawer().locator('#activity_title').inputValue()).resolves.toBe(expected.title);
    const range = drawer().locator('.ant-form-item:has(label[for="activity_range"]) input');
    await expect(range.nth(0).inputValue()).resolves.toBe(monthLater(expected.startsAt));
    await expect(range.nth(1).inputValue()).resolves.toBe(monthLater(expected.endsAt));
    await drawer().locator('.ant-drawer-extra .ant-btn:not(.ant-btn-primary)').click();
    await drawer().waitFor({ state: 'hidden' });
  });

  test('批量代签: two members ticked from the not-yet-present list, one confirmation; both are present', async () => {
    const now = Date.now();
    const near = await api<ListPage<ActivityView>>(
      server,
      adminToken,
      `/activities?from=${new Date(now - 86_400_000).toISOString()}&to=${new Date(now + 86_400_000).toISOString()}&pageSize=100`,
    );
    const open = near.items.find((a) => a.title === OPEN_NOW_TITLE);
    if (!open) throw new Error('the open-now 主题党日 is missing from the demo data');
    const before = await api<AttendanceResponse>(server, adminToken, `/activities/${open.id}/attendance`);
    const picked = before.absent.slice(0, 2);
    expect(picked).toHaveLength(2);

    await page.goto(`${server.baseUrl}/console/activities/${open.id}`);
    const panel = page.locator('[data-testid=attendance]');
    await panel.waitFor();
    for (const m of picked) await panel.locator(`[data-testid=absent-table] tr[data-row-key="${m.memberId}"] input[type=checkbox]`).check();
    const button = panel.locator('[data-testid=batch-checkin]');
    await expect(button.innerText()).resolves.toMatch(/确认代签\s*2\s*人/);
    await button.click();
    const confirm = page.locator('.ant-modal-confirm', { hasText: '确认代签 2 人' });
    await confirm.waitFor();
    await confirm.locator('.ant-btn-primary').click();
    await expect(panel.locator('[data-testid=batch-checkin-result]').innerText()).resolves.toContain('已代签 2 人');
    for (const m of picked)
      await panel.locator(`[data-testid=absent-table] tr[data-row-key="${m.memberId}"]`).waitFor({ state: 'detached' });

    const after = await api<AttendanceResponse>(server, adminToken, `/activities/${open.id}/attendance`);
    for (const m of picked) {
      const row = after.present.find((r) => r.memberId === m.memberId);
      expect(row?.method).toBe('roster');
      expect(after.absent.some((r) => r.memberId === m.memberId)).toBe(false);
    }
    expect(after.present.length).toBe(before.present.length + 2);
    await waitUntil(
      async () => (await panel.locator('[data-testid=att-present]').innerText()).includes(String(after.present.length)),
      'the present count to follow',
    );
  });
});
