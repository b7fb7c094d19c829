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
  /** Where it takes place (村委会二楼会议室), with or without a geofence; a geofence's name is used when absent. */
  place?: string;
  checkinModes: CheckinMode[];
  studyMode?: StudyMode;
  description?: string;
  /** For a Party lecture (党课): who gives it. */
  lecturer?: string;
  /** For a Party lecture (党课): what it is about. */
  topic?: string;
  /** For online study (网络式, `studyMode: "online"`): the materials to study; finishing all of them is attendance. */
  materialIds?: string[];
  /** For paired study (结对式): who studies with whom. */
  pairs?: StudyPairInput[];
  /** Members outside the org's subtree who are also invited (the same as `attendees.extraMemberIds`). */
  extraMemberIds?: string[];
  /** Who should attend (应到), who sits in (列席) and who else is invited; by default the kind's audience. */
  attendees?: AttendeesInput;
  /** Mobile members may take part remotely (method `remote`). */
  allowRemote?: boolean;
}

/**
 * Whose attendance an activity expects (its audience), as stored: `org` — the Party members of
 * the org and everything under it (a 党小组会's group, a 党员大会's branch); `committee` — the
 * org's committee (live 支部书记 / 支部委员 grants on the org itself); `members` — only the
 * people named in `extraMemberIds` (a township meeting).
 */
export const ATTENDEE_SCOPES = ['org', 'committee', 'members'] as const;
export type AttendeeScope = (typeof ATTENDEE_SCOPES)[number];
export const ATTENDEE_SCOPE_LABELS: Record<AttendeeScope, string> = {
  org: '本组织全体党员',
  committee: '支部委员会成员',
  members: '指定人员',
};
/**
 * The scopes a request may name: the stored ones, `default` (the kind's audience: 支委会 → the
 * committee, any other kind → the org) and `group` (a 党小组会: the org, which must be a 党小组).
 */
export const ATTENDEE_SCOPE_INPUTS = ['default', 'group', ...ATTENDEE_SCOPES] as const;
export type AttendeeScopeInput = (typeof ATTENDEE_SCOPE_INPUTS)[number];
/** The audience a kind has unless the organiser chooses another. */
export function defaultAttendeeScope(kind: ActivityKind): AttendeeScope {
  return kind === 'committee_meeting' ? 'committee' : 'org';
}
/** `attendees` of `POST /activities` and `PATCH` (a PATCH replaces all three). */
export interface AttendeesInput {
  scope?: AttendeeScopeInput;
  /** Also expected (when Party members), beyond the scope; with scope `members`, the only ones. */
  extraMemberIds?: string[];
  /** 列席: invited, may check in, never expected, never earn attendance points. */
  observerMemberIds?: string[];
}
export const MAX_ACTIVITY_INVITEES = 500;
/** A person named on an activity (an extra invitee or an observer). */
export interface NamedMember {
  id: string;
  name: string;
  orgName: string;
}
export interface AttendeesView {
  scope: AttendeeScope;
  extras: NamedMember[];
  observers: NamedMember[];
}
/**
 * How one person stands toward an activity: `expected` (应到), `away` (a mobile member away,
 * not expected at an in-person meeting unless they come), `observer` (列席), `guest` (invited
 * but not a Party member: an applicant, activist or 发展对象 — never expected, never points).
 */
export type AttendeeStanding = 'expected' | 'away' | 'observer' | 'guest';
export const ATTENDEE_STANDING_LABELS: Record<AttendeeStanding, string> = {
  expected: '应到',
  away: '流动在外',
  observer: '列席',
  guest: '非党员列席',
};
/** `POST /activities/batch`: 下发到各支部 — the same activity for each chosen org, each its own (own QR, own attendance). */
export interface BatchCreateActivitiesRequest {
  /** The activity; its `orgId` is ignored (each org in `orgIds` gets one). */
  activity: Omit<CreateActivityRequest, 'orgId'> & { orgId?: string };
  orgIds: string[];
  /** Publish them at once (活动预告 to each org's members), else they stay drafts. */
  publish?: boolean;
}
export const MAX_BATCH_ORGS = 100;

/** `POST /activities/:id/checkins/batch`: 代签 of several members who signed the paper sheet. */
export interface BatchRosterCheckInRequest {
  memberIds: string[];
}
export interface BatchRosterCheckInResponse {
  results: {
    memberId: string;
    created: boolean;
    checkIn: CheckInView | null;
    pointsAwarded: number;
    error: { code: string; message: string } | null;
  }[];
}
export const MAX_BATCH_CHECKINS = 200;

/** `PATCH /activities/:id` (drafts only). */
export type UpdateActivityRequest = Partial<CreateActivityRequest>;

