import { useRef, useState } from 'react';
import { Button, Image, Input, View } from '@tarojs/components';
import Taro, { useDidShow, useRouter } from '@tarojs/taro';
import {
  ACTIVITY_KIND_LABELS,
  ApiError,
  CHECKIN_METHOD_LABELS,
  LIMITS,
  MATERIAL_KIND_LABELS,
  STUDY_MODE_LABELS,
  SHORT_CODE_LENGTH,
  parseCheckinQr,
  type ActivityRecordView,
  type ActivityView,
  type AttendanceResponse,
  type CheckInRequest,
  type CheckInView,
  type MeResponse,
} from '@djzy/shared';
import CheckinResult, { checkinErrorText as errorText, type Outcome } from '../../components/CheckinResult';
import NoteForm from '../../components/NoteForm';
import { ROUTES } from '../../routes';
import { apiAssetUrl, checkIn, decideLeave, getActivity, getActivityRecord, getAttendance, requestLeave } from '../../services/activities';
import { getMe } from '../../services/me';
import { ensureSignedIn } from '../../services/session';
import {
  canAskLeave,
  checkinWindowOpen,
  formatDateTime,
  attendanceApart,
  myStandingNote,
  myStatusLabel,
  rosterCheckinOpen,
  statusTone,
} from '../../utils/activity';
import { decodeParam } from '../../utils/params';
import { progressOf } from '../../utils/study';
import PageLoading from '../../components/PageLoading';
import TextBox from '../../components/TextBox';
import './index.scss';
import WhenWhere from '../../components/WhenWhere';

/** The H5 build has no camera scanner: there the typed code is the only way. */
const IS_H5 = process.env.TARO_ENV === 'h5';
/** What the member may type: the 6 digits under the QR code on the wall. */
const SHORT_CODE_RE = new RegExp(`^\\d{${SHORT_CODE_LENGTH}}$`);

/** True when the WeChat API failed because the member backed out (closed the scanner). */
function cancelled(e: unknown): boolean {
  return /cancel/i.test(String((e as { errMsg?: string })?.errMsg ?? (e as Error)?.message ?? ''));
}

/**
 * 活动详情 (also opened by the WeChat reminder): what, when, where, my status; 签到 in one tap
 * (scan the QR code on the wall, or the location where only the geofence is on); 请假 before the
 * start; the 记实; and for the organiser the QR code, 代签, leave approvals and the attendance.
 */
