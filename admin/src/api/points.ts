/** Points calls: rules, a member's ledger, adjustments, reversals, rankings, distribution, settings, notices. */
import type {
  AdjustmentRequest,
  AdjustmentResponse,
  BranchPointsStat,
  CreatePointsNoticeRequest,
  MyPointsResponse,
  Page,
  PointsEntryView,
  PointsNoticeView,
  PointsRuleView,
  PointsSettingsView,
  RankingItem,
  RankingQuery,
  UpdatePointsNoticeRequest,
  UpdatePointsRuleRequest,
} from '@djzy/shared';
import { useQuery } from '@tanstack/react-query';
import { request } from './client';
import { usePageQuery, useQueryFor } from './query';

const enc = encodeURIComponent;

/** `GET /points/rules`. */
export function listRules(): Promise<PointsRuleView[]> {
  return request<PointsRuleView[]>('/points/rules');
}

/** `PUT /points/rules/:code` (top-level admins only); silent: the form shows the error. */
export function updateRule(code: string, body: UpdatePointsRuleRequest): Promise<PointsRuleView> {
  return request<PointsRuleView>(`/points/rules/${enc(code)}`, { method: 'PUT', body, silent: true });
}

/** `GET /points/members/:memberId?period=`: a member's ledger for a manager in scope. */
export function getMemberLedger(memberId: string, period: string): Promise<MyPointsResponse> {
  return request<MyPointsResponse>(`/points/members/${enc(memberId)}`, { query: { period } });
}

/**
 * `POST /points/adjustments`. The caller keeps `idempotencyKey` for one submission and sends it
 * again when retrying that submission, so a lost answer never adds the points twice.
 */
export function adjustPoints(body: AdjustmentRequest, idempotencyKey: string): Promise<AdjustmentResponse> {
  return request<AdjustmentResponse>('/points/adjustments', {
    method: 'POST',
    body,
    headers: { 'Idempotency-Key': idempotencyKey },
    silent: true,
  });
}

/** `POST /points/entries/:id/reverse`: appends the reversal entry (409 ALREADY_REVERSED). */
export function reverseEntry(entryId: string, reason: string): Promise<PointsEntryView> {
  return request<PointsEntryView>(`/points/entries/${enc(entryId)}/reverse`, { method: 'POST', body: { reason }, silent: true });
}

/** `GET /points/rankings`: ties share a rank. */
export function listRankings(query: RankingQuery & { order?: 'desc' | 'asc' }): Promise<Page<RankingItem>> {
  return request<Page<RankingItem>>('/points/rankings', { query: { ...query } });
}

/** `GET /points/distribution`: per-branch members, average, max and min. */
export function getDistribution(orgId: string, period: string): Promise<BranchPointsStat[]> {
  return request<BranchPointsStat[]>('/points/distribution', { query: { orgId, period } });
}

/** `GET /points/settings/:orgId` (branches). */
export function getPointsSettings(orgId: string): Promise<PointsSettingsView> {
  return request<PointsSettingsView>(`/points/settings/${enc(orgId)}`);
}

/** `PUT /points/settings/:orgId`: whether the branch's members see personal rankings (admins). */
export function updatePointsSettings(orgId: string, showMemberRanking: boolean): Promise<PointsSettingsView> {
  return request<PointsSettingsView>(`/points/settings/${enc(orgId)}`, { method: 'PUT', body: { showMemberRanking } });
}

/** `GET /points/notices`: notices of orgs in scope, drafts included, newest first. */
export function listNotices(page: number, pageSize: number): Promise<Page<PointsNoticeView>> {
  return request<Page<PointsNoticeView>>('/points/notices', { query: { page, pageSize } });
}

/** `GET /points/notices/:id`. */
export function getNotice(id: string): Promise<PointsNoticeView> {
  return request<PointsNoticeView>(`/points/notices/${enc(id)}`);
}

/** `POST /points/notices`: a draft with the rankings of the moment frozen in it. */
export function createNotice(body: CreatePointsNoticeRequest): Promise<PointsNoticeView> {
  return request<PointsNoticeView>('/points/notices', { method: 'POST', body, silent: true });
}

/** `PATCH /points/notices/:id` (drafts only); silent: the editor shows field errors. */
export function updateNotice(id: string, body: UpdatePointsNoticeRequest): Promise<PointsNoticeView> {
  return request<PointsNoticeView>(`/points/notices/${enc(id)}`, { method: 'PATCH', body, silent: true });
}

/** `POST /points/notices/:id/publish`: members of the org then see it. */
export function publishNotice(id: string): Promise<PointsNoticeView> {
  return request<PointsNoticeView>(`/points/notices/${enc(id)}/publish`, { method: 'POST' });
}

/** Query keys of the points screens; `pointsKeys.all` covers them all (a ledger change moves rankings too). */
export const pointsKeys = {
  all: ['points'] as const,
  rules: ['points', 'rules'] as const,
  rankings: (query: RankingQuery) => ['points', 'rankings', query] as const,
  distribution: (orgId: string, period: string) => ['points', 'distribution', orgId, period] as const,
  settings: (orgId: string) => ['points', 'settings', orgId] as const,
  ledger: (memberId: string, period: string) => ['points', 'ledger', memberId, period] as const,
  notices: (page: number, pageSize: number) => ['points', 'notices', page, pageSize] as const,
  notice: (id: string) => ['points', 'notice', id] as const,
};

/** The county-wide rules. */
export const useRules = () => useQuery({ queryKey: pointsKeys.rules, queryFn: listRules });

/** One page of a ranking (the last page stays on screen while the next loads). */
export function useRankings(query: RankingQuery | null) {
  return usePageQuery(pointsKeys.rankings, listRankings, query);
}

/** The per-branch distribution of an org for a period. */
export function useDistribution(orgId: string | null, period: string) {
  return useQueryFor(
    (id: string) => pointsKeys.distribution(id, period),
    (id) => getDistribution(id, period),
    orgId,
  );
}

/** A branch's points settings. */
export function usePointsSettings(orgId: string) {
  return useQuery({ queryKey: pointsKeys.settings(orgId), queryFn: () => getPointsSettings(orgId) });
}

/** A member's ledger for a period (null: no member chosen). */
export function useMemberLedger(memberId: string | null, period: string) {
  return useQueryFor(
    (id: string) => pointsKeys.ledger(id, period),
    (id) => getMemberLedger(id, period),
    memberId,
  );
}

/** One page of the notices. */
export function useNotices(page: number, pageSize: number) {
  return usePageQuery(
    (q: { page: number; pageSize: number }) => pointsKeys.notices(q.page, q.pageSize),
    (q) => listNotices(q.page, q.pageSize),
    { page, pageSize },
  );
}

/** One notice (null: none open). */
export function useNotice(id: string | null) {
  return useQueryFor(pointsKeys.notice, getNotice, id);
}
