/**
 * 民主评议党员 and 组织处置 (OVERSIGHT.md §4). An `AppraisalRound` per branch and year, held on a
 * meeting (activity kind `democratic_appraisal`): 自评 → 互评 → 测评 (one-time QR ballot tokens, or
 * paper tallies entered by a clerk) → the committee's grades → feedback to each member → reported. A grade of 不合格 needs a
 * ground and opens a draft `Disposal` (限期改正 / 劝其退党 / 除名, 2024 办法). The system records
 * what meetings and committees decide; it never grades or disposes on its own.
 */

export const APPRAISAL_ROUND_STATUSES = ['preparing', 'self_review', 'peer_review', 'voting', 'rating', 'feedback', 'reported'] as const;
export type AppraisalRoundStatus = (typeof APPRAISAL_ROUND_STATUSES)[number];
export const APPRAISAL_ROUND_STATUS_LABELS: Record<AppraisalRoundStatus, string> = {
  preparing: '准备',
  self_review: '个人自评',
  peer_review: '党员互评',
  voting: '民主测评',
  rating: '组织评定',
  feedback: '反馈结果',
  reported: '已报上级',
};

/** The round's moves and the states each starts from (409 STATE_CONFLICT otherwise). */
export const APPRAISAL_MOVES = {
  'open-self-review': ['preparing'],
  'open-peer-review': ['self_review'],
  'open-vote': ['peer_review'],
  'open-rating': ['voting'],
  decide: ['rating'],
  report: ['feedback'],
} as const satisfies Record<string, readonly AppraisalRoundStatus[]>;
export type AppraisalMove = keyof typeof APPRAISAL_MOVES;
/** The state each move leads to. */
export const APPRAISAL_MOVE_TO: Record<AppraisalMove, AppraisalRoundStatus> = {
  'open-self-review': 'self_review',
  'open-peer-review': 'peer_review',
  'open-vote': 'voting',
  'open-rating': 'rating',
  decide: 'feedback',
  report: 'reported',
};

export const APPRAISAL_GRADES = ['excellent', 'qualified', 'basically_qualified', 'unqualified'] as const;
export type AppraisalGrade = (typeof APPRAISAL_GRADES)[number];
export const APPRAISAL_GRADE_LABELS: Record<AppraisalGrade, string> = {
  excellent: '优秀',
  qualified: '合格',
  basically_qualified: '基本合格',
  unqualified: '不合格',
};

export const APPRAISAL_EXCLUSION_REASONS = ['ill', 'abroad', 'lost_contact', 'other'] as const;
export type AppraisalExclusionReason = (typeof APPRAISAL_EXCLUSION_REASONS)[number];
export const APPRAISAL_EXCLUSION_REASON_LABELS: Record<AppraisalExclusionReason, string> = {
  ill: '因病',
  abroad: '出国（境）',
  lost_contact: '失去联系',
  other: '其他',
};

/** Grounds for 不合格 / 组织处置 (2024 办法 and local lists). */
export const DISPOSAL_GROUNDS = [
  'weak_belief',
  'religion',
  'passive',
  'no_org_life',
  'dues_unpaid',
  'lost_contact',
  'no_change_after_rectify',
  'asks_to_leave',
  'six_months_absent',
  'lost_conditions',
  'other',
] as const;
export type DisposalGround = (typeof DISPOSAL_GROUNDS)[number];
export const DISPOSAL_GROUND_LABELS: Record<DisposalGround, string> = {
  weak_belief: '理想信念缺失',
  religion: '信仰宗教',
  passive: '工作消极、不发挥作用',
  no_org_life: '不按规定参加组织生活',
  dues_unpaid: '不按时足额交纳党费',
  lost_contact: '与党组织失去联系',
  no_change_after_rectify: '限期改正期满仍无转变',
  asks_to_leave: '经教育仍要求退党',
  six_months_absent: '连续6个月不参加组织生活、不交纳党费或不做党所分配的工作',
  lost_conditions: '已经丧失党员条件',
  other: '其他',
};

/** `¶ excellent ≤ ⌊members in scope ÷ 3⌋`. */
export const excellentQuota = (membersInScope: number): number => Math.floor(membersInScope / 3);

/** One member of a round: in scope (graded) or excluded with a reason. */
export interface AppraisalView {
  id: string;
  memberId: string;
  memberName: string;
  memberStatus: string;
  excludedReason: AppraisalExclusionReason | null;
  excludedNote: string | null;
  selfReview: string | null;
  tally: AppraisalTally | null;
  grade: AppraisalGrade | null;
  grounds: DisposalGround[];
  basisNote: string | null;
  decidedAt: string | null;
  feedbackAt: string | null;
  /** The draft disposal an 不合格 grade opened. */
  disposalId: string | null;
}

