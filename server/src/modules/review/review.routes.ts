import type {
  AssessmentTemplateView,
  BallotFormView,
  CastBallotResponse,
  DutyReportView,
  IssueBallotTokensResponse,
  PaperTallyView,
  ProblemView,
  ReviewCommentView,
  ReviewReporterView,
  ReviewResultsView,
  ReviewSessionView,
  SecretaryAssessmentView,
} from '@djzy/shared';
import { auditCtx, principalOf, type AppRouter } from '../../core/http';
import { validateInput } from '../../core/validate';
import type { AssessmentService } from './assessment.service';
import {
  AppealAssessmentDto,
  AssessDto,
  AssessmentQueryDto,
  BallotFormQueryDto,
  CandidatesQueryDto,
  CastBallotDto,
  CommentToProblemDto,
  ConfirmAssessmentDto,
  CreateAssessmentDto,
  CreateReviewCommentDto,
  CreateReviewSessionDto,
  CreateTemplateDto,
  IssueTokensDto,
  PaperTallyDto,
  RateReviewDto,
  ResolveAppealDto,
  ReturnDutyReportDto,
  ReviewSessionQueryDto,
  SelfAssessDto,
  TemplateBodyDto,
  TemplateQueryDto,
  UpdateDutyReportDto,
  UpdateReviewSessionDto,
} from './review.dto';
import type { ReviewService } from './review.service';

