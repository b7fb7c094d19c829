/**
 * 签到二维码 for the projector (`/activities/:id/qr`, no console chrome): the 小程序码 WeChat draws
 * for the current code (WeChat's own 扫一扫 opens the check-in page), or — when the server cannot
 * get one (503: no WeChat credentials, WeChat down) — the plain QR code of `qrText` with a note
 * that the mini-program's 扫码签到 reads it; under it the 6-digit 签到码 large enough for the back of
 * the room, the activity's title and a live count of members present out of those expected.
 * The code is fetched again just after each 30 s slot turns (at most every 10 s), the count every 5 s.
 */
import { FullscreenOutlined } from '@ant-design/icons';
import { ACTIVITY_KIND_LABELS, ApiError, CHECKIN_SLOT_MS } from '@djzy/shared';
import { Button } from 'antd';
import dayjs from 'dayjs';
import QRCode from 'qrcode';
import { useEffect, useRef, useState } from 'react';
import { useParams } from 'react-router-dom';
import { useActivity, useAttendanceCount, useCheckinCode, useCheckinQrImage } from '../../api/activities';
import { timeRange } from './labels';

/** The longest wait between two fetches of the code (also what bounds a clock skew's effect). */
const CODE_REFRESH_MAX_MS = 10_000;
/** How long after the local slot boundary the code is asked for (server and browser clocks differ a little). */
const SLOT_MARGIN_MS = 800;
const COUNT_REFRESH_MS = 5_000;

/** Milliseconds until just after the next slot boundary, at most CODE_REFRESH_MAX_MS. */
const untilNextSlot = () => Math.min(CODE_REFRESH_MAX_MS, CHECKIN_SLOT_MS - (Date.now() % CHECKIN_SLOT_MS) + SLOT_MARGIN_MS);

const messageOf = (e: unknown) => (e instanceof ApiError ? e.message : '获取签到码失败，正在重试');

/** Shown with the plain QR code when the 小程序码 cannot be had. */
export const WXACODE_FALLBACK_NOTE = '小程序码暂不可用，可用微信小程序内“扫码签到”扫描此码';

