/**
 * 学习 in the built mini-program: the learning kit (必学 first, ✓ when completed, search), the reader
 * (a session on open, a heartbeat every heartbeatSeconds while shown, 完成学习 with the quiz answers,
 * the result in words — never a number of seconds), 写学习心得, and 我的学习.
 */
import type { CreateNoteRequest, FinishSessionRequest } from '@djzy/shared';
import { CHARTER, ME, MY_STUDY, NOTE_REVIEW, QUIZ, SPEECH, VIDEO } from './fixtures';
import { apiError, fakeApi, flush, ok, onRequest, signedInPages, waitFor, waitForText, wxLog, type RenderedPage } from './harness';

const open = signedInPages();
const posts = (prefix: string) => wxLog.requests.filter((r) => r.method === 'POST' && r.path.startsWith(prefix));
/** Nothing on screen counts reading time. */
const noTimeFigures = (p: RenderedPage) => {
  expect(p.text()).not.toMatch(/秒|分钟|小时|时长/);
};

/** Captures setInterval/clearInterval so a test can run the heartbeat itself. */
function captureIntervals() {
  const intervals: { fn: () => void; ms: number; id: unknown }[] = [];
  const cleared: unknown[] = [];
  const realSet = global.setInterval;
  const realClear = global.clearInterval;
  const setSpy = jest.spyOn(global, 'setInterval').mockImplementation(((fn: () => void, ms: number) => {
    const id = realSet(() => undefined, 1e9);
    intervals.push({ fn, ms, id });
    return id;
  }) as typeof setInterval);
  const clearSpy = jest.spyOn(global, 'clearInterval').mockImplementation(((id: NodeJS.Timeout) => {
    cleared.push(id);
    realClear(id);
  }) as typeof clearInterval);
  return {
    intervals,
    cleared,
    restore() {
      setSpy.mockRestore();
      clearSpy.mockRestore();
    },
  };
}

