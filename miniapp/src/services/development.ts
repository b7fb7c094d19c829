import type { DevelopmentCaseSummary, MyDevelopmentView } from '@djzy/shared';
import { request, type RequestOptions } from './request';

const enc = encodeURIComponent;

/** `GET /development-cases?orgId=`: a branch's 发展党员 cases with their warnings and next steps (branch secretary, committee). */
export function listBranchCases(orgId: string, options?: RequestOptions): Promise<DevelopmentCaseSummary[]> {
  return request<DevelopmentCaseSummary[]>('GET', `/development-cases?orgId=${enc(orgId)}`, undefined, options);
}

/** `GET /development-cases/mine`: the applicant's own stage and next step (404 without a case). */
export function getMyDevelopment(options?: RequestOptions): Promise<MyDevelopmentView> {
  return request<MyDevelopmentView>('GET', '/development-cases/mine', undefined, options);
}
