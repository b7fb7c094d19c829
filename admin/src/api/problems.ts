/** 问题清单 and 投诉建议 calls. Moves are silent: the dialog that sends one shows its error. */
import type {
  AssignProblemRequest,
  CreateProblemRequest,
  ExtendProblemRequest,
  FeedbackListQuery,
  FeedbackView,
  Page,
  ProblemListQuery,
  ProblemView,
  RecheckProblemRequest,
} from '@djzy/shared';
import { download, request } from './client';
import { usePageQuery, useQueryFor } from './query';

const enc = encodeURIComponent;

/** `GET /problems?orgId=&year=&status=&source=&overdue=&page=&pageSize=`. */
export function listProblems(query: ProblemListQuery): Promise<Page<ProblemView>> {
  return request<Page<ProblemView>>('/problems', { query: { ...query } });
}

/** `GET /problems/:id`, with its history. */
export function getProblem(id: string): Promise<ProblemView> {
  return request<ProblemView>(`/problems/${enc(id)}`);
}

/** `POST /problems` (登记问题). */
export function createProblem(body: CreateProblemRequest): Promise<ProblemView> {
  return request<ProblemView>('/problems', { method: 'POST', body, silent: true });
}

/** The moves the console makes on a problem, with their bodies. */
export type ProblemAction =
  | { move: 'assign'; body: AssignProblemRequest }
  | { move: 'extend'; body: ExtendProblemRequest }
  | { move: 'recheck'; body: RecheckProblemRequest }
  | { move: 'void'; body: { reason: string } };

/** `POST /problems/:id/<move>`. */
export function moveProblem(id: string, action: ProblemAction): Promise<ProblemView> {
  return request<ProblemView>(`/problems/${enc(id)}/${action.move}`, { method: 'POST', body: action.body, silent: true });
}

/** `GET /problems.xlsx?…` (the 三张清单 layout) as a download. */
export function exportProblems(query: Omit<ProblemListQuery, 'page' | 'pageSize'>): Promise<void> {
  return download('/problems.xlsx', '问题清单.xlsx', { query: { ...query } });
}

/** `GET /feedback?status=&orgId=&overdue=&page=&pageSize=` (those who answer it). */
export function listFeedback(query: FeedbackListQuery): Promise<Page<FeedbackView>> {
  return request<Page<FeedbackView>>('/feedback', { query: { ...query } });
}

/** `GET /feedback/:id`. */
export function getFeedback(id: string): Promise<FeedbackView> {
  return request<FeedbackView>(`/feedback/${enc(id)}`);
}

/** `POST /feedback/:id/reply` (once). */
export function replyFeedback(id: string, content: string): Promise<FeedbackView> {
  return request<FeedbackView>(`/feedback/${enc(id)}/reply`, { method: 'POST', body: { content }, silent: true });
}

/** `POST /feedback/:id/problem` (转为问题, once). */
export function feedbackToProblem(id: string): Promise<ProblemView> {
  return request<ProblemView>(`/feedback/${enc(id)}/problem`, { method: 'POST', silent: true });
}

/** Query keys: every problem query starts with `problems`, every feedback query with `feedback`. */
export const problemKeys = {
  all: ['problems'] as const,
  page: (q: ProblemListQuery) => ['problems', 'list', q] as const,
  one: (id: string) => ['problems', 'one', id] as const,
  feedback: ['feedback'] as const,
  feedbackPage: (q: FeedbackListQuery) => ['feedback', 'list', q] as const,
  feedbackOne: (id: string) => ['feedback', 'one', id] as const,
};

export function useProblems(query: ProblemListQuery) {
  return usePageQuery(problemKeys.page, listProblems, query);
}

export function useProblem(id: string | null) {
  return useQueryFor(problemKeys.one, getProblem, id);
}

export function useFeedbackList(query: FeedbackListQuery) {
  return usePageQuery(problemKeys.feedbackPage, listFeedback, query);
}

export function useFeedback(id: string | null) {
  return useQueryFor(problemKeys.feedbackOne, getFeedback, id);
}
