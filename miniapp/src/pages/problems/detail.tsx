import { useEffect, useState } from 'react';
import { Button, View } from '@tarojs/components';
import Taro, { useRouter } from '@tarojs/taro';
import {
  LIMITS,
  MAX_EVIDENCE,
  PROBLEM_EVENT_LABELS,
  PROBLEM_MOVES,
  PROBLEM_SOURCE_LABELS,
  toLocalDate,
  type ActivityView,
  type ProblemStatus,
  type ProblemView,
} from '@djzy/shared';
import PageLoading from '../../components/PageLoading';
import TextBox, { Field } from '../../components/TextBox';
import { usePageData } from '../../hooks/usePageData';
import { listMyActivities } from '../../services/activities';
import { getProblem, recordProgress, submitProblem } from '../../services/problems';
import { formatDateTime } from '../../utils/activity';
import { NO_ERRORS, formErrors, type FormErrors } from '../../utils/errors';
import { decodeParam } from '../../utils/params';
import { deadlineText, problemStatusLabel, problemTone } from './status';
import './index.scss';

const canMove = (move: 'progress' | 'submit', status: ProblemStatus) => (PROBLEM_MOVES[move] as readonly ProblemStatus[]).includes(status);

/**
 * One 整改任务: what is wrong, by when, and its history (整改清单); for the one who rectifies it,
 * 记录整改进展 (text, and optionally activities I took part in as evidence — never a photo) and,
 * while 整改中, 申请销号 after a confirmation. The server's 409/400 are shown in its words.
 */
