/**
 * Study (学习): the learning kit (党员小书包), verified online study, reflections (学习心得) and
 * study plans. Reading time only decides `completed`; it is never ranked or shown as a figure.
 */
export const MATERIAL_KINDS = ['article', 'video', 'document'] as const;
export type MaterialKind = (typeof MATERIAL_KINDS)[number];
export const MATERIAL_KIND_LABELS: Record<MaterialKind, string> = { article: '文章', video: '视频', document: '文档' };

/** How a quiz counts: none, instead of the reading time, or on top of it. */
export const QUIZ_MODES = ['none', 'replace_time', 'with_time'] as const;
export type QuizMode = (typeof QUIZ_MODES)[number];

/** A heartbeat is expected this often; a longer gap counts only this much (a phone left open overnight counts nothing more). */
export const STUDY_HEARTBEAT_SECONDS = 30;
export const STUDY_MAX_GAP_SECONDS = 60;
export const NOTE_MAX_CHARS = 5000;
export const NOTE_MIN_CHARS = 10;

export interface QuizQuestionView {
  id: string;
  text: string;
  options: string[];
}
export interface QuizQuestionInput {
  text: string;
  options: string[];
  /** Index of the right option. */
  answer: number;
}

export interface StudyMaterialView {
  id: string;
  title: string;
  kind: MaterialKind;
  summary: string | null;
  tags: string[];
  /** Article text (paragraphs separated by blank lines). */
  body: string | null;
  /** Video or document address (an upload or an external link). */
  url: string | null;
  orgId: string;
  orgName: string;
  required: boolean;
  status: 'draft' | 'published';
  minSeconds: number;
  quizMode: QuizMode;
  quiz: QuizQuestionView[];
  createdAt: string;
  /** The caller's own completion (members only). */
  completed: boolean | null;
  completedAt: string | null;
}

/** `POST /study/materials` (admin). */
export interface CreateMaterialRequest {
  title: string;
  kind: MaterialKind;
  body?: string;
  url?: string;
  summary?: string;
  tags?: string[];
  orgId?: string;
  required?: boolean;
  minSeconds: number;
  quizMode?: QuizMode;
  quiz?: QuizQuestionInput[];
  status?: 'draft' | 'published';
}
export type UpdateMaterialRequest = Partial<CreateMaterialRequest>;

export interface MaterialListQuery {
  q?: string;
  tag?: string;
  required?: boolean;
  status?: 'draft' | 'published';
  page?: number;
  pageSize?: number;
}

/** `POST /study/materials/:id/sessions`. */
export interface StudySessionStarted {
  sessionId: string;
  minSeconds: number;
  heartbeatSeconds: number;
  alreadyCompleted: boolean;
}
/** `POST /study/sessions/:id/heartbeat`. */
export interface StudyHeartbeatResponse {
  secondsCounted: number;
  completed: boolean;
}
/** `POST /study/sessions/:id/finish` `{ quizAnswers? }`. */
export interface FinishSessionRequest {
  /** questionId → chosen option index. */
  quizAnswers?: Record<string, number>;
}
export interface FinishSessionResponse {
  secondsCounted: number;
  completed: boolean;
  pointsAwarded: number;
  quizPassed: boolean | null;
}

export const NOTE_STATUSES = ['published', 'review', 'rejected'] as const;
export type NoteStatus = (typeof NOTE_STATUSES)[number];
export const NOTE_STATUS_LABELS: Record<NoteStatus, string> = { published: '已发布', review: '待审核', rejected: '未通过' };

/** `POST /study/notes`. */
export interface CreateNoteRequest {
  materialId?: string;
  activityId?: string;
  content: string;
}
export interface StudyNoteView {
  id: string;
  memberId: string;
  memberName: string;
  materialId: string | null;
  materialTitle: string | null;
  activityId: string | null;
  content: string;
  status: NoteStatus;
  createdAt: string;
}
export interface CreateNoteResponse {
  note: StudyNoteView;
  pointsAwarded: number;
}

/** What a member has done: materials completed and reflections — never minutes. */
export interface MyStudyResponse {
  completed: { materialId: string; title: string; completedAt: string }[];
  requiredPending: { materialId: string; title: string }[];
  notes: StudyNoteView[];
}

/** Completion of the required materials per member of a branch (done / not done). */
export interface StudyCompletionResponse {
  orgId: string;
  materials: { id: string; title: string }[];
  members: { memberId: string; name: string; done: string[] }[];
}
