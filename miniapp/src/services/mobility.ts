import type {
  ContactLogRequest,
  ContactLogResponse,
  ContactLogView,
  MobileMemberView,
  MobilityReportRequest,
  MyMobilityResponse,
  Page,
} from '@djzy/shared';
import { request, type RequestOptions } from './request';

const enc = encodeURIComponent;

/** `GET /me/mobility`: my own record as a mobile member, and my contact cadre. */
export function getMyMobility(options?: RequestOptions): Promise<MyMobilityResponse> {
  return request<MyMobilityResponse>('GET', '/me/mobility', undefined, options);
}

/** `POST /me/mobility-report`: 报告近况. */
export function reportMobility(body: MobilityReportRequest): Promise<ContactLogView> {
  return request<ContactLogView, MobilityReportRequest>('POST', '/me/mobility-report', body);
}

/** `GET /mobile-members`: for a contact cadre, their own assignees, most overdue first. */
export function listMobileMembers(options?: RequestOptions): Promise<Page<MobileMemberView>> {
  return request<Page<MobileMemberView>>('GET', '/mobile-members?pageSize=100', undefined, options);
}

/** `POST /mobile-members/:memberId/contacts` with an Idempotency-Key (one per form, reused on retry). */
export function logContact(memberId: string, body: ContactLogRequest, idempotencyKey: string): Promise<ContactLogResponse> {
  return request<ContactLogResponse, ContactLogRequest>('POST', `/mobile-members/${enc(memberId)}/contacts`, body, {
    headers: { 'Idempotency-Key': idempotencyKey },
  });
}

/** `GET /mobile-members/:memberId/contacts`: the contact history. */
export function listContacts(memberId: string, options?: RequestOptions): Promise<ContactLogView[]> {
  return request<ContactLogView[]>('GET', `/mobile-members/${enc(memberId)}/contacts`, undefined, options);
}

/** A fresh key for one contact form. */
export function newIdempotencyKey(): string {
  return `contact-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 10)}`;
}