/** 结对: an experienced member (`mentorId`) studies with a newer or older one (`menteeId`). */
export interface StudyPairInput {
  mentorId: string;
  menteeId: string;
}
export interface StudyPairView {
  mentorId: string;
  mentorName: string;
  menteeId: string;
  menteeName: string;
}
/** `PUT /activities/:id/pairs` `{ pairs }` (organiser; until attendance is closed) → `StudyPairView[]`. */
export interface SetPairsRequest {
  pairs: StudyPairInput[];
}
export const MAX_STUDY_PAIRS = 200;
/** A material of an online study activity. */
export interface ActivityMaterialView {
  id: string;
  title: string;
  kind: 'article' | 'video' | 'document';
  /** The caller's own completion (members only). */
  completed: boolean | null;
}
export const MAX_ACTIVITY_MATERIALS = 10;
/** An online study activity may run this long (a week or a month of study); others at most 3 days. */
export const ONLINE_STUDY_MAX_DAYS = 31;

/** The caller's own standing for an activity. */
export type MyActivityStatus =
  'checked_in' | 'excused' | 'leave_pending' | 'leave_rejected' | 'absent' | 'not_started' | 'open' | 'not_invited';

export interface ActivityView {
  id: string;
  title: string;
  kind: ActivityKind;
  orgId: string;
  orgName: string;
  startsAt: string;
  endsAt: string;
  location: ActivityLocation | null;
  /** Where it takes place (also without a geofence); null when not given. */
  place: string | null;
  checkinModes: CheckinMode[];
  studyMode: StudyMode | null;
  description: string | null;
  lecturer: string | null;
  topic: string | null;
  /** Online study: the linked materials (with the caller's own completion, members only). */
  materials: ActivityMaterialView[];
  /** Paired study: the pairs (结对). */
  pairs: StudyPairView[];
  allowRemote: boolean;
  status: ActivityStatus;
  publishedAt: string | null;
  createdAt: string;
  /** Attendance settled (absences counted): the pairs and the sheet are final. */
  attendanceClosed: boolean;
  /** Whether the caller may manage it (show the QR code, check in from the roster, approve leave). */
  canManage: boolean;
  myStatus: MyActivityStatus | null;
  /** The caller's standing (members invited to it), else null. */
  myStanding: AttendeeStanding | null;
  myCheckIn: CheckInView | null;
  checkedInCount: number;
  /**
   * 应到: the members it expects (not 列席, not non-members, not mobile members away), for those
   * who manage it; null for others. Lists show 已签到 x / 应到 y beside the title.
   */
  expectedCount: number | null;
  /** Who should attend, and who is named on it (only for those who manage it, else null). */
  attendees: AttendeesView | null;
}

/** How a member stood at one past meeting (我的组织生活). */
export type MyAttendance = 'present' | 'leave' | 'absent' | 'leave_pending' | 'not_counted';
export const MY_ATTENDANCE_LABELS: Record<MyAttendance, string> = {
  present: '出席',
  leave: '请假',
  absent: '缺席',
  leave_pending: '请假待批',
  not_counted: '不计考勤',
};
/** One row of `GET /me/org-life`: a meeting that has ended, and how I stood at it. */
export interface MyOrgLifeItem {
  activityId: string;
  title: string;
  kind: ActivityKind;
  orgName: string;
  startsAt: string;
  endsAt: string;
  attendance: MyAttendance;
  /** How I took part when present (扫码、定位、远程参加…), else null. */
  method: CheckinMethod | null;
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
  /** 6 digits shown under the QR code to type by hand; rotates with the token, the previous one still accepted. */
  shortCode: string;
  /** The 小程序码's scene (`<activityId>.<shortCode>`, ≤ 32 characters): what WeChat's own scanner opens. */
  scene: string;
}

/** Digits of the hand-typed check-in code. */
export const SHORT_CODE_LENGTH = 6;
/** Wrong codes one member may type for one activity before a pause (then 429 with Retry-After). */
export const SHORT_CODE_MAX_WRONG = 5;
/** How long that pause lasts. */
export const SHORT_CODE_PAUSE_MS = 10 * 60_000;
/** The mini-program page a 小程序码 opens with `?scene=`. */
export const CHECKIN_SCENE_PAGE = 'pages/checkin-scan/index';

