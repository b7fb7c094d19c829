import type { Role } from './enums.js';

/**
 * The small records the yearly 述职报告 counts (REPORT-FIGURES.md #3–5, #12–15, #18–19):
 * 调研走访 (visits and the households visited), 谈心谈话 (one row per person talked with),
 * 党建阵地 and what was invested in them, 支部晋位升级 ratings, 选树表彰, and the village posts
 * (支部书记、团支部书记、妇联主席) granted and ended with a reason. The rules live in the server's
 * records module (and the auth module for the posts).
 */

/** What a visit was for. */
export const VISIT_PURPOSES = ['research', 'care', 'household'] as const;
export type VisitPurpose = (typeof VISIT_PURPOSES)[number];
export const VISIT_PURPOSE_LABELS: Record<VisitPurpose, string> = {
  research: '调研',
  care: '走访慰问',
  household: '走访党员群众',
};

/** A branch's yearly rating (晋位升级), as decided by the township committee. */
export const BRANCH_RATINGS = ['advanced', 'average', 'lagging'] as const;
export type BranchRating = (typeof BRANCH_RATINGS)[number];
export const BRANCH_RATING_LABELS: Record<BranchRating, string> = {
  advanced: '先进',
  average: '一般',
  lagging: '后进',
};

/** What was commended: an org (基层党组织) or a member (优秀共产党员 …). */
export const COMMENDATION_SUBJECTS = ['org', 'member'] as const;
export type CommendationSubject = (typeof COMMENDATION_SUBJECTS)[number];
export const COMMENDATION_SUBJECT_LABELS: Record<CommendationSubject, string> = {
  org: '基层党组织',
  member: '党员',
};

/** Why a post (role grant) was ended; #19 counts branch secretaries ended as `replaced`. */
export const GRANT_END_REASONS = ['replaced', 'resigned', 'other'] as const;
export type GrantEndReason = (typeof GRANT_END_REASONS)[number];
export const GRANT_END_REASON_LABELS: Record<GrantEndReason, string> = {
  replaced: '调整',
  resigned: '辞职',
  other: '其他',
};

/** The village posts the console grants and ends (`/role-grants`). */
export const POST_ROLES = [
  'branch_secretary',
  'branch_committee',
  'youth_league_secretary',
  'women_federation_chair',
] as const satisfies readonly Role[];
export type PostRole = (typeof POST_ROLES)[number];
/** Posts an org has at most one live holder of (granting a second is 409 until the first is ended). */
export const SINGLE_HOLDER_ROLES: readonly PostRole[] = ['branch_secretary', 'youth_league_secretary', 'women_federation_chair'];

/** Length limits of the records' texts (the forms use them as maxLength). */
export const RECORD_LIMITS = {
  personName: 50,
  topic: 200,
  place: 100,
  household: 50,
  siteName: 100,
  address: 200,
  note: 500,
  investmentPurpose: 200,
  commendationTitle: 100,
  endNote: 200,
  /** People talked with in one `POST /talks`, households in one visit. */
  talkPeople: 50,
  households: 100,
} as const;

/** The households of one visit are counted by this key: the text as typed, without any whitespace. */
export function householdKey(text: string): string {
  return text.replace(/\s+/g, '').slice(0, RECORD_LIMITS.household);
}

// ── 调研走访 ─────────────────────────────────────────────────────────────────────────────────

export interface VisitHouseholdInput {
  /** As typed, e.g. `张家湾组 张*明户`. */
  household: string;
  /** When it is a Party member's household. */
  memberId?: string;
  /** 贫困户. */
  poor?: boolean;
}
export interface VisitHouseholdView {
  id: string;
  household: string;
  householdKey: string;
  memberId: string | null;
  memberName: string | null;
  poor: boolean;
}
/** `POST /visits`: the visitor is a member (`visitorMemberId`) or a name typed (`visitorName`). */
export interface CreateVisitRequest {
  orgId: string;
  visitorMemberId?: string;
  visitorName?: string;
  on: string;
  purpose: VisitPurpose;
  topic: string;
  place?: string;
  households?: VisitHouseholdInput[];
}
export interface VisitView {
  id: string;
  orgId: string;
  orgName: string;
  visitorMemberId: string | null;
  visitorName: string;
  on: string;
  purpose: VisitPurpose;
  topic: string;
  place: string | null;
  households: VisitHouseholdView[];
  createdAt: string;
}

// ── 谈心谈话 ─────────────────────────────────────────────────────────────────────────────────

export interface TalkPersonInput {
  memberId?: string;
  /** When the person is not on the roster (or to type the name only). */
  name?: string;
}
/** `POST /talks`: one talk with several people gives one row per person (person-times). */
export interface CreateTalkRequest {
  orgId: string;
  talkerMemberId?: string;
  talkerName?: string;
  on: string;
  topic: string;
  with: TalkPersonInput[];
}
export interface TalkView {
  id: string;
  orgId: string;
  orgName: string;
  talkerMemberId: string | null;
  talkerName: string;
  withMemberId: string | null;
  withName: string;
  on: string;
  topic: string;
  createdAt: string;
}

// ── 党建阵地 ─────────────────────────────────────────────────────────────────────────────────

