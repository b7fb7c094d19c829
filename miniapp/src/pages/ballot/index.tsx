import { useRef, useState } from 'react';
import { Button, View } from '@tarojs/components';
import { useLoad, useRouter } from '@tarojs/taro';
import { ApiError, ERRORS, type BallotFormView, type ReviewGrade } from '@djzy/shared';
import { castBallot, getBallotForm } from '../../services/ballots';
import { closedText, tokenOf } from '../../utils/ballot';
import './index.scss';

type Stage = 'loading' | 'form' | 'done' | 'used' | 'closed' | 'invalid';

/**
 * 述职评议测评 (无记名): what a ballot slip's QR opens, without signing in. One page: each reporter
 * with four large grade buttons; 提交 once every reporter is graded; then 已提交. The request
 * carries no sign-in, so the server cannot know who voted; a used slip or a closed session says so.
 */
export default function BallotPage() {
  const { params } = useRouter();
  const token = tokenOf(params);
  const [form, setForm] = useState<BallotFormView | null>(null);
  const [stage, setStage] = useState<Stage>('loading');
  const [message, setMessage] = useState<string>('');
  const [grades, setGrades] = useState<Record<string, ReviewGrade>>({});
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const busyRef = useRef(false);

  const showFailure = (e: unknown) => {
    if (e instanceof ApiError && e.code === 'BALLOT_TOKEN_USED') {
      setStage('used');
      setMessage(ERRORS.BALLOT_TOKEN_USED.message);
    } else if (e instanceof ApiError && e.code === 'STATE_CONFLICT') {
      setStage('closed');
      setMessage(closedText((e.details as { from?: string } | undefined)?.from));
    } else if (e instanceof ApiError && (e.code === 'BALLOT_TOKEN_INVALID' || e.status === 404)) {
      setStage('invalid');
      setMessage(ERRORS.BALLOT_TOKEN_INVALID.message);
    } else {
      setError(e instanceof Error ? e.message : '提交失败，请重试');
    }
  };

  useLoad(() => {
    if (!token) {
      setStage('invalid');
      setMessage(ERRORS.BALLOT_TOKEN_INVALID.message);
      return;
    }
    getBallotForm(token, { silent: true })
      .then((f) => {
        setForm(f);
        if (f.used) {
          setStage('used');
          setMessage(ERRORS.BALLOT_TOKEN_USED.message);
        } else if (!f.open) {
          setStage('closed');
          setMessage(closedText(f.status));
        } else setStage('form');
      })
      .catch((e) => {
        if (e instanceof ApiError && e.status >= 400 && e.status < 500) showFailure(e);
        else {
          setStage('invalid');
          setMessage(e instanceof Error ? e.message : '网络不给力，请稍后重新扫码');
        }
      });
  });

  const submit = async () => {
    if (!form || busyRef.current) return;
    const missing = form.reporters.filter((r) => !grades[r.memberId]);
    if (missing.length) return setError(`还有 ${missing.length} 位述职人未评价：${missing.map((r) => r.name).join('、')}`);
    busyRef.current = true;
    setBusy(true);
    setError(null);
    try {
      await castBallot(
        { token, grades: form.reporters.map((r) => ({ reporterMemberId: r.memberId, grade: grades[r.memberId] })) },
        { silent: true },
      );
      setStage('done');
    } catch (e) {
      showFailure(e);
    } finally {
      busyRef.current = false;
      setBusy(false);
    }
  };

  if (stage === 'loading') {
    return (
      <View className="page ballot">
        <View className="card">
          <View className="muted">正在打开测评票…</View>
        </View>
      </View>
    );
  }

  if (stage !== 'form' || !form) {
    const ids: Record<string, string> = { done: 'ballot-done', used: 'ballot-used', closed: 'ballot-closed', invalid: 'ballot-invalid' };
    return (
      <View className="page ballot">
        <View className="card">
          {form && (
            <View className="ballot-title" id="ballot-title">
              {form.title}
            </View>
          )}
          <View className="ballot-message" id={ids[stage]}>
            {stage === 'done' ? '已提交' : message}
          </View>
          {stage === 'done' && <View className="ballot-hint">感谢参与。本次测评为无记名测评，您的选择不会与您的身份关联。</View>}
        </View>
      </View>
    );
  }

  const graded = form.reporters.filter((r) => grades[r.memberId]).length;
  return (
    <View className="page ballot">
      <View className="card">
        <View className="ballot-title" id="ballot-title">
          {form.title}
        </View>
        <View className="ballot-hint">
          {form.organizerOrgName} · {form.year}年度。无记名测评：请为每位述职人选择一个等次，全部选完后提交，每张测评票只能提交一次。
        </View>
      </View>
      {form.reporters.map((r, i) => (
        <View className="card ballot-reporter" key={r.memberId} id={`ballot-reporter-${i}`}>
          <View>
            <View className="ballot-name">{r.name}</View>
            <View className="ballot-org">{r.orgName}</View>
          </View>
          <View className="ballot-grades">
            {form.gradeScale.map((g) => (
              <View
                key={g.code}
                id={`grade-${i}-${g.code}`}
                className={`grade-btn${grades[r.memberId] === g.code ? ' selected' : ''}`}
                onClick={() => {
                  setError(null);
                  setGrades((x) => ({ ...x, [r.memberId]: g.code }));
                }}
              >
                {g.label}
              </View>
            ))}
          </View>
        </View>
      ))}
      <View className="card">
        <View className="ballot-count" id="ballot-count">
          已评价 {graded} / {form.reporters.length} 位
        </View>
        {error && (
          <View className="ballot-error" id="ballot-error">
            {error}
          </View>
        )}
        <Button id="ballot-submit" className="btn-primary" loading={busy} disabled={busy || undefined} onClick={submit}>
          提交测评
        </Button>
      </View>
    </View>
  );
}
