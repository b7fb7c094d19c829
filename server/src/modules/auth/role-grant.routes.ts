import type { PostGrantView } from '@djzy/shared';
import { auditCtx, principalOf, type AppRouter } from '../../core/http';
import { validateInput } from '../../core/validate';
import { CreateRoleGrantDto, EndRoleGrantDto, RoleGrantQueryDto } from './auth.dto';
import type { RoleGrantService } from './role-grant.service';

/** 村级岗位: list, grant, end with a reason. */
export function roleGrantRoutes(router: AppRouter, grants: RoleGrantService) {
  router.get('/role-grants', async (ctx) => {
    const q = validateInput(RoleGrantQueryDto, ctx.query);
    const body: PostGrantView[] = await grants.list(principalOf(ctx), q);
    ctx.body = body;
  });

  router.post('/role-grants', async (ctx) => {
    const input = validateInput(CreateRoleGrantDto, ctx.request.body);
    const body: PostGrantView = await grants.grant(principalOf(ctx), input, auditCtx(ctx));
    ctx.status = 201;
    ctx.body = body;
  });

  router.post('/role-grants/:id/end', async (ctx) => {
    const input = validateInput(EndRoleGrantDto, ctx.request.body);
    const body: PostGrantView = await grants.end(principalOf(ctx), ctx.params.id, input, auditCtx(ctx));
    ctx.body = body;
  });
}
