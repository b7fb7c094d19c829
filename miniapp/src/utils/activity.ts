/** How activities read on screen: my status, times, check-in modes — in Chinese, no codes. */
import {
  ACTIVITY_STATUS_LABELS,
  attendanceApartText,
  CHECKIN_OPENS_BEFORE_MS,
  ROSTER_CHECKIN_AFTER_END_MS,
  toIsoLocal,
  type ActivityView,
  type MyActivityStatus,
} from '@djzy/shared';

/** My standing for an activity, as a member reads it on a card. */
export const MY_STATUS_LABELS: Record<MyActivityStatus, string> = {
  checked_in: '已签到',
  excused: '已请假',
  leave_pending: '请假待批',
  leave_rejected: '请假未批准',
  absent: '缺席',
  not_started: '未开始',
  open: '可签到',
  not_invited: '不在参加范围',
};

/** The label of my status on a card (a cancelled activity says so instead). */
export function myStatusLabel(a: Pick<ActivityView, 'status' | 'myStatus'> & { studyMode?: ActivityView['studyMode'] }): string {
  if (a.status === 'cancelled') return ACTIVITY_STATUS_LABELS.cancelled;
  // Online study has nothing to scan: while it runs, the member is studying towards attendance.
  if (a.myStatus === 'open' && a.studyMode === 'online') return '学习中';
  return a.myStatus ? MY_STATUS_LABELS[a.myStatus] : '';
}

/** Whether a member away from home can take part: remote participation allowed, or online study. */
export function takesPartFromAfar(a: Pick<ActivityView, 'allowRemote' | 'studyMode'>): boolean {
  return a.allowRemote || a.studyMode === 'online';
}

/** The colour class of a status tag. */
export function statusTone(a: Pick<ActivityView, 'status' | 'myStatus'>): 'ok' | 'warn' | 'bad' | 'open' | 'plain' {
  if (a.status === 'cancelled') return 'plain';
  switch (a.myStatus) {
    case 'checked_in':
    case 'excused':
      return 'ok';
    case 'open':
      return 'open';
    case 'leave_pending':
      return 'warn';
    case 'absent':
    case 'leave_rejected':
      return 'bad';
    default:
      return 'plain';
  }
}

const WEEKDAYS = ['日', '一', '二', '三', '四', '五', '六'];

/** `11月27日（周五）14:45`, in the township's zone. */
export function formatDateTime(instant: string): string {
  const iso = toIsoLocal(instant);
  const [y, m, d] = iso.slice(0, 10).split('-').map(Number);
  const weekday = WEEKDAYS[new Date(Date.UTC(y, m - 1, d)).getUTCDay()];
  return `${m}月${d}日（周${weekday}）${iso.slice(11, 16)}`;
}

/** `11月27日（周五）14:45–17:45` (the end's date too when it is another day). */
export function formatRange(startsAt: string, endsAt: string): string {
  const s = toIsoLocal(startsAt);
  const e = toIsoLocal(endsAt);
  return s.slice(0, 10) === e.slice(0, 10)
    ? `${formatDateTime(startsAt)}–${e.slice(11, 16)}`
    : `${formatDateTime(startsAt)} 至 ${formatDateTime(endsAt)}`;
}

/** `14:45`. */
export function formatTime(instant: string): string {
  return toIsoLocal(instant).slice(11, 16);
}

/** True while a leave request can still be made (before the start, for a published activity). */
export function canAskLeave(a: ActivityView, now = Date.now()): boolean {
  if (a.status !== 'published' || now >= new Date(a.startsAt).getTime()) return false;
  return a.myStatus === 'not_started' || a.myStatus === 'open' || a.myStatus === 'leave_rejected';
}

/** True while members can check themselves in: from 30 minutes before the start to the end. */
export function checkinWindowOpen(a: ActivityView, now = Date.now()): boolean {
  return a.status === 'published' && now >= new Date(a.startsAt).getTime() - CHECKIN_OPENS_BEFORE_MS && now <= new Date(a.endsAt).getTime();
}

/** True while the organiser may still check members in from the roster (until 12 hours after the end). */
export function rosterCheckinOpen(a: ActivityView, now = Date.now()): boolean {
  return (
    a.status === 'published' &&
    now >= new Date(a.startsAt).getTime() - CHECKIN_OPENS_BEFORE_MS &&
    now <= new Date(a.endsAt).getTime() + ROSTER_CHECKIN_AFTER_END_MS
  );
}

/** What a member is told of their standing when the activity does not count them (列席, away …); '' when it does. */
export function myStandingNote(a: Pick<ActivityView, 'myStanding' | 'allowRemote'>): string {
  switch (a.myStanding) {
    case 'observer':
      return '您列席本次会议：可以签到，不计入应到人数，也不计出勤积分。';
    case 'guest':
      return '欢迎列席本次活动：入党申请人、积极分子和发展对象不计入应到人数，也不计党员积分。';
    case 'away':
      return '您正在外出（流动党员），本次现场活动不计入您的应到；如返乡参加，签到照常有效。';
    default:
      return '';
  }
}

/** The people an attendance sheet lists apart (not counted in 应到), as one line; '' when none. */
export const attendanceApart = attendanceApartText;
