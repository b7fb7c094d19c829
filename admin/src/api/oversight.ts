/** 督查通报, 专项检查, 约谈 and 责任清单 calls. Saves are silent: the form that sends one shows its error. */
import type {
  AcknowledgeResponsibilityRequest,
  CreateInspectionNoticeRequest,
  CreateInspectionRequest,
  CreateInterviewRequest,
  CreateResponsibilityItemRequest,
  EvaluateResponsibilityRequest,
  InspectionNoticeView,
  InspectionView,
  InterviewCandidate,
  InterviewView,
  ResponsibilityItemView,
} from '@djzy/shared';
import { useQuery } from '@tanstack/react-query';
import { download, request } from './client';
import { useQueryFor } from './query';

const enc = encodeURIComponent;

// ── 督查通报 ──
export function listNotices(year?: number): Promise<InspectionNoticeView[]> {
  return request<InspectionNoticeView[]>('/inspection-notices', { query: { year } });
}
export function createNotice(body: CreateInspectionNoticeRequest): Promise<InspectionNoticeView> {
  return request<InspectionNoticeView>('/inspection-notices', { method: 'POST', body, silent: true });
}
export function publishNotice(id: string): Promise<InspectionNoticeView> {
  return request<InspectionNoticeView>(`/inspection-notices/${enc(id)}/publish`, { method: 'POST', silent: true });
}
export function withdrawNotice(id: string, reason: string): Promise<InspectionNoticeView> {
  return request<InspectionNoticeView>(`/inspection-notices/${enc(id)}/withdraw`, { method: 'POST', body: { reason }, silent: true });
}
/** `GET /inspection-notices/:id.docx` as a download (the server names the file). */
export function downloadNotice(n: InspectionNoticeView): Promise<void> {
  return download(`/inspection-notices/${enc(n.id)}.docx`, `${n.title}.docx`);
}

// ── 专项检查 ──
export function listInspections(year?: number): Promise<InspectionView[]> {
  return request<InspectionView[]>('/inspections', { query: { year } });
}
export function createInspection(body: CreateInspectionRequest): Promise<InspectionView> {
  return request<InspectionView>('/inspections', { method: 'POST', body, silent: true });
}

// ── 约谈 ──
export function listInterviews(): Promise<InterviewView[]> {
  return request<InterviewView[]>('/interviews');
}
export function createInterview(body: CreateInterviewRequest): Promise<InterviewView> {
  return request<InterviewView>('/interviews', { method: 'POST', body, silent: true });
}
export function interviewCandidates(orgId: string): Promise<InterviewCandidate[]> {
  return request<InterviewCandidate[]>('/interviews/candidates', { query: { orgId } });
}

// ── 责任清单 ──
export function listResponsibility(orgId: string, year: number): Promise<ResponsibilityItemView[]> {
  return request<ResponsibilityItemView[]>('/responsibility-items', { query: { orgId, year } });
}
export function createResponsibility(body: CreateResponsibilityItemRequest): Promise<ResponsibilityItemView> {
  return request<ResponsibilityItemView>('/responsibility-items', { method: 'POST', body, silent: true });
}
export function publishResponsibility(orgId: string, year: number): Promise<{ published: number; branches: number }> {
  return request<{ published: number; branches: number }>('/responsibility-items/publish', {
    method: 'POST',
    body: { orgId, year },
    silent: true,
  });
}
export function acknowledgeResponsibility(id: string, body: AcknowledgeResponsibilityRequest): Promise<ResponsibilityItemView> {
  return request<ResponsibilityItemView>(`/responsibility-items/${enc(id)}/acknowledge`, { method: 'POST', body, silent: true });
}
export function evaluateResponsibility(id: string, body: EvaluateResponsibilityRequest): Promise<ResponsibilityItemView> {
  return request<ResponsibilityItemView>(`/responsibility-items/${enc(id)}/evaluate`, { method: 'POST', body, silent: true });
}

/** Query keys: each kind under its own root, invalidated by its saves. */
export const oversightKeys = {
  notices: ['inspection-notices'] as const,
  noticeList: (year?: number) => ['inspection-notices', 'list', year ?? null] as const,
  inspections: ['inspections'] as const,
  inspectionList: (year?: number) => ['inspections', 'list', year ?? null] as const,
  interviews: ['interviews'] as const,
  candidates: (orgId: string) => ['interviews', 'candidates', orgId] as const,
  responsibility: ['responsibility-items'] as const,
  responsibilityList: (q: { orgId: string; year: number }) => ['responsibility-items', 'list', q.orgId, q.year] as const,
};

export function useNotices(year?: number) {
  return useQuery({ queryKey: oversightKeys.noticeList(year), queryFn: () => listNotices(year) });
}
export function useInspections(year?: number) {
  return useQuery({ queryKey: oversightKeys.inspectionList(year), queryFn: () => listInspections(year) });
}
export function useInterviews() {
  return useQuery({ queryKey: oversightKeys.interviews, queryFn: listInterviews });
}
export function useCandidates(orgId: string | null) {
  return useQueryFor(oversightKeys.candidates, interviewCandidates, orgId);
}
export function useResponsibility(q: { orgId: string; year: number } | null) {
  return useQueryFor(oversightKeys.responsibilityList, (a: { orgId: string; year: number }) => listResponsibility(a.orgId, a.year), q);
}
