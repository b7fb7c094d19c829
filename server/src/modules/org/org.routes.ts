import type { OrgTreeResponse } from '@djzy/shared';
import { principalOf, type AppRouter } from '../../core/http';
import type { OrgService } from './org.service';

export function orgRoutes(router: AppRouter, orgs: OrgService) {
  router.get('/orgs', async (ctx) => {
    const body: OrgTreeResponse = await orgs.tree(principalOf(ctx));
    ctx.body = body;
  });
}
