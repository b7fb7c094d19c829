/** 慰问困难党员 calls: 困难党员 (committee only), 慰问记录 and its export, the 七一 / 春节 windows. Saves are silent: the form shows its error. */
import type {
  CareSettingsView,
  CareVisitView,
  CareWindowSettings,
  CreateCareVisitRequest,
  CreateHardshipRequest,
  HardshipStatus,
  HardshipView,
  ResolveHardshipRequest,
  ReviewHardshipRequest,
} from '@djzy/shared';
import { download, request } from './client';
import { useQueryFor } from './query';

const enc = encodeURIComponent;

export interface HardshipScope {
  orgId: string;
  status?: HardshipStatus;
}
export interface CareVisitScope {
  orgId: string;
  year: number;
}

export const careKeys = {
  hardships: (q: HardshipScope) => ['hardships', q.orgId, q.status ?? 'all'] as const,
  visits: (q: CareVisitScope) => ['care-visits', q.orgId, q.year] as const,
  settings: (q: CareVisitScope) => ['care-settings', q.orgId, q.year] as const,
};

// ── 困难党员 ──
export const listHardships = (q: HardshipScope) => request<HardshipView[]>('/hardships', { query: { ...q } });
export const createHardship = (body: CreateHardshipRequest) => request<HardshipView>('/hardships', { method: 'POST', body, silent: true });
export const reviewHardship = (id: string, body: ReviewHardshipRequest) =>
  request<HardshipView>(`/hardships/${enc(id)}/review`, { method: 'POST', body, silent: true });
export const resolveHardship = (id: string, body: ResolveHardshipRequest) =>
  request<HardshipView>(`/hardships/${enc(id)}/resolve`, { method: 'POST', body, silent: true });
export const useHardships = (q: HardshipScope | null) => useQueryFor(careKeys.hardships, listHardships, q);

// ── 慰问记录 ──
export const listCareVisits = (q: CareVisitScope) => request<CareVisitView[]>('/care-visits', { query: { ...q } });
export const createCareVisit = (body: CreateCareVisitRequest) =>
  request<CareVisitView[]>('/care-visits', { method: 'POST', body, silent: true });
export const deleteCareVisit = (id: string) => request<void>(`/care-visits/${enc(id)}`, { method: 'DELETE' });
export const exportCareVisits = (q: CareVisitScope) => download('/care-visits.xlsx', '慰问记录.xlsx', { query: { ...q } });
export const useCareVisits = (q: CareVisitScope | null) => useQueryFor(careKeys.visits, listCareVisits, q);

// ── 慰问时间段 ──
export const getCareSettings = (q: CareVisitScope) => request<CareSettingsView>('/care/settings', { query: { ...q } });
export const setCareSettings = (body: CareWindowSettings & { orgId: string }) =>
  request<CareSettingsView>('/care/settings', { method: 'PUT', body, silent: true });
export const useCareSettings = (q: CareVisitScope | null) => useQueryFor(careKeys.settings, getCareSettings, q);
