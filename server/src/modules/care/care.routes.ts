import type { CareSettingsView, CareVisitView, HardshipView, MyCareVisit } from '@djzy/shared';
import { auditCtx, principalOf, type AppRouter } from '../../core/http';
import { validateInput } from '../../core/validate';
import {
  CareSettingsQueryDto,
  CareVisitListQueryDto,
  CreateCareVisitDto,
  CreateHardshipDto,
  HardshipListQueryDto,
  ResolveHardshipDto,
  ReviewHardshipDto,
  SetCareSettingsDto,
} from './care.dto';
import type { CareService } from './care.service';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

export function careRoutes(router: AppRouter, care: CareService) {
  // ── 困难党员 (committee only) ────────────────────────────────────────────────────────────
  router.get('/hardships', async (ctx) => {
    const q = validateInput(HardshipListQueryDto, ctx.query);
    const body: HardshipView[] = await care.hardships(principalOf(ctx), q);
    ctx.body = body;
  });

  router.post('/hardships', async (ctx) => {
    const input = validateInput(CreateHardshipDto, ctx.request.body);
    const body: HardshipView = await care.createHardship(principalOf(ctx), input, auditCtx(ctx));
    ctx.status = 201;
    ctx.body = body;
  });

  router.get('/hardships/:id', async (ctx) => {
    const body: HardshipView = await care.hardship(principalOf(ctx), ctx.params.id);
    ctx.body = body;
  });

  router.post('/hardships/:id/review', async (ctx) => {
    const input = validateInput(ReviewHardshipDto, ctx.request.body);
    const body: HardshipView = await care.reviewHardship(principalOf(ctx), ctx.params.id, input, auditCtx(ctx));
    ctx.body = body;
  });

  router.post('/hardships/:id/resolve', async (ctx) => {
    const input = validateInput(ResolveHardshipDto, ctx.request.body);
    const body: HardshipView = await care.resolveHardship(principalOf(ctx), ctx.params.id, input, auditCtx(ctx));
    ctx.body = body;
  });

  // ── 慰问记录 ─────────────────────────────────────────────────────────────────────────────
  router.get('/care-visits', async (ctx) => {
    const q = validateInput(CareVisitListQueryDto, ctx.query);
    const body: CareVisitView[] = await care.careVisits(principalOf(ctx), q);
    ctx.body = body;
  });

  router.get('/care-visits.xlsx', async (ctx) => {
    const q = validateInput(CareVisitListQueryDto, ctx.query);
    const { filename, data } = await care.visitsXlsx(principalOf(ctx), q);
    ctx.set('Content-Type', XLSX);
    ctx.set('Content-Disposition', `attachment; filename="care-visits.xlsx"; filename*=UTF-8''${encodeURIComponent(filename)}`);
    ctx.body = data;
  });

  router.get('/care-visits/mine', async (ctx) => {
    const body: MyCareVisit[] = await care.myVisits(principalOf(ctx));
    ctx.body = body;
  });

  router.post('/care-visits', async (ctx) => {
    const input = validateInput(CreateCareVisitDto, ctx.request.body);
    const body: CareVisitView[] = await care.createCareVisit(principalOf(ctx), input, auditCtx(ctx));
    ctx.status = 201;
    ctx.body = body;
  });

  router.delete('/care-visits/:id', async (ctx) => {
    await care.deleteCareVisit(principalOf(ctx), ctx.params.id, auditCtx(ctx));
    ctx.status = 204;
  });

  // ── the 七一 / 春节 windows ──────────────────────────────────────────────────────────────
  router.get('/care/settings', async (ctx) => {
    const q = validateInput(CareSettingsQueryDto, ctx.query);
    const body: CareSettingsView = await care.settings(principalOf(ctx), q.orgId, q.year);
    ctx.body = body;
  });

  router.put('/care/settings', async (ctx) => {
    const input = validateInput(SetCareSettingsDto, ctx.request.body);
    const body: CareSettingsView = await care.setSettings(principalOf(ctx), input, auditCtx(ctx));
    ctx.body = body;
  });
}
