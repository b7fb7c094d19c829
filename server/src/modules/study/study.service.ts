/**
 * Study: the learning kit, reading sessions timed by the server, completion (once, with
 * `study_online` points), reflections checked by WeChat before anyone else reads them, and
 * completion per member for the branch — done or not done, never minutes.
 */
import { randomBytes } from 'node:crypto';
import type { DataSource, EntityManager } from 'typeorm';
import {
  DEFAULT_PAGE_SIZE,
  STUDY_HEARTBEAT_SECONDS,
  STUDY_MAX_GAP_SECONDS,
  toIsoLocal,
  type CreateMaterialRequest,
  type CreateNoteResponse,
  type FinishSessionResponse,
  type MaterialListQuery,
  type MyStudyResponse,
  type Page,
  type StudyCompletionResponse,
  type StudyHeartbeatResponse,
  type StudyMaterialView,
  type StudyNoteView,
  type StudySessionStarted,
  type UpdateMaterialRequest,
} from '@djzy/shared';
import { writeAudit, type AuditContext } from '../audit';
import { AppError, fieldError } from '../../core/errors';
import { isDuplicateKey } from '../../core/http';
import { isIdLike, newId } from '../../core/ids';
import { covers, isManager, requireManages, scopePaths, type Principal } from '../../core/principal';
import { transactionWithRetry } from '../../core/sql';
import type { MemberDirectory } from '../member';
import type { Org, OrgService } from '../org';
import { award } from '../points';
import { systemClock, type Clock } from '../../core/clock';
import type { StudyFileService } from './study-file.service';
import type { StudyPlanService } from './study-plan.service';
import type { StudyMaterial, StudyNote, StudySession } from './study.entity';
import { StudyRepository, type MaterialFilter } from './study.repository';

/** What the study service needs from the WeChat client module. */
export interface ContentChecker {
  msgSecCheck(input: { openid: string; content: string; scene?: 1 | 2 | 3 | 4 }): Promise<{ suggest: 'pass' | 'review' | 'risky' }>;
}

interface StoredQuestion {
  id: string;
  text: string;
  options: string[];
  answer: number;
}

/** Told of each new completion; answers the online study activities it attended. */
export type CompletionListener = (memberId: string, materialId: string) => Promise<{ activityId: string; title: string }[]>;

/** Whether a member may write a reflection on an activity: null when yes, else the reason. */
export type ActivityNoteCheck = (p: Principal, activityId: string) => Promise<string | null>;

export class StudyService {
  private completionListener: CompletionListener | null = null;
  private readonly repo: StudyRepository;

  constructor(
    private readonly ds: DataSource,
    private readonly orgs: OrgService,
    private readonly members: MemberDirectory,
    private readonly checker: ContentChecker,
    private readonly files: StudyFileService,
    private readonly plans: StudyPlanService,
    private readonly now: Clock = systemClock,
  ) {
    this.repo = new StudyRepository(ds);
  }

  /** Online study activities count a completion as attendance: the check-in module listens. */
  onCompletion(listener: CompletionListener) {
    this.completionListener = listener;
  }

  /**
   * Reflections on an activity need the activity module's word that the member may write one
   * (study sits below activities, so the activity module registers this check).
   */
  private activityNoteCheck: ActivityNoteCheck | null = null;
  allowNotesOnActivities(check: ActivityNoteCheck) {
    this.activityNoteCheck = check;
  }

  // ── materials ────────────────────────────────────────────────────────────────────────────

  private quizOf(m: StudyMaterial): StoredQuestion[] {
    return m.quiz ? (JSON.parse(m.quiz) as StoredQuestion[]) : [];
  }

