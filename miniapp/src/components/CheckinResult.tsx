import { Button, View } from '@tarojs/components';
import { ApiError, type ActivityView, type AttendeeStanding, type CheckInRequest } from '@djzy/shared';

/** What the last check-in attempt came to. */
export type Outcome =
  | {
      ok: true;
      points: number;
      /** An online study activity: attendance confirmed, not a scan. */
      online?: boolean;
      /** How the member stands toward it: 列席 and non-members check in without points. */
      standing?: AttendeeStanding | null;
    }
  | { ok: false; message: string; /** A request lost on the network (or 503): resend it as it was. */ retry?: CheckInRequest };

/** A failed check-in in the member's words: the server's Chinese reason, made more precise where it can be. */
export function checkinErrorText(e: unknown, a?: ActivityView | null): { message: string; network: boolean } {
  if (e instanceof ApiError) {
    // A field the server refused ('签到码应为 6 位数字') says more than the generic line.
    let message = e.fieldErrors[0]?.message ?? e.message;
    if (e.code === 'STUDY_NOT_COMPLETED' && a) {
      // Name what is still to study, where the server says which.
      const remaining = (e.details as { remaining?: unknown } | undefined)?.remaining;
      const titles = Array.isArray(remaining)
        ? remaining.map((mid) => a.materials.find((m) => m.id === mid)?.title).filter((t): t is string => !!t)
        : [];
      if (titles.length) message = `${message}（还需学习：${titles.map((t) => `《${t}》`).join('、')}）`;
    }
    if (e.code === 'CHECKIN_OUT_OF_RANGE') {
      const d = (e.details as { distanceM?: number } | undefined)?.distanceM;
      if (typeof d === 'number' && !message.includes(`${d}`)) message = `${message}（您距活动地点约 ${d} 米）`;
    }
    return { message, network: e.isRetryable };
  }
  return { message: (e as Error)?.message || '操作失败，请重试', network: false };
}

/** Why a check-in earns no points though it counts: 列席, or not (yet) a Party member; null otherwise. */
function noPointsReason(standing: AttendeeStanding | null | undefined): string | null {
  if (standing === 'observer') return '列席人员签到，不计出勤积分';
  if (standing === 'guest') return '入党申请人、积极分子和发展对象签到，不计党员积分';
  return null;
}

/** The result of a check-in: 签到成功 +N 积分, 已签到, or the reason with 重试 where resending helps. */
export default function CheckinResult({
  outcome,
  busy,
  onRetry,
}: {
  outcome: Outcome;
  busy: boolean;
  onRetry: (body: CheckInRequest) => void;
}) {
  return (
    <View className={`checkin-result ${outcome.ok ? 'checkin-result-ok' : 'checkin-result-bad'}`} id="checkin-result">
      {outcome.ok ? (
        <>
          <View className="checkin-result-title" id="checkin-success">
            {outcome.online ? '已计入出勤' : outcome.points > 0 || noPointsReason(outcome.standing) ? '签到成功' : '已签到'}
          </View>
          <View className="checkin-result-points" id="checkin-points">
            {outcome.points > 0
              ? `+${outcome.points} 积分`
              : (noPointsReason(outcome.standing) ?? (outcome.online ? '此前已计入，不重复计分' : '您已签到过，不重复计分'))}
          </View>
        </>
      ) : (
        <>
          <View className="checkin-result-message" id="checkin-error">
            {outcome.message}
          </View>
          {outcome.retry && (
            <Button id="checkin-retry" className="btn-secondary" loading={busy} onClick={() => outcome.retry && onRetry(outcome.retry)}>
              重试
            </Button>
          )}
        </>
      )}
    </View>
  );
}
