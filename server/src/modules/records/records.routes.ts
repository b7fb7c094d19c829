import type { BranchRatingRow, BranchRatingView, CommendationView, SiteInvestmentView, SiteView, TalkView, VisitView } from '@djzy/shared';
import { auditCtx, principalOf, type AppRouter } from '../../core/http';
import { validateInput } from '../../core/validate';
import {
  BranchRatingQueryDto,
  CreateCommendationDto,
  CreateSiteDto,
  CreateSiteInvestmentDto,
  CreateTalkDto,
  CreateVisitDto,
  RecordListQueryDto,
  SetBranchRatingDto,
  UpdateSiteDto,
} from './records.dto';
import type { RecordsService } from './records.service';

export function recordsRoutes(router: AppRouter, records: RecordsService) {
  // ── 调研走访 ─────────────────────────────────────────────────────────────────────────────
  router.get('/visits', async (ctx) => {
    const q = validateInput(RecordListQueryDto, ctx.query);
    const body: VisitView[] = await records.visits(principalOf(ctx), q);
    ctx.body = body;
  });

  router.post('/visits', async (ctx) => {
    const input = validateInput(CreateVisitDto, ctx.request.body);
    const body: VisitView = await records.createVisit(principalOf(ctx), input, auditCtx(ctx));
    ctx.status = 201;
    ctx.body = body;
  });

  router.delete('/visits/:id', async (ctx) => {
    await records.deleteVisit(principalOf(ctx), ctx.params.id, auditCtx(ctx));
    ctx.status = 204;
  });

  // ── 谈心谈话 ─────────────────────────────────────────────────────────────────────────────
  router.get('/talks', async (ctx) => {
    const q = validateInput(RecordListQueryDto, ctx.query);
    const body: TalkView[] = await records.talks(principalOf(ctx), q);
    ctx.body = body;
  });

  router.post('/talks', async (ctx) => {
    const input = validateInput(CreateTalkDto, ctx.request.body);
    const body: TalkView[] = await records.createTalks(principalOf(ctx), input, auditCtx(ctx));
    ctx.status = 201;
    ctx.body = body;
  });

  router.delete('/talks/:id', async (ctx) => {
    await records.deleteTalk(principalOf(ctx), ctx.params.id, auditCtx(ctx));
    ctx.status = 204;
  });

  // ── 党建阵地 ─────────────────────────────────────────────────────────────────────────────
  router.get('/sites', async (ctx) => {
    const q = validateInput(RecordListQueryDto, ctx.query);
    const body: SiteView[] = await records.sites(principalOf(ctx), q);
    ctx.body = body;
  });

  router.post('/sites', async (ctx) => {
    const input = validateInput(CreateSiteDto, ctx.request.body);
    const body: SiteView = await records.createSite(principalOf(ctx), input, auditCtx(ctx));
    ctx.status = 201;
    ctx.body = body;
  });

  router.patch('/sites/:id', async (ctx) => {
    const input = validateInput(UpdateSiteDto, ctx.request.body);
    const body: SiteView = await records.updateSite(principalOf(ctx), ctx.params.id, input, auditCtx(ctx));
    ctx.body = body;
  });

  router.delete('/sites/:id', async (ctx) => {
    await records.deleteSite(principalOf(ctx), ctx.params.id, auditCtx(ctx));
    ctx.status = 204;
  });

  router.post('/sites/:id/investments', async (ctx) => {
    const input = validateInput(CreateSiteInvestmentDto, ctx.request.body);
    const body: SiteInvestmentView = await records.addInvestment(principalOf(ctx), ctx.params.id, input, auditCtx(ctx));
    ctx.status = 201;
    ctx.body = body;
  });

  router.delete('/sites/:id/investments/:investmentId', async (ctx) => {
    await records.deleteInvestment(principalOf(ctx), ctx.params.id, ctx.params.investmentId, auditCtx(ctx));
    ctx.status = 204;
  });

  // ── 支部评定 ─────────────────────────────────────────────────────────────────────────────
  router.get('/branch-ratings', async (ctx) => {
    const q = validateInput(BranchRatingQueryDto, ctx.query);
    const body: BranchRatingRow[] = await records.ratings(principalOf(ctx), q);
    ctx.body = body;
  });

  router.put('/branch-ratings', async (ctx) => {
    const input = validateInput(SetBranchRatingDto, ctx.request.body);
    const body: BranchRatingView = await records.setRating(principalOf(ctx), input, auditCtx(ctx));
    ctx.body = body;
  });

  // ── 选树表彰 ─────────────────────────────────────────────────────────────────────────────
  router.get('/commendations', async (ctx) => {
    const q = validateInput(RecordListQueryDto, ctx.query);
    const body: CommendationView[] = await records.commendations(principalOf(ctx), q);
    ctx.body = body;
  });

  router.post('/commendations', async (ctx) => {
    const input = validateInput(CreateCommendationDto, ctx.request.body);
    const body: CommendationView = await records.createCommendation(principalOf(ctx), input, auditCtx(ctx));
    ctx.status = 201;
    ctx.body = body;
  });

  router.delete('/commendations/:id', async (ctx) => {
    await records.deleteCommendation(principalOf(ctx), ctx.params.id, auditCtx(ctx));
    ctx.status = 204;
  });
}
