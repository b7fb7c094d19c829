/**
 * 三务公开 (OVERSIGHT.md §6): a village's disclosures of Party, village and finance affairs and of
 * subsidy payments, their states and who signs, the schedule per village and kind, and the public
 * page's shapes. Amounts are integer 分; days are 'YYYY-MM-DD' (Asia/Shanghai).
 */

export const DISCLOSURE_KINDS = ['party_affairs', 'village_affairs', 'finance', 'subsidy'] as const;
export type DisclosureKind = (typeof DISCLOSURE_KINDS)[number];
export const DISCLOSURE_KIND_LABELS: Record<DisclosureKind, string> = {
  party_affairs: '党务',
  village_affairs: '村务',
  finance: '财务',
  subsidy: '惠农补贴',
};
/** Kinds whose money the township's 农经站 (三资代理中心) checks before approval. */
export const FINANCE_CHECKED_KINDS: readonly DisclosureKind[] = ['finance', 'subsidy'];

export const DISCLOSURE_AUDIENCES = ['public', 'members'] as const;
export type DisclosureAudience = (typeof DISCLOSURE_AUDIENCES)[number];
export const DISCLOSURE_AUDIENCE_LABELS: Record<DisclosureAudience, string> = { public: '向群众公开', members: '仅本村党员' };

/**
 * draft → under_review (submitted to the 监督小组) → reviewed (监督小组 signed) → finance_checked
 * (农经站, finance and subsidies) → approved → published → superseded (by a published correction).
 */
export const DISCLOSURE_STATUSES = ['draft', 'under_review', 'reviewed', 'finance_checked', 'approved', 'published', 'superseded'] as const;
export type DisclosureStatus = (typeof DISCLOSURE_STATUSES)[number];
export const DISCLOSURE_STATUS_LABELS: Record<DisclosureStatus, string> = {
  draft: '草稿',
  under_review: '待监督小组审核',
  reviewed: '监督小组已审核',
  finance_checked: '农经站已审核',
  approved: '已审批',
  published: '已公开',
  superseded: '已更正',
};

/** Each move and the states it may start from (else 409 STATE_CONFLICT with `from`, `allowed`). */
export const DISCLOSURE_MOVES = {
  edit: ['draft'],
  submit: ['draft'],
  review: ['under_review'],
  financeCheck: ['reviewed'],
  approve: ['reviewed', 'finance_checked'],
  publish: ['approved'],
  return: ['under_review', 'reviewed', 'finance_checked', 'approved'],
  correct: ['published'],
} as const satisfies Record<string, readonly DisclosureStatus[]>;
export type DisclosureMove = keyof typeof DISCLOSURE_MOVES;

export const DISCLOSURE_CADENCES = ['monthly', 'quarterly', 'yearly', 'catalogue'] as const;
export type DisclosureCadence = (typeof DISCLOSURE_CADENCES)[number];
export const DISCLOSURE_CADENCE_LABELS: Record<DisclosureCadence, string> = {
  monthly: '每月',
  quarterly: '每季度',
  yearly: '每年',
  catalogue: '按目录随时公开',
};
/** 村民委员会组织法 Art. 30: general matters quarterly; busy finance monthly (quarterly when low-activity). */
export const DEFAULT_CADENCES: Record<DisclosureKind, DisclosureCadence> = {
  party_affairs: 'quarterly',
  village_affairs: 'quarterly',
  finance: 'monthly',
  subsidy: 'catalogue',
};
/** Days after a period ends by which its disclosure is due. */
export const DISCLOSURE_GRACE_DAYS = 10;

/** Largest amount of one row: 2,000 万元 (in 分). */
export const MAX_DISCLOSURE_CENTS = 2_000_000_000;
export const MAX_DISCLOSURE_ROWS = 500;
/** Attachments (a scanned 公开表, a PDF): at most this many per disclosure, each at most this size. */
export const MAX_DISCLOSURE_ATTACHMENTS = 9;
export const MAX_DISCLOSURE_ATTACHMENT_BYTES = 10 * 1024 * 1024;

