/**
 * 述职评议 (ReviewSession, DutyReport, anonymous ballots, PaperTally, ReviewResult, ReviewComment)
 * and the branch secretaries' 百分制考核 (AssessmentTemplate, SecretaryAssessment):
 * OVERSIGHT.md §2 and §7. The tally is only the committee's input: the system never sets a grade.
 */

// ── grades ─────────────────────────────────────────────────────────────────────────────────

/** Every grade code a scale may use (好/较好/一般/差, or 优秀/合格/基本合格/不合格). */
export const REVIEW_GRADES = [
  'good',
  'fairly_good',
  'average',
  'poor',
  'excellent',
  'qualified',
  'basically_qualified',
  'unqualified',
] as const;
export type ReviewGrade = (typeof REVIEW_GRADES)[number];
export const REVIEW_GRADE_LABELS: Record<ReviewGrade, string> = {
  good: '好',
  fairly_good: '较好',
  average: '一般',
  poor: '差',
  excellent: '优秀',
  qualified: '合格',
  basically_qualified: '基本合格',
  unqualified: '不合格',
};
/** The default scale (best first), and the one some counties use for village cadres. */
export const DEFAULT_GRADE_SCALE: ReviewGrade[] = ['good', 'fairly_good', 'average', 'poor'];
export const CADRE_GRADE_SCALE: ReviewGrade[] = ['excellent', 'qualified', 'basically_qualified', 'unqualified'];

// ── sessions ───────────────────────────────────────────────────────────────────────────────

export const REVIEW_SESSION_STATUSES = ['planned', 'reports_due', 'in_session', 'voting_closed', 'rated', 'published'] as const;
export type ReviewSessionStatus = (typeof REVIEW_SESSION_STATUSES)[number];
export const REVIEW_SESSION_STATUS_LABELS: Record<ReviewSessionStatus, string> = {
  planned: '已安排',
  reports_due: '待交述职报告',
  in_session: '会议中（测评进行中）',
  voting_closed: '计票完成',
  rated: '已评定',
  published: '已通报',
};
/** The states from which each move may be made (409 STATE_CONFLICT otherwise). */
export const REVIEW_SESSION_MOVES = {
  'reports-due': ['planned'],
  open: ['reports_due'],
  close: ['in_session'],
  rate: ['voting_closed'],
  publish: ['rated'],
} as const satisfies Record<string, readonly ReviewSessionStatus[]>;
export type ReviewSessionMove = keyof typeof REVIEW_SESSION_MOVES;
/** States in which ballot tokens may still be issued. */
export const REVIEW_TOKEN_STATES: readonly ReviewSessionStatus[] = ['planned', 'reports_due', 'in_session'];
/** States in which a paper tally may be entered (the meeting, or counting right after it). */
export const REVIEW_TALLY_STATES: readonly ReviewSessionStatus[] = ['in_session', 'voting_closed'];
/** Most tokens one request may issue. */
export const MAX_BALLOT_TOKENS = 500;
/** Most reporters one session may hear. */
export const MAX_REVIEW_REPORTERS = 60;

export interface CreateReviewSessionRequest {
  activityId: string;
  reporterMemberIds: string[];
  /** The scale, best first (default 好/较好/一般/差). */
  grades?: ReviewGrade[];
  /** The year reviewed (default: the meeting's year, or the year before for a meeting in January–June). */
  year?: number;
  /** 应到 attendees who vote (the warning compares valid ballots with this). */
  attendeeCount?: number;
  /** The share of attendees valid ballots should reach, as a fraction (default 2/3). */
  minValidShare?: { numerator: number; denominator: number };
}
export interface UpdateReviewSessionRequest {
  attendeeCount?: number;
  minValidShare?: { numerator: number; denominator: number };
}

export interface ReviewReporterView {
  memberId: string;
  name: string;
  orgId: string;
  orgName: string;
}

