import type { DuesDisclosureView, MyDues } from '@djzy/shared';
import { request, type RequestOptions } from './request';

/** `GET /dues/mine?year=`: my dues of a year — the monthly amount, the months paid and owed, the payments. */
export function getMyDues(year: number, options?: RequestOptions): Promise<MyDues> {
  return request<MyDues>('GET', `/dues/mine?year=${year}`, undefined, options);
}

/** `GET /dues-disclosures/mine?year=`: what my branch published of the year's dues (党费收缴情况公开). */
export function getMyDuesDisclosures(year: number, options?: RequestOptions): Promise<DuesDisclosureView[]> {
  return request<DuesDisclosureView[]>('GET', `/dues-disclosures/mine?year=${year}`, undefined, options);
}
