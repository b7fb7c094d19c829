import type { CreateFeedbackResponse, FeedbackView, Page, ProblemView } from '@djzy/shared';
import { auditCtx, principalOf, type AppRouter } from '../../core/http';
import { validateInput } from '../../core/validate';
import { PageQueryDto } from '../../core/dto';
import {
  AssignProblemDto,
  CreateFeedbackDto,
  CreateProblemDto,
  ExtendProblemDto,
  FeedbackListQueryDto,
  ProblemListQueryDto,
  ProblemProgressDto,
  RecheckProblemDto,
  ReplyFeedbackDto,
  VoidProblemDto,
} from './problem.dto';
import type { FeedbackService } from './feedback.service';
import type { ProblemService } from './problem.service';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

export function problemRoutes(router: AppRouter, problems: ProblemService, feedback: FeedbackService) {
  router.post('/problems', async (ctx) => {
    const input = validateInput(CreateProblemDto, ctx.request.body);
    const body: ProblemView = await problems.create(principalOf(ctx), input, auditCtx(ctx));
    ctx.status = 201;
    ctx.body = body;
  });

  router.get('/problems', async (ctx) => {
    const q = validateInput(ProblemListQueryDto, ctx.query);
    const body: Page<ProblemView> = await problems.list(principalOf(ctx), q);
    ctx.body = body;
  });

  router.get('/problems.xlsx', async (ctx) => {
    const q = validateInput(ProblemListQueryDto, ctx.query);
    const { filename, data } = await problems.listXlsx(principalOf(ctx), q);
    ctx.set('Content-Type', XLSX);
    ctx.set('Content-Disposition', `attachment; filename="problems.xlsx"; filename*=UTF-8''${encodeURIComponent(filename)}`);
    ctx.body = data;
  });

  router.get('/problems/:id', async (ctx) => {
    const body: ProblemView = await problems.view(principalOf(ctx), ctx.params.id);
    ctx.body = body;
  });

  router.post('/problems/:id/assign', async (ctx) => {
    const input = validateInput(AssignProblemDto, ctx.request.body);
    ctx.body = (await problems.assign(principalOf(ctx), ctx.params.id, input, auditCtx(ctx))) satisfies ProblemView;
  });

  router.post('/problems/:id/progress', async (ctx) => {
    const input = validateInput(ProblemProgressDto, ctx.request.body);
    ctx.body = (await problems.progress(principalOf(ctx), ctx.params.id, input, auditCtx(ctx))) satisfies ProblemView;
  });

  router.post('/problems/:id/submit', async (ctx) => {
    ctx.body = (await problems.submit(principalOf(ctx), ctx.params.id, auditCtx(ctx))) satisfies ProblemView;
  });

  router.post('/problems/:id/recheck', async (ctx) => {
    const input = validateInput(RecheckProblemDto, ctx.request.body);
    ctx.body = (await problems.recheck(principalOf(ctx), ctx.params.id, input, auditCtx(ctx))) satisfies ProblemView;
  });

  router.post('/problems/:id/extend', async (ctx) => {
    const input = validateInput(ExtendProblemDto, ctx.request.body);
    ctx.body = (await problems.extend(principalOf(ctx), ctx.params.id, input, auditCtx(ctx))) satisfies ProblemView;
  });

  router.post('/problems/:id/void', async (ctx) => {
    const input = validateInput(VoidProblemDto, ctx.request.body);
    ctx.body = (await problems.voidProblem(principalOf(ctx), ctx.params.id, input.reason, auditCtx(ctx))) satisfies ProblemView;
  });

  router.post('/feedback', async (ctx) => {
    const input = validateInput(CreateFeedbackDto, ctx.request.body);
    const body: CreateFeedbackResponse = await feedback.create(principalOf(ctx), input, auditCtx(ctx));
    ctx.status = 201;
    ctx.body = body;
  });

  router.get('/feedback', async (ctx) => {
    const q = validateInput(FeedbackListQueryDto, ctx.query);
    const body: Page<FeedbackView> = await feedback.list(principalOf(ctx), q);
    ctx.body = body;
  });

  router.get('/feedback/mine', async (ctx) => {
    const q = validateInput(PageQueryDto, ctx.query);
    const body: Page<FeedbackView> = await feedback.mine(principalOf(ctx), q);
    ctx.body = body;
  });

  router.get('/feedback/:id', async (ctx) => {
    const body: FeedbackView = await feedback.get(principalOf(ctx), ctx.params.id);
    ctx.body = body;
  });

  router.post('/feedback/:id/reply', async (ctx) => {
    const input = validateInput(ReplyFeedbackDto, ctx.request.body);
    ctx.body = (await feedback.reply(principalOf(ctx), ctx.params.id, input.content, auditCtx(ctx))) satisfies FeedbackView;
  });

  router.post('/feedback/:id/problem', async (ctx) => {
    const body: ProblemView = await feedback.toProblem(principalOf(ctx), ctx.params.id, auditCtx(ctx));
    ctx.status = 201;
    ctx.body = body;
  });
}
