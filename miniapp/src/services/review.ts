import type { DutyReportView, SecretaryAssessmentView, SelfAssessRequest } from '@djzy/shared';
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

/** `GET /secretary-assessments`: a secretary sees their own 百分制考核. */
export function listMyAssessments(options?: RequestOptions): Promise<SecretaryAssessmentView[]> {
  return request<SecretaryAssessmentView[]>('GET', '/secretary-assessments', undefined, options);
}

/** `POST /secretary-assessments/:id/self-assess`: my own scores, one per item. */
export function selfAssess(id: string, body: SelfAssessRequest, options?: RequestOptions): Promise<SecretaryAssessmentView> {
  return request<SecretaryAssessmentView, SelfAssessRequest>('POST', `/secretary-assessments/${enc(id)}/self-assess`, body, options);
}

/** `POST /secretary-assessments/:id/appeal`: once published, with my reason. */
export function appealAssessment(id: string, reason: string, options?: RequestOptions): Promise<SecretaryAssessmentView> {
  return request<SecretaryAssessmentView, { reason: string }>('POST', `/secretary-assessments/${enc(id)}/appeal`, { reason }, options);
}
