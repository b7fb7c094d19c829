import {
  RECORD_IMPORT_KINDS,
  type BranchRatingRow,
  type BranchRatingView,
  type CommendationView,
  type RecordImportKind,
  type RecordImportResult,
  type SiteInvestmentView,
  type SiteView,
  type TalkView,
  type VisitView,
} from '@djzy/shared';
import { auditCtx, principalOf, type AppContext, type AppRouter } from '../../core/http';
import { readUpload } from '../../core/upload';
import { validateInput } from '../../core/validate';
import {
  BranchRatingQueryDto,
  CreateCommendationDto,
  CreateSiteDto,
  CreateSiteInvestmentDto,
  CreateTalkDto,
  CreateVisitDto,
  ImportQueryDto,
  RecordListQueryDto,
  SetBranchRatingDto,
  UpdateSiteDto,
} from './records.dto';
import type { RecordsImport } from './records.import';
import type { RecordsService } from './records.service';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const TEMPLATE_NAMES = { visits: '调研走访', talks: '谈心谈话', sites: '党建阵地', commendations: '选树表彰' } as const;

export function recordsRoutes(router: AppRouter, records: RecordsService, imports: RecordsImport) {
  // ── Excel import (all rows or none) and its template, for each kind ────────────────────
  const importFile = async (ctx: AppContext, kind: RecordImportKind) => {
    const q = validateInput(ImportQueryDto, ctx.query);
    const p = principalOf(ctx);
    const file = await readUpload(ctx, 'file');
    const body: RecordImportResult = await imports.import(p, kind, q.orgId, file.data, auditCtx(ctx));
    ctx.body = body;
  };
  router.post('/visits/import', (ctx) => importFile(ctx, 'visits'));
  router.post('/talks/import', (ctx) => importFile(ctx, 'talks'));
  router.post('/sites/import', (ctx) => importFile(ctx, 'sites'));
  router.post('/commendations/import', (ctx) => importFile(ctx, 'commendations'));

  for (const kind of RECORD_IMPORT_KINDS)
    router.get(`/${kind}/import-template.xlsx`, async (ctx) => {
      principalOf(ctx);
      ctx.set('Content-Type', XLSX);
      ctx.set(
        'Content-Disposition',
        `attachment; filename="${kind}-template.xlsx"; filename*=UTF-8''${encodeURIComponent(`${TEMPLATE_NAMES[kind]}导入模板.xlsx`)}`,
      );
      ctx.body = await imports.template(kind);
    });

  // ── 调研走访 ─────────────────────────────────────────────────────────────────────────────
  router.get('/visits', async (ctx) => {
    const q = validateInput(RecordListQueryDto, ctx.query);
    const body: VisitView[] = await records.visits(principalOf(ctx), q);
    ctx.body = body;
  });

  router.post('/visits', async (ctx) => {
    const input = validateInput(CreateVisitDto, ctx.request.body);
    const body: VisitView = await records.createVisit(principalOf(ctx), input, auditCtx(ctx));
    ctx.status = 201;
    ctx.body = body;
  });

  router.delete('/visits/:id', async (ctx) => {
    await records.deleteVisit(principalOf(ctx), ctx.params.id, auditCtx(ctx));
    ctx.status = 204;
  });

  // ── 谈心谈话 ─────────────────────────────────────────────────────────────────────────────
  router.get('/talks', async (ctx) => {
    const q = validateInput(RecordListQueryDto, ctx.query);
    const body: TalkView[] = await records.talks(principalOf(ctx), q);
    ctx.body = body;
  });

  router.post('/talks', async (ctx) => {
    const input = validateInput(CreateTalkDto, ctx.request.body);
    const body: TalkView[] = await records.createTalks(principalOf(ctx), input, auditCtx(ctx));
    ctx.status = 201;
    ctx.body = body;
  });

  router.delete('/talks/:id', async (ctx) => {
    await records.deleteTalk(principalOf(ctx), ctx.params.id, auditCtx(ctx));
    ctx.status = 204;
  });

  // ── 党建阵地 ─────────────────────────────────────────────────────────────────────────────
  router.get('/sites', async (ctx) => {
    const q = validateInput(RecordListQueryDto, ctx.query);
    const body: SiteView[] = await records.sites(principalOf(ctx), q);
    ctx.body = body;
  });

  router.post('/sites', async (ctx) => {
    const input = validateInput(CreateSiteDto, ctx.request.body);
    const body: SiteView = await records.createSite(principalOf(ctx), input, auditCtx(ctx));
    ctx.status = 201;
    ctx.body = body;
  });

  router.patch('/sites/:id', async (ctx) => {
    const input = validateInput(UpdateSiteDto, ctx.request.body);
    const body: SiteView = await records.updateSite(principalOf(ctx), ctx.params.id, input, auditCtx(ctx));
    ctx.body = body;
  });

  router.delete('/sites/:id', async (ctx) => {
    await records.deleteSite(principalOf(ctx), ctx.params.id, auditCtx(ctx));
    ctx.status = 204;
  });

  router.post('/sites/:id/investments', async (ctx) => {
    const input = validateInput(CreateSiteInvestmentDto, ctx.request.body);
    const body: SiteInvestmentView = await records.addInvestment(principalOf(ctx), ctx.params.id, input, auditCtx(ctx));
    ctx.status = 201;
    ctx.body = body;
  });

  router.delete('/sites/:id/investments/:investmentId', async (ctx) => {
    await records.deleteInvestment(principalOf(ctx), ctx.params.id, ctx.params.investmentId, auditCtx(ctx));
    ctx.status = 204;
  });

  // ── 支部评定 ─────────────────────────────────────────────────────────────────────────────
  router.get('/branch-ratings', async (ctx) => {
    const q = validateInput(BranchRatingQueryDto, ctx.query);
    const body: BranchRatingRow[] = await records.ratings(principalOf(ctx), q);
    ctx.body = body;
  });

  router.put('/branch-ratings', async (ctx) => {
    const input = validateInput(SetBranchRatingDto, ctx.request.body);
    const body: BranchRatingView = await records.setRating(principalOf(ctx), input, auditCtx(ctx));
    ctx.body = body;
  });

  // ── 选树表彰 ─────────────────────────────────────────────────────────────────────────────
  router.get('/commendations', async (ctx) => {
    const q = validateInput(RecordListQueryDto, ctx.query);
    const body: CommendationView[] = await records.commendations(principalOf(ctx), q);
    ctx.body = body;
  });

  router.post('/commendations', async (ctx) => {
    const input = validateInput(CreateCommendationDto, ctx.request.body);
    const body: CommendationView = await records.createCommendation(principalOf(ctx), input, auditCtx(ctx));
    ctx.status = 201;
    ctx.body = body;
  });

  router.delete('/commendations/:id', async (ctx) => {
    await records.deleteCommendation(principalOf(ctx), ctx.params.id, auditCtx(ctx));
    ctx.status = 204;
  });
}
