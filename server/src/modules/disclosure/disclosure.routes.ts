import {
  MAX_DISCLOSURE_ATTACHMENT_BYTES,
  type CheckDisclosureSchedulesResult,
  type CreateFeedbackResponse,
  type DisclosureAttachmentView,
  type DisclosureImportResult,
  type DisclosureScheduleView,
  type DisclosureView,
  type Page,
  type PublicDisclosureView,
  type PublicVillageDisclosures,
} from '@djzy/shared';
import { auditCtx, principalOf, storedFileHeaders, type AppContext, type AppRouter } from '../../core/http';
import { readUpload } from '../../core/upload';
import { validateInput } from '../../core/validate';
import {
  CheckDisclosureSchedulesDto,
  CreateDisclosureDto,
  DisclosureListQueryDto,
  DisclosureSignDto,
  PublicFeedbackDto,
  ReplaceDisclosureRowsDto,
  ReturnDisclosureDto,
  ScheduleQueryDto,
  UpdateDisclosureDto,
  UpdateDisclosureScheduleDto,
} from './disclosure.dto';
import type { DisclosureService } from './disclosure.service';
import type { DisclosureScheduleService } from './schedule.service';

/** An attachment's bytes, opened in the browser (inline) under its own name. */
function sendFile(ctx: AppContext, file: { data: Buffer; contentType: string; name: string }) {
  ctx.set('Content-Type', file.contentType);
  ctx.set('Content-Disposition', `inline; filename="attachment"; filename*=UTF-8''${encodeURIComponent(file.name)}`);
  ctx.set('Cache-Control', 'private, max-age=300');
  storedFileHeaders(ctx);
  ctx.body = file.data;
}

