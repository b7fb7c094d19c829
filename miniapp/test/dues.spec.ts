/**
 * 我的党费 in the built mini-program: the monthly amount the branch set, the months paid and those
 * still owed, each payment (months, amount, how, who paid for the member), last year on a tap;
 * no points, no ranking; 我的 opens it for a member.
 */
import { ERRORS, type MyDues } from '@djzy/shared';
import { ME } from './fixtures';
import { apiError, fakeApi, ok, onRequest, signedInPages, waitFor, waitForText, wxLog } from './harness';

const open = signedInPages();
const year = new Date().getFullYear();

const dues = (y: number, over: Partial<MyDues> = {}): MyDues => ({
  memberId: '101',
  memberName: '王秀兰',
  orgName: '红旗村党支部',
  year: y,
  base: {
    id: 'DB1',
    memberId: '101',
    memberName: '王秀兰',
    orgName: '红旗村党支部',
    year: y,
    category: 'farmer',
    baseCents: null,
    rateBp: null,
    monthlyCents: 100,
    overrideReason: null,
    setAt: `${y}-01-05T10:00:00+08:00`,
  },
  paidMonths: [`${y}-01`, `${y}-02`, `${y}-03`],
  unpaidMonths: [`${y}-04`, `${y}-05`],
  paidCents: 300,
  payments: [
    {
      id: 'P1',
      memberId: '101',
      memberName: '王秀兰',
      months: [`${y}-01`, `${y}-02`, `${y}-03`],
      amountCents: 300,
      method: 'proxy',
      proxyName: '其子 李*',
      paidOn: `${y}-01-05`,
      externalTxnId: null,
      receiptNo: 'CG001',
      note: null,
    },
  ],
  ...over,
});

test('shows the monthly amount, the months paid and owed, and each payment; never a score', async () => {
  const asked: string[] = [];
  onRequest(
    fakeApi({
      'GET /dues/mine': (req) => {
        asked.push(req.url);
        return ok(
          req.url.includes(`year=${year - 1}`)
            ? dues(year - 1, { paidMonths: [], unpaidMonths: [], payments: [], base: null })
            : dues(year),
        );
      },
    }),
  );
  const p = open('/sub/dues/index');
  await waitFor(() => p.find('dues-monthly'));
  expect(p.find('dues-monthly')?.textContent).toBe('每月应交：1.00 元（农民）');
  expect(p.find('dues-paid')?.textContent).toBe('已交月份：1月、2月、3月');
  expect(p.find('dues-unpaid')?.textContent).toBe('尚未交纳：4月、5月');
  expect(p.find('dues-payment-P1')?.textContent).toContain('3.00 元');
  expect(p.find('dues-payment-P1')?.textContent).toContain('委托代交（其子 李*代交）');
  expect(p.text()).not.toMatch(/排名|得分|积分/);
  expect(asked[0]).toContain(`/dues/mine?year=${year}`);

  await p.tap('dues-last-year');
  await waitFor(() => p.find('dues-no-base'));
  expect(p.find('dues-year')?.textContent).toBe(`${year - 1}年度`);
  expect(p.find('dues-empty')?.textContent).toBe('本年度暂无交纳记录');
  expect(p.find('dues-all-paid')).toBeTruthy();
  await p.tap('dues-this-year');
  await waitFor(() => p.find('dues-monthly'));
});

test('shows the server’s message when the dues cannot be read', async () => {
  onRequest(fakeApi({ 'GET /dues/mine': apiError(403, 'MEMBER_ACCOUNT_REQUIRED', ERRORS.MEMBER_ACCOUNT_REQUIRED.message) }));
  const p = open('/sub/dues/index');
  await waitForText(p, ERRORS.MEMBER_ACCOUNT_REQUIRED.message);
  expect(p.find('dues-error')).toBeTruthy();
});

test('我的 opens 我的党费 for a member', async () => {
  onRequest(fakeApi({ 'GET /me': ok(ME) }));
  const p = open('/pages/mine/index');
  await waitFor(() => p.find('entry-dues'));
  await p.tap('entry-dues');
  await waitFor(() => wxLog.navigation.length > 0);
  expect(wxLog.navigation).toEqual([{ api: 'navigateTo', url: '/sub/dues/index' }]);
});

test('支部党费公开: on a tap, the year’s summary the branch published (names, months, amounts)', async () => {
  const asked: string[] = [];
  onRequest(
    fakeApi({
      'GET /dues/mine': (req) => ok(dues(req.url.includes(`year=${year - 1}`) ? year - 1 : year)),
      'GET /dues-disclosures/mine': (req) => {
        asked.push(req.url);
        return ok(
          req.url.includes(`year=${year - 1}`)
            ? []
            : [
                {
                  id: 'DD1',
                  orgId: '11',
                  orgName: '红旗村党支部',
                  year,
                  publishedOn: `${year}-12-10`,
                  publishedByName: '李书记',
                  totalCents: 400,
                  note: '年度党费收缴情况',
                  rows: [
                    { memberName: '王秀兰', paidMonths: [`${year}-01`, `${year}-02`, `${year}-03`], paidCents: 300 },
                    { memberName: '张建国', paidMonths: [], paidCents: 0 },
                  ],
                },
              ],
        );
      },
    }),
  );
  const p = open('/sub/dues/index');
  await waitFor(() => p.find('dues-monthly'));
  expect(p.find('dues-disclosure-DD1')).toBeFalsy();
  await p.tap('dues-disclosure-open');
  await waitFor(() => p.find('dues-disclosure-DD1'));
  expect(p.find('dues-disclosure-head')?.textContent).toBe(`红旗村党支部于${year}-12-10公开，共收缴 4.00 元`);
  expect(p.find('dues-disclosure-DD1')?.textContent).toContain('王秀兰：已交 3 个月（1月、2月、3月），3.00 元');
  expect(p.find('dues-disclosure-DD1')?.textContent).toContain('张建国：未交，0.00 元');
  expect(asked[0]).toContain(`/dues-disclosures/mine?year=${year}`);
  // Last year: nothing published.
  await p.tap('dues-last-year');
  await waitFor(() => p.find('dues-this-year'));
  await p.tap('dues-disclosure-open');
  await waitFor(() => p.find('dues-disclosure-none'));
  expect(p.find('dues-disclosure-none')?.textContent).toBe(`支部尚未公开${year - 1}年度党费收缴情况`);
});
