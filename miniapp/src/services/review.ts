import type { DutyReportView } from '@djzy/shared';
import { request, type RequestOptions } from './request';

const enc = encodeURIComponent;

/** `GET /duty-reports/mine`: my 述职报告 (a branch secretary's), newest first. */
export function listMyDutyReports(options?: RequestOptions): Promise<DutyReportView[]> {
  return request<DutyReportView[]>('GET', '/duty-reports/mine', undefined, options);
}

/** `PUT /duty-reports/:id`: the written part (the figures come from the records). */
export function writeDutyReport(id: string, body: string, options?: RequestOptions): Promise<DutyReportView> {
  return request<DutyReportView, { body: string }>('PUT', `/duty-reports/${enc(id)}`, { body }, options);
}

/** `POST /duty-reports/:id/submit`: to the township, which accepts or returns it. */
export function submitDutyReport(id: string, options?: RequestOptions): Promise<DutyReportView> {
  return request<DutyReportView>('POST', `/duty-reports/${enc(id)}/submit`, undefined, options);
}
