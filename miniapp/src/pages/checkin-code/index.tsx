import { useRef, useState } from 'react';
import { Image, Text, View } from '@tarojs/components';
import Taro, { useDidHide, useDidShow, useRouter, useUnload } from '@tarojs/taro';
import { SHORT_CODE_LENGTH, type ActivityView, type CheckinCodeResponse } from '@djzy/shared';
import { getActivity, getCheckinCode } from '../../services/activities';
import { ensureSignedIn } from '../../services/session';
import { formatRange } from '../../utils/activity';
import { decodeParam } from '../../utils/params';
import { qrDataUrl } from '../../utils/qr';
import './index.scss';

/** The token rotates every 30 s and lives at most 60 s: fetch a fresh one well before. */
export const CODE_REFRESH_MS = 20_000;
/** How often the live count of check-ins is refreshed. */
export const COUNT_REFRESH_MS = 5_000;

function keepScreenOn(on: boolean): void {
  try {
    Promise.resolve(Taro.setKeepScreenOn({ keepScreenOn: on })).catch(() => undefined);
  } catch {
    /* not available (H5, tests) */
  }
}

/**
 * 签到二维码 (organiser): the rotating QR code members scan with its 6-digit code underneath (typed
 * by those who cannot scan; it rotates with the token), refreshed every 20 s, and how many
 * have checked in, refreshed every 5 s. The console's full-screen page is the one for a projector.
 */
export default function CheckinCodePage() {
  const { params } = useRouter();
  const id = decodeParam(params.id);
  const [code, setCode] = useState<CheckinCodeResponse | null>(null);
  const [image, setImage] = useState<string | null>(null);
  const [activity, setActivity] = useState<ActivityView | null>(null);
  const [error, setError] = useState<string | null>(id ? null : '活动不存在');
  const timers = useRef<ReturnType<typeof setInterval>[]>([]);

  const loadCode = () =>
    getCheckinCode(id, { silent: true })
      .then((c) => {
        setCode(c);
        try {
          setImage(qrDataUrl(c.qrText));
        } catch {
          setImage(null);
        }
        setError(null);
      })
      .catch((e: Error) => setError(e.message));
  const loadCount = () =>
    getActivity(id, { silent: true })
      .then(setActivity)
      .catch(() => undefined);

  const stop = () => {
    timers.current.forEach(clearInterval);
    timers.current = [];
    keepScreenOn(false);
  };

  useDidShow(() => {
    if (!ensureSignedIn()) return;
    if (!id) return;
    stop();
    void loadCode();
    void loadCount();
    timers.current = [setInterval(loadCode, CODE_REFRESH_MS), setInterval(loadCount, COUNT_REFRESH_MS)];
    keepScreenOn(true);
  });
  useDidHide(stop);
  useUnload(stop);

  return (
    <View className="page checkin-code">
      {activity && (
        <View className="code-head">
          <View className="code-title" id="code-title">
            {activity.title}
          </View>
          <View className="muted">{formatRange(activity.startsAt, activity.endsAt)}</View>
        </View>
      )}
      <View className="card code-card">
        {error && (
          <View className="error-text" id="code-error">
            {error}
          </View>
        )}
        {image && <Image id="code-image" className="code-image" src={image} mode="scaleToFill" />}
        {code?.shortCode && (
          <View className="code-short-box">
            <View className="code-short-label">签到码</View>
            <Text className="code-short" id="code-short">
              {code.shortCode}
            </Text>
          </View>
        )}
        {!code && !error && <View className="muted">正在生成签到码…</View>}
        <View className="muted code-note">
          请党员打开小程序“活动”，点“扫码签到”扫描此码；扫不了的，输入上面的 {SHORT_CODE_LENGTH} 位签到码。二维码和签到码每 20
          秒自动更新，过期的截图不能签到。
        </View>
        <View className="muted code-note">人多时可在电脑上打开管理后台的活动签到码，投到大屏上。</View>
      </View>
      <View className="card code-count">
        <View className="code-count-label">已签到</View>
        <View className="code-count-value" id="code-count">
          {activity ? activity.checkedInCount : '—'}
        </View>
        <View className="code-count-label">人</View>
      </View>
    </View>
  );
}
