/** 组织关系转接 calls: transfers out (申请 → 审批 → 开具 → 接收), letters from outside (登记转入 → 接收), the 7-day reminder. Saves are silent: the form shows its error. */
import type {
  CreateIncomingTransferRequest,
  CreateTransferRequest,
  IncomingTransferView,
  IssueTransferRequest,
  TransferMove,
  TransferRemindResult,
  TransferStepRequest,
  TransferView,
} from '@djzy/shared';
import { request } from './client';
import { useQueryFor } from './query';

const enc = encodeURIComponent;

export interface TransferScope {
  orgId: string;
}

export const transferKeys = {
  out: (q: TransferScope) => ['transfers', q.orgId] as const,
  incoming: (q: TransferScope) => ['incoming-transfers', q.orgId] as const,
};

export const listTransfers = (q: TransferScope) => request<TransferView[]>('/transfers', { query: { ...q } });
export const listIncomingTransfers = (q: TransferScope) => request<IncomingTransferView[]>('/incoming-transfers', { query: { ...q } });
export const createTransfer = (body: CreateTransferRequest) => request<TransferView>('/transfers', { method: 'POST', body, silent: true });
export const moveTransfer = (id: string, move: Exclude<TransferMove, 'issue'>, body: TransferStepRequest) =>
  request<TransferView>(`/transfers/${enc(id)}/${move}`, { method: 'POST', body, silent: true });
export const issueTransfer = (id: string, body: IssueTransferRequest) =>
  request<TransferView>(`/transfers/${enc(id)}/issue`, { method: 'POST', body, silent: true });
export const remindTransfers = (orgId: string) => request<TransferRemindResult>('/transfers/remind', { method: 'POST', body: { orgId } });
export const registerIncoming = (body: CreateIncomingTransferRequest) =>
  request<IncomingTransferView>('/incoming-transfers', { method: 'POST', body, silent: true });
export const moveIncoming = (id: string, move: 'receive' | 'cancel', body: TransferStepRequest) =>
  request<IncomingTransferView>(`/incoming-transfers/${enc(id)}/${move}`, { method: 'POST', body, silent: true });
export const useTransfers = (q: TransferScope | null) => useQueryFor(transferKeys.out, listTransfers, q);
export const useIncomingTransfers = (q: TransferScope | null) => useQueryFor(transferKeys.incoming, listIncomingTransfers, q);