/** Reads a 小程序码 scene (`<activityId>.<6 digits>`); null when it is not one of ours. */
export function parseCheckinScene(scene: string): { activityId: string; shortCode: string } | null {
  let text: string;
  try {
    // WeChat hands the scene to the page URI-encoded.
    text = decodeURIComponent(scene ?? '');
  } catch {
    return null;
  }
  const m = /^([0-9a-z]{1,24})\.(\d{6})$/.exec(text);
  return m ? { activityId: m[1], shortCode: m[2] } : null;
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
  /** The 6 digits shown under the QR code, typed by hand. */
  shortCode?: string;
  /** The scene of the 小程序码 scanned with WeChat's own scanner. */
  scene?: string;
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

/**
 * `GET /activities/:id/attendance`. Only those who should attend are counted: `expected` (应到)
 * = present + excused + absent, rate = present / (expected − excused). Observers (列席), guests
 * (non-members) and mobile members away are listed apart, each with their check-in if any (a
 * mobile member away who came is present).
 */
export interface AttendanceResponse {
  activityId: string;
  expected: number;
  present: AttendanceRow[];
  excused: AttendanceRow[];
  absent: AttendanceRow[];
  observers: AttendanceRow[];
  guests: AttendanceRow[];
  away: AttendanceRow[];
  pendingLeave: LeaveRequestView[];
  rate: number;
  /** True once the activity has ended: `absent` is then final. */
  closed: boolean;
}

/**
 * Those an attendance sheet lists apart (not counted in 应到), as one line — 另有列席 1 人、流动在外 1
 * 人，不计入应到 — or '' when there are none. The sheet, the console and the mini-program say it alike.
 */
export function attendanceApartText(a: Pick<AttendanceResponse, 'observers' | 'guests' | 'away'>): string {
  const parts = (
    [
      ['observer', a.observers],
      ['guest', a.guests],
      ['away', a.away],
    ] as const
  )
    .filter(([, rows]) => rows.length > 0)
    .map(([standing, rows]) => `${ATTENDEE_STANDING_LABELS[standing]} ${rows.length} 人`);
  return parts.length ? `另有${parts.join('、')}，不计入应到` : '';
}

export const MAX_ACTIVITY_PHOTOS = 9;
export const MAX_PHOTO_BYTES = 5 * 1024 * 1024;
export const MINUTES_MAX = 20000;

/** 记实: the written record of an activity and its photos. */
export interface ActivityPhotoView {
  id: string;
  /** A signed URL that works without a token for a while (for <image> tags). */
  url: string;
  contentType: string;
  size: number;
  createdAt: string;
}
export interface ActivityRecordView {
  activityId: string;
  minutes: string;
  updatedAt: string | null;
  photos: ActivityPhotoView[];
}
/** `PUT /activities/:id/record`. */
export interface UpdateActivityRecordRequest {
  minutes: string;
}

/** 限期整改通知书: to a member absent without leave from consecutive org-life meetings. */
export interface RectificationNoticeView {
  id: string;
  memberId: string;
  memberName: string;
  orgId: string;
  orgName: string;
  /** The activities missed, oldest first. */
  missed: { activityId: string; title: string; startsAt: string }[];
  content: string;
  deadline: string;
  status: 'open' | 'resolved';
  createdAt: string;
  resolvedAt: string | null;
  resolution: string | null;
}
export interface ResolveRectificationRequest {
  resolution: string;
}
/** Consecutive unexcused absences from org-life meetings that trigger a notice (configurable). */
export const DEFAULT_ABSENCE_THRESHOLD = 3;
/** Days a member has to put things right. */
export const RECTIFICATION_DAYS = 30;

/** Org-life kinds checked against required frequencies (组织生活计划). */
export const ORG_LIFE_KINDS = [
  'committee_meeting',
  'group_meeting',
  'fixed_day',
  'general_meeting',
  'party_lecture',
  'org_life_meeting',
  'democratic_appraisal',
] as const;
export type OrgLifeKind = (typeof ORG_LIFE_KINDS)[number];
export type OrgLifeCycle = 'month' | 'quarter' | 'year';
export const ORG_LIFE_CYCLE_LABELS: Record<OrgLifeCycle, string> = { month: '每月', quarter: '每季度', year: '每年' };
/** The required frequencies (PRODUCT.md): 支委会, 党小组会, 主题党日 monthly; 党员大会, 党课 quarterly; 组织生活会, 民主评议 yearly. */
export const DEFAULT_ORG_LIFE_PLAN: Record<OrgLifeKind, OrgLifeCycle> = {
  committee_meeting: 'month',
  group_meeting: 'month',
  fixed_day: 'month',
  general_meeting: 'quarter',
  party_lecture: 'quarter',
  org_life_meeting: 'year',
  democratic_appraisal: 'year',
};

/** One cell of the frequency table: a branch, a required kind, a period. */
export interface OrgLifeCell {
  kind: OrgLifeKind;
  period: string;
  held: number;
  required: number;
  /** True when the period is over (or the count is met) and nothing was held: a miss. */
  missed: boolean;
  /** True while the period is still running. */
  current: boolean;
}
export interface OrgLifeBranchRow {
  orgId: string;
  orgName: string;
  cells: OrgLifeCell[];
  missedCount: number;
}
/** `GET /org-life/frequency?orgId=&year=`. */
export interface OrgLifeFrequencyResponse {
  year: number;
  plan: Record<OrgLifeKind, OrgLifeCycle>;
  branches: OrgLifeBranchRow[];
}
