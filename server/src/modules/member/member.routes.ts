import type { ImportResult, MemberDetail, MemberSummary, OrgTreeResponse, Page } from '@djzy/shared';
import { auditCtx, principalOf, type AppRouter } from '../../core/http';
import { readUpload } from '../../core/upload';
import { validateInput } from '../../core/validate';
import { CreateMemberDto, ExportQueryDto, MemberListQueryDto, RevealQueryDto, UpdateMemberDto } from './member.dto';
import type { MemberService } from './member.service';
import type { RosterService } from './roster.service';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

function attachment(filename: string): string {
  return `attachment; filename="roster.xlsx"; filename*=UTF-8''${encodeURIComponent(filename)}`;
}

export function memberRoutes(router: AppRouter, members: MemberService, roster: RosterService) {
  router.get('/orgs', async (ctx) => {
    const body: OrgTreeResponse = await members.orgTree(principalOf(ctx));
    ctx.body = body;
  });

  router.get('/members', async (ctx) => {
    const q = validateInput(MemberListQueryDto, ctx.query);
    const body: Page<MemberSummary> = await members.list(principalOf(ctx), q, auditCtx(ctx));
    ctx.body = body;
  });

  router.post('/members/import', async (ctx) => {
    const p = principalOf(ctx);
    const file = await readUpload(ctx, 'file');
    const body: ImportResult = await roster.import(p, file.data, auditCtx(ctx));
    ctx.body = body;
  });

  router.get('/members/export.xlsx', async (ctx) => {
    const q = validateInput(ExportQueryDto, ctx.query);
    const data = await roster.export(principalOf(ctx), q.orgId, !!q.reveal, auditCtx(ctx));
    ctx.set('Content-Type', XLSX);
    ctx.set('Content-Disposition', attachment('党员名册.xlsx'));
    ctx.body = data;
  });

  router.get('/members/import-template.xlsx', async (ctx) => {
    principalOf(ctx);
    ctx.set('Content-Type', XLSX);
    ctx.set('Content-Disposition', attachment('党员名册导入模板.xlsx'));
    ctx.body = await roster.template();
  });

  router.post('/members', async (ctx) => {
    const input = validateInput(CreateMemberDto, ctx.request.body);
    const body: MemberDetail = await members.create(principalOf(ctx), input, auditCtx(ctx));
    ctx.status = 201;
    ctx.body = body;
  });

  router.get('/members/:id', async (ctx) => {
    const q = validateInput(RevealQueryDto, ctx.query);
    const body: MemberDetail = await members.get(principalOf(ctx), ctx.params.id, !!q.reveal, auditCtx(ctx));
    ctx.body = body;
  });

  router.patch('/members/:id', async (ctx) => {
    const input = validateInput(UpdateMemberDto, ctx.request.body);
    const body: MemberDetail = await members.update(principalOf(ctx), ctx.params.id, input, auditCtx(ctx));
    ctx.body = body;
  });
}
