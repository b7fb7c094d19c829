import type {
  AdjustmentResponse,
  BranchPointsStat,
  MyPointsResponse,
  Page,
  PointsEntryView,
  PointsNoticeView,
  PointsRuleView,
  PointsSettingsView,
  RankingItem,
} from '@djzy/shared';
import { auditCtx, principalOf, type AppRouter } from '../../core/http';
import { PageQueryDto } from '../../core/dto';
import { validateInput } from '../../core/validate';
import {
  AdjustmentDto,
  CreatePointsNoticeDto,
  DistributionQueryDto,
  PeriodQueryDto,
  PointsSettingsDto,
  RankingQueryDto,
  ReversalDto,
  UpdatePointsNoticeDto,
  UpdatePointsRuleDto,
} from './points.dto';
import type { PointsService } from './points.service';

export function pointsRoutes(router: AppRouter, points: PointsService) {
  router.get('/points/me', async (ctx) => {
    const q = validateInput(PeriodQueryDto, ctx.query);
    const body: MyPointsResponse = await points.mine(principalOf(ctx), q.period);
    ctx.body = body;
  });

  router.get('/points/members/:memberId', async (ctx) => {
    const q = validateInput(PeriodQueryDto, ctx.query);
    const body: MyPointsResponse = await points.memberLedger(principalOf(ctx), ctx.params.memberId, q.period);
    ctx.body = body;
  });

  router.get('/points/rankings', async (ctx) => {
    const q = validateInput(RankingQueryDto, ctx.query);
    const body: Page<RankingItem> = await points.rankings(principalOf(ctx), q);
    ctx.body = body;
  });

  router.get('/points/distribution', async (ctx) => {
    const q = validateInput(DistributionQueryDto, ctx.query);
    const body: BranchPointsStat[] = await points.distribution(principalOf(ctx), q.orgId, q.period);
    ctx.body = body;
  });

  router.get('/points/rules', async (ctx) => {
    const body: PointsRuleView[] = await points.rules(principalOf(ctx));
    ctx.body = body;
  });

  router.put('/points/rules/:code', async (ctx) => {
    const input = validateInput(UpdatePointsRuleDto, ctx.request.body);
    const body: PointsRuleView = await points.updateRule(principalOf(ctx), ctx.params.code, input, auditCtx(ctx));
    ctx.body = body;
  });

  router.post('/points/adjustments', async (ctx) => {
    const input = validateInput(AdjustmentDto, ctx.request.body);
    const { status, body } = await points.adjust(principalOf(ctx), input, ctx.get('Idempotency-Key') || undefined, auditCtx(ctx));
    ctx.status = status;
    ctx.body = body satisfies AdjustmentResponse;
  });

  router.post('/points/entries/:id/reverse', async (ctx) => {
    const input = validateInput(ReversalDto, ctx.request.body);
    const body: PointsEntryView = await points.reverse(principalOf(ctx), ctx.params.id, input.reason, auditCtx(ctx));
    ctx.status = 201;
    ctx.body = body;
  });

  router.get('/points/settings/:orgId', async (ctx) => {
    const body: PointsSettingsView = await points.getSettings(principalOf(ctx), ctx.params.orgId);
    ctx.body = body;
  });

  router.put('/points/settings/:orgId', async (ctx) => {
    const input = validateInput(PointsSettingsDto, ctx.request.body);
    const body: PointsSettingsView = await points.updateSettings(
      principalOf(ctx),
      ctx.params.orgId,
      input.showMemberRanking,
      auditCtx(ctx),
    );
    ctx.body = body;
  });

  router.get('/points/notices', async (ctx) => {
    const q = validateInput(PageQueryDto, ctx.query);
    const body: Page<PointsNoticeView> = await points.notices(principalOf(ctx), q);
    ctx.body = body;
  });

  router.post('/points/notices', async (ctx) => {
    const input = validateInput(CreatePointsNoticeDto, ctx.request.body);
    const body: PointsNoticeView = await points.createNotice(principalOf(ctx), input, auditCtx(ctx));
    ctx.status = 201;
    ctx.body = body;
  });

  router.get('/points/notices/:id', async (ctx) => {
    const body: PointsNoticeView = await points.notice(principalOf(ctx), ctx.params.id);
    ctx.body = body;
  });

  router.patch('/points/notices/:id', async (ctx) => {
    const input = validateInput(UpdatePointsNoticeDto, ctx.request.body);
    const body: PointsNoticeView = await points.updateNotice(principalOf(ctx), ctx.params.id, input, auditCtx(ctx));
    ctx.body = body;
  });

  router.post('/points/notices/:id/publish', async (ctx) => {
    const body: PointsNoticeView = await points.publishNotice(principalOf(ctx), ctx.params.id, auditCtx(ctx));
    ctx.body = body;
  });
}
