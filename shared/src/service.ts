/**
 * 为群众办实事 (PublicDeed), 便民服务 (ServiceRequest) and 联村联片联户 (Liaison, LiaisonContact):
 * OVERSIGHT.md §6. The rules live in the server's service module. Contact intervals are optional
 * reminders, never a score; no GPS, no required photo.
 */

/** Where a deed came from. */
export const DEED_SOURCES = ['liaison', 'service_request', 'feedback', 'plan'] as const;
export type DeedSource = (typeof DEED_SOURCES)[number];
export const DEED_SOURCE_LABELS: Record<DeedSource, string> = {
  liaison: '联户走访',
  service_request: '便民服务',
  feedback: '群众投诉建议',
  plan: '计划安排',
};

/**
 * registered 已登记 → accepted 已受理 → in_progress 办理中 → done 已办结 → confirmed 回访确认;
 * declined 不予办理 (with a reason) from registered / accepted / in_progress. Overdue (逾期) is
 * derived from promisedBy, never stored.
 */
export const DEED_STATUSES = ['registered', 'accepted', 'in_progress', 'done', 'confirmed', 'declined'] as const;
export type DeedStatus = (typeof DEED_STATUSES)[number];
export const DEED_STATUS_LABELS: Record<DeedStatus, string> = {
  registered: '已登记',
  accepted: '已受理',
  in_progress: '办理中',
  done: '已办结',
  confirmed: '回访确认',
  declined: '不予办理',
};
/** The states from which each move may be made (409 STATE_CONFLICT otherwise). */
export const DEED_MOVES = {
  accept: ['registered'],
  start: ['accepted'],
  done: ['in_progress'],
  confirm: ['done'],
  decline: ['registered', 'accepted', 'in_progress'],
} as const satisfies Record<string, readonly DeedStatus[]>;
export type DeedMove = keyof typeof DEED_MOVES;
export const DEED_MOVE_LABELS: Record<DeedMove, string> = {
  accept: '受理',
  start: '开始办理',
  done: '办结',
  confirm: '回访',
  decline: '不予办理',
};
/** Still to be done: the states in which a passed promisedBy makes a deed overdue. */
export const DEED_OPEN_STATUSES: readonly DeedStatus[] = ['registered', 'accepted', 'in_progress'];

/** Common categories offered by the forms (free text is accepted too). */
export const DEED_CATEGORIES = [
  '基础设施',
  '就业增收',
  '医疗养老',
  '教育助学',
  '矛盾调解',
  '政策咨询',
  '困难帮扶',
  '环境整治',
  '其他',
] as const;

/** `POST /deeds` (a manager of the org). */
export interface CreateDeedRequest {
  orgId: string;
  title: string;
  category: string;
  /** The person or household served, masked on save (张*明) when it is a plain name. */
  requester: string;
  source: DeedSource;
  sourceRef?: string;
  responsibleMemberId: string;
  /** YYYY-MM-DD, not before today. */
  promisedBy: string;
}
/** `POST /deeds/:id/done`: what was done (required). */
export interface DeedDoneRequest {
  result: string;
}
/** `POST /deeds/:id/confirm`: the 回访, by someone other than the responsible member. */
export interface DeedConfirmRequest {
  satisfied: boolean;
  note?: string;
}
/** `POST /deeds/:id/decline`. */
export interface DeedDeclineRequest {
  reason: string;
}
/** `POST /feedback/:id/deed` and `POST /service-requests/:id/deed`: the deed's fields the source does not give. */
export interface DeedFromSourceRequest {
  title?: string;
  category?: string;
  responsibleMemberId: string;
  promisedBy: string;
}

export interface DeedListQuery {
  orgId?: string;
  year?: number;
  status?: DeedStatus;
  source?: DeedSource;
  mine?: boolean;
  overdue?: boolean;
  page?: number;
  pageSize?: number;
}

export interface DeedView {
  id: string;
  orgId: string;
  orgName: string;
  title: string;
  category: string;
  requester: string;
  source: DeedSource;
  sourceRef: string | null;
  responsibleMemberId: string;
  responsibleName: string | null;
  promisedBy: string;
  status: DeedStatus;
  overdue: boolean;
  overdueDays: number;
  result: string | null;
  doneAt: string | null;
  closedAt: string | null;
  declineReason: string | null;
  followUpAt: string | null;
  followUpByName: string | null;
  followUpSatisfied: boolean | null;
  followUpNote: string | null;
  createdByName: string;
  createdAt: string;
  /** Moves the caller may make now. */
  allowedMoves: DeedMove[];
}

// ── 便民服务 ──────────────────────────────────────────────────────────────────────────────────

export const SERVICE_REQUEST_CHANNELS = ['desk', 'liaison'] as const;
export type ServiceRequestChannel = (typeof SERVICE_REQUEST_CHANNELS)[number];
export const SERVICE_REQUEST_CHANNEL_LABELS: Record<ServiceRequestChannel, string> = { desk: '便民服务大厅', liaison: '联户走访' };

/** received 已受理 → handled 已办理 | referred 已转办 | deed 转为办实事. */
export const SERVICE_REQUEST_STATUSES = ['received', 'handled', 'referred', 'deed'] as const;
export type ServiceRequestStatus = (typeof SERVICE_REQUEST_STATUSES)[number];
export const SERVICE_REQUEST_STATUS_LABELS: Record<ServiceRequestStatus, string> = {
  received: '已受理',
  handled: '当场办结',
  referred: '已转办',
  deed: '转为办实事',
};