  private async present(p: Principal, list: StudyMaterial[]): Promise<StudyMaterialView[]> {
    if (!list.length) return [];
    const orgs = [...(await this.orgs.byIds(list.map((m) => m.orgId))).values()];
    const done = p.memberId ? await this.repo.completionsOf(p.memberId, list.map((m) => m.id)) : [];
    const files = await this.repo.filesBrief(list.map((m) => m.fileId).filter((x): x is string => !!x));
    return list.map((m) => {
      const c = done.find((d) => d.materialId === m.id);
      return {
        id: m.id,
        title: m.title,
        kind: m.kind,
        summary: m.summary,
        tags: m.tags.split(',').filter(Boolean),
        body: m.body,
        url: m.fileId ? this.files.urlFor(m.fileId) : m.url,
        fileId: m.fileId,
        file: ((f) => (f ? { filename: f.filename, size: f.size, contentType: f.contentType } : null))(files.find((f) => f.id === m.fileId)),
        orgId: m.orgId,
        orgName: orgs.find((o) => o.id === m.orgId)?.name ?? '',
        required: !!m.required,
        status: m.status,
        minSeconds: m.minSeconds,
        quizMode: m.quizMode,
        quiz: this.quizOf(m).map(({ id, text, options }) => ({ id, text, options })),
        createdAt: toIsoLocal(m.createdAt),
        completed: p.memberId ? !!c : null,
        completedAt: c ? toIsoLocal(c.completedAt) : null,
      };
    });
  }

  /** A material the caller may read: published and for an org on their path, or managed by them. */
  private async readable(p: Principal, id: string): Promise<{ material: StudyMaterial; org: Org; canManage: boolean }> {
    const material = isIdLike(id) ? await this.repo.material(id) : null;
    const org = material ? await this.orgs.find(material.orgId) : null;
    if (!material || !org) throw new AppError('MATERIAL_NOT_AVAILABLE');
    const canManage = covers(p, org.path, ['admin']);
    if (!canManage && (material.status !== 'published' || !p.orgPath?.startsWith(org.path))) throw new AppError('MATERIAL_NOT_AVAILABLE');
    return { material, org, canManage };
  }

  /** `GET /study/materials`: required first, then newest; search by title and tag. */
  async list(p: Principal, q: MaterialListQuery): Promise<Page<StudyMaterialView>> {
    // Members see the published materials of their org and those above it; admins every
    // material of the subtrees they administer.
    const managed = scopePaths(p, ['admin']);
    const filter: MaterialFilter = {
      publishedOf: (p.orgPath ?? '').split('/').filter(Boolean),
      managed,
      // Admins of a township also see the county's materials (they are for their members too).
      publishedAboveManaged: [...new Set(managed.flatMap((path) => path.split('/').filter(Boolean)))],
      titleLike: q.q ? q.q.replace(/[!%_]/g, (c) => `!${c}`) : undefined,
      tag: q.tag ? q.tag.replace(/[!%_,]/g, '') : undefined,
      required: q.required,
      status: q.status || undefined,
    };
    if (q.forOrgId) {
      // What a plan or an online study of that org may assign: the same rule as checkMaterialsFor.
      const org = await this.orgs.get(q.forOrgId).catch(() => null);
      if (!org) throw fieldError('forOrgId', '组织不存在');
      requireManages(p, org.path);
      filter.assignableFrom = org.path.split('/').filter(Boolean);
    }
    const { list, total } = await this.repo.materialsPage(filter, q.page ?? 1, q.pageSize ?? DEFAULT_PAGE_SIZE);
    return { items: await this.present(p, list), total };
  }

  async get(p: Principal, id: string): Promise<StudyMaterialView> {
    const { material } = await this.readable(p, id);
    return (await this.present(p, [material]))[0];
  }

  private async validateMaterial(input: CreateMaterialRequest) {
    if (input.kind === 'article' && !input.body) throw fieldError('body', '文章需要填写正文');
    if (input.kind !== 'article' && !input.url && !input.fileId) throw fieldError('url', '视频和文档需要上传文件或提供地址');
    if (input.fileId) {
      const file = await this.files.find(input.fileId);
      if (!file) throw fieldError('fileId', '上传的文件不存在，请重新上传');
      if (file.kind !== input.kind) throw fieldError('fileId', input.kind === 'video' ? '请上传 MP4 视频' : input.kind === 'document' ? '请上传 PDF 文档' : '文章不需要上传文件');
    }
    const mode = input.quizMode ?? 'none';
    const n = input.quiz?.length ?? 0;
    if (mode !== 'none' && (n < 2 || n > 5)) throw fieldError('quiz', '测验应有 2 到 5 道题');
    input.quiz?.forEach((qq, i) => {
      if (qq.answer >= qq.options.length) throw fieldError(`quiz.${i}.answer`, '正确答案不在选项范围内');
    });
  }

