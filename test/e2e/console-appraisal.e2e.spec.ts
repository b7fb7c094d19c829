/**
 * 民主评议党员 and 组织处置 in the console, in Chromium against the real server (the seeded demo
 * county, a database of its own): a 城关镇 branch opens this year's round on its 民主评议党员
 * meeting, records 自评 → 互评 → 测评; prints two QR slips (the H5 ballot link), one is voted
 * anonymously, paper ballots are entered, 结束测评 shows the tallies; the committee grades (the grade select), decides, tells
 * each member and reports; a draft disposal is proposed through the step drawer; 建议关注 lists
 * what the API lists, with the reasons and the note that it is no score.
 * Build first: `npm run build -w @djzy/shared -w @djzy/server -w @djzy/admin`.
 */
import type { ActivityView, AppraisalRoundView, AppraisalVoteResults, DisposalView, MemberWarningsView, OrgNode } from '@djzy/shared';
import { adminLogin, api, call, consoleMenu, consolePickOrg, consoleSignIn, flatten } from '../support/e2e';
import { e2eSuite } from '../support/suite';

jest.setTimeout(180_000);

describe('web console: 民主评议党员 and 组织处置', () => {
  const { server, page, pageErrors } = e2eSuite({
    client: 'console',
    database: { own: 'it opens this year’s round of a 城关镇 branch and proposes a disposal' },
  });
  const year = new Date().getFullYear();
  let token: string;
  let branch: OrgNode;
  let chengguan: OrgNode;
  let round: AppraisalRoundView;
  const post = <T>(path: string, body: object = {}) => api<T>(server, token, path, { method: 'POST', body: JSON.stringify(body) });

  beforeAll(async () => {
    token = (await adminLogin(server)).token;
    const orgs = flatten(await api<OrgNode[]>(server, token, '/orgs'));
    chengguan = orgs.find((o) => o.kind === 'township' && o.name.includes('城关镇'))!;
    const lastYear = await api<AppraisalRoundView[]>(server, token, `/appraisal-rounds?orgId=${chengguan.id}&year=${year - 1}`);
    // A branch with a round last year has Party members; this year it has none yet.
    branch = orgs.find((o) => o.id === lastYear[0].orgId)!;
    const startsAt = new Date(Date.now() + 3600_000);
    const meeting = await post<ActivityView>('/activities', {
      title: `${year}年度民主评议党员大会`,
      kind: 'democratic_appraisal',
      orgId: branch.id,
      startsAt: startsAt.toISOString(),
      endsAt: new Date(startsAt.getTime() + 7200_000).toISOString(),
      place: '村党员活动室',
      checkinModes: ['qr'],
    });
    await post(`/activities/${meeting.id}/publish`);
    await consoleSignIn(page, server);
  });

  const current = async () => (await api<AppraisalRoundView[]>(server, token, `/appraisal-rounds?orgId=${branch.id}&year=${year}`))[0];
  const move = async (testId: string, status: string) => {
    await page.click(`[data-testid=${testId}]`);
    await page.locator('[data-testid=appraisal-status]', { hasText: status }).waitFor();
  };

  test('opens this year’s round on the branch’s meeting and records 自评, 互评, 测评', async () => {
    await page.locator('.ant-menu-submenu-title', { hasText: '党员关怀' }).click();
    await page.locator('.ant-menu-item', { hasText: '民主评议与处置' }).click();
    await page.waitForURL(/\/console\/care\/appraisal$/);
    await consolePickOrg(page, 'appraisal-org', branch);
    await page.locator('[data-testid=appraisal-open]').waitFor();
    await page.locator('[data-testid=appraisal-meeting]').click();
    await page.locator('.ant-select-dropdown:visible .ant-select-item-option', { hasText: `${year}年度民主评议党员大会` }).click();
    const answer = page.waitForResponse((r) => r.request().method() === 'POST' && new URL(r.url()).pathname.endsWith('/appraisal-rounds'));
    await page.click('[data-testid=appraisal-open-save]');
    expect((await answer).status()).toBe(201);
    await page.locator('[data-testid=appraisal-status]', { hasText: '准备' }).waitFor();
    round = await current();
    expect(round.membersInScope).toBeGreaterThan(2);
    await move('round-open-self-review', '个人自评');
    await move('round-open-peer-review', '党员互评');
    await move('round-open-vote', '民主测评');
    expect((await current()).status).toBe('voting');
  });

  test('测评票: two QR slips printed, one voted without sign-in; 结束测评 shows the tallies', async () => {
    await page.locator('[data-testid=appraisal-token-count]').fill('2');
    const popup = page.waitForEvent('popup');
    await page.click('[data-testid=appraisal-issue-tokens]');
    const slips = await popup;
    await slips.locator('[data-testid=ballot-slip]').first().waitFor();
    expect(await slips.locator('[data-testid=ballot-slip]').count()).toBe(2);
    const url = (await slips.locator('[data-testid=ballot-slip]').first().getAttribute('data-url'))!;
    expect(url).toContain('/h5/#/pages/appraisal-ballot/index?t=');
    expect(await slips.locator('[data-testid=ballot-slip]').first().innerText()).toContain('民主评议党员');
    await slips.close();
    await page.locator('[data-testid=appraisal-vote-counts]', { hasText: '已生成 2 张' }).waitFor();
    // One slip voted, as a phone would: no sign-in.
    const t = decodeURIComponent(/[?&]t=([^&]+)/.exec(url)![1]);
    const cast = await call(server, null, '/appraisal-ballots', {
      method: 'POST',
      body: JSON.stringify({
        token: t,
        grades: round.appraisals.filter((a) => !a.excludedReason).map((a) => ({ memberId: a.memberId, grade: 'qualified' })),
      }),
    });
    expect(cast.status).toBe(201);
    // Paper ballots, the alternative: the clerk enters 2 × 合格 for the first member.
    const first = round.appraisals.find((a) => !a.excludedReason)!;
    await page.click('[data-testid=appraisal-paper]');
    const drawer = page.locator('[data-testid=appraisal-paper-drawer]');
    await drawer.waitFor();
    await drawer.locator(`[data-testid=paper-${first.memberId}-qualified]`).fill('2');
    const saved = page.waitForResponse((r) => r.request().method() === 'PUT' && new URL(r.url()).pathname.endsWith('/tallies'));
    await page.click('[data-testid=appraisal-paper-save]');
    expect((await saved).status()).toBe(200);
    await drawer.waitFor({ state: 'detached' });
    await page.click('[data-testid=appraisal-close-vote]');
    await page.locator('[data-testid=appraisal-vote-summary]').waitFor();
    const results = await api<AppraisalVoteResults>(server, token, `/appraisal-rounds/${round.id}/vote-results`);
    expect(results).toMatchObject({ phoneBallots: 1, paperBallots: 2, validBallots: 3 });
    expect(await page.locator('[data-testid=appraisal-vote-summary]').innerText()).toContain('手机 1，纸质 2');
    // Below ⅔ of the members in scope the tallies are marked as a reference only.
    if (results.warning) expect(await page.locator('[data-testid=appraisal-vote-warning]').innerText()).toContain('仅供参考');
    const row = await page.locator('[data-testid=appraisal-vote-results] tr', { hasText: first.memberName }).first().innerText();
    expect(row).toContain('0 / 1 / 0 / 0');
    expect(row).toContain('0 / 3 / 0 / 0');
    // The papers graded only the first member: for another one they count as 弃权.
    const second = round.appraisals.filter((a) => !a.excludedReason)[1];
    if (second) expect(await page.locator(`[data-testid=appraisal-abstain-${second.memberId}]`).innerText()).toBe('2');
    expect(await page.locator(`[data-testid=appraisal-abstain-${first.memberId}]`).innerText()).toBe('0');
  });

  test('组织评定: grades set (one through the select), decided, told to each member, reported', async () => {
    await move('round-open-rating', '组织评定');
    const inScope = round.appraisals.filter((a) => !a.excludedReason);
    const first = inScope[0];
    const answer = page.waitForResponse((r) => r.request().method() === 'PUT' && new URL(r.url()).pathname.endsWith('/grades'));
    await page.locator(`[data-testid=grade-${first.memberId}]`).click();
    await page.locator('.ant-select-dropdown:visible .ant-select-item-option', { hasText: '合格' }).first().click();
    expect((await answer).status()).toBe(200);
    expect((await current()).appraisals.find((a) => a.memberId === first.memberId)!.grade).toBe('qualified');
    await api(server, token, `/appraisal-rounds/${round.id}/grades`, {
      method: 'PUT',
      body: JSON.stringify({ grades: inScope.slice(1).map((a) => ({ memberId: a.memberId, grade: 'qualified' })) }),
    });
    await page.reload();
    await consolePickOrg(page, 'appraisal-org', branch);
    await move('round-decide', '反馈结果');
    const told = page.waitForResponse((r) => r.request().method() === 'POST' && new URL(r.url()).pathname.endsWith('/feedback'));
    await page.click(`[data-testid=feedback-${first.memberId}]`);
    expect((await told).status()).toBe(200);
    for (const a of inScope.slice(1)) await post(`/appraisal-rounds/${round.id}/feedback`, { memberId: a.memberId });
    await page.reload();
    await consolePickOrg(page, 'appraisal-org', branch);
    await move('round-report', '已报上级');
    expect((await current()).status).toBe('reported');
  });

  test('组织处置: a draft is proposed through the step drawer', async () => {
    const member = round.appraisals.find((a) => !a.excludedReason && a.memberStatus === 'full')!;
    const draft = await post<DisposalView>('/disposals', { memberId: member.memberId, kind: 'rectify', grounds: ['no_org_life'] });
    await page.reload();
    await consolePickOrg(page, 'appraisal-org', branch);
    await page.click(`[data-testid=disposal-propose-${draft.id}]`);
    const drawer = page.locator('[data-testid=disposal-step-drawer]');
    await drawer.waitFor();
    await drawer.locator('[data-testid=disposal-step-text]').fill('支委会研究，提出限期改正');
    const answer = page.waitForResponse(
      (r) => r.request().method() === 'POST' && new URL(r.url()).pathname.endsWith(`/disposals/${draft.id}/propose`),
    );
    await page.click('[data-testid=disposal-step-save]');
    expect((await answer).status()).toBe(200);
    await drawer.waitFor({ state: 'detached' });
    const row = page.locator('[data-testid=disposals-table] tr', { hasText: member.memberName }).filter({ hasText: '支委会提出' });
    await row.first().waitFor();
    expect((await api<DisposalView>(server, token, `/disposals/${draft.id}`)).status).toBe('proposed');
  });

  test('建议关注: the township’s list as the API has it, each row with its reasons; no score', async () => {
    await consoleMenu(page, '建议关注', '/care/warnings');
    await consolePickOrg(page, 'warnings-org', chengguan);
    const note = page.locator('[data-testid=warnings-note]');
    await note.waitFor();
    expect(await note.innerText()).toContain('不是评分或排名');
    const view = await api<MemberWarningsView>(server, token, `/member-warnings?orgId=${chengguan.id}`);
    const table = page.locator('[data-testid=warnings-table]');
    if (view.rows.length) {
      const row = view.rows[0];
      await page.locator(`[data-testid=warning-${row.memberId}-${row.reasons[0].kind}]`).waitFor();
      expect(await page.locator(`[data-testid=warning-${row.memberId}-${row.reasons[0].kind}]`).innerText()).toContain(row.reasons[0].text);
    } else await table.locator('.ant-empty', { hasText: '暂无需要关注' }).waitFor();
    expect(await table.innerText()).not.toMatch(/排名|得分|分数/);
  });

  test('the console raised no script errors', () => {
    expect(pageErrors).toEqual([]);
  });
});