export function reviewRoutes(router: AppRouter, services: { review: ReviewService; assessments: AssessmentService }) {
  const { review, assessments } = services;

  // ── 述职评议 sessions ────────────────────────────────────────────────────────────────────

  router.post('/review-sessions', async (ctx) => {
    const input = validateInput(CreateReviewSessionDto, ctx.request.body);
    const body: ReviewSessionView = await review.create(principalOf(ctx), input, auditCtx(ctx));
    ctx.status = 201;
    ctx.body = body;
  });

  router.get('/review-sessions', async (ctx) => {
    const q = validateInput(ReviewSessionQueryDto, ctx.query);
    const body: ReviewSessionView[] = await review.list(principalOf(ctx), q);
    ctx.body = body;
  });

  router.get('/review-sessions/candidates', async (ctx) => {
    const q = validateInput(CandidatesQueryDto, ctx.query);
    ctx.body = (await review.candidates(principalOf(ctx), q.activityId)) satisfies ReviewReporterView[];
  });

  router.get('/review-sessions/:id', async (ctx) => {
    ctx.body = (await review.view(principalOf(ctx), ctx.params.id)) satisfies ReviewSessionView;
  });

  router.patch('/review-sessions/:id', async (ctx) => {
    const input = validateInput(UpdateReviewSessionDto, ctx.request.body);
    ctx.body = (await review.update(principalOf(ctx), ctx.params.id, input, auditCtx(ctx))) satisfies ReviewSessionView;
  });

  router.post('/review-sessions/:id/reports-due', async (ctx) => {
    ctx.body = (await review.reportsDue(principalOf(ctx), ctx.params.id, auditCtx(ctx))) satisfies ReviewSessionView;
  });

  router.post('/review-sessions/:id/open', async (ctx) => {
    ctx.body = (await review.open(principalOf(ctx), ctx.params.id, auditCtx(ctx))) satisfies ReviewSessionView;
  });

  router.post('/review-sessions/:id/close', async (ctx) => {
    ctx.body = (await review.close(principalOf(ctx), ctx.params.id, auditCtx(ctx))) satisfies ReviewSessionView;
  });

  router.post('/review-sessions/:id/rate', async (ctx) => {
    const input = validateInput(RateReviewDto, ctx.request.body);
    ctx.body = (await review.rate(principalOf(ctx), ctx.params.id, input, auditCtx(ctx))) satisfies ReviewSessionView;
  });

  router.post('/review-sessions/:id/publish', async (ctx) => {
    ctx.body = (await review.publish(principalOf(ctx), ctx.params.id, auditCtx(ctx))) satisfies ReviewSessionView;
  });

  router.post('/review-sessions/:id/tokens', async (ctx) => {
    const input = validateInput(IssueTokensDto, ctx.request.body);
    const body: IssueBallotTokensResponse = await review.issueTokens(principalOf(ctx), ctx.params.id, input.count, auditCtx(ctx));
    ctx.status = 201;
    ctx.set('Cache-Control', 'no-store');
    ctx.body = body;
  });

  router.post('/review-sessions/:id/paper-tallies', async (ctx) => {
    const input = validateInput(PaperTallyDto, ctx.request.body);
    const body: PaperTallyView = await review.enterTally(principalOf(ctx), ctx.params.id, input, auditCtx(ctx));
    ctx.status = 201;
    ctx.body = body;
  });

  router.get('/review-sessions/:id/results', async (ctx) => {
    ctx.body = (await review.results(principalOf(ctx), ctx.params.id)) satisfies ReviewResultsView;
  });

  router.get('/review-sessions/:id/duty-reports', async (ctx) => {
    ctx.body = (await review.dutyReports(principalOf(ctx), ctx.params.id)) satisfies DutyReportView[];
  });

  router.post('/review-sessions/:id/comments', async (ctx) => {
    const input = validateInput(CreateReviewCommentDto, ctx.request.body);
    const body: ReviewCommentView = await review.comment(principalOf(ctx), ctx.params.id, input, auditCtx(ctx));
    ctx.status = 201;
    ctx.body = body;
  });

  router.get('/review-sessions/:id/comments', async (ctx) => {
    ctx.body = (await review.comments(principalOf(ctx), ctx.params.id)) satisfies ReviewCommentView[];
  });

  router.post('/review-comments/:id/problem', async (ctx) => {
    const input = validateInput(CommentToProblemDto, ctx.request.body ?? {});
    const body: ProblemView = await review.toProblem(principalOf(ctx), ctx.params.id, input.category, auditCtx(ctx));
    ctx.status = 201;
    ctx.body = body;
  });

  // ── duty reports ─────────────────────────────────────────────────────────────────────────

  router.get('/duty-reports/mine', async (ctx) => {
    ctx.body = (await review.myDutyReports(principalOf(ctx))) satisfies DutyReportView[];
  });

  router.get('/duty-reports/:id', async (ctx) => {
    ctx.body = (await review.dutyReport(principalOf(ctx), ctx.params.id)) satisfies DutyReportView;
  });

  router.put('/duty-reports/:id', async (ctx) => {
    const input = validateInput(UpdateDutyReportDto, ctx.request.body);
    ctx.body = (await review.writeDutyReport(principalOf(ctx), ctx.params.id, input.body, auditCtx(ctx))) satisfies DutyReportView;
  });

  router.post('/duty-reports/:id/refresh', async (ctx) => {
    ctx.body = (await review.refreshDutyReport(principalOf(ctx), ctx.params.id, auditCtx(ctx))) satisfies DutyReportView;
  });

  router.post('/duty-reports/:id/submit', async (ctx) => {
    ctx.body = (await review.submitDutyReport(principalOf(ctx), ctx.params.id, auditCtx(ctx))) satisfies DutyReportView;
  });

  router.post('/duty-reports/:id/accept', async (ctx) => {
    ctx.body = (await review.acceptDutyReport(principalOf(ctx), ctx.params.id, auditCtx(ctx))) satisfies DutyReportView;
  });

  router.post('/duty-reports/:id/return', async (ctx) => {
    const input = validateInput(ReturnDutyReportDto, ctx.request.body);
    ctx.body = (await review.returnDutyReport(principalOf(ctx), ctx.params.id, input.note, auditCtx(ctx))) satisfies DutyReportView;
  });

  // ── ballots: public, no sign-in, rate limited per address ────────────────────────────────

  router.get('/ballots/form', async (ctx) => {
    const q = validateInput(BallotFormQueryDto, ctx.query);
    const body: BallotFormView = await review.ballotForm(q.token, ctx.ip);
    ctx.set('Cache-Control', 'no-store');
    ctx.body = body;
  });

  router.post('/ballots', async (ctx) => {
    const input = validateInput(CastBallotDto, ctx.request.body);
    await review.cast(input, ctx.ip);
    const body: CastBallotResponse = { ok: true };
    ctx.status = 201;
    ctx.set('Cache-Control', 'no-store');
    ctx.body = body;
  });

  // ── 百分制考核 ─────────────────────────────────────────────────────────────────────────────

  router.post('/assessment-templates', async (ctx) => {
    const input = validateInput(CreateTemplateDto, ctx.request.body);
    const body: AssessmentTemplateView = await assessments.createTemplate(principalOf(ctx), input, auditCtx(ctx));
    ctx.status = 201;
    ctx.body = body;
  });

  router.get('/assessment-templates', async (ctx) => {
    const q = validateInput(TemplateQueryDto, ctx.query);
    ctx.body = (await assessments.templates(principalOf(ctx), q)) satisfies AssessmentTemplateView[];
  });

  router.get('/assessment-templates/:id', async (ctx) => {
    ctx.body = (await assessments.template(principalOf(ctx), ctx.params.id)) satisfies AssessmentTemplateView;
  });

  router.put('/assessment-templates/:id', async (ctx) => {
    const input = validateInput(TemplateBodyDto, ctx.request.body);
    ctx.body = (await assessments.updateTemplate(principalOf(ctx), ctx.params.id, input, auditCtx(ctx))) satisfies AssessmentTemplateView;
  });

  router.post('/secretary-assessments', async (ctx) => {
    const input = validateInput(CreateAssessmentDto, ctx.request.body);
    const body: SecretaryAssessmentView = await assessments.create(principalOf(ctx), input, auditCtx(ctx));
    ctx.status = 201;
    ctx.body = body;
  });

  router.get('/secretary-assessments', async (ctx) => {
    const q = validateInput(AssessmentQueryDto, ctx.query);
    ctx.body = (await assessments.list(principalOf(ctx), q)) satisfies SecretaryAssessmentView[];
  });

  router.get('/secretary-assessments/:id', async (ctx) => {
    ctx.body = (await assessments.view(principalOf(ctx), ctx.params.id)) satisfies SecretaryAssessmentView;
  });

  router.post('/secretary-assessments/:id/self-assess', async (ctx) => {
    const input = validateInput(SelfAssessDto, ctx.request.body);
    ctx.body = (await assessments.selfAssess(principalOf(ctx), ctx.params.id, input, auditCtx(ctx))) satisfies SecretaryAssessmentView;
  });

  router.post('/secretary-assessments/:id/assess', async (ctx) => {
    const input = validateInput(AssessDto, ctx.request.body);
    ctx.body = (await assessments.assess(principalOf(ctx), ctx.params.id, input, auditCtx(ctx))) satisfies SecretaryAssessmentView;
  });

  router.post('/secretary-assessments/:id/confirm', async (ctx) => {
    const input = validateInput(ConfirmAssessmentDto, ctx.request.body);
    ctx.body = (await assessments.confirm(principalOf(ctx), ctx.params.id, input, auditCtx(ctx))) satisfies SecretaryAssessmentView;
  });

  router.post('/secretary-assessments/:id/publish', async (ctx) => {
    ctx.body = (await assessments.publish(principalOf(ctx), ctx.params.id, auditCtx(ctx))) satisfies SecretaryAssessmentView;
  });

  router.post('/secretary-assessments/:id/appeal', async (ctx) => {
    const input = validateInput(AppealAssessmentDto, ctx.request.body);
    ctx.body = (await assessments.appeal(principalOf(ctx), ctx.params.id, input, auditCtx(ctx))) satisfies SecretaryAssessmentView;
  });

  router.post('/secretary-assessments/:id/resolve-appeal', async (ctx) => {
    const input = validateInput(ResolveAppealDto, ctx.request.body);
    ctx.body = (await assessments.resolveAppeal(principalOf(ctx), ctx.params.id, input, auditCtx(ctx))) satisfies SecretaryAssessmentView;
  });
}
