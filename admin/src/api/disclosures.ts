/** 三务公开 calls: the console's (signed in) and the public page's (no sign-in, no token sent). */
import {
  ApiError,
  type CheckDisclosureSchedulesResult,
  type CreateDisclosureRequest,
  type CreateFeedbackResponse,
  type DisclosureAttachmentView,
  type DisclosureImportResult,
  type DisclosureListQuery,
  type DisclosureScheduleView,
  type DisclosureView,
  type Page,
  type PublicFeedbackRequest,
  type PublicVillageDisclosures,
  type ReplaceDisclosureRowsRequest,
  type UpdateDisclosureRequest,
  type UpdateDisclosureScheduleRequest,
} from '@djzy/shared';
import { apiUrl, download, request } from './client';

const enc = encodeURIComponent;

export function listDisclosures(query: DisclosureListQuery): Promise<Page<DisclosureView>> {
  return request<Page<DisclosureView>>('/disclosures', { query: { ...query } });
}
export function getDisclosure(id: string): Promise<DisclosureView> {
  return request<DisclosureView>(`/disclosures/${enc(id)}`);
}
export function createDisclosure(body: CreateDisclosureRequest): Promise<DisclosureView> {
  return request<DisclosureView>('/disclosures', { method: 'POST', body, silent: true });
}
export function updateDisclosure(id: string, body: UpdateDisclosureRequest): Promise<DisclosureView> {
  return request<DisclosureView>(`/disclosures/${enc(id)}`, { method: 'PATCH', body, silent: true });
}
export function replaceDisclosureRows(id: string, body: ReplaceDisclosureRowsRequest): Promise<DisclosureView> {
  return request<DisclosureView>(`/disclosures/${enc(id)}/rows`, { method: 'PUT', body, silent: true });
}
export function importDisclosureRows(id: string, file: File): Promise<DisclosureImportResult> {
  const form = new FormData();
  form.append('file', file);
  return request<DisclosureImportResult>(`/disclosures/${enc(id)}/rows/import`, { method: 'POST', body: form, silent: true });
}

export function addDisclosureAttachment(id: string, file: File): Promise<DisclosureAttachmentView> {
  const form = new FormData();
  form.append('file', file);
  return request<DisclosureAttachmentView>(`/disclosures/${enc(id)}/attachments`, { method: 'POST', body: form, silent: true });
}
export function deleteDisclosureAttachment(id: string, attachmentId: string): Promise<void> {
  return request<void>(`/disclosures/${enc(id)}/attachments/${enc(attachmentId)}`, { method: 'DELETE', silent: true });
}
/** Opens an attachment with the session's token (any state the caller may read). */
export function downloadDisclosureAttachment(id: string, a: DisclosureAttachmentView): Promise<void> {
  return download(`/disclosures/${enc(id)}/attachments/${enc(a.id)}`, a.name);
}
/** The public address of a published public item's attachment (no sign-in). */
export function publicAttachmentUrl(id: string, attachmentId: string): string {
  return apiUrl(`/public/disclosures/${enc(id)}/attachments/${enc(attachmentId)}`);
}

export type DisclosureAction = 'submit' | 'review' | 'finance-check' | 'approve' | 'publish' | 'return' | 'correct';
/** `POST /disclosures/:id/<move>`. */
export function moveDisclosure(id: string, move: DisclosureAction, body: object = {}): Promise<DisclosureView> {
  return request<DisclosureView>(`/disclosures/${enc(id)}/${move}`, { method: 'POST', body, silent: true });
}

export function listSchedules(orgId?: string): Promise<DisclosureScheduleView[]> {
  return request<DisclosureScheduleView[]>('/disclosure-schedules', { query: { orgId } });
}
export function updateSchedule(id: string, body: UpdateDisclosureScheduleRequest): Promise<DisclosureScheduleView> {
  return request<DisclosureScheduleView>(`/disclosure-schedules/${enc(id)}`, { method: 'PATCH', body, silent: true });
}
export function checkSchedules(orgId?: string): Promise<CheckDisclosureSchedulesResult> {
  return request<CheckDisclosureSchedulesResult>('/disclosure-schedules/check', { method: 'POST', body: { orgId } });
}

/** The public page's requests: never a token (a stale console session must not turn them into 401s). */
async function publicFetch<T>(path: string, init: { method?: 'GET' | 'POST'; body?: unknown } = {}): Promise<T> {
  let res: Response;
  try {
    res = await fetch(apiUrl(path), {
      method: init.method ?? 'GET',
      headers: { Accept: 'application/json', ...(init.body !== undefined ? { 'Content-Type': 'application/json' } : {}) },
      body: init.body !== undefined ? JSON.stringify(init.body) : undefined,
    });
  } catch {
    throw ApiError.network();
  }
  let body: unknown = null;
  try {
    body = await res.json();
  } catch {
    /* an HTML error page: the catalogue's message */
  }
  if (!res.ok) throw ApiError.fromResponse(res.status, body);
  return body as T;
}

export function publicVillageDisclosures(orgId: string): Promise<PublicVillageDisclosures> {
  return publicFetch<PublicVillageDisclosures>(`/public/orgs/${enc(orgId)}/disclosures`);
}
export function sendPublicFeedback(id: string, body: PublicFeedbackRequest): Promise<CreateFeedbackResponse> {
  return publicFetch<CreateFeedbackResponse>(`/public/disclosures/${enc(id)}/feedback`, { method: 'POST', body });
}

/** The public page's address for a village (the QR code on the notice board points here). */
export function publicPageUrl(orgId: string): string {
  return `${window.location.origin}/console/public/villages/${enc(orgId)}`;
}
