import type {
  CadreFigures,
  ContactLogResponse,
  ContactLogView,
  MobileMemberView,
  MobilitySettingsView,
  MyMobilityResponse,
  Page,
} from '@djzy/shared';
import { auditCtx, principalOf, type AppRouter } from '../../core/http';
import { validateInput } from '../../core/validate';
import {
  CadreFiguresQueryDto,
  ContactLogDto,
  MobileMemberListQueryDto,
  MobilityReportDto,
  MobilitySettingsDto,
  UpsertMobilityDto,
} from './mobility.dto';
import type { MobilityService } from './mobility.service';

export function mobilityRoutes(router: AppRouter, mobility: MobilityService) {
  router.get('/mobile-members', async (ctx) => {
    const q = validateInput(MobileMemberListQueryDto, ctx.query);
    const body: Page<MobileMemberView> = await mobility.list(principalOf(ctx), q);
    ctx.body = body;
  });

  router.get('/mobile-members/cadres', async (ctx) => {
    const q = validateInput(CadreFiguresQueryDto, ctx.query);
    const body: CadreFigures[] = await mobility.cadreFigures(principalOf(ctx), q.orgId);
    ctx.body = body;
  });

  router.get('/mobile-members/settings/:orgId', async (ctx) => {
    const body: MobilitySettingsView = await mobility.getSettings(principalOf(ctx), ctx.params.orgId);
    ctx.body = body;
  });

  router.put('/mobile-members/settings/:orgId', async (ctx) => {
    const input = validateInput(MobilitySettingsDto, ctx.request.body);
    const body: MobilitySettingsView = await mobility.updateSettings(principalOf(ctx), ctx.params.orgId, input, auditCtx(ctx));
    ctx.body = body;
  });

  router.put('/mobile-members/:memberId', async (ctx) => {
    const input = validateInput(UpsertMobilityDto, ctx.request.body);
    const body: MobileMemberView = await mobility.upsert(principalOf(ctx), ctx.params.memberId, input, auditCtx(ctx));
    ctx.body = body;
  });

  router.post('/mobile-members/:memberId/contacts', async (ctx) => {
    const input = validateInput(ContactLogDto, ctx.request.body);
    const { created, body } = await mobility.logContact(
      principalOf(ctx),
      ctx.params.memberId,
      input,
      ctx.get('Idempotency-Key') || undefined,
      auditCtx(ctx),
    );
    ctx.status = created ? 201 : 200;
    ctx.body = body satisfies ContactLogResponse;
  });

  router.get('/mobile-members/:memberId/contacts', async (ctx) => {
    const body: ContactLogView[] = await mobility.contacts(principalOf(ctx), ctx.params.memberId);
    ctx.body = body;
  });

  router.get('/me/mobility', async (ctx) => {
    const body: MyMobilityResponse = await mobility.mine(principalOf(ctx));
    ctx.body = body;
  });

  router.post('/me/mobility-report', async (ctx) => {
    const input = validateInput(MobilityReportDto, ctx.request.body);
    const body: ContactLogView = await mobility.report(principalOf(ctx), input, auditCtx(ctx));
    ctx.status = 201;
    ctx.body = body;
  });
}