describe('党员小书包', () => {
  test('lists 必学 first with 必学 and ✓ 已学完 for a completed one, and opens the reader', async () => {
    onRequest(fakeApi({ 'GET /me': ok(ME), 'GET /study/materials': ok({ items: [QUIZ, CHARTER, SPEECH], total: 3 }) }));
    const p = open('/pages/study/index');
    await waitFor(() => p.find('material-M1'));
    const text = p.text();
    expect(text).toContain('党员小书包');
    // required first, whatever order the server sent
    expect(text.indexOf('中国共产党章程（学习要点）')).toBeLessThan(text.indexOf('党史知识小测验'));
    expect(text.indexOf('二十大报告学习')).toBeLessThan(text.indexOf('党史知识小测验'));
    expect(p.find('material-M1')?.textContent).toContain('必学');
    expect(p.find('material-status-M1')?.textContent).toBe('✓ 已学完');
    expect(p.find('material-status-M2')?.textContent).toBe('未学完');
    expect(p.find('material-M3')?.textContent).not.toContain('必学');
    noTimeFigures(p);
    expect(wxLog.requests.find((r) => r.path.startsWith('/study/materials'))!.header.Authorization).toBe('Bearer tok-abc');

    await p.tap('material-M3');
    await waitFor(() => wxLog.navigation.length > 0);
    expect(wxLog.navigation).toEqual([{ api: 'navigateTo', url: '/pages/study-reader/index?id=M3' }]);
  });

  test('then by tag: a section per tag after 必学, and a tag chip asks the server with tag=', async () => {
    const history = { ...QUIZ, tags: ['党史'] };
    const video = { ...VIDEO, tags: ['乡村振兴', '政策'] };
    const loose = { ...VIDEO, id: 'M5', title: '无标签资料', tags: [] };
    onRequest(
      fakeApi({
        'GET /study/materials': (req) =>
          ok(req.path.includes('tag=') ? { items: [history], total: 1 } : { items: [loose, video, history, CHARTER], total: 4 }),
      }),
    );
    const p = open('/pages/study/index');
    await waitFor(() => p.find('material-M5'));
    const section = (title: string) => p.find(`kit-section-${title}`)?.textContent ?? '';
    expect(section('必学')).toContain('中国共产党章程（学习要点）');
    expect(section('党史')).toContain('党史知识小测验');
    expect(section('乡村振兴')).toContain('红色故事微视频');
    expect(section('其他')).toContain('无标签资料');
    expect(section('其他')).not.toContain('红色故事微视频');
    const text = p.text();
    expect(text.indexOf('中国共产党章程（学习要点）')).toBeLessThan(text.indexOf('红色故事微视频'));
    expect(text.indexOf('红色故事微视频')).toBeLessThan(text.indexOf('无标签资料'));
    await p.tap('study-tag-党史');
    await waitFor(() => !p.find('material-M5'));
    const last = wxLog.requests.filter((r) => r.path.startsWith('/study/materials')).at(-1)!;
    expect(new URL(last.path, 'http://x').searchParams.get('tag')).toBe('党史');
    expect(p.find('material-M3')).not.toBeNull();
    // The chips stay (all the kit's tags), so another tag or 全部 is one tap away.
    expect(p.find('study-tag-政策')).not.toBeNull();
    await p.tap('study-tag-all');
    await waitFor(() => p.find('material-M5'));
  });

  test('the search box asks the server with q=', async () => {
    onRequest(
      fakeApi({
        'GET /study/materials': (req) =>
          ok(req.path.includes('q=') ? { items: [CHARTER], total: 1 } : { items: [CHARTER, QUIZ], total: 2 }),
      }),
    );
    const p = open('/pages/study/index');
    await waitFor(() => p.find('material-M3'));
    await p.input('study-search', '党章');
    await p.tap('study-search-go');
    await waitFor(() => !p.find('material-M3'));
    const last = wxLog.requests.filter((r) => r.path.startsWith('/study/materials')).at(-1)!;
    expect(new URL(last.path, 'http://x').searchParams.get('q')).toBe('党章');
    expect(p.find('material-M1')).not.toBeNull();
  });

  test('我的学习 is reachable from the tab', async () => {
    onRequest(fakeApi({ 'GET /study/materials': ok({ items: [], total: 0 }) }));
    const p = open('/pages/study/index');
    await waitForText(p, '暂无学习资料');
    await p.tap('entry-my-study');
    await waitFor(() => wxLog.navigation.length > 0);
    expect(wxLog.navigation).toEqual([{ api: 'navigateTo', url: '/pages/study/mine' }]);
  });
});

