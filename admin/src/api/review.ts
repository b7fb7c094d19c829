/**
 * 述职评议 and 百分制考核 calls. Moves are silent: the button or dialog that sends one shows its
 * error (a 409 with the state it found, a 400 with the field).
 */
import type {
  AssessmentTemplateInput,
  AssessmentTemplateView,
  AssessRequest,
  ConfirmAssessmentRequest,
  CreateAssessmentTemplateRequest,
  CreateReviewCommentRequest,
  CreateReviewSessionRequest,
  DutyReportView,
  IssueBallotTokensResponse,
  PaperTallyRequest,
  PaperTallyView,
  ProblemView,
  RateReviewRequest,
  ResolveAppealRequest,
  ReviewCommentView,
  ReviewReporterView,
  ReviewResultsView,
  ReviewSessionView,
  SecretaryAssessmentView,
  SelfAssessRequest,
  UpdateReviewSessionRequest,
} from '@djzy/shared';
import { request } from './client';
import { useQueryFor } from './query';

const enc = encodeURIComponent;

export function listReviewSessions(year?: number): Promise<ReviewSessionView[]> {
  return request<ReviewSessionView[]>('/review-sessions', { query: { year } });
}
export function reviewCandidates(activityId: string): Promise<ReviewReporterView[]> {
  return request<ReviewReporterView[]>('/review-sessions/candidates', { query: { activityId }, silent: true });
}
export function createReviewSession(body: CreateReviewSessionRequest): Promise<ReviewSessionView> {
  return request<ReviewSessionView>('/review-sessions', { method: 'POST', body, silent: true });
}
export function updateReviewSession(id: string, body: UpdateReviewSessionRequest): Promise<ReviewSessionView> {
  return request<ReviewSessionView>(`/review-sessions/${enc(id)}`, { method: 'PATCH', body, silent: true });
}
export type ReviewMove = 'reports-due' | 'open' | 'close' | 'publish';
export function moveReviewSession(id: string, move: ReviewMove): Promise<ReviewSessionView> {
  return request<ReviewSessionView>(`/review-sessions/${enc(id)}/${move}`, { method: 'POST', silent: true });
}
export function rateReviewSession(id: string, body: RateReviewRequest): Promise<ReviewSessionView> {
  return request<ReviewSessionView>(`/review-sessions/${enc(id)}/rate`, { method: 'POST', body, silent: true });
}
export function issueBallotTokens(id: string, count: number): Promise<IssueBallotTokensResponse> {
  return request<IssueBallotTokensResponse>(`/review-sessions/${enc(id)}/tokens`, { method: 'POST', body: { count }, silent: true });
}
export function enterPaperTally(id: string, body: PaperTallyRequest): Promise<PaperTallyView> {
  return request<PaperTallyView>(`/review-sessions/${enc(id)}/paper-tallies`, { method: 'POST', body, silent: true });
}
export function getReviewResults(id: string): Promise<ReviewResultsView> {
  return request<ReviewResultsView>(`/review-sessions/${enc(id)}/results`, { silent: true });
}
export function listDutyReports(id: string): Promise<DutyReportView[]> {
  return request<DutyReportView[]>(`/review-sessions/${enc(id)}/duty-reports`);
}
export function reviewDutyReport(id: string, move: 'accept' | 'return', note?: string): Promise<DutyReportView> {
  return request<DutyReportView>(`/duty-reports/${enc(id)}/${move}`, {
    method: 'POST',
    body: move === 'return' ? { note } : undefined,
    silent: true,
  });
}
export function writeDutyReport(id: string, body: string): Promise<DutyReportView> {
  return request<DutyReportView>(`/duty-reports/${enc(id)}`, { method: 'PUT', body: { body }, silent: true });
}
export function submitDutyReport(id: string): Promise<DutyReportView> {
  return request<DutyReportView>(`/duty-reports/${enc(id)}/submit`, { method: 'POST', silent: true });
}
export function listReviewComments(id: string): Promise<ReviewCommentView[]> {
  return request<ReviewCommentView[]>(`/review-sessions/${enc(id)}/comments`);
}
export function addReviewComment(id: string, body: CreateReviewCommentRequest): Promise<ReviewCommentView> {
  return request<ReviewCommentView>(`/review-sessions/${enc(id)}/comments`, { method: 'POST', body, silent: true });
}
export function commentToProblem(commentId: string): Promise<ProblemView> {
  return request<ProblemView>(`/review-comments/${enc(commentId)}/problem`, { method: 'POST', body: {}, silent: true });
}

