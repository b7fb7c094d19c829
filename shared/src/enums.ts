/**
 * Domain enums shared by server, mini-program and console. The English names follow
 * GLOSSARY.md; each has a Chinese label for screens and exported sheets.
 */

/** Kinds of node in the org tree: county → township → branch → group. */
export const ORG_KINDS = ['county', 'township', 'branch', 'group'] as const;
export type OrgKind = (typeof ORG_KINDS)[number];
export const ORG_KIND_LABELS: Record<OrgKind, string> = {
  county: '县委',
  township: '乡镇党委',
  branch: '党支部',
  group: '党小组',
};
/** The kind a child of each org kind must have (the tree is strictly layered). */
export const CHILD_ORG_KIND: Record<OrgKind, OrgKind | null> = {
  county: 'township',
  township: 'branch',
  branch: 'group',
  group: null,
};

/** Roles, each granted on an org and valid for that org's whole subtree. */
export const ROLES = [
  'admin',
  'branch_secretary',
  'branch_committee',
  'contact_cadre',
  'youth_league_secretary',
  'women_federation_chair',
] as const;
export type Role = (typeof ROLES)[number];
export const ROLE_LABELS: Record<Role, string> = {
  admin: '组织委员/党务管理员',
  branch_secretary: '支部书记',
  branch_committee: '支部委员',
  contact_cadre: '联系干部',
  youth_league_secretary: '团支部书记',
  women_federation_chair: '妇联主席',
};
/** The roles that make up an org's committee (支委会): who a 支委会 expects. */
export const COMMITTEE_ROLES: readonly Role[] = ['branch_secretary', 'branch_committee'];
/** Roles that may manage (read and write) the roster of the org they are granted on. */
export const MANAGING_ROLES: readonly Role[] = ['admin', 'branch_secretary', 'branch_committee'];

/** Member standing. Applicants and activists are on the roster too, before membership. */
export const MEMBER_STATUSES = ['full', 'probationary', 'applicant', 'activist', 'candidate'] as const;
/**
 * Ended membership: a 劝其退党 or 除名 that took effect (the disposal sets it, never a form). The
 * person stays on the roster for the record, but no activity expects or counts them.
 */
export const MEMBER_EXIT_STATUSES = ['disqualified'] as const;
export type MemberStatus = (typeof MEMBER_STATUSES)[number] | (typeof MEMBER_EXIT_STATUSES)[number];
export const MEMBER_STATUS_LABELS: Record<MemberStatus, string> = {
  full: '正式党员',
  probationary: '预备党员',
  applicant: '入党申请人',
  activist: '入党积极分子',
  candidate: '发展对象',
  disqualified: '已出党（劝退/除名）',
};
/** Full and probationary members are Party members; applicants, activists and 发展对象 are not yet. */
export function isPartyMember(status: MemberStatus | null | undefined): boolean {
  return status === 'full' || status === 'probationary';
}
/** What the roster says about someone leaving their org (the members table's columns). */
export interface MembershipFacts {
  status: MemberStatus | string;
  /** 组织关系转接: `in_transit` (介绍信 issued, not received), `transferred_out` (received by an org outside), or none. */
  transferState?: 'in_transit' | 'transferred_out' | string | null;
  /** The day the letter was issued (while in transit or once transferred out). */
  transferSince?: string | null;
}
/** Why someone on the roster is not in their org's count any more, or null: 已出党, 已转出, 在途. */
export type MemberExit = 'disqualified' | 'transferred_out' | 'in_transit';
export const MEMBER_EXIT_LABELS: Record<MemberExit, string> = { disqualified: '已出党', transferred_out: '已转出', in_transit: '在途' };
/**
 * The one rule for "has left the org's count" (counts, lists, ledgers, rounds): 劝退/除名 took
 * effect, received by an org outside the deployment, or in transit (from the day of issue: they
 * belong to no org's count while 在途). With `onDay`, as of that day: a letter issued after it
 * has not moved them yet. The SQL twin is `partyMemberSql` in the member module.
 */
