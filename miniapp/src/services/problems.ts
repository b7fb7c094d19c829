import type { CreateFeedbackRequest, CreateFeedbackResponse, FeedbackView, Page, ProblemProgressRequest, ProblemView } from '@djzy/shared';
import { request, type RequestOptions } from './request';

const enc = encodeURIComponent;

// ── 投诉建议 ─────────────────────────────────────────────────────────────────────────────

/** `POST /feedback`: a complaint or suggestion about my own branch (the server's default). */
export function createFeedback(body: CreateFeedbackRequest, options?: RequestOptions): Promise<CreateFeedbackResponse> {
  return request<CreateFeedbackResponse, CreateFeedbackRequest>('POST', '/feedback', body, options);
}

/** `GET /feedback/mine`: what I sent, newest first, with the replies. */
export function listMyFeedback(options?: RequestOptions): Promise<Page<FeedbackView>> {
  return request<Page<FeedbackView>>('GET', '/feedback/mine?page=1&pageSize=50', undefined, options);
}

// ── 我的整改任务 ─────────────────────────────────────────────────────────────────────────

/** `GET /problems?mine=true`: the problems I am responsible for rectifying. */
export function listMyProblems(pageSize = 50, options?: RequestOptions): Promise<Page<ProblemView>> {
  return request<Page<ProblemView>>('GET', `/problems?mine=true&page=1&pageSize=${pageSize}`, undefined, options);
}

/** `GET /problems/:id`: one problem with its history (`events`). */
export function getProblem(id: string, options?: RequestOptions): Promise<ProblemView> {
  return request<ProblemView>('GET', `/problems/${enc(id)}`, undefined, options);
}

/** `POST /problems/:id/progress`: 整改进展, with links to my own records as evidence. */
export function recordProgress(id: string, body: ProblemProgressRequest, options?: RequestOptions): Promise<ProblemView> {
  return request<ProblemView, ProblemProgressRequest>('POST', `/problems/${enc(id)}/progress`, body, options);
}

/** `POST /problems/:id/submit`: 申请销号 (the assigning org then rechecks). */
export function submitProblem(id: string, options?: RequestOptions): Promise<ProblemView> {
  return request<ProblemView>('POST', `/problems/${enc(id)}/submit`, undefined, options);
}
