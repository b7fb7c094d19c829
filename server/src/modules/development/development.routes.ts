import type {
  DevelopmentImportResult,
  DevelopmentCaseSummary,
  DevelopmentCaseView,
  DevelopmentPlanView,
  MyDevelopmentView,
  WorkdayCalendarView,
} from '@djzy/shared';
import { auditCtx, principalOf, type AppRouter } from '../../core/http';
import { readUpload } from '../../core/upload';
import { validateInput } from '../../core/validate';
import {
  AddDevelopmentStepDto,
  CalendarDayQueryDto,
  ImportQueryDto,
  CalendarQueryDto,
  CaseListQueryDto,
  CreateDevelopmentCaseDto,
  PlanQueryDto,
  SetCalendarDayDto,
  SetPlanDto,
} from './development.dto';
import type { DevelopmentImport } from './development.import';
import type { DevelopmentService } from './development.service';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

export function developmentRoutes(router: AppRouter, development: DevelopmentService, imports: DevelopmentImport) {
  // Excel import of cases under way (all rows or none), and its template — before `/:id`.
  router.get('/development-cases/import-template.xlsx', async (ctx) => {
    principalOf(ctx);
    ctx.set('Content-Type', XLSX);
    ctx.set(
      'Content-Disposition',
      `attachment; filename="development-template.xlsx"; filename*=UTF-8''${encodeURIComponent('发展党员导入模板.xlsx')}`,
    );
    ctx.body = await imports.template();
  });

  router.post('/development-cases/import', async (ctx) => {
    const q = validateInput(ImportQueryDto, ctx.query);
    const p = principalOf(ctx);
    const file = await readUpload(ctx, 'file');
    const body: DevelopmentImportResult = await imports.import(p, q.orgId, file.data, auditCtx(ctx));
    ctx.body = body;
  });

  router.get('/development-cases', async (ctx) => {
    const q = validateInput(CaseListQueryDto, ctx.query);
    const body: DevelopmentCaseSummary[] = await development.list(principalOf(ctx), q);
    ctx.body = body;
  });

  router.get('/development-cases/mine', async (ctx) => {
    const body: MyDevelopmentView = await development.mine(principalOf(ctx));
    ctx.body = body;
  });

  router.post('/development-cases', async (ctx) => {
    const input = validateInput(CreateDevelopmentCaseDto, ctx.request.body);
    const body: DevelopmentCaseView = await development.create(principalOf(ctx), input, auditCtx(ctx));
    ctx.status = 201;
    ctx.body = body;
  });

  router.get('/development-cases/:id', async (ctx) => {
    const body: DevelopmentCaseView = await development.get(principalOf(ctx), ctx.params.id);
    ctx.body = body;
  });

  router.post('/development-cases/:id/steps', async (ctx) => {
    const input = validateInput(AddDevelopmentStepDto, ctx.request.body);
    const body: DevelopmentCaseView = await development.addStep(principalOf(ctx), ctx.params.id, input, auditCtx(ctx));
    ctx.status = 201;
    ctx.body = body;
  });

  router.get('/development-plans', async (ctx) => {
    const q = validateInput(PlanQueryDto, ctx.query);
    const body: DevelopmentPlanView = await development.plan(principalOf(ctx), q.orgId, q.year);
    ctx.body = body;
  });

  router.put('/development-plans', async (ctx) => {
    const input = validateInput(SetPlanDto, ctx.request.body);
    const body: DevelopmentPlanView = await development.setPlan(principalOf(ctx), input, auditCtx(ctx));
    ctx.body = body;
  });

  router.get('/workday-calendar', async (ctx) => {
    const q = validateInput(CalendarQueryDto, ctx.query);
    const body: WorkdayCalendarView = await development.calendar(principalOf(ctx), q.orgId, q.year);
    ctx.body = body;
  });

  router.put('/workday-calendar', async (ctx) => {
    const input = validateInput(SetCalendarDayDto, ctx.request.body);
    const body: WorkdayCalendarView = await development.setCalendarDay(principalOf(ctx), input, auditCtx(ctx));
    ctx.body = body;
  });

  router.delete('/workday-calendar', async (ctx) => {
    const q = validateInput(CalendarDayQueryDto, ctx.query);
    await development.deleteCalendarDay(principalOf(ctx), q.orgId, q.day, auditCtx(ctx));
    ctx.status = 204;
  });
}
