/**
 * 投诉建议 in the built mini-program: the form (投诉/建议, content counted to 2000, an optional
 * phone) posts what the member chose and shows the 答复期限; the server's field errors appear under
 * the field, a 429 as a friendly line; 我的投诉建议 lists each with 待答复 / 已答复 / 逾期未答复 and the
 * reply; 我的 links to it.
 */
import { ERRORS, LIMITS, type CreateFeedbackRequest } from '@djzy/shared';
import { ME, feedback } from './fixtures';
import { apiError, fakeApi, flush, ok, onRequest, signedInPages, waitFor, waitForText, wxLog } from './harness';

const open = signedInPages();
const posts = () => wxLog.requests.filter((r) => r.method === 'POST' && r.path === '/feedback');

describe('投诉建议 form', () => {
  test('sends the chosen category, content and phone, and shows the reply due date', async () => {
    let body: CreateFeedbackRequest | null = null;
    onRequest(
      fakeApi({
        'POST /feedback': (req) => {
          body = req.data as CreateFeedbackRequest;
          return ok({ id: 'F1', status: 'received', replyDueAt: '2026-12-16T09:30:00+08:00' }, 201);
        },
      }),
    );
    const p = open('/pages/feedback/index');
    await waitFor(() => p.find('feedback-form'));
    expect(p.find('feedback-count')?.textContent).toBe(`0/${LIMITS.feedbackContent}`);

    await p.tap('feedback-category-complaint');
    await p.input('feedback-content', '  村务公开栏三个月没有更新  ');
    await waitFor(() => p.find('feedback-count')?.textContent === `16/${LIMITS.feedbackContent}`);
    await p.input('feedback-contact', '13800001111');
    await flush(50); // let what was typed render before 提交
    await p.tap('feedback-submit');

    await waitFor(() => p.find('feedback-sent'));
    expect(body).toEqual({ category: 'complaint', content: '村务公开栏三个月没有更新', contact: '13800001111' });
    expect(p.find('feedback-due')?.textContent).toBe('2026-12-16');
    expect(p.text()).toContain('答复期限');

    // 我的投诉建议 from the confirmation
    await p.tap('feedback-mine');
    await waitFor(() => wxLog.navigation.length > 0);
    expect(wxLog.navigation).toEqual([{ api: 'navigateTo', url: '/pages/feedback/mine' }]);
  });

  test('leaves out an empty phone, and asks for a category and content before sending anything', async () => {
    let body: CreateFeedbackRequest | null = null;
    onRequest(
      fakeApi({
        'POST /feedback': (req) => {
          body = req.data as CreateFeedbackRequest;
          return ok({ id: 'F2', status: 'received', replyDueAt: '2026-12-16T09:30:00+08:00' }, 201);
        },
      }),
    );
    const p = open('/pages/feedback/index');
    await waitFor(() => p.find('feedback-form'));
    await flush(50); // let what was typed render before 提交
    await p.tap('feedback-submit');
    await waitFor(() => p.find('feedback-content-error'));
    expect(p.find('feedback-category-error')?.textContent).toBe('请选择投诉或建议');
    expect(p.find('feedback-content-error')?.textContent).toBe('请填写投诉建议的内容');
    await flush(20);
    expect(posts()).toHaveLength(0);

    await p.tap('feedback-category-suggestion');
    await p.input('feedback-content', '建议增加党员夜校');
    await flush(50); // let what was typed render before 提交
    await p.tap('feedback-submit');
    await waitFor(() => p.find('feedback-sent'));
    expect(body).toEqual({ category: 'suggestion', content: '建议增加党员夜校' });
  });

  test("the server's field error appears under the content, in its words", async () => {
    const message = `投诉建议内容不能超过${LIMITS.feedbackContent}个字`;
    onRequest(
      fakeApi({
        'POST /feedback': apiError(400, 'VALIDATION_FAILED', ERRORS.VALIDATION_FAILED.message, [{ field: 'content', message }]),
      }),
    );
    const p = open('/pages/feedback/index');
    await waitFor(() => p.find('feedback-form'));
    await p.tap('feedback-category-suggestion');
    await p.input('feedback-content', '内容');
    await flush(50); // let what was typed render before 提交
    await p.tap('feedback-submit');
    await waitFor(() => p.find('feedback-content-error'));
    expect(p.find('feedback-content-error')?.textContent).toBe(message);
    // under the field only: no general line, no toast, the form stays filled in
    expect(p.find('feedback-error')).toBeNull();
    expect(wxLog.toasts).toEqual([]);
    expect(p.find('feedback-sent')).toBeNull();
  });

  test('a 429 says in plain words to wait, and keeps what was written', async () => {
    onRequest(fakeApi({ 'POST /feedback': apiError(429, 'RATE_LIMITED', ERRORS.RATE_LIMITED.message) }));
    const p = open('/pages/feedback/index');
    await waitFor(() => p.find('feedback-form'));
    await p.tap('feedback-category-suggestion');
    await p.input('feedback-content', '第十一条建议');
    await flush(50); // let what was typed render before 提交
    await p.tap('feedback-submit');
    await waitFor(() => p.find('feedback-error'));
    expect(p.find('feedback-error')?.textContent).toContain('您提交得太频繁了');
    expect(p.find('feedback-count')?.textContent).toBe(`6/${LIMITS.feedbackContent}`);
  });
});

