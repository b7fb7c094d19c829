/**
 * 慰问困难党员 (OVERSIGHT.md §5): members in hardship (`Hardship`, committee-only) and the visits
 * made to them (`CareVisit`, one row per member visited). The yearly report's figure #29 counts
 * distinct members visited inside the 七一 and 春节 windows, which are settings (per township,
 * defaults below); the 春节 window is in lunar days, turned into calendar days by the table here.
 */
import { addDays } from './calendar.js';

/** Why a member is in hardship (国资委直属机关党委 暂行办法 2008's criteria, + other). */
export const HARDSHIP_REASONS = [
  'serious_illness',
  'family_illness',
  'accident_disaster',
  'bereavement',
  'elderly_low_income',
  'other',
] as const;
export type HardshipReason = (typeof HARDSHIP_REASONS)[number];
export const HARDSHIP_REASON_LABELS: Record<HardshipReason, string> = {
  serious_illness: '本人患重病、医疗费用负担重',
  family_illness: '配偶或子女患重病',
  accident_disaster: '遭受意外事故或自然灾害',
  bereavement: '直系亲属去世',
  elderly_low_income: '年老体弱、家庭收入低',
  other: '其他',
};

export const HARDSHIP_STATUSES = ['active', 'resolved'] as const;
export type HardshipStatus = (typeof HARDSHIP_STATUSES)[number];
export const HARDSHIP_STATUS_LABELS: Record<HardshipStatus, string> = { active: '困难', resolved: '已脱困' };

/** The moves of a hardship and the states each starts from (409 STATE_CONFLICT otherwise). */
export const HARDSHIP_MOVES = {
  review: ['active'],
  resolve: ['active'],
} as const satisfies Record<string, readonly HardshipStatus[]>;
export type HardshipMove = keyof typeof HARDSHIP_MOVES;

export const CARE_OCCASIONS = ['qiyi', 'spring_festival', 'other'] as const;
export type CareOccasion = (typeof CARE_OCCASIONS)[number];
export const CARE_OCCASION_LABELS: Record<CareOccasion, string> = { qiyi: '七一', spring_festival: '春节', other: '其他' };

export const CARE_FORMS = ['cash', 'goods', 'both'] as const;
export type CareForm = (typeof CARE_FORMS)[number];
export const CARE_FORM_LABELS: Record<CareForm, string> = { cash: '慰问金', goods: '慰问品', both: '慰问金和慰问品' };

export const CARE_FUND_SOURCES = ['party_dues', 'central_allocation', 'unit', 'other'] as const;
export type CareFundSource = (typeof CARE_FUND_SOURCES)[number];
export const CARE_FUND_SOURCE_LABELS: Record<CareFundSource, string> = {
  party_dues: '党费',
  central_allocation: '中组部下拨党费',
  unit: '单位经费',
  other: '其他',
};

export const CARE_LIMITS = { note: 500, visitors: 200, reviewNote: 500, memberIds: 100 } as const;

export interface HardshipView {
  id: string;
  memberId: string;
  memberName: string;
  memberStatus: string;
  orgId: string;
  orgName: string;
  reasons: HardshipReason[];
  /** The committee's own words: circumstances, income, illness … (committee only). */
  note: string | null;
  assessedOn: string;
  assessedByName: string;
  /** The next yearly review: one calendar year after the assessment or the last review. */
  reviewDue: string;
  lastReviewedOn: string | null;
  /** True when the review date has passed while still in hardship. */
  reviewOverdue: boolean;
  status: HardshipStatus;
  resolvedOn: string | null;
  allowedMoves: HardshipMove[];
}

export interface CreateHardshipRequest {
  memberId: string;
  reasons: HardshipReason[];
  note?: string;
  assessedOn: string;
}

/** The yearly review: still in hardship (next review a year on) or not (resolved). */
export interface ReviewHardshipRequest {
  on: string;
  stillInHardship: boolean;
  note?: string;
}

export interface ResolveHardshipRequest {
  on: string;
  note?: string;
}

export interface CareVisitView {
  id: string;
  orgId: string;
  orgName: string;
  memberId: string;
  memberName: string;
  memberOrgName: string;
  on: string;
  occasion: CareOccasion;
  visitors: string;
  form: CareForm;
  amountCents: number | null;
  fundSource: CareFundSource;
  note: string | null;
  /** The report window the date falls in (七一 / 春节 of that year), whatever the occasion says. */
  window: 'qiyi' | 'spring_festival' | null;
  /** Registered together (one form, several members). */
  batchId: string;
}

/** One visit to several members makes one row per member, each with the amount given to them. */
export interface CreateCareVisitRequest {
  orgId: string;
  memberIds: string[];
  on: string;
  occasion: CareOccasion;
  visitors: string;
  form: CareForm;
  /** Per member, in 分; required when cash is given. */
  amountCents?: number;
  fundSource: CareFundSource;
  note?: string;
}

