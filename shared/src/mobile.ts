/** Mobile members (流动党员): where they are, their one contact cadre, and each contact made. */
import type { ContactMethod, MobilityStatus } from './enums.js';

/** Contact methods a cadre logs (a member's own report is `self_report`, through its own route). */
export const CADRE_CONTACT_METHODS = ['phone', 'wechat', 'visit', 'video'] as const;
export type CadreContactMethod = (typeof CADRE_CONTACT_METHODS)[number];

export const DEFAULT_CONTACT_INTERVAL_DAYS = 90;
export const MAX_CONTACT_INTERVAL_DAYS = 365;
/** Without any contact for this long, a mobile member counts as lost (失联). */
export const DEFAULT_LOST_CONTACT_DAYS = 180;

/** How a mobile member says they are doing in a self-report. */
export const MOBILITY_REPORT_STATUSES = ['working', 'job_seeking', 'studying', 'ill', 'returning', 'other'] as const;
export type MobilityReportStatus = (typeof MOBILITY_REPORT_STATUSES)[number];
export const MOBILITY_REPORT_STATUS_LABELS: Record<MobilityReportStatus, string> = {
  working: '正常务工',
  job_seeking: '正在找工作',
  studying: '在外学习',
  ill: '身体不适',
  returning: '准备返乡',
  other: '其他',
};

export interface ContactCadreView {
  id: string;
  name: string;
  /** Full to the cadre's own assignees (so they can call), masked to everyone else. */
  phone: string | null;
}

/** One row of `GET /mobile-members`. */
export interface MobileMemberView {
  member: { id: string; name: string; orgId: string; orgName: string; branchName: string | null; phone: string | null };
  destination: string;
  employer: string | null;
  leftAt: string | null;
  expectedReturnAt: string | null;
  /** `lost_contact` once nobody has reached them for the township's lost-contact time. */
  status: MobilityStatus;
  contactCadre: ContactCadreView | null;
  intervalDays: number;
  lastContactAt: string | null;
  lastSelfReportAt: string | null;
  /** The member's latest own report (报告近况): when, and what they said. */
  lastSelfReport: { at: string; summary: string } | null;
  /** Days past the required interval (0 when not due). */
  overdueDays: number;
  /** The date the next contact is due (YYYY-MM-DD). */
  nextDueDate: string;
  /** Past twice the interval: the township admin sees it too. */
  escalated: boolean;
}

export interface MobileMemberListQuery {
  orgId?: string;
  overdue?: boolean;
  escalated?: boolean;
  status?: MobilityStatus;
  cadreId?: string;
  page?: number;
  pageSize?: number;
}

/** `PUT /mobile-members/:memberId`: flow out, update, reassign, or return. */
export interface UpsertMobilityRequest {
  destination: string;
  employer?: string;
  leftAt: string;
  expectedReturnAt?: string;
  contactCadreId: string;
  intervalDays: number;
  status?: MobilityStatus;
}

/** `POST /mobile-members/:memberId/contacts`. */
export interface ContactLogRequest {
  method: CadreContactMethod;
  contactedAt: string;
  summary: string;
  needs?: string;
  followUpRequired?: boolean;
}

export interface ContactLogView {
  id: string;
  memberId: string;
  cadreId: string | null;
  cadreName: string | null;
  method: ContactMethod;
  contactedAt: string;
  summary: string;
  needs: string | null;
  followUpRequired: boolean;
  createdAt: string;
}
export interface ContactLogResponse {
  contact: ContactLogView;
  pointsAwarded: number;
}

/** `POST /me/mobility-report`. */
export interface MobilityReportRequest {
  location: string;
  status: MobilityReportStatus;
  note?: string;
}

/** `GET /me/mobility`: the mobile member's own record and who looks after them. */
export interface MyMobilityResponse {
  isMobile: boolean;
  record: MobileMemberView | null;
  recentContacts: ContactLogView[];
}

/** Per-cadre figures for the console. */
export interface CadreFigures {
  cadre: { id: string; name: string; orgName: string };
  assignees: number;
  contactsThisQuarter: number;
  overdue: number;
}

/** A township's own rules for mobile members (`GET/PUT /mobile-members/settings/:orgId`). */
export interface MobilitySettingsView {
  orgId: string;
  /** The interval proposed for new mobile members of the township. */
  defaultIntervalDays: number;
  /** Days without contact before 失联. */
  lostContactDays: number;
  /** Whether a member's own report counts as a contact for the cadre's duty. */
  selfReportResets: boolean;
}
export type UpdateMobilitySettingsRequest = Partial<Omit<MobilitySettingsView, 'orgId'>>;
