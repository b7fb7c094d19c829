import { useState } from 'react';
import { Button, View } from '@tarojs/components';
import { useDidShow } from '@tarojs/taro';
import { ASSESSMENT_STATUS_LABELS, LIMITS, REVIEW_GRADE_LABELS, type SecretaryAssessmentView } from '@djzy/shared';
import TextBox from '../../components/TextBox';
import { ensureSignedIn } from '../../services/session';
import { appealAssessment, listMyAssessments, selfAssess } from '../../services/review';
import '../duty-report/index.scss';

/**
 * 我的百分制考核 (a branch secretary's): each item with its points; while it waits for 自评, a score
 * per item and 提交自评; then the township's scores with their reasons, the total and the grade the
 * Party committee set; once published, 申诉 with a reason. Nothing here counts app use.
 */
export default function AssessmentPage() {
  const [list, setList] = useState<SecretaryAssessmentView[] | null>(null);
  const [scores, setScores] = useState<Record<string, string>>({});
  const [reason, setReason] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  useDidShow(() => {
    if (!ensureSignedIn()) return;
    listMyAssessments({ silent: true })
      .then(setList)
      .catch((e: Error) => setError(e.message));
  });

  const a = list?.[0] ?? null;
  const replace = (next: SecretaryAssessmentView) => setList([next, ...(list ?? []).slice(1)]);
  const submitSelf = async () => {
    if (!a || busy) return;
    const missing = a.items.filter((x) => scores[x.code] === undefined || scores[x.code] === '' || Number.isNaN(Number(scores[x.code])));
    if (missing.length) return setError(`请为每一项打分（还有 ${missing.length} 项）`);
    setBusy(true);
    setError(null);
    try {
      replace(await selfAssess(a.id, { scores: a.items.map((x) => ({ code: x.code, score: Number(scores[x.code]) })) }, { silent: true }));
    } catch (e) {
      setError(e instanceof Error ? e.message : '提交失败，请重试');
    } finally {
      setBusy(false);
    }
  };
  const appeal = async () => {
    if (!a || busy) return;
    if (!reason.trim()) return setError('请填写申诉理由');
    setBusy(true);
    setError(null);
    try {
      replace(await appealAssessment(a.id, reason.trim(), { silent: true }));
    } catch (e) {
      setError(e instanceof Error ? e.message : '提交失败，请重试');
    } finally {
      setBusy(false);
    }
  };

  if (list === null) {
    return (
      <View className="page duty-report">
        <View className="card">{error ? <View id="as-error">{error}</View> : <View className="muted">正在加载…</View>}</View>
      </View>
    );
  }
  if (!a) {
    return (
      <View className="page duty-report">
        <View className="card" id="as-empty">
          暂无考核。乡镇党委开展支部书记百分制考核后，这里会出现您的考核。
        </View>
      </View>
    );
  }
  const selfOpen = a.status === 'draft';
  return (
    <View className="page duty-report">
      <View className="card">
        <View className="dr-title" id="as-title">
          {a.orgName} {a.year}年度支部书记百分制考核
        </View>
        <View className="dr-status" id="as-status">
          {ASSESSMENT_STATUS_LABELS[a.status]}
        </View>
        {a.total != null && (
          <View className="dr-hint" id="as-total">
            考评得分 {a.total} 分{a.selfTotal != null ? `（自评 ${a.selfTotal} 分）` : ''}
            {a.grade ? `，等次：${REVIEW_GRADE_LABELS[a.grade]}` : ''}
          </View>
        )}
      </View>
      <View className="card">
        {a.items.map((x) => (
          <View key={x.code} className="dr-figure" id={`as-item-${x.code}`}>
            <View style={{ flex: 1 }}>
              {x.category}：{x.text}（{x.maxPoints}分）
              {x.reason ? <View className="dr-hint">扣分理由：{x.reason}</View> : null}
            </View>
            {selfOpen ? (
              <TextBox
                id={`as-score-${x.code}`}
                type="digit"
                value={scores[x.code] ?? ''}
                onChange={(v) => setScores((s) => ({ ...s, [x.code]: v }))}
              />
            ) : (
              <View>{x.score ?? x.selfScore ?? '—'}</View>
            )}
          </View>
        ))}
        {error && (
          <View className="dr-error" id="as-form-error">
            {error}
          </View>
        )}
        {selfOpen && (
          <Button id="as-self-submit" className="btn-primary" loading={busy} disabled={busy || undefined} onClick={submitSelf}>
            提交自评
          </Button>
        )}
      </View>
      {a.status === 'published' && (
        <View className="card">
          <View className="dr-hint">对考核结果有异议的，可以提出申诉，由乡镇党委答复。</View>
          <TextBox
            id="as-appeal-reason"
            multiline
            value={reason}
            onChange={setReason}
            maxlength={LIMITS.assessmentReason}
            placeholder="申诉理由"
          />
          <Button id="as-appeal" className="btn-primary" loading={busy} disabled={busy || undefined} onClick={appeal}>
            提交申诉
          </Button>
        </View>
      )}
      {a.appealReason && (
        <View className="card" id="as-appeal-view">
          <View className="dr-hint">申诉理由：{a.appealReason}</View>
          {a.appealReply && <View className="dr-hint">答复：{a.appealReply}</View>}
        </View>
      )}
    </View>
  );
}