  async create(p: Principal, input: CreateMaterialRequest, audit: AuditContext): Promise<StudyMaterialView> {
    const orgId = input.orgId ?? p.grants.find((g) => g.role === 'admin')?.orgId;
    const org = orgId ? await this.orgs.get(orgId).catch(() => null) : null;
    if (!org) throw fieldError('orgId', '请选择资料面向的组织');
    if (!covers(p, org.path, ['admin'])) throw new AppError('ADMIN_REQUIRED');
    await this.validateMaterial(input);
    const m: StudyMaterial = {
      id: newId(),
      title: input.title,
      kind: input.kind,
      summary: input.summary ?? null,
      tags: input.tags?.length ? `,${[...new Set(input.tags)].join(',')},` : '',
      body: input.body ?? null,
      url: input.fileId ? null : (input.url ?? null),
      fileId: input.fileId ?? null,
      orgId: org.id,
      required: !!input.required,
      status: input.status ?? 'published',
      minSeconds: input.minSeconds,
      quizMode: input.quizMode ?? 'none',
      quiz: input.quiz?.length ? JSON.stringify(input.quiz.map((qq) => ({ id: randomBytes(4).toString('hex'), ...qq }))) : null,
      createdBy: p.id,
      createdAt: this.now(),
    };
    await this.ds.transaction(async (em) => {
      await this.repo.insertMaterial(em, m);
      await writeAudit(em, p, 'study.material_create', { type: 'study_material', id: m.id }, { orgId: org.id }, audit);
    });
    return (await this.present(p, [m]))[0];
  }

  async update(p: Principal, id: string, input: UpdateMaterialRequest, audit: AuditContext): Promise<StudyMaterialView> {
    const { material, canManage } = await this.readable(p, id);
    if (!canManage) throw new AppError('ADMIN_REQUIRED');
    const merged = {
      title: input.title ?? material.title,
      kind: input.kind ?? material.kind,
      body: input.body ?? material.body ?? undefined,
      url: input.fileId ? undefined : (input.url ?? material.url ?? undefined),
      fileId: input.url ? undefined : (input.fileId ?? material.fileId ?? undefined),
      minSeconds: input.minSeconds ?? material.minSeconds,
      quizMode: input.quizMode ?? material.quizMode,
      quiz: input.quiz ?? this.quizOf(material),
    };
    await this.validateMaterial(merged);
    const patch: Partial<StudyMaterial> = {};
    // A new upload replaces the link, a new link replaces the upload.
    if (input.fileId) Object.assign(patch, { fileId: input.fileId, url: null });
    else if (input.url) Object.assign(patch, { url: input.url, fileId: null });
    for (const k of ['title', 'kind', 'summary', 'body', 'required', 'status', 'minSeconds', 'quizMode'] as const)
      if (input[k] !== undefined) Object.assign(patch, { [k]: input[k] });
    if (input.tags) patch.tags = input.tags.length ? `,${[...new Set(input.tags)].join(',')},` : '';
    if (input.quiz) patch.quiz = input.quiz.length ? JSON.stringify(input.quiz.map((qq) => ({ id: randomBytes(4).toString('hex'), ...qq }))) : null;
    await this.ds.transaction(async (em) => {
      await this.repo.updateMaterial(em, material.id, patch);
      await writeAudit(em, p, 'study.material_update', { type: 'study_material', id: material.id }, { fields: Object.keys(patch) }, audit);
    });
    return (await this.present(p, [{ ...material, ...patch }]))[0];
  }

  // ── reading sessions ─────────────────────────────────────────────────────────────────────