/** A file attached to a disclosure (PDF, JPEG or PNG). */
export interface DisclosureAttachmentView {
  id: string;
  name: string;
  contentType: string;
  size: number;
}

export const DISCLOSURE_LIMITS = {
  title: 100,
  body: 20000,
  item: 200,
  voucherNo: 50,
  beneficiary: 50,
  reason: 500,
  note: 500,
  feedbackContent: 2000,
  feedbackContact: 50,
} as const;

export interface FinanceRow {
  /** YYYY-MM-DD */
  on: string;
  item: string;
  incomeCents: number;
  expenseCents: number;
  voucherNo: string | null;
}
export interface SubsidyRow {
  /** Stored masked: 张*明. */
  beneficiary: string;
  item: string;
  amountCents: number;
  /** YYYY-MM-DD */
  paidOn: string;
}
export interface FinanceRowInput {
  on: string;
  item: string;
  incomeCents?: number;
  expenseCents?: number;
  voucherNo?: string;
}
export interface SubsidyRowInput {
  /** A full name is accepted and masked on input (张三明 → 张*明). */
  beneficiary: string;
  item: string;
  amountCents: number;
  paidOn: string;
}

/** `POST /disclosures` (a manager of the village branch: its secretary or committee, or the township). */
export interface CreateDisclosureRequest {
  orgId: string;
  kind: DisclosureKind;
  title: string;
  periodFrom: string;
  periodTo: string;
  body?: string;
  audience?: DisclosureAudience;
  financeRows?: FinanceRowInput[];
  subsidyRows?: SubsidyRowInput[];
}
/** `PATCH /disclosures/:id` (drafts only). */
export interface UpdateDisclosureRequest {
  title?: string;
  periodFrom?: string;
  periodTo?: string;
  body?: string;
  audience?: DisclosureAudience;
}
/** `PUT /disclosures/:id/rows` (drafts only): replaces every row. */
export interface ReplaceDisclosureRowsRequest {
  financeRows?: FinanceRowInput[];
  subsidyRows?: SubsidyRowInput[];
}
/** `POST /disclosures/:id/review` and `/finance-check` and `/approve`. */
export interface DisclosureSignRequest {
  note?: string;
}
/** `POST /disclosures/:id/return`. */
export interface ReturnDisclosureRequest {
  reason: string;
}
export interface DisclosureListQuery {
  orgId?: string;
  kind?: DisclosureKind;
  status?: DisclosureStatus;
  page?: number;
  pageSize?: number;
}
/** `POST /disclosures/:id/rows/import`: the rows written (nothing when any row is bad: 400 with `details: [{ row, message }]`). */
export interface DisclosureImportResult {
  imported: number;
  incomeCents: number;
  expenseCents: number;
}

export interface DisclosureSignature {
  byName: string;
  at: string;
  note: string | null;
}

export interface DisclosureView {
  id: string;
  orgId: string;
  orgName: string;
  kind: DisclosureKind;
  title: string;
  periodFrom: string;
  periodTo: string;
  body: string | null;
  audience: DisclosureAudience;
  status: DisclosureStatus;
  version: number;
  supersedesId: string | null;
  supersededById: string | null;
  prepared: DisclosureSignature;
  reviewed: DisclosureSignature | null;
  financeChecked: DisclosureSignature | null;
  approved: DisclosureSignature | null;
  publishedAt: string | null;
  returnReason: string | null;
  financeRows: FinanceRow[];
  subsidyRows: SubsidyRow[];
  attachments: DisclosureAttachmentView[];
  /** Sums of the rows, in 分. */
  totals: { incomeCents: number; expenseCents: number; amountCents: number };
  /** What the caller may do now (the console shows these buttons). */
  can: {
    edit: boolean;
    submit: boolean;
    review: boolean;
    financeCheck: boolean;
    approve: boolean;
    publish: boolean;
    return: boolean;
    correct: boolean;
  };
}