export interface ReviewSessionView {
  id: string;
  organizerOrgId: string;
  organizerOrgName: string;
  year: number;
  activityId: string;
  activityTitle: string;
  activityStartsAt: string;
  gradeScale: ReviewGrade[];
  reporters: ReviewReporterView[];
  attendeeCount: number;
  minValidShare: { numerator: number; denominator: number };
  status: ReviewSessionStatus;
  tokensIssued: number;
  tokensUsed: number;
  createdAt: string;
  openedAt: string | null;
  closedAt: string | null;
  ratedAt: string | null;
  publishedAt: string | null;
  decisionNote: string | null;
  decidedByName: string | null;
}

export interface IssueBallotTokensRequest {
  count: number;
}
export interface IssueBallotTokensResponse {
  sessionId: string;
  /** The tokens in clear, shown once (for the QR slips); only their hashes are kept. */
  tokens: string[];
}

// ── ballots (public) ───────────────────────────────────────────────────────────────────────

export interface CastBallotRequest {
  token: string;
  grades: { reporterMemberId: string; grade: ReviewGrade }[];
}
export interface CastBallotResponse {
  ok: true;
}
/** `GET /ballots/session?token=`: what a ballot slip opens (no sign-in): the reporters and the scale. */
export interface BallotFormView {
  sessionId: string;
  title: string;
  organizerOrgName: string;
  year: number;
  status: ReviewSessionStatus;
  open: boolean;
  used: boolean;
  gradeScale: { code: ReviewGrade; label: string }[];
  reporters: { memberId: string; name: string; orgName: string }[];
}

export interface PaperTallyRequest {
  /** Paper ballots counted in this batch (valid ones). */
  papers: number;
  /** Per reporter, how many papers gave each grade. */
  counts: { reporterMemberId: string; counts: Partial<Record<ReviewGrade, number>> }[];
  witnessName: string;
}
export interface PaperTallyView {
  id: string;
  papers: number;
  counts: { reporterMemberId: string; counts: Partial<Record<ReviewGrade, number>> }[];
  enteredByName: string;
  witnessName: string;
  enteredAt: string;
}

export interface ReviewResultRow {
  reporterMemberId: string;
  name: string;
  orgName: string;
  /** Ballots (phone and paper) per grade. */
  tally: Record<string, number>;
  graded: number;
  /** Share of 好 + 较好 (the first two grades of the scale) among those who graded, 0..1. */
  ratioTopTwo: number;
  /** The committee's grade, once decided (never set by the system). */
  finalGrade: ReviewGrade | null;
  basisNote: string | null;
}
export interface ReviewResultsView {
  sessionId: string;
  status: ReviewSessionStatus;
  gradeScale: ReviewGrade[];
  /** Phone ballots + paper ballots. */
  validBallots: number;
  phoneBallots: number;
  paperBallots: number;
  attendeeCount: number;
  /** Set when valid ballots are fewer than the set share of attendees. */
  warning: string | null;
  rows: ReviewResultRow[];
  tallies: PaperTallyView[];
  decisionNote: string | null;
  decidedByName: string | null;
  decidedAt: string | null;
}

/** `POST /review-sessions/:id/rate`: the committee's grades, with the meeting that decided. */
export interface RateReviewRequest {
  /** Which meeting decided (e.g. 镇党委会 2027-01-20 研究确定). */
  decisionNote: string;
  grades: { reporterMemberId: string; finalGrade: ReviewGrade; basisNote?: string }[];
}

// ── duty reports ───────────────────────────────────────────────────────────────────────────

export const DUTY_REPORT_STATUSES = ['draft', 'submitted', 'accepted', 'returned'] as const;
export type DutyReportStatus = (typeof DUTY_REPORT_STATUSES)[number];
export const DUTY_REPORT_STATUS_LABELS: Record<DutyReportStatus, string> = {
  draft: '待提交',
  submitted: '已提交',
  accepted: '已审核通过',
  returned: '已退回修改',
};
export const DUTY_REPORT_MOVES = {
  submit: ['draft', 'returned'],
  accept: ['submitted'],
  return: ['submitted'],
} as const satisfies Record<string, readonly DutyReportStatus[]>;

