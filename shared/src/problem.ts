import type { OrgLifeBranchRow, RectificationNoticeView } from './activity.js';
import type { MobileMemberView } from './mobile.js';

/**
 * 问题清单 → 整改清单 → 销号, and 投诉建议 (feedback). The states, who may move a problem, and
 * the time limits are OVERSIGHT.md §1; the rules live in the server's problem module.
 */

/** Where a problem came from. */
export const PROBLEM_SOURCES = [
  'review',
  'observation_review',
  'inspection',
  'supervision',
  'self_check',
  'feedback',
  'patrol',
  'other',
] as const;
export type ProblemSource = (typeof PROBLEM_SOURCES)[number];
export const PROBLEM_SOURCE_LABELS: Record<ProblemSource, string> = {
  review: '述职评议指出',
  observation_review: '观摩评议建议',
  inspection: '专项检查发现',
  supervision: '督查通报',
  self_check: '自查发现',
  feedback: '群众投诉建议',
  patrol: '巡察反馈',
  other: '其他',
};

/**
 * registered 已登记 → assigned 已交办 → rectifying 整改中 → submitted 申请销号 → closed 已销号; a
 * failed recheck returns it to rectifying (退回重改); void 作废 keeps it, with a reason. Overdue
 * (逾期) is derived, never stored.
 */
export const PROBLEM_STATUSES = ['registered', 'assigned', 'rectifying', 'submitted', 'closed', 'void'] as const;
export type ProblemStatus = (typeof PROBLEM_STATUSES)[number];
export const PROBLEM_STATUS_LABELS: Record<ProblemStatus, string> = {
  registered: '已登记',
  assigned: '已交办',
  rectifying: '整改中',
  submitted: '申请销号',
  closed: '已销号',
  void: '已作废',
};
/** The states from which each move may be made (409 STATE_CONFLICT otherwise). */
export const PROBLEM_MOVES = {
  assign: ['registered'],
  progress: ['assigned', 'rectifying'],
  submit: ['rectifying'],
  recheck: ['submitted'],
  extend: ['assigned', 'rectifying', 'submitted'],
  void: ['registered', 'assigned', 'rectifying', 'submitted'],
} as const satisfies Record<string, readonly ProblemStatus[]>;
export type ProblemMove = keyof typeof PROBLEM_MOVES;

/** A link to a record already in the system that shows the work was done (never a required photo). */
export const EVIDENCE_TYPES = ['activity', 'contact'] as const;
export type EvidenceType = (typeof EVIDENCE_TYPES)[number];
export const EVIDENCE_TYPE_LABELS: Record<EvidenceType, string> = { activity: '活动', contact: '联系流动党员记录' };
export interface EvidenceRef {
  type: EvidenceType;
  id: string;
}
export interface EvidenceView extends EvidenceRef {
  /** What it is, as a person reads it (活动名称 · 日期); empty when it is gone. */
  label: string;
}
export const MAX_EVIDENCE = 10;

/** `POST /problems`. */
export interface CreateProblemRequest {
  orgId: string;
  year: number;
  source: ProblemSource;
  /** The record it came from (a review session, an inspection, a notice, a feedback). */
  sourceRef?: string;
  category: string;
  description: string;
  /** 长期坚持: stays visible next year after a milestone is closed. */
  longTerm?: boolean;
}
/** `POST /problems/:id/assign`: the responsible person and the deadline (YYYY-MM-DD, not before today). */
export interface AssignProblemRequest {
  responsibleMemberId: string;
  deadline: string;
}
/** `POST /problems/:id/progress` (the responsible member or a manager of the problem's org). */
export interface ProblemProgressRequest {
  text: string;
  evidence?: EvidenceRef[];
}
/** `POST /problems/:id/recheck` (the assigning org, not the responsible member). */
export interface RecheckProblemRequest {
  result: 'pass' | 'fail';
  note: string;
}
/** `POST /problems/:id/extend`. */
export interface ExtendProblemRequest {
  deadline: string;
  reason: string;
}
/** `POST /problems/:id/void`. */
export interface VoidProblemRequest {
  reason: string;
}

