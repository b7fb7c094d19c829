/** Points (积分制管理): rules, the ledger, balances, rankings and the notice that publishes them. */
import { LIMITS } from './limits.js';

/** Rule codes the contract requires, plus one per org-life meeting kind. */
export const POINTS_RULE_CODES = [
  'checkin',
  'study_online',
  'study_note',
  'absence',
  'contact_logged',
  'adjustment',
  'meeting_committee',
  'meeting_group',
  'meeting_fixed_day',
  'meeting_general',
  'meeting_lecture',
  'meeting_org_life',
  'meeting_appraisal',
] as const;
export type PointsRuleCode = (typeof POINTS_RULE_CODES)[number];

/** A rule as `GET /points/rules` lists it. Caps are in points (absolute value for negative rules). */
export interface PointsRuleView {
  code: PointsRuleCode | string;
  name: string;
  points: number;
  dailyCap: number | null;
  yearlyCap: number | null;
  enabled: boolean;
  updatedAt: string;
  /** The caller may change it (county-wide rules: a county admin only). */
  canEdit?: boolean;
}

/** `PUT /points/rules/:code`: applies to new awards only. */
export interface UpdatePointsRuleRequest {
  points: number;
  dailyCap?: number | null;
  yearlyCap?: number | null;
  enabled: boolean;
}

/** Where a ledger entry came from: what a person can follow to check it. */
export const POINTS_SOURCE_TYPES = ['activity', 'checkin', 'study_session', 'study_note', 'contact', 'adjustment', 'reversal'] as const;
export type PointsSourceType = (typeof POINTS_SOURCE_TYPES)[number];
export const POINTS_SOURCE_LABELS: Record<PointsSourceType, string> = {
  activity: '活动',
  checkin: '活动签到',
  study_session: '在线学习',
  study_note: '学习心得',
  contact: '联系流动党员',
  adjustment: '管理员调整',
  reversal: '冲正',
};

/** One ledger entry. Entries are never changed: a correction is a reversal entry. */
export interface PointsEntryView {
  id: string;
  memberId: string;
  delta: number;
  ruleCode: string;
  ruleName: string;
  reason: string;
  sourceType: PointsSourceType | string;
  sourceId: string | null;
  /** The entry this one reverses. */
  reversalOf: string | null;
  /** Set when a later entry reversed this one. */
  reversedBy: string | null;
  /** The day the points count for (YYYY-MM-DD, township time). */
  effectiveDate: string;
  createdAt: string;
}

/** `GET /points/me?period=`. */
export interface MyPointsResponse {
  balance: number;
  period: string;
  entries: PointsEntryView[];
  /** My rank within my branch, only where the branch shows personal rankings. */
  rank?: number | null;
  rankingVisible: boolean;
}

/** `GET /points/rankings?orgId=&period=&page=`. Ties share a rank (1, 2, 2, 4). */
export interface RankingItem {
  rank: number;
  memberId: string;
  name: string;
  orgName: string;
  points: number;
}
export interface RankingQuery {
  orgId?: string;
  period?: string;
  page?: number;
  pageSize?: number;
}

/** `POST /points/adjustments` (with an `Idempotency-Key` header). */
export interface AdjustmentRequest {
  memberId: string;
  delta: number;
  reason: string;
}
export interface AdjustmentResponse {
  entry: PointsEntryView;
  balance: number;
}

/** `POST /points/entries/:id/reverse`. */
export interface ReversalRequest {
  reason: string;
}

/** Per-branch display setting: members see personal rankings only where this is on. */
export interface PointsSettingsView {
  orgId: string;
  showMemberRanking: boolean;
}

/** Branch averages for a notice and the console's distribution chart. */
export interface BranchPointsStat {
  orgId: string;
  orgName: string;
  members: number;
  average: number;
  max: number;
  min: number;
}

/** 评比通报: a notice about the rankings of an org for a period. */
export interface PointsNoticeView {
  id: string;
  orgId: string;
  orgName: string;
  period: string;
  title: string;
  body: string;
  status: 'draft' | 'published';
  top: RankingItem[];
  bottom: RankingItem[];
  branches: BranchPointsStat[];
  createdAt: string;
  publishedAt: string | null;
}
export interface CreatePointsNoticeRequest {
  orgId: string;
  period: string;
  /** How many members to name at the top and the bottom (default 10). */
  size?: number;
}
export interface UpdatePointsNoticeRequest {
  title?: string;
  body?: string;
}

export const ADJUSTMENT_MAX_ABS = 1000;
export const NOTICE_TITLE_MAX = LIMITS.noticeTitle;
export const NOTICE_BODY_MAX = LIMITS.noticeBody;
