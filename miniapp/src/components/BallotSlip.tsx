import { useEffect, useRef, useState } from 'react';
import { Button, View } from '@tarojs/components';
import { useRouter } from '@tarojs/taro';
import { ApiError, ERRORS } from '@djzy/shared';
import { tokenOf } from '../utils/ballot';
import './BallotSlip.scss';

type Stage = 'loading' | 'form' | 'done' | 'used' | 'closed' | 'invalid';

/** What a slip opens, whichever vote it belongs to. */
export interface SlipForm {
  title: string;
  /** The line under the title: who asks, the year, how to vote. */
  intro: string;
  status: string;
  open: boolean;
  used: boolean;
  grades: { code: string; label: string }[];
  people: { memberId: string; name: string; orgName?: string }[];
}

export interface BallotSlipProps {
  /** Who is graded, in words (述职人, 党员): the 未评价 message names them. */
  noun: string;
  /** Shown under 已提交. */
  doneHint: string;
  load: (token: string) => Promise<SlipForm>;
  cast: (token: string, grades: { memberId: string; code: string }[]) => Promise<unknown>;
  /** Why voting is not possible in this state, for the person holding the slip. */
  closedText: (status: string | undefined) => string;
}

/**
 * An anonymous one-time ballot slip (述职评议测评, 民主评议党员测评): what a slip's QR opens, without
 * signing in. Each person with large grade buttons; 提交 once every one is graded; then 已提交. The
 * request carries no sign-in, so the server cannot know who voted; a used slip, a vote not open
 * or a wrong slip says so.
 */
export default function BallotSlip({ noun, doneHint, load, cast, closedText }: BallotSlipProps) {
  const { params } = useRouter();
  const token = tokenOf(params);
  const [form, setForm] = useState<SlipForm | null>(null);
  const [stage, setStage] = useState<Stage>('loading');
  const [message, setMessage] = useState<string>('');
  const [grades, setGrades] = useState<Record<string, string>>({});
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

  // Once, when the page opens (a page hook like useLoad is the page's, not a component's).
  useEffect(() => {
    if (!token) {
      setStage('invalid');
      setMessage(ERRORS.BALLOT_TOKEN_INVALID.message);
      return;
    }
    load(token)
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
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  const submit = async () => {
    if (!form || busyRef.current) return;
    const missing = form.people.filter((r) => !grades[r.memberId]);
    if (missing.length) return setError(`还有 ${missing.length} 位${noun}未评价：${missing.map((r) => r.name).join('、')}`);
    busyRef.current = true;
    setBusy(true);
    setError(null);
    try {
      await cast(
        token,
        form.people.map((r) => ({ memberId: r.memberId, code: grades[r.memberId] })),
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
          {stage === 'done' && <View className="ballot-hint">{doneHint}</View>}
        </View>
      </View>
    );
  }

  const graded = form.people.filter((r) => grades[r.memberId]).length;
  return (
    <View className="page ballot">
      <View className="card">
        <View className="ballot-title" id="ballot-title">
          {form.title}
        </View>
        <View className="ballot-hint">{form.intro}</View>
      </View>
      {form.people.map((r, i) => (
        <View className="card ballot-reporter" key={r.memberId} id={`ballot-reporter-${i}`}>
          <View>
            <View className="ballot-name">{r.name}</View>
            {r.orgName && <View className="ballot-org">{r.orgName}</View>}
          </View>
          <View className="ballot-grades">
            {form.grades.map((g) => (
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
          已评价 {graded} / {form.people.length} 位
        </View>
        {error && (
          <View className="ballot-error" id="ballot-error">
            {error}
          </View>
        )}
        {/* `disabled={false}` would render disabled="false", which Taro's H5 styles as disabled (pale text). */}
        <Button id="ballot-submit" className="btn-primary" loading={busy} disabled={busy || undefined} onClick={submit}>
          提交测评
        </Button>
      </View>
    </View>
  );
}