export const PROBLEM_EVENT_KINDS = ['registered', 'assigned', 'progress', 'submitted', 'passed', 'returned', 'extended', 'voided'] as const;
export type ProblemEventKind = (typeof PROBLEM_EVENT_KINDS)[number];
export const PROBLEM_EVENT_LABELS: Record<ProblemEventKind, string> = {
  registered: '登记',
  assigned: '交办',
  progress: '整改进展',
  submitted: '申请销号',
  passed: '复查通过，销号',
  returned: '复查未通过，退回重改',
  extended: '延期',
  voided: '作废',
};
/** One step of a problem's history (整改清单): who did what, when. Never edited, never deleted. */
export interface ProblemEventView {
  id: string;
  kind: ProblemEventKind;
  at: string;
  byName: string;
  text: string | null;
  evidence: EvidenceView[];
  /** An extension: the deadline before and after. */
  fromDeadline: string | null;
  toDeadline: string | null;
}

export interface ProblemView {
  id: string;
  orgId: string;
  orgName: string;
  year: number;
  source: ProblemSource;
  sourceRef: string | null;
  category: string;
  description: string;
  longTerm: boolean;
  status: ProblemStatus;
  /** Deadline passed and not closed (or void). */
  overdue: boolean;
  overdueDays: number;
  assignerOrgId: string;
  assignerOrgName: string;
  responsibleMemberId: string | null;
  responsibleName: string | null;
  deadline: string | null;
  /** How many times the deadline was extended. */
  extensions: number;
  raisedAt: string;
  raisedByName: string;
  closedAt: string | null;
  closedByName: string | null;
  /** The caller may assign, extend, recheck (销号) or void it. */
  canManage: boolean;
  /** The caller may record progress and submit it (the responsible member or a manager of its org). */
  canRectify: boolean;
  /** The history, oldest first (the detail only; lists leave it empty). */
  events: ProblemEventView[];
}

export interface ProblemListQuery {
  orgId?: string;
  year?: number;
  status?: ProblemStatus;
  source?: ProblemSource;
  overdue?: boolean;
  /** Only those I am responsible for (我的整改任务). */
  mine?: boolean;
  page?: number;
  pageSize?: number;
}

// ── 投诉建议 ─────────────────────────────────────────────────────────────────────────────────

export const FEEDBACK_CATEGORIES = ['complaint', 'suggestion'] as const;
export type FeedbackCategory = (typeof FEEDBACK_CATEGORIES)[number];
export const FEEDBACK_CATEGORY_LABELS: Record<FeedbackCategory, string> = { complaint: '投诉', suggestion: '建议' };
export const FEEDBACK_STATUSES = ['received', 'replied'] as const;
export type FeedbackStatus = (typeof FEEDBACK_STATUSES)[number];
export const FEEDBACK_STATUS_LABELS: Record<FeedbackStatus, string> = { received: '待答复', replied: '已答复' };
/** Days to reply (a county setting; this is its default). */
export const DEFAULT_FEEDBACK_REPLY_DAYS = 10;

/** `POST /feedback` (a signed-in member). */
export interface CreateFeedbackRequest {
  category: FeedbackCategory;
  content: string;
  /** How to reach the sender (a phone number), if they want a call. */
  contact?: string;
  /** Whom it is about: an org of the sender's township; the sender's own branch when absent. */
  orgId?: string;
  disclosureId?: string;
}
export interface CreateFeedbackResponse {
  id: string;
  status: FeedbackStatus;
  replyDueAt: string;
}
/** `POST /feedback/:id/reply`. */
export interface ReplyFeedbackRequest {
  content: string;
}
export interface FeedbackView {
  id: string;
  category: FeedbackCategory;
  content: string;
  /** Shown to those who answer it (and to the sender); masked for nobody else — it is not public. */
  contact: string | null;
  orgId: string;
  orgName: string;
  /** The sender's name (members); null for a villager on the public page. */
  senderName: string | null;
  channel: 'member' | 'public';
  /** The 三务公开 item it is about (the public page's 我要监督), if any. */
  disclosureId: string | null;
  status: FeedbackStatus;
  createdAt: string;
  replyDueAt: string;
  /** Not replied by `replyDueAt`. */
  overdue: boolean;
  reply: string | null;
  repliedAt: string | null;
  repliedByName: string | null;
  /** The problem opened from it, if any. */
  problemId: string | null;
  /** WeChat's content check held it (the public channel, or a check that could not be made). */
  held: boolean;
  canReply: boolean;
}
export interface FeedbackListQuery {
  status?: FeedbackStatus;
  orgId?: string;
  overdue?: boolean;
  page?: number;
  pageSize?: number;
}

