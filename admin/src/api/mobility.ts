/** Mobile-member calls (流动党员): the ledger, per-cadre figures, the record, and contact logs. */
import {
  MAX_PAGE_SIZE,
  type CadreFigures,
  type ContactLogRequest,
  type ContactLogResponse,
  type ContactLogView,
  type MobileMemberListQuery,
  type MobileMemberView,
  type MobilitySettingsView,
  type Page,
  type UpdateMobilitySettingsRequest,
  type UpsertMobilityRequest,
} from '@djzy/shared';
import { request } from './client';
import { usePageQuery, useQueryFor } from './query';

const enc = encodeURIComponent;

/** `GET /mobile-members`: most overdue first; a manager sees their scope. */
export function listMobileMembers(query: MobileMemberListQuery): Promise<Page<MobileMemberView>> {
  return request<Page<MobileMemberView>>('/mobile-members', { query: { ...query } });
}

/** Every row of `GET /mobile-members` for the filters, fetched page by page (export, chart). */
export async function listAllMobileMembers(query: Omit<MobileMemberListQuery, 'page' | 'pageSize'>): Promise<MobileMemberView[]> {
  const rows: MobileMemberView[] = [];
  for (let page = 1; ; page++) {
    const res = await listMobileMembers({ ...query, page, pageSize: MAX_PAGE_SIZE });
    rows.push(...res.items);
    if (!res.items.length || rows.length >= res.total) return rows;
  }
}

/** `GET /mobile-members/cadres`: assignees, contacts this quarter and overdue, per contact cadre. */
export function listCadreFigures(orgId?: string): Promise<CadreFigures[]> {
  return request<CadreFigures[]>('/mobile-members/cadres', { query: { orgId } });
}

/**
 * `PUT /mobile-members/:memberId`: 登记流出, 修改, 更换联系干部 and 登记返乡. Silent: the form shows
 * the server's field messages (CADRE_INVALID names `contactCadreId`).
 */
export function upsertMobility(memberId: string, body: UpsertMobilityRequest): Promise<MobileMemberView> {
  return request<MobileMemberView>(`/mobile-members/${enc(memberId)}`, { method: 'PUT', body, silent: true });
}

/**
 * `POST /mobile-members/:memberId/contacts`. The caller keeps `idempotencyKey` for one submission
 * and sends it again when retrying it, so a lost answer never logs the contact (or its points) twice.
 */
export function logContact(memberId: string, body: ContactLogRequest, idempotencyKey: string): Promise<ContactLogResponse> {
  return request<ContactLogResponse>(`/mobile-members/${enc(memberId)}/contacts`, {
    method: 'POST',
    body,
    headers: { 'Idempotency-Key': idempotencyKey },
    silent: true,
  });
}

/** `GET /mobile-members/:memberId/contacts`: newest first, the member's own reports included. */
export function listContacts(memberId: string): Promise<ContactLogView[]> {
  return request<ContactLogView[]>(`/mobile-members/${enc(memberId)}/contacts`);
}

/** `GET /mobile-members/settings/:orgId`: a township's rules (interval proposed, 失联 days, self reports). */
export function getMobilitySettings(orgId: string, silent = false): Promise<MobilitySettingsView> {
  return request<MobilitySettingsView>(`/mobile-members/settings/${enc(orgId)}`, { silent });
}

/** `PUT /mobile-members/settings/:orgId`. Silent: the form shows the server's field messages. */
export function updateMobilitySettings(orgId: string, body: UpdateMobilitySettingsRequest): Promise<MobilitySettingsView> {
  return request<MobilitySettingsView>(`/mobile-members/settings/${enc(orgId)}`, { method: 'PUT', body, silent: true });
}

/** Query keys of the mobile-member screens; `mobilityKeys.all` covers them all. */
export const mobilityKeys = {
  all: ['mobility'] as const,
  list: (query: MobileMemberListQuery) => ['mobility', 'list', query] as const,
  away: (orgId: string) => ['mobility', 'away', orgId] as const,
  cadres: (orgId: string) => ['mobility', 'cadres', orgId] as const,
  contacts: (memberId: string) => ['mobility', 'contacts', memberId] as const,
  settings: (orgId: string) => ['mobility', 'settings', orgId] as const,
};

/** One page of the ledger (the last page stays on screen while the next loads). */
export function useMobileMembers(query: MobileMemberListQuery | null) {
  return usePageQuery(mobilityKeys.list, listMobileMembers, query);
}

/** The mobile members of an org still away (returned members left out), for the distribution. */
export function useAwayMembers(orgId: string | null) {
  return useQueryFor(
    mobilityKeys.away,
    async (id) => (await listAllMobileMembers({ orgId: id })).filter((m) => m.status !== 'returned'),
    orgId,
  );
}

/** The per-cadre figures of an org. */
export function useCadreFigures(orgId: string | null) {
  return useQueryFor(mobilityKeys.cadres, listCadreFigures, orgId);
}

/** A member's contact log (null: none chosen). */
export function useContacts(memberId: string | null) {
  return useQueryFor(mobilityKeys.contacts, listContacts, memberId);
}

/** A township's rules; silent: the screens that read them say themselves what went wrong. */
export function useMobilitySettings(orgId: string | null) {
  return useQueryFor(mobilityKeys.settings, (id) => getMobilitySettings(id, true), orgId);
}
