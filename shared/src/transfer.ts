/**
 * 组织关系转接 (OVERSIGHT.md §5): a mirror of the national system (全国党员管理信息系统 is the
 * authority). A transfer out of a branch — to another org of this deployment or to one outside —
 * is requested, approved by the 基层党委, issued (the letter: valid ≤ 3 months, 党费交至 the month
 * of issue or later) and received (回执); on receipt within the deployment the member moves to the
 * receiving org, their history staying where it was made.
 */

export const TRANSFER_KINDS = ['formal', 'temporary', 'mobile_certificate'] as const;
export type TransferKind = (typeof TRANSFER_KINDS)[number];
export const TRANSFER_KIND_LABELS: Record<TransferKind, string> = { formal: '正式组织关系（介绍信）', temporary: '党员证明信（临时）', mobile_certificate: '流动党员活动证' };

export const TRANSFER_STATUSES = ['requested', 'approved', 'issued', 'received', 'cancelled'] as const;
export type TransferStatus = (typeof TRANSFER_STATUSES)[number];
export const TRANSFER_STATUS_LABELS: Record<TransferStatus, string> = { requested: '已申请', approved: '已审批', issued: '在途', received: '已接收', cancelled: '已撤销' };

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
  allowedMoves: TransferMove[];
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
}