/** The link a ballot slip's QR carries: the H5 ballot page (WeChat opens it in its browser, or the mini-program through a plain-link rule). */
export function ballotUrl(token: string): string {
  return `${window.location.origin}/h5/#/pages/ballot/index?t=${enc(token)}`;
}
/** Tokens are shown once: the print page reads them from this session's storage. */
export const slipsKey = (sessionId: string) => `djzy.ballot-slips.${sessionId}`;

// ── 百分制 ─────────────────────────────────────────────────────────────────────────────────

export function listTemplates(year?: number): Promise<AssessmentTemplateView[]> {
  return request<AssessmentTemplateView[]>('/assessment-templates', { query: { year } });
}
export function createTemplate(body: CreateAssessmentTemplateRequest): Promise<AssessmentTemplateView> {
  return request<AssessmentTemplateView>('/assessment-templates', { method: 'POST', body, silent: true });
}
export function saveTemplate(id: string, body: AssessmentTemplateInput): Promise<AssessmentTemplateView> {
  return request<AssessmentTemplateView>(`/assessment-templates/${enc(id)}`, { method: 'PUT', body, silent: true });
}
export function listAssessments(templateId: string): Promise<SecretaryAssessmentView[]> {
  return request<SecretaryAssessmentView[]>('/secretary-assessments', { query: { templateId } });
}
export function getAssessment(id: string): Promise<SecretaryAssessmentView> {
  return request<SecretaryAssessmentView>(`/secretary-assessments/${enc(id)}`);
}
export function createAssessment(templateId: string, subjectMemberId: string): Promise<SecretaryAssessmentView> {
  return request<SecretaryAssessmentView>('/secretary-assessments', {
    method: 'POST',
    body: { templateId, subjectMemberId },
    silent: true,
  });
}
export type AssessmentAction =
  | { move: 'self-assess'; body: SelfAssessRequest }
  | { move: 'assess'; body: AssessRequest }
  | { move: 'confirm'; body: ConfirmAssessmentRequest }
  | { move: 'publish'; body?: undefined }
  | { move: 'resolve-appeal'; body: ResolveAppealRequest };
export function moveAssessment(id: string, action: AssessmentAction): Promise<SecretaryAssessmentView> {
  return request<SecretaryAssessmentView>(`/secretary-assessments/${enc(id)}/${action.move}`, {
    method: 'POST',
    body: action.body,
    silent: true,
  });
}

export const reviewKeys = {
  all: ['review'] as const,
  sessions: (year: number | '') => ['review', 'sessions', year] as const,
  reports: (id: string) => ['review', 'reports', id] as const,
  results: (id: string) => ['review', 'results', id] as const,
  comments: (id: string) => ['review', 'comments', id] as const,
  templates: ['review', 'templates'] as const,
  assessments: (templateId: string) => ['review', 'assessments', templateId] as const,
  assessment: (id: string) => ['review', 'assessment', id] as const,
};

export const useReviewSessions = (year: number | '') =>
  useQueryFor(reviewKeys.sessions, (y: number | '') => listReviewSessions(y || undefined), year);
export const useDutyReports = (id: string | null) => useQueryFor(reviewKeys.reports, listDutyReports, id);
export const useReviewResults = (id: string | null) => useQueryFor(reviewKeys.results, getReviewResults, id);
export const useReviewComments = (id: string | null) => useQueryFor(reviewKeys.comments, listReviewComments, id);
export const useTemplates = () =>
  useQueryFor(
    () => reviewKeys.templates,
    () => listTemplates(),
    true,
  );
export const useAssessments = (templateId: string | null) => useQueryFor(reviewKeys.assessments, listAssessments, templateId);
export const useAssessment = (id: string | null) => useQueryFor(reviewKeys.assessment, getAssessment, id);
