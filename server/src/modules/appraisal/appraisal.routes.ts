import { type AppraisalGradesResult, type AppraisalRoundView, type DisposalView, type MyAppraisal } from '@djzy/shared';
import { auditCtx, principalOf, type AppRouter } from '../../core/http';
import { validateInput } from '../../core/validate';
import { CreateDisposalDto, CreateRoundDto, DisposalListQueryDto, ExpiryReviewDto, FeedbackDto, GradesDto, ProposeDto, RoundListQueryDto, SelfReviewDto, StepDto, TalliesDto, VoteDto } from './appraisal.dto';
import type { AppraisalService } from './appraisal.service';

export function appraisalRoutes(router: AppRouter, appraisal: AppraisalService) {
  // ── 民主评议党员 ──────────────────────────────────────────────────────────────────────────
  router.get('/appraisal-rounds', async (ctx) => {
    const q = validateInput(RoundListQueryDto, ctx.query);
    const body: AppraisalRoundView[] = await appraisal.rounds(principalOf(ctx), q);
    ctx.body = body;
  });

  router.get('/appraisal-rounds/mine', async (ctx) => {
    const body: MyAppraisal[] = await appraisal.mine(principalOf(ctx));
    ctx.body = body;
  });

  router.post('/appraisal-rounds', async (ctx) => {
    const input = validateInput(CreateRoundDto, ctx.request.body);
    const body: AppraisalRoundView = await appraisal.createRound(principalOf(ctx), input, auditCtx(ctx));
    ctx.status = 201;
    ctx.body = body;
  });

  router.get('/appraisal-rounds/:id', async (ctx) => {
    const body: AppraisalRoundView = await appraisal.round(principalOf(ctx), ctx.params.id);
    ctx.body = body;
  });

  // One route per move (no body): each from one state, 409 STATE_CONFLICT otherwise.
  router.post('/appraisal-rounds/:id/open-self-review', async (ctx) => {
    const body: AppraisalRoundView = await appraisal.moveRound(principalOf(ctx), ctx.params.id, 'open-self-review', auditCtx(ctx));
    ctx.body = body;
  });

  router.post('/appraisal-rounds/:id/open-peer-review', async (ctx) => {
    const body: AppraisalRoundView = await appraisal.moveRound(principalOf(ctx), ctx.params.id, 'open-peer-review', auditCtx(ctx));
    ctx.body = body;
  });

  router.post('/appraisal-rounds/:id/open-vote', async (ctx) => {
    const body: AppraisalRoundView = await appraisal.moveRound(principalOf(ctx), ctx.params.id, 'open-vote', auditCtx(ctx));
    ctx.body = body;
  });

  router.post('/appraisal-rounds/:id/open-rating', async (ctx) => {
    const body: AppraisalRoundView = await appraisal.moveRound(principalOf(ctx), ctx.params.id, 'open-rating', auditCtx(ctx));
    ctx.body = body;
  });

  router.post('/appraisal-rounds/:id/decide', async (ctx) => {
    const body: AppraisalRoundView = await appraisal.moveRound(principalOf(ctx), ctx.params.id, 'decide', auditCtx(ctx));
    ctx.body = body;
  });

  router.post('/appraisal-rounds/:id/report', async (ctx) => {
    const body: AppraisalRoundView = await appraisal.moveRound(principalOf(ctx), ctx.params.id, 'report', auditCtx(ctx));
    ctx.body = body;
  });

  router.post('/appraisal-rounds/:id/self-reviews', async (ctx) => {
    const input = validateInput(SelfReviewDto, ctx.request.body);
    const body: AppraisalRoundView = await appraisal.selfReview(principalOf(ctx), ctx.params.id, input, auditCtx(ctx));
    ctx.body = body;
  });

  router.put('/appraisal-rounds/:id/tallies', async (ctx) => {
    const input = validateInput(TalliesDto, ctx.request.body);
    const body: AppraisalRoundView = await appraisal.tallies(principalOf(ctx), ctx.params.id, input, auditCtx(ctx));
    ctx.body = body;
  });

  router.put('/appraisal-rounds/:id/grades', async (ctx) => {
    const input = validateInput(GradesDto, ctx.request.body);
    const body: AppraisalGradesResult = await appraisal.grades(principalOf(ctx), ctx.params.id, input, auditCtx(ctx));
    ctx.body = body;
  });

  router.post('/appraisal-rounds/:id/feedback', async (ctx) => {
    const input = validateInput(FeedbackDto, ctx.request.body);
    const body: AppraisalRoundView = await appraisal.feedback(principalOf(ctx), ctx.params.id, input.memberId, auditCtx(ctx));
    ctx.body = body;
  });

  // ── 组织处置 ─────────────────────────────────────────────────────────────────────────────
  router.get('/disposals', async (ctx) => {
    const q = validateInput(DisposalListQueryDto, ctx.query);
    const body: DisposalView[] = await appraisal.disposals(principalOf(ctx), q);
    ctx.body = body;
  });

  router.post('/disposals', async (ctx) => {
    const input = validateInput(CreateDisposalDto, ctx.request.body);
    const body: DisposalView = await appraisal.createDisposal(principalOf(ctx), input, auditCtx(ctx));
    ctx.status = 201;
    ctx.body = body;
  });

  router.get('/disposals/:id', async (ctx) => {
    const body: DisposalView = await appraisal.disposal(principalOf(ctx), ctx.params.id);
    ctx.body = body;
  });

  // One route per step, each from its states (409 STATE_CONFLICT otherwise).
  router.post('/disposals/:id/propose', async (ctx) => {
    const input = validateInput(ProposeDto, ctx.request.body);
    const body: DisposalView = await appraisal.propose(principalOf(ctx), ctx.params.id, input, auditCtx(ctx));
    ctx.body = body;
  });

  router.post('/disposals/:id/file', async (ctx) => {
    const input = validateInput(StepDto, ctx.request.body);
    const body: DisposalView = await appraisal.file(principalOf(ctx), ctx.params.id, input, auditCtx(ctx));
    ctx.body = body;
  });

  router.post('/disposals/:id/investigate', async (ctx) => {
    const input = validateInput(StepDto, ctx.request.body);
    const body: DisposalView = await appraisal.investigate(principalOf(ctx), ctx.params.id, input, auditCtx(ctx));
    ctx.body = body;
  });

  router.post('/disposals/:id/talk', async (ctx) => {
    const input = validateInput(StepDto, ctx.request.body);
    const body: DisposalView = await appraisal.talk(principalOf(ctx), ctx.params.id, input, auditCtx(ctx));
    ctx.body = body;
  });

  router.post('/disposals/:id/pretrial', async (ctx) => {
    const input = validateInput(StepDto, ctx.request.body);
    const body: DisposalView = await appraisal.pretrial(principalOf(ctx), ctx.params.id, input, auditCtx(ctx));
    ctx.body = body;
  });

  router.post('/disposals/:id/vote', async (ctx) => {
    const input = validateInput(VoteDto, ctx.request.body);
    const body: DisposalView = await appraisal.vote(principalOf(ctx), ctx.params.id, input, auditCtx(ctx));
    ctx.body = body;
  });

  router.post('/disposals/:id/approve', async (ctx) => {
    const input = validateInput(StepDto, ctx.request.body);
    const body: DisposalView = await appraisal.approve(principalOf(ctx), ctx.params.id, input, auditCtx(ctx));
    ctx.body = body;
  });

  router.post('/disposals/:id/effect', async (ctx) => {
    const input = validateInput(StepDto, ctx.request.body);
    const body: DisposalView = await appraisal.effect(principalOf(ctx), ctx.params.id, input, auditCtx(ctx));
    ctx.body = body;
  });

  router.post('/disposals/:id/expiry-review', async (ctx) => {
    const input = validateInput(ExpiryReviewDto, ctx.request.body);
    const body: DisposalView = await appraisal.expiryReview(principalOf(ctx), ctx.params.id, input, auditCtx(ctx));
    ctx.body = body;
  });

  router.post('/disposals/:id/withdraw', async (ctx) => {
    const input = validateInput(StepDto, ctx.request.body);
    const body: DisposalView = await appraisal.withdraw(principalOf(ctx), ctx.params.id, input, auditCtx(ctx));
    ctx.body = body;
  });
}