export interface DutyReportFigure {
  no: number;
  label: string;
  value: number | null;
  unit: string;
  sources: { type: string; id: string }[];
}
export interface DutyReportView {
  id: string;
  sessionId: string;
  reporterMemberId: string;
  reporterName: string;
  orgId: string;
  orgName: string;
  year: number;
  body: string;
  /** From the yearly-report engine at the branch's scope: never typed by hand. */
  figures: DutyReportFigure[];
  figuresAt: string;
  status: DutyReportStatus;
  submittedAt: string | null;
  reviewedByName: string | null;
  reviewedAt: string | null;
  returnedNote: string | null;
}
export interface UpdateDutyReportRequest {
  body: string;
}
export interface ReturnDutyReportRequest {
  note: string;
}

// ── comments (点评) ─────────────────────────────────────────────────────────────────────────

export interface CreateReviewCommentRequest {
  reporterMemberId: string;
  text: string;
  /** Who made the point (a leader's name); the caller when left out. */
  byName?: string;
}
export interface ReviewCommentView {
  id: string;
  sessionId: string;
  reporterMemberId: string;
  text: string;
  byName: string;
  createdAt: string;
  problemId: string | null;
}
export interface ReviewCommentToProblemRequest {
  category?: string;
}

// ── 百分制考核 ───────────────────────────────────────────────────────────────────────────────

/**
 * Where an item's score may be pre-filled from (records only — never app use: no study time,
 * online time, logins, likes or uploads counted, 国办函〔2026〕12号).
 */
export const ASSESSMENT_AUTO_SOURCES = [
  'org_life',
  'committee_meetings',
  'mobile_contact',
  'problems_on_time',
  'disclosures_on_time',
] as const;
export type AssessmentAutoSource = (typeof ASSESSMENT_AUTO_SOURCES)[number];
export const ASSESSMENT_AUTO_SOURCE_LABELS: Record<AssessmentAutoSource, string> = {
  org_life: '组织生活按要求召开（三会一课、主题党日等）',
  committee_meetings: '支委会按月召开',
  mobile_contact: '流动党员按期联系',
  problems_on_time: '问题按期整改销号',
  disclosures_on_time: '三务按期公开',
};

export interface AssessmentItem {
  code: string;
  category: string;
  text: string;
  maxPoints: number;
  deductionRule: string;
  autoSource?: AssessmentAutoSource | null;
}
export interface AssessmentVetoItem {
  code: string;
  text: string;
}
export interface AssessmentTemplateInput {
  items: AssessmentItem[];
  bonusCap: number;
  vetoItems: AssessmentVetoItem[];
}
export interface CreateAssessmentTemplateRequest extends Partial<AssessmentTemplateInput> {
  orgId: string;
  year: number;
}
export type UpdateAssessmentTemplateRequest = AssessmentTemplateInput;
export interface AssessmentTemplateView extends AssessmentTemplateInput {
  id: string;
  orgId: string;
  orgName: string;
  year: number;
  totalPoints: number;
  updatedAt: string;
}

