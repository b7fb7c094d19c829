/**
 * 民主评议党员测评 in the built mini-program: the page an appraisal slip's QR opens, without signing
 * in and without sending a sign-in even when one is stored; each member in scope with the four
 * grades; 提交 only once all are graded, then 已提交; a used slip, a vote not open yet or closed,
 * and an unknown slip each say so.
 */
import { ERRORS, type AppraisalBallotFormView, type CastAppraisalBallotRequest } from '@djzy/shared';
import { TOKEN_KEY, apiError, fakeApi, ok, onRequest, renderPage, resetWx, storage, waitFor, wxLog, type RenderedPage } from './harness';

const TOKEN = 'AbCdEfGhIjKlMnOpQrStUv';
const PAGE = '/pages/appraisal-ballot/index';

function form(over: Partial<AppraisalBallotFormView> = {}): AppraisalBallotFormView {
  return {
    roundId: 'r1',
    title: '2026年度民主评议党员 · 民主测评',
    orgName: '红旗村党支部',
    year: 2026,
    status: 'voting',
    open: true,
    used: false,
    grades: [
      { code: 'excellent', label: '优秀' },
      { code: 'qualified', label: '合格' },
      { code: 'basically_qualified', label: '基本合格' },
      { code: 'unqualified', label: '不合格' },
    ],
    members: [
      { memberId: 'm1', name: '张三' },
      { memberId: 'm2', name: '李四' },
    ],
    ...over,
  };
}

let page: RenderedPage | null = null;
beforeEach(() => {
  resetWx();
});
afterEach(() => {
  page?.close();
  page = null;
});
const open = (query: Record<string, string>) => (page = renderPage(PAGE, query));
const posts = () => wxLog.requests.filter((r) => r.method === 'POST' && r.path === '/appraisal-ballots');

describe('民主评议党员测评 page', () => {
  test('lists the members with the four grades; 提交 asks for every one, then sends once without sign-in → 已提交', async () => {
    storage.set(TOKEN_KEY, 'tok-of-someone'); // a member signed in on this phone: still not sent
    let body: CastAppraisalBallotRequest | null = null;
    onRequest(
      fakeApi({
        'GET /appraisal-ballots/form': ok(form()),
        'POST /appraisal-ballots': (req) => {
          body = req.data as CastAppraisalBallotRequest;
          return ok({ ok: true }, 201);
        },
      }),
    );
    const p = open({ t: TOKEN });
    await waitFor(() => p.find('ballot-title'));
    expect(p.find('ballot-title')?.textContent).toBe('2026年度民主评议党员 · 民主测评');
    expect(p.find('ballot-reporter-0')?.textContent).toContain('张三');
    for (const label of ['优秀', '合格', '基本合格', '不合格']) expect(p.find('ballot-reporter-1')?.textContent).toContain(label);
    expect(wxLog.requests.every((r) => !r.header.Authorization)).toBe(true);

    await p.tap('grade-0-excellent');
    await p.tap('ballot-submit');
    await waitFor(() => p.find('ballot-error'));
    expect(p.find('ballot-error')?.textContent).toContain('李四');
    expect(posts()).toHaveLength(0);

    await p.tap('grade-1-basically_qualified');
    await waitFor(() => p.find('ballot-count')?.textContent?.includes('2 / 2'));
    await p.tap('ballot-submit');
    await waitFor(() => p.find('ballot-done'));
    expect(p.find('ballot-done')?.textContent).toBe('已提交');
    expect(body).toEqual({
      token: TOKEN,
      grades: [
        { memberId: 'm1', grade: 'excellent' },
        { memberId: 'm2', grade: 'basically_qualified' },
      ],
    });
    expect(posts()).toHaveLength(1);
    expect(posts()[0].header.Authorization).toBeUndefined();
    expect(wxLog.navigation).toEqual([]);
  });

  test('a used slip, a vote not open yet, a closed vote, an unknown slip', async () => {
    onRequest(fakeApi({ 'GET /appraisal-ballots/form': ok(form({ used: true })) }));
    let p = open({ t: TOKEN });
    await waitFor(() => p.find('ballot-used'));
    expect(p.find('ballot-used')?.textContent).toBe(ERRORS.BALLOT_TOKEN_USED.message);
    p.close();

    onRequest(fakeApi({ 'GET /appraisal-ballots/form': ok(form({ open: false, status: 'peer_review' })) }));
    p = open({ t: TOKEN });
    await waitFor(() => p.find('ballot-closed'));
    expect(p.find('ballot-closed')?.textContent).toContain('尚未开始');
    p.close();

    onRequest(
      fakeApi({
        'GET /appraisal-ballots/form': ok(form()),
        'POST /appraisal-ballots': apiError(409, 'STATE_CONFLICT', ERRORS.STATE_CONFLICT.message, {
          from: 'vote_closed',
          allowed: ['voting'],
        }),
      }),
    );
    p = open({ t: TOKEN });
    await waitFor(() => p.find('ballot-reporter-0'));
    await p.tap('grade-0-qualified');
    await p.tap('grade-1-qualified');
    await p.tap('ballot-submit');
    await waitFor(() => p.find('ballot-closed'));
    expect(p.find('ballot-closed')?.textContent).toContain('已经结束');
    p.close();

    onRequest(fakeApi({ 'GET /appraisal-ballots/form': apiError(404, 'BALLOT_TOKEN_INVALID', ERRORS.BALLOT_TOKEN_INVALID.message) }));
    page = open({ t: TOKEN });
    await waitFor(() => page!.find('ballot-invalid'));
    expect(page.find('ballot-invalid')?.textContent).toBe(ERRORS.BALLOT_TOKEN_INVALID.message);
  });
});
