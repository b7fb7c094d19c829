/**
 * 组织关系转接 (OVERSIGHT.md §5): a mirror of the national system (全国党员管理信息系统 is the
 * authority). A transfer out of a branch — to another org of this deployment or to one outside —
 * is requested, approved by the 基层党委, issued (the letter: valid ≤ 3 months, 党费交至 the month
 * of issue or later) and received (回执); on receipt within the deployment the member moves to the
 * receiving org, their history staying where it was made.
 */

export const TRANSFER_KINDS = ['formal', 'temporary', 'mobile_certificate'] as const;
export type TransferKind = (typeof TRANSFER_KINDS)[number];
export const TRANSFER_KIND_LABELS: Record<TransferKind, string> = {
  formal: '正式组织关系（介绍信）',
  temporary: '党员证明信（临时）',
  mobile_certificate: '流动党员活动证',
};

export const TRANSFER_STATUSES = ['requested', 'approved', 'issued', 'received', 'cancelled'] as const;
export type TransferStatus = (typeof TRANSFER_STATUSES)[number];
export const TRANSFER_STATUS_LABELS: Record<TransferStatus, string> = {
  requested: '已申请',
  approved: '已审批',
  issued: '在途',
  received: '已接收',
  cancelled: '已撤销',
};

export const TRANSFER_MOVES = {
  approve: ['requested'],
  issue: ['approved'],
  receive: ['issued'],
  cancel: ['requested', 'approved', 'issued'],
} as const satisfies Record<string, readonly TransferStatus[]>;
export type TransferMove = keyof typeof TRANSFER_MOVES;

/** Days before `validUntil` the letter is flagged (the reminder). */
export const TRANSFER_REMIND_DAYS = 7;
/** The default validity of a letter (days) and the longest (calendar months). */
export const TRANSFER_DEFAULT_DAYS = 30;
export const TRANSFER_MAX_MONTHS = 3;

export interface TransferView {
  id: string;
  memberId: string;
  memberName: string;
  fromOrgId: string;
  fromOrgName: string;
  kind: TransferKind;
  toOrgId: string | null;
  toOrgName: string;
  reason: string | null;
  status: TransferStatus;
  requestedOn: string;
  approvedOn: string | null;
  issuedOn: string | null;
  validUntil: string | null;
  duesPaidThrough: string | null;
  nationalSystemRef: string | null;
  receivedOn: string | null;
  /** Issued and past `validUntil` (an overrun needs a branch certificate). */
  expired: boolean;
  /** Issued and within 7 days of `validUntil`. */
  expiresSoon: boolean;
  /** The day the member was reminded (WeChat) that the letter expires in 7 days; null: not yet. */
  remindedOn: string | null;
  /** The moves the state allows (whoever may make them). */
  allowedMoves: TransferMove[];
  /** Whether the caller may make each move now (the server's own checks: 审批 an admin above the branch; 开具/撤销 the sending org's managers; 接收 the receiving org's, or the sender's for an org outside). */
  canApprove: boolean;
  canIssue: boolean;
  canReceive: boolean;
  canCancel: boolean;
}

export interface CreateTransferRequest {
  memberId: string;
  kind: TransferKind;
  /** An org of this deployment … */
  toOrgId?: string;
  /** … or the name of one outside it. */
  toOrgName?: string;
  reason?: string;
  requestedOn: string;
}

export interface TransferStepRequest {
  on: string;
  note?: string;
}

export interface IssueTransferRequest {
  on: string;
  /** Default `on` + 30 days; at most `on` + 3 calendar months. */
  validUntil?: string;
  /** 'YYYY-MM', not before the month of issue. */
  duesPaidThrough: string;
  nationalSystemRef?: string;
}

/** A member's own transfers (the mini-program): where to, where it stands. */
export interface MyTransfer {
  id: string;
  kind: TransferKind;
  toOrgName: string;
  status: TransferStatus;
  issuedOn: string | null;
  validUntil: string | null;
  expired: boolean;
  /** Issued and within 7 days of `validUntil` (the reminder's page). */
  expiresSoon: boolean;
}

/** `POST /transfers/remind` (and the hourly job): reminders queued for letters expiring within 7 days. */
export interface TransferRemindResult {
  /** Letters found within 7 days of `validUntil` (issued, not received). */
  due: number;
  /** WeChat messages newly queued (a letter is reminded once, whoever runs the check). */
  queued: number;
  /**
   * Letters from orgs outside the deployment registered in the scope (not yet received) that
   * expire within 7 days: there is no member to message, so the receiving org is shown them.
   */
  incoming: { id: string; name: string; fromOrgName: string; toOrgId: string; toOrgName: string; validUntil: string }[];
}

// ── 转入: letters from an org outside the deployment ────────────────────────────────────────

export const INCOMING_STATUSES = ['registered', 'received', 'cancelled'] as const;
export type IncomingStatus = (typeof INCOMING_STATUSES)[number];
export const INCOMING_STATUS_LABELS: Record<IncomingStatus, string> = { registered: '待接收', received: '已接收', cancelled: '已撤销' };
/** The standing of a member transferred in: 正式党员 or 预备党员. */
export const INCOMING_MEMBER_STATUSES = ['full', 'probationary'] as const;
export type IncomingMemberStatus = (typeof INCOMING_MEMBER_STATUSES)[number];

/** `POST /incoming-transfers`: the letter as received from an org outside the deployment. */
export interface CreateIncomingTransferRequest {
  /** The receiving branch (or 党小组) of this deployment. */
  toOrgId: string;
  kind: TransferKind;
  /** The sending org as on the letter. */
  fromOrgName: string;
  /** 介绍信编号. */
  letterNo: string;
  issuedOn: string;
  /** At most `issuedOn` + 3 calendar months. */
  validUntil: string;
  name: string;
  /** 18 digits; stored encrypted, shown masked. */
  idCard: string;
  gender?: 'male' | 'female';
  /** Default: from the ID number. */
  birthDate?: string;
  status: IncomingMemberStatus;
  /** 入党日期. */
  joinedOn: string;
  /** 转正日期 (正式党员). */
  fullOn?: string;
  /** 党费交至 'YYYY-MM'. */
  duesPaidThrough: string;
  nationalSystemRef?: string;
  note?: string;
}

export interface IncomingTransferView {
  id: string;
  toOrgId: string;
  toOrgName: string;
  kind: TransferKind;
  fromOrgName: string;
  letterNo: string;
  issuedOn: string;
  validUntil: string;
  name: string;
  /** Masked: 3301**********1234. */
  idCardMasked: string;
  gender: 'male' | 'female' | null;
  birthDate: string | null;
  memberStatus: IncomingMemberStatus;
  joinedOn: string;
  fullOn: string | null;
  duesPaidThrough: string;
  nationalSystemRef: string | null;
  note: string | null;
  status: IncomingStatus;
  registeredOn: string;
  receivedOn: string | null;
  /** The roster entry made on receipt. */
  memberId: string | null;
  expired: boolean;
  expiresSoon: boolean;
  allowedMoves: ('receive' | 'cancel')[];
}
