/**
 * WechatClient against the local fake WeChat (real HTTP on a random port), so the errcode
 * mapping, retries, token cache and secret hygiene are checked on the wire, not on mocks.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { inspect } from 'node:util';
import { startFakeWechat, type FakeWechat } from '../../../test/fake-wechat/fake-wechat';
import { mapErrcode, WechatClient, WechatError, type WechatConfig } from './wechat.client';

const SECRET = 'spec-secret-9f8e7d6c5b4a';
const APP_ID = 'wxspec000000000001';

let fake: FakeWechat;
let clock: number;
const now = () => clock;

beforeAll(async () => {
  clock = Date.parse('2026-11-27T08:00:00Z');
  fake = await startFakeWechat({ appId: APP_ID, secret: SECRET, now });
});
afterAll(() => fake.close());
beforeEach(() => {
  fake.reset();
});

/** A client on the fake, sharing its clock; a fetch wrapper counts the attempts. */
function makeClient(over: Partial<WechatConfig> = {}, fetchImpl: typeof fetch = fetch) {
  return new WechatClient(
    { appId: APP_ID, secret: SECRET, apiBase: fake.baseUrl, maxRetries: 2, retryDelayMs: 1, timeoutMs: 2000, ...over },
    fetchImpl,
    now,
  );
}

async function failure(p: Promise<unknown>): Promise<WechatError> {
  try {
    await p;
  } catch (e) {
    expect(e).toBeInstanceOf(WechatError);
    return e as WechatError;
  }
  throw new Error('expected the call to fail');
}

const callsTo = (path: string) => fake.calls.filter((c) => c.path === path).length;

