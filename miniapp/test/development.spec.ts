/**
 * 发展党员 in the built mini-program: the branch secretary sees the branch's cases with what falls
 * due this month first (in red when past due) and each one's next step; an applicant sees their own
 * stage and next step only (the page never asks for the branch's list); 我的 links to it for both.
 */
import { addDays, toLocalDate, type DevelopmentCaseSummary, type MeResponse, type MyDevelopmentView } from '@djzy/shared';
import { ME } from './fixtures';
import { fakeApi, ok, onRequest, signedInPages, waitFor, waitForText, wxLog } from './harness';

const open = signedInPages();
const today = toLocalDate(new Date());

const summary = (over: Partial<DevelopmentCaseSummary> & Pick<DevelopmentCaseSummary, 'id' | 'name'>): DevelopmentCaseSummary => ({
  branchOrgId: '11',
  branchName: '红旗村党支部',
  idNumber: '**************1234',
  birthDate: '1998-05-01',
  appliedOn: '2026-01-10',
  stage: 'activist',
  status: 'active',
  memberId: 'M9',
  lastStep: 6,
  lastStepOn: '2026-07-01',
  probationStart: null,
  probationEnd: null,
  extensionMonths: null,
  warnings: [],
  next: [],
  ...over,
});

test('the branch secretary sees the branch’s cases, what is due this month first and in red when late', async () => {
  const paths: string[] = [];
  onRequest((req) => {
    paths.push(req.path);
    return fakeApi({
      'GET /me': ok(ME),
      'GET /development-cases': ok([
        summary({
          id: 'C1',
          name: '张平稳',
          next: [{ step: 6, name: '培养教育考察', earliestOn: '2026-07-01', dueOn: addDays(today, 90) }],
        }),
        summary({
          id: 'C2',
          name: '李逾期',
          stage: 'candidate',
          warnings: [
            { kind: 'approval', message: '支部大会通过后三个月内应报上级党委审批', dueOn: addDays(today, -3), overdue: true, red: true },
          ],
          next: [{ step: 16, name: '上级党委派人谈话', earliestOn: '2026-05-10', dueOn: null }],
        }),
        summary({ id: 'C3', name: '王已归档', stage: 'full', status: 'completed' }),
      ]),
    })(req);
  });
  const p = open('/sub/development/index');
  await waitFor(() => p.find('dev-case-C2'));
  expect(p.find('dev-branch-summary')?.textContent).toBe('红旗村党支部：进行中 2 人，本月有到期事项 1 人');
  // The one with something due comes first; the completed case is not listed.
  const text = p.text();
  expect(text.indexOf('李逾期')).toBeLessThan(text.indexOf('张平稳'));
  expect(text).not.toContain('王已归档');
  expect(p.find('dev-due-C2-0')?.textContent).toBe('支部大会通过后三个月内应报上级党委审批');
  expect(p.find('dev-due-C2-0')?.getAttribute('class')).toContain('pb-overdue');
  expect(p.find('dev-case-C2')?.textContent).toContain('下一步：第16步 上级党委派人谈话，最早2026-05-10');
  expect(p.find('dev-due-C1-0')).toBeNull();
  expect(paths.some((x) => x.startsWith('/development-cases?orgId=11'))).toBe(true);
  expect(text).not.toMatch(/排名|得分/);
});

test('an applicant sees their own stage and next step only', async () => {
  const applicant: MeResponse = { ...ME, roles: [] };
  const mine: MyDevelopmentView = {
    id: 'C7',
    stage: 'activist',
    status: 'active',
    lastStep: 5,
    lastStepName: '指定培养联系人',
    next: [{ step: 6, name: '培养教育考察', earliestOn: '2026-03-03', dueOn: '2026-09-01' }],
  };
  onRequest(fakeApi({ 'GET /me': ok(applicant), 'GET /development-cases/mine': ok(mine) }));
  const p = open('/sub/development/index');
  await waitFor(() => p.find('dev-mine'));
  expect(p.find('dev-mine-stage')?.textContent).toBe('当前阶段：入党积极分子');
  expect(p.find('dev-mine-next')?.textContent).toBe('下一步：第6步 培养教育考察，最早2026-03-03，应于2026-09-01前');
  expect(wxLog.requests.some((r) => r.path.startsWith('/development-cases?'))).toBe(false);
});

test('我的 shows 我的入党进度 for an applicant with a case under way, 发展党员 for a secretary', async () => {
  const applicant: MeResponse = { ...ME, roles: [] };
  onRequest(
    fakeApi({
      'GET /me': ok(applicant),
      'GET /development-cases/mine': ok({
        id: 'C7',
        stage: 'applicant',
        status: 'active',
        lastStep: 1,
        lastStepName: '递交入党申请书',
        next: [],
      }),
    }),
  );
  const p = open('/pages/mine/index');
  await waitForText(p, '我的入党进度');
  onRequest(fakeApi({ 'GET /me': ok(ME) }));
  const q = open('/pages/mine/index');
  await waitForText(q, '发展党员');
});
