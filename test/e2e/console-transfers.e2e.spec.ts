/**
 * 组织关系转接 in the console, in Chromium against the real server (the seeded demo county, a
 * database of its own: it moves a member): a transfer requested and approved through the API is
 * issued through the page's drawer — the row then says 在途 in the 在途 tab and the member is out of
 * the branch's 应到; a letter from an org outside the deployment is registered through 登记转入 and
 * received (接收) — the person is then on the branch's roster; in 党费台账 a branch of 城关镇 publishes
 * its year's dues (公开收缴情况): the summary opens from the toolbar, and a member of that branch
 * reads it (`/dues-disclosures/mine`) while a member of another branch does not.
 * Build first: `npm run build -w @djzy/shared -w @djzy/server -w @djzy/admin`.
 */
import {
  toLocalDate,
  type DuesDisclosureView,
  type IncomingTransferView,
  type MemberDuesYear,
  type MemberSummary,
  type OrgNode,
  type Page as PageOf,
  type TransferView,
} from '@djzy/shared';
import { DEMO_ADMIN } from '../support/server';
import { adminLogin, api, consoleMenu, consolePickOrg, consoleSignIn, devLogin, flatten, openDropdown, waitUntil } from '../support/e2e';
import { e2eSuite } from '../support/suite';

jest.setTimeout(120_000);

/** A valid 18-digit ID number (check digit by GB 11643). */
function idCard(seed: number): string {
  const first17 = `110105${'19850601'}${String(seed % 1000).padStart(3, '0')}`;
  const w = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
  const sum = [...first17].reduce((s, c, i) => s + Number(c) * w[i], 0);
  return first17 + '10X98765432'[sum % 11];
}

