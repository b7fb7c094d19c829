/**
 * 签到二维码 for the projector (`/activities/:id/qr`, no console chrome): a large QR code that
 * fetches a fresh check-in code every 20 s (a token lives at most 60 s), the activity's title and
 * a live count of members present out of those expected, polled every 5 s.
 */
import { FullscreenOutlined } from '@ant-design/icons';
import { ACTIVITY_KIND_LABELS, ApiError } from '@djzy/shared';
import { Button } from 'antd';
import dayjs from 'dayjs';
import QRCode from 'qrcode';
import { useEffect, useRef, useState } from 'react';
import { useParams } from 'react-router-dom';
import { useActivity, useAttendanceCount, useCheckinCode } from '../../api/activities';
import { timeRange } from './labels';

/** How often the code is fetched again; well inside a token's 60 s life. */
const CODE_REFRESH_MS = 20_000;
const COUNT_REFRESH_MS = 5_000;

const messageOf = (e: unknown) => (e instanceof ApiError ? e.message : '获取签到码失败，正在重试');

/** The full-screen check-in QR page. */
export function CheckinQrPage() {
  const { id = '' } = useParams();
  const canvas = useRef<HTMLCanvasElement>(null);
  const activityQuery = useActivity(id);
  const activity = activityQuery.data ?? null;
  const codeQuery = useCheckinCode(id, CODE_REFRESH_MS);
  const code = codeQuery.data ?? null;
  const count = useAttendanceCount(id, COUNT_REFRESH_MS).data ?? null;
  // The code's last failure (a later success clears it), else the activity's.
  const error = codeQuery.isError ? messageOf(codeQuery.error) : activityQuery.isError && !code ? messageOf(activityQuery.error) : null;
  const [size, setSize] = useState(() => qrSize());

  useEffect(() => {
    const onResize = () => setSize(qrSize());
    window.addEventListener('resize', onResize);
    return () => window.removeEventListener('resize', onResize);
  }, []);

  useEffect(() => {
    if (!code || !canvas.current) return;
    void QRCode.toCanvas(canvas.current, code.qrText, { width: size, margin: 2, errorCorrectionLevel: 'M' });
  }, [code, size]);

  useEffect(() => {
    if (activity) document.title = `签到二维码 · ${activity.title}`;
  }, [activity]);

  return (
    <div
      data-testid="qr-page"
      style={{
        minHeight: '100vh',
        background: '#c8161d',
        color: '#fff',
        display: 'flex',
        flexDirection: 'column',
        alignItems: 'center',
        justifyContent: 'center',
        gap: 16,
        padding: 24,
        position: 'relative',
      }}
    >
      <Button
        icon={<FullscreenOutlined />}
        ghost
        style={{ position: 'absolute', top: 16, right: 16 }}
        onClick={() => void document.documentElement.requestFullscreen?.().catch(() => undefined)}
      >
        全屏
      </Button>
      <div data-testid="qr-title" style={{ fontSize: 40, fontWeight: 700, textAlign: 'center', lineHeight: 1.3 }}>
        {activity?.title ?? ' '}
      </div>
      {activity && (
        <div style={{ fontSize: 20, opacity: 0.9 }}>
          {activity.orgName} · {ACTIVITY_KIND_LABELS[activity.kind]} · {timeRange(activity.startsAt, activity.endsAt)}
        </div>
      )}
      <div style={{ background: '#fff', padding: 16, borderRadius: 12, lineHeight: 0, minWidth: size + 32, minHeight: size + 32 }}>
        <canvas ref={canvas} data-testid="qr-canvas" data-qr={code?.qrText ?? ''} style={{ visibility: code ? 'visible' : 'hidden' }} />
      </div>
      {error && (
        <div data-testid="qr-error" style={{ fontSize: 22, background: 'rgba(0,0,0,.25)', padding: '4px 16px', borderRadius: 6 }}>
          {error}
        </div>
      )}
      <div style={{ fontSize: 26 }}>请打开“党建智慧云”小程序，扫码签到</div>
      <div data-testid="qr-count" style={{ fontSize: 48, fontWeight: 700 }}>
        已签到 {count ? `${count.present} / ${count.expected}` : '—'} 人
      </div>
      <div style={{ fontSize: 16, opacity: 0.8 }}>
        二维码每 {CODE_REFRESH_MS / 1000} 秒自动更新{code && `，本码 ${dayjs(code.expiresAt).format('HH:mm:ss')} 前有效`}
      </div>
    </div>
  );
}

/** A QR code as big as the screen allows beside the title and the count. */
function qrSize(): number {
  return Math.max(240, Math.min(window.innerHeight - 360, window.innerWidth - 80, 720));
}