describe('code2Session', () => {
  test('exchanges a fresh code for openid, unionid and session_key', async () => {
    const code = fake.issueCode('o_alice', { unionid: 'u_alice' });
    const session = await makeClient().code2Session(code);
    expect(session).toEqual({ openid: 'o_alice', unionid: 'u_alice', sessionKey: fake.sessionKeyOf('o_alice') });
    expect(session.sessionKey).toMatch(/\S{8,}/);
    expect(fake.calls).toHaveLength(1);
    expect(fake.calls[0]).toMatchObject({
      method: 'GET',
      path: '/sns/jscode2session',
      query: { appid: APP_ID, secret: '***', js_code: code, grant_type: 'authorization_code' },
    });
  });

  test('leaves unionid out when WeChat gives none', async () => {
    const session = await makeClient().code2Session(fake.issueCode('o_bob'));
    expect(session).toEqual({ openid: 'o_bob', sessionKey: expect.any(String) });
    expect('unionid' in session).toBe(false);
  });

  test.each([
    [40029, 'WECHAT_CODE_INVALID', 401],
    [40163, 'WECHAT_CODE_INVALID', 401],
    [45011, 'WECHAT_RATE_LIMITED', 429],
    [40226, 'WECHAT_USER_BLOCKED', 403],
    [40013, 'WECHAT_UNAVAILABLE', 503],
    [48001, 'WECHAT_UNAVAILABLE', 503],
  ])('errcode %i → %s (%i), not retried', async (errcode, code, status) => {
    fake.failNext(errcode);
    const err = await failure(makeClient().code2Session(fake.issueCode('o_x')));
    expect(err).toMatchObject({ code, status, errcode, endpoint: '/sns/jscode2session' });
    expect(callsTo('/sns/jscode2session')).toBe(1);
  });

  test('45011 tells the client to come back in a minute', async () => {
    fake.failNext(45011);
    const err = await failure(makeClient().code2Session('x'));
    expect(err.headers).toEqual({ 'Retry-After': '60' });
    expect(err.errmsg).toMatch(/minute-quota/);
  });

  test('an unknown code → 40029 WECHAT_CODE_INVALID', async () => {
    const err = await failure(makeClient().code2Session('not-a-code'));
    expect(err).toMatchObject({ code: 'WECHAT_CODE_INVALID', errcode: 40029 });
    expect(err.errmsg).toMatch(/^invalid code/);
  });

  test('a code works once; the second use → 40163 WECHAT_CODE_INVALID', async () => {
    const client = makeClient();
    const code = fake.issueCode('o_carol');
    await client.code2Session(code);
    const err = await failure(client.code2Session(code));
    expect(err).toMatchObject({ code: 'WECHAT_CODE_INVALID', errcode: 40163 });
    expect(err.errmsg).toMatch(/^code been used/);
  });

  test('a code lives 5 minutes; after that → 40029 (WeChat: invalid code)', async () => {
    const client = makeClient();
    const young = fake.issueCode('o_dan');
    const old = fake.issueCode('o_dan');
    clock += 5 * 60 * 1000 - 1;
    await expect(client.code2Session(young)).resolves.toMatchObject({ openid: 'o_dan' });
    clock += 1;
    expect(await failure(client.code2Session(old))).toMatchObject({ code: 'WECHAT_CODE_INVALID', errcode: 40029 });
  });

  test('-1 (system busy) is retried, then succeeds', async () => {
    fake.failNext(-1, 2);
    const session = await makeClient().code2Session(fake.issueCode('o_eve'));
    expect(session.openid).toBe('o_eve');
    expect(callsTo('/sns/jscode2session')).toBe(3);
  });

  test('-1 every time → WECHAT_UNAVAILABLE after exactly maxRetries+1 calls', async () => {
    fake.failNext(-1, 10);
    const err = await failure(makeClient({ maxRetries: 2 }).code2Session(fake.issueCode('o_eve')));
    expect(err).toMatchObject({ code: 'WECHAT_UNAVAILABLE', status: 503, errcode: -1 });
    expect(callsTo('/sns/jscode2session')).toBe(3);

    fake.reset();
    fake.failNext(-1, 10);
    await failure(makeClient({ maxRetries: 0 }).code2Session('x'));
    expect(callsTo('/sns/jscode2session')).toBe(1);
  });

  test('backs off between retries', async () => {
    fake.failNext(-1, 2);
    const started = Date.now();
    await makeClient({ retryDelayMs: 40 }).code2Session(fake.issueCode('o_eve'));
    // 40 ms then 80 ms.
    expect(Date.now() - started).toBeGreaterThanOrEqual(110);
  });

  test('a dropped connection is retried, then succeeds', async () => {
    fake.dropNext(1);
    const session = await makeClient().code2Session(fake.issueCode('o_fay'));
    expect(session.openid).toBe('o_fay');
    expect(callsTo('/sns/jscode2session')).toBe(2);
  });

  test('dropped every time → WECHAT_UNAVAILABLE without errcode after maxRetries+1 tries', async () => {
    fake.dropNext(3);
    const err = await failure(makeClient().code2Session(fake.issueCode('o_fay')));
    expect(err).toMatchObject({ code: 'WECHAT_UNAVAILABLE', errcode: undefined });
    expect(err.errmsg).toMatch(/^network error/);
    expect(callsTo('/sns/jscode2session')).toBe(3);
  });

  test('nothing listening (closed port) → WECHAT_UNAVAILABLE after maxRetries+1 attempts', async () => {
    const port = await closedPort();
    let attempts = 0;
    const counting: typeof fetch = (input, init) => {
      attempts++;
      return fetch(input, init);
    };
    const client = makeClient({ apiBase: `http://127.0.0.1:${port}` }, counting);
    const err = await failure(client.code2Session('abc'));
    expect(err).toMatchObject({ code: 'WECHAT_UNAVAILABLE', errcode: undefined, errmsg: 'network error: ECONNREFUSED' });
    expect(attempts).toBe(3);
  });

  test('no answer within timeoutMs → WECHAT_UNAVAILABLE (timeout), retried', async () => {
    let hits = 0;
    const hanging: Server = createServer(() => {
      hits++; // never answers
    });
    await new Promise<void>((r) => hanging.listen(0, '127.0.0.1', r));
    try {
      const { port } = hanging.address() as AddressInfo;
      const client = makeClient({ apiBase: `http://127.0.0.1:${port}`, timeoutMs: 100, maxRetries: 1 });
      const err = await failure(client.code2Session('abc'));
      expect(err).toMatchObject({ code: 'WECHAT_UNAVAILABLE', errcode: undefined, errmsg: 'timeout' });
      expect(hits).toBe(2);
    } finally {
      hanging.closeAllConnections();
      await new Promise((r) => hanging.close(r));
    }
  });

  test('a non-JSON answer (HTML 404) → WECHAT_UNAVAILABLE, not retried', async () => {
    const err = await failure(makeClient({ apiBase: `${fake.baseUrl}/wrong-prefix` }).code2Session('abc'));
    expect(err).toMatchObject({ code: 'WECHAT_UNAVAILABLE', errcode: undefined });
    expect(fake.calls).toHaveLength(1);
  });

  test('a 5xx answer → WECHAT_UNAVAILABLE, not retried', async () => {
    let hits = 0;
    const broken = createServer((_req, res) => {
      hits++;
      // A gateway error page that happens to be JSON must still not count as an answer.
      res.writeHead(502, { 'Content-Type': 'application/json' });
      res.end('{"openid":"o_x","session_key":"k"}');
    });
    await new Promise<void>((r) => broken.listen(0, '127.0.0.1', r));
    try {
      const { port } = broken.address() as AddressInfo;
      const err = await failure(makeClient({ apiBase: `http://127.0.0.1:${port}` }).code2Session('abc'));
      expect(err).toMatchObject({ code: 'WECHAT_UNAVAILABLE', errcode: undefined });
      expect(hits).toBe(1);
    } finally {
      broken.closeAllConnections();
      await new Promise((r) => broken.close(r));
    }
  });

  test('wrong appid → 40013, wrong secret → 40125, both WECHAT_UNAVAILABLE', async () => {
    const code = fake.issueCode('o_gus');
    expect(await failure(makeClient({ appId: 'wxwrong' }).code2Session(code))).toMatchObject({
      code: 'WECHAT_UNAVAILABLE',
      errcode: 40013,
    });
    expect(await failure(makeClient({ secret: 'wrong-secret' }).code2Session(code))).toMatchObject({
      code: 'WECHAT_UNAVAILABLE',
      errcode: 40125,
    });
  });
});

