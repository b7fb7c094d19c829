/**
 * Study calls: the learning kit (党员小书包) and its uploads, reflections held for review,
 * completion per branch, and study plans (学习计划) with their completion.
 */
import {
  MAX_PAGE_SIZE,
  type CreateMaterialRequest,
  type CreateStudyPlanRequest,
  type MaterialListQuery,
  type NoteStatus,
  type Page,
  type StudyBranchCompletionResponse,
  type StudyCompletionResponse,
  type StudyFileView,
  type StudyMaterialView,
  type StudyNoteView,
  type StudyPlanCompletionResponse,
  type StudyPlanListQuery,
  type StudyPlanView,
  type StudyUploadKind,
  type UpdateMaterialRequest,
  type UpdateStudyPlanRequest,
} from '@djzy/shared';
import { useQuery } from '@tanstack/react-query';
import { download, request } from './client';
import { usePageQuery, useQueryFor } from './query';

const enc = encodeURIComponent;

/** `GET /study/materials`: an admin also sees the drafts of their scope; required first, then newest. */
export function listMaterials(query: MaterialListQuery): Promise<Page<StudyMaterialView>> {
  return request<Page<StudyMaterialView>>('/study/materials', { query: { ...query } });
}

/** `GET /study/materials/:id`. */
export function getMaterial(id: string): Promise<StudyMaterialView> {
  return request<StudyMaterialView>(`/study/materials/${enc(id)}`);
}

/** `POST /study/materials` (admins); silent because the form shows field errors itself. */
export function createMaterial(body: CreateMaterialRequest): Promise<StudyMaterialView> {
  return request<StudyMaterialView>('/study/materials', { method: 'POST', body, silent: true });
}

/** `PATCH /study/materials/:id`; silent: the form shows field errors itself. */
export function updateMaterial(id: string, body: UpdateMaterialRequest): Promise<StudyMaterialView> {
  return request<StudyMaterialView>(`/study/materials/${enc(id)}`, { method: 'PATCH', body, silent: true });
}

/** 发布 / 撤回 from the list: `PATCH /study/materials/:id { status }`, errors shown as a message. */
export function setMaterialStatus(id: string, status: 'draft' | 'published'): Promise<StudyMaterialView> {
  return request<StudyMaterialView>(`/study/materials/${enc(id)}`, { method: 'PATCH', body: { status } });
}

/** `GET /study/notes?status=`: a manager sees the reflections of their scope, held ones too. */
export function listNotes(query: { status?: NoteStatus; page?: number; pageSize?: number }): Promise<Page<StudyNoteView>> {
  return request<Page<StudyNoteView>>('/study/notes', { query: { ...query } });
}

/** `POST /study/notes/:id/approve|reject`: publishing a held reflection awards its points. */
export function reviewNote(id: string, approve: boolean): Promise<StudyNoteView> {
  return request<StudyNoteView>(`/study/notes/${enc(id)}/${approve ? 'approve' : 'reject'}`, { method: 'POST' });
}

/** `GET /study/completion/branches?orgId=`: every branch under a township (or the county), done / not done — never minutes. */
export function getBranchCompletion(orgId: string): Promise<StudyBranchCompletionResponse> {
  return request<StudyBranchCompletionResponse>('/study/completion/branches', { query: { orgId } });
}

/** `GET /study/completion?orgId=`: the required materials and, per member, which are done — never minutes. */
export function getCompletion(orgId: string): Promise<StudyCompletionResponse> {
  return request<StudyCompletionResponse>('/study/completion', { query: { orgId } });
}

/** `POST /study/uploads?kind=video|document` (multipart `file`); silent: the uploader shows the server's message. */
export function uploadStudyFile(kind: StudyUploadKind, file: File): Promise<StudyFileView> {
  const form = new FormData();
  form.append('file', file, file.name);
  return request<StudyFileView>('/study/uploads', { method: 'POST', query: { kind }, body: form, silent: true });
}

/** `GET /study/plans?orgId=&status=`: the plans of the caller's orgs. */
export function listPlans(query: StudyPlanListQuery): Promise<Page<StudyPlanView>> {
  return request<Page<StudyPlanView>>('/study/plans', { query: { ...query } });
}

