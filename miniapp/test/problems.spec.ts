/**
 * 我的整改任务 in the built mini-program: the list (deadline, 逾期 N 天, status), the detail with
 * its history, 记录整改进展 with activities I took part in as evidence (`{ text, evidence }`),
 * 申请销号 only while 整改中 and only after a confirmation, the server's 409/400 in its words, and
 * the entry on 我的 only for a member who has tasks.
 */
import { ERRORS, PROBLEM_EVENT_LABELS, type ProblemProgressRequest } from '@djzy/shared';
import { ME, activity, problem, problemEvent } from './fixtures';
import { apiError, fakeApi, flush, ok, onRequest, setModalConfirm, signedInPages, waitFor, waitForText, wxLog } from './harness';

const open = signedInPages();
const posts = (suffix: string) => wxLog.requests.filter((r) => r.method === 'POST' && r.path.endsWith(suffix));

const LATE = problem({
  id: 'P1',
  category: '党员发展程序不规范',
  status: 'rectifying',
  overdue: true,
  overdueDays: 5,
  deadline: '2026-11-01',
});
const NEW = problem({ id: 'P2', category: '三务公开不及时', status: 'assigned' });
const DONE = problem({ id: 'P3', status: 'closed', canRectify: false });

const HISTORY = [
  problemEvent({ id: 'E1', kind: 'registered', text: null }),
  problemEvent({ id: 'E2', kind: 'assigned', text: '请于年底前完成整改' }),
  problemEvent({
    id: 'E3',
    kind: 'progress',
    byName: '王秀兰',
    text: '已补齐会议记录',
    evidence: [{ type: 'activity', id: 'A9', label: '11月支委会 · 2026-11-05' }],
  }),
];

// The member's own activities: two taken part in, one missed (not offered as evidence).
const MY_ACTIVITIES = {
  total: 3,
  items: [
    activity({ id: 'A1', title: '整改专题组织生活会', myStatus: 'checked_in' }),
    activity({ id: 'A2', title: '11月主题党日', myStatus: 'checked_in' }),
    activity({ id: 'A3', title: '10月党课', myStatus: 'absent' }),
  ],
};

test('the list shows each task with its deadline, 逾期 N 天 in red and its status, and opens the detail', async () => {
  onRequest(fakeApi({ 'GET /problems': ok({ total: 3, items: [LATE, NEW, DONE] }) }));
  const p = open('/pages/problems/index');
  await waitFor(() => p.find('pb-P1'));
  expect(wxLog.requests.find((r) => r.path.startsWith('/problems'))?.path).toContain('mine=true');
  expect(p.find('pb-overdue-P1')?.textContent).toBe('逾期 5 天');
  expect(p.find('pb-status-P1')?.className).toContain('pb-status-overdue');
  expect(p.find('pb-status-P1')?.textContent).toBe('整改中');
  expect(p.find('pb-overdue-P2')).toBeNull();
  expect(p.find('pb-status-P2')?.textContent).toBe('已交办');
  expect(p.find('pb-status-P3')?.textContent).toBe('已销号');
  expect(p.text()).toContain('整改期限：2026-11-01前');
  expect(p.text()).toContain('交办单位：城关镇党委');

  await p.tap('pb-P1');
  await waitFor(() => wxLog.navigation.length > 0);
  expect(wxLog.navigation).toEqual([{ api: 'navigateTo', url: '/pages/problems/detail?id=P1' }]);
});

test('an empty list says so', async () => {
  onRequest(fakeApi({ 'GET /problems': ok({ total: 0, items: [] }) }));
  const p = open('/pages/problems/index');
  await waitForText(p, '没有需要您整改的问题');
});

test('the detail shows the description, overdue days and the history with labels and evidence', async () => {
  onRequest(fakeApi({ 'GET /problems/P1': ok({ ...LATE, events: HISTORY }), 'GET /activities': ok(MY_ACTIVITIES) }));
  const p = open('/pages/problems/detail', { id: 'P1' });
  await waitFor(() => p.find('problem-history'));
  expect(p.find('problem-description')?.textContent).toBe(LATE.description);
  expect(p.find('problem-overdue')?.textContent).toBe('已逾期 5 天');
  expect(p.find('problem-deadline')?.textContent).toBe('2026-11-01前');
  const history = p.find('problem-history')!.textContent!;
  for (const kind of ['registered', 'assigned', 'progress'] as const) expect(history).toContain(PROBLEM_EVENT_LABELS[kind]);
  expect(history).toContain('已补齐会议记录');
  expect(history).toContain('佐证：11月支委会 · 2026-11-05');
});

test('progress with one activity taken part in posts { text, evidence: [{ type: activity, id }] }', async () => {
  let body: ProblemProgressRequest | null = null;
  onRequest(
    fakeApi({
      'GET /problems/P2': ok({ ...NEW, events: HISTORY.slice(0, 2) }),
      'GET /activities': ok(MY_ACTIVITIES),
      'POST /problems/P2/progress': (req) => {
        body = req.data as ProblemProgressRequest;
        return ok({
          ...NEW,
          status: 'rectifying',
          events: [...HISTORY.slice(0, 2), problemEvent({ id: 'E9', kind: 'progress', byName: '王秀兰', text: '召开专题组织生活会' })],
        });
      },
    }),
  );
  const p = open('/pages/problems/detail', { id: 'P2' });
  await waitFor(() => p.find('pick-A1'));
  // only what I took part in is offered; 申请销号 only once 整改中
  expect(p.find('pick-A3')).toBeNull();
  expect(p.find('problem-submit')).toBeNull();
  const activitiesAsked = wxLog.requests.find((r) => r.path.startsWith('/activities'));
  expect(activitiesAsked?.path).toContain('mine=true');

  await p.input('progress-text', '召开专题组织生活会');
  await p.tap('pick-A1');
  await p.tap('pick-A2');
  await p.tap('pick-A2'); // changed my mind
  await flush(50); // let what was typed render before 提交
  await p.tap('progress-submit');
  await waitFor(() => p.find('progress-saved'));
  expect(body).toEqual({ text: '召开专题组织生活会', evidence: [{ type: 'activity', id: 'A1' }] });
  // the answer is shown: now 整改中, with the new step in the history and 申请销号 offered
  expect(p.find('problem-status')?.textContent).toBe('整改中');
  expect(p.find('event-E9')).not.toBeNull();
  await waitFor(() => p.find('problem-submit'));
});