/** The full-screen check-in QR page. */
export function CheckinQrPage() {
  const { id = '' } = useParams();
  const canvas = useRef<HTMLCanvasElement>(null);
  const activityQuery = useActivity(id);
  const activity = activityQuery.data ?? null;
  const codeQuery = useCheckinCode(id, untilNextSlot);
  const code = codeQuery.data ?? null;
  const imageQuery = useCheckinQrImage(id, code?.scene ?? null);
  const imageUrl = useObjectUrl(imageQuery.data ?? null);
  // Whether the last answer for the 小程序码 was a failure: the note stays while the next code's
  // image is asked for, and goes as soon as WeChat draws one again.
  const [wxacodeDown, setWxacodeDown] = useState(false);
  useEffect(() => {
    if (imageQuery.isError) setWxacodeDown(true);
    else if (imageQuery.isSuccess && !imageQuery.isPlaceholderData) setWxacodeDown(false);
  }, [imageQuery.isError, imageQuery.isSuccess, imageQuery.isPlaceholderData]);
  const showWxacode = !!imageUrl && !imageQuery.isError;
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
        // The whole window, past the body's margin; scrolls rather than clipping on a small one.
        position: 'fixed',
        inset: 0,
        overflowY: 'auto',
        boxSizing: 'border-box',
        background: '#c8161d',
        color: '#fff',
        display: 'flex',
        flexDirection: 'column',
        alignItems: 'center',
        justifyContent: 'safe center',
        gap: 8,
        padding: '12px 24px',
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
      <div data-testid="qr-title" style={{ fontSize: 36, fontWeight: 700, textAlign: 'center', lineHeight: 1.3, padding: '0 96px' }}>
        {activity?.title ?? ' '}
      </div>
      {activity && (
        <div style={{ fontSize: 18, opacity: 0.9 }}>
          {activity.orgName} · {ACTIVITY_KIND_LABELS[activity.kind]} · {timeRange(activity.startsAt, activity.endsAt)}
        </div>
      )}
      <div style={{ fontSize: 24 }}>{showWxacode ? '请用微信“扫一扫”扫描小程序码签到' : '请打开“党建智慧云”小程序，扫码签到'}</div>
      <div
        data-testid="qr-box"
        data-mode={showWxacode ? 'wxacode' : 'qr'}
        style={{
          background: '#fff',
          padding: 16,
          borderRadius: 12,
          lineHeight: 0,
          boxSizing: 'content-box',
          width: size,
          height: size,
          display: 'flex',
          alignItems: 'center',
          justifyContent: 'center',
        }}
      >
        {showWxacode && (
          <img data-testid="qr-wxacode" src={imageUrl} alt="签到小程序码" width={size} height={size} style={{ display: 'block' }} />
        )}
        {/* Always drawn (the fallback must never be a blank); hidden while the 小程序码 shows. */}
        <canvas
          ref={canvas}
          data-testid="qr-canvas"
          data-qr={code?.qrText ?? ''}
          style={{ visibility: code ? 'visible' : 'hidden', display: showWxacode ? 'none' : undefined }}
        />
      </div>
      {!showWxacode && wxacodeDown && code && (
        <div data-testid="qr-fallback-note" style={{ fontSize: 20, background: 'rgba(0,0,0,.25)', padding: '1px 16px', borderRadius: 6 }}>
          {WXACODE_FALLBACK_NOTE}
        </div>
      )}
      <div
        data-testid="qr-short-code"
        data-code={code?.shortCode ?? ''}
        aria-label={code ? `签到码 ${code.shortCode.split('').join(' ')}` : undefined}
        style={{
          fontSize: 'clamp(96px, 14vh, 180px)',
          fontWeight: 700,
          lineHeight: 1,
          letterSpacing: '0.25em',
          // letter-spacing also follows the last digit: pull it back so the digits stay centred.
          marginRight: '-0.25em',
          fontFamily: '"DejaVu Sans Mono", Menlo, Consolas, "Courier New", monospace',
          fontVariantNumeric: 'tabular-nums',
        }}
      >
        {code?.shortCode ?? '\u00a0'}
      </div>
      <div style={{ fontSize: 24 }}>也可在小程序中输入签到码</div>
      {error && (
        <div data-testid="qr-error" style={{ fontSize: 22, background: 'rgba(0,0,0,.25)', padding: '4px 16px', borderRadius: 6 }}>
          {error}
        </div>
      )}
      <div data-testid="qr-count" style={{ fontSize: 44, fontWeight: 700, lineHeight: 1.15 }}>
        已签到 {count ? `${count.present} / ${count.expected}` : '—'} 人
      </div>
      <div style={{ fontSize: 14, opacity: 0.8 }}>
        二维码和签到码每 {CHECKIN_SLOT_MS / 1000} 秒自动更新{code && `，本码 ${dayjs(code.expiresAt).format('HH:mm:ss')} 前有效`}
      </div>
    </div>
  );
}

/**
 * A code as big as the screen allows beside the title, the 签到码 and the count: everything fits
 * on a 1280×720 projector (the 签到码 takes 14 % of the height, at least 96 px).
 */
function qrSize(): number {
  return Math.max(240, Math.min(window.innerHeight - 0.14 * window.innerHeight - 400, window.innerWidth - 80, 720));
}

/** An object URL for a blob, revoked when the blob changes or the page goes. */
function useObjectUrl(blob: Blob | null): string | undefined {
  const [url, setUrl] = useState<string>();
  useEffect(() => {
    if (!blob) {
      setUrl(undefined);
      return;
    }
    const next = URL.createObjectURL(blob);
    setUrl(next);
    return () => URL.revokeObjectURL(next);
  }, [blob]);
  return url;
}