describe('web console: 组织关系转接', () => {
  const { server, page } = e2eSuite({
    client: 'console',
    database: { own: 'it moves a member out of a branch and puts a new one on a roster' },
  });
  const run = Date.now() % 1000;
  let token: string;
  let township: OrgNode;
  let branch: OrgNode;
  let target: OrgNode;

  beforeAll(async () => {
    token = (await adminLogin(server)).token;
    const orgs = flatten(await api<OrgNode[]>(server, token, '/orgs'));
    township = orgs.find((o) => o.kind === 'township' && o.name.includes('柳河镇'))!;
    const branches = flatten(township.children).filter((o) => o.kind === 'branch');
    branch = branches[0];
    target = branches[1];
    await consoleSignIn(page, server);
  });

  test('开具介绍信 through the drawer: the member is 在途', async () => {
    const roster = await api<PageOf<MemberSummary>>(server, token, `/members?orgId=${branch.id}&status=full&pageSize=50`);
    const m = roster.items.find((x) => x.orgId === branch.id)!;
    const today = toLocalDate(new Date());
    const t = await api<TransferView>(server, token, '/transfers', {
      method: 'POST',
      body: JSON.stringify({ memberId: m.id, kind: 'formal', toOrgId: target.id, requestedOn: today }),
    });
    await api(server, token, `/transfers/${t.id}/approve`, { method: 'POST', body: JSON.stringify({ on: today }) });

    await page.locator('.ant-menu-submenu-title', { hasText: '党员关怀' }).click();
    await page.locator('.ant-menu-item', { hasText: '组织关系转接' }).click();
    await page.waitForURL(/\/console\/care\/transfers$/);
    await consolePickOrg(page, 'transfers-org', township);
    await page.locator(`[data-testid=transfer-issue-${t.id}]`).click();
    const drawer = page.locator('[data-testid=transfer-step-drawer]');
    await drawer.waitFor();
    const answer = page.waitForResponse(
      (r) => r.request().method() === 'POST' && new URL(r.url()).pathname.endsWith(`/transfers/${t.id}/issue`),
    );
    await page.click('[data-testid=transfer-step-save]');
    expect((await answer).status()).toBe(200);
    await drawer.waitFor({ state: 'detached' });

    await page.click('[data-testid=transfers-tab-transit]');
    const status = page.locator(`[data-testid=transfer-status-${t.id}]`);
    await status.waitFor();
    expect(await status.innerText()).toContain('在途');
    expect(await page.locator('[data-testid=transfers-summary]').innerText()).toMatch(/在途 [1-9]\d* 人/);
    const saved = await api<TransferView>(server, token, `/transfers/${t.id}`);
    expect(saved).toMatchObject({ status: 'issued', issuedOn: today, duesPaidThrough: today.slice(0, 7) });
  });

  test('登记转入 from an org outside the deployment, then 接收: the person is on the roster', async () => {
    const name = `转入${run}`;
    await page.click('[data-testid=incoming-new]');
    const drawer = page.locator('[data-testid=incoming-drawer]');
    await drawer.waitFor();
    await drawer.locator('[data-testid=incoming-to-org]').click();
    await openDropdown(page).locator('.ant-select-item-option', { hasText: branch.name }).first().click();
    await drawer.locator('[data-testid=incoming-from]').fill('浙江省义乌市稠城街道某社区党委');
    await drawer.locator('[data-testid=incoming-letter-no]').fill(`浙组转〔2026〕${run}号`);
    await drawer.locator('[data-testid=incoming-name]').fill(name);
    await drawer.locator('[data-testid=incoming-id-card]').fill(idCard(run));
    const joined = drawer.locator('input#joinedOn');
    await joined.click();
    await joined.fill('2010-07-01');
    await joined.press('Enter');
    await waitUntil(async () => (await joined.inputValue()) === '2010-07-01', 'the date typed');
    const answer = page.waitForResponse(
      (r) => r.request().method() === 'POST' && new URL(r.url()).pathname.endsWith('/incoming-transfers'),
    );
    await page.click('[data-testid=incoming-save]');
    expect((await answer).status()).toBe(201);
    await drawer.waitFor({ state: 'detached' });

    await page.click('[data-testid=transfers-tab-external]');
    const letter = (await api<IncomingTransferView[]>(server, token, `/incoming-transfers?orgId=${township.id}`)).find(
      (x) => x.name === name,
    )!;
    expect(letter).toMatchObject({ status: 'registered', toOrgId: branch.id, joinedOn: '2010-07-01' });
    await page.locator(`[data-testid=incoming-receive-${letter.id}]`).click();
    const step = page.locator('[data-testid=transfer-step-drawer]');
    await step.waitFor();
    const received = page.waitForResponse(
      (r) => r.request().method() === 'POST' && new URL(r.url()).pathname.endsWith(`/incoming-transfers/${letter.id}/receive`),
    );
    await page.click('[data-testid=transfer-step-save]');
    expect((await received).status()).toBe(200);
    await waitUntil(
      async () => (await page.locator(`[data-testid=incoming-status-${letter.id}]`).innerText()).includes('已接收'),
      '已接收 shown',
    );
    const roster = await api<PageOf<MemberSummary>>(server, token, `/members?orgId=${branch.id}&q=${encodeURIComponent(name)}`);
    expect(roster.items.map((x) => x.name)).toEqual([name]);
  });

  test('党费台账: a branch publishes its year’s dues to its members (公开收缴情况)', async () => {
    const orgs = flatten(await api<OrgNode[]>(server, token, '/orgs'));
    const chengguan = orgs.find((o) => o.kind === 'township' && o.name.includes('城关镇'))!;
    const year = new Date().getFullYear();
    const lines = await api<MemberDuesYear[]>(server, token, `/dues?orgId=${chengguan.id}&year=${year}`);
    const cgBranches = flatten(chengguan.children).filter((o) => o.kind === 'branch');
    const payer = lines.find((l) => l.paidMonths.length > 0 && cgBranches.some((b) => b.name === l.orgName))!;
    const cgBranch = cgBranches.find((b) => b.name === payer.orgName)!;
    const other = lines.find((l) => l.orgName !== payer.orgName && cgBranches.some((b) => b.name === l.orgName))!;

    await consoleMenu(page, '党费台账', '/care/dues');
    await consolePickOrg(page, 'dues-org', cgBranch);
    await page.locator('[data-testid=dues-disclosure-publish]').waitFor();
    const answer = page.waitForResponse((r) => r.request().method() === 'POST' && new URL(r.url()).pathname.endsWith('/dues-disclosures'));
    await page.click('[data-testid=dues-disclosure-publish]');
    expect((await answer).status()).toBe(201);
    const link = page.locator('[data-testid=dues-disclosure-view]');
    await link.waitFor();
    expect(await link.innerText()).toContain(`已于 ${toLocalDate(new Date())} 向党员公开`);
    await link.click();
    const table = page.locator('[data-testid=dues-disclosure-table]');
    await table.waitFor();
    expect(await table.locator('tr', { hasText: payer.memberName }).first().innerText()).toContain(
      `${Number(payer.paidMonths[0].slice(5))}月`,
    );

    const mine = await api<DuesDisclosureView[]>(
      server,
      (await devLogin(server, payer.memberId)).token,
      `/dues-disclosures/mine?year=${year}`,
    );
    expect(mine.map((d) => d.orgId)).toEqual([cgBranch.id]);
    expect(mine[0].rows.find((r) => r.memberName === payer.memberName)!.paidMonths).toEqual(payer.paidMonths);
    expect(
      await api<DuesDisclosureView[]>(server, (await devLogin(server, other.memberId)).token, `/dues-disclosures/mine?year=${year}`),
    ).toEqual([]);
  });

  test('接收 is offered only where the caller can receive: the sending township sees 撤销, the receiving one 接收', async () => {
    const orgs = flatten(await api<OrgNode[]>(server, token, '/orgs'));
    const chengguan = orgs.find((o) => o.kind === 'township' && o.name.includes('城关镇'))!;
    const cgBranch = flatten(chengguan.children).find((o) => o.kind === 'branch')!;
    const roster = await api<PageOf<MemberSummary>>(server, token, `/members?orgId=${target.id}&status=full&pageSize=50`);
    const open = new Set(
      (await api<TransferView[]>(server, token, `/transfers?orgId=${township.id}`))
        .filter((x) => x.status !== 'received' && x.status !== 'cancelled')
        .map((x) => x.memberId),
    );
    const m = roster.items.find((x) => x.orgId === target.id && !x.exit && !open.has(x.id))!;
    const today = toLocalDate(new Date());
    const t = await api<TransferView>(server, token, '/transfers', {
      method: 'POST',
      body: JSON.stringify({ memberId: m.id, kind: 'formal', toOrgId: cgBranch.id, requestedOn: today }),
    });
    await api(server, token, `/transfers/${t.id}/approve`, { method: 'POST', body: JSON.stringify({ on: today }) });
    await api(server, token, `/transfers/${t.id}/issue`, {
      method: 'POST',
      body: JSON.stringify({ on: today, duesPaidThrough: today.slice(0, 7) }),
    });

    const signInAs = async (username: string, township: OrgNode) => {
      await page.goto(`${server.baseUrl}/console/report/overview`); // closes any dialog left open
      await page.locator('button', { hasText: '退出' }).click();
      await page.waitForURL(/\/console\/login$/);
      await consoleSignIn(page, server, { username, password: DEMO_ADMIN.password });
      const item = page.locator('.ant-menu-item', { hasText: '组织关系转接' });
      if (!(await item.isVisible())) await page.locator('.ant-menu-submenu-title', { hasText: '党员关怀' }).click();
      await consoleMenu(page, '组织关系转接', '/care/transfers');
      await consolePickOrg(page, 'transfers-org', township);
      await page.click('[data-testid=transfers-tab-transit]');
      await page.locator(`[data-testid=transfer-status-${t.id}]`).waitFor();
    };
    // 柳河镇 issued the letter: it may cancel it, not receive it (the server would refuse).
    await signInAs('zz_liuhe', township);
    await page.locator(`[data-testid=transfer-cancel-${t.id}]`).waitFor();
    expect(await page.locator(`[data-testid=transfer-receive-${t.id}]`).count()).toBe(0);
    // 城关镇 receives it: 接收, and no 撤销.
    await signInAs('zz_chengguan', chengguan);
    await page.locator(`[data-testid=transfer-receive-${t.id}]`).waitFor();
    expect(await page.locator(`[data-testid=transfer-cancel-${t.id}]`).count()).toBe(0);
  });
});