export function disclosureRoutes(
  router: AppRouter,
  services: { disclosures: DisclosureService; disclosureSchedules: DisclosureScheduleService },
) {
  const { disclosures, disclosureSchedules: schedules } = services;

  router.post('/disclosures', async (ctx) => {
    const input = validateInput(CreateDisclosureDto, ctx.request.body);
    const body: DisclosureView = await disclosures.create(principalOf(ctx), input, auditCtx(ctx));
    ctx.status = 201;
    ctx.body = body;
  });

  router.get('/disclosures', async (ctx) => {
    const q = validateInput(DisclosureListQueryDto, ctx.query);
    const body: Page<DisclosureView> = await disclosures.list(principalOf(ctx), q);
    ctx.body = body;
  });

  router.get('/disclosures/:id', async (ctx) => {
    ctx.body = (await disclosures.view(principalOf(ctx), ctx.params.id)) satisfies DisclosureView;
  });

  router.patch('/disclosures/:id', async (ctx) => {
    const input = validateInput(UpdateDisclosureDto, ctx.request.body);
    ctx.body = (await disclosures.update(principalOf(ctx), ctx.params.id, input, auditCtx(ctx))) satisfies DisclosureView;
  });

  router.put('/disclosures/:id/rows', async (ctx) => {
    const input = validateInput(ReplaceDisclosureRowsDto, ctx.request.body);
    ctx.body = (await disclosures.replaceRows(principalOf(ctx), ctx.params.id, input, auditCtx(ctx))) satisfies DisclosureView;
  });

  router.post('/disclosures/:id/rows/import', async (ctx) => {
    const p = principalOf(ctx);
    const file = await readUpload(ctx, 'file');
    const body: DisclosureImportResult = await disclosures.importRows(p, ctx.params.id, file.data, auditCtx(ctx));
    ctx.body = body;
  });

  router.post('/disclosures/:id/attachments', async (ctx) => {
    const p = principalOf(ctx);
    const file = await readUpload(ctx, 'file', MAX_DISCLOSURE_ATTACHMENT_BYTES, 'UPLOAD_INVALID');
    const body: DisclosureAttachmentView = await disclosures.addAttachment(p, ctx.params.id, file, auditCtx(ctx));
    ctx.status = 201;
    ctx.body = body;
  });

  router.delete('/disclosures/:id/attachments/:attachmentId', async (ctx) => {
    await disclosures.deleteAttachment(principalOf(ctx), ctx.params.id, ctx.params.attachmentId, auditCtx(ctx));
    ctx.status = 204;
  });

  router.get('/disclosures/:id/attachments/:attachmentId', async (ctx) => {
    sendFile(ctx, await disclosures.attachmentBytes(principalOf(ctx), ctx.params.id, ctx.params.attachmentId));
  });

  router.post('/disclosures/:id/submit', async (ctx) => {
    ctx.body = (await disclosures.submit(principalOf(ctx), ctx.params.id, auditCtx(ctx))) satisfies DisclosureView;
  });

  router.post('/disclosures/:id/review', async (ctx) => {
    const input = validateInput(DisclosureSignDto, ctx.request.body);
    ctx.body = (await disclosures.review(principalOf(ctx), ctx.params.id, input, auditCtx(ctx))) satisfies DisclosureView;
  });

  router.post('/disclosures/:id/finance-check', async (ctx) => {
    const input = validateInput(DisclosureSignDto, ctx.request.body);
    ctx.body = (await disclosures.financeCheck(principalOf(ctx), ctx.params.id, input, auditCtx(ctx))) satisfies DisclosureView;
  });

  router.post('/disclosures/:id/approve', async (ctx) => {
    const input = validateInput(DisclosureSignDto, ctx.request.body);
    ctx.body = (await disclosures.approve(principalOf(ctx), ctx.params.id, input, auditCtx(ctx))) satisfies DisclosureView;
  });

  router.post('/disclosures/:id/publish', async (ctx) => {
    ctx.body = (await disclosures.publish(principalOf(ctx), ctx.params.id, auditCtx(ctx))) satisfies DisclosureView;
  });

  router.post('/disclosures/:id/return', async (ctx) => {
    const input = validateInput(ReturnDisclosureDto, ctx.request.body);
    ctx.body = (await disclosures.returnToDraft(principalOf(ctx), ctx.params.id, input.reason, auditCtx(ctx))) satisfies DisclosureView;
  });

  router.post('/disclosures/:id/correct', async (ctx) => {
    const body: DisclosureView = await disclosures.correct(principalOf(ctx), ctx.params.id, auditCtx(ctx));
    ctx.status = 201;
    ctx.body = body;
  });

  // ── schedules ────────────────────────────────────────────────────────────────────────────

  router.get('/disclosure-schedules', async (ctx) => {
    const q = validateInput(ScheduleQueryDto, ctx.query);
    const body: DisclosureScheduleView[] = await schedules.list(principalOf(ctx), q.orgId);
    ctx.body = body;
  });

  router.post('/disclosure-schedules/check', async (ctx) => {
    const input = validateInput(CheckDisclosureSchedulesDto, ctx.request.body ?? {});
    const body: CheckDisclosureSchedulesResult = await schedules.check(principalOf(ctx), input.orgId, auditCtx(ctx));
    ctx.body = body;
  });

  router.patch('/disclosure-schedules/:id', async (ctx) => {
    const input = validateInput(UpdateDisclosureScheduleDto, ctx.request.body);
    ctx.body = (await schedules.update(principalOf(ctx), ctx.params.id, input, auditCtx(ctx))) satisfies DisclosureScheduleView;
  });

  // ── public: no sign-in ───────────────────────────────────────────────────────────────────

  router.get('/public/orgs/:orgId/disclosures', async (ctx) => {
    const body: PublicVillageDisclosures = await disclosures.publicList(ctx.params.orgId);
    ctx.set('Cache-Control', 'no-store');
    ctx.body = body;
  });

  router.get('/public/disclosures/:id', async (ctx) => {
    const body: PublicDisclosureView = await disclosures.publicView(ctx.params.id);
    ctx.set('Cache-Control', 'no-store');
    ctx.body = body;
  });

  router.get('/public/disclosures/:id/attachments/:attachmentId', async (ctx) => {
    sendFile(ctx, await disclosures.attachmentBytes(null, ctx.params.id, ctx.params.attachmentId));
  });

  router.post('/public/disclosures/:id/feedback', async (ctx) => {
    const input = validateInput(PublicFeedbackDto, ctx.request.body);
    const body: CreateFeedbackResponse = await disclosures.publicFeedback(ctx.params.id, input, ctx.ip, auditCtx(ctx));
    ctx.status = 201;
    ctx.body = body;
  });
}
