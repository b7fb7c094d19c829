/** Study calls: the learning kit (党员小书包), reflections held for review, and completion per branch. */
import type {
  CreateMaterialRequest,
  MaterialListQuery,
  NoteStatus,
  Page,
  StudyCompletionResponse,
  StudyMaterialView,
  StudyNoteView,
  UpdateMaterialRequest,
} from '@djzy/shared';
import { request } from './client';

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

/** `GET /study/completion?orgId=`: the required materials and, per member, which are done — never minutes. */
export function getCompletion(orgId: string): Promise<StudyCompletionResponse> {
  return request<StudyCompletionResponse>('/study/completion', { query: { orgId } });
}
