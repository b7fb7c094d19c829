import type { AnnualReport, ReportOverview } from '@djzy/shared';
import { principalOf, type AppRouter } from '../../core/http';
import { validateInput } from '../../core/validate';
import { annualDocx, annualXlsx } from './report.documents';
import { ReportQueryDto } from './report.dto';
import type { ReportService } from './report.service';

const DOCX = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

const attachment = (name: string, ext: string) =>
  `attachment; filename="report.${ext}"; filename*=UTF-8''${encodeURIComponent(`${name}.${ext}`)}`;
const titleOf = (r: AnnualReport) => `${r.orgName}${r.year}年度抓基层党建工作述职报告`;

export function reportRoutes(router: AppRouter, reports: ReportService) {
  router.get('/reports/annual', async (ctx) => {
    const body: AnnualReport = await reports.annual(principalOf(ctx), validateInput(ReportQueryDto, ctx.query));
    ctx.body = body;
  });

  router.get('/reports/annual.docx', async (ctx) => {
    const report = await reports.annual(principalOf(ctx), validateInput(ReportQueryDto, ctx.query));
    ctx.set('Content-Type', DOCX);
    ctx.set('Content-Disposition', attachment(titleOf(report), 'docx'));
    ctx.body = await annualDocx(report);
  });

  router.get('/reports/annual.xlsx', async (ctx) => {
    const report = await reports.annual(principalOf(ctx), validateInput(ReportQueryDto, ctx.query));
    ctx.set('Content-Type', XLSX);
    ctx.set('Content-Disposition', attachment(`${titleOf(report)}-数据`, 'xlsx'));
    ctx.body = await annualXlsx(report);
  });

  router.get('/reports/overview', async (ctx) => {
    const body: ReportOverview = await reports.overview(principalOf(ctx), validateInput(ReportQueryDto, ctx.query));
    ctx.body = body;
  });
}
