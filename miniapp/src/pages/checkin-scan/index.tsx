import { useRef, useState } from 'react';
import { Button, View } from '@tarojs/components';
import Taro, { useLoad, useRouter } from '@tarojs/taro';
import { ApiError, CHECKIN_SCENE_PAGE, parseCheckinScene, type ActivityView, type CheckInRequest } from '@djzy/shared';
import CheckinResult, { checkinErrorText, type Outcome } from '../../components/CheckinResult';
import { ROUTES } from '../../routes';
import { checkIn, getActivity } from '../../services/activities';
import { ensureSignedIn, rememberReturn } from '../../services/session';
import { myStatusLabel } from '../../utils/activity';
import { decodeParam } from '../../utils/params';
import '../activity-detail/index.scss';
import './index.scss';
import WhenWhere from '../../components/WhenWhere';

/**
 * 活动签到, what a 小程序码 scanned with WeChat's own 扫一扫 opens (`?scene=<activityId>.<6 digits>`):
 * the activity (title, time, place) and one large 确认签到. Nothing is sent before that tap. A member
 * not signed in signs in first and comes back here with the same scene.
 */
export default function CheckinScanPage() {
  const { params } = useRouter();
  const scene = decodeParam(params.scene);
  const parsed = parseCheckinScene(scene);
  const [activity, setActivity] = useState<ActivityView | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [outcome, setOutcome] = useState<Outcome | null>(null);
  const [busy, setBusy] = useState(false);
  const busyRef = useRef(false);
  const here = `/${CHECKIN_SCENE_PAGE}?scene=${encodeURIComponent(scene)}`;

  useLoad(() => {
    if (!parsed) return; // not one of ours: nothing to ask anyone
    if (!ensureSignedIn(here)) return;
    getActivity(parsed.activityId, { silent: true })
      .then(setActivity)
      .catch((e: Error) => {
        // The sign-in ran out: come back here once signed in again (the wrapper went to the sign-in page).
        if (e instanceof ApiError && e.status === 401) rememberReturn(here);
        setError(e.message);
      });
  });

  const send = async (body: CheckInRequest) => {
    if (busyRef.current) return;
    busyRef.current = true;
    setBusy(true);
    try {
      const res = await checkIn(body, { silent: true });
      setOutcome({ ok: true, points: res.pointsAwarded, standing: activity?.myStanding });
      setActivity((a) => (a ? { ...a, myStatus: 'checked_in', myCheckIn: res.checkIn } : a));
    } catch (e) {
      const { message, network } = checkinErrorText(e, activity);
      setOutcome({ ok: false, message, retry: network ? body : undefined });
      if (e instanceof ApiError && e.status === 401) rememberReturn(here);
    } finally {
      busyRef.current = false;
      setBusy(false);
    }
  };

  const toActivities = () => Taro.switchTab({ url: ROUTES.activities }).catch(() => undefined);
  const toDetail = (id: string) => Taro.redirectTo({ url: `${ROUTES.activityDetail}?id=${encodeURIComponent(id)}` }).catch(() => undefined);

  if (!parsed) {
    return (
      <View className="page checkin-scan">
        <View className="card">
          <View className="scan-message" id="scan-foreign">
            这不是签到二维码。请扫描活动现场的签到二维码，或在“活动”里打开本次活动签到。
          </View>
          <Button id="scan-to-activities" className="btn-primary" onClick={toActivities}>
            去“活动”
          </Button>
        </View>
      </View>
    );
  }

  if (!activity) {
    return (
      <View className="page checkin-scan">
        <View className="card">
          {error ? (
            <>
              <View className="scan-message" id="scan-error">
                {error}
              </View>
              <Button id="scan-to-activities" className="btn-primary" onClick={toActivities}>
                去“活动”
              </Button>
            </>
          ) : (
            <View className="muted">正在加载…</View>
          )}
        </View>
      </View>
    );
  }

  const a = activity;
  const checkedIn = a.myStatus === 'checked_in' || !!a.myCheckIn;
  const label = myStatusLabel(a);

  return (
    <View className="page checkin-scan">
      <View className="card">
        <View className="detail-title" id="scan-title">
          {a.title}
        </View>
        <WhenWhere activity={a} idPrefix="scan" />
        {label && !outcome && (
          <View className="info-line">
            <View className="info-key">我的状态</View>
            <View className="info-val" id="scan-status">
              {label}
            </View>
          </View>
        )}
      </View>

      <View className="card">
        {outcome && <CheckinResult outcome={outcome} busy={busy} onRetry={send} />}
        {!checkedIn && !(outcome && !outcome.ok && outcome.retry) && (
          <Button
            id="scan-confirm"
            className="btn-primary btn-checkin"
            loading={busy}
            disabled={busy || undefined}
            onClick={() => void send({ activityId: a.id, scene })}
          >
            确认签到
          </Button>
        )}
        {(checkedIn || outcome) && (
          <Button id="scan-detail" className="btn-secondary" onClick={() => toDetail(a.id)}>
            查看活动详情
          </Button>
        )}
      </View>
    </View>
  );
}
