/**
 * 党费 (OVERSIGHT.md §5, 《关于中国共产党党费收缴、使用和管理的规定》 2008): record and reconcile —
 * no money moves through us. A `DuesBase` per member and year (category, base, the rate from the
 * 2008 table, the monthly amount, or an override with a reason) and `DuesPayment`s each covering
 * months ('YYYY-MM'), no month paid twice. Dues never affect points or any ranking.
 */

export const DUES_CATEGORIES = ['employed', 'annual_salary', 'self_employed', 'retired', 'farmer', 'student', 'reduced'] as const;
export type DuesCategory = (typeof DUES_CATEGORIES)[number];
export const DUES_CATEGORY_LABELS: Record<DuesCategory, string> = {
  employed: '在职（按月工资）',
  annual_salary: '年薪制',
  self_employed: '个体及灵活就业',
  retired: '离退休',
  farmer: '农民',
  student: '学生',
  reduced: '下岗失业、享受低保或抚恤救济',
};

export const DUES_METHODS = ['cash', 'bank', 'wechat', 'alipay', 'proxy'] as const;
export type DuesMethod = (typeof DUES_METHODS)[number];
export const DUES_METHOD_LABELS: Record<DuesMethod, string> = {
  cash: '现金',
  bank: '银行转账',
  wechat: '微信',
  alipay: '支付宝',
  proxy: '委托代交',
};

/** A farmer's monthly dues lie in 0.2–1.0 元; students and the like pay exactly 0.2 元. */
export const FARMER_MIN_CENTS = 20;
export const FARMER_MAX_CENTS = 100;
export const FLAT_CENTS = 20;
/** Back pay (补交) covering more than this many past months needs a note. */
export const BACK_PAY_MONTHS = 6;

export const DUES_LIMITS = { reason: 200, note: 500, txn: 64, receipt: 32, name: 50, months: 24 } as const;

/**
 * The 2008 rate in basis points (1 % = 100) for a monthly base in 分, upper bounds inclusive
 * (3000.00 元 → 0.5 %): salaried, annual-salary and self-employed ≤ 3000: 0.5 %, ≤ 5000: 1 %,
 * ≤ 10000: 1.5 %, above: 2 %; retirees ≤ 5000: 0.5 %, above: 1 %. Null for categories without a base.
 */
export function duesRateBp(category: DuesCategory, baseCents: number): number | null {
  if (category === 'retired') return baseCents <= 500_000 ? 50 : 100;
  if (category === 'employed' || category === 'annual_salary' || category === 'self_employed')
    return baseCents <= 300_000 ? 50 : baseCents <= 500_000 ? 100 : baseCents <= 1_000_000 ? 150 : 200;
  return null;
}

/** The monthly dues in 分 from a base and a rate, rounded to the 分. */
export const duesMonthlyCents = (baseCents: number, rateBp: number): number => Math.round((baseCents * rateBp) / 10_000);

/** 'YYYY-MM' + n months. */
export function addMonthsToMonth(month: string, n: number): string {
  const [y, m] = month.split('-').map(Number);
  const d = new Date(Date.UTC(y, m - 1 + n, 1));
  return d.toISOString().slice(0, 7);
}

export interface DuesBaseView {
  id: string;
  memberId: string;
  memberName: string;
  orgName: string;
  year: number;
  category: DuesCategory;
  baseCents: number | null;
  rateBp: number | null;
  monthlyCents: number;
  overrideReason: string | null;
  setAt: string;
}

export interface SetDuesBaseRequest {
  memberId: string;
  year: number;
  category: DuesCategory;
  /** The monthly base in 分 (salaried, annual salary, self-employed, retired). */
  baseCents?: number;
  /** The amount the branch fixed (farmers: 20–100 分), or an override (with `overrideReason`). */
  monthlyCents?: number;
  overrideReason?: string;
}

export interface DuesPaymentView {
  id: string;
  memberId: string;
  memberName: string;
  months: string[];
  amountCents: number;
  method: DuesMethod;
  proxyName: string | null;
  paidOn: string;
  externalTxnId: string | null;
  receiptNo: string | null;
  note: string | null;
}

export interface CreateDuesPaymentRequest {
  memberId: string;
  months: string[];
  amountCents: number;
  method: DuesMethod;
  proxyName?: string;
  paidOn: string;
  externalTxnId?: string;
  receiptNo?: string;
  /** Needed when the amount differs from months × monthly, or back pay covers more than 6 months. */
  note?: string;
}

/** A member's year of dues: the base, the months paid and those still owed up to now. */
export interface MemberDuesYear {
  memberId: string;
  memberName: string;
  orgName: string;
  year: number;
  base: DuesBaseView | null;
  paidMonths: string[];
  /** Months of the year up to the current one not paid. */
  unpaidMonths: string[];
  paidCents: number;
}

/** `GET /dues/mine`: the member's own dues (the mini-program's 我的党费). */
export interface MyDues extends MemberDuesYear {
  payments: DuesPaymentView[];
}

/** 党费收缴情况公开: one member's line in the year's published summary (no ID numbers, no phones). */
export interface DuesDisclosureRow {
  memberName: string;
  /** Months of the year paid ('YYYY-MM'), sorted. */
  paidMonths: string[];
  /** Paid in the year, 分. */
  paidCents: number;
}

/** The year's dues summary a branch published to its members (a snapshot taken when published). */
export interface DuesDisclosureView {
  id: string;
  orgId: string;
  orgName: string;
  year: number;
  publishedOn: string;
  publishedByName: string;
  rows: DuesDisclosureRow[];
  totalCents: number;
  note: string | null;
}

/** `POST /dues-disclosures`: publish (or publish again, replacing) the year's summary of a branch. */
export interface PublishDuesDisclosureRequest {
  orgId: string;
  year: number;
  note?: string;
}