export interface CreateSiteRequest {
  /** The branch whose site it is. */
  orgId: string;
  name: string;
  address?: string;
  areaM2?: number;
  /** The date it was brought to standard (标准化建设). */
  standardizedOn?: string;
  note?: string;
}
/** `PATCH /sites/:id`: `null` clears an optional field. */
export interface UpdateSiteRequest {
  name?: string;
  address?: string | null;
  areaM2?: number | null;
  standardizedOn?: string | null;
  note?: string | null;
}
export interface CreateSiteInvestmentRequest {
  on: string;
  /** In 分, a positive integer. */
  amountCents: number;
  purpose: string;
  /** A finance disclosure this money was published in (when the disclosures exist). */
  disclosureId?: string;
}
export interface SiteInvestmentView {
  id: string;
  siteId: string;
  on: string;
  amountCents: number;
  purpose: string;
  disclosureId: string | null;
  createdAt: string;
}
export interface SiteView {
  id: string;
  orgId: string;
  orgName: string;
  name: string;
  address: string | null;
  areaM2: number | null;
  standardizedOn: string | null;
  note: string | null;
  /** The investments (of the year asked for, when a year was given), newest first. */
  investments: SiteInvestmentView[];
  /** Their sum, in 分. */
  investedCents: number;
  createdAt: string;
  updatedAt: string;
}

// ── 支部评定 (晋位升级) ──────────────────────────────────────────────────────────────────────

/** `PUT /branch-ratings`: sets (or replaces) a branch's rating for a year. */
export interface SetBranchRatingRequest {
  orgId: string;
  year: number;
  rating: BranchRating;
  decidedOn: string;
  note?: string;
}
export interface BranchRatingView {
  id: string;
  orgId: string;
  orgName: string;
  year: number;
  rating: BranchRating;
  decidedOn: string;
  note: string | null;
}
/** `GET /branch-ratings?orgId=&year=`: every branch in the org's subtree, rated or not. */
export interface BranchRatingRow {
  orgId: string;
  orgName: string;
  year: number;
  rating: BranchRating | null;
  decidedOn: string | null;
  note: string | null;
  id: string | null;
  /** The rating of the year before (to see who moved up). */
  previousRating: BranchRating | null;
}

// ── 选树表彰 ─────────────────────────────────────────────────────────────────────────────────

export interface CreateCommendationRequest {
  year: number;
  on: string;
  /** e.g. 优秀共产党员, 先进基层党组织. */
  title: string;
  /** The org that commended. */
  issuerOrgId: string;
  subjectKind: CommendationSubject;
  /** The commended org (subjectKind `org`). */
  orgId?: string;
  /** The commended member (subjectKind `member`); their org is recorded with it. */
  memberId?: string;
  note?: string;
}
export interface CommendationView {
  id: string;
  year: number;
  on: string;
  title: string;
  issuerOrgId: string;
  issuerOrgName: string;
  subjectKind: CommendationSubject;
  orgId: string;
  orgName: string;
  memberId: string | null;
  memberName: string | null;
  note: string | null;
  createdAt: string;
}

// ── 村级岗位 (role grants) ───────────────────────────────────────────────────────────────────

export interface CreateRoleGrantRequest {
  orgId: string;
  memberId: string;
  role: PostRole;
}
export interface EndRoleGrantRequest {
  reason: GrantEndReason;
  note?: string;
}
export interface PostGrantView {
  id: string;
  orgId: string;
  orgName: string;
  role: Role;
  memberId: string | null;
  memberName: string | null;
  grantedAt: string;
  endedAt: string | null;
  endReason: GrantEndReason | null;
  endNote: string | null;
}

// ── Excel import (visits, talks, sites, commendations) ───────────────────────────────────────

/** The record kinds with an Excel import: `POST /<kind>/import`, template `GET /<kind>/import-template.xlsx`. */
export const RECORD_IMPORT_KINDS = ['visits', 'talks', 'sites', 'commendations'] as const;
export type RecordImportKind = (typeof RECORD_IMPORT_KINDS)[number];

/** The answer of a records import: all rows written, or (any row bad) none and every row's errors. */
export interface RecordImportResult {
  created: number;
  errors: { row: number; message: string }[];
}

/** The columns of each import sheet (header → key); `*` marks a required column in the template. */
export const RECORD_IMPORT_COLUMNS = {
  visits: [
    { key: 'on', header: '日期', required: true },
    { key: 'org', header: '所属组织', required: false },
    { key: 'visitor', header: '走访人', required: true },
    { key: 'purpose', header: '类型', required: true },
    { key: 'topic', header: '主题', required: true },
    { key: 'place', header: '地点', required: false },
    { key: 'households', header: '走访户', required: false },
  ],
  talks: [
    { key: 'on', header: '日期', required: true },
    { key: 'org', header: '所属组织', required: false },
    { key: 'talker', header: '谈话人', required: true },
    { key: 'with', header: '谈话对象', required: true },
    { key: 'topic', header: '谈话内容', required: true },
  ],
  sites: [
    { key: 'org', header: '所属支部', required: true },
    { key: 'name', header: '阵地名称', required: true },
    { key: 'address', header: '地址', required: false },
    { key: 'areaM2', header: '面积（平方米）', required: false },
    { key: 'standardizedOn', header: '标准化建成日期', required: false },
    { key: 'note', header: '备注', required: false },
  ],
  commendations: [
    { key: 'on', header: '表彰日期', required: true },
    { key: 'year', header: '年度', required: false },
    { key: 'title', header: '表彰名称', required: true },
    { key: 'subjectKind', header: '表彰对象类型', required: true },
    { key: 'org', header: '组织名称', required: false },
    { key: 'member', header: '党员姓名', required: false },
    { key: 'note', header: '备注', required: false },
  ],
} as const satisfies Record<RecordImportKind, readonly { key: string; header: string; required: boolean }[]>;
