/**
 * 流动党员 in the built mini-program: my own page (destination, my contact cadre with 拨打电话,
 * 报告近况), the contact cadre's list (most overdue first, one-tap call) and the contact form
 * (`pages/mobile/contact?memberId=`, posted with an Idempotency-Key reused on retry), and the
 * entries on 我的.
 */
import type { ContactLogRequest, MobilityReportRequest } from '@djzy/shared';
import { CONTACT, ME, MY_MOBILITY, mobileMember } from './fixtures';
import { fakeApi, flush, ok, onRequest, signedInPages, waitFor, waitForText, wxLog } from './harness';

const open = signedInPages();
const posts = (prefix: string) => wxLog.requests.filter((r) => r.method === 'POST' && r.path.startsWith(prefix));

const OVERDUE = mobileMember({ id: '201', name: '张志强', phone: '13900002222', overdueDays: 12, destination: '江苏省苏州市' });
const FINE = mobileMember({ id: '202', name: '刘芳', phone: '13900003333', overdueDays: 0 });
const WORSE = mobileMember({ id: '203', name: '陈伟', phone: '13900004444', overdueDays: 40 });

describe('流动党员（本人）', () => {
  test('shows my destination and my contact cadre; 拨打电话 calls the number', async () => {
    onRequest(fakeApi({ 'GET /me/mobility': ok(MY_MOBILITY) }));
    const p = open('/pages/mobile/index');
    await waitFor(() => p.find('cadre-name'));
    expect(p.find('mobility-destination')?.textContent).toBe('广东省东莞市');
    expect(p.find('cadre-name')?.textContent).toBe('王秀兰');
    await p.tap('call-cadre');
    await waitFor(() => wxLog.phoneCalls.length > 0);
    expect(wxLog.phoneCalls).toEqual(['13812345678']);
  });

  test('报告近况 posts location, status and note', async () => {
    let body: MobilityReportRequest | null = null;
    onRequest(
      fakeApi({
        'GET /me/mobility': ok(MY_MOBILITY),
        'POST /me/mobility-report': (req) => {
          body = req.data as MobilityReportRequest;
          return ok({ ...CONTACT, id: 'C9', method: 'self_report' }, 201);
        },
      }),
    );
    const p = open('/pages/mobile/index');
    await waitFor(() => p.find('report-form'));
    // no status chosen: not sent
    await p.tap('report-submit');
    await waitFor(() => p.find('report-error'));
    expect(posts('/me/mobility-report')).toHaveLength(0);

    await p.input('report-location', '广东省深圳市');
    await p.tap('report-status-job_seeking');
    await p.input('report-note', '换了工作，一切都好');
    await p.tap('report-submit');
    await waitFor(() => p.find('report-sent'));
    expect(body).toEqual({ location: '广东省深圳市', status: 'job_seeking', note: '换了工作，一切都好' });
  });

  test('a member who is not mobile sees no record', async () => {
    onRequest(fakeApi({ 'GET /me/mobility': ok({ isMobile: false, record: null, recentContacts: [] }) }));
    const p = open('/pages/mobile/index');
    await waitForText(p, '您不是流动党员');
  });
});