export function memberExit(m: MembershipFacts, onDay?: string): MemberExit | null {
  if ((MEMBER_EXIT_STATUSES as readonly string[]).includes(m.status)) return 'disqualified';
  if (m.transferState === 'transferred_out' || m.transferState === 'in_transit') {
    if (onDay && m.transferSince && m.transferSince > onDay) return null;
    return m.transferState;
  }
  return null;
}
/** A Party member (full or probationary) still in their org's count (see `memberExit`). */
export function isCurrentPartyMember(m: MembershipFacts, onDay?: string): boolean {
  return isPartyMember(m.status as MemberStatus) && !memberExit(m, onDay);
}
/** Development stages before probationary membership (DevelopmentStage). */
export const DEVELOPMENT_STAGES = ['applicant', 'activist', 'candidate'] as const;
export type DevelopmentStage = (typeof DEVELOPMENT_STAGES)[number];

export const GENDERS = ['male', 'female'] as const;
export type Gender = (typeof GENDERS)[number];
export const GENDER_LABELS: Record<Gender, string> = { male: '男', female: '女' };

/** Activity kinds (三会一课, 主题党日, 组织生活会 …). */
export const ACTIVITY_KINDS = [
  'fixed_day',
  'general_meeting',
  'committee_meeting',
  'group_meeting',
  'party_lecture',
  'org_life_meeting',
  'democratic_appraisal',
  'study_session',
  'party_building_meeting',
  'theory_study_group',
  'observation',
  'review_meeting',
  'exchange_meeting',
] as const;
export type ActivityKind = (typeof ACTIVITY_KINDS)[number];
export const ACTIVITY_KIND_LABELS: Record<ActivityKind, string> = {
  fixed_day: '主题党日',
  general_meeting: '支部党员大会',
  committee_meeting: '支委会',
  group_meeting: '党小组会',
  party_lecture: '党课',
  org_life_meeting: '组织生活会',
  democratic_appraisal: '民主评议党员',
  study_session: '集中学习',
  party_building_meeting: '党建专题研究会议',
  theory_study_group: '党委中心组学习',
  observation: '观摩',
  review_meeting: '述职测评会',
  exchange_meeting: '专题交流汇报',
};

/** The four study modes ("四式"). */
export const STUDY_MODES = ['classroom', 'paired', 'fixed_point', 'online'] as const;
export type StudyMode = (typeof STUDY_MODES)[number];
export const STUDY_MODE_LABELS: Record<StudyMode, string> = {
  classroom: '课堂式',
  paired: '结对式',
  fixed_point: '定点式',
  online: '网络式',
};

export const CHECKIN_MODES = ['qr', 'geo'] as const;
export type CheckinMode = (typeof CHECKIN_MODES)[number];
export const CHECKIN_METHODS = ['qr', 'geo', 'roster', 'remote', 'online'] as const;
export type CheckinMethod = (typeof CHECKIN_METHODS)[number];
export const CHECKIN_METHOD_LABELS: Record<CheckinMethod, string> = {
  qr: '扫码签到',
  geo: '定位签到',
  roster: '代签',
  remote: '远程参加',
  online: '网络学习',
};

export const CONTACT_METHODS = ['phone', 'wechat', 'visit', 'video', 'self_report'] as const;
export type ContactMethod = (typeof CONTACT_METHODS)[number];
export const CONTACT_METHOD_LABELS: Record<ContactMethod, string> = {
  phone: '电话',
  wechat: '微信',
  visit: '走访',
  video: '视频',
  self_report: '本人报告',
};

export const MOBILITY_STATUSES = ['away', 'returned', 'lost_contact'] as const;
export type MobilityStatus = (typeof MOBILITY_STATUSES)[number];
export const MOBILITY_STATUS_LABELS: Record<MobilityStatus, string> = {
  away: '外出',
  returned: '已返乡',
  lost_contact: '失联',
};
