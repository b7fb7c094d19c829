/** 述职台账 calls: 调研走访, 谈心谈话, 党建阵地, 支部评定, 选树表彰, 村级岗位, and their Excel imports. Saves are silent: the form shows its error. */
import type {
  BranchRatingRow,
  BranchRatingView,
  CommendationView,
  CreateCommendationRequest,
  CreateRoleGrantRequest,
  CreateSiteInvestmentRequest,
  CreateSiteRequest,
  CreateTalkRequest,
  CreateVisitRequest,
  EndRoleGrantRequest,
  PostGrantView,
  RecordImportKind,
  RecordImportResult,
  SetBranchRatingRequest,
  SiteInvestmentView,
  SiteView,
  TalkView,
  UpdateSiteRequest,
  VisitView,
} from '@djzy/shared';
import { download, request } from './client';
import { useQueryFor } from './query';

const enc = encodeURIComponent;

/** The org and year a records screen shows. */
export interface RecordScope {
  orgId: string;
  year: number;
}

export const recordKeys = {
  visits: (q: RecordScope) => ['visits', q.orgId, q.year] as const,
  talks: (q: RecordScope) => ['talks', q.orgId, q.year] as const,
  sites: (q: RecordScope) => ['sites', q.orgId, q.year] as const,
  ratings: (q: RecordScope) => ['branch-ratings', q.orgId, q.year] as const,
  commendations: (q: RecordScope) => ['commendations', q.orgId, q.year] as const,
  posts: (q: { orgId: string; includeEnded: boolean }) => ['role-grants', q.orgId, q.includeEnded] as const,
};

// ── 调研走访 ──
export const listVisits = (q: RecordScope) => request<VisitView[]>('/visits', { query: { ...q } });
export const createVisit = (body: CreateVisitRequest) => request<VisitView>('/visits', { method: 'POST', body, silent: true });
export const deleteVisit = (id: string) => request<void>(`/visits/${enc(id)}`, { method: 'DELETE' });
export const useVisits = (q: RecordScope | null) => useQueryFor(recordKeys.visits, listVisits, q);

// ── 谈心谈话 ──
export const listTalks = (q: RecordScope) => request<TalkView[]>('/talks', { query: { ...q } });
export const createTalks = (body: CreateTalkRequest) => request<TalkView[]>('/talks', { method: 'POST', body, silent: true });
export const deleteTalk = (id: string) => request<void>(`/talks/${enc(id)}`, { method: 'DELETE' });
export const useTalks = (q: RecordScope | null) => useQueryFor(recordKeys.talks, listTalks, q);

// ── 党建阵地 ──
export const listSites = (q: RecordScope) => request<SiteView[]>('/sites', { query: { ...q } });
export const createSite = (body: CreateSiteRequest) => request<SiteView>('/sites', { method: 'POST', body, silent: true });
export const updateSite = (id: string, body: UpdateSiteRequest) =>
  request<SiteView>(`/sites/${enc(id)}`, { method: 'PATCH', body, silent: true });
export const deleteSite = (id: string) => request<void>(`/sites/${enc(id)}`, { method: 'DELETE' });
export const addInvestment = (siteId: string, body: CreateSiteInvestmentRequest) =>
  request<SiteInvestmentView>(`/sites/${enc(siteId)}/investments`, { method: 'POST', body, silent: true });
export const deleteInvestment = (siteId: string, id: string) =>
  request<void>(`/sites/${enc(siteId)}/investments/${enc(id)}`, { method: 'DELETE' });
export const useSites = (q: RecordScope | null) => useQueryFor(recordKeys.sites, listSites, q);

// ── 支部评定 ──
export const listRatings = (q: RecordScope) => request<BranchRatingRow[]>('/branch-ratings', { query: { ...q } });
export const setRating = (body: SetBranchRatingRequest) => request<BranchRatingView>('/branch-ratings', { method: 'PUT', body });
export const useRatings = (q: RecordScope | null) => useQueryFor(recordKeys.ratings, listRatings, q);

// ── 选树表彰 ──
export const listCommendations = (q: RecordScope) => request<CommendationView[]>('/commendations', { query: { ...q } });
export const createCommendation = (body: CreateCommendationRequest) =>
  request<CommendationView>('/commendations', { method: 'POST', body, silent: true });
export const deleteCommendation = (id: string) => request<void>(`/commendations/${enc(id)}`, { method: 'DELETE' });
export const useCommendations = (q: RecordScope | null) => useQueryFor(recordKeys.commendations, listCommendations, q);

// ── 村级岗位 ──
export const listPosts = (q: { orgId: string; includeEnded: boolean }) => request<PostGrantView[]>('/role-grants', { query: { ...q } });
export const grantPost = (body: CreateRoleGrantRequest) => request<PostGrantView>('/role-grants', { method: 'POST', body, silent: true });
export const endPost = (id: string, body: EndRoleGrantRequest) =>
  request<PostGrantView>(`/role-grants/${enc(id)}/end`, { method: 'POST', body, silent: true });
export const usePosts = (q: { orgId: string; includeEnded: boolean } | null) => useQueryFor(recordKeys.posts, listPosts, q);

// ── Excel import ──
/** `POST /<kind>/import?orgId=`: all rows or none (400 IMPORT_ROWS_INVALID lists the bad rows). */
export function importRecords(kind: RecordImportKind, orgId: string, file: File): Promise<RecordImportResult> {
  const form = new FormData();
  form.append('file', file, file.name);
  return request<RecordImportResult>(`/${kind}/import`, { method: 'POST', query: { orgId }, body: form, silent: true });
}
export const IMPORT_NAMES: Record<RecordImportKind, string> = {
  visits: '调研走访',
  talks: '谈心谈话',
  sites: '党建阵地',
  commendations: '选树表彰',
};
export function downloadRecordTemplate(kind: RecordImportKind): Promise<void> {
  return download(`/${kind}/import-template.xlsx`, `${IMPORT_NAMES[kind]}导入模板.xlsx`);
}
