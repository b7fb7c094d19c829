/** 为群众办实事, 便民服务 and 联村联片联户 calls. Writes are silent: the dialog that sends one shows its error. */
import type {
  CreateDeedRequest,
  CreateLiaisonRequest,
  CreateServiceRequestRequest,
  DeedConfirmRequest,
  DeedFromSourceRequest,
  DeedListQuery,
  DeedView,
  HandleServiceRequestRequest,
  LiaisonContactListQuery,
  LiaisonContactView,
  LiaisonListQuery,
  LiaisonView,
  Page,
  ServiceRequestListQuery,
  ServiceRequestView,
} from '@djzy/shared';
import { download, request } from './client';
import { usePageQuery } from './query';

const enc = encodeURIComponent;

/** `GET /deeds?orgId=&year=&status=&source=&overdue=&page=&pageSize=`. */
export function listDeeds(query: DeedListQuery): Promise<Page<DeedView>> {
  return request<Page<DeedView>>('/deeds', { query: { ...query } });
}

/** `POST /deeds` (登记办实事). */
export function createDeed(body: CreateDeedRequest): Promise<DeedView> {
  return request<DeedView>('/deeds', { method: 'POST', body, silent: true });
}

/** The moves the console makes on a deed, with their bodies. */
export type DeedAction =
  | { move: 'accept' | 'start'; body?: undefined }
  | { move: 'done'; body: { result: string } }
  | { move: 'confirm'; body: DeedConfirmRequest }
  | { move: 'decline'; body: { reason: string } };

/** `POST /deeds/:id/<move>`. */
export function moveDeed(id: string, action: DeedAction): Promise<DeedView> {
  return request<DeedView>(`/deeds/${enc(id)}/${action.move}`, { method: 'POST', body: action.body ?? {}, silent: true });
}

/** `GET /deeds.xlsx?…` (the 为群众办实事台账) as a download. */
export function exportDeeds(query: Omit<DeedListQuery, 'page' | 'pageSize'>): Promise<void> {
  return download('/deeds.xlsx', '为群众办实事台账.xlsx', { query: { ...query } });
}

/** `POST /feedback/:id/deed` (投诉建议 → 办实事, once). */
export function feedbackToDeed(id: string, body: DeedFromSourceRequest): Promise<DeedView> {
  return request<DeedView>(`/feedback/${enc(id)}/deed`, { method: 'POST', body, silent: true });
}

/** `GET /service-requests?orgId=&year=&status=&page=&pageSize=`. */
export function listServiceRequests(query: ServiceRequestListQuery): Promise<Page<ServiceRequestView>> {
  return request<Page<ServiceRequestView>>('/service-requests', { query: { ...query } });
}

/** `POST /service-requests` (窗口登记). */
export function createServiceRequest(body: CreateServiceRequestRequest): Promise<ServiceRequestView> {
  return request<ServiceRequestView>('/service-requests', { method: 'POST', body, silent: true });
}

/** `POST /service-requests/:id/handle` (当场办结 / 转办). */
export function handleServiceRequest(id: string, body: HandleServiceRequestRequest): Promise<ServiceRequestView> {
  return request<ServiceRequestView>(`/service-requests/${enc(id)}/handle`, { method: 'POST', body, silent: true });
}

/** `POST /service-requests/:id/deed` (转为办实事). */
export function serviceRequestToDeed(id: string, body: DeedFromSourceRequest): Promise<DeedView> {
  return request<DeedView>(`/service-requests/${enc(id)}/deed`, { method: 'POST', body, silent: true });
}

/** `GET /liaisons?orgId=&kind=&page=&pageSize=`. */
export function listLiaisons(query: LiaisonListQuery): Promise<Page<LiaisonView>> {
  return request<Page<LiaisonView>>('/liaisons', { query: { ...query } });
}

/** `POST /liaisons`. */
export function createLiaison(body: CreateLiaisonRequest): Promise<LiaisonView> {
  return request<LiaisonView>('/liaisons', { method: 'POST', body, silent: true });
}

/** `GET /liaison-contacts?orgId=&liaisonId=&page=&pageSize=`. */
export function listLiaisonContacts(query: LiaisonContactListQuery): Promise<Page<LiaisonContactView>> {
  return request<Page<LiaisonContactView>>('/liaison-contacts', { query: { ...query } });
}

/** Query keys: every deed query starts with `deeds`, requests with `service-requests`, links with `liaisons`. */
export const serviceKeys = {
  deeds: ['deeds'] as const,
  deedPage: (q: DeedListQuery) => ['deeds', 'list', q] as const,
  requests: ['service-requests'] as const,
  requestPage: (q: ServiceRequestListQuery) => ['service-requests', 'list', q] as const,
  liaisons: ['liaisons'] as const,
  liaisonPage: (q: LiaisonListQuery) => ['liaisons', 'list', q] as const,
  contactPage: (q: LiaisonContactListQuery) => ['liaisons', 'contacts', q] as const,
};

export const useDeeds = (q: DeedListQuery) => usePageQuery(serviceKeys.deedPage, listDeeds, q);
export const useServiceRequests = (q: ServiceRequestListQuery) => usePageQuery(serviceKeys.requestPage, listServiceRequests, q);
export const useLiaisons = (q: LiaisonListQuery) => usePageQuery(serviceKeys.liaisonPage, listLiaisons, q);
export const useLiaisonContacts = (q: LiaisonContactListQuery) => usePageQuery(serviceKeys.contactPage, listLiaisonContacts, q);