describe('阅读', () => {
  test('starts a session on open, beats every heartbeatSeconds while shown, stops on leaving', async () => {
    let beats = 0;
    onRequest(
      fakeApi({
        'GET /study/materials/M2': ok(SPEECH),
        'POST /study/materials/M2/sessions': ok({ sessionId: 'S1', minSeconds: 60, heartbeatSeconds: 30, alreadyCompleted: false }, 201),
        'POST /study/sessions/S1/heartbeat': () => ok({ secondsCounted: 30 * ++beats, completed: false }),
      }),
    );
    const t = captureIntervals();
    try {
      const p = open('/pages/study-reader/index', { id: 'M2' });
      await waitForText(p, '第二段：牢记初心使命。');
      expect(p.find('reader-title')?.textContent).toBe('二十大报告学习');
      expect(p.text()).toContain('第一段：坚定理想信念。');
      await waitFor(() => t.intervals.find((i) => i.ms === 30_000));
      expect(posts('/study/materials/M2/sessions')).toHaveLength(1);
      const beat = t.intervals.find((i) => i.ms === 30_000)!;
      beat.fn();
      beat.fn();
      await waitFor(() => posts('/study/sessions/S1/heartbeat').length === 2);
      await flush(20);
      noTimeFigures(p);

      // hidden: the heartbeat stops; shown again: it starts again
      (p.root.instance.onHide as () => void).call(p.root.instance);
      expect(t.cleared).toContain(beat.id);
      (p.root.instance.onShow as () => void).call(p.root.instance);
      await waitFor(() => t.intervals.filter((i) => i.ms === 30_000).length === 2);
      const again = t.intervals.filter((i) => i.ms === 30_000);
      expect(again.length).toBe(2);

      p.close();
      expect(t.cleared).toContain(again[1].id);
    } finally {
      t.restore();
    }
  });

  test('完成学习 posts the quiz answers; finishing early shows 未完成 and the reason in words', async () => {
    let session = 0;
    let finishBody: FinishSessionRequest | null = null;
    onRequest(
      fakeApi({
        'GET /study/materials/M3': ok(QUIZ),
        'POST /study/materials/M3/sessions': () =>
          ok({ sessionId: `S${++session}`, minSeconds: 30, heartbeatSeconds: 30, alreadyCompleted: false }, 201),
        'POST /study/sessions/S1/finish': (req) => {
          finishBody = req.data as FinishSessionRequest;
          return ok({ secondsCounted: 12, completed: false, pointsAwarded: 0, quizPassed: true });
        },
        'POST /study/sessions/S2/finish': () => ok({ secondsCounted: 45, completed: true, pointsAwarded: 2, quizPassed: true }),
      }),
    );
    const p = open('/pages/study-reader/index', { id: 'M3' });
    await waitFor(() => p.find('quiz-q2-0'));
    expect(p.text()).toContain('中国共产党成立于哪一年？');
    await waitFor(() => session === 1);
    await flush(20);

    // not all answered: nothing is sent
    await p.tap('quiz-q1-1');
    await p.tap('reader-finish');
    await flush(20);
    expect(posts('/study/sessions/S1/finish')).toHaveLength(0);
    expect(wxLog.toasts).toContain('请先答完全部题目');

    await p.tap('quiz-q2-0');
    await p.tap('reader-finish');
    await waitFor(() => p.find('reader-result')).catch((e) => {
      throw new Error(`${e}; ${JSON.stringify(wxLog.requests.map((r) => r.path))} ${wxLog.toasts} ${p.text()}`);
    });
    expect(finishBody).toEqual({ quizAnswers: { q1: 1, q2: 0 } });
    const result = p.find('reader-result')!.textContent ?? '';
    expect(result).toContain('未完成');
    expect(result).toContain('阅读时间还不够');
    expect(result).not.toContain('12');
    noTimeFigures(p);

    // a new session to keep reading; finishing again completes it
    await waitFor(() => session === 2);
    await flush(20);
    await p.tap('reader-finish');
    await waitFor(() => (p.find('reader-result')?.textContent ?? '').includes('已完成'));
    expect(p.find('reader-result')!.textContent).toContain('已完成 +2 积分');
    expect(p.find('reader-finish')).toBeNull();
    noTimeFigures(p);
  });

  test('a wrong quiz answer is the reason', async () => {
    onRequest(
      fakeApi({
        'GET /study/materials/M3': ok(QUIZ),
        'POST /study/materials/M3/sessions': ok({ sessionId: 'S1', minSeconds: 30, heartbeatSeconds: 30, alreadyCompleted: false }, 201),
        'POST /study/sessions/S1/finish': ok({ secondsCounted: 40, completed: false, pointsAwarded: 0, quizPassed: false }),
      }),
    );
    const p = open('/pages/study-reader/index', { id: 'M3' });
    await waitFor(() => p.find('quiz-q2-1'));
    await waitFor(() => posts('/study/materials/M3/sessions').length === 1);
    await flush(20);
    await p.tap('quiz-q1-0');
    await p.tap('quiz-q2-1');
    await p.tap('reader-finish');
    await waitFor(() => p.find('reader-result'));
    expect(p.find('reader-result')!.textContent).toContain('答题还有错误');
    expect(p.find('reader-result')!.textContent).not.toContain('阅读时间还不够');
  });

  test('a wrong answer keeps the session: the wrong question is named, answering again finishes the same session', async () => {
    let finishes = 0;
    onRequest(
      fakeApi({
        'GET /study/materials/M3': ok(QUIZ),
        'POST /study/materials/M3/sessions': ok({ sessionId: 'S1', minSeconds: 30, heartbeatSeconds: 30, alreadyCompleted: false }, 201),
        'POST /study/sessions/S1/finish': () =>
          ++finishes === 1
            ? ok({
                secondsCounted: 40,
                completed: false,
                pointsAwarded: 0,
                quizPassed: false,
                attended: [],
                sessionOpen: true,
                wrongQuestions: [2],
              })
            : ok({
                secondsCounted: 42,
                completed: true,
                pointsAwarded: 1,
                quizPassed: true,
                attended: [],
                sessionOpen: false,
                wrongQuestions: [],
              }),
      }),
    );
    const p = open('/pages/study-reader/index', { id: 'M3' });
    await waitFor(() => p.find('quiz-q2-1'));
    await waitFor(() => posts('/study/materials/M3/sessions').length === 1);
    await flush(20);
    expect(p.find('reader-progress')).not.toBeNull();
    await p.tap('quiz-q1-1');
    await p.tap('quiz-q2-1');
    await p.tap('reader-finish');
    await waitFor(() => p.find('reader-result'));
    const result = p.find('reader-result')!.textContent ?? '';
    expect(result).toContain('第2题');
    expect(result).not.toContain('第1题');
    expect(p.find('quiz-q2')!.textContent).toContain('答错了');
    await p.tap('quiz-q2-0');
    await flush(20);
    expect(p.find('quiz-q2')!.textContent).not.toContain('答错了');
    await p.tap('reader-finish');
    await waitFor(() => (p.find('reader-result')?.textContent ?? '').includes('已完成'));
    // One session all along: the wrong answer did not start the reading over.
    expect(posts('/study/materials/M3/sessions')).toHaveLength(1);
    expect(posts('/study/sessions/S1/finish')).toHaveLength(2);
    noTimeFigures(p);
  });

  test('an article shows its headings, lists and bold runs as marks, never as HTML', async () => {
    const marked = {
      ...SPEECH,
      body: '# 党员的义务\n- 认真**学习**马克思列宁主义\n- 贯彻执行党的基本路线\n1. 第一条\n正文<b>不是标签</b>',
    };
    onRequest(
      fakeApi({
        'GET /study/materials/M2': ok(marked),
        'POST /study/materials/M2/sessions': ok({ sessionId: 'S1', minSeconds: 60, heartbeatSeconds: 30, alreadyCompleted: false }, 201),
      }),
    );
    const p = open('/pages/study-reader/index', { id: 'M2' });
    await waitForText(p, '党员的义务');
    const body = p.find('reader-body')!;
    // miniprogram-simulate prefixes a page's classes with `main--`.
    const one = (cls: string) => Array.from(body.querySelectorAll(`.main--${cls}`)).map((e) => e.textContent?.replace(/\s+/g, ''));
    expect(one('reader-heading-1')).toEqual(['党员的义务']);
    expect(one('reader-list-item')).toEqual(['•认真学习马克思列宁主义', '•贯彻执行党的基本路线', '1.第一条']);
    expect(one('reader-bold')).toEqual(['学习']);
    expect(one('reader-paragraph')).toEqual(['正文<b>不是标签</b>']);
    expect(body.querySelector('b')).toBeNull();
    p.close();
  });

  test('a video plays the url in <video>', async () => {
    onRequest(
      fakeApi({
        'GET /study/materials/M4': ok(VIDEO),
        'POST /study/materials/M4/sessions': ok({ sessionId: 'S9', minSeconds: 60, heartbeatSeconds: 30, alreadyCompleted: false }, 201),
      }),
    );
    const p = open('/pages/study-reader/index', { id: 'M4' });
    await waitFor(() => p.find('reader-video'));
    expect(p.find('reader-video-url')?.textContent).toContain('https://example.cn/v/1.mp4');
  });

  test('学习心得 posts the content and shows 待支部审核 for a held note', async () => {
    let noteBody: CreateNoteRequest | null = null;
    onRequest(
      fakeApi({
        'GET /study/materials/M1': ok(CHARTER),
        'POST /study/materials/M1/sessions': ok({ sessionId: 'S1', minSeconds: 60, heartbeatSeconds: 30, alreadyCompleted: true }, 201),
        'POST /study/notes': (req) => {
          noteBody = req.data as CreateNoteRequest;
          return ok({ note: { ...NOTE_REVIEW, content: noteBody.content }, pointsAwarded: 0 }, 201);
        },
      }),
    );
    const p = open('/pages/study-reader/index', { id: 'M1' });
    await waitFor(() => p.find('note-content'));
    await waitFor(() => p.find('reader-already'));
    expect(p.find('reader-already')?.textContent).toContain('已学完');

    // too short: not sent
    await p.input('note-content', '很好');
    await p.tap('note-submit');
    await waitFor(() => p.find('note-error'));
    expect(posts('/study/notes')).toHaveLength(0);

    const content = '通过学习党章，我更加明白了党员的义务和权利。';
    await p.input('note-content', content);
    await p.tap('note-submit');
    await waitFor(() => p.find('note-result'));
    expect(noteBody).toEqual({ materialId: 'M1', content });
    expect(p.find('note-result')?.textContent).toBe('待支部审核');
  });

  test('a published note shows 已发布 and the points; a rejected one shows the message', async () => {
    let n = 0;
    onRequest(
      fakeApi({
        'GET /study/materials/M1': ok(CHARTER),
        'POST /study/materials/M1/sessions': ok({ sessionId: 'S1', minSeconds: 60, heartbeatSeconds: 30, alreadyCompleted: true }, 201),
        'POST /study/notes': () =>
          ++n === 1
            ? apiError(400, 'NOTE_REJECTED', '心得内容含有不适宜发布的内容，请修改后再提交')
            : ok({ note: { ...NOTE_REVIEW, status: 'published' }, pointsAwarded: 3 }, 201),
      }),
    );
    const p = open('/pages/study-reader/index', { id: 'M1' });
    await waitFor(() => p.find('note-content'));
    await p.input('note-content', '这是一段足够长的学习心得内容。');
    await p.tap('note-submit');
    await waitFor(() => p.find('note-error'));
    expect(p.find('note-error')?.textContent).toBe('心得内容含有不适宜发布的内容，请修改后再提交');
    await p.tap('note-submit');
    await waitFor(() => p.find('note-result'));
    expect(p.find('note-result')?.textContent).toBe('已发布 +3 积分');
  });
});

describe('我的学习', () => {
  test('shows completed, pending required and my reflections with their status — no time', async () => {
    onRequest(fakeApi({ 'GET /study/me': ok(MY_STUDY) }));
    const p = open('/pages/study/mine');
    await waitFor(() => p.find('note-status-N1'));
    expect(p.find('completed-M1')?.textContent).toContain('中国共产党章程（学习要点）');
    expect(p.find('completed-M1')?.textContent).toContain('✓ 已学完');
    expect(p.find('pending-M2')?.textContent).toContain('二十大报告学习');
    expect(p.find('note-status-N1')?.textContent).toBe('待支部审核');
    expect(p.find('note-status-N2')?.textContent).toBe('已发布');
    noTimeFigures(p);
    await p.tap('pending-M2');
    await waitFor(() => wxLog.navigation.length > 0);
    expect(wxLog.navigation).toEqual([{ api: 'navigateTo', url: '/pages/study-reader/index?id=M2' }]);
  });
});