describe('我的投诉建议', () => {
  test('shows each one with its status; the reply under a replied one, 逾期未答复 for a late one', async () => {
    onRequest(
      fakeApi({
        'GET /feedback/mine': ok({
          total: 3,
          items: [
            feedback({ id: 'F3', content: '路灯坏了', replyDueAt: '2099-01-10T09:00:00+08:00' }),
            feedback({ id: 'F2', category: 'complaint', content: '会议通知太晚', overdue: true, replyDueAt: '2026-11-30T09:00:00+08:00' }),
            feedback({
              id: 'F1',
              status: 'replied',
              reply: '已安排于12月起开放暖气，感谢您的建议。',
              repliedAt: '2026-11-25T15:00:00+08:00',
              repliedByName: '城关镇党委',
            }),
          ],
        }),
      }),
    );
    const p = open('/pages/feedback/mine');
    await waitFor(() => p.find('fb-F1'));
    expect(p.find('fb-status-F3')?.textContent).toBe('待答复');
    expect(p.find('fb-status-F2')?.textContent).toBe('逾期未答复');
    expect(p.find('fb-status-F2')?.className).toContain('fb-status-overdue');
    expect(p.find('fb-status-F1')?.textContent).toBe('已答复');
    expect(p.find('fb-reply-F1')?.textContent).toContain('已安排于12月起开放暖气，感谢您的建议。');
    expect(p.find('fb-reply-F1')?.textContent).toContain('城关镇党委');
    expect(p.find('fb-reply-F3')).toBeNull();
    expect(p.find('fb-due-F2')?.textContent).toBe('答复期限：2026-11-30');
    expect(p.text()).toContain('投诉');
    expect(p.text()).toContain('建议');
  });

  test('an empty list says so', async () => {
    onRequest(fakeApi({ 'GET /feedback/mine': ok({ total: 0, items: [] }) }));
    const p = open('/pages/feedback/mine');
    await waitForText(p, '还没有提交过投诉建议');
  });
});

test('我的 → 投诉建议 opens the form', async () => {
  onRequest(fakeApi({ 'GET /me': ok(ME) }));
  const p = open('/pages/mine/index');
  await waitForText(p, '投诉建议');
  await p.tap('entry-feedback');
  await waitFor(() => wxLog.navigation.length > 0);
  expect(wxLog.navigation).toEqual([{ api: 'navigateTo', url: '/pages/feedback/index' }]);
});