/** One published item as the public page shows it: no names of those who signed, no personal data. */
export interface PublicDisclosureView {
  id: string;
  kind: DisclosureKind;
  title: string;
  periodFrom: string;
  periodTo: string;
  body: string | null;
  publishedAt: string;
  version: number;
  /** 已更正: a correction replaced it; `supersededById` is the correction. */
  superseded: boolean;
  supersededById: string | null;
  supersedesId: string | null;
  /** Of this period: the newest in force of its kind. */
  current: boolean;
  /** Checked by the 监督小组 and (money) the township's 农经站. */
  reviewed: boolean;
  financeChecked: boolean;
  financeRows: FinanceRow[];
  subsidyRows: SubsidyRow[];
  /** Opened by `GET /public/disclosures/:id/attachments/:attachmentId` (no sign-in). */
  attachments: DisclosureAttachmentView[];
  totals: { incomeCents: number; expenseCents: number; amountCents: number };
}
export interface PublicVillageDisclosures {
  orgId: string;
  orgName: string;
  townshipName: string;
  items: PublicDisclosureView[];
}
/** `POST /public/disclosures/:id/feedback` (no sign-in). */
export interface PublicFeedbackRequest {
  content: string;
  contact?: string;
}

export interface DisclosureScheduleView {
  id: string;
  orgId: string;
  orgName: string;
  kind: DisclosureKind;
  cadence: DisclosureCadence;
  lowActivity: boolean;
  /** Null for `catalogue` (published as matters arise, never overdue). */
  nextDueOn: string | null;
  overdue: boolean;
  overdueDays: number;
  /** The supervision problem raised for the current due date, if any. */
  problemId: string | null;
}
/** `PATCH /disclosure-schedules/:id`. */
export interface UpdateDisclosureScheduleRequest {
  cadence?: DisclosureCadence;
  lowActivity?: boolean;
  nextDueOn?: string;
}
/** `POST /disclosure-schedules/check`. */
export interface CheckDisclosureSchedulesRequest {
  orgId?: string;
}
export interface CheckDisclosureSchedulesResult {
  overdue: number;
  /** Problems opened by this run (a second run opens none for the same due date). */
  raised: number;
  problemIds: string[];
}

// ── pure helpers ───────────────────────────────────────────────────────────────────────────

/** 张三明 → 张*明, 张三 → 张*, 欧阳小明 → 欧**明 (already masked names stay as they are). */
export function maskName(name: string): string {
  const chars = [...name.trim()];
  if (chars.length <= 1) return chars.join('');
  if (chars.length === 2) return `${chars[0]}*`;
  return `${chars[0]}${'*'.repeat(chars.length - 2)}${chars[chars.length - 1]}`;
}

/** An 18-digit ID number (last may be X) or an 11-digit mobile number anywhere in the text. */
export function containsPersonalNumber(text: string | null | undefined): 'id_number' | 'phone' | null {
  if (!text) return null;
  const compact = text.replace(/[\s-]/g, '');
  if (/(?<!\d)\d{17}[\dXx](?!\d)/.test(compact)) return 'id_number';
  if (/(?<!\d)1[3-9]\d{9}(?!\d)/.test(compact)) return 'phone';
  return null;
}

/**
 * 元 as typed ("1234.56", "1,234.5", "￥12") → 分, exactly (the string is parsed, never a float
 * multiplied); null when it is not an amount ≥ 0 with at most 2 decimals. Empty → 0 when `emptyAsZero`.
 */
export function yuanToCents(text: string | number | null | undefined): number | null {
  if (text == null) return null;
  const s = String(text)
    .trim()
    .replace(/[,，\s]/g, '')
    .replace(/^[￥¥]/, '')
    .replace(/元$/, '');
  const m = /^(\d{1,10})(?:\.(\d{0,2}))?$/.exec(s);
  if (!m) return null;
  const cents = Number(m[1]) * 100 + Number((m[2] ?? '').padEnd(2, '0'));
  return Number.isSafeInteger(cents) ? cents : null;
}

/** 123456 → "1,234.56". */
export function centsToYuan(cents: number, opts: { grouping?: boolean } = {}): string {
  const sign = cents < 0 ? '-' : '';
  const abs = Math.abs(Math.trunc(cents));
  const yuan = String(Math.floor(abs / 100));
  const whole = opts.grouping === false ? yuan : yuan.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return `${sign}${whole}.${String(abs % 100).padStart(2, '0')}`;
}