/** `POST /study/plans`; silent because the form shows field errors itself. */
export function createPlan(body: CreateStudyPlanRequest): Promise<StudyPlanView> {
  return request<StudyPlanView>('/study/plans', { method: 'POST', body, silent: true });
}

/** `PATCH /study/plans/:id`; silent: the form shows field errors itself. */
export function updatePlan(id: string, body: UpdateStudyPlanRequest): Promise<StudyPlanView> {
  return request<StudyPlanView>(`/study/plans/${enc(id)}`, { method: 'PATCH', body, silent: true });
}

/** `DELETE /study/plans/:id`. */
export function deletePlan(id: string): Promise<void> {
  return request<void>(`/study/plans/${enc(id)}`, { method: 'DELETE' });
}

/** `GET /study/plans/:id/completion.xlsx`, saved by the browser. */
export function exportPlanCompletion(id: string, fallbackName: string): Promise<void> {
  return download(`/study/plans/${enc(id)}/completion.xlsx`, fallbackName);
}

/** `GET /study/plans/:id/completion`: per member, which of the plan's materials are done — never minutes. */
export function getPlanCompletion(id: string): Promise<StudyPlanCompletionResponse> {
  return request<StudyPlanCompletionResponse>(`/study/plans/${enc(id)}/completion`);
}

/** Query keys of the study screens. */
export const studyKeys = {
  materials: ['study', 'materials'] as const,
  materialPage: (query: MaterialListQuery) => ['study', 'materials', 'page', query] as const,
  published: (forOrgId: string | null) => ['study', 'materials', 'published', forOrgId] as const,
  notes: ['study', 'notes'] as const,
  notePage: (query: { status?: NoteStatus; page?: number; pageSize?: number }) => ['study', 'notes', query] as const,
  completion: (orgId: string) => ['study', 'completion', orgId] as const,
  branchCompletion: (orgId: string) => ['study', 'completion', 'branches', orgId] as const,
  plans: ['study', 'plans'] as const,
  planPage: (query: StudyPlanListQuery) => ['study', 'plans', 'page', query] as const,
  planCompletion: (id: string) => ['study', 'plans', 'completion', id] as const,
};

/** One page of the learning kit (the last page stays on screen while the next loads). */
export function useMaterials(query: MaterialListQuery) {
  return usePageQuery(studyKeys.materialPage, listMaterials, query);
}

/** The published materials an org's activity or plan may link (up to five pages); `active` false: not needed yet. */
export function usePublishedMaterialList(active: boolean, forOrgId: string | null) {
  return useQuery({
    queryKey: studyKeys.published(forOrgId),
    queryFn: async () => {
      const all: StudyMaterialView[] = [];
      for (let page = 1; page <= 5; page++) {
        const p = await listMaterials({ status: 'published', forOrgId: forOrgId ?? undefined, page, pageSize: MAX_PAGE_SIZE });
        all.push(...p.items);
        if (all.length >= p.total || !p.items.length) break;
      }
      return all;
    },
    enabled: active,
  });
}

/** One page of the reflections of a status. */
export function useNotes(query: { status?: NoteStatus; page?: number; pageSize?: number }) {
  return usePageQuery(studyKeys.notePage, listNotes, query);
}

/** Completion per branch of an org (null: none chosen yet). */
export function useCompletion(orgId: string | null) {
  return useQueryFor(studyKeys.completion, getCompletion, orgId);
}

/** Completion of every branch under an org (null: none chosen, or a branch). */
export function useBranchCompletion(orgId: string | null) {
  return useQueryFor(studyKeys.branchCompletion, getBranchCompletion, orgId);
}

/** One page of the study plans. */
export function usePlans(query: StudyPlanListQuery) {
  return usePageQuery(studyKeys.planPage, listPlans, query);
}

/** A plan's completion (null: none open). */
export function usePlanCompletion(id: string | null) {
  return useQueryFor(studyKeys.planCompletion, getPlanCompletion, id);
}
