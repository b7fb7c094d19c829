import type { DeedView, LiaisonContactView, LogLiaisonContactRequest, MyLiaisonsResponse, Page } from '@djzy/shared';
import { request, type RequestOptions } from './request';

const enc = encodeURIComponent;

// ── 联户联系 ─────────────────────────────────────────────────────────────────────────────

/** `GET /liaisons/mine`: my links (village, area or households), the next reminder day if one is set, recent contacts. */
export function getMyLiaisons(options?: RequestOptions): Promise<MyLiaisonsResponse> {
  return request<MyLiaisonsResponse>('GET', '/liaisons/mine', undefined, options);
}

/** `POST /liaisons/:id/contacts`: one visit, with an Idempotency-Key so a retry is not counted twice. */
export function logLiaisonContact(
  liaisonId: string,
  body: LogLiaisonContactRequest,
  key: string,
  options?: RequestOptions,
): Promise<LiaisonContactView> {
  return request<LiaisonContactView, LogLiaisonContactRequest>('POST', `/liaisons/${enc(liaisonId)}/contacts`, body, {
    ...options,
    headers: { ...options?.headers, 'Idempotency-Key': key },
  });
}

/** `GET /liaison-contacts?mine=true&liaisonId=`: my contacts of one link, newest first. */
export function listMyLiaisonContacts(liaisonId: string, options?: RequestOptions): Promise<Page<LiaisonContactView>> {
  return request<Page<LiaisonContactView>>(
    'GET',
    `/liaison-contacts?mine=true&liaisonId=${enc(liaisonId)}&page=1&pageSize=30`,
    undefined,
    options,
  );
}

/** One key per contact form. */
export function newContactKey(): string {
  return `liaison-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 10)}`;
}

// ── 我的办实事 ───────────────────────────────────────────────────────────────────────────

/** `GET /deeds?mine=true`: the deeds I am responsible for. */
export function listMyDeeds(pageSize = 50, options?: RequestOptions): Promise<Page<DeedView>> {
  return request<Page<DeedView>>('GET', `/deeds?mine=true&page=1&pageSize=${pageSize}`, undefined, options);
}

/** `POST /deeds/:id/start`: 开始办理. */
export function startDeed(id: string, options?: RequestOptions): Promise<DeedView> {
  return request<DeedView>('POST', `/deeds/${enc(id)}/start`, undefined, options);
}

/** `POST /deeds/:id/done`: 办结, with what was done. */
export function finishDeed(id: string, result: string, options?: RequestOptions): Promise<DeedView> {
  return request<DeedView, { result: string }>('POST', `/deeds/${enc(id)}/done`, { result }, options);
}
