import type { MyAppraisal, MyTransfer } from '@djzy/shared';
import { request, type RequestOptions } from './request';

/** `GET /appraisal-rounds/mine`: my 民主评议 results (a grade once the branch has told me). */
export function getMyAppraisals(options?: RequestOptions): Promise<MyAppraisal[]> {
  return request<MyAppraisal[]>('GET', '/appraisal-rounds/mine', undefined, options);
}

/** `GET /transfers/mine`: my 组织关系转接 and where each stands. */
export function getMyTransfers(options?: RequestOptions): Promise<MyTransfer[]> {
  return request<MyTransfer[]>('GET', '/transfers/mine', undefined, options);
}