/** `POST /service-requests`: registered at the desk (console). */
export interface CreateServiceRequestRequest {
  orgId: string;
  requester: string;
  /** A phone number, usually; stored encrypted, shown masked in lists. */
  contact?: string;
  matter: string;
  /** YYYY-MM-DD, not in the future (today when left out). */
  receivedOn?: string;
}
/** `POST /service-requests/:id/handle`: handled on the spot, or referred elsewhere. */
export interface HandleServiceRequestRequest {
  status: 'handled' | 'referred';
  note: string;
}
export interface ServiceRequestListQuery {
  orgId?: string;
  year?: number;
  status?: ServiceRequestStatus;
  page?: number;
  pageSize?: number;
}
export interface ServiceRequestView {
  id: string;
  orgId: string;
  orgName: string;
  requester: string;
  /** Masked in lists (138****0000); whole in `GET /service-requests/:id` for a manager. */
  contact: string | null;
  matter: string;
  receivedOn: string;
  channel: ServiceRequestChannel;
  status: ServiceRequestStatus;
  handledNote: string | null;
  deedId: string | null;
  liaisonContactId: string | null;
  createdByName: string;
  createdAt: string;
}

// ── 联村 / 联片 / 联户 ────────────────────────────────────────────────────────────────────────

export const LIAISON_KINDS = ['cadre_village', 'committee_area', 'member_household'] as const;
export type LiaisonKind = (typeof LIAISON_KINDS)[number];
export const LIAISON_KIND_LABELS: Record<LiaisonKind, string> = {
  cadre_village: '科级干部联村',
  committee_area: '支委联片',
  member_household: '无职党员联户',
};
export const LIAISON_SCOPES = ['village', 'area', 'household'] as const;
export type LiaisonScope = (typeof LIAISON_SCOPES)[number];
export const LIAISON_SCOPE_LABELS: Record<LiaisonScope, string> = { village: '联村', area: '联片', household: '联户' };
export const LIAISON_SCOPE_OF: Record<LiaisonKind, LiaisonScope> = {
  cadre_village: 'village',
  committee_area: 'area',
  member_household: 'household',
};
/** 无职党员联户: each member links 5–10 households (浙江 practice). */
export const LIAISON_HOUSEHOLDS_MIN = 5;
export const LIAISON_HOUSEHOLDS_MAX = 10;
/** Needs noted at one contact. */
export const MAX_CONTACT_NEEDS = 5;

export interface LiaisonHouseholdInput {
  name: string;
  note?: string;
}
export interface LiaisonHouseholdView {
  id: string;
  name: string;
  note: string | null;
}
/** `POST /liaisons` (an admin of the township or branch). */
export interface CreateLiaisonRequest {
  /** The township or branch the link belongs to. */
  orgId: string;
  memberId: string;
  kind: LiaisonKind;
  /** The village (branch) a 科级干部 links to. */
  targetOrgId?: string;
  /** The area a 支委 links to (e.g. 一组、二组). */
  areaName?: string;
  /** 无职党员联户: 5–10 households. */
  households?: LiaisonHouseholdInput[];
  from: string;
  to?: string;
  /** An optional reminder to visit every so many days — never a score. */
  contactIntervalDays?: number;
}
export interface LiaisonListQuery {
  orgId?: string;
  kind?: LiaisonKind;
  page?: number;
  pageSize?: number;
}
export interface LiaisonView {
  id: string;
  orgId: string;
  orgName: string;
  memberId: string;
  memberName: string | null;
  kind: LiaisonKind;
  scope: LiaisonScope;
  targetOrgId: string | null;
  targetOrgName: string | null;
  areaName: string | null;
  households: LiaisonHouseholdView[];
  from: string;
  to: string | null;
  contactIntervalDays: number | null;
  lastContactOn: string | null;
  /** lastContactOn (or from) + the interval; null without an interval. A reminder, not a score. */
  nextContactOn: string | null;
  contacts: number;
}

/** One need noted at a contact; `toDeed` registers it as a 为群众办实事 at once. */
export interface ContactNeedInput {
  text: string;
  toDeed?: boolean;
}
/** `POST /liaisons/:id/contacts`: logged by the linked member in under a minute. */
export interface LogLiaisonContactRequest {
  /** YYYY-MM-DD, not in the future. */
  on: string;
  householdId?: string;
  what: string;
  needs?: ContactNeedInput[];
}
export interface ContactNeedView {
  text: string;
  deedId: string | null;
  serviceRequestId: string | null;
}
export interface LiaisonContactView {
  id: string;
  liaisonId: string;
  memberId: string;
  memberName: string | null;
  on: string;
  householdId: string | null;
  householdName: string | null;
  what: string;
  needs: ContactNeedView[];
  createdAt: string;
}
export interface LiaisonContactListQuery {
  orgId?: string;
  liaisonId?: string;
  mine?: boolean;
  page?: number;
  pageSize?: number;
}
/** `POST /liaison-contacts/:id/needs/:index/deed`: the fields the need does not give (defaults: the linked member, 30 days). */
export interface NeedToDeedRequest {
  title?: string;
  category?: string;
  responsibleMemberId?: string;
  promisedBy?: string;
}
/** `GET /liaisons/mine`. */
export interface MyLiaisonsResponse {
  liaisons: LiaisonView[];
  recentContacts: LiaisonContactView[];
}

/** `张*明`: a plain personal name (2–4 Chinese characters) masked; other text (a household 王家, a place) kept as typed. */
export function maskPersonName(text: string): string {
  const t = text.trim();
  if (!/^[\u4e00-\u9fa5·]{2,4}$/.test(t) || /[家户]$/.test(t)) return t;
  if (t.length === 2) return `${t[0]}*`;
  return `${t[0]}${'*'.repeat(t.length - 2)}${t[t.length - 1]}`;
}
