import type {
  OrgLedgerView,
  ResponsibilityItemView,
  CreateFeedbackResponse,
  FeedbackView,
  InspectionNoticeView,
  InspectionView,
  InterviewCandidate,
  InterviewView,
  Page,
  ProblemView,
} from '@djzy/shared';
import { auditCtx, principalOf, type AppRouter } from '../../core/http';
import { validateInput } from '../../core/validate';
import { PageQueryDto } from '../../core/dto';
import {
  AssignProblemDto,
  AcknowledgeResponsibilityDto,
  CreateResponsibilityItemDto,
  EvaluateResponsibilityDto,
  PublishResponsibilityDto,
  ResponsibilityListQueryDto,
  ResponsibilityListQueryDto as LedgerQueryDto,
  CreateInspectionDto,
  CreateInspectionNoticeDto,
  CreateInterviewDto,
  OrgQueryDto,
  YearQueryDto,
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
import type { OversightService } from './oversight.service';
import type { ResponsibilityService } from './responsibility.service';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

export function problemRoutes(
  router: AppRouter,
  services: { problems: ProblemService; feedback: FeedbackService; oversight: OversightService; responsibility: ResponsibilityService },
) {
  const { problems, feedback, oversight, responsibility } = services;
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

  // ── 专项检查, 督查通报, 约谈 ────────────────────────────────────────────────────────────

  router.post('/inspections', async (ctx) => {
    const input = validateInput(CreateInspectionDto, ctx.request.body);
    const body: InspectionView = await oversight.createInspection(principalOf(ctx), input, auditCtx(ctx));
    ctx.status = 201;
    ctx.body = body;
  });

  router.get('/inspections', async (ctx) => {
    const q = validateInput(YearQueryDto, ctx.query);
    const body: InspectionView[] = await oversight.inspections(principalOf(ctx), q.year);
    ctx.body = body;
  });

  router.get('/inspections/ledger', async (ctx) => {
    const q = validateInput(LedgerQueryDto, ctx.query);
    const body: OrgLedgerView = await oversight.ledger(principalOf(ctx), q.orgId, q.year);
    ctx.body = body;
  });

  router.get('/inspections/:id', async (ctx) => {
    const body: InspectionView = await oversight.inspection(principalOf(ctx), ctx.params.id);
    ctx.body = body;
  });

  router.post('/inspection-notices', async (ctx) => {
    const input = validateInput(CreateInspectionNoticeDto, ctx.request.body);
    const body: InspectionNoticeView = await oversight.createNotice(principalOf(ctx), input, auditCtx(ctx));
    ctx.status = 201;
    ctx.body = body;
  });

  router.get('/inspection-notices', async (ctx) => {
    const q = validateInput(YearQueryDto, ctx.query);
    const body: InspectionNoticeView[] = await oversight.notices(principalOf(ctx), q.year);
    ctx.body = body;
  });

  router.get('/inspection-notices/:id.docx', async (ctx) => {
    const { filename, data } = await oversight.noticeDocx(principalOf(ctx), ctx.params.id);
    ctx.set('Content-Type', 'application/vnd.openxmlformats-officedocument.wordprocessingml.document');
    ctx.set('Content-Disposition', `attachment; filename="notice.docx"; filename*=UTF-8''${encodeURIComponent(filename)}`);
    ctx.body = data;
  });

  router.get('/inspection-notices/:id', async (ctx) => {
    const body: InspectionNoticeView = await oversight.notice(principalOf(ctx), ctx.params.id);
    ctx.body = body;
  });

  router.post('/inspection-notices/:id/publish', async (ctx) => {
    ctx.body = (await oversight.publishNotice(principalOf(ctx), ctx.params.id, auditCtx(ctx))) satisfies InspectionNoticeView;
  });

  router.post('/inspection-notices/:id/withdraw', async (ctx) => {
    const input = validateInput(VoidProblemDto, ctx.request.body);
    ctx.body = (await oversight.withdrawNotice(
      principalOf(ctx),
      ctx.params.id,
      input.reason,
      auditCtx(ctx),
    )) satisfies InspectionNoticeView;
  });

  router.post('/interviews', async (ctx) => {
    const input = validateInput(CreateInterviewDto, ctx.request.body);
    const body: InterviewView = await oversight.createInterview(principalOf(ctx), input, auditCtx(ctx));
    ctx.status = 201;
    ctx.body = body;
  });

  router.get('/interviews', async (ctx) => {
    const body: InterviewView[] = await oversight.interviews(principalOf(ctx));
    ctx.body = body;
  });

  router.get('/interviews/candidates', async (ctx) => {
    const q = validateInput(OrgQueryDto, ctx.query);
    const body: InterviewCandidate[] = await oversight.candidates(principalOf(ctx), q.orgId);
    ctx.body = body;
  });

  router.get('/interviews/:id', async (ctx) => {
    const body: InterviewView = await oversight.interview(principalOf(ctx), ctx.params.id);
    ctx.body = body;
  });

  // ── 责任清单 ────────────────────────────────────────────────────────────────────────────

  router.post('/responsibility-items', async (ctx) => {
    const input = validateInput(CreateResponsibilityItemDto, ctx.request.body);
    const body: ResponsibilityItemView = await responsibility.create(principalOf(ctx), input, auditCtx(ctx));
    ctx.status = 201;
    ctx.body = body;
  });

  router.get('/responsibility-items', async (ctx) => {
    const q = validateInput(ResponsibilityListQueryDto, ctx.query);
    const body: ResponsibilityItemView[] = await responsibility.list(principalOf(ctx), q.orgId, q.year);
    ctx.body = body;
  });

  router.post('/responsibility-items/publish', async (ctx) => {
    const input = validateInput(PublishResponsibilityDto, ctx.request.body);
    ctx.body = await responsibility.publish(principalOf(ctx), input.orgId, input.year, auditCtx(ctx));
  });

  router.post('/responsibility-items/:id/acknowledge', async (ctx) => {
    const input = validateInput(AcknowledgeResponsibilityDto, ctx.request.body);
    ctx.body = (await responsibility.acknowledge(principalOf(ctx), ctx.params.id, input, auditCtx(ctx))) satisfies ResponsibilityItemView;
  });

  router.post('/responsibility-items/:id/evaluate', async (ctx) => {
    const input = validateInput(EvaluateResponsibilityDto, ctx.request.body);
    ctx.body = (await responsibility.evaluate(principalOf(ctx), ctx.params.id, input, auditCtx(ctx))) satisfies ResponsibilityItemView;
  });
}
