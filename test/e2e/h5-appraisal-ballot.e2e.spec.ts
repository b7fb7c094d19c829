/**
 * 民主评议党员 · 民主测评 in the mini-program's H5 build, in Chromium at phone size against the real
 * server (a database of its own): the admin opens this year's round of a 城关镇 branch and issues
 * slips through the API; before voting the slip says it has not started; once open a phone opens
 * the slip's link without signing in, grades every member with the large buttons, submits → 已提交;
 * the same slip again says it was used; after close the tallies count the one ballot and the
 * unused slip says the vote has ended.
 * Build first: `npm run build -w @djzy/shared -w @djzy/server && npm run build:h5 -w @djzy/miniapp`.
 */
import type { ActivityView, AppraisalRoundView, AppraisalVoteResults, IssueAppraisalTokensResponse, OrgNode } from '@djzy/shared';
import { adminLogin, api, flatten } from '../support/e2e';
import { e2eSuite } from '../support/suite';

jest.setTimeout(120_000);

describe('mini-program H5 build: 民主评议党员测评', () => {
  const { server, page, pageErrors } = e2eSuite({
    client: 'h5',
    database: { own: 'it opens this year’s appraisal round of a 城关镇 branch' },
  });
  const year = new Date().getFullYear();
  let admin: string;
  let round: AppraisalRoundView;
  let tokens: string[];
  const post = <T>(path: string, body: object = {}) => api<T>(server, admin, path, { method: 'POST', body: JSON.stringify(body) });
  const open = async (token: string, waitFor: string) => {
    await page.goto(`${server.baseUrl}/h5/#/pages/appraisal-ballot/index?t=${token}&n=${Date.now()}`);
    await page.locator(waitFor).waitFor({ timeout: 30_000 });
  };

  beforeAll(async () => {
    admin = (await adminLogin(server)).token;
    const orgs = flatten(await api<OrgNode[]>(server, admin, '/orgs'));
    const chengguan = orgs.find((o) => o.kind === 'township' && o.name.includes('城关镇'))!;
    const branchId = (await api<AppraisalRoundView[]>(server, admin, `/appraisal-rounds?orgId=${chengguan.id}&year=${year - 1}`))[0].orgId;
    const startsAt = new Date(Date.now() + 3600_000);
    const meeting = await post<ActivityView>('/activities', {
      title: `${year}年度民主评议党员大会`,
      kind: 'democratic_appraisal',
      orgId: branchId,
      startsAt: startsAt.toISOString(),
      endsAt: new Date(startsAt.getTime() + 7200_000).toISOString(),
      place: '村党员活动室',
      checkinModes: ['qr'],
    });
    await post(`/activities/${meeting.id}/publish`);
    round = await post<AppraisalRoundView>('/appraisal-rounds', { orgId: branchId, year, meetingActivityId: meeting.id });
    tokens = (await post<IssueAppraisalTokensResponse>(`/appraisal-rounds/${round.id}/ballot-tokens`, { count: 2 })).tokens;
  });

  const inScope = () => round.appraisals.filter((a) => !a.excludedReason);

  test('before voting opens the slip says it has not started', async () => {
    await open(tokens[0], '#ballot-closed');
    expect((await page.locator('#ballot-closed').textContent()) ?? '').toContain('尚未开始');
    for (const step of ['open-self-review', 'open-peer-review', 'open-vote']) await post(`/appraisal-rounds/${round.id}/${step}`);
  });

  test('a slip opens the ballot without signing in and lists every member with the four grades', async () => {
    await open(tokens[0], '#ballot-reporter-0');
    expect(page.url()).toContain('/pages/appraisal-ballot/index');
    expect((await page.locator('#ballot-title').textContent()) ?? '').toContain('民主评议党员');
    const text = (await page.locator('.ballot').textContent()) ?? '';
    for (const a of inScope()) expect(text).toContain(a.memberName);
    for (const label of ['优秀', '合格', '基本合格', '不合格'])
      expect((await page.locator('#ballot-reporter-0').textContent()) ?? '').toContain(label);
  });

  test('grading every member and submitting once → 已提交', async () => {
    await page.locator('#ballot-submit').click();
    await page.locator('#ballot-error').waitFor();
    const n = inScope().length;
    for (let i = 0; i < n; i++) await page.locator(`#grade-${i}-${i === 0 ? 'excellent' : 'qualified'}`).click();
    await page.waitForFunction((k) => document.querySelector('#ballot-count')?.textContent?.includes(`${k} / ${k}`), n);
    await page.locator('#ballot-submit').click();
    await page.locator('#ballot-done').waitFor({ timeout: 15_000 });
    expect((await page.locator('#ballot-done').textContent())?.trim()).toBe('已提交');
  });

  test('the same slip again says it was used', async () => {
    await open(tokens[0], '#ballot-used');
    expect((await page.locator('#ballot-used').textContent()) ?? '').toContain('已经投过');
  });

  test('after close the tallies count the one ballot; the unused slip says the vote has ended', async () => {
    await post(`/appraisal-rounds/${round.id}/close-vote`);
    const results = await api<AppraisalVoteResults>(server, admin, `/appraisal-rounds/${round.id}/vote-results`);
    expect(results.phoneBallots).toBe(1);
    expect(results.rows.reduce((s, r) => s + r.phone.excellent, 0)).toBe(1);
    expect(results.rows.every((r) => r.phone.excellent + r.phone.qualified === 1)).toBe(true);
    await open(tokens[1], '#ballot-closed');
    expect((await page.locator('#ballot-closed').textContent()) ?? '').toContain('已经结束');
  });

  test('the page raised no script errors', () => {
    expect(pageErrors).toEqual([]);
  });
});
