import {
  MAX_STUDY_UPLOAD_BYTES,
  type CreateNoteResponse,
  type FinishSessionResponse,
  type MyStudyResponse,
  type Page,
  type StudyCompletionResponse,
  type StudyFileView,
  type StudyHeartbeatResponse,
  type StudyMaterialView,
  type StudyNoteView,
  type StudyPlanCompletionResponse,
  type StudyPlanView,
  type StudySessionStarted,
} from '@djzy/shared';
import { auditCtx, principalOf, queryString, type AppRouter, storedFileHeaders } from '../../core/http';
import { readUpload } from '../../core/upload';
import { validateInput } from '../../core/validate';
import {
  CompletionQueryDto,
  CreateMaterialDto,
  CreateNoteDto,
  CreateStudyPlanDto,
  FinishSessionDto,
  MaterialListQueryDto,
  NoteListQueryDto,
  StudyPlanListQueryDto,
  UpdateMaterialDto,
  UpdateStudyPlanDto,
  UploadQueryDto,
} from './study.dto';
import type { StudyFileService } from './study-file.service';
import type { StudyPlanService } from './study-plan.service';
import type { StudyService } from './study.service';

export function studyRoutes(router: AppRouter, study: StudyService, files: StudyFileService, plans: StudyPlanService) {
  router.post('/study/uploads', async (ctx) => {
    const p = principalOf(ctx);
    const { kind } = validateInput(UploadQueryDto, ctx.query);
    const file = await readUpload(ctx, 'file', MAX_STUDY_UPLOAD_BYTES[kind], 'UPLOAD_INVALID');
    const body: StudyFileView = await files.upload(p, kind, file.data, file.filename, auditCtx(ctx));
    ctx.status = 201;
    ctx.body = body;
  });

  // Signed address: no token (a <video> tag or a download cannot send one); the signature is the access.
  router.get('/study/files/:id', async (ctx) => {
    const { file, range, body, unsatisfiable } = await files.open(ctx.params.id, queryString(ctx, 'exp') ?? '', queryString(ctx, 'sig') ?? '', ctx.get('range'));
    ctx.set('Accept-Ranges', 'bytes');
    storedFileHeaders(ctx);
    if (unsatisfiable) {
      ctx.status = 416;
      ctx.set('Content-Range', `bytes */${file.size}`);
      ctx.body = '';
      return;
    }
    ctx.set('Content-Disposition', `inline; filename*=UTF-8''${encodeURIComponent(file.filename)}`);
    ctx.set('Cache-Control', 'private, max-age=3600');
    ctx.type = file.contentType;
    if (range) {
      ctx.status = 206;
      ctx.set('Content-Range', `bytes ${range.start}-${range.end}/${file.size}`);
    }
    ctx.length = range ? range.end - range.start + 1 : file.size;
    ctx.body = body;
  });

  router.get('/study/plans', async (ctx) => {
    const q = validateInput(StudyPlanListQueryDto, ctx.query);
    const body: Page<StudyPlanView> = await plans.list(principalOf(ctx), q);
    ctx.body = body;
  });

  router.post('/study/plans', async (ctx) => {
    const input = validateInput(CreateStudyPlanDto, ctx.request.body);
    const body: StudyPlanView = await plans.create(principalOf(ctx), input, auditCtx(ctx));
    ctx.status = 201;
    ctx.body = body;
  });

  router.get('/study/plans/:id', async (ctx) => {
    const body: StudyPlanView = await plans.get(principalOf(ctx), ctx.params.id);
    ctx.body = body;
  });

  router.patch('/study/plans/:id', async (ctx) => {
    const input = validateInput(UpdateStudyPlanDto, ctx.request.body);
    const body: StudyPlanView = await plans.update(principalOf(ctx), ctx.params.id, input, auditCtx(ctx));
    ctx.body = body;
  });

  router.delete('/study/plans/:id', async (ctx) => {
    await plans.remove(principalOf(ctx), ctx.params.id, auditCtx(ctx));
    ctx.status = 204;
  });

  router.get('/study/plans/:id/completion.xlsx', async (ctx) => {
    const { filename, data } = await plans.completionXlsx(principalOf(ctx), ctx.params.id);
    ctx.set('Content-Type', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    ctx.set('Content-Disposition', `attachment; filename="completion.xlsx"; filename*=UTF-8''${encodeURIComponent(filename)}`);
    ctx.body = data;
  });

  router.get('/study/plans/:id/completion', async (ctx) => {
    const body: StudyPlanCompletionResponse = await plans.completion(principalOf(ctx), ctx.params.id);
    ctx.body = body;
  });

  router.get('/study/materials', async (ctx) => {
    const q = validateInput(MaterialListQueryDto, ctx.query);
    const body: Page<StudyMaterialView> = await study.list(principalOf(ctx), q);
    ctx.body = body;
  });

  router.post('/study/materials', async (ctx) => {
    const input = validateInput(CreateMaterialDto, ctx.request.body);
    const body: StudyMaterialView = await study.create(principalOf(ctx), input, auditCtx(ctx));
    ctx.status = 201;
    ctx.body = body;
  });

  router.get('/study/materials/:id', async (ctx) => {
    const body: StudyMaterialView = await study.get(principalOf(ctx), ctx.params.id);
    ctx.body = body;
  });

  router.patch('/study/materials/:id', async (ctx) => {
    const input = validateInput(UpdateMaterialDto, ctx.request.body);
    const body: StudyMaterialView = await study.update(principalOf(ctx), ctx.params.id, input, auditCtx(ctx));
    ctx.body = body;
  });

  router.post('/study/materials/:id/sessions', async (ctx) => {
    const body: StudySessionStarted = await study.start(principalOf(ctx), ctx.params.id);
    ctx.status = 201;
    ctx.body = body;
  });

  router.post('/study/sessions/:sessionId/heartbeat', async (ctx) => {
    const body: StudyHeartbeatResponse = await study.heartbeat(principalOf(ctx), ctx.params.sessionId);
    ctx.body = body;
  });

  router.post('/study/sessions/:sessionId/finish', async (ctx) => {
    const input = validateInput(FinishSessionDto, ctx.request.body ?? {});
    const body: FinishSessionResponse = await study.finish(principalOf(ctx), ctx.params.sessionId, input.quizAnswers);
    ctx.body = body;
  });

  router.post('/study/notes', async (ctx) => {
    const input = validateInput(CreateNoteDto, ctx.request.body);
    const { status, body } = await study.writeNote(principalOf(ctx), input, auditCtx(ctx));
    ctx.status = status;
    ctx.body = body satisfies CreateNoteResponse;
  });

  router.get('/study/notes', async (ctx) => {
    const q = validateInput(NoteListQueryDto, ctx.query);
    const body: Page<StudyNoteView> = await study.notes(principalOf(ctx), q);
    ctx.body = body;
  });

  router.post('/study/notes/:id/approve', async (ctx) => {
    const body: StudyNoteView = await study.review(principalOf(ctx), ctx.params.id, true, auditCtx(ctx));
    ctx.body = body;
  });

  router.post('/study/notes/:id/reject', async (ctx) => {
    const body: StudyNoteView = await study.review(principalOf(ctx), ctx.params.id, false, auditCtx(ctx));
    ctx.body = body;
  });

  router.get('/study/me', async (ctx) => {
    const body: MyStudyResponse = await study.mine(principalOf(ctx));
    ctx.body = body;
  });

  router.get('/study/completion', async (ctx) => {
    const q = validateInput(CompletionQueryDto, ctx.query);
    const body: StudyCompletionResponse = await study.completion(principalOf(ctx), q.orgId);
    ctx.body = body;
  });
}
