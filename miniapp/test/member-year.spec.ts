/**
 * 评议与转接 in the built mini-program: my 民主评议 results (the grade once told, a year I was
 * excluded with the reason, a round still under way) and my 组织关系转接 (在途 with the letter's
 * last day, 已过有效期); 我的 opens it for a member.
 */
import { ERRORS, type MyAppraisal, type MyTransfer } from '@djzy/shared';
import { ME } from './fixtures';
import { apiError, fakeApi, ok, onRequest, signedInPages, waitFor, waitForText, wxLog } from './harness';

const open = signedInPages();

const APPRAISALS: MyAppraisal[] = [
  { roundId: 'R3', year: 2026, orgName: '红旗村党支部', status: 'voting', excludedReason: null, grade: null, feedbackAt: null },
  {
    roundId: 'R2',
    year: 2025,
    orgName: '红旗村党支部',
    status: 'reported',
    excludedReason: null,
    grade: 'excellent',
    feedbackAt: '2025-12-26T10:00:00+08:00',
  },
  { roundId: 'R1', year: 2024, orgName: '红旗村党支部', status: 'reported', excludedReason: 'ill', grade: null, feedbackAt: null },
];
const TRANSFERS: MyTransfer[] = [
  {
    id: 'T1',
    kind: 'formal',
    toOrgName: '丙村党支部',
    status: 'issued',
    issuedOn: '2026-11-25',
    validUntil: '2026-12-25',
    expired: false,
    expiresSoon: false,
  },
  {
    id: 'T2',
    kind: 'formal',
    toOrgName: '乙村党支部',
    status: 'issued',
    issuedOn: '2026-11-10',
    validUntil: '2026-12-10',
    expired: false,
    expiresSoon: true,
  },
  {
    id: 'T0',
    kind: 'temporary',
    toOrgName: '某公司党支部',
    status: 'issued',
    issuedOn: '2026-01-04',
    validUntil: '2026-02-04',
    expired: true,
    expiresSoon: false,
  },
];

test('shows my grades (once told) and my transfers with where they stand', async () => {
  onRequest(fakeApi({ 'GET /appraisal-rounds/mine': ok(APPRAISALS), 'GET /transfers/mine': ok(TRANSFERS) }));
  const p = open('/sub/member-year/index');
  await waitFor(() => p.find('appraisal-R2'));
  expect(p.find('appraisal-grade-R2')?.textContent).toBe('优秀');
  expect(p.find('appraisal-grade-R3')?.textContent).toBe('民主测评');
  expect(p.find('appraisal-grade-R1')?.textContent).toBe('未参评（因病）');
  expect(p.find('transfer-status-T1')?.textContent).toBe('在途');
  expect(p.find('transfer-valid-T1')?.textContent).toContain('2026-12-25');
  expect(p.find('transfer-status-T0')?.textContent).toBe('已过有效期');
  // The letter the 7-day reminder is about says so; a letter 在途 says the member counts nowhere meanwhile.
  expect(p.find('transfer-valid-T2')?.textContent).toBe('介绍信将于 2026-12-10 到期，请尽快到接收组织报到');
  expect(p.find('transfer-transit-T1')?.textContent).toContain('不计入原支部和接收组织的应到人数');
  expect(p.text()).not.toMatch(/排名|得分|积分/);
});

test('says so when there is nothing, and shows the server’s message on failure', async () => {
  onRequest(fakeApi({ 'GET /appraisal-rounds/mine': ok([]), 'GET /transfers/mine': ok([]) }));
  const p = open('/sub/member-year/index');
  await waitFor(() => p.find('appraisals-empty'));
  expect(p.find('transfers-empty')?.textContent).toBe('暂无转接记录');
  onRequest(
    fakeApi({
      'GET /appraisal-rounds/mine': apiError(403, 'MEMBER_ACCOUNT_REQUIRED', ERRORS.MEMBER_ACCOUNT_REQUIRED.message),
      'GET /transfers/mine': ok([]),
    }),
  );
  const q = open('/sub/member-year/index');
  await waitForText(q, ERRORS.MEMBER_ACCOUNT_REQUIRED.message);
});

test('我的 opens 评议与转接 for a member', async () => {
  onRequest(fakeApi({ 'GET /me': ok(ME) }));
  const p = open('/pages/mine/index');
  await waitFor(() => p.find('entry-member-year'));
  await p.tap('entry-member-year');
  await waitFor(() => wxLog.navigation.length > 0);
  expect(wxLog.navigation).toEqual([{ api: 'navigateTo', url: '/sub/member-year/index' }]);
});
