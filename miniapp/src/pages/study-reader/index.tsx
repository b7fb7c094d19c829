import { useRef, useState } from 'react';
import { Button, Text, Video, View } from '@tarojs/components';
import Taro, { useDidHide, useDidShow, useLoad, useRouter, useUnload } from '@tarojs/taro';
import {
  MATERIAL_KIND_LABELS,
  STUDY_HEARTBEAT_SECONDS,
  articleBlocks,
  type ArticleSpan,
  type FinishSessionResponse,
  type StudyMaterialView,
  type StudySessionStarted,
} from '@djzy/shared';
import NoteForm from '../../components/NoteForm';
import { apiAssetUrl } from '../../services/activities';
import { finishSession, getMaterial, heartbeat, startSession } from '../../services/study';
import { ensureSignedIn } from '../../services/session';
import { decodeParam } from '../../utils/params';
import { unfinishedReasons } from '../../utils/study';
import './index.scss';

const IS_H5 = process.env.TARO_ENV === 'h5';

/**
 * One material of the learning kit: read it (a session with a heartbeat while the page shows),
 * 完成学习 (with the quiz answers), and 写学习心得. Reading time only decides 已完成: never shown.
 */
/** An article's text: headings, paragraphs, lists and bold runs (marks only — never HTML). */
function ArticleView({ body }: { body: string | null }) {
  const spans = (list: ArticleSpan[]) =>
    list.map((sp, j) => (
      <Text key={j} className={sp.bold ? 'reader-bold' : undefined}>
        {sp.text}
      </Text>
    ));
  return (
    <>
      {articleBlocks(body).map((b, i) =>
        b.type === 'heading' ? (
          <View key={i} className={`reader-heading reader-heading-${b.level}`}>
            {spans(b.spans)}
          </View>
        ) : b.type === 'list' ? (
          <View key={i} className="reader-list">
            {b.items.map((item, j) => (
              <View key={j} className="reader-list-item">
                <Text className="reader-list-mark">{b.ordered ? `${j + 1}.` : '•'}</Text>
                <View className="reader-list-text">{spans(item)}</View>
              </View>
            ))}
          </View>
        ) : (
          <View key={i} className="reader-paragraph">
            {spans(b.spans)}
          </View>
        ),
      )}
    </>
  );
}

