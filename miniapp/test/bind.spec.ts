/** The bind page of the built mini-program: first-time binding of a WeChat account to the roster. */
import { ERRORS } from '@djzy/shared';
import { SIGNED_IN } from './fixtures';
import {
  TOKEN_KEY,
  apiError,
  fakeApi,
  onRequest,
  renderPage,
  resetWx,
  storage,
  waitFor,
  waitForText,
  wxLog,
  type RenderedPage,
} from './harness';

let page: RenderedPage | null = null;
beforeEach(() => resetWx());
afterEach(() => {
  page?.close();
  page = null;
});

async function fillAndSubmit(name: string, last6: string): Promise<RenderedPage> {
  // WeChat hands the query to onLoad still URL-encoded, as the login page wrote it.
  page = renderPage('/pages/bind/index', { ticket: encodeURIComponent('tkt/9+a=') });
  await waitFor(() => page!.find('bind-submit'));
  await page.input('bind-name', name);
  await page.input('bind-last6', last6);
  await page.tap('bind-submit');
  return page;
}

test('posts the ticket, the name and the last six of the ID number, then opens 首页 signed in', async () => {
  onRequest(fakeApi({ 'POST /auth/bind': { status: 200, body: SIGNED_IN } }));
  await fillAndSubmit(' 王秀兰 ', '01234x');
  await waitFor(() => wxLog.navigation.length > 0);

  const post = wxLog.requests.find((r) => r.path === '/auth/bind');
  expect(post).toMatchObject({ method: 'POST', data: { bindTicket: 'tkt/9+a=', name: '王秀兰', idCardLast6: '01234X' } });
  expect(storage.get(TOKEN_KEY)).toBe(SIGNED_IN.token);
  expect(wxLog.navigation).toEqual([{ api: 'switchTab', url: '/pages/index/index' }]);
});

test('BIND_MISMATCH shows the Chinese message on the page and signs nobody in', async () => {
  onRequest(fakeApi({ 'POST /auth/bind': apiError(400, 'BIND_MISMATCH', ERRORS.BIND_MISMATCH.message) }));
  const p = await fillAndSubmit('王秀兰', '999999');
  await waitForText(p, ERRORS.BIND_MISMATCH.message);

  expect(p.find('bind-error')?.textContent).toBe(ERRORS.BIND_MISMATCH.message);
  expect(storage.has(TOKEN_KEY)).toBe(false);
  expect(wxLog.navigation).toEqual([]);
  // the member may correct the details and try again
  expect(p.find('bind-submit')).not.toBeNull();
});

test('too many failed tries: the message is shown and the member is sent back to sign in again', async () => {
  onRequest(fakeApi({ 'POST /auth/bind': apiError(429, 'BIND_TOO_MANY_ATTEMPTS', ERRORS.BIND_TOO_MANY_ATTEMPTS.message) }));
  const p = await fillAndSubmit('王秀兰', '999999');
  await waitForText(p, ERRORS.BIND_TOO_MANY_ATTEMPTS.message);
  await waitFor(() => p.find('bind-restart'));
  expect(p.find('bind-submit')).toBeNull();

  await p.tap('bind-restart');
  await waitFor(() => wxLog.navigation.length > 0);
  expect(wxLog.navigation).toEqual([{ api: 'reLaunch', url: '/pages/login/index' }]);
});

test('checks the input before asking the server', async () => {
  onRequest(fakeApi({ 'POST /auth/bind': { status: 200, body: SIGNED_IN } }));
  const p = await fillAndSubmit('王秀兰', '12345');
  await waitForText(p, '请输入身份证号的后六位');
  expect(wxLog.requests.filter((r) => r.path === '/auth/bind')).toHaveLength(0);
});