describe('secrets stay out of errors and logs', () => {
  const leaks = (x: unknown, needle: string) =>
    [String(x), (x as Error).stack ?? '', JSON.stringify(x), inspect(x, { depth: 5 })].some((s) => s.includes(needle));

  test.each([
    ['WeChat errcode', (f: FakeWechat) => f.failNext(40029)],
    ['-1 retried out', (f: FakeWechat) => f.failNext(-1, 3)],
    ['dropped connection', (f: FakeWechat) => f.dropNext(3)],
  ])('%s: the error names neither the secret nor the URL', async (_name, script) => {
    script(fake);
    const err = await failure(makeClient().code2Session('abc'));
    expect(leaks(err, SECRET)).toBe(false);
    expect(leaks(err, 'secret=')).toBe(false);
    expect(leaks(err, fake.baseUrl)).toBe(false);
    expect(err.message).not.toMatch(/https?:/);
  });

  test('an unparsable base URL does not echo the secret (fetch would quote the URL)', async () => {
    const err = await failure(makeClient({ apiBase: 'http://exa mple' }).code2Session('abc'));
    expect(err.code).toBe('WECHAT_UNAVAILABLE');
    expect(leaks(err, SECRET)).toBe(false);
  });

  test('the message is the catalogue text', async () => {
    fake.failNext(40029);
    const err = await failure(makeClient().code2Session('abc'));
    expect(err.message).toBe('微信登录凭证无效或已过期，请重新进入小程序');
  });

  test('inspecting the client shows no secret', () => {
    const client = makeClient();
    expect(inspect(client, { depth: 5, showHidden: true })).not.toContain(SECRET);
    expect(JSON.stringify(client)).not.toContain(SECRET);
  });

  test('the session_key appears only in the returned session', async () => {
    const client = makeClient();
    const code = fake.issueCode('o_hal');
    const { sessionKey } = await client.code2Session(code);
    const err = await failure(client.code2Session(code));
    expect(leaks(err, sessionKey)).toBe(false);
    expect(inspect(client, { depth: 5, showHidden: true })).not.toContain(sessionKey);
  });
});

