import type { MyDues } from '@djzy/shared';
import { request, type RequestOptions } from './request';

/** `GET /dues/mine?year=`: my dues of a year — the monthly amount, the months paid and owed, the payments. */
export function getMyDues(year: number, options?: RequestOptions): Promise<MyDues> {
  return request<MyDues>('GET', `/dues/mine?year=${year}`, undefined, options);
}