export default function ActivityDetailPage() {
  const { params } = useRouter();
  const id = decodeParam(params.id);
  const [activity, setActivity] = useState<ActivityView | null>(null);
  const [error, setError] = useState<string | null>(id ? null : '活动不存在');
  const [me, setMe] = useState<MeResponse | null>(null);
  const [record, setRecord] = useState<ActivityRecordView | null>(null);
  const [attendance, setAttendance] = useState<AttendanceResponse | null>(null);
  const [busy, setBusy] = useState(false);
  const busyRef = useRef(false);
  // The check-in this page just made: a reload that raced it (the page shows again when the
  // scanner closes) must not bring the 签到 button back.
  const madeCheckIn = useRef<CheckInView | null>(null);
  const [outcome, setOutcome] = useState<Outcome | null>(null);
  const [codeInput, setCodeInput] = useState('');
  const [leaveOpen, setLeaveOpen] = useState(false);
  const [leaveReason, setLeaveReason] = useState('');
  const [leaveError, setLeaveError] = useState<string | null>(null);

  const loadAttendance = () => {
    getAttendance(id, { silent: true })
      .then(setAttendance)
      .catch(() => setAttendance(null));
  };

  const load = () => {
    if (!ensureSignedIn()) return;
    if (!id) return;
    getActivity(id, { silent: true })
      .then((fetched) => {
        const made = madeCheckIn.current;
        const a: ActivityView = made && !fetched.myCheckIn ? { ...fetched, myStatus: 'checked_in', myCheckIn: made } : fetched;
        setActivity(a);
        setError(null);
        if ((a.allowRemote || a.pairs.length > 0) && !me) getMe().then(setMe, () => undefined);
        if (Date.now() >= new Date(a.startsAt).getTime()) {
          getActivityRecord(a.id, { silent: true }).then(setRecord, () => setRecord(null));
        }
        if (a.canManage) loadAttendance();
      })
      .catch((e: Error) => setError(e.message));
  };
  useDidShow(load);

  /** Sends a check-in; the server is idempotent, so the same body may be sent again after a network failure. */
  const send = async (body: CheckInRequest) => {
    if (busyRef.current) return;
    busyRef.current = true;
    setBusy(true);
    try {
      const res = await checkIn(body, { silent: true });
      madeCheckIn.current = res.checkIn;
      setOutcome({ ok: true, points: res.pointsAwarded, online: res.checkIn.method === 'online', standing: activity?.myStanding });
      setActivity((a) => (a ? { ...a, myStatus: 'checked_in', myCheckIn: res.checkIn } : a));
    } catch (e) {
      const { message, network } = errorText(e, activity);
      setOutcome({ ok: false, message, retry: network ? body : undefined });
      // The materials changed on the server side (or were not all done after all): show them as they are.
      if (e instanceof ApiError && e.code === 'STUDY_NOT_COMPLETED') load();
    } finally {
      busyRef.current = false;
      setBusy(false);
    }
  };

  /** Checks in with the text the scanned QR code carries. */
  const sendQrText = (text: string) => {
    if (!activity) return;
    const parsed = parseCheckinQr(text.trim());
    if (!parsed) return setOutcome({ ok: false, message: '这不是签到二维码，请扫描活动现场的签到二维码' });
    if (parsed.activityId !== activity.id) return setOutcome({ ok: false, message: '这是其他活动的签到二维码，请扫描本活动现场的二维码' });
    return send({ activityId: activity.id, token: parsed.token });
  };

  const checkInByScan = async () => {
    if (IS_H5) return; // the code box is on the page instead
    let text: string;
    try {
      const res = await Taro.scanCode({ onlyFromCamera: true, scanType: ['qrCode'] });
      text = res.result;
    } catch (e) {
      if (!cancelled(e)) setOutcome({ ok: false, message: '无法打开扫码，请稍后重试' });
      return;
    }
    await sendQrText(text);
  };

  /** Checks in with the 6 digits typed from under the QR code (no camera needed; the H5 build's only way). */
  const checkInByCode = () => {
    if (!activity) return;
    const digits = codeInput.replace(/\s/g, '');
    if (!SHORT_CODE_RE.test(digits)) return setOutcome({ ok: false, message: `签到码应为 ${SHORT_CODE_LENGTH} 位数字` });
    return send({ activityId: activity.id, shortCode: digits });
  };

  // Location is asked for only here: the organiser turned the geofence on for this activity.
  const checkInByLocation = async () => {
    if (!activity || busyRef.current) return;
    let pos: Taro.getLocation.SuccessCallbackResult;
    try {
      pos = await Taro.getLocation({ type: 'gcj02' });
    } catch (e) {
      if (!cancelled(e)) setOutcome({ ok: false, message: '未能获取您的位置。定位签到需要位置信息，请允许使用位置后重试' });
      return;
    }
    await send({ activityId: activity.id, lat: pos.latitude, lng: pos.longitude, accuracyM: Math.round(pos.accuracy ?? 0) });
  };

  const onCheckIn = () => {
    if (!activity) return;
    if (activity.checkinModes.includes('qr')) return checkInByScan();
    if (activity.checkinModes.includes('geo')) return checkInByLocation();
  };

  const onRemote = () => activity && send({ activityId: activity.id, remote: true });

  /** Online study: every material done, the server counts me present (it usually did so already). */
  const onConfirmOnline = () => activity && send({ activityId: activity.id });

  const openMaterial = (materialId: string) =>
    Taro.navigateTo({ url: `${ROUTES.studyReader}?id=${encodeURIComponent(materialId)}` }).catch(() => undefined);

  const onLeave = async () => {
    if (!activity) return;
    const reason = leaveReason.trim();
    if (!reason) return setLeaveError('请填写请假事由');
    setLeaveError(null);
    setBusy(true);
    try {
      await requestLeave(activity.id, reason, { silent: true });
      setLeaveOpen(false);
      setActivity((a) => (a ? { ...a, myStatus: 'leave_pending' } : a));
      Taro.showToast({ title: '请假申请已提交', icon: 'success' }).catch(() => undefined);
    } catch (e) {
      setLeaveError(errorText(e).message);
    } finally {
      setBusy(false);
    }
  };

  const onDecide = async (leaveId: string, approve: boolean) => {
    try {
      await decideLeave(leaveId, approve);
      loadAttendance();
    } catch {
      /* the wrapper showed the message */
    }
  };

  if (!activity) return <PageLoading page="activity-detail" error={error} errorId="detail-error" />;

  const a = activity;
  // Online study is attended by studying: never a scanner, a location or 远程参加 there.
  const online = a.studyMode === 'online';
  const hasQr = !online && a.checkinModes.includes('qr');
  const hasGeo = !online && a.checkinModes.includes('geo');
  // The server says `open` while check-in runs; a member with a leave request who comes after all
  // may check in too (the server allows it), judged here by the phone's clock.
  const open =
    a.status === 'published' &&
    (a.myStatus === 'open' ||
      ((a.myStatus === 'leave_pending' || a.myStatus === 'excused' || a.myStatus === 'leave_rejected') && checkinWindowOpen(a)));
  const canRemote = open && !online && a.allowRemote && !!me?.isMobile;
  const label = myStatusLabel(a);
  const studied = progressOf(a.materials);
  const allStudied = online && studied.total > 0 && studied.done === studied.total;
  const checkedIn = a.myStatus === 'checked_in' || !!a.myCheckIn;
  const canConfirmOnline = open && allStudied && !checkedIn;
  const myId = me?.memberId ?? null;
  const myPair = myId ? a.pairs.find((p) => p.mentorId === myId || p.menteeId === myId) : undefined;
  const modesText = online
    ? '网络学习，学完全部资料后自动计入出勤'
    : `${a.checkinModes.map((m) => CHECKIN_METHOD_LABELS[m]).join('、')}${a.allowRemote ? '；流动党员可远程参加' : ''}`;

  return (
    <View className="page activity-detail">
      <View className="card">
        <View className="detail-kind" id="detail-kind">
          {ACTIVITY_KIND_LABELS[a.kind] ?? '活动'}
        </View>
        <View className="detail-title" id="detail-title">
          {a.title}
        </View>
        <WhenWhere activity={a} idPrefix="detail" />
        <View className="info-line">
          <View className="info-key">组织</View>
          <View className="info-val">{a.orgName}</View>
        </View>
        {a.lecturer && (
          <View className="info-line" id="detail-lecturer">
            <View className="info-key">主讲人</View>
            <View className="info-val">{a.lecturer}</View>
          </View>
        )}
        {a.topic && (
          <View className="info-line" id="detail-topic">
            <View className="info-key">主题</View>
            <View className="info-val">{a.topic}</View>
          </View>
        )}
        {a.studyMode && (
          <View className="info-line" id="detail-study-mode">
            <View className="info-key">学习方式</View>
            <View className="info-val">{STUDY_MODE_LABELS[a.studyMode] ?? ''}</View>
          </View>
        )}
        <View className="info-line">
          <View className="info-key">{online ? '参加方式' : '签到方式'}</View>
          <View className="info-val" id="detail-modes">
            {modesText}
          </View>
        </View>
        {a.description && <View className="detail-description">{a.description}</View>}
      </View>

      {online && (
        <View className="card" id="study-materials">
          <View className="card-title">学习资料</View>
          <View className="muted hint" id="study-auto-note">
            学完全部资料后自动计入出勤
          </View>
          {studied.total > 0 && a.materials.some((m) => m.completed !== null) && (
            <View className="study-progress" id="study-progress">
              已学 {studied.done} / {studied.total}
            </View>
          )}
          {a.materials.length === 0 && <View className="muted">本次学习还没有资料</View>}
          {a.materials.map((m) => (
            <View key={m.id} id={`act-material-${m.id}`} className="act-material" onClick={() => openMaterial(m.id)}>
              <View className="act-material-main">
                <View className="act-material-title">{m.title}</View>
                <View className="muted">{MATERIAL_KIND_LABELS[m.kind] ?? ''}</View>
              </View>
              {m.completed !== null && (
                <View className={`act-material-status${m.completed ? ' act-material-done' : ''}`} id={`act-material-status-${m.id}`}>
                  {m.completed ? '✓ 已学完' : '未学'}
                </View>
              )}
              <View className="act-material-arrow">›</View>
            </View>
          ))}
        </View>
      )}

      {a.pairs.length > 0 && (
        <View className="card" id="study-pairs">
          <View className="card-title">结对名单</View>
          {myPair && (
            <View className="my-pair" id="my-pair">
              我的结对：{myPair.mentorName} ↔ {myPair.menteeName}
            </View>
          )}
          {a.pairs.map((p, i) => (
            <View key={`${p.mentorId}-${p.menteeId}`} id={`pair-${i}`} className={`pair-row${p === myPair ? ' pair-mine' : ''}`}>
              {p.mentorName} ↔ {p.menteeName}
            </View>
          ))}
        </View>
      )}

      <View className="card" id="my-status-card">
        <View className="my-status-line">
          <View className="info-key">我的状态</View>
          {label && (
            <View className={`detail-status detail-status-${statusTone(a)}`} id="detail-status">
              {label}
            </View>
          )}
        </View>
        {myStandingNote(a) && (
          <View className="muted" id="my-standing">
            {myStandingNote(a)}
          </View>
        )}
        {a.myCheckIn && (
          <View className="muted" id="my-checkin">
            {formatDateTime(a.myCheckIn.checkedInAt)} {CHECKIN_METHOD_LABELS[a.myCheckIn.method]}
          </View>
        )}

        {outcome && <CheckinResult outcome={outcome} busy={busy} onRetry={send} />}

        {open && hasQr && !IS_H5 && (
          <Button id="checkin-btn" className="btn-primary btn-checkin" loading={busy} disabled={busy || undefined} onClick={onCheckIn}>
            扫码签到
          </Button>
        )}
        {open && hasQr && (
          <View className="code-box" id="code-box">
            <View className="field-label code-label">输入签到码（现场二维码下方的 {SHORT_CODE_LENGTH} 位数字）</View>
            <Input
              id="checkin-code-input"
              className="field-input code-input"
              type="number"
              maxlength={SHORT_CODE_LENGTH}
              placeholder={`请输入 ${SHORT_CODE_LENGTH} 位数字`}
              value={codeInput}
              onInput={(e) => setCodeInput(e.detail.value)}
              onConfirm={() => void checkInByCode()}
            />
            <Button
              id="checkin-code-btn"
              className={IS_H5 ? 'btn-primary btn-checkin' : 'btn-secondary'}
              loading={busy}
              disabled={busy || undefined}
              onClick={() => void checkInByCode()}
            >
              用签到码签到
            </Button>
          </View>
        )}
        {open && !hasQr && hasGeo && (
          <Button id="checkin-btn" className="btn-primary btn-checkin" loading={busy} disabled={busy || undefined} onClick={onCheckIn}>
            定位签到
          </Button>
        )}
        {open && hasQr && hasGeo && (
          <Button id="geo-btn" className="btn-secondary" disabled={busy || undefined} onClick={checkInByLocation}>
            扫不了码？用定位签到
          </Button>
        )}
        {canConfirmOnline && (
          <Button
            id="online-confirm"
            className="btn-primary btn-checkin"
            loading={busy}
            disabled={busy || undefined}
            onClick={onConfirmOnline}
          >
            确认出勤
          </Button>
        )}
        {open && online && !allStudied && !checkedIn && (
          <View className="muted hint" id="online-hint">
            请学完上面的全部资料，学完后自动计入出勤
          </View>
        )}
        {canRemote && (
          <Button id="remote-btn" className="btn-secondary" disabled={busy || undefined} onClick={onRemote}>
            远程参加
          </Button>
        )}
        {open && hasGeo && <View className="muted hint">定位签到只核验您与活动地点的距离，不保存您的位置。</View>}

        {canAskLeave(a) && !leaveOpen && (
          <Button id="leave-open" className="btn-secondary" onClick={() => setLeaveOpen(true)}>
            请假
          </Button>
        )}
        {canAskLeave(a) && leaveOpen && (
          <View className="leave-form" id="leave-form">
            <View className="field-label">请假事由</View>
            <TextBox
              id="leave-reason"
              className="form-textarea leave-textarea"
              placeholder="请简要说明不能参加的原因"
              value={leaveReason}
              maxlength={LIMITS.leaveReason}
              onChange={setLeaveReason}
              multiline
            />
            {leaveError && (
              <View className="error-text" id="leave-error">
                {leaveError}
              </View>
            )}
            <Button id="leave-submit" className="btn-primary" loading={busy} disabled={busy || undefined} onClick={onLeave}>
              提交请假
            </Button>
          </View>
        )}
      </View>

      {record && (record.minutes || record.photos.length > 0) && (
        <View className="card" id="record">
          <View className="card-title">活动记实</View>
          {record.minutes && (
            <View className="record-minutes" id="record-minutes">
              {record.minutes}
            </View>
          )}
          {record.photos.length > 0 && (
            <View className="record-photos">
              {record.photos.map((p) => (
                <Image
                  key={p.id}
                  id={`record-photo-${p.id}`}
                  className="record-photo"
                  src={apiAssetUrl(p.url)}
                  mode="aspectFill"
                  onClick={() =>
                    Taro.previewImage({ current: apiAssetUrl(p.url), urls: record.photos.map((x) => apiAssetUrl(x.url)) }).catch(
                      () => undefined,
                    )
                  }
                />
              ))}
            </View>
          )}
        </View>
      )}

      {/* 学习心得 after taking part in a study activity or a Party lecture. */}
      {(a.kind === 'study_session' || a.kind === 'party_lecture') && a.status === 'published' && a.myStatus === 'checked_in' && (
        <NoteForm target={{ activityId: a.id }} />
      )}

      {a.canManage && (
        <View className="card" id="manage">
          <View className="card-title">活动管理</View>
          <View className="manage-count" id="manage-count">
            已签到 {attendance ? attendance.present.length : a.checkedInCount} 人
          </View>
          {attendance && (
            <View className="attendance-summary" id="attendance-summary">
              {[
                { id: 'att-expected', value: attendance.expected, label: '应到' },
                { id: 'att-present', value: attendance.present.length, label: '实到' },
                { id: 'att-excused', value: attendance.excused.length, label: '请假' },
                { id: 'att-absent', value: attendance.absent.length, label: attendance.closed ? '缺席' : '未到' },
                { id: 'att-rate', value: `${Math.round(attendance.rate * 1000) / 10}%`, label: '出席率' },
              ].map((c) => (
                <View key={c.id} className="att-cell">
                  <View className="att-num" id={c.id}>
                    {c.value}
                  </View>
                  <View className="att-label">{c.label}</View>
                </View>
              ))}
            </View>
          )}
          {attendance && attendanceApart(attendance) && (
            <View className="muted" id="attendance-apart">
              {attendanceApart(attendance)}
            </View>
          )}
          {hasQr && checkinWindowOpen(a) && (
            <Button
              id="manage-code"
              className="btn-primary"
              onClick={() => Taro.navigateTo({ url: `${ROUTES.checkinCode}?id=${encodeURIComponent(a.id)}` })}
            >
              出示签到二维码
            </Button>
          )}
          {rosterCheckinOpen(a) && (
            <Button
              id="manage-roster"
              className="btn-secondary"
              onClick={() => Taro.navigateTo({ url: `${ROUTES.rosterCheckin}?id=${encodeURIComponent(a.id)}` })}
            >
              代签（为没有手机的党员签到）
            </Button>
          )}

          {attendance && attendance.pendingLeave.length > 0 && (
            <View className="pending-leave" id="pending-leave">
              <View className="section-title">待审批的请假（{attendance.pendingLeave.length}）</View>
              {attendance.pendingLeave.map((l) => (
                <View key={l.id} className="leave-row" id={`leave-${l.id}`}>
                  <View className="leave-who">
                    {l.memberName}
                    <View className="muted">事由：{l.reason}</View>
                    <View className="muted">申请于 {formatDateTime(l.createdAt)}</View>
                  </View>
                  <View className="leave-actions">
                    <Button id={`approve-${l.id}`} className="btn-small btn-small-ok" onClick={() => onDecide(l.id, true)}>
                      准假
                    </Button>
                    <Button id={`reject-${l.id}`} className="btn-small" onClick={() => onDecide(l.id, false)}>
                      不准
                    </Button>
                  </View>
                </View>
              ))}
            </View>
          )}
        </View>
      )}
    </View>
  );
}