/** The suggested default (OVERSIGHT.md §2): an illustration townships edit. */
export const DEFAULT_ASSESSMENT_TEMPLATE: AssessmentTemplateInput = {
  bonusCap: 5,
  items: [
    {
      code: 'duty',
      category: '责任落实',
      text: '履行第一责任人职责，落实责任清单，按时述职',
      maxPoints: 15,
      deductionRule: '责任清单事项未落实的每项扣1分',
      autoSource: null,
    },
    {
      code: 'committee',
      category: '班子建设',
      text: '支委会每月召开，班子团结',
      maxPoints: 10,
      deductionRule: '每少开1次支委会扣1分',
      autoSource: 'committee_meetings',
    },
    {
      code: 'org_life',
      category: '组织生活',
      text: '三会一课、主题党日、组织生活会、民主评议党员按要求开展',
      maxPoints: 25,
      deductionRule: '每少开1次扣1分',
      autoSource: 'org_life',
    },
    {
      code: 'members',
      category: '党员教育管理',
      text: '党员教育、流动党员按期联系、党费收缴、发展党员',
      maxPoints: 20,
      deductionRule: '流动党员未按期联系的每人扣1分',
      autoSource: 'mobile_contact',
    },
    {
      code: 'disclosure',
      category: '阵地与三务公开',
      text: '阵地规范，三务按期公开',
      maxPoints: 10,
      deductionRule: '每逾期公开1次扣1分',
      autoSource: 'disclosures_on_time',
    },
    {
      code: 'service',
      category: '服务群众',
      text: '为群众办实事、联户联系',
      maxPoints: 10,
      deductionRule: '承诺事项未办结的每件扣1分',
      autoSource: null,
    },
    {
      code: 'problems',
      category: '问题整改',
      text: '上年述职评议和督查指出的问题按期整改销号',
      maxPoints: 10,
      deductionRule: '每逾期1个问题扣1分',
      autoSource: 'problems_on_time',
    },
  ],
  vetoItems: [
    { code: 'discipline', text: '班子成员发生严重违纪违法案件' },
    { code: 'incident', text: '发生严重影响社会稳定的群体性事件' },
  ],
};

export const ASSESSMENT_STATUSES = ['draft', 'self_assessed', 'assessed', 'confirmed', 'published', 'appealed', 'final'] as const;
export type AssessmentStatus = (typeof ASSESSMENT_STATUSES)[number];
export const ASSESSMENT_STATUS_LABELS: Record<AssessmentStatus, string> = {
  draft: '待自评',
  self_assessed: '已自评',
  assessed: '已考评',
  confirmed: '党委会已确认',
  published: '已公布',
  appealed: '申诉中',
  final: '申诉已处理',
};
export const ASSESSMENT_MOVES = {
  'self-assess': ['draft'],
  assess: ['self_assessed', 'draft'],
  confirm: ['assessed'],
  publish: ['confirmed'],
  appeal: ['published'],
  'resolve-appeal': ['appealed'],
} as const satisfies Record<string, readonly AssessmentStatus[]>;

export interface AssessmentScoreInput {
  code: string;
  score: number;
  /** Required when the score is below the item's maximum (a deduction) or overrides the auto value. */
  reason?: string;
}
export interface CreateAssessmentRequest {
  templateId: string;
  subjectMemberId: string;
}
export interface SelfAssessRequest {
  scores: AssessmentScoreInput[];
}
export interface AssessRequest {
  scores: AssessmentScoreInput[];
  bonus?: number;
  bonusReason?: string;
  vetoCodes?: string[];
  vetoReason?: string;
}
export interface ConfirmAssessmentRequest {
  grade: ReviewGrade;
  decisionNote: string;
}
export interface AppealAssessmentRequest {
  reason: string;
}
export interface ResolveAppealRequest {
  reply: string;
  grade?: ReviewGrade;
}
export interface AssessmentItemView extends AssessmentItem {
  selfScore: number | null;
  score: number | null;
  reason: string | null;
  /** What the records say (pre-fill), with its basis. */
  auto: { score: number; basis: string } | null;
  overridden: boolean;
}
export interface SecretaryAssessmentView {
  id: string;
  templateId: string;
  orgId: string;
  orgName: string;
  subjectMemberId: string;
  subjectName: string;
  year: number;
  status: AssessmentStatus;
  items: AssessmentItemView[];
  bonus: number;
  bonusReason: string | null;
  vetoCodes: string[];
  vetoReason: string | null;
  selfTotal: number | null;
  total: number | null;
  /** What the total suggests (the committee decides the grade). */
  suggestedGrade: ReviewGrade | null;
  grade: ReviewGrade | null;
  decisionNote: string | null;
  appealReason: string | null;
  appealReply: string | null;
  updatedAt: string;
}
