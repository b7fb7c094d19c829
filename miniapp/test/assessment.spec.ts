/**
 * 我的百分制考核 in the built mini-program: a secretary scores each item (自评) and submits; once the
 * township's scores are published they show with their reasons, the total and the grade, and an
 * appeal goes with its reason.
 */
import type { SecretaryAssessmentView } from '@djzy/shared';
import { fakeApi, flush, ok, onRequest, signedInPages, waitFor, wxLog } from './harness';

const open = signedInPages();

function assessment(over: Partial<SecretaryAssessmentView> = {}): SecretaryAssessmentView {
  const item = (code: string, text: string, maxPoints: number) => ({
    code,
    category: '组织生活',
    text,
    maxPoints,
    deductionRule: '少开1次扣1分',
    autoSource: null,
    selfScore: null,
    score: null,
    reason: null,
    auto: null,
    overridden: false,
  });
  return {
    id: 'A1',
    templateId: 'T1',
    orgId: 'b1',
    orgName: '红旗村党支部',
    subjectMemberId: 'm1',
    subjectName: '张书记',
    year: 2026,
    status: 'draft',
    items: [item('org_life', '三会一课按要求开展', 25), item('duty', '落实责任清单', 15)],
    bonus: 0,
    bonusReason: null,
    vetoCodes: [],
    vetoReason: null,
    selfTotal: null,
    total: null,
    suggestedGrade: null,
    grade: null,
    decisionNote: null,
    appealReason: null,
    appealReply: null,
    updatedAt: '2026-12-20T10:00:00+08:00',
    ...over,
  };
}

describe('我的百分制考核', () => {
  test('自评: a score for every item, then 提交自评', async () => {
    let sent: unknown = null;
    onRequest(
      fakeApi({
        'GET /secretary-assessments': ok([assessment()]),
        'POST /secretary-assessments/A1/self-assess': (req) => {
          sent = req.data;
          return ok(assessment({ status: 'self_assessed', selfTotal: 38 }));
        },
      }),
    );
    const p = open('/sub/assessment/index');
    await waitFor(() => p.find('as-title'));
    expect(p.find('as-status')?.textContent).toBe('待自评');
    await p.input('as-score-org_life', '24');
    await flush(30);
    await p.tap('as-self-submit');
    await waitFor(() => p.find('as-form-error'));
    expect(wxLog.requests.filter((r) => r.method === 'POST')).toHaveLength(0);
    await p.input('as-score-duty', '14');
    await flush(30);
    await p.tap('as-self-submit');
    await waitFor(() => p.find('as-status')?.textContent === '已自评');
    expect(sent).toEqual({
      scores: [
        { code: 'org_life', score: 24 },
        { code: 'duty', score: 14 },
      ],
    });
    expect(p.find('as-self-submit')).toBeNull();
  });

  test('published: the scores with reasons, the grade, and an appeal with its reason', async () => {
    const published = assessment({
      status: 'published',
      selfTotal: 40,
      total: 38,
      grade: 'fairly_good',
      items: assessment().items.map((x) => ({
        ...x,
        score: x.code === 'duty' ? 13 : 25,
        reason: x.code === 'duty' ? '责任清单 2 项未落实' : null,
      })),
    });
    let reason: unknown = null;
    onRequest(
      fakeApi({
        'GET /secretary-assessments': ok([published]),
        'POST /secretary-assessments/A1/appeal': (req) => {
          reason = req.data;
          return ok({ ...published, status: 'appealed', appealReason: (req.data as { reason: string }).reason });
        },
      }),
    );
    const p = open('/sub/assessment/index');
    await waitFor(() => p.find('as-total'));
    expect(p.find('as-total')?.textContent).toContain('考评得分 38 分');
    expect(p.find('as-total')?.textContent).toContain('较好');
    expect(p.find('as-item-duty')?.textContent).toContain('扣分理由：责任清单 2 项未落实');
    await p.input('as-appeal-reason', '有 1 项已于年底落实');
    await flush(30);
    await p.tap('as-appeal');
    await waitFor(() => p.find('as-appeal-view'));
    expect(reason).toEqual({ reason: '有 1 项已于年底落实' });
    expect(p.find('as-status')?.textContent).toBe('申诉中');
  });
});
