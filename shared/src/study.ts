/**
 * Study (学习): the learning kit (党员小书包), verified online study, reflections (学习心得) and
 * study plans. Reading time only decides `completed`; it is never ranked or shown as a figure.
 */
import { LIMITS } from './limits.js';
export const MATERIAL_KINDS = ['article', 'video', 'document'] as const;
export type MaterialKind = (typeof MATERIAL_KINDS)[number];
export const MATERIAL_KIND_LABELS: Record<MaterialKind, string> = { article: '文章', video: '视频', document: '文档' };

/** How a quiz counts: none, instead of the reading time, or on top of it. */
export const QUIZ_MODES = ['none', 'replace_time', 'with_time'] as const;
export type QuizMode = (typeof QUIZ_MODES)[number];

/** A heartbeat is expected this often; a longer gap counts only this much (a phone left open overnight counts nothing more). */
export const STUDY_HEARTBEAT_SECONDS = 30;
export const STUDY_MAX_GAP_SECONDS = 60;
export const NOTE_MAX_CHARS = LIMITS.noteMax;
export const NOTE_MIN_CHARS = LIMITS.noteMin;

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
  /** Video or document address: an external link, or for an upload a signed address that works for a few hours (fetch the material again for a fresh one). */
  url: string | null;
  /** The uploaded file behind `url`, when it is one (`POST /study/uploads`). */
  fileId: string | null;
  /** That file's name and size, for the editor. */
  file: { filename: string; size: number; contentType: string } | null;
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
  /** An external link (video or PDF), or … */
  url?: string;
  /** … an uploaded file of the same kind (`POST /study/uploads`). */
  fileId?: string;
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
  /** Only the published materials the members of this org can be given to study (a plan or an online study of that org; managers of it only). */
  forOrgId?: string;
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
  /** Online study activities this completion finished (now counted as present). */
  attended: { activityId: string; title: string }[];
  /** Not completed: the session stays open (keep reading, answer again in it); completed: closed. */
  sessionOpen: boolean;
  /** The questions answered wrongly or not at all, by their number on the page (1-based). */
  wrongQuestions: number[];
}

export const NOTE_STATUSES = ['published', 'review', 'rejected'] as const;
export type NoteStatus = (typeof NOTE_STATUSES)[number];
/** A reflection's status, for the member and the console alike (a held note waits for the branch). */
export const NOTE_STATUS_LABELS: Record<NoteStatus, string> = { published: '已发布', review: '待支部审核', rejected: '未通过' };

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
  /** Study plans of the member's orgs that are running now or not yet ended, with their own progress. */
  plans: StudyPlanView[];
  notes: StudyNoteView[];
}

// ── uploads ───────────────────────────────────────────────────────────────────────────────

/** `POST /study/uploads?kind=video|document` (admin; multipart field `file`): MP4 videos, PDF documents. */
export const STUDY_UPLOAD_KINDS = ['video', 'document'] as const;
export type StudyUploadKind = (typeof STUDY_UPLOAD_KINDS)[number];
export const MAX_STUDY_UPLOAD_BYTES: Record<StudyUploadKind, number> = { video: 100 * 1024 * 1024, document: 20 * 1024 * 1024 };
export interface StudyFileView {
  fileId: string;
  kind: StudyUploadKind;
  contentType: string;
  size: number;
  filename: string;
  /** A signed address for a preview; materials refer to the file by `fileId`. */
  url: string;
}

// ── study plans (学习计划) ───────────────────────────────────────────────────────────────────

/** `POST /study/plans` (branch secretary, committee member or admin of the org). Dates are `YYYY-MM-DD`, both included. */
export interface CreateStudyPlanRequest {
  orgId: string;
  title: string;
  startsOn: string;
  endsOn: string;
  materialIds: string[];
  note?: string;
}
/** `PATCH /study/plans/:id`. */
export type UpdateStudyPlanRequest = Partial<Omit<CreateStudyPlanRequest, 'orgId'>>;
export const MAX_PLAN_MATERIALS = 20;
export type StudyPlanStatus = 'upcoming' | 'current' | 'ended';
export const STUDY_PLAN_STATUS_LABELS: Record<StudyPlanStatus, string> = { upcoming: '未开始', current: '进行中', ended: '已结束' };
export interface StudyPlanView {
  id: string;
  orgId: string;
  orgName: string;
  title: string;
  startsOn: string;
  endsOn: string;
  note: string | null;
  status: StudyPlanStatus;
  materials: { id: string; title: string; kind: MaterialKind; completed: boolean | null }[];
  /** The caller's own: every material done (members only). */
  myDone: boolean | null;
  canManage: boolean;
  createdAt: string;
}
/** A plan's dates as people read them: `2026-11-01 至 2026-11-30` (one day: just the day). */
export function planDates(plan: Pick<StudyPlanView, 'startsOn' | 'endsOn'>): string {
  return plan.startsOn === plan.endsOn ? plan.endsOn : `${plan.startsOn} 至 ${plan.endsOn}`;
}

/** `GET /study/plans?orgId=&status=`: managers see the plans of their orgs; members the plans of their own orgs. */
export interface StudyPlanListQuery {
  orgId?: string;
  status?: StudyPlanStatus;
  page?: number;
  pageSize?: number;
}
/** `GET /study/plans/:id/completion`: done / not done per member and material — never minutes. The same as a sheet: `GET /study/plans/:id/completion.xlsx`. */
export interface StudyPlanCompletionResponse {
  plan: StudyPlanView;
  members: { memberId: string; name: string; orgName: string; done: string[]; complete: boolean }[];
  completeCount: number;
  total: number;
}

/** One branch in `GET /study/completion/branches`: how many of its members have done every required material. */
export interface StudyBranchCompletion {
  orgId: string;
  orgName: string;
  /** The township (or other parent) it belongs to. */
  parentName: string | null;
  members: number;
  /** Required materials that apply to it. */
  materials: number;
  /** Members who have done every one of them. */
  membersDone: number;
}
/** `GET /study/completion/branches?orgId=`: every branch of an org's subtree, in tree order — done / not done, never minutes. */
export interface StudyBranchCompletionResponse {
  orgId: string;
  branches: StudyBranchCompletion[];
}

/** Completion of the required materials per member of a branch (done / not done). */
export interface StudyCompletionResponse {
  orgId: string;
  materials: { id: string; title: string }[];
  members: { memberId: string; name: string; done: string[] }[];
}
