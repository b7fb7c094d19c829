/** 党费 calls: the year per member, bases, payments. Saves are silent: the form shows its error. */
import type {
  CreateDuesPaymentRequest,
  DuesBaseView,
  DuesDisclosureView,
  DuesPaymentView,
  MemberDuesYear,
  PublishDuesDisclosureRequest,
  SetDuesBaseRequest,
} from '@djzy/shared';
import { request } from './client';
import { useQueryFor } from './query';

export interface DuesScope {
  orgId: string;
  year: number;
}

export const duesKeys = {
  year: (q: DuesScope) => ['dues', q.orgId, q.year] as const,
  disclosures: (q: DuesScope) => ['dues', 'disclosures', q.orgId, q.year] as const,
};

export const listDuesYear = (q: DuesScope) => request<MemberDuesYear[]>('/dues', { query: { ...q } });
export const setDuesBase = (body: SetDuesBaseRequest) => request<DuesBaseView>('/dues-bases', { method: 'PUT', body, silent: true });
export const createDuesPayment = (body: CreateDuesPaymentRequest) =>
  request<DuesPaymentView>('/dues-payments', { method: 'POST', body, silent: true });
export const useDuesYear = (q: DuesScope | null) => useQueryFor(duesKeys.year, listDuesYear, q);

// ── 党费收缴情况公开 ──
export const listDuesDisclosures = (q: DuesScope) => request<DuesDisclosureView[]>('/dues-disclosures', { query: { ...q } });
export const publishDuesDisclosure = (body: PublishDuesDisclosureRequest) =>
  request<DuesDisclosureView>('/dues-disclosures', { method: 'POST', body });
export const useDuesDisclosures = (q: DuesScope | null) => useQueryFor(duesKeys.disclosures, listDuesDisclosures, q);