// ── 专项检查, 督查通报, 约谈 ──────────────────────────────────────────────────────────────────

export const INSPECTION_KINDS = ['special', 'routine', 'unannounced', 'observation'] as const;
export type InspectionKind = (typeof INSPECTION_KINDS)[number];
export const INSPECTION_KIND_LABELS: Record<InspectionKind, string> = {
  special: '专项检查',
  routine: '常规检查',
  unannounced: '暗访',
  observation: '观摩评议',
};
export const INSPECTION_METHODS = ['听取汇报', '查阅资料', '实地查看', '走访党员群众'] as const;

/** A finding of an inspection (or a 通报): becomes a Problem of the org it names. */
export interface FindingInput {
  orgId: string;
  category: string;
  description: string;
}
export const MAX_FINDINGS = 100;

/** `POST /inspections`: each finding becomes a Problem (`source: "inspection"`), in one step. */
export interface CreateInspectionRequest {
  /** The inspecting org (the caller manages it). */
  orgId: string;
  topic: string;
  kind: InspectionKind;
  from: string;
  to: string;
  targetOrgIds: string[];
  methods?: string[];
  report?: string;
  findings: FindingInput[];
}
export interface InspectionView {
  id: string;
  orgId: string;
  orgName: string;
  year: number;
  topic: string;
  kind: InspectionKind;
  from: string;
  to: string;
  targets: { id: string; name: string }[];
  methods: string[];
  report: string | null;
  createdByName: string;
  createdAt: string;
  /** The problems its findings opened. */
  problemIds: string[];
}

export const NOTICE_STATUSES = ['draft', 'published', 'withdrawn'] as const;
export type InspectionNoticeStatus = (typeof NOTICE_STATUSES)[number];
export const NOTICE_STATUS_LABELS: Record<InspectionNoticeStatus, string> = { draft: '草稿', published: '已发布', withdrawn: '已撤回' };
/** `POST /inspection-notices`: a draft (not numbered until published). */
export interface CreateInspectionNoticeRequest {
  issuerOrgId: string;
  year: number;
  title: string;
  periodCovered: string;
  inspectionIds?: string[];
  findings: FindingInput[];
  commendations?: string;
  requirements?: string;
  /** YYYY-MM-DD: the deadline every finding's problem gets. */
  responseDeadline: string;
}
export interface InspectionNoticeView {
  id: string;
  issuerOrgId: string;
  issuerOrgName: string;
  year: number;
  /** 第N期: assigned when published, gap-free per issuer and year; kept when withdrawn. */
  serialNo: number | null;
  title: string;
  periodCovered: string;
  inspectionIds: string[];
  findings: (FindingInput & { orgName: string })[];
  commendations: string | null;
  requirements: string | null;
  responseDeadline: string;
  status: InspectionNoticeStatus;
  publishedAt: string | null;
  withdrawnAt: string | null;
  withdrawReason: string | null;
  /** The problems publishing opened (one per finding). */
  problemIds: string[];
}

