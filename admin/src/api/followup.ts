/** Follow-up calls: 限期整改通知书 and the org-life frequency check (组织生活落实情况). */
import type { OrgLifeCycle, OrgLifeFrequencyResponse, OrgLifeKind, Page, RectificationNoticeView } from '@djzy/shared';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { request } from './client';
import { usePageQuery } from './query';

const enc = encodeURIComponent;

/** The filters of the rectification list. */
export interface RectificationQuery {
  status?: 'open' | 'resolved';
  orgId?: string;
  page?: number;
  pageSize?: number;
}

/** `GET /rectifications?status=&orgId=&page=&pageSize=`. */
export function listRectifications(query: RectificationQuery): Promise<Page<RectificationNoticeView>> {
  return request<Page<RectificationNoticeView>>('/rectifications', { query: { ...query } });
}

/** `POST /rectifications/:id/resolve` (销号); silent: the dialog shows the error. */
export function resolveRectification(id: string, resolution: string): Promise<RectificationNoticeView> {
  return request<RectificationNoticeView>(`/rectifications/${enc(id)}/resolve`, { method: 'POST', body: { resolution }, silent: true });
}

/** `GET /org-life/frequency?orgId=&year=`: per branch, per required kind and period. */
export function getOrgLifeFrequency(orgId: string | undefined, year: number): Promise<OrgLifeFrequencyResponse> {
  return request<OrgLifeFrequencyResponse>('/org-life/frequency', { query: { orgId, year } });
}

/** `PUT /org-life/plans/:orgId` (admins; branches only); silent: the dialog shows the error. */
export function updateOrgLifePlan(
  orgId: string,
  plan: Partial<Record<OrgLifeKind, OrgLifeCycle>>,
): Promise<Record<OrgLifeKind, OrgLifeCycle>> {
  return request<Record<OrgLifeKind, OrgLifeCycle>>(`/org-life/plans/${enc(orgId)}`, { method: 'PUT', body: { plan }, silent: true });
}

/** Query keys of the follow-up screens. */
export const followupKeys = {
  rectifications: ['rectifications'] as const,
  rectificationPage: (query: RectificationQuery) => ['rectifications', query] as const,
  frequency: ['org-life'] as const,
  frequencyOf: (orgId: string | undefined, year: number) => ['org-life', orgId ?? null, year] as const,
};

/** One page of the rectification notices (the last page stays on screen while the next loads). */
export function useRectifications(query: RectificationQuery) {
  return usePageQuery(followupKeys.rectificationPage, listRectifications, query);
}

/** The org-life frequency of an org's branches (null: the whole scope) for a year. */
export function useOrgLifeFrequency(orgId: string | null, year: number) {
  return useQuery({
    queryKey: followupKeys.frequencyOf(orgId ?? undefined, year),
    queryFn: () => getOrgLifeFrequency(orgId ?? undefined, year),
    placeholderData: keepPreviousData,
  });
}