export interface AppraisalTally {
  excellent: number;
  qualified: number;
  basicallyQualified: number;
  unqualified: number;
}

export interface AppraisalRoundView {
  id: string;
  orgId: string;
  orgName: string;
  year: number;
  meetingActivityId: string;
  meetingTitle: string;
  status: AppraisalRoundStatus;
  membersInScope: number;
  excellentQuota: number;
  allowedMoves: AppraisalMove[];
  /** The committee's view: every member; a member's own view: only theirs. */
  appraisals: AppraisalView[];
  reportedAt: string | null;
  /** The anonymous phone vote (民主测评): tokens issued and used, and when it was closed (managers only; zeros for a member). */
  vote: { tokensIssued: number; tokensUsed: number; closedAt: string | null };
}

export interface CreateAppraisalRoundRequest {
  orgId: string;
  year: number;
  meetingActivityId: string;
  exclusions?: { memberId: string; reason: AppraisalExclusionReason; note?: string }[];
}

export interface AppraisalSelfReviewRequest {
  memberId: string;
  text: string;
}

export interface AppraisalTallyRequest {
  tallies: ({ memberId: string } & AppraisalTally)[];
}

export interface AppraisalGradesRequest {
  grades: { memberId: string; grade: AppraisalGrade; grounds?: DisposalGround[]; basisNote?: string }[];
}

/** The answer to a grades entry: the round, and warnings the committee should read (a probationary member graded 优秀 …). */
export interface AppraisalGradesResult {
  round: AppraisalRoundView;
  warnings: string[];
}

/** A member's own result (the mini-program): grade and feedback, nobody else's. */
export interface MyAppraisal {
  roundId: string;
  year: number;
  orgName: string;
  status: AppraisalRoundStatus;
  excludedReason: AppraisalExclusionReason | null;
  grade: AppraisalGrade | null;
  feedbackAt: string | null;
}

// ── 组织处置 ──────────────────────────────────────────────────────────────────────────────────

export const DISPOSAL_KINDS = ['rectify', 'persuade', 'remove'] as const;
export type DisposalKind = (typeof DISPOSAL_KINDS)[number];
export const DISPOSAL_KIND_LABELS: Record<DisposalKind, string> = { rectify: '限期改正', persuade: '劝其退党', remove: '除名' };

export const DISPOSAL_STATUSES = [
  'draft',
  'proposed',
  'filed',
  'investigated',
  'talked',
  'pretried',
  'voted',
  'approved',
  'effective',
  'closed',
  'escalated',
  'rejected',
  'withdrawn',
] as const;
export type DisposalStatus = (typeof DISPOSAL_STATUSES)[number];
export const DISPOSAL_STATUS_LABELS: Record<DisposalStatus, string> = {
  draft: '草稿',
  proposed: '支委会提出',
  filed: '已向党委备案',
  investigated: '已调查核实',
  talked: '已组织谈话',
  pretried: '已上级预审',
  voted: '支部大会已表决',
  approved: '党委已批准',
  effective: '已宣布生效',
  closed: '已结束',
  escalated: '期满无转变（转劝退）',
  rejected: '表决未通过',
  withdrawn: '已撤销',
};

/** The disposal's moves and the states each starts from. */
export const DISPOSAL_MOVES = {
  propose: ['draft'],
  file: ['proposed'],
  investigate: ['filed'],
  talk: ['investigated'],
  pretrial: ['talked'],
  vote: ['pretried'],
  approve: ['voted'],
  effect: ['approved'],
  'expiry-review': ['effective'],
  withdraw: ['draft', 'proposed', 'filed', 'investigated', 'talked', 'pretried'],
} as const satisfies Record<string, readonly DisposalStatus[]>;
export type DisposalMove = keyof typeof DISPOSAL_MOVES;

/** States where the disposal was approved (figure #21 counts approvals in the year). */
export const DISPOSAL_APPROVED_STATUSES: readonly DisposalStatus[] = ['approved', 'effective', 'closed', 'escalated'];

export interface DisposalVote {
  shouldAttend: number;
  present: number;
  agree: number;
  against: number;
  abstain: number;
}

export interface DisposalView {
  id: string;
  memberId: string;
  memberName: string;
  memberStatus: string;
  orgId: string;
  orgName: string;
  kind: DisposalKind;
  grounds: DisposalGround[];
  status: DisposalStatus;
  appraisalRoundId: string | null;
  proposedOn: string | null;
  filedOn: string | null;
  investigationFindings: string | null;
  talkOn: string | null;
  talkRecord: string | null;
  pretrialOn: string | null;
  pretrialResult: string | null;
  voteOn: string | null;
  vote: DisposalVote | null;
  defenceNote: string | null;
  approvedOn: string | null;
  effectiveOn: string | null;
  rectifyUntil: string | null;
  expiryReviewOn: string | null;
  expiryReviewResult: 'changed' | 'unchanged' | null;
  rejoinBarUntil: string | null;
  note: string | null;
  allowedMoves: DisposalMove[];
}

