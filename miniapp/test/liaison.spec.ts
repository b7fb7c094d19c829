/**
 * 联户联系 and 我的办实事 in the built mini-program: my links with their households and the next
 * reminder day (only when an interval is set — never a score); 记录走访 posts the day (today by
 * default), the household, what, and needs — one marked 登记为办实事 — with an Idempotency-Key, and
 * a retry after a failure resends the same key; 我的办实事 starts a deed and closes it only with a
 * result; 我的 links to both only for a member who has them.
 */
import { ERRORS, toLocalDate, type DeedView, type LiaisonContactView, type LiaisonView, type LogLiaisonContactRequest } from '@djzy/shared';
import { ME } from './fixtures';
import { apiError, fakeApi, flush, ok, onRequest, signedInPages, waitFor, waitForText, wxLog } from './harness';

const open = signedInPages();

const LINK: LiaisonView = {
  id: 'L1',
  orgId: 'B1',
  orgName: '红旗村党支部',
  memberId: 'M1',
  memberName: '王秀兰',
  kind: 'member_household',
  scope: 'household',
  targetOrgId: null,
  targetOrgName: null,
  areaName: null,
  households: [
    { id: 'H1', name: '张*明家', note: '独居老人' },
    { id: 'H2', name: '李*华家', note: null },
    { id: 'H3', name: '赵*国家', note: null },
    { id: 'H4', name: '刘*英家', note: null },
    { id: 'H5', name: '陈*林家', note: null },
  ],
  from: '2026-01-01',
  to: null,
  contactIntervalDays: 30,
  lastContactOn: '2026-11-20',
  nextContactOn: '2026-12-20',
  contacts: 4,
};
const AREA: LiaisonView = {
  ...LINK,
  id: 'L2',
  kind: 'committee_area',
  scope: 'area',
  areaName: '一组、二组',
  households: [],
  contactIntervalDays: null,
  nextContactOn: null,
};

const contact = (over: Partial<LiaisonContactView> & Pick<LiaisonContactView, 'id'>): LiaisonContactView => ({
  liaisonId: 'L1',
  memberId: 'M1',
  memberName: '王秀兰',
  on: '2026-11-20',
  householdId: 'H1',
  householdName: '张*明家',
  what: '了解生活情况',
  needs: [],
  createdAt: '2026-11-20T10:00:00+08:00',
  ...over,
});

const deed = (over: Partial<DeedView> & Pick<DeedView, 'id'>): DeedView => ({
  orgId: 'B1',
  orgName: '红旗村党支部',
  title: '帮助办理高龄补贴',
  category: '医疗养老',
  requester: '张*明家',
  source: 'liaison',
  sourceRef: 'C1',
  responsibleMemberId: 'M1',
  responsibleName: '王秀兰',
  promisedBy: '2026-12-30',
  status: 'accepted',
  overdue: false,
  overdueDays: 0,
  result: null,
  doneAt: null,
  closedAt: null,
  declineReason: null,
  followUpAt: null,
  followUpByName: null,
  followUpSatisfied: null,
  followUpNote: null,
  createdByName: '王秀兰',
  createdAt: '2026-11-20T11:00:00+08:00',
  allowedMoves: ['start'],
  ...over,
});

test('联户联系 lists my links with households, last visit and the reminder day, and opens 记录走访', async () => {
  onRequest(
    fakeApi({
      'GET /liaisons/mine': ok({
        liaisons: [LINK, AREA],
        recentContacts: [contact({ id: 'C1', needs: [{ text: '帮助办理高龄补贴', deedId: 'D1', serviceRequestId: null }] })],
      }),
    }),
  );
  const p = open('/sub/liaison/index');
  await waitFor(() => p.find('lz-L1'));
  expect(p.find('lz-homes-L1')?.textContent).toContain('张*明家（独居老人）');
  expect(p.find('lz-last-L1')?.textContent).toBe('最近走访：2026-11-20');
  expect(p.find('lz-next-L1')?.textContent).toBe('下次走访提醒：2026-12-20');
  // no interval, no reminder; and never a score or a rank
  expect(p.find('lz-next-L2')).toBeNull();
  expect(p.text()).toContain('联系片区：一组、二组');
  expect(p.text()).not.toMatch(/排名|得分|积分/);
  expect(p.find('liaison-recent')?.textContent).toContain('已登记为办实事');
  await p.tap('lz-log-L1');
  await waitFor(() => wxLog.navigation.length > 0);
  expect(wxLog.navigation).toEqual([{ api: 'navigateTo', url: '/sub/liaison/contact?liaisonId=L1' }]);
});

