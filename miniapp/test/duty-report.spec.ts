/**
 * 我的述职报告 in the built mini-program: a secretary's duty report for the 述职评议 — the figures the
 * system read from the records shown (never typed), the written part saved and submitted to the
 * township; a returned one shows the township's note; a submitted one can no longer be edited;
 * 我的 shows the entry only to whom the server lists a report for.
 */
import type { DutyReportView } from '@djzy/shared';
import { ME } from './fixtures';
import { fakeApi, flush, ok, onRequest, signedInPages, waitFor, wxLog } from './harness';

const open = signedInPages();

function report(over: Partial<DutyReportView> = {}): DutyReportView {
  return {
    id: 'D1',
    sessionId: 'S1',
    reporterMemberId: 'm1',
    reporterName: '张书记',
    orgId: 'b1',
    orgName: '红旗村党支部',
    year: 2026,
    body: '',
    figures: [
      { no: 1, label: '召开支委会', value: 11, unit: '次', sources: [] },
      { no: 16, label: '发展党员', value: null, unit: '名', sources: [] },
    ],
    figuresAt: '2026-12-20T10:00:00+08:00',
    status: 'draft',
    submittedAt: null,
    reviewedByName: null,
    reviewedAt: null,
    returnedNote: null,
    ...over,
  };
}

describe('我的述职报告', () => {
  test('shows the figures from the records; the written part is saved, then submitted', async () => {
    let current = report();
    const bodies: string[] = [];
    onRequest(
      fakeApi({
        'GET /duty-reports/mine': () => ok([current]),
        'PUT /duty-reports/D1': (req) => {
          bodies.push((req.data as { body: string }).body);
          current = { ...current, body: (req.data as { body: string }).body };
          return ok(current);
        },
        'POST /duty-reports/D1/submit': () => ok((current = { ...current, status: 'submitted' })),
      }),
    );
    const p = open('/sub/duty-report/index');
    await waitFor(() => p.find('dr-title'));
    expect(p.find('dr-title')?.textContent).toContain('红旗村党支部 2026年度');
    expect(p.find('dr-status')?.textContent).toBe('待提交');
    expect(p.find('dr-figure-1')?.textContent).toContain('11次');
    expect(p.find('dr-figure-16')?.textContent).toContain('—');

    await p.tap('dr-submit');
    await waitFor(() => p.find('dr-form-error'));
    expect(p.find('dr-form-error')?.textContent).toBe('请撰写述职报告正文');
    expect(wxLog.requests.filter((r) => r.method !== 'GET')).toHaveLength(0);

    await p.input('dr-body', '一年来，村党支部认真落实“三会一课”制度。');
    await flush(50);
    await p.tap('dr-save');
    await waitFor(() => p.find('dr-saved'));
    expect(p.find('dr-saved')?.textContent).toBe('已保存');
    await p.tap('dr-submit');
    await waitFor(() => p.find('dr-body-text'));
    expect(p.find('dr-status')?.textContent).toBe('已提交');
    expect(p.find('dr-saved')?.textContent).toContain('等待乡镇审核');
    expect(bodies).toEqual(['一年来，村党支部认真落实“三会一课”制度。', '一年来，村党支部认真落实“三会一课”制度。']);
    expect(p.find('dr-submit')).toBeNull();
  });

  test('a returned report shows the township’s note and can be edited again', async () => {
    onRequest(
      fakeApi({ 'GET /duty-reports/mine': ok([report({ status: 'returned', body: '初稿', returnedNote: '请补充问题整改情况' })]) }),
    );
    const p = open('/sub/duty-report/index');
    await waitFor(() => p.find('dr-note'));
    expect(p.find('dr-note')?.textContent).toBe('退回意见：请补充问题整改情况');
    expect(p.find('dr-submit')).not.toBeNull();
  });

  test('none asked for: a plain line', async () => {
    onRequest(fakeApi({ 'GET /duty-reports/mine': ok([]) }));
    const p = open('/sub/duty-report/index');
    await waitFor(() => p.find('dr-empty'));
  });

  test('我的 shows the entry only when the server lists a report', async () => {
    const api = (reports: DutyReportView[]) =>
      fakeApi({
        'GET /me': ok(ME),
        'GET /duty-reports/mine': ok(reports),
      });
    onRequest(api([report()]));
    const p = open('/pages/mine/index');
    await waitFor(() => p.find('entry-duty-report'));
    p.close();
    onRequest(api([]));
    const q = open('/pages/mine/index');
    await waitFor(() => q.find('entry-feedback'));
    await flush(50);
    expect(q.find('entry-duty-report')).toBeNull();
  });
});