export default function StudyReaderPage() {
  const router = useRouter();
  const id = decodeParam(router.params.id);
  const [material, setMaterial] = useState<StudyMaterialView | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [session, setSession] = useState<StudySessionStarted | null>(null);
  const [answers, setAnswers] = useState<Record<string, number>>({});
  // The latest answers, whatever render the tap on 完成学习 was bound in.
  const answersRef = useRef<Record<string, number>>({});
  const choose = (questionId: string, option: number) => {
    answersRef.current = { ...answersRef.current, [questionId]: option };
    setAnswers(answersRef.current);
  };
  const [finishing, setFinishing] = useState(false);
  // The answers the last 完成学习 sent (a wrong one is marked until changed).
  const answered = useRef<Record<string, number>>({});
  const [result, setResult] = useState<FinishSessionResponse | null>(null);
  const [docBusy, setDocBusy] = useState(false);
  const [docError, setDocError] = useState<string | null>(null);

  const sessionRef = useRef<StudySessionStarted | null>(null);
  const timer = useRef<ReturnType<typeof setInterval> | null>(null);
  // Reading progress (0…1) as a bar: the seconds the server counted, plus the time shown since.
  const [progress, setProgress] = useState(0);
  const counted = useRef({ seconds: 0, at: Date.now() });
  const ticker = useRef<ReturnType<typeof setInterval> | null>(null);
  const showProgress = () => {
    const s = sessionRef.current;
    if (!s) return;
    const { seconds, at } = counted.current;
    const running = timer.current ? (Date.now() - at) / 1000 : 0;
    setProgress(s.minSeconds > 0 ? Math.min(1, (seconds + running) / s.minSeconds) : 1);
  };
  const sync = (seconds: number) => {
    counted.current = { seconds, at: Date.now() };
    showProgress();
  };
  const shown = useRef(false);
  const gone = useRef(false);

  const stopBeats = () => {
    if (timer.current) {
      // What was read until now stays on the bar while the page is away.
      const { seconds, at } = counted.current;
      counted.current = { seconds: seconds + Math.min((Date.now() - at) / 1000, STUDY_HEARTBEAT_SECONDS * 2), at: Date.now() };
      clearInterval(timer.current);
    }
    timer.current = null;
    if (ticker.current) clearInterval(ticker.current);
    ticker.current = null;
  };
  const startBeats = () => {
    stopBeats();
    const s = sessionRef.current;
    if (!s || !shown.current || gone.current) return;
    const every = (s.heartbeatSeconds || STUDY_HEARTBEAT_SECONDS) * 1000;
    counted.current = { seconds: counted.current.seconds, at: Date.now() };
    timer.current = setInterval(() => {
      const cur = sessionRef.current;
      if (cur)
        heartbeat(cur.sessionId)
          .then((b) => sync(b.secondsCounted))
          .catch(() => undefined);
    }, every);
    ticker.current = setInterval(showProgress, 2000);
  };

  const begin = () =>
    startSession(id, { silent: true })
      .then((s) => {
        if (gone.current) return;
        sessionRef.current = s;
        setSession(s);
        sync(0);
        startBeats();
      })
      .catch((e: Error) => setError(e.message));

  useLoad(() => {
    if (!ensureSignedIn()) return;
    getMaterial(id)
      .then((m) => {
        setMaterial(m);
        Taro.setNavigationBarTitle({ title: m.title }).catch(() => undefined);
      })
      .catch((e: Error) => setError(e.message));
    void begin();
  });

  useDidShow(() => {
    shown.current = true;
    startBeats();
  });
  useDidHide(() => {
    shown.current = false;
    stopBeats();
  });
  useUnload(() => {
    gone.current = true;
    shown.current = false;
    stopBeats();
  });

  const hasQuiz = !!material && material.quizMode !== 'none' && material.quiz.length > 0;

  const onFinish = async () => {
    const s = sessionRef.current;
    if (!s || !material || finishing) return;
    const chosen = answersRef.current;
    if (hasQuiz && material.quiz.some((q) => chosen[q.id] === undefined)) {
      Taro.showToast({ title: '请先答完全部题目', icon: 'none' }).catch(() => undefined);
      return;
    }
    setFinishing(true);
    answered.current = chosen;
    stopBeats();
    try {
      const res = await finishSession(s.sessionId, hasQuiz ? { quizAnswers: chosen } : {});
      setResult(res);
      if (res.sessionOpen) {
        // Not done yet: the same session reads on; answering again does not start the time over.
        sync(res.secondsCounted);
        startBeats();
      } else {
        sessionRef.current = null;
        setSession(null);
        if (!res.completed) await begin();
      }
    } catch {
      startBeats();
    } finally {
      setFinishing(false);
    }
  };

  /**
   * A document (PDF): WeChat downloads it and opens its own viewer (no menu: not for forwarding);
   * the browser opens it in a new window. The reading session keeps running meanwhile.
   */
  const onOpenDocument = async () => {
    if (!material?.url || docBusy) return;
    const url = apiAssetUrl(material.url);
    setDocError(null);
    if (IS_H5) {
      // A new window keeps this page (and its reading session) open; a blocked pop-up shows the link instead.
      const win = window.open(url, '_blank');
      if (win) win.opener = null;
      else setDocError(`浏览器阻止了新窗口，请复制地址打开：${url}`);
      return;
    }
    setDocBusy(true);
    try {
      const file = await Taro.downloadFile({ url });
      if (file.statusCode !== 200 || !file.tempFilePath) throw new Error(`download ${file.statusCode}`);
      await Taro.openDocument({ filePath: file.tempFilePath, fileType: 'pdf', showMenu: false });
    } catch {
      setDocError('文档打开失败，请检查网络后重试');
    } finally {
      setDocBusy(false);
    }
  };

  if (!material) {
    return (
      <View className="page reader">
        <View className="card">
          {error ? (
            <View className="error-text" id="reader-error">
              {error}
            </View>
          ) : (
            <View className="muted">正在加载…</View>
          )}
        </View>
      </View>
    );
  }

  const reasons = result && !result.completed ? unfinishedReasons(material, result) : [];
  // The questions the last finish found wrong, until the member changes the answer.
  const wrong = new Set(result && !result.completed ? (result.wrongQuestions ?? []) : []);
  const timed = material.quizMode !== 'replace_time' && material.minSeconds > 0 && !!session && !(result && result.completed);

  return (
    <View className="page reader">
      <View className="card">
        <View className="reader-title" id="reader-title">
          {material.title}
        </View>
        <View className="muted reader-meta">
          {material.required ? '必学 · ' : ''}
          {MATERIAL_KIND_LABELS[material.kind] ?? ''}
          {material.orgName ? ` · ${material.orgName}` : ''}
        </View>
        {(material.completed || session?.alreadyCompleted) && !result && (
          <View className="reader-done" id="reader-already">
            ✓ 您已学完本资料
          </View>
        )}
      </View>

      {timed && (
        <View className="card reader-progress" id="reader-progress">
          <View className="reader-progress-label" id={progress >= 1 ? 'reader-progress-done' : undefined}>
            {progress >= 1 ? '阅读进度：已读够，可以完成学习' : '阅读进度：请继续认真阅读'}
          </View>
          <View className="reader-progress-track">
            <View className="reader-progress-bar" style={{ width: `${Math.round(progress * 100)}%` }} />
          </View>
        </View>
      )}

      <View className="card reader-body" id="reader-body">
        {material.summary && <View className="reader-summary">{material.summary}</View>}
        {material.kind === 'article' && <ArticleView body={material.body} />}
        {material.kind === 'video' && material.url && (
          <Video id="reader-video" className="reader-video" src={apiAssetUrl(material.url)} controls showFullscreenBtn />
        )}
        {material.kind === 'document' && (
          <View className="reader-link-note" id="reader-link">
            <View>请点“打开文档”认真阅读，读完后回到这里点“完成学习”。</View>
            {material.url ? (
              <Button
                id="reader-open-doc"
                className="btn-secondary"
                loading={docBusy}
                disabled={docBusy || undefined}
                onClick={onOpenDocument}
              >
                打开文档
              </Button>
            ) : (
              <View className="muted">文档暂时无法打开，请联系支部</View>
            )}
            {docError && (
              <View className="error-text" id="reader-doc-error">
                {docError}
              </View>
            )}
          </View>
        )}
        {material.kind === 'video' && material.url && !material.fileId && (
          <View className="muted reader-url" id="reader-video-url">
            视频地址：{material.url}
          </View>
        )}
      </View>

      {hasQuiz && (
        <View className="card" id="reader-quiz">
          <View className="card-title">答题</View>
          {material.quiz.map((q, qi) => (
            <View
              key={q.id}
              className={`quiz-question${wrong.has(qi + 1) && answers[q.id] === answered.current[q.id] ? ' quiz-wrong' : ''}`}
              id={`quiz-${q.id}`}
            >
              <View className="quiz-text">
                {qi + 1}. {q.text}
                {wrong.has(qi + 1) && answers[q.id] === answered.current[q.id] ? <Text className="quiz-wrong-mark">（答错了）</Text> : null}
              </View>
              {q.options.map((opt, oi) => (
                <View
                  key={oi}
                  id={`quiz-${q.id}-${oi}`}
                  className={`quiz-option${answers[q.id] === oi ? ' quiz-chosen' : ''}`}
                  onClick={() => choose(q.id, oi)}
                >
                  {answers[q.id] === oi ? '● ' : '○ '}
                  {opt}
                </View>
              ))}
            </View>
          ))}
        </View>
      )}

      {result && (
        <View className={`card reader-result ${result.completed ? 'result-ok' : 'result-not'}`} id="reader-result">
          {result.completed ? (
            <>
              <View className="result-title">已完成{result.pointsAwarded > 0 ? ` +${result.pointsAwarded} 积分` : ''}</View>
              {(result.attended ?? []).map((act) => (
                <View key={act.activityId} className="result-attended" id={`reader-attended-${act.activityId}`}>
                  已计入「{act.title}」出勤
                </View>
              ))}
            </>
          ) : (
            <>
              <View className="result-title">未完成</View>
              {reasons.map((r) => (
                <View key={r} className="result-reason">
                  {r}
                </View>
              ))}
            </>
          )}
        </View>
      )}

      {!(result && result.completed) && (
        <Button
          id="reader-finish"
          className="btn-primary"
          loading={finishing}
          disabled={finishing || !session || undefined}
          onClick={onFinish}
        >
          完成学习
        </Button>
      )}

      <NoteForm target={{ materialId: id }} />
    </View>
  );
}
