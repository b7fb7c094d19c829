/**
 * 述职评议测评 in the built mini-program: the page a ballot slip's QR opens (`?t=`, `?scene=` from a
 * 小程序码, or `?q=` the plain link), without signing in and without sending a sign-in even when
 * one is stored; each reporter with four large grade buttons; 提交 only once all are graded, then
 * 已提交; a used slip, a session not open and an unknown slip each say so.
 */
import { ERRORS, type BallotFormView, type CastBallotRequest } from '@djzy/shared';
import { TOKEN_KEY, apiError, fakeApi, ok, onRequest, renderPage, resetWx, storage, waitFor, wxLog, type RenderedPage } from './harness';

const TOKEN = 'AbCdEfGhIjKlMnOpQrStUv';
const PAGE = '/pages/ballot/index';

function form(over: Partial<BallotFormView> = {}): BallotFormView {
  return {
    sessionId: 's1',
    title: '2026年度村党组织书记抓基层党建工作述职评议会',
    organizerOrgName: '城关镇党委',
    year: 2026,
    status: 'in_session',
    open: true,
    used: false,
    gradeScale: [
      { code: 'good', label: '好' },
      { code: 'fairly_good', label: '较好' },
      { code: 'average', label: '一般' },
      { code: 'poor', label: '差' },
    ],
    reporters: [
      { memberId: 'm1', name: '张书记', orgName: '红旗村党支部' },
      { memberId: 'm2', name: '李书记', orgName: '前进村党支部' },
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
const posts = () => wxLog.requests.filter((r) => r.method === 'POST' && r.path === '/ballots');

describe('述职评议测评 page', () => {
  test('lists the reporters with four grade buttons; 提交 asks for every one, then sends once without sign-in → 已提交', async () => {
    storage.set(TOKEN_KEY, 'tok-of-someone'); // a member signed in on this phone: still not sent
    let body: CastBallotRequest | null = null;
    onRequest(
      fakeApi({
        'GET /ballots/form': ok(form()),
        'POST /ballots': (req) => {
          body = req.data as CastBallotRequest;
          return ok({ ok: true }, 201);
        },
      }),
    );
    const p = open({ t: TOKEN });
    await waitFor(() => p.find('ballot-title'));
    expect(p.find('ballot-title')?.textContent).toBe('2026年度村党组织书记抓基层党建工作述职评议会');
    expect(p.find('ballot-reporter-0')?.textContent).toContain('张书记');
    expect(p.find('ballot-reporter-1')?.textContent).toContain('前进村党支部');
    for (const label of ['好', '较好', '一般', '差']) expect(p.find('ballot-reporter-0')?.textContent).toContain(label);
    expect(wxLog.requests.every((r) => !r.header.Authorization)).toBe(true);

    await p.tap('grade-0-good');
    await p.tap('ballot-submit');
    await waitFor(() => p.find('ballot-error'));
    expect(p.find('ballot-error')?.textContent).toContain('李书记');
    expect(posts()).toHaveLength(0);

    await p.tap('grade-1-average');
    await p.tap('grade-0-fairly_good'); // changed their mind before submitting
    await waitFor(
      () => p.find('ballot-count')?.textContent?.includes('2 / 2') && p.find('grade-0-fairly_good')?.className.includes('selected'),
    );
    expect(p.find('grade-0-good')?.className).not.toContain('selected');
    await p.tap('ballot-submit');
    await waitFor(() => p.find('ballot-done'));
    expect(p.find('ballot-done')?.textContent).toBe('已提交');
    expect(body).toEqual({
      token: TOKEN,
      grades: [
        { reporterMemberId: 'm1', grade: 'fairly_good' },
        { reporterMemberId: 'm2', grade: 'average' },
      ],
    });
    expect(posts()).toHaveLength(1);
    expect(posts()[0].header.Authorization).toBeUndefined();
    expect(p.find('ballot-submit')).toBeNull();
    // Never sent to the sign-in page.
    expect(wxLog.navigation).toEqual([]);
    expect(wxLog.requests[0].path).toBe(`/ballots/form?token=${TOKEN}`);
  });

  test('reads the token from a 小程序码 scene and from a plain QR link (q)', async () => {
    onRequest(fakeApi({ 'GET /ballots/form': ok(form()) }));
    const p = open({ scene: encodeURIComponent(TOKEN) });
    await waitFor(() => p.find('ballot-reporter-0'));
    p.close();
    const q = open({ q: encodeURIComponent(`https://djzy.example.cn/h5/#/pages/ballot/index?t=${TOKEN}`) });
    await waitFor(() => q.find('ballot-reporter-0'));
  });

  test('a used slip: on opening, and when the server says so on 提交', async () => {
    onRequest(fakeApi({ 'GET /ballots/form': ok(form({ used: true })) }));
    const p = open({ t: TOKEN });
    await waitFor(() => p.find('ballot-used'));
    expect(p.find('ballot-used')?.textContent).toBe(ERRORS.BALLOT_TOKEN_USED.message);
    expect(p.find('ballot-submit')).toBeNull();
    p.close();

    onRequest(
      fakeApi({
        'GET /ballots/form': ok(form()),
        'POST /ballots': apiError(409, 'BALLOT_TOKEN_USED', ERRORS.BALLOT_TOKEN_USED.message),
      }),
    );
    const q = open({ t: TOKEN });
    await waitFor(() => q.find('ballot-reporter-0'));
    await q.tap('grade-0-good');
    await q.tap('grade-1-good');
    await q.tap('ballot-submit');
    await waitFor(() => q.find('ballot-used'));
    expect(q.find('ballot-used')?.textContent).toContain('已经投过');
  });

  test('a session not open yet, or closed: a clear message, no buttons', async () => {
    onRequest(fakeApi({ 'GET /ballots/form': ok(form({ open: false, status: 'reports_due' })) }));
    const p = open({ t: TOKEN });
    await waitFor(() => p.find('ballot-closed'));
    expect(p.find('ballot-closed')?.textContent).toContain('测评尚未开始');
    p.close();

    onRequest(
      fakeApi({
        'GET /ballots/form': ok(form()),
        'POST /ballots': apiError(409, 'STATE_CONFLICT', ERRORS.STATE_CONFLICT.message, { from: 'voting_closed', allowed: ['in_session'] }),
      }),
    );
    const q = open({ t: TOKEN });
    await waitFor(() => q.find('ballot-reporter-0'));
    await q.tap('grade-0-good');
    await q.tap('grade-1-poor');
    await q.tap('ballot-submit');
    await waitFor(() => q.find('ballot-closed'));
    expect(q.find('ballot-closed')?.textContent).toContain('测评已经结束');
  });

  test('an unknown slip or none at all', async () => {
    onRequest(fakeApi({ 'GET /ballots/form': apiError(404, 'BALLOT_TOKEN_INVALID', ERRORS.BALLOT_TOKEN_INVALID.message) }));
    const p = open({ t: TOKEN });
    await waitFor(() => p.find('ballot-invalid'));
    expect(p.find('ballot-invalid')?.textContent).toBe(ERRORS.BALLOT_TOKEN_INVALID.message);
    p.close();
    const q = open({});
    await waitFor(() => q.find('ballot-invalid'));
    expect(wxLog.requests).toHaveLength(1);
  });
});