test('记录走访 posts today, the household, what and a need marked 登记为办实事, with one key kept across a retry', async () => {
  const bodies: LogLiaisonContactRequest[] = [];
  const keys: string[] = [];
  onRequest(
    fakeApi({
      'GET /liaisons/mine': ok({ liaisons: [LINK], recentContacts: [] }),
      'GET /liaison-contacts': ok({ total: 0, items: [] }),
      'POST /liaisons/L1/contacts': (req) => {
        bodies.push(req.data as LogLiaisonContactRequest);
        keys.push(req.header['Idempotency-Key']);
        if (bodies.length === 1) return apiError(503, 'SERVICE_UNAVAILABLE', ERRORS.SERVICE_UNAVAILABLE.message);
        return ok(
          contact({
            id: 'C9',
            on: toLocalDate(new Date()),
            needs: [
              { text: '门前排水沟堵塞', deedId: 'D9', serviceRequestId: null },
              { text: '想了解养老保险', deedId: null, serviceRequestId: null },
            ],
          }),
          201,
        );
      },
    }),
  );
  const p = open('/sub/liaison/contact', { liaisonId: 'L1' });
  await waitFor(() => p.find('household-H1'));
  expect(p.find('contact-on')?.textContent).toBe(toLocalDate(new Date()));
  // nothing is sent without what was learned
  await p.tap('contact-submit');
  await waitFor(() => p.find('contact-what-error'));
  expect(wxLog.requests.filter((r) => r.method === 'POST')).toHaveLength(0);

  await p.tap('household-H1');
  await p.input('contact-what', '老人腿脚不便，了解生活情况');
  await p.tap('need-add');
  await waitFor(() => p.find('need-0'));
  await p.input('need-0', '门前排水沟堵塞');
  await p.tap('need-add');
  await waitFor(() => p.find('need-1'));
  await p.input('need-1', '想了解养老保险');
  await p.fire('need-deed-1', 'change', { value: false });
  await flush(50);
  await p.tap('contact-submit');
  await waitFor(() => bodies.length >= 1 && !p.find('contact-submit')?.getAttribute('loading'));
  await waitFor(() => p.find('contact-error') || p.find('contact-saved'));
  if (!p.find('contact-saved')) {
    await p.tap('contact-submit');
    await waitFor(() => p.find('contact-saved'));
  }
  expect(bodies.at(-1)).toEqual({
    on: toLocalDate(new Date()),
    householdId: 'H1',
    what: '老人腿脚不便，了解生活情况',
    needs: [{ text: '门前排水沟堵塞', toDeed: true }, { text: '想了解养老保险' }],
  });
  expect(new Set(keys).size).toBe(1);
  expect(p.find('contact-saved')?.textContent).toBe('已记录，1 项需求已登记为办实事');
  expect(p.text()).not.toMatch(/定位|照片|拍照/);
});

test('我的办实事: 开始办理, then 办结 only with a result; the server’s 409 is shown', async () => {
  let state: DeedView = deed({ id: 'D1' });
  let dones = 0;
  onRequest(
    fakeApi({
      'GET /deeds': ok({
        total: 2,
        items: [
          state,
          deed({ id: 'D2', title: '疏通排水沟', status: 'in_progress', overdue: true, overdueDays: 3, allowedMoves: ['done'] }),
        ],
      }),
      'POST /deeds/D1/start': () => {
        state = { ...state, status: 'in_progress', allowedMoves: ['done'] };
        return ok(state);
      },
      'POST /deeds/D1/done': (req) => {
        dones += 1;
        if (dones === 1) return apiError(409, 'STATE_CONFLICT', ERRORS.STATE_CONFLICT.message, { from: 'done', allowed: ['in_progress'] });
        return ok({ ...state, status: 'done', result: (req.data as { result: string }).result, allowedMoves: [] });
      },
    }),
  );
  const p = open('/sub/deeds/index');
  await waitFor(() => p.find('deed-D1'));
  expect(wxLog.requests.find((r) => r.path.startsWith('/deeds'))?.path).toContain('mine=true');
  expect(p.find('deed-status-D1')?.textContent).toBe('已受理');
  expect(p.find('deed-overdue-D2')?.textContent).toBe('逾期 3 天');
  expect(p.find('deed-finish-D1')).toBeNull();

  await p.tap('deed-start-D1');
  await waitFor(() => p.find('deed-status-D1')?.textContent === '办理中');
  await p.tap('deed-finish-D1');
  await waitFor(() => p.find('deed-done-D1'));
  await p.tap('deed-done-D1');
  await waitFor(() => p.find('deed-error-D1'));
  expect(p.find('deed-error-D1')?.textContent).toBe('请填写办理结果，办结须写明办了什么');
  expect(dones).toBe(0);

  await p.input('deed-result-D1', '协助准备材料，补贴已到账');
  await flush(50);
  await p.tap('deed-done-D1');
  await waitForText(p, ERRORS.STATE_CONFLICT.message);
  await p.tap('deed-done-D1');
  await waitFor(() => p.find('deed-status-D1')?.textContent === '已办结');
  expect(p.text()).toContain('办理结果：协助准备材料，补贴已到账');
  expect(p.find('deed-done-D1')).toBeNull();
});

test('我的 links to 联户联系 and 我的办实事 only for a member who has them', async () => {
  onRequest(
    fakeApi({
      'GET /me': ok(ME),
      'GET /liaisons/mine': ok({ liaisons: [LINK], recentContacts: [] }),
      'GET /deeds': ok({ total: 1, items: [deed({ id: 'D1' })] }),
    }),
  );
  const p = open('/pages/mine/index');
  await waitFor(() => p.find('entry-liaison'));
  await waitFor(() => p.find('entry-deeds'));
  await p.tap('entry-liaison');
  await p.tap('entry-deeds');
  await waitFor(() => wxLog.navigation.length > 1);
  expect(wxLog.navigation).toEqual([
    { api: 'navigateTo', url: '/sub/liaison/index' },
    { api: 'navigateTo', url: '/sub/deeds/index' },
  ]);
  p.close();

  onRequest(
    fakeApi({
      'GET /me': ok(ME),
      'GET /liaisons/mine': ok({ liaisons: [], recentContacts: [] }),
      'GET /deeds': ok({ total: 0, items: [] }),
    }),
  );
  const q = open('/pages/mine/index');
  await waitForText(q, '投诉建议');
  await waitFor(() => wxLog.requests.some((r) => r.path.startsWith('/deeds')));
  await flush(50);
  expect(q.find('entry-liaison')).toBeNull();
  expect(q.find('entry-deeds')).toBeNull();
});