  async start(p: Principal, materialId: string): Promise<StudySessionStarted> {
    if (!p.memberId) throw new AppError('MEMBER_ACCOUNT_REQUIRED');
    const { material } = await this.readable(p, materialId);
    if (material.status !== 'published') throw new AppError('MATERIAL_NOT_AVAILABLE');
    const now = this.now();
    const s: StudySession = { id: newId(), memberId: p.memberId, materialId: material.id, startedAt: now, lastBeatAt: now, secondsCounted: 0, finishedAt: null };
    await this.repo.insertSession(s);
    const done = await this.repo.hasCompleted(p.memberId, material.id);
    return { sessionId: s.id, minSeconds: material.minSeconds, heartbeatSeconds: STUDY_HEARTBEAT_SECONDS, alreadyCompleted: done };
  }

  private async ownSession(p: Principal, sessionId: string): Promise<StudySession> {
    const s = isIdLike(sessionId) ? await this.repo.session(sessionId) : null;
    // Someone else's session is reported as missing: ids are not for guessing.
    if (!s || s.memberId !== p.memberId) throw new AppError('SESSION_NOT_FOUND');
    if (s.finishedAt) throw new AppError('SESSION_FINISHED');
    return s;
  }

  /** Counts the time since the last beat as the server saw it pass, at most the cap. */
  private tick(s: StudySession, at: Date): number {
    const gap = Math.max(0, Math.floor((at.getTime() - s.lastBeatAt.getTime()) / 1000));
    return s.secondsCounted + Math.min(gap, STUDY_MAX_GAP_SECONDS);
  }

  async heartbeat(p: Principal, sessionId: string): Promise<StudyHeartbeatResponse> {
    const s = await this.ownSession(p, sessionId);
    const material = await this.repo.materialOrFail(s.materialId);
    const now = this.now();
    const counted = this.tick(s, now);
    // Conditional on the last beat seen, so two beats racing cannot both add the same gap.
    const recorded = await this.repo.recordBeat(s.id, s.lastBeatAt, counted, now);
    const seconds = recorded ? counted : (await this.repo.sessionOrFail(s.id)).secondsCounted;
    return { secondsCounted: seconds, completed: material.quizMode !== 'replace_time' && seconds >= material.minSeconds };
  }

  /** Ends the session; completes the material when its time and/or quiz are met (points once). */
  async finish(p: Principal, sessionId: string, answers: Record<string, number> | undefined): Promise<FinishSessionResponse> {
    const s = await this.ownSession(p, sessionId);
    const material = await this.repo.materialOrFail(s.materialId);
    const quiz = this.quizOf(material);
    let quizPassed: boolean | null = null;
    if (material.quizMode !== 'none') {
      if (answers) {
        const unknown = Object.keys(answers).filter((k) => !quiz.some((qq) => qq.id === k));
        if (unknown.length) throw new AppError('QUIZ_ANSWER_INVALID', [{ field: 'quizAnswers', message: '答题中有不存在的题目' }]);
        quizPassed = quiz.every((qq) => answers[qq.id] === qq.answer);
      } else quizPassed = false;
    }
    const now = this.now();
    const seconds = this.tick(s, now);
    const timeMet = seconds >= material.minSeconds;
    const completed = material.quizMode === 'replace_time' ? !!quizPassed : material.quizMode === 'with_time' ? timeMet && !!quizPassed : timeMet;
    let points = 0;
    let newlyCompleted = false;
    await transactionWithRetry(this.ds, async (em) => {
      // Only one finish counts: a second one (a retry, a double tap) finds the session closed.
      if (!(await this.repo.finishSession(em, s.id, seconds, now))) throw new AppError('SESSION_FINISHED');
      if (!completed) return;
      if (await this.repo.hasCompletedIn(em, s.memberId, material.id)) return;
      await this.repo.insertCompletion(em, { memberId: s.memberId, materialId: material.id, sessionId: s.id, completedAt: now });
      newlyCompleted = true;
      const awarded = await award(em, {
        memberId: s.memberId,
        ruleCode: 'study_online',
        sourceType: 'study_session',
        sourceId: s.id,
        key: `study:${material.id}:${s.memberId}`,
        reason: `完成学习：${material.title}`.slice(0, 200),
        at: now,
        actorId: s.memberId,
      });
      points = awarded.awarded;
    }).catch((e) => {
      if (!isDuplicateKey(e)) throw e;
    });
    // Online study activities linking this material: the member may now have studied them all.
    // After the commit, on its own: the completion stands whatever happens to the check-in.
    // If that fails, the completion still stands: 确认出勤 (POST /checkins) or the close counts it later.
    const attended = newlyCompleted && this.completionListener ? await this.completionListener(s.memberId, material.id).catch(() => []) : [];
    return { secondsCounted: seconds, completed, pointsAwarded: points, quizPassed, attended };
  }

