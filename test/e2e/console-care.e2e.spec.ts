/**
 * 慰问困难党员 in the console, in Chromium against the real server (the seeded demo county): the
 * township's 困难党员 list shows the members the committee assessed; 登记慰问 at 七一 for one of
 * them through the drawer (慰问金 per member) lands in 慰问记录 marked as counted for 七一 when the
 * date is in the window, and the record is what the API holds; in 党费台账 (城关镇) a member's next
 * unpaid month is recorded as paid by WeChat through the drawer, the amount filled from the standard;
 * 民主评议与处置 shows a branch's finished round of last year and the 限期改正 it led to.
 * Build first: `npm run build -w @djzy/shared -w @djzy/server -w @djzy/admin`.
 */
import {
  careWindowOf,
  toLocalDate,
  type AppraisalRoundView,
  type CareVisitView,
  type DisposalView,
  type HardshipView,
  type MemberDuesYear,
  type OrgNode,
} from '@djzy/shared';
import { adminLogin, api, consolePickOrg, consoleSelect, consoleSignIn, flatten } from '../support/e2e';
import { e2eSuite } from '../support/suite';

jest.setTimeout(120_000);

describe('web console: 慰问困难党员', () => {
  const { server, page } = e2eSuite({ client: 'console', database: 'shared' });
  const run = Date.now() % 100_000;
  const year = new Date().getFullYear();
  let token: string;
  let township: OrgNode;

  beforeAll(async () => {
    token = (await adminLogin(server)).token;
    const orgs = await api<OrgNode[]>(server, token, '/orgs');
    township = flatten(orgs).find((o) => o.kind === 'township' && o.name.includes('柳河镇'))!;
    await consoleSignIn(page, server);
  });

  test('困难党员: the committee’s list of the township', async () => {
    await page.locator('.ant-menu-submenu-title', { hasText: '党员关怀' }).click();
    await page.locator('.ant-menu-item', { hasText: '困难党员' }).click();
    await page.waitForURL(/\/console\/care\/hardships$/);
    await consolePickOrg(page, 'hardships-org', township);
    const hardships = await api<HardshipView[]>(server, token, `/hardships?orgId=${township.id}&status=active`);
    expect(hardships.length).toBeGreaterThan(0);
    const row = page.locator('[data-testid=hardships-table] tr', { hasText: hardships[0].memberName });
    await row.first().waitFor();
    expect(await page.locator('[data-testid=hardships-summary]').innerText()).toContain(`共 ${hardships.length} 人`);
  });

  test('慰问记录: a visit to a member in hardship registered through the drawer', async () => {
    const hardship = (await api<HardshipView[]>(server, token, `/hardships?orgId=${township.id}&status=active`))[0];
    await page.locator('.ant-menu-item', { hasText: '慰问记录' }).click();
    await page.waitForURL(/\/console\/care\/visits$/);
    await consolePickOrg(page, 'care-org', township);
    await page.locator('[data-testid=care-table]').waitFor();

    await page.click('[data-testid=care-new]');
    const drawer = page.locator('[data-testid=care-drawer]');
    await drawer.waitFor();
    await drawer.locator('[data-testid=care-members]').click();
    await page.locator('.ant-select-dropdown:visible .ant-select-item-option', { hasText: hardship.memberName }).first().click();
    await page.keyboard.press('Escape');
    await drawer.locator('[data-testid=care-visitors]').fill(`组织委员 王${run}`);
    await drawer.locator('[data-testid=care-amount]').fill('600');
    const answer = page.waitForResponse((r) => r.request().method() === 'POST' && new URL(r.url()).pathname.endsWith('/care-visits'));
    await page.click('[data-testid=care-save]');
    const res = await answer;
    expect(res.status()).toBe(201);
    await drawer.waitFor({ state: 'detached' });

    const today = toLocalDate(new Date());
    const row = page.locator('[data-testid=care-table] tr', { hasText: `组织委员 王${run}` });
    await row.waitFor();
    expect(await row.innerText()).toContain(
      careWindowOf(today) === 'qiyi' ? '七一' : careWindowOf(today) === 'spring_festival' ? '春节' : '否',
    );
    const saved = (await api<CareVisitView[]>(server, token, `/care-visits?orgId=${township.id}&year=${year}`)).find(
      (v) => v.visitors === `组织委员 王${run}`,
    )!;
    expect(saved).toMatchObject({
      memberId: hardship.memberId,
      on: today,
      occasion: 'qiyi',
      form: 'both',
      amountCents: 60_000,
      fundSource: 'party_dues',
      orgId: township.id,
    });
  });

  test('党费台账: the next unpaid month recorded through the drawer', async () => {
    const orgs = await api<OrgNode[]>(server, token, '/orgs');
    const chengguan = flatten(orgs).find((o) => o.kind === 'township' && o.name.includes('城关镇'))!;
    const owing = (await api<MemberDuesYear[]>(server, token, `/dues?orgId=${chengguan.id}&year=${year}`)).find(
      (y) => y.base && y.unpaidMonths.length > 0,
    )!;
    expect(owing).toBeTruthy();
    await page.locator('.ant-menu-item', { hasText: '党费台账' }).click();
    await page.waitForURL(/\/console\/care\/dues$/);
    await consolePickOrg(page, 'dues-org', chengguan);
    await page.locator(`[data-testid=dues-pay-${owing.memberId}]`).click();
    const drawer = page.locator('[data-testid=dues-pay-drawer]');
    await drawer.waitFor();
    await drawer.locator('[data-testid=dues-method]').click();
    await page.locator('.ant-select-dropdown:visible .ant-select-item-option', { hasText: '微信' }).click();
    await drawer.locator('[data-testid=dues-txn]').fill(`4200${run}`);
    const answer = page.waitForResponse((r) => r.request().method() === 'POST' && new URL(r.url()).pathname.endsWith('/dues-payments'));
    await page.click('[data-testid=dues-pay-save]');
    expect((await answer).status()).toBe(201);
    await drawer.waitFor({ state: 'detached' });
    const after = (await api<MemberDuesYear[]>(server, token, `/dues?orgId=${chengguan.id}&year=${year}`)).find(
      (y) => y.memberId === owing.memberId,
    )!;
    expect(after.paidMonths).toContain(owing.unpaidMonths[0]);
    expect(after.unpaidMonths.length).toBe(owing.unpaidMonths.length - 1);
  });

  test('民主评议与处置: last year’s finished round of a branch and the 限期改正 that followed', async () => {
    const orgs = flatten(await api<OrgNode[]>(server, token, '/orgs'));
    const round = (await api<AppraisalRoundView[]>(server, token, `/appraisal-rounds?year=${year - 1}`)).find((r) =>
      r.appraisals.some((a) => a.disposalId),
    )!;
    expect(round).toBeTruthy();
    const branch = orgs.find((o) => o.id === round.orgId)!;
    await page.locator('.ant-menu-item', { hasText: '民主评议与处置' }).click();
    await page.waitForURL(/\/console\/care\/appraisal$/);
    await consolePickOrg(page, 'appraisal-org', branch);
    await consoleSelect(page, 'appraisal-year', `${year - 1} 年`);
    await page.locator('[data-testid=appraisal-status]', { hasText: '已报上级' }).waitFor();
    const unqualified = round.appraisals.find((a) => a.grade === 'unqualified')!;
    const row = page.locator('[data-testid=appraisal-table] tr', { hasText: unqualified.memberName });
    expect(await row.first().innerText()).toContain('不合格');
    const disposal = (await api<DisposalView[]>(server, token, `/disposals?orgId=${branch.id}`)).find(
      (d) => d.id === unqualified.disposalId,
    )!;
    const drow = page.locator('[data-testid=disposals-table] tr', { hasText: disposal.memberName });
    await drow.first().waitFor();
    expect(await drow.first().innerText()).toContain('限期改正');
    expect(await drow.first().innerText()).toContain(disposal.rectifyUntil!);
  });
});
