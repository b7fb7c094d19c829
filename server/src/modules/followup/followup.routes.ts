import { type OrgLifeFrequencyResponse, type Page, type RectificationNoticeView } from '@djzy/shared';
import { auditCtx, principalOf, type AppRouter } from '../../core/http';
import { validateInput } from '../../core/validate';
import { FrequencyQueryDto, OrgLifePlanDto, RectificationListQueryDto, ResolveRectificationDto } from './followup.dto';
import type { FollowUpService } from './followup.service';

export function followUpRoutes(router: AppRouter, followUp: FollowUpService) {
  router.get('/rectifications', async (ctx) => {
    const q = validateInput(RectificationListQueryDto, ctx.query);
    const body: Page<RectificationNoticeView> = await followUp.list(principalOf(ctx), q);
    ctx.body = body;
  });

  router.get('/me/rectifications', async (ctx) => {
    const body: RectificationNoticeView[] = await followUp.mine(principalOf(ctx));
    ctx.body = body;
  });

  router.post('/rectifications/:id/resolve', async (ctx) => {
    const input = validateInput(ResolveRectificationDto, ctx.request.body);
    const body: RectificationNoticeView = await followUp.resolve(principalOf(ctx), ctx.params.id, input.resolution, auditCtx(ctx));
    ctx.body = body;
  });

  router.get('/org-life/frequency', async (ctx) => {
    const q = validateInput(FrequencyQueryDto, ctx.query);
    const body: OrgLifeFrequencyResponse = await followUp.frequency(principalOf(ctx), q.orgId, q.year);
    ctx.body = body;
  });

  router.put('/org-life/plans/:orgId', async (ctx) => {
    const input = validateInput(OrgLifePlanDto, ctx.request.body);
    ctx.body = await followUp.setPlan(principalOf(ctx), ctx.params.orgId, input.plan, auditCtx(ctx));
  });
}