export default function ProblemDetailPage() {
  const { params } = useRouter();
  const id = decodeParam(params.id);
  const { data, error } = usePageData(() => (id ? getProblem(id, { silent: true }) : null));
  // The answer of the last move replaces what was loaded.
  const [moved, setMoved] = useState<ProblemView | null>(null);
  const problem = moved && moved.id === data?.id ? moved : data;
  useEffect(() => setMoved(null), [data]);

  const [text, setText] = useState('');
  const [picked, setPicked] = useState<string[]>([]);
  const [activities, setActivities] = useState<ActivityView[] | null>(null);
  const [busy, setBusy] = useState(false);
  const [errors, setErrors] = useState<FormErrors>(NO_ERRORS);
  const [saved, setSaved] = useState<string | null>(null);

  const mayProgress = !!problem?.canRectify && canMove('progress', problem.status);
  const maySubmit = !!problem?.canRectify && canMove('submit', problem.status);

  // The activities I took part in, to link as evidence: asked once, when the form first shows.
  useEffect(() => {
    if (!mayProgress || activities) return;
    listMyActivities({ to: new Date(), pageSize: 30 }, { silent: true })
      .then((res) => setActivities(res.items.filter((a) => a.myStatus === 'checked_in')))
      .catch(() => setActivities([]));
  }, [mayProgress, activities]);

  if (!problem) {
    return <PageLoading page="problem-detail" error={!id ? '任务不存在' : error} errorId="problem-error" />;
  }

  const toggle = (activityId: string) => {
    setPicked((now) =>
      now.includes(activityId) ? now.filter((x) => x !== activityId) : now.length >= MAX_EVIDENCE ? now : [...now, activityId],
    );
  };

  const onProgress = async () => {
    if (!text.trim()) return setErrors({ fields: { text: '请填写整改进展' }, message: null });
    setBusy(true);
    setErrors(NO_ERRORS);
    setSaved(null);
    try {
      const next = await recordProgress(
        problem.id,
        { text: text.trim(), ...(picked.length ? { evidence: picked.map((a) => ({ type: 'activity' as const, id: a })) } : {}) },
        { silent: true },
      );
      setMoved(next);
      setText('');
      setPicked([]);
      setSaved('整改进展已记录');
    } catch (e) {
      setErrors(formErrors(e, ['text', 'evidence']));
    } finally {
      setBusy(false);
    }
  };

  const onSubmit = async () => {
    const { confirm } = await Taro.showModal({
      title: '申请销号',
      content: `申请后将由${problem.assignerOrgName}复查，复查通过即销号。确定整改已经完成了吗？`,
      confirmText: '申请销号',
      cancelText: '再等等',
      confirmColor: '#c8161d',
    });
    if (!confirm) return;
    setBusy(true);
    setErrors(NO_ERRORS);
    setSaved(null);
    try {
      setMoved(await submitProblem(problem.id, { silent: true }));
      setSaved('已申请销号，等待复查');
    } catch (e) {
      setErrors(formErrors(e, []));
    } finally {
      setBusy(false);
    }
  };

  const tone = problemTone(problem);
  return (
    <View className="page problem-detail">
      <View className="card" id="problem-main">
        <View className="pb-item-head">
          <View className="pb-title">{problem.category}</View>
          <View className={`pb-status pb-status-${tone}`} id="problem-status">
            {problemStatusLabel(problem)}
          </View>
        </View>
        <View className="pb-desc" id="problem-description">
          {problem.description}
        </View>
        <View className="pb-line">
          <View className="pb-key">整改期限</View>
          <View className="pb-val" id="problem-deadline">
            {deadlineText(problem)}
            {problem.extensions > 0 ? `（已延期${problem.extensions}次）` : ''}
          </View>
        </View>
        {problem.overdue && (
          <View className="pb-line">
            <View className="pb-key">逾期</View>
            <View className="pb-val pb-overdue" id="problem-overdue">
              已逾期 {problem.overdueDays} 天
            </View>
          </View>
        )}
        <View className="pb-line">
          <View className="pb-key">问题来源</View>
          <View className="pb-val">{PROBLEM_SOURCE_LABELS[problem.source] ?? problem.source}</View>
        </View>
        <View className="pb-line">
          <View className="pb-key">交办单位</View>
          <View className="pb-val">{problem.assignerOrgName}</View>
        </View>
        {problem.responsibleName && (
          <View className="pb-line">
            <View className="pb-key">责任人</View>
            <View className="pb-val">{problem.responsibleName}</View>
          </View>
        )}
        {problem.status === 'submitted' && (
          <View className="muted" id="problem-waiting">
            已申请销号，等待{problem.assignerOrgName}复查。
          </View>
        )}
      </View>

      {(mayProgress || maySubmit) && (
        <View className="card" id="progress-form">
          <View className="card-title">记录整改进展</View>
          {mayProgress && (
            <>
              <Field label="做了什么">
                <TextBox
                  id="progress-text"
                  placeholder="如：已召开专题会议，制定整改措施"
                  value={text}
                  maxlength={LIMITS.problemText}
                  onChange={setText}
                  multiline
                />
                {errors.fields.text && (
                  <View className="error-text" id="progress-text-error">
                    {errors.fields.text}
                  </View>
                )}
              </Field>
              <Field label="关联参加过的活动作为佐证（可不选）">
                {activities === null && <View className="muted">正在加载…</View>}
                {activities?.length === 0 && (
                  <View className="muted" id="progress-no-activities">
                    没有可关联的活动，只填写文字即可
                  </View>
                )}
                {activities?.map((a) => {
                  const on = picked.includes(a.id);
                  return (
                    <View key={a.id} id={`pick-${a.id}`} className={`pb-pick${on ? ' pb-pick-on' : ''}`} onClick={() => toggle(a.id)}>
                      <View className="pb-pick-box">{on ? '✓' : ''}</View>
                      <View className="pb-pick-text">
                        <View>{a.title}</View>
                        <View className="muted">{formatDateTime(a.startsAt)}</View>
                      </View>
                    </View>
                  );
                })}
                {errors.fields.evidence && (
                  <View className="error-text" id="progress-evidence-error">
                    {errors.fields.evidence}
                  </View>
                )}
              </Field>
              <Button id="progress-submit" className="btn-secondary" loading={busy} disabled={busy || undefined} onClick={onProgress}>
                保存进展
              </Button>
            </>
          )}
          {errors.message && (
            <View className="error-text" id="progress-error">
              {errors.message}
            </View>
          )}
          {saved && (
            <View className="ok-text" id="progress-saved">
              {saved}
            </View>
          )}
          {maySubmit && (
            <Button id="problem-submit" className="btn-primary" disabled={busy || undefined} onClick={onSubmit}>
              申请销号
            </Button>
          )}
        </View>
      )}
      {saved && !(mayProgress || maySubmit) && (
        <View className="card ok-text" id="progress-saved">
          {saved}
        </View>
      )}

      <View className="card" id="problem-history">
        <View className="card-title">整改记录</View>
        {problem.events.length === 0 && <View className="muted">暂无记录</View>}
        {problem.events.map((e) => (
          <View key={e.id} className="pb-event" id={`event-${e.id}`}>
            <View className="pb-event-kind">{PROBLEM_EVENT_LABELS[e.kind] ?? e.kind}</View>
            <View className="muted">
              {toLocalDate(e.at)} · {e.byName}
            </View>
            {e.kind === 'extended' && e.toDeadline && (
              <View>
                整改期限{e.fromDeadline ? `由 ${e.fromDeadline.slice(0, 10)} ` : ''}延至 {e.toDeadline.slice(0, 10)}
              </View>
            )}
            {e.text && <View className="pb-desc">{e.text}</View>}
            {e.evidence.map((ev) => (
              <View key={`${ev.type}:${ev.id}`} className="pb-evidence">
                佐证：{ev.label || '记录已不存在'}
              </View>
            ))}
          </View>
        ))}
      </View>
    </View>
  );
}