export interface CreateDisposalRequest {
  memberId: string;
  kind: DisposalKind;
  grounds: DisposalGround[];
  note?: string;
}

/** A step done on a day, with its record (the findings, the talk, the pre-trial's result …). */
export interface DisposalStepRequest {
  on: string;
  text?: string;
}

export interface DisposalProposeRequest extends DisposalStepRequest {
  /** Only for 限期改正: the months given (1–12, default 6). */
  rectifyMonths?: number;
}

export interface DisposalVoteRequest extends DisposalVote {
  on: string;
  defenceNote?: string;
}

export interface DisposalExpiryReviewRequest {
  on: string;
  result: 'changed' | 'unchanged';
  text?: string;
}

export const APPRAISAL_LIMITS = { selfReview: 2000, note: 500, text: 2000, members: 500 } as const;

// ── 民主测评 by phone: one-time ballot tokens (the 述职评议 scheme, core/ballot.ts) ─────────────

/** `POST /appraisal-rounds/:id/ballot-tokens { count }` → the tokens in clear, shown once (QR slips). */
export interface IssueAppraisalTokensRequest {
  count: number;
}
export interface IssueAppraisalTokensResponse {
  roundId: string;
  tokens: string[];
}

/** `GET /appraisal-ballots/form?token=` (no sign-in): what a slip opens — the members to grade. */
export interface AppraisalBallotFormView {
  roundId: string;
  title: string;
  orgName: string;
  year: number;
  /** The round's state, or `vote_closed` once the phone vote was closed. */
  status: AppraisalRoundStatus | 'vote_closed';
  open: boolean;
  used: boolean;
  grades: { code: AppraisalGrade; label: string }[];
  members: { memberId: string; name: string }[];
}

/** `POST /appraisal-ballots` (no sign-in): one ballot per token; a member left out is not graded on it. */
export interface CastAppraisalBallotRequest {
  token: string;
  grades: { memberId: string; grade: AppraisalGrade }[];
}

/** `GET /appraisal-rounds/:id/vote-results`: only once the vote is closed (409 before). */
export interface AppraisalVoteResults {
  roundId: string;
  closedAt: string | null;
  membersInScope: number;
  phoneBallots: number;
  /** The paper ballots, as the largest total entered for one member (each paper grades every member). */
  paperBallots: number;
  validBallots: number;
  /** Fewer valid ballots than ⅔ of the members in scope: the tallies are for reference only. */
  warning: string | null;
  rows: {
    memberId: string;
    memberName: string;
    phone: AppraisalTally;
    paper: AppraisalTally | null;
    total: AppraisalTally;
    /**
     * 弃权: a ballot that leaves a member ungraded is still valid and counts as an abstention for
     * that member — phone ballots not grading them, paper ballots not graded in their tally (null
     * without a paper tally for them), and in all: valid ballots minus the grades they received.
     */
    abstain: { phone: number; paper: number | null; total: number };
  }[];
}

/** The low-turnout line: valid ballots below this share of the members in scope draw a warning. */
export const APPRAISAL_MIN_TURNOUT = { numerator: 2, denominator: 3 } as const;

// ── 预警 (建议关注): computed from the records, never a score, never an action ───────────────

export const MEMBER_WARNING_KINDS = ['no_org_life_3', 'no_org_life_6', 'dues_unpaid_3', 'dues_unpaid_6', 'lost_contact'] as const;
export type MemberWarningKind = (typeof MEMBER_WARNING_KINDS)[number];
export const MEMBER_WARNING_LABELS: Record<MemberWarningKind, string> = {
  no_org_life_3: '连续3个月未参加组织生活',
  no_org_life_6: '连续6个月未参加组织生活',
  dues_unpaid_3: '连续3个月未交党费',
  dues_unpaid_6: '连续6个月未交党费',
  lost_contact: '流动党员失联',
};

/** One reason on a warning row, with the records' months (YYYY-MM) and a readable line. */
export interface MemberWarningReason {
  kind: MemberWarningKind;
  months: string[];
  text: string;
}

/** `GET /member-warnings?orgId=`: members of the subtree the records suggest attention for (建议关注). */
export interface MemberWarningRow {
  memberId: string;
  memberName: string;
  memberStatus: string;
  orgId: string;
  orgName: string;
  reasons: MemberWarningReason[];
}
export interface MemberWarningsView {
  orgId: string;
  /** The calendar months looked at, oldest first (the 6 before the current month). */
  months: string[];
  note: string;
  rows: MemberWarningRow[];
}