describe('access token', () => {
  const message = {
    toUser: 'o_ivy',
    templateId: 'TPL_ACTIVITY',
    page: 'pages/activity/index?id=1',
    data: { thing1: { value: '支部主题党日' } },
  };

  test('is fetched once and reused for two sends', async () => {
    const client = makeClient();
    await client.sendSubscribeMessage(message);
    await client.sendSubscribeMessage({ ...message, toUser: 'o_jay' });
    expect(callsTo('/cgi-bin/token')).toBe(1);
    expect(callsTo('/cgi-bin/message/subscribe/send')).toBe(2);
    expect(fake.calls.find((c) => c.path === '/cgi-bin/token')?.query).toEqual({
      grant_type: 'client_credential',
      appid: APP_ID,
      secret: '***',
    });
    expect(fake.sentMessages.map((m) => m.touser)).toEqual(['o_ivy', 'o_jay']);
    expect(fake.sentMessages[0]).toMatchObject({
      template_id: 'TPL_ACTIVITY',
      page: 'pages/activity/index?id=1',
      data: { thing1: { value: '支部主题党日' } },
    });
  });

  test('concurrent callers share one token fetch', async () => {
    const client = makeClient();
    const [a, b] = await Promise.all([client.getAccessToken(), client.getAccessToken()]);
    expect(a).toBe(b);
    expect(callsTo('/cgi-bin/token')).toBe(1);
  });

  test('is refreshed 5 minutes before expires_in', async () => {
    const client = makeClient();
    const first = await client.getAccessToken();
    clock += (7200 - 300) * 1000 - 1;
    expect(await client.getAccessToken()).toBe(first);
    clock += 1;
    expect(await client.getAccessToken()).not.toBe(first);
    expect(callsTo('/cgi-bin/token')).toBe(2);
  });

  test.each([40001, 42001])('errcode %i from a call using it → one refresh, then the call succeeds', async (errcode) => {
    const client = makeClient();
    const first = await client.getAccessToken();
    if (errcode === 40001) fake.revokeAccessTokens();
    else fake.failNext(42001);
    await client.sendSubscribeMessage(message);
    expect(callsTo('/cgi-bin/token')).toBe(2);
    expect(callsTo('/cgi-bin/message/subscribe/send')).toBe(2);
    expect(fake.sentMessages).toHaveLength(1);
    expect(await client.getAccessToken()).not.toBe(first);
  });

  test('refreshes only once: a fresh token rejected again → WECHAT_UNAVAILABLE', async () => {
    // Every token is revoked as soon as it is handed out.
    const revoking: typeof fetch = async (input, init) => {
      const res = await fetch(input, init);
      if (String(input).includes('/cgi-bin/token')) fake.revokeAccessTokens();
      return res;
    };
    const err = await failure(makeClient({}, revoking).sendSubscribeMessage(message));
    expect(err).toMatchObject({ code: 'WECHAT_UNAVAILABLE', errcode: 40001 });
    expect(callsTo('/cgi-bin/token')).toBe(2);
    expect(callsTo('/cgi-bin/message/subscribe/send')).toBe(2);
  });

  test('a token failure (wrong secret) surfaces as WECHAT_UNAVAILABLE 40125 and is not cached', async () => {
    const client = makeClient({ secret: 'wrong' });
    expect(await failure(client.sendSubscribeMessage(message))).toMatchObject({ code: 'WECHAT_UNAVAILABLE', errcode: 40125 });
    await failure(client.getAccessToken());
    expect(callsTo('/cgi-bin/token')).toBe(2);
  });

  test('a refused message (43101) → WECHAT_UNAVAILABLE with the errcode kept', async () => {
    const client = makeClient();
    await client.getAccessToken();
    fake.failNext(43101);
    expect(await failure(client.sendSubscribeMessage(message))).toMatchObject({ code: 'WECHAT_UNAVAILABLE', errcode: 43101 });
    expect(fake.sentMessages).toHaveLength(0);
  });
});

