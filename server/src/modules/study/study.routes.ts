import type { CreateNoteResponse, FinishSessionResponse, MyStudyResponse, Page, StudyCompletionResponse, StudyHeartbeatResponse, StudyMaterialView, StudyNoteView, StudySessionStarted } from '@djzy/shared';
import { auditCtx, principalOf, type AppRouter } from '../../core/http';
import { validateInput } from '../../core/validate';
import { CompletionQueryDto, CreateMaterialDto, CreateNoteDto, FinishSessionDto, MaterialListQueryDto, NoteListQueryDto, UpdateMaterialDto } from './study.dto';
import type { StudyService } from './study.service';

export function studyRoutes(router: AppRouter, study: StudyService) {
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