/** `POST /interviews` (约谈): visible to the township committee and the interviewees only. */
export interface CreateInterviewRequest {
  /** The township (or higher) org holding it. */
  orgId: string;
  intervieweeMemberIds: string[];
  at: string;
  place: string;
  reasonProblemIds?: string[];
  reasonText: string;
  record?: string;
  commitments?: string;
}
export interface InterviewView {
  id: string;
  orgId: string;
  orgName: string;
  at: string;
  place: string;
  interviewees: { id: string; name: string; orgName: string }[];
  reasonProblemIds: string[];
  reasonText: string;
  record: string | null;
  commitments: string | null;
  interviewerName: string;
  createdAt: string;
}
/** `GET /interviews/candidates?orgId=`: those answering for problems overdue longer than the setting — a suggestion only. */
export interface InterviewCandidate {
  memberId: string;
  name: string;
  orgName: string;
  problems: { id: string; category: string; deadline: string; overdueDays: number }[];
}
export const DEFAULT_INTERVIEW_OVERDUE_DAYS = 30;

// ── 责任清单 ─────────────────────────────────────────────────────────────────────────────────

/** draft (the township writes) → published 晒单 (sent to each branch) → acknowledged 领单 → evaluated 验单. */
export const RESPONSIBILITY_STATUSES = ['draft', 'published', 'acknowledged', 'evaluated'] as const;
export type ResponsibilityStatus = (typeof RESPONSIBILITY_STATUSES)[number];
export const RESPONSIBILITY_STATUS_LABELS: Record<ResponsibilityStatus, string> = {
  draft: '草稿',
  published: '已下发',
  acknowledged: '已领单',
  evaluated: '已验单',
};
export const RESPONSIBILITY_SOURCES = ['township', 'self'] as const;
export type ResponsibilitySource = (typeof RESPONSIBILITY_SOURCES)[number];
export const RESPONSIBILITY_RESULTS = ['met', 'partly_met', 'not_met'] as const;
export type ResponsibilityResult = (typeof RESPONSIBILITY_RESULTS)[number];
export const RESPONSIBILITY_RESULT_LABELS: Record<ResponsibilityResult, string> = {
  met: '完成',
  partly_met: '基本完成',
  not_met: '未完成',
};

/** `POST /responsibility-items`: on a township, a template item (draft); on a branch, its own item (acknowledged at once). */
export interface CreateResponsibilityItemRequest {
  orgId: string;
  year: number;
  category: string;
  content: string;
  measures?: string;
  dueDate?: string;
}
/** `POST /responsibility-items/publish` `{ orgId, year }`: the township's drafts go to each of its branches (晒单). */
export interface PublishResponsibilityRequest {
  orgId: string;
  year: number;
}
/** `POST /responsibility-items/:id/acknowledge` (领单, the branch): its measures and who answers for it. */
export interface AcknowledgeResponsibilityRequest {
  measures: string;
  responsibleMemberId?: string;
}
/** `POST /responsibility-items/:id/evaluate` (验单, the level above the branch, at year end). */
export interface EvaluateResponsibilityRequest {
  result: ResponsibilityResult;
  note?: string;
}
export interface ResponsibilityItemView {
  id: string;
  orgId: string;
  orgName: string;
  year: number;
  category: string;
  content: string;
  measures: string | null;
  dueDate: string | null;
  source: ResponsibilitySource;
  /** The township item it was sent from. */
  templateId: string | null;
  status: ResponsibilityStatus;
  responsibleMemberId: string | null;
  responsibleName: string | null;
  publishedAt: string | null;
  acknowledgedAt: string | null;
  result: ResponsibilityResult | null;
  resultNote: string | null;
  evaluatedAt: string | null;
  /** The caller may 领单 (the branch's managers) / 验单 (the level above). */
  canAcknowledge: boolean;
  canEvaluate: boolean;
}

/**
 * `GET /inspections/ledger?orgId=&year=`: what an inspector sees of a target org from the records
 * already here — so the village prepares no paper 台账 for the visit.
 */
export interface OrgLedgerView {
  orgId: string;
  orgName: string;
  year: number;
  /** Org-life meetings held against those required, per kind and period. */
  orgLife: OrgLifeBranchRow[];
  mobile: { total: number; overdue: number; lostContact: number; items: MobileMemberView[] };
  problems: { open: number; overdue: number; closed: number; items: ProblemView[] };
  rectifications: { open: number; items: RectificationNoticeView[] };
}