/** A member's own visits (the mini-program): no hardship details. */
export interface MyCareVisit {
  id: string;
  on: string;
  occasion: CareOccasion;
  orgName: string;
  visitors: string;
  form: CareForm;
  amountCents: number | null;
}

/** The windows, per township: 七一 as MM-DD..MM-DD, 春节 as 腊月 day .. 正月 day. */
export interface CareWindowSettings {
  qiyiFrom: string;
  qiyiTo: string;
  /** 腊月 day (1..30) the 春节 window opens. */
  springFromLaYueDay: number;
  /** 正月 day (1..30) the 春节 window closes. */
  springToZhengYueDay: number;
}

export const DEFAULT_CARE_WINDOWS: CareWindowSettings = {
  qiyiFrom: '06-01',
  qiyiTo: '07-10',
  springFromLaYueDay: 15,
  springToZhengYueDay: 15,
};

export interface CareSettingsView extends CareWindowSettings {
  orgId: string;
  /** The org whose setting applies (this one, an ancestor), or null for the defaults. */
  fromOrgId: string | null;
  /** The year's windows as calendar days. */
  year: number;
  windows: CareWindows | null;
}

export interface CareWindows {
  qiyi: { from: string; to: string };
  /** null when the year is outside the lunar table. */
  springFestival: { from: string; to: string } | null;
}

/**
 * 腊月初一 and 正月初一 (春节) as calendar days, 2020–2035, keyed by the Gregorian year the 春节
 * falls in. Source: the lunar-month table widely used in Chinese calendar code (the "lunarInfo"
 * table of month lengths, derived from the 香港天文台 / 紫金山天文台 公历农历对照表), decoded and
 * checked against ICU's Chinese calendar (Node `Intl`, `zh-u-ca-chinese`): they agree on every
 * 腊月初一 and every 春节 except 2027 and 2030, where the new moon falls within minutes of
 * Beijing midnight and ICU is known to be a day off; the official dates are 2027-02-06 and
 * 2030-02-03 (国务院办公厅 holiday notices follow the same calendar).
 */
export const LUNAR_NEW_YEAR_TABLE: Readonly<Record<number, { laYueFirst: string; springFestival: string }>> = {
  2020: { laYueFirst: '2019-12-26', springFestival: '2020-01-25' },
  2021: { laYueFirst: '2021-01-13', springFestival: '2021-02-12' },
  2022: { laYueFirst: '2022-01-03', springFestival: '2022-02-01' },
  2023: { laYueFirst: '2022-12-23', springFestival: '2023-01-22' },
  2024: { laYueFirst: '2024-01-11', springFestival: '2024-02-10' },
  2025: { laYueFirst: '2024-12-31', springFestival: '2025-01-29' },
  2026: { laYueFirst: '2026-01-19', springFestival: '2026-02-17' },
  2027: { laYueFirst: '2027-01-08', springFestival: '2027-02-06' },
  2028: { laYueFirst: '2027-12-28', springFestival: '2028-01-26' },
  2029: { laYueFirst: '2029-01-15', springFestival: '2029-02-13' },
  2030: { laYueFirst: '2030-01-04', springFestival: '2030-02-03' },
  2031: { laYueFirst: '2030-12-25', springFestival: '2031-01-23' },
  2032: { laYueFirst: '2032-01-13', springFestival: '2032-02-11' },
  2033: { laYueFirst: '2033-01-01', springFestival: '2033-01-31' },
  2034: { laYueFirst: '2034-01-20', springFestival: '2034-02-19' },
  2035: { laYueFirst: '2035-01-09', springFestival: '2035-02-08' },
};

/** The year's windows as calendar days under these settings; 春节 null outside the table. */
export function careWindows(year: number, s: CareWindowSettings = DEFAULT_CARE_WINDOWS): CareWindows {
  const lunar = LUNAR_NEW_YEAR_TABLE[year];
  return {
    qiyi: { from: `${year}-${s.qiyiFrom}`, to: `${year}-${s.qiyiTo}` },
    springFestival: lunar
      ? { from: addDays(lunar.laYueFirst, s.springFromLaYueDay - 1), to: addDays(lunar.springFestival, s.springToZhengYueDay - 1) }
      : null,
  };
}

/** Which window a day falls in (of its own year), or null. */
export function careWindowOf(day: string, s: CareWindowSettings = DEFAULT_CARE_WINDOWS): 'qiyi' | 'spring_festival' | null {
  const w = careWindows(Number(day.slice(0, 4)), s);
  if (day >= w.qiyi.from && day <= w.qiyi.to) return 'qiyi';
  if (w.springFestival && day >= w.springFestival.from && day <= w.springFestival.to) return 'spring_festival';
  return null;
}

/** A valid 七一 window bound: 'MM-DD' of a real day (02-29 not allowed: every year must have it). */
export function isMonthDay(s: string): boolean {
  if (!/^\d\d-\d\d$/.test(s)) return false;
  const [m, d] = s.split('-').map(Number);
  return m >= 1 && m <= 12 && d >= 1 && d <= new Date(Date.UTC(2025, m, 0)).getUTCDate();
}
