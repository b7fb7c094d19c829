import type { DeedView, LiaisonContactView, LiaisonView, MyLiaisonsResponse, Page, ServiceRequestView } from '@djzy/shared';
import { auditCtx, principalOf, type AppRouter } from '../../core/http';
import { validateInput } from '../../core/validate';
import {
  CreateDeedDto,
  CreateLiaisonDto,
  CreateServiceRequestDto,
  DeedConfirmDto,
  DeedDeclineDto,
  DeedDoneDto,
  DeedFromSourceDto,
  DeedListQueryDto,
  HandleServiceRequestDto,
  LiaisonContactListQueryDto,
  LiaisonListQueryDto,
  LogLiaisonContactDto,
  NeedToDeedDto,
  ServiceRequestListQueryDto,
} from './service.dto';
import type { DeedService } from './deed.service';
import type { LiaisonService } from './liaison.service';
import type { ServiceRequestService } from './service-request.service';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

export function serviceRoutes(
  router: AppRouter,
  services: { deeds: DeedService; requests: ServiceRequestService; liaisons: LiaisonService },
) {
  const { deeds, requests, liaisons } = services;

  // ── 为群众办实事 ─────────────────────────────────────────────────────────────────────────

  router.post('/deeds', async (ctx) => {
    const input = validateInput(CreateDeedDto, ctx.request.body);
    const body: DeedView = await deeds.create(principalOf(ctx), input, auditCtx(ctx));
    ctx.status = 201;
    ctx.body = body;
  });

  router.get('/deeds', async (ctx) => {
    const q = validateInput(DeedListQueryDto, ctx.query);
    const body: Page<DeedView> = await deeds.list(principalOf(ctx), q);
    ctx.body = body;
  });

  router.get('/deeds.xlsx', async (ctx) => {
    const q = validateInput(DeedListQueryDto, ctx.query);
    const { filename, data } = await deeds.listXlsx(principalOf(ctx), q);
    ctx.set('Content-Type', XLSX);
    ctx.set('Content-Disposition', `attachment; filename="deeds.xlsx"; filename*=UTF-8''${encodeURIComponent(filename)}`);
    ctx.body = data;
  });

  router.get('/deeds/:id', async (ctx) => {
    const body: DeedView = await deeds.view(principalOf(ctx), ctx.params.id);
    ctx.body = body;
  });

  router.post('/deeds/:id/accept', async (ctx) => {
    ctx.body = (await deeds.accept(principalOf(ctx), ctx.params.id, auditCtx(ctx))) satisfies DeedView;
  });

  router.post('/deeds/:id/start', async (ctx) => {
    ctx.body = (await deeds.start(principalOf(ctx), ctx.params.id, auditCtx(ctx))) satisfies DeedView;
  });

  router.post('/deeds/:id/done', async (ctx) => {
    const input = validateInput(DeedDoneDto, ctx.request.body);
    ctx.body = (await deeds.done(principalOf(ctx), ctx.params.id, input.result, auditCtx(ctx))) satisfies DeedView;
  });

  router.post('/deeds/:id/confirm', async (ctx) => {
    const input = validateInput(DeedConfirmDto, ctx.request.body);
    ctx.body = (await deeds.confirm(principalOf(ctx), ctx.params.id, input, auditCtx(ctx))) satisfies DeedView;
  });

  router.post('/deeds/:id/decline', async (ctx) => {
    const input = validateInput(DeedDeclineDto, ctx.request.body);
    ctx.body = (await deeds.decline(principalOf(ctx), ctx.params.id, input.reason, auditCtx(ctx))) satisfies DeedView;
  });

  router.post('/feedback/:id/deed', async (ctx) => {
    const input = validateInput(DeedFromSourceDto, ctx.request.body);
    const body: DeedView = await requests.feedbackToDeed(principalOf(ctx), ctx.params.id, input, auditCtx(ctx));
    ctx.status = 201;
    ctx.body = body;
  });

  // ── 便民服务 ─────────────────────────────────────────────────────────────────────────────

  router.post('/service-requests', async (ctx) => {
    const input = validateInput(CreateServiceRequestDto, ctx.request.body);
    const body: ServiceRequestView = await requests.create(principalOf(ctx), input, auditCtx(ctx));
    ctx.status = 201;
    ctx.body = body;
  });

  router.get('/service-requests', async (ctx) => {
    const q = validateInput(ServiceRequestListQueryDto, ctx.query);
    const body: Page<ServiceRequestView> = await requests.list(principalOf(ctx), q);
    ctx.body = body;
  });

  router.get('/service-requests/:id', async (ctx) => {
    const body: ServiceRequestView = await requests.get(principalOf(ctx), ctx.params.id);
    ctx.body = body;
  });

  router.post('/service-requests/:id/handle', async (ctx) => {
    const input = validateInput(HandleServiceRequestDto, ctx.request.body);
    ctx.body = (await requests.handle(principalOf(ctx), ctx.params.id, input, auditCtx(ctx))) satisfies ServiceRequestView;
  });

  router.post('/service-requests/:id/deed', async (ctx) => {
    const input = validateInput(DeedFromSourceDto, ctx.request.body);
    const body: DeedView = await requests.toDeed(principalOf(ctx), ctx.params.id, input, auditCtx(ctx));
    ctx.status = 201;
    ctx.body = body;
  });

  // ── 联村联片联户 ─────────────────────────────────────────────────────────────────────────

  router.post('/liaisons', async (ctx) => {
    const input = validateInput(CreateLiaisonDto, ctx.request.body);
    const body: LiaisonView = await liaisons.create(principalOf(ctx), input, auditCtx(ctx));
    ctx.status = 201;
    ctx.body = body;
  });

  router.get('/liaisons', async (ctx) => {
    const q = validateInput(LiaisonListQueryDto, ctx.query);
    const body: Page<LiaisonView> = await liaisons.list(principalOf(ctx), q);
    ctx.body = body;
  });

  router.get('/liaisons/mine', async (ctx) => {
    const body: MyLiaisonsResponse = await liaisons.mine(principalOf(ctx));
    ctx.body = body;
  });

  router.get('/liaisons/:id', async (ctx) => {
    const body: LiaisonView = await liaisons.get(principalOf(ctx), ctx.params.id);
    ctx.body = body;
  });

  router.post('/liaisons/:id/contacts', async (ctx) => {
    const input = validateInput(LogLiaisonContactDto, ctx.request.body);
    const { created, body } = await liaisons.logContact(
      principalOf(ctx),
      ctx.params.id,
      input,
      ctx.get('Idempotency-Key') || undefined,
      auditCtx(ctx),
    );
    ctx.status = created ? 201 : 200;
    ctx.body = body satisfies LiaisonContactView;
  });

  router.get('/liaison-contacts', async (ctx) => {
    const q = validateInput(LiaisonContactListQueryDto, ctx.query);
    const body: Page<LiaisonContactView> = await liaisons.contacts(principalOf(ctx), q);
    ctx.body = body;
  });

  router.post('/liaison-contacts/:id/needs/:index/deed', async (ctx) => {
    const input = validateInput(NeedToDeedDto, ctx.request.body);
    const body: DeedView = await liaisons.needToDeed(principalOf(ctx), ctx.params.id, ctx.params.index, input, auditCtx(ctx));
    ctx.status = 201;
    ctx.body = body;
  });

  router.post('/liaison-contacts/:id/needs/:index/service-request', async (ctx) => {
    const body: ServiceRequestView = await liaisons.needToRequest(principalOf(ctx), ctx.params.id, ctx.params.index, auditCtx(ctx));
    ctx.status = 201;
    ctx.body = body;
  });
}