  // ── reflections ──────────────────────────────────────────────────────────────────────────

  private async presentNotes(list: StudyNote[]): Promise<StudyNoteView[]> {
    if (!list.length) return [];
    const members = await this.members.basicsOf(list.map((n) => n.memberId));
    const materialIds = [...new Set(list.map((n) => n.materialId).filter((x): x is string => !!x))];
    const materials = await this.repo.materialTitles(materialIds);
    return list.map((n) => ({
      id: n.id,
      memberId: n.memberId,
      memberName: members.find((m) => m.id === n.memberId)?.name ?? '',
      materialId: n.materialId,
      materialTitle: materials.find((m) => m.id === n.materialId)?.title ?? null,
      activityId: n.activityId,
      content: n.content,
      status: n.status,
      createdAt: toIsoLocal(n.createdAt),
    }));
  }

  /**
   * `POST /study/notes`: WeChat's content check decides — `pass` publishes, `review` holds it for
   * the branch secretary, `risky` refuses it. When WeChat cannot be asked (no binding, an error)
   * the note is held, never published unchecked.
   */
  async writeNote(p: Principal, input: { materialId?: string; activityId?: string; content: string }, audit: AuditContext): Promise<{ status: number; body: CreateNoteResponse }> {
    if (!p.memberId || !p.orgPath) throw new AppError('MEMBER_ACCOUNT_REQUIRED');
    if (input.materialId) await this.readable(p, input.materialId);
    if (input.activityId) await this.noteableActivity(p, input.activityId);
    const openid = await this.members.openIdOf(p.memberId);
    let check: 'pass' | 'review' | 'risky' | 'unchecked' = 'unchecked';
    if (openid) {
      try {
        check = (await this.checker.msgSecCheck({ openid, content: input.content, scene: 2 })).suggest;
      } catch {
        check = 'unchecked';
      }
    }
    if (check === 'risky') throw new AppError('NOTE_REJECTED');
    const branchPath = await this.orgs.branchPathOf(p.orgPath);
    const note: StudyNote = {
      id: newId(),
      memberId: p.memberId,
      orgId: branchPath?.split('/').filter(Boolean).pop() ?? p.orgId!,
      materialId: input.materialId ?? null,
      activityId: input.activityId ?? null,
      content: input.content,
      status: check === 'pass' ? 'published' : 'review',
      checkResult: check,
      createdAt: this.now(),
      reviewedAt: null,
      reviewedBy: null,
    };
    let points = 0;
    await transactionWithRetry(this.ds, async (em) => {
      await this.repo.insertNote(em, note);
      if (note.status === 'published') points = (await this.awardNote(em, note)).awarded;
      await writeAudit(em, p, 'study.note', { type: 'study_note', id: note.id }, { check }, audit);
    });
    return { status: 201, body: { note: (await this.presentNotes([note]))[0], pointsAwarded: points } };
  }

  /** A reflection on an activity: the activity module decides (a published study activity or 党课 the member is invited to). */
  private async noteableActivity(p: Principal, activityId: string): Promise<void> {
    const refusal = this.activityNoteCheck ? await this.activityNoteCheck(p, activityId) : '活动不存在或您不在参加范围内';
    if (refusal) throw fieldError('activityId', refusal);
  }

