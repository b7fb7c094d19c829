import type { ActivityView, Page, StudyPairView } from '@djzy/shared';
import { auditCtx, principalOf, type AppRouter } from '../../core/http';
import { validateInput } from '../../core/validate';
import { ActivityListQueryDto, BatchCreateActivitiesDto, CreateActivityDto, SetPairsDto, UpdateActivityDto } from './activity.dto';
import type { ActivityService } from './activity.service';

export function activityRoutes(router: AppRouter, activities: ActivityService) {
  router.post('/activities', async (ctx) => {
    const input = validateInput(CreateActivityDto, ctx.request.body);
    const body: ActivityView = await activities.create(principalOf(ctx), input, auditCtx(ctx));
    ctx.status = 201;
    ctx.body = body;
  });

  router.post('/activities/batch', async (ctx) => {
    const input = validateInput(BatchCreateActivitiesDto, ctx.request.body);
    const body: ActivityView[] = await activities.createBatch(principalOf(ctx), input, auditCtx(ctx));
    ctx.status = 201;
    ctx.body = body;
  });

  router.get('/activities', async (ctx) => {
    const q = validateInput(ActivityListQueryDto, ctx.query);
    const body: Page<ActivityView> = await activities.list(principalOf(ctx), q);
    ctx.body = body;
  });

  router.get('/activities/:id', async (ctx) => {
    const body: ActivityView = await activities.get(principalOf(ctx), ctx.params.id);
    ctx.body = body;
  });

  router.patch('/activities/:id', async (ctx) => {
    const input = validateInput(UpdateActivityDto, ctx.request.body);
    const body: ActivityView = await activities.update(principalOf(ctx), ctx.params.id, input, auditCtx(ctx));
    ctx.body = body;
  });

  router.post('/activities/:id/publish', async (ctx) => {
    const body: ActivityView = await activities.publish(principalOf(ctx), ctx.params.id, auditCtx(ctx));
    ctx.body = body;
  });

  router.post('/activities/:id/cancel', async (ctx) => {
    const body: ActivityView = await activities.cancel(principalOf(ctx), ctx.params.id, auditCtx(ctx));
    ctx.body = body;
  });

  router.put('/activities/:id/pairs', async (ctx) => {
    const input = validateInput(SetPairsDto, ctx.request.body);
    const body: StudyPairView[] = await activities.setPairs(principalOf(ctx), ctx.params.id, input.pairs, auditCtx(ctx));
    ctx.body = body;
  });


}
