/** Activities (主题党日, 三会一课, 组织生活会, study sessions …), check-in, leave and attendance. */
import type { ActivityKind, CheckinMethod, CheckinMode, StudyMode } from './enums.js';

export const ACTIVITY_STATUSES = ['draft', 'published', 'cancelled'] as const;
export type ActivityStatus = (typeof ACTIVITY_STATUSES)[number];
export const ACTIVITY_STATUS_LABELS: Record<ActivityStatus, string> = { draft: '草稿', published: '已发布', cancelled: '已取消' };

/** Check-in opens this long before the start and closes at the end. */
export const CHECKIN_OPENS_BEFORE_MS = 30 * 60_000;
/** The organiser may still check members in from the roster this long after the end. */
export const ROSTER_CHECKIN_AFTER_END_MS = 12 * 3600_000;
/** A check-in QR token belongs to a slot of this length; the previous slot is still accepted. */
export const CHECKIN_SLOT_MS = 30_000;
export const GEOFENCE_MIN_RADIUS_M = 20;
export const GEOFENCE_MAX_RADIUS_M = 5000;
/** More check-ins than this from one address in one slot are flagged (not blocked). */
export const CHECKIN_SAME_IP_FLAG = 8;

export interface ActivityLocation {
  name: string;
  lat: number;
  lng: number;
  radiusM: number;
}

/** `POST /activities`. */
export interface CreateActivityRequest {
  title: string;
  kind: ActivityKind;
  orgId: string;
  startsAt: string;
  endsAt: string;
  location?: ActivityLocation;
  checkinModes: CheckinMode[];
  studyMode?: StudyMode;
  description?: string;
  /** For a Party lecture (党课): who gives it. */
  lecturer?: string;
  /** Members outside the org's subtree who are also invited. */
  extraMemberIds?: string[];
  /** Mobile members may take part remotely (method `remote`). */
  allowRemote?: boolean;
}
/** `PATCH /activities/:id` (drafts only). */
export type UpdateActivityRequest = Partial<CreateActivityRequest>;

/** The caller's own standing for an activity. */
export type MyActivityStatus = 'checked_in' | 'excused' | 'leave_pending' | 'leave_rejected' | 'absent' | 'not_started' | 'open' | 'not_invited';

export interface ActivityView {
  id: string;
  title: string;
  kind: ActivityKind;
  orgId: string;
  orgName: string;
  startsAt: string;
  endsAt: string;
  location: ActivityLocation | null;
  checkinModes: CheckinMode[];
  studyMode: StudyMode | null;
  description: string | null;
  lecturer: string | null;
  allowRemote: boolean;
  status: ActivityStatus;
  publishedAt: string | null;
  createdAt: string;
  /** Whether the caller may manage it (show the QR code, check in from the roster, approve leave). */
  canManage: boolean;
  myStatus: MyActivityStatus | null;
  myCheckIn: CheckInView | null;
  checkedInCount: number;
}

export interface ActivityListQuery {
  orgId?: string;
  from?: string;
  to?: string;
  mine?: boolean;
  status?: ActivityStatus;
  page?: number;
  pageSize?: number;
}

/** `GET /activities/:id/checkin-code`. */
export interface CheckinCodeResponse {
  token: string;
  expiresAt: string;
  /** What the QR code encodes: `djzy:checkin:<activityId>:<token>`. */
  qrText: string;
}

/** `POST /checkins`. */
export interface CheckInRequest {
  activityId: string;
  token?: string;
  lat?: number;
  lng?: number;
  accuracyM?: number;
  /** A mobile member taking part from afar, where the activity allows it. */
  remote?: boolean;
}

export interface CheckInView {
  id: string;
  activityId: string;
  memberId: string;
  memberName: string;
  method: CheckinMethod;
  checkedInAt: string;
  /** Metres from the venue (geo check-in only); the position itself is never kept. */
  distanceM: number | null;
  /** Many check-ins from one address in one slot: worth a look, not blocked. */
  flagged: boolean;
}

export interface CheckInResponse {
  checkIn: CheckInView;
  pointsAwarded: number;
}

/** `POST /activities/:id/checkins` (organiser, from the roster). */
export interface RosterCheckInRequest {
  memberId: string;
}

export const QR_PREFIX = 'djzy:checkin:';
/** Parses a scanned QR text into the activity id and token; null when it is not ours. */
export function parseCheckinQr(text: string): { activityId: string; token: string } | null {
  if (!text.startsWith(QR_PREFIX)) return null;
  const [activityId, token] = text.slice(QR_PREFIX.length).split(':');
  return activityId && token ? { activityId, token } : null;
}

export const LEAVE_STATUSES = ['pending', 'approved', 'rejected'] as const;
export type LeaveStatus = (typeof LEAVE_STATUSES)[number];
export const LEAVE_STATUS_LABELS: Record<LeaveStatus, string> = { pending: '待审批', approved: '已准假', rejected: '未准假' };

/** `POST /activities/:id/leave`. */
export interface LeaveRequestInput {
  reason: string;
}
export interface LeaveRequestView {
  id: string;
  activityId: string;
  memberId: string;
  memberName: string;
  reason: string;
  status: LeaveStatus;
  createdAt: string;
  decidedAt: string | null;
}

export interface AttendanceRow {
  memberId: string;
  name: string;
  orgName: string;
  method: CheckinMethod | null;
  checkedInAt: string | null;
  leaveReason: string | null;
}

/** `GET /activities/:id/attendance`. rate = present / (invited − excused). */
export interface AttendanceResponse {
  activityId: string;
  present: AttendanceRow[];
  excused: AttendanceRow[];
  absent: AttendanceRow[];
  pendingLeave: LeaveRequestView[];
  rate: number;
  /** True once the activity has ended: `absent` is then final. */
  closed: boolean;
}