  private awardNote(em: EntityManager, note: StudyNote) {
    return award(em, {
      memberId: note.memberId,
      ruleCode: 'study_note',
      sourceType: 'study_note',
      sourceId: note.id,
      key: `note:${note.id}`,
      reason: '撰写学习心得',
      at: note.createdAt,
      actorId: note.memberId,
    });
  }

  /** A secretary publishes or rejects a held note; publishing awards its points. */
  async review(p: Principal, id: string, approve: boolean, audit: AuditContext): Promise<StudyNoteView> {
    const note = isIdLike(id) ? await this.repo.note(id) : null;
    const org = note ? await this.orgs.find(note.orgId) : null;
    if (!note || !org || !covers(p, org.path)) throw new AppError('NOT_FOUND');
    if (note.status !== 'review') return (await this.presentNotes([note]))[0];
    const status = approve ? 'published' : 'rejected';
    await transactionWithRetry(this.ds, async (em) => {
      if (!(await this.repo.decideNote(em, note.id, status, this.now(), p.id))) return;
      if (approve) await this.awardNote(em, note);
      await writeAudit(em, p, approve ? 'study.note_approve' : 'study.note_reject', { type: 'study_note', id: note.id }, null, audit);
    });
    return (await this.presentNotes([{ ...note, status }]))[0];
  }

  /**
   * `GET /study/notes`: a member's own notes (all statuses) or, by `memberId`, another member's
   * published notes within the same branch; managers also see notes held for review in scope.
   */
  async notes(p: Principal, q: { memberId?: string; status?: 'published' | 'review' | 'rejected'; page?: number; pageSize?: number }): Promise<Page<StudyNoteView>> {
    const branchPath = p.orgPath ? await this.orgs.branchPathOf(p.orgPath) : null;
    const managed = isManager(p) ? scopePaths(p) : [];
    const { list, total } = await this.repo.notesPage(
      { mine: p.memberId || null, publishedUnder: branchPath || null, managed, memberId: q.memberId || undefined, status: q.status || undefined },
      q.page ?? 1,
      q.pageSize ?? DEFAULT_PAGE_SIZE,
    );
    return { items: await this.presentNotes(list), total };
  }

  // ── records and completion ───────────────────────────────────────────────────────────────

  async mine(p: Principal): Promise<MyStudyResponse> {
    if (!p.memberId) throw new AppError('FORBIDDEN');
    const done = await this.repo.completionsNewestFirst(p.memberId);
    const materials = await this.repo.materialTitles(done.map((d) => d.materialId));
    const required = (await this.list(p, { required: true, status: 'published', pageSize: 100 })).items.filter((m) => !m.completed);
    const notes = (await this.notes(p, { memberId: p.memberId, pageSize: 50 })).items;
    const plans = await this.plans.forMember(p);
    return {
      plans,
      completed: done.map((d) => ({ materialId: d.materialId, title: materials.find((m) => m.id === d.materialId)?.title ?? '', completedAt: toIsoLocal(d.completedAt) })),
      requiredPending: required.map((m) => ({ materialId: m.id, title: m.title })),
      notes,
    };
  }

  /** Completion of the required materials per member of a branch: done or not, never minutes. */
  async completion(p: Principal, orgId: string): Promise<StudyCompletionResponse> {
    const org = await this.orgs.get(orgId).catch(() => null);
    if (!org || !covers(p, org.path)) throw new AppError('FORBIDDEN');
    const ancestors = org.path.split('/').filter(Boolean);
    const materials = await this.repo.requiredOf(ancestors);
    const members = await this.repo.membersByName(this.members, org.path);
    const done = await this.repo.completionsOfMembers(
      materials.map((m) => m.id),
      members.map((m) => m.id),
    );
    return {
      orgId: org.id,
      materials: materials.map((m) => ({ id: m.id, title: m.title })),
      members: members.map((m) => ({ memberId: m.id, name: m.name, done: done.filter((d) => d.memberId === m.id).map((d) => d.materialId) })),
    };
  }
}