describe('我联系的流动党员', () => {
  test('lists most overdue first with 逾期 N 天, calls with one tap and opens the contact form', async () => {
    onRequest(fakeApi({ 'GET /mobile-members': ok({ items: [OVERDUE, FINE, WORSE], total: 3 }) }));
    const p = open('/pages/mobile/cadre');
    await waitFor(() => p.find('mm-201'));
    const text = p.text();
    expect(text.indexOf('陈伟')).toBeLessThan(text.indexOf('张志强'));
    expect(text.indexOf('张志强')).toBeLessThan(text.indexOf('刘芳'));
    expect(p.find('mm-overdue-203')?.textContent).toBe('逾期 40 天');
    expect(p.find('mm-overdue-201')?.textContent).toBe('逾期 12 天');
    expect(p.find('mm-overdue-202')).toBeNull();
    await p.tap('mm-call-201');
    await waitFor(() => wxLog.phoneCalls.length > 0);
    expect(wxLog.phoneCalls).toEqual(['13900002222']);
    await p.tap('mm-contact-201');
    await waitFor(() => wxLog.navigation.length > 0);
    expect(wxLog.navigation).toEqual([{ api: 'navigateTo', url: '/pages/mobile/contact?memberId=201' }]);
  });

  test('the contact form posts method, time (+08:00), summary, needs and 需跟进 with an Idempotency-Key, reused on retry', async () => {
    let n = 0;
    onRequest(
      fakeApi({
        'GET /mobile-members': ok({ items: [OVERDUE], total: 1 }),
        'GET /mobile-members/201/contacts': ok([{ ...CONTACT, memberId: '201' }]),
        'POST /mobile-members/201/contacts': (req) => {
          if (++n === 1) throw new Error('network down');
          return ok({ contact: { ...CONTACT, ...(req.data as ContactLogRequest), id: 'C2', memberId: '201' }, pointsAwarded: 2 }, 201);
        },
      }),
    );
    const p = open('/pages/mobile/contact', { memberId: '201' });
    await waitFor(() => p.find('contact-C1'));
    await waitForText(p, '张志强');
    expect(p.find('contact-C1')?.textContent).toContain('电话联系，工作稳定');
    // the time defaults to now
    expect(p.find('contact-date')?.textContent).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(p.find('contact-time')?.textContent).toMatch(/^\d{2}:\d{2}$/);

    await p.tap('method-wechat');
    await p.input('contact-summary', '微信视频聊了，身体好');
    await p.input('contact-needs', '想把组织关系转过去');
    await p.fire('contact-followup', 'change', { value: true });
    await p.tap('contact-submit');
    await waitFor(() => p.find('contact-error'));
    await p.tap('contact-submit');
    await waitFor(() => p.find('contact-saved'));
    expect(p.find('contact-saved')?.textContent).toBe('已记录 +2 积分');

    const sent = posts('/mobile-members/201/contacts');
    expect(sent).toHaveLength(2);
    const key = sent[0].header['Idempotency-Key'];
    expect(key).toBeTruthy();
    expect(sent[1].header['Idempotency-Key']).toBe(key);
    const body = sent[1].data as ContactLogRequest;
    expect(body).toMatchObject({ method: 'wechat', summary: '微信视频聊了，身体好', needs: '想把组织关系转过去', followUpRequired: true });
    expect(body.contactedAt).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:00\+08:00$/);
    expect(Math.abs(new Date(body.contactedAt).getTime() - Date.now())).toBeLessThan(5 * 60_000);

    // a second record gets a new key
    await p.input('contact-summary', '又打了一次电话');
    await p.tap('contact-submit');
    await waitFor(() => posts('/mobile-members/201/contacts').length === 3);
    expect(posts('/mobile-members/201/contacts')[2].header['Idempotency-Key']).not.toBe(key);
  });
});

describe('我的 entries', () => {
  test('a mobile member sees 流动党员; a contact cadre sees 我联系的流动党员', async () => {
    onRequest(fakeApi({ 'GET /me': ok(ME), 'GET /me/mobility': ok(MY_MOBILITY) }));
    const p = open('/pages/mine/index');
    await waitFor(() => p.find('entry-mobility'));
    await waitFor(() => p.find('entry-mobile-cadre'));
    await p.tap('entry-mobility');
    await p.tap('entry-mobile-cadre');
    await waitFor(() => wxLog.navigation.length === 2);
    expect(wxLog.navigation).toEqual([
      { api: 'navigateTo', url: '/pages/mobile/index' },
      { api: 'navigateTo', url: '/pages/mobile/cadre' },
    ]);
  });

  test('a plain member, not mobile and with no assignees, sees neither', async () => {
    onRequest(
      fakeApi({
        'GET /me': ok({ ...ME, roles: [] }),
        'GET /me/mobility': ok({ isMobile: false, record: null, recentContacts: [] }),
        'GET /mobile-members': ok({ items: [], total: 0 }),
      }),
    );
    const p = open('/pages/mine/index');
    await waitForText(p, '王秀兰');
    await waitFor(() => wxLog.requests.some((r) => r.path.startsWith('/mobile-members')));
    await flush(50);
    expect(p.find('entry-mobility')).toBeNull();
    expect(p.find('entry-mobile-cadre')).toBeNull();
    expect(wxLog.toasts).toEqual([]);
  });

  test('a plain member the server gives assignees to sees 我联系的流动党员', async () => {
    onRequest(
      fakeApi({
        'GET /me': ok({ ...ME, roles: [] }),
        'GET /me/mobility': ok({ isMobile: false, record: null, recentContacts: [] }),
        'GET /mobile-members': ok({ items: [OVERDUE], total: 1 }),
      }),
    );
    const p = open('/pages/mine/index');
    await waitFor(() => p.find('entry-mobile-cadre'));
  });
});
