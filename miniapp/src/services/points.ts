import type { MyPointsResponse, Page, PointsNoticeView, RankingItem } from '@djzy/shared';
import { request, type RequestOptions } from './request';

/** `GET /points/me?period=`: my balance and ledger entries for a period (this year by default). */
export function getMyPoints(period?: string, options?: RequestOptions): Promise<MyPointsResponse> {
  return request<MyPointsResponse>('GET', period ? `/points/me?period=${encodeURIComponent(period)}` : '/points/me', undefined, options);
}

/**
 * `GET /points/rankings?period=&page=`: my branch's ranking, answered 403 `RANKING_HIDDEN` where
 * the branch does not show personal rankings.
 */
export function getBranchRanking(period: string, page = 1, options?: RequestOptions): Promise<Page<RankingItem>> {
  return request<Page<RankingItem>>(
    'GET',
    `/points/rankings?period=${encodeURIComponent(period)}&page=${page}&pageSize=50`,
    undefined,
    options,
  );
}

/** `GET /points/notices?page=`: the published 评比通报 of my org and its parents, newest first. */
export function getPointsNotices(page = 1, options?: RequestOptions): Promise<Page<PointsNoticeView>> {
  return request<Page<PointsNoticeView>>('GET', `/points/notices?page=${page}`, undefined, options);
}

/** `GET /points/notices/:id`: one 评比通报. */
export function getPointsNotice(id: string, options?: RequestOptions): Promise<PointsNoticeView> {
  return request<PointsNoticeView>('GET', `/points/notices/${encodeURIComponent(id)}`, undefined, options);
}