describe('msgSecCheck', () => {
  test.each([
    ['pass', 100],
    ['review', 20012],
    ['risky', 20001],
  ] as const)('WeChat says %s (label %i)', async (suggest, label) => {
    fake.setMsgSecCheckResult(suggest, label);
    const result = await makeClient().msgSecCheck({ openid: 'o_kim', content: '学习心得：不忘初心' });
    expect(result).toEqual({ suggest, label });
    const call = fake.calls.find((c) => c.path === '/wxa/msg_sec_check');
    expect(call?.body).toEqual({ content: '学习心得：不忘初心', version: 2, scene: 2, openid: 'o_kim' });
    expect(call?.query.access_token).toEqual(expect.any(String));
  });

  test('passes the scene through', async () => {
    await makeClient().msgSecCheck({ openid: 'o_kim', content: '个人简介', scene: 1 });
    expect(fake.calls.find((c) => c.path === '/wxa/msg_sec_check')?.body).toMatchObject({ scene: 1 });
  });
});

describe('mapErrcode', () => {
  test.each([
    [40029, 'WECHAT_CODE_INVALID'],
    [40163, 'WECHAT_CODE_INVALID'],
    [45011, 'WECHAT_RATE_LIMITED'],
    [40226, 'WECHAT_USER_BLOCKED'],
    [-1, 'WECHAT_UNAVAILABLE'],
    [40001, 'WECHAT_UNAVAILABLE'],
  ])('%i → %s', (errcode, code) => {
    expect(mapErrcode(errcode)).toBe(code);
  });
});

describe('the fake keeps WeChat’s contract', () => {
  const get = async (path: string) => (await fetch(`${fake.baseUrl}${path}`)).json() as Promise<Record<string, unknown>>;

  test('a successful jscode2session carries no errcode', async () => {
    const code = fake.issueCode('o_lee');
    const body = await get(`/sns/jscode2session?appid=${APP_ID}&secret=${SECRET}&js_code=${code}&grant_type=authorization_code`);
    expect(Object.keys(body).sort()).toEqual(['openid', 'session_key']);
  });

  test('/cgi-bin/token answers access_token and expires_in 7200; a superseded token works 5 more minutes', async () => {
    const tokenPath = `/cgi-bin/token?grant_type=client_credential&appid=${APP_ID}&secret=${SECRET}`;
    const first = await get(tokenPath);
    expect(first).toEqual({ access_token: expect.any(String), expires_in: 7200 });
    await get(tokenPath);
    const check = () =>
      fetch(`${fake.baseUrl}/wxa/msg_sec_check?access_token=${first.access_token}`, {
        method: 'POST',
        body: JSON.stringify({ content: 'x', version: 2, scene: 2, openid: 'o' }),
      }).then((r) => r.json() as Promise<{ errcode: number }>);
    expect((await check()).errcode).toBe(0);
    clock += 5 * 60 * 1000;
    expect((await check()).errcode).toBe(40001);
  });

  test('an expired access_token → 42001', async () => {
    const { access_token: token } = await get(`/cgi-bin/token?grant_type=client_credential&appid=${APP_ID}&secret=${SECRET}`);
    clock += 7200 * 1000;
    const res = await fetch(`${fake.baseUrl}/cgi-bin/message/subscribe/send?access_token=${token}`, {
      method: 'POST',
      body: JSON.stringify({ touser: 'o', template_id: 't', data: { a: { value: 'b' } } }),
    });
    expect(await res.json()).toMatchObject({ errcode: 42001, errmsg: expect.stringMatching(/^access_token expired, rid: /) });
  });
});

/** A port nothing listens on: bind one, then let it go. */
function closedPort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address() as AddressInfo;
      s.close(() => resolve(port));
    });
    s.on('error', reject);
  });
}