test('progress without evidence sends text only; an empty text is asked for first', async () => {
  let body: ProblemProgressRequest | null = null;
  onRequest(
    fakeApi({
      'GET /problems/P2': ok(NEW),
      'GET /activities': ok({ total: 0, items: [] }),
      'POST /problems/P2/progress': (req) => {
        body = req.data as ProblemProgressRequest;
        return ok({ ...NEW, status: 'rectifying' });
      },
    }),
  );
  const p = open('/pages/problems/detail', { id: 'P2' });
  await waitFor(() => p.find('progress-no-activities'));
  await flush(50); // let what was typed render before 提交
  await p.tap('progress-submit');
  await waitFor(() => p.find('progress-text-error'));
  expect(p.find('progress-text-error')?.textContent).toBe('请填写整改进展');
  expect(posts('/progress')).toHaveLength(0);
  await p.input('progress-text', '已整改');
  await flush(50); // let what was typed render before 提交
  await p.tap('progress-submit');
  await waitFor(() => p.find('progress-saved'));
  expect(body).toEqual({ text: '已整改' });
});

test("the server's evidence error shows under the picker", async () => {
  onRequest(
    fakeApi({
      'GET /problems/P2': ok(NEW),
      'GET /activities': ok(MY_ACTIVITIES),
      'POST /problems/P2/progress': apiError(400, 'VALIDATION_FAILED', ERRORS.VALIDATION_FAILED.message, [
        { field: 'evidence.0.id', message: '关联的活动不存在或不属于该组织' },
      ]),
    }),
  );
  const p = open('/pages/problems/detail', { id: 'P2' });
  await waitFor(() => p.find('pick-A1'));
  await p.input('progress-text', '已整改');
  await p.tap('pick-A1');
  await flush(50); // let what was typed render before 提交
  await p.tap('progress-submit');
  await waitFor(() => p.find('progress-evidence-error'));
  expect(p.find('progress-evidence-error')?.textContent).toBe('关联的活动不存在或不属于该组织');
});

test('申请销号 asks first, then posts submit and shows 申请销号; a 409 is shown in Chinese', async () => {
  let submits = 0;
  onRequest(
    fakeApi({
      'GET /problems/P1': ok(LATE),
      'GET /activities': ok(MY_ACTIVITIES),
      'POST /problems/P1/submit': () => {
        submits += 1;
        if (submits === 1) return apiError(409, 'STATE_CONFLICT', ERRORS.STATE_CONFLICT.message);
        return ok({ ...LATE, status: 'submitted' });
      },
    }),
  );
  const p = open('/pages/problems/detail', { id: 'P1' });
  await waitFor(() => p.find('problem-submit'));

  // cancelled: nothing sent
  setModalConfirm(false);
  await p.tap('problem-submit');
  await waitFor(() => wxLog.modals.length === 1);
  expect(wxLog.modals[0]).toContain('城关镇党委');
  await flush(20);
  expect(posts('/submit')).toHaveLength(0);

  // confirmed, but the state moved meanwhile
  setModalConfirm(true);
  await p.tap('problem-submit');
  await waitFor(() => p.find('progress-error'));
  expect(p.find('progress-error')?.textContent).toBe(ERRORS.STATE_CONFLICT.message);

  await p.tap('problem-submit');
  await waitFor(() => p.find('problem-waiting'));
  expect(p.find('problem-status')?.textContent).toBe('申请销号');
  expect(p.find('problem-submit')).toBeNull();
  expect(p.find('progress-form')).toBeNull();
  expect(posts('/submit')).toHaveLength(2);
});

test('a task I may not act on (or already 申请销号) has no form and no 申请销号', async () => {
  onRequest(fakeApi({ 'GET /problems/P3': ok({ ...DONE, events: HISTORY }) }));
  const p = open('/pages/problems/detail', { id: 'P3' });
  await waitFor(() => p.find('problem-history'));
  expect(p.find('progress-form')).toBeNull();
  expect(p.find('problem-submit')).toBeNull();
  expect(wxLog.requests.some((r) => r.path.startsWith('/activities'))).toBe(false);
});

describe('我的 → 我的整改任务', () => {
  test('shown when the member has tasks, and opens the list', async () => {
    onRequest(fakeApi({ 'GET /me': ok(ME), 'GET /problems': ok({ total: 2, items: [LATE] }) }));
    const p = open('/pages/mine/index');
    await waitFor(() => p.find('entry-problems'));
    await p.tap('entry-problems');
    await waitFor(() => wxLog.navigation.length > 0);
    expect(wxLog.navigation).toEqual([{ api: 'navigateTo', url: '/pages/problems/index' }]);
  });

  test('not shown to a member with none', async () => {
    onRequest(fakeApi({ 'GET /me': ok(ME), 'GET /problems': ok({ total: 0, items: [] }) }));
    const p = open('/pages/mine/index');
    await waitForText(p, '投诉建议');
    await waitFor(() => wxLog.requests.some((r) => r.path.startsWith('/problems')));
    await flush(30);
    expect(p.find('entry-problems')).toBeNull();
  });
});
