import type {
  CreateNoteRequest,
  CreateNoteResponse,
  FinishSessionRequest,
  FinishSessionResponse,
  MyStudyResponse,
  Page,
  StudyHeartbeatResponse,
  StudyMaterialView,
  StudyPlanStatus,
  StudyPlanView,
  StudySessionStarted,
} from '@djzy/shared';
import { request, type RequestOptions } from './request';

const enc = encodeURIComponent;

/** `GET /study/materials?q=`: the learning kit, 必学 first, each with my `completed`. */
export function listMaterials(q = '', options?: RequestOptions, tag?: string): Promise<Page<StudyMaterialView>> {
  const params = ['pageSize=100'];
  if (q.trim()) params.push(`q=${enc(q.trim())}`);
  if (tag) params.push(`tag=${enc(tag)}`);
  return request<Page<StudyMaterialView>>('GET', `/study/materials?${params.join('&')}`, undefined, options);
}

/** `GET /study/materials/:id`. */
export function getMaterial(id: string, options?: RequestOptions): Promise<StudyMaterialView> {
  return request<StudyMaterialView>('GET', `/study/materials/${enc(id)}`, undefined, options);
}

/** `POST /study/materials/:id/sessions`: starts a reading session. */
export function startSession(materialId: string, options?: RequestOptions): Promise<StudySessionStarted> {
  return request<StudySessionStarted>('POST', `/study/materials/${enc(materialId)}/sessions`, {}, options);
}

/** `POST /study/sessions/:id/heartbeat`. */
export function heartbeat(sessionId: string): Promise<StudyHeartbeatResponse> {
  return request<StudyHeartbeatResponse>('POST', `/study/sessions/${enc(sessionId)}/heartbeat`, {}, { silent: true });
}

/** `POST /study/sessions/:id/finish {quizAnswers?}`. */
export function finishSession(sessionId: string, body: FinishSessionRequest): Promise<FinishSessionResponse> {
  return request<FinishSessionResponse, FinishSessionRequest>('POST', `/study/sessions/${enc(sessionId)}/finish`, body);
}

/** `POST /study/notes`: a reflection (学习心得). */
export function createNote(body: CreateNoteRequest, options?: RequestOptions): Promise<CreateNoteResponse> {
  return request<CreateNoteResponse, CreateNoteRequest>('POST', '/study/notes', body, options);
}

/** `GET /study/me`: what I completed, required ones pending, my reflections. */
export function getMyStudy(): Promise<MyStudyResponse> {
  return request<MyStudyResponse>('GET', '/study/me');
}

/** `GET /study/plans?status=`: the study plans (学习计划) of my orgs, each with my progress. */
export function listPlans(status: StudyPlanStatus, options?: RequestOptions): Promise<Page<StudyPlanView>> {
  return request<Page<StudyPlanView>>('GET', `/study/plans?status=${status}&pageSize=50`, undefined, options);
}

/** `GET /study/plans/:id`: one plan with its materials and my progress. */
export function getPlan(id: string, options?: RequestOptions): Promise<StudyPlanView> {
  return request<StudyPlanView>('GET', `/study/plans/${enc(id)}`, undefined, options);
}
