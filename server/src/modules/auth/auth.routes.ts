import type {
  AdminLoginResponse,
  AuthOptionsResponse,
  BindResponse,
  DevLoginResponse,
  MeResponse,
  WechatLoginResponse,
} from '@djzy/shared';
import { auditCtx, principalOf, type AppContext, type AppRouter } from '../../core/http';
import type { RateLimiter } from '../../core/rate-limit';
import { validateInput } from '../../core/validate';
import { AdminLoginDto, BindDto, DevLoginDto, WechatLoginDto } from './auth.dto';
import type { AuthService } from './auth.service';

export function authRoutes(router: AppRouter, auth: AuthService, limiter: RateLimiter, opts: { perMinute: number; demoMode: boolean }) {
  /** Sign-in routes are limited per client address: a guessing client gets 429 + Retry-After. */
  const limit = (ctx: AppContext) => limiter.hit(`auth:${ctx.ip}`, opts.perMinute, 60_000);

  router.get('/auth/options', async (ctx) => {
    const body: AuthOptionsResponse = await auth.options();
    ctx.body = body;
  });

  router.post('/auth/wechat', async (ctx) => {
    await limit(ctx);
    const input = validateInput(WechatLoginDto, ctx.request.body);
    const body: WechatLoginResponse = await auth.wechatLogin(input.code, auditCtx(ctx));
    ctx.body = body;
  });

  router.post('/auth/bind', async (ctx) => {
    await limit(ctx);
    const input = validateInput(BindDto, ctx.request.body);
    const body: BindResponse = await auth.bind(input, auditCtx(ctx));
    ctx.body = body;
  });

  router.post('/auth/admin', async (ctx) => {
    await limit(ctx);
    const input = validateInput(AdminLoginDto, ctx.request.body);
    const body: AdminLoginResponse = await auth.adminLogin(input.username, input.password, auditCtx(ctx));
    ctx.body = body;
  });

  // The demo sign-in exists only in demo mode; otherwise the route is simply not there (404).
  if (opts.demoMode)
    router.post('/auth/dev', async (ctx) => {
      const input = validateInput(DevLoginDto, ctx.request.body);
      const body: DevLoginResponse = await auth.devLogin(input);
      ctx.body = body;
    });

  router.get('/me', async (ctx) => {
    const body: MeResponse = await auth.me(principalOf(ctx));
    ctx.body = body;
  });
}
